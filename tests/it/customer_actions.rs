//! Account actions: block, unblock and restrict by a security officer, closing to archive with a
//! second person (in code and in the database), each with its audit entry and its `customer.*`
//! event in one transaction; a barred customer's applications flagged and not approvable.

use kreditomat_portal::{auth::Role, with_db};
use serde_json::Value;

use crate::{
    db_test,
    harness::{TestApp, location, scalar, text},
    intake,
    review::{applicant, submit, take_next, version},
};

async fn customer_of(app: &TestApp, application: i64) -> i64 {
    scalar(app, &format!("SELECT customer_id FROM applications WHERE id = {application}")).await
}

async fn account(app: &TestApp, customer: i64) -> (String, i64) {
    let status = text(app, &format!("SELECT status FROM customers WHERE id = {customer}")).await;
    (status, scalar(app, &format!("SELECT version FROM customers WHERE id = {customer}")).await)
}

/// The customer events of the feed, as `(type, customer_id, data)`.
async fn customer_events(app: &TestApp, key: &str) -> Vec<(String, i64, Value)> {
    let feed = intake::events(app, key, "after=0&limit=1000").await;
    feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_str().unwrap().starts_with("customer."))
        .map(|e| {
            (e["type"].as_str().unwrap().to_string(), e["customer_id"].as_i64().unwrap(), e["data"].clone())
        })
        .collect()
}

async fn audits(app: &TestApp, action: &str) -> i64 {
    scalar(app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await
}

fn fields<'a>(
    action: &'a str,
    reason: &'a str,
    comment: &'a str,
    version: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![("action", action), ("reason", reason), ("comment", comment), ("version", version)]
}

db_test!(block_restrict_unblock_each_with_its_event_and_audit_entry, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(1);
    doc["language"] = "kk".into();
    let id = submit(&app, &key, &doc, 1).await;
    let customer = customer_of(&app, id).await;
    let path = format!("/customers/{customer}/account");
    let sec = app.signed_in("sec", &[Role::Security]).await;

    // Roles that may not act get 403, and nothing changes.
    for role in [Role::Verifier, Role::Support, Role::Manager, Role::Admin, Role::Compliance] {
        let other = app.signed_in(&format!("r{}", role.code()), &[role]).await;
        let res = app.post_form(&other, &path, &fields("block", "law_breach", "seen in court", "1")).await;
        assert_eq!(res.status(), 403, "{role:?}");
    }

    // Missing reason and a short comment: errors beside the fields, what was typed comes back.
    let res = app.post_form(&sec, &path, &fields("block", "", "abc", "1")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("account-reason-error") && html.contains("account-comment-error"), "{html}");
    assert!(html.contains(">abc</textarea>"));
    let res = app.post_form(&sec, &path, &fields("restrict", "law_breach", "court order 12", "1")).await;
    assert_eq!(res.status(), 422, "a restriction names what it bars");
    assert!(res.text().await.unwrap().contains("restrictions-error"));
    // A rejection's reason is not an account reason.
    let res = app.post_form(&sec, &path, &fields("block", "doc_expired", "court order 12", "1")).await;
    assert_eq!(res.status(), 422);
    assert_eq!(account(&app, customer).await, ("active".into(), 1));

    // Block: status, audit entry and event with the customer's text in their language (kk).
    let res = app
        .post_form(&sec, &path, &fields("block", "unauthorised_access", "call 7781 from owner", "1"))
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/customers/{customer}"));
    assert_eq!(account(&app, customer).await, ("blocked".into(), 2));
    assert_eq!(audits(&app, "customer.blocked").await, 1);
    let events = customer_events(&app, &key).await;
    assert_eq!(events.len(), 1);
    let (kind, who, data) = &events[0];
    assert_eq!((kind.as_str(), *who), ("customer.blocked", customer));
    assert_eq!(data["status"], "blocked");
    assert_eq!(data["language"], "kk");
    assert!(data["message"].as_str().unwrap().contains("бұғатталды"), "{data}");
    // The open application is flagged.
    let flagged =
        scalar(&app, &format!("SELECT risk_signals & 4096 FROM applications WHERE id = {id}")).await;
    assert_eq!(flagged, 4096);

    // A second block, and a stale page: refused with a message, nothing changed.
    let res = app.post_form(&sec, &path, &fields("block", "law_breach", "second time here", "2")).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("уже заблокирована"));
    let res =
        app.post_form(&sec, &path, &fields("unblock", "check_completed", "checked, all fine", "1")).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("только что изменил другой сотрудник"));
    assert_eq!(account(&app, customer).await, ("blocked".into(), 2));

    // Restrict (from blocked) to no new applications: still flagged; then data changes only.
    let mut f = fields("restrict", "fraud_check", "partial lift after call", "2");
    f.push(("restrictions", "applications"));
    let res = app.post_form(&sec, &path, &f).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        text(&app, &format!("SELECT restrictions FROM customers WHERE id = {customer}")).await,
        "applications"
    );
    let mut f = fields("restrict", "fraud_check", "applications allowed now", "3");
    f.push(("restrictions", "data_changes"));
    assert_eq!(app.post_form(&sec, &path, &f).await.status(), 303);
    let flagged =
        scalar(&app, &format!("SELECT risk_signals & 4096 FROM applications WHERE id = {id}")).await;
    assert_eq!(flagged, 0, "data changes barred only: applications may be approved");
    // The same restrictions again are refused.
    let res = app
        .post_form(
            &sec,
            &path,
            &f.iter().map(|(k, v)| (*k, if *k == "version" { "4" } else { v })).collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(res.status(), 409);

    // Unblock; unblocking again is refused.
    let res =
        app.post_form(&sec, &path, &fields("unblock", "check_completed", "checked, all fine", "4")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(account(&app, customer).await, ("active".into(), 5));
    let res =
        app.post_form(&sec, &path, &fields("unblock", "check_completed", "checked, all fine", "5")).await;
    assert_eq!(res.status(), 409);
    let kinds: Vec<String> = customer_events(&app, &key).await.into_iter().map(|e| e.0).collect();
    assert_eq!(
        kinds,
        ["customer.blocked", "customer.restricted", "customer.restricted", "customer.unblocked"]
    );
    assert_eq!(audits(&app, "customer.restricted").await, 2);
    assert_eq!(audits(&app, "customer.unblocked").await, 1);

    // Another API client does not see this customer's events.
    let other = intake::key(&app).await;
    assert!(customer_events(&app, &other).await.is_empty());
    // The customer page shows the state, with the reason's label.
    let html = app.get(&sec, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(html.contains("Проверка завершена"), "the reason's label");
});

db_test!(a_blocked_customer_cannot_be_approved_and_new_applications_arrive_flagged, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(2), 2).await;
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET risk_signals = 0 WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let customer = customer_of(&app, id).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, Some(id));
    // Blocked while the verifier holds it: the approval is refused, saying why.
    let sec = app.signed_in("sec", &[Role::Security]).await;
    let path = format!("/customers/{customer}/account");
    let res = app.post_form(&sec, &path, &fields("block", "law_breach", "court letter 55", "1")).await;
    assert_eq!(res.status(), 303);
    let v = version(&app, id).await.to_string();
    let approve = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("нельзя одобрить"));
    assert_eq!(text(&app, &format!("SELECT status FROM applications WHERE id = {id}")).await, "pending");
    // Rejecting is still possible.
    let reject = [("version", v.as_str()), ("action", "reject"), ("reason", "duplicate"), ("confirm", "yes")];
    assert_eq!(app.post_form(&verifier, &format!("/review/{id}/decide"), &reject).await.status(), 303);

    // A new application of the blocked customer arrives flagged.
    let mut again = applicant(2);
    again["external_id"] = "app-2-again".into();
    let second = submit(&app, &key, &again, 2).await;
    assert_eq!(customer_of(&app, second).await, customer);
    let flagged =
        scalar(&app, &format!("SELECT risk_signals & 4096 FROM applications WHERE id = {second}")).await;
    assert_eq!(flagged, 4096);
    let html = app.get(&verifier, &format!("/review/{second}")).await.text().await.unwrap();
    assert!(html.contains("Учётная запись заблокирована или ограничена"), "the signal shows");
});

db_test!(closing_to_archive_takes_a_second_person, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(3), 3).await;
    let customer = customer_of(&app, id).await;
    let path = format!("/customers/{customer}/account");
    let first = app.signed_in("sec1", &[Role::Security]).await;
    let second = app.signed_in("sec2", &[Role::Security]).await;
    let admin = app.signed_in("adm", &[Role::Admin]).await;

    let res =
        app.post_form(&first, &path, &fields("archive", "customer_request", "written request 9", "1")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(account(&app, customer).await, ("active".into(), 1), "asking changes nothing yet");
    let request = scalar(&app, "SELECT id FROM archive_requests").await;
    // Asking again is refused.
    let res =
        app.post_form(&first, &path, &fields("archive", "customer_request", "written request 9", "1")).await;
    assert_eq!(res.status(), 409);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests").await, 1);

    // The one who asked cannot confirm: refused in code...
    let decide = format!("/customers/archive-requests/{request}");
    let res = app.post_form(&first, &decide, &[("decision", "confirm")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(account(&app, customer).await.0, "active");
    assert!(
        app.get(&first, "/customers/archive-requests")
            .await
            .text()
            .await
            .unwrap()
            .contains("должен другой сотрудник")
    );
    // ...and in the database.
    let requester = scalar(&app, "SELECT requested_by FROM archive_requests").await;
    let direct = with_db!(&app.db, |c| sqlx::query(
        "UPDATE archive_requests SET outcome = 'confirmed', decided_by = $1, decided_at = requested_at"
    )
    .bind(requester)
    .execute(c)
    .await
    .map(|_| ()));
    assert!(direct.is_err(), "the database refuses a confirmation by the one who asked");
    // A verifier may not see or decide requests.
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(app.get(&verifier, "/customers/archive-requests").await.status(), 403);
    assert_eq!(app.post_form(&verifier, &decide, &[("decision", "confirm")]).await.status(), 403);

    // The administrator sees it without personal data and confirms; a racing second confirmation
    // finds it ended.
    let list = app.get(&admin, "/customers/archive-requests").await.text().await.unwrap();
    assert!(list.contains("written request 9") && !list.contains(&format!("href=\"/customers/{customer}\"")));
    let (a, b) = tokio::join!(
        app.post_form(&admin, &decide, &[("decision", "confirm")]),
        app.post_form(&second, &decide, &[("decision", "confirm")]),
    );
    assert_eq!((a.status(), b.status()), (303.try_into().unwrap(), 303.try_into().unwrap()));
    assert_eq!(account(&app, customer).await, ("archived".into(), 2));
    assert_eq!(audits(&app, "customer.archived").await, 1);
    let events = customer_events(&app, &key).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, "customer.archived");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests WHERE outcome = 'confirmed'").await, 1);

    // Archived: read-only; no action is taken and the form is gone.
    let res = app.post_form(&first, &path, &fields("unblock", "check_completed", "try to reopen", "2")).await;
    assert_eq!(res.status(), 409);
    assert_eq!(account(&app, customer).await, ("archived".into(), 2));
    let html = app.get(&first, &format!("/customers/{customer}")).await.text().await.unwrap();
    assert!(!html.contains(&format!("action=\"/customers/{customer}/account\"")));
});

db_test!(an_archive_request_can_be_refused_or_withdrawn, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(4), 4).await;
    let customer = customer_of(&app, id).await;
    let path = format!("/customers/{customer}/account");
    let first = app.signed_in("sec1", &[Role::Security]).await;
    let second = app.signed_in("sec2", &[Role::Security]).await;
    let ask = fields("archive", "customer_request", "written request 10", "1");
    assert_eq!(app.post_form(&first, &path, &ask).await.status(), 303);
    let request = scalar(&app, "SELECT MAX(id) FROM archive_requests").await;
    let decide = format!("/customers/archive-requests/{request}");
    // Only the one who asked may withdraw.
    assert_eq!(app.post_form(&second, &decide, &[("decision", "withdraw")]).await.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests WHERE outcome IS NULL").await, 1);
    assert_eq!(app.post_form(&first, &decide, &[("decision", "withdraw")]).await.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests WHERE outcome = 'withdrawn'").await, 1);
    // Asked again and refused by the second officer.
    assert_eq!(app.post_form(&first, &path, &ask).await.status(), 303);
    let request = scalar(&app, "SELECT MAX(id) FROM archive_requests").await;
    let decide = format!("/customers/archive-requests/{request}");
    assert_eq!(
        app.post_form(&second, &decide, &[("decision", "refuse"), ("comment", "no grounds")]).await.status(),
        303
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests WHERE outcome = 'refused'").await, 1);
    assert_eq!(account(&app, customer).await.0, "active");
    assert_eq!(audits(&app, "customer.archive-refused").await, 1);
    assert_eq!(audits(&app, "customer.archive-withdrawn").await, 1);
    assert!(customer_events(&app, &key).await.is_empty(), "nothing for the app until archived");
    // A bad decision is a bad request; an unknown request is not found.
    assert_eq!(app.post_form(&second, &decide, &[("decision", "maybe")]).await.status(), 400);
    assert_eq!(
        app.post_form(&second, "/customers/archive-requests/99999", &[("decision", "confirm")])
            .await
            .status(),
        404
    );
});

db_test!(officers_racing_on_one_account_change_it_once, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(5), 5).await;
    let customer = customer_of(&app, id).await;
    let path = format!("/customers/{customer}/account");
    let a = app.signed_in("sec1", &[Role::Security]).await;
    let b = app.signed_in("sec2", &[Role::Security]).await;
    let f = fields("block", "law_breach", "court letter 77", "1");
    let (r1, r2) = tokio::join!(app.post_form(&a, &path, &f), app.post_form(&b, &path, &f));
    let mut codes = [r1.status().as_u16(), r2.status().as_u16()];
    codes.sort();
    assert_eq!(codes, [303, 409]);
    assert_eq!(account(&app, customer).await, ("blocked".into(), 2));
    assert_eq!(audits(&app, "customer.blocked").await, 1);
    assert_eq!(customer_events(&app, &key).await.len(), 1);
});
