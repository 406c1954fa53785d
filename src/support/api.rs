//! The ticket API for the app's backend: `POST /api/v1/tickets` opens a ticket for a customer
//! (`customer` is their account id or IIN), `POST /api/v1/tickets/{id}/messages` sends their
//! follow-up. Idempotent like intake, audited with the client as actor. A follow-up on a resolved
//! ticket reopens it; on a closed one it opens a new ticket linked to it; on a merged one it goes
//! to the ticket it was merged into. Staff replies reach the app through the events feed.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use super::{
    api_body::{self, MULTIPART_MAX, begin},
    attachments, clocks, model,
    store::{self, NewTicket},
};
use crate::{
    api::{ApiClient, FieldError, Problem, idempotency},
    audit::{self, Entry},
    consents::versions,
    db::{self, Tx},
    intake::{iin::Iin, input::well_formed_account_id},
    web::{AppState, context::client_ip},
};

/// The longest subject and text, in characters.
pub const SUBJECT_MAX: usize = 200;
pub const TEXT_MAX: usize = 10_000;

/// `/api/v1/tickets...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tickets", post(create).layer(DefaultBodyLimit::max(MULTIPART_MAX)))
        .route(
            "/api/v1/tickets/{id}/messages",
            post(super::api_messages::message).layer(DefaultBodyLimit::max(MULTIPART_MAX)),
        )
        .route("/api/v1/tickets/{id}/attachments/{attachment}", get(super::api_files::file))
}

pub(super) fn field(field: &str, code: &'static str, detail: &str) -> FieldError {
    FieldError { field: field.into(), code, detail: detail.into() }
}

/// A required text of at most `max` characters (trimmed).
pub(super) fn text(body: &Value, name: &str, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
    match &body[name] {
        Value::String(s) if s.trim().is_empty() => {
            errors.push(field(name, "required", "a non-empty text"));
            None
        }
        Value::String(s) if super::model::has_control(s) => {
            errors.push(field(name, "control_characters", "control characters are not allowed"));
            None
        }
        Value::String(s) if s.trim().chars().count() > max => {
            errors.push(field(name, "too_long", &format!("at most {max} characters")));
            None
        }
        Value::String(s) => Some(s.trim().to_string()),
        Value::Null => {
            errors.push(field(name, "required", "a non-empty text"));
            None
        }
        _ => {
            errors.push(field(name, "invalid_type", "a text"));
            None
        }
    }
}

fn choice(
    body: &Value,
    name: &str,
    from: &[&'static str],
    errors: &mut Vec<FieldError>,
) -> Option<&'static str> {
    let found = body[name].as_str().and_then(|s| from.iter().find(|c| **c == s).copied());
    if found.is_none() {
        errors.push(field(
            name,
            if body[name].is_null() { "required" } else { "invalid_choice" },
            &from.join(", "),
        ));
    }
    found
}

/// `POST /api/v1/tickets`: `{"customer", "category", "subject", "text", "language",
/// "policy_version"?, "changes"?}`, as the body or as the `ticket` part beside `attachment` parts.
async fn create(State(state): State<AppState>, client: ApiClient, req: Request) -> Result<Response, Problem> {
    let (got, headers) = match begin(&state, &client, "/api/v1/tickets", "ticket", req).await? {
        Ok(b) => b,
        Err(replayed) => return Ok(replayed),
    };
    let api_body::Body { value: body, files, mut errors, key, hash, .. } = got;
    let reference = body["customer"].as_str().unwrap_or("").trim().to_string();
    let customer_id = if reference.is_empty() {
        errors.push(field("customer", "required", "the customer's account id or IIN"));
        None
    } else if reference.len() == 12
        && reference.bytes().all(|b| b.is_ascii_digit())
        && Iin::parse(&reference).is_err()
    {
        errors.push(field("customer", "invalid_iin", "12 digits but not a valid IIN (its check digit)"));
        None
    } else if !well_formed_account_id(&reference) {
        errors.push(field(
            "customer",
            "invalid_reference",
            "an IIN or an account id (1 to 64 Latin letters, digits, . _ : -)",
        ));
        None
    } else {
        let found = crate::customers::api::of_client(&state.db, &client, &reference).await?;
        if found.is_none() {
            errors.push(field(
                "customer",
                "unknown_customer",
                "no customer of this client has this account id or IIN",
            ));
        }
        found
    };
    let category = choice(&body, "category", &model::CATEGORIES, &mut errors);
    let language = choice(&body, "language", &["ru", "kk"], &mut errors);
    let subject = text(&body, "subject", SUBJECT_MAX, &mut errors);
    let text = text(&body, "text", TEXT_MAX, &mut errors);
    let policy_version_id = match &body["policy_version"] {
        Value::Null => None,
        Value::String(n) => {
            let found = versions::by_number(&state.db, n.trim()).await?;
            if found.is_none() {
                errors.push(field("policy_version", "unknown_version", "no policy version has this number"));
            }
            found
        }
        _ => {
            errors.push(field("policy_version", "invalid_type", "the number of a policy version"));
            None
        }
    };
    // A data change lists the fields asked for: `{"phone": "+7 705 000 11 22", ...}`.
    let mut changes: Vec<(String, String)> = Vec::new();
    match (&body["changes"], category) {
        (Value::Null, Some("data_change")) => {
            errors.push(field("changes", "required", "the fields to change and their new values"))
        }
        (Value::Null, _) => {}
        (Value::Object(map), Some("data_change")) if !map.is_empty() && map.len() <= 13 => {
            for (k, v) in map {
                let name = format!("changes.{k}");
                match v.as_str().map(|v| super::requests::check_value(k, v)) {
                    Some(Ok(v)) => changes.push((k.clone(), v)),
                    Some(Err(code)) => errors.push(field(&name, code, "see the field's rules")),
                    None => errors.push(field(&name, "invalid_type", "a text")),
                }
            }
        }
        (Value::Object(_), Some("data_change")) => {
            errors.push(field("changes", "invalid_size", "1 to 13 fields"))
        }
        (_, Some("data_change")) => {
            errors.push(field("changes", "invalid_type", "an object of field names and new values"))
        }
        (_, _) => errors.push(field("changes", "not_allowed", "only a data_change request lists changes")),
    }
    if category == Some("objection")
        && policy_version_id.is_none()
        && !errors.iter().any(|e| e.field == "policy_version")
    {
        errors.push(field(
            "policy_version",
            "required",
            "an objection names the policy version it objects to",
        ));
    }
    let files = checked_files(&state, files, &mut errors).await;
    let (Some(customer_id), Some(category), Some(language), Some(subject), Some(text)) =
        (customer_id, category, language, subject, text)
    else {
        return Err(Problem::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    attachments::store(&state.photos, &files)
        .await
        .map_err(|e| Problem::internal(format!("storage: {e}")))?;
    // Files stored for a write that fails go again (a file no row names is nobody's).
    let written: Result<Response, Problem> = async {
        let new = NewTicket {
            customer_id: Some(customer_id),
            sender: None,
            channel: "app",
            category,
            priority: if category == "unauthorised_access" { "urgent" } else { "normal" },
            language,
            subject,
            body: text,
            tags: Vec::new(),
            policy_version_id,
            parent_id: None,
            api_client_id: Some(client.id),
            recorded_by: None,
        };
        let ip = client_ip(&state.config, &headers, None);
        let mut tx = state.db.begin().await?;
        let mut cal = clocks::calendar_tx(&mut tx).await?;
        let now = db::now();
        let (id, first) = store::create(&mut tx, &mut cal, &new, now).await?;
        attachments::insert(&mut tx, id, first, &files, now).await?;
        if !changes.is_empty() {
            super::requests::insert_changes(&mut tx, id, customer_id, &changes).await?;
        }
        let channel = new.channel;
        let entry = Entry::new(&client.actor(), "ticket.created")
            .subject("ticket", id)
            .details(attachments::with_count(
                json!({ "category": category, "channel": channel }),
                files.len(),
            ))
            .ip(&ip);
        audit::record(&mut tx, entry).await?;
        finish(&state, &client, tx, id, StatusCode::CREATED, key.as_deref(), &hash).await
    }
    .await;
    if written.is_err() {
        attachments::discard(&state.db, &state.photos, &files).await;
    }
    written
}

/// The request's files checked (an image through the photo pipeline); each refused one named
/// in `errors`.
pub(super) async fn checked_files(
    state: &AppState,
    files: Vec<attachments::Incoming>,
    errors: &mut Vec<FieldError>,
) -> Vec<attachments::Checked> {
    let (ok, refused) = attachments::check(&state.photos, files).await;
    for (name, code) in refused {
        errors.push(field(&name, code, &attachment_rule(code)));
    }
    ok
}

fn attachment_rule(code: &str) -> String {
    match code {
        "too_many" => format!("at most {} files", attachments::MAX_FILES),
        "too_large" => format!("at most {} bytes", attachments::MAX_BYTES),
        "type_mismatch" => "the declared type or the file name's extension is not what the file is".into(),
        "too_many_pixels" => "the image has more pixels than allowed".into(),
        "corrupt" => "the file is damaged or truncated".into(),
        "empty" => "the file is empty".into(),
        _ => "send JPEG, PNG, WebP or PDF".into(),
    }
}

/// Answers with the ticket as it now is, stored for the idempotency key in the same transaction.
pub(super) async fn finish(
    state: &AppState,
    client: &ApiClient,
    mut tx: Tx,
    id: i64,
    status: StatusCode,
    key: Option<&str>,
    hash: &str,
) -> Result<Response, Problem> {
    let t = store::find_tx(&mut tx, id).await?.ok_or_else(|| Problem::internal("the ticket just written"))?;
    let time = |t: Option<time::OffsetDateTime>| t.and_then(|t| t.format(&Rfc3339).ok());
    let body = json!({
        "ticket_id": t.id,
        "number": t.number(),
        "state": t.state,
        "category": t.category,
        "language": t.language,
        "parent_id": t.parent_id,
        "legal_due_at": time(t.legal_due_at),
        "created_at": time(Some(t.created_at)),
    });
    let record = key.map(|k| (k, hash));
    if !idempotency::save(&mut tx, client, record, status.as_u16(), &body.to_string()).await? {
        drop(tx);
        return idempotency::replay(&state.db, client, key.unwrap_or_default(), hash, |_| None)
            .await?
            .ok_or_else(|| Problem::internal("idempotency race"));
    }
    tx.commit().await?;
    Ok((status, Json(body)).into_response())
}
