//! The service's configuration: one table of settings, each with its TOML key, its environment
//! variable, its default and what it does. Defaults come first, then the TOML file, then the
//! environment; `kycd config --print-default` prints the table as a commented TOML file and
//! `docs/configuration.md` is generated from the same table (a test keeps them equal).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One setting of the table.
pub struct Setting {
    pub key: &'static str,
    pub env: &'static str,
    /// The default as TOML text; an empty string means "unset" (the setting says what then).
    pub default: &'static str,
    pub doc: &'static str,
}

/// Every setting kycd reads. Nothing else reads the environment or the configuration file.
pub const SETTINGS: &[Setting] = &[
    Setting {
        key: "listen",
        env: "KYCD_LISTEN",
        default: "\"127.0.0.1:8080\"",
        doc: "Address the HTTP API listens on.",
    },
    Setting {
        key: "data_dir",
        env: "KYCD_DATA_DIR",
        default: "\"kycd-data\"",
        doc: "Folder for the SQLite database, the master key file, image blobs and e-mail \
              files, unless the settings below point elsewhere. Created if missing.",
    },
    Setting {
        key: "database_url",
        env: "KYCD_DATABASE_URL",
        default: "\"\"",
        doc: "Database: empty for SQLite at DATA_DIR/kycd.sqlite, or postgres://user@host/db.",
    },
    Setting {
        key: "blob_dir",
        env: "KYCD_BLOB_DIR",
        default: "\"\"",
        doc: "Folder for encrypted image blobs; empty for DATA_DIR/blobs. Not used when \
              BLOB_S3_URL is set.",
    },
    Setting {
        key: "blob_s3_url",
        env: "KYCD_BLOB_S3_URL",
        default: "\"\"",
        doc: "Keep encrypted image blobs in an S3-compatible bucket instead of BLOB_DIR: \
              s3://BUCKET/PREFIX (the bucket must exist). Empty for the local folder.",
    },
    Setting {
        key: "s3_endpoint",
        env: "KYCD_S3_ENDPOINT",
        default: "\"\"",
        doc: "Endpoint of an S3-compatible service (MinIO, Ceph, Garage, R2 ...), e.g. \
              http://127.0.0.1:9000, addressed path-style; empty for AWS S3.",
    },
    Setting {
        key: "s3_region",
        env: "KYCD_S3_REGION",
        default: "\"us-east-1\"",
        doc: "Region of the bucket.",
    },
    Setting {
        key: "s3_access_key_id",
        env: "KYCD_S3_ACCESS_KEY_ID",
        default: "\"\"",
        doc: "Access key id for the bucket; empty to send unsigned requests.",
    },
    Setting {
        key: "s3_secret_access_key",
        env: "KYCD_S3_SECRET_ACCESS_KEY",
        default: "\"\"",
        doc: "Secret access key for the bucket (never printed: `kycd config` shows ***).",
    },
    Setting {
        key: "master_key_file",
        env: "KYCD_MASTER_KEY_FILE",
        default: "\"\"",
        doc: "File holding the master key (64 hex digits); empty for DATA_DIR/master.key. When \
              the file does not exist, `kycd serve` generates one and warns loudly: back it up, \
              without it nothing stored can be read. The environment variable KYCD_MASTER_KEY \
              (the hex key itself) takes precedence over any file.",
    },
    Setting {
        key: "public_url",
        env: "KYCD_PUBLIC_URL",
        default: "\"\"",
        doc: "URL applicants reach kycd at, for links in e-mails; empty for http://LISTEN.",
    },
    Setting {
        key: "policy_file",
        env: "KYCD_POLICY_FILE",
        default: "\"\"",
        doc: "Policy file (see `kycd policy --print-default`); empty for the built-in policy.",
    },
    Setting {
        key: "workers",
        env: "KYCD_WORKERS",
        default: "1",
        doc: "Verification workers `kycd serve` runs beside the API (0: API only; run \
              `kycd worker` elsewhere). Each worker checks one submission at a time.",
    },
    Setting {
        key: "job_lease_seconds",
        env: "KYCD_JOB_LEASE_SECONDS",
        default: "60",
        doc: "How long a worker holds a job between heartbeats; a worker that dies loses its \
              jobs to another worker after this long.",
    },
    Setting {
        key: "job_max_attempts",
        env: "KYCD_JOB_MAX_ATTEMPTS",
        default: "3",
        doc: "Tries of a verification job that fails internally before it goes to review as \
              SYSTEM_ERROR (it is never rejected).",
    },
    Setting {
        key: "job_retry_seconds",
        env: "KYCD_JOB_RETRY_SECONDS",
        default: "5",
        doc: "Wait before the first retry of a failed job; doubled at each further try.",
    },
    Setting {
        key: "poll_millis",
        env: "KYCD_POLL_MILLIS",
        default: "500",
        doc: "How often idle workers look for new jobs and notifications to deliver.",
    },
    Setting {
        key: "smtp_url",
        env: "KYCD_SMTP_URL",
        default: "\"\"",
        doc: "SMTP server for applicant e-mails: smtp://host:port, smtp+starttls://user:pass@host:587 \
              or smtps://user:pass@host:465; empty to write each e-mail as an .eml file to \
              MAIL_OUTBOX_DIR instead.",
    },
    Setting {
        key: "mail_from",
        env: "KYCD_MAIL_FROM",
        default: "\"kycd <kycd@localhost>\"",
        doc: "Sender of applicant e-mails.",
    },
    Setting {
        key: "mail_outbox_dir",
        env: "KYCD_MAIL_OUTBOX_DIR",
        default: "\"\"",
        doc: "Folder for .eml files when no SMTP server is set; empty for DATA_DIR/mail-outbox.",
    },
    Setting {
        key: "access_token_seconds",
        env: "KYCD_ACCESS_TOKEN_SECONDS",
        default: "3600",
        doc: "Lifetime of an applicant access token (the identification page's credential).",
    },
    Setting {
        key: "link_token_seconds",
        env: "KYCD_LINK_TOKEN_SECONDS",
        default: "604800",
        doc: "Lifetime of the access token in the link an e-mail carries (7 days).",
    },
    Setting {
        key: "log",
        env: "KYCD_LOG",
        default: "\"info\"",
        doc: "Log filter (tracing's env-filter syntax). Logs carry ids, never personal data.",
    },
];

/// The configuration kycd runs with, every value parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub blob_dir: PathBuf,
    /// The bucket for blobs, when they are not kept in `blob_dir`.
    pub blob_s3: Option<kyc_store::S3Config>,
    pub master_key_file: PathBuf,
    pub public_url: String,
    pub policy_file: Option<PathBuf>,
    pub workers: u32,
    pub job_lease: Duration,
    pub job_max_attempts: u32,
    pub job_retry: Duration,
    pub poll: Duration,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub mail_outbox_dir: PathBuf,
    pub access_token_ttl: Duration,
    pub link_token_ttl: Duration,
    pub log: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {error}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("configuration file {path}: {error}")]
    Syntax { path: PathBuf, error: String },
    #[error("unknown setting `{0}` (see `kycd config --print-default`)")]
    Unknown(String),
    #[error("setting `{key}` ({source_name}): {message}")]
    Invalid {
        key: &'static str,
        source_name: String,
        message: String,
    },
}

/// The default configuration as a commented TOML file.
pub fn default_toml() -> String {
    let mut out = String::from(
        "# kycd configuration. Every setting is optional; each can also be set by the environment\n\
         # variable named above it, which wins over this file.\n",
    );
    for setting in SETTINGS {
        out.push('\n');
        for line in wrap(setting.doc, 92) {
            out.push_str("# ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!("# env: {}\n", setting.env));
        out.push_str(&format!("{} = {}\n", setting.key, setting.default));
    }
    out
}

/// The table as Markdown, for docs/configuration.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Configuration\n\n<!-- generated from crates/kyc-server/src/config.rs; a test keeps it \
         equal -->\n\nkycd reads its settings from, in order: the defaults below, a TOML file \
         (`--config FILE`, else `DATA_DIR/kycd.toml` when it exists) and environment variables, \
         which win. `kycd config --print-default` prints a commented file to start from, and \
         `kycd config --check` prints the configuration in force (without secrets).\n\n\
         | setting | environment | default | what it does |\n|---|---|---|---|\n",
    );
    for setting in SETTINGS {
        out.push_str(&format!(
            "| `{}` | `{}` | `{}` | {} |\n",
            setting.key,
            setting.env,
            setting.default,
            setting.doc.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    out.push_str(
        "\nBesides the table, `KYCD_MASTER_KEY` may hold the master key itself (64 hex digits); \
         it wins over `master_key_file` and is never written anywhere.\n",
    );
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Overrides given on the command line (`--data-dir`, `--listen`, `--database-url`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub listen: Option<String>,
    pub database_url: Option<String>,
}

impl Config {
    /// Defaults, then the file, then the environment (`env` is passed in so tests control it),
    /// then the command line.
    pub fn load(
        overrides: &Overrides,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut values: toml::Table = toml::Table::new();
        for setting in SETTINGS {
            let value: toml::Value =
                toml::from_str::<toml::Table>(&format!("v = {}", setting.default))
                    .ok()
                    .and_then(|mut t| t.remove("v"))
                    .unwrap_or(toml::Value::String(String::new()));
            values.insert(setting.key.to_string(), value);
        }
        let mut sources: std::collections::BTreeMap<&str, String> = SETTINGS
            .iter()
            .map(|s| (s.key, "default".to_string()))
            .collect();

        // The data dir decides where the default file is, so find it first.
        let data_dir_hint = overrides
            .data_dir
            .clone()
            .or_else(|| env("KYCD_DATA_DIR").map(PathBuf::from));
        let file = match (&overrides.config_file, &data_dir_hint) {
            (Some(path), _) => Some(path.clone()),
            (None, Some(dir)) if dir.join("kycd.toml").exists() => Some(dir.join("kycd.toml")),
            (None, None) if Path::new("kycd-data/kycd.toml").exists() => {
                Some(PathBuf::from("kycd-data/kycd.toml"))
            }
            _ => None,
        };
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Read {
                path: path.clone(),
                error,
            })?;
            let table: toml::Table = toml::from_str(&text).map_err(|err| ConfigError::Syntax {
                path: path.clone(),
                error: err.message().to_string(),
            })?;
            for (key, value) in table {
                let Some(setting) = SETTINGS.iter().find(|s| s.key == key) else {
                    return Err(ConfigError::Unknown(key));
                };
                values.insert(key, value);
                sources.insert(setting.key, path.display().to_string());
            }
        }
        for setting in SETTINGS {
            if let Some(text) = env(setting.env) {
                let default_is_string = setting.default.starts_with('"');
                let value = if default_is_string {
                    toml::Value::String(text)
                } else {
                    match text.trim().parse::<i64>() {
                        Ok(n) => toml::Value::Integer(n),
                        Err(_) => {
                            return Err(ConfigError::Invalid {
                                key: setting.key,
                                source_name: setting.env.to_string(),
                                message: format!("expected a whole number, got {text:?}"),
                            });
                        }
                    }
                };
                values.insert(setting.key.to_string(), value);
                sources.insert(setting.key, setting.env.to_string());
            }
        }
        let mut set = |key: &'static str, value: String| {
            values.insert(key.to_string(), toml::Value::String(value));
            sources.insert(key, "command line".to_string());
        };
        if let Some(dir) = &overrides.data_dir {
            set("data_dir", dir.display().to_string());
        }
        if let Some(listen) = &overrides.listen {
            set("listen", listen.clone());
        }
        if let Some(url) = &overrides.database_url {
            set("database_url", url.clone());
        }

        let reader = Reader { values, sources };
        let listen_text = reader.string("listen")?;
        let listen: SocketAddr = listen_text.parse().map_err(|_| ConfigError::Invalid {
            key: "listen",
            source_name: reader.source("listen"),
            message: format!("expected an address like 127.0.0.1:8080, got {listen_text:?}"),
        })?;
        let data_dir = PathBuf::from(reader.string("data_dir")?);
        let or_in_data = |text: String, default: &str| {
            if text.is_empty() {
                data_dir.join(default)
            } else {
                PathBuf::from(text)
            }
        };
        let database_url = match reader.string("database_url")? {
            url if url.is_empty() => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("kycd.sqlite").display()
            ),
            url => url,
        };
        let public_url = match reader.string("public_url")? {
            url if url.is_empty() => format!("http://{listen}"),
            url => url.trim_end_matches('/').to_string(),
        };
        let blob_s3 = match reader.string("blob_s3_url")? {
            url if url.is_empty() => None,
            url => {
                let mut s3 = kyc_store::S3Config::from_url(&url).map_err(|message| {
                    ConfigError::Invalid {
                        key: "blob_s3_url",
                        source_name: reader.source("blob_s3_url"),
                        message,
                    }
                })?;
                s3.endpoint = reader.string("s3_endpoint")?;
                if !s3.endpoint.is_empty()
                    && !s3.endpoint.starts_with("http://")
                    && !s3.endpoint.starts_with("https://")
                {
                    return Err(ConfigError::Invalid {
                        key: "s3_endpoint",
                        source_name: reader.source("s3_endpoint"),
                        message: format!(
                            "expected an http:// or https:// URL, got {:?}",
                            s3.endpoint
                        ),
                    });
                }
                s3.region = reader.string("s3_region")?;
                s3.access_key_id = reader.string("s3_access_key_id")?;
                s3.secret_access_key = reader.string("s3_secret_access_key")?;
                Some(s3)
            }
        };
        Ok(Config {
            listen,
            blob_s3,
            database_url,
            blob_dir: or_in_data(reader.string("blob_dir")?, "blobs"),
            master_key_file: or_in_data(reader.string("master_key_file")?, "master.key"),
            public_url,
            policy_file: Some(reader.string("policy_file")?)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
            workers: reader.count("workers", 0, 64)?,
            job_lease: Duration::from_secs(reader.count("job_lease_seconds", 2, 3600)?.into()),
            job_max_attempts: reader.count("job_max_attempts", 1, 100)?,
            job_retry: Duration::from_secs(reader.count("job_retry_seconds", 0, 3600)?.into()),
            poll: Duration::from_millis(reader.count("poll_millis", 10, 60_000)?.into()),
            smtp_url: Some(reader.string("smtp_url")?).filter(|s| !s.is_empty()),
            mail_from: reader.string("mail_from")?,
            mail_outbox_dir: or_in_data(reader.string("mail_outbox_dir")?, "mail-outbox"),
            access_token_ttl: Duration::from_secs(
                reader
                    .count("access_token_seconds", 60, 86_400 * 30)?
                    .into(),
            ),
            link_token_ttl: Duration::from_secs(
                reader.count("link_token_seconds", 60, 86_400 * 90)?.into(),
            ),
            log: reader.string("log")?,
            data_dir,
        })
    }

    /// The configuration in force, as TOML, with where each value came from. Holds no secret
    /// (the database URL's password is masked).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let url = mask_password(&self.database_url);
        let lines: [(&str, String); 22] = [
            ("listen", self.listen.to_string()),
            ("data_dir", self.data_dir.display().to_string()),
            ("database_url", url),
            ("blob_dir", self.blob_dir.display().to_string()),
            (
                "blob_s3_url",
                self.blob_s3
                    .as_ref()
                    .map(|s3| format!("s3://{}/{}", s3.bucket, s3.prefix))
                    .unwrap_or_default(),
            ),
            (
                "s3_endpoint",
                self.blob_s3
                    .as_ref()
                    .map(|s3| s3.endpoint.clone())
                    .unwrap_or_default(),
            ),
            (
                "s3_region",
                self.blob_s3
                    .as_ref()
                    .map(|s3| s3.region.clone())
                    .unwrap_or_default(),
            ),
            (
                "s3_access_key_id",
                self.blob_s3
                    .as_ref()
                    .map(|s3| s3.access_key_id.clone())
                    .unwrap_or_default(),
            ),
            (
                "s3_secret_access_key",
                match &self.blob_s3 {
                    Some(s3) if !s3.secret_access_key.is_empty() => "***".to_string(),
                    _ => String::new(),
                },
            ),
            (
                "master_key_file",
                self.master_key_file.display().to_string(),
            ),
            ("public_url", self.public_url.clone()),
            (
                "policy_file",
                self.policy_file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            ),
            ("workers", self.workers.to_string()),
            ("job_lease_seconds", self.job_lease.as_secs().to_string()),
            ("job_max_attempts", self.job_max_attempts.to_string()),
            ("job_retry_seconds", self.job_retry.as_secs().to_string()),
            ("poll_millis", self.poll.as_millis().to_string()),
            (
                "smtp_url",
                self.smtp_url
                    .as_deref()
                    .map(mask_password)
                    .unwrap_or_default(),
            ),
            ("mail_from", self.mail_from.clone()),
            (
                "mail_outbox_dir",
                self.mail_outbox_dir.display().to_string(),
            ),
            (
                "access_token_seconds",
                self.access_token_ttl.as_secs().to_string(),
            ),
            ("log", self.log.clone()),
        ];
        for (key, value) in lines {
            out.push_str(&format!("{key} = {value:?}\n"));
        }
        out
    }
}

/// `scheme://user:secret@host` → `scheme://user:***@host`.
pub fn mask_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

struct Reader {
    values: toml::Table,
    sources: std::collections::BTreeMap<&'static str, String>,
}

impl Reader {
    fn source(&self, key: &str) -> String {
        self.sources.get(key).cloned().unwrap_or_default()
    }

    fn string(&self, key: &'static str) -> Result<String, ConfigError> {
        match self.values.get(key) {
            Some(toml::Value::String(text)) => Ok(text.clone()),
            other => Err(ConfigError::Invalid {
                key,
                source_name: self.source(key),
                message: format!("expected a string, got {other:?}"),
            }),
        }
    }

    fn count(&self, key: &'static str, min: u32, max: u32) -> Result<u32, ConfigError> {
        match self.values.get(key) {
            Some(toml::Value::Integer(n)) if (i64::from(min)..=i64::from(max)).contains(n) => {
                Ok(*n as u32)
            }
            other => Err(ConfigError::Invalid {
                key,
                source_name: self.source(key),
                message: format!("expected a whole number from {min} to {max}, got {other:?}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_load_and_put_everything_in_the_data_dir() {
        let overrides = Overrides {
            data_dir: Some(PathBuf::from("/tmp/kycd-config-test-none")),
            ..Overrides::default()
        };
        let config = Config::load(&overrides, &no_env).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.database_url,
            "sqlite:///tmp/kycd-config-test-none/kycd.sqlite?mode=rwc"
        );
        assert_eq!(
            config.blob_dir,
            PathBuf::from("/tmp/kycd-config-test-none/blobs")
        );
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert_eq!(config.workers, 1);
        assert!(config.smtp_url.is_none());
    }

    #[test]
    fn the_printed_default_parses_as_the_defaults() {
        let table: toml::Table = toml::from_str(&default_toml()).unwrap();
        assert_eq!(table.len(), SETTINGS.len());
        let dir = std::env::temp_dir().join(format!("kycd-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kycd.toml");
        std::fs::write(&file, default_toml()).unwrap();
        let overrides = Overrides {
            config_file: Some(file),
            ..Overrides::default()
        };
        let config = Config::load(&overrides, &no_env).unwrap();
        assert_eq!(config.workers, 1);
        assert_eq!(config.job_lease, Duration::from_secs(60));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn environment_wins_over_defaults_and_bad_values_name_their_source() {
        let env = |name: &str| match name {
            "KYCD_WORKERS" => Some("3".to_string()),
            "KYCD_SMTP_URL" => Some("smtp://127.0.0.1:2525".to_string()),
            _ => None,
        };
        let config = Config::load(&Overrides::default(), &env).unwrap();
        assert_eq!(config.workers, 3);
        assert_eq!(config.smtp_url.as_deref(), Some("smtp://127.0.0.1:2525"));

        let bad = |name: &str| (name == "KYCD_WORKERS").then(|| "many".to_string());
        let err = Config::load(&Overrides::default(), &bad).unwrap_err();
        assert!(err.to_string().contains("KYCD_WORKERS"), "{err}");
        let huge = |name: &str| (name == "KYCD_WORKERS").then(|| "1000".to_string());
        assert!(Config::load(&Overrides::default(), &huge).is_err());
        let listen = |name: &str| (name == "KYCD_LISTEN").then(|| "everywhere".to_string());
        assert!(Config::load(&Overrides::default(), &listen).is_err());
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let dir = std::env::temp_dir().join(format!("kycd-config-u-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kycd.toml");
        std::fs::write(&file, "wokers = 2\n").unwrap();
        let overrides = Overrides {
            config_file: Some(file),
            ..Overrides::default()
        };
        let err = Config::load(&overrides, &no_env).unwrap_err();
        assert!(matches!(err, ConfigError::Unknown(ref k) if k == "wokers"));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn passwords_are_masked() {
        assert_eq!(
            mask_password("postgres://kycd:hunter2@db/kycd"),
            "postgres://kycd:***@db/kycd"
        );
        assert_eq!(mask_password("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn docs_configuration_md_is_generated_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/configuration.md");
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == markdown(),
            "docs/configuration.md is out of date: run `kycd config --markdown > docs/configuration.md`"
        );
    }
}
