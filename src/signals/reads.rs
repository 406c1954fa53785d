//! Reading the signals back: the other applications behind each of an application's signals,
//! for the review page (and, later, the customer and restoration pages).

use serde::Deserialize;
use sqlx::FromRow;

use crate::{
    db::{Db, json_rows},
    with_db,
};

/// Other applications sharing one value with this one: `(signal, ids)`, at most 50 ids each
/// (51 fetched, to say "more than 50").
pub async fn same_value(db: &Db, id: i64, column: &str, value: &str) -> Result<Vec<i64>, sqlx::Error> {
    let inner =
        format!("SELECT id FROM applications WHERE {column} = $1 AND id <> $2 ORDER BY id DESC LIMIT 51");
    // One value, not a row each (see `db::json_rows`).
    let sql = json_rows::wrap(db, &inner, &["id"], "id DESC");
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql).bind(value).bind(id).fetch_one(c).await)?;
    let ids: Vec<(i64,)> = json_rows::parse(&json)?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Other applications where one of `phones` (this one's contacts) is a contact's or the
/// applicant's phone, or where this applicant's phone is someone's contact.
pub async fn same_contact_phone(
    db: &Db,
    id: i64,
    phones: &[String],
    own: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::new();
    for p in phones {
        let found: Vec<i64> = with_db!(db, |c| sqlx::query_scalar(
            "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2
             UNION SELECT id FROM applications WHERE phone = $1 AND id <> $2 LIMIT 51"
        )
        .bind(p)
        .bind(id)
        .fetch_all(c)
        .await)?;
        ids.extend(found);
    }
    let named: Vec<i64> = with_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2 LIMIT 51"
    )
    .bind(own)
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    ids.extend(named);
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    ids.truncate(51);
    Ok(ids)
}

/// A photo on another application that looks like (or is) one of this application's.
#[derive(Clone, Debug, FromRow, Deserialize)]
pub struct PhotoMatch {
    pub kind: String,
    pub application_id: i64,
    /// The other application's photo, for its thumbnail.
    pub photo_id: i64,
    /// Bits apart (0 for the same file).
    pub distance: i64,
    pub status: String,
}

/// How many matches of one kind the review page shows.
pub const MATCHES_SHOWN: i64 = 24;

/// Near-identical photos of `kind` on other applications, closest first, at most
/// [`MATCHES_SHOWN`] + 1 (to say "more"). Each kind has its own list, so a crowd of similar ID
/// cards cannot push a matching selfie off the page.
pub async fn photo_matches(db: &Db, id: i64, kind: &str) -> Result<Vec<PhotoMatch>, sqlx::Error> {
    let inner = format!(
        "SELECT o.kind, o.application_id, MIN(o.id) AS photo_id, MIN(m.distance) AS distance, a.status
         FROM photos p
         JOIN photo_matches m ON m.photo_id = p.id
         JOIN photos o ON o.id = m.other_photo_id
         JOIN applications a ON a.id = o.application_id
         WHERE p.application_id = $1 AND p.current AND p.kind = $2
         GROUP BY o.kind, o.application_id, a.status
         ORDER BY MIN(m.distance), o.application_id DESC LIMIT {}",
        MATCHES_SHOWN + 1
    );
    let columns = ["kind", "application_id", "photo_id", "distance", "status"];
    let sql = json_rows::wrap(db, &inner, &columns, "distance, application_id DESC");
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql).bind(id).bind(kind).fetch_one(c).await)?;
    json_rows::parse(&json)
}

/// The very same files (same SHA-256) on other applications, whatever their status.
pub async fn identical_photos(db: &Db, id: i64) -> Result<Vec<PhotoMatch>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT p.kind, o.application_id, MIN(o.id) AS photo_id, CAST(0 AS BIGINT) AS distance, a.status
         FROM photos p
         JOIN photos o ON o.sha256 = p.sha256 AND o.application_id <> p.application_id
         JOIN applications a ON a.id = o.application_id
         WHERE p.application_id = $1
         GROUP BY p.kind, o.application_id, a.status
         ORDER BY o.application_id DESC LIMIT $2"
    )
    .bind(id)
    .bind(MATCHES_SHOWN + 1)
    .fetch_all(c)
    .await)
}
