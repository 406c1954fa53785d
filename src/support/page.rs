//! The ticket page, `/support/{id}`: the conversation in order (the customer's messages, staff
//! replies and internal notes told apart), who the customer is (masked, linking the customer
//! page), the clocks, and the forms: reply (in the ticket's language, whatever the agent's),
//! note, the ticket's fields, merge. A view of it is written to the personal-data access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::OffsetDateTime;

use super::{
    attachments::Attachment,
    canned::{self, Canned},
    clocks::Standing,
    model, page_read, requests,
    store::{Message, Ticket},
};
use crate::{
    auth::{
        access,
        personal_data::{Field, Shown, Viewer, mask},
    },
    db,
    error::{AppError, AppResult},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
};

/// Entries of the ticket's history shown, newest first.
const HISTORY: i64 = 50;

/// Who the customer is, as the ticket page shows them.
pub struct Person {
    pub id: i64,
    pub name: String,
    pub iin: String,
    pub phone: String,
    pub status: String,
    pub obligation_open: Option<bool>,
}

/// The forms as typed (kept when a form comes back with an error).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Typed {
    pub body: String,
    pub then: String,
    pub note: String,
    pub state: String,
    pub priority: String,
    pub category: String,
    pub assignee: String,
    pub tags: String,
    pub into: String,
    pub version: String,
    /// Data changes to apply (ids).
    pub apply: Vec<String>,
    /// A consent withdrawal: `record` or `refuse`.
    pub decision: String,
}

/// What came back with a form: its errors, and a problem shown above the forms.
#[derive(Default)]
pub struct Back {
    pub form: &'static str,
    pub typed: Typed,
    pub errors: Option<FieldErrors>,
    pub problem: Option<String>,
    /// A canned reply to put in the reply form.
    pub canned: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ticket.html")]
struct TicketPage {
    page: Page,
    t: Ticket,
    person: Option<Person>,
    messages: Vec<Message>,
    /// What the reply form says, in the ticket's language.
    reply_lang: &'static str,
    /// The address (masked) a reply is also mailed to.
    mail_to: Option<String>,
    /// For a report of unauthorised access of a known customer: the case it became, if any.
    restoration: Option<Option<i64>>,
    can_see_cases: bool,
    canned: Vec<Canned>,
    agents: Vec<(i64, String)>,
    clocks: [(&'static str, Option<OffsetDateTime>, Standing); 3],
    typed: Typed,
    errors: FieldErrors,
    form: &'static str,
    problem: Option<String>,
    can_work: bool,
    /// A data change's fields.
    changes: Vec<requests::Change>,
    /// The files on the ticket's messages.
    files: Vec<Attachment>,
    /// The number of the policy version an objection names.
    policy_version: Option<String>,
    /// What was done to the ticket, newest first (its audit entries).
    history: Vec<crate::audit::page::Shown>,
}

impl TicketPage {
    fn field_error(&self, form: &str, field: &str) -> Option<&String> {
        if self.form == form { self.errors.get(field) } else { None }
    }

    fn canned_text(&self, c: &Canned) -> String {
        let name = self.person.as_ref().map_or_else(String::new, |p| p.name.clone());
        let deadline = self
            .t
            .legal_due_at
            .map(|d| crate::i18n::format_datetime(self.reply_lang_code(), d))
            .unwrap_or_default();
        canned::fill(c.body(self.reply_lang), &name, &self.t.number(), &deadline)
    }

    /// An event line as words: its Fluent id and values (JSON), or the text as stored.
    fn event_text(&self, m: &Message) -> String {
        let Ok(serde_json::Value::Object(v)) = serde_json::from_str::<serde_json::Value>(&m.body) else {
            return m.body.clone();
        };
        let Some(id) = v.get("id").and_then(|i| i.as_str()).filter(|i| i.starts_with("support-event-"))
        else {
            return m.body.clone();
        };
        let fields = |key: &str| {
            v.get(key)
                .and_then(|x| x.as_str())
                .filter(|x| !x.is_empty())
                .map(|x| {
                    x.split(", ")
                        .map(|f| self.page.t(&format!("support-field-{f}")))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "—".into())
        };
        let value = v.get("value").and_then(|x| x.as_str()).unwrap_or("").to_string();
        // A time (`at`, RFC 3339) in the reader's language and Almaty time.
        let at = v
            .get("at")
            .and_then(|x| x.as_str())
            .and_then(|x| OffsetDateTime::parse(x, &time::format_description::well_known::Rfc3339).ok())
            .map(|at| self.page.datetime(&at))
            .unwrap_or_default();
        crate::i18n::t_with(
            self.page.lang,
            id,
            &[("applied", fields("applied")), ("refused", fields("refused")), ("value", value), ("at", at)],
        )
    }

    /// A field's value as the change table shows it (marital status by name).
    fn field_value(&self, field: &str, value: &Option<String>) -> String {
        match (field, value) {
            (_, None) => "—".into(),
            ("marital_status", Some(v)) => self.page.t(&format!("review-marital-{v}")),
            (_, Some(v)) => v.clone(),
        }
    }

    /// What became of a reply sent by mail, in words.
    fn mail_status(&self, m: &Message) -> String {
        let lang = self.page.lang;
        let error = m.mail_error.clone().unwrap_or_default();
        let attempts = m.mail_attempts.unwrap_or(0);
        match m.mail_state.as_deref() {
            Some("sent") => crate::i18n::t(lang, "support-mail-sent"),
            Some("retrying") => crate::i18n::t_with(
                lang,
                "support-mail-retrying",
                &[("count", attempts.to_string()), ("error", error)],
            ),
            Some("failed") => crate::i18n::t_with(lang, "support-mail-failed", &[("error", error)]),
            Some("kept") => crate::i18n::t(lang, "support-mail-kept"),
            _ => crate::i18n::t(lang, "support-mail-queued"),
        }
    }

    fn case_number(&self, id: &i64) -> String {
        crate::restoration::queue::number(*id)
    }

    fn files_of(&self, message: &i64) -> Vec<&Attachment> {
        self.files.iter().filter(|a| a.message_id == *message).collect()
    }

    fn size_of(&self, a: &Attachment) -> String {
        format!("{} {}", crate::i18n::format_int(a.kilobytes()), self.page.t("review-kb"))
    }

    /// Whether fields only documents change were asked for (the agent may ask for the
    /// documents again).
    fn documents_needed(&self) -> bool {
        self.changes.iter().any(requests::Change::locked)
            && !self.messages.iter().any(|m| m.kind == "event" && m.body.contains(super::documents::EVENT))
    }

    fn changes_pending(&self) -> bool {
        self.changes.iter().any(|c| c.decision.is_none())
    }

    fn is_assignee(&self, id: impl std::fmt::Display) -> bool {
        self.t.assignee_id.is_some_and(|a| a.to_string() == id.to_string())
    }

    fn states(&self) -> Vec<&'static str> {
        states_from(&self.t.state)
    }

    fn number_of(&self, id: &i64) -> String {
        model::number(*id)
    }

    fn reply_lang_code(&self) -> crate::i18n::Lang {
        if self.reply_lang == "kk" { crate::i18n::Lang::Kk } else { crate::i18n::Lang::Ru }
    }
}

/// `GET /support/{id}`.
/// `?canned=ID`: a canned reply put in the reply form (the page's link works without a script).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ShowQuery {
    canned: Option<i64>,
}

/// `GET /support/{id}`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let form = if q.canned.is_some() { "canned" } else { "" };
    render(&state, &ctx, id, Back { form, canned: q.canned, ..Back::default() }, StatusCode::OK).await
}

/// The page, with what came back from a form.
pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    back: Back,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT)?;
    let (t, lists) = page_read::ticket(&state.db, id, HISTORY).await?.ok_or(AppError::NotFound)?;
    let viewer = Viewer::new(&user.roles);
    let person = match lists.person {
        Some(p) => {
            state.views.record(user.id, p.application_id, "support-ticket", &ctx.ip).await?;
            // Masked for every role: the ticket needs the person recognised, not their numbers.
            let shown = |f: Field, v: &str| {
                if viewer.shown(f) == Shown::Hidden { ctx.t("pd-hidden") } else { mask(f, v) }
            };
            Some(Person {
                id: p.id,
                name: p.full_name(),
                iin: shown(Field::Iin, &p.iin),
                phone: shown(Field::Phone, &p.phone),
                status: p.status.clone(),
                obligation_open: p.obligation_open(),
            })
        }
        None => None,
    };
    let changes =
        if t.category == "data_change" { requests::changes(&state.db, id).await? } else { Vec::new() };
    let mail_to = lists.mail_to.as_deref().map(|a| mask(Field::Email, a));
    let (messages, files, canned, agents, policy_version) =
        (lists.messages, lists.files, lists.canned, lists.agents, lists.policy_version);
    let history = crate::audit::page::shown(&state.db, ctx, &lists.history).await?;
    let now = db::now();
    let c = t.clocks();
    let clocks = [
        (
            "support-clock-first-response",
            Some(c.first_response_at.unwrap_or(c.first_response_due_at)),
            c.first_response(now),
        ),
        ("support-clock-resolution", Some(c.resolution_due_at), c.resolution(now, t.active())),
        ("support-clock-legal", c.legal_due_at, c.legal(now)),
    ];
    let canned_id = back.canned;
    let mut typed = back.typed;
    if typed.version.is_empty() || back.problem.is_some() {
        typed.version = t.version.to_string();
    }
    let reply_lang = if t.language == "kk" { "kk" } else { "ru" };
    // A report of unauthorised access becomes a restoration case (policy 5.7).
    let restoration = if t.category == crate::restoration::from_ticket::CATEGORY && t.customer_id.is_some() {
        Some(crate::restoration::from_ticket::case_of_ticket(&state.db, t.id).await?)
    } else {
        None
    };
    let page = TicketPage {
        page: {
            let mut p = ctx.page("support-ticket-title");
            p.title = format!("{} {}", t.number(), p.title);
            p
        },
        person,
        messages,
        reply_lang,
        restoration,
        can_see_cases: user.has_any(access::RESTORATION),
        mail_to,
        canned,
        agents,
        clocks,
        typed,
        errors: back.errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        form: back.form,
        problem: back.problem,
        can_work: user.has_any(access::SUPPORT_WORK) && t.state != "merged",
        changes,
        files,
        policy_version,
        history,
        t,
    };
    let mut page = page;
    if let Some(c) = canned_id.and_then(|id| page.canned.iter().find(|c| c.id == id)) {
        page.typed.body = page.canned_text(c);
    }
    Ok((status, page).into_response())
}

/// States offered by the ticket form: the current one and those it may move to.
pub fn states_from(current: &str) -> Vec<&'static str> {
    model::STATES
        .iter()
        .copied()
        .filter(|s| *s == current || model::state_change(current, s, false).is_ok())
        .collect()
}
