//! The decision forms of the case page: refuse, propose a restoration, approve it (a second
//! officer, after the step-up) or send it back. Each posts the case's version; a form with
//! errors comes back as typed, with the error beside its field; a case that changed meanwhile
//! (another officer acted) is shown again with a flash saying so.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    decide::{self, DecideError, NOTE_MAX, REQUIREMENTS},
    page::render,
    queue::number,
};
use crate::{
    auth::access,
    customers::account::Restored,
    error::AppResult,
    review::reasons,
    web::{AppState, Ctx, form::Form, page::FieldErrors},
};

/// A decision form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    /// Which of the page's forms it is (`propose`, `refuse`, `return`): what was typed and its
    /// errors come back in that one.
    pub step: String,
    pub version: i64,
    pub reasons: Vec<String>,
    pub requirements: Vec<String>,
    pub note: String,
}

/// The note checked: trimmed, within [`NOTE_MAX`], no control characters but line breaks.
fn note(form: &DecisionForm, errors: &mut FieldErrors) -> String {
    let n = form.note.trim().replace("\r\n", "\n");
    if n.chars().count() > NOTE_MAX {
        errors.add("note", "field-too-long");
    } else if n.chars().any(|c| c.is_control() && c != '\n') {
        errors.add("note", "support-control-chars");
    }
    n
}

/// Where a step ends: the case page with a flash, or the page again for what went wrong.
async fn finish(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: DecisionForm,
    done: Result<&'static str, DecideError>,
) -> AppResult<Response> {
    match done {
        Ok(said) => {
            ctx.flash(true, said, &[("number", number(id))]).await?;
            Ok(Redirect::to(&format!("/security/cases/{id}")).into_response())
        }
        Err(DecideError::Stale) => {
            ctx.flash(false, "restoration-stale", &[]).await?;
            Ok(Redirect::to(&format!("/security/cases/{id}")).into_response())
        }
        Err(DecideError::Refused(why)) => {
            let mut errors = FieldErrors::new(ctx.lang);
            errors.add("decision", why);
            render(state, ctx, id, form, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::NotFound) => Err(crate::error::AppError::NotFound),
        Err(DecideError::Db(e)) => Err(e.into()),
    }
}

/// `POST /security/cases/{id}/refuse`.
pub(super) async fn refuse(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let known = reasons::list(&state.db, Some(reasons::RESTORATION), true).await?;
    let mut chosen: Vec<String> = Vec::new();
    for r in &form.reasons {
        if !known.iter().any(|k| k.code == *r) {
            errors.add("reasons", "field-invalid-choice");
        } else if !chosen.contains(r) {
            chosen.push(r.clone());
        }
    }
    if form.reasons.is_empty() {
        errors.add("reasons", "restoration-reasons-required");
    }
    let note = note(&form, &mut errors);
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let done = decide::refuse(&state.db, &ctx.actor(), user.id, id, form.version, &chosen, &note, &ctx.ip)
        .await
        .map(|()| "restoration-refused-flash");
    finish(&state, &ctx, id, form, done).await
}

/// `POST /security/cases/{id}/propose`.
pub(super) async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let mut required: Vec<&str> = Vec::new();
    for r in &form.requirements {
        match REQUIREMENTS.iter().find(|k| **k == r) {
            Some(k) if !required.contains(k) => required.push(k),
            Some(_) => {}
            None => errors.add("requirements", "field-invalid-choice"),
        }
    }
    let note = note(&form, &mut errors);
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let done = decide::propose(&state.db, &ctx.actor(), user.id, id, form.version, &required, &note, &ctx.ip)
        .await
        .map(|()| "restoration-proposed-flash");
    finish(&state, &ctx, id, form, done).await
}

/// `POST /security/cases/{id}/approve` (behind the step-up).
pub(super) async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let done =
        decide::approve(&state.db, &ctx.actor(), user.id, id, form.version, &ctx.ip).await.map(|r| match r {
            Restored::Now(_) => "restoration-restored-flash",
            Restored::Kept(s) if s == "active" => "restoration-restored-flash",
            Restored::Kept(_) => "restoration-restored-kept-flash",
        });
    finish(&state, &ctx, id, form, done).await
}

/// `POST /security/cases/{id}/return`.
pub(super) async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    ctx.require(access::RESTORATION)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let note = note(&form, &mut errors);
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let done = decide::send_back(&state.db, &ctx.actor(), id, form.version, &note, &ctx.ip)
        .await
        .map(|()| "restoration-returned-flash");
    finish(&state, &ctx, id, form, done).await
}
