//! Claims: "take next", taking one application, giving it back. A claim is `claimed_by` and
//! `claimed_until` on the application; it expires by itself.

use time::{Date, Duration, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    with_tx,
};

/// The condition, on `applications`, of an application a verifier can decide as of the bound
/// dates: pending, nothing left for compliance, of age (`$1`: the latest birth date of someone
/// 18 today) and with a valid document (`$2`: today). These are the checks that disable the
/// approve button, so "take next" never hands out what cannot be decided.
const DECIDABLE: &str = "status = 'pending' AND compliance_state IS NULL
    AND birth_date <= $1 AND doc_expires_on >= $2";

/// The latest birth date of someone who is 18 on `today` (29 February counts from 1 March).
pub fn adult_cutoff(today: Date) -> Date {
    let year = today.year() - 18;
    today.replace_year(year).unwrap_or_else(|_| {
        Date::from_calendar_date(year, time::Month::February, 28).expect("28 February exists")
    })
}

/// Gives `staff` the oldest decidable application nobody holds (or the one they already hold),
/// skipping any they released within `ttl`, and claims it until `ttl` from now. Two callers
/// never get the same one: PostgreSQL skips rows another transaction has locked, SQLite runs one
/// writer at a time.
pub async fn take_next(
    db: &Db,
    actor: &Actor,
    staff: i64,
    ttl: Duration,
    ip: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = db::now();
    let today = now.to_offset(crate::i18n::ALMATY).date();
    let cutoff = adult_cutoff(today);
    let mut tx = db.begin().await?;
    let held_sql = format!(
        "SELECT id FROM applications WHERE claimed_by = $3 AND claimed_until > $4 AND {DECIDABLE}
         ORDER BY received_at, id LIMIT 1"
    );
    let held: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(&held_sql)
        .bind(cutoff)
        .bind(today)
        .bind(staff)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    if let Some(id) = held {
        return Ok(Some(id));
    }
    let pick = format!(
        "SELECT id FROM applications
         WHERE {DECIDABLE} AND (claimed_by IS NULL OR claimed_until <= $4)
           AND (released_by IS NULL OR released_by <> $3 OR released_at <= $5)
         ORDER BY received_at, id LIMIT 1"
    );
    let lock = match &tx {
        Tx::Pg(_) => " FOR UPDATE SKIP LOCKED",
        Tx::Sqlite(_) => "",
    };
    let pick = format!("{pick}{lock}");
    let next: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(&pick)
        .bind(cutoff)
        .bind(today)
        .bind(staff)
        .bind(now)
        .bind(now - ttl)
        .fetch_optional(c)
        .await)?;
    let Some(id) = next else { return Ok(None) };
    claim_in(&mut tx, actor, staff, id, now + ttl, ip).await?;
    tx.commit().await?;
    Ok(Some(id))
}

async fn claim_in(
    tx: &mut Tx,
    actor: &Actor,
    staff: i64,
    id: i64,
    until: OffsetDateTime,
    ip: &str,
) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE applications SET claimed_by = $1, claimed_until = $2,
                claimed_at = CASE WHEN claimed_by = $1 AND claimed_until > $4 AND claimed_at IS NOT NULL
                                 THEN claimed_at ELSE $4 END
         WHERE id = $3"
    )
    .bind(staff)
    .bind(until)
    .bind(id)
    .bind(db::now())
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "application.claimed").subject("application", id).ip(ip);
    audit::record(tx, entry).await.map(|_| ())
}

/// Claims application `id` for `staff` if it is pending (or waiting for documents, to reject it)
/// and nobody else holds it; returns whether it now holds it.
pub async fn claim(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    ttl: Duration,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let free: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE id = $1 AND status IN ('pending', 'resubmission_requested')
         AND (claimed_by IS NULL OR claimed_until <= $2 OR claimed_by = $3)"
    )
    .bind(id)
    .bind(now)
    .bind(staff)
    .fetch_optional(c)
    .await)?;
    if free.is_none() {
        return Ok(false);
    }
    claim_in(&mut tx, actor, staff, id, now + ttl, ip).await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives up `staff`'s claim on `id`; returns whether there was one.
pub async fn release(db: &Db, actor: &Actor, staff: i64, id: i64, ip: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let n = with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE applications SET claimed_by = NULL, claimed_until = NULL, released_by = $2, released_at = $3
         WHERE id = $1 AND claimed_by = $2"
    )
    .bind(id)
    .bind(staff)
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n == 0 {
        return Ok(false);
    }
    let entry = Entry::new(actor, "application.released").subject("application", id).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(true)
}
