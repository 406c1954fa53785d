//! `/support/{id}/restoration`: an agent turns a support ticket of category "unauthorised access"
//! (from the app, by mail, or opened for a phone call) into a restoration case: when it
//! happened, what became of the device, a police report number, and the customer's words (the
//! ticket's first message to start with). The account is blocked at once and the case opens
//! (or the open one is joined), linked to the ticket, with a line on the ticket saying so.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;
use time::{OffsetDateTime, PrimitiveDateTime, macros::format_description};

use super::{
    queue::number,
    report::{self, DESCRIPTION_MAX, DEVICES, POLICE_REPORT_MAX, Report, ReportError},
};
use crate::{
    auth::access,
    db::{self, Db},
    error::{AppError, AppResult},
    i18n::ALMATY,
    support::store::{self, Ticket},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db, with_tx,
};

/// The category a ticket must have.
pub const CATEGORY: &str = "unauthorised_access";

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CaseForm {
    /// `YYYY-MM-DDTHH:MM`, Almaty time (a `datetime-local` field).
    happened_at: String,
    device: String,
    police_report: String,
    description: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "restoration/from_ticket.html")]
struct FormPage {
    page: Page,
    t: Ticket,
    form: CaseForm,
    errors: FieldErrors,
    devices: [&'static str; 4],
}

/// The case ticket `id` became (opened by it or joined), if any.
pub async fn case_of_ticket(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar("SELECT MAX(case_id) FROM restoration_reports WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(c)
        .await)
}

/// The ticket, if it may become a case: of a known customer, of its category.
async fn ticket(state: &AppState, id: i64) -> AppResult<Ticket> {
    let t = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if t.customer_id.is_none() || t.category != CATEGORY || t.state == "merged" {
        return Err(AppError::NotFound);
    }
    Ok(t)
}

fn render(ctx: &Ctx, t: Ticket, form: CaseForm, errors: FieldErrors, status: StatusCode) -> Response {
    let page =
        FormPage { page: ctx.page("restoration-from-ticket-title"), t, form, errors, devices: DEVICES };
    (status, page).into_response()
}

/// `GET /support/{id}/restoration`.
pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(access::SUPPORT_WORK)?;
    let t = ticket(&state, id).await?;
    let first: Option<String> = with_db!(&state.db, |c| sqlx::query_scalar(
        "SELECT body FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY id LIMIT 1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let form = CaseForm {
        happened_at: t
            .created_at
            .to_offset(ALMATY)
            .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
            .unwrap_or_default(),
        device: "unknown".into(),
        description: first.unwrap_or_default().chars().take(DESCRIPTION_MAX).collect(),
        ..CaseForm::default()
    };
    Ok(render(&ctx, t, form, FieldErrors::new(ctx.lang), StatusCode::OK))
}

/// `YYYY-MM-DDTHH:MM` (a `datetime-local` field) or `DD.MM.YYYY HH:MM` (typed), in Almaty
/// time, not in the future.
fn happened_at(raw: &str, errors: &mut FieldErrors) -> Option<OffsetDateTime> {
    let raw = raw.trim();
    let parsed = PrimitiveDateTime::parse(raw, format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .or_else(|_| {
            PrimitiveDateTime::parse(
                raw,
                format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
            )
        })
        .or_else(|_| {
            PrimitiveDateTime::parse(raw, format_description!("[day].[month].[year] [hour]:[minute]"))
        });
    match parsed {
        Ok(p) => {
            let at = p.assume_offset(ALMATY).to_offset(time::UtcOffset::UTC);
            if at > db::now() + time::Duration::minutes(5) {
                errors.add("happened_at", "restoration-happened-future");
                None
            } else {
                Some(at)
            }
        }
        Err(_) => {
            errors.add("happened_at", "restoration-happened-invalid");
            None
        }
    }
}

/// `POST /support/{id}/restoration`.
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CaseForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let t = ticket(&state, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let at = happened_at(&form.happened_at, &mut errors);
    let device = DEVICES.iter().find(|d| **d == form.device).copied();
    if device.is_none() {
        errors.add("device", "field-invalid-choice");
    }
    let police = form.police_report.trim();
    if police.chars().any(char::is_control) {
        errors.add("police_report", "support-control-chars");
    } else if police.chars().count() > POLICE_REPORT_MAX {
        errors.add("police_report", "field-too-long");
    }
    let description = form.description.trim();
    match description.chars().count() {
        0 => errors.add("description", "support-text-required"),
        n if n > DESCRIPTION_MAX => errors.add("description", "field-too-long"),
        _ if description.chars().any(|c| c.is_control() && c != '\n' && c != '\r') => {
            errors.add("description", "support-control-chars")
        }
        _ => {}
    }
    let (Some(at), Some(device)) = (at, device) else {
        return Ok(render(&ctx, t, form, errors, StatusCode::UNPROCESSABLE_ENTITY));
    };
    if !errors.is_empty() {
        return Ok(render(&ctx, t, form, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let customer = t.customer_id.ok_or(AppError::NotFound)?;
    let description = description.replace("\r\n", "\n");
    let r = Report {
        // A ticket an agent opened for a call is a report by phone.
        source: if t.channel == "phone" { "phone" } else { "ticket" },
        happened_at: at,
        description: &description,
        device,
        police_report: Some(police).filter(|p| !p.is_empty()),
        api_client_id: None,
        recorded_by: Some(user.id),
        ticket_id: Some(id),
    };
    let mut tx = state.db.begin().await?;
    let taken = match report::take(&mut tx, &ctx.actor(), customer, &r, &ctx.ip).await {
        Ok(taken) => taken,
        Err(ReportError::Archived) => {
            errors.add("description", "restoration-archived");
            return Ok(render(&ctx, t, form, errors, StatusCode::CONFLICT));
        }
        Err(ReportError::NotFound) => return Err(AppError::NotFound),
        // Made a case meanwhile (a second click, another agent): nothing new, the ticket says so.
        Err(ReportError::TicketDone(case)) => {
            drop(tx);
            ctx.flash(false, "restoration-ticket-already", &[("number", number(case))]).await?;
            return Ok(Redirect::to(&format!("/support/{id}")).into_response());
        }
        Err(ReportError::Db(e)) => return Err(e.into()),
    };
    // A line on the ticket: the case it became, and whether the account was blocked by it.
    let said = match (taken.joined, taken.blocked) {
        (true, _) => ("support-event-restoration-joined", "restoration-joined-flash"),
        (false, true) => ("support-event-restoration-opened", "restoration-opened-flash"),
        (false, false) => {
            ("support-event-restoration-opened-blocked-before", "restoration-opened-blocked-before-flash")
        }
    };
    let line = json!({ "id": said.0, "value": number(taken.case_id) });
    store::insert_message(&mut tx, id, "event", "portal", Some(user.id), &line.to_string(), db::now())
        .await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE tickets SET messages = messages + 1, version = version + 1, updated_at = $1 WHERE id = $2"
    )
    .bind(db::now())
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    tx.commit().await?;
    ctx.flash(true, said.1, &[("number", number(taken.case_id))]).await?;
    Ok(Redirect::to(&format!("/support/{id}")).into_response())
}
