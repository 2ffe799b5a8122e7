//! Behaviour of the store, each test on SQLite and PostgreSQL (see `common`).

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Ctx, each_backend};
use kyc_store::{
    Applicant, ApplicantStatus, DeliveryAttempt, DocumentRole, Idempotency, JobStatus, Level,
    MasterKey, NewApplicant, NewDecision, NewJob, Notification, OutboxTarget, Scope, Store,
    StoreConfig, StoreError, TenantId, crypto,
};
use serde_json::json;
use time::OffsetDateTime;

fn new_applicant(ext: &str) -> NewApplicant {
    NewApplicant {
        external_user_id: ext.into(),
        email: format!("{ext}@example.org"),
        language: "en".into(),
    }
}

async fn applicant(store: &Store, tenant: TenantId, ext: &str) -> Applicant {
    store
        .create_applicant(tenant, new_applicant(ext), &[], "test")
        .await
        .unwrap()
}

fn verify_job() -> NewJob {
    NewJob {
        kind: "verify".into(),
        payload: json!({ "check": "all" }),
        max_attempts: 3,
    }
}

/// A submitted applicant (its job queued).
async fn submitted(store: &Store, tenant: TenantId, ext: &str) -> Applicant {
    let a = applicant(store, tenant, ext).await;
    store
        .submit(tenant, a.id, verify_job(), &[], "test")
        .await
        .unwrap()
}

fn webhook_note(kind: &str) -> Notification {
    Notification::Webhook {
        event_id: uuid::Uuid::now_v7(),
        event_type: kind.into(),
        created_at: OffsetDateTime::now_utc(),
        body: json!({ "type": kind }),
    }
}

fn attempt_log(code: Option<u16>, error: Option<&str>) -> DeliveryAttempt {
    DeliveryAttempt {
        at: OffsetDateTime::now_utc(),
        status_code: code,
        error: error.map(str::to_owned),
    }
}

fn decision(a: &Applicant, job: Option<(kyc_store::JobId, &str)>) -> NewDecision {
    NewDecision {
        applicant: a.id,
        attempt: a.attempt,
        job: job.map(|(j, w)| (j, w.to_owned())),
        status: ApplicantStatus::Approved,
        level: Level::Advanced,
        outcome_json: json!({ "status": "approved", "reasons": [] }),
        document_key: None,
        actor: "worker".into(),
    }
}

#[tokio::test]
async fn bad_database_url_is_a_config_error() {
    let err = Store::open(StoreConfig {
        database_url: "mysql://localhost/x".into(),
        blob_dir: std::env::temp_dir().join("kyc-store-unused-blobs"),
        master_key: MasterKey::generate(),
    })
    .await
    .unwrap_err();
    assert!(matches!(err, StoreError::Config(_)), "{err:?}");
}

#[tokio::test]
async fn values_round_trip_and_tampering_is_detected() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        assert_eq!(s.ensure_tenant("acme").await.unwrap(), t);
        let a = applicant(s, t, "user-a").await;
        let b = applicant(s, t, "user-b").await;
        let got = s.get_applicant(t, a.id).await.unwrap();
        assert_eq!(got, a);
        assert_eq!(got.email, "user-a@example.org");

        // A flipped byte: decryption fails, no garbage.
        let sql_get = "SELECT email_enc FROM applicants WHERE id = $1";
        let sql_set = "UPDATE applicants SET email_enc = $1 WHERE id = $2";
        let original = ctx.raw_bytes(sql_get, &a.id.to_string()).await;
        let mut tampered = original.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 0x40;
        ctx.raw_set_bytes(sql_set, tampered, &a.id.to_string())
            .await;
        let err = s.get_applicant(t, a.id).await.unwrap_err();
        assert!(matches!(err, StoreError::Crypto(_)), "{err:?}");
        ctx.raw_set_bytes(sql_set, original.clone(), &a.id.to_string())
            .await;
        assert_eq!(s.get_applicant(t, a.id).await.unwrap(), a);

        // A's e-mail moved into B's row: does not open (the associated data names the row).
        ctx.raw_set_bytes(sql_set, original, &b.id.to_string())
            .await;
        let err = s.get_applicant(t, b.id).await.unwrap_err();
        assert!(matches!(err, StoreError::Crypto(_)), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn data_key_rotation_keeps_old_rows_readable() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let old_key = s.current_data_key_id().await.unwrap();
        let a = applicant(s, t, "before").await;
        s.save_level1(t, a.id, &json!({"name": "Old Row"}), Level::Primary, "test")
            .await
            .unwrap();

        let new_key = s.rotate_data_key().await.unwrap();
        assert_ne!(new_key, old_key);
        assert_eq!(s.current_data_key_id().await.unwrap(), new_key);
        let b = applicant(s, t, "after").await;

        // Old rows open; each ciphertext names its key.
        assert_eq!(
            s.get_applicant(t, a.id).await.unwrap().email,
            "before@example.org"
        );
        assert_eq!(
            s.load_level1(a.id).await.unwrap(),
            Some(json!({"name": "Old Row"}))
        );
        let sql = "SELECT email_enc FROM applicants WHERE id = $1";
        let old_ct = ctx.raw_bytes(sql, &a.id.to_string()).await;
        let new_ct = ctx.raw_bytes(sql, &b.id.to_string()).await;
        assert_eq!(hex::encode(crypto::key_id_of(&old_ct).unwrap()), old_key);
        assert_eq!(hex::encode(crypto::key_id_of(&new_ct).unwrap()), new_key);

        // Another process opening the database reads both, and writes with the new key.
        let other = ctx.reopen(ctx.master.clone()).await.unwrap();
        assert_eq!(
            other.get_applicant(t, a.id).await.unwrap(),
            s.get_applicant(t, a.id).await.unwrap()
        );
        assert_eq!(other.get_applicant(t, b.id).await.unwrap(), b);
        assert_eq!(other.current_data_key_id().await.unwrap(), new_key);
        // A rotation by this store is picked up by the other when it meets the new key id.
        let newer = s.rotate_data_key().await.unwrap();
        let c = applicant(s, t, "newest").await;
        assert_eq!(other.get_applicant(t, c.id).await.unwrap(), c);
        assert_eq!(other.current_data_key_id().await.unwrap(), newer);
        other.close().await;
    })
    .await;
}

#[tokio::test]
async fn master_key_rewrap() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let a = applicant(s, t, "user-a").await;
        let hash = s.document_key_hash("passport", "DEU", "C01X00T47");
        s.rotate_data_key().await.unwrap();

        let new_master = MasterKey::generate();
        let count = s.rewrap_data_keys(&new_master).await.unwrap();
        assert_eq!(count, 3, "two data keys and the index key");
        // This store goes on working.
        assert_eq!(s.get_applicant(t, a.id).await.unwrap(), a);
        let b = applicant(s, t, "user-b").await;

        // Opened with the new master key: everything reads; lookups are unchanged.
        let reopened = ctx.reopen(new_master.clone()).await.unwrap();
        assert_eq!(reopened.get_applicant(t, a.id).await.unwrap(), a);
        assert_eq!(reopened.get_applicant(t, b.id).await.unwrap(), b);
        assert_eq!(
            reopened.document_key_hash("passport", "DEU", "C01X00T47"),
            hash
        );
        let err = reopened
            .create_applicant(t, new_applicant("user-a"), &[], "test")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        reopened.close().await;

        // The old master key no longer opens the store.
        let err = ctx.reopen(ctx.master.clone()).await.unwrap_err();
        assert!(matches!(err, StoreError::Crypto(_)), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn api_keys() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        assert_eq!(s.count_api_keys().await.unwrap(), 0);
        let (info, secret) = s
            .create_api_key(
                t,
                "backend",
                &[Scope::ApplicantsRead, Scope::ApplicantsWrite],
            )
            .await
            .unwrap();
        assert!(secret.starts_with("kycd_"));
        assert!(secret.contains(&info.id));
        assert_eq!(s.count_api_keys().await.unwrap(), 1);
        assert!(info.allows(Scope::ApplicantsRead));
        assert!(!info.allows(Scope::Webhooks));

        let found = s.authenticate(&secret).await.unwrap().unwrap();
        assert_eq!(found, info);
        assert_eq!(found.tenant, t);

        // Wrong secret, unknown id, garbage.
        let mut wrong = secret.clone();
        let last = wrong.pop().unwrap();
        wrong.push(if last == 'A' { 'B' } else { 'A' });
        assert_eq!(s.authenticate(&wrong).await.unwrap(), None);
        assert_eq!(
            s.authenticate("kycd_0000000000000000_secret")
                .await
                .unwrap(),
            None
        );
        assert_eq!(s.authenticate("Bearer nothing").await.unwrap(), None);
        assert_eq!(s.authenticate("").await.unwrap(), None);

        // Admin implies everything.
        let (admin, _) = s.create_api_key(t, "ops", &[Scope::Admin]).await.unwrap();
        assert!(Scope::ALL.iter().all(|&sc| admin.allows(sc)));
        assert_eq!(s.list_api_keys(t).await.unwrap().len(), 2);

        // Revoked keys fail; revoking twice is fine; unknown keys are NotFound.
        s.revoke_api_key(&info.id).await.unwrap();
        s.revoke_api_key(&info.id).await.unwrap();
        assert_eq!(s.authenticate(&secret).await.unwrap(), None);
        assert!(matches!(
            s.revoke_api_key("0000000000000000").await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(s.count_api_keys().await.unwrap(), 2);
        assert_eq!(s.list_api_keys(t).await.unwrap().len(), 1);

        // A key for a tenant that does not exist.
        assert!(matches!(
            s.create_api_key(TenantId::new(), "x", &[Scope::Admin])
                .await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn external_user_id_is_unique_per_tenant() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t1 = s.ensure_tenant("one").await.unwrap();
        let t2 = s.ensure_tenant("two").await.unwrap();
        let a = applicant(s, t1, "user-1").await;
        let err = s
            .create_applicant(t1, new_applicant("user-1"), &[], "test")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        // The same id in another tenant is another person.
        let b = applicant(s, t2, "user-1").await;
        assert_ne!(a.id, b.id);
        // Tenants do not see each other's applicants.
        assert!(matches!(
            s.get_applicant(t2, a.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            s.create_applicant(TenantId::new(), new_applicant("x"), &[], "t")
                .await,
            Err(StoreError::NotFound)
        ));

        // Listing pages in creation order.
        for i in 2..=5 {
            applicant(s, t1, &format!("user-{i}")).await;
        }
        let page1 = s.list_applicants(t1, None, 3).await.unwrap();
        let page2 = s.list_applicants(t1, Some(page1[2].id), 3).await.unwrap();
        let ext: Vec<_> = page1
            .iter()
            .chain(&page2)
            .map(|a| a.external_user_id.as_str())
            .collect();
        assert_eq!(ext, ["user-1", "user-2", "user-3", "user-4", "user-5"]);
        assert_eq!(s.list_applicants(t2, None, 10).await.unwrap().len(), 1);

        let audit = s.audit_log(a.id).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].action, "applicant.created");
        assert_eq!(audit[0].actor, "test");
    })
    .await;
}

#[tokio::test]
async fn submit_is_one_transaction() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        s.create_webhook(t, "https://hooks.example.org/a", "whsec-a")
            .await
            .unwrap();
        let a = applicant(s, t, "user-a").await;
        let notes = [
            Notification::Email {
                to: "user-a@example.org".into(),
                subject: "Thanks".into(),
                text: "We are checking".into(),
                html: "<p>We are checking</p>".into(),
            },
            webhook_note("applicant.submitted"),
        ];
        let after = s
            .submit(t, a.id, verify_job(), &notes, "api_key:1")
            .await
            .unwrap();
        assert_eq!(after.attempt, 1);
        assert_eq!(after.status, ApplicantStatus::Submitted);
        assert_eq!(s.get_applicant(t, a.id).await.unwrap(), after);

        // Job and outbox are there.
        let job = s
            .claim_job("w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(job.kind, "verify");
        assert_eq!(job.payload, json!({ "check": "all" }));
        assert_eq!(job.applicant, Some(a.id));
        assert_eq!(job.attempts, 1);
        assert_eq!(job.max_attempts, 3);
        assert_eq!(job.status, JobStatus::Running);
        assert_eq!(job.lease_owner.as_deref(), Some("w1"));
        let items = s
            .claim_outbox("o1", Duration::from_secs(60), 10)
            .await
            .unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().any(
            |i| matches!(&i.target, OutboxTarget::Email { to, .. } if to == "user-a@example.org")
        ));
        assert!(items.iter().any(
            |i| matches!(&i.target, OutboxTarget::Webhook { secret, .. } if secret == "whsec-a")
        ));

        // Submitting twice is refused and writes nothing.
        let err = s
            .submit(t, a.id, verify_job(), &notes, "api_key:1")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidState(_)), "{err:?}");
        assert_eq!(s.get_applicant(t, a.id).await.unwrap().attempt, 1);
        assert!(
            s.claim_job("w2", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            s.claim_outbox("o2", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .is_empty()
        );
        // Level-1 data and documents are refused too.
        assert!(matches!(
            s.save_level1(t, a.id, &json!({}), Level::Primary, "x")
                .await,
            Err(StoreError::InvalidState(_))
        ));
        // Unknown applicant / other tenant.
        let other = s.ensure_tenant("other").await.unwrap();
        assert!(matches!(
            s.submit(other, a.id, verify_job(), &[], "x").await,
            Err(StoreError::NotFound)
        ));

        let actions: Vec<String> = s
            .audit_log(a.id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["applicant.created", "applicant.submitted"]);
    })
    .await;
}

#[tokio::test]
async fn documents_and_blobs() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let a = applicant(s, t, "user-a").await;
        let front1 = s
            .add_document(
                t,
                a.id,
                DocumentRole::DocumentFront,
                b"first front",
                "image/jpeg",
                &json!({"blur": 1}),
                "api",
            )
            .await
            .unwrap();
        assert_eq!(front1.attempt, 1);
        let front2 = s
            .add_document(
                t,
                a.id,
                DocumentRole::DocumentFront,
                b"second front",
                "image/jpeg",
                &json!({"blur": 2}),
                "api",
            )
            .await
            .unwrap();
        let selfie = s
            .add_document(
                t,
                a.id,
                DocumentRole::Selfie,
                b"selfie",
                "image/png",
                &json!([]),
                "api",
            )
            .await
            .unwrap();
        let current = s.current_documents(a.id, 1).await.unwrap();
        assert_eq!(current, vec![front2.clone(), selfie.clone()]);
        assert_eq!(current[0].findings, json!({"blur": 2}));
        assert_eq!(current[0].size, 12);
        assert_eq!(s.load_blob(&front2).await.unwrap(), b"second front");
        assert_eq!(s.load_blob(&front1).await.unwrap(), b"first front");
        assert!(s.current_documents(a.id, 2).await.unwrap().is_empty());

        // A blob presented as another document's does not open.
        let mut swapped = selfie.clone();
        swapped.id = front2.id;
        assert!(matches!(
            s.load_blob(&swapped).await,
            Err(StoreError::Crypto(_))
        ));
        // A tampered blob file fails; a missing one is an I/O error.
        let files = blob_files(&ctx.blob_dir);
        assert_eq!(files.len(), 3);
        for f in &files {
            let mut bytes = std::fs::read(f).unwrap();
            let mid = bytes.len() / 2;
            bytes[mid] ^= 1;
            std::fs::write(f, bytes).unwrap();
        }
        assert!(matches!(
            s.load_blob(&front2).await,
            Err(StoreError::Crypto(_))
        ));
        for f in &files {
            std::fs::remove_file(f).unwrap();
        }
        assert!(matches!(s.load_blob(&front2).await, Err(StoreError::Io(_))));

        // After submitting, uploads are refused and no blob is written.
        s.submit(t, a.id, verify_job(), &[], "api").await.unwrap();
        let err = s
            .add_document(
                t,
                a.id,
                DocumentRole::DocumentBack,
                b"late",
                "image/jpeg",
                &json!({}),
                "api",
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidState(_)), "{err:?}");
        assert!(blob_files(&ctx.blob_dir).is_empty());
        // Another tenant cannot upload for this applicant.
        let other = s.ensure_tenant("other").await.unwrap();
        assert!(matches!(
            s.add_document(
                other,
                a.id,
                DocumentRole::Selfie,
                b"x",
                "image/png",
                &json!({}),
                "api"
            )
            .await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

fn blob_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(blob_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claimers_never_share_a_job() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        const JOBS: usize = 24;
        for i in 0..JOBS {
            submitted(s, t, &format!("user-{i}")).await;
        }
        let mut workers = Vec::new();
        for w in 0..6 {
            let store = s.clone();
            workers.push(tokio::spawn(async move {
                let name = format!("worker-{w}");
                let mut got = Vec::new();
                while let Some(job) = store
                    .claim_job(&name, Duration::from_secs(60))
                    .await
                    .unwrap()
                {
                    assert_eq!(job.lease_owner.as_deref(), Some(name.as_str()));
                    got.push(job.id);
                }
                got
            }));
        }
        let mut all = Vec::new();
        for w in workers {
            all.extend(w.await.unwrap());
        }
        let distinct: HashSet<_> = all.iter().collect();
        assert_eq!(all.len(), JOBS, "every job claimed once");
        assert_eq!(distinct.len(), JOBS, "no job claimed twice");
    })
    .await;
}

#[tokio::test]
async fn expired_lease_is_reclaimed_and_the_old_worker_cannot_decide() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let a = submitted(s, t, "user-a").await;
        let first = s
            .claim_job("w1", Duration::from_millis(1000))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(first.attempts, 1);
        s.start_processing(a.id, 1).await.unwrap();
        s.start_processing(a.id, 1).await.unwrap(); // no-op
        assert!(
            s.claim_job("w2", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );

        tokio::time::sleep(Duration::from_millis(1300)).await;
        let second = s
            .claim_job("w2", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(second.id, first.id);
        assert_eq!(second.attempts, 2);
        assert_eq!(second.lease_owner.as_deref(), Some("w2"));

        // w1 lost its lease: heartbeat says so, its decision is refused and writes nothing.
        assert!(
            !s.heartbeat(first.id, "w1", Duration::from_secs(60))
                .await
                .unwrap()
        );
        let processing = s.get_applicant(t, a.id).await.unwrap();
        let err = s
            .record_decision(
                decision(&processing, Some((first.id, "w1"))),
                &[Notification::Email {
                    to: "x@example.org".into(),
                    subject: "s".into(),
                    text: "t".into(),
                    html: "h".into(),
                }],
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidState(_)), "{err:?}");
        assert_eq!(s.latest_decision(a.id).await.unwrap(), None);
        assert_eq!(s.get_applicant(t, a.id).await.unwrap(), processing);
        assert!(
            s.claim_outbox("o", Duration::from_secs(5), 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            s.fail_job(first.id, "w1", "boom", None).await,
            Err(StoreError::InvalidState(_))
        ));

        // w2 holds it: the decision goes through and completes the job.
        assert!(
            s.heartbeat(first.id, "w2", Duration::from_secs(60))
                .await
                .unwrap()
        );
        let mut d = decision(&processing, Some((first.id, "w2")));
        d.document_key = Some(s.document_key_hash("passport", "DEU", "X1"));
        let recorded = s.record_decision(d, &[]).await.unwrap();
        assert_eq!(
            s.latest_decision(a.id).await.unwrap(),
            Some(recorded.clone())
        );
        assert_eq!(
            recorded.outcome_json,
            json!({ "status": "approved", "reasons": [] })
        );
        let after = s.get_applicant(t, a.id).await.unwrap();
        assert_eq!(after.status, ApplicantStatus::Approved);
        assert_eq!(after.level, Level::Advanced);
        let job = s.job(first.id).await.unwrap();
        assert_eq!(job.status, JobStatus::Done);
        assert!(
            s.claim_job("w3", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
        // Starting to process a decided attempt is refused.
        assert!(matches!(
            s.start_processing(a.id, 1).await,
            Err(StoreError::InvalidState(_))
        ));

        let actions: Vec<String> = s
            .audit_log(a.id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            [
                "applicant.created",
                "applicant.submitted",
                "applicant.processing",
                "decision.recorded"
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn heartbeat_extends_the_lease() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        submitted(s, t, "user-a").await;
        let job = s
            .claim_job("w1", Duration::from_millis(300))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(
            s.heartbeat(job.id, "w1", Duration::from_secs(30))
                .await
                .unwrap()
        );
        tokio::time::sleep(Duration::from_millis(350)).await;
        // Past the first lease, within the extended one.
        assert!(
            s.claim_job("w2", Duration::from_secs(30))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            !s.heartbeat(job.id, "w2", Duration::from_secs(30))
                .await
                .unwrap()
        );
        let j = s.job(job.id).await.unwrap();
        assert_eq!(j.lease_owner.as_deref(), Some("w1"));
        assert!(j.lease_until.unwrap() > OffsetDateTime::now_utc() + Duration::from_secs(20));
    })
    .await;
}

#[tokio::test]
async fn failed_jobs_retry_later_or_die() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        submitted(s, t, "user-a").await;
        let job = s
            .claim_job("w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        let retry_at = OffsetDateTime::now_utc() + Duration::from_millis(1000);
        s.fail_job(job.id, "w1", "engine timeout", Some(retry_at))
            .await
            .unwrap();
        let j = s.job(job.id).await.unwrap();
        assert_eq!(j.status, JobStatus::Pending);
        assert_eq!(j.last_error.as_deref(), Some("engine timeout"));
        // Not before retry_at.
        assert!(
            s.claim_job("w2", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
        tokio::time::sleep(Duration::from_millis(1300)).await;
        let again = s
            .claim_job("w2", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.id, job.id);
        assert_eq!(again.attempts, 2);

        // No retry: dead.
        s.fail_job(job.id, "w2", "bad input", None).await.unwrap();
        assert_eq!(s.job(job.id).await.unwrap().status, JobStatus::Dead);
        assert!(
            s.claim_job("w3", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );

        // Attempts run out: dead even with a retry time. A lease that expires after the last
        // attempt lets the job be claimed once more (attempts > max_attempts, so the worker
        // concludes without running it); a lease lost on that claim too buries the job.
        let b = applicant(s, t, "user-b").await;
        s.submit(
            t,
            b.id,
            NewJob {
                kind: "verify".into(),
                payload: json!(null),
                max_attempts: 1,
            },
            &[],
            "t",
        )
        .await
        .unwrap();
        let jb = s
            .claim_job("w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        s.fail_job(jb.id, "w1", "again", Some(OffsetDateTime::now_utc()))
            .await
            .unwrap();
        assert_eq!(s.job(jb.id).await.unwrap().status, JobStatus::Dead);

        let c = applicant(s, t, "user-c").await;
        s.submit(
            t,
            c.id,
            NewJob {
                kind: "verify".into(),
                payload: json!(1),
                max_attempts: 1,
            },
            &[],
            "t",
        )
        .await
        .unwrap();
        let jc = s
            .claim_job("w1", Duration::from_millis(100))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
        let extra = s
            .claim_job("w2", Duration::from_millis(100))
            .await
            .unwrap()
            .expect("claimed once more after the last attempt's lease ran out");
        assert_eq!(extra.id, jc.id);
        assert!(extra.attempts > extra.max_attempts);
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert!(
            s.claim_job("w3", Duration::from_secs(60))
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(s.job(jc.id).await.unwrap().status, JobStatus::Dead);
        assert_eq!(
            s.jobs_with_status(JobStatus::Dead, 10).await.unwrap().len(),
            3
        );
    })
    .await;
}

#[tokio::test]
async fn outbox_rows_per_endpoint_retries_and_delivery_log() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let other = s.ensure_tenant("other").await.unwrap();
        let e1 = s
            .create_webhook(t, "https://a.example.org/hook", "secret-1")
            .await
            .unwrap();
        let e2 = s
            .create_webhook(t, "https://b.example.org/hook", "secret-2")
            .await
            .unwrap();
        s.create_webhook(other, "https://c.example.org/hook", "secret-3")
            .await
            .unwrap();
        assert_eq!(
            s.list_webhooks(t).await.unwrap(),
            vec![e1.clone(), e2.clone()]
        );

        let note = webhook_note("applicant.created");
        let Notification::Webhook { event_id, .. } = &note else {
            unreachable!()
        };
        let event_id = *event_id;
        s.create_applicant(t, new_applicant("user-a"), &[note], "api")
            .await
            .unwrap();

        let items = s
            .claim_outbox("o1", Duration::from_secs(60), 10)
            .await
            .unwrap();
        assert_eq!(items.len(), 2, "one row per endpoint of this tenant");
        // Leased: nobody else gets them.
        assert!(
            s.claim_outbox("o2", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .is_empty()
        );
        let mut by_endpoint = std::collections::HashMap::new();
        for item in &items {
            assert_eq!(item.tenant, t);
            assert_eq!(item.attempts, 0);
            assert_eq!(item.first_attempt_at, None);
            let OutboxTarget::Webhook {
                endpoint,
                url,
                secret,
                event_id: ev,
                body,
            } = &item.target
            else {
                panic!("not a webhook");
            };
            assert_eq!(*ev, event_id);
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(body).unwrap(),
                json!({"type": "applicant.created"})
            );
            let expected = if *endpoint == e1.id {
                ("https://a.example.org/hook", "secret-1")
            } else {
                ("https://b.example.org/hook", "secret-2")
            };
            assert_eq!((url.as_str(), secret.as_str()), expected);
            by_endpoint.insert(*endpoint, item.id);
        }

        // e1: delivered at once. e2: fails, retried later, fails again, given up.
        s.outbox_delivered(by_endpoint[&e1.id], attempt_log(Some(200), None))
            .await
            .unwrap();
        let next = OffsetDateTime::now_utc() + Duration::from_millis(1000);
        s.outbox_retry(
            by_endpoint[&e2.id],
            next,
            attempt_log(Some(500), Some("server error")),
        )
        .await
        .unwrap();
        assert!(
            s.claim_outbox("o1", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .is_empty()
        );
        tokio::time::sleep(Duration::from_millis(1300)).await;
        let again = s
            .claim_outbox("o1", Duration::from_secs(60), 10)
            .await
            .unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].id, by_endpoint[&e2.id]);
        assert_eq!(again[0].attempts, 1);
        assert!(again[0].first_attempt_at.is_some());
        s.outbox_give_up(again[0].id, attempt_log(None, Some("connection refused")))
            .await
            .unwrap();
        assert!(matches!(
            s.outbox_delivered(again[0].id, attempt_log(Some(200), None))
                .await,
            Err(StoreError::InvalidState(_))
        ));
        assert!(matches!(
            s.outbox_delivered(kyc_store::OutboxId::new(), attempt_log(Some(200), None))
                .await,
            Err(StoreError::NotFound)
        ));
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            s.claim_outbox("o1", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .is_empty()
        );

        let log1 = s.deliveries(t, e1.id).await.unwrap();
        assert_eq!(log1.len(), 1);
        assert!(log1[0].delivered);
        assert_eq!(log1[0].status_code, Some(200));
        assert_eq!(log1[0].attempt, 1);
        assert_eq!(log1[0].event_id, event_id);
        let log2 = s.deliveries(t, e2.id).await.unwrap();
        assert_eq!(log2.iter().map(|e| e.attempt).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(log2[0].status_code, Some(500));
        assert_eq!(log2[1].error.as_deref(), Some("connection refused"));
        assert!(log2.iter().all(|e| !e.delivered));
        // The log is per tenant.
        assert!(s.deliveries(other, e1.id).await.unwrap().is_empty());

        // A deleted endpoint gets no new rows.
        s.delete_webhook(t, e2.id).await.unwrap();
        s.create_applicant(
            t,
            new_applicant("user-b"),
            &[webhook_note("applicant.created")],
            "api",
        )
        .await
        .unwrap();
        assert_eq!(
            s.claim_outbox("o1", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .len(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn outbox_lease_expires() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let mail = Notification::Email {
            to: "a@example.org".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
        };
        s.create_applicant(t, new_applicant("user-a"), &[mail], "api")
            .await
            .unwrap();
        let first = s
            .claim_outbox("o1", Duration::from_millis(800), 10)
            .await
            .unwrap();
        assert_eq!(first.len(), 1);
        assert!(
            s.claim_outbox("o2", Duration::from_secs(60), 10)
                .await
                .unwrap()
                .is_empty()
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let second = s
            .claim_outbox("o2", Duration::from_secs(60), 10)
            .await
            .unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].id, first[0].id);
        assert!(
            matches!(&second[0].target, OutboxTarget::Email { to, .. } if to == "a@example.org")
        );
    })
    .await;
}

#[tokio::test]
async fn idempotency_keys() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let other = s.ensure_tenant("other").await.unwrap();
        let h1 = [1u8; 32];
        let h2 = [2u8; 32];
        assert_eq!(
            s.idempotency_begin(t, "k1", &h1).await.unwrap(),
            Idempotency::New
        );
        assert_eq!(
            s.idempotency_begin(t, "k1", &h1).await.unwrap(),
            Idempotency::InProgress
        );
        s.idempotency_finish(t, "k1", 201, br#"{"id":"x"}"#)
            .await
            .unwrap();
        assert_eq!(
            s.idempotency_begin(t, "k1", &h1).await.unwrap(),
            Idempotency::Replay {
                status: 201,
                body: br#"{"id":"x"}"#.to_vec()
            }
        );
        assert_eq!(
            s.idempotency_begin(t, "k1", &h2).await.unwrap(),
            Idempotency::Mismatch
        );
        // Keys are per tenant.
        assert_eq!(
            s.idempotency_begin(other, "k1", &h2).await.unwrap(),
            Idempotency::New
        );
        // Finishing twice is refused; abandoning frees an unfinished key.
        assert!(matches!(
            s.idempotency_finish(t, "k1", 200, b"").await,
            Err(StoreError::InvalidState(_))
        ));
        s.idempotency_abandon(other, "k1").await.unwrap();
        assert_eq!(
            s.idempotency_begin(other, "k1", &h1).await.unwrap(),
            Idempotency::New
        );
        assert_eq!(
            s.idempotency_purge(OffsetDateTime::now_utc() + Duration::from_secs(1))
                .await
                .unwrap(),
            2
        );
    })
    .await;
}

#[tokio::test]
async fn document_key_uses_counts_distinct_other_applicants() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t1 = s.ensure_tenant("one").await.unwrap();
        let t2 = s.ensure_tenant("two").await.unwrap();
        let key = s.document_key_hash("passport", "deu", "c01x00t47");
        assert_eq!(key, s.document_key_hash(" Passport", "DEU", "C01X-00T47"));
        assert_ne!(key, s.document_key_hash("passport", "DEU", "C01X00T48"));
        assert_ne!(key, s.document_key_hash("id_card", "DEU", "C01X00T47"));

        let mut ids = Vec::new();
        for (tenant, ext) in [(t1, "a"), (t2, "b"), (t1, "c")] {
            let a = submitted(s, tenant, ext).await;
            let mut d = decision(&a, None);
            if ext != "c" {
                d.document_key = Some(key);
            }
            s.record_decision(d, &[]).await.unwrap();
            ids.push(a);
        }
        // The same applicant registering the key again counts once.
        let a = &ids[0];
        assert_eq!(s.document_key_uses(&key, a.id).await.unwrap(), 1);
        assert_eq!(s.document_key_uses(&key, ids[2].id).await.unwrap(), 2);
        assert_eq!(s.document_key_uses(&[0u8; 32], a.id).await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn resubmission_and_events() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let a = applicant(s, t, "user-a").await;
        let saved = s
            .save_level1(
                t,
                a.id,
                &json!({"first_name": "Ada"}),
                Level::Primary,
                "api",
            )
            .await
            .unwrap();
        assert_eq!(saved.level, Level::Primary);
        assert_eq!(
            s.load_level1(a.id).await.unwrap(),
            Some(json!({"first_name": "Ada"}))
        );
        let a = s.submit(t, a.id, verify_job(), &[], "api").await.unwrap();
        // A decision for another attempt is refused.
        let mut wrong = decision(&a, None);
        wrong.attempt = 2;
        assert!(matches!(
            s.record_decision(wrong, &[]).await,
            Err(StoreError::InvalidState(_))
        ));
        let mut d = decision(&a, None);
        d.status = ApplicantStatus::ResubmissionRequested;
        d.level = Level::Primary;
        s.record_decision(d, &[]).await.unwrap();
        // The applicant may prepare attempt 2.
        let doc = s
            .add_document(
                t,
                a.id,
                DocumentRole::DocumentFront,
                b"front",
                "image/jpeg",
                &json!({}),
                "api",
            )
            .await
            .unwrap();
        assert_eq!(doc.attempt, 2);
        let a2 = s.submit(t, a.id, verify_job(), &[], "api").await.unwrap();
        assert_eq!(a2.attempt, 2);
        assert_eq!(s.decisions(a.id).await.unwrap().len(), 1);

        let e1 = s
            .add_event(t, a.id, "login", &json!({"ip": "192.0.2.1"}))
            .await
            .unwrap();
        let e2 = s
            .add_event(t, a.id, "deposit", &json!({"amount": 100}))
            .await
            .unwrap();
        assert_eq!(s.events(a.id).await.unwrap(), vec![e1, e2]);
        let other = s.ensure_tenant("other").await.unwrap();
        assert!(matches!(
            s.add_event(other, a.id, "login", &json!({})).await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

/// Looking into the database or the blob folder reveals no name, e-mail, number or image.
#[tokio::test]
async fn nothing_personal_at_rest() {
    each_backend(|ctx: Ctx| async move {
        let s = &ctx.store;
        let t = s.ensure_tenant("acme").await.unwrap();
        let email = "zelda.quixotic-marmalade@unusual-example.org";
        let ext = "EXT-USER-9f3a7c";
        let name = "Zebulon Quartermaine";
        let number = "X9Q7Z5W3V";
        let a = s
            .create_applicant(
                t,
                NewApplicant { external_user_id: ext.into(), email: email.into(), language: "en".into() },
                &[Notification::Email { to: email.into(), subject: "Welcome".into(), text: name.into(), html: name.into() }],
                "api",
            )
            .await
            .unwrap();
        s.save_level1(
            t,
            a.id,
            &json!({"first_name": "Zebulon", "last_name": "Quartermaine", "full_name": name, "document_number": number}),
            Level::Primary,
            "api",
        )
        .await
        .unwrap();
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(name.as_bytes());
        let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
        jpeg.extend_from_slice(number.as_bytes());
        s.add_document(t, a.id, DocumentRole::DocumentFront, &png, "image/png", &json!({"mrz_name": name}), "api")
            .await
            .unwrap();
        s.add_document(t, a.id, DocumentRole::Selfie, &jpeg, "image/jpeg", &json!({}), "api")
            .await
            .unwrap();
        s.add_event(t, a.id, "login", &json!({"email": email})).await.unwrap();
        let a = s.submit(t, a.id, verify_job(), &[], "api").await.unwrap();
        let mut d = decision(&a, None);
        d.outcome_json = json!({"name": name, "number": number});
        d.document_key = Some(s.document_key_hash("passport", "DEU", number));
        s.record_decision(d, &[]).await.unwrap();
        s.idempotency_begin(t, "req-1", &[7; 32]).await.unwrap();
        s.idempotency_finish(t, "req-1", 201, format!("{{\"email\":\"{email}\"}}").as_bytes()).await.unwrap();

        let needles: Vec<(&str, Vec<u8>)> = vec![
            ("e-mail", email.as_bytes().to_vec()),
            ("e-mail local part", b"zelda.quixotic".to_vec()),
            ("external id", ext.as_bytes().to_vec()),
            ("name", b"Quartermaine".to_vec()),
            ("number", number.as_bytes().to_vec()),
            ("PNG magic", b"\x89PNG".to_vec()),
            ("JPEG magic", b"\xff\xd8\xff".to_vec()),
            ("JFIF", b"JFIF".to_vec()),
        ];
        let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);

        // The blob folder.
        let files = blob_files(&ctx.blob_dir);
        assert_eq!(files.len(), 2);
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            for (what, needle) in &needles {
                assert!(!contains(&bytes, needle), "{what} found in blob {}", f.display());
            }
        }

        match ctx.backend {
            kyc_store::Backend::Sqlite => {
                // Everything into the main file, then read the raw bytes of every file.
                s.close().await;
                let path = ctx
                    .database_url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc")
                    .to_owned();
                let db = std::fs::read(&path).unwrap();
                assert!(db.len() > 4096);
                // Sanity: the test can see what is stored in clear.
                assert!(contains(&db, b"applicant.created"));
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let Ok(bytes) = std::fs::read(format!("{path}{suffix}")) else { continue };
                    for (what, needle) in &needles {
                        assert!(!contains(&bytes, needle), "{what} found in {path}{suffix}");
                    }
                }
            }
            kyc_store::Backend::Postgres => {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&ctx.database_url).await.unwrap();
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
                )
                .fetch_all(&mut c)
                .await
                .unwrap();
                assert!(tables.len() >= 14, "{tables:?}");
                let mut dump = Vec::new();
                for table in tables {
                    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT row_to_json(t)::text FROM \"{table}\" t"
                    )))
                    .fetch_all(&mut c)
                    .await
                    .unwrap();
                    for r in rows {
                        dump.extend_from_slice(r.as_bytes());
                    }
                }
                c.close().await.unwrap();
                assert!(contains(&dump, b"applicant.created"));
                for (what, needle) in &needles {
                    assert!(!contains(&dump, needle), "{what} found in PostgreSQL");
                    // Bytes columns appear in hex.
                    let hexed = hex::encode(needle);
                    assert!(!contains(&dump, hexed.as_bytes()), "{what} (hex) found in PostgreSQL");
                }
            }
        }
    })
    .await;
}

#[tokio::test]
async fn sqlite_url_forms_create_the_file_and_folders() {
    let dir = std::env::temp_dir().join(format!("kyc-store-url-{}", uuid::Uuid::new_v4().simple()));
    for (i, url) in [
        format!("sqlite:{}", dir.join("a").join("one.sqlite").display()),
        format!(
            "sqlite://{}?mode=rwc",
            dir.join("b").join("two.sqlite").display()
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let store = Store::open(StoreConfig {
            database_url: url.clone(),
            blob_dir: dir.join(format!("blobs-{i}")),
            master_key: MasterKey::generate(),
        })
        .await
        .unwrap();
        assert_eq!(store.backend(), kyc_store::Backend::Sqlite);
        store.migrate().await.unwrap();
        let t = store.ensure_tenant("acme").await.unwrap();
        applicant(&store, t, "u").await;
        store.close().await;
        assert!(dir.join(format!("blobs-{i}")).is_dir(), "{url}");
    }
    assert!(dir.join("a").join("one.sqlite").is_file());
    assert!(dir.join("b").join("two.sqlite").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}
