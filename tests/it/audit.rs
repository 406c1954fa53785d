//! The audit chain: written with every change, verified by `verify-audit`, broken by tampering.

use kreditomat_portal::{
    audit::{Break, Verdict, verify},
    auth::Role,
    db::Db,
    with_db,
};

use crate::{db_test, harness::PASSWORD};

async fn actions(db: &Db) -> Vec<String> {
    with_db!(db, |c| sqlx::query_scalar("SELECT action FROM audit_log ORDER BY seq").fetch_all(c).await)
        .unwrap()
}

/// What an attacker with database access does first: remove the append-only triggers.
async fn drop_guards(db: &Db) {
    let statements: &[&str] = match db {
        Db::Sqlite(_) => &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        Db::Pg(_) => &["DROP TRIGGER audit_log_no_update ON audit_log"],
    };
    for sql in statements {
        db.execute(sql).await.unwrap();
    }
}

db_test!(sign_ins_and_staff_changes_are_audited, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let client = app.client();
    app.sign_in(&client, "admin1", "wrong password").await;
    let res = app
        .post_form(
            &admin,
            "/admin/staff",
            &[("login", "new.person"), ("full_name", "Жаңа Адам"), ("role", "support")],
        )
        .await;
    assert_eq!(res.status(), 200);
    app.post_form(&admin, "/admin/staff/2/roles", &[("role", "support"), ("role", "manager")]).await;
    app.post_form(&admin, "/admin/staff/2/deactivate", &[]).await;
    app.post_form(&admin, "/admin/staff/2/reactivate", &[]).await;
    app.post_form(&admin, "/admin/staff/2/reset-password", &[]).await;
    app.post_form(&admin, "/logout", &[]).await;

    let got = actions(&app.db).await;
    let want = [
        "staff.created",
        "sign-in.succeeded",
        "sign-in.failed",
        "staff.created",
        "staff.roles-changed",
        "staff.deactivated",
        "staff.reactivated",
        "staff.password-reset",
        "sign-out",
    ];
    assert_eq!(got, want);
    let (ip, actor): (Option<String>, String) = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT ip, actor_label FROM audit_log WHERE action = 'staff.roles-changed'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(actor, "admin1");

    let html = app
        .get(&app.signed_in("boss", &[Role::Manager]).await, "/admin/audit?action=staff.roles-changed")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<td>Изменение ролей сотрудника</td>"), "the trail page names actions");
    assert!(!html.contains("<td>Вход в систему</td>"), "the filter applies");
    assert!(html.contains("<dt>Было</dt><dd>Агент поддержки</dd>"), "details are readable");
    assert!(html.contains("<dt>Стало</dt><dd>Агент поддержки, Руководитель</dd>"));
    let html = app
        .get(&app.signed_in("boss2", &[Role::Manager]).await, "/admin/audit?action=staff.created")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<dt>Логин</dt><dd>new.person</dd>"),
        "a login that is also a role name stays a login"
    );
});

db_test!(verify_audit_passes_then_fails_after_tampering, |app| {
    let client = app.signed_in("admin1", &[Role::Admin]).await;
    app.sign_in(&app.client(), "admin1", "wrong password").await;
    app.post_form(&client, "/logout", &[]).await;
    assert_eq!(verify(&app.db).await.unwrap(), Verdict::Intact { entries: 4 });
    let (ok, out) = app.run_cli(&["verify-audit"], None);
    assert!(ok && out.contains("intact: 4 entries"), "{out}");

    // The table refuses edits...
    let edit = app.db.execute("UPDATE audit_log SET details = '{}' WHERE seq = 2").await;
    assert!(edit.is_err(), "audit_log is append-only");

    // ...so an attacker drops the guard first; the chain still tells.
    drop_guards(&app.db).await;
    app.db
        .execute("UPDATE audit_log SET details = '{\"login\":\"someone-else\",\"reason\":\"wrong-password\"}' WHERE seq = 3")
        .await
        .unwrap();
    assert_eq!(verify(&app.db).await.unwrap(), Verdict::Broken { seq: 3, why: Break::Content });
    let (ok, out) = app.run_cli(&["verify-audit"], None);
    assert!(!ok, "exits non-zero");
    assert!(out.contains("broken at entry #3"), "{out}");
});

db_test!(deleting_an_entry_or_the_newest_breaks_the_chain, |app| {
    let client = app.signed_in("admin1", &[Role::Admin]).await;
    app.post_form(&client, "/logout", &[]).await;
    app.sign_in(&client, "admin1", PASSWORD).await;
    drop_guards(&app.db).await;
    app.db.execute("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)").await.unwrap();
    assert!(matches!(verify(&app.db).await.unwrap(), Verdict::Broken { why: Break::Truncated, .. }));
    app.db.execute("DELETE FROM audit_log WHERE seq = 2").await.unwrap();
    assert_eq!(verify(&app.db).await.unwrap(), Verdict::Broken { seq: 3, why: Break::Missing });
});

db_test!(concurrent_writers_keep_one_unbroken_chain, |app| {
    // Sign-ins from many clients at once: every one writes to the chain in its own transaction.
    // Twelve people from one address (one person's parallel tries would be throttled).
    for i in 0..12 {
        app.create_staff(&format!("busy{i}"), &[Role::Support]).await;
    }
    let mut tasks = Vec::new();
    for i in 0..12 {
        let client = app.client();
        let base = app.base.clone();
        tasks.push(tokio::spawn(async move {
            let page = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
            let token = crate::harness::csrf_in(&page).unwrap();
            let password = if i % 3 == 0 { "wrong password" } else { PASSWORD };
            client
                .post(format!("{base}/login"))
                .form(&[("csrf", token.as_str()), ("login", &format!("busy{i}")), ("password", password)])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        let status = t.await.unwrap();
        assert!(status == 303 || status == 401, "{status}");
    }
    assert_eq!(verify(&app.db).await.unwrap(), Verdict::Intact { entries: 24 });
});

db_test!(the_trail_names_every_detail_links_subjects_and_filters_by_name_and_date, |app| {
    let key = crate::intake::key(&app).await;
    let id = crate::review::submit(&app, &key, &crate::review::applicant(70), 70).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(crate::review::take_next(&app, &verifier).await, Some(id));
    let v = crate::review::version(&app, id).await.to_string();
    let reject =
        [("version", v.as_str()), ("action", "reject"), ("reason", "doc_expired"), ("confirm", "yes")];
    assert_eq!(app.post_form(&verifier, &format!("/review/{id}/decide"), &reject).await.status(), 303);
    let manager = app.signed_in("boss", &[Role::Manager]).await;

    // By a word of the person's name, in any case and script.
    let res = app.get(&manager, "/admin/audit?actor=ТЕСТ+ver").await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains(">Тест ver</a> <span class=\"muted\">(ver)</span>"), "the actor by name: {page}");
    assert!(
        page.contains(&format!("<a href=\"/review/{id}\">Заявка №\u{a0}{id}</a>")),
        "the subject as a link"
    );
    assert!(page.contains("Срок действия документа истёк"), "a reason code by its label");
    assert!(!page.contains(">doc_expired<"));
    let page = app.get(&manager, "/admin/audit?actor=nobody-here").await.text().await.unwrap();
    assert!(!page.contains(&format!("href=\"/review/{id}\"")), "no one by that name: no rows");

    // By date: tomorrow has nothing yet; a bad date is said next to the field.
    let tomorrow = (time::OffsetDateTime::now_utc() + time::Duration::days(2)).date();
    let page = app.get(&manager, &format!("/admin/audit?from={tomorrow}")).await.text().await.unwrap();
    assert!(!page.contains(&format!("href=\"/review/{id}\"")));
    let res = app.get(&manager, "/admin/audit?from=2026-13-40").await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("id=\"from-error\""));

    // Days are Almaty's: 19:30 UTC on 1 March is half past midnight on 2 March there (the entry
    // is moved there behind the append-only guard's back).
    drop_guards(&app.db).await;
    let at = time::macros::datetime!(2026-03-01 19:30 UTC);
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE audit_log SET at = $1 WHERE action = 'application.rejected' AND subject_id = $2"
    )
    .bind(at)
    .bind(id.to_string())
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let rejected = "<td>Отказ по заявке</td>";
    let page = app.get(&manager, "/admin/audit?from=2026-03-02&to=2026-03-02").await.text().await.unwrap();
    assert!(page.contains(rejected), "on 2 March in Almaty: {page}");
    let page = app.get(&manager, "/admin/audit?from=2026-03-01&to=2026-03-01").await.text().await.unwrap();
    assert!(!page.contains(rejected), "not on 1 March");
});

db_test!(a_manager_reads_one_persons_activity_and_exports_it, |app| {
    let admin = app.signed_in("chief", &[kreditomat_portal::auth::Role::Admin]).await;
    for (login, name) in [("first-new", "Первый Новый"), ("second-new", "Второй Новый")]
    {
        let res = app
            .post_form(
                &admin,
                "/admin/staff",
                &[("login", login), ("full_name", name), ("role", "verifier"), ("language", "ru")],
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let chief = crate::harness::scalar(&app, "SELECT id FROM staff WHERE login = 'chief'").await;
    let manager = app.signed_in("boss", &[kreditomat_portal::auth::Role::Manager]).await;
    let trail = app.get(&manager, "/admin/audit").await.text().await.unwrap();
    assert!(
        trail.contains(&format!("href=\"/admin/audit/staff/{chief}\"")),
        "the actor links to their activity"
    );
    let html =
        app.get(&manager, &format!("/admin/audit/staff/{chief}?period=today")).await.text().await.unwrap();
    assert!(html.contains("Действия сотрудника"), "{html}");
    assert!(html.contains("Создание учётной записи сотрудника"), "the actions by their names");
    assert!(html.contains("Первый Новый") && html.contains("Второй Новый"), "both accounts the chief made");
    // A bad period: named next to its field, 422, nothing else breaks.
    let res = app
        .get(&manager, &format!("/admin/audit/staff/{chief}?period=range&from=2026-12-05&to=2026-12-01"))
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"to-error\""));
    // The CSV of the period: a byte-order mark, a row per entry, and the export is audited.
    let res = app.get(&manager, &format!("/admin/audit/staff/{chief}/activity.csv?period=today")).await;
    assert_eq!(res.status(), 200);
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    assert!(text.starts_with("Номер,Время (Алматы),Действие"), "{text}");
    assert!(text.lines().count() >= 3, "{text}");
    assert_eq!(
        crate::harness::scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'audit.activity-exported'"
        )
        .await,
        1
    );
    assert_eq!(app.get(&manager, "/admin/audit/staff/99999").await.status(), 404);
    let verifier = app.signed_in("clerk", &[kreditomat_portal::auth::Role::Verifier]).await;
    assert_eq!(app.get(&verifier, &format!("/admin/audit/staff/{chief}")).await.status(), 403);
    assert_eq!(app.get(&verifier, &format!("/admin/audit/staff/{chief}/activity.csv")).await.status(), 403);
});
