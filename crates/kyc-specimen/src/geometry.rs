//! Plane geometry: homographies (3×3, row-major, mapping `[x, y, 1]`), fitted from four point
//! pairs, and the pinhole projection of a tilted rectangle.

/// A projective transform of the plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Homography(pub [f64; 9]);

impl Homography {
    pub(crate) fn identity() -> Homography {
        Homography([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    }

    /// Scale then translate.
    pub(crate) fn scale_translate(sx: f64, sy: f64, tx: f64, ty: f64) -> Homography {
        Homography([sx, 0.0, tx, 0.0, sy, ty, 0.0, 0.0, 1.0])
    }

    /// Rotation by `angle` radians about `centre`.
    pub(crate) fn rotation_about(angle: f64, centre: [f64; 2]) -> Homography {
        let (s, c) = angle.sin_cos();
        let [cx, cy] = centre;
        Homography([
            c,
            -s,
            cx - c * cx + s * cy,
            s,
            c,
            cy - s * cx - c * cy,
            0.0,
            0.0,
            1.0,
        ])
    }

    /// `self` after `first` (apply `first`, then `self`).
    pub(crate) fn after(&self, first: &Homography) -> Homography {
        let a = &self.0;
        let b = &first.0;
        let mut m = [0.0; 9];
        for r in 0..3 {
            for c in 0..3 {
                m[r * 3 + c] = (0..3).map(|k| a[r * 3 + k] * b[k * 3 + c]).sum();
            }
        }
        Homography(m)
    }

    /// Maps a point; far-away results for points on the line at infinity.
    pub(crate) fn apply(&self, p: [f32; 2]) -> [f32; 2] {
        let m = &self.0;
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        let w = m[6] * x + m[7] * y + m[8];
        let w = if w.abs() < 1e-12 { 1e-12 } else { w };
        [
            ((m[0] * x + m[1] * y + m[2]) / w) as f32,
            ((m[3] * x + m[4] * y + m[5]) / w) as f32,
        ]
    }

    /// The inverse, or `None` when singular.
    pub(crate) fn inverse(&self) -> Option<Homography> {
        let m = &self.0;
        let det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if det.abs() < 1e-15 || !det.is_finite() {
            return None;
        }
        let inv = [
            (m[4] * m[8] - m[5] * m[7]) / det,
            (m[2] * m[7] - m[1] * m[8]) / det,
            (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det,
            (m[0] * m[8] - m[2] * m[6]) / det,
            (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det,
            (m[1] * m[6] - m[0] * m[7]) / det,
            (m[0] * m[4] - m[1] * m[3]) / det,
        ];
        Some(Homography(inv))
    }

    /// The homography taking `src[i]` to `dst[i]`, or `None` for degenerate quads.
    pub(crate) fn from_quads(src: &[[f32; 2]; 4], dst: &[[f32; 2]; 4]) -> Option<Homography> {
        let mut a = [[0.0f64; 9]; 8];
        for i in 0..4 {
            let (u, v) = (f64::from(src[i][0]), f64::from(src[i][1]));
            let (x, y) = (f64::from(dst[i][0]), f64::from(dst[i][1]));
            a[2 * i] = [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x];
            a[2 * i + 1] = [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y];
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..8 {
            let pivot =
                (col..8).max_by(|&r1, &r2| a[r1][col].abs().total_cmp(&a[r2][col].abs()))?;
            if a[pivot][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, pivot);
            for row in 0..8 {
                if row != col {
                    let f = a[row][col] / a[col][col];
                    let pivot_row = a[col];
                    for (v, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                        *v -= f * p;
                    }
                }
            }
        }
        let mut h = [0.0; 9];
        for i in 0..8 {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1.0;
        if h.iter().all(|v| v.is_finite()) {
            Some(Homography(h))
        } else {
            None
        }
    }
}

/// The corners of a `w`×`h` rectangle: top-left, top-right, bottom-right, bottom-left.
pub(crate) fn rect_corners(w: f32, h: f32) -> [[f32; 2]; 4] {
    [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]]
}

/// A camera pose for a flat object: rotation in its plane, tilt about the two image axes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pose {
    /// Rotation in the object's plane (radians).
    pub roll: f64,
    /// Tilt about the horizontal axis (radians).
    pub pitch: f64,
    /// Tilt about the vertical axis (radians).
    pub yaw: f64,
    /// Focal length in pixels.
    pub focal: f64,
}

/// Projects the corners of an object `size` pixels large, scaled by `scale` (image pixels per
/// object pixel at the object's centre), centred at `centre` in the image.
pub(crate) fn project(size: [f32; 2], scale: f64, centre: [f64; 2], pose: &Pose) -> [[f32; 2]; 4] {
    let (w, h) = (f64::from(size[0]), f64::from(size[1]));
    let (sr, cr) = pose.roll.sin_cos();
    let (sp, cp) = pose.pitch.sin_cos();
    let (sy, cy) = pose.yaw.sin_cos();
    let mut out = [[0.0f32; 2]; 4];
    for (i, c) in rect_corners(size[0], size[1]).iter().enumerate() {
        let x = (f64::from(c[0]) - w / 2.0) * scale;
        let y = (f64::from(c[1]) - h / 2.0) * scale;
        // Roll (in plane).
        let (x, y) = (x * cr - y * sr, x * sr + y * cr);
        // Pitch about X.
        let (y, z) = (y * cp, y * sp);
        // Yaw about Y.
        let (x, z) = (x * cy + z * sy, -x * sy + z * cy);
        let depth = pose.focal + z;
        let depth = if depth < pose.focal * 0.2 {
            pose.focal * 0.2
        } else {
            depth
        };
        out[i] = [
            (centre[0] + pose.focal * x / depth) as f32,
            (centre[1] + pose.focal * y / depth) as f32,
        ];
    }
    out
}

/// Whether `p` lies inside the convex quad `q` (either winding).
pub(crate) fn inside_quad(q: &[[f32; 2]; 4], p: [f32; 2]) -> bool {
    let mut sign = 0.0f32;
    for i in 0..4 {
        let a = q[i];
        let b = q[(i + 1) % 4];
        let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        if cross != 0.0 {
            if sign == 0.0 {
                sign = cross.signum();
            } else if cross.signum() != sign {
                return false;
            }
        }
    }
    true
}

/// A point of the quad at bilinear coordinates `(s, t)` in 0..1.
pub(crate) fn quad_point(q: &[[f32; 2]; 4], s: f32, t: f32) -> [f32; 2] {
    let top = [
        q[0][0] + (q[1][0] - q[0][0]) * s,
        q[0][1] + (q[1][1] - q[0][1]) * s,
    ];
    let bottom = [
        q[3][0] + (q[2][0] - q[3][0]) * s,
        q[3][1] + (q[2][1] - q[3][1]) * s,
    ];
    [
        top[0] + (bottom[0] - top[0]) * t,
        top[1] + (bottom[1] - top[1]) * t,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_inverts() {
        let src = rect_corners(100.0, 50.0);
        let dst = [[10.0, 20.0], [220.0, 5.0], [240.0, 160.0], [0.0, 140.0]];
        let h = Homography::from_quads(&src, &dst).expect("fits");
        for (s, d) in src.iter().zip(&dst) {
            let p = h.apply(*s);
            assert!((p[0] - d[0]).abs() < 1e-3 && (p[1] - d[1]).abs() < 1e-3);
        }
        let inv = h.inverse().expect("invertible");
        let back = inv.apply(dst[2]);
        assert!((back[0] - 100.0).abs() < 1e-3 && (back[1] - 50.0).abs() < 1e-3);
        assert!(Homography::from_quads(&src, &[[0.0, 0.0]; 4]).is_none());
        assert!(inside_quad(&dst, [100.0, 80.0]));
        assert!(!inside_quad(&dst, [300.0, 80.0]));
    }
}
