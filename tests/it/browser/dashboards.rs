//! A manager reads every tab of the dashboards, with their charts, in both languages; a wrong
//! period is named next to its field; a year is shown week by week.

use kreditomat_portal::{auth::Role, config::Config, demo, photos::storage::Photos};

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp};

/// Whether the page's first chart was drawn: its box has a height and it has marks.
const CHART_DRAWN: &str = "const s = document.querySelector('svg.chart');
  return !!s && s.getBoundingClientRect().height > 60 && s.querySelectorAll('rect, polyline').length > 2;";

async fn journey(lang: &str) {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    app.create_staff("boss", &[Role::Manager]).await;
    let photos = Photos::from_config(&Config::local(app.data_dir.path().to_path_buf())).unwrap();
    demo::seed::seed(&app.db, &photos, 120).await.unwrap();
    demo::customers::load(&app.db).await.unwrap();
    demo::seed_tickets::seed(&app.db, 120, None).await.unwrap();
    demo::restoration::load(&app.db, &photos).await.unwrap();

    let Some(mut b) = Browser::start(&app, &format!("dashboards-{lang}"), true).await else { return };
    b.enter("boss", PASSWORD, lang).await;
    b.open("/").await;
    b.click("a[href='/dashboard']").await;
    b.expect(b.here().await == "/dashboard/kyc", "the dashboards open on the KYC tab");
    b.check("dashboards-kyc").await;
    for tab in ["compliance", "support", "security"] {
        b.click(&format!("nav.tabs a[href^='/dashboard/{tab}?']")).await;
        b.expect(
            b.here().await.starts_with(&format!("/dashboard/{tab}?period=30d")),
            format!("the {tab} tab"),
        );
        b.check(&format!("dashboards-{tab}")).await;
    }
    // A year, week by week, with its chart drawn.
    b.open("/dashboard/kyc?period=range&from=2025-12-01&to=2026-11-30").await;
    b.expect(b.script(CHART_DRAWN).await == serde_json::Value::Bool(true), "the chart is drawn");
    b.check("dashboards-year").await;
    // A period that ends before it starts: the message next to the field, the dates kept.
    b.open("/dashboard/support").await;
    b.script(
        "document.getElementById('period').value = 'range';
         document.getElementById('from').value = '2026-12-05';
         document.getElementById('to').value = '2026-12-01'; return true;",
    )
    .await;
    b.click("form.filters button[type=submit]").await;
    b.expect(b.has("#to-error").await, "the end before the start is named next to it");
    b.check("dashboards-period-error").await;
    b.finish().await;
}

#[tokio::test]
async fn a_manager_reads_the_dashboards_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn a_manager_reads_the_dashboards_in_kazakh() {
    journey("kk").await;
}
