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
/// successful sign-in do not count against the account.
pub async fn check(db: &Db, limits: &Throttle, login: &str, ip: &str) -> Result<Verdict, sqlx::Error> {
    let now = db::now();
    let window_start = now - limits.window;

    let last_success: Option<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT MAX(at) FROM sign_in_attempts WHERE login = $1 AND success = TRUE AND at > $2"
    )
    .bind(login)
    .bind(window_start)
    .fetch_one(c)
    .await)?;
    let account_since = last_success.map_or(window_start, |s| s.max(window_start));
    let account: Vec<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE login = $1 AND success = FALSE AND at > $2
         ORDER BY at DESC LIMIT $3"
    )
    .bind(login)
    .bind(account_since)
    .bind(limits.per_account)
    .fetch_all(c)
    .await)?;
    if let Some(v) = locked(&account, limits.per_account, limits, now, Scope::Account) {
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
