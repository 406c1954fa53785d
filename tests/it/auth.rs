//! Sign-in, sign-out, throttling, session lifetime and account state.

use kreditomat_portal::auth::Role;

use crate::{
    db_test,
    harness::{Backend, PASSWORD, TestApp, location},
};

db_test!(sign_in_then_sign_out, |app| {
    app.create_staff("aigerim", &[Role::Verifier]).await;
    let client = app.client();

    let res = app.get(&client, "/").await;
    assert_eq!(res.status(), 303, "anonymous home goes to sign-in");
    assert!(location(&res).starts_with("/login"));

    let before = app.get(&client, "/login").await;
    let cookie_before = before.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string());
    let res = app.sign_in(&client, "AIGERIM ", PASSWORD).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    let cookie_after = res.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string());
    assert!(cookie_after.is_some(), "sign-in sets a cookie");
    assert_ne!(cookie_before, cookie_after, "the session id is renewed at sign-in");
    let cookie = cookie_after.unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));

    let home = app.get(&client, "/").await;
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(html.contains("Тест aigerim"), "home greets the person");

    let res = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login");
    assert_eq!(app.get(&client, "/").await.status(), 303, "signed out");
});

db_test!(old_session_cookie_is_worthless_after_sign_out, |app| {
    app.create_staff("dana", &[Role::Support]).await;
    let client = app.client();
    let res = app.sign_in(&client, "dana", PASSWORD).await;
    let cookie =
        res.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    app.post_form(&client, "/logout", &[]).await;

    let replay = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = replay.get(format!("{}/", app.base)).header("cookie", cookie).send().await.unwrap();
    assert_eq!(res.status(), 303, "the deleted session does not sign anyone in");
});

db_test!(wrong_password_is_refused_and_the_login_comes_back, |app| {
    app.create_staff("bolat", &[Role::Manager]).await;
    let client = app.client();
    let res = app.sign_in(&client, "bolat", "not the password").await;
    assert_eq!(res.status(), 401);
    let html = res.text().await.unwrap();
    assert!(html.contains("Неверный логин или пароль"));
    assert!(html.contains("value=\"bolat\""), "the login is kept");
    assert!(!html.contains("not the password"), "the password never comes back");

    let res = app.sign_in(&client, "nobody", "whatever-password").await;
    assert_eq!(res.status(), 401, "an unknown login gets the same answer");
    assert!(res.text().await.unwrap().contains("Неверный логин или пароль"));

    let res = app.sign_in(&client, "", "").await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"login-error\"") && html.contains("id=\"password-error\""));
});

db_test!(deactivation_ends_a_live_session_at_once, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let id = app.create_staff("marat", &[Role::Support]).await;
    let marat = app.client();
    assert_eq!(app.sign_in(&marat, "marat", PASSWORD).await.status(), 303);
    assert_eq!(app.get(&marat, "/").await.status(), 200);

    let res = app.post_form(&admin, &format!("/admin/staff/{id}/deactivate"), &[]).await;
    assert_eq!(res.status(), 303);

    let res = app.get(&marat, "/").await;
    assert_eq!(res.status(), 303, "the live session stopped working");
    assert!(location(&res).starts_with("/login"));
    let res = app.sign_in(&marat, "marat", PASSWORD).await;
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("Учётная запись отключена"));

    app.post_form(&admin, &format!("/admin/staff/{id}/reactivate"), &[]).await;
    assert_eq!(app.sign_in(&marat, "marat", PASSWORD).await.status(), 303, "reactivated");
});

db_test!(password_reset_forces_a_change_and_ends_sessions, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let id = app.create_staff("gulnar", &[Role::Compliance]).await;
    let old = app.client();
    app.sign_in(&old, "gulnar", PASSWORD).await;

    let res = app.post_form(&admin, &format!("/admin/staff/{id}/reset-password"), &[]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let at = html.find("class=\"secret\">").unwrap() + "class=\"secret\">".len();
    let temporary = html[at..].split('<').next().unwrap().to_string();
    assert_eq!(app.get(&old, "/").await.status(), 303, "the old session ended");

    let fresh = app.client();
    assert_eq!(app.sign_in(&fresh, "gulnar", &temporary).await.status(), 303);
    let res = app.get(&fresh, "/").await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account", "must change the password first");
    assert_eq!(app.get(&fresh, "/admin/audit").await.status(), 303);

    let res = app
        .post_form(
            &fresh,
            "/account/password",
            &[("current", &temporary), ("new", "short"), ("confirm", "short")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Пароль должен быть не короче 10 символов."));

    let new = "a brand new passphrase";
    let res = app
        .post_form(&fresh, "/account/password", &[("current", &temporary), ("new", new), ("confirm", new)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.get(&fresh, "/").await.status(), 200, "free to work after the change");
    let other = app.client();
    assert_eq!(app.sign_in(&other, "gulnar", new).await.status(), 303);
});

/// The absolute lifetime ends a session however active it is.
mod absolute_timeout {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) =
            TestApp::spawn_with(backend, |c| c.session_absolute = time::Duration::seconds(1)).await
        else {
            return;
        };
        let client = app.signed_in("nurlan", &[Role::Manager]).await;
        assert_eq!(app.get(&client, "/").await.status(), 200);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert_eq!(app.get(&client, "/").await.status(), 303);
    }

    crate::on_both_backends!(check);
}

db_test!(create_user_command_makes_an_account_that_can_sign_in, |app| {
    let (ok, out) = app.run_cli(
        &[
            "create-user",
            "--login",
            "Root.Admin",
            "--name",
            "Әсем Қали",
            "--role",
            "admin",
            "--role",
            "manager",
            "--password-stdin",
        ],
        Some("a long enough password\n"),
    );
    assert!(ok, "{out}");
    assert!(out.contains("root.admin"));
    let client = app.client();
    assert_eq!(app.sign_in(&client, "root.admin", "a long enough password").await.status(), 303);
    assert_eq!(app.get(&client, "/admin/staff").await.status(), 200);

    let (ok, out) = app.run_cli(
        &["create-user", "--login", "x", "--name", "X Y", "--role", "admin", "--password-stdin"],
        Some("a long enough password\n"),
    );
    assert!(!ok && out.contains("invalid --login"), "{out}");
    let (ok, out) = app.run_cli(
        &["create-user", "--login", "shorty", "--name", "X Y", "--role", "admin", "--password-stdin"],
        Some("short\n"),
    );
    assert!(!ok && out.contains("password"), "{out}");
});

/// Two portal processes on one database (the second one the real binary) share sessions: a
/// sign-in on one works on the other.
mod shared_sessions {
    use super::*;

    async fn check(backend: Backend) {
        let Some(first) = TestApp::spawn(backend).await else { return };
        let second = first.second_process(&[]).await;

        let client = first.signed_in("shared", &[Role::Manager]).await;
        let res = client.get(format!("{second}/admin/audit")).send().await.unwrap();
        assert_eq!(res.status(), 200, "the second process knows the session");
        let token = first.csrf(&client).await;
        let res =
            client.post(format!("{second}/logout")).form(&[("csrf", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(first.get(&client, "/admin/audit").await.status(), 303, "signed out on both");
    }

    crate::on_both_backends!(check);
}
