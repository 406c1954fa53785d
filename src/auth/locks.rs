//! Sign-in locks: the logins and addresses refused now after too many wrong passwords
//! ([`throttle`]), and lifting a lock (administrators and security officers, audited).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::State,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    access,
    throttle::{self, Lock},
};
use crate::{
    audit::{self, Entry},
    error::{AppError, AppResult},
    web::{AppState, Ctx, form::Form, page::Page},
    with_db,
};

/// `/admin/sign-in-locks`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sign-in-locks", get(list))
        .route("/admin/sign-in-locks/unlock", post(unlock))
        .route("/admin/sign-in-locks/unlock-address", post(unlock_address))
}

/// A locked login with the account behind it, if there is one.
pub struct Row {
    pub lock: Lock,
    pub staff: Option<(i64, String)>,
}

impl Row {
    /// The login of the lock's key (`login`, `login#code`, `login#step-up`).
    pub fn login(&self) -> &str {
        split(&self.lock.key).0
    }

    /// Fluent id of the step that is locked: the password, the code after it, or the step-up.
    pub fn step(&self) -> &'static str {
        match split(&self.lock.key).1 {
            Some("#code") => "locks-step-code",
            Some("#step-up") => "locks-step-up",
            _ => "locks-step-password",
        }
    }
}

/// A lock's key as its login and the step from `#` on, if any.
fn split(key: &str) -> (&str, Option<&str>) {
    match key.find('#') {
        Some(at) => (&key[..at], Some(&key[at..])),
        None => (key, None),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/locks.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    addresses: Vec<Lock>,
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<ListPage> {
    ctx.require(access::LOCKS)?;
    let (locks, addresses) = throttle::locks(&state.db, &state.config.throttle).await?;
    let mut rows = Vec::new();
    for lock in locks {
        let staff: Option<(i64, String)> =
            with_db!(&state.db, |c| sqlx::query_as("SELECT id, full_name FROM staff WHERE login = $1")
                .bind(split(&lock.key).0)
                .fetch_optional(c)
                .await)?;
        rows.push(Row { lock, staff });
    }
    Ok(ListPage { page: ctx.page("locks-title"), rows, addresses })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UnlockForm {
    login: String,
}

async fn unlock(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<UnlockForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::LOCKS)?;
    let login = form.login.trim();
    if login.is_empty() || login.chars().count() > 64 {
        return Err(AppError::BadRequest);
    }
    let staff: Option<i64> =
        with_db!(&state.db, |c| sqlx::query_scalar("SELECT id FROM staff WHERE login = $1")
            .bind(split(login).0)
            .fetch_optional(c)
            .await)?;
    let mut tx = state.db.begin().await?;
    throttle::unlock(&mut tx, login, user.id).await?;
    let mut entry =
        Entry::new(&ctx.actor(), "sign-in.unlocked").details(json!({ "login": login })).ip(&ctx.ip);
    if let Some(id) = staff {
        entry = entry.subject("staff", id);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "locks-unlocked", &[("login", login.to_string())]).await?;
    Ok(Redirect::to("/admin/sign-in-locks").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddressForm {
    ip: String,
}

async fn unlock_address(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddressForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::LOCKS)?;
    let ip = form.ip.trim();
    if ip.is_empty() || ip.chars().count() > 64 {
        return Err(AppError::BadRequest);
    }
    let mut tx = state.db.begin().await?;
    throttle::unlock_address(&mut tx, ip, user.id).await?;
    let entry =
        Entry::new(&ctx.actor(), "sign-in.address-unlocked").details(json!({ "address": ip })).ip(&ctx.ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "locks-address-unlocked", &[("ip", ip.to_string())]).await?;
    Ok(Redirect::to("/admin/sign-in-locks").into_response())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn a_lock_key_names_its_login_and_step() {
        assert_eq!(split("timur"), ("timur", None));
        assert_eq!(split("timur#code"), ("timur", Some("#code")));
        assert_eq!(split("timur#step-up"), ("timur", Some("#step-up")));
    }
}
