//! Customers: one record per person (by IIN) made or found by intake in its own transaction,
//! the app's account ids linked to it, the customer page (masked, logged, every application and
//! one timeline) and the customer search.

use kreditomat_portal::{auth::Role, with_db};
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, iin_born, scalar},
    intake,
};

/// The example application of the person with `iin`, sent by the app as `external` from the
/// account `account` (if any).
fn doc(iin: &str, external: &str, account: Option<&str>) -> Value {
    let mut d = intake::example();
    d["applicant"]["iin"] = json!(iin);
    d["external_id"] = json!(external);
    if let Some(a) = account {
        d["account_id"] = json!(a);
    }
    d
}

async fn send(app: &TestApp, key: &str, d: &Value) -> (u16, Value) {
    let res = intake::post(app, key, intake::form(d, 1), None).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn born() -> time::Date {
    time::macros::date!(1979 - 10 - 28)
}

async fn customer_of(app: &TestApp, application: i64) -> i64 {
    scalar(app, &format!("SELECT customer_id FROM applications WHERE id = {application}")).await
}

db_test!(one_customer_per_person_and_account_ids_stay_with_theirs, |app| {
    let key = intake::key(&app).await;
    let (first, second) = (iin_born(born(), 10), iin_born(born(), 20));
    assert_ne!(first, second);
    let (s, a1) = send(&app, &key, &doc(&first, "c-1", Some("kr-1"))).await;
    assert_eq!(s, 201, "{a1}");
    // The same person again, from the same account: the same customer.
    let (s, a2) = send(&app, &key, &doc(&first, "c-2", Some("kr-1"))).await;
    assert_eq!(s, 201, "{a2}");
    let (c1, c2) = (
        customer_of(&app, a1["id"].as_i64().unwrap()).await,
        customer_of(&app, a2["id"].as_i64().unwrap()).await,
    );
    assert_eq!(c1, c2);

    // The account belongs to the first person: another IIN from it is refused, nothing stored.
    let (s, body) = send(&app, &key, &doc(&second, "c-3", Some("kr-1"))).await;
    assert_eq!(s, 422, "{body}");
    let errors = body["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "account_id" && e["code"] == "other_customer"), "{body}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM applications").await, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers").await, 1);

    // A bad account id is refused by name.
    let (s, body) = send(&app, &key, &doc(&second, "c-4", Some("kr 1; drop"))).await;
    assert_eq!(s, 422, "{body}");
    assert!(body["errors"].as_array().unwrap().iter().any(|e| e["field"] == "account_id"), "{body}");
    let (s, body) = send(&app, &key, &doc(&second, "c-5", Some(&"k".repeat(65)))).await;
    assert_eq!(s, 422, "{body}");

    // Another person from their own account, and one with no account id at all.
    let (s, a3) = send(&app, &key, &doc(&second, "c-6", Some("kr-2"))).await;
    assert_eq!(s, 201, "{a3}");
    let (s, a4) = send(&app, &key, &doc(&iin_born(born(), 30), "c-7", None)).await;
    assert_eq!(s, 201, "{a4}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers").await, 3);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM applications WHERE customer_id IS NULL").await, 0);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_accounts a JOIN customers c ON c.id = a.customer_id")
            .await,
        2
    );
    let c3 = customer_of(&app, a3["id"].as_i64().unwrap()).await;
    let owner = scalar(&app, "SELECT customer_id FROM customer_accounts WHERE account_id = 'kr-2'").await;
    assert_eq!(owner, c3);
});

db_test!(a_new_person_applying_several_times_at_once_is_one_customer, |app| {
    let key = intake::key(&app).await;
    let iin = iin_born(born(), 40);
    let mut sends = Vec::new();
    for i in 0..5 {
        let (url, key, body) = (
            format!("{}/api/v1/applications", app.base),
            key.clone(),
            intake::form(&doc(&iin, &format!("burst-{i}"), Some("kr-burst")), 1),
        );
        sends.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(key)
                .multipart(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for send in sends {
        statuses.push(send.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(DISTINCT customer_id) FROM applications").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_accounts").await, 1);
});

db_test!(the_customer_page_masks_logs_and_shows_every_application, |app| {
    let key = intake::key(&app).await;
    let iin = iin_born(born(), 50);
    let (_, a1) = send(&app, &key, &doc(&iin, "p-1", Some("kr-page"))).await;
    let mut second = doc(&iin, "p-2", Some("kr-page"));
    second["applicant"]["phone"] = json!("+77017776655");
    let (s, a2) = send(&app, &key, &second).await;
    assert_eq!(s, 201, "{a2}");
    let (id1, id2) = (a1["id"].as_i64().unwrap(), a2["id"].as_i64().unwrap());
    let customer = customer_of(&app, id1).await;

    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let res = app.get(&verifier, &format!("/customers/{customer}")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"/review/{id1}\""))
            && html.contains(&format!("href=\"/review/{id2}\""))
    );
    assert!(html.contains("kr-page"), "the account id is shown");
    // The full IIN and phones are not on the page, even for a verifier; their tails are.
    assert!(!html.contains(&iin), "full IIN on the customer page");
    assert!(!html.contains("+77017776655") && !html.contains("7776655"), "full phone on the page");
    assert!(html.contains(&format!("•••••••••{}", &iin[9..])));
    // The other phone is an earlier value, masked too.
    assert!(html.contains("Прежние данные"), "earlier values listed");
    // The timeline holds both arrivals, newest first.
    let received =
        kreditomat_portal::i18n::t(kreditomat_portal::i18n::Lang::Ru, "audit-action-application-received");
    assert!(html.matches(received.as_str()).count() >= 2, "{html}");
    // The view is in the personal-data access log, against the application shown.
    let logged = scalar(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'customer-page'").await;
    assert_eq!(logged, 1);

    // The review page links to its customer.
    let review = app.get(&verifier, &format!("/review/{id1}")).await.text().await.unwrap();
    assert!(review.contains(&format!("href=\"/customers/{customer}\"")));

    // Support sees the page, masked the same way; an administrator may not open it; a customer
    // that does not exist is 404.
    let support = app.signed_in("sup", &[Role::Support]).await;
    let html = app.get(&support, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(!html.contains("+77017776655") && !html.contains(&iin));
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    assert_eq!(app.get(&admin, &format!("/customers/{customer}")).await.status(), 403);
    assert_eq!(app.get(&verifier, "/customers/999999").await.status(), 404);
    assert_eq!(app.get(&verifier, "/customers/abc").await.status(), 400);
});

db_test!(customers_are_found_by_iin_account_name_and_application_number, |app| {
    let key = intake::key(&app).await;
    let iin = iin_born(born(), 60);
    let (_, a1) = send(&app, &key, &doc(&iin, "s-1", Some("kr-search"))).await;
    let id1 = a1["id"].as_i64().unwrap();
    let customer = customer_of(&app, id1).await;
    let link = format!("href=\"/customers/{customer}\"");
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    for q in
        [iin.as_str(), "kr-search", "Тоқаева Айгүл", "tokaeva", &format!("#{id1}"), "c-none-such-but-app"]
    {
        let res = app.get(&verifier, &format!("/customers?q={}", urlencoding(q))).await;
        assert_eq!(res.status(), 200, "{q}");
        let html = res.text().await.unwrap();
        if q == "c-none-such-but-app" {
            assert!(!html.contains(&link), "{q}");
            assert!(html.contains("Никого не нашли"), "{q}");
        } else {
            assert!(html.contains(&link), "{q}: {html}");
            // Only the search box holds what was typed; the list masks the IIN.
            let list = html.split("<tbody>").nth(1).unwrap_or_default();
            assert!(!list.contains(&iin), "{q}: full IIN in the list");
        }
    }
    // Without a query: the most recently active customers.
    let html = app.get(&verifier, "/customers").await.text().await.unwrap();
    assert!(html.contains(&link));
    let html = app.get(&verifier, "/customers?status=active").await.text().await.unwrap();
    assert!(html.contains(&link));
    let html = app.get(&verifier, "/customers?status=blocked").await.text().await.unwrap();
    assert!(!html.contains(&link));

    // Support may not look a person up by full IIN; a bad status or cursor is an error.
    let support = app.signed_in("sup", &[Role::Support]).await;
    let res = app.get(&support, &format!("/customers?q={iin}")).await;
    assert_eq!(res.status(), 400);
    assert!(!res.text().await.unwrap().contains(&link));
    assert_eq!(app.get(&verifier, "/customers?status=gone").await.status(), 400);
    assert_eq!(app.get(&verifier, "/customers?after=x").await.status(), 400);
});

/// Percent-encodes a query value.
fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn reveals(app: &TestApp) -> i64 {
    scalar(app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'reveal'").await
}

db_test!(a_field_is_shown_in_full_only_with_a_reason_and_is_logged, |app| {
    let key = intake::key(&app).await;
    let iin = iin_born(born(), 70);
    let (_, a1) = send(&app, &key, &doc(&iin, "r-1", None)).await;
    let customer = customer_of(&app, a1["id"].as_i64().unwrap()).await;
    let path = format!("/customers/{customer}/reveal");
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;

    // No reason, then a reason without words of one's own: nothing shown, nothing logged, what
    // was typed comes back.
    let res =
        app.post_form(&verifier, &path, &[("field", "iin"), ("reason", ""), ("comment", "call 42")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(!html.contains(&iin) && html.contains("value=\"call 42\"") && html.contains("reason-error"));
    let fields = [("field", "iin"), ("reason", "customer_request"), ("comment", "ok")];
    let res = app.post_form(&verifier, &path, &fields).await;
    assert_eq!(res.status(), 422);
    assert!(!res.text().await.unwrap().contains(&iin));
    let res = app
        .post_form(&verifier, &path, &[("field", "card"), ("reason", "other"), ("comment", "ticket 7")])
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(reveals(&app).await, 0);

    // With a reason: the IIN in full for this view, logged with the field and the reason.
    let fields =
        [("field", "iin"), ("reason", "customer_request"), ("comment", "ticket 7781, caller verified")];
    let res = app.post_form(&verifier, &path, &fields).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains(&iin));
    let (field, reason, logged): (String, String, i64) = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT field, reason, customer_id FROM pd_access_log WHERE access = 'reveal'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!((field.as_str(), logged), ("iin", customer));
    assert_eq!(reason, "customer_request: ticket 7781, caller verified");
    // The next view is masked again.
    let html = app.get(&verifier, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(!html.contains(&iin));

    // A role that sees a field masked everywhere may not reveal it; one that sees it may.
    let support = app.signed_in("sup", &[Role::Support]).await;
    let fields = [("field", "iin"), ("reason", "customer_request"), ("comment", "ticket 7782")];
    let res = app.post_form(&support, &path, &fields).await;
    assert_eq!(res.status(), 422);
    assert!(!res.text().await.unwrap().contains(&iin));
    let fields = [("field", "phone"), ("reason", "customer_request"), ("comment", "ticket 7782")];
    let res = app.post_form(&support, &path, &fields).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("+77011234567"));
    assert_eq!(reveals(&app).await, 2);
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    assert_eq!(app.post_form(&admin, &path, &fields).await.status(), 403);
    let res = app.post_form(&verifier, "/customers/999999/reveal", &fields).await;
    assert_eq!(res.status(), 404);
    assert_eq!(reveals(&app).await, 2);
    // The access log page finds the reveals by customer and by staff member.
    let security = app.signed_in("sec", &[Role::Security]).await;
    let html =
        app.get(&security, &format!("/admin/access-log?customer={customer}")).await.text().await.unwrap();
    assert!(html.contains("ticket 7781, caller verified") && html.contains("ticket 7782"));
    let html = app.get(&security, "/admin/access-log?staff=sup").await.text().await.unwrap();
    assert!(html.contains("ticket 7782") && !html.contains("ticket 7781"));
    assert_eq!(app.get(&security, "/admin/access-log?customer=abc").await.status(), 400);
    // A row of the log cannot be rewritten.
    let rewrite = with_db!(&app.db, |c| sqlx::query(
        "UPDATE pd_access_log SET reason = 'nothing' WHERE access = 'reveal'"
    )
    .execute(c)
    .await
    .map(|_| ()));
    assert!(rewrite.is_err());
});
