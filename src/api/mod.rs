//! The API the app's backend calls: API-key authentication, `application/problem+json` errors,
//! the OpenAPI document, and the `/api/v1` router.

pub mod idempotency;
pub mod keys;
mod keys_page;
pub mod parts;
mod problem;

use axum::{
    Router,
    extract::{DefaultBodyLimit, Request},
    http::header,
    middleware::{self, Next},
    response::{IntoResponse, Response},
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
        .merge(crate::customers::api::router())
        .merge(crate::restoration::router())
        .merge(crate::support::api::router())
        .merge(crate::mail::router())
        .route("/api/{*rest}", any(|| async { Problem::not_found().into_response() }))
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(head_limits))
        .layer(middleware::from_fn(problems_only))
}

/// The longest request target the API reads.
pub const MAX_URI: usize = 8 * 1024;
/// The most header bytes (names and values) the API reads.
pub const MAX_HEADERS: usize = 32 * 1024;

/// A request target or headers longer than any client of the API sends are refused with 414
/// or 431 before anything else reads them. (Beyond hyper's own limits, 64 KiB of target or
/// about 400 KiB of head, hyper answers 414 or 431 itself, without a body.)
async fn head_limits(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URI {
        let detail = format!("the request target is {target} bytes; at most {MAX_URI}");
        return Problem::from_status(axum::http::StatusCode::URI_TOO_LONG, detail).into_response();
    }
    let headers: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len()).sum();
    if headers > MAX_HEADERS {
        let detail = format!("the headers are {headers} bytes; at most {MAX_HEADERS}");
        return Problem::from_status(axum::http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, detail)
            .into_response();
    }
    next.run(req).await
}

/// Every error of the API is problem+json: the framework's own rejections (a query or path
/// that cannot be read, a method the route does not take, a body over the limit) come back as
/// plain text, and are turned into problems with the same status and their text as the detail.
async fn problems_only(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return res;
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let text = axum::body::to_bytes(res.into_body(), 4096).await.unwrap_or_default();
    // A server error's text stays in the log, not in the answer.
    let detail = if status.is_server_error() {
        String::new()
    } else {
        String::from_utf8_lossy(&text).trim().to_string()
    };
    let mut problem = Problem::from_status(status, detail).into_response();
    if let Some(allow) = allow {
        problem.headers_mut().insert(header::ALLOW, allow);
    }
    problem
}
