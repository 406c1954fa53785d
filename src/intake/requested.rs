//! A resubmission brings what the reviewer asked for: every photo asked for, and nothing else.

use std::sync::Arc;

use super::store::PhotoKind;
use crate::{api::FieldError, db::Db, with_db};

/// The photos the reviewer asked for (the last request for documents) that are missing from
/// `parts`, and the ones in `parts` nobody asked for. A request recorded without a list asks
/// for nothing in particular.
pub(super) async fn not_as_asked(
    db: &Db,
    id: i64,
    parts: &[(PhotoKind, Arc<Vec<u8>>)],
) -> Result<Vec<FieldError>, sqlx::Error> {
    let asked: Option<String> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT documents FROM decisions WHERE application_id = $1 AND outcome = 'resubmission_requested'
         ORDER BY id DESC LIMIT 1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let asked: Vec<&str> = asked.as_deref().unwrap_or("").split(',').filter(|d| !d.is_empty()).collect();
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let sent: Vec<&str> = parts.iter().map(|(k, _)| k.code()).collect();
    let missing = asked.iter().filter(|d| !sent.contains(d)).map(|d| FieldError {
        field: (*d).to_string(),
        code: "required",
        detail: "the reviewer asked for this photo".into(),
    });
    let extra = sent.iter().filter(|d| !asked.contains(d)).map(|d| FieldError {
        field: (*d).to_string(),
        code: "not_requested",
        detail: format!("the reviewer asked for {} only", asked.join(", ")),
    });
    Ok(missing.chain(extra).collect())
}
