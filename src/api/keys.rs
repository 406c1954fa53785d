//! API keys of the app's backend. A key is shown once when made; only its SHA-256 is stored
//! (a key has 160 random bits, so a fast hash is enough). A key carries scopes (what it may do)
//! and may carry an expiry; administrators revoke keys.

use axum::{extract::FromRequestParts, http::request::Parts};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::FromRow;
use subtle::ConstantTimeEq;
use time::{Date, OffsetDateTime};

use super::Problem;
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db},
    web::AppState,
    with_db, with_tx,
};

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Send new applications, and read their status.
    ApplicationsWrite,
    /// Send the documents a reviewer asked for.
    DocumentsWrite,
    /// Read the events feed, and the status of the client's applications.
    EventsRead,
    /// Read a customer's account status, restrictions, consents and obligations.
    CustomersRead,
    /// Record a customer's consents and obligations.
    CustomersWrite,
    /// Open support tickets for customers and send their follow-ups.
    TicketsWrite,
    /// Deliver the mail sent to the support address (the mail gateway).
    MailWrite,
}

impl Scope {
    /// Every scope, in the order the keys page lists them.
    pub const ALL: [Scope; 7] = [
        Scope::ApplicationsWrite,
        Scope::DocumentsWrite,
        Scope::EventsRead,
        Scope::CustomersRead,
        Scope::CustomersWrite,
        Scope::TicketsWrite,
        Scope::MailWrite,
    ];

    /// The scope as written in the API documentation and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Scope::ApplicationsWrite => "applications:write",
            Scope::DocumentsWrite => "documents:write",
            Scope::EventsRead => "events:read",
            Scope::CustomersRead => "customers:read",
            Scope::CustomersWrite => "customers:write",
            Scope::TicketsWrite => "tickets:write",
            Scope::MailWrite => "mail:write",
        }
    }

    /// The scope named `code`, if there is one.
    pub fn parse(code: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The message id of its description on the keys page.
    pub fn label(self) -> &'static str {
        match self {
            Scope::ApplicationsWrite => "api-keys-scope-applications",
            Scope::DocumentsWrite => "api-keys-scope-documents",
            Scope::EventsRead => "api-keys-scope-events",
            Scope::CustomersRead => "api-keys-scope-customers-read",
            Scope::CustomersWrite => "api-keys-scope-customers-write",
            Scope::TicketsWrite => "api-keys-scope-tickets-write",
            Scope::MailWrite => "api-keys-scope-mail-write",
        }
    }
}

/// The scopes of a key: a list, or every scope (a key made without choosing, as every key was
/// before scopes existed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scopes {
    Every,
    Only(Vec<Scope>),
}

impl Scopes {
    /// Reads the stored column (space-separated codes; NULL is every scope). A code this build
    /// does not know gives nothing.
    pub fn from_column(stored: Option<&str>) -> Scopes {
        match stored {
            None => Scopes::Every,
            Some(s) => Scopes::Only(s.split_whitespace().filter_map(Scope::parse).collect()),
        }
    }

    fn to_column(&self) -> Option<String> {
        match self {
            Scopes::Every => None,
            Scopes::Only(list) => Some(list.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ")),
        }
    }

    /// Whether `scope` is granted.
    pub fn allows(&self, scope: Scope) -> bool {
        match self {
            Scopes::Every => true,
            Scopes::Only(list) => list.contains(&scope),
        }
    }

    /// The granted scopes, for the keys page (empty for every scope).
    pub fn listed(&self) -> &[Scope] {
        match self {
            Scopes::Every => &[],
            Scopes::Only(list) => list,
        }
    }
}

/// An authenticated API client.
#[derive(Clone, Debug)]
pub struct ApiClient {
    pub id: i64,
    pub name: String,
    pub scopes: Scopes,
}

impl ApiClient {
    /// The audit actor for this client.
    pub fn actor(&self) -> Actor {
        Actor::Api { id: self.id, name: self.name.clone() }
    }

    /// A 403 problem unless the key has `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), Problem> {
        if self.scopes.allows(scope) { Ok(()) } else { Err(Problem::forbidden_scope(scope.code())) }
    }

    /// A 403 problem unless the key has one of `scopes`.
    pub fn require_any(&self, scopes: &[Scope]) -> Result<(), Problem> {
        match scopes.iter().find(|s| self.scopes.allows(**s)) {
            Some(_) => Ok(()),
            None => {
                let codes: Vec<&str> = scopes.iter().map(|s| s.code()).collect();
                Err(Problem::forbidden_scope(&codes.join(" or ")))
            }
        }
    }
}

/// A key to make, checked: its name, scopes, and the last day it works.
#[derive(Clone, Debug)]
pub struct NewKey {
    pub name: String,
    pub scopes: Scopes,
    /// The key works through this day (Almaty time) and not after.
    pub expires_on: Option<Date>,
}

/// Why a key cannot be made: `(field, message id)` for each bad field.
pub type KeyErrors = Vec<(&'static str, &'static str)>;

impl NewKey {
    /// A key with every scope and no expiry (the demo's and the tests' keys).
    pub fn every(name: &str) -> NewKey {
        NewKey { name: name.to_string(), scopes: Scopes::Every, expires_on: None }
    }

    /// Checks what was asked for. `scopes` of `None` means every scope (the command line without
    /// `--scope`); `Some` must name at least one known scope. `today` is the Almaty date.
    pub fn check(
        name: &str,
        scopes: Option<&[String]>,
        expires_on: Option<Date>,
        today: Date,
    ) -> Result<NewKey, KeyErrors> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut errors = KeyErrors::new();
        if name.is_empty() {
            errors.push(("name", "field-required"));
        } else if name.chars().count() > 100 || name.chars().any(char::is_control) {
            errors.push(("name", "api-keys-name-invalid"));
        }
        let scopes = match scopes {
            None => Scopes::Every,
            Some(codes) => {
                let mut list = Vec::new();
                for code in codes {
                    match Scope::parse(code.trim()) {
                        Some(s) if !list.contains(&s) => list.push(s),
                        Some(_) => {}
                        None => {
                            errors.push(("scope", "api-keys-scope-unknown"));
                            break;
                        }
                    }
                }
                if list.is_empty() && !errors.iter().any(|(f, _)| *f == "scope") {
                    errors.push(("scope", "api-keys-scope-required"));
                }
                list.sort_by_key(|s| Scope::ALL.iter().position(|a| a == s));
                Scopes::Only(list)
            }
        };
        if expires_on.is_some_and(|d| d < today) {
            errors.push(("expires_on", "api-keys-expiry-past"));
        }
        if errors.is_empty() { Ok(NewKey { name, scopes, expires_on }) } else { Err(errors) }
    }

    /// The first instant the key no longer works: midnight after its last day, Almaty time.
    fn expires_at(&self) -> Option<OffsetDateTime> {
        self.expires_on
            .and_then(|d| d.next_day())
            .map(|d| d.midnight().assume_offset(crate::i18n::ALMATY).to_offset(time::UtcOffset::UTC))
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
    pub scopes: Option<String>,
    pub expires_at: Option<OffsetDateTime>,
}

impl KeyRow {
    /// The key's scopes.
    pub fn scopes(&self) -> Scopes {
        Scopes::from_column(self.scopes.as_deref())
    }

    /// Whether the key has every scope (made without choosing).
    pub fn every_scope(&self) -> bool {
        self.scopes.is_none()
    }

    /// Whether the key has expired (a revoked key is shown as revoked instead).
    pub fn expired(&self) -> bool {
        self.expires_at.is_some_and(|at| at <= db::now())
    }

    /// The last day the key works, Almaty time.
    pub fn last_day(&self) -> Option<Date> {
        self.expires_at.map(|at| at.to_offset(crate::i18n::ALMATY).date().previous_day().unwrap_or(Date::MIN))
    }
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Makes a key; returns `(id, key)`. The key is not stored and cannot be shown again.
pub async fn create(
    db: &Db,
    new: &NewKey,
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
        "INSERT INTO api_clients (name, key_prefix, key_hash, created_at, created_by, scopes, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(&new.name)
    .bind(prefix)
    .bind(hash(&key))
    .bind(db::now())
    .bind(created_by)
    .bind(new.scopes.to_column())
    .bind(new.expires_at())
    .fetch_one(c)
    .await)?;
    let mut entry = Entry::new(actor, "api-key.created").subject("api_client", id).details(json!({
        "name": new.name,
        "prefix": prefix,
        "scopes": new.scopes.to_column().unwrap_or_else(|| "*".into()),
        "expires_on": new.expires_on.map(|d| d.to_string()),
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
        "SELECT id, name, key_prefix, created_at, revoked_at, last_used_at, scopes, expires_at
         FROM api_clients ORDER BY id DESC"
    )
    .fetch_all(c)
    .await)
}

/// What a presented key turned out to be.
#[derive(Debug)]
pub enum Presented {
    /// An active key.
    Valid(ApiClient),
    /// A real key past its expiry.
    Expired,
    /// No such key, or a revoked one.
    Unknown,
}

type AuthRow = (i64, String, String, Option<String>, Option<OffsetDateTime>);

/// The client holding `key`, if the key is active.
pub async fn authenticate(db: &Db, key: &str) -> Result<Presented, sqlx::Error> {
    let mut parts = key.splitn(3, '_');
    let (Some("kp"), Some(prefix), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(Presented::Unknown);
    };
    let row: Option<AuthRow> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, key_hash, scopes, expires_at FROM api_clients
         WHERE key_prefix = $1 AND revoked_at IS NULL"
    )
    .bind(prefix)
    .fetch_optional(c)
    .await)?;
    let Some((id, name, stored, scopes, expires_at)) = row else { return Ok(Presented::Unknown) };
    if !bool::from(stored.as_bytes().ct_eq(hash(key).as_bytes())) {
        return Ok(Presented::Unknown);
    }
    if expires_at.is_some_and(|at| at <= db::now()) {
        return Ok(Presented::Expired);
    }
    Ok(Presented::Valid(ApiClient { id, name, scopes: Scopes::from_column(scopes.as_deref()) }))
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
        let client = match authenticate(&state.db, key).await? {
            Presented::Valid(client) => client,
            Presented::Expired => return Err(Problem::key_expired()),
            Presented::Unknown => return Err(Problem::unauthorized()),
        };
        with_db!(&state.db, |c| sqlx::query("UPDATE api_clients SET last_used_at = $1 WHERE id = $2")
            .bind(db::now())
            .bind(client.id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(client)
    }
}
