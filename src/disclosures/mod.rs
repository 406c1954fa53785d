//! The register of disclosures (policy 7.2): every transfer of a customer's data to a third
//! party, recorded by the staff who made it (`record`), listed with filters and exported as CSV
//! for the authorised body (`register`), and shown on the customer's page.

mod record;
mod register;
pub mod store;

use axum::{Router, routing::get};

use crate::web::AppState;

/// `/disclosures...` and `/customers/{id}/disclosures/new`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/disclosures", get(register::page))
        .route(
            "/disclosures.csv",
            get(register::csv).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/customers/{id}/disclosures/new", get(record::form).post(record::create))
}
