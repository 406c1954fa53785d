//! Account actions (policy 5.3, 8.1): block, unblock, restrict, and close to archive. Each writes
//! the account status, an audit entry and a `customer.*` event for the app's backend in one
//! transaction. Closing to archive takes two people: one asks ([`act`] with [`Action::Archive`]),
//! another confirms ([`super::archive::decide`]); the database refuses a confirmation by the one
//! who asked too.
//!
//! While an account is blocked, archived or barred from new applications, its open applications
//! carry [`Signal::AccountBarred`] and cannot be approved ([`barred`]).

use serde_json::{Value, json};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    signals::Signal,
    with_tx,
};

/// What a restricted account may not do, by code (`customers-restriction-<code>`).
pub const RESTRICTIONS: &[&str] = &["applications", "data_changes"];

/// An action on the account, as the form names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Block,
    Unblock,
    Restrict,
    /// Ask for the account to be closed to archive (another person confirms).
    Archive,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Block, Action::Unblock, Action::Restrict, Action::Archive];

    pub fn code(self) -> &'static str {
        match self {
            Action::Block => "block",
            Action::Unblock => "unblock",
            Action::Restrict => "restrict",
            Action::Archive => "archive",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether the action can be taken on an account in `status` with `restrictions`; `None` if
    /// it can, else the Fluent id saying why not. (`wanted`: the restrictions asked for.)
    pub fn refusal(self, status: &str, restrictions: &[String], wanted: &[&str]) -> Option<&'static str> {
        match (self, status) {
            (_, "archived") => Some("customers-action-archived"),
            (Action::Block, "blocked") => Some("customers-action-already-blocked"),
            (Action::Unblock, "active") => Some("customers-action-not-blocked"),
            (Action::Restrict, "restricted") if same(restrictions, wanted) => {
                Some("customers-action-same-restrictions")
            }
            _ => None,
        }
    }

    /// The status the account has after the action (an archive request changes nothing yet).
    fn status_after(self, before: &str) -> &'static str {
        match self {
            Action::Block => "blocked",
            Action::Unblock => "active",
            Action::Restrict => "restricted",
            Action::Archive => match before {
                "blocked" => "blocked",
                "restricted" => "restricted",
                _ => "active",
            },
        }
    }

    pub(super) fn event(self) -> &'static str {
        match self {
            Action::Block => "customer.blocked",
            Action::Unblock => "customer.unblocked",
            Action::Restrict => "customer.restricted",
            Action::Archive => "customer.archived",
        }
    }
}

fn same(have: &[String], wanted: &[&str]) -> bool {
    have.len() == wanted.len() && wanted.iter().all(|w| have.iter().any(|h| h == w))
}

/// Restrictions as stored: a comma list (none: `NULL`).
pub fn parse_restrictions(stored: Option<&str>) -> Vec<String> {
    stored.unwrap_or("").split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Whether an account in `status` with `restrictions` takes no new applications.
pub fn bars_applications(status: &str, restrictions: &[String]) -> bool {
    matches!(status, "blocked" | "archived")
        || (status == "restricted" && restrictions.iter().any(|r| r == "applications"))
}

pub use super::block::{Blocked, Prior, Restored, block_at_once, restore_at_once};

/// What the form asks for, checked.
#[derive(Clone, Debug)]
pub struct Change {
    pub action: Action,
    pub reason: String,
    pub comment: String,
    pub restrictions: Vec<&'static str>,
}

/// Why an action was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("no such customer or request")]
    NotFound,
    /// The account changed since the page was shown (someone acted first).
    #[error("stale version")]
    Stale,
    /// Not possible in the account's present state (the Fluent id says why).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The account as the transaction reads it.
#[derive(sqlx::FromRow)]
pub(super) struct Current {
    pub(super) iin: String,
    pub(super) status: String,
    pub(super) version: i64,
    pub(super) restrictions: Option<String>,
    pub(super) status_reason: Option<String>,
}

pub(super) async fn current(tx: &mut Tx, id: i64) -> Result<Option<Current>, sqlx::Error> {
    let lock = if matches!(tx, Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT iin, status, version, restrictions, status_reason FROM customers WHERE id = $1{lock}"
    );
    with_tx!(tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

/// Blocks, unblocks or restricts customer `id` at `version`, or asks for it to be archived.
/// Returns the account's new version.
pub async fn act(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    change: &Change,
    ip: &str,
) -> Result<i64, ActionError> {
    let mut tx = db.begin().await?;
    let cur = current(&mut tx, id).await?.ok_or(ActionError::NotFound)?;
    if cur.version != version {
        return Err(ActionError::Stale);
    }
    let have = parse_restrictions(cur.restrictions.as_deref());
    if let Some(why) = change.action.refusal(&cur.status, &have, &change.restrictions) {
        return Err(ActionError::Refused(why));
    }
    let now = db::now();
    let mut details =
        json!({ "reasons": change.reason, "comment": change.comment, "account_before": cur.status });
    let archive = change.action == Action::Archive;
    let audit_action = if archive {
        let made = with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO archive_requests (customer_id, reason_code, comment, requested_by, requested_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"
        )
        .bind(id)
        .bind(&change.reason)
        .bind(&change.comment)
        .bind(staff)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if made == 0 {
            return Err(ActionError::Refused("customers-archive-already-asked"));
        }
        "customer.archive-requested"
    } else {
        let status = change.action.status_after(&cur.status);
        let restrictions = (change.action == Action::Restrict).then(|| change.restrictions.join(","));
        set_status(
            &mut tx,
            id,
            version,
            status,
            restrictions.as_deref(),
            &change.reason,
            &change.comment,
            staff,
        )
        .await?;
        details["account_after"] = json!(status);
        if let Some(r) = &restrictions {
            details["restrictions"] = json!(r);
        }
        let barred = bars_applications(status, &parse_restrictions(restrictions.as_deref()));
        mark_applications(&mut tx, id, barred).await?;
        let payload = payload(&mut tx, id, &cur.iin, status, restrictions.as_deref(), &change.reason).await?;
        emit(&mut tx, change.action.event(), id, &payload).await?;
        match change.action {
            Action::Block => "customer.blocked",
            Action::Unblock => "customer.unblocked",
            _ => "customer.restricted",
        }
    };
    let entry = Entry::new(actor, audit_action).subject("customer", id).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    // An archive request leaves the account as it is until confirmed.
    Ok(if archive { version } else { version + 1 })
}

/// Writes the account's new status, guarded by its version.
#[allow(clippy::too_many_arguments)]
pub(super) async fn set_status(
    tx: &mut Tx,
    id: i64,
    version: i64,
    status: &str,
    restrictions: Option<&str>,
    reason: &str,
    comment: &str,
    staff: i64,
) -> Result<(), ActionError> {
    let n = with_tx!(tx, |c| sqlx::query(
        "UPDATE customers SET status = $1, restrictions = $2, status_reason = $3, status_comment = $4,
                status_changed_at = $5, status_changed_by = $6, version = version + 1
         WHERE id = $7 AND version = $8"
    )
    .bind(status)
    .bind(restrictions)
    .bind(reason)
    .bind(comment)
    .bind(db::now())
    .bind(staff)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 1 { Ok(()) } else { Err(ActionError::Stale) }
}

/// Sets or clears [`Signal::AccountBarred`] on the customer's open applications.
pub(super) async fn mark_applications(tx: &mut Tx, customer: i64, barred: bool) -> Result<(), sqlx::Error> {
    let sql = if barred {
        "UPDATE applications SET risk_signals = risk_signals | $1
         WHERE customer_id = $2 AND status IN ('pending', 'resubmission_requested')
           AND risk_signals & $1 = 0"
    } else {
        "UPDATE applications SET risk_signals = risk_signals & ~CAST($1 AS BIGINT)
         WHERE customer_id = $2 AND status IN ('pending', 'resubmission_requested')
           AND risk_signals & $1 <> 0"
    };
    with_tx!(tx, |c| sqlx::query(sql)
        .bind(Signal::AccountBarred.bit())
        .bind(customer)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The event's data: the account's status and restrictions, the reason, and the text for the
/// customer in their language (that of their newest application), with the IIN and account ids
/// the backend knows the customer by.
pub(super) async fn payload(
    tx: &mut Tx,
    id: i64,
    iin: &str,
    status: &str,
    restrictions: Option<&str>,
    reason: &str,
) -> Result<Value, sqlx::Error> {
    let language: Option<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT language FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    let language = language.unwrap_or_else(|| "ru".into());
    let column = if language == "kk" { "customer_kk" } else { "customer_ru" };
    let sql = format!("SELECT {column} FROM reason_codes WHERE code = $1");
    let message: Option<String> =
        with_tx!(tx, |c| sqlx::query_scalar(&sql).bind(reason).fetch_optional(c).await)?;
    let accounts: Vec<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT account_id FROM customer_accounts WHERE customer_id = $1 ORDER BY first_seen_at, account_id"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    Ok(json!({
        "status": status,
        "restrictions": parse_restrictions(restrictions),
        "reason": reason,
        "message": message.unwrap_or_default(),
        "language": language,
        "iin": iin,
        "account_ids": accounts,
    }))
}

/// Appends a customer event to the outbox (numbered with the application events).
pub async fn emit(tx: &mut Tx, event_type: &str, customer: i64, payload: &Value) -> Result<i64, sqlx::Error> {
    crate::events::emit_customer(tx, event_type, customer, payload).await
}

/// The status of application `id`'s customer if their account takes no new applications (read in
/// the deciding transaction, so an account blocked a moment ago is seen).
pub async fn barred(tx: &mut Tx, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Option<String>)> = with_tx!(tx, |c| sqlx::query_as(
        "SELECT c.status, c.restrictions FROM customers c JOIN applications a ON a.customer_id = c.id
         WHERE a.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(row.and_then(|(status, r)| {
        bars_applications(&status, &parse_restrictions(r.as_deref())).then_some(status)
    }))
}

/// At intake: marks application `id` if its customer's account (as linked) takes no new ones.
pub async fn mark_arriving(
    tx: &mut Tx,
    id: i64,
    status: &str,
    restrictions: &[String],
) -> Result<(), sqlx::Error> {
    if !bars_applications(status, restrictions) {
        return Ok(());
    }
    with_tx!(tx, |c| sqlx::query("UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2")
        .bind(Signal::AccountBarred.bit())
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}
