//! Staff sign-in: sessions, the signed-in person, roles, sign-in throttling and the sign-in and
//! sign-out pages.

mod locks;
pub mod password;
pub mod personal_data;
pub mod refusals;
pub mod roles;
mod routes;
pub mod second_factor;
pub mod session;
pub mod sign_ins;
pub mod step_up;
pub mod throttle;

pub use roles::{Role, access};
/// Sign-in, sign-out, the language switch and the sign-in locks page.
pub fn router() -> axum::Router<crate::web::AppState> {
    use axum::routing::get;
    let step_up = axum::Router::new().route("/step-up", get(step_up::show).post(step_up::submit));
    routes::router().merge(locks::router()).merge(second_factor::router()).merge(step_up)
}
pub use session::CurrentUser;
