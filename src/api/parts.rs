//! Reading a `multipart/form-data` body part by part, each part held to its own size limit: a
//! part over it is read to its end and dropped (the answer names it), so one oversized file
//! never costs more memory than its limit. Used by intake (photos) and the ticket API
//! (attachments).

use axum::{extract::Multipart, http::StatusCode};

use super::Problem;

/// One part as received.
pub struct Part {
    pub name: String,
    /// The file name the client gave (`filename=`), if any.
    pub file_name: Option<String>,
    /// The part's declared `Content-Type`, if any.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// What reading one part gave.
pub enum Read {
    /// The whole part, within its limit.
    Whole(Part),
    /// The part was longer than `limit` bytes, and dropped.
    TooLarge { name: String, file_name: Option<String>, limit: usize },
    /// A part this request has no place for (its limit was 0), read and dropped.
    Unknown(String),
}

fn unreadable(e: &axum::extract::multipart::MultipartError) -> Problem {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::too_large(format!("the body is larger than allowed ({e})"))
    } else {
        Problem::bad_request(format!("the multipart body cannot be read: {e}"))
    }
}

/// The next part, held to `limit_for(its name)` bytes (0: no such part is expected).
pub async fn next(
    multipart: &mut Multipart,
    limit_for: impl Fn(&str) -> usize,
) -> Result<Option<Read>, Problem> {
    let mut field = match multipart.next_field().await {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(None),
        Err(e) => return Err(unreadable(&e)),
    };
    let name = field.name().unwrap_or("").to_string();
    let file_name = field.file_name().map(str::to_string);
    let content_type = field.content_type().map(str::to_string);
    let limit = limit_for(&name);
    // Chunks are kept as they arrive and joined once, so a part costs its size, not the
    // doubling slack of a growing buffer.
    let mut chunks = Vec::new();
    let mut size = 0usize;
    let mut too_big = false;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if too_big || size + chunk.len() > limit {
                    too_big = true;
                    chunks.clear();
                    // Keep reading to the end of the part without keeping it.
                    continue;
                }
                size += chunk.len();
                chunks.push(chunk);
            }
            Ok(None) => break,
            Err(e) => return Err(unreadable(&e)),
        }
    }
    if limit == 0 {
        return Ok(Some(Read::Unknown(name)));
    }
    if too_big {
        return Ok(Some(Read::TooLarge { name, file_name, limit }));
    }
    let mut bytes = Vec::with_capacity(size);
    for chunk in chunks {
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(Read::Whole(Part { name, file_name, content_type, bytes })))
}
