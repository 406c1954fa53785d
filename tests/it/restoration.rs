//! Access restoration, the report: from the app's backend a report of unauthorised access blocks
//! the account at once (the event to the app in the same transaction) and opens a case with a
//! message in the customer's language; a second report joins the open case; two reports at once
//! make one case; an archived account, an unknown customer, bad fields and a reused key are
//! refused by name with nothing stored.

use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, api_post as post, problem_fields as fields, scalar, text},
    intake,
    review::{applicant, submit},
};

const PATH: &str = "/api/v1/customers/kr-r1/access-reports";

fn report() -> Value {
    json!({ "at": "2026-12-05T21:40:00+05:00", "description": "Телефон украли, в приложение кто-то входил.",
            "device": "stolen", "police_report": "КУСП 1234" })
}

async fn customer(app: &TestApp, key: &str, language: &str) {
    let mut doc = applicant(91);
    doc["account_id"] = "kr-r1".into();
    doc["language"] = language.into();
    submit(app, key, &doc, 91).await;
}

db_test!(a_report_blocks_the_account_and_opens_one_case, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "kk").await;

    let (s, first, _) = post(&app, &key, PATH, &report(), Some("r-1")).await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["state"], "waiting_documents");
    assert_eq!((first["joined"].as_bool(), first["blocked_now"].as_bool()), (Some(false), Some(true)));
    let case = first["case_id"].as_i64().unwrap();
    assert_eq!(
        text(&app, "SELECT status || ' ' || status_reason FROM customers").await,
        "blocked unauthorised_access"
    );
    // The app hears of the block and of what to send, in the customer's language.
    let events = intake::events(&app, &key, "after=0").await;
    let kinds: Vec<&str> =
        events["events"].as_array().unwrap().iter().filter_map(|e| e["type"].as_str()).collect();
    assert!(kinds.contains(&"customer.blocked") && kinds.contains(&"restoration.opened"), "{kinds:?}");
    let opened =
        events["events"].as_array().unwrap().iter().find(|e| e["type"] == "restoration.opened").unwrap();
    assert_eq!(opened["data"]["case_id"], case);
    assert_eq!(opened["data"]["language"], "kk");
    assert!(opened["data"]["message"].as_str().unwrap().contains("жаңа селфи"), "{opened}");
    // The same request again: the same answer, nothing new.
    let (s, again, replayed) = post(&app, &key, PATH, &report(), Some("r-1")).await;
    assert_eq!((s, replayed), (201, true));
    assert_eq!(again, first);
    // A second report joins the open case; the account stays blocked, once.
    let mut second = report();
    second["device"] = "kept".into();
    second["police_report"] = Value::Null;
    let (s, joined, _) = post(&app, &key, PATH, &second, None).await;
    assert_eq!(s, 200, "{joined}");
    assert_eq!((joined["case_id"].as_i64(), joined["joined"].as_bool()), (Some(case), Some(true)));
    assert_eq!(joined["blocked_now"], false);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_reports").await, 2);
    assert_eq!(scalar(&app, "SELECT CAST(reports AS BIGINT) FROM restoration_cases").await, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.blocked'").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'restoration.opened'").await, 1);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'restoration.report-joined'").await,
        1
    );
    // The same key with another body: 409, nothing stored.
    let (s, _, _) = post(&app, &key, PATH, &second, Some("r-1")).await;
    assert_eq!(s, 409);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_reports").await, 2);
});

db_test!(reports_at_once_make_one_case, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "ru").await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (base, key) = (app.base.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(format!("{base}{PATH}"))
                .bearer_auth(key)
                .json(&report())
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_reports").await, 8);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.blocked'").await,
        1
    );
});

db_test!(bad_reports_are_refused_by_name_and_store_nothing, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "ru").await;
    // Every field wrong at once: each named.
    let bad =
        json!({ "at": "2099-01-01T00:00:00Z", "description": "", "device": "borrowed", "police_report": 5 });
    let (s, v, _) = post(&app, &key, PATH, &bad, None).await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(fields(&v), ["at", "description", "device", "police_report"]);
    let (s, v, _) = post(&app, &key, PATH, &json!({}), None).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&v), ["at", "description", "device"]);
    let mut long = report();
    long["description"] = "а".repeat(4001).into();
    assert_eq!(post(&app, &key, PATH, &long, None).await.0, 422);
    let mut control = report();
    control["description"] = "a\u{0007}b".into();
    assert_eq!(post(&app, &key, PATH, &control, None).await.0, 422);
    // An unknown customer: 404.
    assert_eq!(post(&app, &key, "/api/v1/customers/kr-nobody/access-reports", &report(), None).await.0, 404);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 0);
    assert_eq!(text(&app, "SELECT status FROM customers").await, "active");
    // An account closed to archive: 409, nothing changed.
    app.db.execute("UPDATE customers SET status = 'archived'").await.unwrap();
    let (s, v, _) = post(&app, &key, PATH, &report(), None).await;
    assert_eq!(s, 409, "{v}");
    assert_eq!(v["type"], "/problems/account-archived");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 0);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'customer.blocked'").await,
        0
    );
});

db_test!(security_officers_find_and_read_cases, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "ru").await;
    let (s, first, _) = post(&app, &key, PATH, &report(), None).await;
    assert_eq!(s, 201);
    let case = first["case_id"].as_i64().unwrap();
    let officer = app.signed_in("officer", &[kreditomat_portal::auth::Role::Security]).await;
    // The queue opens where there is work: the case waits for documents.
    let queue = app.get(&officer, "/security").await.text().await.unwrap();
    assert!(queue.contains(&format!("R-{case:06}")) && queue.contains("Ждёт документов"), "{queue}");
    // Found by its number and by the customer's IIN; a search that is neither says so.
    let iin = text(&app, "SELECT iin FROM customers").await;
    for q in [format!("R-{case:06}"), case.to_string(), iin.clone()] {
        let found = app.get(&officer, &format!("/security?q={q}")).await.text().await.unwrap();
        assert!(found.contains(&format!("/security/cases/{case}")), "{q}: {found}");
    }
    let bad = app.get(&officer, "/security?q=Иванов").await.text().await.unwrap();
    assert!(bad.contains("Введите номер дела") && !bad.contains("/security/cases/"), "{bad}");
    // The case page: the report as it came, in the access log.
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(
        page.contains("Телефон украли") && page.contains("КУСП 1234") && page.contains("устройство украдено"),
        "{page}"
    );
    assert!(page.contains("Заблокирована"), "the account's status: {page}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'restoration-case'").await, 1);
    // Other roles are kept out; an unknown case is not found.
    let agent = app.signed_in("agent", &[kreditomat_portal::auth::Role::Support]).await;
    assert_eq!(app.get(&agent, "/security").await.status(), 403);
    assert_eq!(app.get(&agent, &format!("/security/cases/{case}")).await.status(), 403);
    assert_eq!(app.get(&officer, "/security/cases/987654").await.status(), 404);
    // Kazakh.
    app.post_form(&officer, "/account/language", &[("language", "kk")]).await;
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(
        page.contains("Қолжетімділікті қалпына келтіру ісі") && page.contains("құрылғы ұрланған"),
        "{page}"
    );
});

db_test!(an_agent_turns_a_ticket_into_a_case, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "ru").await;
    let body = json!({ "customer": "kr-r1", "category": "unauthorised_access", "subject": "Взлом",
                       "text": "В приложение кто-то входил ночью.", "language": "ru" });
    let (s, v, _) = post(&app, &key, "/api/v1/tickets", &body, None).await;
    assert_eq!(s, 201, "{v}");
    let ticket = v["ticket_id"].as_i64().unwrap();
    let agent = app.signed_in("agent", &[kreditomat_portal::auth::Role::Support]).await;
    let page = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
    assert!(page.contains(&format!("href=\"/support/{ticket}/restoration\"")), "{page}");
    // The form starts from the customer's words.
    let form = app.get(&agent, &format!("/support/{ticket}/restoration")).await.text().await.unwrap();
    assert!(form.contains("В приложение кто-то входил ночью."), "{form}");
    // A time that is not one, and one in the future: refused beside the field, the text kept.
    let path = format!("/support/{ticket}/restoration");
    for (at, error) in [("вчера", "Укажите дату и время"), ("2099-01-01T10:00", "ещё не наступило")]
    {
        let r = app
            .post_form(
                &agent,
                &path,
                &[("happened_at", at), ("device", "lost"), ("description", "Мои слова")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains(error) && html.contains("Мои слова"), "{html}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 0);
    // A manager reads tickets but does not act on them.
    let manager = app.signed_in("manager", &[kreditomat_portal::auth::Role::Manager]).await;
    let fields =
        [("happened_at", "2026-12-05T21:40"), ("device", "lost"), ("description", "Потерял телефон.")];
    assert_eq!(app.post_form(&manager, &path, &fields).await.status(), 403);
    // Done: blocked, the case linked to the ticket, a line on the ticket.
    let r = app.post_form(&agent, &path, &fields).await;
    assert_eq!(r.status(), 303);
    let case = scalar(&app, &format!("SELECT id FROM restoration_cases WHERE ticket_id = {ticket}")).await;
    assert_eq!(text(&app, "SELECT status FROM customers").await, "blocked");
    assert_eq!(text(&app, "SELECT source || ' ' || device FROM restoration_reports").await, "ticket lost");
    let page = app.get(&agent, &format!("/support/{ticket}")).await.text().await.unwrap();
    assert!(
        page.contains(&format!("R-{case:06}")) && page.contains("открыто дело о восстановлении доступа"),
        "{page}"
    );
    assert!(
        !page.contains(&format!("href=\"/security/cases/{case}\"")),
        "an agent cannot open the case page"
    );
    // Sent again (a second click, another agent): nothing new, the ticket says so.
    let r = app.post_form(&agent, &path, &fields).await;
    assert_eq!(r.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_reports").await, 1);
    let page = app.get(&agent, &crate::harness::location(&r)).await.text().await.unwrap();
    assert!(page.contains("уже передано в дело"), "{page}");
    // A ticket of another category is not made a case.
    let other = json!({ "customer": "kr-r1", "category": "support", "subject": "Вопрос", "text": "Вопрос", "language": "ru" });
    let (_, v, _) = post(&app, &key, "/api/v1/tickets", &other, None).await;
    let other = v["ticket_id"].as_i64().unwrap();
    assert_eq!(app.get(&agent, &format!("/support/{other}/restoration")).await.status(), 404);
});

db_test!(an_account_blocked_for_another_reason_keeps_it, |app| {
    let key = intake::key(&app).await;
    customer(&app, &key, "ru").await;
    app.db
        .execute("UPDATE customers SET status = 'blocked', status_reason = 'authority_request', version = version + 1")
        .await
        .unwrap();
    let (s, first, _) = post(&app, &key, PATH, &report(), None).await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["blocked_now"], false);
    // The block stays the court's; the customer is not told to send documents to lift it.
    assert_eq!(text(&app, "SELECT status_reason FROM customers").await, "authority_request");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type = 'restoration.opened'").await,
        0
    );
    assert_eq!(
        text(&app, "SELECT prior_status || ' ' || prior_reason FROM restoration_cases").await,
        "blocked authority_request"
    );
    let officer = app.signed_in("officer", &[kreditomat_portal::auth::Role::Security]).await;
    let case = first["case_id"].as_i64().unwrap();
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("До сообщения") && page.contains("Требование суда"), "{page}");
});
