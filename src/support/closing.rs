//! Resolved tickets close by themselves after a configured number of days
//! (`PORTAL_SUPPORT_CLOSE_DAYS`): until then the customer's answer reopens the ticket, after it
//! a new, linked ticket is opened. Each close is a guarded update with its audit entry and event,
//! like an agent's ([`super::work`]), so running on several processes at once closes each once.

use time::Duration;

use super::{
    model::{CATEGORIES, PRIORITIES},
    work::{self, Act, WorkError},
};
use crate::{
    audit::Actor,
    db::{self, Db},
    with_db,
};

/// Closes tickets resolved at least `days` ago; returns how many.
pub async fn close_resolved(db: &Db, days: i64) -> Result<u64, sqlx::Error> {
    let before = db::now() - Duration::days(days);
    type Row = (i64, i64, String, String, Option<i64>, String);
    let due: Vec<Row> = with_db!(db, |c| sqlx::query_as(
        "SELECT id, version, priority, category, assignee_id, tags FROM tickets
         WHERE state = 'resolved' AND resolved_at <= $1 ORDER BY id LIMIT 1000"
    )
    .bind(before)
    .fetch_all(c)
    .await)?;
    let actor = Actor::System("support-auto-close");
    let mut n = 0;
    for (id, version, priority, category, assignee, tags) in due {
        let act = Act::Update {
            state: "closed",
            priority: PRIORITIES.iter().find(|p| **p == priority).copied().unwrap_or("normal"),
            category: CATEGORIES.iter().find(|c| **c == category).copied().unwrap_or("other"),
            assignee,
            tags: tags.split(' ').filter(|t| !t.is_empty()).map(String::from).collect(),
        };
        match work::act(db, &actor, 0, id, version, &act, "").await {
            Ok(()) => n += 1,
            // Someone (or another process) changed it first: left for the next round.
            Err(WorkError::Stale | WorkError::Refused(..) | WorkError::NotFound) => {}
            Err(WorkError::Db(e)) => return Err(e),
        }
    }
    Ok(n)
}
