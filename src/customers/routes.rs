//! The customer routes: the search, the customer page, and revealing a field (behind the
//! step-up).

use axum::{Router, routing::get};

use super::{page, reveal, search};
use crate::web::AppState;

/// `/customers...`.
pub fn router() -> Router<AppState> {
    Router::new().route("/customers", get(search::search)).route("/customers/{id}", get(page::show)).route(
        "/customers/{id}/reveal",
        get(reveal::back)
            .post(reveal::reveal)
            .layer(axum::middleware::from_fn(crate::auth::step_up::require)),
    )
}
