//! Recording a disclosure from the customer's page: to whom, which data, on what legal basis,
//! the request's reference and date. Errors come back beside the fields with what was typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;
use time::Date;

use super::store::{BASES, DATA};
use crate::{
    audit::{self, Entry},
    auth::access,
    customers::store as customers,
    db,
    error::{AppError, AppResult},
    i18n::ALMATY,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_tx,
};

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DisclosureForm {
    pub recipient: String,
    pub data: Vec<String>,
    pub data_other: String,
    pub basis: String,
    pub basis_other: String,
    pub reference: String,
    pub request_date: String,
    pub disclosed_on: String,
    pub comment: String,
}

impl DisclosureForm {
    pub fn ticked(&self, code: &str) -> bool {
        self.data.iter().any(|d| d == code)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "disclosures/new.html")]
struct FormPage {
    page: Page,
    customer: i64,
    form: DisclosureForm,
    errors: FieldErrors,
    data_codes: &'static [&'static str],
    bases: &'static [&'static str],
}

/// `GET /customers/{id}/disclosures/new`.
pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(access::DISCLOSE)?;
    customers::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let today = db::now().to_offset(ALMATY).date().to_string();
    let form = DisclosureForm { disclosed_on: today, ..DisclosureForm::default() };
    Ok(page(&ctx, id, form, FieldErrors::new(ctx.lang), StatusCode::OK))
}

fn page(ctx: &Ctx, customer: i64, form: DisclosureForm, errors: FieldErrors, status: StatusCode) -> Response {
    let page = FormPage {
        page: ctx.page("disclosures-new-title"),
        customer,
        form,
        errors,
        data_codes: DATA,
        bases: BASES,
    };
    (status, page).into_response()
}

/// A checked disclosure.
struct Checked {
    recipient: String,
    data: Vec<&'static str>,
    data_other: Option<String>,
    basis: &'static str,
    basis_other: Option<String>,
    reference: Option<String>,
    request_date: Option<Date>,
    disclosed_on: Date,
    comment: Option<String>,
}

fn text(v: &str, max: usize, field: &'static str, errors: &mut FieldErrors) -> Option<String> {
    let v = v.trim();
    if v.chars().count() > max {
        errors.add(field, "field-too-long");
    }
    (!v.is_empty()).then(|| v.to_string())
}

fn date(v: &str, field: &'static str, errors: &mut FieldErrors) -> Option<Date> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    let today = db::now().to_offset(ALMATY).date();
    match Date::parse(v, time::macros::format_description!("[year]-[month]-[day]")) {
        Ok(d) if d > today => {
            errors.add(field, "disclosures-date-future");
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, "disclosures-date-invalid");
            None
        }
    }
}

impl DisclosureForm {
    fn check(&self, errors: &mut FieldErrors) -> Option<Checked> {
        let recipient = text(&self.recipient, 200, "recipient", errors);
        if recipient.is_none() {
            errors.add("recipient", "field-required");
        }
        let mut data: Vec<&'static str> = Vec::new();
        for d in &self.data {
            match DATA.iter().find(|k| *k == d) {
                Some(k) if !data.contains(k) => data.push(k),
                Some(_) => {}
                None => errors.add("data", "field-invalid-choice"),
            }
        }
        if data.is_empty() && !errors.has("data") {
            errors.add("data", "disclosures-data-required");
        }
        let data_other = text(&self.data_other, 200, "data_other", errors);
        if data.contains(&"other") && data_other.is_none() {
            errors.add("data_other", "disclosures-data-other-required");
        }
        let basis = BASES.iter().copied().find(|b| *b == self.basis);
        if basis.is_none() {
            errors.add(
                "basis",
                if self.basis.is_empty() { "disclosures-basis-required" } else { "field-invalid-choice" },
            );
        }
        let basis_other = text(&self.basis_other, 200, "basis_other", errors);
        if basis == Some("other") && basis_other.is_none() {
            errors.add("basis_other", "disclosures-basis-other-required");
        }
        let reference = text(&self.reference, 100, "reference", errors);
        if basis == Some("authority_request") && reference.is_none() {
            errors.add("reference", "disclosures-reference-required");
        }
        let request_date = date(&self.request_date, "request_date", errors);
        let disclosed_on = date(&self.disclosed_on, "disclosed_on", errors);
        if self.disclosed_on.trim().is_empty() {
            errors.add("disclosed_on", "field-required");
        }
        if let (Some(asked), Some(given)) = (request_date, disclosed_on)
            && asked > given
        {
            errors.add("request_date", "disclosures-request-after");
        }
        let comment = text(&self.comment, 1000, "comment", errors);
        match (recipient, basis, disclosed_on) {
            (Some(recipient), Some(basis), Some(disclosed_on)) if errors.is_empty() => Some(Checked {
                recipient,
                data,
                data_other: data_other.filter(|_| self.ticked("other")),
                basis,
                basis_other: basis_other.filter(|_| basis == "other"),
                reference,
                request_date,
                disclosed_on,
                comment,
            }),
            _ => None,
        }
    }
}

/// `POST /customers/{id}/disclosures/new`.
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DisclosureForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::DISCLOSE)?;
    customers::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(d) = form.check(&mut errors) else {
        return Ok(page(&ctx, id, form, errors, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let mut tx = state.db.begin().await?;
    let disclosure: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO disclosures (customer_id, recipient, data_items, data_other, legal_basis, basis_other,
                                  request_reference, request_date, disclosed_on, comment, staff_id, created_at,
                                  recipient_folded)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
    )
    .bind(id)
    .bind(&d.recipient)
    .bind(d.data.join(","))
    .bind(&d.data_other)
    .bind(d.basis)
    .bind(&d.basis_other)
    .bind(&d.reference)
    .bind(d.request_date)
    .bind(d.disclosed_on)
    .bind(&d.comment)
    .bind(user.id)
    .bind(db::now())
    .bind(d.recipient.to_lowercase())
    .fetch_one(c)
    .await
    })?;
    let entry = Entry::new(&ctx.actor(), "customer.disclosure-recorded")
        .subject("customer", id)
        .details(json!({
            "disclosure": disclosure,
            "recipient": d.recipient,
            "basis": d.basis,
            "data": d.data.join(", "),
            "request_reference": d.reference,
        }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "disclosures-recorded", &[("id", id.to_string())]).await?;
    Ok(Redirect::to(&format!("/customers/{id}#disclosures")).into_response())
}
