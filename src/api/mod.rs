//! The API the app's backend calls: API-key authentication, `application/problem+json` errors,
//! the OpenAPI document, and the `/api/v1` router.

pub mod keys;
mod keys_page;
mod problem;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::header,
    response::IntoResponse,
    routing::{any, get},
};

pub use keys::ApiClient;
pub use keys_page::router as pages;
pub use problem::{FieldError, Problem};

use crate::web::AppState;

/// The OpenAPI 3.1 description of `/api/v1`, kept beside the code it describes.
pub const OPENAPI: &str = include_str!("openapi.json");

/// `/api/v1/...`, with a body limit that fits three photos and the JSON.
pub fn router(state: &AppState) -> Router<AppState> {
    let limit = state.photos.limits.max_bytes * 3 + 1024 * 1024;
    Router::new()
        .route(
            "/api/v1/openapi.json",
            get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }),
        )
        .merge(crate::intake::api_router())
        .merge(crate::events::router())
        .route("/api/{*rest}", any(|| async { Problem::not_found().into_response() }))
        .layer(DefaultBodyLimit::max(limit))
}
