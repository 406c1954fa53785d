//! PEP and beneficial-owner verification.
//!
//! - [`fold`]: one word's spellings folded across Kazakh and Russian Cyrillic and the Latin of
//!   many traditions; [`families`]: names no rule brings together (Мұхаммед, Magomed), as data.
//! - [`names`]: names split into words, and the index keys (pairs of name words) that find
//!   candidates without a scan.
//! - [`score`]: an applicant against one list entry, with a readable explanation; [`similar`]:
//!   how alike two name words are.
//! - [`file`]: reading a list file (OpenSanctions or plain CSV, UTF-8 or Windows-1251), streamed.
//! - [`lists`]: importing a file as a new version of a list, all or nothing.
//! - [`screen`]: screening one application at intake, and all of them after a list changes.
//! - [`compliance`]: hits confirmed or dismissed, declarations checked, the four-eyes approval,
//!   and the compliance state that holds a verifier's approval back.
//! - [`eval`]: precision and recall on the labelled pairs in `tests/data/screening-eval.csv`.
//! - [`routes`]: the compliance pages; [`upload`]: the lists page and list uploads.

use std::sync::atomic::{AtomicU64, Ordering};

mod assign;
mod case_actions;
mod case_page;
pub mod case_reads;
pub mod casework;
pub mod classes;
pub mod compliance;
pub mod eval;
pub mod evidence;
pub mod families;
pub mod file;
pub mod fold;
pub mod keys;
pub mod lists;
pub mod names;
pub mod queue;
mod queue_page;
pub mod routes;
pub mod score;
pub mod screen;
pub mod similar;
pub mod structure;
pub mod traditions;
pub mod upload;

/// The hit threshold intake screening uses (bits of an `f64`; 0 means the default).
static THRESHOLD: AtomicU64 = AtomicU64::new(0);

/// Sets the hit threshold for this process (from `Config::screening_threshold`).
pub fn set_threshold(t: f64) {
    THRESHOLD.store(t.to_bits(), Ordering::Relaxed);
}

/// The hit threshold of this process.
pub fn threshold() -> f64 {
    match THRESHOLD.load(Ordering::Relaxed) {
        0 => score::DEFAULT_THRESHOLD,
        bits => f64::from_bits(bits),
    }
}
