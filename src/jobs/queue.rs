//! The job table's operations: enqueue, claim, keep, finish. A claim is one guarded statement
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two processes never take the same job; SQLite's
//! single writer gives the same); each claim carries its own token, and everything a worker does
//! to its job afterwards is guarded by that token, so a worker whose lease ran out (and whose job
//! another process took) changes nothing.

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::{
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// Job states, in the order the administrators' page shows them.
pub const STATES: [&str; 5] = ["queued", "running", "failed", "done", "cancelled"];

/// The longest wait before a failed job is tried again.
const MAX_BACKOFF: Duration = Duration::hours(1);

/// A job a worker holds.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    /// This attempt's number, from 1.
    pub attempts: i32,
    pub max_attempts: i32,
    pub period_seconds: Option<i64>,
    /// The claim's token: what the worker's later updates are guarded by.
    #[sqlx(skip)]
    pub claim: String,
}

/// Adds a one-off job, due at `run_at` (now if `None`), inside the caller's transaction: the job
/// exists exactly when the change that asks for it does.
pub async fn enqueue_tx(
    tx: &mut Tx,
    kind: &str,
    payload: &Value,
    max_attempts: i32,
    run_at: Option<OffsetDateTime>,
) -> Result<i64, sqlx::Error> {
    let now = db::now();
    with_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, max_attempts, run_at, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id"
    )
    .bind(kind)
    .bind(payload.to_string())
    .bind(max_attempts)
    .bind(run_at.unwrap_or(now))
    .bind(now)
    .fetch_one(c)
    .await)
}

/// [`enqueue_tx`] in a transaction of its own; wakes this process's workers.
pub async fn enqueue(
    db: &Db,
    kind: &str,
    payload: &Value,
    max_attempts: i32,
    run_at: Option<OffsetDateTime>,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = enqueue_tx(&mut tx, kind, payload, max_attempts, run_at).await?;
    tx.commit().await?;
    super::wake();
    Ok(id)
}

/// Makes sure the periodic job `kind` exists (one row per kind), due now when it is new, and
/// runs every `period`; an existing row keeps its schedule, brought forward to a period from now
/// when the period got shorter.
pub async fn ensure_periodic(db: &Db, kind: &str, period: Duration) -> Result<(), sqlx::Error> {
    let now = db::now();
    let seconds = period.whole_seconds().max(1);
    with_db!(db, |c| sqlx::query(
        "INSERT INTO jobs (kind, unique_key, period_seconds, max_attempts, run_at, created_at)
         VALUES ($1, $1, $2, 1, $3, $3)
         ON CONFLICT (unique_key) DO UPDATE SET period_seconds = excluded.period_seconds,
             run_at = CASE WHEN jobs.run_at < $4 THEN jobs.run_at ELSE $4 END
         WHERE jobs.period_seconds IS DISTINCT FROM excluded.period_seconds"
    )
    .bind(kind)
    .bind(seconds)
    .bind(now)
    .bind(now + Duration::seconds(seconds))
    .execute(c)
    .await
    .map(|_| ()))
}

/// Takes the job due first, if any, for `lease` under the token `claim`: a queued job whose time
/// has come, or a running one whose process's lease ran out (that process died or hangs).
pub async fn claim(db: &Db, claim: &str, lease: Duration) -> Result<Option<Claimed>, sqlx::Error> {
    let now = db::now();
    let lock = if matches!(db, Db::Pg(_)) { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, claim = $1, run_at = $2,
                         last_run_at = $3
         WHERE id = (SELECT id FROM jobs WHERE state IN ('queued', 'running') AND run_at <= $3
                     ORDER BY run_at, id LIMIT 1{lock})
         RETURNING id, kind, payload, attempts, max_attempts, period_seconds"
    );
    let job: Option<Claimed> = with_db!(db, |c| sqlx::query_as(&sql)
        .bind(claim)
        .bind(now + lease)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    Ok(job.map(|j| Claimed { claim: claim.to_string(), ..j }))
}

/// Extends the lease of a job still held under its claim; `false` when it is no longer held.
pub async fn extend(db: &Db, job: &Claimed, lease: Duration) -> Result<bool, sqlx::Error> {
    with_db!(db, |c| sqlx::query(
        "UPDATE jobs SET run_at = $1 WHERE id = $2 AND claim = $3 AND state = 'running'"
    )
    .bind(db::now() + lease)
    .bind(job.id)
    .bind(&job.claim)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour (and at most the
/// period of a periodic job).
pub fn backoff(attempts: i32, period: Option<i64>) -> Duration {
    let wait = Duration::seconds(30 * (1_i64 << attempts.clamp(1, 12).saturating_sub(1)));
    let wait = wait.min(MAX_BACKOFF);
    match period {
        Some(p) => wait.min(Duration::seconds(p)),
        None => wait,
    }
}

/// Records a run that did its work (`count`: how much, for the page). A one-off job is done; a
/// periodic one is due again a period later.
pub async fn succeed(db: &Db, job: &Claimed, count: i64) -> Result<bool, sqlx::Error> {
    let now = db::now();
    let (state, run_at, finished) = match job.period_seconds {
        Some(p) => ("queued", now + Duration::seconds(p), None),
        None => ("done", now, Some(now)),
    };
    with_db!(db, |c| {
        sqlx::query(
        "UPDATE jobs SET state = $1, run_at = $2, finished_at = $3, last_count = $4, last_error = NULL,
                         claim = NULL, runs = runs + 1, attempts = CASE WHEN $1 = 'queued' THEN 0 ELSE attempts END
         WHERE id = $5 AND claim = $6 AND state = 'running'"
    )
    .bind(state)
    .bind(run_at)
    .bind(finished)
    .bind(count)
    .bind(job.id)
    .bind(&job.claim)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1)
    })
}

/// Records a run that failed with `error`: tried again after [`backoff`] while attempts are left,
/// else `failed` (a periodic job is simply due again, sooner than its period). The attempts left
/// are read from the row: a job may have made this attempt its last ([`last_attempt`]).
pub async fn fail(db: &Db, job: &Claimed, error: &str) -> Result<bool, sqlx::Error> {
    let now = db::now();
    let run_at = now + backoff(job.attempts, job.period_seconds);
    // Errors are kept short: the page shows them, and a message may quote a whole input.
    let error: String = error.chars().take(2000).collect();
    with_db!(db, |c| sqlx::query(
        "UPDATE jobs SET state = CASE WHEN period_seconds IS NULL AND attempts >= max_attempts
                                      THEN 'failed' ELSE 'queued' END,
                         finished_at = CASE WHEN period_seconds IS NULL AND attempts >= max_attempts
                                            THEN $1 END,
                         run_at = $2, last_error = $3, claim = NULL, runs = runs + 1
         WHERE id = $4 AND claim = $5 AND state = 'running'"
    )
    .bind(now)
    .bind(run_at)
    .bind(error)
    .bind(job.id)
    .bind(&job.claim)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// Makes the attempt a worker holds the job's last: a failure it reports then ends the job
/// `failed` (for a failure no retry mends).
pub async fn last_attempt(db: &Db, job: &Claimed) -> Result<(), sqlx::Error> {
    with_db!(db, |c| sqlx::query(
        "UPDATE jobs SET max_attempts = attempts WHERE id = $1 AND claim = $2 AND state = 'running'"
    )
    .bind(job.id)
    .bind(&job.claim)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Deletes one-off jobs that ended more than `age` ago; returns how many.
pub async fn prune(db: &Db, age: Duration) -> Result<u64, sqlx::Error> {
    with_db!(db, |c| sqlx::query(
        "DELETE FROM jobs WHERE state IN ('done', 'cancelled') AND unique_key IS NULL AND finished_at < $1"
    )
    .bind(db::now() - age)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
}
