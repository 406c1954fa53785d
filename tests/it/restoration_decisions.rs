//! Access restoration decided: a refusal by one officer (a reason needed, the block kept, the
//! customer told), a restoration proposed by one and approved by another (never the proposer, in
//! code and in the database), on the version shown; two approvals at once restore once; a case
//! after a refusal can still lift the block.

use kreditomat_portal::auth::Role;
use serde_json::json;

use crate::{
    db_test,
    harness::{api_post as post, exec, location, scalar, text},
    intake,
    restoration_review::{ACTIVITY, REPORTS, case, own_documents, send, version},
};

db_test!(a_restoration_takes_a_second_officer, |app| {
    let (key, case) = case(&app, "kk").await;
    let (s, _) = send(&app, &key, case, own_documents(&json!({})), None).await;
    assert_eq!(s, 201);
    let first = app.signed_in("first", &[Role::Security]).await;
    let second = app.signed_in("second", &[Role::Security]).await;
    let path = |step: &str| format!("/security/cases/{case}/{step}");
    let v = version(&app, case).await;
    let res = app
        .post_form(
            &first,
            &path("propose"),
            &[("version", &v), ("requirements", "device_binding"), ("note", "Совпадает.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(text(&app, "SELECT state FROM restoration_cases").await, "waiting_second");
    // The proposer cannot approve: in code, and in the database.
    let v = version(&app, case).await;
    let own = app.post_form(&first, &path("approve"), &[("version", &v)]).await;
    assert_eq!(own.status(), 409);
    assert!(own.text().await.unwrap().contains("подтвердить его должен другой сотрудник"));
    let first_id = scalar(&app, "SELECT id FROM staff WHERE login = 'first'").await;
    assert!(
        exec(&app, &format!("UPDATE restoration_cases SET approved_by = {first_id} WHERE id = {case}"))
            .await
            .is_err(),
        "the database refuses the proposer's approval"
    );
    // A stale version changes nothing.
    let stale = app.post_form(&second, &path("approve"), &[("version", "1")]).await;
    assert_eq!(
        (stale.status().as_u16(), location(&stale)),
        (303, path("").trim_end_matches('/').to_string())
    );
    assert_eq!(text(&app, "SELECT status FROM customers").await, "blocked");
    // The second officer approves: the account as it was, the events to the app.
    let ok = app.post_form(&second, &path("approve"), &[("version", &v)]).await;
    assert_eq!(ok.status(), 303);
    assert_eq!(text(&app, "SELECT state FROM restoration_cases").await, "restored");
    assert_eq!(
        text(&app, "SELECT status || ' ' || status_reason FROM customers").await,
        "active check_completed"
    );
    let events = intake::events(&app, &key, "after=0").await;
    let restored =
        events["events"].as_array().unwrap().iter().find(|e| e["type"] == "restoration.restored").unwrap();
    assert_eq!(restored["data"]["requirements"], json!(["device_binding"]));
    assert_eq!(restored["data"]["language"], "kk");
    assert!(events["events"].as_array().unwrap().iter().any(|e| e["type"] == "customer.unblocked"));
    for action in ["restoration.proposed", "restoration.restored", "customer.unblocked"] {
        let n = scalar(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await;
        assert_eq!(n, 1, "{action}");
    }
    // A decided case takes no documents and no second approval.
    let (s, problem) = send(&app, &key, case, own_documents(&json!({})), None).await;
    assert_eq!((s, problem["type"].as_str()), (409, Some("/problems/case-closed")));
    let again = app.post_form(&second, &path("approve"), &[("version", &version(&app, case).await)]).await;
    assert_eq!(again.status(), 409);
});

db_test!(a_refusal_needs_a_reason_and_keeps_the_block, |app| {
    let (key, case) = case(&app, "kk").await;
    let officer = app.signed_in("officer", &[Role::Security]).await;
    let path = format!("/security/cases/{case}/refuse");
    let v = version(&app, case).await;
    // Without a reason: the form again, with what was typed and the error beside the field.
    let res = app
        .post_form(&officer, &path, &[("step", "refuse"), ("version", &v), ("note", "Не тот человек")])
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("reasons-error") && page.contains("Не тот человек"), "{page}");
    let res = app.post_form(&officer, &path, &[("version", &v), ("reasons", "made_up")]).await;
    assert_eq!(res.status(), 422);
    assert_eq!(text(&app, "SELECT state FROM restoration_cases").await, "waiting_documents");
    let res = app.post_form(&officer, &path, &[("version", &v), ("reasons", "identity_not_confirmed")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        text(&app, "SELECT state || ' ' || reasons FROM restoration_cases").await,
        "refused identity_not_confirmed"
    );
    assert_eq!(text(&app, "SELECT status FROM customers").await, "blocked");
    let events = intake::events(&app, &key, "after=0").await;
    let refused =
        events["events"].as_array().unwrap().iter().find(|e| e["type"] == "restoration.refused").unwrap();
    assert!(refused["data"]["message"].as_str().unwrap().contains("растау мүмкін болмады"), "{refused}");
    // Refusing twice, or proposing after it: refused, nothing changes.
    let v = version(&app, case).await;
    let res = app.post_form(&officer, &path, &[("version", &v), ("reasons", "documents_insufficient")]).await;
    assert_eq!(res.status(), 409);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'restoration.refused'").await, 1);
});

db_test!(two_officers_approving_at_once_restore_once, |app| {
    let (key, case) = case(&app, "ru").await;
    let (s, _) = send(&app, &key, case, own_documents(&json!({})), None).await;
    assert_eq!(s, 201);
    let proposer = app.signed_in("proposer", &[Role::Security]).await;
    let v = version(&app, case).await;
    app.post_form(&proposer, &format!("/security/cases/{case}/propose"), &[("version", &v)]).await;
    let a = app.signed_in("officer-a", &[Role::Security]).await;
    let b = app.signed_in("officer-b", &[Role::Security]).await;
    let v = version(&app, case).await;
    let path = format!("/security/cases/{case}/approve");
    let form = [("version", v.as_str())];
    let (ra, rb) = tokio::join!(app.post_form(&a, &path, &form), app.post_form(&b, &path, &form));
    assert!(ra.status() == 303 && rb.status() == 303, "{} {}", ra.status(), rb.status());
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'restoration.restored'").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.unblocked'").await, 1);
});

db_test!(after_a_refusal_a_new_case_can_still_restore_the_account, |app| {
    let (key, case) = case(&app, "ru").await;
    let one = app.signed_in("one", &[Role::Security]).await;
    let two = app.signed_in("two", &[Role::Security]).await;
    let v = version(&app, case).await;
    let fields = [("step", "refuse"), ("version", v.as_str()), ("reasons", "documents_insufficient")];
    assert_eq!(app.post_form(&one, &format!("/security/cases/{case}/refuse"), &fields).await.status(), 303);
    // The customer applies again: a new case, which remembers the account before the first one.
    let report =
        json!({ "at": "2026-12-05T21:40:00+05:00", "description": "Прошу снова.", "device": "stolen" });
    let (s, opened, _) = post(&app, &key, REPORTS, &report, None).await;
    assert_eq!(s, 201, "{opened}");
    let again = opened["case_id"].as_i64().unwrap();
    assert_ne!(again, case);
    assert_eq!(
        text(&app, &format!("SELECT prior_status FROM restoration_cases WHERE id = {again}")).await,
        "active"
    );
    let (s, _) = send(&app, &key, again, own_documents(&json!({})), None).await;
    assert_eq!(s, 201);
    let v = version(&app, again).await;
    app.post_form(&one, &format!("/security/cases/{again}/propose"), &[("version", &v)]).await;
    let v = version(&app, again).await;
    assert_eq!(
        app.post_form(&two, &format!("/security/cases/{again}/approve"), &[("version", &v)]).await.status(),
        303
    );
    assert_eq!(text(&app, "SELECT status FROM customers").await, "active");
    // Two failed sign-ins in the same second are two.
    let failed = json!({ "at": "2026-12-01T10:00:00+05:00", "kind": "sign_in_failed", "device": "d1" });
    let (_, first, _) =
        post(&app, &key, ACTIVITY, &json!({ "events": [failed.clone(), failed] }), None).await;
    assert_eq!(first["recorded"].as_i64(), Some(2));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_activity").await, 2);
});
