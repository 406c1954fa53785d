//! `/security/cases/{id}`: one restoration case for security officers: its state and age
//! against the working-day target, the customer and their account, every report as it came, the
//! documents sent beside the onboarding ones (with hash distances and quality), what the new ID
//! says against the record, the device and phone applied from seen on other customers, the
//! takeover timeline, and the decision forms. A view of personal data, written to the access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::OffsetDateTime;

use super::{
    compare::{self, Checked, Pair, Record, Shown},
    decisions::DecisionForm,
    queue::number,
    timeline::{self, Timeline},
};
use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer},
    },
    db,
    error::{AppError, AppResult},
    intake::phone::Phone,
    review::reasons::{self, Reason},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// The case as the page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Case {
    pub id: i64,
    pub customer_id: i64,
    pub ticket_id: Option<i64>,
    pub state: String,
    pub version: i64,
    pub created_at: OffsetDateTime,
    pub iin: String,
    pub account_status: String,
    pub newest_application_id: Option<i64>,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<String>,
    /// The account before the report, and its reason's name in Russian and Kazakh.
    pub prior_status: Option<String>,
    pub prior_reason_ru: Option<String>,
    pub prior_reason_kk: Option<String>,
    pub new_device: Option<String>,
    pub new_phone: Option<String>,
    pub id_iin: Option<String>,
    pub id_last_name: Option<String>,
    pub id_first_name: Option<String>,
    pub id_doc_number: Option<String>,
    pub proposed_by: Option<i64>,
    pub proposed_by_name: Option<String>,
    pub approved_by_name: Option<String>,
    pub proposed_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    pub requirements: Option<String>,
    pub reasons: Option<String>,
    pub note: Option<String>,
}

/// One report, as it came.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub source: String,
    pub happened_at: OffsetDateTime,
    pub description: String,
    pub device: String,
    pub police_report: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(Template, WebTemplate)]
#[template(path = "restoration/case.html")]
pub(super) struct CasePage {
    page: Page,
    c: Case,
    number: String,
    name: String,
    iin: String,
    days: i64,
    /// The end of the working-day target, and whether the open case is past it.
    due: OffsetDateTime,
    overdue: bool,
    reports: Vec<ReportRow>,
    documents: Vec<Shown>,
    pairs: Vec<Pair>,
    checked: Vec<Checked>,
    new_phone: Option<String>,
    device_others: Vec<i64>,
    phone_others: Vec<i64>,
    timeline: Timeline,
    refusals: Vec<Reason>,
    /// Image files on the case's ticket, to take as documents.
    ticket_files: Vec<super::attachments::Attachment>,
    /// The onboarding documents come from an approved application (else from the newest).
    onboarding_approved: bool,
    me: i64,
    form: DecisionForm,
    errors: FieldErrors,
}

impl CasePage {
    /// The account before the report: its status, and the reason it had, in the reader's language.
    fn prior(&self) -> Option<String> {
        let status = self.c.prior_status.as_deref()?;
        let mut shown = self.page.t(&format!("customers-status-{status}"));
        let reason = if self.page.lang == crate::i18n::Lang::Kk {
            &self.c.prior_reason_kk
        } else {
            &self.c.prior_reason_ru
        };
        if let Some(r) = reason {
            shown = format!(
                "{shown}, {}",
                crate::i18n::t_with(self.page.lang, "restoration-prior-reason", &[("reason", r.clone())])
            );
        }
        Some(shown)
    }

    fn ticket_number(&self, id: &i64) -> String {
        crate::support::model::number(*id)
    }

    /// Where the onboarding photos come from.
    fn onboarding_label(&self) -> String {
        self.page.t(if self.onboarding_approved {
            "restoration-onboarding"
        } else {
            "restoration-onboarding-newest"
        })
    }

    /// The last day of the target (the target ends at its midnight, Almaty time).
    fn due_day(&self) -> time::Date {
        (self.due - time::Duration::seconds(1)).to_offset(crate::i18n::ALMATY).date()
    }

    /// The case takes decisions (it is not decided).
    fn open(&self) -> bool {
        ["waiting_documents", "ready", "waiting_second"].contains(&self.c.state.as_str())
    }

    /// The signed-in officer proposed the restoration waiting for approval.
    fn mine(&self) -> bool {
        self.c.proposed_by == Some(self.me)
    }

    fn requirements(&self) -> Vec<String> {
        let stored = self.c.requirements.as_deref().unwrap_or("");
        stored
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| self.page.t(&format!("restoration-require-{r}")))
            .collect()
    }

    /// The refusal's reasons by name.
    fn reason_names(&self) -> Vec<String> {
        let stored = self.c.reasons.as_deref().unwrap_or("");
        stored
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|code| {
                self.refusals
                    .iter()
                    .find(|r| r.code == code)
                    .map_or_else(|| code.to_string(), |r| r.label(&self.page.lang).to_string())
            })
            .collect()
    }

    /// The note typed into form `step`, if that form was sent.
    fn note_of(&self, step: &str) -> &str {
        if self.form.step == step { &self.form.note } else { "" }
    }

    /// The note's error, beside the note of form `step`.
    fn note_error(&self, step: &str) -> Option<&String> {
        if self.form.step == step { self.errors.get("note") } else { None }
    }

    fn reason_checked(&self, code: &str) -> bool {
        self.form.reasons.iter().any(|r| r == code)
    }

    fn requirement_checked(&self, code: &str) -> bool {
        self.form.requirements.iter().any(|r| r == code)
    }

    /// A point's device or address, shortened for the table (the whole in its title).
    fn short(&self, v: &Option<String>) -> String {
        match v {
            Some(s) if s.chars().count() > 18 => format!("{}…", s.chars().take(17).collect::<String>()),
            Some(s) => s.clone(),
            None => "—".into(),
        }
    }
}

const CASE_SQL: &str = "SELECT r.id, r.customer_id, r.ticket_id, r.state, r.version, r.created_at, c.iin,
        c.status AS account_status, c.newest_application_id, a.last_name, a.first_name, a.patronymic,
        r.prior_status, rc.label_ru AS prior_reason_ru, rc.label_kk AS prior_reason_kk, r.new_device,
        r.new_phone, r.id_iin, r.id_last_name, r.id_first_name, r.id_doc_number, r.proposed_by,
        sp.full_name AS proposed_by_name, sa.full_name AS approved_by_name, r.proposed_at, r.decided_at,
        r.requirements, r.reasons, r.note
     FROM restoration_cases r JOIN customers c ON c.id = r.customer_id
     LEFT JOIN applications a ON a.id = c.newest_application_id
     LEFT JOIN reason_codes rc ON rc.code = r.prior_reason
     LEFT JOIN staff sp ON sp.id = r.proposed_by
     LEFT JOIN staff sa ON sa.id = r.approved_by
     WHERE r.id = $1";

/// `GET /security/cases/{id}`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let errors = FieldErrors::new(ctx.lang);
    render(&state, &ctx, id, DecisionForm::default(), errors, StatusCode::OK).await
}

/// The page, with the decision form as typed and its errors.
pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: DecisionForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let db = &state.db;
    let found: Option<Case> = with_db!(db, |c| sqlx::query_as(CASE_SQL).bind(id).fetch_optional(c).await)?;
    let c = found.ok_or(AppError::NotFound)?;
    let reports: Vec<ReportRow> = with_db!(db, |conn| {
        sqlx::query_as(
            "SELECT p.source, p.happened_at, p.description, p.device, p.police_report,
                    s.full_name AS recorded_by, p.created_at
             FROM restoration_reports p LEFT JOIN staff s ON s.id = p.recorded_by
             WHERE p.case_id = $1 ORDER BY p.id",
        )
        .bind(id)
        .fetch_all(conn)
        .await
    })?;
    // The onboarding documents and the record: the customer's newest approved application (or,
    // when none was approved, their newest, and the page says so).
    type Row = (i64, bool, String, Option<String>, Option<String>, Option<String>);
    let record: Option<(i64, bool, Record)> = with_db!(db, |conn| {
        sqlx::query_as::<_, Row>(
            "SELECT a.id, a.status = 'approved', c.iin, a.last_name, a.first_name, a.doc_number
             FROM applications a JOIN customers c ON c.id = a.customer_id
             WHERE a.customer_id = $1
             ORDER BY CASE WHEN a.status = 'approved' THEN 0 ELSE 1 END, a.received_at DESC, a.id DESC LIMIT 1",
        )
        .bind(c.customer_id)
        .fetch_optional(conn)
        .await
    })?
    .map(|(app, approved, iin, last_name, first_name, doc_number)| {
        (app, approved, Record { iin, last_name, first_name, doc_number })
    });
    let onboarding_approved = record.as_ref().is_none_or(|(_, approved, _)| *approved);
    let (documents, pairs) = compare::photos(db, id, record.as_ref().map(|(app, _, _)| *app)).await?;
    let read = [c.id_iin.clone(), c.id_last_name.clone(), c.id_first_name.clone(), c.id_doc_number.clone()];
    let record =
        record.map(|(_, _, r)| r).unwrap_or_else(|| Record { iin: c.iin.clone(), ..Record::default() });
    let checked = compare::id_fields(&record, read);
    let device_others = match &c.new_device {
        Some(d) => crate::signals::others::with_device(db, d, c.customer_id).await?,
        None => Vec::new(),
    };
    let phone_others = match &c.new_phone {
        Some(p) => crate::signals::others::with_phone(db, p, c.customer_id).await?,
        None => Vec::new(),
    };
    let now = db::now();
    let first = reports.iter().map(|r| r.happened_at).min().unwrap_or(c.created_at);
    let happened: Vec<OffsetDateTime> = reports.iter().map(|r| r.happened_at).collect();
    let days_before = state.config.restoration_timeline_days;
    let timeline = timeline::build(db, c.customer_id, first, &happened, days_before, now).await?;
    let refusals = reasons::list(db, Some(reasons::RESTORATION), true).await?;
    let ticket_files = match c.ticket_id {
        Some(t) => super::attachments::on_ticket(db, id, t).await?,
        None => Vec::new(),
    };
    let mut calendar = crate::support::clocks::calendar(db).await?;
    let target = u32::try_from(state.config.restoration_target_days).unwrap_or(5);
    let due = calendar.add_working_days(c.created_at, target);
    if let Some(app) = c.newest_application_id {
        state.views.record(user.id, app, "restoration-case", &ctx.ip).await?;
    }
    let viewer = Viewer::new(&user.roles);
    let iin = viewer.show(Field::Iin, &c.iin).unwrap_or_else(|| ctx.t("pd-hidden"));
    let name = crate::review::store::full_name(
        c.last_name.as_deref().unwrap_or(""),
        c.first_name.as_deref().unwrap_or(""),
        c.patronymic.as_deref(),
    );
    let new_phone = c.new_phone.as_deref().map(|p| Phone::parse(p).map(|p| p.masked()).unwrap_or_default());
    let open = ["waiting_documents", "ready", "waiting_second"].contains(&c.state.as_str());
    let form = if form.version == 0 { DecisionForm { version: c.version, ..form } } else { form };
    let page = CasePage {
        page: {
            let mut p = ctx.page("restoration-case-title");
            p.title = format!("{} {}", number(c.id), p.title);
            p
        },
        number: number(c.id),
        name,
        iin,
        days: (now - c.created_at).whole_days(),
        due,
        overdue: open && now > due,
        reports,
        documents,
        pairs,
        checked,
        new_phone,
        device_others,
        phone_others,
        timeline,
        refusals,
        ticket_files,
        onboarding_approved,
        me: user.id,
        form,
        errors,
        c,
    };
    Ok((status, page).into_response())
}

/// `GET /security/cases/{id}/documents/{doc}/{size}`: a display copy of a document the
/// customer sent (`thumb`, `review`, `portrait`).
pub(super) async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, doc, size)): Path<(i64, i64, String)>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    ctx.require(access::RESTORATION)?;
    if !["thumb", "review", "portrait"].contains(&size.as_str()) {
        return Err(AppError::NotFound);
    }
    let sha: Option<String> = with_db!(&state.db, |c| sqlx::query_scalar(
        "SELECT sha256 FROM restoration_documents WHERE id = $1 AND case_id = $2"
    )
    .bind(doc)
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let sha = sha.ok_or(AppError::NotFound)?;
    crate::photos::display_copy(&state, &sha, &size, &headers).await
}
