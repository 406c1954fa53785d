//! The events feed under concurrent writers: a poller that remembers the last `seq` it saw gets
//! every event exactly once, in order, with no gap, while applications arrive in parallel on two
//! portal processes.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use serde_json::Value;

use crate::{
    harness::{Backend, TestApp},
    intake, on_both_backends,
    review::applicant,
};

const WRITERS: u64 = 4;
const EACH: u64 = 4;

/// Polls `base`'s feed from `after` until `stop` is set and a last poll finds nothing new;
/// returns every `seq` seen, in the order seen.
async fn poll(base: String, key: String, stop: Arc<AtomicBool>) -> Vec<i64> {
    let http = reqwest::Client::new();
    let mut after = 0;
    let mut seen = Vec::new();
    loop {
        let finished = stop.load(Ordering::SeqCst);
        let page: Value = http
            .get(format!("{base}/api/v1/events?after={after}&limit=3"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let events = page["events"].as_array().unwrap();
        for e in events {
            seen.push(e["seq"].as_i64().unwrap());
        }
        after = page["next_after"].as_i64().unwrap();
        if events.is_empty() {
            if finished {
                return seen;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
}

async fn check(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let second = app.second_process(&[]).await;
    let key = intake::key(&app).await;
    let stop = Arc::new(AtomicBool::new(false));
    let poller = tokio::spawn(poll(app.base.clone(), key.clone(), stop.clone()));
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let base = if w % 2 == 0 { app.base.clone() } else { second.clone() };
        let key = key.clone();
        writers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            for i in 0..EACH {
                let n = 100 + w * EACH + i;
                let res = http
                    .post(format!("{base}/api/v1/applications"))
                    .bearer_auth(&key)
                    .multipart(intake::form(&applicant(n), n))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    stop.store(true, Ordering::SeqCst);
    let seen = poller.await.unwrap();
    let total = i64::try_from(WRITERS * EACH).unwrap();
    assert_eq!(seen, (1..=total).collect::<Vec<_>>(), "every event once, in order, no gap");
    let stored: i64 = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox_events WHERE event_type = 'application.received'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(stored, total);
}

mod a_poller_misses_nothing_while_two_processes_write {
    use super::*;
    on_both_backends!(check);
}
