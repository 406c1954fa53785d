//! Reading the signals back: the other applications behind each of an application's signals,
//! for the review page (and, later, the customer and restoration pages). Only the signals the
//! application carries are looked up, all of them in one statement (see `db::json_rows`).

use serde::Deserialize;

use super::Signal;
use crate::{
    db::{Db, json_rows},
    with_db,
};

/// A photo on another application that looks like (or is) one of this application's.
#[derive(Clone, Debug, Deserialize)]
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

/// How many other applications a shared value lists (one more is read, to say "more").
pub const IDS_SHOWN: usize = 50;

/// What one application carries, to look its signals up.
pub struct Subject<'a> {
    pub id: i64,
    pub risk_signals: i64,
    pub iin: &'a str,
    pub phone: &'a str,
    pub device_id: &'a str,
    pub ip: &'a str,
    pub card_token: &'a str,
    /// Its contact persons' phones.
    pub contact_phones: &'a [String],
}

/// The other applications behind each signal: ids newest first (at most [`IDS_SHOWN`] + 1) for
/// the shared values, photos closest first (at most [`MATCHES_SHOWN`] + 1) for the photo
/// signals. A signal the application does not carry has an empty list.
pub struct Behind {
    pub ids: Vec<(Signal, Vec<i64>)>,
    pub photos: Vec<(Signal, Vec<PhotoMatch>)>,
}

const ID_COLUMNS: &[&str] = &["id"];
const PHOTO_COLUMNS: &[&str] = &["kind", "application_id", "photo_id", "distance", "status"];

/// The shared values, by signal and column.
const VALUES: [(Signal, &str); 5] = [
    (Signal::SameIin, "iin"),
    (Signal::SamePhone, "phone"),
    (Signal::SameDevice, "device_id"),
    (Signal::SameIp, "ip"),
    (Signal::SameCard, "card_token"),
];

/// Everything behind `s`'s signals, in one statement.
pub async fn behind(db: &Db, s: &Subject<'_>) -> Result<Behind, sqlx::Error> {
    let flagged = |signal: Signal| s.risk_signals & signal.bit() != 0;
    // `$1` is the application; the texts follow.
    let mut texts: Vec<&str> = Vec::new();
    fn param<'a>(v: &'a str, texts: &mut Vec<&'a str>) -> String {
        texts.push(v);
        format!("${}", texts.len() + 1)
    }
    let mut lists: Vec<(String, &[&str], &str)> = Vec::new();
    let mut id_signals = Vec::new();
    for (signal, column) in VALUES {
        if flagged(signal) {
            let value = match column {
                "iin" => s.iin,
                "phone" => s.phone,
                "device_id" => s.device_id,
                "ip" => s.ip,
                _ => s.card_token,
            };
            let n = param(value, &mut texts);
            lists.push((
                format!(
                    "SELECT id FROM applications WHERE {column} = {n} AND id <> $1 ORDER BY id DESC LIMIT {}",
                    IDS_SHOWN + 1
                ),
                ID_COLUMNS,
                "id DESC",
            ));
            id_signals.push(signal);
        }
    }
    if flagged(Signal::SameContactPhone) {
        // A contact's phone that is someone's contact or applicant phone, or this applicant's
        // phone given as someone's contact.
        let own = param(s.phone, &mut texts);
        let mut sql = format!(
            "SELECT application_id AS id FROM application_contacts WHERE phone = {own} AND application_id <> $1"
        );
        for p in s.contact_phones {
            let n = param(p, &mut texts);
            sql.push_str(&format!(
                " UNION SELECT application_id FROM application_contacts WHERE phone = {n} AND application_id <> $1
                  UNION SELECT id FROM applications WHERE phone = {n} AND id <> $1"
            ));
        }
        sql.push_str(&format!(" ORDER BY 1 DESC LIMIT {}", IDS_SHOWN + 1));
        lists.push((sql, ID_COLUMNS, "id DESC"));
        id_signals.push(Signal::SameContactPhone);
    }
    let mut photo_signals = Vec::new();
    if flagged(Signal::IdenticalPhoto) {
        // The very same files (same SHA-256) on other applications, whatever their status.
        lists.push((
            format!(
                "SELECT p.kind, o.application_id, MIN(o.id) AS photo_id, CAST(0 AS BIGINT) AS distance, a.status
                 FROM photos p
                 JOIN photos o ON o.sha256 = p.sha256 AND o.application_id <> p.application_id
                 JOIN applications a ON a.id = o.application_id
                 WHERE p.application_id = $1
                 GROUP BY p.kind, o.application_id, a.status
                 ORDER BY o.application_id DESC LIMIT {}",
                MATCHES_SHOWN + 1
            ),
            PHOTO_COLUMNS,
            "application_id DESC",
        ));
        photo_signals.push(Signal::IdenticalPhoto);
    }
    // Near-identical photos, each kind its own list, so a crowd of similar ID cards cannot push
    // a matching selfie off the page.
    for (signal, kind) in [(Signal::SimilarSelfie, "selfie"), (Signal::SimilarIdPhoto, "id_front")] {
        if flagged(signal) {
            lists.push((
                format!(
                    "SELECT o.kind, o.application_id, MIN(o.id) AS photo_id, MIN(m.distance) AS distance, a.status
                     FROM photos p
                     JOIN photo_matches m ON m.photo_id = p.id
                     JOIN photos o ON o.id = m.other_photo_id
                     JOIN applications a ON a.id = o.application_id
                     WHERE p.application_id = $1 AND p.current AND p.kind = '{kind}'
                     GROUP BY o.kind, o.application_id, a.status
                     ORDER BY MIN(m.distance), o.application_id DESC LIMIT {}",
                    MATCHES_SHOWN + 1
                ),
                PHOTO_COLUMNS,
                "distance, application_id DESC",
            ));
            photo_signals.push(signal);
        }
    }
    if lists.is_empty() {
        return Ok(Behind { ids: Vec::new(), photos: Vec::new() });
    }
    let borrowed: Vec<(&str, &[&str], &str)> = lists.iter().map(|(q, c, o)| (q.as_str(), *c, *o)).collect();
    let sql = format!("SELECT {}", json_rows::columns(db, &borrowed));
    let count = borrowed.len();
    let values: Vec<String> = with_db!(db, |c| {
        use sqlx::Row;
        let mut q = sqlx::query(&sql).bind(s.id);
        for t in &texts {
            q = q.bind(*t);
        }
        let row = q.fetch_one(c).await?;
        (0..count).map(|n| row.try_get::<String, _>(n)).collect::<Result<Vec<String>, _>>()
    })?;
    // The lists come back in the order they were asked for.
    fn next<T: serde::de::DeserializeOwned>(
        values: &mut impl Iterator<Item = String>,
    ) -> Result<Vec<T>, sqlx::Error> {
        json_rows::parse(&values.next().unwrap_or_else(|| "[]".to_string()))
    }
    let mut values = values.into_iter();
    let mut ids = Vec::new();
    for signal in id_signals {
        let rows: Vec<(i64,)> = next(&mut values)?;
        ids.push((signal, rows.into_iter().map(|(id,)| id).collect()));
    }
    let mut photos = Vec::new();
    for signal in photo_signals {
        photos.push((signal, next(&mut values)?));
    }
    Ok(Behind { ids, photos })
}
