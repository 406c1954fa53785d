//! Each sign-in of a staff member is a row of `staff_sessions`: the lists of active sessions
//! (the person's own on the account page, everyone's for administrators) read it, and ending a
//! session from elsewhere marks it. The session itself carries the row's id
//! ([`super::session::SessionAuth::sign_in`]); a request of an ended sign-in is signed out
//! ([`super::session::current_user`]).

use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::{
    config::Config,
    db::{
        self, Db, Tx,
        json_rows::{self, de},
    },
    with_db, with_tx,
};

/// How often a sign-in's last-seen time is written, at most: a request within this of the last
/// write writes nothing.
pub const SEEN_EVERY: Duration = Duration::seconds(60);

/// The longest user-agent kept.
const USER_AGENT_MAX: usize = 300;

/// One active sign-in, as the lists show it.
#[derive(Clone, Debug, Deserialize)]
pub struct SignIn {
    pub id: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub login: String,
    #[serde(deserialize_with = "de::time")]
    pub started_at: OffsetDateTime,
    #[serde(deserialize_with = "de::time")]
    pub last_seen_at: OffsetDateTime,
    pub ip: String,
    pub user_agent: String,
}

impl SignIn {
    /// The browser and system named in the user-agent ("Chrome, Windows"), or the start of it.
    pub fn browser(&self) -> String {
        describe(&self.user_agent)
    }
}

/// A short name of the browser and system a user-agent names.
pub fn describe(ua: &str) -> String {
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("YaBrowser/", "Yandex Browser"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(k, _)| ua.contains(k)).map(|(_, n)| *n);
    let system = SYSTEMS.iter().find(|(k, _)| ua.contains(k)).map(|(_, n)| *n);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b}, {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => ua.chars().take(40).collect(),
    }
}

/// A new, random id of a sign-in.
fn new_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source works");
    hex::encode(bytes)
}

/// Records a sign-in of `staff` from `ip` with `user_agent`; returns its id.
pub async fn start(tx: &mut Tx, staff: i64, ip: &str, user_agent: &str) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = db::now();
    let ua: String = user_agent.chars().take(USER_AGENT_MAX).collect();
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO staff_sessions (id, staff_id, started_at, last_seen_at, ip, user_agent)
         VALUES ($1, $2, $3, $3, $4, $5)"
    )
    .bind(&id)
    .bind(staff)
    .bind(now)
    .bind(ip)
    .bind(&ua)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Notes that the sign-in `id` was seen now from `ip`.
pub async fn seen(db: &Db, id: &str, ip: &str) -> Result<(), sqlx::Error> {
    with_db!(db, |c| sqlx::query(
        "UPDATE staff_sessions SET last_seen_at = $1, ip = $2 WHERE id = $3 AND ended_at IS NULL"
    )
    .bind(db::now())
    .bind(ip)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Ends the active sign-in `id` of `staff` (`by` ends it); false when there is none such (ended
/// already, or another person's).
pub async fn end(tx: &mut Tx, id: &str, staff: i64, by: i64) -> Result<bool, sqlx::Error> {
    let done = with_tx!(tx, |c| sqlx::query(
        "UPDATE staff_sessions SET ended_at = $1, ended_by = $2
         WHERE id = $3 AND staff_id = $4 AND ended_at IS NULL"
    )
    .bind(db::now())
    .bind(by)
    .bind(id)
    .bind(staff)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Ends every active sign-in of `staff` but `keep`; returns how many ended.
pub async fn end_all(tx: &mut Tx, staff: i64, keep: Option<&str>, by: i64) -> Result<u64, sqlx::Error> {
    let done = with_tx!(tx, |c| sqlx::query(
        "UPDATE staff_sessions SET ended_at = $1, ended_by = $2
         WHERE staff_id = $3 AND ended_at IS NULL AND id <> $4"
    )
    .bind(db::now())
    .bind(by)
    .bind(staff)
    .bind(keep.unwrap_or(""))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// The active sign-ins, newest seen first: of `staff`, or of everyone. A sign-in not seen for
/// the idle timeout, or older than the absolute lifetime, has ended by itself.
pub async fn active(db: &Db, config: &Config, staff: Option<i64>) -> Result<Vec<SignIn>, sqlx::Error> {
    let now = db::now();
    let seen_after = now - config.session_idle - SEEN_EVERY;
    let started_after = now - config.session_absolute;
    let who = if staff.is_some() { "AND ss.staff_id = $3" } else { "AND $3 = 0" };
    let inner = format!(
        "SELECT ss.id, ss.staff_id, s.full_name AS staff_name, s.login, ss.started_at, ss.last_seen_at,
                ss.ip, ss.user_agent
         FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
         WHERE ss.ended_at IS NULL AND ss.last_seen_at > $1 AND ss.started_at > $2 {who}
         ORDER BY ss.last_seen_at DESC LIMIT 500"
    );
    let columns = ["id", "staff_id", "staff_name", "login", "started_at", "last_seen_at", "ip", "user_agent"];
    let sql = json_rows::wrap(db, &inner, &columns, "last_seen_at DESC, id");
    let utc = |t: OffsetDateTime| t.to_offset(time::UtcOffset::UTC);
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql)
        .bind(utc(seen_after))
        .bind(utc(started_after))
        .bind(staff.unwrap_or(0))
        .fetch_one(c)
        .await)?;
    json_rows::parse(&json)
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn a_user_agent_is_named_by_its_browser_and_system() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        assert_eq!(describe(chrome), "Chrome, Windows");
        let edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(describe(edge), "Edge, Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe(iphone), "Safari, iOS");
        assert_eq!(describe("curl/8.5.0"), "curl/8.5.0");
    }
}
