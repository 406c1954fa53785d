//! `/disclosures`: the register with filters (customer, legal basis, dates, recipient), newest
//! first, and `/disclosures.csv` with the same filters for the authorised body (behind the
//! step-up, audited; the IIN in full there for the roles that see it in full, masked on the
//! page).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::Date;

use super::store::{self, BASES, Disclosure, Filter};
use crate::{
    audit::{self, Entry},
    auth::{
        access,
        personal_data::{Field, Viewer, mask},
    },
    error::AppResult,
    web::{
        AppState, Ctx,
        csv::Csv,
        page::{FieldErrors, Page},
    },
};

/// Entries on a page.
const PAGE: i64 = 100;
/// Entries in one export.
const EXPORT_MAX: i64 = 100_000;

/// The filters as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterQuery {
    pub customer: String,
    pub basis: String,
    pub from: String,
    pub to: String,
    pub recipient: String,
    pub before: String,
}

impl RegisterQuery {
    /// The filter, or the errors beside the fields.
    fn filter(&self, errors: &mut FieldErrors) -> Filter {
        let mut f = Filter::default();
        let customer = self.customer.trim();
        if !customer.is_empty() {
            match customer.trim_start_matches('№').trim().parse::<i64>() {
                Ok(id) if id > 0 => f.customer = Some(id),
                _ => errors.add("customer", "disclosures-customer-invalid"),
            }
        }
        if !self.basis.is_empty() {
            match BASES.iter().copied().find(|b| *b == self.basis) {
                Some(b) => f.basis = Some(b),
                None => errors.add("basis", "field-invalid-choice"),
            }
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let mut day = |v: &str, field: &'static str| -> Option<Date> {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            Date::parse(v, format).ok().or_else(|| {
                errors.add(field, "disclosures-date-invalid");
                None
            })
        };
        f.from = day(&self.from, "from");
        f.to = day(&self.to, "to");
        let recipient = self.recipient.trim();
        if recipient.chars().count() > 200 {
            errors.add("recipient", "field-too-long");
        } else if !recipient.is_empty() {
            f.recipient = Some(recipient.to_string());
        }
        f.before = self.before.parse().ok();
        f
    }

    /// The query string of these filters (no page cursor), for links.
    pub fn query(&self) -> String {
        let pairs = [
            ("customer", &self.customer),
            ("basis", &self.basis),
            ("from", &self.from),
            ("to", &self.to),
            ("recipient", &self.recipient),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", urlencoding(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn urlencoding(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "disclosures/register.html")]
struct RegisterPage {
    page: Page,
    rows: Vec<Disclosure>,
    q: RegisterQuery,
    errors: FieldErrors,
    bases: &'static [&'static str],
    /// The cursor of the next (older) page.
    older: Option<i64>,
    /// May open the customer page.
    customer_links: bool,
}

/// `GET /disclosures`.
pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::DISCLOSURES)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let f = q.filter(&mut errors);
    let valid = errors.is_empty();
    let mut rows = if valid { store::list(&state.db, &f, PAGE + 1).await? } else { Vec::new() };
    let older = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let page = RegisterPage {
        page: ctx.page("disclosures-title"),
        rows,
        q,
        errors,
        bases: BASES,
        older,
        customer_links: user.roles.iter().any(|r| access::CUSTOMERS.contains(r)),
    };
    let status = if valid { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok((status, page).into_response())
}

/// `GET /disclosures.csv` (behind the step-up): every entry under the filters.
pub(super) async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::DISCLOSURES)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let mut f = q.filter(&mut errors);
    if !errors.is_empty() {
        return Err(crate::error::AppError::BadRequest);
    }
    f.before = None;
    let rows = store::list(&state.db, &f, EXPORT_MAX).await?;
    // The IIN in full for those who see it in full anywhere, masked for the others.
    let viewer = Viewer::new(&user.roles);
    let iin = |value: &str| if viewer.full(Field::Iin) { value.to_string() } else { mask(Field::Iin, value) };
    let t = |id: &str| ctx.t(id);
    let header: Vec<String> = [
        "disclosures-number",
        "disclosures-disclosed-on",
        "disclosures-customer",
        "review-iin",
        "disclosures-recipient",
        "disclosures-data",
        "disclosures-basis",
        "disclosures-reference",
        "disclosures-request-date",
        "disclosures-comment",
        "disclosures-recorded-by",
    ]
    .iter()
    .map(|id| t(id))
    .collect();
    let mut out = Csv::new(&header);
    for d in &rows {
        let data: Vec<String> = d
            .items()
            .iter()
            .map(|c| {
                if *c == "other" {
                    d.data_other.clone().unwrap_or_default()
                } else {
                    t(&format!("disclosures-data-{c}"))
                }
            })
            .collect();
        let basis = match (&d.basis_other, d.legal_basis.as_str()) {
            (Some(text), "other") => text.clone(),
            (_, code) => t(&format!("disclosures-basis-{code}")),
        };
        out.row(&[
            d.id.to_string(),
            d.disclosed_on.to_string(),
            d.customer_id.to_string(),
            iin(&d.iin),
            d.recipient.clone(),
            data.join("; "),
            basis,
            d.request_reference.clone().unwrap_or_default(),
            d.request_date.map(|x| x.to_string()).unwrap_or_default(),
            d.comment.clone().unwrap_or_default(),
            d.staff_name.clone(),
        ]);
    }
    let entry = Entry::new(&ctx.actor(), "disclosures.exported")
        .subject("staff", user.id)
        .details(serde_json::json!({ "count": rows.len(), "filter": q.query() }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    Ok(out.download("disclosures.csv"))
}
