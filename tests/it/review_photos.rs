//! Photos on the review page: the same file on another application flagged first, each kind
//! with its own list of look-alikes as thumbnails, ID cards compared by their portraits, quality
//! in words, and roles that may not see photos told so.

use kreditomat_portal::{auth::Role, photos::fixtures, with_db};
use reqwest::multipart::{Form, Part};

use crate::{
    db_test,
    harness::TestApp,
    intake,
    review::{applicant, html, submit},
};

/// A multipart body whose three photos are exactly these bytes.
fn form_with(doc: &serde_json::Value, selfie: Vec<u8>, front: Vec<u8>, back: Vec<u8>) -> Form {
    Form::new()
        .part("application", Part::text(doc.to_string()).mime_str("application/json").unwrap())
        .part("selfie", intake::jpeg(selfie, "selfie.jpg"))
        .part("id_front", intake::jpeg(front, "front.jpg"))
        .part("id_back", intake::jpeg(back, "back.jpg"))
}

async fn submit_with(app: &TestApp, key: &str, f: Form) -> i64 {
    let res = intake::post(app, key, f, None).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
}

db_test!(the_same_file_on_another_application_is_flagged_first, |app| {
    let key = intake::key(&app).await;
    let card = fixtures::id_card_jpeg(60, false);
    let doc = applicant(61);
    let first = submit_with(
        &app,
        &key,
        form_with(&doc, fixtures::selfie_jpeg(61, 0), card.clone(), fixtures::id_card_jpeg(61, true)),
    )
    .await;
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET status = 'rejected' WHERE id = $1")
        .bind(first)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    // Another applicant sends the very same card file, with their own selfie.
    let doc = applicant(62);
    let second = submit_with(
        &app,
        &key,
        form_with(&doc, fixtures::selfie_jpeg(62, 0), card, fixtures::id_card_jpeg(62, true)),
    )
    .await;
    // And a third applicant has nothing in common with either.
    let third = submit(&app, &key, &applicant(63), 63).await;

    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (_, page) = html(&app, &verifier, &format!("/review/{second}")).await;
    let identical = page.find("Та же фотография (тот же файл)").expect("identical file flagged");
    let similar = page.find("Похожее фото документа").expect("the portrait matches too");
    assert!(identical < similar, "the same file comes first");
    assert!(page.contains("class=\"photo-signal identical\""), "prominently");
    assert!(
        page.contains(&format!("href=\"/review/{first}\"")) && page.contains("Отказано"),
        "rejected ones too"
    );
    assert!(page.contains("/thumb\" alt=\"\" loading=\"lazy\""), "as thumbnails");
    let (_, page) = html(&app, &verifier, &format!("/review/{third}")).await;
    assert!(!page.contains("Похожее фото документа"), "a stranger's card of the same design is not similar");
    assert!(!page.contains("Та же фотография"));
    // The decision form comes before the lists of other applications in the tab order.
    let res = app.post_form(&verifier, &format!("/review/{second}/claim"), &[]).await;
    assert_eq!(res.status(), 303);
    let (_, page) = html(&app, &verifier, &format!("/review/{second}")).await;
    let form = page.find("id=\"reject-form\"").expect("the decision form");
    assert!(form < page.find("id=\"signals-h\"").unwrap(), "decide without tabbing through the matches");
});

db_test!(photos_are_shown_whole_with_quality_in_words_and_hidden_from_managers, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(64), 64).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(
        page.contains("Фото в документе") && page.contains("/portrait\""),
        "the ID portrait beside the selfie"
    );
    assert!(page.contains("чёткое") || page.contains("размытое"), "sharpness in words");
    assert!(page.contains("освещение в норме") || page.contains("тёмное"), "light in words");
    assert!(page.contains("0,5 Мп") || page.contains("0,6 Мп"), "a decimal comma: {page}");
    assert!(page.contains("id=\"viewer\""), "a full-screen viewer");
    let front: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM photos WHERE application_id = $1 AND kind = 'id_front'"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    let res = app.get(&verifier, &format!("/photos/{front}/portrait")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");

    let manager = app.signed_in("boss", &[Role::Manager]).await;
    let (code, page) = html(&app, &manager, &format!("/review/{id}")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Фотографии скрыты для вашей роли"));
    assert!(!page.contains("src=\"/photos/"), "no broken images");
    assert!(!page.contains("data-open"), "no dead buttons");
    let res = app.get(&manager, &format!("/photos/{front}/portrait")).await;
    assert_eq!(res.status(), 403);
});
