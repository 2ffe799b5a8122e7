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

/// The capture scores of a JPEG with a camera's EXIF, with the outline found (if any).
fn camera_photo(image: &RgbImage, outline: Option<&[Point; 4]>) -> CaptureScores {
    capture_scores(image, &facts(image, ImageFormat::Jpeg, true), outline)
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
    let scores = camera_photo(&image, None);
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
    let scores = camera_photo(&copy, None);
    assert!(scores.photocopy > 0.9, "{scores:?}");
    let original = camera_photo(&colour, None);
    assert!(original.photocopy < 0.1, "{original:?}");
}

/// `content` shown on a screen: each screen pixel is three sub-pixel stripes (R, G, B) and a
/// dark gap row, 4 camera pixels per screen pixel vertically.
fn on_screen(content: &RgbImage) -> RgbImage {
    let mut noise = Noise(17);
    RgbImage::from_fn(content.width(), content.height(), |x, y| {
        let p = content.get_pixel(x, y).0;
        let stripe = (x % 3) as usize;
        let gap = if y % 4 == 3 { 0.35 } else { 1.0 };
        let mut out = [0u8; 3];
        for c in 0..3 {
            let on = if c == stripe { 1.0 } else { 0.25 };
            out[c] = (f32::from(p[c]) * on * gap + 4.0 * noise.next()).clamp(0.0, 255.0) as u8;
        }
        image::Rgb(out)
    })
}

#[test]
fn a_screen_pixel_grid_scores_as_recapture() {
    let content = photo(900, 700, 5);
    let screen = on_screen(&content);
    let scores = camera_photo(&screen, None);
    let plain = camera_photo(&content, None);
    assert!(scores.screen_recapture > 0.9, "{scores:?}");
    assert!(
        plain.features.periodic_peak < scores.features.periodic_peak - 1.0,
        "{plain:?}"
    );
}

#[test]
fn glare_on_a_screen_does_not_hide_its_pixel_grid() {
    // A reflection blows out the brightest part of the screen: a blob of clipped white over
    // the upper middle of the area looked at, brighter than anything the screen shows. The
    // tiles under it carry no modulation; the rest of the screen still does.
    let mut screen = on_screen(&photo(900, 700, 5));
    for (x, y, p) in screen.enumerate_pixels_mut() {
        let (dx, dy) = ((x as f32 - 450.0) / 200.0, (y as f32 - 230.0) / 150.0);
        if dx * dx + dy * dy < 1.0 {
            p.0 = [255, 255, 255];
        }
    }
    let scores = camera_photo(&screen, None);
    assert!(scores.screen_recapture > 0.9, "{scores:?}");
}

#[test]
fn tiny_images_do_not_panic() {
    let image = RgbImage::new(3, 2);
    let scores = capture_scores(&image, &facts(&image, ImageFormat::Png, false), None);
    assert!(scores.screenshot.is_finite());
}

/// A phone screenshot in the light theme: near-white app bars (250, which a clipped highlight
/// would also be) and a black letterbox, the document between them.
fn phone_screenshot(background: [u8; 3]) -> RgbImage {
    let document = photo(1000, 630, 3);
    RgbImage::from_fn(1080, 2400, |x, y| {
        if (40..1040).contains(&x) && (900..1530).contains(&y) {
            *document.get_pixel(x - 40, y - 900)
        } else {
            image::Rgb(background)
        }
    })
}

#[test]
fn full_width_clipped_bars_count_as_rendered() {
    for background in [[250, 250, 250], [0, 0, 0], [255, 255, 255]] {
        let image = phone_screenshot(background);
        assert!(flat_fraction(&image) > 0.5, "{background:?}");
        let scores = capture_scores(&image, &facts(&image, ImageFormat::Png, false), None);
        assert!(scores.screenshot > 0.9, "{scores:?}");
    }
}

#[test]
fn a_clipped_glare_blob_in_a_photo_is_not_rendered() {
    // A blown-out highlight: exactly 255 over a disc a third of the width, as phones write it.
    let mut image = photo(1200, 900, 21);
    for (x, y, p) in image.enumerate_pixels_mut() {
        let (dx, dy) = (x as f32 - 600.0, y as f32 - 450.0);
        if dx * dx + dy * dy < 200.0 * 200.0 {
            p.0 = [255, 255, 255];
        }
    }
    assert_eq!(flat_fraction(&image), 0.0);
    let scores = capture_scores(&image, &facts(&image, ImageFormat::Jpeg, false), None);
    assert!(scores.screenshot < 0.2, "{scores:?}");
}

#[test]
fn a_downscaled_photo_s_quantised_gradient_is_not_rendered() {
    // A photo downscaled and recompressed for a messenger: its smooth surface quantised into
    // plateaus one level apart, the middle one more than half of a 448-pixel row, fading into
    // the next plateau at both ends. Without `is_plateau` its flat fraction is 0.53.
    let image = RgbImage::from_fn(448, 600, |x, y| {
        let level = (50 + x.abs_diff(224) / 120 + y / 100) as u8;
        image::Rgb([level, level + 1, level + 5])
    });
    assert_eq!(flat_fraction(&image), 0.0);
    let scores = capture_scores(&image, &facts(&image, ImageFormat::Jpeg, false), None);
    assert!(scores.screenshot < 0.2, "{scores:?}");
    // The same plateau ending in a step (an element drawn on a rendered surface) counts.
    let mut drawn = image.clone();
    for y in 0..600 {
        for x in [104, 105, 344, 345] {
            drawn.put_pixel(x, y, image::Rgb([200, 200, 200]));
        }
    }
    assert!(flat_fraction(&drawn) > 0.4, "{}", flat_fraction(&drawn));
}

#[test]
fn colour_spread_ignores_the_colour_of_the_light() {
    let colour = photo(900, 600, 13);
    let lit = |gain: [f32; 3]| {
        RgbImage::from_fn(900, 600, |x, y| {
            let p = colour.get_pixel(x, y).0;
            image::Rgb([0, 1, 2].map(|c| (f32::from(p[c]) * gain[c]).min(255.0) as u8))
        })
    };
    let area = |image: &RgbImage| Area::new(image, None);
    let warm = colour_spread(&lit([1.0, 0.9, 0.7]), &area(&colour)).spread;
    let cool = colour_spread(&lit([0.8, 0.9, 1.0]), &area(&colour)).spread;
    let plain = colour_spread(&colour, &area(&colour)).spread;
    assert!(plain > 0.05, "{plain}");
    assert!((warm / plain - 1.0).abs() < 0.15, "{warm} vs {plain}");
    assert!((cool / plain - 1.0).abs() < 0.15, "{cool} vs {plain}");
}

#[test]
fn a_grey_region_without_ink_is_not_called_a_copy() {
    // A plain grey tabletop (or a blank page) where the document outline was wrongly found:
    // no colour, but no print either.
    let mut noise = Noise(5);
    let table = RgbImage::from_fn(1200, 900, |x, _| {
        let v = 150.0 + 10.0 * (x as f32 * 0.01).sin() + 3.0 * noise.next();
        image::Rgb([v as u8, (v * 0.98) as u8, (v * 0.95) as u8])
    });
    let scores = camera_photo(&table, None);
    assert!(scores.features.ink_contrast < 0.2, "{scores:?}");
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

/// Copier paper with grey text lines, and toner specks when `specks`.
fn copy_paper(specks: bool) -> RgbImage {
    let mut noise = Noise(77);
    RgbImage::from_fn(1000, 700, |x, y| {
        let text = y % 40 < 4 && x % 120 < 90;
        let speck = specks && x % 37 == 11 && y % 41 == 7;
        let v = if text || speck { 40.0 } else { 225.0 } + 4.0 * noise.next();
        image::Rgb([v as u8, v as u8, v as u8])
    })
}

#[test]
fn toner_specks_are_counted_and_print_is_not() {
    let clean = copy_paper(false);
    let specked = copy_paper(true);
    let area = Area::new(&clean, None);
    let none = speck_density(&clean, &area);
    let some = speck_density(&specked, &area);
    assert!(none < 0.5, "{none}");
    assert!(some > 5.0, "{some}");
}

#[test]
fn a_luma_only_pattern_is_not_a_screen() {
    // A greyscale halftone (ordered dither), as a photocopy or print shows: periodic, but the
    // same in every colour channel, so no colour-difference peak.
    let bayer = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]];
    let content = photo(900, 700, 9);
    let halftone = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let grey = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
        let dot = if grey * 16 / 256 > bayer[(y % 4) as usize][(x % 4) as usize] {
            230
        } else {
            40
        };
        image::Rgb([dot, dot, dot])
    });
    let scores = camera_photo(&halftone, None);
    assert!(scores.screen_recapture < 0.1, "{scores:?}");
}

#[test]
fn a_slightly_rotated_screen_grid_is_found() {
    // Sub-pixel stripes tilted by 3°: the grid's peak lies just off the spectrum's axis.
    let content = photo(900, 700, 15);
    let (sin, cos) = 3f32.to_radians().sin_cos();
    let screen = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let u = x as f32 * cos + y as f32 * sin;
        let stripe = (u / 1.1).rem_euclid(3.0) as usize;
        let mut out = [0u8; 3];
        for c in 0..3 {
            let on = if c == stripe { 1.0 } else { 0.4 };
            out[c] = (f32::from(p[c]) * on) as u8;
        }
        image::Rgb(out)
    });
    let scores = camera_photo(&screen, None);
    assert!(scores.screen_recapture > 0.9, "{scores:?}");
}

#[test]
fn the_area_is_the_shrunk_outline_or_the_centre() {
    let image = RgbImage::new(1000, 800);
    let centre = Area::new(&image, None);
    assert_eq!(centre.bounds, (200, 160, 800, 640));
    assert!(centre.contains(500.0, 400.0));
    assert!(!centre.contains(100.0, 100.0));
    // Either winding; the outline is shrunk by a fifth towards its centre.
    let clockwise = [
        [100.0, 100.0],
        [600.0, 100.0],
        [600.0, 500.0],
        [100.0, 500.0],
    ];
    let mut anticlockwise = clockwise;
    anticlockwise.reverse();
    for corners in [clockwise, anticlockwise] {
        let area = Area::new(&image, Some(&corners));
        assert_eq!(area.bounds, (150, 140, 550, 460));
        assert!(area.contains(350.0, 300.0));
        assert!(!area.contains(120.0, 300.0));
        assert_eq!(area.row_span(300.0), Some((150, 551)));
        assert_eq!(area.row_span(50.0), None);
    }
}

#[test]
fn absurd_outlines_do_not_panic() {
    let image = photo(300, 200, 1);
    let f = facts(&image, ImageFormat::Jpeg, true);
    for corners in [
        [[f32::NAN, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]],
        [[-1e9, -1e9], [1e9, -1e9], [1e9, 1e9], [-1e9, 1e9]],
        [[5.0, 5.0], [5.0, 5.0], [5.0, 5.0], [5.0, 5.0]],
        [
            [299.0, 199.0],
            [400.0, 199.0],
            [400.0, 300.0],
            [299.0, 300.0],
        ],
    ] {
        let scores = capture_scores(&image, &f, Some(&corners));
        assert!(scores.photocopy.is_finite() && scores.screen_recapture.is_finite());
    }
}

#[test]
fn sub_pixel_stripes_turn_the_colour_and_coloured_print_does_not() {
    let content = photo(900, 700, 9);
    let mut noise = Noise(23);
    // R, G, B sub-pixels side by side: the colour turns through all three along x.
    let screen = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let stripe = (x % 3) as usize;
        image::Rgb(std::array::from_fn(|c| {
            let on = if c == stripe { 1.0 } else { 0.3 };
            (f32::from(p[c]) * on + 4.0 * noise.next()).clamp(0.0, 255.0) as u8
        }))
    });
    // Fine red lines on the same content: periodic colour, but along one colour axis only.
    let print = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let line = x % 3 == 0;
        image::Rgb(std::array::from_fn(|c| {
            let ink = if line && c != 0 { 0.4 } else { 1.0 };
            (f32::from(p[c]) * ink + 4.0 * noise.next()).clamp(0.0, 255.0) as u8
        }))
    });
    let screen = camera_photo(&screen, None);
    let print = camera_photo(&print, None);
    assert!(screen.features.chroma_circularity > 0.8, "{screen:?}");
    assert!(screen.screen_recapture > 0.9, "{screen:?}");
    assert!(print.features.chroma_circularity < 0.3, "{print:?}");
    assert!(print.screen_recapture < 0.1, "{print:?}");
}

#[test]
fn a_dark_photo_without_colour_is_not_called_a_copy() {
    // A colourful document photographed in the dark (paper under a fifth of full exposure):
    // noise and a low level leave little colour, which says nothing about a copy.
    let colour = photo(900, 600, 4);
    let scores = camera_photo(&dimmed(&colour, 0.25, true, 31), None);
    assert!(scores.features.paper_level < 45.0, "{scores:?}");
    assert!(scores.photocopy < 0.1, "{scores:?}");
}

#[test]
fn flat_runs_are_found_wherever_they_start() {
    // The sparse search must count exactly what a full scan of the rows counts.
    fn reference(image: &RgbImage) -> f64 {
        let width = image.width() as usize;
        let (mut flat, mut total) = (0usize, 0usize);
        for y in (0..image.height()).step_by(4) {
            let row: Vec<[u8; 3]> = (0..image.width())
                .map(|x| image.get_pixel(x, y).0)
                .collect();
            let bytes = &image.as_raw()[y as usize * width * 3..(y as usize + 1) * width * 3];
            let mut start = 0;
            while start < width {
                let mut end = start + 1;
                while end < width && row[end] == row[start] {
                    end += 1;
                }
                let p = row[start];
                let clipped = p.iter().all(|&c| c >= 250) || p.iter().all(|&c| c <= 5);
                let needed = if clipped { width / 2 } else { width / 4 };
                if end - start >= 64.max(needed) && !is_plateau(bytes, start, end) {
                    flat += end - start;
                }
                start = end;
            }
            total += width;
        }
        flat as f64 / total as f64
    }
    let mut noise = Noise(3);
    for (width, seed) in [(300u32, 1u32), (517, 2), (1000, 3), (64, 4)] {
        let image = RgbImage::from_fn(width, 40, |x, y| {
            // Runs of varied lengths and offsets per row, some clipped, some noisy.
            let band = (x + y * 37 * seed) / (60 + 13 * (y % 7));
            let v = match band % 4 {
                0 => 255,
                1 => 120,
                2 => (128.0 + 50.0 * noise.next()) as u8,
                _ => 0,
            };
            image::Rgb([v, v, v])
        });
        assert_eq!(flat_fraction(&image), reference(&image), "width {width}");
    }
}

/// A colour copy: pale colour print (a copier's muted reproduction) on office paper, with
/// loose toner specks when `specks`.
fn colour_copy(specks: bool) -> RgbImage {
    let mut noise = Noise(31);
    RgbImage::from_fn(1800, 1200, |x, y| {
        let text = y % 40 < 4 && x % 120 < 90;
        let band = (y / 200) % 2 == 0;
        let speck = specks && x % 19 == 5 && y % 23 == 9 && !text;
        let n = 4.0 * noise.next();
        let rgb = if speck {
            [45.0, 45.0, 45.0]
        } else if text {
            [60.0, 60.0, 70.0]
        } else if band {
            [225.0, 212.0, 205.0]
        } else {
            [205.0, 215.0, 228.0]
        };
        image::Rgb(rgb.map(|v: f32| (v + n).clamp(0.0, 255.0) as u8))
    })
}

#[test]
fn dense_toner_marks_a_copy_that_kept_its_colour() {
    let specked = colour_copy(true);
    let scores = camera_photo(&specked, None);
    assert!(
        scores.features.colour_spread > PHOTOCOPY_SPREAD,
        "{scores:?}"
    );
    assert!(
        scores.features.speck_density > 2.0 * DENSE_TONER,
        "{scores:?}"
    );
    assert!(scores.photocopy > 0.5, "{scores:?}");
    let plain = colour_copy(false);
    let scores = camera_photo(&plain, None);
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

/// A genuine-looking colour card (saturated background bands, dark text) in the middle of a
/// 1600×1200 photo, lying on a surface of grey `level`, with 2×2 toner specks on the surface
/// when `specks` (scattered so that every 4th row, wherever it starts, meets some).
fn card_on(level: f32, specks: bool) -> (RgbImage, [Point; 4]) {
    let mut noise = Noise(57);
    let (x0, y0, x1, y1) = (400u32, 350u32, 1200u32, 850u32);
    let image = RgbImage::from_fn(1600, 1200, |x, y| {
        let n = 4.0 * noise.next();
        let on_card = (x0..x1).contains(&x) && (y0..y1).contains(&y);
        let rgb = if on_card {
            if y % 40 < 4 && x % 120 < 90 {
                [50.0, 40.0, 60.0]
            } else if (y / 60) % 2 == 0 {
                [235.0, 190.0, 170.0]
            } else {
                [170.0, 200.0, 235.0]
            }
        } else if specks
            && ((x % 200 < 2 && y % 96 < 2)
                || ((100..102).contains(&(x % 200)) && (50..52).contains(&(y % 96))))
        {
            [50.0, 50.0, 50.0]
        } else {
            [level, level, level]
        };
        image::Rgb(rgb.map(|v: f32| (v + n).clamp(0.0, 255.0) as u8))
    });
    let corners = [
        [x0 as f32, y0 as f32],
        [x1 as f32, y0 as f32],
        [x1 as f32, y1 as f32],
        [x0 as f32, y1 as f32],
    ];
    (image, corners)
}

#[test]
fn toner_on_the_paper_around_a_colour_card_marks_a_copy() {
    let (copy, corners) = card_on(240.0, true);
    let scores = camera_photo(&copy, Some(&corners));
    assert!(
        scores.features.colour_spread > PHOTOCOPY_SPREAD,
        "{scores:?}"
    );
    assert!(scores.features.sheet_specks > 2.0, "{scores:?}");
    assert!(scores.photocopy > 0.5, "{scores:?}");
}

#[test]
fn toner_on_a_sheet_that_ends_beside_the_card_marks_a_copy() {
    // The card was copied near the sheet's edge: beyond the sheet, on two sides, the band
    // around the card runs over a dark table, so only about 60 % of it is paper.
    let (mut copy, corners) = card_on(240.0, true);
    let mut noise = Noise(91);
    for (x, y, pixel) in copy.enumerate_pixels_mut() {
        let on_card = (400..1200).contains(&x) && (350..850).contains(&y);
        if x >= 1250 || y >= 890 {
            let v = (90.0 + 4.0 * noise.next()) as u8;
            *pixel = image::Rgb([v + 20, v, v - 20]);
        } else if !on_card && x % 100 < 2 && matches!(y % 48, 0 | 1 | 26 | 27) {
            // More toner on the sheet, as a well-used copier leaves (two rows in every 4th
            // row's phase, as the specks are counted on every 4th row).
            *pixel = image::Rgb([50, 50, 50]);
        }
    }
    let density = sheet_specks(&copy, &corners);
    assert!(density > SHEET_TONER + 0.5, "{density}");
    let scores = camera_photo(&copy, Some(&corners));
    assert!(scores.photocopy > 0.5, "{scores:?}");
}

#[test]
fn the_dots_of_a_screenshots_sharp_print_are_not_toner() {
    // The same dotted colour print as a colour copy, but rendered on a 1920 × 1080 desktop
    // between flat window bars: the dots are the rendering's, not a copier's.
    let print = colour_copy(true);
    let screen = RgbImage::from_fn(1920, 1080, |x, y| {
        if (60..1860).contains(&x) && (90..990).contains(&y) {
            *print.get_pixel(x - 60, y - 90)
        } else {
            image::Rgb([242, 242, 245])
        }
    });
    let scores = capture_scores(&screen, &facts(&screen, ImageFormat::Png, false), None);
    assert!(scores.screenshot > 0.9, "{scores:?}");
    assert!(
        scores.features.speck_density > 2.0 * DENSE_TONER,
        "{scores:?}"
    );
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

#[test]
fn a_card_on_clean_white_paper_is_not_a_copy() {
    let (photo, corners) = card_on(240.0, false);
    let scores = camera_photo(&photo, Some(&corners));
    assert_eq!(scores.features.sheet_specks, 0.0, "{scores:?}");
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

#[test]
fn the_dots_of_print_round_a_card_are_not_toner() {
    // A genuine card on a printed letter (or an outline found inside a document, whose band
    // runs over the document's own text): lines of text whose i-dots are isolated specks.
    let (mut photo, corners) = card_on(240.0, false);
    for (x, y, pixel) in photo.enumerate_pixels_mut() {
        let on_card = (400..1200).contains(&x) && (350..850).contains(&y);
        let stroke = (10..13).contains(&(y % 30)) && x % 14 < 8;
        let dot = (20..22).contains(&(y % 30)) && (3..5).contains(&(x % 14));
        if !on_card && (stroke || dot) {
            *pixel = image::Rgb([40, 40, 50]);
        }
    }
    assert_eq!(sheet_specks(&photo, &corners), 0.0);
    let scores = camera_photo(&photo, Some(&corners));
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

#[test]
fn flecks_of_a_grey_surface_are_not_toner_on_paper() {
    // Granite or a speckled desk: dark flecks on a surface that is not bright paper.
    let (photo, corners) = card_on(165.0, true);
    assert_eq!(sheet_specks(&photo, &corners), 0.0);
    let scores = camera_photo(&photo, Some(&corners));
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

#[test]
fn the_band_around_an_outline_at_the_border_does_not_panic() {
    let (image, _) = card_on(240.0, true);
    for corners in [
        [
            [-50.0, -50.0],
            [1700.0, -50.0],
            [1700.0, 1300.0],
            [-50.0, 1300.0],
        ],
        [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]],
        [[f32::NAN, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]],
    ] {
        assert!(sheet_specks(&image, &corners).is_finite());
    }
}

/// Content with its colour turned through R, G, B along a direction, with a period of
/// `period` pixels and a strength `depth` (0–1).
fn rainbow(content: &RgbImage, period: f32, depth: f32, seed: u64) -> RgbImage {
    let mut noise = Noise(seed);
    RgbImage::from_fn(content.width(), content.height(), |x, y| {
        let p = content.get_pixel(x, y).0;
        let phase = 2.0 * std::f32::consts::PI * (0.8 * x as f32 + 0.6 * y as f32) / period;
        image::Rgb(std::array::from_fn(|c| {
            let turn = phase + c as f32 * 2.0 * std::f32::consts::PI / 3.0;
            let gain = 1.0 - depth * 0.5 * (1.0 + turn.cos());
            (f32::from(p[c]) * gain + 4.0 * noise.next()).clamp(0.0, 255.0) as u8
        }))
    })
}

#[test]
fn broad_rainbow_moire_scores_as_recapture_and_rainbow_print_does_not() {
    let content = photo(900, 700, 11);
    // A display's moiré bands every 30 pixels: the colour turns through R, G, B across each.
    let moire = rainbow(&content, 30.0, 0.6, 37);
    // Iris (rainbow) print: one slow sweep of hue across the document.
    let iris = rainbow(&content, 700.0, 0.4, 41);
    // Fine guilloche in one ink every 30 pixels: periodic colour along one colour axis.
    let mut noise = Noise(43);
    let guilloche = RgbImage::from_fn(900, 700, |x, y| {
        let p = content.get_pixel(x, y).0;
        let phase = 2.0 * std::f32::consts::PI * (0.8 * x as f32 + 0.6 * y as f32) / 30.0;
        let ink = 0.5 + 0.5 * phase.cos();
        image::Rgb(std::array::from_fn(|c| {
            let absorb = [0.1, 0.5, 0.3][c] * ink;
            (f32::from(p[c]) * (1.0 - absorb) + 4.0 * noise.next()).clamp(0.0, 255.0) as u8
        }))
    });
    let score =
        |image: &RgbImage| capture_scores(image, &facts(image, ImageFormat::Jpeg, true), None);
    let (moire, iris, guilloche) = (score(&moire), score(&iris), score(&guilloche));
    assert!(moire.features.moire_circularity > 0.8, "{moire:?}");
    assert!(moire.screen_recapture > 0.9, "{moire:?}");
    assert!(iris.screen_recapture < 0.1, "{iris:?}");
    assert!(guilloche.features.moire_circularity < 0.3, "{guilloche:?}");
    assert!(guilloche.screen_recapture < 0.1, "{guilloche:?}");
}

proptest::proptest! {
    #[test]
    fn levels_rank_like_sorted_samples(sums in proptest::collection::vec(0usize..=3060, 0..400)) {
        let mut levels = Levels::default();
        for &sum in &sums {
            levels.add(sum);
        }
        let mut sorted: Vec<f32> = sums.iter().map(|&s| (s as f64 / 12.0) as f32).collect();
        sorted.sort_by(f32::total_cmp);
        if let Some(last) = sorted.len().checked_sub(1) {
            let rank = (last as f64 * 0.9).round() as usize;
            proptest::prop_assert_eq!(levels.percentile(0.9), f64::from(sorted[rank]));
        } else {
            proptest::prop_assert_eq!(levels.percentile(0.9), 0.0);
        }
        if sorted.len() >= 100 {
            let last = sorted.len() - 1;
            let (dark, bright) = (sorted[last / 20], sorted[last - last / 20]);
            let expected = if bright <= 0.0 { 0.0 } else { f64::from(1.0 - dark / bright).clamp(0.0, 1.0) };
            proptest::prop_assert_eq!(levels.ink_contrast(), expected);
        } else {
            proptest::prop_assert_eq!(levels.ink_contrast(), 0.0);
        }
    }
}

/// A 1500 × 950 card filling the picture, as a colour copy leaves it: a portrait and lines of
/// text that kept some of their colour, on a pale tinted background with fine guilloche lines
/// (`washed_out`: the blank paper a copier leaves of that background).
fn card_face(washed_out: bool) -> RgbImage {
    let mut noise = Noise(73);
    RgbImage::from_fn(1500, 950, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let n = 3.0 * noise.next();
        let rgb = if (100..450).contains(&x) && (200..700).contains(&y) {
            let shade = 25.0 * (fy * 0.02).sin();
            [180.0 + shade, 160.0 + shade, 150.0 + shade]
        } else if x >= 520 && y % 48 < 7 && x % 160 < 130 {
            [70.0, 62.0, 82.0]
        } else if washed_out {
            [246.0, 246.0, 246.0]
        } else {
            let line = (fx * 0.5 + 6.0 * (fy * 0.04).sin()).sin();
            [232.0 + 12.0 * line, 226.0 + 10.0 * line, 214.0 - 8.0 * line]
        };
        image::Rgb(rgb.map(|v: f32| (v + n).clamp(0.0, 255.0) as u8))
    })
}

#[test]
fn a_copy_whose_pale_background_washed_out_is_a_copy_whatever_colour_it_kept() {
    let copy = camera_photo(&card_face(true), None);
    assert!(
        copy.features.colour_spread > PHOTOCOPY_SPREAD,
        "the copy kept its colour: {copy:?}"
    );
    assert!(copy.features.blank_paper > BLANK_PAPER + 0.1, "{copy:?}");
    assert!(copy.photocopy > 0.5, "{copy:?}");
    let genuine = camera_photo(&card_face(false), None);
    assert!(genuine.features.blank_paper < BLANK_PAPER, "{genuine:?}");
    assert!(genuine.photocopy < 0.5, "{genuine:?}");
}

#[test]
fn two_pale_colours_of_one_brightness_are_not_blank_paper() {
    // The card's two background bands (peach and sky blue) are equally bright: by level
    // alone over 90 % of the card would be blank paper; as one tone, one band is (less the
    // text on it), under 55 %.
    let (card, corners) = card_on(240.0, false);
    let scores = camera_photo(&card, Some(&corners));
    assert!(scores.features.blank_paper < 0.55, "{scores:?}");
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

#[test]
fn pale_print_all_over_a_card_with_little_colour_counts_against_a_copy() {
    // A card's back: dark grey text on a nearly neutral background of fine guilloche lines,
    // as little colour as a grey copy, but no blank paper anywhere.
    let mut noise = Noise(29);
    let back = RgbImage::from_fn(1500, 950, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let n = 3.0 * noise.next();
        let rgb = if y % 56 < 8 && x % 170 < 140 {
            [63.0, 61.0, 66.0]
        } else {
            // Fine lines of every shade from 186 to 246 (a triangle wave across them).
            let phase = (fx * 0.07 + 0.8 * (fy * 0.03).sin()).rem_euclid(1.0);
            let v = 186.0 + 120.0 * (phase - 0.5).abs();
            [v, v - 1.0, v - 4.0]
        };
        image::Rgb(rgb.map(|v: f32| (v + n).clamp(0.0, 255.0) as u8))
    });
    let scores = camera_photo(&back, None);
    assert!(
        scores.features.colour_spread < PHOTOCOPY_SPREAD,
        "{scores:?}"
    );
    assert!(scores.features.blank_paper < PRINTED_FACE, "{scores:?}");
    assert!(scores.photocopy < 0.5, "{scores:?}");
}

/// `content` dimmed to `gain` of its level, with sensor noise, in colour or (a grey copy's
/// print) in grey.
fn dimmed(content: &RgbImage, gain: f32, grey: bool, seed: u64) -> RgbImage {
    let mut noise = Noise(seed);
    RgbImage::from_fn(content.width(), content.height(), |x, y| {
        let p = content.get_pixel(x, y).0.map(f32::from);
        let luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        let n = 3.0 * noise.next();
        image::Rgb(p.map(|c| ((if grey { luma } else { c }) * gain + n).clamp(0.0, 255.0) as u8))
    })
}

#[test]
fn a_grey_copy_photographed_in_dim_light_is_a_copy_and_the_colour_original_is_not() {
    // Paper at about a quarter of full exposure: too dark for blank paper or specks to be told
    // from noise, light enough for a genuine document's colour to show.
    let colour = photo(900, 600, 21);
    let copy = camera_photo(&dimmed(&colour, 0.4, true, 5), None);
    assert!(
        (45.0..100.0).contains(&copy.features.paper_level),
        "{copy:?}"
    );
    assert!(copy.photocopy > 0.5, "{copy:?}");
    let original = camera_photo(&dimmed(&colour, 0.4, false, 5), None);
    assert!(original.photocopy < 0.1, "{original:?}");
}
