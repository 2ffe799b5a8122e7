//! Image-quality metrics of the document region, each a plain number a threshold is applied to.
//!
//! All of them are measured on the *rectified* document (flat, landscape, at most
//! [`READING_WIDTH`] pixels wide), so they do not depend on the camera's angle, and are scaled
//! to how the document would be read rather than to the photo's megapixels.
//!
//! * **Sharpness** — the median width of strong edges. At each local maximum of the intensity
//!   gradient along rows (and, separately, columns), the edge extends while the gradient keeps
//!   its sign and stays above a quarter of the peak; for a step blurred by a Gaussian of
//!   standard deviation σ that width is about 3.3·√(σ² + 2/3) pixels (the central difference
//!   adds its own spread). The wider of the row and column medians is kept, so one-directional
//!   motion blur is caught. `sharpness = 4 / width`, capped at 1: a crisp photo scores 1 (an edge
//!   four pixels wide or less), a defocused one a fraction of it.
//! * **Glare** — the fraction of the document whose luma is clipped (≥ 0.98) and well above
//!   the document's own paper level: specular reflections destroy what is printed under them,
//!   while the white paper of a scan is not glare.
//! * **Exposure** — the document is cut into an 8 × 5 grid and each cell's *paper level* (its
//!   90th-percentile luma) is measured, so dark print does not count as darkness. `brightness` is
//!   the median paper level; `dark_fraction` the share of cells whose paper level is under 60 %
//!   of the brightest cells' (a shadow) or under 0.2 (black).

use crate::plane::Plane;

/// Width of the rectified document the metrics are measured on, at most.
pub const READING_WIDTH: usize = 1000;

/// Sharpness of a plane, from the widths of its strong edges.
#[derive(Clone, Debug, PartialEq)]
pub struct Sharpness {
    /// `4 / edge_width`, capped at 1; 1 when too few edges were found to judge.
    pub score: f64,
    /// Median width in pixels of strong edges in the blurrier direction.
    pub edge_width: Option<f64>,
    /// Edges measured in each direction (along rows, along columns).
    pub edges: [usize; 2],
}

/// Fewer strong edges than this in a direction and that direction is not judged.
const MIN_EDGES: usize = 40;

/// Measures sharpness; `NaN` samples (outside the photo) are skipped.
pub fn sharpness(plane: &Plane) -> Sharpness {
    let rows = edge_widths(plane, Direction::AlongRows);
    let columns = edge_widths(plane, Direction::AlongColumns);
    let counts = [rows.len(), columns.len()];
    let medians: Vec<f64> = [rows, columns]
        .into_iter()
        .filter(|widths| widths.len() >= MIN_EDGES)
        .map(|mut widths| median(&mut widths))
        .collect();
    let width = medians.into_iter().reduce(f64::max);
    Sharpness {
        score: width.map_or(1.0, |w| (4.0 / w).min(1.0)),
        edge_width: width,
        edges: counts,
    }
}

#[derive(Clone, Copy)]
enum Direction {
    AlongRows,
    AlongColumns,
}

fn edge_widths(plane: &Plane, direction: Direction) -> Vec<f64> {
    let (lines, length) = match direction {
        Direction::AlongRows => (plane.height, plane.width),
        Direction::AlongColumns => (plane.width, plane.height),
    };
    if length < 8 {
        return Vec::new();
    }
    let at = |line: usize, i: usize| match direction {
        Direction::AlongRows => plane.get(i, line),
        Direction::AlongColumns => plane.get(line, i),
    };
    // Central differences of every other line, then a threshold relative to the strongest.
    let step = if lines > 400 { 2 } else { 1 };
    let mut gradients: Vec<Vec<f32>> = Vec::with_capacity(lines / step + 1);
    let mut magnitudes = Vec::new();
    for line in (0..lines).step_by(step) {
        let mut g = vec![f32::NAN; length];
        for (i, slot) in g.iter_mut().enumerate().take(length - 1).skip(1) {
            *slot = (at(line, i + 1) - at(line, i - 1)) / 2.0;
            if slot.is_finite() && i % 3 == 0 {
                magnitudes.push(slot.abs());
            }
        }
        gradients.push(g);
    }
    if magnitudes.is_empty() {
        return Vec::new();
    }
    let index = ((magnitudes.len() as f32) * 0.99) as usize;
    let index = index.min(magnitudes.len() - 1);
    let p99 = *magnitudes.select_nth_unstable_by(index, f32::total_cmp).1;
    let threshold = (0.5 * p99).max(0.02);
    let mut widths = Vec::new();
    for g in &gradients {
        let mut i = 2;
        while i < length - 2 {
            let peak = g[i];
            if !(peak.abs() >= threshold
                && peak.abs() >= g[i - 1].abs()
                && peak.abs() > g[i + 1].abs())
            {
                i += 1;
                continue;
            }
            let sign = peak.signum();
            let floor = 0.25 * peak.abs();
            let mut left = i;
            while left > 1 && g[left - 1].is_finite() && g[left - 1] * sign > floor {
                left -= 1;
            }
            let mut right = i;
            while right < length - 2 && g[right + 1].is_finite() && g[right + 1] * sign > floor {
                right += 1;
            }
            let touches_edge = left <= 1 || right >= length - 2;
            let touches_gap = !g[left - 1].is_finite() || !g[right + 1].is_finite();
            if !touches_edge && !touches_gap && right - left < 40 {
                widths.push((right - left + 1) as f64);
            }
            i = right + 1;
        }
    }
    widths
}

/// Brightness and shadow of a plane (values 0..1, `NaN` skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// Median paper level of the grid cells.
    pub brightness: f64,
    /// Share of cells in shadow or black.
    pub dark_fraction: f64,
}

pub fn exposure(plane: &Plane) -> Exposure {
    const COLUMNS: usize = 8;
    const ROWS: usize = 5;
    let mut levels = Vec::with_capacity(COLUMNS * ROWS);
    for row in 0..ROWS {
        for column in 0..COLUMNS {
            let (x0, x1) = (
                column * plane.width / COLUMNS,
                (column + 1) * plane.width / COLUMNS,
            );
            let (y0, y1) = (row * plane.height / ROWS, (row + 1) * plane.height / ROWS);
            let mut values: Vec<f32> = Vec::with_capacity((x1 - x0) * (y1 - y0) / 4 + 1);
            for y in (y0..y1).step_by(2) {
                for x in (x0..x1).step_by(2) {
                    let v = plane.get(x, y);
                    if v.is_finite() {
                        values.push(v);
                    }
                }
            }
            if values.len() >= 16 {
                let index = ((values.len() as f32) * 0.9) as usize;
                let index = index.min(values.len() - 1);
                levels.push(f64::from(
                    *values.select_nth_unstable_by(index, f32::total_cmp).1,
                ));
            }
        }
    }
    if levels.is_empty() {
        return Exposure {
            brightness: 0.0,
            dark_fraction: 1.0,
        };
    }
    let brightness = median(&mut levels.clone());
    let mut sorted = levels.clone();
    sorted.sort_by(f64::total_cmp);
    let bright = sorted[((sorted.len() - 1) as f64 * 0.9) as usize];
    let dark = levels
        .iter()
        .filter(|&&level| level < 0.6 * bright || level < 0.2)
        .count();
    Exposure {
        brightness,
        dark_fraction: dark as f64 / levels.len() as f64,
    }
}

/// Fraction of (finite) samples that are glare: clipped (≥ 0.98) *and* well above the paper
/// level of the document (`paper_level`, the exposure's brightness). On a scan or an evenly
/// lit white document the paper itself is near white, and white paper is not glare: a
/// highlight must stand out from the paper around it.
pub fn glare_fraction(plane: &Plane, paper_level: f64) -> f64 {
    let threshold = (paper_level as f32 + 0.08).max(0.98);
    let (mut clipped, mut total) = (0usize, 0usize);
    for &v in &plane.data {
        if v.is_finite() {
            total += 1;
            if v >= threshold {
                clipped += 1;
            }
        }
    }
    if total == 0 {
        0.0
    } else {
        clipped as f64 / total as f64
    }
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
    fn blur_lowers_sharpness_in_proportion() {
        let sharp = print_like(400, 260);
        let crisp = sharpness(&sharp.blur(0.7));
        let soft = sharpness(&sharp.blur(2.0));
        let blurry = sharpness(&sharp.blur(4.0));
        assert!(crisp.score > 0.8, "{crisp:?}");
        assert!(soft.score < crisp.score && blurry.score < soft.score);
        assert!(blurry.score < 0.35, "{blurry:?}");
        assert!(soft.score < 0.7, "{soft:?}");
        // Width ≈ 3.3 √(σ² + 2/3) for a blurred step.
        let width = blurry.edge_width.unwrap();
        assert!((width - 13.7).abs() < 3.0, "{width}");
    }

    #[test]
    fn blur_in_one_direction_is_caught() {
        let sharp = print_like(400, 260);
        // Smear along rows only (horizontal motion).
        let mut smeared = Plane::new(sharp.width, sharp.height);
        for y in 0..sharp.height {
            for x in 0..sharp.width {
                let mut sum = 0.0;
                for k in 0..15 {
                    sum += sharp.get((x + k).min(sharp.width - 1), y);
                }
                smeared.set(x, y, sum / 15.0);
            }
        }
        let score = sharpness(&smeared).score;
        assert!(score < 0.4, "{score}");
    }

    #[test]
    fn a_blank_page_is_not_judged_blurry() {
        let plane = Plane {
            width: 200,
            height: 100,
            data: vec![0.8; 20_000],
        };
        let result = sharpness(&plane);
        assert_eq!(result.score, 1.0);
        assert_eq!(result.edge_width, None);
    }

    #[test]
    fn exposure_sees_darkness_and_shadow() {
        let lit = print_like(400, 250);
        let normal = exposure(&lit);
        assert!((normal.brightness - 0.85).abs() < 0.01);
        assert_eq!(normal.dark_fraction, 0.0);

        let mut dim = lit.clone();
        dim.data.iter_mut().for_each(|v| *v *= 0.2);
        let dim = exposure(&dim);
        assert!(dim.brightness < 0.2 && dim.dark_fraction == 1.0);

        let mut shadowed = lit.clone();
        for y in 0..250 {
            for x in 0..160 {
                let v = shadowed.get(x, y);
                shadowed.set(x, y, v * 0.4);
            }
        }
        let shadow = exposure(&shadowed);
        assert!((shadow.dark_fraction - 0.375).abs() < 0.05, "{shadow:?}");
    }

    #[test]
    fn glare_counts_clipped_samples_only() {
        let mut plane = print_like(100, 100);
        for y in 10..30 {
            for x in 10..30 {
                plane.set(x, y, 1.0);
            }
        }
        plane.set(0, 0, f32::NAN);
        let fraction = glare_fraction(&plane, 0.85);
        assert!((fraction - 0.04).abs() < 0.001, "{fraction}");
        // On white paper (a scan), the same white square is paper, not glare.
        assert_eq!(glare_fraction(&plane, 0.97), 0.0);
    }
}
