//! One staff member's activity over a period (`/admin/audit/staff/{id}`): what they did, counted
//! by action, with how many times they viewed personal data, and their entries newest first;
//! the entries of the period as CSV (audited). For managers and administrators.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
};
use serde_json::json;
use time::format_description::well_known::Rfc3339;

use super::page::{Row, Shown, present};
use crate::{
    audit::{self, Entry},
    auth::access,
    dashboards::{
        page::{span, today},
        period::{self, Form, Period, PeriodQuery},
    },
    db::Db,
    error::{AppError, AppResult},
    i18n::ALMATY,
    web::{
        AppState, Ctx,
        csv::Csv,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// Entries shown on the page; the CSV has every one of the period up to [`EXPORT_MAX`].
const SHOWN: i64 = 200;
const EXPORT_MAX: i64 = 100_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/audit/staff/{id}", get(show))
        .route("/admin/audit/staff/{id}/activity.csv", get(export))
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/person.html")]
struct PersonPage {
    page: Page,
    id: i64,
    name: String,
    login: String,
    action: String,
    form: Form,
    errors: FieldErrors,
    shown: String,
    query: String,
    /// `(action, count)`, most frequent first.
    counts: Vec<(String, i64)>,
    total: i64,
    views: i64,
    rows: Vec<Shown>,
}

/// The period's first instant and the instant after its last day.
fn instants(p: &Period) -> (time::OffsetDateTime, time::OffsetDateTime) {
    let at = |d: time::Date| d.midnight().assume_offset(ALMATY).to_offset(time::UtcOffset::UTC);
    (at(p.from), at(p.to.next_day().unwrap_or(p.to)))
}

async fn person(db: &Db, id: i64) -> AppResult<(String, String)> {
    let found: Option<(String, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT full_name, login FROM staff WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    found.ok_or(AppError::NotFound)
}

/// The person's entries in the period, newest first, up to `limit`.
async fn entries(db: &Db, id: i64, p: &Period, limit: i64) -> Result<Vec<Row>, sqlx::Error> {
    let (from, to) = instants(p);
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT a.seq, a.at, a.actor_label, act.full_name AS actor_name, a.action, a.subject_type, a.subject_id,
                s.full_name AS subject_name, a.details, a.ip, a.actor_id
         FROM audit_log a
         LEFT JOIN staff act ON act.id = a.actor_id
         LEFT JOIN staff s ON a.subject_type = 'staff' AND a.subject_id = CAST(s.id AS TEXT)
         WHERE a.actor_type = 'staff' AND a.actor_id = $1 AND a.at >= $2 AND a.at < $3
         ORDER BY a.seq DESC LIMIT $4"
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(c)
    .await
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    ctx.require(access::AUDIT)?;
    let (name, login) = person(&state.db, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let p = period::parse(&q, today(), state.config.dashboard_max_days, &mut errors);
    let (from, to) = instants(&p);
    let counts: Vec<(String, i64)> = with_db!(&state.db, |c| sqlx::query_as(
        "SELECT action, COUNT(*) AS n FROM audit_log
         WHERE actor_type = 'staff' AND actor_id = $1 AND at >= $2 AND at < $3
         GROUP BY action ORDER BY n DESC, action"
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    let views: i64 = with_db!(&state.db, |c| {
        sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM pd_access_log WHERE staff_id = $1 AND at >= $2 AND at < $3"
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .fetch_one(c)
    .await
    })?;
    let rows = present(&state.db, &ctx, entries(&state.db, id, &p, SHOWN).await?).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PersonPage {
        page: ctx.page("audit-person-title"),
        id,
        name,
        login,
        action: format!("/admin/audit/staff/{id}"),
        form: Form::new(ctx.lang, &q, &p, &errors),
        errors,
        shown: span(ctx.lang, &p),
        query: p.query(),
        total: counts.iter().map(|(_, n)| n).sum(),
        counts,
        views,
        rows,
    };
    Ok((status, page).into_response())
}

async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    ctx.require(access::AUDIT)?;
    let (_, login) = person(&state.db, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let p = period::parse(&q, today(), state.config.dashboard_max_days, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest);
    }
    let rows = present(&state.db, &ctx, entries(&state.db, id, &p, EXPORT_MAX).await?).await?;
    let header: Vec<String> =
        ["audit-number", "audit-time", "audit-action", "audit-subject", "audit-details", "audit-address"]
            .iter()
            .map(|id| ctx.t(id))
            .collect();
    let mut out = Csv::new(&header);
    let page = ctx.page("audit-person-title");
    for r in &rows {
        let details: Vec<String> = r
            .details
            .iter()
            .map(|(k, v)| format!("{}: {}", page.audit_key(k), page.audit_value(k, v)))
            .collect();
        out.row(&[
            r.seq.to_string(),
            r.at.to_offset(ALMATY).format(&Rfc3339).unwrap_or_default(),
            page.audit_action(&r.action),
            r.subject.clone(),
            details.join("; "),
            r.ip.clone(),
        ]);
    }
    let entry = Entry::new(&ctx.actor(), "audit.activity-exported")
        .subject("staff", id)
        .details(json!({ "from": p.from.to_string(), "to": p.to.to_string(), "rows": rows.len() }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    let login: String =
        login.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    Ok(out.download(&format!("activity-{login}-{}.csv", p.slug())))
}
