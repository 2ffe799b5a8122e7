//! What the API shows: applicants, decisions and findings as JSON, with the applicant's texts
//! in the applicant's language. Also the notifications (webhook events and e-mails) a state
//! change produces, so the API and the workers describe an applicant the same way.

use kyc_core::{Decision, Finding, Lang, spec};
use kyc_store::{Applicant, DecisionRecord, Notification};
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn timestamp(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// The applicant's language, or English for a tag kycd no longer knows.
pub fn lang_of(applicant: &Applicant) -> Lang {
    Lang::negotiate(&applicant.language).unwrap_or(Lang::En)
}

/// One reason as the applicant reads it.
#[derive(Debug, Serialize)]
pub struct ReasonView {
    /// The reason code; `null` for the neutral text that stands for reasons not explained.
    pub code: Option<String>,
    pub message: String,
    pub remedy: String,
    pub retry: bool,
}

/// A finding of the upload gate or of level 1 checks, with the applicant's text and the
/// evidence.
pub fn finding_view(finding: &Finding, lang: Lang) -> Value {
    let reason = spec(finding.code);
    let text = reason.applicant_text(lang);
    let code = reason
        .explain_to_applicant
        .then(|| finding.code.as_str().to_string());
    json!({
        "code": code,
        "message": text.message,
        "remedy": text.remedy,
        "retry": reason.retry,
        "evidence": if reason.explain_to_applicant { serde_json::to_value(&finding.evidence).unwrap_or(Value::Null) } else { Value::Null },
    })
}

/// The stored form of a decision: the decision with every reason's evidence, and what was read
/// (for reviewers). Encrypted at rest by the store.
pub fn decision_json(decision: &Decision, summary: &Value) -> Value {
    json!({ "decision": decision, "summary": summary })
}

pub fn decision_of(record: &DecisionRecord) -> Option<Decision> {
    serde_json::from_value(record.outcome_json.get("decision")?.clone()).ok()
}

/// `decision` of `GET /v1/applicants/{id}`. Backend callers also get `details`: every reason
/// with its outcome and evidence, including those never explained to the applicant.
pub fn decision_view(record: &DecisionRecord, lang: Lang, backend: bool) -> Value {
    let Some(decision) = decision_of(record) else {
        return json!({
            "status": record.status.as_str(),
            "reasons": [],
            "decided_at": timestamp(record.decided_at),
        });
    };
    let reasons: Vec<ReasonView> = decision
        .applicant_reasons(lang)
        .into_iter()
        .map(|r| ReasonView {
            code: r.code.map(|c| c.as_str().to_string()),
            message: r.message.to_string(),
            remedy: r.remedy.to_string(),
            retry: r.retry,
        })
        .collect();
    let mut view = json!({
        "status": decision.status.as_str(),
        "attempt": record.attempt,
        "retry": decision.retry,
        "reasons": reasons,
        "decided_at": timestamp(record.decided_at),
    });
    if backend {
        view["details"] = json!(decision.reasons);
    }
    view
}

pub fn applicant_view(
    applicant: &Applicant,
    decision: Option<&DecisionRecord>,
    backend: bool,
) -> Value {
    let lang = lang_of(applicant);
    json!({
        "id": applicant.id.to_string(),
        "external_user_id": applicant.external_user_id,
        "email": applicant.email,
        "language": applicant.language,
        "level": applicant.level.as_str(),
        "status": applicant.status.as_str(),
        "attempt": applicant.attempt,
        "decision": decision.map(|d| decision_view(d, lang, backend)),
        "created_at": timestamp(applicant.created_at),
        "updated_at": timestamp(applicant.updated_at),
    })
}

/// A webhook event about `applicant`. The body is what endpoints receive.
pub fn webhook_event(event_type: &str, applicant: &Applicant, extra: Value) -> Notification {
    let event_id = uuid::Uuid::now_v7();
    let created_at = OffsetDateTime::now_utc();
    let mut data = json!({
        "applicant_id": applicant.id.to_string(),
        "external_user_id": applicant.external_user_id,
        "level": applicant.level.as_str(),
        "status": applicant.status.as_str(),
        "attempt": applicant.attempt,
    });
    if let (Value::Object(data), Value::Object(extra)) = (&mut data, extra) {
        data.extend(extra);
    }
    let body = json!({
        "id": event_id.to_string(),
        "type": event_type,
        "created_at": timestamp(created_at),
        "data": data,
    });
    Notification::Webhook {
        event_id,
        event_type: event_type.to_string(),
        created_at,
        body,
    }
}
