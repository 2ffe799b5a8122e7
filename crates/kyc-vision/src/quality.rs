//! Image-quality metrics of the document region, each a plain number a threshold is applied to.
//!
//! All of them are measured on the *rectified* document (flat, landscape, at most
//! [`READING_WIDTH`] pixels wide), so they do not depend on the camera's angle, and are scaled
//! to how the document would be read rather than to the photo's megapixels.
//!
//! * **Sharpness** — the median width of strong edges, measured across each edge along its own
//!   gradient direction: from the crest, the edge extends while the directional derivative stays
//!   above a quarter of the peak; for a step blurred by a Gaussian of standard deviation σ that
//!   width is about 3.3·√(σ² + 2/3) pixels (the central difference adds its own spread). Edges
//!   are grouped into eight orientations and the blurriest orientation decides, so camera shake
//!   (which widens only the edges across the motion) is caught as well as defocus. `sharpness = 4 / width`, capped at 1: a crisp photo scores 1 (an edge
//!   four pixels wide or less), a defocused one a fraction of it.
//! * **Exposure** — the document is cut into a 12 × 8 grid and each cell's *paper level* (its
//!   95th-percentile luma) is measured, so dark print does not count as darkness. `brightness`
//!   is the median paper level; `dark_fraction` the share of cells in shadow: paper under 70 %
//!   of the brightest cells' (or black), in a patch that reaches the document's edge — a shadow
//!   is cast from outside, while a dark portrait or emblem is enclosed by paper.

use crate::plane::Plane;

/// Width of the rectified document the metrics are measured on, at most.
pub const READING_WIDTH: usize = 1000;

/// Sharpness of a plane, from the widths of its strong edges.
#[derive(Clone, Debug, PartialEq)]
pub struct Sharpness {
    /// `4 / edge_width`, capped at 1; 1 when too few edges were found to judge.
    pub score: f64,
    /// Width in pixels (interquartile mean) of strong edges in the blurriest edge orientation.
    pub edge_width: Option<f64>,
    /// Edges measured in each of the [`ORIENTATIONS`] orientation bins.
    pub edges: [usize; ORIENTATIONS],
}

/// Edge orientations are binned in this many bins of 180° / `ORIENTATIONS`.
pub const ORIENTATIONS: usize = 8;

/// Fewer strong edges than this in an orientation and that orientation is not judged.
const MIN_EDGES: usize = 40;

/// Measures sharpness; `NaN` samples (outside the photo) are skipped.
///
/// Edges are measured across themselves, along their own gradient direction, and grouped by
/// orientation: defocus widens every orientation, camera shake only the edges across the
/// motion. The blurriest orientation with enough edges decides, so both are caught. Within an
/// orientation only its strongest edges count (half its 99th-percentile gradient), since a
/// shaken edge loses contrast as it widens.
pub fn sharpness(plane: &Plane) -> Sharpness {
    let (width, height) = (plane.width, plane.height);
    let mut edges = [0usize; ORIENTATIONS];
    if width < 8 || height < 8 {
        return Sharpness {
            score: 1.0,
            edge_width: None,
            edges,
        };
    }
    // Central-difference gradients.
    let mut gx = vec![f32::NAN; width * height];
    let mut gy = vec![f32::NAN; width * height];
    for y in 1..height - 1 {
        for x in 1..width - 1 {
            let i = y * width + x;
            gx[i] = (plane.data[i + 1] - plane.data[i - 1]) / 2.0;
            gy[i] = (plane.data[i + width] - plane.data[i - width]) / 2.0;
        }
    }
    // Per-orientation thresholds: half the 99th percentile of that orientation's gradients.
    let mut samples: Vec<Vec<f32>> = vec![Vec::new(); ORIENTATIONS];
    for i in (0..width * height).step_by(3) {
        let (dx, dy) = (gx[i], gy[i]);
        if dx.is_finite() && dy.is_finite() {
            let m = (dx * dx + dy * dy).sqrt();
            if m > 0.005 {
                samples[orientation_bin(dx, dy)].push(m);
            }
        }
    }
    let thresholds: Vec<f32> = samples
        .iter_mut()
        .map(|values| {
            if values.len() < MIN_EDGES {
                return f32::INFINITY;
            }
            let index = ((values.len() as f32 * 0.99) as usize).min(values.len() - 1);
            let p99 = *values.select_nth_unstable_by(index, f32::total_cmp).1;
            (0.5 * p99).max(0.02)
        })
        .collect();
    let weakest = thresholds.iter().copied().fold(f32::INFINITY, f32::min);
    let mut widths: Vec<Vec<f64>> = vec![Vec::new(); ORIENTATIONS];
    let step = if height > 400 { 2 } else { 1 };
    for y in (2..height - 2).step_by(step) {
        for x in 2..width - 2 {
            let i = y * width + x;
            let (dx, dy) = (gx[i], gy[i]);
            if !(dx.is_finite() && dy.is_finite()) {
                continue;
            }
            let m = (dx * dx + dy * dy).sqrt();
            if m < weakest {
                continue;
            }
            let bin = orientation_bin(dx, dy);
            if m < thresholds[bin] {
                continue;
            }
            let (nx, ny) = (dx / m, dy / m);
            // Directional derivative along the normal at a distance k from this pixel.
            let along = |k: f32| {
                let (px, py) = (x as f32 + k * nx, y as f32 + k * ny);
                let forward = plane.sample(px + nx, py + ny);
                let backward = plane.sample(px - nx, py - ny);
                (forward - backward) / 2.0
            };
            // Only the crest of the edge: not smaller than its neighbours along the normal.
            if along(1.0) > m || along(-1.0) > m {
                continue;
            }
            let floor = 0.25 * m;
            let limit = 40.0;
            let mut right = 0.0;
            while right < limit && along(right + 1.0) > floor {
                right += 1.0;
            }
            let mut left = 0.0;
            while left < limit && along(-(left + 1.0)) > floor {
                left += 1.0;
            }
            if right >= limit || left >= limit {
                continue;
            }
            let reach = right.max(left) + 2.0;
            let inside = |k: f32| {
                let (px, py) = (x as f32 + k * nx, y as f32 + k * ny);
                px >= 1.0 && py >= 1.0 && px <= (width - 2) as f32 && py <= (height - 2) as f32
            };
            if !inside(reach)
                || !inside(-reach)
                || !along(right + 1.0).is_finite()
                || !along(-(left + 1.0)).is_finite()
            {
                continue;
            }
            widths[bin].push(f64::from(left + right + 1.0));
        }
    }
    let mut blurriest: Option<f64> = None;
    for (bin, values) in widths.iter_mut().enumerate() {
        edges[bin] = values.len();
        if values.len() >= MIN_EDGES {
            let width = interquartile_mean(values);
            blurriest = Some(blurriest.map_or(width, |w| w.max(width)));
        }
    }
    Sharpness {
        score: blurriest.map_or(1.0, |w| (4.0 / w).min(1.0)),
        edge_width: blurriest,
        edges,
    }
}

/// Brightness and shadow of a plane (values 0..1, `NaN` skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// Median paper level of the grid cells.
    pub brightness: f64,
    /// Share of cells in shadow or black.
    pub dark_fraction: f64,
    /// Paper level of the brightest cells (the 90th percentile): what a picture with no
    /// document found is judged by, since the document, where there is one, is usually the
    /// brightest thing in it.
    pub brightest_paper: f64,
}

/// A cell whose paper is under this share of the brightest paper is in shadow. Measured on the
/// true outlines of the tuning sets t11 and t12 (650 clean photos), a clean photo's lighting
/// gradient and vignetting first put 15 % of its cells reaching the edge under the bar at a
/// share of 0.81; a shadow taking a third of the light (the generator's mildest) leaves the
/// paper at 0.65 of the rest, noise and gradients put some of it above that. Between the two,
/// 0.70 found 177 of the 180 shadows there (0.65 found 175) with no clean photo over the bar.
const SHADOW_SHARE: f64 = 0.70;

pub fn exposure(plane: &Plane) -> Exposure {
    const COLUMNS: usize = 12;
    const ROWS: usize = 8;
    // Paper level of each cell: its 95th-percentile luma, so print does not count as dark.
    let mut levels: Vec<Option<f64>> = Vec::with_capacity(COLUMNS * ROWS);
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
            levels.push((values.len() >= 16).then(|| {
                let index = ((values.len() as f32 * 0.95) as usize).min(values.len() - 1);
                f64::from(*values.select_nth_unstable_by(index, f32::total_cmp).1)
            }));
        }
    }
    let mut known: Vec<f64> = levels.iter().flatten().copied().collect();
    if known.is_empty() {
        return Exposure {
            brightness: 0.0,
            dark_fraction: 1.0,
            brightest_paper: 0.0,
        };
    }
    let brightness = median(&mut known.clone());
    known.sort_by(f64::total_cmp);
    let bright = known[((known.len() - 1) as f64 * 0.9) as usize];
    // A cell is dark when its paper is under 70 % of the brightest paper, or black: a shadow
    // that takes away 30 % of the light or more. Lighting gradients and vignetting on the
    // tuning sets' clean photos leave too few cells reaching the edge under 81 % to count as
    // a shadow (see SHADOW_SHARE and docs/accuracy.md).
    let dark: Vec<bool> = levels
        .iter()
        .map(|level| level.is_some_and(|l| l < SHADOW_SHARE * bright || l < 0.2))
        .collect();
    // A shadow is cast from outside the document, so it reaches the document's edge; dark
    // cells enclosed by paper are print (a portrait, a dark emblem), not shadow. Keep the dark
    // cells connected to a dark cell on the border.
    let mut shadow = vec![false; dark.len()];
    let mut stack: Vec<usize> = (0..dark.len())
        .filter(|&i| {
            let (row, column) = (i / COLUMNS, i % COLUMNS);
            dark[i] && (row == 0 || column == 0 || row == ROWS - 1 || column == COLUMNS - 1)
        })
        .collect();
    while let Some(i) = stack.pop() {
        if shadow[i] {
            continue;
        }
        shadow[i] = true;
        let (row, column) = (i / COLUMNS, i % COLUMNS);
        let neighbours = [
            (row > 0).then(|| i - COLUMNS),
            (row + 1 < ROWS).then(|| i + COLUMNS),
            (column > 0).then(|| i - 1),
            (column + 1 < COLUMNS).then(|| i + 1),
        ];
        for n in neighbours.into_iter().flatten() {
            if dark[n] && !shadow[n] {
                stack.push(n);
            }
        }
    }
    let counted = levels.iter().filter(|l| l.is_some()).count().max(1);
    Exposure {
        brightness,
        dark_fraction: shadow.iter().filter(|&&s| s).count() as f64 / counted as f64,
        brightest_paper: bright,
    }
}

/// The orientation bin (of [`ORIENTATIONS`] bins of 22.5° over 0..180°) of a gradient, found
/// by comparing slopes with the bin boundaries' tangents instead of calling `atan2` for every
/// pixel.
fn orientation_bin(dx: f32, dy: f32) -> usize {
    const TAN_22_5: f32 = 0.414_213_57;
    const TAN_67_5: f32 = 2.414_213_6;
    // Fold the direction into the upper half-plane: an edge's orientation is modulo 180°.
    let (dx, dy) = if dy < 0.0 { (-dx, -dy) } else { (dx, dy) };
    let run = dx.abs();
    let steep = if dy < TAN_22_5 * run {
        0
    } else if dy < run {
        1
    } else if dy < TAN_67_5 * run {
        2
    } else {
        3
    };
    if dx >= 0.0 {
        steep
    } else {
        ORIENTATIONS - 1 - steep
    }
}

/// Mean of the middle half of the values: as robust as the median, but not stuck on whole
/// pixels when the values are.
fn interquartile_mean(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let (start, end) = (values.len() / 4, values.len() - values.len() / 4);
    let middle = &values[start..end.max(start + 1)];
    middle.iter().sum::<f64>() / middle.len() as f64
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
    fn orientation_bins_match_the_angle() {
        for degrees in 0..360 {
            let angle = (degrees as f32 + 0.3).to_radians();
            let (dx, dy) = (angle.cos(), angle.sin());
            let folded = (degrees as f32 + 0.3) % 180.0;
            let expected = (folded / 22.5) as usize;
            assert_eq!(orientation_bin(dx, dy), expected, "{degrees}°");
        }
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

    /// `plane` with its columns left of `columns` lit at `light` times the rest.
    fn left_shaded(plane: &Plane, columns: usize, light: f32) -> Plane {
        let mut shaded = plane.clone();
        for y in 0..plane.height {
            for x in 0..columns {
                shaded.set(x, y, plane.get(x, y) * light);
            }
        }
        shaded
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

        let shadow = exposure(&left_shaded(&lit, 160, 0.4));
        assert!((shadow.dark_fraction - 0.375).abs() < 0.05, "{shadow:?}");
        assert!((shadow.brightest_paper - 0.85).abs() < 0.01, "{shadow:?}");
    }

    #[test]
    fn a_shadow_taking_a_third_of_the_light_is_a_shadow_but_a_gentle_gradient_is_not() {
        let lit = print_like(400, 250);
        let shadow = exposure(&left_shaded(&lit, 160, 0.64));
        assert!((shadow.dark_fraction - 0.375).abs() < 0.05, "{shadow:?}");
        // A milder shadow, taking 31 % of the light: the generator's mildest shadows leave
        // that much once noise and the lighting gradient are added to their 35 %.
        let milder = exposure(&left_shaded(&lit, 160, 0.69));
        assert!((milder.dark_fraction - 0.375).abs() < 0.05, "{milder:?}");
        // Light falling off by a quarter from one end to the other (a lamp to one side).
        let mut gradient = lit.clone();
        for y in 0..250 {
            for x in 0..400 {
                let v = gradient.get(x, y);
                gradient.set(x, y, v * (1.0 - 0.25 * x as f32 / 399.0));
            }
        }
        assert_eq!(exposure(&gradient).dark_fraction, 0.0);
    }

    #[test]
    fn a_dark_portrait_enclosed_by_paper_is_not_shadow() {
        let mut card = print_like(480, 300);
        for y in 60..240 {
            for x in 50..170 {
                card.set(x, y, 0.12);
            }
        }
        let result = exposure(&card);
        assert_eq!(result.dark_fraction, 0.0, "{result:?}");
        // The same darkness reaching the card's edge is a shadow.
        for y in 0..300 {
            for x in 0..170 {
                let v = card.get(x, y);
                card.set(x, y, v * 0.35);
            }
        }
        assert!(exposure(&card).dark_fraction > 0.3);
    }
}
