//! Black-box support for the service tests: a `kycd serve` (or `kycd worker`) process on a
//! fresh data folder and a fresh database (SQLite, or a new PostgreSQL database), a real SMTP
//! listener for its e-mails, a webhook receiver, an HTTP client, and specimen documents.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kyc_notify::testing::{Captured, ParsedEmail, SmtpSink, parse_email};
use serde_json::{Value, json};

pub const SELFIE: &[u8] = include_bytes!("../../../../assets/portraits/grace_hopper.jpg");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests use, or `None` (with a visible message) when it is not
/// reachable; with `KYCD_REQUIRE_POSTGRES=1` (CI) an unreachable server fails the test.
pub async fn postgres_admin_url() -> Option<String> {
    let url = std::env::var("KYCD_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let reachable = tokio::time::timeout(Duration::from_secs(5), async {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(&url)
            .await
    })
    .await;
    match reachable {
        Ok(Ok(pool)) => {
            pool.close().await;
            Some(url)
        }
        _ => {
            if std::env::var("KYCD_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!(
                    "PostgreSQL is required (KYCD_REQUIRE_POSTGRES=1) but not reachable at {url}"
                );
            }
            eprintln!(
                "SKIPPED: PostgreSQL not reachable at {url}; the PostgreSQL half of this test did not run"
            );
            None
        }
    }
}

/// A fresh PostgreSQL database, dropped when this value is dropped.
pub struct PgDatabase {
    admin: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub async fn create(admin: &str) -> PgDatabase {
        let name = format!("kycd_e2e_{}", uuid::Uuid::new_v4().simple());
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(admin)
            .await
            .expect("connect to PostgreSQL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .expect("create a test database");
        pool.close().await;
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
        PgDatabase {
            admin: admin.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(pool) = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&admin)
                    .await
                {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&pool)
                    .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// What the receiver got: (Kycd-Signature header, body), in order.
pub type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A webhook endpoint that records what it receives.
#[derive(Clone, Default)]
pub struct WebhookReceiver {
    pub received: Received,
    pub url: String,
}

impl WebhookReceiver {
    pub async fn start() -> WebhookReceiver {
        let received: Received = Arc::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sink = received.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(
                move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                    let sink = sink.clone();
                    async move {
                        let signature = headers
                            .get("kycd-signature")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string();
                        sink.lock().unwrap().push((signature, body.to_vec()));
                        "ok"
                    }
                },
            ),
        );
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        WebhookReceiver {
            received,
            url: format!("http://{addr}/hook"),
        }
    }

    /// The events received so far: (type, body, signature).
    pub fn events(&self) -> Vec<(String, Value, String)> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .map(|(sig, body)| {
                let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
                (
                    value["type"].as_str().unwrap_or("").to_string(),
                    value,
                    sig.clone(),
                )
            })
            .collect()
    }
}

/// A running kycd process.
pub struct Kycd {
    child: Child,
    pub url: String,
    pub api_key: Option<String>,
    pub data_dir: PathBuf,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Kycd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "kycd-test-{label}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Kycd {
    /// Starts `kycd <command> --data-dir DIR [--listen 127.0.0.1:0]` with `env` and waits for it
    /// to be ready (its first lines name the URL and the first API key).
    pub fn start(
        command: &str,
        data_dir: &Path,
        database_url: Option<&str>,
        env: &[(&str, String)],
    ) -> Kycd {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kycd"));
        cmd.arg(command).arg("--data-dir").arg(data_dir);
        if command == "serve" {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        if let Some(url) = database_url {
            cmd.args(["--database-url", url]);
        }
        cmd.env("KYCD_POLL_MILLIS", "50")
            .env("KYCD_LOG", "info")
            .env_remove("KYCD_MASTER_KEY")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start kycd");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let err_log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                err_log.lock().unwrap().push(line);
            }
        });
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut url = String::new();
        let mut api_key = None;
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut expect_key = false;
        while Instant::now() < deadline {
            let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) else {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!(
                        "kycd {command} exited with {status}: {:?}",
                        log.lock().unwrap()
                    );
                }
                if command == "worker" && !url.is_empty() {
                    break;
                }
                continue;
            };
            if let Some(rest) = line.strip_prefix("kycd is listening on ") {
                url = rest.trim().to_string();
            }
            if expect_key {
                api_key = Some(line.trim().to_string());
                expect_key = false;
            }
            if line.starts_with("First admin API key") {
                expect_key = true;
            }
            if line.trim_start().starts_with("data folder:") {
                if command == "worker" {
                    url = "worker".into();
                }
                break;
            }
        }
        assert!(
            !url.is_empty(),
            "kycd {command} did not start: {:?}",
            log.lock().unwrap()
        );
        std::thread::spawn(move || while rx.recv().is_ok() {});
        Kycd {
            child,
            url,
            api_key,
            data_dir: data_dir.to_path_buf(),
            log,
        }
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// An API client with a key.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub key: String,
    pub http: reqwest::Client,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
    /// The server said it closes the connection after this reply (`Connection: close`).
    pub closes: bool,
}

impl Api {
    pub fn new(base: &str, key: &str) -> Api {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Api {
            base: base.to_string(),
            key: key.to_string(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
        }
    }

    async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let closes = response
            .headers()
            .get(reqwest::header::CONNECTION)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"close"));
        let bytes = response.bytes().await.unwrap_or_default();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Reply {
            status,
            body,
            closes,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .send()
            .await
            .unwrap();
        Self::reply(response).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .json(&body)
            .send()
            .await
            .unwrap();
        Self::reply(response).await
    }

    pub async fn post_with_key(&self, path: &str, body: Value, idempotency_key: &str) -> Reply {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .header("Idempotency-Key", idempotency_key)
            .json(&body)
            .send()
            .await
            .unwrap();
        Self::reply(response).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        let response = self
            .http
            .put(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .json(&body)
            .send()
            .await
            .unwrap();
        Self::reply(response).await
    }

    pub async fn upload(&self, applicant: &str, role: &str, bytes: Vec<u8>, name: &str) -> Reply {
        let form = reqwest::multipart::Form::new()
            .text("role", role.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        let response = self
            .http
            .post(format!("{}/v1/applicants/{applicant}/documents", self.base))
            .bearer_auth(&self.key)
            .multipart(form)
            .send()
            .await
            .unwrap();
        Self::reply(response).await
    }

    /// Creates an applicant; returns its id.
    pub async fn applicant(&self, external: &str, email: &str, language: &str) -> String {
        let reply = self
            .post(
                "/v1/applicants",
                json!({"external_user_id": external, "email": email, "language": language}),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.body["id"].as_str().unwrap().to_string()
    }

    /// Polls until the applicant has a decision; returns the applicant.
    pub async fn wait_decided(&self, id: &str, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let reply = self.get(&format!("/v1/applicants/{id}")).await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            let status = reply.body["status"].as_str().unwrap_or("").to_string();
            if !["draft", "submitted", "processing"].contains(&status.as_str()) {
                return reply.body;
            }
            assert!(
                Instant::now() < deadline,
                "no decision in {timeout:?}: {}",
                reply.body
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// The e-mails captured for `to`, parsed.
pub fn emails_to(sink: &SmtpSink, to: &str) -> Vec<ParsedEmail> {
    sink.messages()
        .iter()
        .filter(|m: &&Captured| m.to.iter().any(|t| t == to))
        .map(|m| parse_email(&m.data))
        .collect()
}

pub fn wait_email(sink: &SmtpSink, to: &str, timeout: Duration) -> ParsedEmail {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(email) = emails_to(sink, to).pop() {
            return email;
        }
        assert!(
            Instant::now() < deadline,
            "no e-mail to {to} within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
