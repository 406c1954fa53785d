//! Showing a masked field of the customer page in full: for one view, after a reason is given
//! (one of a short list, and words of one's own), and after the step-up. Each reveal is a row of
//! the personal-data access log naming the customer, the field and the reason; a reveal without
//! a reason shows nothing.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    page::{Reveal, render},
    store,
};
use crate::{
    auth::{
        access,
        personal_data::{Field, Viewer},
    },
    db,
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::FieldErrors},
    with_db,
};

/// Why a field is shown in full; each has `customers-reveal-reason-<code>`.
pub const REASONS: &[&str] =
    &["customer_request", "fraud_check", "authority_request", "data_correction", "other"];

/// The fields the customer page masks, by form code, with their label's message id.
const FIELDS: &[(&str, Field, &str)] = &[
    ("iin", Field::Iin, "review-iin"),
    ("phone", Field::Phone, "review-phone"),
    ("reg_address", Field::RegAddress, "review-reg-address"),
    ("home_address", Field::HomeAddress, "review-home-address"),
    ("doc_number", Field::DocNumber, "review-doc-number"),
];

/// The words of one's own: at least this many characters.
const COMMENT_MIN: usize = 5;
const COMMENT_MAX: usize = 500;

/// The fields `viewer` may show in full (a role that sees a field masked everywhere may not).
pub fn revealable(viewer: &Viewer) -> Vec<(&'static str, &'static str)> {
    FIELDS.iter().filter(|(_, f, _)| viewer.full(*f)).map(|(code, _, label)| (*code, *label)).collect()
}

#[derive(Deserialize)]
pub(super) struct RevealForm {
    #[serde(default)]
    field: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    comment: String,
}

/// `GET /customers/{id}/reveal`: the form lives on the customer page.
pub(super) async fn back(Path(id): Path<i64>) -> Response {
    Redirect::to(&format!("/customers/{id}")).into_response()
}

/// `POST /customers/{id}/reveal` (behind the step-up).
pub(super) async fn reveal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RevealForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::CUSTOMERS)?;
    let db = &state.db;
    let customer = store::find(db, id).await?.ok_or(AppError::NotFound)?;
    let viewer = Viewer::new(&user.roles);
    let mut errors = FieldErrors::new(ctx.lang);
    let field = FIELDS.iter().find(|(code, ..)| *code == form.field);
    match field {
        None => errors.add("field", "field-invalid-choice"),
        Some((_, f, _)) if !viewer.full(*f) => errors.add("field", "customers-reveal-not-allowed"),
        Some(_) => {}
    }
    if !REASONS.contains(&form.reason.as_str()) {
        errors.add("reason", "customers-reveal-reason-required");
    }
    let comment = form.comment.trim();
    if comment.chars().count() < COMMENT_MIN {
        errors.add("comment", "customers-reveal-comment-required");
    } else if comment.chars().count() > COMMENT_MAX {
        errors.add("comment", "field-too-long");
    }
    let applications = store::applications(db, id, super::page::APPLICATIONS).await?;
    let source = super::page::source(&applications);
    let typed = Reveal {
        shown: None,
        field: form.field.clone(),
        reason: form.reason.clone(),
        comment: form.comment.clone(),
        errors: None,
    };
    let (Some((code, field, _)), Some(source), true) = (field, source, errors.is_empty()) else {
        let status = if source.is_none() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
        return render(
            &state,
            &ctx,
            id,
            Reveal { errors: Some(errors), ..typed },
            Default::default(),
            status,
        )
        .await;
    };
    let value = match field {
        Field::Iin => customer.iin.clone(),
        Field::Phone => source.phone.clone(),
        Field::RegAddress => source.reg_address.clone(),
        Field::HomeAddress => source.home_address.clone(),
        _ => source.doc_number.clone(),
    };
    // Logged before the value is sent.
    let reason = format!("{}: {comment}", form.reason);
    with_db!(db, |c| sqlx::query(
        "INSERT INTO pd_access_log (at, staff_id, application_id, access, ip, customer_id, field, reason)
         VALUES ($1, $2, $3, 'reveal', $4, $5, $6, $7)"
    )
    .bind(db::now())
    .bind(user.id)
    .bind(source.id)
    .bind(&ctx.ip)
    .bind(id)
    .bind(*code)
    .bind(&reason)
    .execute(c)
    .await
    .map(|_| ()))?;
    // The form comes back empty: the next field needs its own reason.
    let shown = Reveal { shown: Some((*field, value)), ..Reveal::default() };
    render(&state, &ctx, id, shown, Default::default(), StatusCode::OK).await
}
