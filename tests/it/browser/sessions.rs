//! Sessions and second factors in the browser, in both languages: a compliance officer whose
//! role requires a second factor enrols before anything else; an administrator sees their own
//! and everyone's sessions, asks for a reset of a lost factor (a bad form comes back with its
//! error), and changes roles through the step-up, the typed form coming back.

use kreditomat_portal::auth::{Role, second_factor::totp};

use super::{Browser, security::unbase32};
use crate::harness::{Backend, PASSWORD, TestApp};

async fn journey(lang: &str) {
    // Sensitive actions ask again ten seconds after the factor was given (the checks of a page
    // take a few seconds: the form must still be fresh after them).
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.step_up = time::Duration::seconds(10))
        .await
        .expect("SQLite is always available");
    crate::second_factor::require_second_factor(&app, "compliance").await;
    app.create_staff("adm", &[Role::Admin]).await;
    let zhan = app.create_staff("zhan", &[Role::Compliance]).await;
    let Some(mut b) = Browser::start(&app, &format!("sessions-{lang}"), true).await else { return };

    // Enrolment first: nothing else opens until then.
    b.enter("zhan", PASSWORD, lang).await;
    b.expect(b.here().await == "/account/two-factor", "sent to enrol after the password");
    b.open("/compliance").await;
    b.expect(b.here().await == "/account/two-factor", "the queue waits for the enrolment");
    b.expect(b.has("p.alert[role=alert]").await, "the reason is said");
    b.check("two-factor-required").await;
    b.click("form[action='/account/two-factor/start'] button").await;
    let secret = unbase32(&b.text_of("code.secret").await);
    let step = time::OffsetDateTime::now_utc().unix_timestamp() / totp::STEP;
    b.fill("#code", &format!("{:06}", totp::code(&secret, step))).await;
    b.click("form[action='/account/two-factor/confirm'] button").await;
    b.click("section.card a.button[href='/']").await;
    b.expect(b.here().await == "/", "on to work once enrolled");
    b.click("form[action='/logout'] button").await;

    // An administrator: their sessions, everyone's, and the second factors.
    b.enter("adm", PASSWORD, lang).await;
    b.open("/account").await;
    b.expect(b.has("ul.sessions li").await, "this session is listed");
    b.check("account-sessions").await;
    b.open("/admin/sessions").await;
    b.expect(b.text_of("main").await.contains("adm"), "everyone's sessions are listed");
    b.check("admin-sessions").await;
    b.open("/admin/two-factor").await;
    b.check("two-factor-admin").await;
    b.script(&format!("document.querySelector('#staff').value = '{zhan}'")).await;
    b.click("form[action='/admin/two-factor/resets'] button").await;
    b.expect(b.has("#reason[aria-invalid=true]").await, "a missing reason is marked on the field");
    b.expect(
        b.script("return Number(document.querySelector('#staff').value)").await == zhan,
        "the person stays chosen",
    );
    b.check("two-factor-admin-error").await;
    b.fill("#reason", "Потерял телефон").await;
    b.click("form[action='/admin/two-factor/resets'] button").await;
    b.expect(b.has(".flash-ok").await, "the reset is asked for");
    b.expect(!b.has("form[action$='/confirm']").await, "the one who asked cannot confirm it");
    b.check("two-factor-admin-asked").await;

    // The step-up: the roles form waits, then comes back as typed.
    tokio::time::sleep(std::time::Duration::from_millis(10_100)).await;
    b.open(&format!("/admin/staff/{zhan}")).await;
    b.click("input[name=role][value=support]").await;
    b.click(&format!("form[action='/admin/staff/{zhan}/roles'] button[type=submit]")).await;
    b.expect(b.here().await == "/step-up", "roles ask for the step-up");
    b.check("step-up").await;
    b.fill("#password", "not the password").await;
    b.click("form[action='/step-up'] button").await;
    b.expect(b.has("#password[aria-invalid=true]").await, "a wrong password is marked on the field");
    b.check("step-up-wrong").await;
    b.fill("#password", PASSWORD).await;
    b.click("form[action='/step-up'] button").await;
    b.expect(b.has("input[type=hidden][name=role][value=support]").await, "the typed form comes back");
    b.check("step-up-resume").await;
    b.click(&format!("form[action='/admin/staff/{zhan}/roles'] button")).await;
    b.expect(b.here().await == format!("/admin/staff/{zhan}"), "the roles are saved");
    b.expect(b.has("input[name=role][value=support]:checked").await, "with the role typed");
    b.finish().await;
}

#[tokio::test]
async fn sessions_and_second_factors_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn sessions_and_second_factors_in_kazakh() {
    journey("kk").await;
}
