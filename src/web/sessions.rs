//! The session store on the portal's own database, whichever backend it is, so sessions survive
//! a restart and are shared by every portal process.
//!
//! Sessions expire after a period of inactivity, so every request moves the expiry forward and
//! `tower-sessions` asks the store to save each time. Most of those saves would rewrite the
//! same data with an expiry a few seconds later: one database write per page view. The store
//! skips such a save when the data is what it last read or wrote and the expiry moves by less
//! than [`EXPIRY_SLACK`]; a session may then end up to that long before its cookie says, which
//! is far inside the idle timeout. Any change of data is written at once.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use async_trait::async_trait;
use time::Duration;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::db::Db;

/// Deletes the expired sessions on `db`, as the SQL store's own cleanup does, and counts them
/// (a periodic job: [`crate::jobs`]).
pub async fn delete_expired(db: &Db) -> Result<u64, sqlx::Error> {
    match db {
        Db::Sqlite(p) => {
            sqlx::query("DELETE FROM tower_sessions WHERE datetime(expiry_date) < datetime('now')")
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        }
        Db::Pg(p) => sqlx::query(
            "DELETE FROM \"tower_sessions\".\"session\" WHERE expiry_date < (now() AT TIME ZONE 'utc')",
        )
        .execute(p)
        .await
        .map(|r| r.rows_affected()),
    }
}

/// How far the stored expiry may lag behind the one the session asks for, at most.
pub const EXPIRY_SLACK: Duration = Duration::seconds(60);

/// Sessions remembered for skipping saves; past this many the memory is dropped and refilled.
const REMEMBERED: usize = 20_000;

/// `tower-sessions`' SQL store for the backend in use.
#[derive(Clone, Debug)]
enum Backend {
    Sqlite(SqliteStore),
    Pg(PostgresStore),
}

/// The session store: the SQL store of the backend, skipping saves that change nothing but a
/// slightly later expiry.
#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
    /// What this process last read from or wrote to the database, per session.
    stored: Arc<Mutex<HashMap<Id, Record>>>,
    /// How far the stored expiry may lag: a tenth of the idle timeout, at most `EXPIRY_SLACK`.
    slack: Duration,
}

impl Store {
    /// The store on `db`, for sessions that end after `idle` without a request.
    pub fn new(db: &Db, idle: Duration) -> Store {
        let backend = match db {
            Db::Sqlite(p) => Backend::Sqlite(SqliteStore::new(p.clone())),
            Db::Pg(p) => Backend::Pg(PostgresStore::new(p.clone())),
        };
        Store { backend, stored: Arc::default(), slack: (idle / 10_i32).min(EXPIRY_SLACK) }
    }

    /// Creates the session table if it is missing.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        match &self.backend {
            Backend::Sqlite(s) => s.migrate().await,
            Backend::Pg(s) => s.migrate().await,
        }
    }

    fn remember(&self, record: &Record) {
        let mut stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        if stored.len() >= REMEMBERED && !stored.contains_key(&record.id) {
            stored.clear();
        }
        stored.insert(record.id, record.clone());
    }

    fn forget(&self, id: &Id) {
        self.stored.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    /// Whether the database already holds `record` up to a slightly earlier expiry.
    fn unchanged(&self, record: &Record) -> bool {
        let stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        stored.get(&record.id).is_some_and(|s| {
            s.data == record.data
                && record.expiry_date >= s.expiry_date
                && record.expiry_date - s.expiry_date < self.slack
        })
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(s) => s.create(record).await?,
            Backend::Pg(s) => s.create(record).await?,
        }
        self.remember(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if self.unchanged(record) {
            return Ok(());
        }
        match &self.backend {
            Backend::Sqlite(s) => s.save(record).await?,
            Backend::Pg(s) => s.save(record).await?,
        }
        self.remember(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let record = match &self.backend {
            Backend::Sqlite(s) => s.load(id).await?,
            Backend::Pg(s) => s.load(id).await?,
        };
        match &record {
            Some(r) => self.remember(r),
            None => self.forget(id),
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.forget(id);
        match &self.backend {
            Backend::Sqlite(s) => s.delete(id).await,
            Backend::Pg(s) => s.delete(id).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    fn record(expiry: OffsetDateTime, value: &str) -> Record {
        let mut data = HashMap::new();
        data.insert("k".to_string(), serde_json::Value::from(value));
        Record { id: Id(7), data, expiry_date: expiry }
    }

    #[tokio::test]
    async fn skips_only_saves_that_move_the_expiry_a_little() {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().connect("sqlite::memory:").await.unwrap();
        let store = Store::new(&Db::Sqlite(pool.clone()), Duration::minutes(30));
        store.migrate().await.unwrap();
        let t0 = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap() + Duration::hours(1);
        store.save(&record(t0, "a")).await.unwrap();
        assert!(store.unchanged(&record(t0 + Duration::seconds(30), "a")));
        assert!(!store.unchanged(&record(t0 + Duration::seconds(61), "a")));
        assert!(!store.unchanged(&record(t0 + Duration::seconds(1), "b")));

        // A skipped save leaves the stored expiry; a changed value is written.
        store.save(&record(t0 + Duration::seconds(30), "a")).await.unwrap();
        assert_eq!(store.load(&Id(7)).await.unwrap().unwrap().expiry_date, t0);
        store.save(&record(t0 + Duration::seconds(31), "b")).await.unwrap();
        let loaded = store.load(&Id(7)).await.unwrap().unwrap();
        assert_eq!(loaded.expiry_date, t0 + Duration::seconds(31));
        assert_eq!(loaded.data["k"], "b");

        // What another process wrote is what a later save is compared with.
        store.forget(&Id(7));
        assert!(!store.unchanged(&record(t0 + Duration::seconds(32), "b")));

        // A short idle timeout has a short slack: a minute's timeout, six seconds.
        let short = Store::new(&Db::Sqlite(pool), Duration::minutes(1));
        short.save(&record(t0, "a")).await.unwrap();
        assert!(short.unchanged(&record(t0 + Duration::seconds(5), "a")));
        assert!(!short.unchanged(&record(t0 + Duration::seconds(7), "a")));
    }
}
