//! `POST /api/v1/tickets/{id}/messages`: a customer's follow-up, sent by the app's backend. It
//! goes to the ticket (waiting for the customer or resolved: open again), to the ticket a merged
//! one went into, or to the open continuation of a closed one, which it opens if there is none.

use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use serde_json::json;

use super::{
    api::{TEXT_MAX, checked_files, finish, text},
    api_body::{self, begin},
    attachments, clocks,
    follow_up::{self, FollowError},
    store::{self, Ticket},
};
use crate::{
    api::{ApiClient, Problem},
    audit::{self, Entry},
    db::{self, Db, Tx},
    web::{AppState, context::client_ip},
    with_db, with_tx,
};

/// `POST /api/v1/tickets/{id}/messages`: `{"text"}`, as the body or as the `message` part
/// beside `attachment` parts.
pub(super) async fn message(
    State(state): State<AppState>,
    client: ApiClient,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/tickets/{id}/messages");
    let (got, headers) = match begin(&state, &client, &path, "message", req).await? {
        Ok(b) => b,
        Err(replayed) => return Ok(replayed),
    };
    let api_body::Body { value: body, files, mut errors, key, hash, .. } = got;
    // Nothing of the request is checked or stored for a ticket this client may not write to.
    if !reachable(&state.db, &client, id).await? {
        return Err(Problem::not_found());
    }
    let text = text(&body, "text", TEXT_MAX, &mut errors);
    let files = checked_files(&state, files, &mut errors).await;
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        return Err(Problem::invalid(errors));
    };
    attachments::store(&state.photos, &files)
        .await
        .map_err(|e| Problem::internal(format!("storage: {e}")))?;
    // Files stored for a write that fails go again (a file no row names is nobody's).
    let written: Result<Response, Problem> = async {
        let ip = client_ip(&state.config, &headers, None);
        let mut tx = state.db.begin().await?;
        let mut cal = clocks::calendar_tx(&mut tx).await?;
        let now = db::now();
        let t = reachable_locked(&mut tx, &client, id).await?;
        let message = follow_up::Message {
            text: &text,
            channel: "app",
            api_client_id: Some(client.id),
            automatic: false,
        };
        let added =
            follow_up::add(&mut tx, &mut cal, t, &message, &files, now).await.map_err(|e| match e {
                FollowError::Db(e) => Problem::from(e),
                FollowError::Gone => Problem::not_found(),
                other => Problem::internal(other.to_string()),
            })?;
        let target = added.ticket;
        if let Some(category) = added.opened {
            let entry = Entry::new(&client.actor(), "ticket.created")
                .subject("ticket", target)
                .details(json!({ "category": category, "channel": message.channel }))
                .ip(&ip);
            audit::record(&mut tx, entry).await?;
        }
        let status = StatusCode::CREATED;
        let entry = Entry::new(&client.actor(), "ticket.message-received")
            .subject("ticket", target)
            .details(attachments::with_count(json!({ "chars": text.chars().count() }), files.len()))
            .ip(&ip);
        audit::record(&mut tx, entry).await?;
        finish(&state, &client, tx, target, status, key.as_deref(), &hash).await
    }
    .await;
    if written.is_err() {
        attachments::discard(&state.db, &state.photos, &files).await;
    }
    written
}

/// The ticket `id` if this client may write to it, locked.
async fn reachable_locked(tx: &mut Tx, client: &ApiClient, id: i64) -> Result<Ticket, Problem> {
    let t = store::find_tx(tx, id).await?.ok_or_else(Problem::not_found)?;
    let own: bool =
        with_tx!(tx, |c| sqlx::query_scalar(REACHABLE).bind(id).bind(client.id).fetch_one(c).await)?;
    if own { Ok(t) } else { Err(Problem::not_found()) }
}

/// Whether this client may write to ticket `id`.
pub(super) async fn reachable(db: &Db, client: &ApiClient, id: i64) -> Result<bool, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(REACHABLE).bind(id).bind(client.id).fetch_one(c).await)
}

/// A client may write to a ticket it opened, or to one of a customer it sent applications of;
/// never to an erased customer's.
const REACHABLE: &str = "SELECT EXISTS (SELECT 1 FROM tickets t WHERE t.id = $1
     AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = t.customer_id AND c.erased_at IS NOT NULL)
     AND (t.api_client_id = $2 OR EXISTS (
         SELECT 1 FROM applications a WHERE a.customer_id = t.customer_id AND a.api_client_id = $2)))";
