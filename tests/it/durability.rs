//! Durability: what is acknowledged is on disk. SQLite flushes every commit (WAL with
//! `synchronous=FULL`); a local photo file and its folder are flushed before the transaction
//! that refers to them (`photos::storage`'s unit test).

use kreditomat_portal::with_db;

use crate::harness::{Backend, TestApp};

/// A commit on SQLite is on disk before it is acknowledged (`synchronous=FULL` with WAL).
#[tokio::test]
async fn sqlite_flushes_every_commit() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let level: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("PRAGMA synchronous").fetch_one(c).await).unwrap();
    assert_eq!(level, 2, "FULL");
    let mode: String =
        with_db!(&app.db, |c| sqlx::query_scalar("PRAGMA journal_mode").fetch_one(c).await).unwrap();
    assert_eq!(mode, "wal");
}
