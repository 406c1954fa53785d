//! The compliance routes: the queue ([`super::queue_page`]), an application's case page
//! ([`super::case_page`]) and what officers do on it ([`super::case_actions`]). The lists page
//! and uploads are in [`super::upload`].

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use super::{case_actions as act, case_page, queue_page, upload};
use crate::web::AppState;

/// `/compliance...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compliance", get(queue_page::queue_page))
        .route(
            "/compliance/lists",
            get(upload::lists_page).post(upload::upload).layer(DefaultBodyLimit::max(upload::UPLOAD_LIMIT)),
        )
        .route("/compliance/{id}", get(case_page::show))
        .route("/compliance/{id}/claim", post(act::claim))
        .route("/compliance/{id}/release", post(act::release))
        .route("/compliance/{id}/hits/{hit}", post(act::decide_hit))
        .route("/compliance/{id}/hits/{hit}/reopen", post(act::reopen_hit))
        .route("/compliance/{id}/declaration", post(act::check_declaration))
        .route("/compliance/{id}/approve", post(act::senior_approve))
        .route("/compliance/{id}/return", post(act::return_case))
        .route("/compliance/{id}/resend", post(act::resend))
}
