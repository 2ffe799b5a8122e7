//! An OCR-B glyph classifier for the 37 characters of machine-readable zones.
//!
//! MRZs are printed in one standard typeface, OCR-B, at a fixed pitch, so each character can be
//! cut out on its own and compared with the typeface's glyphs; no general text recogniser is
//! needed. The classifier is trained at start-up on glyphs rendered from the bundled OCR-B
//! font (`assets/fonts/OCRB.otf`): each character is drawn large, thickened and thinned to
//! three stroke weights (print varies from faint to heavy), reduced to a
//! [`PATCH_WIDTH`] × [`PATCH_HEIGHT`] patch, sharp and blurred. Each of those renders is a
//! template, stored with zero mean and unit norm.
//!
//! A patch of a photo is cut around a character's cell by the caller (see `mrz_grid`), one
//! patch pixel larger on every side ([`SAMPLED_WIDTH`] × [`SAMPLED_HEIGHT`]), so the
//! comparison can slide the template by a pixel each way. Its score against a class is the
//! best normalised correlation (cosine between the zero-mean patch and a template) over that
//! class's templates and the nine placements. The patch's character is the best-scoring
//! class; the margin over the best other class says how sure the reading is.
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
/// Blur of the blurred templates, in patch pixels.
const TEMPLATE_BLUR: f32 = 0.8;

const OCR_B: &[u8] = include_bytes!("../../../assets/fonts/OCRB.otf");

/// One rendered glyph: its class and its zero-mean, unit-norm values.
struct Template {
    class: usize,
    values: Vec<f32>,
}

/// The verdict on one patch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classified {
    pub character: char,
    /// Best normalised correlation for that character (−1..1).
    pub score: f32,
    /// The best other character and its score.
    pub runner_up: char,
    pub runner_up_score: f32,
    /// Every character's score, in [`ALPHABET`] order (a lower bound for characters that
    /// were only compared at the centred placement).
    pub scores: [f32; ALPHABET.len()],
}

impl Classified {
    /// How much better the character scored than any other.
    pub fn margin(&self) -> f32 {
        self.score - self.runner_up_score
    }

    /// The score of a character of the MRZ alphabet (−1 for any other).
    pub fn score_of(&self, character: char) -> f32 {
        ALPHABET
            .iter()
            .position(|&c| char::from(c) == character)
            .map_or(-1.0, |i| self.scores[i])
    }

    /// The characters scoring within `margin` of `character`'s score, or above it (never
    /// `character` itself).
    pub fn rivals(&self, character: char, margin: f32) -> impl Iterator<Item = char> + '_ {
        let floor = self.score_of(character) - margin;
        ALPHABET
            .iter()
            .zip(self.scores)
            .filter(move |&(&c, score)| char::from(c) != character && score >= floor)
            .map(|(&c, _)| char::from(c))
    }
}

/// The OCR-B glyph classifier (see the module documentation).
pub struct GlyphClassifier {
    templates: Vec<Template>,
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
    /// Renders the templates from the bundled font (a few milliseconds).
    pub fn new() -> Result<GlyphClassifier, FontError> {
        let font = FontRef::try_from_slice(OCR_B).map_err(|e| FontError(e.to_string()))?;
        let (cw, ch) = (PATCH_WIDTH * OVERSAMPLING, PATCH_HEIGHT * OVERSAMPLING);
        let unit = cw as f32 / PATCH_SPAN_X;
        let size = size_for_unit(&font, unit)?;
        let scaled_unit_blur = 0.03 * unit;
        let mut templates = Vec::new();
        let mut shapes = Vec::new();
        for (class, &character) in ALPHABET.iter().enumerate() {
            let canvas = render(&font, char::from(character), size, unit, cw, ch)?;
            shapes.push(shape_of(&canvas, unit));
            let softened = canvas.blur(scaled_unit_blur);
            for weight in WEIGHTS {
                let mut inked = softened.clone();
                for v in &mut inked.data {
                    *v = smoothstep(weight - 0.12, weight + 0.12, *v);
                }
                let patch = inked.downscale(OVERSAMPLING);
                for blurred in [false, true] {
                    let values = if blurred {
                        patch.blur(TEMPLATE_BLUR).data
                    } else {
                        patch.data.clone()
                    };
                    if let Some(values) = normalised(values) {
                        templates.push(Template { class, values });
                    }
                }
            }
        }
        Ok(GlyphClassifier { templates, shapes })
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
        let windows: Vec<(Vec<f32>, f32)> = (0..3)
            .flat_map(|dy| (0..3).map(move |dx| (dx, dy)))
            .filter_map(|(dx, dy)| {
                let mut window = Vec::with_capacity(PATCH_WIDTH * PATCH_HEIGHT);
                for y in 0..PATCH_HEIGHT {
                    let start = (y + dy) * SAMPLED_WIDTH + dx;
                    window.extend_from_slice(&sampled[start..start + PATCH_WIDTH]);
                }
                let norm = centred_norm(&window);
                (norm > 1e-6).then_some((window, norm))
            })
            .collect();
        if windows.is_empty() {
            return None;
        }
        // Every template at the centred placement first; the few best classes are then tried
        // at every placement.
        let mut best = [f32::NEG_INFINITY; ALPHABET.len()];
        let (centre, centre_norm) = &windows[windows.len() / 2];
        for template in &self.templates {
            let score = dot(&template.values, centre) / centre_norm;
            if score > best[template.class] {
                best[template.class] = score;
            }
        }
        let mut order: Vec<usize> = (0..ALPHABET.len()).collect();
        order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
        let finalists = &order[..SHIFTED_CLASSES];
        for template in self
            .templates
            .iter()
            .filter(|t| finalists.contains(&t.class))
        {
            for (window, norm) in &windows {
                let score = dot(&template.values, window) / norm;
                if score > best[template.class] {
                    best[template.class] = score;
                }
            }
        }
        let mut order: Vec<usize> = (0..ALPHABET.len()).collect();
        order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
        let (first, second) = (order[0], order[1]);
        Some(Classified {
            character: char::from(ALPHABET[first]),
            score: best[first],
            runner_up: char::from(ALPHABET[second]),
            runner_up_score: best[second],
            scores: best,
        })
    }
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
                assert!(verdict.margin() > 0.02, "{verdict:?}");
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
