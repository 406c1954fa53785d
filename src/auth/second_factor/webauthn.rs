//! Passkeys (WebAuthn, through `webauthn-rs`) as a second factor: a person adds passkeys from
//! the account page and uses one instead of an authenticator-app code at sign-in and at the
//! step-up. Passkeys resist phishing: the browser gives the answer only to the portal's own
//! address (`PORTAL_PUBLIC_URL`, whose host is the relying party).
//!
//! Each ceremony (adding one, or signing in with one) starts with a challenge whose state is a
//! row of `passkey_ceremonies`; the session holds its id. The answer deletes that row in the
//! transaction that accepts it, so an answer is accepted once however many requests carry it,
//! and a ceremony older than [`CEREMONY_MINUTES`] is refused.

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, RequestChallengeResponse, Url, Uuid, Webauthn, WebauthnBuilder,
};

use crate::{
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// Session key of the id of an adding ceremony under way.
pub const REGISTER: &str = "passkey_register";
/// Session key of the id of a sign-in or step-up ceremony under way.
pub const AUTHENTICATE: &str = "passkey_authenticate";

/// How long a ceremony may take, from its challenge to the answer.
pub const CEREMONY_MINUTES: i64 = 5;

/// The longest name of a passkey, in characters.
pub const NAME_MAX: usize = 60;

/// The relying party: the portal at `public_url`, whose host names it (so it must be a domain
/// name such as `localhost`, never an IP address).
pub fn relying_party(public_url: &str) -> Result<Webauthn, String> {
    let url = Url::parse(public_url).map_err(|e| format!("PORTAL_PUBLIC_URL {public_url:?}: {e}"))?;
    let host = url.host_str().ok_or_else(|| format!("PORTAL_PUBLIC_URL {public_url:?} has no host"))?;
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return Err(format!(
            "PORTAL_PUBLIC_URL {public_url:?}: passkeys need a domain name (such as localhost), not an address"
        ));
    }
    WebauthnBuilder::new(host, &url)
        .and_then(|b| b.rp_name("Kreditomat").build())
        .map_err(|e| format!("PORTAL_PUBLIC_URL {public_url:?}: {e}"))
}

/// The handle the authenticator keeps for a staff member: derived from the account id, and
/// naming nobody.
fn user_handle(staff: i64) -> Uuid {
    let digest = Sha256::digest(format!("kreditomat-portal staff {staff}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Uuid::from_bytes(bytes)
}

/// A passkey as its owner sees it on the account page.
#[derive(Debug, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

/// The account's passkeys, oldest first.
pub async fn list(db: &Db, staff: i64) -> Result<Vec<Listed>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT id, name, created_at, last_used_at FROM staff_passkeys WHERE staff_id = $1 ORDER BY id"
    )
    .bind(staff)
    .fetch_all(c)
    .await)
}

/// The account's stored credentials with their row ids; one that no longer reads is left out.
async fn credentials(db: &Db, staff: i64) -> Result<Vec<(i64, Passkey)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, credential FROM staff_passkeys WHERE staff_id = $1 ORDER BY id"
    )
    .bind(staff)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, json)| match serde_json::from_str::<Passkey>(&json) {
            Ok(p) => Some((id, p)),
            Err(e) => {
                tracing::warn!(staff, passkey = id, error = %e, "a stored passkey does not read");
                None
            }
        })
        .collect())
}

/// Stores a new ceremony's state for `staff`, replacing their open one of the same kind and
/// dropping everyone's stale ones; returns its id.
async fn open(db: &Db, staff: i64, kind: &str, state: String) -> Result<String, sqlx::Error> {
    let id = crate::auth::session::new_token();
    let now = db::now();
    let mut tx = db.begin().await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM passkey_ceremonies WHERE (staff_id = $1 AND kind = $2) OR created_at < $3"
    )
    .bind(staff)
    .bind(kind)
    .bind(now - Duration::minutes(CEREMONY_MINUTES))
    .execute(c)
    .await
    .map(|_| ()))?;
    with_tx!(&mut tx, |c| sqlx::query(
        "INSERT INTO passkey_ceremonies (id, staff_id, kind, state, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(&id)
    .bind(staff)
    .bind(kind)
    .bind(state)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    tx.commit().await?;
    Ok(id)
}

/// Uses up the ceremony `id` of `staff` and `kind` in `tx` and returns its state, if it is
/// there and fresh (a second request with the same answer finds it gone).
async fn take<T: DeserializeOwned>(
    tx: &mut Tx,
    id: &str,
    staff: i64,
    kind: &str,
) -> Result<Option<T>, sqlx::Error> {
    let state: Option<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "DELETE FROM passkey_ceremonies WHERE id = $1 AND staff_id = $2 AND kind = $3 AND created_at >= $4
         RETURNING state"
    )
    .bind(id)
    .bind(staff)
    .bind(kind)
    .bind(db::now() - Duration::minutes(CEREMONY_MINUTES))
    .fetch_optional(c)
    .await
    })?;
    Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
}

/// Starts adding a passkey for `staff` (`login`, `full_name`): the options for the browser and
/// the ceremony's id. Passkeys the account has already are excluded (the authenticator says so
/// instead of making a second one).
pub async fn start_registration(
    rp: &Webauthn,
    db: &Db,
    staff: i64,
    login: &str,
    full_name: &str,
) -> Result<(CreationChallengeResponse, String), StartError> {
    let exclude = credentials(db, staff).await?.into_iter().map(|(_, p)| p.cred_id().clone()).collect();
    let (options, state) =
        rp.start_passkey_registration(user_handle(staff), login, full_name, Some(exclude))?;
    let id = open(db, staff, "register", serde_json::to_string(&state).map_err(StartError::State)?).await?;
    Ok((options, id))
}

/// Starts a sign-in or step-up with a passkey of `staff`; `None` when they have none.
pub async fn start_authentication(
    rp: &Webauthn,
    db: &Db,
    staff: i64,
) -> Result<Option<(RequestChallengeResponse, String)>, StartError> {
    let passkeys: Vec<Passkey> = credentials(db, staff).await?.into_iter().map(|(_, p)| p).collect();
    if passkeys.is_empty() {
        return Ok(None);
    }
    let (options, state) = rp.start_passkey_authentication(&passkeys)?;
    let id =
        open(db, staff, "authenticate", serde_json::to_string(&state).map_err(StartError::State)?).await?;
    Ok(Some((options, id)))
}

/// Why a ceremony could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("webauthn: {0}")]
    Webauthn(#[from] webauthn_rs::prelude::WebauthnError),
    #[error("ceremony state: {0}")]
    State(serde_json::Error),
}

/// How adding a passkey ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    /// Stored.
    Added,
    /// The person has a passkey of that name already.
    NameTaken,
    /// This authenticator's credential is registered already.
    Known,
    /// The answer is not one to the open ceremony (none, stale, used, or not valid).
    Refused,
}

/// Finishes adding a passkey named `name` from the browser's answer `answer` (JSON) to the
/// ceremony `ceremony`, in `tx`.
pub async fn finish_registration(
    rp: &Webauthn,
    tx: &mut Tx,
    staff: i64,
    ceremony: &str,
    name: &str,
    answer: &str,
) -> Result<Added, sqlx::Error> {
    let Ok(answer) = serde_json::from_str::<RegisterPublicKeyCredential>(answer) else {
        return Ok(Added::Refused);
    };
    let Some(state) = take::<PasskeyRegistration>(tx, ceremony, staff, "register").await? else {
        return Ok(Added::Refused);
    };
    let passkey = match rp.finish_passkey_registration(&answer, &state) {
        Ok(p) => p,
        Err(e) => {
            tracing::info!(staff, error = %e, "a passkey answer was refused");
            return Ok(Added::Refused);
        }
    };
    let credential_id = hex::encode(passkey.cred_id());
    let json = serde_json::to_string(&passkey).expect("a passkey serialises");
    let inserted = with_tx!(tx, |c| sqlx::query(
        "INSERT INTO staff_passkeys (staff_id, credential_id, name, credential, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"
    )
    .bind(staff)
    .bind(&credential_id)
    .bind(name)
    .bind(&json)
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if inserted == 1 {
        return Ok(Added::Added);
    }
    let known: i64 =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM staff_passkeys WHERE credential_id = $1")
            .bind(&credential_id)
            .fetch_one(c)
            .await)?;
    Ok(if known > 0 { Added::Known } else { Added::NameTaken })
}

/// Whether `answer` (JSON) is a right answer to the open sign-in ceremony `ceremony` of
/// `staff`, with one of their passkeys; a right one updates the passkey's counter and last use
/// in `tx`. Returns the passkey's name.
pub async fn authenticate(
    rp: &Webauthn,
    db: &Db,
    tx: &mut Tx,
    staff: i64,
    ceremony: &str,
    answer: &str,
) -> Result<Option<String>, sqlx::Error> {
    let Ok(answer) = serde_json::from_str::<PublicKeyCredential>(answer) else {
        return Ok(None);
    };
    let Some(state) = take::<PasskeyAuthentication>(tx, ceremony, staff, "authenticate").await? else {
        return Ok(None);
    };
    let result = match rp.finish_passkey_authentication(&answer, &state) {
        Ok(r) => r,
        Err(e) => {
            tracing::info!(staff, error = %e, "a passkey sign-in answer was refused");
            return Ok(None);
        }
    };
    // The passkey may have been removed since the challenge: only a stored one counts.
    let Some((id, mut passkey)) =
        credentials(db, staff).await?.into_iter().find(|(_, p)| p.cred_id() == result.cred_id())
    else {
        return Ok(None);
    };
    passkey.update_credential(&result);
    let json = serde_json::to_string(&passkey).expect("a passkey serialises");
    let name: Option<String> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "UPDATE staff_passkeys SET credential = $3, last_used_at = $4 WHERE id = $1 AND staff_id = $2 RETURNING name"
    )
    .bind(id)
    .bind(staff)
    .bind(&json)
    .bind(db::now())
    .fetch_optional(c)
    .await
    })?;
    Ok(name)
}

/// How renaming a passkey ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Renamed {
    /// Renamed; its name before.
    Renamed(String),
    /// The person has another passkey of that name.
    NameTaken,
    /// The person has no passkey `id`.
    NotFound,
}

/// Renames the passkey `id` of `staff` to `name`.
pub async fn rename(tx: &mut Tx, staff: i64, id: i64, name: &str) -> Result<Renamed, sqlx::Error> {
    let old: Option<String> = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT name FROM staff_passkeys WHERE id = $1 AND staff_id = $2"
    )
    .bind(id)
    .bind(staff)
    .fetch_optional(c)
    .await)?;
    let Some(old) = old else { return Ok(Renamed::NotFound) };
    let taken: i64 = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_passkeys WHERE staff_id = $1 AND name = $2 AND id <> $3"
    )
    .bind(staff)
    .bind(name)
    .bind(id)
    .fetch_one(c)
    .await)?;
    if taken > 0 {
        return Ok(Renamed::NameTaken);
    }
    let done =
        with_tx!(tx, |c| sqlx::query("UPDATE staff_passkeys SET name = $3 WHERE id = $1 AND staff_id = $2")
            .bind(id)
            .bind(staff)
            .bind(name)
            .execute(c)
            .await
            .map(|_| ()));
    match done {
        Ok(()) => Ok(Renamed::Renamed(old)),
        // Another request took the name meanwhile.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Renamed::NameTaken),
        Err(e) => Err(e),
    }
}

/// The message for a passkey name that cannot be used, if it cannot.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("passkey-name-required")
    } else if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        Some("passkey-name-long")
    } else {
        None
    }
}

/// Removes the passkey `id` of `staff`; returns its name, or `None` when there is none such.
pub async fn remove(tx: &mut Tx, staff: i64, id: i64) -> Result<Option<String>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(
        "DELETE FROM staff_passkeys WHERE id = $1 AND staff_id = $2 RETURNING name"
    )
    .bind(id)
    .bind(staff)
    .fetch_optional(c)
    .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_is_a_domain_name() {
        assert!(relying_party("http://localhost:8080").is_ok());
        assert!(relying_party("https://portal.kreditomat.kz").is_ok());
        assert!(relying_party("http://127.0.0.1:8080").unwrap_err().contains("domain name"));
        assert!(relying_party("http://[::1]:8080").is_err());
        assert!(relying_party("not a url").is_err());
    }

    #[test]
    fn the_user_handle_is_stable_and_names_nobody() {
        assert_eq!(user_handle(7), user_handle(7));
        assert_ne!(user_handle(7), user_handle(8));
        assert_ne!(user_handle(7), Uuid::from_u128(7));
    }
}
