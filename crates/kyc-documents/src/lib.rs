//! # kyc-documents — reading the data that identity documents carry in machine-readable form
//!
//! * [`mrz`] — ICAO Doc 9303 machine-readable zones (TD1, TD2, TD3, MRV-A, MRV-B, plus the French
//!   national ID card and driving licence layouts): a strict parser, a lenient mode for OCR
//!   output that corrects only what the grammar or a check digit proves, and a writer.
//! * [`aamva`] — the AAMVA DL/ID card design standard's PDF417 payload (versions 01 to 10), as
//!   printed on US and Canadian driver's licences and ID cards.
//!
//! Both parsers take text and return typed values with every position, check and warning; they
//! do no I/O, keep no global state, never panic on any input, and take "today" as an argument
//! wherever a date must be interpreted.

pub mod aamva;
pub mod mrz;
