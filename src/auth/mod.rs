//! Staff sign-in: sessions, the signed-in person, roles, sign-in throttling and the sign-in and
//! sign-out pages.

mod locks;
pub mod password;
pub mod refusals;
pub mod roles;
mod routes;
pub mod second_factor;
pub mod session;
pub mod throttle;

pub use roles::{Role, access};
/// Sign-in, sign-out, the language switch and the sign-in locks page.
pub fn router() -> axum::Router<crate::web::AppState> {
    routes::router().merge(locks::router()).merge(second_factor::router())
}
pub use session::CurrentUser;
