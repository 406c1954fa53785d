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
    pub state: String,
}

/// Why a report was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The account is closed to archive.
    #[error("the account is archived")]
    Archived,
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
    let blocked = match account::block_at_once(tx, actor, customer, REASON, r.recorded_by, ip).await? {
        Blocked::Now => true,
        Blocked::Already => false,
        Blocked::Archived => return Err(ReportError::Archived),
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
                "INSERT INTO restoration_cases (customer_id, ticket_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $3) RETURNING id"
            )
            .bind(customer)
            .bind(r.ticket_id)
            .bind(now)
            .fetch_one(c)
            .await)?;
            (id, "waiting_documents".to_string(), false)
        }
    };
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO restoration_reports (case_id, source, happened_at, description, device, police_report,
                                          api_client_id, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(case_id)
    .bind(r.source)
    .bind(r.happened_at)
    .bind(r.description)
    .bind(r.device)
    .bind(r.police_report)
    .bind(r.api_client_id)
    .bind(r.recorded_by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    // The customer is told what to send, in their language (that of their newest application).
    if !joined {
        let language: Option<String> = with_tx!(tx, |c| {
            sqlx::query_scalar(
            "SELECT language FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1"
        )
        .bind(customer)
        .fetch_optional(c)
        .await
        })?;
        let lang = language.as_deref().and_then(Lang::parse).unwrap_or(Lang::Ru);
        let payload = json!({
            "case_id": case_id,
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
    Ok(Taken { case_id, joined, blocked, state })
}
