//! Passkeys on one's own account page (add one, remove one), and the challenges the browser
//! asks for first: to make a passkey, or to answer with one at sign-in or at the step-up. The
//! browser's side is `static/passkey.js`; without it the forms say that passkeys need
//! JavaScript, and nothing else changes.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    enrol::{self, Kept},
    store,
    webauthn::{self, Added},
};
use crate::{
    audit::{self, Entry},
    auth::session,
    db,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::FieldErrors},
};

fn internal(e: webauthn::StartError) -> AppError {
    AppError::Internal(e.to_string())
}

/// `POST /account/two-factor/passkeys/options`: the options to make a passkey with (JSON).
pub async fn register_options(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user()?;
    let (options, id) =
        webauthn::start_registration(&state.webauthn, &state.db, user.id, &user.login, &user.full_name)
            .await
            .map_err(internal)?;
    ctx.session.insert(webauthn::REGISTER, id).await?;
    Ok(Json(options).into_response())
}

/// `POST /passkeys/options`: the challenge to answer with a passkey, for the person between
/// password and second factor at sign-in, or signed in at the step-up (JSON; 404 when they
/// have no passkey; nobody signing in goes to sign-in).
pub async fn sign_in_options(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let staff = match &ctx.user {
        Some(u) => u.id,
        None => match super::sign_in::pending(&ctx).await? {
            Some(p) => p.staff_id,
            None => return Err(AppError::SignInRequired),
        },
    };
    match webauthn::start_authentication(&state.webauthn, &state.db, staff).await.map_err(internal)? {
        Some((options, id)) => {
            ctx.session.insert(webauthn::AUTHENTICATE, id).await?;
            Ok(Json(options).into_response())
        }
        None => Ok(StatusCode::NOT_FOUND.into_response()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddForm {
    name: String,
    /// The browser's answer (JSON), filled in by `passkey.js`.
    answer: String,
}

/// `POST /account/two-factor/passkeys`: stores the passkey the browser just made, under the
/// name the person gave it. The first factor of an account also brings its recovery codes.
pub async fn add(State(state): State<AppState>, ctx: Ctx, Form(form): Form<AddForm>) -> AppResult<Response> {
    let user = ctx.user()?;
    let name = form.name.trim().to_string();
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some(problem) = webauthn::name_problem(&name) {
        errors.add("passkey_name", problem);
    }
    if form.answer.trim().is_empty() {
        errors.add("passkey", "passkey-no-answer");
    }
    let kept = |answer: bool| Kept {
        name: form.name.clone(),
        answer: if answer { form.answer.clone() } else { String::new() },
        rename: 0,
    };
    if !errors.is_empty() {
        return enrol::render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), kept(true))
            .await;
    }
    let ceremony = ctx.session.get::<String>(webauthn::REGISTER).await?.unwrap_or_default();
    let mut tx = state.db.begin().await?;
    match webauthn::finish_registration(&state.webauthn, &mut tx, user.id, &ceremony, &name, &form.answer)
        .await?
    {
        Added::Added => {}
        refused => {
            // Nothing is used up: with another name the same answer can be sent again.
            drop(tx);
            let (field, message, keep) = match refused {
                Added::NameTaken => ("passkey_name", "passkey-name-taken", true),
                Added::Known => ("passkey", "passkey-known", false),
                _ => ("passkey", "passkey-refused", false),
            };
            errors.add(field, message);
            return enrol::render(
                &state,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                Vec::new(),
                kept(keep),
            )
            .await;
        }
    };
    let first = store::count_factors(&mut tx, user.id).await? == 1;
    let codes = if first { store::new_recovery_codes(&mut tx, user.id).await? } else { Vec::new() };
    let entry = Entry::new(&ctx.actor(), "account.passkey-added")
        .subject("staff", user.id)
        .details(json!({ "passkey": name }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.session.remove::<String>(webauthn::REGISTER).await?;
    // The passkey was just used (with the person's PIN or fingerprint): like a first code from
    // the app, it lets them go on and stands for the step-up for a while.
    let now = db::now().unix_timestamp();
    session::update_auth(&ctx.session, |a| {
        a.must_enrol = false;
        a.factor_at = Some(now);
    })
    .await?;
    if codes.is_empty() {
        ctx.flash(true, "passkey-added", &[("name", name)]).await?;
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let mut ctx = ctx;
    if let Some(u) = ctx.user.as_mut() {
        u.must_enrol = false;
    }
    enrol::render(&state, &ctx, StatusCode::OK, FieldErrors::new(ctx.lang), codes, Kept::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameForm {
    name: String,
}

/// `POST /account/two-factor/passkeys/{id}/rename`: a new name for one of one's own passkeys.
pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RenameForm>,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let name = form.name.trim().to_string();
    let again = |message: &str| {
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("rename_name", message);
        let kept = Kept { name: form.name.clone(), rename: id, ..Kept::default() };
        enrol::render(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), kept)
    };
    if let Some(problem) = webauthn::name_problem(&name) {
        return again(problem).await;
    }
    let mut tx = state.db.begin().await?;
    let old = match webauthn::rename(&mut tx, user.id, id, &name).await? {
        webauthn::Renamed::Renamed(old) => old,
        webauthn::Renamed::NameTaken => {
            drop(tx);
            return again("passkey-name-taken-other").await;
        }
        webauthn::Renamed::NotFound => {
            drop(tx);
            ctx.flash(false, "passkey-not-found", &[]).await?;
            return Ok(Redirect::to("/account/two-factor").into_response());
        }
    };
    if old != name {
        let entry = Entry::new(&ctx.actor(), "account.passkey-renamed")
            .subject("staff", user.id)
            .details(json!({ "passkey": name, "was": old }))
            .ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    ctx.flash(true, "passkey-renamed", &[("name", name)]).await?;
    Ok(Redirect::to("/account/two-factor").into_response())
}

/// `POST /account/two-factor/passkeys/{id}/remove` (behind the step-up): removes one of one's
/// own passkeys; with no factor left the recovery codes go too, and a role that requires a
/// factor sends the person to add one at once.
pub async fn remove(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.user()?;
    let mut tx = state.db.begin().await?;
    let Some(name) = webauthn::remove(&mut tx, user.id, id).await? else {
        drop(tx);
        ctx.flash(false, "passkey-not-found", &[]).await?;
        return Ok(Redirect::to("/account/two-factor").into_response());
    };
    let left = store::drop_codes_if_no_factor(&mut tx, user.id).await?;
    let entry = Entry::new(&ctx.actor(), "account.passkey-removed")
        .subject("staff", user.id)
        .details(json!({ "passkey": name }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    if !left && super::policy::required(&state.db, &user.roles).await? {
        session::update_auth(&ctx.session, |a| a.must_enrol = true).await?;
    }
    ctx.flash(true, "passkey-removed", &[("name", name)]).await?;
    Ok(Redirect::to("/account/two-factor").into_response())
}
