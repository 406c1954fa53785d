//! `/admin/mail`: the mail the portal sends, by state (waiting, retrying, failed, sent, kept for
//! want of a mail server), with the recipient masked; `/admin/mail/{id}`: one message as it goes
//! out (its headers, its text, its files), a view of personal data written to the access log.
//! A failed message may be sent again: a new job, audited, guarded by the state the
//! administrator saw.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::outbound;
use crate::{
    audit::{self, Entry},
    auth::{
        access,
        personal_data::{Field, mask},
    },
    error::{AppError, AppResult},
    jobs::queue,
    web::{AppState, Ctx, context::with_query, form::Form, page::Page},
    with_db, with_tx,
};

/// Outbox states, in the order of the page's tabs.
pub const STATES: [&str; 5] = ["queued", "retrying", "failed", "sent", "kept"];

/// Messages per page.
const PAGE_SIZE: i64 = 100;

/// `/admin/mail...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/mail", get(list))
        .route("/admin/mail/{id}", get(show))
        .route("/admin/mail/{id}/retry", post(retry))
}

/// A message as the pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Outgoing {
    pub id: i64,
    pub ticket_id: i64,
    pub ticket_message_id: Option<i64>,
    pub kind: String,
    pub message_id: String,
    pub recipient: String,
    pub subject: String,
    pub language: String,
    pub body: String,
    pub in_reply_to: Option<String>,
    pub refs: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

impl Outgoing {
    pub fn masked_recipient(&self) -> String {
        mask(Field::Email, &self.recipient)
    }

    pub fn number(&self) -> String {
        crate::support::model::number(self.ticket_id)
    }
}

const COLUMNS: &str =
    "id, ticket_id, ticket_message_id, kind, message_id, recipient, subject, language, body,
                       in_reply_to, refs, state, attempts, last_error, created_at, sent_at";

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    state: String,
    after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/outbox.html")]
struct OutboxPage {
    page: Page,
    counts: Vec<(&'static str, i64)>,
    state: &'static str,
    mails: Vec<Outgoing>,
    next: Option<String>,
    smtp: bool,
}

async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let db = &state.db;
    let counted: Vec<(String, i64)> =
        with_db!(db, |c| sqlx::query_as("SELECT state, COUNT(*) FROM mail_outbox GROUP BY state")
            .fetch_all(c)
            .await)?;
    let counts: Vec<(&'static str, i64)> =
        STATES.iter().map(|s| (*s, counted.iter().find(|(x, _)| x == s).map_or(0, |(_, n)| *n))).collect();
    let count = |state: &str| counts.iter().find(|(s, _)| *s == state).map_or(0, |(_, n)| *n);
    // What needs an administrator first: failed mail, then mail being retried.
    let shown = match STATES.iter().find(|s| **s == q.state) {
        Some(s) => *s,
        None if count("failed") > 0 => "failed",
        None if count("retrying") > 0 => "retrying",
        None if state.smtp.is_none() => "kept",
        None => "sent",
    };
    let after: i64 = q.after.parse().ok().filter(|a| *a > 0).unwrap_or(i64::MAX);
    let mut mails: Vec<Outgoing> = with_db!(db, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE state = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
    ))
    .bind(shown)
    .bind(after)
    .bind(PAGE_SIZE + 1)
    .fetch_all(c)
    .await)?;
    let next = if mails.len() as i64 > PAGE_SIZE {
        mails.truncate(PAGE_SIZE as usize);
        mails.last().map(|m| with_query("/admin/mail", &[("state", shown), ("after", &m.id.to_string())]))
    } else {
        None
    };
    let page = OutboxPage {
        page: ctx.page("mail-outbox-title"),
        counts,
        state: shown,
        mails,
        next,
        smtp: state.smtp.is_some(),
    };
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/outgoing.html")]
struct OutgoingPage {
    page: Page,
    m: Outgoing,
    files: Vec<crate::support::attachments::Attachment>,
}

async fn find(state: &AppState, id: i64) -> AppResult<Outgoing> {
    let db = &state.db;
    let found: Option<Outgoing> =
        with_db!(db, |c| sqlx::query_as(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"))
            .bind(id)
            .fetch_optional(c)
            .await)?;
    found.ok_or(AppError::NotFound)
}

/// `GET /admin/mail/{id}`: the whole message, in the personal-data access log.
async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let m = find(&state, id).await?;
    let db = &state.db;
    let files: Vec<crate::support::attachments::Attachment> = match m.ticket_message_id {
        Some(message) => crate::support::attachments::of_message_db(db, message).await?,
        None => Vec::new(),
    };
    let customer: Option<i64> =
        with_db!(db, |c| sqlx::query_scalar("SELECT customer_id FROM tickets WHERE id = $1")
            .bind(m.ticket_id)
            .fetch_one(c)
            .await)?;
    if let Some(cid) = customer
        && let Some(app) = crate::customers::store::applications(db, cid, 1).await?.first()
    {
        state.views.record(user.id, app.id, "support-mail", &ctx.ip).await?;
    }
    let page = OutgoingPage { page: ctx.page("mail-outgoing-title"), m, files };
    Ok(page.into_response())
}

/// The state the administrator saw the message in.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Seen {
    state: String,
}

/// `POST /admin/mail/{id}/retry`: a failed message queued again (a new job), if it is still
/// failed.
async fn retry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(seen): Form<Seen>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    if !STATES.contains(&seen.state.as_str()) {
        return Err(AppError::BadRequest);
    }
    let m = find(&state, id).await?;
    let mut tx = state.db.begin().await?;
    let changed = if seen.state == "failed" {
        with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE mail_outbox SET state = 'queued', attempts = 0 WHERE id = $1 AND state = 'failed'"
        )
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?
    } else {
        0
    };
    let id_text = id.to_string();
    if changed == 0 {
        drop(tx);
        ctx.flash(false, "mail-changed-meanwhile", &[("id", id_text)]).await?;
        return Ok(Redirect::to(&format!("/admin/mail/{id}")).into_response());
    }
    let job =
        queue::enqueue_tx(&mut tx, outbound::SEND, &json!({ "mail": id }), outbound::MAX_ATTEMPTS, None)
            .await?;
    with_tx!(&mut tx, |c| sqlx::query("UPDATE mail_outbox SET job_id = $1 WHERE id = $2")
        .bind(job)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    let ticket = m.number();
    let entry = Entry::new(&ctx.actor(), "mail.retried")
        .subject("ticket", m.ticket_id)
        .details(json!({ "mail": id, "ticket": ticket, "last_error": m.last_error }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    crate::jobs::wake();
    ctx.flash(true, "mail-retried", &[("id", id_text)]).await?;
    Ok(Redirect::to(&format!("/admin/mail/{id}")).into_response())
}
