//! Sessions and second factors as administrators run them: the roles that must use a second
//! factor (a person of such a role enrols before anything else), the lists of active sessions
//! and ending them (one's own, anyone's for administrators, every other one at a password
//! change), and the reset of a lost factor with a second administrator's confirmation.

use kreditomat_portal::{auth::Role, with_db};

use crate::{
    db_test,
    harness::{PASSWORD, TestApp, location},
    second_factor::{enrol, recovery_codes, require_second_factor},
};

async fn count(app: &TestApp, sql: &str) -> i64 {
    with_db!(&app.db, |c| sqlx::query_scalar(sql).fetch_one(c).await).expect("count")
}

/// The sign-in ids in the end-session forms of a page.
fn session_ids(html: &str) -> Vec<String> {
    html.split("name=\"id\" value=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

/// The id of the session marked as this one on the account page.
fn this_session(html: &str) -> String {
    let at = html.find("Этот сеанс").expect("this session is marked");
    session_ids(&html[at..]).into_iter().next().expect("its form follows")
}

db_test!(a_role_that_must_use_a_second_factor_enrols_before_anything_else, |app| {
    let admin = app.signed_in("root-admin", &[Role::Admin]).await;
    let res =
        app.post_form(&admin, "/admin/two-factor/roles", &[("role", "compliance"), ("role", "nobody")]).await;
    assert_eq!(location(&res), "/admin/two-factor");
    let roles: Vec<String> =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT role FROM second_factor_roles").fetch_all(c).await)
            .unwrap();
    assert_eq!(roles, ["compliance"], "an unknown role is ignored");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.second-factor-roles-changed'")
            .await,
        1
    );
    let page = app.get(&admin, "/admin/two-factor").await.text().await.unwrap();
    assert!(page.contains("Обязателен по роли"), "{page}");

    app.create_staff("zhanna", &[Role::Compliance]).await;
    let client = app.client();
    let res = app.sign_in(&client, "zhanna", PASSWORD).await;
    assert_eq!(location(&res), "/account/two-factor", "sent to enrol right after the password");
    for path in ["/compliance", "/account", "/review", "/admin/audit"] {
        let res = app.get(&client, path).await;
        assert_eq!(location(&res), "/account/two-factor", "{path} waits for the enrolment");
    }
    let page = app.get(&client, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("Ваша роль требует второго фактора"), "{page}");
    assert!(!page.contains("href=\"/compliance\""), "no menu before the enrolment");
    enrol(&app, &client).await;
    assert_eq!(app.get(&client, "/compliance").await.status(), 200, "free once enrolled");

    // A role not on the list signs in with the password alone.
    app.create_staff("vera", &[Role::Verifier]).await;
    let other = app.client();
    assert_eq!(location(&app.sign_in(&other, "vera", PASSWORD).await), "/");
    assert_eq!(app.get(&other, "/review").await.status(), 200);

    // Only administrators choose.
    let res = app.post_form(&other, "/admin/two-factor/roles", &[("role", "verifier")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.get(&other, "/admin/two-factor").await.status(), 403);
});

db_test!(sessions_are_listed_and_ended_by_their_owner_or_an_administrator, |app| {
    app.create_staff("dana", &[Role::Verifier]).await;
    let first = app.client();
    let second = app.client();
    for c in [&first, &second] {
        assert_eq!(app.sign_in(c, "dana", PASSWORD).await.status(), 303);
    }
    let page = app.get(&first, "/account").await.text().await.unwrap();
    let ids = session_ids(&page);
    assert_eq!(ids.len(), 2, "both sessions are listed: {page}");
    let mine = this_session(&page);
    let other = ids.iter().find(|i| **i != mine).unwrap().clone();

    // Someone else cannot end it: nothing changes.
    let erik = app.signed_in("erik", &[Role::Verifier]).await;
    let res = app.post_form(&erik, "/account/sessions/end", &[("id", &other)]).await;
    assert_eq!(location(&res), "/account");
    let flash = app.get(&erik, "/account").await.text().await.unwrap();
    assert!(flash.contains("Сеанс не найден"), "{flash}");
    assert_eq!(app.get(&second, "/review").await.status(), 200, "still signed in");
    let res = app.post_form(&erik, "/admin/sessions/end", &[("id", &other), ("staff", "1")]).await;
    assert_eq!(res.status(), 403);

    // The owner ends the other one: its next request is signed out.
    let res = app.post_form(&first, "/account/sessions/end", &[("id", &other)]).await;
    assert_eq!(location(&res), "/account");
    assert!(location(&app.get(&second, "/review").await).starts_with("/login"));
    assert_eq!(app.get(&first, "/review").await.status(), 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.session-ended'").await, 1);

    // An administrator sees everyone's and ends any.
    let admin = app.signed_in("admin-a", &[Role::Admin]).await;
    let list = app.get(&admin, "/admin/sessions").await.text().await.unwrap();
    assert!(list.contains("Тест dana") && list.contains(&mine), "{list}");
    let dana: String = count(&app, "SELECT id FROM staff WHERE login = 'dana'").await.to_string();
    let res = app.post_form(&admin, "/admin/sessions/end", &[("id", &mine), ("staff", &dana)]).await;
    assert_eq!(location(&res), "/admin/sessions");
    assert!(location(&app.get(&first, "/review").await).starts_with("/login"));
    let res = app.post_form(&admin, "/admin/sessions/end", &[("id", &mine), ("staff", &dana)]).await;
    assert_eq!(location(&res), "/admin/sessions", "ending it twice changes nothing");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.session-ended'").await, 1);

    // A password change ends every other session, and keeps this one.
    let (a, b) = (app.client(), app.client());
    for c in [&a, &b] {
        assert_eq!(app.sign_in(c, "dana", PASSWORD).await.status(), 303);
    }
    let new = "another long password 2026";
    let res = app
        .post_form(&a, "/account/password", &[("current", PASSWORD), ("new", new), ("confirm", new)])
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&app.get(&b, "/review").await).starts_with("/login"));
    let page = app.get(&a, "/account").await.text().await.unwrap();
    assert_eq!(session_ids(&page).len(), 1, "only this session is left: {page}");

    // Every other session at once.
    let c = app.client();
    assert_eq!(app.sign_in(&c, "dana", new).await.status(), 303);
    let res = app.post_form(&a, "/account/sessions/end-others", &[]).await;
    assert_eq!(location(&res), "/account");
    assert!(app.get(&a, "/account").await.text().await.unwrap().contains("Завершён 1 сеанс"));
    assert!(location(&app.get(&c, "/review").await).starts_with("/login"));

    // Signing out ends the sign-in too.
    let res = app.post_form(&a, "/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_sessions WHERE ended_at IS NULL AND staff_id = (SELECT id FROM staff WHERE login = 'dana')").await, 0);
});

db_test!(a_reset_needs_a_second_administrator_and_ends_the_persons_sessions, |app| {
    require_second_factor(&app, "compliance").await;
    let zhan = app.create_staff("zhan", &[Role::Compliance]).await;
    let person = app.client();
    assert_eq!(location(&app.sign_in(&person, "zhan", PASSWORD).await), "/account/two-factor");
    enrol(&app, &person).await;
    let res = crate::passkeys::add(&app, &person, &mut crate::passkeys::SoftKey::new(&app), "Телефон").await;
    assert_eq!(location(&res), "/account/two-factor", "a passkey besides the app");
    let first = app.signed_in("adm-one", &[Role::Admin]).await;
    let second = app.signed_in("adm-two", &[Role::Admin]).await;
    let third = app.signed_in("adm-three", &[Role::Admin]).await;
    let zhan_id = zhan.to_string();

    // Bad input comes back with what was typed.
    let res =
        app.post_form(&first, "/admin/two-factor/resets", &[("staff", &zhan_id), ("reason", "  ")]).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("id=\"reason-error\"") && page.contains(&format!("value=\"{zhan}\" selected")),
        "{page}"
    );
    let res =
        app.post_form(&first, "/admin/two-factor/resets", &[("staff", "99999"), ("reason", "lost")]).await;
    assert_eq!(res.status(), 422);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM second_factor_resets").await, 0);

    let reason = "Потерял телефон";
    let res =
        app.post_form(&first, "/admin/two-factor/resets", &[("staff", &zhan_id), ("reason", reason)]).await;
    assert_eq!(location(&res), "/admin/two-factor");
    let res =
        app.post_form(&second, "/admin/two-factor/resets", &[("staff", &zhan_id), ("reason", reason)]).await;
    assert_eq!(res.status(), 422, "one open request per person");
    let request = count(&app, "SELECT id FROM second_factor_resets").await;

    // The one who asked cannot confirm; nothing changes.
    let res = app.post_form(&first, &format!("/admin/two-factor/resets/{request}/confirm"), &[]).await;
    assert_eq!(location(&res), "/admin/two-factor");
    assert!(
        app.get(&first, "/admin/two-factor")
            .await
            .text()
            .await
            .unwrap()
            .contains("Сброс подтверждает другой администратор")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_totp").await, 1);
    let res = app.post_form(&person, &format!("/admin/two-factor/resets/{request}/confirm"), &[]).await;
    assert_eq!(res.status(), 403, "the person is no administrator");

    // Two other administrators confirm at once: one reset.
    let path = format!("/admin/two-factor/resets/{request}/confirm");
    let (a, b) = tokio::join!(app.post_form(&second, &path, &[]), app.post_form(&third, &path, &[]));
    assert_eq!((a.status(), b.status()), (reqwest::StatusCode::SEE_OTHER, reqwest::StatusCode::SEE_OTHER));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.second-factor-reset'").await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_totp").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_passkeys").await, 0, "passkeys go too");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_recovery_codes").await, 0);
    assert!(location(&app.get(&person, "/compliance").await).starts_with("/login"), "their sessions ended");

    // At the next sign-in they enrol again.
    let again = app.client();
    assert_eq!(location(&app.sign_in(&again, "zhan", PASSWORD).await), "/account/two-factor");

    // A request can be cancelled; a cancelled one cannot be confirmed.
    enrol(&app, &again).await;
    let res =
        app.post_form(&first, "/admin/two-factor/resets", &[("staff", &zhan_id), ("reason", reason)]).await;
    assert_eq!(location(&res), "/admin/two-factor");
    let request = count(&app, "SELECT MAX(id) FROM second_factor_resets").await;
    app.post_form(&first, &format!("/admin/two-factor/resets/{request}/cancel"), &[]).await;
    app.post_form(&second, &format!("/admin/two-factor/resets/{request}/confirm"), &[]).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_totp WHERE confirmed_at IS NOT NULL").await, 1);
    assert_eq!(app.get(&again, "/compliance").await.status(), 200);
});

/// The hidden fields and the action of the form a step-up gives back.
fn resumed_form(html: &str) -> (String, Vec<(String, String)>) {
    let done = html.find("Подтверждено").expect("the step-up is done");
    let at = done + html[done..].find("<form method=\"post\" action=\"").expect("a form comes back") + 28;
    let action = html[at..].split('"').next().unwrap().to_string();
    let fields = html[at..]
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|s| {
            let name = s.split('"').next().unwrap().to_string();
            let value = s.split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            (name, value)
        })
        .collect();
    (action, fields)
}

async fn a_sensitive_action_asks_again_and_the_typed_form_comes_back(app: TestApp) {
    let tanya = app.create_staff("tanya", &[Role::Verifier]).await;
    let boss = app.signed_in("boss", &[Role::Admin]).await;
    let enrolled = app.signed_in("boss-two", &[Role::Admin]).await;
    let (_, recovery) = enrol(&app, &enrolled).await;
    // The window of the test portal is four seconds: past it, the step-up is asked for.
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;

    let path = format!("/admin/staff/{tanya}/roles");
    let res = app.post_form(&boss, &path, &[("role", "verifier"), ("role", "support")]).await;
    assert_eq!(location(&res), "/step-up");
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM staff_roles WHERE staff_id = {tanya}")).await, 1);
    let page = app.get(&boss, "/step-up").await.text().await.unwrap();
    assert!(page.contains("name=\"password\"") && !page.contains("name=\"code\""), "no factor: the password");
    let res = app.post_form(&boss, "/step-up", &[("password", "not the password")]).await;
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("id=\"password-error\""));
    let res = app.post_form(&boss, "/step-up", &[("password", PASSWORD)]).await;
    assert_eq!(res.status(), 200);
    let (action, fields) = resumed_form(&res.text().await.unwrap());
    assert_eq!(action, path);
    let typed: Vec<(&str, &str)> =
        fields.iter().filter(|(k, _)| k != "csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(typed, [("role", "verifier"), ("role", "support")], "what was typed comes back");
    let res = app.post_form(&boss, &action, &typed).await;
    assert_eq!(location(&res), format!("/admin/staff/{tanya}"));
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM staff_roles WHERE staff_id = {tanya}")).await, 2);

    // With a second factor, the factor is asked (a recovery code here: the app's code of this
    // half-minute was used at the enrolment); a link is opened again afterwards.
    let res = app.get(&enrolled, "/photos/1/original").await;
    assert_eq!(location(&res), "/step-up");
    let page = app.get(&enrolled, "/step-up").await.text().await.unwrap();
    assert!(page.contains("name=\"code\""), "{page}");
    let res = app.post_form(&enrolled, "/step-up", &[("code", "123456")]).await;
    assert_eq!(res.status(), 401);
    let res = app.post_form(&enrolled, "/step-up", &[("recovery_code", &recovery[0])]).await;
    assert_eq!(location(&res), "/photos/1/original");
    // Through to the photo itself, which an administrator may not open.
    assert_eq!(app.get(&enrolled, "/photos/1/original").await.status(), 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'step-up.succeeded'").await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'step-up.failed'").await, 2);
    // Display copies never ask.
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    assert_ne!(location(&app.get(&enrolled, "/photos/1/review").await), "/step-up");
}

async fn short_window(backend: crate::harness::Backend) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c| c.step_up = time::Duration::seconds(4)).await
}

#[tokio::test]
async fn step_up_sqlite() {
    let app = short_window(crate::harness::Backend::Sqlite).await.expect("SQLite");
    a_sensitive_action_asks_again_and_the_typed_form_comes_back(app).await;
}

#[tokio::test]
async fn step_up_postgres() {
    let Some(app) = short_window(crate::harness::Backend::Postgres).await else { return };
    a_sensitive_action_asks_again_and_the_typed_form_comes_back(app).await;
}

db_test!(a_person_renews_the_recovery_codes_and_removes_the_app, |app| {
    require_second_factor(&app, "compliance").await;
    app.create_staff("aliya", &[Role::Compliance]).await;
    let client = app.client();
    assert_eq!(location(&app.sign_in(&client, "aliya", PASSWORD).await), "/account/two-factor");
    // Nothing to remove yet: nothing happens.
    let res = app.post_form(&client, "/account/two-factor/remove", &[]).await;
    assert_eq!(location(&res), "/account/two-factor");
    let (_, old) = enrol(&app, &client).await;

    let res = app.post_form(&client, "/account/two-factor/recovery-codes", &[]).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let new = recovery_codes(&page);
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)), "new codes replace the old ones");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_recovery_codes").await, 10);

    let res = app.post_form(&client, "/account/two-factor/remove", &[]).await;
    assert_eq!(location(&res), "/account/two-factor");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_totp").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_recovery_codes").await, 0);
    assert_eq!(location(&app.get(&client, "/compliance").await), "/account/two-factor", "the role needs one");
    for action in ["account.recovery-codes-renewed", "account.second-factor-removed"] {
        let n = count(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await;
        assert_eq!(n, 1, "{action}");
    }
});
