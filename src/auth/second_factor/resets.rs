//! Resetting a person's second factor when they have lost it: one administrator asks, with a
//! reason, and a second one confirms (four eyes); the confirmation removes the factor, ends the
//! person's sessions, and they enrol again at their next sign-in.

use serde::Deserialize;
use time::OffsetDateTime;

use super::store;
use crate::{
    auth::sign_ins,
    db::{
        self, Db, Tx,
        json_rows::{self, de},
    },
    with_tx,
};

/// A reset waiting for a second administrator.
#[derive(Clone, Debug, Deserialize)]
pub struct Request {
    pub id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub requested_by: i64,
    pub requester_name: String,
    #[serde(deserialize_with = "de::time")]
    pub requested_at: OffsetDateTime,
    pub reason: String,
}

/// Why a reset could not go ahead.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No open request with this id (decided meanwhile, or never made).
    NotOpen,
    /// The administrator who asked, or the person reset, cannot confirm.
    SamePerson,
    /// The person already has an open request.
    AlreadyAsked,
}

/// The open requests, oldest first.
pub async fn open(db: &Db) -> Result<Vec<Request>, sqlx::Error> {
    let inner = "SELECT r.id, r.staff_id, s.full_name AS staff_name, r.requested_by, q.full_name AS requester_name,
                        r.requested_at, r.reason
                 FROM second_factor_resets r JOIN staff s ON s.id = r.staff_id JOIN staff q ON q.id = r.requested_by
                 WHERE r.decided_at IS NULL";
    let columns =
        ["id", "staff_id", "staff_name", "requested_by", "requester_name", "requested_at", "reason"];
    let sql = json_rows::wrap(db, inner, &columns, "requested_at, id");
    let json: String = crate::with_db!(db, |c| sqlx::query_scalar(&sql).fetch_one(c).await)?;
    json_rows::parse(&json)
}

/// Asks for a reset of `staff`'s second factor; returns the request's id.
pub async fn ask(
    tx: &mut Tx,
    staff: i64,
    by: i64,
    reason: &str,
) -> Result<Result<i64, Refusal>, sqlx::Error> {
    // The unique index on open requests decides a race between two administrators.
    let id: Option<i64> = with_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO second_factor_resets (staff_id, requested_by, requested_at, reason)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id"
    )
    .bind(staff)
    .bind(by)
    .bind(db::now())
    .bind(reason)
    .fetch_optional(c)
    .await)?;
    Ok(id.ok_or(Refusal::AlreadyAsked))
}

/// Confirms (`confirm`) or cancels the open request `id` as administrator `by`; a confirmation
/// removes the factor and ends every session of the person. Returns the person's id.
pub async fn decide(
    tx: &mut Tx,
    id: i64,
    by: i64,
    confirm: bool,
) -> Result<Result<i64, Refusal>, sqlx::Error> {
    let row: Option<(i64, i64)> = with_tx!(tx, |c| sqlx::query_as(
        "SELECT staff_id, requested_by FROM second_factor_resets WHERE id = $1 AND decided_at IS NULL"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some((staff, requested_by)) = row else { return Ok(Err(Refusal::NotOpen)) };
    // Four eyes: neither the one who asked nor the person reset confirms. Anyone else may
    // cancel, and so may the one who asked.
    if confirm && (by == requested_by || by == staff) {
        return Ok(Err(Refusal::SamePerson));
    }
    let outcome = if confirm { "confirmed" } else { "cancelled" };
    // Decided once: of two racing administrators one wins, the other finds it decided.
    let done = with_tx!(tx, |c| sqlx::query(
        "UPDATE second_factor_resets SET decided_by = $1, decided_at = $2, outcome = $3
         WHERE id = $4 AND decided_at IS NULL"
    )
    .bind(by)
    .bind(db::now())
    .bind(outcome)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if done != 1 {
        return Ok(Err(Refusal::NotOpen));
    }
    if confirm {
        store::remove_all(tx, staff).await?;
        with_tx!(tx, |c| sqlx::query(
            "UPDATE staff SET auth_version = auth_version + 1, updated_at = $1 WHERE id = $2"
        )
        .bind(db::now())
        .bind(staff)
        .execute(c)
        .await
        .map(|_| ()))?;
        sign_ins::end_all(tx, staff, None, by).await?;
    }
    Ok(Ok(staff))
}
