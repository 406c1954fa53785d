//! Review and support benchmark: the queue, search, the review page, the customer page and the
//! customer search over HTTP with a million applications; the support queue, ticket search and
//! the ticket page with a million tickets (`--tickets N`, about 5 messages each).
//!
//! ```sh
//! cargo build --release && cargo run --release --example review-bench
//! cargo build --release && cargo run --release --example review-bench -- \
//!     --database-url postgres://root@127.0.0.1:5432/kp_bench
//! ```
//!
//! 1. Seeds the database with `kreditomat-portal seed` up to `--count` applications (default
//!    1,000,000; a database that has them already is reused). SQLite lives in
//!    `target/release/review-bench/` unless `--database-url` names another; a PostgreSQL database is
//!    created if missing.
//!    Then adds support tickets up to `--tickets` (default 1,000,000) of the seeded customers.
//! 2. Starts `target/release/kreditomat-portal serve` on it and signs in as a verifier and as a
//!    support agent (for the support pages).
//! 3. For each page, sends `--requests` requests (default 2,000) over `--concurrency`
//!    connections (default 16) after a warm-up, and prints the median, 99th percentile and worst
//!    latency and the server's CPU time per request, with the targets (median under 10 ms, p99
//!    under 50 ms). `--only WORD` runs only the pages whose name contains WORD (`--only queue`,
//!    `--only "review page"`).
//!
//! A request counts only if it answered 200 with what the page should show (queue rows; the
//! searched application; the review page of the application asked for). Any other answer is an
//! error, and a run with errors exits with status 1.

use std::{
    process::{Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

mod common;

use common::{Server, arg, cpu_seconds, portal_binary};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the portal binary; panics with its output if it fails.
fn portal(bin: &std::path::Path, args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new(bin)
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run the portal");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let count: i64 = arg("--count").map_or(1_000_000, |c| c.parse().expect("--count N"));
    let requests: usize = arg("--requests").map_or(2_000, |c| c.parse().expect("--requests N"));
    let concurrency: usize = arg("--concurrency").map_or(16, |c| c.parse().expect("--concurrency N"));
    let data_dir = target.join("review-bench");
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let url =
        arg("--database-url").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("portal.db").display()));
    if let Some(rest) = url.strip_prefix("postgres://") {
        // Create the database if it does not exist yet.
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
    portal(&bin, &["migrate", "--database-url", &url, "--data-dir", &dir], None);
    let db = kreditomat_portal::db::Db::connect(&url).await.expect("connect");
    let have: i64 =
        kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM applications")
            .fetch_one(c)
            .await)
        .expect("count");
    println!("== database: {} ({} applications)", db.backend_name(), have);
    if have < count {
        let t = Instant::now();
        let add = (count - have).to_string();
        portal(&bin, &["seed", "--count", &add, "--database-url", &url, "--data-dir", &dir], None);
        println!("seeded {add} applications in {:.0} s", t.elapsed().as_secs_f64());
    }
    let password = "bench password 2026";
    portal(
        &bin,
        &[
            "create-user",
            "--login",
            "bench-verifier",
            "--name",
            "Bench Verifier",
            "--role",
            "verifier",
            "--password-stdin",
            "--database-url",
            &url,
            "--data-dir",
            &dir,
        ],
        Some(&format!("{password}\n")),
    );
    portal(
        &bin,
        &[
            "create-user",
            "--login",
            "bench-agent",
            "--name",
            "Bench Agent",
            "--role",
            "support",
            "--password-stdin",
            "--database-url",
            &url,
            "--data-dir",
            &dir,
        ],
        Some(&format!("{password}\n")),
    );
    // Tickets of the seeded customers, about 5 messages each.
    let tickets: i64 = arg("--tickets").map_or(1_000_000, |c| c.parse().expect("--tickets N"));
    let have_tickets: i64 =
        kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
            .fetch_one(c)
            .await)
        .expect("count tickets");
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
    let step_t = (tickets.max(have_tickets) / 500).max(1);
    let ticket_sample: Vec<(i64, String)> = kreditomat_portal::with_db!(&db, |c| sqlx::query_as(&format!(
        "SELECT t.id, c.iin FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id % {step_t} = 0
         ORDER BY t.id LIMIT 500"
    ))
    .fetch_all(c)
    .await)
    .expect("ticket sample");
    let closed: i64 = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM ticket_counts WHERE state = 'closed'"
    )
    .fetch_one(c)
    .await)
    .expect("closed");
    let deep_ticket: i64 = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT id FROM tickets WHERE state = 'closed' ORDER BY id DESC LIMIT 1 OFFSET $1"
    )
    .bind(closed * 3 / 4)
    .fetch_one(c)
    .await)
    .expect("deep ticket");

    // Sample values to search for and applications to open.
    let max_id: i64 =
        kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar("SELECT MAX(id) FROM applications")
            .fetch_one(c)
            .await)
        .expect("max id");
    let step = (max_id / 500).max(1);
    let sql = format!(
        "SELECT id, iin, phone, last_name, first_name FROM applications WHERE id % {step} = 0 ORDER BY id LIMIT 500"
    );
    let rows: Vec<(i64, String, String, String, String)> =
        kreditomat_portal::with_db!(&db, |c| sqlx::query_as(&sql).fetch_all(c).await).expect("sample");
    // Customers of the same sample, with the app's account id each came from.
    let sql = format!(
        "SELECT id, customer_id, COALESCE(account_id, ''), last_name, first_name FROM applications
         WHERE id % {step} = 0 ORDER BY id LIMIT 500"
    );
    let customers: Vec<(i64, i64, String, String, String)> =
        kreditomat_portal::with_db!(&db, |c| sqlx::query_as(&sql).fetch_all(c).await).expect("customers");
    let pending: i64 = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT n FROM application_counts WHERE status = 'pending'"
    )
    .fetch_one(c)
    .await)
    .expect("pending");
    let deep: (time::OffsetDateTime, i64) = kreditomat_portal::with_db!(&db, |c| sqlx::query_as(
        "SELECT received_at, id FROM applications WHERE status = 'pending' ORDER BY received_at, id LIMIT 1 OFFSET $1"
    )
    .bind(pending * 3 / 4)
    .fetch_one(c)
    .await)
    .expect("deep cursor");
    let deep_cursor = kreditomat_portal::review::queue::time_cursor(deep.0, deep.1);
    // The month in the middle of the seeded arrivals.
    let middle: time::OffsetDateTime = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT received_at FROM applications ORDER BY id LIMIT 1 OFFSET $1"
    )
    .bind(have.max(count) / 2)
    .fetch_one(c)
    .await)
    .expect("middle arrival");
    let day = middle.to_offset(kreditomat_portal::i18n::ALMATY).date();
    let month_start = day.replace_day(1).expect("first day");
    let month_end = (month_start + time::Duration::days(40))
        .replace_day(1)
        .expect("first day")
        .previous_day()
        .expect("last day");
    db.close().await;

    let port = 19_000 + (std::process::id() % 1000) as u16;
    let _server = Server(
        Command::new(&bin)
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &url,
                "--data-dir",
                &dir,
            ])
            // No background jobs: at start they would close the seeded tickets resolved long
            // ago, a thousand at a time, during the measurement (in steady state a run finds a
            // handful).
            .args(["--no-migrate", "--job-workers", "0"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the portal"),
    );
    let server_pid = _server.0.id();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("client");
    for _ in 0..200 {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let agent_client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("client");
    for (who, login) in [(&client, "bench-verifier"), (&agent_client, "bench-agent")] {
        let login_page =
            who.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("body");
        let marker = "name=\"csrf\" value=\"";
        let at = login_page.find(marker).expect("csrf field") + marker.len();
        let csrf = login_page[at..].split('"').next().expect("csrf").to_string();
        let res = who
            .post(format!("{base}/login"))
            .form(&[("csrf", csrf.as_str()), ("login", login), ("password", password)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(res.status(), 303, "sign-in of {login}");
    }

    let phone_query = |p: &str| format!("8+{}+{}+{}+{}", &p[2..5], &p[5..8], &p[8..10], &p[10..]);
    // Each URL with what its answer must hold.
    const ROW: &str = "<td><a href=\"/review/";
    const TICKET_ROW: &str = "<td class=\"nowrap\"><a href=\"/support/";
    let queue = |url: String| vec![(url, ROW.to_string())];
    let found = |url: String, id: i64| (url, format!("{ROW}{id}\""));
    let scenarios: Vec<(&str, Vec<(String, String)>)> = vec![
        ("queue, first page", queue("/review".into())),
        ("queue, filtered (pending, PEP/BO declared)", queue("/review?status=pending&declared=any".into())),
        (
            "queue, filtered (all, risk signals, one month)",
            queue(format!("/review?status=all&risk=yes&from={month_start}&to={month_end}")),
        ),
        ("queue, deep page (3/4 into pending)", queue(format!("/review?after={deep_cursor}"))),
        ("queue, sorted by amount", queue("/review?sort=amount".into())),
        ("queue, sorted by risk", queue("/review?sort=risk".into())),
        ("search by IIN", rows.iter().map(|(id, iin, ..)| found(format!("/review?q={iin}"), *id)).collect()),
        (
            "search by phone",
            // A phone may be shared by more applications than a page shows: any row of it counts.
            rows.iter()
                .map(|(_, _, p, ..)| (format!("/review?q={}", phone_query(p)), ROW.to_string()))
                .collect(),
        ),
        (
            "search by name, Latin spelling",
            rows.iter()
                .map(|(.., last, first)| {
                    let fold = |w: &str| kreditomat_portal::screening::names::fold(w).0;
                    (format!("/review?q={}+{}", fold(first), fold(last)), ROW.to_string())
                })
                .collect(),
        ),
        (
            "review page",
            rows.iter().map(|(id, _, _, last, _)| (format!("/review/{id}"), format!("{last} "))).collect(),
        ),
        (
            "customer page",
            customers
                .iter()
                .map(|(id, customer, ..)| {
                    (format!("/customers/{customer}"), format!("href=\"/review/{id}\""))
                })
                .collect(),
        ),
        (
            "customer search by name",
            customers
                .iter()
                .map(|(.., last, first)| {
                    (format!("/customers?q={first}+{last}"), "href=\"/customers/".to_string())
                })
                .collect(),
        ),
        (
            "customer search by account id",
            customers
                .iter()
                .map(|(_, customer, account, ..)| {
                    (format!("/customers?q={account}"), format!("href=\"/customers/{customer}\""))
                })
                .collect(),
        ),
        // The support desk, as an agent.
        ("support queue, first page (all worked)", vec![("/support?view=active".into(), TICKET_ROW.into())]),
        (
            "support queue, filtered (a category)",
            vec![("/support?view=active&category=data_change".into(), TICKET_ROW.into())],
        ),
        (
            "support queue, deep page (3/4 into closed)",
            vec![(format!("/support?view=closed&after={deep_ticket}"), TICKET_ROW.into())],
        ),
        (
            "support ticket search by number",
            ticket_sample
                .iter()
                .map(|(id, _)| (format!("/support?q=T-{id:06}"), format!("href=\"/support/{id}\"")))
                .collect(),
        ),
        (
            "support ticket search by IIN",
            ticket_sample
                .iter()
                .map(|(_, iin)| (format!("/support?q={iin}"), TICKET_ROW.to_string()))
                .collect(),
        ),
        (
            "support ticket page",
            ticket_sample
                .iter()
                .map(|(id, _)| (format!("/support/{id}"), "class=\"msg msg-customer\"".to_string()))
                .collect(),
        ),
    ];
    println!(
        "\n== {requests} requests per page, {concurrency} concurrent connections (targets: median < 10 ms, p99 < 50 ms)"
    );
    println!("{:<50} {:>9} {:>9} {:>9} {:>7} {:>9}", "page", "median", "p99", "worst", "errors", "cpu/req");
    let only = arg("--only");
    let mut failed = 0;
    for (name, urls) in scenarios {
        if only.as_deref().is_some_and(|w| !name.contains(w)) {
            continue;
        }
        let urls = Arc::new(urls);
        for (round, n) in [(0, concurrency * 10), (1, requests)] {
            let cpu_before = cpu_seconds(server_pid);
            let next = Arc::new(AtomicUsize::new(0));
            let errors = Arc::new(AtomicUsize::new(0));
            let mut tasks = Vec::new();
            for _ in 0..concurrency {
                let who = if name.starts_with("support") { &agent_client } else { &client };
                let (client, base, urls, next, errors) =
                    (who.clone(), base.clone(), urls.clone(), next.clone(), errors.clone());
                tasks.push(tokio::spawn(async move {
                    let mut times = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        let (path, must_hold) = &urls[i % urls.len()];
                        let url = format!("{base}{path}");
                        let t = Instant::now();
                        let ok = match client.get(&url).send().await {
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
            let cpu = (cpu_seconds(server_pid) - cpu_before) * 1000.0 / n as f64;
            let errors = errors.load(Ordering::Relaxed);
            failed += errors;
            let verdict = if errors > 0 {
                "  (errors: answers without what the page should show)"
            } else if median < 10.0 && p99 < 50.0 {
                ""
            } else {
                "  (target missed)"
            };
            println!(
                "{name:<50} {median:>6.2} ms {p99:>6.2} ms {worst:>6.1} ms {errors:>7} {cpu:>6.2} ms{verdict}"
            );
        }
    }
    if failed > 0 {
        eprintln!("{failed} request(s) failed: the run does not count");
        drop(_server);
        std::process::exit(1);
    }
}
