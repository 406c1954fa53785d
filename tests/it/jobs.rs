//! The durable job queue: competing workers run each job once; a failure is retried after a
//! pause and ends as a dead letter; a panic is recorded as a failure and the worker goes on; a
//! job whose worker lost its lease is taken again and the old worker changes nothing; the
//! portal's own periodic jobs run; administrators retry and cancel jobs, audited, with a second
//! administrator told the job changed meanwhile.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use kreditomat_portal::{
    auth::Role,
    jobs::{
        kinds, queue,
        worker::{self, Ended},
    },
};
use serde_json::json;
use time::Duration;

use crate::{
    db_test,
    harness::{Backend, TestApp, csrf_in, location, scalar, text},
    on_both_backends,
};

/// A portal whose own workers run no job, without its periodic jobs: the test's jobs and
/// workers are the only ones.
async fn quiet(backend: Backend) -> Option<TestApp> {
    let app = TestApp::spawn_with(backend, |c| c.job_workers = 0).await?;
    app.db.execute("DELETE FROM jobs").await.expect("no periodic jobs");
    Some(app)
}

mod competing_workers_run_each_job_once {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = quiet(backend).await else { return };
        let total = 300;
        for i in 0..total {
            queue::enqueue(&app.db, "test.count", &json!({ "n": i }), 3, None).await.unwrap();
        }
        let ran: Arc<Mutex<HashMap<i64, u32>>> = Arc::default();
        let mut workers = Vec::new();
        for _ in 0..4 {
            let db = app.db.clone();
            let ran = ran.clone();
            workers.push(tokio::spawn(async move {
                loop {
                    let ran = ran.clone();
                    let taken = worker::work_once(&db, Duration::minutes(1), move |job| async move {
                        *ran.lock().unwrap().entry(job.id).or_default() += 1;
                        tokio::task::yield_now().await;
                        Ok(1)
                    })
                    .await
                    .unwrap();
                    match taken {
                        Some((_, ended)) => assert_eq!(ended, Ended::Done(1)),
                        None => break,
                    }
                }
            }));
        }
        for w in workers {
            w.await.unwrap();
        }
        let ran = ran.lock().unwrap().clone();
        assert_eq!(ran.len(), total, "every job ran");
        assert!(ran.values().all(|n| *n == 1), "no job ran twice");
        let done =
            scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'test.count' AND state = 'done'").await;
        assert_eq!(done, total as i64);
    }

    on_both_backends!(check);
}

mod failures_are_retried_then_dead_and_panics_are_failures {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = quiet(backend).await else { return };
        let db = &app.db;
        let id = queue::enqueue(db, "test.fail", &json!({}), 2, None).await.unwrap();
        let failing = |_job| async { Err::<i64, String>("SMTP server refused: 451".into()) };
        let (job, ended) = worker::work_once(db, Duration::minutes(1), failing).await.unwrap().unwrap();
        assert_eq!((job.id, job.attempts), (id, 1));
        assert_eq!(ended, Ended::Failed("SMTP server refused: 451".into()));
        // Queued again, after a pause: not due yet.
        let state = text(&app, &format!("SELECT state FROM jobs WHERE id = {id}")).await;
        assert_eq!(state, "queued");
        assert!(text(&app, &format!("SELECT last_error FROM jobs WHERE id = {id}")).await.contains("451"));
        assert!(worker::work_once(db, Duration::minutes(1), failing).await.unwrap().is_none(), "waits");
        // Its time comes: the second and last attempt fails too, and it is a dead letter.
        app.db.execute(&format!("UPDATE jobs SET run_at = created_at WHERE id = {id}")).await.unwrap();
        let (job, _) = worker::work_once(db, Duration::minutes(1), failing).await.unwrap().unwrap();
        assert_eq!(job.attempts, 2);
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {id}")).await, "failed");
        assert!(worker::work_once(db, Duration::minutes(1), failing).await.unwrap().is_none());

        // A panic is a failure with its message; the worker takes the next job.
        let boom = queue::enqueue(db, "test.panic", &json!({}), 1, None).await.unwrap();
        let next = queue::enqueue(db, "test.count", &json!({}), 1, None).await.unwrap();
        let panicking = |job: queue::Claimed| async move {
            if job.kind == "test.panic" {
                panic!("index out of bounds in job {}", job.id);
            }
            Ok(7)
        };
        let (_, ended) = worker::work_once(db, Duration::minutes(1), panicking).await.unwrap().unwrap();
        assert_eq!(ended, Ended::Failed(format!("panicked: index out of bounds in job {boom}")));
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {boom}")).await, "failed");
        let (job, ended) = worker::work_once(db, Duration::minutes(1), panicking).await.unwrap().unwrap();
        assert_eq!((job.id, ended), (next, Ended::Done(7)));
        assert_eq!(scalar(&app, &format!("SELECT last_count FROM jobs WHERE id = {next}")).await, 7);
        // The portal still answers.
        assert_eq!(app.client().get(format!("{}/healthz", app.base)).send().await.unwrap().status(), 200);
    }

    on_both_backends!(check);
}

mod a_lost_lease_is_taken_again_and_the_old_worker_changes_nothing {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = quiet(backend).await else { return };
        let db = &app.db;
        let id = queue::enqueue(db, "test.mail", &json!({}), 5, None).await.unwrap();
        // The first process takes it and dies: its lease runs out.
        let first = queue::claim(db, "dead-process-1", Duration::seconds(-1)).await.unwrap().unwrap();
        assert_eq!(first.id, id);
        let second = queue::claim(db, "live-process-1", Duration::minutes(1)).await.unwrap().unwrap();
        assert_eq!((second.id, second.attempts), (id, 2), "taken again, counted as an attempt");
        assert!(queue::claim(db, "live-process-2", Duration::minutes(1)).await.unwrap().is_none(), "held");
        // The first process's late answer changes nothing; the holder's is kept.
        assert!(!queue::succeed(db, &first, 1).await.unwrap());
        assert!(!queue::extend(db, &first, Duration::minutes(1)).await.unwrap());
        assert!(queue::succeed(db, &second, 1).await.unwrap());
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {id}")).await, "done");
        // A job whose process died on every attempt is a dead letter, not run again.
        let id = queue::enqueue(db, "test.crash", &json!({}), 1, None).await.unwrap();
        queue::claim(db, "dead-process-2", Duration::seconds(-1)).await.unwrap().unwrap();
        let never = |_job| async { panic!("must not run") };
        let (_, ended) = worker::work_once(db, Duration::minutes(1), never).await.unwrap().unwrap();
        assert_eq!(ended, Ended::Failed("the process running the job stopped".into()));
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {id}")).await, "failed");
    }

    on_both_backends!(check);
}

db_test!(the_portals_periodic_jobs_run_on_its_own_workers, |app| {
    // Each periodic kind is one row, due at start; the process's workers run them.
    let periodic = scalar(&app, "SELECT COUNT(*) FROM jobs WHERE period_seconds IS NOT NULL").await;
    assert_eq!(periodic, kinds::periodic().len() as i64);
    let mut ran = 0;
    for _ in 0..100 {
        ran = scalar(&app, "SELECT COUNT(*) FROM jobs WHERE period_seconds IS NOT NULL AND runs > 0").await;
        if ran == periodic {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ran, periodic, "every periodic job ran once");
    let errors = text(&app, "SELECT COALESCE(MAX(last_error), '') FROM jobs").await;
    assert_eq!(errors, "", "none failed");
    // Each is due again a period later, not before.
    let due = scalar(
        &app,
        "SELECT COUNT(*) FROM jobs WHERE period_seconds IS NOT NULL AND state = 'queued' AND run_at > last_run_at",
    )
    .await;
    assert_eq!(due, periodic);
    // A second start (another process) adds none.
    kreditomat_portal::jobs::queue::ensure_periodic(&app.db, kinds::AUTO_CLOSE, Duration::minutes(15))
        .await
        .unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE period_seconds IS NOT NULL").await, periodic);
});

mod administrators_retry_and_cancel_jobs_audited {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = quiet(backend).await else { return };
        let db = &app.db;
        let dead = queue::enqueue(db, kinds::RESCREEN, &json!({ "version_id": 999 }), 1, None).await.unwrap();
        let failing = |_job| async { Err::<i64, String>("list version 999 not found".into()) };
        worker::work_once(db, Duration::minutes(1), failing).await.unwrap().unwrap();
        let waiting =
            queue::enqueue(db, kinds::RESCREEN, &json!({ "version_id": 998 }), 3, None).await.unwrap();
        // One scheduled task, not due during the test.
        queue::ensure_periodic(db, kinds::AUTO_CLOSE, Duration::minutes(15)).await.unwrap();
        db.execute("UPDATE jobs SET run_at = '2100-01-01T00:00:00Z' WHERE unique_key IS NOT NULL")
            .await
            .unwrap();

        // Only administrators see the page or act.
        let verifier = app.signed_in("verifier", &[Role::Verifier]).await;
        assert_eq!(app.get(&verifier, "/admin/jobs").await.status(), 403);
        let r = app.post_form(&verifier, &format!("/admin/jobs/{dead}/retry"), &[]).await;
        assert_eq!(r.status(), 403);

        let admin = app.signed_in("admin", &[Role::Admin]).await;
        let html = app.get(&admin, "/admin/jobs").await.text().await.unwrap();
        // The failed one is shown first, with its error and the kind's name in the admin's language.
        assert!(html.contains("list version 999 not found"), "{html}");
        assert!(html.contains("Повторная проверка заявок по новой версии списка"));
        assert!(html.contains("Закрытие решённых обращений"), "the scheduled tasks");
        // Without the form's token nothing happens.
        let r = admin
            .post(format!("{}/admin/jobs/{dead}/retry", app.base))
            .form(&[("csrf", "forged")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {dead}")).await, "failed");

        // Two administrators act on the dead letter at once: the first retries it, the second,
        // who saw it failed, is told it changed and nothing else happens.
        let other = app.signed_in("admin2", &[Role::Admin]).await;
        let token = csrf_in(&app.get(&other, "/admin/jobs").await.text().await.unwrap()).unwrap();
        let r = app.post_form(&admin, &format!("/admin/jobs/{dead}/retry"), &[("state", "failed")]).await;
        assert_eq!(r.status(), 303);
        assert!(location(&r).starts_with("/admin/jobs"));
        let r = other
            .post(format!("{}/admin/jobs/{dead}/cancel", app.base))
            .form(&[("csrf", token.as_str()), ("state", "failed")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let page = app.get(&other, &location(&r)).await.text().await.unwrap();
        assert!(page.contains(&format!("Задание № {dead} уже изменилось")), "{page}");
        // Retried: queued afresh, its attempts counted from zero.
        let row =
            text(&app, &format!("SELECT state || ' ' || CAST(attempts AS TEXT) FROM jobs WHERE id = {dead}"))
                .await;
        assert_eq!(row, "queued 0");
        // Cancelling the waiting one.
        let r = app.post_form(&admin, &format!("/admin/jobs/{waiting}/cancel"), &[("state", "queued")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {waiting}")).await, "cancelled");
        // A cancelled job is not taken.
        let (job, _) =
            worker::work_once(db, Duration::minutes(1), |_job| async { Ok(0) }).await.unwrap().unwrap();
        assert_eq!(job.id, dead);
        assert!(worker::work_once(db, Duration::minutes(1), |_job| async { Ok(0) }).await.unwrap().is_none());
        // A scheduled task cannot be cancelled; it can be run now.
        let auto_close =
            scalar(&app, &format!("SELECT id FROM jobs WHERE unique_key = '{}'", kinds::AUTO_CLOSE)).await;
        app.post_form(&admin, &format!("/admin/jobs/{auto_close}/cancel"), &[("state", "queued")]).await;
        assert_eq!(text(&app, &format!("SELECT state FROM jobs WHERE id = {auto_close}")).await, "queued");
        // Each action is in the audit trail, with the job and its state before.
        let audited = scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'job'
                 AND ((action = 'job.retried' AND subject_id = '{dead}') OR (action = 'job.cancelled' AND subject_id = '{waiting}'))"
            ),
        )
        .await;
        assert_eq!(audited, 2);
        // An unknown job is not found.
        assert_eq!(
            app.post_form(&admin, "/admin/jobs/987654/retry", &[("state", "failed")]).await.status(),
            404
        );
        // A forged state is refused.
        let r = app.post_form(&admin, &format!("/admin/jobs/{dead}/retry"), &[("state", "exploded")]).await;
        assert_eq!(r.status(), 400);
        // Kazakh.
        let kk = app.signed_in("admin-kk", &[Role::Admin]).await;
        app.post_form(&kk, "/account/language", &[("language", "kk")]).await;
        let html = app.get(&kk, "/admin/jobs").await.text().await.unwrap();
        assert!(html.contains("Фондық тапсырмалар"), "{html}");
    }

    on_both_backends!(check);
}
