//! Customers: one record per person, keyed by IIN, with the app's account ids; every application
//! belongs to one. Intake links an arriving application to its customer in its own transaction
//! (`link`); the customers migration linked the applications that came before.
//!
//! - `link`: the customer of an arriving application, and the bulk link of unlinked ones.
//! - `store`: reads of a customer, their applications, and search summaries.
//! - `page`: the customer page; `reveal`: a masked field shown in full, with a reason;
//!   `search`: the customer search; `routes` maps them.
//! - `account`: block, unblock, restrict and ask for an archive, with their events; `archive`: the
//!   second person's confirmation (four eyes); `panel` and
//!   `actions`: their part of the customer page; `archive_page`: the requests waiting for a
//!   second person.
//! - `retention`: erasing archived customers' personal data after their retention date.
//! - `api`: the customer API for the app's backend (account status, consents, obligations).

pub mod account;
mod actions;
pub mod api;
pub mod archive;
mod archive_page;
mod block;
pub mod link;
mod page;
mod page_read;
mod panel;
pub mod retention;
mod reveal;
mod routes;
mod search;
pub mod store;

pub use routes::router;
