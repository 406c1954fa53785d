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

use super::{
    outbound,
    parse::{self, Parsed},
    thread::{customer_of, customer_unknown, lock, thread_of},
};
use crate::{
    api::ApiClient,
    audit::{self, Actor, Entry},
    db::{self, Db},
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

/// Who delivered a message: the mail gateway's API client, or the portal itself (the demo); and
/// the mail server whose `Authentication-Results` say whether a sender is verified (none: every
/// sender is taken at its word, as on a machine without a mail server).
pub struct Via {
    pub actor: Actor,
    pub api_client_id: Option<i64>,
    pub auth_server: Option<String>,
}

impl Via {
    pub fn client(client: &ApiClient, auth_server: Option<String>) -> Via {
        Via { actor: client.actor(), api_client_id: Some(client.id), auth_server }
    }
}

/// Takes the raw message `raw`, delivered `via` the mail gateway.
pub async fn take(db: &Db, photos: &Photos, via: &Via, raw: Vec<u8>, ip: &str) -> Result<Taken, TakeError> {
    // Read on a thread of its own; the raw message is dropped there once read. A message
    // without a Message-ID is known by its content. A message the reader cannot get through
    // is one that can never be taken.
    let server = via.auth_server.clone();
    let (mut parsed, message_id) = tokio::task::spawn_blocking(move || {
        let parsed = parse::parse(&raw, server.as_deref())?;
        let id = parsed.message_id.clone().unwrap_or_else(|| {
            use sha2::Digest;
            format!("sha256-{}@no-message-id", hex::encode(sha2::Sha256::digest(&raw)))
        });
        Ok::<_, parse::ParseError>((parsed, id))
    })
    .await
    .map_err(|_| parse::ParseError::NotMail)??;
    if let Some(ticket) = known(db, &message_id).await? {
        return Ok(Taken { ticket, duplicate: true, opened: false, dropped: Vec::new() });
    }
    // Each file on its own: images and PDFs are kept, up to the most a message may have; every
    // other file, and those past the most, are named as dropped.
    let mut files = Vec::new();
    let mut dropped = Vec::new();
    for f in std::mem::take(&mut parsed.files) {
        let one = Incoming {
            field: f.name.clone(),
            file_name: f.name,
            // Mail clients declare what they like; the bytes decide (a declared image or PDF
            // type that disagrees with them is still refused).
            declared: Some(f.declared).filter(|d| d.starts_with("image/") || d == "application/pdf"),
            bytes: f.bytes,
        };
        let name = one.field.clone();
        let (ok, refused) = attachments::check(photos, vec![one]).await;
        dropped.extend(refused);
        for checked in ok {
            if files.len() < attachments::MAX_FILES {
                files.push(checked);
            } else {
                dropped.push((name.clone(), "too_many"));
            }
        }
    }
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
    // A sender the mail server could not verify is trusted with nothing: no thread, no tag,
    // no customer.
    let trusted = p.verified != Some(false);
    let (thread, refused) = if trusted { thread_of(&mut tx, p).await? } else { (None, None) };
    // The subject a new ticket takes: without a tag, else the text's first line.
    let subject = {
        let s = p.subject.replace(&tag(tag_of(&p.subject).unwrap_or(0)), "");
        let s = s.trim();
        let s = if s.is_empty() { text.lines().next().unwrap_or("—") } else { s };
        let (s, _) = clean(s);
        s.chars().take(crate::support::api::SUBJECT_MAX).collect::<String>().replace('\n', " ")
    };
    let (ticket, message, opened) = match thread {
        Some(id) => {
            lock(&mut tx, id).await?;
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
            let customer = if trusted { customer_of(&mut tx, &p.from).await? } else { None };
            let new = NewTicket {
                customer_id: customer,
                sender: Some(p.from.clone()),
                channel: CHANNEL,
                category: CATEGORY,
                // An auto-reply or a bounce that answers nothing the portal sent.
                priority: if p.automatic { "low" } else { "normal" },
                language: p.language,
                subject: subject.clone(),
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
            "INSERT INTO ticket_mail (message_id, ticket_id, ticket_message_id, direction, address, quoted,
                                  unverified, automatic, created_at)
         VALUES ($1, $2, $3, 'in', $4, $5, $6, $7, $8)",
        )
        .bind(message_id)
        .bind(ticket)
        .bind(message)
        .bind(&p.from)
        .bind(p.quoted.as_deref())
        .bind(!trusted)
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
    if !trusted {
        notes.push(json!({ "id": "support-event-mail-unverified", "value": p.from }));
    }
    if let Some(n) = refused {
        notes.push(
            json!({ "id": "support-event-mail-tag-refused", "value": crate::support::model::number(n) }),
        );
    }
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|(name, _)| name.as_str()).collect();
        notes.push(json!({ "id": "support-event-mail-files-dropped", "value": names.join(", ") }));
    }
    if cut {
        notes.push(
            json!({ "id": "support-event-mail-text-cut", "value": crate::i18n::format_int(TEXT_MAX as i64) }),
        );
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
    // A new ticket is acknowledged by mail, in the customer's language, with its tag: not to an
    // auto-reply or bulk mail (no loops), and only to a sender the mail server verified or a
    // customer's own address (a forged From gets nothing sent to the one it names).
    let acknowledged = opened
        && !p.automatic
        && (p.verified == Some(true) || (trusted && !customer_unknown(&mut tx, ticket).await?))
        && outbound::queue_acknowledgement(&mut tx, ticket, p.language, &p.from, now).await?.is_some();
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
    if acknowledged {
        crate::jobs::wake();
    }
    Ok(Taken { ticket, duplicate: false, opened, dropped: dropped.to_vec() })
}
