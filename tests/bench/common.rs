//! What the HTTP benchmarks share: their command-line options, the portal process they start,
//! and its CPU time.

use std::{path::PathBuf, process::Child};

/// A portal process, stopped when dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The value after `name` on the command line.
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

/// CPU seconds the process `pid` has used so far (Linux; 0 elsewhere).
pub fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return 0.0 };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// The release build's target directory and the portal binary in it; exits with a word on what
/// to run when the binary is missing.
pub fn portal_binary() -> (PathBuf, PathBuf) {
    let exe = std::env::current_exe().expect("exe");
    let target = exe.parent().and_then(|p| p.parent()).expect("target dir").to_path_buf();
    let bin = target.join("kreditomat-portal");
    if !bin.exists() {
        eprintln!("{} is missing: run `cargo build --release` first", bin.display());
        std::process::exit(2);
    }
    (target, bin)
}

/// A fresh database for a benchmark that starts from nothing: `data_dir` emptied and made, and
/// the URL of `--database-url` (a PostgreSQL database dropped and made again) or of SQLite in
/// `data_dir`.
#[allow(dead_code)] // Benchmarks that reuse a seeded database do not call it.
pub async fn fresh_database(data_dir: &std::path::Path) -> String {
    let _ = std::fs::remove_dir_all(data_dir);
    std::fs::create_dir_all(data_dir).expect("data dir");
    let url =
        arg("--database-url").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("portal.db").display()));
    if let Some(rest) = url.strip_prefix("postgres://") {
        let (server, name) = rest.rsplit_once('/').expect("postgres://USER@HOST/DB");
        let mut conn =
            <sqlx::PgConnection as sqlx::Connection>::connect(&format!("postgres://{server}/postgres"))
                .await
                .expect("connect to PostgreSQL");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await
            .expect("drop");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create");
    }
    url
}

/// The password of the accounts the benchmarks sign in with.
#[allow(dead_code)]
pub const PASSWORD: &str = "bench password 2026";

/// Runs the portal binary; returns its standard output.
#[allow(dead_code)]
pub fn portal(bin: &std::path::Path, args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(bin)
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("run the portal");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Creates (or leaves) the account `login` with `role` and [`PASSWORD`], named after its role.
#[allow(dead_code)]
pub fn create_user(bin: &std::path::Path, url: &str, dir: &str, login: &str, role: &str) {
    let name = format!("Bench {role}");
    portal(
        bin,
        &[
            "create-user",
            "--login",
            login,
            "--name",
            &name,
            "--role",
            role,
            "--password-stdin",
            "--database-url",
            url,
            "--data-dir",
            dir,
        ],
        Some(&format!("{PASSWORD}\n")),
    );
}

/// The seeded database the review and dashboards benchmarks share.
#[allow(dead_code)]
pub struct Seeded {
    pub url: String,
    pub dir: String,
    pub db: kreditomat_portal::db::Db,
    /// Applications and tickets there were before seeding.
    pub have: i64,
    pub have_tickets: i64,
}

/// The benchmarks' database (`--database-url`, or SQLite in `target/release/review-bench/`; a
/// PostgreSQL database is created if missing), migrated, with `kreditomat-portal seed` up to
/// `count` applications and support tickets of their customers up to `tickets` (about five
/// messages each). A database that has them already is reused.
#[allow(dead_code)]
pub async fn seeded(target: &std::path::Path, bin: &std::path::Path, count: i64, tickets: i64) -> Seeded {
    use std::time::Instant;
    let data_dir = target.join("review-bench");
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let url =
        arg("--database-url").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("portal.db").display()));
    if let Some(rest) = url.strip_prefix("postgres://") {
        let (server, name) = rest.rsplit_once('/').expect("postgres://USER@HOST/DB");
        let admin = format!("postgres://{server}/postgres");
        if let Ok(mut conn) = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await {
            let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(name)
                .fetch_optional(&mut conn)
                .await
                .expect("look up the database");
            if exists.is_none() {
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create database");
            }
        }
    }
    let dir = data_dir.to_string_lossy().to_string();
    portal(bin, &["migrate", "--database-url", &url, "--data-dir", &dir], None);
    let db = kreditomat_portal::db::Db::connect(&url).await.expect("connect");
    let count_of = |table: &'static str| {
        let db = db.clone();
        async move {
            kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar::<_, i64>(&format!(
                "SELECT COUNT(*) FROM {table}"
            ))
            .fetch_one(c)
            .await)
            .expect("count")
        }
    };
    let have = count_of("applications").await;
    println!("== database: {} ({} applications)", db.backend_name(), have);
    if have < count {
        let t = Instant::now();
        let add = (count - have).to_string();
        portal(bin, &["seed", "--count", &add, "--database-url", &url, "--data-dir", &dir], None);
        println!("seeded {add} applications in {:.0} s", t.elapsed().as_secs_f64());
    }
    create_user(bin, &url, &dir, "bench-agent", "support");
    let have_tickets = count_of("tickets").await;
    if have_tickets < tickets {
        let agent: Option<i64> = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
            "SELECT id FROM staff WHERE login = 'bench-agent'"
        )
        .fetch_optional(c)
        .await)
        .expect("agent");
        let t = Instant::now();
        kreditomat_portal::demo::seed_tickets::seed(&db, tickets - have_tickets, agent)
            .await
            .expect("seed tickets");
        println!("seeded {} tickets in {:.0} s", tickets - have_tickets, t.elapsed().as_secs_f64());
    }
    Seeded { url, dir, db, have, have_tickets }
}

/// Starts `kreditomat-portal serve` on the database (no migrations, no background jobs: at
/// start they would close the seeded tickets resolved long ago during the measurement) and
/// waits until it answers; returns it and its base URL.
#[allow(dead_code)]
pub async fn serve(bin: &std::path::Path, url: &str, dir: &str) -> (Server, String) {
    let port = 19_000 + (std::process::id() % 1000) as u16;
    let server = Server(
        std::process::Command::new(bin)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", url, "--data-dir", dir])
            .args(["--no-migrate", "--job-workers", "0"])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the portal"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let probe = reqwest::Client::new();
    for _ in 0..300 {
        if probe.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    (server, base)
}

/// A client signed in as `login` (with [`PASSWORD`]), keeping up to `connections` open.
#[allow(dead_code)]
pub async fn signed_in(base: &str, login: &str, connections: usize) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .build()
        .expect("client");
    let page =
        client.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("body");
    let marker = "name=\"csrf\" value=\"";
    let at = page.find(marker).expect("csrf field") + marker.len();
    let csrf = page[at..].split('"').next().expect("csrf").to_string();
    let res = client
        .post(format!("{base}/login"))
        .form(&[("csrf", csrf.as_str()), ("login", login), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 303, "sign-in of {login}");
    client
}

/// One measured page: requests over concurrent connections, and the targets it is held to.
#[allow(dead_code)]
pub struct Run<'a> {
    pub client: &'a reqwest::Client,
    pub base: &'a str,
    pub server_pid: u32,
    pub requests: usize,
    pub concurrency: usize,
    pub median_ms: f64,
    pub p99_ms: f64,
}

impl Run<'_> {
    /// Sends `requests` GETs of `urls` (in turn) after a warm-up and prints the median, 99th
    /// percentile and worst latency, the errors (an answer that is not 200 or lacks what its URL
    /// must hold) and the server's CPU time per request. Returns the errors.
    #[allow(dead_code)]
    pub async fn measure(&self, name: &str, urls: Vec<(String, String)>) -> usize {
        use std::sync::{
            Arc,
            atomic::{AtomicUsize, Ordering},
        };
        use std::time::Instant;
        let urls = Arc::new(urls);
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        for (round, n) in [(0, self.concurrency * 10), (1, self.requests)] {
            let cpu_before = cpu_seconds(self.server_pid);
            let next = Arc::new(AtomicUsize::new(0));
            let errors = Arc::new(AtomicUsize::new(0));
            let mut tasks = Vec::new();
            for _ in 0..self.concurrency {
                let (client, base, urls, next, errors) =
                    (self.client.clone(), self.base.to_string(), urls.clone(), next.clone(), errors.clone());
                tasks.push(tokio::spawn(async move {
                    let mut times = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        let (path, must_hold) = &urls[i % urls.len()];
                        let t = Instant::now();
                        let ok = match client.get(format!("{base}{path}")).send().await {
                            Ok(r) if r.status() == 200 => {
                                r.text().await.is_ok_and(|b| b.contains(must_hold.as_str()))
                            }
                            _ => false,
                        };
                        times.push(t.elapsed());
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    times
                }));
            }
            let mut times = Vec::new();
            for t in tasks {
                times.extend(t.await.expect("task"));
            }
            if round == 0 {
                continue;
            }
            times.sort();
            let median = ms(times[times.len() / 2]);
            let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
            let worst = ms(*times.last().expect("ran"));
            let cpu = (cpu_seconds(self.server_pid) - cpu_before) * 1000.0 / n as f64;
            let errors = errors.load(Ordering::Relaxed);
            let verdict = if errors > 0 {
                "  (errors: answers without what the page should show)"
            } else if median < self.median_ms && p99 < self.p99_ms {
                ""
            } else {
                "  (target missed)"
            };
            println!(
                "{name:<50} {median:>6.2} ms {p99:>6.2} ms {worst:>6.1} ms {errors:>7} {cpu:>6.2} ms{verdict}"
            );
            return errors;
        }
        0
    }
}
