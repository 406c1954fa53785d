//! A data change asked for a field only documents change (the name, IIN, birth date, the
//! document's number and expiry): the agent cannot apply it, and asks the customer instead to
//! pass the KYC check again with their new documents. The app gets
//! `customer.documents-requested` with the fields and a message in the customer's language; the
//! new documents arrive as an application the verifiers review like any other, and the
//! customer's data changes when it is approved.

use serde_json::json;

use super::{
    requests::{LOCKED, mark},
    store,
    work::WorkError,
};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db},
    events,
    i18n::{self, Lang},
    with_tx,
};

/// The conversation line's Fluent id (its `refused`: the fields).
pub(super) const EVENT: &str = "support-event-documents";

/// Asks the customer of data-change ticket `id` (at `version`) for a KYC resubmission of the
/// documents behind the fields asked for that only documents change.
pub async fn ask(db: &Db, actor: &Actor, me: i64, id: i64, version: i64, ip: &str) -> Result<(), WorkError> {
    let mut tx = db.begin().await?;
    let t = store::find_tx(&mut tx, id).await?.ok_or(WorkError::NotFound)?;
    if t.version != version {
        return Err(WorkError::Stale);
    }
    if t.category != "data_change" || !t.active() {
        return Err(WorkError::Refused("support-changes-not-open", "documents"));
    }
    let customer = t.customer_id.ok_or(WorkError::Refused("support-changes-no-customer", "documents"))?;
    // Asked once per ticket: the app has the request; a second would only repeat it.
    let already: bool = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM ticket_messages WHERE ticket_id = $1 AND kind = 'event' AND body LIKE $2)"
    )
    .bind(id)
    .bind(format!("%{EVENT}%"))
    .fetch_one(c)
    .await
    })?;
    if already {
        return Err(WorkError::Refused("support-documents-already", "documents"));
    }
    let asked: Vec<String> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT field FROM ticket_changes WHERE ticket_id = $1 ORDER BY id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let fields: Vec<String> = asked.into_iter().filter(|f| LOCKED.contains(&f.as_str())).collect();
    if fields.is_empty() {
        return Err(WorkError::Refused("support-documents-not-needed", "documents"));
    }
    let now = db::now();
    // The message the app shows, in the ticket's language, naming the fields in it too.
    let lang = if t.language == "kk" { Lang::Kk } else { Lang::Ru };
    // The fields as the sentence needs them (the object of "change").
    let names: Vec<String> =
        fields.iter().map(|f| i18n::t(lang, &format!("support-field-acc-{f}"))).collect();
    let message = i18n::t_with(lang, "support-documents-message", &[("fields", names.join(", "))]);
    let payload = json!({
        "ticket_id": t.id, "number": t.number(), "fields": fields, "language": t.language, "message": message,
    });
    events::emit_customer(&mut tx, "customer.documents-requested", customer, &payload).await?;
    let listed = fields.join(", ");
    mark(&mut tx, &t, version, Some(me), &json!({ "id": "support-event-documents", "refused": listed }), now)
        .await?;
    let entry = Entry::new(actor, "customer.documents-requested")
        .subject("customer", customer)
        .ip(ip)
        .details(json!({ "ticket": t.number(), "refused": listed }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
