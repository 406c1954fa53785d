//! Files on a ticket: up to [`MAX_FILES`] per message, from the app (multipart parts of the
//! ticket API) or from an agent's reply. The type is what the bytes are, never what the client
//! says: JPEG, PNG and WebP go through the photo pipeline (decoded under its limits, shown only as
//! display copies without metadata); PDFs are kept as they came and only ever downloaded, audited.
//! A declared type or file-name extension that disagrees with the bytes is refused as forged.
//!
//! Files are content-addressed in the photo store (the same key for the same bytes), written
//! before the database names them, so a failed transaction leaves at most an unnamed file.

use std::sync::Arc;

use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    db::{Db, Tx},
    photos::{
        MediaType, PhotoError,
        storage::{Photos, original_key, remove_unnamed},
    },
    with_db, with_tx,
};

/// The most files on one message.
pub const MAX_FILES: usize = 5;
/// The largest file, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A file as the client sent it.
pub struct Incoming {
    /// The form or multipart field it came in (named in an error).
    pub field: String,
    pub file_name: String,
    /// The `Content-Type` the client declared for it, if any.
    pub declared: Option<String>,
    pub bytes: Vec<u8>,
}

/// A file checked (and, for an image, processed), ready to be stored.
#[derive(Debug)]
pub struct Checked {
    file_name: String,
    kind: Kind,
    sha256: String,
    bytes: Arc<Vec<u8>>,
}

#[derive(Debug)]
enum Kind {
    Image(Box<crate::photos::Processed>),
    Pdf,
}

impl Checked {
    fn content_type(&self) -> &'static str {
        match &self.kind {
            Kind::Image(p) => p.media_type.mime(),
            Kind::Pdf => "application/pdf",
        }
    }
}

/// Why a file was refused: a stable code (the API's `code`; the page shows
/// `support-attachment-{code}`).
pub type Refusal = &'static str;

/// The Fluent id of a refusal's message on the page (its value: `$file`, the file's name).
pub fn message_id(code: Refusal) -> &'static str {
    match code {
        "too_many" => "support-attachment-too-many",
        "too_large" => "support-attachment-too-large",
        "empty" => "support-attachment-empty",
        "type_mismatch" => "support-attachment-type-mismatch",
        "too_many_pixels" => "support-attachment-too-many-pixels",
        "corrupt" => "support-attachment-corrupt",
        _ => "support-attachment-unsupported",
    }
}

/// What the bytes are: an accepted image, a PDF, or why not.
fn sniff(bytes: &[u8]) -> Result<Option<MediaType>, Refusal> {
    if bytes.is_empty() {
        return Err("empty");
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(None);
    }
    match crate::photos::sniff(bytes) {
        Ok(m) => Ok(Some(m)),
        Err(_) => Err("unsupported_type"),
    }
}

/// The MIME type and the extensions of what the bytes are.
fn names_of(media: Option<MediaType>) -> (&'static str, &'static [&'static str]) {
    match media {
        None => ("application/pdf", &["pdf"]),
        Some(MediaType::Jpeg) => ("image/jpeg", &["jpg", "jpeg", "jpe", "jfif"]),
        Some(MediaType::Png) => ("image/png", &["png"]),
        Some(MediaType::Webp) => ("image/webp", &["webp"]),
    }
}

/// Whether what the client said of the file (its declared type, its name's extension) agrees
/// with what the bytes are. Saying nothing (no type or `application/octet-stream`, no
/// extension) agrees with anything.
fn agrees(media: Option<MediaType>, declared: Option<&str>, file_name: &str) -> bool {
    let (mime, extensions) = names_of(media);
    let declared = declared.map(|d| d.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let type_ok = match declared.as_deref() {
        None | Some("" | "application/octet-stream") => true,
        Some("image/jpg" | "image/pjpeg") => mime == "image/jpeg",
        Some(d) => d == mime,
    };
    let extension_ok = match file_name.rsplit_once('.') {
        Some((_, ext)) if !ext.is_empty() => extensions.contains(&ext.to_ascii_lowercase().as_str()),
        _ => true,
    };
    type_ok && extension_ok
}

/// A PDF must at least end like one (a truncated upload does not).
fn whole_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The name to show and offer for download: the last path segment, without control or
/// bidirectional characters, at most 120 characters.
pub fn clean_name(raw: &str, media: Option<MediaType>) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .take(120)
        .collect();
    let name = name.trim().trim_start_matches('.').to_string();
    if name.is_empty() { format!("attachment.{}", names_of(media).1[0]) } else { name }
}

/// Checks every file (an image is decoded and its display copies made); the refusals name the
/// field of each bad file. Nothing is stored yet.
pub async fn check(photos: &Photos, files: Vec<Incoming>) -> (Vec<Checked>, Vec<(String, Refusal)>) {
    let mut ok = Vec::new();
    let mut refused = Vec::new();
    if files.len() > MAX_FILES {
        refused.push((files[MAX_FILES].field.clone(), "too_many"));
        return (ok, refused);
    }
    for f in files {
        if f.bytes.len() > MAX_BYTES {
            refused.push((f.field, "too_large"));
            continue;
        }
        let media = match sniff(&f.bytes) {
            Ok(m) => m,
            Err(why) => {
                refused.push((f.field, why));
                continue;
            }
        };
        if !agrees(media, f.declared.as_deref(), &f.file_name) {
            refused.push((f.field, "type_mismatch"));
            continue;
        }
        let file_name = clean_name(&f.file_name, media);
        let bytes = Arc::new(f.bytes);
        let kind = match media {
            None if whole_pdf(&bytes) => Kind::Pdf,
            None => {
                refused.push((f.field, "corrupt"));
                continue;
            }
            Some(_) => match photos.process(bytes.clone()).await {
                Ok(p) => Kind::Image(Box::new(p)),
                Err(e) => {
                    refused.push((f.field, photo_refusal(&e)));
                    continue;
                }
            },
        };
        let sha256 = match &kind {
            Kind::Image(p) => p.sha256.clone(),
            Kind::Pdf => {
                use sha2::Digest;
                hex::encode(sha2::Sha256::digest(bytes.as_slice()))
            }
        };
        ok.push(Checked { file_name, kind, sha256, bytes });
    }
    (ok, refused)
}

fn photo_refusal(e: &PhotoError) -> Refusal {
    match e {
        PhotoError::Empty => "empty",
        PhotoError::TooLarge { .. } => "too_large",
        PhotoError::Unsupported(_) | PhotoError::NotAnImage => "unsupported_type",
        PhotoError::TooManyPixels { .. } => "too_many_pixels",
        PhotoError::Corrupt(_) => "corrupt",
    }
}

/// What the files are, for an idempotency hash: each one's name, declared type and digest.
pub fn digests(files: &[Incoming]) -> Vec<String> {
    use sha2::Digest;
    files
        .iter()
        .map(|f| {
            let digest = hex::encode(sha2::Sha256::digest(&f.bytes));
            format!("{}\u{1f}{}\u{1f}{digest}", f.file_name, f.declared.as_deref().unwrap_or(""))
        })
        .collect()
}

/// Writes the checked files to the store (an image's original and display copies).
pub async fn store(photos: &Photos, files: &[Checked]) -> std::io::Result<()> {
    for f in files {
        match &f.kind {
            Kind::Image(p) => photos.store(p, &f.bytes).await?,
            Kind::Pdf => photos.storage.put(&original_key(&f.sha256), f.bytes.clone()).await?,
        }
    }
    Ok(())
}

/// Removes stored files that no row names after the write meant to name them failed (a stale
/// page, a refusal, a database error): a photo or another ticket's file with the same bytes
/// keeps them.
pub async fn discard(db: &Db, photos: &Photos, files: &[Checked]) {
    for f in files {
        if let Err(e) = remove_unnamed(db, photos.storage.as_ref(), &f.sha256).await {
            tracing::warn!(error = %e, sha256 = f.sha256, "could not remove a file no row names");
        }
    }
}

/// `details` with the number of files attached, when there are any (for an audit entry).
pub fn with_count(mut details: serde_json::Value, files: usize) -> serde_json::Value {
    if files > 0 {
        details["attached"] = files.into();
    }
    details
}

/// Names the stored files on message `message` of ticket `ticket`.
pub async fn insert(
    tx: &mut Tx,
    ticket: i64,
    message: i64,
    files: &[Checked],
    at: OffsetDateTime,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::new();
    for f in files {
        let id: i64 = with_tx!(tx, |c| sqlx::query_scalar(
            "INSERT INTO ticket_attachments
                 (ticket_id, message_id, file_name, content_type, size_bytes, sha256, storage_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        )
        .bind(ticket)
        .bind(message)
        .bind(&f.file_name)
        .bind(f.content_type())
        .bind(f.bytes.len() as i64)
        .bind(&f.sha256)
        .bind(original_key(&f.sha256))
        .bind(at)
        .fetch_one(c)
        .await)?;
        ids.push(id);
    }
    Ok(ids)
}

/// A file on a ticket, as pages and events name it.
#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub message_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }

    /// The type the app gets it as: an image as its JPEG display copy (no metadata), a PDF as it
    /// came.
    pub fn served_type(&self) -> &'static str {
        if self.is_image() { "image/jpeg" } else { "application/pdf" }
    }

    /// As a `ticket.replied` event lists it.
    pub fn for_event(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "file_name": self.file_name,
            "content_type": self.served_type(),
            "size_bytes": self.size_bytes,
        })
    }

    /// The size in kilobytes, rounded up.
    pub fn kilobytes(&self) -> i64 {
        (self.size_bytes + 1023) / 1024
    }
}

pub(super) const ATTACHMENT_SQL: &str =
    "SELECT id, message_id, file_name, content_type, size_bytes, sha256 FROM ticket_attachments";

/// File `id` of ticket `ticket`.
pub async fn find(db: &Db, ticket: i64, id: i64) -> Result<Option<Attachment>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(&format!("{ATTACHMENT_SQL} WHERE ticket_id = $1 AND id = $2"))
        .bind(ticket)
        .bind(id)
        .fetch_optional(c)
        .await)
}

/// Files of `message` (for an event to the app).
pub async fn of_message(tx: &mut Tx, message: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_as(&format!("{ATTACHMENT_SQL} WHERE message_id = $1 ORDER BY id"))
        .bind(message)
        .fetch_all(c)
        .await)
}

/// The files of message `message`, outside a transaction.
pub async fn of_message_db(db: &crate::db::Db, message: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    crate::with_db!(db, |c| sqlx::query_as(&format!("{ATTACHMENT_SQL} WHERE message_id = $1 ORDER BY id"))
        .bind(message)
        .fetch_all(c)
        .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_type_or_extension_must_agree_with_the_bytes() {
        let png = Some(MediaType::Png);
        assert!(agrees(png, Some("image/png"), "scan.PNG"));
        assert!(agrees(png, None, "scan"));
        assert!(agrees(png, Some("application/octet-stream"), ""));
        assert!(!agrees(png, Some("application/pdf"), "scan.png"), "a PNG sent as a PDF");
        assert!(!agrees(png, None, "invoice.pdf"), "a PNG named .pdf");
        assert!(!agrees(None, Some("image/jpeg"), "x.jpg"), "a PDF sent as a JPEG");
        assert!(agrees(Some(MediaType::Jpeg), Some("image/jpg"), "photo.jpeg"));
        assert!(!agrees(Some(MediaType::Jpeg), Some("text/html"), "photo.jpg"));
        assert_eq!(sniff(b"<script>alert(1)</script>"), Err("unsupported_type"));
        assert_eq!(sniff(b"GIF89a"), Err("unsupported_type"));
        assert_eq!(sniff(b""), Err("empty"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(None));
    }

    #[test]
    fn names_lose_paths_and_direction_marks() {
        assert_eq!(clean_name("C:\\Users\\me\\справка.pdf", None), "справка.pdf");
        assert_eq!(clean_name("../../etc/passwd", None), "passwd");
        assert_eq!(clean_name("evil\u{202e}fdp.exe", None), "evilfdp.exe");
        assert_eq!(clean_name("", Some(MediaType::Png)), "attachment.png");
        assert_eq!(clean_name("...", None), "attachment.pdf");
        assert!(whole_pdf(b"%PDF-1.4\n...\n%%EOF\n"));
        assert!(!whole_pdf(b"%PDF-1.4\n1 0 obj"));
    }
}
