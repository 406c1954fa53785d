//! `POST /api/v1/customers/{ref}/activity`: the app's backend reports what a customer's account
//! did (sign-ins, changes of phone, device, email, card and contacts, security events), a batch
//! of `{at, kind, device, ip}`, for the takeover timeline on the restoration case page. A batch
//! is stored whole or not at all: one bad item refuses it, naming the item (`events[3].at`). Events
//! alike are all kept (a burst of failed sign-ins in one second is a burst); a retry sends its
//! `Idempotency-Key`.

use axum::{
    Json, Router,
    body::Bytes,
    extract::{DefaultBodyLimit, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};

use super::api::{field, short};
use crate::{
    api::{ApiClient, FieldError, Problem, idempotency},
    audit::{self, Entry},
    customers::api::{begin_write, reported_at},
    db,
    web::AppState,
    with_tx,
};

/// What an activity may be.
pub const KINDS: [&str; 11] = [
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "password_reset",
    "phone_changed",
    "device_bound",
    "email_changed",
    "card_added",
    "card_removed",
    "contacts_changed",
    "security_alert",
];
/// The most events in one batch.
pub const BATCH_MAX: usize = 1000;
/// The longest device id.
const DEVICE_MAX: usize = 128;
/// The largest body, in bytes.
const BODY_MAX: usize = 512 * 1024;

/// `/api/v1/customers/{ref}/activity`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/customers/{reference}/activity", post(create).layer(DefaultBodyLimit::max(BODY_MAX)))
}

/// One event, checked.
struct Event {
    at: time::OffsetDateTime,
    kind: &'static str,
    device: Option<String>,
    ip: Option<String>,
}

/// Item `i` of the batch, or its errors (named `events[i].field`).
fn event(i: usize, v: &Value, errors: &mut Vec<FieldError>) -> Option<Event> {
    let mut own = Vec::new();
    if !v.is_object() {
        errors.push(field(&format!("events[{i}]"), "invalid_type", "an object"));
        return None;
    }
    let at = reported_at(v, &mut own);
    let kind = match v["kind"].as_str() {
        Some(k) => KINDS.iter().copied().find(|x| *x == k).or_else(|| {
            own.push(field("kind", "invalid_choice", "one of the kinds the API lists"));
            None
        }),
        None => {
            own.push(field("kind", "required", "one of the kinds the API lists"));
            None
        }
    };
    let device = short(v, "device", DEVICE_MAX, &mut own).map(str::to_string);
    let ip = match &v["ip"] {
        Value::Null => None,
        Value::String(s) => match s.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => Some(ip.to_string()),
            Err(_) => {
                own.push(field("ip", "invalid_ip", "an IPv4 or IPv6 address"));
                None
            }
        },
        _ => {
            own.push(field("ip", "invalid_type", "a text or null"));
            None
        }
    };
    let ok = own.is_empty();
    errors.extend(own.into_iter().map(|mut e| {
        e.field = format!("events[{i}].{}", e.field);
        e
    }));
    match (at, kind, ok) {
        (Some(at), Some(kind), true) => Some(Event { at, kind, device, ip }),
        _ => None,
    }
}

/// `POST /api/v1/customers/{ref}/activity`: `{"events": [{"at", "kind", "device"?, "ip"?}]}`.
async fn create(
    State(state): State<AppState>,
    client: ApiClient,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/customers/{reference}/activity");
    let w = match begin_write(&state, &client, &reference, &headers, &path, &body).await? {
        Ok(w) => w,
        Err(replayed) => return Ok(replayed),
    };
    let mut errors = Vec::new();
    let items = match w.body["events"].as_array() {
        Some(a) if a.is_empty() => {
            errors.push(field("events", "required", "at least one event"));
            &[][..]
        }
        Some(a) if a.len() > BATCH_MAX => {
            errors.push(field("events", "too_many", &format!("at most {BATCH_MAX} events a batch")));
            &[][..]
        }
        Some(a) => a.as_slice(),
        None => {
            errors.push(field("events", "required", "a list of events"));
            &[][..]
        }
    };
    let events: Vec<Event> = items.iter().enumerate().filter_map(|(i, v)| event(i, v, &mut errors)).collect();
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let now = db::now();
    let mut tx = state.db.begin().await?;
    for e in &events {
        with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO customer_activity (customer_id, at, kind, device, ip, api_client_id, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(w.customer)
        .bind(e.at)
        .bind(e.kind)
        .bind(&e.device)
        .bind(&e.ip)
        .bind(client.id)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    let count = events.len();
    let entry = Entry::new(&client.actor(), "customer.activity-recorded")
        .subject("customer", w.customer)
        .details(json!({ "events": count }))
        .ip(&w.ip);
    audit::record(&mut tx, entry).await?;
    let answer = json!({ "recorded": count });
    let record = w.key.as_deref().map(|k| (k, w.hash.as_str()));
    if !idempotency::save(&mut tx, &client, record, 201, &answer.to_string()).await? {
        drop(tx);
        let k = w.key.as_deref().unwrap_or_default();
        return idempotency::replay(&state.db, &client, k, &w.hash, |_| None)
            .await?
            .ok_or_else(|| Problem::internal("idempotency race"));
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}
