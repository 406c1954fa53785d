//! Samples: reads for the lists and the sample page, claims, the second review and the verdict.
//! Every change is guarded by the sample's version and state, so of two people racing on one
//! sample exactly one is recorded; the database refuses a second review by the first verifier and
//! a verdict by either of them.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    with_db, with_tx,
};

/// One sample, with the names of the people on it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Sample {
    pub id: i64,
    pub application_id: i64,
    pub first_by: i64,
    pub first_name: String,
    pub first_outcome: String,
    pub first_reasons: String,
    pub sampled_at: OffsetDateTime,
    /// `waiting`, `agreed`, `disputed`, `upheld` (the first decision was right) or `overturned`.
    pub state: String,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<OffsetDateTime>,
    pub second_by: Option<i64>,
    pub second_name: Option<String>,
    pub second_outcome: Option<String>,
    pub second_reasons: String,
    pub second_note: String,
    pub second_at: Option<OffsetDateTime>,
    pub verdict_by: Option<i64>,
    pub verdict_name: Option<String>,
    pub verdict_outcome: Option<String>,
    pub verdict_note: String,
    pub verdict_at: Option<OffsetDateTime>,
    pub version: i64,
}

impl Sample {
    pub fn held_by(&self, staff: i64, now: OffsetDateTime) -> bool {
        self.state == "waiting"
            && self.claimed_by == Some(staff)
            && self.claimed_until.is_some_and(|u| u > now)
    }

    /// Finished: both reviews agree, or the verdict is in.
    pub fn settled(&self) -> bool {
        matches!(self.state.as_str(), "agreed" | "upheld" | "overturned")
    }

    /// The outcome that stands: the agreed one, or the verdict.
    pub fn final_outcome(&self) -> Option<&str> {
        match self.state.as_str() {
            "agreed" => Some(&self.first_outcome),
            "upheld" | "overturned" => self.verdict_outcome.as_deref(),
            _ => None,
        }
    }
}

const SELECT: &str = "SELECT s.id, s.application_id, s.first_by, f.full_name AS first_name, s.first_outcome,
        s.first_reasons, s.sampled_at, s.state, s.claimed_by, s.claimed_until, s.second_by,
        r.full_name AS second_name, s.second_outcome, s.second_reasons, s.second_note, s.second_at,
        s.verdict_by, v.full_name AS verdict_name, s.verdict_outcome, s.verdict_note, s.verdict_at, s.version
   FROM qa_samples s JOIN staff f ON f.id = s.first_by
   LEFT JOIN staff r ON r.id = s.second_by LEFT JOIN staff v ON v.id = s.verdict_by";

pub async fn find(db: &Db, id: i64) -> Result<Option<Sample>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE s.id = $1");
    with_db!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

/// Samples a verifier may review: waiting, not their own decision, not on an application they
/// decided before (a request for documents, say), nor one whose pages (which show its decision)
/// they opened since it was drawn, and nobody else holds them.
const OPEN_TO: &str = "s.state = 'waiting' AND s.first_by <> $1
    AND (s.claimed_by IS NULL OR s.claimed_until <= $2 OR s.claimed_by = $1)
    AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.application_id = s.application_id AND d.staff_id = $1)
    AND NOT EXISTS (SELECT 1 FROM pd_access_log l WHERE l.application_id = s.application_id
                    AND l.staff_id = $1 AND l.access <> 'quality-page' AND l.at >= s.sampled_at)";

/// What waits for `staff`'s second review, oldest first (at most `limit`), and how many in all.
pub async fn open_to(
    db: &Db,
    staff: i64,
    now: OffsetDateTime,
    limit: i64,
) -> Result<(Vec<Sample>, i64), sqlx::Error> {
    let sql = format!("{SELECT} WHERE {OPEN_TO} ORDER BY s.sampled_at, s.id LIMIT $3");
    let rows = with_db!(db, |c| sqlx::query_as(&sql).bind(staff).bind(now).bind(limit).fetch_all(c).await)?;
    let count_sql = format!("SELECT COUNT(*) FROM qa_samples s WHERE {OPEN_TO}");
    let n: i64 = with_db!(db, |c| sqlx::query_scalar(&count_sql).bind(staff).bind(now).fetch_one(c).await)?;
    Ok((rows, n))
}

/// Disagreements waiting for a verdict, oldest first, and how many in all.
pub async fn disputes(db: &Db, limit: i64) -> Result<(Vec<Sample>, i64), sqlx::Error> {
    let sql = format!("{SELECT} WHERE s.state = 'disputed' ORDER BY s.second_at, s.id LIMIT $1");
    let rows = with_db!(db, |c| sqlx::query_as(&sql).bind(limit).fetch_all(c).await)?;
    let n: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM qa_samples WHERE state = 'disputed'")
            .fetch_one(c)
            .await)?;
    Ok((rows, n))
}

/// The finished samples `staff` took part in (either review or the verdict), newest first.
pub async fn mine(db: &Db, staff: i64, limit: i64) -> Result<Vec<Sample>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE (s.first_by = $1 OR s.second_by = $1 OR s.verdict_by = $1)
           AND s.state IN ('agreed', 'upheld', 'overturned')
         ORDER BY COALESCE(s.verdict_at, s.second_at) DESC, s.id DESC LIMIT $2"
    );
    with_db!(db, |c| sqlx::query_as(&sql).bind(staff).bind(limit).fetch_all(c).await)
}

/// Claims sample `pick` (or, with none, the oldest open to `staff`) for `staff` until `ttl` from
/// now; returns the sample's id, or `None` if there is nothing (or `pick` is not open to them).
pub async fn claim(
    db: &Db,
    actor: &Actor,
    staff: i64,
    pick: Option<i64>,
    ttl: Duration,
    ip: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let lock = match &tx {
        Tx::Pg(_) => " FOR UPDATE OF s SKIP LOCKED",
        Tx::Sqlite(_) => "",
    };
    let only = if pick.is_some() { " AND s.id = $3" } else { "" };
    let sql = format!(
        "SELECT s.id, s.version, s.claimed_by FROM qa_samples s WHERE {OPEN_TO}{only}
         ORDER BY CASE WHEN s.claimed_by = $1 THEN 0 ELSE 1 END, s.sampled_at, s.id LIMIT 1{lock}"
    );
    let row: Option<(i64, i64, Option<i64>)> = with_tx!(&mut tx, |c| {
        let q = sqlx::query_as(&sql).bind(staff).bind(now);
        match pick {
            Some(id) => q.bind(id).fetch_optional(c).await,
            None => q.fetch_optional(c).await,
        }
    })?;
    let Some((id, version, holder)) = row else {
        return Ok(None);
    };
    let n = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE qa_samples SET claimed_until = $2,
                version = version + CASE WHEN claimed_by = $1 THEN 0 ELSE 1 END, claimed_by = $1
         WHERE id = $3 AND version = $4 AND state = 'waiting'"
    )
    .bind(staff)
    .bind(now + ttl)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(None);
    }
    if holder != Some(staff) {
        let entry = Entry::new(actor, "quality.claimed").subject("qa_sample", id).ip(ip);
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Why a second review or a verdict was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum QaError {
    #[error("no such sample")]
    NotFound,
    /// The sample changed since the page was shown (someone else was first).
    #[error("stale version")]
    Stale,
    /// The reviewer does not hold the sample (or the claim expired).
    #[error("not held")]
    NotHeld,
    /// The second reviewer made the first decision.
    #[error("own decision")]
    OwnDecision,
    /// The verdict's author reviewed the sample or decided on the application.
    #[error("separation of duties")]
    Verdict,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A sample as a change needs it: state, version, first verifier, holder, claim's end, first
/// outcome, second reviewer, application.
type Locked = (String, i64, i64, Option<i64>, Option<OffsetDateTime>, String, Option<i64>, i64);

async fn lock(tx: &mut Tx, id: i64) -> Result<Option<Locked>, sqlx::Error> {
    let sql = format!(
        "SELECT state, version, first_by, claimed_by, claimed_until, first_outcome, second_by, application_id
         FROM qa_samples WHERE id = $1{}",
        match tx {
            Tx::Pg(_) => " FOR UPDATE",
            Tx::Sqlite(_) => "",
        }
    );
    with_tx!(tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

/// The second review: `staff`, holding the sample, decides again without seeing the first
/// decision. Returns the new state: `agreed`, or `disputed` (it goes to a senior compliance
/// officer).
#[allow(clippy::too_many_arguments)]
pub async fn review(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    outcome: &str,
    reasons: &str,
    note: &str,
    ip: &str,
) -> Result<&'static str, QaError> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let (state, current, first_by, holder, until, first_outcome, _, _) =
        lock(&mut tx, id).await?.ok_or(QaError::NotFound)?;
    if state != "waiting" || current != version {
        return Err(QaError::Stale);
    }
    if first_by == staff {
        return Err(QaError::OwnDecision);
    }
    if holder != Some(staff) || until.is_none_or(|u| u <= now) {
        return Err(QaError::NotHeld);
    }
    let new_state = if outcome == first_outcome { "agreed" } else { "disputed" };
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE qa_samples SET state = $1, second_by = $2, second_outcome = $3, second_reasons = $4,
                second_note = $5, second_at = $6, claimed_by = NULL, claimed_until = NULL, version = version + 1
         WHERE id = $7 AND version = $8"
    )
    .bind(new_state)
    .bind(staff)
    .bind(outcome)
    .bind(reasons)
    .bind(note)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    let mut details = json!({ "qa_outcome": outcome, "qa_state": new_state });
    if !reasons.is_empty() {
        details["reasons"] = json!(reasons.replace(',', ", "));
    }
    let entry = Entry::new(actor, "quality.reviewed").subject("qa_sample", id).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(new_state)
}

/// The verdict on a disagreement: final, by someone who made neither decision. Returns the new
/// state: `upheld` (the first decision stands) or `overturned`.
#[allow(clippy::too_many_arguments)]
pub async fn verdict(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    outcome: &str,
    note: &str,
    ip: &str,
) -> Result<&'static str, QaError> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let (state, current, first_by, _, _, first_outcome, second_by, application) =
        lock(&mut tx, id).await?.ok_or(QaError::NotFound)?;
    if state != "disputed" || current != version {
        return Err(QaError::Stale);
    }
    // Nobody who decided anything on the application judges its decisions.
    let decided: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM decisions WHERE application_id = $1 AND staff_id = $2"
    )
    .bind(application)
    .bind(staff)
    .fetch_one(c)
    .await)?;
    if first_by == staff || second_by == Some(staff) || decided > 0 {
        return Err(QaError::Verdict);
    }
    let new_state = if outcome == first_outcome { "upheld" } else { "overturned" };
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE qa_samples SET state = $1, verdict_by = $2, verdict_outcome = $3, verdict_note = $4,
                verdict_at = $5, version = version + 1
         WHERE id = $6 AND version = $7"
    )
    .bind(new_state)
    .bind(staff)
    .bind(outcome)
    .bind(note)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "quality.verdict")
        .subject("qa_sample", id)
        .details(json!({ "qa_outcome": outcome, "qa_state": new_state }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(new_state)
}

/// The share drawn, in thousandths, set by an administrator.
pub async fn set_share(
    db: &Db,
    actor: &Actor,
    staff: i64,
    permille: i64,
    ip: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let before = super::draw::settings(&mut tx).await?.map(|s| s.share_permille);
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE qa_settings SET share_permille = $1, changed_by = $2, changed_at = $3 WHERE id = 1"
    )
    .bind(permille)
    .bind(staff)
    .bind(db::now())
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "quality.share-changed")
        .details(json!({ "share_before": before.map(percent), "share_after": percent(permille) }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await
}

/// Thousandths as a percentage, as people write it (`2,5 %`).
fn percent(permille: i64) -> String {
    format!("{}\u{a0}%", crate::i18n::format_decimal(permille as f64 / 10.0, 1))
}

/// The share drawn now, in thousandths.
pub async fn share(db: &Db) -> Result<i64, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar("SELECT share_permille FROM qa_settings WHERE id = 1")
        .fetch_optional(c)
        .await)
    .map(|n: Option<i64>| n.unwrap_or(0))
}

/// The sample of application `application_id` that `staff` holds for a second review now, if
/// any: while they hold it, the review page (which shows the first decision) sends them to it.
pub async fn held_on(db: &Db, application_id: i64, staff: i64) -> Result<Option<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT id FROM qa_samples WHERE application_id = $1 AND state = 'waiting' AND claimed_by = $2
            AND claimed_until > $3"
    )
    .bind(application_id)
    .bind(staff)
    .bind(db::now())
    .fetch_optional(c)
    .await)
}
