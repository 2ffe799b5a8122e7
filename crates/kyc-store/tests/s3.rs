//! The S3-compatible blob store against a real S3 API server: moto's standalone server
//! (`moto_server`, from PyPI's `moto[server]`), which `scripts/test` installs into
//! `target/test-tools/moto`. The server is found at `KYCD_TEST_MOTO_SERVER`, else in that folder,
//! else on `PATH`. Without one the tests print `SKIPPED: moto_server not found` and pass, unless
//! `KYCD_REQUIRE_S3=1` (as `.ci/run` sets) makes that a failure.
#![cfg(feature = "s3")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kyc_store::{
    BlobStore, DocumentRole, MasterKey, NewApplicant, S3BlobStore, S3Config, Store, StoreError,
};
use serde_json::json;

/// A running moto server, stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("KYCD_TEST_MOTO_SERVER") {
        return Some(PathBuf::from(path));
    }
    let in_target = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/test-tools/moto/bin/moto_server");
    if in_target.exists() {
        return Some(in_target);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("moto_server"))
            .find(|p| p.exists())
    })
}

/// Starts moto on a free port, or says why not.
fn start_moto() -> Option<Moto> {
    let Some(binary) = moto_binary() else {
        if std::env::var("KYCD_REQUIRE_S3").as_deref() == Ok("1") {
            panic!("moto_server not found and KYCD_REQUIRE_S3=1 (scripts/test installs it)");
        }
        eprintln!(
            "SKIPPED: moto_server not found (scripts/test installs it; or set KYCD_TEST_MOTO_SERVER)"
        );
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new(&binary)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let moto = Moto {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
        port,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while raw_request(moto.port, "GET", "/").is_none() {
        assert!(Instant::now() < deadline, "moto_server did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    Some(moto)
}

/// One HTTP/1.1 request to moto, past the client under test: (status, body). moto refuses
/// anonymous reads of objects but does not verify signatures, so a well-formed `Authorization`
/// header with a dummy signature is enough.
fn raw_request(port: u16, method: &str, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: AWS4-HMAC-SHA256 \
         Credential=test-key/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, \
         Signature=00\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let head_end = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status_line = String::from_utf8_lossy(&response[..head_end]).to_string();
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, response[head_end + 4..].to_vec()))
}

fn config(moto: &Moto, bucket: &str, prefix: &str) -> S3Config {
    let mut c = S3Config::from_url(&format!("s3://{bucket}/{prefix}")).unwrap();
    c.endpoint = moto.endpoint.clone();
    c.access_key_id = "test-key".into();
    c.secret_access_key = "test-secret".into();
    c
}

fn make_bucket(moto: &Moto, bucket: &str) {
    let (status, _) = raw_request(moto.port, "PUT", &format!("/{bucket}")).unwrap();
    assert_eq!(status, 200, "creating bucket {bucket}");
}

#[tokio::test]
async fn put_get_delete_in_a_bucket() {
    let Some(moto) = start_moto() else { return };
    make_bucket(&moto, "blobs-one");
    let store = S3BlobStore::new(&config(&moto, "blobs-one", "kycd/test")).unwrap();
    store.check().await.unwrap();

    let key = kyc_store::blobs::new_key();
    store.put(&key, b"opaque bytes").await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), b"opaque bytes");
    // The object is where the documentation says: PREFIX/<two hex digits>/KEY.
    let (status, body) = raw_request(
        moto.port,
        "GET",
        &format!("/blobs-one/kycd/test/{}/{key}", &key[..2]),
    )
    .unwrap();
    assert_eq!((status, body.as_slice()), (200, &b"opaque bytes"[..]));
    // Overwrite is whole.
    store.put(&key, b"other").await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), b"other");
    store.delete(&key).await.unwrap();
    store.delete(&key).await.unwrap();
    assert_eq!(
        store.get(&key).await.unwrap_err().kind(),
        std::io::ErrorKind::NotFound
    );
    // Keys that are not blob keys never reach the bucket.
    assert_eq!(
        store.put("../escape", b"x").await.unwrap_err().kind(),
        std::io::ErrorKind::InvalidInput
    );
}

#[tokio::test]
async fn a_missing_bucket_or_server_is_reported_by_check() {
    let Some(moto) = start_moto() else { return };
    let missing = S3BlobStore::new(&config(&moto, "no-such-bucket", "")).unwrap();
    assert!(missing.check().await.is_err());
    let mut nowhere = config(&moto, "blobs-two", "");
    nowhere.endpoint = "http://127.0.0.1:1".into();
    let nowhere = S3BlobStore::new(&nowhere).unwrap();
    assert!(nowhere.check().await.is_err());
}

#[tokio::test]
async fn documents_are_encrypted_in_the_bucket() {
    let Some(moto) = start_moto() else { return };
    make_bucket(&moto, "blobs-three");
    let blobs = S3BlobStore::new(&config(&moto, "blobs-three", "")).unwrap();
    let dir = std::env::temp_dir().join(format!("kyc-store-s3-{}", kyc_store::blobs::new_key()));
    let url = format!("sqlite://{}?mode=rwc", dir.join("kycd.sqlite").display());
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open_with_blobs(url, Arc::new(blobs), MasterKey::generate())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let tenant = store.ensure_tenant("acme").await.unwrap();
    let applicant = store
        .create_applicant(
            tenant,
            NewApplicant {
                external_user_id: "user-1".into(),
                email: "user-1@example.org".into(),
                language: "en".into(),
            },
            &[],
            "test",
        )
        .await
        .unwrap();
    let image = b"\xff\xd8\xff\xe0 a JPEG with the name MUSTERMANN in it";
    let document = store
        .add_document(
            tenant,
            applicant.id,
            DocumentRole::DocumentFront,
            image,
            "image/jpeg",
            &json!({}),
            "test",
        )
        .await
        .unwrap();
    assert_eq!(store.load_blob(&document).await.unwrap(), image);

    // What the bucket holds is ciphertext: no JPEG marker, no name.
    let (status, listing) = raw_request(moto.port, "GET", "/blobs-three?list-type=2").unwrap();
    assert_eq!(status, 200);
    let listing = String::from_utf8_lossy(&listing).to_string();
    let key = listing
        .split("<Key>")
        .nth(1)
        .and_then(|rest| rest.split("</Key>").next())
        .expect("one object in the bucket")
        .to_string();
    assert_eq!(listing.matches("<Key>").count(), 1, "{listing}");
    let (status, stored) = raw_request(moto.port, "GET", &format!("/blobs-three/{key}")).unwrap();
    assert_eq!(status, 200);
    assert!(stored.len() > image.len());
    assert!(!stored.starts_with(b"\xff\xd8"));
    assert!(!stored.windows(10).any(|w| w == b"MUSTERMANN"));

    // A blob deleted behind the store's back is an I/O error, not a panic or a wrong image.
    raw_request(moto.port, "DELETE", &format!("/blobs-three/{key}")).unwrap();
    assert!(matches!(
        store.load_blob(&document).await,
        Err(StoreError::Io(_))
    ));
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
