//! Staff administration: validation that keeps what was typed, and the guards on oneself.

use kreditomat_portal::{auth::Role, with_db};

use crate::{db_test, harness::location};

async fn count(app: &crate::harness::TestApp) -> i64 {
    with_db!(&app.db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM staff").fetch_one(c).await).unwrap()
}

db_test!(bad_staff_input_is_explained_next_to_each_field_and_kept, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let before = count(&app).await;
    let res = app
        .post_form(
            &admin,
            "/admin/staff",
            &[("login", "1bad login"), ("full_name", "<b>Х</b>"), ("role", "root"), ("language", "en")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"login-error\">Логин начинается с латинской буквы"),
        "login error next to the field"
    );
    assert!(html.contains("id=\"roles-error\">Выбрана неизвестная роль."));
    assert!(html.contains("id=\"language-error\">"));
    assert!(html.contains("value=\"1bad login\""), "what was typed comes back");
    assert!(html.contains("&#60;b&#62;Х&#60;/b&#62;") || html.contains("&lt;b&gt;Х&lt;/b&gt;"), "escaped");
    assert_eq!(count(&app).await, before, "nothing stored");

    let res = app
        .post_form(
            &admin,
            "/admin/staff",
            &[("login", "admin1"), ("full_name", "Двойник"), ("role", "verifier")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Этот логин уже занят."));

    let res = app
        .post_form(
            &admin,
            "/admin/staff",
            &[
                ("login", "Kairat"),
                ("full_name", "Қайрат Әбенов"),
                ("role", "verifier"),
                ("role", "support"),
                ("language", "kk"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"secret\""), "the temporary password is shown once");
    assert_eq!(count(&app).await, before + 1);
    let list = app.get(&admin, "/admin/staff").await.text().await.unwrap();
    assert!(list.contains("Қайрат Әбенов") && list.contains("Верификатор, Агент поддержки"));
});

db_test!(an_administrator_cannot_lock_themselves_out, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let res = app.post_form(&admin, "/admin/staff/1/deactivate", &[]).await;
    assert_eq!(location(&res), "/admin/staff/1");
    let html = app.get(&admin, "/admin/staff/1").await.text().await.unwrap();
    assert!(html.contains("Нельзя отключить собственную учётную запись."));

    let res = app.post_form(&admin, "/admin/staff/1/roles", &[("role", "manager")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Нельзя снять с себя роль администратора."));
    let res = app.post_form(&admin, "/admin/staff/1/roles", &[]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Выберите хотя бы одну роль."));
    assert_eq!(app.get(&admin, "/admin/staff").await.status(), 200, "still an administrator");
});
