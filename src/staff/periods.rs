//! Role periods: when each person held each role on an active account. Every change of roles or
//! of the account's activity ends the periods that no longer hold and starts the new ones, in
//! the change's own transaction, so the access list ([`super::access_list`]) says who could see
//! personal data on any day.

use std::collections::BTreeSet;

use crate::{
    db::{self, Tx},
    with_tx,
};

/// Brings account `id`'s open periods in line with its roles and activity now.
pub async fn sync(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    let now = db::now();
    let active: bool = with_tx!(tx, |c| sqlx::query_scalar("SELECT active FROM staff WHERE id = $1")
        .bind(id)
        .fetch_one(c)
        .await)?;
    let held: BTreeSet<String> = if active {
        with_tx!(tx, |c| sqlx::query_scalar("SELECT role FROM staff_roles WHERE staff_id = $1")
            .bind(id)
            .fetch_all(c)
            .await)?
        .into_iter()
        .collect()
    } else {
        BTreeSet::new()
    };
    let open: BTreeSet<String> = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT role FROM staff_role_periods WHERE staff_id = $1 AND revoked_at IS NULL"
    )
    .bind(id)
    .fetch_all(c)
    .await)?
    .into_iter()
    .collect();
    for role in open.difference(&held) {
        with_tx!(tx, |c| {
            sqlx::query(
            "UPDATE staff_role_periods SET revoked_at = $1 WHERE staff_id = $2 AND role = $3 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(id)
        .bind(role)
        .execute(c)
        .await
        .map(|_| ())
        })?;
    }
    for role in held.difference(&open) {
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO staff_role_periods (staff_id, role, granted_at) VALUES ($1, $2, $3)"
        )
        .bind(id)
        .bind(role)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}
