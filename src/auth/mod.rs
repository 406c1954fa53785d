//! Staff sign-in: sessions, the signed-in person, roles, sign-in throttling and the sign-in and
//! sign-out pages.

pub mod password;
pub mod roles;
mod routes;
pub mod session;
pub mod throttle;

pub use roles::{Role, access};
pub use routes::router;
pub use session::CurrentUser;
