//! Reviewer quality in the demo: the second demo verifier decides a few applications, each kept
//! as a sample whatever the draw; the first demo verifier has reviewed three of them (one agreed,
//! two disagreements, one of which a senior compliance officer has settled) and has two waiting.
//! Runs once: with samples there already it does nothing.

use time::Duration;

use super::BoxError;
use crate::{
    audit::Actor,
    db::{self, Db},
    quality::{draw, store},
    review::{claims, decide},
    staff::store as staff,
    with_db,
};

async fn staff_id(db: &Db, login: &str) -> Result<i64, BoxError> {
    Ok(staff::find_by_login(db, login).await?.ok_or_else(|| format!("demo account {login} missing"))?.id)
}

pub async fn load(db: &Db) -> Result<(), BoxError> {
    let any: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM qa_samples").fetch_one(c).await)?;
    if any > 0 {
        return Ok(());
    }
    let (first, second, senior) =
        (staff_id(db, "verifier2").await?, staff_id(db, "verifier").await?, staff_id(db, "senior").await?);
    let as_first = Actor::Staff { id: first, login: "verifier2".into() };
    let mut samples = Vec::new();
    for n in 0..5 {
        let Some(id) = claims::take_next(db, &as_first, first, Duration::minutes(30), "").await? else {
            break;
        };
        let version: i64 =
            with_db!(db, |c| sqlx::query_scalar("SELECT version FROM applications WHERE id = $1")
                .bind(id)
                .fetch_one(c)
                .await)?;
        let reject = decide::Outcome::Reject(vec![("doc_unreadable".into(), String::new())]);
        let outcome = if n == 3 { reject.clone() } else { decide::Outcome::Approve };
        let decision = match decide::decide(db, &as_first, first, id, version, &outcome, "").await {
            Ok(d) => d,
            // Not approvable after all (an account barred, compliance): rejected instead.
            Err(decide::DecideError::Compliance(_) | decide::DecideError::AccountBarred(_)) => {
                decide::decide(db, &as_first, first, id, version, &reject, "").await?
            }
            Err(e) => return Err(e.into()),
        };
        let drawn: Option<i64> =
            with_db!(db, |c| sqlx::query_scalar("SELECT id FROM qa_samples WHERE decision_id = $1")
                .bind(decision)
                .fetch_optional(c)
                .await)?;
        let sample = match drawn {
            Some(s) => s,
            None => {
                let (status, reasons): (String, String) =
                    with_db!(db, |c| sqlx::query_as("SELECT outcome, reasons FROM decisions WHERE id = $1")
                        .bind(decision)
                        .fetch_one(c)
                        .await)?;
                let mut tx = db.begin().await?;
                let s = draw::record(&mut tx, decision, id, first, &status, &reasons, db::now()).await?;
                tx.commit().await?;
                s
            }
        };
        samples.push(sample);
    }
    let as_second = Actor::Staff { id: second, login: "verifier".into() };
    let as_senior = Actor::Staff { id: senior, login: "senior".into() };
    for (i, sample) in samples.iter().take(3).enumerate() {
        if store::claim(db, &as_second, second, Some(*sample), Duration::minutes(30), "").await?.is_none() {
            continue;
        }
        let Some(s) = store::find(db, *sample).await? else { continue };
        // The first agrees; the other two do not.
        let (outcome, reasons) = match (i, s.first_outcome.as_str()) {
            (0, o) => (o.to_string(), if o == "rejected" { s.first_reasons.clone() } else { String::new() }),
            (_, "approved") => ("rejected".to_string(), "doc_unreadable".to_string()),
            _ => ("approved".to_string(), String::new()),
        };
        store::review(db, &as_second, second, *sample, s.version, &outcome, &reasons, "", "").await?;
        if i == 1
            && let Some(s) = store::find(db, *sample).await?
        {
            let note = "Фото документа читается: одобрение верное.";
            store::verdict(db, &as_senior, senior, *sample, s.version, &s.first_outcome, note, "").await?;
        }
    }
    Ok(())
}
