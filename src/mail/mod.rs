//! The support desk's email channel. Mail sent to the support address reaches the portal
//! through the mail gateway (`kreditomat-portal mailgate`, [`api`]), is read ([`parse`]) and
//! put on a ticket ([`inbound`]).

pub mod api;
pub mod encode;
pub mod inbound;
pub mod parse;

pub use api::router;
