//! A manager's view of an applicant, in both languages: the review page with the fields their
//! role does not need masked or hidden (and a note saying why), and a search by a full IIN
//! refused next to the search box with what was typed kept.

use kreditomat_portal::{auth::Role, with_db};

use super::{Browser, journeys::portal_with_queue};
use crate::harness::PASSWORD;

#[tokio::test]
async fn a_manager_sees_what_the_role_needs_in_both_languages() {
    let (app, ids) = portal_with_queue().await;
    app.create_staff("boss", &[Role::Manager]).await;
    let (iin, address): (String, String) =
        with_db!(&app.db, |c| sqlx::query_as("SELECT iin, reg_address FROM applications WHERE id = $1")
            .bind(ids[0])
            .fetch_one(c)
            .await)
        .unwrap();
    let Some(mut b) = Browser::start(&app, "personal-data", true).await else { return };
    for lang in ["ru", "kk"] {
        b.enter("boss", PASSWORD, lang).await;
        b.open(&format!("/review/{}", ids[0])).await;
        let text = b.script("return document.querySelector('main').innerText").await;
        let text = text.as_str().unwrap_or_default();
        b.expect(!text.contains(&iin), format!("{lang}: the full IIN is not on the page"));
        b.expect(!text.contains(&address), format!("{lang}: the address is not on the page"));
        b.expect(b.has("dd.muted").await, format!("{lang}: hidden fields say so"));
        // The screenshot shows the applicant's data, where the masking is.
        b.script("document.querySelector('.columns.data').scrollIntoView()").await;
        b.check(&format!("review-manager-{lang}")).await;

        b.open(&format!("/review?q={iin}")).await;
        b.expect(b.has("#q-error").await, format!("{lang}: a search by full IIN is refused"));
        let kept = b.script("return document.querySelector('#q').value").await;
        b.expect(kept == iin.as_str(), format!("{lang}: the search box keeps {kept}"));
        b.check(&format!("queue-manager-iin-{lang}")).await;
        b.click("form[action='/logout'] button").await;
    }
    b.finish().await;
}
