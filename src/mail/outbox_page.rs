//! `/admin/mail`: the mail the portal sends, by state (waiting, retrying, failed, sent, kept for
//! want of a mail server), with the recipient masked; `/admin/mail/{id}`: one message as it goes
//! out (its headers, its text, its files; the address in full only to a role that sees e-mail
//! addresses), a view of personal data written to the access log.
//! A failed message (or one kept before a mail server was configured) may be sent again: a new
//! job, audited, guarded by the state the administrator saw. Administrators see how the mail
//! goes; what was sent, and to whom, only the support desk (the personal-data table hides
//! e-mail addresses from administrators).

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
        personal_data::{Field, Viewer, mask},
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

/// A message waiting or being retried whose job ended (cancelled, out of attempts, its process
/// gone too often) or is gone: shown, and sent again, as failed.
const STATE_SQL: &str =
    "CASE WHEN o.state IN ('queued', 'retrying') AND (j.id IS NULL OR j.state IN ('failed', 'cancelled'))
                              THEN 'failed' ELSE o.state END";

/// The columns of [`Outgoing`] and the tables they come from.
fn columns() -> String {
    format!(
        "o.id, o.ticket_id, o.ticket_message_id, o.kind, o.message_id, o.recipient, o.subject, o.language, o.body,
         o.in_reply_to, o.refs, {STATE_SQL} AS state, o.attempts, o.last_error, o.created_at, o.sent_at
         FROM mail_outbox o LEFT JOIN jobs j ON j.id = o.job_id"
    )
}

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
    /// Whether the viewer may read what was sent and to whom (the support desk), or only how it
    /// went.
    content: bool,
    /// Whether the viewer may open tickets.
    tickets: bool,
    counts: Vec<(&'static str, i64)>,
    state: &'static str,
    mails: Vec<Outgoing>,
    next: Option<String>,
    smtp: bool,
}

async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let user = ctx.require(access::MAIL_OUTBOX)?;
    let db = &state.db;
    let counted: Vec<(String, i64)> = with_db!(db, |c| {
        sqlx::query_as(&format!(
        "SELECT {STATE_SQL} AS s, COUNT(*) FROM mail_outbox o LEFT JOIN jobs j ON j.id = o.job_id GROUP BY 1"
    ))
    .fetch_all(c)
    .await
    })?;
    let counts: Vec<(&'static str, i64)> =
        STATES.iter().map(|s| (*s, counted.iter().find(|(x, _)| x == s).map_or(0, |(_, n)| *n))).collect();
    let count = |state: &str| counts.iter().find(|(s, _)| *s == state).map_or(0, |(_, n)| *n);
    // What needs someone first: failed mail, then mail being retried.
    let shown = match STATES.iter().find(|s| **s == q.state) {
        Some(s) => *s,
        None if count("failed") > 0 => "failed",
        None if count("retrying") > 0 => "retrying",
        None if state.smtp.is_none() => "kept",
        None => "sent",
    };
    let after: i64 = q.after.parse().ok().filter(|a| *a > 0).unwrap_or(i64::MAX);
    // The stored state leads to the rows (its index); the state shown is then checked.
    let stored = if shown == "failed" { "('failed', 'queued', 'retrying')" } else { "($1)" };
    let mut mails: Vec<Outgoing> = with_db!(db, |c| {
        sqlx::query_as(&format!(
        "SELECT {} WHERE o.state IN {stored} AND {STATE_SQL} = $1 AND o.id < $2 ORDER BY o.id DESC LIMIT $3",
        columns()
    ))
    .bind(shown)
    .bind(after)
    .bind(PAGE_SIZE + 1)
    .fetch_all(c)
    .await
    })?;
    let next = if mails.len() as i64 > PAGE_SIZE {
        mails.truncate(PAGE_SIZE as usize);
        mails.last().map(|m| with_query("/admin/mail", &[("state", shown), ("after", &m.id.to_string())]))
    } else {
        None
    };
    let page = OutboxPage {
        page: ctx.page("mail-outbox-title"),
        content: user.has_any(access::SUPPORT_WORK),
        tickets: user.has_any(access::SUPPORT),
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
    content: bool,
    tickets: bool,
    /// The recipient as this viewer may see it.
    recipient: String,
    /// Whether the message may be sent again.
    again: bool,
    m: Outgoing,
    files: Vec<crate::support::attachments::Attachment>,
}

async fn find(state: &AppState, id: i64) -> AppResult<Outgoing> {
    let db = &state.db;
    let found: Option<Outgoing> =
        with_db!(db, |c| sqlx::query_as(&format!("SELECT {} WHERE o.id = $1", columns()))
            .bind(id)
            .fetch_optional(c)
            .await)?;
    found.ok_or(AppError::NotFound)
}

/// `GET /admin/mail/{id}`: the whole message to the support desk (in the access log); how it
/// went, without its address or text, to an administrator.
async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    let user = ctx.require(access::MAIL_OUTBOX)?;
    let m = find(&state, id).await?;
    let db = &state.db;
    let content = user.has_any(access::SUPPORT_WORK);
    let files = match m.ticket_message_id {
        Some(message) if content => crate::support::attachments::of_message_db(db, message).await?,
        _ => Vec::new(),
    };
    if content {
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
    }
    let recipient = match Viewer::new(&user.roles).show(Field::Email, &m.recipient) {
        Some(shown) => shown,
        None => ctx.t("pd-hidden"),
    };
    let page = OutgoingPage {
        page: ctx.page("mail-outgoing-title"),
        content,
        tickets: user.has_any(access::SUPPORT),
        recipient,
        again: may_send_again(&m.state, state.smtp.is_some()),
        m,
        files,
    };
    Ok(page.into_response())
}

/// Whether a message in `state` may be sent again: a failed one; a kept one once a mail server
/// is configured.
fn may_send_again(state: &str, smtp: bool) -> bool {
    state == "failed" || (state == "kept" && smtp)
}

/// The state the administrator saw the message in.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Seen {
    state: String,
}

/// `POST /admin/mail/{id}/retry`: a failed message (or one kept before a mail server was
/// configured) queued again under a new job, if it is still as it was seen. The old job, should
/// it run, sends nothing ([`super::send`]).
async fn retry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(seen): Form<Seen>,
) -> AppResult<Response> {
    ctx.require(access::MAIL_OUTBOX)?;
    if !STATES.contains(&seen.state.as_str()) {
        return Err(AppError::BadRequest);
    }
    let mut tx = state.db.begin().await?;
    let row: Option<(String, String, Option<i64>, i64)> = with_tx!(&mut tx, |c| {
        sqlx::query_as(&format!(
        "SELECT {STATE_SQL}, o.state, o.job_id, o.ticket_id FROM mail_outbox o LEFT JOIN jobs j ON j.id = o.job_id
         WHERE o.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    let Some((shown, stored, job, ticket)) = row else { return Err(AppError::NotFound) };
    let id_text = id.to_string();
    // The update names the row as it was read, so a change in between is caught.
    let changed = if shown == seen.state && may_send_again(&shown, state.smtp.is_some()) {
        with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE mail_outbox SET state = 'queued', attempts = 0, last_error = NULL
             WHERE id = $1 AND state = $2 AND job_id IS NOT DISTINCT FROM $3"
        )
        .bind(id)
        .bind(&stored)
        .bind(job)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?
    } else {
        0
    };
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
    let number = crate::support::model::number(ticket);
    let entry = Entry::new(&ctx.actor(), "mail.retried")
        .subject("ticket", ticket)
        .details(json!({ "mail": id, "ticket": number, "mail_state": shown }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    crate::jobs::wake();
    ctx.flash(true, "mail-retried", &[("id", id_text)]).await?;
    Ok(Redirect::to(&format!("/admin/mail/{id}")).into_response())
}
