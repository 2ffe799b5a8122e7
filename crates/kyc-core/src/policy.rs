//! The policy: placeholder, being written.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Passport,
    IdCard,
    DrivingLicence,
}

#[derive(Debug, Clone, Default)]
pub struct Policy;

#[derive(Debug, thiserror::Error)]
#[error("policy error")]
pub struct PolicyError;
