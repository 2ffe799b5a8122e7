//! `Idempotency-Key` on every POST: the first response to a key is stored (per tenant) and
//! replayed to every later request with the same key and the same body; the same key with a
//! different request is refused, and one still running answers 409. Responses of kycd's own
//! failures (5xx) are not stored, so a retry after one runs again.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kyc_store::Idempotency;
use sha2::{Digest, Sha256};

use crate::auth::authenticate;
use crate::error::ApiError;
use crate::state::AppState;

/// Largest response body kept for replay.
const MAX_STORED_BODY: usize = 256 * 1024;

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(key) = request
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        return next.run(request).await;
    };
    if key.is_empty() || key.len() > 255 || key.chars().any(|c| c.is_control()) {
        return ApiError::new(
            "invalid_request",
            "Idempotency-Key must be 1 to 255 printable characters",
        )
        .into_response();
    }
    let caller = match authenticate(request.headers(), &state).await {
        Ok(caller) => caller,
        Err(err) => return err.into_response(),
    };
    let (mut parts, body) = request.into_parts();
    // The body limit of the route applies below; here the body is read whole to hash it, with
    // the largest limit any route has.
    let limit = usize::try_from(state.policy.upload.max_file_bytes)
        .unwrap_or(usize::MAX / 4)
        .saturating_mul(2)
        .saturating_add(1 << 20);
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return ApiError::new("payload_too_large", "the request body is too large")
                .into_response();
        }
    };
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str().as_bytes());
    hasher.update([0]);
    hasher.update(parts.uri.path().as_bytes());
    hasher.update([0]);
    hasher.update(caller.actor().as_bytes());
    hasher.update([0]);
    hasher.update(&bytes);
    let hash: [u8; 32] = hasher.finalize().into();
    let tenant = caller.tenant();
    let scoped_key = format!("{}:{key}", caller.actor());
    match state
        .store
        .idempotency_begin(tenant, &scoped_key, &hash)
        .await
    {
        Ok(Idempotency::New) => {}
        Ok(Idempotency::Replay { status, body }) => {
            let mut response = (
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return response;
        }
        Ok(Idempotency::InProgress) => {
            return ApiError::new(
                "idempotency_in_progress",
                "a request with this Idempotency-Key is still being processed",
            )
            .into_response();
        }
        Ok(Idempotency::Mismatch) => {
            return ApiError::new(
                "idempotency_key_reused",
                "this Idempotency-Key was used with a different request",
            )
            .into_response();
        }
        Err(err) => return ApiError::from(err).into_response(),
    }
    parts.extensions.insert(caller);
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, MAX_STORED_BODY).await {
        Ok(body) => body,
        Err(_) => return ApiError::internal().into_response(),
    };
    let status = parts.status.as_u16();
    let outcome = if parts.status.is_server_error() {
        state.store.idempotency_abandon(tenant, &scoped_key).await
    } else {
        state
            .store
            .idempotency_finish(tenant, &scoped_key, status, &body)
            .await
    };
    if let Err(err) = outcome {
        tracing::error!(error = %err, "idempotency record not saved");
    }
    Response::from_parts(parts, Body::from(body))
}
