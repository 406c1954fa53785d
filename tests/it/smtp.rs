//! A real SMTP server for the tests: `tests/smtp/sink.py` (aiosmtpd from PyPI), started per test
//! on a port of its own, writing what it accepts to a folder the test reads. Without Python's
//! aiosmtpd the mail-out tests are skipped, unless `TEST_REQUIRE_SMTP=1` (CI sets it).

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// One message as the server received it.
#[derive(Debug)]
pub struct Received {
    /// The envelope's recipients.
    pub to: String,
    /// The message as sent.
    pub raw: Vec<u8>,
}

impl Received {
    /// The header section, unfolded.
    pub fn head(&self) -> String {
        let text = String::from_utf8_lossy(&self.raw);
        let end = text.find("\r\n\r\n").or_else(|| text.find("\n\n")).unwrap_or(text.len());
        text[..end].replace("\r\n ", " ").replace("\r\n\t", " ")
    }

    /// The value of header `name` (the first), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let lower = format!("{}:", name.to_ascii_lowercase());
        self.head()
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&lower))
            .map(|l| l[lower.len()..].trim().to_string())
    }

    /// The message read by the same MIME parser the portal reads mail with.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a MIME message")
    }
}

/// A running SMTP server; stopped when dropped.
pub struct Sink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    /// A server on `port` (any free one when `None`) that answers the first `refuse` messages
    /// with a temporary failure; `None` when aiosmtpd is missing and not required.
    pub async fn start(port: Option<u16>, refuse: u32) -> Option<Sink> {
        let sink = tokio::task::spawn_blocking(move || Self::start_blocking(port, refuse)).await.unwrap();
        // Noted on the test's own thread (the log names the test by its thread).
        if sink.is_some() {
            crate::harness::ran("smtp");
        }
        sink
    }

    fn start_blocking(port: Option<u16>, refuse: u32) -> Option<Sink> {
        let present = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !present {
            if std::env::var("TEST_REQUIRE_SMTP").is_ok_and(|v| v == "1") {
                panic!("TEST_REQUIRE_SMTP=1 but Python's aiosmtpd is not installed");
            }
            eprintln!("aiosmtpd not installed (pip install aiosmtpd): skipping the mail-out test");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args(["--dir", dir.path().to_str().unwrap()])
            .args(["--port", &port.unwrap_or(0).to_string(), "--refuse", &refuse.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("its first line");
        let port = line.trim().rsplit(':').next().and_then(|p| p.parse().ok()).unwrap_or_else(|| {
            let _ = child.kill();
            panic!("the SMTP server did not start: {line:?}")
        });
        Some(Sink { child, port, dir })
    }

    /// The URL the portal sends through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                let first = text.find("\r\n").unwrap();
                let second = first + 2 + text[first + 2..].find("\r\n").unwrap();
                let to = text[first + 2..second].trim_start_matches("X-Sink-To:").trim().to_string();
                Received { to, raw: bytes[second + 2..].to_vec() }
            })
            .collect()
    }

    /// Waits (at most `seconds`) until `n` messages have arrived; all of them.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Received> {
        for _ in 0..seconds * 10 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let got = self.received();
        assert!(got.len() >= n, "{} of {n} messages arrived", got.len());
        got
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}
