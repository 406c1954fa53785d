//! `/quality`: for a verifier, the samples waiting for their second review ("take next") and
//! how their own samples ended; for a senior compliance officer, the disagreements waiting for a
//! verdict.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};

use super::store::{self, Sample};
use crate::{
    auth::access,
    db,
    error::AppResult,
    web::{AppState, Ctx, page::Page},
};

/// How many rows each list shows.
const SHOWN: i64 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "quality/list.html")]
struct ListPage {
    page: Page,
    can_review: bool,
    can_verdict: bool,
    open: Vec<Sample>,
    open_total: i64,
    disputes: Vec<Sample>,
    disputes_total: i64,
    mine: Vec<Sample>,
    me: i64,
    share: String,
}

impl ListPage {
    fn held(&self, s: &Sample) -> bool {
        s.claimed_by == Some(self.me)
    }

    /// The reader's part in a finished sample (a Fluent id).
    fn part(&self, s: &Sample) -> &'static str {
        if s.first_by == self.me {
            "quality-part-first"
        } else if s.second_by == Some(self.me) {
            "quality-part-second"
        } else {
            "quality-part-verdict"
        }
    }
}

pub(super) async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::QUALITY)?;
    let can_review = user.has_any(access::DECIDE);
    let can_verdict = user.has_any(access::QA_VERDICT);
    let (open, open_total) = if can_review {
        store::open_to(&state.db, user.id, db::now(), SHOWN).await?
    } else {
        (Vec::new(), 0)
    };
    let (disputes, disputes_total) =
        if can_verdict { store::disputes(&state.db, SHOWN).await? } else { (Vec::new(), 0) };
    let mine = store::mine(&state.db, user.id, SHOWN).await?;
    let share = crate::i18n::format_decimal(store::share(&state.db).await? as f64 / 10.0, 1);
    let page = ListPage {
        page: ctx.page("quality-title"),
        can_review,
        can_verdict,
        open,
        open_total,
        disputes,
        disputes_total,
        mine,
        me: user.id,
        share,
    };
    Ok(page.into_response())
}

pub(super) async fn take_next(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    match store::claim(&state.db, &ctx.actor(), user.id, None, state.config.claim_ttl, &ctx.ip).await? {
        Some(id) => Ok(Redirect::to(&format!("/quality/{id}")).into_response()),
        None => {
            ctx.flash(true, "quality-none-waiting", &[]).await?;
            Ok(Redirect::to("/quality").into_response())
        }
    }
}

pub(super) async fn claim(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = ctx.require(access::DECIDE)?;
    store::find(&state.db, id).await?.ok_or(crate::error::AppError::NotFound)?;
    if store::claim(&state.db, &ctx.actor(), user.id, Some(id), state.config.claim_ttl, &ctx.ip)
        .await?
        .is_none()
    {
        ctx.flash(false, "quality-claim-refused", &[]).await?;
        return Ok(Redirect::to("/quality").into_response());
    }
    Ok(Redirect::to(&format!("/quality/{id}")).into_response())
}
