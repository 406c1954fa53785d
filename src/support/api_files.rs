//! `GET /api/v1/tickets/{id}/attachments/{attachment}`: a file on a ticket, for the app to show
//! its customer (the files of a staff reply are listed in its `ticket.replied` event). Only to
//! the client that may write to the ticket; a PDF as it came, an image as its JPEG display copy.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use super::attachments;
use crate::{
    api::{ApiClient, Problem, keys::Scope},
    photos::storage::{display_key, original_key},
    web::AppState,
};

pub(super) async fn file(
    State(state): State<AppState>,
    client: ApiClient,
    Path((id, att)): Path<(i64, i64)>,
) -> Result<Response, Problem> {
    client.require(Scope::TicketsWrite)?;
    if !super::api_messages::reachable(&state.db, &client, id).await? {
        return Err(Problem::not_found());
    }
    let a = attachments::find(&state.db, id, att).await?.ok_or_else(Problem::not_found)?;
    // An image as its display copy: what the customer sent or an agent attached, without the
    // original's metadata (a phone photo's EXIF carries where it was taken).
    let key = if a.is_image() { display_key(&a.sha256, "review") } else { original_key(&a.sha256) };
    let bytes = state
        .photos
        .storage
        .get(&key)
        .await
        .map_err(|e| Problem::internal(format!("storage: {e}")))?
        .ok_or_else(Problem::not_found)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.served_type()));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment"));
    Ok(res)
}
