//! An administrator at the background jobs, in both languages: the failed job is shown first
//! with its error, retried, then cancelled after the browser's own confirmation; the scheduled
//! tasks are listed with how often each runs.

use kreditomat_portal::{
    auth::Role,
    jobs::{kinds, queue, worker},
};
use serde_json::json;

use super::Browser;
use crate::harness::{Backend, PASSWORD, TestApp};

async fn journey(lang: &str) {
    // The portal's own workers are off: the job stays as the journey leaves it.
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.job_workers = 0).await.expect("SQLite");
    app.create_staff("admin", &[Role::Admin]).await;
    let id = queue::enqueue(&app.db, kinds::RESCREEN, &json!({ "version_id": 7 }), 1, None).await.unwrap();
    // The periodic jobs are due first (older); only the re-screen fails.
    loop {
        let run = |j: queue::Claimed| async move {
            if j.kind == kinds::RESCREEN {
                Err("error returned from database: connection reset by peer".to_string())
            } else {
                Ok(0)
            }
        };
        let (job, _) =
            worker::work_once(&app.db, time::Duration::minutes(1), run).await.unwrap().expect("a job");
        if job.id == id {
            break;
        }
    }
    let Some(mut b) = Browser::start(&app, &format!("jobs-{lang}"), true).await else { return };
    b.enter("admin", PASSWORD, lang).await;
    b.open("/admin/jobs").await;
    b.expect(b.text_of("main").await.contains("connection reset by peer"), "the failed job shows its error");
    b.expect(b.has("nav.tabs a[aria-current=page][href='/admin/jobs?state=failed']").await, "failed first");
    b.expect(b.has("#scheduled-heading").await, "the scheduled tasks are listed");
    b.check("jobs-failed").await;

    b.click(&format!("form[action='/admin/jobs/{id}/retry'] button")).await;
    b.expect(b.has(".flash-ok").await, "the retry is confirmed");
    b.expect(b.has("nav.tabs a[aria-current=page][href='/admin/jobs?state=queued']").await, "now queued");
    b.check("jobs-retried").await;

    b.click(&format!("form[action='/admin/jobs/{id}/cancel'] button")).await;
    b.expect(b.has(".flash-ok").await, "the cancel is confirmed");
    b.open("/admin/jobs?state=cancelled").await;
    b.expect(
        b.has(&format!("form[action='/admin/jobs/{id}/retry']")).await,
        "a cancelled job can be retried",
    );
    b.check("jobs-cancelled").await;
    b.finish().await;
}

#[tokio::test]
async fn an_administrator_retries_and_cancels_a_job_in_russian() {
    journey("ru").await;
}

#[tokio::test]
async fn an_administrator_retries_and_cancels_a_job_in_kazakh() {
    journey("kk").await;
}
