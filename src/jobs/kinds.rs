//! What each kind of job does. A kind is a dotted name stored in the job's row; its name on the
//! administrators' page is the message `jobs-kind-<kind with dots as dashes>`.

use serde::Deserialize;
use time::Duration;

use super::queue::Claimed;
use crate::{audit::Actor, i18n::ALMATY, web::AppState};

/// Re-screens the applications against what one imported list version changed
/// (`{"version_id": N}`).
pub const RESCREEN: &str = "screening.rescreen";
/// Closes tickets resolved long enough ago (periodic).
pub const AUTO_CLOSE: &str = "support.auto-close";
/// Warns of SLA times coming and escalates legal requests at their escalation time (periodic).
pub const DEADLINES: &str = "support.deadlines";
/// Ends requests for documents that waited too long (periodic).
pub const DOCUMENTS_EXPIRY: &str = "review.documents-expiry";
/// Deletes expired sessions (periodic).
pub const SESSIONS_CLEANUP: &str = "sessions.cleanup";
/// Closes the windows of counted sign-in refusals (periodic).
pub const REFUSAL_WINDOWS: &str = "sign-in.refusal-windows";
/// Erases the personal data of archived customers past their retention date (periodic).
pub const RETENTION: &str = "customers.retention";
/// Deletes one-off jobs that ended long ago (periodic).
pub const PRUNE: &str = "jobs.prune";
/// Sends one message of the outbox (`{"mail": N}`: [`crate::mail::send`]).
pub const MAIL_SEND: &str = crate::mail::outbound::SEND;

/// Every kind, for the page's names and the tests.
pub const KINDS: [&str; 9] = [
    RESCREEN,
    MAIL_SEND,
    AUTO_CLOSE,
    DEADLINES,
    DOCUMENTS_EXPIRY,
    SESSIONS_CLEANUP,
    REFUSAL_WINDOWS,
    RETENTION,
    PRUNE,
];

/// Ended one-off jobs are kept this long on the page.
const KEPT: Duration = Duration::days(30);

/// The periodic jobs and how often each runs.
pub fn periodic() -> [(&'static str, Duration); 7] {
    [
        (AUTO_CLOSE, Duration::minutes(15)),
        (DEADLINES, Duration::minutes(5)),
        (DOCUMENTS_EXPIRY, Duration::minutes(5)),
        (SESSIONS_CLEANUP, Duration::minutes(5)),
        (REFUSAL_WINDOWS, Duration::minutes(1)),
        (RETENTION, Duration::days(1)),
        (PRUNE, Duration::hours(6)),
    ]
}

/// Attempts a one-off job of `kind` gets before it is a dead letter.
pub fn max_attempts(kind: &str) -> i32 {
    match kind {
        RESCREEN => 5,
        MAIL_SEND => crate::mail::outbound::MAX_ATTEMPTS,
        _ => 8,
    }
}

/// Runs one job; returns how much it did (applications screened, tickets closed, ...).
pub async fn run(state: &AppState, job: &Claimed) -> Result<i64, String> {
    let (kind, payload) = (job.kind.as_str(), job.payload.as_str());
    let db = &state.db;
    let config = &state.config;
    let counted = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    match kind {
        RESCREEN => {
            #[derive(Deserialize)]
            struct P {
                version_id: i64,
            }
            let p: P = serde_json::from_str(payload).map_err(|e| format!("payload: {e}"))?;
            crate::screening::screen::rescreen_version(
                db,
                p.version_id,
                config.screening_threshold,
                |_, _| {},
            )
            .await
            .map_err(|e| e.to_string())
        }
        AUTO_CLOSE => crate::support::closing::close_resolved(db, config.support_close_days)
            .await
            .map(counted)
            .map_err(|e| e.to_string()),
        DEADLINES => {
            crate::support::deadlines::run(db, crate::db::now()).await.map(counted).map_err(|e| e.to_string())
        }
        DOCUMENTS_EXPIRY => crate::review::decide::expire_requests(db, config.resubmission_days)
            .await
            .map(counted)
            .map_err(|e| e.to_string()),
        SESSIONS_CLEANUP => {
            crate::web::sessions::delete_expired(db).await.map(counted).map_err(|e| e.to_string())
        }
        REFUSAL_WINDOWS => crate::auth::refusals::close_windows(db, &config.throttle)
            .await
            .map(|n| n as i64)
            .map_err(|e| e.to_string()),
        RETENTION => retention(state).await,
        MAIL_SEND => crate::mail::send::run(state, job).await,
        PRUNE => super::queue::prune(db, KEPT).await.map(counted).map_err(|e| e.to_string()),
        other => Err(format!("unknown kind of job: {other}")),
    }
}

/// Erases every archived customer past the retention date; how many were erased.
async fn retention(state: &AppState) -> Result<i64, String> {
    use crate::customers::retention;
    let years = state.config.retention_years;
    let today = crate::db::now().to_offset(ALMATY).date();
    let due = retention::due(&state.db, years, today).await.map_err(|e| e.to_string())?;
    let actor = Actor::System("retention");
    let mut n = 0;
    for d in &due {
        // Read again under a lock inside: one that applied again meanwhile is skipped.
        if retention::erase(&state.db, state.photos.storage.as_ref(), &actor, d, years, today)
            .await
            .map_err(|e| e.to_string())?
            .is_some()
        {
            n += 1;
        }
    }
    Ok(n)
}
