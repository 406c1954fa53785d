//! The period a dashboard shows: today, the last 7 or 30 days, a calendar month, or from–to, in
//! Almaty days; and the period of the same length just before it, to compare with.

use serde::Deserialize;
use time::{Date, Duration, Month, macros::format_description};

use crate::web::page::FieldErrors;

/// The period as the form sends it.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// The kinds of period, as the form names them.
pub const KINDS: [&str; 5] = ["today", "7d", "30d", "month", "range"];

/// Days from `from` to `to`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub kind: &'static str,
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The last `days` days up to `today`.
    pub fn last(kind: &'static str, today: Date, days: i64) -> Period {
        Period { kind, from: today - Duration::days(days - 1), to: today }
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).whole_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let to = self.from.previous_day().unwrap_or(self.from);
        Period { kind: "range", from: to - Duration::days(self.days() - 1), to }
    }

    /// Every day of the period.
    pub fn each_day(&self) -> impl Iterator<Item = Date> + '_ {
        (0..self.days()).map(|n| self.from + Duration::days(n))
    }

    /// For file names: `2026-11-01_2026-11-30`.
    pub fn slug(&self) -> String {
        format!("{}_{}", self.from, self.to)
    }

    /// The query string that shows this period again.
    pub fn query(&self) -> String {
        match self.kind {
            "month" => format!("period=month&month={}", &self.from.to_string()[..7]),
            "range" => format!("period=range&from={}&to={}", self.from, self.to),
            kind => format!("period={kind}"),
        }
    }
}

/// The period form as shown: what was typed when it was wrong, the period shown when it was
/// right.
pub struct Form {
    pub kinds: Vec<(&'static str, String)>,
    pub kind: String,
    pub month: String,
    pub from: String,
    pub to: String,
}

impl Form {
    pub fn new(lang: crate::i18n::Lang, q: &PeriodQuery, p: &Period, errors: &FieldErrors) -> Form {
        let kinds = KINDS.iter().map(|k| (*k, crate::i18n::t(lang, &format!("dash-period-{k}")))).collect();
        if errors.is_empty() {
            Form {
                kinds,
                kind: p.kind.to_string(),
                month: p.from.to_string()[..7].to_string(),
                from: p.from.to_string(),
                to: p.to.to_string(),
            }
        } else {
            Form {
                kinds,
                kind: q.period.trim().to_string(),
                month: q.month.trim().to_string(),
                from: q.from.trim().to_string(),
                to: q.to.trim().to_string(),
            }
        }
    }
}

/// Years a period may name: anything else is a typing mistake (and far dates overflow).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn date(raw: &str, field: &'static str, errors: &mut FieldErrors) -> Option<Date> {
    let parsed = Date::parse(raw.trim(), format_description!("[year]-[month]-[day]"))
        .ok()
        .filter(|d| YEARS.contains(&d.year()));
    if parsed.is_none() {
        errors.add(field, if raw.trim().is_empty() { "dash-error-date-missing" } else { "dash-error-date" });
    }
    parsed
}

/// Reads the form's period; an error is recorded next to its field and the default (the last
/// 30 days) is shown instead. `max_days` bounds a from–to period.
pub fn parse(q: &PeriodQuery, today: Date, max_days: i64, errors: &mut FieldErrors) -> Period {
    let fallback = Period::last("30d", today, 30);
    match q.period.trim() {
        "" | "30d" => fallback,
        "today" => Period::last("today", today, 1),
        "7d" => Period::last("7d", today, 7),
        "month" => {
            let raw = if q.month.trim().is_empty() {
                today.to_string()[..7].to_string()
            } else {
                q.month.trim().to_string()
            };
            let first = Date::parse(&format!("{raw}-01"), format_description!("[year]-[month]-[day]")).ok();
            match first {
                Some(from) if raw.len() == 7 && YEARS.contains(&from.year()) => {
                    let next = if from.month() == Month::December {
                        Date::from_calendar_date(from.year() + 1, Month::January, 1)
                    } else {
                        Date::from_calendar_date(from.year(), from.month().next(), 1)
                    };
                    // The month so far, when it is this one: its future days hold nothing yet.
                    let to = next.ok().and_then(|d| d.previous_day()).unwrap_or(from).min(today.max(from));
                    Period { kind: "month", from, to }
                }
                _ => {
                    errors.add("month", "dash-error-month");
                    fallback
                }
            }
        }
        "range" => {
            let from = date(&q.from, "from", errors);
            let to = date(&q.to, "to", errors);
            let (Some(from), Some(to)) = (from, to) else { return fallback };
            if from > to {
                errors.add("to", "dash-error-order");
                return fallback;
            }
            let period = Period { kind: "range", from, to };
            if period.days() > max_days {
                errors.add_with("to", "dash-error-too-long", &[("max", max_days.to_string())]);
                return fallback;
            }
            period
        }
        _ => {
            errors.add("period", "dash-error-period");
            fallback
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use time::macros::date;

    fn q(period: &str, month: &str, from: &str, to: &str) -> PeriodQuery {
        PeriodQuery { period: period.into(), month: month.into(), from: from.into(), to: to.into() }
    }

    #[test]
    fn periods_and_the_one_before() {
        let today = date!(2026 - 12 - 06);
        let mut e = FieldErrors::new(Lang::Ru);
        let p = parse(&q("7d", "", "", ""), today, 366, &mut e);
        assert_eq!((p.from, p.to, p.days()), (date!(2026 - 11 - 30), today, 7));
        assert_eq!((p.previous().from, p.previous().to), (date!(2026 - 11 - 23), date!(2026 - 11 - 29)));
        let m = parse(&q("month", "2026-02", "", ""), today, 366, &mut e);
        assert_eq!((m.from, m.to), (date!(2026 - 02 - 01), date!(2026 - 02 - 28)));
        assert_eq!((m.previous().from, m.previous().to), (date!(2026 - 01 - 04), date!(2026 - 01 - 31)));
        let d = parse(&q("month", "2025-12", "", ""), today, 366, &mut e);
        assert_eq!(d.to, date!(2025 - 12 - 31));
        let now = parse(&q("month", "2026-12", "", ""), today, 366, &mut e);
        assert_eq!((now.from, now.to), (date!(2026 - 12 - 01), today), "this month so far");
        assert_eq!(m.query(), "period=month&month=2026-02");
        assert!(e.is_empty());
    }

    #[test]
    fn bad_periods_are_named_next_to_their_field() {
        let today = date!(2026 - 12 - 06);
        for (query, field) in [
            (q("range", "", "2026-12-05", "2026-12-01"), "to"),
            (q("range", "", "2024-01-01", "2026-12-01"), "to"),
            (q("range", "", "2026-02-30", "2026-03-01"), "from"),
            (q("range", "", "", "2026-03-01"), "from"),
            (q("month", "2026-13", "", ""), "month"),
            (q("month", "2026-1", "", ""), "month"),
            (q("range", "", "-9999-01-01", "2026-03-01"), "from"),
            (q("range", "", "2026-01-01", "+10000-03-01"), "to"),
            (q("month", "-9999-01", "", ""), "month"),
            (q("year", "", "", ""), "period"),
        ] {
            let mut e = FieldErrors::new(Lang::Kk);
            let p = parse(&query, today, 366, &mut e);
            assert!(e.has(field), "{query:?}");
            assert_eq!(p.days(), 30);
        }
    }
}
