//! Sends one outbox message ([`super::outbound`]) by SMTP, as a `mail.send` job: the message is
//! built from its outbox row (the same Message-ID every attempt) with the files of the reply it
//! carries, and handed to the mail server configured by `--smtp-url`. Without one (the demo) the
//! message is kept, for administrators to read on `/admin/mail`.
//!
//! A message already sent or kept is never sent again, whoever retries its job, and only the job
//! the outbox row names (the newest, when an administrator sent it again) sends it. A failure the
//! mail server calls temporary (or a server that does not answer) is retried by the job queue;
//! one it calls permanent, and an address that is not one, end the message `failed` at once.
//! Errors are kept with their addresses masked ([`redact`]).

use std::sync::Arc;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Attachment, Mailbox, MultiPart, SinglePart,
        header::{ContentType, HeaderName, HeaderValue},
    },
};
use serde::Deserialize;
use sqlx::FromRow;

use crate::{
    config::Config,
    db::{self, Db},
    jobs::queue::{self, Claimed},
    photos::storage::{display_key, original_key},
    web::AppState,
    with_db,
};

/// The mail server connection (pooled).
pub type Smtp = AsyncSmtpTransport<Tokio1Executor>;

/// How long one exchange with the mail server may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The display name mail is sent under.
const FROM_NAME: &str = "Kreditomat";

/// Checks the mail settings at start-up: the support address is an address, the SMTP URL one
/// lettre takes.
pub fn check_settings(config: &Config) -> Result<(), String> {
    config
        .support_address
        .parse::<lettre::Address>()
        .map_err(|e| format!("--support-address {:?}: {e}", config.support_address))?;
    if let Some(url) = &config.smtp_url {
        transport(url)?;
    }
    Ok(())
}

/// The mail server at `url`.
pub fn transport(url: &str) -> Result<Arc<Smtp>, String> {
    let builder = Smtp::from_url(url).map_err(|e| format!("--smtp-url: {e}"))?;
    Ok(Arc::new(builder.timeout(Some(TIMEOUT)).build()))
}

/// An outbox row as the sender needs it.
#[derive(Debug, FromRow)]
struct Row {
    ticket_message_id: Option<i64>,
    kind: String,
    message_id: String,
    recipient: String,
    subject: String,
    language: String,
    body: String,
    in_reply_to: Option<String>,
    refs: String,
    state: String,
    job_id: Option<i64>,
}

/// Runs the `mail.send` job `job`: how many messages it sent (0 or 1).
pub async fn run(state: &AppState, job: &Claimed) -> Result<i64, String> {
    #[derive(Deserialize)]
    struct P {
        mail: i64,
    }
    let p: P = serde_json::from_str(&job.payload).map_err(|e| format!("payload: {e}"))?;
    let db = &state.db;
    let row: Option<Row> = with_db!(db, |c| sqlx::query_as(
        "SELECT ticket_message_id, kind, message_id, recipient, subject, language, body, in_reply_to, refs, state,
                job_id
         FROM mail_outbox WHERE id = $1"
    )
    .bind(p.mail)
    .fetch_optional(c)
    .await)
    .map_err(|e| e.to_string())?;
    let Some(row) = row else { return Err(format!("no mail {} in the outbox", p.mail)) };
    // Sent or kept already; or this job was replaced by a newer one (an administrator sent the
    // message again), which alone may send it.
    if matches!(row.state.as_str(), "sent" | "kept") || row.job_id != Some(job.id) {
        return Ok(0);
    }
    let Some(smtp) = &state.smtp else {
        set(db, p.mail, "kept", job.attempts, None).await.map_err(|e| e.to_string())?;
        return Ok(0);
    };
    let message = match build(state, &row).await {
        Ok(m) => m,
        Err(Build::Never(why)) => {
            give_up(db, job, p.mail, &why).await?;
            return Err(why);
        }
        Err(Build::Later(why)) => return retry(db, job, p.mail, redact(&why)).await,
    };
    match smtp.send(message).await {
        Ok(_) => {
            // The server has it: the record must not fail the job (a retry would send it again).
            for attempt in 1..=5 {
                match set(db, p.mail, "sent", job.attempts, None).await {
                    Ok(()) => break,
                    Err(e) if attempt == 5 => {
                        tracing::error!(mail = p.mail, error = %e, "a sent mail could not be recorded as sent")
                    }
                    Err(_) => tokio::time::sleep(std::time::Duration::from_millis(200 * attempt)).await,
                }
            }
            Ok(1)
        }
        Err(e) if e.is_permanent() => {
            let why = redact(&e.to_string());
            give_up(db, job, p.mail, &why).await?;
            Err(why)
        }
        Err(e) => retry(db, job, p.mail, redact(&e.to_string())).await,
    }
}

/// `text` with every address in it masked: errors are shown on administrators' pages and in
/// logs, and a mail server's answer often repeats the recipient.
pub fn redact(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.split_once('@') {
            Some((_, rest)) => {
                // The domain, then whatever punctuation followed the address.
                let end =
                    rest.find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
                let domain = rest[..end].trim_end_matches('.');
                let after = rest[domain.len()..].trim_start_matches('>');
                format!("•••@{domain}{after}")
            }
            None => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A failure worth trying again: `retrying`, or `failed` when this was the last attempt.
async fn retry(db: &Db, job: &Claimed, id: i64, why: String) -> Result<i64, String> {
    let state = if job.attempts >= job.max_attempts { "failed" } else { "retrying" };
    set(db, id, state, job.attempts, Some(&why)).await.map_err(|e| e.to_string())?;
    Err(why)
}

/// A failure no retry mends: the message `failed`, and its job makes no more attempts.
async fn give_up(db: &Db, job: &Claimed, id: i64, why: &str) -> Result<(), String> {
    set(db, id, "failed", job.attempts, Some(why)).await.map_err(|e| e.to_string())?;
    queue::last_attempt(db, job).await.map_err(|e| e.to_string())?;
    Ok(())
}

/// Records what became of message `id` (a message sent is never set back).
async fn set(db: &Db, id: i64, state: &str, attempts: i32, error: Option<&str>) -> Result<(), sqlx::Error> {
    let now = db::now();
    let error: Option<String> = error.map(|e| e.chars().take(500).collect());
    with_db!(db, |c| sqlx::query(
        "UPDATE mail_outbox SET state = $1, attempts = $2, last_error = $3,
                                sent_at = CASE WHEN $1 = 'sent' THEN $4 ELSE sent_at END
         WHERE id = $5 AND state NOT IN ('sent', 'kept')"
    )
    .bind(state)
    .bind(attempts)
    .bind(error)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Why a message could not be built.
enum Build {
    /// Never will be (an address that is not one).
    Never(String),
    /// Not now (a file could not be read from storage).
    Later(String),
}

/// The message as it goes out.
async fn build(state: &AppState, row: &Row) -> Result<Message, Build> {
    let from: lettre::Address =
        state.config.support_address.parse().map_err(|e| Build::Never(format!("from: {e}")))?;
    let to: lettre::Address = row
        .recipient
        .parse()
        .map_err(|e| Build::Never(redact(&format!("{} is not an address: {e}", row.recipient))))?;
    let mut builder = Message::builder()
        .from(Mailbox::new(Some(FROM_NAME.to_string()), from))
        .to(Mailbox::new(None, to))
        .subject(row.subject.clone())
        .message_id(Some(format!("<{}>", row.message_id)))
        .date_now();
    if let Some(answers) = &row.in_reply_to {
        builder = builder.in_reply_to(answers.clone());
    }
    if !row.refs.is_empty() {
        builder = builder.references(row.refs.clone());
    }
    let text = SinglePart::plain(row.body.clone());
    let files = match row.ticket_message_id {
        Some(m) => files(state, m).await?,
        None => Vec::new(),
    };
    let mut message = if files.is_empty() {
        builder.singlepart(text)
    } else {
        let mut parts = MultiPart::mixed().singlepart(text);
        for (name, content_type, bytes) in files {
            let kind = ContentType::parse(content_type).map_err(|e| Build::Never(e.to_string()))?;
            parts = parts.singlepart(Attachment::new(name).body(bytes, kind));
        }
        builder.multipart(parts)
    }
    .map_err(|e| Build::Never(e.to_string()))?;
    let headers = message.headers_mut();
    headers.insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("Content-Language"),
        row.language.clone(),
    ));
    // An acknowledgement is an automatic answer (RFC 3834): other auto-replies do not answer it.
    if row.kind == "acknowledgement" {
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-replied".to_string(),
        ));
    }
    Ok(message)
}

/// The files of reply `message`, as the customer gets them in the app: an image as its JPEG
/// display copy (no metadata), a PDF as it came.
async fn files(state: &AppState, message: i64) -> Result<Vec<(String, &'static str, Vec<u8>)>, Build> {
    let list = crate::support::attachments::of_message_db(&state.db, message)
        .await
        .map_err(|e| Build::Later(e.to_string()))?;
    let mut out = Vec::new();
    for a in list {
        let key = if a.is_image() { display_key(&a.sha256, "review") } else { original_key(&a.sha256) };
        let bytes = state
            .photos
            .storage
            .get(&key)
            .await
            .map_err(|e| Build::Later(format!("storage: {e}")))?
            .ok_or_else(|| Build::Later(format!("{} is not in storage", a.file_name)))?;
        let name = if a.is_image()
            && !{
                let lower = a.file_name.to_lowercase();
                lower.ends_with(".jpg") || lower.ends_with(".jpeg")
            } {
            format!("{}.jpg", a.file_name.rsplit_once('.').map_or(a.file_name.as_str(), |(stem, _)| stem))
        } else {
            a.file_name.clone()
        };
        out.push((name, a.served_type(), bytes.to_vec()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_keep_no_address() {
        assert_eq!(
            super::redact("permanent error (550): 5.1.1 <ivan@mail.kz>: User unknown"),
            "permanent error (550): 5.1.1 •••@mail.kz: User unknown"
        );
        assert_eq!(super::redact("connection refused"), "connection refused");
    }
}
