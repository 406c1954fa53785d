//! `GET /api/v1/applications/{id}`: where one application stands, for the app's backend that
//! follows the `Location` of its submission (the events feed is the way to follow them all).

use axum::{
    Json,
    extract::{Path, State},
};
use serde::Serialize;
use serde_json::Value;
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    api::{ApiClient, Problem, keys::Scope},
    events::Event,
    web::AppState,
    with_db,
};

/// One application as the API shows it.
#[derive(Serialize)]
pub struct Status {
    pub id: i64,
    pub external_id: Option<String>,
    /// pending, approved, rejected or resubmission_requested.
    pub status: String,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    /// The newest event about this application (a decision carries its reasons or the message
    /// for the customer), or null.
    pub last_event: Option<Event>,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    external_id: Option<String>,
    status: String,
    version: i64,
    received_at: OffsetDateTime,
    decided_at: Option<OffsetDateTime>,
}

#[derive(FromRow)]
struct EventRow {
    seq: i64,
    at: OffsetDateTime,
    event_type: String,
    payload: String,
}

/// The handler.
pub async fn show(
    State(state): State<AppState>,
    client: ApiClient,
    Path(id): Path<String>,
) -> Result<Json<Status>, Problem> {
    client.require_any(&[Scope::ApplicationsWrite, Scope::EventsRead])?;
    let Ok(id) = id.parse::<i64>() else { return Err(Problem::not_found()) };
    // A client sees its own applications only; another's is not found.
    let row: Option<Row> = with_db!(&state.db, |c| sqlx::query_as(
        "SELECT id, external_id, status, version, received_at, decided_at FROM applications
         WHERE id = $1 AND api_client_id = $2"
    )
    .bind(id)
    .bind(client.id)
    .fetch_optional(c)
    .await)?;
    let Some(row) = row else { return Err(Problem::not_found()) };
    let last: Option<EventRow> = with_db!(&state.db, |c| sqlx::query_as(
        "SELECT seq, at, event_type, payload FROM outbox_events WHERE application_id = $1
         ORDER BY seq DESC LIMIT 1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(Json(Status {
        id: row.id,
        external_id: row.external_id,
        status: row.status,
        version: row.version,
        received_at: row.received_at,
        decided_at: row.decided_at,
        last_event: last.map(|e| Event {
            seq: e.seq,
            event_type: e.event_type,
            application_id: Some(id),
            customer_id: None,
            at: e.at,
            data: serde_json::from_str(&e.payload).unwrap_or(Value::Null),
        }),
    }))
}
