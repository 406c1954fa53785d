//! Journeys that read like the work, each in Russian and in Kazakh.

use kreditomat_portal::auth::Role;
use serde_json::Value;

use super::Browser;
use crate::{
    harness::{Backend, PASSWORD, TestApp},
    intake,
    review::{applicant, submit},
};

/// A portal on SQLite with three applications waiting, and a verifier.
pub(super) async fn portal_with_queue() -> (TestApp, Vec<i64>) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    let key = intake::key(&app).await;
    let mut ids = Vec::new();
    for n in 51..54 {
        ids.push(submit(&app, &key, &applicant(n), n).await);
    }
    app.create_staff("ver", &[Role::Verifier]).await;
    (app, ids)
}

/// Switches the interface language with the header's switcher; the page stays where it was.
async fn switch_language(b: &mut Browser, lang: &str) {
    let before = b.here().await;
    if b.has(&format!("form.lang-switch button[value='{lang}']:not([disabled])")).await {
        b.click(&format!("form.lang-switch button[value='{lang}']")).await;
    }
    let shown = b.script("return document.documentElement.lang").await;
    b.expect(shown == lang, format!("<html lang> is {shown} after switching to {lang}"));
    let after = b.here().await;
    b.expect(after == before, format!("the switcher moved from {before} to {after}"));
}

async fn focused_is_invalid(b: &Browser) -> bool {
    b.script(
        "return document.activeElement && document.activeElement.getAttribute('aria-invalid') === 'true'",
    )
    .await
        == Value::Bool(true)
}

/// A verifier's shift: the queue with a filter and a search, take next, the photo viewer,
/// a rejection first without a reason and then with two, a request for documents with the
/// customer's message filled in, the keyboard shortcuts (R, Z, X, Shift+A, N), and the next
/// application.
async fn verifier_shift(lang: &str) {
    let (app, ids) = portal_with_queue().await;
    let Some(mut b) = Browser::start(&app, &format!("verifier-{lang}"), true).await else { return };
    b.sign_in("ver", PASSWORD).await;
    b.open("/review").await;
    switch_language(&mut b, lang).await;
    b.check("queue").await;

    // A filter and a search keep the query in the address and show the match.
    b.open("/review?status=all&sort=newest").await;
    b.check("queue-newest").await;
    let iin = applicant(52)["applicant"]["iin"].as_str().unwrap_or_default().to_string();
    b.fill("#q", &iin).await;
    b.click("form.filters button[type=submit]").await;
    let rows = b.script("return document.querySelectorAll('table tbody tr').length").await;
    b.expect(rows == 1, format!("a search by IIN shows one row, not {rows}"));
    b.check("queue-search").await;

    // Take next: the oldest application, held by the verifier.
    b.open("/review").await;
    b.click("#take-next button").await;
    let here = b.here().await;
    b.expect(here == format!("/review/{}", ids[0]), format!("take next opened {here}"));
    b.check("review").await;

    // The viewer: open, zoom, rotate, close.
    if b.has("[data-photo] [data-open]").await {
        b.click("[data-photo] [data-open]").await;
        let open = b.script("return document.getElementById('viewer').open").await;
        b.expect(open == Value::Bool(true), "the viewer opens");
        b.click("#viewer [data-viewer=zoom-in]").await;
        b.click("#viewer [data-viewer=rotate]").await;
        let transform = b.script("return document.querySelector('#viewer img').style.transform").await;
        let transform = transform.as_str().unwrap_or_default().to_string();
        b.expect(transform.contains("rotate(90deg)"), format!("rotated and zoomed: {transform}"));
        b.check("review-viewer").await;
        b.click("#viewer [data-viewer=close]").await;
    } else {
        b.expect(false, "the review page has a photo to open in the viewer");
    }

    // A rejection without a reason: the error, with the focus on it.
    b.click("#reject-form button[type=submit]").await;
    b.expect(b.has("#reason-error").await, "a rejection without a reason says so");
    b.expect(focused_is_invalid(&b).await, "the focus is on the missing reason");
    b.check("review-reject-error").await;
    // Two reasons, then the confirmation step.
    b.click("#reject-form label.check:nth-of-type(1) input").await;
    b.click("#reject-form label.check:nth-of-type(2) input").await;
    b.click("#reject-form button[type=submit]").await;
    b.expect(b.has(".confirm-panel").await, "a rejection asks for confirmation");
    b.check("review-reject-confirm").await;
    b.click(".confirm-panel button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the rejection is done");

    // The next one: documents asked for with the message filled in for the customer.
    b.click("#take-next button").await;
    let here = b.here().await;
    b.expect(here == format!("/review/{}", ids[1]), format!("the next one is {here}"));
    let message = b.script("return document.getElementById('message').value").await;
    b.expect(message.as_str().is_some_and(|m| m.trim().len() > 10), "the customer's message is filled in");
    b.click("#resubmit-form label.check:nth-of-type(1) input").await;
    b.click("#resubmit-form button[type=submit]").await;
    b.expect(b.has(".confirm-panel").await, "a request for documents asks for confirmation");
    b.click(".confirm-panel button[type=submit]").await;
    b.expect(b.has(".flash-ok").await, "the request is sent");

    // The last one approved from the keyboard: Shift+A, then the confirmation.
    b.click("#take-next button").await;
    let here = b.here().await;
    b.expect(here == format!("/review/{}", ids[2]), format!("the last one is {here}"));
    // The other shortcuts first, each by its physical key with the letter a Russian or Kazakh
    // layout types there: R turns the photos, Z opens the viewer, X goes to the reasons, and A
    // without Shift does nothing.
    press(&b, "KeyR", "к", false).await;
    let turned = b.script("return document.querySelector('[data-photo] img').style.transform").await;
    b.expect(
        turned.as_str().is_some_and(|t| t.contains("rotate(90deg)")),
        format!("R turns the photos: {turned}"),
    );
    press(&b, "KeyZ", "я", false).await;
    let open = b.script("return document.getElementById('viewer').open").await;
    b.expect(open == Value::Bool(true), "Z opens the viewer");
    b.click("#viewer [data-viewer=close]").await;
    press(&b, "KeyX", "ч", false).await;
    let at_reason = b
        .script(
            "return document.activeElement === document.querySelector('#reject-form input[name=\"reason\"]')",
        )
        .await;
    b.expect(at_reason == Value::Bool(true), "X moves the focus to the first reason");
    b.script("document.activeElement.blur()").await;
    press(&b, "KeyA", "ф", false).await;
    b.expect(!b.has(".confirm-panel").await, "A without Shift approves nothing");
    press(&b, "KeyA", "Ф", true).await;
    b.settle().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    b.settle().await;
    b.expect(b.has(".confirm-panel").await, "Shift+A asks to confirm the approval");
    b.check("review-approve-confirm").await;
    if b.has(".confirm-panel button[type=submit]").await {
        b.click(".confirm-panel button[type=submit]").await;
    }
    b.expect(b.has(".flash-ok").await, "the approval is done");
    b.check("review-done").await;
    // N takes the next one: none is left, so the queue says so.
    press(&b, "KeyN", "т", false).await;
    b.settle().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    b.settle().await;
    let here = b.here().await;
    b.expect(
        here.starts_with("/review") && here != format!("/review/{}", ids[2]),
        format!("N took the next: {here}"),
    );
    b.finish().await;
}

/// Presses the key at `code` (typing `key` on the layout in use) on the page.
async fn press(b: &Browser, code: &str, key: &str, shift: bool) {
    b.script(&format!(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {{code: '{code}', key: '{key}', shiftKey: {shift}, bubbles: true}}))"
    ))
    .await;
}

#[tokio::test]
async fn a_verifiers_shift_in_russian() {
    verifier_shift("ru").await;
}

#[tokio::test]
async fn a_verifiers_shift_in_kazakh() {
    verifier_shift("kk").await;
}
