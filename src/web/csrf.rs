//! CSRF protection for every state-changing request from a page: the session's token must come
//! back in the `csrf` form field, the `X-CSRF-Token` header, or (for multipart uploads, whose
//! bodies are not buffered here) the `csrf` query parameter.

use axum::{body::Body, extract::Request, http::header};
use subtle::ConstantTimeEq;

use super::context::FORM_LIMIT;
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
    if let Some(v) = req.uri().query().and_then(|q| from_pairs(q.as_bytes())) {
        return if matches(&v, expected) { Ok(req) } else { Err(AppError::Csrf) };
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
    if declared.is_some_and(|n| n > FORM_LIMIT) {
        return Err(AppError::PayloadTooLarge);
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|_| AppError::PayloadTooLarge)?;
    match from_pairs(&bytes) {
        Some(v) if matches(&v, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::Csrf),
    }
}
