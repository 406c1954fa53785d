//! The second step of sign-in: a passkey, a code from the authenticator app, or a recovery
//! code, after a right password. Throttled like the password step (its own key, `login#code`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{store, totp, webauthn};
use crate::{
    audit::{self, Actor, Entry},
    auth::{
        refusals,
        session::{self, Pending},
        throttle::{self, Verdict},
    },
    db,
    error::AppResult,
    staff::store as staff_store,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// How long after the right password the second step may come.
const PENDING_SECONDS: i64 = 300;

#[derive(Template, WebTemplate)]
#[template(path = "auth/code.html")]
struct CodePage {
    page: Page,
    /// Whether the recovery-code field is the one shown first.
    recovery: bool,
    /// The person has the authenticator app / a passkey.
    has_app: bool,
    has_passkeys: bool,
    problem: Option<String>,
    errors: FieldErrors,
}

/// The pending sign-in of this session, if it is still fresh.
pub(crate) async fn pending(ctx: &Ctx) -> AppResult<Option<Pending>> {
    let p = ctx.session.get::<Pending>(session::PENDING).await?;
    Ok(p.filter(|p| db::now().unix_timestamp() - p.at <= PENDING_SECONDS))
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some(p) = pending(&ctx).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let (has_app, passkeys) = store::factors(&state.db, p.staff_id).await?;
    let page = CodePage {
        page: ctx.page("code-title"),
        recovery: false,
        has_app,
        has_passkeys: passkeys > 0,
        problem: None,
        errors: FieldErrors::new(ctx.lang),
    };
    Ok(page.into_response())
}

/// The second factor a form gives: a passkey's answer, a code from the app or a recovery code
/// (the first one filled in, in that order).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Answer {
    pub code: String,
    pub recovery_code: String,
    /// The browser's answer with a passkey (JSON), filled in by `passkey.js`.
    pub passkey: String,
}

impl Answer {
    /// Which factor it is, as the audit names it; also the form field its error goes to.
    pub fn factor(&self) -> &'static str {
        if !self.passkey.trim().is_empty() {
            "passkey"
        } else if self.code.trim().is_empty() && !self.recovery_code.trim().is_empty() {
            "recovery_code"
        } else {
            "code"
        }
    }

    pub fn is_empty(&self) -> bool {
        self.passkey.trim().is_empty() && self.code.trim().is_empty() && self.recovery_code.trim().is_empty()
    }

    /// The message for a wrong answer.
    pub fn wrong(&self) -> &'static str {
        match self.factor() {
            "passkey" => "passkey-wrong",
            "recovery_code" => "code-recovery-wrong",
            _ => "code-wrong",
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<Answer>,
) -> AppResult<Response> {
    let Some(p) = pending(&ctx).await? else {
        ctx.flash(false, "code-expired", &[]).await?;
        return Ok(Redirect::to("/login").into_response());
    };
    let (has_app, passkeys) = store::factors(&state.db, p.staff_id).await?;
    // An empty form's error goes next to the field shown first.
    let field = if form.is_empty() && !has_app { "recovery_code" } else { form.factor() };
    let recovery = field == "recovery_code";
    let again = |status: StatusCode, problem: Option<String>, message: Option<&str>| {
        let mut errors = FieldErrors::new(ctx.lang);
        if let Some(m) = message {
            errors.add(field, m);
        }
        let has_passkeys = passkeys > 0;
        let page =
            CodePage { page: ctx.page("code-title"), recovery, has_app, has_passkeys, problem, errors };
        (status, page).into_response()
    };
    if form.is_empty() {
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, None, Some("code-required")));
    }
    let Some(staff) = staff_store::find(&state.db, p.staff_id).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    if !staff.active || staff.auth_version != p.auth_version {
        ctx.session.remove::<Pending>(session::PENDING).await?;
        return Ok(Redirect::to("/login").into_response());
    }
    let key = format!("{}#code", staff.login);
    let limits = &state.config.throttle;
    let attempt = match throttle::reserve(&state.db, limits, &key, &ctx.ip).await? {
        Verdict::Reserved(id) => id,
        Verdict::Wait { seconds, scope } => {
            refusals::record(&state.db, limits, &key, &ctx.ip, scope).await?;
            let text = throttle::wait_message(ctx.lang, seconds);
            let mut res = again(StatusCode::TOO_MANY_REQUESTS, Some(text), None);
            if let Ok(v) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
    };

    let mut tx = state.db.begin().await?;
    let accepted = accept(&state, &ctx, &mut tx, staff.id, &form).await?;
    let actor = Actor::Staff { id: staff.id, login: staff.login.clone() };
    let factor = if field == "code" { "totp" } else { field };
    if !accepted {
        drop(tx);
        let entry = Entry::new(&actor, "sign-in.code-failed")
            .subject("staff", staff.id)
            .details(json!({ "factor": factor }))
            .ip(&ctx.ip);
        audit::record_alone(&state.db, entry).await?;
        return Ok(again(StatusCode::UNAUTHORIZED, None, Some(form.wrong())));
    }
    throttle::password_right(&mut tx, attempt).await?;
    tx.commit().await?;
    crate::auth::routes::complete(&state, &ctx, &staff, Some(factor), &p.next).await
}

/// Whether `answer` is right for `staff`: a passkey's answer to this session's open ceremony,
/// else a code from the authenticator app, else a recovery code. A right one is used up in `tx`
/// (no replay: the ceremony, the app's time step or the recovery code is gone once `tx`
/// commits, and a second request with the same answer finds it so).
pub(crate) async fn accept(
    state: &AppState,
    ctx: &Ctx,
    tx: &mut crate::db::Tx,
    staff: i64,
    answer: &Answer,
) -> AppResult<bool> {
    Ok(match answer.factor() {
        "passkey" => {
            let ceremony = ctx.session.get::<String>(webauthn::AUTHENTICATE).await?.unwrap_or_default();
            webauthn::authenticate(&state.webauthn, &state.db, tx, staff, &ceremony, &answer.passkey)
                .await?
                .is_some()
        }
        "recovery_code" => store::use_recovery_code(tx, staff, &answer.recovery_code).await?,
        _ => match store::find(&state.db, &state.config.secret_key, staff).await? {
            Some(t) if t.confirmed_at.is_some() => {
                match totp::check(&t.secret, &answer.code, db::now().unix_timestamp(), t.last_step) {
                    Some(step) => store::use_step(tx, staff, step).await?,
                    None => false,
                }
            }
            _ => false,
        },
    })
}
