//! # kyc-vision — looking at identity-document photos
//!
//! Pure functions from image bytes (or decoded pixels) to facts and [`kyc_core::Finding`]s; no
//! I/O, no global state, no decisions. The pipeline a photo goes through:
//!
//! 1. [`intake`] — judge the file by its content (JPEG or PNG only), enforce size and pixel caps
//!    *before* decoding, decode, apply the EXIF orientation, keep camera facts as evidence.
//!
//! Thresholds come from the policy (`kyc_core::Policy`); every finding reports the measured value
//! beside the threshold it was compared with.

pub mod intake;
pub mod locate;
pub mod plane;
pub mod quality;
pub mod rectify;

pub use intake::{Accepted, ExifSummary, FileFacts, ImageFormat, Sniffed, intake, sniff};
