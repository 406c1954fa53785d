//! The review routes: the queue, "take next", the review page with its checks and signals, claims,
//! decisions, notes, and the personal-data access log.

use axum::{
    Router,
    routing::{get, post},
};

use super::{access_log, decisions, page, queue_page, reasons};
use crate::web::AppState;

/// `/review...` and `/admin/access-log`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/review", get(queue_page::queue_page))
        .route("/review/next", post(queue_page::take_next))
        .route("/review/{id}", get(page::show))
        .route("/review/{id}/claim", post(queue_page::claim))
        .route("/review/{id}/release", post(queue_page::release))
        .route("/review/{id}/decide", post(decisions::decide))
        .route("/review/{id}/note", post(decisions::note))
        .route("/review/{id}/withdraw-request", post(decisions::withdraw))
        .route("/admin/access-log", get(access_log::access_log))
        .merge(reasons::router())
}
