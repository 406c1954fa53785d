//! The customer hears of a decision where they asked: the event to the app always (in
//! [`super::decide`]), and a reply on the case's ticket when there is one, in the ticket's
//! language, which a customer who wrote by mail gets by mail (queued in the same transaction).

use crate::{
    db::{self, Tx},
    i18n::Lang,
    support::store,
    with_tx,
};

/// Replies `text` (`(Russian, Kazakh)`, the ticket's language taken) as `staff` on case `case`'s
/// ticket, if it has one that is still open to replies.
pub async fn on_ticket(tx: &mut Tx, case: i64, staff: i64, text: (&str, &str)) -> Result<(), sqlx::Error> {
    let ticket: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT ticket_id FROM restoration_cases WHERE id = $1")
            .bind(case)
            .fetch_one(c)
            .await)?;
    let Some(ticket) = ticket else { return Ok(()) };
    let Some(t) = store::find_tx(tx, ticket).await? else { return Ok(()) };
    if t.state == "closed" || t.state == "merged" {
        return Ok(());
    }
    let text = if Lang::parse(&t.language) == Some(Lang::Kk) { text.1 } else { text.0 };
    let now = db::now();
    let message = store::insert_message(tx, ticket, "reply", "portal", Some(staff), text, now).await?;
    crate::mail::outbound::queue_reply(tx, &t, message, text, now).await?;
    with_tx!(tx, |c| sqlx::query(
        "UPDATE tickets SET messages = messages + 1, version = version + 1, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(ticket)
    .execute(c)
    .await
    .map(|_| ()))
}
