//! Capturing a flat document the way applicants do: a phone photo of the document on a table,
//! a screenshot of it on a phone or computer, or a photo of a screen showing it, with the
//! defects asked for.
//!
//! The photo is built as a camera would see it: the subject (document, photocopy sheet or
//! display) is projected through a pinhole camera with a random pose (homography), composited
//! over a procedural surface with a soft contact shadow, lit (exposure, gradient, colour
//! temperature, vignetting, optional shadow and glare), blurred by the optics, then sensor noise
//! and JPEG. Blur is applied to the subject and the surface *before* the warp, where they are
//! small, so a 12 MP photo costs one pass over its pixels.

use image::{RgbImage, RgbaImage};

use crate::assets::Fonts;
use crate::background;
use crate::encode;
use crate::geometry::{Homography, Pose, inside_quad, project, quad_point, rect_corners};
use crate::raster::{self, Align};
use crate::rng::Rng;
use std::collections::BTreeMap;

use crate::{
    AppliedDefect, CameraInfo, Defect, FrameSize, ImageFormat, Param, SpecimenError,
    SpecimenRequest,
};

/// A captured, encoded picture.
pub(crate) struct Shot {
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub corners: [[f32; 2]; 4],
    pub defects: Vec<AppliedDefect>,
    pub camera: Option<CameraInfo>,
    pub info: BTreeMap<&'static str, Param>,
}

/// Phone cameras: full sensor sizes with EXIF, and the downscaled copies messaging apps send
/// (no EXIF).
/// Make and model as EXIF writes them.
type Model = (&'static str, &'static str);

const CAMERAS: &[(u32, u32, Option<Model>, u32)] = &[
    (4032, 3024, Some(("Apple", "iPhone 13")), 6),
    (4032, 3024, Some(("Apple", "iPhone 11")), 3),
    (4000, 3000, Some(("samsung", "SM-G991B")), 4),
    (4080, 3072, Some(("Google", "Pixel 7")), 2),
    (4000, 3000, Some(("Xiaomi", "Redmi Note 10")), 2),
    (3264, 2448, Some(("samsung", "SM-A105F")), 3),
    (2592, 1944, Some(("motorola", "moto e(6)")), 1),
    (1920, 1080, None, 2),
    (1600, 1200, None, 2),
    (1280, 960, None, 1),
];

/// Small frames for `low_resolution`.
const SMALL_FRAMES: &[(u32, u32)] = &[(640, 480), (800, 600), (1024, 768), (1280, 720)];

/// Screens a document is shown on: name, width, height, phone?
const DEVICES: &[(&str, u32, u32, bool)] = &[
    ("iphone-1170x2532", 1170, 2532, true),
    ("iphone-1179x2556", 1179, 2556, true),
    ("android-1080x2400", 1080, 2400, true),
    ("android-1440x3200", 1440, 3200, true),
    ("desktop-1920x1080", 1920, 1080, false),
    ("desktop-2560x1440", 2560, 1440, false),
    ("laptop-1366x768", 1366, 768, false),
    ("laptop-1440x900", 1440, 900, false),
];

/// Captures `subject` (the document, or the open booklet around it) whose document corners are
/// `doc_quad`, as `request` and `defects` say.
pub(crate) fn capture(
    subject: &RgbaImage,
    doc_quad: [[f32; 2]; 4],
    request: &SpecimenRequest,
    defects: &[Defect],
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<Shot, SpecimenError> {
    let has = |d: Defect| defects.contains(&d);
    let mut applied = Vec::new();
    let mut info = BTreeMap::new();
    info.insert(
        "booklet",
        Param::from(if edge_length(&doc_quad) < subject.width() as f32 - 1.0 {
            "yes"
        } else {
            "no"
        }),
    );
    let mut subject = subject.clone();
    let mut doc_quad = doc_quad;
    if has(Defect::Damage) {
        applied.push(damage(
            &mut subject,
            request.px_per_mm,
            &mut rng.fork("damage"),
        ));
    }
    if has(Defect::Photocopy) {
        let (sheet, quad, record) = photocopy(
            &subject,
            doc_quad,
            request.px_per_mm,
            &mut rng.fork("photocopy"),
        );
        subject = sheet;
        doc_quad = quad;
        applied.push(record);
    }
    if has(Defect::Screenshot) {
        let mut r = rng.fork("screenshot");
        let (img, corners, record) = screenshot(
            &subject,
            doc_quad,
            has(Defect::LowResolution),
            fonts,
            &mut r,
        )?;
        applied.push(record);
        // A small screen can leave the document narrower than any clean photo shows it even
        // at full width: then it is a low-resolution upload too, and labelled so.
        let document_width = edge_length(&corners);
        if has(Defect::LowResolution) || document_width < LOW_RESOLUTION_BELOW_PX {
            applied.push(
                AppliedDefect::new(Defect::LowResolution).with("document_width_px", document_width),
            );
        }
        let bytes = encode::png(&img)?;
        info.insert("mode", Param::from("screenshot"));
        return Ok(Shot {
            info,
            format: ImageFormat::Png,
            bytes,
            width: img.width(),
            height: img.height(),
            corners,
            defects: applied,
            camera: None,
        });
    }
    let target = if has(Defect::Screen) {
        let mut r = rng.fork("screen");
        let (content, quad, device, phone) = {
            let (img, corners, record) = screenshot(&subject, doc_quad, false, fonts, &mut r)?;
            let device = match record.params.get("device") {
                Some(crate::Param::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let phone = img.height() > img.width();
            (img, corners, device, phone)
        };
        let display = Display::new(content, phone, &mut r);
        let mut record = AppliedDefect::new(Defect::Screen)
            .with("device", device.as_str())
            .with("bezel_px", display.bezel)
            .with("colour_cast", display.cast.to_vec())
            .with("subpixels", "rgb_stripe")
            .with("reflection", display.reflection);
        let quad = quad.map(|p| [p[0] + display.bezel, p[1] + display.bezel]);
        record = record.with(
            "display_px",
            vec![
                display.content.width() as f32,
                display.content.height() as f32,
            ],
        );
        applied.push(record);
        (Subject::Display(display), quad)
    } else {
        (Subject::Print(subject), doc_quad)
    };
    info.insert(
        "mode",
        Param::from(if has(Defect::Screen) {
            "screen"
        } else {
            "photo"
        }),
    );
    photo(target.0, target.1, request, defects, rng, applied, info)
}

fn edge_length(q: &[[f32; 2]; 4]) -> f32 {
    let d = [q[1][0] - q[0][0], q[1][1] - q[0][1]];
    (d[0] * d[0] + d[1] * d[1]).sqrt()
}

// ---------------------------------------------------------------------------------------------
// Document defects: damage and photocopy.

/// A fold crease across the document and a tear at one edge, drawn into the document itself.
fn damage(doc: &mut RgbaImage, px_per_mm: f32, rng: &mut Rng) -> AppliedDefect {
    let (w, h) = (doc.width() as f32, doc.height() as f32);
    // Crease: usually across the long side (folded in half), a little askew.
    let across_long = rng.chance(0.75);
    let position = rng.range(0.3, 0.7);
    let tilt = rng.range(-8.0f32, 8.0).to_radians();
    let (point, base_angle) = if across_long {
        ([w * position, h * 0.5], std::f32::consts::FRAC_PI_2)
    } else {
        ([w * 0.5, h * position], 0.0)
    };
    let angle = base_angle + tilt;
    let (dir_x, dir_y) = (angle.cos(), angle.sin());
    let width = rng.range(0.6, 1.8) * px_per_mm;
    let crack_seed = rng.next_u64() as u32;
    for (x, y, p) in doc.enumerate_pixels_mut() {
        let (dx, dy) = (x as f32 + 0.5 - point[0], y as f32 + 0.5 - point[1]);
        // Signed distance across the crease line, position along it.
        let d = dx * dir_y - dy * dir_x;
        let along = dx * dir_x + dy * dir_y;
        let mut f = if d > 0.0 { 0.97 } else { 1.0 };
        let t = d / width;
        if t.abs() < 3.0 {
            // Highlight on one flank, groove on the other.
            f *= 1.0 + 0.16 * (-(t - 0.9).powi(2) * 1.5).exp()
                - 0.28 * (-(t + 0.3).powi(2) * 4.0).exp();
        }
        let mut c = [
            f32::from(p.0[0]) * f,
            f32::from(p.0[1]) * f,
            f32::from(p.0[2]) * f,
        ];
        // Ink cracked along the fold: broken white line.
        if d.abs() < 0.9
            && background::value_noise(along / (px_per_mm * 0.8), 0.0, crack_seed) > 0.55
        {
            c = [232.0, 230.0, 224.0];
        }
        p.0 = [
            c[0].clamp(0.0, 255.0) as u8,
            c[1].clamp(0.0, 255.0) as u8,
            c[2].clamp(0.0, 255.0) as u8,
            p.0[3],
        ];
    }
    // Tear: a jagged notch into one edge.
    let edge = rng.index(4);
    let along = rng.range(0.15, 0.85);
    let depth = rng.range(2.5, 7.0) * px_per_mm;
    let half_width = rng.range(1.5, 4.5) * px_per_mm;
    let (origin, inward, tangent) = match edge {
        0 => ([w * along, 0.0], [0.0, 1.0], [1.0, 0.0]),
        1 => ([w, h * along], [-1.0, 0.0], [0.0, 1.0]),
        2 => ([w * along, h], [0.0, -1.0], [1.0, 0.0]),
        _ => ([0.0, h * along], [1.0, 0.0], [0.0, 1.0]),
    };
    let mut notch: Vec<[f32; 2]> = Vec::new();
    let steps = 14;
    notch.push([
        origin[0] - tangent[0] * half_width - inward[0] * 4.0,
        origin[1] - tangent[1] * half_width - inward[1] * 4.0,
    ]);
    for i in 0..=steps {
        let s = i as f32 / steps as f32;
        let profile = 1.0 - (2.0 * s - 1.0).abs();
        let jag = rng.range(-0.25, 0.25) * px_per_mm;
        let dd = depth * profile.powf(0.8) + jag;
        let tt = (s * 2.0 - 1.0) * half_width + rng.range(-0.2, 0.2) * px_per_mm;
        notch.push([
            origin[0] + tangent[0] * tt + inward[0] * dd,
            origin[1] + tangent[1] * tt + inward[1] * dd,
        ]);
    }
    notch.push([
        origin[0] + tangent[0] * half_width - inward[0] * 4.0,
        origin[1] + tangent[1] * half_width - inward[1] * 4.0,
    ]);
    // Rasterise the notch into a mask, then cut alpha and whiten the torn fibres around it.
    let mut mask = RgbImage::new(doc.width(), doc.height());
    raster::fill_polygon(&mut mask, &notch, [255, 255, 255], 1.0);
    let fibre = (0.35 * px_per_mm).max(1.0) as i64;
    let (mw, mh) = (i64::from(doc.width()), i64::from(doc.height()));
    let (bx0, by0, bx1, by1) = bbox(&notch, fibre + 2, mw, mh);
    for y in by0..by1 {
        for x in bx0..bx1 {
            let cut = f32::from(mask.get_pixel(x as u32, y as u32).0[0]) / 255.0;
            let p = doc.get_pixel_mut(x as u32, y as u32);
            if cut > 0.0 {
                p.0[3] = (f32::from(p.0[3]) * (1.0 - cut)) as u8;
                continue;
            }
            // Near the cut: exposed paper core.
            let mut near = false;
            'search: for oy in -fibre..=fibre {
                for ox in -fibre..=fibre {
                    let (nx, ny) = (x + ox, y + oy);
                    if nx >= 0
                        && ny >= 0
                        && nx < mw
                        && ny < mh
                        && mask.get_pixel(nx as u32, ny as u32).0[0] > 128
                    {
                        near = true;
                        break 'search;
                    }
                }
            }
            if near {
                let v = 226 + (rng.next_u64() % 24) as u8;
                p.0 = [v, v, v.saturating_sub(6), p.0[3]];
            }
        }
    }
    AppliedDefect::new(Defect::Damage)
        .with("crease_angle_deg", angle.to_degrees())
        .with("crease_position", position)
        .with("crease_width_mm", width / px_per_mm)
        .with("tear_edge", ["top", "right", "bottom", "left"][edge])
        .with("tear_position", along)
        .with("tear_depth_mm", depth / px_per_mm)
        .with("tear_width_mm", 2.0 * half_width / px_per_mm)
}

fn bbox(points: &[[f32; 2]], pad: i64, w: i64, h: i64) -> (i64, i64, i64, i64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    (
        ((x0 as i64) - pad).clamp(0, w),
        ((y0 as i64) - pad).clamp(0, h),
        ((x1 as i64) + pad + 1).clamp(0, w),
        ((y1 as i64) + pad + 1).clamp(0, h),
    )
}

/// A photocopy: the document copied (greyscale or washed-out colour, crushed tones, toner
/// specks, maybe a halftone screen) slightly askew onto a piece of copier paper. `doc` is what
/// lies on the glass (a card, or an open booklet) and `doc_quad` the document's corners in it
/// (the booklet's data page); the corners returned are the document's on the sheet.
fn photocopy(
    doc: &RgbaImage,
    doc_quad: [[f32; 2]; 4],
    px_per_mm: f32,
    rng: &mut Rng,
) -> (RgbaImage, [[f32; 2]; 4], AppliedDefect) {
    let (dw, dh) = (doc.width() as f32, doc.height() as f32);
    let margin = [
        rng.range(8.0, 25.0),
        rng.range(8.0, 25.0),
        rng.range(8.0, 25.0),
        rng.range(8.0, 25.0),
    ]
    .map(|m| m * px_per_mm);
    let (sw, sh) = (
        (dw + margin[0] + margin[2]).round(),
        (dh + margin[1] + margin[3]).round(),
    );
    let skew = rng.range(-4.0f32, 4.0);
    let grey = rng.chance(0.6);
    let saturation = if grey { 0.0 } else { rng.range(0.05, 0.3) };
    let black = rng.range(25.0, 70.0);
    let white = rng.range(175.0, 225.0);
    let gamma = rng.range(0.8, 1.2);
    let toner = rng.range(0.0005, 0.004);
    let halftone = rng.chance(0.3);
    let lid_open = rng.chance(0.25);
    let streaks = rng.chance(0.4);
    let centre = [
        f64::from(margin[0] + dw / 2.0),
        f64::from(margin[1] + dh / 2.0),
    ];
    // Document → sheet: translate into the margin, rotate by the skew about the centre.
    let place = Homography::rotation_about(f64::from(skew.to_radians()), centre).after(
        &Homography::scale_translate(1.0, 1.0, f64::from(margin[0]), f64::from(margin[1])),
    );
    let inverse = place.inverse().unwrap_or_else(Homography::identity);
    let quad = doc_quad.map(|p| place.apply(p));
    let mut sheet = RgbaImage::new(sw as u32, sh as u32);
    let paper_seed = rng.next_u64() as u32;
    let mut noise = rng.next_u64() | 1;
    let bayer = [
        [0.0, 8.0, 2.0, 10.0],
        [12.0, 4.0, 14.0, 6.0],
        [3.0, 11.0, 1.0, 9.0],
        [15.0, 7.0, 13.0, 5.0],
    ];
    let cell = (px_per_mm * 0.2).max(1.0);
    let streak_x = [rng.range(0.1, 0.9) * sw, rng.range(0.1, 0.9) * sw];
    for (x, y, p) in sheet.enumerate_pixels_mut() {
        let src = inverse.apply([x as f32 + 0.5, y as f32 + 0.5]);
        let s = raster::sample_rgba(doc, src[0] - 0.5, src[1] - 0.5);
        let a = s[3] / 255.0;
        let surround = if lid_open { 35.0 } else { 250.0 };
        let mut c = [0.0f32; 3];
        for k in 0..3 {
            c[k] = s[k] * a + surround * (1.0 - a);
        }
        // The card's edge throws a thin shadow in the copier.
        let edge = (a * (1.0 - a) * 4.0).clamp(0.0, 1.0);
        let l = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
        let mut out = [0.0f32; 3];
        for k in 0..3 {
            let v = l + (c[k] - l) * saturation;
            let v = ((v - black) / (white - black)).clamp(0.0, 1.0).powf(gamma) * 255.0;
            out[k] = v * (1.0 - 0.7 * edge);
        }
        if halftone {
            let t = bayer[((y as f32 / cell) as usize) % 4][((x as f32 / cell) as usize) % 4]
                / 16.0
                * 255.0;
            let lum = 0.299 * out[0] + 0.587 * out[1] + 0.114 * out[2];
            let dot = if lum > t { 255.0 } else { 0.0 };
            for v in &mut out {
                *v = *v * 0.55 + dot * 0.45 * (*v / lum.max(1.0)).min(1.2);
            }
        }
        // Paper fibres, toner specks and drum streaks.
        let fibre = background::value_noise(x as f32 / 9.0, y as f32 / 2.5, paper_seed) - 0.5;
        noise ^= noise << 13;
        noise ^= noise >> 7;
        noise ^= noise << 17;
        let r = (noise & 0xFFFF) as f32 / 65535.0;
        let speck = if r < toner { -160.0 } else { 0.0 };
        let grain = ((noise >> 16) & 0xFF) as f32 / 255.0 - 0.5;
        let mut streak = 0.0;
        if streaks {
            for sx in streak_x {
                let d = (x as f32 - sx).abs();
                if d < 3.0 {
                    streak -= 18.0 * (1.0 - d / 3.0);
                }
            }
        }
        for v in &mut out {
            *v = (*v + fibre * 6.0 + grain * 8.0 + speck + streak).clamp(0.0, 255.0);
        }
        p.0 = [out[0] as u8, out[1] as u8, out[2] as u8, 255];
    }
    let record = AppliedDefect::new(Defect::Photocopy)
        .with("saturation", saturation)
        .with("black_point", black)
        .with("white_point", white)
        .with("gamma", gamma)
        .with("skew_deg", skew)
        .with("toner_speck_density", toner)
        .with("halftone", if halftone { "bayer" } else { "none" })
        .with("lid", if lid_open { "open" } else { "closed" })
        .with("streaks", if streaks { "yes" } else { "no" });
    (sheet, quad, record)
}

// ---------------------------------------------------------------------------------------------
// Screenshots and screens.

/// The document shown in a phone photo viewer or a desktop window, at an exact device size.
/// Narrowest document, in pixels, that a viewer's zoom leaves in a screenshot without the
/// low-resolution defect, when the screen allows.
const MIN_CLEAN_DOCUMENT_PX: f32 = 640.0;

/// A document narrower than this in the picture is labelled low resolution whatever was asked
/// for: kycd's default policy (`min_document_width_px`) refuses it, so a label calling it clean
/// would be false. Requested low-resolution documents are 200–500 px wide.
const LOW_RESOLUTION_BELOW_PX: f32 = 600.0;

fn screenshot(
    subject: &RgbaImage,
    doc_quad: [[f32; 2]; 4],
    low_res: bool,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<(RgbImage, [[f32; 2]; 4], AppliedDefect), SpecimenError> {
    let &(device, w, h, phone) = rng
        .pick(DEVICES)
        .ok_or(SpecimenError::Internal("no devices"))?;
    let dark = rng.chance(if phone { 0.6 } else { 0.35 });
    let (bg, fg, accent) = if dark {
        ([0u8, 0, 0], [245u8, 245, 245], [10u8, 132, 255])
    } else {
        ([250, 250, 250], [20, 20, 24], [0, 122, 255])
    };
    let mut img = RgbImage::from_pixel(w, h, image::Rgb(bg));
    let (fw, fh) = (w as f32, h as f32);
    let hour = rng.int(7, 22);
    let minute = rng.int(0, 59);
    let clock = format!("{hour}:{minute:02}");
    // The content area where the document is shown.
    let content: [f32; 4] = if phone {
        let u = fw / 390.0; // iOS points to pixels
        let status = 47.0 * u;
        let nav = 44.0 * u;
        let bottom = 83.0 * u;
        let text = size(fonts, 17.0 * u);
        raster::draw_text(
            &mut img,
            &fonts.bold,
            text * 0.95,
            30.0 * u,
            31.0 * u,
            Align::Left,
            0.0,
            fg,
            1.0,
            &clock,
        );
        // Signal bars, battery.
        for i in 0..4 {
            let bh = (4.0 + 2.5 * i as f32) * u;
            let x = fw - 80.0 * u + i as f32 * 5.0 * u;
            raster::fill_rect(&mut img, x, 29.0 * u - bh, x + 3.2 * u, 29.0 * u, fg, 1.0);
        }
        let bx = fw - 48.0 * u;
        raster::stroke_rounded_rect(
            &mut img,
            [bx, 18.0 * u, bx + 25.0 * u, 30.0 * u],
            3.0 * u,
            1.0 * u,
            fg,
            0.6,
        );
        let level = rng.range(0.2, 1.0);
        raster::fill_rounded_rect(
            &mut img,
            [
                bx + 2.0 * u,
                20.0 * u,
                bx + 2.0 * u + 21.0 * u * level,
                28.0 * u,
            ],
            1.5 * u,
            fg,
            1.0,
        );
        raster::draw_text(
            &mut img,
            &fonts.sans,
            text,
            30.0 * u,
            status + 29.0 * u,
            Align::Left,
            0.0,
            accent,
            1.0,
            "‹ Photos",
        );
        raster::draw_text(
            &mut img,
            &fonts.bold,
            text * 0.9,
            fw / 2.0,
            status + 22.0 * u,
            Align::Centre,
            0.0,
            fg,
            1.0,
            "Today",
        );
        raster::draw_text(
            &mut img,
            &fonts.sans,
            text * 0.7,
            fw / 2.0,
            status + 38.0 * u,
            Align::Centre,
            0.0,
            fg,
            0.7,
            &clock,
        );
        raster::draw_text(
            &mut img,
            &fonts.sans,
            text,
            fw - 20.0 * u,
            status + 29.0 * u,
            Align::Right,
            0.0,
            accent,
            1.0,
            "Edit",
        );
        // Bottom toolbar icons: share, heart, info, trash.
        let by = fh - bottom + 30.0 * u;
        for (i, x) in [0.12, 0.37, 0.63, 0.88].iter().enumerate() {
            let cx = fw * x;
            match i {
                0 => {
                    raster::stroke_rounded_rect(
                        &mut img,
                        [cx - 9.0 * u, by - 6.0 * u, cx + 9.0 * u, by + 12.0 * u],
                        2.0 * u,
                        1.6 * u,
                        accent,
                        1.0,
                    );
                    raster::stroke_polyline(
                        &mut img,
                        &[[cx, by + 4.0 * u], [cx, by - 14.0 * u]],
                        1.6 * u,
                        accent,
                        1.0,
                    );
                    raster::stroke_polyline(
                        &mut img,
                        &[
                            [cx - 5.0 * u, by - 9.0 * u],
                            [cx, by - 14.0 * u],
                            [cx + 5.0 * u, by - 9.0 * u],
                        ],
                        1.6 * u,
                        accent,
                        1.0,
                    );
                }
                1 => {
                    raster::fill_ellipse(
                        &mut img,
                        [cx - 5.0 * u, by - 3.0 * u],
                        6.0 * u,
                        6.0 * u,
                        0.0,
                        accent,
                        1.0,
                    );
                    raster::fill_ellipse(
                        &mut img,
                        [cx + 5.0 * u, by - 3.0 * u],
                        6.0 * u,
                        6.0 * u,
                        0.0,
                        accent,
                        1.0,
                    );
                    raster::fill_polygon(
                        &mut img,
                        &[
                            [cx - 10.8 * u, by - 1.0 * u],
                            [cx + 10.8 * u, by - 1.0 * u],
                            [cx, by + 11.0 * u],
                        ],
                        accent,
                        1.0,
                    );
                }
                2 => {
                    raster::fill_ellipse(&mut img, [cx, by], 10.0 * u, 10.0 * u, 0.0, accent, 1.0);
                    raster::fill_ellipse(&mut img, [cx, by], 8.4 * u, 8.4 * u, 0.0, bg, 1.0);
                    raster::draw_text(
                        &mut img,
                        &fonts.bold,
                        size(fonts, 11.0 * u),
                        cx,
                        by + 5.5 * u,
                        Align::Centre,
                        0.0,
                        accent,
                        1.0,
                        "i",
                    );
                }
                _ => {
                    raster::stroke_rounded_rect(
                        &mut img,
                        [cx - 7.0 * u, by - 8.0 * u, cx + 7.0 * u, by + 11.0 * u],
                        2.0 * u,
                        1.6 * u,
                        accent,
                        1.0,
                    );
                    raster::fill_rect(
                        &mut img,
                        cx - 10.0 * u,
                        by - 11.0 * u,
                        cx + 10.0 * u,
                        by - 9.4 * u,
                        accent,
                        1.0,
                    );
                }
            }
        }
        // Home indicator.
        raster::fill_rounded_rect(
            &mut img,
            [
                fw / 2.0 - 67.0 * u,
                fh - 13.0 * u,
                fw / 2.0 + 67.0 * u,
                fh - 8.0 * u,
            ],
            2.5 * u,
            fg,
            0.9,
        );
        [0.0, status + nav, fw, fh - bottom]
    } else {
        let mac = rng.chance(0.5);
        let ui = (fh / 900.0).max(0.8);
        let top = if mac { 25.0 * ui } else { 0.0 };
        let title = 38.0 * ui;
        let bar = if mac { 0.0 } else { 48.0 * ui };
        let chrome = [222u8, 224, 228];
        let text = size(fonts, 13.0 * ui);
        if mac {
            raster::fill_rect(&mut img, 0.0, 0.0, fw, top, [236, 236, 238], 1.0);
            raster::draw_text(
                &mut img,
                &fonts.bold,
                text,
                44.0 * ui,
                17.0 * ui,
                Align::Left,
                0.0,
                [20, 20, 20],
                1.0,
                "Preview",
            );
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text,
                110.0 * ui,
                17.0 * ui,
                Align::Left,
                0.0,
                [20, 20, 20],
                1.0,
                "File   Edit   View   Go   Tools   Window   Help",
            );
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text,
                fw - 16.0 * ui,
                17.0 * ui,
                Align::Right,
                0.0,
                [20, 20, 20],
                1.0,
                &clock,
            );
        }
        raster::fill_rect(&mut img, 0.0, top, fw, top + title, chrome, 1.0);
        let name = format!(
            "IMG_{}.{}",
            rng.int(1000, 9999),
            if rng.chance(0.5) { "JPG" } else { "png" }
        );
        raster::draw_text(
            &mut img,
            &fonts.sans,
            text,
            fw / 2.0,
            top + 25.0 * ui,
            Align::Centre,
            0.0,
            [40, 40, 44],
            1.0,
            &name,
        );
        if mac {
            for (i, c) in [[255u8, 95, 86], [255, 189, 46], [39, 201, 63]]
                .iter()
                .enumerate()
            {
                raster::fill_ellipse(
                    &mut img,
                    [20.0 * ui + i as f32 * 20.0 * ui, top + title / 2.0],
                    6.0 * ui,
                    6.0 * ui,
                    0.0,
                    *c,
                    1.0,
                );
            }
        } else {
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text * 1.2,
                fw - 20.0 * ui,
                top + 26.0 * ui,
                Align::Right,
                0.0,
                [40, 40, 44],
                1.0,
                "✕",
            );
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text * 1.2,
                fw - 70.0 * ui,
                top + 26.0 * ui,
                Align::Right,
                0.0,
                [40, 40, 44],
                1.0,
                "□",
            );
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text * 1.2,
                fw - 120.0 * ui,
                top + 26.0 * ui,
                Align::Right,
                0.0,
                [40, 40, 44],
                1.0,
                "–",
            );
            // Taskbar.
            raster::fill_rect(&mut img, 0.0, fh - bar, fw, fh, [32, 34, 40], 1.0);
            for i in 0..6 {
                let x = fw / 2.0 - 150.0 * ui + i as f32 * 52.0 * ui;
                raster::fill_rounded_rect(
                    &mut img,
                    [x, fh - bar + 10.0 * ui, x + 28.0 * ui, fh - 10.0 * ui],
                    5.0 * ui,
                    [90 + 20 * i as u8, 120, 180 - 15 * i as u8],
                    1.0,
                );
            }
            raster::draw_text(
                &mut img,
                &fonts.sans,
                text,
                fw - 20.0 * ui,
                fh - 18.0 * ui,
                Align::Right,
                0.0,
                [230, 230, 230],
                1.0,
                &clock,
            );
        }
        let viewer = if dark {
            [40u8, 40, 42]
        } else {
            [236, 236, 238]
        };
        raster::fill_rect(&mut img, 0.0, top + title, fw, fh - bar, viewer, 1.0);
        [0.0, top + title, fw, fh - bar]
    };
    // Fit the subject into the content area (phones: full width; desktops: a zoom level).
    let [cx0, cy0, cx1, cy1] = content;
    let (cw, ch) = (cx1 - cx0, cy1 - cy0);
    let (sw, sh) = (subject.width() as f32, subject.height() as f32);
    let doc_w = edge_length(&doc_quad).max(1.0);
    let mut scale = if phone {
        cw / sw
    } else {
        (cw * rng.range(0.35, 0.75)) / sw
    };
    // A desktop viewer's zoom leaves the document at least as wide as in a clean phone photo
    // (640 px) when the screen allows: only a requested low-resolution defect shows it smaller.
    scale = scale.max(MIN_CLEAN_DOCUMENT_PX / doc_w).min(cw / sw);
    scale = scale.min(ch * 0.96 / sh);
    if low_res {
        scale = rng.range(200.0, 500.0) / doc_w;
    }
    let (ow, oh) = (sw * scale, sh * scale);
    let ox = cx0 + (cw - ow) / 2.0;
    let oy = cy0 + (ch - oh) / 2.0;
    let place = Homography::scale_translate(
        f64::from(scale),
        f64::from(scale),
        f64::from(ox),
        f64::from(oy),
    );
    draw_scaled_rgba(&mut img, subject, [ox, oy, ow, oh]);
    let corners = doc_quad.map(|p| place.apply(p));
    let record = AppliedDefect::new(Defect::Screenshot)
        .with("device", device)
        .with("width", w)
        .with("height", h)
        .with("theme", if dark { "dark" } else { "light" })
        .with("zoom", scale);
    Ok((img, corners, record))
}

fn size(fonts: &Fonts, cap_px: f32) -> f32 {
    raster::size_for_cap_height(&fonts.sans, cap_px * 0.72)
}

/// Draws an RGBA image scaled into `rect` over `dst` (area filter when shrinking).
fn draw_scaled_rgba(dst: &mut RgbImage, src: &RgbaImage, rect: [f32; 4]) {
    let [x, y, w, h] = rect;
    if w < 1.0 || h < 1.0 {
        return;
    }
    let resized;
    let source = if (src.width() as f32) > w * 1.3 {
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
    let (sx, sy) = (source.width() as f32 / w, source.height() as f32 / h);
    let x0 = x.floor().max(0.0) as u32;
    let y0 = y.floor().max(0.0) as u32;
    let x1 = ((x + w).ceil() as u32).min(dst.width());
    let y1 = ((y + h).ceil() as u32).min(dst.height());
    for py in y0..y1 {
        for px in x0..x1 {
            let u = (px as f32 + 0.5 - x) * sx - 0.5;
            let v = (py as f32 + 0.5 - y) * sy - 0.5;
            let c = raster::sample_rgba(source, u, v);
            if c[3] > 0.0 {
                raster::blend(
                    dst,
                    i64::from(px),
                    i64::from(py),
                    [c[0] as u8, c[1] as u8, c[2] as u8],
                    c[3] / 255.0,
                );
            }
        }
    }
}

/// A display showing content: bezel, RGB sub-pixel stripes, glass reflection, colour cast.
pub(crate) struct Display {
    content: RgbImage,
    bezel: f32,
    cast: [f32; 3],
    reflection: f32,
    reflection_angle: f32,
}

impl Display {
    fn new(content: RgbImage, phone: bool, rng: &mut Rng) -> Display {
        let bezel = content.width() as f32
            * if phone {
                rng.range(0.03, 0.05)
            } else {
                rng.range(0.012, 0.03)
            };
        let cast = if rng.chance(0.6) {
            [rng.range(0.86, 0.95), rng.range(0.95, 1.0), 1.0]
        } else {
            [1.0, rng.range(0.92, 0.98), rng.range(0.8, 0.9)]
        };
        Display {
            content,
            bezel,
            cast,
            reflection: rng.range(0.04, 0.14),
            reflection_angle: rng.range(0.3, 1.2),
        }
    }

    fn size(&self) -> [f32; 2] {
        [
            self.content.width() as f32 + 2.0 * self.bezel,
            self.content.height() as f32 + 2.0 * self.bezel,
        ]
    }

    /// The light leaving the display around `(u, v)` (display pixels, bezel included), RGBA,
    /// averaged over a camera pixel's footprint of half-size `(au, av)` display pixels.
    ///
    /// Each display pixel is three vertical R, G, B stripes with a dark gap under each row.
    /// The stripes and gaps are integrated exactly over the footprint, so when a camera pixel
    /// covers about one display pixel the leftover beat between the two grids shows as moiré,
    /// and when it covers many the pattern averages out, as in real photos of screens.
    #[inline]
    fn sample(&self, u: f32, v: f32, au: f32, av: f32) -> [f32; 4] {
        let [w, h] = self.size();
        let d = raster::rounded_rect_distance(u, v, 0.0, 0.0, w, h, self.bezel * 0.8);
        if d > 0.5 {
            return [0.0; 4];
        }
        let alpha = (0.5 - d).clamp(0.0, 1.0) * 255.0;
        let (cu, cv) = (u - self.bezel, v - self.bezel);
        let (cw, ch) = (self.content.width() as f32, self.content.height() as f32);
        // Glass reflection: a faint diagonal band across the whole front.
        let band = ((u * self.reflection_angle.cos() + v * self.reflection_angle.sin())
            / w.max(1.0)
            * 3.0)
            .sin();
        let reflect = self.reflection * 255.0 * (band * 0.5 + 0.5);
        if cu < 0.0 || cv < 0.0 || cu >= cw || cv >= ch {
            let b = 18.0 + reflect * 0.5;
            return [b, b, b + 2.0, alpha];
        }
        let px = raster::sample_rgb(&self.content, cu - 0.5, cv - 0.5);
        let (au, av) = (au.max(0.05), av.max(0.05));
        // Lit fraction of the row (gap in the last 18 % of each pixel row).
        const LIT: f32 = 0.82;
        let rows = |x: f32| x.floor() * LIT + (x - x.floor()).min(LIT);
        let row = (rows(cv + av) - rows(cv - av)) / (2.0 * av) / LIT;
        let mut out = [0.0f32; 4];
        for (k, o) in out.iter_mut().take(3).enumerate() {
            let start = k as f32 / 3.0;
            let stripe = |x: f32| x.floor() / 3.0 + (x - x.floor() - start).clamp(0.0, 1.0 / 3.0);
            let cover = (stripe(cu + au) - stripe(cu - au)) / (2.0 * au) * 3.0;
            let value = 12.0 + px[k] * 0.8;
            *o = (value * cover * row * self.cast[k] + reflect).min(255.0);
        }
        out[3] = alpha;
        out
    }
}

/// What the camera photographs.
enum Subject {
    /// A printed object (document, photocopy): an RGBA image.
    Print(RgbaImage),
    /// A display.
    Display(Display),
}

impl Subject {
    fn size(&self) -> [f32; 2] {
        match self {
            Subject::Print(img) => [img.width() as f32, img.height() as f32],
            Subject::Display(d) => d.size(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The photo.

fn pick_camera(rng: &mut Rng) -> (u32, u32, Option<(&'static str, &'static str)>) {
    let total: u32 = CAMERAS.iter().map(|c| c.3).sum();
    let mut ticket = rng.int(0, i64::from(total) - 1) as u32;
    for &(w, h, cam, weight) in CAMERAS {
        if ticket < weight {
            return (w, h, cam);
        }
        ticket -= weight;
    }
    (4032, 3024, Some(("Apple", "iPhone 13")))
}

fn photo(
    subject: Subject,
    doc_quad: [[f32; 2]; 4],
    request: &SpecimenRequest,
    defects: &[Defect],
    rng: &mut Rng,
    mut applied: Vec<AppliedDefect>,
    mut info: BTreeMap<&'static str, Param>,
) -> Result<Shot, SpecimenError> {
    let has = |d: Defect| defects.contains(&d);
    let is_screen = matches!(subject, Subject::Display(_));
    // Each concern draws from its own stream, so asking for one more defect leaves the rest of
    // the picture (pose, light, surface...) exactly as it was.
    let mut frame_rng = rng.fork("frame");
    let (mut fw, mut fh, camera_model) = pick_camera(&mut frame_rng);
    let portrait_frame = frame_rng.chance(0.35);
    if has(Defect::LowResolution) {
        let &(w, h) = rng
            .fork("low_resolution")
            .pick(SMALL_FRAMES)
            .unwrap_or(&(800, 600));
        (fw, fh) = (w, h);
    }
    if let FrameSize::Fixed { width, height } = request.frame {
        (fw, fh) = (width, height);
    } else if portrait_frame {
        (fw, fh) = (fh, fw);
    }
    let (w, h) = (fw as f32, fh as f32);
    let long = w.max(h);
    let unit = long / 4032.0; // image pixels per pixel of a 12 MP photo
    // Pose.
    let rng = &mut rng.fork("pose");
    let r = rng.unit();
    let roll_deg = if is_screen {
        rng.normal() * 3.0
    } else if r < 0.6 {
        rng.normal() * 4.0
    } else if r < 0.8 {
        rng.range(-30.0, 30.0)
    } else if r < 0.92 {
        [90.0, 180.0, 270.0][rng.index(3)] + rng.range(-4.0, 4.0)
    } else {
        rng.range(0.0, 360.0)
    };
    let roll_deg = if has(Defect::LowResolution) && !is_screen {
        rng.normal() * 4.0 + if rng.chance(0.15) { 180.0 } else { 0.0 }
    } else {
        roll_deg
    };
    let pose = Pose {
        roll: f64::from(roll_deg.to_radians()),
        pitch: f64::from((rng.normal() * 7.0).clamp(-22.0, 22.0).to_radians()),
        yaw: f64::from((rng.normal() * 7.0).clamp(-22.0, 22.0).to_radians()),
        focal: f64::from(long * rng.range(0.72, 0.95)),
    };
    let size = subject.size();
    let subject_rect = rect_corners(size[0], size[1]);
    let doc_w = edge_length(&doc_quad).max(1.0);
    let doc_long = doc_w.max(edge_length(&[
        doc_quad[1],
        doc_quad[2],
        doc_quad[2],
        doc_quad[2],
    ]));
    let centre = [
        f64::from(w * (0.5 + rng.range(-0.05, 0.05))),
        f64::from(h * (0.5 + rng.range(-0.05, 0.05))),
    ];
    let margin = 0.03 * w.min(h);
    let fits = |q: &[[f32; 2]; 4]| {
        q.iter()
            .all(|p| p[0] >= margin && p[1] >= margin && p[0] <= w - margin && p[1] <= h - margin)
    };
    let mut scale = if has(Defect::LowResolution) {
        f64::from(rng.range(200.0, 500.0) / doc_w)
    } else if is_screen {
        f64::from(long * rng.range(0.7, 0.95) / size[0].max(size[1]))
    } else {
        f64::from(long * rng.range(0.6, 0.9) / doc_long)
    };
    let mut homography = Homography::identity();
    let mut corners = doc_quad;
    for _ in 0..80 {
        let projected = project(size, scale, centre, &pose);
        if let Some(hm) = Homography::from_quads(&subject_rect, &projected) {
            homography = hm;
            corners = doc_quad.map(|p| hm.apply(p));
            if fits(&corners) {
                break;
            }
        }
        scale *= 0.93;
    }
    // Cut off: pan the camera so one or two corners leave the frame.
    if has(Defect::CutOff) {
        let rng = &mut rng.fork("cut_off");
        let target = rng.index(4);
        let two = rng.chance(0.4);
        let mid = quad_point(&corners, 0.5, 0.5);
        let toward = if two {
            quad_point(
                &[
                    corners[target],
                    corners[(target + 1) % 4],
                    corners[(target + 1) % 4],
                    corners[target],
                ],
                0.5,
                0.0,
            )
        } else {
            corners[target]
        };
        let dir = [toward[0] - mid[0], toward[1] - mid[1]];
        let len = (dir[0] * dir[0] + dir[1] * dir[1]).sqrt().max(1.0);
        let dir = [dir[0] / len, dir[1] / len];
        let overshoot = rng.range(0.04, 0.2) * doc_w;
        let outside = |p: [f32; 2]| (-p[0]).max(p[0] - w).max(-p[1]).max(p[1] - h);
        let mut shift = 0.0f32;
        while shift < 3.0 * long {
            let moved = [toward[0] + dir[0] * shift, toward[1] + dir[1] * shift];
            if outside(moved) >= overshoot {
                break;
            }
            shift += 0.002 * long;
        }
        let pan = Homography::scale_translate(
            1.0,
            1.0,
            f64::from(dir[0] * shift),
            f64::from(dir[1] * shift),
        );
        homography = pan.after(&homography);
        corners = doc_quad.map(|p| homography.apply(p));
        let out: Vec<f32> = corners
            .iter()
            .enumerate()
            .filter(|(_, p)| p[0] < 0.0 || p[1] < 0.0 || p[0] > w || p[1] > h)
            .map(|(i, _)| i as f32)
            .collect();
        applied.push(
            AppliedDefect::new(Defect::CutOff)
                .with("corners_outside", out.len() as u32)
                .with("corner_indices", out)
                .with("overshoot_px", overshoot),
        );
    }
    let doc_width_px = edge_length(&corners);
    // A small frame can leave even a clean photo's document narrower than that (a passport
    // page fitted into a 960-px-wide portrait frame): a low-resolution photo too, and labelled
    // so, as for screenshots.
    if has(Defect::LowResolution) || doc_width_px < LOW_RESOLUTION_BELOW_PX {
        applied.push(
            AppliedDefect::new(Defect::LowResolution)
                .with("document_width_px", doc_width_px)
                .with("frame", vec![w, h]),
        );
    }
    // Optics: defocus and motion, applied to the subject before the warp.
    let k_eff = (doc_width_px / doc_w).max(1e-3);
    let mut blur_sigma_img = rng.fork("optics").range(0.3, 0.9) * unit.max(0.25);
    // A defocused lens spreads each point into a disc (bokeh); some phones' processing makes
    // it look more Gaussian. Both have the same spread for the same sigma (disc radius 2σ).
    let mut disc_radius_img = 0.0;
    // Blur and shake are drawn by how much they smear the print, not the photo: the same
    // spread that leaves a document filling a 12 MP frame crisp at reading size ruins one that
    // fills a tenth of it. Both are drawn in pixels of a view of the document at most 1,000 px
    // wide (about 12 px per mm on a card, 8 on a passport page), so every labelled blur is
    // one that visibly softens the print (σ from 0.17 mm on a card), and never under the
    // same spread in image pixels when the document is smaller than that.
    let reading_scale = (doc_width_px / 1000.0).max(1.0);
    if has(Defect::Blur) {
        let blur_rng = &mut rng.fork("blur");
        blur_sigma_img = blur_rng.range(2.0, 6.0) * reading_scale;
        let record = if blur_rng.chance(0.5) {
            disc_radius_img = 2.0 * blur_sigma_img;
            AppliedDefect::new(Defect::Blur)
                .with("kernel", "disc")
                .with("radius_px", disc_radius_img)
        } else {
            AppliedDefect::new(Defect::Blur).with("kernel", "gaussian")
        };
        applied.push(record.with("sigma_px", blur_sigma_img));
    }
    let motion = if has(Defect::Motion) {
        let rng = &mut rng.fork("motion");
        let length = rng.range(8.0, 24.0) * reading_scale;
        let angle = rng.range(0.0, 180.0);
        applied.push(
            AppliedDefect::new(Defect::Motion)
                .with("length_px", length)
                .with("angle_deg", angle),
        );
        Some((length, angle.to_radians()))
    } else {
        None
    };
    let mut subject = subject;
    let mut sampling = homography
        .inverse()
        .ok_or(SpecimenError::Internal("singular camera pose"))?;
    if let Subject::Print(img) = &mut subject {
        // Shrink first when the photo is smaller than the document (no aliasing).
        if k_eff < 0.75 {
            let f = (k_eff * 1.3).min(1.0);
            let nw = ((img.width() as f32 * f).round() as u32).max(1);
            let nh = ((img.height() as f32 * f).round() as u32).max(1);
            *img = image::imageops::resize(img, nw, nh, image::imageops::FilterType::Triangle);
            let fx = f64::from(nw) / f64::from(size[0]);
            let fy = f64::from(nh) / f64::from(size[1]);
            sampling = Homography::scale_translate(fx, fy, 0.0, 0.0).after(&sampling);
        }
        let local_scale = k_eff / (img.width() as f32 / size[0]);
        if disc_radius_img > 0.0 {
            disc_rgba(img, disc_radius_img / local_scale.max(1e-3));
        } else {
            gaussian_rgba(img, blur_sigma_img / local_scale.max(1e-3));
        }
        if let Some((length, angle)) = motion {
            // The image-space direction seen in the subject's frame (undo the roll).
            let a = angle - roll_deg.to_radians();
            line_blur_rgba(img, length / local_scale.max(1e-3), a);
        }
    }
    // Surface, at half resolution.
    // Large frames get a coarser surface (it is out of the document's plane of interest and
    // soft in real photos anyway).
    let surface_step: u32 = if u64::from(fw) * u64::from(fh) > 6_000_000 {
        3
    } else {
        2
    };
    let (bw, bh) = (fw.div_ceil(surface_step) + 1, fh.div_ceil(surface_step) + 1);
    let (mut surface, surface_kind) = background::draw(
        &mut rng.fork("surface"),
        bw,
        bh,
        surface_step as f32 / unit.max(0.05),
    );
    {
        let sigma = blur_sigma_img / surface_step as f32;
        let mut as_rgba = image::DynamicImage::ImageRgb8(std::mem::take(&mut surface)).to_rgba8();
        gaussian_rgba(&mut as_rgba, sigma);
        if let Some((length, angle)) = motion {
            line_blur_rgba(&mut as_rgba, length / surface_step as f32, angle);
        }
        surface = image::DynamicImage::ImageRgba8(as_rgba).to_rgb8();
    }
    // Contact shadow (or, for a screen, its glow) at 1/8 resolution.
    let (sw8, sh8) = (fw.div_ceil(8) + 2, fh.div_ceil(8) + 2);
    let mut halo = vec![0.0f32; (sw8 * sh8) as usize];
    let outer = subject_rect.map(|p| homography.apply(p));
    let rng_halo = &mut rng.fork("halo");
    let offset = [
        rng_halo.range(-0.006, 0.006) * long,
        rng_halo.range(0.0, 0.008) * long,
    ];
    for y in 0..sh8 {
        for x in 0..sw8 {
            let p = [x as f32 * 8.0 - offset[0], y as f32 * 8.0 - offset[1]];
            if inside_quad(&outer, p) {
                halo[(y * sw8 + x) as usize] = 1.0;
            }
        }
    }
    let halo_radius = ((if is_screen { 0.06 } else { 0.008 }) * long / 8.0)
        .round()
        .max(1.0) as usize;
    raster::box_blur_field(&mut halo, sw8 as usize, sh8 as usize, halo_radius, 3);
    let halo_strength = if is_screen {
        -rng_halo.range(0.1, 0.25)
    } else {
        rng_halo.range(0.25, 0.45)
    };
    // Light.
    let light_rng = &mut rng.fork("light");
    let mut exposure = light_rng.range(0.94, 1.06);
    let mut noise_sigma = light_rng.range(1.0, 2.4);
    if is_screen {
        exposure *= light_rng.range(0.8, 0.95);
    }
    if has(Defect::Dark) {
        let dark_rng = &mut rng.fork("dark");
        exposure = dark_rng.range(0.2, 0.4);
        noise_sigma = dark_rng.range(3.5, 7.0);
        applied.push(
            AppliedDefect::new(Defect::Dark)
                .with("exposure", exposure)
                .with("noise_sigma", noise_sigma),
        );
    }
    let gradient = [light_rng.range(-0.22, 0.22), light_rng.range(-0.22, 0.22)];
    let vignette = light_rng.range(0.12, 0.35);
    let temperature = if light_rng.chance(0.6) {
        [light_rng.range(1.0, 1.08), 1.0, light_rng.range(0.86, 0.97)]
    } else {
        [light_rng.range(0.94, 1.0), 1.0, light_rng.range(1.0, 1.06)]
    };
    let surface_light = if is_screen {
        light_rng.range(0.3, 0.55)
    } else {
        1.0
    };
    // Shadow defect: a half-plane through the document with a soft or hard edge.
    let shadow = if has(Defect::Shadow) {
        let rng = &mut rng.fork("shadow");
        let through = quad_point(&corners, rng.range(0.3, 0.7), rng.range(0.3, 0.7));
        let angle = rng.range(0.0, std::f32::consts::TAU);
        let darkness = rng.range(0.35, 0.65);
        let softness = if rng.chance(0.4) {
            rng.range(1.5, 6.0)
        } else {
            rng.range(15.0, 70.0)
        } * unit.max(0.25);
        let normal = [angle.cos(), angle.sin()];
        let mut covered = 0;
        for i in 0..20 {
            for j in 0..20 {
                let p = quad_point(&corners, (i as f32 + 0.5) / 20.0, (j as f32 + 0.5) / 20.0);
                if (p[0] - through[0]) * normal[0] + (p[1] - through[1]) * normal[1] > 0.0 {
                    covered += 1;
                }
            }
        }
        applied.push(
            AppliedDefect::new(Defect::Shadow)
                .with("darkness", darkness)
                .with("softness_px", softness)
                .with(
                    "edge",
                    if softness < 8.0 * unit.max(0.25) {
                        "hard"
                    } else {
                        "soft"
                    },
                )
                .with("covered_fraction", covered as f32 / 400.0)
                .with("edge_point", vec![through[0], through[1]])
                .with("edge_normal_deg", angle.to_degrees()),
        );
        Some((through, normal, darkness, softness))
    } else {
        None
    };
    // Glare: saturated elliptical highlights on the document.
    let glare: Vec<([f32; 2], f32, f32, f32, f32)> = if has(Defect::Glare) {
        let rng = &mut rng.fork("glare");
        let count = rng.int(1, 3) as usize;
        let diag = edge_length(&[corners[0], corners[2], corners[2], corners[2]]);
        let blobs: Vec<_> = (0..count)
            .map(|_| {
                let c = quad_point(&corners, rng.range(0.15, 0.85), rng.range(0.15, 0.85));
                let a = rng.range(0.05, 0.16) * diag;
                let b = a * rng.range(0.35, 0.9);
                (
                    c,
                    a,
                    b,
                    rng.range(0.0, std::f32::consts::PI),
                    rng.range(1.6, 3.0),
                )
            })
            .collect();
        applied.push(
            AppliedDefect::new(Defect::Glare)
                .with("count", count as u32)
                .with(
                    "centres_x",
                    blobs.iter().map(|b| b.0[0]).collect::<Vec<_>>(),
                )
                .with(
                    "centres_y",
                    blobs.iter().map(|b| b.0[1]).collect::<Vec<_>>(),
                )
                .with(
                    "radii_major_px",
                    blobs.iter().map(|b| b.1).collect::<Vec<_>>(),
                )
                .with(
                    "radii_minor_px",
                    blobs.iter().map(|b| b.2).collect::<Vec<_>>(),
                )
                .with("peak", blobs.iter().map(|b| b.4).collect::<Vec<_>>()),
        );
        blobs
    } else {
        Vec::new()
    };
    // Composite.
    let light_field = {
        let mut f = vec![0.0f32; (sw8 * sh8) as usize];
        let (cx, cy) = (w * 0.5, h * 0.5);
        let inv_r2 = 1.0 / (cx * cx + cy * cy);
        for y in 0..sh8 {
            for x in 0..sw8 {
                let (fx, fy) = (x as f32 * 8.0, y as f32 * 8.0);
                let r2 = ((fx - cx).powi(2) + (fy - cy).powi(2)) * inv_r2;
                f[(y * sw8 + x) as usize] = exposure
                    * (1.0 + gradient[0] * (fx / w - 0.5) + gradient[1] * (fy / h - 0.5))
                    * (1.0 - vignette * r2 * (0.6 + 0.4 * r2));
            }
        }
        f
    };
    let outer_box = {
        let xs = outer.map(|p| p[0]);
        let ys = outer.map(|p| p[1]);
        [
            xs.iter().cloned().fold(f32::MAX, f32::min).floor() - 2.0,
            ys.iter().cloned().fold(f32::MAX, f32::min).floor() - 2.0,
            xs.iter().cloned().fold(f32::MIN, f32::max).ceil() + 2.0,
            ys.iter().cloned().fold(f32::MIN, f32::max).ceil() + 2.0,
        ]
    };
    let scene = Scene {
        width: fw,
        surface: &surface,
        surface_scale: 1.0 / surface_step as f32,
        surface_light,
        halo: &halo,
        halo_strength,
        light: &light_field,
        field_w: sw8,
        field_h: sh8,
        subject: &subject,
        sampling: sampling.0.map(|v| v as f32),
        subject_box: outer_box,
        temperature,
        shadow,
        lens: rng.fork("lens").range(2.0, 3.2),
        glare: &glare,
    };
    let mut out = RgbImage::new(fw, fh);
    let stride = fw as usize * 3;
    raster::par_rows(out.as_mut(), stride, |first, band| scene.rows(first, band));
    // A display is blurred after the fact (its pixels only exist while sampling).
    if is_screen {
        if has(Defect::Blur) {
            let r = (blur_sigma_img / 1.15).round().max(1.0) as u32;
            raster::box_blur_rgb(&mut out, r, 3);
        }
        if let Some((length, angle)) = motion {
            let mut rgba = image::DynamicImage::ImageRgb8(out).to_rgba8();
            line_blur_rgba(&mut rgba, length, angle);
            out = image::DynamicImage::ImageRgba8(rgba).to_rgb8();
        }
    }
    // Sensor noise (after the optics), then the phone's JPEG.
    add_noise(&mut out, noise_sigma, rng.fork("noise").next_u64());
    let rng = &mut rng.fork("jpeg");
    let quality = rng.int(75, 95) as u8;
    let camera = camera_model.map(|(make, model)| {
        let time = format!(
            "{:02}:{:02}:{:02}",
            rng.int(8, 21),
            rng.int(0, 59),
            rng.int(0, 59)
        );
        let d = request.today;
        CameraInfo {
            make: make.to_string(),
            model: model.to_string(),
            date_time_original: format!(
                "{:04}:{:02}:{:02} {time}",
                d.year(),
                u8::from(d.month()),
                d.day()
            ),
            orientation: 1,
        }
    });
    let bytes = encode::jpeg(&out, quality, camera.as_ref())?;
    info.insert("surface", Param::from(surface_kind.name()));
    info.insert("roll_deg", Param::from(roll_deg));
    info.insert("pitch_deg", Param::from(pose.pitch.to_degrees() as f32));
    info.insert("yaw_deg", Param::from(pose.yaw.to_degrees() as f32));
    info.insert("jpeg_quality", Param::from(u32::from(quality)));
    Ok(Shot {
        info,
        format: ImageFormat::Jpeg,
        bytes,
        width: fw,
        height: fh,
        corners,
        defects: applied,
        camera,
    })
}

/// Everything the per-pixel composite needs.
struct Scene<'a> {
    width: u32,
    /// The surface at reduced resolution.
    surface: &'a RgbImage,
    /// Surface pixels per image pixel.
    surface_scale: f32,
    surface_light: f32,
    /// Contact shadow (or screen glow) at 1/8 resolution, 0..1.
    halo: &'a [f32],
    halo_strength: f32,
    /// Exposure × gradient × vignetting at 1/8 resolution.
    light: &'a [f32],
    field_w: u32,
    field_h: u32,
    subject: &'a Subject,
    /// Image → subject homography.
    sampling: [f32; 9],
    /// The subject's bounding box in the image: x0, y0, x1, y1.
    subject_box: [f32; 4],
    temperature: [f32; 3],
    shadow: Option<([f32; 2], [f32; 2], f32, f32)>,
    /// How much wider than a pixel the lens spreads light (for sampling displays).
    lens: f32,
    glare: &'a [([f32; 2], f32, f32, f32, f32)],
}

impl Scene<'_> {
    /// Computes the rows `first..` of the picture into `band`.
    fn rows(&self, first: usize, band: &mut [u8]) {
        let fw = self.width as usize;
        let (sw, sh) = (
            self.surface.width() as usize,
            self.surface.height() as usize,
        );
        let sraw = self.surface.as_raw();
        let mut surface_row = vec![0.0f32; sw * 3];
        let mut halo_row = vec![0.0f32; self.field_w as usize];
        let mut light_row = vec![0.0f32; self.field_w as usize];
        let m = &self.sampling;
        let is_screen = matches!(self.subject, Subject::Display(_));
        for (r, row) in band.chunks_exact_mut(fw * 3).enumerate() {
            let y = first + r;
            let fy = y as f32 + 0.5;
            // Surface row: interpolate between two half-resolution rows.
            let sy = (fy * self.surface_scale - 0.5).clamp(0.0, (sh - 1) as f32);
            let (y0, wy) = (sy as usize, sy - (sy as usize) as f32);
            let y1 = (y0 + 1).min(sh - 1);
            for i in 0..sw * 3 {
                let a = f32::from(sraw[y0 * sw * 3 + i]);
                let b = f32::from(sraw[y1 * sw * 3 + i]);
                surface_row[i] = (a + (b - a) * wy) * self.surface_light;
            }
            lerp_field_row(
                self.halo,
                self.field_w,
                self.field_h,
                fy / 8.0,
                &mut halo_row,
            );
            lerp_field_row(
                self.light,
                self.field_w,
                self.field_h,
                fy / 8.0,
                &mut light_row,
            );
            let in_rows = fy >= self.subject_box[1] && fy <= self.subject_box[3];
            for x in 0..fw {
                let fx = x as f32 + 0.5;
                let sx = (fx * self.surface_scale - 0.5).clamp(0.0, (sw - 1) as f32);
                let (x0, wx) = (sx as usize, sx - (sx as usize) as f32);
                let x1 = (x0 + 1).min(sw - 1);
                let gx = (fx / 8.0).min((self.field_w - 1) as f32);
                let (g0, wg) = (gx as usize, gx - (gx as usize) as f32);
                let g1 = (g0 + 1).min(self.field_w as usize - 1);
                let halo = halo_row[g0] + (halo_row[g1] - halo_row[g0]) * wg;
                let mut light = light_row[g0] + (light_row[g1] - light_row[g0]) * wg;
                let shade = 1.0 - self.halo_strength * halo;
                let mut c = [0.0f32; 3];
                for k in 0..3 {
                    let a = surface_row[x0 * 3 + k];
                    let b = surface_row[x1 * 3 + k];
                    c[k] = (a + (b - a) * wx) * shade;
                }
                let mut alpha = 0.0;
                if in_rows && fx >= self.subject_box[0] && fx <= self.subject_box[2] {
                    let wq = m[6] * fx + m[7] * fy + m[8];
                    if wq.abs() > 1e-9 {
                        let u = (m[0] * fx + m[1] * fy + m[2]) / wq;
                        let v = (m[3] * fx + m[4] * fy + m[5]) / wq;
                        let s = match self.subject {
                            Subject::Print(img) => raster::sample_rgba(img, u - 0.5, v - 0.5),
                            Subject::Display(d) => {
                                // The camera pixel's footprint on the display (Jacobian),
                                // widened by the lens blur.
                                let dudx = (m[0] - u * m[6]) / wq;
                                let dudy = (m[1] - u * m[7]) / wq;
                                let dvdx = (m[3] - v * m[6]) / wq;
                                let dvdy = (m[4] - v * m[7]) / wq;
                                let au = 0.5 * (dudx.abs() + dudy.abs()) * self.lens;
                                let av = 0.5 * (dvdx.abs() + dvdy.abs()) * self.lens;
                                d.sample(u, v, au, av)
                            }
                        };
                        alpha = s[3] / 255.0;
                        if alpha > 0.0 {
                            for (ck, sk) in c.iter_mut().zip(s) {
                                *ck += (sk - *ck) * alpha;
                            }
                            if is_screen {
                                // A display lights itself: the room's light matters less.
                                light = light + (1.0 - light) * 0.6 * alpha;
                            }
                        }
                    }
                }
                if let Some((through, normal, darkness, softness)) = self.shadow {
                    let d = (fx - through[0]) * normal[0] + (fy - through[1]) * normal[1];
                    let t = (d / softness.max(0.5) * 0.5 + 0.5).clamp(0.0, 1.0);
                    light *= 1.0 - darkness * t * t * (3.0 - 2.0 * t);
                }
                for (ck, t) in c.iter_mut().zip(self.temperature) {
                    *ck *= light * t;
                }
                if alpha > 0.0 {
                    for &(centre, a, b, angle, peak) in self.glare {
                        let (dx, dy) = (fx - centre[0], fy - centre[1]);
                        let (s, co) = angle.sin_cos();
                        let u = (dx * co + dy * s) / a;
                        let v = (-dx * s + dy * co) / b;
                        let q = u * u + v * v;
                        if q < 36.0 {
                            // A clipped core and a wide, faint sheen around it.
                            let core = peak * (-q * 1.6).exp();
                            let sheen = 0.22 * (-q * 0.18).exp();
                            let i = (core + sheen).min(1.0) * alpha;
                            for ch in &mut c {
                                *ch += (255.0 - *ch) * i;
                            }
                        }
                    }
                }
                row[x * 3] = c[0].clamp(0.0, 255.0) as u8;
                row[x * 3 + 1] = c[1].clamp(0.0, 255.0) as u8;
                row[x * 3 + 2] = c[2].clamp(0.0, 255.0) as u8;
            }
        }
    }
}

/// One row of a low-resolution field at fractional row `y`, interpolated vertically.
fn lerp_field_row(field: &[f32], w: u32, h: u32, y: f32, out: &mut [f32]) {
    let (w, h) = (w as usize, h as usize);
    if w == 0 || h == 0 || field.len() < w * h {
        out.fill(0.0);
        return;
    }
    let y = y.clamp(0.0, (h - 1) as f32);
    let (y0, wy) = (y as usize, y - y.floor());
    let y1 = (y0 + 1).min(h - 1);
    for (x, o) in out.iter_mut().enumerate().take(w) {
        let a = field[y0 * w + x];
        let b = field[y1 * w + x];
        *o = a + (b - a) * wy;
    }
}

/// Approximately Gaussian blur of an RGBA image: a three-tap kernel for small sigmas (below
/// 1.2 pixels), three box passes above.
fn gaussian_rgba(img: &mut RgbaImage, sigma: f32) {
    if !(sigma.is_finite() && sigma >= 0.25) {
        return;
    }
    let (w, h) = (img.width() as usize, img.height() as usize);
    let buf: &mut [u8] = img.as_mut();
    let mut line = Vec::new();
    let mut pass = |buf: &mut [u8], f: &mut dyn FnMut(&mut [u8], &mut Vec<u8>)| {
        for y in 0..h {
            f(&mut buf[y * w * 4..(y + 1) * w * 4], &mut line);
        }
        let mut col = vec![0u8; h * 4];
        for x in 0..w {
            for y in 0..h {
                col[y * 4..y * 4 + 4].copy_from_slice(&buf[(y * w + x) * 4..(y * w + x) * 4 + 4]);
            }
            f(&mut col, &mut line);
            for y in 0..h {
                buf[(y * w + x) * 4..(y * w + x) * 4 + 4].copy_from_slice(&col[y * 4..y * 4 + 4]);
            }
        }
    };
    if sigma < 1.2 {
        // [a, 1 - 2a, a] has variance 2a.
        let a = (sigma * sigma / 2.0).min(1.0 / 3.0);
        pass(buf, &mut |data, out| three_tap(data, 4, a, out));
    } else {
        // Three boxes of radius r give sigma² = ((2r + 1)² - 1) / 4.
        let r = (((sigma * sigma * 4.0 + 1.0).sqrt() - 1.0) / 2.0)
            .round()
            .max(1.0) as usize;
        for _ in 0..3 {
            pass(buf, &mut |data, out| box_line(data, 4, r, out));
        }
    }
}

/// One pass of the kernel `[a, 1 - 2a, a]` over interleaved data, edges clamped.
fn three_tap(data: &mut [u8], channels: usize, a: f32, out: &mut Vec<u8>) {
    let n = data.len() / channels.max(1);
    if n == 0 {
        return;
    }
    out.clear();
    out.extend_from_slice(data);
    let last = n - 1;
    for i in 0..n {
        let (l, r) = (i.saturating_sub(1), (i + 1).min(last));
        for c in 0..channels {
            let v = f32::from(data[l * channels + c]) * a
                + f32::from(data[i * channels + c]) * (1.0 - 2.0 * a)
                + f32::from(data[r * channels + c]) * a;
            out[i * channels + c] = (v + 0.5) as u8;
        }
    }
    data.copy_from_slice(out);
}

/// One box pass over interleaved data, edges clamped.
fn box_line(data: &mut [u8], channels: usize, r: usize, out: &mut Vec<u8>) {
    let n = data.len() / channels.max(1);
    if n == 0 {
        return;
    }
    out.clear();
    out.resize(data.len(), 0);
    let window = (2 * r + 1) as u32;
    let last = n - 1;
    for c in 0..channels {
        let at = |i: usize| u32::from(data[i * channels + c]);
        // Window centred on 0, edge clamped: r + 1 copies of the first value, then 1..=r.
        let mut sum = at(0) * (r as u32 + 1) + (1..=r).map(|i| at(i.min(last))).sum::<u32>();
        for i in 0..n {
            out[i * channels + c] = ((sum + window / 2) / window) as u8;
            let add = at((i + r + 1).min(last));
            let sub = at(i.saturating_sub(r));
            sum = sum + add - sub;
        }
    }
    data.copy_from_slice(out);
}

/// Defocus blur with a disc kernel of `radius` pixels: the mean over the disc's integer
/// offsets (at most 97 of them, spread evenly on a sunflower pattern for large discs).
fn disc_rgba(img: &mut RgbaImage, radius: f32) {
    if !(radius.is_finite() && radius >= 1.0) {
        return;
    }
    let r = radius.min(200.0);
    let mut offsets: Vec<(isize, isize)> = Vec::new();
    let ri = r.ceil() as isize;
    for dy in -ri..=ri {
        for dx in -ri..=ri {
            if (dx * dx + dy * dy) as f32 <= r * r {
                offsets.push((dx, dy));
            }
        }
    }
    if offsets.len() > 97 {
        // Vogel's sunflower spiral: even coverage of the disc with few samples.
        offsets = (0..97)
            .map(|i| {
                let t = (i as f32 + 0.5) / 97.0;
                let a = i as f32 * 2.399_963;
                let d = r * t.sqrt();
                (
                    (d * a.cos()).round() as isize,
                    (d * a.sin()).round() as isize,
                )
            })
            .collect();
    }
    average_offsets(img, &offsets);
}

/// Replaces each pixel with the mean of the pixels at `offsets` from it (edges clamped).
fn average_offsets(img: &mut RgbaImage, offsets: &[(isize, isize)]) {
    if offsets.is_empty() {
        return;
    }
    let (w, h) = (img.width() as isize, img.height() as isize);
    let src = img.clone();
    let s = src.as_raw();
    let norm = 1.0 / offsets.len() as f32;
    let stride = w as usize * 4;
    raster::par_rows(img.as_mut(), stride, |first, band| {
        for (r, row) in band.chunks_exact_mut(stride.max(1)).enumerate() {
            let y = (first + r) as isize;
            for x in 0..w {
                let mut acc = [0u32; 4];
                for &(ox, oy) in offsets {
                    let xx = (x + ox).clamp(0, w - 1);
                    let yy = (y + oy).clamp(0, h - 1);
                    let i = ((yy * w + xx) * 4) as usize;
                    acc[0] += u32::from(s[i]);
                    acc[1] += u32::from(s[i + 1]);
                    acc[2] += u32::from(s[i + 2]);
                    acc[3] += u32::from(s[i + 3]);
                }
                let i = (x * 4) as usize;
                for k in 0..4 {
                    row[i + k] = (acc[k] as f32 * norm + 0.5) as u8;
                }
            }
        }
    });
}

/// Linear motion blur of `length` pixels at `angle` radians (average along the line).
fn line_blur_rgba(img: &mut RgbaImage, length: f32, angle: f32) {
    if !(length.is_finite() && length >= 1.5) {
        return;
    }
    let steps = (length.ceil() as usize).clamp(2, 256);
    let (dx, dy) = (
        angle.cos() * length / steps as f32,
        angle.sin() * length / steps as f32,
    );
    let offsets: Vec<(isize, isize)> = (0..=steps)
        .map(|i| {
            let t = i as f32 - steps as f32 / 2.0;
            ((t * dx).round() as isize, (t * dy).round() as isize)
        })
        .collect();
    average_offsets(img, &offsets);
}

/// Sensor noise: luminance noise of `sigma` (0–255 scale) plus a little chroma noise. Each
/// row has its own generator seeded from `seed` and the row number, so rows can run in parallel.
fn add_noise(img: &mut RgbImage, sigma: f32, seed: u64) {
    let stride = img.width() as usize * 3;
    raster::par_rows(img.as_mut(), stride, |first, band| {
        for (r, row) in band.chunks_exact_mut(stride.max(1)).enumerate() {
            let mut state = (seed ^ ((first + r) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
            for p in row.chunks_exact_mut(3) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let r = state;
                // Triangular noise from two 16-bit uniforms.
                let a = (r & 0xFFFF) as f32 / 65535.0 + ((r >> 16) & 0xFFFF) as f32 / 65535.0 - 1.0;
                let lum = a * sigma * 2.45;
                let chroma = (((r >> 32) & 0xFF) as f32 / 255.0 - 0.5) * sigma * 0.8;
                let chroma2 = (((r >> 40) & 0xFF) as f32 / 255.0 - 0.5) * sigma * 0.8;
                let n = [lum + chroma, lum, lum + chroma2];
                for k in 0..3 {
                    p[k] = (f32::from(p[k]) + n[k]).clamp(0.0, 255.0) as u8;
                }
            }
        }
    });
}
