//! Passkeys in the browser, in both languages, with Chromium's virtual authenticator (WebDriver's
//! WebAuthn extension) standing in for a fingerprint reader: a compliance officer whose role
//! requires a second factor adds a passkey (without a name first: the answer waits while the
//! name is fixed), signs in with it, and removes it through the step-up, answered with it.

use fantoccini::wd::WebDriverCompatibleCommand;
use kreditomat_portal::auth::Role;
use serde_json::json;

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp};

/// WebDriver's "Add Virtual Authenticator": a platform authenticator that verifies the user at
/// once.
#[derive(Debug)]
struct AddVirtualAuthenticator;

impl WebDriverCompatibleCommand for AddVirtualAuthenticator {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/webauthn/authenticator", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserVerified": true,
            "automaticPresenceSimulation": true,
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn journey(lang: &str) {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.step_up = time::Duration::seconds(10))
        .await
        .expect("SQLite is always available");
    crate::second_factor::require_second_factor(&app, "compliance").await;
    app.create_staff("aru", &[Role::Compliance]).await;
    let Some(mut b) = Browser::start(&app, &format!("passkeys-{lang}"), true).await else { return };
    // Passkeys need the portal's domain name: the browser opens it at localhost.
    b.base = app.base.replace("127.0.0.1", "localhost");
    b.client.issue_cmd(AddVirtualAuthenticator).await.expect("a virtual authenticator");

    b.enter("aru", PASSWORD, lang).await;
    b.expect(b.here().await == "/account/two-factor", "sent to add a factor after the password");
    b.check("passkeys-none").await;
    // No name: the passkey is made, the name is asked for, the answer waits in the form.
    b.click("form[data-passkey=register] button[type=submit]").await;
    b.expect(b.has("#passkey_name[aria-invalid=true]").await, "the missing name is marked on the field");
    b.expect(
        b.script("return document.querySelector('input[name=answer]').value.length > 0").await == json!(true),
        "the passkey's answer is kept",
    );
    b.check("passkey-name-missing").await;
    b.fill("#passkey_name", "Ноутбук").await;
    b.click("form[data-passkey=register] button[type=submit]").await;
    b.expect(b.has("ul.recovery-codes li").await, "the first factor brings recovery codes");
    b.expect(b.text_of("ul.passkeys").await.contains("Ноутбук"), "the passkey is listed by its name");
    b.check("passkey-added").await;
    // A new name: too long first, then a good one.
    b.click("ul.passkeys details summary").await;
    b.fill("ul.passkeys input[name=name]", &"Ноутбук".repeat(10)).await;
    b.click("ul.passkeys form[action$='/rename'] button").await;
    b.expect(
        b.has("ul.passkeys details[open] input[aria-invalid=true]").await,
        "a long name is marked on the field",
    );
    b.check("passkey-rename-long").await;
    b.fill("ul.passkeys details[open] input[name=name]", "Рабочий ноутбук").await;
    b.click("ul.passkeys form[action$='/rename'] button").await;
    b.expect(b.text_of("ul.passkeys").await.contains("Рабочий ноутбук"), "the new name is shown");
    b.open("/").await;
    b.expect(b.here().await == "/", "on to work");
    b.click("form[action='/logout'] button").await;

    // Sign-in: the password, then the passkey.
    b.sign_in("aru", PASSWORD).await;
    b.expect(b.here().await == "/login/code", "the second step follows the password");
    b.check("code-passkey").await;
    b.click("form[data-passkey=answer] button[type=submit]").await;
    b.expect(b.here().await == "/", "signed in with the passkey");

    // Removing it asks for the step-up, answered with the passkey itself.
    tokio::time::sleep(std::time::Duration::from_millis(10_100)).await;
    b.open("/account/two-factor").await;
    b.click("ul.passkeys form[action$='/remove'] button").await;
    b.expect(b.here().await == "/step-up", "removing a passkey asks for the step-up");
    b.check("step-up-passkey").await;
    b.click("form[data-passkey=answer] button[type=submit]").await;
    b.expect(b.has("form[action$='/remove'] button").await, "the removal waits to be sent");
    b.click("form[action$='/remove'] button").await;
    b.expect(b.has(".flash-ok").await, "the passkey is removed");
    b.expect(b.has("p.alert[role=alert]").await, "the role asks for a factor again");
    b.check("passkey-removed").await;
    b.finish().await;
}

#[tokio::test]
async fn passkeys_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn passkeys_in_kazakh() {
    journey("kk").await;
}
