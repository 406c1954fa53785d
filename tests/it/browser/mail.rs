//! An agent reads tickets that came by email, in both languages: the customer's message with its
//! selfie (a display copy), the line naming the file that was not taken, the phone reply joined
//! to the thread with its quoted history folded away, and a ticket from an unknown address,
//! flagged; then answers it, and the queue shows the email channel. An administrator reads the
//! outgoing mail the portal kept for want of a mail server: the desk sees what was sent and to
//! whom, an administrator only how it went.

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

    // The agent answers the customer who wrote by mail: with no mail server (as here) the reply
    // is kept for administrators, and the page says so under it.
    b.open(&format!("/support/{known}")).await;
    b.fill("#reply-body", "Ответ по почте.").await;
    b.click("#reply button[type=submit]").await;
    let kept = "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'reply' AND state = 'kept'";
    for _ in 0..50 {
        if scalar(&app, kept).await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.open(&format!("/support/{known}")).await;
    let status = b.text_of(".msg-reply .msg-mail").await;
    let expected = if lang == "kk" {
        "пошта сервері бапталмаған"
    } else {
        "почтовый сервер не настроен"
    };
    b.expect(status.contains(expected), format!("the reply's mail status: {status:?}"));
    b.check("mail-reply-kept").await;
    // The desk reads the outgoing mail: the list masks the address, a message shows it whole.
    b.open("/admin/mail").await;
    let list = b.text_of("main").await;
    b.expect(
        list.contains("a•••@example.kz") && !list.contains("aigerim@example.kz"),
        "the list masks addresses",
    );
    b.check("mail-outbox").await;
    b.click("main table tbody tr a[href^='/admin/mail/']").await;
    let one = b.text_of("main").await;
    b.expect(one.contains("aigerim@example.kz") && one.contains("[KP#"), "the message, to whom and what");
    b.check("mail-outgoing").await;
    b.finish().await;

    // An administrator sees how the mail goes, not to whom or what.
    let Some(mut b) = Browser::start(&app, &format!("mail-outbox-{lang}"), true).await else { return };
    app.create_staff("admin", &[Role::Admin]).await;
    b.enter("admin", PASSWORD, lang).await;
    b.open("/admin/mail").await;
    let list = b.text_of("main").await;
    b.expect(
        !list.contains("@example.kz") && !list.contains("@mail.example.kz"),
        "no addresses for an administrator",
    );
    b.check("mail-outbox-admin").await;
    b.click("main table tbody tr a[href^='/admin/mail/']").await;
    let one = b.text_of("main").await;
    b.expect(
        !one.contains("aigerim") && !one.contains("Ответ по почте"),
        "no address or text for an administrator",
    );
    b.check("mail-outgoing-admin").await;
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
