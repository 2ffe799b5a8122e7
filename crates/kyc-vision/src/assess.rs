//! One call that looks at an accepted photo of a document and reports every image finding:
//! where the document is, how sharp, bright and glare-free it is, whether it is large enough
//! and fully in the frame. Thresholds come from the policy's `[image]` section; each finding
//! carries the measured value beside its threshold.

use image::{GrayImage, RgbImage};
use kyc_core::policy::ImageRules;
use kyc_core::{Finding, ReasonCode};
use serde::Serialize;

use crate::capture::{CaptureScores, capture_scores, is_screen_resolution};
use crate::glare::glare_fraction;
use crate::intake::Accepted;
use crate::locate::{Point, locate};
use crate::plane::{Plane, from_reduced, grey_plane, luma_plane, reduction_for, to_reduced};
use crate::quality::{READING_WIDTH, exposure, sharpness};
use crate::rectify::{landscape, quad_size, rectify};

/// Longest side of the plane the document is searched in.
const SEARCH_SIDE: usize = 800;

/// Longest side of the finer plane a small picture is searched again in when the document was
/// not found on the coarse one: a 768 × 1024 or 1280 × 720 picture at full resolution, a
/// 1920 × 1080 one at half. On the tuning set t11 this found 2 of the 19 documents not found
/// (a 248-px card in a 768 × 1024 frame, a card in a 1920 × 1080 one); the large pictures
/// not found were not found on a 1,024-px plane either.
const FINE_SEARCH_SIDE: usize = 1280;

/// Longest side of the luma plane the document is rectified from: at least twice the reading
/// width, so the reading scale never upsamples, while a 12 MP photo is read at a quarter of its
/// pixels.
const WORKING_SIDE: usize = 2 * READING_WIDTH + 48;

/// Where the document is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRegion {
    pub found: bool,
    /// Corners in source pixels, clockwise from the top-left one; `None` when not found.
    pub corners: Option<[Point; 4]>,
    pub cut_off: bool,
    /// Sides lying on the frame's border, and corners outside it.
    pub sides_on_border: u8,
    pub corners_outside: u8,
}

/// The measured numbers, all of the document region (or the whole image when no document
/// was found: then `brightness` is the brightest paper of the picture and `dark_fraction` 0,
/// since a surface darker than a document is no shadow on it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    pub sharpness: f64,
    pub edge_width_px: Option<f64>,
    pub glare_fraction: f64,
    pub brightness: f64,
    pub dark_fraction: f64,
    pub document_width_px: f64,
    pub screenshot_score: f64,
    pub photocopy_score: f64,
    pub screen_recapture_score: f64,
}

/// Everything `assess` found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub metrics: Metrics,
    pub document: DocumentRegion,
    /// The capture-integrity scores with the features behind them.
    pub capture: CaptureScores,
    pub findings: Vec<Finding>,
}

/// Assesses an accepted (decoded, upright) photo of a document.
pub fn assess(accepted: &Accepted, rules: &ImageRules) -> Assessment {
    let rgb: &RgbImage = &accepted.image;
    let (width, height) = (rgb.width() as f32, rgb.height() as f32);
    let working = WorkingLuma::of(rgb);
    let mut document = find_document_in(&working, rgb.width(), rgb.height());
    let quad = document.corners.unwrap_or([
        [0.0, 0.0],
        [width - 1.0, 0.0],
        [width - 1.0, height - 1.0],
        [0.0, height - 1.0],
    ]);
    let quad = landscape(&quad);
    let (document_width, document_height) = quad_size(&quad);
    let reading_width = (document_width.round() as usize).clamp(16, READING_WIDTH);
    let reading_height =
        ((reading_width as f32 * document_height / document_width.max(1.0)).round() as usize)
            .max(16);
    let flat = rectify(
        &working.plane,
        &quad.map(|p| working.from_source(p)),
        reading_width,
        reading_height,
    );

    let capture = capture_scores(rgb, &accepted.facts, document.corners.as_ref());
    if capture.screenshot >= rules.screenshot_score && fitted_to_frame(&document, width, height) {
        // A screenshot's frame is the screen, not a camera's field of view: a document shown
        // as an upright rectangle spanning the screen from edge to edge was scaled by the
        // viewer to fit it, and its edges are the screen's.
        document.cut_off = false;
        document.sides_on_border = 0;
    }
    let sharp = sharpness(&flat);
    let mut light = exposure(&flat);
    if !document.found {
        // The whole picture stands in for the document: its median cell is most often the
        // surface, darker than any document, and its dark patches that surface, not shadow.
        // Judge it by its brightest paper alone.
        light.brightness = light.brightest_paper;
        light.dark_fraction = 0.0;
    }
    let glare = glare_fraction(&flat, rgb, &quad, light.brightness);
    let metrics = Metrics {
        sharpness: round(sharp.score),
        edge_width_px: sharp.edge_width,
        glare_fraction: round(glare),
        brightness: round(light.brightness),
        dark_fraction: round(light.dark_fraction),
        document_width_px: document_width.round() as f64,
        screenshot_score: capture.screenshot,
        photocopy_score: capture.photocopy,
        screen_recapture_score: capture.screen_recapture,
    };

    let mut findings = Vec::new();
    if !document.found {
        findings.push(Finding::new(ReasonCode::DocumentNotFound));
    } else if document.cut_off {
        findings.push(
            Finding::new(ReasonCode::DocumentCutOff)
                .with("sides_outside", document.sides_on_border)
                .with("corners_outside", document.corners_outside),
        );
    }
    if metrics.sharpness < rules.min_sharpness {
        findings.push(
            Finding::new(ReasonCode::ImageBlurry)
                .with("sharpness", metrics.sharpness)
                .with("threshold", rules.min_sharpness)
                .with("edge_width_px", metrics.edge_width_px),
        );
    }
    if metrics.glare_fraction > rules.max_glare_fraction {
        findings.push(
            Finding::new(ReasonCode::ImageGlare)
                .with("glare_fraction", metrics.glare_fraction)
                .with("threshold", rules.max_glare_fraction),
        );
    }
    if metrics.brightness < rules.min_brightness || metrics.dark_fraction > rules.max_dark_fraction
    {
        findings.push(
            Finding::new(ReasonCode::ImageTooDark)
                .with("brightness", metrics.brightness)
                .with("min_brightness", rules.min_brightness)
                .with("dark_fraction", metrics.dark_fraction)
                .with("max_dark_fraction", rules.max_dark_fraction),
        );
    }
    if metrics.document_width_px < f64::from(rules.min_document_width_px) {
        findings.push(
            Finding::new(ReasonCode::ImageLowResolution)
                .with("document_width_px", metrics.document_width_px)
                .with("threshold", rules.min_document_width_px),
        );
    }
    let integrity = [
        (
            ReasonCode::Screenshot,
            capture.screenshot,
            rules.screenshot_score,
        ),
        (
            ReasonCode::Photocopy,
            capture.photocopy,
            rules.photocopy_score,
        ),
        (
            ReasonCode::ScreenRecapture,
            capture.screen_recapture,
            rules.screen_recapture_score,
        ),
    ];
    for (code, score, threshold) in integrity {
        if score >= threshold {
            let features = serde_json::to_value(&capture.features).unwrap_or_default();
            findings.push(
                Finding::new(code)
                    .with("score", score)
                    .with("threshold", threshold)
                    .with("features", features),
            );
        }
    }
    Assessment {
        metrics,
        document,
        capture,
        findings,
    }
}

/// Finds the document in an upright picture: its corners in source pixels, and whether part
/// of it is outside the frame.
pub fn find_document(image: &RgbImage) -> DocumentRegion {
    find_document_in(&WorkingLuma::of(image), image.width(), image.height())
}

/// The photo's luma, block-averaged so its longer side is at most [`WORKING_SIDE`]: the one
/// pass over the full-resolution pixels that localisation and the quality metrics share.
pub struct WorkingLuma {
    pub plane: Plane,
    /// Source pixels per working pixel, along each axis.
    pub reduction: usize,
}

impl WorkingLuma {
    pub fn of(image: &RgbImage) -> WorkingLuma {
        let reduction = reduction_for(image.width(), image.height(), WORKING_SIDE);
        WorkingLuma {
            plane: luma_plane(image, reduction),
            reduction,
        }
    }

    /// [`WorkingLuma::of`] an image that is luma already (`intake::intake_luma`).
    pub fn of_grey(image: &GrayImage) -> WorkingLuma {
        let reduction = reduction_for(image.width(), image.height(), WORKING_SIDE);
        WorkingLuma {
            plane: grey_plane(image, reduction),
            reduction,
        }
    }

    /// The plane the document is searched in (longer side at most [`SEARCH_SIDE`]), with its
    /// reduction from source pixels.
    pub fn search_plane(&self) -> (Plane, usize) {
        let longest = self.plane.width.max(self.plane.height);
        let further = longest.div_ceil(SEARCH_SIDE).max(1);
        (self.plane.downscale(further), self.reduction * further)
    }

    /// A finer search plane than [`Self::search_plane`] for a small picture (one whose working
    /// plane is its full resolution), longer side at most [`FINE_SEARCH_SIDE`], when there is
    /// one: for a second look when the document was not found (a small document in a small
    /// picture is only a hundred pixels wide on the coarse plane, too few for its border to
    /// stand out from the print). Large photos get none: their documents are large enough on
    /// the coarse plane, and a second search there would double the time of a 12 MP photo.
    ///
    /// A larger picture of a screen's exact size (`screen_sized`: a screenshot) gets the
    /// working plane itself: a phone's photo viewer zoomed out shows a card a few hundred
    /// pixels wide in a 1440 × 3200 screen, 40 pixels high on the coarse plane.
    pub fn fine_search_plane(&self, screen_sized: bool) -> Option<(Plane, usize)> {
        let longest = self.plane.width.max(self.plane.height);
        let coarse = longest.div_ceil(SEARCH_SIDE).max(1);
        let fine = match (self.reduction, screen_sized) {
            (1, _) => longest.div_ceil(FINE_SEARCH_SIDE).max(1),
            (_, true) => 1,
            (_, false) => return None,
        };
        (fine < coarse).then(|| (self.plane.downscale(fine), self.reduction * fine))
    }

    /// A source-pixel position in working-plane pixels.
    pub fn from_source(&self, p: Point) -> Point {
        to_reduced(p, self.reduction)
    }

    /// A working-plane position in source pixels (the inverse of [`WorkingLuma::from_source`]).
    pub fn to_source(&self, p: Point) -> Point {
        from_reduced(p, self.reduction)
    }
}

/// [`find_document`] on a photo's working luma (`width` × `height` are the photo's own), for
/// callers that have it already: it is the one pass over the full-resolution pixels.
pub fn find_document_in(working: &WorkingLuma, width: u32, height: u32) -> DocumentRegion {
    let screen_sized = is_screen_resolution(width, height);
    let (width, height) = (width as f32, height as f32);
    let whole = [
        [0.0, 0.0],
        [width - 1.0, 0.0],
        [width - 1.0, height - 1.0],
        [0.0, height - 1.0],
    ];
    let cropped = DocumentRegion {
        found: true,
        corners: Some(whole),
        cut_off: false,
        sides_on_border: 0,
        corners_outside: 0,
    };
    // A picture with exactly a document's proportions is a scan or a photo cropped to the
    // document (scanner apps do this): the document is the whole picture, fully visible.
    // Except at a screen's exact size: 16:10 screens (1440 × 900, 1920 × 1200 ...) have an
    // ID-1 card's proportions, and a screenshot shows the document somewhere inside; it is
    // searched for, and the picture taken whole only when none is found.
    if is_cropped_document(width, height) && !screen_sized {
        return cropped;
    }
    let (search, reduction) = working.search_plane();
    let located = locate(&search).map(|found| (found, reduction)).or_else(|| {
        let (fine, reduction) = working.fine_search_plane(screen_sized)?;
        locate(&fine).map(|found| (found, reduction))
    });
    if located.is_none() && is_cropped_document(width, height) {
        return cropped;
    }
    match located {
        Some((found, reduction)) => DocumentRegion {
            found: true,
            corners: Some(found.corners.map(|p| from_reduced(p, reduction))),
            cut_off: found.is_cut_off(),
            sides_on_border: found.sides_on_border,
            corners_outside: found.corners_outside,
        },
        None => DocumentRegion {
            found: false,
            corners: None,
            cut_off: false,
            sides_on_border: 0,
            corners_outside: 0,
        },
    }
}

/// Largest tilt of a side of a document fitted to the frame, in degrees: a displayed image
/// is exactly upright (a photographed document is never within this of upright on all four
/// sides at once while touching two opposite borders).
const FITTED_TILT_DEGREES: f32 = 0.5;

/// Farthest a side of a fitted document may lie from the frame's border, as a share of the
/// frame's width or height (a side found on the search plane lies within a pixel or two of
/// that plane's border; screenshots' documents found on the tuning sets lie 2–6 source
/// pixels in, on frames 1,080–1,440 pixels wide).
const FITTED_GAP: f32 = 0.01;

/// Whether the document found is an upright rectangle (all four sides within
/// [`FITTED_TILT_DEGREES`] of the frame's axes, no corner outside) touching two opposite
/// borders of the frame: an image scaled by a viewer to fit the screen's width or height.
fn fitted_to_frame(document: &DocumentRegion, width: f32, height: f32) -> bool {
    let Some(corners) = document.corners else {
        return false;
    };
    if document.corners_outside > 0 {
        return false;
    }
    let tilt = (0..4)
        .map(|k| {
            let (a, b) = (corners[k], corners[(k + 1) % 4]);
            let angle = (b[1] - a[1])
                .atan2(b[0] - a[0])
                .to_degrees()
                .rem_euclid(90.0);
            angle.min(90.0 - angle)
        })
        .fold(0.0f32, f32::max);
    if tilt > FITTED_TILT_DEGREES {
        return false;
    }
    let extent = |axis: usize| {
        corners
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[axis]), hi.max(p[axis]))
            })
    };
    let ((min_x, max_x), (min_y, max_y)) = (extent(0), extent(1));
    let (gap_x, gap_y) = (FITTED_GAP * width, FITTED_GAP * height);
    let spans_width = min_x <= gap_x && max_x >= width - 1.0 - gap_x;
    let spans_height = min_y <= gap_y && max_y >= height - 1.0 - gap_y;
    spans_width || spans_height
}

/// Whether a picture has the proportions of an ID-1 card (85.6 × 54 mm, 1.585) or of a
/// passport data page (125 × 88 mm, 1.42), within 2.5 %: common camera proportions (4:3, 3:2,
/// 16:9) are all outside these bands.
fn is_cropped_document(width: f32, height: f32) -> bool {
    let ratio = width.max(height) / width.min(height).max(1.0);
    [1.585f32, 1.42]
        .iter()
        .any(|target| (ratio / target - 1.0).abs() <= 0.025)
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(corners: [Point; 4], sides_on_border: u8, corners_outside: u8) -> DocumentRegion {
        DocumentRegion {
            found: true,
            corners: Some(corners),
            cut_off: sides_on_border > 0 || corners_outside > 0,
            sides_on_border,
            corners_outside,
        }
    }

    /// A card of 400 × 252 px with lines of print, upright in a viewer's dark background.
    fn card_shown_on(width: u32, height: u32) -> (RgbImage, [Point; 4]) {
        card_of_size_shown_on(width, height, [400, 252], 58)
    }

    /// A card of `size` px with lines of print, upright in the middle of a viewer's plain
    /// background of grey level `surround`.
    fn card_of_size_shown_on(
        width: u32,
        height: u32,
        size: [u32; 2],
        surround: u8,
    ) -> (RgbImage, [Point; 4]) {
        let (x0, y0) = (width / 2 - size[0] / 2, height / 2 - size[1] / 2);
        let image = RgbImage::from_fn(width, height, |x, y| {
            let (u, v) = (x.wrapping_sub(x0), y.wrapping_sub(y0));
            let v = if u < size[0] && v < size[1] {
                if v % 30 > 20 && (20..size[0] - 20).contains(&u) && u % 50 < 40 {
                    40
                } else {
                    236
                }
            } else {
                surround
            };
            image::Rgb([v, v, v])
        });
        let (x0, y0) = (x0 as f32, y0 as f32);
        let [w, h] = size.map(|side| side as f32 - 1.0);
        let corners = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]];
        (image, corners)
    }

    /// The document found in `screen`, asserted within 6 px of `card` at every corner.
    fn card_found(screen: &RgbImage, card: &[Point; 4]) -> DocumentRegion {
        let found = find_document(screen);
        let corners = found.corners.expect("the card is found");
        for (found, truth) in corners.iter().zip(card) {
            assert!(
                (found[0] - truth[0]).abs() < 6.0 && (found[1] - truth[1]).abs() < 6.0,
                "{corners:?} against {card:?}"
            );
        }
        found
    }

    #[test]
    fn a_screenshot_with_a_cards_proportions_is_searched() {
        // 1440 × 900 is an ID-1 card's proportions, but the exact size of a 16:10 screen: the
        // card shown on it is the document, not the whole screenshot.
        let (screen, card) = card_shown_on(1440, 900);
        card_found(&screen, &card);
        // The same proportions at a size no screen has: a scan cropped to the document.
        let (scan, _) = card_shown_on(1600, 1010);
        let found = find_document(&scan);
        assert_eq!(found.corners.map(|c| c[2]), Some([1599.0, 1009.0]));
        assert!(!found.cut_off);
    }

    #[test]
    fn a_small_card_in_a_large_screenshot_is_found() {
        // A phone's photo viewer zoomed out: a card 260 px wide on the light theme's near-white
        // background of a 1440 × 3200 screen, 41 px high on the coarse search plane.
        let (screen, card) = card_of_size_shown_on(1440, 3200, [260, 164], 250);
        let found = card_found(&screen, &card);
        assert!(!found.cut_off);
    }

    #[test]
    fn an_upright_document_spanning_the_screen_is_fitted_to_it() {
        // A card shown across a 1080 × 2400 phone screen, found 2–6 px in from its sides.
        let shown = region(
            [
                [2.0, 982.0],
                [1074.0, 982.0],
                [1074.0, 1550.0],
                [2.0, 1550.0],
            ],
            1,
            0,
        );
        assert!(fitted_to_frame(&shown, 1080.0, 2400.0));
    }

    #[test]
    fn a_tilted_or_inset_document_is_not_fitted_to_the_frame() {
        // Tilted by about 1°: photographed, not displayed.
        let tilted = region(
            [
                [2.0, 982.0],
                [1074.0, 1000.0],
                [1074.0, 1568.0],
                [2.0, 1550.0],
            ],
            1,
            0,
        );
        assert!(!fitted_to_frame(&tilted, 1080.0, 2400.0));
        // Upright but well inside the frame on one side.
        let inset = region(
            [
                [60.0, 982.0],
                [1078.0, 982.0],
                [1078.0, 1550.0],
                [60.0, 1550.0],
            ],
            1,
            0,
        );
        assert!(!fitted_to_frame(&inset, 1080.0, 2400.0));
        // A corner outside the frame is cut off whatever its shape.
        let outside = region(
            [
                [-40.0, 982.0],
                [1079.0, 982.0],
                [1079.0, 1550.0],
                [-40.0, 1550.0],
            ],
            0,
            2,
        );
        assert!(!fitted_to_frame(&outside, 1080.0, 2400.0));
    }

    #[test]
    fn a_small_picture_has_a_finer_search_plane_and_a_large_one_a_bounded_one() {
        let working = |width: usize, height: usize, reduction: usize| WorkingLuma {
            plane: Plane::new(width, height),
            reduction,
        };
        let small = working(1024, 768, 1);
        let (coarse, coarse_reduction) = small.search_plane();
        assert_eq!((coarse.width, coarse_reduction), (512, 2));
        let (fine, fine_reduction) = small.fine_search_plane(false).expect("a finer plane");
        assert_eq!((fine.width, fine.height, fine_reduction), (1024, 768, 1));
        // Already searched at full resolution: nothing finer.
        assert!(working(640, 480, 1).fine_search_plane(false).is_none());
        // The finer plane never exceeds its bound.
        let (fine, _) = working(1920, 1080, 1)
            .fine_search_plane(false)
            .expect("a finer plane");
        assert!(fine.width.max(fine.height) <= FINE_SEARCH_SIDE);
        // A large picture (its working plane already reduced) gets no second search.
        assert!(working(2048, 1536, 2).fine_search_plane(false).is_none());
        // A screenshot is searched again on its working plane, however large.
        let screenshot = working(720, 1600, 2);
        let (coarse, coarse_reduction) = screenshot.search_plane();
        assert_eq!((coarse.height, coarse_reduction), (800, 4));
        let (fine, fine_reduction) = screenshot.fine_search_plane(true).expect("a finer plane");
        assert_eq!((fine.width, fine.height, fine_reduction), (720, 1600, 2));
    }
}
