//! A person's own account: their details, interface language, password and active sessions.

mod sessions;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;
use serde_json::json;

use crate::{
    audit::{self, Entry},
    auth::{password, session, sign_ins},
    db,
    error::{AppError, AppResult},
    i18n::Lang,
    staff::{check_new_password, store},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// `/account`, `/account/password`, `/account/language`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        // A reload after a failed form lands on the profile, not on a 405.
        .route("/account/password", get(back_to_account).post(change_password))
        .route("/account/language", get(back_to_account).post(change_language))
        .merge(sessions::router())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/show.html")]
struct AccountPage {
    page: Page,
    errors: FieldErrors,
    /// The person's active sessions, and this one's sign-in.
    sessions: Vec<sign_ins::SignIn>,
    current: String,
}

async fn account_page(state: &AppState, ctx: &Ctx, errors: FieldErrors) -> AppResult<AccountPage> {
    let user = ctx.user()?;
    let sessions = sign_ins::active(&state.db, &state.config, Some(user.id)).await?;
    Ok(AccountPage { page: ctx.page("account-title"), errors, sessions, current: user.sign_in.clone() })
}

async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<AccountPage> {
    account_page(&state, &ctx, FieldErrors::new(ctx.lang)).await
}

async fn back_to_account() -> Redirect {
    Redirect::to("/account")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let staff = store::find(&state.db, user.id).await?.ok_or(AppError::SignInRequired)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if form.current.is_empty() {
        errors.add("current", "field-required");
    } else if !password::verify(form.current.clone(), Some(staff.password_hash.clone())).await? {
        errors.add("current", "account-current-wrong");
    }
    if let Err(id) = check_new_password(&form.new) {
        errors.add("new", id);
    } else if form.new == form.current {
        errors.add("new", "account-new-same");
    }
    if form.confirm.is_empty() {
        errors.add("confirm", "field-required");
    } else if form.confirm != form.new {
        errors.add("confirm", "account-confirm-mismatch");
    }
    if !errors.is_empty() {
        let page = account_page(&state, &ctx, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    let hash = password::hash(form.new).await?;
    let mut tx = state.db.begin().await?;
    let version = store::set_password(&mut tx, user.id, &hash, false).await?;
    let ended = sign_ins::end_all(&mut tx, user.id, Some(&user.sign_in), user.id).await?;
    let entry = Entry::new(&ctx.actor(), "account.password-changed")
        .subject("staff", user.id)
        .details(json!({ "sessions_ended": ended }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;

    // Other sessions of the account end (the new version refuses them); this one carries on
    // with a fresh id.
    ctx.session.cycle_id().await?;
    session::update_auth(&ctx.session, |a| {
        a.auth_version = version;
        a.signed_in_at = db::now().unix_timestamp();
    })
    .await?;
    ctx.flash(true, "account-password-changed", &[]).await?;
    Ok(Redirect::to(if user.must_change_password { "/" } else { "/account" }).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    language: String,
}

async fn change_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let Some(lang) = Lang::parse(&form.language) else {
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("language", "field-invalid-choice");
        let page = account_page(&state, &ctx, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    store::set_language(&mut tx, user.id, lang).await?;
    let entry = Entry::new(&ctx.actor(), "account.language-changed")
        .subject("staff", user.id)
        .details(json!({ "language": lang.code() }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.session.insert(session::LANG, lang.code()).await?;
    ctx.flash(true, "account-language-saved", &[]).await?;
    Ok(Redirect::to("/account").into_response())
}
