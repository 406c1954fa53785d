//! The support desk's page routes.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use super::{
    actions, attachment_routes, calendar_page, canned_page, new_page, page, queue_page, summary, targets_page,
};
use crate::web::AppState;

/// `/support...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support", get(queue_page::queue_page))
        .route("/support/next", post(queue_page::take_next))
        .route("/support/new", get(new_page::form).post(new_page::create))
        .route("/support/{id}", get(page::show))
        .route("/support/{id}/summary", get(summary::show))
        .route("/support/{id}/attachments/{att}/{size}", get(attachment_routes::show))
        .route(
            "/support/{id}/reply",
            post(actions::reply).layer(DefaultBodyLimit::max(super::api_body::MULTIPART_MAX)),
        )
        .route("/support/{id}/{form}", post(actions::post))
        .route("/admin/calendar", get(calendar_page::show).post(calendar_page::set))
        .route("/admin/support-targets", get(targets_page::show).post(targets_page::save))
        .route("/admin/canned-replies", get(canned_page::index).post(canned_page::create))
        .route("/admin/canned-replies/{id}", post(canned_page::update))
}
