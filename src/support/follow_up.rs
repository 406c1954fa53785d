//! A customer's follow-up on a ticket, whichever way it came (the app, an email): it goes to the
//! ticket (waiting for the customer or resolved: open again), to the ticket a merged one went
//! into, or to the open continuation of a closed one, which it opens if there is none.

use time::OffsetDateTime;

use super::{
    attachments::{self, Checked},
    calendar::Calendar,
    model,
    store::{self, NewTicket, Ticket},
};
use crate::{db::Tx, with_tx};

/// The follow-up.
pub struct Message<'a> {
    pub text: &'a str,
    /// `app` or `email`.
    pub channel: &'static str,
    /// The API client it came through, if any.
    pub api_client_id: Option<i64>,
    /// An auto-reply (an out-of-office note): kept on the ticket, but it is not the customer's
    /// answer, so the ticket's state and clocks stay as they are, and it opens nothing.
    pub automatic: bool,
}

/// Where it went.
pub struct Added {
    pub ticket: i64,
    /// The customer's message on it.
    pub message: i64,
    /// A new ticket was opened (continuing a closed one), of this category.
    pub opened: Option<&'static str>,
}

/// Why a follow-up could not be added.
#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error("a merge chain without end")]
    Endless,
    #[error("a ticket in the chain is gone")]
    Gone,
    #[error("a locked ticket changed")]
    Changed,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Adds `m` (with its checked `files`) to ticket `t`, followed along merges and continuations.
pub async fn add(
    tx: &mut Tx,
    cal: &mut Calendar,
    mut t: Ticket,
    m: &Message<'_>,
    files: &[Checked],
    now: OffsetDateTime,
) -> Result<Added, FollowError> {
    // A merged ticket's messages go to the ticket it was merged into (followed to the end: a
    // merge goes only into an active ticket, so the chain ends); a closed one's to the ticket
    // that continues it, if that one is still open.
    let mut hops = 0;
    while let Some(into) =
        t.merged_into.or(if t.state == "closed" { open_child(tx, t.id).await? } else { None })
    {
        hops += 1;
        if hops > 1000 {
            return Err(FollowError::Endless);
        }
        t = store::find_tx(tx, into).await?.ok_or(FollowError::Gone)?;
    }
    if t.state == "closed" && !m.automatic {
        let new = NewTicket {
            customer_id: t.customer_id,
            sender: t.sender.clone(),
            channel: m.channel,
            category: model::CATEGORIES.iter().find(|c| **c == t.category).copied().unwrap_or("other"),
            priority: model::PRIORITIES.iter().find(|c| **c == t.priority).copied().unwrap_or("normal"),
            language: if t.language == "kk" { "kk" } else { "ru" },
            subject: t.subject.clone(),
            body: m.text.to_string(),
            tags: Vec::new(),
            policy_version_id: t.policy_version_id,
            parent_id: Some(t.id),
            api_client_id: m.api_client_id,
            recorded_by: None,
        };
        let (id, first) = store::create(tx, cal, &new, now).await?;
        attachments::insert(tx, id, first, files, now).await?;
        return Ok(Added { ticket: id, message: first, opened: Some(new.category) });
    }
    let message = store::insert_message(tx, t.id, "customer", m.channel, None, m.text, now).await?;
    attachments::insert(tx, t.id, message, files, now).await?;
    let mut c = t.clocks();
    // The customer answered: the SLA runs again; a resolved ticket is open again.
    let state = match t.state.as_str() {
        "waiting_customer" | "resolved" if !m.automatic => "open",
        s => model::STATES.iter().find(|x| **x == s).copied().unwrap_or("open"),
    };
    if c.paused_at.is_some() && !m.automatic {
        c.resume(cal, now);
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
    if !store::update(tx, &t, t.version, &change, now).await? {
        return Err(FollowError::Changed);
    }
    if state != t.state
        && let Some(customer) = t.customer_id
    {
        crate::events::emit_customer(tx, "ticket.state-changed", customer, &store::event_payload(&t, state))
            .await?;
    }
    Ok(Added { ticket: t.id, message, opened: None })
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
