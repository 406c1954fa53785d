//! Step-up: a sensitive action (an original photo, a CSV export, roles, API keys, second-factor
//! settings and resets) asks for the second factor again unless it was given in this session within the
//! configured minutes (`PORTAL_STEP_UP_MINUTES`, 15 by default); a person without a second
//! factor gives their password instead. The action waits in the session meanwhile: a link is
//! opened afterwards, and a form comes back with what was typed, to send on with one click.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    password, refusals,
    second_factor::{self, store},
    session,
    throttle::{self, Verdict},
};
use crate::{
    audit::{self, Entry},
    db,
    error::AppResult,
    staff::store as staff_store,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// Session key of the [`Waiting`] action.
const WAITING: &str = "step_up";

/// The largest form kept while the step-up is asked for.
const FORM_MAX: usize = 64 * 1024;

/// An action waiting for the step-up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Waiting {
    /// `GET` (a link: opened again afterwards) or `POST` (a form: shown again to send).
    pub method: String,
    /// Where it goes (a link with its query).
    pub path: String,
    /// The form's fields as typed, without its form token.
    pub fields: Vec<(String, String)>,
}

/// Whether the signed-in person gave the second factor (or the password) recently enough.
pub fn fresh(ctx: &Ctx) -> bool {
    let now = db::now().unix_timestamp();
    ctx.user.as_ref().and_then(|u| u.factor_at).is_some_and(|at| now - at < ctx.step_up.whole_seconds())
}

/// Middleware of the sensitive routes: lets the action through when the step-up is fresh, else
/// keeps it and sends the person to `/step-up`. A `GET` is sensitive only for an original photo.
pub async fn require(ctx: Ctx, req: Request, next: Next) -> Response {
    let get = req.method() == Method::GET;
    // Of the pages, only the downloads ask: an original photo, a CSV export.
    let download = req.uri().path().ends_with("/original") || req.uri().path().ends_with(".csv");
    if ctx.user.is_none() || fresh(&ctx) || (get && !download) {
        return next.run(req).await;
    }
    let waiting = if get {
        Waiting { method: "GET".into(), path: ctx.here.clone(), fields: Vec::new() }
    } else {
        let Ok(bytes) = axum::body::to_bytes(req.into_body(), FORM_MAX).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let mut fields: Vec<(String, String)> = serde_html_form::from_bytes(&bytes).unwrap_or_default();
        fields.retain(|(k, _)| k != "csrf");
        Waiting { method: "POST".into(), path: ctx.path.clone(), fields }
    };
    match ctx.session.insert(WAITING, waiting).await {
        Ok(()) => Redirect::to("/step-up").into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/step_up.html")]
struct StepUpPage {
    page: Page,
    /// The person has an authenticator app / passkeys (with neither, the password is asked).
    has_app: bool,
    has_passkeys: bool,
    minutes: i64,
    /// After the step-up: the form to send on.
    resume: Option<Waiting>,
    problem: Option<String>,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    resume: Option<Waiting>,
    problem: Option<String>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let (has_app, passkeys) = store::factors(&state.db, user.id).await?;
    let page = StepUpPage {
        page: ctx.page("stepup-title"),
        has_app,
        has_passkeys: passkeys > 0,
        // Rounded up: a window shorter than a minute says one minute, not none.
        minutes: (ctx.step_up.whole_seconds() + 59) / 60,
        resume,
        problem,
        errors,
    };
    Ok((status, page).into_response())
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.user()?;
    if ctx.session.get::<Waiting>(WAITING).await?.is_none() {
        return Ok(Redirect::to("/").into_response());
    }
    render(&state, &ctx, StatusCode::OK, None, None, FieldErrors::new(ctx.lang)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepUpForm {
    #[serde(flatten)]
    factor: second_factor::sign_in::Answer,
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<StepUpForm>,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let Some(waiting) = ctx.session.get::<Waiting>(WAITING).await? else {
        return Ok(Redirect::to("/").into_response());
    };
    let (has_app, passkeys) = store::factors(&state.db, user.id).await?;
    let has_factor = has_app || passkeys > 0;
    let answer = &form.factor;
    let field = if !has_factor {
        "password"
    } else if answer.is_empty() && !has_app {
        "recovery_code"
    } else {
        answer.factor()
    };
    let refuse = |status: StatusCode, problem: Option<String>, message: Option<&str>| {
        let mut errors = FieldErrors::new(ctx.lang);
        if let Some(m) = message {
            errors.add(field, m);
        }
        render(&state, &ctx, status, None, problem, errors)
    };
    let empty = if has_factor { answer.is_empty() } else { form.password.trim().is_empty() };
    if empty {
        let message = if has_factor { "code-required" } else { "field-required" };
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)).await;
    }
    // Guessing is throttled like sign-in, under a key of its own.
    let key = format!("{}#step-up", user.login);
    let limits = &state.config.throttle;
    let attempt = match throttle::reserve(&state.db, limits, &key, &ctx.ip).await? {
        Verdict::Reserved(id) => id,
        Verdict::Wait { seconds, scope } => {
            refusals::record(&state.db, limits, &key, &ctx.ip, scope).await?;
            let text = throttle::wait_message(ctx.lang, seconds);
            return refuse(StatusCode::TOO_MANY_REQUESTS, Some(text), None).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let accepted = if has_factor {
        second_factor::sign_in::accept(&state, &ctx, &mut tx, user.id, answer).await?
    } else {
        let hash = staff_store::find(&state.db, user.id).await?.map(|s| s.password_hash);
        password::verify(form.password.clone(), hash).await?
    };
    let factor = if has_factor { field } else { "password" };
    if !accepted {
        drop(tx);
        let entry = Entry::new(&ctx.actor(), "step-up.failed")
            .subject("staff", user.id)
            .details(json!({ "factor": factor }))
            .ip(&ctx.ip);
        audit::record_alone(&state.db, entry).await?;
        let message = if has_factor { answer.wrong() } else { "stepup-password-wrong" };
        return refuse(StatusCode::UNAUTHORIZED, None, Some(message)).await;
    }
    throttle::password_right(&mut tx, attempt).await?;
    let entry = Entry::new(&ctx.actor(), "step-up.succeeded")
        .subject("staff", user.id)
        .details(json!({ "factor": factor, "for": waiting.path }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let now = db::now().unix_timestamp();
    session::update_auth(&ctx.session, |a| a.factor_at = Some(now)).await?;
    ctx.session.remove::<Waiting>(WAITING).await?;
    if waiting.method == "GET" {
        return Ok(Redirect::to(&waiting.path).into_response());
    }
    render(&state, &ctx, StatusCode::OK, Some(waiting), None, FieldErrors::new(ctx.lang)).await
}
