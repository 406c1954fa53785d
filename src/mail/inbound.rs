//! A received email onto the support desk. A message joins a ticket by the Message-IDs it
//! answers (any the portal received or sent on that ticket), or by the ticket's tag in the
//! subject (`[KP#12]`) when the sender is the ticket's own (its address, or an address the
//! customer gave): a tag from anyone else is not followed, and the new ticket says so. Otherwise
//! it opens a ticket, of the customer whose address it came from when exactly one customer has
//! it, or without a customer, flagged for an agent. The same Message-ID is stored once.
//!
//! Images go through the photo pipeline (a selfie sent by mail is a photo like the app's), PDFs
//! are kept as files; anything else, and files past the limits, are dropped with a line on the
//! ticket naming them.

use serde_json::json;

use super::parse::{self, Parsed};
use crate::{
    api::ApiClient,
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    photos::storage::Photos,
    support::{
        attachments::{self, Checked, Incoming},
        clocks,
        follow_up::{self, FollowError},
        store::{self, NewTicket},
    },
    with_tx,
};

/// The channel of mail on a ticket, and the category a ticket opened by mail starts in (an agent
/// sets the right one).
const CHANNEL: &str = "email";
const CATEGORY: &str = "support";

/// The longest text kept of a message, in characters (the rest is cut, and the line says so).
pub const TEXT_MAX: usize = 20_000;

/// What became of a message.
#[derive(Debug)]
pub struct Taken {
    pub ticket: i64,
    /// It had been taken before (the same Message-ID): nothing new was stored.
    pub duplicate: bool,
    /// A new ticket was opened for it.
    pub opened: bool,
    /// Files not taken, with why.
    pub dropped: Vec<(String, &'static str)>,
}

/// Why a message was not taken.
#[derive(Debug, thiserror::Error)]
pub enum TakeError {
    /// It can never be taken (the gateway answers the mail server "data error").
    #[error(transparent)]
    Invalid(#[from] parse::ParseError),
    #[error("storage: {0}")]
    Storage(std::io::Error),
    #[error(transparent)]
    Follow(#[from] FollowError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The ticket tag in a subject: `[KP#12]` (the ticket's number), if any.
pub fn tag_of(subject: &str) -> Option<i64> {
    let start = subject.find("[KP#")? + 4;
    let rest = &subject[start..];
    let end = rest.find(']')?;
    rest[..end].trim().parse().ok().filter(|n| *n > 0)
}

/// The tag the portal puts in the subject of its mail on ticket `id`.
pub fn tag(id: i64) -> String {
    format!("[KP#{id}]")
}

/// Text as the conversation keeps it: no control characters but line breaks and tabs, at most
/// [`TEXT_MAX`] characters.
fn clean(text: &str) -> (String, bool) {
    let cleaned: String =
        text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).take(TEXT_MAX + 1).collect();
    if cleaned.chars().count() > TEXT_MAX {
        (cleaned.chars().take(TEXT_MAX).collect(), true)
    } else {
        (cleaned, false)
    }
}

/// Who delivered a message: the mail gateway's API client, or the portal itself (the demo).
pub struct Via {
    pub actor: Actor,
    pub api_client_id: Option<i64>,
}

impl Via {
    pub fn client(client: &ApiClient) -> Via {
        Via { actor: client.actor(), api_client_id: Some(client.id) }
    }
}

/// Takes the raw message `raw`, delivered `via` the mail gateway.
pub async fn take(db: &Db, photos: &Photos, via: &Via, raw: Vec<u8>, ip: &str) -> Result<Taken, TakeError> {
    let raw = std::sync::Arc::new(raw);
    let for_parse = raw.clone();
    let parsed = tokio::task::spawn_blocking(move || parse::parse(&for_parse))
        .await
        .map_err(|e| TakeError::Storage(std::io::Error::other(e)))??;
    // A message without a Message-ID is known by its content.
    let message_id = parsed.message_id.clone().unwrap_or_else(|| {
        use sha2::Digest;
        format!("sha256-{}@no-message-id", hex::encode(sha2::Sha256::digest(raw.as_slice())))
    });
    if let Some(ticket) = known(db, &message_id).await? {
        return Ok(Taken { ticket, duplicate: true, opened: false, dropped: Vec::new() });
    }
    let incoming: Vec<Incoming> = parsed
        .files
        .iter()
        .map(|f| Incoming {
            field: f.name.clone(),
            file_name: f.name.clone(),
            // Mail clients declare what they like; the bytes decide (a declared image or PDF
            // type that disagrees with them is still refused).
            declared: Some(f.declared.clone()).filter(|d| d.starts_with("image/") || d == "application/pdf"),
            bytes: f.bytes.clone(),
        })
        .collect();
    let (files, dropped) = attachments::check(photos, incoming).await;
    attachments::store(photos, &files).await.map_err(TakeError::Storage)?;
    let written = write(db, via, &parsed, &message_id, &files, &dropped, ip).await;
    match written {
        Ok(taken) => Ok(taken),
        Err(e) => {
            attachments::discard(db, photos, &files).await;
            // The same message delivered twice at once: the other delivery stored it.
            if let TakeError::Db(sqlx::Error::Database(d)) = &e
                && d.is_unique_violation()
                && let Some(ticket) = known(db, &message_id).await?
            {
                return Ok(Taken { ticket, duplicate: true, opened: false, dropped: Vec::new() });
            }
            Err(e)
        }
    }
}

/// The ticket a Message-ID was stored on, if it was.
async fn known(db: &Db, message_id: &str) -> Result<Option<i64>, sqlx::Error> {
    crate::with_db!(db, |c| sqlx::query_scalar("SELECT ticket_id FROM ticket_mail WHERE message_id = $1")
        .bind(message_id)
        .fetch_optional(c)
        .await)
}

/// Stores the message in one transaction.
async fn write(
    db: &Db,
    via: &Via,
    p: &Parsed,
    message_id: &str,
    files: &[Checked],
    dropped: &[(String, &'static str)],
    ip: &str,
) -> Result<Taken, TakeError> {
    let mut tx = db.begin().await?;
    let mut cal = clocks::calendar_tx(&mut tx).await?;
    let now = db::now();
    let (text, cut) = clean(&p.text);
    let text = if text.trim().is_empty() { "—".to_string() } else { text };
    let (thread, refused_tag) = thread_of(&mut tx, p).await?;
    let (ticket, message, opened) = match thread {
        Some(id) => {
            let t = store::find_tx(&mut tx, id).await?.ok_or(FollowError::Gone)?;
            let m = follow_up::Message {
                text: &text,
                channel: CHANNEL,
                api_client_id: via.api_client_id,
                automatic: p.automatic,
            };
            let added = follow_up::add(&mut tx, &mut cal, t, &m, files, now).await?;
            (added.ticket, added.message, added.opened.is_some())
        }
        None => {
            let customer = customer_of(&mut tx, &p.from).await?;
            let subject = {
                let s = p.subject.replace(&tag(tag_of(&p.subject).unwrap_or(0)), "");
                let s = s.trim();
                let s = if s.is_empty() { text.lines().next().unwrap_or("—") } else { s };
                let (s, _) = clean(s);
                s.chars().take(crate::support::api::SUBJECT_MAX).collect::<String>().replace('\n', " ")
            };
            let new = NewTicket {
                customer_id: customer,
                sender: Some(p.from.clone()),
                channel: CHANNEL,
                category: CATEGORY,
                priority: "normal",
                language: p.language,
                subject,
                body: text.clone(),
                tags: Vec::new(),
                policy_version_id: None,
                parent_id: None,
                api_client_id: via.api_client_id,
                recorded_by: None,
            };
            let (id, first) = store::create(&mut tx, &mut cal, &new, now).await?;
            attachments::insert(&mut tx, id, first, files, now).await?;
            (id, first, true)
        }
    };
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO ticket_mail (message_id, ticket_id, ticket_message_id, direction, address, automatic, created_at)
         VALUES ($1, $2, $3, 'in', $4, $5, $6)"
    )
    .bind(message_id)
    .bind(ticket)
    .bind(message)
    .bind(&p.from)
    .bind(p.automatic)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    // What the agent should know about the message, as lines of the conversation.
    let mut notes = Vec::new();
    if opened && customer_unknown(&mut tx, ticket).await? {
        notes.push(json!({ "id": "support-event-mail-unknown-sender", "value": p.from }));
    }
    if let Some(n) = refused_tag {
        notes.push(
            json!({ "id": "support-event-mail-tag-refused", "value": crate::support::model::number(n) }),
        );
    }
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|(name, _)| name.as_str()).collect();
        notes.push(json!({ "id": "support-event-mail-files-dropped", "value": names.join(", ") }));
    }
    if cut {
        notes.push(json!({ "id": "support-event-mail-text-cut", "value": TEXT_MAX.to_string() }));
    }
    if p.automatic {
        notes.push(json!({ "id": "support-event-mail-automatic", "value": "" }));
    }
    for note in &notes {
        store::insert_message(&mut tx, ticket, "event", "portal", None, &note.to_string(), now).await?;
    }
    if !notes.is_empty() {
        with_tx!(&mut tx, |c| sqlx::query("UPDATE tickets SET messages = messages + $1 WHERE id = $2")
            .bind(notes.len() as i64)
            .bind(ticket)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    if opened {
        let entry = Entry::new(&via.actor, "ticket.created")
            .subject("ticket", ticket)
            .details(attachments::with_count(
                json!({ "category": CATEGORY, "channel": CHANNEL }),
                files.len(),
            ))
            .ip(ip);
        audit::record(&mut tx, entry).await?;
    } else {
        let entry = Entry::new(&via.actor, "ticket.message-received")
            .subject("ticket", ticket)
            .details(attachments::with_count(json!({ "chars": text.chars().count() }), files.len()))
            .ip(ip);
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(Taken { ticket, duplicate: false, opened, dropped: dropped.to_vec() })
}

/// The ticket the message continues, and the ticket of a subject tag that was not followed
/// (its sender is not the ticket's).
async fn thread_of(tx: &mut Tx, p: &Parsed) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    for id in &p.answers {
        let found: Option<i64> =
            with_tx!(tx, |c| sqlx::query_scalar("SELECT ticket_id FROM ticket_mail WHERE message_id = $1")
                .bind(id)
                .fetch_optional(c)
                .await)?;
        if found.is_some() {
            return Ok((found, None));
        }
    }
    let Some(n) = tag_of(&p.subject) else { return Ok((None, None)) };
    // The tag's ticket, if the sender is its own: the address it came from, or one its customer
    // gave (in an application or a data change).
    let own: Option<i64> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT t.id FROM tickets t WHERE t.id = $1 AND (
             lower(t.sender) = $2
             OR EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = t.customer_id AND lower(a.email) = $2)
             OR EXISTS (SELECT 1 FROM customer_fields f WHERE f.customer_id = t.customer_id
                        AND f.field = 'email' AND lower(f.value) = $2))"
    )
    .bind(n)
    .bind(&p.from)
    .fetch_optional(c)
    .await
    })?;
    match own {
        Some(id) => Ok((Some(id), None)),
        None => {
            let exists: Option<i64> =
                with_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM tickets WHERE id = $1")
                    .bind(n)
                    .fetch_optional(c)
                    .await)?;
            Ok((None, exists))
        }
    }
}

/// The one customer with the address `email` (in an application or a data change); none when
/// nobody or more than one has it.
async fn customer_of(tx: &mut Tx, email: &str) -> Result<Option<i64>, sqlx::Error> {
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

async fn customer_unknown(tx: &mut Tx, ticket: i64) -> Result<bool, sqlx::Error> {
    let customer: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT customer_id FROM tickets WHERE id = $1")
            .bind(ticket)
            .fetch_one(c)
            .await)?;
    Ok(customer.is_none())
}
