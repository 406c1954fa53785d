//! Exports: every table of a tab as CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic
//! and Kazakh letters), and the whole tab as an XLSX workbook ([`super::workbook`]), named by tab
//! (and table) and period; each download is in the audit log.

use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{IntoResponse, Response},
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

/// The workbook's file name under `/dashboard/{tab}/`.
pub const WORKBOOK: &str = "workbook.xlsx";

/// `/dashboard/{tab}/{table}.csv` and `/dashboard/{tab}/workbook.xlsx`.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((tab, file)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    ctx.require(access::DASHBOARDS)?;
    let Some(tab) = TABS.iter().find(|t| **t == tab).copied() else { return Err(AppError::NotFound) };
    let table_id = match file.strip_suffix(".csv") {
        Some(id) => Some(id),
        None if file == WORKBOOK => None,
        None => return Err(AppError::NotFound),
    };
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
    let Some(built) = built else { return Err(AppError::NotFound) };
    let Some(table_id) = table_id else {
        let title = i18n::t(ctx.lang, &format!("dash-tab-{tab}"));
        let bytes = super::workbook::build(ctx.lang, &title, &period, &built)
            .map_err(|e| AppError::Internal(format!("workbook: {e}")))?;
        let rows: usize = built.tables.iter().map(|t| t.rows.len()).sum();
        record(&state, &ctx, tab, "workbook", "xlsx", &period, rows).await?;
        let name = format!("{tab}-{}.xlsx", period.slug());
        let disposition = format!("attachment; filename=\"{name}\"");
        let kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return Ok((
            [(header::CONTENT_TYPE, kind.to_string()), (header::CONTENT_DISPOSITION, disposition)],
            bytes,
        )
            .into_response());
    };
    let Some(table) = built.table(table_id) else { return Err(AppError::NotFound) };
    let header: Vec<String> = table.columns.iter().map(|c| i18n::t(ctx.lang, c)).collect();
    let mut out = Csv::new(&header);
    for row in &table.rows {
        out.row(&row.iter().map(|c| c.export(ctx.lang)).collect::<Vec<_>>());
    }
    let name = format!("{tab}-{}-{}.csv", table.id, period.slug());
    record(&state, &ctx, tab, table.id, "csv", &period, table.rows.len()).await?;
    Ok(out.download(&name))
}

/// The export's audit entry.
async fn record(
    state: &AppState,
    ctx: &Ctx,
    tab: &str,
    table: &str,
    format: &str,
    period: &super::period::Period,
    rows: usize,
) -> AppResult<()> {
    let entry = Entry::new(&ctx.actor(), "dashboard.exported")
        .subject("dashboard", tab)
        .details(json!({ "table": table, "format": format, "from": period.from.to_string(), "to": period.to.to_string(), "rows": rows }))
        .ip(&ctx.ip);
    audit::record_alone(&state.db, entry).await?;
    Ok(())
}
