//! The values the store takes and gives: typed ids, records, notifications.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{ApplicantStatus, DocumentRole, Level};

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A new, time-ordered (UUID v7) id.
            pub fn new() -> $name {
                $name(uuid::Uuid::now_v7())
            }

            pub fn as_uuid(&self) -> uuid::Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> $name {
                $name::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<$name, uuid::Error> {
                uuid::Uuid::parse_str(s).map($name)
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(u: uuid::Uuid) -> $name {
                $name(u)
            }
        }
    )+};
}

typed_id!(
    /// An applicant (a person being verified), unique across tenants.
    ApplicantId,
    /// An uploaded file.
    DocumentId,
    /// A queued job.
    JobId,
    /// A notification waiting in the outbox.
    OutboxId,
    /// A tenant's webhook endpoint.
    WebhookId,
    /// A tenant: one client of the service (an exchange).
    TenantId,
    /// A recorded decision.
    DecisionId,
);

/// What an API key may do. [`Scope::Admin`] implies every other scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Admin,
    ApplicantsRead,
    ApplicantsWrite,
    Webhooks,
}

impl Scope {
    pub const ALL: &'static [Scope] = &[
        Scope::Admin,
        Scope::ApplicantsRead,
        Scope::ApplicantsWrite,
        Scope::Webhooks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Admin => "admin",
            Scope::ApplicantsRead => "applicants:read",
            Scope::ApplicantsWrite => "applicants:write",
            Scope::Webhooks => "webhooks",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no scope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scope {0:?}")]
pub struct UnknownScope(pub String);

impl FromStr for Scope {
    type Err = UnknownScope;

    fn from_str(s: &str) -> Result<Scope, UnknownScope> {
        Scope::ALL
            .iter()
            .copied()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| UnknownScope(s.chars().take(40).collect()))
    }
}

impl Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An API key as the server sees it after authentication (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKeyInfo {
    pub id: String,
    pub tenant: TenantId,
    pub name: String,
    pub scopes: Vec<Scope>,
}

impl ApiKeyInfo {
    /// Does the key carry `scope` (or `admin`)?
    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.iter().any(|&s| s == scope || s == Scope::Admin)
    }
}

/// What the client gives to create an applicant.
#[derive(Debug, Clone)]
pub struct NewApplicant {
    pub external_user_id: String,
    pub email: String,
    pub language: String,
}

/// An applicant, decrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applicant {
    pub id: ApplicantId,
    pub tenant: TenantId,
    pub external_user_id: String,
    pub email: String,
    pub language: String,
    pub level: Level,
    pub status: ApplicantStatus,
    /// Submissions so far; the attempt being prepared is `attempt + 1`.
    pub attempt: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// An uploaded file's metadata; the content is read with [`crate::Store::load_blob`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRecord {
    pub id: DocumentId,
    pub applicant: ApplicantId,
    pub attempt: u32,
    pub role: DocumentRole,
    pub content_type: String,
    /// Bytes of the plaintext.
    pub size: u64,
    pub findings: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(skip)]
    pub(crate) blob_key: String,
}

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub payload: serde_json::Value,
    pub max_attempts: u32,
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Pending,
    Running,
    Done,
    Dead,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Dead => "dead",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<JobStatus> {
        match s {
            "pending" => Some(JobStatus::Pending),
            "running" => Some(JobStatus::Running),
            "done" => Some(JobStatus::Done),
            "dead" => Some(JobStatus::Dead),
            _ => None,
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job of the durable queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub payload: serde_json::Value,
    /// Claims so far, including the current one.
    pub attempts: u32,
    pub max_attempts: u32,
    pub status: JobStatus,
    pub last_error: Option<String>,
    pub lease_owner: Option<String>,
    /// The applicant the job was enqueued for by [`crate::Store::submit`].
    pub applicant: Option<ApplicantId>,
    /// Not claimable before this.
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
    /// When the current lease runs out (running jobs).
    #[serde(with = "time::serde::rfc3339::option")]
    pub lease_until: Option<OffsetDateTime>,
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub applicant: ApplicantId,
    pub attempt: u32,
    /// The job being completed and the worker holding its lease.
    pub job: Option<(JobId, String)>,
    pub status: ApplicantStatus,
    pub level: Level,
    /// The full `kyc_core::Decision` and its evidence; stored encrypted.
    pub outcome_json: serde_json::Value,
    /// The document's key hash ([`crate::Store::document_key_hash`]) to register.
    pub document_key: Option<[u8; 32]>,
    pub actor: String,
}

/// A recorded decision, decrypted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRecord {
    pub id: DecisionId,
    pub applicant: ApplicantId,
    pub attempt: u32,
    pub status: ApplicantStatus,
    pub level: Level,
    pub outcome_json: serde_json::Value,
    pub actor: String,
    #[serde(with = "time::serde::rfc3339")]
    pub decided_at: OffsetDateTime,
}

/// Something to tell someone, written to the outbox in the caller's transaction.
#[derive(Debug, Clone)]
pub enum Notification {
    Email {
        to: String,
        subject: String,
        text: String,
        html: String,
    },
    /// One outbox row per endpoint the tenant has when the notification is written.
    Webhook {
        event_id: uuid::Uuid,
        event_type: String,
        created_at: OffsetDateTime,
        /// The full JSON body to POST.
        body: serde_json::Value,
    },
}

/// A claimed outbox item, decrypted.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub id: OutboxId,
    pub tenant: TenantId,
    /// Delivery attempts recorded so far (not counting the one about to be made).
    pub attempts: u32,
    /// When the first delivery attempt was recorded; `None` before any.
    pub first_attempt_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub target: OutboxTarget,
}

/// Where an outbox item goes.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxTarget {
    Email {
        to: String,
        subject: String,
        text: String,
        html: String,
    },
    Webhook {
        endpoint: WebhookId,
        url: String,
        secret: String,
        event_id: uuid::Uuid,
        body: Vec<u8>,
    },
}

/// One delivery attempt, as reported by the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryAttempt {
    pub at: OffsetDateTime,
    pub status_code: Option<u16>,
    pub error: Option<String>,
}

/// One line of an endpoint's delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryLogEntry {
    pub outbox: OutboxId,
    pub event_id: uuid::Uuid,
    /// 1 for the first attempt.
    pub attempt: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub delivered: bool,
}

/// A tenant's webhook endpoint (the secret stays inside the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebhookEndpoint {
    pub id: WebhookId,
    pub tenant: TenantId,
    pub url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// An account event (login, deposit, ...) for monitoring, decrypted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: uuid::Uuid,
    pub applicant: ApplicantId,
    pub kind: String,
    pub data: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What [`crate::Store::idempotency_begin`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Idempotency {
    /// First use of the key: handle the request, then call `idempotency_finish`.
    New,
    /// The key was used for the same request, which finished: send this again.
    Replay { status: u16, body: Vec<u8> },
    /// The key's first request is still being handled.
    InProgress,
    /// The key was used for a different request.
    Mismatch,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: String,
    pub action: String,
    pub applicant: Option<ApplicantId>,
    pub detail: serde_json::Value,
}
