//! Runtime settings of a portal process, built from the command line and environment.

use std::{net::SocketAddr, path::PathBuf};

use time::Duration;

use crate::auth::second_factor::sealed::SecretKey;

/// Everything a running portal needs to know about its environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// The address staff open the portal at (`PORTAL_PUBLIC_URL`); its host names the portal to
    /// passkeys, which work only there ([`crate::auth::second_factor::webauthn`]).
    pub public_url: String,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// Where local files live (the SQLite database by default).
    pub data_dir: PathBuf,
    /// Mark the session cookie `Secure` and send HSTS (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` from a reverse proxy for the client address.
    pub trust_proxy: bool,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute: Duration,
    /// Failed sign-ins limits.
    pub throttle: Throttle,
    /// A sensitive action asks for the second factor (or, without one, the password) again
    /// unless it was given this recently ([`crate::auth::step_up`]).
    pub step_up: Duration,
    /// Size and dimension limits of uploaded photos.
    pub photo_limits: crate::photos::PhotoLimits,
    /// Where photo files are kept: a local directory or an S3-compatible bucket.
    pub photo_store: PhotoStore,
    /// How many photos are decoded at once.
    pub photo_decodes: usize,
    /// The memory all photo decodes together may take, in bytes ([`crate::photos::budget`]).
    pub decode_memory: u64,
    /// How many intake request bodies (photos) may be read at once; more get 503.
    pub intake_bodies: usize,
    /// How long a verifier's claim on an application lasts.
    pub claim_ttl: Duration,
    /// Days a request for documents waits before it expires and the application is pending again.
    pub resubmission_days: i64,
    /// Years an archived customer's data is kept after their last activity
    /// ([`crate::customers::retention`]).
    pub retention_years: i32,
    /// Days a resolved ticket waits for the customer before it is closed
    /// ([`crate::support::closing`]).
    pub support_close_days: i64,
    /// Days before the first report that the takeover timeline of a restoration case covers.
    pub restoration_timeline_days: i64,
    /// The working days a restoration case should be decided in; older open cases are overdue.
    pub restoration_target_days: i64,
    /// The longest from–to period a dashboard shows, in days.
    pub dashboard_max_days: i64,
    /// The id the mail server that receives the support address's mail writes in its
    /// `Authentication-Results` headers (`PORTAL_MAIL_AUTH_SERVER`): a sender it did not verify
    /// (DMARC) is trusted with no ticket and no customer. Without it every sender is taken at
    /// its word.
    pub mail_auth_server: Option<String>,
    /// The mail server replies are sent through (`PORTAL_SMTP_URL`: `smtp://host:25`,
    /// `smtp://host:587?tls=required`, `smtps://user:pass@host`); none: outgoing mail is kept
    /// on the administrators' page ([`crate::mail::send`]).
    pub smtp_url: Option<String>,
    /// The support address: mail is received at it and sent from it.
    pub support_address: String,
    /// Background jobs this process runs at once ([`crate::jobs`]); 0: none.
    pub job_workers: usize,
    /// How often an idle worker looks for a due job (a job queued by this process wakes it at
    /// once).
    pub job_poll: std::time::Duration,
    /// Score from which a screening comparison is a hit (0 to 1).
    pub screening_threshold: f64,
    /// The key secrets at rest (TOTP secrets) are sealed with ([`secret_key`]).
    pub secret_key: SecretKey,
}

/// Limits on failed sign-ins within a sliding window ([`crate::auth::throttle`]).
#[derive(Clone, Debug)]
pub struct Throttle {
    /// Failures for one login from addresses it does not usually sign in from, before such
    /// addresses are refused for the rest of the window. Its usual addresses stay open.
    pub per_account: i64,
    /// Failures from one client address across logins, before the address is refused for logins
    /// that do not usually sign in from it.
    pub per_address: i64,
    /// Failures of one login from one address that are answered at once; after them each try
    /// waits [`Throttle::pair_delay`], doubling with every further failure.
    pub pair_free: i64,
    pub pair_delay: Duration,
    /// Length of the window.
    pub window: Duration,
    /// How long an address stays a login's usual address after a right password from it.
    pub known_for: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            per_account: 5,
            per_address: 20,
            pair_free: 3,
            pair_delay: Duration::seconds(5),
            window: Duration::minutes(15),
            known_for: Duration::days(90),
        }
    }
}

impl Config {
    /// Settings for a laptop: localhost, SQLite under `data_dir`.
    pub fn local(data_dir: PathBuf) -> Config {
        let database_url = default_database_url(&data_dir);
        let photo_store = PhotoStore::Local(data_dir.join("photos"));
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: local_url(8080),
            database_url,
            data_dir: data_dir.clone(),
            secure_cookies: false,
            trust_proxy: false,
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            throttle: Throttle::default(),
            step_up: Duration::minutes(15),
            photo_limits: crate::photos::PhotoLimits::default(),
            photo_store,
            photo_decodes: std::thread::available_parallelism().map_or(2, |n| n.get()),
            decode_memory: 512 * 1024 * 1024,
            intake_bodies: 8,
            claim_ttl: Duration::minutes(30),
            resubmission_days: 14,
            retention_years: crate::customers::retention::DEFAULT_YEARS,
            support_close_days: 7,
            restoration_timeline_days: 30,
            restoration_target_days: 5,
            dashboard_max_days: 366,
            mail_auth_server: None,
            smtp_url: None,
            support_address: DEFAULT_SUPPORT_ADDRESS.to_string(),
            job_workers: 2,
            job_poll: std::time::Duration::from_secs(1),
            screening_threshold: crate::screening::score::DEFAULT_THRESHOLD,
            secret_key: secret_key(&data_dir).unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(2)
            }),
        }
    }
}

/// The address the policy gives customers for their requests (5.7, 10.4).
pub const DEFAULT_SUPPORT_ADDRESS: &str = "info@kreditomat.kz";

/// The portal's address on this machine at `port`: `localhost`, which passkeys accept (an IP
/// address they do not).
pub fn local_url(port: u16) -> String {
    format!("http://localhost:{port}")
}

/// The portal's key for secrets at rest: `PORTAL_SECRET_KEY` (64 hex digits) or, when it is not
/// set, the file `secret.key` in the data directory, made on first start (the demo's key).
pub fn secret_key(data_dir: &std::path::Path) -> Result<SecretKey, String> {
    if let Ok(hex_key) = std::env::var("PORTAL_SECRET_KEY") {
        return SecretKey::from_hex(&hex_key)
            .ok_or_else(|| "PORTAL_SECRET_KEY must be 64 hex digits".to_string());
    }
    let path = data_dir.join("secret.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return SecretKey::from_hex(&text)
            .ok_or_else(|| format!("{} must hold 64 hex digits", path.display()));
    }
    let hex_key = SecretKey::generate_hex();
    std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&path) {
        Ok(mut file) => {
            std::io::Write::write_all(&mut file, hex_key.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(SecretKey::from_hex(&hex_key).expect("a generated key"))
        }
        // Another process made it first: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            SecretKey::from_hex(&text).ok_or_else(|| format!("{} must hold 64 hex digits", path.display()))
        }
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The embedded database inside the data directory.
pub fn default_database_url(data_dir: &std::path::Path) -> String {
    format!("sqlite://{}", data_dir.join("portal.db").display())
}

/// Where photo files live.
#[derive(Clone, Debug)]
pub enum PhotoStore {
    /// A directory on this machine (one process, or several on one machine).
    Local(PathBuf),
    /// An S3-compatible bucket, shared by any number of portal processes.
    S3(S3Store),
}

/// An S3-compatible bucket. Anything not set here comes from the standard `AWS_*` environment
/// variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT`,
/// `AWS_ALLOW_HTTP`).
#[derive(Clone, Debug, Default)]
pub struct S3Store {
    /// `s3://bucket` or `s3://bucket/prefix`.
    pub url: String,
    /// The service's address, for S3-compatible servers other than AWS.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    /// Allow a plain-HTTP endpoint (a server on the same private network).
    pub allow_http: bool,
}
