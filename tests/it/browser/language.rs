//! The language switcher on every page: it keeps the page and its query, `<html lang>` follows,
//! and each page passes the checks in both languages.

use kreditomat_portal::auth::Role;
use serde_json::Value;

use super::{Browser, journeys::portal_with_queue};
use crate::harness::PASSWORD;

#[tokio::test]
async fn the_switcher_keeps_the_page_on_every_page() {
    let (app, ids) = portal_with_queue().await;
    app.create_staff("all", &[Role::Admin, Role::Verifier, Role::Compliance, Role::Security]).await;
    let Some(mut b) = Browser::start(&app, "language", true).await else { return };
    b.sign_in("all", PASSWORD).await;
    let pages = [
        "/".to_string(),
        "/review?status=all&sort=newest&q=%D0%A1%D0%B5%D0%B9%D1%82".to_string(),
        format!("/review/{}", ids[0]),
        "/compliance".to_string(),
        "/compliance/lists".to_string(),
        "/admin/staff".to_string(),
        "/admin/staff/new".to_string(),
        "/admin/api-keys".to_string(),
        "/admin/reasons".to_string(),
        "/admin/audit?from=2026-01-01".to_string(),
        "/admin/access-log".to_string(),
        "/admin/sign-in-locks".to_string(),
        "/account".to_string(),
    ];
    for path in &pages {
        for lang in ["kk", "ru"] {
            b.open(path).await;
            let switch = format!("form.lang-switch button[value='{lang}']:not([disabled])");
            if b.has(&switch).await {
                b.click(&switch).await;
            }
            let here = b.here().await;
            b.expect(&here == path, format!("switching to {lang} on {path} led to {here}"));
            let shown = b.script("return document.documentElement.lang").await;
            b.expect(shown == lang, format!("{path}: <html lang> is {shown}, not {lang}"));
            let error = b.script("return !!document.querySelector('main section.card.narrow p.muted')").await;
            let title = b.script("return document.title").await;
            b.expect(error != Value::Bool(true), format!("{path} answers with an error page: {title}"));
            b.check(&format!("page{}", path.replace('/', "-"))).await;
        }
    }
    b.finish().await;
}
