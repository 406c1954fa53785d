//! Restoration case page benchmark: a case whose takeover timeline holds 10,000 events from the
//! app's backend, read over HTTP by a security officer.
//!
//! ```sh
//! cargo build --release && cargo run --release --example restoration-bench
//! cargo build --release && cargo run --release --example restoration-bench -- \
//!     --database-url postgres://root@127.0.0.1:5432/kp_restoration_bench
//! ```
//!
//! 1. Makes a fresh database (SQLite under `target/release/restoration-bench/`, or the
//!    PostgreSQL one named, dropped and made again) with the demo accounts and 40 demo
//!    applications, and opens a case for one customer through the portal's own code: the report,
//!    a new selfie and ID front, and `--events` activity events (default 10,000) over the 30 days
//!    before the report: sign-ins and failed ones from three devices, the address changing every
//!    few dozen events, a phone change, cards added.
//! 2. Starts `target/release/kreditomat-portal serve` on it and signs in as the security officer.
//! 3. Asks for the case page `--requests` times (default 300, one at a time, after a warm-up) and
//!    prints the median, 95th percentile and worst latency, the page's size and the server's CPU
//!    per request, against the target (median under 50 ms). A request counts only if it answered
//!    200 with the timeline; a run with errors exits with status 1.

use std::{
    process::{Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

mod common;

use common::{Server, arg, cpu_seconds, portal_binary};
use kreditomat_portal::{
    audit::Actor,
    config::Config,
    db::{self, Db},
    demo,
    photos::{fixtures, storage::Photos},
    restoration::{
        documents::{self, Details, NewDocument, Origin},
        report::{self, Report},
    },
    with_db, with_tx,
};

const PASSWORD: &str = "bench-password-1";

/// Opens the case with `events` events behind it; returns its id.
async fn seed(db: &Db, photos: &Photos, events: usize) -> i64 {
    demo::load(db, PASSWORD).await.expect("demo accounts");
    demo::applications::load(db, photos, 40).await.expect("demo applications");
    let (customer, client): (i64, i64) = with_db!(db, |c| sqlx::query_as(
        "SELECT customer_id, api_client_id FROM applications WHERE customer_id IS NOT NULL ORDER BY id LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .expect("a customer");
    let now = db::now();
    let reported = now - time::Duration::hours(6);
    let r = Report {
        source: "app",
        happened_at: reported,
        description: "Телефон украли, в приложение входил кто-то другой.",
        device: "stolen",
        police_report: Some("КУСП 1"),
        api_client_id: Some(client),
        recorded_by: None,
        ticket_id: None,
    };
    let mut tx = db.begin().await.expect("tx");
    let taken =
        report::take(&mut tx, &Actor::System("bench"), customer, &r, "127.0.0.1").await.expect("report");
    tx.commit().await.expect("commit");
    let mut docs = Vec::new();
    for (kind, bytes) in
        [("selfie", fixtures::selfie_jpeg(3, 10)), ("id_front", fixtures::id_card_jpeg(3, false))]
    {
        let bytes = Arc::new(bytes);
        let mut processed = photos.process(bytes.clone()).await.expect("photo");
        processed.only_for_id_front(kind == "id_front");
        docs.push(NewDocument { kind, processed, bytes });
    }
    let details = Details { device: Some("android-bench-1".into()), ..Details::default() };
    let actor = Actor::System("bench");
    documents::add(
        db,
        photos,
        &actor,
        taken.case_id,
        Origin::App(client),
        &docs,
        &details,
        "127.0.0.1",
        None,
    )
    .await
    .expect("documents");
    // The events, spread over the 30 days before the report.
    let span = 30 * 24 * 3600;
    let mut tx = db.begin().await.expect("tx");
    for i in 0..events {
        let at = reported - time::Duration::seconds(span - (i as i64 * span / events as i64));
        let kind = match i % 97 {
            0 => "sign_in_failed",
            13 if i % 3 == 0 => "card_added",
            50 if i > events * 9 / 10 => "phone_changed",
            _ => "sign_in",
        };
        let device =
            ["android-bench-1", "android-bench-1", "tablet-bench-2", "iphone-bench-3"][(i / 400) % 4];
        let ip = format!("95.56.{}.{}", (i / 40) % 200, (i / 40) % 250 + 1);
        with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO customer_activity (customer_id, at, kind, device, ip, api_client_id, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(customer)
        .bind(at)
        .bind(kind)
        .bind(device)
        .bind(&ip)
        .bind(client)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
        .expect("event");
    }
    tx.commit().await.expect("commit");
    taken.case_id
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let events: usize = arg("--events").map_or(10_000, |c| c.parse().expect("--events N"));
    let requests: usize = arg("--requests").map_or(300, |c| c.parse().expect("--requests N"));
    let data_dir = target.join("restoration-bench");
    let url = common::fresh_database(&data_dir).await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let photos = Photos::from_config(&Config::local(data_dir.clone())).expect("photo store");
    let started = Instant::now();
    let case = seed(&db, &photos, events).await;
    println!(
        "== {}: case {case} with {events} events, seeded in {:.1} s",
        db.backend_name(),
        started.elapsed().as_secs_f64()
    );
    db.close().await;

    let port = 23_000 + (std::process::id() % 1000) as u16;
    let dir = data_dir.to_string_lossy().to_string();
    let server = Server(
        Command::new(&bin)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", &url])
            .args(["--data-dir", &dir, "--no-migrate", "--job-workers", "0"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the portal"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for _ in 0..200 {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let login =
        client.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("body");
    let marker = "name=\"csrf\" value=\"";
    let at = login.find(marker).expect("csrf field") + marker.len();
    let csrf = login[at..].split('"').next().expect("csrf").to_string();
    let res = client
        .post(format!("{base}/login"))
        .form(&[("csrf", csrf.as_str()), ("login", "security"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 303, "sign-in of the security officer");

    let page = format!("{base}/security/cases/{case}");
    let mut size = 0;
    for _ in 0..20 {
        size = client.get(&page).send().await.expect("warm-up").text().await.expect("body").len();
    }
    let cpu_before = cpu_seconds(server.0.id());
    let mut times = Vec::with_capacity(requests);
    let mut errors = 0;
    for _ in 0..requests {
        let t = Instant::now();
        let res = client.get(&page).send().await.expect("request");
        let ok = res.status() == 200;
        let body = res.text().await.unwrap_or_default();
        times.push(t.elapsed());
        if !ok || !body.contains("class=\"takeover\"") {
            errors += 1;
        }
    }
    let cpu = (cpu_seconds(server.0.id()) - cpu_before) * 1000.0 / requests as f64;
    times.sort();
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[times.len() * 95 / 100]);
    let worst = ms(*times.last().expect("a time"));
    let verdict = if errors > 0 {
        "  ERRORS"
    } else if median < 50.0 {
        "  ok (target: median < 50 ms)"
    } else {
        "  SLOW (target: median < 50 ms)"
    };
    println!(
        "case page, {events} events: median {median:.2} ms, p95 {p95:.2} ms, worst {worst:.1} ms, \
         {} KB, {cpu:.2} ms CPU/request, {errors} errors{verdict}",
        size / 1024
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
