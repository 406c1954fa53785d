//! A list read as one value: the backend folds the rows of a query into one JSON array of
//! arrays, and the portal reads that single value.
//!
//! On SQLite every row of a result crosses from sqlx's worker thread to the async task as a
//! message of its own, and each may wake the task: a 50-row page cost more in thread switches
//! than in SQL. One value is one message. PostgreSQL saves little this way but runs the same
//! code, so both backends are tested alike.
//!
//! Rows are deserialized by position into a struct (serde reads a struct from an array), with
//! the helpers in [`de`] for what the two backends write differently in JSON.

use serde::de::DeserializeOwned;

use super::Db;

/// `inner` (a `SELECT` of `columns`, with its own order and limit) as a query of one text value:
/// the rows as a JSON array of arrays, in `order` (an `ORDER BY` list over `columns`).
pub fn wrap(db: &Db, inner: &str, columns: &[&str], order: &str) -> String {
    let values = columns.join(", ");
    match db {
        Db::Sqlite(_) => {
            format!("SELECT json_group_array(json_array({values}) ORDER BY {order}) FROM ({inner}) AS j")
        }
        Db::Pg(_) => format!(
            "SELECT COALESCE(json_agg(json_build_array({values}) ORDER BY {order}), '[]')::text FROM ({inner}) AS j"
        ),
    }
}

/// Several lists, each `(inner, columns, order)` as for [`wrap`], as columns `l0`, `l1`, ... of
/// one row, each the JSON text of its list (read with [`parse`]): one round trip, and no list
/// read as JSON a second time to nest it in another (as `json()` must on SQLite).
pub fn columns(db: &Db, lists: &[(&str, &[&str], &str)]) -> String {
    let parts: Vec<String> = lists
        .iter()
        .enumerate()
        .map(|(n, (inner, columns, order))| {
            let values = columns.join(", ");
            match db {
                Db::Sqlite(_) => format!(
                    "(SELECT json_group_array(json_array({values}) ORDER BY {order}) FROM ({inner}) AS j) AS l{n}"
                ),
                Db::Pg(_) => format!(
                    "(SELECT COALESCE(json_agg(json_build_array({values}) ORDER BY {order}), '[]')::text FROM ({inner}) AS j) AS l{n}"
                ),
            }
        })
        .collect();
    parts.join(", ")
}

/// The rows of a value [`wrap`] made.
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Deserializers for the values whose JSON differs between the backends.
pub mod de {
    use serde::{Deserialize, Deserializer, de::Error};
    use time::{Date, OffsetDateTime, format_description::well_known::Rfc3339, macros::format_description};

    /// A boolean: `true`/`false` from PostgreSQL, `1`/`0` from SQLite.
    /// (A visitor, not an untagged enum: that one buffers the value and makes an error for
    /// each form it tries, on every row.)
    pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        struct Boolean;
        impl serde::de::Visitor<'_> for Boolean {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean or 0/1")
            }
            fn visit_bool<E: Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<bool, E> {
                Ok(v != 0)
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<bool, E> {
                Ok(v != 0)
            }
        }
        d.deserialize_any(Boolean)
    }

    /// A time as both backends write it (RFC 3339).
    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let s = String::deserialize(d)?;
        OffsetDateTime::parse(&s, &Rfc3339).map_err(D::Error::custom)
    }

    /// An optional time.
    pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<OffsetDateTime>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| OffsetDateTime::parse(&s, &Rfc3339).map_err(D::Error::custom))
            .transpose()
    }

    /// A date (`YYYY-MM-DD`).
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s, format_description!("[year]-[month]-[day]")).map_err(D::Error::custom)
    }
}
