//! Where second factors live: the sealed TOTP secret of each account and its recovery codes
//! (passkeys: [`super::webauthn`]).

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{sealed::SecretKey, totp};
use crate::{
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// How many recovery codes an enrolment gives.
pub const RECOVERY_CODES: usize = 10;

/// An account's authenticator app.
#[derive(Debug)]
pub struct Totp {
    pub secret: Vec<u8>,
    pub confirmed_at: Option<OffsetDateTime>,
    pub last_step: Option<i64>,
}

fn context(staff: i64) -> String {
    format!("totp:{staff}")
}

/// The account's TOTP, confirmed or waiting for its first code; `None` also when the secret
/// cannot be opened with the portal's key (the key changed: the person must enrol again).
pub async fn find(db: &Db, key: &SecretKey, staff: i64) -> Result<Option<Totp>, sqlx::Error> {
    let row: Option<(String, Option<OffsetDateTime>, Option<i64>)> = with_db!(db, |c| sqlx::query_as(
        "SELECT secret, confirmed_at, last_step FROM staff_totp WHERE staff_id = $1"
    )
    .bind(staff)
    .fetch_optional(c)
    .await)?;
    Ok(row.and_then(|(sealed, confirmed_at, last_step)| {
        let secret = key.open(&context(staff), &sealed);
        if secret.is_none() {
            tracing::warn!(staff, "a TOTP secret does not open with PORTAL_SECRET_KEY");
        }
        Some(Totp { secret: secret?, confirmed_at, last_step })
    }))
}

/// Whether the account has a confirmed second factor: the authenticator app or a passkey.
pub async fn enrolled(db: &Db, staff: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = with_db!(db, |c| sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM staff_totp WHERE staff_id = $1 AND confirmed_at IS NOT NULL)
              + (SELECT COUNT(*) FROM staff_passkeys WHERE staff_id = $1)"
    )
    .bind(staff)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// The accounts with a second factor (the app or a passkey).
pub async fn enrolled_staff(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT staff_id FROM staff_totp WHERE confirmed_at IS NOT NULL
         UNION SELECT staff_id FROM staff_passkeys"
    )
    .fetch_all(c)
    .await)
}

/// Which second factors the account has: a confirmed authenticator app, and how many passkeys.
pub async fn factors(db: &Db, staff: i64) -> Result<(bool, i64), sqlx::Error> {
    let (app, passkeys): (i64, i64) = with_db!(db, |c| sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM staff_totp WHERE staff_id = $1 AND confirmed_at IS NOT NULL),
                (SELECT COUNT(*) FROM staff_passkeys WHERE staff_id = $1)"
    )
    .bind(staff)
    .fetch_one(c)
    .await)?;
    Ok((app > 0, passkeys))
}

/// How many second factors the account has within `tx`: the confirmed app and each passkey.
pub async fn count_factors(tx: &mut Tx, staff: i64) -> Result<i64, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM staff_totp WHERE staff_id = $1 AND confirmed_at IS NOT NULL)
              + (SELECT COUNT(*) FROM staff_passkeys WHERE staff_id = $1)"
    )
    .bind(staff)
    .fetch_one(c)
    .await)
}

/// Whether the account, within `tx`, still has a factor (after one was removed); when it has
/// none its recovery codes go too, since they stand in for a factor.
pub async fn drop_codes_if_no_factor(tx: &mut Tx, staff: i64) -> Result<bool, sqlx::Error> {
    let left = count_factors(tx, staff).await? > 0;
    if !left {
        with_tx!(tx, |c| sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
            .bind(staff)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(left)
}

/// Starts an enrolment with a new secret (replacing one not yet confirmed); returns the secret.
/// A confirmed one is kept until it is removed.
pub async fn start(db: &Db, key: &SecretKey, staff: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let secret = totp::new_secret();
    let sealed = key.seal(&context(staff), &secret);
    let done = with_db!(db, |c| sqlx::query(
        "INSERT INTO staff_totp (staff_id, secret, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (staff_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,
                                              last_step = NULL
         WHERE staff_totp.confirmed_at IS NULL"
    )
    .bind(staff)
    .bind(&sealed)
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((done == 1).then_some(secret))
}

/// Accepts `step` for the account if no code from it or a later step was accepted before (two
/// requests racing with one code: only one wins); confirms a waiting enrolment.
pub async fn use_step(tx: &mut Tx, staff: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = with_tx!(tx, |c| sqlx::query(
        "UPDATE staff_totp SET last_step = $2, confirmed_at = COALESCE(confirmed_at, $3)
         WHERE staff_id = $1 AND (last_step IS NULL OR last_step < $2)"
    )
    .bind(staff)
    .bind(step)
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

fn hash(code: &str) -> String {
    let normal: String = code.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    hex::encode(Sha256::digest(normal.as_bytes()))
}

/// New recovery codes for the account, replacing any old ones; returns them to show once.
pub async fn new_recovery_codes(tx: &mut Tx, staff: i64) -> Result<Vec<String>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
        .bind(staff)
        .execute(c)
        .await
        .map(|_| ()))?;
    // Ten characters from an alphabet without 0/o, 1/l: 50 bits.
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut codes = Vec::new();
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes).expect("the OS random source works");
        let s: String = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b & 31)])).collect();
        let code = format!("{}-{}", &s[..5], &s[5..]);
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)"
        )
        .bind(staff)
        .bind(hash(&code))
        .execute(c)
        .await
        .map(|_| ()))?;
        codes.push(code);
    }
    Ok(codes)
}

/// Uses a recovery code: true once for each code, false for a wrong or used one.
pub async fn use_recovery_code(tx: &mut Tx, staff: i64, code: &str) -> Result<bool, sqlx::Error> {
    let done = with_tx!(tx, |c| sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = $3
         WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL"
    )
    .bind(staff)
    .bind(hash(code))
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Recovery codes not used yet.
pub async fn recovery_codes_left(db: &Db, staff: i64) -> Result<i64, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL"
    )
    .bind(staff)
    .fetch_one(c)
    .await)
}

/// Removes the authenticator app alone (confirmed or waiting).
pub async fn remove_app(tx: &mut Tx, staff: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM staff_totp WHERE staff_id = $1")
        .bind(staff)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Removes every second factor of the account: the authenticator app, passkeys (and passkey
/// ceremonies under way) and recovery codes.
pub async fn remove_all(tx: &mut Tx, staff: i64) -> Result<(), sqlx::Error> {
    for table in ["staff_totp", "staff_passkeys", "passkey_ceremonies", "staff_recovery_codes"] {
        let sql = format!("DELETE FROM {table} WHERE staff_id = $1");
        with_tx!(tx, |c| sqlx::query(&sql).bind(staff).execute(c).await.map(|_| ()))?;
    }
    Ok(())
}
