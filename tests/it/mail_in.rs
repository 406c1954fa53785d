//! Mail in: real messages as mail clients write them, fed through the real `mailgate` binary
//! into a running portal: a Windows-1251 message from an old client opens a ticket of the
//! customer with that address; a phone's reply with quoted history joins it by In-Reply-To with
//! the history folded; an HTML-only message with a script is kept as text; an auto-reply is
//! marked; a selfie and a PDF are taken and a zip is dropped with a line naming it; the same
//! Message-ID is stored once; a forged ticket tag and a stranger's address do not join anyone's
//! ticket; the gateway exits 65 for what can never be taken and 75 when the portal is away.

use std::io::Write;

use kreditomat_portal::{mail::encode::base64_lines, photos::fixtures};

use crate::{
    db_test,
    harness::{TestApp, scalar, text},
    intake,
    review::{applicant, submit},
};

/// Runs `mailgate` with `message` on standard input; its exit code and what it printed. (On a
/// thread of its own: the portal serves on the test's runtime meanwhile.)
async fn mailgate(base: &str, key: &str, message: &[u8]) -> (i32, String) {
    let (base, key, message) = (base.to_string(), key.to_string(), message.to_vec());
    tokio::task::spawn_blocking(move || mailgate_blocking(&base, &key, &message)).await.unwrap()
}

fn mailgate_blocking(base: &str, key: &str, message: &[u8]) -> (i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kreditomat-portal"))
        .args(["mailgate", "--url", base, "--key", key, "--timeout", "30"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run mailgate");
    let mut stdin = child.stdin.take().expect("stdin");
    // A refused message is not read to its end: the pipe may close early.
    let _ = stdin.write_all(message);
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

/// A message from Outlook Express, in Windows-1251 with a KOI8-R encoded subject.
fn outlook_express() -> Vec<u8> {
    let mut m = b"Return-Path: <aigerim@example.kz>\r\n\
From: \"=?windows-1251?B?wOnj5fDo7A==?=\" <Aigerim@Example.kz>\r\n\
To: <info@kreditomat.kz>\r\n\
Subject: =?koi8-r?B?8M/Nxc7RytTFINDP1sHM1crT1ME=?=\r\n\
Date: Sat, 5 Dec 2026 09:12:44 +0500\r\n\
Message-ID: <000801d9a1b2$5f3e2c40$0200a8c0@HOMEPC>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain;\r\n\tcharset=\"windows-1251\"\r\n\
Content-Transfer-Encoding: 8bit\r\n\
X-Mailer: Microsoft Outlook Express 6.00.2900.5512\r\n\r\n"
        .to_vec();
    m.extend(encoding_rs::WINDOWS_1251.encode("Здравствуйте! Прошу изменить номер телефона.\r\n").0.iter());
    m
}

/// An iPhone's reply to the portal's message `answers`, with the history quoted.
fn phone_reply(answers: &str) -> Vec<u8> {
    format!(
        "From: Aigerim <aigerim@example.kz>\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Mime-Version: 1.0 (1.0)\r\n\
Subject: Re: =?utf-8?B?0J/QvtC80L7Qs9C40YLQtSDQv9C+0LbQsNC70YPQudGB0YLQsA==?=\r\n\
Date: Sat, 5 Dec 2026 11:02:10 +0500\r\n\
Message-Id: <6F1C2A7E-93B1-4C8E-9D0A-1B2C3D4E5F60@example.kz>\r\n\
In-Reply-To: <{answers}>\r\n\
References: <{answers}>\r\n\
To: info@kreditomat.kz\r\n\
X-Mailer: iPhone Mail (21B101)\r\n\r\n\
=D0=9D=D0=BE=D0=B2=D1=8B=D0=B9 =D0=BD=D0=BE=D0=BC=D0=B5=D1=80: +7 705 000 11 22\r\n\
\r\n\
=D0=9E=D1=82=D0=BF=D1=80=D0=B0=D0=B2=D0=BB=D0=B5=D0=BD=D0=BE =D1=81 iPhone\r\n\
\r\n\
> 5 =D0=B4=D0=B5=D0=BA. 2026 =D0=B3., =D0=B2 10:00, Kreditomat <info@kreditomat.kz> =D0=BD=D0=B0=D0=BF=D0=B8=D1=81=D0=B0=D0=BB(=D0=B0):\r\n\
>\r\n\
> =D0=97=D0=B4=D1=80=D0=B0=D0=B2=D1=81=D1=82=D0=B2=D1=83=D0=B9=D1=82=D0=B5!\r\n"
    )
    .into_bytes()
}

/// An HTML-only message with a script and an event handler.
fn html_only() -> Vec<u8> {
    b"From: Marat <marat@example.kz>\r\nTo: info@kreditomat.kz\r\nSubject: =?utf-8?Q?=D0=96=D0=B0=D0=BB=D0=BE=D0=B1=D0=B0?=\r\n\
Message-ID: <html-1@example.kz>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><head><script>alert('head')</script></head><body><p onclick=\"steal()\">\xD0\x96\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xB1\xD0\xB0: <b>\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x8C\xD0\xB3\xD0\xB8</b></p><script>document.location='https://evil.example'</script></body></html>\r\n"
        .to_vec()
}

/// A message with a selfie, a PDF and a zip.
fn with_files(jpeg: &[u8]) -> Vec<u8> {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00bomb";
    format!(
        "From: Aigerim <aigerim@example.kz>\r\nTo: info@kreditomat.kz\r\nSubject: =?utf-8?B?0KHQtdC70YTQuA==?=\r\n\
Message-ID: <files-1@example.kz>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nФото и справка.\r\n\
--b1\r\nContent-Type: image/jpeg; name=\"selfie.jpg\"\r\nContent-Disposition: attachment; filename=\"selfie.jpg\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{}\r\n\
--b1\r\nContent-Type: application/octet-stream; name=\"spravka.pdf\"\r\nContent-Disposition: attachment; filename=\"spravka.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{}\r\n\
--b1\r\nContent-Type: application/zip; name=\"bomb.zip\"\r\nContent-Disposition: attachment; filename=\"bomb.zip\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
        base64_lines(jpeg),
        base64_lines(pdf),
        base64_lines(zip)
    )
    .into_bytes()
}

pub(crate) async fn mail_key(app: &TestApp) -> String {
    let (ok, out) = app.run_cli(
        &[
            "create-api-key",
            "--name",
            "mail gateway",
            "--scope",
            "mail:write",
            "--data-dir",
            app.data_dir.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(ok, "{out}");
    out.lines().find(|l| l.starts_with("kp_")).expect("a key").trim().to_string()
}

db_test!(mail_through_the_gateway_opens_and_threads_tickets, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(61);
    doc["applicant"]["email"] = "aigerim@example.kz".into();
    submit(&app, &key, &doc, 61).await;
    let gate = mail_key(&app).await;

    // Windows-1251 from an old client: a ticket of the customer with that address, in Russian.
    let (code, err) = mailgate(&app.base, &gate, &outlook_express()).await;
    assert_eq!(code, 0, "{err}");
    let ticket = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    let row = text(
        &app,
        &format!("SELECT channel || '|' || sender || '|' || subject || '|' || language FROM tickets WHERE id = {ticket}"),
    )
    .await;
    assert_eq!(row, "email|aigerim@example.kz|Поменяйте пожалуйста|ru");
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM tickets t JOIN applications a ON a.customer_id = t.customer_id WHERE t.id = {ticket}")).await,
        1,
        "the customer with that address"
    );
    let body = text(
        &app,
        &format!("SELECT body FROM ticket_messages WHERE ticket_id = {ticket} AND kind = 'customer'"),
    )
    .await;
    assert_eq!(body, "Здравствуйте! Прошу изменить номер телефона.");
    // Delivered twice (the mail server retried): stored once.
    assert_eq!(mailgate(&app.base, &gate, &outlook_express()).await.0, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_mail WHERE direction = 'in'").await, 1);
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {ticket}")).await,
        1
    );

    // The phone's reply answers that message: it joins the ticket, the history folded away.
    let (code, err) = mailgate(&app.base, &gate, &phone_reply("000801d9a1b2$5f3e2c40$0200a8c0@HOMEPC")).await;
    assert_eq!(code, 0, "{err}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    let reply = text(
        &app,
        &format!("SELECT body FROM ticket_messages WHERE ticket_id = {ticket} ORDER BY id DESC LIMIT 1"),
    )
    .await;
    assert_eq!(reply, "Новый номер: +7 705 000 11 22\n\nОтправлено с iPhone");
    let quoted = text(
        &app,
        "SELECT quoted FROM ticket_mail WHERE message_id = '6F1C2A7E-93B1-4C8E-9D0A-1B2C3D4E5F60@example.kz'",
    )
    .await;
    assert!(quoted.contains("Здравствуйте!"), "the folded history is kept apart: {quoted}");
    // Someone else answering the customer's message (its Message-ID was in their copy) does
    // not join the customer's ticket.
    let mut stranger = String::from_utf8(phone_reply("000801d9a1b2$5f3e2c40$0200a8c0@HOMEPC")).unwrap();
    stranger = stranger
        .replace("From: Aigerim <aigerim@example.kz>", "From: Someone <someone@else.example>")
        .replace("6F1C2A7E-93B1-4C8E-9D0A-1B2C3D4E5F60", "other-1");
    assert_eq!(mailgate(&app.base, &gate, stranger.as_bytes()).await.0, 0);
    let theirs = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    assert_ne!(theirs, ticket);
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {theirs} AND body LIKE '%mail-tag-refused%'")).await,
        1
    );

    // The ticket's tag in a subject joins it for its own sender only.
    let tagged = |from: &str, id: &str| {
        format!("From: {from}\r\nSubject: Re: [KP#{ticket}] ok\r\nMessage-ID: <{id}@x.kz>\r\n\r\nТекст.\r\n")
            .into_bytes()
    };
    assert_eq!(mailgate(&app.base, &gate, &tagged("aigerim@example.kz", "t1")).await.0, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 2, "the sender's own tag joins");
    assert_eq!(mailgate(&app.base, &gate, &tagged("Mallory <mallory@evil.example>", "t2")).await.0, 0);
    let forged = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    assert_ne!(forged, ticket, "a stranger's tag opens a ticket of its own");
    assert_ne!(forged, theirs);
    let flags = text(
        &app,
        &format!(
            "SELECT body FROM ticket_messages WHERE ticket_id = {forged} AND kind = 'event' ORDER BY id"
        ),
    )
    .await;
    assert!(flags.contains("support-event-mail-unknown-sender"), "{flags}");
    let flags = scalar(&app, &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {forged} AND body LIKE '%mail-tag-refused%'"))
    .await;
    assert_eq!(flags, 1);
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM tickets WHERE id = {forged} AND customer_id IS NULL"))
            .await,
        1
    );

    // HTML only: kept as text, nothing of the scripts.
    assert_eq!(mailgate(&app.base, &gate, &html_only()).await.0, 0);
    let html = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    let body = text(
        &app,
        &format!("SELECT body FROM ticket_messages WHERE ticket_id = {html} AND kind = 'customer'"),
    )
    .await;
    assert!(body.contains("Жалоба:") && body.contains("деньги"), "{body}");
    assert!(!body.contains("alert") && !body.contains("evil") && !body.contains('<'), "{body}");

    // A selfie and a PDF are taken; the zip is dropped and named.
    let jpeg = fixtures::phone_jpeg(800, 600, 6, 61);
    assert_eq!(mailgate(&app.base, &gate, &with_files(&jpeg)).await.0, 0);
    let files = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    let count = |kind: &str| {
        format!(
            "SELECT COUNT(*) FROM ticket_attachments WHERE ticket_id = {files} AND content_type = '{kind}'"
        )
    };
    assert_eq!(scalar(&app, &count("image/jpeg")).await, 1, "the selfie");
    assert_eq!(scalar(&app, &count("application/pdf")).await, 1, "the PDF");
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM ticket_attachments WHERE ticket_id = {files}")).await,
        2
    );
    let dropped = text(
        &app,
        &format!(
            "SELECT body FROM ticket_messages WHERE ticket_id = {files} AND body LIKE '%files-dropped%'"
        ),
    )
    .await;
    assert!(dropped.contains("bomb.zip"), "{dropped}");

    // An auto-reply is marked.
    let auto = b"From: aigerim@example.kz\r\nAuto-Submitted: auto-replied\r\nSubject: =?utf-8?Q?=D0=92_=D0=BE=D1=82=D0=BF=D1=83=D1=81=D0=BA=D0=B5?=\r\nMessage-ID: <auto-1@example.kz>\r\n\r\nI am away.\r\n";
    assert_eq!(mailgate(&app.base, &gate, auto).await.0, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_mail WHERE automatic").await, 1);
    // An out-of-office note on a ticket waiting for the customer is kept, but is not their
    // answer: the ticket still waits.
    app.db
        .execute(&format!("UPDATE tickets SET state = 'waiting_customer' WHERE id = {ticket}"))
        .await
        .unwrap();
    let away = b"From: aigerim@example.kz\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <000801d9a1b2$5f3e2c40$0200a8c0@HOMEPC>\r\nMessage-ID: <auto-2@example.kz>\r\n\r\nI am away.\r\n";
    assert_eq!(mailgate(&app.base, &gate, away).await.0, 0);
    assert_eq!(
        text(&app, &format!("SELECT state FROM tickets WHERE id = {ticket}")).await,
        "waiting_customer"
    );
    assert_eq!(
        text(&app, &format!("SELECT body FROM ticket_messages WHERE ticket_id = {ticket} AND kind = 'customer' ORDER BY id DESC LIMIT 1")).await,
        "I am away."
    );
});

db_test!(the_gateway_answers_the_mail_server_as_it_understands, |app| {
    let gate = mail_key(&app).await;
    // Never takeable: 65, nothing stored.
    let (code, err) = mailgate(&app.base, &gate, b"this is not a message\r\n").await;
    assert_eq!(code, 65, "{err}");
    let (code, _) = mailgate(&app.base, &gate, b"Subject: hi\r\n\r\nno sender\r\n").await;
    assert_eq!(code, 65);
    let mut many = b"From: a@b.kz\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n".to_vec();
    for _ in 0..700 {
        many.extend_from_slice(b"--x\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }
    many.extend_from_slice(b"--x--\r\n");
    assert_eq!(mailgate(&app.base, &gate, &many).await.0, 65, "more than 600 parts");
    // Too large: refused before it is read whole.
    let huge = vec![b'a'; 31 * 1024 * 1024];
    let (code, err) = mailgate(&app.base, &gate, &huge).await;
    assert_eq!(code, 65, "{err}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 0);
    // The portal away, or the key without the scope: 75, so the mail server tries again.
    let (code, _) = mailgate("http://127.0.0.1:9", &gate, b"From: a@b.kz\r\n\r\nhi\r\n").await;
    assert_eq!(code, 75);
    let (code, _) = mailgate(&app.base, "kp_wrong_key", b"From: a@b.kz\r\n\r\nhi\r\n").await;
    assert_eq!(code, 75);
    // A body straight to the API names the field.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/mail", app.base))
        .bearer_auth(&gate)
        .body("garbage without headers")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: serde_json::Value = res.json().await.unwrap();
    assert_eq!(v["errors"][0]["field"], "message", "{v}");
});

mod a_sender_the_mail_server_did_not_verify_is_trusted_with_nothing {
    use super::*;
    use crate::{harness::Backend, on_both_backends};

    async fn check(backend: Backend) {
        let Some(app) =
            TestApp::spawn_with(backend, |c| c.mail_auth_server = Some("mx.kreditomat.kz".into())).await
        else {
            return;
        };
        let key = intake::key(&app).await;
        let mut doc = applicant(62);
        doc["applicant"]["email"] = "aigerim@example.kz".into();
        submit(&app, &key, &doc, 62).await;
        let gate = mail_key(&app).await;
        let mail = |results: &str, id: &str| {
            format!(
                "Authentication-Results: {results}\r\nFrom: <aigerim@example.kz>\r\nSubject: x\r\nMessage-ID: <{id}@x.kz>\r\n\r\nПрошу выслать справку.\r\n"
            )
            .into_bytes()
        };
        // Verified: the customer's ticket.
        let ok =
            mail("mx.kreditomat.kz; dkim=pass header.d=example.kz; dmarc=pass header.from=example.kz", "v1");
        assert_eq!(mailgate(&app.base, &gate, &ok).await.0, 0);
        let verified = scalar(&app, "SELECT MAX(id) FROM tickets").await;
        assert_eq!(
            scalar(
                &app,
                &format!("SELECT COUNT(*) FROM tickets WHERE id = {verified} AND customer_id IS NOT NULL")
            )
            .await,
            1
        );
        // A spoofed From (DMARC failed, or a result header written by the sender): nobody's.
        for (results, id) in [
            ("mx.kreditomat.kz; dmarc=fail header.from=example.kz", "s1"),
            ("mx.evil.example; dmarc=pass", "s2"),
        ] {
            assert_eq!(mailgate(&app.base, &gate, &mail(results, id)).await.0, 0);
            let spoofed = scalar(&app, "SELECT MAX(id) FROM tickets").await;
            assert_eq!(
                scalar(
                    &app,
                    &format!("SELECT COUNT(*) FROM tickets WHERE id = {spoofed} AND customer_id IS NULL")
                )
                .await,
                1,
                "{results}"
            );
            assert_eq!(
                scalar(&app, &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {spoofed} AND body LIKE '%mail-unverified%'")).await,
                1
            );
        }
    }

    on_both_backends!(check);
}
