//! The support desk's deadlines, watched by a periodic job (`support.deadlines`): a ticket whose
//! SLA time (the first response, or the resolution once answered) comes within the hour gets a
//! warning line, once per due time; a legal request still unanswered at its escalation time is
//! escalated: a line naming its statutory deadline, and the queue's escalated tab. Each is
//! audited. A resolution paused while the customer is waited for is not warned of (the first
//! response's clock does not pause).
//!
//! The lines do not change the ticket's version: an agent writing a reply meanwhile is not sent
//! back to read the page again for a line that decides nothing.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::{model::ACTIVE_SQL, store};
use crate::{
    audit::{self, Actor, Entry},
    db::Db,
    with_db, with_tx,
};

/// How long before an SLA time the ticket is warned.
pub const WARN_BEFORE: Duration = Duration::hours(1);
/// Who the audit trail names.
const ACTOR: Actor = Actor::System("support-deadlines");
/// Tickets looked at in one run (the next run takes the rest).
const BATCH: i64 = 500;

/// The SLA time that runs next: the first response until it is given, then the resolution.
const DUE_SQL: &str =
    "CASE WHEN first_response_at IS NULL THEN first_response_due_at ELSE resolution_due_at END";

/// Whether that clock runs: the first response's always, the resolution's unless paused while
/// the customer is waited for.
const RUNNING_SQL: &str = "(first_response_at IS NULL OR paused_at IS NULL)";

/// Writes the warnings and escalations due at `now`; how many.
pub async fn run(db: &Db, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    Ok(warn(db, now).await? + escalate(db, now).await?)
}

async fn warn(db: &Db, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    let due: Vec<(i64, OffsetDateTime, bool)> = with_db!(db, |c| sqlx::query_as(&format!(
        "SELECT id, {DUE_SQL}, first_response_at IS NULL FROM tickets
         WHERE state IN {ACTIVE_SQL} AND {RUNNING_SQL} AND {DUE_SQL} > $1 AND {DUE_SQL} <= $2
           AND (sla_warned_for IS NULL OR sla_warned_for <> {DUE_SQL})
         ORDER BY {DUE_SQL}, id LIMIT $3"
    ))
    .bind(now)
    .bind(now + WARN_BEFORE)
    .bind(BATCH)
    .fetch_all(c)
    .await)?;
    let mut n = 0;
    for (id, at, first) in due {
        let mut tx = db.begin().await?;
        // Guarded by what was read: a ticket answered or warned meanwhile is left alone.
        let changed = with_tx!(&mut tx, |c| sqlx::query(&format!(
            "UPDATE tickets SET sla_warned_for = $1, messages = messages + 1
             WHERE id = $2 AND {DUE_SQL} = $1 AND {RUNNING_SQL} AND state IN {ACTIVE_SQL}
               AND (sla_warned_for IS NULL OR sla_warned_for <> $1)"
        ))
        .bind(at)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if changed == 0 {
            continue;
        }
        let which = if first { "first_response" } else { "resolution" };
        let line =
            if first { "support-event-sla-first-response-soon" } else { "support-event-sla-resolution-soon" };
        let note = json!({ "id": line, "at": at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default() });
        store::insert_message(&mut tx, id, "event", "portal", None, &note.to_string(), now).await?;
        let entry =
            Entry::new(&ACTOR, "ticket.sla-warned").subject("ticket", id).details(json!({ "target": which }));
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        n += 1;
    }
    Ok(n)
}

async fn escalate(db: &Db, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    let due: Vec<(i64, OffsetDateTime)> = with_db!(db, |c| sqlx::query_as(&format!(
        "SELECT id, legal_due_at FROM tickets
         WHERE state IN {ACTIVE_SQL} AND legal_done_at IS NULL AND legal_escalate_at <= $1
           AND legal_escalated_at IS NULL AND legal_due_at IS NOT NULL
         ORDER BY legal_escalate_at, id LIMIT $2"
    ))
    .bind(now)
    .bind(BATCH)
    .fetch_all(c)
    .await)?;
    let mut n = 0;
    for (id, legal_due) in due {
        let mut tx = db.begin().await?;
        let changed = with_tx!(&mut tx, |c| sqlx::query(&format!(
            "UPDATE tickets SET legal_escalated_at = $1, messages = messages + 1
             WHERE id = $2 AND legal_escalated_at IS NULL AND legal_done_at IS NULL AND state IN {ACTIVE_SQL}"
        ))
        .bind(now)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if changed == 0 {
            continue;
        }
        let at = legal_due.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let note = json!({ "id": "support-event-legal-escalated", "at": at });
        store::insert_message(&mut tx, id, "event", "portal", None, &note.to_string(), now).await?;
        let entry = Entry::new(&ACTOR, "ticket.escalated")
            .subject("ticket", id)
            .details(json!({ "legal_due_at": at }));
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        n += 1;
    }
    Ok(n)
}
