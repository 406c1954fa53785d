//! The intake API: what the app's backend sends, what it gets back, and what is stored.

use kreditomat_portal::{
    api::{OPENAPI, keys},
    audit::Actor,
    photos::fixtures,
    with_db,
};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::{db_test, harness::TestApp};

/// The OpenAPI document's example application, exactly as published.
pub(crate) fn published_example() -> Value {
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    spec["components"]["schemas"]["Application"]["examples"][0].clone()
}

/// The example with a document valid for five more years from today, so the applications the
/// tests build from it stay decidable whatever year the suite runs in.
pub(crate) fn example() -> Value {
    let mut doc = published_example();
    doc["document"]["expires_on"] = json!(crate::harness::iso(crate::harness::years_ahead(5)));
    doc
}

pub(crate) fn jpeg(bytes: Vec<u8>, name: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_string()).mime_str("image/jpeg").unwrap()
}

/// A multipart body with the application JSON and three photos of `person`.
pub(crate) fn form(doc: &Value, person: u64) -> Form {
    Form::new()
        .part("application", Part::text(doc.to_string()).mime_str("application/json").unwrap())
        .part("selfie", jpeg(fixtures::selfie_jpeg(person, 0), "selfie.jpg"))
        .part("id_front", jpeg(fixtures::id_card_jpeg(person, false), "front.jpg"))
        .part("id_back", jpeg(fixtures::id_card_jpeg(person, true), "back.jpg"))
}

pub(crate) async fn key(app: &TestApp) -> String {
    keys::create(&app.db, &keys::NewKey::every("mobile backend"), &Actor::System("test"), None)
        .await
        .unwrap()
        .1
}

pub(crate) async fn post(app: &TestApp, key: &str, form: Form, idem: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(format!("{}/api/v1/applications", app.base))
        .bearer_auth(key)
        .multipart(form);
    if let Some(k) = idem {
        req = req.header("idempotency-key", k);
    }
    req.send().await.unwrap()
}

/// `GET /api/v1/events?{query}` as JSON.
pub(crate) async fn events(app: &TestApp, key: &str, query: &str) -> Value {
    let url = format!("{}/api/v1/events?{query}", app.base);
    reqwest::Client::new().get(url).bearer_auth(key).send().await.unwrap().json().await.unwrap()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    with_db!(&app.db, |c| sqlx::query_scalar(&sql).fetch_one(c).await).unwrap()
}

db_test!(the_openapi_example_is_accepted_and_stored_whole, |app| {
    let key = key(&app).await;
    let res = post(&app, &key, form(&published_example(), 1), None).await;
    assert_eq!(res.status(), 201);
    let location = res.headers().get("location").unwrap().to_str().unwrap().to_string();
    let body: Value = res.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/applications/{}", body["id"]));
    // The Location answers: where the application stands, and the event that said so.
    let url = format!("{}{location}", app.base);
    let res = reqwest::Client::new().get(&url).bearer_auth(&key).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let status: Value = res.json().await.unwrap();
    assert_eq!(status["id"], body["id"]);
    assert_eq!(status["status"], "pending");
    assert_eq!(status["external_id"], published_example()["external_id"]);
    assert_eq!(status["received_at"], body["received_at"]);
    assert_eq!(status["decided_at"], Value::Null);
    assert_eq!(status["last_event"]["type"], "application.received");
    assert_eq!(reqwest::Client::new().get(&url).send().await.unwrap().status(), 401, "a key is needed");
    for missing in ["/api/v1/applications/999999", "/api/v1/applications/abc"] {
        let res = reqwest::Client::new()
            .get(format!("{}{missing}", app.base))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{missing}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    assert_eq!(body["status"], "pending");
    assert_eq!(body["photos"].as_array().unwrap().len(), 3);
    assert_eq!(count(&app, "applications").await, 1);
    assert_eq!(count(&app, "photos").await, 3);
    assert_eq!(count(&app, "application_contacts").await, 1);

    let (phone, iin, name): (String, String, String) =
        with_db!(&app.db, |c| sqlx::query_as("SELECT phone, iin, search_name FROM applications")
            .fetch_one(c)
            .await)
        .unwrap();
    assert_eq!(phone, "+77011234567", "stored in E.164");
    assert_eq!(iin, "791028402724");
    assert_eq!(name, "tokaev aigul maratkizi", "folded across scripts for search");

    // Originals and display copies exist before the rows refer to them.
    let sha = body["photos"][0]["sha256"].as_str().unwrap();
    let dir = app.data_dir.path();
    assert!(dir.join("photos/originals").join(&sha[..2]).join(sha).exists());
    assert!(dir.join("photos/display").join(&sha[..2]).join(format!("{sha}-review.jpg")).exists());

    let events = events(&app, &key, "after=0").await;
    assert_eq!(events["events"][0]["type"], "application.received");
    assert_eq!(events["events"][0]["application_id"], body["id"]);
    assert_eq!(events["next_after"], 1);

    let (actor_type, actor): (String, String) = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT actor_type, actor_label FROM audit_log WHERE action = 'application.received'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!((actor_type.as_str(), actor.as_str()), ("api", "mobile backend"));
});

db_test!(a_retry_with_the_same_idempotency_key_creates_nothing_twice, |app| {
    let key = key(&app).await;
    let first = post(&app, &key, form(&example(), 2), Some("req-42")).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = post(&app, &key, form(&example(), 2), Some("req-42")).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers().get("idempotent-replayed").unwrap(), "true");
    let location = format!("/api/v1/applications/{}", first["id"]);
    assert_eq!(again.headers()["location"], location.as_str(), "the replay points where the first did");
    let again: Value = again.json().await.unwrap();
    assert_eq!(first, again, "the first answer comes back");
    assert_eq!(count(&app, "applications").await, 1);

    let mut other = example();
    other["loan"]["amount_kzt"] = json!(99000);
    let res = post(&app, &key, form(&other, 2), Some("req-42")).await;
    assert_eq!(res.status(), 409);
    assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
    assert_eq!(count(&app, "applications").await, 1);
});

db_test!(bad_fields_are_all_named_and_nothing_is_stored, |app| {
    let key = key(&app).await;
    let mut doc = example();
    doc["applicant"]["iin"] = json!("791028302729");
    doc["applicant"]["sex"] = json!("unknown");
    doc["applicant"]["phone"] = json!("+7 495 123 45 67");
    doc["document"]["expires_on"] = json!("2029-02-30");
    doc["card"]["masked"] = json!("4400430123456789");
    doc["employer"]["name"] = json!("pay to 4400 4301 2345 6789");
    doc["loan"]["term_days"] = json!(0);
    doc["device"]["permissions"]["location"] = json!(false);
    doc["surprise"] = json!(true);
    let res = post(&app, &key, form(&doc, 3), None).await;
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    let codes: Vec<String> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    for want in [
        "applicant.iin:invalid_iin_check_digit",
        "applicant.sex:unknown_value",
        "applicant.phone:not_kazakh_mobile",
        "document.expires_on:invalid_date",
        "card.masked:card_number_not_allowed",
        "employer.name:card_number_not_allowed",
        "loan.term_days:out_of_range",
        "geo:not_permitted",
        "surprise:unknown_field",
    ] {
        assert!(codes.contains(&want.to_string()), "{want} missing from {codes:?}");
    }
    assert_eq!(count(&app, "applications").await, 0);
    assert_eq!(count(&app, "photos").await, 0);
    assert_eq!(count(&app, "outbox_events").await, 0);
});

db_test!(bad_photos_are_refused_with_a_reason, |app| {
    let key = key(&app).await;
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    let form = Form::new()
        .part("application", Part::text(example().to_string()))
        .part("selfie", Part::bytes(heic).file_name("selfie.heic"))
        .part("id_front", Part::bytes(fixtures::png_claiming(50_000, 50_000)).file_name("front.png"))
        .part("id_back", Part::bytes(b"MZ this is not a photo".to_vec()).file_name("back.jpg"));
    let res = post(&app, &key, form, None).await;
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    let text = problem.to_string();
    assert!(text.contains("HEIC"), "{text}");
    assert!(text.contains("too_many_pixels"), "{text}");
    assert!(text.contains("not_an_image"), "{text}");

    let mut truncated = fixtures::selfie_jpeg(4, 0);
    truncated.truncate(300);
    let form = Form::new()
        .part("application", Part::text(example().to_string()))
        .part("selfie", jpeg(truncated, "selfie.jpg"))
        .part("id_front", jpeg(fixtures::jpeg_claiming(50_000, 50_000), "front.jpg"));
    let res = post(&app, &key, form, None).await;
    assert_eq!(res.status(), 422);
    let text = res.text().await.unwrap();
    assert!(text.contains("\"field\":\"selfie\"") && text.contains("\"field\":\"id_back\""), "{text}");
    assert_eq!(count(&app, "applications").await, 0);
    assert_eq!(count(&app, "photos").await, 0);

    // A second application part does not silently replace the first.
    let mut other = example();
    other["applicant"]["last_name"] = Value::from("Другая");
    let form = self::form(&example(), 5).part("application", Part::text(other.to_string()));
    let res = post(&app, &key, form, None).await;
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "application");
    assert_eq!(problem["errors"][0]["code"], "duplicate_part");
    assert_eq!(count(&app, "applications").await, 0);
});

db_test!(html_in_text_fields_is_stored_as_text, |app| {
    let key = key(&app).await;
    let mut doc = example();
    doc["applicant"]["home_address"] = json!("<script>alert('x')</script> ул. Абая");
    doc["employer"]["name"] = json!("<img src=x onerror=alert(1)>");
    let res = post(&app, &key, form(&doc, 5), None).await;
    assert_eq!(res.status(), 201);
    let stored: String =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT home_address FROM applications").fetch_one(c).await)
            .unwrap();
    assert_eq!(stored, "<script>alert('x')</script> ул. Абая");
});

db_test!(the_frameworks_own_refusals_are_problems_too, |app| {
    let key = key(&app).await;
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{}{path}", app.base)).bearer_auth(&key).send();
    // A method the route does not take, a query that cannot be read, a path that is not UTF-8.
    for (path, status) in [
        ("/api/v1/events?after=1&after=2", 400),
        ("/api/v1/events?limit=null", 422),
        ("/api/v1/applications/%FF", 400),
    ] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json", "{path}");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["status"], status, "{path}");
    }
    let res = client.put(format!("{}/api/v1/applications", app.base)).bearer_auth(&key).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert!(res.headers()["allow"].to_str().unwrap().contains("POST"));
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/method-not-allowed");

    // A target or headers longer than any backend sends: 414 and 431, as problems.
    let long = format!("/api/v1/events?after=0&pad={}", "a".repeat(10_000));
    let res = get(&long).await.unwrap();
    assert_eq!(res.status(), 414);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = client
        .get(format!("{}/api/v1/events", app.base))
        .bearer_auth(&key)
        .header("x-padding", "a".repeat(40_000))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 431);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/headers-too-large");
});

db_test!(a_100_mb_body_is_refused_and_the_server_stays_up, |app| {
    let key = key(&app).await;
    let big = vec![0xFFu8; 100 * 1024 * 1024];
    let form = Form::new()
        .part("application", Part::text(example().to_string()))
        .part("selfie", jpeg(big, "huge.jpg"));
    let res = post(&app, &key, form, None).await;
    assert!(res.status() == 413 || res.status() == 422, "{}", res.status());
    assert_eq!(count(&app, "applications").await, 0);
    let res = post(&app, &key, self::form(&example(), 6), None).await;
    assert_eq!(res.status(), 201, "still serving");
});

db_test!(resubmitted_documents_replace_the_current_photos, |app| {
    let key = key(&app).await;
    let created: Value = post(&app, &key, form(&example(), 7), None).await.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    let url = format!("{}/api/v1/applications/{id}/documents", app.base);
    let selfie = || Form::new().part("selfie", jpeg(fixtures::selfie_jpeg(7, 30), "again.jpg"));
    let res = reqwest::Client::new().post(&url).bearer_auth(&key).multipart(selfie()).send().await.unwrap();
    assert_eq!(res.status(), 409, "nobody asked for documents yet");

    app.db
        .execute(&format!("UPDATE applications SET status = 'resubmission_requested' WHERE id = {id}"))
        .await
        .unwrap();
    let res = reqwest::Client::new().post(&url).bearer_auth(&key).multipart(selfie()).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["version"], 2);
    let current: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM photos WHERE kind = 'selfie' AND current = TRUE"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(current, 1);
    assert_eq!(count(&app, "photos").await, 4, "the earlier selfie stays in the history");
    let events = events(&app, &key, "after=1&limit=10").await;
    assert_eq!(events["events"][0]["type"], "application.documents_resubmitted");
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/events?after=-1&limit=5000", app.base))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
});

db_test!(photos_are_served_to_reviewers_and_originals_are_audited, |app| {
    use kreditomat_portal::auth::Role;
    let key = key(&app).await;
    // A phone selfie with EXIF: turned a quarter (orientation 6) and a GPS position.
    let selfie = fixtures::with_exif(&fixtures::selfie_jpeg(8, 0), 6);
    let gps_tag = [0x88, 0x25, 0x00, 0x04];
    assert!(selfie.windows(4).any(|w| w == gps_tag), "the fixture carries a GPS block");
    let form = Form::new()
        .part("application", Part::text(example().to_string()).mime_str("application/json").unwrap())
        .part("selfie", jpeg(selfie.clone(), "selfie.jpg"))
        .part("id_front", jpeg(fixtures::id_card_jpeg(8, false), "front.jpg"))
        .part("id_back", jpeg(fixtures::id_card_jpeg(8, true), "back.jpg"));
    let created: Value = post(&app, &key, form, None).await.json().await.unwrap();
    let photo_id: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT id FROM photos WHERE kind = 'selfie'")
            .fetch_one(c)
            .await)
        .unwrap();

    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let res = app.get(&verifier, &format!("/photos/{photo_id}/review")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers().get("content-type").unwrap(), "image/jpeg");
    assert!(res.headers().get("cache-control").unwrap().to_str().unwrap().starts_with("private"));
    let etag = res.headers().get("etag").unwrap().to_str().unwrap().to_string();
    let bytes = res.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no metadata in display copies");
    assert!(!bytes.windows(4).any(|w| w == gps_tag), "no position in display copies");
    let shown = image::load_from_memory(&bytes).unwrap();
    assert!(shown.width() > shown.height(), "turned upright: the 600 x 800 selfie lies on its side");
    let res = verifier
        .get(format!("{}/photos/{photo_id}/thumb", app.base))
        .header("if-none-match", etag.replace("review", "thumb"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_eq!(app.get(&verifier, &format!("/photos/{photo_id}/original")).await.status(), 403);

    let support = app.signed_in("sup", &[Role::Support]).await;
    assert_eq!(app.get(&support, &format!("/photos/{photo_id}/review")).await.status(), 403);
    assert_eq!(app.get(&app.client(), &format!("/photos/{photo_id}/review")).await.status(), 303);

    let security = app.signed_in("sec", &[Role::Security]).await;
    let res = app.get(&security, &format!("/photos/{photo_id}/original")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("content-disposition").unwrap().to_str().unwrap().starts_with("attachment"));
    let original = res.bytes().await.unwrap();
    assert_eq!(original.as_ref(), selfie.as_slice(), "the original comes back unchanged, its EXIF included");
    let audited: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'photo.original-downloaded' AND actor_label = 'sec' AND subject_id = $1"
    )
    .bind(created["id"].as_i64().unwrap().to_string())
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(app.get(&security, "/photos/999999/review").await.status(), 404);
    assert_eq!(app.get(&security, &format!("/photos/{photo_id}/huge")).await.status(), 404);
});

db_test!(resubmitted_documents_must_be_the_ones_asked_for, |app| {
    let key = key(&app).await;
    let created: Value = post(&app, &key, form(&example(), 8), None).await.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    let staff = app.create_staff("reviewer", &[kreditomat_portal::auth::Role::Verifier]).await;
    app.db
        .execute(&format!("UPDATE applications SET status = 'resubmission_requested' WHERE id = {id}"))
        .await
        .unwrap();
    app.db
        .execute(&format!(
            "INSERT INTO decisions (application_id, version, outcome, documents, staff_id, decided_at)
             VALUES ({id}, 1, 'resubmission_requested', 'selfie,id_front', {staff}, '2026-12-03 10:00:00+00:00')"
        ))
        .await
        .unwrap();
    let url = format!("{}/api/v1/applications/{id}/documents", app.base);
    let send = |form: Form| reqwest::Client::new().post(&url).bearer_auth(&key).multipart(form).send();

    // Asked for the selfie and the front: the back alone is refused, and nothing changes.
    let back = Form::new().part("id_back", jpeg(fixtures::id_card_jpeg(8, true), "back.jpg"));
    let res = send(back).await.unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    let errors: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect();
    assert!(errors.contains(&("selfie".into(), "required".into())), "{errors:?}");
    assert!(errors.contains(&("id_front".into(), "required".into())), "{errors:?}");
    assert!(errors.contains(&("id_back".into(), "not_requested".into())), "{errors:?}");
    let status: String =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
            .bind(id)
            .fetch_one(c)
            .await)
        .unwrap();
    assert_eq!(status, "resubmission_requested", "still waiting for what was asked");

    // What was asked for is taken.
    let asked = Form::new()
        .part("selfie", jpeg(fixtures::selfie_jpeg(8, 31), "selfie.jpg"))
        .part("id_front", jpeg(fixtures::id_card_jpeg(8, false), "front.jpg"));
    assert_eq!(send(asked).await.unwrap().status(), 200);
});
