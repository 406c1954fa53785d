//! The second step of sign-in: a code from the authenticator app, or a recovery code, after a
//! right password. Throttled like the password step (its own key, `login#code`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{store, totp};
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
    problem: Option<String>,
    errors: FieldErrors,
}

/// The pending sign-in of this session, if it is still fresh.
async fn pending(ctx: &Ctx) -> AppResult<Option<Pending>> {
    let p = ctx.session.get::<Pending>(session::PENDING).await?;
    Ok(p.filter(|p| db::now().unix_timestamp() - p.at <= PENDING_SECONDS))
}

pub async fn show(ctx: Ctx) -> AppResult<Response> {
    if pending(&ctx).await?.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let page = CodePage {
        page: ctx.page("code-title"),
        recovery: false,
        problem: None,
        errors: FieldErrors::new(ctx.lang),
    };
    Ok(page.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    recovery_code: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let Some(p) = pending(&ctx).await? else {
        ctx.flash(false, "code-expired", &[]).await?;
        return Ok(Redirect::to("/login").into_response());
    };
    let recovery = form.code.trim().is_empty() && !form.recovery_code.trim().is_empty();
    let field = if recovery { "recovery_code" } else { "code" };
    let again = |status: StatusCode, problem: Option<String>, message: Option<&str>| {
        let mut errors = FieldErrors::new(ctx.lang);
        if let Some(m) = message {
            errors.add(field, m);
        }
        let page = CodePage { page: ctx.page("code-title"), recovery, problem, errors };
        (status, page).into_response()
    };
    if form.code.trim().is_empty() && form.recovery_code.trim().is_empty() {
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
    let accepted = accept(&state, &mut tx, staff.id, &form.code, &form.recovery_code).await?;
    let actor = Actor::Staff { id: staff.id, login: staff.login.clone() };
    let factor = if recovery { "recovery_code" } else { "totp" };
    if !accepted {
        drop(tx);
        let entry = Entry::new(&actor, "sign-in.code-failed")
            .subject("staff", staff.id)
            .details(json!({ "factor": factor }))
            .ip(&ctx.ip);
        audit::record_alone(&state.db, entry).await?;
        let message = if recovery { "code-recovery-wrong" } else { "code-wrong" };
        return Ok(again(StatusCode::UNAUTHORIZED, None, Some(message)));
    }
    throttle::password_right(&mut tx, attempt).await?;
    tx.commit().await?;
    crate::auth::routes::complete(&state, &ctx, &staff, Some(factor), &p.next).await
}

/// Whether `code` (from the authenticator app) or else `recovery_code` is right for `staff`;
/// a right one is used up in `tx` (no replay).
pub(crate) async fn accept(
    state: &AppState,
    tx: &mut crate::db::Tx,
    staff: i64,
    code: &str,
    recovery_code: &str,
) -> Result<bool, sqlx::Error> {
    if code.trim().is_empty() {
        return store::use_recovery_code(tx, staff, recovery_code).await;
    }
    Ok(match store::find(&state.db, &state.config.secret_key, staff).await? {
        Some(t) if t.confirmed_at.is_some() => {
            match totp::check(&t.secret, code, db::now().unix_timestamp(), t.last_step) {
                Some(step) => store::use_step(tx, staff, step).await?,
                None => false,
            }
        }
        _ => false,
    })
}
