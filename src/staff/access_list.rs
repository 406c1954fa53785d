//! The access list (law 94-V): everyone who has or had access to customers' personal data, with
//! the role that gave it and from when until when. A page for administrators and a CSV for the
//! authorised body; the export is audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::State,
    response::{IntoResponse, Response},
    routing::get,
};
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    audit::{self, Entry},
    auth::{
        Role, access,
        personal_data::{Field, Shown, shown_to},
    },
    error::AppResult,
    i18n,
    web::{AppState, Ctx, csv::Csv, page::Page},
    with_db,
};

/// `/admin/access-list` and its CSV.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/access-list", get(page)).route(
        "/admin/access-list.csv",
        get(csv).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
    )
}

/// The roles that show some personal data of customers (the personal-data table's columns that
/// are not all hidden).
pub fn personal_data_roles() -> Vec<Role> {
    Role::ALL.into_iter().filter(|r| Field::ALL.iter().any(|f| shown_to(*r, *f) != Shown::Hidden)).collect()
}

/// One period of one role.
#[derive(Clone, Debug, FromRow)]
pub struct Period {
    pub login: String,
    pub full_name: String,
    pub role: String,
    pub granted_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    pub active: bool,
}

impl Period {
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }
}

/// Every period of a personal-data role, current ones first, then by person and start.
async fn periods(state: &AppState) -> Result<Vec<Period>, sqlx::Error> {
    let roles: Vec<String> = personal_data_roles().iter().map(|r| format!("'{}'", r.code())).collect();
    let sql = format!(
        "SELECT s.login, s.full_name, p.role, p.granted_at, p.revoked_at, s.active
         FROM staff_role_periods p JOIN staff s ON s.id = p.staff_id
         WHERE p.role IN ({})
         ORDER BY CASE WHEN p.revoked_at IS NULL THEN 0 ELSE 1 END, s.full_name, s.login, p.granted_at",
        roles.join(", ")
    );
    with_db!(&state.db, |c| sqlx::query_as(&sql).fetch_all(c).await)
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/access_list.html")]
struct AccessListPage {
    page: Page,
    periods: Vec<Period>,
    roles: Vec<Role>,
}

async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let periods = periods(&state).await?;
    Ok(AccessListPage { page: ctx.page("access-list-title"), periods, roles: personal_data_roles() }
        .into_response())
}

async fn csv(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let periods = periods(&state).await?;
    let t = |id: &str| ctx.t(id);
    let at =
        |d: OffsetDateTime| d.to_offset(i18n::ALMATY).format(&time::format_description::well_known::Rfc3339);
    let header = [
        t("access-list-login"),
        t("access-list-name"),
        t("access-list-role"),
        t("access-list-since"),
        t("access-list-until"),
        t("access-list-account-active"),
    ];
    let mut out = Csv::new(&header);
    for p in &periods {
        let role = p.role().map_or_else(|| p.role.clone(), |r| t(r.message_id()));
        let row = [
            p.login.clone(),
            p.full_name.clone(),
            role,
            at(p.granted_at).unwrap_or_default(),
            p.revoked_at.map(|r| at(r).unwrap_or_default()).unwrap_or_default(),
            t(if p.active { "access-list-yes" } else { "access-list-no" }),
        ];
        out.row(&row);
    }
    let entry = Entry::new(&ctx.actor(), "staff.access-list-exported")
        .subject("staff", user.id)
        .details(serde_json::json!({ "count": periods.len() }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    Ok(out.download("access-list.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrators_see_no_personal_data_and_are_not_on_the_list() {
        let roles = personal_data_roles();
        assert!(!roles.contains(&Role::Admin));
        assert!(roles.contains(&Role::Verifier) && roles.contains(&Role::Support));
    }
}
