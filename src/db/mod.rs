//! One database handle for two backends: embedded SQLite (the default) and PostgreSQL.
//!
//! Queries are written once as plain SQL with `$1` placeholders (SQLite accepts them too) and run
//! on either pool through [`with_db!`] and [`with_tx!`], which expand the same code once per
//! backend so each query compiles against native types.

pub mod bulk;
pub mod json_rows;
pub mod rebuild;

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    PgPool, Postgres, Sqlite, SqlitePool, Transaction,
    postgres::PgConnectOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
};
use time::OffsetDateTime;

/// A connection pool on one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

/// An open transaction on either backend; dropped without [`Tx::commit`] it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$c` bound to the concrete pool of `$db`.
#[macro_export]
macro_rules! with_db {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($c) => $body,
            $crate::db::Db::Pg($c) => $body,
        }
    };
}

/// Runs `$body` with `$c` bound to the concrete connection of the transaction `$tx`.
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Tx::Pg(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// A pool of at most `max` connections. A connection handed out is checked with a ping only
/// when it has been idle for more than half a minute (one a restarted server may have dropped):
/// sqlx's default pings before every hand-out, and it pings again when the connection comes
/// back, so a page of four statements cost eight extra round trips.
fn pool_options<DB: sqlx::Database>(max: u32) -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > Duration::from_secs(30) {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

impl Db {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?.application_name("kreditomat-portal");
            let pool = pool_options(20).connect_with(opts).await?;
            Ok(Db::Pg(pool))
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // Every commit is on disk before it is acknowledged (NORMAL could lose the last
                // commits on a power loss, though never on a crash of the process).
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            if let Some(parent) = Path::new(opts.get_filename()).parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
            let pool = pool_options(8).connect_with(opts).await?;
            Ok(Db::Sqlite(pool))
        } else {
            Err(sqlx::Error::Configuration("database URL must start with sqlite:// or postgres://".into()))
        }
    }

    /// A second handle on the same database for the page reads whose best plan does not depend
    /// on the values bound (a customer by id, the queue's filters by index): on PostgreSQL, a
    /// pool of its own whose connections plan each prepared statement once for every value
    /// (`plan_cache_mode = force_generic_plan`), sparing the planning that a custom plan repeats
    /// on every call; on SQLite, which always plans once per statement, the same pool. Reads
    /// whose plan should follow the values (the audit trail filtered by a rare action) stay on
    /// the main pool.
    pub fn generic_plans(&self) -> Db {
        match self {
            Db::Sqlite(p) => Db::Sqlite(p.clone()),
            Db::Pg(p) => {
                let opts = (*p.connect_options())
                    .clone()
                    .options([("plan_cache_mode", "force_generic_plan")])
                    .application_name("kreditomat-portal (generic plans)");
                let pool = pool_options(8).connect_lazy_with(opts);
                Db::Pg(pool)
            }
        }
    }

    /// Applies the embedded migrations for this backend, then the data rebuilds they asked for
    /// ([`rebuild`]).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Db::Pg(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        rebuild::pending(self).await.map_err(sqlx::migrate::MigrateError::Execute)
    }

    /// Begins a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so a
    /// transaction that reads before it writes cannot fail half-way on a lock upgrade.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Pg(p) => Tx::Pg(p.begin().await?),
        })
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_db!(self, |c| sqlx::query("SELECT 1").execute(c).await.map(|_| ()))
    }

    /// Runs one SQL statement without parameters; returns the number of rows it changed.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        with_db!(self, |c| sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()))
    }

    /// `"sqlite"` or `"postgres"`, for logs and tests.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Pg(_) => "postgres",
        }
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        with_db!(self, |c| c.close().await)
    }
}

impl Tx {
    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Pg(t) => t.commit().await,
        }
    }
}

/// The current time in UTC, cut to microseconds: both backends store exactly this instant, so a
/// value read back equals the value written (the audit chain hashes it).
pub fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1_000 * 1_000).expect("a truncated nanosecond is valid")
}
