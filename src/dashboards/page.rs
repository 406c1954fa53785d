//! The dashboard page: the tabs, the period form, the headline figures and each table with its
//! chart.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, RawQuery, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    TABS, chart,
    model::{Card, Cell, Table},
    period::{self, Period, PeriodQuery},
};
use crate::{
    auth::access,
    db,
    error::{AppError, AppResult},
    i18n::{self, Lang},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
};

/// A headline figure as shown.
pub struct CardView {
    pub label: String,
    pub value: String,
    pub before: Option<String>,
    pub alert: bool,
}

/// A table as shown: headings and cells as text (with whether each is a number, for
/// alignment), its chart, and where its CSV is.
pub struct TableView {
    pub id: &'static str,
    pub heading: String,
    pub columns: Vec<(String, bool)>,
    pub rows: Vec<Vec<(String, bool)>>,
    pub svg: Option<String>,
    pub note: Option<String>,
    pub csv: String,
    /// A long series behind a chart: its table starts folded.
    pub folded: bool,
    pub count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/tab.html")]
struct TabPage {
    page: Page,
    tab: &'static str,
    action: String,
    /// The period's query, kept by the tab links.
    query: String,
    tabs: Vec<(&'static str, String)>,
    form: period::Form,
    errors: FieldErrors,
    shown: String,
    before: String,
    cards: Vec<CardView>,
    tables: Vec<TableView>,
    /// The whole tab as an XLSX workbook, for this period.
    workbook: String,
}

/// Today in Almaty.
pub fn today() -> time::Date {
    db::now().to_offset(i18n::ALMATY).date()
}

/// `01.11.2026 – 30.11.2026` (one date for a single day).
pub fn span(lang: Lang, p: &Period) -> String {
    let d = |d: time::Date| i18n::format_date(lang, d.midnight().assume_offset(i18n::ALMATY));
    if p.from == p.to { d(p.from) } else { format!("{} – {}", d(p.from), d(p.to)) }
}

fn table_view(lang: Lang, t: &Table, tab: &str, query: &str) -> TableView {
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| t.rows.first().is_some_and(|r| r.get(i).is_some_and(Cell::is_numeric)))
        .collect();
    TableView {
        id: t.id,
        heading: i18n::t(lang, t.heading),
        columns: t.columns.iter().zip(&numeric).map(|(c, n)| (i18n::t(lang, c), *n)).collect(),
        rows: t.rows.iter().map(|r| r.iter().map(|c| (c.show(lang), c.is_numeric())).collect()).collect(),
        svg: chart::svg(lang, t),
        note: t.note.map(|n| i18n::t(lang, n)),
        csv: format!("/dashboard/{tab}/{}.csv?{query}", t.id),
        folded: matches!(t.chart, super::model::Chart::Columns { .. }) && t.rows.len() > 8,
        count: t.rows.len() as i64,
    }
}

fn card_view(lang: Lang, c: &Card) -> CardView {
    CardView {
        label: i18n::t(lang, c.label),
        value: c.value.show(lang),
        before: c.before.as_ref().map(|b| b.show(lang)),
        alert: c.alert,
    }
}

/// `/dashboard`: the KYC tab, with the period asked for.
pub async fn index(ctx: Ctx, RawQuery(query): RawQuery) -> AppResult<Response> {
    ctx.require(access::DASHBOARDS)?;
    let query = query.filter(|q| !q.is_empty()).map(|q| format!("?{q}")).unwrap_or_default();
    Ok(Redirect::to(&format!("/dashboard/kyc{query}")).into_response())
}

/// `/dashboard/{tab}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tab): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    ctx.require(access::DASHBOARDS)?;
    let Some(tab) = TABS.iter().find(|t| **t == tab).copied() else { return Err(AppError::NotFound) };
    let lang = ctx.lang;
    let mut errors = FieldErrors::new(lang);
    let period = period::parse(&q, today(), state.config.dashboard_max_days, &mut errors);
    // Index ranges whatever the values: on PostgreSQL planned once, not on every view.
    let built =
        super::build(&state.reads, state.config.restoration_target_days, tab, lang, &period, db::now(), None)
            .await?;
    let Some(built) = built else { return Err(AppError::NotFound) };
    let query = period.query();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = TabPage {
        page: ctx.page(&format!("dash-tab-{tab}")),
        tab,
        action: format!("/dashboard/{tab}"),
        query: query.clone(),
        tabs: TABS.iter().map(|t| (*t, ctx.t(&format!("dash-tab-{t}")))).collect(),
        form: period::Form::new(lang, &q, &period, &errors),
        errors,
        shown: span(lang, &period),
        before: span(lang, &period.previous()),
        cards: built.cards.iter().map(|c| card_view(lang, c)).collect(),
        tables: built.tables.iter().map(|t| table_view(lang, t, tab, &query)).collect(),
        workbook: format!("/dashboard/{tab}/{}?{query}", super::export::WORKBOOK),
    };
    Ok((status, page).into_response())
}
