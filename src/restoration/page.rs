//! `/security/cases/{id}`: one restoration case for security officers: its state and age, the
//! customer (name, masked IIN, account status, a link to their page), and every report of
//! unauthorised access as it came. A view of personal data, written to the access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use time::OffsetDateTime;

use super::queue::number;
use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer},
    },
    db,
    error::{AppError, AppResult},
    web::{AppState, Ctx, page::Page},
    with_db,
};

/// The case as the page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Case {
    pub id: i64,
    pub customer_id: i64,
    pub ticket_id: Option<i64>,
    pub state: String,
    pub created_at: OffsetDateTime,
    pub iin: String,
    pub account_status: String,
    pub newest_application_id: Option<i64>,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<String>,
    /// The account before the report, and its reason's name in Russian and Kazakh.
    pub prior_status: Option<String>,
    pub prior_reason_ru: Option<String>,
    pub prior_reason_kk: Option<String>,
}

/// One report, as it came.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub source: String,
    pub happened_at: OffsetDateTime,
    pub description: String,
    pub device: String,
    pub police_report: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(Template, WebTemplate)]
#[template(path = "restoration/case.html")]
struct CasePage {
    page: Page,
    c: Case,
    number: String,
    name: String,
    iin: String,
    days: i64,
    reports: Vec<ReportRow>,
}

impl CasePage {
    /// The account before the report: its status, and the reason it had, in the reader's language.
    fn prior(&self) -> Option<String> {
        let status = self.c.prior_status.as_deref()?;
        let mut shown = self.page.t(&format!("customers-status-{status}"));
        let reason = if self.page.lang == crate::i18n::Lang::Kk {
            &self.c.prior_reason_kk
        } else {
            &self.c.prior_reason_ru
        };
        if let Some(r) = reason {
            shown = format!(
                "{shown}, {}",
                crate::i18n::t_with(self.page.lang, "restoration-prior-reason", &[("reason", r.clone())])
            );
        }
        Some(shown)
    }

    fn ticket_number(&self, id: &i64) -> String {
        crate::support::model::number(*id)
    }
}

/// `GET /security/cases/{id}`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let db = &state.db;
    let found: Option<Case> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT r.id, r.customer_id, r.ticket_id, r.state, r.created_at, c.iin, c.status AS account_status,
                c.newest_application_id, a.last_name, a.first_name, a.patronymic, r.prior_status,
                rc.label_ru AS prior_reason_ru, rc.label_kk AS prior_reason_kk
         FROM restoration_cases r JOIN customers c ON c.id = r.customer_id
         LEFT JOIN applications a ON a.id = c.newest_application_id
         LEFT JOIN reason_codes rc ON rc.code = r.prior_reason
         WHERE r.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    let c = found.ok_or(AppError::NotFound)?;
    let reports: Vec<ReportRow> = with_db!(db, |conn| {
        sqlx::query_as(
        "SELECT p.source, p.happened_at, p.description, p.device, p.police_report, s.full_name AS recorded_by,
                p.created_at
         FROM restoration_reports p LEFT JOIN staff s ON s.id = p.recorded_by
         WHERE p.case_id = $1 ORDER BY p.id"
    )
    .bind(id)
    .fetch_all(conn)
    .await
    })?;
    if let Some(app) = c.newest_application_id {
        state.views.record(user.id, app, "restoration-case", &ctx.ip).await?;
    }
    let viewer = Viewer::new(&user.roles);
    let iin = viewer.show(Field::Iin, &c.iin).unwrap_or_else(|| ctx.t("pd-hidden"));
    let name = crate::review::store::full_name(
        c.last_name.as_deref().unwrap_or(""),
        c.first_name.as_deref().unwrap_or(""),
        c.patronymic.as_deref(),
    );
    let page = CasePage {
        page: {
            let mut p = ctx.page("restoration-case-title");
            p.title = format!("{} {}", number(c.id), p.title);
            p
        },
        number: number(c.id),
        name,
        iin,
        days: (db::now() - c.created_at).whole_days(),
        reports,
        c,
    };
    Ok(page.into_response())
}
