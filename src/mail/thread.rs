//! Where a received message belongs: the ticket it continues (by the Message-IDs it answers or
//! the tag in its subject, for that ticket's own sender only) and the customer an address names.

use super::{inbound::tag_of, parse::Parsed};
use crate::{db::Tx, with_tx};

/// Whether `from` is ticket `id`'s own sender: the address it came from, or one its customer
/// gave (in an application or a data change).
async fn own(tx: &mut Tx, id: i64, from: &str) -> Result<bool, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM tickets t WHERE t.id = $1 AND (
             lower(t.sender) = $2
             OR EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = t.customer_id AND a.email = $2)
             OR EXISTS (SELECT 1 FROM customer_fields f WHERE f.customer_id = t.customer_id
                        AND f.field = 'email' AND lower(f.value) = $2)))"
    )
    .bind(id)
    .bind(from)
    .fetch_one(c)
    .await)
}

/// The ticket the message continues, and a ticket it named (by answering its mail or by its
/// subject tag) that it may not join, its sender not being that ticket's own. A quoted
/// Message-ID or a tag is known to everyone who saw the mail; only the ticket's own sender
/// joins its thread.
pub(super) async fn thread_of(tx: &mut Tx, p: &Parsed) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    let mut named = None;
    for id in &p.answers {
        let found: Option<i64> =
            with_tx!(tx, |c| sqlx::query_scalar("SELECT ticket_id FROM ticket_mail WHERE message_id = $1")
                .bind(id)
                .fetch_optional(c)
                .await)?;
        if let Some(t) = found {
            if own(tx, t, &p.from).await? {
                return Ok((Some(t), None));
            }
            named = named.or(Some(t));
        }
    }
    if let Some(n) = tag_of(&p.subject) {
        let exists: Option<i64> =
            with_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM tickets WHERE id = $1")
                .bind(n)
                .fetch_optional(c)
                .await)?;
        if let Some(t) = exists {
            if own(tx, t, &p.from).await? {
                return Ok((Some(t), None));
            }
            named = named.or(Some(t));
        }
    }
    Ok((None, named))
}

/// Locks ticket `id` for the rest of the transaction (PostgreSQL; SQLite's writer lock, taken
/// when the transaction began, covers it), so an agent's change meanwhile waits.
pub(super) async fn lock(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    if let Tx::Pg(t) = tx {
        sqlx::query("SELECT id FROM tickets WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut **t)
            .await?;
    }
    Ok(())
}

/// The one customer with the address `email` (in an application or a data change); none when
/// nobody or more than one has it.
pub(super) async fn customer_of(tx: &mut Tx, email: &str) -> Result<Option<i64>, sqlx::Error> {
    let found: Vec<i64> = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT DISTINCT customer_id FROM (
             SELECT customer_id FROM applications WHERE email = $1 AND customer_id IS NOT NULL
             UNION SELECT customer_id FROM customer_fields WHERE field = 'email' AND lower(value) = $1) x
         LIMIT 2"
    )
    .bind(email)
    .fetch_all(c)
    .await)?;
    Ok(if found.len() == 1 { found.first().copied() } else { None })
}

pub(super) async fn customer_unknown(tx: &mut Tx, ticket: i64) -> Result<bool, sqlx::Error> {
    let customer: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT customer_id FROM tickets WHERE id = $1")
            .bind(ticket)
            .fetch_one(c)
            .await)?;
    Ok(customer.is_none())
}
