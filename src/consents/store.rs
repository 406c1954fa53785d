//! A customer's consents: recorded once per report (the same report twice is one row), listed
//! newest first with the version they name.

use time::OffsetDateTime;

use crate::{
    db::{self, Tx},
    with_tx,
};

/// One consent as the customer page and the API show it.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct Consent {
    #[serde(skip)]
    pub id: i64,
    pub policy_version: String,
    pub given: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    #[serde(skip)]
    pub recorded_at: OffsetDateTime,
    #[serde(skip)]
    pub client: Option<String>,
}

/// Records that customer `customer` gave (or withdrew) consent to version `version` at `at`,
/// reported by API client `client` (none: recorded by staff from a support request); `false` if
/// the same report was recorded before.
pub async fn record(
    tx: &mut Tx,
    customer: i64,
    version: i64,
    given: bool,
    at: OffsetDateTime,
    client: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let n = with_tx!(tx, |c| sqlx::query(
        "INSERT INTO consents (customer_id, policy_version_id, given, at, recorded_at, api_client_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING"
    )
    .bind(customer)
    .bind(version)
    .bind(given)
    .bind(at)
    .bind(db::now())
    .bind(client)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The customer's newest consent, read in `tx`.
pub async fn latest(tx: &mut Tx, customer: i64) -> Result<Option<Consent>, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_as(
        "SELECT k.id, v.number AS policy_version, k.given, k.at, k.recorded_at, NULL AS client
         FROM consents k JOIN policy_versions v ON v.id = k.policy_version_id
         WHERE k.customer_id = $1 ORDER BY k.at DESC, k.id DESC LIMIT 1"
    )
    .bind(customer)
    .fetch_optional(c)
    .await)
}
