//! Sign-in security in the browser, in both languages: a security officer lifts an address's
//! lock, and a person sets up the authenticator app and then signs in with a code.

use kreditomat_portal::auth::{Role, second_factor::totp};

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp, csrf_in};

/// A wrong password for `login` from `ip` (the app trusts `X-Forwarded-For`).
async fn fail_from(app: &TestApp, ip: &str, login: &str) {
    let client = app.client();
    let page = app.get(&client, "/login").await.text().await.unwrap();
    let csrf = csrf_in(&page).unwrap();
    client
        .post(format!("{}/login", app.base))
        .header("x-forwarded-for", ip)
        .form(&[("csrf", csrf.as_str()), ("login", login), ("password", "a wrong guess")])
        .send()
        .await
        .unwrap();
}

fn code_at(secret: &[u8], ahead: i64) -> String {
    let step = time::OffsetDateTime::now_utc().unix_timestamp() / totp::STEP + ahead;
    format!("{:06}", totp::code(secret, step))
}

/// RFC 4648 base32 as the page shows it (grouped) back to bytes.
pub(super) fn unbase32(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0u32);
    for c in text.chars().filter(|c| c.is_ascii_alphanumeric()) {
        let Some(v) = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".find(c) else { continue };
        buffer = (buffer << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

async fn journey(lang: &str) {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.trust_proxy = true)
        .await
        .expect("SQLite is always available");
    app.create_staff("sec", &[Role::Security]).await;
    app.create_staff("yerlan", &[Role::Verifier]).await;
    for i in 0..5 {
        fail_from(&app, &format!("203.0.113.{i}"), "yerlan").await;
    }
    for i in 0..20 {
        fail_from(&app, "198.51.100.5", &format!("guess{i}")).await;
    }
    let Some(mut b) = Browser::start(&app, &format!("security-{lang}"), true).await else { return };
    b.enter("sec", PASSWORD, lang).await;

    // The locks: a login locked for new addresses, an address locked for newcomers.
    b.open("/admin/sign-in-locks").await;
    b.expect(b.text_of("main").await.contains("198.51.100.5"), "the address is listed");
    b.check("sign-in-locks").await;
    b.click("form[action='/admin/sign-in-locks/unlock-address'] button").await;
    b.expect(b.has(".flash-ok").await, "the address's lock is lifted");
    b.expect(!b.has("input[name=ip][value='198.51.100.5']").await, "and it is gone from the list");
    b.check("sign-in-locks-lifted").await;

    // The authenticator app: set up, a wrong code refused next to the field, then the right one.
    b.open("/account/two-factor").await;
    b.check("two-factor-off").await;
    b.click("form[action='/account/two-factor/start'] button").await;
    b.expect(b.has("figure.qr svg").await, "the QR code is shown");
    b.check("two-factor-setup").await;
    let secret = unbase32(&b.text_of("code.secret").await);
    b.fill("#code", "123456").await;
    b.click("form[action='/account/two-factor/confirm'] button").await;
    b.expect(b.has("#code[aria-invalid=true]").await, "a wrong code is marked on the field");
    b.check("two-factor-wrong").await;
    b.fill("#code", &code_at(&secret, 0)).await;
    b.click("form[action='/account/two-factor/confirm'] button").await;
    let codes = b.script("return document.querySelectorAll('ul.recovery-codes li').length").await;
    b.expect(codes == 10, format!("ten recovery codes are shown once ({codes})"));
    b.check("two-factor-codes").await;
    b.click("form[action='/logout'] button").await;

    // Signing in again asks for the code after the password.
    b.sign_in("sec", PASSWORD).await;
    b.expect(b.here().await == "/login/code", "the code is asked after the password");
    b.check("login-code").await;
    b.fill("#code", "000000").await;
    b.click("form[action='/login/code'] button[type=submit]").await;
    b.expect(b.has("#code[aria-invalid=true]").await, "a wrong code is marked on the field");
    b.check("login-code-wrong").await;
    b.fill("#code", &code_at(&secret, 1)).await;
    b.click("form[action='/login/code'] button[type=submit]").await;
    b.expect(b.here().await == "/", "the right code signs in");
    b.finish().await;
}

#[tokio::test]
async fn sign_in_security_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn sign_in_security_in_kazakh() {
    journey("kk").await;
}
