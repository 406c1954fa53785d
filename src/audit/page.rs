//! The audit trail page: newest first, filtered by actor, action or subject, paged by sequence
//! number (keyset), never by offset.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Query, State},
    routing::get,
};
use serde::Deserialize;
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    auth::access,
    error::AppResult,
    web::{AppState, Ctx, page::Page},
    with_db,
};

const PAGE_SIZE: i64 = 50;

/// `/admin/audit`.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(list))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Filter {
    actor: String,
    action: String,
    subject: String,
    before: Option<i64>,
}

/// One row of the trail as shown.
#[derive(FromRow)]
pub struct Row {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub action: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub details: String,
    pub ip: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/list.html")]
struct ListPage {
    page: Page,
    actor: String,
    action: String,
    subject: String,
    rows: Vec<Row>,
    next: Option<String>,
}

async fn list(State(state): State<AppState>, ctx: Ctx, Query(f): Query<Filter>) -> AppResult<ListPage> {
    ctx.require(access::AUDIT)?;
    let actor = f.actor.trim().chars().take(64).collect::<String>();
    let action = f.action.trim().chars().take(64).collect::<String>();
    let subject = f.subject.trim().chars().take(64).collect::<String>();
    // `staff:12` or just `12`.
    let (subject_type, subject_id) = match subject.split_once(':') {
        Some((t, id)) => (t.to_string(), id.to_string()),
        None => (String::new(), subject.clone()),
    };
    let before = f.before.filter(|b| *b > 0).unwrap_or(i64::MAX);
    const SQL: &str = "SELECT seq, at, actor_label, action, subject_type, subject_id,
                              details, ip
                       FROM audit_log
                       WHERE seq < $1
                         AND ($2 = '' OR actor_label = $2)
                         AND ($3 = '' OR action LIKE $3 || '%')
                         AND ($4 = '' OR subject_type = $4)
                         AND ($5 = '' OR subject_id = $5)
                       ORDER BY seq DESC LIMIT $6";
    let mut rows: Vec<Row> = with_db!(&state.db, |c| sqlx::query_as(SQL)
        .bind(before)
        .bind(&actor)
        .bind(&action)
        .bind(&subject_type)
        .bind(&subject_id)
        .bind(PAGE_SIZE + 1)
        .fetch_all(c)
        .await)?;
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|last| {
            serde_urlencoded::to_string([
                ("actor", actor.as_str()),
                ("action", action.as_str()),
                ("subject", subject.as_str()),
                ("before", &last.seq.to_string()),
            ])
            .unwrap_or_default()
        })
    } else {
        None
    };
    Ok(ListPage { page: ctx.page("audit-title"), actor, action, subject, rows, next })
}
