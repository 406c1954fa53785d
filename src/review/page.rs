//! The review page: every field, the photos, the checks of the IIN, age and document, the
//! fraud signals, compliance status, decisions, notes and history.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::Date;

use super::{
    personal::Personal,
    reasons::Reason,
    store::{self, Application, Photo},
};
use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer, mask},
    },
    db,
    error::AppResult,
    i18n::{self, ALMATY, Lang},
    intake::iin::{EncodedSex, Iin},
    signals::{Signal, underage},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
};

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

/// The checks of the applicant's IIN, age and document, as of `today`; dates of birth as
/// `viewer` may see them.
pub fn checks(app: &Application, today: Date, lang: Lang, viewer: &Viewer) -> Vec<Check> {
    let date = |d: Date| i18n::format_date(lang, d.midnight().assume_offset(ALMATY));
    let birth = |d: Date| {
        if viewer.full(Field::BirthDate) { date(d) } else { mask(Field::BirthDate, &d.to_string()) }
    };
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
                        &[("encoded", birth(d)), ("stated", birth(app.birth_date))],
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

/// Photos on other applications that are the same file or look alike, shown as thumbnails.
pub struct PhotoSignal {
    pub signal: Signal,
    pub matches: Vec<crate::signals::reads::PhotoMatch>,
    /// More than the ones shown.
    pub more: bool,
}

/// The decision and note forms as typed, with their errors.
#[derive(Default)]
pub struct FormState {
    pub reasons: Vec<String>,
    pub documents: Vec<String>,
    pub message: Option<String>,
    pub note: String,
    /// A message about the whole decision (stale version, not held, blocked), in the reader's
    /// language.
    pub problem: Option<String>,
    /// The second step of a decision: what will be recorded, waiting for a confirmation.
    pub confirming: Option<Confirming>,
}

/// The confirmation step of a decision.
pub struct Confirming {
    /// `approve`, `reject` or `resubmit`.
    pub action: &'static str,
    /// What will be recorded, in words.
    pub summary: String,
    /// Warnings on the page the verifier must acknowledge before an approval.
    pub warnings: Vec<String>,
    /// The language of the customer's message.
    pub customer_lang: Lang,
}

/// The warnings on the review page that an approval must acknowledge: the checks that warn
/// (an IIN that encodes another birth date or sex) and every signal shared with other
/// applications (same IIN, phone, device, IP, card, contact's phone, similar photos).
pub fn warnings(app: &Application, checks: &[Check], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> =
        checks.iter().filter(|c| c.level == "warning").map(|c| c.text.clone()).collect();
    for s in Signal::in_set(app.risk_signals) {
        if !matches!(s, Signal::Underage | Signal::DocumentExpired | Signal::IinMismatch) {
            out.push(i18n::t(lang, s.message_id()));
        }
    }
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "review/show.html")]
pub(super) struct ShowPage {
    page: Page,
    app: Application,
    /// The applicant's personal data, as this viewer's roles allow.
    pd: Personal,
    current: Vec<Photo>,
    older: Vec<Photo>,
    checks: Vec<Check>,
    blocked: bool,
    /// What an approval must acknowledge.
    warnings: Vec<String>,
    /// Open hits that hold the approval back.
    blocking_hits: Vec<crate::screening::compliance::Hit>,
    signals: Vec<SignalRow>,
    photo_signals: Vec<PhotoSignal>,
    can_photos: bool,
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
        self.signals.iter().all(|s| s.ids.is_empty()) && self.photo_signals.is_empty()
    }

    fn split(&self, list: &str) -> Vec<String> {
        list.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
}

pub const DOCUMENTS: [&str; 3] = ["selfie", "id_front", "id_back"];

pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: FormState,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::REVIEW)?;
    // A verifier holding this application's blind second review does not see its decision: not
    // here, nor on the page a refused decision or note shows again.
    if let Some(sample) = crate::quality::store::held_on(&state.db, id, user.id).await? {
        return Ok(axum::response::Redirect::to(&format!("/quality/{sample}")).into_response());
    }
    let view = super::view::load(state, ctx, user, id, "review-page").await?;
    let super::view::AppView {
        app,
        pd,
        current,
        older,
        checks,
        signals,
        photo_signals,
        hits,
        declaration_checks,
        can_photos,
        can_compliance,
        customer_lang,
        lists,
    } = view;
    let store::PageLists { history, decisions, notes, reasons, .. } = lists;
    let now = db::now();
    let blocked = checks.iter().any(|c| c.level == "error");
    let blocking_hits: Vec<_> = hits.iter().filter(|h| h.status == "open").cloned().collect();
    let warnings = warnings(&app, &checks, ctx.lang);
    let compliance_waiting =
        crate::screening::compliance::Waiting::parse(app.compliance_state.as_deref()).map(|w| w.message_id());
    let message = form.message.clone().unwrap_or_else(|| i18n::t(customer_lang, "review-resubmit-default"));
    let held_by_me = app.held_by(user.id, now);
    let held_by_other = app.held(now) && !held_by_me;
    let page = ShowPage {
        page: ctx.page("review-title"),
        pd,
        current,
        older,
        checks,
        blocked,
        warnings,
        blocking_hits,
        signals,
        photo_signals,
        can_photos,
        hits,
        declaration_checks,
        compliance_waiting,
        can_compliance,
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

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let errors = FieldErrors::new(ctx.lang);
    render(&state, &ctx, id, FormState::default(), errors, StatusCode::OK).await
}

/// The other applications behind the application's signals. The bit set says which signals
/// have any (intake marks both sides), so only those are looked up.
pub(super) async fn signals(
    db: &crate::db::Db,
    app: &Application,
    contact_phones: &[String],
) -> Result<(Vec<SignalRow>, Vec<PhotoSignal>), sqlx::Error> {
    use crate::signals::reads::{self, Subject};
    let subject = Subject {
        id: app.id,
        risk_signals: app.risk_signals,
        iin: &app.iin,
        phone: &app.phone,
        device_id: &app.device_id,
        ip: &app.ip,
        card_token: &app.card_token,
        contact_phones,
    };
    let behind = reads::behind(db, &subject).await?;
    let ids_of = |signal: Signal| {
        behind.ids.iter().find(|(s, _)| *s == signal).map(|(_, ids)| ids.clone()).unwrap_or_default()
    };
    let row = |signal: Signal| {
        let ids = ids_of(signal);
        SignalRow {
            signal,
            more: ids.len() > reads::IDS_SHOWN,
            ids: ids.into_iter().take(reads::IDS_SHOWN).collect(),
        }
    };
    let rows = vec![
        row(Signal::SameIin),
        row(Signal::SamePhone),
        row(Signal::SameDevice),
        row(Signal::SameIp),
        row(Signal::SameCard),
        row(Signal::SameContactPhone),
    ];
    let shown = reads::MATCHES_SHOWN as usize;
    let mut photos = Vec::new();
    for (signal, mut matches) in behind.photos {
        let more = matches.len() > shown;
        matches.truncate(shown);
        if !matches.is_empty() {
            photos.push(PhotoSignal { signal, matches, more });
        }
    }
    Ok((rows, photos))
}
