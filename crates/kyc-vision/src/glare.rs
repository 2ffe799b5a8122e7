//! Glare: specular reflections on the document.
//!
//! The fraction of the rectified document covered by clipped (≥ 0.98) patches that fade
//! softly into their surroundings, as specular reflections do (a white printed panel that clips
//! ends at a sharp printed edge instead). Not judged when the paper itself is clipped (a scan
//! or an overexposed photo), where white paper would look the same.

use crate::plane::Plane;

/// Fraction of (finite) samples that are glare.
///
/// Glare is a clipped (≥ 0.98) patch that *fades* into its surroundings: a specular
/// reflection adds light on top of the print, with a soft halo around a saturated core. A white
/// printed area (a barcode's quiet zone, a white panel) may clip too in a bright photo, but it
/// ends at a sharp printed edge, and clipped paper is riddled with the holes of the letters
/// printed on it. So each clipped patch is kept only when it is one compact blob (boundary
/// under 10 √area) and, a few pixels outside its boundary, the picture is still nearly as
/// bright (median drop under 0.12). Nothing is
/// judged when the paper itself is clipped (`paper_level` ≥ 0.975: a scan or an overexposed
/// photo), where glare and paper look the same.
pub fn glare_fraction(plane: &Plane, paper_level: f64) -> f64 {
    const CLIPPED: f32 = 0.98;
    const REACH: isize = 3;
    const MIN_PATCH: usize = 12;
    if paper_level >= 0.975 {
        return 0.0;
    }
    let (w, h) = (plane.width, plane.height);
    let total = plane.data.iter().filter(|v| v.is_finite()).count();
    if total == 0 {
        return 0.0;
    }
    let clipped = |i: usize| plane.data[i] >= CLIPPED;
    let mut seen = vec![false; w * h];
    let mut glare = 0usize;
    let mut patch = Vec::new();
    let mut drops = Vec::new();
    for start in 0..w * h {
        if seen[start] || !clipped(start) {
            continue;
        }
        // Flood-fill one clipped patch.
        patch.clear();
        drops.clear();
        let mut boundary = 0usize;
        seen[start] = true;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            patch.push(i);
            let (x, y) = ((i % w) as isize, (i / w) as isize);
            for (dx, dy) in [(1isize, 0isize), (-1, 0), (0, 1), (0, -1)] {
                let (nx, ny) = (x + dx, y + dy);
                if nx < 0 || ny < 0 || nx >= w as isize || ny >= h as isize {
                    continue;
                }
                let n = ny as usize * w + nx as usize;
                if clipped(n) {
                    if !seen[n] {
                        seen[n] = true;
                        stack.push(n);
                    }
                } else {
                    boundary += 1;
                    // A boundary: how much darker is the picture a few pixels further out?
                    let (fx, fy) = (x + dx * REACH, y + dy * REACH);
                    if fx >= 0 && fy >= 0 && fx < w as isize && fy < h as isize {
                        let outside = plane.data[fy as usize * w + fx as usize];
                        if outside.is_finite() {
                            drops.push(f64::from(CLIPPED - outside));
                        }
                    }
                }
            }
        }
        if patch.len() < MIN_PATCH || drops.is_empty() {
            continue;
        }
        // A reflection is one solid blob; white paper around print is riddled with holes
        // (letters), so its boundary is long for its area.
        let compact = (boundary as f64) < 10.0 * (patch.len() as f64).sqrt();
        if compact && median(&mut drops) < 0.12 {
            glare += patch.len();
        }
    }
    glare as f64 / total as f64
}

fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let middle = values.len() / 2;
    *values.select_nth_unstable_by(middle, f64::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vertical and horizontal bars like print, on paper.
    fn print_like(width: usize, height: usize) -> Plane {
        let mut plane = Plane::new(width, height);
        for y in 0..height {
            for x in 0..width {
                let bar = (x % 40) < 12 || (y % 44) < 12;
                plane.set(x, y, if bar { 0.15 } else { 0.85 });
            }
        }
        plane
    }

    #[test]
    fn glare_is_a_clipped_patch_with_a_soft_halo() {
        let mut plane = print_like(200, 200);
        // A reflection: clipped core of radius 20 fading over 15 more pixels.
        for y in 0..200 {
            for x in 0..200 {
                let d = (((x as f32 - 100.0).powi(2) + (y as f32 - 100.0).powi(2)).sqrt() - 20.0)
                    .max(0.0);
                let light = (1.0 - d / 15.0).max(0.0);
                let v = plane.get(x, y);
                plane.set(x, y, v + (1.0 - v) * light);
            }
        }
        plane.set(0, 0, f32::NAN);
        let fraction = glare_fraction(&plane, 0.85);
        let core = std::f64::consts::PI * 20.0 * 20.0 / 40_000.0;
        assert!(
            fraction > core * 0.9 && fraction < core * 1.6,
            "{fraction} vs {core}"
        );
        // On clipped white paper (a scan), nothing is judged.
        assert_eq!(glare_fraction(&plane, 0.99), 0.0);
    }

    #[test]
    fn a_white_printed_panel_is_not_glare() {
        let mut plane = print_like(200, 200);
        // A clipped white panel with a sharp printed border, like a barcode's quiet zone.
        for y in 40..160 {
            for x in 30..170 {
                let border = !(44..156).contains(&y) || !(34..166).contains(&x);
                plane.set(x, y, if border { 0.1 } else { 1.0 });
            }
        }
        assert_eq!(glare_fraction(&plane, 0.85), 0.0);
    }
}
