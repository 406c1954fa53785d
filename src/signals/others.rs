//! Other customers a value was seen on: a device (in their applications or the activity the
//! app's backend reported) or a phone (in their applications), for the restoration case page,
//! where the device and phone a customer applies from after a takeover are checked.

use crate::{db::Db, with_db};

/// How many other customers are listed (one more is read, to say "more").
pub const SHOWN: i64 = 20;

/// Customers other than `except` that device `device` was seen on, lowest id first.
pub async fn with_device(db: &Db, device: &str, except: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "SELECT customer_id FROM (
             SELECT customer_id FROM applications WHERE device_id = $1 AND customer_id IS NOT NULL
             UNION SELECT customer_id FROM customer_activity WHERE device = $1) x
         WHERE customer_id <> $2 ORDER BY customer_id LIMIT {}",
        SHOWN + 1
    );
    with_db!(db, |c| sqlx::query_scalar(&sql).bind(device).bind(except).fetch_all(c).await)
}

/// Customers other than `except` whose applications gave phone `phone` (E.164).
pub async fn with_phone(db: &Db, phone: &str, except: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "SELECT DISTINCT customer_id FROM applications
         WHERE phone = $1 AND customer_id IS NOT NULL AND customer_id <> $2 ORDER BY customer_id LIMIT {}",
        SHOWN + 1
    );
    with_db!(db, |c| sqlx::query_scalar(&sql).bind(phone).bind(except).fetch_all(c).await)
}
