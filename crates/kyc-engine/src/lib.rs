//! # kyc-engine — the verification pipeline
//!
//! What kycd's service runs for an applicant, in three stages, each a pure function of its
//! inputs, the [`kyc_core::Policy`] and (where dates matter) `today`. Like every check in
//! kycd, nothing here decides: each stage returns [`kyc_core::Finding`]s (a reason code from
//! the one catalogue plus the evidence behind it), and `kyc_core::decide` turns them into a
//! decision. No I/O, no clock, no global state; the models are loaded once into an [`Engine`]
//! that workers share.
//!
//! 1. **Level 1 (primary data).** [`parse_level1`] turns the API's JSON body into a typed
//!    [`Level1`] (parse, don't validate: every problem reported at once as [`FieldError`]s,
//!    unknown fields refused), and [`check_level1`] checks it alone: `UNDERAGE`,
//!    `JURISDICTION_NOT_SUPPORTED`, `DOCUMENT_TYPE_UNSUPPORTED`.
//! 2. **The upload gate.** [`upload_gate`] runs on the request path for each uploaded file:
//!    the file is refused (`FILE_FORMAT_UNSUPPORTED`, `FILE_TOO_LARGE`, `FILE_UNREADABLE`) or
//!    accepted with hints for a retake (for a document side, image quality and capture
//!    integrity: `IMAGE_BLURRY`, `SCREENSHOT`...). No model is involved: it stays well under a
//!    second on a 12 MP photo.
//! 3. **The submission.** [`Engine::verify`] runs every check of one submission in a worker:
//!    files present, attempts, intake and image checks again (the policy may have changed),
//!    reading the document (`kyc_reading`: MRZ, barcode, printed zone, portrait) and what the
//!    reading shows (expired, incomplete, inconsistent...), the holder's age from the
//!    document, the declared data against the document ([`names`] compares names across
//!    scripts and spellings), and the selfie. It returns the findings, the document's identity
//!    (kind, issuing country, number) for the caller's reuse count, and a summary for
//!    reviewers. [`reuse_finding`] turns that count into `DOCUMENT_ACCOUNT_LIMIT`.
//!
//! Evidence is shown to reviewers and also logged, so it never holds the personal values
//! compared (names, numbers, dates): it names the fields, the source (`mrz`, `barcode`,
//! `printed`), similarity scores and booleans. The summary holds what was read, for the
//! reviewer; the caller encrypts it.
//!
//! Which comparison raises which reason:
//!
//! | declared (level 1) | against | mismatch raises |
//! |---|---|---|
//! | `full_name` | surname + given names read | `DATA_MISMATCH_NAME` |
//! | `birth_date` | birth date read | `DATA_MISMATCH_BIRTH_DATE` |
//! | `nationality` | the MRZ's nationality (licences state none) | `DATA_MISMATCH_NATIONALITY` |
//! | `document_number` | number read | `DATA_MISMATCH_DOCUMENT_NUMBER` |
//! | `document_type` | kind read | `LEVEL_DATA_MISMATCH` |
//!
//! The selfie is checked to decode and show exactly one face; matching it with the document's
//! portrait (`FACE_MISMATCH`) and liveness are later steps (see [`engine::FACE_MATCH_NOTE`]).

pub mod engine;
pub mod gate;
pub mod level1;
pub mod names;

pub use engine::{
    DocumentIdentity, Engine, EngineError, SubmissionInput, Verification, reuse_finding,
};
pub use gate::upload_gate;
pub use level1::{
    Address, DocumentNumber, FieldError, Level1, PersonName, age_on, check_level1, parse_level1,
};
pub use names::{NameComparison, NameVerdict};
