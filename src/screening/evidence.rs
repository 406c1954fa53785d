//! What besides the name speaks for or against a match: the birth date (a year alone, 1 January
//! of the year and swapped day and month are weaker evidence, not a mismatch) and citizenship.

use super::score::{CountryNote, DateNote, Entry, Explanation, Person};

/// A birth date as lists give it: a year, perhaps a month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListDate {
    pub year: i32,
    pub month_day: Option<(u8, u8)>,
}

impl ListDate {
    /// Parses `1953`, `1953-05` or `1953-05-17` (anything after the date is ignored).
    pub fn parse(s: &str) -> Option<ListDate> {
        let s = s.trim();
        let year: i32 = s.get(..4)?.parse().ok()?;
        if !(1850..=2100).contains(&year) {
            return None;
        }
        let month_day =
            match (s.get(5..7).and_then(|m| m.parse().ok()), s.get(8..10).and_then(|d| d.parse().ok())) {
                (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => Some((m, d)),
                _ => None,
            };
        Some(ListDate { year, month_day })
    }
}

/// Birth date and citizenship.
pub fn adjust(person: &Person, entry: &Entry, e: &mut Explanation) {
    if let Some(birth) = person.birth_date
        && !entry.birth_dates.is_empty()
    {
        let (month, day) = (u8::from(birth.month()), birth.day());
        let same_year = |d: &&ListDate| d.year == birth.year();
        let dates: Vec<&ListDate> = entry.birth_dates.iter().filter(same_year).collect();
        e.date = if dates.iter().any(|d| d.month_day == Some((month, day))) {
            DateNote::Same
        } else if dates.iter().any(|d| d.month_day.is_none()) {
            DateNote::SameYear
        } else if dates.iter().any(|d| d.month_day == Some((day, month))) {
            DateNote::Swapped
        } else if dates.iter().any(|d| d.month_day == Some((1, 1))) {
            DateNote::Placeholder
        } else {
            DateNote::Differs
        };
        e.score += match e.date {
            DateNote::Same => 0.1,
            DateNote::SameYear => 0.03,
            DateNote::Placeholder | DateNote::Swapped => 0.02,
            DateNote::Differs => -0.3,
            DateNote::Unknown => 0.0,
        };
    }
    if let Some(c) = &person.citizenship
        && !entry.countries.is_empty()
    {
        let same = entry.countries.iter().any(|x| x == c);
        e.country = if same { CountryNote::Same } else { CountryNote::Differs };
        e.score += if same { 0.02 } else { -0.05 };
    }
    e.score = e.score.clamp(0.0, 1.0);
}
