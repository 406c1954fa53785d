//! A security officer finds a restoration case in the queue and reads it, in both languages.

use kreditomat_portal::auth::Role;
use serde_json::json;

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp, api_post};

async fn journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("officer", &[Role::Security]).await;
    let key = crate::intake::key(&app).await;
    let mut doc = crate::review::applicant(93);
    doc["account_id"] = "kr-b1".into();
    crate::review::submit(&app, &key, &doc, 93).await;
    let report = json!({ "at": "2026-12-05T21:40:00+05:00", "device": "stolen", "police_report": "КУСП 77",
                         "description": "Телефон украли в автобусе, после этого в приложение кто-то входил." });
    let (s, _, _) = api_post(&app, &key, "/api/v1/customers/kr-b1/access-reports", &report, None).await;
    assert_eq!(s, 201);

    let Some(mut b) = Browser::start(&app, &format!("restoration-{lang}"), true).await else { return };
    b.enter("officer", PASSWORD, lang).await;
    b.open("/security").await;
    b.expect(b.has("a[href='/security/cases/1']").await, "the case is in the queue");
    b.check("restoration-queue").await;
    b.click("a[href='/security/cases/1']").await;
    let page = b.text_of("main").await;
    b.expect(page.contains("КУСП 77"), "the report as it came");
    b.check("restoration-case").await;
    b.open("/security?q=nonsense").await;
    b.expect(b.has("#q-error").await, "a search that is neither a number nor an IIN says so");
    b.check("restoration-search-error").await;
    b.finish().await;
}

#[tokio::test]
async fn a_security_officer_reads_a_case_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn a_security_officer_reads_a_case_in_kazakh() {
    journey("kk").await;
}

/// An agent turns a ticket of unauthorised access into a case.
async fn agent_journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("agent", &[Role::Support]).await;
    let key = crate::intake::key(&app).await;
    let mut doc = crate::review::applicant(94);
    doc["account_id"] = "kr-b2".into();
    crate::review::submit(&app, &key, &doc, 94).await;
    let ticket = json!({ "customer": "kr-b2", "category": "unauthorised_access", "subject": "Взлом",
                         "text": "Ночью в приложение кто-то входил, я телефон не выпускал из рук.", "language": "ru" });
    let (s, v, _) = api_post(&app, &key, "/api/v1/tickets", &ticket, None).await;
    assert_eq!(s, 201, "{v}");
    let id = v["ticket_id"].as_i64().unwrap();

    let Some(mut b) = Browser::start(&app, &format!("restoration-ticket-{lang}"), true).await else { return };
    b.enter("agent", PASSWORD, lang).await;
    b.open(&format!("/support/{id}")).await;
    b.click(&format!("a[href='/support/{id}/restoration']")).await;
    b.expect(
        b.text_of("#description").await.contains("телефон не выпускал"),
        "the form starts from the customer's words",
    );
    b.check("restoration-from-ticket").await;
    b.click("form[action$='/restoration'] button[type=submit]").await;
    b.expect(b.here().await == format!("/support/{id}"), "back on the ticket");
    b.expect(b.text_of("main").await.contains("R-000001"), "the ticket names its case");
    b.check("restoration-ticket-case").await;
    b.finish().await;
}

#[tokio::test]
async fn an_agent_opens_a_case_from_a_ticket_in_russian() {
    agent_journey("ru").await;
}

#[tokio::test]
async fn an_agent_opens_a_case_from_a_ticket_in_kazakh() {
    agent_journey("kk").await;
}
