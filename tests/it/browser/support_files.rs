//! Files at the support desk, in both interface languages: an agent sees the customer's photo
//! (a display copy) and their PDF (a download), has a forged file refused beside the field with
//! the reply's text kept, then sends a PDF with the reply, sees the ticket's history and the
//! customer's tickets on their page; an administrator sets a category's targets, a wrong value
//! refused beside its field.

use fantoccini::Locator;
use kreditomat_portal::{auth::Role, photos::fixtures};
use reqwest::multipart::{Form, Part};
use serde_json::json;

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp},
    intake,
    review::{applicant, submit},
};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
async fn an_agent_replies_with_a_file_and_an_administrator_sets_the_targets() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("agent", &[Role::Support]).await;
    app.create_staff("adm", &[Role::Admin]).await;
    let key = intake::key(&app).await;
    let mut doc = applicant(74);
    doc["account_id"] = "kr-s74".into();
    submit(&app, &key, &doc, 74).await;
    let mut tickets = Vec::new();
    for _ in 0..2 {
        let ticket = json!({ "customer": "kr-s74", "category": "support", "subject": "Төлем өтпеді",
                             "text": "Скриншот пен түбіртекті жіберемін.", "language": "kk" });
        let form = Form::new()
            .part("ticket", Part::text(ticket.to_string()).mime_str("application/json").unwrap())
            .part(
                "attachment",
                Part::bytes(fixtures::phone_jpeg(900, 600, 1, 4))
                    .file_name("скриншот.jpg")
                    .mime_str("image/jpeg")
                    .unwrap(),
            )
            .part(
                "attachment",
                Part::bytes(PDF.to_vec()).file_name("түбіртек.pdf").mime_str("application/pdf").unwrap(),
            );
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1/tickets", app.base))
            .bearer_auth(&key)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        tickets.push(res.json::<serde_json::Value>().await.unwrap()["ticket_id"].as_i64().unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let forged = dir.path().join("анықтама.pdf");
    std::fs::write(&forged, b"MZ this is a program, not a PDF").unwrap();
    let real = dir.path().join("анықтама-2.pdf");
    std::fs::write(&real, PDF).unwrap();
    let choose = |b: &Browser, path: &std::path::Path| {
        let path = path.display().to_string();
        let client = b.client.clone();
        async move {
            let input = client.find(Locator::Css("#reply-files")).await.expect("the file field");
            input.send_keys(&path).await.expect("choose a file");
        }
    };

    let Some(mut b) = Browser::start(&app, "support-files", true).await else { return };
    for (lang, id) in ["ru", "kk"].into_iter().zip(tickets) {
        b.enter("agent", PASSWORD, lang).await;
        b.open(&format!("/support/{id}")).await;
        let loaded = b
            .script("const i = document.querySelector('.msg-files img'); return i && i.complete && i.naturalWidth > 0")
            .await;
        b.expect(loaded.as_bool() == Some(true), format!("{lang}: the photo's copy is shown"));
        b.expect(b.has(".msg-files a[download]").await, format!("{lang}: the PDF is a download"));
        b.check(&format!("ticket-files-{lang}")).await;

        // A program named .pdf: refused beside the field, the text kept, nothing sent.
        b.fill("#reply-body", "Түбіртекті алдық, рахмет.").await;
        choose(&b, &forged).await;
        b.click("#reply button[type=submit]").await;
        b.expect(b.has("#reply-files-error").await, format!("{lang}: the forged file is refused"));
        b.expect(
            b.text_of("#reply-files-error").await.contains("анықтама.pdf"),
            format!("{lang}: the error names the file"),
        );
        let kept = b.script("return document.querySelector('#reply-body').value").await;
        b.expect(kept.as_str() == Some("Түбіртекті алдық, рахмет."), format!("{lang}: the text is kept"));
        b.check(&format!("reply-file-refused-{lang}")).await;
        // The real PDF goes with the reply.
        choose(&b, &real).await;
        b.click("#reply button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: sent"));
        b.expect(
            b.has(".msg-reply .msg-files a[download]").await,
            format!("{lang}: the reply carries the file"),
        );
        b.check(&format!("reply-file-sent-{lang}")).await;
        b.expect(b.has("#history-heading").await, format!("{lang}: the ticket's history is shown"));
        // The customer's page lists their tickets.
        b.click(".ticket-side a[href^='/customers/']").await;
        b.expect(b.has("#tickets a[href^='/support/']").await, format!("{lang}: the customer's tickets"));
        b.check(&format!("customer-tickets-{lang}")).await;
        b.click("form[action='/logout'] button").await;

        // The targets: hours that are no number refused beside the field, then saved.
        b.enter("adm", PASSWORD, lang).await;
        b.open("/admin/support-targets").await;
        b.check(&format!("targets-{lang}")).await;
        b.fill("#data_change-first_urgent", "жарты").await;
        b.click("#targets-data_change button.primary").await;
        b.expect(b.has("#data_change-first_urgent-error").await, format!("{lang}: a bad value is refused"));
        b.check(&format!("targets-refused-{lang}")).await;
        b.fill("#data_change-first_urgent", "0,75").await;
        b.click("#targets-data_change button.primary").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the targets are saved"));
        let saved = b.script("return document.querySelector('#data_change-first_urgent').value").await;
        b.expect(saved.as_str() == Some("0,75"), format!("{lang}: the new value is shown ({saved})"));
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
