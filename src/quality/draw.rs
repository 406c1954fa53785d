//! Which decisions are drawn for a second review: a keyed hash of the decision's id against the
//! share. The same seed draws the same decisions (a test fixes it); without the seed nobody can
//! tell which decisions will be drawn, and two processes never disagree about one.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::{
    audit::{self, Actor, Entry},
    db::Tx,
    with_tx,
};

/// The portal, drawing samples, as the audit trail names it.
const SAMPLER: Actor = Actor::System("quality-sampling");

/// The share drawn and the seed of the draw (`qa_settings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Thousandths of the decisions (50: 5 %).
    pub share_permille: i64,
    pub seed: i64,
}

/// Whether decision `decision_id` is drawn: the first eight bytes of SHA-256(seed, id), a number
/// spread evenly over 0..2⁶⁴, below the share of that range.
pub fn drawn(settings: Settings, decision_id: i64) -> bool {
    let share = settings.share_permille.clamp(0, 1000) as u128;
    let mut h = Sha256::new();
    h.update(settings.seed.to_le_bytes());
    h.update(decision_id.to_le_bytes());
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let x = u64::from_le_bytes(first) as u128;
    x * 1000 < share << 64
}

pub async fn settings(tx: &mut Tx) -> Result<Option<Settings>, sqlx::Error> {
    let row: Option<(i64, i64)> =
        with_tx!(tx, |c| sqlx::query_as("SELECT share_permille, seed FROM qa_settings WHERE id = 1")
            .fetch_optional(c)
            .await)?;
    Ok(row.map(|(share_permille, seed)| Settings { share_permille, seed }))
}

/// Draws decision `decision_id` (an approval or a rejection of application `application_id` by
/// `staff`), in the decision's transaction; returns the sample's id if it was drawn.
pub async fn sample_decision(
    tx: &mut Tx,
    decision_id: i64,
    application_id: i64,
    staff: i64,
    outcome: &str,
    reasons: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    if !matches!(outcome, "approved" | "rejected") {
        return Ok(None);
    }
    let Some(settings) = settings(tx).await? else {
        return Ok(None);
    };
    if !drawn(settings, decision_id) {
        return Ok(None);
    }
    record(tx, decision_id, application_id, staff, outcome, reasons, now).await.map(Some)
}

/// Records decision `decision_id` as a sample (with the draw's audit entry); returns its id.
pub async fn record(
    tx: &mut Tx,
    decision_id: i64,
    application_id: i64,
    staff: i64,
    outcome: &str,
    reasons: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let id: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO qa_samples (application_id, decision_id, first_by, first_outcome, first_reasons, sampled_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(application_id)
    .bind(decision_id)
    .bind(staff)
    .bind(outcome)
    .bind(reasons)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    let entry = Entry::new(&SAMPLER, "quality.sampled")
        .subject("qa_sample", id)
        .details(serde_json::json!({ "application": application_id }));
    audit::record(tx, entry).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_is_drawn_and_a_seed_draws_the_same_decisions() {
        let s = Settings { share_permille: 50, seed: 20_261_207 };
        let drawn_ids: Vec<i64> = (1..=20_000).filter(|id| drawn(s, *id)).collect();
        // 5 % of 20,000 is 1,000; a fair draw lands within four standard deviations (±123).
        assert!((877..=1123).contains(&drawn_ids.len()), "{} drawn", drawn_ids.len());
        let again: Vec<i64> = (1..=20_000).filter(|id| drawn(s, *id)).collect();
        assert_eq!(drawn_ids, again);
        let other = Settings { seed: 1, ..s };
        let other_ids: Vec<i64> = (1..=20_000).filter(|id| drawn(other, *id)).collect();
        assert_ne!(drawn_ids, other_ids, "another seed draws other decisions");
        assert!((1..=20_000).all(|id| !drawn(Settings { share_permille: 0, seed: 5 }, id)));
        assert!((1..=20_000).all(|id| drawn(Settings { share_permille: 1000, seed: 5 }, id)));
    }
}
