//! Storing an application: photos through the pipeline first, files written, then one
//! transaction with the rows, the outbox event, the audit entry and the idempotency record.
//! Nothing is referenced before its file exists, and a failure leaves no rows behind.

use std::sync::Arc;

use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::input::NewApplication;
use crate::{
    api::{ApiClient, FieldError},
    audit::{self, Entry},
    db::{self, Db, Tx},
    events,
    photos::{PhotoError, Processed, storage::Photos},
    signals::NewPhoto,
    with_db, with_tx,
};

/// Which photo a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoKind {
    Selfie,
    IdFront,
    IdBack,
}

impl PhotoKind {
    /// Every kind, in the order an application needs them.
    pub const ALL: [PhotoKind; 3] = [PhotoKind::Selfie, PhotoKind::IdFront, PhotoKind::IdBack];

    /// The multipart part name and database code.
    pub fn code(self) -> &'static str {
        match self {
            PhotoKind::Selfie => "selfie",
            PhotoKind::IdFront => "id_front",
            PhotoKind::IdBack => "id_back",
        }
    }

    /// Parses a part name.
    pub fn parse(code: &str) -> Option<PhotoKind> {
        PhotoKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Why a submission was not stored.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// Bad photos (or other fields found late); nothing was stored.
    #[error("invalid photos")]
    Invalid(Vec<FieldError>),
    /// Another request with the same idempotency key won the race.
    #[error("idempotency key taken")]
    IdempotencyRace,
    /// This client already sent an application with this `external_id`: `(external_id, id)`.
    #[error("external_id already received")]
    Duplicate(String, i64),
    /// The application is not waiting for documents.
    #[error("not awaiting documents")]
    NotAwaitingDocuments,
    #[error("no such application")]
    NotFound,
    #[error("storage: {0}")]
    Storage(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A stored photo as the API reports it.
#[derive(Clone, Debug, Serialize)]
pub struct PhotoSummary {
    pub kind: &'static str,
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub byte_size: usize,
    pub blur: f64,
    pub brightness: f64,
}

/// The answer to a stored submission.
#[derive(Clone, Debug, Serialize)]
pub struct Created {
    pub id: i64,
    pub status: &'static str,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub photos: Vec<PhotoSummary>,
}

/// An idempotency record to write with the change: `(key, request hash)`.
pub type Idempotency<'a> = crate::api::idempotency::Record<'a>;

/// A photo that went through the pipeline, with its original bytes.
pub type ProcessedPart = (PhotoKind, Processed, Arc<Vec<u8>>);

/// Runs every photo through the pipeline (concurrently, within the decode bound); returns the
/// good ones and an error for each bad one.
pub async fn process_parts(
    photos: &Photos,
    parts: &[(PhotoKind, Arc<Vec<u8>>)],
) -> (Vec<ProcessedPart>, Vec<FieldError>) {
    let mut tasks = Vec::new();
    for (kind, bytes) in parts {
        let photos = photos.clone();
        let bytes = bytes.clone();
        let kind = *kind;
        tasks.push(tokio::spawn(async move {
            let result = photos.process(bytes.clone()).await;
            (kind, result, bytes)
        }));
    }
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for t in tasks {
        match t.await {
            Ok((kind, Ok(mut p), bytes)) => {
                p.only_for_id_front(kind == PhotoKind::IdFront);
                done.push((kind, p, bytes));
            }
            Ok((kind, Err(e), _)) => errors.push(photo_error(kind, &e)),
            Err(e) => errors.push(photo_error(PhotoKind::Selfie, &PhotoError::Corrupt(e.to_string()))),
        }
    }
    (done, errors)
}

/// Writes the files of processed photos (before any row refers to them).
pub(super) async fn store_files(photos: &Photos, done: &[ProcessedPart]) -> Result<(), SubmitError> {
    for (_, p, bytes) in done {
        photos.store(p, bytes).await?;
    }
    Ok(())
}

fn photo_error(kind: PhotoKind, e: &PhotoError) -> FieldError {
    FieldError { field: kind.code().to_string(), code: e.code(), detail: e.to_string() }
}

pub(super) fn summaries(done: &[ProcessedPart]) -> Vec<PhotoSummary> {
    done.iter()
        .map(|(k, p, _)| PhotoSummary {
            kind: k.code(),
            sha256: p.sha256.clone(),
            width: p.width,
            height: p.height,
            byte_size: p.byte_size,
            blur: (p.blur * 10.0).round() / 10.0,
            brightness: (p.brightness * 10.0).round() / 10.0,
        })
        .collect()
}

pub(super) async fn insert_photos(
    tx: &mut Tx,
    id: i64,
    done: &[ProcessedPart],
) -> Result<Vec<NewPhoto>, sqlx::Error> {
    let now = db::now();
    let mut ids = Vec::with_capacity(done.len());
    for (kind, p, _) in done {
        let photo_id: i64 = with_tx!(tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO photos (application_id, kind, sha256, media_type, byte_size, width, height, blur,
                                 brightness, phash, portrait_hash, fine_hash, uploaded_at, current)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, TRUE)
             RETURNING id"
        )
        .bind(id)
        .bind(kind.code())
        .bind(&p.sha256)
        .bind(p.media_type.mime())
        .bind(p.byte_size as i64)
        .bind(i64::from(p.width))
        .bind(i64::from(p.height))
        .bind(p.blur)
        .bind(p.brightness)
        .bind(p.phash)
        .bind((*kind == PhotoKind::IdFront).then_some(p.portrait_hash))
        .bind(if *kind == PhotoKind::IdFront { &p.portrait_fine_hash } else { &p.fine_hash })
        .bind(now)
        .fetch_one(c)
        .await
        })?;
        // ID cards are compared by their portraits: the rest of every card of a design is alike.
        let (hash, fine) = if *kind == PhotoKind::IdFront {
            (p.portrait_hash, p.portrait_fine_hash.clone())
        } else {
            (p.phash, p.fine_hash.clone())
        };
        ids.push(NewPhoto { id: photo_id, kind: kind.code(), hash, fine, sha256: p.sha256.clone() });
    }
    Ok(ids)
}

pub(super) async fn save_idempotency(
    tx: &mut Tx,
    client: &ApiClient,
    idem: Idempotency<'_>,
    status: u16,
    body: &str,
) -> Result<(), SubmitError> {
    if crate::api::idempotency::save(tx, client, idem, status, body).await? {
        Ok(())
    } else {
        Err(SubmitError::IdempotencyRace)
    }
}

/// The application this client already sent with `external_id`, if any.
pub async fn by_external_id(
    db: &Db,
    client: &ApiClient,
    external_id: &str,
) -> Result<Option<i64>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE api_client_id = $1 AND external_id = $2"
    )
    .bind(client.id)
    .bind(external_id)
    .fetch_optional(c)
    .await)
}

/// Stores a new application with its three processed photos.
pub async fn submit(
    db: &Db,
    photos: &Photos,
    client: &ApiClient,
    ip: &str,
    app: &NewApplication,
    done: &[ProcessedPart],
    idem: Idempotency<'_>,
) -> Result<Created, SubmitError> {
    let missing: Vec<FieldError> = PhotoKind::ALL
        .iter()
        .filter(|k| !done.iter().any(|(p, _, _)| p == *k))
        .map(|k| FieldError {
            field: k.code().into(),
            code: "required",
            detail: "this photo is required".into(),
        })
        .collect();
    if !missing.is_empty() {
        return Err(SubmitError::Invalid(missing));
    }
    store_files(photos, done).await?;

    let now = db::now();
    let mut tx = db.begin().await?;
    let (lat, lon, acc) = match app.geo {
        Some((a, o, c)) => (Some(a), Some(o), c),
        None => (None, None, None),
    };
    let customer =
        match crate::customers::link::link(&mut tx, app.iin.as_str(), app.account_id.as_deref(), now).await {
            Ok(linked) => linked,
            Err(crate::customers::link::LinkError::AccountOfAnother) => {
                return Err(SubmitError::Invalid(vec![FieldError {
                    field: "account_id".into(),
                    code: "other_customer",
                    detail: "this account id belongs to a customer with another IIN".into(),
                }]));
            }
            Err(crate::customers::link::LinkError::Db(e)) => return Err(e.into()),
        };
    let inserted: Result<i64, sqlx::Error> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO applications (
             customer_id, account_id,
             status, version, api_client_id, external_id, submitted_at, received_at,
             last_name, first_name, patronymic, search_name, iin, citizenship, sex, birth_date,
             reg_address, home_address, doc_type, doc_number, doc_issuer, doc_issued_on, doc_expires_on,
             phone, email, card_masked, card_token, pep_declared, pep_details, bo_declared, bo_details,
             marital_status, dependents, employer_name, employer_address, amount_kzt, term_days,
             device_id, device_model, device_os, ip, geo_lat, geo_lon, geo_accuracy_m,
             perm_camera, perm_location, perm_contacts, language)
         VALUES ($45, $46, 'pending', 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                 $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33,
                 $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44)
         RETURNING id"
    )
    .bind(client.id)
    .bind(&app.external_id)
    .bind(app.submitted_at.to_offset(time::UtcOffset::UTC))
    .bind(now)
    .bind(&app.last_name)
    .bind(&app.first_name)
    .bind(&app.patronymic)
    .bind(app.search_name())
    .bind(app.iin.as_str())
    .bind(&app.citizenship)
    .bind(app.sex)
    .bind(app.birth_date)
    .bind(&app.reg_address)
    .bind(&app.home_address)
    .bind(app.doc_type)
    .bind(&app.doc_number)
    .bind(&app.doc_issuer)
    .bind(app.doc_issued_on)
    .bind(app.doc_expires_on)
    .bind(app.phone.as_str())
    .bind(&app.email)
    .bind(&app.card_masked)
    .bind(&app.card_token)
    .bind(app.pep_declared)
    .bind(&app.pep_details)
    .bind(app.bo_declared)
    .bind(&app.bo_details)
    .bind(app.marital_status)
    .bind(app.dependents)
    .bind(&app.employer_name)
    .bind(&app.employer_address)
    .bind(app.amount_kzt)
    .bind(app.term_days)
    .bind(&app.device_id)
    .bind(&app.device_model)
    .bind(&app.device_os)
    .bind(&app.ip)
    .bind(lat)
    .bind(lon)
    .bind(acc)
    .bind(app.perm_camera)
    .bind(app.perm_location)
    .bind(app.perm_contacts)
    .bind(app.language)
    .bind(customer.customer_id)
    .bind(&app.account_id)
    .fetch_one(c)
    .await);
    let id = match (inserted, &app.external_id) {
        (Ok(id), _) => id,
        // Another request with the same `external_id` committed first (the unique index).
        (Err(sqlx::Error::Database(e)), Some(ext)) if e.is_unique_violation() => {
            drop(tx);
            let existing = by_external_id(db, client, ext).await?;
            return Err(match existing {
                Some(id) => SubmitError::Duplicate(ext.clone(), id),
                None => SubmitError::Db(sqlx::Error::Database(e)),
            });
        }
        (Err(e), _) => return Err(e.into()),
    };
    for (i, contact) in app.contacts.iter().enumerate() {
        with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO application_contacts (application_id, position, name, phone, relation)
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(i as i64)
        .bind(&contact.name)
        .bind(contact.phone.as_str())
        .bind(contact.relation)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    let photo_ids = insert_photos(&mut tx, id, done).await?;
    let today = now.to_offset(crate::i18n::ALMATY).date();
    crate::signals::index_new(&mut tx, id, app, &photo_ids, today).await?;
    crate::customers::account::mark_arriving(&mut tx, id, &customer.status, &customer.restrictions).await?;
    let applicant = crate::screening::screen::Applicant {
        id,
        last_name: app.last_name.clone(),
        first_name: app.first_name.clone(),
        patronymic: app.patronymic.clone(),
        birth_date: app.birth_date,
        citizenship: app.citizenship.clone(),
    };
    crate::screening::screen::screen_application(&mut tx, &applicant, crate::screening::threshold()).await?;

    let created = Created { id, status: "pending", version: 1, received_at: now, photos: summaries(done) };
    let payload = json!({ "status": "pending", "version": 1, "external_id": app.external_id });
    events::emit(&mut tx, "application.received", id, &payload).await?;
    let entry = Entry::new(&client.actor(), "application.received")
        .subject("application", id)
        .details(json!({ "external_id": app.external_id, "photos": done.len() }))
        .ip(ip);
    audit::record(&mut tx, entry).await?;
    let body = serde_json::to_string(&created).unwrap_or_default();
    save_idempotency(&mut tx, client, idem, 201, &body).await?;
    tx.commit().await?;
    Ok(created)
}
