//! Refused sign-ins in the audit trail without one entry per request: a burst of refused
//! requests would otherwise write the trail without bound. Refusals are counted per login and
//! address (an unknown login under '') for one throttle window; the window's first refusal is
//! audited at once (`sign-in.throttled`), and when the window closes its count is audited once
//! (`sign-in.refusals-counted`) if there was more than one.

use serde_json::json;
use time::OffsetDateTime;

use super::throttle::Scope;
use crate::{
    audit::{self, Actor, Entry},
    config::Throttle,
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// A closed window's refusals, as audited.
fn summary<'a>(login: &str, ip: &'a str, from: OffsetDateTime, refused: i64, scope: &str) -> Entry<'a> {
    Entry::new(&Actor::Anonymous, "sign-in.refusals-counted")
        .details(json!({
            "login": login,
            "refused": refused,
            "scope": scope,
            "from": from.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        }))
        .ip(ip)
}

/// Counts a refused sign-in of `login` (`''` when no account has it) from `ip`.
pub async fn record(
    db: &Db,
    limits: &Throttle,
    login: &str,
    ip: &str,
    scope: Scope,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    let mut tx = db.begin().await?;
    // Parallel refusals of one login and address are counted one after another.
    super::throttle::lock_keys(&mut tx, &[format!("refusals:{login}|{ip}")]).await?;
    let row: Option<(OffsetDateTime, i64, String)> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT window_start, refused, scope FROM sign_in_refusals WHERE login = $1 AND ip = $2"
    )
    .bind(login)
    .bind(ip)
    .fetch_optional(c)
    .await)?;
    match row {
        Some((start, _, _)) if start > now - limits.window => {
            with_tx!(&mut tx, |c| sqlx::query(
                "UPDATE sign_in_refusals SET refused = refused + 1 WHERE login = $1 AND ip = $2"
            )
            .bind(login)
            .bind(ip)
            .execute(c)
            .await
            .map(|_| ()))?;
        }
        old => {
            if let Some((start, refused, scope)) = old
                && refused > 1
            {
                audit::record(&mut tx, summary(login, ip, start, refused, &scope)).await?;
            }
            with_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO sign_in_refusals (login, ip, window_start, refused, scope) VALUES ($1, $2, $3, 1, $4)
                 ON CONFLICT (login, ip) DO UPDATE
                 SET window_start = excluded.window_start, refused = 1, scope = excluded.scope"
            )
            .bind(login)
            .bind(ip)
            .bind(now)
            .bind(scope.code())
            .execute(c)
            .await
            .map(|_| ())
            })?;
            let entry = Entry::new(&Actor::Anonymous, "sign-in.throttled")
                .details(json!({ "login": login, "scope": scope.code() }))
                .ip(ip);
            audit::record(&mut tx, entry).await?;
        }
    }
    tx.commit().await
}

/// Audits the count of every window that has closed, and forgets it.
pub async fn close_windows(db: &Db, limits: &Throttle) -> Result<usize, sqlx::Error> {
    let closed_before = db::now() - limits.window;
    let rows: Vec<(String, String, OffsetDateTime, i64, String)> = with_db!(db, |c| sqlx::query_as(
        "SELECT login, ip, window_start, refused, scope FROM sign_in_refusals
         WHERE window_start <= $1 ORDER BY window_start LIMIT 1000"
    )
    .bind(closed_before)
    .fetch_all(c)
    .await)?;
    let mut closed = 0;
    for (login, ip, start, refused, scope) in rows {
        let mut tx = db.begin().await?;
        // Another process may have closed it, or a new refusal reopened it.
        let gone = delete(&mut tx, &login, &ip, start).await?;
        if gone && refused > 1 {
            audit::record(&mut tx, summary(&login, &ip, start, refused, &scope)).await?;
        }
        tx.commit().await?;
        closed += usize::from(gone);
    }
    Ok(closed)
}

async fn delete(tx: &mut Tx, login: &str, ip: &str, start: OffsetDateTime) -> Result<bool, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "DELETE FROM sign_in_refusals WHERE login = $1 AND ip = $2 AND window_start = $3"
    )
    .bind(login)
    .bind(ip)
    .bind(start)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}
