//! `/support`: the queue page, its search, and "take next".

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{
    model,
    queue::{self, Filter, Find, Row, VIEWS},
};
use crate::{
    auth::{
        access,
        personal_data::{Shown, Viewer},
    },
    db::{self, Db},
    error::AppResult,
    review::search::{Search, parse_search},
    web::{
        AppState, Ctx,
        context::with_query,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// The query string as sent.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub view: String,
    pub category: String,
    pub q: String,
    pub after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/queue.html")]
struct QueuePage {
    page: Page,
    query: QueueQuery,
    errors: FieldErrors,
    view: &'static str,
    views: Vec<(&'static str, i64)>,
    categories: Vec<(String, i64)>,
    rows: Vec<Row>,
    next: Option<String>,
    now: OffsetDateTime,
    can_take: bool,
}

impl QueuePage {
    fn view_url(&self, view: &str) -> String {
        with_query("/support", &[("view", view), ("category", &self.query.category)])
    }

    fn next_url(&self, cursor: &str) -> String {
        let q = &self.query;
        with_query(
            "/support",
            &[("view", self.view), ("category", &q.category), ("q", &q.q), ("after", cursor)],
        )
    }
}

/// What the search box holds, as a search (customers looked up by IIN, phone or e-mail).
async fn find(
    db: &Db,
    raw: &str,
    viewer: &Viewer,
    agent: bool,
    errors: &mut FieldErrors,
) -> Result<Option<Find>, sqlx::Error> {
    let typed = raw.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(n) =
        model::parse_number(typed).filter(|_| !typed.bytes().all(|b| b.is_ascii_digit()) || typed.len() <= 10)
    {
        return Ok(Some(Find::Number(n)));
    }
    let search = match parse_search(typed) {
        Ok(s) => s,
        Err(id) => {
            errors.add("q", id);
            return Ok(None);
        }
    };
    // An agent finds a caller by the IIN they dictate, though the pages show it masked; other
    // roles search only by what they see in full.
    if let Some(field) = search.as_ref().and_then(Search::field)
        && !(viewer.full(field) || (agent && viewer.shown(field) == Shown::Masked))
    {
        errors.add("q", "review-search-not-allowed");
        return Ok(None);
    }
    let (sql, value) = match search {
        Some(Search::Iin(iin)) => ("SELECT id FROM customers WHERE iin = $1", iin),
        Some(Search::Phone(p)) => {
            ("SELECT DISTINCT customer_id FROM applications WHERE phone = $1 AND customer_id IS NOT NULL", p)
        }
        Some(Search::Email(e)) => {
            ("SELECT DISTINCT customer_id FROM applications WHERE email = $1 AND customer_id IS NOT NULL", e)
        }
        _ => return Ok(Some(Find::Text(typed.to_string()))),
    };
    let ids: Vec<i64> =
        with_db!(db, |c| sqlx::query_scalar(&format!("{sql} LIMIT 100")).bind(value).fetch_all(c).await)?;
    Ok(Some(Find::Customers(ids)))
}

/// `GET /support`.
pub(super) async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let searching = !query.q.trim().is_empty();
    let view = match query.view.as_str() {
        // A search looks through every ticket still being worked unless a tab is chosen.
        "" if searching => "active",
        "" => "mine",
        v => VIEWS.iter().find(|x| **x == v).copied().unwrap_or_else(|| {
            errors.add("view", "field-invalid-choice");
            "active"
        }),
    };
    let category = match query.category.as_str() {
        "" => None,
        c => model::CATEGORIES.iter().find(|x| **x == c).copied().or_else(|| {
            errors.add("category", "field-invalid-choice");
            None
        }),
    };
    let after = match query.after.as_str() {
        "" => None,
        raw => queue::parse_cursor(raw).or_else(|| {
            errors.add("after", "review-bad-cursor");
            None
        }),
    };
    let viewer = Viewer::new(&user.roles);
    let agent = user.has_any(access::SUPPORT_WORK);
    let found = find(&state.reads, &query.q, &viewer, agent, &mut errors).await?;
    let filter = Filter { view, category, find: found, after };
    let now = db::now();
    let page = queue::page(&state.reads, user.id, errors.is_empty().then_some(&filter), now).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let body = QueuePage {
        page: ctx.page("support-queue-title"),
        query,
        errors,
        view,
        views: page.views,
        categories: page.categories,
        rows: page.rows,
        next: page.next,
        now,
        can_take: user.has_any(access::SUPPORT_WORK),
    };
    Ok((status, body).into_response())
}

/// `POST /support/next`: the unassigned ticket due first is assigned to the agent.
pub(super) async fn take_next(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    match super::assign::take_next(&state.db, &ctx.actor(), user.id, &ctx.ip).await? {
        Some(id) => Ok(Redirect::to(&format!("/support/{id}")).into_response()),
        None => {
            ctx.flash(true, "support-queue-empty", &[]).await?;
            Ok(Redirect::to("/support?view=unassigned").into_response())
        }
    }
}
