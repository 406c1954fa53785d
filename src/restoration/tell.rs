//! The customer hears of a decision where they asked: the event to the app always (in
//! [`super::decide`]), and a reply on the case's ticket when there is one (the ticket it was
//! merged into, if it was), in the ticket's language, with the `ticket.replied` event and an
//! audit entry as any reply has; a customer who wrote by mail gets it by mail (queued in the same
//! transaction). A closed ticket is not written to: the app's event is the answer.
//!
//! Lock order: a decision locks the customer, the case, then the ticket ([`lock`]) before any
//! event is written, as the support desk locks a ticket before its events.

use serde_json::json;

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Tx},
    i18n::Lang,
    support::store,
    with_tx,
};

/// The ticket case `case` came from (or the one it was merged into), locked on PostgreSQL.
pub async fn lock(tx: &mut Tx, case: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut ticket: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT ticket_id FROM restoration_cases WHERE id = $1")
            .bind(case)
            .fetch_one(c)
            .await)?;
    // A merged ticket lives on in the one it was merged into (at most a few steps).
    for _ in 0..5 {
        let Some(t) = ticket else { return Ok(None) };
        let into: Option<Option<i64>> =
            with_tx!(tx, |c| sqlx::query_scalar("SELECT merged_into FROM tickets WHERE id = $1")
                .bind(t)
                .fetch_optional(c)
                .await)?;
        match into {
            Some(Some(next)) => ticket = Some(next),
            _ => break,
        }
    }
    if let Some(t) = ticket {
        store::find_tx(tx, t).await?;
    }
    Ok(ticket)
}

/// Replies `text` (`(Russian, Kazakh)`, the ticket's language taken) as `staff` on case `case`'s
/// ticket, if it has one that is still open to replies.
pub async fn on_ticket(
    tx: &mut Tx,
    actor: &Actor,
    case: i64,
    staff: i64,
    text: (&str, &str),
    ip: &str,
) -> Result<(), sqlx::Error> {
    let Some(ticket) = lock(tx, case).await? else { return Ok(()) };
    let Some(t) = store::find_tx(tx, ticket).await? else { return Ok(()) };
    if t.state == "closed" || t.state == "merged" {
        return Ok(());
    }
    let text = if Lang::parse(&t.language) == Some(Lang::Kk) { text.1 } else { text.0 };
    let now = db::now();
    let message = store::insert_message(tx, ticket, "reply", "portal", Some(staff), text, now).await?;
    crate::mail::outbound::queue_reply(tx, &t, message, text, now).await?;
    with_tx!(tx, |c| sqlx::query(
        "UPDATE tickets SET messages = messages + 1, version = version + 1, updated_at = $1,
                first_response_at = COALESCE(first_response_at, $1)
         WHERE id = $2"
    )
    .bind(now)
    .bind(ticket)
    .execute(c)
    .await
    .map(|_| ()))?;
    if let Some(customer) = t.customer_id {
        let payload = json!({
            "ticket_id": t.id, "number": t.number(), "text": text, "language": t.language,
            "state": t.state, "attachments": [],
        });
        crate::events::emit_customer(tx, "ticket.replied", customer, &payload).await?;
    }
    let (chars, state) = (text.chars().count(), t.state.clone());
    let entry = Entry::new(actor, "ticket.replied")
        .subject("ticket", ticket)
        .ip(ip)
        .details(json!({ "state": state, "chars": chars }));
    audit::record(tx, entry).await.map(|_| ())
}
