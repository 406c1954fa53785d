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

mod common;

use common::{Run, Seeded, arg, create_user, portal_binary, seeded, serve, signed_in};

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let count: i64 = arg("--count").map_or(1_000_000, |c| c.parse().expect("--count N"));
    let requests: usize = arg("--requests").map_or(2_000, |c| c.parse().expect("--requests N"));
    let concurrency: usize = arg("--concurrency").map_or(16, |c| c.parse().expect("--concurrency N"));
    let tickets: i64 = arg("--tickets").map_or(1_000_000, |c| c.parse().expect("--tickets N"));
    let Seeded { url, dir, db, have, have_tickets } = seeded(&target, &bin, count, tickets).await;
    create_user(&bin, &url, &dir, "bench-verifier", "verifier");
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

    let (_server, base) = serve(&bin, &url, &dir).await;
    let server_pid = _server.0.id();
    let client = signed_in(&base, "bench-verifier", concurrency).await;
    let agent_client = signed_in(&base, "bench-agent", concurrency).await;

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
        let who = if name.starts_with("support") { &agent_client } else { &client };
        let run = Run {
            client: who,
            base: &base,
            server_pid,
            requests,
            concurrency,
            median_ms: 10.0,
            p99_ms: 50.0,
        };
        failed += run.measure(name, urls).await;
    }
    if failed > 0 {
        eprintln!("{failed} request(s) failed: the run does not count");
        drop(_server);
        std::process::exit(1);
    }
}
