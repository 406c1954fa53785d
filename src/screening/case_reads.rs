//! What the pages read of a compliance case: its hits with their list entries, the checks of
//! its declarations, the four-eyes record.

use sqlx::FromRow;
use time::OffsetDateTime;

use super::score::Explanation;
use crate::{db::Db, with_db};

/// A screening hit as the pages show it.
#[derive(Clone, Debug, FromRow)]
pub struct Hit {
    pub id: i64,
    pub application_id: i64,
    pub entry_id: i64,
    pub score: f64,
    pub explanation: String,
    pub status: String,
    pub found_at: OffsetDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub comment: Option<String>,
    pub entry_name: String,
    pub entry_aliases: String,
    pub entry_birth_dates: String,
    pub entry_countries: String,
    pub entry_position: String,
    pub entry_dataset: String,
    pub external_id: String,
    pub list: String,
    pub version: i64,
}

impl Hit {
    /// The stored explanation.
    pub fn explained(&self) -> Option<Explanation> {
        serde_json::from_str(&self.explanation).ok()
    }

    pub fn percent(&self) -> i64 {
        (self.score * 100.0).round() as i64
    }

    pub fn aliases(&self) -> String {
        self.entry_aliases.replace(';', "; ")
    }
}

/// Hits of application `id`, open first, then by score.
pub async fn hits(db: &Db, id: i64) -> Result<Vec<Hit>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT h.id, h.application_id, h.entry_id, h.score, h.explanation, h.status, h.found_at,
                s.full_name AS decided_by, h.decided_at, h.comment,
                e.name AS entry_name, e.aliases AS entry_aliases, e.birth_dates AS entry_birth_dates,
                e.countries AS entry_countries, e.position AS entry_position, e.dataset AS entry_dataset,
                e.external_id, l.name AS list, v.version
         FROM screening_hits h
         JOIN list_entries e ON e.id = h.entry_id
         JOIN screening_lists l ON l.id = e.list_id
         JOIN list_versions v ON v.id = h.version_id
         LEFT JOIN staff s ON s.id = h.decided_by
         WHERE h.application_id = $1
         ORDER BY CASE h.status WHEN 'open' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END, h.score DESC, h.id"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}

/// A check of a self-declaration.
#[derive(Clone, Debug, FromRow)]
pub struct Check {
    pub id: i64,
    pub kind: String,
    pub outcome: String,
    pub position: String,
    pub country: String,
    pub relation: String,
    pub owner_of: String,
    pub share: String,
    pub notes: String,
    pub checked_by: String,
    pub checked_at: OffsetDateTime,
}

/// Declaration checks of application `id`, newest first.
pub async fn checks(db: &Db, id: i64) -> Result<Vec<Check>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT d.id, d.kind, d.outcome, d.position, d.country, d.relation, d.owner_of, d.share, d.notes,
                s.full_name AS checked_by, d.checked_at
         FROM declaration_checks d JOIN staff s ON s.id = d.checked_by
         WHERE d.application_id = $1 ORDER BY d.id DESC"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}

/// The four-eyes record of a confirmed PEP.
#[derive(Clone, Debug, FromRow)]
pub struct Approval {
    pub first_by_id: i64,
    pub first_by: String,
    pub first_at: OffsetDateTime,
    pub senior_by: Option<String>,
    pub senior_at: Option<OffsetDateTime>,
    pub comment: Option<String>,
    /// Set while the senior officer's return waits for the first officer.
    pub returned_at: Option<OffsetDateTime>,
    pub returned_by: Option<String>,
    pub return_reason: Option<String>,
}

pub async fn approval(db: &Db, id: i64) -> Result<Option<Approval>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT p.first_by AS first_by_id, f.full_name AS first_by, p.first_at, s.full_name AS senior_by,
                p.senior_at, p.comment, p.returned_at, r.full_name AS returned_by, p.return_reason
         FROM pep_approvals p JOIN staff f ON f.id = p.first_by LEFT JOIN staff s ON s.id = p.senior_by
         LEFT JOIN staff r ON r.id = p.returned_by
         WHERE p.application_id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}
