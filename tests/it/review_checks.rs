//! What the README promises of the review page and the queue, each checked: the IIN checks and
//! their warnings, the document's expiry, the date and holder filters, the access log of
//! original photos, and an audit entry for every note.

use kreditomat_portal::{auth::Role, photos::fixtures, with_db};

use crate::{
    db_test,
    harness::{iin_born, iso},
    intake,
    review::{applicant, html, queue_ids, status, submit, take_next, version},
    review_queue::set,
};

db_test!(an_iin_that_encodes_another_birth_date_is_a_warning_to_acknowledge, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(60);
    // Born 1990-01-01 by the form; the IIN says 1990-01-02 (a woman, as the form says).
    let encoded = time::macros::date!(1990 - 01 - 02);
    doc["applicant"]["iin"] = iin_born(encoded, 60).into();
    let id = submit(&app, &key, &doc, 60).await;
    set(&app, id, "risk_signals = 0").await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, Some(id));
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(
        page.contains("Дата рождения в ИИН (02.01.1990) не совпадает с указанной (01.01.1990)"),
        "the warning names both dates: {page}"
    );
    assert!(!page.contains("Пол, закодированный в ИИН"), "the sex agrees");

    let v = version(&app, id).await.to_string();
    let approve = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 422, "confirmed without acknowledging the warning");
    let page = res.text().await.unwrap();
    assert!(page.contains("Дата рождения в ИИН"), "the confirmation lists the warning");
    assert_eq!(status(&app, id).await, "pending", "nothing recorded");
    let acknowledged = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &acknowledged).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, id).await, "approved");

    // A man's IIN on a woman's form is the other warning.
    let mut doc = applicant(61);
    let born = time::macros::date!(1990 - 01 - 01);
    let male =
        (0..).find_map(|k| kreditomat_portal::intake::iin::complete(&format!("9001013{k:04}"))).unwrap();
    doc["applicant"]["iin"] = male.into();
    doc["applicant"]["birth_date"] = iso(born).into();
    let id = submit(&app, &key, &doc, 61).await;
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(page.contains("Пол, закодированный в ИИН, не совпадает с указанным"), "{page}");
    assert!(!page.contains("Дата рождения в ИИН"), "the date agrees");
});

db_test!(an_expired_document_cannot_be_approved_even_by_a_forged_form, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(62), 62).await;
    set(&app, id, "doc_expires_on = '2021-06-30', risk_signals = 0").await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, None, "take next skips it");
    let res = app.post_form(&verifier, &format!("/review/{id}/claim"), &[]).await;
    assert_eq!(res.status(), 303, "it can still be opened and claimed");
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(page.contains("Срок действия документа истёк 30.06.2021."), "{page}");
    assert!(page.contains("Одобрить нельзя: есть ошибки в проверках выше."), "{page}");

    let v = version(&app, id).await.to_string();
    let forged = [("version", v.as_str()), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &forged).await;
    assert_eq!(res.status(), 422);
    assert_eq!(status(&app, id).await, "pending", "not approved");
    let reject =
        [("version", v.as_str()), ("action", "reject"), ("reason", "doc_expired"), ("confirm", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &reject).await;
    assert_eq!(res.status(), 303, "it can be rejected");
    assert_eq!(status(&app, id).await, "rejected");
});

db_test!(the_queue_filters_by_arrival_dates_and_by_holder, |app| {
    let key = intake::key(&app).await;
    let mut ids = Vec::new();
    for n in 70..74 {
        ids.push(submit(&app, &key, &applicant(n), n).await);
    }
    // Arrivals in Almaty time: 1 March 23:30, 2 March 00:30, 3 March 12:00, 4 March 18:59 (UTC+5).
    use time::macros::datetime;
    for (id, at) in ids.iter().zip([
        datetime!(2026-03-01 18:30 UTC),
        datetime!(2026-03-01 19:30 UTC),
        datetime!(2026-03-03 07:00 UTC),
        datetime!(2026-03-04 13:59 UTC),
    ]) {
        with_db!(&app.db, |c| sqlx::query("UPDATE applications SET received_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))
        .unwrap();
    }
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (_, page) = html(&app, &verifier, "/review?status=all&from=2026-03-02&to=2026-03-03").await;
    assert_eq!(queue_ids(&page), vec![ids[1], ids[2]], "the days are Almaty's, both ends included");
    let (_, page) = html(&app, &verifier, "/review?status=all&from=2026-03-02").await;
    assert_eq!(queue_ids(&page), vec![ids[1], ids[2], ids[3]]);
    let (_, page) = html(&app, &verifier, "/review?status=all&to=2026-03-01").await;
    assert_eq!(queue_ids(&page), vec![ids[0]]);

    // Bad dates are said next to their field, with what was typed, and list nothing unrelated.
    let (code, page) = html(&app, &verifier, "/review?status=all&from=2026-13-01").await;
    assert_eq!(code, 400);
    assert!(page.contains("Введите дату в формате ГГГГ-ММ-ДД.") && page.contains("value=\"2026-13-01\""));
    assert!(queue_ids(&page).is_empty(), "no rows filtered without the bad date");
    let (code, page) = html(&app, &verifier, "/review?status=all&from=2026-03-04&to=2026-03-02").await;
    assert_eq!(code, 400);
    assert!(page.contains("Дата «по» раньше даты «с»."), "{page}");
    assert!(queue_ids(&page).is_empty());

    // Holders: mine, nobody's, a named colleague's.
    let colleague = app.signed_in("ver2", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, Some(ids[0]));
    assert_eq!(take_next(&app, &colleague).await, Some(ids[1]));
    let (_, page) = html(&app, &verifier, "/review?assignee=me").await;
    assert_eq!(queue_ids(&page), vec![ids[0]]);
    let (_, page) = html(&app, &verifier, "/review?assignee=none").await;
    assert_eq!(queue_ids(&page), vec![ids[2], ids[3]]);
    let colleague_id: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT id FROM staff WHERE login = 'ver2'")
            .fetch_one(c)
            .await)
        .unwrap();
    let (_, page) = html(&app, &verifier, &format!("/review?assignee={colleague_id}")).await;
    assert_eq!(queue_ids(&page), vec![ids[1]]);
    assert!(page.contains("Тест ver2"), "the holder is named");
    let (code, page) = html(&app, &verifier, "/review?assignee=someone").await;
    assert_eq!(code, 400);
    assert!(queue_ids(&page).is_empty());
});

db_test!(original_downloads_and_review_pages_are_in_the_access_log, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(80), 80).await;
    let photo: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM photos WHERE application_id = $1 AND kind = 'id_front'"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    let security = app.signed_in("sec", &[Role::Security]).await;
    let res = app.get(&security, &format!("/photos/{photo}/original")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), fixtures::id_card_jpeg(80, false).as_slice());
    let res = app.get(&security, &format!("/review/{id}")).await;
    assert_eq!(res.status(), 200);
    let rows: Vec<(String, String)> = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT l.access, s.login FROM pd_access_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.application_id = $1 ORDER BY l.id"
    )
    .bind(id)
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(
        rows,
        vec![
            ("original-photo".to_string(), "sec".to_string()),
            ("review-page".to_string(), "sec".to_string())
        ]
    );
    let (_, page) = html(&app, &security, &format!("/admin/access-log?application={id}")).await;
    assert!(page.contains("оригинал фотографии") && page.contains("Тест sec"), "{page}");
    let first_view: time::OffsetDateTime = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT at FROM pd_access_log WHERE access = 'review-page'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    // Views at once share their writes, and every one is recorded before its page is sent.
    let mut views = Vec::new();
    for _ in 0..20 {
        let (security, url) = (security.clone(), format!("{}/review/{id}", app.base));
        views.push(tokio::spawn(async move { security.get(url).send().await.unwrap().status().as_u16() }));
    }
    for v in views {
        assert_eq!(v.await.unwrap(), 200);
    }
    // One row per person, application and ten-minute window, with the count; the first view's
    // time stays (the burst may cross a window's edge: then two rows).
    let (rows, views, first): (i64, i64, time::OffsetDateTime) = with_db!(&app.db, |c| {
        sqlx::query_as(
        "SELECT COUNT(*), CAST(SUM(views) AS BIGINT), MIN(at) FROM pd_access_log WHERE access = 'review-page'"
    )
    .fetch_one(c)
    .await
    })
    .unwrap();
    assert_eq!(views, 21, "every view of the burst is counted");
    assert!(rows == 1 || rows == 2, "{rows} rows");
    assert_eq!(first, first_view, "the first view's time is kept");
    let n = views + 1;
    // A thumbnail is no view of an original: it is not logged.
    let res = app.get(&security, &format!("/photos/{photo}/thumb")).await;
    assert_eq!(res.status(), 200);
    let after: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT CAST(SUM(views) AS BIGINT) FROM pd_access_log")
            .fetch_one(c)
            .await)
        .unwrap();
    assert_eq!(after, n);
    // The log cannot be rewritten: no row is deleted, and only its count and last view change.
    for sql in [
        "DELETE FROM pd_access_log",
        "UPDATE pd_access_log SET ip = '10.9.9.9'",
        "UPDATE pd_access_log SET access = 'compliance-page'",
        "UPDATE pd_access_log SET application_id = application_id + 0, window_no = window_no + 1",
        "UPDATE pd_access_log SET views = 0",
    ] {
        assert!(app.db.execute(sql).await.is_err(), "{sql}");
    }
});

db_test!(every_note_has_its_audit_entry, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(81), 81).await;
    let mut writers = Vec::new();
    for (login, role) in [
        ("ver", Role::Verifier),
        ("off", Role::Compliance),
        ("sen", Role::SeniorCompliance),
        ("sec", Role::Security),
    ] {
        let client = app.signed_in(login, &[role]).await;
        let res = app
            .post_form(&client, &format!("/review/{id}/note"), &[("body", &format!("Заметка {login}"))])
            .await;
        assert_eq!(res.status(), 303, "{login}");
        writers.push(login);
    }
    let manager = app.signed_in("boss", &[Role::Manager]).await;
    let res = app.post_form(&manager, &format!("/review/{id}/note"), &[("body", "Не моя")]).await;
    assert_eq!(res.status(), 403);
    let notes: Vec<String> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT s.login FROM application_notes n JOIN staff s ON s.id = n.staff_id
         WHERE n.application_id = $1 ORDER BY n.id"
    )
    .bind(id)
    .fetch_all(c)
    .await)
    .unwrap();
    let audited: Vec<String> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT actor_label FROM audit_log WHERE action = 'application.note-added' AND subject_id = $1
         ORDER BY seq"
    )
    .bind(id.to_string())
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(notes, writers);
    assert_eq!(audited, writers, "one audit entry per note, by its writer");
});

db_test!(seeded_applications_carry_a_history_like_real_ones, |app| {
    crate::review::seed(&app, 200).await;
    assert_eq!(
        crate::screening::scalar_i64(&app, "SELECT COUNT(*) FROM decisions").await,
        160,
        "every decided one has its decision"
    );
    assert_eq!(crate::screening::scalar_i64(&app, "SELECT COUNT(*) FROM application_notes").await, 20);
    assert_eq!(crate::screening::scalar_i64(&app, "SELECT COUNT(*) FROM photo_matches").await, 2 * 8);
    assert_eq!(crate::screening::scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits").await, 4);
    assert_eq!(
        crate::screening::scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits WHERE status = 'open'").await,
        1
    );
    assert_eq!(
        crate::screening::scalar_i64(
            &app,
            "SELECT COUNT(*) FROM applications WHERE compliance_state = 'review'"
        )
        .await,
        1
    );
    assert!(
        matches!(
            kreditomat_portal::audit::verify(&app.db).await.unwrap(),
            kreditomat_portal::audit::Verdict::Intact { .. }
        ),
        "the bulk-written history keeps the audit chain intact"
    );

    // A decided one with a note, a near-identical selfie and a dismissed hit reads like a real one.
    let id: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT a.id FROM applications a JOIN screening_hits h ON h.application_id = a.id
         WHERE h.status = 'dismissed' ORDER BY a.id LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    let security = app.signed_in("sec", &[Role::Security]).await;
    let (code, page) = html(&app, &security, &format!("/review/{id}")).await;
    assert_eq!(code, 200);
    assert!(
        page.contains("seed-verifier") || page.contains("Сейіт Тексеруші"),
        "the decider is named: {page}"
    );
    let (code, page) = html(&app, &security, &format!("/compliance/{id}")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Другой человек: дата рождения не совпадает."), "{page}");
    let (_, page) = html(&app, &security, "/review?status=all").await;
    assert!(!queue_ids(&page).is_empty());
});
