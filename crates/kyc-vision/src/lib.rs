//! # kyc-vision — looking at identity-document photos
//!
//! Pure functions from image bytes (or decoded pixels) to facts and [`kyc_core::Finding`]s; no
//! I/O, no global state, no decisions. The pipeline a photo goes through:
//!
//! 1. [`intake`] — judge the file by its content (JPEG or PNG only), enforce size and pixel caps
//!    *before* decoding, decode, apply the EXIF orientation, keep camera facts as evidence.
//! 2. [`locate`] — find the document's four corners on a small luma [`plane`] (edges, an
//!    oriented Hough transform, the best-supported quadrilateral), or say it is cut off or absent.
//! 3. [`rectify`] — sample the document flat and landscape through a homography, at reading
//!    scale (at most [`quality::READING_WIDTH`] pixels wide).
//! 4. [`quality`] — sharpness (median edge width) and exposure (paper level per cell: darkness
//!    and shadow), and [`glare`] (specular reflections), measured on the rectified document.
//! 5. [`assess`] — all of the above as metrics and findings against the policy's thresholds.
//!
//! Thresholds come from the policy (`kyc_core::Policy`); every finding reports the measured value
//! beside the threshold it was compared with.

pub mod assess;
pub mod capture;
pub mod glare;
pub mod intake;
pub mod locate;
pub mod plane;
pub mod quality;
pub mod rectify;

pub use assess::{Assessment, DocumentRegion, Metrics, assess};
pub use intake::{Accepted, ExifSummary, FileFacts, ImageFormat, Sniffed, intake, sniff};
