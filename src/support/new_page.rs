//! `/support/new`: an agent opens a ticket for a phone call: the customer by IIN (or, for a
//! caller the portal does not know, the number or address they gave), the category, priority and
//! language, the customer's words, and for an objection the policy version it objects to.
//! Audited; the clocks start at once.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    actions::text,
    api::{SUBJECT_MAX, TEXT_MAX},
    clocks,
    model::{CATEGORIES, PRIORITIES},
    store::{self, NewTicket},
};
use crate::{
    audit::{self, Entry},
    auth::access,
    consents::versions,
    db,
    error::AppResult,
    intake::iin::Iin,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db,
};

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NewForm {
    iin: String,
    sender: String,
    category: String,
    priority: String,
    language: String,
    subject: String,
    text: String,
    /// For an objection: the id of the policy version objected to.
    policy_version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/new.html")]
struct NewPage {
    page: Page,
    form: NewForm,
    errors: FieldErrors,
    categories: [&'static str; 8],
    priorities: [&'static str; 4],
    /// The recorded policy versions, newest first: `(id, number)`.
    versions: Vec<(String, String)>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    form: NewForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let versions =
        versions::list(&state.db).await?.into_iter().map(|v| (v.id.to_string(), v.number)).collect();
    let page = NewPage {
        page: ctx.page("support-new-title"),
        form,
        errors,
        categories: CATEGORIES,
        priorities: PRIORITIES,
        versions,
    };
    Ok((status, page).into_response())
}

/// `GET /support/new`.
pub(super) async fn form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require(access::SUPPORT_WORK)?;
    let form = NewForm { priority: "normal".into(), language: ctx.lang.code().into(), ..NewForm::default() };
    render(&state, &ctx, form, FieldErrors::new(ctx.lang), StatusCode::OK).await
}

fn pick(from: &[&'static str], raw: &str, field: &'static str, errors: &mut FieldErrors) -> &'static str {
    from.iter().find(|x| **x == raw).copied().unwrap_or_else(|| {
        errors.add(field, "field-invalid-choice");
        from[0]
    })
}

/// `POST /support/new`.
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::SUPPORT_WORK)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let iin = form.iin.trim();
    let sender = form.sender.trim();
    let customer_id: Option<i64> = if iin.is_empty() {
        if sender.is_empty() {
            errors.add("iin", "support-new-who");
        } else if sender.chars().count() > 120 || super::model::has_control(sender) {
            errors.add("sender", "field-too-long");
        }
        None
    } else if Iin::parse(iin).is_err() {
        errors.add("iin", "review-search-bad-iin");
        None
    } else {
        let found: Option<i64> =
            with_db!(&state.db, |c| sqlx::query_scalar("SELECT id FROM customers WHERE iin = $1")
                .bind(iin)
                .fetch_optional(c)
                .await)?;
        if found.is_none() {
            errors.add("iin", "support-new-unknown-iin");
        }
        found
    };
    let category = pick(&CATEGORIES, &form.category, "category", &mut errors);
    let priority = pick(&PRIORITIES, &form.priority, "priority", &mut errors);
    let language = pick(&["ru", "kk"], &form.language, "language", &mut errors);
    let subject = text(&form.subject, "subject", SUBJECT_MAX, &mut errors);
    let body = text(&form.text, "text", TEXT_MAX, &mut errors);
    // An objection (policy 10.4) names the version it objects to; other categories name none.
    let policy_version_id = if category == "objection" {
        let wanted = form.policy_version.trim().parse::<i64>().ok();
        let known = versions::list(&state.db).await?.into_iter().map(|v| v.id).find(|id| Some(*id) == wanted);
        if known.is_none() {
            errors.add("policy_version", "support-new-version-required");
        }
        known
    } else {
        None
    };
    if !errors.is_empty() {
        return render(&state, &ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let new = NewTicket {
        customer_id,
        sender: customer_id.is_none().then(|| sender.to_string()),
        channel: "phone",
        category,
        priority,
        language,
        subject,
        body,
        tags: Vec::new(),
        policy_version_id,
        parent_id: None,
        api_client_id: None,
        recorded_by: Some(user.id),
    };
    let mut tx = state.db.begin().await?;
    let mut cal = clocks::calendar_tx(&mut tx).await?;
    let (id, _) = store::create(&mut tx, &mut cal, &new, db::now()).await?;
    let channel = new.channel;
    let entry = Entry::new(&ctx.actor(), "ticket.created")
        .subject("ticket", id)
        .ip(&ctx.ip)
        .details(json!({ "category": category, "channel": channel }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "support-new-done", &[]).await?;
    Ok(Redirect::to(&format!("/support/{id}")).into_response())
}
