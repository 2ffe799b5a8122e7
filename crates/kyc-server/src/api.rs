//! REST API v1: the routes and their handlers. Each handler authenticates (the [`Caller`]
//! extractor), parses its input into typed values, calls the store or the engine, and answers
//! JSON. The public contract is `openapi.json` (served at `/v1/openapi.json`).

use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use kyc_core::{ApplicantStatus, DocumentRole, Lang, Level, decide};
use kyc_store::{ApplicantId, NewApplicant, NewJob, Scope, StoreError, WebhookId};
use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::{applicant_view, finding_view, lang_of, timestamp, webhook_event};

/// Largest JSON body any endpoint but uploads accepts.
const JSON_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    // Uploads may be somewhat over the policy's limit and still be read far enough to be
    // refused with FILE_TOO_LARGE and a remedy; beyond twice the limit, 413.
    let upload_limit = usize::try_from(state.policy.upload.max_file_bytes)
        .unwrap_or(usize::MAX / 4)
        .saturating_mul(2)
        .saturating_add(1 << 20);
    Router::new()
        .route("/v1/openapi.json", get(openapi))
        .route("/healthz", get(health))
        .route(
            "/v1/applicants",
            post(create_applicant).get(list_applicants),
        )
        .route("/v1/applicants/{id}", get(get_applicant))
        .route("/v1/applicants/{id}/level1", put(put_level1))
        .route(
            "/v1/applicants/{id}/documents",
            post(upload_document)
                .layer(DefaultBodyLimit::max(upload_limit))
                .layer(axum::middleware::map_response(close_after_refusal)),
        )
        .route("/v1/applicants/{id}/submit", post(submit))
        .route("/v1/applicants/{id}/permissions", get(permissions))
        .route(
            "/v1/applicants/{id}/events",
            post(add_event).get(list_events),
        )
        .route("/v1/applicants/{id}/access-tokens", post(access_token))
        .route("/v1/webhooks", post(create_webhook).get(list_webhooks))
        .route("/v1/webhooks/{id}/deliveries", get(webhook_deliveries))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::layer,
        ))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .with_state(state)
}

/// An upload refused before its body was read to the end (a caller without the right, an
/// applicant no longer taking files, a file over the size limit) leaves the rest of the body
/// unread, and the server then closes the connection. Saying so (`Connection: close`) keeps
/// the client from sending its next request down that connection, where it would fail without
/// a reply. Every refused upload is marked, the few read to the end included: one more
/// connection costs less than telling the cases apart.
async fn close_after_refusal(mut response: Response) -> Response {
    if response.status().is_client_error() {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

async fn not_found() -> ApiError {
    ApiError::not_found("route (see /v1/openapi.json)")
}

async fn health(State(state): State<AppState>) -> Response {
    match state.store.count_api_keys().await {
        Ok(_) => Json(json!({"status": "ok"})).into_response(),
        Err(_) => ApiError::new("unavailable", "the database is unavailable").into_response(),
    }
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::openapi::DOCUMENT,
    )
        .into_response()
}

/// A JSON body, with parse errors answered as `invalid_request` (never axum's plain text).
pub struct JsonBody<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    return Err(ApiError::new(
                        "payload_too_large",
                        format!("JSON bodies are limited to {JSON_LIMIT} bytes"),
                    ));
                }
                Err(ApiError::new("invalid_request", rejection.body_text()))
            }
        }
    }
}

fn parse_id(text: &str) -> Result<ApplicantId, ApiError> {
    text.parse().map_err(|_| ApiError::not_found("applicant"))
}

fn field_error(field: &str, message: &str) -> Value {
    json!({"field": field, "message": message})
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateApplicant {
    external_user_id: String,
    email: String,
    #[serde(default)]
    language: Option<String>,
}

/// A plausible e-mail address: one `@`, something on each side, a dot in the domain, no
/// spaces or control characters, at most 254 characters (RFC 5321's path limit).
fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

async fn create_applicant(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<CreateApplicant>,
) -> Result<Response, ApiError> {
    let key = caller.require(Scope::ApplicantsWrite)?;
    let mut errors = Vec::new();
    let external = body.external_user_id.trim().to_string();
    if external.is_empty()
        || external.chars().count() > 128
        || external.chars().any(char::is_control)
    {
        errors.push(field_error(
            "external_user_id",
            "must be 1 to 128 characters, without control characters",
        ));
    }
    let email = body.email.trim().to_string();
    if !valid_email(&email) {
        errors.push(field_error(
            "email",
            "must be an e-mail address like name@example.com",
        ));
    }
    let lang = match body.language.as_deref() {
        None => Some(Lang::En),
        Some(tag) => Lang::negotiate(tag),
    };
    let Some(lang) = lang else {
        errors.push(field_error(
            "language",
            &format!(
                "must be one of {}",
                Lang::ALL
                    .iter()
                    .map(|l| l.tag())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        return Err(
            ApiError::new("validation_failed", "some fields are invalid")
                .with_details(json!(errors)),
        );
    };
    if !errors.is_empty() {
        return Err(
            ApiError::new("validation_failed", "some fields are invalid")
                .with_details(json!(errors)),
        );
    }
    let new = NewApplicant {
        external_user_id: external,
        email,
        language: lang.tag().to_string(),
    };
    // The created event is written in the same transaction as the applicant.
    let applicant = state
        .store
        .create_applicant_with(
            key.tenant,
            new,
            |applicant| vec![webhook_event("applicant.created", applicant, json!({}))],
            &caller.actor(),
        )
        .await?;
    tracing::info!(applicant = %applicant.id, "applicant created");
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": applicant.id.to_string(),
            "level": applicant.level.as_str(),
            "status": applicant.status.as_str(),
        })),
    )
        .into_response())
}

#[derive(Deserialize)]
struct ListQuery {
    after: Option<String>,
    limit: Option<u32>,
}

async fn list_applicants(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let key = caller.require(Scope::ApplicantsRead)?;
    let Query(query) = query.map_err(|rejection| {
        ApiError::new(
            "invalid_request",
            format!(
                "query: {} (expected after=APPLICANT_ID and limit=1..200)",
                rejection.body_text()
            ),
        )
    })?;
    let after = match query.after.as_deref() {
        Some(text) => Some(
            text.parse::<ApplicantId>()
                .map_err(|_| ApiError::new("invalid_request", "`after` must be an applicant id"))?,
        ),
        None => None,
    };
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let applicants = state
        .store
        .list_applicants(key.tenant, after, limit)
        .await?;
    let next = (applicants.len() == limit as usize)
        .then(|| applicants.last().map(|a| a.id.to_string()))
        .flatten();
    let items: Vec<Value> = applicants
        .iter()
        .map(|a| applicant_view(a, None, true))
        .collect();
    Ok(Json(json!({ "items": items, "next_after": next })))
}

async fn get_applicant(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    caller.require_for(Scope::ApplicantsRead, id)?;
    let applicant = state.store.get_applicant(caller.tenant(), id).await?;
    let decision = state.store.latest_decision(id).await?;
    let backend = matches!(caller, Caller::Backend(_));
    Ok(Json(applicant_view(&applicant, decision.as_ref(), backend)))
}

async fn put_level1(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    caller.require_for(Scope::ApplicantsWrite, id)?;
    let applicant = state.store.get_applicant(caller.tenant(), id).await?;
    require_accepting(&applicant.status, |status| {
        format!("level 1 data cannot change while the applicant is {status}")
    })?;
    let level1 = kyc_engine::parse_level1(&body).map_err(|errors| {
        ApiError::new("validation_failed", "some fields are invalid").with_details(json!(errors))
    })?;
    let today = OffsetDateTime::now_utc().date();
    let findings = kyc_engine::check_level1(&level1, &state.policy, today);
    let decision = decide(&findings, &state.policy);
    let accepted = decision.outcome.is_none();
    let level = if accepted {
        applicant.level.max(Level::Primary)
    } else {
        applicant.level
    };
    let applicant = state
        .store
        .save_level1(
            caller.tenant(),
            id,
            &level1.to_json(),
            level,
            &caller.actor(),
        )
        .await?;
    let lang = lang_of(&applicant);
    Ok(Json(json!({
        "status": applicant.status.as_str(),
        "level": applicant.level.as_str(),
        "accepted": accepted,
        "findings": findings.iter().map(|f| finding_view(f, lang)).collect::<Vec<_>>(),
    })))
}

async fn upload_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    caller.require_for(Scope::ApplicantsWrite, id)?;
    let mut multipart = multipart.map_err(|rejection| {
        ApiError::new(
            "invalid_request",
            format!(
                "expected a multipart/form-data body with `file` and `role`: {}",
                rejection.body_text()
            ),
        )
    })?;
    let applicant = state.store.get_applicant(caller.tenant(), id).await?;
    require_accepting(&applicant.status, |status| {
        format!("files cannot be uploaded while the applicant is {status}")
    })?;
    let cap = usize::try_from(state.policy.upload.max_file_bytes)
        .unwrap_or(usize::MAX - 1)
        .saturating_add(1);
    let mut role: Option<DocumentRole> = None;
    let mut file: Option<(Vec<u8>, String)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err(multipart_error(err)),
        };
        match field.name() {
            Some("role") => {
                let text = field.text().await.map_err(multipart_error)?;
                role = Some(text.trim().parse().map_err(|_| {
                    ApiError::new("validation_failed", "role is invalid").with_details(json!([
                        field_error("role", "must be document_front, document_back or selfie")
                    ]))
                })?);
            }
            Some("file") => {
                let content_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .chars()
                    .take(100)
                    .collect::<String>();
                let mut field = field;
                let mut bytes = Vec::new();
                // Read at most one byte past the limit: enough to know the file is too large.
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    let room = cap.saturating_sub(bytes.len());
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    if bytes.len() >= cap {
                        break;
                    }
                }
                file = Some((bytes, content_type));
            }
            _ => {}
        }
        if role.is_some() && file.is_some() {
            break;
        }
    }
    let (Some(role), Some((bytes, content_type))) = (role, file) else {
        return Err(ApiError::new(
            "invalid_request",
            "send a multipart/form-data body with a `role` field and a `file` field",
        ));
    };
    let policy = state.policy.clone();
    let gate_bytes = bytes.clone();
    let verdict =
        tokio::task::spawn_blocking(move || kyc_engine::upload_gate(role, &gate_bytes, &policy))
            .await
            .map_err(|_| ApiError::internal())?;
    let lang = lang_of(&applicant);
    match verdict {
        Err(refusal) => {
            tracing::info!(applicant = %id, role = role.as_str(), code = refusal.code.as_str(), "file refused");
            let reasons = vec![finding_view(&refusal, lang)];
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({
                    "error": {"code": "file_refused", "message": "the file was refused; see reasons"},
                    "reasons": reasons,
                })),
            )
                .into_response())
        }
        Ok(findings) => {
            let findings_json = json!(findings);
            let record = state
                .store
                .add_document(
                    caller.tenant(),
                    id,
                    role,
                    &bytes,
                    &content_type,
                    &findings_json,
                    &caller.actor(),
                )
                .await?;
            Ok((
                StatusCode::CREATED,
                Json(json!({
                    "id": record.id.to_string(),
                    "role": role.as_str(),
                    "attempt": record.attempt,
                    "findings": findings.iter().map(|f| finding_view(f, lang)).collect::<Vec<_>>(),
                })),
            )
                .into_response())
        }
    }
}

/// Refuses a change to an applicant that accepts none now (verification under way or
/// decided), with `refusal` given the status's name.
fn require_accepting(
    status: &ApplicantStatus,
    refusal: impl FnOnce(&str) -> String,
) -> Result<(), ApiError> {
    if status.accepts_submission() {
        return Ok(());
    }
    Err(ApiError::new("invalid_state", refusal(status.as_str())))
}

fn multipart_error(err: axum::extract::multipart::MultipartError) -> ApiError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            "payload_too_large",
            "the upload is far larger than the policy allows",
        )
    } else {
        ApiError::new(
            "invalid_request",
            format!("unreadable multipart body: {}", err.body_text()),
        )
    }
}

async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    caller.require_for(Scope::ApplicantsWrite, id)?;
    let applicant = state.store.get_applicant(caller.tenant(), id).await?;
    require_accepting(&applicant.status, |status| {
        format!("the applicant is {status} and cannot submit now")
    })?;
    if state.store.load_level1(id).await?.is_none() {
        return Err(ApiError::new(
            "invalid_state",
            "give level 1 data (PUT /v1/applicants/{id}/level1) before submitting",
        ));
    }
    let documents = state
        .store
        .current_documents(id, applicant.attempt + 1)
        .await?;
    let missing: Vec<&str> = [DocumentRole::DocumentFront, DocumentRole::Selfie]
        .into_iter()
        .filter(|role| !documents.iter().any(|d| d.role == *role))
        .map(DocumentRole::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::new(
            "invalid_state",
            format!(
                "upload these files before submitting: {}",
                missing.join(", ")
            ),
        )
        .with_details(json!({ "missing": missing })));
    }
    let job = NewJob {
        kind: crate::worker::VERIFY_JOB.to_string(),
        payload: json!({
            "tenant": caller.tenant().to_string(),
            "applicant": id.to_string(),
            "attempt": applicant.attempt + 1,
        }),
        max_attempts: state.config.job_max_attempts,
    };
    let mut preview = applicant.clone();
    preview.status = ApplicantStatus::Submitted;
    preview.attempt += 1;
    let event = webhook_event("applicant.submitted", &preview, json!({}));
    let applicant = state
        .store
        .submit(caller.tenant(), id, job, &[event], &caller.actor())
        .await?;
    tracing::info!(applicant = %id, attempt = applicant.attempt, "submitted");
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({
            "id": id.to_string(),
            "status": applicant.status.as_str(),
            "attempt": applicant.attempt,
        })),
    )
        .into_response())
}

async fn permissions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    caller.require_for(Scope::ApplicantsRead, id)?;
    let applicant = state.store.get_applicant(caller.tenant(), id).await?;
    let rules = &state.policy.permissions;
    let granted = rules.of(applicant.level);
    Ok(Json(json!({
        "applicant_id": id.to_string(),
        "level": applicant.level.as_str(),
        "status": applicant.status.as_str(),
        "can_deposit": granted.can_deposit,
        "can_trade": granted.can_trade,
        "can_withdraw": granted.can_withdraw,
        "withdrawal_limit_24h": granted.withdrawal_limit_24h,
        "currency": rules.currency,
    })))
}

const EVENT_KINDS: [&str; 4] = ["deposit", "withdrawal", "profile_change", "login"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEvent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    data: Value,
}

async fn add_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NewEvent>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let key = caller.require(Scope::ApplicantsWrite)?;
    if !EVENT_KINDS.contains(&body.kind.as_str()) {
        return Err(
            ApiError::new("validation_failed", "unknown event type").with_details(json!([
                field_error(
                    "type",
                    &format!("must be one of {}", EVENT_KINDS.join(", "))
                )
            ])),
        );
    }
    if !(body.data.is_object() || body.data.is_null()) {
        return Err(ApiError::new("validation_failed", "data must be an object")
            .with_details(json!([field_error("data", "must be a JSON object")])));
    }
    state.store.get_applicant(key.tenant, id).await?;
    let event = state
        .store
        .add_event(key.tenant, id, &body.kind, &body.data)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": event.id.to_string(),
            "type": event.kind,
            "created_at": timestamp(event.created_at),
        })),
    )
        .into_response())
}

async fn list_events(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    let key = caller.require(Scope::ApplicantsRead)?;
    state.store.get_applicant(key.tenant, id).await?;
    let events = state.store.events(id).await?;
    let items: Vec<Value> = events
        .iter()
        .map(|e| json!({"id": e.id.to_string(), "type": e.kind, "data": e.data, "created_at": timestamp(e.created_at)}))
        .collect();
    Ok(Json(json!({ "items": items })))
}

async fn access_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let key = caller.require(Scope::ApplicantsWrite)?;
    state.store.get_applicant(key.tenant, id).await?;
    let expires = OffsetDateTime::now_utc() + state.config.access_token_ttl;
    let token = state.tokens.issue(key.tenant, id, expires.unix_timestamp());
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": token, "expires_at": timestamp(expires) })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewWebhook {
    url: String,
    secret: String,
}

async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewWebhook>,
) -> Result<Response, ApiError> {
    let key = caller.require(Scope::Webhooks)?;
    let mut errors = Vec::new();
    let url = body.url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(field_error(
            "url",
            "must be an http:// or https:// URL of at most 2000 characters",
        ));
    }
    if body.secret.len() < 16 || body.secret.len() > 256 {
        errors.push(field_error("secret", "must be 16 to 256 characters"));
    }
    if !errors.is_empty() {
        return Err(
            ApiError::new("validation_failed", "some fields are invalid")
                .with_details(json!(errors)),
        );
    }
    let endpoint = state
        .store
        .create_webhook(key.tenant, url, &body.secret)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": endpoint.id.to_string(),
            "url": endpoint.url,
            "events": ["applicant.created", "applicant.submitted", "applicant.reviewed"],
            "created_at": timestamp(endpoint.created_at),
        })),
    )
        .into_response())
}

async fn list_webhooks(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let key = caller.require(Scope::Webhooks)?;
    let endpoints = state.store.list_webhooks(key.tenant).await?;
    let items: Vec<Value> = endpoints
        .iter()
        .map(|e| json!({"id": e.id.to_string(), "url": e.url, "created_at": timestamp(e.created_at)}))
        .collect();
    Ok(Json(json!({ "items": items })))
}

async fn webhook_deliveries(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let key = caller.require(Scope::Webhooks)?;
    let id: WebhookId = id.parse().map_err(|_| ApiError::not_found("webhook"))?;
    let log = match state.store.deliveries(key.tenant, id).await {
        Err(StoreError::NotFound) => return Err(ApiError::not_found("webhook")),
        other => other?,
    };
    let items: Vec<Value> = log
        .iter()
        .map(|d| {
            json!({
                "event_id": d.event_id.to_string(),
                "attempt": d.attempt,
                "at": timestamp(d.at),
                "status_code": d.status_code,
                "error": d.error,
                "delivered": d.delivered,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// How long an idle loop sleeps; shared by the workers.
pub fn idle(state: &AppState) -> Duration {
    state.config.poll
}

#[cfg(test)]
mod tests {
    use super::valid_email;

    #[test]
    fn email_addresses() {
        for good in ["a@b.co", "anna.eriksson+kyc@example.com"] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a b@c.co", "a@b.co.", "a@@b.co",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }
}
