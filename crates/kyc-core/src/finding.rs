//! Findings: what a check reports. A check never decides; it states a reason and its evidence.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::reason::ReasonCode;

/// The numbers and facts behind a finding (a blur score and its threshold, a check digit expected
/// and found, a matched list entry...), keyed by name. Values are plain JSON so any check can
/// report what explains it; evidence never holds images, and holds personal data only where the
/// reviewer needs it to judge the finding.
pub type Evidence = BTreeMap<String, serde_json::Value>;

/// One reason raised by one check, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: ReasonCode,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: Evidence,
}

impl Finding {
    /// A finding with no evidence yet.
    pub fn new(code: ReasonCode) -> Self {
        Finding {
            code,
            evidence: Evidence::new(),
        }
    }

    /// Adds one piece of evidence (builder style).
    pub fn with(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.evidence.insert(key.to_string(), value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_code_and_evidence() {
        let finding = Finding::new(ReasonCode::ImageBlurry)
            .with("sharpness", 12.5)
            .with("threshold", 40.0);
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["code"], "IMAGE_BLURRY");
        assert_eq!(json["evidence"]["sharpness"], 12.5);
        let back: Finding = serde_json::from_value(json).unwrap();
        assert_eq!(back, finding);
    }

    #[test]
    fn empty_evidence_is_omitted() {
        let json = serde_json::to_string(&Finding::new(ReasonCode::SystemError)).unwrap();
        assert_eq!(json, r#"{"code":"SYSTEM_ERROR"}"#);
    }
}
