//! Intake benchmark: display copies of 12-megapixel phone photos, and the intake API under load.
//!
//! ```sh
//! cargo build --release && cargo run --release --example intake-bench
//! ```
//!
//! 1. Makes the display copies of a 4032x3024 JPEG with EXIF orientation 6 and GPS tags, 20
//!    times, and prints the median and worst time and the peak memory of doing it.
//! 2. Starts `target/release/kreditomat-portal serve` on a temporary SQLite database and times
//!    one application with three such photos, five times.
//! 3. Sends twenty such applications at once and prints the server's peak memory (VmHWM) and
//!    how many succeeded.
//! 4. Sends fifty decompression bombs and fifty bodies of the largest size at once to a portal
//!    with `--decode-memory-mb 256 --intake-bodies 4`, and prints the answers, the server's peak
//!    memory against that ceiling, and how `/healthz` answered meanwhile.
//! 5. Times 300 decision-shaped commits on SQLite with `synchronous=NORMAL` and with `FULL`
//!    (the portal's setting): what flushing every commit to disk costs.

use std::{
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use kreditomat_portal::photos::{self, PhotoLimits, fixtures};
use reqwest::multipart::{Form, Part};

fn peak_rss_mb(pid: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak-RSS counter of a process (Linux `clear_refs` 5).
fn reset_peak(pid: &str) {
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Server(Child);

/// A portal started for a benchmark: its process, data, address and an API key.
struct Portal {
    server: Server,
    pid: String,
    base: String,
    key: String,
    _dir: tempfile::TempDir,
}

/// Starts `kreditomat-portal serve` on a new SQLite database with `extra` arguments, on a port
/// from `port_base`, with an API key made first; returns once it is ready. `quiet` silences
/// its log (a run that is refused on purpose logs every refusal).
async fn start(bin: &std::path::Path, port_base: u16, extra: &[&str], quiet: bool) -> Portal {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let key_out = Command::new(bin)
        .args(["create-api-key", "--name", "bench", "--database-url", &url])
        .env("PORTAL_DATA_DIR", dir.path())
        .stderr(Stdio::null())
        .output()
        .expect("create-api-key");
    let key = String::from_utf8_lossy(&key_out.stdout).trim().to_string();
    let port = port_base + (std::process::id() % 1000) as u16;
    let mut command = Command::new(bin);
    command
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", &url])
        .args(extra)
        .env("PORTAL_DATA_DIR", dir.path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null());
    if quiet {
        command.stderr(Stdio::null());
    }
    let server = Server(command.spawn().expect("start the portal"));
    let pid = server.0.id().to_string();
    let base = format!("http://127.0.0.1:{port}");
    let probe = reqwest::Client::new();
    for _ in 0..100 {
        if probe.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Portal { server, pid, base, key, _dir: dir }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() {
    println!("== display copy of a 12 MP phone JPEG (4032x3024, EXIF orientation 6, GPS)");
    let photo = fixtures::phone_jpeg(4032, 3024, 6, 1);
    println!("input: {:.1} MB", photo.len() as f64 / 1e6);
    let limits = PhotoLimits::default();
    photos::process(&photo, &limits).expect("warm-up");
    reset_peak("self");
    let before = peak_rss_mb("self");
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..20 {
        let t = Instant::now();
        out = Some(photos::process(&photo, &limits).expect("process"));
        times.push(t.elapsed());
    }
    times.sort();
    let p = out.expect("ran");
    println!(
        "result: {}x{} upright, review {} KB, thumbnail {} KB, EXIF in copies: {}",
        p.width,
        p.height,
        p.review.len() / 1024,
        p.thumb.len() / 1024,
        p.review.windows(4).any(|w| w == b"Exif")
    );
    println!(
        "time per photo: median {:.1} ms, worst {:.1} ms (20 runs); peak memory {:.0} MB (process, {:.0} MB before)",
        ms(times[times.len() / 2]),
        ms(*times.last().expect("ran")),
        peak_rss_mb("self"),
        before
    );

    let exe = std::env::current_exe().expect("exe");
    let bin = exe.parent().and_then(|p| p.parent()).map(|p| p.join("kreditomat-portal")).expect("target dir");
    if !bin.exists() {
        eprintln!("{} is missing: run `cargo build --release` first", bin.display());
        std::process::exit(2);
    }
    // Twenty applications are read at once here (the default reads eight and answers 503 to the
    // rest): the section measures the memory of twenty.
    let portal = start(&bin, 18_000, &["--intake-bodies", "20"], false).await;
    let (server, pid, base, key) = (portal.server, portal.pid, portal.base, portal.key);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(300)).build().expect("client");

    let spec: serde_json::Value = serde_json::from_str(kreditomat_portal::api::OPENAPI).expect("spec");
    let doc = spec["components"]["schemas"]["Application"]["examples"][0].clone();
    // Every application sends photos of its own: identical files would be stored once and
    // measure less than real traffic does.
    let sends = 25;
    eprintln!("drawing {} distinct 12 MP photos...", sends * 3);
    let photos: Arc<Vec<Vec<u8>>> = Arc::new(
        tokio::task::spawn_blocking(move || {
            (0..sends * 3).map(|s| fixtures::phone_jpeg(4032, 3024, 6, 2 + s as u64)).collect()
        })
        .await
        .expect("photos"),
    );
    let set_of = std::sync::atomic::AtomicUsize::new(0);
    let send = |i: usize| {
        let set = set_of.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert!(set < sends, "each send has photos of its own");
        let photos: Vec<Vec<u8>> = photos[set * 3..set * 3 + 3].to_vec();
        // Each application has an id of its own: the same id again would be refused with 409.
        let mut doc = doc.clone();
        doc["external_id"] = format!("bench-{i}").into();
        let (client, base, key, doc) = (client.clone(), base.clone(), key.clone(), doc.to_string());
        async move {
            let part =
                |b: &Vec<u8>| Part::bytes(b.clone()).file_name("p.jpg").mime_str("image/jpeg").expect("mime");
            let form = Form::new()
                .part("application", Part::text(doc))
                .part("selfie", part(&photos[0]))
                .part("id_front", part(&photos[1]))
                .part("id_back", part(&photos[2]));
            let t = Instant::now();
            let res = client
                .post(format!("{base}/api/v1/applications"))
                .bearer_auth(key)
                .header("idempotency-key", format!("bench-{i}"))
                .multipart(form)
                .send()
                .await;
            let ok = res.as_ref().is_ok_and(|r| r.status() == 201);
            if let Ok(r) = res
                && !ok
            {
                eprintln!("upload {i}: {} {}", r.status(), r.text().await.unwrap_or_default());
            }
            (ok, t.elapsed())
        }
    };

    println!(
        "\n== one application with three 12 MP photos ({:.1} MB), acknowledged",
        photos[..3].iter().map(Vec::len).sum::<usize>() as f64 / 1e6
    );
    let mut times = Vec::new();
    for i in 0..5 {
        let (ok, t) = send(i).await;
        assert!(ok, "upload failed");
        times.push(t);
    }
    times.sort();
    println!("time: median {:.0} ms, worst {:.0} ms (5 runs)", ms(times[2]), ms(times[4]));

    println!("\n== twenty concurrent applications, three 12 MP photos each");
    reset_peak(&pid);
    let t = Instant::now();
    let results = futures_join(20, send).await;
    let ok = results.iter().filter(|(ok, _)| *ok).count();
    let worst = results.iter().map(|(_, t)| *t).max().unwrap_or_default();
    println!(
        "succeeded: {ok}/20 in {:.1} s (slowest acknowledged after {:.1} s); server peak memory {:.0} MB",
        t.elapsed().as_secs_f64(),
        worst.as_secs_f64(),
        peak_rss_mb(&pid)
    );
    drop(server);
    hostile(&bin).await;
    commits().await;
}

/// Fifty decompression bombs and fifty bodies of the largest size at once, against a portal
/// with 256 MB for decodes and 4 intake bodies read at once: the peak memory stays under that
/// ceiling (plus what the process holds at rest) and `/healthz` keeps answering.
async fn hostile(bin: &std::path::Path) {
    const DECODE_MB: u64 = 256;
    const BODIES: u64 = 4;
    let body_mb = PhotoLimits::default().max_bytes as u64 * 3 / (1024 * 1024) + 1;
    println!(
        "\n== fifty decompression bombs and fifty {body_mb} MB bodies at once (--decode-memory-mb {DECODE_MB}, --intake-bodies {BODIES})"
    );
    let portal = start(
        bin,
        19_000,
        &["--decode-memory-mb", &DECODE_MB.to_string(), "--intake-bodies", &BODIES.to_string()],
        true,
    )
    .await;
    let (server, pid, base, key) = (portal.server, portal.pid, portal.base, portal.key);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(600)).build().expect("client");
    let at_rest = peak_rss_mb(&pid);
    eprintln!("drawing the bombs...");
    let (wide, deep) = tokio::task::spawn_blocking(|| {
        let png = |image: image::DynamicImage| {
            let mut out = std::io::Cursor::new(Vec::new());
            image.write_to(&mut out, image::ImageFormat::Png).expect("png");
            bytes::Bytes::from(out.into_inner())
        };
        // 12000 x 4166 at 8 bits (150 MB decoded) and 5000 x 5000 at 16 bits (150 MB, then its
        // 75 MB 8-bit copy).
        let wide = png(image::DynamicImage::ImageRgb8(image::ImageBuffer::new(12_000, 4_166)));
        let deep = png(image::DynamicImage::ImageRgb16(image::ImageBuffer::new(5_000, 5_000)));
        (wide, deep)
    })
    .await
    .expect("bombs");
    println!("bombs: {} KB and {} KB of PNG", wide.len() / 1024, deep.len() / 1024);
    let filler = bytes::Bytes::from(vec![0x42u8; PhotoLimits::default().max_bytes - 1024]);
    let example = serde_json::from_str::<serde_json::Value>(kreditomat_portal::api::OPENAPI).expect("spec")
        ["components"]["schemas"]["Application"]["examples"][0]
        .clone();
    reset_peak(&pid);
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let probe = {
        let (client, base, done) = (client.clone(), base.clone(), done.clone());
        tokio::spawn(async move {
            let (mut worst, mut failed, mut n) = (Duration::ZERO, 0, 0);
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let t = Instant::now();
                let ok = client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status() == 200);
                worst = worst.max(t.elapsed());
                n += 1;
                failed += usize::from(!ok);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            (n, failed, worst)
        })
    };
    let t = Instant::now();
    let mut sent = Vec::new();
    for i in 0..100_usize {
        let mut doc = example.clone();
        doc["external_id"] = format!("hostile-{i}").into();
        let (client, base, key, doc) = (client.clone(), base.clone(), key.clone(), doc.to_string());
        let (wide, deep, filler) = (wide.clone(), deep.clone(), filler.clone());
        sent.push(tokio::spawn(async move {
            let part = |b: bytes::Bytes, name: &str, mime: &str| {
                let len = b.len() as u64;
                Part::stream_with_length(b, len).file_name(name.to_string()).mime_str(mime).expect("mime")
            };
            // A client that is told to come back later does, until it is answered.
            let mut busy = 0;
            loop {
                let form = Form::new().part("application", Part::text(doc.clone()));
                let form = if i % 2 == 0 {
                    let bomb = if i % 4 == 0 { wide.clone() } else { deep.clone() };
                    form.part("selfie", part(bomb, "s.png", "image/png"))
                        .part("id_front", part(filler.clone(), "f.jpg", "image/jpeg"))
                } else {
                    form.part("selfie", part(filler.clone(), "s.jpg", "image/jpeg"))
                        .part("id_front", part(filler.clone(), "f.jpg", "image/jpeg"))
                        .part("id_back", part(filler.clone(), "b.jpg", "image/jpeg"))
                };
                let res = client
                    .post(format!("{base}/api/v1/applications"))
                    .bearer_auth(&key)
                    .multipart(form)
                    .send()
                    .await;
                // 503, or the connection closed while the body was still going out (the server
                // answered 503 without reading it): come back later.
                let status = res.map(|r| r.status().as_u16()).unwrap_or(0);
                if (status != 503 && status != 0) || busy >= 600 {
                    return (status, busy);
                }
                busy += 1;
                tokio::time::sleep(Duration::from_millis(200 + (i as u64 * 37) % 300)).await;
            }
        }));
    }
    let (mut statuses, mut told_to_wait) = (std::collections::BTreeMap::new(), 0);
    for s in sent {
        let (status, busy) = s.await.unwrap_or((0, 0));
        *statuses.entry(status).or_insert(0) += 1;
        told_to_wait += busy;
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let (probes, failed, worst) = probe.await.expect("probe");
    let peak = peak_rss_mb(&pid);
    // A body being read can take twice its size for a moment (its buffer grows by doubling).
    let ceiling = (DECODE_MB + BODIES * 2 * body_mb) as f64 + at_rest;
    println!(
        "all answered in {:.1} s: {statuses:?}, after {told_to_wait} answers of 503 (not read, come back later)",
        t.elapsed().as_secs_f64()
    );
    println!(
        "server peak memory {peak:.0} MB; ceiling {ceiling:.0} MB ({DECODE_MB} MB decodes + {BODIES} bodies x 2 x {body_mb} MB + {at_rest:.0} MB at rest): {}",
        if peak < ceiling { "under" } else { "OVER" }
    );
    println!("/healthz meanwhile: {probes} probes, {failed} failed, slowest {:.0} ms", ms(worst));
    drop(server);
}

/// What flushing every commit costs: 300 transactions shaped like a decision (one row updated,
/// one audit row added), one after another, on SQLite in WAL mode with `synchronous=NORMAL`
/// and with `FULL` (the portal's setting), in the data directory's file system.
async fn commits() {
    use sqlx::{
        Connection,
        sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
    };
    println!("\n== a decision's commit on SQLite (one update, one audit row), 300 one after another");
    // On the disk the portal would use (not a tmpfs /tmp, where a flush costs nothing).
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let dir = tempfile::tempdir_in(target).expect("temporary directory");
    for (name, level) in [("NORMAL", SqliteSynchronous::Normal), ("FULL", SqliteSynchronous::Full)] {
        let opts = SqliteConnectOptions::new()
            .filename(dir.path().join(format!("commits-{name}.db")))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(level);
        let mut conn = sqlx::SqliteConnection::connect_with(&opts).await.expect("open");
        sqlx::query(
            "CREATE TABLE apps (id INTEGER PRIMARY KEY, status TEXT NOT NULL, version INTEGER NOT NULL)",
        )
        .execute(&mut conn)
        .await
        .expect("table");
        sqlx::query("CREATE TABLE log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, details TEXT NOT NULL)")
            .execute(&mut conn)
            .await
            .expect("table");
        for id in 1..=300 {
            sqlx::query("INSERT INTO apps (id, status, version) VALUES ($1, 'pending', 1)")
                .bind(id)
                .execute(&mut conn)
                .await
                .expect("row");
        }
        let mut times = Vec::new();
        for id in 1..=300_i64 {
            let t = Instant::now();
            let mut tx = conn.begin().await.expect("begin");
            sqlx::query("UPDATE apps SET status = 'approved', version = version + 1 WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .expect("update");
            sqlx::query("INSERT INTO log (at, details) VALUES ($1, $2)")
                .bind(format!("2026-12-03T12:00:{:02}Z", id % 60))
                .bind(format!("{{\"application\":{id},\"decision\":\"approved\"}}"))
                .execute(&mut *tx)
                .await
                .expect("audit");
            tx.commit().await.expect("commit");
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "synchronous={name:<6} median {:.2} ms, p99 {:.2} ms per commit",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 99 / 100])
        );
    }
}

async fn futures_join<F, Fut>(n: usize, f: F) -> Vec<(bool, Duration)>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = (bool, Duration)> + Send + 'static,
{
    let handles: Vec<_> = (0..n).map(|i| tokio::spawn(f(100 + i))).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap_or((false, Duration::ZERO)));
    }
    out
}
