//! The audit trail: an append-only, hash-chained log of every change and every view of personal
//! data. An entry is written in the same transaction as the change it records; each stores the
//! hash of the previous entry, so editing or deleting a row breaks the chain that
//! [`verify`] (and `kreditomat-portal verify-audit`) checks.

mod about;
pub mod page;
mod person;
mod verify;
pub mod views;

use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::{
    db::{self, Tx},
    with_tx,
};

pub use page::router;
pub use verify::{Break, Verdict, verify};
pub use views::ViewLog;

/// Every action the portal records, for the trail's filter; each has an `audit-action-*` name.
pub const ACTIONS: &[&str] = &[
    "sign-in.succeeded",
    "sign-in.failed",
    "sign-in.throttled",
    "sign-in.unlocked",
    "sign-in.refusals-counted",
    "sign-in.address-unlocked",
    "sign-in.password-accepted",
    "sign-in.code-failed",
    "account.second-factor-enrolled",
    "account.passkey-added",
    "account.passkey-renamed",
    "account.passkey-removed",
    "account.second-factor-removed",
    "account.recovery-codes-renewed",
    "account.session-ended",
    "account.sessions-ended",
    "staff.session-ended",
    "settings.second-factor-roles-changed",
    "staff.second-factor-reset-asked",
    "staff.second-factor-reset",
    "staff.second-factor-reset-cancelled",
    "step-up.succeeded",
    "step-up.failed",
    "sign-out",
    "account.password-changed",
    "account.language-changed",
    "staff.created",
    "staff.roles-changed",
    "staff.deactivated",
    "staff.reactivated",
    "staff.password-reset",
    "staff.access-list-exported",
    "api-key.created",
    "api-key.revoked",
    "job.retried",
    "job.cancelled",
    "mail.retried",
    "restoration.opened",
    "dashboard.exported",
    "audit.activity-exported",
    "restoration.report-joined",
    "restoration.documents-added",
    "restoration.proposed",
    "restoration.proposal-returned",
    "restoration.refused",
    "restoration.restored",
    "customer.activity-recorded",
    "application.received",
    "application.documents-resubmitted",
    "application.refused",
    "application.claimed",
    "application.released",
    "application.approved",
    "application.rejected",
    "application.resubmission-requested",
    "application.resubmission-withdrawn",
    "application.resubmission-expired",
    "application.note-added",
    "quality.sampled",
    "quality.claimed",
    "quality.reviewed",
    "quality.verdict",
    "quality.share-changed",
    "customer.blocked",
    "customer.unblocked",
    "customer.restricted",
    "customer.archive-requested",
    "customer.archived",
    "customer.archive-refused",
    "customer.archive-withdrawn",
    "customer.consent-recorded",
    "customer.obligation-reported",
    "policy.version-added",
    "customer.disclosure-recorded",
    "customer.erased",
    "disclosures.exported",
    "reason.created",
    "reason.updated",
    "photo.original-downloaded",
    "screening.list-imported",
    "screening.hit-confirmed",
    "screening.hit-dismissed",
    "declaration.checked",
    "pep.senior-approved",
    "pep.returned",
    "pep.resent",
    "screening.hit-reopened",
    "compliance.case-claimed",
    "compliance.case-released",
    "ticket.created",
    "ticket.message-received",
    "ticket.replied",
    "ticket.attachment-downloaded",
    "support.targets-changed",
    "ticket.noted",
    "ticket.updated",
    "ticket.merged",
    "ticket.sla-warned",
    "ticket.escalated",
    "calendar.day-set",
    "calendar.day-removed",
    "canned-reply.created",
    "canned-reply.updated",
    "customer.data-changed",
    "customer.consent-withdrawal-refused",
    "customer.data-summary-produced",
    "customer.documents-requested",
];

/// Who did something.
#[derive(Clone, Debug)]
pub enum Actor {
    /// A signed-in staff member.
    Staff { id: i64, login: String },
    /// A client of the API (the app's backend).
    Api { id: i64, name: String },
    /// The portal itself or an operator at the command line.
    System(&'static str),
    /// Someone not signed in (a failed sign-in, say).
    Anonymous,
}

impl Actor {
    fn kind(&self) -> &'static str {
        match self {
            Actor::Staff { .. } => "staff",
            Actor::Api { .. } => "api",
            Actor::System(_) => "system",
            Actor::Anonymous => "anonymous",
        }
    }

    fn id(&self) -> Option<i64> {
        match self {
            Actor::Staff { id, .. } | Actor::Api { id, .. } => Some(*id),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self {
            Actor::Staff { login, .. } => login.clone(),
            Actor::Api { name, .. } => name.clone(),
            Actor::System(name) => (*name).to_string(),
            Actor::Anonymous => String::new(),
        }
    }
}

/// One entry to append.
#[derive(Debug)]
pub struct Entry<'a> {
    actor: Actor,
    action: &'a str,
    subject: Option<(&'a str, String)>,
    details: Value,
    ip: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// `actor` did `action` (a dotted name such as `staff.deactivated`).
    pub fn new(actor: &Actor, action: &'a str) -> Self {
        Entry {
            actor: actor.clone(),
            action,
            subject: None,
            details: Value::Object(Default::default()),
            ip: None,
        }
    }

    /// What the action was done to (`"staff"`, id).
    pub fn subject(mut self, kind: &'a str, id: impl ToString) -> Self {
        self.subject = Some((kind, id.to_string()));
        self
    }

    /// Details as JSON (before/after values, reasons).
    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The client address the request came from.
    pub fn ip(mut self, ip: &'a str) -> Self {
        self.ip = Some(ip);
        self
    }
}

/// The fields a hash covers, in a fixed order.
struct Canonical<'a> {
    seq: i64,
    at: OffsetDateTime,
    actor_type: &'a str,
    actor_id: Option<i64>,
    actor_label: &'a str,
    action: &'a str,
    subject_type: Option<&'a str>,
    subject_id: Option<&'a str>,
    details: &'a str,
    ip: Option<&'a str>,
}

/// `sha256(prev_hash | json([fields...]))`, hex encoded.
fn chain_hash(prev_hash: &str, c: &Canonical<'_>) -> String {
    let micros = c.at.unix_timestamp_nanos() / 1_000;
    let fields = serde_json::json!([
        c.seq,
        micros.to_string(),
        c.actor_type,
        c.actor_id,
        c.actor_label,
        c.action,
        c.subject_type,
        c.subject_id,
        c.details,
        c.ip
    ]);
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"|");
    h.update(fields.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// An entry's columns as stored, with its place in the chain.
struct Sealed {
    seq: i64,
    at: OffsetDateTime,
    actor_type: &'static str,
    actor_id: Option<i64>,
    actor_label: String,
    details: String,
    prev_hash: String,
    hash: String,
}

/// Seals `entry` as number `seq` at `at`, after the entry whose hash is `prev_hash`.
fn seal(seq: i64, at: OffsetDateTime, entry: &Entry<'_>, prev_hash: String) -> Sealed {
    let details = entry.details.to_string();
    let actor_label = entry.actor.label();
    let canonical = Canonical {
        seq,
        at,
        actor_type: entry.actor.kind(),
        actor_id: entry.actor.id(),
        actor_label: &actor_label,
        action: entry.action,
        subject_type: entry.subject.as_ref().map(|(k, _)| *k),
        subject_id: entry.subject.as_ref().map(|(_, id)| id.as_str()),
        details: &details,
        ip: entry.ip,
    };
    let hash = chain_hash(&prev_hash, &canonical);
    Sealed {
        seq,
        at,
        actor_type: entry.actor.kind(),
        actor_id: entry.actor.id(),
        actor_label,
        details,
        prev_hash,
        hash,
    }
}

/// Appends `entry` inside `tx`; returns its sequence number. The chain head row is locked until
/// `tx` ends, so concurrent writers queue instead of forking the chain.
pub async fn record(tx: &mut Tx, entry: Entry<'_>) -> Result<i64, sqlx::Error> {
    const BUMP: &str = "UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";
    let (seq, prev_hash): (i64, String) = with_tx!(tx, |c| sqlx::query_as(BUMP).fetch_one(c).await)?;
    let s = seal(seq, db::now(), &entry, prev_hash);
    with_tx!(tx, |c| {
        sqlx::query("UPDATE audit_chain_head SET hash = $1 WHERE id = 1")
            .bind(&s.hash)
            .execute(&mut *c)
            .await?;
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_type, actor_id, actor_label, action,
                                    subject_type, subject_id, details, ip, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(s.seq)
        .bind(s.at)
        .bind(s.actor_type)
        .bind(s.actor_id)
        .bind(&s.actor_label)
        .bind(entry.action)
        .bind(entry.subject.as_ref().map(|(k, _)| *k))
        .bind(entry.subject.as_ref().map(|(_, id)| id.as_str()))
        .bind(&s.details)
        .bind(entry.ip)
        .bind(&s.prev_hash)
        .bind(&s.hash)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(seq)
}

/// An entry with its own time, for [`append_many`].
#[derive(Debug)]
pub struct Dated<'a> {
    pub at: OffsetDateTime,
    pub entry: Entry<'a>,
}

/// Appends `entries` inside `tx` in their order, chained like [`record`] but written with
/// multi-row inserts (for loading history in bulk: the seed command). Each keeps its own time.
pub async fn append_many(tx: &mut Tx, entries: &[Dated<'_>]) -> Result<(), sqlx::Error> {
    use crate::db::bulk::{V, insert};
    const COLUMNS: &[&str] = &[
        "seq",
        "at",
        "actor_type",
        "actor_id",
        "actor_label",
        "action",
        "subject_type",
        "subject_id",
        "details",
        "ip",
        "prev_hash",
        "hash",
    ];
    if entries.is_empty() {
        return Ok(());
    }
    let lock = match tx {
        Tx::Pg(_) => " FOR UPDATE",
        Tx::Sqlite(_) => "",
    };
    let head = format!("SELECT seq, hash FROM audit_chain_head WHERE id = 1{lock}");
    let (mut seq, mut hash): (i64, String) = with_tx!(tx, |c| sqlx::query_as(&head).fetch_one(c).await)?;
    let mut rows = Vec::with_capacity(entries.len());
    for Dated { at, entry } in entries {
        seq += 1;
        let s = seal(seq, *at, entry, hash);
        hash = s.hash.clone();
        rows.push(vec![
            V::Int(s.seq),
            V::Time(s.at),
            V::Text(s.actor_type.into()),
            V::OptInt(s.actor_id),
            V::Text(s.actor_label),
            V::Text(entry.action.into()),
            V::OptText(entry.subject.as_ref().map(|(k, _)| (*k).to_string())),
            V::OptText(entry.subject.as_ref().map(|(_, id)| id.clone())),
            V::Text(s.details),
            V::OptText(entry.ip.map(str::to_string)),
            V::Text(s.prev_hash),
            V::Text(s.hash),
        ]);
    }
    insert(tx, "audit_log", COLUMNS, &rows).await?;
    with_tx!(tx, |c| sqlx::query("UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(&hash)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Appends `entry` in a transaction of its own (for events that change nothing else, such as a
/// failed sign-in).
pub async fn record_alone(db: &db::Db, entry: Entry<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let seq = record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(seq)
}
