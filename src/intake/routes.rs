//! `POST /api/v1/applications`, `GET /api/v1/applications/{id}` and
//! `POST /api/v1/applications/{id}/documents`.

use std::{net::SocketAddr, sync::Arc};

use axum::{
    Router,
    extract::{ConnectInfo, Multipart, Path, State, multipart::MultipartRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{
    input::NewApplication,
    store::{self, Created, PhotoKind, SubmitError},
};
use crate::{
    api::{
        ApiClient, FieldError, Problem, idempotency,
        keys::Scope,
        parts::{self, Read},
    },
    audit::{self, Entry},
    db,
    web::{AppState, context::client_ip},
};

/// Largest JSON part accepted.
const JSON_LIMIT: usize = 256 * 1024;

/// The intake routes.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/applications", post(create))
        .route("/api/v1/applications/{id}", get(super::status::show))
        .route("/api/v1/applications/{id}/documents", post(documents))
}

/// What a multipart request carried, and its place among the bodies read at once (held while
/// the request's photos are in memory).
struct Parts {
    json: Option<Vec<u8>>,
    photos: Vec<(PhotoKind, Arc<Vec<u8>>)>,
    errors: Vec<FieldError>,
    _slot: tokio::sync::OwnedSemaphorePermit,
}

async fn read_parts(
    state: &AppState,
    multipart: Result<Multipart, MultipartRejection>,
    json_allowed: bool,
) -> Result<Parts, Problem> {
    let mut multipart = multipart.map_err(|e| {
        Problem::bad_request(format!(
            "send multipart/form-data with an `application` JSON part and photo parts ({e})"
        ))
    })?;
    // Only so many bodies are read at once; beyond them the client retries later, and this
    // body is never read.
    let slot = state.intake_bodies.clone().try_acquire_owned().map_err(|_| Problem::busy(5))?;
    let max_photo = state.photos.limits.max_bytes;
    let mut got = Parts { json: None, photos: Vec::new(), errors: Vec::new(), _slot: slot };
    while let Some(read) = parts::next(&mut multipart, |name| match (name, PhotoKind::parse(name)) {
        ("application", _) if json_allowed => JSON_LIMIT,
        (_, Some(_)) => max_photo,
        _ => 0,
    })
    .await?
    {
        let part = match read {
            Read::Whole(part) => part,
            Read::Unknown(name) => {
                got.errors.push(FieldError {
                    field: name,
                    code: "unknown_part",
                    detail: "this part is not part of the API".into(),
                });
                continue;
            }
            Read::TooLarge { name, limit, .. } => {
                got.errors.push(FieldError {
                    field: name,
                    code: "too_large",
                    detail: format!("at most {limit} bytes"),
                });
                continue;
            }
        };
        let (name, buf) = (part.name, part.bytes);
        match PhotoKind::parse(&name) {
            // A second application part would silently replace the first: refused, like a
            // second photo of a kind.
            None if got.json.is_some() => got.errors.push(FieldError {
                field: name,
                code: "duplicate_part",
                detail: "send the application once".into(),
            }),
            None => got.json = Some(buf),
            Some(kind) if got.photos.iter().any(|(k, _)| *k == kind) => {
                got.errors.push(FieldError {
                    field: name,
                    code: "duplicate_part",
                    detail: "send each photo once".into(),
                });
            }
            Some(kind) => got.photos.push((kind, Arc::new(buf))),
        }
    }
    Ok(got)
}

/// A hash of what the request asks for (path, JSON in canonical form, photo digests), so a
/// retry with another multipart boundary still matches.
fn request_hash(path: &str, json: Option<&Value>, photos: &[(PhotoKind, Arc<Vec<u8>>)]) -> String {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    if let Some(j) = json {
        h.update(j.to_string().as_bytes());
    }
    let mut digests: Vec<String> = photos
        .iter()
        .map(|(k, b)| format!("{}:{}", k.code(), hex::encode(Sha256::digest(b.as_slice()))))
        .collect();
    digests.sort();
    h.update(digests.join(",").as_bytes());
    hex::encode(h.finalize())
}

/// The stored answer for `key` (see [`idempotency::replay`]), naming the application it made.
async fn replay(
    state: &AppState,
    client: &ApiClient,
    key: &str,
    hash: &str,
) -> Result<Option<Response>, Problem> {
    idempotency::replay(&state.db, client, key, hash, |v| {
        v["id"].as_i64().map(|id| format!("/api/v1/applications/{id}"))
    })
    .await
}

fn created_response(status: StatusCode, created: &Created) -> Response {
    let mut res = (status, axum::Json(created)).into_response();
    if let Ok(loc) = HeaderValue::from_str(&format!("/api/v1/applications/{}", created.id)) {
        res.headers_mut().insert(header::LOCATION, loc);
    }
    res
}

/// Records a refused request in the audit log (who sent what kind of bad input).
async fn audit_refusal(state: &AppState, client: &ApiClient, ip: &str, errors: &[FieldError]) {
    let fields: Vec<String> = errors.iter().take(20).map(|e| format!("{}:{}", e.field, e.code)).collect();
    let entry =
        Entry::new(&client.actor(), "application.refused").details(json!({ "errors": fields })).ip(ip);
    if let Err(e) = audit::record_alone(&state.db, entry).await {
        tracing::error!(error = %e, "could not audit a refused application");
    }
}

async fn create(
    State(state): State<AppState>,
    client: ApiClient,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let ip = client_ip(&state.config, &headers, Some(peer));
    match create_inner(&state, &client, &ip, &headers, multipart).await {
        Ok(res) => res,
        Err(problem) => {
            if problem.status == 422 {
                audit_refusal(&state, &client, &ip, &problem.errors).await;
            }
            problem.into_response()
        }
    }
}

async fn create_inner(
    state: &AppState,
    client: &ApiClient,
    ip: &str,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    client.require(Scope::ApplicationsWrite)?;
    let key = idempotency::key(headers)?;
    let parts = read_parts(state, multipart, true).await?;
    let mut errors = parts.errors;
    let doc: Option<Value> = match &parts.json {
        None => {
            errors.push(FieldError {
                field: "application".into(),
                code: "required",
                detail: "the application JSON part is required".into(),
            });
            None
        }
        Some(bytes) => match serde_json::from_slice::<Value>(bytes) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(FieldError {
                    field: "application".into(),
                    code: "invalid_json",
                    detail: e.to_string(),
                });
                None
            }
        },
    };
    let hash = request_hash("/api/v1/applications", doc.as_ref(), &parts.photos);
    if let Some(k) = &key
        && let Some(res) = replay(state, client, k, &hash).await?
    {
        return Ok(res);
    }
    let app = match &doc {
        Some(d) => match NewApplication::parse(d, db::now()) {
            Ok(app) => {
                // The app's own id names one application per client, with or without an
                // Idempotency-Key: answered before any photo is decoded.
                if let Some(ext) = &app.external_id
                    && let Some(id) = store::by_external_id(&state.db, client, ext).await?
                {
                    return Err(Problem::duplicate_external_id(ext, id));
                }
                Some(app)
            }
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        },
        None => None,
    };
    for kind in PhotoKind::ALL {
        if !parts.photos.iter().any(|(k, _)| *k == kind) && !errors.iter().any(|e| e.field == kind.code()) {
            errors.push(FieldError {
                field: kind.code().into(),
                code: "required",
                detail: "this photo is required".into(),
            });
        }
    }
    // Photos are checked even when other fields are bad, so one answer names every problem.
    let (done, mut photo_errors) = store::process_parts(&state.photos, &parts.photos).await;
    errors.append(&mut photo_errors);
    let (Some(app), true) = (app, errors.is_empty()) else {
        return Err(Problem::invalid(errors));
    };
    let idem = key.as_deref().map(|k| (k, hash.as_str()));
    match store::submit(&state.db, &state.photos, client, ip, &app, &done, idem).await {
        Ok(created) => Ok(created_response(StatusCode::CREATED, &created)),
        Err(e) => finish_error(state, client, key.as_deref(), &hash, e).await,
    }
}

async fn finish_error(
    state: &AppState,
    client: &ApiClient,
    key: Option<&str>,
    hash: &str,
    e: SubmitError,
) -> Result<Response, Problem> {
    match e {
        SubmitError::Invalid(errors) => Err(Problem::invalid(errors)),
        SubmitError::IdempotencyRace => match key {
            Some(k) => {
                replay(state, client, k, hash).await?.ok_or_else(|| Problem::internal("idempotency race"))
            }
            None => Err(Problem::internal("idempotency race without a key")),
        },
        SubmitError::NotFound => Err(Problem::not_found()),
        SubmitError::Duplicate(ext, id) => Err(Problem::duplicate_external_id(&ext, id)),
        SubmitError::NotAwaitingDocuments => Err(Problem::conflict(
            "/problems/not-awaiting-documents",
            "The application is not waiting for documents",
            "Documents can be sent only after a reviewer asked for them.",
        )),
        SubmitError::Storage(e) => Err(Problem::internal(format!("storage: {e}"))),
        SubmitError::Db(e) => Err(e.into()),
    }
}

async fn documents(
    State(state): State<AppState>,
    client: ApiClient,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let ip = client_ip(&state.config, &headers, Some(peer));
    let result = async {
        client.require(Scope::DocumentsWrite)?;
        let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
        let key = idempotency::key(&headers)?;
        let parts = read_parts(&state, multipart, false).await?;
        if !parts.errors.is_empty() {
            return Err(Problem::invalid(parts.errors));
        }
        let path = format!("/api/v1/applications/{id}/documents");
        let hash = request_hash(&path, None, &parts.photos);
        if let Some(k) = &key
            && let Some(res) = replay(&state, &client, k, &hash).await?
        {
            return Ok(res);
        }
        let idem = key.as_deref().map(|k| (k, hash.as_str()));
        match super::resubmit::resubmit(&state.db, &state.photos, &client, &ip, id, &parts.photos, idem).await
        {
            Ok(created) => Ok(created_response(StatusCode::OK, &created)),
            Err(e) => finish_error(&state, &client, key.as_deref(), &hash, e).await,
        }
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}
