//! The screening lists' commands: `import-list`, `rescreen`, `screening-eval`.

use std::{path::PathBuf, process::ExitCode};

use clap::Args;

use super::{BoxError, DbArgs, ThresholdArgs, connect};
use crate::{
    audit::Actor,
    i18n::{self, Lang},
};

#[derive(Args, Debug)]
pub(super) struct ImportListArgs {
    /// The list file.
    file: PathBuf,
    /// Name of the list; importing under an existing name makes a new version of it.
    #[arg(long)]
    list: String,
    /// Import only; leave re-screening to a later `rescreen`.
    #[arg(long)]
    no_rescreen: bool,
    /// Language of the report.
    #[arg(long, default_value = "ru")]
    language: String,
    #[command(flatten)]
    threshold: ThresholdArgs,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Args, Debug)]
pub(super) struct RescreenArgs {
    #[command(flatten)]
    threshold: ThresholdArgs,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Args, Debug)]
pub(super) struct EvalArgs {
    /// Labelled pairs (CSV); repeat for several files [default: the generated and the
    /// hand-written sets in tests/data/].
    #[arg(long)]
    file: Vec<PathBuf>,
    /// The database the pairs are imported into as a list and screened through, as production
    /// does: sqlite://PATH or postgres://... of an empty database [default: a temporary SQLite
    /// database, removed afterwards].
    #[arg(long)]
    database_url: Option<String>,
    /// Exit with failure unless recall, precision and every category's recall reach the
    /// targets (0.98, 0.95, 0.90).
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    threshold: ThresholdArgs,
}

pub(super) async fn run_import_list(a: ImportListArgs) -> Result<(), BoxError> {
    use crate::screening::{lists, screen, upload::file_error_text};
    let lang = Lang::parse(&a.language).ok_or("--language must be ru or kk")?;
    let threshold = a.threshold.get()?;
    let file = std::fs::File::open(&a.file).map_err(|e| format!("cannot open {}: {e}", a.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let db = connect(&a.db.url(), true).await?;
    let name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let started = std::time::Instant::now();
    let result = lists::import(
        &db,
        &Actor::System("cli"),
        &a.list,
        &name,
        std::io::BufReader::new(file),
        false,
        |rows| {
            eprint!(
                "\r{} {:>10} ({:.0} s)",
                i18n::t(lang, "cli-import-progress"),
                i18n::format_int(rows as i64),
                started.elapsed().as_secs_f64()
            );
        },
    )
    .await;
    eprintln!();
    let report = match result {
        Ok(r) => r,
        Err(lists::ImportError::File(e)) => {
            return Err(format!("{} {}", file_error_text(lang, &e), i18n::t(lang, "lists-refused")).into());
        }
        Err(lists::ImportError::NoEntries) => return Err(i18n::t(lang, "lists-no-entries").into()),
        Err(lists::ImportError::BadName) => return Err(i18n::t(lang, "lists-name-required").into()),
        Err(lists::ImportError::Db(e)) => return Err(e.into()),
    };
    let _ = size;
    for line in crate::screening::upload::report_lines(lang, &report) {
        println!("{line}");
    }
    if !a.no_rescreen {
        let hits = screen::rescreen_version(&db, report.version_id, threshold, |done, total| {
            eprint!(
                "\r{} {}/{}",
                i18n::t(lang, "cli-rescreen-progress"),
                i18n::format_int(done),
                i18n::format_int(total)
            );
        })
        .await?;
        eprintln!();
        println!("{}", i18n::t_with(lang, "cli-rescreen-done", &[("hits", hits.to_string())]));
    }
    Ok(())
}

pub(super) async fn run_rescreen(a: RescreenArgs) -> Result<(), BoxError> {
    let threshold = a.threshold.get()?;
    let db = connect(&a.db.url(), true).await?;
    let started = std::time::Instant::now();
    let hits = crate::screening::screen::rescreen_all(&db, threshold, |done, total| {
        eprint!("\r{done}/{total} ({:.0} s)", started.elapsed().as_secs_f64());
    })
    .await?;
    eprintln!();
    println!("new hits: {hits} ({:.1} s)", started.elapsed().as_secs_f64());
    Ok(())
}

pub(super) async fn run_eval(a: EvalArgs) -> ExitCode {
    use crate::screening::eval;
    let run = async || -> Result<eval::Outcome, BoxError> {
        let threshold = a.threshold.get()?;
        let files: Vec<PathBuf> = if a.file.is_empty() {
            eval::DEFAULT_FILES.iter().map(PathBuf::from).collect()
        } else {
            a.file.clone()
        };
        let mut pairs = Vec::new();
        for path in &files {
            let file =
                std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            pairs.extend(eval::read(file).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let temp = std::env::temp_dir().join(format!("screening-eval-{}-{nanos}", std::process::id()));
        let url = match &a.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", temp.join("screening-eval.db").display()),
        };
        let run = async || -> Result<eval::Outcome, BoxError> {
            let db = connect(&url, true).await?;
            let outcome = eval::evaluate(&db, &pairs, threshold).await;
            db.close().await;
            Ok(outcome?)
        };
        let outcome = run().await;
        // The temporary database goes whatever happened.
        let _ = std::fs::remove_dir_all(&temp);
        outcome
    };
    match run().await {
        Ok(outcome) => {
            print!("{}", outcome.report());
            let weak = outcome.weak_categories(0.90);
            if a.check && (outcome.recall() < 0.98 || outcome.precision() < 0.95 || !weak.is_empty()) {
                eprintln!("below the targets (categories under 0.90 recall: {})", weak.join(", "));
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
