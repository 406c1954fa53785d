//! A verifier looks a repeat applicant up, in both languages: the customer search by name, then
//! the customer page with both applications, the earlier phone as history, the IIN masked and
//! the timeline; the IIN shown in full only once a reason is given.

use kreditomat_portal::with_db;
use serde_json::json;

use super::{Browser, journeys::portal_with_queue};
use crate::{
    harness::PASSWORD,
    intake,
    review::{applicant, submit},
};

#[tokio::test]
async fn a_verifier_finds_a_customer_and_sees_their_history_in_both_languages() {
    let (app, ids) = portal_with_queue().await;
    // The first applicant applies again from a new phone.
    let key = intake::key(&app).await;
    let mut again = applicant(51);
    again["external_id"] = json!("app-51-again");
    again["applicant"]["phone"] = json!("+77019990051");
    let second = submit(&app, &key, &again, 51).await;
    let (customer, iin): (i64, String) =
        with_db!(&app.db, |c| sqlx::query_as("SELECT customer_id, iin FROM applications WHERE id = $1")
            .bind(ids[0])
            .fetch_one(c)
            .await)
        .unwrap();
    let Some(mut b) = Browser::start(&app, "customers", true).await else { return };
    for lang in ["ru", "kk"] {
        b.enter("ver", PASSWORD, lang).await;
        b.open("/customers").await;
        b.check(&format!("customers-recent-{lang}")).await;
        b.fill("#q", "Сейітоваz").await;
        b.click("form.filters button[type=submit]").await;
        b.expect(b.has(&format!("a[href='/customers/{customer}']")).await, format!("{lang}: found by name"));
        b.check(&format!("customers-found-{lang}")).await;
        b.click(&format!("a[href='/customers/{customer}']")).await;
        let text = b.script("return document.querySelector('main').innerText").await;
        let text = text.as_str().unwrap_or_default().to_string();
        b.expect(!text.contains(&iin), format!("{lang}: the full IIN is not on the page"));
        b.expect(
            b.has(&format!("a[href='/review/{}']", ids[0])).await
                && b.has(&format!("a[href='/review/{second}']")).await,
            format!("{lang}: both applications are listed"),
        );
        b.expect(b.has("#earlier-h").await, format!("{lang}: the earlier phone is history"));
        b.expect(b.has("ol.timeline li").await, format!("{lang}: the timeline has entries"));
        b.check(&format!("customer-page-{lang}")).await;
        b.script("document.querySelector('#timeline-h').scrollIntoView()").await;
        b.check(&format!("customer-timeline-{lang}")).await;

        // Showing the IIN in full: refused without a reason, with what was typed kept; then
        // shown for this view with a reason.
        b.click("details.reveal summary").await;
        b.fill("#reveal-comment", "обращение 1042").await;
        b.click("details.reveal button[type=submit]").await;
        b.expect(b.has("#reason-error").await, format!("{lang}: a reveal without a reason is refused"));
        let kept = b.script("return document.querySelector('#reveal-comment').value").await;
        b.expect(kept == "обращение 1042", format!("{lang}: the comment is kept ({kept})"));
        let text = b.script("return document.querySelector('main').innerText").await;
        b.expect(!text.as_str().unwrap_or_default().contains(&iin), format!("{lang}: nothing shown"));
        b.script("document.querySelector('details.reveal').scrollIntoView()").await;
        b.check(&format!("customer-reveal-refused-{lang}")).await;
        b.script("document.querySelector('#reveal-reason').value = 'customer_request'").await;
        b.click("details.reveal button[type=submit]").await;
        let text = b.script("return document.querySelector('main').innerText").await;
        b.expect(
            text.as_str().unwrap_or_default().contains(&iin),
            format!("{lang}: the IIN is shown in full"),
        );
        b.check(&format!("customer-revealed-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
