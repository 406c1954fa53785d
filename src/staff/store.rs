//! Staff accounts in the database.

use std::collections::HashMap;

use sqlx::FromRow;
use time::OffsetDateTime;

use crate::{
    auth::Role,
    db::{self, Db, Tx},
    i18n::Lang,
    with_db, with_tx,
};

/// A staff account with its roles.
#[derive(Clone, Debug, FromRow)]
pub struct Staff {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub password_hash: String,
    pub language: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    pub auth_version: i64,
    pub created_at: OffsetDateTime,
    pub last_sign_in_at: Option<OffsetDateTime>,
    #[sqlx(skip)]
    pub roles: Vec<Role>,
}

const COLUMNS: &str = "id, login, full_name, password_hash, language, active, must_change_password,
                       auth_version, created_at, last_sign_in_at";

/// A new account, already validated.
pub struct NewStaff<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
    pub password_hash: &'a str,
    pub language: Option<Lang>,
    pub roles: &'a [Role],
    pub must_change_password: bool,
}

/// An account's row with its role codes, comma-separated (`string_agg` exists on both backends).
#[derive(FromRow)]
struct StaffRow {
    #[sqlx(flatten)]
    staff: Staff,
    role_codes: Option<String>,
}

impl StaffRow {
    fn into_staff(self) -> Staff {
        let mut staff = self.staff;
        let codes = self.role_codes.unwrap_or_default();
        staff.roles = codes.split(',').filter_map(Role::parse).collect();
        staff.roles.sort();
        staff
    }
}

/// One account by `column`, with its roles, in one query: it runs on every request of a
/// signed-in person.
fn select_one(column: &str) -> String {
    format!(
        "SELECT {COLUMNS},
                (SELECT string_agg(role, ',') FROM staff_roles r WHERE r.staff_id = staff.id) AS role_codes
         FROM staff WHERE {column} = $1"
    )
}

/// The account with this id.
pub async fn find(db: &Db, id: i64) -> Result<Option<Staff>, sqlx::Error> {
    let sql = select_one("id");
    let row: Option<StaffRow> = with_db!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(StaffRow::into_staff))
}

/// The account `id` as a request of its sign-in `sign_in` sees it, with its roles and when the
/// sign-in was last seen (`None`: it has ended, or it is not this account's). One query: it runs
/// on every request of a signed-in person.
pub async fn find_signed_in(
    db: &Db,
    id: i64,
    sign_in: &str,
) -> Result<Option<(Staff, Option<OffsetDateTime>)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        staff: Staff,
        role_codes: Option<String>,
        seen_at: Option<OffsetDateTime>,
    }
    let sql = format!(
        "SELECT {COLUMNS},
                (SELECT string_agg(role, ',') FROM staff_roles r WHERE r.staff_id = staff.id) AS role_codes,
                (SELECT ss.last_seen_at FROM staff_sessions ss
                 WHERE ss.id = $2 AND ss.staff_id = staff.id AND ss.ended_at IS NULL) AS seen_at
         FROM staff WHERE id = $1"
    );
    let row: Option<Row> =
        with_db!(db, |c| sqlx::query_as(&sql).bind(id).bind(sign_in).fetch_optional(c).await)?;
    Ok(row.map(|r| (StaffRow { staff: r.staff, role_codes: r.role_codes }.into_staff(), r.seen_at)))
}

/// The account with this login (logins are stored lower-case).
pub async fn find_by_login(db: &Db, login: &str) -> Result<Option<Staff>, sqlx::Error> {
    let sql = select_one("login");
    let row: Option<StaffRow> = with_db!(db, |c| sqlx::query_as(&sql).bind(login).fetch_optional(c).await)?;
    Ok(row.map(StaffRow::into_staff))
}

/// Every account, active ones first, then by name.
pub async fn list(db: &Db) -> Result<Vec<Staff>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff ORDER BY active DESC, full_name, login");
    let mut staff: Vec<Staff> = with_db!(db, |c| sqlx::query_as(&sql).fetch_all(c).await)?;
    let pairs: Vec<(i64, String)> =
        with_db!(db, |c| sqlx::query_as("SELECT staff_id, role FROM staff_roles").fetch_all(c).await)?;
    let mut by_staff: HashMap<i64, Vec<Role>> = HashMap::new();
    for (id, code) in pairs {
        if let Some(r) = Role::parse(&code) {
            by_staff.entry(id).or_default().push(r);
        }
    }
    for s in &mut staff {
        s.roles = by_staff.remove(&s.id).unwrap_or_default();
        s.roles.sort();
    }
    Ok(staff)
}

/// Whether a login is taken (inside the transaction that would take it).
pub async fn login_taken(tx: &mut Tx, login: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = with_tx!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE login = $1")
        .bind(login)
        .fetch_one(c)
        .await)?;
    Ok(n > 0)
}

/// Inserts an account and its roles; returns its id.
pub async fn create(tx: &mut Tx, new: &NewStaff<'_>) -> Result<i64, sqlx::Error> {
    let now = db::now();
    let id: i64 = with_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO staff (login, full_name, password_hash, language, active,
                            must_change_password, auth_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, TRUE, $5, 1, $6, $6) RETURNING id"
    )
    .bind(new.login)
    .bind(new.full_name)
    .bind(new.password_hash)
    .bind(new.language.map(Lang::code))
    .bind(new.must_change_password)
    .bind(now)
    .fetch_one(c)
    .await)?;
    set_roles(tx, id, new.roles).await?;
    Ok(id)
}

/// Replaces an account's roles.
pub async fn set_roles(tx: &mut Tx, id: i64, roles: &[Role]) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM staff_roles WHERE staff_id = $1").bind(id).execute(&mut *c).await?;
        for role in roles {
            sqlx::query("INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(role.code())
                .execute(&mut *c)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    touch(tx, id).await?;
    super::periods::sync(tx, id).await
}

/// Activates or deactivates an account. Deactivation also bumps `auth_version`, so live sessions
/// end even if the account is reactivated before they are next used.
pub async fn set_active(tx: &mut Tx, id: i64, active: bool) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE staff SET active = $1,
                auth_version = auth_version + CASE WHEN $1 THEN 0 ELSE 1 END,
                updated_at = $2
         WHERE id = $3"
    )
    .bind(active)
    .bind(db::now())
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    super::periods::sync(tx, id).await
}

/// Sets a new password hash and ends the account's other sessions; returns the new
/// `auth_version`.
pub async fn set_password(
    tx: &mut Tx,
    id: i64,
    password_hash: &str,
    must_change: bool,
) -> Result<i64, sqlx::Error> {
    let version: i64 = with_tx!(tx, |c| sqlx::query_scalar(
        "UPDATE staff SET password_hash = $1, must_change_password = $2,
                auth_version = auth_version + 1, updated_at = $3
         WHERE id = $4 RETURNING auth_version"
    )
    .bind(password_hash)
    .bind(must_change)
    .bind(db::now())
    .bind(id)
    .fetch_one(c)
    .await)?;
    Ok(version)
}

/// Saves the account's interface language.
pub async fn set_language(tx: &mut Tx, id: i64, lang: Lang) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("UPDATE staff SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(lang.code())
        .bind(db::now())
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Notes a successful sign-in.
pub async fn mark_signed_in(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("UPDATE staff SET last_sign_in_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn touch(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("UPDATE staff SET updated_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Active administrators other than `except`.
pub async fn other_active_admins(db: &Db, except: i64) -> Result<i64, sqlx::Error> {
    with_db!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff s JOIN staff_roles r ON r.staff_id = s.id
         WHERE r.role = 'admin' AND s.active = TRUE AND s.id <> $1"
    )
    .bind(except)
    .fetch_one(c)
    .await)
}
