//! `/admin/calendar`: the working-day calendar of a year as the clocks see it: the days off by
//! law (moved ones marked), and the administrators' overrides (Kurban Ait, the government's
//! yearly moves), which they add and remove here, audited. A change applies to the clocks of
//! tickets that arrive or change afterwards.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;
use time::{Date, OffsetDateTime, Weekday};

use super::calendar::{self, Rule};
use crate::{
    audit::{self, Entry},
    auth::access,
    db::{self, Db},
    error::AppResult,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db, with_tx,
};

/// Years the page shows.
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2040;

/// An override as listed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Day {
    pub day: Date,
    pub working: bool,
    pub note: String,
    pub set_by: Option<String>,
    pub set_at: OffsetDateTime,
}

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DayForm {
    day: String,
    working: String,
    note: String,
    /// `set` or `remove`.
    action: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct YearQuery {
    year: Option<i32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/calendar.html")]
struct CalendarPage {
    page: Page,
    year: i32,
    /// `(day, moved)` off by law.
    statutory: Vec<(Date, bool)>,
    overrides: Vec<Day>,
    form: DayForm,
    errors: FieldErrors,
}

impl CalendarPage {
    fn weekday(&self, d: &Date) -> String {
        let id = match d.weekday() {
            Weekday::Monday => "calendar-mon",
            Weekday::Tuesday => "calendar-tue",
            Weekday::Wednesday => "calendar-wed",
            Weekday::Thursday => "calendar-thu",
            Weekday::Friday => "calendar-fri",
            Weekday::Saturday => "calendar-sat",
            Weekday::Sunday => "calendar-sun",
        };
        self.page.t(id)
    }

    fn overridden(&self, d: &Date) -> bool {
        self.overrides.iter().any(|o| o.day == *d)
    }
}

async fn overrides(db: &Db, year: i32) -> Result<Vec<Day>, sqlx::Error> {
    let from = Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(Date::MIN);
    let to = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX);
    with_db!(db, |c| sqlx::query_as(
        "SELECT o.day, o.working, o.note, s.full_name AS set_by, o.set_at
         FROM calendar_overrides o LEFT JOIN staff s ON s.id = o.set_by
         WHERE o.day >= $1 AND o.day <= $2 ORDER BY o.day"
    )
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    year: i32,
    form: DayForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let statutory = calendar::statutory(year).into_iter().map(|(d, r)| (d, r == Rule::Moved)).collect();
    let page = CalendarPage {
        page: ctx.page("calendar-title"),
        year,
        statutory,
        overrides: overrides(&state.db, year).await?,
        form,
        errors,
    };
    Ok((status, page).into_response())
}

/// `GET /admin/calendar?year=`.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let this = db::now().to_offset(calendar::OFFSET).year();
    let year = q.year.filter(|y| YEARS.contains(y)).unwrap_or(this);
    render(&state, &ctx, year, DayForm::default(), FieldErrors::new(ctx.lang), StatusCode::OK).await
}

/// `POST /admin/calendar`: set a day working or off (with a note), or remove an override.
pub(super) async fn set(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DayForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let mut errors = FieldErrors::new(ctx.lang);
    if !matches!(form.action.as_str(), "set" | "remove") {
        return Err(crate::error::AppError::BadRequest);
    }
    let parsed = Date::parse(form.day.trim(), time::macros::format_description!("[year]-[month]-[day]"))
        .ok()
        .filter(|d| YEARS.contains(&d.year()));
    if parsed.is_none() {
        errors.add(
            "day",
            if form.day.trim().is_empty() { "calendar-day-required" } else { "calendar-day-invalid" },
        );
    }
    let working = match form.working.as_str() {
        "working" => true,
        "off" => false,
        _ if form.action == "remove" => false,
        _ => {
            errors.add("working", "field-invalid-choice");
            false
        }
    };
    let note = form.note.trim().to_string();
    if note.chars().count() > 200 {
        errors.add("note", "field-too-long");
    } else if super::model::has_control(&note) {
        errors.add("note", "support-control-chars");
    }
    if form.action == "set" && note.is_empty() {
        errors.add("note", "calendar-note-required");
    }
    let this = db::now().to_offset(calendar::OFFSET).year();
    let Some(day) = parsed.filter(|_| errors.is_empty()) else {
        let year = parsed.map_or(this, |d| d.year());
        return render(&state, &ctx, year, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let mut tx = state.db.begin().await?;
    let (action, changed) = if form.action == "remove" {
        let n = with_tx!(&mut tx, |c| sqlx::query("DELETE FROM calendar_overrides WHERE day = $1")
            .bind(day)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        ("calendar.day-removed", n)
    } else {
        let n = with_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO calendar_overrides (day, working, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (day) DO UPDATE SET working = excluded.working, note = excluded.note,
                 set_by = excluded.set_by, set_at = excluded.set_at"
        )
        .bind(day)
        .bind(working)
        .bind(&note)
        .bind(user.id)
        .bind(db::now())
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        ("calendar.day-set", n)
    };
    if changed > 0 {
        let details = if form.action == "remove" {
            json!({})
        } else {
            let working = if working { "yes" } else { "no" };
            json!({ "working": working, "comment": note })
        };
        let entry = Entry::new(&ctx.actor(), action).subject("calendar", day).ip(&ctx.ip).details(details);
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    ctx.flash(true, if form.action == "remove" { "calendar-removed" } else { "calendar-saved" }, &[]).await?;
    Ok(Redirect::to(&format!("/admin/calendar?year={}", day.year())).into_response())
}
