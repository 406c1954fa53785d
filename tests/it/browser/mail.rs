//! An agent reads tickets that came by email, in both languages: the customer's message with its
//! selfie (a display copy), the line naming the file that was not taken, the phone reply joined
//! to the thread with its quoted history folded away, and a ticket from an unknown address,
//! flagged; then answers it, and the queue shows the email channel.

use kreditomat_portal::{auth::Role, photos::storage::Photos};

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp, scalar};

async fn journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("agent", &[Role::Support]).await;
    let key = crate::intake::key(&app).await;
    let mut doc = crate::review::applicant(83);
    doc["applicant"]["email"] = "aigerim@example.kz".into();
    doc["language"] = "ru".into();
    crate::review::submit(&app, &key, &doc, 83).await;
    let store = std::sync::Arc::new(kreditomat_portal::photos::storage::LocalDir::new(
        app.data_dir.path().join("photos"),
    ));
    let photos = Photos::new(store, Default::default(), 2, 512 * 1024 * 1024);
    kreditomat_portal::demo::mail::load(&app.db, &photos).await.unwrap();
    let known = scalar(&app, "SELECT MIN(id) FROM tickets WHERE channel = 'email'").await;
    let stranger = scalar(&app, "SELECT MAX(id) FROM tickets WHERE channel = 'email'").await;

    let Some(mut b) = Browser::start(&app, &format!("mail-{lang}"), true).await else { return };
    b.enter("agent", PASSWORD, lang).await;
    b.open(&format!("/support/{known}")).await;
    let page = b.text_of("main").await;
    b.expect(page.contains("scan.exe"), "the file not taken is named");
    b.expect(page.contains("КУСП 1234"), "the phone's reply is on the thread");
    b.expect(!page.contains("> Здравствуйте! Мой телефон украли."), "its quoted history is folded away");
    b.expect(b.has("img[src*='/support/']").await, "the selfie is shown as a display copy");
    b.check("mail-ticket").await;

    b.open(&format!("/support/{stranger}")).await;
    let page = b.text_of("main").await;
    b.expect(page.contains("asel.n@mail.example.kz"), "the unknown sender's address is shown");
    b.expect(!page.contains("alert(1)"), "nothing of the message's script");
    b.check("mail-unknown-sender").await;
    b.open("/support?view=active").await;
    b.check("mail-queue").await;
    b.finish().await;
}

#[tokio::test]
async fn an_agent_reads_mail_tickets_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn an_agent_reads_mail_tickets_in_kazakh() {
    journey("kk").await;
}
