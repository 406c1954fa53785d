//! The review pages: the queue, "take next", the review page with its checks and signals, claims,
//! decisions, notes, and the personal-data access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use sqlx::FromRow;
use time::{Date, OffsetDateTime};

use super::{
    queue::{self, QueueQuery},
    reasons::{self, Reason},
    signals::{Signal, underage},
    store::{self, Application, DecideError, Outcome, Photo},
};
use crate::{
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n::{self, ALMATY, Lang},
    intake::iin::{EncodedSex, Iin},
    web::{
        AppState, Ctx,
        context::urlencode,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// `/review...` and `/admin/access-log`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/review", get(queue_page))
        .route("/review/next", post(take_next))
        .route("/review/{id}", get(show))
        .route("/review/{id}/claim", post(claim))
        .route("/review/{id}/release", post(release))
        .route("/review/{id}/decide", post(decide))
        .route("/review/{id}/note", post(note))
        .route("/admin/access-log", get(access_log))
        .merge(reasons::router())
}

/// A status tab of the queue.
pub struct Tab {
    pub code: &'static str,
    pub count: i64,
    pub active: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/queue.html")]
struct QueuePage {
    page: Page,
    query: QueueQuery,
    errors: FieldErrors,
    rows: Vec<queue::Row>,
    next: Option<String>,
    tabs: Vec<Tab>,
    holders: Vec<(i64, String)>,
    now: OffsetDateTime,
    can_take: bool,
    signals: Vec<Signal>,
}

impl QueuePage {
    /// The URL of this query with `after` set to `cursor`.
    fn page_url(&self, cursor: &str) -> String {
        let q = &self.query;
        let mut parts: Vec<(&str, &str)> = [
            ("status", q.status.as_str()),
            ("from", q.from.as_str()),
            ("to", q.to.as_str()),
            ("declared", q.declared.as_str()),
            ("risk", q.risk.as_str()),
            ("assignee", q.assignee.as_str()),
            ("q", q.q.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        if !cursor.is_empty() {
            parts.push(("after", cursor));
        }
        let qs = parts.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&");
        if qs.is_empty() { "/review".into() } else { format!("/review?{qs}") }
    }

    fn tab_url(&self, status: &str) -> String {
        format!("/review?status={status}")
    }

    fn status_selected(&self, code: &str) -> bool {
        let selected = if self.query.status.is_empty() {
            if self.query.q.trim().is_empty() { "pending" } else { "all" }
        } else {
            &self.query.status
        };
        selected == code
    }
}

async fn queue_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::REVIEW)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let filter = query.filter(user.id, &mut errors);
    let (rows, next) = queue::page(&state.db, user.id, &filter).await?;
    let counts = queue::counts(&state.db).await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let selected = filter.status.unwrap_or("all");
    let mut tabs: Vec<Tab> = queue::STATUSES
        .iter()
        .map(|s| Tab {
            code: s,
            count: counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
            active: *s == selected,
        })
        .collect();
    tabs.push(Tab { code: "all", count: total, active: selected == "all" });
    let now = db::now();
    let holders = queue::holders(&state.db, now).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = QueuePage {
        page: ctx.page("review-queue-title"),
        query,
        errors,
        rows,
        next,
        tabs,
        holders,
        now,
        can_take: user.has_any(access::DECIDE),
        signals: Signal::ALL.to_vec(),
    };
    Ok((status, page).into_response())
}

async fn take_next(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    match store::take_next(&state.db, &ctx.actor(), user.id, state.config.claim_ttl, &ctx.ip).await? {
        Some(id) => Ok(Redirect::to(&format!("/review/{id}")).into_response()),
        None => {
            ctx.flash(true, "review-queue-empty", &[]).await?;
            Ok(Redirect::to("/review").into_response())
        }
    }
}

async fn claim(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !store::claim(&state.db, &ctx.actor(), user.id, id, state.config.claim_ttl, &ctx.ip).await? {
        ctx.flash(false, "review-claim-refused", &[]).await?;
    }
    Ok(Redirect::to(&format!("/review/{id}")).into_response())
}

async fn release(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if store::release(&state.db, &ctx.actor(), user.id, id, &ctx.ip).await? {
        ctx.flash(true, "review-released", &[("id", id.to_string())]).await?;
        Ok(Redirect::to("/review").into_response())
    } else {
        ctx.flash(false, "review-not-held", &[]).await?;
        Ok(Redirect::to(&format!("/review/{id}")).into_response())
    }
}

/// One IIN or document check.
pub struct Check {
    /// `error`, `warning` or `ok`.
    pub level: &'static str,
    pub text: String,
}

fn years_between(birth: Date, today: Date) -> i64 {
    let mut years = i64::from(today.year() - birth.year());
    if (u8::from(today.month()), today.day()) < (u8::from(birth.month()), birth.day()) {
        years -= 1;
    }
    years
}

/// The checks of the applicant's IIN, age and document, as of `today`.
pub fn checks(app: &Application, today: Date, lang: Lang) -> Vec<Check> {
    let date = |d: Date| i18n::format_date(lang, d.midnight().assume_offset(ALMATY));
    let mut out = Vec::new();
    match Iin::parse(&app.iin) {
        Err(_) => out.push(Check { level: "error", text: i18n::t(lang, "review-check-iin-invalid") }),
        Ok(iin) => {
            out.push(Check { level: "ok", text: i18n::t(lang, "review-check-iin-valid") });
            match iin.birth_date() {
                Some(d) if d != app.birth_date => out.push(Check {
                    level: "warning",
                    text: i18n::t_with(
                        lang,
                        "review-check-iin-birth-mismatch",
                        &[("encoded", date(d)), ("stated", date(app.birth_date))],
                    ),
                }),
                _ => {}
            }
            let stated_male = app.sex == "male";
            if let Some(sex) = iin.sex()
                && (sex == EncodedSex::Male) != stated_male
            {
                out.push(Check { level: "warning", text: i18n::t(lang, "review-check-iin-sex-mismatch") });
            }
        }
    }
    let age = years_between(app.birth_date, today);
    if underage(app.birth_date, today) {
        out.push(Check { level: "error", text: i18n::t_count(lang, "review-check-underage", age, &[]) });
    } else {
        out.push(Check { level: "ok", text: i18n::t_count(lang, "review-check-age", age, &[]) });
    }
    if app.doc_expires_on < today {
        out.push(Check {
            level: "error",
            text: i18n::t_with(lang, "review-check-doc-expired", &[("date", date(app.doc_expires_on))]),
        });
    } else {
        out.push(Check {
            level: "ok",
            text: i18n::t_with(lang, "review-check-doc-valid", &[("date", date(app.doc_expires_on))]),
        });
    }
    out
}

/// Other applications sharing something with this one.
pub struct SignalRow {
    pub signal: Signal,
    pub ids: Vec<i64>,
    /// More than the ids shown.
    pub more: bool,
}

/// The decision and note forms as typed, with their errors.
#[derive(Default)]
pub struct FormState {
    pub reasons: Vec<String>,
    pub documents: Vec<String>,
    pub message: Option<String>,
    pub note: String,
    /// Fluent id of a message about the whole decision (stale version, not held, blocked).
    pub problem: Option<&'static str>,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/show.html")]
struct ShowPage {
    page: Page,
    app: Application,
    iin: String,
    phone: String,
    full_data: bool,
    contacts: Vec<(store::Contact, String)>,
    current: Vec<Photo>,
    older: Vec<Photo>,
    checks: Vec<Check>,
    blocked: bool,
    signals: Vec<SignalRow>,
    hits: Vec<crate::screening::compliance::Hit>,
    declaration_checks: Vec<crate::screening::compliance::Check>,
    /// Why approval waits for compliance (a Fluent id).
    compliance_waiting: Option<&'static str>,
    can_compliance: bool,
    history: Vec<store::HistoryItem>,
    decisions: Vec<store::Decision>,
    notes: Vec<store::Note>,
    reasons: Vec<Reason>,
    documents: [&'static str; 3],
    customer_lang: Lang,
    message: String,
    held_by_me: bool,
    held_by_other: bool,
    can_decide: bool,
    can_note: bool,
    can_original: bool,
    form: FormState,
    errors: FieldErrors,
}

impl ShowPage {
    fn reason_label(&self, code: &str) -> String {
        self.reasons
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_string(), |r| r.label(&self.page.lang).to_string())
    }

    fn photo(&self, kind: &str) -> Option<&Photo> {
        self.current.iter().find(|p| p.kind == kind)
    }

    fn no_signals(&self) -> bool {
        self.signals.iter().all(|s| s.ids.is_empty())
    }

    fn split(&self, list: &str) -> Vec<String> {
        list.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
}

pub const DOCUMENTS: [&str; 3] = ["selfie", "id_front", "id_back"];

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: FormState,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::REVIEW)?;
    let db = &state.db;
    let app = store::find(db, id).await?.ok_or(AppError::NotFound)?;
    store::log_access(db, user.id, id, "review-page", &ctx.ip).await?;
    let full_data = user.has_any(access::FULL_PERSONAL_DATA);
    let (iin, phone) = if full_data {
        (app.iin.clone(), app.phone.clone())
    } else {
        (queue::mask_iin(&app.iin), queue::mask_phone(&app.phone))
    };
    let contact_rows = store::contacts(db, id).await?;
    let contact_phones: Vec<String> = contact_rows.iter().map(|c| c.phone.clone()).collect();
    let contacts = contact_rows
        .into_iter()
        .map(|c| {
            let shown = if full_data { c.phone.clone() } else { queue::mask_phone(&c.phone) };
            (c, shown)
        })
        .collect();
    let (current, older): (Vec<Photo>, Vec<Photo>) =
        store::photos(db, id).await?.into_iter().partition(|p| p.current);
    let now = db::now();
    let today = now.to_offset(ALMATY).date();
    let checks = checks(&app, today, ctx.lang);
    let blocked = checks.iter().any(|c| c.level == "error");

    // The bit set says which signals have other applications behind them (intake marks both
    // sides), so only those are looked up.
    let flagged = |s: Signal| app.risk_signals & s.bit() != 0;
    let row = |signal: Signal, ids: Vec<i64>| SignalRow {
        signal,
        more: ids.len() > 50,
        ids: ids.into_iter().take(50).collect(),
    };
    let mut signals = Vec::new();
    for (signal, column, value) in [
        (Signal::SameIin, "iin", &app.iin),
        (Signal::SamePhone, "phone", &app.phone),
        (Signal::SameDevice, "device_id", &app.device_id),
        (Signal::SameIp, "ip", &app.ip),
        (Signal::SameCard, "card_token", &app.card_token),
    ] {
        let ids = if flagged(signal) { store::same_value(db, id, column, value).await? } else { Vec::new() };
        signals.push(row(signal, ids));
    }
    let ids = if flagged(Signal::SameContactPhone) {
        store::same_contact_phone(db, id, &contact_phones, &app.phone).await?
    } else {
        Vec::new()
    };
    signals.push(row(Signal::SameContactPhone, ids));
    let matches = if flagged(Signal::SimilarSelfie) || flagged(Signal::SimilarIdPhoto) {
        store::photo_matches(db, id).await?
    } else {
        Vec::new()
    };
    for (kind, signal) in [("selfie", Signal::SimilarSelfie), ("id_front", Signal::SimilarIdPhoto)] {
        let ids: Vec<i64> = matches.iter().filter(|m| m.kind == kind).map(|m| m.application_id).collect();
        signals.push(row(signal, ids));
    }
    let hits = crate::screening::compliance::hits(db, id).await?;
    let declaration_checks = if app.pep_declared || app.bo_declared {
        crate::screening::compliance::checks(db, id).await?
    } else {
        Vec::new()
    };
    let compliance_waiting =
        crate::screening::compliance::Waiting::parse(app.compliance_state.as_deref()).map(|w| w.message_id());
    let history = store::history(db, id).await?;
    let decisions = store::decisions(db, id).await?;
    let notes = store::notes(db, id).await?;
    let reasons = reasons::list(db, true).await?;
    let customer_lang = Lang::parse(&app.language).unwrap_or(Lang::Ru);
    let message = form.message.clone().unwrap_or_else(|| i18n::t(customer_lang, "review-resubmit-default"));
    let held_by_me = app.held_by(user.id, now);
    let held_by_other = app.held(now) && !held_by_me;
    let page = ShowPage {
        page: ctx.page("review-title"),
        iin,
        phone,
        full_data,
        contacts,
        current,
        older,
        checks,
        blocked,
        signals,
        hits,
        declaration_checks,
        compliance_waiting,
        can_compliance: user.has_any(access::COMPLIANCE),
        history,
        decisions,
        notes,
        reasons,
        documents: DOCUMENTS,
        customer_lang,
        message,
        held_by_me,
        held_by_other,
        can_decide: user.has_any(access::DECIDE),
        can_note: user.has_any(access::NOTES),
        can_original: user.has_any(access::ORIGINALS),
        form,
        errors,
        app,
    };
    Ok((status, page).into_response())
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let errors = FieldErrors::new(ctx.lang);
    render(&state, &ctx, id, FormState::default(), errors, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecideForm {
    version: String,
    action: String,
    reason: Vec<String>,
    document: Vec<String>,
    message: String,
}

async fn decide(
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
struct NoteForm {
    body: String,
}

async fn note(
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

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccessQuery {
    application: String,
    before: String,
}

#[derive(FromRow)]
struct AccessRow {
    id: i64,
    at: OffsetDateTime,
    staff_login: String,
    staff_name: String,
    application_id: i64,
    access: String,
    ip: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/access_log.html")]
struct AccessLogPage {
    page: Page,
    application: String,
    rows: Vec<AccessRow>,
    older: Option<String>,
    errors: FieldErrors,
}

async fn access_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccessQuery>,
) -> AppResult<Response> {
    ctx.require(access::ACCESS_LOG)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let application = match q.application.trim() {
        "" => None,
        s => match s.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.add("application", "review-search-bad-number");
                None
            }
        },
    };
    let before = match q.before.as_str() {
        "" => i64::MAX,
        s => s.parse::<i64>().map_err(|_| AppError::BadRequest)?,
    };
    let rows: Vec<AccessRow> = with_db!(&state.db, |c| {
        sqlx::query_as(
        "SELECT l.id, l.at, s.login AS staff_login, s.full_name AS staff_name, l.application_id, l.access, l.ip
         FROM pd_access_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.id < $1 AND ($2 = 0 OR l.application_id = $2)
         ORDER BY l.id DESC LIMIT 101"
    )
    .bind(before)
    .bind(application.unwrap_or(0))
    .fetch_all(c)
    .await
    })?;
    let mut rows = rows;
    let older = if rows.len() > 100 {
        rows.truncate(100);
        rows.last().map(|r| {
            let app = application.map(|a| format!("application={a}&")).unwrap_or_default();
            format!("/admin/access-log?{app}before={}", r.id)
        })
    } else {
        None
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page =
        AccessLogPage { page: ctx.page("access-log-title"), application: q.application, rows, older, errors };
    Ok((status, page).into_response())
}
