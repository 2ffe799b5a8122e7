//! Applicants, their level-1 data, documents, decisions, document keys and account events.

use crate::db::{Row, Tx, args, is_unique_violation};
use crate::{
    Applicant, ApplicantId, ApplicantStatus, DecisionId, DecisionRecord, DocumentId,
    DocumentRecord, DocumentRole, EventRecord, JobId, Level, NewApplicant, NewDecision, NewJob,
    Notification, Store, StoreError, TenantId, audit, blobs, crypto, now, to_ms,
};

/// The statuses that accept level-1 data, documents and a submission, as SQL. A unit test
/// checks it against [`ApplicantStatus::accepts_submission`].
macro_rules! open_statuses {
    () => {
        "('draft', 'resubmission_requested')"
    };
}

macro_rules! applicant_columns {
    () => {
        "id, tenant_id, external_user_id_enc, email_enc, language, level, status, attempt, \
         created_at, updated_at"
    };
}

macro_rules! document_columns {
    () => {
        "id, applicant_id, attempt, role, content_type, size, findings_enc, blob_key, created_at"
    };
}

macro_rules! decision_columns {
    () => {
        "id, applicant_id, attempt, status, level, outcome_enc, actor, decided_at"
    };
}

fn aad(table_column: &str, id: impl std::fmt::Display) -> String {
    format!("{table_column}:{id}")
}

/// `kind|COUNTRY|NUMBER`: the kind in lower case, the country in upper case, the number's
/// letters and digits only, in upper case (spaces, dashes and MRZ fillers dropped).
pub fn normalise_document_key(kind: &str, country: &str, number: &str) -> String {
    let number: String = number
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    format!(
        "{}|{}|{}",
        kind.trim().to_lowercase(),
        country.trim().to_uppercase(),
        number
    )
}

impl Store {
    fn external_id_hmac(&self, tenant: TenantId, external_user_id: &str) -> Vec<u8> {
        let key = self.index_key("external-user-id");
        crypto::hmac_sha256(&key, format!("{tenant}|{external_user_id}").as_bytes()).to_vec()
    }

    pub(crate) async fn applicant_from_row(&self, row: &Row) -> Result<Applicant, StoreError> {
        let id: ApplicantId = row.parse("id")?;
        Ok(Applicant {
            id,
            tenant: row.parse("tenant_id")?,
            external_user_id: self
                .open_string(
                    &aad("applicants.external_user_id", id),
                    &row.bytes("external_user_id_enc")?,
                )
                .await?,
            email: self
                .open_string(&aad("applicants.email", id), &row.bytes("email_enc")?)
                .await?,
            language: row.text("language")?,
            level: row.parse("level")?,
            status: row.parse("status")?,
            attempt: row.u32("attempt")?,
            created_at: row.time("created_at")?,
            updated_at: row.time("updated_at")?,
        })
    }

    /// Why an update guarded by tenant and status touched no row: the applicant is missing
    /// (or in another tenant), or in the wrong state.
    async fn explain_no_update(
        tx: &mut Tx,
        tenant: TenantId,
        id: ApplicantId,
        what: &str,
    ) -> StoreError {
        match tx
            .fetch_optional(
                "SELECT status FROM applicants WHERE id = $1 AND tenant_id = $2",
                args![id.to_string(), tenant.to_string()],
            )
            .await
        {
            Ok(Some(row)) => match row.text("status") {
                Ok(status) => StoreError::InvalidState(format!("cannot {what} while {status}")),
                Err(e) => e,
            },
            Ok(None) => StoreError::NotFound,
            Err(e) => e,
        }
    }

    /// Creates an applicant in `tenant`; the notifications go to the outbox in the same
    /// transaction. [`StoreError::Conflict`] when the external user id exists in the tenant.
    pub async fn create_applicant(
        &self,
        tenant: TenantId,
        new: NewApplicant,
        notes: &[Notification],
        actor: &str,
    ) -> Result<Applicant, StoreError> {
        self.create_applicant_with(tenant, new, |_| notes.to_vec(), actor)
            .await
    }

    /// [`Store::create_applicant`], with the notifications built from the new applicant (its
    /// id is known only here), still written in the same transaction.
    pub async fn create_applicant_with(
        &self,
        tenant: TenantId,
        new: NewApplicant,
        notes_for: impl FnOnce(&Applicant) -> Vec<Notification>,
        actor: &str,
    ) -> Result<Applicant, StoreError> {
        let ring = self.keyring().await?;
        let id = ApplicantId::new();
        let now = now();
        let ext_enc = ring.active.seal(
            aad("applicants.external_user_id", id).as_bytes(),
            new.external_user_id.as_bytes(),
        )?;
        let email_enc = ring
            .active
            .seal(aad("applicants.email", id).as_bytes(), new.email.as_bytes())?;
        let mut tx = self.pool().begin().await?;
        if tx
            .fetch_optional(
                "SELECT id FROM tenants WHERE id = $1",
                args![tenant.to_string()],
            )
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound);
        }
        let inserted = tx
            .execute(
                "INSERT INTO applicants (id, tenant_id, external_user_id_hmac, \
                 external_user_id_enc, email_enc, language, level, status, attempt, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9)",
                args![
                    id.to_string(),
                    tenant.to_string(),
                    self.external_id_hmac(tenant, &new.external_user_id),
                    ext_enc,
                    email_enc,
                    &new.language,
                    Level::Unverified.as_str(),
                    ApplicantStatus::Draft.as_str(),
                    to_ms(now)
                ],
            )
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict(
                    "external_user_id already exists in this tenant".into(),
                ));
            }
            Err(e) => return Err(e),
        }
        let applicant = Applicant {
            id,
            tenant,
            external_user_id: new.external_user_id,
            email: new.email,
            language: new.language,
            level: Level::Unverified,
            status: ApplicantStatus::Draft,
            attempt: 0,
            created_at: now,
            updated_at: now,
        };
        let notes = notes_for(&applicant);
        self.enqueue_notifications(&mut tx, &ring, tenant, &notes)
            .await?;
        audit(
            &mut tx,
            actor,
            "applicant.created",
            Some(tenant),
            Some(id),
            serde_json::json!({ "status": "draft", "level": "unverified" }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(applicant = %id, tenant = %tenant, "applicant created");
        Ok(applicant)
    }

    /// The applicant; [`StoreError::NotFound`] when it does not exist in `tenant`.
    pub async fn get_applicant(
        &self,
        tenant: TenantId,
        id: ApplicantId,
    ) -> Result<Applicant, StoreError> {
        let row = self
            .pool()
            .fetch_one(
                concat!(
                    "SELECT ",
                    applicant_columns!(),
                    " FROM applicants WHERE id = $1 AND tenant_id = $2"
                ),
                args![id.to_string(), tenant.to_string()],
            )
            .await?;
        self.applicant_from_row(&row).await
    }

    /// The applicant, whatever its tenant (workers).
    pub async fn get_applicant_any_tenant(&self, id: ApplicantId) -> Result<Applicant, StoreError> {
        let row = self
            .pool()
            .fetch_one(
                concat!(
                    "SELECT ",
                    applicant_columns!(),
                    " FROM applicants WHERE id = $1"
                ),
                args![id.to_string()],
            )
            .await?;
        self.applicant_from_row(&row).await
    }

    /// The tenant's applicants in id (creation) order, after `after`, at most `limit`
    /// (capped at 1,000).
    pub async fn list_applicants(
        &self,
        tenant: TenantId,
        after: Option<ApplicantId>,
        limit: u32,
    ) -> Result<Vec<Applicant>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                concat!(
                    "SELECT ",
                    applicant_columns!(),
                    " FROM applicants WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3"
                ),
                args![
                    tenant.to_string(),
                    after.map(|a| a.to_string()).unwrap_or_default(),
                    limit.min(1000)
                ],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.applicant_from_row(row).await?);
        }
        Ok(out)
    }

    async fn applicant_in_tx(&self, tx: &mut Tx, id: ApplicantId) -> Result<Row, StoreError> {
        tx.fetch_one(
            concat!(
                "SELECT ",
                applicant_columns!(),
                " FROM applicants WHERE id = $1"
            ),
            args![id.to_string()],
        )
        .await
    }

    /// Saves the level-1 data (encrypted) and sets the level.
    /// [`StoreError::InvalidState`] unless the status accepts a submission.
    pub async fn save_level1(
        &self,
        tenant: TenantId,
        id: ApplicantId,
        level1: &serde_json::Value,
        level: Level,
        actor: &str,
    ) -> Result<Applicant, StoreError> {
        let sealed = self
            .seal_json(&aad("applicants.level1", id), level1)
            .await?;
        let mut tx = self.pool().begin().await?;
        let updated = tx
            .execute(
                concat!(
                    "UPDATE applicants SET level1_enc = $1, level = $2, updated_at = $3 \
                     WHERE id = $4 AND tenant_id = $5 AND status IN ",
                    open_statuses!()
                ),
                args![
                    sealed,
                    level.as_str(),
                    to_ms(now()),
                    id.to_string(),
                    tenant.to_string()
                ],
            )
            .await?;
        if updated == 0 {
            return Err(Self::explain_no_update(&mut tx, tenant, id, "change level-1 data").await);
        }
        audit(
            &mut tx,
            actor,
            "applicant.level1_saved",
            Some(tenant),
            Some(id),
            serde_json::json!({ "level": level.as_str() }),
        )
        .await?;
        let row = self.applicant_in_tx(&mut tx, id).await?;
        tx.commit().await?;
        self.applicant_from_row(&row).await
    }

    /// The level-1 data, if any was saved.
    pub async fn load_level1(
        &self,
        id: ApplicantId,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let row = self
            .pool()
            .fetch_one(
                "SELECT level1_enc FROM applicants WHERE id = $1",
                args![id.to_string()],
            )
            .await?;
        match row.opt_bytes("level1_enc")? {
            None => Ok(None),
            Some(sealed) => Ok(Some(
                self.open_json(&aad("applicants.level1", id), &sealed)
                    .await?,
            )),
        }
    }

    fn document_from_row(
        &self,
        row: &Row,
        findings: serde_json::Value,
    ) -> Result<DocumentRecord, StoreError> {
        Ok(DocumentRecord {
            id: row.parse("id")?,
            applicant: row.parse("applicant_id")?,
            attempt: row.u32("attempt")?,
            role: row.parse("role")?,
            content_type: row.text("content_type")?,
            size: u64::try_from(row.i64("size")?)
                .map_err(|_| StoreError::Corrupt("document size".into()))?,
            findings,
            created_at: row.time("created_at")?,
            blob_key: row.text("blob_key")?,
        })
    }

    /// Stores an upload for the attempt being prepared (`attempt + 1`): the content encrypted
    /// in the blob store, the metadata and findings (encrypted) in `documents`. A later upload
    /// of the same role for the same attempt supersedes this one.
    /// [`StoreError::InvalidState`] unless the status accepts a submission.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_document(
        &self,
        tenant: TenantId,
        applicant: ApplicantId,
        role: DocumentRole,
        bytes: &[u8],
        content_type: &str,
        findings: &serde_json::Value,
        actor: &str,
    ) -> Result<DocumentRecord, StoreError> {
        // Refuse early, before writing a blob.
        let current = self.get_applicant_status(tenant, applicant).await?;
        if !current.accepts_submission() {
            return Err(StoreError::InvalidState(format!(
                "cannot add a document while {current}"
            )));
        }
        let ring = self.keyring().await?;
        let id = DocumentId::new();
        let blob_key = blobs::new_key();
        let sealed_blob = ring
            .active
            .seal(aad("documents.blob", id).as_bytes(), bytes)?;
        let findings_enc = ring.active.seal(
            aad("documents.findings", id).as_bytes(),
            &serde_json::to_vec(findings)
                .map_err(|e| StoreError::Corrupt(format!("unserialisable findings: {e}")))?,
        )?;
        self.blobs().put(&blob_key, &sealed_blob).await?;
        let now = now();
        let result: Result<DocumentRecord, StoreError> = async {
            let mut tx = self.pool().begin().await?;
            let row = tx
                .fetch_optional(
                    concat!(
                        "UPDATE applicants SET updated_at = $1 \
                         WHERE id = $2 AND tenant_id = $3 AND status IN ",
                        open_statuses!(),
                        " RETURNING attempt"
                    ),
                    args![to_ms(now), applicant.to_string(), tenant.to_string()],
                )
                .await?;
            let Some(row) = row else {
                return Err(
                    Self::explain_no_update(&mut tx, tenant, applicant, "add a document").await,
                );
            };
            let attempt = row.u32("attempt")? + 1;
            tx.execute(
                "UPDATE documents SET superseded = TRUE WHERE applicant_id = $1 AND attempt = $2 \
                 AND role = $3 AND superseded = FALSE",
                args![applicant.to_string(), attempt, role.as_str()],
            )
            .await?;
            let size = i64::try_from(bytes.len())
                .map_err(|_| StoreError::InvalidState("document too large".into()))?;
            tx.execute(
                "INSERT INTO documents (id, applicant_id, attempt, role, content_type, size, \
                 findings_enc, blob_key, superseded, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9)",
                args![
                    id.to_string(),
                    applicant.to_string(),
                    attempt,
                    role.as_str(),
                    content_type,
                    size,
                    findings_enc,
                    &blob_key,
                    to_ms(now)
                ],
            )
            .await?;
            audit(
                &mut tx,
                actor,
                "document.added",
                Some(tenant),
                Some(applicant),
                serde_json::json!({
                    "document": id.to_string(),
                    "role": role.as_str(),
                    "attempt": attempt,
                    "size": size,
                }),
            )
            .await?;
            tx.commit().await?;
            Ok(DocumentRecord {
                id,
                applicant,
                attempt,
                role,
                content_type: content_type.to_owned(),
                size: bytes.len() as u64,
                findings: findings.clone(),
                created_at: now,
                blob_key: blob_key.clone(),
            })
        }
        .await;
        if result.is_err()
            && let Err(e) = self.blobs().delete(&blob_key).await
        {
            tracing::warn!(document = %id, error = %e, "could not delete the blob of a failed upload");
        }
        if result.is_ok() {
            tracing::info!(document = %id, applicant = %applicant, role = role.as_str(), "document stored");
        }
        result
    }

    async fn get_applicant_status(
        &self,
        tenant: TenantId,
        id: ApplicantId,
    ) -> Result<ApplicantStatus, StoreError> {
        self.pool()
            .fetch_one(
                "SELECT status FROM applicants WHERE id = $1 AND tenant_id = $2",
                args![id.to_string(), tenant.to_string()],
            )
            .await?
            .parse("status")
    }

    /// The current (latest per role) documents of an attempt, by role.
    pub async fn current_documents(
        &self,
        applicant: ApplicantId,
        attempt: u32,
    ) -> Result<Vec<DocumentRecord>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                concat!(
                    "SELECT ",
                    document_columns!(),
                    " FROM documents WHERE applicant_id = $1 AND attempt = $2 \
                     AND superseded = FALSE ORDER BY role, created_at"
                ),
                args![applicant.to_string(), attempt],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: DocumentId = row.parse("id")?;
            let findings = self
                .open_json(&aad("documents.findings", id), &row.bytes("findings_enc")?)
                .await?;
            out.push(self.document_from_row(row, findings)?);
        }
        Ok(out)
    }

    /// The decrypted content of a document. A missing blob is [`StoreError::Io`], a tampered
    /// or misplaced one [`StoreError::Crypto`].
    pub async fn load_blob(&self, document: &DocumentRecord) -> Result<Vec<u8>, StoreError> {
        let sealed = self.blobs().get(&document.blob_key).await?;
        self.open_value(&aad("documents.blob", document.id), &sealed)
            .await
    }

    /// Submits the prepared attempt, in one transaction: `attempt + 1`, status `submitted`,
    /// the job enqueued (for this applicant), the notifications in the outbox, an audit entry.
    /// [`StoreError::InvalidState`] unless the status accepts a submission.
    pub async fn submit(
        &self,
        tenant: TenantId,
        id: ApplicantId,
        job: NewJob,
        notes: &[Notification],
        actor: &str,
    ) -> Result<Applicant, StoreError> {
        let ring = self.keyring().await?;
        let job_id = JobId::new();
        let payload = ring.active.seal(
            aad("jobs.payload", job_id).as_bytes(),
            &serde_json::to_vec(&job.payload)
                .map_err(|e| StoreError::Corrupt(format!("unserialisable job payload: {e}")))?,
        )?;
        let now = to_ms(now());
        let mut tx = self.pool().begin().await?;
        let row = tx
            .fetch_optional(
                concat!(
                    "UPDATE applicants SET attempt = attempt + 1, status = 'submitted', \
                     updated_at = $1 WHERE id = $2 AND tenant_id = $3 AND status IN ",
                    open_statuses!(),
                    " RETURNING attempt"
                ),
                args![now, id.to_string(), tenant.to_string()],
            )
            .await?;
        let Some(row) = row else {
            return Err(Self::explain_no_update(&mut tx, tenant, id, "submit").await);
        };
        let attempt = row.u32("attempt")?;
        tx.execute(
            "INSERT INTO jobs (id, kind, payload_enc, applicant_id, status, attempts, \
             max_attempts, run_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $6, $6)",
            args![
                job_id.to_string(),
                &job.kind,
                payload,
                id.to_string(),
                job.max_attempts.max(1),
                now
            ],
        )
        .await?;
        self.enqueue_notifications(&mut tx, &ring, tenant, notes)
            .await?;
        audit(
            &mut tx,
            actor,
            "applicant.submitted",
            Some(tenant),
            Some(id),
            serde_json::json!({ "attempt": attempt, "job": job_id.to_string(), "status": "submitted" }),
        )
        .await?;
        let row = self.applicant_in_tx(&mut tx, id).await?;
        tx.commit().await?;
        tracing::info!(applicant = %id, attempt, job = %job_id, "applicant submitted");
        self.applicant_from_row(&row).await
    }

    /// `submitted` → `processing` for `attempt` (no-op when already processing it).
    pub async fn start_processing(&self, id: ApplicantId, attempt: u32) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let updated = tx
            .execute(
                "UPDATE applicants SET status = 'processing', updated_at = $1 \
                 WHERE id = $2 AND attempt = $3 AND status = 'submitted'",
                args![to_ms(now()), id.to_string(), attempt],
            )
            .await?;
        if updated == 0 {
            let row = tx
                .fetch_one(
                    "SELECT status, attempt FROM applicants WHERE id = $1",
                    args![id.to_string()],
                )
                .await?;
            let status: ApplicantStatus = row.parse("status")?;
            let current = row.u32("attempt")?;
            if status == ApplicantStatus::Processing && current == attempt {
                return Ok(());
            }
            return Err(StoreError::InvalidState(format!(
                "cannot start processing attempt {attempt}: applicant is {status} at attempt {current}"
            )));
        }
        let tenant = tx
            .fetch_one(
                "SELECT tenant_id FROM applicants WHERE id = $1",
                args![id.to_string()],
            )
            .await?
            .opt_parse("tenant_id")?;
        audit(
            &mut tx,
            "system",
            "applicant.processing",
            tenant,
            Some(id),
            serde_json::json!({ "attempt": attempt, "status": "processing" }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a decision, in one transaction: the decision (outcome encrypted), the
    /// applicant's status and level, the job completed (only if `decision.job`'s worker still
    /// holds the lease: otherwise [`StoreError::InvalidState`] and nothing is written), the
    /// document key, the notifications and an audit entry.
    pub async fn record_decision(
        &self,
        decision: NewDecision,
        notes: &[Notification],
    ) -> Result<DecisionRecord, StoreError> {
        let ring = self.keyring().await?;
        let id = DecisionId::new();
        let outcome = ring.active.seal(
            aad("decisions.outcome", id).as_bytes(),
            &serde_json::to_vec(&decision.outcome_json)
                .map_err(|e| StoreError::Corrupt(format!("unserialisable outcome: {e}")))?,
        )?;
        let now = now();
        let applicant = decision.applicant;
        let mut tx = self.pool().begin().await?;
        if let Some((job, worker)) = &decision.job {
            let done = tx
                .execute(
                    "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $1 \
                     WHERE id = $2 AND lease_owner = $3 AND status = 'running' \
                     AND (applicant_id IS NULL OR applicant_id = $4)",
                    args![to_ms(now), job.to_string(), worker, applicant.to_string()],
                )
                .await?;
            if done == 0 {
                tracing::warn!(job = %job, applicant = %applicant, "decision refused: job lease lost");
                return Err(StoreError::InvalidState(format!(
                    "job {job} is not leased to this worker any more"
                )));
            }
        }
        let row = tx
            .fetch_one(
                "SELECT tenant_id, status, attempt FROM applicants WHERE id = $1",
                args![applicant.to_string()],
            )
            .await?;
        let tenant: TenantId = row.parse("tenant_id")?;
        let previous: ApplicantStatus = row.parse("status")?;
        let current = row.u32("attempt")?;
        if current != decision.attempt || current == 0 {
            return Err(StoreError::InvalidState(format!(
                "decision for attempt {} but the applicant is at attempt {current}",
                decision.attempt
            )));
        }
        tx.execute(
            "UPDATE applicants SET status = $1, level = $2, updated_at = $3 WHERE id = $4",
            args![
                decision.status.as_str(),
                decision.level.as_str(),
                to_ms(now),
                applicant.to_string()
            ],
        )
        .await?;
        tx.execute(
            "INSERT INTO decisions (id, applicant_id, attempt, status, level, outcome_enc, \
             job_id, actor, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            args![
                id.to_string(),
                applicant.to_string(),
                decision.attempt,
                decision.status.as_str(),
                decision.level.as_str(),
                outcome,
                decision.job.as_ref().map(|(j, _)| j.to_string()),
                &decision.actor,
                to_ms(now)
            ],
        )
        .await?;
        if let Some(key) = &decision.document_key {
            tx.execute(
                "INSERT INTO document_keys (key_hash, applicant_id, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (key_hash, applicant_id) DO NOTHING",
                args![key.to_vec(), applicant.to_string(), to_ms(now)],
            )
            .await?;
        }
        self.enqueue_notifications(&mut tx, &ring, tenant, notes)
            .await?;
        audit(
            &mut tx,
            &decision.actor,
            "decision.recorded",
            Some(tenant),
            Some(applicant),
            serde_json::json!({
                "decision": id.to_string(),
                "attempt": decision.attempt,
                "from": previous.as_str(),
                "status": decision.status.as_str(),
                "level": decision.level.as_str(),
                "job": decision.job.as_ref().map(|(j, _)| j.to_string()),
            }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(decision = %id, applicant = %applicant, status = decision.status.as_str(), "decision recorded");
        Ok(DecisionRecord {
            id,
            applicant,
            attempt: decision.attempt,
            status: decision.status,
            level: decision.level,
            outcome_json: decision.outcome_json,
            actor: decision.actor,
            decided_at: now,
        })
    }

    async fn decision_from_row(&self, row: &Row) -> Result<DecisionRecord, StoreError> {
        let id: DecisionId = row.parse("id")?;
        Ok(DecisionRecord {
            id,
            applicant: row.parse("applicant_id")?,
            attempt: row.u32("attempt")?,
            status: row.parse("status")?,
            level: row.parse("level")?,
            outcome_json: self
                .open_json(&aad("decisions.outcome", id), &row.bytes("outcome_enc")?)
                .await?,
            actor: row.text("actor")?,
            decided_at: row.time("decided_at")?,
        })
    }

    /// The applicant's latest decision.
    pub async fn latest_decision(
        &self,
        id: ApplicantId,
    ) -> Result<Option<DecisionRecord>, StoreError> {
        let row = self
            .pool()
            .fetch_optional(
                concat!(
                    "SELECT ",
                    decision_columns!(),
                    " FROM decisions WHERE applicant_id = $1 ORDER BY decided_at DESC, id DESC \
                     LIMIT 1"
                ),
                args![id.to_string()],
            )
            .await?;
        match row {
            None => Ok(None),
            Some(row) => Ok(Some(self.decision_from_row(&row).await?)),
        }
    }

    /// Every decision on the applicant, oldest first.
    pub async fn decisions(&self, id: ApplicantId) -> Result<Vec<DecisionRecord>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                concat!(
                    "SELECT ",
                    decision_columns!(),
                    " FROM decisions WHERE applicant_id = $1 ORDER BY decided_at, id"
                ),
                args![id.to_string()],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.decision_from_row(row).await?);
        }
        Ok(out)
    }

    /// HMAC of the normalised `kind|COUNTRY|NUMBER` ([`normalise_document_key`]) under the
    /// store's document-key index key: finds one document used by several applicants without
    /// storing its number.
    pub fn document_key_hash(&self, kind: &str, country: &str, number: &str) -> [u8; 32] {
        let key = self.index_key("document-key");
        crypto::hmac_sha256(
            &key,
            normalise_document_key(kind, country, number).as_bytes(),
        )
    }

    /// How many applicants other than `excluding` (in any tenant) hold the document key.
    pub async fn document_key_uses(
        &self,
        hash: &[u8; 32],
        excluding: ApplicantId,
    ) -> Result<i64, StoreError> {
        self.pool()
            .fetch_one(
                "SELECT COUNT(DISTINCT applicant_id) AS n FROM document_keys \
                 WHERE key_hash = $1 AND applicant_id <> $2",
                args![hash.to_vec(), excluding.to_string()],
            )
            .await?
            .i64("n")
    }

    /// Records an account event (data encrypted). [`StoreError::NotFound`] when the
    /// applicant is not in `tenant`.
    pub async fn add_event(
        &self,
        tenant: TenantId,
        applicant: ApplicantId,
        kind: &str,
        data: &serde_json::Value,
    ) -> Result<EventRecord, StoreError> {
        let id = uuid::Uuid::now_v7();
        let sealed = self.seal_json(&aad("events.data", id), data).await?;
        let now = now();
        let inserted = self
            .pool()
            .execute(
                "INSERT INTO events (id, tenant_id, applicant_id, kind, data_enc, created_at) \
                 SELECT $1, tenant_id, id, $2, $3, $4 FROM applicants \
                 WHERE id = $5 AND tenant_id = $6",
                args![
                    id.to_string(),
                    kind,
                    sealed,
                    to_ms(now),
                    applicant.to_string(),
                    tenant.to_string()
                ],
            )
            .await?;
        if inserted == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(EventRecord {
            id,
            applicant,
            kind: kind.to_owned(),
            data: data.clone(),
            created_at: now,
        })
    }

    /// The applicant's account events, oldest first.
    pub async fn events(&self, applicant: ApplicantId) -> Result<Vec<EventRecord>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT id, applicant_id, kind, data_enc, created_at FROM events \
                 WHERE applicant_id = $1 ORDER BY created_at, id",
                args![applicant.to_string()],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: uuid::Uuid = row.parse("id")?;
            out.push(EventRecord {
                id,
                applicant: row.parse("applicant_id")?,
                kind: row.text("kind")?,
                data: self
                    .open_json(&aad("events.data", id), &row.bytes("data_enc")?)
                    .await?,
                created_at: row.time("created_at")?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_statuses_match_the_core() {
        let listed: Vec<String> = ApplicantStatus::ALL
            .iter()
            .filter(|s| s.accepts_submission())
            .map(|s| format!("'{s}'"))
            .collect();
        assert_eq!(format!("({})", listed.join(", ")), open_statuses!());
    }

    #[test]
    fn document_keys_normalise() {
        assert_eq!(
            normalise_document_key(" Passport ", "deu", "c01x-00 t4<7"),
            "passport|DEU|C01X00T47"
        );
    }
}
