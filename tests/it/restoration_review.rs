//! Access restoration under review: the customer's documents through the photo pipeline (the
//! case becomes ready; a bad photo, another client's case are refused with nothing stored), the
//! activity batches of the takeover timeline (a bad item named), the case page that sets the new
//! documents beside the onboarding ones, files taken from the case's ticket, a report by phone,
//! overdue cases. The decisions are in `restoration_decisions`.

use kreditomat_portal::{auth::Role, photos::fixtures};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::{
    db_test,
    harness::{TestApp, api_post as post, exec, problem_fields as fields, scalar, text},
    intake,
    review::{applicant, submit},
};

pub(crate) const REPORTS: &str = "/api/v1/customers/kr-v1/access-reports";
pub(crate) const ACTIVITY: &str = "/api/v1/customers/kr-v1/activity";

/// A customer whose approved application has the photos of person 91, and a case opened by a
/// report from the app: `(api key, case id)`.
pub(crate) async fn case(app: &TestApp, language: &str) -> (String, i64) {
    let key = intake::key(app).await;
    let mut doc = applicant(91);
    doc["account_id"] = "kr-v1".into();
    doc["language"] = language.into();
    submit(app, &key, &doc, 91).await;
    let id = scalar(app, "SELECT MAX(id) FROM applications").await;
    exec(app, &format!("UPDATE applications SET status = 'approved' WHERE id = {id}")).await.unwrap();
    let report =
        json!({ "at": "2026-12-05T21:40:00+05:00", "description": "Телефон украли.", "device": "stolen" });
    let (s, opened, _) = post(app, &key, REPORTS, &report, None).await;
    assert_eq!(s, 201, "{opened}");
    (key, opened["case_id"].as_i64().unwrap())
}

fn jpeg(bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name("photo.jpg").mime_str("image/jpeg").unwrap()
}

/// The customer's own face again (brighter), their ID card, and what the app read from it.
pub(crate) fn own_documents(details: &Value) -> Form {
    Form::new()
        .part("selfie", jpeg(fixtures::brighter(&fixtures::selfie_jpeg(91, 0), 12)))
        .part("id_front", jpeg(fixtures::id_card_jpeg(91, false)))
        .part("details", Part::text(details.to_string()).mime_str("application/json").unwrap())
}

pub(crate) async fn send(
    app: &TestApp,
    key: &str,
    case: i64,
    form: Form,
    idem: Option<&str>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{}/api/v1/restoration-cases/{case}/documents", app.base))
        .bearer_auth(key)
        .multipart(form);
    if let Some(k) = idem {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

db_test!(documents_make_a_case_ready_beside_the_onboarding_ones, |app| {
    let (key, case) = case(&app, "ru").await;
    let iin = text(&app, "SELECT iin FROM customers").await;
    let details = json!({ "device_id": "android-new-1", "phone": "8 701 555 12 34",
                          "id_document": { "iin": iin, "last_name": "Другая", "number": "N0000091" } });
    // Bad input first: a photo that is not one, an unknown part, a bad phone; nothing stored.
    let bad = Form::new()
        .part("selfie", jpeg(b"not a photo at all".to_vec()))
        .part("passport", jpeg(fixtures::selfie_jpeg(91, 0)))
        .part("details", Part::text(r#"{"phone": "12"}"#));
    let (s, problem) = send(&app, &key, case, bad, None).await;
    assert_eq!(s, 422, "{problem}");
    let named = fields(&problem);
    for f in ["passport", "phone", "selfie"] {
        assert!(named.iter().any(|n| n == f), "{f} in {named:?}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_documents").await, 0);
    // Another client's case is as unknown as none.
    let other = intake::key(&app).await;
    let (s, _) = send(&app, &other, case, own_documents(&details), None).await;
    assert_eq!(s, 404);
    let (s, _) = send(&app, &key, 987_654, own_documents(&details), None).await;
    assert_eq!(s, 404);
    // The documents: the case is ready; the same request again gets the same answer.
    let (s, added) = send(&app, &key, case, own_documents(&details), Some("d-1")).await;
    assert_eq!(s, 201, "{added}");
    assert_eq!(added["state"], "ready");
    let (s, again) = send(&app, &key, case, own_documents(&details), Some("d-1")).await;
    assert_eq!((s, &again), (201, &added));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_documents").await, 2);
    assert_eq!(text(&app, "SELECT new_phone FROM restoration_cases").await, "+77015551234");
    // The page: the new selfie beside the onboarding one, alike; the ID's name does not match.
    let officer = app.signed_in("officer", &[Role::Security]).await;
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("снимки почти одинаковые"), "{page}");
    assert!(page.contains("не совпадает") && page.contains("Другая"), "{page}");
    assert!(page.contains("+7 701 ••• •• 34") && page.contains("android-new-1"), "{page}");
    let doc = scalar(&app, "SELECT MIN(id) FROM restoration_documents").await;
    let img = app.get(&officer, &format!("/security/cases/{case}/documents/{doc}/review")).await;
    assert_eq!(img.status(), 200);
    assert_eq!(img.headers()["content-type"], "image/jpeg");
    assert_eq!(
        app.get(&officer, &format!("/security/cases/{case}/documents/{doc}/original")).await.status(),
        404
    );
    let agent = app.signed_in("agent", &[Role::Support]).await;
    assert_eq!(
        app.get(&agent, &format!("/security/cases/{case}/documents/{doc}/review")).await.status(),
        403
    );
    // Another person's face reads as different.
    let stranger = Form::new().part("selfie", jpeg(fixtures::selfie_jpeg(5_005, 0)));
    let (s, _) = send(&app, &key, case, stranger, None).await;
    assert_eq!(s, 201);
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("снимки различаются"), "{page}");
});

db_test!(activity_batches_make_the_takeover_timeline, |app| {
    let (key, case) = case(&app, "kk").await;
    let batch = json!({ "events": [
        { "at": "2026-12-01T10:00:00+05:00", "kind": "sign_in", "device": "android-own", "ip": "95.56.14.20" },
        { "at": "2026-12-02T10:00:00+05:00", "kind": "sign_in", "device": "android-own", "ip": "95.56.14.20" },
        { "at": "2026-12-03T22:10:00+05:00", "kind": "phone_changed", "device": "iphone-taker", "ip": "178.89.3.141" }
    ]});
    // A bad item is named; nothing of the batch is stored.
    let mut bad = batch.clone();
    bad["events"][1]["at"] = "2099-01-01T00:00:00Z".into();
    bad["events"][2]["at"] = "yesterday".into();
    bad["events"][0]["kind"] = "teleport".into();
    bad["events"][0]["ip"] = "999.1.1.1".into();
    let (s, problem, _) = post(&app, &key, ACTIVITY, &bad, None).await;
    assert_eq!(s, 422, "{problem}");
    assert_eq!(fields(&problem), ["events[0].kind", "events[0].ip", "events[1].at", "events[2].at"]);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_activity").await, 0);
    let (s, _, _) = post(&app, &key, ACTIVITY, &json!({ "events": [] }), None).await;
    assert_eq!(s, 422);
    let (s, _, _) = post(&app, &key, "/api/v1/customers/kr-nobody/activity", &batch, None).await;
    assert_eq!(s, 404);
    let (s, done, _) = post(&app, &key, ACTIVITY, &batch, Some("a-1")).await;
    assert_eq!((s, done["recorded"].as_i64()), (201, Some(3)), "{done}");
    let (_, _, replayed) = post(&app, &key, ACTIVITY, &batch, Some("a-1")).await;
    assert!(replayed);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_activity").await, 3);
    // The timeline, in Kazakh: the two sign-ins folded into one line, the phone change from a
    // device never seen before marked.
    let officer = app.signed_in("officer", &[Role::Security]).await;
    app.post_form(&officer, "/account/language", &[("language", "kk")]).await;
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("Телефонды ауыстыру") && page.contains("жаңа құрылғы"), "{page}");
    assert!(page.contains("×2"), "the sign-ins fold: {page}");
    assert!(page.contains("Рұқсатсыз қолжетімділік туралы хабарлама"), "the report on the axis: {page}");
});

/// The case's version as stored.
pub(crate) async fn version(app: &TestApp, case: i64) -> String {
    scalar(app, &format!("SELECT version FROM restoration_cases WHERE id = {case}")).await.to_string()
}

db_test!(an_officer_takes_a_photo_from_the_cases_ticket, |app| {
    let (key, _) = case(&app, "ru").await;
    // The customer writes to support with a photo; the agent makes the ticket a case.
    let doc = json!({ "customer": "kr-v1", "category": "unauthorised_access", "subject": "Документы",
                      "text": "Прикладываю селфи.", "language": "ru" });
    let form = Form::new()
        .part("ticket", Part::text(doc.to_string()).mime_str("application/json").unwrap())
        .part("attachment", jpeg(fixtures::selfie_jpeg(91, 20)));
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/tickets", app.base))
        .bearer_auth(&key)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let ticket: i64 = res.json::<Value>().await.unwrap()["ticket_id"].as_i64().unwrap();
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let fields =
        [("happened_at", "2026-12-05T21:40"), ("device", "lost"), ("description", "Потерял телефон.")];
    assert_eq!(app.post_form(&agent, &format!("/support/{ticket}/restoration"), &fields).await.status(), 303);
    let case = scalar(&app, &format!("SELECT id FROM restoration_cases WHERE ticket_id = {ticket}")).await;
    let file = scalar(&app, "SELECT id FROM ticket_attachments").await.to_string();
    let officer = app.signed_in("officer", &[Role::Security]).await;
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("Файлы из обращения") && page.contains("Добавить к документам"), "{page}");
    let path = format!("/security/cases/{case}/documents/from-ticket");
    // Another ticket's file, or a kind that is none: nothing taken.
    assert_eq!(
        app.post_form(&officer, &path, &[("attachment", "98765"), ("kind", "selfie")]).await.status(),
        404
    );
    app.post_form(&officer, &path, &[("attachment", &file), ("kind", "passport")]).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_documents").await, 0);
    assert_eq!(
        app.post_form(&agent, &path, &[("attachment", &file), ("kind", "selfie")]).await.status(),
        403
    );
    let res = app.post_form(&officer, &path, &[("attachment", &file), ("kind", "selfie")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(text(&app, "SELECT source || ' ' || kind FROM restoration_documents").await, "ticket selfie");
    // Sent twice (a double click): taken once.
    app.post_form(&officer, &path, &[("attachment", &file), ("kind", "selfie")]).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_documents").await, 1);
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("добавлен к документам") && page.contains("снимки почти одинаковые"), "{page}");
    // The refusal is told on the ticket too, with its reason, in the ticket's language.
    let v = version(&app, case).await;
    let fields = [("step", "refuse"), ("version", v.as_str()), ("reasons", "culprit_unknown")];
    assert_eq!(
        app.post_form(&officer, &format!("/security/cases/{case}/refuse"), &fields).await.status(),
        303
    );
    let reply = text(
        &app,
        &format!("SELECT body FROM ticket_messages WHERE ticket_id = {ticket} AND kind = 'reply'"),
    )
    .await;
    assert!(
        reply.contains("не можем восстановить доступ") && reply.contains("завладевшего устройством"),
        "{reply}"
    );
});

db_test!(overdue_cases_are_marked_and_counted_for_managers, |app| {
    let (_, case) = case(&app, "ru").await;
    // Opened three weeks ago: past the five working days.
    exec(
        &app,
        &format!("UPDATE restoration_cases SET created_at = '2026-11-10T09:00:00Z' WHERE id = {case}"),
    )
    .await
    .unwrap();
    let officer = app.signed_in("officer", &[Role::Security]).await;
    let queue = app.get(&officer, "/security").await.text().await.unwrap();
    assert!(queue.contains("id=\"overdue\"") && queue.contains("row-late"), "{queue}");
    let page = app.get(&officer, &format!("/security/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("Срок решения прошёл"), "{page}");
    // A manager counts them in the queue, with the IIN masked, and opens no case.
    let manager = app.signed_in("manager", &[Role::Manager]).await;
    let queue = app.get(&manager, "/security").await.text().await.unwrap();
    let iin = text(&app, "SELECT iin FROM customers").await;
    assert!(queue.contains("id=\"overdue\"") && !queue.contains(&iin), "{queue}");
    assert!(!queue.contains(&format!("href=\"/security/cases/{case}\"")), "{queue}");
    assert_eq!(app.get(&manager, &format!("/security/cases/{case}")).await.status(), 403);
    // Nor does a manager find who reported a takeover by their IIN or phone.
    let found = app.get(&manager, &format!("/security?q={iin}")).await.text().await.unwrap();
    assert!(found.contains("q-error") && !found.contains("<tbody"), "{found}");
    let found = app.get(&officer, &format!("/security?q={iin}")).await.text().await.unwrap();
    assert!(found.contains(&format!("/security/cases/{case}")), "{found}");
});

db_test!(a_call_taken_by_an_agent_is_a_report_by_phone, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(91);
    doc["account_id"] = "kr-v1".into();
    submit(&app, &key, &doc, 91).await;
    let iin = text(&app, "SELECT iin FROM customers").await;
    // The agent opens a ticket for the call, then makes it a case.
    let agent = app.signed_in("agent", &[Role::Support]).await;
    let fields = [
        ("iin", iin.as_str()),
        ("category", "unauthorised_access"),
        ("priority", "high"),
        ("language", "ru"),
        ("subject", "Звонок: телефон украли"),
        ("text", "Клиент звонит: телефон украли час назад."),
    ];
    let res = app.post_form(&agent, "/support/new", &fields).await;
    assert_eq!(res.status(), 303);
    let ticket = scalar(&app, "SELECT MAX(id) FROM tickets").await;
    assert_eq!(text(&app, &format!("SELECT channel FROM tickets WHERE id = {ticket}")).await, "phone");
    let form =
        [("happened_at", "2026-12-05T21:40"), ("device", "stolen"), ("description", "Телефон украли.")];
    assert_eq!(app.post_form(&agent, &format!("/support/{ticket}/restoration"), &form).await.status(), 303);
    assert_eq!(text(&app, "SELECT source FROM restoration_reports").await, "phone");
    assert_eq!(text(&app, "SELECT status FROM customers").await, "blocked");
});
