//! Demo data for trying the portal: one staff account per role and a few hundred applications,
//! loaded through the same code as real accounts and the intake API; re-running resets the demo
//! accounts' passwords to the one printed and keeps existing applications.

pub mod applications;
pub mod customers;
pub mod mail;
pub mod quality;
pub mod restoration;
pub mod seed;
mod seed_history;
pub mod seed_tickets;
pub mod tickets;

use serde_json::json;

use crate::{
    audit::{self, Actor, Entry},
    auth::{Role, password, second_factor::policy},
    db::Db,
    i18n::Lang,
    staff::{self, CreateError, FullName, Login, NewAccount, store},
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `(login, full name, role, language)` of each demo account.
const ACCOUNTS: &[(&str, &str, Role, Lang)] = &[
    ("admin", "Әлия Сейітқызы", Role::Admin, Lang::Ru),
    ("verifier", "Айгерім Нұрланова", Role::Verifier, Lang::Ru),
    // A second verifier, so a decision can be reviewed again by someone else (reviewer quality).
    ("verifier2", "Тимур Ахметов", Role::Verifier, Lang::Kk),
    ("compliance", "Ерлан Жақсыбеков", Role::Compliance, Lang::Kk),
    ("senior", "Гүлнар Тоқтарова", Role::SeniorCompliance, Lang::Ru),
    // A second senior officer, so the four-eyes approval can be tried from both sides.
    ("senior2", "Арман Қалиев", Role::SeniorCompliance, Lang::Kk),
    ("support", "Дмитрий Ким", Role::Support, Lang::Ru),
    ("security", "Бауыржан Омаров", Role::Security, Lang::Kk),
    // A second security officer, so a restoration can be proposed by one and approved by another.
    ("security2", "Наталья Ли", Role::Security, Lang::Ru),
    ("manager", "Сәуле Байжанова", Role::Manager, Lang::Ru),
];

/// Creates the demo accounts, or resets them to `password`; returns `(login, role)` rows to print.
pub async fn load(db: &Db, password: &str) -> Result<Vec<(&'static str, &'static str)>, BoxError> {
    let actor = Actor::System("demo");
    let mut created = false;
    for (login, name, role, lang) in ACCOUNTS {
        let login_v = Login::parse(login).map_err(|e| format!("demo login {login}: {e}"))?;
        let name_v = FullName::parse(name).map_err(|e| format!("demo name {name}: {e}"))?;
        let new = NewAccount {
            login: &login_v,
            full_name: &name_v,
            roles: &[*role],
            language: Some(*lang),
            password: password.to_string(),
            must_change_password: false,
        };
        match staff::create_account(db, &actor, None, new).await {
            Ok(_) => created = true,
            Err(CreateError::LoginTaken) => reset(db, &actor, login, password).await?,
            Err(e) => return Err(e.into()),
        }
    }
    if created {
        // The demo is signed in to with a password alone, so a newcomer needs no authenticator
        // app: at the first start no role must use a second factor. An administrator can
        // require one at /admin/two-factor; later starts leave that choice alone.
        let before = policy::roles(db).await?;
        let mut tx = db.begin().await?;
        policy::set_roles(&mut tx, &[]).await?;
        let codes = before.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ");
        let entry = Entry::new(&actor, "settings.second-factor-roles-changed")
            .details(json!({ "before": codes, "after": "", "reason": "demo start-up" }));
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
    }
    Ok(ACCOUNTS.iter().map(|(l, _, r, _)| (*l, r.code())).collect())
}

async fn reset(db: &Db, actor: &Actor, login: &str, password: &str) -> Result<(), BoxError> {
    let Some(s) = store::find_by_login(db, login).await? else { return Ok(()) };
    if crate::auth::password::verify(password.to_string(), Some(s.password_hash.clone())).await? && s.active {
        return Ok(());
    }
    let hash = password::hash(password.to_string()).await?;
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, s.id, &hash, false).await?;
    store::set_active(&mut tx, s.id, true).await?;
    let entry = Entry::new(actor, "staff.password-reset")
        .subject("staff", s.id)
        .details(json!({ "reason": "demo start-up" }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Name of the sample screening list.
pub const SAMPLE_LIST: &str = "Демо: ПДЛ и санкции";

/// Imports the small sample PEP and sanctions list (made-up entries named like some demo
/// applicants, so screening has something to find), unless it is there already.
pub async fn load_sample_list(db: &Db) -> Result<(), BoxError> {
    let exists: Option<i64> =
        crate::with_db!(db, |c| sqlx::query_scalar("SELECT id FROM screening_lists WHERE name = $1")
            .bind(SAMPLE_LIST)
            .fetch_optional(c)
            .await)?;
    if exists.is_some() {
        return Ok(());
    }
    let csv: &'static [u8] = include_bytes!("pep-sample.csv");
    let report = crate::screening::lists::import(
        db,
        &Actor::System("demo"),
        SAMPLE_LIST,
        "pep-sample.csv",
        csv,
        false,
        |_| {},
    )
    .await
    .map_err(|e| e.to_string())?;
    let threshold = crate::screening::score::DEFAULT_THRESHOLD;
    crate::screening::screen::rescreen_version(db, report.version_id, threshold, |_, _| {}).await?;
    Ok(())
}
