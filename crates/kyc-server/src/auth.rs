//! Who is calling. Two credentials, both sent as `Authorization: Bearer ...`:
//!
//! * **API keys** (`kycd_<id>_<secret>`) for the exchange's backend: stored hashed, scoped,
//!   checked by the store in constant time.
//! * **Applicant access tokens** (`kat_...`) for the identification page: short-lived, bound to
//!   one applicant of one tenant, and stateless — the applicant id, tenant id and expiry signed
//!   with HMAC-SHA256 under a key derived from the master key (so rotating the master key
//!   revokes every token). An applicant token can read its own applicant, give level 1 data,
//!   upload files and submit; nothing else.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use hmac::{Hmac, KeyInit, Mac};
use kyc_store::{ApiKeyInfo, ApplicantId, Scope, TenantId};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::ApiError;
use crate::state::AppState;

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub enum Caller {
    Backend(ApiKeyInfo),
    Applicant {
        tenant: TenantId,
        applicant: ApplicantId,
    },
}

impl Caller {
    pub fn tenant(&self) -> TenantId {
        match self {
            Caller::Backend(key) => key.tenant,
            Caller::Applicant { tenant, .. } => *tenant,
        }
    }

    /// The name the audit log records.
    pub fn actor(&self) -> String {
        match self {
            Caller::Backend(key) => format!("api_key:{}", key.id),
            Caller::Applicant { applicant, .. } => format!("applicant:{applicant}"),
        }
    }

    /// Backend keys with `scope`; nothing else.
    pub fn require(&self, scope: Scope) -> Result<&ApiKeyInfo, ApiError> {
        match self {
            Caller::Backend(key) if key.allows(scope) => Ok(key),
            _ => Err(ApiError::forbidden(&format!(
                "do this (it needs an API key with scope {})",
                scope.as_str()
            ))),
        }
    }

    /// Backend keys with `scope`, or the applicant's own token.
    pub fn require_for(&self, scope: Scope, applicant: ApplicantId) -> Result<(), ApiError> {
        match self {
            Caller::Applicant { applicant: own, .. } if *own == applicant => Ok(()),
            Caller::Applicant { .. } => Err(ApiError::forbidden("act for another applicant")),
            Caller::Backend(_) => self.require(scope).map(|_| ()),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let caller = authenticate(&parts.headers, state).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

/// Reads the bearer credential from `headers`.
pub async fn authenticate(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Caller, ApiError> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(ApiError::unauthenticated)?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(ApiError::unauthenticated)?;
    if token.len() > 512 {
        return Err(ApiError::unauthenticated());
    }
    if token.starts_with("kat_") {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        return state
            .tokens
            .verify(token, now)
            .map(|(tenant, applicant)| Caller::Applicant { tenant, applicant })
            .ok_or_else(ApiError::unauthenticated);
    }
    match state.store.authenticate(token).await? {
        Some(key) => Ok(Caller::Backend(key)),
        None => Err(ApiError::unauthenticated()),
    }
}

/// Signs and checks applicant access tokens.
#[derive(Clone)]
pub struct TokenSigner {
    key: [u8; 32],
}

type HmacSha256 = Hmac<Sha256>;

impl TokenSigner {
    pub fn new(key: [u8; 32]) -> TokenSigner {
        TokenSigner { key }
    }

    fn mac(&self, message: &str) -> Vec<u8> {
        // A 32-byte key is always a valid HMAC key.
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(message.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// `kat_<applicant>.<tenant>.<expires unix>.<hex mac>`.
    pub fn issue(&self, tenant: TenantId, applicant: ApplicantId, expires_unix: i64) -> String {
        let message = format!("{applicant}.{tenant}.{expires_unix}");
        format!("kat_{message}.{}", hex::encode(self.mac(&message)))
    }

    /// The tenant and applicant of a valid, unexpired token.
    pub fn verify(&self, token: &str, now_unix: i64) -> Option<(TenantId, ApplicantId)> {
        let body = token.strip_prefix("kat_")?;
        let (message, mac_hex) = body.rsplit_once('.')?;
        let presented = hex::decode(mac_hex).ok()?;
        let expected = self.mac(message);
        if presented.len() != expected.len() || !bool::from(presented.ct_eq(&expected)) {
            return None;
        }
        let mut parts = message.split('.');
        let applicant: ApplicantId = parts.next()?.parse().ok()?;
        let tenant: TenantId = parts.next()?.parse().ok()?;
        let expires: i64 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || expires < now_unix {
            return None;
        }
        Some((tenant, applicant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_until_they_expire_and_not_after_tampering() {
        let signer = TokenSigner::new([7; 32]);
        let tenant: TenantId = "0190f3a0-0000-7000-8000-000000000001".parse().unwrap();
        let applicant: ApplicantId = "0190f3a0-0000-7000-8000-000000000002".parse().unwrap();
        let token = signer.issue(tenant, applicant, 1_000);
        assert_eq!(signer.verify(&token, 999), Some((tenant, applicant)));
        assert_eq!(signer.verify(&token, 1_000), Some((tenant, applicant)));
        assert_eq!(signer.verify(&token, 1_001), None);
        let other: ApplicantId = "0190f3a0-0000-7000-8000-000000000003".parse().unwrap();
        let forged = token.replace(&applicant.to_string(), &other.to_string());
        assert_eq!(signer.verify(&forged, 0), None);
        assert_eq!(TokenSigner::new([8; 32]).verify(&token, 0), None);
        for bad in ["kat_", "kat_a.b.c.d", "kat_...", "kat_x.y.1.zz", ""] {
            assert_eq!(signer.verify(bad, 0), None);
        }
    }
}
