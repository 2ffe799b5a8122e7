//! Signed webhooks: the signature scheme, the retry schedule, and one delivery attempt.
//!
//! A delivery is a `POST` of the event's JSON with three headers:
//!
//! * `Content-Type: application/json`
//! * `Kycd-Event-Id: <id>` — the same on every retry of an event, so receivers can drop
//!   duplicates;
//! * `Kycd-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>` — the time is
//!   signed with the body, so a receiver that checks it within a tolerance (five minutes is usual)
//!   also refuses replays. [`verify_signature`] is the reference check; a header may carry several
//!   `v1=` values (while a secret is rotated) and matches when any of them does.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::NotifyError;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "Kycd-Signature";
/// The header that carries the event id.
pub const EVENT_ID_HEADER: &str = "Kycd-Event-Id";

/// How long one delivery attempt may take, connection included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The first retry's delay; each further retry doubles it up to [`MAX_RETRY_DELAY`].
pub const FIRST_RETRY_DELAY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60 * 60);
/// After this long since the first attempt, a delivery is given up.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Longest header [`verify_signature`] looks at; real ones are under 100 bytes per secret.
const MAX_HEADER_LEN: usize = 4096;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], unix_time: i64, body: &[u8]) -> [u8; 32] {
    let mut mac =
        <HmacSha256 as KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(unix_time.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// The `Kycd-Signature` header value: `t=<unix>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`.
pub fn signature_header(secret: &[u8], unix_time: i64, body: &[u8]) -> String {
    format!(
        "t={unix_time},v1={}",
        hex::encode(mac(secret, unix_time, body))
    )
}

/// For receivers (and tests): true when `header` is a well-formed `Kycd-Signature` value whose
/// time is within `tolerance_secs` of `now_unix` (either way) and one of whose `v1` signatures is
/// the HMAC of `"{t}.{body}"` under `secret` (compared in constant time). Anything malformed —
/// no or two `t`, a `t` that is not a decimal integer, a `v1` that is not 64 hex digits, an
/// element without `=` — is false, never a panic.
pub fn verify_signature(
    secret: &[u8],
    header: &str,
    body: &[u8],
    now_unix: i64,
    tolerance_secs: i64,
) -> bool {
    if header.len() > MAX_HEADER_LEN || tolerance_secs < 0 {
        return false;
    }
    let mut time: Option<i64> = None;
    let mut signatures: Vec<[u8; 32]> = Vec::new();
    for element in header.split(',') {
        let Some((key, value)) = element.trim().split_once('=') else {
            return false;
        };
        match key {
            "t" => {
                if time.is_some() || !is_decimal(value) {
                    return false;
                }
                match value.parse::<i64>() {
                    Ok(t) => time = Some(t),
                    Err(_) => return false,
                }
            }
            "v1" => {
                let mut signature = [0u8; 32];
                if value.len() != 64 || hex::decode_to_slice(value, &mut signature).is_err() {
                    return false;
                }
                signatures.push(signature);
            }
            // Other schemes (a future v2) are skipped, as receivers should.
            _ if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric()) => {}
            _ => return false,
        }
    }
    let Some(time) = time else {
        return false;
    };
    match now_unix.checked_sub(time).and_then(i64::checked_abs) {
        Some(age) if age <= tolerance_secs => {}
        _ => return false,
    }
    let expected = mac(secret, time, body);
    // Every candidate is compared, so the time taken does not depend on which one matched.
    let mut matched = subtle::Choice::from(0);
    for signature in &signatures {
        matched |= signature.ct_eq(&expected);
    }
    bool::from(matched)
}

fn is_decimal(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.len() <= 19 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The delay before retry number `attempt` (1-based: after the first failure `attempt` is 1):
/// 30 s × 2^(attempt−1), capped at one hour, scaled by a jitter factor between 0.75 and 1 taken
/// from `jitter01` (a caller-supplied random value in 0..1; out-of-range values are clamped, NaN
/// counts as 0). `None` once `elapsed_since_first_attempt` plus that delay would pass 24 hours:
/// then the delivery is given up. `attempt` 0 is treated as 1.
pub fn retry_delay(
    attempt: u32,
    elapsed_since_first_attempt: Duration,
    jitter01: f64,
) -> Option<Duration> {
    let doublings = attempt.saturating_sub(1).min(16);
    let base = FIRST_RETRY_DELAY
        .saturating_mul(1u32 << doublings)
        .min(MAX_RETRY_DELAY);
    let jitter = if jitter01.is_nan() {
        0.0
    } else {
        jitter01.clamp(0.0, 1.0)
    };
    let delay = base.mul_f64(0.75 + 0.25 * jitter).min(MAX_RETRY_DELAY);
    match elapsed_since_first_attempt.checked_add(delay) {
        Some(total) if total <= GIVE_UP_AFTER => Some(delay),
        _ => None,
    }
}

/// Makes webhook delivery attempts. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct WebhookClient {
    http: reqwest::Client,
}

impl WebhookClient {
    /// A client with a 10 s timeout per attempt, no redirects followed and the user agent
    /// `kycd-webhooks/<version>`. Installs ring as the process-wide rustls provider if none is
    /// installed yet (reqwest is built without one).
    pub fn new() -> Result<WebhookClient, NotifyError> {
        Self::with_timeout(REQUEST_TIMEOUT)
    }

    /// The same with another per-attempt timeout.
    pub fn with_timeout(timeout: Duration) -> Result<WebhookClient, NotifyError> {
        // An error means a provider is installed already, which is all that is needed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("kycd-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| NotifyError::Config(format!("webhook HTTP client: {}", error_text(&e))))?;
        Ok(WebhookClient { http })
    }

    /// POSTs `body` (JSON) to `url` with `Content-Type: application/json`, `Kycd-Signature`
    /// (signed for `unix_time`, which should be now) and `Kycd-Event-Id`. `Ok(status)` for any
    /// HTTP answer — the caller treats 2xx as delivered — and an error for network errors and
    /// timeouts ([`NotifyError::Http`]) or an unusable URL or event id ([`NotifyError::Config`]).
    /// The response body is not read.
    pub async fn post(
        &self,
        url: &str,
        secret: &[u8],
        event_id: &str,
        body: &[u8],
        unix_time: i64,
    ) -> Result<u16, NotifyError> {
        let url = reqwest::Url::parse(url)
            .map_err(|_| NotifyError::Config("the webhook URL is not valid".into()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(NotifyError::Config(
                "the webhook URL must be http:// or https://".into(),
            ));
        }
        let event_id = reqwest::header::HeaderValue::from_str(event_id)
            .map_err(|_| NotifyError::Config("the event id is not a valid header value".into()))?;
        let signature =
            reqwest::header::HeaderValue::from_str(&signature_header(secret, unix_time, body))
                .map_err(|_| {
                    NotifyError::Config("the signature is not a valid header value".into())
                })?;
        let response = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signature)
            .header(EVENT_ID_HEADER, event_id)
            .body(body.to_vec())
            .send()
            .await
            .map_err(|e| NotifyError::Http(error_text(&e)))?;
        Ok(response.status().as_u16())
    }
}

/// reqwest's error without its URL (which may hold a token) and with its causes.
fn error_text(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut text = kind.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests;
