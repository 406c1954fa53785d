//! What the review page shows of an application apart from its decisions: the photos, the
//! checks, the fraud signals, compliance and the applicant's data as the viewer may see it. The
//! review page and the blind second review ([`crate::quality`]) both show it.

use super::{
    page::{Check, PhotoSignal, SignalRow, checks, signals},
    personal::Personal,
    store::{self, Application, Photo},
};
use crate::{
    auth::{access, personal_data::Viewer},
    db,
    error::{AppError, AppResult},
    i18n::{ALMATY, Lang},
    web::{AppState, Ctx},
};

pub struct AppView {
    pub app: Application,
    /// The applicant's personal data, as this viewer's roles allow.
    pub pd: Personal,
    pub current: Vec<Photo>,
    pub older: Vec<Photo>,
    pub checks: Vec<Check>,
    pub signals: Vec<SignalRow>,
    pub photo_signals: Vec<PhotoSignal>,
    pub hits: Vec<crate::screening::compliance::Hit>,
    pub declaration_checks: Vec<crate::screening::compliance::Check>,
    pub can_photos: bool,
    pub can_compliance: bool,
    pub customer_lang: Lang,
    /// The rest of what the review page lists.
    pub lists: store::PageLists,
}

/// Reads application `id` for `user`, recording the view of its personal data as `access`.
pub async fn load(
    state: &AppState,
    ctx: &Ctx,
    user: &crate::auth::CurrentUser,
    id: i64,
    access_kind: &'static str,
) -> AppResult<AppView> {
    let db = &state.db;
    let (app, mut lists) = store::find_with_lists(db, id).await?.ok_or(AppError::NotFound)?;
    // One after another: under load the work per page is what counts, and queries run at once
    // on several connections only add hand-offs (measured with the review benchmark).
    state.views.record(user.id, id, access_kind, &ctx.ip).await?;
    let hits = if app.hit_count > 0 { crate::screening::compliance::hits(db, id).await? } else { Vec::new() };
    let declaration_checks = if app.check_count > 0 && (app.pep_declared || app.bo_declared) {
        crate::screening::compliance::checks(db, id).await?
    } else {
        Vec::new()
    };
    let contacts = std::mem::take(&mut lists.contacts);
    let contact_phones: Vec<String> = contacts.iter().map(|c| c.phone.clone()).collect();
    let (signals, photo_signals) = signals(db, &app, &contact_phones).await?;
    let viewer = Viewer::new(&user.roles);
    let pd = Personal::of(&app, &contacts, &viewer, ctx.lang);
    lists.contacts = contacts;
    let (current, older): (Vec<Photo>, Vec<Photo>) =
        std::mem::take(&mut lists.photos).into_iter().partition(|p| p.current);
    let today = db::now().to_offset(ALMATY).date();
    let checks = checks(&app, today, ctx.lang, &viewer);
    let customer_lang = Lang::parse(&app.language).unwrap_or(Lang::Ru);
    Ok(AppView {
        pd,
        current,
        older,
        checks,
        signals,
        photo_signals,
        hits,
        declaration_checks,
        can_photos: user.has_any(access::PHOTOS),
        can_compliance: user.has_any(access::COMPLIANCE),
        customer_lang,
        lists,
        app,
    })
}
