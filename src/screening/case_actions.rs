//! What compliance officers do on a case: take and release it, confirm or dismiss a hit (after
//! a confirmation step), check a declaration, give the senior approval (with a comment, after a
//! confirmation step), return a case to the first officer or answer a return, reopen a hit.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    case_page::{Typed, render},
    casework,
    compliance::{self, NewCheck, Refused},
};
use crate::{
    auth::access,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::FieldErrors},
};

/// The message for a refused action, in the reader's language.
fn refused(ctx: &Ctx, e: Refused) -> AppResult<String> {
    Ok(match e {
        Refused::NotFound => return Err(AppError::NotFound),
        Refused::Db(e) => return Err(e.into()),
        Refused::Stale => ctx.t("compliance-stale"),
        Refused::SamePerson => ctx.t("compliance-same-person"),
        Refused::NotPep => ctx.t("compliance-not-pep"),
        Refused::HeldBy(name) => ctx.t_with("compliance-held", &[("name", name)]),
        Refused::ReasonNeeded => ctx.t("compliance-comment-required"),
    })
}

/// After an action: back to the page at `anchor`, or the page again with what refused it.
async fn done(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    result: Result<(), Refused>,
    ok: &str,
    anchor: &str,
) -> AppResult<Response> {
    match result {
        Ok(()) => {
            ctx.flash(true, ok, &[]).await?;
            Ok(Redirect::to(&format!("/compliance/{id}#{anchor}")).into_response())
        }
        Err(e) => {
            let typed = Typed { problem: Some(refused(ctx, e)?), ..Typed::default() };
            render(state, ctx, id, typed, FieldErrors::new(ctx.lang), StatusCode::CONFLICT).await
        }
    }
}

fn too_long(text: &str) -> bool {
    text.trim().chars().count() > 2000
}

pub(super) async fn claim(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    let result = casework::claim(&state.db, &ctx.actor(), user.id, id, &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-claimed", "case").await
}

pub(super) async fn release(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    if casework::release(&state.db, &ctx.actor(), user.id, id, &ctx.ip).await? {
        ctx.flash(true, "compliance-done-released", &[]).await?;
        Ok(Redirect::to("/compliance").into_response())
    } else {
        ctx.flash(false, "compliance-not-held", &[]).await?;
        Ok(Redirect::to(&format!("/compliance/{id}")).into_response())
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct HitForm {
    action: String,
    comment: String,
    /// `yes` on the confirmation step.
    confirm: String,
}

pub(super) async fn decide_hit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, hit)): Path<(i64, i64)>,
    Form(form): Form<HitForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    let comment = form.comment.trim();
    let mut errors = FieldErrors::new(ctx.lang);
    let action = match form.action.as_str() {
        "confirm" => "confirm",
        "dismiss" => "dismiss",
        _ => {
            errors.add("comment", "compliance-bad-choice");
            "dismiss"
        }
    };
    if comment.is_empty() {
        errors.add("comment", "compliance-comment-required");
    } else if too_long(comment) {
        errors.add("comment", "compliance-too-long");
    }
    let typed =
        |confirming| Typed { hit: Some(hit), comment: form.comment.clone(), confirming, ..Typed::default() };
    if !errors.is_empty() {
        return render(&state, &ctx, id, typed(None), errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if form.confirm != "yes" {
        return render(&state, &ctx, id, typed(Some(action)), errors, StatusCode::OK).await;
    }
    let decision = compliance::HitDecision { app: id, hit, confirm: action == "confirm", comment };
    let result = compliance::decide_hit(&state.db, &ctx.actor(), user.id, decision, &ctx.ip).await;
    let ok =
        if action == "confirm" { "compliance-done-hit-confirmed" } else { "compliance-done-hit-dismissed" };
    done(&state, &ctx, id, result, ok, "hits").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ReasonForm {
    reason: String,
}

/// A senior officer reopens a decided hit.
pub(super) async fn reopen_hit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, hit)): Path<(i64, i64)>,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SENIOR_APPROVAL)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if form.reason.trim().is_empty() {
        errors.add("reopen", "compliance-reason-required");
    } else if too_long(&form.reason) {
        errors.add("reopen", "compliance-too-long");
    }
    if !errors.is_empty() {
        let typed = Typed { hit: Some(hit), reason: form.reason.clone(), ..Typed::default() };
        return render(&state, &ctx, id, typed, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let result = casework::reopen_hit(&state.db, &ctx.actor(), user.id, id, hit, &form.reason, &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-reopened", "hits").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CheckForm {
    pub kind: String,
    pub outcome: String,
    pub position: String,
    pub country: String,
    pub relation: String,
    pub owner_of: String,
    pub share: String,
    pub notes: String,
}

pub(super) async fn check_declaration(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CheckForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let kind = form.kind.trim();
    let outcome = form.outcome.trim();
    if !matches!(kind, "pep" | "bo") {
        errors.add("kind", "compliance-bad-choice");
    }
    if !matches!(outcome, "verified" | "refuted") {
        errors.add("outcome", "compliance-bad-choice");
    }
    let verified = outcome == "verified";
    let mut need = |field: &'static str, value: &str, required: bool| {
        if too_long(value) {
            errors.add(field, "compliance-too-long");
        } else if required && value.trim().is_empty() {
            errors.add(field, "compliance-required");
        }
    };
    need("notes", &form.notes, true);
    need("position", &form.position, verified && kind == "pep");
    need("country", &form.country, verified && kind == "pep");
    need("relation", &form.relation, false);
    need("owner_of", &form.owner_of, verified && kind == "bo");
    need("share", &form.share, verified && kind == "bo");
    let share = form.share.trim().replace(',', ".");
    if !share.is_empty() && share.parse::<f64>().map_or(true, |s| !(0.0..=100.0).contains(&s)) {
        errors.add("share", "compliance-bad-share");
    }
    if !errors.is_empty() {
        let typed = Typed { check: form, ..Typed::default() };
        return render(&state, &ctx, id, typed, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let check = NewCheck {
        kind: kind.into(),
        outcome: outcome.into(),
        position: form.position.trim().into(),
        country: form.country.trim().into(),
        relation: form.relation.trim().into(),
        owner_of: form.owner_of.trim().into(),
        share,
        notes: form.notes.trim().into(),
    };
    let result = compliance::check_declaration(&state.db, &ctx.actor(), user.id, id, &check, &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-check", "declarations").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ApproveForm {
    comment: String,
    confirm: String,
}

pub(super) async fn senior_approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ApproveForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SENIOR_APPROVAL)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if form.comment.trim().is_empty() {
        errors.add("senior_comment", "compliance-comment-required");
    } else if too_long(&form.comment) {
        errors.add("senior_comment", "compliance-too-long");
    }
    let typed = |confirming| Typed { senior_comment: form.comment.clone(), confirming, ..Typed::default() };
    if !errors.is_empty() {
        return render(&state, &ctx, id, typed(None), errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if form.confirm != "yes" {
        return render(&state, &ctx, id, typed(Some("senior")), errors, StatusCode::OK).await;
    }
    let result =
        compliance::senior_approve(&state.db, &ctx.actor(), user.id, id, form.comment.trim(), &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-senior", "four-eyes").await
}

/// The senior officer returns the case to the first officer.
pub(super) async fn return_case(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SENIOR_APPROVAL)?;
    if let Some(bad) = reason_missing(&state, &ctx, id, &form.reason, "return_reason").await? {
        return Ok(bad);
    }
    let result = casework::return_case(&state.db, &ctx.actor(), user.id, id, &form.reason, &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-returned", "four-eyes").await
}

/// The first officer answers a return and sends the case to the senior officer again.
pub(super) async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    if let Some(bad) = reason_missing(&state, &ctx, id, &form.reason, "resend_reason").await? {
        return Ok(bad);
    }
    let result = casework::resend(&state.db, &ctx.actor(), user.id, id, &form.reason, &ctx.ip).await;
    done(&state, &ctx, id, result, "compliance-done-resent", "four-eyes").await
}

/// The page again with the error next to `field`, when the reason typed there is empty or too
/// long.
async fn reason_missing(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    reason: &str,
    field: &'static str,
) -> AppResult<Option<Response>> {
    let mut errors = FieldErrors::new(ctx.lang);
    if reason.trim().is_empty() {
        errors.add(field, "compliance-reason-required");
    } else if too_long(reason) {
        errors.add(field, "compliance-too-long");
    }
    if errors.is_empty() {
        return Ok(None);
    }
    let typed = Typed { reason: reason.to_string(), ..Typed::default() };
    Ok(Some(render(state, ctx, id, typed, errors, StatusCode::UNPROCESSABLE_ENTITY).await?))
}
