//! Faces: finding the portrait on a document picture (and later on a selfie), its 68
//! landmarks, and the aligned 112×112 crop a face-recognition model expects.
//!
//! * [`FaceDetector`] runs UltraFace RFB-320 ([`FACE_DETECTION`]). The picture is scaled to fit
//!   [`INPUT_WIDTH`]×[`INPUT_HEIGHT`] keeping its aspect (letterboxed: the rest of the input is
//!   neutral grey), each RGB value becomes `(v − 127) / 128`, and the model gives, for each of
//!   its 4,420 prior boxes, a softmax pair (background, face) and a box already decoded to
//!   corners `x0, y0, x1, y1` in fractions of the input. Boxes whose face probability reaches
//!   [`SCORE_THRESHOLD`] are kept, overlapping ones are merged by [`non_maximum_suppression`]
//!   (intersection over union above [`OVERLAP_LIMIT`]), and the survivors are mapped back to the
//!   picture's pixels, best first.
//! * [`FaceDetector::detect_any_orientation`] also tries the picture turned a half turn: a
//!   rectified document is landscape but may be upside down. The detector often still finds an
//!   upside-down portrait, but with clearly lower log-odds ([`Face::log_odds`]) than the same
//!   portrait upright, so the turn that gives the best face is the document's orientation. A
//!   face found upright with log-odds no upside-down face reaches
//!   ([`SURELY_UPRIGHT_LOG_ODDS`]) is taken without trying the turn; so is one found on the
//!   left half of a document page with log-odds of [`LEFT_PORTRAIT_LOG_ODDS`] or more, since
//!   ICAO 9303's data pages and the AAMVA card design put the portrait on the left: a page
//!   turned a half turn shows it on the right.
//! * [`LandmarkModel`] ([`FACE_LANDMARKS`]) reads 68 iBUG points from the face box cut out,
//!   reduced to a 64×64 grey square (luma / 256); it answers each point as `x, y` in fractions of
//!   the box (the chin may lie a little below it).
//! * [`five_points`] takes the eye centres, nose tip and mouth corners from the 68 points, and
//!   [`align`] maps them by the least-squares similarity (rotation, uniform scale, shift) onto
//!   the ArcFace template ([`ALIGNMENT_TEMPLATE`]), sampling the picture into a square.

use image::{Rgb, RgbImage};

use crate::models::{FACE_DETECTION, FACE_LANDMARKS, ModelError, Network, as_f32};

/// Width of the detector's input.
pub const INPUT_WIDTH: usize = 320;
/// Height of the detector's input.
pub const INPUT_HEIGHT: usize = 240;
/// Face probability a detection needs. Measured on 250 clean phone photos of specimens,
/// rectified: upright portraits scored at least 0.998; the best anything scored on a document
/// back (no face) was 0.69, elsewhere on a front 0.33, a faint ghost portrait 0.09.
pub const SCORE_THRESHOLD: f32 = 0.9;
/// [`Face::log_odds`] no upside-down portrait reaches: a face found this sure the picture's
/// way up is upright, and the picture is not tried turned. Upside-down portraits scored at
/// most 7.9 (150 rectified fronts of the clean reference set) and 7.3 (another 150); 81 of
/// those 150 upright portraits scored at least 10.
pub const SURELY_UPRIGHT_LOG_ODDS: f32 = 10.0;
/// [`Face::log_odds`] that makes a face on the left half of a document page upright (see the
/// module documentation). On the 100 fronts of the clean reference set (seed 31000), 61
/// upright portraits on the left scored between 5 and 10 and none below; the 7 faces found
/// on the right half, on pages turned a half turn, scored below 8.
pub const LEFT_PORTRAIT_LOG_ODDS: f32 = 5.0;
/// Intersection over union above which a weaker detection is taken for the same face.
pub const OVERLAP_LIMIT: f32 = 0.3;
/// Side of the grey square the landmark model reads.
pub const LANDMARK_SIDE: usize = 64;
/// Side of the square the ArcFace template is defined on.
pub const ALIGNED_SIDE: u32 = 112;
/// Where the five alignment points go in a 112×112 aligned face (ArcFace's template): left
/// eye, right eye (as seen in the picture), nose tip, left and right mouth corners.
pub const ALIGNMENT_TEMPLATE: [Point; 5] = [
    [38.2946, 51.6963],
    [73.5318, 51.5014],
    [56.0252, 71.7366],
    [41.5493, 92.3655],
    [70.7299, 92.2041],
];

/// Number of prior boxes UltraFace RFB-320 answers for a 320×240 input.
const PRIOR_COUNT: usize = 4420;
/// The input value of the grey that fills the letterbox: `(127 − 127) / 128`.
const PADDING: f32 = 0.0;

/// A point in picture pixels, `[x, y]`.
pub type Point = [f32; 2];

/// A detected face.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    /// `x0, y0, x1, y1` in picture pixels (left, top, right, bottom).
    pub bounds: [f32; 4],
    /// The detector's face probability, 0..1.
    pub score: f32,
    /// The same as log-odds, ln(face / background probability): it keeps ranking strong faces
    /// after `score` has rounded to 1 in `f32`. On 150 rectified document fronts an upright
    /// portrait scored 6.4–13.6, the same portrait upside down at most 7.9 and always at least
    /// 4.5 less.
    pub log_odds: f32,
}

impl Face {
    pub fn width(&self) -> f32 {
        self.bounds[2] - self.bounds[0]
    }

    pub fn height(&self) -> f32 {
        self.bounds[3] - self.bounds[1]
    }

    pub fn centre(&self) -> Point {
        [
            (self.bounds[0] + self.bounds[2]) / 2.0,
            (self.bounds[1] + self.bounds[3]) / 2.0,
        ]
    }
}

/// Which way a picture had to be turned for its face to stand upright.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// The picture was upright as given.
    Upright,
    /// The picture was upside down: turned a half turn, its face stands upright.
    UpsideDown,
}

impl Orientation {
    /// The picture turned so that it is upright.
    pub fn straighten(self, picture: &RgbImage) -> RgbImage {
        match self {
            Orientation::Upright => picture.clone(),
            Orientation::UpsideDown => image::imageops::rotate180(picture),
        }
    }
}

/// The face detector.
pub struct FaceDetector {
    network: Network,
}

impl FaceDetector {
    /// Verifies and loads the bundled UltraFace model.
    pub fn load() -> Result<FaceDetector, ModelError> {
        Ok(FaceDetector {
            network: Network::load(FACE_DETECTION)?,
        })
    }

    /// Plans the network ahead of its first use (see [`Network::prepare`]).
    pub fn prepare(&self) -> Result<(), ModelError> {
        self.network.prepare(&[1, 3, INPUT_HEIGHT, INPUT_WIDTH])
    }

    /// The faces in a picture scoring at least [`SCORE_THRESHOLD`], best first.
    pub fn detect(&self, picture: &RgbImage) -> Result<Vec<Face>, ModelError> {
        let (width, height) = picture.dimensions();
        if width == 0 || height == 0 {
            return Ok(Vec::new());
        }
        let scale = (INPUT_WIDTH as f32 / width as f32).min(INPUT_HEIGHT as f32 / height as f32);
        let scaled_width = ((width as f32 * scale).round() as u32).clamp(1, INPUT_WIDTH as u32);
        let scaled_height = ((height as f32 * scale).round() as u32).clamp(1, INPUT_HEIGHT as u32);
        let scaled = image::imageops::resize(
            picture,
            scaled_width,
            scaled_height,
            image::imageops::FilterType::Triangle,
        );
        let plane = INPUT_WIDTH * INPUT_HEIGHT;
        let mut data = vec![PADDING; 3 * plane];
        for (x, y, pixel) in scaled.enumerate_pixels() {
            let at = y as usize * INPUT_WIDTH + x as usize;
            for (c, &value) in pixel.0.iter().enumerate() {
                data[c * plane + at] = (f32::from(value) - 127.0) / 128.0;
            }
        }
        let outputs = self.network.run(&[1, 3, INPUT_HEIGHT, INPUT_WIDTH], data)?;
        let unexpected = || FACE_DETECTION.run_error("unexpected output shape");
        let (Some((score_shape, scores)), Some((box_shape, boxes))) = (
            outputs.first().and_then(as_f32),
            outputs.get(1).and_then(as_f32),
        ) else {
            return Err(unexpected());
        };
        if score_shape != [1, PRIOR_COUNT, 2] || box_shape != [1, PRIOR_COUNT, 4] {
            return Err(unexpected());
        }
        // Input fractions back to picture pixels.
        let (to_x, to_y) = (INPUT_WIDTH as f32 / scale, INPUT_HEIGHT as f32 / scale);
        let (right, bottom) = (width as f32, height as f32);
        let candidates = scores
            .chunks_exact(2)
            .zip(boxes.chunks_exact(4))
            .filter(|(score, _)| score[1] >= SCORE_THRESHOLD)
            .map(|(score, corners)| Face {
                bounds: [
                    (corners[0] * to_x).clamp(0.0, right),
                    (corners[1] * to_y).clamp(0.0, bottom),
                    (corners[2] * to_x).clamp(0.0, right),
                    (corners[3] * to_y).clamp(0.0, bottom),
                ],
                score: score[1],
                log_odds: score[1].max(f32::MIN_POSITIVE).ln()
                    - score[0].max(f32::MIN_POSITIVE).ln(),
            })
            .filter(|face| face.width() >= 1.0 && face.height() >= 1.0)
            .collect();
        Ok(non_maximum_suppression(candidates, OVERLAP_LIMIT))
    }

    /// The best face of the picture as given and turned a half turn, with the turn that gave
    /// it; the face's bounds are in the pixels of the picture so turned
    /// ([`Orientation::straighten`]). `None` when neither has a face. When `document_page`
    /// (a straightened document rather than a whole photo), a face on the picture's left half
    /// is upright from [`LEFT_PORTRAIT_LOG_ODDS`].
    pub fn detect_any_orientation(
        &self,
        picture: &RgbImage,
        document_page: bool,
    ) -> Result<Option<(Face, Orientation)>, ModelError> {
        let upright = self.detect(picture)?.into_iter().next();
        let surely_upright = |face: &Face| {
            face.log_odds >= SURELY_UPRIGHT_LOG_ODDS
                || (document_page
                    && face.centre()[0] < picture.width() as f32 / 2.0
                    && face.log_odds >= LEFT_PORTRAIT_LOG_ODDS)
        };
        if let Some(face) = upright.filter(surely_upright) {
            return Ok(Some((face, Orientation::Upright)));
        }
        let turned = self
            .detect(&image::imageops::rotate180(picture))?
            .into_iter()
            .next();
        Ok(match (upright, turned) {
            (Some(a), Some(b)) if b.log_odds > a.log_odds => Some((b, Orientation::UpsideDown)),
            (Some(a), _) => Some((a, Orientation::Upright)),
            (None, Some(b)) => Some((b, Orientation::UpsideDown)),
            (None, None) => None,
        })
    }
}

/// Intersection over union of two `x0, y0, x1, y1` boxes (0 when either is empty).
pub fn overlap(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let area = |r: &[f32; 4]| (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
    let inter = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    let shared = area(&inter);
    let union = area(a) + area(b) - shared;
    if union > 0.0 { shared / union } else { 0.0 }
}

/// Greedy non-maximum suppression: the faces by falling [`Face::log_odds`], each kept unless it overlaps
/// (intersection over union above `limit`) one already kept.
pub fn non_maximum_suppression(mut faces: Vec<Face>, limit: f32) -> Vec<Face> {
    faces.sort_by(|a, b| b.log_odds.total_cmp(&a.log_odds));
    let mut kept: Vec<Face> = Vec::new();
    for face in faces {
        if kept
            .iter()
            .all(|k| overlap(&k.bounds, &face.bounds) <= limit)
        {
            kept.push(face);
        }
    }
    kept
}

/// The 68-point landmark model.
pub struct LandmarkModel {
    network: Network,
}

impl LandmarkModel {
    /// Verifies and loads the bundled landmark model.
    pub fn load() -> Result<LandmarkModel, ModelError> {
        Ok(LandmarkModel {
            network: Network::load(FACE_LANDMARKS)?,
        })
    }

    /// The 68 iBUG landmarks of a detected face, in picture pixels (0–16 jaw, 17–26 brows,
    /// 27–35 nose, 36–47 eyes, 48–67 mouth; "left" is as seen in the picture).
    pub fn locate(&self, picture: &RgbImage, face: &Face) -> Result<[Point; 68], ModelError> {
        let [x0, y0, _, _] = face.bounds;
        let (width, height) = (face.width().max(1.0), face.height().max(1.0));
        let input = grey_square(picture, [x0, y0], [width, height], LANDMARK_SIDE);
        let outputs = self
            .network
            .run(&[1, 1, LANDMARK_SIDE, LANDMARK_SIDE], input)?;
        let Some((_, values)) = outputs.first().and_then(as_f32) else {
            return Err(FACE_LANDMARKS.run_error("no output"));
        };
        if values.len() != 136 {
            return Err(FACE_LANDMARKS.run_error("expected 136 values"));
        }
        let mut points = [[0.0; 2]; 68];
        for (point, xy) in points.iter_mut().zip(values.chunks_exact(2)) {
            *point = [x0 + xy[0] * width, y0 + xy[1] * height];
        }
        Ok(points)
    }
}

/// A `side`×`side` grey square (luma / 256) of the picture region at `origin` of `size`,
/// each output pixel the mean of a grid of bilinear samples as fine as the source.
fn grey_square(picture: &RgbImage, origin: Point, size: [f32; 2], side: usize) -> Vec<f32> {
    let step = [size[0] / side as f32, size[1] / side as f32];
    let grid = [
        (step[0].ceil() as usize).clamp(1, 8),
        (step[1].ceil() as usize).clamp(1, 8),
    ];
    let count = (grid[0] * grid[1]) as f32;
    let mut out = Vec::with_capacity(side * side);
    for y in 0..side {
        for x in 0..side {
            let mut sum = 0.0;
            for gy in 0..grid[1] {
                for gx in 0..grid[0] {
                    let sx = origin[0] + (x as f32 + (gx as f32 + 0.5) / grid[0] as f32) * step[0];
                    let sy = origin[1] + (y as f32 + (gy as f32 + 0.5) / grid[1] as f32) * step[1];
                    let [r, g, b] = sample(picture, sx - 0.5, sy - 0.5);
                    sum += 0.299 * r + 0.587 * g + 0.114 * b;
                }
            }
            out.push(sum / count / 256.0);
        }
    }
    out
}

/// Bilinear RGB sample at a pixel position (pixel centres at integers), clamped to the edges.
fn sample(picture: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (width, height) = picture.dimensions();
    if width == 0 || height == 0 {
        return [0.0; 3];
    }
    let x = x.clamp(0.0, (width - 1) as f32);
    let y = y.clamp(0.0, (height - 1) as f32);
    let (x0, y0) = (x as u32, y as u32);
    let (x1, y1) = ((x0 + 1).min(width - 1), (y0 + 1).min(height - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let at = |px: u32, py: u32| picture.get_pixel(px, py).0.map(f32::from);
    let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    let mut out = [0.0; 3];
    for (i, v) in out.iter_mut().enumerate() {
        let top = a[i] * (1.0 - fx) + b[i] * fx;
        let bottom = c[i] * (1.0 - fx) + d[i] * fx;
        *v = top * (1.0 - fy) + bottom * fy;
    }
    out
}

/// The five alignment points from the 68 landmarks, in [`ALIGNMENT_TEMPLATE`]'s order: the
/// centres of the left and right eyes (means of points 36–41 and 42–47), the nose tip (30),
/// and the mouth corners (48, 54).
pub fn five_points(landmarks: &[Point; 68]) -> [Point; 5] {
    let mean = |points: &[Point]| {
        let n = points.len() as f32;
        let (sx, sy) = points
            .iter()
            .fold((0.0, 0.0), |(sx, sy), p| (sx + p[0], sy + p[1]));
        [sx / n, sy / n]
    };
    [
        mean(&landmarks[36..42]),
        mean(&landmarks[42..48]),
        landmarks[30],
        landmarks[48],
        landmarks[54],
    ]
}

/// A similarity transform (rotation, uniform scale, shift):
/// `x' = a·x − b·y + shift[0]`, `y' = b·x + a·y + shift[1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    pub a: f32,
    pub b: f32,
    pub shift: Point,
}

impl Similarity {
    /// The least-squares similarity taking each point of `from` to the matching point of `to`
    /// (Umeyama's solution without reflection). `None` when `from`'s points all coincide.
    pub fn fit(from: &[Point], to: &[Point]) -> Option<Similarity> {
        let n = from.len().min(to.len());
        if n == 0 {
            return None;
        }
        let centre = |points: &[Point]| {
            let (sx, sy) = points[..n]
                .iter()
                .fold((0.0, 0.0), |(sx, sy), p| (sx + p[0], sy + p[1]));
            [sx / n as f32, sy / n as f32]
        };
        let (cf, ct) = (centre(from), centre(to));
        let (mut dot, mut cross, mut norm) = (0.0, 0.0, 0.0);
        for (p, q) in from[..n].iter().zip(&to[..n]) {
            let (px, py) = (p[0] - cf[0], p[1] - cf[1]);
            let (qx, qy) = (q[0] - ct[0], q[1] - ct[1]);
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if norm <= 1e-9 {
            return None;
        }
        let (a, b) = (dot / norm, cross / norm);
        Some(Similarity {
            a,
            b,
            shift: [
                ct[0] - (a * cf[0] - b * cf[1]),
                ct[1] - (b * cf[0] + a * cf[1]),
            ],
        })
    }

    pub fn apply(&self, p: Point) -> Point {
        [
            self.a * p[0] - self.b * p[1] + self.shift[0],
            self.b * p[0] + self.a * p[1] + self.shift[1],
        ]
    }

    /// The inverse transform; `None` when this one collapses the plane (zero scale).
    pub fn inverse(&self) -> Option<Similarity> {
        let scale = self.a * self.a + self.b * self.b;
        if scale <= 1e-12 {
            return None;
        }
        let (a, b) = (self.a / scale, -self.b / scale);
        let [tx, ty] = self.shift;
        Some(Similarity {
            a,
            b,
            shift: [-(a * tx - b * ty), -(b * tx + a * ty)],
        })
    }
}

/// The face cut out of the picture as a `side`×`side` square with its five points
/// ([`five_points`]) brought by a similarity onto [`ALIGNMENT_TEMPLATE`] scaled to `side`
/// ([`ALIGNED_SIDE`] is the template's own size). `None` when the points are degenerate.
pub fn align(picture: &RgbImage, points: &[Point; 5], side: u32) -> Option<RgbImage> {
    let factor = side as f32 / ALIGNED_SIDE as f32;
    let template = ALIGNMENT_TEMPLATE.map(|[x, y]| [x * factor, y * factor]);
    let back = Similarity::fit(points, &template)?.inverse()?;
    Some(RgbImage::from_fn(side, side, |x, y| {
        let [sx, sy] = back.apply([x as f32 + 0.5, y as f32 + 0.5]);
        let rgb = sample(picture, sx - 0.5, sy - 0.5);
        Rgb(rgb.map(|v| v.round().clamp(0.0, 255.0) as u8))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(bounds: [f32; 4], score: f32) -> Face {
        Face {
            bounds,
            score,
            log_odds: (score / (1.0 - score)).ln(),
        }
    }

    #[test]
    fn overlap_of_boxes() {
        let a = [0.0, 0.0, 10.0, 10.0];
        assert_eq!(overlap(&a, &a), 1.0);
        assert_eq!(overlap(&a, &[20.0, 20.0, 30.0, 30.0]), 0.0);
        // Half of each: 50 / 150.
        let b = [5.0, 0.0, 15.0, 10.0];
        assert!((overlap(&a, &b) - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn suppression_keeps_the_best_of_each_cluster() {
        let faces = vec![
            face([0.0, 0.0, 10.0, 10.0], 0.8),
            face([1.0, 1.0, 11.0, 11.0], 0.95),
            face([50.0, 50.0, 60.0, 60.0], 0.75),
            face([0.5, 0.0, 10.5, 10.0], 0.9),
        ];
        let kept = non_maximum_suppression(faces, OVERLAP_LIMIT);
        assert_eq!(
            kept,
            vec![
                face([1.0, 1.0, 11.0, 11.0], 0.95),
                face([50.0, 50.0, 60.0, 60.0], 0.75)
            ]
        );
    }

    #[test]
    fn similarity_recovers_a_known_transform_and_its_inverse() {
        let (angle, scale) = (0.3f32, 1.7f32);
        let truth = Similarity {
            a: scale * angle.cos(),
            b: scale * angle.sin(),
            shift: [12.0, -4.0],
        };
        let from = ALIGNMENT_TEMPLATE;
        let to = from.map(|p| truth.apply(p));
        let fitted = Similarity::fit(&from, &to).unwrap();
        for (p, q) in from.iter().zip(&to) {
            let r = fitted.apply(*p);
            assert!((r[0] - q[0]).abs() < 1e-3 && (r[1] - q[1]).abs() < 1e-3);
            let back = fitted.inverse().unwrap().apply(*q);
            assert!((back[0] - p[0]).abs() < 1e-3 && (back[1] - p[1]).abs() < 1e-3);
        }
        assert!(Similarity::fit(&[[1.0, 1.0]; 5], &from).is_none());
    }

    #[test]
    fn align_brings_the_five_points_onto_the_template() {
        // A picture with a marker (a 3×3 white dot) at each of five points of a face seen
        // twice as large, rotated by 20 degrees and shifted.
        let (angle, scale) = (20f32.to_radians(), 2.0f32);
        let placed = Similarity {
            a: scale * angle.cos(),
            b: scale * angle.sin(),
            shift: [150.0, 40.0],
        };
        let points = ALIGNMENT_TEMPLATE.map(|p| placed.apply(p));
        let mut picture = RgbImage::new(400, 400);
        for [x, y] in points {
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (px, py) = (
                        (x.floor() as i32 + dx) as u32,
                        (y.floor() as i32 + dy) as u32,
                    );
                    picture.put_pixel(px, py, Rgb([255, 255, 255]));
                }
            }
        }
        let aligned = align(&picture, &points, ALIGNED_SIDE).unwrap();
        assert_eq!(aligned.dimensions(), (ALIGNED_SIDE, ALIGNED_SIDE));
        for [x, y] in ALIGNMENT_TEMPLATE {
            let v = aligned.get_pixel(x as u32, y as u32).0[0];
            assert!(v > 100, "no marker at ({x}, {y}): {v}");
        }
        // Away from the markers the aligned face is dark.
        assert!(aligned.get_pixel(56, 20).0[0] < 20);
        // Twice the side: the markers scale with it.
        let large = align(&picture, &points, 2 * ALIGNED_SIDE).unwrap();
        let [x, y] = ALIGNMENT_TEMPLATE[2];
        assert!(large.get_pixel((2.0 * x) as u32, (2.0 * y) as u32).0[0] > 100);
    }

    #[test]
    fn five_points_are_eye_centres_nose_tip_and_mouth_corners() {
        let mut landmarks = [[0.0; 2]; 68];
        for (i, p) in landmarks.iter_mut().enumerate() {
            *p = [i as f32, 2.0 * i as f32];
        }
        let five = five_points(&landmarks);
        assert_eq!(five[0], [38.5, 77.0]);
        assert_eq!(five[1], [44.5, 89.0]);
        assert_eq!(five[2], [30.0, 60.0]);
        assert_eq!(five[3], [48.0, 96.0]);
        assert_eq!(five[4], [54.0, 108.0]);
    }
}
