//! The support queue's reads: one page of tickets under a view, a category and a search, paged
//! by a keyset cursor, with the counts of the tabs, all in one statement. Tickets still being
//! worked are ordered by their earliest clock (`due_at`: breached and nearly breached first),
//! through partial indexes over the active tickets alone; resolved, closed and merged ones newest
//! first. The tab counts come from `ticket_counts` (kept by triggers); the breached and escalated
//! counts are ranges of partial indexes, capped at [`BREACHED_CAP`].

use serde::Deserialize;
use time::OffsetDateTime;

use super::model::ACTIVE_SQL;
use crate::db::{
    Db,
    json_rows::{self, de},
};

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// Overdue and escalated tickets are counted up to this many (the tab says "more than" past it):
/// the count is made on every queue page and costs what it counts (a thousand cost 0.7 ms of
/// PostgreSQL's time a page at a million tickets, a tenth of the page), and past a hundred the
/// number changes nothing for the desk.
pub const BREACHED_CAP: i64 = 100;

/// The views of the queue, as tabs. `escalated`: the legal requests still unanswered past their
/// escalation time, for the support lead to see before the statutory deadline passes.
pub const VIEWS: [&str; 8] =
    ["mine", "unassigned", "active", "breached", "escalated", "resolved", "closed", "merged"];

/// The tabs counted by a capped range of an index rather than from `ticket_counts`.
const CAPPED: [&str; 2] = ["breached", "escalated"];

/// What the search box found to look for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Find {
    Number(i64),
    /// Customers (found by IIN, phone or e-mail).
    Customers(Vec<i64>),
    /// Words of the subject.
    Text(String),
}

/// What a page shows.
#[derive(Clone, Debug)]
pub struct Filter {
    pub view: &'static str,
    pub category: Option<&'static str>,
    pub find: Option<Find>,
    /// The last row of the previous page: `(due_at, id)` for active views, the id otherwise.
    pub after: Option<(Option<OffsetDateTime>, i64)>,
}

impl Filter {
    /// Whether the search looks through every state, newest first (a ticket's number, the
    /// customer's IIN, phone or e-mail), whatever the tab.
    fn searches_any_state(&self) -> bool {
        matches!(self.find, Some(Find::Number(_) | Find::Customers(_)))
    }

    fn ordered_by_due(&self) -> bool {
        matches!(self.view, "mine" | "unassigned" | "active" | "breached" | "escalated")
            && !self.searches_any_state()
    }
}

/// One row of the queue.
#[derive(Clone, Debug, Deserialize)]
pub struct Row {
    pub id: i64,
    pub state: String,
    pub category: String,
    pub priority: String,
    pub language: String,
    pub subject: String,
    pub customer_id: Option<i64>,
    pub customer: Option<String>,
    pub sender: Option<String>,
    pub assignee: Option<String>,
    #[serde(deserialize_with = "de::time")]
    pub due_at: OffsetDateTime,
    #[serde(deserialize_with = "de::opt_time")]
    pub first_response_at: Option<OffsetDateTime>,
    #[serde(deserialize_with = "de::time")]
    pub first_response_due_at: OffsetDateTime,
    #[serde(deserialize_with = "de::opt_time")]
    pub paused_at: Option<OffsetDateTime>,
    #[serde(deserialize_with = "de::opt_time")]
    pub legal_due_at: Option<OffsetDateTime>,
    #[serde(deserialize_with = "de::opt_time")]
    pub legal_escalate_at: Option<OffsetDateTime>,
    #[serde(deserialize_with = "de::opt_time")]
    pub legal_done_at: Option<OffsetDateTime>,
    pub messages: i64,
}

impl Row {
    pub fn number(&self) -> String {
        super::model::number(self.id)
    }

    /// The clock that orders it, as it stands at `now`: `breached`, `near` or `running`
    /// (`done` for a ticket no longer worked).
    pub fn standing(&self, now: &OffsetDateTime) -> &'static str {
        if !super::model::is_active(&self.state) {
            "done"
        } else if self.due_at == super::clocks::NOTHING_DUE {
            "paused"
        } else if self.due_at <= *now {
            "breached"
        } else if self.due_at - super::clocks::WARN <= *now
            || self.legal_escalate_at.is_some_and(|e| e <= *now && self.legal_done_at.is_none())
        {
            "near"
        } else {
            "running"
        }
    }

    /// Whether an unanswered legal request is on it.
    pub fn legal_open(&self) -> bool {
        self.legal_due_at.is_some() && self.legal_done_at.is_none()
    }
}

const COLUMNS: &[&str] = &[
    "id",
    "state",
    "category",
    "priority",
    "language",
    "subject",
    "customer_id",
    // The customer's name from their newest application, for the page's rows only.
    "(SELECT a.last_name || ' ' || a.first_name FROM applications a WHERE a.customer_id = j.customer_id
      ORDER BY a.received_at DESC, a.id DESC LIMIT 1)",
    "sender",
    "(SELECT s.full_name FROM staff s WHERE s.id = j.assignee_id)",
    "due_at",
    "first_response_at",
    "first_response_due_at",
    "paused_at",
    "legal_due_at",
    "legal_escalate_at",
    "legal_done_at",
    "messages",
];

const TICKET_COLUMNS: &str = "t.id, t.state, t.category, t.priority, t.language, t.subject, t.customer_id,
     t.sender, t.assignee_id, t.due_at, t.first_response_at, t.first_response_due_at, t.paused_at,
     t.legal_due_at, t.legal_escalate_at, t.legal_done_at, t.messages";

/// A bound value.
pub enum Param {
    Text(String),
    Int(i64),
    Time(OffsetDateTime),
}

/// The SQL of a page for `me` under `f`, at `now`.
fn page_sql(
    me: i64,
    f: &Filter,
    now: OffsetDateTime,
    sqlite: bool,
    params: &mut Vec<Param>,
) -> (String, &'static str) {
    let mut arg = |p: Param| {
        params.push(p);
        format!("${}", params.len())
    };
    let by_due = f.ordered_by_due();
    // A ticket's number, or its customer, finds it in any state.
    let view = if f.searches_any_state() { "any" } else { f.view };
    // Inside the page's one statement, SQLite's planner reads every active ticket through the
    // (state, id) index and sorts them all for this tab (some 45 ms at 30,000 of them), instead of
    // walking the active tickets' own index in due order and stopping at a page.
    let hint = if sqlite && view == "active" && f.category.is_none() {
        " INDEXED BY tickets_active_due"
    } else {
        ""
    };
    let mut sql = format!("SELECT {TICKET_COLUMNS} FROM tickets t{hint} WHERE 1 = 1");
    match view {
        "any" => {}
        "mine" => {
            sql.push_str(&format!(" AND t.state IN {ACTIVE_SQL} AND t.assignee_id = {}", arg(Param::Int(me))))
        }
        "unassigned" => sql.push_str(&format!(" AND t.state IN {ACTIVE_SQL} AND t.assignee_id IS NULL")),
        "active" => sql.push_str(&format!(" AND t.state IN {ACTIVE_SQL}")),
        "breached" => {
            sql.push_str(&format!(" AND t.state IN {ACTIVE_SQL} AND t.due_at <= {}", arg(Param::Time(now))))
        }
        "escalated" => sql.push_str(&format!(
            " AND t.state IN {ACTIVE_SQL} AND t.legal_done_at IS NULL AND t.legal_escalate_at <= {}",
            arg(Param::Time(now))
        )),
        state => sql.push_str(&format!(" AND t.state = {}", arg(Param::Text(state.into())))),
    }
    if let Some(c) = f.category {
        sql.push_str(&format!(" AND t.category = {}", arg(Param::Text(c.into()))));
    }
    match &f.find {
        None => {}
        Some(Find::Number(n)) => sql.push_str(&format!(" AND t.id = {}", arg(Param::Int(*n)))),
        Some(Find::Customers(ids)) => {
            let list: Vec<String> = ids.iter().map(|i| arg(Param::Int(*i))).collect();
            let list = if list.is_empty() { "NULL".to_string() } else { list.join(", ") };
            sql.push_str(&format!(" AND t.customer_id IN ({list})"));
        }
        Some(Find::Text(words)) => {
            for w in words.split_whitespace().take(5) {
                let escaped = w.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                let n = arg(Param::Text(format!("%{escaped}%")));
                sql.push_str(&format!(" AND t.subject_folded LIKE {n} ESCAPE '\\'"));
            }
        }
    }
    match f.after {
        Some((Some(due), id)) if by_due => {
            let (d, i) = (arg(Param::Time(due)), arg(Param::Int(id)));
            sql.push_str(&format!(" AND (t.due_at, t.id) > ({d}, {i})"));
        }
        Some((_, id)) if !by_due => sql.push_str(&format!(" AND t.id < {}", arg(Param::Int(id)))),
        _ => {}
    }
    let order = if by_due { "due_at, id" } else { "id DESC" };
    sql.push_str(&format!(" ORDER BY t.{} LIMIT {}", order.replace(", ", ", t."), PAGE_SIZE + 1));
    (sql, order)
}

/// One page, and the counts of the tabs.
pub struct Page {
    pub rows: Vec<Row>,
    /// The cursor of the next page.
    pub next: Option<String>,
    /// `(view, count)` for every view; `(category, count)` of the active tickets.
    pub views: Vec<(&'static str, i64)>,
    pub categories: Vec<(String, i64)>,
}

type CountRow = (String, String, i64, i64);

/// Reads a page for `me` under `f` (none: only the counts) at `now`, in one round trip.
pub async fn page(db: &Db, me: i64, f: Option<&Filter>, now: OffsetDateTime) -> Result<Page, sqlx::Error> {
    let mut params = Vec::new();
    let rows_sql;
    let order;
    match f {
        Some(f) => (rows_sql, order) = page_sql(me, f, now, matches!(db, Db::Sqlite(_)), &mut params),
        None => (rows_sql, order) = ("SELECT * FROM tickets WHERE 1 = 0".to_string(), "id"),
    }
    let me_arg = {
        params.push(Param::Int(me));
        format!("${}", params.len())
    };
    let now_arg = {
        params.push(Param::Time(now));
        format!("${}", params.len())
    };
    let counts_sql = format!(
        "SELECT state, category, CASE WHEN assignee_id = 0 THEN 0 WHEN assignee_id = {me_arg} THEN 1 ELSE 2 END AS who,
                CAST(SUM(n) AS BIGINT) AS n
         FROM ticket_counts WHERE n <> 0 GROUP BY 1, 2, 3
         UNION ALL
         SELECT 'breached', '', 0, COUNT(*) FROM (
             SELECT 1 FROM tickets WHERE state IN {ACTIVE_SQL} AND due_at <= {now_arg} LIMIT {BREACHED_CAP}) b
         UNION ALL
         SELECT 'escalated', '', 0, COUNT(*) FROM (
             SELECT 1 FROM tickets WHERE state IN {ACTIVE_SQL} AND legal_done_at IS NULL
                 AND legal_escalate_at <= {now_arg} LIMIT {BREACHED_CAP}) e"
    );
    let sql = format!(
        "SELECT {}",
        json_rows::columns(
            db,
            &[
                (&rows_sql, COLUMNS, order),
                (&counts_sql, &["state", "category", "who", "n"], "state, category, who")
            ]
        )
    );
    let (rows_json, counts_json): (String, String) = crate::with_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for p in &params {
            q = match p {
                Param::Text(s) => q.bind(s.as_str()),
                Param::Int(i) => q.bind(*i),
                Param::Time(t) => q.bind(t.to_offset(time::UtcOffset::UTC)),
            };
        }
        q.fetch_one(c).await
    })?;
    let mut rows: Vec<Row> = json_rows::parse(&rows_json)?;
    let counts: Vec<CountRow> = json_rows::parse(&counts_json)?;
    let next = match f {
        Some(f) if rows.len() > PAGE_SIZE => {
            rows.truncate(PAGE_SIZE);
            rows.last().map(|r| {
                if f.ordered_by_due() {
                    format!("{}.{}", r.due_at.unix_timestamp_nanos() / 1000, r.id)
                } else {
                    r.id.to_string()
                }
            })
        }
        _ => None,
    };
    let active = |s: &str| super::model::is_active(s);
    let sum = |pred: &dyn Fn(&CountRow) -> bool| {
        counts.iter().filter(|c| !CAPPED.contains(&c.0.as_str()) && pred(c)).map(|c| c.3).sum()
    };
    let views = VIEWS
        .iter()
        .map(|v| {
            let n: i64 = match *v {
                "mine" => sum(&|c| active(&c.0) && c.2 == 1),
                "unassigned" => sum(&|c| active(&c.0) && c.2 == 0),
                "active" => sum(&|c| active(&c.0)),
                capped if CAPPED.contains(&capped) => {
                    counts.iter().filter(|c| c.0 == capped).map(|c| c.3).sum()
                }
                state => sum(&|c| c.0 == state),
            };
            (*v, n)
        })
        .collect();
    let categories = super::model::CATEGORIES
        .iter()
        .map(|k| (k.to_string(), sum(&|c| active(&c.0) && c.1 == *k)))
        .collect();
    Ok(Page { rows, next, views, categories })
}

/// Parses a cursor: `<unix microseconds>.<id>` for views ordered by due time, `<id>` otherwise.
pub fn parse_cursor(raw: &str) -> Option<(Option<OffsetDateTime>, i64)> {
    match raw.split_once('.') {
        Some((at, id)) => {
            let micros: i64 = at.parse().ok()?;
            let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok()?;
            Some((Some(at), id.parse().ok().filter(|i| *i > 0)?))
        }
        None => Some((None, raw.parse().ok().filter(|i| *i > 0)?)),
    }
}
