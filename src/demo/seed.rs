//! `kreditomat-portal seed --count N`: fills a database with N generated applications for load
//! tests, quickly (multi-row inserts in large transactions, not the intake API).
//!
//! Each application carries the history a real one would (see [`super::seed_history`]).
//! The applicants come from the demo generator. Their photo rows point at a few real drawn photos
//! (stored once), so every review page shows pictures; each row gets its own random perceptual
//! hash, so seeded photos are not near-duplicates of one another and are left out of the band
//! index that intake uses to find near-duplicates. Risk signals for shared values are computed at
//! the end, in SQL, as intake would have set them.

use std::{sync::Arc, time::Instant};

use time::{Duration, OffsetDateTime};

use super::{
    applications::{Rng, Shared, application, random_phone},
    seed_history::{self, Rows, Seeders},
};
use crate::{
    db::{
        self, Db, Tx,
        bulk::{V, insert},
    },
    intake::input::{NewApplication, name_tokens},
    photos::{fixtures, storage::Photos},
    signals::{Signal, own_signals},
    with_db, with_tx,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const APP_COLUMNS: &[&str] = &[
    "id",
    "status",
    "version",
    "api_client_id",
    "external_id",
    "submitted_at",
    "received_at",
    "language",
    "last_name",
    "first_name",
    "patronymic",
    "search_name",
    "iin",
    "citizenship",
    "sex",
    "birth_date",
    "reg_address",
    "home_address",
    "doc_type",
    "doc_number",
    "doc_issuer",
    "doc_issued_on",
    "doc_expires_on",
    "phone",
    "email",
    "card_masked",
    "card_token",
    "pep_declared",
    "pep_details",
    "bo_declared",
    "bo_details",
    "marital_status",
    "dependents",
    "employer_name",
    "employer_address",
    "amount_kzt",
    "term_days",
    "device_id",
    "device_model",
    "device_os",
    "ip",
    "geo_lat",
    "geo_lon",
    "geo_accuracy_m",
    "perm_camera",
    "perm_location",
    "perm_contacts",
    "risk_signals",
    "decided_at",
    "compliance_state",
    "account_id",
];

/// The status of seeded application `i` of `count`: the newest fifth waits for review, a few
/// wait for documents, the rest are decided.
fn status_of(i: u64, count: u64, rng: &mut Rng) -> &'static str {
    if i * 5 >= count * 4 {
        return "pending";
    }
    match rng.below(100) {
        0..=3 => "resubmission_requested",
        4..=69 => "approved",
        _ => "rejected",
    }
}

fn app_row(
    id: i64,
    client: i64,
    app: &NewApplication,
    status: &str,
    received_at: OffsetDateTime,
    today: time::Date,
    compliance_state: Option<&str>,
) -> Vec<V> {
    let (lat, lon, acc) = match app.geo {
        Some((a, o, c)) => (Some(a), Some(o), c),
        None => (None, None, None),
    };
    let decided = (status == "approved" || status == "rejected").then(|| received_at + Duration::hours(2));
    vec![
        V::Int(id),
        V::Text(status.into()),
        V::Int(if status == "pending" { 1 } else { 2 }),
        V::Int(client),
        V::OptText(app.external_id.clone()),
        V::Time(received_at - Duration::minutes(1)),
        V::Time(received_at),
        V::Text(app.language.into()),
        V::Text(app.last_name.clone()),
        V::Text(app.first_name.clone()),
        V::OptText(app.patronymic.clone()),
        V::Text(app.search_name()),
        V::Text(app.iin.as_str().into()),
        V::Text(app.citizenship.clone()),
        V::Text(app.sex.into()),
        V::Date(app.birth_date),
        V::Text(app.reg_address.clone()),
        V::Text(app.home_address.clone()),
        V::Text(app.doc_type.into()),
        V::Text(app.doc_number.clone()),
        V::Text(app.doc_issuer.clone()),
        V::Date(app.doc_issued_on),
        V::Date(app.doc_expires_on),
        V::Text(app.phone.as_str().into()),
        V::OptText(app.email.clone()),
        V::Text(app.card_masked.clone()),
        V::Text(app.card_token.clone()),
        V::Bool(app.pep_declared),
        V::OptText(app.pep_details.clone()),
        V::Bool(app.bo_declared),
        V::OptText(app.bo_details.clone()),
        V::Text(app.marital_status.into()),
        V::Int(app.dependents),
        V::OptText(app.employer_name.clone()),
        V::OptText(app.employer_address.clone()),
        V::Int(app.amount_kzt),
        V::Int(app.term_days),
        V::Text(app.device_id.clone()),
        V::Text(app.device_model.clone()),
        V::Text(app.device_os.clone()),
        V::Text(app.ip.clone()),
        V::OptReal(lat),
        V::OptReal(lon),
        V::OptReal(acc),
        V::Bool(app.perm_camera),
        V::Bool(app.perm_location),
        V::Bool(app.perm_contacts),
        V::Int(own_signals(app, today)),
        V::OptTime(decided),
        V::OptText(compliance_state.map(str::to_string)),
        V::OptText(app.account_id.clone()),
    ]
}

/// One stored photo the seeded rows point at.
struct StoredPhoto {
    kind: &'static str,
    sha256: String,
    byte_size: i64,
    width: i64,
    height: i64,
    blur: f64,
    brightness: f64,
}

async fn stored_photos(photos: &Photos) -> Result<Vec<[StoredPhoto; 3]>, BoxError> {
    let mut sets = Vec::new();
    for person in 0..6u64 {
        let files = [
            ("selfie", fixtures::selfie_jpeg(900 + person, 0)),
            ("id_front", fixtures::id_card_jpeg(900 + person, false)),
            ("id_back", fixtures::id_card_jpeg(900 + person, true)),
        ];
        let mut set = Vec::new();
        for (kind, bytes) in files {
            let bytes = Arc::new(bytes);
            let p = photos.process(bytes.clone()).await?;
            photos.store(&p, &bytes).await?;
            set.push(StoredPhoto {
                kind,
                sha256: p.sha256.clone(),
                byte_size: p.byte_size as i64,
                width: i64::from(p.width),
                height: i64::from(p.height),
                blur: p.blur,
                brightness: p.brightness,
            });
        }
        let [a, b, c]: [StoredPhoto; 3] = set.try_into().map_err(|_| "three photos")?;
        sets.push([a, b, c]);
    }
    Ok(sets)
}

/// Adds `count` generated applications; prints progress. Returns the number added.
pub async fn seed(db: &Db, photos: &Photos, count: u64) -> Result<u64, BoxError> {
    let started = Instant::now();
    let sets = stored_photos(photos).await?;
    let (client, _) = crate::api::keys::create(
        db,
        &crate::api::keys::NewKey::every("seed"),
        &crate::audit::Actor::System("seed"),
        None,
    )
    .await?;
    let first_app: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM applications")
            .fetch_one(c)
            .await)?;
    let mut photo_id: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM photos")
            .fetch_one(c)
            .await)?;
    let now = db::now();
    let today = now.to_offset(crate::i18n::ALMATY).date();
    // Received over the past year, oldest first, so ids and time agree as in real intake.
    let span = Duration::days(365);
    let step = span / (count.max(1) as f64);
    let mut rng = Rng(0x5eed_2026);
    let mut history_rng = Rng(0x4157_0123);
    let mut seeders = Seeders::prepare(db, client, now).await?;
    let mut shared = None;
    let batch_size = 10_000u64;
    let mut done = 0u64;
    while done < count {
        let n = batch_size.min(count - done);
        let (mut apps, mut contacts, mut photo_rows, mut tokens, mut pairs) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut history = Rows::default();
        for k in 0..n {
            let i = done + k;
            // Values shared by a few applications at a time, as in life.
            if i.is_multiple_of(1000) || shared.is_none() {
                shared = Some(Shared {
                    phone: random_phone(&mut rng),
                    device: format!("dev-shared-{i:08}"),
                    card: format!("tok_shared_{i:08}"),
                    contact: random_phone(&mut rng),
                    ip: format!("95.56.{}.{}", (i / 1000) % 250, 1 + (i / 250_000) % 250),
                });
            }
            let Some(sh) = shared.as_ref() else { continue };
            let (app, _) = application(&mut rng, i, now, sh);
            let id = first_app + i as i64;
            let received = now - span + step * (i as f64);
            let status = status_of(i, count, &mut rng);
            let compliance =
                seeders.add(&mut history, &mut history_rng, i, id, &app, status, received, photo_id);
            apps.push(app_row(id, client, &app, status, received, today, compliance));
            for (pos, c) in app.contacts.iter().enumerate() {
                contacts.push(vec![
                    V::Int(id),
                    V::Int(pos as i64),
                    V::Text(c.name.clone()),
                    V::Text(c.phone.as_str().into()),
                    V::Text(c.relation.into()),
                ]);
            }
            for p in &sets[(i % sets.len() as u64) as usize] {
                photo_rows.push(vec![
                    V::Int(photo_id),
                    V::Int(id),
                    V::Text(p.kind.into()),
                    V::Text(p.sha256.clone()),
                    V::Text("image/jpeg".into()),
                    V::Int(p.byte_size),
                    V::Int(p.width),
                    V::Int(p.height),
                    V::OptReal(Some(p.blur)),
                    V::OptReal(Some(p.brightness)),
                    V::Int(rng.next() as i64 ^ ((rng.next() as i64) << 31)),
                    V::Time(received),
                    V::Bool(true),
                ]);
                photo_id += 1;
            }
            let mut words = name_tokens(&app.search_name());
            words.sort();
            words.dedup();
            for pair in crate::review::name_search::pairs(&words) {
                pairs.push(vec![V::Text(pair), V::Int(id), V::Time(received), V::Text(status.into())]);
            }
            for w in words {
                tokens.push(vec![V::Text(w), V::Int(id), V::Time(received)]);
            }
        }
        let mut tx = db.begin().await?;
        insert(&mut tx, "applications", APP_COLUMNS, &apps).await?;
        insert(
            &mut tx,
            "application_contacts",
            &["application_id", "position", "name", "phone", "relation"],
            &contacts,
        )
        .await?;
        insert(
            &mut tx,
            "photos",
            &[
                "id",
                "application_id",
                "kind",
                "sha256",
                "media_type",
                "byte_size",
                "width",
                "height",
                "blur",
                "brightness",
                "phash",
                "uploaded_at",
                "current",
            ],
            &photo_rows,
        )
        .await?;
        insert(&mut tx, "application_name_tokens", &["token", "application_id", "received_at"], &tokens)
            .await?;
        insert(
            &mut tx,
            "application_name_pairs",
            &["pair", "application_id", "received_at", "status"],
            &pairs,
        )
        .await?;
        seed_history::write(&mut tx, history).await?;
        tx.commit().await?;
        done += n;
        eprint!("\rseeded {done} of {count} applications ({:.0} s)", started.elapsed().as_secs_f64());
    }
    eprintln!();
    seed_history::finish(db, &seeders).await?;
    eprintln!("marking shared values as risk signals...");
    let mut tx = db.begin().await?;
    for (column, signal) in [
        ("iin", Signal::SameIin),
        ("phone", Signal::SamePhone),
        ("device_id", Signal::SameDevice),
        ("ip", Signal::SameIp),
        ("card_token", Signal::SameCard),
    ] {
        let sql = format!(
            "UPDATE applications SET risk_signals = risk_signals | {bit}
             WHERE id >= $1 AND {column} IN (SELECT {column} FROM applications GROUP BY {column} HAVING COUNT(*) > 1)",
            bit = signal.bit()
        );
        with_tx!(&mut tx, |c| sqlx::query(&sql).bind(first_app).execute(c).await.map(|_| ()))?;
    }
    let sql = format!(
        "UPDATE applications SET risk_signals = risk_signals | {bit}
         WHERE id >= $1 AND id IN (SELECT application_id FROM application_contacts WHERE phone IN
             (SELECT phone FROM application_contacts GROUP BY phone HAVING COUNT(*) > 1))",
        bit = Signal::SameContactPhone.bit()
    );
    with_tx!(&mut tx, |c| sqlx::query(&sql).bind(first_app).execute(c).await.map(|_| ()))?;
    // One customer per IIN, as the customers migration links applications that existed before it.
    let linking = Instant::now();
    let (linked, customers) = crate::customers::link::link_unlinked(&mut tx).await?;
    eprintln!(
        "linked {linked} applications to {customers} new customers in {:.1} s",
        linking.elapsed().as_secs_f64()
    );
    if let Tx::Pg(t) = &mut tx {
        for table in ["applications", "photos"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(&mut **t)
            .await?;
        }
    }
    tx.commit().await?;
    if let Db::Pg(p) = db {
        // The per-status counters were rewritten once per seeded row inside one transaction;
        // without a full vacuum every queue page would read the pages of all those dead versions.
        sqlx::query("VACUUM (FULL, ANALYZE) application_counts").execute(p).await?;
        // Linking the applications rewrote each customer row once per application (the
        // trigger that keeps its newest application and count).
        sqlx::query("VACUUM (FULL, ANALYZE) customers").execute(p).await?;
        // The dashboards' daily rollups: a few rows rewritten by their triggers several times
        // per seeded row (in a day of real work, autovacuum keeps up with far fewer).
        sqlx::query("VACUUM (FULL, ANALYZE) dash_daily").execute(p).await?;
        // Marking the signals rewrote about a quarter of `applications`: a plain vacuum would
        // leave the table that much larger, with every page read holding dead space, so it is
        // rewritten too.
        eprintln!("compacting applications...");
        sqlx::query("VACUUM (FULL, ANALYZE) applications").execute(p).await?;
        // Every other table: without a vacuum the visibility map is empty, so no index-only scan.
        sqlx::query("VACUUM (ANALYZE)").execute(p).await?;
    } else {
        db.execute("ANALYZE").await?;
    }
    eprintln!("done in {:.0} s", started.elapsed().as_secs_f64());
    Ok(count)
}
