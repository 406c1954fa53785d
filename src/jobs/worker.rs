//! The workers of one portal process: each takes the job due first ([`queue::claim`]), runs it
//! in a task of its own while keeping its lease, and records how it ended. A job that panics is
//! recorded as failed with the panic's message; the process goes on serving.

use std::{future::Future, sync::atomic::AtomicU64, sync::atomic::Ordering, time::Duration as StdDuration};

use time::Duration;

use super::queue::{self, Claimed};
use crate::db::Db;

/// How long a claim holds a job before another process may take it; a running job's lease is
/// renewed every third of it, so only a dead (or hung) process loses its jobs.
pub const LEASE: Duration = Duration::minutes(2);

/// This process's name in claims: its process id and a random part (ids repeat across machines).
fn process_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::fill(&mut bytes);
        format!("{}-{}", std::process::id(), hex::encode(bytes))
    })
}

/// A new claim token.
pub fn claim_token() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{}-{}", process_name(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// How one run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// Did its work; how much.
    Done(i64),
    /// Returned an error, or panicked.
    Failed(String),
    /// The lease was lost (another process took the job): nothing recorded.
    Lost,
}

/// Takes one due job and runs it with `run`; `None` when nothing was due.
pub async fn work_once<F, Fut>(
    db: &Db,
    lease: Duration,
    run: F,
) -> Result<Option<(Claimed, Ended)>, sqlx::Error>
where
    F: FnOnce(Claimed) -> Fut,
    Fut: Future<Output = Result<i64, String>> + Send + 'static,
{
    let Some(job) = queue::claim(db, &claim_token(), lease).await? else { return Ok(None) };
    // A job taken again after its process died that many times is not run again.
    if job.attempts > job.max_attempts && job.period_seconds.is_none() {
        let error = "the process running the job stopped".to_string();
        queue::fail(db, &job, &error).await?;
        return Ok(Some((job, Ended::Failed(error))));
    }
    let mut task = tokio::spawn(run(job.clone()));
    let renew = (lease / 3_i32).max(Duration::seconds(1));
    let mut beat = tokio::time::interval(StdDuration::try_from(renew).unwrap_or(StdDuration::from_secs(40)));
    beat.tick().await;
    let outcome = loop {
        tokio::select! {
            result = &mut task => break result,
            _ = beat.tick() => match queue::extend(db, &job, lease).await {
                Ok(true) => {}
                // Another process took it (this one's lease ran out): it is that one's now.
                Ok(false) => {
                    task.abort();
                    return Ok(Some((job, Ended::Lost)));
                }
                // The database is busy or away: the job goes on, and the lease is renewed at the
                // next beat (two more before it runs out).
                Err(e) => tracing::warn!(job = job.id, error = %e, "renewing a job's lease failed"),
            }
        }
    };
    let ended = match outcome {
        Ok(Ok(n)) => Ended::Done(n),
        Ok(Err(e)) => Ended::Failed(e),
        Err(e) if e.is_panic() => {
            let panic = e.into_panic();
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Ended::Failed(format!("panicked: {message}"))
        }
        Err(e) => Ended::Failed(e.to_string()),
    };
    let kept = match &ended {
        Ended::Done(n) => queue::succeed(db, &job, *n).await?,
        Ended::Failed(e) => queue::fail(db, &job, e).await?,
        Ended::Lost => false,
    };
    Ok(Some((job, if kept { ended } else { Ended::Lost })))
}

/// Runs `workers` loops for as long as the process lives, each taking jobs with `run` and
/// waiting `poll` (or a wake-up from this process) when nothing is due.
pub fn spawn<F, Fut>(db: Db, workers: usize, poll: StdDuration, run: F)
where
    F: Fn(Claimed) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<i64, String>> + Send + 'static,
{
    for _ in 0..workers {
        let db = db.clone();
        let run = run.clone();
        tokio::spawn(async move {
            loop {
                match work_once(&db, LEASE, run.clone()).await {
                    Ok(Some((job, Ended::Failed(e)))) => {
                        tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, error = %e, "job failed");
                    }
                    Ok(Some((job, Ended::Lost))) => {
                        tracing::warn!(job = job.id, kind = %job.kind, "job's lease lost to another process");
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => {
                        tokio::select! {
                            () = super::woken() => {},
                            () = tokio::time::sleep(poll) => {},
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "taking a job failed");
                        tokio::time::sleep(poll).await;
                    }
                }
            }
        });
    }
}
