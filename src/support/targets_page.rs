//! `/admin/support-targets`: what each category of ticket is held to, as administrators set it:
//! the SLA's first-response and resolution targets per priority (in business hours: office hours
//! on the calendar's working days), and the statutory deadline (working or calendar days, none
//! for a category the law does not cover) with the hours before it that the ticket is escalated.
//! A change applies to tickets that arrive or change category or priority afterwards; it is
//! audited with each value before and after.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::model;
use crate::{
    audit::{self, Entry},
    auth::access,
    db::{Db, Tx},
    error::{AppError, AppResult},
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
    with_db, with_tx,
};

/// The form fields of each priority: `(priority, first response, resolution)`.
const FIELDS: [(&str, &str, &str); 4] = [
    ("urgent", "first_urgent", "resolution_urgent"),
    ("high", "first_high", "resolution_high"),
    ("normal", "first_normal", "resolution_normal"),
    ("low", "first_low", "resolution_low"),
];

/// The longest target, in hours (a year of working days).
const MAX_HOURS: f64 = 2000.0;

/// One category's form, as stored or as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Targets {
    category: String,
    first_urgent: String,
    resolution_urgent: String,
    first_high: String,
    resolution_high: String,
    first_normal: String,
    resolution_normal: String,
    first_low: String,
    resolution_low: String,
    /// Days; empty: no statutory deadline.
    legal_days: String,
    /// `working` or `calendar`.
    legal_working: String,
    escalate_hours: String,
}

impl Targets {
    fn field(&self, name: &str) -> &str {
        match name {
            "first_urgent" => &self.first_urgent,
            "resolution_urgent" => &self.resolution_urgent,
            "first_high" => &self.first_high,
            "resolution_high" => &self.resolution_high,
            "first_normal" => &self.first_normal,
            "resolution_normal" => &self.resolution_normal,
            "first_low" => &self.first_low,
            "resolution_low" => &self.resolution_low,
            _ => "",
        }
    }

    fn set(&mut self, name: &str, value: String) {
        match name {
            "first_urgent" => self.first_urgent = value,
            "resolution_urgent" => self.resolution_urgent = value,
            "first_high" => self.first_high = value,
            "resolution_high" => self.resolution_high = value,
            "first_normal" => self.first_normal = value,
            "resolution_normal" => self.resolution_normal = value,
            "first_low" => self.first_low = value,
            "resolution_low" => self.resolution_low = value,
            _ => {}
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/targets.html")]
struct TargetsPage {
    page: Page,
    forms: Vec<Targets>,
    /// The category whose form came back with errors.
    posted: String,
    errors: FieldErrors,
}

impl TargetsPage {
    fn error(&self, category: &str, field: &str) -> Option<&String> {
        if self.posted == category { self.errors.get(field) } else { None }
    }

    fn fields(&self) -> [(&'static str, &'static str, &'static str); 4] {
        FIELDS
    }
}

/// Hours as typed (`0,5`, `1.5`, `24`) in minutes.
fn minutes(raw: &str) -> Option<i64> {
    let h: f64 = raw.trim().replace(',', ".").parse().ok()?;
    (h.is_finite() && (0.25..=MAX_HOURS).contains(&h)).then(|| (h * 60.0).round() as i64)
}

/// Minutes as hours, with a decimal comma: `0,5`, `27`.
fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        return (minutes / 60).to_string();
    }
    let text = format!("{:.2}", minutes as f64 / 60.0);
    text.trim_end_matches('0').replace('.', ",")
}

type CategoryRow = (String, Option<i64>, bool, i64);
type TargetRow = (String, String, i64, i64);

const CATEGORIES_SQL: &str = "SELECT code, legal_days, legal_working, escalate_hours FROM ticket_categories";
const TARGETS_SQL: &str =
    "SELECT category, priority, first_response_minutes, resolution_minutes FROM sla_targets";

/// Every category's targets as stored, in the categories' order.
async fn stored(db: &Db) -> Result<Vec<Targets>, sqlx::Error> {
    let categories: Vec<CategoryRow> =
        with_db!(db, |c| sqlx::query_as(&format!("{CATEGORIES_SQL} ORDER BY position")).fetch_all(c).await)?;
    let targets: Vec<TargetRow> = with_db!(db, |c| sqlx::query_as(TARGETS_SQL).fetch_all(c).await)?;
    Ok(assemble(categories, &targets))
}

/// One category's targets inside `tx`, its row locked on PostgreSQL (SQLite's writer lock,
/// taken when the transaction begins, covers it).
async fn stored_one(tx: &mut Tx, category: &str) -> Result<Targets, sqlx::Error> {
    let lock = if matches!(tx, Tx::Pg(_)) { " FOR UPDATE" } else { "" };
    let categories: Vec<CategoryRow> =
        with_tx!(tx, |c| sqlx::query_as(&format!("{CATEGORIES_SQL} WHERE code = $1{lock}"))
            .bind(category)
            .fetch_all(c)
            .await)?;
    let targets: Vec<TargetRow> =
        with_tx!(tx, |c| sqlx::query_as(&format!("{TARGETS_SQL} WHERE category = $1"))
            .bind(category)
            .fetch_all(c)
            .await)?;
    Ok(assemble(categories, &targets).pop().unwrap_or_default())
}

fn assemble(categories: Vec<CategoryRow>, targets: &[TargetRow]) -> Vec<Targets> {
    categories
        .into_iter()
        .map(|(code, legal_days, working, escalate)| {
            let mut t = Targets {
                legal_days: legal_days.map(|d| d.to_string()).unwrap_or_default(),
                legal_working: if working { "working" } else { "calendar" }.into(),
                escalate_hours: escalate.to_string(),
                ..Targets::default()
            };
            for (category, priority, first, resolution) in targets {
                if *category != code {
                    continue;
                }
                if let Some((_, f, r)) = FIELDS.iter().find(|(p, _, _)| p == priority) {
                    t.set(f, hours(*first));
                    t.set(r, hours(*resolution));
                }
            }
            t.category = code;
            t
        })
        .collect()
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    back: Option<(Targets, FieldErrors)>,
    status: StatusCode,
) -> AppResult<Response> {
    let mut forms = stored(&state.db).await?;
    let (posted, errors) = match back {
        Some((typed, errors)) => {
            let code = typed.category.clone();
            if let Some(f) = forms.iter_mut().find(|f| f.category == code) {
                *f = typed;
            }
            (code, errors)
        }
        None => (String::new(), FieldErrors::new(ctx.lang)),
    };
    let page = TargetsPage { page: ctx.page("targets-title"), forms, posted, errors };
    Ok((status, page).into_response())
}

/// `GET /admin/support-targets`.
pub(super) async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    render(&state, &ctx, None, StatusCode::OK).await
}

/// `POST /admin/support-targets`: one category's targets.
pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(typed): Form<Targets>,
) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let Some(category) = model::CATEGORIES.iter().copied().find(|c| *c == typed.category) else {
        return Err(AppError::BadRequest);
    };
    let mut errors = FieldErrors::new(ctx.lang);
    let mut values = Vec::new();
    for (priority, f, r) in FIELDS {
        let first = minutes(typed.field(f));
        let resolution = minutes(typed.field(r));
        if first.is_none() {
            errors.add(f, "targets-hours-invalid");
        }
        if resolution.is_none() {
            errors.add(r, "targets-hours-invalid");
        }
        if let (Some(first), Some(resolution)) = (first, resolution) {
            if resolution < first {
                errors.add(r, "targets-resolution-before-first");
            }
            values.push((priority, first, resolution));
        }
    }
    let legal_days = match typed.legal_days.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(d) if (1..=90).contains(&d) => Some(d),
            _ => {
                errors.add("legal_days", "targets-legal-days-invalid");
                None
            }
        },
    };
    let working = match typed.legal_working.as_str() {
        "working" => true,
        "calendar" => false,
        _ => {
            errors.add("legal_working", "field-invalid-choice");
            true
        }
    };
    let escalate = match typed.escalate_hours.trim().parse::<i64>() {
        Ok(h) if (0..=720).contains(&h) => h,
        _ => {
            errors.add("escalate_hours", "targets-escalate-invalid");
            0
        }
    };
    // Escalated before the request arrives would mean escalated always.
    if legal_days.is_some_and(|d| escalate >= d * 24) {
        errors.add("escalate_hours", "targets-escalate-too-early");
    }
    if !errors.is_empty() {
        return render(&state, &ctx, Some((typed, errors)), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = state.db.begin().await?;
    // What it was, read under the lock the writes take (an administrator saving at the same time
    // waits, and the audit says what each one changed).
    let before = stored_one(&mut tx, category).await?;
    for (priority, first, resolution) in &values {
        with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE sla_targets SET first_response_minutes = $1, resolution_minutes = $2
             WHERE category = $3 AND priority = $4"
        )
        .bind(first)
        .bind(resolution)
        .bind(category)
        .bind(priority)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE ticket_categories SET legal_days = $1, legal_working = $2, escalate_hours = $3 WHERE code = $4"
    )
    .bind(legal_days)
    .bind(working)
    .bind(escalate)
    .bind(category)
    .execute(c)
    .await
    .map(|_| ())
    })?;
    // Each changed value as `field before → after` (hours, days).
    let mut changed = Vec::new();
    let mut diff = |name: &str, a: &str, b: String| {
        if a != b {
            changed.push(format!("{name} {a} → {b}"));
        }
    };
    for (_, f, r) in FIELDS {
        diff(f, before.field(f), hours(minutes(typed.field(f)).unwrap_or(0)));
        diff(r, before.field(r), hours(minutes(typed.field(r)).unwrap_or(0)));
    }
    diff("legal_days", &before.legal_days, legal_days.map(|d| d.to_string()).unwrap_or_default());
    diff("legal_working", &before.legal_working, typed.legal_working.clone());
    diff("escalate_hours", &before.escalate_hours, escalate.to_string());
    if changed.is_empty() {
        drop(tx);
        ctx.flash(true, "targets-unchanged", &[]).await?;
        return Ok(Redirect::to(&format!("/admin/support-targets#targets-{category}")).into_response());
    }
    let changed = changed.join("; ");
    let entry = Entry::new(&ctx.actor(), "support.targets-changed")
        .ip(&ctx.ip)
        .details(json!({ "category": category, "changed": changed }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    ctx.flash(true, "targets-saved", &[]).await?;
    Ok(Redirect::to(&format!("/admin/support-targets#targets-{category}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_with_either_decimal_mark_and_shown_with_a_comma() {
        assert_eq!(minutes("0,5"), Some(30));
        assert_eq!(minutes(" 1.25 "), Some(75));
        assert_eq!(minutes("27"), Some(1620));
        assert_eq!(minutes("0"), None);
        assert_eq!(minutes("0.1"), None);
        assert_eq!(minutes("NaN"), None);
        assert_eq!(minutes("2001"), None);
        assert_eq!(minutes("два"), None);
        assert_eq!(hours(30), "0,5");
        assert_eq!(hours(75), "1,25");
        assert_eq!(hours(1620), "27");
    }
}
