//! A shift of reviewer quality in the browser, in both languages: a verifier takes a sample and
//! reviews it blind (an empty answer is named next to its field), a senior compliance officer
//! gives the verdict, the first verifier reads how it ended, an administrator sets the share.

use kreditomat_portal::auth::Role;

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp, exec, scalar},
    intake,
    quality::decided,
};

async fn journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    exec(&app, "UPDATE qa_settings SET share_permille = 1000").await.unwrap();
    let key = intake::key(&app).await;
    let first = app.create_staff("first", &[Role::Verifier]).await;
    app.create_staff("second", &[Role::Verifier]).await;
    app.create_staff("senior", &[Role::SeniorCompliance]).await;
    app.create_staff("adm", &[Role::Admin]).await;
    decided(&app, &key, 901, first, "first", true).await;
    let sample = scalar(&app, "SELECT id FROM qa_samples").await;

    let Some(mut b) = Browser::start(&app, &format!("quality-{lang}"), true).await else { return };
    b.enter("second", PASSWORD, lang).await;
    b.open("/").await;
    b.click("a[href='/quality']").await;
    b.check("quality-list").await;
    b.click("#take-next button").await;
    b.expect(b.here().await == format!("/quality/{sample}"), "take next opens the sample");
    b.expect(b.has("#decision").await && b.has(".photos").await, "the application with its photos");
    b.check("quality-blind").await;
    b.click("#decision button[type=submit]").await;
    b.expect(b.has("#outcome-error").await, "no outcome: named next to the field");
    b.check("quality-blind-error").await;
    b.click("input[name=outcome][value=rejected]").await;
    b.click("input[name=reason]").await;
    b.click("#decision button[type=submit]").await;
    b.expect(b.here().await == "/quality", "back to the list");
    b.check("quality-reviewed").await;

    b.click("form[action='/logout'] button").await;
    b.enter("senior", PASSWORD, lang).await;
    b.open("/quality").await;
    b.click(&format!("a[href='/quality/{sample}']")).await;
    b.check("quality-verdict").await;
    b.click("input[name=outcome][value=approved]").await;
    b.fill("#note", "OK").await;
    b.click("#decision button[type=submit]").await;
    b.expect(b.has(".status-qa-upheld").await, "the verdict is shown");
    b.check("quality-result").await;

    b.click("form[action='/logout'] button").await;
    b.enter("first", PASSWORD, lang).await;
    b.open("/quality").await;
    b.expect(b.has(&format!("a[href='/quality/{sample}']")).await, "the first verifier sees the result");
    b.check("quality-mine").await;

    b.click("form[action='/logout'] button").await;
    b.enter("adm", PASSWORD, lang).await;
    b.open("/admin/quality").await;
    b.fill("#share", "abc").await;
    b.click("form[action='/admin/quality'] button[type=submit]").await;
    b.expect(b.has("#share-error").await, "a wrong share is named next to its field");
    b.check("quality-settings-error").await;
    b.finish().await;
}

#[tokio::test]
async fn a_quality_shift_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn a_quality_shift_in_kazakh() {
    journey("kk").await;
}
