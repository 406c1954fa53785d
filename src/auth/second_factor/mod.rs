//! Second factors: passkeys (WebAuthn, [`webauthn`]) and an authenticator app (TOTP, RFC 6238),
//! with single-use recovery codes. The app's secret is stored sealed with the portal's key
//! ([`sealed`]); a person with a factor gives it after the password ([`sign_in`]).

mod admin;
mod enrol;
mod passkeys;
pub mod policy;
pub mod resets;
pub mod sealed;
pub(crate) mod sign_in;
pub mod store;
pub mod totp;
pub mod webauthn;

use axum::{
    Router,
    response::Redirect,
    routing::{get, post},
};

use crate::web::AppState;

/// `/login/code`, `/account/two-factor` and its forms, `/admin/two-factor` and its forms.
pub fn router() -> Router<AppState> {
    let back = || async { Redirect::to("/account/two-factor") };
    Router::new()
        .route("/login/code", get(sign_in::show).post(sign_in::submit))
        .route("/account/two-factor", get(enrol::show))
        .route("/account/two-factor/start", get(back).post(enrol::start))
        .route("/account/two-factor/confirm", get(back).post(enrol::confirm))
        // Both ask for the step-up: whoever holds a session for a while cannot drop the factor.
        .route(
            "/account/two-factor/recovery-codes",
            get(back)
                .post(enrol::renew_codes)
                .layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route(
            "/account/two-factor/remove",
            get(back).post(enrol::remove).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/passkeys/options", post(passkeys::sign_in_options))
        .route("/account/two-factor/passkeys", get(back).post(passkeys::add))
        .route("/account/two-factor/passkeys/options", post(passkeys::register_options))
        .route("/account/two-factor/passkeys/{id}/rename", get(back).post(passkeys::rename))
        .route(
            "/account/two-factor/passkeys/{id}/remove",
            get(back).post(passkeys::remove).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/admin/two-factor", get(admin::show))
        .route(
            "/admin/two-factor/roles",
            post(admin::set_roles).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/admin/two-factor/resets", post(admin::ask))
        .route(
            "/admin/two-factor/resets/{id}/confirm",
            post(admin::confirm).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/admin/two-factor/resets/{id}/cancel", post(admin::cancel))
}
