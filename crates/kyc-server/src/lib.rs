//! # kyc-server — kycd as a service
//!
//! One process serves the REST API and runs the workers; both share an [`AppState`] (the
//! store, the policy, the configuration and the token signer). The design in short:
//!
//! * **Thin transport.** [`api`] parses each request into typed values, checks who is calling
//!   ([`auth`]: hashed, scoped API keys for the exchange's backend; short-lived signed tokens
//!   for the applicant) and calls the engine (`kyc-engine`) or the store (`kyc-store`). Errors
//!   come from one table ([`error::ERRORS`]); a client mistake is never a 5xx.
//! * **Nothing lost.** A submission and its job, a decision and its notifications, are each
//!   written in one transaction by the store; workers ([`worker`]) hold leases on jobs and
//!   renew them with heartbeats, so a killed worker's job is taken again; notifications wait
//!   in an outbox until delivered (e-mail over SMTP or to `.eml` files; webhooks signed with
//!   HMAC-SHA256 and retried with backoff for 24 hours).
//! * **Never reject for our own failure.** An internal failure is retried, then the
//!   submission goes to review as `SYSTEM_ERROR`.
//! * **Idempotent POSTs.** [`idempotency`] replays the first response to an `Idempotency-Key`.
//! * **One configuration table.** [`config::SETTINGS`]: defaults, TOML file, environment.
//!
//! The binary (`kycd serve`, `kycd worker`, `kycd migrate`, `kycd api-key create`, `kycd keys
//! rotate`, `kycd config`) calls the functions at the end of this file.

pub mod api;
pub mod auth;
pub mod config;
pub mod error;
pub mod idempotency;
pub mod openapi;
pub mod state;
pub mod status_page;
pub mod views;
pub mod worker;

use std::path::Path;
use std::sync::Arc;

use kyc_core::Policy;
use kyc_store::{MasterKey, Scope, Store, StoreConfig, StoreError};
use tokio::sync::watch;

pub use config::{Config, Overrides};
pub use state::AppState;

/// Why the service could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("master key: {0}")]
    MasterKey(String),
    #[error("policy {path}: {error}")]
    Policy { path: String, error: String },
    #[error("cannot listen on {addr}: {error}")]
    Listen { addr: String, error: std::io::Error },
    #[error("models: {0}")]
    Engine(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// How the master key was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    File,
    Generated,
}

/// The master key: `KYCD_MASTER_KEY`, else the key file, else (when `create`) a new key
/// written to the key file with permissions 0600.
pub fn master_key(
    config: &Config,
    env: &dyn Fn(&str) -> Option<String>,
    create: bool,
) -> Result<(MasterKey, KeySource), ServerError> {
    if let Some(hex) = env("KYCD_MASTER_KEY") {
        let key = MasterKey::from_hex(hex.trim())
            .map_err(|e| ServerError::MasterKey(format!("KYCD_MASTER_KEY: {e}")))?;
        return Ok((key, KeySource::Environment));
    }
    let path = &config.master_key_file;
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = MasterKey::from_hex(text.trim())
                .map_err(|e| ServerError::MasterKey(format!("{}: {e}", path.display())))?;
            Ok((key, KeySource::File))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && create => {
            let key = MasterKey::generate();
            write_secret_file(path, &key.to_hex())?;
            Ok((key, KeySource::Generated))
        }
        Err(err) => Err(ServerError::MasterKey(format!(
            "cannot read {}: {err} (set KYCD_MASTER_KEY or run `kycd serve` once to create it)",
            path.display()
        ))),
    }
}

fn write_secret_file(path: &Path, text: &str) -> Result<(), ServerError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()?;
    Ok(())
}

/// Opens the store the configuration names (and migrates it when `migrate`).
pub async fn open_store(
    config: &Config,
    key: MasterKey,
    migrate: bool,
) -> Result<Store, ServerError> {
    std::fs::create_dir_all(&config.data_dir)?;
    let store = match &config.blob_s3 {
        None => {
            Store::open(StoreConfig {
                database_url: config.database_url.clone(),
                blob_dir: config.blob_dir.clone(),
                master_key: key,
            })
            .await?
        }
        Some(s3) => {
            let blobs = kyc_store::S3BlobStore::new(s3)?;
            blobs.check().await?;
            Store::open_with_blobs(config.database_url.clone(), Arc::new(blobs), key).await?
        }
    };
    if migrate {
        store.migrate().await?;
    }
    Ok(store)
}

/// The policy file the configuration names, or the built-in policy.
pub fn load_policy(config: &Config) -> Result<Policy, ServerError> {
    let Some(path) = &config.policy_file else {
        return Ok(Policy::default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| ServerError::Policy {
        path: path.display().to_string(),
        error: e.to_string(),
    })?;
    Policy::from_toml(&text).map_err(|e| ServerError::Policy {
        path: path.display().to_string(),
        error: e.to_string(),
    })
}

/// What `kycd serve` says when it starts.
pub struct Started {
    pub url: String,
    pub key_source: KeySource,
    /// The first admin API key, when this start created it (shown once).
    pub first_api_key: Option<String>,
}

/// What to run in this process.
#[derive(Debug, Clone, Copy)]
pub struct Roles {
    pub api: bool,
    /// Verification workers.
    pub workers: u32,
    pub delivery: bool,
}

/// Starts the service and runs it until `shutdown` resolves. `on_start` is called once the
/// listener is bound (the binary prints the URLs and the first key from it).
pub async fn run(
    config: Config,
    roles: Roles,
    env: &dyn Fn(&str) -> Option<String>,
    on_start: impl FnOnce(&Started),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let (key, key_source) = master_key(&config, env, roles.api)?;
    let signing_key = key.derive("applicant-access-token");
    let store = open_store(&config, key, true).await?;
    let policy = load_policy(&config)?;
    let tenant = store.ensure_tenant("default").await?;
    let first_api_key = if roles.api && store.count_api_keys().await? == 0 {
        let (_, secret) = store
            .create_api_key(tenant, "first admin key", &[Scope::Admin])
            .await?;
        Some(secret)
    } else {
        None
    };
    let state = AppState {
        store,
        policy: Arc::new(policy),
        config: Arc::new(config.clone()),
        tokens: auth::TokenSigner::new(signing_key),
    };
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = Vec::new();
    if roles.workers > 0 {
        let engine = tokio::task::spawn_blocking(kyc_engine::Engine::load)
            .await
            .map_err(|e| ServerError::Engine(e.to_string()))?
            .map_err(|e| ServerError::Engine(e.to_string()))?;
        let engine = Arc::new(engine);
        let host = std::process::id();
        let (state, stop_rx, count) = (state.clone(), stop_rx.clone(), roles.workers);
        tasks.push(tokio::spawn(async move {
            // Plan the networks for the usual input sizes before the first job (a few seconds,
            // while the API already answers), so that the first submissions do not pay for it.
            let planning = engine.clone();
            match tokio::task::spawn_blocking(move || planning.prepare()).await {
                Ok(Ok(())) => tracing::info!("verification models ready"),
                Ok(Err(error)) => tracing::warn!(%error, "cannot prepare the models ahead"),
                Err(error) => tracing::warn!(%error, "cannot prepare the models ahead"),
            }
            let verifiers: Vec<_> = (0..count)
                .map(|n| {
                    tokio::spawn(worker::run_verifier(
                        state.clone(),
                        engine.clone(),
                        format!("verifier-{host}-{n}-{}", uuid::Uuid::new_v4().simple()),
                        stop_rx.clone(),
                    ))
                })
                .collect();
            for verifier in verifiers {
                let _ = verifier.await;
            }
        }));
    }
    if roles.delivery {
        tasks.push(tokio::spawn(worker::run_delivery(
            state.clone(),
            format!("delivery-{}", uuid::Uuid::new_v4().simple()),
            stop_rx.clone(),
        )));
    }
    let listener = if roles.api {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|error| ServerError::Listen {
                addr: config.listen.to_string(),
                error,
            })?;
        Some(listener)
    } else {
        None
    };
    let url = match &listener {
        Some(l) => format!("http://{}", l.local_addr()?),
        None => String::new(),
    };
    on_start(&Started {
        url,
        key_source,
        first_api_key,
    });
    match listener {
        Some(listener) => {
            let app = api::router(state.clone()).merge(status_page::router(state.clone()));
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
        }
        None => shutdown.await,
    }
    let _ = stop_tx.send(true);
    for task in tasks {
        let _ = task.await;
    }
    Ok(())
}
