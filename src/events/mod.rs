//! Decision, intake and account events for the app's backend: a transactional outbox written in
//! the same transaction as the change, and `GET /api/v1/events?after=CURSOR&limit=N` to poll it.
//! Application events name the application; customer events (`customer.*`) the customer, and a
//! client sees them for the customers it has sent applications of.
//!
//! Sequence numbers come from the single `outbox_head` row, locked until the writing transaction
//! ends, so they are assigned in commit order: a poller that remembers the last `seq` it saw never
//! skips an event that commits later with a smaller number.

use axum::{
    Json, Router,
    extract::{Query, State},
    routing::get,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    api::{ApiClient, FieldError, Problem, keys::Scope},
    db::{self, Tx},
    web::AppState,
    with_db, with_tx,
};

/// Appends an event inside `tx`; returns its sequence number.
pub async fn emit(
    tx: &mut Tx,
    event_type: &str,
    application_id: i64,
    payload: &Value,
) -> Result<i64, sqlx::Error> {
    const BUMP: &str = "UPDATE outbox_head SET seq = seq + 1 WHERE id = 1 RETURNING seq";
    let seq: i64 = with_tx!(tx, |c| sqlx::query_scalar(BUMP).fetch_one(c).await)?;
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO outbox_events (seq, at, event_type, application_id, payload) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(seq)
    .bind(db::now())
    .bind(event_type)
    .bind(application_id)
    .bind(payload.to_string())
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(seq)
}

/// Appends a customer event inside `tx`, numbered with the application events; returns its
/// sequence number.
pub async fn emit_customer(
    tx: &mut Tx,
    event_type: &str,
    customer_id: i64,
    payload: &Value,
) -> Result<i64, sqlx::Error> {
    const BUMP: &str = "UPDATE outbox_head SET seq = seq + 1 WHERE id = 1 RETURNING seq";
    let seq: i64 = with_tx!(tx, |c| sqlx::query_scalar(BUMP).fetch_one(c).await)?;
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO customer_events (seq, at, event_type, customer_id, payload) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(seq)
    .bind(db::now())
    .bind(event_type)
    .bind(customer_id)
    .bind(payload.to_string())
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(seq)
}

/// `/api/v1/events`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/events", get(list))
}

#[derive(Deserialize)]
struct Page {
    after: Option<String>,
    limit: Option<String>,
}

#[derive(FromRow)]
struct Row {
    seq: i64,
    at: OffsetDateTime,
    event_type: String,
    application_id: Option<i64>,
    customer_id: Option<i64>,
    payload: String,
}

/// One event as the API shows it.
#[derive(Serialize)]
pub struct Event {
    pub seq: i64,
    #[serde(rename = "type")]
    pub event_type: String,
    /// The application an application event is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<i64>,
    /// The customer a `customer.*` event is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub data: Value,
}

/// A page of events and the cursor for the next call.
#[derive(Serialize)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Pass as `after` next time (equal to the request's `after` when nothing is new).
    pub next_after: i64,
}

async fn list(
    State(state): State<AppState>,
    client: ApiClient,
    Query(q): Query<Page>,
) -> Result<Json<EventPage>, Problem> {
    client.require(Scope::EventsRead)?;
    let mut errors = Vec::new();
    let after = match q.after.as_deref().unwrap_or("0").parse::<i64>() {
        Ok(a) if a >= 0 => a,
        _ => {
            errors.push(FieldError {
                field: "after".into(),
                code: "invalid_cursor",
                detail: "a whole number >= 0".into(),
            });
            0
        }
    };
    let limit = match q.limit.as_deref().unwrap_or("100").parse::<i64>() {
        Ok(l) if (1..=1000).contains(&l) => l,
        _ => {
            errors.push(FieldError {
                field: "limit".into(),
                code: "out_of_range",
                detail: "from 1 to 1000".into(),
            });
            100
        }
    };
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let rows: Vec<Row> = with_db!(&state.db, |c| {
        sqlx::query_as(
            // A client reads the events of the applications it sent, and no other's, and the
            // events of the customers it sent applications of.
            // Each half is cut to a page before they are merged.
            "SELECT * FROM (
                 SELECT * FROM (
                     SELECT e.seq, e.at, e.event_type, e.application_id, CAST(NULL AS BIGINT) AS customer_id, e.payload
                     FROM outbox_events e JOIN applications a ON a.id = e.application_id
                     WHERE e.seq > $1 AND a.api_client_id = $2 ORDER BY e.seq LIMIT $3) AS apps
                 UNION ALL
                 SELECT * FROM (
                     SELECT e.seq, e.at, e.event_type, CAST(NULL AS BIGINT) AS application_id, e.customer_id, e.payload
                     FROM customer_events e
                     WHERE e.seq > $1 AND EXISTS (SELECT 1 FROM applications a
                                                  WHERE a.customer_id = e.customer_id AND a.api_client_id = $2)
                     ORDER BY e.seq LIMIT $3) AS customers
             ) AS feed ORDER BY seq LIMIT $3",
        )
        .bind(after)
        .bind(client.id)
        .bind(limit)
        .fetch_all(c)
        .await
    })?;
    let next_after = rows.last().map_or(after, |r| r.seq);
    let events = rows
        .into_iter()
        .map(|r| Event {
            seq: r.seq,
            event_type: r.event_type,
            application_id: r.application_id,
            customer_id: r.customer_id,
            at: r.at,
            data: serde_json::from_str(&r.payload).unwrap_or(Value::Null),
        })
        .collect();
    Ok(Json(EventPage { events, next_after }))
}
