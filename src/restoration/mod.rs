//! Access restoration (policy 5.7, 6.2.6): a report that someone else used a customer's account
//! blocks it at once and opens a case; the customer then sends documents that identify them and
//! the person who took the device; security officers compare them with the onboarding ones and
//! decide, a restoration with a second officer's approval.
//!
//! - [`report`]: a report taken (from the app, a support ticket, or by phone): the block, the
//!   case opened or joined, the message to the customer, in one transaction;
//! - [`api`]: `POST /api/v1/customers/{ref}/access-reports` for the app's backend;
//! - [`activity`]: `POST /api/v1/customers/{ref}/activity`, what the account did, for the
//!   takeover timeline;
//! - [`documents`]: what the customer sends (`POST /api/v1/restoration-cases/{id}/documents`),
//!   through the photo pipeline; `attachments`, image files of the case's ticket taken as
//!   documents by an officer (mail, say);
//! - [`queue`] (`/security`) and `page` (`/security/cases/{id}`): the security officers' pages;
//! - `compare` and `timeline`: what the case page sets side by side, and the takeover timeline;
//! - [`decide`]: refuse, propose, approve (a second officer), send back; `decisions`, their forms;
//!   `tell`, the decision as a reply on the case's ticket (by mail to one who wrote by mail);
//! - [`from_ticket`]: `/support/{id}/restoration`, a ticket of unauthorised access made a case.

pub mod activity;
pub mod api;
mod attachments;
mod compare;
pub mod decide;
mod decisions;
pub mod documents;
mod documents_api;
pub mod from_ticket;
mod page;
pub mod queue;
pub mod report;
mod routes;
mod tell;
mod timeline;

/// The API routes: access reports, documents.
pub fn router() -> axum::Router<crate::web::AppState> {
    api::router().merge(documents_api::router()).merge(activity::router())
}
pub use routes::router as pages;
