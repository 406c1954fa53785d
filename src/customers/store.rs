//! Reads of customers: one customer with their applications and identity history, and the
//! summaries the customer search lists.

use sqlx::FromRow;
use time::{Date, OffsetDateTime};

use crate::{db::Db, with_db};

/// A customer as stored.
#[derive(Clone, Debug, FromRow)]
pub struct Customer {
    pub id: i64,
    pub iin: String,
    pub status: String,
    pub version: i64,
    pub created_at: OffsetDateTime,
    pub last_activity_at: OffsetDateTime,
    /// A restricted account's restrictions, as stored (see `account::parse_restrictions`).
    pub restrictions: Option<String>,
    /// Why the account is as it is (a reason code), with the comment, when and by whom.
    pub status_reason: Option<String>,
    pub status_comment: Option<String>,
    pub status_changed_at: Option<OffsetDateTime>,
    pub status_changed_by: Option<String>,
    /// Whether an obligation (an open loan) is unfulfilled, as the app's backend last reported.
    pub obligation_open: Option<bool>,
    pub obligation_reference: Option<String>,
    pub obligation_at: Option<OffsetDateTime>,
    /// When the personal data was erased after the retention date.
    pub erased_at: Option<OffsetDateTime>,
}

/// One of the customer's applications, newest first, with what identifies the person in it.
#[derive(Clone, Debug, FromRow)]
pub struct Application {
    pub id: i64,
    pub status: String,
    pub received_at: OffsetDateTime,
    pub amount_kzt: i64,
    pub term_days: i64,
    pub compliance_state: Option<String>,
    pub language: String,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub sex: String,
    pub birth_date: Date,
    pub citizenship: String,
    pub phone: String,
    pub email: Option<String>,
    pub reg_address: String,
    pub home_address: String,
    pub doc_type: String,
    pub doc_number: String,
    pub doc_expires_on: Date,
    pub account_id: Option<String>,
}

impl Application {
    pub fn full_name(&self) -> String {
        crate::review::store::full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }
}

/// The customer `id`, if there is one.
pub async fn find(db: &Db, id: i64) -> Result<Option<Customer>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT c.id, c.iin, c.status, c.version, c.created_at, c.last_activity_at, c.restrictions,
                c.status_reason, c.status_comment, c.status_changed_at, s.full_name AS status_changed_by,
                c.obligation_open, c.obligation_reference, c.obligation_at, c.erased_at
         FROM customers c LEFT JOIN staff s ON s.id = c.status_changed_by WHERE c.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// The customer's applications, newest first (at most `limit`).
pub async fn applications(db: &Db, customer: i64, limit: i64) -> Result<Vec<Application>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT id, status, received_at, amount_kzt, term_days, compliance_state, language, last_name,
                first_name, patronymic, sex, birth_date, citizenship, phone, email, reg_address,
                home_address, doc_type, doc_number, doc_expires_on, account_id
         FROM applications WHERE customer_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2"
    )
    .bind(customer)
    .bind(limit)
    .fetch_all(c)
    .await)
}

/// A customer as the search lists them: the name and contacts of their newest application.
/// (Read as a row, or by position from JSON: see [`of_page`].)
#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct Summary {
    pub id: i64,
    pub status: String,
    #[serde(deserialize_with = "crate::db::json_rows::de::time")]
    pub last_activity_at: OffsetDateTime,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub iin: String,
    pub phone: String,
    pub applications: i64,
}

impl Summary {
    pub fn full_name(&self) -> String {
        crate::review::store::full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }

    pub fn iin_masked(&self) -> String {
        crate::review::queue::mask_iin(&self.iin)
    }

    pub fn phone_masked(&self) -> String {
        crate::review::queue::mask_phone(&self.phone)
    }
}

/// The summaries of the customers `WHERE {condition}` on `customers c`: each with its newest
/// application, whose id the customer row keeps (a trigger keeps it and the count; see the
/// `customer_newest` migration).
fn summary_sql(condition: &str, order: &str) -> String {
    format!(
        "SELECT c.id, c.status, c.last_activity_at, a.last_name, a.first_name, a.patronymic, a.iin,
                a.phone, c.applications
         FROM customers c JOIN applications a ON a.id = c.newest_application_id
         WHERE {condition}{order}"
    )
}

/// `expr IN (the ids in the JSON array bound as $1)`, in the backend's own words: one statement
/// text for any number of ids, prepared once.
fn in_bound_ids(db: &Db, expr: &str) -> String {
    match db {
        Db::Sqlite(_) => format!("{expr} IN (SELECT value FROM json_each($1))"),
        Db::Pg(_) => format!(
            "{expr} IN (SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST($1 AS json)))"
        ),
    }
}

fn json_ids(ids: &[i64]) -> String {
    format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// Summaries of the customers `ids`, in that order.
pub async fn summaries(db: &Db, ids: &[i64]) -> Result<Vec<Summary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = summary_sql(&in_bound_ids(db, "c.id"), "");
    let mut rows: Vec<Summary> =
        with_db!(db, |c| sqlx::query_as(&sql).bind(json_ids(ids)).fetch_all(c).await)?;
    rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    Ok(rows)
}

/// The customers most recently active (a new application), with account status `status` if
/// given: at most `limit`, after the cursor `(last activity, id)`.
pub async fn recent(
    db: &Db,
    status: Option<&str>,
    after: Option<(OffsetDateTime, i64)>,
    limit: i64,
) -> Result<Vec<Summary>, sqlx::Error> {
    let far = OffsetDateTime::new_utc(Date::MAX, time::Time::MIDNIGHT);
    let (at, id) = after.unwrap_or((far, i64::MAX));
    let sql = summary_sql(
        "c.id IN (SELECT id FROM customers
                  WHERE ($1 = '' OR status = $1) AND (last_activity_at, id) < ($2, $3)
                  ORDER BY last_activity_at DESC, id DESC LIMIT $4)",
        " ORDER BY c.last_activity_at DESC, c.id DESC",
    );
    with_db!(db, |c| sqlx::query_as(&sql)
        .bind(status.unwrap_or(""))
        .bind(at.to_offset(time::UtcOffset::UTC))
        .bind(id)
        .bind(limit)
        .fetch_all(c)
        .await)
}

/// The customers with IIN `iin` (one at most).
pub async fn by_iin(db: &Db, iin: &str) -> Result<Vec<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar("SELECT id FROM customers WHERE iin = $1")
        .bind(iin)
        .fetch_all(c)
        .await)
}

/// The customers an account id of the app, or an application's own id sent by the app, leads to.
pub async fn by_reference(db: &Db, reference: &str) -> Result<Vec<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT customer_id FROM customer_accounts WHERE account_id = $1
         UNION
         SELECT customer_id FROM applications WHERE external_id = $1 AND customer_id IS NOT NULL"
    )
    .bind(reference)
    .fetch_all(c)
    .await)
}

/// Summaries of the customers of the applications `ids`, each once, the most recently active
/// first.
pub async fn of_applications(db: &Db, ids: &[i64]) -> Result<Vec<Summary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let inner = in_bound_ids(db, "id");
    let sql = summary_sql(
        &format!("c.id IN (SELECT customer_id FROM applications WHERE {inner})"),
        " ORDER BY c.last_activity_at DESC, c.id DESC",
    );
    with_db!(db, |c| sqlx::query_as(&sql).bind(json_ids(ids)).fetch_all(c).await)
}

/// The columns of a [`Summary`], in its order, as [`summary_sql`] names them.
const SUMMARY_COLUMNS: &[&str] = &[
    "id",
    "status",
    "last_activity_at",
    "last_name",
    "first_name",
    "patronymic",
    "iin",
    "phone",
    "applications",
];

/// The customers of one page of applications, the most recently active first, and the page's
/// applications `(received_at, id)` in its order, in one round trip. `page` selects `a.id,
/// a.received_at, a.customer_id` of the page's applications, newest first, with `params`.
pub async fn of_page(
    db: &Db,
    page: &str,
    params: &[crate::review::queue::Param],
) -> Result<(Vec<Summary>, Vec<(OffsetDateTime, i64)>), sqlx::Error> {
    use crate::{db::json_rows, review::queue::Param};
    // The page's own applications: the query reads one more, to know there is a next page.
    let limit = crate::review::queue::PAGE_SIZE;
    let summaries = summary_sql(
        &format!(
            "c.id IN (SELECT customer_id FROM (SELECT customer_id FROM p ORDER BY received_at DESC, id DESC LIMIT {limit}) q)"
        ),
        "",
    );
    let lists = json_rows::columns(
        db,
        &[
            (&summaries, SUMMARY_COLUMNS, "last_activity_at DESC, id DESC"),
            ("SELECT received_at, id FROM p", &["received_at", "id"], "received_at DESC, id DESC"),
        ],
    );
    let sql = format!("WITH p AS ({page}) SELECT {lists}");
    let (customers, apps): (String, String) = with_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for p in params {
            q = match p {
                Param::Text(s) => q.bind(s.as_str()),
                Param::Int(i) => q.bind(*i),
                Param::Time(t) => q.bind(t.to_offset(time::UtcOffset::UTC)),
            };
        }
        q.fetch_one(c).await
    })?;
    #[derive(serde::Deserialize)]
    struct App(#[serde(deserialize_with = "json_rows::de::time")] OffsetDateTime, i64);
    let apps: Vec<App> = json_rows::parse(&apps)?;
    Ok((json_rows::parse(&customers)?, apps.into_iter().map(|App(at, id)| (at, id)).collect()))
}
