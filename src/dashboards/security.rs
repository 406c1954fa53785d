//! The security tab: account blocks, unblocks, restrictions and archiving; restoration cases
//! opened, decided (restored or refused) and how long they took; what is open and overdue now.

use super::{
    model::{Card, Cell, Chart, Tab, Table},
    period::Period,
    rollup::{Rollup, Which},
    spans,
};
use crate::{db::Db, i18n::Lang, with_db};

pub const METRICS: &[&str] = &["sec.account", "sec.case.opened", "sec.case.decided"];
pub const SERIES: &[&str] = &["sec.account", "sec.case.opened", "sec.case.decided"];

const OPEN: [&str; 3] = ["waiting_documents", "ready", "waiting_second"];

pub struct Live {
    pub open: Vec<i64>,
    pub overdue: i64,
}

pub async fn live(db: &Db, target_days: i64) -> Result<Live, sqlx::Error> {
    let rows: Vec<(String, i64)> = with_db!(db, |c| sqlx::query_as(
        "SELECT state, COUNT(*) FROM restoration_cases
         WHERE state IN ('waiting_documents', 'ready', 'waiting_second') GROUP BY state"
    )
    .fetch_all(c)
    .await)?;
    let open = OPEN.iter().map(|s| rows.iter().find(|(st, _)| st == s).map_or(0, |(_, n)| *n)).collect();
    let overdue = crate::restoration::queue::overdue(db, target_days).await?;
    Ok(Live { open, overdue })
}

pub fn build(_lang: Lang, r: &Rollup, live: &Live, period: &Period) -> Tab {
    let both = |label, f: &dyn Fn(Which) -> Cell| Card::new(label, f(Which::Now), f(Which::Before));
    let account = |w: Which, what: &str| Cell::Int(r.count(w, "sec.account", Some(what)));
    let cases = |w: Which, what: &str| Cell::Int(r.count(w, "sec.case.decided", Some(what)));
    let cards = vec![
        both("dash-sec-blocked", &|w| account(w, "blocked")),
        both("dash-sec-unblocked", &|w| account(w, "unblocked")),
        both("dash-sec-restricted", &|w| account(w, "restricted")),
        both("dash-sec-opened", &|w| Cell::Int(r.count(w, "sec.case.opened", None))),
        both("dash-sec-restored", &|w| cases(w, "restored")),
        both("dash-sec-refused", &|w| cases(w, "refused")),
        both("dash-sec-case-median", &|w| Cell::Bucket(r.quantile(w, "sec.case.decided", None, 50))),
        Card::now("dash-sec-open-now", Cell::Int(live.open.iter().sum())),
        Card::now("dash-sec-overdue-now", Cell::Int(live.overdue)).alert_if(live.overdue > 0),
    ];
    let (time_col, _) = spans::spans(period);
    let mut daily = Table::new(
        "daily",
        "dash-sec-daily",
        &[
            time_col,
            "dash-col-blocked",
            "dash-col-unblocked",
            "dash-col-cases-opened",
            "dash-col-restored",
            "dash-col-refused",
        ],
    )
    .chart(Chart::Columns { stacked: vec![1, 2], line: vec![3] });
    daily.rows = spans::counts(
        r,
        period,
        &[
            ("sec.account", Some("blocked")),
            ("sec.account", Some("unblocked")),
            ("sec.case.opened", None),
            ("sec.case.decided", Some("restored")),
            ("sec.case.decided", Some("refused")),
        ],
    );
    let mut open = Table::new("open", "dash-sec-open", &["dash-col-state", "dash-col-cases"])
        .chart(Chart::Bars { value: 1 });
    open.rows = OPEN
        .iter()
        .zip(&live.open)
        .map(|(s, n)| vec![Cell::Label(format!("restoration-state-{s}")), Cell::Int(*n)])
        .collect();
    Tab { cards, tables: vec![daily, open] }
}
