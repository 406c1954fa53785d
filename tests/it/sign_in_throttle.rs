//! Sign-in throttling that holds: parallel bursts check no more passwords than the limits allow,
//! waits grow for one address, a stranger cannot lock the real person out of their usual
//! address, refusals are audited once per window, and a page view stores no session.

use kreditomat_portal::{auth::Role, config::Throttle};
use reqwest::Client;

use crate::harness::{Backend, PASSWORD, TestApp, csrf_in};

/// An app behind a trusted proxy, so each request can come from an address of its own.
async fn behind_proxy(backend: Backend, tweak: impl FnOnce(&mut Throttle)) -> Option<TestApp> {
    TestApp::spawn_with(backend, |c| {
        c.trust_proxy = true;
        tweak(&mut c.throttle);
    })
    .await
}

/// The form token a fresh visitor gets with the sign-in page.
async fn token(app: &TestApp, client: &Client) -> String {
    let html = app.get(client, "/login").await.text().await.unwrap();
    csrf_in(&html).expect("the sign-in form has a token")
}

/// Posts the sign-in form from `ip`; returns the status.
async fn sign_in_from(
    app: &TestApp,
    client: &Client,
    ip: &str,
    login: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = token(app, client).await;
    client
        .post(format!("{}/login", app.base))
        .header("x-forwarded-for", ip)
        .form(&[("csrf", csrf.as_str()), ("login", login), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Fires `n` sign-ins at once, the `i`-th for `login(i)`, all from `ip`; returns how many had
/// their password checked (401) and how many were refused before it (429).
async fn burst(app: &TestApp, ip: &str, n: usize, login: impl Fn(usize) -> String) -> (usize, usize) {
    let client = app.client();
    let csrf = token(app, &client).await;
    let mut tasks = Vec::new();
    for i in 0..n {
        let (client, url, csrf, ip, login) =
            (client.clone(), format!("{}/login", app.base), csrf.clone(), ip.to_string(), login(i));
        tasks.push(tokio::spawn(async move {
            let form = [("csrf", csrf.as_str()), ("login", login.as_str()), ("password", "a wrong guess")];
            client.post(url).header("x-forwarded-for", ip).form(&form).send().await.unwrap().status().as_u16()
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            401 => checked += 1,
            429 => refused += 1,
            other => panic!("a sign-in answered {other}"),
        }
    }
    (checked, refused)
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(sql).fetch_one(c).await).unwrap()
}

/// Stored sessions, whichever backend.
async fn sessions(app: &TestApp) -> i64 {
    let table =
        if app.database_url.starts_with("sqlite") { "tower_sessions" } else { "tower_sessions.session" };
    count(app, &format!("SELECT COUNT(*) FROM {table}")).await
}

mod bursts_check_no_more_passwords_than_the_limits {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = behind_proxy(backend, |_| {}).await else { return };
        app.create_staff("target", &[Role::Verifier]).await;
        let limits = Throttle::default();

        // 300 at once for one login from one address: the free tries, then waits.
        let (checked, refused) = burst(&app, "10.0.0.1", 300, |_| "target".into()).await;
        assert_eq!(checked as i64, limits.pair_free, "passwords checked in a burst for one login");
        assert_eq!(refused, 300 - checked);

        // 300 at once for 300 logins from one address: the address limit.
        let (checked, _) = burst(&app, "10.0.0.2", 300, |i| format!("guess{i}")).await;
        assert_eq!(checked as i64, limits.per_address, "passwords checked in a burst from one address");

        // What the database saw agrees: each checked password wrote one failure.
        let failed = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in.failed'").await;
        assert_eq!(failed, limits.pair_free + limits.per_address);
        // 580 refusals, audited once per login and address: "target" from .1, unknown logins from .2.
        let throttled =
            count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in.throttled'").await;
        assert_eq!(throttled, 2, "one entry per login and address per window, not one per request");
        let counted = count(&app, "SELECT CAST(SUM(refused) AS BIGINT) FROM sign_in_refusals").await;
        assert_eq!(counted, 600 - limits.pair_free - limits.per_address);
        assert_eq!(sessions(&app).await, 0, "refused visitors leave no session behind");
    }

    crate::on_both_backends!(check);
}

mod a_stranger_cannot_lock_the_person_out_of_their_usual_address {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = behind_proxy(backend, |_| {}).await else { return };
        app.create_staff("aliya", &[Role::Verifier]).await;
        let office = "192.0.2.10";
        assert_eq!(sign_in_from(&app, &app.client(), office, "aliya", PASSWORD).await.status(), 303);

        // Five wrong passwords from five other addresses.
        for i in 0..5 {
            let res = sign_in_from(&app, &app.client(), &format!("203.0.113.{i}"), "aliya", "guess").await;
            assert_eq!(res.status(), 401);
        }
        let res = sign_in_from(&app, &app.client(), "203.0.113.77", "aliya", PASSWORD).await;
        assert_eq!(res.status(), 429, "a new address waits, even with the right password");
        let html = res.text().await.unwrap();
        assert!(html.contains("Повторите через 15 минут"), "{html}");
        let res = sign_in_from(&app, &app.client(), office, "aliya", PASSWORD).await;
        assert_eq!(res.status(), 303, "the usual address is not locked out");

        // Twenty failures from one address refuse it for newcomers, not for its regulars.
        app.create_staff("regular", &[Role::Support]).await;
        app.create_staff("newcomer", &[Role::Support]).await;
        let shared = "198.51.100.5";
        assert_eq!(sign_in_from(&app, &app.client(), shared, "regular", PASSWORD).await.status(), 303);
        let (checked, _) = burst(&app, shared, 20, |i| format!("nobody{i}")).await;
        assert_eq!(checked, 20);
        let res = sign_in_from(&app, &app.client(), shared, "newcomer", PASSWORD).await;
        assert_eq!(res.status(), 429, "the address is refused to a newcomer");
        let res = sign_in_from(&app, &app.client(), shared, "regular", PASSWORD).await;
        assert_eq!(res.status(), 303, "but not to someone who signs in from it");

        // Security sees the login and the address, and lifts the address's lock (audited).
        let security = app.signed_in("sec", &[Role::Security]).await;
        let page = app.get(&security, "/admin/sign-in-locks").await.text().await.unwrap();
        assert!(page.contains(shared), "the address is listed: {page}");
        let verifier = app.signed_in("ver", &[Role::Verifier]).await;
        let res = app.post_form(&verifier, "/admin/sign-in-locks/unlock-address", &[("ip", shared)]).await;
        assert_eq!(res.status(), 403);
        let res = app.post_form(&security, "/admin/sign-in-locks/unlock-address", &[("ip", shared)]).await;
        assert_eq!(res.status(), 303);
        let res = sign_in_from(&app, &app.client(), shared, "newcomer", PASSWORD).await;
        assert_eq!(res.status(), 303, "the newcomer signs in once the lock is lifted");
        let audited =
            count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in.address-unlocked'").await;
        assert_eq!(audited, 1);
    }

    crate::on_both_backends!(check);
}

mod a_locked_login_shows_as_locked_and_can_be_unlocked {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = behind_proxy(backend, |_| {}).await else { return };
        app.create_staff("yerlan", &[Role::Verifier]).await;
        for i in 0..5 {
            let res = sign_in_from(&app, &app.client(), &format!("203.0.113.{i}"), "yerlan", "guess").await;
            assert_eq!(res.status(), 401);
        }
        let security = app.signed_in("sec", &[Role::Security]).await;
        let page = app.get(&security, "/admin/sign-in-locks").await.text().await.unwrap();
        assert!(
            page.contains(">yerlan<") && page.contains("Заблокирован") && page.contains("Тест yerlan"),
            "{page}"
        );
        let verifier = app.signed_in("ver", &[Role::Verifier]).await;
        let res = app.post_form(&verifier, "/admin/sign-in-locks/unlock", &[("login", "yerlan")]).await;
        assert_eq!(res.status(), 403);
        let res = app.post_form(&security, "/admin/sign-in-locks/unlock", &[("login", "yerlan")]).await;
        assert_eq!(res.status(), 303);
        let page = app.get(&security, "/admin/sign-in-locks").await.text().await.unwrap();
        assert!(!page.contains(">yerlan<"), "no longer locked");
        let res = sign_in_from(&app, &app.client(), "203.0.113.99", "yerlan", PASSWORD).await;
        assert_eq!(res.status(), 303, "the owner signs in again");
        let audited = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in.unlocked' AND details LIKE '%yerlan%'",
        )
        .await;
        assert_eq!(audited, 1);
    }

    crate::on_both_backends!(check);
}

mod waits_grow_for_one_login_at_one_address {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = behind_proxy(backend, |t| t.pair_delay = time::Duration::seconds(1)).await else {
            return;
        };
        app.create_staff("dana", &[Role::Support]).await;
        let client = app.client();
        for _ in 0..3 {
            assert_eq!(sign_in_from(&app, &client, "10.1.1.1", "dana", "guess").await.status(), 401);
        }
        let res = sign_in_from(&app, &client, "10.1.1.1", "dana", PASSWORD).await;
        assert_eq!(res.status(), 429, "the fourth try waits");
        assert_eq!(res.headers()["retry-after"], "1");
        let html = res.text().await.unwrap();
        assert!(html.contains("Повторите через 1 секунду"), "{html}");
        assert!(html.contains("value=\"dana\""), "the login comes back");

        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(sign_in_from(&app, &client, "10.1.1.1", "dana", "guess").await.status(), 401);
        let res = sign_in_from(&app, &client, "10.1.1.1", "dana", PASSWORD).await;
        assert_eq!(res.status(), 429);
        assert_eq!(res.headers()["retry-after"], "2", "the wait doubles");
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert_eq!(sign_in_from(&app, &client, "10.1.1.1", "dana", PASSWORD).await.status(), 303);

        // Kazakh, too.
        let kk = app.client();
        let csrf = token(&app, &kk).await;
        kk.post(format!("{}/language", app.base))
            .form(&[("csrf", csrf.as_str()), ("lang", "kk"), ("back", "/login")])
            .send()
            .await
            .unwrap();
        for _ in 0..3 {
            sign_in_from(&app, &kk, "10.1.1.2", "dana", "guess").await;
        }
        let html = sign_in_from(&app, &kk, "10.1.1.2", "dana", "guess").await.text().await.unwrap();
        assert!(html.contains("секундтан кейін қайталаңыз"), "{html}");
    }

    crate::on_both_backends!(check);
}

mod refusals_are_audited_once_per_window_with_their_count {
    use super::*;

    async fn check(backend: Backend) {
        let window = time::Duration::seconds(2);
        let Some(app) = behind_proxy(backend, |t| t.window = window).await else { return };
        app.create_staff("marat", &[Role::Support]).await;
        let (checked, refused) = burst(&app, "10.2.2.2", 40, |_| "marat".into()).await;
        assert_eq!(checked + refused, 40);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        let limits = Throttle { window, ..Throttle::default() };
        let closed = kreditomat_portal::auth::refusals::close_windows(&app.db, &limits).await.unwrap();
        assert_eq!(closed, 1);
        let details: String = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
            "SELECT details FROM audit_log WHERE action = 'sign-in.refusals-counted'"
        )
        .fetch_one(c)
        .await)
        .unwrap();
        let details: serde_json::Value = serde_json::from_str(&details).unwrap();
        assert_eq!(details["refused"], refused as i64, "{details}");
        assert_eq!(details["login"], "marat");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM sign_in_refusals").await, 0);
    }

    crate::on_both_backends!(check);
}

crate::db_test!(a_page_view_stores_no_session_and_sign_in_renews_the_form_token, |app| {
    for _ in 0..20 {
        assert_eq!(app.get(&app.client(), "/login").await.status(), 200);
    }
    assert_eq!(sessions(&app).await, 0, "looking at the sign-in page stores nothing");

    app.create_staff("saule", &[Role::Manager]).await;
    let client = app.client();
    let before = token(&app, &client).await;
    assert_eq!(app.sign_in(&client, "saule", PASSWORD).await.status(), 303);
    let after = app.csrf(&client).await;
    assert_ne!(before, after, "a token from before sign-in is replaced");
    let res = client
        .post(format!("{}/language", app.base))
        .form(&[("csrf", before.as_str()), ("lang", "kk"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "the old token no longer works");
    assert_eq!(sessions(&app).await, 1);

    // A form posted without the visitor's cookie token is refused.
    let stranger = app.client();
    let res = stranger
        .post(format!("{}/login", app.base))
        .form(&[("csrf", after.as_str()), ("login", "saule"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
});
