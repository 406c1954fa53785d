//! The customer page's read of the customer: the row with its account state, and the lists the
//! page shows beside it (the app's account ids, an open archive request, the newest consents, the
//! account reason codes), in one statement: each list folded into one JSON value
//! ([`crate::db::json_rows::columns`]), so the page costs one round trip here, not five.

use serde::Deserialize;
use sqlx::{FromRow, Row};
use time::OffsetDateTime;

use super::{panel::OpenRequest, store::Customer};
use crate::{
    consents::store::Consent,
    db::{
        Db,
        json_rows::{self, de},
    },
    review::reasons::{self, Reason},
    with_db,
};

/// Consents listed, newest first.
const CONSENTS: i64 = 20;

/// What the page shows beside the customer row.
pub struct Lists {
    pub accounts: Vec<(String, OffsetDateTime)>,
    pub request: Option<OpenRequest>,
    pub consents: Vec<Consent>,
    /// The account reason codes, active or not (labels of past actions; the form offers the
    /// active ones).
    pub reasons: Vec<Reason>,
}

#[derive(Deserialize)]
struct AccountRow(String, #[serde(deserialize_with = "de::time")] OffsetDateTime);

#[derive(Deserialize)]
struct RequestRow(i64, String, String, i64, String, #[serde(deserialize_with = "de::time")] OffsetDateTime);

#[derive(Deserialize)]
struct ConsentRow(
    String,
    #[serde(deserialize_with = "de::boolean")] bool,
    #[serde(deserialize_with = "de::time")] OffsetDateTime,
    Option<String>,
);

/// Customer `id` with the page's lists, if there is one.
pub async fn customer(db: &Db, id: i64) -> Result<Option<(Customer, Lists)>, sqlx::Error> {
    let consents = format!(
        "SELECT v.number, k.given, k.at, a.name AS client, k.id
         FROM consents k JOIN policy_versions v ON v.id = k.policy_version_id
         LEFT JOIN api_clients a ON a.id = k.api_client_id
         WHERE k.customer_id = $1 ORDER BY k.at DESC, k.id DESC LIMIT {CONSENTS}"
    );
    let lists = json_rows::columns(
        db,
        &[
            (
                "SELECT account_id, first_seen_at FROM customer_accounts WHERE customer_id = $1",
                &["account_id", "first_seen_at"],
                "first_seen_at, account_id",
            ),
            (
                "SELECT r.id, r.reason_code, r.comment, r.requested_by, s.full_name, r.requested_at
                 FROM archive_requests r JOIN staff s ON s.id = r.requested_by
                 WHERE r.customer_id = $1 AND r.outcome IS NULL",
                &["id", "reason_code", "comment", "requested_by", "full_name", "requested_at"],
                "id",
            ),
            (&consents, &["number", "given", "at", "client"], "at DESC, id DESC"),
            (reasons::ACCOUNT_REASONS, reasons::COLUMNS, reasons::ORDER),
        ],
    );
    let sql = format!(
        "SELECT c.id, c.iin, c.status, c.version, c.created_at, c.last_activity_at, c.restrictions,
                c.status_reason, c.status_comment, c.status_changed_at, s.full_name AS status_changed_by,
                c.obligation_open, c.obligation_reference, c.obligation_at, c.erased_at, {lists}
         FROM customers c LEFT JOIN staff s ON s.id = c.status_changed_by WHERE c.id = $1"
    );
    let found: Option<(Customer, [String; 4])> = with_db!(db, |c| {
        match sqlx::query(&sql).bind(id).fetch_optional(c).await? {
            Some(row) => {
                let list = |n: usize| row.try_get::<String, _>(format!("l{n}").as_str());
                Some((Customer::from_row(&row)?, [list(0)?, list(1)?, list(2)?, list(3)?]))
            }
            None => None,
        }
    });
    let Some((customer, [accounts, request, consents, reasons])) = found else { return Ok(None) };
    let accounts: Vec<AccountRow> = json_rows::parse(&accounts)?;
    let request: Vec<RequestRow> = json_rows::parse(&request)?;
    let consents: Vec<ConsentRow> = json_rows::parse(&consents)?;
    let lists = Lists {
        accounts: accounts.into_iter().map(|a| (a.0, a.1)).collect(),
        request: request.into_iter().next().map(|r| OpenRequest {
            id: r.0,
            reason: r.1,
            comment: r.2,
            requested_by: r.3,
            requested_by_name: r.4,
            requested_at: r.5,
        }),
        consents: consents
            .into_iter()
            .map(|k| Consent {
                id: 0,
                policy_version: k.0,
                given: k.1,
                at: k.2,
                recorded_at: k.2,
                client: k.3,
            })
            .collect(),
        reasons: json_rows::parse(&reasons)?,
    };
    Ok(Some((customer, lists)))
}
