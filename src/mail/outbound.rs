//! Mail the portal sends on a ticket: an agent's reply on a ticket the customer wrote by email,
//! and the acknowledgement of a ticket a message opened. Each is written to `mail_outbox` in the
//! transaction of what asks for it, with its Message-ID fixed (a retry sends the same message,
//! and the customer's answer to it finds the ticket), and a `mail.send` job is queued beside it;
//! [`super::send`] sends it.
//!
//! A reply goes to the address the customer last wrote from, verified by the mail server; a
//! ticket with no such mail gets no mail. Its subject carries the ticket's tag (`[KP#12]`), its
//! `In-Reply-To` and `References` the Message-IDs of the thread, its text the greeting and the
//! signature in the ticket's language.

use std::sync::RwLock;

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::inbound::tag;
use crate::{
    db::Tx,
    i18n::{self, Lang},
    jobs::queue,
    support::store::Ticket,
    with_tx,
};

/// The kind of the job that sends one message (`{"mail": outbox id}`).
pub const SEND: &str = "mail.send";
/// Attempts before a message is given up: 30 s doubling to an hour, so about nine hours in
/// all; a mail server down for an hour loses nothing.
pub const MAX_ATTEMPTS: i32 = 16;
/// References kept in a message's header (the newest ones; the first is always kept).
const REFERENCES_MAX: usize = 12;
/// An address gets at most one acknowledgement in this long (a loop with an auto-reply that
/// does not say it is one ends there).
const ACKNOWLEDGED_WITHIN: Duration = Duration::hours(1);

/// The support address, whose domain ends the Message-IDs the portal makes (set at start-up).
static SENDER: RwLock<String> = RwLock::new(String::new());

/// Sets the support address the portal's Message-IDs are made under.
pub fn set_sender(address: &str) {
    if let Ok(mut s) = SENDER.write() {
        *s = address.to_string();
    }
}

fn domain() -> String {
    let sender = SENDER.read().map(|s| s.clone()).unwrap_or_default();
    let sender = if sender.is_empty() { crate::config::DEFAULT_SUPPORT_ADDRESS.to_string() } else { sender };
    sender.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or(sender)
}

/// A new Message-ID (without angle brackets) for mail on ticket `ticket`.
fn new_message_id(ticket: i64) -> String {
    let mut bytes = [0u8; 9];
    let _ = getrandom::fill(&mut bytes);
    format!("kp.{ticket}.{}@{}", hex::encode(bytes), domain())
}

/// The language mail on a ticket is written in.
fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::Ru)
}

/// A message to send, as the outbox keeps it.
struct Outgoing<'a> {
    ticket: i64,
    message: Option<i64>,
    kind: &'static str,
    recipient: &'a str,
    subject: String,
    language: &'a str,
    body: String,
}

/// The address a reply on ticket `ticket` goes to: the one the customer last wrote from, if the
/// mail server did not find it forged.
async fn recipient(tx: &mut Tx, ticket: i64) -> Result<Option<String>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT address FROM ticket_mail WHERE ticket_id = $1 AND direction = 'in' AND NOT unverified
             AND address <> ''
         ORDER BY created_at DESC, message_id DESC LIMIT 1"
    )
    .bind(ticket)
    .fetch_optional(c)
    .await)
}

/// The thread a new message on `ticket` continues: the Message-ID it answers (the customer's
/// newest mail) and the ones it refers to, oldest first.
async fn thread(tx: &mut Tx, ticket: i64) -> Result<(Option<String>, String), sqlx::Error> {
    let ids: Vec<(String, String)> = with_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT message_id, direction FROM ticket_mail WHERE ticket_id = $1 ORDER BY created_at, message_id"
    )
    .bind(ticket)
    .fetch_all(c)
    .await
    })?;
    let answers = ids.iter().rev().find(|(_, d)| d == "in").map(|(id, _)| id.clone());
    let mut kept: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    if kept.len() > REFERENCES_MAX {
        let first = kept[0];
        kept =
            std::iter::once(first).chain(kept[kept.len() - (REFERENCES_MAX - 1)..].iter().copied()).collect();
    }
    Ok((answers, kept.iter().map(|id| format!("<{id}>")).collect::<Vec<_>>().join(" ")))
}

/// A reply's subject: `Re:` and the ticket's subject (once), and its tag.
fn reply_subject(subject: &str, ticket: i64) -> String {
    let s = subject.trim();
    let s = if s.is_empty() { "—" } else { s };
    let re = if s.to_lowercase().starts_with("re:") { "" } else { "Re: " };
    format!("{re}{s} {}", tag(ticket))
}

/// Queues agent's reply `message` (its text `text`) on ticket `t` to the customer's address, if
/// the customer wrote by mail; returns the outbox row.
pub async fn queue_reply(
    tx: &mut Tx,
    t: &Ticket,
    message: i64,
    text: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(to) = recipient(tx, t.id).await? else { return Ok(None) };
    let l = lang(&t.language);
    let body = format!(
        "{}\n\n{}\n\n-- \n{}\n{}\n",
        i18n::t(l, "mail-greeting"),
        text.trim_end(),
        i18n::t(l, "mail-signature"),
        i18n::t_with(l, "mail-keep-tag", &[("tag", tag(t.id))]),
    );
    let out = Outgoing {
        ticket: t.id,
        message: Some(message),
        kind: "reply",
        recipient: &to,
        subject: reply_subject(&t.subject, t.id),
        language: l.code(),
        body,
    };
    insert(tx, &out, now).await.map(Some)
}

/// Queues the acknowledgement of ticket `ticket`, opened by a message from `to`, unless that
/// address had one within the last hour. Its subject is the portal's own (a sender who forged
/// the From header cannot have the portal mail a text of theirs to someone).
pub async fn queue_acknowledgement(
    tx: &mut Tx,
    ticket: i64,
    language: &str,
    to: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    let recent: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1 AND kind = 'acknowledgement' AND created_at > $2"
    )
    .bind(to)
    .bind(now - ACKNOWLEDGED_WITHIN)
    .fetch_one(c)
    .await
    })?;
    if recent > 0 || to.is_empty() {
        return Ok(None);
    }
    let l = lang(language);
    let number = crate::support::model::number(ticket);
    let body = format!(
        "{}\n\n{}\n\n-- \n{}\n{}\n",
        i18n::t(l, "mail-greeting"),
        i18n::t_with(l, "mail-acknowledgement-body", &[("number", number)]),
        i18n::t(l, "mail-signature"),
        i18n::t_with(l, "mail-keep-tag", &[("tag", tag(ticket))]),
    );
    let out = Outgoing {
        ticket,
        message: None,
        kind: "acknowledgement",
        recipient: to,
        subject: format!(
            "{} {}",
            i18n::t_with(
                l,
                "mail-acknowledgement-subject",
                &[("number", crate::support::model::number(ticket))]
            ),
            tag(ticket)
        ),
        language: l.code(),
        body,
    };
    insert(tx, &out, now).await.map(Some)
}

/// Writes `out` to the outbox and the thread, and queues the job that sends it.
async fn insert(tx: &mut Tx, out: &Outgoing<'_>, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let (in_reply_to, refs) = thread(tx, out.ticket).await?;
    let message_id = new_message_id(out.ticket);
    let id: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO mail_outbox (ticket_id, ticket_message_id, kind, message_id, recipient, subject, language,
                                  body, in_reply_to, refs, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(out.ticket)
    .bind(out.message)
    .bind(out.kind)
    .bind(&message_id)
    .bind(out.recipient)
    .bind(&out.subject)
    .bind(out.language)
    .bind(&out.body)
    .bind(in_reply_to.map(|i| format!("<{i}>")))
    .bind(&refs)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    // The customer's answer names this Message-ID, which leads back to the ticket.
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO ticket_mail (message_id, ticket_id, ticket_message_id, direction, address, created_at)
         VALUES ($1, $2, $3, 'out', $4, $5)"
    )
    .bind(&message_id)
    .bind(out.ticket)
    .bind(out.message)
    .bind(out.recipient)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    let job = queue::enqueue_tx(tx, SEND, &json!({ "mail": id }), MAX_ATTEMPTS, None).await?;
    with_tx!(tx, |c| sqlx::query("UPDATE mail_outbox SET job_id = $1 WHERE id = $2")
        .bind(job)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_subject_says_re_once_and_carries_the_tag() {
        assert_eq!(reply_subject("Где мой заём?", 12), "Re: Где мой заём? [KP#12]");
        assert_eq!(reply_subject("RE: вопрос", 7), "RE: вопрос [KP#7]");
        assert_eq!(reply_subject("  ", 3), "Re: — [KP#3]");
    }

    #[test]
    fn message_ids_are_new_each_time_and_name_the_support_domain() {
        let a = new_message_id(5);
        assert!(a.starts_with("kp.5.") && a.contains('@'), "{a}");
        assert_ne!(a, new_message_id(5));
    }
}
