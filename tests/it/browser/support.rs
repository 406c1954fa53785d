//! An agent's shift at the support desk, in both interface languages: the queue, take next, an
//! empty reply refused beside the field, a canned reply filled in the customer's language
//! (Kazakh for a Kazakh-speaking customer whatever the agent's), sent; a note; a state change
//! refused by the rules; the ticket resolved.

use kreditomat_portal::{auth::Role, with_db};
use serde_json::json;

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp},
    intake,
    review::{applicant, submit},
};

#[tokio::test]
async fn an_agent_answers_a_kazakh_ticket_with_a_canned_reply_in_both_languages() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("agent", &[Role::Support]).await;
    let key = intake::key(&app).await;
    let mut doc = applicant(71);
    doc["account_id"] = "kr-s71".into();
    submit(&app, &key, &doc, 71).await;
    with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO canned_replies (title_ru, title_kk, body_ru, body_kk, updated_at)
         VALUES ('Приветствие', 'Сәлемдесу', 'Здравствуйте, {name}! Обращение {number} получено.',
                 'Сәлеметсіз бе, {name}! {number} өтініші алынды.', '2026-12-01T00:00:00Z')"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let client = reqwest::Client::new();
    for category in ["consent_withdrawal", "support"] {
        let body = json!({ "customer": "kr-s71", "category": category, "subject": "Келісім туралы",
                           "text": "Келісімімді кері қайтарып алғым келеді.", "language": "kk" });
        let res = client
            .post(format!("{}/api/v1/tickets", app.base))
            .bearer_auth(&key)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let Some(mut b) = Browser::start(&app, "support", true).await else { return };
    for lang in ["ru", "kk"] {
        b.enter("agent", PASSWORD, lang).await;
        b.open("/support?view=unassigned").await;
        b.check(&format!("support-queue-{lang}")).await;
        b.click("form[action='/support/next'] button").await;
        b.expect(b.here().await.starts_with("/support/"), format!("{lang}: take next opens a ticket"));
        b.check(&format!("support-ticket-{lang}")).await;

        // An empty reply is refused beside the field.
        b.click("#reply button[type=submit]").await;
        b.expect(b.has("#reply-body-error").await, format!("{lang}: an empty reply is refused"));
        b.check(&format!("support-reply-refused-{lang}")).await;

        // The canned reply fills the form in Kazakh, the customer's language.
        b.click("details.canned summary").await;
        b.click("details.canned a[data-fill]").await;
        let text = b.script("return document.querySelector('#reply-body').value").await;
        let text = text.as_str().unwrap_or_default().to_string();
        b.expect(
            text.starts_with("Сәлеметсіз бе,") && text.contains("T-00000"),
            format!("{lang}: canned in Kazakh ({text})"),
        );
        b.click("#reply button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the reply is sent"));
        b.expect(b.has(".msg-reply").await, format!("{lang}: the reply is in the conversation"));
        b.check(&format!("support-replied-{lang}")).await;

        // A note, then the ticket resolved.
        b.fill("#note-body", "Клиентке қоңырау шалдым").await;
        b.click("#note button[type=submit]").await;
        b.expect(b.has(".msg-note").await, format!("{lang}: the note is shown apart"));
        b.script("document.querySelector('#state').value = 'resolved'").await;
        b.click("#update button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: resolved"));
        b.check(&format!("support-resolved-{lang}")).await;
        b.open("/support?view=resolved").await;
        b.check(&format!("support-queue-resolved-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
