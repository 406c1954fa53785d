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

/// One row of the trail as read.
#[derive(FromRow)]
struct Row {
    seq: i64,
    at: OffsetDateTime,
    actor_label: String,
    action: String,
    subject_type: Option<String>,
    subject_id: Option<String>,
    /// The staff member's name when the subject is a staff account.
    subject_name: Option<String>,
    details: String,
    ip: Option<String>,
}

/// One row of the trail as shown: details as `(key, value)` pairs.
pub struct Shown {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub action: String,
    pub subject: String,
    pub subject_link: Option<String>,
    pub details: Vec<(String, String)>,
    pub ip: String,
}

impl From<Row> for Shown {
    fn from(r: Row) -> Self {
        let subject_link = match (r.subject_type.as_deref(), r.subject_id.as_deref()) {
            (Some("staff"), Some(id)) => Some(format!("/admin/staff/{id}")),
            _ => None,
        };
        let subject = match (&r.subject_name, &r.subject_type, &r.subject_id) {
            (Some(name), _, _) => name.clone(),
            (None, Some(t), Some(id)) => format!("{t}:{id}"),
            (None, None, Some(id)) => id.clone(),
            _ => String::new(),
        };
        Shown {
            seq: r.seq,
            at: r.at,
            actor_label: r.actor_label,
            action: r.action,
            subject,
            subject_link,
            details: flatten(&r.details),
            ip: r.ip.unwrap_or_default(),
        }
    }
}

/// A JSON object as `(key, value)` pairs; lists are joined with commas.
fn flatten(details: &str) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(details) else {
        return if details.is_empty() || details == "{}" {
            Vec::new()
        } else {
            vec![(String::new(), details.to_string())]
        };
    };
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    map.iter()
        .map(|(k, v)| {
            let value = match v {
                serde_json::Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
                other => text(other),
            };
            (k.clone(), value)
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/list.html")]
struct ListPage {
    page: Page,
    actor: String,
    subject: String,
    rows: Vec<Shown>,
    /// `(code, selected)` for the action filter.
    actions: Vec<(&'static str, bool)>,
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
    const SQL: &str = "SELECT a.seq, a.at, a.actor_label, a.action, a.subject_type, a.subject_id,
                              s.full_name AS subject_name, a.details, a.ip
                       FROM audit_log a
                       LEFT JOIN staff s
                              ON a.subject_type = 'staff' AND a.subject_id = CAST(s.id AS TEXT)
                       WHERE a.seq < $1
                         AND ($2 = '' OR a.actor_label = $2)
                         AND ($3 = '' OR a.action = $3)
                         AND ($4 = '' OR a.subject_type = $4)
                         AND ($5 = '' OR a.subject_id = $5)
                       ORDER BY a.seq DESC LIMIT $6";
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
    let rows = rows.into_iter().map(Shown::from).collect();
    let actions = super::ACTIONS.iter().map(|a| (*a, *a == action)).collect();
    Ok(ListPage { page: ctx.page("audit-title"), actor, subject, rows, actions, next })
}
