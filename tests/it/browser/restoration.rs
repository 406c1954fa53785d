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

/// A case ready for review: the customer's documents and a phone changed from a new device.
async fn ready_case(app: &TestApp) -> i64 {
    let (key, case) = crate::restoration_review::case(app, "kk").await;
    let details = json!({ "device_id": "android-own-1", "phone": "+7 701 555 12 34",
                          "id_document": { "last_name": "Другая", "number": "N0000091" } });
    let (s, _) = crate::restoration_review::send(
        app,
        &key,
        case,
        crate::restoration_review::own_documents(&details),
        None,
    )
    .await;
    assert_eq!(s, 201);
    let batch = json!({ "events": [
        { "at": "2026-12-01T10:00:00+05:00", "kind": "sign_in", "device": "android-own-1", "ip": "95.56.14.20" },
        { "at": "2026-12-02T10:00:00+05:00", "kind": "sign_in", "device": "android-own-1", "ip": "95.56.14.20" },
        { "at": "2026-12-03T22:10:00+05:00", "kind": "phone_changed", "device": "iphone-taker-7", "ip": "178.89.3.141" }
    ]});
    let (s, _, _) = api_post(app, &key, crate::restoration_review::ACTIVITY, &batch, None).await;
    assert_eq!(s, 201);
    case
}

/// One officer reviews a ready case and proposes a restoration (a refusal without a reason is
/// refused beside its field first); a second officer approves it.
async fn four_eyes(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("first", &[Role::Security]).await;
    app.create_staff("second", &[Role::Security]).await;
    let case = ready_case(&app).await;
    let page = format!("/security/cases/{case}");

    let Some(mut b) = Browser::start(&app, &format!("restoration-propose-{lang}"), true).await else {
        return;
    };
    b.enter("first", PASSWORD, lang).await;
    b.open(&page).await;
    b.expect(b.has("table.takeover tr.row-change").await, "the phone change is marked on the timeline");
    b.expect(b.has(".photo-compare img[src*='/documents/']").await, "the new selfie beside the old");
    b.check("restoration-review").await;
    b.click("form[action$='/refuse'] button[type=submit]").await;
    b.expect(b.has("#reasons-error").await, "a refusal needs a reason, said beside the reasons");
    b.check("restoration-refuse-error").await;
    b.click("input[name=requirements][value=device_binding]").await;
    b.fill("#propose-note", "Селфи совпадает, устройство клиента прежнее.").await;
    b.click("form[action$='/propose'] button[type=submit]").await;
    b.expect(b.here().await == page, "back on the case");
    b.expect(b.has("form[action$='/return']").await, "the proposer may withdraw");
    b.expect(!b.has("form[action$='/approve']").await, "the proposer cannot approve");
    b.check("restoration-proposed").await;
    b.finish().await;

    let Some(mut b) = Browser::start(&app, &format!("restoration-approve-{lang}"), true).await else {
        return;
    };
    b.enter("second", PASSWORD, lang).await;
    b.open(&page).await;
    b.expect(b.has("form[action$='/approve']").await, "the second officer may approve");
    b.check("restoration-waiting-second").await;
    b.click("form[action$='/approve'] button[type=submit]").await;
    b.expect(b.here().await == page, "back on the case");
    b.expect(b.has(".flash, [role=status]").await, "the approval is confirmed");
    b.check("restoration-restored").await;
    b.finish().await;
}

#[tokio::test]
async fn one_officer_proposes_and_another_approves_in_russian() {
    four_eyes("ru").await;
}

#[tokio::test]
async fn one_officer_proposes_and_another_approves_in_kazakh() {
    four_eyes("kk").await;
}
