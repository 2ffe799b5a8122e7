//! The outbox (e-mails and webhook deliveries written in the transaction that causes them),
//! its delivery log, and the tenants' webhook endpoints.

use std::collections::HashMap;
use std::time::Duration;

use time::OffsetDateTime;

use crate::db::{Row, Sql, Tx, args};
use crate::{
    DeliveryAttempt, DeliveryLogEntry, Keyring, Notification, OutboxId, OutboxItem, OutboxTarget,
    Store, StoreError, TenantId, WebhookEndpoint, WebhookId, audit, duration_ms, now, to_ms,
};

macro_rules! outbox_columns {
    () => {
        "id, tenant_id, kind, endpoint_id, event_id, payload_enc, attempts, first_attempt_at, \
         created_at"
    };
}

const CLAIM: Sql = Sql::per_backend(
    concat!(
        "UPDATE outbox SET lease_owner = $1, lease_until = $2 WHERE id IN (SELECT id FROM outbox \
         WHERE status = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
         ORDER BY next_at, id LIMIT $4) RETURNING ",
        outbox_columns!()
    ),
    concat!(
        "UPDATE outbox SET lease_owner = $1, lease_until = $2 WHERE id IN (SELECT id FROM outbox \
         WHERE status = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
         ORDER BY next_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING ",
        outbox_columns!()
    ),
);

/// The decrypted payload of an e-mail row.
#[derive(serde::Serialize, serde::Deserialize)]
struct EmailPayload {
    to: String,
    subject: String,
    text: String,
    html: String,
}

fn payload_aad(id: OutboxId) -> String {
    format!("outbox.payload:{id}")
}

fn secret_aad(id: WebhookId) -> String {
    format!("webhooks.secret:{id}")
}

impl Store {
    /// Writes `notes` to the outbox in `tx`: one row per e-mail, one row per webhook event and
    /// endpoint the tenant has now.
    pub(crate) async fn enqueue_notifications(
        &self,
        tx: &mut Tx,
        ring: &Keyring,
        tenant: TenantId,
        notes: &[Notification],
    ) -> Result<(), StoreError> {
        if notes.is_empty() {
            return Ok(());
        }
        let now = to_ms(now());
        let mut endpoints: Option<Vec<String>> = None;
        for note in notes {
            match note {
                Notification::Email {
                    to,
                    subject,
                    text,
                    html,
                } => {
                    let id = OutboxId::new();
                    let payload = serde_json::to_vec(&EmailPayload {
                        to: to.clone(),
                        subject: subject.clone(),
                        text: text.clone(),
                        html: html.clone(),
                    })
                    .map_err(|e| StoreError::Corrupt(format!("e-mail payload: {e}")))?;
                    let sealed = ring.active.seal(payload_aad(id).as_bytes(), &payload)?;
                    tx.execute(
                        "INSERT INTO outbox (id, tenant_id, kind, payload_enc, status, attempts, \
                         next_at, created_at) VALUES ($1, $2, 'email', $3, 'pending', 0, $4, $4)",
                        args![id.to_string(), tenant.to_string(), sealed, now],
                    )
                    .await?;
                }
                Notification::Webhook {
                    event_id,
                    event_type,
                    created_at: _,
                    body,
                } => {
                    if endpoints.is_none() {
                        let rows = tx
                            .fetch_all(
                                "SELECT id FROM webhooks WHERE tenant_id = $1 AND active = TRUE \
                                 ORDER BY created_at, id",
                                args![tenant.to_string()],
                            )
                            .await?;
                        endpoints = Some(
                            rows.iter()
                                .map(|r| r.text("id"))
                                .collect::<Result<_, _>>()?,
                        );
                    }
                    let body = serde_json::to_vec(body)
                        .map_err(|e| StoreError::Corrupt(format!("webhook body: {e}")))?;
                    for endpoint in endpoints.iter().flatten() {
                        let id = OutboxId::new();
                        let sealed = ring.active.seal(payload_aad(id).as_bytes(), &body)?;
                        tx.execute(
                            "INSERT INTO outbox (id, tenant_id, kind, endpoint_id, event_id, \
                             event_type, payload_enc, status, attempts, next_at, created_at) \
                             VALUES ($1, $2, 'webhook', $3, $4, $5, $6, 'pending', 0, $7, $7)",
                            args![
                                id.to_string(),
                                tenant.to_string(),
                                endpoint,
                                event_id.to_string(),
                                event_type,
                                sealed,
                                now
                            ],
                        )
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Leases up to `limit` due outbox items to `worker` for `lease`, decrypted. An item whose
    /// lease runs out without a report is claimable again.
    pub async fn claim_outbox(
        &self,
        worker: &str,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let now = to_ms(now());
        let until = now.saturating_add(duration_ms(lease));
        let mut tx = self.pool().begin().await?;
        let rows = tx
            .fetch_all(CLAIM, args![worker, until, now, limit.clamp(1, 1000)])
            .await?;
        tx.commit().await?;
        let mut endpoints: HashMap<String, (String, String)> = HashMap::new();
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: OutboxId = row.parse("id")?;
            match self.outbox_item(row, &mut endpoints).await {
                Ok(item) => items.push(item),
                // A database or I/O failure is transient: the lease runs out and the item
                // comes back.
                Err(e @ (StoreError::Database(_) | StoreError::Io(_))) => return Err(e),
                Err(e) => {
                    // A row that cannot be read would come back forever: give it up, loudly.
                    tracing::error!(outbox = %id, error = %e, "outbox item unreadable; giving up");
                    let log = DeliveryAttempt {
                        at: crate::now(),
                        status_code: None,
                        error: Some(format!("unreadable outbox item: {e}")),
                    };
                    self.finish_outbox(id, "dead", None, log).await?;
                }
            }
        }
        items.sort_by_key(|a| (a.created_at, a.id));
        Ok(items)
    }

    async fn outbox_item(
        &self,
        row: &Row,
        endpoints: &mut HashMap<String, (String, String)>,
    ) -> Result<OutboxItem, StoreError> {
        let id: OutboxId = row.parse("id")?;
        let payload = self
            .open_value(&payload_aad(id), &row.bytes("payload_enc")?)
            .await?;
        let target = match row.text("kind")?.as_str() {
            "email" => {
                let p: EmailPayload = serde_json::from_slice(&payload)
                    .map_err(|_| StoreError::Corrupt("e-mail payload".into()))?;
                OutboxTarget::Email {
                    to: p.to,
                    subject: p.subject,
                    text: p.text,
                    html: p.html,
                }
            }
            "webhook" => {
                let endpoint_text = row
                    .opt_text("endpoint_id")?
                    .ok_or_else(|| StoreError::Corrupt("webhook row without endpoint".into()))?;
                let endpoint: WebhookId = endpoint_text
                    .parse()
                    .map_err(|_| StoreError::Corrupt("endpoint id".into()))?;
                if !endpoints.contains_key(&endpoint_text) {
                    let w = self
                        .pool()
                        .fetch_one(
                            "SELECT url, secret_enc FROM webhooks WHERE id = $1",
                            args![&endpoint_text],
                        )
                        .await?;
                    let secret = self
                        .open_string(&secret_aad(endpoint), &w.bytes("secret_enc")?)
                        .await?;
                    endpoints.insert(endpoint_text.clone(), (w.text("url")?, secret));
                }
                let (url, secret) = endpoints
                    .get(&endpoint_text)
                    .cloned()
                    .ok_or(StoreError::NotFound)?;
                OutboxTarget::Webhook {
                    endpoint,
                    url,
                    secret,
                    event_id: row
                        .opt_parse("event_id")?
                        .ok_or_else(|| StoreError::Corrupt("webhook row without event".into()))?,
                    body: payload,
                }
            }
            _ => return Err(StoreError::Corrupt("outbox kind".into())),
        };
        Ok(OutboxItem {
            id,
            tenant: row.parse("tenant_id")?,
            attempts: row.u32("attempts")?,
            first_attempt_at: row.opt_time("first_attempt_at")?,
            created_at: row.time("created_at")?,
            target,
        })
    }

    /// Records one delivery attempt and the item's new state, in one transaction.
    async fn finish_outbox(
        &self,
        id: OutboxId,
        status: &'static str,
        next_at: Option<OffsetDateTime>,
        log: DeliveryAttempt,
    ) -> Result<(), StoreError> {
        let at = to_ms(log.at);
        let delivered = status == "delivered";
        let mut tx = self.pool().begin().await?;
        let row = tx
            .fetch_optional(
                "UPDATE outbox SET status = $1, attempts = attempts + 1, \
                 next_at = COALESCE($2, next_at), first_attempt_at = COALESCE(first_attempt_at, $3), \
                 delivered_at = $4, lease_owner = NULL, lease_until = NULL \
                 WHERE id = $5 AND status = 'pending' \
                 RETURNING tenant_id, endpoint_id, event_id, attempts",
                args![
                    status,
                    next_at.map(to_ms),
                    at,
                    delivered.then_some(at),
                    id.to_string()
                ],
            )
            .await?;
        let Some(row) = row else {
            let exists = tx
                .fetch_optional(
                    "SELECT status FROM outbox WHERE id = $1",
                    args![id.to_string()],
                )
                .await?;
            return Err(match exists {
                None => StoreError::NotFound,
                Some(r) => StoreError::InvalidState(format!(
                    "outbox item is {} already",
                    r.text("status")?
                )),
            });
        };
        let error: Option<String> = log.error.map(|e| e.chars().take(2000).collect());
        tx.execute(
            "INSERT INTO delivery_log (id, outbox_id, tenant_id, endpoint_id, event_id, attempt, \
             at, status_code, error, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            args![
                uuid::Uuid::now_v7().to_string(),
                id.to_string(),
                row.text("tenant_id")?,
                row.opt_text("endpoint_id")?,
                row.opt_text("event_id")?,
                row.i64("attempts")?,
                at,
                log.status_code.map(i64::from),
                error,
                delivered
            ],
        )
        .await?;
        tx.commit().await?;
        tracing::debug!(outbox = %id, status, "outbox delivery recorded");
        Ok(())
    }

    /// The item was delivered.
    pub async fn outbox_delivered(
        &self,
        id: OutboxId,
        log: DeliveryAttempt,
    ) -> Result<(), StoreError> {
        self.finish_outbox(id, "delivered", None, log).await
    }

    /// The attempt failed; try again at `next_at`.
    pub async fn outbox_retry(
        &self,
        id: OutboxId,
        next_at: OffsetDateTime,
        log: DeliveryAttempt,
    ) -> Result<(), StoreError> {
        self.finish_outbox(id, "pending", Some(next_at), log).await
    }

    /// The attempt failed and there will be no other.
    pub async fn outbox_give_up(
        &self,
        id: OutboxId,
        log: DeliveryAttempt,
    ) -> Result<(), StoreError> {
        self.finish_outbox(id, "dead", None, log).await
    }

    /// The delivery log of one endpoint of the tenant, oldest first.
    pub async fn deliveries(
        &self,
        tenant: TenantId,
        endpoint: WebhookId,
    ) -> Result<Vec<DeliveryLogEntry>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT outbox_id, event_id, attempt, at, status_code, error, delivered \
                 FROM delivery_log WHERE tenant_id = $1 AND endpoint_id = $2 ORDER BY at, id",
                args![tenant.to_string(), endpoint.to_string()],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(DeliveryLogEntry {
                    outbox: row.parse("outbox_id")?,
                    event_id: row
                        .opt_parse("event_id")?
                        .ok_or_else(|| StoreError::Corrupt("delivery without event".into()))?,
                    attempt: row.u32("attempt")?,
                    at: row.time("at")?,
                    status_code: row
                        .opt_i64("status_code")?
                        .map(|c| {
                            u16::try_from(c).map_err(|_| StoreError::Corrupt("status code".into()))
                        })
                        .transpose()?,
                    error: row.opt_text("error")?,
                    delivered: row.bool("delivered")?,
                })
            })
            .collect()
    }

    /// Adds a webhook endpoint for the tenant; the signing secret is stored encrypted.
    pub async fn create_webhook(
        &self,
        tenant: TenantId,
        url: &str,
        secret: &str,
    ) -> Result<WebhookEndpoint, StoreError> {
        let id = WebhookId::new();
        let sealed = self.seal(&secret_aad(id), secret.as_bytes()).await?;
        let now = now();
        let mut tx = self.pool().begin().await?;
        let inserted = tx
            .execute(
                "INSERT INTO webhooks (id, tenant_id, url, secret_enc, active, created_at) \
                 SELECT $1, id, $3, $4, TRUE, $5 FROM tenants WHERE id = $2",
                args![id.to_string(), tenant.to_string(), url, sealed, to_ms(now)],
            )
            .await?;
        if inserted == 0 {
            return Err(StoreError::NotFound);
        }
        audit(
            &mut tx,
            "system",
            "webhook.created",
            Some(tenant),
            None,
            serde_json::json!({ "webhook": id.to_string() }),
        )
        .await?;
        tx.commit().await?;
        Ok(WebhookEndpoint {
            id,
            tenant,
            url: url.to_owned(),
            created_at: now,
        })
    }

    /// The tenant's active webhook endpoints, oldest first.
    pub async fn list_webhooks(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<WebhookEndpoint>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT id, tenant_id, url, created_at FROM webhooks \
                 WHERE tenant_id = $1 AND active = TRUE ORDER BY created_at, id",
                args![tenant.to_string()],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(WebhookEndpoint {
                    id: row.parse("id")?,
                    tenant: row.parse("tenant_id")?,
                    url: row.text("url")?,
                    created_at: row.time("created_at")?,
                })
            })
            .collect()
    }

    /// Deactivates an endpoint: no new deliveries are queued for it (queued ones still go).
    pub async fn delete_webhook(&self, tenant: TenantId, id: WebhookId) -> Result<(), StoreError> {
        let updated = self
            .pool()
            .execute(
                "UPDATE webhooks SET active = FALSE WHERE id = $1 AND tenant_id = $2",
                args![id.to_string(), tenant.to_string()],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
