//! The compliance officer's work on an application: screening hits confirmed or dismissed,
//! self-declarations verified or refuted, and the four-eyes approval of a confirmed PEP. After
//! every change the application's `compliance_state` is recomputed, and a verifier's approval
//! waits while it is set.

use serde_json::json;
use time::OffsetDateTime;

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    with_tx,
};

/// Why an application may not be approved yet; `None` when it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// Open screening hits or unchecked declarations.
    Review,
    /// A confirmed PEP waits for the senior compliance officer.
    Senior,
}

impl Waiting {
    pub fn parse(state: Option<&str>) -> Option<Waiting> {
        match state {
            Some("review") => Some(Waiting::Review),
            Some("senior") => Some(Waiting::Senior),
            _ => None,
        }
    }

    /// Fluent id of the reason shown next to the approve button.
    pub fn message_id(self) -> &'static str {
        match self {
            Waiting::Review => "compliance-waiting-review",
            Waiting::Senior => "compliance-waiting-senior",
        }
    }
}

/// Recomputes whether compliance still has work on application `id`, and whether its applicant
/// is a confirmed PEP.
pub async fn refresh(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE applications SET
            pep_confirmed = (
                EXISTS (SELECT 1 FROM screening_hits h WHERE h.application_id = applications.id AND h.status = 'confirmed')
                OR COALESCE((SELECT d.outcome = 'verified' FROM declaration_checks d
                             WHERE d.application_id = applications.id AND d.kind = 'pep'
                             ORDER BY d.id DESC LIMIT 1), FALSE)),
            compliance_state = CASE
                WHEN status NOT IN ('pending', 'resubmission_requested') THEN NULL
                WHEN EXISTS (SELECT 1 FROM screening_hits h WHERE h.application_id = applications.id AND h.status = 'open')
                  OR (pep_declared AND NOT EXISTS (SELECT 1 FROM declaration_checks d
                                                   WHERE d.application_id = applications.id AND d.kind = 'pep'))
                  OR (bo_declared AND NOT EXISTS (SELECT 1 FROM declaration_checks d
                                                  WHERE d.application_id = applications.id AND d.kind = 'bo'))
                  THEN 'review'
                -- Returned by the senior officer to the first one, and not sent back yet.
                WHEN EXISTS (SELECT 1 FROM pep_approvals p WHERE p.application_id = applications.id
                             AND p.returned_at IS NOT NULL AND p.senior_by IS NULL)
                  THEN 'review'
                WHEN (EXISTS (SELECT 1 FROM screening_hits h WHERE h.application_id = applications.id AND h.status = 'confirmed')
                      OR COALESCE((SELECT d.outcome = 'verified' FROM declaration_checks d
                                   WHERE d.application_id = applications.id AND d.kind = 'pep'
                                   ORDER BY d.id DESC LIMIT 1), FALSE))
                  AND NOT EXISTS (SELECT 1 FROM pep_approvals p WHERE p.application_id = applications.id
                                  AND p.senior_by IS NOT NULL)
                  THEN 'senior'
                ELSE NULL
            END
         WHERE id = $1"
    )
    .bind(id)
    .execute(&mut *c)
    .await.map(|_| ())
    })?;
    Ok(())
}

/// What compliance still waits for on application `id`, read inside a decision's transaction.
pub async fn waiting(tx: &mut Tx, id: i64) -> Result<Option<Waiting>, sqlx::Error> {
    let state: Option<Option<String>> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT compliance_state FROM applications WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await)?;
    Ok(Waiting::parse(state.flatten().as_deref()))
}

pub use super::case_reads::{Approval, Check, Hit, approval, checks, hits};

/// Why a compliance action was refused.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("not found")]
    NotFound,
    /// Someone decided it meanwhile, or the application is no longer open.
    #[error("already decided")]
    Stale,
    /// The senior approval by the officer who confirmed the PEP.
    #[error("four eyes")]
    SamePerson,
    /// Nothing to approve: no confirmed PEP.
    #[error("nothing to approve")]
    NotPep,
    /// Another officer holds the case (their name).
    #[error("held by {0}")]
    HeldBy(String),
    /// A comment or reason is needed and was empty.
    #[error("a reason is needed")]
    ReasonNeeded,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Records the first officer of a PEP confirmation, if none yet.
async fn note_first(tx: &mut Tx, app: i64, staff: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO pep_approvals (application_id, first_by, first_at) VALUES ($1, $2, $3)
         ON CONFLICT (application_id) DO NOTHING"
    )
    .bind(app)
    .bind(staff)
    .bind(now)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// A compliance officer's answer on one hit.
#[derive(Clone, Copy, Debug)]
pub struct HitDecision<'a> {
    pub app: i64,
    pub hit: i64,
    /// A true match (otherwise a false positive).
    pub confirm: bool,
    pub comment: &'a str,
}

/// Confirms or dismisses a hit with a comment.
pub async fn decide_hit(
    db: &Db,
    actor: &Actor,
    staff: i64,
    d: HitDecision<'_>,
    ip: &str,
) -> Result<(), Refused> {
    let HitDecision { app, hit: hit_id, confirm, comment } = d;
    let mut tx = db.begin().await?;
    let now = db::now();
    super::casework::hold(&mut tx, app, staff, now).await?;
    let status = if confirm { "confirmed" } else { "dismissed" };
    let done = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE screening_hits SET status = $3, decided_by = $4, decided_at = $5, comment = $6
         WHERE id = $1 AND application_id = $2 AND status = 'open'"
    )
    .bind(hit_id)
    .bind(app)
    .bind(status)
    .bind(staff)
    .bind(now)
    .bind(comment)
    .execute(&mut *c)
    .await
    .map(|r| r.rows_affected() > 0))?;
    if !done {
        let exists: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT id FROM screening_hits WHERE id = $1 AND application_id = $2"
        )
        .bind(hit_id)
        .bind(app)
        .fetch_optional(&mut *c)
        .await)?;
        return Err(if exists.is_some() { Refused::Stale } else { Refused::NotFound });
    }
    if confirm {
        note_first(&mut tx, app, staff, now).await?;
    }
    super::casework::clear_return(&mut tx, app).await?;
    refresh(&mut tx, app).await?;
    super::casework::release_if_done(&mut tx, app).await?;
    let action = if confirm { "screening.hit-confirmed" } else { "screening.hit-dismissed" };
    let entry = Entry::new(actor, action)
        .subject("application", app)
        .details(json!({ "hit": hit_id, "comment": comment }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// A declaration check as typed.
#[derive(Clone, Debug, Default)]
pub struct NewCheck {
    pub kind: String,
    pub outcome: String,
    pub position: String,
    pub country: String,
    pub relation: String,
    pub owner_of: String,
    pub share: String,
    pub notes: String,
}

/// Records a check of the PEP or BO self-declaration of application `app`.
pub async fn check_declaration(
    db: &Db,
    actor: &Actor,
    staff: i64,
    app: i64,
    check: &NewCheck,
    ip: &str,
) -> Result<(), Refused> {
    let mut tx = db.begin().await?;
    let now = db::now();
    super::casework::hold(&mut tx, app, staff, now).await?;
    let open: Option<String> =
        with_tx!(&mut tx, |c| sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
            .bind(app)
            .fetch_optional(&mut *c)
            .await)?;
    match open.as_deref() {
        None => return Err(Refused::NotFound),
        Some("pending" | "resubmission_requested") => {}
        Some(_) => return Err(Refused::Stale),
    }
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO declaration_checks (application_id, kind, outcome, position, country, relation, owner_of,
                                         share, notes, checked_by, checked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )
    .bind(app)
    .bind(&check.kind)
    .bind(&check.outcome)
    .bind(&check.position)
    .bind(&check.country)
    .bind(&check.relation)
    .bind(&check.owner_of)
    .bind(&check.share)
    .bind(&check.notes)
    .bind(staff)
    .bind(now)
    .execute(&mut *c)
    .await.map(|_| ())
    })?;
    if check.kind == "pep" && check.outcome == "verified" {
        note_first(&mut tx, app, staff, now).await?;
    }
    super::casework::clear_return(&mut tx, app).await?;
    refresh(&mut tx, app).await?;
    super::casework::release_if_done(&mut tx, app).await?;
    let entry = Entry::new(actor, "declaration.checked")
        .subject("application", app)
        // What was found (position, country, relation, holdings, notes) is the applicant's
        // personal data: it stays in `declaration_checks`, which retention can erase; the audit
        // trail, which cannot change, holds the kind and the outcome.
        .details(json!({ "kind": check.kind, "outcome": check.outcome }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// The senior compliance officer's approval of a confirmed PEP; refused to the officer who
/// confirmed it.
pub async fn senior_approve(
    db: &Db,
    actor: &Actor,
    staff: i64,
    app: i64,
    comment: &str,
    ip: &str,
) -> Result<(), Refused> {
    if comment.trim().is_empty() {
        return Err(Refused::ReasonNeeded);
    }
    let mut tx = db.begin().await?;
    let now = db::now();
    super::casework::hold(&mut tx, app, staff, now).await?;
    let row: Option<(bool, Option<i64>, Option<i64>)> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT a.pep_confirmed, p.first_by, p.senior_by
         FROM applications a LEFT JOIN pep_approvals p ON p.application_id = a.id WHERE a.id = $1"
    )
    .bind(app)
    .fetch_optional(&mut *c)
    .await)?;
    let Some((confirmed, first_by, senior_by)) = row else { return Err(Refused::NotFound) };
    if !confirmed || first_by.is_none() {
        return Err(Refused::NotPep);
    }
    if senior_by.is_some() {
        return Err(Refused::Stale);
    }
    if first_by == Some(staff) {
        return Err(Refused::SamePerson);
    }
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE pep_approvals SET senior_by = $2, senior_at = $3, comment = $4 WHERE application_id = $1"
    )
    .bind(app)
    .bind(staff)
    .bind(now)
    .bind(comment)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    refresh(&mut tx, app).await?;
    super::casework::release_if_done(&mut tx, app).await?;
    let entry = Entry::new(actor, "pep.senior-approved")
        .subject("application", app)
        .details(json!({ "comment": comment }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
