//! `POST /api/v1/customers/{ref}/access-reports`: the app's backend reports that someone else
//! used a customer's account. The account is blocked at once and a restoration case opens (or a
//! second report joins the open one); the answer names the case. Idempotent with
//! `Idempotency-Key`, like the other customer writes.

use axum::{
    Json, Router,
    body::Bytes,
    extract::{DefaultBodyLimit, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};

use super::report::{self, DESCRIPTION_MAX, DEVICES, POLICE_REPORT_MAX, Report, ReportError};
use crate::{
    api::{ApiClient, FieldError, Problem, idempotency},
    customers::api::{begin_write, reported_at},
    web::AppState,
};

/// The largest body, in bytes.
const BODY_MAX: usize = 32 * 1024;

/// `/api/v1/customers/{ref}/access-reports`.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/customers/{reference}/access-reports",
        post(create).layer(DefaultBodyLimit::max(BODY_MAX)),
    )
}

pub(super) fn field(field: &str, code: &'static str, detail: &str) -> FieldError {
    FieldError { field: field.into(), code, detail: detail.into() }
}

/// A text field: required (or not), trimmed, at most `max` characters, no control characters
/// but line breaks (as the OpenAPI document's pattern says).
pub(super) fn text<'a>(
    v: &'a Value,
    name: &str,
    max: usize,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<&'a str> {
    match &v[name] {
        Value::Null if !required => None,
        Value::String(raw) => {
            let s = raw.trim();
            if raw.chars().any(|c| c.is_control() && c != '\n') {
                errors.push(field(name, "control_characters", "no control characters but line breaks"));
            } else if s.is_empty() && required {
                errors.push(field(name, "required", "a text"));
            } else if s.chars().count() > max {
                errors.push(field(name, "too_long", &format!("at most {max} characters")));
            } else if !s.is_empty() {
                return Some(s);
            }
            None
        }
        _ if required => {
            errors.push(field(name, "required", "a text"));
            None
        }
        _ => {
            errors.push(field(name, "invalid_type", "a text or null"));
            None
        }
    }
}

/// A short value (an id, a name, a number): as [`text`], on one line.
pub(super) fn short<'a>(
    v: &'a Value,
    name: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<&'a str> {
    let value = text(v, name, max, false, errors)?;
    if value.contains('\n') {
        errors.push(field(name, "control_characters", "one line, no control characters"));
        return None;
    }
    Some(value)
}

/// `POST /api/v1/customers/{ref}/access-reports`:
/// `{"at", "description", "device": lost|stolen|kept|unknown, "police_report"?}`.
async fn create(
    State(state): State<AppState>,
    client: ApiClient,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/customers/{reference}/access-reports");
    let w = match begin_write(&state, &client, &reference, &headers, &path, &body).await? {
        Ok(w) => w,
        Err(replayed) => return Ok(replayed),
    };
    let v = &w.body;
    let mut errors = Vec::new();
    let at = reported_at(v, &mut errors);
    let description = text(v, "description", DESCRIPTION_MAX, true, &mut errors);
    let device = match v["device"].as_str() {
        Some(d) => DEVICES.iter().find(|x| **x == d).copied().or_else(|| {
            errors.push(field("device", "invalid_choice", "lost, stolen, kept or unknown"));
            None
        }),
        None => {
            errors.push(field("device", "required", "lost, stolen, kept or unknown"));
            None
        }
    };
    let police_report = text(v, "police_report", POLICE_REPORT_MAX, false, &mut errors);
    let (Some(at), Some(description), Some(device)) = (at, description, device) else {
        return Err(Problem::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let r = Report {
        source: "app",
        happened_at: at,
        description,
        device,
        police_report,
        api_client_id: Some(client.id),
        recorded_by: None,
        ticket_id: None,
    };
    let mut tx = state.db.begin().await?;
    let taken = match report::take(&mut tx, &client.actor(), w.customer, &r, &w.ip).await {
        Ok(t) => t,
        Err(ReportError::Archived) => {
            return Err(Problem::conflict(
                "/problems/account-archived",
                "The account is closed to archive",
                "An archived account has no access to restore; nothing was recorded.",
            ));
        }
        Err(ReportError::NotFound) => return Err(Problem::not_found()),
        Err(e @ ReportError::TicketDone(_)) => return Err(Problem::internal(e)),
        Err(ReportError::Db(e)) => return Err(e.into()),
    };
    let status = if taken.joined { StatusCode::OK } else { StatusCode::CREATED };
    let answer = json!({
        "case_id": taken.case_id,
        "state": taken.state,
        "joined": taken.joined,
        "account_status": "blocked",
        "blocked_now": taken.blocked,
    });
    let record = w.key.as_deref().map(|k| (k, w.hash.as_str()));
    if !idempotency::save(&mut tx, &client, record, status.as_u16(), &answer.to_string()).await? {
        // Another request with this key committed first: its answer is the answer.
        drop(tx);
        let k = w.key.as_deref().unwrap_or_default();
        return idempotency::replay(&state.db, &client, k, &w.hash, |_| None)
            .await?
            .ok_or_else(|| Problem::internal("idempotency race"));
    }
    tx.commit().await?;
    Ok((status, Json(answer)).into_response())
}
