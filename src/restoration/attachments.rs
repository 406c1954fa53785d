//! Documents that came as files on the case's ticket (by mail, say, as the policy allows): a
//! security officer takes an image attachment as the new selfie, an ID side or another document,
//! and it goes through the photo pipeline like one from the app.

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    documents::{self, AddError, Details, KINDS, NewDocument, Origin},
    queue::number,
};
use crate::{
    auth::access,
    db::Db,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form},
    with_db,
};

/// An image file the customer sent on the case's ticket.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub created_at: time::OffsetDateTime,
    /// It is a document of the case already.
    pub taken: bool,
}

/// The image files the customer sent on ticket `ticket` (of case `case`), oldest first.
pub async fn on_ticket(db: &Db, case: i64, ticket: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT a.id, a.file_name, a.created_at,
                EXISTS (SELECT 1 FROM restoration_documents d WHERE d.case_id = $1 AND d.attachment_id = a.id) AS taken
         FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id AND m.kind = 'customer'
         WHERE a.ticket_id = $2 AND a.content_type LIKE 'image/%' ORDER BY a.id"
    )
    .bind(case)
    .bind(ticket)
    .fetch_all(c)
    .await
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TakeForm {
    attachment: i64,
    kind: String,
}

/// `POST /security/cases/{id}/documents/from-ticket`: `attachment` taken as a document of `kind`.
pub(super) async fn take(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<TakeForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::RESTORATION)?;
    let back = Redirect::to(&format!("/security/cases/{id}#documents-heading")).into_response();
    // Only a file of this case's ticket.
    let found: Option<String> = with_db!(&state.db, |c| {
        sqlx::query_scalar(
        "SELECT a.storage_key FROM ticket_attachments a JOIN restoration_cases r ON r.ticket_id = a.ticket_id
         JOIN ticket_messages m ON m.id = a.message_id AND m.kind = 'customer'
         WHERE r.id = $1 AND a.id = $2 AND a.content_type LIKE 'image/%'"
    )
    .bind(id)
    .bind(form.attachment)
    .fetch_optional(c)
    .await
    })?;
    let key = found.ok_or(AppError::NotFound)?;
    let Some(kind) = KINDS.iter().copied().find(|k| *k == form.kind) else {
        ctx.flash(false, "restoration-attachment-kind", &[]).await?;
        return Ok(back);
    };
    let bytes = state
        .photos
        .storage
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(format!("storage: {e}")))?
        .ok_or(AppError::NotFound)?;
    let bytes = Arc::new(bytes);
    let mut processed = match state.photos.process(bytes.clone()).await {
        Ok(p) => p,
        Err(_) => {
            ctx.flash(false, "restoration-attachment-not-photo", &[]).await?;
            return Ok(back);
        }
    };
    processed.only_for_id_front(kind == "id_front");
    let docs = [NewDocument { kind, processed, bytes }];
    let from = Origin::Ticket { staff: user.id, attachment: form.attachment };
    let details = Details::default();
    match documents::add(&state.db, &state.photos, &ctx.actor(), id, from, &docs, &details, &ctx.ip, None)
        .await
    {
        Ok(_) => ctx.flash(true, "restoration-attachment-taken", &[("number", number(id))]).await?,
        Err(AddError::Closed(_)) => ctx.flash(false, "restoration-attachment-closed", &[]).await?,
        Err(AddError::Taken) => ctx.flash(false, "restoration-attachment-already", &[]).await?,
        Err(AddError::NotFound) => return Err(AppError::NotFound),
        Err(AddError::IdempotencyRace) => return Err(AppError::Internal("no key, no race".into())),
        Err(AddError::Storage(e)) => return Err(AppError::Internal(format!("storage: {e}"))),
        Err(AddError::Db(e)) => return Err(e.into()),
    }
    Ok(back)
}
