//! The verifiers' queue: applications oldest first, filtered and searched, paged by a keyset
//! cursor on `(received_at, id)` so a deep page costs what the first one does. Every filter maps
//! onto an index (see the review migration); counts per status come from a counter table kept by
//! triggers.

use serde::Deserialize;
use time::{Date, OffsetDateTime};

pub use super::filter::{Assignee, Cursor, Filter, QueueQuery, Sort, cursor, time_cursor};
use super::{name_search, search::Search};
use crate::{
    db::{
        Db,
        json_rows::{self, de},
    },
    i18n::ALMATY,
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

/// Where the key of a walk goes in the walk's query.
const KEY: &str = "\u{1}key\u{1}";

enum Param {
    Text(String),
    Int(i64),
    Time(OffsetDateTime),
}

/// One page of the queue: rows and the cursor of the next page, if there is one.
pub async fn page(db: &Db, me: i64, f: &Filter) -> Result<(Vec<Row>, Option<String>), sqlx::Error> {
    let mut sql = String::from(
        "SELECT a.id, a.status, a.received_at, a.last_name, a.first_name, a.patronymic, a.iin, a.phone,
                a.amount_kzt, a.pep_declared, a.bo_declared, a.risk_signals, a.risk_count, a.claimed_by,
                a.claimed_until, s.full_name AS holder, a.compliance_state, a.birth_date, a.doc_expires_on",
    );
    let mut params: Vec<Param> = Vec::new();
    let arg = |p: Param, params: &mut Vec<Param>| {
        params.push(p);
        format!("${}", params.len())
    };
    // A name search in queue order walks one word's applications ([`name_search`]); the time
    // and id of the order are then the name index's own columns.
    let plan = match &f.search {
        Some(Search::Name(words)) => Some(name_search::plan(db, words).await?),
        _ => None,
    };
    let walk = plan.as_ref().and_then(|p| p.walk.clone());
    let mut walked_keys: Vec<String> = Vec::new();
    let mut walked_pairs = false;
    let in_order = matches!(f.sort, Sort::Oldest | Sort::Newest);
    let (time_col, id_col) = match walk.as_ref().filter(|_| in_order) {
        Some(w) => {
            let (table, column) = w.table();
            let keys: Vec<String> =
                w.keys().iter().map(|k| arg(Param::Text(k.clone()), &mut params)).collect();
            // CROSS JOIN: SQLite keeps the name index as the outer loop. One key at a time
            // (`KEY`): several keys are walked each in its own branch (below).
            sql.push_str(&format!(
                " FROM {table} t CROSS JOIN applications a
                  LEFT JOIN staff s ON s.id = a.claimed_by
                  WHERE a.id = t.application_id AND t.{column} = {KEY}"
            ));
            walked_keys = keys.clone();
            walked_pairs = matches!(w, name_search::Walk::Pairs(_));
            if keys.len() > 1 {
                // An application with two of the keys comes once, by the first of them.
                sql.push_str(&format!(
                    " AND NOT EXISTS (SELECT 1 FROM {table} t2 WHERE t2.application_id = t.application_id
                                      AND t2.{column} IN ({}) AND t2.{column} < t.{column})",
                    keys.join(", ")
                ));
            }
            ("t.received_at", "t.application_id")
        }
        None => {
            sql.push_str(" FROM applications a LEFT JOIN staff s ON s.id = a.claimed_by WHERE 1 = 1");
            ("a.received_at", "a.id")
        }
    };
    if let Some(s) = f.status {
        let n = arg(Param::Text(s.into()), &mut params);
        // A walk of name pairs reads the status off the pair rows, in the index's order.
        let column = if walked_pairs { "t.status" } else { "a.status" };
        sql.push_str(&format!(" AND {column} = {n}"));
    }
    if let Some(d) = f.from {
        let n = arg(Param::Time(d.midnight().assume_offset(ALMATY)), &mut params);
        sql.push_str(&format!(" AND {time_col} >= {n}"));
    }
    if let Some(d) = f.to {
        let end = d.next_day().unwrap_or(d).midnight().assume_offset(ALMATY);
        let n = arg(Param::Time(end), &mut params);
        sql.push_str(&format!(" AND {time_col} < {n}"));
    }
    if let Some(d) = f.declared {
        // The first term is the partial index's own condition, so the index is used.
        sql.push_str(" AND (a.pep_declared OR a.bo_declared)");
        match d {
            "pep" => sql.push_str(" AND a.pep_declared"),
            "bo" => sql.push_str(" AND a.bo_declared"),
            _ => {}
        }
    }
    if f.risk {
        sql.push_str(" AND a.risk_signals <> 0");
    }
    match f.assignee {
        Assignee::Anyone => {}
        Assignee::Me => {
            let n = arg(Param::Int(me), &mut params);
            sql.push_str(&format!(" AND a.claimed_by = {n}"));
        }
        Assignee::Staff(id) => {
            let n = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(" AND a.claimed_by = {n}"));
        }
        Assignee::Nobody => sql.push_str(" AND a.claimed_by IS NULL"),
    }
    match &f.search {
        None => {}
        Some(Search::Iin(iin)) => {
            let n = arg(Param::Text(iin.clone()), &mut params);
            sql.push_str(&format!(" AND a.iin = {n}"));
        }
        Some(Search::Phone(p)) => {
            let n = arg(Param::Text(p.clone()), &mut params);
            sql.push_str(&format!(" AND a.phone = {n}"));
        }
        Some(Search::Number(id)) => {
            let n = arg(Param::Int(*id), &mut params);
            sql.push_str(&format!(" AND a.id = {n}"));
        }
        Some(Search::External(x)) => {
            let n = arg(Param::Text(x.clone()), &mut params);
            sql.push_str(&format!(" AND a.external_id = {n}"));
        }
        Some(Search::Email(e)) => {
            let n = arg(Param::Text(e.clone()), &mut params);
            sql.push_str(&format!(" AND a.email = {n}"));
        }
        Some(Search::Name(words)) => {
            let (driver, covered) = plan.as_ref().map_or((0, &[][..]), |p| (p.driver, &p.covered[..]));
            if let Some(w) = walk.as_ref().filter(|_| !in_order) {
                // Sorted by amount or risk: the walk's applications are collected and sorted.
                let (table, column) = w.table();
                let keys: Vec<String> =
                    w.keys().iter().map(|k| arg(Param::Text(k.clone()), &mut params)).collect();
                let keys = keys.join(", ");
                sql.push_str(&format!(
                    " AND a.id IN (SELECT d.application_id FROM {table} d WHERE d.{column} IN ({keys}))"
                ));
            }
            for i in 0..words.len() {
                if walk.is_some() && covered.contains(&i) {
                    continue;
                }
                let (lo, hi) = name_search::bounds(words, i);
                let lo = arg(Param::Text(lo), &mut params);
                let hi = arg(Param::Text(hi), &mut params);
                if i == driver && walk.is_none() {
                    sql.push_str(&format!(
                        " AND a.id IN (SELECT d.application_id FROM application_name_tokens d
                                       WHERE d.token >= {lo} AND d.token < {hi})"
                    ));
                } else {
                    sql.push_str(&format!(
                        " AND EXISTS (SELECT 1 FROM application_name_tokens u
                                      WHERE u.application_id = {id_col} AND u.token >= {lo} AND u.token < {hi})"
                    ));
                }
            }
        }
    }
    match f.after {
        None => {}
        Some(Cursor::Time(at, id)) => {
            let t = arg(Param::Time(at), &mut params);
            let i = arg(Param::Int(id), &mut params);
            let op = if f.sort == Sort::Newest { "<" } else { ">" };
            sql.push_str(&format!(" AND ({time_col}, {id_col}) {op} ({t}, {i})"));
        }
        Some(Cursor::Amount(amount, id)) => {
            let m = arg(Param::Int(amount), &mut params);
            let i = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(" AND (a.amount_kzt, a.id) < ({m}, {i})"));
        }
        Some(Cursor::Risk(risk, at, id)) => {
            let r = arg(Param::Int(risk), &mut params);
            let t = arg(Param::Time(at), &mut params);
            let i = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(
                " AND (a.risk_count < {r} OR (a.risk_count = {r} AND (a.received_at, a.id) > ({t}, {i})))"
            ));
        }
    }
    let order = match f.sort {
        Sort::Oldest => format!("{time_col}, {id_col}"),
        Sort::Newest => format!("{time_col} DESC, {id_col} DESC"),
        Sort::Amount => "a.amount_kzt DESC, a.id DESC".to_string(),
        Sort::Risk => "a.risk_count DESC, a.received_at, a.id".to_string(),
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT {}", PAGE_SIZE + 1));
    // A walk of several keys: each key's walk stops after a page, the pages are merged (the
    // outer order below) and cut to one.
    let sql = match &walked_keys[..] {
        [] => sql,
        [k] => sql.replace(KEY, k),
        keys => {
            let branches: Vec<String> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| format!("SELECT * FROM ({}) AS w{i}", sql.replace(KEY, k)))
                .collect();
            branches.join(" UNION ALL ")
        }
    };
    // The page as one value: one hand-off from SQLite's thread instead of one per row.
    let outer_order = match f.sort {
        Sort::Oldest => "received_at, id",
        Sort::Newest => "received_at DESC, id DESC",
        Sort::Amount => "amount_kzt DESC, id DESC",
        Sort::Risk => "risk_count DESC, received_at, id",
    };
    let sql = json_rows::wrap(db, &sql, COLUMNS, outer_order);
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

/// What the queue shows beside its rows: applications per status (from the counter table), for
/// the tabs, and the staff who hold a claim now, for the assignee filter.
pub struct Side {
    pub counts: Vec<(String, i64)>,
    pub holders: Vec<(i64, String)>,
}

/// [`Side`] in one round trip: the queue is the page verifiers open most.
pub async fn side(db: &Db, now: OffsetDateTime) -> Result<Side, sqlx::Error> {
    const SIDE: &str = "SELECT 'count' AS part, n AS number, status AS label FROM application_counts
         UNION ALL
         SELECT 'holder', id, full_name FROM (
             SELECT DISTINCT s.id, s.full_name FROM applications a JOIN staff s ON s.id = a.claimed_by
             WHERE a.claimed_by IS NOT NULL AND a.claimed_until > $1 ORDER BY s.full_name LIMIT 100
         ) h";
    let sql = json_rows::wrap(db, SIDE, &["part", "number", "label"], "part, label");
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql).bind(now).fetch_one(c).await)?;
    let rows: Vec<(String, i64, String)> = json_rows::parse(&json)?;
    let count = |status: &str| {
        rows.iter().find(|(part, _, label)| part == "count" && label == status).map_or(0, |(_, n, _)| *n)
    };
    let counts = STATUSES.iter().map(|s| (s.to_string(), count(s))).collect();
    let mut holders: Vec<(i64, String)> =
        rows.iter().filter(|(part, ..)| part == "holder").map(|(_, id, name)| (*id, name.clone())).collect();
    holders.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Side { counts, holders })
}
