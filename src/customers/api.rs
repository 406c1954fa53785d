//! The customer API for the app's backend: `GET /api/v1/customers/{ref}` (the account status
//! and what it may not do, the latest consent, the obligation), `POST .../consents` (a consent
//! given or withdrawn, to a policy version) and `POST .../obligations` (whether an obligation, an
//! open loan, is unfulfilled). `ref` is the app's account id or the IIN. A client reaches the
//! customers it has sent applications of; writes are idempotent like intake and audited with
//! the client as actor.

use axum::{
    Json, Router,
    body::Bytes,
    extract::{DefaultBodyLimit, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::account::{bars_applications, parse_restrictions};
use crate::{
    api::{ApiClient, FieldError, Problem, idempotency, keys::Scope},
    audit::{self, Entry},
    consents::{store as consents, versions},
    db::{self, Db},
    intake::{iin::Iin, input::well_formed_account_id},
    web::{AppState, context::client_ip},
    with_db, with_tx,
};

/// The largest body of a write, in bytes.
const BODY_MAX: usize = 16 * 1024;
/// How far ahead of the portal's clock a reported time may be (clocks differ a little).
const CLOCK_SKEW_MINUTES: i64 = 5;

/// `/api/v1/customers/...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/customers/{reference}", get(show))
        .route("/api/v1/customers/{reference}/consents", post(consent).layer(DefaultBodyLimit::max(BODY_MAX)))
        .route(
            "/api/v1/customers/{reference}/obligations",
            post(obligation).layer(DefaultBodyLimit::max(BODY_MAX)),
        )
}

/// The customer as the API reads it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    status: String,
    restrictions: Option<String>,
    status_reason: Option<String>,
    status_changed_at: Option<OffsetDateTime>,
    obligation_open: Option<bool>,
    obligation_reference: Option<String>,
    obligation_at: Option<OffsetDateTime>,
}

/// The customer `reference` names, if this client sent applications of them. A reference that is
/// neither an IIN nor an account id is a 400.
pub(crate) async fn find(db: &Db, client: &ApiClient, reference: &str) -> Result<i64, Problem> {
    let by_iin = reference.len() == 12 && reference.bytes().all(|b| b.is_ascii_digit());
    if by_iin && Iin::parse(reference).is_err() {
        return Err(Problem::bad_request("the reference is 12 digits but not a valid IIN (its check digit)"));
    }
    if !by_iin && !well_formed_account_id(reference) {
        return Err(Problem::bad_request(
            "the reference is an IIN (12 digits) or an account id (1 to 64 Latin letters, digits, . _ : -)",
        ));
    }
    let id = of_client(db, client, reference).await?;
    id.ok_or_else(Problem::not_found)
}

/// The customer `reference` (an IIN or an account id, well formed) names, if `client` sent
/// applications of them.
pub(crate) async fn of_client(
    db: &Db,
    client: &ApiClient,
    reference: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let by_iin = reference.len() == 12 && reference.bytes().all(|b| b.is_ascii_digit());
    let which = if by_iin {
        "c.iin = $1"
    } else {
        "c.id = (SELECT customer_id FROM customer_accounts WHERE account_id = $1)"
    };
    let sql = format!(
        "SELECT c.id FROM customers c WHERE {which}
           AND EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = c.id AND a.api_client_id = $2)"
    );
    with_db!(db, |c| sqlx::query_scalar(&sql).bind(reference).bind(client.id).fetch_optional(c).await)
}

/// Customer `id`'s account and obligation as the API shows them, with their latest consent, read
/// in `tx` (a write's answer includes the write).
async fn view(tx: &mut db::Tx, id: i64) -> Result<Value, Problem> {
    let row: Row = with_tx!(tx, |c| sqlx::query_as(
        "SELECT id, status, restrictions, status_reason, status_changed_at, obligation_open,
                obligation_reference, obligation_at
         FROM customers WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    let restrictions = parse_restrictions(row.restrictions.as_deref());
    let latest = consents::latest(tx, row.id).await?;
    let consent = latest.map(|k| {
        json!({
            "policy_version": k.policy_version,
            "action": if k.given { "given" } else { "withdrawn" },
            "at": k.at.format(&Rfc3339).unwrap_or_default(),
        })
    });
    let obligation = row.obligation_open.map(|open| {
        json!({
            "open": open,
            "reference": row.obligation_reference,
            "at": row.obligation_at.and_then(|a| a.format(&Rfc3339).ok()),
        })
    });
    Ok(json!({
        "customer_id": row.id,
        "status": row.status,
        "restrictions": restrictions,
        "accepts_applications": !bars_applications(&row.status, &restrictions),
        "allows_data_changes": !matches!(row.status.as_str(), "blocked" | "archived")
            && !restrictions.iter().any(|r| r == "data_changes"),
        "reason": row.status_reason,
        "since": row.status_changed_at.and_then(|a| a.format(&Rfc3339).ok()),
        "consent": consent,
        "obligation": obligation,
    }))
}

/// `GET /api/v1/customers/{ref}`.
async fn show(
    State(state): State<AppState>,
    client: ApiClient,
    Path(reference): Path<String>,
) -> Result<Json<Value>, Problem> {
    client.require(Scope::CustomersRead)?;
    let id = find(&state.db, &client, &reference).await?;
    let mut tx = state.db.begin().await?;
    let body = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Json(body))
}

/// The JSON body, or a 422 naming `body`.
pub(crate) fn json_body(body: &Bytes) -> Result<Value, Problem> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(Problem::invalid(vec![FieldError {
            field: "body".into(),
            code: "invalid_json",
            detail: "a JSON object".into(),
        }])),
        Err(e) => Err(Problem::invalid(vec![FieldError {
            field: "body".into(),
            code: "invalid_json",
            detail: e.to_string(),
        }])),
    }
}

/// A time the customer did something: RFC 3339, not in the future.
pub(crate) fn reported_at(v: &Value, errors: &mut Vec<FieldError>) -> Option<OffsetDateTime> {
    let err = |code, detail: &str| FieldError { field: "at".into(), code, detail: detail.into() };
    match v["at"].as_str() {
        None => {
            errors.push(err("required", "an RFC 3339 time"));
            None
        }
        Some(s) => match OffsetDateTime::parse(s, &Rfc3339) {
            Ok(at) if at > db::now() + time::Duration::minutes(CLOCK_SKEW_MINUTES) => {
                errors.push(err("in_future", "the time is in the future"));
                None
            }
            Ok(at) => Some(at.to_offset(time::UtcOffset::UTC)),
            Err(_) => {
                errors.push(err("invalid_datetime", "an RFC 3339 time, like 2026-12-01T10:00:00+05:00"));
                None
            }
        },
    }
}

/// What a write shares: the scope, the customer, the body, the idempotency key and the replay.
pub(crate) struct Write {
    pub(crate) customer: i64,
    pub(crate) body: Value,
    pub(crate) key: Option<String>,
    pub(crate) hash: String,
    pub(crate) ip: String,
}

/// Starts a write of the `customers:write` scope at `path`: the customer, the body read, and the
/// idempotency key's earlier answer when there is one (`Err` of the outer `Ok`).
pub(crate) async fn begin_write(
    state: &AppState,
    client: &ApiClient,
    reference: &str,
    headers: &HeaderMap,
    path: &str,
    body: &Bytes,
) -> Result<Result<Write, Response>, Problem> {
    client.require(Scope::CustomersWrite)?;
    let key = idempotency::key(headers)?;
    let customer = find(&state.db, client, reference).await?;
    let body = json_body(body)?;
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update(body.to_string().as_bytes());
    let hash = hex::encode(h.finalize());
    if let Some(k) = &key
        && let Some(res) = idempotency::replay(&state.db, client, k, &hash, |_| None).await?
    {
        return Ok(Err(res));
    }
    let ip = client_ip(&state.config, headers, None);
    Ok(Ok(Write { customer, body, key, hash, ip }))
}

/// `POST /api/v1/customers/{ref}/consents`: `{"policy_version", "action": "given"|"withdrawn", "at"}`.
async fn consent(
    State(state): State<AppState>,
    client: ApiClient,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/customers/{reference}/consents");
    let w = match begin_write(&state, &client, &reference, &headers, &path, &body).await? {
        Ok(w) => w,
        Err(replayed) => return Ok(replayed),
    };
    let mut errors = Vec::new();
    let version = match w.body["policy_version"].as_str().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError {
                field: "policy_version".into(),
                code: "required",
                detail: "the number of the policy version".into(),
            });
            None
        }
        Some(n) => versions::by_number(&state.db, n).await?.or_else(|| {
            errors.push(FieldError {
                field: "policy_version".into(),
                code: "unknown_version",
                detail: "no policy version has this number".into(),
            });
            None
        }),
    };
    let given = match w.body["action"].as_str() {
        Some("given") => Some(true),
        Some("withdrawn") => Some(false),
        _ => {
            errors.push(FieldError {
                field: "action".into(),
                code: "invalid_choice",
                detail: "given or withdrawn".into(),
            });
            None
        }
    };
    let at = reported_at(&w.body, &mut errors);
    let (Some(version), Some(given), Some(at)) = (version, given, at) else {
        return Err(Problem::invalid(errors));
    };
    let mut tx = state.db.begin().await?;
    let recorded = consents::record(&mut tx, w.customer, version, given, at, Some(client.id)).await?;
    if recorded {
        let given = if given { "yes" } else { "no" };
        let entry = Entry::new(&client.actor(), "customer.consent-recorded")
            .subject("customer", w.customer)
            .details(json!({
                "policy_version": w.body["policy_version"].as_str().unwrap_or_default().trim(),
                "given": given,
            }))
            .ip(&w.ip);
        audit::record(&mut tx, entry).await?;
    }
    let status = if recorded { StatusCode::CREATED } else { StatusCode::OK };
    finish(&state, &client, tx, &w, status).await
}

/// `POST /api/v1/customers/{ref}/obligations`: `{"open": bool, "reference"?, "at"}`. A report
/// older than the one recorded changes nothing.
async fn obligation(
    State(state): State<AppState>,
    client: ApiClient,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/customers/{reference}/obligations");
    let w = match begin_write(&state, &client, &reference, &headers, &path, &body).await? {
        Ok(w) => w,
        Err(replayed) => return Ok(replayed),
    };
    let mut errors = Vec::new();
    let open = w.body["open"].as_bool();
    if open.is_none() {
        errors.push(FieldError { field: "open".into(), code: "required", detail: "true or false".into() });
    }
    let loan = match &w.body["reference"] {
        Value::Null => None,
        Value::String(s) if well_formed_account_id(s) => Some(s.clone()),
        _ => {
            errors.push(FieldError {
                field: "reference".into(),
                code: "invalid_reference",
                detail: "1 to 64 Latin letters, digits, . _ : -".into(),
            });
            None
        }
    };
    let at = reported_at(&w.body, &mut errors);
    let (Some(open), Some(at)) = (open, at) else {
        return Err(Problem::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let mut tx = state.db.begin().await?;
    // The newest report wins: one older than the recorded one changes nothing (compared here,
    // as times, not as stored text).
    let lock = if matches!(tx, db::Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT obligation_at FROM customers WHERE id = $1{lock}");
    let recorded: Option<OffsetDateTime> =
        with_tx!(&mut tx, |c| sqlx::query_scalar(&sql).bind(w.customer).fetch_one(c).await)?;
    let changed = if recorded.is_none_or(|r| r < at) {
        with_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE customers SET obligation_open = $1, obligation_reference = $2, obligation_at = $3 WHERE id = $4"
        )
        .bind(open)
        .bind(&loan)
        .bind(at)
        .bind(w.customer)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?
    } else {
        0
    };
    if changed == 1 {
        let open = if open { "yes" } else { "no" };
        let entry = Entry::new(&client.actor(), "customer.obligation-reported")
            .subject("customer", w.customer)
            .details(json!({ "open": open }))
            .ip(&w.ip);
        audit::record(&mut tx, entry).await?;
    }
    finish(&state, &client, tx, &w, StatusCode::OK).await
}

/// Answers a write with the customer as it now is, stored for the idempotency key in the same
/// transaction.
async fn finish(
    state: &AppState,
    client: &ApiClient,
    mut tx: db::Tx,
    w: &Write,
    status: StatusCode,
) -> Result<Response, Problem> {
    let body = view(&mut tx, w.customer).await?;
    let record = w.key.as_deref().map(|k| (k, w.hash.as_str()));
    if !idempotency::save(&mut tx, client, record, status.as_u16(), &body.to_string()).await? {
        // Another request with this key committed first: its answer is the answer.
        drop(tx);
        let k = w.key.as_deref().unwrap_or_default();
        return idempotency::replay(&state.db, client, k, &w.hash, |_| None)
            .await?
            .ok_or_else(|| Problem::internal("idempotency race"));
    }
    tx.commit().await?;
    Ok((status, Json(body)).into_response())
}
