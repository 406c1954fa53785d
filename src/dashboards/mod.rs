//! Managers' dashboards (`/dashboard`): KYC, compliance, support and security, each over a
//! period with the one before it, with charts drawn on the server and every table exportable.
//!
//! Numbers come from `dash_daily`, daily rollups the migration's triggers keep in the
//! transaction of every change they count (`rollup`); a tab reads two index ranges of it and a
//! few live counts (the queue now, the backlog), never the big tables. `recount` computes the
//! same rollups from the raw rows: `kreditomat-portal check-dashboards` and the tests compare.

pub mod buckets;
pub mod chart;
mod compliance;
pub mod export;
mod kyc;
pub mod model;
pub mod page;
pub mod period;
pub mod recount;
pub mod rollup;
mod security;
mod spans;
mod support;
mod workbook;

use axum::{Router, routing::get};
use time::OffsetDateTime;

use crate::{db::Db, i18n::Lang, web::AppState};
use model::Tab;
use period::Period;
use rollup::{Contribution, Rollup};

/// The tabs, as their paths name them.
pub const TABS: [&str; 4] = ["kyc", "compliance", "support", "security"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(page::index))
        .route("/dashboard/{tab}", get(page::show))
        .route("/dashboard/{tab}/{file}", get(export::download))
}

/// The period's first instant and the instant after its last day (Almaty midnights, in UTC).
fn instants(period: &Period) -> (OffsetDateTime, OffsetDateTime) {
    let at = |d: time::Date| d.midnight().assume_offset(crate::i18n::ALMATY).to_offset(time::UtcOffset::UTC);
    (at(period.from), at(period.to.next_day().unwrap_or(period.to)))
}

/// Builds tab `tab` for `period` as of `now`: from the rollups, or (for the recount) from the
/// raw rows' contributions. `None` for an unknown tab.
pub async fn build(
    db: &Db,
    restoration_target_days: i64,
    tab: &str,
    lang: Lang,
    period: &Period,
    now: OffsetDateTime,
    recount: Option<&[Contribution]>,
) -> Result<Option<Tab>, sqlx::Error> {
    let (metrics, series) = match tab {
        "kyc" => (kyc::METRICS, kyc::SERIES),
        "compliance" => (compliance::METRICS, compliance::SERIES),
        "support" => (support::METRICS, support::SERIES),
        "security" => (security::METRICS, security::SERIES),
        _ => return Ok(None),
    };
    let r = match recount {
        Some(rows) => Rollup::from_contributions(rows, metrics, series, period),
        None => rollup::load(db, metrics, series, period).await?,
    };
    Ok(Some(match tab {
        "kyc" => kyc::build(lang, &r, &kyc::live(db, now).await?, period),
        "compliance" => compliance::build(lang, &r, &compliance::live(db, now, period).await?, period),
        "support" => support::build(lang, &r, &support::live(db, now).await?, period),
        _ => security::build(lang, &r, &security::live(db, restoration_target_days).await?, period),
    }))
}
