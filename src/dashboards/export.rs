//! Exports: every table of a tab as CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic
//! and Kazakh letters), named by tab, table and period; each download is in the audit log.

use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use serde_json::json;

use super::{TABS, period::PeriodQuery};
use crate::{
    audit::{self, Entry},
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n,
    web::{AppState, Ctx, csv::Csv, page::FieldErrors},
};

/// `/dashboard/{tab}/{table}.csv`.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((tab, file)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    ctx.require(access::DASHBOARDS)?;
    let Some(tab) = TABS.iter().find(|t| **t == tab).copied() else { return Err(AppError::NotFound) };
    let Some(table_id) = file.strip_suffix(".csv") else { return Err(AppError::NotFound) };
    let mut errors = FieldErrors::new(ctx.lang);
    let period = super::period::parse(&q, super::page::today(), state.config.dashboard_max_days, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest);
    }
    let built = super::build(
        &state.db,
        state.config.restoration_target_days,
        tab,
        ctx.lang,
        &period,
        db::now(),
        None,
    )
    .await?;
    let Some(table) = built.as_ref().and_then(|b| b.table(table_id)) else { return Err(AppError::NotFound) };
    let header: Vec<String> = table.columns.iter().map(|c| i18n::t(ctx.lang, c)).collect();
    let mut out = Csv::new(&header);
    for row in &table.rows {
        out.row(&row.iter().map(|c| c.export(ctx.lang)).collect::<Vec<_>>());
    }
    let name = format!("{tab}-{}-{}.csv", table.id, period.slug());
    let format = "csv";
    let entry = Entry::new(&ctx.actor(), "dashboard.exported")
        .subject("dashboard", tab)
        .details(json!({ "table": table.id, "format": format, "from": period.from.to_string(), "to": period.to.to_string(), "rows": table.rows.len() }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    Ok(out.download(&name))
}
