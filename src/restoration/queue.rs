//! `/security`: the restoration cases, in tabs by state (waiting for documents, ready for
//! review, waiting for the second officer, decided), oldest first, with each case's age against
//! the working-day target (overdue ones marked, and counted above the tabs); found by its number
//! (`R-12`, `12`), the customer's IIN, or a phone (of their applications, or the one they applied
//! for restoration from).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer},
    },
    db,
    error::AppResult,
    intake::{iin::Iin, phone::Phone},
    web::{AppState, Ctx, page::Page},
    with_db,
};

/// The tabs: a state each, and `decided` for the two ends.
pub const TABS: [&str; 4] = ["waiting_documents", "ready", "waiting_second", "decided"];
/// Cases per page.
const PAGE_SIZE: i64 = 100;

/// A case's number as staff say it.
pub fn number(id: i64) -> String {
    format!("R-{id:06}")
}

/// A case's number as typed: `R-000012`, `r12`, `12`.
pub fn parse_number(typed: &str) -> Option<i64> {
    let t = typed.trim();
    let t = t.strip_prefix(['R', 'r', 'Р', 'р']).unwrap_or(t).trim_start_matches('-');
    t.parse().ok().filter(|n| *n > 0)
}

/// A case as the queue shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub customer_id: i64,
    pub state: String,
    pub reports: i32,
    pub created_at: OffsetDateTime,
    pub iin: String,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
}

impl Row {
    pub fn number(&self) -> String {
        number(self.id)
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.last_name.as_deref().unwrap_or(""), self.first_name.as_deref().unwrap_or(""))
            .trim()
            .to_string()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct QueueQuery {
    state: String,
    q: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "restoration/queue.html")]
struct QueuePage {
    page: Page,
    counts: Vec<(&'static str, i64)>,
    tab: &'static str,
    q: String,
    /// The search could not be read (neither a case number nor an IIN).
    q_error: Option<String>,
    /// Each case, its IIN as the reader may see it, its age in days, and whether it is overdue.
    cases: Vec<(Row, String, i64, bool)>,
    /// Open cases past the working-day target.
    overdue: i64,
    /// The reader may open the cases (a security officer; a manager reads the queue only).
    can_open: bool,
}

/// `GET /security`.
pub(super) async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION_QUEUE)?;
    // Managers see the queue (ages, overdue cases) but open no case.
    let can_open = user.has_any(access::RESTORATION);
    let db = &state.db;
    let counted: Vec<(String, i64)> = with_db!(db, |c| sqlx::query_as(
        "SELECT CASE WHEN state IN ('restored', 'refused') THEN 'decided' ELSE state END AS tab, COUNT(*)
         FROM restoration_cases GROUP BY 1"
    )
    .fetch_all(c)
    .await)?;
    let counts: Vec<(&'static str, i64)> =
        TABS.iter().map(|t| (*t, counted.iter().find(|(x, _)| x == t).map_or(0, |(_, n)| *n))).collect();
    // Without a choice: the first tab with work in it (review, the second key, then documents).
    let count = |t: &str| counts.iter().find(|(x, _)| *x == t).map_or(0, |(_, n)| *n);
    let tab = TABS.iter().find(|t| **t == query.state).copied().unwrap_or_else(|| {
        ["ready", "waiting_second", "waiting_documents"].into_iter().find(|t| count(t) > 0).unwrap_or("ready")
    });
    let q = query.q.trim().to_string();
    // A search by IIN or phone is for those who see them in full (a manager sees neither).
    let viewer = Viewer::new(&user.roles);
    let (by_iin, by_phone) = (viewer.full(Field::Iin), viewer.full(Field::Phone));
    // A search names one case (its number) or one customer (an IIN); it looks in every tab.
    let (filter, value, q_error) = if q.is_empty() {
        let states =
            if tab == "decided" { "('restored', 'refused')".to_string() } else { format!("('{tab}')") };
        (format!("r.state IN {states}"), None, None)
    } else if let Ok(iin) = Iin::parse(&q) {
        if by_iin {
            ("c.iin = $1".to_string(), Some(iin.as_str().to_string()), None)
        } else {
            ("1 = 0".to_string(), None, Some(ctx.t("restoration-search-not-yours")))
        }
    } else if let Some(n) = parse_number(&q).filter(|_| q.chars().count() < 10) {
        ("r.id = CAST($1 AS BIGINT)".to_string(), Some(n.to_string()), None)
    } else if let Ok(phone) = Phone::parse(&q) {
        if by_phone {
            (
                "(r.new_phone = $1 OR r.customer_id IN (SELECT customer_id FROM applications WHERE phone = $1))"
                    .to_string(),
                Some(phone.as_str().to_string()),
                None,
            )
        } else {
            ("1 = 0".to_string(), None, Some(ctx.t("restoration-search-not-yours")))
        }
    } else {
        ("1 = 0".to_string(), None, Some(ctx.t("restoration-search-invalid")))
    };
    let order =
        if tab == "decided" && q.is_empty() { "r.updated_at DESC, r.id DESC" } else { "r.created_at, r.id" };
    let sql = format!(
        "SELECT r.id, r.customer_id, r.state, r.reports, r.created_at, c.iin, a.last_name, a.first_name
         FROM restoration_cases r JOIN customers c ON c.id = r.customer_id
         LEFT JOIN applications a ON a.id = c.newest_application_id
         WHERE {filter} ORDER BY {order} LIMIT {PAGE_SIZE}"
    );
    let rows: Vec<Row> = with_db!(db, |c| {
        let mut query = sqlx::query_as(&sql);
        if let Some(v) = &value {
            query = query.bind(v.clone());
        }
        query.fetch_all(c).await
    })?;
    let now = db::now();
    let mut calendar = crate::support::clocks::calendar(db).await?;
    let target = u32::try_from(state.config.restoration_target_days).unwrap_or(5);
    let overdue = overdue(db, state.config.restoration_target_days).await?;
    let cases = rows
        .into_iter()
        .map(|r| {
            let iin = viewer.show(Field::Iin, &r.iin).unwrap_or_else(|| ctx.t("pd-hidden"));
            let days = (now - r.created_at).whole_days();
            let open = ["waiting_documents", "ready", "waiting_second"].contains(&r.state.as_str());
            let late = open && calendar.add_working_days(r.created_at, target) < now;
            (r, iin, days, late)
        })
        .collect();
    let page = QueuePage {
        page: ctx.page("restoration-queue-title"),
        counts,
        tab,
        q,
        q_error,
        cases,
        overdue,
        can_open,
    };
    Ok(page.into_response())
}

/// The open cases older than `target_days` working days of the support desk's calendar (the
/// queue and the managers' dashboard count them).
pub async fn overdue(db: &db::Db, target_days: i64) -> Result<i64, sqlx::Error> {
    let now = db::now();
    let mut calendar = crate::support::clocks::calendar(db).await?;
    let target = u32::try_from(target_days).unwrap_or(5);
    let opened: Vec<OffsetDateTime> = with_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT created_at FROM restoration_cases WHERE state IN ('waiting_documents', 'ready', 'waiting_second')"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(opened.iter().filter(|at| calendar.add_working_days(**at, target) < now).count() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_read_as_typed() {
        assert_eq!(number(12), "R-000012");
        assert_eq!(parse_number("R-000012"), Some(12));
        assert_eq!(parse_number("р12"), Some(12));
        assert_eq!(parse_number("12"), Some(12));
        assert_eq!(parse_number("R-"), None);
        assert_eq!(parse_number("abc"), None);
    }
}
