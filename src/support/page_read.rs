//! The ticket page's read: the ticket row and what the page shows beside it (the customer with
//! their newest application, the conversation, its files, the canned replies for the category,
//! the agents to assign, the policy version an objection names, the ticket's history, the
//! address a reply is mailed to) in one
//! statement, each list folded into one JSON value ([`crate::db::json_rows::columns`]): one round
//! trip, not eight.
//! The lists name the ticket's own values through `(SELECT ... FROM tickets WHERE id = $1)`, a
//! primary-key lookup each, so no list depends on a correlated subquery in `FROM` (which SQLite
//! does not take).

use serde::Deserialize;
use sqlx::{FromRow, Row};

use super::{
    attachments::{ATTACHMENT_SQL, Attachment},
    canned::{self, Canned},
    store::{Message, TICKET_COLUMNS, TICKET_FROM, Ticket},
};
use crate::{
    db::{Db, json_rows},
    with_db,
};

/// The customer as the ticket page needs them: their account and their newest application's
/// name and phone.
#[derive(Clone, Debug, Deserialize)]
pub struct PersonRow {
    pub id: i64,
    pub iin: String,
    pub status: String,
    /// `true`, `false` or unknown (`null`), as either backend writes a boolean.
    pub obligation_open: Option<serde_json::Value>,
    pub application_id: i64,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: String,
}

impl PersonRow {
    pub fn obligation_open(&self) -> Option<bool> {
        match &self.obligation_open {
            Some(serde_json::Value::Bool(b)) => Some(*b),
            Some(serde_json::Value::Number(n)) => Some(n.as_i64() != Some(0)),
            _ => None,
        }
    }

    pub fn full_name(&self) -> String {
        crate::review::store::full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }
}

/// What the page shows beside the ticket.
pub struct Lists {
    /// The ticket's audit entries, newest first, as JSON for [`crate::audit::page::shown`].
    pub history: String,
    pub person: Option<PersonRow>,
    pub messages: Vec<Message>,
    pub files: Vec<Attachment>,
    pub canned: Vec<Canned>,
    pub agents: Vec<(i64, String)>,
    pub policy_version: Option<String>,
    /// The address a reply is also mailed to, if the customer wrote by mail.
    pub mail_to: Option<String>,
}

/// Ticket `id` with the page's lists (and the newest `history` entries about it), if there is one.
pub async fn ticket(db: &Db, id: i64, history: i64) -> Result<Option<(Ticket, Lists)>, sqlx::Error> {
    let files = format!("{ATTACHMENT_SQL} WHERE ticket_id = $1");
    let (audit, audit_columns, audit_order) = crate::audit::page::about_one("ticket", history);
    let canned = "SELECT id, title_ru, title_kk, body_ru, body_kk, category, active FROM canned_replies
         WHERE active AND (category IS NULL OR category = (SELECT category FROM tickets WHERE id = $1))";
    let lists = json_rows::columns(
        db,
        &[
            (
                "SELECT c.id, c.iin, c.status, c.obligation_open, a.id AS application_id, a.last_name,
                        a.first_name, a.patronymic, a.phone
                 FROM customers c JOIN applications a ON a.id = (
                     SELECT a2.id FROM applications a2 WHERE a2.customer_id = c.id
                     ORDER BY a2.received_at DESC, a2.id DESC LIMIT 1)
                 WHERE c.id = (SELECT customer_id FROM tickets WHERE id = $1)",
                &[
                    "id",
                    "iin",
                    "status",
                    "obligation_open",
                    "application_id",
                    "last_name",
                    "first_name",
                    "patronymic",
                    "phone",
                ],
                "id",
            ),
            (
                "SELECT m.id, m.kind, m.channel, s.full_name AS author, m.body, m.created_at,
                        CASE WHEN o.state IN ('queued', 'retrying') AND (j.id IS NULL OR j.state IN ('failed', 'cancelled'))
                             THEN 'failed' ELSE o.state END AS mail_state,
                        o.attempts AS mail_attempts, o.last_error AS mail_error,
                        tm.quoted
                 FROM ticket_messages m LEFT JOIN staff s ON s.id = m.author_id
                 LEFT JOIN mail_outbox o ON o.ticket_message_id = m.id
                 LEFT JOIN jobs j ON j.id = o.job_id
                 LEFT JOIN ticket_mail tm ON tm.ticket_message_id = m.id AND tm.direction = 'in'
                 WHERE m.ticket_id = $1",
                &[
                    "id",
                    "kind",
                    "channel",
                    "author",
                    "body",
                    "created_at",
                    "mail_state",
                    "mail_attempts",
                    "mail_error",
                    "quoted",
                ],
                "id",
            ),
            (&files, &["id", "message_id", "file_name", "content_type", "size_bytes", "sha256"], "id"),
            (canned, &canned::COLUMNS, "title_ru, id"),
            (
                "SELECT DISTINCT s.id, s.full_name FROM staff s LEFT JOIN staff_roles r ON r.staff_id = s.id
                 WHERE (s.active AND r.role IN ('support', 'security'))
                    OR s.id = (SELECT assignee_id FROM tickets WHERE id = $1)",
                &["id", "full_name"],
                "full_name, id",
            ),
            (
                "SELECT number FROM policy_versions WHERE id = (SELECT policy_version_id FROM tickets WHERE id = $1)",
                &["number"],
                "number",
            ),
            (&audit, audit_columns, audit_order),
            // Where a reply goes by mail ([`crate::mail::outbound`]): the newest address the
            // customer wrote from that the mail server did not find forged.
            (
                "SELECT address, created_at, message_id FROM ticket_mail
                 WHERE ticket_id = $1 AND direction = 'in' AND NOT unverified AND address <> ''",
                &["address"],
                "created_at, message_id",
            ),
        ],
    );
    let sql = format!("SELECT {TICKET_COLUMNS}, {lists} {TICKET_FROM}");
    let found: Option<(Ticket, [String; 8])> = with_db!(db, |c| {
        match sqlx::query(&sql).bind(id).fetch_optional(c).await? {
            Some(row) => {
                let list = |n: usize| row.try_get::<String, _>(format!("l{n}").as_str());
                let lists = [list(0)?, list(1)?, list(2)?, list(3)?, list(4)?, list(5)?, list(6)?, list(7)?];
                Some((Ticket::from_row(&row)?, lists))
            }
            None => None,
        }
    });
    let Some((t, [person, messages, files, canned, agents, policy, history, mailed])) = found else {
        return Ok(None);
    };
    let person: Vec<PersonRow> = json_rows::parse(&person)?;
    let policy: Vec<(String,)> = json_rows::parse(&policy)?;
    let mailed: Vec<(String,)> = json_rows::parse(&mailed)?;
    let lists = Lists {
        history,
        person: person.into_iter().next(),
        messages: json_rows::parse(&messages)?,
        files: json_rows::parse(&files)?,
        canned: json_rows::parse(&canned)?,
        agents: json_rows::parse(&agents)?,
        policy_version: policy.into_iter().next().map(|p| p.0),
        mail_to: mailed.into_iter().last().map(|m| m.0),
    };
    Ok(Some((t, lists)))
}
