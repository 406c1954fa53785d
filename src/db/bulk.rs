//! Multi-row inserts for loading many rows fast (seeding, list imports).

use time::OffsetDateTime;

use super::Tx;
use crate::with_tx;

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

/// Inserts `rows` into `table` with one multi-row statement per `chunk` rows.
pub async fn insert(tx: &mut Tx, table: &str, columns: &[&str], rows: &[Vec<V>]) -> Result<(), sqlx::Error> {
    let per_statement = (30_000 / columns.len()).clamp(1, 500);
    // SQLite looks `$N` parameters up by name, which is quadratic in a statement this long;
    // plain `?` binds by position.
    let positional = matches!(tx, Tx::Sqlite(_));
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
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
        with_tx!(tx, |c| {
            let mut q = sqlx::query(&sql);
            for row in chunk {
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
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}
