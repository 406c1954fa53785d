//! "Take next": the unassigned ticket due first (new or open: not one waiting for someone) is
//! assigned to the agent who asks. Two agents asking at once get two tickets: the assignment is
//! one guarded update, retried when another agent took the same ticket first.

use serde_json::json;

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db},
    with_tx,
};

/// Assigns the next ticket to `me`; `None` when no unassigned ticket waits.
pub async fn take_next(db: &Db, actor: &Actor, me: i64, ip: &str) -> Result<Option<i64>, sqlx::Error> {
    for _ in 0..8 {
        let mut tx = db.begin().await?;
        let now = db::now();
        let next: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(&format!(
            "SELECT id FROM tickets WHERE state IN {} AND assignee_id IS NULL AND state IN ('new', 'open')
             ORDER BY due_at, id LIMIT 1",
            super::model::ACTIVE_SQL
        ))
        .fetch_optional(c)
        .await)?;
        let Some(id) = next else { return Ok(None) };
        let taken = with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE tickets SET assignee_id = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND assignee_id IS NULL"
        )
        .bind(me)
        .bind(now)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if taken == 1 {
            let me_name: String =
                with_tx!(&mut tx, |c| sqlx::query_scalar("SELECT full_name FROM staff WHERE id = $1")
                    .bind(me)
                    .fetch_one(c)
                    .await)?;
            let entry = Entry::new(actor, "ticket.updated")
                .subject("ticket", id)
                .ip(ip)
                .details(json!({ "assignee": format!("— → {me_name}") }));
            audit::record(&mut tx, entry).await?;
            tx.commit().await?;
            return Ok(Some(id));
        }
    }
    Ok(None)
}
