//! The customer API for the app's backend: the account status by IIN or account id, consents to a
//! policy version and obligation reports, idempotent, audited with the client as actor, and
//! refused by name when wrong.

use kreditomat_portal::{
    api::keys::{self, NewKey, Scope, Scopes},
    audit::Actor,
    auth::Role,
    with_db,
};
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, api_post as post, problem_fields as fields, scalar},
    intake,
    review::applicant,
};

async fn get(app: &TestApp, key: &str, reference: &str) -> (u16, Value) {
    let url = format!("{}/api/v1/customers/{reference}", app.base);
    let res = reqwest::Client::new().get(url).bearer_auth(key).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn version(app: &TestApp, number: &str) {
    with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
         VALUES ($1, '2026-06-01', 'Политика', 'Саясат', '2026-06-01T00:00:00Z')"
    )
    .bind(number)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
}

db_test!(the_backend_reads_a_customer_by_iin_or_account_id, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(1);
    doc["account_id"] = "kr-0001".into();
    let iin = doc["applicant"]["iin"].as_str().unwrap().to_string();
    crate::review::submit(&app, &key, &doc, 1).await;

    let (s, by_iin) = get(&app, &key, &iin).await;
    assert_eq!(s, 200, "{by_iin}");
    assert_eq!(by_iin["status"], "active");
    assert_eq!(by_iin["accepts_applications"], true);
    assert_eq!(by_iin["consent"], Value::Null);
    let (s, by_account) = get(&app, &key, "kr-0001").await;
    assert_eq!(s, 200);
    assert_eq!(by_account, by_iin);

    // Unknown: 404; malformed (a bad check digit, a space): 400; both problem+json.
    assert_eq!(get(&app, &key, "kr-9999").await.0, 404);
    let mut bad = iin.clone();
    bad.replace_range(11..12, if iin.ends_with('0') { "1" } else { "0" });
    let (s, body) = get(&app, &key, &bad).await;
    assert_eq!(s, 400, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("check digit"));
    assert_eq!(get(&app, &key, "kr%200001").await.0, 400);
    assert_eq!(get(&app, &key, &"k".repeat(65)).await.0, 400);

    // Another client does not reach this customer; a key without the scope is refused.
    let other = intake::key(&app).await;
    assert_eq!(get(&app, &other, &iin).await.0, 404);
    let narrow = NewKey { scopes: Scopes::Only(vec![Scope::EventsRead]), ..NewKey::every("feed only") };
    let narrow = keys::create(&app.db, &narrow, &Actor::System("test"), None).await.unwrap().1;
    let (s, body) = get(&app, &narrow, &iin).await;
    assert_eq!(s, 403, "{body}");

    // A block shows at once.
    let customer = by_iin["customer_id"].as_i64().unwrap();
    let sec = app.signed_in("sec", &[Role::Security]).await;
    let form =
        [("action", "block"), ("reason", "law_breach"), ("comment", "court letter 5"), ("version", "1")];
    let res = app.post_form(&sec, &format!("/customers/{customer}/account"), &form).await;
    assert_eq!(res.status(), 303);
    let (_, now) = get(&app, &key, "kr-0001").await;
    assert_eq!(
        (now["status"].as_str(), now["accepts_applications"].as_bool()),
        (Some("blocked"), Some(false))
    );
    assert_eq!(now["reason"], "law_breach");
});

db_test!(consents_name_a_policy_version_and_are_recorded_once, |app| {
    let key = intake::key(&app).await;
    let doc = applicant(2);
    let iin = doc["applicant"]["iin"].as_str().unwrap().to_string();
    crate::review::submit(&app, &key, &doc, 2).await;
    version(&app, "1.0").await;
    version(&app, "2.0").await;
    let path = format!("/api/v1/customers/{iin}/consents");

    // Wrong fields are named; nothing is recorded.
    let (s, body, _) = post(
        &app,
        &key,
        &path,
        &json!({ "policy_version": "9.9", "action": "given", "at": "2026-11-20T10:00:00+05:00" }),
        None,
    )
    .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body), ["policy_version"]);
    assert_eq!(body["errors"][0]["code"], "unknown_version");
    let (s, body, _) = post(
        &app,
        &key,
        &path,
        &json!({ "policy_version": "2.0", "action": "maybe", "at": "yesterday" }),
        None,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), ["action", "at"]);
    let (s, body, _) = post(
        &app,
        &key,
        &path,
        &json!({ "policy_version": "2.0", "action": "given", "at": "2099-01-01T00:00:00Z" }),
        None,
    )
    .await;
    assert_eq!((s, fields(&body)), (422, vec!["at".to_string()]));
    let (s, body, _) = post(&app, &key, &path, &json!([1, 2]), None).await;
    assert_eq!((s, fields(&body)), (422, vec!["body".to_string()]));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM consents").await, 0);

    // Given to 1.0, then to 2.0; the same report again is one row.
    let given = json!({ "policy_version": "1.0", "action": "given", "at": "2026-07-01T10:00:00+05:00" });
    let (s, body, _) = post(&app, &key, &path, &given, None).await;
    assert_eq!(s, 201, "{body}");
    assert_eq!(post(&app, &key, &path, &given, None).await.0, 200);
    let given2 = json!({ "policy_version": "2.0", "action": "given", "at": "2026-11-20T10:00:00+05:00" });
    let (s, body, replayed) = post(&app, &key, &path, &given2, Some("c-1")).await;
    assert_eq!((s, replayed), (201, false));
    assert_eq!(body["consent"]["policy_version"], "2.0");
    // The same key again: the first answer, replayed; with another body: 409.
    let (s, again, replayed) = post(&app, &key, &path, &given2, Some("c-1")).await;
    assert_eq!((s, replayed), (201, true));
    assert_eq!(again, body);
    assert_eq!(post(&app, &key, &path, &given, Some("c-1")).await.0, 409);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM consents").await, 2);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.consent-recorded' AND actor_type = 'api'"
        )
        .await,
        2
    );

    // Parallel sends of one report: one row.
    let withdrawn =
        json!({ "policy_version": "2.0", "action": "withdrawn", "at": "2026-12-01T10:00:00+05:00" });
    let sends = (0..6).map(|_| post(&app, &key, &path, &withdrawn, None));
    let codes: Vec<u16> = futures_util::future::join_all(sends).await.into_iter().map(|r| r.0).collect();
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 1, "{codes:?}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM consents").await, 3);

    // The customer page shows each consent with its version.
    let customer = scalar(&app, "SELECT id FROM customers").await;
    let support = app.signed_in("sup", &[Role::Support]).await;
    let html = app.get(&support, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(html.contains("согласие отозвано") && html.contains("<td>1.0</td>"), "{html}");
});

db_test!(obligations_keep_the_newest_report, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(3);
    doc["account_id"] = "kr-3".into();
    crate::review::submit(&app, &key, &doc, 3).await;
    let path = "/api/v1/customers/kr-3/obligations";
    let (s, body, _) = post(
        &app,
        &key,
        path,
        &json!({ "at": "2026-11-25T13:00:00+05:00", "reference": "no spaces allowed" }),
        None,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), ["open", "reference"]);
    let open = json!({ "open": true, "reference": "loan-1", "at": "2026-11-25T13:00:00+05:00" });
    let (s, body, _) = post(&app, &key, path, &open, None).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["obligation"]["open"], true);
    // An older report changes nothing; a newer one does.
    let older = json!({ "open": false, "at": "2026-11-01T13:00:00+05:00" });
    let (_, body, _) = post(&app, &key, path, &older, None).await;
    assert_eq!(body["obligation"]["reference"], "loan-1");
    let repaid = json!({ "open": false, "reference": "loan-1", "at": "2026-12-01T13:00:00+05:00" });
    let (_, body, _) = post(&app, &key, path, &repaid, None).await;
    assert_eq!(body["obligation"]["open"], false);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.obligation-reported'").await,
        2
    );
    // A huge body is refused before it is read; a body that is not JSON is named.
    let url = format!("{}{path}", app.base);
    let huge = format!("{{\"open\": true, \"at\": \"{}\"}}", "x".repeat(64 * 1024));
    let res = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    let res = reqwest::Client::new().post(&url).bearer_auth(&key).body("open=true").send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(fields(&body), ["body"]);
    // Unknown customer: 404 before the body is read.
    assert_eq!(post(&app, &key, "/api/v1/customers/kr-404/obligations", &open, None).await.0, 404);
});
