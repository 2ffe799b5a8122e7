//! Tenants, API keys and idempotency keys.

use base64::Engine as _;
use subtle::ConstantTimeEq;

use crate::crypto::{random_bytes, sha256};
use crate::db::{args, is_unique_violation};
use crate::{ApiKeyInfo, Idempotency, Scope, Store, StoreError, TenantId, audit, now, to_ms};

/// The prefix of every API key.
pub const API_KEY_PREFIX: &str = "kycd_";

fn scopes_to_text(scopes: &[Scope]) -> String {
    let mut v: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    v.sort_unstable();
    v.dedup();
    v.join(" ")
}

fn scopes_from_text(text: &str) -> Result<Vec<Scope>, StoreError> {
    text.split_whitespace()
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Corrupt("unknown scope in api_keys".into()))
        })
        .collect()
}

/// Splits `kycd_<key id>_<secret>`.
fn split_key(presented: &str) -> Option<(&str, &str)> {
    let rest = presented.trim().strip_prefix(API_KEY_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let id_ok = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    (id_ok && !secret.is_empty() && secret.len() <= 128).then_some((id, secret))
}

impl Store {
    /// The tenant called `name`, created when missing.
    pub async fn ensure_tenant(&self, name: &str) -> Result<TenantId, StoreError> {
        let id = TenantId::new();
        self.pool()
            .execute(
                "INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
                args![id.to_string(), name, to_ms(now())],
            )
            .await?;
        let row = self
            .pool()
            .fetch_one("SELECT id FROM tenants WHERE name = $1", args![name])
            .await?;
        row.parse("id")
    }

    /// Issues an API key. Returns its description and the whole key
    /// (`kycd_<key id>_<secret>`), which is shown once: only the SHA-256 of the secret is kept.
    pub async fn create_api_key(
        &self,
        tenant: TenantId,
        name: &str,
        scopes: &[Scope],
    ) -> Result<(ApiKeyInfo, String), StoreError> {
        let mut id = [0u8; 8];
        let mut secret = [0u8; 32];
        random_bytes(&mut id)?;
        random_bytes(&mut secret)?;
        let id = hex::encode(id);
        let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret);
        let scopes_text = scopes_to_text(scopes);
        let mut tx = self.pool().begin().await?;
        let inserted = tx
            .execute(
                "INSERT INTO api_keys (id, tenant_id, name, scopes, secret_hash, created_at) \
                 SELECT $1, id, $3, $4, $5, $6 FROM tenants WHERE id = $2",
                args![
                    &id,
                    tenant.to_string(),
                    name,
                    &scopes_text,
                    sha256(secret.as_bytes()).to_vec(),
                    to_ms(now())
                ],
            )
            .await?;
        if inserted == 0 {
            return Err(StoreError::NotFound);
        }
        audit(
            &mut tx,
            "system",
            "api_key.created",
            Some(tenant),
            None,
            serde_json::json!({ "key_id": &id, "scopes": &scopes_text }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(key_id = %id, tenant = %tenant, "API key created");
        let info = ApiKeyInfo {
            id: id.clone(),
            tenant,
            name: name.to_owned(),
            scopes: scopes_from_text(&scopes_text)?,
        };
        Ok((info, format!("{API_KEY_PREFIX}{id}_{secret}")))
    }

    /// How many API keys were ever issued (revoked ones included).
    pub async fn count_api_keys(&self) -> Result<i64, StoreError> {
        self.pool()
            .fetch_one("SELECT COUNT(*) AS n FROM api_keys", args![])
            .await?
            .i64("n")
    }

    /// The key a request presents, if it is a valid, unrevoked key. The secret's hash is
    /// compared in constant time.
    pub async fn authenticate(&self, presented: &str) -> Result<Option<ApiKeyInfo>, StoreError> {
        let Some((id, secret)) = split_key(presented) else {
            return Ok(None);
        };
        let presented_hash = sha256(secret.as_bytes());
        let row = self
            .pool()
            .fetch_optional(
                "SELECT id, tenant_id, name, scopes, secret_hash, revoked_at FROM api_keys \
                 WHERE id = $1",
                args![id],
            )
            .await?;
        let Some(row) = row else {
            // Same work as for a known key.
            let _ = presented_hash.ct_eq(&[0u8; 32]);
            return Ok(None);
        };
        let stored = row.bytes("secret_hash")?;
        let equal: bool = presented_hash.as_slice().ct_eq(stored.as_slice()).into();
        if !equal || row.opt_i64("revoked_at")?.is_some() {
            return Ok(None);
        }
        Ok(Some(ApiKeyInfo {
            id: row.text("id")?,
            tenant: row.parse("tenant_id")?,
            name: row.text("name")?,
            scopes: scopes_from_text(&row.text("scopes")?)?,
        }))
    }

    /// Revokes a key (idempotent). [`StoreError::NotFound`] for an unknown key id.
    pub async fn revoke_api_key(&self, key_id: &str) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let row = tx
            .fetch_one(
                "SELECT tenant_id, revoked_at FROM api_keys WHERE id = $1",
                args![key_id],
            )
            .await?;
        if row.opt_i64("revoked_at")?.is_none() {
            tx.execute(
                "UPDATE api_keys SET revoked_at = $1 WHERE id = $2",
                args![to_ms(now()), key_id],
            )
            .await?;
            audit(
                &mut tx,
                "system",
                "api_key.revoked",
                row.opt_parse("tenant_id")?,
                None,
                serde_json::json!({ "key_id": key_id }),
            )
            .await?;
        }
        tx.commit().await?;
        tracing::info!(key_id = %key_id, "API key revoked");
        Ok(())
    }

    /// The API keys of a tenant (never the secrets), revoked ones excluded.
    pub async fn list_api_keys(&self, tenant: TenantId) -> Result<Vec<ApiKeyInfo>, StoreError> {
        let rows = self
            .pool()
            .fetch_all(
                "SELECT id, tenant_id, name, scopes FROM api_keys \
                 WHERE tenant_id = $1 AND revoked_at IS NULL ORDER BY created_at, id",
                args![tenant.to_string()],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ApiKeyInfo {
                    id: row.text("id")?,
                    tenant: row.parse("tenant_id")?,
                    name: row.text("name")?,
                    scopes: scopes_from_text(&row.text("scopes")?)?,
                })
            })
            .collect()
    }

    /// Starts a request under an idempotency key: [`Idempotency::New`] the first time (then
    /// call [`Store::idempotency_finish`]), the stored response for a finished request with the
    /// same hash, [`Idempotency::InProgress`] while the first is running, and
    /// [`Idempotency::Mismatch`] for a different request under the same key.
    pub async fn idempotency_begin(
        &self,
        tenant: TenantId,
        key: &str,
        request_hash: &[u8; 32],
    ) -> Result<Idempotency, StoreError> {
        let inserted = self
            .pool()
            .execute(
                "INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, idem_key) DO NOTHING",
                args![tenant.to_string(), key, request_hash.to_vec(), to_ms(now())],
            )
            .await;
        match inserted {
            Ok(1) => return Ok(Idempotency::New),
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e),
        }
        let row = self
            .pool()
            .fetch_one(
                "SELECT request_hash, status, body_enc FROM idempotency_keys \
                 WHERE tenant_id = $1 AND idem_key = $2",
                args![tenant.to_string(), key],
            )
            .await?;
        let stored = row.bytes("request_hash")?;
        let same: bool = stored.as_slice().ct_eq(request_hash.as_slice()).into();
        if !same {
            return Ok(Idempotency::Mismatch);
        }
        match (row.opt_i64("status")?, row.opt_bytes("body_enc")?) {
            (Some(status), Some(body)) => {
                let status = u16::try_from(status)
                    .map_err(|_| StoreError::Corrupt("idempotency status".into()))?;
                let body = self
                    .open_value(&idempotency_aad(tenant, key), &body)
                    .await?;
                Ok(Idempotency::Replay { status, body })
            }
            _ => Ok(Idempotency::InProgress),
        }
    }

    /// Stores the response of the request begun under `key` (the body is encrypted).
    pub async fn idempotency_finish(
        &self,
        tenant: TenantId,
        key: &str,
        status: u16,
        body: &[u8],
    ) -> Result<(), StoreError> {
        let sealed = self.seal(&idempotency_aad(tenant, key), body).await?;
        let updated = self
            .pool()
            .execute(
                "UPDATE idempotency_keys SET status = $1, body_enc = $2, finished_at = $3 \
                 WHERE tenant_id = $4 AND idem_key = $5 AND status IS NULL",
                args![
                    i64::from(status),
                    sealed,
                    to_ms(now()),
                    tenant.to_string(),
                    key
                ],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::InvalidState(
                "no unfinished request under this idempotency key".into(),
            ));
        }
        Ok(())
    }

    /// Forgets an unfinished request under `key` (the handler failed before it produced a
    /// response worth replaying), so that the client can retry.
    pub async fn idempotency_abandon(&self, tenant: TenantId, key: &str) -> Result<(), StoreError> {
        self.pool()
            .execute(
                "DELETE FROM idempotency_keys WHERE tenant_id = $1 AND idem_key = $2 \
                 AND status IS NULL",
                args![tenant.to_string(), key],
            )
            .await?;
        Ok(())
    }

    /// Deletes idempotency keys created before `before` (finished or not). Returns how many.
    pub async fn idempotency_purge(&self, before: time::OffsetDateTime) -> Result<u64, StoreError> {
        self.pool()
            .execute(
                "DELETE FROM idempotency_keys WHERE created_at < $1",
                args![to_ms(before)],
            )
            .await
    }
}

fn idempotency_aad(tenant: TenantId, key: &str) -> String {
    format!("idempotency_keys.body:{tenant}:{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_keys() {
        assert_eq!(
            split_key("kycd_0123456789abcdef_s3cr_et"),
            Some(("0123456789abcdef", "s3cr_et"))
        );
        assert_eq!(split_key("kycd_0123456789abcdef_"), None);
        assert_eq!(split_key("kycd_0123_secret"), None);
        assert_eq!(split_key("xkycd_0123456789abcdef_secret"), None);
        assert_eq!(split_key(""), None);
    }

    #[test]
    fn scopes_text() {
        let text = scopes_to_text(&[Scope::Webhooks, Scope::ApplicantsRead, Scope::Webhooks]);
        assert_eq!(text, "applicants:read webhooks");
        assert_eq!(
            scopes_from_text(&text).unwrap(),
            vec![Scope::ApplicantsRead, Scope::Webhooks]
        );
    }
}
