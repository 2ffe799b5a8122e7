//! The applicant's standing: verification level, status of the current attempt, and the roles
//! an uploaded file can play. Shared by the engine, the store and the server so that the words
//! on the wire, in the database and in the code are the same.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How far an applicant is verified. Permissions (deposit, trade, withdraw) follow the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing accepted yet.
    Unverified,
    /// Level 1: primary data (name, birth date, nationality, residence, address, document
    /// type and number) given and accepted.
    Primary,
    /// Level 2: document and selfie verified and approved.
    Advanced,
}

/// Where an applicant's verification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantStatus {
    /// Created; level 1 data and documents may be given; nothing submitted yet.
    Draft,
    /// Submitted; a verification job is queued.
    Submitted,
    /// A worker is running the checks.
    Processing,
    Approved,
    /// The applicant may fix what the reasons say and submit again (a new attempt).
    ResubmissionRequested,
    Rejected,
    /// A compliance officer must look (including every platform error).
    InReview,
}

/// What an uploaded file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentRole {
    DocumentFront,
    DocumentBack,
    Selfie,
}

macro_rules! string_forms {
    ($ty:ident, $what:literal, $($variant:ident = $text:literal),+ $(,)?) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($ty::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.chars().take(40).collect() }),
                }
            }
        }
    };
}

string_forms!(
    Level,
    "level",
    Unverified = "unverified",
    Primary = "primary",
    Advanced = "advanced"
);
string_forms!(
    ApplicantStatus,
    "status",
    Draft = "draft",
    Submitted = "submitted",
    Processing = "processing",
    Approved = "approved",
    ResubmissionRequested = "resubmission_requested",
    Rejected = "rejected",
    InReview = "in_review",
);
string_forms!(
    DocumentRole,
    "role",
    DocumentFront = "document_front",
    DocumentBack = "document_back",
    Selfie = "selfie",
);

/// A string that is not one of a type's known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

impl ApplicantStatus {
    /// May level 1 data and documents be changed, and may the applicant submit?
    pub fn accepts_submission(self) -> bool {
        matches!(
            self,
            ApplicantStatus::Draft | ApplicantStatus::ResubmissionRequested
        )
    }

    /// The status a decision leads to.
    pub fn of_decision(status: crate::DecisionStatus) -> ApplicantStatus {
        match status {
            crate::DecisionStatus::Approved => ApplicantStatus::Approved,
            crate::DecisionStatus::InReview => ApplicantStatus::InReview,
            crate::DecisionStatus::ResubmissionRequested => ApplicantStatus::ResubmissionRequested,
            crate::DecisionStatus::Rejected => ApplicantStatus::Rejected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_forms_round_trip_and_match_serde() {
        for status in ApplicantStatus::ALL {
            assert_eq!(status.as_str().parse::<ApplicantStatus>(), Ok(*status));
            let json = serde_json::to_string(status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        for role in DocumentRole::ALL {
            assert_eq!(role.as_str().parse::<DocumentRole>(), Ok(*role));
        }
        for level in Level::ALL {
            assert_eq!(level.as_str().parse::<Level>(), Ok(*level));
        }
        assert!("passport_photo".parse::<DocumentRole>().is_err());
    }

    #[test]
    fn only_draft_and_resubmission_accept_a_submission() {
        let open: Vec<_> = ApplicantStatus::ALL
            .iter()
            .filter(|s| s.accepts_submission())
            .collect();
        assert_eq!(
            open,
            [
                &ApplicantStatus::Draft,
                &ApplicantStatus::ResubmissionRequested
            ]
        );
    }
}
