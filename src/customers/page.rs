//! The customer page: who the person is (from their latest approved application, earlier values
//! as a history), every application, the app accounts, and one timeline of what happened to
//! them, newest first. The IIN, phone, addresses and document number are masked for every role.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::{Date, OffsetDateTime};

use super::store::{self, Application, Customer};
use crate::{
    audit::page::Shown as Event,
    auth::{
        access,
        personal_data::{Field, Shown, Viewer, mask},
    },
    db,
    error::{AppError, AppResult},
    i18n::{self, ALMATY, Lang},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
};

/// Applications listed on the page, newest first; their timeline entries are read too.
pub(super) const APPLICATIONS: i64 = 50;
/// Applications whose audit entries make the timeline.
const TIMELINE_APPLICATIONS: usize = 20;
/// Entries on the timeline.
const TIMELINE: i64 = 100;
/// Tickets listed on the page, newest first.
const TICKETS: i64 = 20;
/// Disclosures listed, newest first.
const DISCLOSURES: i64 = 50;

/// A value as shown: its text, and whether it stands for a hidden one.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub hidden: bool,
    /// Shown in full for this view, after a reason was given.
    pub revealed: bool,
}

impl Cell {
    fn hidden(lang: Lang) -> Cell {
        Cell { text: i18n::t(lang, "pd-hidden"), hidden: true, revealed: false }
    }

    fn text(text: String) -> Cell {
        Cell { text, hidden: false, revealed: false }
    }
}

/// A field masked on this page whatever the role (hidden where the role may not see it at all).
fn masked(viewer: &Viewer, lang: Lang, field: Field, value: &str) -> Cell {
    match viewer.shown(field) {
        Shown::Hidden => Cell::hidden(lang),
        _ => Cell::text(mask(field, value)),
    }
}

/// A field shown as the role table says.
fn by_role(viewer: &Viewer, lang: Lang, field: Field, value: Option<&str>) -> Cell {
    match (viewer.shown(field), value) {
        (Shown::Hidden, _) => Cell::hidden(lang),
        (_, None) => Cell::text("—".into()),
        (_, Some(v)) => Cell::text(viewer.show(field, v).unwrap_or_default()),
    }
}

/// The person as their source application states them.
pub struct Identity {
    /// The application the values come from, and whether it was approved.
    pub source: i64,
    pub source_approved: bool,
    pub full_name: String,
    pub sex: String,
    pub citizenship: String,
    pub birth_date: Cell,
    pub iin: Cell,
    pub phone: Cell,
    pub email: Cell,
    pub reg_address: Cell,
    pub home_address: Cell,
    pub doc_type: String,
    pub doc_number: Cell,
    pub doc_expires_on: Date,
    pub language: String,
}

/// An earlier value of one field, from an older application.
pub struct Earlier {
    /// The Fluent id of the field's name.
    pub field: &'static str,
    pub value: Cell,
    pub application: i64,
    pub at: OffsetDateTime,
}

/// The source of the identity: the newest approved application, or the newest of all.
pub(super) fn source(apps: &[Application]) -> Option<&Application> {
    apps.iter().find(|a| a.status == "approved").or_else(|| apps.first())
}

fn identity(app: &Application, viewer: &Viewer, lang: Lang) -> Identity {
    let birth = if viewer.full(Field::BirthDate) {
        Cell::text(i18n::format_date(lang, app.birth_date.midnight().assume_offset(ALMATY)))
    } else {
        by_role(viewer, lang, Field::BirthDate, Some(&app.birth_date.to_string()))
    };
    Identity {
        source: app.id,
        source_approved: app.status == "approved",
        full_name: app.full_name(),
        sex: app.sex.clone(),
        citizenship: app.citizenship.clone(),
        birth_date: birth,
        iin: Cell::text(String::new()),
        phone: masked(viewer, lang, Field::Phone, &app.phone),
        email: by_role(viewer, lang, Field::Email, app.email.as_deref()),
        reg_address: masked(viewer, lang, Field::RegAddress, &app.reg_address),
        home_address: masked(viewer, lang, Field::HomeAddress, &app.home_address),
        doc_type: app.doc_type.clone(),
        doc_number: masked(viewer, lang, Field::DocNumber, &app.doc_number),
        doc_expires_on: app.doc_expires_on,
        language: app.language.clone(),
    }
}

/// Values of the other applications that differ from the source's, each once, newest first.
fn earlier(apps: &[Application], src: &Application, viewer: &Viewer, lang: Lang) -> Vec<Earlier> {
    let mut out: Vec<Earlier> = Vec::new();
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    for a in apps.iter().filter(|a| a.id != src.id) {
        let fields: [(&'static str, String, String, Option<Field>); 6] = [
            ("customers-field-name", a.full_name(), src.full_name(), None),
            ("customers-field-phone", a.phone.clone(), src.phone.clone(), Some(Field::Phone)),
            (
                "customers-field-email",
                a.email.clone().unwrap_or_default(),
                src.email.clone().unwrap_or_default(),
                Some(Field::Email),
            ),
            (
                "customers-field-reg-address",
                a.reg_address.clone(),
                src.reg_address.clone(),
                Some(Field::RegAddress),
            ),
            (
                "customers-field-home-address",
                a.home_address.clone(),
                src.home_address.clone(),
                Some(Field::HomeAddress),
            ),
            (
                "customers-field-doc-number",
                a.doc_number.clone(),
                src.doc_number.clone(),
                Some(Field::DocNumber),
            ),
        ];
        for (id, value, current, field) in fields {
            if value.is_empty() || value == current || seen.contains(&(id, value.clone())) {
                continue;
            }
            seen.push((id, value.clone()));
            let shown = match field {
                None => Cell::text(value),
                Some(Field::Email) => by_role(viewer, lang, Field::Email, Some(&value)),
                Some(f) => masked(viewer, lang, f, &value),
            };
            out.push(Earlier { field: id, value: shown, application: a.id, at: a.received_at });
        }
    }
    out
}

/// What the reveal form holds, as typed, and what it revealed.
#[derive(Default)]
pub struct Reveal {
    /// The field shown in full for this view, with its value.
    pub shown: Option<(Field, String)>,
    pub field: String,
    pub reason: String,
    pub comment: String,
    pub errors: Option<FieldErrors>,
}

/// The account form's state when the page is shown again after it was sent.
#[derive(Default)]
pub struct AccountState {
    pub form: Option<super::panel::AccountForm>,
    pub errors: Option<FieldErrors>,
    /// Why the action was refused.
    pub problem: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/show.html")]
struct ShowPage {
    page: Page,
    customer: Customer,
    identity: Option<Identity>,
    earlier: Vec<Earlier>,
    applications: Vec<Application>,
    accounts: Vec<(String, OffsetDateTime)>,
    timeline: Vec<Event>,
    today: Date,
    /// The fields this person may reveal: `(code, label id)`.
    revealable: Vec<(&'static str, &'static str)>,
    reasons: &'static [&'static str],
    reveal: Reveal,
    errors: FieldErrors,
    account: super::panel::Panel,
    consents: Vec<crate::consents::store::Consent>,
    /// `None` for a role that may not read the register.
    disclosures: Option<Vec<crate::disclosures::store::Disclosure>>,
    can_disclose: bool,
    /// The customer's tickets, for the support desk's roles.
    tickets: Option<Vec<crate::support::store::Line>>,
}

/// `GET /customers/{id}`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    render(&state, &ctx, id, Reveal::default(), AccountState::default(), StatusCode::OK).await
}

/// The customer page for `ctx`, with `reveal`'s field in full if it revealed one.
pub(super) async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    mut reveal: Reveal,
    account: AccountState,
    status: StatusCode,
) -> AppResult<Response> {
    let user = ctx.require(access::CUSTOMERS)?;
    let db = &state.reads;
    let (customer, lists) = super::page_read::customer(db, id).await?.ok_or(AppError::NotFound)?;
    let applications = store::applications(db, id, APPLICATIONS).await?;
    let viewer = Viewer::new(&user.roles);
    let src = source(&applications);
    // The page shows the source application's personal data: the view is logged against it
    // before the page is sent.
    if let Some(src) = src {
        state.views.record(user.id, src.id, "customer-page", &ctx.ip).await?;
    }
    let mut identity = src.map(|a| identity(a, &viewer, ctx.lang));
    if let Some(i) = identity.as_mut() {
        i.iin = masked(&viewer, ctx.lang, Field::Iin, &customer.iin);
        if let Some((field, value)) = &reveal.shown {
            let cell = match field {
                Field::Iin => Some(&mut i.iin),
                Field::Phone => Some(&mut i.phone),
                Field::RegAddress => Some(&mut i.reg_address),
                Field::HomeAddress => Some(&mut i.home_address),
                Field::DocNumber => Some(&mut i.doc_number),
                _ => None,
            };
            if let Some(cell) = cell {
                *cell = Cell { text: value.clone(), hidden: false, revealed: true };
            }
        }
    }
    let earlier = src.map(|s| earlier(&applications, s, &viewer, ctx.lang)).unwrap_or_default();
    let accounts = lists.accounts;
    // Their tickets, for the roles of the support desk (a ticket's subject and category are the
    // customer's words); the timeline shows what happened to them.
    let tickets = if user.has_any(access::SUPPORT) {
        Some(crate::support::store::of_customer(db, id, TICKETS).await?)
    } else {
        None
    };
    let mut subjects: Vec<(&str, String)> = vec![("customer", id.to_string())];
    subjects
        .extend(applications.iter().take(TIMELINE_APPLICATIONS).map(|a| ("application", a.id.to_string())));
    subjects
        .extend(tickets.iter().flatten().take(TIMELINE_APPLICATIONS).map(|t| ("ticket", t.id.to_string())));
    let timeline = crate::audit::page::about(db, ctx, &subjects, TIMELINE).await?;
    let revealable = if identity.is_some() { super::reveal::revealable(&viewer) } else { Vec::new() };
    let errors = reveal.errors.take().unwrap_or_else(|| FieldErrors::new(ctx.lang));
    let account = super::panel::Panel::new(
        &customer,
        user,
        ctx.lang,
        state.config.retention_years,
        &lists.reasons,
        lists.request,
        account,
    );
    let consents = lists.consents;
    // The register's entries for those who may read the register.
    let disclosures = if user.roles.iter().any(|r| access::DISCLOSURES.contains(r)) {
        let only_this = crate::disclosures::store::Filter { customer: Some(id), ..Default::default() };
        Some(crate::disclosures::store::list(db, &only_this, DISCLOSURES).await?)
    } else {
        None
    };
    let can_disclose = user.roles.iter().any(|r| access::DISCLOSE.contains(r));
    let page = ShowPage {
        page: ctx.page("customers-page-title"),
        customer,
        identity,
        earlier,
        applications,
        accounts,
        timeline,
        today: db::now().to_offset(ALMATY).date(),
        revealable,
        reasons: super::reveal::REASONS,
        reveal,
        errors,
        account,
        consents,
        disclosures,
        can_disclose,
        tickets,
    };
    Ok((status, page).into_response())
}
