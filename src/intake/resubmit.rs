//! Documents sent again for an application that waits for them: the photos asked for, checked
//! and stored like an application's, then one transaction that makes them current, puts the
//! application back in the queue, and writes its event, audit entry and idempotency record.

use std::sync::Arc;

use serde_json::json;

use super::store::{
    Created, Idempotency, PhotoKind, SubmitError, insert_photos, process_parts, save_idempotency,
    store_files, summaries,
};
use crate::{
    api::{ApiClient, FieldError},
    audit::{self, Entry},
    db::{self, Db},
    events,
    photos::storage::Photos,
    with_db, with_tx,
};

/// Stores resubmitted photos for an application that asked for them; the earlier photos of the
/// same kinds stay in the history but are no longer current.
pub async fn resubmit(
    db: &Db,
    photos: &Photos,
    client: &ApiClient,
    ip: &str,
    id: i64,
    parts: &[(PhotoKind, Arc<Vec<u8>>)],
    idem: Idempotency<'_>,
) -> Result<Created, SubmitError> {
    if parts.is_empty() {
        let e =
            FieldError { field: "selfie".into(), code: "required", detail: "send at least one photo".into() };
        return Err(SubmitError::Invalid(vec![e]));
    }
    // Another client's application is as unknown as one that does not exist.
    let status: Option<String> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT status FROM applications WHERE id = $1 AND api_client_id = $2"
    )
    .bind(id)
    .bind(client.id)
    .fetch_optional(c)
    .await)?;
    match status.as_deref() {
        None => return Err(SubmitError::NotFound),
        Some("resubmission_requested") => {}
        Some(_) => return Err(SubmitError::NotAwaitingDocuments),
    }
    let wrong = super::requested::not_as_asked(db, id, parts).await?;
    if !wrong.is_empty() {
        return Err(SubmitError::Invalid(wrong));
    }
    let (done, errors) = process_parts(photos, parts).await;
    if !errors.is_empty() {
        return Err(SubmitError::Invalid(errors));
    }
    store_files(photos, &done).await?;

    let now = db::now();
    let mut tx = db.begin().await?;
    // The status check again, inside the transaction: a decision may have landed meanwhile.
    let version: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "UPDATE applications SET status = 'pending', version = version + 1
         WHERE id = $1 AND status = 'resubmission_requested' RETURNING version"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some(version) = version else { return Err(SubmitError::NotAwaitingDocuments) };
    for (kind, _, _) in &done {
        with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE photos SET current = FALSE WHERE application_id = $1 AND kind = $2 AND current = TRUE"
        )
        .bind(id)
        .bind(kind.code())
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    let photo_ids = insert_photos(&mut tx, id, &done).await?;
    let found = crate::signals::index_photos(&mut tx, id, &photo_ids).await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2"
    )
    .bind(found)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let kinds: Vec<&str> = done.iter().map(|(k, _, _)| k.code()).collect();
    let created = Created { id, status: "pending", version, received_at: now, photos: summaries(&done) };
    events::emit(
        &mut tx,
        "application.documents_resubmitted",
        id,
        &json!({ "version": version, "photos": kinds }),
    )
    .await?;
    let entry = Entry::new(&client.actor(), "application.documents-resubmitted")
        .subject("application", id)
        .details(json!({ "photos": kinds, "version": version }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    let body = serde_json::to_string(&created).unwrap_or_default();
    save_idempotency(&mut tx, client, idem, 200, &body).await?;
    crate::screening::compliance::refresh(&mut tx, id).await?;
    tx.commit().await?;
    Ok(created)
}
