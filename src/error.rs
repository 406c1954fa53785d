//! The one error type of the web layer. Handlers return it; [`crate::web::context`] turns it
//! into a localized error page (or `application/problem+json` under `/api/`). Internal errors are
//! logged with their cause and shown to people as a plain message, never with internals.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in: send the person to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in, but no role that may open this.
    #[error("forbidden")]
    Forbidden,
    /// The form did not carry the session's CSRF token.
    #[error("CSRF token missing or wrong")]
    Csrf,
    /// No such page or record.
    #[error("not found")]
    NotFound,
    /// A request that cannot be understood (bad path or query parameters).
    #[error("bad request")]
    BadRequest,
    /// The body is larger than this route accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Anything else: logged, shown as a generic error.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Which localized error page a response should get; set by [`AppError`] and by the fallback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPage {
    Forbidden,
    Csrf,
    NotFound,
    BadRequest,
    PayloadTooLarge,
    MethodNotAllowed,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ErrorPage {
    /// The page for a bare status code (an extractor's rejection, say).
    pub fn for_status(status: StatusCode) -> ErrorPage {
        match status {
            StatusCode::FORBIDDEN => ErrorPage::Forbidden,
            StatusCode::NOT_FOUND => ErrorPage::NotFound,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorPage::PayloadTooLarge,
            StatusCode::METHOD_NOT_ALLOWED => ErrorPage::MethodNotAllowed,
            StatusCode::TOO_MANY_REQUESTS => ErrorPage::TooManyRequests,
            StatusCode::SERVICE_UNAVAILABLE => ErrorPage::Unavailable,
            s if s.is_client_error() => ErrorPage::BadRequest,
            _ => ErrorPage::Internal,
        }
    }

    /// Fluent id prefix of the page's title and text (`error-404-title`, `error-404-text`).
    pub fn message_key(self) -> &'static str {
        match self {
            ErrorPage::Forbidden => "error-403",
            ErrorPage::Csrf => "error-csrf",
            ErrorPage::NotFound => "error-404",
            ErrorPage::BadRequest => "error-400",
            ErrorPage::PayloadTooLarge => "error-413",
            ErrorPage::MethodNotAllowed => "error-405",
            ErrorPage::TooManyRequests => "error-429",
            ErrorPage::Internal => "error-500",
            ErrorPage::Unavailable => "error-503",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, page) = match self {
            AppError::SignInRequired => {
                // The page middleware adds where the person wanted to go.
                let mut r = Redirect::to("/login").into_response();
                r.extensions_mut().insert(crate::web::context::NeedsSignIn);
                return r;
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorPage::Forbidden),
            AppError::Csrf => (StatusCode::FORBIDDEN, ErrorPage::Csrf),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorPage::NotFound),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, ErrorPage::BadRequest),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorPage::PayloadTooLarge),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage::Internal)
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(page);
        response
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(e: tower_sessions::session::Error) -> Self {
        AppError::Internal(format!("session: {e}"))
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("blocking task: {e}"))
    }
}

/// Result of a web handler.
pub type AppResult<T> = Result<T, AppError>;
