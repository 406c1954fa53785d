//! The personal-data access log page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    auth::access,
    error::{AppError, AppResult},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
    with_db,
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct AccessQuery {
    application: String,
    customer: String,
    staff: String,
    before: String,
}

#[derive(FromRow)]
pub(super) struct AccessRow {
    id: i64,
    at: OffsetDateTime,
    staff_login: String,
    staff_name: String,
    application_id: i64,
    access: String,
    ip: String,
    /// Views in the row's ten-minute window, and the last one's time (rows written before
    /// windows count one view).
    views: i64,
    last_at: Option<OffsetDateTime>,
    /// A field shown in full on a customer page: the customer, the field and the reason.
    customer_id: Option<i64>,
    field: Option<String>,
    reason: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/access_log.html")]
pub(super) struct AccessLogPage {
    page: Page,
    application: String,
    customer: String,
    staff: String,
    rows: Vec<AccessRow>,
    older: Option<String>,
    errors: FieldErrors,
}

pub(super) async fn access_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccessQuery>,
) -> AppResult<Response> {
    ctx.require(access::ACCESS_LOG)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let application = match q.application.trim() {
        "" => None,
        s => match s.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.add("application", "review-search-bad-number");
                None
            }
        },
    };
    let customer = match q.customer.trim() {
        "" => None,
        s => match s.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.add("customer", "review-search-bad-number");
                None
            }
        },
    };
    // The staff member by login, as the audit page takes it.
    let staff_login = q.staff.trim().chars().take(64).collect::<String>();
    let before = match q.before.as_str() {
        "" => i64::MAX,
        s => s.parse::<i64>().map_err(|_| AppError::BadRequest)?,
    };
    let rows: Vec<AccessRow> = if errors.is_empty() {
        with_db!(&state.db, |c| {
            sqlx::query_as(
                "SELECT l.id, l.at, s.login AS staff_login, s.full_name AS staff_name, l.application_id, l.access,
                        l.ip, l.views, l.last_at, l.customer_id, l.field, l.reason
                 FROM pd_access_log l JOIN staff s ON s.id = l.staff_id
                 WHERE l.id < $1 AND ($2 = 0 OR l.application_id = $2) AND ($3 = 0 OR l.customer_id = $3)
                   AND ($4 = '' OR s.login = $4)
                 ORDER BY l.id DESC LIMIT 101",
            )
            .bind(before)
            .bind(application.unwrap_or(0))
            .bind(customer.unwrap_or(0))
            .bind(&staff_login)
            .fetch_all(c)
            .await
        })?
    } else {
        Vec::new()
    };
    let mut rows = rows;
    let older = if rows.len() > 100 {
        rows.truncate(100);
        rows.last().map(|r| {
            let before = r.id.to_string();
            crate::web::context::with_query(
                "/admin/access-log",
                &[
                    ("application", q.application.trim()),
                    ("customer", q.customer.trim()),
                    ("staff", staff_login.as_str()),
                    ("before", &before),
                ],
            )
        })
    } else {
        None
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = AccessLogPage {
        page: ctx.page("access-log-title"),
        application: q.application,
        customer: q.customer,
        staff: q.staff,
        rows,
        older,
        errors,
    };
    Ok((status, page).into_response())
}
