//! The compliance queue: applications compliance has work on, oldest first, searched like the
//! KYC queue (name in any script, IIN, phone, number) and filtered by hit score, list, declared
//! kind and age, paged by the keyset `(received_at, id)`.

use serde::Deserialize;
use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    db::Db,
    review::search::{Search, parse_search},
    web::page::FieldErrors,
    with_db,
};

/// The query string as sent (typed values come back into the form).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub state: String,
    pub q: String,
    /// Lowest score of an open hit, in percent.
    pub score: String,
    /// A list's id: only cases with an open hit on it.
    pub list: String,
    /// `pep`, `bo` or `none`.
    pub declared: String,
    /// Waiting at least this many days.
    pub days: String,
    pub after: String,
}

/// A validated query.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// `review` or `senior`.
    pub state: &'static str,
    pub search: Option<Search>,
    pub score: Option<f64>,
    pub list: Option<i64>,
    pub declared: Option<&'static str>,
    pub days: Option<i64>,
    pub after: Option<(OffsetDateTime, i64)>,
}

impl QueueQuery {
    /// Validates the query; bad parameters are reported on their field and left out.
    pub fn filter(&self, errors: &mut FieldErrors) -> Filter {
        let state = if self.state == "senior" { "senior" } else { "review" };
        let search = parse_search(&self.q).unwrap_or_else(|id| {
            errors.add("q", id);
            None
        });
        let mut number = |field: &'static str, raw: &str, max: i64| -> Option<i64> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            match raw.parse::<i64>() {
                Ok(n) if (0..=max).contains(&n) => Some(n),
                _ => {
                    errors.add(field, "compliance-filter-bad-number");
                    None
                }
            }
        };
        let score = number("score", &self.score, 100).map(|p| p as f64 / 100.0);
        let days = number("days", &self.days, 3650);
        let list = number("list", &self.list, i64::MAX);
        let declared = match self.declared.as_str() {
            "" => None,
            "pep" => Some("pep"),
            "bo" => Some("bo"),
            "none" => Some("none"),
            _ => {
                errors.add("declared", "field-invalid-choice");
                None
            }
        };
        let after = if self.after.is_empty() {
            None
        } else {
            let parsed = parse_cursor(&self.after);
            if parsed.is_none() {
                errors.add("after", "review-bad-cursor");
            }
            parsed
        };
        Filter { state, search, score, list, declared, days, after }
    }
}

fn parse_cursor(s: &str) -> Option<(OffsetDateTime, i64)> {
    let (micros, id) = s.split_once('.')?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(micros.parse::<i128>().ok()? * 1000).ok()?;
    Some((at, id.parse().ok().filter(|id| *id > 0)?))
}

/// The cursor after a row.
pub fn cursor(row: &QueueRow) -> String {
    format!("{}.{}", row.received_at.unix_timestamp_nanos() / 1000, row.id)
}

/// A row of the compliance queue.
#[derive(Clone, Debug, FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub received_at: OffsetDateTime,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub pep_declared: bool,
    pub bo_declared: bool,
    pub pep_confirmed: bool,
    pub compliance_state: Option<String>,
    pub open_hits: i64,
    /// The best score of an open hit, 0 to 1.
    pub best_score: Option<f64>,
    pub holder: Option<String>,
    pub claimed_until: Option<OffsetDateTime>,
}

impl QueueRow {
    pub fn full_name(&self) -> String {
        crate::review::store::full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }

    /// The officer holding the case at `now`, if any.
    pub fn held_by(&self, now: &OffsetDateTime) -> Option<&str> {
        self.claimed_until.filter(|u| u > now).and(self.holder.as_deref())
    }

    pub fn best_percent(&self) -> Option<i64> {
        self.best_score.map(|s| (s * 100.0).round() as i64)
    }
}

enum Param {
    Text(String),
    Int(i64),
    Real(f64),
    Time(OffsetDateTime),
}

/// One page of the queue (`limit` rows).
pub async fn page(
    db: &Db,
    f: &Filter,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut params = vec![Param::Text(f.state.into())];
    let mut arg = |p: Param| {
        params.push(p);
        format!("${}", params.len())
    };
    let mut sql = String::from(
        "SELECT a.id, a.received_at, a.last_name, a.first_name, a.patronymic, a.pep_declared, a.bo_declared,
                a.pep_confirmed, a.compliance_state,
                (SELECT COUNT(*) FROM screening_hits h WHERE h.application_id = a.id AND h.status = 'open') AS open_hits,
                (SELECT MAX(h.score) FROM screening_hits h WHERE h.application_id = a.id AND h.status = 'open') AS best_score,
                s.full_name AS holder, a.compliance_claimed_until AS claimed_until
         FROM applications a LEFT JOIN staff s ON s.id = a.compliance_claimed_by
         WHERE a.compliance_state = $1",
    );
    match &f.search {
        None => {}
        Some(Search::Iin(v)) => sql.push_str(&format!(" AND a.iin = {}", arg(Param::Text(v.clone())))),
        Some(Search::Phone(v)) => sql.push_str(&format!(" AND a.phone = {}", arg(Param::Text(v.clone())))),
        Some(Search::Number(v)) => sql.push_str(&format!(" AND a.id = {}", arg(Param::Int(*v)))),
        Some(Search::External(v)) => {
            sql.push_str(&format!(" AND a.external_id = {}", arg(Param::Text(v.clone()))))
        }
        Some(Search::Email(v)) => sql.push_str(&format!(" AND a.email = {}", arg(Param::Text(v.clone())))),
        Some(Search::Name(words)) => {
            let mut sets = Vec::new();
            for w in words {
                let lo = arg(Param::Text(w.clone()));
                let hi = arg(Param::Text(format!("{w}\u{10FFFF}")));
                sets.push(format!(
                    "SELECT application_id FROM application_name_tokens WHERE token >= {lo} AND token < {hi}"
                ));
            }
            sql.push_str(&format!(" AND a.id IN ({})", sets.join(" INTERSECT ")));
        }
    }
    if let Some(score) = f.score {
        let n = arg(Param::Real(score - 1e-9));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM screening_hits h WHERE h.application_id = a.id AND h.status = 'open' AND h.score >= {n})"
        ));
    }
    if let Some(list) = f.list {
        let n = arg(Param::Int(list));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM screening_hits h JOIN list_entries e ON e.id = h.entry_id
                          WHERE h.application_id = a.id AND h.status = 'open' AND e.list_id = {n})"
        ));
    }
    match f.declared {
        Some("pep") => sql.push_str(" AND a.pep_declared"),
        Some("bo") => sql.push_str(" AND a.bo_declared"),
        Some(_) => sql.push_str(" AND NOT a.pep_declared AND NOT a.bo_declared"),
        None => {}
    }
    if let Some(days) = f.days {
        let n = arg(Param::Time(now - time::Duration::days(days)));
        sql.push_str(&format!(" AND a.received_at <= {n}"));
    }
    if let Some((at, id)) = f.after {
        let t = arg(Param::Time(at));
        let i = arg(Param::Int(id));
        sql.push_str(&format!(" AND (a.received_at, a.id) > ({t}, {i})"));
    }
    sql.push_str(&format!(" ORDER BY a.received_at, a.id LIMIT {limit}"));
    with_db!(db, |c| {
        let mut q = sqlx::query_as::<_, QueueRow>(&sql);
        for p in &params {
            q = match p {
                Param::Text(s) => q.bind(s.as_str()),
                Param::Int(i) => q.bind(*i),
                Param::Real(r) => q.bind(*r),
                // Stored times are UTC; SQLite compares them as text, so bind UTC too.
                Param::Time(t) => q.bind(t.to_offset(time::UtcOffset::UTC)),
            };
        }
        q.fetch_all(c).await
    })
}

/// Applications per compliance state: `(review, senior)`.
pub async fn counts(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    let rows: Vec<(Option<String>, i64)> = with_db!(db, |c| {
        sqlx::query_as(
            "SELECT compliance_state, COUNT(*) FROM applications WHERE compliance_state IS NOT NULL
             GROUP BY compliance_state",
        )
        .fetch_all(c)
        .await
    })?;
    let get = |s: &str| rows.iter().find(|(k, _)| k.as_deref() == Some(s)).map_or(0, |(_, n)| *n);
    Ok((get("review"), get("senior")))
}

/// Screening lists, for the list filter: `(id, name)`.
pub async fn lists(db: &Db) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as("SELECT id, name FROM screening_lists ORDER BY name").fetch_all(c).await)
}
