//! Reason codes: a list administrators extend and edit, each with a Russian and a Kazakh label for
//! staff and a separate text the customer receives in their language. A code is of one kind: a
//! rejection's reason, or an account action's (block, restrict, archive).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;
use serde_json::json;
use sqlx::FromRow;

use crate::{
    audit::{self, Entry},
    auth::access,
    db::{self, Db, json_rows},
    error::{AppError, AppResult},
    i18n::Lang,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db, with_tx,
};

/// A reason code as stored.
#[derive(Clone, Debug, Default, FromRow, Deserialize)]
pub struct Reason {
    pub code: String,
    /// `rejection` or `account` (see [`KINDS`]).
    pub kind: String,
    pub label_ru: String,
    pub label_kk: String,
    pub customer_ru: String,
    pub customer_kk: String,
    #[serde(deserialize_with = "json_rows::de::boolean")]
    pub active: bool,
    pub position: i64,
}

impl Reason {
    /// The staff label in `lang`.
    pub fn label(&self, lang: &Lang) -> &str {
        match lang {
            Lang::Ru => &self.label_ru,
            Lang::Kk => &self.label_kk,
        }
    }

    /// The customer's text in the customer's language (`ru` or `kk`).
    pub fn customer_text(&self, language: &str) -> &str {
        if language == "kk" { &self.customer_kk } else { &self.customer_ru }
    }
}

/// The kinds of reason code: what a code is given for.
pub const KINDS: &[&str] = &["rejection", "account", "restoration"];
/// Rejections' reasons.
pub const REJECTION: &str = "rejection";
/// Account actions' reasons.
pub const ACCOUNT: &str = "account";
/// Refusals of access restoration.
pub const RESTORATION: &str = "restoration";

const SELECT: &str =
    "SELECT code, kind, label_ru, label_kk, customer_ru, customer_kk, active, position FROM reason_codes";
/// The active rejection reasons, as a list query (see `db::json_rows`).
pub const ACTIVE: &str = "SELECT code, kind, label_ru, label_kk, customer_ru, customer_kk, active, position
     FROM reason_codes WHERE active AND kind = 'rejection'";
/// Every account action's reason, active or not, as a list query.
pub const ACCOUNT_REASONS: &str =
    "SELECT code, kind, label_ru, label_kk, customer_ru, customer_kk, active, position
     FROM reason_codes WHERE kind = 'account'";
/// The columns of a [`Reason`], in its order.
pub const COLUMNS: &[&str] =
    &["code", "kind", "label_ru", "label_kk", "customer_ru", "customer_kk", "active", "position"];
/// The list order.
pub const ORDER: &str = "position, code";

/// The reason codes of `kind` (every kind if `None`; active ones only if `active_only`), in list
/// order.
pub async fn list(db: &Db, kind: Option<&str>, active_only: bool) -> Result<Vec<Reason>, sqlx::Error> {
    let inner = match (kind, active_only) {
        (None, false) => SELECT.to_string(),
        (None, true) => format!("{SELECT} WHERE active"),
        // A kind is one of [`KINDS`], never user text.
        (Some(k), false) => format!("{SELECT} WHERE kind = '{}'", kind_of(k)),
        (Some(k), true) => format!("{SELECT} WHERE active AND kind = '{}'", kind_of(k)),
    };
    // One value, not a row each (see `db::json_rows`).
    let sql = json_rows::wrap(db, &inner, COLUMNS, ORDER);
    let json: String = with_db!(db, |c| sqlx::query_scalar(&sql).fetch_one(c).await)?;
    json_rows::parse(&json)
}

/// `k` if it is a known kind, else the rejection kind.
fn kind_of(k: &str) -> &'static str {
    KINDS.iter().copied().find(|x| *x == k).unwrap_or(REJECTION)
}

/// `/admin/reasons...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/reasons", get(index).post(create))
        .route("/admin/reasons/{code}", get(edit).post(update))
}

#[derive(Template, WebTemplate)]
#[template(path = "review/reasons.html")]
struct IndexPage {
    page: Page,
    reasons: Vec<Reason>,
    form: ReasonForm,
    errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/reason_edit.html")]
struct EditPage {
    page: Page,
    code: String,
    form: ReasonForm,
    errors: FieldErrors,
}

/// The add/edit form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReasonForm {
    pub code: String,
    pub kind: String,
    pub label_ru: String,
    pub label_kk: String,
    pub customer_ru: String,
    pub customer_kk: String,
    pub active: String,
    pub position: String,
}

/// One text field of the form, for the template.
pub struct TextField {
    pub name: &'static str,
    pub label: &'static str,
    pub multiline: bool,
    pub lang: &'static str,
    pub value: String,
}

impl ReasonForm {
    /// The four text fields, in order.
    pub fn fields(&self) -> Vec<TextField> {
        let f = |name, label, multiline, lang, value: &String| TextField {
            name,
            label,
            multiline,
            lang,
            value: value.clone(),
        };
        vec![
            f("label_ru", "reasons-label-ru", false, "ru", &self.label_ru),
            f("label_kk", "reasons-label-kk", false, "kk", &self.label_kk),
            f("customer_ru", "reasons-customer-ru", true, "ru", &self.customer_ru),
            f("customer_kk", "reasons-customer-kk", true, "kk", &self.customer_kk),
        ]
    }

    fn from_reason(r: &Reason) -> Self {
        ReasonForm {
            code: r.code.clone(),
            kind: r.kind.clone(),
            label_ru: r.label_ru.clone(),
            label_kk: r.label_kk.clone(),
            customer_ru: r.customer_ru.clone(),
            customer_kk: r.customer_kk.clone(),
            active: if r.active { "on".into() } else { String::new() },
            position: r.position.to_string(),
        }
    }

    /// Validates; `with_code` for a new reason (an existing one keeps its code).
    fn validate(&self, with_code: bool, errors: &mut FieldErrors) -> Option<Reason> {
        let code = self.code.trim().to_string();
        let well_formed = (2..=40).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if with_code && !well_formed {
            errors.add("code", "reasons-code-invalid");
        }
        // A form without the choice makes a rejection's reason, as every reason was before kinds.
        let kind = match self.kind.trim() {
            "" => REJECTION,
            k => k,
        };
        if with_code && !KINDS.contains(&kind) {
            errors.add("kind", "reasons-kind-invalid");
        }
        let text = |v: &str, field: &'static str, max: usize, errors: &mut FieldErrors| {
            let v = v.trim().to_string();
            if v.is_empty() {
                errors.add(field, "field-required");
            } else if v.chars().count() > max {
                errors.add(field, "field-too-long");
            }
            v
        };
        let label_ru = text(&self.label_ru, "label_ru", 120, errors);
        let label_kk = text(&self.label_kk, "label_kk", 120, errors);
        let customer_ru = text(&self.customer_ru, "customer_ru", 500, errors);
        let customer_kk = text(&self.customer_kk, "customer_kk", 500, errors);
        let position = if self.position.trim().is_empty() {
            0
        } else {
            match self.position.trim().parse::<i64>() {
                Ok(p) if (0..=10_000).contains(&p) => p,
                _ => {
                    errors.add("position", "reasons-position-invalid");
                    0
                }
            }
        };
        errors.is_empty().then_some(Reason {
            code,
            kind: kind_of(kind).to_string(),
            label_ru,
            label_kk,
            customer_ru,
            customer_kk,
            active: !self.active.is_empty(),
            position,
        })
    }
}

async fn index(State(state): State<AppState>, ctx: Ctx) -> AppResult<IndexPage> {
    ctx.require(access::ADMIN)?;
    let reasons = list(&state.db, None, false).await?;
    let form = ReasonForm { active: "on".into(), kind: REJECTION.into(), ..ReasonForm::default() };
    Ok(IndexPage { page: ctx.page("reasons-title"), reasons, form, errors: FieldErrors::new(ctx.lang) })
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some(r) = form.validate(true, &mut errors) {
        let mut tx = state.db.begin().await?;
        let now = db::now();
        let inserted = with_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO reason_codes (code, label_ru, label_kk, customer_ru, customer_kk, active, position,
                                       created_at, updated_at, kind)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) ON CONFLICT (code) DO NOTHING"
        )
        .bind(&r.code)
        .bind(&r.label_ru)
        .bind(&r.label_kk)
        .bind(&r.customer_ru)
        .bind(&r.customer_kk)
        .bind(r.active)
        .bind(r.position)
        .bind(now)
        .bind(&r.kind)
        .execute(c)
        .await
        .map(|x| x.rows_affected())
        })?;
        if inserted == 1 {
            let entry = Entry::new(&ctx.actor(), "reason.created")
                .subject("reason", &r.code)
                .details(json!({ "code": r.code, "label": r.label_ru, "kind": r.kind }))
                .ip(&ctx.ip);
            audit::record(&mut tx, entry).await?;
            tx.commit().await?;
            ctx.flash(true, "reasons-created", &[("code", r.code.clone())]).await?;
            return Ok(Redirect::to("/admin/reasons").into_response());
        }
        errors.add("code", "reasons-code-taken");
    }
    let reasons = list(&state.db, None, false).await?;
    let page = IndexPage { page: ctx.page("reasons-title"), reasons, form, errors };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn find(db: &Db, code: &str) -> Result<Option<Reason>, sqlx::Error> {
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT code, kind, label_ru, label_kk, customer_ru, customer_kk, active, position FROM reason_codes
         WHERE code = $1"
    )
    .bind(code)
    .fetch_optional(c)
    .await
    })
}

async fn edit(State(state): State<AppState>, ctx: Ctx, Path(code): Path<String>) -> AppResult<EditPage> {
    ctx.require(access::ADMIN)?;
    let r = find(&state.db, &code).await?.ok_or(AppError::NotFound)?;
    Ok(EditPage {
        page: ctx.page("reasons-edit-title"),
        code: r.code.clone(),
        form: ReasonForm::from_reason(&r),
        errors: FieldErrors::new(ctx.lang),
    })
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let before = find(&state.db, &code).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(r) = form.validate(false, &mut errors) else {
        let page = EditPage { page: ctx.page("reasons-edit-title"), code, form, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE reason_codes SET label_ru = $1, label_kk = $2, customer_ru = $3, customer_kk = $4, active = $5,
                position = $6, updated_at = $7 WHERE code = $8"
    )
    .bind(&r.label_ru)
    .bind(&r.label_kk)
    .bind(&r.customer_ru)
    .bind(&r.customer_kk)
    .bind(r.active)
    .bind(r.position)
    .bind(db::now())
    .bind(&code)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    let mut details = json!({ "code": code });
    if before.active != r.active {
        details["active"] = json!(if r.active { "yes" } else { "no" });
    }
    let entry =
        Entry::new(&ctx.actor(), "reason.updated").subject("reason", &code).details(details).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "reasons-updated", &[("code", code)]).await?;
    Ok(Redirect::to("/admin/reasons").into_response())
}
