//! kyc-store: kycd's storage — SQLite (embedded, the default) or PostgreSQL behind one
//! interface, encryption at rest, a blob folder, a durable job queue, a notification outbox,
//! idempotency keys and the audit log. All of kycd's database and file I/O lives here.
//!
//! # Backends
//!
//! [`Store`] holds an enum of two sqlx pools. Statements are written once with `$1`
//! placeholders (SQLite accepts them too) and, where the dialects differ (claiming from a
//! queue), once per backend. Values are bound and read through a small internal layer
//! (`db.rs`) that knows four column kinds only: 64-bit integers, text, bytes and booleans.
//! Ids are UUID v7 (time-ordered) stored as text; timestamps are UTC unix **milliseconds**
//! (`INTEGER` in SQLite, `BIGINT` in PostgreSQL). Migrations live in `migrations/sqlite` and
//! `migrations/postgres` and are embedded with `sqlx::migrate!`.
//!
//! SQLite runs in WAL mode with `synchronous = FULL`, a busy timeout and foreign keys on; every
//! write transaction starts with `BEGIN IMMEDIATE` so that it holds the write lock from the
//! start and never fails half-way upgrading a read lock.
//!
//! # Tables
//!
//! | table | what | encrypted columns |
//! | --- | --- | --- |
//! | `tenants` | clients of the service | — |
//! | `data_keys` | data keys and the index key, wrapped under the master key | `wrapped` |
//! | `api_keys` | key id, tenant, scopes, SHA-256 of the secret, revocation | — (hash only) |
//! | `applicants` | status, level, attempt; the external user id as an HMAC (uniqueness per tenant) and encrypted (display) | `external_user_id_enc`, `email_enc`, `level1_enc` |
//! | `documents` | uploads per attempt and role; the content is a blob | `findings_enc` |
//! | `decisions` | one per decision, with the full outcome | `outcome_enc` |
//! | `document_keys` | HMAC of "kind\|country\|number" per applicant (duplicate detection) | — (HMAC only) |
//! | `jobs` | the work queue | `payload_enc` |
//! | `webhooks` | tenant endpoints | `secret_enc` |
//! | `outbox` | e-mails and webhook deliveries waiting to go | `payload_enc` |
//! | `delivery_log` | every delivery attempt | — (status codes, transport errors) |
//! | `events` | account events for monitoring | `data_enc` |
//! | `idempotency_keys` | first response per (tenant, key) | `body_enc` |
//! | `audit_log` | every state change and decision: ids, statuses, actor | — (no personal data) |
//!
//! # Encryption envelope
//!
//! See [`crypto`]. A value is sealed with AES-256-GCM under the current *data key* with a
//! random 96-bit nonce: `version | data key id | nonce | ciphertext+tag`. The associated data
//! names the row and column (`"applicants.email:<id>"`), so a value moved elsewhere does not
//! open. Data keys are random, stored wrapped under the operator's *master key* (never stored)
//! beside the master key's id. [`Store::rotate_data_key`] makes a new data key current (old
//! values stay readable: each names its key); [`Store::rewrap_data_keys`] re-wraps every data
//! key under a new master key.
//!
//! Lookups on encrypted values use HMACs under an *index key*: a key derived from the master
//! key when the database is first set up and then stored wrapped like a data key, so that
//! rotating the master key does not change the HMACs (the external-user-id uniqueness and the
//! document keys keep working). Blobs are sealed like values (associated data
//! `"documents.blob:<document id>"`) and written to a [`blobs::BlobStore`].
//!
//! # Queue semantics
//!
//! A job is *claimable* when it is `pending` and due (`run_at <= now`), or `running` with an
//! expired lease. Claiming sets `running`, the lease owner and expiry, and increments
//! `attempts` — atomically: PostgreSQL picks the row with `FOR UPDATE SKIP LOCKED`, SQLite runs
//! a single `UPDATE … RETURNING` in an `IMMEDIATE` transaction. A job whose lease expired after
//! its last allowed attempt is marked `dead` instead of being claimed again. [`Store::heartbeat`]
//! extends a lease still held; [`Store::fail_job`] schedules a retry or marks the job dead;
//! [`Store::record_decision`] completes the job only if the caller still holds its lease. The
//! outbox is leased the same way, a batch at a time.
//!
//! # Transactions
//!
//! Every operation that changes more than one row does so in one transaction: creating an
//! applicant (row, notifications, audit), submitting (applicant, job, notifications, audit),
//! recording a decision (decision, applicant, job, document key, notifications, audit). A
//! notification is written to the outbox by the transaction that causes it and sent later, so a
//! crash can delay an e-mail or a webhook but never lose or invent one. Sealing happens before
//! a transaction starts. A blob is written before its row's transaction; if the transaction
//! fails the blob is deleted (a crash in between leaves an unreferenced, encrypted file).
//!
//! Logs (`tracing`) carry ids and states only, never personal data.

pub mod blobs;
pub mod crypto;
mod db;
mod error;
mod types;

mod applicants;
mod auth;
mod outbox;
mod queue;
#[cfg(feature = "s3")]
pub mod s3;

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use time::OffsetDateTime;

pub use kyc_core::{ApplicantStatus, DocumentRole, Level};

pub use crate::blobs::{BlobStore, LocalBlobStore};
pub use crate::crypto::MasterKey;
pub use crate::error::StoreError;
#[cfg(feature = "s3")]
pub use crate::s3::{S3BlobStore, S3Config};
pub use crate::types::*;

use crate::crypto::{DataKey, KEY_ID_LEN};
use crate::db::{Pool, Row, Tx, args};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `sqlite://PATH?mode=rwc`, `sqlite:PATH`, `postgres://…` or `postgresql://…`.
    pub database_url: String,
    /// The folder for encrypted blobs (created when missing).
    pub blob_dir: PathBuf,
    pub master_key: MasterKey,
}

/// The id of the index key row in `data_keys` (fixed, so that two processes setting up the
/// same database agree).
const INDEX_KEY_ID: [u8; KEY_ID_LEN] = *b"idx-root";

/// Data keys in memory.
#[derive(Debug)]
struct Keyring {
    active: DataKey,
    keys: HashMap<[u8; KEY_ID_LEN], DataKey>,
    /// Root of the HMAC keys used for lookups (external user id, document keys).
    index_root: [u8; 32],
}

struct Inner {
    pool: Pool,
    blobs: Arc<dyn BlobStore>,
    master: RwLock<MasterKey>,
    keyring: RwLock<Option<Arc<Keyring>>>,
    /// Serialises loading the keyring.
    load: tokio::sync::Mutex<()>,
}

/// The store. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .finish_non_exhaustive()
    }
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The current time, truncated to what the database keeps (milliseconds).
pub(crate) fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    from_ms(to_ms(t)).unwrap_or(t)
}

pub(crate) fn to_ms(t: OffsetDateTime) -> i64 {
    let ms = t.unix_timestamp_nanos() / 1_000_000;
    i64::try_from(ms).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX })
}

pub(crate) fn from_ms(ms: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|_| StoreError::Corrupt("timestamp out of range".into()))
}

pub(crate) fn duration_ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Store {
    /// Connects. SQLite: creates the file (and its folder) when missing, WAL, busy timeout,
    /// foreign keys. The blob folder is created when missing. Does not migrate: call
    /// [`Store::migrate`].
    pub async fn open(config: StoreConfig) -> Result<Store, StoreError> {
        let blobs = LocalBlobStore::open(&config.blob_dir)?;
        Store::open_with_blobs(config.database_url, Arc::new(blobs), config.master_key).await
    }

    /// Like [`Store::open`] with another blob store.
    pub async fn open_with_blobs(
        database_url: String,
        blobs: Arc<dyn BlobStore>,
        master_key: MasterKey,
    ) -> Result<Store, StoreError> {
        let url = database_url.trim();
        let pool = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(format!("invalid SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true);
            let file = options.get_filename();
            if let Some(parent) = file.parent()
                && !parent.as_os_str().is_empty()
                && file.as_os_str() != ":memory:"
            {
                std::fs::create_dir_all(parent)?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options)
                .await?;
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(format!("invalid PostgreSQL URL: {e}")))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options)
                .await?;
            Pool::Postgres(pool)
        } else {
            return Err(StoreError::Config(
                "database URL must start with sqlite:, postgres:// or postgresql://".into(),
            ));
        };
        let store = Store {
            inner: Arc::new(Inner {
                pool,
                blobs,
                master: RwLock::new(master_key),
                keyring: RwLock::new(None),
                load: tokio::sync::Mutex::new(()),
            }),
        };
        // An already migrated database: load (and so check) the keys now, so that a wrong
        // master key is reported at start-up. A fresh database gets its keys in `migrate`.
        if store.is_migrated().await {
            store.load_keyring(false).await?;
        }
        tracing::debug!(backend = ?store.backend(), "store opened");
        Ok(store)
    }

    async fn is_migrated(&self) -> bool {
        self.pool()
            .fetch_optional("SELECT id FROM data_keys LIMIT 1", args![])
            .await
            .is_ok()
    }

    /// Creates or updates the tables (idempotent), then sets up the keys on a fresh database.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.pool() {
            Pool::Sqlite(p) => SQLITE_MIGRATOR.run(p).await?,
            Pool::Postgres(p) => POSTGRES_MIGRATOR.run(p).await?,
        }
        self.load_keyring(true).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.inner.pool.backend()
    }

    /// Closes the pool (SQLite: checkpoints the write-ahead log into the database file).
    pub async fn close(&self) {
        match self.pool() {
            Pool::Sqlite(p) => {
                let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(p)
                    .await;
                p.close().await
            }
            Pool::Postgres(p) => p.close().await,
        }
    }

    pub(crate) fn pool(&self) -> &Pool {
        &self.inner.pool
    }

    pub(crate) fn blobs(&self) -> &dyn BlobStore {
        &*self.inner.blobs
    }

    fn master(&self) -> MasterKey {
        match self.inner.master.read() {
            Ok(m) => m.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn cached_keyring(&self) -> Option<Arc<Keyring>> {
        match self.inner.keyring.read() {
            Ok(k) => k.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set_keyring(&self, ring: Option<Arc<Keyring>>) {
        match self.inner.keyring.write() {
            Ok(mut k) => *k = ring,
            Err(poisoned) => *poisoned.into_inner() = ring,
        }
    }

    /// The keyring, loaded on first use.
    async fn keyring(&self) -> Result<Arc<Keyring>, StoreError> {
        if let Some(ring) = self.cached_keyring() {
            return Ok(ring);
        }
        self.load_keyring(true).await
    }

    /// (Re)loads the keys from the database; with `create`, makes the first data key and the
    /// index key when there are none.
    async fn load_keyring(&self, create: bool) -> Result<Arc<Keyring>, StoreError> {
        let _guard = self.inner.load.lock().await;
        let master = self.master();
        if create {
            self.create_missing_keys(&master).await?;
        }
        let rows = self
            .pool()
            .fetch_all(
                "SELECT id, purpose, wrapped, master_key_id, active FROM data_keys \
                 ORDER BY created_at, id",
                args![],
            )
            .await?;
        let mut keys = HashMap::new();
        let mut active = None;
        let mut index_root = None;
        for row in rows {
            let id_hex = row.text("id")?;
            let master_id = row.text("master_key_id")?;
            if master_id != master.id() {
                return Err(StoreError::Crypto(format!(
                    "data key {id_hex} is wrapped under master key {master_id}, \
                     but the store was opened with master key {}",
                    master.id()
                )));
            }
            let id = crypto::parse_key_id(&id_hex)?;
            let key = master
                .unwrap(id, &row.bytes("wrapped")?)
                .map_err(|e| StoreError::Crypto(format!("cannot unwrap data key {id_hex}: {e}")))?;
            match row.text("purpose")?.as_str() {
                "index" => {
                    index_root = Some(key.material());
                }
                _ => {
                    if row.bool("active")? {
                        // The newest active key wins (rows are in creation order).
                        active = Some(key.clone());
                    }
                    keys.insert(id, key);
                }
            }
        }
        let (Some(active), Some(index_root)) = (active, index_root) else {
            return Err(StoreError::InvalidState(
                "the database has no keys yet: run migrate".into(),
            ));
        };
        let ring = Arc::new(Keyring {
            active,
            keys,
            index_root,
        });
        self.set_keyring(Some(ring.clone()));
        Ok(ring)
    }

    async fn create_missing_keys(&self, master: &MasterKey) -> Result<(), StoreError> {
        let now = to_ms(now());
        // The index key: derived from the master key the database is set up with, then kept.
        let index = DataKey::from_parts(INDEX_KEY_ID, master.derive("index-root"));
        self.pool()
            .execute(
                "INSERT INTO data_keys (id, purpose, wrapped, master_key_id, active, created_at) \
                 VALUES ($1, 'index', $2, $3, FALSE, $4) ON CONFLICT (id) DO NOTHING",
                args![index.id_hex(), master.wrap(&index)?, master.id(), now],
            )
            .await?;
        let has_active = self
            .pool()
            .fetch_optional(
                "SELECT id FROM data_keys WHERE purpose = 'data' AND active = TRUE LIMIT 1",
                args![],
            )
            .await?
            .is_some();
        if !has_active {
            let key = DataKey::generate()?;
            self.pool()
                .execute(
                    "INSERT INTO data_keys (id, purpose, wrapped, master_key_id, active, created_at) \
                     VALUES ($1, 'data', $2, $3, TRUE, $4)",
                    args![key.id_hex(), master.wrap(&key)?, master.id(), now],
                )
                .await?;
            tracing::info!(key_id = %key.id_hex(), "first data key created");
        }
        Ok(())
    }

    /// Makes a new data key current. New values are sealed with it; old ones still open (each
    /// names its key). Returns the new key's id.
    pub async fn rotate_data_key(&self) -> Result<String, StoreError> {
        self.keyring().await?;
        let master = self.master();
        let key = DataKey::generate()?;
        let mut tx = self.pool().begin().await?;
        tx.execute(
            "UPDATE data_keys SET active = FALSE WHERE purpose = 'data'",
            args![],
        )
        .await?;
        tx.execute(
            "INSERT INTO data_keys (id, purpose, wrapped, master_key_id, active, created_at) \
             VALUES ($1, 'data', $2, $3, TRUE, $4)",
            args![key.id_hex(), master.wrap(&key)?, master.id(), to_ms(now())],
        )
        .await?;
        audit(
            &mut tx,
            "system",
            "data_key.rotated",
            None,
            None,
            serde_json::json!({ "key_id": key.id_hex() }),
        )
        .await?;
        tx.commit().await?;
        self.load_keyring(false).await?;
        tracing::info!(key_id = %key.id_hex(), "data key rotated");
        Ok(key.id_hex())
    }

    /// Re-wraps every data key (and the index key) under `new_master`, in one transaction.
    /// Afterwards this store uses `new_master`, and the database must be opened with it.
    /// Returns how many keys were re-wrapped.
    pub async fn rewrap_data_keys(&self, new_master: &MasterKey) -> Result<u32, StoreError> {
        let old = self.master();
        let mut tx = self.pool().begin().await?;
        let rows = tx
            .fetch_all(
                "SELECT id, wrapped, master_key_id FROM data_keys ORDER BY id",
                args![],
            )
            .await?;
        let mut count = 0u32;
        for row in rows {
            let id_hex = row.text("id")?;
            if row.text("master_key_id")? != old.id() {
                return Err(StoreError::Crypto(format!(
                    "data key {id_hex} is not wrapped under the current master key"
                )));
            }
            let key = old.unwrap(crypto::parse_key_id(&id_hex)?, &row.bytes("wrapped")?)?;
            tx.execute(
                "UPDATE data_keys SET wrapped = $1, master_key_id = $2 WHERE id = $3",
                args![new_master.wrap(&key)?, new_master.id(), id_hex],
            )
            .await?;
            count += 1;
        }
        audit(
            &mut tx,
            "system",
            "master_key.rotated",
            None,
            None,
            serde_json::json!({ "from": old.id(), "to": new_master.id(), "keys": count }),
        )
        .await?;
        tx.commit().await?;
        match self.inner.master.write() {
            Ok(mut m) => *m = new_master.clone(),
            Err(poisoned) => *poisoned.into_inner() = new_master.clone(),
        }
        self.load_keyring(false).await?;
        tracing::info!(from = %old.id(), to = %new_master.id(), keys = count, "master key rotated");
        Ok(count)
    }

    /// The id of the data key new values are sealed with.
    pub async fn current_data_key_id(&self) -> Result<String, StoreError> {
        Ok(self.keyring().await?.active.id_hex())
    }

    /// Seals `plaintext` for the place `aad` names with the current data key.
    pub(crate) async fn seal(&self, aad: &str, plaintext: &[u8]) -> Result<Vec<u8>, StoreError> {
        let ring = self.keyring().await?;
        Ok(ring.active.seal(aad.as_bytes(), plaintext)?)
    }

    pub(crate) async fn seal_json(
        &self,
        aad: &str,
        value: &serde_json::Value,
    ) -> Result<Vec<u8>, StoreError> {
        let bytes = serde_json::to_vec(value)
            .map_err(|e| StoreError::Corrupt(format!("unserialisable JSON: {e}")))?;
        self.seal(aad, &bytes).await
    }

    /// Opens a sealed value; reloads the keys once when it names a key not loaded yet (another
    /// process rotated).
    pub(crate) async fn open_value(&self, aad: &str, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        let id = crypto::key_id_of(sealed)?;
        let mut ring = self.keyring().await?;
        if !ring.keys.contains_key(&id) {
            ring = self.load_keyring(false).await?;
        }
        let key = ring.keys.get(&id).ok_or_else(|| {
            StoreError::Crypto(format!("unknown data key id {}", hex::encode(id)))
        })?;
        key.open(aad.as_bytes(), sealed)
            .map_err(|e| StoreError::Crypto(format!("{aad}: {e}")))
    }

    pub(crate) async fn open_string(&self, aad: &str, sealed: &[u8]) -> Result<String, StoreError> {
        String::from_utf8(self.open_value(aad, sealed).await?)
            .map_err(|_| StoreError::Corrupt(format!("{aad}: not UTF-8")))
    }

    pub(crate) async fn open_json(
        &self,
        aad: &str,
        sealed: &[u8],
    ) -> Result<serde_json::Value, StoreError> {
        let bytes = self.open_value(aad, sealed).await?;
        serde_json::from_slice(&bytes).map_err(|_| StoreError::Corrupt(format!("{aad}: not JSON")))
    }

    /// The HMAC key for lookups of one kind.
    fn index_key(&self, purpose: &str) -> [u8; 32] {
        let root = match self.cached_keyring() {
            Some(ring) => ring.index_root,
            // Not loaded yet means not migrated yet: the index root will be this.
            None => self.master().derive("index-root"),
        };
        crypto::hmac_sha256(&root, purpose.as_bytes())
    }
}

/// Writes one audit entry in `tx`.
pub(crate) async fn audit(
    tx: &mut Tx,
    actor: &str,
    action: &str,
    tenant: Option<TenantId>,
    applicant: Option<ApplicantId>,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit_log (id, at, actor, action, tenant_id, applicant_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        args![
            uuid::Uuid::now_v7().to_string(),
            to_ms(now()),
            actor,
            action,
            tenant.map(|t| t.to_string()),
            applicant.map(|a| a.to_string()),
            detail.to_string()
        ],
    )
    .await?;
    Ok(())
}

impl Store {
    /// The audit log of one applicant, oldest first.
    pub async fn audit_log(&self, applicant: ApplicantId) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT at, actor, action, applicant_id, detail FROM audit_log \
                 WHERE applicant_id = $1 ORDER BY at, id",
                args![applicant.to_string()],
            )
            .await?;
        rows.iter().map(audit_entry).collect()
    }

    /// The audit entries not tied to an applicant (keys, webhooks), oldest first.
    pub async fn system_audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT at, actor, action, applicant_id, detail FROM audit_log \
                 WHERE applicant_id IS NULL ORDER BY at DESC, id DESC LIMIT $1",
                args![limit.min(10_000)],
            )
            .await?;
        let mut out: Vec<AuditEntry> = rows.iter().map(audit_entry).collect::<Result<_, _>>()?;
        out.reverse();
        Ok(out)
    }
}

fn audit_entry(row: &Row) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        at: row.time("at")?,
        actor: row.text("actor")?,
        action: row.text("action")?,
        applicant: row.opt_parse("applicant_id")?,
        detail: serde_json::from_str(&row.text("detail")?)
            .map_err(|_| StoreError::Corrupt("audit detail".into()))?,
    })
}
