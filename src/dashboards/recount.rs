//! The recount: what the raw rows contribute to each measure, computed here from the rows
//! themselves and never from `dash_daily`. `kreditomat-portal check-dashboards` compares it with
//! the rollups; the tests compare every tab built from each.

use std::collections::BTreeMap;

use time::{Date, OffsetDateTime};

use super::{buckets, rollup::Contribution};
use crate::{db::Db, i18n::ALMATY, with_db};

type At = OffsetDateTime;

fn day(at: At) -> Date {
    at.to_offset(ALMATY).date()
}

/// Whole seconds from `a` to `b`, as both databases count them.
fn secs(a: At, b: At) -> i64 {
    b.unix_timestamp() - a.unix_timestamp()
}

fn push(
    out: &mut Vec<Contribution>,
    metric: &'static str,
    at: At,
    dim: impl Into<String>,
    secs: Option<i64>,
) {
    out.push(Contribution { metric, day: day(at), dim: dim.into(), secs });
}

/// The measure a second review counts in, by how it ended.
fn qa_metric(state: &str) -> Option<&'static str> {
    Some(match state {
        "agreed" => "kyc.qa.agreed",
        "disputed" => "kyc.qa.disputed",
        "upheld" => "kyc.qa.upheld",
        "overturned" => "kyc.qa.overturned",
        _ => return None,
    })
}

/// Every contribution of every source row.
pub async fn contributions(db: &Db) -> Result<Vec<Contribution>, sqlx::Error> {
    let mut out = Vec::new();
    let apps: Vec<(At, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT received_at, status FROM applications").fetch_all(c).await)?;
    for (received, status) in apps {
        push(&mut out, "kyc.received", received, "", None);
        if status == "pending" {
            // Counted by the hour of arrival (Almaty) too, for the queue's ages.
            push(
                &mut out,
                "kyc.pending",
                received,
                format!("{:02}", received.to_offset(ALMATY).hour()),
                None,
            );
        }
    }
    type Decision = (String, String, i64, At, Option<At>, At);
    let decisions: Vec<Decision> = with_db!(db, |c| sqlx::query_as(
        "SELECT d.outcome, d.reasons, d.staff_id, d.decided_at, d.claimed_at, a.received_at
         FROM decisions d JOIN applications a ON a.id = d.application_id"
    )
    .fetch_all(c)
    .await)?;
    for (outcome, reasons, staff, at, claimed, received) in decisions {
        push(&mut out, "kyc.decided", at, outcome.clone(), Some(secs(received, at)));
        push(&mut out, "kyc.by", at, staff.to_string(), claimed.map(|c| secs(c, at)));
        if outcome == "rejected" && !reasons.is_empty() {
            for code in reasons.split(',') {
                push(&mut out, "kyc.reason", at, code, None);
            }
        }
    }
    let hits: Vec<(At, String, Option<At>)> =
        with_db!(db, |c| sqlx::query_as("SELECT found_at, status, decided_at FROM screening_hits")
            .fetch_all(c)
            .await)?;
    for (found, status, decided) in hits {
        push(&mut out, "cmp.hit.found", found, "", None);
        if let Some(at) = decided.filter(|_| status != "open") {
            push(&mut out, "cmp.hit.decided", at, status, Some(secs(found, at)));
        }
    }
    let peps: Vec<(At, Option<At>, Option<At>)> =
        with_db!(db, |c| sqlx::query_as("SELECT first_at, senior_at, returned_at FROM pep_approvals")
            .fetch_all(c)
            .await)?;
    for (first, senior, returned) in peps {
        push(&mut out, "cmp.pep.first", first, "", None);
        if let Some(at) = senior {
            push(&mut out, "cmp.pep.senior", at, "", Some(secs(first, at)));
        }
        if let Some(at) = returned {
            push(&mut out, "cmp.pep.returned", at, "", None);
        }
    }
    type Ticket =
        (At, String, String, Option<i64>, Option<At>, At, Option<At>, At, Option<At>, Option<At>, String, At);
    let tickets: Vec<Ticket> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT created_at, channel, category, policy_version_id, first_response_at, first_response_due_at,
                resolved_at, resolution_due_at, legal_due_at, legal_done_at, state, due_at
         FROM tickets"
    )
    .fetch_all(c)
    .await
    })?;
    let late = |at: At, due: At| if secs(due, at) > 0 { "late" } else { "ok" };
    for (
        created,
        channel,
        category,
        policy,
        first,
        first_due,
        resolved,
        resolution_due,
        legal_due,
        legal_done,
        state,
        due,
    ) in tickets
    {
        // Being worked: counted by the day it is due (and its legal deadline's, if still open).
        if ["new", "open", "waiting_customer", "waiting_third_party"].contains(&state.as_str()) {
            push(&mut out, "sup.due", due, "", None);
            if let (Some(at), None) = (legal_due, legal_done) {
                push(&mut out, "sup.legal.open", at, "", None);
            }
        }
        push(&mut out, "sup.created", created, channel, None);
        push(&mut out, "sup.category", created, category.clone(), None);
        if let (Some(p), "objection") = (policy, category.as_str()) {
            push(&mut out, "sup.objection", created, p.to_string(), None);
        }
        if let Some(at) = first {
            push(&mut out, "sup.first", at, late(at, first_due), Some(secs(created, at)));
        }
        if let Some(at) = resolved {
            push(&mut out, "sup.resolved", at, late(at, resolution_due), Some(secs(created, at)));
        }
        if let (Some(at), Some(due)) = (legal_done, legal_due) {
            push(&mut out, "sup.legal", at, if secs(due, at) > 0 { "missed" } else { "met" }, None);
        }
    }
    let events: Vec<(At, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT at, event_type FROM customer_events").fetch_all(c).await)?;
    for (at, kind) in events {
        if let Some(what @ ("blocked" | "unblocked" | "restricted" | "archived")) =
            kind.strip_prefix("customer.")
        {
            push(&mut out, "sec.account", at, what, None);
        }
    }
    let samples: Vec<(String, i64, Option<At>)> =
        with_db!(db, |c| sqlx::query_as("SELECT state, first_by, second_at FROM qa_samples")
            .fetch_all(c)
            .await)?;
    for (state, first_by, second) in samples {
        if let (Some(at), Some(metric)) = (second, qa_metric(&state)) {
            push(&mut out, metric, at, first_by.to_string(), None);
        }
    }
    let cases: Vec<(At, String, Option<At>)> =
        with_db!(db, |c| sqlx::query_as("SELECT created_at, state, decided_at FROM restoration_cases")
            .fetch_all(c)
            .await)?;
    for (created, state, decided) in cases {
        push(&mut out, "sec.case.opened", created, "", None);
        if let Some(at) = decided.filter(|_| matches!(state.as_str(), "restored" | "refused")) {
            push(&mut out, "sec.case.decided", at, state, Some(secs(created, at)));
        }
    }
    Ok(out)
}

/// `dash_daily` as the contributions say it should be: `(metric, day, dim, bucket)` to count,
/// zeros left out.
pub fn expected(rows: &[Contribution]) -> BTreeMap<(String, Date, String, i64), i64> {
    let mut out = BTreeMap::new();
    for c in rows {
        *out.entry((c.metric.to_string(), c.day, c.dim.clone(), -1)).or_default() += 1;
        if let Some(s) = c.secs {
            *out.entry((c.metric.to_string(), c.day, c.dim.clone(), buckets::bucket(s))).or_default() += 1;
        }
    }
    out
}

/// `dash_daily` as it is, zeros left out.
pub async fn stored(db: &Db) -> Result<BTreeMap<(String, Date, String, i64), i64>, sqlx::Error> {
    let rows: Vec<(String, Date, String, i64, i64)> =
        with_db!(db, |c| sqlx::query_as("SELECT metric, day, dim, bucket, n FROM dash_daily WHERE n <> 0")
            .fetch_all(c)
            .await)?;
    Ok(rows.into_iter().map(|(m, d, dim, b, n)| ((m, d, dim, b), n)).collect())
}

/// The differences between the rollups and the recount: `(key, stored, recounted)`.
pub async fn check(db: &Db) -> Result<Vec<((String, Date, String, i64), i64, i64)>, sqlx::Error> {
    let want = expected(&contributions(db).await?);
    let have = stored(db).await?;
    let mut keys: Vec<_> = want.keys().chain(have.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    Ok(keys
        .into_iter()
        .filter_map(|k| {
            let (h, w) = (have.get(&k).copied().unwrap_or(0), want.get(&k).copied().unwrap_or(0));
            (h != w).then_some((k, h, w))
        })
        .collect())
}
