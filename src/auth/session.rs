//! What the portal keeps in a session, under constant keys, and the signed-in person built from
//! it on every request.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::Role;
use crate::{
    config::Config,
    db::{self, Db},
    i18n::Lang,
    staff::store::{self, Staff},
};

/// Session key of [`SessionAuth`].
pub const AUTH: &str = "auth";
/// Session key of the CSRF token.
pub const CSRF: &str = "csrf";
/// Session key of the language chosen before sign-in.
pub const LANG: &str = "lang";
/// Session key of a one-time message shown on the next page.
pub const FLASH: &str = "flash";

/// Session key of [`Pending`].
pub const PENDING: &str = "pending";

/// A sign-in whose password was right and which waits for the second factor.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub staff_id: i64,
    pub auth_version: i64,
    /// Unix seconds of the right password; the second step must follow within minutes.
    pub at: i64,
    /// Where to go after sign-in.
    pub next: String,
}

/// Who signed in to this session, and when.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SessionAuth {
    pub staff_id: i64,
    /// Must equal the account's current `auth_version`; a password change or reset bumps it,
    /// which ends every other session of the account.
    pub auth_version: i64,
    /// Unix seconds; the session ends `session_absolute` after this.
    pub signed_in_at: i64,
    /// The sign-in's row in `staff_sessions` ([`super::sign_ins`]); a session without one
    /// (made before the rows existed) is signed out.
    #[serde(default)]
    pub sign_in: String,
    /// The person must enrol a second factor before anything else (their role requires one).
    #[serde(default)]
    pub must_enrol: bool,
    /// Unix seconds of the last second factor given in this session (at sign-in or a step-up).
    #[serde(default)]
    pub factor_at: Option<i64>,
}

/// The signed-in staff member of a request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub language: Option<Lang>,
    pub must_change_password: bool,
    /// Must enrol a second factor before anything else.
    pub must_enrol: bool,
    pub last_sign_in_at: Option<OffsetDateTime>,
    /// This session's sign-in ([`super::sign_ins`]).
    pub sign_in: String,
    /// Unix seconds of the last second factor given in this session.
    pub factor_at: Option<i64>,
}

impl CurrentUser {
    /// Holds at least one of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        self.roles.iter().any(|r| roles.contains(r))
    }
}

impl From<Staff> for CurrentUser {
    fn from(s: Staff) -> Self {
        CurrentUser {
            id: s.id,
            login: s.login,
            full_name: s.full_name,
            roles: s.roles,
            language: s.language.as_deref().and_then(Lang::parse),
            must_change_password: s.must_change_password,
            must_enrol: false,
            last_sign_in_at: s.last_sign_in_at,
            sign_in: String::new(),
            factor_at: None,
        }
    }
}

/// The person signed in to `session`, if the sign-in still holds: the account is active, its
/// password has not changed since, the sign-in was not ended from elsewhere, and the absolute
/// lifetime has not passed. Otherwise the session is ended. The sign-in's last-seen time (and
/// address, `ip`) is written at most once a minute.
pub async fn current_user(
    db: &Db,
    config: &Config,
    session: &Session,
    ip: &str,
) -> Result<Option<CurrentUser>, crate::error::AppError> {
    let Some(auth) = session.get::<SessionAuth>(AUTH).await? else {
        return Ok(None);
    };
    let now = db::now();
    let age = now.unix_timestamp() - auth.signed_in_at;
    let found = store::find_signed_in(db, auth.staff_id, &auth.sign_in).await?;
    let seen = found.as_ref().and_then(|(_, seen)| *seen);
    let valid = age <= config.session_absolute.whole_seconds()
        && found.as_ref().is_some_and(|(s, _)| s.active && s.auth_version == auth.auth_version)
        && seen.is_some();
    let Some((staff, Some(seen))) = found.filter(|_| valid) else {
        session.flush().await?;
        return Ok(None);
    };
    if now - seen >= super::sign_ins::SEEN_EVERY {
        super::sign_ins::seen(db, &auth.sign_in, ip).await?;
    }
    let mut user = CurrentUser::from(staff);
    user.must_enrol = auth.must_enrol;
    user.sign_in = auth.sign_in;
    user.factor_at = auth.factor_at;
    Ok(Some(user))
}

/// Changes the sign-in kept in `session` (after an enrolment or a step-up).
pub async fn update_auth(
    session: &Session,
    change: impl FnOnce(&mut SessionAuth),
) -> Result<(), tower_sessions::session::Error> {
    if let Some(mut auth) = session.get::<SessionAuth>(AUTH).await? {
        change(&mut auth);
        session.insert(AUTH, auth).await?;
    }
    Ok(())
}

/// A random token for forms of this session.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source works");
    hex::encode(bytes)
}
