//! The queue page, "take next", claims and releases.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use time::{Date, OffsetDateTime};

use super::{
    claims,
    queue::{self, QueueQuery, Sort},
    store,
};
use crate::{
    auth::access,
    db,
    error::{AppError, AppResult},
    signals::Signal,
    web::{
        AppState, Ctx,
        context::with_query,
        page::{FieldErrors, Page},
    },
};

/// A status tab of the queue.
pub struct Tab {
    pub code: &'static str,
    pub count: i64,
    pub active: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/queue.html")]
pub(super) struct QueuePage {
    page: Page,
    query: QueueQuery,
    errors: FieldErrors,
    rows: Vec<queue::Row>,
    next: Option<String>,
    tabs: Vec<Tab>,
    holders: Vec<(i64, String)>,
    now: OffsetDateTime,
    today: Date,
    can_take: bool,
    signals: Vec<Signal>,
    sorts: [Sort; 4],
}

impl QueuePage {
    /// The URL of this query with `after` set to `cursor`.
    fn page_url(&self, cursor: &str) -> String {
        let q = &self.query;
        with_query(
            "/review",
            &[
                ("status", &q.status),
                ("from", &q.from),
                ("to", &q.to),
                ("declared", &q.declared),
                ("risk", &q.risk),
                ("assignee", &q.assignee),
                ("q", &q.q),
                ("sort", &q.sort),
                ("after", cursor),
            ],
        )
    }

    fn tab_url(&self, status: &str) -> String {
        format!("/review?status={status}")
    }

    fn status_selected(&self, code: &str) -> bool {
        let selected = if self.query.status.is_empty() {
            if self.query.q.trim().is_empty() { "pending" } else { "all" }
        } else {
            &self.query.status
        };
        selected == code
    }
}

pub(super) async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::REVIEW)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let filter = query.filter(user.id, &mut errors);
    // A full IIN, phone or e-mail finds a person: only roles that may see it may search by it.
    let viewer = crate::auth::personal_data::Viewer::new(&user.roles);
    if let Some(field) = filter.search.as_ref().and_then(super::search::Search::field)
        && !viewer.full(field)
    {
        errors.add("q", "review-search-not-allowed");
    }
    // A filter that could not be understood shows its error, not a queue filtered without it.
    let now = db::now();
    let (rows, next, queue::Side { counts, holders }) =
        queue::page(&state.reads, user.id, errors.is_empty().then_some(&filter), now).await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let selected = filter.status.unwrap_or("all");
    let mut tabs: Vec<Tab> = queue::STATUSES
        .iter()
        .map(|s| Tab {
            code: s,
            count: counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
            active: *s == selected,
        })
        .collect();
    tabs.push(Tab { code: "all", count: total, active: selected == "all" });
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = QueuePage {
        page: ctx.page("review-queue-title"),
        query,
        errors,
        rows,
        next,
        tabs,
        holders,
        now,
        today: now.to_offset(crate::i18n::ALMATY).date(),
        can_take: user.has_any(access::DECIDE),
        signals: Signal::ALL.to_vec(),
        sorts: Sort::ALL,
    };
    Ok((status, page).into_response())
}

pub(super) async fn take_next(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    match claims::take_next(&state.db, &ctx.actor(), user.id, state.config.claim_ttl, &ctx.ip).await? {
        Some(id) => Ok(Redirect::to(&format!("/review/{id}")).into_response()),
        None => {
            ctx.flash(true, "review-queue-empty", &[]).await?;
            Ok(Redirect::to("/review").into_response())
        }
    }
}

pub(super) async fn claim(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !claims::claim(&state.db, &ctx.actor(), user.id, id, state.config.claim_ttl, &ctx.ip).await? {
        ctx.flash(false, "review-claim-refused", &[]).await?;
    }
    Ok(Redirect::to(&format!("/review/{id}")).into_response())
}

pub(super) async fn release(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if claims::release(&state.db, &ctx.actor(), user.id, id, &ctx.ip).await? {
        ctx.flash(true, "review-released", &[("id", id.to_string())]).await?;
        Ok(Redirect::to("/review").into_response())
    } else {
        ctx.flash(false, "review-not-held", &[]).await?;
        Ok(Redirect::to(&format!("/review/{id}")).into_response())
    }
}
