//! The customer search, `/customers?q=`: an IIN, phone, e-mail, application number, the app's
//! account id or its application id, or name words in any order and any script. Applications are
//! found through the queue's search ([`crate::review::queue::rows`]), newest first, and listed
//! by their customers; with nothing typed, the most recently active customers are listed.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::OffsetDateTime;

use super::store::{self, Summary};
use crate::{
    auth::{access, personal_data::Viewer},
    error::AppResult,
    review::{
        filter::QueueQuery,
        queue,
        search::{Search, parse_search},
    },
    web::{
        AppState, Ctx,
        context::with_query,
        page::{FieldErrors, Page},
    },
};

/// Customers per page.
const PAGE_SIZE: i64 = 50;

/// Account statuses the list can be narrowed to.
pub const STATUSES: [&str; 4] = ["active", "blocked", "restricted", "archived"];

/// The query string as sent (echoed back as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub status: String,
    pub after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/search.html")]
struct SearchPage {
    page: Page,
    query: SearchQuery,
    errors: FieldErrors,
    rows: Vec<Summary>,
    next: Option<String>,
    searched: bool,
    statuses: [&'static str; 4],
}

/// `(last activity, id)` from `<unix microseconds>.<id>`.
fn parse_after(raw: &str) -> Option<(OffsetDateTime, i64)> {
    let (at, id) = raw.split_once('.')?;
    let micros: i64 = at.parse().ok()?;
    let id: i64 = id.parse().ok().filter(|i| *i > 0)?;
    Some((OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok()?, id))
}

/// `GET /customers`.
pub(super) async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::CUSTOMERS)?;
    let db = &state.reads;
    let mut errors = FieldErrors::new(ctx.lang);
    // An account id of the app may have no digit (`kr-search`): one Latin word with a mark of
    // an id is tried as a reference first, and read as a name only when nothing has it.
    let typed = query.q.trim();
    let id_like = !typed.is_empty()
        && typed.len() <= crate::intake::input::ACCOUNT_ID_MAX
        && typed.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
        && typed.chars().any(|c| matches!(c, '.' | '_' | ':' | '-'));
    let referenced = if id_like { store::by_reference(db, typed).await? } else { Vec::new() };
    let search = if referenced.is_empty() {
        parse_search(&query.q).unwrap_or_else(|id| {
            errors.add("q", id);
            None
        })
    } else {
        Some(Search::External(typed.to_string()))
    };
    let viewer = Viewer::new(&user.roles);
    if let Some(field) = search.as_ref().and_then(Search::field)
        && !viewer.full(field)
    {
        errors.add("q", "review-search-not-allowed");
    }
    let status = match query.status.as_str() {
        "" => None,
        s => match STATUSES.iter().find(|x| **x == s) {
            Some(x) => Some(*x),
            None => {
                errors.add("status", "field-invalid-choice");
                None
            }
        },
    };
    let mut next = None;
    let rows = if !errors.is_empty() {
        Vec::new()
    } else {
        match &search {
            None => {
                let after = if query.after.is_empty() {
                    None
                } else {
                    let parsed = parse_after(&query.after);
                    if parsed.is_none() {
                        errors.add("after", "review-bad-cursor");
                    }
                    parsed
                };
                let mut rows = if errors.is_empty() {
                    store::recent(db, status, after, PAGE_SIZE + 1).await?
                } else {
                    Vec::new()
                };
                if rows.len() as i64 > PAGE_SIZE {
                    rows.truncate(PAGE_SIZE as usize);
                    next = rows.last().map(|r| {
                        let cursor = queue::time_cursor(r.last_activity_at, r.id);
                        with_query("/customers", &[("status", &query.status), ("after", &cursor)])
                    });
                }
                rows
            }
            Some(Search::Iin(iin)) => store::summaries(db, &store::by_iin(db, iin).await?).await?,
            Some(Search::External(reference)) => {
                // Looked up already when the box held an id-like word.
                let ids = if referenced.is_empty() {
                    store::by_reference(db, reference).await?
                } else {
                    referenced
                };
                store::summaries(db, &ids).await?
            }
            Some(_) => {
                // Through the queue's search: every status, newest application first.
                let asked = QueueQuery {
                    q: query.q.clone(),
                    status: "all".into(),
                    sort: "newest".into(),
                    after: query.after.clone(),
                    ..QueueQuery::default()
                };
                let filter = asked.filter(user.id, &mut errors);
                if errors.is_empty() {
                    let columns = "a.id, a.received_at, a.customer_id";
                    let (page, params) = queue::page_query(db, user.id, &filter, columns).await?;
                    let (rows, apps) = store::of_page(db, &page, &params).await?;
                    if apps.len() > queue::PAGE_SIZE {
                        let (at, id) = apps[queue::PAGE_SIZE - 1];
                        let cursor = queue::time_cursor(at, id);
                        next = Some(with_query("/customers", &[("q", &query.q), ("after", &cursor)]));
                    }
                    rows
                } else {
                    Vec::new()
                }
            }
        }
    };
    // A status narrows a search too (the list without a search is narrowed in the query).
    let rows: Vec<Summary> = match (status, &search) {
        (Some(s), Some(_)) => rows.into_iter().filter(|r| r.status == s).collect(),
        _ => rows,
    };
    let code = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = SearchPage {
        page: ctx.page("customers-title"),
        searched: search.is_some(),
        query,
        errors,
        rows,
        next,
        statuses: STATUSES,
    };
    Ok((code, page).into_response())
}
