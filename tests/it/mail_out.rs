//! Mail out, through a real SMTP server (`smtp::Sink`): a ticket opened by mail is acknowledged
//! in the customer's language; an agent's reply goes out from the support address with the
//! ticket's tag, threaded by In-Reply-To and References, with its file; the customer's answer
//! to it joins the ticket; auto-replies get no acknowledgement; a mail server that is down, or
//! busy, loses nothing and gets each message once; one that refuses an address for good ends
//! the message failed at once; without a mail server the mail is kept for administrators, who
//! read it and send a failed one again.

use reqwest::multipart::{Form, Part};

use crate::{
    harness::{Backend, TestApp, csrf_in, location, scalar, text},
    mail_in::mail_key,
    on_both_backends,
    smtp::{Sink, free_port},
};
use kreditomat_portal::auth::Role;
use mail_parser::MimeHeaders;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A portal sending through `smtp` (none: mail is kept), its workers looking often.
async fn app_with(backend: Backend, smtp: Option<String>) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c| {
        c.smtp_url = smtp;
        // The mail server's own verdict on each sender (the messages below carry it).
        c.mail_auth_server = Some("mx.test".into());
        c.job_poll = std::time::Duration::from_millis(100);
    })
    .await
}

/// Delivers `raw` as the mail gateway does; the ticket it went to.
async fn deliver(app: &TestApp, key: &str, raw: &str) -> i64 {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/mail", app.base))
        .bearer_auth(key)
        .header("content-type", "message/rfc822")
        .body(raw.to_string())
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    res.json::<serde_json::Value>().await.unwrap()["ticket_id"].as_i64().unwrap()
}

/// A customer's message in Kazakh.
fn kazakh(from: &str, id: &str, extra: &str) -> String {
    format!(
        "From: Aigerim <{from}>\r\nTo: info@kreditomat.kz\r\nSubject: =?utf-8?B?{}?=\r\n\
Message-ID: <{id}>\r\nAuthentication-Results: mx.test; dmarc=pass header.from=example.kz\r\n{extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Сәлеметсіз бе! Қарызым туралы анықтама керек.\r\n",
        kreditomat_portal::mail::encode::base64_lines("Анықтама".as_bytes()).trim()
    )
}

/// The version field of the ticket page.
fn version(html: &str) -> String {
    let at = html.find("name=\"version\" value=\"").unwrap() + 22;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

/// Waits until `sql` counts `n` (the jobs run on the portal's own workers).
async fn until(app: &TestApp, sql: &str, n: i64) {
    for _ in 0..100 {
        if scalar(app, sql).await == n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(scalar(app, sql).await, n, "{sql}");
}

mod replies_go_out_threaded_in_the_customers_language {
    use super::*;

    async fn check(backend: Backend) {
        let Some(sink) = Sink::start(None, 0).await else { return };
        let Some(app) = app_with(backend, Some(sink.url())).await else { return };
        let key = mail_key(&app).await;
        let ticket = deliver(&app, &key, &kazakh("aigerim@example.kz", "first-1@example.kz", "")).await;
        assert_eq!(text(&app, &format!("SELECT language FROM tickets WHERE id = {ticket}")).await, "kk");

        // The acknowledgement: in Kazakh, with the tag, marked automatic, answering the message.
        let got = sink.wait_for(1, 10).await;
        let ack = &got[0];
        assert_eq!(ack.to, "aigerim@example.kz");
        assert_eq!(ack.header("Auto-Submitted").as_deref(), Some("auto-replied"));
        assert_eq!(ack.header("In-Reply-To").as_deref(), Some("<first-1@example.kz>"));
        assert_eq!(ack.header("Content-Language").as_deref(), Some("kk"));
        let parsed = ack.parsed();
        // Its subject is the portal's own, not the sender's.
        assert_eq!(parsed.subject(), Some(format!("T-{ticket:06} өтініші тіркелді [KP#{ticket}]").as_str()));
        let body = parsed.body_text(0).unwrap().to_string();
        assert!(body.starts_with("Сәлеметсіз бе!"), "{body}");
        assert!(body.contains(&format!("[KP#{ticket}]")), "{body}");
        let ack_id = ack.header("Message-ID").unwrap();

        // An agent's reply with a PDF.
        let agent = app.signed_in("agent", &[Role::Support]).await;
        let html = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
        assert!(html.contains("ответ уйдёт и письмом на a•••@example.kz"), "the agent is told: {html}");
        let form = Form::new()
            .text("csrf", csrf_in(&html).unwrap())
            .text("version", version(&html))
            .text("body", "Анықтама қоса беріліп отыр.")
            .text("then", "waiting_customer")
            .part(
                "attachment",
                Part::bytes(PDF.to_vec()).file_name("анықтама.pdf").mime_str("application/pdf").unwrap(),
            );
        let res =
            agent.post(format!("{}/support/{ticket}/reply", app.base)).multipart(form).send().await.unwrap();
        assert!(res.status().is_success() || res.status().as_u16() == 303, "{}", res.status());
        let got = sink.wait_for(2, 10).await;
        let reply = &got[1];
        assert_eq!(reply.to, "aigerim@example.kz");
        assert!(reply.header("From").unwrap().contains("<info@kreditomat.kz>"));
        assert_eq!(reply.header("In-Reply-To").as_deref(), Some("<first-1@example.kz>"));
        let refs = reply.header("References").unwrap();
        assert!(refs.contains("<first-1@example.kz>") && refs.contains(&ack_id), "{refs}");
        assert_eq!(reply.header("Auto-Submitted"), None, "a person's reply is not automatic");
        let parsed = reply.parsed();
        assert_eq!(parsed.subject(), Some(format!("Re: Анықтама [KP#{ticket}]").as_str()));
        let body = parsed.body_text(0).unwrap().to_string();
        assert!(
            body.contains("Анықтама қоса беріліп отыр.") && body.contains("Kreditomat қолдау қызметі"),
            "{body}"
        );
        let files: Vec<_> = parsed.attachments().collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].attachment_name(), Some("анықтама.pdf"));
        assert_eq!(files[0].contents(), PDF);

        // The agent sees it was sent.
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'", 2).await;
        let page = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
        assert!(page.contains("Отправлено клиенту по e-mail."), "{page}");

        // The customer answers the reply (no tag in the subject): it joins the ticket.
        let reply_id = reply.header("Message-ID").unwrap();
        let answer =
            kazakh("aigerim@example.kz", "answer-2@example.kz", &format!("In-Reply-To: {reply_id}\r\n"));
        assert_eq!(deliver(&app, &key, &answer).await, ticket);
        // Nothing was sent twice, and the answer to a ticket is not acknowledged.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(sink.received().len(), 2);
    }

    on_both_backends!(check);
}

mod auto_replies_and_repeats_get_no_acknowledgement {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = app_with(backend, None).await else { return };
        let key = mail_key(&app).await;
        // An out-of-office reply opens a ticket but gets no answer.
        deliver(
            &app,
            &key,
            &kazakh("away@example.kz", "ooo-1@example.kz", "Auto-Submitted: auto-replied\r\n"),
        )
        .await;
        deliver(&app, &key, &kazakh("list@example.kz", "bulk-1@example.kz", "Precedence: bulk\r\n")).await;
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM mail_outbox").await, 0);
        // A sender the mail server did not verify, not a customer: nothing is sent to the
        // address it names.
        let forged =
            kazakh("victim@example.kz", "forged-1@example.kz", "").replace("dmarc=pass", "dmarc=fail");
        deliver(&app, &key, &forged).await;
        let unchecked = kazakh("victim@example.kz", "unchecked-1@example.kz", "")
            .replace("Authentication-Results: mx.test; dmarc=pass header.from=example.kz\r\n", "");
        deliver(&app, &key, &unchecked).await;
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM mail_outbox").await, 0);
        // Three new tickets from one address within the hour: one acknowledgement.
        for n in 0..3 {
            deliver(&app, &key, &kazakh("loop@example.kz", &format!("loop-{n}@example.kz"), "")).await;
        }
        assert_eq!(
            scalar(&app, "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'loop@example.kz'").await,
            1
        );
        // Without a mail server it is kept, not failed.
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'kept'", 1).await;
        assert_eq!(
            scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send' AND state = 'done'").await,
            1
        );
    }

    on_both_backends!(check);
}

mod a_mail_server_down_or_busy_loses_nothing_and_gets_each_message_once {
    use super::*;

    async fn check(backend: Backend) {
        let port = free_port();
        let Some(app) = app_with(backend, Some(format!("smtp://127.0.0.1:{port}"))).await else { return };
        let key = mail_key(&app).await;
        // Nobody listens: the acknowledgement waits to be tried again, and the agent sees why.
        let ticket = deliver(&app, &key, &kazakh("down@example.kz", "down-1@example.kz", "")).await;
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'retrying'", 1).await;
        assert_eq!(
            scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send' AND state = 'queued'").await,
            1
        );
        let agent = app.signed_in("agent", &[Role::Support]).await;
        let html = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
        let res = app
            .post_form(
                &agent,
                &format!("/support/{ticket}/reply"),
                &[("version", &version(&html)), ("body", "Жауап."), ("then", "waiting_customer")],
            )
            .await;
        assert_eq!(res.status(), 303);
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'retrying'", 2).await;
        let page = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
        assert!(page.contains("Письмо пока не отправлено (попыток: 1)"), "{page}");
        // Its job cancelled on the jobs page: the reply shows as not sent, and the desk sends it
        // again under a new job (the old one, should it run, sends nothing).
        let reply = scalar(&app, "SELECT id FROM mail_outbox WHERE kind = 'reply'").await;
        let cancel = format!(
            "UPDATE jobs SET state = 'cancelled' WHERE id = (SELECT job_id FROM mail_outbox WHERE id = {reply})"
        );
        app.db.execute(&cancel).await.unwrap();
        let page = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
        assert!(page.contains("Письмо не отправлено:"), "{page}");
        let r = app.post_form(&agent, &format!("/admin/mail/{reply}/retry"), &[("state", "failed")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'").await, 3);
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'retrying'", 2).await;

        // The server comes back, busy at first (the first message is refused for now).
        let Some(sink) = Sink::start(Some(port), 1).await else { return };
        app.db.execute("UPDATE jobs SET run_at = created_at WHERE kind = 'mail.send'").await.unwrap();
        kreditomat_portal::jobs::wake();
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'", 1).await;
        app.db
            .execute("UPDATE jobs SET run_at = created_at WHERE kind = 'mail.send' AND state = 'queued'")
            .await
            .unwrap();
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'", 2).await;
        let got = sink.wait_for(2, 10).await;
        let ids: std::collections::HashSet<_> = got.iter().map(|m| m.header("Message-ID").unwrap()).collect();
        assert_eq!(ids.len(), 2, "two messages, each once");
        assert!(
            scalar(&app, "SELECT CAST(MIN(attempts) AS BIGINT) FROM mail_outbox").await >= 2,
            "each tried again"
        );

        // The job of a message already sent, run again, sends nothing.
        app.db
            .execute("INSERT INTO jobs (kind, payload, max_attempts, run_at, created_at)
                      SELECT 'mail.send', '{\"mail\":' || CAST(id AS TEXT) || '}', 3, created_at, created_at FROM mail_outbox")
            .await
            .unwrap();
        kreditomat_portal::jobs::wake();
        until(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send' AND state = 'done'", 4).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(sink.received().len(), 2);
        // An address the server refuses for good: failed at once, the job a dead letter.
        let refused =
            deliver(&app, &key, &kazakh("nobody@refused.example", "refused-1@example.kz", "")).await;
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'failed'", 1).await;
        assert_eq!(
            scalar(&app, &format!("SELECT COUNT(*) FROM jobs j JOIN mail_outbox o ON o.job_id = j.id WHERE o.ticket_id = {refused} AND j.state = 'failed' AND j.attempts = 1")).await,
            1
        );
    }

    on_both_backends!(check);
}

mod without_a_mail_server_mail_is_kept_for_administrators {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = app_with(backend, None).await else { return };
        let key = mail_key(&app).await;
        let ticket = deliver(&app, &key, &kazakh("kept@example.kz", "kept-1@example.kz", "")).await;
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'kept'", 1).await;
        let mail = scalar(&app, "SELECT id FROM mail_outbox").await;
        let admin = app.signed_in("admin", &[Role::Admin]).await;
        // The list masks the address; the message itself shows it, in the access log.
        // An administrator sees how the mail goes, not to whom or what.
        let list = app.get(&admin, "/admin/mail").await.text().await.unwrap();
        assert!(
            list.contains("Почтовый сервер не настроен") && list.contains("видят сотрудники поддержки"),
            "{list}"
        );
        assert!(!list.contains("@example.kz") && !list.contains("Анықтама"), "{list}");
        let one = app.get(&admin, &format!("/admin/mail/{mail}")).await.text().await.unwrap();
        assert!(!one.contains("@example.kz") && !one.contains("Сәлеметсіз бе!"), "{one}");
        assert!(
            !one.contains(&format!("href=\"/support/{ticket}\"")),
            "no link to a page the admin cannot open"
        );
        // The support desk reads it: the list masks the address, the message shows it.
        let desk = app.signed_in("desk", &[Role::Support]).await;
        let list = app.get(&desk, "/admin/mail").await.text().await.unwrap();
        assert!(list.contains("k•••@example.kz") && !list.contains("kept@example.kz"), "{list}");
        let one = app.get(&desk, &format!("/admin/mail/{mail}")).await.text().await.unwrap();
        assert!(one.contains("kept@example.kz") && one.contains("Сәлеметсіз бе!"), "{one}");
        // Other roles are kept out.
        let manager = app.signed_in("manager", &[Role::Manager]).await;
        assert_eq!(app.get(&manager, "/admin/mail").await.status(), 403);
        assert_eq!(app.get(&manager, &format!("/admin/mail/{mail}")).await.status(), 403);
        let r = app.post_form(&manager, &format!("/admin/mail/{mail}/retry"), &[("state", "failed")]).await;
        assert_eq!(r.status(), 403);
        // A kept message is not sent again while there is no mail server.
        let r = app.post_form(&admin, &format!("/admin/mail/{mail}/retry"), &[("state", "kept")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'").await, 1);
        assert_eq!(app.get(&admin, "/admin/mail/987654").await.status(), 404);

        // A failed message is sent again by an administrator; a second one who saw it failed is
        // told it changed, and nothing more is queued.
        app.db.execute("UPDATE mail_outbox SET state = 'failed', last_error = 'test'").await.unwrap();
        let other = app.signed_in("admin2", &[Role::Admin]).await;
        let token =
            csrf_in(&app.get(&other, &format!("/admin/mail/{mail}")).await.text().await.unwrap()).unwrap();
        let r = app.post_form(&admin, &format!("/admin/mail/{mail}/retry"), &[("state", "failed")]).await;
        assert_eq!(r.status(), 303);
        let r = other
            .post(format!("{}/admin/mail/{mail}/retry", app.base))
            .form(&[("csrf", token.as_str()), ("state", "failed")])
            .send()
            .await
            .unwrap();
        let page = app.get(&other, &location(&r)).await.text().await.unwrap();
        assert!(page.contains(&format!("Письмо № {mail} уже изменилось")), "{page}");
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'").await, 2);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'mail.retried'").await, 1);
        until(&app, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'kept'", 1).await;
        assert_eq!(
            app.post_form(&admin, &format!("/admin/mail/{mail}/retry"), &[("state", "exploded")])
                .await
                .status(),
            400
        );
        // Kazakh.
        app.post_form(&admin, "/account/language", &[("language", "kk")]).await;
        let kk = app.get(&admin, "/admin/mail").await.text().await.unwrap();
        assert!(kk.contains("Шығыс пошта"), "{kk}");
        let _ = ticket;
    }

    on_both_backends!(check);
}
