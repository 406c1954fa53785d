//! Mail-out benchmark: 1,000 queued messages drained by two portal processes through a real SMTP
//! server, with none sent twice and none lost.
//!
//! ```sh
//! pip install aiosmtpd   # the SMTP server (tests/smtp/sink.py)
//! cargo build --release && cargo run --release --example mail-out-bench
//! cargo build --release && cargo run --release --example mail-out-bench -- \
//!     --database-url postgres://root@127.0.0.1:5432/kp_mail_out_bench
//! ```
//!
//! 1. Makes a fresh database (SQLite under `target/release/mail-out-bench/`, or the PostgreSQL
//!    one named, dropped and made again) and takes `--messages` mails (default 1,000), each from
//!    its own address, in this process as the mail gateway would deliver them: each opens a
//!    ticket and queues its acknowledgement (an outbox row and a `mail.send` job). Nothing is
//!    sent yet: no portal runs.
//! 2. Starts `tests/smtp/sink.py` and two `kreditomat-portal serve` processes on the database,
//!    each with two job workers, sending through the sink.
//! 3. Waits until every message is sent; prints messages per second, each process's CPU, and
//!    what the SMTP server received: every Message-ID of the outbox once (none twice, none lost).

use std::{
    collections::HashMap,
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

mod common;

use common::{Server, arg, cpu_seconds, portal_binary};
use kreditomat_portal::{
    audit::Actor,
    config::Config,
    db::Db,
    mail::inbound::{self, Via},
    photos::storage::Photos,
    with_db,
};

fn mail(i: usize) -> Vec<u8> {
    format!(
        "From: Klient {i} <client{i}@bench.example>\r\nTo: info@kreditomat.kz\r\n\
Subject: =?utf-8?B?{}?=\r\nMessage-ID: <in{i}@bench.example>\r\n\
Authentication-Results: mx.bench; dmarc=pass header.from=bench.example\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nЗдравствуйте! Прошу прислать справку о задолженности ({i}).\r\n",
        kreditomat_portal::mail::encode::base64_lines("Справка о задолженности".as_bytes()).trim()
    )
    .into_bytes()
}

async fn count(db: &Db, sql: &str) -> i64 {
    with_db!(db, |c| sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).expect(sql)
}

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let total: usize = arg("--messages").map_or(1_000, |c| c.parse().expect("--messages N"));
    let data_dir = target.join("mail-out-bench");
    let url = common::fresh_database(&data_dir).await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");

    // The mail comes in, each queueing its acknowledgement.
    let config = Config::local(data_dir.clone());
    let photos = Photos::from_config(&config).expect("photo store");
    // The mail server verified each sender: each is acknowledged.
    let via =
        Via { actor: Actor::System("bench"), api_client_id: None, auth_server: Some("mx.bench".into()) };
    for i in 0..total {
        inbound::take(&db, &photos, &via, mail(i), "127.0.0.1").await.expect("take a message");
    }
    let queued = count(&db, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'queued'").await;
    println!("== {} ({queued} mails queued)", db.backend_name());
    assert_eq!(queued as usize, total);

    // The SMTP server.
    let sent_dir = data_dir.join("sent");
    let mut sink = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/sink.py"))
        .args(["--dir", sent_dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start tests/smtp/sink.py (pip install aiosmtpd)");
    let mut line = String::new();
    BufReader::new(sink.stdout.take().unwrap()).read_line(&mut line).expect("the sink's address");
    let smtp = format!("smtp://{}", line.trim().trim_start_matches("listening "));
    let sink = Server(sink);

    // Two portal processes drain the queue.
    let dir = data_dir.to_string_lossy().to_string();
    let started = Instant::now();
    let servers: Vec<Server> = (0..2)
        .map(|n| {
            let port = 21_000 + (std::process::id() % 1000) as u16 * 2 + n;
            Server(
                Command::new(&bin)
                    .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", &url])
                    .args(["--data-dir", &dir, "--no-migrate", "--job-workers", "2", "--smtp-url", &smtp])
                    .env("RUST_LOG", "warn")
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("start the portal"),
            )
        })
        .collect();
    let sent_sql = "SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'";
    let mut sent = 0;
    for _ in 0..3_000 {
        sent = count(&db, sent_sql).await;
        if sent as usize >= total {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu: Vec<f64> = servers.iter().map(|s| cpu_seconds(s.0.id())).collect();
    println!(
        "mail out: {sent} of {total} sent in {elapsed:.1} s by two processes ({:.0} messages/s, start-up included); \
         process CPU {:.2} s and {:.2} s",
        sent as f64 / elapsed,
        cpu[0],
        cpu[1]
    );
    drop(servers);

    // What the SMTP server received: each outbox Message-ID once.
    std::thread::sleep(Duration::from_millis(300));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for entry in std::fs::read_dir(&sent_dir).expect("sent mail") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a message");
        let id = text
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID:").or_else(|| l.strip_prefix("Message-Id:")))
            .map(|v| v.trim().trim_matches(['<', '>']).to_string())
            .expect("a Message-ID");
        *seen.entry(id).or_default() += 1;
    }
    drop(sink);
    let ids: Vec<String> =
        with_db!(&db, |c| sqlx::query_scalar("SELECT message_id FROM mail_outbox").fetch_all(c).await)
            .expect("outbox");
    let twice = seen.values().filter(|n| **n > 1).count();
    let lost = ids.iter().filter(|id| !seen.contains_key(*id)).count();
    let strangers = seen.keys().filter(|id| !ids.contains(id)).count();
    println!(
        "the SMTP server received {} messages: {} distinct, {twice} sent twice, {lost} lost, {strangers} not in the outbox",
        seen.values().sum::<usize>(),
        seen.len()
    );
    assert_eq!(sent as usize, total, "every message sent");
    assert_eq!((twice, lost, strangers), (0, 0, 0));
}
