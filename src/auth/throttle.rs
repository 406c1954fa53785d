//! Throttling of sign-ins, kept in the database so that several portal processes share it, and
//! built so that neither a burst of parallel requests nor an attacker elsewhere gets around it
//! or turns it against the real person (OWASP's authentication guidance):
//!
//! - **Reserved before the password is checked.** [`reserve`] counts the failures and records
//!   the attempt (as a failure) in one transaction that holds a lock on the login and on the
//!   address (`pg_advisory_xact_lock`; SQLite's write lock), so parallel sign-ins are counted one
//!   after another and no burst checks more passwords than the limits allow. A right password
//!   turns its attempt into a success afterwards ([`password_right`]).
//! - **One login from one address** gets [`Throttle::pair_free`] tries at once, then waits that
//!   grow (5 s, 10 s, 20 s, ...): guessing slows down, the person is never shut out.
//! - **A login's usual addresses** (a right password from there in the last
//!   [`Throttle::known_for`]) are never refused by the other two limits.
//! - **One login from elsewhere**: after [`Throttle::per_account`] failures from addresses it
//!   does not usually use, such addresses are refused for the rest of the window.
//! - **One address across logins**: after [`Throttle::per_address`] failures, the address is
//!   refused for the logins that do not usually sign in from it.
//!
//! Administrators and security officers lift a login's or an address's lock ([`unlock`]).

use time::OffsetDateTime;

use crate::{
    config::Throttle,
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// Which limit refused a sign-in.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Scope {
    /// Too many failures of this login from this address: wait and try again.
    Pair,
    /// Too many failures of this login from addresses it does not usually use.
    Account,
    /// Too many failures from this address.
    Address,
}

impl Scope {
    /// Name used in audit details.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Pair => "pair",
            Scope::Account => "account",
            Scope::Address => "address",
        }
    }
}

/// Whether a sign-in may check its password now.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go on; the attempt is recorded as a failure until [`password_right`] says otherwise.
    Reserved(i64),
    /// Refused: `seconds` until a try is allowed again, and which limit refused it.
    Wait { seconds: i64, scope: Scope },
}

/// What the database knows about a login and an address at the moment of a sign-in.
#[derive(Debug, Default)]
struct Standing {
    /// Failures of this login from this address since the window began, the last success of the
    /// pair or a lifted lock; newest first.
    pair: Vec<OffsetDateTime>,
    /// Whether the address is one of the login's usual ones.
    usual: bool,
    /// Failures of this login from addresses it does not usually use; newest first.
    account: Vec<OffsetDateTime>,
    /// Failures from this address, any login; newest first.
    address: Vec<OffsetDateTime>,
}

/// Whether a try is allowed at `now`, and if not, how long it waits.
fn decide(s: &Standing, limits: &Throttle, now: OffsetDateTime) -> Option<(i64, Scope)> {
    // Whole seconds, rounded up: a client that waits this long is let in.
    let wait =
        |until: OffsetDateTime| ((until - now).whole_milliseconds() as i64 + 999).div_euclid(1000).max(1);
    let over = |failures: &[OffsetDateTime], limit: i64| {
        (failures.len() as i64 >= limit).then(|| failures.get(limit as usize - 1).copied()).flatten()
    };
    let extra = s.pair.len() as i64 - limits.pair_free;
    if extra >= 0
        && let Some(latest) = s.pair.first()
    {
        let delay = (limits.pair_delay * 2_i32.pow(extra.min(16) as u32)).min(limits.window);
        if now < *latest + delay {
            return Some((wait(*latest + delay), Scope::Pair));
        }
    }
    if s.usual {
        return None;
    }
    // Refused until the oldest of the counted failures leaves the window.
    if let Some(oldest) = over(&s.account, limits.per_account) {
        return Some((wait(oldest + limits.window), Scope::Account));
    }
    if let Some(oldest) = over(&s.address, limits.per_address) {
        return Some((wait(oldest + limits.window), Scope::Address));
    }
    None
}

/// Takes the locks a sign-in of `login` from `ip` counts under: on PostgreSQL two advisory locks
/// (login first, then address, in every process, so two sign-ins never wait on each other in a
/// circle); SQLite's transactions already hold the database's write lock.
async fn lock(tx: &mut Tx, login: &str, ip: &str) -> Result<(), sqlx::Error> {
    lock_keys(tx, &[format!("login:{login}"), format!("ip:{ip}")]).await
}

/// Holds PostgreSQL advisory locks on `keys`, in order, until the transaction ends (nothing on
/// SQLite, whose transactions hold the write lock).
pub(super) async fn lock_keys(tx: &mut Tx, keys: &[String]) -> Result<(), sqlx::Error> {
    if let Tx::Pg(t) = tx {
        for key in keys {
            sqlx::query("SELECT pg_advisory_xact_lock(7, hashtext($1))").bind(key).execute(&mut **t).await?;
        }
    }
    Ok(())
}

async fn times(
    tx: &mut Tx,
    sql: &str,
    binds: &[&str],
    since: OffsetDateTime,
    limit: i64,
) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    with_tx!(tx, |c| {
        let mut q = sqlx::query_scalar(sql);
        for b in binds {
            q = q.bind(*b);
        }
        q.bind(since).bind(limit).fetch_all(c).await
    })
}

/// Reads the standing of `login` at `ip` inside the locked transaction.
async fn standing(
    tx: &mut Tx,
    limits: &Throttle,
    login: &str,
    ip: &str,
    now: OffsetDateTime,
) -> Result<Standing, sqlx::Error> {
    let window_start = now - limits.window;
    let usual_since = now - limits.known_for;
    type Marks =
        (Option<OffsetDateTime>, Option<OffsetDateTime>, Option<OffsetDateTime>, Option<OffsetDateTime>);
    let (known, login_unlocked, ip_unlocked, login_success): Marks = with_tx!(tx, |c| sqlx::query_as(
        "SELECT (SELECT last_success FROM sign_in_known WHERE login = $1 AND ip = $2),
                (SELECT MAX(at) FROM sign_in_unlocks WHERE login = $1 AND at > $3),
                (SELECT MAX(at) FROM sign_in_unlocks WHERE login = '' AND ip = $2 AND at > $3),
                (SELECT MAX(at) FROM sign_in_attempts WHERE login = $1 AND success = TRUE AND at > $3)"
    )
    .bind(login)
    .bind(ip)
    .bind(window_start)
    .fetch_one(c)
    .await)?;
    let after =
        |marks: &[Option<OffsetDateTime>]| marks.iter().flatten().fold(window_start, |a, b| a.max(*b));
    let cap = limits.per_account.max(limits.per_address).max(limits.pair_free + 17);
    let pair = times(
        tx,
        "SELECT at FROM sign_in_attempts WHERE login = $1 AND ip = $2 AND success = FALSE AND at > $3
         ORDER BY at DESC LIMIT $4",
        &[login, ip],
        after(&[known, login_unlocked]),
        cap,
    )
    .await?;
    let usual = known.is_some_and(|k| k > usual_since);
    if usual {
        return Ok(Standing { pair, usual, ..Standing::default() });
    }
    let account = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT a.at FROM sign_in_attempts a
         WHERE a.login = $1 AND a.success = FALSE AND a.at > $2
           AND NOT EXISTS (SELECT 1 FROM sign_in_known k
                           WHERE k.login = a.login AND k.ip = a.ip AND k.last_success > $3)
         ORDER BY a.at DESC LIMIT $4"
    )
    .bind(login)
    .bind(after(&[login_unlocked, login_success]))
    .bind(usual_since)
    .bind(limits.per_account)
    .fetch_all(c)
    .await)?;
    let address = times(
        tx,
        "SELECT at FROM sign_in_attempts WHERE ip = $1 AND success = FALSE AND at > $2
         ORDER BY at DESC LIMIT $3",
        &[ip],
        after(&[ip_unlocked]),
        limits.per_address,
    )
    .await?;
    Ok(Standing { pair, usual, account, address })
}

/// Decides whether `login` may check a password from `ip` now and, if so, records the attempt
/// as a failure before the password is checked.
pub async fn reserve(db: &Db, limits: &Throttle, login: &str, ip: &str) -> Result<Verdict, sqlx::Error> {
    let mut tx = db.begin().await?;
    lock(&mut tx, login, ip).await?;
    let now = db::now();
    let standing = standing(&mut tx, limits, login, ip, now).await?;
    if let Some((seconds, scope)) = decide(&standing, limits, now) {
        return Ok(Verdict::Wait { seconds, scope });
    }
    let id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO sign_in_attempts (at, login, ip, success) VALUES ($1, $2, $3, FALSE) RETURNING id"
    )
    .bind(now)
    .bind(login)
    .bind(ip)
    .fetch_one(c)
    .await)?;
    tx.commit().await?;
    Ok(Verdict::Reserved(id))
}

/// The reserved attempt `id` had the right password: it no longer counts as a failure.
pub async fn password_right(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("UPDATE sign_in_attempts SET success = TRUE WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// `login` signed in from `ip` (every factor given): the address becomes one of its usual ones.
pub async fn signed_in_from(tx: &mut Tx, login: &str, ip: &str) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_known (login, ip, last_success) VALUES ($1, $2, $3)
         ON CONFLICT (login, ip) DO UPDATE SET last_success = excluded.last_success"
    )
    .bind(login)
    .bind(ip)
    .bind(db::now())
    .execute(c)
    .await
    .map(|_| ()))
}

/// What a refused person reads: the wait in seconds under a minute, else in minutes.
pub fn wait_message(lang: crate::i18n::Lang, seconds: i64) -> String {
    if seconds < 60 {
        crate::i18n::t_count(lang, "login-wait-seconds", seconds, &[])
    } else {
        crate::i18n::t_count(lang, "login-locked", (seconds + 59) / 60, &[])
    }
}

/// A login or an address refused now, with how long it stays so.
#[derive(Clone, Debug)]
pub struct Lock {
    /// The login, or the address.
    pub key: String,
    pub minutes: i64,
    /// Failures counted against it.
    pub failures: i64,
}

/// Every login refused now at the addresses it does not usually use, and every address refused
/// now, as `(logins, addresses)`.
pub async fn locks(db: &Db, limits: &Throttle) -> Result<(Vec<Lock>, Vec<Lock>), sqlx::Error> {
    let now = db::now();
    let window_start = now - limits.window;
    let candidates = |column: &'static str, limit: i64| async move {
        let sql = format!(
            "SELECT {column} FROM sign_in_attempts WHERE success = FALSE AND at > $1
             GROUP BY {column} HAVING COUNT(*) >= $2 ORDER BY {column} LIMIT 500"
        );
        with_db!(db, |c| sqlx::query_scalar::<_, String>(&sql)
            .bind(window_start)
            .bind(limit)
            .fetch_all(c)
            .await)
    };
    let mut logins = Vec::new();
    for login in candidates("login", limits.per_account).await? {
        let mut tx = db.begin().await?;
        // An address no login uses: only the login's own counts matter.
        let s = standing(&mut tx, limits, &login, "", now).await?;
        drop(tx);
        let only_account = Standing { account: s.account, ..Standing::default() };
        if let Some((seconds, _)) = decide(&only_account, limits, now) {
            let failures = only_account.account.len() as i64;
            logins.push(Lock { key: login, minutes: (seconds + 59) / 60, failures });
        }
    }
    let mut addresses = Vec::new();
    for ip in candidates("ip", limits.per_address).await? {
        let mut tx = db.begin().await?;
        let s = standing(&mut tx, limits, "", &ip, now).await?;
        drop(tx);
        let only_address = Standing { address: s.address, ..Standing::default() };
        if let Some((seconds, _)) = decide(&only_address, limits, now) {
            let failures = only_address.address.len() as i64;
            addresses.push(Lock { key: ip, minutes: (seconds + 59) / 60, failures });
        }
    }
    Ok((logins, addresses))
}

/// Lifts the lock on `login` (its failures so far stop counting), by `staff`.
pub async fn unlock(tx: &mut Tx, login: &str, staff: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("INSERT INTO sign_in_unlocks (login, at, staff_id) VALUES ($1, $2, $3)")
        .bind(login)
        .bind(db::now())
        .bind(staff)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Lifts the lock on the address `ip` (its failures so far stop counting), by `staff`.
pub async fn unlock_address(tx: &mut Tx, ip: &str, staff: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_unlocks (login, ip, at, staff_id) VALUES ('', $1, $2, $3)"
    )
    .bind(ip)
    .bind(db::now())
    .bind(staff)
    .execute(c)
    .await
    .map(|_| ()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn at(now: OffsetDateTime, seconds_ago: &[i64]) -> Vec<OffsetDateTime> {
        seconds_ago.iter().map(|s| now - Duration::seconds(*s)).collect()
    }

    #[test]
    fn waits_grow_for_one_address_and_usual_addresses_are_never_locked_out() {
        let limits = Throttle::default();
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let pair = |ago: &[i64]| Standing { pair: at(now, ago), ..Standing::default() };
        assert_eq!(decide(&pair(&[1, 2]), &limits, now), None, "two failures: a third try at once");
        assert_eq!(decide(&pair(&[1, 2, 3]), &limits, now), Some((4, Scope::Pair)), "then 5 s");
        assert_eq!(decide(&pair(&[6, 7, 8]), &limits, now), None, "after 5 s, allowed");
        assert_eq!(decide(&pair(&[6, 7, 8, 9]), &limits, now), Some((4, Scope::Pair)), "then 10 s");
        let many: Vec<i64> = (1..=30).collect();
        assert_eq!(decide(&pair(&many), &limits, now), Some((899, Scope::Pair)), "at most the window");

        // Five failures from elsewhere refuse new addresses, not the usual one.
        let elsewhere = at(now, &[10, 20, 30, 40, 50]);
        let new = Standing { account: elsewhere.clone(), ..Standing::default() };
        assert_eq!(decide(&new, &limits, now), Some((850, Scope::Account)));
        let usual = Standing { account: elsewhere, usual: true, ..Standing::default() };
        assert_eq!(decide(&usual, &limits, now), None);

        // Twenty failures from an address refuse it for logins that do not usually use it.
        let busy = at(now, &(1..=20).map(|i| i * 10).collect::<Vec<_>>());
        let stranger = Standing { address: busy.clone(), ..Standing::default() };
        assert_eq!(decide(&stranger, &limits, now), Some((700, Scope::Address)));
        let regular = Standing { address: busy, usual: true, ..Standing::default() };
        assert_eq!(decide(&regular, &limits, now), None);
    }
}
