//! The commands that manage who may use the portal: `create-user`, `create-api-key`, `check-dashboards` (the rollups against a recount), and
//! `verify-audit`, which proves the audit log was not edited.

use std::{io::BufRead, process::ExitCode};

use clap::Args;

use super::{BoxError, DbArgs, connect};
use crate::{
    audit::{self, Actor, Break, Verdict},
    auth::Role,
    i18n::Lang,
    staff::{self, FullName, Login, NewAccount},
};

#[derive(Args, Debug)]
pub(super) struct ApiKeyArgs {
    /// What the key is for (shown to administrators).
    #[arg(long)]
    name: String,
    /// What the key may do (applications:write, documents:write, events:read, customers:read,
    /// customers:write, tickets:write, mail:write); repeat for more.
    /// Without it the key has every scope, including scopes added later.
    #[arg(long = "scope", value_name = "SCOPE")]
    scopes: Vec<String>,
    /// The last day the key works (YYYY-MM-DD, Almaty time); without it the key does not expire.
    #[arg(long, value_name = "DATE")]
    expires_on: Option<String>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Args, Debug)]
pub(super) struct CreateUserArgs {
    /// Login (3-32 characters: a-z, 0-9, '.', '_', '-').
    #[arg(long)]
    login: String,
    /// Full name as staff see it.
    #[arg(long)]
    name: String,
    /// Role; repeat for several: verifier, compliance, senior_compliance, support, security,
    /// manager, admin.
    #[arg(long = "role", required = true)]
    roles: Vec<String>,
    /// Interface language (ru or kk).
    #[arg(long)]
    language: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long, required = true)]
    password_stdin: bool,
    #[command(flatten)]
    db: DbArgs,
}

pub(super) async fn run_create_user(a: CreateUserArgs) -> Result<(), BoxError> {
    let login = Login::parse(&a.login)
        .map_err(|_| "invalid --login: use 3-32 characters a-z 0-9 . _ - starting with a letter")?;
    let name = FullName::parse(&a.name).map_err(|_| "invalid --name: 2-120 characters")?;
    let roles = a
        .roles
        .iter()
        .map(|r| Role::parse(r).ok_or_else(|| format!("unknown role {r:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let language = match &a.language {
        Some(l) => Some(Lang::parse(l).ok_or("--language must be ru or kk")?),
        None => None,
    };
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    staff::check_new_password(&password)
        .map_err(|_| "the password must be 10 to 128 characters and not trivial")?;
    let db = connect(&a.db.url(), true).await?;
    let new = NewAccount {
        login: &login,
        full_name: &name,
        roles: &roles,
        language,
        password,
        must_change_password: false,
    };
    let id = staff::create_account(&db, &Actor::System("cli"), None, new).await?;
    println!("created staff account {} (id {id})", login.as_str());
    Ok(())
}

pub(super) async fn run_create_api_key(a: ApiKeyArgs) -> Result<(), BoxError> {
    use crate::api::keys::{NewKey, Scope};
    let expires_on = match &a.expires_on {
        None => None,
        Some(text) => Some(
            time::Date::parse(text.trim(), time::macros::format_description!("[year]-[month]-[day]"))
                .map_err(|_| format!("--expires-on {text:?} is not a date (YYYY-MM-DD)"))?,
        ),
    };
    let scopes = (!a.scopes.is_empty()).then_some(a.scopes.as_slice());
    let today = crate::db::now().to_offset(crate::i18n::ALMATY).date();
    let new = NewKey::check(&a.name, scopes, expires_on, today).map_err(|errors| {
        let known: Vec<&str> = Scope::ALL.iter().map(|s| s.code()).collect();
        let lines: Vec<String> = errors
            .iter()
            .map(|(field, _)| match *field {
                "name" => "--name must be 1 to 100 characters, without control characters".to_string(),
                "scope" => format!(
                    "--scope {:?}: every --scope must be one of {}",
                    a.scopes.join(" "),
                    known.join(", ")
                ),
                _ => format!(
                    "--expires-on {}: the date has passed (today is {today})",
                    a.expires_on.as_deref().unwrap_or("")
                ),
            })
            .collect();
        lines.join("; ")
    })?;
    let db = connect(&a.db.url(), true).await?;
    let (id, key) = crate::api::keys::create(&db, &new, &Actor::System("cli"), None).await?;
    let scopes = match &new.scopes {
        crate::api::keys::Scopes::Every => "every scope".to_string(),
        crate::api::keys::Scopes::Only(list) => list.iter().map(|s| s.code()).collect::<Vec<_>>().join(", "),
    };
    eprintln!("created API key {id} ({}; {scopes}); it is shown only this once:", new.name);
    println!("{key}");
    Ok(())
}

pub(super) async fn run_verify(a: DbArgs) -> ExitCode {
    let db = match connect(&a.url(), false).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match audit::verify(&db).await {
        Ok(Verdict::Intact { entries }) => {
            println!("audit chain intact: {entries} entries");
            ExitCode::SUCCESS
        }
        Ok(Verdict::Broken { seq, why }) => {
            let note = if why == Break::Truncated { " (the newest entry left)" } else { "" };
            eprintln!("audit chain broken at entry #{seq}{note}: {why}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: cannot read the audit log: {e}");
            ExitCode::from(2)
        }
    }
}

/// `check-dashboards`: the rollups against a recount of the raw rows.
pub(super) async fn run_check_dashboards(a: DbArgs) -> ExitCode {
    let db = match connect(&a.url(), false).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match crate::dashboards::recount::check(&db).await {
        Ok(diffs) if diffs.is_empty() => {
            println!("dashboards: the rollups match a recount of the raw rows");
            ExitCode::SUCCESS
        }
        Ok(diffs) => {
            for ((metric, day, dim, bucket), stored, counted) in &diffs {
                eprintln!("{metric} {day} {dim:?} bucket {bucket}: stored {stored}, recounted {counted}");
            }
            eprintln!("dashboards: {} differences", diffs.len());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: cannot recount: {e}");
            ExitCode::from(2)
        }
    }
}
