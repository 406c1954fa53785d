//! Policy versions (policy 10.2): administrators record each version of the privacy policy with
//! its number, the day it takes effect and its Russian and Kazakh text. A recorded version is
//! not edited: a change is a new version. Consents name the version they were given to.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::{
    audit::{self, Entry},
    auth::access,
    db::{self, Db},
    error::{AppError, AppResult},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db, with_tx,
};

/// The longest text of a version, in characters.
const TEXT_MAX: usize = 200_000;

/// A version as listed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Version {
    pub id: i64,
    pub number: String,
    pub effective_on: Date,
    pub created_by: Option<String>,
    pub created_at: OffsetDateTime,
    pub chars_ru: i64,
    pub chars_kk: i64,
    /// Objections to it received at the support desk (policy 10.4).
    pub objections: i64,
}

/// Every version, the newest in effect first.
pub async fn list(db: &Db) -> Result<Vec<Version>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT v.id, v.number, v.effective_on, s.full_name AS created_by, v.created_at,
                CAST(LENGTH(v.text_ru) AS BIGINT) AS chars_ru, CAST(LENGTH(v.text_kk) AS BIGINT) AS chars_kk,
                (SELECT COUNT(*) FROM tickets t WHERE t.policy_version_id = v.id AND t.category = 'objection')
                    AS objections
         FROM policy_versions v LEFT JOIN staff s ON s.id = v.created_by
         ORDER BY v.effective_on DESC, v.id DESC"
    )
    .fetch_all(c)
    .await)
}

/// The version numbered `number`, by id.
pub async fn by_number(db: &Db, number: &str) -> Result<Option<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar("SELECT id FROM policy_versions WHERE number = $1")
        .bind(number)
        .fetch_optional(c)
        .await)
}

/// `/admin/policy-versions...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/policy-versions",
            get(index)
                .post(create)
                .layer(axum::extract::DefaultBodyLimit::max(crate::web::context::LONG_FORM_LIMIT)),
        )
        .route("/admin/policy-versions/{id}", get(show))
}

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub number: String,
    pub effective_on: String,
    pub text_ru: String,
    pub text_kk: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "consents/versions.html")]
struct IndexPage {
    page: Page,
    versions: Vec<Version>,
    form: VersionForm,
    errors: FieldErrors,
    can_add: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "consents/version.html")]
struct ShowPage {
    page: Page,
    number: String,
    effective_on: Date,
    text_ru: String,
    text_kk: String,
}

async fn index(State(state): State<AppState>, ctx: Ctx) -> AppResult<IndexPage> {
    // Every staff member may read the policy; administrators record its versions.
    let user = ctx.user()?;
    let can_add = user.roles.iter().any(|r| access::ADMIN.contains(r));
    Ok(IndexPage {
        page: ctx.page("policy-versions-title"),
        versions: list(&state.db).await?,
        form: VersionForm::default(),
        errors: FieldErrors::new(ctx.lang),
        can_add,
    })
}

impl VersionForm {
    /// The version to record, or the errors beside the fields.
    fn validate(&self, errors: &mut FieldErrors) -> Option<(String, Date, String, String)> {
        let number = self.number.trim().to_string();
        let well_formed = (1..=20).contains(&number.len())
            && number.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
        if number.is_empty() {
            errors.add("number", "field-required");
        } else if !well_formed {
            errors.add("number", "policy-versions-number-invalid");
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let effective = match self.effective_on.trim() {
            "" => {
                errors.add("effective_on", "field-required");
                None
            }
            text => Date::parse(text, format).ok().or_else(|| {
                errors.add("effective_on", "policy-versions-date-invalid");
                None
            }),
        };
        let text = |v: &str, field: &'static str, errors: &mut FieldErrors| {
            let v = v.trim().replace("\r\n", "\n");
            if v.is_empty() {
                errors.add(field, "field-required");
            } else if v.chars().count() > TEXT_MAX {
                errors.add(field, "field-too-long");
            }
            v
        };
        let ru = text(&self.text_ru, "text_ru", errors);
        let kk = text(&self.text_kk, "text_kk", errors);
        match effective {
            Some(d) if errors.is_empty() => Some((number, d, ru, kk)),
            _ => None,
        }
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<VersionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some((number, effective_on, ru, kk)) = form.validate(&mut errors) {
        let mut tx = state.db.begin().await?;
        let id: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (number) DO NOTHING RETURNING id"
        )
        .bind(&number)
        .bind(effective_on)
        .bind(&ru)
        .bind(&kk)
        .bind(user.id)
        .bind(db::now())
        .fetch_optional(c)
        .await)?;
        if let Some(id) = id {
            let entry = Entry::new(&ctx.actor(), "policy.version-added")
                .subject("policy_version", id)
                .details(json!({ "number": number, "effective_on": effective_on.to_string() }))
                .ip(&ctx.ip);
            audit::record(&mut tx, entry).await?;
            tx.commit().await?;
            ctx.flash(true, "policy-versions-added", &[("number", number)]).await?;
            return Ok(Redirect::to("/admin/policy-versions").into_response());
        }
        errors.add("number", "policy-versions-number-taken");
    }
    let page = IndexPage {
        page: ctx.page("policy-versions-title"),
        versions: list(&state.db).await?,
        form,
        errors,
        can_add: true,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<ShowPage> {
    ctx.user()?;
    let row: Option<(String, Date, String, String)> = with_db!(&state.db, |c| sqlx::query_as(
        "SELECT number, effective_on, text_ru, text_kk FROM policy_versions WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let (number, effective_on, text_ru, text_kk) = row.ok_or(AppError::NotFound)?;
    Ok(ShowPage { page: ctx.page("policy-versions-show-title"), number, effective_on, text_ru, text_kk })
}
