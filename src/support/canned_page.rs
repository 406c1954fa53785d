//! `/admin/canned-replies`: administrators write canned replies in both languages (a title and a
//! text each, optionally for one category), edit them and switch them off; every change audited.
//! A placeholder other than `{name}`, `{number}` and `{deadline}` is refused by its field, so an
//! agent never sends a customer a brace.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    canned::{self, Canned},
    model::CATEGORIES,
};
use crate::{
    audit::{self, Entry},
    auth::access,
    db,
    error::{AppError, AppResult},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_tx,
};

const TITLE_MAX: usize = 120;
const BODY_MAX: usize = 4000;

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CannedForm {
    title_ru: String,
    title_kk: String,
    body_ru: String,
    body_kk: String,
    category: String,
    active: String,
}

impl CannedForm {
    fn of(c: &Canned) -> CannedForm {
        CannedForm {
            title_ru: c.title_ru.clone(),
            title_kk: c.title_kk.clone(),
            body_ru: c.body_ru.clone(),
            body_kk: c.body_kk.clone(),
            category: c.category.clone().unwrap_or_default(),
            active: if c.active { "on".into() } else { String::new() },
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EditQuery {
    edit: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/canned.html")]
struct CannedPage {
    page: Page,
    list: Vec<Canned>,
    /// The reply being edited (none: a new one).
    editing: Option<i64>,
    form: CannedForm,
    errors: FieldErrors,
    categories: [&'static str; 8],
}

impl CannedPage {
    fn is_editing(&self, id: &i64) -> bool {
        self.editing == Some(*id)
    }

    fn value(&self, field: &str) -> &str {
        match field {
            "title_ru" => &self.form.title_ru,
            "title_kk" => &self.form.title_kk,
            "body_ru" => &self.form.body_ru,
            _ => &self.form.body_kk,
        }
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    editing: Option<i64>,
    form: CannedForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let page = CannedPage {
        page: ctx.page("canned-title"),
        list: canned::list(&state.db, None).await?,
        editing,
        form,
        errors,
        categories: CATEGORIES,
    };
    Ok((status, page).into_response())
}

/// `GET /admin/canned-replies[?edit=ID]`.
pub(super) async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<EditQuery>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let list = canned::list(&state.db, None).await?;
    let form = match q.edit {
        Some(id) => CannedForm::of(list.iter().find(|c| c.id == id).ok_or(AppError::NotFound)?),
        None => CannedForm { active: "on".into(), ..CannedForm::default() },
    };
    render(&state, &ctx, q.edit, form, FieldErrors::new(ctx.lang), StatusCode::OK).await
}

fn check(form: &CannedForm, errors: &mut FieldErrors) -> Option<&'static str> {
    for (field, value, max) in [
        ("title_ru", &form.title_ru, TITLE_MAX),
        ("title_kk", &form.title_kk, TITLE_MAX),
        ("body_ru", &form.body_ru, BODY_MAX),
        ("body_kk", &form.body_kk, BODY_MAX),
    ] {
        match value.trim().chars().count() {
            0 => errors.add(field, "canned-required"),
            n if n > max => errors.add(field, "field-too-long"),
            _ if super::model::has_control(value) => errors.add(field, "support-control-chars"),
            _ if canned::unknown_placeholder(value).is_some() => {
                errors.add(field, "canned-placeholder-unknown")
            }
            _ => {}
        }
    }
    match form.category.as_str() {
        "" => None,
        k => CATEGORIES.iter().find(|c| **c == k).copied().or_else(|| {
            errors.add("category", "field-invalid-choice");
            None
        }),
    }
}

/// `POST /admin/canned-replies`: a new reply.
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CannedForm>,
) -> AppResult<Response> {
    save(state, ctx, None, form).await
}

/// `POST /admin/canned-replies/{id}`: an edit.
pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CannedForm>,
) -> AppResult<Response> {
    save(state, ctx, Some(id), form).await
}

async fn save(state: AppState, ctx: Ctx, id: Option<i64>, form: CannedForm) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let category = check(&form, &mut errors);
    if !errors.is_empty() {
        return render(&state, &ctx, id, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let t = |s: &String| s.trim().to_string();
    let active = form.active == "on";
    let mut tx = state.db.begin().await?;
    let (saved, action) = match id {
        None => {
            let new: i64 = with_tx!(&mut tx, |c| {
                sqlx::query_scalar(
                "INSERT INTO canned_replies (title_ru, title_kk, body_ru, body_kk, category, active, created_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
            )
            .bind(t(&form.title_ru))
            .bind(t(&form.title_kk))
            .bind(t(&form.body_ru))
            .bind(t(&form.body_kk))
            .bind(category)
            .bind(active)
            .bind(user.id)
            .bind(db::now())
            .fetch_one(c)
            .await
            })?;
            (new, "canned-reply.created")
        }
        Some(id) => {
            let n = with_tx!(&mut tx, |c| {
                sqlx::query(
                "UPDATE canned_replies SET title_ru = $1, title_kk = $2, body_ru = $3, body_kk = $4, category = $5,
                     active = $6, updated_at = $7 WHERE id = $8"
            )
            .bind(t(&form.title_ru))
            .bind(t(&form.title_kk))
            .bind(t(&form.body_ru))
            .bind(t(&form.body_kk))
            .bind(category)
            .bind(active)
            .bind(db::now())
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
            if n == 0 {
                return Err(AppError::NotFound);
            }
            (id, "canned-reply.updated")
        }
    };
    let active = if active { "yes" } else { "no" };
    let entry = Entry::new(&ctx.actor(), action)
        .subject("canned_reply", saved)
        .ip(&ctx.ip)
        .details(json!({ "label": t(&form.title_ru), "category": category, "active": active }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "canned-saved", &[]).await?;
    Ok(Redirect::to("/admin/canned-replies").into_response())
}
