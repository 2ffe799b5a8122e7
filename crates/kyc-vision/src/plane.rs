//! `Plane`: one channel of an image as `f32` values, with the few kernels the checks need
//! (area downscaling, separable Gaussian blur, Sobel gradients, sampling).
//!
//! The checks work on small planes (about a megapixel), so these kernels are written for
//! clarity with tight loops and no per-pixel allocation, and need no image-processing crate.

use image::RgbImage;

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
        let max_x = (self.width - 1) as f32;
        let max_y = (self.height - 1) as f32;
        let x = x.clamp(0.0, max_x);
        let y = y.clamp(0.0, max_y);
        let x0 = x.floor() as usize;
        let y0 = y.floor() as usize;
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let fx = x - x0 as f32;
        let fy = y - y0 as f32;
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
        let mut counts = vec![0u32; width * height];
        for y in 0..self.height {
            let row = &self.data[y * self.width..(y + 1) * self.width];
            let out_row = (y / factor) * width;
            for (x, value) in row.iter().enumerate() {
                let index = out_row + x / factor;
                sums[index] += value;
                counts[index] += 1;
            }
        }
        for (sum, count) in sums.iter_mut().zip(&counts) {
            *sum /= (*count).max(1) as f32;
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
        let radius = (sigma * 3.0).ceil() as isize;
        let kernel: Vec<f32> = (-radius..=radius)
            .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
            .collect();
        let total: f32 = kernel.iter().sum();
        let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
        let (w, h) = (self.width as isize, self.height as isize);
        let mut horizontal = Plane::new(self.width, self.height);
        for y in 0..h {
            for x in 0..w {
                let mut acc = 0.0;
                for (k, weight) in kernel.iter().enumerate() {
                    let sx = (x + k as isize - radius).clamp(0, w - 1);
                    acc += weight * self.data[(y * w + sx) as usize];
                }
                horizontal.data[(y * w + x) as usize] = acc;
            }
        }
        let mut out = Plane::new(self.width, self.height);
        for y in 0..h {
            for x in 0..w {
                let mut acc = 0.0;
                for (k, weight) in kernel.iter().enumerate() {
                    let sy = (y + k as isize - radius).clamp(0, h - 1);
                    acc += weight * horizontal.data[(sy * w + x) as usize];
                }
                out.data[(y * w + x) as usize] = acc;
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
        for y in 1..self.height - 1 {
            for x in 1..w - 1 {
                let p = |dx: usize, dy: usize| self.data[(y + dy - 1) * w + (x + dx - 1)];
                let sx = (p(2, 0) + 2.0 * p(2, 1) + p(2, 2)) - (p(0, 0) + 2.0 * p(0, 1) + p(0, 2));
                let sy = (p(0, 2) + 2.0 * p(1, 2) + p(2, 2)) - (p(0, 0) + 2.0 * p(1, 0) + p(2, 0));
                gx.data[y * w + x] = sx / 8.0;
                gy.data[y * w + x] = sy / 8.0;
            }
        }
        (gx, gy)
    }
}

/// The three colour planes plus luma of an image, downscaled by area averaging so that the
/// longer side is at most `max_side` pixels. Values are in 0..1. Returns the planes and the
/// scale factor applied (working pixels per source pixel, ≤ 1).
pub struct ColourPlanes {
    pub red: Plane,
    pub green: Plane,
    pub blue: Plane,
    pub luma: Plane,
    pub scale: f32,
}

impl ColourPlanes {
    pub fn from_image(rgb: &RgbImage, max_side: usize) -> ColourPlanes {
        let (width, height) = rgb.dimensions();
        let (width, height) = (width as usize, height as usize);
        let longest = width.max(height).max(1);
        let factor = longest.div_ceil(max_side.max(1)).max(1);
        let out_w = width.div_ceil(factor);
        let out_h = height.div_ceil(factor);
        let mut sums = [
            vec![0.0f32; out_w * out_h],
            vec![0.0f32; out_w * out_h],
            vec![0.0f32; out_w * out_h],
        ];
        let mut counts = vec![0u32; out_w * out_h];
        for (y, row) in rgb.as_raw().chunks_exact(width * 3).enumerate() {
            let out_row = (y / factor) * out_w;
            for (x, pixel) in row.chunks_exact(3).enumerate() {
                let index = out_row + x / factor;
                sums[0][index] += f32::from(pixel[0]);
                sums[1][index] += f32::from(pixel[1]);
                sums[2][index] += f32::from(pixel[2]);
                counts[index] += 1;
            }
        }
        let [mut red, mut green, mut blue] = sums;
        let mut luma = vec![0.0f32; out_w * out_h];
        for i in 0..out_w * out_h {
            let n = counts[i].max(1) as f32 * 255.0;
            red[i] /= n;
            green[i] /= n;
            blue[i] /= n;
            luma[i] = 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i];
        }
        let plane = |data| Plane {
            width: out_w,
            height: out_h,
            data,
        };
        ColourPlanes {
            red: plane(red),
            green: plane(green),
            blue: plane(blue),
            luma: plane(luma),
            scale: 1.0 / factor as f32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
