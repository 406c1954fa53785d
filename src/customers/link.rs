//! Intake's half of "one customer per person": an arriving application is linked, in intake's
//! own transaction, to the customer with its IIN (made if there is none), and the app's account
//! id to that customer.

use time::OffsetDateTime;

use crate::{db::Tx, with_tx};

/// The customer an application was linked to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    pub customer_id: i64,
    /// The account's status when the application arrived (`active`, `blocked`, `restricted`,
    /// `archived`).
    pub status: String,
    /// What a restricted account may not do (see [`super::account::RESTRICTIONS`]).
    pub restrictions: Vec<String>,
}

/// Why an application cannot be linked.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The account id already belongs to the customer with another IIN.
    #[error("account id belongs to another customer")]
    AccountOfAnother,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Links an application of the person with `iin` (and the app's `account_id`, if sent) that
/// arrived `at`: the customer is made on their first application, and their last activity moves
/// to `at`. Two applications of one new person at once make one customer (the upsert on the
/// unique IIN). An account id is linked to the first customer it came with; sent later with
/// another IIN it is refused.
pub async fn link(
    tx: &mut Tx,
    iin: &str,
    account_id: Option<&str>,
    at: OffsetDateTime,
) -> Result<Linked, LinkError> {
    let (customer_id, status, restrictions): (i64, String, Option<String>) =
        with_tx!(tx, |c| sqlx::query_as(
            "INSERT INTO customers (iin, created_at, last_activity_at) VALUES ($1, $2, $2)
         ON CONFLICT (iin) DO UPDATE SET last_activity_at = excluded.last_activity_at
         RETURNING id, status, restrictions"
        )
        .bind(iin)
        .bind(at)
        .fetch_one(c)
        .await)?;
    if let Some(account) = account_id {
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO customer_accounts (account_id, customer_id, first_seen_at) VALUES ($1, $2, $3)
             ON CONFLICT (account_id) DO NOTHING"
        )
        .bind(account)
        .bind(customer_id)
        .bind(at)
        .execute(c)
        .await
        .map(|_| ()))?;
        let owner: i64 = with_tx!(tx, |c| sqlx::query_scalar(
            "SELECT customer_id FROM customer_accounts WHERE account_id = $1"
        )
        .bind(account)
        .fetch_one(c)
        .await)?;
        if owner != customer_id {
            return Err(LinkError::AccountOfAnother);
        }
    }
    let restrictions = super::account::parse_restrictions(restrictions.as_deref());
    Ok(Linked { customer_id, status, restrictions })
}

/// Links every application without a customer, in bulk: a customer per IIN not yet known, made
/// at its first application, and the account ids sent with them. The same statements as the
/// customers migration, for applications written by the seed. Returns the applications linked
/// and the customers made or updated.
pub async fn link_unlinked(tx: &mut Tx) -> Result<(u64, u64), sqlx::Error> {
    let made = with_tx!(tx, |c| sqlx::query(
        "INSERT INTO customers (iin, created_at, last_activity_at)
         SELECT iin, MIN(received_at), MAX(received_at) FROM applications
         WHERE customer_id IS NULL GROUP BY iin ORDER BY MIN(received_at)
         ON CONFLICT (iin) DO UPDATE SET last_activity_at = excluded.last_activity_at"
    )
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    let linked = with_tx!(tx, |c| sqlx::query(
        "UPDATE applications AS a SET customer_id = c.id FROM customers c
         WHERE c.iin = a.iin AND a.customer_id IS NULL"
    )
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO customer_accounts (account_id, customer_id, first_seen_at)
         SELECT account_id, MIN(customer_id), MIN(received_at) FROM applications
         WHERE account_id IS NOT NULL GROUP BY account_id
         ON CONFLICT (account_id) DO NOTHING"
    )
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok((linked, made))
}
