//! The access list (law 94-V): every period of every role that shows customers' personal data,
//! kept by role changes and (de)activation, on a page and in an audited CSV.

use kreditomat_portal::{auth::Role, with_db};

use crate::{db_test, harness::TestApp};

async fn periods(app: &TestApp, login: &str) -> Vec<(String, bool)> {
    with_db!(&app.db, |c| sqlx::query_as(
        "SELECT p.role, p.revoked_at IS NULL FROM staff_role_periods p JOIN staff s ON s.id = p.staff_id
         WHERE s.login = $1 ORDER BY p.id"
    )
    .bind(login)
    .fetch_all(c)
    .await)
    .unwrap()
}

db_test!(role_periods_follow_every_change_and_the_list_shows_them, |app| {
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let id = app.create_staff("ver", &[Role::Verifier]).await;
    assert_eq!(periods(&app, "ver").await, [("verifier".to_string(), true)]);

    // Verifier to support: the verifier period ends, a support period starts.
    let res = app.post_form(&admin, &format!("/admin/staff/{id}/roles"), &[("role", "support")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(periods(&app, "ver").await, [("verifier".to_string(), false), ("support".to_string(), true)]);
    // Deactivated: nothing open; reactivated: support again, a new period.
    assert_eq!(app.post_form(&admin, &format!("/admin/staff/{id}/deactivate"), &[]).await.status(), 303);
    assert!(periods(&app, "ver").await.iter().all(|(_, open)| !open));
    assert_eq!(app.post_form(&admin, &format!("/admin/staff/{id}/reactivate"), &[]).await.status(), 303);
    assert_eq!(periods(&app, "ver").await.last(), Some(&("support".to_string(), true)));
    assert_eq!(periods(&app, "ver").await.len(), 3);

    // The page lists both roles of the person, and not the administrator (no personal data).
    let html = app.get(&admin, "/admin/access-list").await.text().await.unwrap();
    assert!(html.contains("<code>ver</code>"));
    assert!(html.contains("Верификатор") && html.contains("по сей день"));
    assert!(!html.contains("<code>adm</code>"));

    // The CSV: a header, one line per period, the export audited.
    let res = app.get(&admin, "/admin/access-list.csv").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4, "{body}");
    assert!(lines[0].trim_start_matches('\u{feff}').starts_with("Логин,ФИО,Роль"));
    assert!(lines[1..].iter().all(|l| l.starts_with("ver,")));
    let exported: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.access-list-exported'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(exported, 1);

    // Nobody else may read it.
    let verifier = app.signed_in("ver2", &[Role::Verifier]).await;
    assert_eq!(app.get(&verifier, "/admin/access-list.csv").await.status(), 403);
});
