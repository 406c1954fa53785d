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

use super::keys::{self, KeyRow};
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
    name: String,
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
        name: String::new(),
        new_key: None,
        errors: FieldErrors::new(ctx.lang),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewKey {
    name: String,
}

async fn create(State(state): State<AppState>, ctx: Ctx, Form(form): Form<NewKey>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut errors = FieldErrors::new(ctx.lang);
    if name.is_empty() {
        errors.add("name", "field-required");
    } else if name.chars().count() > 100 || name.chars().any(char::is_control) {
        errors.add("name", "api-keys-name-invalid");
    }
    if !errors.is_empty() {
        let keys = keys::list(&state.db).await?;
        let page =
            KeysPage { page: ctx.page("api-keys-title"), keys, name: form.name, new_key: None, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let (_, key) = keys::create(&state.db, &name, &ctx.actor(), Some(&ctx.ip)).await?;
    let keys = keys::list(&state.db).await?;
    let page = KeysPage {
        page: ctx.page("api-keys-title"),
        keys,
        name: String::new(),
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
