//! `POST /api/v1/mail`: one raw RFC 5322 message, as the mail server received it, from the mail
//! gateway (`kreditomat-portal mailgate`, a key with the `mail:write` scope). 201 when it was
//! stored, 200 when the same Message-ID was stored before; 422 for a message that can never be
//! taken (the gateway then tells the mail server not to retry), 413 past [`MAIL_MAX`].

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::json;

use super::{
    inbound::{self, TakeError},
    parse::ParseError,
};
use crate::{
    api::{ApiClient, FieldError, Problem, keys::Scope},
    web::{AppState, context::client_ip},
};

/// The largest message taken, in bytes (the mail server's own limit is usually lower).
pub const MAIL_MAX: usize = 30 * 1024 * 1024;

/// `/api/v1/mail`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/mail", post(deliver).layer(DefaultBodyLimit::max(MAIL_MAX)))
}

async fn deliver(
    State(state): State<AppState>,
    client: ApiClient,
    req: Request,
) -> Result<Response, Problem> {
    client.require(Scope::MailWrite)?;
    let ip = client_ip(&state.config, req.headers(), None);
    // Only so many large bodies are read at once; beyond them the gateway retries later.
    let _slot = state.intake_bodies.clone().try_acquire_owned().map_err(|_| Problem::busy(5))?;
    let raw = axum::body::to_bytes(req.into_body(), MAIL_MAX).await.map_err(|e| {
        // Past the limit is a message that can never be taken; a body cut off on the way is not
        // (the gateway tries again).
        let mut cause: Option<&dyn std::error::Error> = Some(&e);
        let mut limit = false;
        while let Some(c) = cause {
            limit |= c.to_string().contains("length limit");
            cause = c.source();
        }
        if limit {
            Problem::too_large(format!("a message of at most {MAIL_MAX} bytes"))
        } else {
            Problem::busy(5)
        }
    })?;
    if raw.is_empty() {
        return Err(refused("empty", "the body is the raw message"));
    }
    let via = inbound::Via::client(&client, state.config.mail_auth_server.clone());
    let taken =
        inbound::take(&state.db, &state.photos, &via, raw.to_vec(), &ip).await.map_err(|e| match e {
            TakeError::Invalid(ParseError::NotMail) => refused("not_mail", "not an RFC 5322 message"),
            TakeError::Invalid(ParseError::NoSender) => {
                refused("no_sender", "the From header has no address")
            }
            TakeError::Invalid(ParseError::TooManyParts) => {
                refused("too_many_parts", &format!("at most {} MIME parts", super::parse::MAX_PARTS))
            }
            TakeError::Db(e) => Problem::from(e),
            other => Problem::internal(other),
        })?;
    let status = if taken.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    let dropped: Vec<_> =
        taken.dropped.iter().map(|(name, code)| json!({ "file": name, "code": code })).collect();
    let body = json!({
        "ticket_id": taken.ticket,
        "number": crate::support::model::number(taken.ticket),
        "duplicate": taken.duplicate,
        "opened": taken.opened,
        "dropped": dropped,
    });
    Ok((status, Json(body)).into_response())
}

fn refused(code: &'static str, detail: &str) -> Problem {
    Problem::invalid(vec![FieldError { field: "message".into(), code, detail: detail.into() }])
}
