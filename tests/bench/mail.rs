//! Mail-in benchmark: how many 50 KB messages one portal process takes per second, parsing,
//! threading and storing each, as the mail gateway delivers them.
//!
//! ```sh
//! cargo build --release && cargo run --release --example mail-bench
//! cargo build --release && cargo run --release --example mail-bench -- \
//!     --database-url postgres://root@127.0.0.1:5432/kp_mail_bench
//! ```
//!
//! 1. Makes a fresh database (SQLite under `target/release/mail-bench/`, or the PostgreSQL one
//!    named, dropped and made again), 1,000 customers with e-mail addresses (`seed`), and a key of
//!    the `mail:write` scope.
//! 2. Starts `target/release/kreditomat-portal serve` on it.
//! 3. Builds `--messages` messages (default 2,000) of about 50 KB each, as mail clients send
//!    them: a text part and its HTML alternative in UTF-8 quoted-printable, the quoted history
//!    of the thread, and a PDF; half open a thread (from a customer's address or a stranger's),
//!    half answer an earlier one (`In-Reply-To`) or name its ticket (`[KP#id]`).
//! 4. Posts them to `POST /api/v1/mail` over `--concurrency` connections (default 8) and prints
//!    messages per second (target: 100), latency, the server's CPU per message; then checks that
//!    every message is stored once and every answer joined its thread.

use std::{
    process::{Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

mod common;

use common::{Server, arg, cpu_seconds, portal_binary};

fn portal(bin: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(args)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::inherit())
        .output()
        .expect("run the portal");
    assert!(out.status.success(), "portal {args:?} failed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Quoted-printable, as mail clients write UTF-8 text.
fn qp(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for b in text.bytes() {
        let piece = match b {
            b'\n' => {
                out.push_str("\r\n");
                line = 0;
                continue;
            }
            b'=' => "=3D".to_string(),
            33..=126 | b' ' => (b as char).to_string(),
            _ => format!("={b:02X}"),
        };
        if line + piece.len() > 73 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

const PARAGRAPH: &str = "Здравствуйте! Пишу по поводу заявки на заём: после смены телефона приложение \
просит код, который приходит на старый номер. Прошу помочь восстановить доступ. ";

/// Message `i`: a new thread, or (`answers`) a reply to message `answers` / to its ticket's tag.
fn message(i: usize, from: &str, answers: Option<(usize, Option<i64>)>, pdf: &str) -> String {
    let text = PARAGRAPH.repeat(10);
    let history: String = (0..14).map(|k| format!("> {PARAGRAPH} ({k})\n")).collect();
    let body =
        format!("{text}\n\n5 дек. 2026 г., в 10:00, Kreditomat <info@kreditomat.kz> написал(а):\n{history}");
    let html = format!(
        "<html><body><p>{}</p><blockquote>{}</blockquote></body></html>",
        text,
        history.replace('\n', "<br>")
    );
    let (reply, subject) = match answers {
        Some((n, None)) => (
            format!("In-Reply-To: <m{n}@bench.example>\r\nReferences: <m{n}@bench.example>\r\n"),
            "Re: доступ".to_string(),
        ),
        Some((_, Some(ticket))) => (String::new(), format!("Re: [KP#{ticket}] доступ")),
        None => (String::new(), format!("Восстановление доступа {i}")),
    };
    format!(
        "From: <{from}>\r\nTo: info@kreditomat.kz\r\nSubject: {subject}\r\nMessage-ID: <m{i}@bench.example>\r\n{reply}\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n\
--mix\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n\
--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n\
--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n--alt--\r\n\
--mix\r\nContent-Type: application/pdf; name=\"spravka.pdf\"\r\nContent-Disposition: attachment; filename=\"spravka.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n--mix--\r\n",
        qp(&body),
        qp(&html),
    )
}

#[tokio::main]
async fn main() {
    let (target, bin) = portal_binary();
    let total: usize = arg("--messages").map_or(2_000, |c| c.parse().expect("--messages N"));
    let concurrency: usize = arg("--concurrency").map_or(8, |c| c.parse().expect("--concurrency N"));
    let data_dir = target.join("mail-bench");
    let url = common::fresh_database(&data_dir).await;
    let dir = data_dir.to_string_lossy().to_string();
    portal(&bin, &["migrate", "--database-url", &url, "--data-dir", &dir]);
    portal(&bin, &["seed", "--count", "1000", "--database-url", &url, "--data-dir", &dir]);
    let key = portal(
        &bin,
        &[
            "create-api-key",
            "--name",
            "bench gateway",
            "--scope",
            "mail:write",
            "--database-url",
            &url,
            "--data-dir",
            &dir,
        ],
    )
    .trim()
    .to_string();
    let db = kreditomat_portal::db::Db::connect(&url).await.expect("connect");
    let emails: Vec<String> = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT DISTINCT email FROM applications WHERE email IS NOT NULL ORDER BY email LIMIT 500"
    )
    .fetch_all(c)
    .await)
    .expect("addresses");

    let port = 20_000 + (std::process::id() % 1000) as u16;
    let server = Server(
        Command::new(&bin)
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &url,
                "--data-dir",
                &dir,
                "--no-migrate",
            ])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the portal"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().expect("client");
    for _ in 0..200 {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A PDF of about 7 KB, as a scanned certificate's text would be.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend(std::iter::repeat_n(b"0 0 0 rg 10 10 100 100 re f\n".as_slice(), 250).flatten());
    pdf.extend_from_slice(b"%%EOF\n");
    let pdf = kreditomat_portal::mail::encode::base64_lines(&pdf);
    // The first half open threads; the second half answer them, by In-Reply-To or by tag.
    let half = total / 2;
    let from = |i: usize| {
        if i % 4 == 3 || emails.is_empty() {
            format!("stranger{i}@mail.example")
        } else {
            emails[i % emails.len()].clone()
        }
    };
    let opening: Vec<String> = (0..half).map(|i| message(i, &from(i), None, &pdf)).collect();
    let sizes: usize = opening.iter().map(String::len).sum();
    println!(
        "== {} ({} messages, {:.1} KB each on average)",
        db.backend_name(),
        total,
        sizes as f64 / half as f64 / 1024.0
    );

    let send = |batch: Vec<String>| {
        let client = client.clone();
        let url = format!("{base}/api/v1/mail");
        let key = key.clone();
        async move {
            let batch = Arc::new(batch);
            let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let mut tasks = Vec::new();
            for _ in 0..concurrency {
                let (client, url, key, batch, next) =
                    (client.clone(), url.clone(), key.clone(), batch.clone(), next.clone());
                tasks.push(tokio::spawn(async move {
                    let mut times = Vec::new();
                    let mut tickets = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(m) = batch.get(i) else { break };
                        let t = Instant::now();
                        let res =
                            client.post(&url).bearer_auth(&key).body(m.clone()).send().await.expect("send");
                        let status = res.status().as_u16();
                        let v: serde_json::Value = res.json().await.unwrap_or_default();
                        assert_eq!(status, 201, "message {i}: {v}");
                        times.push(t.elapsed());
                        tickets.push((i, v["ticket_id"].as_i64().unwrap_or(0)));
                    }
                    (times, tickets)
                }));
            }
            let mut times = Vec::new();
            let mut tickets = Vec::new();
            for t in tasks {
                let (a, b) = t.await.expect("sender");
                times.extend(a);
                tickets.extend(b);
            }
            tickets.sort();
            (times, tickets)
        }
    };
    let cpu_before = cpu_seconds(server.0.id());
    let started = Instant::now();
    let (mut times, opened) = send(opening).await;
    let answers: Vec<String> = (half..total)
        .map(|i| {
            let n = i - half;
            let by_tag = (i % 3 == 0).then(|| opened[n].1);
            message(i, &from(n), Some((n, by_tag)), &pdf)
        })
        .collect();
    let (more, answered) = send(answers).await;
    let elapsed = started.elapsed();
    let cpu = cpu_seconds(server.0.id()) - cpu_before;
    times.extend(more);
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    let rate = total as f64 / elapsed.as_secs_f64();
    println!(
        "mail in: {rate:.0} messages/s over {concurrency} connections (target 100); latency median {:.1} ms, p99 {:.1} ms; server CPU {:.2} ms a message{}",
        pct(0.5),
        pct(0.99),
        cpu * 1000.0 / total as f64,
        if rate < 100.0 { "  (target missed)" } else { "" }
    );
    // Every message stored once; every answer on its thread's ticket.
    let stored: i64 = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_mail WHERE direction = 'in'"
    )
    .fetch_one(c)
    .await)
    .expect("count");
    let joined = opened.iter().zip(&answered).filter(|((_, a), (_, b))| a == b).count();
    println!("stored {stored} of {total}; {joined} of {} answers joined their thread", answered.len());
    assert_eq!(stored as usize, total);
    assert_eq!(joined, answered.len());
}
