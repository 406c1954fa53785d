//! The register of disclosures: recorded from the customer page with their legal basis, refused
//! by name when incomplete, filtered, exported as CSV behind the step-up, audited, and shown on
//! the customer page; policy versions recorded by administrators.

use kreditomat_portal::{auth::Role, with_db};

use crate::{
    db_test,
    harness::{TestApp, location, scalar},
    intake,
    review::{applicant, submit},
};

async fn customer(app: &TestApp, n: u64) -> i64 {
    let key = intake::key(app).await;
    let id = submit(app, &key, &applicant(n), n).await;
    scalar(app, &format!("SELECT customer_id FROM applications WHERE id = {id}")).await
}

db_test!(a_disclosure_is_recorded_with_its_legal_basis_and_exported, |app| {
    let first = customer(&app, 1).await;
    let second = customer(&app, 2).await;
    let path = format!("/customers/{first}/disclosures/new");
    let sec = app.signed_in("sec", &[Role::Security]).await;
    assert_eq!(app.get(&sec, &path).await.status(), 200);

    // Incomplete: every missing field named, what was typed kept, nothing stored.
    let res = app
        .post_form(
            &sec,
            &path,
            &[
                ("recipient", "Суд Алмалинского района"),
                ("basis", "authority_request"),
                ("disclosed_on", "2999-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for id in ["data-error", "reference-error", "disclosed_on-error"] {
        assert!(html.contains(id), "{id}");
    }
    assert!(html.contains("value=\"Суд Алмалинского района\""));
    let res = app
        .post_form(
            &sec,
            &path,
            &[("recipient", "X"), ("data", "other"), ("basis", "other"), ("disclosed_on", "2026-12-01")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("data_other-error") && html.contains("basis_other-error"));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM disclosures").await, 0);

    // A court's request, and a credit bureau report for the second customer.
    let court = [
        ("recipient", "Суд Алмалинского района г. Алматы"),
        ("data", "identity"),
        ("data", "loan"),
        ("basis", "authority_request"),
        ("reference", "2-1455/2026"),
        ("request_date", "2026-11-20"),
        ("disclosed_on", "2026-11-25"),
        ("comment", "=cmd|' /C calc'!A0"),
    ];
    let res = app.post_form(&sec, &path, &court).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/customers/{first}#disclosures"));
    let bureau = [
        ("recipient", "ТОО «Первое кредитное бюро»"),
        ("data", "identity"),
        ("basis", "credit_bureau"),
        ("disclosed_on", "2026-11-30"),
    ];
    let res = app.post_form(&sec, &format!("/customers/{second}/disclosures/new"), &bureau).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.disclosure-recorded'").await,
        2
    );

    // The customer page shows it; the register filters by basis, customer, dates, recipient.
    let html = app.get(&sec, &format!("/customers/{first}")).await.text().await.unwrap();
    assert!(html.contains("2-1455/2026") && html.contains("Суд Алмалинского района"));
    let manager = app.signed_in("man", &[Role::Manager]).await;
    let all = app.get(&manager, "/disclosures").await.text().await.unwrap();
    assert!(all.contains("Первое кредитное бюро") && all.contains("2-1455/2026"));
    let only = app.get(&manager, "/disclosures?basis=credit_bureau").await.text().await.unwrap();
    assert!(only.contains("Первое кредитное бюро") && !only.contains("2-1455/2026"));
    let only = app.get(&manager, &format!("/disclosures?customer={first}")).await.text().await.unwrap();
    assert!(!only.contains("Первое кредитное бюро") && only.contains("2-1455/2026"));
    let only = app.get(&manager, "/disclosures?from=2026-11-28&to=2026-12-31").await.text().await.unwrap();
    assert!(only.contains("Первое кредитное бюро") && !only.contains("2-1455/2026"));
    let only = app
        .get(&manager, "/disclosures?recipient=%D0%BA%D1%80%D0%B5%D0%B4%D0%B8%D1%82")
        .await
        .text()
        .await
        .unwrap();
    assert!(only.contains("Первое кредитное бюро") && !only.contains("2-1455/2026"), "recipient words");
    let res = app.get(&manager, "/disclosures?from=yesterday&basis=bribe").await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("from-error") && html.contains("basis-error"));

    // The CSV: every entry, formulas defused, the export audited; the IIN in full for a role that
    // sees it in full (security), masked for one that does not (a manager).
    let res = app.get(&manager, "/disclosures.csv").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let iin: String = with_db!(&app.db, |c| sqlx::query_scalar("SELECT iin FROM customers WHERE id = $1")
        .bind(first)
        .fetch_one(c)
        .await)
    .unwrap();
    assert!(!csv.contains(&iin) && csv.contains(&iin[9..]) && csv.contains("'=cmd"), "{csv}");
    assert_eq!(csv.lines().count(), 3);
    let full = app.get(&sec, "/disclosures.csv").await.text().await.unwrap();
    assert!(full.contains(&iin), "{full}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'disclosures.exported'").await, 2);

    // Roles: a verifier may neither record nor read the register; an administrator neither.
    for role in [Role::Verifier, Role::Support, Role::Admin] {
        let other = app.signed_in(&format!("r-{}", role.code().replace('_', "-")), &[role]).await;
        assert_eq!(app.get(&other, "/disclosures").await.status(), 403, "{role:?}");
        assert_eq!(app.get(&other, "/disclosures.csv").await.status(), 403, "{role:?}");
        assert_eq!(app.post_form(&other, &path, &court).await.status(), 403, "{role:?}");
    }
    assert_eq!(app.post_form(&manager, &path, &court).await.status(), 403);
    assert_eq!(app.get(&sec, "/customers/99999/disclosures/new").await.status(), 404);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM disclosures").await, 2);
});

db_test!(administrators_record_policy_versions_that_do_not_change, |app| {
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let bad =
        [("number", "2.0 beta!"), ("effective_on", "01.06.2026"), ("text_ru", "Политика"), ("text_kk", "")];
    let res = app.post_form(&admin, "/admin/policy-versions", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for id in ["number-error", "effective_on-error", "text_kk-error"] {
        assert!(html.contains(id), "{id}");
    }
    assert!(html.contains(">Политика</textarea>"));
    let good = [
        ("number", "2.1"),
        ("effective_on", "2026-12-15"),
        ("text_ru", "Политика 2.1"),
        ("text_kk", "Саясат 2.1"),
    ];
    let res = app.post_form(&admin, "/admin/policy-versions", &good).await;
    assert_eq!(res.status(), 303);
    let res = app.post_form(&admin, "/admin/policy-versions", &good).await;
    assert_eq!(res.status(), 422, "the number is taken");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM policy_versions").await, 1);
    // A real policy is long: 60,000 Cyrillic and Kazakh characters in each language are taken.
    let ru = "Политика конфиденциальности. ".repeat(2100);
    let kk = "Құпиялылық саясаты, дербес деректер. ".repeat(1650);
    let long = [
        ("number", "3.0"),
        ("effective_on", "2027-01-01"),
        ("text_ru", ru.as_str()),
        ("text_kk", kk.as_str()),
    ];
    let res = app.post_form(&admin, "/admin/policy-versions", &long).await;
    assert_eq!(res.status(), 303);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.version-added'").await, 2);
    // Everyone reads them; only administrators add.
    let id = scalar(&app, "SELECT id FROM policy_versions WHERE number = '2.1'").await;
    let support = app.signed_in("sup", &[Role::Support]).await;
    let html = app.get(&support, &format!("/admin/policy-versions/{id}")).await.text().await.unwrap();
    assert!(html.contains("Саясат 2.1"));
    let list = app.get(&support, "/admin/policy-versions").await.text().await.unwrap();
    assert!(list.contains("2.1") && !list.contains("name=\"text_ru\""));
    assert_eq!(app.post_form(&support, "/admin/policy-versions", &good).await.status(), 403);
    assert_eq!(app.get(&support, "/admin/policy-versions/999").await.status(), 404);
});
