//! The policy: every threshold and rule an operator may tune, as one typed TOML document with
//! safe defaults.
//!
//! A [`Policy`] is obtained only through [`Policy::from_toml`] or [`Policy::default`], and parsing
//! refuses anything unsafe or meaningless (unknown keys, a reason code that does not exist, a
//! `SYSTEM_ERROR` that would reject, a sanctions match that would be ignored, a threshold out of
//! range), so the rest of kycd can use a policy without validating it again.
//!
//! `kycd policy --print-default` prints [`DEFAULT_POLICY_TOML`], which documents every key.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::reason::{Outcome, ReasonCode};

/// The kinds of identity document kycd knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Passport,
    IdCard,
    DrivingLicence,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Passport,
        DocumentKind::IdCard,
        DocumentKind::DrivingLicence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Passport => "passport",
            DocumentKind::IdCard => "id_card",
            DocumentKind::DrivingLicence => "driving_licence",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The default policy, with a comment on every key. It is the single source of the defaults:
/// [`Policy::default`] parses it.
pub const DEFAULT_POLICY_TOML: &str = include_str!("default_policy.toml");

/// What a policy may say about one reason: a different outcome, or a different retry rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonOverride {
    /// `ignore` records the finding but lets it weigh nothing in the decision.
    pub outcome: Option<OverrideOutcome>,
    pub retry: Option<bool>,
}

/// An outcome a policy may set for a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideOutcome {
    Ignore,
    Review,
    Resubmit,
    Reject,
}

impl OverrideOutcome {
    /// The outcome it forces, or `None` for `ignore`.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            OverrideOutcome::Ignore => None,
            OverrideOutcome::Review => Some(Outcome::Review),
            OverrideOutcome::Resubmit => Some(Outcome::Resubmit),
            OverrideOutcome::Reject => Some(Outcome::Reject),
        }
    }
}

/// Limits applied to every uploaded file before it is decoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRules {
    pub max_file_bytes: u64,
    pub min_file_bytes: u64,
    pub max_pixels: u64,
    pub max_side_px: u32,
}

/// Thresholds of the image-quality and capture-integrity checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageRules {
    pub min_sharpness: f64,
    pub max_glare_fraction: f64,
    pub min_brightness: f64,
    pub max_dark_fraction: f64,
    pub min_document_width_px: u32,
    pub max_cut_off_fraction: f64,
    pub screenshot_score: f64,
    pub photocopy_score: f64,
    pub screen_recapture_score: f64,
}

/// Which documents are accepted, and how they are checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRules {
    /// Accepted everywhere, unless `countries` says otherwise for the issuing country.
    pub accepted: BTreeSet<DocumentKind>,
    /// Per issuing country (alpha-3): the documents accepted from that country.
    #[serde(default)]
    pub countries: BTreeMap<CountryCode, BTreeSet<DocumentKind>>,
    /// Documents whose back side must be uploaded too.
    pub require_back: BTreeSet<DocumentKind>,
    /// A document expiring within this many days counts as expired.
    pub expiry_margin_days: u32,
    /// How many applicants one document (type, country, number) may verify.
    pub reuse_limit: u32,
}

/// Rules about the applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantRules {
    pub minimum_age: u8,
    /// Attempts (first submission plus resubmissions) before TOO_MANY_ATTEMPTS.
    pub attempt_limit: u32,
    /// Countries of residence or nationality that are not served.
    #[serde(default)]
    pub blocked_countries: BTreeSet<CountryCode>,
}

/// What an applicant at one level may do on the exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelPermissions {
    pub can_deposit: bool,
    pub can_trade: bool,
    pub can_withdraw: bool,
    /// Withdrawals allowed in any 24 hours, in `permissions.currency` (whole units).
    pub withdrawal_limit_24h: u64,
}

/// Permissions per verification level, in the policy's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionRules {
    /// The currency limits are counted in (an ISO 4217 code or a token symbol, e.g. "USD").
    pub currency: String,
    pub unverified: LevelPermissions,
    pub primary: LevelPermissions,
    pub advanced: LevelPermissions,
}

impl PermissionRules {
    /// The permissions of `level`.
    pub fn of(&self, level: crate::Level) -> &LevelPermissions {
        match level {
            crate::Level::Unverified => &self.unverified,
            crate::Level::Primary => &self.primary,
            crate::Level::Advanced => &self.advanced,
        }
    }
}

/// The whole policy. Build it with [`Policy::from_toml`] or [`Policy::default`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub upload: UploadRules,
    pub image: ImageRules,
    pub documents: DocumentRules,
    pub applicants: ApplicantRules,
    pub permissions: PermissionRules,
    /// Per-reason overrides of the catalogue's outcome and retry rule.
    #[serde(default)]
    pub reasons: BTreeMap<ReasonCode, ReasonOverride>,
}

/// Why a policy document was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    #[error("the policy is not valid TOML or has an unknown or mistyped key: {0}")]
    Syntax(String),
    #[error("policy key `{key}` = {value} is out of range: {expected}")]
    OutOfRange {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error(
        "[reasons.SYSTEM_ERROR] may only be `review`: a platform error never rejects nor asks the applicant to resubmit"
    )]
    SystemErrorMustBeReviewed,
    #[error("[reasons.{0}] cannot be `ignore`: a screening match always goes to a reviewer")]
    ScreeningCannotBeIgnored(ReasonCode),
    #[error("[documents] accepts no document at all")]
    NothingAccepted,
}

impl Default for Policy {
    fn default() -> Self {
        // DEFAULT_POLICY_TOML is compiled in and a test proves it parses, so this cannot fail;
        // the fallback keeps Default total without a panic path.
        Policy::from_toml(DEFAULT_POLICY_TOML).unwrap_or_else(|_| Policy::builtin())
    }
}

impl Policy {
    /// Parses and checks a policy. A partial document is not merged with the defaults: a
    /// policy file is complete, so what an operator reads is what runs (start from
    /// `kycd policy --print-default`).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy =
            toml::from_str(text).map_err(|err| PolicyError::Syntax(err.message().to_string()))?;
        policy.check()?;
        Ok(policy)
    }

    /// The policy as TOML (without the comments of the default document).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    fn check(&self) -> Result<(), PolicyError> {
        let fraction = |key: &'static str, value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                Err(PolicyError::OutOfRange {
                    key,
                    value: value.to_string(),
                    expected: "a fraction from 0 to 1",
                })
            }
        };
        let positive = |key: &'static str, value: f64| {
            if value.is_finite() && value >= 0.0 {
                Ok(())
            } else {
                Err(PolicyError::OutOfRange {
                    key,
                    value: value.to_string(),
                    expected: "a number of 0 or more",
                })
            }
        };
        let image = &self.image;
        positive("image.min_sharpness", image.min_sharpness)?;
        fraction("image.max_glare_fraction", image.max_glare_fraction)?;
        fraction("image.min_brightness", image.min_brightness)?;
        fraction("image.max_dark_fraction", image.max_dark_fraction)?;
        fraction("image.max_cut_off_fraction", image.max_cut_off_fraction)?;
        fraction("image.screenshot_score", image.screenshot_score)?;
        fraction("image.photocopy_score", image.photocopy_score)?;
        fraction("image.screen_recapture_score", image.screen_recapture_score)?;
        let upload = &self.upload;
        if upload.max_file_bytes == 0 || upload.min_file_bytes >= upload.max_file_bytes {
            return Err(PolicyError::OutOfRange {
                key: "upload.max_file_bytes",
                value: upload.max_file_bytes.to_string(),
                expected: "more than 0 and more than upload.min_file_bytes",
            });
        }
        if upload.max_pixels == 0 || upload.max_side_px == 0 {
            return Err(PolicyError::OutOfRange {
                key: "upload.max_pixels",
                value: upload.max_pixels.to_string(),
                expected: "more than 0 (and upload.max_side_px more than 0)",
            });
        }
        if self.applicants.attempt_limit == 0 {
            return Err(PolicyError::OutOfRange {
                key: "applicants.attempt_limit",
                value: "0".into(),
                expected: "at least 1",
            });
        }
        if self.documents.reuse_limit == 0 {
            return Err(PolicyError::OutOfRange {
                key: "documents.reuse_limit",
                value: "0".into(),
                expected: "at least 1",
            });
        }
        let permissions = &self.permissions;
        if permissions.currency.trim().is_empty() || permissions.currency.len() > 10 {
            return Err(PolicyError::OutOfRange {
                key: "permissions.currency",
                value: format!("{:?}", permissions.currency),
                expected: "a currency code of 1 to 10 characters",
            });
        }
        let levels = [
            &permissions.unverified,
            &permissions.primary,
            &permissions.advanced,
        ];
        if levels
            .windows(2)
            .any(|pair| pair[1].withdrawal_limit_24h < pair[0].withdrawal_limit_24h)
        {
            return Err(PolicyError::OutOfRange {
                key: "permissions.*.withdrawal_limit_24h",
                value: "a lower limit at a higher level".into(),
                expected: "limits that do not shrink from unverified to primary to advanced",
            });
        }
        if self.documents.accepted.is_empty()
            && self.documents.countries.values().all(BTreeSet::is_empty)
        {
            return Err(PolicyError::NothingAccepted);
        }
        for (code, rule) in &self.reasons {
            match (code, rule.outcome) {
                (ReasonCode::SystemError, Some(outcome)) if outcome != OverrideOutcome::Review => {
                    return Err(PolicyError::SystemErrorMustBeReviewed);
                }
                (
                    ReasonCode::WatchlistMatch | ReasonCode::PepMatch,
                    Some(OverrideOutcome::Ignore),
                ) => {
                    return Err(PolicyError::ScreeningCannotBeIgnored(*code));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The outcome a reason forces under this policy (`None` when the policy ignores it).
    pub fn outcome_of(&self, code: ReasonCode) -> Option<Outcome> {
        match self.reasons.get(&code).and_then(|rule| rule.outcome) {
            Some(outcome) => outcome.outcome(),
            None => Some(crate::catalogue::spec(code).outcome),
        }
    }

    /// Whether the applicant may try again after this reason under this policy.
    pub fn retry_of(&self, code: ReasonCode) -> bool {
        self.reasons
            .get(&code)
            .and_then(|rule| rule.retry)
            .unwrap_or(crate::catalogue::spec(code).retry)
    }

    /// Is `kind` issued by `country` accepted?
    pub fn accepts(&self, kind: DocumentKind, country: CountryCode) -> bool {
        match self.documents.countries.get(&country.canonical()) {
            Some(kinds) => kinds.contains(&kind),
            None => self.documents.accepted.contains(&kind),
        }
    }

    /// Is this country (of residence or nationality) served?
    pub fn serves(&self, country: CountryCode) -> bool {
        !self
            .applicants
            .blocked_countries
            .contains(&country.canonical())
    }

    /// A hard-coded copy of the defaults, used only if the embedded document were ever broken
    /// (a test keeps the two equal).
    fn builtin() -> Policy {
        Policy {
            upload: UploadRules {
                max_file_bytes: 5 * 1024 * 1024,
                min_file_bytes: 1024,
                max_pixels: 50_000_000,
                max_side_px: 12_000,
            },
            image: ImageRules {
                min_sharpness: 0.75,
                max_glare_fraction: 0.005,
                min_brightness: 0.45,
                max_dark_fraction: 0.15,
                min_document_width_px: 600,
                max_cut_off_fraction: 0.0,
                screenshot_score: 0.5,
                photocopy_score: 0.5,
                screen_recapture_score: 0.5,
            },
            documents: DocumentRules {
                accepted: DocumentKind::ALL.into_iter().collect(),
                countries: BTreeMap::new(),
                require_back: [DocumentKind::IdCard, DocumentKind::DrivingLicence]
                    .into_iter()
                    .collect(),
                expiry_margin_days: 0,
                reuse_limit: 1,
            },
            applicants: ApplicantRules {
                minimum_age: 18,
                attempt_limit: 10,
                blocked_countries: ["CUB", "IRN", "PRK", "SYR"]
                    .into_iter()
                    .filter_map(CountryCode::from_alpha3)
                    .collect(),
            },
            permissions: PermissionRules {
                currency: "USD".into(),
                unverified: LevelPermissions {
                    can_deposit: false,
                    can_trade: false,
                    can_withdraw: false,
                    withdrawal_limit_24h: 0,
                },
                primary: LevelPermissions {
                    can_deposit: true,
                    can_trade: true,
                    can_withdraw: true,
                    withdrawal_limit_24h: 10_000,
                },
                advanced: LevelPermissions {
                    can_deposit: true,
                    can_trade: true,
                    can_withdraw: true,
                    withdrawal_limit_24h: 2_000_000,
                },
            },
            reasons: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_document_parses_and_matches_builtin() {
        let policy = Policy::from_toml(DEFAULT_POLICY_TOML).expect("default policy parses");
        assert_eq!(policy, Policy::builtin());
    }

    #[test]
    fn round_trips_through_toml() {
        let policy = Policy::default();
        assert_eq!(Policy::from_toml(&policy.to_toml()).unwrap(), policy);
    }

    #[test]
    fn refuses_unknown_keys_and_codes() {
        let text = DEFAULT_POLICY_TOML.replace("minimum_age", "minimum_agee");
        assert!(matches!(
            Policy::from_toml(&text),
            Err(PolicyError::Syntax(_))
        ));
        let text = format!("{DEFAULT_POLICY_TOML}\n[reasons.IMAGE_FUZZY]\noutcome = \"review\"\n");
        let err = Policy::from_toml(&text).unwrap_err();
        assert!(err.to_string().contains("IMAGE_FUZZY"), "{err}");
    }

    #[test]
    fn system_error_cannot_reject_or_be_ignored() {
        for outcome in ["reject", "resubmit", "ignore"] {
            let text =
                format!("{DEFAULT_POLICY_TOML}\n[reasons.SYSTEM_ERROR]\noutcome = \"{outcome}\"\n");
            assert_eq!(
                Policy::from_toml(&text),
                Err(PolicyError::SystemErrorMustBeReviewed)
            );
        }
    }

    #[test]
    fn screening_cannot_be_ignored() {
        let text =
            format!("{DEFAULT_POLICY_TOML}\n[reasons.WATCHLIST_MATCH]\noutcome = \"ignore\"\n");
        assert_eq!(
            Policy::from_toml(&text),
            Err(PolicyError::ScreeningCannotBeIgnored(
                ReasonCode::WatchlistMatch
            ))
        );
    }

    #[test]
    fn refuses_out_of_range_thresholds() {
        let text =
            DEFAULT_POLICY_TOML.replace("max_glare_fraction = 0.005", "max_glare_fraction = 1.5");
        assert!(matches!(
            Policy::from_toml(&text),
            Err(PolicyError::OutOfRange {
                key: "image.max_glare_fraction",
                ..
            })
        ));
        let text = DEFAULT_POLICY_TOML.replace("reuse_limit = 1", "reuse_limit = 0");
        assert!(Policy::from_toml(&text).is_err());
    }

    #[test]
    fn overrides_change_outcome_and_retry() {
        let text = format!(
            "{DEFAULT_POLICY_TOML}\n[reasons.IMAGE_GLARE]\noutcome = \"review\"\nretry = false\n"
        );
        let policy = Policy::from_toml(&text).unwrap();
        assert_eq!(
            policy.outcome_of(ReasonCode::ImageGlare),
            Some(Outcome::Review)
        );
        assert!(!policy.retry_of(ReasonCode::ImageGlare));
        assert_eq!(
            policy.outcome_of(ReasonCode::ImageBlurry),
            Some(Outcome::Resubmit)
        );
    }

    #[test]
    fn per_country_documents() {
        let text = DEFAULT_POLICY_TOML.replace(
            "\n[documents.countries]\n",
            "\n[documents.countries]\nUSA = [\"passport\", \"driving_licence\"]\n",
        );
        let policy = Policy::from_toml(&text).unwrap();
        let usa = CountryCode::from_alpha3("USA").unwrap();
        let fra = CountryCode::from_alpha3("FRA").unwrap();
        assert!(!policy.accepts(DocumentKind::IdCard, usa));
        assert!(policy.accepts(DocumentKind::DrivingLicence, usa));
        assert!(policy.accepts(DocumentKind::IdCard, fra));
    }

    #[test]
    fn blocked_countries_are_not_served() {
        let policy = Policy::default();
        assert!(!policy.serves(CountryCode::from_alpha3("PRK").unwrap()));
        assert!(policy.serves(CountryCode::from_alpha3("FRA").unwrap()));
        assert!(policy.serves(CountryCode::from_alpha3("D").unwrap()));
    }
}
