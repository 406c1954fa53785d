//! Retention: `retention --dry-run` lists the archived customers past their date and changes
//! nothing; without it their personal data and photo files go (a file another customer shares
//! stays), the anonymised rows stay, each erasure is audited, and the audit chain still verifies.

use kreditomat_portal::{
    auth::Role,
    customers::retention,
    photos::storage::{LocalDir, Storage, original_key},
    with_db,
};

use crate::{
    db_test,
    harness::{TestApp, scalar, text},
    intake,
    review::{applicant, submit},
};

/// Archives customer `id` the way officers do (asked by one, confirmed by another), then moves
/// their last activity `years` back.
pub(crate) async fn archive(app: &TestApp, id: i64, years: i64) {
    let first = app.signed_in(&format!("sec-a{id}"), &[Role::Security]).await;
    let second = app.signed_in(&format!("sec-b{id}"), &[Role::Security]).await;
    let ask = [
        ("action", "archive"),
        ("reason", "customer_request"),
        ("comment", "written request"),
        ("version", "1"),
    ];
    let res = app.post_form(&first, &format!("/customers/{id}/account"), &ask).await;
    assert_eq!(res.status(), 303);
    let request = scalar(app, &format!("SELECT id FROM archive_requests WHERE customer_id = {id}")).await;
    let res = app
        .post_form(&second, &format!("/customers/archive-requests/{request}"), &[("decision", "confirm")])
        .await;
    assert_eq!(res.status(), 303);
    let back = kreditomat_portal::db::now() - time::Duration::days(365 * years + 2);
    with_db!(&app.db, |c| sqlx::query("UPDATE customers SET last_activity_at = $1 WHERE id = $2")
        .bind(back)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
}

async fn customer_of(app: &TestApp, application: i64) -> i64 {
    scalar(app, &format!("SELECT customer_id FROM applications WHERE id = {application}")).await
}

db_test!(retention_erases_archived_customers_past_their_date, |app| {
    let key = intake::key(&app).await;
    // Old and archived: due. Its selfie file is shared with a live customer's application.
    let mut old = applicant(1);
    old["account_id"] = "kr-old".into();
    let old_app = submit(&app, &key, &old, 1).await;
    let shared_app = submit(&app, &key, &applicant(2), 1).await;
    // Archived but recent, and old but not archived: not due.
    let recent_app = submit(&app, &key, &applicant(3), 3).await;
    let active_app = submit(&app, &key, &applicant(4), 4).await;
    let (old_c, recent_c, active_c) = (
        customer_of(&app, old_app).await,
        customer_of(&app, recent_app).await,
        customer_of(&app, active_app).await,
    );
    archive(&app, old_c, 6).await;
    archive(&app, recent_c, 1).await;
    // Years ago the old customer reported unauthorised access.
    let case = format!(
        "INSERT INTO restoration_cases (customer_id, state, created_at, updated_at)
         VALUES ({old_c}, 'refused', '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z')"
    );
    app.db.execute(&case).await.unwrap();
    app.db
        .execute(
            "INSERT INTO restoration_reports (case_id, source, happened_at, description, device, police_report, created_at)
             VALUES ((SELECT MAX(id) FROM restoration_cases), 'app', '2019-01-01T00:00:00Z', 'Телефон украли',
                     'stolen', 'КУСП 1', '2019-01-01T00:00:00Z')",
        )
        .await
        .unwrap();
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE customers SET last_activity_at = '2015-01-01T00:00:00Z' WHERE id = $1"
    )
    .bind(active_c)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let photos_dir = app.data_dir.path().join("photos");
    let store = LocalDir::new(&photos_dir);
    let shas: Vec<String> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT sha256 FROM photos WHERE application_id = $1 ORDER BY kind"
    )
    .bind(old_app)
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(shas.len(), 3);
    for sha in &shas {
        assert!(store.get(&original_key(sha)).await.unwrap().is_some());
    }
    let dir = app.data_dir.path().display().to_string();
    let store_arg = photos_dir.display().to_string();
    let args = ["retention", "--data-dir", dir.as_str(), "--photo-store", store_arg.as_str()];

    // The dry run names the one due and changes nothing.
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let (ok, out) = app.run_cli(&dry, None);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("customer {old_c:>8}")) && out.contains("1 archived customer"), "{out}");
    assert!(
        !out.contains(&format!("customer {recent_c:>8}"))
            && !out.contains(&format!("customer {active_c:>8}"))
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL").await, 0);

    // Erased: personal data, contacts, account ids, photos and their files; the shared file stays.
    let amount = scalar(&app, &format!("SELECT amount_kzt FROM applications WHERE id = {old_app}")).await;
    let (ok, out) = app.run_cli(&args, None);
    assert!(ok, "{out}");
    assert!(out.contains("erased 1 customer"), "{out}");
    let row: (String, String, String, String, Option<String>, time::Date) =
        with_db!(&app.db, |c| sqlx::query_as(
            "SELECT last_name, iin, phone, doc_number, email, birth_date FROM applications WHERE id = $1"
        )
        .bind(old_app)
        .fetch_one(c)
        .await)
        .unwrap();
    assert_eq!(
        (row.0.as_str(), row.1.as_str(), row.2.as_str(), row.3.as_str(), row.4),
        ("", "", "", "", None)
    );
    assert_eq!(row.5, time::macros::date!(1990 - 01 - 01), "the birth year stays");
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM photos WHERE application_id = {old_app}")).await,
        0
    );
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM application_contacts WHERE application_id = {old_app}"))
            .await,
        0
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customer_accounts WHERE account_id = 'kr-old'").await, 0);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM restoration_reports WHERE description = '' AND police_report IS NULL"
        )
        .await,
        1,
        "what the customer reported is erased"
    );
    assert_eq!(
        text(&app, &format!("SELECT iin FROM customers WHERE id = {old_c}")).await,
        format!("erased-{old_c}")
    );
    let kept = scalar(&app, &format!("SELECT amount_kzt FROM applications WHERE id = {old_app}")).await;
    assert_eq!(kept, amount, "the anonymised row stays");
    let shared: Vec<String> =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT sha256 FROM photos WHERE application_id = $1")
            .bind(shared_app)
            .fetch_all(c)
            .await)
        .unwrap();
    for sha in &shas {
        let present = store.get(&original_key(sha)).await.unwrap().is_some();
        assert_eq!(present, shared.contains(sha), "only a file another customer shares stays");
    }
    // The others are untouched; the erasure is audited; the chain verifies.
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL").await, 1);
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM photos WHERE application_id = {recent_app}")).await,
        3
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.erased'").await, 1);
    let (ok, out) = app.run_cli(&["verify-audit"], None);
    assert!(ok && out.contains("intact"), "{out}");
    // One found due and then applying again is skipped: the date is read again under a lock.
    let now_due = retention::due(&app.db, 5, kreditomat_portal::db::now().date()).await.unwrap();
    assert!(now_due.is_empty());
    archive(&app, active_c, 0).await;
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE customers SET last_activity_at = '2015-01-01T00:00:00Z' WHERE id = $1"
    )
    .bind(active_c)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let today = kreditomat_portal::db::now().date();
    let found = retention::due(&app.db, 5, today).await.unwrap();
    assert_eq!(found.iter().map(|d| d.customer).collect::<Vec<_>>(), [active_c]);
    with_db!(&app.db, |c| sqlx::query("UPDATE customers SET last_activity_at = $1 WHERE id = $2")
        .bind(kreditomat_portal::db::now())
        .bind(active_c)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let skipped = retention::erase(
        &app.db,
        &store,
        &kreditomat_portal::audit::Actor::System("test"),
        &found[0],
        5,
        today,
    )
    .await
    .unwrap();
    assert_eq!(skipped, None);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL").await, 1);
    // Nothing is due any more; the customer page says when the data went.
    let (ok, out) = app.run_cli(&args, None);
    assert!(ok && out.contains("0 archived customer"), "{out}");
    let sec = app.signed_in("sec", &[Role::Security]).await;
    let html = app.get(&sec, &format!("/customers/{old_c}")).await.text().await.unwrap();
    assert!(html.contains("персональные данные удалены"), "the page says the data was erased");
    let html = app.get(&sec, &format!("/customers/{recent_c}")).await.text().await.unwrap();
    assert!(html.contains("Хранится до"), "an archived customer shows the retention date");
});

#[test]
fn the_retention_date_is_years_after_the_last_activity() {
    use time::macros::{date, datetime};
    assert_eq!(retention::retained_until(datetime!(2021-03-10 12:00 UTC), 5), date!(2026 - 03 - 10));
    assert_eq!(retention::retained_until(datetime!(2024-02-29 12:00 UTC), 5), date!(2029 - 02 - 28));
    // Late evening UTC is the next day in Almaty.
    assert_eq!(retention::retained_until(datetime!(2021-03-10 22:00 UTC), 5), date!(2026 - 03 - 11));
}
