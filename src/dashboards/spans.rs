//! The rows of a table over time: one per day, or one per week (from its Monday, cut to the
//! period) when the period is longer than two months.

use time::Date;

use super::{model::Cell, period::Period, rollup::Rollup};

/// Longest period shown day by day.
const DAILY_MAX: i64 = 62;

/// The column heading of the time column, and each row's first day with the days it sums.
pub fn spans(period: &Period) -> (&'static str, Vec<(Date, Vec<Date>)>) {
    if period.days() <= DAILY_MAX {
        return ("dash-col-day", period.each_day().map(|d| (d, vec![d])).collect());
    }
    let mut out: Vec<(Date, Vec<Date>)> = Vec::new();
    for d in period.each_day() {
        match out.last_mut() {
            Some((_, days)) if d.weekday() != time::Weekday::Monday => days.push(d),
            _ => out.push((d, vec![d])),
        }
    }
    ("dash-col-week", out)
}

/// One row per span: its first day, then the count of each `(metric, dim)`.
pub fn counts(r: &Rollup, period: &Period, columns: &[(&str, Option<&str>)]) -> Vec<Vec<Cell>> {
    let (_, spans) = spans(period);
    spans
        .into_iter()
        .map(|(first, days)| {
            let mut row = vec![Cell::Day(first)];
            for (metric, dim) in columns {
                row.push(Cell::Int(days.iter().map(|d| r.on(metric, *dim, *d)).sum()));
            }
            row
        })
        .collect()
}
