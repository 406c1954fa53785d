//! CSRF protection for every state-changing request from a page: the session's token must come
//! back in the `csrf` form field or the `X-CSRF-Token` header. A multipart upload carries it as
//! its first part: only that part is read here, the rest of the body (the file) streams on to
//! the handler untouched. Never in the URL, where logs and the Referer would keep it.

use axum::{body::Body, extract::Request, http::header};
use subtle::ConstantTimeEq;

use super::context::form_limit;
use crate::error::AppError;

fn matches(given: &str, expected: &str) -> bool {
    !given.is_empty() && given.as_bytes().ct_eq(expected.as_bytes()).into()
}

fn from_pairs(raw: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(raw)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v)
}

/// Passes the request on (body intact) when it carries the right token.
pub async fn check(req: Request, expected: &str) -> Result<Request, AppError> {
    if let Some(v) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if matches(v, expected) { Ok(req) } else { Err(AppError::Csrf) };
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if let Some(boundary) = multipart_boundary(content_type) {
        return check_multipart(req, &boundary, expected).await;
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Csrf);
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = form_limit(req.uri().path());
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::PayloadTooLarge);
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| AppError::PayloadTooLarge)?;
    match from_pairs(&bytes) {
        Some(v) if matches(&v, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::Csrf),
    }
}

/// The boundary of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim().eq_ignore_ascii_case("boundary").then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The most read of a multipart body to find its first part.
const FIRST_PART_LIMIT: usize = 8 * 1024;

/// The value of the first part of a multipart body if that part is the `csrf` field; `None`
/// while more bytes are needed; `Some(None)` if the first part is something else.
fn first_part_csrf(buf: &[u8], boundary: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    let start = buf.windows(opening.len()).position(|w| w == opening.as_bytes())?;
    let rest = &buf[start + opening.len()..];
    let headers_end = rest.windows(4).position(|w| w == b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&rest[..headers_end]).to_ascii_lowercase();
    let value = &rest[headers_end + 4..];
    let closing = format!("\r\n--{boundary}");
    let end = value.windows(closing.len()).position(|w| w == closing.as_bytes())?;
    let is_csrf = headers.lines().any(|l| {
        l.starts_with("content-disposition:") && l.contains("form-data") && l.contains("name=\"csrf\"")
    });
    Some(is_csrf.then(|| String::from_utf8_lossy(&value[..end]).into_owned()))
}

async fn check_multipart(req: Request, boundary: &str, expected: &str) -> Result<Request, AppError> {
    use futures_util::StreamExt;
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut buf: Vec<u8> = Vec::new();
    let token = loop {
        if let Some(found) = first_part_csrf(&buf, boundary) {
            break found;
        }
        if buf.len() > FIRST_PART_LIMIT {
            break None;
        }
        match stream.next().await {
            Some(Ok(chunk)) => buf.extend_from_slice(&chunk),
            Some(Err(_)) | None => break None,
        }
    };
    match token {
        Some(v) if matches(&v, expected) => {
            let head =
                futures_util::stream::once(async move { Ok::<_, axum::Error>(bytes::Bytes::from(buf)) });
            Ok(Request::from_parts(parts, Body::from_stream(head.chain(stream))))
        }
        _ => Err(AppError::Csrf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_the_first_part_only() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ndata\r\n--XyZ--\r\n";
        assert_eq!(first_part_csrf(body, "XyZ"), Some(Some("abc123".into())));
        assert_eq!(first_part_csrf(&body[..20], "XyZ"), None, "more bytes needed");
        let other = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncsrf\r\n--XyZ--";
        assert_eq!(first_part_csrf(other, "XyZ"), Some(None), "a token in a later part does not count");
        assert_eq!(multipart_boundary("multipart/form-data; boundary=\"XyZ\""), Some("XyZ".into()));
        assert_eq!(multipart_boundary("application/x-www-form-urlencoded"), None);
    }
}
