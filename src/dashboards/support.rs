//! The support tab: tickets per channel, the backlog by category and state, first-response and
//! resolution times, SLA breaches, legal deadlines met and missed (the target is none missed),
//! and objections per policy version.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::{
    model::{Card, Cell, Chart, Tab, Table},
    period::Period,
    rollup::{Rollup, Which},
    spans,
};
use crate::{db::Db, i18n::Lang, with_db};

pub const METRICS: &[&str] =
    &["sup.created", "sup.category", "sup.objection", "sup.first", "sup.resolved", "sup.legal"];
pub const SERIES: &[&str] = &["sup.created"];

/// The states a ticket is worked in.
const ACTIVE: [&str; 4] = ["new", "open", "waiting_customer", "waiting_third_party"];
const CHANNELS: [&str; 3] = ["app", "email", "phone"];

pub struct Live {
    /// Categories in their order.
    pub categories: Vec<String>,
    /// `(category, state)` to the tickets in it now.
    pub backlog: HashMap<(String, String), i64>,
    pub overdue: i64,
    pub legal_overdue: i64,
    /// Policy version id to its number.
    pub versions: HashMap<String, String>,
}

pub async fn live(db: &Db, now: OffsetDateTime) -> Result<Live, sqlx::Error> {
    let categories: Vec<String> =
        with_db!(db, |c| sqlx::query_scalar("SELECT code FROM ticket_categories ORDER BY position, code")
            .fetch_all(c)
            .await)?;
    let rows: Vec<(String, String, i64)> = with_db!(db, |c| sqlx::query_as(
        "SELECT category, state, CAST(SUM(n) AS BIGINT) FROM ticket_counts
         WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party')
         GROUP BY category, state"
    )
    .fetch_all(c)
    .await)?;
    let overdue = past_due(db, now, "sup.due", "due_at", "").await?;
    let legal_overdue = past_due(
        db,
        now,
        "sup.legal.open",
        "legal_due_at",
        " AND legal_done_at IS NULL AND legal_due_at IS NOT NULL",
    )
    .await?;
    let versions: Vec<(i64, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT id, number FROM policy_versions").fetch_all(c).await)?;
    Ok(Live {
        categories,
        backlog: rows.into_iter().map(|(c, s, n)| ((c, s), n)).collect(),
        overdue,
        legal_overdue,
        versions: versions.into_iter().map(|(id, n)| (id.to_string(), n)).collect(),
    })
}

/// The tickets being worked whose `column` has passed: the days before today from the rollups
/// (`metric` counts them by that day), today's through the queue's partial index.
async fn past_due(
    db: &Db,
    now: OffsetDateTime,
    metric: &str,
    column: &str,
    extra: &str,
) -> Result<i64, sqlx::Error> {
    let today = now.to_offset(crate::i18n::ALMATY).date();
    let midnight = today.midnight().assume_offset(crate::i18n::ALMATY).to_offset(time::UtcOffset::UTC);
    let sql = format!(
        "SELECT (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM dash_daily
                 WHERE metric = $1 AND bucket = -1 AND day < $2)
              + (SELECT COUNT(*) FROM tickets
                 WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party'){extra}
                   AND {column} >= $3 AND {column} < $4)"
    );
    with_db!(db, |c| sqlx::query_scalar(&sql)
        .bind(metric)
        .bind(today)
        .bind(midnight)
        .bind(now)
        .fetch_one(c)
        .await)
}

pub fn build(_lang: Lang, r: &Rollup, live: &Live, period: &Period) -> Tab {
    let both = |label, f: &dyn Fn(Which) -> Cell| Card::new(label, f(Which::Now), f(Which::Before));
    let late = |w: Which| r.count(w, "sup.first", Some("late")) + r.count(w, "sup.resolved", Some("late"));
    let missed = r.count(Which::Now, "sup.legal", Some("missed"));
    let cards = vec![
        both("dash-sup-created", &|w| Cell::Int(r.count(w, "sup.created", None))),
        both("dash-sup-first-median", &|w| Cell::Bucket(r.quantile(w, "sup.first", None, 50))),
        both("dash-sup-first-p90", &|w| Cell::Bucket(r.quantile(w, "sup.first", None, 90))),
        both("dash-sup-resolution-median", &|w| Cell::Bucket(r.quantile(w, "sup.resolved", None, 50))),
        both("dash-sup-resolution-p90", &|w| Cell::Bucket(r.quantile(w, "sup.resolved", None, 90))),
        both("dash-sup-breaches", &|w| Cell::Int(late(w))),
        Card::now("dash-sup-overdue-now", Cell::Int(live.overdue)).alert_if(live.overdue > 0),
        both("dash-sup-legal-met", &|w| Cell::Int(r.count(w, "sup.legal", Some("met")))),
        Card::new(
            "dash-sup-legal-missed",
            Cell::Int(missed),
            Cell::Int(r.count(Which::Before, "sup.legal", Some("missed"))),
        )
        .alert_if(missed > 0),
        Card::now("dash-sup-legal-overdue-now", Cell::Int(live.legal_overdue))
            .alert_if(live.legal_overdue > 0),
    ];
    let (time_col, _) = spans::spans(period);
    let mut daily = Table::new(
        "daily",
        "dash-sup-daily",
        &[time_col, "support-channel-app", "support-channel-email", "support-channel-phone"],
    )
    .chart(Chart::Columns { stacked: vec![1, 2, 3], line: vec![] });
    let columns: Vec<(&str, Option<&str>)> = CHANNELS.iter().map(|c| ("sup.created", Some(*c))).collect();
    daily.rows = spans::counts(r, period, &columns);

    let mut backlog = Table::new(
        "backlog",
        "dash-sup-backlog",
        &[
            "dash-col-category",
            "support-state-new",
            "support-state-open",
            "support-state-waiting_customer",
            "support-state-waiting_third_party",
            "dash-col-total",
        ],
    );
    backlog.rows = live
        .categories
        .iter()
        .map(|cat| {
            let counts: Vec<i64> = ACTIVE
                .iter()
                .map(|s| live.backlog.get(&(cat.clone(), s.to_string())).copied().unwrap_or(0))
                .collect();
            let mut row = vec![Cell::Label(format!("support-category-{cat}"))];
            row.extend(counts.iter().map(|n| Cell::Int(*n)));
            row.push(Cell::Int(counts.iter().sum()));
            row
        })
        .collect();

    let mut categories = Table::new(
        "categories",
        "dash-sup-categories",
        &["dash-col-category", "dash-col-received", "dash-col-received-before"],
    )
    .chart(Chart::Bars { value: 1 });
    categories.rows = live
        .categories
        .iter()
        .map(|cat| {
            vec![
                Cell::Label(format!("support-category-{cat}")),
                Cell::Int(r.count(Which::Now, "sup.category", Some(cat))),
                Cell::Int(r.count(Which::Before, "sup.category", Some(cat))),
            ]
        })
        .collect();

    let mut objections =
        Table::new("objections", "dash-sup-objections", &["dash-col-policy-version", "dash-col-objections"]);
    objections.rows = r
        .by_dim(Which::Now, "sup.objection")
        .into_iter()
        .map(|(id, n)| vec![Cell::Text(live.versions.get(&id).cloned().unwrap_or(id)), Cell::Int(n)])
        .collect();
    Tab { cards, tables: vec![daily, backlog, categories, objections] }
}
