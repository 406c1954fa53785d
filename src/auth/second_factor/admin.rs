//! The administrators' page of second factors: which roles must use one, who has one, and
//! resets of a lost factor (asked by one administrator, confirmed by another).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    policy,
    resets::{self, Refusal},
};
use crate::{
    audit::{self, Entry},
    auth::{Role, access},
    error::AppResult,
    staff::store as staff_store,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// One person in the list: whether they have a factor, and whether their roles require one.
pub struct Person {
    pub id: i64,
    pub full_name: String,
    pub login: String,
    pub enrolled: bool,
    pub required: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/two_factor_admin.html")]
struct AdminPage {
    page: Page,
    all_roles: [Role; 7],
    required: Vec<Role>,
    people: Vec<Person>,
    requests: Vec<resets::Request>,
    me: i64,
    /// The reset form as typed, when it comes back with an error.
    form: ResetForm,
    errors: FieldErrors,
}

async fn render(state: &AppState, ctx: &Ctx, form: ResetForm, errors: FieldErrors) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let required = policy::roles(&state.db).await?;
    let enrolled = super::store::enrolled_staff(&state.db).await?;
    let people = staff_store::list(&state.db)
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| Person {
            enrolled: enrolled.contains(&s.id),
            required: s.roles.iter().any(|r| required.contains(r)),
            id: s.id,
            full_name: s.full_name,
            login: s.login,
        })
        .collect();
    let requests = resets::open(&state.db).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = AdminPage {
        page: ctx.page("twofa-admin-title"),
        all_roles: Role::ALL,
        required,
        people,
        requests,
        me: user.id,
        form,
        errors,
    };
    Ok((status, page).into_response())
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    render(&state, &ctx, ResetForm::default(), FieldErrors::new(ctx.lang)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    /// The checked roles (the checkboxes repeat the name).
    role: Vec<String>,
}

pub async fn set_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RolesForm>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    // An unknown code is ignored.
    let roles: Vec<Role> =
        Role::ALL.into_iter().filter(|r| form.role.iter().any(|c| Role::parse(c) == Some(*r))).collect();
    let before = policy::roles(&state.db).await?;
    let mut tx = state.db.begin().await?;
    policy::set_roles(&mut tx, &roles).await?;
    let codes = |rs: &[Role]| rs.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ");
    let entry = Entry::new(&ctx.actor(), "settings.second-factor-roles-changed")
        .details(json!({ "before": codes(&before), "after": codes(&roles) }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "twofa-admin-roles-saved", &[]).await?;
    Ok(Redirect::to("/admin/two-factor").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    pub staff: String,
    pub reason: String,
}

pub async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let person = match form.staff.trim().parse::<i64>() {
        Ok(id) => staff_store::find(&state.db, id).await?,
        Err(_) => None,
    };
    if person.is_none() {
        errors.add("staff", "twofa-admin-choose-person");
    }
    let reason = form.reason.trim();
    if reason.is_empty() {
        errors.add("reason", "field-required");
    } else if reason.chars().count() > 500 {
        errors.add("reason", "twofa-admin-reason-long");
    }
    let Some(person) = person.filter(|_| errors.is_empty()) else {
        return render(&state, &ctx, form, errors).await;
    };
    let mut tx = state.db.begin().await?;
    let Ok(id) = resets::ask(&mut tx, person.id, user.id, reason).await? else {
        drop(tx);
        errors.add("staff", "twofa-admin-already-asked");
        return render(&state, &ctx, form, errors).await;
    };
    let entry = Entry::new(&ctx.actor(), "staff.second-factor-reset-asked")
        .subject("staff", person.id)
        .details(json!({ "reason": reason, "request": id }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "twofa-admin-asked", &[("name", person.full_name)]).await?;
    Ok(Redirect::to("/admin/two-factor").into_response())
}

pub async fn confirm(state: State<AppState>, ctx: Ctx, id: Path<i64>) -> AppResult<Response> {
    decide(state, ctx, id, true).await
}

pub async fn cancel(state: State<AppState>, ctx: Ctx, id: Path<i64>) -> AppResult<Response> {
    decide(state, ctx, id, false).await
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    confirm: bool,
) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let mut tx = state.db.begin().await?;
    let staff = match resets::decide(&mut tx, id, user.id, confirm).await? {
        Ok(staff) => staff,
        Err(refusal) => {
            drop(tx);
            let message = match refusal {
                Refusal::SamePerson => "twofa-admin-four-eyes",
                Refusal::NotOpen | Refusal::AlreadyAsked => "twofa-admin-not-open",
            };
            ctx.flash(false, message, &[]).await?;
            return Ok(Redirect::to("/admin/two-factor").into_response());
        }
    };
    let action = if confirm { "staff.second-factor-reset" } else { "staff.second-factor-reset-cancelled" };
    let entry = Entry::new(&ctx.actor(), action)
        .subject("staff", staff)
        .details(json!({ "request": id }))
        .ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let done = if confirm { "twofa-admin-reset-done" } else { "twofa-admin-reset-cancelled" };
    ctx.flash(true, done, &[]).await?;
    Ok(Redirect::to("/admin/two-factor").into_response())
}
