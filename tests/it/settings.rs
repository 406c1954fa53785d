//! The settings a deployment turns on, through the real binary's flags: `--trust-proxy`,
//! `--secure-cookies`; and the sessions' idle and absolute time limits.

use kreditomat_portal::{auth::Role, with_db};
use reqwest::Client;

use crate::{
    harness::{Backend, PASSWORD, TestApp, location},
    on_both_backends,
};

/// The address the audit trail recorded for the newest successful sign-in of `login`.
async fn sign_in_ip(app: &TestApp, login: &str) -> String {
    with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT ip FROM audit_log WHERE action = 'sign-in.succeeded' AND actor_label = $1 ORDER BY seq DESC LIMIT 1"
    )
    .bind(login)
    .fetch_one(c)
    .await)
    .unwrap()
}

/// Signs `login` in at `base` with an `X-Forwarded-For` header; returns the response's status.
async fn sign_in_forwarded(base: &str, client: &Client, login: &str) -> u16 {
    let page = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let token = crate::harness::csrf_in(&page).unwrap();
    client
        .post(format!("{base}/login"))
        .header("x-forwarded-for", "203.0.113.9, 198.51.100.7")
        .form(&[("csrf", token.as_str()), ("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

mod trust_proxy_takes_the_address_from_the_last_forwarded_hop {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = TestApp::spawn(backend).await else { return };
        let proxied = app.second_process(&["--trust-proxy"]).await;
        app.create_staff("direct", &[Role::Manager]).await;
        app.create_staff("proxied", &[Role::Manager]).await;
        // Without the flag a forwarded header is anyone's claim: the socket's address counts.
        assert_eq!(sign_in_forwarded(&app.base, &app.client(), "direct").await, 303);
        assert_eq!(sign_in_ip(&app, "direct").await, "127.0.0.1");
        // Behind a trusted proxy, the hop the proxy added (the last one) counts.
        assert_eq!(sign_in_forwarded(&proxied, &app.client(), "proxied").await, 303);
        assert_eq!(sign_in_ip(&app, "proxied").await, "198.51.100.7");
    }

    on_both_backends!(check);
}

mod secure_cookies_mark_the_session_cookie_and_send_hsts {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = TestApp::spawn(backend).await else { return };
        let secure = app.second_process(&["--secure-cookies"]).await;
        for (base, on) in [(app.base.as_str(), false), (secure.as_str(), true)] {
            let res = Client::new().get(format!("{base}/login")).send().await.unwrap();
            let hsts =
                res.headers().get("strict-transport-security").map(|v| v.to_str().unwrap().to_string());
            let set_cookie = |res: &reqwest::Response, name: &str| {
                res.headers()
                    .get_all("set-cookie")
                    .iter()
                    .map(|v| v.to_str().unwrap().to_string())
                    .find(|c| c.starts_with(&format!("{name}=")))
            };
            assert!(set_cookie(&res, "kp_session").is_none(), "a page view stores no session");
            // The visitor's form token comes in a cookie of its own, marked like the session's.
            let token_cookie = set_cookie(&res, "kp_csrf").expect("the sign-in page gives a form token");
            let token = token_cookie.split(';').next().unwrap().trim_start_matches("kp_csrf=").to_string();
            // Choosing a language is something to keep: the session starts.
            let res = Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
                .post(format!("{base}/language"))
                .header("cookie", format!("kp_csrf={token}"))
                .form(&[("csrf", token.as_str()), ("lang", "kk"), ("back", "/login")])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303);
            let cookie = set_cookie(&res, "kp_session").expect("a language choice starts a session");
            for cookie in [&cookie, &token_cookie] {
                assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
                assert_eq!(cookie.contains("; Secure"), on, "{base}: {cookie}");
            }
            assert_eq!(hsts.is_some(), on, "{base}: HSTS {hsts:?}");
        }
    }

    on_both_backends!(check);
}

mod a_session_ends_after_its_idle_time_and_its_absolute_time {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = TestApp::spawn_with(backend, |c| c.session_idle = time::Duration::seconds(3)).await
        else {
            return;
        };
        let client = app.signed_in("idle", &[Role::Manager]).await;
        // Activity keeps it alive past the idle time...
        for _ in 0..3 {
            tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
            assert_eq!(app.get(&client, "/admin/audit").await.status(), 200, "active");
        }
        // ...and idleness ends it.
        tokio::time::sleep(std::time::Duration::from_millis(3600)).await;
        let res = app.get(&client, "/admin/audit").await;
        assert_eq!(res.status(), 303, "idle for longer than the limit");
        assert!(location(&res).starts_with("/login"));

        let Some(app) =
            TestApp::spawn_with(backend, |c| c.session_absolute = time::Duration::seconds(3)).await
        else {
            return;
        };
        let client = app.signed_in("long", &[Role::Manager]).await;
        for _ in 0..2 {
            tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
            assert_eq!(app.get(&client, "/admin/audit").await.status(), 200);
        }
        // The sign-in time is kept in whole seconds: past three seconds and the one it began in.
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        let res = app.get(&client, "/admin/audit").await;
        assert_eq!(res.status(), 303, "however active, the absolute limit ends it");
    }

    on_both_backends!(check);
}
