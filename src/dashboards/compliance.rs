//! The compliance tab: screening hits found, confirmed and dismissed; what waits for
//! compliance now, and PEP approvals waiting for the second key and for how long; the list
//! imports of the period.

use time::{Duration, OffsetDateTime};

use super::{
    model::{Card, Cell, Chart, Tab, Table},
    period::Period,
    rollup::{Rollup, Which},
    spans,
};
use crate::{db::Db, i18n::Lang, with_db};

pub const METRICS: &[&str] =
    &["cmp.hit.found", "cmp.hit.decided", "cmp.pep.first", "cmp.pep.senior", "cmp.pep.returned"];
pub const SERIES: &[&str] = &["cmp.hit.found", "cmp.hit.decided"];

/// One list import: list, version, when, entries, added, changed, removed, hits found.
type Import = (String, i64, OffsetDateTime, i64, i64, i64, i64, i64);

pub struct Live {
    pub now: OffsetDateTime,
    pub review: i64,
    /// When each PEP waiting for the second key got its first.
    pub second_key: Vec<OffsetDateTime>,
    pub imports: Vec<Import>,
}

pub async fn live(db: &Db, now: OffsetDateTime, period: &Period) -> Result<Live, sqlx::Error> {
    let review: i64 = with_db!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM applications WHERE compliance_state = 'review'"
    )
    .fetch_one(c)
    .await)?;
    let second_key: Vec<OffsetDateTime> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT p.first_at FROM applications a JOIN pep_approvals p ON p.application_id = a.id
         WHERE a.compliance_state = 'senior' ORDER BY p.first_at"
    )
    .fetch_all(c)
    .await)?;
    let (from, to) = super::instants(period);
    let imports: Vec<Import> = with_db!(db, |c| sqlx::query_as(
        "SELECT l.name, v.version, v.imported_at, v.entries, v.added, v.changed, v.removed, v.screen_hits
         FROM list_versions v JOIN screening_lists l ON l.id = v.list_id
         WHERE v.imported_at >= $1 AND v.imported_at < $2 ORDER BY v.imported_at, v.id"
    )
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    Ok(Live { now, review, second_key, imports })
}

pub fn build(_lang: Lang, r: &Rollup, live: &Live, period: &Period) -> Tab {
    let hits = |w: Which, s: &str| Cell::Int(r.count(w, "cmp.hit.decided", Some(s)));
    let both = |label, f: &dyn Fn(Which) -> Cell| Card::new(label, f(Which::Now), f(Which::Before));
    let waits: Vec<i64> = live.second_key.iter().map(|at| (live.now - *at).whole_seconds().max(0)).collect();
    let oldest = waits.iter().max().copied();
    let median = {
        let mut w = waits.clone();
        w.sort_unstable();
        w.get(w.len().saturating_sub(1) / 2).copied()
    };
    let cards = vec![
        both("dash-cmp-found", &|w| Cell::Int(r.count(w, "cmp.hit.found", None))),
        both("dash-cmp-confirmed", &|w| hits(w, "confirmed")),
        both("dash-cmp-dismissed", &|w| hits(w, "dismissed")),
        both("dash-cmp-hit-median", &|w| Cell::Bucket(r.quantile(w, "cmp.hit.decided", None, 50))),
        both("dash-cmp-first-done", &|w| Cell::Int(r.count(w, "cmp.pep.first", None))),
        both("dash-cmp-senior-done", &|w| Cell::Int(r.count(w, "cmp.pep.senior", None))),
        both("dash-cmp-senior-median", &|w| Cell::Bucket(r.quantile(w, "cmp.pep.senior", None, 50))),
        both("dash-cmp-returned", &|w| Cell::Int(r.count(w, "cmp.pep.returned", None))),
        Card::now("dash-cmp-review-now", Cell::Int(live.review)),
        Card::now("dash-cmp-second-key-now", Cell::Int(waits.len() as i64)),
        Card::now("dash-cmp-second-key-oldest", Cell::Secs(oldest))
            .alert_if(oldest.is_some_and(|s| s > Duration::days(2).whole_seconds())),
        Card::now("dash-cmp-second-key-median", Cell::Secs(median)),
    ];
    let (time_col, _) = spans::spans(period);
    let mut daily = Table::new(
        "daily",
        "dash-cmp-daily",
        &[time_col, "dash-col-found", "dash-col-confirmed", "dash-col-dismissed"],
    )
    .chart(Chart::Columns { stacked: vec![2, 3], line: vec![1] });
    daily.rows = spans::counts(
        r,
        period,
        &[
            ("cmp.hit.found", None),
            ("cmp.hit.decided", Some("confirmed")),
            ("cmp.hit.decided", Some("dismissed")),
        ],
    );
    let mut imports = Table::new(
        "imports",
        "dash-cmp-imports",
        &[
            "dash-col-list",
            "dash-col-version",
            "dash-col-day",
            "dash-col-entries",
            "dash-col-added",
            "dash-col-changed",
            "dash-col-removed",
            "dash-col-hits",
        ],
    );
    imports.rows = live
        .imports
        .iter()
        .map(|(list, version, at, entries, added, changed, removed, hits)| {
            vec![
                Cell::Text(list.clone()),
                Cell::Int(*version),
                Cell::Day(at.to_offset(crate::i18n::ALMATY).date()),
                Cell::Int(*entries),
                Cell::Int(*added),
                Cell::Int(*changed),
                Cell::Int(*removed),
                Cell::Int(*hits),
            ]
        })
        .collect();
    Tab { cards, tables: vec![daily, imports] }
}
