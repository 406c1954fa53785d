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
    /// Labelled pairs (CSV).
    #[arg(long, default_value = crate::screening::eval::DEFAULT_FILE)]
    file: PathBuf,
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

pub(super) fn run_eval(a: EvalArgs) -> ExitCode {
    use crate::screening::eval;
    let run = || -> Result<eval::Outcome, BoxError> {
        let threshold = a.threshold.get()?;
        let file =
            std::fs::File::open(&a.file).map_err(|e| format!("cannot open {}: {e}", a.file.display()))?;
        let pairs = eval::read(file)?;
        Ok(eval::evaluate(&pairs, threshold))
    };
    match run() {
        Ok(outcome) => {
            print!("{}", outcome.report());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
