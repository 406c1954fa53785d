//! Throttling of failed sign-ins, per login and per client address, kept in the database so
//! that several portal processes share the count.

use time::OffsetDateTime;

use crate::{
    config::Throttle,
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// Whether a sign-in may be tried now.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Too many failures; `minutes` until the next try is allowed, and which limit was hit.
    Locked {
        minutes: i64,
        scope: Scope,
    },
}

/// Which limit locked a sign-in.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Scope {
    Account,
    Address,
}

impl Scope {
    /// Name used in audit details.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Address => "address",
        }
    }
}

/// Checks both limits for a sign-in of `login` from `ip`. Failures before the login's last
/// successful sign-in, or before a lock was lifted, do not count against the account.
pub async fn check(db: &Db, limits: &Throttle, login: &str, ip: &str) -> Result<Verdict, sqlx::Error> {
    let now = db::now();
    let window_start = now - limits.window;
    if let Some(v) = account_lock(db, limits, login, now).await? {
        return Ok(v);
    }

    let address: Vec<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE ip = $1 AND success = FALSE AND at > $2
         ORDER BY at DESC LIMIT $3"
    )
    .bind(ip)
    .bind(window_start)
    .bind(limits.per_address)
    .fetch_all(c)
    .await)?;
    Ok(locked(&address, limits.per_address, limits, now, Scope::Address).unwrap_or(Verdict::Allowed))
}

/// The lock on the account `login` at `now`, if its failures reach the limit.
pub async fn account_lock(
    db: &Db,
    limits: &Throttle,
    login: &str,
    now: OffsetDateTime,
) -> Result<Option<Verdict>, sqlx::Error> {
    let window_start = now - limits.window;
    let since: Option<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT MAX(at) FROM (
             SELECT at FROM sign_in_attempts WHERE login = $1 AND success = TRUE AND at > $2
             UNION ALL SELECT at FROM sign_in_unlocks WHERE login = $1 AND at > $2) s"
    )
    .bind(login)
    .bind(window_start)
    .fetch_one(c)
    .await)?;
    let account_since = since.map_or(window_start, |s| s.max(window_start));
    let account: Vec<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE login = $1 AND success = FALSE AND at > $2
         ORDER BY at DESC LIMIT $3"
    )
    .bind(login)
    .bind(account_since)
    .bind(limits.per_account)
    .fetch_all(c)
    .await)?;
    Ok(locked(&account, limits.per_account, limits, now, Scope::Account))
}

/// A login locked now: `(login, minutes left)`.
#[derive(Clone, Debug)]
pub struct Lock {
    pub login: String,
    pub minutes: i64,
}

/// Every login whose sign-in is locked now.
pub async fn locked_logins(db: &Db, limits: &Throttle) -> Result<Vec<Lock>, sqlx::Error> {
    let now = db::now();
    let candidates: Vec<String> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT login FROM sign_in_attempts WHERE success = FALSE AND at > $1
         GROUP BY login HAVING COUNT(*) >= $2 ORDER BY login LIMIT 500"
    )
    .bind(now - limits.window)
    .bind(limits.per_account)
    .fetch_all(c)
    .await)?;
    let mut out = Vec::new();
    for login in candidates {
        if let Some(Verdict::Locked { minutes, .. }) = account_lock(db, limits, &login, now).await? {
            out.push(Lock { login, minutes });
        }
    }
    Ok(out)
}

/// Lifts the lock on `login` (failures so far stop counting), by `staff`.
pub async fn unlock(tx: &mut Tx, login: &str, staff: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("INSERT INTO sign_in_unlocks (login, at, staff_id) VALUES ($1, $2, $3)")
        .bind(login)
        .bind(db::now())
        .bind(staff)
        .execute(c)
        .await
        .map(|_| ()))
}

/// With `limit` failures in the window, locked until the oldest of them leaves it.
fn locked(
    failures: &[OffsetDateTime],
    limit: i64,
    limits: &Throttle,
    now: OffsetDateTime,
    scope: Scope,
) -> Option<Verdict> {
    if (failures.len() as i64) < limit {
        return None;
    }
    let oldest = *failures.last()?;
    let wait = (oldest + limits.window - now).whole_seconds().max(1);
    Some(Verdict::Locked { minutes: (wait + 59) / 60, scope })
}

/// Records an attempt that was actually checked against a password.
pub async fn record(tx: &mut Tx, login: &str, ip: &str, success: bool) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_attempts (at, login, ip, success) VALUES ($1, $2, $3, $4)"
    )
    .bind(db::now())
    .bind(login)
    .bind(ip)
    .bind(success)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
