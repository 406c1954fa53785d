//! Blocking an account at once, inside another change's transaction: a report of unauthorised
//! access (policy 5.7) blocks the account whatever it was, with the event to the app and the
//! audit entry beside it, and returns the account as it was so the case can keep it.

use serde_json::json;

use super::account::{Action, ActionError, current, emit, mark_applications, payload};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Tx},
    with_tx,
};

/// The account as it was before [`block_at_once`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prior {
    pub status: String,
    pub reason: Option<String>,
    pub restrictions: Option<String>,
}

/// What [`block_at_once`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Blocked {
    /// Blocked now; as it was before.
    Now(Prior),
    /// It was blocked already (for the reason in it).
    Already(Prior),
    /// Closed to archive: nothing to block.
    Archived,
}

/// Blocks customer `id` at once for `reason` (a report of unauthorised access), inside the
/// caller's transaction, with the event to the app and the audit entry beside it; `staff` when a
/// person recorded it. Not guarded by a version: whatever the account was, it is blocked now.
pub async fn block_at_once(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    reason: &str,
    staff: Option<i64>,
    ip: &str,
) -> Result<Blocked, ActionError> {
    let cur = current(tx, id).await?.ok_or(ActionError::NotFound)?;
    let prior = Prior {
        status: cur.status.clone(),
        reason: cur.status_reason.clone(),
        restrictions: cur.restrictions.clone(),
    };
    match cur.status.as_str() {
        "blocked" => return Ok(Blocked::Already(prior)),
        "archived" => return Ok(Blocked::Archived),
        _ => {}
    }
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE customers SET status = 'blocked', restrictions = NULL, status_reason = $1, status_comment = NULL,
                status_changed_at = $2, status_changed_by = $3, version = version + 1
         WHERE id = $4"
    )
    .bind(reason)
    .bind(db::now())
    .bind(staff)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    mark_applications(tx, id, true).await?;
    let payload = payload(tx, id, &cur.iin, "blocked", None, reason).await?;
    emit(tx, Action::Block.event(), id, &payload).await?;
    let after = "blocked";
    let entry = Entry::new(actor, "customer.blocked")
        .subject("customer", id)
        .details(json!({ "reasons": reason, "account_before": cur.status, "account_after": after }))
        .ip(ip);
    audit::record(tx, entry).await?;
    Ok(Blocked::Now(prior))
}
