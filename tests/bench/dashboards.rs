//! Dashboards benchmark: every tab for the last 30 days over HTTP with a million applications
//! and a million tickets, and the one-year CSV exports.
//!
//! ```sh
//! cargo build --release && cargo run --release --example dashboards-bench
//! cargo build --release && cargo run --release --example dashboards-bench -- \
//!     --database-url postgres://root@127.0.0.1:5432/kp_bench
//! ```
//!
//! 1. Uses the review benchmark's database (SQLite in `target/release/review-bench/` unless
//!    `--database-url` names another), seeding it first if it has fewer than `--count`
//!    applications (default 1,000,000) or `--tickets` tickets (default 1,000,000).
//! 2. Starts `target/release/kreditomat-portal serve` on it and signs in as a manager.
//! 3. For each tab, for the last 30 days and for the 30 days up to the last day with decisions
//!    (the seed leaves the newest applications pending), sends `--requests` requests (default
//!    2,000) over `--concurrency` connections (default 16) after a warm-up and prints the median, 99th percentile and worst
//!    latency and the server's CPU time per request, with the targets (median under 20 ms, p99
//!    under 100 ms). Then downloads each tab's daily table for the last 366 days five times and
//!    prints the slowest (target: under 2 s).
//!
//! A request counts only if it answered 200 with the tab's figures and chart (the export: its
//! header row and a row per week). Any other answer is an error, and a run with errors exits
//! with status 1.

use std::time::Instant;

mod common;

use common::{Run, arg, create_user, portal_binary, seeded, serve, signed_in};

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let count: i64 = arg("--count").map_or(1_000_000, |c| c.parse().expect("--count N"));
    let tickets: i64 = arg("--tickets").map_or(1_000_000, |c| c.parse().expect("--tickets N"));
    let requests: usize = arg("--requests").map_or(2_000, |c| c.parse().expect("--requests N"));
    let concurrency: usize = arg("--concurrency").map_or(16, |c| c.parse().expect("--concurrency N"));
    let seeded = seeded(&target, &bin, count, tickets).await;
    create_user(&bin, &seeded.url, &seeded.dir, "bench-manager", "manager");
    let decided: i64 = kreditomat_portal::with_db!(&seeded.db, |c| sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM dash_daily WHERE metric = 'kyc.decided' AND bucket = -1"
    )
    .fetch_one(c)
    .await)
    .expect("decisions");
    println!("rollups: {decided} decisions counted");
    // A busy month too: the 30 days up to the last day with decisions (the seed decides the
    // older applications and leaves the newest pending).
    let last: Option<time::Date> = kreditomat_portal::with_db!(&seeded.db, |c| sqlx::query_scalar(
        "SELECT MAX(day) FROM dash_daily WHERE metric = 'kyc.decided' AND n > 0"
    )
    .fetch_one(c)
    .await)
    .expect("last decision day");
    let busy = last.map(|to| (to - time::Duration::days(29), to));
    seeded.db.close().await;
    let (server, base) = serve(&bin, &seeded.url, &seeded.dir).await;
    let client = signed_in(&base, "bench-manager", concurrency).await;
    println!(
        "\n== {requests} requests per tab, {concurrency} concurrent connections (targets: median < 20 ms, p99 < 100 ms)"
    );
    println!("{:<50} {:>9} {:>9} {:>9} {:>7} {:>9}", "page", "median", "p99", "worst", "errors", "cpu/req");
    let run = Run {
        client: &client,
        base: &base,
        server_pid: server.0.id(),
        requests,
        concurrency,
        median_ms: 20.0,
        p99_ms: 100.0,
    };
    let mut failed = 0;
    for tab in ["kyc", "compliance", "support", "security"] {
        // The figures and the first chart must be there.
        let urls = vec![(format!("/dashboard/{tab}?period=30d"), "<svg class=\"chart\"".to_string())];
        failed += run.measure(&format!("{tab}, last 30 days"), urls).await;
        if let Some((from, to)) = busy {
            let urls = vec![(
                format!("/dashboard/{tab}?period=range&from={from}&to={to}"),
                "<svg class=\"chart\"".to_string(),
            )];
            failed += run.measure(&format!("{tab}, 30 days to {to}"), urls).await;
        }
    }
    println!("\n== one-year exports (target: under 2 s)");
    let today = kreditomat_portal::db::now().to_offset(kreditomat_portal::i18n::ALMATY).date();
    let from = today - time::Duration::days(365);
    for tab in ["kyc", "compliance", "support", "security"] {
        let url = format!("{base}/dashboard/{tab}/daily.csv?period=range&from={from}&to={today}");
        let mut worst = 0.0f64;
        for _ in 0..5 {
            let t = Instant::now();
            let res = client.get(&url).send().await.expect("export");
            let ok = res.status() == 200;
            let body = res.text().await.unwrap_or_default();
            worst = worst.max(t.elapsed().as_secs_f64());
            // A header and a row per week of the year.
            if !ok || body.lines().count() < 53 {
                failed += 1;
            }
        }
        let verdict = if worst < 2.0 { "" } else { "  (target missed)" };
        println!("{:<50} {:>9.0} ms{verdict}", format!("{tab}, daily table, 366 days"), worst * 1000.0);
    }
    if failed > 0 {
        eprintln!("{failed} request(s) failed: the run does not count");
        drop(server);
        std::process::exit(1);
    }
}
