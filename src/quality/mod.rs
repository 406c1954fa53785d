//! Reviewer quality: a share of the approvals and rejections (5 % unless an administrator sets
//! another) is drawn at random for a blind second review by another verifier, who sees the
//! application without the first decision and decides again. A disagreement goes to a senior
//! compliance officer, whose verdict is final; both verifiers see how it ended on their list. The
//! KYC dashboard shows each verifier's agreement and its trend with the number of samples.
//!
//! - `draw`: which decisions are drawn (a keyed hash of the decision's id), in the decision's
//!   transaction.
//! - `store`: samples, claims, second reviews and verdicts.
//! - `list_page`: `/quality`, what waits for the reader and how their samples ended.
//! - `sample_page`: one sample: the blind review, the verdict, the result.
//! - `settings`: the share, set by administrators.

pub mod draw;
mod list_page;
mod sample_page;
mod settings;
pub mod store;

use axum::{
    Router,
    routing::{get, post},
};

pub use draw::{Settings, drawn, sample_decision};

use crate::web::AppState;

/// `/quality...` and `/admin/quality`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/quality", get(list_page::list))
        .route("/quality/next", post(list_page::take_next))
        .route("/quality/{id}", get(sample_page::show))
        .route("/quality/{id}/claim", post(list_page::claim))
        .route("/quality/{id}/review", post(sample_page::review))
        .route("/quality/{id}/verdict", post(sample_page::verdict))
        .route("/admin/quality", get(settings::show).post(settings::save))
}
