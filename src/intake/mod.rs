//! KYC intake: applications arrive from the app's backend through the API, with the selfie and
//! the ID photos, and are stored atomically with their audit entry and outbox event.

pub mod fields;
pub mod iin;
pub mod input;
pub mod phone;
mod requested;
mod resubmit;
mod routes;
mod status;
mod store;

pub use input::NewApplication;
pub use resubmit::resubmit;
pub use routes::api_router;
pub use store::{Created, PhotoKind, ProcessedPart, SubmitError, process_parts, submit};
