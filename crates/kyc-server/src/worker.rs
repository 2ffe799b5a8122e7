//! The workers: verification (one submission at a time per worker) and delivery (e-mails and
//! webhooks from the outbox).
//!
//! A verification job holds a lease it renews with heartbeats while the checks run; if the
//! worker dies, the lease runs out and another worker takes the job again, so nothing is lost.
//! The decision, the applicant's new status, the job's completion and the notifications are
//! written in one transaction ([`kyc_store::Store::record_decision`]). An internal failure
//! (an unreadable blob, a model error, a panic in a check) is retried with backoff; after the
//! last try the submission goes to review with `SYSTEM_ERROR` — it is never rejected.

use std::sync::Arc;
use std::time::Duration;

use kyc_core::{ApplicantStatus, DecisionStatus, DocumentRole, Finding, Level, ReasonCode, decide};
use kyc_engine::{Engine, SubmissionInput};
use kyc_notify::email::{Mailer, decision_email};
use kyc_notify::webhook::{WebhookClient, retry_delay};
use kyc_store::{
    Applicant, ApplicantId, DeliveryAttempt, Job, NewDecision, Notification, OutboxItem,
    OutboxTarget, StoreError, TenantId,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::state::AppState;
use crate::views::{decision_json, lang_of, webhook_event};

pub const VERIFY_JOB: &str = "verify_submission";

/// Runs one verification worker until `stop` turns true.
pub async fn run_verifier(
    state: AppState,
    engine: Arc<Engine>,
    name: String,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(worker = %name, "verification worker started");
    loop {
        if *stop.borrow() {
            break;
        }
        match state.store.claim_job(&name, state.config.job_lease).await {
            Ok(Some(job)) => process(&state, &engine, &name, job).await,
            Ok(None) => {
                let _ = tokio::time::timeout(state.config.poll, stop.changed()).await;
            }
            Err(err) => {
                tracing::error!(worker = %name, error = %err, "cannot claim jobs");
                let _ = tokio::time::timeout(state.config.poll * 4, stop.changed()).await;
            }
        }
    }
    tracing::info!(worker = %name, "verification worker stopped");
}

struct JobTarget {
    tenant: TenantId,
    applicant: ApplicantId,
    attempt: u32,
}

fn target_of(job: &Job) -> Option<JobTarget> {
    let payload = &job.payload;
    Some(JobTarget {
        tenant: payload.get("tenant")?.as_str()?.parse().ok()?,
        applicant: payload.get("applicant")?.as_str()?.parse().ok()?,
        attempt: u32::try_from(payload.get("attempt")?.as_u64()?).ok()?,
    })
}

async fn process(state: &AppState, engine: &Arc<Engine>, worker: &str, job: Job) {
    let Some(target) = target_of(&job) else {
        tracing::error!(job = %job.id, "job payload unreadable; dropped");
        let _ = state
            .store
            .fail_job(job.id, worker, "payload unreadable", None)
            .await;
        return;
    };
    tracing::info!(job = %job.id, applicant = %target.applicant, attempt = target.attempt, try_ = job.attempts, "verifying");

    // Heartbeats keep the lease while the checks run.
    let (beat_stop, mut beat_rx) = watch::channel(false);
    let beat = {
        let store = state.store.clone();
        let lease = state.config.job_lease;
        let worker = worker.to_string();
        let id = job.id;
        tokio::spawn(async move {
            loop {
                if tokio::time::timeout(lease / 3, beat_rx.changed())
                    .await
                    .is_ok()
                {
                    break;
                }
                match store.heartbeat(id, &worker, lease).await {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(job = %id, "lease lost");
                        break;
                    }
                    Err(err) => tracing::warn!(job = %id, error = %err, "heartbeat failed"),
                }
            }
        })
    };

    // A job claimed again after its last try's lease ran out: its workers died on every try
    // (a crash, or memory exhausted by this submission). Do not run it again: review.
    let result = if job.attempts > job.max_attempts {
        Err(format!(
            "the worker was lost on each of {} tries",
            job.max_attempts
        ))
    } else {
        verify(state, engine, &target).await
    };
    let _ = beat_stop.send(true);
    let _ = beat.await;

    let (findings, summary, document_key) = match result {
        Ok(done) => done,
        Err(error) => {
            if job.attempts < job.max_attempts {
                let wait =
                    state.config.job_retry * 2u32.saturating_pow(job.attempts.saturating_sub(1));
                let retry_at = OffsetDateTime::now_utc() + wait;
                tracing::warn!(job = %job.id, error = %error, try_ = job.attempts, "verification failed; will retry");
                if let Err(err) = state
                    .store
                    .fail_job(job.id, worker, &error, Some(retry_at))
                    .await
                {
                    tracing::error!(job = %job.id, error = %err, "cannot reschedule job");
                }
                return;
            }
            tracing::error!(job = %job.id, error = %error, "verification failed on its last try; sent to review");
            let finding = Finding::new(ReasonCode::SystemError)
                .with("stage", "verification")
                .with("tries", job.attempts);
            (
                vec![finding],
                json!({ "error": "internal failure; see logs" }),
                None,
            )
        }
    };
    if let Err(err) = conclude(
        state,
        worker,
        &job,
        &target,
        findings,
        summary,
        document_key,
    )
    .await
    {
        tracing::error!(job = %job.id, error = %err, "decision not recorded");
        if !matches!(err, StoreError::InvalidState(_)) {
            let retry_at = OffsetDateTime::now_utc() + state.config.job_retry;
            let _ = state
                .store
                .fail_job(job.id, worker, "decision not recorded", Some(retry_at))
                .await;
        }
    }
}

type Checked = (Vec<Finding>, Value, Option<[u8; 32]>);

/// Runs the checks of one submission. `Err` is an internal failure (never the applicant's).
async fn verify(
    state: &AppState,
    engine: &Arc<Engine>,
    target: &JobTarget,
) -> Result<Checked, String> {
    let store = &state.store;
    store
        .start_processing(target.applicant, target.attempt)
        .await
        .map_err(|e| format!("start: {e}"))?;
    let level1_json = store
        .load_level1(target.applicant)
        .await
        .map_err(|e| format!("level 1: {e}"))?;
    let level1 = match level1_json {
        Some(value) => Some(
            kyc_engine::parse_level1(&value)
                .map_err(|_| "stored level 1 data does not parse".to_string())?,
        ),
        None => None,
    };
    let documents = store
        .current_documents(target.applicant, target.attempt)
        .await
        .map_err(|e| format!("documents: {e}"))?;
    let mut files: [Option<Vec<u8>>; 3] = [None, None, None];
    for document in &documents {
        let slot = match document.role {
            DocumentRole::DocumentFront => 0,
            DocumentRole::DocumentBack => 1,
            DocumentRole::Selfie => 2,
        };
        files[slot] = Some(
            store
                .load_blob(document)
                .await
                .map_err(|e| format!("blob {}: {e}", document.id))?,
        );
    }
    let policy = state.policy.clone();
    let engine = engine.clone();
    let attempt = target.attempt;
    let today = OffsetDateTime::now_utc().date();
    let outcome = tokio::task::spawn_blocking(move || {
        let [front, back, selfie] = &files;
        let input = SubmissionInput {
            level1: level1.as_ref(),
            front: front.as_deref(),
            back: back.as_deref(),
            selfie: selfie.as_deref(),
            attempt,
        };
        let mut findings = level1
            .as_ref()
            .map(|l1| kyc_engine::check_level1(l1, &policy, today))
            .unwrap_or_default();
        let verification = engine
            .verify(&input, &policy, today)
            .map_err(|e| e.to_string())?;
        findings.extend(verification.findings);
        Ok::<_, String>((findings, verification.summary, verification.document))
    })
    .await
    .map_err(|_| "a check panicked".to_string())??;
    let (mut findings, summary, document) = outcome;
    let mut document_key = None;
    if let Some(document) = document {
        let hash = store.document_key_hash(
            document.kind.as_str(),
            document.country.alpha3(),
            &document.number,
        );
        let others = store
            .document_key_uses(&hash, target.applicant)
            .await
            .map_err(|e| format!("reuse count: {e}"))?;
        if let Some(finding) = kyc_engine::reuse_finding(others, &state.policy) {
            findings.push(finding);
        }
        document_key = Some(hash);
    }
    Ok((findings, summary, document_key))
}

async fn conclude(
    state: &AppState,
    worker: &str,
    job: &Job,
    target: &JobTarget,
    findings: Vec<Finding>,
    summary: Value,
    document_key: Option<[u8; 32]>,
) -> Result<(), StoreError> {
    let applicant = state
        .store
        .get_applicant(target.tenant, target.applicant)
        .await?;
    let decision = decide(&findings, &state.policy);
    let status = ApplicantStatus::of_decision(decision.status);
    let level = if decision.status == DecisionStatus::Approved {
        Level::Advanced
    } else {
        applicant.level
    };
    let mut after = applicant.clone();
    after.status = status;
    after.level = level;
    let notes = notifications(state, &after, &decision);
    let record = NewDecision {
        applicant: target.applicant,
        attempt: target.attempt,
        job: Some((job.id, worker.to_string())),
        status,
        level,
        outcome_json: decision_json(&decision, &summary),
        // Only an approved document counts against the reuse limit.
        document_key: document_key.filter(|_| decision.status == DecisionStatus::Approved),
        actor: format!("worker:{worker}"),
    };
    state.store.record_decision(record, &notes).await?;
    tracing::info!(applicant = %target.applicant, attempt = target.attempt, status = status.as_str(), reasons = decision.reasons.len(), "decided");
    Ok(())
}

/// The e-mail to the applicant and the webhook event a decision sends.
fn notifications(
    state: &AppState,
    applicant: &Applicant,
    decision: &kyc_core::Decision,
) -> Vec<Notification> {
    let lang = lang_of(applicant);
    let reasons = decision.applicant_reasons(lang);
    let expires = OffsetDateTime::now_utc() + state.config.link_token_ttl;
    let token = state
        .tokens
        .issue(applicant.tenant, applicant.id, expires.unix_timestamp());
    let link = format!("{}/status?token={token}", state.config.public_url);
    let email = decision_email(lang, decision.status, &reasons, &link);
    let reason_codes: Vec<&str> = decision.reasons.iter().map(|r| r.code.as_str()).collect();
    vec![
        Notification::Email {
            to: applicant.email.clone(),
            subject: email.subject,
            text: email.text,
            html: email.html,
        },
        webhook_event(
            "applicant.reviewed",
            applicant,
            json!({
                "review": {
                    "status": decision.status.as_str(),
                    "retry": decision.retry,
                    "reason_codes": reason_codes,
                }
            }),
        ),
    ]
}

/// Delivers the outbox: e-mails through the mailer, webhooks signed with their endpoint's
/// secret; failures retried with exponential backoff for up to 24 hours, each try logged.
pub async fn run_delivery(state: AppState, name: String, mut stop: watch::Receiver<bool>) {
    let mailer = match &state.config.smtp_url {
        Some(url) => match Mailer::smtp(url) {
            Ok(mailer) => mailer,
            Err(err) => {
                tracing::error!(error = %err, "SMTP settings unusable; e-mails go to the outbox folder");
                Mailer::folder(state.config.mail_outbox_dir.clone())
            }
        },
        None => Mailer::folder(state.config.mail_outbox_dir.clone()),
    };
    let client = match WebhookClient::new() {
        Ok(client) => client,
        Err(err) => {
            tracing::error!(error = %err, "webhook client unavailable; delivery stopped");
            return;
        }
    };
    let lease = Duration::from_secs(60);
    loop {
        if *stop.borrow() {
            break;
        }
        let items = match state.store.claim_outbox(&name, lease, 16).await {
            Ok(items) => items,
            Err(err) => {
                tracing::error!(error = %err, "cannot read the outbox");
                Vec::new()
            }
        };
        if items.is_empty() {
            let _ = tokio::time::timeout(state.config.poll, stop.changed()).await;
            continue;
        }
        for item in items {
            deliver(&state, &mailer, &client, item).await;
        }
    }
}

async fn deliver(state: &AppState, mailer: &Mailer, client: &WebhookClient, item: OutboxItem) {
    let now = OffsetDateTime::now_utc();
    let result: Result<Option<u16>, (Option<u16>, String)> = match &item.target {
        OutboxTarget::Email {
            to,
            subject,
            text,
            html,
        } => {
            let email = kyc_notify::email::Email {
                subject: subject.clone(),
                text: text.clone(),
                html: html.clone(),
            };
            mailer
                .send(&state.config.mail_from, to, &email)
                .await
                .map(|()| None)
                .map_err(|e| (None, e.to_string()))
        }
        OutboxTarget::Webhook {
            url,
            secret,
            event_id,
            body,
            ..
        } => {
            match client
                .post(
                    url,
                    secret.as_bytes(),
                    &event_id.to_string(),
                    body,
                    now.unix_timestamp(),
                )
                .await
            {
                Ok(status) if (200..300).contains(&status) => Ok(Some(status)),
                Ok(status) => Err((Some(status), format!("endpoint answered {status}"))),
                Err(err) => Err((None, err.to_string())),
            }
        }
    };
    let outcome = match result {
        Ok(status_code) => {
            state
                .store
                .outbox_delivered(
                    item.id,
                    DeliveryAttempt {
                        at: now,
                        status_code,
                        error: None,
                    },
                )
                .await
        }
        Err((status_code, error)) => {
            let log = DeliveryAttempt {
                at: now,
                status_code,
                error: Some(error),
            };
            let first = item.first_attempt_at.unwrap_or(now);
            let elapsed = Duration::try_from(now - first).unwrap_or_default();
            let jitter = f64::from(now.nanosecond() % 1000) / 1000.0;
            match retry_delay(item.attempts.max(1), elapsed, jitter) {
                Some(delay) => state.store.outbox_retry(item.id, now + delay, log).await,
                None => {
                    tracing::warn!(outbox = %item.id, "delivery given up after 24 hours");
                    state.store.outbox_give_up(item.id, log).await
                }
            }
        }
    };
    if let Err(err) = outcome {
        tracing::error!(outbox = %item.id, error = %err, "delivery state not saved");
    }
}
