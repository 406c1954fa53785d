//! KYC review: the verifiers' queue with "take next" claims, the review page (every field, the
//! photos side by side, IIN and document checks, fraud signals, history), decisions with reason
//! codes, internal notes, and the personal-data access log.
//!
//! - `filter`, `search`: what the queue is asked for; `queue`: its rows and keyset paging.
//! - `store`: reads of an application and its notes, the personal-data access log.
//! - `claims`: take next, claim, release.
//! - `decide`: decisions and the end of document requests.
//! - `reasons`: the administrators' list of reason codes.
//! - `queue_page`, `page`, `decisions`, `access_log`: the pages, split along the work;
//!   `routes` maps them; `view` is what the review page shows of an application apart from its
//!   decisions (the blind second review shows it too).

mod access_log;
pub mod claims;
pub mod decide;
mod decisions;
pub mod filter;
pub mod name_search;
pub mod page;
pub mod personal;
pub mod queue;
mod queue_page;
mod queue_sql;
pub mod reasons;
mod routes;
pub mod search;
pub mod store;
pub mod view;

pub use page::{DOCUMENTS, checks};
pub use routes::router;
