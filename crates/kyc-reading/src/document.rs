//! Reading a document photo: find the document, straighten it, read what it carries.
//!
//! The document is located by `kyc_vision` (the same outline the image checks use) and
//! rectified into a landscape picture [`READING_WIDTH`] pixels wide, so text lines run
//! straight whatever the perspective; the MRZ is then looked for there. When no document is
//! found, or nothing valid is read on the rectified document (a wrong outline can cut the
//! zone off), the whole photo, reduced to [`WHOLE_PICTURE_SIDE`], is read instead.

use image::{Rgb, RgbImage};
use kyc_documents::mrz::ParseOptions;
use kyc_vision::assess::{WorkingLuma, find_document_in};
use kyc_vision::plane::Plane;
use kyc_vision::rectify::{landscape, quad_size, rectify};

use crate::models::ModelError;
use crate::mrz::{FoundMrz, read_mrz};
use crate::text::{TextDetector, TextRecognizer};

/// Width of the rectified document the text is read on.
pub const READING_WIDTH: usize = 1280;
/// Longest side of the whole photo when it is read without a document outline.
pub const WHOLE_PICTURE_SIDE: usize = 1600;

/// The models a reading needs, loaded once.
pub struct Reader {
    detector: TextDetector,
    recognizer: TextRecognizer,
}

impl Reader {
    /// Verifies and loads the text models.
    pub fn load() -> Result<Reader, ModelError> {
        Ok(Reader {
            detector: TextDetector::load()?,
            recognizer: TextRecognizer::load()?,
        })
    }

    /// Finds and reads the MRZ in an upright photo.
    pub fn read_mrz(
        &self,
        photo: &RgbImage,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        let working = WorkingLuma::of(photo);
        let mut first = None;
        if let Some(flat) = rectified_document(photo, &working) {
            let found = self.read_mrz_in(&flat, options)?;
            if found.as_ref().is_some_and(is_valid) {
                return Ok(found);
            }
            first = found;
        }
        let whole = whole_picture(&working);
        let found = self.read_mrz_in(&whole, options)?;
        Ok(match (first, found) {
            (_, Some(found)) if is_valid(&found) => Some(found),
            (Some(first), _) => Some(first),
            (None, found) => found,
        })
    }

    fn read_mrz_in(
        &self,
        picture: &RgbImage,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        let boxes = self.detector.detect(picture)?;
        read_mrz(picture, &boxes, &self.recognizer, options)
    }
}

fn is_valid(found: &FoundMrz) -> bool {
    found.complete() && found.report.as_ref().is_some_and(|r| r.valid)
}

/// The document straightened into a landscape grey picture, or `None` when none was found.
fn rectified_document(photo: &RgbImage, working: &WorkingLuma) -> Option<RgbImage> {
    let region = find_document_in(working, photo.width(), photo.height());
    let corners = region.corners?;
    let quad = landscape(&corners).map(|p| working.from_source(p));
    let (width, height) = quad_size(&quad);
    if width < 8.0 || height < 8.0 {
        return None;
    }
    let out_height =
        ((READING_WIDTH as f32 * height / width).round() as usize).clamp(16, 4 * READING_WIDTH);
    Some(grey_picture(&rectify(
        &working.plane,
        &quad,
        READING_WIDTH,
        out_height,
    )))
}

/// The whole photo's luma, reduced so its longer side is at most [`WHOLE_PICTURE_SIDE`].
fn whole_picture(working: &WorkingLuma) -> RgbImage {
    let longest = working.plane.width.max(working.plane.height);
    let factor = longest.div_ceil(WHOLE_PICTURE_SIDE).max(1);
    grey_picture(&working.plane.downscale(factor))
}

/// A luma plane (0..1; `NaN` outside the photo, shown white) as a grey RGB picture.
fn grey_picture(plane: &Plane) -> RgbImage {
    RgbImage::from_fn(plane.width as u32, plane.height as u32, |x, y| {
        let v = plane.get(x as usize, y as usize);
        let v = if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let g = (v * 255.0).round() as u8;
        Rgb([g, g, g])
    })
}
