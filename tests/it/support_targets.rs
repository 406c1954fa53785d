//! `/admin/support-targets`: administrators set the SLA targets and the legal deadlines; a bad
//! value is refused by its field with everything typed kept and nothing changed; a saved change
//! holds new tickets to the new targets, audited.

use kreditomat_portal::auth::Role;
use serde_json::json;

use crate::{
    db_test,
    harness::{TestApp, api_post as post, scalar, text},
    intake,
    review::{applicant, submit},
};

/// The form of `category` with every value as given.
fn targets<'a>(
    category: &'a str,
    hours: [&'a str; 8],
    legal: &'a str,
    escalate: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let names = [
        "first_urgent",
        "resolution_urgent",
        "first_high",
        "resolution_high",
        "first_normal",
        "resolution_normal",
        "first_low",
        "resolution_low",
    ];
    let mut fields = vec![
        ("category", category),
        ("legal_days", legal),
        ("legal_working", "working"),
        ("escalate_hours", escalate),
    ];
    fields.extend(names.into_iter().zip(hours));
    fields
}

async fn open(app: &TestApp, key: &str, category: &str) -> i64 {
    let body = json!({ "customer": "kr-s1", "category": category, "subject": "Тема", "text": "Текст", "language": "ru" });
    let (s, v, _) = post(app, key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 201, "{v}");
    v["ticket_id"].as_i64().unwrap()
}

db_test!(administrators_set_targets_refused_by_field_when_wrong_and_audited, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(41);
    doc["account_id"] = "kr-s1".into();
    submit(&app, &key, &doc, 41).await;
    let admin = app.signed_in("admin", &[Role::Admin]).await;

    // The page shows the seeded targets as hours: 30 minutes is 0,5.
    let html = app.get(&admin, "/admin/support-targets").await.text().await.unwrap();
    assert!(html.contains("id=\"targets-consent_withdrawal\""));
    assert!(html.contains("value=\"0,5\""), "urgent first response in hours");

    // Bad values: each refused by its field, the typed values back, nothing changed.
    let before = scalar(&app, "SELECT CAST(SUM(first_response_minutes) AS BIGINT) FROM sla_targets").await;
    let bad = targets("consent_withdrawal", ["0", "4", "1", "9", "4", "2", "9", "45"], "0", "999");
    let res = app.post_form(&admin, "/admin/support-targets", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for field in ["first_urgent", "resolution_normal", "legal-days", "escalate"] {
        assert!(html.contains(&format!("id=\"consent_withdrawal-{field}-error\"")), "{field}");
    }
    assert!(html.contains("value=\"999\""), "the typed value is kept");
    assert_eq!(
        scalar(&app, "SELECT CAST(SUM(first_response_minutes) AS BIGINT) FROM sla_targets").await,
        before
    );
    // Escalated a whole deadline before it passes would be escalated on arrival.
    let early = targets("consent_withdrawal", ["0,5", "4", "1", "9", "4", "27", "9", "45"], "1", "24");
    let res = app.post_form(&admin, "/admin/support-targets", &early).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"consent_withdrawal-escalate-error\""));
    // An unknown category is no form of the page.
    let res = app.post_form(&admin, "/admin/support-targets", &targets("nonsense", ["1"; 8], "", "0")).await;
    assert_eq!(res.status(), 400);

    // A legal deadline of 10 working days instead of 3: a new request is due later.
    let earlier = open(&app, &key, "consent_withdrawal").await;
    let good = targets("consent_withdrawal", ["0,5", "4", "1", "9", "4", "27", "9", "45"], "10", "48");
    let res = app.post_form(&admin, "/admin/support-targets", &good).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar(&app, "SELECT legal_days FROM ticket_categories WHERE code = 'consent_withdrawal'").await,
        10
    );
    assert_eq!(
        scalar(&app, "SELECT resolution_minutes FROM sla_targets WHERE category = 'consent_withdrawal' AND priority = 'normal'").await,
        1620
    );
    let later = open(&app, &key, "consent_withdrawal").await;
    // Saving the same values again changes nothing and audits nothing.
    assert_eq!(app.post_form(&admin, "/admin/support-targets", &good).await.status(), 303);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'support.targets-changed'").await,
        1
    );
    let due = |id: i64| format!("SELECT CAST(legal_due_at AS TEXT) FROM tickets WHERE id = {id}");
    assert!(text(&app, &due(later)).await > text(&app, &due(earlier)).await, "held to the new deadline");
    let changed =
        text(&app, "SELECT CAST(details AS TEXT) FROM audit_log WHERE action = 'support.targets-changed'")
            .await;
    assert!(changed.contains("legal_days 3 → 10") && changed.contains("escalate_hours 24 → 48"), "{changed}");
    // No legal deadline at all: an empty field.
    let none = targets("complaint", ["0,5", "4", "1", "9", "4", "27", "9", "45"], "", "0");
    assert_eq!(app.post_form(&admin, "/admin/support-targets", &none).await.status(), 303);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM ticket_categories WHERE code = 'complaint' AND legal_days IS NULL"
        )
        .await,
        1
    );

    // Only administrators.
    for role in [Role::Support, Role::Manager, Role::Security] {
        let who = app.signed_in(&format!("r-{}", role.code()), &[role]).await;
        assert_eq!(app.get(&who, "/admin/support-targets").await.status(), 403, "{role:?}");
        assert_eq!(app.post_form(&who, "/admin/support-targets", &good).await.status(), 403, "{role:?}");
    }
});

db_test!(a_phone_objection_names_the_policy_version_it_objects_to, |app| {
    let key = intake::key(&app).await;
    let doc = applicant(42);
    let iin = doc["applicant"]["iin"].as_str().unwrap().to_string();
    submit(&app, &key, &doc, 42).await;
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
         VALUES ('3.1', '2026-11-01', 'Политика', 'Саясат', '2026-11-01T00:00:00Z')"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let version = scalar(&app, "SELECT id FROM policy_versions WHERE number = '3.1'").await.to_string();
    let agent = app.signed_in("agent", &[Role::Support]).await;
    fn call<'a>(iin: &'a str, v: &'a str) -> Vec<(&'a str, &'a str)> {
        vec![
            ("iin", iin),
            ("category", "objection"),
            ("priority", "normal"),
            ("language", "ru"),
            ("subject", "Не согласен"),
            ("text", "Против новой редакции"),
            ("policy_version", v),
        ]
    }
    let res = app.post_form(&agent, "/support/new", &call(&iin, "")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("policy_version-error") && html.contains("Против новой редакции"));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 0);
    let with = call(&iin, &version);
    let res = app.post_form(&agent, "/support/new", &with).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM tickets WHERE policy_version_id IS NOT NULL AND category = 'objection'"
        )
        .await,
        1
    );
    let id = scalar(&app, "SELECT id FROM tickets").await;
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    assert!(html.contains(">3.1</a>"), "the ticket names the version");
});

db_test!(a_ticket_shows_its_history_and_the_customer_page_its_tickets, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(43);
    doc["account_id"] = "kr-s1".into();
    submit(&app, &key, &doc, 43).await;
    let id = open(&app, &key, "support").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    let at = html.find("name=\"version\" value=\"").unwrap() + 22;
    let version = html[at..at + html[at..].find('"').unwrap()].to_string();
    let fields = [
        ("version", version.as_str()),
        ("state", "open"),
        ("priority", "high"),
        ("category", "support"),
        ("assignee", ""),
        ("tags", "карта"),
    ];
    assert_eq!(app.post_form(&agent, &format!("/support/{id}/update"), &fields).await.status(), 303);
    // The history names what changed, by whom, newest first.
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    let history = &html[html.find("id=\"history-heading\"").expect("a history")..];
    let history = &history[..history.find("</section>").unwrap()];
    assert!(
        history.contains("Тест agent") && history.contains("Обычный → Высокий"),
        "who, and what changed: {history}"
    );
    let updated = history.find("Обращение изменено").expect("the change");
    let created = history.find("Обращение получено из приложения").expect("the ticket's arrival");
    assert!(updated < created, "newest first");

    // The customer page lists the ticket for the support desk, not for a verifier.
    let customer = scalar(&app, "SELECT customer_id FROM tickets").await;
    let html = app.get(&agent, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(html.contains(&format!("href=\"/support/{id}\"")), "listed with its link");
    assert!(html.contains(&format!("/support/{id}\">T-{id:06}")));
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let html = app.get(&verifier, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(!html.contains("id=\"tickets\""), "not for a verifier");
});
