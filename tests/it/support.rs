//! The support desk: tickets from the app (refused by name when wrong, idempotent), follow-ups
//! that reopen or continue a ticket, the agents' replies (an event to the app), notes, state
//! rules, merges, the stale page that keeps the typed reply, take-next under a race, and who may
//! open what.

use kreditomat_portal::{auth::Role, with_db};
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, api_post as post, problem_fields as fields, scalar, text},
    intake,
    review::{applicant, submit},
};

/// A customer with account `account` (their application sent by `key`).
async fn customer(app: &TestApp, key: &str, n: u64, account: &str) {
    let mut doc = applicant(n);
    doc["account_id"] = account.into();
    submit(app, key, &doc, n).await;
}

async fn open(app: &TestApp, key: &str, account: &str, category: &str, language: &str) -> i64 {
    let body = json!({ "customer": account, "category": category, "subject": "Тема", "text": "Текст", "language": language });
    let (s, v, _) = post(app, key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 201, "{v}");
    v["ticket_id"].as_i64().unwrap()
}

/// The ticket page's version field.
async fn version(app: &TestApp, client: &reqwest::Client, id: i64) -> String {
    let html = app.get(client, &format!("/support/{id}")).await.text().await.unwrap();
    let at = html.find("name=\"version\" value=\"").expect("a version field") + 22;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

async fn form(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    form: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let v = version(app, client, id).await;
    let mut all: Vec<(&str, &str)> = vec![("version", v.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, &format!("/support/{id}/{form}"), &all).await
}

db_test!(the_app_opens_tickets_refused_by_name_when_wrong_and_idempotent, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 1, "kr-t1").await;
    // Every field wrong at once: each named.
    let (s, v, _) = post(
        &app,
        &key,
        "/api/v1/tickets",
        &json!({ "category": "nonsense", "subject": "", "language": "en" }),
        None,
    )
    .await;
    assert_eq!(s, 422, "{v}");
    let mut named = fields(&v);
    named.sort();
    assert_eq!(named, ["category", "customer", "language", "subject", "text"]);
    // An unknown customer, an objection without its policy version.
    let body = json!({ "customer": "kr-nobody", "category": "objection", "subject": "S", "text": "T", "language": "ru" });
    let (s, v, _) = post(&app, &key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&v), ["customer", "policy_version"]);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 0);

    // A data-change request: a legal deadline; the same key twice is one ticket.
    let body = json!({ "customer": "kr-t1", "category": "data_change", "subject": "Новый адрес <b>",
                       "text": "<script>alert(1)</script>", "language": "kk",
                       "changes": { "home_address": "Алматы, Абая, 1" } });
    let (s, first, replayed) = post(&app, &key, "/api/v1/tickets", &body, Some("t-1")).await;
    assert_eq!((s, replayed), (201, false), "{first}");
    assert!(first["legal_due_at"].is_string());
    assert_eq!(first["state"], "new");
    let (s, again, replayed) = post(&app, &key, "/api/v1/tickets", &body, Some("t-1")).await;
    assert_eq!((s, replayed), (201, true));
    assert_eq!(again, first);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.created'").await, 1);
    // What was typed is shown as text.
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let id = first["ticket_id"].as_i64().unwrap();
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{html}");
    assert!(!html.contains("<script>alert(1)"));
    // The reply form is in the ticket's language whatever the agent's.
    assert!(html.contains("lang=\"kk\""));

    // An objection names a known policy version and is counted against it.
    with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
         VALUES ('2.0', '2026-06-01', 'Политика', 'Саясат', '2026-06-01T00:00:00Z')"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let body = json!({ "customer": "kr-t1", "category": "objection", "subject": "Возражаю", "text": "Не согласен",
                       "language": "ru", "policy_version": "9.9" });
    assert_eq!(fields(&post(&app, &key, "/api/v1/tickets", &body, None).await.1), ["policy_version"]);
    let body = json!({ "customer": "kr-t1", "category": "objection", "subject": "Возражаю", "text": "Не согласен",
                       "language": "ru", "policy_version": "2.0" });
    assert_eq!(post(&app, &key, "/api/v1/tickets", &body, None).await.0, 201);
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let html = app.get(&admin, "/admin/policy-versions").await.text().await.unwrap();
    assert!(html.contains("<td class=\"num\">1</td>"), "the objection is counted");
});

db_test!(follow_ups_reopen_resolved_tickets_and_continue_closed_ones, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 2, "kr-t2").await;
    let id = open(&app, &key, "kr-t2", "support", "ru").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let res = form(&app, &agent, id, "reply", &[("body", "Решено, проверьте."), ("then", "resolved")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(text(&app, &format!("SELECT state FROM tickets WHERE id = {id}")).await, "resolved");
    // The reply reached the app's feed with its text.
    let payload = text(&app, "SELECT payload FROM customer_events WHERE event_type = 'ticket.replied'").await;
    assert!(payload.contains("Решено, проверьте."), "{payload}");

    let path = format!("/api/v1/tickets/{id}/messages");
    let (s, v, _) = post(&app, &key, &path, &json!({ "text": "Нет, не решено" }), None).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!((v["ticket_id"].as_i64(), v["state"].as_str()), (Some(id), Some("open")));
    // Resolved, then closed: a follow-up opens a new ticket linked to it.
    form(&app, &agent, id, "reply", &[("body", "Теперь решено."), ("then", "resolved")]).await;
    let res = form(
        &app,
        &agent,
        id,
        "update",
        &[
            ("state", "closed"),
            ("priority", "normal"),
            ("category", "support"),
            ("assignee", ""),
            ("tags", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (s, v, _) = post(&app, &key, &path, &json!({ "text": "Снова проблема" }), None).await;
    assert_eq!(s, 201);
    let new = v["ticket_id"].as_i64().unwrap();
    assert_ne!(new, id);
    assert_eq!(v["parent_id"].as_i64(), Some(id));
    // The next follow-up on the closed one joins the ticket that continues it.
    let (s, v, _) = post(&app, &key, &path, &json!({ "text": "И ещё" }), None).await;
    assert_eq!((s, v["ticket_id"].as_i64()), (201, Some(new)));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 2);
    // Reclassified as a request under the personal-data law, a ticket gets its legal deadline.
    let res = form(
        &app,
        &agent,
        new,
        "update",
        &[
            ("state", "open"),
            ("priority", "urgent"),
            ("category", "data_access"),
            ("assignee", ""),
            ("tags", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM tickets WHERE id = {new} AND legal_due_at IS NOT NULL"))
            .await,
        1
    );
    // An empty follow-up is refused by name; another client's ticket is not found.
    let (s, v, _) = post(&app, &key, &path, &json!({ "text": "  " }), None).await;
    assert_eq!((s, fields(&v)), (422, vec!["text".to_string()]));
    let other = kreditomat_portal::api::keys::create(
        &app.db,
        &kreditomat_portal::api::keys::NewKey::every("other backend"),
        &kreditomat_portal::audit::Actor::System("test"),
        None,
    )
    .await
    .unwrap()
    .1;
    assert_eq!(post(&app, &other, &path, &json!({ "text": "x" }), None).await.0, 404);
});

db_test!(agents_reply_note_and_change_tickets_by_the_rules, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 3, "kr-t3").await;
    customer(&app, &key, 4, "kr-t4").await;
    let id = open(&app, &key, "kr-t3", "consent_withdrawal", "ru").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;

    // An empty reply: the error by the field, nothing written.
    let res = form(&app, &agent, id, "reply", &[("body", "   "), ("then", "waiting_customer")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("reply-body-error"));
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {id}")).await,
        1
    );
    // Resolving a legal request not yet answered is refused.
    let update = |state: &'static str| {
        vec![
            ("state", state),
            ("priority", "normal"),
            ("category", "consent_withdrawal"),
            ("assignee", ""),
            ("tags", ""),
        ]
    };
    let res = form(&app, &agent, id, "update", &update("resolved")).await;
    assert_eq!(res.status(), 409);
    assert_eq!(text(&app, &format!("SELECT state FROM tickets WHERE id = {id}")).await, "new");
    // A note is not sent to the customer.
    form(&app, &agent, id, "note", &[("note", "Проверить заём")]).await;
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'ticket.replied'").await,
        0
    );
    // Waiting for the customer pauses the SLA clock; the legal clock runs on (a question back
    // is not the answer).
    form(&app, &agent, id, "reply", &[("body", "Уточните, пожалуйста."), ("then", "waiting_customer")]).await;
    assert_eq!(scalar(&app, &format!("SELECT COUNT(*) FROM tickets WHERE id = {id} AND paused_at IS NOT NULL AND legal_done_at IS NULL")).await, 1);
    // Bad tags and an unknown assignee come back by their fields, with what was typed.
    let res = form(
        &app,
        &agent,
        id,
        "update",
        &[
            ("state", "open"),
            ("priority", "normal"),
            ("category", "consent_withdrawal"),
            ("assignee", "999"),
            ("tags", "ok <b>"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("assignee-error") && html.contains("tags-error") && html.contains("ok &#60;b&#62;"),
        "{html}"
    );

    // Merges: not into itself, not into another customer's ticket.
    let other = open(&app, &key, "kr-t4", "support", "ru").await;
    let same = open(&app, &key, "kr-t3", "support", "ru").await;
    let into = |n: i64| format!("T-{n:06}");
    let res = form(&app, &agent, id, "merge", &[("into", &into(id))]).await;
    assert_eq!(res.status(), 409);
    let res = form(&app, &agent, id, "merge", &[("into", &into(other))]).await;
    assert_eq!(res.status(), 409);
    let res = form(&app, &agent, same, "merge", &[("into", &into(id))]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar(&app, &format!("SELECT merged_into FROM tickets WHERE id = {same}")).await, id);
    // A merged ticket takes no reply; the app's follow-up goes to the one it was merged into.
    let res = app
        .post_form(
            &agent,
            &format!("/support/{same}/reply"),
            &[("version", "99"), ("body", "x"), ("then", "open")],
        )
        .await;
    assert_eq!(res.status(), 409);
    let (s, v, _) =
        post(&app, &key, &format!("/api/v1/tickets/{same}/messages"), &json!({ "text": "Ещё вопрос" }), None)
            .await;
    assert_eq!((s, v["ticket_id"].as_i64()), (201, Some(id)));
});

db_test!(a_second_reply_sent_from_a_stale_page_is_shown_the_first_and_kept, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 5, "kr-t5").await;
    let id = open(&app, &key, "kr-t5", "support", "kk").await;
    let first = app.signed_in("first", &[Role::Support]).await;
    let second = app.signed_in("second", &[Role::Support]).await;
    let seen = version(&app, &second, id).await;
    let res =
        form(&app, &first, id, "reply", &[("body", "Бірінші жауап"), ("then", "waiting_customer")]).await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &second,
            &format!("/support/{id}/reply"),
            &[("version", &seen), ("body", "Екінші жауап"), ("then", "open")],
        )
        .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("Бірінші жауап"), "the first reply is shown");
    assert!(html.contains("Екінші жауап"), "the second's text is kept in the form");
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {id} AND kind = 'reply'")
        )
        .await,
        1
    );
    // Sent again from the fresh page, it goes.
    let res = form(&app, &second, id, "reply", &[("body", "Екінші жауап"), ("then", "open")]).await;
    assert_eq!(res.status(), 303);
});

db_test!(two_agents_taking_the_next_ticket_at_once_get_two_tickets, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 6, "kr-t6").await;
    for _ in 0..2 {
        open(&app, &key, "kr-t6", "support", "ru").await;
    }
    let a = app.signed_in("agent-a", &[Role::Support]).await;
    let b = app.signed_in("agent-b", &[Role::Support]).await;
    let (ca, cb) = (app.csrf(&a).await, app.csrf(&b).await);
    let (ra, rb) = tokio::join!(
        a.post(format!("{}/support/next", app.base)).form(&[("csrf", ca.as_str())]).send(),
        b.post(format!("{}/support/next", app.base)).form(&[("csrf", cb.as_str())]).send(),
    );
    let (la, lb) = (crate::harness::location(&ra.unwrap()), crate::harness::location(&rb.unwrap()));
    assert!(la.starts_with("/support/") && lb.starts_with("/support/"), "{la} {lb}");
    assert_ne!(la, lb);
    assert_eq!(scalar(&app, "SELECT COUNT(DISTINCT assignee_id) FROM tickets").await, 2);
    // None left: the queue says so.
    let res = app.post_form(&a, "/support/next", &[]).await;
    assert_eq!(crate::harness::location(&res), "/support?view=unassigned");
});

db_test!(the_queue_counts_and_searches_and_every_role_gets_its_answer, |app| {
    let key = intake::key(&app).await;
    let doc = applicant(7);
    let iin = doc["applicant"]["iin"].as_str().unwrap().to_string();
    customer(&app, &key, 7, "kr-t7").await;
    let id = open(&app, &key, "kr-t7", "complaint", "ru").await;
    open(&app, &key, "kr-t7", "support", "ru").await;
    // A ticket long overdue is counted as breached.
    with_db!(&app.db, |c| sqlx::query("UPDATE tickets SET due_at = '2020-01-01T00:00:00Z' WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let html = app.get(&agent, "/support?view=breached").await.text().await.unwrap();
    assert!(html.contains(&format!("/support/{id}\"")), "the breached ticket is listed");
    assert!(html.contains("row-bad"));
    // A complaint (15 calendar days by law) past its escalation time is on the lead's tab.
    let html = app.get(&agent, "/support?view=escalated").await.text().await.unwrap();
    assert!(!html.contains(&format!("/support/{id}\"")), "not yet escalated");
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE tickets SET legal_escalate_at = '2020-01-01T00:00:00Z' WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let html = app.get(&agent, "/support?view=escalated").await.text().await.unwrap();
    assert!(html.contains(&format!("/support/{id}\"")), "the escalated request is listed");
    let tab = &html[html.find("view=escalated\" aria-current").expect("the tab")..];
    let tab = &tab[..tab.find("</a>").unwrap()];
    assert!(tab.contains("count-bad\">1</span>"), "and counted: {tab}");
    for q in [format!("T-{id:06}"), iin.clone()] {
        let html = app.get(&agent, &format!("/support?q={q}")).await.text().await.unwrap();
        assert!(html.contains(&format!("/support/{id}\"")), "{q}");
    }
    // A bad query is an error by the field, not a list.
    let res = app.get(&agent, "/support?q=123456789012").await;
    assert_eq!(res.status(), 400);
    let res = app.get(&agent, "/support?view=nonsense").await;
    assert_eq!(res.status(), 400);

    for (role, page, work) in [
        (Role::Support, 200, 303),
        (Role::Security, 200, 303),
        (Role::Manager, 200, 403),
        (Role::Verifier, 403, 403),
        (Role::Compliance, 403, 403),
        (Role::Admin, 403, 403),
    ] {
        let who = app.signed_in(&format!("r-{}", role.code()), &[role]).await;
        assert_eq!(app.get(&who, "/support").await.status(), page, "{role:?} queue");
        assert_eq!(app.get(&who, &format!("/support/{id}")).await.status(), page, "{role:?} ticket");
        let v = if work == 303 { version(&app, &who, id).await } else { "1".into() };
        let res = app
            .post_form(&who, &format!("/support/{id}/note"), &[("version", &v), ("note", "Заметка")])
            .await;
        assert_eq!(res.status(), work, "{role:?} note");
    }
    // Viewing a ticket of a known customer is in the personal-data access log.
    assert!(scalar(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'support-ticket'").await >= 1);
});

db_test!(resolved_tickets_close_by_themselves_after_the_configured_days, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 8, "kr-t8").await;
    let id = open(&app, &key, "kr-t8", "support", "ru").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    form(&app, &agent, id, "reply", &[("body", "Готово."), ("then", "resolved")]).await;
    // Not yet: resolved a moment ago, closing after a day.
    assert_eq!(kreditomat_portal::support::closing::close_resolved(&app.db, 1).await.unwrap(), 0);
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE tickets SET resolved_at = '2020-01-01T00:00:00Z' WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    assert_eq!(kreditomat_portal::support::closing::close_resolved(&app.db, 1).await.unwrap(), 1);
    assert_eq!(text(&app, &format!("SELECT state FROM tickets WHERE id = {id}")).await, "closed");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'ticket.state-changed'").await,
        2
    );
    // Closed once: a second round finds nothing.
    assert_eq!(kreditomat_portal::support::closing::close_resolved(&app.db, 1).await.unwrap(), 0);
});

db_test!(a_data_change_is_decided_field_by_field_and_applied_to_the_customer, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 9, "kr-t9").await;
    // Unknown and malformed fields are named; changes only come with a data change.
    let bad = json!({ "customer": "kr-t9", "category": "data_change", "subject": "S", "text": "T", "language": "ru",
                      "changes": { "shoe_size": "42", "phone": "12", "email": 5 } });
    let (s, v, _) = post(&app, &key, "/api/v1/tickets", &bad, None).await;
    assert_eq!(s, 422);
    let mut named = fields(&v);
    named.sort();
    assert_eq!(named, ["changes.email", "changes.phone", "changes.shoe_size"]);
    let bad = json!({ "customer": "kr-t9", "category": "support", "subject": "S", "text": "T", "language": "ru",
                      "changes": { "phone": "+7 705 000 11 22" } });
    assert_eq!(fields(&post(&app, &key, "/api/v1/tickets", &bad, None).await.1), ["changes"]);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 0);

    let body = json!({ "customer": "kr-t9", "category": "data_change", "subject": "Новые данные", "text": "Прошу изменить",
                       "language": "ru", "changes": { "phone": "8 705 000 11 22", "home_address": "Алматы, Сатпаева, 30",
                                                      "last_name": "Иванова" } });
    let (s, v, _) = post(&app, &key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 201, "{v}");
    let id = v["ticket_id"].as_i64().unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_changes WHERE old_value IS NOT NULL").await, 3);
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    assert!(
        html.contains("+77050001122") && html.contains("Алматы, Сатпаева, 30"),
        "old and new side by side"
    );
    let phone: i64 = scalar(&app, "SELECT id FROM ticket_changes WHERE field = 'phone'").await;
    let surname: i64 = scalar(&app, "SELECT id FROM ticket_changes WHERE field = 'last_name'").await;
    // Apply the phone (and try the surname, which only documents change); refuse the address.
    let res =
        form(&app, &agent, id, "changes", &[("apply", &phone.to_string()), ("apply", &surname.to_string())])
            .await;
    assert_eq!(res.status(), 303);
    assert_eq!(text(&app, "SELECT decision FROM ticket_changes WHERE field = 'phone'").await, "applied");
    assert_eq!(
        text(&app, "SELECT decision || ' ' || reason FROM ticket_changes WHERE field = 'last_name'").await,
        "refused locked"
    );
    assert_eq!(
        text(&app, "SELECT decision FROM ticket_changes WHERE field = 'home_address'").await,
        "refused"
    );
    assert_eq!(text(&app, "SELECT value FROM customer_fields WHERE field = 'phone'").await, "+77050001122");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_fields").await, 1);
    let payload =
        text(&app, "SELECT payload FROM customer_events WHERE event_type = 'customer.data-changed'").await;
    assert!(payload.contains("+77050001122") && !payload.contains("Иванова"), "{payload}");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.data-changed'").await,
        1
    );
    // Decided once: a second decision is refused and changes nothing.
    let res = form(&app, &agent, id, "changes", &[("apply", &phone.to_string())]).await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.data-changed'").await,
        1
    );
});

db_test!(a_consent_withdrawal_is_refused_while_a_loan_is_open_and_recorded_after, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 10, "kr-t10").await;
    let consent = |at: &str| json!({ "policy_version": "1.0", "action": "given", "at": at });
    with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
         VALUES ('1.0', '2026-01-01', 'Политика', 'Саясат', '2026-01-01T00:00:00Z')"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    assert_eq!(
        post(&app, &key, "/api/v1/customers/kr-t10/consents", &consent("2026-11-01T10:00:00+05:00"), None)
            .await
            .0,
        201
    );
    let loan = json!({ "open": true, "reference": "loan-1", "at": "2026-11-02T10:00:00+05:00" });
    assert_eq!(post(&app, &key, "/api/v1/customers/kr-t10/obligations", &loan, None).await.0, 200);
    let id = open(&app, &key, "kr-t10", "consent_withdrawal", "kk").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let html = app.get(&agent, &format!("/support/{id}")).await.text().await.unwrap();
    assert!(html.contains("badge-bad"), "the open obligation is shown");
    // Recording it is refused while the loan is open; refusing is recorded in the ticket.
    let res = form(&app, &agent, id, "withdrawal", &[("decision", "record")]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("decision-error"));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM consents WHERE NOT given").await, 0);
    let res = form(&app, &agent, id, "withdrawal", &[("decision", "refuse")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.consent-withdrawal-refused'")
            .await,
        1
    );
    // Repaid: a new request is recorded, and the app is told to stop.
    let repaid = json!({ "open": false, "reference": "loan-1", "at": "2026-11-20T10:00:00+05:00" });
    post(&app, &key, "/api/v1/customers/kr-t10/obligations", &repaid, None).await;
    let again = open(&app, &key, "kr-t10", "consent_withdrawal", "kk").await;
    let res = form(&app, &agent, again, "withdrawal", &[("decision", "refuse")]).await;
    assert_eq!(res.status(), 409, "nothing to refuse on");
    let res = form(&app, &agent, again, "withdrawal", &[("decision", "record")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM consents WHERE NOT given").await, 1);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.consent-withdrawn'")
            .await,
        1
    );
    let (_, view, _) = (
        0,
        reqwest::Client::new()
            .get(format!("{}/api/v1/customers/kr-t10", app.base))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        0,
    );
    assert_eq!(view["consent"]["action"], "withdrawn");
});

db_test!(a_request_for_ones_data_gets_a_summary_in_the_customers_language_logged, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, 11, "kr-t11").await;
    let id = open(&app, &key, "kr-t11", "data_access", "kk").await;
    let other = open(&app, &key, "kr-t11", "support", "kk").await;
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let res = app.get(&agent, &format!("/support/{id}/summary")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">") && html.contains("Сіздің деректеріңіз"), "in Kazakh");
    let name = text(&app, "SELECT last_name FROM applications ORDER BY id LIMIT 1").await;
    assert!(html.contains(&name));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'data-summary'").await, 1);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.data-summary-produced'").await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {id} AND kind = 'event'")
        )
        .await,
        1
    );
    // Only for a request to access one's data, and only for those who answer tickets.
    assert_eq!(app.get(&agent, &format!("/support/{other}/summary")).await.status(), 404);
    let manager = app.signed_in("mgr", &[Role::Manager]).await;
    assert_eq!(app.get(&manager, &format!("/support/{id}/summary")).await.status(), 403);
});
