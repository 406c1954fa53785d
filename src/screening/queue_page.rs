//! The compliance queue page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::OffsetDateTime;

use super::queue::{self, QueueQuery, QueueRow};
use crate::{
    auth::access,
    db,
    error::AppResult,
    web::{
        AppState, Ctx,
        context::with_query,
        page::{FieldErrors, Page},
    },
};

#[derive(Template, WebTemplate)]
#[template(path = "compliance/queue.html")]
pub(super) struct QueuePage {
    page: Page,
    query: QueueQuery,
    errors: FieldErrors,
    state: &'static str,
    review: i64,
    senior: i64,
    rows: Vec<QueueRow>,
    next: Option<String>,
    lists: Vec<(i64, String)>,
    now: OffsetDateTime,
}

impl QueuePage {
    /// This query's URL with `after` set to `cursor`.
    fn page_url(&self, cursor: &str) -> String {
        let q = &self.query;
        with_query(
            "/compliance",
            &[
                ("state", self.state),
                ("q", &q.q),
                ("score", &q.score),
                ("list", &q.list),
                ("declared", &q.declared),
                ("days", &q.days),
                ("after", cursor),
            ],
        )
    }

    fn list_selected(&self, id: &i64) -> bool {
        self.query.list.trim() == id.to_string()
    }
}

pub(super) async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    ctx.require(access::COMPLIANCE)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let filter = query.filter(&mut errors);
    let now = db::now();
    // A search that could not be understood shows its error, not the unfiltered queue.
    let mut rows =
        if errors.has("q") { Vec::new() } else { queue::page(&state.db, &filter, now, 51).await? };
    let next = if rows.len() > 50 {
        rows.truncate(50);
        rows.last().map(queue::cursor)
    } else {
        None
    };
    let (review, senior) = queue::counts(&state.db).await?;
    let lists = queue::lists(&state.db).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = QueuePage {
        page: ctx.page("compliance-queue-title"),
        state: filter.state,
        query,
        errors,
        review,
        senior,
        rows,
        next,
        lists,
        now,
    };
    Ok((status, page).into_response())
}
