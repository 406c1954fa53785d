//! Screening benchmark: one name against a million list entries, and a full re-screen of a
//! million applications against a 100,000-entry list.
//!
//! ```sh
//! cargo build --release && cargo run --release --example screening-bench
//! ```
//!
//! 1. Writes a synthetic OpenSanctions-layout list of `--entries` people (default 1,000,000) to
//!    `target/release/screening-bench/list-N.csv` and imports it with
//!    `kreditomat-portal import-list` into `target/release/screening-bench/portal.db` (reused when
//!    it holds the list already), printing how long the import took.
//! 2. Screens `--queries` names (default 2,000; half of them on the list, written in other
//!    spellings) one by one through the index, as intake does, and prints the median, 99th
//!    percentile and worst time (target: under 20 ms).
//! 3. Imports the first 100,000 entries as a list into the review benchmark's database
//!    (`target/release/review-bench/portal.db`, seeded with a million applications by
//!    `kreditomat-portal seed` if missing) and times `kreditomat-portal rescreen` over all its
//!    applications (target: under 10 minutes).

use std::{
    io::{BufWriter, Write},
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use kreditomat_portal::{
    db::Db,
    screening::{score::Person, screen},
};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const HEADS: &[&str] = &[
    "Ab", "Ak", "Al", "Am", "As", "Ba", "Be", "Bo", "Da", "Do", "Er", "Es", "Ga", "Iv", "Ka", "Ko", "Ku",
    "Ma", "Mu", "Na", "Nu", "Om", "Or", "Pa", "Ra", "Sa", "Se", "Sm", "Ta", "To", "Tu", "Us", "Va", "Za",
    "Zh",
];
const MIDDLES: &[&str] =
    &["ba", "de", "ge", "ki", "la", "mi", "no", "pa", "ra", "sa", "ta", "va", "zy", "khan", "bek", "nur"];
const ENDINGS: &[&str] = &["ov", "ev", "in", "enko", "uly", "bayev", "ski", "yan"];
const GIVEN_ENDS: &[&str] = &["lan", "zhan", "bek", "mir", "gul", "ar", "at", "dar", "sultan", "ina"];

fn surname(r: &mut Rng) -> String {
    format!("{}{}{}", r.pick(HEADS), r.pick(MIDDLES), r.pick(ENDINGS))
}

fn given(r: &mut Rng) -> String {
    format!("{}{}", r.pick(HEADS), r.pick(GIVEN_ENDS))
}

/// Writes `n` synthetic people in the OpenSanctions layout.
fn write_list(path: &Path, n: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create list"));
    writeln!(out, "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change").unwrap();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        let (s, g) = (surname(&mut r), given(&mut r));
        let year = 1940 + r.next() % 60;
        let alias = if i % 3 == 0 { format!("{s} {g}") } else { String::new() };
        writeln!(
            out,
            "B{i},Person,{g} {s},{alias},{year}-0{}-1{},kz,,,,,,bench,,,",
            1 + r.next() % 9,
            r.next() % 10
        )
        .unwrap();
    }
}

/// The name in Cyrillic letters, as a Kazakh or Russian document writes it.
fn cyrillic(latin: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("zh", "ж"),
        ("kh", "х"),
        ("sh", "ш"),
        ("ch", "ч"),
        ("ya", "я"),
        ("yu", "ю"),
        ("a", "а"),
        ("b", "б"),
        ("d", "д"),
        ("e", "е"),
        ("g", "г"),
        ("i", "и"),
        ("k", "к"),
        ("l", "л"),
        ("m", "м"),
        ("n", "н"),
        ("o", "о"),
        ("p", "п"),
        ("r", "р"),
        ("s", "с"),
        ("t", "т"),
        ("u", "у"),
        ("v", "в"),
        ("y", "ы"),
        ("z", "з"),
    ];
    let lower = latin.to_lowercase();
    let mut out = String::new();
    let mut rest = lower.as_str();
    'next: while !rest.is_empty() {
        for (from, to) in PAIRS {
            if let Some(r) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = r;
                continue 'next;
            }
        }
        let mut chars = rest.chars();
        out.extend(chars.next());
        rest = chars.as_str();
    }
    let mut chars = out.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Another Latin spelling of the same name, as other lists and passports write it.
fn respelled(latin: &str) -> String {
    latin.replace("kh", "h").replace("zh", "j").replace('y', "i").replace("ov", "off").replace("ev", "eff")
}

/// The list's name `(surname, given)` written as another source would, by `way`: in Cyrillic,
/// in capitals with the given name first, in another Latin spelling.
fn other_spelling(s: &str, g: &str, way: usize) -> (String, String) {
    match way % 3 {
        0 => (cyrillic(s), cyrillic(g)),
        1 => (g.to_uppercase(), s.to_uppercase()),
        _ => (respelled(s), respelled(g)),
    }
}

fn portal(bin: &Path, args: &[&str], database_url: &str) -> (bool, String) {
    let out = Command::new(bin)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("run the portal");
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

fn release_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.parent().and_then(Path::parent).expect("target/release").to_path_buf()
}

#[tokio::main]
async fn main() {
    let entries: usize = arg("--entries").and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let queries: usize = arg("--queries").and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let release = release_dir();
    let bin = release.join("kreditomat-portal");
    assert!(bin.exists(), "build the portal first: cargo build --release");
    let dir = release.join("screening-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join(format!("list-{entries}.csv"));
    if !list.exists() {
        let t = Instant::now();
        write_list(&list, entries);
        eprintln!("wrote {} entries in {:.1} s", entries, t.elapsed().as_secs_f64());
    }

    // 1. A million entries in the index.
    let url = format!("sqlite://{}", dir.join("portal.db").display());
    let db = Db::connect(&url).await.expect("open the bench database");
    db.migrate().await.expect("migrate");
    let have: i64 = kreditomat_portal::with_db!(&db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM list_entries WHERE removed_in IS NULL"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    if have < entries as i64 {
        let t = Instant::now();
        let (ok, out) =
            portal(&bin, &["import-list", list.to_str().unwrap(), "--list", "bench", "--no-rescreen"], &url);
        assert!(ok, "{out}");
        println!("imported {entries} entries in {:.1} s", t.elapsed().as_secs_f64());
    }

    // 2. One name at a time through the index, as intake does.
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut names = Vec::new();
    for _ in 0..entries.min(queries * 4) {
        let (s, g) = (surname(&mut r), given(&mut r));
        r.next();
        r.next();
        r.next();
        names.push((s, g));
    }
    let mut other = Rng(42);
    let mut times = Vec::with_capacity(queries);
    let mut hits = 0;
    let mut found_on_list = [0usize; 3];
    let mut asked_on_list = [0usize; 3];
    for i in 0..queries {
        // Half on the list, written another way (Cyrillic; capitals, given name first; another
        // Latin spelling), half made up.
        let on_list = i % 2 == 0;
        let (s, g) = if on_list {
            let (s, g) = &names[(i * 2) % names.len()];
            other_spelling(s, g, i / 2)
        } else {
            (surname(&mut other), given(&mut other))
        };
        let person = Person::new(&s, &g, "", None, "kz");
        let t = Instant::now();
        let candidates = screen::candidates(&db, &person).await.expect("screen");
        let found = screen::matches(&person, &candidates, 0.88);
        times.push(t.elapsed());
        hits += usize::from(!found.is_empty());
        if on_list {
            asked_on_list[(i / 2) % 3] += 1;
            found_on_list[(i / 2) % 3] += usize::from(!found.is_empty());
        }
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("\n== screening one name against {entries} list entries ({queries} names, {hits} with a hit)");
    println!(
        "median {:.2} ms, p99 {:.2} ms, worst {:.2} ms (target: under 20 ms)",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100]),
        ms(times[times.len() - 1])
    );
    for (way, name) in
        ["in Cyrillic", "in capitals, given name first", "in another Latin spelling"].iter().enumerate()
    {
        println!("on the list, written {name}: {} of {} found", found_on_list[way], asked_on_list[way]);
    }
    db.close().await;

    // 3. A full re-screen of the review benchmark's million applications against 100,000 entries.
    let apps_db = release.join("review-bench").join("portal.db");
    let apps_url = arg("--apps-database-url").unwrap_or_else(|| format!("sqlite://{}", apps_db.display()));
    if apps_url.starts_with("sqlite://") && !apps_db.exists() {
        std::fs::create_dir_all(apps_db.parent().unwrap()).unwrap();
        let (ok, out) = portal(&bin, &["seed", "--count", "1000000"], &apps_url);
        assert!(ok, "{out}");
    }
    let small = dir.join("list-100000.csv");
    if !small.exists() {
        write_list(&small, 100_000);
    }
    let (ok, out) = portal(
        &bin,
        &["import-list", small.to_str().unwrap(), "--list", "bench-100k", "--no-rescreen"],
        &apps_url,
    );
    assert!(ok, "{out}");
    let t = Instant::now();
    let (ok, out) = portal(&bin, &["rescreen"], &apps_url);
    assert!(ok, "{out}");
    println!("\n== full re-screen against every current list entry (100,000 in list bench-100k)");
    for line in out.lines().filter(|l| l.starts_with("new hits")) {
        println!("{line}");
    }
    println!("took {:.1} s (target: under 600 s)", t.elapsed().as_secs_f64());
}
