//! The ticket page's forms as posted: checked, done ([`super::work`]), and answered with the
//! ticket page again (errors beside the fields, what was typed kept) or a message and the page.
//! A stale page (someone replied or changed the ticket meanwhile) comes back with the new
//! conversation and the typed text, to be read and sent again: nothing is lost.

use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};

use super::{
    api::TEXT_MAX,
    attachments, model,
    page::{Back, Typed, render},
    requests,
    work::{self, Act, WorkError},
};
use crate::{
    api::parts::{self, Read},
    auth::access,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::FieldErrors},
    with_db,
};

/// A text field of a form, trimmed: required, at most `max` characters, no control characters.
pub(super) fn text(raw: &str, field: &'static str, max: usize, errors: &mut FieldErrors) -> String {
    let text = raw.trim().to_string();
    match text.chars().count() {
        0 => errors.add(field, "support-text-required"),
        n if n > max => errors.add(field, "field-too-long"),
        _ if model::has_control(&text) => errors.add(field, "support-control-chars"),
        _ => {}
    }
    text
}

/// A reply or note: [`text`] of at most [`TEXT_MAX`] characters.
fn body(raw: &str, field: &'static str, errors: &mut FieldErrors) -> String {
    text(raw, field, TEXT_MAX, errors)
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
    /// The customer asked to pass the KYC check again with new documents.
    Documents,
}

/// `POST /support/{id}/{form}`: `note`, `update`, `merge`, `changes`, `documents` or
/// `withdrawal`.
pub(super) async fn post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, form)): Path<(i64, String)>,
    Form(typed): Form<Typed>,
) -> AppResult<Response> {
    handle(&state, &ctx, id, &form, typed, Vec::new(), Vec::new()).await
}

/// `POST /support/{id}/reply`: a `multipart/form-data` form with up to
/// [`attachments::MAX_FILES`] `attachment` files, or a urlencoded one without.
pub(super) async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    req: Request,
) -> AppResult<Response> {
    ctx.require(access::SUPPORT_WORK)?;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        let Form(typed) = Form::<Typed>::from_request(req, &state).await?;
        return handle(&state, &ctx, id, "reply", typed, Vec::new(), Vec::new()).await;
    }
    let unreadable = |p: crate::api::Problem| {
        if p.status == 413 { AppError::PayloadTooLarge } else { AppError::BadRequest }
    };
    // Bodies with files held at once are bounded like the API's (a reply waits its turn).
    let _slot =
        state.intake_bodies.clone().acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let mut multipart = Multipart::from_request(req, &state).await.map_err(|_| AppError::BadRequest)?;
    let (mut typed, mut files, mut refused) = (Typed::default(), Vec::new(), Vec::new());
    // A text of 10,000 characters is at most 40,000 bytes of UTF-8.
    let text_max = TEXT_MAX * 4 + 1024;
    let mut parts_read = 0;
    loop {
        let n = files.len() + refused.len();
        // Past the most files a file is read to its end and not kept.
        let room = n < attachments::MAX_FILES;
        let limit_for = |name: &str| match name {
            "body" => text_max,
            "csrf" | "then" | "version" => 256,
            "attachment" if room => attachments::MAX_BYTES,
            _ => 0,
        };
        let Some(read) = parts::next(&mut multipart, limit_for).await.map_err(unreadable)? else { break };
        parts_read += 1;
        if parts_read > 16 {
            return Err(AppError::BadRequest);
        }
        match read {
            // A file input left empty sends one nameless, empty part.
            Read::Whole(p)
                if p.name == "attachment" && p.bytes.is_empty() && p.file_name.as_deref() == Some("") => {}
            Read::Whole(p) if p.name == "attachment" => files.push(attachments::Incoming {
                field: format!("attachments.{n}"),
                file_name: p.file_name.unwrap_or_default(),
                declared: p.content_type,
                bytes: p.bytes,
            }),
            Read::Whole(p) => {
                let text = String::from_utf8(p.bytes).map_err(|_| AppError::BadRequest)?;
                match p.name.as_str() {
                    "body" => typed.body = text,
                    "then" => typed.then = text,
                    "version" => typed.version = text,
                    _ => {}
                }
            }
            Read::TooLarge { name, file_name, .. } if name == "attachment" => {
                refused.push((file_name.unwrap_or_default(), "too_large"))
            }
            Read::Unknown(name) if name == "attachment" => refused.push((String::new(), "too_many")),
            // The text is longer than the form's own limit lets a browser send.
            Read::TooLarge { .. } => return Err(AppError::PayloadTooLarge),
            Read::Unknown(_) => return Err(AppError::BadRequest),
        }
    }
    handle(&state, &ctx, id, "reply", typed, files, refused).await
}

/// A form as posted (`files`, and the names of the files already `refused` as they were read,
/// only with a reply).
async fn handle(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: &str,
    typed: Typed,
    files: Vec<attachments::Incoming>,
    mut refused: Vec<(String, attachments::Refusal)>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let mut checked = Vec::new();
    let (form, act): (&'static str, Option<Job>) = match form {
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
        "documents" => ("documents", Some(Job::Documents)),
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
            // Files are checked even when the text is wrong, so one answer names every problem.
            let names: Vec<(String, String)> =
                files.iter().map(|f| (f.field.clone(), f.file_name.clone())).collect();
            let (ok, bad) = attachments::check(&state.photos, files).await;
            for (field, code) in bad {
                let name =
                    names.iter().find(|(f, _)| *f == field).map(|(_, n)| n.clone()).unwrap_or_default();
                refused.push((name, code));
            }
            if let Some((file, code)) = refused.first() {
                let file = if file.is_empty() { "…".to_string() } else { file.clone() };
                errors.add_with("attachment", attachments::message_id(code), &[("file", file)]);
            }
            checked = ok;
            ("reply", Some(Job::Act(Act::Reply { body: text, then, files: Default::default() })))
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
                    Ok(a) if Some(a) == current.assignee_id || agent(state, a).await? => Some(a),
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
        return render(state, ctx, id, back(Some(errors), None), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let (db, actor, ip) = (&state.db, ctx.actor(), ctx.ip.clone());
    let mut act = act;
    let checked = std::sync::Arc::new(checked);
    if let Job::Act(Act::Reply { files, .. }) = &mut act
        && !checked.is_empty()
    {
        attachments::store(&state.photos, &checked)
            .await
            .map_err(|e| AppError::Internal(format!("storage: {e}")))?;
        *files = checked.clone();
    }
    let done = match &act {
        Job::Act(act) => work::act(db, &actor, user.id, id, version, act, &ip).await,
        Job::Changes(apply) => requests::decide_changes(db, &actor, user.id, id, version, apply, &ip).await,
        Job::Withdrawal(record) => requests::withdrawal(db, &actor, user.id, id, version, *record, &ip).await,
        Job::Documents => super::documents::ask(db, &actor, user.id, id, version, &ip).await,
    };
    // Files stored for a reply that was not written (a stale page, a refusal) go again.
    if done.is_err() && !checked.is_empty() {
        attachments::discard(db, &state.photos, &checked).await;
    }
    match done {
        Ok(()) => {
            ctx.flash(true, &format!("support-done-{form}"), &[]).await?;
            Ok(Redirect::to(&format!("/support/{id}")).into_response())
        }
        Err(WorkError::NotFound) => Err(AppError::NotFound),
        Err(WorkError::Stale) => {
            let problem = Some(ctx.t("support-stale"));
            render(state, ctx, id, back(None, problem), StatusCode::CONFLICT).await
        }
        Err(WorkError::Refused(why, field)) => {
            let mut errors = FieldErrors::new(ctx.lang);
            errors.add(field, why);
            render(state, ctx, id, back(Some(errors), None), StatusCode::CONFLICT).await
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
