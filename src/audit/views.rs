//! The personal-data access log: every view of an applicant's page and every original download,
//! written before the page or file is sent.
//!
//! Repeated views of one application by one person from one address within a window of ten
//! minutes are one row, with a count and the last view's time; the row keeps the first view's
//! time. The rows cannot be deleted, and only their count and last view can change.
//!
//! Views that arrive together share one write transaction (group commit): the first request to
//! find no write under way writes every view queued by then, in a task of its own, and the others
//! wait for the write that holds theirs. Each request still gets its page only once its view is
//! committed, but a busy shift costs one commit per batch, not one per page, and writers no
//! longer queue inside the database.

use std::sync::{Arc, Mutex};

use time::OffsetDateTime;
use tokio::sync::oneshot;

use crate::db::{
    self, Db,
    bulk::{V, insert_atomic_then},
};

/// One view waiting to be written, with the request that waits for it.
struct Pending {
    at: OffsetDateTime,
    staff: i64,
    application: i64,
    access: &'static str,
    ip: String,
    done: oneshot::Sender<Result<(), String>>,
}

#[derive(Default)]
struct Queue {
    pending: Vec<Pending>,
    /// Whether a task is writing (and will take what is queued next).
    writing: bool,
}

/// The access log's writer; clones share the queue.
#[derive(Clone)]
pub struct ViewLog {
    db: Db,
    queue: Arc<Mutex<Queue>>,
}

/// Puts `writing` back if the writing task unwinds, so the next view starts a new one.
struct Unwind(Arc<Mutex<Queue>>);

impl Drop for Unwind {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut q = self.0.lock().unwrap_or_else(|e| e.into_inner());
            q.writing = false;
            q.pending.clear();
        }
    }
}

impl ViewLog {
    pub fn new(db: Db) -> ViewLog {
        ViewLog { db, queue: Arc::default() }
    }

    /// Records that `staff` saw application `application`'s personal data (`access`: what they
    /// opened), from `ip`; returns once it is committed.
    pub async fn record(
        &self,
        staff: i64,
        application: i64,
        access: &'static str,
        ip: &str,
    ) -> Result<(), sqlx::Error> {
        let (done, written) = oneshot::channel();
        let view = Pending { at: db::now(), staff, application, access, ip: ip.to_string(), done };
        let lead = {
            let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
            q.pending.push(view);
            !std::mem::replace(&mut q.writing, true)
        };
        if lead {
            // A task of its own: a request that goes away must not take the others' write with it.
            let this = self.clone();
            tokio::spawn(async move { this.write_queued().await });
        }
        match written.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(sqlx::Error::Protocol(format!("access log: {e}"))),
            Err(_) => Err(sqlx::Error::Protocol("access log: the write was abandoned".into())),
        }
    }

    /// Writes batches until the queue is empty.
    async fn write_queued(&self) {
        let _unwind = Unwind(self.queue.clone());
        loop {
            let batch = {
                let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
                if q.pending.is_empty() {
                    q.writing = false;
                    return;
                }
                std::mem::take(&mut q.pending)
            };
            let result = self.write(&batch).await.map_err(|e| e.to_string());
            for view in batch {
                let _ = view.done.send(result.clone());
            }
        }
    }

    async fn write(&self, batch: &[Pending]) -> Result<(), sqlx::Error> {
        // Views of one key in one batch become one row first: one statement may not touch a
        // row twice.
        let mut rows: Vec<Window> = Vec::new();
        for v in batch {
            let window = v.at.unix_timestamp().div_euclid(WINDOW_SECONDS);
            match rows.iter_mut().find(|w| {
                w.staff == v.staff
                    && w.application == v.application
                    && w.access == v.access
                    && w.ip == v.ip
                    && w.window == window
            }) {
                Some(w) => {
                    w.views += 1;
                    w.last = w.last.max(v.at);
                }
                None => rows.push(Window {
                    first: v.at,
                    last: v.at,
                    staff: v.staff,
                    application: v.application,
                    access: v.access,
                    ip: v.ip.clone(),
                    window,
                    views: 1,
                }),
            }
        }
        let values: Vec<Vec<V>> = rows
            .into_iter()
            .map(|w| {
                vec![
                    V::Time(w.first),
                    V::Time(w.last),
                    V::Int(w.staff),
                    V::Int(w.application),
                    V::Text(w.access.into()),
                    V::Text(w.ip),
                    V::Int(w.window),
                    V::Int(w.views),
                ]
            })
            .collect();
        insert_atomic_then(
            &self.db,
            "pd_access_log",
            &["at", "last_at", "staff_id", "application_id", "access", "ip", "window_no", "views"],
            &values,
            " ON CONFLICT (staff_id, application_id, access, ip, window_no) DO UPDATE
              SET views = pd_access_log.views + excluded.views, last_at = excluded.last_at",
        )
        .await
    }
}

/// The length of a window of the access log.
pub const WINDOW_SECONDS: i64 = 600;

/// One row to write: a key, its window, and the views in it.
struct Window {
    first: OffsetDateTime,
    last: OffsetDateTime,
    staff: i64,
    application: i64,
    access: &'static str,
    ip: String,
    window: i64,
    views: i64,
}
