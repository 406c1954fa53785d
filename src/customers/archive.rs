//! The end of an archive request: confirmed or refused by a second person (a security officer or
//! an administrator other than the one who asked), or withdrawn by the one who asked. Each request
//! ends once; the database refuses a confirmation by the one who asked as well.

use serde_json::json;

use super::account::{Action, ActionError, current, emit, mark_applications, payload, set_status};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db},
    with_tx,
};

/// How an archive request ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Another person confirms: the account is archived.
    Confirm,
    /// Another person refuses.
    Refuse,
    /// The one who asked takes it back.
    Withdraw,
}

impl Ending {
    pub fn parse(code: &str) -> Option<Ending> {
        match code {
            "confirm" => Some(Ending::Confirm),
            "refuse" => Some(Ending::Refuse),
            "withdraw" => Some(Ending::Withdraw),
            _ => None,
        }
    }

    fn outcome(self) -> &'static str {
        match self {
            Ending::Confirm => "confirmed",
            Ending::Refuse => "refused",
            Ending::Withdraw => "withdrawn",
        }
    }
}

/// Ends the open archive request `request` by `staff`: confirmed or refused by someone other than
/// the one who asked, or withdrawn by them. Returns the customer's id.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    staff: i64,
    request: i64,
    ending: Ending,
    comment: &str,
    ip: &str,
) -> Result<i64, ActionError> {
    let mut tx = db.begin().await?;
    type Open = (i64, i64, String, String, Option<String>, String);
    let open: Option<Open> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT r.customer_id, r.requested_by, r.reason_code, r.comment, r.outcome, s.login
         FROM archive_requests r JOIN staff s ON s.id = r.requested_by WHERE r.id = $1"
    )
    .bind(request)
    .fetch_optional(c)
    .await)?;
    let (customer, asked_by, reason, asked_comment, outcome, asked_login) =
        open.ok_or(ActionError::NotFound)?;
    if outcome.is_some() {
        return Err(ActionError::Refused("customers-archive-already-decided"));
    }
    match ending {
        Ending::Withdraw if asked_by != staff => {
            return Err(ActionError::Refused("customers-archive-not-yours"));
        }
        Ending::Confirm | Ending::Refuse if asked_by == staff => {
            return Err(ActionError::Refused("customers-archive-own-request"));
        }
        _ => {}
    }
    let now = db::now();
    // The open request is ended once: a second person racing the first finds it ended.
    let n = with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE archive_requests SET outcome = $1, decided_by = $2, decided_at = $3, decision_comment = $4
         WHERE id = $5 AND outcome IS NULL"
    )
    .bind(ending.outcome())
    .bind(staff)
    .bind(now)
    .bind((!comment.is_empty()).then_some(comment))
    .bind(request)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n != 1 {
        return Err(ActionError::Refused("customers-archive-already-decided"));
    }
    let mut details = json!({ "request": request, "asked_by": asked_login });
    if !comment.is_empty() {
        details["comment"] = json!(comment);
    }
    let action = match ending {
        Ending::Confirm => {
            let cur = current(&mut tx, customer).await?.ok_or(ActionError::NotFound)?;
            if cur.status == "archived" {
                return Err(ActionError::Refused("customers-action-archived"));
            }
            set_status(&mut tx, customer, cur.version, "archived", None, &reason, &asked_comment, staff)
                .await?;
            mark_applications(&mut tx, customer, true).await?;
            let payload = payload(&mut tx, customer, &cur.iin, "archived", None, &reason).await?;
            emit(&mut tx, Action::Archive.event(), customer, &payload).await?;
            details["reasons"] = json!(reason);
            details["account_before"] = json!(cur.status);
            "customer.archived"
        }
        Ending::Refuse => "customer.archive-refused",
        Ending::Withdraw => "customer.archive-withdrawn",
    };
    let entry = Entry::new(actor, action).subject("customer", customer).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(customer)
}
