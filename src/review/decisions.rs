//! Decisions (approve, reject with reasons, ask for documents) and internal notes.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    page::{DOCUMENTS, FormState, checks, render},
    reasons::{self},
    store::{self, DecideError, Outcome},
};
use crate::{
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n::ALMATY,
    web::{AppState, Ctx, form::Form, page::FieldErrors},
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DecideForm {
    version: String,
    action: String,
    reason: Vec<String>,
    document: Vec<String>,
    message: String,
}

pub(super) async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecideForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    let version: i64 = form.version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let app = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let mut state_back = FormState {
        reasons: form.reason.clone(),
        documents: form.document.clone(),
        message: (form.action == "resubmit").then(|| form.message.clone()),
        ..FormState::default()
    };
    let outcome = match form.action.as_str() {
        "approve" => {
            let today = db::now().to_offset(ALMATY).date();
            if checks(&app, today, ctx.lang).iter().any(|c| c.level == "error") {
                state_back.problem = Some("review-approve-blocked");
            }
            Outcome::Approve
        }
        "reject" => {
            let known = reasons::list(&state.db, true).await?;
            let mut chosen = Vec::new();
            for code in &form.reason {
                match known.iter().find(|r| &r.code == code) {
                    Some(r) => chosen.push((r.code.clone(), r.customer_text(&app.language).to_string())),
                    None => errors.add("reason", "review-reason-unknown"),
                }
            }
            if form.reason.is_empty() {
                errors.add("reason", "review-reason-required");
            }
            chosen.sort();
            chosen.dedup();
            Outcome::Reject(chosen)
        }
        "resubmit" => {
            let mut documents = Vec::new();
            for d in &form.document {
                match DOCUMENTS.iter().find(|x| *x == d) {
                    Some(x) if !documents.contains(x) => documents.push(*x),
                    Some(_) => {}
                    None => errors.add("document", "field-invalid-choice"),
                }
            }
            if form.document.is_empty() {
                errors.add("document", "review-documents-required");
            }
            let message = form.message.trim().to_string();
            if message.is_empty() {
                errors.add("message", "field-required");
            } else if message.chars().count() > 1000 {
                errors.add("message", "field-too-long");
            }
            Outcome::Resubmit { documents, message }
        }
        _ => return Err(AppError::BadRequest),
    };
    if !errors.is_empty() || state_back.problem.is_some() {
        return render(&state, &ctx, id, state_back, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match store::decide(&state.db, &ctx.actor(), user.id, id, version, &outcome, &ctx.ip).await {
        Ok(_) => {
            let id_text = id.to_string();
            let msg = match outcome {
                Outcome::Approve => "review-decided-approved",
                Outcome::Reject(_) => "review-decided-rejected",
                Outcome::Resubmit { .. } => "review-decided-resubmit",
            };
            ctx.flash(true, msg, &[("id", id_text)]).await?;
            Ok(Redirect::to(&format!("/review/{id}")).into_response())
        }
        Err(DecideError::NotFound) => Err(AppError::NotFound),
        Err(DecideError::Stale) => {
            state_back.problem = Some("review-stale");
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::NotHeld) => {
            state_back.problem = Some("review-not-held");
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::Compliance(w)) => {
            state_back.problem = Some(w.message_id());
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::Db(e)) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NoteForm {
    body: String,
}

pub(super) async fn note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::NOTES)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let body = form.body.trim();
    let mut errors = FieldErrors::new(ctx.lang);
    if body.is_empty() {
        errors.add("body", "field-required");
    } else if body.chars().count() > 2000 {
        errors.add("body", "field-too-long");
    }
    if !errors.is_empty() {
        let back = FormState { note: form.body.clone(), ..FormState::default() };
        return render(&state, &ctx, id, back, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    store::add_note(&state.db, &ctx.actor(), user.id, id, body, &ctx.ip).await?;
    ctx.flash(true, "review-note-added", &[]).await?;
    Ok(Redirect::to(&format!("/review/{id}#notes")).into_response())
}
