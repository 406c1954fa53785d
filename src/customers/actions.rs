//! The account actions as posted from the customer page and the archive requests page: checked,
//! taken ([`super::account`]), and answered with the page again (errors beside the fields, what
//! was typed kept) or a message and the customer page.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    account::{self, Action, ActionError, Change},
    archive::{self, Ending},
    page::{Reveal, render},
    panel::AccountForm,
};
use crate::{
    auth::access,
    error::{AppError, AppResult},
    review::reasons,
    web::{AppState, Ctx, form::Form, page::FieldErrors},
};

/// A comment: at least this many characters, at most [`COMMENT_MAX`].
const COMMENT_MIN: usize = 5;
const COMMENT_MAX: usize = 1000;

/// `POST /customers/{id}/account`: block, unblock, restrict, or ask for an archive.
pub(super) async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AccountForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ACCOUNT_ACTIONS)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let action = Action::parse(&form.action);
    if action.is_none() {
        errors.add("action", "customers-action-choose");
    }
    let known = reasons::list(&state.db, Some(reasons::ACCOUNT), true).await?;
    if form.reason.is_empty() {
        errors.add("reason", "customers-action-reason-required");
    } else if !known.iter().any(|r| r.code == form.reason) {
        errors.add("reason", "field-invalid-choice");
    }
    let comment = form.comment.trim().to_string();
    match comment.chars().count() {
        0 => errors.add("comment", "customers-action-comment-required"),
        n if n < COMMENT_MIN => errors.add("comment", "customers-action-comment-short"),
        n if n > COMMENT_MAX => errors.add("comment", "field-too-long"),
        _ => {}
    }
    let mut restrictions: Vec<&'static str> = Vec::new();
    for r in &form.restrictions {
        match account::RESTRICTIONS.iter().find(|k| *k == r) {
            Some(k) if !restrictions.contains(k) => restrictions.push(k),
            Some(_) => {}
            None => errors.add("restrictions", "field-invalid-choice"),
        }
    }
    if action == Some(Action::Restrict) && restrictions.is_empty() && !errors.has("restrictions") {
        errors.add("restrictions", "customers-action-restrictions-required");
    }
    if action != Some(Action::Restrict) {
        restrictions.clear();
    }
    let version = form.version.parse::<i64>().map_err(|_| AppError::BadRequest)?;
    let Some(action) = action.filter(|_| errors.is_empty()) else {
        return back(&state, &ctx, id, form, Some(errors), None, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let change = Change { action, reason: form.reason.clone(), comment, restrictions };
    match account::act(&state.db, &ctx.actor(), user.id, id, version, &change, &ctx.ip).await {
        Ok(_) => {
            ctx.flash(true, &format!("customers-done-{}", action.code()), &[("id", id.to_string())]).await?;
            Ok(Redirect::to(&format!("/customers/{id}")).into_response())
        }
        Err(ActionError::NotFound) => Err(AppError::NotFound),
        Err(ActionError::Stale) => {
            let problem = Some(ctx.t("customers-action-stale"));
            back(&state, &ctx, id, form, None, problem, StatusCode::CONFLICT).await
        }
        Err(ActionError::Refused(why)) => {
            back(&state, &ctx, id, form, None, Some(ctx.t(why)), StatusCode::CONFLICT).await
        }
        Err(ActionError::Db(e)) => Err(e.into()),
    }
}

/// The customer page again, with the account form as typed; the version is the one shown now, so
/// after a stale page the person sees the new state and may send again.
async fn back(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    mut form: AccountForm,
    errors: Option<FieldErrors>,
    problem: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    if problem.is_some() {
        form.version = String::new();
    }
    let account = super::page::AccountState { form: Some(form), errors, problem };
    render(state, ctx, id, Reveal::default(), account, status).await
}

/// The archive decision as posted.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DecisionForm {
    decision: String,
    comment: String,
    /// Where to go back to: the customer page or the requests list.
    back: String,
}

/// `POST /customers/archive-requests/{id}` (behind the step-up): confirm, refuse or withdraw.
pub(super) async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(request): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ARCHIVE_CONFIRM)?;
    let ending = Ending::parse(&form.decision).ok_or(AppError::BadRequest)?;
    let comment = form.comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        return Err(AppError::BadRequest);
    }
    let digits = form.back.strip_prefix("/customers/").unwrap_or("");
    let back = if !digits.is_empty() && digits.len() < 19 && digits.bytes().all(|b| b.is_ascii_digit()) {
        form.back.clone()
    } else {
        "/customers/archive-requests".to_string()
    };
    let result = archive::decide(&state.db, &ctx.actor(), user.id, request, ending, comment, &ctx.ip).await;
    match result {
        Ok(customer) => {
            let msg = match ending {
                Ending::Confirm => "customers-archive-confirmed",
                Ending::Refuse => "customers-archive-refused",
                Ending::Withdraw => "customers-archive-withdrawn",
            };
            ctx.flash(true, msg, &[("id", customer.to_string())]).await?;
        }
        Err(ActionError::NotFound) => return Err(AppError::NotFound),
        Err(ActionError::Refused(why)) => ctx.flash(false, why, &[]).await?,
        Err(ActionError::Stale) => ctx.flash(false, "customers-action-stale", &[]).await?,
        Err(ActionError::Db(e)) => return Err(e.into()),
    }
    Ok(Redirect::to(&back).into_response())
}
