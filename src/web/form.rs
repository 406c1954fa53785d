//! A form extractor that understands repeated fields (`role=a&role=b` into a `Vec`), which
//! checkbox groups need. A body that cannot be read is a localized 400, never a crash.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The urlencoded body of a page form, deserialized into `T`.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest
            }
        })?;
        serde_html_form::from_bytes(&bytes).map(Form).map_err(|_| AppError::BadRequest)
    }
}
