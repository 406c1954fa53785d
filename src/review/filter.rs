//! What the queue is asked for: the query string as sent, validated into a [`Filter`] (status,
//! dates, declarations, risk, holder, search, order and the keyset cursor of the page).

use serde::Deserialize;
use time::{Date, OffsetDateTime, macros::format_description};

use super::{
    queue::{Row, STATUSES},
    search::{Search, parse_search},
};
use crate::web::page::FieldErrors;

/// The query string as sent (echoed back into the form as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub status: String,
    pub from: String,
    pub to: String,
    pub declared: String,
    pub risk: String,
    pub assignee: String,
    pub q: String,
    pub sort: String,
    pub after: String,
}

/// The order of the queue; each has its own keyset cursor and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Oldest first (who has waited longest).
    Oldest,
    Newest,
    /// Largest amount first.
    Amount,
    /// Most risk signals first, then oldest.
    Risk,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Oldest, Sort::Newest, Sort::Amount, Sort::Risk];

    /// The value in the query string (empty for the default).
    pub fn code(self) -> &'static str {
        match self {
            Sort::Oldest => "",
            Sort::Newest => "newest",
            Sort::Amount => "amount",
            Sort::Risk => "risk",
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Sort::Oldest => "review-sort-oldest",
            Sort::Newest => "review-sort-newest",
            Sort::Amount => "review-sort-amount",
            Sort::Risk => "review-sort-risk",
        }
    }
}

/// Where the next page starts: the last row's sort key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// `(received_at, id)`, for the oldest and newest orders.
    Time(OffsetDateTime, i64),
    /// `(amount, id)`.
    Amount(i64, i64),
    /// `(risk count, received_at, id)`.
    Risk(i64, OffsetDateTime, i64),
}

/// Who holds the applications shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignee {
    Anyone,
    Me,
    Nobody,
    Staff(i64),
}

/// A validated filter.
#[derive(Clone, Debug)]
pub struct Filter {
    /// `None`: every status.
    pub status: Option<&'static str>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// `pep`, `bo` or `any`.
    pub declared: Option<&'static str>,
    pub risk: bool,
    pub assignee: Assignee,
    pub search: Option<Search>,
    pub sort: Sort,
    pub after: Option<Cursor>,
}

fn parse_date(raw: &str) -> Result<Option<Date>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Date::parse(raw, format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| ())
}

fn micros(at: OffsetDateTime) -> i128 {
    at.unix_timestamp_nanos() / 1000
}

/// The cursor after the row `(received_at, id)` in the oldest-first order.
pub fn time_cursor(at: OffsetDateTime, id: i64) -> String {
    format!("{}.{id}", micros(at))
}

/// The cursor after `row` in order `sort`: `<unix microseconds>.<id>`, `<amount>.<id>` or
/// `<risk count>.<unix microseconds>.<id>`.
pub fn cursor(sort: Sort, row: &Row) -> String {
    match sort {
        Sort::Oldest | Sort::Newest => time_cursor(row.received_at, row.id),
        Sort::Amount => format!("{}.{}", row.amount_kzt, row.id),
        Sort::Risk => format!("{}.{}.{}", row.risk_count, micros(row.received_at), row.id),
    }
}

fn parse_cursor(sort: Sort, raw: &str) -> Option<Cursor> {
    let time = |s: &str| {
        let micros: i64 = s.parse().ok()?;
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok()
    };
    let parts: Vec<&str> = raw.split('.').collect();
    let id: i64 = parts.last()?.parse().ok().filter(|id| *id > 0)?;
    match (sort, parts.as_slice()) {
        (Sort::Oldest | Sort::Newest, [at, _]) => Some(Cursor::Time(time(at)?, id)),
        (Sort::Amount, [amount, _]) => Some(Cursor::Amount(amount.parse().ok()?, id)),
        (Sort::Risk, [risk, at, _]) => Some(Cursor::Risk(risk.parse().ok()?, time(at)?, id)),
        _ => None,
    }
}

impl QueueQuery {
    /// Validates the query; bad parameters are reported on their field and left out.
    pub fn filter(&self, me: i64, errors: &mut FieldErrors) -> Filter {
        let status = match self.status.as_str() {
            "" if !self.q.trim().is_empty() => None,
            "" => Some("pending"),
            "all" => None,
            s => match STATUSES.iter().find(|x| **x == s) {
                Some(x) => Some(*x),
                None => {
                    errors.add("status", "field-invalid-choice");
                    Some("pending")
                }
            },
        };
        let from = parse_date(&self.from).unwrap_or_else(|()| {
            errors.add("from", "review-bad-date");
            None
        });
        let to = parse_date(&self.to).unwrap_or_else(|()| {
            errors.add("to", "review-bad-date");
            None
        });
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) if f > t => {
                errors.add("to", "review-date-order");
                (Some(f), None)
            }
            pair => pair,
        };
        let declared = match self.declared.as_str() {
            "" => None,
            "pep" => Some("pep"),
            "bo" => Some("bo"),
            "any" => Some("any"),
            _ => {
                errors.add("declared", "field-invalid-choice");
                None
            }
        };
        let risk = match self.risk.as_str() {
            "" => false,
            "yes" => true,
            _ => {
                errors.add("risk", "field-invalid-choice");
                false
            }
        };
        let assignee = match self.assignee.as_str() {
            "" => Assignee::Anyone,
            "me" => Assignee::Me,
            "none" => Assignee::Nobody,
            s => match s.parse::<i64>() {
                Ok(id) if id > 0 && id == me => Assignee::Me,
                Ok(id) if id > 0 => Assignee::Staff(id),
                _ => {
                    errors.add("assignee", "field-invalid-choice");
                    Assignee::Anyone
                }
            },
        };
        let search = parse_search(&self.q).unwrap_or_else(|id| {
            errors.add("q", id);
            None
        });
        let sort = match Sort::ALL.into_iter().find(|s| s.code() == self.sort) {
            Some(s) => s,
            None => {
                errors.add("sort", "field-invalid-choice");
                Sort::Oldest
            }
        };
        let after = if self.after.is_empty() {
            None
        } else {
            let parsed = parse_cursor(sort, &self.after);
            if parsed.is_none() {
                errors.add("after", "review-bad-cursor");
            }
            parsed
        };
        Filter { status, from, to, declared, risk, assignee, search, sort, after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let at =
            OffsetDateTime::from_unix_timestamp(1_764_000_000).unwrap() + time::Duration::microseconds(7);
        assert_eq!(parse_cursor(Sort::Oldest, &format!("{}.9", micros(at))), Some(Cursor::Time(at, 9)));
        assert_eq!(parse_cursor(Sort::Amount, "150000.9"), Some(Cursor::Amount(150_000, 9)));
        assert_eq!(parse_cursor(Sort::Risk, &format!("3.{}.9", micros(at))), Some(Cursor::Risk(3, at, 9)));
        for bad in ["", "x", "1.", ".1", "1.-4", "99999999999999999999.1", "1.2.3"] {
            assert_eq!(parse_cursor(Sort::Oldest, bad), None, "{bad}");
        }
        assert_eq!(parse_cursor(Sort::Risk, "150000.9"), None, "a cursor of another order");
    }
}
