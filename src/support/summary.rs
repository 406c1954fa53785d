//! `/support/{id}/summary`: for a request to access one's own data (law 94-V), a printable
//! summary of what the portal holds on the customer, in the customer's language whatever the
//! agent's: their current data, their applications, consents and account, and how many
//! disclosures and tickets there are. Producing it is a row of the personal-data access log, an
//! audit entry and an event line on the ticket.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use serde_json::json;
use time::OffsetDateTime;

use super::{requests, store};
use crate::{
    audit::{self, Entry},
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n::{self, Lang},
    web::{AppState, Ctx},
    with_db, with_tx,
};

/// Fields in the order the summary lists them.
const FIELDS: [&str; 11] = [
    "last_name",
    "first_name",
    "patronymic",
    "iin",
    "birth_date",
    "phone",
    "email",
    "reg_address",
    "home_address",
    "employer",
    "marital_status",
];

#[derive(Template, WebTemplate)]
#[template(path = "support/summary.html")]
struct SummaryPage {
    lang: Lang,
    number: String,
    produced_at: String,
    fields: Vec<(String, String)>,
    /// `(received, status)` of each application, newest first.
    applications: Vec<(String, String)>,
    /// `(policy version, given, at)`.
    consents: Vec<(String, bool, String)>,
    account: String,
    disclosures: i64,
    tickets: i64,
}

impl SummaryPage {
    fn t(&self, id: &str) -> String {
        i18n::t(self.lang, id)
    }

    fn asset(&self, name: &str) -> String {
        crate::web::assets::url(name)
    }
}

/// `GET /support/{id}/summary`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let t = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let Some(customer) = t.customer_id.filter(|_| t.category == "data_access") else {
        return Err(AppError::NotFound);
    };
    let lang = if t.language == "kk" { Lang::Kk } else { Lang::Ru };
    let now = db::now();
    // Logged before it is read and shown (and outside the write below: on SQLite the log's own
    // writer would wait for it).
    let newest: Option<i64> = with_db!(&state.db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1"
    )
    .bind(customer)
    .fetch_optional(c)
    .await)?;
    if let Some(newest) = newest {
        state.views.record(user.id, newest, "data-summary", &ctx.ip).await?;
    }
    let mut tx = state.db.begin().await?;
    let current = requests::current(&mut tx, customer).await?;
    type App = (i64, OffsetDateTime, String);
    let apps: Vec<App> = with_tx!(&mut tx, |c| {
        sqlx::query_as(
        "SELECT id, received_at, status FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC"
    )
    .bind(customer)
    .fetch_all(c)
    .await
    })?;
    let consents: Vec<(String, bool, OffsetDateTime)> = with_tx!(&mut tx, |c| {
        sqlx::query_as(
        "SELECT v.number, k.given, k.at FROM consents k JOIN policy_versions v ON v.id = k.policy_version_id
         WHERE k.customer_id = $1 ORDER BY k.at DESC, k.id DESC"
    )
    .bind(customer)
    .fetch_all(c)
    .await
    })?;
    let (account, disclosures, tickets): (String, i64, i64) = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT c.status, (SELECT COUNT(*) FROM disclosures d WHERE d.customer_id = c.id),
                (SELECT COUNT(*) FROM tickets t WHERE t.customer_id = c.id)
         FROM customers c WHERE c.id = $1"
    )
    .bind(customer)
    .fetch_one(c)
    .await)?;
    // The audit entry and the ticket's event line.
    store::insert_message(
        &mut tx,
        id,
        "event",
        "portal",
        Some(user.id),
        &json!({ "id": "support-event-summary" }).to_string(),
        now,
    )
    .await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE tickets SET messages = messages + 1, version = version + 1, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(&ctx.actor(), "customer.data-summary-produced")
        .subject("customer", customer)
        .ip(&ctx.ip)
        .details(json!({ "ticket": t.number() }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let value = |f: &str| match (f, current.get(f)) {
        (_, None) => "—".to_string(),
        ("marital_status", Some(v)) => i18n::t(lang, &format!("review-marital-{v}")),
        ("birth_date", Some(v)) => {
            time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]"))
                .map(|d| i18n::format_date(lang, d.midnight().assume_offset(i18n::ALMATY)))
                .unwrap_or_else(|_| v.clone())
        }
        (_, Some(v)) => v.clone(),
    };
    let page = SummaryPage {
        lang,
        number: t.number(),
        produced_at: i18n::format_datetime(lang, now),
        fields: FIELDS.iter().map(|f| (i18n::t(lang, &format!("support-field-{f}")), value(f))).collect(),
        applications: apps
            .iter()
            .map(|(_, at, status)| {
                (i18n::format_date(lang, *at), i18n::t(lang, &format!("support-summary-app-{status}")))
            })
            .collect(),
        consents: consents
            .into_iter()
            .map(|(v, given, at)| (v, given, i18n::format_date(lang, at)))
            .collect(),
        account: i18n::t(lang, &format!("customers-status-{account}")),
        disclosures,
        tickets,
    };
    Ok(page.into_response())
}
