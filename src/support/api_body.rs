//! What a ticket API request carries: a JSON object, sent either as the whole body
//! (`application/json`) or, with files, as a `multipart/form-data` body whose JSON part is named
//! for the operation (`ticket`, `message`) and whose files come as `attachment` parts (up to
//! [`attachments::MAX_FILES`], each at most [`attachments::MAX_BYTES`]). Read under the same
//! bound on bodies held at once as intake's, hashed for the idempotency key.

use axum::{
    extract::{FromRequest, Multipart, Request},
    http::{HeaderMap, header},
    response::Response,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{
    api::field,
    attachments::{self, Incoming},
};
use crate::{
    api::{
        ApiClient, FieldError, Problem, idempotency,
        keys::Scope,
        parts::{self, Read},
    },
    web::AppState,
};

/// The largest JSON body or part, in bytes.
/// (A text at its longest, written as JSON escapes of characters outside the BMP, is about
/// 120 KiB.)
pub const JSON_MAX: usize = 256 * 1024;
/// The most parts a multipart body may have: the JSON, the files, and a few more to name in
/// the answer.
const MAX_PARTS: usize = 16;
/// The largest multipart body: the JSON and every file at their largest, and the parts' heads.
pub const MULTIPART_MAX: usize = JSON_MAX + attachments::MAX_FILES * attachments::MAX_BYTES + 64 * 1024;

/// A request's JSON, its files, what was wrong with its parts, its idempotency key and hash.
pub struct Body {
    pub value: Value,
    pub files: Vec<Incoming>,
    /// Parts refused as they were read (too large, unknown).
    pub errors: Vec<FieldError>,
    pub key: Option<String>,
    pub hash: String,
    _slot: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// The request read, or the stored answer to a request already made with its key.
pub async fn begin(
    state: &AppState,
    client: &ApiClient,
    path: &str,
    json_part: &str,
    req: Request,
) -> Result<Result<(Body, HeaderMap), Response>, Problem> {
    client.require(Scope::TicketsWrite)?;
    let headers = req.headers().clone();
    let key = idempotency::key(&headers)?;
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    let (raw, files, errors, slot) = if multipart {
        read_multipart(state, json_part, req).await?
    } else {
        let bytes = axum::body::to_bytes(req.into_body(), JSON_MAX)
            .await
            .map_err(|_| Problem::too_large(format!("the body is larger than {JSON_MAX} bytes")))?;
        (Some(bytes.to_vec()), Vec::new(), Vec::new(), None)
    };
    let field_name = if multipart { json_part } else { "body" };
    let value: Value = match raw {
        // Refused as it was read (too large, twice), or not sent at all.
        None if errors.iter().any(|e| e.field == json_part) => return Err(Problem::invalid(errors)),
        None => return Err(Problem::invalid(vec![field(json_part, "required", "the JSON part")])),
        Some(raw) => serde_json::from_slice(&raw)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| Problem::invalid(vec![field(field_name, "invalid_json", "a JSON object")]))?,
    };
    let mut digests = attachments::digests(&files);
    digests.sort();
    let hash = hex::encode(
        Sha256::new()
            .chain_update(path)
            .chain_update(value.to_string())
            .chain_update(digests.join(","))
            .finalize(),
    );
    if let Some(k) = &key
        && let Some(res) = idempotency::replay(&state.db, client, k, &hash, |_| None).await?
    {
        return Ok(Err(res));
    }
    Ok(Ok((Body { value, files, errors, key, hash, _slot: slot }, headers)))
}

type Parts = (Option<Vec<u8>>, Vec<Incoming>, Vec<FieldError>, Option<tokio::sync::OwnedSemaphorePermit>);

async fn read_multipart(state: &AppState, json_part: &str, req: Request) -> Result<Parts, Problem> {
    // Only so many bodies are read at once; beyond them the client retries later.
    let slot = state.intake_bodies.clone().try_acquire_owned().map_err(|_| Problem::busy(5))?;
    let mut multipart = Multipart::from_request(req, state).await.map_err(|e| {
        Problem::bad_request(format!("send multipart/form-data with a `{json_part}` JSON part ({e})"))
    })?;
    let (mut json, mut files, mut errors) = (None, Vec::new(), Vec::new());
    let (mut n, mut parts_read) = (0, 0);
    loop {
        // Past the most files, a file is read to its end and not kept; past the most parts a
        // request has any use for, the body is not read on.
        let room = n < attachments::MAX_FILES;
        let limit_for = |name: &str| match name {
            _ if name == json_part => JSON_MAX,
            "attachment" if room => attachments::MAX_BYTES,
            _ => 0,
        };
        let Some(read) = parts::next(&mut multipart, limit_for).await? else { break };
        parts_read += 1;
        if parts_read > MAX_PARTS {
            return Err(Problem::invalid(vec![field(
                "body",
                "too_many_parts",
                &format!("at most {MAX_PARTS} parts: the JSON and up to {} files", attachments::MAX_FILES),
            )]));
        }
        match read {
            Read::Whole(p) if p.name == json_part => {
                if json.is_some() {
                    errors.push(field(json_part, "duplicate_part", "send the JSON once"));
                }
                json = Some(p.bytes);
            }
            Read::Whole(p) => {
                files.push(Incoming {
                    field: format!("attachments.{n}"),
                    file_name: p.file_name.unwrap_or_default(),
                    declared: p.content_type,
                    bytes: p.bytes,
                });
                n += 1;
            }
            Read::TooLarge { name, limit, .. } => {
                let name = if name == "attachment" { format!("attachments.{n}") } else { name };
                n += usize::from(name.starts_with("attachments."));
                errors.push(field(&name, "too_large", &format!("at most {limit} bytes")));
            }
            Read::Unknown(name) if name == "attachment" => {
                let rule = format!("at most {} files", attachments::MAX_FILES);
                errors.push(field(&format!("attachments.{n}"), "too_many", &rule));
                n += 1;
            }
            Read::Unknown(name) => {
                errors.push(field(&name, "unknown_part", "this part is not part of the API"))
            }
        }
    }
    Ok((json, files, errors, Some(slot)))
}
