//! The security officers' pages.

use axum::{
    Router,
    routing::{get, post},
};

use super::{attachments, decisions, from_ticket, page, queue};
use crate::web::AppState;

/// `/security...`.
pub fn router() -> Router<AppState> {
    // The approval that lifts a block asks for the second factor again.
    let approve = post(decisions::approve).layer(axum::middleware::from_fn(crate::auth::step_up::require));
    Router::new()
        .route("/security", get(queue::queue))
        .route("/security/cases/{id}", get(page::show))
        .route("/security/cases/{id}/documents/{doc}/{size}", get(page::document))
        .route("/security/cases/{id}/documents/from-ticket", post(attachments::take))
        .route("/security/cases/{id}/refuse", post(decisions::refuse))
        .route("/security/cases/{id}/propose", post(decisions::propose))
        .route("/security/cases/{id}/approve", approve)
        .route("/security/cases/{id}/return", post(decisions::send_back))
        .route("/support/{id}/restoration", get(from_ticket::form).post(from_ticket::create))
}
