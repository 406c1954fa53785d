//! The policy's requests decided on a ticket: a change of the customer's data (8.3), field by
//! field, and a withdrawal of consent (6.1.5). Each decision is one transaction with the ticket's
//! version, an event line in the conversation, the audit entry, and an event to the app.
//!
//! A data change applies only to the fields a customer may change alone; the name, IIN, birth
//! date and document data are refused with the reason (documents go through a KYC
//! resubmission). Applied values become the customer's current ones (`customer_fields`), newer
//! than their applications, which stay as the evidence they were. A consent withdrawal is
//! refused while an obligation is unfulfilled (as the app last reported it).

use std::collections::BTreeMap;

use serde_json::json;
use sqlx::FromRow;
use time::OffsetDateTime;

use super::{store, work::WorkError};
use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    events,
    intake::{input::MARITAL, phone::Phone},
    with_db, with_tx,
};

/// Fields a customer may ask to change.
pub const CHANGEABLE: [&str; 6] =
    ["phone", "email", "home_address", "reg_address", "employer", "marital_status"];
/// Fields only a KYC resubmission of the documents changes.
pub const LOCKED: [&str; 7] =
    ["last_name", "first_name", "patronymic", "iin", "birth_date", "doc_number", "doc_expires_on"];

/// A requested value checked and normalised, or the code of why not (the API's error code).
pub fn check_value(field: &str, raw: &str) -> Result<String, &'static str> {
    let v = raw.trim();
    if v.is_empty() {
        return Err("required");
    }
    if v.chars().count() > 300 {
        return Err("too_long");
    }
    if v.chars().any(char::is_control) {
        return Err("control_characters");
    }
    match field {
        "phone" => Phone::parse(v).map(|p| p.as_str().to_string()).map_err(|_| "invalid_phone"),
        "email" => {
            let (local, domain) = v.split_once('@').unwrap_or(("", ""));
            let ok = !local.is_empty() && domain.contains('.') && !v.chars().any(char::is_whitespace);
            if ok { Ok(v.to_lowercase()) } else { Err("invalid_email") }
        }
        "marital_status" => MARITAL.iter().find(|m| **m == v).map(|m| m.to_string()).ok_or("invalid_choice"),
        f if CHANGEABLE.contains(&f) || LOCKED.contains(&f) => Ok(v.to_string()),
        _ => Err("unknown_field"),
    }
}

/// One requested change.
#[derive(Clone, Debug, FromRow)]
pub struct Change {
    pub id: i64,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: String,
    pub decision: Option<String>,
    pub reason: Option<String>,
}

impl Change {
    pub fn locked(&self) -> bool {
        LOCKED.contains(&self.field.as_str())
    }
}

pub async fn changes(db: &Db, ticket: i64) -> Result<Vec<Change>, sqlx::Error> {
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT id, field, old_value, new_value, decision, reason FROM ticket_changes WHERE ticket_id = $1 ORDER BY id"
    )
    .bind(ticket)
    .fetch_all(c)
    .await
    })
}

/// The customer's current values of the changeable and locked fields: their newest
/// application's, overridden by values changed on request.
pub async fn current(tx: &mut Tx, customer: i64) -> Result<BTreeMap<String, String>, sqlx::Error> {
    type Row = (
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
    );
    let row: Option<Row> = with_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT a.phone, a.iin, a.email, a.home_address, a.reg_address, a.employer_name, a.marital_status,
                a.last_name, a.patronymic, a.first_name, a.doc_number, CAST(a.birth_date AS TEXT)
         FROM applications a WHERE a.customer_id = $1 ORDER BY a.received_at DESC, a.id DESC LIMIT 1"
    )
    .bind(customer)
    .fetch_optional(c)
    .await
    })?;
    let mut out = BTreeMap::new();
    if let Some((phone, iin, email, home, reg, employer, marital, last, patronymic, first, doc, birth)) = row
    {
        for (k, v) in [
            ("phone", Some(phone)),
            ("iin", Some(iin)),
            ("email", email),
            ("home_address", Some(home)),
            ("reg_address", Some(reg)),
            ("employer", employer),
            ("marital_status", Some(marital)),
            ("last_name", Some(last)),
            ("first_name", Some(first)),
            ("patronymic", patronymic),
            ("doc_number", Some(doc)),
            ("birth_date", Some(birth)),
        ] {
            if let Some(v) = v {
                out.insert(k.to_string(), v);
            }
        }
    }
    let changed: Vec<(String, String)> =
        with_tx!(tx, |c| sqlx::query_as("SELECT field, value FROM customer_fields WHERE customer_id = $1")
            .bind(customer)
            .fetch_all(c)
            .await)?;
    out.extend(changed);
    Ok(out)
}

/// Stores the fields a new data-change ticket asks for, with their current values.
pub async fn insert_changes(
    tx: &mut Tx,
    ticket: i64,
    customer: i64,
    asked: &[(String, String)],
) -> Result<(), sqlx::Error> {
    let now = current(tx, customer).await?;
    for (field, value) in asked {
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO ticket_changes (ticket_id, field, old_value, new_value) VALUES ($1, $2, $3, $4)"
        )
        .bind(ticket)
        .bind(field)
        .bind(now.get(field))
        .bind(value)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// Adds an event line to the ticket's conversation and bumps its version if still at `version`.
pub(super) async fn mark(
    tx: &mut Tx,
    t: &store::Ticket,
    version: i64,
    me: Option<i64>,
    body: &serde_json::Value,
    at: OffsetDateTime,
) -> Result<(), WorkError> {
    store::insert_message(tx, t.id, "event", "portal", me, &body.to_string(), at).await?;
    let n = with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE tickets SET messages = messages + 1, updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3"
    )
    .bind(at)
    .bind(t.id)
    .bind(version)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n == 1 { Ok(()) } else { Err(WorkError::Stale) }
}

/// Decides the pending changes of ticket `id`: `apply` lists the ids to apply, every other
/// pending change is refused (a locked field always is).
pub async fn decide_changes(
    db: &Db,
    actor: &Actor,
    me: i64,
    id: i64,
    version: i64,
    apply: &[i64],
    ip: &str,
) -> Result<(), WorkError> {
    let mut tx = db.begin().await?;
    let t = store::find_tx(&mut tx, id).await?.ok_or(WorkError::NotFound)?;
    if t.version != version {
        return Err(WorkError::Stale);
    }
    if t.category != "data_change" || !t.active() {
        return Err(WorkError::Refused("support-changes-not-open", "changes"));
    }
    let customer = t.customer_id.ok_or(WorkError::Refused("support-changes-no-customer", "changes"))?;
    let pending: Vec<Change> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT id, field, old_value, new_value, decision, reason FROM ticket_changes
         WHERE ticket_id = $1 AND decision IS NULL ORDER BY id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    if pending.is_empty() {
        return Err(WorkError::Refused("support-changes-none", "changes"));
    }
    let now = db::now();
    let (mut applied, mut refused) = (Vec::new(), Vec::new());
    let mut values = serde_json::Map::new();
    for ch in &pending {
        let yes = apply.contains(&ch.id) && !ch.locked();
        let (decision, reason) = match (yes, ch.locked()) {
            (true, _) => ("applied", None),
            (false, true) => ("refused", Some("locked")),
            (false, false) => ("refused", Some("agent")),
        };
        with_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE ticket_changes SET decision = $1, reason = $2, decided_by = $3, decided_at = $4 WHERE id = $5"
        )
        .bind(decision)
        .bind(reason)
        .bind(me)
        .bind(now)
        .bind(ch.id)
        .execute(c)
        .await
        .map(|_| ())
        })?;
        if yes {
            with_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO customer_fields (customer_id, field, value, changed_at, ticket_id) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (customer_id, field) DO UPDATE SET value = excluded.value,
                     changed_at = excluded.changed_at, ticket_id = excluded.ticket_id"
            )
            .bind(customer)
            .bind(&ch.field)
            .bind(&ch.new_value)
            .bind(now)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ())
            })?;
            values.insert(ch.field.clone(), json!(ch.new_value));
            applied.push(ch.field.clone());
        } else {
            refused.push(ch.field.clone());
        }
    }
    let body = json!({ "id": "support-event-changes", "applied": applied.join(", "), "refused": refused.join(", ") });
    mark(&mut tx, &t, version, Some(me), &body, now).await?;
    // The audit entry names the fields, not their values (those are in the ticket).
    let entry = Entry::new(actor, "customer.data-changed")
        .subject("customer", customer)
        .ip(ip)
        .details(json!({ "ticket": t.number(), "added": applied.join(", "), "refused": refused.join(", ") }));
    audit::record(&mut tx, entry).await?;
    if !applied.is_empty() {
        let payload = json!({ "ticket_id": t.id, "number": t.number(), "fields": values });
        events::emit_customer(&mut tx, "customer.data-changed", customer, &payload).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Records a consent withdrawal asked for on ticket `id` (`record`), or refuses it because an
/// obligation is unfulfilled (the only legal ground to refuse).
pub async fn withdrawal(
    db: &Db,
    actor: &Actor,
    me: i64,
    id: i64,
    version: i64,
    record: bool,
    ip: &str,
) -> Result<(), WorkError> {
    let mut tx = db.begin().await?;
    let t = store::find_tx(&mut tx, id).await?.ok_or(WorkError::NotFound)?;
    if t.version != version {
        return Err(WorkError::Stale);
    }
    if t.category != "consent_withdrawal" || !t.active() {
        return Err(WorkError::Refused("support-withdrawal-not-open", "decision"));
    }
    let customer = t.customer_id.ok_or(WorkError::Refused("support-changes-no-customer", "decision"))?;
    let lock = if matches!(tx, Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let obligation: Option<bool> = with_tx!(&mut tx, |c| sqlx::query_scalar(&format!(
        "SELECT obligation_open FROM customers WHERE id = $1{lock}"
    ))
    .bind(customer)
    .fetch_one(c)
    .await)?;
    let open = obligation == Some(true);
    if record && open {
        return Err(WorkError::Refused("support-withdrawal-obligation", "decision"));
    }
    if !record && !open {
        return Err(WorkError::Refused("support-withdrawal-no-ground", "decision"));
    }
    let now = db::now();
    let outcome = if record {
        // Withdrawn from the version in effect: the newest one the customer consented to.
        let version_id: Option<i64> = with_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "SELECT policy_version_id FROM consents WHERE customer_id = $1 AND given ORDER BY at DESC, id DESC LIMIT 1"
        )
        .bind(customer)
        .fetch_optional(c)
        .await
        })?;
        let Some(version_id) = version_id else {
            return Err(WorkError::Refused("support-withdrawal-no-consent", "decision"));
        };
        crate::consents::store::record(&mut tx, customer, version_id, false, now, None).await?;
        let payload = json!({ "ticket_id": t.id, "number": t.number(), "action": "withdrawn" });
        events::emit_customer(&mut tx, "customer.consent-withdrawn", customer, &payload).await?;
        "support-event-withdrawn"
    } else {
        "support-event-withdrawal-refused"
    };
    mark(&mut tx, &t, version, Some(me), &json!({ "id": outcome }), now).await?;
    let action = if record { "customer.consent-recorded" } else { "customer.consent-withdrawal-refused" };
    let given = if record { "no" } else { "yes" };
    let entry = Entry::new(actor, action)
        .subject("customer", customer)
        .ip(ip)
        .details(json!({ "ticket": t.number(), "given": given }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
