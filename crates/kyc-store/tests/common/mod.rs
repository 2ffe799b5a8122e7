//! Runs a storage test on SQLite and on PostgreSQL.
//!
//! SQLite: a fresh file in a fresh temporary folder. PostgreSQL: a fresh database
//! `kycd_test_<random>` on the server at `KYCD_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`), dropped at the end. When that server cannot be
//! reached the PostgreSQL half prints `SKIPPED: PostgreSQL not reachable at …` and passes,
//! unless `KYCD_REQUIRE_POSTGRES=1`.
#![allow(dead_code)]

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use kyc_store::{Backend, MasterKey, Store, StoreConfig, StoreError};
use sqlx::Connection;

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// One backend's fresh store and how to reach it.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub store: Store,
    pub backend: Backend,
    pub database_url: String,
    pub blob_dir: PathBuf,
    pub master: MasterKey,
}

impl Ctx {
    /// Opens the same database and blob folder again with `master`.
    pub async fn reopen(&self, master: MasterKey) -> Result<Store, StoreError> {
        Store::open(StoreConfig {
            database_url: self.database_url.clone(),
            blob_dir: self.blob_dir.clone(),
            master_key: master,
        })
        .await
    }

    /// Bytes of one column of one row, read past the store.
    pub async fn raw_bytes(&self, sql: &'static str, id: &str) -> Vec<u8> {
        match self.backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                let v: Vec<u8> = sqlx::query_scalar(sql)
                    .bind(id)
                    .fetch_one(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
                v
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                let v: Vec<u8> = sqlx::query_scalar(sql)
                    .bind(id)
                    .fetch_one(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
                v
            }
        }
    }

    /// Runs `sql` with `($1 = bytes, $2 = id)`, past the store.
    pub async fn raw_set_bytes(&self, sql: &'static str, bytes: Vec<u8>, id: &str) {
        match self.backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                sqlx::query(sql)
                    .bind(bytes)
                    .bind(id)
                    .execute(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                sqlx::query(sql)
                    .bind(bytes)
                    .bind(id)
                    .execute(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
            }
        }
    }
}

fn random_hex() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kyc-store-test-{}", random_hex()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The URL of database `name` on the server `base` points to.
fn with_database(base: &str, name: &str) -> String {
    let (main, query) = match base.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (base, None),
    };
    let after_scheme = main.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match main[after_scheme..].find('/') {
        Some(i) => &main[..after_scheme + i],
        None => main,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

async fn fresh_store(database_url: String, blob_dir: PathBuf) -> Ctx {
    let master = MasterKey::generate();
    let store = Store::open(StoreConfig {
        database_url: database_url.clone(),
        blob_dir: blob_dir.clone(),
        master_key: master.clone(),
    })
    .await
    .unwrap();
    store.migrate().await.unwrap();
    // Idempotent.
    store.migrate().await.unwrap();
    Ctx {
        backend: store.backend(),
        store,
        database_url,
        blob_dir,
        master,
    }
}

async fn run<F, Fut>(ctx: Ctx, f: &F) -> Result<(), Box<dyn std::any::Any + Send>>
where
    F: Fn(Ctx) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let store = ctx.store.clone();
    let result = tokio::spawn(f(ctx)).await;
    store.close().await;
    result.map_err(|e| match e.try_into_panic() {
        Ok(panic) => panic,
        Err(e) => Box::new(format!("test task failed: {e}")),
    })
}

/// Runs `f` on a fresh SQLite store, then on a fresh PostgreSQL store (or reports it
/// skipped). Panics in `f` fail the test after the database is cleaned up.
pub async fn each_backend<F, Fut>(f: F)
where
    F: Fn(Ctx) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    // SQLite.
    let dir = temp_dir();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.join("db").join("kycd.sqlite").display()
    );
    let ctx = fresh_store(url, dir.join("blobs")).await;
    let result = run(ctx, &f).await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(panic) = result {
        eprintln!("(failed on SQLite)");
        std::panic::resume_unwind(panic);
    }

    // PostgreSQL.
    let base =
        std::env::var("KYCD_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.into());
    let required = std::env::var("KYCD_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let admin =
        tokio::time::timeout(Duration::from_secs(5), sqlx::PgConnection::connect(&base)).await;
    let mut admin = match admin {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return skip(&base, &e.to_string(), required),
        Err(_) => return skip(&base, "timed out", required),
    };
    let name = format!("kycd_test_{}", random_hex());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let dir = temp_dir();
    let ctx = fresh_store(with_database(&base, &name), dir.join("blobs")).await;
    let result = run(ctx, &f).await;
    let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await;
    let _ = admin.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(panic) = result {
        eprintln!("(failed on PostgreSQL)");
        std::panic::resume_unwind(panic);
    }
    dropped.unwrap();
}

fn skip(base: &str, why: &str, required: bool) {
    if required {
        panic!("PostgreSQL not reachable at {base} ({why}) and KYCD_REQUIRE_POSTGRES=1");
    }
    eprintln!("SKIPPED: PostgreSQL not reachable at {base} ({why}); the SQLite half ran");
}

#[test]
fn database_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h/test?sslmode=disable", "x"),
        "postgres://u:p@h/x?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://h:5432", "x"),
        "postgres://h:5432/x"
    );
}
