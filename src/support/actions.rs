//! The ticket page's forms as posted: checked, done ([`super::work`]), and answered with the
//! ticket page again (errors beside the fields, what was typed kept) or a message and the page.
//! A stale page (someone replied or changed the ticket meanwhile) comes back with the new
//! conversation and the typed text, to be read and sent again: nothing is lost.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    api::TEXT_MAX,
    model,
    page::{Back, Typed, render},
    work::{self, Act, WorkError},
};
use crate::{
    auth::access,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::FieldErrors},
    with_db,
};

/// A text field: required, at most [`TEXT_MAX`] characters.
fn body(raw: &str, field: &'static str, errors: &mut FieldErrors) -> String {
    let text = raw.trim().to_string();
    match text.chars().count() {
        0 => errors.add(field, "support-text-required"),
        n if n > TEXT_MAX => errors.add(field, "field-too-long"),
        _ => {}
    }
    text
}

fn pick(from: &[&'static str], raw: &str, field: &'static str, errors: &mut FieldErrors) -> &'static str {
    from.iter().find(|x| **x == raw).copied().unwrap_or_else(|| {
        errors.add(field, "field-invalid-choice");
        from[0]
    })
}

/// `POST /support/{id}/{form}`: `reply`, `note`, `update` or `merge`.
pub(super) async fn post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, form)): Path<(i64, String)>,
    Form(typed): Form<Typed>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let (form, act): (&'static str, Option<Act>) = match form.as_str() {
        "reply" => {
            let text = body(&typed.body, "body", &mut errors);
            let then = work::reply_state(&typed.then).unwrap_or_else(|| {
                errors.add("then", "field-invalid-choice");
                "open"
            });
            ("reply", Some(Act::Reply { body: text, then }))
        }
        "note" => ("note", Some(Act::Note { body: body(&typed.note, "note", &mut errors) })),
        "update" => {
            let current = super::store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
            let state_code = if typed.state == current.state {
                model::STATES.iter().find(|s| **s == current.state).copied().unwrap_or("open")
            } else {
                pick(&model::SETTABLE, &typed.state, "state", &mut errors)
            };
            let priority = pick(&model::PRIORITIES, &typed.priority, "priority", &mut errors);
            let category = pick(&model::CATEGORIES, &typed.category, "category", &mut errors);
            let assignee = match typed.assignee.as_str() {
                "" => None,
                raw => match raw.parse::<i64>() {
                    Ok(a) if agent(&state, a).await? => Some(a),
                    _ => {
                        errors.add("assignee", "field-invalid-choice");
                        None
                    }
                },
            };
            let tags = model::tags(&typed.tags).unwrap_or_else(|_| {
                errors.add("tags", "support-tags-invalid");
                Vec::new()
            });
            if tags.len() > 10 {
                errors.add("tags", "support-tags-too-many");
            }
            ("update", Some(Act::Update { state: state_code, priority, category, assignee, tags }))
        }
        "merge" => {
            let into = model::parse_number(&typed.into);
            if into.is_none() {
                errors.add(
                    "into",
                    if typed.into.trim().is_empty() {
                        "support-merge-required"
                    } else {
                        "support-merge-unknown"
                    },
                );
            }
            ("merge", into.map(|into| Act::Merge { into }))
        }
        _ => return Err(AppError::NotFound),
    };
    let version = typed.version.parse::<i64>().map_err(|_| AppError::BadRequest)?;
    let back = |errors: Option<FieldErrors>, problem: Option<String>| Back {
        form,
        typed: typed.clone(),
        errors,
        problem,
        canned: None,
    };
    let Some(act) = act.filter(|_| errors.is_empty()) else {
        return render(&state, &ctx, id, back(Some(errors), None), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match work::act(&state.db, &ctx.actor(), user.id, id, version, &act, &ctx.ip).await {
        Ok(()) => {
            ctx.flash(true, &format!("support-done-{form}"), &[]).await?;
            Ok(Redirect::to(&format!("/support/{id}")).into_response())
        }
        Err(WorkError::NotFound) => Err(AppError::NotFound),
        Err(WorkError::Stale) => {
            let problem = Some(ctx.t("support-stale"));
            render(&state, &ctx, id, back(None, problem), StatusCode::CONFLICT).await
        }
        Err(WorkError::Refused(why, field)) => {
            let mut errors = FieldErrors::new(ctx.lang);
            errors.add(field, why);
            render(&state, &ctx, id, back(Some(errors), None), StatusCode::CONFLICT).await
        }
        Err(WorkError::Db(e)) => Err(e.into()),
    }
}

/// Whether staff member `id` is an active agent (support or security).
async fn agent(state: &AppState, id: i64) -> Result<bool, sqlx::Error> {
    with_db!(&state.db, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM staff s JOIN staff_roles r ON r.staff_id = s.id
                        WHERE s.id = $1 AND s.active AND r.role IN ('support', 'security'))"
    )
    .bind(id)
    .fetch_one(c)
    .await)
}
