//! Background work as durable jobs: one table ([`queue`]) holds every task the portal runs
//! outside a request (re-screening after a list import, closing resolved tickets, ending expired
//! document requests, session cleanup, retention), and every portal process runs workers
//! ([`worker`]) that take them. On several processes over one PostgreSQL each job runs once
//! (`FOR UPDATE SKIP LOCKED`), a job survives a restart, and a job whose process died is taken
//! again when its lease runs out. Administrators see and steer them at `/admin/jobs` ([`page`]).
//!
//! The table is kept here rather than with a job-queue crate: none found works on both SQLite
//! and PostgreSQL through sqlx 0.8 at a stable release, and the whole queue is a few statements.

pub mod kinds;
mod page;
pub mod queue;
pub mod worker;

use std::sync::OnceLock;

use tokio::sync::Notify;

use crate::web::AppState;

pub use page::router;

fn notify() -> &'static Notify {
    static WAKE: OnceLock<Notify> = OnceLock::new();
    WAKE.get_or_init(Notify::new)
}

/// Wakes this process's idle workers (a job was just queued).
pub fn wake() {
    notify().notify_waiters();
}

async fn woken() {
    notify().notified().await;
}

/// Makes sure each periodic job exists and starts this process's workers
/// (`config.job_workers`; none runs jobs when it is 0).
pub async fn start(state: &AppState) -> Result<(), sqlx::Error> {
    for (kind, period) in kinds::periodic() {
        queue::ensure_periodic(&state.db, kind, period).await?;
    }
    let workers = state.config.job_workers;
    if workers == 0 {
        return Ok(());
    }
    let poll = state.config.job_poll;
    let for_jobs = state.clone();
    worker::spawn(state.db.clone(), workers, poll, move |job| {
        let state = for_jobs.clone();
        async move { kinds::run(&state, &job).await }
    });
    Ok(())
}
