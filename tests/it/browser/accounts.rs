//! A security officer's work on customers' accounts, in both languages: a block refused without a
//! reason (what was typed kept) and then made, an archive asked for, a disclosure recorded after
//! its errors, the register; a second officer confirms the archive; an administrator records a
//! policy version and sees the reason codes with their kinds.

use kreditomat_portal::{auth::Role, with_db};

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp},
    intake,
    review::{applicant, submit},
};

#[tokio::test]
async fn a_security_officer_blocks_archives_and_records_a_disclosure_in_both_languages() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("sec", &[Role::Security]).await;
    app.create_staff("sec2", &[Role::Security]).await;
    app.create_staff("adm", &[Role::Admin]).await;
    let key = intake::key(&app).await;
    let mut customers = Vec::new();
    for n in [61, 62] {
        let id = submit(&app, &key, &applicant(n), n).await;
        let c: i64 =
            with_db!(&app.db, |c| sqlx::query_scalar("SELECT customer_id FROM applications WHERE id = $1")
                .bind(id)
                .fetch_one(c)
                .await)
            .unwrap();
        customers.push(c);
    }
    let Some(mut b) = Browser::start(&app, "accounts", true).await else { return };
    for (lang, customer) in ["ru", "kk"].into_iter().zip(customers) {
        let page = format!("/customers/{customer}");
        b.enter("sec", PASSWORD, lang).await;
        b.open(&page).await;
        b.check(&format!("account-active-{lang}")).await;

        // A block without a reason: refused beside the field, the comment kept.
        b.click("#account details summary").await;
        b.click("input[name=action][value=block]").await;
        b.fill("#account-comment", "звонок клиента 2291").await;
        b.click("form[action$='/account'] button[type=submit]").await;
        b.expect(
            b.has("#account-reason-error").await,
            format!("{lang}: a block without a reason is refused"),
        );
        let kept = b.script("return document.querySelector('#account-comment').value").await;
        b.expect(kept == "звонок клиента 2291", format!("{lang}: the comment is kept ({kept})"));
        b.script("document.querySelector('#account').scrollIntoView()").await;
        b.check(&format!("account-block-refused-{lang}")).await;
        b.script("document.querySelector('#account-reason').value = 'unauthorised_access'").await;
        b.click("form[action$='/account'] button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the block is confirmed"));
        b.expect(
            b.has("h1 + .badge-bad, .heading-row .badge-bad").await,
            format!("{lang}: the status shows blocked"),
        );
        b.check(&format!("account-blocked-{lang}")).await;

        // Closing to archive is asked for; the page says it waits for someone else.
        b.click("#account details summary").await;
        b.click("input[name=action][value=archive]").await;
        b.script("document.querySelector('#account-reason').value = 'customer_request'").await;
        b.fill("#account-comment", "письменное заявление клиента").await;
        b.click("form[action$='/account'] button[type=submit]").await;
        b.expect(b.has("#account .alert").await, format!("{lang}: the archive request waits"));
        b.expect(
            !b.has("#account .alert button[value=confirm]").await,
            format!("{lang}: not confirmable by its asker"),
        );
        b.check(&format!("account-archive-asked-{lang}")).await;

        // A disclosure: errors first, then recorded and listed on the page and in the register.
        b.click(&format!("a[href='/customers/{customer}/disclosures/new']")).await;
        b.fill("#recipient", "Суд Алмалинского района").await;
        b.script("document.querySelector('#basis').value = 'authority_request'").await;
        b.click("form[action$='/disclosures/new'] button[type=submit]").await;
        b.expect(
            b.has("#data-error").await && b.has("#reference-error").await,
            format!("{lang}: missing fields named"),
        );
        b.check(&format!("disclosure-errors-{lang}")).await;
        b.click("input[name=data][value=identity]").await;
        b.fill("#reference", "2-1455/2026").await;
        b.click("form[action$='/disclosures/new'] button[type=submit]").await;
        b.expect(
            b.has("#disclosures table").await,
            format!("{lang}: the disclosure is on the customer page"),
        );
        b.check(&format!("disclosure-recorded-{lang}")).await;
        b.open("/disclosures").await;
        b.expect(b.text_of("main table").await.contains("2-1455/2026"), format!("{lang}: in the register"));
        b.check(&format!("disclosures-register-{lang}")).await;
        b.open("/admin/policy-versions").await;
        b.check(&format!("policy-versions-read-{lang}")).await;
        b.click("form[action='/logout'] button").await;

        // The second officer confirms the archive from the requests page.
        b.enter("sec2", PASSWORD, lang).await;
        b.open("/customers/archive-requests").await;
        b.check(&format!("archive-requests-{lang}")).await;
        b.click("form[action^='/customers/archive-requests/'] button[value=confirm]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the archive is confirmed"));
        b.open(&page).await;
        b.expect(
            !b.has("form[action$='/account']").await,
            format!("{lang}: an archived account is read-only"),
        );
        b.check(&format!("account-archived-{lang}")).await;
        b.click("form[action='/logout'] button").await;

        // An administrator records a policy version (errors first) and reads it.
        b.enter("adm", PASSWORD, lang).await;
        b.open("/admin/policy-versions").await;
        let number = if lang == "ru" { "3.0" } else { "3.1" };
        b.fill("#number", "3.0 бета").await;
        b.click("form[action='/admin/policy-versions'] button[type=submit]").await;
        b.expect(
            b.has("#number-error").await && b.has("#text_ru-error").await,
            format!("{lang}: errors named"),
        );
        b.check(&format!("policy-versions-errors-{lang}")).await;
        b.fill("#number", number).await;
        b.script("document.querySelector('#effective_on').value = '2026-12-15'").await;
        b.fill("#text_ru", "Политика конфиденциальности, редакция 3.").await;
        b.fill("#text_kk", "Құпиялылық саясаты, 3-редакция.").await;
        b.click("form[action='/admin/policy-versions'] button[type=submit]").await;
        b.expect(b.has(".flash-ok").await, format!("{lang}: the version is recorded"));
        b.click("main table a").await;
        b.check(&format!("policy-version-{lang}")).await;
        b.open("/admin/reasons").await;
        b.check(&format!("reasons-kinds-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
