//! Spawns the real portal on a random port with a fresh database per test: SQLite always,
//! PostgreSQL when `TEST_DATABASE_URL` is set (and required when `TEST_REQUIRE_POSTGRES=1`).

use std::{
    net::SocketAddr,
    sync::atomic::{AtomicU32, Ordering},
};

use kreditomat_portal::{
    audit::Actor,
    auth::Role,
    config::Config,
    db::Db,
    staff::{self, FullName, Login, NewAccount},
    web,
};
use reqwest::{Client, Response, redirect::Policy};
use sqlx::Connection;

/// The password of every account the tests create.
pub const PASSWORD: &str = "correct horse battery";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running portal and its database.
pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub database_url: String,
    /// The data directory (photos live under `photos/`).
    pub data_dir: tempfile::TempDir,
    pg_name: Option<(String, String)>,
    /// Portal processes started by `second_process`.
    processes: std::sync::Mutex<Vec<std::process::Child>>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestApp {
    /// A portal on `backend` with default settings; `None` when PostgreSQL is not configured.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    /// A portal whose settings `tweak` adjusts.
    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, pg_name) = match backend {
            Backend::Sqlite => (format!("sqlite://{}", dir.path().join("portal.db").display()), None),
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
                    if std::env::var("TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                        panic!("TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
                    }
                    eprintln!("TEST_DATABASE_URL not set: skipping the PostgreSQL run");
                    return None;
                };
                let name =
                    format!("kp_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
                let mut conn =
                    sqlx::PgConnection::connect(&admin_url).await.expect("connect TEST_DATABASE_URL");
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await
                    .expect("drop old test database");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let url = match admin_url.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("TEST_DATABASE_URL needs a database name"),
                };
                (url, Some((admin_url, name)))
            }
        };
        // Bound first: passkeys need the portal's address (on `localhost`) in its settings.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let mut config = Config::local(dir.path().to_path_buf());
        config.database_url = database_url.clone();
        config.public_url = kreditomat_portal::config::local_url(addr.port());
        tweak(&mut config);
        let db = Db::connect(&database_url).await.expect("connect test database");
        db.migrate().await.expect("migrate test database");
        // No role must use a second factor unless a test says so (the tests of enforcement set
        // the roles): most tests sign in with a password alone.
        kreditomat_portal::with_db!(&db, |c| sqlx::query("DELETE FROM second_factor_roles")
            .execute(c)
            .await
            .map(|_| ()))
        .expect("clear the second-factor roles");
        ran(match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        });
        let app = web::app(config, db.clone()).await.expect("build app");
        tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .await
                .expect("serve");
        });
        Some(TestApp {
            base: format!("http://{addr}"),
            db,
            database_url,
            data_dir: dir,
            pg_name,
            processes: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// Another portal process on this app's database: the real binary, `kreditomat-portal serve`
    /// with `args` added, its own data directory and a free port; returns its base URL once it
    /// answers. It is stopped when this app is dropped.
    pub async fn second_process(&self, args: &[&str]) -> String {
        self.second_process_with_env(args, &[]).await
    }

    /// `second_process` with environment variables set for it.
    pub async fn second_process_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_kreditomat-portal"))
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--data-dir", &self.data_dir.path().join("second").display().to_string()])
            .args(["--database-url", &self.database_url])
            .args(args)
            .envs(env.iter().copied())
            .env("RUST_LOG", "error")
            .stdin(std::process::Stdio::null())
            .spawn()
            .expect("start a second portal process");
        self.processes.lock().expect("process list").push(child);
        let probe = Client::new();
        for _ in 0..300 {
            if probe.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
                return base;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the second portal process did not answer on {base}");
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client")
    }

    /// Creates an account with `roles` and the test password; returns its id.
    pub async fn create_staff(&self, login: &str, roles: &[Role]) -> i64 {
        let login = Login::parse(login).expect("valid login");
        let name = FullName::parse(&format!("Тест {}", login.as_str())).expect("valid name");
        let new = NewAccount {
            login: &login,
            full_name: &name,
            roles,
            language: None,
            password: PASSWORD.to_string(),
            must_change_password: false,
        };
        staff::create_account(&self.db, &Actor::System("test"), None, new).await.expect("create staff")
    }

    /// A client signed in as a new account with `roles`.
    pub async fn signed_in(&self, login: &str, roles: &[Role]) -> Client {
        self.create_staff(login, roles).await;
        let client = self.client();
        let res = self.sign_in(&client, login, PASSWORD).await;
        assert_eq!(res.status(), 303, "sign-in of {login} should redirect");
        client
    }

    /// Posts the sign-in form.
    pub async fn sign_in(&self, client: &Client, login: &str, password: &str) -> Response {
        self.post_form(client, "/login", &[("login", login), ("password", password)]).await
    }

    /// GET `path`.
    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(format!("{}{path}", self.base)).send().await.expect("GET")
    }

    /// The CSRF token of the client's session, read from a page's form.
    pub async fn csrf(&self, client: &Client) -> String {
        for path in ["/account", "/account/two-factor", "/login"] {
            let res = self.get(client, path).await;
            if res.status() == 200 {
                let html = res.text().await.expect("body");
                return csrf_in(&html).expect("page has a CSRF field");
            }
        }
        panic!("no page with a CSRF token");
    }

    /// POSTs a form to `path` with the session's CSRF token added.
    pub async fn post_form(&self, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(client).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        client.post(format!("{}{path}", self.base)).form(&all).send().await.expect("POST")
    }

    /// Runs the portal binary with `args` against this database; returns (success, stdout+stderr).
    pub fn run_cli(&self, args: &[&str], stdin: Option<&str>) -> (bool, String) {
        use std::io::Write;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kreditomat-portal"));
        cmd.args(args)
            .env("DATABASE_URL", &self.database_url)
            .env("RUST_LOG", "error")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("run the portal binary");
        if let Some(input) = stdin {
            child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
        }
        drop(child.stdin.take());
        let out = child.wait_with_output().expect("wait");
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), text)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        for mut child in self.processes.get_mut().map(std::mem::take).unwrap_or_default() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let Some((admin_url, name)) = self.pg_name.take() else { return };
        // Drop the test database on a thread of its own: Drop cannot await.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The one number `sql` selects from `app`'s database.
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(sql).fetch_one(c).await).unwrap()
}

/// Runs statement `sql` on `app`'s database (a test's setup, or a check that the database
/// itself refuses a change).
pub async fn exec(app: &TestApp, sql: &str) -> Result<u64, sqlx::Error> {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()))
}

/// The one text `sql` selects from `app`'s database.
pub async fn text(app: &TestApp, sql: &str) -> String {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(sql).fetch_one(c).await).unwrap()
}

/// Notes in the file `TEST_RUN_LOG` names (when set) that the running test really used `part`
/// (`sqlite`, `postgres`, `s3`, `browser`): one line `part test-name`. A skipped half leaves no
/// line, so `.ci/run` compares the lines with the list of tests and cannot be fooled by a test
/// that returned early and still printed `ok`.
pub fn ran(part: &str) {
    use std::io::Write;
    let Ok(path) = std::env::var("TEST_RUN_LOG") else { return };
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("unnamed");
    let line = format!("{part} {test}\n");
    let mut file =
        std::fs::OpenOptions::new().create(true).append(true).open(&path).expect("open TEST_RUN_LOG");
    // One write of one short line: appends from parallel tests do not interleave.
    file.write_all(line.as_bytes()).expect("write TEST_RUN_LOG");
}

/// Today in Almaty, the day the portal's age and document checks use.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().to_offset(kreditomat_portal::i18n::ALMATY).date()
}

/// The date `years` years before today (the 28th of February for a 29th): fixtures are dated
/// from today, so an applicant who is 15 today never turns 18 under a later run of the suite.
pub fn years_ago(years: i32) -> time::Date {
    let t = today();
    t.replace_year(t.year() - years)
        .unwrap_or_else(|_| t.replace_day(28).unwrap().replace_year(t.year() - years).unwrap())
}

/// The date `years` years from today.
pub fn years_ahead(years: i32) -> time::Date {
    years_ago(-years)
}

/// An ISO date as the API takes it.
pub fn iso(date: time::Date) -> String {
    date.to_string()
}

/// A valid IIN for someone born on `birth` (a woman, serial from `serial`).
pub fn iin_born(birth: time::Date, serial: u32) -> String {
    let century = if birth.year() >= 2000 { 6 } else { 4 };
    let prefix =
        format!("{:02}{:02}{:02}{century}", birth.year() % 100, u8::from(birth.month()), birth.day());
    (serial..)
        .find_map(|k| kreditomat_portal::intake::iin::complete(&format!("{prefix}{:04}", k % 10_000)))
        .expect("a check digit exists for some serial")
}

/// The value of the first `name="csrf"` field of a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[at..].split('"').next()?.to_string())
}

/// Where a redirect points.
pub fn location(res: &Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap_or_default().to_string()).unwrap_or_default()
}

/// Defines a test that runs once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* $name:ident, |$app:ident| $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $app = $crate::harness::TestApp::spawn($crate::harness::Backend::Sqlite)
                    .await
                    .expect("SQLite is always available");
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let Some($app) = $crate::harness::TestApp::spawn($crate::harness::Backend::Postgres).await else {
                    return;
                };
                $body
            }
        }
    };
}

/// Runs `check(backend)` as two tests, `sqlite` and `postgres`, for tests that start their apps
/// themselves (other settings, several processes).
#[macro_export]
macro_rules! on_both_backends {
    ($check:ident) => {
        #[tokio::test]
        async fn sqlite() {
            $check($crate::harness::Backend::Sqlite).await;
        }

        #[tokio::test]
        async fn postgres() {
            $check($crate::harness::Backend::Postgres).await;
        }
    };
}

/// POSTs `body` as JSON to the API at `path` with `key` (and an `Idempotency-Key` if given):
/// the status, the JSON answer, and whether it was a replay.
pub async fn api_post(
    app: &TestApp,
    key: &str,
    path: &str,
    body: &serde_json::Value,
    idem: Option<&str>,
) -> (u16, serde_json::Value, bool) {
    let mut req = reqwest::Client::new().post(format!("{}{path}", app.base)).bearer_auth(key).json(body);
    if let Some(k) = idem {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let replayed = res.headers().contains_key("idempotent-replayed");
    (status, res.json().await.unwrap_or(serde_json::Value::Null), replayed)
}

/// The fields a problem+json answer names, in its order.
pub fn problem_fields(problem: &serde_json::Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}
