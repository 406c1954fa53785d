//! Retention (policy 8.1, the AML five-year rule): an archived customer's data is kept for the
//! configured years after their last activity (the newest application, later the newest ticket),
//! then their personal data is erased: names, contacts, addresses, the document's number and
//! issuer, the device and card, the contacts and the name index, notes, declarations' details,
//! staff comments and messages about them, the app's events' data, and the photos with their
//! files and their tickets' files (originals and display copies, in whichever store holds them).
//! The rows stay, anonymised, for statistics: amounts, terms, statuses, dates, sex, birth year,
//! decisions.
//!
//! The audit log is not touched: its entries name customers and applications by number and hold
//! codes, never the personal data erased here (see `docs/architecture.md`), so `verify-audit`
//! keeps passing.

use std::collections::BTreeSet;

use serde_json::json;
use time::{Date, Month, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    i18n::ALMATY,
    photos::storage::{Storage, remove_unnamed},
    with_db, with_tx,
};

/// Years an archived customer's data is kept after their last activity, by default.
pub const DEFAULT_YEARS: i32 = 5;

/// The day the customer's data may be erased: `years` after their last activity (29 February
/// becomes 28 February).
pub fn retained_until(last_activity: OffsetDateTime, years: i32) -> Date {
    let d = last_activity.to_offset(ALMATY).date();
    let year = d.year() + years;
    Date::from_calendar_date(year, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(year, Month::February, 28))
        .unwrap_or(d)
}

/// An archived customer past their retention date.
#[derive(Clone, Debug)]
pub struct Due {
    pub customer: i64,
    pub last_activity_at: OffsetDateTime,
    pub retained_until: Date,
    pub applications: i64,
}

/// The archived, not yet erased customers whose retention date is before `today`.
pub async fn due(db: &Db, years: i32, today: Date) -> Result<Vec<Due>, sqlx::Error> {
    let rows: Vec<(i64, OffsetDateTime, i64)> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT c.id, c.last_activity_at, (SELECT COUNT(*) FROM applications a WHERE a.customer_id = c.id)
         FROM customers c WHERE c.status = 'archived' AND c.erased_at IS NULL ORDER BY c.last_activity_at, c.id"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(customer, last_activity_at, applications)| Due {
            customer,
            last_activity_at,
            retained_until: retained_until(last_activity_at, years),
            applications,
        })
        .filter(|d| d.retained_until < today)
        .collect())
}

/// What erasing one customer removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    pub applications: i64,
    pub photos: i64,
    /// Files removed from the store (a file another customer's photo shares stays).
    pub files: i64,
}

/// Erases the personal data of customer `due.customer` if, read again under a lock, they are
/// still archived, not erased, and past their date (`years` after the last activity, before
/// `today`: an application that arrived since moves the date; `None` if not); with an audit entry
/// by `actor`. The photo files go after the commit, each only if no photo row names its bytes any
/// more.
pub async fn erase(
    db: &Db,
    store: &dyn Storage,
    actor: &Actor,
    due: &Due,
    years: i32,
    today: Date,
) -> Result<Option<Erased>, Box<dyn std::error::Error + Send + Sync>> {
    let id = due.customer;
    let mut tx = db.begin().await?;
    let lock = if matches!(tx, Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let sql =
        format!("SELECT status, last_activity_at FROM customers WHERE id = $1 AND erased_at IS NULL{lock}");
    let still: Option<(String, OffsetDateTime)> =
        with_tx!(&mut tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    let Some((status, last_activity)) = still else { return Ok(None) };
    if status != "archived" || retained_until(last_activity, years) >= today {
        return Ok(None);
    }
    let apps: Vec<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE customer_id = $1 ORDER BY id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let photos: Vec<(i64, String)> = with_tx!(&mut tx, |c| {
        sqlx::query_as(
        "SELECT p.id, p.sha256 FROM photos p JOIN applications a ON a.id = p.application_id WHERE a.customer_id = $1"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    // The files on their tickets are in the same store.
    let attached: Vec<String> = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "SELECT a.sha256 FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.customer_id = $1"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    // And the documents sent to have access restored.
    let restoration: Vec<String> = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
            "SELECT d.sha256 FROM restoration_documents d JOIN restoration_cases r ON r.id = d.case_id
             WHERE r.customer_id = $1",
        )
        .bind(id)
        .fetch_all(c)
        .await
    })?;
    erase_rows(&mut tx, id).await?;
    let shas: BTreeSet<String> =
        photos.iter().map(|(_, s)| s.clone()).chain(attached).chain(restoration).collect();
    let entry = Entry::new(actor, "customer.erased").subject("customer", id).details(json!({
        "applications": apps.len(),
        "photos": photos.len(),
        "retained_until": retained_until(last_activity, years).to_string(),
    }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    // A file is content-addressed: it goes only when no photo or ticket file (another
    // customer's, or one that arrived meanwhile) has the same bytes.
    let mut files = 0;
    for sha in &shas {
        if remove_unnamed(db, store, sha).await? {
            files += 1;
        }
    }
    Ok(Some(Erased { applications: apps.len() as i64, photos: photos.len() as i64, files }))
}

/// The statements that erase customer `$1`'s personal data and keep the anonymised rows.
const ERASE: &[&str] = &[
    "DELETE FROM photo_bands WHERE photo_id IN (SELECT p.id FROM photos p JOIN applications a ON a.id = p.application_id WHERE a.customer_id = $1)",
    "DELETE FROM photo_matches WHERE photo_id IN (SELECT p.id FROM photos p JOIN applications a ON a.id = p.application_id WHERE a.customer_id = $1)
        OR other_photo_id IN (SELECT p.id FROM photos p JOIN applications a ON a.id = p.application_id WHERE a.customer_id = $1)",
    "DELETE FROM photos WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "DELETE FROM application_contacts WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "DELETE FROM application_name_tokens WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "DELETE FROM application_name_pairs WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE application_notes SET body = '' WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE declaration_checks SET position = '', country = '', relation = '', owner_of = '', share = '', notes = ''
        WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE screening_hits SET explanation = '', comment = NULL WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE pep_approvals SET comment = NULL, return_reason = NULL WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE decisions SET message = NULL WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE qa_samples SET second_note = '', verdict_note = '' WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE outbox_events SET payload = '{\"erased\":true}' WHERE application_id IN (SELECT id FROM applications WHERE customer_id = $1)",
    "UPDATE archive_requests SET comment = '', decision_comment = NULL WHERE customer_id = $1",
    "UPDATE disclosures SET comment = NULL, data_other = NULL WHERE customer_id = $1",
    // The customer API's stored answers (an obligation's reference).
    "DELETE FROM idempotency_keys WHERE response LIKE '%\"customer_id\":' || CAST($1 AS TEXT) || ',%'",
    "UPDATE applications SET last_name = '', first_name = '', patronymic = NULL, search_name = '', iin = '',
            reg_address = '', home_address = '', doc_number = '', doc_issuer = '', phone = '', email = NULL,
            card_masked = '', card_token = '', pep_details = NULL, bo_details = NULL, employer_name = NULL,
            employer_address = NULL, device_id = '', device_model = '', device_os = '', ip = '',
            geo_lat = NULL, geo_lon = NULL, geo_accuracy_m = NULL, account_id = NULL
        WHERE customer_id = $1",
    "DELETE FROM customer_accounts WHERE customer_id = $1",
    // The support desk: what the customer wrote and what they asked to change.
    "UPDATE ticket_messages SET body = '' WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1)",
    "UPDATE ticket_changes SET old_value = NULL, new_value = '' WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1)",
    // Access restoration: the documents sent (before the ticket files some were taken from),
    // what the app reported the account did, what the new ID said and where the customer
    // applied from.
    "DELETE FROM restoration_documents WHERE case_id IN (SELECT id FROM restoration_cases WHERE customer_id = $1)",
    "DELETE FROM customer_activity WHERE customer_id = $1",
    "UPDATE restoration_cases SET new_device = NULL, new_phone = NULL, id_iin = NULL, id_last_name = NULL,
            id_first_name = NULL, id_doc_number = NULL, note = NULL WHERE customer_id = $1",
    "DELETE FROM ticket_attachments WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1)",
    "UPDATE ticket_mail SET address = '', quoted = NULL WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1)",
    "UPDATE jobs SET last_error = NULL WHERE kind = 'mail.send' AND id IN (SELECT job_id FROM mail_outbox WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1))",
    "UPDATE mail_outbox SET recipient = '', subject = '', body = '', last_error = NULL WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = $1)",
    "UPDATE tickets SET subject = '', subject_folded = '', sender = NULL, tags = '' WHERE customer_id = $1",
    // Access restoration: what the customer reported.
    "UPDATE restoration_reports SET description = '', police_report = NULL WHERE case_id IN (SELECT id FROM restoration_cases WHERE customer_id = $1)",
    "DELETE FROM customer_fields WHERE customer_id = $1",
    "UPDATE customer_events SET payload = '{\"erased\":true}' WHERE customer_id = $1",
    "UPDATE customers SET obligation_reference = NULL, status_comment = NULL WHERE id = $1",
];

async fn erase_rows(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    for sql in ERASE {
        with_tx!(tx, |c| sqlx::query(sql).bind(id).execute(c).await.map(|_| ()))?;
    }
    // The birth date keeps its year; the IIN the customer was known by becomes a placeholder
    // (the column is unique).
    let birth_year = match tx {
        Tx::Pg(_) => {
            "UPDATE applications SET birth_date = make_date(EXTRACT(YEAR FROM birth_date)::int, 1, 1) WHERE customer_id = $1"
        }
        Tx::Sqlite(_) => {
            "UPDATE applications SET birth_date = substr(birth_date, 1, 4) || '-01-01' WHERE customer_id = $1"
        }
    };
    with_tx!(tx, |c| sqlx::query(birth_year).bind(id).execute(c).await.map(|_| ()))?;
    with_tx!(tx, |c| sqlx::query("UPDATE customers SET iin = $1, erased_at = $2 WHERE id = $3")
        .bind(format!("erased-{id}"))
        .bind(db::now())
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}
