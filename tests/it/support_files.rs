//! Files on tickets: from the app as multipart parts (checked by what the bytes are, refused by
//! name when forged, empty, damaged or too large, idempotent with the files), to staff only as
//! display copies (images) or audited downloads (PDFs), and from an agent's reply to the app.

use kreditomat_portal::{auth::Role, photos::fixtures};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, problem_fields as fields, scalar, text},
    intake,
    review::{applicant, submit},
};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn part(bytes: &[u8], name: &str, mime: &str) -> Part {
    Part::bytes(bytes.to_vec()).file_name(name.to_string()).mime_str(mime).unwrap()
}

fn ticket_form(doc: &Value, files: Vec<Part>) -> Form {
    let mut form =
        Form::new().part("ticket", Part::text(doc.to_string()).mime_str("application/json").unwrap());
    for f in files {
        form = form.part("attachment", f);
    }
    form
}

async fn send(app: &TestApp, key: &str, path: &str, form: Form, idem: Option<&str>) -> (u16, Value) {
    let mut req = reqwest::Client::new().post(format!("{}{path}", app.base)).bearer_auth(key).multipart(form);
    if let Some(k) = idem {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

fn codes(v: &Value) -> Vec<String> {
    v["errors"].as_array().into_iter().flatten().map(|e| e["code"].as_str().unwrap().to_string()).collect()
}

async fn customer(app: &TestApp, key: &str, n: u64, account: &str) {
    let mut doc = applicant(n);
    doc["account_id"] = account.into();
    submit(app, key, &doc, n).await;
}

fn doc(account: &str) -> Value {
    json!({ "customer": account, "category": "support", "subject": "Скриншот", "text": "Смотрите файл", "language": "kk" })
}

db_test!(the_app_sends_files_checked_by_what_they_are_and_refused_by_name, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 31, "kr-f31").await;
    let photo = fixtures::phone_jpeg(800, 600, 6, 5);
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::new(40, 30).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };

    // A photo and a PDF: one ticket, two files on its first message.
    let files = vec![part(&photo, "экран.jpg", "image/jpeg"), part(PDF, "справка.pdf", "application/pdf")];
    let (s, v) = send(&app, &key, "/api/v1/tickets", ticket_form(&doc("kr-f31"), files), Some("f-1")).await;
    assert_eq!(s, 201, "{v}");
    let id = v["ticket_id"].as_i64().unwrap();
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM ticket_attachments WHERE ticket_id = {id}")).await,
        2
    );
    assert_eq!(
        text(
            &app,
            &format!(
                "SELECT content_type FROM ticket_attachments WHERE ticket_id = {id} ORDER BY id LIMIT 1"
            )
        )
        .await,
        "image/jpeg"
    );
    // The same request again is the same answer; the same key with another file is a conflict.
    let files = vec![part(&photo, "экран.jpg", "image/jpeg"), part(PDF, "справка.pdf", "application/pdf")];
    let (s, again) =
        send(&app, &key, "/api/v1/tickets", ticket_form(&doc("kr-f31"), files), Some("f-1")).await;
    assert_eq!((s, again["ticket_id"].as_i64()), (201, Some(id)));
    let files = vec![part(&png, "другой.png", "image/png")];
    let (s, _) = send(&app, &key, "/api/v1/tickets", ticket_form(&doc("kr-f31"), files), Some("f-1")).await;
    assert_eq!(s, 409);

    let tickets = scalar(&app, "SELECT COUNT(*) FROM tickets").await;
    let refused = |files: Vec<Part>| {
        let app = &app;
        let key = key.clone();
        async move { send(app, &key, "/api/v1/tickets", ticket_form(&doc("kr-f31"), files), None).await }
    };
    // Forged: a PNG sent as a PDF, a PDF named .jpg, a page named .png.
    let (s, v) = refused(vec![part(&png, "scan.png", "application/pdf")]).await;
    assert_eq!(
        (s, fields(&v), codes(&v)),
        (422, vec!["attachments.0".to_string()], vec!["type_mismatch".to_string()])
    );
    let (s, v) =
        refused(vec![part(&png, "ok.png", "image/png"), part(PDF, "photo.jpg", "application/octet-stream")])
            .await;
    assert_eq!(
        (s, fields(&v), codes(&v)),
        (422, vec!["attachments.1".to_string()], vec!["type_mismatch".to_string()])
    );
    let (s, v) = refused(vec![part(b"<script>alert(1)</script>", "x.png", "image/png")]).await;
    assert_eq!((s, codes(&v)), (422, vec!["unsupported_type".to_string()]));
    // Empty, damaged, too large, too many.
    let (s, v) = refused(vec![part(b"", "empty.pdf", "application/pdf")]).await;
    assert_eq!((s, codes(&v)), (422, vec!["empty".to_string()]));
    let (s, v) = refused(vec![part(&PDF[..30], "cut.pdf", "application/pdf")]).await;
    assert_eq!((s, codes(&v)), (422, vec!["corrupt".to_string()]));
    let (s, v) = refused(vec![part(&photo[..photo.len() / 3], "cut.jpg", "image/jpeg")]).await;
    assert_eq!((s, codes(&v)), (422, vec!["corrupt".to_string()]));
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (s, v) = refused(vec![part(&big, "big.pdf", "application/pdf")]).await;
    assert_eq!(
        (s, fields(&v), codes(&v)),
        (422, vec!["attachments.0".to_string()], vec!["too_large".to_string()])
    );
    let six = (0..6).map(|i| part(&png, &format!("{i}.png"), "image/png")).collect();
    let (s, v) = refused(six).await;
    assert_eq!((s, codes(&v)), (422, vec!["too_many".to_string()]));
    // Bad files and a bad field in one answer; nothing written.
    let mut bad = doc("kr-f31");
    bad["category"] = "nonsense".into();
    let (s, v) = send(
        &app,
        &key,
        "/api/v1/tickets",
        ticket_form(&bad, vec![part(b"GIF89a", "a.gif", "image/gif")]),
        None,
    )
    .await;
    assert_eq!((s, fields(&v)), (422, vec!["category".to_string(), "attachments.0".to_string()]));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, tickets);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_attachments").await, 2);
    // Without the JSON part, or with a part the API does not know.
    let form = Form::new().part("attachment", part(&png, "a.png", "image/png"));
    let (s, v) = send(&app, &key, "/api/v1/tickets", form, None).await;
    assert_eq!((s, fields(&v)), (422, vec!["ticket".to_string()]));

    // A body of more parts than any request needs is refused whole.
    let mut form = ticket_form(&doc("kr-f31"), Vec::new());
    for i in 0..20 {
        form = form.text(format!("x{i}"), "y");
    }
    let (s, v) = send(&app, &key, "/api/v1/tickets", form, None).await;
    assert_eq!((s, codes(&v)), (422, vec!["too_many_parts".to_string()]));
    // Files for a ticket of another client: 404 before anything is read into the store.
    let stranger = intake::key(&app).await;
    let form = Form::new()
        .part(
            "message",
            Part::text(json!({ "text": "Чужое" }).to_string()).mime_str("application/json").unwrap(),
        )
        .part("attachment", part(&big[..1000], "x.pdf", "application/pdf"));
    let (s, _) = send(&app, &stranger, &format!("/api/v1/tickets/{id}/messages"), form, None).await;
    assert_eq!(s, 404);

    // A follow-up with a file; the app fetches each file back, another client cannot.
    let form = Form::new()
        .part(
            "message",
            Part::text(json!({ "text": "Ещё один" }).to_string()).mime_str("application/json").unwrap(),
        )
        .part("attachment", part(&png, "ещё.png", "image/png"));
    let (s, v) = send(&app, &key, &format!("/api/v1/tickets/{id}/messages"), form, None).await;
    assert_eq!(s, 201, "{v}");
    let last = scalar(&app, &format!("SELECT MAX(id) FROM ticket_attachments WHERE ticket_id = {id}")).await;
    let on_message = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id
         WHERE a.id = {last} AND m.body = 'Ещё один'"
        ),
    )
    .await;
    assert_eq!(on_message, 1);
    let url = format!("{}/api/v1/tickets/{id}/attachments/{last}", app.base);
    let res = reqwest::Client::new().get(&url).bearer_auth(&key).send().await.unwrap();
    assert_eq!((res.status().as_u16(), res.headers()["content-type"].to_str().unwrap()), (200, "image/jpeg"));
    let copy = res.bytes().await.unwrap();
    assert!(image::load_from_memory(&copy).is_ok(), "an image as its display copy");
    // A phone photo goes back without its metadata.
    let first = scalar(&app, &format!("SELECT MIN(id) FROM ticket_attachments WHERE ticket_id = {id}")).await;
    let url_first = format!("{}/api/v1/tickets/{id}/attachments/{first}", app.base);
    let res = reqwest::Client::new().get(&url_first).bearer_auth(&key).send().await.unwrap();
    let copy = res.bytes().await.unwrap();
    assert!(photo.windows(4).any(|w| w == b"Exif") && !copy.windows(4).any(|w| w == b"Exif"));
    let res = reqwest::Client::new().get(&url).bearer_auth(&stranger).send().await.unwrap();
    assert_eq!(res.status(), 404);
});

db_test!(staff_see_images_as_copies_download_pdfs_audited_and_reply_with_files, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 32, "kr-f32").await;
    let photo = fixtures::phone_jpeg(800, 600, 6, 9);
    let files = vec![part(&photo, "экран.jpg", "image/jpeg"), part(PDF, "справка.pdf", "application/pdf")];
    let (s, v) = send(&app, &key, "/api/v1/tickets", ticket_form(&doc("kr-f32"), files), None).await;
    assert_eq!(s, 201, "{v}");
    let id = v["ticket_id"].as_i64().unwrap();
    let image = scalar(&app, &format!("SELECT MIN(id) FROM ticket_attachments WHERE ticket_id = {id}")).await;
    let pdf = scalar(&app, &format!("SELECT MAX(id) FROM ticket_attachments WHERE ticket_id = {id}")).await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let at = |a: i64, size: &str| format!("/support/{id}/attachments/{a}/{size}");

    // The page shows the thumbnail and the PDF's download link, nothing raw.
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    assert!(html.contains(&at(image, "thumb")) && html.contains(&at(pdf, "file")));
    let res = app.get(&agent, &at(image, "review")).await;
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let copy = res.bytes().await.unwrap();
    assert!(!copy.windows(4).any(|w| w == b"Exif"), "no metadata in the copy");
    assert_ne!(copy.as_ref(), photo.as_slice());
    assert_eq!(app.get(&agent, &at(image, "file")).await.status(), 404, "an image is never sent raw");
    assert_eq!(app.get(&agent, &at(pdf, "thumb")).await.status(), 404);
    assert_eq!(app.get(&agent, &format!("/support/{}/attachments/{pdf}/file", id + 1)).await.status(), 404);
    // The PDF: a download, audited, in the access log.
    let res = app.get(&agent, &at(pdf, "file")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.attachment-downloaded'").await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'support-attachment'").await,
        1
    );
    // Roles without the support desk get nothing.
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(app.get(&verifier, &at(pdf, "file")).await.status(), 403);

    // A reply with a forged file: refused by the field, the text kept, nothing sent.
    let version = |html: &str| {
        let at = html.find("name=\"version\" value=\"").unwrap() + 22;
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    let reply = |v: String, file: Part| {
        let agent = agent.clone();
        let app = &app;
        async move {
            let token = app.csrf(&agent).await;
            let form = Form::new()
                .text("csrf", token)
                .text("version", v)
                .text("body", "Сәлеметсіз бе! <b>Файлды</b> қараңыз.")
                .text("then", "waiting_customer")
                .part("attachment", file);
            agent.post(format!("{}/support/{id}/reply", app.base)).multipart(form).send().await.unwrap()
        }
    };
    let v = version(&app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap());
    let res = reply(v.clone(), part(b"MZ\x90\x00 not a pdf", "выписка.pdf", "application/pdf")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("reply-files-error") && html.contains("выписка.pdf"), "the error names the file");
    assert!(html.contains("&#60;b&#62;Файлды&#60;/b&#62; қараңыз."), "the typed text is back, as text");
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {id} AND kind = 'reply'")
        )
        .await,
        0
    );
    // Without a CSRF token first, refused.
    let form = Form::new().text("version", v.clone()).text("body", "x").text("then", "open");
    let res = agent.post(format!("{}/support/{id}/reply", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 403);
    // The token anywhere but first: refused (only the first part is read for it).
    let token = app.csrf(&agent).await;
    let form =
        Form::new().text("version", v.clone()).text("csrf", token).text("body", "x").text("then", "open");
    let res = agent.post(format!("{}/support/{id}/reply", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 403);
    // A reply from a stale page with a file: the page comes back, the file is not kept.
    let stale_pdf = b"%PDF-1.4\n% a file of a stale reply\n%%EOF\n";
    let res = reply("999".to_string(), part(stale_pdf, "старый.pdf", "application/pdf")).await;
    assert_eq!(res.status(), 409);
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(stale_pdf))
    };
    let stored = app.data_dir.path().join("photos/originals").join(&sha[..2]).join(&sha);
    assert!(!stored.exists(), "no file is left that no row names");
    // With a PDF: sent, and the app's event lists the file.
    let res = reply(v, part(PDF, "выписка.pdf", "application/pdf")).await;
    assert_eq!(res.status(), 303);
    let payload = text(&app, "SELECT payload FROM customer_events WHERE event_type = 'ticket.replied'").await;
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["attachments"][0]["file_name"], "выписка.pdf");
    assert_eq!(payload["attachments"][0]["content_type"], "application/pdf");
    let file = payload["attachments"][0]["id"].as_i64().unwrap();
    let url = format!("{}/api/v1/tickets/{id}/attachments/{file}", app.base);
    let res = reqwest::Client::new().get(&url).bearer_auth(&key).send().await.unwrap();
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
});
