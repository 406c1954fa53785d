//! The support desk's email channel. Mail sent to the support address reaches the portal
//! through the mail gateway (`kreditomat-portal mailgate`, [`api`]), is read ([`parse`]) and
//! put on a ticket ([`inbound`]). Replies and acknowledgements go out through the outbox
//! ([`outbound`]), sent by a job ([`send`]); administrators read it at `/admin/mail`
//! ([`outbox_page`]).

pub mod api;
pub mod encode;
pub mod inbound;
pub mod outbound;
mod outbox_page;
pub mod parse;
pub mod send;
mod thread;

pub use api::router;
pub use outbox_page::router as outbox_router;
