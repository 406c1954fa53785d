//! The verifier's and the compliance officer's forms with JavaScript off in Chromium: every
//! decision still works, with its error and its confirmation step.

use super::{Browser, compliance::pep_case, journeys::portal_with_queue};
use crate::harness::PASSWORD;

#[tokio::test]
async fn decisions_work_without_javascript() {
    let (app, ids) = portal_with_queue().await;
    let Some(mut b) = Browser::start(&app, "no-script", false).await else { return };
    b.sign_in("ver", PASSWORD).await;
    b.open("/review").await;
    b.click("#take-next button").await;
    b.expect(b.here().await == format!("/review/{}", ids[0]), "take next works without scripts");
    b.click("#reject-form button[type=submit]").await;
    b.expect(b.has("#reason-error").await, "a rejection without a reason says so");
    b.check("review-reject-error").await;
    b.click("#reject-form label.check:nth-of-type(1) input").await;
    b.click("#reject-form label.check:nth-of-type(2) input").await;
    b.click("#reject-form button[type=submit]").await;
    b.expect(b.has(".confirm-panel").await, "the confirmation is a plain form");
    b.click(".confirm-panel button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the rejection is done without scripts");
    b.click("#take-next button").await;
    b.click("#approve-form button[type=submit]").await;
    b.click(".confirm-panel button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the approval is done without scripts");
    b.check("review-approved").await;
    b.finish().await;

    let (app, id) = pep_case().await;
    let Some(mut b) = Browser::start(&app, "no-script-compliance", false).await else { return };
    let case = format!("/compliance/{id}");
    b.sign_in("comp", PASSWORD).await;
    b.open(&case).await;
    b.click(&format!("form[action='{case}/claim'] button")).await;
    b.click("form.hit-form button[value=confirm]").await;
    b.expect(
        b.has("form.hit-form textarea[aria-invalid=true]").await,
        "a hit decision without a comment says so",
    );
    b.fill("form.hit-form textarea[name=comment]", "Совпадают имя и дата рождения").await;
    b.click("form.hit-form button[value=confirm]").await;
    b.click("form[action*='/hits/'] button[data-autofocus]").await;
    b.expect(b.has(".flash-ok").await, "the hit is confirmed without scripts");
    // Both groups of declaration fields are there, each under its heading.
    b.expect(b.has("fieldset[data-kind=pep]:not([hidden])").await, "PEP fields shown");
    b.expect(b.has("fieldset[data-kind=bo]:not([hidden])").await, "beneficial-owner fields shown");
    b.check("case-hit-confirmed").await;
    b.finish().await;
}
