//! The sign-in, sign-out and language-switch endpoints.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    password, refusals, second_factor,
    session::{self, SessionAuth},
    sign_ins,
    throttle::{self, Verdict},
};
use crate::{
    audit::{self, Actor, Entry},
    db,
    error::AppResult,
    i18n::Lang,
    staff::store,
    web::{
        AppState, Ctx,
        context::safe_return_path,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// `/login`, `/logout`, `/language`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show).post(submit))
        .route("/logout", post(sign_out))
        .route("/language", post(switch_language))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
struct LoginPage {
    page: Page,
    login: String,
    next: String,
    /// A message about the whole form (wrong password, locked).
    problem: Option<String>,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn show(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    if ctx.user.is_some() {
        return Redirect::to("/").into_response();
    }
    LoginPage {
        page: ctx.page("login-title"),
        login: String::new(),
        next: q.next,
        problem: None,
        errors: FieldErrors::new(ctx.lang),
    }
    .into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    login: String,
    password: String,
    next: String,
}

async fn submit(State(state): State<AppState>, ctx: Ctx, Form(form): Form<LoginForm>) -> AppResult<Response> {
    let login: String = form.login.trim().to_lowercase().chars().take(64).collect();
    let mut errors = FieldErrors::new(ctx.lang);
    if login.is_empty() {
        errors.add("login", "field-required");
    }
    if form.password.is_empty() {
        errors.add("password", "field-required");
    }
    let again = |status: StatusCode, problem: Option<String>, errors: FieldErrors| {
        let page = LoginPage {
            page: ctx.page("login-title"),
            login: login.clone(),
            next: form.next.clone(),
            problem,
            errors,
        };
        (status, page).into_response()
    };
    if !errors.is_empty() {
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, None, errors));
    }

    let staff = store::find_by_login(&state.db, &login).await?;
    let limits = &state.config.throttle;
    let attempt = match throttle::reserve(&state.db, limits, &login, &ctx.ip).await? {
        Verdict::Reserved(id) => id,
        Verdict::Wait { seconds, scope } => {
            // Refusals of logins no account has are counted together, so made-up logins cannot
            // grow the table.
            let counted_as = if staff.is_some() { login.as_str() } else { "" };
            refusals::record(&state.db, limits, counted_as, &ctx.ip, scope).await?;
            let text = throttle::wait_message(ctx.lang, seconds);
            let mut res = again(StatusCode::TOO_MANY_REQUESTS, Some(text), FieldErrors::new(ctx.lang));
            if let Ok(v) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
    };

    let hash = staff.as_ref().map(|s| s.password_hash.clone());
    let password_ok = password::verify(form.password.clone(), hash).await?;

    let failure = match &staff {
        None => Some("unknown-login"),
        Some(_) if !password_ok => Some("wrong-password"),
        Some(s) if !s.active => Some("deactivated"),
        Some(_) => None,
    };
    if let Some(reason) = failure {
        let actor = match &staff {
            Some(s) => Actor::Staff { id: s.id, login: s.login.clone() },
            None => Actor::Anonymous,
        };
        let mut entry = Entry::new(&actor, "sign-in.failed")
            .details(json!({ "login": login, "reason": reason }))
            .ip(&ctx.ip);
        if let Some(s) = &staff {
            entry = entry.subject("staff", s.id);
        }
        audit::record_alone(&state.db, entry).await?;
        let id = if reason == "deactivated" { "login-deactivated" } else { "login-failed" };
        return Ok(again(StatusCode::UNAUTHORIZED, Some(ctx.t(id)), FieldErrors::new(ctx.lang)));
    }
    let staff = staff.expect("checked above");

    let mut tx = state.db.begin().await?;
    throttle::password_right(&mut tx, attempt).await?;
    if second_factor::store::enrolled(&state.db, staff.id).await? {
        // The password was right; the sign-in waits for the second factor.
        let actor = Actor::Staff { id: staff.id, login: staff.login.clone() };
        let entry = Entry::new(&actor, "sign-in.password-accepted").subject("staff", staff.id).ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        ctx.session.cycle_id().await?;
        let pending = session::Pending {
            staff_id: staff.id,
            auth_version: staff.auth_version,
            at: db::now().unix_timestamp(),
            next: form.next.clone(),
        };
        ctx.session.insert(session::PENDING, pending).await?;
        return Ok(Redirect::to("/login/code").into_response());
    }
    tx.commit().await?;
    complete(&state, &ctx, &staff, None, &form.next).await
}

/// Signs `staff` in to the request's session once every factor was given (`factor`: the second
/// one, if any): the address becomes a usual one, a new session id and form token, the audit
/// entry, and on to `next`.
pub(super) async fn complete(
    state: &AppState,
    ctx: &Ctx,
    staff: &store::Staff,
    factor: Option<&str>,
    next: &str,
) -> AppResult<Response> {
    // A person whose role requires a second factor and who has none enrols before anything else.
    let must_enrol = factor.is_none() && second_factor::policy::required(&state.db, &staff.roles).await?;
    let mut tx = state.db.begin().await?;
    throttle::signed_in_from(&mut tx, &staff.login, &ctx.ip).await?;
    store::mark_signed_in(&mut tx, staff.id).await?;
    let sign_in = sign_ins::start(&mut tx, staff.id, &ctx.ip, &ctx.user_agent).await?;
    let actor = Actor::Staff { id: staff.id, login: staff.login.clone() };
    let entry = Entry::new(&actor, "sign-in.succeeded")
        .subject("staff", staff.id)
        .details(json!({ "second_factor": factor, "must_enrol": must_enrol }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;

    // A new session id at sign-in: an id planted before sign-in is worthless after it.
    ctx.session.cycle_id().await?;
    let _ = ctx.session.remove::<session::Pending>(session::PENDING).await?;
    let now = db::now().unix_timestamp();
    let auth = SessionAuth {
        staff_id: staff.id,
        auth_version: staff.auth_version,
        signed_in_at: now,
        sign_in,
        must_enrol,
        // What the person has was just given (the second factor, or the password when they
        // have none): sensitive actions do not ask again for a while.
        factor_at: Some(now),
    };
    ctx.session.insert(session::AUTH, auth).await?;
    // A new form token too: one obtained before sign-in is worthless after it.
    ctx.session.insert(session::CSRF, session::new_token()).await?;
    if must_enrol {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let target = if next.is_empty() { "/".to_string() } else { safe_return_path(next) };
    Ok(Redirect::to(&target).into_response())
}

async fn sign_out(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(user) = &ctx.user {
        let mut tx = state.db.begin().await?;
        sign_ins::end(&mut tx, &user.sign_in, user.id, user.id).await?;
        let entry = Entry::new(&ctx.actor(), "sign-out").subject("staff", user.id).ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
    }
    ctx.session.flush().await?;
    // The sign-in page stays in the language the person was using.
    ctx.session.insert(session::LANG, ctx.lang.code()).await?;
    if ctx.user.is_some() {
        ctx.flash(true, "login-signed-out", &[]).await?;
    }
    Ok(Redirect::to("/login").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    lang: String,
    back: String,
}

async fn switch_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let back = safe_return_path(&form.back);
    let Some(lang) = Lang::parse(&form.lang) else {
        return Ok(Redirect::to(&back).into_response());
    };
    ctx.session.insert(session::LANG, lang.code()).await?;
    if let Some(user) = &ctx.user
        && user.language != Some(lang)
    {
        let mut tx = state.db.begin().await?;
        store::set_language(&mut tx, user.id, lang).await?;
        let entry = Entry::new(&ctx.actor(), "account.language-changed")
            .subject("staff", user.id)
            .details(json!({ "language": lang.code() }))
            .ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
    }
    Ok(Redirect::to(&back).into_response())
}
