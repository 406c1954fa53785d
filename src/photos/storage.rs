//! Where photo files live: one small interface, a local directory by default. Keys are
//! content-addressed (`originals/ab/<sha256>`), so writing the same file twice is harmless and
//! several portal processes can share one store.

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
}

/// Files under a local directory, written atomically (temporary file, then rename) and made
/// read-only.
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
}

fn write_once(path: &Path, tmp_dir: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(tmp_dir)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut name = [0u8; 12];
    getrandom::fill(&mut name).map_err(|e| io::Error::other(e.to_string()))?;
    let tmp = tmp_dir.join(hex::encode(name));
    std::fs::write(&tmp, bytes)?;
    let mut perms = std::fs::metadata(&tmp)?.permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&tmp, perms)?;
    std::fs::rename(&tmp, path)
}

/// Storage keys of one photo's files.
pub fn original_key(sha256: &str) -> String {
    format!("originals/{}/{sha256}", &sha256[..2])
}

/// Key of a display copy (`review` or `thumb`).
pub fn display_key(sha256: &str, size: &str) -> String {
    format!("display/{}/{sha256}-{size}.jpg", &sha256[..2])
}

/// The photo service: storage, limits, and a bound on decodes running at once.
#[derive(Clone)]
pub struct Photos {
    pub storage: Arc<dyn Storage>,
    pub limits: PhotoLimits,
    decodes: Arc<Semaphore>,
}

impl Photos {
    /// Photos in `storage`, at most `parallel` decodes at a time.
    pub fn new(storage: Arc<dyn Storage>, limits: PhotoLimits, parallel: usize) -> Self {
        Photos { storage, limits, decodes: Arc::new(Semaphore::new(parallel.max(1))) }
    }

    /// Runs the pipeline on a blocking thread, waiting for a decode slot first.
    pub async fn process(&self, bytes: Arc<Vec<u8>>) -> Result<Processed, PhotoError> {
        let _permit = self.decodes.acquire().await.map_err(|e| PhotoError::Corrupt(e.to_string()))?;
        let limits = self.limits;
        tokio::task::spawn_blocking(move || super::process(&bytes, &limits))
            .await
            .map_err(|e| PhotoError::Corrupt(e.to_string()))?
    }

    /// Stores the original and both display copies (before the database refers to them).
    pub async fn store(&self, p: &Processed, original: &Arc<Vec<u8>>) -> io::Result<()> {
        self.storage.put(&original_key(&p.sha256), original.clone()).await?;
        self.storage.put(&display_key(&p.sha256, "review"), Arc::new(p.review.clone())).await?;
        self.storage.put(&display_key(&p.sha256, "thumb"), Arc::new(p.thumb.clone())).await
    }
}
