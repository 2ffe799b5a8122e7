//! Capture integrity: was this a camera photo of the original document, or a screenshot, a
//! photocopy, or a photo of a screen?
//!
//! Each detector turns a few measured features into a score between 0 and 1 with a logistic
//! function; the policy's threshold turns the score into a finding. The image itself is the
//! evidence that counts: EXIF is only supporting evidence, because uploads often lose it.
//!
//! * **Screenshot** — a rendered screen has rows of *exactly* equal pixels (app bars, window
//!   chrome, a viewer's background or letterbox) spanning a large part of the width, which
//!   sensor noise never produces in a photo, nor JPEG's flattening of a smooth surface; its size
//!   is often a device's exact screen resolution; a document shown in it is perfectly
//!   axis-aligned. Supporting: PNG, no camera EXIF.
//! * **Photocopy** — a greyscale or washed-out copy has little colour of its own: once the
//!   light's colour cast is removed (log-chromaticity, not raw RGB), the spread of colour over
//!   the document is small, while genuine identity documents carry coloured print, security
//!   backgrounds and a colour portrait. A copier also maps its palest greys to white, so the
//!   pale background print of a genuine document drops out and most of a copy's face is blank
//!   paper of one level and tone: that counts for a copy whatever colour the print kept (not
//!   on a photographed screen, whose white page is as blank), and pale print all over a face
//!   counts against one. Loose toner specks on the paper support it, where the
//!   document is large enough in the picture for a speck to be told from a dot of print (and
//!   the picture is a camera's: a screenshot renders every dot of print pixel-sharp); when
//!   they are dense they are evidence on their own, for a colour copy that kept much of its
//!   colour and for a region that is mostly the copy's blank paper. Toner on the bright paper
//!   just *outside* the located outline (a card copied onto a sheet, whose white extends
//!   beyond the card's printed edge) is strong evidence of its own, whatever colour the copy
//!   kept: a genuine card lies on a table, a cloth or clean paper, never on scattered toner. A
//!   region without print (a bare table, a blank page) does not count as evidence, nor does a
//!   document a few hundred pixels long (JPEG's halved colour resolution has blended its
//!   colour into the paper). In a dark photo only colour counts, against a lower bar (noise
//!   reduction and compression take some of a genuine document's colour, and the paper's
//!   blankness and specks are lost in noise), and in a very dark one nothing does.
//! * **Screen recapture** — a display's sub-pixel stripes, and the moiré they make with the
//!   camera's own pixel grid, modulate the *colour* of everything on the screen at a high
//!   frequency, and because red, green and blue sub-pixels sit side by side the colour
//!   *turns* (the two colour differences are a quarter-period apart) instead of swinging along
//!   one colour axis as fine coloured print, lens fringes or JPEG's block grid do. Measured in
//!   the colour-difference spectra of the brightest full-resolution tiles (a display's
//!   modulation grows with the light it emits; but a tile a reflection has blown out to
//!   clipped white carries none, and comes last): the rotating part's peak above the band's
//!   median and its circularity, both over most of the document, not one patch. When the
//!   stripes are finer than the camera resolves, their beat with the camera's grid still
//!   leaves broad rainbow moiré bands (periods of a few dozen pixels) whose colour turns the
//!   same way: the same measure one octave lower is evidence too, with a higher bar, since
//!   that band lies nearer to print's own frequencies.
//!
//! On a 12 MP photo the whole measurement takes a few milliseconds: flat runs are searched
//! sparsely, specks on every 4th row, and only nine 128×128 tiles are transformed.

use image::RgbImage;
use rustfft::FftPlanner;
use rustfft::num_complex::Complex;
use serde::Serialize;

use crate::intake::{FileFacts, ImageFormat};
use crate::locate::{Point, scaled};

/// The features behind the capture scores, kept as evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaptureFeatures {
    /// Share of sampled pixels lying in runs of identical pixels spanning a quarter of the row
    /// (clipped white or black: half the row).
    pub flat_fraction: f64,
    /// The image is exactly a known screen resolution.
    pub screen_resolution: bool,
    /// The document's outline is an axis-aligned rectangle (within half a degree).
    pub axis_aligned_document: bool,
    /// EXIF names a camera make or model.
    pub camera_exif: bool,
    pub png: bool,
    /// Spread of log-chromaticity over the document (0 for grey), ×100.
    pub colour_spread: f64,
    /// 1 − dark / bright level (5th and 95th percentiles) over the document: near 1 for print.
    pub ink_contrast: f64,
    /// Brightness of the document's paper (90th percentile, 0–255): below about 130 a photo is
    /// too dark for the absence of colour to say anything.
    pub paper_level: f64,
    /// Share of the document that is blank paper: at its paper's level and tone (within
    /// [`BLANK_TOLERANCE`] and [`BLANK_TONE`]), without the fine pale print of a genuine
    /// document's background.
    pub blank_paper: f64,
    /// Length of the document's longer side in pixels (without an outline: of the central
    /// 60 % of the picture that stands for it).
    pub document_px: f64,
    /// Isolated dark specks on bright paper (loose toner), per 10 000 paper pixels; 0 when the
    /// document is too small in the picture for a speck to be told from print.
    pub speck_density: f64,
    /// Loose toner specks on the blank paper just *outside* the located outline, per 10 000
    /// paper pixels; 0 unless that band is mostly bright paper (a card on a copy sheet).
    pub sheet_specks: f64,
    /// Strongest *rotating* colour modulation (sub-pixel stripes) at a high frequency, as
    /// log10 of its amplitude's ratio to the band's median: the median of the nine brightest
    /// tiles of the document.
    pub periodic_peak: f64,
    /// How circular the colour modulation at the strongest colour frequency is (0 = along one
    /// colour axis, as print or lens fringes; 1 = R, G, B in turn, as sub-pixels): the median
    /// of the same nine tiles.
    pub chroma_circularity: f64,
    /// The same rotating colour modulation peak in the low band (0.02–0.08 cycles per pixel)
    /// where the broad rainbow moiré of a display's grid against the camera's lands.
    pub moire_peak: f64,
    /// Circularity at the strongest colour frequency of the low band.
    pub moire_circularity: f64,
}

/// Scores between 0 (surely not) and 1 (surely).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaptureScores {
    pub screenshot: f64,
    pub photocopy: f64,
    pub screen_recapture: f64,
    pub features: CaptureFeatures,
}

/// Resolutions of common phone, tablet and desktop screens (width × height, portrait or
/// landscape both match).
const SCREEN_RESOLUTIONS: &[(u32, u32)] = &[
    (750, 1334),
    (828, 1792),
    (1080, 1920),
    (1080, 2160),
    (1080, 2280),
    (1080, 2340),
    (1080, 2400),
    (1125, 2436),
    (1170, 2532),
    (1179, 2556),
    (1242, 2208),
    (1242, 2688),
    (1284, 2778),
    (1290, 2796),
    (1440, 2560),
    (1440, 2960),
    (1440, 3040),
    (1440, 3200),
    (1536, 2048),
    (1620, 2160),
    (1640, 2360),
    (1668, 2388),
    (2048, 2732),
    (1280, 720),
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1536, 864),
    (1600, 900),
    (1680, 1050),
    (1920, 1080),
    (1920, 1200),
    (2560, 1440),
    (2560, 1600),
    (2880, 1800),
    (3024, 1964),
    (3456, 2234),
    (3840, 2160),
];

/// Whether a picture is exactly the size of a common screen, either way round.
pub fn is_screen_resolution(width: u32, height: u32) -> bool {
    SCREEN_RESOLUTIONS
        .iter()
        .any(|&(w, h)| (w, h) == (width, height) || (h, w) == (width, height))
}

/// Measures the capture features of an upright photo and scores them. `document` is the
/// located outline in source pixels, when one was found.
pub fn capture_scores(
    image: &RgbImage,
    facts: &FileFacts,
    document: Option<&[Point; 4]>,
) -> CaptureScores {
    let (width, height) = image.dimensions();
    let area = Area::new(image, document);
    let tones = colour_spread(image, &area);
    // Without an outline, the central area looked at stands for the document.
    let document_px = document.map_or(0.6 * f64::from(width.max(height)), long_side);
    // Below about 1000 pixels for the document's long side (≈ 12 px/mm on an ID-1 card) the
    // dot of an i or a full stop is itself a speck of one or two pixels: specks are not
    // evidence there.
    let specks = if document_px >= 1000.0 {
        speck_density(image, &area)
    } else {
        0.0
    };
    let sheet = document.map_or(0.0, |corners| sheet_specks(image, corners));
    let periodic = periodic_peak(image, &area);
    let features = CaptureFeatures {
        flat_fraction: round(flat_fraction(image)),
        screen_resolution: is_screen_resolution(width, height),
        axis_aligned_document: document.is_some_and(is_axis_aligned),
        camera_exif: facts.exif.make.is_some() || facts.exif.model.is_some(),
        png: facts.format == ImageFormat::Png,
        colour_spread: round(tones.spread * 100.0),
        ink_contrast: round(tones.ink_contrast),
        paper_level: round(tones.paper_level),
        blank_paper: round(tones.blank_paper),
        document_px: document_px.round(),
        speck_density: round(specks),
        sheet_specks: round(sheet),
        periodic_peak: round(periodic.sub_pixel.0),
        chroma_circularity: round(periodic.sub_pixel.1),
        moire_peak: round(periodic.low.0),
        moire_circularity: round(periodic.low.1),
    };
    let bit = |b: bool| if b { 1.0 } else { 0.0 };
    let screenshot = logistic(
        -4.0 + 7.0 * (features.flat_fraction / 0.08).min(1.0)
            + 2.0 * bit(features.screen_resolution)
            + 1.0 * bit(features.axis_aligned_document)
            + 0.5 * bit(features.png)
            - 1.5 * bit(features.camera_exif),
    );
    // Both the strength of the rotating colour modulation and its circularity count: a
    // display's sub-pixels give both, fine coloured print at most a strong linear one.
    // Rainbow moiré bands are the same evidence one octave lower: the colour turns through
    // R, G and B across each band. Genuine print's rainbow (iris) backgrounds sweep once over
    // centimetres, not periodically every few dozen pixels, and a fine guilloche line keeps
    // one ink colour across it (one colour axis).
    let sub_pixel = features.periodic_peak + features.chroma_circularity - SCREEN_EVIDENCE;
    let moire = features.moire_peak + features.moire_circularity - MOIRE_EVIDENCE;
    let screen_recapture = logistic(sub_pixel.max(moire) * 10.0);
    // Colour spread is compared in log space: halving it is the same evidence at any level.
    // Toner specks support a copy. A region without ink (a bare table, a blank page, when the
    // outline found is not the printed face) cannot show that the print has no colour, so the
    // evidence counts only as far as the region shows print.
    //
    // A speck is told from a dot of print by the camera's blur, which softens a small dot
    // of print but not a loose grain of toner on the paper in front of it. A screenshot has
    // no camera: the document is rendered pixel-sharp, and the dot of every i and full stop
    // is a speck (genuine documents' screenshots measure up to 10 per 10 000 on the tuning
    // set, as much as copies). So specks inside the document count only as far as the
    // picture is not a screenshot. (Toner on the sheet around the document still counts.)
    //
    // A copier maps its palest greys to white, so the pale background print of a genuine
    // document (guilloche, tints, microprint, made to copy badly) drops out and most of a
    // copy's face is blank paper at one level: that counts for a copy whatever colour the
    // print kept. A screen's white page is as blank, without being paper, so this counts only
    // as far as the picture is not of a screen. A face with less blank paper than any copy
    // shows (pale print all over it) counts against a copy, as a card's back with little
    // colour of its own.
    let camera = 1.0 - screenshot;
    let blank = BLANK_WEIGHT
        * ((features.blank_paper - BLANK_PAPER).clamp(0.0, BLANK_COUNTED)
            * (1.0 - screen_recapture)
            - (PRINTED_FACE - features.blank_paper).max(0.0));
    // Evidence of a copy from the colour spread measured against the spread `bar` at which a
    // document is as likely a copy as not.
    let colourless = |bar: f64| 4.0 * (bar.ln() - features.colour_spread.max(0.05).ln());
    let copy_evidence =
        colourless(PHOTOCOPY_SPREAD) + camera * (features.speck_density / 5.0).min(2.0) + blank;
    let print = ((features.ink_contrast - 0.15) / 0.25).clamp(0.0, 1.0);
    // A document a few hundred pixels long has lost its colour to JPEG's halved colour
    // resolution, which blends fine coloured print into the paper: the absence of colour is
    // no evidence of a copy there. Full weight from a 400-pixel document.
    let legible = ((features.document_px - 200.0) / 200.0).clamp(0.0, 1.0);
    // A dark photo has lost some of its colour to noise reduction and compression (chroma
    // needs light), and its blank paper and specks are lost in noise: from a paper level of
    // 130 down to 70 the evidence of a lit photo gives way to colour alone, judged against
    // the lower spread [`DARK_PHOTOCOPY_SPREAD`]. In a photo darker still that evidence fades
    // too, until at a paper level of 45 (a fifth of full exposure) noise swamps the colour and
    // nothing counts.
    let light = ((features.paper_level - 70.0) / 60.0).clamp(0.0, 1.0);
    let visible = ((features.paper_level - 45.0) / 25.0).clamp(0.0, 1.0);
    let dark_evidence = visible * print * colourless(DARK_PHOTOCOPY_SPREAD) - (1.0 - visible) * 3.0;
    // Dense loose toner is evidence of its own, whatever colour the print kept (a colour copy)
    // and however little print the region shows (the outline found is the copy sheet, so the
    // region is mostly blank paper): toner scattered over white paper is what a copier leaves,
    // and a genuine card's fine print yields at most a few isolated dots per 10 000 paper
    // pixels. Counted beyond DENSE_TONER, up to a bounded weight, so that it overrides a
    // colour copy's moderate colour but not the full colour of a genuine document.
    let dense_toner = camera * ((features.speck_density - DENSE_TONER) / 3.0).clamp(0.0, 4.0);
    // A card photographed on a copy sheet: the outline found is the printed card, and beyond
    // it lies the copier's white paper with its loose toner. A genuine card lies on a table, a
    // cloth or at most clean paper, where no toner was ever scattered; so toner on bright paper
    // around the document is evidence that overrides the colour a colour copy kept.
    let sheet_toner = 8.0 * (features.sheet_specks - SHEET_TONER).clamp(0.0, 1.0);
    let lit_evidence = print * copy_evidence + dense_toner + sheet_toner;
    let photocopy = logistic(
        legible * (light * lit_evidence + (1.0 - light) * dark_evidence - (1.0 - print) * 3.0)
            - (1.0 - legible) * 3.0,
    );
    CaptureScores {
        screenshot: round(screenshot),
        photocopy: round(photocopy),
        screen_recapture: round(screen_recapture),
        features,
    }
}

/// Colour spread (log-chromaticity, ×100) at which a document is as likely a grey copy as not.
const PHOTOCOPY_SPREAD: f64 = 3.5;

/// Colour spread at which a dark photo (paper level 70 or less) is as likely of a grey copy as
/// not. On the tuning sets t11 and t12 (seeds 11000 and 12000), the 113 dark photos of genuine
/// documents at least 400 pixels long measured 3.27 and more, the two dark copies 1.58 and
/// 2.71: a genuine document at 3.27 counts 1.2 log-odds against a copy.
const DARK_PHOTOCOPY_SPREAD: f64 = 2.4;

/// Share of the document at its paper's level ([`CaptureFeatures::blank_paper`]) beyond which
/// it counts for a copy. Calibrated on the seed-11000 tuning set: of 847 lit photos of genuine
/// documents, 99 % measured under 0.42 (median 0.22); copies measured 0.28–0.85 (median 0.55).
const BLANK_PAPER: f64 = 0.45;

/// Share of blank paper below which the document's face counts against a copy: under the
/// least any copy measured on the tuning set (0.28).
const PRINTED_FACE: f64 = 0.25;

/// Evidence (log-odds) per unit of blank-paper share beyond [`BLANK_PAPER`] (for a copy) or
/// below [`PRINTED_FACE`] (against): 2 at 0.55, about what halving the colour spread (4 · ln 2)
/// weighs.
const BLANK_WEIGHT: f64 = 20.0;

/// How much blank-paper share beyond [`BLANK_PAPER`] counts at most: up to 8 log-odds, the
/// weight of a colour spread e² ≈ 7.4 times [`PHOTOCOPY_SPREAD`].
const BLANK_COUNTED: f64 = 0.4;

/// Toner specks per 10 000 paper pixels beyond which their density alone counts as evidence of
/// a copy.
const DENSE_TONER: f64 = 8.0;

/// Toner specks per 10 000 pixels of the bright paper around the outline beyond which they
/// begin to count (full weight one speck more): clean paper and plain tables give none, and
/// the dots of small text on a white page (a rendered viewer, a letter) about half a speck.
const SHEET_TONER: f64 = 1.0;

/// Circular colour-modulation peak plus circularity at which a photo is as likely of a screen
/// as not.
const SCREEN_EVIDENCE: f64 = 2.33;

/// Low-band (rainbow moiré) peak plus circularity at which a photo is as likely of a screen as
/// not: higher than in the sub-pixel band, because the band is narrow (fewer frequencies, so a
/// lower median) and closer to the frequencies of print.
const MOIRE_EVIDENCE: f64 = 2.4;

/// Frequencies (cycles per pixel) where a display's sub-pixel stripes, and their fine moiré
/// with the camera's grid, modulate colour.
const SUB_PIXEL_BAND: (f32, f32) = (0.08, 0.5);

/// Frequencies (cycles per pixel) of the broad rainbow moiré bands (periods of 12 to 50
/// pixels) that the beat of the display's grid against the camera's leaves when the
/// sub-pixel stripes themselves are finer than the camera resolves.
const LOW_MOIRE_BAND: (f32, f32) = (0.02, 0.08);

/// Rotating colour modulation measured by [`periodic_peak`], per band: (peak, circularity).
#[derive(Clone, Copy, Debug, Default)]
struct Periodic {
    sub_pixel: (f64, f64),
    low: (f64, f64),
}

/// The longer side of a quadrilateral: the mean of its longer pair of opposite sides.
fn long_side(corners: &[Point; 4]) -> f64 {
    let side =
        |a: Point, b: Point| f64::from(((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt());
    let first = (side(corners[0], corners[1]) + side(corners[2], corners[3])) / 2.0;
    let second = (side(corners[1], corners[2]) + side(corners[3], corners[0])) / 2.0;
    let longer = first.max(second);
    if longer.is_finite() { longer } else { 0.0 }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Share of pixels (on every 4th row) in horizontal runs of identical pixels spanning at least
/// a quarter of the row (and 64 pixels): an app's bars, a window's chrome, a viewer's
/// background, never a sensor. Shorter runs are not counted: a recompressed photo of a smooth
/// surface quantises whole 8×8 blocks to one value and can line up a few of them. In a small
/// picture (a photo downscaled for a messenger) a few can be a quarter of the row: runs that
/// fade into their surround at both ends are such plateaus ([`is_plateau`]) and do not count.
/// A run of clipped white or black (a blown highlight, a crushed shadow) counts only when it
/// spans half the row, as a bar or letterbox does and glare on a document never does.
fn flat_fraction(image: &RgbImage) -> f64 {
    const MIN_RUN: usize = 64;
    let width = image.width() as usize;
    if width < MIN_RUN {
        return 0.0;
    }
    let raw = image.as_raw();
    let (mut flat, mut total) = (0usize, 0usize);
    for y in (0..image.height() as usize).step_by(4) {
        let Some(row) = raw.get(y * width * 3..(y + 1) * width * 3) else {
            break;
        };
        let pixel = |i: usize| [row[3 * i], row[3 * i + 1], row[3 * i + 2]];
        // Any run of MIN_RUN pixels holds two equal pixels STEP apart at a multiple of STEP:
        // only there is the run around it measured, so a photo's short runs cost nothing.
        const STEP: usize = MIN_RUN / 2;
        let mut k = 0;
        while k + STEP < width {
            let value = pixel(k);
            if pixel(k + STEP) != value {
                k += STEP;
                continue;
            }
            let mut start = k;
            while start > 0 && pixel(start - 1) == value {
                start -= 1;
            }
            let mut end = k + 1;
            while end < width && pixel(end) == value {
                end += 1;
            }
            let run = end - start;
            let clipped = value.iter().all(|&c| c >= 250) || value.iter().all(|&c| c <= 5);
            let needed = if clipped { width / 2 } else { width / 4 };
            if run >= MIN_RUN.max(needed) && !is_plateau(row, start, end) {
                flat += run;
            }
            // The next run starts at `end`: continue from the first multiple of STEP after it.
            k = end.div_ceil(STEP) * STEP;
        }
        total += width;
    }
    if total == 0 {
        0.0
    } else {
        flat as f64 / total as f64
    }
}

/// Levels by which the pixels just beyond a run of equal pixels must differ from it, somewhere
/// within [`PLATEAU_LOOK`] pixels, for the run to end at an edge.
const PLATEAU_STEP: u8 = 24;

/// Pixels looked at beyond each end of a run by [`is_plateau`].
const PLATEAU_LOOK: usize = 4;

/// Whether the run of equal pixels `start..end` of an RGB `row` is a plateau of a smooth
/// gradient rather than a rendered surface: it reaches neither end of the row, and at both of
/// its ends the pixels go on within [`PLATEAU_STEP`] levels of it. A heavily compressed or
/// downscaled photo quantises a smooth surface into whole 8×8 blocks of one value, lined up
/// over a hundred pixels and more in a picture a few hundred wide; a blown highlight or a
/// crushed shadow clips a gradient the same way. Such plateaus fade into their surround. A
/// rendered surface (an app bar, a viewer's background) runs to the screen's edge or stops at
/// an element drawn on it: a step of dozens of levels within a few pixels.
fn is_plateau(row: &[u8], start: usize, end: usize) -> bool {
    let width = row.len() / 3;
    if start == 0 || end >= width {
        return false;
    }
    let value = &row[3 * start..3 * start + 3];
    let fades = |x: usize| {
        row[3 * x..3 * x + 3]
            .iter()
            .zip(value)
            .all(|(&a, &b)| a.abs_diff(b) < PLATEAU_STEP)
    };
    (start.saturating_sub(PLATEAU_LOOK)..start).all(fades)
        && (end..(end + PLATEAU_LOOK).min(width)).all(fades)
}

fn is_axis_aligned(corners: &[Point; 4]) -> bool {
    let tolerance = 0.5f32.to_radians().tan();
    (0..4).all(|k| {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let (dx, dy) = ((b[0] - a[0]).abs(), (b[1] - a[1]).abs());
        dy <= dx * tolerance || dx <= dy * tolerance
    })
}

/// Where the document's own pixels are: the located outline shrunk by a fifth towards its
/// centre (so the table around a slightly wrong outline does not count), or the central 60 %
/// of the picture when no outline was found (documents are photographed in the middle).
struct Area {
    quad: [[f32; 2]; 4],
    /// Bounding box of `quad`, clipped to the image: x0, y0, x1, y1 (exclusive).
    bounds: (usize, usize, usize, usize),
}

impl Area {
    fn new(image: &RgbImage, document: Option<&[Point; 4]>) -> Area {
        let (w, h) = (image.width() as f32, image.height() as f32);
        let central = [
            [0.2 * w, 0.2 * h],
            [0.8 * w, 0.2 * h],
            [0.8 * w, 0.8 * h],
            [0.2 * w, 0.8 * h],
        ];
        let quad = match document {
            Some(corners) if corners.iter().all(|c| c[0].is_finite() && c[1].is_finite()) => {
                scaled(corners, 0.8)
            }
            _ => central,
        };
        Area::from_quad(image, quad)
    }

    /// The area of a quadrilateral (clipped to the image); the whole picture when what is left
    /// of it is too small to measure.
    fn from_quad(image: &RgbImage, quad: [[f32; 2]; 4]) -> Area {
        let (w, h) = (image.width() as f32, image.height() as f32);
        let clamp = |v: f32, max: f32| v.clamp(0.0, max) as usize;
        let x0 = clamp(quad.iter().map(|c| c[0]).fold(f32::INFINITY, f32::min), w);
        let x1 = clamp(
            quad.iter().map(|c| c[0]).fold(f32::NEG_INFINITY, f32::max),
            w,
        );
        let y0 = clamp(quad.iter().map(|c| c[1]).fold(f32::INFINITY, f32::min), h);
        let y1 = clamp(
            quad.iter().map(|c| c[1]).fold(f32::NEG_INFINITY, f32::max),
            h,
        );
        let mut area = Area {
            quad,
            bounds: (x0, y0, x1, y1),
        };
        if x1.saturating_sub(x0) < 20 || y1.saturating_sub(y0) < 20 {
            area.quad = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
            area.bounds = (0, 0, w as usize, h as usize);
        }
        area
    }

    /// The pixel columns `left..right` of row `y` inside the quadrilateral.
    fn row_span(&self, y: f32) -> Option<(usize, usize)> {
        let (mut low, mut high) = (f32::INFINITY, f32::NEG_INFINITY);
        for k in 0..4 {
            let (a, b) = (self.quad[k], self.quad[(k + 1) % 4]);
            if (a[1] <= y && y <= b[1]) || (b[1] <= y && y <= a[1]) {
                let x = if (b[1] - a[1]).abs() < 1e-6 {
                    low = low.min(a[0].min(b[0]));
                    a[0].max(b[0])
                } else {
                    a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
                };
                low = low.min(x);
                high = high.max(x);
            }
        }
        (low.is_finite() && high > low)
            .then(|| (low.max(0.0).ceil() as usize, high.max(0.0) as usize + 1))
    }

    /// Whether a point lies inside the (convex) quadrilateral, whichever its winding.
    fn contains(&self, x: f32, y: f32) -> bool {
        let mut sign = 0.0f32;
        for k in 0..4 {
            let (a, b) = (self.quad[k], self.quad[(k + 1) % 4]);
            let cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
            if cross != 0.0 {
                if sign != 0.0 && cross.signum() != sign {
                    return false;
                }
                sign = cross.signum();
            }
        }
        true
    }
}

/// Spread of log-chromaticity (ln R/G, ln B/G) over well-lit pixels of the document, each the
/// mean of a 2×2 block (sensor noise averages out). A uniform colour cast of the light shifts
/// every pixel's log-chromaticity by the same amount, so the spread is the document's own
/// colour: grey toner on white paper has almost none.
fn colour_spread(image: &RgbImage, area: &Area) -> Tones {
    let (x0, y0, x1, y1) = area.bounds;
    let (w, h) = (image.width() as usize, image.height() as usize);
    let step = ((x1 - x0).max(y1 - y0) / 400).max(2);
    let raw = image.as_raw();
    // A sample's channel is the mean of 4 pixels plus one: its log, by the channel's sum.
    let log_of_sum: Vec<f64> = (0..=4 * 255)
        .map(|sum| (f64::from(sum) / 4.0 + 1.0).ln())
        .collect();
    let (mut n, mut sa, mut sb, mut saa, mut sbb) = (0.0f64, 0.0, 0.0, 0.0, 0.0);
    let mut levels = Levels::default();
    // Every sample's level (sum of its 12 values) and, unless clipped or dark, chromaticity.
    let mut samples: Vec<(usize, Option<[f32; 2]>)> = Vec::new();
    for y in (y0..y1.min(h.saturating_sub(1))).step_by(step) {
        let Some((left, right)) = area.row_span(y as f32) else {
            continue;
        };
        // Sample on a grid anchored to the bounding box, so rows line up.
        let first = x0 + (left.max(x0) - x0).div_ceil(step) * step;
        for x in (first..right.min(x1).min(w.saturating_sub(1))).step_by(step) {
            let mut sum = [0usize; 3];
            let mut brightest = 0u8;
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let i = ((y + dy) * w + x + dx) * 3;
                for (c, total) in sum.iter_mut().enumerate() {
                    let v = raw.get(i + c).copied().unwrap_or(0);
                    *total += usize::from(v);
                    brightest = brightest.max(v);
                }
            }
            let total = sum.iter().sum::<usize>();
            levels.add(total);
            if brightest >= 250 || total < 40 * 12 {
                samples.push((total, None));
                continue;
            }
            let [r, g, b] = sum.map(|v| log_of_sum[v]);
            let (a, bb) = (r - g, b - g);
            samples.push((total, Some([a as f32, bb as f32])));
            n += 1.0;
            sa += a;
            sb += bb;
            saa += a * a;
            sbb += bb * bb;
        }
    }
    let paper_level = levels.percentile(0.9);
    let spread = if n < 100.0 {
        0.0
    } else {
        let variance = (saa / n - (sa / n).powi(2)) + (sbb / n - (sb / n).powi(2));
        variance.max(0.0).sqrt()
    };
    Tones {
        spread,
        ink_contrast: levels.ink_contrast(),
        paper_level,
        blank_paper: blank_share(&samples, paper_level),
    }
}

/// Share of `samples` (level sums, chromaticities) that are blank paper: within
/// [`BLANK_TOLERANCE`] of `paper_level` and of one tone, the median chromaticity of those
/// (clipped samples, without a measurable colour, count by level alone). Two pale colours of
/// one brightness are two tones, not blank paper.
fn blank_share(samples: &[(usize, Option<[f32; 2]>)], paper_level: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let least = ((paper_level - BLANK_TOLERANCE).max(0.0) * 12.0).ceil() as usize;
    let bright = || samples.iter().filter(|(sum, _)| *sum >= least);
    let median = |k: usize| {
        let mut values: Vec<f32> = bright()
            .filter_map(|(_, tone)| tone.map(|t| t[k]))
            .collect();
        let middle = values.len() / 2;
        (!values.is_empty()).then(|| *values.select_nth_unstable_by(middle, f32::total_cmp).1)
    };
    let paper = median(0).zip(median(1));
    let blank = bright()
        .filter(|(_, tone)| match (tone, paper) {
            (Some([a, b]), Some((pa, pb))) => (a - pa).hypot(b - pb) <= BLANK_TONE,
            _ => true,
        })
        .count();
    blank as f64 / samples.len() as f64
}

/// Distance in log-chromaticity (ln R/G, ln B/G) from the paper's tone within which a sample is
/// of that tone: 4 %, several times the noise of a 2×2 mean of bright paper.
const BLANK_TONE: f32 = 0.04;

/// What [`colour_spread`] measures of the document's tones.
#[derive(Clone, Copy, Debug)]
struct Tones {
    /// Spread of log-chromaticity (0 for grey).
    spread: f64,
    /// See [`Levels::ink_contrast`].
    ink_contrast: f64,
    /// The 90th percentile level (0–255).
    paper_level: f64,
    /// Share of samples that are blank paper (see [`blank_share`]).
    blank_paper: f64,
}

/// Grey levels (of a 2×2 block's mean) below the paper's level that still count as blank paper.
const BLANK_TOLERANCE: f64 = 6.0;

/// The grey levels of the colour-spread samples, as a histogram of their sums over 4 pixels'
/// 3 channels (0..=3060): exact ranks without sorting a hundred thousand values.
struct Levels {
    counts: Vec<u32>,
    total: usize,
}

impl Default for Levels {
    fn default() -> Levels {
        Levels {
            counts: vec![0; 12 * 255 + 1],
            total: 0,
        }
    }
}

impl Levels {
    fn add(&mut self, sum: usize) {
        self.counts[sum.min(12 * 255)] += 1;
        self.total += 1;
    }

    /// The level (0..255) of rank `rank` (0-based, in ascending order).
    fn at_rank(&self, rank: usize) -> f32 {
        let mut seen = 0usize;
        for (sum, &count) in self.counts.iter().enumerate() {
            seen += count as usize;
            if seen > rank {
                return (sum as f64 / 12.0) as f32;
            }
        }
        255.0
    }

    /// The level at quantile `q` (nearest rank).
    fn percentile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let rank = ((self.total - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
        f64::from(self.at_rank(rank))
    }

    /// How much darker the ink is than the paper: 1 − (5th percentile ÷ 95th percentile), 0
    /// when there are too few samples to tell.
    fn ink_contrast(&self) -> f64 {
        if self.total < 100 {
            return 0.0;
        }
        let last = self.total - 1;
        let dark = self.at_rank(last / 20);
        let bright = self.at_rank(last - last / 20);
        if bright <= 0.0 {
            return 0.0;
        }
        f64::from(1.0 - dark / bright).clamp(0.0, 1.0)
    }
}

/// Toner specks per 10 000 pixels of bright paper: a pixel at least 30 levels darker (in
/// green) than every one of 8 pixels 3 away from it, which are themselves bright, the darkest
/// of its 3×3 neighbourhood. Printed lines and text are never isolated like this; the loose
/// toner a copier scatters over white paper is. Every 4th row of the document is looked at.
fn speck_density(image: &RgbImage, area: &Area) -> f64 {
    let (x0, y0, x1, y1) = area.bounds;
    let count = count_specks(image, y0, y1, |y| {
        let span = area
            .row_span(y as f32)
            .map(|(left, right)| (left.max(x0), right.min(x1)));
        [span, None]
    });
    if count.paper < 1000 {
        return 0.0;
    }
    count.density()
}

/// Loose toner on the paper *around* the document: specks (as [`speck_density`]) in the band
/// between the outline grown by 6 % (clear of the card's own edge and a slightly wrong
/// outline) and by 35 %, clipped to the picture. A card photographed lying on a copy sheet, or
/// a copy of a card with the sheet around it, shows the copier's white paper there, speckled
/// with toner; a genuine card lies on a table, a cloth or clean paper. Counted only when at
/// least half the band is bright paper (median green at least 200): a textured surface
/// (granite, fabric) has dark flecks of its own and is never that uniformly white. Half, not
/// more: a card copied near the sheet's edge leaves the band running over the table beyond
/// the sheet on one or two sides (on the seed-11000 tuning set, 4 copies whose band was
/// 50–80 % paper were missed, and no other picture's band measured more than 0.3 specks).
/// Nor when the band is not blank: toner specks are nearly the only marks on a copy sheet,
/// while print round the outline (the document's own, when the outline found is a part of it)
/// has dots of its own ([`MAX_SHEET_MARKS`]).
fn sheet_specks(image: &RgbImage, corners: &[Point; 4]) -> f64 {
    if !corners.iter().all(|c| c[0].is_finite() && c[1].is_finite()) {
        return 0.0;
    }
    let outer = Area::from_quad(image, scaled(corners, 1.35));
    let inner = Area::from_quad(image, scaled(corners, 1.06));
    let (x0, y0, x1, y1) = outer.bounds;
    let count = count_specks(image, y0, y1, |y| {
        let Some((left, right)) = outer
            .row_span(y as f32)
            .map(|(left, right)| (left.max(x0), right.min(x1)))
        else {
            return [None, None];
        };
        match inner.row_span(y as f32) {
            Some((a, b)) if a < right && b > left => {
                [Some((left, a.max(left))), Some((b.min(right), right))]
            }
            _ => [Some((left, right)), None],
        }
    });
    if count.paper < 1000
        || count.paper * 2 < count.pixels
        || count.median_level().is_none_or(|level| level < 200)
        || count.marks * 10_000 > count.paper * MAX_SHEET_MARKS
    {
        return 0.0;
    }
    count.density()
}

/// Most pixels at the edge of a mark (print or speck) per 10 000 pixels of paper in the band
/// round the outline for that band to be a blank sheet. On the tuning and large sets, copy
/// sheets' bands measured 4–260 (one 650); where an outline found inside the document put the
/// band over the document's own print (an open passport's facing page, a licence's text), or a
/// screenshot's page of text lay round it, 350–740, with a speck or more per 10 000 from the
/// dots of that print.
const MAX_SHEET_MARKS: usize = 300;

/// What [`count_specks`] saw.
struct SpeckCount {
    specks: usize,
    /// Pixels of bright paper (green at least 150).
    paper: usize,
    pixels: usize,
    /// Histogram of the green level of every pixel looked at.
    levels: [usize; 256],
    /// Pixels at least 30 levels darker than a bright pixel 3 to the left or right: the edges
    /// of every mark on paper, print or speck.
    marks: usize,
}

impl SpeckCount {
    fn density(&self) -> f64 {
        if self.paper == 0 {
            return 0.0;
        }
        self.specks as f64 / self.paper as f64 * 10_000.0
    }

    fn median_level(&self) -> Option<usize> {
        let mut seen = 0;
        self.levels.iter().position(|&n| {
            seen += n;
            2 * seen > self.pixels
        })
    }
}

/// Counts toner specks on every 4th row from `y0` to `y1` over the (up to two) column spans
/// `spans(y)` gives for each row; see [`speck_density`] for what a speck is.
fn count_specks(
    image: &RgbImage,
    y0: usize,
    y1: usize,
    spans: impl Fn(usize) -> [Option<(usize, usize)>; 2],
) -> SpeckCount {
    const R: usize = 3;
    let mut count = SpeckCount {
        specks: 0,
        paper: 0,
        pixels: 0,
        levels: [0; 256],
        marks: 0,
    };
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w < 2 * R + 1 || h < 2 * R + 1 {
        return count;
    }
    let raw = image.as_raw();
    let green = |x: usize, y: usize| i32::from(raw.get((y * w + x) * 3 + 1).copied().unwrap_or(0));
    let ring: [(isize, isize); 8] = [
        (-3, 0),
        (3, 0),
        (0, -3),
        (0, 3),
        (-2, -2),
        (2, -2),
        (-2, 2),
        (2, 2),
    ];
    for y in (y0.max(R)..y1.min(h - R)).step_by(4) {
        for (left, right) in spans(y).into_iter().flatten() {
            let (left, right) = (left.max(R), right.min(w - R));
            for x in left..right {
                let c = green(x, y);
                count.pixels += 1;
                count.levels[c.clamp(0, 255) as usize] += 1;
                if c >= 150 {
                    count.paper += 1;
                }
                let (before, after) = (green(x - R, y), green(x + R, y));
                if (before >= 150 && c + 30 <= before) || (after >= 150 && c + 30 <= after) {
                    count.marks += 1;
                }
                if c + 30 > before || c + 30 > after {
                    continue;
                }
                let (mut lowest, mut sum) = (255, 0);
                for &(dx, dy) in &ring {
                    let v = green(x.wrapping_add_signed(dx), y.wrapping_add_signed(dy));
                    lowest = lowest.min(v);
                    sum += v;
                }
                if sum < 8 * 150 || c + 30 > lowest {
                    continue;
                }
                let darkest = (y - 1..=y + 1)
                    .flat_map(|yy| (x - 1..=x + 1).map(move |xx| (xx, yy)))
                    .all(|(xx, yy)| green(xx, yy) >= c);
                if darkest {
                    count.specks += 1;
                }
            }
        }
    }
    count
}

/// A screen's sub-pixel stripes (and the moiré they make with the camera's own pixel grid)
/// modulate the colour of everything the screen shows, at a fixed high frequency that drifts
/// only slowly across the picture (perspective). Because the red, green and blue stripes sit
/// side by side, the colour does not just swing along one axis: it *turns* through red, green
/// and blue, so the two colour differences (R−G and B−(R+G)/2) are a quarter-period out of
/// phase at that frequency. Fine coloured print, lens fringes and JPEG's block grid swing
/// along one colour axis (the two differences in or against phase).
///
/// For the nine brightest of 25 full-resolution 128×128 tiles of the document (a display's
/// modulation is proportional to the light it emits, so dark parts show little), the
/// rotating part of the colour spectrum, |2·Im(A·B̄)|, at its strongest frequency in
/// 0.08–0.5 cycles per pixel, against the median colour power of that band (log10 of the
/// amplitude ratio), and the circularity at the frequency of strongest colour power. The same
/// again in 0.02–0.08 cycles per pixel, where the broad rainbow moiré bands of a display
/// photographed from farther away land when the stripes themselves are too fine to resolve.
/// Returns the medians over the tiles, so the pattern must cover the document, not one patch.
fn periodic_peak(image: &RgbImage, area: &Area) -> Periodic {
    const TILE: usize = 128;
    const GRID: usize = 5;
    const USED: usize = 9;
    // Brightness is sampled on every 8th pixel of every 8th row of a tile.
    const SAMPLES_PER_TILE: u32 = ((TILE / 8) * (TILE / 8)) as u32;
    // A sample is blown out at this level in every channel; a tile is glared when more than
    // this share of its samples are.
    const CLIPPED: u8 = 250;
    const GLARED_TILE: (u32, u32) = (1, 4);
    let (x0, y0, x1, y1) = area.bounds;
    if x1 - x0 < TILE || y1 - y0 < TILE {
        return Periodic::default();
    }
    let raw = image.as_raw();
    let w = image.width() as usize;
    // Candidate tiles and their brightness (every 8th pixel).
    let mut candidates = Vec::with_capacity(GRID * GRID);
    for i in 0..GRID {
        for j in 0..GRID {
            let cx = x0 + (x1 - x0) * (2 * j + 1) / (2 * GRID);
            let cy = y0 + (y1 - y0) * (2 * i + 1) / (2 * GRID);
            if !area.contains(cx as f32, cy as f32) {
                continue;
            }
            let left = cx.saturating_sub(TILE / 2).min(x1 - TILE).max(x0);
            let top = cy.saturating_sub(TILE / 2).min(y1 - TILE).max(y0);
            let (mut sum, mut clipped) = (0u32, 0u32);
            for y in (0..TILE).step_by(8) {
                for x in (0..TILE).step_by(8) {
                    let k = ((top + y) * w + left + x) * 3;
                    if let Some(p) = raw.get(k..k + 3) {
                        sum += p.iter().map(|&v| u32::from(v)).sum::<u32>();
                        clipped += u32::from(p.iter().all(|&v| v >= CLIPPED));
                    }
                }
            }
            let glared = clipped * GLARED_TILE.1 > GLARED_TILE.0 * SAMPLES_PER_TILE;
            candidates.push((glared, sum, left, top));
        }
    }
    // The brightest tiles, but a tile a glare blob has blown out carries no modulation at
    // all (every channel clipped): such tiles come last.
    candidates.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    candidates.truncate(USED);
    let mut planner = FftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(TILE);
    let window: Vec<f32> = (0..TILE)
        .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / TILE as f32).cos())
        .collect();
    let bands = [
        band_bins(TILE, SUB_PIXEL_BAND),
        band_bins(TILE, LOW_MOIRE_BAND),
    ];
    // Per band: the tiles' peaks and circularities.
    let mut peaks = [Vec::with_capacity(USED), Vec::with_capacity(USED)];
    let mut circularities = [Vec::with_capacity(USED), Vec::with_capacity(USED)];
    let mut data = vec![Complex::new(0.0f32, 0.0); TILE * TILE];
    let mut power = Vec::new();
    for &(_, _, left, top) in &candidates {
        // Both colour differences in one complex transform: R−G real, B−(R+G)/2 imaginary.
        let (mut mean_re, mut mean_im) = (0.0f32, 0.0f32);
        for y in 0..TILE {
            for x in 0..TILE {
                let i = ((top + y) * w + left + x) * 3;
                let p = |c: usize| f32::from(raw.get(i + c).copied().unwrap_or(0));
                let (r, g, b) = (p(0), p(1), p(2));
                let cell = &mut data[y * TILE + x];
                cell.re = r - g;
                cell.im = b - 0.5 * (r + g);
                mean_re += cell.re;
                mean_im += cell.im;
            }
        }
        let count = (TILE * TILE) as f32;
        let (mean_re, mean_im) = (mean_re / count, mean_im / count);
        for y in 0..TILE {
            for x in 0..TILE {
                let cell = &mut data[y * TILE + x];
                let weight = window[x] * window[y];
                cell.re = (cell.re - mean_re) * weight;
                cell.im = (cell.im - mean_im) * weight;
            }
        }
        fft_2d(&mut data, TILE, fft.as_ref());
        for (k, band) in bands.iter().enumerate() {
            let (peak, circularity) = rotating_colour(&data, band, &mut power);
            peaks[k].push(peak);
            circularities[k].push(circularity);
        }
    }
    let median = |values: &mut Vec<f64>| {
        if values.is_empty() {
            return 0.0;
        }
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let [sub_pixel, low] = [0, 1].map(|k| {
        (
            median(&mut peaks[k]).max(0.0),
            median(&mut circularities[k]),
        )
    });
    Periodic { sub_pixel, low }
}

/// The rotating colour modulation of one band of a tile's colour-difference spectrum `data`
/// (R−G real, B−(R+G)/2 imaginary): the strongest rotating part against the band's median
/// colour power (log10 of the amplitude ratio), and the circularity at the frequency of
/// strongest colour power. `power` is scratch space.
fn rotating_colour(
    data: &[Complex<f32>],
    band: &[(usize, usize)],
    power: &mut Vec<f32>,
) -> (f64, f64) {
    power.clear();
    // Separate the two real signals' spectra: A(k) = (Z(k) + Z*(−k)) / 2,
    // B(k) = (Z(k) − Z*(−k)) / 2i; power |A|² + |B|², rotating part |2·Im(A·B*)|.
    let (mut strongest_power, mut rotating_at_strongest) = (0.0f32, 0.0f32);
    let mut rotating_peak = 0.0f32;
    for &(k, mirror) in band {
        let (Some(&z), Some(m)) = (data.get(k), data.get(mirror).map(|m| m.conj())) else {
            continue;
        };
        let a = (z + m) * 0.5;
        let b = (z - m) * Complex::new(0.0, -0.5);
        let p = a.norm_sqr() + b.norm_sqr();
        let rotating = (2.0 * (a * b.conj()).im).abs();
        power.push(p);
        rotating_peak = rotating_peak.max(rotating);
        if p > strongest_power {
            strongest_power = p;
            rotating_at_strongest = rotating;
        }
    }
    if power.is_empty() {
        return (0.0, 0.0);
    }
    let middle = power.len() / 2;
    let median = f64::from(*power.select_nth_unstable_by(middle, f32::total_cmp).1);
    let peak = 0.5 * (f64::from(rotating_peak).max(1e-9) / median.max(1e-6)).log10();
    let circularity = if strongest_power > 0.0 {
        f64::from(rotating_at_strongest / strongest_power)
    } else {
        0.0
    };
    (peak, circularity)
}

fn fft_2d(data: &mut [Complex<f32>], size: usize, fft: &dyn rustfft::Fft<f32>) {
    for row in data.chunks_exact_mut(size) {
        fft.process(row);
    }
    let mut column = vec![Complex::new(0.0f32, 0.0); size];
    for x in 0..size {
        for y in 0..size {
            column[y] = data[y * size + x];
        }
        fft.process(&mut column);
        for y in 0..size {
            data[y * size + x] = column[y];
        }
    }
}

/// The frequencies within `band` (cycles per pixel) of a `size × size` spectrum, one
/// half-plane only, each as its index and the index of its mirror frequency.
fn band_bins(size: usize, band: (f32, f32)) -> Vec<(usize, usize)> {
    let mut bins = Vec::new();
    let half = size as isize / 2;
    let index = |fx: isize, fy: isize| {
        fy.rem_euclid(size as isize) as usize * size + fx.rem_euclid(size as isize) as usize
    };
    for fy in -half..half {
        for fx in 0..half {
            let radius = ((fx * fx + fy * fy) as f32).sqrt() / size as f32;
            if (band.0..=band.1).contains(&radius) {
                bins.push((index(fx, fy), index(-fx, -fy)));
            }
        }
    }
    bins
}

#[cfg(test)]
mod tests;
