//! `kreditomat-portal`: parse the command line, set up logging, run.

use std::process::ExitCode;

use clap::Parser;
use kreditomat_portal::cli::{Cli, run};

/// Many small allocations cross threads on every page (database rows from the SQLite worker
/// threads, templates); mimalloc keeps them off glibc's arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    run(Cli::parse()).await
}
