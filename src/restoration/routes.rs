//! The security officers' pages.

use axum::{Router, routing::get};

use super::{from_ticket, page, queue};
use crate::web::AppState;

/// `/security...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/security", get(queue::queue))
        .route("/security/cases/{id}", get(page::show))
        .route("/support/{id}/restoration", get(from_ticket::form).post(from_ticket::create))
}
