//! The new documents beside the onboarding ones: the newest selfie and ID front the customer
//! sent, each with the same kind of photo from their approved application, the perceptual-hash
//! distances between them and each photo's quality; and what the app read from the new ID (IIN,
//! name, document number) against the record.

use serde::Deserialize;

use crate::{
    db::Db,
    review::store::Photo,
    signals::{FINE_DISTANCE, NEAR_DISTANCE},
    with_db,
};

/// A photo with what it is compared by.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Shown {
    #[sqlx(flatten)]
    pub photo: Photo,
    pub sha256: String,
    /// The hash compared: the whole picture's for a selfie, the portrait's for an ID front.
    pub hash: Option<i64>,
    pub fine_hash: Option<String>,
}

/// One kind of photo, onboarding beside new.
#[derive(Clone, Debug)]
pub struct Pair {
    pub kind: &'static str,
    pub onboarding: Option<Shown>,
    pub new: Option<Shown>,
    /// Bits apart of 64, and of 256 in the finer hash.
    pub distance: Option<u32>,
    pub fine_distance: Option<u32>,
}

impl Pair {
    /// `same-file` (the onboarding photo sent again), `alike` (the pictures are near-identical),
    /// `different`, or `none` (a side is missing).
    pub fn verdict(&self) -> &'static str {
        match (&self.onboarding, &self.new, self.distance) {
            (Some(a), Some(b), _) if a.sha256 == b.sha256 => "same-file",
            (_, _, Some(d))
                if d <= NEAR_DISTANCE || self.fine_distance.is_some_and(|f| f <= FINE_DISTANCE) =>
            {
                "alike"
            }
            (_, _, Some(_)) => "different",
            _ => "none",
        }
    }
}

/// A field of the new ID against the record.
#[derive(Clone, Debug)]
pub struct Checked {
    /// `iin`, `last-name`, `first-name`, `doc-number`.
    pub field: &'static str,
    pub record: String,
    pub read: Option<String>,
}

impl Checked {
    /// `match`, `mismatch`, or `unread` (the app did not read it).
    pub fn outcome(&self) -> &'static str {
        match &self.read {
            None => "unread",
            Some(r) if fold(r) == fold(&self.record) => "match",
            Some(_) => "mismatch",
        }
    }
}

/// Letters compared without case, spaces or the hyphen's variants.
fn fold(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

const ONBOARDING: &str =
    "SELECT p.id, p.kind, p.byte_size, p.width, p.height, p.blur, p.brightness, p.uploaded_at,
            p.current, p.portrait_hash, p.sha256,
            CASE WHEN p.kind = 'id_front' THEN p.portrait_hash ELSE p.phash END AS hash, p.fine_hash
     FROM photos p WHERE p.application_id = $1 AND p.current = TRUE AND p.kind IN ('selfie', 'id_front')";

const NEW: &str = "SELECT d.id, d.kind, d.byte_size, d.width, d.height, d.blur, d.brightness, d.uploaded_at,
            TRUE AS current, d.portrait_hash, d.sha256,
            CASE WHEN d.kind = 'id_front' THEN d.portrait_hash ELSE d.phash END AS hash, d.fine_hash
     FROM restoration_documents d WHERE d.case_id = $1 ORDER BY d.id DESC";

/// The case's documents, newest first (every kind), and the pairs to compare.
pub async fn photos(
    db: &Db,
    case_id: i64,
    onboarding_app: Option<i64>,
) -> Result<(Vec<Shown>, Vec<Pair>), sqlx::Error> {
    let new: Vec<Shown> = with_db!(db, |c| sqlx::query_as(NEW).bind(case_id).fetch_all(c).await)?;
    let old: Vec<Shown> = match onboarding_app {
        Some(app) => with_db!(db, |c| sqlx::query_as(ONBOARDING).bind(app).fetch_all(c).await)?,
        None => Vec::new(),
    };
    let pairs = ["selfie", "id_front"]
        .into_iter()
        .map(|kind| {
            let onboarding = old.iter().find(|p| p.photo.kind == kind).cloned();
            let newest = new.iter().find(|p| p.photo.kind == kind).cloned();
            let (distance, fine_distance) = match (&onboarding, &newest) {
                (Some(a), Some(b)) => (
                    a.hash.zip(b.hash).map(|(x, y)| crate::photos::measure::hamming(x, y)),
                    a.fine_hash
                        .as_deref()
                        .zip(b.fine_hash.as_deref())
                        .and_then(|(x, y)| crate::photos::measure::fine_distance(x, y)),
                ),
                _ => (None, None),
            };
            Pair { kind, onboarding, new: newest, distance, fine_distance }
        })
        .collect();
    Ok((new, pairs))
}

/// What the record says, to check the new ID against.
#[derive(Clone, Debug, Default, Deserialize, sqlx::FromRow)]
pub struct Record {
    pub iin: String,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub doc_number: Option<String>,
}

/// The new ID's fields against `record` (only when the app read any of them).
pub fn id_fields(record: &Record, read: [Option<String>; 4]) -> Vec<Checked> {
    if read.iter().all(Option::is_none) {
        return Vec::new();
    }
    let [iin, last, first, doc] = read;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        Checked { field: "iin", record: record.iin.clone(), read: iin },
        Checked { field: "last-name", record: value(&record.last_name), read: last },
        Checked { field: "first-name", record: value(&record.first_name), read: first },
        Checked { field: "doc-number", record: value(&record.doc_number), read: doc },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_case_spaces_or_hyphens() {
        let c =
            |r: &str, read: &str| Checked { field: "last-name", record: r.into(), read: Some(read.into()) };
        assert_eq!(c("Әлиев-Нұрланұлы", "ӘЛИЕВ НҰРЛАНҰЛЫ").outcome(), "match");
        assert_eq!(c("Сейткали", "Сейтқали").outcome(), "mismatch");
        assert_eq!(Checked { field: "iin", record: "1".into(), read: None }.outcome(), "unread");
    }
}
