//! The second-factor page of one's own account: setting up the authenticator app (a new secret
//! shown as a QR code, SVG made here, and as text, activated only by a right code from the
//! app), the passkeys ([`super::passkeys`]), and ten recovery codes, shown once, when the first
//! factor is added or on request.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{store, totp};
use crate::{
    audit::{self, Entry},
    auth::session,
    db,
    error::AppResult,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

#[derive(Template, WebTemplate)]
#[template(path = "account/two_factor.html")]
struct TwoFactorPage {
    page: Page,
    /// The authenticator app is set up.
    enrolled: bool,
    /// Any factor is set up (the app or a passkey): recovery codes apply.
    any_factor: bool,
    passkeys: Vec<super::webauthn::Listed>,
    /// The passkey form as sent, when it comes back with an error.
    kept: Kept,
    /// Where passkeys work (`PORTAL_PUBLIC_URL`).
    public_url: String,
    /// An enrolment waiting for its first code: the QR code (SVG) and the secret as text.
    setup: Option<(String, String)>,
    /// Recovery codes just made, shown this once.
    codes: Vec<String>,
    codes_left: i64,
    /// The person's role requires a second factor and they have none yet.
    must_enrol: bool,
    errors: FieldErrors,
}

/// A passkey form's fields kept when it comes back with an error: the name typed, and the
/// browser's answer when only the name was wrong (so the passkey need not be made again); or
/// the name typed for the passkey `rename`.
#[derive(Default)]
pub(super) struct Kept {
    pub name: String,
    pub answer: String,
    /// The passkey whose rename form comes back (0: none).
    pub rename: i64,
}

pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    errors: FieldErrors,
    codes: Vec<String>,
    kept: Kept,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let totp = store::find(&state.db, &state.config.secret_key, user.id).await?;
    let enrolled = totp.as_ref().is_some_and(|t| t.confirmed_at.is_some());
    let passkeys = super::webauthn::list(&state.db, user.id).await?;
    let any_factor = enrolled || !passkeys.is_empty();
    let setup = totp
        .filter(|t| t.confirmed_at.is_none())
        .map(|t| (totp::qr_svg(&totp::uri(&t.secret, &user.login)), totp::grouped(&t.secret)));
    let codes_left = store::recovery_codes_left(&state.db, user.id).await?;
    let must_enrol = user.must_enrol;
    let page = TwoFactorPage {
        page: ctx.page("twofa-title"),
        enrolled,
        any_factor,
        passkeys,
        kept,
        public_url: state.config.public_url.clone(),
        setup,
        codes,
        codes_left,
        must_enrol,
        errors,
    };
    Ok((status, page).into_response())
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    render(&state, &ctx, StatusCode::OK, FieldErrors::new(ctx.lang), Vec::new(), Kept::default()).await
}

pub async fn start(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user()?;
    if store::start(&state.db, &state.config.secret_key, user.id).await?.is_none() {
        ctx.flash(false, "twofa-already", &[]).await?;
    }
    Ok(Redirect::to("/account/two-factor").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    code: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let mut errors = FieldErrors::new(ctx.lang);
    let pending =
        store::find(&state.db, &state.config.secret_key, user.id).await?.filter(|t| t.confirmed_at.is_none());
    let Some(t) = pending else {
        errors.add("code", "twofa-no-setup");
        return render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), Kept::default())
            .await;
    };
    if form.code.trim().is_empty() {
        errors.add("code", "code-required");
        return render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), Kept::default())
            .await;
    }
    let Some(step) = totp::check(&t.secret, &form.code, db::now().unix_timestamp(), t.last_step) else {
        errors.add("code", "code-wrong");
        return render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), Kept::default())
            .await;
    };
    let mut tx = state.db.begin().await?;
    if !store::use_step(&mut tx, user.id, step).await? {
        drop(tx);
        errors.add("code", "code-wrong");
        return render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), Kept::default())
            .await;
    }
    let codes = store::new_recovery_codes(&mut tx, user.id).await?;
    let entry =
        Entry::new(&ctx.actor(), "account.second-factor-enrolled").subject("staff", user.id).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    // The factor was just given: the person may go on, and needs no step-up for a while.
    let now = db::now().unix_timestamp();
    session::update_auth(&ctx.session, |a| {
        a.must_enrol = false;
        a.factor_at = Some(now);
    })
    .await?;
    let mut ctx = ctx;
    if let Some(u) = ctx.user.as_mut() {
        u.must_enrol = false;
    }
    render(&state, &ctx, StatusCode::OK, FieldErrors::new(ctx.lang), codes, Kept::default()).await
}

/// New recovery codes (the old ones stop working), shown once.
pub async fn renew_codes(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user()?;
    if !store::enrolled(&state.db, user.id).await? {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let mut tx = state.db.begin().await?;
    let codes = store::new_recovery_codes(&mut tx, user.id).await?;
    let entry =
        Entry::new(&ctx.actor(), "account.recovery-codes-renewed").subject("staff", user.id).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    render(&state, &ctx, StatusCode::OK, FieldErrors::new(ctx.lang), codes, Kept::default()).await
}

/// Removes the authenticator app, and the recovery codes when no passkey is left. A person whose
/// role requires a second factor and who has none left is sent to set up a new one at once.
pub async fn remove(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user()?;
    if !store::enrolled(&state.db, user.id).await? {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let mut tx = state.db.begin().await?;
    store::remove_app(&mut tx, user.id).await?;
    let left = store::drop_codes_if_no_factor(&mut tx, user.id).await?;
    let entry =
        Entry::new(&ctx.actor(), "account.second-factor-removed").subject("staff", user.id).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    if !left && super::policy::required(&state.db, &user.roles).await? {
        session::update_auth(&ctx.session, |a| a.must_enrol = true).await?;
    }
    ctx.flash(true, "twofa-removed", &[]).await?;
    Ok(Redirect::to("/account/two-factor").into_response())
}
