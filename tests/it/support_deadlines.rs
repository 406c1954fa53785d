//! The deadline job: a ticket whose SLA time comes within the hour gets one warning line (the
//! first response, then the resolution once answered), a paused resolution none; a legal request
//! unanswered at its escalation time is marked for the lead once; each is audited, the page says
//! it in the reader's language, and the ticket's version does not move (an agent's reply being
//! written is not refused for it).

use kreditomat_portal::{auth::Role, db, support::deadlines};
use serde_json::json;
use time::Duration;

use crate::{
    db_test,
    harness::{TestApp, api_post as post, scalar},
    intake,
    review::{applicant, submit},
};

async fn open(app: &TestApp, key: &str, category: &str) -> i64 {
    let body = json!({ "customer": "kr-d1", "category": category, "subject": "Тема", "text": "Текст", "language": "ru" });
    let (s, v, _) = post(app, key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 201, "{v}");
    v["ticket_id"].as_i64().unwrap()
}

/// Sets `column` of ticket `id` to `at`.
async fn set(app: &TestApp, id: i64, column: &str, at: time::OffsetDateTime) {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query(&format!(
        "UPDATE tickets SET {column} = $1 WHERE id = $2"
    ))
    .bind(at)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
}

db_test!(deadlines_warn_once_and_escalate_legal_requests, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(71);
    doc["account_id"] = "kr-d1".into();
    submit(&app, &key, &doc, 71).await;
    let now = db::now();
    let soon = open(&app, &key, "support").await;
    let later = open(&app, &key, "support").await;
    let paused = open(&app, &key, "support").await;
    let legal = open(&app, &key, "data_access").await;
    set(&app, soon, "first_response_due_at", now + Duration::minutes(30)).await;
    set(&app, later, "first_response_due_at", now + Duration::hours(5)).await;
    // Answered, then waiting for the customer: its resolution clock is paused.
    set(&app, paused, "first_response_at", now - Duration::hours(1)).await;
    set(&app, paused, "resolution_due_at", now + Duration::minutes(20)).await;
    set(&app, paused, "paused_at", now - Duration::minutes(5)).await;
    set(&app, legal, "first_response_due_at", now + Duration::hours(5)).await;
    set(&app, legal, "legal_escalate_at", now - Duration::minutes(1)).await;
    let version = |id: i64| format!("SELECT version FROM tickets WHERE id = {id}");
    let before = scalar(&app, &version(soon)).await;

    assert_eq!(deadlines::run(&app.db, now).await.unwrap(), 2, "one warning, one escalation");
    assert_eq!(deadlines::run(&app.db, now).await.unwrap(), 0, "each once");
    let lines =
        |id: i64| format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {id} AND kind = 'event'");
    assert_eq!(scalar(&app, &lines(soon)).await, 1);
    assert_eq!(scalar(&app, &lines(later)).await, 0);
    assert_eq!(scalar(&app, &lines(paused)).await, 0, "a paused resolution is not warned of");
    assert_eq!(scalar(&app, &lines(legal)).await, 1);
    assert_eq!(scalar(&app, &version(soon)).await, before, "the version does not move");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.sla-warned'").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.escalated'").await, 1);

    // A new due time (another target) warns again.
    set(&app, soon, "first_response_due_at", now + Duration::minutes(45)).await;
    assert_eq!(deadlines::run(&app.db, now).await.unwrap(), 1);

    // The page says it, in the reader's language.
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let page = app.get(&agent, &format!("/support/{soon}")).await.text().await.unwrap();
    assert!(page.contains("Срок первого ответа по SLA наступает"), "{page}");
    let page = app.get(&agent, &format!("/support/{legal}")).await.text().await.unwrap();
    assert!(page.contains("Обращение выделено руководителю"), "{page}");
    app.post_form(&agent, "/account/language", &[("language", "kk")]).await;
    let page = app.get(&agent, &format!("/support/{legal}")).await.text().await.unwrap();
    assert!(page.contains("Өтініш басшыға белгіленді"), "{page}");
    assert!(!page.contains("support-event"), "{page}");
});
