//! What staff do to a ticket: reply, note, change its state, priority, category, assignee or
//! tags, merge it into another. Each is one transaction: the ticket row guarded by the version
//! the person saw, the conversation line, the clocks, the audit entry, and the event to the app
//! (`ticket.replied` with the text, `ticket.state-changed`).

use std::sync::Arc;

use serde_json::json;
use time::OffsetDateTime;

use super::{
    attachments, clocks, model,
    store::{self, Change},
};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    events, with_tx,
};

/// What a person does.
#[derive(Clone, Debug)]
pub enum Act {
    /// A reply to the customer, the state the ticket then takes, and the files sent with it
    /// (checked and stored: [`super::attachments`]).
    Reply { body: String, then: &'static str, files: Arc<Vec<attachments::Checked>> },
    /// An internal note (never sent).
    Note { body: String },
    /// The ticket's fields as they are to be.
    Update {
        state: &'static str,
        priority: &'static str,
        category: &'static str,
        assignee: Option<i64>,
        tags: Vec<String>,
    },
    /// Merged into another ticket of the same customer.
    Merge { into: i64 },
}

/// Why an act did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WorkError {
    #[error("no such ticket")]
    NotFound,
    /// Someone changed the ticket since the page was shown.
    #[error("stale")]
    Stale,
    /// Refused by the rules (a Fluent id), with the form field it belongs to.
    #[error("refused: {0}")]
    Refused(&'static str, &'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Does `act` on ticket `id` as `me`, if it is still at `version`.
pub async fn act(
    db: &Db,
    actor: &Actor,
    me: i64,
    id: i64,
    version: i64,
    act: &Act,
    ip: &str,
) -> Result<(), WorkError> {
    let mut tx = db.begin().await?;
    let mut cal = clocks::calendar_tx(&mut tx).await?;
    let t = store::find_tx(&mut tx, id).await?.ok_or(WorkError::NotFound)?;
    if t.version != version {
        return Err(WorkError::Stale);
    }
    if t.state == "merged" {
        return Err(WorkError::Refused("support-merged-read-only", "body"));
    }
    let now = db::now();
    let mut c = t.clocks();
    let (mut priority, mut category, mut assignee_id, mut tags, mut merged_into) =
        (t.priority.as_str(), t.category.as_str(), t.assignee_id, t.tags.clone(), None);
    let entry = Entry::new(actor, "ticket.updated").subject("ticket", id).ip(ip);
    let mut mailed = false;
    let (entry, new_state, reply) = match act {
        Act::Reply { body, then, files } => {
            if t.state == "closed" {
                return Err(WorkError::Refused("support-closed-final", "body"));
            }
            if *then != t.state {
                // The reply itself answers a legal request when it resolves the ticket.
                model::state_change(&t.state, then, c.legal_open() && *then != "resolved")
                    .map_err(|why| WorkError::Refused(why, "then"))?;
            }
            let message = store::insert_message(&mut tx, id, "reply", "portal", Some(me), body, now).await?;
            attachments::insert(&mut tx, id, message, files, now).await?;
            // A customer who wrote by mail gets the reply by mail too (sent by a job).
            mailed = crate::mail::outbound::queue_reply(&mut tx, &t, message, body, now).await?.is_some();
            c.replied(now, *then == "resolved");
            let then = *then;
            let count = files.len();
            let entry = Entry::new(actor, "ticket.replied").subject("ticket", id).ip(ip).details(
                attachments::with_count(json!({ "state": then, "chars": body.chars().count() }), count),
            );
            (entry, then, Some((body.as_str(), message)))
        }
        Act::Note { body } => {
            store::insert_message(&mut tx, id, "note", "portal", Some(me), body, now).await?;
            let entry = Entry::new(actor, "ticket.noted")
                .subject("ticket", id)
                .ip(ip)
                .details(json!({ "chars": body.chars().count() }));
            (entry, t.state.as_str(), None)
        }
        Act::Update { state, priority: p, category: k, assignee, tags: g } => {
            if t.state == "closed" {
                return Err(WorkError::Refused("support-closed-final", "state"));
            }
            if (*p, *k) != (t.priority.as_str(), t.category.as_str()) {
                // Another category or priority is held to other targets, a legal one included.
                let old = clocks::target(&mut tx, &t.category, &t.priority).await?;
                let new = clocks::target(&mut tx, k, p).await?;
                c.retarget(&mut cal, &old, &new, t.created_at);
            }
            if *state != t.state {
                model::state_change(&t.state, state, c.legal_open())
                    .map_err(|why| WorkError::Refused(why, "state"))?;
            }
            let (t_priority, t_category, t_tags) = (t.priority.clone(), t.category.clone(), t.tags.clone());
            priority = p;
            category = k;
            assignee_id = *assignee;
            tags = g.join(" ");
            // Each changed field as `before → after` (the audit page names the codes).
            let mut changed = serde_json::Map::new();
            let mut diff = |k: &str, a: String, b: String| {
                if a != b {
                    changed.insert(k.into(), json!(format!("{a} → {b}")));
                }
            };
            let before = t.assignee.clone().unwrap_or_else(|| "—".to_string());
            let after = match assignee {
                None => "—".to_string(),
                Some(a) if Some(*a) == t.assignee_id => before.clone(),
                Some(a) => staff_name(&mut tx, *a).await?,
            };
            diff("state", t.state.clone(), state.to_string());
            diff("priority", t_priority, p.to_string());
            diff("category", t_category, k.to_string());
            diff("assignee", before, after);
            diff("tags", t_tags, g.join(" "));
            if changed.is_empty() {
                return Err(WorkError::Refused("support-nothing-changed", "state"));
            }
            let entry = entry.details(serde_json::Value::Object(changed));
            (entry, *state, None)
        }
        Act::Merge { into } => {
            if *into == id {
                return Err(WorkError::Refused("support-merge-self", "into"));
            }
            if !t.active() {
                return Err(WorkError::Refused("support-merge-not-active", "into"));
            }
            // A legal request must be answered on its own ticket, not lost in another's.
            if c.legal_open() {
                return Err(WorkError::Refused("support-merge-legal", "into"));
            }
            let target = store::find_tx(&mut tx, *into).await?;
            let Some(target) = target else {
                return Err(WorkError::Refused("support-merge-unknown", "into"));
            };
            if target.customer_id != t.customer_id || t.customer_id.is_none() {
                return Err(WorkError::Refused("support-merge-other-customer", "into"));
            }
            if !target.active() {
                return Err(WorkError::Refused("support-merge-target-closed", "into"));
            }
            let note = format!("{} → {}", t.number(), target.number());
            store::insert_message(&mut tx, id, "event", "portal", Some(me), &note, now).await?;
            store::insert_message(&mut tx, *into, "event", "portal", Some(me), &note, now).await?;
            bump(&mut tx, *into, now).await?;
            merged_into = Some(*into);
            let entry = Entry::new(actor, "ticket.merged")
                .subject("ticket", id)
                .ip(ip)
                .details(json!({ "into": target.number() }));
            (entry, "merged", None)
        }
    };
    // The clock follows the state: paused while the customer is waited for, running otherwise.
    if model::paused(new_state) {
        c.pause(now);
    } else if c.paused_at.is_some() {
        c.resume(&mut cal, now);
    }
    let change = Change {
        state: new_state,
        priority,
        category,
        assignee_id,
        tags,
        merged_into,
        clocks: &c,
        added: match act {
            Act::Merge { .. } | Act::Reply { .. } | Act::Note { .. } => 1,
            Act::Update { .. } => 0,
        },
    };
    if !store::update(&mut tx, &t, version, &change, now).await? {
        return Err(WorkError::Stale);
    }
    audit::record(&mut tx, entry).await?;
    if let Some(customer) = t.customer_id {
        if let Some((text, message)) = reply {
            // The files sent with it, for the app to fetch (`GET /api/v1/tickets/{id}/attachments/{att}`).
            let files: Vec<serde_json::Value> = attachments::of_message(&mut tx, message)
                .await?
                .iter()
                .map(attachments::Attachment::for_event)
                .collect();
            let payload = json!({
                "ticket_id": t.id, "number": t.number(), "text": text, "language": t.language,
                "state": new_state, "attachments": files,
            });
            events::emit_customer(&mut tx, "ticket.replied", customer, &payload).await?;
        }
        if new_state != t.state {
            events::emit_customer(
                &mut tx,
                "ticket.state-changed",
                customer,
                &store::event_payload(&t, new_state),
            )
            .await?;
        }
    }
    tx.commit().await?;
    if mailed {
        crate::jobs::wake();
    }
    Ok(())
}

/// A staff member's name, for the audit trail.
async fn staff_name(tx: &mut Tx, id: i64) -> Result<String, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar("SELECT full_name FROM staff WHERE id = $1")
        .bind(id)
        .fetch_one(c)
        .await)
}

/// Marks a ticket changed by a line written on it from elsewhere (a merge into it), so a page
/// showing it sees a new version.
async fn bump(tx: &mut Tx, id: i64, at: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE tickets SET messages = messages + 1, updated_at = $1, version = version + 1 WHERE id = $2"
    )
    .bind(at)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Whether `t` may take `then` after a reply.
pub fn reply_state(then: &str) -> Option<&'static str> {
    ["open", "waiting_customer", "waiting_third_party", "resolved"].into_iter().find(|s| *s == then)
}
