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
    requests,
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
        _ if model::has_control(&text) => errors.add(field, "support-control-chars"),
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

/// What a form asks for.
enum Job {
    Act(Act),
    /// The data changes to apply (every other pending one is refused).
    Changes(Vec<i64>),
    /// A consent withdrawal recorded (`true`) or refused.
    Withdrawal(bool),
}

/// `POST /support/{id}/{form}`: `reply`, `note`, `update`, `merge`, `changes` or `withdrawal`.
pub(super) async fn post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, form)): Path<(i64, String)>,
    Form(typed): Form<Typed>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let (form, act): (&'static str, Option<Job>) = match form.as_str() {
        "changes" => {
            let mut ids = Vec::new();
            for raw in &typed.apply {
                match raw.parse::<i64>() {
                    Ok(i) => ids.push(i),
                    Err(_) => errors.add("changes", "field-invalid-choice"),
                }
            }
            ("changes", Some(Job::Changes(ids)))
        }
        "withdrawal" => match typed.decision.as_str() {
            "record" => ("withdrawal", Some(Job::Withdrawal(true))),
            "refuse" => ("withdrawal", Some(Job::Withdrawal(false))),
            _ => {
                errors.add("decision", "field-invalid-choice");
                ("withdrawal", None)
            }
        },
        "reply" => {
            let text = body(&typed.body, "body", &mut errors);
            let then = work::reply_state(&typed.then).unwrap_or_else(|| {
                errors.add("then", "field-invalid-choice");
                "open"
            });
            ("reply", Some(Job::Act(Act::Reply { body: text, then })))
        }
        "note" => ("note", Some(Job::Act(Act::Note { body: body(&typed.note, "note", &mut errors) }))),
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
                    Ok(a) if Some(a) == current.assignee_id || agent(&state, a).await? => Some(a),
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
            ("update", Some(Job::Act(Act::Update { state: state_code, priority, category, assignee, tags })))
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
            ("merge", into.map(|into| Job::Act(Act::Merge { into })))
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
    let (db, actor, ip) = (&state.db, ctx.actor(), ctx.ip.clone());
    let done = match &act {
        Job::Act(act) => work::act(db, &actor, user.id, id, version, act, &ip).await,
        Job::Changes(apply) => requests::decide_changes(db, &actor, user.id, id, version, apply, &ip).await,
        Job::Withdrawal(record) => requests::withdrawal(db, &actor, user.id, id, version, *record, &ip).await,
    };
    match done {
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
