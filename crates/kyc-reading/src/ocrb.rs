//! An OCR-B glyph classifier for the 37 characters of machine-readable zones.
//!
//! MRZs are printed in one standard typeface, OCR-B, at a fixed pitch, so each character can be
//! cut out on its own and classified; no general text recogniser is needed.
//!
//! **Training.** The classifier is trained at start-up (under a second) on glyphs rendered
//! from the bundled OCR-B font (`assets/fonts/OCRB.otf`). Each character is drawn large at
//! three stroke weights (faint to heavy print) and two extra sizes (a glyph height measured
//! 5 % off), reduced to a [`PATCH_WIDTH`] × [`PATCH_HEIGHT`] patch at five sub-pixel
//! placements, sharp and slightly blurred (crisp print, a softer photo): 50 samples per
//! character, each made zero-mean and unit-norm. From them, linear discriminant analysis: the
//! pooled within-class covariance, shrunk towards its mean variance ([`SHRINKAGE`]) because
//! rendered glyphs vary less than photographed ones, gives each character a weight vector
//! and a bias whose score is a log-likelihood up to a shared constant. Unlike plain template
//! correlation, the weights dwell on the pixels that tell look-alikes apart (the straight
//! stem of `D` against the round `O`, the taller `0`).
//!
//! **Classifying.** A patch of a photo is cut around a character's cell by the caller (see
//! `mrz_grid`), one patch pixel larger on every side ([`SAMPLED_WIDTH`] ×
//! [`SAMPLED_HEIGHT`]), so each of the nine placements of a template inside it can be tried.
//! Every character is scored at the centred placement, the [`SHIFTED_CLASSES`] best at all
//! nine; a character's score is its best. The verdict ([`Classified`]) keeps every
//! character's discriminant score (differences are evidence in nats) and its *likeness*, the
//! correlation with the character's mean glyph, which says whether the patch looks like a
//! glyph at all. The caller decides what margin is sure enough.
//!
//! Geometry is expressed in *glyph units*: one unit is the height of a typical MRZ glyph
//! (723 font units of 1000, a capital with its overshoot), which the caller measures as the
//! median height of a line's glyphs. A patch spans [`PATCH_SPAN_X`] × [`PATCH_SPAN_Y`] units
//! around the glyph's centre.

use ab_glyph::{Font, FontRef, PxScale};
use kyc_vision::plane::Plane;

/// The characters an MRZ is written with, in class order.
pub const ALPHABET: &[u8; 37] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Width of a template, in patch pixels.
pub const PATCH_WIDTH: usize = 20;
/// Height of a template, in patch pixels.
pub const PATCH_HEIGHT: usize = 28;
/// Width of the patch the caller samples: a pixel of slack on each side.
pub const SAMPLED_WIDTH: usize = PATCH_WIDTH + 2;
/// Height of the patch the caller samples: a pixel of slack on each side.
pub const SAMPLED_HEIGHT: usize = PATCH_HEIGHT + 2;
/// Width a template covers, in glyph units (a glyph is about 0.7 wide, the pitch 1.0–1.1).
pub const PATCH_SPAN_X: f32 = 0.95;
/// Height a template covers, in glyph units.
pub const PATCH_SPAN_Y: f32 = 1.3;
/// Height of the glyph unit, in font units per 1000 of the em.
const UNIT_FONT_UNITS: f32 = 723.0;
/// Height above the baseline of a typical glyph's centre, in glyph units (letters centre at
/// about 0.49, digits and `<` at 0.53).
pub const CENTRE_ABOVE_BASELINE: f32 = 0.505;
/// Rendering resolution: canvas pixels per patch pixel.
const OVERSAMPLING: usize = 8;
/// Stroke weights, as coverage thresholds after a slight blur: lower is heavier.
const WEIGHTS: [f32; 3] = [0.3, 0.5, 0.7];
/// Classes tried at every placement after the first, centred comparison.
const SHIFTED_CLASSES: usize = 5;

const OCR_B: &[u8] = include_bytes!("../../../assets/fonts/OCRB.otf");

/// The verdict on one patch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classified {
    /// The character with the highest discriminant score.
    pub character: char,
    /// The character with the next highest.
    pub runner_up: char,
    /// Every character's discriminant score, in [`ALPHABET`] order: a log-likelihood up to a
    /// shared constant, so differences are evidence in nats. Characters compared only at
    /// the centred placement have a lower bound.
    pub scores: [f32; ALPHABET.len()],
    /// Every character's likeness, in [`ALPHABET`] order: the normalised correlation
    /// (−1..1) of the patch with the character's mean glyph, a check that the patch looks
    /// like a glyph at all.
    pub likenesses: [f32; ALPHABET.len()],
}

impl Classified {
    /// How much more evidence there is for the character than for any other, in nats.
    pub fn margin(&self) -> f32 {
        self.score_of(self.character) - self.score_of(self.runner_up)
    }

    /// The likeness of the character read.
    pub fn likeness(&self) -> f32 {
        self.likeness_of(self.character)
    }

    /// The discriminant score of a character of the MRZ alphabet (−∞ for any other).
    pub fn score_of(&self, character: char) -> f32 {
        class_of(character).map_or(f32::NEG_INFINITY, |i| self.scores[i])
    }

    /// The likeness of a character of the MRZ alphabet (−1 for any other).
    pub fn likeness_of(&self, character: char) -> f32 {
        class_of(character).map_or(-1.0, |i| self.likenesses[i])
    }

    /// The characters that compete with `character`: those whose discriminant score is
    /// within `margin` nats of its score or above it, and those whose likeness is within
    /// `likeness_margin` of its likeness or above it (the two measures fail differently, so
    /// a rival by either is one). Never `character` itself.
    pub fn rivals(
        &self,
        character: char,
        margin: f32,
        likeness_margin: f32,
    ) -> impl Iterator<Item = char> + '_ {
        let floor = self.score_of(character) - margin;
        let likeness_floor = self.likeness_of(character) - likeness_margin;
        ALPHABET
            .iter()
            .zip(self.scores.iter().zip(self.likenesses))
            .filter(move |&(&c, (&score, likeness))| {
                char::from(c) != character && (score >= floor || likeness >= likeness_floor)
            })
            .map(|(&c, _)| char::from(c))
    }
}

fn class_of(character: char) -> Option<usize> {
    ALPHABET.iter().position(|&c| char::from(c) == character)
}

/// The OCR-B glyph classifier (see the module documentation).
pub struct GlyphClassifier {
    /// Per class, the mean rendered glyph, zero mean and unit norm.
    means: Vec<Vec<f32>>,
    /// Per class, the discriminant's weights, the sum of those weights and its bias.
    weights: Vec<Vec<f32>>,
    weight_sums: Vec<f32>,
    biases: Vec<f32>,
    /// Per class, the glyph's height and the height of its centre above the baseline, in
    /// glyph units.
    shapes: Vec<GlyphShape>,
}

/// Where a character's glyph stands, in glyph units: its height and the height of its centre
/// above the baseline (digits stand taller than capitals, `<` shorter).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlyphShape {
    pub height: f32,
    pub centre: f32,
}

/// Why the classifier could not be built: the bundled font does not load or lacks a glyph.
#[derive(Debug, thiserror::Error)]
#[error("the bundled OCR-B font cannot render the MRZ alphabet: {0}")]
pub struct FontError(String);

impl GlyphClassifier {
    /// Renders the training glyphs from the bundled font and fits the discriminant (a
    /// fraction of a second).
    pub fn new() -> Result<GlyphClassifier, FontError> {
        let font = FontRef::try_from_slice(OCR_B).map_err(|e| FontError(e.to_string()))?;
        let (cw, ch) = (PATCH_WIDTH * OVERSAMPLING, PATCH_HEIGHT * OVERSAMPLING);
        let unit = cw as f32 / PATCH_SPAN_X;
        let size = size_for_unit(&font, unit)?;
        let mut samples: Vec<Vec<Vec<f32>>> = Vec::new();
        let mut shapes = Vec::new();
        for &character in ALPHABET {
            let character = char::from(character);
            let mut class_samples = Vec::new();
            for (scale, weights) in [
                (1.0, &WEIGHTS[..]),
                (0.95, &WEIGHTS[1..2]),
                (1.05, &WEIGHTS[1..2]),
            ] {
                let canvas = render(&font, character, size * scale, unit * scale, cw, ch)?;
                if scale == 1.0 {
                    shapes.push(shape_of(&canvas, unit));
                }
                let softened = canvas.blur(0.03 * unit * scale);
                for &weight in weights {
                    let mut inked = softened.clone();
                    for v in &mut inked.data {
                        *v = smoothstep(weight - 0.12, weight + 0.12, *v);
                    }
                    for (dx, dy) in TRAINING_SHIFTS {
                        let patch = downscale_shifted(&inked, dx, dy);
                        for blur in TRAINING_BLURS {
                            if let Some(values) = normalised(patch.blur(blur).data) {
                                class_samples.push(values);
                            }
                        }
                    }
                }
            }
            if class_samples.is_empty() {
                return Err(FontError(format!("{character:?} renders blank")));
            }
            samples.push(class_samples);
        }
        let means: Vec<Vec<f32>> = samples.iter().map(|class| mean_of(class)).collect();
        let (weights, biases) = discriminant(&samples, &means)
            .ok_or_else(|| FontError("the glyphs' covariance is singular".into()))?;
        let weight_sums = weights.iter().map(|w| w.iter().sum()).collect();
        let means = means
            .into_iter()
            .map(|m| normalised(m).unwrap_or_else(|| vec![0.0; PATCH_WIDTH * PATCH_HEIGHT]))
            .collect();
        Ok(GlyphClassifier {
            means,
            weights,
            weight_sums,
            biases,
            shapes,
        })
    }

    /// The shape of a character's glyph; `None` outside the MRZ alphabet.
    pub fn shape(&self, character: char) -> Option<GlyphShape> {
        let class = ALPHABET.iter().position(|&c| char::from(c) == character)?;
        self.shapes.get(class).copied()
    }

    /// Classifies a sampled patch: [`SAMPLED_WIDTH`] × [`SAMPLED_HEIGHT`] ink values (high
    /// where dark), row by row, centred on the character's cell. `None` for a patch of the
    /// wrong size or with no contrast at all.
    pub fn classify(&self, sampled: &[f32]) -> Option<Classified> {
        if sampled.len() != SAMPLED_WIDTH * SAMPLED_HEIGHT {
            return None;
        }
        // The nine placements of the template inside the sampled patch, each with its own
        // mean and norm (the template has zero mean, so only the window's norm matters).
        let windows: Vec<(Vec<f32>, f32, f32)> = (0..3)
            .flat_map(|dy| (0..3).map(move |dx| (dx, dy)))
            .filter_map(|(dx, dy)| {
                let mut window = Vec::with_capacity(PATCH_WIDTH * PATCH_HEIGHT);
                for y in 0..PATCH_HEIGHT {
                    let start = (y + dy) * SAMPLED_WIDTH + dx;
                    window.extend_from_slice(&sampled[start..start + PATCH_WIDTH]);
                }
                let mean = window.iter().sum::<f32>() / window.len() as f32;
                let norm = centred_norm(&window);
                (norm > 1e-6).then_some((window, mean, norm))
            })
            .collect();
        if windows.is_empty() {
            return None;
        }
        // Every class at the centred placement first; the few best are then tried at every
        // placement.
        let mut scores = [f32::NEG_INFINITY; ALPHABET.len()];
        let mut likenesses = [-1.0f32; ALPHABET.len()];
        let centre = &windows[windows.len() / 2];
        for class in 0..ALPHABET.len() {
            scores[class] = self.score(class, centre);
            likenesses[class] = dot(&self.means[class], &centre.0) / centre.2;
        }
        let mut order: Vec<usize> = (0..ALPHABET.len()).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        for &class in &order[..SHIFTED_CLASSES] {
            for window in &windows {
                scores[class] = scores[class].max(self.score(class, window));
                likenesses[class] =
                    likenesses[class].max(dot(&self.means[class], &window.0) / window.2);
            }
        }
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        Some(Classified {
            character: char::from(ALPHABET[order[0]]),
            runner_up: char::from(ALPHABET[order[1]]),
            scores,
            likenesses,
        })
    }

    /// The discriminant score of a class for a window (values, mean, centred norm): the
    /// weights applied to the window made zero-mean and unit-norm.
    fn score(&self, class: usize, (values, mean, norm): &(Vec<f32>, f32, f32)) -> f32 {
        (dot(&self.weights[class], values) - mean * self.weight_sums[class]) / norm
            + self.biases[class]
    }
}

/// Blurs of the training glyphs, in patch pixels: sharp print to an out-of-focus photo.
const TRAINING_BLURS: [f32; 2] = [0.0, 0.8];
/// Placements of the training glyphs, in canvas pixels (an eighth of a patch pixel each).
const TRAINING_SHIFTS: [(isize, isize); 5] = [(0, 0), (3, 3), (-3, -3), (3, -3), (-3, 3)];
/// Share of the pooled covariance replaced by its mean variance on the diagonal: the
/// rendered glyphs vary less than photographed ones, so the discriminant must not lean on
/// directions they happen not to vary in.
const SHRINKAGE: f32 = 0.3;

/// A canvas reduced to a template, its blocks moved by `(dx, dy)` canvas pixels (what falls
/// outside counts as blank).
fn downscale_shifted(canvas: &Plane, dx: isize, dy: isize) -> Plane {
    let mut out = Plane::new(PATCH_WIDTH, PATCH_HEIGHT);
    let (w, h) = (canvas.width as isize, canvas.height as isize);
    let block = OVERSAMPLING as isize;
    for py in 0..PATCH_HEIGHT {
        for px in 0..PATCH_WIDTH {
            let mut sum = 0.0;
            for y in 0..block {
                let sy = py as isize * block + y - dy;
                if !(0..h).contains(&sy) {
                    continue;
                }
                for x in 0..block {
                    let sx = px as isize * block + x - dx;
                    if (0..w).contains(&sx) {
                        sum += canvas.data[(sy * w + sx) as usize];
                    }
                }
            }
            out.set(px, py, sum / (block * block) as f32);
        }
    }
    out
}

fn mean_of(vectors: &[Vec<f32>]) -> Vec<f32> {
    let mut mean = vec![0.0f32; vectors[0].len()];
    for v in vectors {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += x;
        }
    }
    let n = vectors.len() as f32;
    mean.iter_mut().for_each(|m| *m /= n);
    mean
}

/// Linear discriminant analysis: the pooled within-class covariance `S` (shrunk towards its
/// mean variance by [`SHRINKAGE`]), then per class the weights `S⁻¹ μ` and the bias
/// `−½ μᵀ S⁻¹ μ`. `None` when `S` is singular.
fn discriminant(
    samples: &[Vec<Vec<f32>>],
    means: &[Vec<f32>],
) -> Option<(Vec<Vec<f32>>, Vec<f32>)> {
    let d = means[0].len();
    let mut covariance = vec![0.0f32; d * d];
    let mut count = 0usize;
    let mut centred = vec![0.0f32; d];
    for (class, mean) in samples.iter().zip(means) {
        for sample in class {
            for ((c, x), m) in centred.iter_mut().zip(sample).zip(mean) {
                *c = x - m;
            }
            // Upper triangle only, row by row (each row an axpy the compiler vectorises).
            for i in 0..d {
                let ci = centred[i];
                let row = &mut covariance[i * d + i..(i + 1) * d];
                for (s, c) in row.iter_mut().zip(&centred[i..]) {
                    *s += ci * c;
                }
            }
            count += 1;
        }
    }
    let n = count.max(1) as f64;
    let trace: f64 = (0..d).map(|i| f64::from(covariance[i * d + i]) / n).sum();
    let floor = trace / d as f64;
    let shrink = f64::from(SHRINKAGE);
    let mut matrix = vec![0.0f64; d * d];
    for i in 0..d {
        for j in i..d {
            let mut v = (1.0 - shrink) * f64::from(covariance[i * d + j]) / n;
            if i == j {
                v += shrink * floor;
            }
            matrix[i * d + j] = v;
            matrix[j * d + i] = v;
        }
    }
    let lower = cholesky(&matrix, d)?;
    let mut weights = Vec::new();
    let mut biases = Vec::new();
    for mean in means {
        let rhs: Vec<f64> = mean.iter().map(|&m| f64::from(m)).collect();
        let w = cholesky_solve(&lower, d, &rhs);
        let quadratic: f64 = w.iter().zip(&rhs).map(|(a, b)| a * b).sum();
        biases.push((-0.5 * quadratic) as f32);
        weights.push(w.into_iter().map(|v| v as f32).collect());
    }
    Some((weights, biases))
}

/// The lower-triangular `L` with `L Lᵀ = matrix` (`d` × `d`, row-major); `None` when the
/// matrix is not positive definite.
fn cholesky(matrix: &[f64], d: usize) -> Option<Vec<f64>> {
    let mut lower = vec![0.0f64; d * d];
    for i in 0..d {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|k| lower[i * d + k] * lower[j * d + k]).sum();
            if i == j {
                let v = matrix[i * d + i] - dot;
                if v <= 0.0 {
                    return None;
                }
                lower[i * d + i] = v.sqrt();
            } else {
                lower[i * d + j] = (matrix[i * d + j] - dot) / lower[j * d + j];
            }
        }
    }
    Some(lower)
}

/// Solves `L Lᵀ x = rhs`.
fn cholesky_solve(lower: &[f64], d: usize, rhs: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0f64; d];
    for i in 0..d {
        let dot: f64 = (0..i).map(|k| lower[i * d + k] * y[k]).sum();
        y[i] = (rhs[i] - dot) / lower[i * d + i];
    }
    let mut x = vec![0.0f64; d];
    for i in (0..d).rev() {
        let dot: f64 = (i + 1..d).map(|k| lower[k * d + i] * x[k]).sum();
        x[i] = (y[i] - dot) / lower[i * d + i];
    }
    x
}

/// The font size (pixels per em) at which the glyph unit is `unit` pixels tall.
fn size_for_unit(font: &FontRef<'_>, unit: f32) -> Result<f32, FontError> {
    let per_em = font
        .units_per_em()
        .ok_or_else(|| FontError("no units per em".into()))?;
    // ab_glyph's pixel scale is the height from descender to ascender.
    let height_units = font.ascent_unscaled() - font.descent_unscaled();
    let unit_units = UNIT_FONT_UNITS * per_em / 1000.0;
    Ok(unit * height_units / unit_units)
}

/// Draws one character's coverage on a `width` × `height` canvas whose centre is the
/// character's advance centre, at the height of a typical glyph's centre.
fn render(
    font: &FontRef<'_>,
    character: char,
    size: f32,
    unit: f32,
    width: usize,
    height: usize,
) -> Result<Plane, FontError> {
    let scale = PxScale::from(size);
    let scaled = ab_glyph::Font::as_scaled(font, scale);
    let id = font.glyph_id(character);
    let advance = ab_glyph::ScaleFont::h_advance(&scaled, id);
    let pen = width as f32 / 2.0 - advance / 2.0;
    let baseline = height as f32 / 2.0 + CENTRE_ABOVE_BASELINE * unit;
    let glyph = id.with_scale_and_position(scale, ab_glyph::point(pen, baseline));
    let outline = font
        .outline_glyph(glyph)
        .ok_or_else(|| FontError(format!("no outline for {character:?}")))?;
    let bounds = outline.px_bounds();
    let mut canvas = Plane::new(width, height);
    outline.draw(|gx, gy, coverage| {
        let x = bounds.min.x as i64 + i64::from(gx);
        let y = bounds.min.y as i64 + i64::from(gy);
        if (0..width as i64).contains(&x) && (0..height as i64).contains(&y) {
            canvas.set(x as usize, y as usize, coverage.clamp(0.0, 1.0));
        }
    });
    Ok(canvas)
}

/// The inked rows of a rendered glyph, as a [`GlyphShape`] (the canvas's centre row is
/// [`CENTRE_ABOVE_BASELINE`] units above the baseline).
fn shape_of(canvas: &Plane, unit: f32) -> GlyphShape {
    let inked = |y: &usize| (0..canvas.width).any(|x| canvas.get(x, *y) >= 0.5);
    let top = (0..canvas.height).find(inked).unwrap_or(0) as f32;
    let bottom = (0..canvas.height)
        .rev()
        .find(inked)
        .map_or(0.0, |y| y as f32 + 1.0);
    let baseline = canvas.height as f32 / 2.0 + CENTRE_ABOVE_BASELINE * unit;
    GlyphShape {
        height: (bottom - top) / unit,
        centre: (baseline - (top + bottom) / 2.0) / unit,
    }
}

fn smoothstep(lo: f32, hi: f32, v: f32) -> f32 {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Zero mean, unit norm; `None` for a flat patch.
fn normalised(mut values: Vec<f32>) -> Option<Vec<f32>> {
    let mean = values.iter().sum::<f32>() / values.len().max(1) as f32;
    for v in &mut values {
        *v -= mean;
    }
    let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
    if norm < 1e-6 {
        return None;
    }
    for v in &mut values {
        *v /= norm;
    }
    Some(values)
}

fn centred_norm(values: &[f32]) -> f32 {
    let n = values.len().max(1) as f32;
    let mean = values.iter().sum::<f32>() / n;
    values
        .iter()
        .map(|v| (v - mean) * (v - mean))
        .sum::<f32>()
        .sqrt()
}

/// Dot product over eight running sums, so the compiler can use vector instructions.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..8 {
            sums[i] += x[i] * y[i];
        }
    }
    sums.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sampled patch of one character rendered by the font at `weight`, shifted by
    /// `(dx, dy)` patch pixels.
    fn rendered(character: char, dx: f32, dy: f32) -> Vec<f32> {
        let font = FontRef::try_from_slice(OCR_B).unwrap();
        let (cw, ch) = (SAMPLED_WIDTH * OVERSAMPLING, SAMPLED_HEIGHT * OVERSAMPLING);
        let unit = (PATCH_WIDTH * OVERSAMPLING) as f32 / PATCH_SPAN_X;
        let size = size_for_unit(&font, unit).unwrap();
        let canvas = render(&font, character, size, unit, cw, ch).unwrap();
        let mut shifted = Plane::new(cw, ch);
        let (ox, oy) = (dx * OVERSAMPLING as f32, dy * OVERSAMPLING as f32);
        for y in 0..ch {
            for x in 0..cw {
                let (sx, sy) = (x as f32 - ox, y as f32 - oy);
                if sx >= 0.0 && sy >= 0.0 && sx < (cw - 1) as f32 && sy < (ch - 1) as f32 {
                    shifted.set(x, y, canvas.sample_inside(sx, sy));
                }
            }
        }
        shifted.downscale(OVERSAMPLING).blur(0.6).data
    }

    #[test]
    fn every_character_is_told_from_the_others() {
        let classifier = GlyphClassifier::new().unwrap();
        for &c in ALPHABET {
            let c = char::from(c);
            for (dx, dy) in [(0.0, 0.0), (0.6, -0.4), (-0.8, 0.7)] {
                let verdict = classifier.classify(&rendered(c, dx, dy)).unwrap();
                assert_eq!(verdict.character, c, "{verdict:?} at ({dx}, {dy})");
                assert!(verdict.margin() > 1.0, "{verdict:?}");
                assert!(verdict.likeness() > 0.8, "{verdict:?}");
            }
        }
    }

    #[test]
    fn flat_or_misshapen_patches_are_not_classified() {
        let classifier = GlyphClassifier::new().unwrap();
        assert!(
            classifier
                .classify(&[0.5; SAMPLED_WIDTH * SAMPLED_HEIGHT])
                .is_none()
        );
        assert!(classifier.classify(&[0.5; 10]).is_none());
    }
}
