//! The compliance pages: the queue, an application's hits and declarations with the four-eyes
//! approval. The lists page and uploads are in [`super::upload`].

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{DefaultBodyLimit, Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{
    compliance::{self, Approval, Check, Hit, NewCheck, QueueRow, Refused},
    score::{CountryNote, DateNote, How},
    upload,
};
use crate::{
    auth::access,
    error::{AppError, AppResult},
    i18n::{self, Lang},
    review::{queue::mask_iin, store},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// `/compliance...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compliance", get(queue_page))
        .route(
            "/compliance/lists",
            get(upload::lists_page).post(upload::upload).layer(DefaultBodyLimit::max(upload::UPLOAD_LIMIT)),
        )
        .route("/compliance/{id}", get(show))
        .route("/compliance/{id}/hits/{hit}", post(decide_hit))
        .route("/compliance/{id}/declaration", post(check_declaration))
        .route("/compliance/{id}/approve", post(senior_approve))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct QueueQuery {
    state: String,
    after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "compliance/queue.html")]
struct QueuePage {
    page: Page,
    state: &'static str,
    review: i64,
    senior: i64,
    rows: Vec<QueueRow>,
    next: Option<String>,
}

async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    ctx.require(access::COMPLIANCE)?;
    let which = if q.state == "senior" { "senior" } else { "review" };
    let after = parse_cursor(&q.after);
    let mut rows = compliance::queue(&state.db, which, after, 51).await?;
    let next = if rows.len() > 50 {
        rows.truncate(50);
        rows.last().map(|r| format!("{}.{}", r.received_at.unix_timestamp_nanos() / 1000, r.id))
    } else {
        None
    };
    let (review, senior) = compliance::queue_counts(&state.db).await?;
    let page =
        QueuePage { page: ctx.page("compliance-queue-title"), state: which, review, senior, rows, next };
    Ok(page.into_response())
}

fn parse_cursor(s: &str) -> Option<(OffsetDateTime, i64)> {
    let (micros, id) = s.split_once('.')?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(micros.parse::<i128>().ok()? * 1000).ok()?;
    Some((at, id.parse().ok()?))
}

/// A hit ready for the page: every text in the reader's language.
struct HitView {
    hit: Hit,
    source: String,
    parts: Vec<String>,
    notes: Vec<String>,
    decided: Option<String>,
}

fn hit_view(lang: Lang, hit: Hit) -> HitView {
    let t = |id: &str, args: &[(&str, String)]| i18n::t_with(lang, id, args);
    let source = t(
        "compliance-hit-list",
        &[("list", hit.list.clone()), ("version", hit.version.to_string()), ("id", hit.external_id.clone())],
    );
    let mut parts = Vec::new();
    let mut notes = Vec::new();
    if let Some(e) = hit.explained() {
        for p in &e.parts {
            let id = match p.how {
                How::Same => "compliance-part-same",
                How::Transliterated => "compliance-part-transliterated",
                How::Initial => "compliance-part-initial",
                How::Similar => "compliance-part-similar",
                How::Missing => "compliance-part-missing",
            };
            let mut line = t(
                id,
                &[
                    ("applicant", p.applicant.clone()),
                    ("entry", p.entry.clone().unwrap_or_default()),
                    ("percent", p.similarity.to_string()),
                ],
            );
            if p.gender_ending {
                line.push_str("; ");
                line.push_str(&i18n::t(lang, "compliance-part-gender"));
            }
            parts.push(line);
        }
        if !e.unmatched.is_empty() {
            notes.push(t("compliance-unmatched", &[("words", e.unmatched.join(", "))]));
        }
        notes.push(i18n::t(
            lang,
            match e.date {
                DateNote::Same => "compliance-date-same",
                DateNote::SameYear => "compliance-date-same-year",
                DateNote::Differs => "compliance-date-differs",
                DateNote::Unknown => "compliance-date-unknown",
            },
        ));
        match e.country {
            CountryNote::Same => notes.push(i18n::t(lang, "compliance-country-same")),
            CountryNote::Differs => notes.push(i18n::t(lang, "compliance-country-differs")),
            CountryNote::Unknown => {}
        }
    }
    let decided = hit.decided_at.map(|at| {
        t(
            "compliance-hit-decided",
            &[
                ("name", hit.decided_by.clone().unwrap_or_default()),
                ("date", i18n::format_datetime(lang, at)),
                ("comment", hit.comment.clone().unwrap_or_default()),
            ],
        )
    });
    HitView { hit, source, parts, notes, decided }
}

/// The forms of the compliance page as typed, with their errors.
#[derive(Default)]
struct Typed {
    /// The hit whose comment is in error.
    hit: Option<i64>,
    comment: String,
    check: CheckForm,
    senior_comment: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "compliance/show.html")]
struct ShowPage {
    page: Page,
    app: store::Application,
    name: String,
    iin: String,
    hits: Vec<HitView>,
    checks: Vec<Check>,
    approval: Option<Approval>,
    waiting: Option<String>,
    can_senior: bool,
    is_first: bool,
    typed: Typed,
    errors: FieldErrors,
}

impl ShowPage {
    /// Whether the comment typed back belongs to hit `id`.
    fn typed_hit(&self, id: &i64) -> bool {
        self.typed.hit == Some(*id)
    }

    fn first_line(&self, a: &Approval) -> String {
        let date = i18n::format_datetime(self.page.lang, a.first_at);
        i18n::t_with(self.page.lang, "compliance-first", &[("name", a.first_by.clone()), ("date", date)])
    }

    fn senior_line(&self, a: &Approval) -> String {
        let date = a.senior_at.map(|at| i18n::format_datetime(self.page.lang, at)).unwrap_or_default();
        let mut line = i18n::t_with(
            self.page.lang,
            "compliance-senior",
            &[("name", a.senior_by.clone().unwrap_or_default()), ("date", date)],
        );
        if let Some(c) = a.comment.as_deref().filter(|c| !c.is_empty()) {
            line.push_str(": ");
            line.push_str(c);
        }
        line
    }

    fn kind_selected(&self, kind: &str) -> bool {
        let typed = &self.typed.check.kind;
        if !typed.is_empty() {
            return typed == kind;
        }
        // By default the declaration made: PEP unless only beneficial ownership was declared.
        let default = if self.app.bo_declared && !self.app.pep_declared { "bo" } else { "pep" };
        kind == default
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    typed: Typed,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    let db = &state.db;
    let app = store::find(db, id).await?.ok_or(AppError::NotFound)?;
    store::log_access(db, user.id, id, "compliance-page", &ctx.ip).await?;
    let iin = if user.has_any(access::FULL_PERSONAL_DATA) { app.iin.clone() } else { mask_iin(&app.iin) };
    let hits = compliance::hits(db, id).await?.into_iter().map(|h| hit_view(ctx.lang, h)).collect();
    let checks = compliance::checks(db, id).await?;
    let approval = compliance::approval(db, id).await?;
    let waiting = compliance::Waiting::parse(app.compliance_state.as_deref()).map(|w| ctx.t(w.message_id()));
    let is_first = approval.as_ref().is_some_and(|a| a.first_by_id == user.id);
    let page = ShowPage {
        page: ctx.page("compliance-title"),
        name: app.full_name(),
        iin,
        hits,
        checks,
        approval,
        waiting,
        can_senior: user.has_any(access::SENIOR_APPROVAL),
        is_first,
        typed,
        errors,
        app,
    };
    Ok((status, page).into_response())
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    render(&state, &ctx, id, Typed::default(), FieldErrors::new(ctx.lang), StatusCode::OK).await
}

fn refused(e: Refused) -> AppResult<&'static str> {
    match e {
        Refused::NotFound => Err(AppError::NotFound),
        Refused::Stale => Ok("compliance-stale"),
        Refused::SamePerson => Ok("compliance-same-person"),
        Refused::NotPep => Ok("compliance-not-pep"),
        Refused::Db(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HitForm {
    action: String,
    comment: String,
}

async fn decide_hit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, hit)): Path<(i64, i64)>,
    Form(form): Form<HitForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE)?;
    let comment = form.comment.trim();
    let mut errors = FieldErrors::new(ctx.lang);
    let confirm = match form.action.as_str() {
        "confirm" => true,
        "dismiss" => false,
        _ => {
            errors.add("comment", "compliance-bad-choice");
            false
        }
    };
    if comment.is_empty() {
        errors.add("comment", "compliance-comment-required");
    } else if comment.chars().count() > 2000 {
        errors.add("comment", "compliance-too-long");
    }
    if !errors.is_empty() {
        let typed = Typed { hit: Some(hit), comment: form.comment.clone(), ..Typed::default() };
        return render(&state, &ctx, id, typed, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let decision = compliance::HitDecision { app: id, hit, confirm, comment };
    match compliance::decide_hit(&state.db, &ctx.actor(), user.id, decision, &ctx.ip).await {
        Ok(()) => {
            let done =
                if confirm { "compliance-done-hit-confirmed" } else { "compliance-done-hit-dismissed" };
            ctx.flash(true, done, &[]).await?;
        }
        Err(e) => ctx.flash(false, refused(e)?, &[]).await?,
    }
    Ok(Redirect::to(&format!("/compliance/{id}#hits")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CheckForm {
    kind: String,
    outcome: String,
    position: String,
    country: String,
    relation: String,
    owner_of: String,
    share: String,
    notes: String,
}

async fn check_declaration(
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
        if value.trim().chars().count() > 2000 {
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
    match compliance::check_declaration(&state.db, &ctx.actor(), user.id, id, &check, &ctx.ip).await {
        Ok(()) => ctx.flash(true, "compliance-done-check", &[]).await?,
        Err(e) => ctx.flash(false, refused(e)?, &[]).await?,
    }
    Ok(Redirect::to(&format!("/compliance/{id}#declarations")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApproveForm {
    comment: String,
}

async fn senior_approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ApproveForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SENIOR_APPROVAL)?;
    let comment = form.comment.trim();
    if comment.chars().count() > 2000 {
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("senior_comment", "compliance-too-long");
        let typed = Typed { senior_comment: form.comment.clone(), ..Typed::default() };
        return render(&state, &ctx, id, typed, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match compliance::senior_approve(&state.db, &ctx.actor(), user.id, id, comment, &ctx.ip).await {
        Ok(()) => ctx.flash(true, "compliance-done-senior", &[]).await?,
        Err(e) => ctx.flash(false, refused(e)?, &[]).await?,
    }
    Ok(Redirect::to(&format!("/compliance/{id}#four-eyes")).into_response())
}
