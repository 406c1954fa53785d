//! Decisions on an application (approve, reject, ask for documents) and the end of a document
//! request (withdrawn or expired), each with its audit entry and outbox event in one transaction.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    events, with_db, with_tx,
};

/// What a verifier decided.
#[derive(Clone, Debug)]
pub enum Outcome {
    Approve,
    /// Reason codes, with the customer-facing text in the customer's language.
    Reject(Vec<(String, String)>),
    /// Documents to send again and the message to the customer.
    Resubmit {
        documents: Vec<&'static str>,
        message: String,
    },
}

impl Outcome {
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Approve => "approved",
            Outcome::Reject(_) => "rejected",
            Outcome::Resubmit { .. } => "resubmission_requested",
        }
    }
}

/// Why a decision was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such application")]
    NotFound,
    /// The application changed since the page was shown (or was decided already).
    #[error("stale version")]
    Stale,
    /// The deciding verifier does not hold the application (or the claim expired).
    #[error("not held")]
    NotHeld,
    /// An approval while compliance has not finished (hits, declarations, four eyes).
    #[error("waiting for compliance")]
    Compliance(crate::screening::compliance::Waiting),
    /// An approval for a customer whose account is blocked, archived or barred from new
    /// applications (the account status).
    #[error("account barred")]
    AccountBarred(String),
    /// The approver confirmed the PEP or gave its senior approval: four eyes need two people.
    #[error("separation of duties")]
    SeparationOfDuties,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Whether `staff` confirmed the PEP of application `id` or gave its senior approval: whatever
/// their roles, they may not also approve the application.
pub async fn compliance_officer_of(tx: &mut Tx, id: i64, staff: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT COUNT(*) FROM pep_approvals WHERE application_id = $1 AND (first_by = $2 OR senior_by = $2)"
    )
    .bind(id)
    .bind(staff)
    .fetch_one(c)
    .await
    })?;
    Ok(n > 0)
}

/// Records a decision on version `version` of application `id`, with its audit entry and its
/// outbox event, in one transaction.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    outcome: &Outcome,
    ip: &str,
) -> Result<i64, DecideError> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let lock = match &tx {
        Tx::Pg(_) => " FOR UPDATE",
        Tx::Sqlite(_) => "",
    };
    let sql = format!(
        "SELECT status, version, claimed_by, claimed_until, language, claimed_at FROM applications WHERE id = $1{lock}"
    );
    type Current = (String, i64, Option<i64>, Option<OffsetDateTime>, String, Option<OffsetDateTime>);
    let row: Option<Current> = with_tx!(&mut tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    let Some((status, current, holder, until, language, claimed_at)) = row else {
        return Err(DecideError::NotFound);
    };
    // While documents are awaited the application can still be rejected.
    let open =
        status == "pending" || (status == "resubmission_requested" && matches!(outcome, Outcome::Reject(_)));
    if current != version || !open {
        return Err(DecideError::Stale);
    }
    if holder != Some(staff) || until.is_none_or(|u| u <= now) {
        return Err(DecideError::NotHeld);
    }
    if matches!(outcome, Outcome::Approve)
        && let Some(w) = crate::screening::compliance::waiting(&mut tx, id).await?
    {
        return Err(DecideError::Compliance(w));
    }
    if matches!(outcome, Outcome::Approve)
        && let Some(status) = crate::customers::account::barred(&mut tx, id).await?
    {
        return Err(DecideError::AccountBarred(status));
    }
    if matches!(outcome, Outcome::Approve) && compliance_officer_of(&mut tx, id, staff).await? {
        return Err(DecideError::SeparationOfDuties);
    }
    let new_version = version + 1;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE applications SET status = $1, version = $2, claimed_by = NULL, claimed_until = NULL,
                decided_by = $3, decided_at = $4
         WHERE id = $5 AND version = $6"
    )
    .bind(outcome.status())
    .bind(new_version)
    .bind(staff)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|_| ()))?;
    let (reasons, documents, message) = match outcome {
        Outcome::Approve => (Vec::new(), Vec::new(), None),
        Outcome::Reject(r) => (r.iter().map(|(c, _)| c.clone()).collect(), Vec::new(), None),
        Outcome::Resubmit { documents, message } => {
            (Vec::new(), documents.iter().map(|d| (*d).to_string()).collect(), Some(message.clone()))
        }
    };
    let decision_id: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO decisions (application_id, version, outcome, reasons, documents, message, staff_id, decided_at, claimed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(id)
    .bind(version)
    .bind(outcome.status())
    .bind(reasons.join(","))
    .bind(documents.join(","))
    .bind(&message)
    .bind(staff)
    .bind(now)
    .bind(claimed_at)
    .fetch_one(c)
    .await
    })?;
    let payload = match outcome {
        Outcome::Approve => json!({ "status": "approved", "version": new_version }),
        Outcome::Reject(r) => json!({
            "status": "rejected",
            "version": new_version,
            "language": language,
            "reasons": r.iter().map(|(code, text)| json!({ "code": code, "message": text })).collect::<Vec<_>>(),
        }),
        Outcome::Resubmit { documents, message } => json!({
            "status": "resubmission_requested",
            "version": new_version,
            "language": language,
            "documents": documents,
            "message": message,
        }),
    };
    let event = match outcome {
        Outcome::Approve => "application.approved",
        Outcome::Reject(_) => "application.rejected",
        Outcome::Resubmit { .. } => "application.resubmission_requested",
    };
    events::emit(&mut tx, event, id, &payload).await?;
    // A share of the approvals and rejections is drawn for a blind second review.
    crate::quality::sample_decision(
        &mut tx,
        decision_id,
        id,
        staff,
        outcome.status(),
        &reasons.join(","),
        now,
    )
    .await?;
    let action = match outcome {
        Outcome::Approve => "application.approved",
        Outcome::Reject(_) => "application.rejected",
        Outcome::Resubmit { .. } => "application.resubmission-requested",
    };
    let mut details = json!({ "version": version });
    if !reasons.is_empty() {
        details["reasons"] = json!(reasons.join(", "));
    }
    if !documents.is_empty() {
        details["documents"] = json!(documents.join(", "));
    }
    let entry = Entry::new(actor, action).subject("application", id).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    crate::screening::compliance::refresh(&mut tx, id).await?;
    tx.commit().await?;
    Ok(decision_id)
}

/// Why a document request was closed without the documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestEnd {
    /// A verifier withdrew it.
    Withdrawn,
    /// Nothing arrived within the configured days.
    Expired,
}

/// Closes the document request on version `version` of application `id`: the application is
/// pending again (a verifier decides it without the documents), with its audit entry and an
/// event for the app, in one transaction. Returns `false` if it was not waiting for documents
/// at that version.
pub async fn end_request(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    version: i64,
    end: RequestEnd,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let n = with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE applications SET status = 'pending', version = version + 1, claimed_by = NULL, claimed_until = NULL
         WHERE id = $1 AND version = $2 AND status = 'resubmission_requested'"
    )
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n == 0 {
        return Ok(false);
    }
    let (event, action) = match end {
        RequestEnd::Withdrawn => ("application.resubmission_withdrawn", "application.resubmission-withdrawn"),
        RequestEnd::Expired => ("application.resubmission_expired", "application.resubmission-expired"),
    };
    events::emit(tx, event, id, &json!({ "status": "pending", "version": version + 1 })).await?;
    let entry =
        Entry::new(actor, action).subject("application", id).details(json!({ "version": version })).ip(ip);
    audit::record(tx, entry).await?;
    crate::screening::compliance::refresh(tx, id).await?;
    Ok(true)
}

/// A verifier withdraws the document request (see [`end_request`]).
pub async fn withdraw_request(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = end_request(&mut tx, actor, id, version, RequestEnd::Withdrawn, ip).await?;
    if done {
        tx.commit().await?;
    }
    Ok(done)
}

/// Ends every document request older than `days` (see [`end_request`]); returns how many. Safe
/// to run on several processes at once: each request ends once, guarded by its version.
pub async fn expire_requests(db: &Db, days: i64) -> Result<u64, sqlx::Error> {
    let before = db::now() - Duration::days(days);
    let due: Vec<(i64, i64)> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT id, version FROM applications WHERE status = 'resubmission_requested' AND decided_at <= $1
         ORDER BY decided_at, id LIMIT 1000"
    )
    .bind(before)
    .fetch_all(c)
    .await
    })?;
    let mut n = 0;
    for (id, version) in due {
        let mut tx = db.begin().await?;
        if end_request(&mut tx, &Actor::System("resubmission-expiry"), id, version, RequestEnd::Expired, "")
            .await?
        {
            tx.commit().await?;
            n += 1;
        }
    }
    Ok(n)
}
