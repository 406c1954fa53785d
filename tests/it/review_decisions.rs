//! Decisions that cannot slip: a confirmation step that works without a script, warnings that
//! must be acknowledged before an approval, refusals said before the confirmation, a stale page
//! that says what happened, and requests for documents that can be rejected, withdrawn or expire.

use kreditomat_portal::{auth::Role, review::decide, with_db};

use crate::{
    db_test,
    harness::TestApp,
    intake,
    review::{applicant, html, status, submit, take_next, version},
};

async fn events_of(app: &TestApp, key: &str, id: i64) -> Vec<String> {
    let feed = intake::events(app, key, "after=0&limit=100").await;
    feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["application_id"] == id)
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect()
}

db_test!(a_decision_is_recorded_only_after_its_confirmation, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(41), 41).await;
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET risk_signals = 0 WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, Some(id));
    let v = version(&app, id).await.to_string();

    // The first step shows what will be recorded and records nothing.
    let fields = [("version", v.as_str()), ("action", "reject"), ("reason", "doc_expired")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &fields).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("Подтвердите решение") && page.contains("Срок действия документа истёк"), "{page}");
    assert!(page.contains("name=\"confirm\" value=\"yes\""), "the second step is a plain form");
    assert!(
        page.contains("action=\"/review/") && page.contains("decide#decision"),
        "the page opens at the panel"
    );
    assert_eq!(status(&app, id).await, "pending");
    assert_eq!(events_of(&app, &key, id).await, vec!["application.received"]);

    // Confirmed, it is recorded.
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm", "yes"));
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &confirmed).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, id).await, "rejected");

    // The same confirmation sent again finds the decision made and says so, naming who made it.
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &confirmed).await;
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(page.contains("уже принято решение: «Отказано», Тест ver"), "{page}");
    assert!(!page.contains("id=\"reject-form\""), "no form that is gone is promised");
});

db_test!(an_approval_with_warnings_on_the_page_needs_them_acknowledged, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(42), 42).await;
    // Another application shares the device: a warning on the page.
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET risk_signals = 4 WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, Some(id));
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(
        page.contains("Перед одобрением нужно будет подтвердить"),
        "the warning is named next to the button"
    );
    assert!(page.contains("aria-keyshortcuts=\"Shift+A\""), "approving needs a modifier");
    let v = version(&app, id).await.to_string();
    let approve = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"ack-error\"") && page.contains("То же устройство"), "{page}");
    assert_eq!(status(&app, id).await, "pending");
    let mut acknowledged = approve.to_vec();
    acknowledged.push(("ack", "yes"));
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &acknowledged).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, id).await, "approved");
});

db_test!(refusals_are_said_before_the_confirmation_step, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(43), 43).await;
    let holder = app.signed_in("holder", &[Role::Verifier]).await;
    let other = app.signed_in("other", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &holder).await, Some(id));
    let v = version(&app, id).await.to_string();
    let reject = [("version", v.as_str()), ("action", "reject"), ("reason", "doc_expired")];
    let res = app.post_form(&other, &format!("/review/{id}/decide"), &reject).await;
    assert_eq!(res.status(), 409, "not the holder: no confirmation offered");
    assert!(!res.text().await.unwrap().contains("Подтвердите решение"));
    // A rejection without a reason: the error is where the eye is.
    let res = app
        .post_form(&holder, &format!("/review/{id}/decide"), &[("version", &v), ("action", "reject")])
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"reason-error\""));
    assert!(
        page.contains("name=\"reason\" value=\"") && page.contains("aria-invalid=\"true\""),
        "focus target"
    );
});

db_test!(a_request_for_documents_can_be_rejected_withdrawn_or_expire, |app| {
    let key = intake::key(&app).await;
    let mut ids = Vec::new();
    for n in 44..47 {
        ids.push(submit(&app, &key, &applicant(n), n).await);
    }
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    for id in &ids {
        with_db!(&app.db, |c| sqlx::query("UPDATE applications SET risk_signals = 0 WHERE id = $1")
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))
        .unwrap();
        assert_eq!(take_next(&app, &verifier).await, Some(*id));
        let v = version(&app, *id).await.to_string();
        let fields = [
            ("version", v.as_str()),
            ("action", "resubmit"),
            ("document", "selfie"),
            ("message", "Переснимите селфи."),
            ("confirm", "yes"),
        ];
        let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &fields).await;
        assert_eq!(res.status(), 303);
        assert_eq!(status(&app, *id).await, "resubmission_requested");
    }
    let (rejected, withdrawn, expired) = (ids[0], ids[1], ids[2]);

    // Rejected without waiting for the documents.
    let res = app.post_form(&verifier, &format!("/review/{rejected}/claim"), &[]).await;
    assert_eq!(res.status(), 303);
    let (_, page) = html(&app, &verifier, &format!("/review/{rejected}")).await;
    assert!(page.contains("Отозвать запрос документов") && page.contains("id=\"reject-form\""), "{page}");
    assert!(!page.contains("id=\"approve-form\""), "no approval while documents are awaited");
    let v = version(&app, rejected).await.to_string();
    let fields =
        [("version", v.as_str()), ("action", "reject"), ("reason", "fraud_suspected"), ("confirm", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{rejected}/decide"), &fields).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, rejected).await, "rejected");
    // An approval of one waiting for documents is refused.
    let v = version(&app, withdrawn).await.to_string();
    let res = app.post_form(&verifier, &format!("/review/{withdrawn}/claim"), &[]).await;
    assert_eq!(res.status(), 303);
    let approve = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{withdrawn}/decide"), &approve).await;
    assert_eq!(res.status(), 409);

    // Withdrawn: pending again, audited, and the app is told.
    let res =
        app.post_form(&verifier, &format!("/review/{withdrawn}/withdraw-request"), &[("version", &v)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, withdrawn).await, "pending");
    let res =
        app.post_form(&verifier, &format!("/review/{withdrawn}/withdraw-request"), &[("version", &v)]).await;
    assert_eq!(res.status(), 303, "a second withdrawal changes nothing");
    assert_eq!(version(&app, withdrawn).await, v.parse::<i64>().unwrap() + 1);
    assert!(
        events_of(&app, &key, withdrawn).await.contains(&"application.resubmission_withdrawn".to_string())
    );

    // Expired: nothing happens before the days are up, then the application is pending again.
    assert_eq!(decide::expire_requests(&app.db, 14).await.unwrap(), 0);
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET decided_at = $1 WHERE id = $2")
        .bind(time::OffsetDateTime::now_utc() - time::Duration::days(15))
        .bind(expired)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    assert_eq!(decide::expire_requests(&app.db, 14).await.unwrap(), 1);
    assert_eq!(decide::expire_requests(&app.db, 14).await.unwrap(), 0, "once");
    assert_eq!(status(&app, expired).await, "pending");
    assert!(events_of(&app, &key, expired).await.contains(&"application.resubmission_expired".to_string()));
    let audited: Vec<String> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE subject_type = 'application' AND subject_id = $1 ORDER BY seq"
    )
    .bind(expired.to_string())
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(audited.last().map(String::as_str), Some("application.resubmission-expired"));
});

db_test!(one_applications_status_is_named_in_the_singular_in_both_languages, |app| {
    let key = intake::key(&app).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    // What a single application's badge says; a label written for the tabs ("Ждут проверки",
    // "Одобрены") would fail here.
    let expected = [
        ("pending", "На проверке", "Тексеруде"),
        ("resubmission_requested", "Запрошены документы", "Құжаттар сұратылған"),
        ("approved", "Одобрено", "Мақұлданған"),
        ("rejected", "Отказано", "Бас тартылған"),
    ];
    for (n, (status, ru, kk)) in expected.iter().enumerate() {
        let id = submit(&app, &key, &applicant(50 + n as u64), 50 + n as u64).await;
        with_db!(&app.db, |c| sqlx::query("UPDATE applications SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))
        .unwrap();
        for (lang, label) in [("ru", ru), ("kk", kk)] {
            let res = app.post_form(&verifier, "/account/language", &[("language", lang)]).await;
            assert!(res.status().is_redirection(), "{lang}");
            let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
            let badge = format!("<span class=\"status status-{status}\">{label}</span>");
            assert!(page.contains(&badge), "{lang} {status}: {badge}");
            let first_word = label.split(' ').next().unwrap();
            assert!(!["Ждут", "Одобрены", "Отклонены"].contains(&first_word), "{label} is plural");
        }
    }
});
