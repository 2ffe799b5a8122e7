//! The service commands: `kycd serve`, `kycd worker`, `kycd migrate`, `kycd api-key create`,
//! `kycd keys rotate`, `kycd config`. Each reads the configuration (defaults, then
//! `DATA_DIR/kycd.toml` or `--config`, then `KYCD_*` variables, then these flags) and calls
//! kyc-server.

use std::path::PathBuf;
use std::process::ExitCode;

use kyc_server::{Config, KeySource, Overrides, Roles, Started};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Where the configuration comes from; shared by every service command.
#[derive(clap::Args, Clone)]
pub struct Common {
    /// Data folder: SQLite database, master key, blobs, e-mail outbox (default ./kycd-data).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL (default: SQLite in the data folder), e.g. postgres://kycd@127.0.0.1/kycd.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
    /// Configuration file (default: DATA_DIR/kycd.toml when it exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl Common {
    fn load(&self, listen: Option<String>) -> Result<Config> {
        let overrides = Overrides {
            config_file: self.config.clone(),
            data_dir: self.data_dir.clone(),
            listen,
            database_url: self.database_url.clone(),
        };
        Ok(Config::load(&overrides, &env)?)
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

#[derive(clap::Args)]
#[command(
    after_help = "Starts the REST API, the verification workers and the notification \
delivery in one process, with zero configuration: SQLite and images in the data folder, a \
generated master key (printed warning: back it up), and a first admin API key printed once.\n\n\
Example:\n  kycd serve --data-dir ./kycd-data --listen 127.0.0.1:8080"
)]
pub struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
}

#[derive(clap::Args)]
#[command(
    after_help = "Runs verification workers and notification delivery without the API, \
against the same database and blob folder as `kycd serve` (the master key must be the same)."
)]
pub struct WorkerArgs {
    #[command(flatten)]
    common: Common,
    /// Verification workers in this process (default: the `workers` setting, at least 1).
    #[arg(long, value_name = "N")]
    workers: Option<u32>,
}

#[derive(clap::Args)]
#[command(after_help = "Creates or updates the database schema; `kycd serve` does this too.")]
pub struct MigrateArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
pub struct ApiKeyArgs {
    #[command(subcommand)]
    command: ApiKeyCommand,
}

#[derive(clap::Subcommand)]
enum ApiKeyCommand {
    /// Create an API key and print it (it is shown only once; kycd stores its hash).
    Create {
        #[command(flatten)]
        common: Common,
        /// A name to recognise the key by.
        #[arg(long)]
        name: String,
        /// Scopes: admin, applicants:read, applicants:write, webhooks (repeat or comma-separate;
        /// default admin).
        #[arg(long, value_delimiter = ',')]
        scope: Vec<String>,
    },
    /// Revoke an API key by its id (the part after `kycd_` and before the next `_`).
    Revoke {
        #[command(flatten)]
        common: Common,
        #[arg(value_name = "KEY_ID")]
        id: String,
    },
}

#[derive(clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(clap::Subcommand)]
enum KeysCommand {
    /// Start a new data key: new personal data and images are encrypted with it; older data
    /// stays readable (every ciphertext names its key).
    Rotate {
        #[command(flatten)]
        common: Common,
        /// Also replace the master key: the data keys are re-wrapped under a new master key,
        /// which is written to the key file (the old file is kept as `.old`; with
        /// KYCD_MASTER_KEY set, the new key is printed instead and must replace it).
        #[arg(long)]
        master: bool,
    },
}

#[derive(clap::Args)]
pub struct ConfigArgs {
    /// Print the default configuration as a commented TOML file.
    #[arg(long, conflicts_with_all = ["markdown"])]
    print_default: bool,
    /// Print the settings table as Markdown (docs/configuration.md).
    #[arg(long)]
    markdown: bool,
    #[command(flatten)]
    common: Common,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn announce(config: &Config, started: &Started) {
    if started.key_source == KeySource::Generated {
        eprintln!(
            "\n!!! WARNING: kycd generated a new master key at {}.\n!!! Everything kycd stores is \
             encrypted under it: back it up now and keep it secret.\n!!! Without it no personal \
             data or image can be read. In production set KYCD_MASTER_KEY from a secret store.\n",
            config.master_key_file.display()
        );
    }
    if let Some(key) = &started.first_api_key {
        println!("First admin API key (shown once; kycd keeps only its hash):\n  {key}");
        println!(
            "Try: curl -H 'Authorization: Bearer {key}' {}/v1/applicants\n",
            started.url
        );
    }
    if !started.url.is_empty() {
        println!("kycd is listening on {}", started.url);
        println!("  API:              {}/v1/", started.url);
        println!("  OpenAPI document: {}/v1/openapi.json", started.url);
        println!("  health:           {}/healthz", started.url);
    }
    println!(
        "  data folder:      {} ({})",
        config.data_dir.display(),
        kyc_server::config::mask_password(&config.database_url)
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let config = args.common.load(args.listen)?;
    init_logging(&config.log);
    let roles = Roles {
        api: true,
        workers: config.workers,
        delivery: true,
    };
    let announce_config = config.clone();
    runtime()?.block_on(kyc_server::run(
        config,
        roles,
        &env,
        |started| announce(&announce_config, started),
        shutdown_signal(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn worker(args: WorkerArgs) -> Result<ExitCode> {
    let config = args.common.load(None)?;
    init_logging(&config.log);
    let roles = Roles {
        api: false,
        workers: args.workers.unwrap_or(config.workers).max(1),
        delivery: true,
    };
    let announce_config = config.clone();
    runtime()?.block_on(kyc_server::run(
        config,
        roles,
        &env,
        |started| announce(&announce_config, started),
        shutdown_signal(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn migrate(args: MigrateArgs) -> Result<ExitCode> {
    let config = args.common.load(None)?;
    runtime()?.block_on(async {
        let (key, _) = kyc_server::master_key(&config, &env, true)?;
        kyc_server::open_store(&config, key, true).await?;
        println!(
            "migrated {}",
            kyc_server::config::mask_password(&config.database_url)
        );
        Ok::<_, kyc_server::ServerError>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn api_key(args: ApiKeyArgs) -> Result<ExitCode> {
    match args.command {
        ApiKeyCommand::Create {
            common,
            name,
            scope,
        } => {
            let config = common.load(None)?;
            let mut scopes = Vec::new();
            for text in if scope.is_empty() {
                vec!["admin".to_string()]
            } else {
                scope
            } {
                let parsed: kyc_store::Scope = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("unknown scope {text:?} (admin, applicants:read, applicants:write, webhooks)"))?;
                scopes.push(parsed);
            }
            let name = name.trim();
            if name.is_empty() || name.len() > 100 {
                return Err("--name must be 1 to 100 characters".into());
            }
            let secret = runtime()?.block_on(async {
                let (key, _) = kyc_server::master_key(&config, &env, true)?;
                let store = kyc_server::open_store(&config, key, true).await?;
                let tenant = store.ensure_tenant("default").await?;
                let (_, secret) = store.create_api_key(tenant, name, &scopes).await?;
                Ok::<_, kyc_server::ServerError>(secret)
            })?;
            println!("{secret}");
        }
        ApiKeyCommand::Revoke { common, id } => {
            let config = common.load(None)?;
            runtime()?.block_on(async {
                let (key, _) = kyc_server::master_key(&config, &env, false)?;
                let store = kyc_server::open_store(&config, key, true).await?;
                store.revoke_api_key(&id).await?;
                Ok::<_, kyc_server::ServerError>(())
            })?;
            println!("revoked {id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn keys(args: KeysArgs) -> Result<ExitCode> {
    let KeysCommand::Rotate { common, master } = args.command;
    let config = common.load(None)?;
    runtime()?.block_on(async {
        let (key, source) = kyc_server::master_key(&config, &env, false)?;
        let store = kyc_server::open_store(&config, key, true).await?;
        let id = store.rotate_data_key().await?;
        println!("new data key {id}: new data is encrypted with it; older data stays readable");
        if master {
            let new_master = kyc_store::MasterKey::generate();
            let count = store.rewrap_data_keys(&new_master).await?;
            match source {
                KeySource::Environment => {
                    println!(
                        "re-wrapped {count} data keys under a new master key. Replace KYCD_MASTER_KEY with:\n{}",
                        new_master.to_hex()
                    );
                }
                _ => {
                    let path = &config.master_key_file;
                    let old = path.with_extension("key.old");
                    std::fs::rename(path, &old)?;
                    std::fs::write(path, format!("{}\n", new_master.to_hex()))?;
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
                    }
                    println!(
                        "re-wrapped {count} data keys under a new master key, written to {} (the old one is {}; delete it once backups hold the new one)",
                        path.display(),
                        old.display()
                    );
                }
            }
        }
        Ok::<_, kyc_server::ServerError>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn config(args: ConfigArgs) -> Result<ExitCode> {
    if args.print_default {
        print!("{}", kyc_server::config::default_toml());
    } else if args.markdown {
        print!("{}", kyc_server::config::markdown());
    } else {
        let config = args.common.load(None)?;
        print!("{}", config.describe());
    }
    Ok(ExitCode::SUCCESS)
}
