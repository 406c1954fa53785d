//! The session store on the portal's own database, whichever backend it is, so sessions survive
//! a restart and are shared by every portal process.

use async_trait::async_trait;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::db::Db;

/// `tower-sessions`' SQL store for the backend in use.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Pg(PostgresStore),
}

impl Store {
    /// The store on `db`.
    pub fn new(db: &Db) -> Store {
        match db {
            Db::Sqlite(p) => Store::Sqlite(SqliteStore::new(p.clone())),
            Db::Pg(p) => Store::Pg(PostgresStore::new(p.clone())),
        }
    }

    /// Creates the session table if it is missing.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite(s) => s.migrate().await,
            Store::Pg(s) => s.migrate().await,
        }
    }

    /// Deletes expired sessions every few minutes, in the background.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let period = tokio::time::Duration::from_secs(300);
            let result = match store {
                Store::Sqlite(s) => s.continuously_delete_expired(period).await,
                Store::Pg(s) => s.continuously_delete_expired(period).await,
            };
            if let Err(e) = result {
                tracing::warn!(error = %e, "expired-session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Pg(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Pg(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Pg(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Pg(s) => s.delete(id).await,
        }
    }
}
