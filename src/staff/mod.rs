//! Staff administration: accounts, roles, activation and password resets (administrators only).

pub mod access_list;
mod fields;
pub mod periods;
mod routes;
pub mod store;

pub use fields::{FullName, Login, check_new_password, parse_roles};
/// The staff pages and the access list.
pub fn router() -> axum::Router<crate::web::AppState> {
    routes::router().merge(access_list::router())
}

use serde_json::json;

use crate::{
    audit::{self, Actor, Entry},
    auth::{Role, password},
    db::Db,
    i18n::Lang,
};

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("the login is taken")]
    LoginTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] crate::error::AppError),
}

/// What to create; the fields are already validated.
pub struct NewAccount<'a> {
    pub login: &'a Login,
    pub full_name: &'a FullName,
    pub roles: &'a [Role],
    pub language: Option<Lang>,
    pub password: String,
    pub must_change_password: bool,
}

/// Creates an account and audits it in one transaction; used by the admin page, the
/// `create-user` command and the demo data alike.
pub async fn create_account(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    new: NewAccount<'_>,
) -> Result<i64, CreateError> {
    let hash = password::hash(new.password).await?;
    let mut tx = db.begin().await?;
    if store::login_taken(&mut tx, new.login.as_str()).await? {
        return Err(CreateError::LoginTaken);
    }
    let id = store::create(
        &mut tx,
        &store::NewStaff {
            login: new.login.as_str(),
            full_name: new.full_name.as_str(),
            password_hash: &hash,
            language: new.language,
            roles: new.roles,
            must_change_password: new.must_change_password,
        },
    )
    .await?;
    let roles: Vec<&str> = new.roles.iter().map(|r| r.code()).collect();
    let mut entry = Entry::new(actor, "staff.created").subject("staff", id).details(json!({
        "login": new.login.as_str(),
        "full_name": new.full_name.as_str(),
        "roles": roles,
    }));
    if let Some(ip) = ip {
        entry = entry.ip(ip);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(id)
}
