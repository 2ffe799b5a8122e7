//! The decision function: findings + policy → decision. Pure, total and deterministic.
//!
//! Every finding's reason is looked up in the policy (which falls back to the catalogue) for the
//! outcome it forces and whether the applicant may retry. The worst outcome wins:
//!
//! | worst outcome among the reasons | decision status |
//! |---|---|
//! | none (no findings, or all ignored) | `approved` |
//! | `review` | `in_review` |
//! | `resubmit` | `resubmission_requested` |
//! | `reject` | `rejected` |
//!
//! The decision lists every reason once, worst first, with the evidence of every finding that
//! raised it (a blurry front and a blurry back give one `IMAGE_BLURRY` with two evidence entries),
//! including reasons the policy ignores, so a reviewer sees everything that was found.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Text, spec};
use crate::finding::{Evidence, Finding};
use crate::lang::Lang;
use crate::policy::Policy;
use crate::reason::{Outcome, ReasonCode};

/// Where a verification stands after a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Approved,
    InReview,
    ResubmissionRequested,
    Rejected,
}

impl DecisionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Approved => "approved",
            DecisionStatus::InReview => "in_review",
            DecisionStatus::ResubmissionRequested => "resubmission_requested",
            DecisionStatus::Rejected => "rejected",
        }
    }

    fn from_outcome(worst: Option<Outcome>) -> DecisionStatus {
        match worst {
            None => DecisionStatus::Approved,
            Some(Outcome::Review) => DecisionStatus::InReview,
            Some(Outcome::Resubmit) => DecisionStatus::ResubmissionRequested,
            Some(Outcome::Reject) => DecisionStatus::Rejected,
        }
    }
}

/// One reason of a decision, with the outcome it forced under the policy and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecidedReason {
    pub code: ReasonCode,
    /// `None` when the policy ignores this reason: it is recorded but weighs nothing.
    pub outcome: Option<Outcome>,
    pub retry: bool,
    /// The evidence of each finding that raised this reason, in the order found.
    pub evidence: Vec<Evidence>,
}

/// What the applicant reads for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicantReason {
    /// The reason code, or `None` for the neutral text that stands for reasons not explained.
    pub code: Option<ReasonCode>,
    pub message: &'static str,
    pub remedy: &'static str,
    pub retry: bool,
}

/// The result of [`decide`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub status: DecisionStatus,
    /// The worst outcome among the reasons (`None` when approved).
    pub outcome: Option<Outcome>,
    /// May the applicant try again? True when every reason that forced the worst outcome
    /// allows it; false when approved (there is nothing to retry).
    pub retry: bool,
    /// Every reason found, worst first, then in catalogue order.
    pub reasons: Vec<DecidedReason>,
}

/// Turns the findings of one verification into a decision under `policy`.
pub fn decide(findings: &[Finding], policy: &Policy) -> Decision {
    let mut reasons: Vec<DecidedReason> = Vec::new();
    for finding in findings {
        match reasons
            .iter_mut()
            .find(|reason| reason.code == finding.code)
        {
            Some(reason) => reason.evidence.push(finding.evidence.clone()),
            None => reasons.push(DecidedReason {
                code: finding.code,
                outcome: policy.outcome_of(finding.code),
                retry: policy.retry_of(finding.code),
                evidence: vec![finding.evidence.clone()],
            }),
        }
    }
    reasons.sort_by(|a, b| b.outcome.cmp(&a.outcome).then(a.code.cmp(&b.code)));
    let worst = reasons.iter().filter_map(|reason| reason.outcome).max();
    let retry = worst.is_some()
        && reasons
            .iter()
            .filter(|reason| reason.outcome == worst)
            .all(|reason| reason.retry);
    Decision {
        status: DecisionStatus::from_outcome(worst),
        outcome: worst,
        retry,
        reasons,
    }
}

impl Decision {
    /// What the applicant reads, in `lang`: each explained reason that weighs in the decision,
    /// with its message and remedy; reasons that must not be explained are never named. When
    /// the decision rests only on such reasons, a single neutral "under review" text stands for
    /// them. Empty when approved.
    pub fn applicant_reasons(&self, lang: Lang) -> Vec<ApplicantReason> {
        let weighing = self
            .reasons
            .iter()
            .filter(|reason| reason.outcome.is_some());
        let mut explained: Vec<ApplicantReason> = weighing
            .clone()
            .filter(|reason| spec(reason.code).explain_to_applicant)
            .map(|reason| {
                let text: &Text = spec(reason.code).applicant_text(lang);
                ApplicantReason {
                    code: Some(reason.code),
                    message: text.message,
                    remedy: text.remedy,
                    retry: reason.retry,
                }
            })
            .collect();
        if explained.is_empty() && weighing.clone().next().is_some() {
            let text = crate::catalogue::NEUTRAL_REVIEW.get(lang);
            explained.push(ApplicantReason {
                code: None,
                message: text.message,
                remedy: text.remedy,
                retry: self.retry,
            });
        }
        explained
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn finding(code: ReasonCode) -> Finding {
        Finding::new(code)
    }

    #[test]
    fn no_findings_approves() {
        let decision = decide(&[], &Policy::default());
        assert_eq!(decision.status, DecisionStatus::Approved);
        assert_eq!(decision.outcome, None);
        assert!(decision.reasons.is_empty());
        assert!(decision.applicant_reasons(Lang::En).is_empty());
    }

    #[test]
    fn worst_outcome_wins() {
        let findings = [
            finding(ReasonCode::ImageBlurry),
            finding(ReasonCode::Underage),
            finding(ReasonCode::DocumentIntegrity),
        ];
        let decision = decide(&findings, &Policy::default());
        assert_eq!(decision.status, DecisionStatus::Rejected);
        assert!(!decision.retry);
        let codes: Vec<_> = decision.reasons.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                ReasonCode::Underage,
                ReasonCode::ImageBlurry,
                ReasonCode::DocumentIntegrity
            ]
        );
    }

    #[test]
    fn same_reason_twice_keeps_both_evidence() {
        let findings = [
            finding(ReasonCode::ImageBlurry).with("side", "front"),
            finding(ReasonCode::ImageBlurry).with("side", "back"),
        ];
        let decision = decide(&findings, &Policy::default());
        assert_eq!(decision.status, DecisionStatus::ResubmissionRequested);
        assert!(decision.retry);
        assert_eq!(decision.reasons.len(), 1);
        assert_eq!(decision.reasons[0].evidence.len(), 2);
        assert_eq!(decision.reasons[0].evidence[1]["side"], "back");
    }

    #[test]
    fn system_error_goes_to_review() {
        let decision = decide(&[finding(ReasonCode::SystemError)], &Policy::default());
        assert_eq!(decision.status, DecisionStatus::InReview);
    }

    #[test]
    fn ignored_reasons_are_recorded_but_weigh_nothing() {
        let text = format!(
            "{}\n[reasons.LIVENESS_FAILED]\noutcome = \"ignore\"\n",
            crate::policy::DEFAULT_POLICY_TOML
        );
        let policy = Policy::from_toml(&text).unwrap();
        let decision = decide(&[finding(ReasonCode::LivenessFailed)], &policy);
        assert_eq!(decision.status, DecisionStatus::Approved);
        assert_eq!(decision.reasons.len(), 1);
        assert_eq!(decision.reasons[0].outcome, None);
        assert!(decision.applicant_reasons(Lang::En).is_empty());
    }

    #[test]
    fn hidden_reasons_are_never_named_to_the_applicant() {
        let decision = decide(
            &[finding(ReasonCode::WatchlistMatch).with("list", "OFAC SDN")],
            &Policy::default(),
        );
        assert_eq!(decision.status, DecisionStatus::InReview);
        let shown = decision.applicant_reasons(Lang::Fr);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].code, None);
        assert_eq!(
            shown[0].message,
            crate::catalogue::NEUTRAL_REVIEW.fr.message
        );

        // Beside an explained reason, the hidden one disappears entirely.
        let decision = decide(
            &[
                finding(ReasonCode::PepMatch),
                finding(ReasonCode::ImageGlare),
            ],
            &Policy::default(),
        );
        let shown = decision.applicant_reasons(Lang::En);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].code, Some(ReasonCode::ImageGlare));
    }

    proptest! {
        #[test]
        fn status_follows_the_worst_outcome(indices in proptest::collection::vec(0..ReasonCode::ALL.len(), 0..12)) {
            let policy = Policy::default();
            let findings: Vec<Finding> = indices.iter().map(|&i| finding(ReasonCode::ALL[i])).collect();
            let decision = decide(&findings, &policy);
            let worst = findings.iter().filter_map(|f| policy.outcome_of(f.code)).max();
            prop_assert_eq!(decision.outcome, worst);
            prop_assert_eq!(decision.status, DecisionStatus::from_outcome(worst));
            // Every distinct code appears exactly once, worst first.
            let mut codes: Vec<_> = findings.iter().map(|f| f.code).collect();
            codes.sort();
            codes.dedup();
            prop_assert_eq!(decision.reasons.len(), codes.len());
            for pair in decision.reasons.windows(2) {
                prop_assert!(pair[0].outcome >= pair[1].outcome);
            }
            // A SYSTEM_ERROR alone never rejects.
            if findings.iter().all(|f| f.code == ReasonCode::SystemError) && !findings.is_empty() {
                prop_assert_eq!(decision.status, DecisionStatus::InReview);
            }
            // Never name a hidden reason to the applicant.
            for shown in decision.applicant_reasons(Lang::En) {
                if let Some(code) = shown.code {
                    prop_assert!(spec(code).explain_to_applicant);
                }
            }
        }
    }
}
