//! Where photo files live: one small interface, a local directory by default or an
//! S3-compatible bucket by configuration. Keys are content-addressed (`originals/ab/<sha256>`),
//! so writing the same file twice is harmless and several portal processes can share one store.

use std::{
    io,
    path::{Path, PathBuf},
    sync::Arc,
};

use async_trait::async_trait;
use tokio::sync::Semaphore;

use super::{PhotoError, PhotoLimits, Processed};

/// A store of immutable files by key.
#[async_trait]
pub trait Storage: Send + Sync + 'static {
    /// Stores `bytes` under `key` unless the key already exists.
    async fn put(&self, key: &str, bytes: Arc<Vec<u8>>) -> io::Result<()>;
    /// The bytes under `key`, if any.
    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>>;
    /// Removes the file under `key`; a key with no file is no error. Only retention erases.
    async fn delete(&self, key: &str) -> io::Result<()>;
}

/// Files under a local directory, written atomically (temporary file, then rename), made
/// read-only, and on disk before `put` returns (file and directory flushed).
#[derive(Clone, Debug)]
pub struct LocalDir {
    root: PathBuf,
}

impl LocalDir {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalDir { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
        if !safe {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad storage key"));
        }
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl Storage for LocalDir {
    async fn put(&self, key: &str, bytes: Arc<Vec<u8>>) -> io::Result<()> {
        let path = self.path(key)?;
        let tmp_dir = self.root.join("tmp");
        tokio::task::spawn_blocking(move || write_once(&path, &tmp_dir, &bytes))
            .await
            .map_err(io::Error::other)?
    }

    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// Writes `bytes` to `path` unless a file is there: to a temporary file first, flushed to disk,
/// then renamed into place, and the directory flushed too, so that once this returns the file
/// survives a power loss (the database refers to it only after).
fn write_once(path: &Path, tmp_dir: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    create_dirs_synced(tmp_dir)?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_dirs_synced(parent)?;
    let mut name = [0u8; 12];
    getrandom::fill(&mut name).map_err(|e| io::Error::other(e.to_string()))?;
    let tmp = tmp_dir.join(hex::encode(name));
    let mut file = std::fs::File::create(&tmp)?;
    io::Write::write_all(&mut file, bytes)?;
    let mut perms = file.metadata()?.permissions();
    perms.set_readonly(true);
    file.set_permissions(perms)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    sync_dir(parent)
}

/// Flushes a directory's entries (a file created or renamed in it) to disk.
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Creates `dir` and any missing parents, flushing each new entry into its parent directory.
fn create_dirs_synced(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_dirs_synced(parent)?;
    match std::fs::create_dir(dir) {
        Ok(()) => sync_dir(parent),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Objects in an S3-compatible bucket (through `object_store`), under an optional prefix.
#[derive(Debug)]
pub struct S3 {
    store: object_store::aws::AmazonS3,
    prefix: String,
}

impl S3 {
    /// A client for the bucket `settings` name; nothing is contacted until the first request.
    pub fn new(settings: &crate::config::S3Store) -> Result<Self, String> {
        let rest = settings
            .url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("photo store {:?}: expected s3://BUCKET[/PREFIX]", settings.url))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(format!("photo store {:?}: no bucket", settings.url));
        }
        let mut b = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
        if let Some(e) = &settings.endpoint {
            b = b.with_endpoint(e);
        }
        if let Some(r) = &settings.region {
            b = b.with_region(r);
        }
        if let Some(k) = &settings.access_key_id {
            b = b.with_access_key_id(k);
        }
        if let Some(k) = &settings.secret_access_key {
            b = b.with_secret_access_key(k);
        }
        if settings.allow_http {
            b = b.with_allow_http(true);
        }
        let store = b.build().map_err(|e| format!("photo store {:?}: {e}", settings.url))?;
        let prefix = prefix.trim_matches('/');
        let prefix = if prefix.is_empty() { String::new() } else { format!("{prefix}/") };
        Ok(S3 { store, prefix })
    }

    fn path(&self, key: &str) -> object_store::path::Path {
        object_store::path::Path::from(format!("{}{key}", self.prefix))
    }
}

/// Lets `object_store` send an `Arc`'d buffer without copying it.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[async_trait]
impl Storage for S3 {
    async fn put(&self, key: &str, bytes: Arc<Vec<u8>>) -> io::Result<()> {
        use object_store::ObjectStore;
        let path = self.path(key);
        match self.store.head(&path).await {
            Ok(_) => return Ok(()),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(io::Error::other(e)),
        }
        // Same key, same bytes: a concurrent writer of the same photo overwrites harmlessly.
        let payload = object_store::PutPayload::from(bytes::Bytes::from_owner(Shared(bytes)));
        self.store.put(&path, payload).await.map(|_| ()).map_err(io::Error::other)
    }

    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        use object_store::ObjectStore;
        match self.store.get(&self.path(key)).await {
            Ok(r) => Ok(Some(r.bytes().await.map_err(io::Error::other)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(io::Error::other(e)),
        }
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        use object_store::ObjectStore;
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io::Error::other(e)),
        }
    }
}

/// The store `setting` names.
pub fn open(setting: &crate::config::PhotoStore) -> Result<Arc<dyn Storage>, String> {
    Ok(match setting {
        crate::config::PhotoStore::Local(dir) => Arc::new(LocalDir::new(dir)),
        crate::config::PhotoStore::S3(s) => Arc::new(S3::new(s)?),
    })
}

/// Storage keys of one photo's files.
pub fn original_key(sha256: &str) -> String {
    format!("originals/{}/{sha256}", &sha256[..2])
}

/// The display copies' sizes.
pub const DISPLAY_SIZES: &[&str] = &["review", "portrait", "thumb"];

/// Key of a display copy (one of [`DISPLAY_SIZES`]).
pub fn display_key(sha256: &str, size: &str) -> String {
    format!("display/{}/{sha256}-{size}.jpg", &sha256[..2])
}

/// Removes the files of the bytes with digest `sha256` (the original and every display copy)
/// when no row names them any more: no photo, ticket file or restoration document, another
/// customer's or one that arrived meanwhile (the store is content-addressed). Whether they went.
pub async fn remove_unnamed(
    db: &crate::db::Db,
    store: &dyn Storage,
    sha256: &str,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let named: i64 = crate::with_db!(db, |c| sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM photos WHERE sha256 = $1)
              + (SELECT COUNT(*) FROM ticket_attachments WHERE sha256 = $1)
              + (SELECT COUNT(*) FROM restoration_documents WHERE sha256 = $1)"
    )
    .bind(sha256)
    .fetch_one(c)
    .await)?;
    if named > 0 {
        return Ok(false);
    }
    store.delete(&original_key(sha256)).await?;
    for size in DISPLAY_SIZES {
        store.delete(&display_key(sha256, size)).await?;
    }
    Ok(true)
}

/// The photo service: storage, limits, and a bound on decodes running at once.
#[derive(Clone)]
pub struct Photos {
    pub storage: Arc<dyn Storage>,
    pub limits: PhotoLimits,
    decodes: Arc<Semaphore>,
    /// The memory all decodes share ([`super::budget`]).
    pub budget: super::budget::Budget,
}

impl Photos {
    /// Photos in `storage`, at most `parallel` decodes at a time, all of them within
    /// `decode_memory` bytes.
    pub fn new(storage: Arc<dyn Storage>, limits: PhotoLimits, parallel: usize, decode_memory: u64) -> Self {
        Photos {
            storage,
            limits,
            decodes: Arc::new(Semaphore::new(parallel.max(1))),
            budget: super::budget::Budget::new(decode_memory),
        }
    }

    /// The service `config` describes.
    pub fn from_config(config: &crate::config::Config) -> Result<Self, String> {
        Ok(Photos::new(
            open(&config.photo_store)?,
            config.photo_limits,
            config.photo_decodes,
            config.decode_memory,
        ))
    }

    /// Runs the pipeline on a blocking thread, once the memory its decode needs (from the
    /// image's header) is reserved and a decode slot is free.
    pub async fn process(&self, bytes: Arc<Vec<u8>>) -> Result<Processed, PhotoError> {
        let (need, width, height) = super::budget::estimate(&bytes, &self.limits)?;
        let _memory = self.budget.reserve(need, width, height).await?;
        let _permit = self.decodes.acquire().await.map_err(|e| PhotoError::Corrupt(e.to_string()))?;
        let limits = self.limits;
        tokio::task::spawn_blocking(move || super::process(&bytes, &limits))
            .await
            .map_err(|e| PhotoError::Corrupt(e.to_string()))?
    }

    /// Stores the original and the display copies (before the database refers to them).
    pub async fn store(&self, p: &Processed, original: &Arc<Vec<u8>>) -> io::Result<()> {
        self.storage.put(&original_key(&p.sha256), original.clone()).await?;
        self.storage.put(&display_key(&p.sha256, "review"), Arc::new(p.review.clone())).await?;
        if !p.portrait.is_empty() {
            self.storage.put(&display_key(&p.sha256, "portrait"), Arc::new(p.portrait.clone())).await?;
        }
        self.storage.put(&display_key(&p.sha256, "thumb"), Arc::new(p.thumb.clone())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_local_file_is_written_once_into_new_folders_with_nothing_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDir::new(dir.path().join("photos"));
        store.put("ab/cd/one", Arc::new(b"first".to_vec())).await.unwrap();
        store.put("ab/cd/one", Arc::new(b"second".to_vec())).await.unwrap();
        assert_eq!(store.get("ab/cd/one").await.unwrap().unwrap(), b"first", "written once");
        let meta = std::fs::metadata(dir.path().join("photos/ab/cd/one")).unwrap();
        assert!(meta.permissions().readonly());
        let left = std::fs::read_dir(dir.path().join("photos/tmp")).unwrap().count();
        assert_eq!(left, 0, "no temporary file stays");
        assert!(store.put("../escape", Arc::new(Vec::new())).await.is_err());
        assert!(store.get("nothing/here").await.unwrap().is_none());
    }
}
