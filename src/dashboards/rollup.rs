//! The rollups a tab reads: per measure and dimension, the counts and duration buckets of the
//! period and of the one before it, and the counts per day of the period for its charts. Two
//! sources give the same shape: [`load`] reads `dash_daily` (two index ranges, one round trip),
//! [`Rollup::from_contributions`] counts what the raw rows contribute (`recount`).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use time::Date;

use super::{buckets, period::Period};
use crate::db::{Db, json_rows};

/// Which of the two periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    Now,
    Before,
}

/// One source row's contribution to one measure: its day, dimension and duration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub metric: &'static str,
    pub day: Date,
    pub dim: String,
    pub secs: Option<i64>,
}

/// What a tab needs of the rollups.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rollup {
    /// `(which, metric, dim, bucket)`: bucket -1 is the count.
    totals: HashMap<(Which, String, String, i64), i64>,
    /// `(metric, dim)`: the count per day of the period.
    daily: HashMap<(String, String), BTreeMap<Date, i64>>,
}

impl Rollup {
    fn add_total(&mut self, which: Which, metric: &str, dim: &str, bucket: i64, n: i64) {
        *self.totals.entry((which, metric.to_string(), dim.to_string(), bucket)).or_default() += n;
    }

    /// The count of `metric` (over every dimension, or one).
    pub fn count(&self, which: Which, metric: &str, dim: Option<&str>) -> i64 {
        self.totals
            .iter()
            .filter(|((w, m, d, b), _)| *w == which && m == metric && *b == -1 && dim.is_none_or(|x| x == d))
            .map(|(_, n)| n)
            .sum()
    }

    /// The counts of `metric` per dimension, largest first (ties by dimension), zeros left out.
    pub fn by_dim(&self, which: Which, metric: &str) -> Vec<(String, i64)> {
        let mut out: Vec<(String, i64)> = self
            .totals
            .iter()
            .filter(|((w, m, _, b), n)| *w == which && m == metric && *b == -1 && **n != 0)
            .map(|((_, _, d, _), n)| (d.clone(), *n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The `q`-th quantile's bucket of `metric`'s durations (over every dimension, or one).
    pub fn quantile(&self, which: Which, metric: &str, dim: Option<&str>, q: i64) -> Option<i64> {
        let mut hist: HashMap<i64, i64> = HashMap::new();
        for ((w, m, d, b), n) in &self.totals {
            if *w == which && m == metric && *b >= 0 && dim.is_none_or(|x| x == d) {
                *hist.entry(*b).or_default() += n;
            }
        }
        buckets::quantile(&hist.into_iter().collect::<Vec<_>>(), q)
    }

    /// The count of `metric` (one dimension or all) on `day`.
    pub fn on(&self, metric: &str, dim: Option<&str>, day: Date) -> i64 {
        self.daily
            .iter()
            .filter(|((m, d), _)| m == metric && dim.is_none_or(|x| x == d))
            .map(|(_, days)| days.get(&day).copied().unwrap_or(0))
            .sum()
    }

    /// The rollup of a tab from the contributions of the raw rows (see `recount`).
    pub fn from_contributions(
        rows: &[Contribution],
        metrics: &[&str],
        series: &[&str],
        period: &Period,
    ) -> Rollup {
        let before = period.previous();
        let mut r = Rollup::default();
        for c in rows.iter().filter(|c| metrics.contains(&c.metric)) {
            let which = if c.day >= period.from && c.day <= period.to {
                Which::Now
            } else if c.day >= before.from && c.day <= before.to {
                Which::Before
            } else {
                continue;
            };
            r.add_total(which, c.metric, &c.dim, -1, 1);
            if let Some(s) = c.secs {
                r.add_total(which, c.metric, &c.dim, buckets::bucket(s), 1);
            }
            if which == Which::Now && series.contains(&c.metric) {
                *r.daily
                    .entry((c.metric.to_string(), c.dim.clone()))
                    .or_default()
                    .entry(c.day)
                    .or_default() += 1;
            }
        }
        r.prune();
        r
    }

    /// Drops the zeros (a row whose contributions went away), so both sources compare equal.
    fn prune(&mut self) {
        self.totals.retain(|_, n| *n != 0);
        for days in self.daily.values_mut() {
            days.retain(|_, n| *n != 0);
        }
        self.daily.retain(|_, days| !days.is_empty());
    }
}

#[derive(Deserialize)]
struct TotalRow(String, String, i64, i64, i64);

#[derive(Deserialize)]
struct DayRow(String, #[serde(deserialize_with = "json_rows::de::date")] Date, String, i64);

/// The rollup of a tab: `metrics` for the period and the one before, `series` (a subset) per
/// day of the period.
pub async fn load(
    db: &Db,
    metrics: &[&str],
    series: &[&str],
    period: &Period,
) -> Result<Rollup, sqlx::Error> {
    let before = period.previous();
    let list = |m: &[&str]| m.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ");
    // Metric names are the code's own constants, never input.
    debug_assert!(
        metrics.iter().chain(series).all(|m| m.chars().all(|c| c.is_ascii_lowercase() || c == '.'))
    );
    let totals = format!(
        "SELECT metric, dim, bucket, CASE WHEN day >= $1 THEN 1 ELSE 0 END AS now, SUM(n) AS n
         FROM dash_daily WHERE metric IN ({}) AND day >= $2 AND day <= $3
         GROUP BY metric, dim, bucket, CASE WHEN day >= $1 THEN 1 ELSE 0 END",
        list(metrics)
    );
    let daily = if series.is_empty() {
        "SELECT metric, day, dim, n FROM dash_daily WHERE 1 = 0".to_string()
    } else {
        format!(
            "SELECT metric, day, dim, n FROM dash_daily
             WHERE metric IN ({}) AND bucket = -1 AND day >= $1 AND day <= $3",
            list(series)
        )
    };
    let sql = format!(
        "SELECT {}",
        json_rows::columns(
            db,
            &[
                (&totals, &["metric", "dim", "bucket", "now", "n"], "metric, dim, bucket, now"),
                (&daily, &["metric", "day", "dim", "n"], "metric, day, dim"),
            ]
        )
    );
    let (t, d): (String, String) = crate::with_db!(db, |c| sqlx::query_as(&sql)
        .bind(period.from)
        .bind(before.from)
        .bind(period.to)
        .fetch_one(c)
        .await)?;
    let mut r = Rollup::default();
    for TotalRow(metric, dim, bucket, now, n) in json_rows::parse::<TotalRow>(&t)? {
        r.add_total(if now == 1 { Which::Now } else { Which::Before }, &metric, &dim, bucket, n);
    }
    for DayRow(metric, day, dim, n) in json_rows::parse::<DayRow>(&d)? {
        *r.daily.entry((metric, dim)).or_default().entry(day).or_default() += n;
    }
    r.prune();
    Ok(r)
}
