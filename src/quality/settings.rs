//! `/admin/quality`: the share of approvals and rejections drawn for a second review, set by an
//! administrator in percent (0 to 100, to a tenth), audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::store;
use crate::{
    auth::access,
    error::AppResult,
    i18n,
    web::{
        AppState, Ctx,
        form::Form,
        page::{FieldErrors, Page},
    },
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ShareForm {
    share: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "quality/settings.html")]
struct SettingsPage {
    page: Page,
    share: String,
    errors: FieldErrors,
}

pub(super) async fn show(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require(access::ADMIN)?;
    let share = i18n::format_decimal(store::share(&state.db).await? as f64 / 10.0, 1);
    let page =
        SettingsPage { page: ctx.page("quality-settings-title"), share, errors: FieldErrors::new(ctx.lang) };
    Ok(page.into_response())
}

/// Thousandths from a percentage as people type it: `5`, `2,5`, `2.5`, `5 %`.
pub fn parse_share(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let (whole, tenth) = match t.split_once('.') {
        Some((w, f)) if f.len() == 1 => (w, f),
        Some(_) => return None,
        None => (t.as_str(), "0"),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 3 {
        return None;
    }
    let tenth: i64 = tenth.parse().ok().filter(|_| tenth.bytes().all(|b| b.is_ascii_digit()))?;
    let permille = whole.parse::<i64>().ok()? * 10 + tenth;
    (0..=1000).contains(&permille).then_some(permille)
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ShareForm>,
) -> AppResult<Response> {
    let user = ctx.require(access::ADMIN)?;
    let Some(permille) = parse_share(&form.share) else {
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("share", "quality-share-invalid");
        let page = SettingsPage { page: ctx.page("quality-settings-title"), share: form.share, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    store::set_share(&state.db, &ctx.actor(), user.id, permille, &ctx.ip).await?;
    ctx.flash(true, "quality-share-saved", &[]).await?;
    Ok(Redirect::to("/admin/quality").into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_share;

    #[test]
    fn shares_are_read_as_people_type_them() {
        assert_eq!(parse_share("5"), Some(50));
        assert_eq!(parse_share("2,5"), Some(25));
        assert_eq!(parse_share(" 2.5 % "), Some(25));
        assert_eq!(parse_share("100"), Some(1000));
        assert_eq!(parse_share("0"), Some(0));
        for bad in ["", "-1", "100,1", "101", "2,55", "abc", "1e2", "5,", ",5", "+5"] {
            assert_eq!(parse_share(bad), None, "{bad:?}");
        }
    }
}
