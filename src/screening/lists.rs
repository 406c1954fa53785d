//! Screening lists in the database: importing a file as a new version of a named list, all or
//! nothing, and reading lists and versions back.
//!
//! An import compares the file with the list's current entries by id: new ids are added,
//! entries whose content hash changed are changed, ids missing from the file are removed (kept
//! for the hits that name them, out of the index). The version records who imported it, when,
//! and those counts; everything happens in one transaction, so a refused file leaves nothing.

use std::{collections::HashMap, io::Read};

use serde_json::json;
use sqlx::FromRow;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use super::file::{Encoding, FileError, Format, ListEntry, ListReader, ReadSummary};
use crate::{
    audit::{self, Actor, Entry},
    db::{
        self, Db, Tx,
        bulk::{V, insert},
    },
    with_db, with_tx,
};

/// Why an import failed; nothing of it was kept.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", .0.id)]
    File(FileError),
    #[error("list name must be 1 to 100 characters")]
    BadName,
    #[error("the file has no person entries")]
    NoEntries,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What an import did.
#[derive(Clone, Debug)]
pub struct ImportReport {
    pub list_id: i64,
    pub list: String,
    pub version_id: i64,
    pub version: i64,
    pub format: Format,
    pub encoding: Encoding,
    pub entries: i64,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
    pub unchanged: i64,
    pub read: ReadSummary,
}

/// A stored version of a list.
#[derive(Clone, Debug, FromRow)]
pub struct Version {
    pub id: i64,
    pub list_id: i64,
    pub list: String,
    pub version: i64,
    pub format: String,
    pub file_name: String,
    pub encoding: String,
    pub imported_by: Option<String>,
    pub imported_at: OffsetDateTime,
    pub entries: i64,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
    pub skipped: i64,
    pub screen_state: String,
    pub screen_total: i64,
    pub screen_done: i64,
    pub screen_hits: i64,
}

impl Version {
    /// Re-screening progress in percent.
    pub fn percent(&self) -> i64 {
        if self.screen_total == 0 { 100 } else { self.screen_done * 100 / self.screen_total }
    }
}

/// Every version of every list, newest first.
pub async fn versions(db: &Db, limit: i64) -> Result<Vec<Version>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT v.id, v.list_id, l.name AS list, v.version, v.format, v.file_name, v.encoding,
                s.login AS imported_by, v.imported_at, v.entries, v.added, v.changed, v.removed, v.skipped,
                v.screen_state, v.screen_total, v.screen_done, v.screen_hits
         FROM list_versions v JOIN screening_lists l ON l.id = v.list_id
         LEFT JOIN staff s ON s.id = v.imported_by
         ORDER BY v.id DESC LIMIT $1"
    )
    .bind(limit)
    .fetch_all(c)
    .await)
}

/// Entries read from the file, sent from the reading thread in batches.
enum Batch {
    Entries(Vec<ListEntry>),
    Done(ReadSummary),
    Failed(FileError),
}

const BATCH: usize = 2_000;

/// Reads `input` on a blocking thread and sends its entries in batches; `progress` is told the
/// number of rows read so far.
fn spawn_reader<R: Read + Send + 'static>(
    input: R,
    tx: mpsc::Sender<Batch>,
) -> Result<(Format, Encoding), FileError> {
    let mut reader = ListReader::new(input)?;
    let meta = (reader.format(), reader.encoding);
    tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            match reader.next_entry() {
                Ok(Some(e)) => {
                    batch.push(e);
                    if batch.len() == BATCH
                        && tx.blocking_send(Batch::Entries(std::mem::take(&mut batch))).is_err()
                    {
                        return;
                    }
                }
                Ok(None) => {
                    if !batch.is_empty() {
                        let _ = tx.blocking_send(Batch::Entries(batch));
                    }
                    let _ = tx.blocking_send(Batch::Done(std::mem::take(&mut reader.summary)));
                    return;
                }
                Err(e) => {
                    let _ = tx.blocking_send(Batch::Failed(e));
                    return;
                }
            }
        }
    });
    Ok(meta)
}

/// Imports `input` (read from the start, streamed) as the next version of the list `list_name`
/// (created if new). `progress` is called with the rows stored so far. With `queue_rescreen`,
/// the re-screening of the applications against the version is queued as a job in the import's
/// own transaction ([`crate::jobs::kinds::RESCREEN`]); without it the caller re-screens.
pub async fn import<R: Read + Send + 'static>(
    db: &Db,
    actor: &Actor,
    list_name: &str,
    file_name: &str,
    input: R,
    queue_rescreen: bool,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    let list_name = list_name.trim();
    if list_name.is_empty() || list_name.chars().count() > 100 {
        return Err(ImportError::BadName);
    }
    let (sender, mut batches) = mpsc::channel(4);
    // The header and encoding are checked before anything is written.
    let (format, encoding) = spawn_reader(input, sender).map_err(ImportError::File)?;

    let mut tx = db.begin().await?;
    let now = db::now();
    let list_id = list_id(&mut tx, list_name, now).await?;
    let version: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM list_versions WHERE list_id = $1"
    )
    .bind(list_id)
    .fetch_one(&mut *c)
    .await)?;
    let staff_id = match actor {
        Actor::Staff { id, .. } => Some(*id),
        _ => None,
    };
    let file_name: String = file_name.chars().take(200).collect();
    let version_id: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO list_versions (list_id, version, format, file_name, encoding, imported_by, imported_at,
                                    entries, added, changed, removed, skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0) RETURNING id"
    )
    .bind(list_id)
    .bind(version)
    .bind(format.code())
    .bind(&file_name)
    .bind(encoding.code())
    .bind(staff_id)
    .bind(now)
    .fetch_one(&mut *c)
    .await
    })?;

    // Current content of the list: external id -> (entry id, hash, removed).
    let rows: Vec<(i64, String, String, Option<i64>)> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT id, external_id, content_hash, removed_in FROM list_entries WHERE list_id = $1"
    )
    .bind(list_id)
    .fetch_all(&mut *c)
    .await)?;
    let mut existing: HashMap<String, (i64, String, bool, bool)> = rows
        .into_iter()
        .map(|(id, ext, hash, removed)| (ext, (id, hash, removed.is_some(), false)))
        .collect();

    let (mut added, mut changed, mut unchanged, mut stored) = (0i64, 0i64, 0i64, 0u64);
    let summary = loop {
        let Some(batch) = batches.recv().await else {
            return Err(ImportError::File(FileError {
                id: "list-error-io",
                args: vec![("error", "reader stopped".into())],
            }));
        };
        let entries = match batch {
            Batch::Entries(e) => e,
            Batch::Done(s) => break s,
            // Dropping the transaction rolls the whole version back.
            Batch::Failed(e) => return Err(ImportError::File(e)),
        };
        let mut new = Vec::new();
        for e in entries {
            let hash = e.content_hash();
            match existing.get_mut(&e.external_id) {
                Some((id, old_hash, removed, seen)) => {
                    *seen = true;
                    if *old_hash != hash || *removed {
                        update_entry(&mut tx, *id, &e, &hash, version_id).await?;
                        *old_hash = hash;
                        *removed = false;
                        changed += 1;
                    } else {
                        unchanged += 1;
                    }
                }
                None => new.push((e, hash)),
            }
        }
        added += new.len() as i64;
        // New entries are not remembered: the file cannot hold an id twice (the reader skips
        // repeats), and only entries that were there before can be removed.
        insert_entries(&mut tx, list_id, version_id, &new).await?;
        stored += BATCH as u64;
        progress(stored);
    };
    if added + changed + unchanged == 0 {
        return Err(ImportError::NoEntries);
    }
    let gone: Vec<i64> =
        existing.values().filter(|(_, _, removed, seen)| !*seen && !*removed).map(|(id, ..)| *id).collect();
    for chunk in gone.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        with_tx!(&mut tx, |c| {
            sqlx::query(&format!("UPDATE list_entries SET removed_in = $1 WHERE id IN ({list})"))
                .bind(version_id)
                .execute(&mut *c)
                .await?;
            sqlx::query(&format!("DELETE FROM list_entry_keys WHERE entry_id IN ({list})"))
                .execute(&mut *c)
                .await
                .map(|_| ())
        })?;
    }
    let removed = gone.len() as i64;
    let entries = added + changed + unchanged;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE list_versions SET entries = $2, added = $3, changed = $4, removed = $5, skipped = $6,
                screen_state = CASE WHEN $3 + $4 + $5 = 0 THEN 'done' ELSE 'pending' END
         WHERE id = $1"
    )
    .bind(version_id)
    .bind(entries)
    .bind(added)
    .bind(changed)
    .bind(removed)
    .bind(summary.skipped as i64)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    let entry =
        Entry::new(actor, "screening.list-imported").subject("list_version", version_id).details(json!({
            "list": list_name, "version": version, "file": file_name, "format": format.code(),
            "encoding": encoding.code(), "entries": entries, "added": added, "changed": changed,
            "removed": removed, "skipped": summary.skipped,
        }));
    audit::record(&mut tx, entry).await?;
    if queue_rescreen {
        use crate::jobs::{kinds, queue};
        let payload = json!({ "version_id": version_id });
        queue::enqueue_tx(&mut tx, kinds::RESCREEN, &payload, kinds::max_attempts(kinds::RESCREEN), None)
            .await?;
    }
    tx.commit().await?;
    if queue_rescreen {
        crate::jobs::wake();
    }
    Ok(ImportReport {
        list_id,
        list: list_name.to_string(),
        version_id,
        version,
        format,
        encoding,
        entries,
        added,
        changed,
        removed,
        unchanged,
        read: summary,
    })
}

async fn list_id(tx: &mut Tx, name: &str, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let found: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM screening_lists WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *c)
            .await)?;
    match found {
        Some(id) => Ok(id),
        None => with_tx!(tx, |c| sqlx::query_scalar(
            "INSERT INTO screening_lists (name, created_at) VALUES ($1, $2) RETURNING id"
        )
        .bind(name)
        .bind(now)
        .fetch_one(&mut *c)
        .await),
    }
}

/// The columns of a `list_entries` row as imports write it.
pub const ENTRY_COLUMNS: &[&str] = &[
    "list_id",
    "external_id",
    "name",
    "aliases",
    "birth_dates",
    "countries",
    "position",
    "dataset",
    "content_hash",
    "version_id",
];

fn entry_row(list_id: i64, version_id: i64, e: &ListEntry, hash: &str) -> Vec<V> {
    vec![
        V::Int(list_id),
        V::Text(e.external_id.clone()),
        V::Text(e.name.clone()),
        V::Text(e.aliases.join(";")),
        V::Text(e.birth_dates.join(";")),
        V::Text(e.countries.join(";")),
        V::Text(e.position.clone()),
        V::Text(e.dataset.clone()),
        V::Text(hash.to_string()),
        V::Int(version_id),
    ]
}

/// Inserts new entries and their keys; returns their ids in order.
async fn insert_entries(
    tx: &mut Tx,
    list_id: i64,
    version_id: i64,
    new: &[(ListEntry, String)],
) -> Result<Vec<i64>, sqlx::Error> {
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Vec<V>> = new.iter().map(|(e, h)| entry_row(list_id, version_id, e, h)).collect();
    insert(tx, "list_entries", ENTRY_COLUMNS, &rows).await?;
    // Read the ids back by external id (the order of RETURNING is not promised).
    let mut ids_by_ext: HashMap<String, i64> = HashMap::with_capacity(new.len());
    for chunk in new.chunks(500) {
        let mut sql =
            String::from("SELECT external_id, id FROM list_entries WHERE list_id = $1 AND external_id IN (");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", i + 2));
        }
        sql.push(')');
        let found: Vec<(String, i64)> = with_tx!(tx, |c| {
            let mut q = sqlx::query_as(&sql).bind(list_id);
            for (e, _) in chunk {
                q = q.bind(e.external_id.as_str());
            }
            q.fetch_all(&mut *c).await
        })?;
        ids_by_ext.extend(found);
    }
    let ids: Vec<i64> =
        new.iter().map(|(e, _)| ids_by_ext.get(&e.external_id).copied().unwrap_or(0)).collect();
    let mut keys = Vec::new();
    for ((e, _), id) in new.iter().zip(&ids) {
        for k in e.keys() {
            keys.push(vec![V::Text(k), V::Int(*id)]);
        }
    }
    insert(tx, "list_entry_keys", &["key", "entry_id"], &keys).await?;
    Ok(ids)
}

async fn update_entry(
    tx: &mut Tx,
    id: i64,
    e: &ListEntry,
    hash: &str,
    version_id: i64,
) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE list_entries SET name = $2, aliases = $3, birth_dates = $4, countries = $5, position = $6,
                    dataset = $7, content_hash = $8, version_id = $9, removed_in = NULL
             WHERE id = $1",
        )
        .bind(id)
        .bind(&e.name)
        .bind(e.aliases.join(";"))
        .bind(e.birth_dates.join(";"))
        .bind(e.countries.join(";"))
        .bind(&e.position)
        .bind(&e.dataset)
        .bind(hash)
        .bind(version_id)
        .execute(&mut *c)
        .await?;
        sqlx::query("DELETE FROM list_entry_keys WHERE entry_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|_| ())
    })?;
    let keys: Vec<Vec<V>> = e.keys().into_iter().map(|k| vec![V::Text(k), V::Int(id)]).collect();
    insert(tx, "list_entry_keys", &["key", "entry_id"], &keys).await
}
