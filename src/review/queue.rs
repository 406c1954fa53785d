//! The verifiers' queue: applications oldest first, filtered and searched, paged by a keyset
//! cursor on `(received_at, id)` so a deep page costs what the first one does. Every filter maps
//! onto an index (see the review migration); counts per status come from a counter table kept by
//! triggers.

use serde::Deserialize;
use time::{Date, OffsetDateTime};

pub use super::filter::{Assignee, Cursor, Filter, QueueQuery, Sort, cursor, time_cursor};
pub use super::queue_sql::Param;
use super::{
    name_search,
    queue_sql::{self},
    search::Search,
};
use crate::{
    db::{
        Db,
        json_rows::{self, de},
    },
    intake::phone::Phone,
    with_db,
};

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// Statuses in the order of the tabs.
pub const STATUSES: [&str; 4] = ["pending", "resubmission_requested", "approved", "rejected"];

/// One row of the queue, read by position from [`COLUMNS`].
#[derive(Clone, Debug, Deserialize)]
pub struct Row {
    pub id: i64,
    pub status: String,
    #[serde(deserialize_with = "de::time")]
    pub received_at: OffsetDateTime,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub iin: String,
    pub phone: String,
    pub amount_kzt: i64,
    #[serde(deserialize_with = "de::boolean")]
    pub pep_declared: bool,
    #[serde(deserialize_with = "de::boolean")]
    pub bo_declared: bool,
    pub risk_signals: i64,
    pub risk_count: i64,
    pub claimed_by: Option<i64>,
    #[serde(deserialize_with = "de::opt_time")]
    pub claimed_until: Option<OffsetDateTime>,
    pub holder: Option<String>,
    pub compliance_state: Option<String>,
    /// Whether an open screening hit is what compliance waits for.
    #[serde(deserialize_with = "de::boolean")]
    pub open_hit: bool,
    #[serde(deserialize_with = "de::date")]
    pub birth_date: Date,
    #[serde(deserialize_with = "de::date")]
    pub doc_expires_on: Date,
}

/// The columns of a [`Row`], in its order (read from the page's query `j`).
const COLUMNS: &[&str] = &[
    "id",
    "status",
    "received_at",
    "last_name",
    "first_name",
    "patronymic",
    "iin",
    "phone",
    "amount_kzt",
    "pep_declared",
    "bo_declared",
    "risk_signals",
    "risk_count",
    "claimed_by",
    "claimed_until",
    "holder",
    "compliance_state",
    // Looked up for the page's rows only, outside the ordered and limited query: inside it,
    // PostgreSQL planned for every pending row and hashed all open hits on each page.
    "CASE WHEN compliance_state = 'review' THEN EXISTS (
         SELECT 1 FROM screening_hits h WHERE h.application_id = j.id AND h.status = 'open')
     ELSE FALSE END",
    "birth_date",
    "doc_expires_on",
];

impl Row {
    pub fn full_name(&self) -> String {
        super::store::full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }

    pub fn iin_masked(&self) -> String {
        mask_iin(&self.iin)
    }

    pub fn phone_masked(&self) -> String {
        mask_phone(&self.phone)
    }

    /// Whether a live claim is held on it (as of `now`).
    pub fn held(&self, now: &OffsetDateTime) -> bool {
        let now = *now;
        self.claimed_by.is_some() && self.claimed_until.is_some_and(|u| u > now)
    }

    pub fn has(&self, signal: &crate::signals::Signal) -> bool {
        self.risk_signals & signal.bit() != 0
    }

    /// Fluent ids of why a verifier cannot decide it now (empty: decidable), as of `today`.
    pub fn blockers(&self, today: &Date) -> Vec<&'static str> {
        let today = *today;
        if !matches!(self.status.as_str(), "pending" | "resubmission_requested") {
            return Vec::new();
        }
        let mut out = Vec::new();
        match self.compliance_state.as_deref() {
            Some("review") if self.open_hit => out.push("review-blocked-hit"),
            Some("review") => out.push("review-blocked-declaration"),
            Some("senior") => out.push("review-blocked-senior"),
            _ => {}
        }
        if crate::signals::underage(self.birth_date, today) {
            out.push("review-blocked-underage");
        }
        if self.doc_expires_on < today {
            out.push("review-blocked-doc-expired");
        }
        if self.has(&crate::signals::Signal::AccountBarred) {
            out.push("review-blocked-account");
        }
        out
    }
}

/// An IIN with all but its last three digits hidden.
pub fn mask_iin(iin: &str) -> String {
    let tail: String = iin.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
    format!("•••••••••{tail}")
}

/// A phone with all but the country code and last two digits hidden.
pub fn mask_phone(phone: &str) -> String {
    Phone::parse(phone).map(|p| p.masked()).unwrap_or_else(|_| "•••".into())
}

/// One page of the queue under `f` for `me` (rows and the cursor of the next page, if there is
/// one) with what the queue shows beside it; a name search first looks its words up
/// ([`name_search::plan`]). A filter that could not be understood (`None`) shows no rows.
/// (The page and its side in one statement measured no faster on SQLite: the page then has to
/// be read as JSON twice.)
pub async fn page(
    db: &Db,
    me: i64,
    f: Option<&Filter>,
    now: OffsetDateTime,
) -> Result<(Vec<Row>, Option<String>, Side), sqlx::Error> {
    let Some(f) = f else { return Ok((Vec::new(), None, side(db, now).await?)) };
    let (rows, next) = rows(db, me, f).await?;
    Ok((rows, next, side(db, now).await?))
}

/// The rows of one page under `f` for `me`, and the cursor of the next page if there is one,
/// without the queue's side (the customer search reads applications through this too).
pub async fn rows(db: &Db, me: i64, f: &Filter) -> Result<(Vec<Row>, Option<String>), sqlx::Error> {
    let plan = match &f.search {
        Some(Search::Name(words)) => Some(name_search::plan(db, words).await?),
        _ => None,
    };
    let (page, params) = queue_sql::page(me, f, plan.as_ref());
    // The page as one value: one hand-off from SQLite's thread instead of one per row.
    let sql = json_rows::wrap(db, &page, COLUMNS, queue_sql::order(f.sort));
    let json: String = with_db!(db, |c| {
        let mut q = sqlx::query_scalar::<_, String>(&sql);
        for p in &params {
            q = match p {
                Param::Text(s) => q.bind(s.as_str()),
                Param::Int(i) => q.bind(*i),
                // Stored times are UTC; SQLite compares them as text, so bind UTC too.
                Param::Time(t) => q.bind(t.to_offset(time::UtcOffset::UTC)),
            };
        }
        q.fetch_one(c).await
    })?;
    let mut rows: Vec<Row> = json_rows::parse(&json)?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|r| cursor(f.sort, r))
    } else {
        None
    };
    Ok((rows, next))
}

/// The query of one page under `f` for `me` selecting `columns` of `applications a`, with its
/// values, for a caller that reads the page inside a statement of its own (the customer search
/// lists the customers of a page of applications in one round trip). A name search looks its
/// words up first.
pub async fn page_query(
    db: &Db,
    me: i64,
    f: &Filter,
    columns: &str,
) -> Result<(String, Vec<Param>), sqlx::Error> {
    let plan = match &f.search {
        Some(Search::Name(words)) => Some(name_search::plan(db, words).await?),
        _ => None,
    };
    Ok(queue_sql::page_of(me, f, plan.as_ref(), columns))
}

/// What the queue shows beside its rows: applications per status (from the counter table), for
/// the tabs, and the staff who hold a claim now, for the assignee filter.
pub struct Side {
    pub counts: Vec<(String, i64)>,
    pub holders: Vec<(i64, String)>,
}

type SideRow = (String, i64, String);
const SIDE_COLUMNS: [&str; 3] = ["part", "number", "label"];
const SIDE_ORDER: &str = "part, label";

/// The query of [`Side`], with the time of "now" bound as `$n`.
fn side_sql(n: usize) -> String {
    format!(
        "SELECT 'count' AS part, n AS number, status AS label FROM application_counts
         UNION ALL
         SELECT 'holder', id, full_name FROM (
             SELECT DISTINCT s.id, s.full_name FROM applications a JOIN staff s ON s.id = a.claimed_by
             WHERE a.claimed_by IS NOT NULL AND a.claimed_until > ${n} ORDER BY s.full_name LIMIT 100
         ) h"
    )
}

/// [`Side`] alone, in one round trip.
async fn side(db: &Db, now: OffsetDateTime) -> Result<Side, sqlx::Error> {
    let sql = json_rows::wrap(db, &side_sql(1), &SIDE_COLUMNS, SIDE_ORDER);
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql)
        .bind(now.to_offset(time::UtcOffset::UTC))
        .fetch_one(c)
        .await)?;
    Ok(Side::from_rows(json_rows::parse(&json)?))
}

impl Side {
    fn from_rows(rows: Vec<SideRow>) -> Side {
        let count = |status: &str| {
            rows.iter().find(|(part, _, label)| part == "count" && label == status).map_or(0, |(_, n, _)| *n)
        };
        let counts = STATUSES.iter().map(|s| (s.to_string(), count(s))).collect();
        let mut holders: Vec<(i64, String)> = rows
            .iter()
            .filter(|(part, ..)| part == "holder")
            .map(|(_, id, name)| (*id, name.clone()))
            .collect();
        holders.sort_by(|a, b| a.1.cmp(&b.1));
        Side { counts, holders }
    }
}
