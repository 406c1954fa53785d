//! A ticket's files for staff: an image only as its display copies (made by the photo pipeline,
//! no metadata; private cache, ETag), a PDF only as a download (never shown inline), audited and
//! written to the personal-data access log.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::{attachments, store};
use crate::{
    audit::{self, Entry},
    auth::access,
    customers::store as customers,
    error::{AppError, AppResult},
    photos::storage::original_key,
    web::{AppState, Ctx},
};

fn header(v: &str) -> AppResult<HeaderValue> {
    HeaderValue::from_str(v).map_err(|e| AppError::Internal(e.to_string()))
}

/// `GET /support/{id}/attachments/{att}/{size}`: `thumb` or `review` of an image, `file` of a PDF.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, att, size)): Path<(i64, i64, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT)?;
    let a = attachments::find(&state.db, id, att).await?.ok_or(AppError::NotFound)?;
    match (size.as_str(), a.is_image()) {
        ("thumb" | "review", true) => {}
        ("file", false) => return download(&state, &ctx, user.id, id, &a).await,
        _ => return Err(AppError::NotFound),
    }
    crate::photos::display_copy(&state, &a.sha256, &size, &headers).await
}

/// A PDF as a download, audited and in the access log.
async fn download(
    state: &AppState,
    ctx: &Ctx,
    staff: i64,
    ticket: i64,
    a: &attachments::Attachment,
) -> AppResult<Response> {
    let bytes = state
        .photos
        .storage
        .get(&original_key(&a.sha256))
        .await
        .map_err(|e| AppError::Internal(format!("storage: {e}")))?
        .ok_or(AppError::NotFound)?;
    let t = store::find(&state.db, ticket).await?.ok_or(AppError::NotFound)?;
    let attachment = a.id;
    let entry = Entry::new(&ctx.actor(), "ticket.attachment-downloaded")
        .subject("ticket", ticket)
        .details(json!({ "attachment": attachment }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    if let Some(cid) = t.customer_id
        && let Some(app) = customers::applications(&state.db, cid, 1).await?.first()
    {
        state.views.record(staff, app.id, "support-attachment", &ctx.ip).await?;
    }
    // The name as typed for browsers that read `filename*`, an ASCII stand-in for the rest.
    let ascii: String = a
        .file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' })
        .collect();
    let encoded: String = a
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CONTENT_DISPOSITION, header(&disposition)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
