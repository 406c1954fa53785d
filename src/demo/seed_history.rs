//! What a seeded application has been through, so its review page reads like a real one: the
//! audit history (received, claimed, decided), the decision with its reasons or the documents
//! asked for, a note now and then, a list hit on some (open while the application waits,
//! dismissed once it was decided) and near-identical selfies on others.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::applications::Rng;
use crate::{
    audit::{self, Actor, Dated, Entry},
    auth::Role,
    db::{
        Db, Tx,
        bulk::{V, insert},
    },
    intake::input::NewApplication,
    screening::{names::fold, score},
    staff::{self, FullName, Login, NewAccount},
    with_db, with_tx,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One in this many applications has a note, a list hit, a near-identical selfie.
const NOTE_EVERY: u64 = 10;
const HIT_EVERY: u64 = 50;
const MATCH_EVERY: u64 = 25;

const REASONS: &[&str] =
    &["doc_unreadable", "selfie_mismatch", "data_mismatch", "duplicate", "fraud_suspected"];
const NOTES: &[&str] = &[
    "Позвонила заявителю: место работы подтвердил.",
    "Фото документа с бликом, но номер читается.",
    "Телефон контактного лица совпадает с другой заявкой, родственник.",
    "Өтініш берушімен сөйлестім, мекенжайын растады.",
];

/// Who decided the seeded applications, and the list their hits are on.
pub struct Seeders {
    verifier: Actor,
    verifier_id: i64,
    officer_id: i64,
    client: Actor,
    list_id: i64,
    version_id: i64,
}

/// The rows of one batch.
#[derive(Default)]
pub struct Rows<'a> {
    audit: Vec<Dated<'a>>,
    decisions: Vec<Vec<V>>,
    notes: Vec<Vec<V>>,
    entries: Vec<Vec<V>>,
    /// The hits, each with the external id of its entry in place of the entry's id.
    hits: Vec<(String, Vec<V>)>,
    matches: Vec<Vec<V>>,
}

async fn account(db: &Db, login: &str, name: &str, role: Role) -> Result<(i64, Actor), BoxError> {
    let found: Option<i64> = with_db!(db, |c| sqlx::query_scalar("SELECT id FROM staff WHERE login = $1")
        .bind(login)
        .fetch_optional(c)
        .await)?;
    let id = match found {
        Some(id) => id,
        None => {
            let mut bytes = [0u8; 24];
            getrandom::fill(&mut bytes)?;
            let new = NewAccount {
                login: &Login::parse(login).map_err(|_| "seed login")?,
                full_name: &FullName::parse(name).map_err(|_| "seed name")?,
                roles: &[role],
                language: None,
                password: hex::encode(bytes),
                must_change_password: false,
            };
            staff::create_account(db, &Actor::System("seed"), None, new).await?
        }
    };
    Ok((id, Actor::Staff { id, login: login.to_string() }))
}

impl Seeders {
    /// The seed's verifier and compliance officer (made once) and a new version of the seed's
    /// list.
    pub async fn prepare(db: &Db, client_id: i64, now: OffsetDateTime) -> Result<Seeders, BoxError> {
        let (verifier_id, verifier) = account(db, "seed-verifier", "Сейіт Тексеруші", Role::Verifier).await?;
        let (officer_id, _) = account(db, "seed-officer", "Комплаенс Офицер", Role::Compliance).await?;
        let mut tx = db.begin().await?;
        let list_id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO screening_lists (name, created_at) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"
        )
        .bind("Seed PEPs")
        .bind(now)
        .fetch_one(c)
        .await)?;
        let version_id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO list_versions (list_id, version, format, file_name, encoding, imported_at,
                                        entries, added, changed, removed, skipped, screen_state)
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM list_versions WHERE list_id = $1),
                     'plain', 'seed.csv', 'utf-8', $2, 0, 0, 0, 0, 0, 'done') RETURNING id"
        )
        .bind(list_id)
        .bind(now)
        .fetch_one(c)
        .await)?;
        tx.commit().await?;
        let client = Actor::Api { id: client_id, name: "seed".into() };
        Ok(Seeders { verifier, verifier_id, officer_id, client, list_id, version_id })
    }

    /// Adds the history of application `id` (seeded as `status`, received at `received`, its
    /// selfie stored as photo `selfie`) to `rows`; returns its compliance state.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        rows: &mut Rows<'_>,
        rng: &mut Rng,
        i: u64,
        id: i64,
        app: &NewApplication,
        status: &str,
        received: OffsetDateTime,
        selfie: i64,
    ) -> Option<&'static str> {
        let subject = |e: Entry<'static>| e.subject("application", id);
        rows.audit.push(Dated {
            at: received,
            entry: subject(Entry::new(&self.client, "application.received"))
                .details(json!({ "external_id": app.external_id, "photos": 3 }))
                .ip("10.0.0.5"),
        });
        let decided_at = received + Duration::hours(2);
        if status != "pending" {
            rows.audit.push(Dated {
                at: decided_at - Duration::minutes(6),
                entry: subject(Entry::new(&self.verifier, "application.claimed")).ip("10.20.0.14"),
            });
            let (action, reasons, documents, message) = match status {
                "approved" => ("application.approved", String::new(), String::new(), None),
                "rejected" => {
                    let reason = REASONS[rng.below(REASONS.len() as u64) as usize];
                    ("application.rejected", reason.to_string(), String::new(), None)
                }
                _ => (
                    "application.resubmission-requested",
                    String::new(),
                    "selfie".to_string(),
                    Some("Переснимите, пожалуйста, селфи при дневном свете, без очков.".to_string()),
                ),
            };
            let mut details = json!({ "version": 1 });
            if !reasons.is_empty() {
                details["reasons"] = json!(reasons);
            }
            if !documents.is_empty() {
                details["documents"] = json!(documents);
            }
            rows.audit.push(Dated {
                at: decided_at,
                entry: subject(Entry::new(&self.verifier, action)).details(details).ip("10.20.0.14"),
            });
            rows.decisions.push(vec![
                V::Int(id),
                V::Int(1),
                V::Text(status.into()),
                V::Text(reasons),
                V::Text(documents),
                V::OptText(message),
                V::Int(self.verifier_id),
                V::Time(decided_at),
            ]);
        }
        if i % NOTE_EVERY == 3 {
            let at = received + Duration::minutes(90);
            rows.notes.push(vec![
                V::Int(id),
                V::Int(self.verifier_id),
                V::Text(NOTES[rng.below(NOTES.len() as u64) as usize].into()),
                V::Time(at),
            ]);
            rows.audit.push(Dated {
                at,
                entry: subject(Entry::new(&self.verifier, "application.note-added")).ip("10.20.0.14"),
            });
        }
        if i % MATCH_EVERY == 7 && i >= 7 {
            // The selfie of the application seeded seven before this one (three photos each).
            let other = selfie - 21;
            let distance = 3 + rng.below(6) as i64;
            rows.matches.push(vec![V::Int(selfie), V::Int(other), V::Int(distance)]);
            rows.matches.push(vec![V::Int(other), V::Int(selfie), V::Int(distance)]);
        }
        if i % HIT_EVERY == 11 {
            return self.hit(rows, id, app, status, received, decided_at);
        }
        None
    }

    /// A list entry in Latin letters for the applicant, and its hit: open while the application
    /// waits (same birth date), dismissed once decided (another birth date).
    fn hit(
        &mut self,
        rows: &mut Rows<'_>,
        id: i64,
        app: &NewApplication,
        status: &str,
        received: OffsetDateTime,
        decided_at: OffsetDateTime,
    ) -> Option<&'static str> {
        let open = status == "pending";
        let born = if open {
            app.birth_date
        } else {
            app.birth_date.replace_year(app.birth_date.year() - 3).ok()?
        };
        let latin = |w: &str| {
            let f = fold(w).0;
            let mut c = f.chars();
            c.next().map(|h| h.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        };
        let name = format!("{} {}", latin(&app.last_name), latin(&app.first_name));
        let person = score::Person::new(
            &app.last_name,
            &app.first_name,
            app.patronymic.as_deref().unwrap_or(""),
            Some(app.birth_date),
            &app.citizenship,
        );
        let entry = score::Entry {
            names: vec![name.clone()],
            birth_dates: score::ListDate::parse(&born.to_string()).into_iter().collect(),
            countries: vec!["kz".into()],
        };
        let explanation = score::score(&person, &entry)?;
        let external_id = format!("seed-{id}");
        let hash = format!("seed-{}-{id}", self.version_id);
        rows.entries.push(vec![
            V::Int(self.list_id),
            V::Text(external_id.clone()),
            V::Text(name),
            V::Text(String::new()),
            V::Text(born.to_string()),
            V::Text("kz".into()),
            V::Text("Депутат маслихата".into()),
            V::Text("Seed PEPs".into()),
            V::Text(hash.clone()),
            V::Int(self.version_id),
        ]);
        rows.hits.push((
            external_id,
            vec![
                V::Int(id),
                V::Int(self.version_id),
                V::Text(hash),
                V::OptReal(Some(explanation.score)),
                V::Text(serde_json::to_string(&explanation).unwrap_or_else(|_| "{}".into())),
                V::Text(if open { "open" } else { "dismissed" }.into()),
                V::Time(received),
                V::OptInt((!open).then_some(self.officer_id)),
                V::OptTime((!open).then_some(decided_at - Duration::minutes(30))),
                V::OptText((!open).then(|| "Другой человек: дата рождения не совпадает.".to_string())),
            ],
        ));
        open.then_some("review")
    }
}

/// Writes `rows` inside `tx` (after the applications and photos they refer to).
pub async fn write(tx: &mut Tx, rows: Rows<'_>) -> Result<(), sqlx::Error> {
    audit::append_many(tx, &rows.audit).await?;
    let decision_columns =
        ["application_id", "version", "outcome", "reasons", "documents", "message", "staff_id", "decided_at"];
    insert(tx, "decisions", &decision_columns, &rows.decisions).await?;
    insert(tx, "application_notes", &["application_id", "staff_id", "body", "created_at"], &rows.notes)
        .await?;
    insert(tx, "list_entries", crate::screening::lists::ENTRY_COLUMNS, &rows.entries).await?;
    if let Some(V::Int(version_id)) = rows.entries.first().and_then(|e| e.last()) {
        let ids: Vec<(i64, String)> = with_tx!(tx, |c| sqlx::query_as(
            "SELECT id, external_id FROM list_entries WHERE version_id = $1"
        )
        .bind(*version_id)
        .fetch_all(c)
        .await)?;
        let ids: std::collections::HashMap<String, i64> = ids.into_iter().map(|(id, e)| (e, id)).collect();
        let hits: Vec<Vec<V>> = rows
            .hits
            .into_iter()
            .filter_map(|(external, mut row)| {
                row.insert(1, V::Int(*ids.get(&external)?));
                Some(row)
            })
            .collect();
        insert(tx, "screening_hits", &HIT_COLUMNS, &hits).await?;
    }
    insert(tx, "photo_matches", &["photo_id", "other_photo_id", "distance"], &rows.matches).await
}

const HIT_COLUMNS: [&str; 11] = [
    "application_id",
    "entry_id",
    "version_id",
    "entry_hash",
    "score",
    "explanation",
    "status",
    "found_at",
    "decided_by",
    "decided_at",
    "comment",
];

/// After the last batch: the list version's counts.
pub async fn finish(db: &Db, seeders: &Seeders) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE list_versions SET entries = (SELECT COUNT(*) FROM list_entries WHERE version_id = $1),
                                  added = (SELECT COUNT(*) FROM list_entries WHERE version_id = $1)
         WHERE id = $1"
    )
    .bind(seeders.version_id)
    .execute(c)
    .await
    .map(|_| ()))?;
    if let Tx::Pg(t) = &mut tx {
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('list_entries', 'id'), (SELECT MAX(id) FROM list_entries))",
        )
        .execute(&mut **t)
        .await?;
    }
    tx.commit().await
}
