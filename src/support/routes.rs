//! The support desk's page routes.

use axum::{
    Router,
    routing::{get, post},
};

use super::{actions, calendar_page, canned_page, new_page, page, queue_page, summary};
use crate::web::AppState;

/// `/support...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support", get(queue_page::queue_page))
        .route("/support/next", post(queue_page::take_next))
        .route("/support/new", get(new_page::form).post(new_page::create))
        .route("/support/{id}", get(page::show))
        .route("/support/{id}/summary", get(summary::show))
        .route("/support/{id}/{form}", post(actions::post))
        .route("/admin/calendar", get(calendar_page::show).post(calendar_page::set))
        .route("/admin/canned-replies", get(canned_page::index).post(canned_page::create))
        .route("/admin/canned-replies/{id}", post(canned_page::update))
}
