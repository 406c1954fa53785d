//! `POST /api/v1/restoration-cases/{id}/documents`: the app's backend sends what the customer
//! sent to have access restored. Multipart: photo parts `selfie`, `id_front`, `id_back` (one
//! each) and `other` (up to [`OTHER_MAX`]; the whole body within the API's limit, three photos'
//! size and 1 MB), and an optional `details` JSON part: the device and
//! phone the customer applies from, and what the app read from the new ID document. Every photo
//! goes through the photo pipeline; one bad part refuses the request, and nothing is stored.
//! Idempotent with `Idempotency-Key`.

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{Multipart, Path, State, multipart::MultipartRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{
    api::{field, short},
    documents::{self, AddError, Details, KINDS, NewDocument, OTHER_MAX, Origin},
};
use crate::{
    api::{
        ApiClient, FieldError, Problem, idempotency,
        keys::Scope,
        parts::{self, Read},
    },
    intake::{iin::Iin, phone::Phone},
    web::{AppState, context::client_ip},
    with_db,
};

/// The largest `details` part.
const DETAILS_MAX: usize = 16 * 1024;
/// The longest device id, name or document number.
const SHORT_MAX: usize = 128;

/// `/api/v1/restoration-cases/{id}/documents`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/restoration-cases/{id}/documents", post(create))
}

/// What the request carried.
#[derive(Default)]
struct Received {
    details: Option<Vec<u8>>,
    photos: Vec<(&'static str, Arc<Vec<u8>>)>,
    errors: Vec<FieldError>,
}

async fn read(
    state: &AppState,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Received, Problem> {
    let mut multipart = multipart.map_err(|e| {
        Problem::bad_request(format!(
            "send multipart/form-data with photo parts and an optional `details` part ({e})"
        ))
    })?;
    let max_photo = state.photos.limits.max_bytes;
    let mut got = Received::default();
    let kind_of = |name: &str| KINDS.iter().copied().find(|k| *k == name);
    while let Some(read) = parts::next(&mut multipart, |name| match name {
        "details" => DETAILS_MAX,
        n if kind_of(n).is_some() => max_photo,
        _ => 0,
    })
    .await?
    {
        let part = match read {
            Read::Whole(part) => part,
            Read::Unknown(name) => {
                got.errors.push(field(&name, "unknown_part", "this part is not part of the API"));
                continue;
            }
            Read::TooLarge { name, limit, .. } => {
                got.errors.push(field(&name, "too_large", &format!("at most {limit} bytes")));
                continue;
            }
        };
        match kind_of(&part.name) {
            None if got.details.is_some() => {
                got.errors.push(field("details", "duplicate_part", "send it once"))
            }
            None => got.details = Some(part.bytes),
            Some(kind) => {
                let have = got.photos.iter().filter(|(k, _)| *k == kind).count();
                if (kind != "other" && have == 1) || have == OTHER_MAX {
                    got.errors.push(field(kind, "duplicate_part", "one of each photo, at most five `other`"));
                } else {
                    got.photos.push((kind, Arc::new(part.bytes)));
                }
            }
        }
    }
    Ok(got)
}

/// The `details` part read: what it gives, each value checked.
fn details(raw: Option<&[u8]>, errors: &mut Vec<FieldError>) -> Details {
    let Some(raw) = raw else { return Details::default() };
    let v: Value = match serde_json::from_slice(raw) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            errors.push(field("details", "invalid_json", "a JSON object"));
            return Details::default();
        }
    };
    let own = |s: Option<&str>| s.map(str::to_string);
    let device = own(short(&v, "device_id", SHORT_MAX, errors));
    let phone = short(&v, "phone", SHORT_MAX, errors).and_then(|p| match Phone::parse(p) {
        Ok(p) => Some(p.as_str().to_string()),
        Err(_) => {
            errors.push(field("phone", "invalid_phone", "a Kazakh mobile number, like +7 701 234 5678"));
            None
        }
    });
    let doc = &v["id_document"];
    let mut d = Details { device, phone, ..Details::default() };
    match doc {
        Value::Null => {}
        Value::Object(_) => {
            let mut sub = Vec::new();
            d.id_iin = short(doc, "iin", SHORT_MAX, &mut sub).and_then(|s| match Iin::parse(s) {
                Ok(i) => Some(i.as_str().to_string()),
                Err(_) => {
                    sub.push(field("iin", "invalid_iin", "12 digits with a valid check digit"));
                    None
                }
            });
            d.id_last_name = own(short(doc, "last_name", SHORT_MAX, &mut sub));
            d.id_first_name = own(short(doc, "first_name", SHORT_MAX, &mut sub));
            d.id_doc_number = own(short(doc, "number", SHORT_MAX, &mut sub));
            errors.extend(sub.into_iter().map(|mut e| {
                e.field = format!("id_document.{}", e.field);
                e
            }));
        }
        _ => errors.push(field("id_document", "invalid_type", "an object or null")),
    }
    d
}

/// What the request asks for, for its idempotency key: the path, the details, the photos.
fn request_hash(path: &str, details: Option<&[u8]>, photos: &[(&str, Arc<Vec<u8>>)]) -> String {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    // The details in canonical form, or as sent when they are no JSON.
    if let Some(raw) = details {
        match serde_json::from_slice::<Value>(raw) {
            Ok(d) => h.update(d.to_string().as_bytes()),
            Err(_) => h.update(raw),
        }
    }
    let mut digests: Vec<String> =
        photos.iter().map(|(k, b)| format!("{k}:{}", hex::encode(Sha256::digest(b.as_slice())))).collect();
    digests.sort();
    h.update(digests.join(",").as_bytes());
    hex::encode(h.finalize())
}

/// The case if this client may send for it: its customer is one the client sent applications
/// of (another client's case is as unknown as none).
async fn case_of_client(state: &AppState, client: &ApiClient, id: i64) -> Result<bool, Problem> {
    let known: bool = with_db!(&state.db, |c| {
        sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM restoration_cases r WHERE r.id = $1 AND EXISTS
                 (SELECT 1 FROM applications a WHERE a.customer_id = r.customer_id AND a.api_client_id = $2))"
    )
    .bind(id)
    .bind(client.id)
    .fetch_one(c)
    .await
    })?;
    Ok(known)
}

async fn create(
    State(state): State<AppState>,
    client: ApiClient,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    client.require(Scope::CustomersWrite)?;
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    let key = idempotency::key(&headers)?;
    if !case_of_client(&state, &client, id).await? {
        return Err(Problem::not_found());
    }
    // Only so many bodies are read at once; beyond them the client retries later.
    let _slot = state.intake_bodies.clone().try_acquire_owned().map_err(|_| Problem::busy(5))?;
    let mut got = read(&state, multipart).await?;
    let path = format!("/api/v1/restoration-cases/{id}/documents");
    let hash = request_hash(&path, got.details.as_deref(), &got.photos);
    if let Some(k) = &key
        && let Some(res) = idempotency::replay(&state.db, &client, k, &hash, |_| None).await?
    {
        return Ok(res);
    }
    let details = details(got.details.as_deref(), &mut got.errors);
    if got.photos.is_empty() && got.errors.is_empty() {
        got.errors.push(field("selfie", "required", "send at least one photo"));
    }
    // Every photo through the pipeline at once (the decodes are bounded inside).
    let tasks: Vec<_> = got
        .photos
        .iter()
        .map(|(kind, bytes)| {
            let (photos, bytes, kind) = (state.photos.clone(), bytes.clone(), *kind);
            tokio::spawn(async move { (kind, photos.process(bytes.clone()).await, bytes) })
        })
        .collect();
    let mut docs = Vec::with_capacity(tasks.len());
    for t in tasks {
        match t.await {
            Ok((kind, Ok(mut processed), bytes)) => {
                processed.only_for_id_front(kind == "id_front");
                docs.push(NewDocument { kind, processed, bytes });
            }
            Ok((kind, Err(e), _)) => got.errors.push(field(kind, e.code(), &e.to_string())),
            Err(e) => return Err(Problem::internal(e)),
        }
    }
    if !got.errors.is_empty() {
        return Err(Problem::invalid(got.errors));
    }
    let ip = client_ip(&state.config, &headers, None);
    let idem = key.as_deref().map(|k| (&client, (k, hash.as_str())));
    let from = Origin::App(client.id);
    match documents::add(&state.db, &state.photos, &client.actor(), id, from, &docs, &details, &ip, idem)
        .await
    {
        Ok(added) => Ok((StatusCode::CREATED, Json(added.answer())).into_response()),
        Err(AddError::NotFound) => Err(Problem::not_found()),
        Err(AddError::Closed(state)) => Err(Problem::conflict(
            "/problems/case-closed",
            "The restoration case is decided",
            format!("The case is {state}; documents are taken while it is open. Nothing was stored."),
        )),
        Err(AddError::IdempotencyRace) => {
            let k = key.as_deref().unwrap_or_default();
            idempotency::replay(&state.db, &client, k, &hash, |_| None)
                .await?
                .ok_or_else(|| Problem::internal("idempotency race"))
        }
        Err(AddError::Taken) => Err(Problem::internal("a ticket's file from the API")),
        Err(AddError::Storage(e)) => Err(Problem::internal(format!("storage: {e}"))),
        Err(AddError::Db(e)) => Err(e.into()),
    }
}
