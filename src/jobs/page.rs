//! `/admin/jobs`: the scheduled tasks (periodic jobs: when each ran, what it did, its last
//! error, when it runs next) and the one-off jobs by state, with their attempts and last error.
//! An administrator may run a scheduled task or a waiting job now, retry a failed or cancelled
//! job, or cancel one that has not run; each is a guarded update (a second administrator acting
//! on the same job first is told so) with an audit entry.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::queue::STATES;
use crate::{
    audit::{self, Entry},
    auth::access,
    db::{self, Db},
    error::{AppError, AppResult},
    web::{AppState, Ctx, context::with_query, form::Form, page::Page},
    with_db, with_tx,
};

/// One-off jobs per page.
const PAGE_SIZE: i64 = 100;

/// `/admin/jobs...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/jobs", get(list))
        .route("/admin/jobs/{id}/retry", post(retry))
        .route("/admin/jobs/{id}/cancel", post(cancel))
}

/// A job as the page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub period_seconds: Option<i64>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub last_count: Option<i64>,
    pub last_run_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

impl JobRow {
    /// The Fluent id of the kind's name.
    pub fn kind_label(&self) -> String {
        format!("jobs-kind-{}", self.kind.replace('.', "-"))
    }

    /// How often a periodic job runs: the message (days, hours or minutes) and its number.
    pub fn every(&self) -> (&'static str, i64) {
        let s = self.period_seconds.unwrap_or(0);
        match s {
            s if s >= 86_400 && s % 86_400 == 0 => ("jobs-every-days", s / 86_400),
            s if s >= 3_600 && s % 3_600 == 0 => ("jobs-every-hours", s / 3_600),
            s => ("jobs-every-minutes", (s / 60).max(1)),
        }
    }

    /// May be run now or retried: not while it runs, not once done.
    pub fn retryable(&self) -> bool {
        matches!(self.state.as_str(), "queued" | "failed" | "cancelled")
    }

    /// May be cancelled: a one-off job that has not run to its end.
    pub fn cancellable(&self) -> bool {
        self.period_seconds.is_none() && matches!(self.state.as_str(), "queued" | "failed")
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    state: String,
    after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "jobs/list.html")]
struct JobsPage {
    page: Page,
    scheduled: Vec<JobRow>,
    /// `(state, one-off jobs in it)`, for the tabs.
    counts: Vec<(&'static str, i64)>,
    state: &'static str,
    jobs: Vec<JobRow>,
    next: Option<String>,
    now: OffsetDateTime,
}

const COLUMNS: &str =
    "id, kind, state, period_seconds, attempts, max_attempts, run_at, last_error, last_count,
                       last_run_at, created_at";

async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let db = &state.db;
    let counted: Vec<(String, i64)> = with_db!(db, |c| sqlx::query_as(
        "SELECT state, COUNT(*) FROM jobs WHERE period_seconds IS NULL GROUP BY state"
    )
    .fetch_all(c)
    .await)?;
    let counts: Vec<(&'static str, i64)> =
        STATES.iter().map(|s| (*s, counted.iter().find(|(x, _)| x == s).map_or(0, |(_, n)| *n))).collect();
    // The failed ones first when there are any: they are what needs an administrator.
    let shown = match STATES.iter().find(|s| **s == q.state) {
        Some(s) => *s,
        None if counts.iter().any(|(s, n)| *s == "failed" && *n > 0) => "failed",
        None => "queued",
    };
    let after: i64 = q.after.parse().ok().filter(|a| *a > 0).unwrap_or(i64::MAX);
    let scheduled: Vec<JobRow> = with_db!(db, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE period_seconds IS NOT NULL ORDER BY kind"
    ))
    .fetch_all(c)
    .await)?;
    let mut jobs: Vec<JobRow> = with_db!(db, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE state = $1 AND period_seconds IS NULL AND id < $2
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(shown)
    .bind(after)
    .bind(PAGE_SIZE + 1)
    .fetch_all(c)
    .await)?;
    let next = if jobs.len() as i64 > PAGE_SIZE {
        jobs.truncate(PAGE_SIZE as usize);
        jobs.last().map(|j| with_query("/admin/jobs", &[("state", shown), ("after", &j.id.to_string())]))
    } else {
        None
    };
    let page = JobsPage {
        page: ctx.page("jobs-title"),
        scheduled,
        counts,
        state: shown,
        jobs,
        next,
        now: db::now(),
    };
    Ok(page.into_response())
}

/// What an administrator did to a job.
enum Act {
    Retry,
    Cancel,
}

/// The state the administrator saw the job in, sent with each action: the action applies only
/// if the job is still in it.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Seen {
    state: String,
}

/// Applies `act` to job `id` if it is still in the state `seen` and that state allows it, with
/// the audit entry; `None` when not (another administrator acted first, or it ran meanwhile).
async fn apply(db: &Db, ctx: &Ctx, id: i64, seen: &str, act: &Act) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let now = db::now();
    let before: Option<(String, String, Option<i64>)> =
        with_tx!(&mut tx, |c| sqlx::query_as("SELECT kind, state, period_seconds FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    let Some((kind, state, period)) = before.filter(|(_, state, _)| state == seen) else { return Ok(None) };
    // Each update names the state it was allowed from, so a change in between is caught.
    let changed = match act {
        Act::Retry if matches!(state.as_str(), "queued" | "failed" | "cancelled") => {
            with_tx!(&mut tx, |c| sqlx::query(
                "UPDATE jobs SET state = 'queued', run_at = $1, finished_at = NULL,
                                 attempts = CASE WHEN state = 'queued' THEN attempts ELSE 0 END,
                                 max_attempts = CASE WHEN period_seconds IS NULL THEN $4 ELSE max_attempts END
                 WHERE id = $2 AND state = $3"
            )
            .bind(now)
            .bind(id)
            .bind(&state)
            .bind(super::kinds::max_attempts(&kind))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?
        }
        Act::Cancel if period.is_none() && matches!(state.as_str(), "queued" | "failed") => {
            with_tx!(&mut tx, |c| sqlx::query(
                "UPDATE jobs SET state = 'cancelled', finished_at = $1 WHERE id = $2 AND state = $3"
            )
            .bind(now)
            .bind(id)
            .bind(&state)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?
        }
        _ => 0,
    };
    if changed == 0 {
        return Ok(None);
    }
    let action = match act {
        Act::Retry => "job.retried",
        Act::Cancel => "job.cancelled",
    };
    let entry = Entry::new(&ctx.actor(), action)
        .subject("job", id)
        .details(json!({ "job": kind, "job_state": state }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Some(kind))
}

async fn act(state: &AppState, ctx: &Ctx, id: i64, seen: &Seen, act: Act) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    if !STATES.contains(&seen.state.as_str()) {
        return Err(AppError::BadRequest);
    }
    let done = apply(&state.db, ctx, id, &seen.state, &act).await?;
    let exists: Option<String> =
        with_db!(&state.db, |c| sqlx::query_scalar("SELECT state FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    let Some(now_state) = exists else { return Err(AppError::NotFound) };
    let id_text = id.to_string();
    match (done, act) {
        (Some(_), Act::Retry) => {
            super::wake();
            ctx.flash(true, "jobs-retried", &[("id", id_text)]).await?;
        }
        (Some(_), Act::Cancel) => ctx.flash(true, "jobs-cancelled", &[("id", id_text)]).await?,
        (None, _) => ctx.flash(false, "jobs-changed-meanwhile", &[("id", id_text)]).await?,
    }
    Ok(Redirect::to(&with_query("/admin/jobs", &[("state", &now_state)])).into_response())
}

/// `POST /admin/jobs/{id}/retry`: run now (a waiting or scheduled job) or again (a failed or
/// cancelled one, with its attempts counted afresh).
async fn retry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(seen): Form<Seen>,
) -> AppResult<Response> {
    act(&state, &ctx, id, &seen, Act::Retry).await
}

/// `POST /admin/jobs/{id}/cancel`.
async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(seen): Form<Seen>,
) -> AppResult<Response> {
    act(&state, &ctx, id, &seen, Act::Cancel).await
}
