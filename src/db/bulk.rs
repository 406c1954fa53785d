//! Multi-row inserts for loading many rows fast (seeding, list imports).

use time::OffsetDateTime;

use super::{Db, Tx};
use crate::{with_db, with_tx};

/// A value of a row to insert.
pub enum V {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    OptReal(Option<f64>),
    Bool(bool),
    Date(time::Date),
    Time(OffsetDateTime),
    OptTime(Option<OffsetDateTime>),
}

/// Rows per statement for `columns` columns.
fn per_statement(columns: &[&str]) -> usize {
    (30_000 / columns.len()).clamp(1, 500)
}

/// `INSERT INTO table (columns) VALUES (...), ...` for `rows` rows. SQLite looks `$N`
/// parameters up by name, which is quadratic in a statement this long; plain `?` binds by
/// position there.
fn statement(table: &str, columns: &[&str], rows: usize, positional: bool) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            n += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            if positional {
                sql.push('?');
            } else {
                sql.push_str(&format!("${n}"));
            }
        }
        sql.push(')');
    }
    sql
}

/// Binds every value of `rows` to `q`, in order.
macro_rules! bind_rows {
    ($q:ident, $rows:expr) => {{
        let mut q = $q;
        for row in $rows {
            for v in row {
                q = match v {
                    V::Text(s) => q.bind(s.as_str()),
                    V::OptText(s) => q.bind(s.as_deref()),
                    V::Int(i) => q.bind(*i),
                    V::OptInt(i) => q.bind(*i),
                    V::OptReal(f) => q.bind(*f),
                    V::Bool(b) => q.bind(*b),
                    V::Date(d) => q.bind(*d),
                    V::Time(t) => q.bind(*t),
                    V::OptTime(t) => q.bind(*t),
                };
            }
        }
        q
    }};
}

/// Inserts `rows` into `table` with one multi-row statement per `chunk` rows.
pub async fn insert(tx: &mut Tx, table: &str, columns: &[&str], rows: &[Vec<V>]) -> Result<(), sqlx::Error> {
    insert_then(tx, table, columns, rows, "").await
}

/// [`insert`] with `tail` after each statement (an `ON CONFLICT` clause).
async fn insert_then(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: &[Vec<V>],
    tail: &str,
) -> Result<(), sqlx::Error> {
    let positional = matches!(tx, Tx::Sqlite(_));
    for chunk in rows.chunks(per_statement(columns)) {
        let sql = statement(table, columns, chunk.len(), positional) + tail;
        with_tx!(tx, |c| {
            let q = sqlx::query(&sql);
            bind_rows!(q, chunk).execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Inserts `rows` into `table` atomically without a transaction of its own when they fit one
/// statement (a statement is atomic by itself: one round trip instead of three).
pub async fn insert_atomic(
    db: &Db,
    table: &str,
    columns: &[&str],
    rows: &[Vec<V>],
) -> Result<(), sqlx::Error> {
    insert_atomic_then(db, table, columns, rows, "").await
}

/// [`insert_atomic`] with `tail` after each statement: an `ON CONFLICT ...` clause (no two of
/// `rows` may conflict with each other).
pub async fn insert_atomic_then(
    db: &Db,
    table: &str,
    columns: &[&str],
    rows: &[Vec<V>],
    tail: &str,
) -> Result<(), sqlx::Error> {
    if rows.len() > per_statement(columns) {
        let mut tx = db.begin().await?;
        insert_then(&mut tx, table, columns, rows, tail).await?;
        return tx.commit().await;
    }
    let sql = statement(table, columns, rows.len(), matches!(db, Db::Sqlite(_))) + tail;
    with_db!(db, |c| {
        let q = sqlx::query(&sql);
        bind_rows!(q, rows).execute(c).await.map(|_| ())
    })
}
