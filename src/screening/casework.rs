//! Compliance casework around the decisions: one officer holds a case at a time, a senior
//! officer can return a confirmed PEP to the first officer with a reason (who answers and sends
//! it back), and a senior officer can reopen a decided hit. Each change is audited.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::compliance::{Refused, refresh};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    with_tx,
};

/// How long a compliance officer's claim on a case lasts.
pub const CLAIM: Duration = Duration::minutes(60);

/// Takes the case for `staff` inside an action's transaction (so two officers never work one
/// case unknowingly): refused with the holder's name while another officer holds it.
pub async fn hold(tx: &mut Tx, app: i64, staff: i64, now: OffsetDateTime) -> Result<(), Refused> {
    let lock = match tx {
        Tx::Pg(_) => " FOR UPDATE OF a",
        Tx::Sqlite(_) => "",
    };
    let sql = format!(
        "SELECT a.compliance_claimed_by, a.compliance_claimed_until, s.full_name
         FROM applications a LEFT JOIN staff s ON s.id = a.compliance_claimed_by WHERE a.id = $1{lock}"
    );
    type Row = (Option<i64>, Option<OffsetDateTime>, Option<String>);
    let row: Option<Row> = with_tx!(tx, |c| sqlx::query_as(&sql).bind(app).fetch_optional(&mut *c).await)?;
    let Some((holder, until, name)) = row else { return Err(Refused::NotFound) };
    if let (Some(h), Some(u)) = (holder, until)
        && h != staff
        && u > now
    {
        return Err(Refused::HeldBy(name.unwrap_or_default()));
    }
    with_tx!(tx, |c| sqlx::query(
        "UPDATE applications SET compliance_claimed_by = $2, compliance_claimed_until = $3 WHERE id = $1"
    )
    .bind(app)
    .bind(staff)
    .bind(now + CLAIM)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Claims case `app` for `staff` (see [`hold`]), audited.
pub async fn claim(db: &Db, actor: &Actor, staff: i64, app: i64, ip: &str) -> Result<(), Refused> {
    let mut tx = db.begin().await?;
    hold(&mut tx, app, staff, db::now()).await?;
    let entry = Entry::new(actor, "compliance.case-claimed").subject("application", app).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives up `staff`'s claim on case `app`; returns whether there was one.
pub async fn release(db: &Db, actor: &Actor, staff: i64, app: i64, ip: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let n = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE applications SET compliance_claimed_by = NULL, compliance_claimed_until = NULL
         WHERE id = $1 AND compliance_claimed_by = $2"
    )
    .bind(app)
    .bind(staff)
    .execute(&mut *c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    let entry = Entry::new(actor, "compliance.case-released").subject("application", app).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives the case up once the officer's part is done: nothing left for review (it waits for the
/// senior officer, or for nobody), so the next officer does not find it held.
pub async fn release_if_done(tx: &mut Tx, app: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE applications SET compliance_claimed_by = NULL, compliance_claimed_until = NULL
         WHERE id = $1 AND (compliance_state IS NULL OR compliance_state <> 'review')"
    )
    .bind(app)
    .execute(&mut *c)
    .await
    .map(|_| ()))
}

/// Gives the case up, whoever holds it.
async fn give_up(tx: &mut Tx, app: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE applications SET compliance_claimed_by = NULL, compliance_claimed_until = NULL WHERE id = $1"
    )
    .bind(app)
    .execute(&mut *c)
    .await
    .map(|_| ()))
}

/// Records what was done to case `app` in the audit trail and commits the transaction.
async fn finish(
    mut tx: Tx,
    actor: &Actor,
    app: i64,
    action: &'static str,
    details: serde_json::Value,
    ip: &str,
) -> Result<(), Refused> {
    let entry = Entry::new(actor, action).subject("application", app).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Clears a return once the first officer has acted on the case again.
pub async fn clear_return(tx: &mut Tx, app: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE pep_approvals SET returned_at = NULL WHERE application_id = $1 AND returned_at IS NOT NULL"
    )
    .bind(app)
    .execute(&mut *c)
    .await
    .map(|_| ()))
}

/// The senior officer returns a confirmed PEP, not yet approved, to the first officer with a
/// reason; the case waits for the first officer again and the senior's claim is given up.
pub async fn return_case(
    db: &Db,
    actor: &Actor,
    staff: i64,
    app: i64,
    reason: &str,
    ip: &str,
) -> Result<(), Refused> {
    if reason.trim().is_empty() {
        return Err(Refused::ReasonNeeded);
    }
    let mut tx = db.begin().await?;
    let now = db::now();
    hold(&mut tx, app, staff, now).await?;
    let row: Option<(i64, Option<i64>)> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT first_by, senior_by FROM pep_approvals WHERE application_id = $1"
    )
    .bind(app)
    .fetch_optional(&mut *c)
    .await)?;
    let Some((first_by, senior_by)) = row else { return Err(Refused::NotPep) };
    if senior_by.is_some() {
        return Err(Refused::Stale);
    }
    if first_by == staff {
        return Err(Refused::SamePerson);
    }
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE pep_approvals SET returned_by = $2, returned_at = $3, return_reason = $4 WHERE application_id = $1"
    )
    .bind(app)
    .bind(staff)
    .bind(now)
    .bind(reason.trim())
    .execute(&mut *c)
    .await
    .map(|_| ())
    })?;
    give_up(&mut tx, app).await?;
    refresh(&mut tx, app).await?;
    finish(tx, actor, app, "pep.returned", json!({ "reason": reason.trim() }), ip).await
}

/// The first officer answers a return and sends the case to the senior officer again.
pub async fn resend(
    db: &Db,
    actor: &Actor,
    staff: i64,
    app: i64,
    answer: &str,
    ip: &str,
) -> Result<(), Refused> {
    if answer.trim().is_empty() {
        return Err(Refused::ReasonNeeded);
    }
    let mut tx = db.begin().await?;
    hold(&mut tx, app, staff, db::now()).await?;
    let n = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE pep_approvals SET returned_at = NULL
         WHERE application_id = $1 AND returned_at IS NOT NULL AND senior_by IS NULL"
    )
    .bind(app)
    .execute(&mut *c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(Refused::Stale);
    }
    refresh(&mut tx, app).await?;
    release_if_done(&mut tx, app).await?;
    finish(tx, actor, app, "pep.resent", json!({ "comment": answer.trim() }), ip).await
}

/// A senior officer reopens a decided hit with a reason: it is open again, and a senior approval
/// that rested on it no longer holds.
pub async fn reopen_hit(
    db: &Db,
    actor: &Actor,
    staff: i64,
    app: i64,
    hit: i64,
    reason: &str,
    ip: &str,
) -> Result<(), Refused> {
    if reason.trim().is_empty() {
        return Err(Refused::ReasonNeeded);
    }
    let mut tx = db.begin().await?;
    hold(&mut tx, app, staff, db::now()).await?;
    let before: Option<String> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT h.status FROM screening_hits h JOIN applications a ON a.id = h.application_id
         WHERE h.id = $1 AND h.application_id = $2 AND a.status IN ('pending', 'resubmission_requested')"
    )
    .bind(hit)
    .bind(app)
    .fetch_optional(&mut *c)
    .await)?;
    let Some(before) = before else { return Err(Refused::NotFound) };
    if !matches!(before.as_str(), "confirmed" | "dismissed") {
        return Err(Refused::Stale);
    }
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE screening_hits SET status = 'open', decided_by = NULL, decided_at = NULL, comment = NULL
         WHERE id = $1 AND status = $2"
    )
    .bind(hit)
    .bind(&before)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE pep_approvals SET senior_by = NULL, senior_at = NULL, comment = NULL WHERE application_id = $1"
    )
    .bind(app)
    .execute(&mut *c)
    .await
    .map(|_| ())
    })?;
    refresh(&mut tx, app).await?;
    finish(
        tx,
        actor,
        app,
        "screening.hit-reopened",
        json!({ "hit": hit, "was": before, "reason": reason.trim() }),
        ip,
    )
    .await
}
