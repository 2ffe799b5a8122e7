//! Where uploaded files' (already encrypted) bytes live.
//!
//! [`BlobStore`] is small on purpose: the S3-compatible store (`crate::S3BlobStore`, cargo
//! feature `s3`) needs nothing more. The store hands it ciphertext only: a blob store never sees an image.
//! [`LocalBlobStore`] keeps one file per blob in a folder, named by the blob's random key,
//! written to a temporary file, flushed to disk and renamed into place (a reader sees the whole
//! blob or none).

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// A boxed future, so that the trait can be used as `dyn BlobStore`.
pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// A place for opaque bytes under random keys.
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key` (atomically: all or nothing).
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()>;
    /// The bytes under `key`; `io::ErrorKind::NotFound` when there are none.
    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>>;
    /// Removes `key` (no error when it is already gone).
    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()>;
}

/// A new random blob key: 32 hex digits.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Blob keys are made by [`new_key`]; anything else (a path, a dot) is refused.
pub(crate) fn valid_key(key: &str) -> io::Result<()> {
    if !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "invalid blob key",
        ))
    }
}

/// Blobs as files in a local folder: `<dir>/<first two hex digits>/<key>`.
#[derive(Debug, Clone)]
pub struct LocalBlobStore {
    dir: PathBuf,
}

impl LocalBlobStore {
    /// Uses `dir`, creating it when missing.
    pub fn open(dir: impl Into<PathBuf>) -> io::Result<LocalBlobStore> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        Ok(LocalBlobStore { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        valid_key(key)?;
        Ok(self.dir.join(&key[..2.min(key.len())]).join(key))
    }
}

fn put_blocking(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let parent = path
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "blob path has no parent"))?;
    std::fs::create_dir_all(parent)?;
    let tmp = parent.join(format!(".tmp-{}", new_key()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename durable too (directories can be opened and synced on Unix).
        #[cfg(unix)]
        std::fs::File::open(parent)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl BlobStore for LocalBlobStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            let bytes = bytes.to_vec();
            tokio::task::spawn_blocking(move || put_blocking(&path, &bytes))
                .await
                .map_err(io::Error::other)?
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(key)?;
            tokio::fs::read(path).await
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            match tokio::fs::remove_file(path).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn put_get_delete() {
        let dir = std::env::temp_dir().join(format!("kyc-store-blobs-{}", new_key()));
        let store = LocalBlobStore::open(&dir).unwrap();
        let key = new_key();
        store.put(&key, b"opaque").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), b"opaque");
        // Overwrite is atomic and whole.
        store.put(&key, b"other").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), b"other");
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert_eq!(
            store.get(&key).await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        // No temporary files are left behind.
        let leftovers: Vec<_> = std::fs::read_dir(dir.join(&key[..2])).unwrap().collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn refuses_paths() {
        let dir = std::env::temp_dir().join(format!("kyc-store-blobs-{}", new_key()));
        let store = LocalBlobStore::open(&dir).unwrap();
        for key in ["../etc/passwd", "", "a/b", "..", "xyz"] {
            assert_eq!(
                store.put(key, b"x").await.unwrap_err().kind(),
                io::ErrorKind::InvalidInput
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
