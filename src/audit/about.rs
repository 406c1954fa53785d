//! Audit entries about one subject (a ticket, a customer's records), newest first, for the pages
//! that show a record's history.

use super::page::{Row, Shown, present};
use crate::{web::Ctx, with_db};

/// The columns of an entry as [`shown`] reads them.
const ABOUT_COLUMNS: &[&str] = &[
    "seq",
    "at",
    "actor_label",
    "actor_name",
    "action",
    "subject_type",
    "subject_id",
    "subject_name",
    "details",
    "ip",
    "actor_id",
];

/// The newest `limit` entries about the `subject_type` whose id is the statement's `$1`, as a
/// list for [`crate::db::json_rows::columns`] (`(inner, columns, order)`); read it with
/// [`shown`]. Its one index range, `(subject_type, subject_id, seq)`.
pub fn about_one(subject_type: &'static str, limit: i64) -> (String, &'static [&'static str], &'static str) {
    let inner = format!(
        "SELECT a.seq, a.at, a.actor_label, act.full_name AS actor_name, a.action, a.subject_type, a.subject_id,
                NULL AS subject_name, a.details, a.ip,
                CASE WHEN a.actor_type = 'staff' THEN a.actor_id END AS actor_id
         FROM audit_log a LEFT JOIN staff act ON a.actor_type = 'staff' AND a.actor_id = act.id
         WHERE a.subject_type = '{subject_type}' AND a.subject_id = CAST($1 AS TEXT)
         ORDER BY a.seq DESC LIMIT {limit}"
    );
    (inner, ABOUT_COLUMNS, "seq DESC")
}

/// The entries of a list [`about_one`] made, as shown to `ctx`.
pub async fn shown(db: &crate::db::Db, ctx: &Ctx, json: &str) -> Result<Vec<Shown>, sqlx::Error> {
    present(db, ctx, crate::db::json_rows::parse(json)?).await
}

/// The newest `limit` entries about any of `subjects` (`(type, id)`), newest first, as shown to
/// `ctx`: a customer's timeline.
pub async fn about(
    db: &crate::db::Db,
    ctx: &Ctx,
    subjects: &[(&str, String)],
    limit: i64,
) -> Result<Vec<Shown>, sqlx::Error> {
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    // Each subject is its own index range (subject_type, subject_id, seq); the newest of each
    // are merged.
    let branches: Vec<String> = (0..subjects.len())
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT seq FROM audit_log WHERE subject_type = ${} AND subject_id = ${}
                                ORDER BY seq DESC LIMIT {limit}) b{i}",
                2 * i + 1,
                2 * i + 2
            )
        })
        .collect();
    let sql = format!(
        "SELECT a.seq, a.at, a.actor_label, act.full_name AS actor_name, a.action, a.subject_type, a.subject_id,
                s.full_name AS subject_name, a.details, a.ip,
                CASE WHEN a.actor_type = 'staff' THEN a.actor_id END AS actor_id
         FROM ({}) m
         JOIN audit_log a ON a.seq = m.seq
         LEFT JOIN staff act ON a.actor_type = 'staff' AND a.actor_id = act.id
         LEFT JOIN staff s ON a.subject_type = 'staff' AND a.subject_id = CAST(s.id AS TEXT)
         ORDER BY a.seq DESC LIMIT {limit}",
        branches.join(" UNION ALL ")
    );
    let rows: Vec<Row> = with_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for (kind, id) in subjects {
            q = q.bind(*kind).bind(id.as_str());
        }
        q.fetch_all(c).await
    })?;
    present(db, ctx, rows).await
}
