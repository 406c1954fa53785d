//! Writes and reads of tickets and their messages. Every write runs in the caller's transaction,
//! with its audit entry and event written by the caller beside it.

use serde_json::json;
use sqlx::FromRow;
use time::OffsetDateTime;

use super::{
    calendar::Calendar,
    clocks::{self, Clocks},
    model,
};
use crate::{
    db::{Db, Tx},
    with_db, with_tx,
};

/// A ticket as stored, with the names the page shows.
#[derive(Clone, Debug, FromRow)]
pub struct Ticket {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub sender: Option<String>,
    pub channel: String,
    pub category: String,
    pub priority: String,
    pub state: String,
    pub language: String,
    pub subject: String,
    pub tags: String,
    pub assignee_id: Option<i64>,
    pub assignee: Option<String>,
    pub merged_into: Option<i64>,
    pub parent_id: Option<i64>,
    pub policy_version_id: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub first_response_due_at: OffsetDateTime,
    pub first_response_at: Option<OffsetDateTime>,
    pub resolution_due_at: OffsetDateTime,
    pub paused_at: Option<OffsetDateTime>,
    pub legal_due_at: Option<OffsetDateTime>,
    pub legal_escalate_at: Option<OffsetDateTime>,
    pub legal_done_at: Option<OffsetDateTime>,
    pub resolved_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub messages: i64,
    pub version: i64,
}

impl Ticket {
    pub fn number(&self) -> String {
        model::number(self.id)
    }

    pub fn clocks(&self) -> Clocks {
        Clocks {
            first_response_due_at: self.first_response_due_at,
            first_response_at: self.first_response_at,
            resolution_due_at: self.resolution_due_at,
            paused_at: self.paused_at,
            legal_due_at: self.legal_due_at,
            legal_escalate_at: self.legal_escalate_at,
            legal_done_at: self.legal_done_at,
        }
    }

    pub fn active(&self) -> bool {
        model::is_active(&self.state)
    }

    pub fn tag_list(&self) -> Vec<&str> {
        self.tags.split(' ').filter(|t| !t.is_empty()).collect()
    }
}

/// The columns of a [`Ticket`] (over `tickets t` joined to the assignee `staff s`).
pub(super) const TICKET_COLUMNS: &str =
    "t.id, t.customer_id, t.sender, t.channel, t.category, t.priority, t.state,
        t.language, t.subject, t.tags, t.assignee_id, s.full_name AS assignee, t.merged_into, t.parent_id,
        t.policy_version_id, t.created_at, t.updated_at, t.first_response_due_at, t.first_response_at,
        t.resolution_due_at, t.paused_at, t.legal_due_at, t.legal_escalate_at, t.legal_done_at,
        t.resolved_at, t.closed_at, t.messages, t.version";
pub(super) const TICKET_FROM: &str =
    "FROM tickets t LEFT JOIN staff s ON s.id = t.assignee_id WHERE t.id = $1";
fn ticket_sql() -> String {
    format!("SELECT {TICKET_COLUMNS} {TICKET_FROM}")
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Ticket>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(&ticket_sql()).bind(id).fetch_optional(c).await)
}

/// The ticket, locked for the rest of `tx` on PostgreSQL (SQLite's writer lock covers it).
pub async fn find_tx(tx: &mut Tx, id: i64) -> Result<Option<Ticket>, sqlx::Error> {
    match tx {
        Tx::Pg(c) => {
            sqlx::query_as(&format!("{} FOR UPDATE OF t", ticket_sql()))
                .bind(id)
                .fetch_optional(&mut **c)
                .await
        }
        Tx::Sqlite(c) => sqlx::query_as(&ticket_sql()).bind(id).fetch_optional(&mut **c).await,
    }
}

/// One line of the conversation (a row, or by position from JSON).
#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub author: Option<String>,
    pub body: String,
    #[serde(deserialize_with = "crate::db::json_rows::de::time")]
    pub created_at: OffsetDateTime,
    /// What became of a reply sent by mail (`mail_outbox.state`), its attempts and last error.
    #[serde(default)]
    #[sqlx(default)]
    pub mail_state: Option<String>,
    #[serde(default)]
    #[sqlx(default)]
    pub mail_attempts: Option<i64>,
    #[serde(default)]
    #[sqlx(default)]
    pub mail_error: Option<String>,
    /// The quoted history folded away of a message received by mail.
    #[serde(default)]
    #[sqlx(default)]
    pub quoted: Option<String>,
}

/// A ticket to open.
#[derive(Clone, Debug)]
pub struct NewTicket {
    pub customer_id: Option<i64>,
    pub sender: Option<String>,
    pub channel: &'static str,
    pub category: &'static str,
    pub priority: &'static str,
    pub language: &'static str,
    pub subject: String,
    pub body: String,
    pub tags: Vec<String>,
    pub policy_version_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub api_client_id: Option<i64>,
    /// The agent who wrote the customer's words down (a phone call).
    pub recorded_by: Option<i64>,
}

/// Opens a ticket with its first message; returns its id and the first message's id.
pub async fn create(
    tx: &mut Tx,
    cal: &mut Calendar,
    t: &NewTicket,
    at: OffsetDateTime,
) -> Result<(i64, i64), sqlx::Error> {
    let target = clocks::target(tx, t.category, t.priority).await?;
    let c = Clocks::start(cal, &target, at);
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO tickets (customer_id, sender, channel, category, priority, state, language, subject, tags,
             parent_id, policy_version_id, api_client_id, created_at, updated_at, first_response_due_at,
             resolution_due_at, legal_due_at, legal_escalate_at, due_at, messages, subject_folded)
         VALUES ($1, $2, $3, $4, $5, 'new', $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, $17, 1, $18)
         RETURNING id"
    )
    .bind(t.customer_id)
    .bind(t.sender.as_deref())
    .bind(t.channel)
    .bind(t.category)
    .bind(t.priority)
    .bind(t.language)
    .bind(&t.subject)
    .bind(t.tags.join(" "))
    .bind(t.parent_id)
    .bind(t.policy_version_id)
    .bind(t.api_client_id)
    .bind(at)
    .bind(c.first_response_due_at)
    .bind(c.resolution_due_at)
    .bind(c.legal_due_at)
    .bind(c.legal_escalate_at)
    .bind(c.due_at())
    .bind(t.subject.to_lowercase())
    .fetch_one(conn)
    .await
    })?;
    let message = insert_message(tx, id, "customer", t.channel, t.recorded_by, &t.body, at).await?;
    Ok((id, message))
}

/// Appends a line to the conversation (the ticket's counters are the caller's).
pub async fn insert_message(
    tx: &mut Tx,
    ticket: i64,
    kind: &str,
    channel: &str,
    author: Option<i64>,
    body: &str,
    at: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    with_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO ticket_messages (ticket_id, kind, channel, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(ticket)
    .bind(kind)
    .bind(channel)
    .bind(author)
    .bind(body)
    .bind(at)
    .fetch_one(c)
    .await)
}

/// What changes on a ticket: its fields and clocks, as they are to be stored.
pub struct Change<'a> {
    pub state: &'a str,
    pub priority: &'a str,
    pub category: &'a str,
    pub assignee_id: Option<i64>,
    pub tags: String,
    pub merged_into: Option<i64>,
    pub clocks: &'a Clocks,
    /// Messages added by this change.
    pub added: i64,
}

/// Stores `change` on `ticket` if it is still at `version`; `false` when someone changed it
/// first.
pub async fn update(
    tx: &mut Tx,
    ticket: &Ticket,
    version: i64,
    change: &Change<'_>,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let c = change.clocks;
    let resolved_at = match change.state {
        "resolved" => ticket.resolved_at.or(Some(at)),
        "closed" => ticket.resolved_at,
        _ => None,
    };
    let closed_at = (change.state == "closed").then_some(ticket.closed_at.unwrap_or(at));
    let done = with_tx!(tx, |conn| sqlx::query(
        "UPDATE tickets SET state = $1, priority = $2, category = $3, assignee_id = $4, tags = $5,
             merged_into = $6, first_response_due_at = $7, first_response_at = $8, resolution_due_at = $9,
             paused_at = $10, legal_due_at = $11, legal_escalate_at = $12, legal_done_at = $13, due_at = $14,
             resolved_at = $15, closed_at = $16, messages = messages + $17, updated_at = $18,
             version = version + 1
         WHERE id = $19 AND version = $20"
    )
    .bind(change.state)
    .bind(change.priority)
    .bind(change.category)
    .bind(change.assignee_id)
    .bind(&change.tags)
    .bind(change.merged_into)
    .bind(c.first_response_due_at)
    .bind(c.first_response_at)
    .bind(c.resolution_due_at)
    .bind(c.paused_at)
    .bind(c.legal_due_at)
    .bind(c.legal_escalate_at)
    .bind(c.legal_done_at)
    .bind(c.due_at())
    .bind(resolved_at)
    .bind(closed_at)
    .bind(change.added)
    .bind(at)
    .bind(ticket.id)
    .bind(version)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The event payload of a ticket for the app: what it needs to show the ticket.
pub fn event_payload(t: &Ticket, state: &str) -> serde_json::Value {
    json!({ "ticket_id": t.id, "number": t.number(), "state": state, "language": t.language })
}

/// A customer's ticket as their page lists it.
#[derive(Clone, Debug, FromRow)]
pub struct Line {
    pub id: i64,
    pub subject: String,
    pub category: String,
    pub state: String,
    pub created_at: OffsetDateTime,
    pub legal_due_at: Option<OffsetDateTime>,
    pub legal_done_at: Option<OffsetDateTime>,
}

impl Line {
    pub fn number(&self) -> String {
        model::number(self.id)
    }

    /// Whether a legal request on it is still unanswered.
    pub fn legal_open(&self) -> bool {
        self.legal_due_at.is_some() && self.legal_done_at.is_none() && model::is_active(&self.state)
    }
}

/// The customer's newest `limit` tickets, newest first.
pub async fn of_customer(db: &Db, customer: i64, limit: i64) -> Result<Vec<Line>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT id, subject, category, state, created_at, legal_due_at, legal_done_at
         FROM tickets WHERE customer_id = $1 ORDER BY id DESC LIMIT $2"
    )
    .bind(customer)
    .bind(limit)
    .fetch_all(c)
    .await)
}
