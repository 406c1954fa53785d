//! Finding the signals of a new application inside its intake transaction: name words for
//! search, shared values, near-identical photos.

use time::Date;

use super::{FINE_DISTANCE, NEAR_DISTANCE, NewPhoto, Signal, band_keys, band_kind, own_signals};
use crate::{db::Tx, intake::input::NewApplication, photos::hamming, with_tx};

/// Marks `bit` on application `id` and on every other application where `column = value`, if
/// there is any; returns whether there was.
async fn shared(tx: &mut Tx, id: i64, column: &str, value: &str, bit: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE applications SET risk_signals = risk_signals | $1
         WHERE {column} = $2 AND id <> $3 AND (risk_signals & $1) = 0"
    );
    with_tx!(tx, |c| sqlx::query(&sql).bind(bit).bind(value).bind(id).execute(c).await.map(|_| ()))?;
    let sql = format!("SELECT id FROM applications WHERE {column} = $1 AND id <> $2 LIMIT 1");
    let other: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar(&sql).bind(value).bind(id).fetch_optional(c).await)?;
    Ok(other.is_some())
}

async fn mark(tx: &mut Tx, ids: &[i64], bit: i64) -> Result<(), sqlx::Error> {
    for other in ids {
        with_tx!(tx, |c| sqlx::query(
            "UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2"
        )
        .bind(bit)
        .bind(other)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// Indexes a new application (inside its intake transaction): name words for search, its own
/// signals, shared values with other applications, and its photos' near-duplicates.
pub async fn index_new(
    tx: &mut Tx,
    id: i64,
    app: &NewApplication,
    photos: &[NewPhoto],
    today: Date,
) -> Result<(), sqlx::Error> {
    let mut tokens = crate::intake::input::name_tokens(&app.search_name());
    tokens.sort();
    tokens.dedup();
    let pairs = crate::review::name_search::pairs(&tokens);
    for (table, column, keys, status) in [
        ("application_name_tokens", "token", &tokens, ""),
        ("application_name_pairs", "pair", &pairs, ", status"),
    ] {
        if keys.is_empty() {
            continue;
        }
        // One statement per table: `column1` is the VALUES list's column in both databases.
        let values: Vec<String> = (2..keys.len() + 2).map(|n| format!("(${n})")).collect();
        let sql = format!(
            "INSERT INTO {table} ({column}, application_id, received_at{status})
             SELECT v.column1, a.id, a.received_at{status} FROM (VALUES {}) v CROSS JOIN applications a WHERE a.id = $1",
            values.join(", ")
        );
        with_tx!(tx, |c| {
            let mut q = sqlx::query(&sql).bind(id);
            for k in keys {
                q = q.bind(k.as_str());
            }
            q.execute(c).await.map(|_| ())
        })?;
    }

    let mut set = own_signals(app, today);
    for (column, value, signal) in [
        ("iin", app.iin.as_str(), Signal::SameIin),
        ("phone", app.phone.as_str(), Signal::SamePhone),
        ("device_id", app.device_id.as_str(), Signal::SameDevice),
        ("ip", app.ip.as_str(), Signal::SameIp),
        ("card_token", app.card_token.as_str(), Signal::SameCard),
    ] {
        if shared(tx, id, column, value, signal.bit()).await? {
            set |= signal.bit();
        }
    }
    for contact in &app.contacts {
        let phone = contact.phone.as_str();
        let others: Vec<i64> = with_tx!(tx, |c| sqlx::query_scalar(
            "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2
             UNION SELECT id FROM applications WHERE phone = $1 AND id <> $2
             LIMIT 1000"
        )
        .bind(phone)
        .bind(id)
        .fetch_all(c)
        .await)?;
        if !others.is_empty() {
            set |= Signal::SameContactPhone.bit();
            mark(tx, &others, Signal::SameContactPhone.bit()).await?;
        }
    }
    // Someone else named this applicant's phone as a contact's.
    let named: Vec<i64> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2 LIMIT 1000"
    )
    .bind(app.phone.as_str())
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    if !named.is_empty() {
        set |= Signal::SameContactPhone.bit();
        mark(tx, &named, Signal::SameContactPhone.bit()).await?;
    }
    set |= index_photos(tx, id, photos).await?;
    with_tx!(tx, |c| sqlx::query("UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2")
        .bind(set)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Adds photos of application `id` to the band index, records their near-duplicates on other
/// applications (both ways) and byte-identical files on any other application, marks those; returns
/// the signals for application `id`.
pub async fn index_photos(tx: &mut Tx, id: i64, photos: &[NewPhoto]) -> Result<i64, sqlx::Error> {
    let mut set = 0;
    for photo in photos {
        let (photo_id, kind, phash) = (&photo.id, photo.kind, &photo.hash);
        // The very same file sent for another application, whatever its status.
        let identical: Vec<i64> = with_tx!(tx, |c| {
            sqlx::query_scalar(
            "SELECT DISTINCT application_id FROM photos WHERE sha256 = $1 AND application_id <> $2 LIMIT 1000"
        )
        .bind(&photo.sha256)
        .bind(id)
        .fetch_all(c)
        .await
        })?;
        if !identical.is_empty() {
            set |= Signal::IdenticalPhoto.bit();
            mark(tx, &identical, Signal::IdenticalPhoto.bit()).await?;
        }
        let Some(k) = band_kind(kind) else { continue };
        let signal = if kind == "selfie" { Signal::SimilarSelfie } else { Signal::SimilarIdPhoto };
        let keys = band_keys(k, *phash);
        let candidates: Vec<(i64, i64, i64, Option<String>)> = with_tx!(tx, |c| {
            sqlx::query_as(
                "SELECT DISTINCT p.id, p.application_id, COALESCE(p.portrait_hash, p.phash), p.fine_hash
             FROM photo_bands b JOIN photos p ON p.id = b.photo_id
             WHERE b.band_key IN ($1, $2, $3, $4, $5, $6, $7) AND p.application_id <> $8",
            )
            .bind(keys[0])
            .bind(keys[1])
            .bind(keys[2])
            .bind(keys[3])
            .bind(keys[4])
            .bind(keys[5])
            .bind(keys[6])
            .bind(id)
            .fetch_all(c)
            .await
        })?;
        let mut others = Vec::new();
        for (other_photo, other_app, other_hash, other_fine) in candidates {
            let distance = hamming(*phash, other_hash);
            if distance > NEAR_DISTANCE {
                continue;
            }
            // The 64-bit hash finds candidates; the 256-bit one tells a copy from a look-alike
            // (photos stored before it existed are compared by the 64-bit hash alone).
            let fine = other_fine.as_deref().and_then(|o| crate::photos::fine_distance(&photo.fine, o));
            if fine.is_some_and(|f| f > FINE_DISTANCE) {
                continue;
            }
            for (a, b) in [(*photo_id, other_photo), (other_photo, *photo_id)] {
                with_tx!(tx, |c| sqlx::query(
                    "INSERT INTO photo_matches (photo_id, other_photo_id, distance) VALUES ($1, $2, $3)
                     ON CONFLICT DO NOTHING"
                )
                .bind(a)
                .bind(b)
                .bind(i64::from(distance))
                .execute(c)
                .await
                .map(|_| ()))?;
            }
            others.push(other_app);
        }
        if !others.is_empty() {
            set |= signal.bit();
            others.sort_unstable();
            others.dedup();
            mark(tx, &others, signal.bit()).await?;
        }
        for key in keys {
            with_tx!(tx, |c| sqlx::query(
                "INSERT INTO photo_bands (band_key, photo_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            )
            .bind(key)
            .bind(photo_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        }
    }
    Ok(set)
}
