//! Memory under hostile input: intake bodies beyond the configured number are refused with 503
//! and `Retry-After` before they are read, and a decompression bomb (a small PNG that decodes
//! to hundreds of megabytes) waits for the decode budget or, larger than all of it, is refused.

use std::io::Cursor;

use kreditomat_portal::photos::fixtures;
use reqwest::multipart::Part;
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::{
    harness::{Backend, TestApp},
    intake::{example, form, jpeg, key, post},
};

/// A PNG of `width` × `height` black pixels, 16 bits a channel: a few hundred KB that decode to
/// `width × height × 6` bytes.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    let image = image::DynamicImage::ImageRgb16(image::ImageBuffer::new(width, height));
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn count(app: &TestApp) -> i64 {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(c)
        .await)
    .unwrap()
}

#[tokio::test]
async fn intake_bodies_beyond_the_limit_get_503_before_they_are_read() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.intake_bodies = 1).await.expect("SQLite");
    let key = key(&app).await;
    // One request starts its body and stalls: it holds the only place.
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 1000000\r\n\r\n\
         --XX\r\nContent-Disposition: form-data; name=\"selfie\"; filename=\"s.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\nJPEG"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let res = post(&app, &key, form(&example(), 1), None).await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "5");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["type"], "/problems/busy");
    assert_eq!(count(&app).await, 0, "nothing stored");
    assert_eq!(app.get(&app.client(), "/healthz").await.status(), 200, "the portal answers meanwhile");

    // Once the stalled one goes, the next one is taken.
    drop(slow);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let res = post(&app, &key, form(&example(), 1), None).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
}

#[tokio::test]
async fn a_decompression_bomb_waits_for_the_budget_or_is_refused() {
    // 64 MB for all decodes: a 16-bit 3000 × 3000 PNG needs 81 MB alone.
    let app =
        TestApp::spawn_with(Backend::Sqlite, |c| c.decode_memory = 64 * 1024 * 1024).await.expect("SQLite");
    let key = key(&app).await;
    let png = bomb(3000, 3000);
    assert!(png.len() < 300 * 1024, "a small file: {} bytes", png.len());
    let bombed = reqwest::multipart::Form::new()
        .part("application", Part::text(example().to_string()).mime_str("application/json").unwrap())
        .part("selfie", Part::bytes(png).file_name("s.png").mime_str("image/png").unwrap())
        .part("id_front", jpeg(fixtures::id_card_jpeg(2, false), "f.jpg"))
        .part("id_back", jpeg(fixtures::id_card_jpeg(2, true), "b.jpg"));
    let res = post(&app, &key, bombed, None).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "selfie");
    assert_eq!(body["errors"][0]["code"], "too_many_pixels");
    assert_eq!(count(&app).await, 0);

    // Within the budget, bombs wait their turn: two fit at once, all four are taken.
    let app =
        TestApp::spawn_with(Backend::Sqlite, |c| c.decode_memory = 160 * 1024 * 1024).await.expect("SQLite");
    let key = crate::intake::key(&app).await;
    let png = bomb(2500, 2500);
    let mut sent = Vec::new();
    for person in 10..14_u64 {
        let (base, key, png) = (app.base.clone(), key.clone(), png.clone());
        sent.push(tokio::spawn(async move {
            // Each with an id of its own: the same id twice is one application (409).
            let mut doc = example();
            doc["external_id"] = format!("bomb-{person}").into();
            let form = reqwest::multipart::Form::new()
                .part("application", Part::text(doc.to_string()).mime_str("application/json").unwrap())
                .part("selfie", Part::bytes(png).file_name("s.png").mime_str("image/png").unwrap())
                .part("id_front", jpeg(fixtures::id_card_jpeg(person, false), "f.jpg"))
                .part("id_back", jpeg(fixtures::id_card_jpeg(person, true), "b.jpg"));
            let res = reqwest::Client::new()
                .post(format!("{base}/api/v1/applications"))
                .bearer_auth(&key)
                .multipart(form)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }));
    }
    for s in sent {
        let (status, body) = s.await.unwrap();
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(count(&app).await, 4);
}
