//! Reviewer quality: a fixed seed draws the decisions the keyed hash names; a sample goes blind
//! to another verifier, a disagreement to a senior compliance officer whose verdict both
//! verifiers see; races on claims and verdicts record one; bad input keeps what was typed; the
//! administrators' share; the dashboard's agreement against the recount.

use kreditomat_portal::{
    audit::Actor,
    auth::Role,
    dashboards::recount,
    quality::{Settings, drawn},
    review::{claims, decide},
    with_db,
};
use time::Duration;

use crate::{
    db_test,
    harness::{TestApp, exec, location, scalar, text},
    intake,
    review::{applicant, html, submit},
};

/// Application `n`, claimed and decided by verifier `staff` (`login`) in code.
pub(crate) async fn decided(app: &TestApp, key: &str, n: u64, staff: i64, login: &str, approve: bool) -> i64 {
    let id = submit(app, key, &applicant(n), n).await;
    exec(app, &format!("UPDATE applications SET risk_signals = 0 WHERE id = {id}")).await.unwrap();
    let version = scalar(app, &format!("SELECT version FROM applications WHERE id = {id}")).await;
    let actor = Actor::Staff { id: staff, login: login.into() };
    assert!(claims::claim(&app.db, &actor, staff, id, Duration::minutes(30), "127.0.0.1").await.unwrap());
    let outcome = if approve {
        decide::Outcome::Approve
    } else {
        decide::Outcome::Reject(vec![("doc_expired".into(), "—".into())])
    };
    decide::decide(&app.db, &actor, staff, id, version, &outcome, "127.0.0.1").await.unwrap();
    id
}

db_test!(a_fixed_seed_draws_the_decisions_its_hash_names, |app| {
    let settings = Settings { share_permille: 250, seed: 20_261_207 };
    exec(&app, "UPDATE qa_settings SET share_permille = 250, seed = 20261207").await.unwrap();
    let key = intake::key(&app).await;
    let verifier = app.create_staff("ver", &[Role::Verifier]).await;
    for n in 0..40 {
        decided(&app, &key, 500 + n, verifier, "ver", n % 3 != 0).await;
    }
    let ids: Vec<i64> =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT id FROM decisions ORDER BY id").fetch_all(c).await)
            .unwrap();
    let sampled: Vec<i64> =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT decision_id FROM qa_samples ORDER BY decision_id")
            .fetch_all(c)
            .await)
        .unwrap();
    let expected: Vec<i64> = ids.iter().copied().filter(|d| drawn(settings, *d)).collect();
    assert_eq!(sampled, expected);
    assert!(!sampled.is_empty() && sampled.len() < ids.len(), "a share, not none or all: {}", sampled.len());
    // Each sample carries the first decision as it was made, and its draw is in the audit trail.
    let first: String =
        text(&app, &format!("SELECT first_outcome FROM qa_samples WHERE decision_id = {}", sampled[0])).await;
    let outcome: String =
        text(&app, &format!("SELECT outcome FROM decisions WHERE id = {}", sampled[0])).await;
    assert_eq!(first, outcome);
    let audited = scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'quality.sampled'").await;
    assert_eq!(audited, sampled.len() as i64);
    // Nothing is drawn at 0 %, and requests for documents never are.
    exec(&app, "UPDATE qa_settings SET share_permille = 0").await.unwrap();
    decided(&app, &key, 600, verifier, "ver", true).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM qa_samples").await, sampled.len() as i64);
});

db_test!(a_disagreement_goes_to_a_senior_whose_verdict_both_verifiers_see, |app| {
    exec(&app, "UPDATE qa_settings SET share_permille = 1000").await.unwrap();
    let key = intake::key(&app).await;
    let first = app.signed_in("first", &[Role::Verifier]).await;
    let first_id = scalar(&app, "SELECT id FROM staff WHERE login = 'first'").await;
    let application = decided(&app, &key, 701, first_id, "first", true).await;
    let sample = scalar(&app, "SELECT id FROM qa_samples").await;

    // The first verifier is never offered their own decision.
    let res = app.post_form(&first, "/quality/next", &[]).await;
    assert_eq!(location(&res), "/quality");
    assert_eq!(app.post_form(&first, &format!("/quality/{sample}/claim"), &[]).await.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM qa_samples WHERE claimed_by IS NOT NULL").await, 0);

    // Another verifier takes it and sees the application without the first decision.
    let second = app.signed_in("second", &[Role::Verifier]).await;
    let (_, list) = html(&app, &second, "/quality").await;
    assert!(list.contains(&format!("/quality/{sample}/claim")), "{list}");
    assert!(!list.contains(">Заявка</th>"), "the list does not say which application: {list}");
    // Someone who opened the application's page since the draw has seen its decision: not offered.
    let curious = app.signed_in("curious", &[Role::Verifier]).await;
    assert_eq!(app.get(&curious, &format!("/review/{application}")).await.status(), 200);
    let res = app.post_form(&curious, "/quality/next", &[]).await;
    assert_eq!(location(&res), "/quality", "not offered to someone who saw the decision");
    let res = app.post_form(&second, "/quality/next", &[]).await;
    assert_eq!(location(&res), format!("/quality/{sample}"));
    let (code, page) = html(&app, &second, &format!("/quality/{sample}")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Первое решение, статус заявки, заметки и история скрыты"), "{page}");
    assert!(
        !page.contains("Тест first") && !page.contains("Одобрено"),
        "nothing of the first decision: {page}"
    );
    // While they hold it, the review page (which shows the decision) sends them to the sample.
    let res = app.get(&second, &format!("/review/{application}")).await;
    assert_eq!(location(&res), format!("/quality/{sample}"));
    // Nor through the page a refused note or decision shows again.
    let res = app.post_form(&second, &format!("/review/{application}/note"), &[("body", "")]).await;
    assert_eq!(location(&res), format!("/quality/{sample}"));
    let res = app
        .post_form(
            &second,
            &format!("/review/{application}/decide"),
            &[("version", "0"), ("action", "approve")],
        )
        .await;
    assert_eq!(location(&res), format!("/quality/{sample}"));
    // The first verifier cannot tell their decision was drawn.
    assert_eq!(app.get(&first, &format!("/quality/{sample}")).await.status(), 403);
    // The view of the applicant's data is in the access log.
    let views = scalar(&app, &format!(
        "SELECT COUNT(*) FROM pd_access_log WHERE application_id = {application} AND access = 'quality-page'"
    ))
    .await;
    assert!(views >= 1, "the blind page's view is logged");

    // A third verifier cannot take it from them, nor record a review.
    let third = app.signed_in("third", &[Role::Verifier]).await;
    app.post_form(&third, &format!("/quality/{sample}/claim"), &[]).await;
    assert_eq!(
        text(&app, &format!("SELECT CAST(claimed_by AS TEXT) FROM qa_samples WHERE id = {sample}")).await,
        scalar(&app, "SELECT id FROM staff WHERE login = 'second'").await.to_string()
    );
    let v = scalar(&app, &format!("SELECT version FROM qa_samples WHERE id = {sample}")).await.to_string();
    let res = app
        .post_form(&third, &format!("/quality/{sample}/review"), &[("version", &v), ("outcome", "approved")])
        .await;
    assert_eq!(res.status(), 409);

    // Bad input: no outcome, a rejection without a reason; what was typed comes back.
    let path = format!("/quality/{sample}/review");
    let res = app.post_form(&second, &path, &[("version", &v), ("note", "мой комментарий")]).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Выберите решение.") && body.contains("мой комментарий"), "{body}");
    let res = app.post_form(&second, &path, &[("version", &v), ("outcome", "rejected")]).await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_form(&second, &path, &[("version", &v), ("outcome", "rejected"), ("reason", "no_such_reason")])
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(text(&app, &format!("SELECT state FROM qa_samples WHERE id = {sample}")).await, "waiting");

    // A rejection where the first verifier approved: a disagreement.
    let res = app
        .post_form(
            &second,
            &path,
            &[
                ("version", &v),
                ("outcome", "rejected"),
                ("reason", "doc_expired"),
                ("note", "подпись нечитаема"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(text(&app, &format!("SELECT state FROM qa_samples WHERE id = {sample}")).await, "disputed");
    // The same form again finds it done.
    assert_eq!(
        app.post_form(&second, &path, &[("version", &v), ("outcome", "rejected"), ("reason", "doc_expired")])
            .await
            .status(),
        409
    );
    // The first verifier learns nothing until the verdict.
    let (_, waiting) = html(&app, &first, &format!("/quality/{sample}")).await;
    assert!(
        waiting.contains("ждём решения старшего комплаенс-офицера") && !waiting.contains("подпись нечитаема"),
        "{waiting}"
    );

    // Two senior compliance officers: one verdict is recorded, the other is told.
    let senior = app.signed_in("senior", &[Role::SeniorCompliance]).await;
    let other = app.signed_in("senior2", &[Role::SeniorCompliance]).await;
    let (_, disputes) = html(&app, &senior, "/quality").await;
    assert!(disputes.contains(&format!("/quality/{sample}")), "{disputes}");
    let (code, both) = html(&app, &senior, &format!("/quality/{sample}")).await;
    assert_eq!(code, 200);
    assert!(
        both.contains("Тест first") && both.contains("Тест second") && both.contains("подпись нечитаема"),
        "both decisions: {both}"
    );
    let v = scalar(&app, &format!("SELECT version FROM qa_samples WHERE id = {sample}")).await.to_string();
    let verdict = format!("/quality/{sample}/verdict");
    let res = app.post_form(&senior, &verdict, &[("version", &v), ("outcome", "approved")]).await;
    assert_eq!(res.status(), 422, "a verdict needs its reasoning");
    let body = res.text().await.unwrap();
    assert!(body.contains("Объясните решение"), "{body}");
    let fields =
        [("version", v.as_str()), ("outcome", "approved"), ("note", "Документ действителен до 2030 года")];
    let (a, b) =
        tokio::join!(app.post_form(&senior, &verdict, &fields), app.post_form(&other, &verdict, &fields));
    let mut codes = [a.status().as_u16(), b.status().as_u16()];
    codes.sort();
    assert_eq!(codes, [303, 409]);
    assert_eq!(text(&app, &format!("SELECT state FROM qa_samples WHERE id = {sample}")).await, "upheld");

    // Both verifiers see how it ended, in Kazakh too.
    for (who, login) in [(&first, "first"), (&second, "second")] {
        let (_, mine) = html(&app, who, "/quality").await;
        assert!(mine.contains("Первое решение верно"), "{login}: {mine}");
        let (code, result) = html(&app, who, &format!("/quality/{sample}")).await;
        assert_eq!(code, 200);
        assert!(result.contains("Документ действителен до 2030 года"), "{login}: {result}");
    }
    app.post_form(&first, "/account/language", &[("language", "kk")]).await;
    let (_, kk) = html(&app, &first, "/quality").await;
    assert!(kk.contains("Бірінші шешім дұрыс"), "{kk}");
    // Someone outside the sample does not see it; a manager does not open the QA pages at all.
    assert_eq!(app.get(&third, &format!("/quality/{sample}")).await.status(), 403);
    let manager = app.signed_in("boss", &[Role::Manager]).await;
    assert_eq!(app.get(&manager, "/quality").await.status(), 403);

    // The database refuses a verdict by a verifier on the sample, whatever the code does.
    let refused =
        exec(&app, &format!("UPDATE qa_samples SET verdict_by = first_by WHERE id = {sample}")).await;
    assert!(refused.is_err());
    // Every step is in the audit trail, and the dashboard counts the sample as the recount does.
    for action in ["quality.sampled", "quality.claimed", "quality.reviewed", "quality.verdict"] {
        let n = scalar(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await;
        assert!(n >= 1, "{action}");
    }
    assert!(recount::check(&app.db).await.unwrap().is_empty());
    let (code, kyc) = html(&app, &manager, "/dashboard/kyc").await;
    assert_eq!(code, 200);
    assert!(kyc.contains("Доля совпадений") && kyc.contains("Признано неверным"), "{kyc}");
});

db_test!(two_verifiers_racing_for_one_sample_get_it_once, |app| {
    exec(&app, "UPDATE qa_settings SET share_permille = 1000").await.unwrap();
    let key = intake::key(&app).await;
    let first = app.create_staff("first", &[Role::Verifier]).await;
    decided(&app, &key, 801, first, "first", false).await;
    let a = app.signed_in("racer-a", &[Role::Verifier]).await;
    let b = app.signed_in("racer-b", &[Role::Verifier]).await;
    let (ra, rb) =
        tokio::join!(app.post_form(&a, "/quality/next", &[]), app.post_form(&b, "/quality/next", &[]));
    let got: Vec<String> = [location(&ra), location(&rb)].into_iter().filter(|l| l != "/quality").collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'quality.claimed'").await, 1);
});

db_test!(administrators_set_the_share_in_percent, |app| {
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let (code, page) = html(&app, &admin, "/admin/quality").await;
    assert_eq!(code, 200);
    assert!(page.contains("value=\"5,0\""), "5 % by default: {page}");
    for bad in ["abc", "101", "2,55", "-1"] {
        let res = app.post_form(&admin, "/admin/quality", &[("share", bad)]).await;
        assert_eq!(res.status(), 422, "{bad}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Введите число от 0 до 100") && body.contains(&format!("value=\"{bad}\"")),
            "{body}"
        );
    }
    assert_eq!(scalar(&app, "SELECT share_permille FROM qa_settings").await, 50);
    let res = app.post_form(&admin, "/admin/quality", &[("share", "2,5")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar(&app, "SELECT share_permille FROM qa_settings").await, 25);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'quality.share-changed'").await,
        1
    );
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(app.post_form(&verifier, "/admin/quality", &[("share", "100")]).await.status(), 403);
});
