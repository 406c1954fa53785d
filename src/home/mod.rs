//! The home page: what the signed-in person may open, by role.

use askama::Template;
use askama_web::WebTemplate;
use axum::{Router, routing::get};

use crate::{
    error::AppResult,
    web::{AppState, Ctx, page::Page},
};

/// `/`.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
struct HomePage {
    page: Page,
}

async fn home(ctx: Ctx) -> AppResult<HomePage> {
    ctx.user()?;
    Ok(HomePage { page: ctx.page("home-title") })
}
