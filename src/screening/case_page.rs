//! The compliance page of one application: its hits with the explanation and the strength of
//! the evidence, the declarations and their checks, the four-eyes approval, who holds the case.
//! Verifiers and security officers read it; compliance officers act on it.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::OffsetDateTime;

use super::{
    case_actions::CheckForm,
    compliance::{self, Approval, Check, Hit},
    score::{CountryNote, DateNote, Explanation, How, Role},
};
use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer},
    },
    db,
    error::{AppError, AppResult},
    i18n::{self, Lang},
    review::store,
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// A hit ready for the page: every text in the reader's language.
pub(super) struct HitView {
    hit: Hit,
    source: String,
    parts: Vec<String>,
    notes: Vec<String>,
    decided: Option<String>,
    /// How alike the names are, in percent (the score without the birth date and country).
    name_percent: i64,
    /// `strong`, `medium`, `weak` or `against`: what besides the name confirms the match.
    evidence: &'static str,
    /// What the evidence rests on, in words.
    evidence_detail: String,
}

/// What besides the name says the applicant is the person on the list: the birth date (the
/// strongest), the patronymic, the citizenship; a different birth date speaks against.
fn evidence(e: &Explanation) -> (&'static str, &'static str) {
    let patronymic = e.parts.iter().any(|p| p.role == Role::Patronymic && p.how != How::Missing);
    let country = e.country == CountryNote::Same;
    // Citizenship alone confirms nothing: most applicants and most entries are Kazakh.
    let level = match e.date {
        DateNote::Differs => "against",
        // A one-word entry rests on the birth date alone: never more than medium.
        DateNote::Same if e.mononym => "medium",
        DateNote::Same if patronymic || country => "strong",
        DateNote::Same => "medium",
        DateNote::SameYear if patronymic => "medium",
        DateNote::Unknown if patronymic && country => "medium",
        _ => "weak",
    };
    let detail = match (e.date, patronymic) {
        (DateNote::Unknown, false) => "compliance-evidence-name-only",
        (DateNote::Unknown, true) => "compliance-evidence-patronymic-only",
        (DateNote::Same, _) => "compliance-evidence-date",
        (DateNote::SameYear, _) => "compliance-evidence-year",
        (DateNote::Placeholder | DateNote::Swapped, _) => "compliance-evidence-date-weak",
        (DateNote::Differs, _) => "compliance-evidence-date-differs",
    };
    (level, detail)
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
                How::Family => "compliance-part-family",
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
        if e.mononym {
            notes.push(i18n::t(lang, "compliance-mononym"));
        }
        if e.capped {
            notes.push(i18n::t(lang, "compliance-capped"));
        }
        if !e.unmatched.is_empty() {
            notes.push(t("compliance-unmatched", &[("words", e.unmatched.join(", "))]));
        }
        notes.push(i18n::t(
            lang,
            match e.date {
                DateNote::Same => "compliance-date-same",
                DateNote::SameYear => "compliance-date-same-year",
                DateNote::Placeholder => "compliance-date-placeholder",
                DateNote::Swapped => "compliance-date-swapped",
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
    let (name_percent, evidence, evidence_detail) = match hit.explained() {
        Some(e) => {
            let matched: Vec<u8> =
                e.parts.iter().filter(|p| p.how != How::Missing).map(|p| p.similarity).collect();
            let name = if matched.is_empty() {
                hit.percent()
            } else {
                (matched.iter().map(|s| i64::from(*s)).sum::<i64>() as f64 / matched.len() as f64).round()
                    as i64
            };
            let (level, detail) = evidence(&e);
            (name, level, i18n::t(lang, detail))
        }
        None => (hit.percent(), "weak", String::new()),
    };
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
    HitView { hit, source, parts, notes, decided, name_percent, evidence, evidence_detail }
}

/// The forms of the compliance page as typed, with their errors.
#[derive(Default)]
pub(super) struct Typed {
    /// The hit whose comment (or reopening reason) is typed back.
    pub hit: Option<i64>,
    pub comment: String,
    pub check: CheckForm,
    pub senior_comment: String,
    /// The return reason or the answer to a return.
    pub reason: String,
    /// A decision waiting for its confirmation: `confirm` or `dismiss` (with `hit`), `senior`.
    pub confirming: Option<&'static str>,
    /// A message about the whole page (refused, held by another officer).
    pub problem: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "compliance/show.html")]
pub(super) struct ShowPage {
    page: Page,
    app: store::Application,
    name: String,
    /// The IIN and date of birth as the viewer's roles allow.
    iin: String,
    birth_date: String,
    hits: Vec<HitView>,
    checks: Vec<Check>,
    approval: Option<Approval>,
    waiting: Option<String>,
    /// Compliance officers act; verifiers and security officers read.
    can_act: bool,
    can_senior: bool,
    is_first: bool,
    /// Who holds the case now, and until when.
    holder: Option<(String, OffsetDateTime)>,
    held_by_me: bool,
    open: bool,
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

    fn confirming_hit(&self, id: &i64) -> bool {
        self.typed.hit == Some(*id) && matches!(self.typed.confirming, Some("confirm" | "dismiss"))
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

pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    typed: Typed,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::COMPLIANCE_READ)?;
    let db = &state.db;
    let app = store::find(db, id).await?.ok_or(AppError::NotFound)?;
    state.views.record(user.id, id, "compliance-page", &ctx.ip).await?;
    let viewer = Viewer::new(&user.roles);
    let hidden = || ctx.t("pd-hidden");
    let iin = viewer.show(Field::Iin, &app.iin).unwrap_or_else(hidden);
    let birth_date = if viewer.full(Field::BirthDate) {
        crate::i18n::format_date(ctx.lang, app.birth_date.midnight().assume_offset(crate::i18n::ALMATY))
    } else {
        viewer.show(Field::BirthDate, &app.birth_date.to_string()).unwrap_or_else(hidden)
    };
    let hits = compliance::hits(db, id).await?.into_iter().map(|h| hit_view(ctx.lang, h)).collect();
    let checks = compliance::checks(db, id).await?;
    let approval = compliance::approval(db, id).await?;
    let waiting = compliance::Waiting::parse(app.compliance_state.as_deref()).map(|w| ctx.t(w.message_id()));
    let is_first = approval.as_ref().is_some_and(|a| a.first_by_id == user.id);
    let now = db::now();
    let claim: Option<(Option<i64>, Option<OffsetDateTime>, Option<String>)> =
        with_db!(db, |c| sqlx::query_as(
            "SELECT a.compliance_claimed_by, a.compliance_claimed_until, s.full_name
         FROM applications a LEFT JOIN staff s ON s.id = a.compliance_claimed_by WHERE a.id = $1"
        )
        .bind(id)
        .fetch_optional(c)
        .await)?;
    let (holder_id, holder) = match claim {
        Some((Some(h), Some(until), Some(name))) if until > now => (Some(h), Some((name, until))),
        _ => (None, None),
    };
    let open = matches!(app.status.as_str(), "pending" | "resubmission_requested");
    let page = ShowPage {
        page: ctx.page("compliance-title"),
        name: app.full_name(),
        iin,
        birth_date,
        hits,
        checks,
        approval,
        waiting,
        can_act: user.has_any(access::COMPLIANCE),
        can_senior: user.has_any(access::SENIOR_APPROVAL),
        is_first,
        held_by_me: holder_id == Some(user.id),
        holder,
        open,
        typed,
        errors,
        app,
    };
    Ok((status, page).into_response())
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    render(&state, &ctx, id, Typed::default(), FieldErrors::new(ctx.lang), StatusCode::OK).await
}
