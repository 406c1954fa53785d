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

/// What [`restore_at_once`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Restored {
    /// The account is as it was before the block (this status).
    Now(String),
    /// It is no longer blocked for `reason`, or it was blocked before for another reason: left
    /// as it is (its status).
    Kept(String),
}

/// Brings customer `id`'s account back to `prior` when it is still blocked for `reason` (an
/// access restoration approved), inside the caller's transaction, with the unblock event (and
/// `extra` in its data) and the audit entry. An account blocked before for another reason, or
/// blocked or archived since for another, stays as it is.
#[allow(clippy::too_many_arguments)]
pub async fn restore_at_once(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    reason: &str,
    prior: &Prior,
    staff: i64,
    extra: &serde_json::Value,
    ip: &str,
) -> Result<Restored, ActionError> {
    let cur = current(tx, id).await?.ok_or(ActionError::NotFound)?;
    if cur.status != "blocked" || cur.status_reason.as_deref() != Some(reason) || prior.status == "blocked" {
        return Ok(Restored::Kept(cur.status));
    }
    let status = if prior.status == "restricted" { "restricted" } else { "active" };
    let restrictions = (status == "restricted").then(|| prior.restrictions.clone()).flatten();
    // Back to active, the customer is told the check is over; a restriction keeps its reason.
    let new_reason = match (status, &prior.reason) {
        ("restricted", Some(r)) => r.clone(),
        _ => "check_completed".to_string(),
    };
    with_tx!(tx, |c| sqlx::query(
        "UPDATE customers SET status = $1, restrictions = $2, status_reason = $3, status_comment = NULL,
                status_changed_at = $4, status_changed_by = $5, version = version + 1
         WHERE id = $6"
    )
    .bind(status)
    .bind(&restrictions)
    .bind(&new_reason)
    .bind(db::now())
    .bind(staff)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let parsed = super::account::parse_restrictions(restrictions.as_deref());
    mark_applications(tx, id, super::account::bars_applications(status, &parsed)).await?;
    let mut payload = payload(tx, id, &cur.iin, status, restrictions.as_deref(), &new_reason).await?;
    if let (Some(p), Some(e)) = (payload.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    emit(tx, Action::Unblock.event(), id, &payload).await?;
    let entry = Entry::new(actor, "customer.unblocked")
        .subject("customer", id)
        .details(json!({ "reasons": new_reason, "account_before": cur.status, "account_after": status }))
        .ip(ip);
    audit::record(tx, entry).await?;
    Ok(Restored::Now(status.to_string()))
}
