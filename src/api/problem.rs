//! RFC 9457 problem details, with the field errors of a refused request.

use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// One refused field: a JSON path (`document.expires_on`), a stable code, and a sentence.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub detail: String,
}

/// An API error response.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The application a conflict is about (an `external_id` already received).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<i64>,
    /// Sent as `Retry-After`.
    #[serde(skip)]
    pub retry_after: Option<u32>,
}

impl Problem {
    fn new(status: StatusCode, kind: &'static str, title: &'static str, detail: impl Into<String>) -> Self {
        Problem {
            kind,
            title,
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            application_id: None,
            retry_after: None,
        }
    }

    /// 401: no key, or a wrong or revoked one.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "/problems/unauthorized",
            "Missing or invalid API key",
            "Send a valid key as `Authorization: Bearer <key>`.",
        )
    }

    /// 401: a real key past its expiry date.
    pub fn key_expired() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "/problems/key-expired",
            "The API key has expired",
            "Ask the portal's administrators for a new key.",
        )
    }

    /// 403: the key lacks the scope the operation needs.
    pub fn forbidden_scope(scope: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "/problems/scope",
            "The API key may not do this",
            format!("This operation needs a key with the scope {scope}."),
        )
    }

    /// 404.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "/problems/not-found", "Not found", "")
    }

    /// 422 with the refused fields.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let mut p = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation",
            "The request has invalid fields",
            "Nothing was stored. Fix the fields listed in `errors` and send the request again.",
        );
        p.errors = errors;
        p
    }

    /// 400: the body cannot be read at all.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "/problems/bad-request", "The request cannot be read", detail)
    }

    /// 409.
    pub fn conflict(kind: &'static str, title: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, kind, title, detail)
    }

    /// 409: this client already sent an application with this `external_id`.
    pub fn duplicate_external_id(external_id: &str, id: i64) -> Self {
        let mut p = Self::new(
            StatusCode::CONFLICT,
            "/problems/duplicate-external-id",
            "An application with this external_id was already received",
            format!(
                "Application {id} was received with external_id {external_id:?}; nothing new was stored. \
                 Follow it at /api/v1/applications/{id}."
            ),
        );
        p.application_id = Some(id);
        p
    }

    /// 413.
    pub fn too_large(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "/problems/too-large", "The request is too large", detail)
    }

    /// 503: too many requests of this kind are being read; try again after `seconds`.
    pub fn busy(seconds: u32) -> Self {
        let mut p = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/busy",
            "Too many requests are being received",
            "Nothing was read or stored. Send the request again after the seconds in Retry-After.",
        );
        p.retry_after = Some(seconds);
        p
    }

    /// A problem for a bare `status` (a rejection of the framework's), with `detail`.
    pub fn from_status(status: StatusCode, detail: String) -> Self {
        let (kind, title) = match status {
            StatusCode::BAD_REQUEST => ("/problems/bad-request", "The request cannot be read"),
            StatusCode::NOT_FOUND => ("/problems/not-found", "Not found"),
            StatusCode::METHOD_NOT_ALLOWED => {
                ("/problems/method-not-allowed", "This method is not allowed here")
            }
            StatusCode::PAYLOAD_TOO_LARGE => ("/problems/too-large", "The request is too large"),
            StatusCode::URI_TOO_LONG => ("/problems/uri-too-long", "The request target is too long"),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
                ("/problems/headers-too-large", "The request headers are too large")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ("/problems/unsupported-media-type", "The body's media type is not accepted")
            }
            StatusCode::UNPROCESSABLE_ENTITY => ("/problems/validation", "The request has invalid fields"),
            s if s.is_server_error() => ("/problems/internal", "Internal error"),
            _ => ("/problems/client-error", "The request was refused"),
        };
        Self::new(status, kind, title, detail)
    }

    /// 500: logged, never explained.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "API internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "/problems/internal",
            "Internal error",
            "The request was not completed; retry it with the same Idempotency-Key.",
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry_after = self.retry_after;
        let mut res = (status, Json(self)).into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, "application/problem+json".parse().expect("valid header"));
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("valid header"));
        }
        if let Some(seconds) = retry_after {
            res.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        res
    }
}

impl From<sqlx::Error> for Problem {
    fn from(e: sqlx::Error) -> Self {
        Problem::internal(format!("database: {e}"))
    }
}
