//! The support desk: tickets from the app (and, by phone, opened by agents), the queue, the
//! ticket page, and the clocks they run on.
//!
//! - [`model`]: channels, categories, priorities, states and the rules between states;
//! - [`calendar`] and [`clocks`]: the Kazakh working-day calendar, the SLA in business hours
//!   (paused while the customer is waited for) and the legal deadline in working days;
//! - [`store`]: tickets and messages; [`work`]: what staff do to a ticket, one transaction each;
//! - [`api`]: `POST /api/v1/tickets` and `.../messages` for the app's backend;
//! - [`queue`] and `queue_page`: `/support`; `page` and `actions`: `/support/{id}`;
//! - [`canned`]: replies administrators write in both languages;
//! - [`deadlines`]: the job that warns of SLA times and escalates legal requests;
//! - [`attachments`]: files on a ticket (images through the photo pipeline, PDFs downloaded).

mod actions;
pub mod api;
mod api_body;
mod api_files;
mod api_messages;
pub mod assign;
mod attachment_routes;
pub mod attachments;
pub mod calendar;
mod calendar_page;
pub mod canned;
mod canned_page;
pub mod clocks;
pub mod closing;
pub mod deadlines;
mod documents;
pub mod follow_up;
pub mod model;
mod new_page;
mod page;
mod page_read;
pub mod queue;
mod queue_page;
pub mod requests;
mod routes;
pub mod store;
mod summary;
mod targets_page;
pub mod work;

pub use routes::router;
