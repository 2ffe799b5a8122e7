//! Capture integrity: was this a camera photo of the original document, or a screenshot, a
//! photocopy, or a photo of a screen?
//!
//! Each detector turns a few measured features into a score between 0 and 1 with a logistic
//! function; the policy's threshold turns the score into a finding. The image itself is the
//! evidence that counts: EXIF is only supporting evidence, because uploads often lose it.
//!
//! * **Screenshot** — a rendered screen has regions of *exactly* equal pixels (app bars, page
//!   backgrounds) that are not clipped white or black, which sensor noise never produces in a
//!   photo; its size is often a device's exact screen resolution; a document shown in it is
//!   perfectly axis-aligned. Supporting: PNG, no camera EXIF.
//! * **Photocopy** — a greyscale copy has no colour of its own: once the light's colour cast is
//!   removed (chromaticity, not raw RGB), the spread of chromaticity over the document is tiny,
//!   while every genuine identity document carries coloured print, security backgrounds and a
//!   colour portrait.
//! * **Screen recapture** — a display's pixel grid and the moiré it makes with the camera's
//!   sensor are periodic: the spectrum of full-resolution tiles shows isolated high-frequency
//!   peaks far above the smooth fall-off of a natural image, strongest in the colour-difference
//!   channel because screens are built of red, green and blue sub-pixels.

use image::RgbImage;
use rustfft::FftPlanner;
use rustfft::num_complex::Complex;
use serde::Serialize;

use crate::intake::{FileFacts, ImageFormat};
use crate::locate::Point;

/// The features behind the capture scores, kept as evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaptureFeatures {
    /// Share of sampled pixels lying in runs of ≥ 64 identical, unclipped pixels.
    pub flat_fraction: f64,
    /// The image is exactly a known screen resolution.
    pub screen_resolution: bool,
    /// The document's outline is an axis-aligned rectangle (within half a degree).
    pub axis_aligned_document: bool,
    /// EXIF names a camera make or model.
    pub camera_exif: bool,
    pub png: bool,
    /// Spread of chromaticity over the document (0 for grey), ×100.
    pub colour_spread: f64,
    /// Strongest isolated high-frequency spectral peak, as log10 of its ratio to the median of
    /// its frequency band (luma or colour difference, whichever is stronger).
    pub periodic_peak: f64,
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

/// Measures the capture features of an upright photo and scores them. `document` is the
/// located outline in source pixels, when one was found.
pub fn capture_scores(
    image: &RgbImage,
    facts: &FileFacts,
    document: Option<&[Point; 4]>,
) -> CaptureScores {
    let (width, height) = image.dimensions();
    let features = CaptureFeatures {
        flat_fraction: round(flat_fraction(image)),
        screen_resolution: SCREEN_RESOLUTIONS
            .iter()
            .any(|&(w, h)| (w, h) == (width, height) || (h, w) == (width, height)),
        axis_aligned_document: document.is_some_and(is_axis_aligned),
        camera_exif: facts.exif.make.is_some() || facts.exif.model.is_some(),
        png: facts.format == ImageFormat::Png,
        colour_spread: round(colour_spread(image, document) * 100.0),
        periodic_peak: round(periodic_peak(image, document)),
    };
    let bit = |b: bool| if b { 1.0 } else { 0.0 };
    let screenshot = logistic(
        -4.0 + 7.0 * (features.flat_fraction / 0.08).min(1.0)
            + 2.0 * bit(features.screen_resolution)
            + 1.0 * bit(features.axis_aligned_document)
            + 0.5 * bit(features.png)
            - 1.5 * bit(features.camera_exif),
    );
    let photocopy = logistic((1.6 - features.colour_spread) * 3.0);
    let screen_recapture = logistic((features.periodic_peak - 2.1) * 5.0);
    CaptureScores {
        screenshot: round(screenshot),
        photocopy: round(photocopy),
        screen_recapture: round(screen_recapture),
        features,
    }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Share of pixels (on every 4th row) in horizontal runs of at least 64 identical pixels whose
/// value is not clipped: rendered UI, never a sensor.
fn flat_fraction(image: &RgbImage) -> f64 {
    const MIN_RUN: usize = 64;
    let width = image.width() as usize;
    if width < MIN_RUN {
        return 0.0;
    }
    let raw = image.as_raw();
    let (mut flat, mut total) = (0usize, 0usize);
    for y in (0..image.height() as usize).step_by(4) {
        let row = &raw[y * width * 3..(y + 1) * width * 3];
        let mut start = 0;
        while start < width {
            let pixel = &row[start * 3..start * 3 + 3];
            let mut end = start + 1;
            while end < width && &row[end * 3..end * 3 + 3] == pixel {
                end += 1;
            }
            let clipped = pixel.iter().all(|&c| c >= 250) || pixel.iter().all(|&c| c <= 5);
            if end - start >= MIN_RUN && !clipped {
                flat += end - start;
            }
            start = end;
        }
        total += width;
    }
    if total == 0 {
        0.0
    } else {
        flat as f64 / total as f64
    }
}

fn is_axis_aligned(corners: &[Point; 4]) -> bool {
    let tolerance = 0.5f32.to_radians().tan();
    (0..4).all(|k| {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let (dx, dy) = ((b[0] - a[0]).abs(), (b[1] - a[1]).abs());
        dy <= dx * tolerance || dx <= dy * tolerance
    })
}

/// The axis-aligned bounding box of the document clipped to the image, or the whole image.
fn region(image: &RgbImage, document: Option<&[Point; 4]>) -> (usize, usize, usize, usize) {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let Some(corners) = document else {
        return (0, 0, w, h);
    };
    let xs = corners.iter().map(|c| c[0]);
    let ys = corners.iter().map(|c| c[1]);
    let clamp_x = |v: f32| (v.max(0.0) as usize).min(w);
    let clamp_y = |v: f32| (v.max(0.0) as usize).min(h);
    let x0 = clamp_x(xs.clone().fold(f32::INFINITY, f32::min));
    let x1 = clamp_x(xs.fold(f32::NEG_INFINITY, f32::max));
    let y0 = clamp_y(ys.clone().fold(f32::INFINITY, f32::min));
    let y1 = clamp_y(ys.fold(f32::NEG_INFINITY, f32::max));
    // Shrink by a tenth on each side so the table around the document does not count.
    let (mx, my) = ((x1 - x0) / 10, (y1 - y0) / 10);
    if x1 - x0 < 20 || y1 - y0 < 20 {
        return (0, 0, w, h);
    }
    (x0 + mx, y0 + my, x1 - mx, y1 - my)
}

/// Standard deviation of chromaticity over well-lit pixels of the document region, after
/// removing its mean (the light's cast).
fn colour_spread(image: &RgbImage, document: Option<&[Point; 4]>) -> f64 {
    let (x0, y0, x1, y1) = region(image, document);
    let step = ((x1 - x0).max(y1 - y0) / 300).max(1);
    let mut samples = Vec::new();
    for y in (y0..y1).step_by(step) {
        for x in (x0..x1).step_by(step) {
            let p = image.get_pixel(x as u32, y as u32).0;
            let (r, g, b) = (f64::from(p[0]), f64::from(p[1]), f64::from(p[2]));
            let sum = r + g + b;
            if !(90.0..=740.0).contains(&sum) {
                continue;
            }
            samples.push(((r - g) / sum, (r + g - 2.0 * b) / sum));
        }
    }
    if samples.len() < 100 {
        return 0.0;
    }
    let n = samples.len() as f64;
    let (ma, mb) = samples
        .iter()
        .fold((0.0, 0.0), |acc, s| (acc.0 + s.0 / n, acc.1 + s.1 / n));
    let variance = samples
        .iter()
        .map(|s| (s.0 - ma).powi(2) + (s.1 - mb).powi(2))
        .sum::<f64>()
        / n;
    variance.sqrt()
}

/// The strongest high-frequency spectral peak shared by four 256×256 full-resolution tiles of
/// the document, in luma or in the red-minus-green channel: log10 of the geometric mean over
/// the tiles of (magnitude / the tile's band median) at the best frequency.
fn periodic_peak(image: &RgbImage, document: Option<&[Point; 4]>) -> f64 {
    const TILE: usize = 256;
    let (x0, y0, x1, y1) = region(image, document);
    if x1 - x0 < TILE || y1 - y0 < TILE {
        return 0.0;
    }
    let centres = [
        (x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3),
        (x0 + 2 * (x1 - x0) / 3, y0 + (y1 - y0) / 3),
        (x0 + (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3),
        (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3),
    ];
    let mut planner = FftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(TILE);
    let window: Vec<f32> = (0..TILE)
        .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / TILE as f32).cos())
        .collect();
    let band = band_bins(TILE);
    let mut best = 0.0f64;
    for channel in [Channel::Luma, Channel::RedMinusGreen] {
        // Sum over tiles of log(magnitude / the tile's band median), per band frequency: a
        // screen's grid peaks at the same frequency in every tile, print patterns do not.
        let mut log_sum = vec![0.0f64; band.len()];
        for &(cx, cy) in &centres {
            let left = cx.saturating_sub(TILE / 2).min(x1 - TILE).max(x0);
            let top = cy.saturating_sub(TILE / 2).min(y1 - TILE).max(y0);
            let mut data = vec![Complex::new(0.0f32, 0.0); TILE * TILE];
            let mut mean = 0.0f32;
            for y in 0..TILE {
                for x in 0..TILE {
                    let p = image.get_pixel((left + x) as u32, (top + y) as u32).0;
                    let v = channel.value(p);
                    data[y * TILE + x].re = v;
                    mean += v;
                }
            }
            mean /= (TILE * TILE) as f32;
            for y in 0..TILE {
                for x in 0..TILE {
                    let cell = &mut data[y * TILE + x];
                    cell.re = (cell.re - mean) * window[x] * window[y];
                }
            }
            fft_2d(&mut data, TILE, fft.as_ref());
            let magnitudes: Vec<f32> = band.iter().map(|&i| data[i].norm()).collect();
            let mut sorted = magnitudes.clone();
            let middle = sorted.len() / 2;
            let median = f64::from(*sorted.select_nth_unstable_by(middle, f32::total_cmp).1);
            let median = median.max(1e-3);
            for (sum, magnitude) in log_sum.iter_mut().zip(&magnitudes) {
                *sum += (f64::from(*magnitude).max(1e-6) / median).ln();
            }
        }
        let strongest = log_sum.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        best = best.max(strongest / centres.len() as f64 / std::f64::consts::LN_10);
    }
    best.max(0.0)
}

#[derive(Clone, Copy)]
enum Channel {
    Luma,
    RedMinusGreen,
}

impl Channel {
    fn value(self, p: [u8; 3]) -> f32 {
        let (r, g, b) = (f32::from(p[0]), f32::from(p[1]), f32::from(p[2]));
        match self {
            Channel::Luma => 0.299 * r + 0.587 * g + 0.114 * b,
            Channel::RedMinusGreen => r - g,
        }
    }
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

/// Indices (into a `size × size` spectrum) of the frequencies between 0.12 and 0.5 cycles per
/// pixel, one half-plane only, skipping the axes (the tile's own borders and straight print
/// lines put energy there).
fn band_bins(size: usize) -> Vec<usize> {
    let mut bins = Vec::new();
    let half = size as isize / 2;
    for fy in -half..half {
        for fx in 0..half {
            if fx.abs() <= 1 || fy.abs() <= 1 {
                continue;
            }
            let radius = ((fx * fx + fy * fy) as f32).sqrt() / size as f32;
            if (0.12..=0.5).contains(&radius) {
                let ux = fx.rem_euclid(size as isize) as usize;
                let uy = fy.rem_euclid(size as isize) as usize;
                bins.push(uy * size + ux);
            }
        }
    }
    bins
}

#[cfg(test)]
mod tests;
