//! `Plane`: one channel of an image as `f32` values, with the few kernels the checks need
//! (area downscaling, separable Gaussian blur, Sobel gradients, sampling).
//!
//! The checks work on small planes (about a megapixel), so these kernels are written for
//! clarity with tight loops and no per-pixel allocation, and need no image-processing crate.

use image::{GrayImage, RgbImage};

/// A single-channel image of `f32` values stored row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Plane {
    pub fn new(width: usize, height: usize) -> Plane {
        Plane {
            width,
            height,
            data: vec![0.0; width * height],
        }
    }

    #[inline]
    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    #[inline]
    pub fn set(&mut self, x: usize, y: usize, value: f32) {
        self.data[y * self.width + x] = value;
    }

    /// Bilinear sample at a real position, clamped to the edges.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        if self.width == 0 || self.height == 0 {
            return 0.0;
        }
        let x = x.clamp(0.0, (self.width - 1) as f32);
        let y = y.clamp(0.0, (self.height - 1) as f32);
        self.sample_inside(x, y)
    }

    /// Bilinear sample at a position already known to be inside the plane
    /// (0 ≤ x ≤ width − 1, 0 ≤ y ≤ height − 1): [`Plane::sample`] without the clamping, for
    /// loops that check bounds themselves.
    #[inline]
    pub fn sample_inside(&self, x: f32, y: f32) -> f32 {
        let (x0, y0) = (x as usize, y as usize);
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let top = self.get(x0, y0) * (1.0 - fx) + self.get(x1, y0) * fx;
        let bottom = self.get(x0, y1) * (1.0 - fx) + self.get(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }

    /// Averages `factor × factor` blocks (the last partial block averages what it has).
    pub fn downscale(&self, factor: usize) -> Plane {
        let factor = factor.max(1);
        if factor == 1 {
            return self.clone();
        }
        let width = self.width.div_ceil(factor);
        let height = self.height.div_ceil(factor);
        let mut sums = vec![0.0f32; width * height];
        for (band, out_row) in sums.chunks_exact_mut(width).enumerate() {
            let rows = (band * factor)..((band + 1) * factor).min(self.height);
            let band_rows = rows.len();
            for y in rows {
                let row = &self.data[y * self.width..(y + 1) * self.width];
                match factor {
                    // The common factors (a working plane to its search plane) with the block
                    // size known to the compiler: the same sums, unrolled.
                    2 => add_blocks::<2>(out_row, row),
                    3 => add_blocks::<3>(out_row, row),
                    4 => add_blocks::<4>(out_row, row),
                    _ => {
                        for (sum, block) in out_row.iter_mut().zip(row.chunks(factor)) {
                            *sum += block.iter().sum::<f32>();
                        }
                    }
                }
            }
            for (x, sum) in out_row.iter_mut().enumerate() {
                let block_w = (self.width - x * factor).min(factor);
                *sum /= (block_w * band_rows) as f32;
            }
        }
        Plane {
            width,
            height,
            data: sums,
        }
    }

    /// Separable Gaussian blur with standard deviation `sigma` (pixels), edges clamped.
    pub fn blur(&self, sigma: f32) -> Plane {
        if sigma <= 0.0 || self.width == 0 || self.height == 0 {
            return self.clone();
        }
        let (kernel, radius) = gaussian_kernel(sigma);
        let (w, h) = (self.width, self.height);
        let r = radius as usize;
        let clamped = |at: usize, k: usize, len: usize| {
            (at as isize + k as isize - radius).clamp(0, len as isize - 1) as usize
        };
        // Each output is the same sum in the same order as a plain clamped convolution; the
        // interior (all but `radius` pixels at each end of a row) needs no clamping, and the
        // vertical pass runs along whole rows so the compiler can vectorise it.
        let mut horizontal = Plane::new(w, h);
        for (source, row) in self
            .data
            .chunks_exact(w)
            .zip(horizontal.data.chunks_exact_mut(w))
        {
            for (x, out) in row.iter_mut().enumerate() {
                let mut acc = 0.0;
                if x >= r && x + r < w {
                    for (weight, value) in kernel.iter().zip(&source[x - r..=x + r]) {
                        acc += weight * value;
                    }
                } else {
                    for (k, weight) in kernel.iter().enumerate() {
                        acc += weight * source[clamped(x, k, w)];
                    }
                }
                *out = acc;
            }
        }
        let mut out = Plane::new(w, h);
        for (y, row) in out.data.chunks_exact_mut(w).enumerate() {
            for (k, weight) in kernel.iter().enumerate() {
                let sy = clamped(y, k, h);
                let source = &horizontal.data[sy * w..(sy + 1) * w];
                for (out, value) in row.iter_mut().zip(source) {
                    *out += weight * value;
                }
            }
        }
        out
    }

    /// Sobel gradients (gx, gy); border pixels are zero.
    pub fn sobel(&self) -> (Plane, Plane) {
        let mut gx = Plane::new(self.width, self.height);
        let mut gy = Plane::new(self.width, self.height);
        if self.width < 3 || self.height < 3 {
            return (gx, gy);
        }
        let w = self.width;
        // Row slices rather than 2-D indexing, so the inner loop runs without bounds checks.
        for y in 1..self.height - 1 {
            let up = &self.data[(y - 1) * w..y * w];
            let mid = &self.data[y * w..(y + 1) * w];
            let down = &self.data[(y + 1) * w..(y + 2) * w];
            let gx_row = &mut gx.data[y * w..(y + 1) * w];
            let gy_row = &mut gy.data[y * w..(y + 1) * w];
            for x in 1..w - 1 {
                let sx = (up[x + 1] + 2.0 * mid[x + 1] + down[x + 1])
                    - (up[x - 1] + 2.0 * mid[x - 1] + down[x - 1]);
                let sy = (down[x - 1] + 2.0 * down[x] + down[x + 1])
                    - (up[x - 1] + 2.0 * up[x] + up[x + 1]);
                gx_row[x] = sx / 8.0;
                gy_row[x] = sy / 8.0;
            }
        }
        (gx, gy)
    }
}

/// Adds each block of `F` values of `row` (the last one partial) to its sum in `sums`.
fn add_blocks<const F: usize>(sums: &mut [f32], row: &[f32]) {
    let blocks = row.chunks_exact(F);
    let rest = blocks.remainder();
    for (sum, block) in sums.iter_mut().zip(blocks) {
        *sum += block.iter().sum::<f32>();
    }
    if !rest.is_empty()
        && let Some(last) = sums.last_mut()
    {
        *last += rest.iter().sum::<f32>();
    }
}

/// A normalised Gaussian kernel of standard deviation `sigma`, out to three sigmas, with its
/// radius.
fn gaussian_kernel(sigma: f32) -> (Vec<f32>, isize) {
    let radius = (sigma * 3.0).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    (kernel.iter().map(|k| k / total).collect(), radius)
}

/// `x` rounded to the nearest integer, halves away from zero, as `f32::round` does. Without
/// SSE4.1 (the portable x86-64 baseline) `f32::round` is a call into libm; the edge and line
/// loops round millions of times per photo, and this is a compare and a truncating convert.
#[inline]
pub fn nearest(x: f32) -> isize {
    let magnitude = (x.abs() + 0.5) as isize;
    if x < 0.0 { -magnitude } else { magnitude }
}

/// A source-pixel position in the pixels of a plane reduced by `factor` (by [`luma_plane`] or
/// [`Plane::downscale`]): a block's centre lies (factor − 1) / 2 source pixels from its corner.
pub fn to_reduced(p: [f32; 2], factor: usize) -> [f32; 2] {
    let (factor, offset) = (factor as f32, (factor as f32 - 1.0) / 2.0);
    [(p[0] - offset) / factor, (p[1] - offset) / factor]
}

/// The inverse of [`to_reduced`]: a reduced plane's position in source pixels.
pub fn from_reduced(p: [f32; 2], factor: usize) -> [f32; 2] {
    let (factor, offset) = (factor as f32, (factor as f32 - 1.0) / 2.0);
    [p[0] * factor + offset, p[1] * factor + offset]
}

/// Luma ×256 of a row of RGB pixels (Rec. 601 weights 77, 150, 29 out of 256), eight pixels
/// per step so the compiler keeps the arithmetic in vector registers.
fn luma_row(rgb: &[u8], luma: &mut [u16]) {
    let weigh = |p: &[u8]| 77 * u16::from(p[0]) + 150 * u16::from(p[1]) + 29 * u16::from(p[2]);
    let mut pixels = rgb.chunks_exact(24);
    let mut out = luma.chunks_exact_mut(8);
    for (p, l) in (&mut pixels).zip(&mut out) {
        for (k, value) in l.iter_mut().enumerate() {
            *value = weigh(&p[3 * k..3 * k + 3]);
        }
    }
    for (p, l) in pixels.remainder().chunks_exact(3).zip(out.into_remainder()) {
        *l = weigh(p);
    }
}

/// The factor that brings an image's longer side to at most `max_side` pixels.
pub fn reduction_for(width: u32, height: u32, max_side: usize) -> usize {
    (width.max(height).max(1) as usize)
        .div_ceil(max_side.max(1))
        .max(1)
}

/// The luma (0..1, Rec. 601 weights) of an image averaged over `factor × factor` blocks (the
/// blocks at the right and bottom edges average what they have).
///
/// This is the one pass over the full-resolution pixels the checks make (the photo can be
/// 12 MP or more), so it works in integers: luma ×256 per pixel summed into one integer per
/// output column for a band of `factor` rows, then scaled once per output pixel. `factor` is at most 256.
pub fn luma_plane(rgb: &RgbImage, factor: usize) -> Plane {
    let width = rgb.width() as usize;
    let raw = rgb.as_raw();
    block_average(width, rgb.height() as usize, factor, |y, luma| {
        luma_row(&raw[y * width * 3..(y + 1) * width * 3], luma);
    })
}

/// [`luma_plane`] of an image that is luma already (a JPEG decoded without its colour).
pub fn grey_plane(grey: &GrayImage, factor: usize) -> Plane {
    let width = grey.width() as usize;
    let raw = grey.as_raw();
    block_average(width, grey.height() as usize, factor, |y, luma| {
        for (out, &value) in luma.iter_mut().zip(&raw[y * width..(y + 1) * width]) {
            *out = u16::from(value) << 8;
        }
    })
}

/// Averages `factor × factor` blocks of a `width × height` picture whose rows `row(y, out)`
/// writes as luma ×256, into a plane of 0..1.
fn block_average(
    width: usize,
    height: usize,
    factor: usize,
    mut row: impl FnMut(usize, &mut [u16]),
) -> Plane {
    // Sums are u32: 256 × 256 blocks of the brightest luma still fit.
    let factor = factor.clamp(1, 256);
    let out_w = width.div_ceil(factor);
    let out_h = height.div_ceil(factor);
    let mut data = vec![0.0f32; out_w * out_h];
    if width == 0 || height == 0 {
        return Plane {
            width: out_w,
            height: out_h,
            data,
        };
    }
    // Luma ×256 fits a u16 (at most 255 × 256).
    let mut row_luma = vec![0u16; width];
    if factor == 1 {
        // A picture already small enough is its own working plane: no blocks to sum.
        for (y, out_row) in data.chunks_exact_mut(out_w).enumerate() {
            row(y, &mut row_luma);
            for (out, &luma) in out_row.iter_mut().zip(&row_luma) {
                *out = f32::from(luma) / (256.0 * 255.0);
            }
        }
        return Plane {
            width: out_w,
            height: out_h,
            data,
        };
    }
    let mut sums = vec![0u32; out_w];
    for (band, out_row) in data.chunks_exact_mut(out_w).enumerate() {
        sums.fill(0);
        let rows = (band * factor)..((band + 1) * factor).min(height);
        let band_rows = rows.len();
        for y in rows {
            row(y, &mut row_luma);
            if factor == 2 {
                // The common case (a 12 MP photo to its working plane), kept branch-free.
                for (sum, pair) in sums.iter_mut().zip(row_luma.chunks_exact(2)) {
                    *sum += u32::from(pair[0]) + u32::from(pair[1]);
                }
                if width % 2 == 1 {
                    sums[out_w - 1] += u32::from(row_luma[width - 1]);
                }
            } else {
                for (sum, block) in sums.iter_mut().zip(row_luma.chunks(factor)) {
                    *sum += block.iter().map(|&v| u32::from(v)).sum::<u32>();
                }
            }
        }
        for (x, (out, sum)) in out_row.iter_mut().zip(&sums).enumerate() {
            let block_w = (width - x * factor).min(factor);
            *out = *sum as f32 / (256.0 * 255.0 * (block_w * band_rows) as f32);
        }
    }
    Plane {
        width: out_w,
        height: out_h,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn downscale_averages_blocks() {
        let plane = Plane {
            width: 4,
            height: 2,
            data: vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        };
        let small = plane.downscale(2);
        assert_eq!((small.width, small.height), (2, 1));
        assert_eq!(small.data, vec![2.5, 4.5]);
    }

    #[test]
    fn luma_plane_averages_blocks_of_luma() {
        // 5 × 3 pixels: white, black and grey columns; factor 2 leaves partial blocks at the
        // right and bottom edges.
        let rgb = RgbImage::from_fn(5, 3, |x, _| match x {
            0 | 1 => image::Rgb([255, 255, 255]),
            2 => image::Rgb([0, 0, 0]),
            _ => image::Rgb([255, 0, 0]),
        });
        let plane = luma_plane(&rgb, 2);
        assert_eq!((plane.width, plane.height), (3, 2));
        let red = 77.0 / 256.0;
        let expected = [1.0, (0.0 + red) / 2.0, red, 1.0, red / 2.0, red];
        for (got, want) in plane.data.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{:?}", plane.data);
        }
        assert_eq!(reduction_for(4032, 3024, 800), 6);
        assert_eq!(reduction_for(640, 480, 800), 1);
    }

    #[test]
    fn grey_plane_equals_the_luma_plane_of_the_same_greys_in_rgb() {
        let value = |x: u32, y: u32| ((x * 37 + y * 91) % 256) as u8;
        let grey = GrayImage::from_fn(7, 5, |x, y| image::Luma([value(x, y)]));
        let rgb = RgbImage::from_fn(7, 5, |x, y| {
            let v = value(x, y);
            image::Rgb([v, v, v])
        });
        for factor in [1, 2, 3] {
            let (a, b) = (grey_plane(&grey, factor), luma_plane(&rgb, factor));
            assert_eq!((a.width, a.height), (b.width, b.height));
            for (x, y) in a.data.iter().zip(&b.data) {
                assert!((x - y).abs() < 1e-6, "factor {factor}: {x} vs {y}");
            }
        }
    }

    #[test]
    fn blur_preserves_mean_and_softens_a_step() {
        let mut plane = Plane::new(32, 8);
        for y in 0..8 {
            for x in 16..32 {
                plane.set(x, y, 1.0);
            }
        }
        let soft = plane.blur(2.0);
        let mean = |p: &Plane| p.data.iter().sum::<f32>() / p.data.len() as f32;
        assert!((mean(&soft) - mean(&plane)).abs() < 1e-3);
        assert!(soft.get(15, 4) > 0.2 && soft.get(15, 4) < 0.5);
    }

    #[test]
    fn sobel_finds_a_vertical_edge() {
        let mut plane = Plane::new(8, 8);
        for y in 0..8 {
            for x in 4..8 {
                plane.set(x, y, 1.0);
            }
        }
        let (gx, gy) = plane.sobel();
        assert!(gx.get(4, 4) > 0.4);
        assert_eq!(gy.get(4, 4), 0.0);
    }

    /// The blur as first written: every tap clamped, one pixel at a time, rows then columns.
    fn clamped_blur(plane: &Plane, sigma: f32) -> Plane {
        let (kernel, radius) = gaussian_kernel(sigma);
        let (w, h) = (plane.width as isize, plane.height as isize);
        let convolve = |source: &Plane, along_rows: bool| {
            let mut out = Plane::new(plane.width, plane.height);
            for y in 0..h {
                for x in 0..w {
                    let mut acc = 0.0;
                    for (k, weight) in kernel.iter().enumerate() {
                        let shift = k as isize - radius;
                        let (sx, sy) = if along_rows {
                            ((x + shift).clamp(0, w - 1), y)
                        } else {
                            (x, (y + shift).clamp(0, h - 1))
                        };
                        acc += weight * source.data[(sy * w + sx) as usize];
                    }
                    out.data[(y * w + x) as usize] = acc;
                }
            }
            out
        };
        convolve(&convolve(plane, true), false)
    }

    proptest::proptest! {
        #[test]
        fn nearest_rounds_halves_away_from_zero_like_round(x in -100_000.0f32..100_000.0) {
            // Within an ulp below a half, x + 0.5 may round up to the next integer.
            let near_half = (x.abs().fract() - 0.5).abs() < 1e-4;
            proptest::prop_assume!(!near_half);
            proptest::prop_assert_eq!(nearest(x), x.round() as isize);
        }

        #[test]
        fn the_blur_is_the_clamped_convolution_exactly(
            width in 1usize..24,
            height in 1usize..24,
            sigma in 0.3f32..3.0,
            seed in 0u32..1000,
        ) {
            let data = (0..width * height)
                .map(|i| (((i as u32).wrapping_mul(2_654_435_761) ^ seed) % 1000) as f32 / 1000.0)
                .collect();
            let plane = Plane { width, height, data };
            proptest::prop_assert_eq!(plane.blur(sigma).data, clamped_blur(&plane, sigma).data);
        }
    }

    #[test]
    fn downscale_by_two_averages_partial_blocks_too() {
        let plane = Plane {
            width: 3,
            height: 3,
            data: vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        };
        let small = plane.downscale(2);
        assert_eq!((small.width, small.height), (2, 2));
        assert_eq!(small.data, vec![2.0, 3.5, 6.5, 8.0]);
        let wide = Plane {
            width: 7,
            height: 1,
            data: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 10.0],
        };
        assert_eq!(wide.downscale(3).data, vec![2.0, 5.0, 10.0]);
        assert_eq!(wide.downscale(4).data, vec![2.5, 7.0]);
    }

    #[test]
    fn nearest_rounds_exact_halves_away_from_zero() {
        assert_eq!(
            [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5].map(nearest),
            [-3, -2, -1, 1, 2, 3]
        );
        assert_eq!([-0.49, 0.0, 0.49, 179.6].map(nearest), [0, 0, 0, 180]);
    }

    #[test]
    fn a_small_picture_is_its_own_working_plane() {
        let rgb = RgbImage::from_fn(3, 2, |x, y| Rgb([(x * 100) as u8, (y * 200) as u8, 50]));
        let plane = luma_plane(&rgb, 1);
        assert_eq!((plane.width, plane.height), (3, 2));
        for (x, y, pixel) in rgb.enumerate_pixels() {
            // Exactly what a block of one pixel averages to.
            let [r, g, b] = pixel.0.map(u32::from);
            let expected = (77 * r + 150 * g + 29 * b) as f32 / (256.0 * 255.0 * 1.0);
            assert_eq!(plane.get(x as usize, y as usize), expected);
        }
    }
}
