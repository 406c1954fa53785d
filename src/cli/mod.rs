//! The command line: `demo`, `serve`, `migrate`, `seed`, the screening lists' commands, and (in
//! `accounts`) `create-user`, `create-api-key`, `verify-audit`. Every flag also reads an
//! environment variable.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

mod accounts;
mod mailgate;
mod retention;
mod screening;

use clap::{Args, Parser, Subcommand};

use accounts::{ApiKeyArgs, CreateUserArgs, run_create_api_key, run_create_user, run_verify};
use screening::{EvalArgs, ImportListArgs, RescreenArgs, run_eval, run_import_list, run_rescreen};
use time::Duration;

use crate::{
    config::{Config, PhotoStore, S3Store, default_database_url},
    db::Db,
    demo, staff, web,
};

pub(super) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Kreditomat staff portal: KYC review, compliance, support and audit back office.
#[derive(Parser, Debug)]
#[command(name = "kreditomat-portal", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run on an embedded SQLite database under ./data with demo accounts (for trying it out).
    Demo(DemoArgs),
    /// Run in production mode (no demo data).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Create a staff account; the password is read from standard input.
    CreateUser(CreateUserArgs),
    /// Check the audit log's hash chain; exits non-zero naming the first bad entry.
    VerifyAudit(DbArgs),
    /// Recount the dashboards' daily rollups from the raw rows; exits non-zero listing every
    /// difference.
    CheckDashboards(DbArgs),
    /// Create an API key for the app's backend; the key is printed once.
    CreateApiKey(ApiKeyArgs),
    /// Fill the database with generated applications for load tests (not for production).
    Seed(SeedArgs),
    /// Import a PEP or sanctions list (OpenSanctions targets.simple.csv or plain CSV) as a new
    /// version of the named list, then re-screen applications against what changed.
    ImportList(ImportListArgs),
    /// Re-screen every application against every current list entry.
    Rescreen(RescreenArgs),
    /// Print precision and recall of name screening on a labelled set of pairs.
    ScreeningEval(EvalArgs),
    /// List the archived customers past their retention date and erase their personal data
    /// (with --dry-run: list only).
    Retention(retention::RetentionArgs),
    /// Deliver one email from standard input to the portal (a mail server's pipe transport):
    /// exits 0 delivered, 65 never takeable, 75 try again later.
    Mailgate(mailgate::MailgateArgs),
}

#[derive(Args, Debug)]
pub(super) struct ThresholdArgs {
    /// Score from which a name comparison is a screening hit (0.5 to 1).
    #[arg(long, env = "PORTAL_SCREENING_THRESHOLD", default_value_t = crate::screening::score::DEFAULT_THRESHOLD)]
    screening_threshold: f64,
}

impl ThresholdArgs {
    pub(super) fn get(&self) -> Result<f64, BoxError> {
        if (0.5..=1.0).contains(&self.screening_threshold) {
            Ok(self.screening_threshold)
        } else {
            Err("--screening-threshold must be 0.5 to 1".into())
        }
    }
}

#[derive(Args, Debug)]
struct SeedArgs {
    /// How many applications to add.
    #[arg(long, default_value_t = 1_000_000)]
    count: u64,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    photos: PhotoArgs,
}

#[derive(Args, Debug)]
pub(super) struct DbArgs {
    /// sqlite://PATH or postgres://USER@HOST/DB [default: sqlite://DATA_DIR/portal.db]
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// Directory for local data (the default SQLite database).
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
}

impl DbArgs {
    fn url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| default_database_url(&self.data_dir))
    }
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    #[command(flatten)]
    db: DbArgs,
    /// Do not migrate at start-up (run `migrate` separately).
    #[arg(long, env = "PORTAL_NO_MIGRATE")]
    no_migrate: bool,
    /// Send the session cookie only over HTTPS and send HSTS (set behind TLS).
    #[arg(long, env = "PORTAL_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Take the client address from X-Forwarded-For (only behind a trusted proxy).
    #[arg(long, env = "PORTAL_TRUST_PROXY")]
    trust_proxy: bool,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "PORTAL_SESSION_IDLE_MINUTES", default_value_t = 30)]
    session_idle_minutes: i64,
    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "PORTAL_SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    session_absolute_hours: i64,
    /// The address staff open the portal at (passkeys work only there) [default:
    /// http://localhost:PORT of --bind]
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    public_url: Option<String>,
    /// Minutes after giving the second factor during which sensitive actions (original photos,
    /// roles, API keys, second-factor settings) do not ask for it again.
    #[arg(long, env = "PORTAL_STEP_UP_MINUTES", default_value_t = 15)]
    step_up_minutes: i64,
    #[command(flatten)]
    photos: PhotoArgs,
    /// Minutes a verifier's claim on an application lasts.
    #[arg(long, env = "PORTAL_CLAIM_MINUTES", default_value_t = 30)]
    claim_minutes: i64,
    /// Days a request for documents waits for them before it expires (the application is then
    /// pending again, for a verifier to decide without them).
    #[arg(long, env = "PORTAL_RESUBMISSION_DAYS", default_value_t = 14)]
    resubmission_days: i64,
    /// Years an archived customer's data is kept after their last activity (then `retention`
    /// erases it).
    #[arg(long, env = "PORTAL_RETENTION_YEARS", default_value_t = crate::customers::retention::DEFAULT_YEARS,
          value_parser = clap::value_parser!(i32).range(1..=100))]
    retention_years: i32,
    /// Days a resolved support ticket stays resolved (the customer may still answer) before it
    /// is closed.
    #[arg(long, env = "PORTAL_SUPPORT_CLOSE_DAYS", default_value_t = 7,
          value_parser = clap::value_parser!(i64).range(1..=365))]
    support_close_days: i64,
    /// Days before the first report of unauthorised access that a restoration case's takeover
    /// timeline covers.
    #[arg(long, env = "PORTAL_RESTORATION_TIMELINE_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(i64).range(1..=730))]
    restoration_timeline_days: i64,
    /// Working days (the support desk's calendar) a restoration case should be decided in; older
    /// open cases are shown overdue.
    #[arg(long, env = "PORTAL_RESTORATION_TARGET_DAYS", default_value_t = 5,
          value_parser = clap::value_parser!(i64).range(1..=60))]
    restoration_target_days: i64,
    /// The longest from–to period a manager's dashboard shows, in days.
    #[arg(long, env = "PORTAL_DASHBOARD_MAX_DAYS", default_value_t = 366,
          value_parser = clap::value_parser!(i64).range(1..=3660))]
    dashboard_max_days: i64,
    /// Background jobs this process runs at once (0: it runs none, other processes do).
    #[arg(long, env = "PORTAL_JOB_WORKERS", default_value_t = 2,
          value_parser = clap::value_parser!(u16).range(0..=64))]
    job_workers: u16,
    /// The id the mail server receiving the support address's mail writes in its
    /// Authentication-Results headers; mail whose sender it did not verify is trusted with no
    /// ticket and no customer.
    #[arg(long, env = "PORTAL_MAIL_AUTH_SERVER")]
    mail_auth_server: Option<String>,
    /// The mail server staff replies are sent through: smtp://HOST[:PORT] (add ?tls=required
    /// for STARTTLS) or smtps://USER:PASSWORD@HOST[:PORT]. Without it outgoing mail is kept on
    /// the administrators' page.
    #[arg(long, env = "PORTAL_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The support address mail is received at and sent from.
    #[arg(long, env = "PORTAL_SUPPORT_ADDRESS", default_value = crate::config::DEFAULT_SUPPORT_ADDRESS)]
    support_address: String,
    #[command(flatten)]
    threshold: ThresholdArgs,
}

#[derive(Args, Debug)]
pub(super) struct PhotoArgs {
    /// Where photos are kept: a directory, or s3://BUCKET[/PREFIX] for S3-compatible storage
    /// (credentials, region and endpoint from the standard AWS_* variables) [default:
    /// DATA_DIR/photos]
    #[arg(long, env = "PORTAL_PHOTO_STORE")]
    photo_store: Option<String>,
    /// Megabytes all photo decodes together may take (a decode waits while they are taken; a
    /// photo needing more alone is refused)
    #[arg(long, env = "PORTAL_DECODE_MEMORY_MB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(64..=65_536))]
    decode_memory_mb: u64,
    /// Intake requests (applications, documents) whose bodies are read at once; more get 503
    /// with Retry-After before their bodies are read
    #[arg(long, env = "PORTAL_INTAKE_BODIES", default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    intake_bodies: u64,
}

impl PhotoArgs {
    pub(super) fn apply(&self, config: &mut Config) {
        config.decode_memory = self.decode_memory_mb * 1024 * 1024;
        config.intake_bodies = usize::try_from(self.intake_bodies).unwrap_or(8);
        match self.photo_store.as_deref() {
            None | Some("") => {}
            Some(url) if url.starts_with("s3://") => {
                config.photo_store = PhotoStore::S3(S3Store { url: url.to_string(), ..S3Store::default() });
            }
            Some(dir) => config.photo_store = PhotoStore::Local(PathBuf::from(dir)),
        }
    }
}

#[derive(Args, Debug)]
struct DemoArgs {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Directory for the demo database.
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Password of every demo account [default: a new random one, printed at start-up].
    #[arg(long, env = "DEMO_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    #[command(flatten)]
    photos: PhotoArgs,
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Demo(a) => run_demo(a).await,
        Command::Serve(a) => run_serve(a).await,
        Command::Migrate(a) => run_migrate(a).await,
        Command::CreateUser(a) => run_create_user(a).await,
        Command::VerifyAudit(a) => return run_verify(a).await,
        Command::CheckDashboards(a) => return accounts::run_check_dashboards(a).await,
        Command::CreateApiKey(a) => run_create_api_key(a).await,
        Command::Seed(a) => run_seed(a).await,
        Command::ImportList(a) => run_import_list(a).await,
        Command::Rescreen(a) => run_rescreen(a).await,
        Command::ScreeningEval(a) => return run_eval(a).await,
        Command::Retention(a) => return retention::run_retention(a).await,
        Command::Mailgate(a) => return mailgate::run(a).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(super) async fn connect(url: &str, migrate: bool) -> Result<Db, BoxError> {
    let db = Db::connect(url).await.map_err(|e| format!("cannot open the database: {e}"))?;
    if migrate {
        db.migrate().await.map_err(|e| format!("migration failed: {e}"))?;
    }
    Ok(db)
}

async fn run_serve(a: ServeArgs) -> Result<(), BoxError> {
    if a.session_idle_minutes < 1 || a.session_absolute_hours < 1 {
        return Err("session lifetimes must be positive".into());
    }
    if !(1..=24 * 60).contains(&a.claim_minutes) {
        return Err("--claim-minutes must be 1 to 1440".into());
    }
    if !(1..=365).contains(&a.resubmission_days) {
        return Err("--resubmission-days must be 1 to 365".into());
    }
    let mut config = Config::local(a.db.data_dir.clone());
    config.bind = a.bind;
    config.public_url = a.public_url.clone().unwrap_or_else(|| crate::config::local_url(a.bind.port()));
    config.database_url = a.db.url();
    config.secure_cookies = a.secure_cookies;
    config.trust_proxy = a.trust_proxy;
    config.session_idle = Duration::minutes(a.session_idle_minutes);
    config.session_absolute = Duration::hours(a.session_absolute_hours);
    config.step_up = Duration::minutes(a.step_up_minutes.max(0));
    a.photos.apply(&mut config);
    config.claim_ttl = Duration::minutes(a.claim_minutes);
    config.resubmission_days = a.resubmission_days;
    config.retention_years = a.retention_years;
    config.support_close_days = a.support_close_days;
    config.restoration_timeline_days = a.restoration_timeline_days;
    config.restoration_target_days = a.restoration_target_days;
    config.dashboard_max_days = a.dashboard_max_days;
    config.job_workers = usize::from(a.job_workers);
    config.mail_auth_server = a.mail_auth_server.filter(|s| !s.trim().is_empty());
    config.smtp_url = a.smtp_url.filter(|s| !s.trim().is_empty());
    config.support_address = a.support_address.trim().to_string();
    crate::mail::send::check_settings(&config)?;
    config.screening_threshold = a.threshold.get()?;
    let db = connect(&config.database_url, !a.no_migrate).await?;
    let bind = config.bind;
    let app = web::app(config, db).await?;
    web::serve(app, bind).await?;
    Ok(())
}

async fn run_demo(a: DemoArgs) -> Result<(), BoxError> {
    let mut config = Config::local(a.data_dir.clone());
    config.bind = a.bind;
    config.public_url = crate::config::local_url(a.bind.port());
    a.photos.apply(&mut config);
    let db = connect(&config.database_url, true).await?;
    let password = a.password.unwrap_or_else(crate::auth::password::generate);
    staff::check_new_password(&password).map_err(|_| "DEMO_PASSWORD must be at least 10 characters")?;
    let accounts = demo::load(&db, &password).await?;
    let photos = crate::photos::storage::Photos::from_config(&config)?;
    demo::load_sample_list(&db).await.map_err(|e| format!("demo screening list: {e}"))?;
    let started = std::time::Instant::now();
    let added =
        demo::applications::load(&db, &photos, 300).await.map_err(|e| format!("demo applications: {e}"))?;
    if added > 0 {
        println!("Loaded {added} demo applications in {:.1} s", started.elapsed().as_secs_f64());
    }
    demo::customers::load(&db).await.map_err(|e| format!("demo customers: {e}"))?;
    demo::tickets::load(&db, Some(&photos)).await.map_err(|e| format!("demo tickets: {e}"))?;
    demo::mail::load(&db, &photos).await.map_err(|e| format!("demo mail: {e}"))?;
    demo::restoration::load(&db, &photos).await.map_err(|e| format!("demo restoration: {e}"))?;
    demo::quality::load(&db).await.map_err(|e| format!("demo reviewer quality: {e}"))?;
    println!("\nKreditomat staff portal (demo) on {}", config.public_url);
    println!("Database: {}", config.database_url);
    println!("Demo accounts, all with the password: {password}");
    for (login, roles) in accounts {
        println!("  {login:<12} {roles}");
    }
    println!();
    let bind = config.bind;
    let app = web::app(config, db).await?;
    web::serve(app, bind).await?;
    Ok(())
}

async fn run_seed(a: SeedArgs) -> Result<(), BoxError> {
    if a.count == 0 || a.count > 50_000_000 {
        return Err("--count must be 1 to 50000000".into());
    }
    let mut config = Config::local(a.db.data_dir.clone());
    config.database_url = a.db.url();
    a.photos.apply(&mut config);
    let db = connect(&config.database_url, true).await?;
    let photos = crate::photos::storage::Photos::from_config(&config)?;
    let added = demo::seed::seed(&db, &photos, a.count).await?;
    println!("added {added} applications ({})", db.backend_name());
    Ok(())
}

async fn run_migrate(a: DbArgs) -> Result<(), BoxError> {
    let db = connect(&a.url(), true).await?;
    println!("migrations applied ({})", db.backend_name());
    Ok(())
}
