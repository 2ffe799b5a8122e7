//! Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, R2 ...), through the
//! `object_store` crate (Apache Arrow), built pure Rust: HTTP by reqwest, TLS by rustls with
//! ring, request signing (SigV4) by object_store itself.
//!
//! Objects are named `<prefix>/<first two hex digits>/<key>`, like the files of
//! [`crate::LocalBlobStore`]. A `PUT` of a whole object is atomic in S3, so a reader sees the
//! whole blob or none. Only ciphertext reaches the bucket (the store encrypts before it calls
//! [`BlobStore::put`]).

use std::io;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStoreExt, PutPayload};

use crate::blobs::{BlobFuture, BlobStore, valid_key};

/// Where the bucket is and how to sign requests to it.
#[derive(Clone, Default)]
pub struct S3Config {
    /// The bucket's name (it must exist).
    pub bucket: String,
    /// Folder inside the bucket for kycd's objects; may be empty.
    pub prefix: String,
    /// Endpoint URL for S3-compatible services (`http://127.0.0.1:9000`); empty for AWS.
    /// Requests are then path-style (`ENDPOINT/BUCKET/KEY`), as most such services expect.
    pub endpoint: String,
    /// Region, `us-east-1` when empty.
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl S3Config {
    /// Parses `s3://BUCKET[/PREFIX]` into the bucket and prefix; the other fields are left empty.
    pub fn from_url(url: &str) -> Result<S3Config, String> {
        let rest = url.trim().strip_prefix("s3://").ok_or_else(|| {
            format!("an S3 location must look like s3://BUCKET/PREFIX, not {url:?}")
        })?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let bucket_ok = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !bucket_ok {
            return Err(format!(
                "{bucket:?} is not an S3 bucket name (3 to 63 lower-case letters, digits, '-' or '.')"
            ));
        }
        Ok(S3Config {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
            ..S3Config::default()
        })
    }
}

/// The key of [`S3BlobStore::check`]'s probe object (never a real blob's: those are random).
const PROBE_KEY: &str = "00000000000000000000000000000000";

/// Blobs as objects in an S3-compatible bucket.
#[derive(Debug)]
pub struct S3BlobStore {
    bucket: AmazonS3,
    prefix: String,
}

impl S3BlobStore {
    /// Sets up the client; makes no request (see [`S3BlobStore::check`]).
    pub fn new(config: &S3Config) -> io::Result<S3BlobStore> {
        // reqwest is built without a default TLS provider; ring is the one kycd uses everywhere.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let region = if config.region.is_empty() {
            "us-east-1"
        } else {
            &config.region
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(region);
        if !config.endpoint.is_empty() {
            builder = builder
                .with_endpoint(&config.endpoint)
                .with_allow_http(config.endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        if !config.access_key_id.is_empty() {
            builder = builder
                .with_access_key_id(&config.access_key_id)
                .with_secret_access_key(&config.secret_access_key);
        }
        let bucket = builder.build().map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidInput, format!("S3 settings: {e}"))
        })?;
        Ok(S3BlobStore {
            bucket,
            prefix: config.prefix.clone(),
        })
    }

    /// Writes, reads back and deletes a probe object, so that a wrong endpoint, bucket,
    /// credentials or permissions are reported at start-up, not at the first upload. (A `HEAD`
    /// would not do: S3 answers a missing bucket and a missing object alike, 404 without a body.)
    pub async fn check(&self) -> io::Result<()> {
        let probe = self.path(PROBE_KEY)?;
        let fail = |step: &str, e: object_store::Error| {
            io::Error::other(format!("S3 bucket not usable ({step}): {e}"))
        };
        self.bucket
            .put(&probe, PutPayload::from_static(b"kycd start-up check"))
            .await
            .map_err(|e| fail("write", e))?;
        self.bucket
            .get(&probe)
            .await
            .map_err(|e| fail("read", e))?
            .bytes()
            .await
            .map_err(|e| fail("read", e))?;
        self.bucket
            .delete(&probe)
            .await
            .map_err(|e| fail("delete", e))?;
        Ok(())
    }

    fn path(&self, key: &str) -> io::Result<ObjectPath> {
        valid_key(key)?;
        let name = format!("{}/{key}", &key[..2.min(key.len())]);
        let full = if self.prefix.is_empty() {
            name
        } else {
            format!("{}/{name}", self.prefix)
        };
        ObjectPath::parse(full)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))
    }
}

fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => {
            io::Error::new(io::ErrorKind::NotFound, "blob not found")
        }
        other => io::Error::other(other.to_string()),
    }
}

impl BlobStore for S3BlobStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            self.bucket
                .put(&path, PutPayload::from(bytes.to_vec()))
                .await
                .map_err(io_error)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let object = self.bucket.get(&path).await.map_err(io_error)?;
            Ok(object.bytes().await.map_err(io_error)?.to_vec())
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            match self.bucket.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(io_error(e)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let c = S3Config::from_url("s3://kycd-blobs/prod/eu/").unwrap();
        assert_eq!(
            (c.bucket.as_str(), c.prefix.as_str()),
            ("kycd-blobs", "prod/eu")
        );
        let c = S3Config::from_url("s3://kycd").unwrap();
        assert_eq!((c.bucket.as_str(), c.prefix.as_str()), ("kycd", ""));
        for bad in [
            "kycd",
            "s3://",
            "s3://Upper",
            "s3://a",
            "http://kycd/x",
            "s3://a_b/x",
        ] {
            assert!(S3Config::from_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_stay_out_of_debug() {
        let c = S3Config {
            secret_access_key: "very-secret".into(),
            ..S3Config::from_url("s3://kycd").unwrap()
        };
        assert!(!format!("{c:?}").contains("very-secret"));
    }

    #[test]
    fn object_names() {
        let mut c = S3Config::from_url("s3://kycd/pre").unwrap();
        c.endpoint = "http://127.0.0.1:1".into();
        let s = S3BlobStore::new(&c).unwrap();
        assert_eq!(s.path("abcd").unwrap().as_ref(), "pre/ab/abcd");
        assert!(s.path("../x").is_err());
        assert!(s.path("").is_err());
    }
}
