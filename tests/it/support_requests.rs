//! A data change asked for fields only documents change: the agent asks the customer to pass
//! the KYC check again; the app gets the fields and a message in the customer's language.

use kreditomat_portal::auth::Role;
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{api_post as post, scalar, text},
    intake,
    review::{applicant, submit},
};

db_test!(an_agent_asks_for_the_documents_when_only_documents_change_a_field, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(44);
    doc["account_id"] = "kr-d44".into();
    submit(&app, &key, &doc, 44).await;
    let ask = |changes: Value| {
        json!({ "customer": "kr-d44", "category": "data_change", "subject": "Тегім өзгерді",
                "text": "Тұрмысқа шықтым, тегімді өзгертіңіз.", "language": "kk", "changes": changes })
    };
    let (s, v, _) = post(
        &app,
        &key,
        "/api/v1/tickets",
        &ask(json!({ "last_name": "Серікова", "email": "a@b.kz" })),
        None,
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let id = v["ticket_id"].as_i64().unwrap();
    let (_, v, _) = post(&app, &key, "/api/v1/tickets", &ask(json!({ "email": "c@d.kz" })), None).await;
    let plain = v["ticket_id"].as_i64().unwrap();
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let version = |id: i64| {
        let app = &app;
        let agent = agent.clone();
        async move {
            let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
            let at = html.find("name=\"version\" value=\"").unwrap() + 22;
            (html[at..at + html[at..].find('"').unwrap()].to_string(), html)
        }
    };

    // Only a ticket that asked for such a field offers it, and only it takes it.
    let (v, html) = version(plain).await;
    assert!(!html.contains("id=\"documents\""));
    let res = app.post_form(&agent, &format!("/support/{plain}/documents"), &[("version", &v)]).await;
    assert_eq!(res.status(), 409);
    assert!(
        res.text().await.unwrap().contains("нет полей, которые меняются только по документам"),
        "the reason"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.documents-requested'"
        )
        .await,
        0
    );

    let (v, html) = version(id).await;
    assert!(html.contains("id=\"documents\""), "offered beside the changes");
    // From a stale page: refused, nothing sent.
    let res = app.post_form(&agent, &format!("/support/{id}/documents"), &[("version", "999")]).await;
    assert_eq!(res.status(), 409);
    let res = app.post_form(&agent, &format!("/support/{id}/documents"), &[("version", &v)]).await;
    assert_eq!(res.status(), 303);
    let payload: Value = serde_json::from_str(
        &text(&app, "SELECT payload FROM customer_events WHERE event_type = 'customer.documents-requested'")
            .await,
    )
    .unwrap();
    assert_eq!(payload["fields"], json!(["last_name"]));
    let message = payload["message"].as_str().unwrap();
    assert!(message.starts_with("тегіңізді өзгерту үшін"), "in Kazakh, naming the field: {message}");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.documents-requested'").await,
        1
    );
    // The conversation says so, in the agent's language.
    let (_, html) = version(id).await;
    assert!(html.contains("только так меняются эти поля (Фамилия)"), "the event line");
    assert!(!html.contains("id=\"documents\""), "asked once");
    // A second request from the same ticket is refused with its reason shown.
    let (v, _) = version(id).await;
    let res = app.post_form(&agent, &format!("/support/{id}/documents"), &[("version", &v)]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("уже попросили"));
    let sent = "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.documents-requested'";
    assert_eq!(scalar(&app, sent).await, 1);
    // Other roles cannot.
    let manager = app.signed_in("mgr", &[Role::Manager]).await;
    assert_eq!(
        app.post_form(&manager, &format!("/support/{id}/documents"), &[("version", "1")]).await.status(),
        403
    );
});
