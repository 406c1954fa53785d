//! API keys of the app's backend. A key is shown once when made; only its SHA-256 is stored
//! (a key has 160 random bits, so a fast hash is enough). Administrators revoke keys.

use axum::{extract::FromRequestParts, http::request::Parts};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::FromRow;
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use super::Problem;
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db},
    web::AppState,
    with_db, with_tx,
};

/// An authenticated API client.
#[derive(Clone, Debug)]
pub struct ApiClient {
    pub id: i64,
    pub name: String,
}

impl ApiClient {
    /// The audit actor for this client.
    pub fn actor(&self) -> Actor {
        Actor::Api { id: self.id, name: self.name.clone() }
    }
}

/// A stored key, as listed to administrators.
#[derive(Clone, Debug, FromRow)]
pub struct KeyRow {
    pub id: i64,
    pub name: String,
    pub key_prefix: String,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Makes a key named `name`; returns `(id, key)`. The key is not stored and cannot be shown
/// again.
pub async fn create(
    db: &Db,
    name: &str,
    actor: &Actor,
    ip: Option<&str>,
) -> Result<(i64, String), sqlx::Error> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the OS random source works");
    let hexed = hex::encode(bytes);
    let (prefix, secret) = hexed.split_at(8);
    let key = format!("kp_{prefix}_{secret}");
    let mut tx = db.begin().await?;
    let created_by = match actor {
        Actor::Staff { id, .. } => Some(*id),
        _ => None,
    };
    let id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO api_clients (name, key_prefix, key_hash, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(name)
    .bind(prefix)
    .bind(hash(&key))
    .bind(db::now())
    .bind(created_by)
    .fetch_one(c)
    .await)?;
    let mut entry = Entry::new(actor, "api-key.created").subject("api_client", id).details(json!({
        "name": name,
        "prefix": prefix,
    }));
    if let Some(ip) = ip {
        entry = entry.ip(ip);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok((id, key))
}

/// Revokes a key; returns whether it was active.
pub async fn revoke(db: &Db, id: i64, actor: &Actor, ip: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE api_clients SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL"
    )
    .bind(db::now())
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Ok(false);
    }
    audit::record(&mut tx, Entry::new(actor, "api-key.revoked").subject("api_client", id).ip(ip)).await?;
    tx.commit().await?;
    Ok(true)
}

/// Every key, newest first.
pub async fn list(db: &Db) -> Result<Vec<KeyRow>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, key_prefix, created_at, revoked_at, last_used_at FROM api_clients ORDER BY id DESC"
    )
    .fetch_all(c)
    .await)
}

/// The active client holding `key`.
pub async fn authenticate(db: &Db, key: &str) -> Result<Option<ApiClient>, sqlx::Error> {
    let mut parts = key.splitn(3, '_');
    let (Some("kp"), Some(prefix), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let row: Option<(i64, String, String)> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, key_hash FROM api_clients WHERE key_prefix = $1 AND revoked_at IS NULL"
    )
    .bind(prefix)
    .fetch_optional(c)
    .await)?;
    Ok(row.and_then(|(id, name, stored)| {
        bool::from(stored.as_bytes().ct_eq(hash(key).as_bytes())).then_some(ApiClient { id, name })
    }))
}

impl FromRequestParts<AppState> for ApiClient {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // `Authorization: Bearer <key>`, the scheme in any case (RFC 9110); nothing else.
        let key = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, key)| key.trim())
            .filter(|key| !key.is_empty())
            .ok_or_else(Problem::unauthorized)?;
        let client = authenticate(&state.db, key).await?.ok_or_else(Problem::unauthorized)?;
        with_db!(&state.db, |c| sqlx::query("UPDATE api_clients SET last_used_at = $1 WHERE id = $2")
            .bind(db::now())
            .bind(client.id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(client)
    }
}
