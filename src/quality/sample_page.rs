//! One sample. The verifier holding it sees the application as the review page shows it, with
//! no trace of the first decision (status, decisions, notes and history are left out), and
//! decides again. A senior compliance officer sees both decisions of a disagreement and gives the
//! verdict. When it is over, both verifiers and the officer see how it ended.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::store::{self, QaError, Sample};
use crate::{
    auth::{CurrentUser, access},
    db,
    error::{AppError, AppResult},
    i18n::Lang,
    review::{
        reasons::{self, Reason},
        store::Photo,
        view::{self, AppView},
    },
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// What was typed, given back with its errors.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DecisionForm {
    version: String,
    outcome: String,
    reason: Vec<String>,
    note: String,
}

/// The page with the application: the blind review or the verdict.
#[derive(Template, WebTemplate)]
#[template(path = "quality/sample.html")]
struct SamplePage {
    page: Page,
    sample: Sample,
    /// `review` (blind) or `verdict`.
    mode: &'static str,
    app: crate::review::store::Application,
    pd: crate::review::personal::Personal,
    current: Vec<Photo>,
    older: Vec<Photo>,
    checks: Vec<crate::review::page::Check>,
    signals: Vec<crate::review::page::SignalRow>,
    photo_signals: Vec<crate::review::page::PhotoSignal>,
    hits: Vec<crate::screening::compliance::Hit>,
    declaration_checks: Vec<crate::screening::compliance::Check>,
    can_photos: bool,
    can_compliance: bool,
    can_original: bool,
    customer_lang: Lang,
    reasons: Vec<Reason>,
    form: DecisionForm,
    problem: Option<String>,
    errors: FieldErrors,
}

impl SamplePage {
    fn photo(&self, kind: &str) -> Option<&Photo> {
        self.current.iter().find(|p| p.kind == kind)
    }

    fn no_signals(&self) -> bool {
        self.signals.iter().all(|s| s.ids.is_empty()) && self.photo_signals.is_empty()
    }

    fn reason_labels(&self, list: &str) -> Vec<String> {
        labels(&self.reasons, list, self.page.lang)
    }
}

/// The page without the application: how the sample ended, or that it is not over.
#[derive(Template, WebTemplate)]
#[template(path = "quality/result.html")]
struct ResultPage {
    page: Page,
    sample: Sample,
    /// `result`, `pending` (not over, nothing to show this reader) or `claimable`.
    mode: &'static str,
    reasons: Vec<Reason>,
    /// Why a change just sent was not recorded.
    problem: Option<String>,
}

impl ResultPage {
    fn reason_labels(&self, list: &str) -> Vec<String> {
        labels(&self.reasons, list, self.page.lang)
    }
}

fn labels(reasons: &[Reason], list: &str, lang: Lang) -> Vec<String> {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(|code| {
            reasons.iter().find(|r| r.code == code).map_or(code.to_string(), |r| r.label(&lang).to_string())
        })
        .collect()
}

/// What `user` may see of `sample` now.
fn mode(user: &CurrentUser, s: &Sample, now: time::OffsetDateTime) -> Option<&'static str> {
    let senior = user.has_any(access::QA_VERDICT);
    let verifier = user.has_any(access::DECIDE);
    // The first verifier learns of the sample only once it has been reviewed.
    let first = s.first_by == user.id && s.second_at.is_some();
    let part_of = first || s.second_by == Some(user.id) || s.verdict_by == Some(user.id);
    if s.held_by(user.id, now) && verifier {
        return Some("review");
    }
    if s.state == "disputed" && senior && !part_of {
        return Some("verdict");
    }
    if s.settled() && (part_of || senior) {
        return Some("result");
    }
    if part_of || senior {
        return Some("pending");
    }
    if verifier && s.state == "waiting" && s.first_by != user.id {
        return Some("claimable");
    }
    None
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: DecisionForm,
    problem: Option<String>,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::QUALITY)?;
    let sample = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mode = mode(user, &sample, db::now()).ok_or(AppError::Forbidden)?;
    let reasons = reasons::list(&state.db, Some(reasons::REJECTION), mode == "review").await?;
    if !matches!(mode, "review" | "verdict") {
        let page = ResultPage { page: ctx.page("quality-sample-title"), sample, mode, reasons, problem };
        return Ok((status, page).into_response());
    }
    let v: AppView = view::load(state, ctx, user, sample.application_id, "quality-page").await?;
    let page = SamplePage {
        page: ctx.page("quality-sample-title"),
        sample,
        mode,
        app: v.app,
        pd: v.pd,
        current: v.current,
        older: v.older,
        checks: v.checks,
        signals: v.signals,
        photo_signals: v.photo_signals,
        hits: v.hits,
        declaration_checks: v.declaration_checks,
        can_photos: v.can_photos,
        can_compliance: v.can_compliance,
        can_original: user.has_any(access::ORIGINALS),
        customer_lang: v.customer_lang,
        reasons,
        form,
        problem,
        errors,
    };
    Ok((status, page).into_response())
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let errors = FieldErrors::new(ctx.lang);
    render(&state, &ctx, id, DecisionForm::default(), None, errors, StatusCode::OK).await
}

/// Reads the outcome (and, for a rejection, its reasons); errors go next to their fields.
async fn outcome(
    state: &AppState,
    form: &DecisionForm,
    errors: &mut FieldErrors,
    reasons: bool,
) -> AppResult<String> {
    let outcome = match form.outcome.as_str() {
        "approved" | "rejected" => form.outcome.clone(),
        "" => {
            errors.add("outcome", "quality-outcome-required");
            String::new()
        }
        _ => {
            errors.add("outcome", "field-invalid-choice");
            String::new()
        }
    };
    if reasons && outcome == "rejected" {
        let known = reasons::list(&state.db, Some(reasons::REJECTION), true).await?;
        if form.reason.is_empty() {
            errors.add("reason", "review-reason-required");
        } else if form.reason.iter().any(|c| !known.iter().any(|r| &r.code == c)) {
            errors.add("reason", "review-reason-unknown");
        }
    }
    if form.note.chars().count() > 2000 {
        errors.add("note", "field-too-long");
    }
    Ok(outcome)
}

/// Why a change was refused, in the reader's language.
fn refusal(ctx: &Ctx, e: QaError) -> AppResult<String> {
    Ok(ctx.t(match e {
        QaError::NotFound => return Err(AppError::NotFound),
        QaError::Stale => "quality-stale",
        QaError::NotHeld => "quality-not-held",
        QaError::OwnDecision => "quality-own-decision",
        QaError::Verdict => "quality-separation",
        QaError::Db(e) => return Err(e.into()),
    }))
}

pub(super) async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    let version: i64 = form.version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let outcome = outcome(&state, &form, &mut errors, true).await?;
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut chosen: Vec<String> = if outcome == "rejected" { form.reason.clone() } else { Vec::new() };
    chosen.sort();
    chosen.dedup();
    let note = form.note.trim().to_string();
    match store::review(
        &state.db,
        &ctx.actor(),
        user.id,
        id,
        version,
        &outcome,
        &chosen.join(","),
        &note,
        &ctx.ip,
    )
    .await
    {
        Ok(state_now) => {
            let msg =
                if state_now == "agreed" { "quality-reviewed-agreed" } else { "quality-reviewed-disputed" };
            ctx.flash(true, msg, &[]).await?;
            Ok(Redirect::to("/quality").into_response())
        }
        Err(e) => {
            let problem = refusal(&ctx, e)?;
            render(&state, &ctx, id, form, Some(problem), errors, StatusCode::CONFLICT).await
        }
    }
}

pub(super) async fn verdict(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::QA_VERDICT)?;
    let version: i64 = form.version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let outcome = outcome(&state, &form, &mut errors, false).await?;
    let note = form.note.trim().to_string();
    if note.is_empty() {
        errors.add("note", "quality-verdict-note-required");
    }
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match store::verdict(&state.db, &ctx.actor(), user.id, id, version, &outcome, &note, &ctx.ip).await {
        Ok(_) => {
            ctx.flash(true, "quality-verdict-recorded", &[]).await?;
            Ok(Redirect::to(&format!("/quality/{id}")).into_response())
        }
        Err(e) => {
            let problem = refusal(&ctx, e)?;
            render(&state, &ctx, id, form, Some(problem), errors, StatusCode::CONFLICT).await
        }
    }
}
