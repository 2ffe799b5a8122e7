//! Text detection and recognition with the bundled PP-OCRv4 models.
//!
//! * [`TextDetector`] runs the DB text detector on a picture scaled to fit
//!   [`DETECTION_SIDE`] and turns its probability map into oriented boxes: pixels above
//!   [`PIXEL_THRESHOLD`] are grouped into 8-connected regions, a region is kept when its mean
//!   probability reaches [`BOX_THRESHOLD`], its orientation and extent come from the second
//!   moments of its pixels, and it is grown by the "unclip" distance the detector was trained
//!   to shrink text by (area × [`UNCLIP_RATIO`] / perimeter).
//! * [`TextRecognizer`] cuts a box out along its orientation into a strip 48 pixels high, runs
//!   the CTC recogniser on it and decodes greedily: the most likely symbol per step, repeats
//!   merged, blanks dropped. Each character carries the probability the model gave it.
//!
//! Shapes are bucketed (detector sides to multiples of 128, strip widths to multiples of 64) so
//! the per-shape plan cache of [`Network`] stays small.

use image::RgbImage;

use crate::models::{ModelError, Network, TEXT_DETECTION, TEXT_RECOGNITION, as_f32};

/// Longest side, in pixels, of the picture the detector sees.
pub const DETECTION_SIDE: u32 = 960;
/// Probability above which a pixel of the detector's map is text.
pub const PIXEL_THRESHOLD: f32 = 0.3;
/// Mean probability a region needs to be kept as a text box.
pub const BOX_THRESHOLD: f32 = 0.5;
/// How far a detected region is grown back: area × ratio / perimeter (PP-OCR's default).
pub const UNCLIP_RATIO: f32 = 1.6;
/// Height of the strip the recogniser reads.
pub const STRIP_HEIGHT: usize = 48;
/// Longest strip the recogniser is given.
pub const MAX_STRIP_WIDTH: usize = 2048;
/// Strips are padded to a multiple of this width, so the network sees few shapes.
pub const STRIP_WIDTH_STEP: usize = 64;
/// Smallest region, in detector pixels, that can be a line of text.
const MIN_REGION_PIXELS: usize = 12;

/// A point in picture pixels, `[x, y]`.
pub type Point = [f32; 2];

/// A detected line of text: an oriented rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    /// Centre of the rectangle.
    pub centre: Point,
    /// Unit vector along the line (its x component is never negative).
    pub direction: Point,
    /// Length along the line and height across it, in pixels.
    pub length: f32,
    pub height: f32,
    /// Mean detector probability over the region.
    pub score: f32,
}

impl TextBox {
    /// The four corners, clockwise from the start of the line's top edge (top meaning the side
    /// the upright reading would put on top).
    pub fn corners(&self) -> [Point; 4] {
        let [dx, dy] = self.direction;
        let (hl, hh) = (self.length / 2.0, self.height / 2.0);
        let along = [dx * hl, dy * hl];
        let across = [-dy * hh, dx * hh];
        let [cx, cy] = self.centre;
        [
            [cx - along[0] - across[0], cy - along[1] - across[1]],
            [cx + along[0] - across[0], cy + along[1] - across[1]],
            [cx + along[0] + across[0], cy + along[1] + across[1]],
            [cx - along[0] + across[0], cy - along[1] + across[1]],
        ]
    }

    /// The same box read the other way round (text upside down).
    pub fn reversed(&self) -> TextBox {
        TextBox {
            direction: [-self.direction[0], -self.direction[1]],
            ..self.clone()
        }
    }

    /// Whether a point lies inside the rectangle.
    pub fn contains(&self, point: Point) -> bool {
        let (dx, dy) = (point[0] - self.centre[0], point[1] - self.centre[1]);
        let [ux, uy] = self.direction;
        let along = dx * ux + dy * uy;
        let across = -dx * uy + dy * ux;
        along.abs() <= self.length / 2.0 && across.abs() <= self.height / 2.0
    }

    /// The angle of the line in degrees, in (-90, 90].
    pub fn angle_deg(&self) -> f32 {
        self.direction[1].atan2(self.direction[0]).to_degrees()
    }
}

/// The text detector.
pub struct TextDetector {
    network: Network,
}

impl TextDetector {
    pub fn load() -> Result<TextDetector, ModelError> {
        Ok(TextDetector {
            network: Network::load(TEXT_DETECTION)?,
        })
    }

    /// Finds lines of text in a picture; boxes are in the picture's pixels.
    pub fn detect(&self, picture: &RgbImage) -> Result<Vec<TextBox>, ModelError> {
        let (w, h) = (picture.width().max(1), picture.height().max(1));
        let scale = (DETECTION_SIDE as f32 / w.max(h) as f32).min(1.0);
        let sw = ((w as f32 * scale).round() as u32).max(1);
        let sh = ((h as f32 * scale).round() as u32).max(1);
        let scaled = if (sw, sh) == (w, h) {
            picture.clone()
        } else {
            image::imageops::resize(picture, sw, sh, image::imageops::FilterType::Triangle)
        };
        let (cw, ch) = (bucket(sw as usize, 128), bucket(sh as usize, 128));
        let mut data = vec![0.0f32; 3 * cw * ch];
        for (x, y, pixel) in scaled.enumerate_pixels() {
            let (x, y) = (x as usize, y as usize);
            for c in 0..3 {
                data[c * cw * ch + y * cw + x] = (f32::from(pixel[c]) - 127.5) / 127.5;
            }
        }
        let outputs = self.network.run(&[1, 3, ch, cw], data)?;
        let unexpected = || TEXT_DETECTION.run_error("unexpected output shape");
        let Some((shape, map)) = outputs.first().and_then(as_f32) else {
            return Err(unexpected());
        };
        if shape.len() != 4 || shape[2] != ch || shape[3] != cw {
            return Err(unexpected());
        }
        let boxes = boxes_from_map(map, cw, sw as usize, sh as usize);
        let back = 1.0 / scale;
        Ok(boxes
            .into_iter()
            .map(|b| TextBox {
                centre: [b.centre[0] * back, b.centre[1] * back],
                length: b.length * back,
                height: b.height * back,
                ..b
            })
            .collect())
    }
}

/// Rounds up to a multiple of `step`.
fn bucket(value: usize, step: usize) -> usize {
    value.max(1).div_ceil(step) * step
}

/// Turns the detector's probability map (`stride` wide, of which `width` × `height` is
/// picture) into text boxes in map pixels.
pub fn boxes_from_map(map: &[f32], stride: usize, width: usize, height: usize) -> Vec<TextBox> {
    let at = |x: usize, y: usize| map.get(y * stride + x).copied().unwrap_or(0.0);
    let mut seen = vec![false; width * height];
    let mut boxes = Vec::new();
    let mut stack = Vec::new();
    let mut region: Vec<(usize, usize)> = Vec::new();
    for start in 0..width * height {
        let (sx, sy) = (start % width, start / width);
        if seen[start] || at(sx, sy) <= PIXEL_THRESHOLD {
            continue;
        }
        seen[start] = true;
        region.clear();
        stack.push((sx, sy));
        while let Some((x, y)) = stack.pop() {
            region.push((x, y));
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if nx < 0 || ny < 0 || nx >= width as i32 || ny >= height as i32 {
                        continue;
                    }
                    let (nx, ny) = (nx as usize, ny as usize);
                    let index = ny * width + nx;
                    if !seen[index] && at(nx, ny) > PIXEL_THRESHOLD {
                        seen[index] = true;
                        stack.push((nx, ny));
                    }
                }
            }
        }
        if region.len() < MIN_REGION_PIXELS {
            continue;
        }
        let score = region.iter().map(|&(x, y)| at(x, y)).sum::<f32>() / region.len() as f32;
        if score < BOX_THRESHOLD {
            continue;
        }
        if let Some(text_box) = oriented_box(&region, score) {
            boxes.push(text_box);
        }
    }
    boxes
}

/// The oriented rectangle of a region of pixels, grown by the unclip distance.
fn oriented_box(region: &[(usize, usize)], score: f32) -> Option<TextBox> {
    let n = region.len() as f32;
    let (mut mx, mut my) = (0.0f32, 0.0f32);
    for &(x, y) in region {
        mx += x as f32;
        my += y as f32;
    }
    mx /= n;
    my /= n;
    let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
    for &(x, y) in region {
        let (dx, dy) = (x as f32 - mx, y as f32 - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (mut ux, mut uy) = (angle.cos(), angle.sin());
    if ux < 0.0 {
        (ux, uy) = (-ux, -uy);
    }
    let (vx, vy) = (-uy, ux);
    let (mut lo_u, mut hi_u, mut lo_v, mut hi_v) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for &(x, y) in region {
        let (dx, dy) = (x as f32 - mx, y as f32 - my);
        let (u, v) = (dx * ux + dy * uy, dx * vx + dy * vy);
        lo_u = lo_u.min(u);
        hi_u = hi_u.max(u);
        lo_v = lo_v.min(v);
        hi_v = hi_v.max(v);
    }
    // Pixel centres span one pixel less than the region does.
    let length = hi_u - lo_u + 1.0;
    let height = hi_v - lo_v + 1.0;
    if !(length.is_finite() && height.is_finite()) {
        return None;
    }
    let grow = length * height * UNCLIP_RATIO / (2.0 * (length + height));
    let (cu, cv) = ((lo_u + hi_u) / 2.0, (lo_v + hi_v) / 2.0);
    let (length, height) = (length + 2.0 * grow, height + 2.0 * grow);
    let (direction, length, height) = if height > length {
        // A region taller than it is long is a vertical line (or a single character): keep
        // the longer side as the line's direction.
        let (mut dx, mut dy) = (vx, vy);
        if dx < 0.0 || (dx == 0.0 && dy < 0.0) {
            (dx, dy) = (-dx, -dy);
        }
        ([dx, dy], height, length)
    } else {
        ([ux, uy], length, height)
    };
    Some(TextBox {
        centre: [mx + cu * ux + cv * vx, my + cu * uy + cv * vy],
        direction,
        length,
        height,
        score,
    })
}

/// One recognised character.
#[derive(Clone, Debug, PartialEq)]
pub struct RecognisedChar {
    pub character: char,
    /// The probability the recogniser gave it.
    pub confidence: f32,
    /// Where it was read, as a fraction of the strip's length (0 = start, 1 = end).
    pub position: f32,
}

/// A recognised line.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    pub chars: Vec<RecognisedChar>,
}

impl Recognised {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.character).collect()
    }

    /// The lowest character confidence (1 for an empty line).
    pub fn min_confidence(&self) -> f32 {
        self.chars.iter().map(|c| c.confidence).fold(1.0, f32::min)
    }
}

/// The text recogniser.
pub struct TextRecognizer {
    network: Network,
    /// Symbols by class index; index 0 is the CTC blank.
    symbols: Vec<char>,
}

impl TextRecognizer {
    pub fn load() -> Result<TextRecognizer, ModelError> {
        let network = Network::load(TEXT_RECOGNITION)?;
        let dictionary = network
            .property("onnx.metadata_props.character")
            .ok_or_else(|| ModelError::Load {
                name: TEXT_RECOGNITION.name,
                message: "no `character` dictionary in the model's metadata".into(),
            })?;
        let mut symbols = vec!['\0'];
        symbols.extend(dictionary.lines().filter_map(|l| l.chars().next()));
        // PP-OCR appends the space as the last class.
        symbols.push(' ');
        Ok(TextRecognizer { network, symbols })
    }

    /// Plans the network for every strip width up to `widest` pixels (see [`Network::prepare`]).
    pub fn prepare(&self, widest: usize) -> Result<(), ModelError> {
        for width in (STRIP_WIDTH_STEP..=widest.min(MAX_STRIP_WIDTH)).step_by(STRIP_WIDTH_STEP) {
            self.network.prepare(&[1, 3, STRIP_HEIGHT, width])?;
        }
        Ok(())
    }

    /// Reads the text in a box of the picture.
    pub fn read(&self, picture: &RgbImage, text_box: &TextBox) -> Result<Recognised, ModelError> {
        self.read_strip(cut_strip(picture, text_box))
    }

    /// Reads a strip already cut and scaled to [`STRIP_HEIGHT`] (channel-major, normalised
    /// to -1..1, `width` wide).
    fn read_strip(&self, strip: Strip) -> Result<Recognised, ModelError> {
        let Strip { data, width, used } = strip;
        let outputs = self.network.run(&[1, 3, STRIP_HEIGHT, width], data)?;
        let unexpected = || TEXT_RECOGNITION.run_error("unexpected output shape");
        let Some((shape, probs)) = outputs.first().and_then(as_f32) else {
            return Err(unexpected());
        };
        if shape.len() != 3 || shape[2] != self.symbols.len() {
            return Err(unexpected());
        }
        Ok(ctc_decode(
            probs,
            shape[1],
            shape[2],
            &self.symbols,
            // The steps that cover picture, not padding.
            (shape[1] * used).div_ceil(width.max(1)).min(shape[1]),
        ))
    }
}

/// A strip cut out of a picture for the recogniser.
struct Strip {
    data: Vec<f32>,
    /// Width of the tensor (bucketed).
    width: usize,
    /// Width holding picture; the rest is padding.
    used: usize,
}

/// Cuts a box out of the picture along its direction, scaled to [`STRIP_HEIGHT`] high.
fn cut_strip(picture: &RgbImage, text_box: &TextBox) -> Strip {
    let scale = text_box.height.max(1.0) / STRIP_HEIGHT as f32;
    let used = ((text_box.length / scale).round() as usize).clamp(8, MAX_STRIP_WIDTH);
    let width = bucket(used, STRIP_WIDTH_STEP).min(MAX_STRIP_WIDTH);
    let [dx, dy] = text_box.direction;
    let [x0, y0] = text_box.corners()[0];
    let plane = STRIP_HEIGHT * width;
    let mut data = vec![0.0f32; 3 * plane];
    let along = text_box.length / used as f32;
    for v in 0..STRIP_HEIGHT {
        for u in 0..used {
            let (fu, fv) = ((u as f32 + 0.5) * along, (v as f32 + 0.5) * scale);
            let x = x0 + fu * dx - fv * dy;
            let y = y0 + fu * dy + fv * dx;
            let rgb = bilinear(picture, x, y);
            for c in 0..3 {
                data[c * plane + v * width + u] = (rgb[c] - 127.5) / 127.5;
            }
        }
    }
    Strip { data, width, used }
}

/// The colour at a point, bilinear, clamped to the picture.
fn bilinear(picture: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (picture.width() as i64, picture.height() as i64);
    if w == 0 || h == 0 {
        return [127.5; 3];
    }
    let (x, y) = (x - 0.5, y - 0.5);
    let (fx, fy) = (x.floor(), y.floor());
    let (tx, ty) = (x - fx, y - fy);
    let px = |xi: i64, yi: i64| {
        let p = picture.get_pixel(xi.clamp(0, w - 1) as u32, yi.clamp(0, h - 1) as u32);
        [f32::from(p[0]), f32::from(p[1]), f32::from(p[2])]
    };
    let (xi, yi) = (fx as i64, fy as i64);
    let (a, b, c, d) = (
        px(xi, yi),
        px(xi + 1, yi),
        px(xi, yi + 1),
        px(xi + 1, yi + 1),
    );
    let mut out = [0.0; 3];
    for k in 0..3 {
        let top = a[k] + (b[k] - a[k]) * tx;
        let bottom = c[k] + (d[k] - c[k]) * tx;
        out[k] = top + (bottom - top) * ty;
    }
    out
}

/// Greedy CTC decoding of `steps` × `classes` probabilities, over the first `used` steps.
pub fn ctc_decode(
    probs: &[f32],
    steps: usize,
    classes: usize,
    symbols: &[char],
    used: usize,
) -> Recognised {
    let mut chars = Vec::new();
    let mut previous = 0usize;
    for t in 0..steps.min(used) {
        let Some(row) = probs.get(t * classes..(t + 1) * classes) else {
            break;
        };
        let (best, p) = row
            .iter()
            .copied()
            .enumerate()
            .fold(
                (0, f32::MIN),
                |acc, (i, v)| if v > acc.1 { (i, v) } else { acc },
            );
        if best != 0
            && best != previous
            && let Some(&character) = symbols.get(best)
        {
            chars.push(RecognisedChar {
                character,
                confidence: p,
                position: (t as f32 + 0.5) / used.min(steps).max(1) as f32,
            });
        }
        previous = best;
    }
    Recognised { chars }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctc_merges_repeats_and_drops_blanks() {
        let symbols = ['\0', 'A', 'B'];
        // Steps: A A blank A B B
        let steps = [1, 1, 0, 1, 2, 2];
        let mut probs = vec![0.0f32; steps.len() * 3];
        for (t, &c) in steps.iter().enumerate() {
            probs[t * 3 + c] = 0.9;
        }
        let read = ctc_decode(&probs, steps.len(), 3, &symbols, steps.len());
        assert_eq!(read.text(), "AAB");
        assert!((read.min_confidence() - 0.9).abs() < 1e-6);
        // Steps beyond `used` (padding) are ignored.
        assert_eq!(ctc_decode(&probs, steps.len(), 3, &symbols, 2).text(), "A");
    }

    #[test]
    fn a_tilted_bar_becomes_one_box_along_it() {
        // A bar 60 px long and 6 px high, tilted by about 10 degrees.
        let (w, h) = (100usize, 60usize);
        let mut map = vec![0.0f32; w * h];
        let (cx, cy, angle) = (50.0f32, 30.0f32, 10f32.to_radians());
        for y in 0..h {
            for x in 0..w {
                let (dx, dy) = (x as f32 - cx, y as f32 - cy);
                let u = dx * angle.cos() + dy * angle.sin();
                let v = -dx * angle.sin() + dy * angle.cos();
                if u.abs() <= 30.0 && v.abs() <= 3.0 {
                    map[y * w + x] = 0.9;
                }
            }
        }
        let boxes = boxes_from_map(&map, w, w, h);
        assert_eq!(boxes.len(), 1);
        let b = &boxes[0];
        assert!((b.angle_deg() - 10.0).abs() < 2.0, "{}", b.angle_deg());
        assert!((b.centre[0] - cx).abs() < 1.0 && (b.centre[1] - cy).abs() < 1.0);
        // Grown by the unclip distance: 61 × 7 × 1.6 / (2 × 68) ≈ 5 px on each side.
        assert!(b.length > 66.0 && b.length < 76.0, "{}", b.length);
        assert!(b.height > 12.0 && b.height < 22.0, "{}", b.height);
    }

    #[test]
    fn weak_or_tiny_regions_are_not_text() {
        let (w, h) = (40usize, 20usize);
        let mut map = vec![0.0f32; w * h];
        // A faint blob (mean 0.4 < 0.5) and a 2-pixel speck.
        for y in 5..10 {
            for x in 5..20 {
                map[y * w + x] = 0.4;
            }
        }
        map[15 * w + 30] = 0.9;
        map[15 * w + 31] = 0.9;
        assert!(boxes_from_map(&map, w, w, h).is_empty());
    }
}
