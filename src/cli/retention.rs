//! `retention [--dry-run]`: lists the archived customers past their retention date and, without
//! `--dry-run`, erases their personal data ([`crate::customers::retention`]).

use std::process::ExitCode;

use clap::Args;

use super::{DbArgs, PhotoArgs, connect};
use crate::{audit::Actor, config::Config, customers::retention, db, i18n::ALMATY};

#[derive(Args, Debug)]
pub(super) struct RetentionArgs {
    /// List who is due, erase nothing.
    #[arg(long)]
    dry_run: bool,
    /// Years an archived customer's data is kept after their last activity.
    #[arg(long, env = "PORTAL_RETENTION_YEARS", default_value_t = retention::DEFAULT_YEARS,
          value_parser = clap::value_parser!(i32).range(1..=100))]
    years: i32,
    #[command(flatten)]
    photos: PhotoArgs,
    #[command(flatten)]
    db: DbArgs,
}

pub(super) async fn run_retention(a: RetentionArgs) -> ExitCode {
    match run(a).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(a: RetentionArgs) -> Result<(), super::BoxError> {
    let db = connect(&a.db.url(), true).await?;
    let mut config = Config::local(a.db.data_dir.clone());
    a.photos.apply(&mut config);
    let photos = crate::photos::storage::Photos::from_config(&config)?;
    let today = db::now().to_offset(ALMATY).date();
    let due = retention::due(&db, a.years, today).await?;
    println!(
        "{} archived customer(s) past their retention date ({} years after the last activity):",
        due.len(),
        a.years
    );
    for d in &due {
        println!(
            "  customer {:>8}  last activity {}  kept until {}  applications {}",
            d.customer,
            d.last_activity_at.to_offset(ALMATY).date(),
            d.retained_until,
            d.applications
        );
    }
    if a.dry_run {
        println!("dry run: nothing erased");
        return Ok(());
    }
    let actor = Actor::System("retention");
    let mut total = retention::Erased::default();
    let mut customers = 0;
    for d in &due {
        // Read again under a lock: one that applied again meanwhile is skipped.
        let Some(e) = retention::erase(&db, photos.storage.as_ref(), &actor, d, a.years, today).await? else {
            continue;
        };
        customers += 1;
        total.applications += e.applications;
        total.photos += e.photos;
        total.files += e.files;
    }
    println!(
        "erased {customers} customer(s): {} application(s), {} photo(s), {} file(s) removed from the store",
        total.applications, total.photos, total.files
    );
    Ok(())
}
