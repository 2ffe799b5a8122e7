use super::*;
use crate::intake::ExifSummary;

struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 10_000) as f32 / 10_000.0 - 0.5
    }
}

fn facts(image: &RgbImage, format: ImageFormat, camera: bool) -> FileFacts {
    FileFacts {
        format,
        bytes: 1,
        width: image.width(),
        height: image.height(),
        exif: ExifSummary {
            make: camera.then(|| "Apple".to_string()),
            ..ExifSummary::default()
        },
    }
}

/// A colourful "document" with print-like structure and sensor noise, like a camera photo.
fn photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut noise = Noise(seed | 1);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let base = [
            170.0 + 40.0 * (fx * 0.013).sin(),
            150.0 + 40.0 * (fy * 0.017).cos(),
            140.0 + 40.0 * ((fx + fy) * 0.009).sin(),
        ];
        let cell = (x / 9).wrapping_mul(2_654_435_761) ^ (y / 23).wrapping_mul(40_503);
        let print = if cell.wrapping_mul(2_246_822_519) >> 29 == 0 {
            0.45
        } else {
            1.0
        };
        let light = 0.8 + 0.2 * (fx / width as f32);
        image::Rgb(base.map(|c| (c * print * light + 6.0 * noise.next()).clamp(0.0, 255.0) as u8))
    })
}

#[test]
fn a_camera_photo_scores_low_everywhere() {
    let image = photo(1200, 900, 7);
    let scores = capture_scores(&image, &facts(&image, ImageFormat::Jpeg, true), None);
    assert!(scores.screenshot < 0.2, "{scores:?}");
    assert!(scores.photocopy < 0.2, "{scores:?}");
    assert!(scores.screen_recapture < 0.5, "{scores:?}");
}

#[test]
fn a_screenshot_with_flat_ui_scores_high() {
    let (w, h) = (1170, 2532);
    let document = photo(1000, 630, 3);
    let image = RgbImage::from_fn(w, h, |x, y| {
        if y < 140 {
            image::Rgb([248, 248, 248])
        } else if (85..1085).contains(&x) && (900..1530).contains(&y) {
            *document.get_pixel(x - 85, y - 900)
        } else if y > 2300 {
            image::Rgb([30, 30, 34])
        } else {
            image::Rgb([242, 242, 247])
        }
    });
    let corners = [
        [85.0, 900.0],
        [1085.0, 900.0],
        [1085.0, 1530.0],
        [85.0, 1530.0],
    ];
    let scores = capture_scores(
        &image,
        &facts(&image, ImageFormat::Png, false),
        Some(&corners),
    );
    assert!(scores.features.screen_resolution);
    assert!(scores.features.axis_aligned_document);
    assert!(scores.features.flat_fraction > 0.3, "{scores:?}");
    assert!(scores.screenshot > 0.9, "{scores:?}");
}

#[test]
fn a_greyscale_copy_scores_as_photocopy() {
    let colour = photo(900, 600, 11);
    let mut noise = Noise(99);
    // Grey print under a warm light: a uniform cast, no colour of its own.
    let copy = RgbImage::from_fn(900, 600, |x, y| {
        let p = colour.get_pixel(x, y).0;
        let grey = 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
        let grey = grey + 3.0 * noise.next();
        image::Rgb([
            (grey * 1.05).min(255.0) as u8,
            grey as u8,
            (grey * 0.9) as u8,
        ])
    });
    let scores = capture_scores(&copy, &facts(&copy, ImageFormat::Jpeg, true), None);
    assert!(scores.photocopy > 0.9, "{scores:?}");
    let original = capture_scores(&colour, &facts(&colour, ImageFormat::Jpeg, true), None);
    assert!(original.photocopy < 0.1, "{original:?}");
}

#[test]
fn a_screen_pixel_grid_scores_as_recapture() {
    let content = photo(900, 700, 5);
    let mut noise = Noise(17);
    // Each screen pixel is three sub-pixel stripes (R, G, B) and a dark gap row, 4 camera
    // pixels per screen pixel vertically.
    let screen = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let stripe = (x % 3) as usize;
        let gap = if y % 4 == 3 { 0.35 } else { 1.0 };
        let mut out = [0u8; 3];
        for c in 0..3 {
            let on = if c == stripe { 1.0 } else { 0.25 };
            out[c] = (f32::from(p[c]) * on * gap + 4.0 * noise.next()).clamp(0.0, 255.0) as u8;
        }
        image::Rgb(out)
    });
    let scores = capture_scores(&screen, &facts(&screen, ImageFormat::Jpeg, true), None);
    let plain = capture_scores(&content, &facts(&content, ImageFormat::Jpeg, true), None);
    assert!(scores.screen_recapture > 0.9, "{scores:?}");
    assert!(
        plain.features.periodic_peak < scores.features.periodic_peak - 1.0,
        "{plain:?}"
    );
}

#[test]
fn tiny_images_do_not_panic() {
    let image = RgbImage::new(3, 2);
    let scores = capture_scores(&image, &facts(&image, ImageFormat::Png, false), None);
    assert!(scores.screenshot.is_finite());
}
