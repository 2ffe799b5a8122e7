//! Procedural surfaces a document is photographed on: wood, fabric, desk laminate, paper,
//! stone. Drawn at reduced resolution (the capture enlarges them), from hashed value noise so
//! no tables or state are needed.

use image::RgbImage;

use crate::rng::Rng;

/// The kind of surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Surface {
    Wood,
    Fabric,
    Desk,
    Paper,
    Stone,
}

impl Surface {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Surface::Wood => "wood",
            Surface::Fabric => "fabric",
            Surface::Desk => "desk",
            Surface::Paper => "paper",
            Surface::Stone => "stone",
        }
    }
}

#[inline]
fn hash(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x8DA6_B343)
        ^ (y as u32).wrapping_mul(0xD816_3841)
        ^ seed.wrapping_mul(0xCB1A_B31F);
    h ^= h >> 13;
    h = h.wrapping_mul(0x5BD1_E995);
    h ^= h >> 15;
    (h & 0xFFFF) as f32 / 65535.0
}

/// Smooth value noise in 0..1 at `(x, y)` (lattice spacing 1).
#[inline]
pub(crate) fn value_noise(x: f32, y: f32, seed: u32) -> f32 {
    let (xf, yf) = (crate::raster::floor(x), crate::raster::floor(y));
    let (xi, yi) = (xf as i32, yf as i32);
    let (tx, ty) = (x - xf, y - yf);
    let (sx, sy) = (tx * tx * (3.0 - 2.0 * tx), ty * ty * (3.0 - 2.0 * ty));
    let a = hash(xi, yi, seed);
    let b = hash(xi + 1, yi, seed);
    let c = hash(xi, yi + 1, seed);
    let d = hash(xi + 1, yi + 1, seed);
    let top = a + (b - a) * sx;
    let bottom = c + (d - c) * sx;
    top + (bottom - top) * sy
}

/// Fractal noise: `octaves` of value noise, each twice the frequency and half the weight.
fn fbm(x: f32, y: f32, octaves: u32, seed: u32) -> f32 {
    let (mut sum, mut weight, mut freq, mut total) = (0.0, 1.0, 1.0, 0.0);
    for o in 0..octaves {
        sum += value_noise(x * freq, y * freq, seed.wrapping_add(o * 7919)) * weight;
        total += weight;
        weight *= 0.5;
        freq *= 2.0;
    }
    sum / total
}

/// Sets every pixel to `shade(x, y)`, rows in parallel.
fn fill<F: Fn(u32, u32) -> [u8; 3] + Sync>(img: &mut RgbImage, shade: F) {
    let stride = img.width() as usize * 3;
    crate::raster::par_rows(img.as_mut(), stride, |first, band| {
        for (r, row) in band.chunks_exact_mut(stride.max(1)).enumerate() {
            let y = (first + r) as u32;
            for (x, p) in row.chunks_exact_mut(3).enumerate() {
                p.copy_from_slice(&shade(x as u32, y));
            }
        }
    });
}

fn pick_colour(rng: &mut Rng, palette: &[[u8; 3]]) -> [f32; 3] {
    let c = palette
        .get(rng.index(palette.len()))
        .copied()
        .unwrap_or([128, 128, 128]);
    let jitter = rng.range(0.9, 1.1);
    c.map(|v| f32::from(v) * jitter)
}

/// Draws a surface of `w`×`h` pixels; `scale` is how many output pixels one of these pixels
/// will cover (so features keep their physical size at any resolution).
pub(crate) fn draw(rng: &mut Rng, w: u32, h: u32, scale: f32) -> (RgbImage, Surface) {
    let surface = match rng.index(10) {
        0..=3 => Surface::Wood,
        4..=5 => Surface::Desk,
        6..=7 => Surface::Fabric,
        8 => Surface::Paper,
        _ => Surface::Stone,
    };
    let seed = rng.next_u64() as u32;
    let mut img = RgbImage::new(w.max(1), h.max(1));
    // Features are defined in "reference pixels" of a 4032-wide photo.
    let k = scale.max(0.05);
    match surface {
        Surface::Wood => {
            let base = pick_colour(
                rng,
                &[
                    [140, 100, 70],
                    [180, 140, 100],
                    [105, 75, 52],
                    [200, 172, 135],
                    [88, 64, 48],
                    [160, 120, 88],
                    [215, 195, 165],
                ],
            );
            let angle = rng.range(0.0, std::f32::consts::PI);
            let (sa, ca) = angle.sin_cos();
            let plank = rng.range(350.0, 900.0);
            let ring = rng.range(9.0, 22.0);
            let contrast = rng.range(0.12, 0.3);
            fill(&mut img, |x, y| {
                let (fx, fy) = (x as f32 * k, y as f32 * k);
                let along = fx * ca + fy * sa;
                let across = -fx * sa + fy * ca;
                let plank_index = crate::raster::floor(across / plank);
                let plank_tint = 0.9 + 0.2 * hash(plank_index as i32, 0, seed);
                let warp = fbm(along / 900.0, across / 140.0, 3, seed) * 18.0;
                let grain = ((across + warp * ring) / ring).sin() * 0.5 + 0.5;
                let fine = value_noise(along / 40.0, across / 2.5, seed ^ 77);
                let shade = (1.0 - contrast) + contrast * (grain * 0.7 + fine * 0.3);
                let seam_d =
                    (across - plank_index * plank).min((plank_index + 1.0) * plank - across);
                let seam = if seam_d < 2.5 {
                    0.55 + 0.45 * seam_d / 2.5
                } else {
                    1.0
                };
                let v = shade * plank_tint * seam;
                [
                    (base[0] * v).clamp(0.0, 255.0) as u8,
                    (base[1] * v).clamp(0.0, 255.0) as u8,
                    (base[2] * v).clamp(0.0, 255.0) as u8,
                ]
            });
        }
        Surface::Fabric => {
            let base = pick_colour(
                rng,
                &[
                    [40, 52, 92],
                    [96, 98, 104],
                    [180, 165, 140],
                    [120, 36, 40],
                    [52, 82, 60],
                    [30, 30, 34],
                    [150, 130, 160],
                ],
            );
            let period = rng.range(5.0, 9.0);
            fill(&mut img, |x, y| {
                let (fx, fy) = (x as f32 * k, y as f32 * k);
                let warp_x = (fx / period * std::f32::consts::TAU).sin();
                let weft_y = (fy / period * std::f32::consts::TAU).sin();
                let over = if ((crate::raster::floor(fx / period)
                    + crate::raster::floor(fy / period)) as i64)
                    % 2
                    == 0
                {
                    warp_x
                } else {
                    weft_y
                };
                let slub = fbm(fx / 300.0, fy / 300.0, 3, seed);
                let fuzz = value_noise(fx / 3.0, fy / 3.0, seed ^ 91);
                let v = 0.82 + 0.1 * over.abs() + 0.12 * (slub - 0.5) + 0.08 * (fuzz - 0.5);
                base.map(|c| (c * v).clamp(0.0, 255.0) as u8)
            });
        }
        Surface::Desk => {
            let base = pick_colour(
                rng,
                &[
                    [236, 236, 232],
                    [200, 200, 198],
                    [60, 60, 62],
                    [28, 28, 30],
                    [214, 205, 190],
                    [170, 180, 186],
                ],
            );
            fill(&mut img, |x, y| {
                let (fx, fy) = (x as f32 * k, y as f32 * k);
                let cloud = fbm(fx / 1200.0, fy / 1200.0, 3, seed);
                let speck = value_noise(fx / 2.0, fy / 2.0, seed ^ 5);
                let v = 0.94 + 0.08 * (cloud - 0.5) + 0.05 * (speck - 0.5);
                base.map(|c| (c * v).clamp(0.0, 255.0) as u8)
            });
        }
        Surface::Paper => {
            let base = pick_colour(rng, &[[242, 240, 232], [236, 232, 218], [228, 230, 232]]);
            fill(&mut img, |x, y| {
                let (fx, fy) = (x as f32 * k, y as f32 * k);
                let fibre = value_noise(fx / 14.0, fy / 3.0, seed) * 0.5
                    + value_noise(fx / 3.0, fy / 14.0, seed ^ 3) * 0.5;
                let cloud = fbm(fx / 600.0, fy / 600.0, 3, seed ^ 9);
                let v = 0.96 + 0.04 * (fibre - 0.5) + 0.05 * (cloud - 0.5);
                base.map(|c| (c * v).clamp(0.0, 255.0) as u8)
            });
        }
        Surface::Stone => {
            let base = pick_colour(
                rng,
                &[
                    [120, 118, 115],
                    [200, 195, 188],
                    [70, 66, 64],
                    [170, 150, 130],
                ],
            );
            fill(&mut img, |x, y| {
                let (fx, fy) = (x as f32 * k, y as f32 * k);
                let grains = value_noise(fx / 6.0, fy / 6.0, seed);
                let big = fbm(fx / 250.0, fy / 250.0, 4, seed ^ 13);
                let fleck = if grains > 0.86 {
                    1.35
                } else if grains < 0.1 {
                    0.6
                } else {
                    1.0
                };
                let v = (0.85 + 0.3 * (big - 0.5)) * fleck;
                base.map(|c| (c * v).clamp(0.0, 255.0) as u8)
            });
        }
    }
    (img, surface)
}
