//! Screening applications against the lists: one application at intake (through the key
//! index), and every application again after a list changes (only against the entries the
//! change touched, in the background, with progress kept on the list version).

use std::collections::{HashMap, HashSet};

use sqlx::FromRow;
use time::{Date, OffsetDateTime};

use super::{
    compliance,
    file::entry_for_scoring,
    names::lookup_keys,
    score::{self, Explanation, Person},
};
use crate::{
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// A list entry as screening reads it.
#[derive(Clone, Debug, FromRow)]
pub struct StoredEntry {
    pub id: i64,
    pub name: String,
    pub aliases: String,
    pub birth_dates: String,
    pub countries: String,
    pub content_hash: String,
    pub version_id: i64,
}

impl StoredEntry {
    fn scored(&self) -> score::Entry {
        entry_for_scoring(&self.name, &self.aliases, &self.birth_dates, &self.countries)
    }
}

/// The applicant fields screening needs.
#[derive(Clone, Debug, FromRow)]
pub struct Applicant {
    pub id: i64,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub birth_date: Date,
    pub citizenship: String,
}

impl Applicant {
    pub fn person(&self) -> Person {
        Person::new(
            &self.last_name,
            &self.first_name,
            self.patronymic.as_deref().unwrap_or(""),
            Some(self.birth_date),
            &self.citizenship,
        )
    }
}

/// A found match, to be stored.
#[derive(Clone, Debug)]
pub struct Found {
    pub application_id: i64,
    pub entry_id: i64,
    pub version_id: i64,
    pub entry_hash: String,
    pub explanation: Explanation,
}

/// Candidates fetched for one applicant at most; a hit found among this many says a cap was
/// reached ([`Explanation::capped`]).
pub const MAX_CANDIDATES: usize = 500;

/// Candidates the re-screen gathers for one applicant before it keeps the first
/// [`MAX_CANDIDATES`] by id, as intake's lookup does.
const GATHERED: usize = 10 * MAX_CANDIDATES;

/// Current entries sharing an index key with `person`: the first [`MAX_CANDIDATES`] by id, and
/// one more when there are more (which [`matches`] takes as the cap reached).
pub async fn candidates(db: &Db, person: &Person) -> Result<Vec<StoredEntry>, sqlx::Error> {
    let keys = lookup_keys(&person.name_words());
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let sql = candidates_sql(keys.len());
    with_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for k in &keys {
            q = q.bind(k.as_str());
        }
        q.fetch_all(c).await
    })
}

fn candidates_sql(keys: usize) -> String {
    let list = (1..=keys).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT e.id, e.name, e.aliases, e.birth_dates, e.countries, e.content_hash, e.version_id
         FROM list_entries e
         WHERE e.id IN (SELECT entry_id FROM list_entry_keys WHERE key IN ({list}))
         ORDER BY e.id LIMIT {}",
        MAX_CANDIDATES + 1
    )
}

/// Scores `person` against the candidates and keeps those at or above `threshold`, best first.
/// More than [`MAX_CANDIDATES`] candidates marks every hit as capped (the rest are not scored).
pub fn matches(
    person: &Person,
    candidates: &[StoredEntry],
    threshold: f64,
) -> Vec<(StoredEntry, Explanation)> {
    let capped = candidates.len() > MAX_CANDIDATES;
    let mut out: Vec<(StoredEntry, Explanation)> = candidates[..candidates.len().min(MAX_CANDIDATES)]
        .iter()
        .filter_map(|e| {
            let mut x = score::score(person, &e.scored()).filter(|x| x.score >= threshold)?;
            x.capped |= capped;
            Some((e.clone(), x))
        })
        .collect();
    out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    out
}

/// Screens one application inside `tx` (intake, resubmission): stores new hits and updates
/// its compliance state. Returns the number of new hits.
pub async fn screen_application(tx: &mut Tx, app: &Applicant, threshold: f64) -> Result<usize, sqlx::Error> {
    let person = app.person();
    let keys = lookup_keys(&person.name_words());
    let found: Vec<StoredEntry> = if keys.is_empty() {
        Vec::new()
    } else {
        let sql = candidates_sql(keys.len());
        with_tx!(tx, |c| {
            let mut q = sqlx::query_as(&sql);
            for k in &keys {
                q = q.bind(k.as_str());
            }
            q.fetch_all(&mut *c).await
        })?
    };
    let hits: Vec<Found> = matches(&person, &found, threshold)
        .into_iter()
        .map(|(e, explanation)| Found {
            application_id: app.id,
            entry_id: e.id,
            version_id: e.version_id,
            entry_hash: e.content_hash,
            explanation,
        })
        .collect();
    let n = store_hits(tx, &hits).await?;
    compliance::refresh(tx, app.id).await?;
    Ok(n)
}

/// Stores hits that are new: a pair already found with the same entry content (open, decided
/// or dismissed) is left as it is.
pub async fn store_hits(tx: &mut Tx, hits: &[Found]) -> Result<usize, sqlx::Error> {
    let now = db::now();
    let mut stored = 0;
    for h in hits {
        let explanation = serde_json::to_string(&h.explanation).unwrap_or_else(|_| "{}".into());
        let done = with_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO screening_hits (application_id, entry_id, version_id, entry_hash, score, explanation,
                                         status, found_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)
             ON CONFLICT (application_id, entry_id, entry_hash) DO NOTHING"
        )
        .bind(h.application_id)
        .bind(h.entry_id)
        .bind(h.version_id)
        .bind(&h.entry_hash)
        .bind(h.explanation.score)
        .bind(explanation)
        .bind(now)
        .execute(&mut *c)
        .await.map(|r| r.rows_affected() > 0)
        })?;
        stored += usize::from(done);
    }
    Ok(stored)
}

/// Re-screens every application against the entries that `version_id` added or changed, and
/// withdraws open hits on entries it changed or removed. Progress is kept on the version
/// (`screen_done` of `screen_total`) for the lists page; `progress` is told it too.
pub async fn rescreen_version(
    db: &Db,
    version_id: i64,
    threshold: f64,
    mut progress: impl FnMut(i64, i64),
) -> Result<i64, sqlx::Error> {
    let entries: Vec<StoredEntry> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, aliases, birth_dates, countries, content_hash, version_id
         FROM list_entries WHERE version_id = $1 AND removed_in IS NULL ORDER BY id"
    )
    .bind(version_id)
    .fetch_all(c)
    .await)?;
    // Open hits on an entry whose content changed or that left the list no longer hold.
    let mut tx = db.begin().await?;
    let withdrawn: Vec<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "UPDATE screening_hits SET status = 'withdrawn'
         WHERE status = 'open' AND entry_id IN
               (SELECT id FROM list_entries WHERE removed_in = $1 OR version_id = $1)
           AND entry_hash <> (SELECT content_hash FROM list_entries e WHERE e.id = screening_hits.entry_id
                              AND e.removed_in IS NULL)
         RETURNING application_id"
    )
    .bind(version_id)
    .fetch_all(&mut *c)
    .await)?;
    let removed: Vec<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "UPDATE screening_hits SET status = 'withdrawn'
         WHERE status = 'open' AND entry_id IN (SELECT id FROM list_entries WHERE removed_in = $1)
         RETURNING application_id"
    )
    .bind(version_id)
    .fetch_all(&mut *c)
    .await)?;
    for app in withdrawn.iter().chain(&removed).collect::<HashSet<_>>() {
        compliance::refresh(&mut tx, *app).await?;
    }
    tx.commit().await?;
    rescreen(db, &entries, threshold, Some(version_id), &mut progress).await
}

/// Re-screens every application against every current entry of every list.
pub async fn rescreen_all(
    db: &Db,
    threshold: f64,
    mut progress: impl FnMut(i64, i64),
) -> Result<i64, sqlx::Error> {
    let entries: Vec<StoredEntry> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, aliases, birth_dates, countries, content_hash, version_id
         FROM list_entries WHERE removed_in IS NULL ORDER BY id"
    )
    .fetch_all(c)
    .await)?;
    rescreen(db, &entries, threshold, None, &mut progress).await
}

/// Streams all applications in id order, in pages, and scores those that share a key with one
/// of `entries`. Hits are written per page.
async fn rescreen(
    db: &Db,
    entries: &[StoredEntry],
    threshold: f64,
    version_id: Option<i64>,
    progress: &mut impl FnMut(i64, i64),
) -> Result<i64, sqlx::Error> {
    let total: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(c).await)?;
    set_progress(db, version_id, "running", total, 0, 0).await?;
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    // Each entry's names are split into words once, not once per applicant.
    let scored: Vec<score::Parsed> = entries.iter().map(|e| score::Parsed::new(e.scored())).collect();
    for (i, e) in entries.iter().enumerate() {
        for k in super::file::keys_of(&e.name, &e.aliases) {
            index.entry(k).or_default().push(i);
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (mut after, mut done, mut hits) = (0i64, 0i64, 0i64);
    let mut last_report = OffsetDateTime::now_utc();
    loop {
        let page: Vec<Applicant> = with_db!(db, |c| sqlx::query_as(
            "SELECT id, last_name, first_name, patronymic, birth_date, citizenship
             FROM applications WHERE id > $1 ORDER BY id LIMIT 5000"
        )
        .bind(after)
        .fetch_all(c)
        .await)?;
        let Some(last) = page.last() else { break };
        after = last.id;
        done += page.len() as i64;
        // Scored on every core: each thread takes a share of the page.
        let found: Vec<Found> = if index.is_empty() {
            Vec::new()
        } else {
            let share = page.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let workers: Vec<_> = page
                    .chunks(share.max(1))
                    .map(|apps| scope.spawn(|| screen_apps(apps, &index, &scored, entries, threshold)))
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        if !found.is_empty() {
            let mut tx = db.begin().await?;
            hits += store_hits(&mut tx, &found).await? as i64;
            for app in found.iter().map(|f| f.application_id).collect::<HashSet<_>>() {
                compliance::refresh(&mut tx, app).await?;
            }
            tx.commit().await?;
        }
        progress(done, total);
        let now = OffsetDateTime::now_utc();
        if (now - last_report).whole_seconds() >= 1 {
            set_progress(db, version_id, "running", total, done, hits).await?;
            last_report = now;
        }
    }
    set_progress(db, version_id, "done", total, total.max(done), hits).await?;
    Ok(hits)
}

/// Screens `apps` against the entries of `index` (keys to positions in `scored` and `entries`).
fn screen_apps(
    apps: &[Applicant],
    index: &HashMap<String, Vec<usize>>,
    scored: &[score::Parsed],
    entries: &[StoredEntry],
    threshold: f64,
) -> Vec<Found> {
    let mut found = Vec::new();
    for app in apps {
        let person = app.person();
        // The same candidates as intake's lookup: the first MAX_CANDIDATES entries by id
        // (entries are in id order), and every hit then says a cap was reached.
        let mut seen = HashSet::new();
        'keys: for k in lookup_keys(&person.name_words()) {
            for &i in index.get(&k).map(Vec::as_slice).unwrap_or(&[]) {
                seen.insert(i);
                if seen.len() > GATHERED {
                    break 'keys;
                }
            }
        }
        let mut candidates: Vec<usize> = seen.into_iter().collect();
        candidates.sort_unstable();
        let capped = candidates.len() > MAX_CANDIDATES;
        candidates.truncate(MAX_CANDIDATES);
        for i in candidates {
            if let Some(mut x) = score::score_parsed(&person, &scored[i]).filter(|x| x.score >= threshold) {
                x.capped |= capped;
                found.push(Found {
                    application_id: app.id,
                    entry_id: entries[i].id,
                    version_id: entries[i].version_id,
                    entry_hash: entries[i].content_hash.clone(),
                    explanation: x,
                });
            }
        }
    }
    found
}

async fn set_progress(
    db: &Db,
    version_id: Option<i64>,
    state: &str,
    total: i64,
    done: i64,
    hits: i64,
) -> Result<(), sqlx::Error> {
    let Some(v) = version_id else { return Ok(()) };
    with_db!(db, |c| {
        sqlx::query(
        "UPDATE list_versions SET screen_state = $2, screen_total = $3, screen_done = $4, screen_hits = $5 WHERE id = $1"
    )
    .bind(v)
    .bind(state)
    .bind(total)
    .bind(done)
    .bind(hits)
    .execute(c)
    .await.map(|_| ())
    })?;
    Ok(())
}
