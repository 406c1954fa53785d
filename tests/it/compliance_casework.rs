//! Compliance as officers work it: a case held by one officer at a time, decisions behind a
//! confirmation step, the senior approval with a comment, a return to the first officer and its
//! answer, reopened hits, the evidence of a hit apart from the name similarity, the queue's search
//! and filters, a read-only page for verifiers, and separation of duties.

use kreditomat_portal::{auth::Role, with_db};

use crate::{
    db_test,
    harness::TestApp,
    intake,
    screening::{OS_HEADER, os_row, page, scalar_i64, scalar_text, submit_example, write},
};

const STATE: &str = "SELECT compliance_state FROM applications WHERE id = $1";

/// Imports a list where the example applicant (Тоқаева Айгүл, born 1979-10-28) is `name` born
/// `birth` (empty: unknown), submits the applicant; returns the application and its hit.
pub(crate) async fn case(app: &TestApp, name: &str, birth: &str) -> (i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let list = format!("{OS_HEADER}{}", os_row("P1", name, "", birth, "kz"));
    let file = write(&dir, "peps.csv", list.as_bytes());
    assert!(app.run_cli(&["import-list", &file, "--list", "PEP"], None).0);
    let key = intake::key(app).await;
    let id = submit_example(app, &key, "case-1").await;
    let hit = scalar_i64(app, "SELECT id FROM screening_hits WHERE status = 'open'").await;
    (id, hit)
}

async fn confirm_hit(app: &TestApp, who: &reqwest::Client, id: i64, hit: i64) -> u16 {
    let fields = [("action", "confirm"), ("comment", "Same person, public record"), ("confirm", "yes")];
    app.post_form(who, &format!("/compliance/{id}/hits/{hit}"), &fields).await.status().as_u16()
}

db_test!(a_case_is_held_by_one_officer_at_a_time, |app| {
    let (id, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    let first = app.signed_in("comp1", &[Role::Compliance]).await;
    let second = app.signed_in("comp2", &[Role::Compliance]).await;
    assert_eq!(app.post_form(&first, &format!("/compliance/{id}/claim"), &[]).await.status(), 303);
    let (_, queue) = page(&app, &second, "/compliance").await;
    assert!(queue.contains("Тест comp1"), "the queue says who holds it");
    let (_, show) = page(&app, &second, &format!("/compliance/{id}")).await;
    assert!(show.contains("Дело в работе у сотрудника: Тест comp1"));

    // The second officer's decision is refused, naming the holder; nothing changes.
    let res = app
        .post_form(
            &second,
            &format!("/compliance/{id}/hits/{hit}"),
            &[("action", "dismiss"), ("comment", "Other person"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("в работе у другого сотрудника (Тест comp1)"));
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits WHERE status = 'open'").await, 1);

    // A decision waits for its confirmation, then is recorded; the case is given up when the
    // first officer's part is done.
    let path = format!("/compliance/{id}/hits/{hit}");
    let res = app.post_form(&first, &path, &[("action", "confirm"), ("comment", "Same person")]).await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(body.contains("Подтвердить, что заявитель") && body.contains("name=\"confirm\" value=\"yes\""));
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits WHERE status = 'open'").await, 1);
    assert_eq!(confirm_hit(&app, &first, id, hit).await, 303);
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("senior"));
    let holder: Option<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT compliance_claimed_by FROM applications WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(holder, None, "free for the senior officer");

    // Releasing a case one does not hold says so.
    let res = app.post_form(&second, &format!("/compliance/{id}/release"), &[]).await;
    assert_eq!(res.status(), 303);
});

db_test!(a_senior_officer_returns_a_case_and_the_first_officer_answers, |app| {
    let (id, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    let first = app.signed_in("comp1", &[Role::Compliance]).await;
    let senior = app.signed_in("sen1", &[Role::SeniorCompliance]).await;
    assert_eq!(confirm_hit(&app, &first, id, hit).await, 303);

    // A return needs a reason, typed text comes back.
    let res = app.post_form(&senior, &format!("/compliance/{id}/return"), &[("reason", "  ")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"return_reason-error\""));
    let reason = "Нет подтверждения источника средств";
    let res = app.post_form(&senior, &format!("/compliance/{id}/return"), &[("reason", reason)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("review"), "back with the first officer");
    let (_, show) = page(&app, &first, &format!("/compliance/{id}")).await;
    assert!(show.contains("вернул(а) дело на доработку") && show.contains(reason), "{show}");

    // The first officer answers and sends it back; the senior approves with a comment.
    let res =
        app.post_form(&first, &format!("/compliance/{id}/resend"), &[("reason", "Справка приложена")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("senior"));
    let path = format!("/compliance/{id}/approve");
    let res = app.post_form(&senior, &path, &[("comment", "EDD done"), ("confirm", "yes")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, STATE, id).await, None);
    let (_, show) = page(&app, &first, &format!("/compliance/{id}")).await;
    assert!(show.contains("EDD done"), "the senior's comment is shown afterwards");
    let actions: Vec<String> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE subject_type = 'application' AND subject_id = $1 ORDER BY seq"
    )
    .bind(id.to_string())
    .fetch_all(c)
    .await)
    .unwrap();
    for a in ["pep.returned", "pep.resent", "pep.senior-approved"] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
});

db_test!(a_senior_officer_reopens_a_decided_hit_with_a_reason, |app| {
    let (id, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    let first = app.signed_in("comp1", &[Role::Compliance]).await;
    let senior = app.signed_in("sen1", &[Role::SeniorCompliance]).await;
    let res = app
        .post_form(
            &first,
            &format!("/compliance/{id}/hits/{hit}"),
            &[("action", "dismiss"), ("comment", "Other person"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_text(&app, STATE, id).await, None);
    let path = format!("/compliance/{id}/hits/{hit}/reopen");
    // Only a senior officer reopens, and only with a reason.
    assert_eq!(app.post_form(&first, &path, &[("reason", "x")]).await.status(), 403);
    assert_eq!(app.post_form(&senior, &path, &[("reason", "")]).await.status(), 422);
    let res = app.post_form(&senior, &path, &[("reason", "Дата рождения совпадает — проверить")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar_i64(&app, "SELECT COUNT(*) FROM screening_hits WHERE status = 'open'").await, 1);
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("review"));
    let details: String = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE action = 'screening.hit-reopened'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(details.contains("Дата рождения совпадает") && details.contains("dismissed"), "{details}");
});

db_test!(a_name_only_hit_is_not_shown_as_a_certain_match, |app| {
    let (id, _) = case(&app, "TOKAYEVA Aigul", "").await;
    let officer = app.signed_in("comp1", &[Role::Compliance]).await;
    let (_, show) = page(&app, &officer, &format!("/compliance/{id}")).await;
    assert!(show.contains("Сходство имени"), "{show}");
    assert!(show.contains("Подтверждение: слабое") && show.contains("совпадает только имя"), "{show}");
});

db_test!(verifiers_read_the_case_that_holds_their_approval_back, |app| {
    let (id, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(app.post_form(&verifier, &format!("/review/{id}/claim"), &[]).await.status(), 303);
    let (_, review) = page(&app, &verifier, &format!("/review/{id}")).await;
    assert!(review.contains(&format!("href=\"/compliance/{id}#hit-{hit}\"")), "a link to the blocking hit");
    let (code, show) = page(&app, &verifier, &format!("/compliance/{id}")).await;
    assert_eq!(code, 200);
    assert!(show.contains("только для чтения") && show.contains("TOKAYEVA Aigul"));
    assert!(!show.contains(&format!("action=\"/compliance/{id}/hits/")), "no forms for a reader");
    assert_eq!(confirm_hit(&app, &verifier, id, hit).await, 403, "and no decisions");
    let (code, _) = page(&app, &verifier, "/compliance").await;
    assert_eq!(code, 403, "the queue stays compliance's");
    let logged =
        scalar_i64(&app, "SELECT COUNT(*) FROM pd_access_log WHERE access = 'compliance-page'").await;
    assert!(logged >= 1, "the view is in the personal-data access log");
});

db_test!(the_compliance_queue_is_searched_and_filtered, |app| {
    let (id, _) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    let officer = app.signed_in("comp1", &[Role::Compliance]).await;
    for q in ["Тоқаева".to_string(), "tokaeva+aigul".to_string(), format!("%23{id}")] {
        let (code, body) = page(&app, &officer, &format!("/compliance?q={q}")).await;
        assert_eq!(code, 200, "{q}");
        assert!(body.contains(&format!("href=\"/compliance/{id}\"")), "{q}");
    }
    let (_, body) = page(&app, &officer, "/compliance?score=99&declared=bo").await;
    assert!(!body.contains(&format!("href=\"/compliance/{id}\"")), "filtered out");
    let (_, body) = page(&app, &officer, "/compliance?score=50&days=0").await;
    assert!(body.contains(&format!("href=\"/compliance/{id}\"")));
    let (code, body) = page(&app, &officer, "/compliance?score=abc&q=Иван+12").await;
    assert_eq!(code, 400);
    assert!(body.contains("id=\"score-error\"") && body.contains("id=\"q-error\""));
    assert!(!body.contains(&format!("href=\"/compliance/{id}\"")), "no unrelated rows under a bad query");
});

db_test!(four_eyes_hold_whatever_the_roles, |app| {
    let (id, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    // One person who is both a verifier and a compliance officer confirms the PEP...
    let both = app.signed_in("both", &[Role::Verifier, Role::Compliance]).await;
    let senior = app.signed_in("sen1", &[Role::SeniorCompliance]).await;
    assert_eq!(confirm_hit(&app, &both, id, hit).await, 303);
    let res = app
        .post_form(&senior, &format!("/compliance/{id}/approve"), &[("comment", "ok"), ("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 303);
    // ...and may not then approve the application.
    assert_eq!(app.post_form(&both, &format!("/review/{id}/claim"), &[]).await.status(), 303);
    let approve = [("version", "1"), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")];
    let res = app.post_form(&both, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("одобрить заявку должен другой сотрудник"));
    assert_eq!(
        scalar_text(&app, "SELECT status FROM applications WHERE id = $1", id).await.as_deref(),
        Some("pending")
    );

    // Role combinations that defeat four eyes are refused.
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let other = app.create_staff("someone", &[Role::Support]).await;
    let res = app
        .post_form(
            &admin,
            &format!("/admin/staff/{other}/roles"),
            &[("role", "verifier"), ("role", "senior_compliance")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("одному сотруднику обе роли не выдаются"));
    let me: i64 = scalar_i64(&app, "SELECT id FROM staff WHERE login = 'adm'").await;
    let res = app
        .post_form(&admin, &format!("/admin/staff/{me}/roles"), &[("role", "admin"), ("role", "verifier")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("себе выдать нельзя"));
    // An administrator meeting a page of another role is not told to ask an administrator.
    let (code, body) = page(&app, &admin, "/compliance").await;
    assert_eq!(code, 403);
    assert!(!body.contains("обратитесь к администратору") && body.contains("другой администратор"));
});
