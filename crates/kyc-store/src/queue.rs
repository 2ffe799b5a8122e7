//! The durable job queue: leases, heartbeats, retries.

use std::time::Duration;

use time::OffsetDateTime;

use crate::db::{Row, Sql, args};
use crate::{Job, JobId, JobStatus, Store, StoreError, duration_ms, now, to_ms};

macro_rules! job_columns {
    () => {
        "id, kind, payload_enc, attempts, max_attempts, status, last_error, lease_owner, \
         applicant_id, run_at, lease_until"
    };
}

/// A job whose lease ran out after its last allowed attempt is claimed once more, so that its
/// worker can see `attempts > max_attempts` and conclude without running it (kycd sends the
/// submission to review); a lease that runs out on that extra claim too buries the job.
const BURY_EXPIRED: &str = "UPDATE jobs SET status = 'dead', lease_until = NULL, updated_at = $1, \
     last_error = 'lease expired after the last allowed attempt' \
     WHERE status = 'running' AND lease_until < $1 AND attempts > max_attempts";

const CLAIM: Sql = Sql::per_backend(
    concat!(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = $2, \
         lease_until = $3, updated_at = $1 WHERE id = (SELECT id FROM jobs \
         WHERE (status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1) \
         ORDER BY run_at, id LIMIT 1) \
         AND ((status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1)) \
         RETURNING ",
        job_columns!()
    ),
    concat!(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = $2, \
         lease_until = $3, updated_at = $1 WHERE id = (SELECT id FROM jobs \
         WHERE (status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1) \
         ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
         AND ((status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1)) \
         RETURNING ",
        job_columns!()
    ),
);

/// Longest `last_error` kept.
const MAX_ERROR_CHARS: usize = 2000;

impl Store {
    async fn job_from_row(&self, row: &Row) -> Result<Job, StoreError> {
        let id: JobId = row.parse("id")?;
        let status = row.text("status")?;
        Ok(Job {
            id,
            kind: row.text("kind")?,
            payload: self
                .open_json(&format!("jobs.payload:{id}"), &row.bytes("payload_enc")?)
                .await?,
            attempts: row.u32("attempts")?,
            max_attempts: row.u32("max_attempts")?,
            status: JobStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt("job status".into()))?,
            last_error: row.opt_text("last_error")?,
            lease_owner: row.opt_text("lease_owner")?,
            applicant: row.opt_parse("applicant_id")?,
            run_at: row.time("run_at")?,
            lease_until: row.opt_time("lease_until")?,
        })
    }

    /// Claims the next due job for `worker` for `lease`: a pending job whose `run_at` has come,
    /// or a running one whose lease expired. Increments `attempts`. Atomic: two workers never
    /// get the same job while its lease runs.
    pub async fn claim_job(
        &self,
        worker: &str,
        lease: Duration,
    ) -> Result<Option<Job>, StoreError> {
        let now = to_ms(now());
        let until = now.saturating_add(duration_ms(lease));
        let mut tx = self.pool().begin().await?;
        let buried = tx.execute(BURY_EXPIRED, args![now]).await?;
        if buried > 0 {
            tracing::warn!(count = buried, "jobs dead after their last lease expired");
        }
        let row = tx.fetch_optional(CLAIM, args![now, worker, until]).await?;
        tx.commit().await?;
        match row {
            None => Ok(None),
            Some(row) => {
                let job = self.job_from_row(&row).await?;
                tracing::debug!(job = %job.id, attempts = job.attempts, worker, "job claimed");
                Ok(Some(job))
            }
        }
    }

    /// Extends the lease `worker` holds on `job`. `false` when the lease was lost (another
    /// worker claimed the job after it expired, or it is no longer running).
    pub async fn heartbeat(
        &self,
        job: JobId,
        worker: &str,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let until = to_ms(now()).saturating_add(duration_ms(lease));
        let updated = self
            .pool()
            .execute(
                "UPDATE jobs SET lease_until = $1 \
                 WHERE id = $2 AND lease_owner = $3 AND status = 'running'",
                args![until, job.to_string(), worker],
            )
            .await?;
        Ok(updated == 1)
    }

    /// Reports a failed run: with `retry_at` the job is pending again from then on (unless
    /// it has used all its attempts), without it the job is dead. `error` is kept as
    /// `last_error` (it must carry no personal data). [`StoreError::InvalidState`] when the
    /// worker no longer holds the lease.
    pub async fn fail_job(
        &self,
        job: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(MAX_ERROR_CHARS).collect();
        let updated = self
            .pool()
            .execute(
                "UPDATE jobs SET status = CASE WHEN $1 IS NULL OR attempts >= max_attempts \
                 THEN 'dead' ELSE 'pending' END, run_at = COALESCE($1, run_at), \
                 last_error = $2, lease_until = NULL, updated_at = $3 \
                 WHERE id = $4 AND lease_owner = $5 AND status = 'running'",
                args![
                    retry_at.map(to_ms),
                    error,
                    to_ms(now()),
                    job.to_string(),
                    worker
                ],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::InvalidState(format!(
                "job {job} is not leased to this worker any more"
            )));
        }
        tracing::info!(job = %job, worker, retry = retry_at.is_some(), "job failed");
        Ok(())
    }

    /// The job.
    pub async fn job(&self, job: JobId) -> Result<Job, StoreError> {
        let row = self
            .pool()
            .fetch_one(
                concat!("SELECT ", job_columns!(), " FROM jobs WHERE id = $1"),
                args![job.to_string()],
            )
            .await?;
        self.job_from_row(&row).await
    }

    /// Jobs of one status, oldest first (operators' view; `limit` capped at 1,000).
    pub async fn jobs_with_status(
        &self,
        status: JobStatus,
        limit: u32,
    ) -> Result<Vec<Job>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                concat!(
                    "SELECT ",
                    job_columns!(),
                    " FROM jobs WHERE status = $1 ORDER BY run_at, id LIMIT $2"
                ),
                args![status.as_str(), limit.min(1000)],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.job_from_row(row).await?);
        }
        Ok(out)
    }
}
