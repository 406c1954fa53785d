//! `GET /api/v1/tickets/{id}/attachments/{attachment}`: a file on a ticket, for the app to show
//! its customer (the files of a staff reply are listed in its `ticket.replied` event). Only to
//! the client that may write to the ticket; the bytes as stored, with their type.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use super::attachments;
use crate::{
    api::{ApiClient, Problem, keys::Scope},
    photos::storage::original_key,
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
    let bytes = state
        .photos
        .storage
        .get(&original_key(&a.sha256))
        .await
        .map_err(|e| Problem::internal(format!("storage: {e}")))?
        .ok_or_else(Problem::not_found)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    let kind = HeaderValue::from_str(&a.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, kind);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment"));
    Ok(res)
}
