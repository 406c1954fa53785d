//! `Idempotency-Key` for every write of the API: the first answer to a key is stored with the
//! change, in its transaction, and a retry with the same key and the same request gets it again
//! (`Idempotent-Replayed: true`); the same key with another request is a 409.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::Value;

use super::{ApiClient, Problem};
use crate::{
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// A record to write with the change: `(key, request hash)`; `None` when no key was sent.
pub type Record<'a> = Option<(&'a str, &'a str)>;

/// The `Idempotency-Key` header, if sent: 1 to 200 visible ASCII characters.
pub fn key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(v) = headers.get("idempotency-key") else { return Ok(None) };
    let key = v.to_str().unwrap_or("").trim().to_string();
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Problem::bad_request("Idempotency-Key must be 1 to 200 visible ASCII characters"));
    }
    Ok(Some(key))
}

/// The stored answer for `key`, or a 409 if the key was used for a different request;
/// `location` names the resource of a stored body, for the `Location` header.
pub async fn replay(
    db: &Db,
    client: &ApiClient,
    key: &str,
    hash: &str,
    location: fn(&Value) -> Option<String>,
) -> Result<Option<Response>, Problem> {
    let stored: Option<(String, i64, String)> = with_db!(db, |c| {
        sqlx::query_as(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE api_client_id = $1 AND key = $2",
        )
        .bind(client.id)
        .bind(key)
        .fetch_optional(c)
        .await
    })?;
    let Some((stored_hash, status, body)) = stored else { return Ok(None) };
    if stored_hash != hash {
        return Err(Problem::conflict(
            "/problems/idempotency-key-reused",
            "Idempotency-Key reused for a different request",
            "This key was already used with a different body. Use a new key for a new request.",
        ));
    }
    let status = StatusCode::from_u16(u16::try_from(status).unwrap_or(200)).unwrap_or(StatusCode::OK);
    let location = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| location(&v))
        .and_then(|l| HeaderValue::from_str(&l).ok());
    let mut res = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    if let Some(location) = location {
        res.headers_mut().insert(header::LOCATION, location);
    }
    Ok(Some(res))
}

/// Stores the answer for `record` inside `tx`; `false` if another request with the same key
/// committed first (replay its answer instead).
pub async fn save(
    tx: &mut Tx,
    client: &ApiClient,
    record: Record<'_>,
    status: u16,
    body: &str,
) -> Result<bool, sqlx::Error> {
    let Some((key, hash)) = record else { return Ok(true) };
    let result = with_tx!(tx, |c| sqlx::query(
        "INSERT INTO idempotency_keys (api_client_id, key, request_hash, status, response, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(client.id)
    .bind(key)
    .bind(hash)
    .bind(i64::from(status))
    .bind(body)
    .bind(db::now())
    .execute(c)
    .await
    .map(|_| ()));
    match result {
        Ok(()) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}
