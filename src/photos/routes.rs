//! Photos for staff: display copies from authenticated routes (private cache, ETag), and the
//! unchanged original as an audited download for the roles that may need it.

use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde_json::json;

use super::storage::{display_key, original_key};
use crate::{
    audit::{self, Entry},
    auth::access,
    error::{AppError, AppResult},
    web::{AppState, Ctx},
    with_db,
};

/// `/photos/{id}/thumb`, `/photos/{id}/review`, `/photos/{id}/original`.
pub fn router() -> Router<AppState> {
    // An original asks for the step-up (the middleware lets display copies through).
    Router::new().route(
        "/photos/{id}/{size}",
        get(photo).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
    )
}

async fn photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, size)): Path<(i64, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let original = match size.as_str() {
        "thumb" | "review" | "portrait" => {
            ctx.require(access::PHOTOS)?;
            false
        }
        "original" => {
            ctx.require(access::ORIGINALS)?;
            true
        }
        _ => return Err(AppError::NotFound),
    };
    let row: Option<(i64, String, String, String)> = with_db!(&state.db, |c| sqlx::query_as(
        "SELECT application_id, kind, sha256, media_type FROM photos WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let (application_id, kind, sha, media_type) = row.ok_or(AppError::NotFound)?;

    if original {
        let bytes = state
            .photos
            .storage
            .get(&original_key(&sha))
            .await
            .map_err(|e| AppError::Internal(format!("storage: {e}")))?
            .ok_or(AppError::NotFound)?;
        let entry = Entry::new(&ctx.actor(), "photo.original-downloaded")
            .subject("application", application_id)
            .details(json!({ "photo": id, "kind": kind }))
            .ip(&ctx.ip);
        audit::record_alone(&state.db, entry).await?;
        let staff = ctx.user()?.id;
        state.views.record(staff, application_id, "original-photo", &ctx.ip).await?;
        let ext = match media_type.as_str() {
            "image/png" => "png",
            "image/webp" => "webp",
            _ => "jpg",
        };
        let disposition = format!("attachment; filename=\"application-{application_id}-{kind}.{ext}\"");
        let mut res = bytes.into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(&media_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        );
        h.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(res);
    }

    display_copy(&state, &sha, &size, &headers).await
}

/// A display copy (`review`, `portrait`, `thumb`) of the image whose original has digest
/// `sha`, with a private cache and an ETag (a matching `If-None-Match` gets 304).
pub(crate) async fn display_copy(
    state: &AppState,
    sha: &str,
    size: &str,
    headers: &HeaderMap,
) -> AppResult<Response> {
    let etag = format!("\"{sha}-{size}\"");
    let cache = HeaderValue::from_static("private, max-age=86400");
    let value = |v: &str| HeaderValue::from_str(v).map_err(|e| AppError::Internal(e.to_string()));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, value(&etag)?);
        res.headers_mut().insert(header::CACHE_CONTROL, cache);
        return Ok(res);
    }
    let bytes = state
        .photos
        .storage
        .get(&display_key(sha, size))
        .await
        .map_err(|e| AppError::Internal(format!("storage: {e}")))?
        .ok_or(AppError::NotFound)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(header::ETAG, value(&etag)?);
    h.insert(header::CACHE_CONTROL, cache);
    Ok(res)
}
