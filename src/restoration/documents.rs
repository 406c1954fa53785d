//! The documents a customer sends to have access restored: a new selfie, the ID document, and
//! papers about the person who took the device, each through the photo pipeline. They are
//! stored in one transaction with what the app read from the new ID and the device and phone the
//! customer applies from; a selfie and an ID front make the case ready for review. Documents for
//! a case waiting for the second officer send it back to review: an approval is given for what
//! was proposed on, never for papers that came after.

use std::sync::Arc;

use serde_json::json;

use crate::{
    api::ApiClient,
    audit::{self, Actor, Entry},
    db::{self, Db},
    photos::{
        Processed,
        storage::{Photos, remove_unnamed},
    },
    with_db, with_tx,
};

/// The kinds of document, as the multipart parts are named.
pub const KINDS: [&str; 4] = ["selfie", "id_front", "id_back", "other"];
/// How many `other` documents one request may carry.
pub const OTHER_MAX: usize = 5;
/// The states a case takes documents in.
pub const OPEN: [&str; 3] = ["waiting_documents", "ready", "waiting_second"];

/// A document that went through the photo pipeline, with its original bytes.
pub struct NewDocument {
    pub kind: &'static str,
    pub processed: Processed,
    pub bytes: Arc<Vec<u8>>,
}

/// What came with the documents (each optional; a value given replaces the case's).
#[derive(Clone, Debug, Default)]
pub struct Details {
    /// The device and phone the customer applies from.
    pub device: Option<String>,
    pub phone: Option<String>,
    /// What the app read from the new ID document.
    pub id_iin: Option<String>,
    pub id_last_name: Option<String>,
    pub id_first_name: Option<String>,
    pub id_doc_number: Option<String>,
}

/// Where the documents came from.
pub enum Origin {
    /// The app's backend (this API client).
    App(i64),
    /// A security officer took them from the case's ticket (this attachment).
    Ticket { staff: i64, attachment: i64 },
}

/// What adding gave.
#[derive(Debug)]
pub struct Added {
    pub case_id: i64,
    pub state: String,
    pub documents: Vec<i64>,
    /// A proposal waiting for the second officer was withdrawn by the new documents.
    pub proposal_withdrawn: bool,
}

impl Added {
    /// The API's answer.
    pub fn answer(&self) -> serde_json::Value {
        json!({
            "case_id": self.case_id,
            "state": self.state,
            "documents": self.documents,
            "proposal_withdrawn": self.proposal_withdrawn,
        })
    }
}

/// Why documents were not added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("no such case")]
    NotFound,
    /// The case is decided (its state).
    #[error("the case is {0}")]
    Closed(String),
    /// The ticket's file is a document of the case already.
    #[error("taken already")]
    Taken,
    /// Another request with the same idempotency key was stored first.
    #[error("idempotency key taken")]
    IdempotencyRace,
    #[error("storage: {0}")]
    Storage(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Stores `docs` and `details` for case `case_id`: the files first (content-addressed, so a
/// failure after them leaves nothing a row names), then one transaction, with the answer kept
/// for the API client's idempotency key if it sent one.
#[allow(clippy::too_many_arguments)]
pub async fn add(
    db: &Db,
    photos: &Photos,
    actor: &Actor,
    case_id: i64,
    from: Origin,
    docs: &[NewDocument],
    details: &Details,
    ip: &str,
    idem: Option<(&ApiClient, (&str, &str))>,
) -> Result<Added, AddError> {
    // A decided case stores nothing, not even files (checked again in the transaction).
    let state: Option<String> =
        with_db!(db, |c| sqlx::query_scalar("SELECT state FROM restoration_cases WHERE id = $1")
            .bind(case_id)
            .fetch_optional(c)
            .await)?;
    match state {
        None => return Err(AddError::NotFound),
        Some(s) if !OPEN.contains(&s.as_str()) => return Err(AddError::Closed(s)),
        Some(_) => {}
    }
    for d in docs {
        photos.store(&d.processed, &d.bytes).await?;
    }
    let result = record(db, actor, case_id, from, docs, details, ip, idem).await;
    if result.is_err() {
        // Decided meanwhile, or the key's race lost: the files no row names go again.
        for d in docs {
            if let Err(e) = remove_unnamed(db, photos.storage.as_ref(), &d.processed.sha256).await {
                tracing::warn!(error = %e, "could not remove a document's unnamed files");
            }
        }
    }
    result
}

/// The transaction of [`add`], once the files are stored.
#[allow(clippy::too_many_arguments)]
async fn record(
    db: &Db,
    actor: &Actor,
    case_id: i64,
    from: Origin,
    docs: &[NewDocument],
    details: &Details,
    ip: &str,
    idem: Option<(&ApiClient, (&str, &str))>,
) -> Result<Added, AddError> {
    let now = db::now();
    let mut tx = db.begin().await?;
    // The case, locked by the update (PostgreSQL) and checked open in the same statement.
    let open: Option<(String, Option<String>)> = with_tx!(&mut tx, |c| sqlx::query_as(
        "UPDATE restoration_cases SET version = version + 1, updated_at = $1
         WHERE id = $2 AND state IN ('waiting_documents', 'ready', 'waiting_second')
         RETURNING state, proposal"
    )
    .bind(now)
    .bind(case_id)
    .fetch_optional(c)
    .await)?;
    let Some((state, proposal)) = open else {
        let state: Option<String> =
            with_tx!(&mut tx, |c| sqlx::query_scalar("SELECT state FROM restoration_cases WHERE id = $1")
                .bind(case_id)
                .fetch_optional(c)
                .await)?;
        return Err(state.map_or(AddError::NotFound, AddError::Closed));
    };
    let (api_client, added_by, attachment) = match from {
        Origin::App(client) => (Some(client), None, None),
        Origin::Ticket { staff, attachment } => (None, Some(staff), Some(attachment)),
    };
    let source = if api_client.is_some() { "app" } else { "ticket" };
    if let Some(file) = attachment {
        let taken: bool = with_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM restoration_documents WHERE case_id = $1 AND attachment_id = $2)"
        )
        .bind(case_id)
        .bind(file)
        .fetch_one(c)
        .await
        })?;
        if taken {
            return Err(AddError::Taken);
        }
    }
    let mut ids = Vec::with_capacity(docs.len());
    for d in docs {
        let p = &d.processed;
        let id_front = d.kind == "id_front";
        let id: i64 = with_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO restoration_documents (case_id, kind, source, sha256, media_type, byte_size, width, height,
                                                blur, brightness, phash, portrait_hash, fine_hash, api_client_id,
                                                added_by, attachment_id, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id"
        )
        .bind(case_id)
        .bind(d.kind)
        .bind(source)
        .bind(&p.sha256)
        .bind(p.media_type.mime())
        .bind(p.byte_size as i64)
        .bind(i64::from(p.width))
        .bind(i64::from(p.height))
        .bind(p.blur)
        .bind(p.brightness)
        .bind(p.phash)
        .bind(id_front.then_some(p.portrait_hash))
        .bind(if id_front { &p.portrait_fine_hash } else { &p.fine_hash })
        .bind(api_client)
        .bind(added_by)
        .bind(attachment)
        .bind(now)
        .fetch_one(c)
        .await
        })?;
        ids.push(id);
    }
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE restoration_cases SET new_device = COALESCE($1, new_device), new_phone = COALESCE($2, new_phone),
                id_iin = COALESCE($3, id_iin), id_last_name = COALESCE($4, id_last_name),
                id_first_name = COALESCE($5, id_first_name), id_doc_number = COALESCE($6, id_doc_number)
         WHERE id = $7"
    )
    .bind(&details.device)
    .bind(&details.phone)
    .bind(&details.id_iin)
    .bind(&details.id_last_name)
    .bind(&details.id_first_name)
    .bind(&details.id_doc_number)
    .bind(case_id)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    // A selfie and an ID front make the case ready; a proposal waiting for approval goes back.
    let complete: bool = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM restoration_documents WHERE case_id = $1 AND kind = 'selfie')
            AND EXISTS (SELECT 1 FROM restoration_documents WHERE case_id = $1 AND kind = 'id_front')"
    )
    .bind(case_id)
    .fetch_one(c)
    .await)?;
    let proposal_withdrawn = state == "waiting_second" && !docs.is_empty();
    let new_state = match state.as_str() {
        "waiting_documents" if complete => "ready",
        "waiting_second" if proposal_withdrawn => "ready",
        s => s,
    }
    .to_string();
    if new_state != state {
        with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE restoration_cases SET state = $1, documents_at = COALESCE(documents_at, $2),
                    proposal = CASE WHEN $3 THEN NULL ELSE proposal END,
                    proposed_by = CASE WHEN $3 THEN NULL ELSE proposed_by END,
                    proposed_at = CASE WHEN $3 THEN NULL ELSE proposed_at END,
                    requirements = CASE WHEN $3 THEN NULL ELSE requirements END
             WHERE id = $4"
        )
        .bind(&new_state)
        .bind(now)
        .bind(proposal_withdrawn)
        .bind(case_id)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    let kinds: Vec<&str> = docs.iter().map(|d| d.kind).collect();
    let withdrawn = proposal_withdrawn.then_some(proposal);
    let entry = Entry::new(actor, "restoration.documents-added")
        .subject("restoration", case_id)
        .details(json!({ "documents": kinds, "case_state": new_state, "proposal_withdrawn": withdrawn }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    let added = Added { case_id, state: new_state, documents: ids, proposal_withdrawn };
    if let Some((client, record)) = idem
        && !crate::api::idempotency::save(&mut tx, client, Some(record), 201, &added.answer().to_string())
            .await?
    {
        return Err(AddError::IdempotencyRace);
    }
    tx.commit().await?;
    Ok(added)
}
