//! An administrator's work in the browser, in both languages: a new staff member with roles, a
//! password reset, an API key created and revoked, the access list with the new person on it;
//! the new person signs in and must change the password first.

use kreditomat_portal::auth::Role;

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp};

async fn journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("admin", &[Role::Admin]).await;
    let Some(mut b) = Browser::start(&app, &format!("admin-{lang}"), true).await else { return };
    b.enter("admin", PASSWORD, lang).await;
    b.open("/admin/staff").await;
    b.check("staff-list").await;

    // An empty form says what is missing, next to each field.
    b.open("/admin/staff/new").await;
    b.click("form[action='/admin/staff'] button[type=submit]").await;
    b.expect(b.has("#login[aria-invalid=true]").await, "a new account without a login says so");
    b.check("staff-new-errors").await;
    b.fill("#login", "aigerim").await;
    b.fill("#full_name", "Айгерім Сейтқали").await;
    b.click("form[action='/admin/staff'] input[name=role][value=verifier]").await;
    b.click("form[action='/admin/staff'] button[type=submit]").await;
    let first = b.text_of("code.secret").await;
    b.expect(first.len() >= 12, format!("a temporary password is shown ({} characters)", first.len()));
    b.check("staff-created").await;

    // Roles changed, then the password reset: a new temporary password. The list links every
    // account; the new one is found by its name.
    b.open("/admin/staff").await;
    let href = b
        .script(
            "const a = [...document.querySelectorAll('a[href^=\"/admin/staff/\"]')]
               .find((a) => a.textContent.includes('Айгерім')); return a ? a.getAttribute('href') : null",
        )
        .await;
    let Some(href) = href.as_str().map(str::to_string) else {
        b.expect(false, "the staff list links the new account");
        return b.finish().await;
    };
    b.open(&href).await;
    b.click("form[action$='/roles'] input[name=role][value=support]").await;
    b.click("form[action$='/roles'] button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the roles are saved");
    b.check("staff-show").await;
    b.click("form[action$='/reset-password'] button").await;
    let second = b.text_of("code.secret").await;
    b.expect(!second.is_empty() && second != first, "the reset gives a new temporary password");
    b.check("staff-reset").await;

    // An API key: no scope and a past last day are refused next to the fields, with the name
    // kept; then one scope, created (shown once), then revoked after the browser's own
    // confirmation.
    b.open("/admin/api-keys").await;
    b.fill("#name", "Мобильное приложение").await;
    for scope in [
        "applications:write",
        "documents:write",
        "events:read",
        "customers:read",
        "customers:write",
        "tickets:write",
        "mail:write",
    ] {
        b.click(&format!("form[action='/admin/api-keys'] input[name=scope][value='{scope}']")).await;
    }
    b.script("document.querySelector('#expires_on').value = '2020-01-01'").await;
    b.click("form[action='/admin/api-keys'] button[type=submit]").await;
    b.expect(
        b.has("#scope-error").await && b.has("#expires_on-error").await,
        "no scope and a past day say so",
    );
    let kept = b.script("return document.querySelector('#name').value").await;
    b.expect(kept == "Мобильное приложение", format!("the name comes back, not {kept}"));
    b.check("api-keys-errors").await;
    b.click("form[action='/admin/api-keys'] input[name=scope][value='events:read']").await;
    b.script("document.querySelector('#expires_on').value = ''").await;
    b.click("form[action='/admin/api-keys'] button[type=submit]").await;
    b.expect(b.text_of("code.secret").await.starts_with("kp_"), "the new key is shown");
    b.expect(b.has("td li code").await, "the list names the key's scope");
    b.check("api-keys-created").await;
    b.click("form[action$='/revoke'] button").await;
    b.expect(!b.has("form[action$='/revoke']").await, "the key is revoked");
    b.check("api-keys-revoked").await;

    // The access list names the new verifier, from the day the role was given, to this day.
    b.open("/admin/staff").await;
    b.click("a[href='/admin/access-list']").await;
    b.expect(
        b.has("td code").await && b.text_of("main table").await.contains("aigerim"),
        "the list names aigerim",
    );
    b.expect(b.has("a[href='/admin/access-list.csv']").await, "the CSV is offered");
    b.check("access-list").await;
    b.click("form[action='/logout'] button").await;

    // The new person must change the temporary password before anything else.
    b.enter("aigerim", &second, lang).await;
    let here = b.here().await;
    b.expect(
        here.starts_with("/account"),
        format!("a temporary password leads to the account page, not {here}"),
    );
    b.check("account-must-change").await;
    b.fill("#current", &second).await;
    b.fill("#new", "a new long passphrase 2026").await;
    b.fill("#confirm", "a new long passphrase 2026").await;
    b.click("form[action='/account/password'] button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the password is changed");
    b.open("/review").await;
    b.expect(b.here().await == "/review", "after the change the verifier reaches the queue");
    b.check("queue-after-change").await;
    b.finish().await;
}

#[tokio::test]
async fn an_administrators_work_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn an_administrators_work_in_kazakh() {
    journey("kk").await;
}
