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
    for category in ["consent_withdrawal", "consent_withdrawal"] {
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

        // A note; resolving before the legal request is answered is refused beside the state;
        // the answer resolves it.
        b.fill("#note-body", "Клиентке қоңырау шалдым").await;
        b.click("#note button[type=submit]").await;
        b.expect(b.has(".msg-note").await, format!("{lang}: the note is shown apart"));
        b.script("document.querySelector('#state').value = 'resolved'").await;
        b.click("#update button[type=submit]").await;
        b.expect(b.has("#state-error").await, format!("{lang}: not resolved before the answer"));
        b.check(&format!("support-resolve-refused-{lang}")).await;
        b.fill("#reply-body", "Келісіміңізді кері қайтарып алу жазылды.").await;
        b.script("document.querySelector('#reply-then').value = 'resolved'").await;
        b.click("#reply button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: answered and resolved"));
        b.check(&format!("support-resolved-{lang}")).await;
        b.open("/support?view=resolved").await;
        b.check(&format!("support-queue-resolved-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}

#[tokio::test]
async fn an_administrator_keeps_the_calendar_and_canned_replies_and_an_agent_logs_a_call() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("adm", &[Role::Admin]).await;
    app.create_staff("agent", &[Role::Support]).await;
    let key = intake::key(&app).await;
    let doc = applicant(72);
    let iin = doc["applicant"]["iin"].as_str().unwrap().to_string();
    submit(&app, &key, &doc, 72).await;
    let Some(mut b) = Browser::start(&app, "support-admin", true).await else { return };
    for (lang, day) in [("ru", "2026-05-27"), ("kk", "2027-05-17")] {
        b.enter("adm", PASSWORD, lang).await;
        // A day off without its ground is refused beside the field, the date kept.
        b.open("/admin/calendar?year=2026").await;
        b.check(&format!("calendar-{lang}")).await;
        b.script(&format!("document.querySelector('#day').value = '{day}'")).await;
        b.click("form[action='/admin/calendar'] button.primary").await;
        b.expect(b.has("#note-error").await, format!("{lang}: a day without its ground is refused"));
        let kept = b.script("return document.querySelector('#day').value").await;
        b.expect(kept.as_str() == Some(day), format!("{lang}: the date is kept ({kept})"));
        b.check(&format!("calendar-refused-{lang}")).await;
        b.fill("#note", "Құрбан айт").await;
        b.click("form[action='/admin/calendar'] button.primary").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the day is saved"));
        b.expect(b.text_of("main").await.contains("Құрбан айт"), format!("{lang}: listed"));
        b.check(&format!("calendar-saved-{lang}")).await;

        // A canned reply with a placeholder that does not exist is refused by its field.
        b.open("/admin/canned-replies").await;
        b.fill("#title_ru", "Проверка").await;
        b.fill("#title_kk", "Тексеру").await;
        b.fill("#body_ru", "Здравствуйте, {имя}!").await;
        b.fill("#body_kk", "Сәлеметсіз бе, {name}!").await;
        b.click("#canned-form button.primary").await;
        b.expect(b.has("#body_ru-error").await, format!("{lang}: an unknown placeholder is refused"));
        b.check(&format!("canned-refused-{lang}")).await;
        b.fill("#body_ru", "Здравствуйте, {name}!").await;
        b.click("#canned-form button.primary").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the canned reply is saved"));
        b.check(&format!("canned-saved-{lang}")).await;
        b.click("form[action='/logout'] button").await;

        // An agent logs a call: a wrong IIN is refused beside the field, then the ticket opens.
        b.enter("agent", PASSWORD, lang).await;
        b.open("/support/new").await;
        b.check(&format!("support-new-{lang}")).await;
        b.fill("#iin", "123456789012").await;
        b.fill("#subject", "Қоңырау").await;
        b.fill("#text", "Клиент картаны ауыстырғысы келеді.").await;
        b.click("form[action='/support/new'] button.primary").await;
        b.expect(b.has("#iin-error").await, format!("{lang}: a wrong IIN is refused"));
        let kept = b.script("return document.querySelector('#text').value").await;
        b.expect(
            kept.as_str() == Some("Клиент картаны ауыстырғысы келеді."),
            format!("{lang}: the text is kept"),
        );
        b.check(&format!("support-new-refused-{lang}")).await;
        b.fill("#iin", &iin).await;
        b.click("form[action='/support/new'] button.primary").await;
        b.expect(
            b.has(".flash-ok").await && b.has(".msg-customer").await,
            format!("{lang}: the ticket is open"),
        );
        b.check(&format!("support-phone-ticket-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}

#[tokio::test]
async fn an_agent_decides_a_data_change_field_by_field_in_both_languages() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("agent", &[Role::Support]).await;
    let key = intake::key(&app).await;
    let mut doc = applicant(73);
    doc["account_id"] = "kr-s73".into();
    submit(&app, &key, &doc, 73).await;
    let client = reqwest::Client::new();
    let mut tickets = Vec::new();
    for lang in ["ru", "kk"] {
        let body = json!({ "customer": "kr-s73", "category": "data_change", "subject": "Жаңа деректер",
                           "text": "Телефон мен мекенжайды өзгертіңіз, тегімді де.", "language": lang,
                           "changes": { "phone": "+7 705 000 11 22", "home_address": "Алматы, Сәтбаев к., 30",
                                        "last_name": "Жаңатегі" } });
        let res = client
            .post(format!("{}/api/v1/tickets", app.base))
            .bearer_auth(&key)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        tickets.push(res.json::<serde_json::Value>().await.unwrap()["ticket_id"].as_i64().unwrap());
    }
    let body = json!({ "customer": "kr-s73", "category": "data_access", "subject": "Деректерім",
                       "text": "Мен туралы қандай деректер сақталады?", "language": "kk" });
    let res = client
        .post(format!("{}/api/v1/tickets", app.base))
        .bearer_auth(&key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let access = res.json::<serde_json::Value>().await.unwrap()["ticket_id"].as_i64().unwrap();
    let Some(mut b) = Browser::start(&app, "support-changes", true).await else { return };
    for (lang, id) in ["ru", "kk"].into_iter().zip(tickets) {
        b.enter("agent", PASSWORD, lang).await;
        b.open(&format!("/support/{id}")).await;
        b.expect(
            b.text_of("#changes").await.contains("+77050001122"),
            format!("{lang}: the new phone is shown"),
        );
        b.check(&format!("changes-{lang}")).await;
        // The surname has no box: only documents change it.
        b.expect(b.has("#changes input[type=checkbox]").await, format!("{lang}: fields to apply"));
        b.click("#changes tbody tr:first-child input[type=checkbox]").await;
        b.click("#changes button.primary").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: decided"));
        b.expect(
            b.has("#changes .badge-ok").await && b.has("#changes .badge-off").await,
            format!("{lang}: applied and refused shown"),
        );
        b.expect(b.has(".msg-event").await, format!("{lang}: the decision is in the conversation"));
        b.check(&format!("changes-decided-{lang}")).await;
        // The surname only documents change: the customer is asked to pass the check again.
        b.click("#documents button").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the documents are asked for"));
        b.check(&format!("documents-asked-{lang}")).await;
        // A request for one's data: the summary, in the customer's language (Kazakh).
        b.open(&format!("/support/{access}/summary")).await;
        b.expect(
            b.text_of("h1").await.contains("дербес деректеріңіз"),
            format!("{lang}: the summary is in Kazakh"),
        );
        b.check(&format!("data-summary-{lang}")).await;
        b.open("/support").await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
