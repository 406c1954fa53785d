//! PEP and beneficial-owner verification: list imports and versions, screening at intake and
//! after a list changes, hit decisions, declaration checks and the four-eyes approval.

use kreditomat_portal::{auth::Role, with_db};
use reqwest::{
    Client,
    multipart::{Form, Part},
};
use serde_json::Value;

use crate::{db_test, harness::TestApp, intake};

pub(crate) const OS_HEADER: &str = "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\n";

/// An OpenSanctions row of a person.
pub(crate) fn os_row(id: &str, name: &str, aliases: &str, birth: &str, countries: &str) -> String {
    format!("{id},Person,{name},{aliases},{birth},{countries},,,Test position,,,Test PEPs,,,\n")
}

pub(crate) fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

pub(crate) async fn scalar_i64(app: &TestApp, sql: &str) -> i64 {
    with_db!(&app.db, |c| sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap()
}

pub(crate) async fn scalar_text(app: &TestApp, sql: &str, id: i64) -> Option<String> {
    with_db!(&app.db, |c| sqlx::query_scalar::<_, Option<String>>(sql).bind(id).fetch_one(c).await).unwrap()
}

/// Submits the OpenAPI example applicant (Тоқаева Айгүл Маратқызы, born 1979-10-28) with
/// `external_id`; returns the application id.
pub(crate) async fn submit_example(app: &TestApp, key: &str, external_id: &str) -> i64 {
    let mut doc = intake::example();
    doc["external_id"] = external_id.into();
    let res = intake::post(app, key, intake::form(&doc, 1), None).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

pub(crate) async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let res = app.get(client, path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

db_test!(lists_import_as_versions_with_bad_rows_reported_and_bad_files_refused, |app| {
    let dir = tempfile::tempdir().unwrap();
    let v1 = format!(
        "{OS_HEADER}{}{}Q3,Company,Some LLP,,,kz,,,,,,x,,,\n{}{}{}",
        os_row("Q1", "Aigul Tokayeva", "Тоқаева Айгүл", "1979-10-28", "kz"),
        os_row("Q2", "Yerlan Akhmetov", "", "1970", "kz"),
        os_row("Q4", "", "", "", "kz"),
        os_row("Q1", "Duplicate Id", "", "", "kz"),
        os_row("Q5", "Nurlan Kassymov", "", "someday", "kz"),
    );
    let file = write(&dir, "v1.csv", v1.as_bytes());
    let (ok, out) = app.run_cli(&["import-list", &file, "--list", "Test PEPs", "--no-rescreen"], None);
    assert!(ok, "{out}");
    assert!(out.contains("добавлено 2"), "{out}");
    assert!(out.contains("Строка 5: пустое имя"), "{out}");
    assert!(out.contains("Строка 6: id «Q1» уже был в строке 2"), "{out}");
    assert!(out.contains("Строка 7: дата рождения «someday»"), "{out}");
    assert!(out.contains("не физические лица (организации, морские суда): 1"), "{out}");

    // Version 2: Q1 changed, Q2 gone, Q6 new.
    let v2 = format!(
        "{OS_HEADER}{}{}",
        os_row("Q1", "Aigul Tokayeva", "Тоқаева Айгүл;Aigul Toqaeva", "1979-10-28", "kz"),
        os_row("Q6", "Dinara Omarova", "", "", "kz"),
    );
    let file = write(&dir, "v2.csv", v2.as_bytes());
    let (ok, out) = app.run_cli(&["import-list", &file, "--list", "Test PEPs", "--language", "kk"], None);
    assert!(ok, "{out}");
    assert!(out.contains("қосылғаны: 1, өзгергені: 1, жойылғаны: 1"), "{out}");
    let versions: Vec<(i64, i64, i64, i64, i64, String)> = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT version, entries, added, changed, removed, screen_state FROM list_versions ORDER BY id"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!((versions[0].1, versions[0].2, versions[0].3, versions[0].4), (2, 2, 0, 0));
    assert_eq!((versions[1].1, versions[1].2, versions[1].3, versions[1].4), (2, 1, 1, 1));
    assert_eq!(versions[1].5, "done", "the CLI re-screened after the import");
    // A removed entry leaves the index but stays for the hits that name it.
    let keys = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM list_entry_keys k JOIN list_entries e ON e.id = k.entry_id WHERE e.external_id = 'Q2'",
    )
    .await;
    assert_eq!(keys, 0);
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM list_entries WHERE removed_in IS NOT NULL").await, 1);

    // Files that are not lists are refused whole, and nothing is written.
    let not_a_list = write(&dir, "x.csv", b"a,b,c\n1,2,3\n");
    let (ok, out) = app.run_cli(&["import-list", &not_a_list, "--list", "Test PEPs"], None);
    assert!(!ok && out.contains("Это не список проверки"), "{out}");
    let utf16 = write(&dir, "u.csv", &[0xFF, 0xFE, b'n', 0, b'a', 0]);
    let (ok, out) = app.run_cli(&["import-list", &utf16, "--list", "Test PEPs"], None);
    assert!(!ok && out.contains("UTF-16"), "{out}");
    let runaway = format!("{OS_HEADER}Q9,Person,\"Never closed,,,,,,,,,,,,\n{}", "x,".repeat(40_000));
    let runaway = write(&dir, "r.csv", runaway.as_bytes());
    let (ok, out) = app.run_cli(&["import-list", &runaway, "--list", "Test PEPs"], None);
    assert!(!ok && out.contains("кавычка открыта и не закрыта"), "{out}");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM list_versions").await, 2, "nothing half-imported");

    // A plain list in Windows-1251 is recognised.
    let plain =
        "name,aliases,birth_date,country,position,list\n\"Ахметов, Ерлан\",,1970-02-03,kz,Аким,Местные\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(plain);
    let file = write(&dir, "plain.csv", &bytes);
    let (ok, out) = app.run_cli(&["import-list", &file, "--list", "Местные ПДЛ"], None);
    assert!(ok && out.contains("windows-1251") && out.contains("добавлено 1"), "{out}");
});

db_test!(intake_screens_and_a_confirmed_pep_needs_a_second_senior_officer, |app| {
    let dir = tempfile::tempdir().unwrap();
    let list = format!(
        "{OS_HEADER}{}{}",
        os_row("P1", "TOKAYEVA Aigul", "", "1979-10-28", "kz"),
        os_row("P2", "Bekov Arman", "", "1961", "kz"),
    );
    let file = write(&dir, "peps.csv", list.as_bytes());
    assert!(app.run_cli(&["import-list", &file, "--list", "PEP"], None).0);

    let key = intake::key(&app).await;
    let id = submit_example(&app, &key, "pep-1").await;
    let state = "SELECT compliance_state FROM applications WHERE id = $1";
    assert_eq!(scalar_text(&app, state, id).await.as_deref(), Some("review"), "an open hit holds approval");
    let hit: i64 = scalar_i64(&app, "SELECT id FROM screening_hits WHERE status = 'open'").await;

    // The verifier cannot approve and is told why.
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(app.post_form(&verifier, &format!("/review/{id}/claim"), &[]).await.status(), 303);
    let (_, review) = page(&app, &verifier, &format!("/review/{id}")).await;
    assert!(review.contains("Одобрение ждёт комплаенса"), "the approve button says why it waits");
    assert!(review.contains("TOKAYEVA Aigul"), "the hit is shown on the review page");
    let res = app
        .post_form(&verifier, &format!("/review/{id}/decide"), &[("version", "1"), ("action", "approve")])
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        scalar_text(&app, "SELECT status FROM applications WHERE id = $1", id).await.as_deref(),
        Some("pending")
    );

    // The compliance officer sees it in the queue, with the explanation.
    let officer = app.signed_in("comp", &[Role::Compliance]).await;
    let (status, queue) = page(&app, &officer, "/compliance").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&format!("/compliance/{id}")));
    let (_, show) = page(&app, &officer, &format!("/compliance/{id}")).await;
    assert!(show.contains("«Тоқаева» = «TOKAYEVA»: то же имя, записанное другим алфавитом"), "{show}");
    assert!(show.contains("Дата рождения совпадает"));
    assert!(show.contains("Список «PEP», версия 1, запись P1"));

    // A decision needs a comment; the typed text is not lost, and nothing changes.
    let path = format!("/compliance/{id}/hits/{hit}");
    let res = app.post_form(&officer, &path, &[("action", "confirm"), ("comment", "   ")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Напишите, почему вы так решили"));
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits WHERE status = 'open'").await, 1);

    // Confirmed by the first officer: now the senior approval is missing.
    let res = app
        .post_form(
            &officer,
            &path,
            &[("action", "confirm"), ("comment", "Same birth date, public record"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, state, id).await.as_deref(), Some("senior"));
    let (_, review) = page(&app, &verifier, &format!("/review/{id}")).await;
    assert!(review.contains("Одобрение ждёт второго ключа"));

    // A senior officer who confirmed it cannot give the second key to their own confirmation.
    let id2 = submit_example(&app, &key, "pep-2").await;
    let hit2: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT id FROM screening_hits WHERE application_id = $1")
            .bind(id2)
            .fetch_one(c)
            .await)
        .unwrap();
    let senior = app.signed_in("sen1", &[Role::SeniorCompliance]).await;
    let path2 = format!("/compliance/{id2}/hits/{hit2}");
    assert_eq!(
        app.post_form(
            &senior,
            &path2,
            &[("action", "confirm"), ("comment", "Same person"), ("confirm", "yes")]
        )
        .await
        .status(),
        303
    );
    let (_, own) = page(&app, &senior, &format!("/compliance/{id2}")).await;
    assert!(own.contains("второе одобрение должен дать другой старший комплаенс-офицер"));
    app.post_form(&senior, &format!("/compliance/{id2}/approve"), &[("comment", "x"), ("confirm", "yes")])
        .await;
    assert_eq!(scalar_text(&app, state, id2).await.as_deref(), Some("senior"), "four eyes");

    // A plain compliance officer may not give the senior approval at all.
    let res = app.post_form(&officer, &format!("/compliance/{id}/approve"), &[]).await;
    assert_eq!(res.status(), 403);

    // The senior officer approves the first one; then the verifier can.
    let path = format!("/compliance/{id}/approve");
    let res = app.post_form(&senior, &path, &[("comment", "")]).await;
    assert_eq!(res.status(), 422, "the senior approval needs a comment");
    let res = app.post_form(&senior, &path, &[("comment", "EDD done")]).await;
    assert_eq!(res.status(), 200, "first the confirmation step");
    assert!(res.text().await.unwrap().contains("Дать второе одобрение"));
    assert_eq!(scalar_text(&app, state, id).await.as_deref(), Some("senior"));
    let res = app.post_form(&senior, &path, &[("comment", "EDD done"), ("confirm", "yes")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, state, id).await, None);
    let (_, show) = page(&app, &officer, &format!("/compliance/{id}")).await;
    assert!(show.contains("Статус ПДЛ подтвердил(а)") && show.contains("Второе одобрение"), "who did what");
    let approve = [("version", "1"), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&verifier, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar_text(&app, "SELECT status FROM applications WHERE id = $1", id).await.as_deref(),
        Some("approved")
    );

    let audited = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('screening.hit-confirmed', 'pep.senior-approved')",
    )
    .await;
    assert_eq!(audited, 3);
});

db_test!(a_dismissed_hit_stays_dismissed_until_the_entry_changes, |app| {
    let dir = tempfile::tempdir().unwrap();
    let v1 = format!("{OS_HEADER}{}", os_row("P1", "Aigul Tokayeva", "", "", "kz"));
    let f1 = write(&dir, "v1.csv", v1.as_bytes());
    assert!(app.run_cli(&["import-list", &f1, "--list", "PEP"], None).0);
    let key = intake::key(&app).await;
    let id = submit_example(&app, &key, "dismiss-1").await;
    let hit = scalar_i64(&app, "SELECT id FROM screening_hits").await;
    let officer = app.signed_in("comp", &[Role::Compliance]).await;
    let res = app
        .post_form(
            &officer,
            &format!("/compliance/{id}/hits/{hit}"),
            &[("action", "dismiss"), ("comment", "Other person"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, "SELECT compliance_state FROM applications WHERE id = $1", id).await, None);

    // The same list again, and a full re-screen: the dismissed pair does not come back.
    assert!(app.run_cli(&["import-list", &f1, "--list", "PEP"], None).0);
    assert!(app.run_cli(&["rescreen"], None).0);
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits").await, 1);

    // The entry changes: the pair is for review again, naming the new version.
    let v3 = format!("{OS_HEADER}{}", os_row("P1", "Aigul Tokayeva", "", "1979-10-28", "kz"));
    let f3 = write(&dir, "v3.csv", v3.as_bytes());
    let (ok, out) = app.run_cli(&["import-list", &f3, "--list", "PEP"], None);
    assert!(ok, "{out}");
    let open: Vec<(i64, i64)> = with_db!(&app.db, |c| {
        sqlx::query_as(
        "SELECT h.application_id, v.version FROM screening_hits h JOIN list_versions v ON v.id = h.version_id
         WHERE h.status = 'open'"
    )
    .fetch_all(c)
    .await
    })
    .unwrap();
    assert_eq!(open, [(id, 3)]);
    assert_eq!(
        scalar_text(&app, "SELECT compliance_state FROM applications WHERE id = $1", id).await.as_deref(),
        Some("review")
    );
});

db_test!(declarations_are_checked_with_evidence, |app| {
    let key = intake::key(&app).await;
    let mut doc = intake::example();
    doc["external_id"] = "bo-1".into();
    doc["applicant"]["beneficial_owner"] =
        serde_json::json!({ "declared": true, "details": "ТОО «Ромашка»" });
    let res = intake::post(&app, &key, intake::form(&doc, 2), None).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let state = "SELECT compliance_state FROM applications WHERE id = $1";
    assert_eq!(scalar_text(&app, state, id).await.as_deref(), Some("review"));

    let officer = app.signed_in("comp", &[Role::Compliance]).await;
    let (_, show) = page(&app, &officer, &format!("/compliance/{id}")).await;
    assert!(
        show.contains("value=\"bo\" checked") && !show.contains("value=\"pep\" checked"),
        "the declared kind is chosen"
    );
    // Verified beneficial ownership needs what of and the share; the typed text comes back.
    let path = format!("/compliance/{id}/declaration");
    let res = app
        .post_form(
            &officer,
            &path,
            &[("kind", "bo"), ("outcome", "verified"), ("share", "140"), ("notes", "<b>Реестр</b>")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Доля — число от 0 до 100"));
    assert!(body.contains("&#60;b&#62;Реестр&#60;/b&#62;"), "typed notes come back, escaped");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM declaration_checks").await, 0);

    let fields = [
        ("kind", "bo"),
        ("outcome", "verified"),
        ("owner_of", "ТОО «Ромашка»"),
        ("share", "25,5"),
        ("notes", "Реестр юрлиц"),
    ];
    assert_eq!(app.post_form(&officer, &path, &fields).await.status(), 303);
    assert_eq!(scalar_text(&app, state, id).await, None, "a checked BO declaration with no hits clears");
    let (_, review) = page(&app, &officer, &format!("/review/{id}")).await;
    assert!(review.contains("Статус бенефициарного собственника: Подтверждено") && review.contains("25.5"));
});

db_test!(the_upload_page_imports_and_refuses_clearly, |app| {
    let officer = app.signed_in("comp", &[Role::Compliance]).await;
    let token = app.csrf(&officer).await;
    // The token is the form's first part, as the page sends it; never in the URL.
    let upload = |name: &str, file: Vec<u8>| {
        Form::new()
            .text("csrf", token.clone())
            .text("name", name.to_string())
            .part("file", Part::bytes(file).file_name("list.csv").mime_str("text/csv").unwrap())
    };
    let url = format!("{}/compliance/lists", app.base);
    let (_, page) = (200, app.get(&officer, "/compliance/lists").await.text().await.unwrap());
    assert!(!page.contains("?csrf="), "no token in the form's address");
    let plain = "name,aliases,birth_date,country,position,list\nАхметов Ерлан,,1970-02-03,kz,Аким,Местные\n,,,,,\nБеков,,,kz,,x\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(plain);
    let res = officer.post(&url).multipart(upload("Местные ПДЛ", bytes.into_owned())).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(body.contains("Итог загрузки") && body.contains("windows-1251"), "{body}");
    assert!(body.contains("добавлено 2"), "{body}");

    let res =
        officer.post(&url).multipart(upload("<Мой список>", b"a,b\n1,2\n".to_vec())).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Это не список проверки"), "{body}");
    assert!(body.contains("value=\"&#60;Мой список&#62;\""), "the typed name comes back");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM list_versions").await, 1);

    // Without the CSRF token, with a wrong one, or with it only in the URL, nothing is imported.
    let without = Form::new().text("name", "X").part(
        "file",
        Part::bytes(plain.as_bytes().to_vec()).file_name("list.csv").mime_str("text/csv").unwrap(),
    );
    let res = officer.post(&url).multipart(without).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let wrong = Form::new().text("csrf", "forged").text("name", "X");
    let res = officer.post(&url).multipart(wrong).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let in_url = format!("{}/compliance/lists?csrf={token}", app.base);
    let late = Form::new().text("name", "X").text("csrf", token.clone());
    let res = officer.post(&in_url).multipart(late).send().await.unwrap();
    assert_eq!(res.status(), 403, "a token in the URL or in a later part does not count");
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM list_versions").await, 1);
});
