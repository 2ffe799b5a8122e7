//! # kyc-core — the vocabulary of kycd
//!
//! Everything else in kycd speaks in the terms defined here, and this crate does no I/O and keeps
//! no global state: it is plain data plus pure functions.
//!
//! * [`Lang`] — the languages applicant texts are written in.
//! * [`ReasonCode`] — every reason kycd can give for a decision, and [`catalogue`] — the one table
//!   that says, per reason, its group, the least outcome it forces, whether the applicant may try
//!   again, whether it may be explained to the applicant, a note for the reviewer and the
//!   applicant's message and remedy in every supported language. Nothing else in kycd invents
//!   reason text: the API, e-mails, pages and `docs/reasons.md` all read this table.
//! * [`Finding`] — what a check reports: a reason code plus the evidence behind it (numbers,
//!   thresholds, positions). A check never decides.
//! * [`Policy`] — a typed TOML document with safe defaults: thresholds, accepted documents per
//!   country, minimum age, reuse and attempt limits, per-reason outcome overrides.
//! * [`decide`] — the one pure function that turns findings and a policy into a [`Decision`]:
//!   the worst outcome wins and every reason is listed with its evidence.
//!
//! The design rule that shapes the crate: *parse, don't validate*. A [`Policy`] that parsed is a
//! policy that is safe to use (for example it cannot make `SYSTEM_ERROR` reject anyone), a
//! [`ReasonCode`] is one of the catalogue's codes, a [`Lang`] is one of the supported languages.

pub mod applicant;
pub mod catalogue;
pub mod country;
pub mod decision;
pub mod finding;
pub mod lang;
pub mod policy;
pub mod reason;

pub use applicant::{ApplicantStatus, DocumentRole, Level};
pub use catalogue::{ReasonSpec, Text, Texts, catalogue, spec};
pub use country::CountryCode;
pub use decision::{ApplicantReason, DecidedReason, Decision, DecisionStatus, decide};
pub use finding::{Evidence, Finding};
pub use lang::Lang;
pub use policy::{
    DEFAULT_POLICY_TOML, DocumentKind, LevelPermissions, PermissionRules, Policy, PolicyError,
};
pub use reason::{Group, Outcome, ReasonCode};
