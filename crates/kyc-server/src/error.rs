//! Every error the API answers with, in one table: a stable code, the HTTP status and what it
//! means. The body is always `{"error": {"code", "message", "details"?}}`. Client mistakes get a
//! 4xx with a message that says what to fix; only kycd's own failures are 5xx, and their message
//! carries no internal detail (the log has it, under the request's id).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One row of the error table.
pub struct ErrorSpec {
    pub code: &'static str,
    pub status: u16,
    pub meaning: &'static str,
}

pub const ERRORS: &[ErrorSpec] = &[
    ErrorSpec {
        code: "unauthenticated",
        status: 401,
        meaning: "No `Authorization: Bearer` credential, or one kycd does not know (revoked, expired, malformed).",
    },
    ErrorSpec {
        code: "forbidden",
        status: 403,
        meaning: "The credential is valid but lacks the scope, or an applicant token is used for another applicant.",
    },
    ErrorSpec {
        code: "not_found",
        status: 404,
        meaning: "No such applicant, webhook or route for this tenant.",
    },
    ErrorSpec {
        code: "invalid_request",
        status: 400,
        meaning: "The body is not the JSON (or multipart form) the endpoint expects; `details` says where.",
    },
    ErrorSpec {
        code: "validation_failed",
        status: 422,
        meaning: "The body parsed but some fields are invalid; `details` lists each field and what is wrong.",
    },
    ErrorSpec {
        code: "file_refused",
        status: 422,
        meaning: "An uploaded file was refused by the upload gate; `reasons` say why and what to do.",
    },
    ErrorSpec {
        code: "conflict",
        status: 409,
        meaning: "The request conflicts with what exists (an external_user_id already used in this tenant).",
    },
    ErrorSpec {
        code: "invalid_state",
        status: 409,
        meaning: "The applicant's status does not allow this now (e.g. submitting while a verification runs).",
    },
    ErrorSpec {
        code: "idempotency_key_reused",
        status: 422,
        meaning: "This Idempotency-Key was used before with a different request.",
    },
    ErrorSpec {
        code: "idempotency_in_progress",
        status: 409,
        meaning: "A request with this Idempotency-Key is still being processed; retry later.",
    },
    ErrorSpec {
        code: "payload_too_large",
        status: 413,
        meaning: "The request body is larger than the policy's upload limit allows.",
    },
    ErrorSpec {
        code: "internal",
        status: 500,
        meaning: "kycd failed; nothing was changed unless the response says so. Safe to retry with the same Idempotency-Key.",
    },
    ErrorSpec {
        code: "unavailable",
        status: 503,
        meaning: "A dependency (the database) is unavailable; retry later.",
    },
];

/// An API error: a code of [`ERRORS`], a message and optional details.
#[derive(Debug)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub details: Option<Value>,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> ApiError {
        debug_assert!(ERRORS.iter().any(|e| e.code == code), "{code}");
        ApiError {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: Value) -> ApiError {
        self.details = Some(details);
        self
    }

    pub fn status(&self) -> StatusCode {
        ERRORS
            .iter()
            .find(|e| e.code == self.code)
            .and_then(|e| StatusCode::from_u16(e.status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            "unauthenticated",
            "send `Authorization: Bearer <API key or applicant access token>`",
        )
    }

    pub fn forbidden(what: &str) -> ApiError {
        ApiError::new("forbidden", format!("this credential may not {what}"))
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::new("not_found", format!("no such {what}"))
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            "internal",
            "kycd failed to handle this request; it has been logged",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(details) = self.details {
            error["details"] = details;
        }
        (status, Json(json!({ "error": error }))).into_response()
    }
}

impl From<kyc_store::StoreError> for ApiError {
    fn from(err: kyc_store::StoreError) -> ApiError {
        use kyc_store::StoreError;
        match err {
            StoreError::NotFound => ApiError::not_found("applicant"),
            StoreError::Conflict(message) => ApiError::new("conflict", message),
            StoreError::InvalidState(message) => ApiError::new("invalid_state", message),
            other => {
                tracing::error!(error = %other, "storage error");
                if matches!(other, StoreError::Database(_)) {
                    ApiError::new("unavailable", "the database is unavailable; retry later")
                } else {
                    ApiError::internal()
                }
            }
        }
    }
}

/// The error table as Markdown (for docs/api.md).
pub fn markdown() -> String {
    let mut out = String::from("| code | HTTP status | meaning |\n|---|---|---|\n");
    for e in ERRORS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code, e.status, e.meaning
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_statuses_valid() {
        let mut codes: Vec<_> = ERRORS.iter().map(|e| e.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ERRORS.len());
        for e in ERRORS {
            assert!(StatusCode::from_u16(e.status).is_ok());
            assert!(
                e.status < 500 || matches!(e.code, "internal" | "unavailable"),
                "{} is a client error and must not be 5xx",
                e.code
            );
        }
        assert_eq!(
            ApiError::new("conflict", "x").status(),
            StatusCode::CONFLICT
        );
    }

    #[test]
    fn docs_api_md_lists_the_error_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md");
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            doc.contains(&markdown()),
            "docs/api.md's error table differs from crates/kyc-server/src/error.rs"
        );
    }
}
