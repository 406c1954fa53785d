//! Deciding a restoration case, each step one transaction guarded by the case's version:
//! - **refuse** (one officer): with reason codes from the administrators' list; the account
//!   stays blocked and the customer is told why, in their language;
//! - **propose** a restoration (optionally requiring a new device binding or a phone
//!   confirmation): the case waits for a second officer;
//! - **approve** (a second officer, never the proposer: checked here and by the database, after
//!   the step-up): the account comes back to what it was before the report, with the unblock and
//!   restoration events to the app in the same transaction;
//! - **return** a proposal to review (the second officer disagrees, or the proposer withdraws).

use serde_json::json;

use super::report::REASON;
use crate::{
    audit::{self, Actor, Entry},
    customers::account::{self, Prior, Restored},
    db::{self, Db, Tx},
    i18n::{self, Lang},
    with_tx,
};

/// What a restoration may require of the app.
pub const REQUIREMENTS: [&str; 2] = ["device_binding", "phone_confirmation"];
/// The longest note.
pub const NOTE_MAX: usize = 2000;

/// Why a step was not taken.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such case")]
    NotFound,
    /// The case changed since the page was shown.
    #[error("stale version")]
    Stale,
    /// Not possible in the case's state (the Fluent id says why).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The case as a step reads it (locked on PostgreSQL).
#[derive(sqlx::FromRow)]
struct Current {
    customer_id: i64,
    state: String,
    version: i64,
    proposed_by: Option<i64>,
    requirements: Option<String>,
    prior_status: Option<String>,
    prior_reason: Option<String>,
    prior_restrictions: Option<String>,
}

async fn current(tx: &mut Tx, id: i64, version: i64) -> Result<Current, DecideError> {
    let lock = if matches!(tx, Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT customer_id, state, version, proposed_by, requirements, prior_status, prior_reason,
                prior_restrictions
         FROM restoration_cases WHERE id = $1{lock}"
    );
    let cur: Option<Current> = with_tx!(tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    let cur = cur.ok_or(DecideError::NotFound)?;
    if cur.version != version {
        return Err(DecideError::Stale);
    }
    Ok(cur)
}

/// A transaction on case `id` at `version`, its rows locked (PostgreSQL) in the order a report
/// takes them: the customer, the case, then its ticket, all before any event is written.
async fn begin(db: &Db, id: i64, version: i64) -> Result<(Tx, Current), DecideError> {
    let mut tx = db.begin().await?;
    let owner: Option<i64> =
        with_tx!(&mut tx, |c| sqlx::query_scalar("SELECT customer_id FROM restoration_cases WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    let owner = owner.ok_or(DecideError::NotFound)?;
    if matches!(tx, Tx::Pg(_)) {
        with_tx!(&mut tx, |c| sqlx::query("SELECT id FROM customers WHERE id = $1 FOR UPDATE")
            .bind(owner)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    let cur = current(&mut tx, id, version).await?;
    super::tell::lock(&mut tx, id).await?;
    Ok((tx, cur))
}

/// The customer's language (that of their newest application) and the ids the app knows them by.
async fn customer(tx: &mut Tx, id: i64) -> Result<(Lang, String, Vec<String>), sqlx::Error> {
    let language: Option<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT language FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    let iin: String = with_tx!(tx, |c| sqlx::query_scalar("SELECT iin FROM customers WHERE id = $1")
        .bind(id)
        .fetch_one(c)
        .await)?;
    let accounts: Vec<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT account_id FROM customer_accounts WHERE customer_id = $1 ORDER BY first_seen_at, account_id"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    Ok((language.as_deref().and_then(Lang::parse).unwrap_or(Lang::Ru), iin, accounts))
}

/// Refuses case `id` at `version` for `reasons` (codes of the restoration kind, checked by the
/// caller): decided at once, the account stays blocked, the customer is told why.
#[allow(clippy::too_many_arguments)]
pub async fn refuse(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    reasons: &[String],
    note: &str,
    ip: &str,
) -> Result<(), DecideError> {
    let (mut tx, cur) = begin(db, id, version).await?;
    if !["waiting_documents", "ready"].contains(&cur.state.as_str()) {
        return Err(DecideError::Refused("restoration-not-open-for-refusal"));
    }
    let codes = reasons.join(",");
    let (now, note_kept) = (db::now(), Some(note).filter(|n| !n.is_empty()));
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE restoration_cases SET state = 'refused', proposal = 'refuse', reasons = $1, proposed_by = $2,
                note = $3, requirements = NULL, proposed_at = $4, decided_at = $4, updated_at = $4,
                version = version + 1
         WHERE id = $5"
    )
    .bind(&codes)
    .bind(staff)
    .bind(note_kept)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let (lang, iin, accounts) = customer(&mut tx, cur.customer_id).await?;
    // The reasons' texts for the customer, in both languages (the app's and the ticket's may differ).
    let (mut ru, mut kk) = (Vec::new(), Vec::new());
    for code in reasons {
        let texts: Option<(String, String)> = with_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT customer_ru, customer_kk FROM reason_codes WHERE code = $1"
        )
        .bind(code)
        .fetch_optional(c)
        .await)?;
        if let Some((r, k)) = texts {
            ru.push(r);
            kk.push(k);
        }
    }
    let texts = if lang == Lang::Kk { kk.clone() } else { ru.clone() };
    let ticket_ru = format!("{}\n\n{}", i18n::t(Lang::Ru, "restoration-ticket-refused"), ru.join("\n"));
    let ticket_kk = format!("{}\n\n{}", i18n::t(Lang::Kk, "restoration-ticket-refused"), kk.join("\n"));
    super::tell::on_ticket(&mut tx, actor, id, staff, (&ticket_ru, &ticket_kk), ip).await?;
    let payload = json!({
        "case_id": id,
        "iin": iin,
        "account_ids": accounts,
        "reasons": reasons,
        "language": lang.code(),
        "message": texts.join(" "),
    });
    crate::events::emit_customer(&mut tx, "restoration.refused", cur.customer_id, &payload).await?;
    let entry = Entry::new(actor, "restoration.refused")
        .subject("restoration", id)
        .details(json!({ "customer": cur.customer_id, "reasons": codes, "note_chars": note.chars().count() }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Proposes restoring case `id` at `version`, with `requirements` for the app: it waits for a
/// second officer.
#[allow(clippy::too_many_arguments)]
pub async fn propose(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    requirements: &[&str],
    note: &str,
    ip: &str,
) -> Result<(), DecideError> {
    let (mut tx, cur) = begin(db, id, version).await?;
    if cur.state != "ready" {
        return Err(DecideError::Refused("restoration-not-ready"));
    }
    let required = requirements.join(",");
    let (now, note_kept) = (db::now(), Some(note).filter(|n| !n.is_empty()));
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE restoration_cases SET state = 'waiting_second', proposal = 'restore', requirements = $1,
                proposed_by = $2, note = $3, reasons = NULL, proposed_at = $4, updated_at = $4,
                version = version + 1
         WHERE id = $5"
    )
    .bind(&required)
    .bind(staff)
    .bind(note_kept)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "restoration.proposed")
        .subject("restoration", id)
        .details(json!({ "customer": cur.customer_id, "requirements": required, "note_chars": note.chars().count() }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Returns case `id`'s proposal to review (`staff` disagrees, or withdraws their own).
pub async fn send_back(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    note: &str,
    ip: &str,
) -> Result<(), DecideError> {
    let (mut tx, cur) = begin(db, id, version).await?;
    if cur.state != "waiting_second" {
        return Err(DecideError::Refused("restoration-not-waiting-second"));
    }
    let (now, note_kept) = (db::now(), Some(note).filter(|n| !n.is_empty()));
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE restoration_cases SET state = 'ready', proposal = NULL, proposed_by = NULL, proposed_at = NULL,
                requirements = NULL, note = $1, updated_at = $2, version = version + 1
         WHERE id = $3"
    )
    .bind(note_kept)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    let entry = Entry::new(actor, "restoration.proposal-returned")
        .subject("restoration", id)
        .details(json!({ "customer": cur.customer_id, "proposed_by": cur.proposed_by, "note_chars": note.chars().count() }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Approves the restoration proposed for case `id` at `version`: `staff` must not be the
/// proposer. The account comes back to what it was before the report (if it is still blocked
/// for it), with the events to the app, in one transaction.
pub async fn approve(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    ip: &str,
) -> Result<Restored, DecideError> {
    let (mut tx, cur) = begin(db, id, version).await?;
    if cur.state != "waiting_second" {
        return Err(DecideError::Refused("restoration-not-waiting-second"));
    }
    if cur.proposed_by == Some(staff) {
        return Err(DecideError::Refused("restoration-own-proposal"));
    }
    // The database refuses it too: approved_by <> proposed_by.
    let now = db::now();
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE restoration_cases SET state = 'restored', approved_by = $1, decided_at = $2, updated_at = $2,
                version = version + 1
         WHERE id = $3"
    )
    .bind(staff)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let requirements: Vec<&str> =
        cur.requirements.as_deref().unwrap_or("").split(',').filter(|r| !r.is_empty()).collect();
    let (lang, iin, accounts) = customer(&mut tx, cur.customer_id).await?;
    let extra = json!({ "restoration_case_id": id, "requirements": requirements });
    let prior = Prior {
        status: cur.prior_status.clone().unwrap_or_else(|| "active".into()),
        reason: cur.prior_reason.clone(),
        restrictions: cur.prior_restrictions.clone(),
    };
    let restored =
        account::restore_at_once(&mut tx, actor, cur.customer_id, REASON, &prior, staff, &extra, ip)
            .await
            .map_err(|e| match e {
                account::ActionError::Db(e) => DecideError::Db(e),
                _ => DecideError::NotFound,
            })?;
    // The customer is told what became of the account: restored, or still barred for another
    // reason (a court's, a fraud check's) that this case does not lift.
    let (status, message) = match &restored {
        Restored::Now(s) => (s.clone(), i18n::t(lang, "restoration-customer-restored")),
        Restored::Kept(s) if s == "active" => (s.clone(), i18n::t(lang, "restoration-customer-restored")),
        Restored::Kept(s) => (s.clone(), i18n::t(lang, "restoration-customer-restored-kept")),
    };
    let payload = json!({
        "case_id": id,
        "iin": iin,
        "account_ids": accounts,
        "requirements": requirements,
        "account_status": status,
        "language": lang.code(),
        "message": message,
    });
    crate::events::emit_customer(&mut tx, "restoration.restored", cur.customer_id, &payload).await?;
    let told = if matches!(&restored, Restored::Kept(s) if s != "active") {
        "restoration-customer-restored-kept"
    } else {
        "restoration-customer-restored"
    };
    let (ru, kk) = (i18n::t(Lang::Ru, told), i18n::t(Lang::Kk, told));
    super::tell::on_ticket(&mut tx, actor, id, staff, (&ru, &kk), ip).await?;
    let entry = Entry::new(actor, "restoration.restored")
        .subject("restoration", id)
        .details(
            json!({ "customer": cur.customer_id, "proposed_by": cur.proposed_by, "account_after": status }),
        )
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(restored)
}
