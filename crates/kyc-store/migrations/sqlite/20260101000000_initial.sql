-- kycd storage, SQLite. Ids are UUID text; timestamps are UTC unix milliseconds.
-- Columns ending in _enc hold AES-256-GCM envelopes (see src/crypto.rs); _hmac/_hash are HMACs.

CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE data_keys (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('data', 'index')),
    wrapped BLOB NOT NULL,
    master_key_id TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE applicants (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    external_user_id_hmac BLOB NOT NULL,
    external_user_id_enc BLOB NOT NULL,
    email_enc BLOB NOT NULL,
    language TEXT NOT NULL,
    level TEXT NOT NULL,
    status TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    level1_enc BLOB,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, external_user_id_hmac)
);
CREATE INDEX applicants_by_tenant ON applicants (tenant_id, id);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    applicant_id TEXT NOT NULL REFERENCES applicants (id),
    attempt INTEGER NOT NULL,
    role TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    findings_enc BLOB NOT NULL,
    blob_key TEXT NOT NULL,
    superseded BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL
);
CREATE INDEX documents_by_applicant ON documents (applicant_id, attempt, role);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload_enc BLOB NOT NULL,
    applicant_id TEXT REFERENCES applicants (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_at);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    applicant_id TEXT NOT NULL REFERENCES applicants (id),
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL,
    level TEXT NOT NULL,
    outcome_enc BLOB NOT NULL,
    job_id TEXT REFERENCES jobs (id),
    actor TEXT NOT NULL,
    decided_at INTEGER NOT NULL
);
CREATE INDEX decisions_by_applicant ON decisions (applicant_id, decided_at);

CREATE TABLE document_keys (
    key_hash BLOB NOT NULL,
    applicant_id TEXT NOT NULL REFERENCES applicants (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (key_hash, applicant_id)
);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    url TEXT NOT NULL,
    secret_enc BLOB NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_tenant ON webhooks (tenant_id);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
    endpoint_id TEXT REFERENCES webhooks (id),
    event_id TEXT,
    event_type TEXT,
    payload_enc BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    first_attempt_at INTEGER,
    delivered_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_at);

CREATE TABLE delivery_log (
    id TEXT PRIMARY KEY,
    outbox_id TEXT NOT NULL REFERENCES outbox (id),
    tenant_id TEXT NOT NULL,
    endpoint_id TEXT,
    event_id TEXT,
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    delivered BOOLEAN NOT NULL
);
CREATE INDEX delivery_log_by_endpoint ON delivery_log (tenant_id, endpoint_id, at);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    applicant_id TEXT NOT NULL REFERENCES applicants (id),
    kind TEXT NOT NULL,
    data_enc BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX events_by_applicant ON events (applicant_id, created_at);

CREATE TABLE idempotency_keys (
    tenant_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    status INTEGER,
    body_enc BLOB,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    PRIMARY KEY (tenant_id, idem_key)
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    tenant_id TEXT,
    applicant_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_by_applicant ON audit_log (applicant_id, at);
