//! The administrators' page for API keys: list, create (the key is shown once), revoke.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use super::keys::{self, KeyRow, NewKey, Scope};
use crate::{
    auth::access,
    error::AppResult,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// `/admin/api-keys...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/api-keys",
            get(list).post(create).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route(
            "/admin/api-keys/{id}/revoke",
            post(revoke).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "api/keys.html")]
struct KeysPage {
    page: Page,
    keys: Vec<KeyRow>,
    /// What was typed, given back with errors.
    form: KeyForm,
    scopes: [Scope; 7],
    /// A key just created, shown this once.
    new_key: Option<String>,
    errors: FieldErrors,
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<KeysPage> {
    ctx.require(access::ADMIN)?;
    let keys = keys::list(&state.db).await?;
    Ok(KeysPage {
        page: ctx.page("api-keys-title"),
        keys,
        form: KeyForm::default(),
        scopes: Scope::ALL,
        new_key: None,
        errors: FieldErrors::new(ctx.lang),
    })
}

/// The form to make a key: a name, the scopes ticked, and an optional last day.
#[derive(Deserialize, Default)]
#[serde(default)]
struct KeyForm {
    name: String,
    scope: Vec<String>,
    expires_on: String,
}

impl KeyForm {
    /// Whether `scope` is ticked (all are, on a fresh form).
    fn ticked(&self, scope: &Scope) -> bool {
        self.scope.is_empty() && self.name.is_empty() || self.scope.iter().any(|s| s == scope.code())
    }
}

async fn create(State(state): State<AppState>, ctx: Ctx, Form(form): Form<KeyForm>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let today = crate::db::now().to_offset(crate::i18n::ALMATY).date();
    let mut errors = FieldErrors::new(ctx.lang);
    let expires_on = match form.expires_on.trim() {
        "" => None,
        text => {
            let parsed = time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]"));
            if parsed.is_err() {
                errors.add("expires_on", "field-date-invalid");
            }
            parsed.ok()
        }
    };
    // The page always names its scopes: none ticked is an error, not every scope.
    let checked = NewKey::check(&form.name, Some(&form.scope), expires_on, today);
    let new = match checked {
        Ok(new) if errors.is_empty() => new,
        result => {
            if let Err(found) = result {
                for (field, message) in found {
                    errors.add(field, message);
                }
            }
            let keys = keys::list(&state.db).await?;
            let page = KeysPage {
                page: ctx.page("api-keys-title"),
                keys,
                form,
                scopes: Scope::ALL,
                new_key: None,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let (_, key) = keys::create(&state.db, &new, &ctx.actor(), Some(&ctx.ip)).await?;
    let keys = keys::list(&state.db).await?;
    let page = KeysPage {
        page: ctx.page("api-keys-title"),
        keys,
        form: KeyForm::default(),
        scopes: Scope::ALL,
        new_key: Some(key),
        errors: FieldErrors::new(ctx.lang),
    };
    Ok(page.into_response())
}

async fn revoke(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    if keys::revoke(&state.db, id, &ctx.actor(), &ctx.ip).await? {
        ctx.flash(true, "api-keys-revoked", &[]).await?;
    }
    Ok(Redirect::to("/admin/api-keys").into_response())
}
