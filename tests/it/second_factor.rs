//! The authenticator app as a second factor: enrolment with a QR code and a typed secret,
//! activation only by a right code, recovery codes shown once and usable once, no replay of a
//! code, the secret sealed at rest, and the second step of sign-in.

use kreditomat_portal::auth::{Role, second_factor::totp};

use crate::{
    db_test,
    harness::{PASSWORD, TestApp, location},
};

/// RFC 4648 base32 (no padding) back to bytes.
fn unbase32(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let v = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".find(c).expect("base32") as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

pub(crate) fn step_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp() / totp::STEP
}

pub(crate) fn code(secret: &[u8], step: i64) -> String {
    format!("{:06}", totp::code(secret, step))
}

/// The text between `start` and the next `<`.
fn after<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("{start} in {html}")) + start.len();
    html[at..].split('<').next().unwrap()
}

/// Enrols `login` and returns its secret and recovery codes.
pub(crate) async fn enrol(app: &TestApp, client: &reqwest::Client) -> (Vec<u8>, Vec<String>) {
    let page = app.get(client, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("Не подключено"), "{page}");
    let res = app.post_form(client, "/account/two-factor/start", &[]).await;
    assert_eq!(location(&res), "/account/two-factor");
    let page = app.get(client, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("<svg"), "the QR code is drawn on the page");
    let secret = unbase32(after(&page, "class=\"secret\">"));
    assert_eq!(secret.len(), 20);

    let res = app.post_form(client, "/account/two-factor/confirm", &[("code", "000000x")]).await;
    assert_eq!(res.status(), 422, "a malformed code is refused");
    assert!(res.text().await.unwrap().contains("id=\"code-error\""));
    let res = app
        .post_form(client, "/account/two-factor/confirm", &[("code", &code(&secret, step_now() - 5))])
        .await;
    assert_eq!(res.status(), 422, "an expired code is refused");
    let res =
        app.post_form(client, "/account/two-factor/confirm", &[("code", &code(&secret, step_now()))]).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("Подключено"));
    let codes = recovery_codes(&page);
    assert_eq!(codes.len(), 10, "{page}");
    (secret, codes)
}

/// The recovery codes a page shows (`abcde-fghij`).
pub(crate) fn recovery_codes(page: &str) -> Vec<String> {
    page.split("<li>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_string())
        .filter(|s| s.len() == 11 && s.as_bytes()[5] == b'-')
        .collect()
}

/// Makes `role` one that must use a second factor.
pub(crate) async fn require_second_factor(app: &TestApp, role: &str) {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query(
        "INSERT INTO second_factor_roles (role) VALUES ($1)"
    )
    .bind(role)
    .execute(c)
    .await
    .map(|_| ()))
    .expect("require a second factor");
}

db_test!(an_authenticator_app_is_enrolled_and_asked_for_after_the_password, |app| {
    let id = app.create_staff("aruzhan", &[Role::Compliance]).await;
    let client = app.client();
    assert_eq!(app.sign_in(&client, "aruzhan", PASSWORD).await.status(), 303);
    let (secret, codes) = enrol(&app, &client).await;

    // Sealed at rest: the stored value is not the secret in any spelling.
    let stored: String = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT secret FROM staff_totp WHERE staff_id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(!stored.contains(&hex::encode(&secret)));
    // Finishing an enrolment that is not waiting is refused next to the field.
    let res =
        app.post_form(&client, "/account/two-factor/confirm", &[("code", &code(&secret, step_now()))]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Подключение не начато или уже завершено"));

    // A password alone no longer signs in.
    let fresh = app.client();
    let res = app.sign_in(&fresh, "aruzhan", PASSWORD).await;
    assert_eq!(location(&res), "/login/code");
    assert_eq!(app.get(&fresh, "/account").await.status(), 303, "not signed in yet");
    let res = app.post_form(&fresh, "/login/code", &[("code", "123")]).await;
    assert_eq!(res.status(), 401);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"code-error\"") && html.contains("Код неверный"), "{html}");
    // The code used at enrolment cannot be replayed.
    let replay = code(&secret, step_now());
    let res = app.post_form(&fresh, "/login/code", &[("code", &replay)]).await;
    assert_eq!(res.status(), 401, "a used code is refused");
    let next = code(&secret, step_now() + 1);
    let res = app.post_form(&fresh, "/login/code", &[("code", &next)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    assert_eq!(app.get(&fresh, "/account").await.status(), 200, "signed in");

    // A recovery code works once.
    let other = app.client();
    app.sign_in(&other, "aruzhan", PASSWORD).await;
    let res = app.post_form(&other, "/login/code", &[("recovery_code", &codes[0].to_uppercase())]).await;
    assert_eq!(res.status(), 303, "a recovery code, however typed");
    let again = app.client();
    app.sign_in(&again, "aruzhan", PASSWORD).await;
    let res = app.post_form(&again, "/login/code", &[("recovery_code", &codes[0])]).await;
    assert_eq!(res.status(), 401, "a recovery code used twice");
    assert!(res.text().await.unwrap().contains("id=\"recovery_code-error\""));
    let page = app.get(&fresh, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("Осталось 9 неиспользованных резервных кодов"), "{page}");

    // No second step without a right password first.
    let stranger = app.client();
    assert_eq!(location(&app.get(&stranger, "/login/code").await), "/login");
    let res = app.post_form(&stranger, "/login/code", &[("code", &next)]).await;
    assert_eq!(location(&res), "/login");

    let audited: i64 = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('account.second-factor-enrolled', 'sign-in.code-failed')"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(audited, 1 + 3);
});

db_test!(guessing_the_code_is_throttled_like_the_password, |app| {
    app.create_staff("timur", &[Role::Security]).await;
    let client = app.client();
    app.sign_in(&client, "timur", PASSWORD).await;
    let (secret, _) = enrol(&app, &client).await;
    let fresh = app.client();
    app.sign_in(&fresh, "timur", PASSWORD).await;
    for _ in 0..3 {
        assert_eq!(app.post_form(&fresh, "/login/code", &[("code", "000000")]).await.status(), 401);
    }
    let res = app.post_form(&fresh, "/login/code", &[("code", &code(&secret, step_now() + 1))]).await;
    assert_eq!(res.status(), 429, "the fourth guess waits, even a right one");
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=10).contains(&wait), "Retry-After says how long ({wait} s)");
    assert!(res.text().await.unwrap().contains("Повторите через"));
});
