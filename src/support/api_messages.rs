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
    attachments, clocks, model,
    store::{self, NewTicket, Ticket},
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
        // A merged ticket's messages go to the ticket it was merged into (followed to the end: a
        // merge goes only into an active ticket, so the chain ends); a closed one's to the ticket
        // that continues it, if that one is still open.
        let mut t = reachable_locked(&mut tx, &client, id).await?;
        let mut hops = 0;
        while let Some(into) =
            t.merged_into.or(if t.state == "closed" { open_child(&mut tx, t.id).await? } else { None })
        {
            hops += 1;
            if hops > 1000 {
                return Err(Problem::internal("a merge chain without end"));
            }
            t = store::find_tx(&mut tx, into).await?.ok_or_else(Problem::not_found)?;
        }
        let (target, status) = if t.state == "closed" {
            let new = NewTicket {
                customer_id: t.customer_id,
                sender: t.sender.clone(),
                channel: "app",
                category: model::CATEGORIES.iter().find(|c| **c == t.category).copied().unwrap_or("other"),
                priority: model::PRIORITIES.iter().find(|c| **c == t.priority).copied().unwrap_or("normal"),
                language: if t.language == "kk" { "kk" } else { "ru" },
                subject: t.subject.clone(),
                body: text.clone(),
                tags: Vec::new(),
                policy_version_id: t.policy_version_id,
                parent_id: Some(t.id),
                api_client_id: Some(client.id),
                recorded_by: None,
            };
            let (new_id, first) = store::create(&mut tx, &mut cal, &new, now).await?;
            attachments::insert(&mut tx, new_id, first, &files, now).await?;
            let channel = new.channel;
            let entry = Entry::new(&client.actor(), "ticket.created")
                .subject("ticket", new_id)
                .details(json!({ "category": new.category, "channel": channel }))
                .ip(&ip);
            audit::record(&mut tx, entry).await?;
            (new_id, StatusCode::CREATED)
        } else {
            let message = store::insert_message(&mut tx, t.id, "customer", "app", None, &text, now).await?;
            attachments::insert(&mut tx, t.id, message, &files, now).await?;
            let mut c = t.clocks();
            // The customer answered: the SLA runs again; a resolved ticket is open again.
            let state = match t.state.as_str() {
                "waiting_customer" | "resolved" => "open",
                s => model::STATES.iter().find(|x| **x == s).copied().unwrap_or("open"),
            };
            if c.paused_at.is_some() {
                c.resume(&mut cal, now);
            }
            let change = store::Change {
                state,
                priority: &t.priority,
                category: &t.category,
                assignee_id: t.assignee_id,
                tags: t.tags.clone(),
                merged_into: None,
                clocks: &c,
                added: 1,
            };
            if !store::update(&mut tx, &t, t.version, &change, now).await? {
                return Err(Problem::internal("a locked ticket changed"));
            }
            if state != t.state
                && let Some(customer) = t.customer_id
            {
                crate::events::emit_customer(
                    &mut tx,
                    "ticket.state-changed",
                    customer,
                    &store::event_payload(&t, state),
                )
                .await?;
            }
            (t.id, StatusCode::CREATED)
        };
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

/// The newest active ticket that continues closed ticket `id`.
async fn open_child(tx: &mut Tx, id: i64) -> Result<Option<i64>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(&format!(
        "SELECT id FROM tickets WHERE parent_id = $1 AND state IN {} ORDER BY id DESC LIMIT 1",
        model::ACTIVE_SQL
    ))
    .bind(id)
    .fetch_optional(c)
    .await)
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
