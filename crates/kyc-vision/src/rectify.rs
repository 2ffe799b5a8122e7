//! Rectifying the document: a homography from a rectangle onto the located quadrilateral, and
//! sampling the photo's luma through it, so metrics see the document flat and upright (up to a
//! half turn), at a chosen scale, whatever the camera's angle.

use crate::locate::{Point, distance};
use crate::plane::Plane;

/// A 3×3 projective transform, row-major, mapping (u, v, 1) to (x, y, w).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Homography([f32; 9]);

impl Homography {
    /// The transform taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `quad`'s
    /// corners in order (Heckbert's closed form). `None` for a degenerate quadrilateral.
    pub fn unit_square_to(quad: &[Point; 4]) -> Option<Homography> {
        let [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = *quad;
        let sx = x0 - x1 + x2 - x3;
        let sy = y0 - y1 + y2 - y3;
        let (dx1, dx2, dy1, dy2) = (x1 - x2, x3 - x2, y1 - y2, y3 - y2);
        let det = dx1 * dy2 - dx2 * dy1;
        if det.abs() < 1e-9 {
            return None;
        }
        let g = (sx * dy2 - dx2 * sy) / det;
        let h = (dx1 * sy - sx * dy1) / det;
        Some(Homography([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ]))
    }

    pub fn apply(&self, u: f32, v: f32) -> Point {
        let m = &self.0;
        let w = m[6] * u + m[7] * v + m[8];
        let w = if w.abs() < 1e-9 { 1e-9 } else { w };
        [
            (m[0] * u + m[1] * v + m[2]) / w,
            (m[3] * u + m[4] * v + m[5]) / w,
        ]
    }
}

/// Puts the longer side first, so a rectified document is landscape.
pub fn landscape(corners: &[Point; 4]) -> [Point; 4] {
    let side = |i: usize| distance(corners[i], corners[(i + 1) % 4]);
    if side(0) + side(2) >= side(1) + side(3) {
        *corners
    } else {
        [corners[1], corners[2], corners[3], corners[0]]
    }
}

/// The width and height of a quadrilateral (corners clockwise from the top-left): the mean
/// of its top and bottom sides, and of its right and left sides.
pub fn quad_size(quad: &[Point; 4]) -> (f32, f32) {
    let width = (distance(quad[0], quad[1]) + distance(quad[3], quad[2])) / 2.0;
    let height = (distance(quad[1], quad[2]) + distance(quad[0], quad[3])) / 2.0;
    (width, height)
}

/// `plane` sampled over `quad` (in the plane's pixels) into a `width × height` plane.
/// Samples that fall outside the source are `NaN`. When the output is much smaller than the
/// region, each output pixel averages a 2×2 grid of bilinear samples to avoid aliasing.
pub fn rectify(plane: &Plane, quad: &[Point; 4], width: usize, height: usize) -> Plane {
    let mut out = Plane::new(width, height);
    let Some(transform) = Homography::unit_square_to(quad) else {
        out.data.fill(f32::NAN);
        return out;
    };
    let (source_width, _) = quad_size(quad);
    let supersample = source_width > 1.5 * width as f32;
    let offsets: &[(f32, f32)] = if supersample {
        &[(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]
    } else {
        &[(0.5, 0.5)]
    };
    let (max_x, max_y) = (plane.width as f32 - 1.0, plane.height as f32 - 1.0);
    let (step_u, step_v) = (1.0 / width as f32, 1.0 / height as f32);
    let count = offsets.len() as f32;
    // Row by row, and for each sample offset first where every pixel of the row falls in the
    // photo (a loop without branches the compiler vectorises), then the samples: a third
    // faster than one pixel at a time.
    let (mut xs, mut ys) = (vec![0.0f32; width], vec![0.0f32; width]);
    for (y, row) in out.data.chunks_exact_mut(width.max(1)).enumerate() {
        row.fill(0.0);
        for &(ox, oy) in offsets {
            let v = (y as f32 + oy) * step_v;
            for (x, (sx, sy)) in xs.iter_mut().zip(ys.iter_mut()).enumerate() {
                [*sx, *sy] = transform.apply((x as f32 + ox) * step_u, v);
            }
            for ((value, &sx), &sy) in row.iter_mut().zip(&xs).zip(&ys) {
                *value += if sx >= 0.0 && sy >= 0.0 && sx <= max_x && sy <= max_y {
                    plane.sample_inside(sx, sy)
                } else {
                    f32::NAN
                };
            }
        }
        if offsets.len() > 1 {
            for value in row.iter_mut() {
                *value /= count;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_unit_square_onto_the_quad() {
        let quad = [[10.0, 20.0], [200.0, 35.0], [190.0, 160.0], [5.0, 140.0]];
        let h = Homography::unit_square_to(&quad).unwrap();
        for (uv, corner) in [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
            .iter()
            .zip(quad)
        {
            let p = h.apply(uv.0, uv.1);
            assert!((p[0] - corner[0]).abs() < 1e-3 && (p[1] - corner[1]).abs() < 1e-3);
        }
    }

    #[test]
    fn degenerate_quads_have_no_homography() {
        let flat = [[0.0, 0.0], [10.0, 0.0], [20.0, 0.0], [30.0, 0.0]];
        assert!(Homography::unit_square_to(&flat).is_none());
    }

    #[test]
    fn rectifies_a_region_and_marks_the_outside() {
        let mut image = Plane::new(100, 100);
        for y in 0..100 {
            for x in 50..100 {
                image.set(x, y, 1.0);
            }
        }
        let quad = [[25.0, 10.0], [75.0, 10.0], [75.0, 90.0], [25.0, 90.0]];
        let plane = rectify(&image, &quad, 20, 10);
        assert!(plane.get(2, 5) < 0.05);
        assert!(plane.get(17, 5) > 0.95);
        let outside = [[-50.0, 10.0], [50.0, 10.0], [50.0, 90.0], [-50.0, 90.0]];
        let plane = rectify(&image, &outside, 20, 10);
        assert!(plane.get(0, 5).is_nan());
        assert!(!plane.get(19, 5).is_nan());
    }

    #[test]
    fn landscape_puts_the_long_side_first() {
        let portrait = [[0.0, 0.0], [50.0, 0.0], [50.0, 80.0], [0.0, 80.0]];
        let turned = landscape(&portrait);
        assert_eq!(turned[0], [50.0, 0.0]);
    }
}
