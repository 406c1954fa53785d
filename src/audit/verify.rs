//! Walks the audit chain from the first entry and reports the first one that does not fit.

use sqlx::FromRow;
use time::OffsetDateTime;

use super::{Canonical, chain_hash};
use crate::{db::Db, with_db};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const BATCH: i64 = 1000;

/// What `verify` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every entry fits; `entries` were checked.
    Intact { entries: i64 },
    /// The first entry (by sequence number) that does not fit, and why.
    Broken { seq: i64, why: Break },
}

/// How the chain is broken at an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Break {
    /// Entries before this sequence number are missing.
    Missing,
    /// The entry does not name the hash of the entry before it.
    PreviousHash,
    /// The entry's content does not match its hash (it was edited).
    Content,
    /// The newest entries were removed (the chain head names a later entry).
    Truncated,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Break::Missing => "entries before it are missing",
            Break::PreviousHash => "it does not link to the entry before it",
            Break::Content => "its content does not match its hash",
            Break::Truncated => "entries after it were removed",
        })
    }
}

#[derive(FromRow)]
struct Row {
    seq: i64,
    at: OffsetDateTime,
    actor_type: String,
    actor_id: Option<i64>,
    actor_label: String,
    action: String,
    subject_type: Option<String>,
    subject_id: Option<String>,
    details: String,
    ip: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Checks the whole chain, reading it in batches.
pub async fn verify(db: &Db) -> Result<Verdict, sqlx::Error> {
    const PAGE: &str = "SELECT seq, at, actor_type, actor_id, actor_label, action, subject_type,
                               subject_id, details, ip, prev_hash, hash
                        FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
    let mut last_seq = 0_i64;
    let mut last_hash = GENESIS.to_string();
    loop {
        let rows: Vec<Row> =
            with_db!(db, |c| sqlx::query_as(PAGE).bind(last_seq).bind(BATCH).fetch_all(c).await)?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            if row.seq != last_seq + 1 {
                return Ok(Verdict::Broken { seq: row.seq, why: Break::Missing });
            }
            if row.prev_hash != last_hash {
                return Ok(Verdict::Broken { seq: row.seq, why: Break::PreviousHash });
            }
            let canonical = Canonical {
                seq: row.seq,
                at: row.at,
                actor_type: &row.actor_type,
                actor_id: row.actor_id,
                actor_label: &row.actor_label,
                action: &row.action,
                subject_type: row.subject_type.as_deref(),
                subject_id: row.subject_id.as_deref(),
                details: &row.details,
                ip: row.ip.as_deref(),
            };
            if chain_hash(&row.prev_hash, &canonical) != row.hash {
                return Ok(Verdict::Broken { seq: row.seq, why: Break::Content });
            }
            last_seq = row.seq;
            last_hash = row.hash;
        }
    }
    let (head_seq, head_hash): (i64, String) =
        with_db!(db, |c| sqlx::query_as("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
            .fetch_one(c)
            .await)?;
    if head_seq != last_seq || head_hash != last_hash {
        return Ok(Verdict::Broken { seq: last_seq, why: Break::Truncated });
    }
    Ok(Verdict::Intact { entries: last_seq })
}
