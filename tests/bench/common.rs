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
