//! The staff administration pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use super::{CreateError, FullName, Login, NewAccount, create_account, parse_roles, store};
use crate::{
    audit::{self, Entry},
    auth::{Role, access, password},
    error::{AppError, AppResult},
    i18n::Lang,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

/// `/admin/staff...`
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/staff",
            get(list).post(create).layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/admin/staff/new", get(new_form))
        .route("/admin/staff/{id}", get(show))
        .route(
            "/admin/staff/{id}/roles",
            get(back_to_person)
                .post(update_roles)
                .layer(axum::middleware::from_fn(crate::auth::step_up::require)),
        )
        .route("/admin/staff/{id}/deactivate", post(deactivate))
        .route("/admin/staff/{id}/reactivate", post(reactivate))
        .route("/admin/staff/{id}/reset-password", post(reset_password))
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/list.html")]
struct ListPage {
    page: Page,
    staff: Vec<store::Staff>,
    active_count: i64,
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<ListPage> {
    ctx.require(access::ADMIN)?;
    let staff = store::list(&state.db).await?;
    let active_count = staff.iter().filter(|s| s.active).count() as i64;
    Ok(ListPage { page: ctx.page("staff-title"), staff, active_count })
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/new.html")]
struct NewPage {
    page: Page,
    login: String,
    full_name: String,
    roles: Vec<Role>,
    language: String,
    all_roles: [Role; 7],
    errors: FieldErrors,
}

async fn new_form(ctx: Ctx) -> AppResult<NewPage> {
    ctx.require(access::ADMIN)?;
    Ok(NewPage {
        page: ctx.page("staff-new-title"),
        login: String::new(),
        full_name: String::new(),
        roles: Vec::new(),
        language: String::new(),
        all_roles: Role::ALL,
        errors: FieldErrors::new(ctx.lang),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewForm {
    login: String,
    full_name: String,
    #[serde(rename = "role")]
    roles: Vec<String>,
    language: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/password.html")]
struct PasswordShownPage {
    page: Page,
    staff: store::Staff,
    password: String,
    created: bool,
}

async fn create(State(state): State<AppState>, ctx: Ctx, Form(form): Form<NewForm>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    let login = Login::parse(&form.login).map_err(|e| errors.add("login", e)).ok();
    let full_name = FullName::parse(&form.full_name).map_err(|e| errors.add("full_name", e)).ok();
    let roles = parse_roles(&form.roles).map_err(|e| errors.add("roles", e)).ok();
    let language = if form.language.is_empty() {
        None
    } else {
        let parsed = Lang::parse(&form.language);
        if parsed.is_none() {
            errors.add("language", "field-invalid-choice");
        }
        parsed
    };
    if let (Some(login), Some(full_name), Some(roles), true) = (&login, &full_name, &roles, errors.is_empty())
    {
        let temporary = password::generate();
        let new = NewAccount {
            login,
            full_name,
            roles,
            language,
            password: temporary.clone(),
            must_change_password: true,
        };
        match create_account(&state.db, &ctx.actor(), Some(&ctx.ip), new).await {
            Ok(id) => {
                let staff = store::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
                let page = PasswordShownPage {
                    page: ctx.page("staff-created-title"),
                    staff,
                    password: temporary,
                    created: true,
                };
                return Ok(page.into_response());
            }
            Err(CreateError::LoginTaken) => errors.add("login", "staff-login-taken"),
            Err(CreateError::Db(e)) => return Err(e.into()),
            Err(CreateError::Hash(e)) => return Err(e),
        }
    }
    let page = NewPage {
        page: ctx.page("staff-new-title"),
        login: form.login,
        full_name: form.full_name,
        roles: form.roles.iter().filter_map(|c| Role::parse(c)).collect(),
        language: form.language,
        all_roles: Role::ALL,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/show.html")]
struct ShowPage {
    page: Page,
    staff: store::Staff,
    all_roles: [Role; 7],
    is_self: bool,
    errors: FieldErrors,
}

async fn load(state: &AppState, id: i64) -> AppResult<store::Staff> {
    store::find(&state.db, id).await?.ok_or(AppError::NotFound)
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<ShowPage> {
    let me = ctx.require(access::ADMIN)?;
    let staff = load(&state, id).await?;
    Ok(ShowPage {
        page: ctx.page("staff-show-title"),
        is_self: staff.id == me.id,
        staff,
        all_roles: Role::ALL,
        errors: FieldErrors::new(ctx.lang),
    })
}

/// A reload after a failed roles form lands on the person's page, not on a 405.
async fn back_to_person(Path(id): Path<i64>) -> Redirect {
    Redirect::to(&format!("/admin/staff/{id}"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RolesForm {
    #[serde(rename = "role")]
    roles: Vec<String>,
}

async fn update_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RolesForm>,
) -> AppResult<Response> {
    let me = ctx.require(access::ADMIN)?;
    let staff = load(&state, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let roles = parse_roles(&form.roles).map_err(|e| errors.add("roles", e)).ok();
    if let Some(roles) = &roles
        && staff.id == me.id
        && !roles.contains(&Role::Admin)
    {
        errors.add("roles", "staff-cannot-drop-own-admin");
    }
    if let Some(roles) = &roles
        && staff.id == me.id
        && roles.iter().any(|r| access::DECIDING.contains(r) && !staff.roles.contains(r))
    {
        errors.add("roles", "staff-cannot-grant-self");
    }
    let Some(roles) = roles.filter(|_| errors.is_empty()) else {
        let mut staff = staff;
        staff.roles = form.roles.iter().filter_map(|c| Role::parse(c)).collect();
        let page = ShowPage {
            page: ctx.page("staff-show-title"),
            is_self: staff.id == me.id,
            staff,
            all_roles: Role::ALL,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if roles != staff.roles {
        let mut tx = state.db.begin().await?;
        store::set_roles(&mut tx, id, &roles).await?;
        let before: Vec<&str> = staff.roles.iter().map(|r| r.code()).collect();
        let after: Vec<&str> = roles.iter().map(|r| r.code()).collect();
        let entry = Entry::new(&ctx.actor(), "staff.roles-changed")
            .subject("staff", id)
            .details(json!({ "before": before, "after": after }))
            .ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
    }
    ctx.flash(true, "staff-roles-saved", &[("name", staff.full_name.clone())]).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response())
}

async fn set_active(state: AppState, ctx: Ctx, id: i64, active: bool) -> AppResult<Response> {
    let me = ctx.require(access::ADMIN)?;
    let staff = load(&state, id).await?;
    if !active && staff.id == me.id {
        ctx.flash(false, "staff-cannot-deactivate-self", &[]).await?;
        return Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response());
    }
    if staff.active != active {
        let mut tx = state.db.begin().await?;
        store::set_active(&mut tx, id, active).await?;
        let action = if active { "staff.reactivated" } else { "staff.deactivated" };
        let entry = Entry::new(&ctx.actor(), action).subject("staff", id).ip(&ctx.ip);
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
    }
    let msg = if active { "staff-reactivated" } else { "staff-deactivated" };
    ctx.flash(true, msg, &[("name", staff.full_name.clone())]).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response())
}

async fn deactivate(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    set_active(state, ctx, id, false).await
}

async fn reactivate(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    set_active(state, ctx, id, true).await
}

async fn reset_password(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let staff = load(&state, id).await?;
    let temporary = password::generate();
    let hash = password::hash(temporary.clone()).await?;
    let mut tx = state.db.begin().await?;
    store::set_password(&mut tx, id, &hash, true).await?;
    let entry = Entry::new(&ctx.actor(), "staff.password-reset").subject("staff", id).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let page =
        PasswordShownPage { page: ctx.page("staff-reset-title"), staff, password: temporary, created: false };
    Ok(page.into_response())
}
