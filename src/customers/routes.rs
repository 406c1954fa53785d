//! The customer routes: the search and the customer page.

use axum::{Router, routing::get};

use super::{page, search};
use crate::web::AppState;

/// `/customers` and `/customers/{id}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/customers", get(search::search)).route("/customers/{id}", get(page::show))
}
