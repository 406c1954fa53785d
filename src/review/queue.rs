//! The verifiers' queue: applications oldest first, filtered and searched, paged by a keyset
//! cursor on `(received_at, id)` so a deep page costs what the first one does. Every filter maps
//! onto an index (see the review migration); counts per status come from a counter table kept by
//! triggers.

use serde::Deserialize;
use sqlx::FromRow;
use time::{Date, OffsetDateTime, macros::format_description};

use crate::{
    db::Db,
    i18n::ALMATY,
    intake::{iin::Iin, input::name_tokens, phone::Phone},
    web::page::FieldErrors,
    with_db,
};

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// Statuses in the order of the tabs.
pub const STATUSES: [&str; 4] = ["pending", "resubmission_requested", "approved", "rejected"];

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
    pub after: String,
}

/// Who holds the applications shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignee {
    Anyone,
    Me,
    Nobody,
    Staff(i64),
}

/// What the search box was understood as.
#[derive(Clone, Debug, PartialEq)]
pub enum Search {
    Iin(String),
    Phone(String),
    Number(i64),
    Name(Vec<String>),
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
    pub after: Option<(OffsetDateTime, i64)>,
}

fn parse_date(raw: &str) -> Result<Option<Date>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Date::parse(raw, format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| ())
}

/// `<unix microseconds>.<id>` of the last row of a page.
pub fn cursor(at: OffsetDateTime, id: i64) -> String {
    format!("{}.{id}", at.unix_timestamp_nanos() / 1000)
}

fn parse_cursor(raw: &str) -> Option<(OffsetDateTime, i64)> {
    let (micros, id) = raw.split_once('.')?;
    let micros: i64 = micros.parse().ok()?;
    let id: i64 = id.parse().ok()?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok()?;
    (id > 0).then_some((at, id))
}

/// Understands the search box: an IIN (12 digits), a phone, an application number (`#123` or
/// up to 10 digits) or words of a name.
pub fn parse_search(raw: &str) -> Result<Option<Search>, &'static str> {
    let q = raw.trim();
    if q.is_empty() {
        return Ok(None);
    }
    if q.chars().count() > 100 {
        return Err("review-search-too-long");
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let only_number_chars = q.chars().all(|c| c.is_ascii_digit() || " +-()#".contains(c));
    if only_number_chars {
        if let Some(n) = q.strip_prefix('#') {
            return n.trim().parse().map(|n| Some(Search::Number(n))).map_err(|_| "review-search-bad-number");
        }
        if digits.len() == 12 && !q.starts_with('+') {
            return match Iin::parse(&digits) {
                Ok(iin) => Ok(Some(Search::Iin(iin.as_str().to_string()))),
                Err(_) => Err("review-search-bad-iin"),
            };
        }
        if digits.len() >= 10 {
            return match Phone::parse(q) {
                Ok(p) => Ok(Some(Search::Phone(p.as_str().to_string()))),
                Err(_) => Err("review-search-bad-phone"),
            };
        }
        if !digits.is_empty() && digits.len() <= 10 && !q.starts_with('+') {
            return digits.parse().map(|n| Some(Search::Number(n))).map_err(|_| "review-search-bad-number");
        }
        return Err("review-search-bad-number");
    }
    let words: Vec<String> = name_tokens(q).into_iter().take(5).collect();
    if words.is_empty() { Ok(None) } else { Ok(Some(Search::Name(words))) }
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
        let after = if self.after.is_empty() {
            None
        } else {
            let parsed = parse_cursor(&self.after);
            if parsed.is_none() {
                errors.add("after", "review-bad-cursor");
            }
            parsed
        };
        Filter { status, from, to, declared, risk, assignee, search, after }
    }
}

/// One row of the queue.
#[derive(Clone, Debug, FromRow)]
pub struct Row {
    pub id: i64,
    pub status: String,
    pub received_at: OffsetDateTime,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub iin: String,
    pub phone: String,
    pub amount_kzt: i64,
    pub pep_declared: bool,
    pub bo_declared: bool,
    pub risk_signals: i64,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<OffsetDateTime>,
    pub holder: Option<String>,
}

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

    pub fn has(&self, signal: &super::signals::Signal) -> bool {
        self.risk_signals & signal.bit() != 0
    }

    pub fn risk_count(&self) -> i64 {
        i64::from(self.risk_signals.count_ones())
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

enum Param {
    Text(String),
    Int(i64),
    Time(OffsetDateTime),
}

/// One page of the queue: rows and the cursor of the next page, if there is one.
pub async fn page(db: &Db, me: i64, f: &Filter) -> Result<(Vec<Row>, Option<String>), sqlx::Error> {
    let mut sql = String::from(
        "SELECT a.id, a.status, a.received_at, a.last_name, a.first_name, a.patronymic, a.iin, a.phone,
                a.amount_kzt, a.pep_declared, a.bo_declared, a.risk_signals, a.claimed_by, a.claimed_until,
                s.full_name AS holder
         FROM applications a LEFT JOIN staff s ON s.id = a.claimed_by WHERE 1 = 1",
    );
    let mut params: Vec<Param> = Vec::new();
    let arg = |p: Param, params: &mut Vec<Param>| {
        params.push(p);
        format!("${}", params.len())
    };
    if let Some(s) = f.status {
        let n = arg(Param::Text(s.into()), &mut params);
        sql.push_str(&format!(" AND a.status = {n}"));
    }
    if let Some(d) = f.from {
        let n = arg(Param::Time(d.midnight().assume_offset(ALMATY)), &mut params);
        sql.push_str(&format!(" AND a.received_at >= {n}"));
    }
    if let Some(d) = f.to {
        let end = d.next_day().unwrap_or(d).midnight().assume_offset(ALMATY);
        let n = arg(Param::Time(end), &mut params);
        sql.push_str(&format!(" AND a.received_at < {n}"));
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
        Some(Search::Name(words)) => {
            for w in words {
                let lo = arg(Param::Text(w.clone()), &mut params);
                let hi = arg(Param::Text(format!("{w}\u{10FFFF}")), &mut params);
                sql.push_str(&format!(
                    " AND a.id IN (SELECT application_id FROM application_name_tokens
                                   WHERE token >= {lo} AND token < {hi})"
                ));
            }
        }
    }
    if let Some((at, id)) = f.after {
        let t = arg(Param::Time(at), &mut params);
        let i = arg(Param::Int(id), &mut params);
        sql.push_str(&format!(" AND (a.received_at, a.id) > ({t}, {i})"));
    }
    sql.push_str(&format!(" ORDER BY a.received_at, a.id LIMIT {}", PAGE_SIZE + 1));

    let mut rows: Vec<Row> = with_db!(db, |c| {
        let mut q = sqlx::query_as::<_, Row>(&sql);
        for p in &params {
            q = match p {
                Param::Text(s) => q.bind(s.as_str()),
                Param::Int(i) => q.bind(*i),
                Param::Time(t) => q.bind(*t),
            };
        }
        q.fetch_all(c).await
    })?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|r| cursor(r.received_at, r.id))
    } else {
        None
    };
    Ok((rows, next))
}

/// Applications per status (from the counter table).
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        with_db!(db, |c| sqlx::query_as("SELECT status, n FROM application_counts").fetch_all(c).await)?;
    Ok(STATUSES
        .iter()
        .map(|s| (s.to_string(), rows.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n)))
        .collect())
}

/// Staff who hold a claim now, for the assignee filter: `(id, name)`.
pub async fn holders(db: &Db, now: OffsetDateTime) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT DISTINCT s.id, s.full_name FROM applications a JOIN staff s ON s.id = a.claimed_by
         WHERE a.claimed_by IS NOT NULL AND a.claimed_until > $1 ORDER BY s.full_name LIMIT 100"
    )
    .bind(now)
    .fetch_all(c)
    .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_box_understands_what_was_typed() {
        let iin = crate::intake::iin::complete("90010130001").unwrap();
        assert_eq!(parse_search(&format!(" {iin} ")), Ok(Some(Search::Iin(iin.clone()))));
        let last = iin.as_bytes()[11] - b'0';
        let wrong = format!("{}{}", &iin[..11], (last + 1) % 10);
        assert_eq!(parse_search(&wrong), Err("review-search-bad-iin"));
        assert_eq!(parse_search("+7 701 123 45 67"), Ok(Some(Search::Phone("+77011234567".into()))));
        assert_eq!(parse_search("8 (701) 123-45-67"), Ok(Some(Search::Phone("+77011234567".into()))));
        assert_eq!(parse_search("#42"), Ok(Some(Search::Number(42))));
        assert_eq!(parse_search("42"), Ok(Some(Search::Number(42))));
        assert_eq!(
            parse_search("Айгүл ТОҚАЕВА"),
            Ok(Some(Search::Name(vec!["айгүл".into(), "тоқаева".into()])))
        );
        assert_eq!(parse_search("Алёна"), Ok(Some(Search::Name(vec!["алена".into()]))));
        assert_eq!(parse_search("   "), Ok(None));
        assert!(parse_search(&"а".repeat(101)).is_err());
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let at =
            OffsetDateTime::from_unix_timestamp(1_764_000_000).unwrap() + time::Duration::microseconds(7);
        assert_eq!(parse_cursor(&cursor(at, 9)), Some((at, 9)));
        for bad in ["", "x", "1.", ".1", "1.-4", "99999999999999999999.1", "1.2.3"] {
            assert_eq!(parse_cursor(bad), None, "{bad}");
        }
    }
}
