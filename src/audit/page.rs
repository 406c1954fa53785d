//! The audit trail page: newest first, filtered by actor (login or name words), action, subject
//! and dates, paged by sequence number (keyset), never by offset. Every detail is shown by name.

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

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::{
    auth::access,
    error::AppResult,
    i18n::ALMATY,
    intake::input::name_tokens,
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
    with_db,
};

pub use super::about::{about, about_one, shown};

const PAGE_SIZE: i64 = 50;

/// `/admin/audit`.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(list)).merge(super::person::router())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Filter {
    actor: String,
    action: String,
    subject: String,
    from: String,
    to: String,
    before: Option<i64>,
}

/// One row of the trail as read (a row, or by position from JSON).
#[derive(FromRow, Deserialize)]
pub(super) struct Row {
    seq: i64,
    #[serde(deserialize_with = "crate::db::json_rows::de::time")]
    at: OffsetDateTime,
    actor_label: String,
    /// The staff member's name when the actor is one.
    actor_name: Option<String>,
    action: String,
    subject_type: Option<String>,
    subject_id: Option<String>,
    /// The staff member's name when the subject is a staff account.
    subject_name: Option<String>,
    details: String,
    ip: Option<String>,
    /// The staff member's id when the actor is one.
    actor_id: Option<i64>,
}

/// One row of the trail as shown: details as `(key, value)` pairs.
pub struct Shown {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub subject_link: Option<String>,
    pub details: Vec<(String, String)>,
    pub ip: String,
    /// Where the actor's activity is, when the actor is a staff member.
    pub actor_link: Option<String>,
}

impl From<Row> for Shown {
    fn from(r: Row) -> Self {
        let subject_link = match (r.subject_type.as_deref(), r.subject_id.as_deref()) {
            (Some("staff"), Some(id)) => Some(format!("/admin/staff/{id}")),
            (Some("application"), Some(id)) => Some(format!("/review/{id}")),
            (Some("customer"), Some(id)) => Some(format!("/customers/{id}")),
            (Some("reason"), Some(code)) => Some(format!("/admin/reasons/{code}")),
            (Some("api_client"), Some(_)) => Some("/admin/api-keys".to_string()),
            (Some("ticket"), Some(id)) => Some(format!("/support/{id}")),
            _ => None,
        };
        let ticket =
            r.subject_id.as_deref().and_then(|id| id.parse::<i64>().ok()).map(crate::support::model::number);
        let subject = match (&r.subject_name, &r.subject_type, &r.subject_id) {
            (Some(name), _, _) => name.clone(),
            (None, Some(t), Some(_)) if t == "ticket" && ticket.is_some() => ticket.unwrap_or_default(),
            (None, Some(t), Some(id)) => format!("{t}:{id}"),
            (None, None, Some(id)) => id.clone(),
            _ => String::new(),
        };
        Shown {
            seq: r.seq,
            at: r.at,
            actor_label: r.actor_label,
            actor_name: r.actor_name,
            action: r.action,
            subject,
            subject_link,
            details: flatten(&r.details),
            ip: r.ip.unwrap_or_default(),
            actor_link: r.actor_id.map(|id| format!("/admin/audit/staff/{id}")),
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
    from: String,
    to: String,
    errors: FieldErrors,
    rows: Vec<Shown>,
    /// `(code, selected)` for the action filter.
    actions: Vec<(&'static str, bool)>,
    next: Option<String>,
}

/// Staff whose login is `query` or whose name has every word of it (folded, prefixes).
async fn staff_matching(db: &crate::db::Db, query: &str) -> Result<Vec<i64>, sqlx::Error> {
    let all: Vec<(i64, String, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT id, login, full_name FROM staff").fetch_all(c).await)?;
    let words = name_tokens(query);
    Ok(all
        .into_iter()
        .filter(|(_, login, name)| {
            let tokens = name_tokens(name);
            login.eq_ignore_ascii_case(query.trim())
                || (!words.is_empty()
                    && words.iter().all(|w| tokens.iter().any(|t| t.starts_with(w.as_str()))))
        })
        .map(|(id, _, _)| id)
        .collect())
}

fn date(raw: &str, field: &'static str, errors: &mut FieldErrors) -> Option<time::Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = time::Date::parse(raw, time::macros::format_description!("[year]-[month]-[day]")).ok();
    if parsed.is_none() {
        errors.add(field, "review-bad-date");
    }
    parsed
}

async fn list(State(state): State<AppState>, ctx: Ctx, Query(f): Query<Filter>) -> AppResult<Response> {
    ctx.require(access::AUDIT)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let actor = f.actor.trim().chars().take(64).collect::<String>();
    let action = f.action.trim().chars().take(64).collect::<String>();
    let subject = f.subject.trim().chars().take(64).collect::<String>();
    // `staff:12`, `application:40` or just `12`.
    let (subject_type, subject_id) = match subject.split_once(':') {
        Some((t, id)) => (t.to_string(), id.to_string()),
        None => (String::new(), subject.clone()),
    };
    // Almaty's days as UTC instants: stored times are UTC, and SQLite compares them as text.
    let utc = |d: time::Date| d.midnight().assume_offset(ALMATY).to_offset(time::UtcOffset::UTC);
    let from = date(&f.from, "from", &mut errors).map(utc);
    let to = date(&f.to, "to", &mut errors).map(|d| utc(d.next_day().unwrap_or(d)));
    let before = f.before.filter(|b| *b > 0).unwrap_or(i64::MAX);
    // The actor by login or by name words: the matching accounts' ids ("nobody" if none).
    let actors = if actor.is_empty() { None } else { Some(staff_matching(&state.db, &actor).await?) };
    let actor_clause = match &actors {
        None => String::new(),
        Some(ids) if ids.is_empty() => " AND (a.actor_label = $2)".to_string(),
        Some(ids) => format!(
            " AND (a.actor_label = $2 OR (a.actor_type = 'staff' AND a.actor_id IN ({})))",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        ),
    };
    let sql = format!(
        "SELECT a.seq, a.at, a.actor_label, act.full_name AS actor_name, a.action, a.subject_type, a.subject_id,
                s.full_name AS subject_name, a.details, a.ip,
                CASE WHEN a.actor_type = 'staff' THEN a.actor_id END AS actor_id
         FROM audit_log a
         LEFT JOIN staff act ON a.actor_type = 'staff' AND a.actor_id = act.id
         LEFT JOIN staff s ON a.subject_type = 'staff' AND a.subject_id = CAST(s.id AS TEXT)
         WHERE a.seq < $1
           AND $2 = $2 -- the actor is always bound; the clause at the end uses it
           AND ($3 = '' OR a.action = $3)
           AND ($4 = '' OR a.subject_type = $4)
           AND ($5 = '' OR a.subject_id = $5)
           AND a.at >= $6 AND a.at < $7{actor_clause}
         ORDER BY a.seq DESC LIMIT $8"
    );
    let epoch = OffsetDateTime::UNIX_EPOCH;
    let far = OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT);
    let mut rows: Vec<Row> = if errors.is_empty() {
        with_db!(&state.db, |c| sqlx::query_as(&sql)
            .bind(before)
            .bind(&actor)
            .bind(&action)
            .bind(&subject_type)
            .bind(&subject_id)
            .bind(from.unwrap_or(epoch))
            .bind(to.unwrap_or(far))
            .bind(PAGE_SIZE + 1)
            .fetch_all(c)
            .await)?
    } else {
        Vec::new()
    };
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|last| {
            serde_urlencoded::to_string([
                ("actor", actor.as_str()),
                ("action", action.as_str()),
                ("subject", subject.as_str()),
                ("from", f.from.trim()),
                ("to", f.to.trim()),
                ("before", &last.seq.to_string()),
            ])
            .unwrap_or_default()
        })
    } else {
        None
    };
    let rows = present(&state.db, &ctx, rows).await?;
    let actions = super::ACTIONS.iter().map(|a| (*a, *a == action)).collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = ListPage {
        page: ctx.page("audit-title"),
        actor,
        subject,
        from: f.from.trim().to_string(),
        to: f.to.trim().to_string(),
        errors,
        rows,
        actions,
        next,
    };
    Ok((status, page).into_response())
}

/// Rows as shown to `ctx`: an application subject by its number, reason codes by their labels.
pub(super) async fn present(
    db: &crate::db::Db,
    ctx: &Ctx,
    rows: Vec<Row>,
) -> Result<Vec<Shown>, sqlx::Error> {
    // Reason codes by their label in the reader's language (read only when a row names some).
    let reasons = if rows.iter().any(|r| r.details.contains("\"reasons\"")) {
        crate::review::reasons::list(db, None, false).await?
    } else {
        Vec::new()
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut shown = Shown::from(r);
            // A ticket's page opens only for the support desk's roles.
            if shown.subject_link.as_deref().is_some_and(|l| l.starts_with("/support/"))
                && !ctx.user.as_ref().is_some_and(|u| u.has_any(crate::auth::access::SUPPORT))
            {
                shown.subject_link = None;
            }
            if shown.subject_link.as_deref().is_some_and(|l| l.starts_with("/review/")) {
                shown.subject = ctx.t_with(
                    "audit-subject-application",
                    &[("id", shown.subject.replace("application:", ""))],
                );
            }
            for (k, v) in &mut shown.details {
                if k == "reasons" {
                    *v = v
                        .split(", ")
                        .map(|code| {
                            reasons
                                .iter()
                                .find(|r| r.code == code)
                                .map_or(code.to_string(), |r| r.label(&ctx.lang).to_string())
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                }
            }
            shown
        })
        .collect())
}
