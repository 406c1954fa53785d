//! The customer routes: the search, the customer page, revealing a field (behind the step-up),
//! the account actions, and the archive requests (confirmed behind the step-up).

use axum::{
    Router,
    routing::{get, post},
};

use super::{actions, archive_page, page, reveal, search};
use crate::web::AppState;

/// `/customers...`.
pub fn router() -> Router<AppState> {
    let step_up = || axum::middleware::from_fn(crate::auth::step_up::require);
    Router::new()
        .route("/customers", get(search::search))
        .route("/customers/{id}", get(page::show))
        .route("/customers/{id}/reveal", get(reveal::back).post(reveal::reveal).layer(step_up()))
        .route("/customers/{id}/account", get(reveal::back).post(actions::act))
        .route("/customers/archive-requests", get(archive_page::list))
        .route("/customers/archive-requests/{id}", post(actions::decide).layer(step_up()))
}
