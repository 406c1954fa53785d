//! A report of unauthorised access, taken in one transaction: the customer's account blocked at
//! once (with its event to the app), the report stored, and a restoration case opened, or the
//! open one joined (one open case per customer, kept by a unique index). The customer gets a
//! message in their language saying what to send to have access restored.

use serde_json::json;
use time::OffsetDateTime;

use crate::{
    audit::{self, Actor, Entry},
    customers::account::{self, ActionError, Blocked},
    db::{self, Tx},
    i18n::{self, Lang},
    with_tx,
};

/// The reason code the account is blocked with.
pub const REASON: &str = "unauthorised_access";
/// What happened to the device, as a report says.
pub const DEVICES: [&str; 4] = ["lost", "stolen", "kept", "unknown"];
/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 4000;
/// The longest police report number.
pub const POLICE_REPORT_MAX: usize = 64;

/// A report as taken.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// `app`, `ticket` or `phone`.
    pub source: &'static str,
    pub happened_at: OffsetDateTime,
    pub description: &'a str,
    pub device: &'static str,
    pub police_report: Option<&'a str>,
    pub api_client_id: Option<i64>,
    pub recorded_by: Option<i64>,
    /// The ticket it came from, if any.
    pub ticket_id: Option<i64>,
}

/// What became of a report.
#[derive(Debug)]
pub struct Taken {
    pub case_id: i64,
    /// It joined a case already open.
    pub joined: bool,
    /// The account was blocked by it (else it was blocked already).
    pub blocked: bool,
    /// The account was blocked before for another reason (a court, a fraud check): the customer
    /// is not told to send documents to have it restored.
    pub blocked_otherwise: bool,
    pub state: String,
}

/// Why a report was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The account is closed to archive.
    #[error("the account is archived")]
    Archived,
    /// The ticket was made a case before (that case).
    #[error("the ticket is case {0} already")]
    TicketDone(i64),
    #[error("no such customer")]
    NotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<ActionError> for ReportError {
    fn from(e: ActionError) -> Self {
        match e {
            ActionError::Db(e) => ReportError::Db(e),
            _ => ReportError::NotFound,
        }
    }
}

/// Takes report `r` of customer `customer` in `tx`.
pub async fn take(
    tx: &mut Tx,
    actor: &Actor,
    customer: i64,
    r: &Report<'_>,
    ip: &str,
) -> Result<Taken, ReportError> {
    // The block locks the customer's row first (PostgreSQL), so two reports at once take turns.
    let (blocked, prior) =
        match account::block_at_once(tx, actor, customer, REASON, r.recorded_by, ip).await? {
            Blocked::Now(prior) => (true, prior),
            Blocked::Already(prior) => (false, prior),
            Blocked::Archived => return Err(ReportError::Archived),
        };
    // A ticket becomes a case once (checked under the customer's lock the block took).
    if let Some(ticket) = r.ticket_id {
        let done: Option<i64> = with_tx!(tx, |c| sqlx::query_scalar(
            "SELECT case_id FROM restoration_reports WHERE ticket_id = $1"
        )
        .bind(ticket)
        .fetch_optional(c)
        .await)?;
        if let Some(case) = done {
            return Err(ReportError::TicketDone(case));
        }
    }
    let blocked_otherwise = !blocked && prior.reason.as_deref() != Some(REASON);
    // Blocked by an earlier report (its case refused, say): a restoration brings back what the
    // account was before that one.
    let prior = if !blocked && !blocked_otherwise {
        let earlier: Option<(Option<String>, Option<String>, Option<String>)> =
            with_tx!(tx, |c| sqlx::query_as(
                "SELECT prior_status, prior_reason, prior_restrictions FROM restoration_cases
             WHERE customer_id = $1 AND prior_status IS NOT NULL AND prior_status <> 'blocked'
             ORDER BY id DESC LIMIT 1"
            )
            .bind(customer)
            .fetch_optional(c)
            .await)?;
        match earlier {
            Some((Some(status), reason, restrictions)) => account::Prior { status, reason, restrictions },
            _ => prior,
        }
    } else {
        prior
    };
    let now = db::now();
    let open: Option<(i64, String)> = with_tx!(tx, |c| sqlx::query_as(
        "SELECT id, state FROM restoration_cases
         WHERE customer_id = $1 AND state IN ('waiting_documents', 'ready', 'waiting_second')"
    )
    .bind(customer)
    .fetch_optional(c)
    .await)?;
    let (case_id, state, joined) = match open {
        Some((id, state)) => {
            with_tx!(tx, |c| sqlx::query(
                "UPDATE restoration_cases SET reports = reports + 1, updated_at = $1, version = version + 1,
                        ticket_id = COALESCE(ticket_id, $2)
                 WHERE id = $3"
            )
            .bind(now)
            .bind(r.ticket_id)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
            (id, state, true)
        }
        None => {
            let id: i64 = with_tx!(tx, |c| sqlx::query_scalar(
                "INSERT INTO restoration_cases (customer_id, ticket_id, prior_status, prior_reason,
                                                prior_restrictions, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
            )
            .bind(customer)
            .bind(r.ticket_id)
            .bind(&prior.status)
            .bind(&prior.reason)
            .bind(&prior.restrictions)
            .bind(now)
            .fetch_one(c)
            .await)?;
            (id, "waiting_documents".to_string(), false)
        }
    };
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO restoration_reports (case_id, source, happened_at, description, device, police_report,
                                          api_client_id, recorded_by, ticket_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(case_id)
    .bind(r.source)
    .bind(r.happened_at)
    .bind(r.description)
    .bind(r.device)
    .bind(r.police_report)
    .bind(r.api_client_id)
    .bind(r.recorded_by)
    .bind(r.ticket_id)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    // The customer is told what to send, in their language (that of their newest application);
    // not when the account was blocked for another reason, which a restoration does not lift.
    if !joined && !blocked_otherwise {
        let language: Option<String> = with_tx!(tx, |c| {
            sqlx::query_scalar(
            "SELECT language FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1"
        )
        .bind(customer)
        .fetch_optional(c)
        .await
        })?;
        let lang = language.as_deref().and_then(Lang::parse).unwrap_or(Lang::Ru);
        let (iin, accounts): (String, Vec<String>) = {
            let iin: String =
                with_tx!(tx, |c| sqlx::query_scalar("SELECT iin FROM customers WHERE id = $1")
                    .bind(customer)
                    .fetch_one(c)
                    .await)?;
            let accounts: Vec<String> = with_tx!(tx, |c| {
                sqlx::query_scalar(
                "SELECT account_id FROM customer_accounts WHERE customer_id = $1 ORDER BY first_seen_at, account_id"
            )
            .bind(customer)
            .fetch_all(c)
            .await
            })?;
            (iin, accounts)
        };
        let payload = json!({
            "case_id": case_id,
            "iin": iin,
            "account_ids": accounts,
            "state": state,
            "language": lang.code(),
            "message": i18n::t(lang, "restoration-customer-what-to-send"),
            "documents": ["selfie", "id_front", "id_back", "other"],
        });
        crate::events::emit_customer(tx, "restoration.opened", customer, &payload).await?;
    }
    let (action, device) =
        (if joined { "restoration.report-joined" } else { "restoration.opened" }, r.device);
    let source = r.source;
    let entry = Entry::new(actor, action)
        .subject("restoration", case_id)
        .details(json!({ "customer": customer, "source": source, "device": device }))
        .ip(ip);
    audit::record(tx, entry).await?;
    Ok(Taken { case_id, joined, blocked, blocked_otherwise, state })
}
