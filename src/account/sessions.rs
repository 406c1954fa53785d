//! Active sessions: one's own on the account page (ended one by one, or all but this one), and
//! everyone's for administrators at `/admin/sessions`. Ending a session marks its sign-in
//! ([`sign_ins`]); the browser holding it is signed out on its next request.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::State,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use crate::{
    audit::{self, Entry},
    auth::{access, sign_ins},
    error::AppResult,
    web::{AppState, Ctx, form::Form, page::Page},
};

/// `/account/sessions/...` and `/admin/sessions`.
pub fn router() -> Router<AppState> {
    let back = || async { Redirect::to("/account") };
    Router::new()
        .route("/account/sessions/end", get(back).post(end_own))
        .route("/account/sessions/end-others", get(back).post(end_others))
        .route("/admin/sessions", get(list_all))
        .route("/admin/sessions/end", post(end_any))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndForm {
    /// The sign-in to end.
    id: String,
    /// Whose it is (administrators' list).
    staff: i64,
}

/// The first characters of a sign-in's id, enough to tell sign-ins apart in the audit trail.
fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

async fn end_own(State(state): State<AppState>, ctx: Ctx, Form(form): Form<EndForm>) -> AppResult<Response> {
    let user = ctx.user()?;
    // Only the person's own: another person's sign-in is not found.
    end_one(&state, &ctx, &form.id, user.id, "account.session-ended", "/account").await
}

/// Ends the active sign-in `id` of `staff`, audited as `action`, and goes back to `back`; ending
/// one's own present session signs out. A sign-in not found changes nothing.
async fn end_one(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    staff: i64,
    action: &'static str,
    back: &'static str,
) -> AppResult<Response> {
    let user = ctx.user()?;
    let mut tx = state.db.begin().await?;
    if !sign_ins::end(&mut tx, id, staff, user.id).await? {
        drop(tx);
        ctx.flash(false, "sessions-not-found", &[]).await?;
        return Ok(Redirect::to(back).into_response());
    }
    let entry = Entry::new(&ctx.actor(), action)
        .subject("staff", staff)
        .details(json!({ "session": short(id) }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    if id == user.sign_in {
        ctx.session.flush().await?;
        return Ok(Redirect::to("/login").into_response());
    }
    ctx.flash(true, "sessions-ended", &[]).await?;
    Ok(Redirect::to(back).into_response())
}

async fn end_others(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user()?;
    let mut tx = state.db.begin().await?;
    let n = sign_ins::end_all(&mut tx, user.id, Some(&user.sign_in), user.id).await?;
    let entry = Entry::new(&ctx.actor(), "account.sessions-ended")
        .subject("staff", user.id)
        .details(json!({ "count": n }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "sessions-others-ended", &[("count", n.to_string())]).await?;
    Ok(Redirect::to("/account").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sessions_admin.html")]
struct AdminPage {
    page: Page,
    sessions: Vec<sign_ins::SignIn>,
    current: String,
}

async fn list_all(State(state): State<AppState>, ctx: Ctx) -> AppResult<AdminPage> {
    let user = ctx.require(access::ADMIN)?;
    let sessions = sign_ins::active(&state.db, &state.config, None).await?;
    Ok(AdminPage { page: ctx.page("sessions-admin-title"), sessions, current: user.sign_in.clone() })
}

async fn end_any(State(state): State<AppState>, ctx: Ctx, Form(form): Form<EndForm>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    end_one(&state, &ctx, &form.id, form.staff, "staff.session-ended", "/admin/sessions").await
}
