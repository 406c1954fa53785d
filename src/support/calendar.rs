//! The working-day calendar the support desk's clocks run on: Almaty time (UTC+5, Kazakhstan's
//! one time zone), a five-day week, office hours (09:00-18:00 by default), and the days off the
//! law names.
//!
//! The rules ([`statutory`]): the days off by law (1-2 January, 8 March, 21-23 March, 1, 7 and
//! 9 May, 6 July, 30 August, 25 October, 16 December) move to the next working day when they
//! fall on a Saturday or Sunday; 7 January (Orthodox Christmas) is off but is not moved. Days the
//! rules cannot know (Kurban Ait, a lunar date; the government's yearly decree moving a Saturday
//! and a Monday) are entered by administrators as overrides ([`Override`]), which win over the
//! rules either way.
//!
//! Two clocks are computed here:
//! - a legal deadline of `n` working days ([`Calendar::add_working_days`]): the end (midnight,
//!   Almaty) of the `n`-th working day after the day the request arrived;
//! - an SLA target in business minutes ([`Calendar::add_business_minutes`]), counting only office
//!   hours on working days, and the business minutes between two instants
//!   ([`Calendar::business_minutes_between`]), for a clock paused while the ticket waits.

use std::collections::BTreeMap;

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// Almaty time.
pub const OFFSET: UtcOffset = time::macros::offset!(+5);

/// Days off by law that move to the next working day when they fall on a weekend.
const MOVED: [(Month, u8); 12] = [
    (Month::January, 1),
    (Month::January, 2),
    (Month::March, 8),
    (Month::March, 21),
    (Month::March, 22),
    (Month::March, 23),
    (Month::May, 1),
    (Month::May, 7),
    (Month::May, 9),
    (Month::July, 6),
    (Month::August, 30),
    (Month::December, 16),
];

/// Days off by law that stay where they are (on a weekend they are simply lost).
const FIXED: [(Month, u8); 1] = [(Month::January, 7)];

/// Republic Day, a day off again since 2022 (moved like the others).
const REPUBLIC_DAY: (Month, u8) = (Month::October, 25);

/// Why a day is off by the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A holiday on its own date.
    Holiday,
    /// The working day a weekend holiday moved to.
    Moved,
}

/// A day an administrator set: off or working, whatever the rules say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub day: Date,
    pub working: bool,
}

/// The days off by law in `year` that fall on weekdays or were moved onto them, in order.
pub fn statutory(year: i32) -> Vec<(Date, Rule)> {
    let date = |(m, d): (Month, u8)| Date::from_calendar_date(year, m, d).ok();
    let weekend = |d: &Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
    let mut holidays: Vec<Date> = MOVED.iter().copied().chain([REPUBLIC_DAY]).filter_map(date).collect();
    holidays.sort();
    let fixed: Vec<Date> = FIXED.iter().copied().filter_map(date).collect();
    let mut out: Vec<(Date, Rule)> =
        holidays.iter().chain(&fixed).filter(|d| !weekend(d)).map(|d| (*d, Rule::Holiday)).collect();
    // Each weekend holiday, in date order, takes the first weekday after it that is not off yet.
    for h in holidays.iter().filter(|d| weekend(d)) {
        let mut d = *h;
        loop {
            d = d.next_day().expect("a date within range");
            if !weekend(&d) && !out.iter().any(|(x, _)| *x == d) {
                break;
            }
        }
        out.push((d, Rule::Moved));
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

/// The calendar: the rules, the administrators' overrides and the office hours.
#[derive(Clone, Debug)]
pub struct Calendar {
    overrides: BTreeMap<Date, bool>,
    opens: Time,
    closes: Time,
    /// Days off by the rules, per year, computed on first use.
    years: BTreeMap<i32, Vec<Date>>,
}

impl Calendar {
    /// A calendar with these overrides and office hours (`opens < closes`).
    pub fn new(overrides: &[Override], opens: Time, closes: Time) -> Calendar {
        assert!(opens < closes, "office hours must open before they close");
        Calendar {
            overrides: overrides.iter().map(|o| (o.day, o.working)).collect(),
            opens,
            closes,
            years: BTreeMap::new(),
        }
    }

    /// Office hours 09:00-18:00.
    pub fn with_overrides(overrides: &[Override]) -> Calendar {
        Calendar::new(overrides, time::macros::time!(09:00), time::macros::time!(18:00))
    }

    fn rules_off(&mut self, day: Date) -> bool {
        let list = self
            .years
            .entry(day.year())
            .or_insert_with(|| statutory(day.year()).into_iter().map(|(d, _)| d).collect());
        list.binary_search(&day).is_ok()
    }

    /// Whether `day` is a working day.
    pub fn is_working(&mut self, day: Date) -> bool {
        if let Some(w) = self.overrides.get(&day) {
            return *w;
        }
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.rules_off(day)
    }

    /// The end (midnight, Almaty) of the `n`-th working day after the day of `from`: a request
    /// that arrives on a Friday with `n = 3` is due at the end of Wednesday. `n = 0` is the end
    /// of the day it arrived.
    pub fn add_working_days(&mut self, from: OffsetDateTime, n: u32) -> OffsetDateTime {
        let mut day = from.to_offset(OFFSET).date();
        let mut left = n;
        while left > 0 {
            day = day.next_day().expect("a date within range");
            if self.is_working(day) {
                left -= 1;
            }
        }
        let next = day.next_day().expect("a date within range");
        PrimitiveDateTime::new(next, Time::MIDNIGHT).assume_offset(OFFSET).to_offset(UtcOffset::UTC)
    }

    /// The office hours of `day` as instants, when it is a working day.
    fn hours(&mut self, day: Date) -> Option<(OffsetDateTime, OffsetDateTime)> {
        if !self.is_working(day) {
            return None;
        }
        let at = |t| PrimitiveDateTime::new(day, t).assume_offset(OFFSET);
        Some((at(self.opens), at(self.closes)))
    }

    /// The instant `minutes` business minutes after `from`: office hours on working days only. A
    /// target that ends exactly when an office day closes falls at the close.
    pub fn add_business_minutes(&mut self, from: OffsetDateTime, minutes: i64) -> OffsetDateTime {
        let from = from.to_offset(OFFSET);
        let mut left = Duration::minutes(minutes.max(0));
        let mut day = from.date();
        // Years without a working day do not exist; this bounds a broken calendar all the same.
        for _ in 0..3700 {
            if let Some((opens, closes)) = self.hours(day) {
                let start = from.max(opens);
                if start < closes {
                    if start + left <= closes {
                        return (start + left).to_offset(UtcOffset::UTC);
                    }
                    left -= closes - start;
                }
            }
            day = day.next_day().expect("a date within range");
        }
        (from + left).to_offset(UtcOffset::UTC)
    }

    /// Business minutes from `a` to `b` (0 when `b` is not after `a`).
    pub fn business_minutes_between(&mut self, a: OffsetDateTime, b: OffsetDateTime) -> i64 {
        if b <= a {
            return 0;
        }
        let (a, b) = (a.to_offset(OFFSET), b.to_offset(OFFSET));
        let mut total = Duration::ZERO;
        let mut day = a.date();
        while day <= b.date() {
            if let Some((opens, closes)) = self.hours(day) {
                let (s, e) = (a.max(opens), b.min(closes));
                if s < e {
                    total += e - s;
                }
            }
            day = day.next_day().expect("a date within range");
        }
        total.whole_minutes()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn cal() -> Calendar {
        Calendar::with_overrides(&[])
    }

    #[test]
    fn weekend_holidays_move_to_the_next_free_weekday_and_christmas_does_not() {
        // 2022: 1-2 January were Saturday and Sunday: Monday 3 and Tuesday 4 were off; 7 January,
        // a Friday, stays.
        let y = statutory(2022);
        assert!(y.contains(&(date!(2022 - 01 - 03), Rule::Moved)));
        assert!(y.contains(&(date!(2022 - 01 - 04), Rule::Moved)));
        assert!(y.contains(&(date!(2022 - 01 - 07), Rule::Holiday)));
        // 2023: 7 January was a Saturday and moved nowhere; 1 January a Sunday: 3 January (the
        // 2nd is already off) was off.
        let y = statutory(2023);
        assert!(!y.iter().any(|(d, _)| *d == date!(2023 - 01 - 09)));
        assert!(y.contains(&(date!(2023 - 01 - 03), Rule::Moved)));
        // 2026: Nauryz 21-23 March is Saturday to Monday: Saturday's goes to Tuesday 24, Sunday's
        // to Wednesday 25.
        let y = statutory(2026);
        assert!(y.contains(&(date!(2026 - 03 - 23), Rule::Holiday)));
        assert!(y.contains(&(date!(2026 - 03 - 24), Rule::Moved)));
        assert!(y.contains(&(date!(2026 - 03 - 25), Rule::Moved)));
        // 2027: 16 December is a Thursday, nothing moves; 6 July 2025 was a Sunday: Monday 7.
        assert!(statutory(2027).contains(&(date!(2027 - 12 - 16), Rule::Holiday)));
        assert!(statutory(2025).contains(&(date!(2025 - 07 - 07), Rule::Moved)));
        // No day is listed twice.
        for year in 2020..2040 {
            let y = statutory(year);
            let mut days: Vec<Date> = y.iter().map(|(d, _)| *d).collect();
            days.dedup();
            assert_eq!(days.len(), y.len(), "{year}");
        }
    }

    #[test]
    fn legal_deadlines_count_working_days_across_weekends_holidays_and_moved_days() {
        let mut c = cal();
        // Friday 4 December 2026, 3 working days: Monday 7, Tuesday 8, Wednesday 9; due at the
        // end of Wednesday, Almaty (19:00 UTC).
        assert_eq!(c.add_working_days(datetime!(2026-12-04 15:00 +5), 3), datetime!(2026-12-09 19:00 UTC));
        // Arriving on Saturday counts from Monday just the same.
        assert_eq!(c.add_working_days(datetime!(2026-12-05 10:00 +5), 3), datetime!(2026-12-09 19:00 UTC));
        // Monday 14 December 2026: Tuesday 15, (Wednesday 16 is Independence Day), Thursday 17,
        // Friday 18.
        assert_eq!(c.add_working_days(datetime!(2026-12-14 10:00 +5), 3), datetime!(2026-12-18 19:00 UTC));
        // Thursday 19 March 2026: Friday 20, then Nauryz Saturday-Monday and the two moved days
        // (Tuesday 24, Wednesday 25): Thursday 26, Friday 27.
        assert_eq!(c.add_working_days(datetime!(2026-03-19 12:00 +5), 3), datetime!(2026-03-27 19:00 UTC));
        // Late in the evening UTC is already the next day in Almaty.
        assert_eq!(c.add_working_days(datetime!(2026-12-03 20:00 UTC), 1), datetime!(2026-12-07 19:00 UTC));
        // Zero days: the end of the day it arrived.
        assert_eq!(c.add_working_days(datetime!(2026-12-04 10:00 +5), 0), datetime!(2026-12-04 19:00 UTC));
    }

    #[test]
    fn overrides_win_over_the_rules_either_way() {
        // Kurban Ait on Wednesday 27 May 2026 entered as a day off; Saturday 30 May made a
        // working day by decree.
        let mut c = Calendar::with_overrides(&[
            Override { day: date!(2026 - 05 - 27), working: false },
            Override { day: date!(2026 - 05 - 30), working: true },
        ]);
        assert!(!c.is_working(date!(2026 - 05 - 27)));
        assert!(c.is_working(date!(2026 - 05 - 30)));
        // Tuesday 26: Thursday 28, Friday 29, Saturday 30.
        assert_eq!(c.add_working_days(datetime!(2026-05-26 10:00 +5), 3), datetime!(2026-05-30 19:00 UTC));
        // A holiday an administrator declared working.
        let mut c = Calendar::with_overrides(&[Override { day: date!(2026 - 12 - 16), working: true }]);
        assert!(c.is_working(date!(2026 - 12 - 16)));
    }

    #[test]
    fn business_minutes_count_office_hours_on_working_days_only() {
        let mut c = cal();
        // Friday 17:00 + 2 hours: one hour on Friday, one on Monday from 09:00.
        assert_eq!(
            c.add_business_minutes(datetime!(2026-12-04 17:00 +5), 120),
            datetime!(2026-12-07 10:00 +5)
        );
        // Before opening: from 09:00.
        assert_eq!(
            c.add_business_minutes(datetime!(2026-12-07 06:30 +5), 30),
            datetime!(2026-12-07 09:30 +5)
        );
        // Ending exactly at closing time stays that day.
        assert_eq!(
            c.add_business_minutes(datetime!(2026-12-07 17:00 +5), 60),
            datetime!(2026-12-07 18:00 +5)
        );
        // Tuesday 15 December 17:00 + 2 h skips Independence Day: Thursday 10:00.
        assert_eq!(
            c.add_business_minutes(datetime!(2026-12-15 17:00 +5), 120),
            datetime!(2026-12-17 10:00 +5)
        );
        // Between: Friday 17:30 to Monday 09:45 is 30 + 45 minutes.
        assert_eq!(
            c.business_minutes_between(datetime!(2026-12-04 17:30 +5), datetime!(2026-12-07 09:45 +5)),
            75
        );
        assert_eq!(
            c.business_minutes_between(datetime!(2026-12-07 10:00 +5), datetime!(2026-12-07 09:00 +5)),
            0
        );
        // A whole working week is 5 × 9 hours.
        assert_eq!(
            c.business_minutes_between(datetime!(2026-12-06 00:00 +5), datetime!(2026-12-13 00:00 +5)),
            5 * 9 * 60
        );
        // Adding what lies between gets back to the end.
        let (a, b) = (datetime!(2026-12-11 16:10 +5), datetime!(2026-12-17 11:20 +5));
        let m = c.business_minutes_between(a, b);
        assert_eq!(c.add_business_minutes(a, m), b);
    }
}
