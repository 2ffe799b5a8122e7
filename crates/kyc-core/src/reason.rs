//! Reason codes, their groups, and the ordered outcomes they force.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The least a reason forces on a decision. Ordered: `Review < Resubmit < Reject`, and the worst
/// outcome among a decision's reasons wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A person looks at it; the applicant waits.
    Review,
    /// The applicant is asked to send something again (a new photo, another document, corrected data).
    Resubmit,
    /// The application is declined.
    Reject,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Review => "review",
            Outcome::Resubmit => "resubmit",
            Outcome::Reject => "reject",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What part of a verification a reason belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Upload,
    ImageQuality,
    CaptureIntegrity,
    Document,
    DataConsistency,
    Duplicate,
    Biometrics,
    Screening,
    Activity,
    Policy,
    System,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Upload => "upload",
            Group::ImageQuality => "image_quality",
            Group::CaptureIntegrity => "capture_integrity",
            Group::Document => "document",
            Group::DataConsistency => "data_consistency",
            Group::Duplicate => "duplicate",
            Group::Biometrics => "biometrics",
            Group::Screening => "screening",
            Group::Activity => "activity",
            Group::Policy => "policy",
            Group::System => "system",
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! reason_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)+) => {
        /// A reason kycd gives for a decision. The string form (`IMAGE_BLURRY`) is part of the
        /// public API and never changes once shipped.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ReasonCode {
            $($(#[$doc])* $variant,)+
        }

        impl ReasonCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ReasonCode] = &[$(ReasonCode::$variant,)+];

            /// The stable SCREAMING_SNAKE code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ReasonCode::$variant => $code,)+
                }
            }
        }

        impl FromStr for ReasonCode {
            type Err = UnknownReasonCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(ReasonCode::$variant),)+
                    _ => Err(UnknownReasonCode(s.to_string())),
                }
            }
        }
    };
}

reason_codes! {
    /// The file is not a JPEG or PNG image (judged by content).
    FileFormatUnsupported = "FILE_FORMAT_UNSUPPORTED",
    /// The file is larger than the policy allows.
    FileTooLarge = "FILE_TOO_LARGE",
    /// The file is corrupt, truncated, or has absurd dimensions.
    FileUnreadable = "FILE_UNREADABLE",
    /// The photo is out of focus or shaken.
    ImageBlurry = "IMAGE_BLURRY",
    /// Glare or reflections hide part of the document.
    ImageGlare = "IMAGE_GLARE",
    /// The photo is too dark or has heavy shadows.
    ImageTooDark = "IMAGE_TOO_DARK",
    /// The document covers too few pixels to be read.
    ImageLowResolution = "IMAGE_LOW_RESOLUTION",
    /// Part of the document is outside the frame.
    DocumentCutOff = "DOCUMENT_CUT_OFF",
    /// No identity document was found in the image.
    DocumentNotFound = "DOCUMENT_NOT_FOUND",
    /// The document type is not accepted for this country.
    DocumentTypeUnsupported = "DOCUMENT_TYPE_UNSUPPORTED",
    /// Name, number or dates could not be read from the document.
    DocumentDataIncomplete = "DOCUMENT_DATA_INCOMPLETE",
    /// The portrait on the document cannot be seen.
    PortraitNotVisible = "PORTRAIT_NOT_VISIBLE",
    /// The document already verified the maximum number of accounts.
    DocumentAccountLimit = "DOCUMENT_ACCOUNT_LIMIT",
    /// The document has expired.
    DocumentExpired = "DOCUMENT_EXPIRED",
    /// A screenshot was sent instead of a photo of the original.
    Screenshot = "SCREENSHOT",
    /// A photocopy or printout was sent instead of the original.
    Photocopy = "PHOTOCOPY",
    /// A photo of a screen showing the document was sent.
    ScreenRecapture = "SCREEN_RECAPTURE",
    /// The document is damaged (torn, folded, worn).
    DocumentDamaged = "DOCUMENT_DAMAGED",
    /// Level 1 (primary) data and the level 2 document disagree.
    LevelDataMismatch = "LEVEL_DATA_MISMATCH",
    /// The declared name differs from the document.
    DataMismatchName = "DATA_MISMATCH_NAME",
    /// The declared birth date differs from the document.
    DataMismatchBirthDate = "DATA_MISMATCH_BIRTH_DATE",
    /// The declared address differs from the document.
    DataMismatchAddress = "DATA_MISMATCH_ADDRESS",
    /// The declared nationality differs from the document.
    DataMismatchNationality = "DATA_MISMATCH_NATIONALITY",
    /// The declared document number differs from the document.
    DataMismatchDocumentNumber = "DATA_MISMATCH_DOCUMENT_NUMBER",
    /// Account activity was flagged by monitoring rules. Never explained to the applicant.
    SuspiciousActivity = "SUSPICIOUS_ACTIVITY",
    /// kycd itself failed. Never a rejection: retried, then sent to review.
    SystemError = "SYSTEM_ERROR",
    /// Check digits of the MRZ or barcode fail: tampering or a misread.
    DocumentIntegrity = "DOCUMENT_INTEGRITY",
    /// The document contradicts itself (MRZ vs printed zone vs barcode, front vs back).
    DocumentInconsistent = "DOCUMENT_INCONSISTENT",
    /// The back side is needed but was not sent.
    DocumentSideMissing = "DOCUMENT_SIDE_MISSING",
    /// The selfie is missing or unusable.
    SelfieUnusable = "SELFIE_UNUSABLE",
    /// The selfie does not match the document portrait.
    FaceMismatch = "FACE_MISMATCH",
    /// The liveness check failed.
    LivenessFailed = "LIVENESS_FAILED",
    /// The same face appears on other accounts. Not explained to the applicant.
    DuplicateFace = "DUPLICATE_FACE",
    /// The applicant is under the minimum age.
    Underage = "UNDERAGE",
    /// The country of residence or nationality is not served.
    JurisdictionNotSupported = "JURISDICTION_NOT_SUPPORTED",
    /// A sanctions-list match. Never explained to the applicant.
    WatchlistMatch = "WATCHLIST_MATCH",
    /// A politically-exposed-person match. Never explained to the applicant.
    PepMatch = "PEP_MATCH",
    /// Too many failed attempts.
    TooManyAttempts = "TOO_MANY_ATTEMPTS",
    /// The document is not yet valid (issue date in the future).
    DocumentNotYetValid = "DOCUMENT_NOT_YET_VALID",
    /// A required file (document side or selfie) was not uploaded at all.
    DocumentMissing = "DOCUMENT_MISSING",
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string is not one of the catalogue's codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason code {0:?}")]
pub struct UnknownReasonCode(pub String);

impl Serialize for ReasonCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_ordered() {
        assert!(Outcome::Review < Outcome::Resubmit);
        assert!(Outcome::Resubmit < Outcome::Reject);
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ReasonCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(code.as_str().parse::<ReasonCode>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(serde_json::from_str::<ReasonCode>(&json).unwrap(), *code);
        }
        assert!("IMAGE_FUZZY".parse::<ReasonCode>().is_err());
    }

    #[test]
    fn the_issue_codes_exist() {
        let required = "FILE_FORMAT_UNSUPPORTED FILE_TOO_LARGE FILE_UNREADABLE IMAGE_BLURRY IMAGE_GLARE \
            IMAGE_TOO_DARK IMAGE_LOW_RESOLUTION DOCUMENT_CUT_OFF DOCUMENT_NOT_FOUND DOCUMENT_TYPE_UNSUPPORTED \
            DOCUMENT_DATA_INCOMPLETE PORTRAIT_NOT_VISIBLE DOCUMENT_ACCOUNT_LIMIT DOCUMENT_EXPIRED SCREENSHOT \
            PHOTOCOPY SCREEN_RECAPTURE DOCUMENT_DAMAGED LEVEL_DATA_MISMATCH DATA_MISMATCH_NAME \
            DATA_MISMATCH_BIRTH_DATE DATA_MISMATCH_ADDRESS DATA_MISMATCH_NATIONALITY \
            DATA_MISMATCH_DOCUMENT_NUMBER SUSPICIOUS_ACTIVITY SYSTEM_ERROR DOCUMENT_INTEGRITY \
            DOCUMENT_INCONSISTENT DOCUMENT_SIDE_MISSING SELFIE_UNUSABLE FACE_MISMATCH LIVENESS_FAILED \
            DUPLICATE_FACE UNDERAGE JURISDICTION_NOT_SUPPORTED WATCHLIST_MATCH PEP_MATCH TOO_MANY_ATTEMPTS";
        for code in required.split_whitespace() {
            assert!(code.parse::<ReasonCode>().is_ok(), "{code} is missing");
        }
    }
}
