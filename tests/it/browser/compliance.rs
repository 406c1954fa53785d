//! Compliance in the browser, in both languages: a verifier sees why approval waits, an officer
//! confirms the list hit with a comment and verifies the PEP declaration, the senior officer gives
//! the second key, and the verifier's approve button is then enabled.

use kreditomat_portal::auth::Role;
use serde_json::Value;

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp},
    intake,
    screening::{OS_HEADER, os_row, write},
};

/// A portal where the OpenAPI example applicant, who declared being a PEP, matches a PEP list
/// entry; returns the portal and the application.
pub(super) async fn pep_case() -> (TestApp, i64) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    let dir = tempfile::tempdir().expect("temp dir");
    let list = format!("{OS_HEADER}{}", os_row("P1", "TOKAYEVA Aigul", "", "1979-10-28", "kz"));
    let file = write(&dir, "peps.csv", list.as_bytes());
    assert!(app.run_cli(&["import-list", &file, "--list", "PEP"], None).0);
    let key = intake::key(&app).await;
    let mut doc = intake::example();
    doc["external_id"] = "pep-case-1".into();
    doc["applicant"]["pep"] = serde_json::json!({ "declared": true, "details": "Депутат маслихата" });
    let res = intake::post(&app, &key, intake::form(&doc, 1), None).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
    for (login, role) in
        [("ver", Role::Verifier), ("comp", Role::Compliance), ("senior", Role::SeniorCompliance)]
    {
        app.create_staff(login, &[role]).await;
    }
    (app, id)
}

async fn sign_out(b: &Browser) {
    b.click("form[action='/logout'] button").await;
}

async fn approve_enabled(b: &Browser) -> bool {
    b.script(
        "const x = document.querySelector('#approve-form button[type=submit]'); return !!x && !x.disabled",
    )
    .await
        == Value::Bool(true)
}

async fn journey(lang: &str) {
    let (app, id) = pep_case().await;
    let Some(mut b) = Browser::start(&app, &format!("compliance-{lang}"), true).await else { return };
    let case = format!("/compliance/{id}");

    // The verifier: approval waits, and the page says for what, with a link to the case.
    b.enter("ver", PASSWORD, lang).await;
    b.open(&format!("/review/{id}")).await;
    b.click(&format!("form[action='/review/{id}/claim'] button")).await;
    b.expect(!approve_enabled(&b).await, "approval waits for compliance");
    b.expect(b.has(&format!("a[href^='{case}']")).await, "the review page links the blocking case");
    b.check("review-waiting").await;
    b.open(&case).await;
    b.expect(!b.has("form.hit-form").await, "the verifier sees the case read-only");
    b.check("case-read-only").await;
    sign_out(&b).await;

    // The compliance officer: the queue, the case, the hit confirmed with a comment.
    b.enter("comp", PASSWORD, lang).await;
    b.open("/compliance").await;
    b.check("compliance-queue").await;
    b.open(&case).await;
    b.click(&format!("form[action='{case}/claim'] button")).await;
    b.check("case").await;
    b.fill("form.hit-form textarea[name=comment]", "Совпадают имя, дата рождения и должность").await;
    b.click("form.hit-form button[value=confirm]").await;
    b.expect(b.has("form[action*='/hits/'] button[data-autofocus]").await, "confirming a hit asks again");
    b.check("case-hit-confirm").await;
    b.click("form[action*='/hits/'] button[data-autofocus]").await;

    // The declaration: the PEP fields only, then verified.
    b.open(&case).await;
    if b.has(&format!("form[action='{case}/claim'] button")).await {
        b.click(&format!("form[action='{case}/claim'] button")).await;
    }
    if b.has("form[action$='/declaration']").await {
        let bo_hidden = b.script("return document.querySelector('fieldset[data-kind=bo]').hidden").await;
        b.expect(bo_hidden == true, "a PEP check shows the PEP fields only");
        b.click("form[action$='/declaration'] input[name=outcome][value=verified]").await;
        b.fill("#position", "Депутат").await;
        b.fill("#country", "KZ").await;
        b.fill("#notes", "Сведения с сайта маслихата").await;
        b.click("form[action$='/declaration'] button[type=submit]").await;
        b.check("case-declaration").await;
    } else {
        b.expect(false, "the case asks to check the PEP declaration");
    }
    sign_out(&b).await;

    // The senior officer's second key, with a comment and a confirmation.
    b.enter("senior", PASSWORD, lang).await;
    b.open(&case).await;
    b.check("case-senior").await;
    if b.has("#senior_comment").await {
        b.fill("#senior_comment", "Согласен с выводом").await;
        b.click(&format!("form[action='{case}/approve#four-eyes'] button.primary")).await;
        b.check("case-senior-confirm").await;
        b.click(&format!("form[action='{case}/approve#four-eyes'] button[data-autofocus]")).await;
    } else {
        b.expect(false, "the senior officer is asked for the second key");
    }
    sign_out(&b).await;

    // The verifier again: approval is now possible.
    b.enter("ver", PASSWORD, lang).await;
    b.open(&format!("/review/{id}")).await;
    if b.has(&format!("form[action='/review/{id}/claim'] button")).await {
        b.click(&format!("form[action='/review/{id}/claim'] button")).await;
    }
    b.expect(approve_enabled(&b).await, "after both keys the verifier may approve");
    b.check("review-ready").await;
    b.finish().await;
}

#[tokio::test]
async fn compliance_four_eyes_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn compliance_four_eyes_in_kazakh() {
    journey("kk").await;
}
