//! Decisions (approve, reject with reasons, ask for documents) and internal notes.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    decide::{self, DecideError, Outcome},
    page::{Confirming, DOCUMENTS, FormState, checks, render, warnings},
    reasons::{self},
    store,
};
use crate::{
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n::{self, ALMATY},
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
    /// `yes` on the second step, after the verifier saw what will be recorded.
    confirm: String,
    /// `yes`: the verifier has looked at the warnings on the page.
    ack: String,
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
    let today = db::now().to_offset(ALMATY).date();
    let viewer = crate::auth::personal_data::Viewer::new(&user.roles);
    let page_checks = checks(&app, today, ctx.lang, &viewer);
    let outcome = match form.action.as_str() {
        "approve" => {
            if page_checks.iter().any(|c| c.level == "error") {
                state_back.problem = Some(ctx.t("review-approve-blocked"));
            }
            Outcome::Approve
        }
        "reject" => {
            let known = reasons::list(&state.db, Some(reasons::REJECTION), true).await?;
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
    // What would refuse the decision is said before the confirmation step, not after it; the
    // transaction checks all of it again.
    let early =
        if app.version != version || !matches!(app.status.as_str(), "pending" | "resubmission_requested") {
            Some(Err(DecideError::Stale))
        } else if !app.held_by(user.id, db::now()) {
            Some(Err(DecideError::NotHeld))
        } else if let (Outcome::Approve, Some(w)) =
            (&outcome, crate::screening::compliance::Waiting::parse(app.compliance_state.as_deref()))
        {
            Some(Err(DecideError::Compliance(w)))
        } else if matches!(outcome, Outcome::Approve)
            && app.risk_signals & crate::signals::Signal::AccountBarred.bit() != 0
        {
            Some(Err(DecideError::AccountBarred(String::new())))
        } else {
            None
        };
    // The second step: nothing is recorded until the verifier has seen what will be, and for an
    // approval, acknowledged every warning on the page.
    let warnings =
        if matches!(outcome, Outcome::Approve) { warnings(&app, &page_checks, ctx.lang) } else { Vec::new() };
    let acknowledged = warnings.is_empty() || form.ack == "yes";
    if early.is_none() && (form.confirm != "yes" || !acknowledged) {
        if form.confirm == "yes" {
            errors.add("ack", "review-ack-required");
        }
        state_back.confirming = Some(confirming(&ctx, &app, &outcome, warnings, &state).await?);
        let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        return render(&state, &ctx, id, state_back, errors, status).await;
    }
    let result = match early {
        Some(refused) => refused,
        None => decide::decide(&state.db, &ctx.actor(), user.id, id, version, &outcome, &ctx.ip).await,
    };
    match result {
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
            // Say what happened and what is still possible: decided by someone else (take the
            // next one), or a new version that the form below now shows.
            let now = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
            state_back.problem = Some(if matches!(now.status.as_str(), "approved" | "rejected") {
                let status = ctx.t(&format!("review-status-{}", now.status));
                let name = now.decider.clone().unwrap_or_default();
                ctx.t_with("review-stale-decided", &[("status", status), ("name", name)])
            } else {
                ctx.t("review-stale")
            });
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::NotHeld) => {
            state_back.problem = Some(ctx.t("review-not-held"));
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::Compliance(w)) => {
            state_back.problem = Some(ctx.t(w.message_id()));
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::AccountBarred(_)) => {
            state_back.problem = Some(ctx.t("review-account-barred"));
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::SeparationOfDuties) => {
            state_back.problem = Some(ctx.t("review-separation-of-duties"));
            render(&state, &ctx, id, state_back, errors, StatusCode::CONFLICT).await
        }
        Err(DecideError::Db(e)) => Err(e.into()),
    }
}

/// What the confirmation step says will be recorded.
async fn confirming(
    ctx: &Ctx,
    app: &store::Application,
    outcome: &Outcome,
    warnings: Vec<String>,
    state: &AppState,
) -> AppResult<Confirming> {
    let id = app.id.to_string();
    let (action, summary) = match outcome {
        Outcome::Approve => {
            ("approve", ctx.t_with("review-confirm-approve", &[("id", id), ("name", app.full_name())]))
        }
        Outcome::Reject(chosen) => {
            let known = reasons::list(&state.db, None, false).await?;
            let labels: Vec<String> = chosen
                .iter()
                .map(|(code, _)| {
                    known
                        .iter()
                        .find(|r| &r.code == code)
                        .map_or(code.clone(), |r| r.label(&ctx.lang).to_string())
                })
                .collect();
            ("reject", ctx.t_with("review-confirm-reject", &[("id", id), ("reasons", labels.join("; "))]))
        }
        Outcome::Resubmit { documents, .. } => {
            let names: Vec<String> = documents.iter().map(|d| ctx.t(&format!("review-doc-{d}"))).collect();
            (
                "resubmit",
                ctx.t_with("review-confirm-resubmit", &[("id", id), ("documents", names.join(", "))]),
            )
        }
    };
    Ok(Confirming {
        action,
        summary,
        warnings,
        customer_lang: i18n::Lang::parse(&app.language).unwrap_or(i18n::Lang::Ru),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct WithdrawForm {
    version: String,
}

/// Withdraws a request for documents: the application is pending again.
pub(super) async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<WithdrawForm>,
) -> AppResult<Response> {
    ctx.require(access::DECIDE)?;
    let version: i64 = form.version.trim().parse().map_err(|_| AppError::BadRequest)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if decide::withdraw_request(&state.db, &ctx.actor(), id, version, &ctx.ip).await? {
        ctx.flash(true, "review-request-withdrawn", &[("id", id.to_string())]).await?;
    } else {
        ctx.flash(false, "review-request-not-open", &[]).await?;
    }
    Ok(Redirect::to(&format!("/review/{id}")).into_response())
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
