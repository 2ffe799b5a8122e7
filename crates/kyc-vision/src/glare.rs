//! Glare: specular reflections on the document.
//!
//! A specular reflection adds light on top of the print: per colour channel the camera sees
//! `I ≈ min(1, ρ·E + S)`, with `ρ` the reflectance of paper or ink, `E` the room's light and `S`
//! the reflected light, which has the colour of the lamp (white after white balance) and is a
//! smooth bump a few centimetres wide. Three consequences tell it apart from paper that is merely
//! overexposed (`E` too high: `I = min(1, ρ·E)`) or printed white:
//!
//! - **Ink is washed out.** `S` lifts dark ink as much as paper, so where it is strong the print
//!   disappears: a cell of the document where even the darkest pixels are near white. Exposure
//!   multiplies instead: dark ink (`ρ ≈ 0.1`) stays dark even when the paper clips.
//! - **It fades out smoothly.** `S` does not drop to zero at the edge of the washed-out core, so
//!   print right next to it is still lifted; print at full contrast bordering a white area means
//!   the white is printed (a barcode's quiet zone, an MRZ band's margin), not reflected.
//! - **It is colourless.** Adding white light leaves each channel's absolute difference
//!   (`E·(ρ_r − ρ_b)`) unchanged until a channel clips, and where `S` is strong all three channels
//!   clip: the core is pure white. Overexposed tinted paper clips its strongest channel first and
//!   keeps some of its tint.
//!
//! The detector works on cells of the rectified luma (about 125 across the document): a cell is
//! *washed out* when its 90th percentile is clipped (≥ 0.98) and its 10th percentile, the ink,
//! is at least 0.9. Washed-out cells that are no whiter than the paper's tint, and thin strips
//! (opened away with a 3 × 3 cell element), are dropped; each remaining connected patch is glare
//! when the cells around it hold no print at full contrast and its core is far less coloured than
//! the paper around it (on neutral paper, where colour tells nothing, a patch counts unless the
//! paper is itself nearly clipped, ≥ 0.975). The fraction reported is the share of the document's cells such patches
//! cover, i.e. the area where the reflection washed the document out. Nothing is judged when the
//! paper itself is clipped (`paper_level` ≥ 0.99), where a reflection and the paper look the same.

use image::RgbImage;

use crate::locate::Point;
use crate::plane::Plane;
use crate::rectify::Homography;

/// Luma at which a pixel counts as clipped.
const CLIPPED: f32 = 0.98;
/// Darkest luma (10th percentile of a cell) of print washed out by a reflection.
const WASHED_INK: f32 = 0.9;
/// Darkest luma (10th percentile) of the cells bordering a patch below which print there is at
/// full contrast: the patch ends at a printed edge, not in a reflection's fading halo.
const FULL_CONTRAST_INK: f32 = 0.3;
/// A patch's core is colourless when its chroma is under this share of the paper's.
const WHITER_THAN_PAPER: f32 = 0.15;
/// A washed-out cell is kept only when its clipped pixels are under this share of the paper's
/// chroma.
const CELL_WHITER_THAN_PAPER: f32 = 0.4;
/// Below this paper chroma (max − min channel) the paper is neutral and colour tells nothing.
const MIN_TINT: f32 = 0.015;
/// Paper level from which the paper itself is clipped: nothing is judged.
const PAPER_CLIPPED: f64 = 0.99;
/// Paper level under which clipped neutral patches are judged without the colour test.
const PAPER_BRIGHT: f64 = 0.975;
/// Smallest patch, as a share of the document's cells (and at least 4 cells).
const MIN_PATCH_SHARE: f64 = 0.0015;

/// Fraction of the document covered by glare: the share of its cells washed out by a
/// specular reflection (see the module documentation for the physics).
///
/// `plane` is the rectified luma of the document, sampled from `image` over `quad` (the same
/// quadrilateral, in the order `rectify` was given it), which this samples again for
/// colour. `paper_level` is the document's paper brightness (`quality::exposure`).
pub fn glare_fraction(plane: &Plane, image: &RgbImage, quad: &[Point; 4], paper_level: f64) -> f64 {
    if paper_level >= PAPER_CLIPPED || image.width() == 0 || image.height() == 0 {
        return 0.0;
    }
    let Some(transform) = Homography::unit_square_to(quad) else {
        return 0.0;
    };
    let colour = Colour {
        image,
        transform,
        width: plane.width as f32,
        height: plane.height as f32,
    };
    let cell = (plane.width as f32 / 125.0).round().clamp(4.0, 8.0) as usize;
    let grid = Cells::new(plane, cell);
    let (cw, ch) = (grid.columns, grid.rows);
    let valid_cells = grid.valid.iter().filter(|&&v| v).count();
    if valid_cells == 0 {
        return 0.0;
    }
    let tint = paper_tint(plane, &colour);

    // Washed-out cells, no more coloured than the paper allows.
    let mut washed = grid.washed.clone();
    let mut core_chroma = vec![f32::NAN; cw * ch];
    for i in 0..cw * ch {
        if washed[i] {
            core_chroma[i] = clipped_chroma(plane, &colour, &grid, i);
            if tint >= MIN_TINT && core_chroma[i] > CELL_WHITER_THAN_PAPER * tint {
                washed[i] = false;
            }
        }
    }
    let washed = open(&washed, cw, ch);
    let scene = Scene {
        plane,
        colour,
        grid,
        core_chroma,
        tint,
        paper_level,
    };

    // Connected patches of washed-out cells.
    let min_patch = ((MIN_PATCH_SHARE * valid_cells as f64).ceil() as usize).max(4);
    let mut label = vec![u32::MAX; cw * ch];
    let mut glare = 0usize;
    let mut patch = Vec::new();
    let mut stack = Vec::new();
    for start in 0..cw * ch {
        if !washed[start] || label[start] != u32::MAX {
            continue;
        }
        let id = start as u32;
        patch.clear();
        label[start] = id;
        stack.push(start);
        while let Some(i) = stack.pop() {
            patch.push(i);
            let (x, y) = (i % cw, i / cw);
            for ny in y.saturating_sub(1)..(y + 2).min(ch) {
                for nx in x.saturating_sub(1)..(x + 2).min(cw) {
                    let n = ny * cw + nx;
                    if washed[n] && label[n] == u32::MAX {
                        label[n] = id;
                        stack.push(n);
                    }
                }
            }
        }
        if patch.len() >= min_patch && scene.is_reflection(&patch, id, &label) {
            glare += patch.len();
        }
    }
    glare as f64 / valid_cells as f64
}

/// What the patches are judged against.
struct Scene<'a> {
    plane: &'a Plane,
    colour: Colour<'a>,
    grid: Cells,
    /// Median chroma of each washed-out cell's clipped pixels (`NaN` elsewhere).
    core_chroma: Vec<f32>,
    /// The paper's tint over the whole document.
    tint: f32,
    paper_level: f64,
}

impl Scene<'_> {
    /// Whether a patch of washed-out cells (labelled `id`) is a reflection: no print at full
    /// contrast right around it, and its core far less coloured than the paper around it.
    fn is_reflection(&self, patch: &[usize], id: u32, label: &[u32]) -> bool {
        let Scene {
            plane,
            colour,
            grid,
            core_chroma,
            tint,
            paper_level,
        } = self;
        let (plane, tint, paper_level) = (*plane, *tint, *paper_level);
        let (cw, ch) = (grid.columns, grid.rows);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for &i in patch {
            let (x, y) = (i % cw, i / cw);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        // Chebyshev distance (up to 3) of the cells around the patch, from its cells.
        const REACH: usize = 3;
        let (bx0, by0) = (x0.saturating_sub(REACH), y0.saturating_sub(REACH));
        let (bx1, by1) = ((x1 + REACH).min(cw - 1), (y1 + REACH).min(ch - 1));
        let bw = bx1 - bx0 + 1;
        let mut distance = vec![u8::MAX; bw * (by1 - by0 + 1)];
        for &i in patch {
            let (x, y) = (i % cw, i / cw);
            for ny in y.saturating_sub(REACH).max(by0)..=(y + REACH).min(by1) {
                for nx in x.saturating_sub(REACH).max(bx0)..=(x + REACH).min(bx1) {
                    let d = nx.abs_diff(x).max(ny.abs_diff(y)) as u8;
                    let slot = &mut distance[(ny - by0) * bw + nx - bx0];
                    *slot = (*slot).min(d);
                }
            }
        }
        let mut border_ink = Vec::new();
        let mut paper_chroma = Vec::new();
        let mut values = Vec::with_capacity(grid.size * grid.size);
        for y in by0..=by1 {
            for x in bx0..=bx1 {
                let i = y * cw + x;
                let d = distance[(y - by0) * bw + x - bx0];
                if d == 0 || d == u8::MAX || label[i] == id || !grid.valid[i] {
                    continue;
                }
                if d == 1 {
                    border_ink.push(grid.ink(plane, i, &mut values));
                }
                // The paper's own tint nearby: bright pixels with no channel clipped, where added
                // white light leaves the channels' differences as they were.
                grid.for_pixels(i, grid.size / 2, |px, py| {
                    let v = plane.get(px, py);
                    if v >= 0.7
                        && let Some([r, g, b]) = colour.at(px, py)
                        && r.max(g).max(b) < CLIPPED
                    {
                        paper_chroma.push(r.max(g).max(b) - r.min(g).min(b));
                    }
                });
            }
        }
        if !border_ink.is_empty() && quantile(&mut border_ink, 0.1) < FULL_CONTRAST_INK {
            return false;
        }
        let local_tint = if paper_chroma.len() >= 20 {
            quantile(&mut paper_chroma, 0.5)
        } else {
            0.0
        };
        let reference = local_tint.max(tint);
        if reference < MIN_TINT {
            // Neutral paper: colour cannot tell; trust the washed-out print unless the paper is
            // nearly clipped itself.
            return paper_level < PAPER_BRIGHT;
        }
        let mut core: Vec<f32> = patch
            .iter()
            .map(|&i| core_chroma[i])
            .filter(|c| c.is_finite())
            .collect();
        // The whitest quarter of the core: its centre, away from chroma smeared in by JPEG.
        !core.is_empty() && quantile(&mut core, 0.25) <= WHITER_THAN_PAPER * reference
    }
}

/// The source photo's colour at rectified-plane pixels.
struct Colour<'a> {
    image: &'a RgbImage,
    transform: Homography,
    width: f32,
    height: f32,
}

impl Colour<'_> {
    /// The RGB (0..1) of the source pixel nearest the centre of plane pixel (x, y).
    fn at(&self, x: usize, y: usize) -> Option<[f32; 3]> {
        let [sx, sy] = self.transform.apply(
            (x as f32 + 0.5) / self.width,
            (y as f32 + 0.5) / self.height,
        );
        let (sx, sy) = (sx.round(), sy.round());
        if !(sx >= 0.0 && sy >= 0.0) {
            return None;
        }
        let (sx, sy) = (sx as u32, sy as u32);
        if sx >= self.image.width() || sy >= self.image.height() {
            return None;
        }
        let p = self.image.get_pixel(sx, sy).0;
        Some(p.map(|c| f32::from(c) / 255.0))
    }
}

/// The document cut into square cells, with which of them are washed out: paper level (90th
/// percentile of the luma) clipped and ink level (10th percentile) at least `WASHED_INK`.
struct Cells {
    size: usize,
    columns: usize,
    rows: usize,
    valid: Vec<bool>,
    washed: Vec<bool>,
}

impl Cells {
    fn new(plane: &Plane, size: usize) -> Cells {
        let (columns, rows) = (plane.width / size, plane.height / size);
        let mut valid = vec![false; columns * rows];
        let mut washed = vec![false; columns * rows];
        let n = (size * size) as f32;
        // Nearest-rank positions of the 10th and 90th percentiles among a cell's values: the
        // 90th percentile is clipped when at most `p90` values are below the clip, and so on.
        let (p10, p90) = (
            ((n - 1.0) * 0.1).round() as usize,
            ((n - 1.0) * 0.9).round() as usize,
        );
        for row in 0..rows {
            for column in 0..columns {
                let (mut finite, mut unclipped, mut inked) = (true, 0usize, 0usize);
                for y in row * size..(row + 1) * size {
                    let line = &plane.data[y * plane.width + column * size..][..size];
                    for &v in line {
                        finite &= v.is_finite();
                        unclipped += usize::from(v < CLIPPED);
                        inked += usize::from(v < WASHED_INK);
                    }
                }
                let i = row * columns + column;
                valid[i] = finite;
                washed[i] = finite && unclipped <= p90 && inked <= p10;
            }
        }
        Cells {
            size,
            columns,
            rows,
            valid,
            washed,
        }
    }

    /// Ink level of cell `i`: the 10th percentile of its luma.
    fn ink(&self, plane: &Plane, i: usize, values: &mut Vec<f32>) -> f32 {
        let (x0, y0) = (
            (i % self.columns) * self.size,
            (i / self.columns) * self.size,
        );
        values.clear();
        for y in y0..y0 + self.size {
            values.extend_from_slice(&plane.data[y * plane.width + x0..][..self.size]);
        }
        quantile(values, 0.1)
    }

    /// Calls `f` on every `step`-th pixel of cell `i`, along both axes.
    fn for_pixels(&self, i: usize, step: usize, mut f: impl FnMut(usize, usize)) {
        let (x0, y0) = (
            (i % self.columns) * self.size,
            (i / self.columns) * self.size,
        );
        for y in (y0..y0 + self.size).step_by(step) {
            for x in (x0..x0 + self.size).step_by(step) {
                f(x, y);
            }
        }
    }
}

/// Median chroma (max − min channel) of the clipped pixels of cell `i`.
fn clipped_chroma(plane: &Plane, colour: &Colour, grid: &Cells, i: usize) -> f32 {
    let mut chroma = Vec::with_capacity(4);
    grid.for_pixels(i, grid.size / 2, |x, y| {
        if plane.get(x, y) >= CLIPPED
            && let Some([r, g, b]) = colour.at(x, y)
        {
            chroma.push(r.max(g).max(b) - r.min(g).min(b));
        }
    });
    if chroma.is_empty() {
        f32::NAN
    } else {
        quantile(&mut chroma, 0.5)
    }
}

/// The paper's tint over the document: median chroma of bright, unclipped pixels.
fn paper_tint(plane: &Plane, colour: &Colour) -> f32 {
    let mut chroma = Vec::new();
    for y in (0..plane.height).step_by(6) {
        for x in (0..plane.width).step_by(6) {
            let v = plane.get(x, y);
            if (0.7..0.975).contains(&v)
                && let Some([r, g, b]) = colour.at(x, y)
            {
                chroma.push(r.max(g).max(b) - r.min(g).min(b));
            }
        }
    }
    if chroma.len() < 100 {
        0.0
    } else {
        quantile(&mut chroma, 0.5)
    }
}

/// Morphological opening with a 3 × 3 element: drops strips under 3 cells thick (cells beyond
/// the grid count as set, so a patch at the document's edge is not eroded from outside).
fn open(mask: &[bool], width: usize, height: usize) -> Vec<bool> {
    let at = |x: isize, y: isize| {
        x < 0
            || y < 0
            || x >= width as isize
            || y >= height as isize
            || mask[y as usize * width + x as usize]
    };
    let mut eroded = vec![false; width * height];
    for y in 0..height {
        for x in 0..width {
            let (x, y) = (x as isize, y as isize);
            eroded[y as usize * width + x as usize] =
                (-1..=1).all(|dy| (-1..=1).all(|dx| at(x + dx, y + dy)));
        }
    }
    let mut opened = vec![false; width * height];
    for y in 0..height {
        for x in 0..width {
            let i = y * width + x;
            opened[i] = mask[i]
                && (y.saturating_sub(1)..(y + 2).min(height)).any(|ny| {
                    (x.saturating_sub(1)..(x + 2).min(width)).any(|nx| eroded[ny * width + nx])
                });
        }
    }
    opened
}

/// Nearest-rank quantile (`q` in 0..=1) of finite values; reorders `values`.
fn quantile(values: &mut [f32], q: f32) -> f32 {
    if values.is_empty() {
        return f32::NAN;
    }
    let index = ((values.len() - 1) as f32 * q).round() as usize;
    *values
        .select_nth_unstable_by(index.min(values.len() - 1), f32::total_cmp)
        .1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plane::luma_plane;
    use crate::rectify::rectify;
    use image::Rgb;

    const W: u32 = 800;
    const H: u32 = 500;

    /// A cream card (tinted paper) with rows of dark print, lit by `light(x, y)` (a factor on
    /// the room's light) plus white specular light `glare(x, y)` (0..), per channel
    /// `min(1, ρ·E + S)`.
    fn card(light: impl Fn(f32, f32) -> f32, glare: impl Fn(f32, f32) -> f32) -> RgbImage {
        RgbImage::from_fn(W, H, |x, y| {
            let print = (x % 40) < 10 && (y % 30) < 12;
            let reflectance = if print {
                [0.1, 0.1, 0.12]
            } else {
                [0.95, 0.93, 0.84]
            };
            let (e, s) = (light(x as f32, y as f32), glare(x as f32, y as f32));
            Rgb(reflectance.map(|r| ((r * e + s).clamp(0.0, 1.0) * 255.0).round() as u8))
        })
    }

    fn measure(image: &RgbImage, paper_level: f64) -> f64 {
        let quad = [
            [0.0, 0.0],
            [(W - 1) as f32, 0.0],
            [(W - 1) as f32, (H - 1) as f32],
            [0.0, (H - 1) as f32],
        ];
        let plane = rectify(&luma_plane(image, 1), &quad, W as usize, H as usize);
        glare_fraction(&plane, image, &quad, paper_level)
    }

    /// A reflection: a smooth bump of white light, strong enough to clip within `radius`.
    fn bump(cx: f32, cy: f32, radius: f32) -> impl Fn(f32, f32) -> f32 {
        move |x, y| {
            let q = ((x - cx).powi(2) + (y - cy).powi(2)) / (radius * radius);
            2.5 * (-q * 1.6).exp()
        }
    }

    #[test]
    fn a_reflection_washing_out_print_is_glare() {
        let image = card(|_, _| 0.95, bump(400.0, 250.0, 110.0));
        let fraction = measure(&image, 0.88);
        // Print is washed out (ink ≥ 0.9) where 0.1·0.95 + S ≥ 0.9, i.e. S ≥ 0.8; cells with no
        // print in them count from where the paper clips (S ≳ 0.1).
        let disc = |s: f32| {
            let r = f64::from(110.0 * ((2.5 / s).ln() / 1.6).sqrt());
            std::f64::consts::PI * r * r / f64::from(W * H)
        };
        let (washed, clipped) = (disc(0.805), disc(0.1));
        assert!(
            fraction > washed && fraction < clipped,
            "{fraction} not in {washed}..{clipped}"
        );
        // With the paper itself clipped, nothing is judged.
        assert_eq!(measure(&image, 0.995), 0.0);
    }

    #[test]
    fn overexposed_paper_is_not_glare() {
        // A strong lighting gradient clips the paper over the right third; the print stays
        // dark and the paper keeps its tint.
        let image = card(|x, _| 0.9 + 0.4 * x / W as f32, |_, _| 0.0);
        assert_eq!(measure(&image, 0.93), 0.0);
    }

    #[test]
    fn a_white_printed_panel_with_print_in_it_is_not_glare() {
        // A pure white panel (a barcode's quiet zone) on the cream card, bright enough to clip,
        // with dark bars inside it.
        let mut image = card(|_, _| 0.95, |_, _| 0.0);
        for y in 150..350 {
            for x in 200..600 {
                let bar = (260..540).contains(&x) && (190..310).contains(&y) && (x / 7) % 2 == 0;
                let v = if bar { 20 } else { 255 };
                image.put_pixel(x, y, Rgb([v, v, v]));
            }
        }
        assert_eq!(measure(&image, 0.88), 0.0);
    }
}
