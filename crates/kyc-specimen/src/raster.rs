//! Drawing on RGB pixel buffers: anti-aliased shapes, text, resampled images and blurs.
//!
//! Everything here works in pixel coordinates with `f32` positions and clips to the buffer, so
//! no argument can index outside it.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{GrayImage, RgbImage, RgbaImage};

/// An RGB colour.
pub(crate) type Colour = [u8; 3];

/// Blends `colour` over the pixel at `(x, y)` with opacity `alpha` (0..1). Outside: nothing.
#[inline]
pub(crate) fn blend(img: &mut RgbImage, x: i64, y: i64, colour: Colour, alpha: f32) {
    if x < 0 || y < 0 || x >= i64::from(img.width()) || y >= i64::from(img.height()) {
        return;
    }
    let a = alpha.clamp(0.0, 1.0);
    if a <= 0.0 {
        return;
    }
    let p = img.get_pixel_mut(x as u32, y as u32);
    for (v, target) in p.0.iter_mut().zip(colour) {
        let old = f32::from(*v);
        *v = (old + (f32::from(target) - old) * a + 0.5) as u8;
    }
}

/// `x.floor()` without a libm call (exact for |x| < 2^31).
#[inline]
pub(crate) fn floor(x: f32) -> f32 {
    let t = x as i32 as f32;
    if t > x { t - 1.0 } else { t }
}

/// Runs `work(first_row, band)` over horizontal bands of `buf` (rows of `stride` bytes) on the
/// machine's cores. Every row must be computed from its own index only, so the result does not
/// depend on how the rows are split; with one core (or a failed thread) it runs inline.
pub(crate) fn par_rows<F>(buf: &mut [u8], stride: usize, work: F)
where
    F: Fn(usize, &mut [u8]) + Sync,
{
    if stride == 0 {
        return;
    }
    let rows = buf.len() / stride;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16);
    if threads == 1 || rows < 32 {
        work(0, buf);
        return;
    }
    // Bands go in a queue that the spawned threads and this one drain together, so a thread
    // that cannot be started only makes the work slower.
    let per = rows.div_ceil(threads * 4).max(1);
    let bands: Vec<(usize, &mut [u8])> = buf
        .chunks_mut(per * stride)
        .enumerate()
        .map(|(i, band)| (i * per, band))
        .collect();
    let queue = std::sync::Mutex::new(bands);
    let drain = || {
        loop {
            let next = match queue.lock() {
                Ok(mut q) => q.pop(),
                Err(_) => None,
            };
            match next {
                Some((first, band)) => work(first, band),
                None => break,
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let _ = std::thread::Builder::new().spawn_scoped(scope, drain);
        }
        drain();
    });
}

/// The integer pixel range `[lo, hi)` covering `[a - pad, b + pad]`, clipped to `0..limit`.
fn span(a: f32, b: f32, pad: f32, limit: u32) -> (i64, i64) {
    let lo = (a.min(b) - pad).floor().max(0.0) as i64;
    let hi = ((a.max(b) + pad).ceil() as i64 + 1).min(i64::from(limit));
    (lo, hi.max(lo))
}

/// Fills an axis-aligned rectangle (anti-aliased edges).
pub(crate) fn fill_rect(
    img: &mut RgbImage,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    colour: Colour,
    alpha: f32,
) {
    let (xa, xb) = span(x0, x1, 1.0, img.width());
    let (ya, yb) = span(y0, y1, 1.0, img.height());
    for y in ya..yb {
        let cy = coverage_1d(y as f32, y0, y1);
        if cy <= 0.0 {
            continue;
        }
        for x in xa..xb {
            let cx = coverage_1d(x as f32, x0, x1);
            blend(img, x, y, colour, alpha * cx * cy);
        }
    }
}

/// How much of the pixel `[p, p+1)` lies inside `[a, b]`.
fn coverage_1d(p: f32, a: f32, b: f32) -> f32 {
    ((p + 1.0).min(b) - p.max(a)).clamp(0.0, 1.0)
}

/// Signed distance from `(px, py)` to a rounded rectangle (negative inside).
pub(crate) fn rounded_rect_distance(
    px: f32,
    py: f32,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    r: f32,
) -> f32 {
    let cx = (x0 + x1) * 0.5;
    let cy = (y0 + y1) * 0.5;
    let hx = (x1 - x0) * 0.5 - r;
    let hy = (y1 - y0) * 0.5 - r;
    let dx = (px - cx).abs() - hx;
    let dy = (py - cy).abs() - hy;
    let outside = (dx.max(0.0).powi(2) + dy.max(0.0).powi(2)).sqrt();
    outside + dx.max(dy).min(0.0) - r
}

/// Strokes a rounded rectangle outline of width `w`.
pub(crate) fn stroke_rounded_rect(
    img: &mut RgbImage,
    rect: [f32; 4],
    r: f32,
    w: f32,
    colour: Colour,
    alpha: f32,
) {
    let [x0, y0, x1, y1] = rect;
    let (xa, xb) = span(x0, x1, w + 1.0, img.width());
    let (ya, yb) = span(y0, y1, w + 1.0, img.height());
    for y in ya..yb {
        for x in xa..xb {
            let d = rounded_rect_distance(x as f32 + 0.5, y as f32 + 0.5, x0, y0, x1, y1, r);
            let cov = (w * 0.5 + 0.5 - d.abs()).clamp(0.0, 1.0);
            if cov > 0.0 {
                blend(img, x, y, colour, alpha * cov);
            }
        }
    }
}

/// Fills a rounded rectangle.
pub(crate) fn fill_rounded_rect(
    img: &mut RgbImage,
    rect: [f32; 4],
    r: f32,
    colour: Colour,
    alpha: f32,
) {
    let [x0, y0, x1, y1] = rect;
    let (xa, xb) = span(x0, x1, 1.0, img.width());
    let (ya, yb) = span(y0, y1, 1.0, img.height());
    for y in ya..yb {
        for x in xa..xb {
            let d = rounded_rect_distance(x as f32 + 0.5, y as f32 + 0.5, x0, y0, x1, y1, r);
            let cov = (0.5 - d).clamp(0.0, 1.0);
            if cov > 0.0 {
                blend(img, x, y, colour, alpha * cov);
            }
        }
    }
}

/// Distance from a point to a segment.
#[inline]
fn segment_distance(px: f32, py: f32, a: [f32; 2], b: [f32; 2]) -> f32 {
    let (vx, vy) = (b[0] - a[0], b[1] - a[1]);
    let (wx, wy) = (px - a[0], py - a[1]);
    let len2 = vx * vx + vy * vy;
    let t = if len2 > 0.0 {
        ((wx * vx + wy * vy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (dx, dy) = (wx - t * vx, wy - t * vy);
    (dx * dx + dy * dy).sqrt()
}

/// The bounding box `[min x, min y, max x, max y]` of some points; `None` when there are none
/// or a coordinate is not finite.
fn bounds(points: &[[f32; 2]]) -> Option<[f32; 4]> {
    let (mut minx, mut miny, mut maxx, mut maxy) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        minx = minx.min(p[0]);
        miny = miny.min(p[1]);
        maxx = maxx.max(p[0]);
        maxy = maxy.max(p[1]);
    }
    let finite = minx.is_finite() && maxx.is_finite() && miny.is_finite() && maxy.is_finite();
    (finite && !points.is_empty()).then_some([minx, miny, maxx, maxy])
}

/// Strokes a polyline of width `w` (round joins and caps).
pub(crate) fn stroke_polyline(
    img: &mut RgbImage,
    points: &[[f32; 2]],
    w: f32,
    colour: Colour,
    alpha: f32,
) {
    if points.is_empty() {
        return;
    }
    let Some([minx, miny, maxx, maxy]) = bounds(points) else {
        return;
    };
    // Segment by segment over its own box, keeping the strongest coverage per pixel would need a
    // buffer; overlapping joins darken slightly, which looks like ink anyway.
    let half = w * 0.5;
    let mut mask = vec![0.0f32; 0];
    let (xa, xb) = span(minx, maxx, half + 1.0, img.width());
    let (ya, yb) = span(miny, maxy, half + 1.0, img.height());
    let bw = (xb - xa) as usize;
    let bh = (yb - ya) as usize;
    if bw == 0 || bh == 0 || bw.saturating_mul(bh) > 64_000_000 {
        return;
    }
    mask.resize(bw * bh, 0.0);
    let single = [points[0], points[0]];
    let segments: Vec<[[f32; 2]; 2]> = if points.len() == 1 {
        vec![single]
    } else {
        points.windows(2).map(|s| [s[0], s[1]]).collect()
    };
    for [a, b] in segments {
        let (sxa, sxb) = span(a[0], b[0], half + 1.0, img.width());
        let (sya, syb) = span(a[1], b[1], half + 1.0, img.height());
        for y in sya.max(ya)..syb.min(yb) {
            for x in sxa.max(xa)..sxb.min(xb) {
                let d = segment_distance(x as f32 + 0.5, y as f32 + 0.5, a, b);
                let cov = (half + 0.5 - d).clamp(0.0, 1.0);
                let m = &mut mask[(y - ya) as usize * bw + (x - xa) as usize];
                if cov > *m {
                    *m = cov;
                }
            }
        }
    }
    for y in 0..bh {
        for x in 0..bw {
            let m = mask[y * bw + x];
            if m > 0.0 {
                blend(img, xa + x as i64, ya + y as i64, colour, alpha * m);
            }
        }
    }
}

/// Fills a polygon (even-odd rule) with anti-aliased edges: four sub-rows per pixel row, exact
/// horizontal coverage of each span.
pub(crate) fn fill_polygon(img: &mut RgbImage, points: &[[f32; 2]], colour: Colour, alpha: f32) {
    if points.len() < 3 {
        return;
    }
    let Some([minx, miny, maxx, maxy]) = bounds(points) else {
        return;
    };
    let (xa, xb) = span(minx, maxx, 1.0, img.width());
    let (ya, yb) = span(miny, maxy, 1.0, img.height());
    let width = (xb - xa) as usize;
    if width == 0 {
        return;
    }
    const SUB: usize = 4;
    let mut cover = vec![0.0f32; width + 1];
    let mut crossings: Vec<f32> = Vec::new();
    let n = points.len();
    for y in ya..yb {
        cover.iter_mut().for_each(|c| *c = 0.0);
        for sub in 0..SUB {
            let py = y as f32 + (sub as f32 + 0.5) / SUB as f32;
            crossings.clear();
            let mut j = n - 1;
            for i in 0..n {
                let (a, b) = (points[i], points[j]);
                if (a[1] > py) != (b[1] > py) {
                    crossings.push(a[0] + (py - a[1]) / (b[1] - a[1]) * (b[0] - a[0]));
                }
                j = i;
            }
            crossings.sort_by(f32::total_cmp);
            for pair in crossings.chunks_exact(2) {
                let (x0, x1) = (
                    (pair[0] - xa as f32).max(0.0),
                    (pair[1] - xa as f32).min(width as f32),
                );
                if x1 <= x0 {
                    continue;
                }
                let (i0, i1) = (x0 as usize, x1 as usize);
                if i0 == i1 {
                    cover[i0] += (x1 - x0) / SUB as f32;
                    continue;
                }
                cover[i0] += (i0 as f32 + 1.0 - x0) / SUB as f32;
                for c in cover.iter_mut().take(i1).skip(i0 + 1) {
                    *c += 1.0 / SUB as f32;
                }
                if i1 < cover.len() {
                    cover[i1] += (x1 - i1 as f32) / SUB as f32;
                }
            }
        }
        for (i, c) in cover.iter().enumerate().take(width) {
            if *c > 0.0 {
                blend(img, xa + i as i64, y, colour, alpha * c.min(1.0));
            }
        }
    }
}

/// Fills an ellipse centred at `(cx, cy)` with radii `rx`, `ry`, rotated by `angle` radians.
pub(crate) fn fill_ellipse(
    img: &mut RgbImage,
    centre: [f32; 2],
    rx: f32,
    ry: f32,
    angle: f32,
    colour: Colour,
    alpha: f32,
) {
    let r = rx.max(ry);
    let (xa, xb) = span(centre[0] - r, centre[0] + r, 1.0, img.width());
    let (ya, yb) = span(centre[1] - r, centre[1] + r, 1.0, img.height());
    let (s, c) = angle.sin_cos();
    let rmin = rx.min(ry).max(0.01);
    for y in ya..yb {
        for x in xa..xb {
            let dx = x as f32 + 0.5 - centre[0];
            let dy = y as f32 + 0.5 - centre[1];
            let u = (dx * c + dy * s) / rx.max(0.01);
            let v = (-dx * s + dy * c) / ry.max(0.01);
            let k = (u * u + v * v).sqrt();
            let sd = (k - 1.0) * rmin;
            let cov = (0.5 - sd).clamp(0.0, 1.0);
            if cov > 0.0 {
                blend(img, x, y, colour, alpha * cov);
            }
        }
    }
}

/// Which way a line of text is anchored horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// The width of `text` at `size` pixels per em, plus `spacing` pixels after each character.
pub(crate) fn text_width(font: &FontRef<'_>, size: f32, spacing: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id) + spacing;
        previous = Some(id);
    }
    (width - spacing).max(0.0)
}

/// Draws `text` with its baseline at `y`, anchored at `x` per `align`; returns the width.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_text(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    size: f32,
    x: f32,
    y: f32,
    align: Align,
    spacing: f32,
    colour: Colour,
    alpha: f32,
    text: &str,
) -> f32 {
    let width = text_width(font, size, spacing, text);
    let start = match align {
        Align::Left => x,
        Align::Centre => x - width * 0.5,
        Align::Right => x - width,
    };
    let scaled = font.as_scaled(PxScale::from(size));
    let mut pen = start;
    let mut previous = None;
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = previous {
            pen += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(size, ab_glyph::point(pen, y));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            let (bx, by) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, c| {
                blend(
                    img,
                    bx + i64::from(gx),
                    by + i64::from(gy),
                    colour,
                    alpha * c,
                );
            });
        }
        pen += scaled.h_advance(id) + spacing;
        previous = Some(id);
    }
    width
}

/// Draws text in a fixed pitch (each character centred in a `pitch`-wide cell), as MRZs are.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_monospace(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    size: f32,
    x: f32,
    y: f32,
    pitch: f32,
    colour: Colour,
    alpha: f32,
    text: &str,
) {
    let scaled = font.as_scaled(PxScale::from(size));
    for (i, ch) in text.chars().enumerate() {
        let id = scaled.glyph_id(ch);
        let advance = scaled.h_advance(id);
        let pen = x + i as f32 * pitch + (pitch - advance) * 0.5;
        let glyph = id.with_scale_and_position(size, ab_glyph::point(pen, y));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            let (bx, by) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, c| {
                blend(
                    img,
                    bx + i64::from(gx),
                    by + i64::from(gy),
                    colour,
                    alpha * c,
                );
            });
        }
    }
}

/// The font size (pixels per em) at which a capital `H` is `cap_height` pixels tall.
pub(crate) fn size_for_cap_height(font: &FontRef<'_>, cap_height: f32) -> f32 {
    let id = font.glyph_id('H');
    let glyph = id.with_scale(100.0);
    match font.outline_glyph(glyph) {
        Some(outline) => {
            let h = outline.px_bounds().height();
            if h > 1.0 {
                cap_height * 100.0 / h
            } else {
                cap_height * 1.4
            }
        }
        None => cap_height * 1.4,
    }
}

/// Renders `text` into a coverage mask (for rotated or transformed text).
pub(crate) fn text_mask(font: &FontRef<'_>, size: f32, spacing: f32, text: &str) -> GrayImage {
    let width = text_width(font, size, spacing, text).ceil() as u32 + 4;
    let scaled = font.as_scaled(PxScale::from(size));
    let ascent = scaled.ascent();
    let height = (ascent - scaled.descent()).ceil() as u32 + 4;
    let mut mask = GrayImage::new(width.max(1), height.max(1));
    let mut pen = 2.0;
    let mut previous = None;
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = previous {
            pen += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(size, ab_glyph::point(pen, ascent + 2.0));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            let (bx, by) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, c| {
                let (x, y) = (bx + i64::from(gx), by + i64::from(gy));
                if x >= 0 && y >= 0 && (x as u32) < mask.width() && (y as u32) < mask.height() {
                    let p = mask.get_pixel_mut(x as u32, y as u32);
                    p.0[0] = p.0[0].max((c.clamp(0.0, 1.0) * 255.0) as u8);
                }
            });
        }
        pen += scaled.h_advance(id) + spacing;
        previous = Some(id);
    }
    mask
}

/// Draws a coverage mask centred at `centre`, rotated by `angle` radians and scaled by
/// `scale`, in `colour` with opacity `alpha`.
pub(crate) fn draw_mask_rotated(
    img: &mut RgbImage,
    mask: &GrayImage,
    centre: [f32; 2],
    angle: f32,
    scale: f32,
    colour: Colour,
    alpha: f32,
) {
    let (mw, mh) = (mask.width() as f32, mask.height() as f32);
    let r = (mw * mw + mh * mh).sqrt() * 0.5 * scale;
    let (xa, xb) = span(centre[0] - r, centre[0] + r, 1.0, img.width());
    let (ya, yb) = span(centre[1] - r, centre[1] + r, 1.0, img.height());
    let (s, c) = angle.sin_cos();
    let inv = 1.0 / scale.max(1e-3);
    for y in ya..yb {
        for x in xa..xb {
            let dx = x as f32 + 0.5 - centre[0];
            let dy = y as f32 + 0.5 - centre[1];
            let u = (dx * c + dy * s) * inv + mw * 0.5;
            let v = (-dx * s + dy * c) * inv + mh * 0.5;
            let m = sample_gray(mask, u - 0.5, v - 0.5);
            if m > 0.0 {
                blend(img, x, y, colour, alpha * m);
            }
        }
    }
}

/// Bilinear sample of a grey image at `(x, y)` (pixel centres at integers), 0..1; 0 outside.
pub(crate) fn sample_gray(img: &GrayImage, x: f32, y: f32) -> f32 {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let x0 = x.floor();
    let y0 = y.floor();
    let (fx, fy) = (x - x0, y - y0);
    let (x0, y0) = (x0 as i64, y0 as i64);
    let get = |xx: i64, yy: i64| -> f32 {
        if xx < 0 || yy < 0 || xx >= w || yy >= h {
            0.0
        } else {
            f32::from(img.get_pixel(xx as u32, yy as u32).0[0]) / 255.0
        }
    };
    let top = get(x0, y0) * (1.0 - fx) + get(x0 + 1, y0) * fx;
    let bottom = get(x0, y0 + 1) * (1.0 - fx) + get(x0 + 1, y0 + 1) * fx;
    top * (1.0 - fy) + bottom * fy
}

/// Bilinear sample of an RGBA image with edge clamping; returns straight RGBA in 0..255.
#[inline]
pub(crate) fn sample_rgba(img: &RgbaImage, x: f32, y: f32) -> [f32; 4] {
    let (w, h) = (img.width() as i64, img.height() as i64);
    if w == 0 || h == 0 {
        return [0.0; 4];
    }
    let x0f = x.floor();
    let y0f = y.floor();
    let (fx, fy) = (x - x0f, y - y0f);
    let (x0, y0) = (x0f as i64, y0f as i64);
    let raw = img.as_raw();
    let stride = w as usize * 4;
    // Fast path: all four neighbours inside and opaque.
    if x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h {
        let i = y0 as usize * stride + x0 as usize * 4;
        let j = i + stride;
        if raw[i + 3] == 255 && raw[i + 7] == 255 && raw[j + 3] == 255 && raw[j + 7] == 255 {
            let mut out = [0.0, 0.0, 0.0, 255.0];
            for (k, o) in out.iter_mut().take(3).enumerate() {
                let top = f32::from(raw[i + k])
                    + (f32::from(raw[i + 4 + k]) - f32::from(raw[i + k])) * fx;
                let bottom = f32::from(raw[j + k])
                    + (f32::from(raw[j + 4 + k]) - f32::from(raw[j + k])) * fx;
                *o = top + (bottom - top) * fy;
            }
            return out;
        }
    }
    let mut out = [0.0f32; 4];
    let weights = [
        (x0, y0, (1.0 - fx) * (1.0 - fy)),
        (x0 + 1, y0, fx * (1.0 - fy)),
        (x0, y0 + 1, (1.0 - fx) * fy),
        (x0 + 1, y0 + 1, fx * fy),
    ];
    // Premultiplied accumulation, so transparent neighbours do not darken edges.
    for (xx, yy, wgt) in weights {
        if xx < 0 || yy < 0 || xx >= w || yy >= h || wgt <= 0.0 {
            continue;
        }
        let i = yy as usize * stride + xx as usize * 4;
        let a = f32::from(raw[i + 3]) * wgt;
        out[0] += f32::from(raw[i]) * a;
        out[1] += f32::from(raw[i + 1]) * a;
        out[2] += f32::from(raw[i + 2]) * a;
        out[3] += a;
    }
    if out[3] > 0.0 {
        out[0] /= out[3];
        out[1] /= out[3];
        out[2] /= out[3];
    }
    out
}

/// Bilinear sample of an RGB image with edge clamping.
#[inline]
pub(crate) fn sample_rgb(img: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (img.width() as i64, img.height() as i64);
    if w == 0 || h == 0 {
        return [0.0; 3];
    }
    let xc = x.clamp(0.0, (w - 1) as f32);
    let yc = y.clamp(0.0, (h - 1) as f32);
    let x0 = xc.floor() as i64;
    let y0 = yc.floor() as i64;
    let (fx, fy) = (xc - x0 as f32, yc - y0 as f32);
    let x1 = (x0 + 1).min(w - 1);
    let y1 = (y0 + 1).min(h - 1);
    let raw = img.as_raw();
    let stride = w as usize * 3;
    let idx = |xx: i64, yy: i64| yy as usize * stride + xx as usize * 3;
    let (a, b, c, d) = (idx(x0, y0), idx(x1, y0), idx(x0, y1), idx(x1, y1));
    let mut out = [0.0f32; 3];
    for (k, o) in out.iter_mut().enumerate() {
        let top = f32::from(raw[a + k]) * (1.0 - fx) + f32::from(raw[b + k]) * fx;
        let bottom = f32::from(raw[c + k]) * (1.0 - fx) + f32::from(raw[d + k]) * fx;
        *o = top * (1.0 - fy) + bottom * fy;
    }
    out
}

/// Draws `src` into the rectangle `(x, y, w, h)` of `dst` with area-weighted resampling when
/// shrinking and bilinear when enlarging.
pub(crate) fn draw_image(dst: &mut RgbImage, src: &RgbImage, rect: [f32; 4], alpha: f32) {
    let [x, y, w, h] = rect;
    if w < 1.0 || h < 1.0 || src.width() == 0 || src.height() == 0 {
        return;
    }
    let resized;
    let source = if (src.width() as f32) > w * 1.5 {
        resized = image::imageops::resize(
            src,
            w.round().max(1.0) as u32,
            h.round().max(1.0) as u32,
            image::imageops::FilterType::Triangle,
        );
        &resized
    } else {
        src
    };
    let sx = source.width() as f32 / w;
    let sy = source.height() as f32 / h;
    let (xa, xb) = span(x, x + w, 0.0, dst.width());
    let (ya, yb) = span(y, y + h, 0.0, dst.height());
    for py in ya..yb {
        let cy = coverage_1d(py as f32, y, y + h);
        for px in xa..xb {
            let cx = coverage_1d(px as f32, x, x + w);
            let cov = cx * cy * alpha;
            if cov <= 0.0 {
                continue;
            }
            let u = (px as f32 + 0.5 - x) * sx - 0.5;
            let v = (py as f32 + 0.5 - y) * sy - 0.5;
            let c = sample_rgb(source, u, v);
            blend(dst, px, py, [c[0] as u8, c[1] as u8, c[2] as u8], cov);
        }
    }
}

/// Box blur of one channel-interleaved buffer along rows then columns, `passes` times (three
/// passes approximate a Gaussian of sigma ≈ radius * 0.58 * sqrt(passes)).
pub(crate) fn box_blur_rgb(img: &mut RgbImage, radius: u32, passes: u32) {
    if radius == 0 {
        return;
    }
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w == 0 || h == 0 {
        return;
    }
    let r = radius as usize;
    let buf = img.as_mut();
    let mut line: Vec<u32> = Vec::new();
    let mut out: Vec<u8> = Vec::new();
    for _ in 0..passes {
        // Rows.
        for y in 0..h {
            let row = &mut buf[y * w * 3..(y + 1) * w * 3];
            blur_line(row, w, 3, r, &mut line, &mut out);
        }
        // Columns: gather each column into a line.
        let mut col = vec![0u8; h * 3];
        for x in 0..w {
            for y in 0..h {
                let i = (y * w + x) * 3;
                col[y * 3..y * 3 + 3].copy_from_slice(&buf[i..i + 3]);
            }
            blur_line(&mut col, h, 3, r, &mut line, &mut out);
            for y in 0..h {
                let i = (y * w + x) * 3;
                buf[i..i + 3].copy_from_slice(&col[y * 3..y * 3 + 3]);
            }
        }
    }
}

/// One box-blur pass over `n` pixels of `channels` interleaved channels, edges clamped.
fn blur_line(
    data: &mut [u8],
    n: usize,
    channels: usize,
    r: usize,
    sums: &mut Vec<u32>,
    out: &mut Vec<u8>,
) {
    if n == 0 {
        return;
    }
    out.clear();
    out.resize(n * channels, 0);
    sums.clear();
    sums.resize(channels, 0);
    let window = (2 * r + 1) as u32;
    let at = |i: isize, c: usize| -> u32 {
        let k = i.clamp(0, n as isize - 1) as usize;
        u32::from(data[k * channels + c])
    };
    for (c, sum) in sums.iter_mut().enumerate() {
        *sum = (-(r as isize)..=r as isize).map(|i| at(i, c)).sum();
    }
    for i in 0..n {
        for c in 0..channels {
            out[i * channels + c] = ((sums[c] + window / 2) / window) as u8;
            let add = at(i as isize + r as isize + 1, c);
            let sub = at(i as isize - r as isize, c);
            sums[c] = sums[c] + add - sub;
        }
    }
    data.copy_from_slice(out);
}

/// Box blur of a single-channel float field (used for shadows and masks at low resolution).
pub(crate) fn box_blur_field(field: &mut [f32], w: usize, h: usize, radius: usize, passes: usize) {
    if radius == 0 || w == 0 || h == 0 || field.len() < w * h {
        return;
    }
    let mut tmp = vec![0.0f32; w.max(h)];
    let norm = 1.0 / (2 * radius + 1) as f32;
    for _ in 0..passes {
        for y in 0..h {
            let row = &mut field[y * w..(y + 1) * w];
            blur_field_line(row, &mut tmp[..w], radius, norm);
        }
        let mut col = vec![0.0f32; h];
        for x in 0..w {
            for y in 0..h {
                col[y] = field[y * w + x];
            }
            blur_field_line(&mut col, &mut tmp[..h], radius, norm);
            for y in 0..h {
                field[y * w + x] = col[y];
            }
        }
    }
}

fn blur_field_line(data: &mut [f32], tmp: &mut [f32], r: usize, norm: f32) {
    let n = data.len();
    if n == 0 {
        return;
    }
    let at = |i: isize| data[i.clamp(0, n as isize - 1) as usize];
    let mut sum: f32 = (-(r as isize)..=r as isize).map(at).sum();
    for (i, t) in tmp.iter_mut().enumerate().take(n) {
        *t = sum * norm;
        sum += at(i as isize + r as isize + 1) - at(i as isize - r as isize);
    }
    data.copy_from_slice(&tmp[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_clips_to_the_image() {
        let mut img = RgbImage::new(10, 10);
        fill_rect(&mut img, -5.0, -5.0, 50.0, 3.0, [255, 0, 0], 1.0);
        stroke_polyline(
            &mut img,
            &[[-100.0, -100.0], [100.0, 100.0]],
            3.0,
            [0, 255, 0],
            1.0,
        );
        fill_polygon(
            &mut img,
            &[[-1.0, -1.0], [20.0, 0.0], [5.0, 30.0]],
            [0, 0, 255],
            0.5,
        );
        fill_ellipse(&mut img, [5.0, 5.0], 40.0, 2.0, 0.3, [9, 9, 9], 1.0);
        fill_rect(&mut img, f32::NAN, 0.0, 1.0, 1.0, [1, 1, 1], 1.0);
        assert!(img.get_pixel(0, 0).0[1] > 0);
        box_blur_rgb(&mut img, 2, 2);
    }
}
