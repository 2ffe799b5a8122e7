//! Flat renderings of the documents: a TD3 passport data page, an ID-1 identity card (front and
//! back) and a US driving licence (front and back), at a chosen resolution (300 dpi by default).
//!
//! Every layout is written in millimetres on a [`Sheet`]; the sheet turns them into pixels.
//! Security printing is imitated procedurally: a guilloche of interfering wavy lines and a
//! rosette, a coat-of-arms-like emblem as a watermark, a ghost portrait, microtext, and a
//! `SPECIMEN` overprint.

use std::f32::consts::PI;

use ab_glyph::FontRef;
use image::{GrayImage, RgbImage, RgbaImage};

use crate::assets::{self, Fonts};
use crate::identity::{Country, Drawn, UsState};
use crate::labels::{self, Field, caption};
use crate::raster::{self, Align, Colour};
use crate::rng::Rng;
use crate::{Kind, Side, SpecimenError};

/// Physical size of a document kind, in millimetres.
pub(crate) fn size_mm(kind: Kind) -> (f32, f32) {
    match kind {
        Kind::Passport => (125.0, 88.0),
        Kind::IdCard | Kind::DrivingLicence => (85.6, 53.98),
    }
}

/// Corner radius in millimetres (ID-1 cards are rounded; a passport page is cut square).
pub(crate) fn corner_radius_mm(kind: Kind) -> f32 {
    match kind {
        Kind::Passport => 0.6,
        Kind::IdCard | Kind::DrivingLicence => 3.18,
    }
}

const INK: Colour = [28, 28, 38];
const CAPTION: Colour = [70, 72, 88];
const RED: Colour = [190, 30, 45];
const SPECIMEN_RED: Colour = [215, 35, 45];

/// Which font a text is set in.
#[derive(Clone, Copy)]
enum Face {
    Sans,
    Bold,
}

/// A page being drawn, addressed in millimetres.
struct Sheet<'a> {
    img: RgbImage,
    /// Pixels per millimetre.
    s: f32,
    fonts: &'a Fonts,
}

impl<'a> Sheet<'a> {
    fn new(kind: Kind, px_per_mm: f32, paper: Colour, fonts: &'a Fonts) -> Sheet<'a> {
        let (w, h) = size_mm(kind);
        let img = RgbImage::from_pixel(
            (w * px_per_mm).round().max(1.0) as u32,
            (h * px_per_mm).round().max(1.0) as u32,
            image::Rgb(paper),
        );
        Sheet {
            img,
            s: px_per_mm,
            fonts,
        }
    }

    fn font(&self, face: Face) -> &FontRef<'static> {
        match face {
            Face::Sans => &self.fonts.sans,
            Face::Bold => &self.fonts.bold,
        }
    }

    /// Sets `text` with capitals `cap` mm tall, baseline at `(x, y)` mm; shrinks it to fit
    /// `max_w` mm when given. Returns the width in mm.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        face: Face,
        cap: f32,
        x: f32,
        y: f32,
        align: Align,
        colour: Colour,
        max_w: Option<f32>,
        text: &str,
    ) -> f32 {
        let font = self.font(face).clone();
        let mut size = raster::size_for_cap_height(&font, cap * self.s);
        if let Some(max) = max_w {
            let w = raster::text_width(&font, size, 0.0, text);
            let limit = max * self.s;
            if w > limit && w > 0.0 {
                size *= limit / w;
            }
        }
        let (px, py) = (x * self.s, y * self.s);
        raster::draw_text(
            &mut self.img,
            &font,
            size,
            px,
            py,
            align,
            0.0,
            colour,
            0.95,
            text,
        ) / self.s
    }

    /// A caption over a value: the caption small and grey, the value below it.
    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        x: f32,
        y: f32,
        label: &str,
        value: &str,
        label_cap: f32,
        value_cap: f32,
        max_w: f32,
        colour: Colour,
    ) {
        self.text(
            Face::Sans,
            label_cap,
            x,
            y,
            Align::Left,
            CAPTION,
            Some(max_w),
            label,
        );
        let gap = value_cap * 1.45 + 0.35;
        self.text(
            Face::Bold,
            value_cap,
            x,
            y + gap,
            Align::Left,
            colour,
            Some(max_w),
            value,
        );
    }

    fn rect_px(&self, x: f32, y: f32, w: f32, h: f32) -> [f32; 4] {
        [x * self.s, y * self.s, w * self.s, h * self.s]
    }
}

/// How a portrait is varied for one identity, so that documents differ.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PortraitStyle {
    index: usize,
    mirror: bool,
    zoom: f32,
    dx: f32,
    dy: f32,
    brightness: f32,
    contrast: f32,
    warmth: f32,
    pub(crate) grey: bool,
}

impl PortraitStyle {
    pub(crate) fn draw(rng: &mut Rng, kind: Kind) -> PortraitStyle {
        PortraitStyle {
            index: rng.index(assets::portrait_count()),
            mirror: rng.chance(0.5),
            zoom: rng.range(0.86, 1.0),
            dx: rng.range(-0.05, 0.05),
            dy: rng.range(-0.04, 0.04),
            brightness: rng.range(0.92, 1.1),
            contrast: rng.range(0.88, 1.08),
            warmth: rng.range(-0.05, 0.05),
            // Laser-engraved greyscale portraits are common on cards and passport pages.
            grey: match kind {
                Kind::Passport => rng.chance(0.4),
                Kind::IdCard => rng.chance(0.6),
                Kind::DrivingLicence => rng.chance(0.15),
            },
        }
    }
}

/// The portrait at `w`×`h` pixels with `style` applied.
fn portrait(style: &PortraitStyle, w: u32, h: u32) -> Result<RgbImage, SpecimenError> {
    let src = assets::portrait(style.index)?;
    let (sw, sh) = (src.width() as f32, src.height() as f32);
    let target_aspect = w as f32 / h.max(1) as f32;
    let mut cw = sw * style.zoom;
    let mut ch = cw / target_aspect;
    if ch > sh {
        ch = sh;
        cw = ch * target_aspect;
    }
    let cx = ((sw - cw) * (0.5 + style.dx)).clamp(0.0, (sw - cw).max(0.0));
    let cy = ((sh - ch) * (0.3 + style.dy)).clamp(0.0, (sh - ch).max(0.0));
    let cropped =
        image::imageops::crop_imm(&src, cx as u32, cy as u32, cw as u32, ch as u32).to_image();
    let mut out = image::imageops::resize(
        &cropped,
        w.max(1),
        h.max(1),
        image::imageops::FilterType::Triangle,
    );
    if style.mirror {
        image::imageops::flip_horizontal_in_place(&mut out);
    }
    for p in out.pixels_mut() {
        let [r, g, b] = p.0.map(f32::from);
        let mut c = if style.grey {
            let l = 0.299 * r + 0.587 * g + 0.114 * b;
            [l * 1.02, l, l * 0.97]
        } else {
            [r * (1.0 + style.warmth), g, b * (1.0 - style.warmth)]
        };
        for v in &mut c {
            let x = ((*v / 255.0 - 0.5) * style.contrast + 0.5) * style.brightness;
            // Printing lifts the blacks and compresses the highlights.
            *v = (14.0 + x.clamp(0.0, 1.0) * 228.0).clamp(0.0, 255.0);
        }
        p.0 = [c[0] as u8, c[1] as u8, c[2] as u8];
    }
    Ok(out)
}

/// A lighter version of a colour (mix with white).
fn light(c: Colour, amount: f32) -> Colour {
    c.map(|v| (f32::from(v) + (255.0 - f32::from(v)) * amount) as u8)
}

/// A darker version of a colour.
fn dark(c: Colour, amount: f32) -> Colour {
    c.map(|v| (f32::from(v) * (1.0 - amount)) as u8)
}

/// Security background: a tinted gradient, two families of interfering wavy lines and a
/// rosette, drawn over the whole sheet.
fn guilloche(sheet: &mut Sheet<'_>, tint_a: Colour, tint_b: Colour, rng: &mut Rng, strength: f32) {
    let s = sheet.s;
    let (w, h) = (sheet.img.width(), sheet.img.height());
    let period_a = rng.range(0.9, 1.3);
    let amp_a = rng.range(1.5, 3.5);
    let k_a = 2.0 * PI / rng.range(18.0, 40.0);
    let p_a = rng.range(0.0, std::f32::consts::TAU);
    let amp_a2 = rng.range(0.3, 1.0);
    let k_a2 = 2.0 * PI / rng.range(5.0, 9.0);
    let period_b = rng.range(1.0, 1.6);
    let amp_b = rng.range(2.0, 4.0);
    let k_b = 2.0 * PI / rng.range(25.0, 50.0);
    let p_b = rng.range(0.0, std::f32::consts::TAU);
    let rosette = [
        rng.range(0.55, 0.85) * w as f32 / s,
        rng.range(0.3, 0.6) * h as f32 / s,
    ];
    let rosette_r = rng.range(18.0, 30.0);
    let petals = rng.int(18, 36) as f32;
    let petal_amp = rng.range(0.8, 1.8);
    let period_r = rng.range(0.9, 1.3);
    let line_px = (0.085 * s).max(0.7);
    let wash_a = light(tint_a, 0.86);
    let wash_b = light(tint_b, 0.86);
    let colour_a = light(tint_a, 0.25);
    let colour_b = light(tint_b, 0.25);
    // Everything that depends on the column alone is computed once per column.
    struct Column {
        wave_a: f32,
        norm_a: f32,
        wave_b: f32,
        norm_b: f32,
        wash: [f32; 3],
    }
    let columns: Vec<Column> = (0..w)
        .map(|x| {
            let u = (x as f32 + 0.5) / s;
            let slope = amp_a * k_a * (u * k_a + p_a).cos() + amp_a2 * k_a2 * (u * k_a2).cos();
            let slope_b = -amp_b * k_b * (u * k_b + p_b).cos();
            let t = x as f32 / w.max(1) as f32;
            Column {
                wave_a: amp_a * (u * k_a + p_a).sin() + amp_a2 * (u * k_a2).sin(),
                norm_a: period_a * s / (1.0 + slope * slope).sqrt(),
                wave_b: -amp_b * (u * k_b + p_b).sin(),
                norm_b: period_b * s / (1.0 + slope_b * slope_b).sqrt(),
                wash: [0, 1, 2].map(|c| {
                    let wash = f32::from(wash_a[c]) * (1.0 - t) + f32::from(wash_b[c]) * t;
                    (1.0 - 0.5 * strength) + wash / 255.0 * 0.5 * strength
                }),
            }
        })
        .collect();
    let stride = w as usize * 3;
    raster::par_rows(sheet.img.as_mut(), stride, |first, band| {
        for (r, row) in band.chunks_exact_mut(stride.max(1)).enumerate() {
            let y = first + r;
            let v = (y as f32 + 0.5) / s;
            for (x, col) in columns.iter().enumerate() {
                let u = (x as f32 + 0.5) / s;
                let i = x * 3;
                let mut px = [
                    f32::from(row[i]) * col.wash[0],
                    f32::from(row[i + 1]) * col.wash[1],
                    f32::from(row[i + 2]) * col.wash[2],
                ];
                // Family A.
                let ph = (v + col.wave_a) / period_a;
                let f = ph - raster::floor(ph);
                let cov_a = (line_px * 0.5 + 0.5 - f.min(1.0 - f) * col.norm_a).clamp(0.0, 1.0);
                // Family B (mirrored wave, so the two families weave).
                let ph_b = (v + col.wave_b) / period_b;
                let f_b = ph_b - raster::floor(ph_b);
                let cov_b = (line_px * 0.5 + 0.5 - f_b.min(1.0 - f_b) * col.norm_b).clamp(0.0, 1.0);
                // Rosette.
                let (du, dv) = (u - rosette[0], v - rosette[1]);
                let r2 = du * du + dv * dv;
                let mut cov_r = 0.0;
                if r2 < rosette_r * rosette_r && r2 > 1.0 {
                    let r = r2.sqrt();
                    let theta = dv.atan2(du);
                    let (sin_p, cos_p) = (petals * theta).sin_cos();
                    let rr = r + petal_amp * sin_p;
                    let grad = (1.0 + (petal_amp * petals * cos_p / r).powi(2)).sqrt();
                    let ph_r = rr / period_r;
                    let f_r = ph_r - raster::floor(ph_r);
                    let d_r = f_r.min(1.0 - f_r) * period_r * s / grad;
                    let fade = ((rosette_r - r) / 4.0).clamp(0.0, 1.0);
                    cov_r = (line_px * 0.5 + 0.5 - d_r).clamp(0.0, 1.0) * fade;
                }
                let layers = [
                    (colour_a, cov_a * 0.45 * strength),
                    (colour_b, cov_b * 0.35 * strength),
                    (colour_a, cov_r * 0.4 * strength),
                ];
                for (colour, a) in layers {
                    if a > 0.0 {
                        for c in 0..3 {
                            px[c] += (f32::from(colour[c]) - px[c]) * a;
                        }
                    }
                }
                row[i] = px[0].clamp(0.0, 255.0) as u8;
                row[i + 1] = px[1].clamp(0.0, 255.0) as u8;
                row[i + 2] = px[2].clamp(0.0, 255.0) as u8;
            }
        }
    });
}

/// A coat-of-arms-like emblem (shield, charge, wreath, crown), `size` mm tall, drawn as one
/// mask so overlapping parts do not darken.
fn emblem(
    sheet: &mut Sheet<'_>,
    centre: [f32; 2],
    size: f32,
    colour: Colour,
    alpha: f32,
    variant: u64,
) {
    let px = (size * sheet.s).round().max(8.0) as u32;
    let mut m = RgbImage::from_pixel(px, px, image::Rgb([255, 255, 255]));
    let k = px as f32;
    let at = |x: f32, y: f32| [k * (0.5 + x), k * (0.5 + y)];
    let black = [0, 0, 0];
    let white = [255, 255, 255];
    // Shield.
    let mut shield = vec![at(-0.26, -0.22), at(0.26, -0.22)];
    for i in 0..=16 {
        let t = i as f32 / 16.0;
        let x = 0.26 * (1.0 - t * t);
        let y = 0.02 + t * 0.3;
        shield.push(at(x, y));
    }
    for i in (0..=16).rev() {
        let t = i as f32 / 16.0;
        shield.push(at(-0.26 * (1.0 - t * t), 0.02 + t * 0.3));
    }
    raster::fill_polygon(&mut m, &shield, black, 1.0);
    let inner: Vec<[f32; 2]> = shield
        .iter()
        .map(|p| {
            [
                k * 0.5 + (p[0] - k * 0.5) * 0.86,
                k * 0.54 + (p[1] - k * 0.54) * 0.86,
            ]
        })
        .collect();
    raster::fill_polygon(&mut m, &inner, white, 1.0);
    // Charge.
    match variant % 4 {
        0 => {
            // A stylised eagle: body, head, spread wings of feathers.
            raster::fill_ellipse(&mut m, at(0.0, 0.06), 0.05 * k, 0.12 * k, 0.0, black, 1.0);
            raster::fill_ellipse(&mut m, at(0.0, -0.1), 0.035 * k, 0.035 * k, 0.0, black, 1.0);
            for side in [-1.0f32, 1.0] {
                for f in 0..5 {
                    let a = -0.9 + f as f32 * 0.32;
                    let c = at(
                        side * (0.09 + 0.02 * f as f32),
                        0.0 + 0.025 * f as f32 - 0.03,
                    );
                    raster::fill_ellipse(&mut m, c, 0.11 * k, 0.022 * k, side * a, black, 1.0);
                }
                raster::fill_ellipse(
                    &mut m,
                    at(side * 0.04, 0.2),
                    0.02 * k,
                    0.05 * k,
                    side * 0.4,
                    black,
                    1.0,
                );
            }
        }
        1 => {
            raster::fill_rect(&mut m, k * 0.46, k * 0.3, k * 0.54, k * 0.78, black, 1.0);
            raster::fill_rect(&mut m, k * 0.32, k * 0.42, k * 0.68, k * 0.5, black, 1.0);
        }
        2 => {
            let mut star = Vec::new();
            for i in 0..10 {
                let r = if i % 2 == 0 { 0.16 } else { 0.065 };
                let a = -PI / 2.0 + i as f32 * PI / 5.0;
                star.push(at(r * a.cos(), 0.05 + r * a.sin()));
            }
            raster::fill_polygon(&mut m, &star, black, 1.0);
        }
        _ => {
            raster::stroke_polyline(
                &mut m,
                &[at(-0.2, 0.12), at(0.0, -0.08), at(0.2, 0.12)],
                0.05 * k,
                black,
                1.0,
            );
            for (x, y) in [(-0.1, -0.12), (0.1, -0.12), (0.0, 0.2)] {
                raster::fill_ellipse(&mut m, at(x, y), 0.04 * k, 0.04 * k, 0.0, black, 1.0);
            }
        }
    }
    // Wreath of leaves on both sides.
    for side in [-1.0f32, 1.0] {
        for i in 0..9 {
            let t = i as f32 / 8.0;
            let a = PI * (0.62 + 0.7 * t);
            let c = at(side * 0.38 * a.cos().abs(), 0.05 - 0.36 * a.sin());
            let c = [k * 0.5 + side * (c[0] - k * 0.5).abs(), c[1]];
            raster::fill_ellipse(
                &mut m,
                c,
                0.055 * k,
                0.02 * k,
                side * (a - PI / 2.0),
                black,
                1.0,
            );
        }
    }
    // Crown.
    let mut crown = vec![
        at(-0.18, -0.26),
        at(0.18, -0.26),
        at(0.2, -0.4),
        at(0.1, -0.32),
        at(0.0, -0.45),
        at(-0.1, -0.32),
        at(-0.2, -0.4),
    ];
    crown.dedup_by(|a, b| a == b);
    raster::fill_polygon(&mut m, &crown, black, 1.0);
    for x in [-0.2, 0.0, 0.2] {
        let y = if x == 0.0 { -0.46 } else { -0.41 };
        raster::fill_ellipse(&mut m, at(x, y), 0.025 * k, 0.025 * k, 0.0, black, 1.0);
    }
    // Blend the mask.
    let (ox, oy) = (centre[0] * sheet.s - k * 0.5, centre[1] * sheet.s - k * 0.5);
    for (x, y, p) in m.enumerate_pixels() {
        let cov = 1.0 - f32::from(p.0[0]) / 255.0;
        if cov > 0.0 {
            raster::blend(
                &mut sheet.img,
                (ox + x as f32) as i64,
                (oy + y as f32) as i64,
                colour,
                alpha * cov,
            );
        }
    }
}

/// A handwritten-looking signature: a capital loop, then letters of random height (x-height,
/// ascender, descender) joined in one pen trace with loops, a slant and a closing flourish.
fn signature(sheet: &mut Sheet<'_>, x: f32, y: f32, w: f32, h: f32, rng: &mut Rng, name: &str) {
    let letters = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .count()
        .clamp(4, 12);
    let slant = rng.range(0.1, 0.5);
    let base = y + h * 0.68;
    let unit = w / (letters as f32 + 1.5);
    let mut pts: Vec<[f32; 2]> = Vec::new();
    let mut pen = x;
    let steps = 18;
    for j in 0..letters {
        let kind = rng.index(6);
        let (height, depth) = match (j, kind) {
            (0, _) => (rng.range(0.75, 1.0), 0.0),
            (_, 0) => (rng.range(0.55, 0.75), 0.0),
            (_, 1) => (0.15, rng.range(0.2, 0.35)),
            _ => (rng.range(0.18, 0.32), 0.0),
        };
        let width = unit * rng.range(0.6, 1.3) * if j == 0 { 1.6 } else { 1.0 };
        let loopiness = if height > 0.5 {
            rng.range(0.3, 0.7)
        } else {
            rng.range(0.0, 0.35)
        };
        for i in 0..steps {
            let t = i as f32 / steps as f32;
            let bump = 0.5 - 0.5 * (2.0 * PI * t).cos();
            let mut yy = base - height * h * bump;
            if depth > 0.0 && t > 0.5 {
                yy += depth * h * (PI * (t - 0.5) * 2.0).sin();
            }
            let xx = pen + width * t - loopiness * width * (2.0 * PI * t).sin() * 0.5
                + slant * (base - yy);
            pts.push([xx * sheet.s, yy * sheet.s]);
        }
        pen += width * rng.range(0.85, 1.05);
        if pen > x + w {
            break;
        }
    }
    pts.push([(pen + unit * 0.6) * sheet.s, (base - h * 0.1) * sheet.s]);
    let ink = if rng.chance(0.6) {
        [25, 35, 95]
    } else {
        [30, 30, 35]
    };
    raster::stroke_polyline(&mut sheet.img, &pts, 0.2 * sheet.s, ink, 0.85);
    if rng.chance(0.6) {
        let u0 = [
            (x + w * rng.range(0.0, 0.3)) * sheet.s,
            (base + h * 0.22) * sheet.s,
        ];
        let u1 = [
            (pen + unit) * sheet.s,
            (base + h * rng.range(0.0, 0.2)) * sheet.s,
        ];
        raster::stroke_polyline(&mut sheet.img, &[u0, u1], 0.17 * sheet.s, ink, 0.75);
    }
}

/// The `SPECIMEN` overprint, rotated, in translucent red.
fn specimen_mark(sheet: &mut Sheet<'_>, centre: [f32; 2], cap: f32, angle_deg: f32, alpha: f32) {
    let font = sheet.fonts.bold.clone();
    let size = raster::size_for_cap_height(&font, cap * sheet.s);
    let mask: GrayImage = raster::text_mask(&font, size, size * 0.08, "SPECIMEN");
    raster::draw_mask_rotated(
        &mut sheet.img,
        &mask,
        [centre[0] * sheet.s, centre[1] * sheet.s],
        angle_deg.to_radians(),
        1.0,
        SPECIMEN_RED,
        alpha,
    );
}

/// Tiny repeated text along a line (microprint).
fn microtext(sheet: &mut Sheet<'_>, x: f32, y: f32, w: f32, text: &str, colour: Colour) {
    let font = sheet.fonts.sans.clone();
    let size = raster::size_for_cap_height(&font, 0.45 * sheet.s);
    let mut line = String::new();
    let unit = raster::text_width(&font, size, 0.0, text).max(1.0);
    let repeats = ((w * sheet.s) / unit).ceil() as usize + 1;
    for _ in 0..repeats.min(400) {
        line.push_str(text);
    }
    let mut clip = RgbImage::from_pixel(
        (w * sheet.s).max(1.0) as u32,
        (1.2 * sheet.s).max(1.0) as u32,
        image::Rgb([255, 255, 255]),
    );
    raster::draw_text(
        &mut clip,
        &font,
        size,
        0.0,
        0.8 * sheet.s,
        Align::Left,
        0.0,
        [0, 0, 0],
        1.0,
        &line,
    );
    let (ox, oy) = (x * sheet.s, (y - 0.8) * sheet.s);
    for (cx, cy, p) in clip.enumerate_pixels() {
        let cov = 1.0 - f32::from(p.0[0]) / 255.0;
        if cov > 0.0 {
            raster::blend(
                &mut sheet.img,
                (ox + cx as f32) as i64,
                (oy + cy as f32) as i64,
                colour,
                cov * 0.8,
            );
        }
    }
}

/// Draws the portrait (and optionally a faint ghost copy).
fn place_portrait(
    sheet: &mut Sheet<'_>,
    style: &PortraitStyle,
    rect_mm: [f32; 4],
) -> Result<(), SpecimenError> {
    let [x, y, w, h] = rect_mm;
    let (pw, ph) = ((w * sheet.s).round() as u32, (h * sheet.s).round() as u32);
    let img = portrait(style, pw.max(1), ph.max(1))?;
    let alpha = if style.grey { 0.9 } else { 0.97 };
    let rect = sheet.rect_px(x, y, w, h);
    raster::draw_image(&mut sheet.img, &img, rect, alpha);
    Ok(())
}

fn ghost_portrait(
    sheet: &mut Sheet<'_>,
    style: &PortraitStyle,
    rect_mm: [f32; 4],
    tint: Colour,
) -> Result<(), SpecimenError> {
    let [x, y, w, h] = rect_mm;
    let (pw, ph) = ((w * sheet.s).round() as u32, (h * sheet.s).round() as u32);
    let mut ghost_style = *style;
    ghost_style.grey = true;
    let img = portrait(&ghost_style, pw.max(1), ph.max(1))?;
    let (ox, oy) = (x * sheet.s, y * sheet.s);
    for (gx, gy, p) in img.enumerate_pixels() {
        let darkness = 1.0 - f32::from(p.0[0]) / 255.0;
        // Soft oval vignette so the ghost fades into the background.
        let nx = (gx as f32 / pw.max(1) as f32 - 0.5) * 2.0;
        let ny = (gy as f32 / ph.max(1) as f32 - 0.5) * 2.0;
        let fade = (1.0 - (nx * nx + ny * ny * 0.8)).clamp(0.0, 1.0);
        raster::blend(
            &mut sheet.img,
            (ox + gx as f32) as i64,
            (oy + gy as f32) as i64,
            dark(tint, 0.3),
            darkness * 0.3 * fade,
        );
    }
    Ok(())
}

/// The MRZ in OCR-B: 2.54 mm pitch, capitals about 2.3 mm, left-aligned at `x`, first
/// baseline at `y`, lines `line_gap` apart.
fn mrz(sheet: &mut Sheet<'_>, lines: &[String], x: f32, y: f32, line_gap: f32) {
    let font = sheet.fonts.ocrb.clone();
    let size = raster::size_for_cap_height(&font, 2.3 * sheet.s);
    for (i, line) in lines.iter().enumerate() {
        raster::draw_monospace(
            &mut sheet.img,
            &font,
            size,
            x * sheet.s,
            (y + i as f32 * line_gap) * sheet.s,
            2.54 * sheet.s,
            [18, 18, 22],
            0.97,
            line,
        );
    }
}

/// Fine paper grain and print noise, so flat colour areas are not perfectly flat.
fn grain(img: &mut RgbImage, rng: &mut Rng, amount: f32) {
    let mut state = rng.next_u64() | 1;
    for p in img.pixels_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = ((state & 0xFF) as f32 / 255.0 - 0.5) * 2.0 * amount;
        for v in &mut p.0 {
            *v = (f32::from(*v) + n).clamp(0.0, 255.0) as u8;
        }
    }
}

/// Converts the sheet into RGBA with the document's outline (rounded corners) as alpha.
/// The edge is darkened over `edge_px` (the card's or page's cut edge catches less light).
fn cut_out(img: RgbImage, radius_px: f32, edge_px: f32) -> RgbaImage {
    let (w, h) = (img.width(), img.height());
    let mut out = RgbaImage::new(w, h);
    for (x, y, p) in img.enumerate_pixels() {
        let d = raster::rounded_rect_distance(
            x as f32 + 0.5,
            y as f32 + 0.5,
            0.0,
            0.0,
            w as f32,
            h as f32,
            radius_px,
        );
        let a = (0.5 - d).clamp(0.0, 1.0);
        let edge = 0.8 + 0.2 * (-d / edge_px.max(0.5)).clamp(0.0, 1.0);
        let c = p.0.map(|v| (f32::from(v) * edge) as u8);
        out.put_pixel(x, y, image::Rgba([c[0], c[1], c[2], (a * 255.0) as u8]));
    }
    out
}

/// What a document side needs that is not in the identity.
pub(crate) struct SideInputs<'a> {
    pub kind: Kind,
    pub side: Side,
    pub drawn: &'a Drawn,
    pub mrz_lines: &'a [String],
    pub barcode: Option<&'a [Vec<bool>]>,
    pub portrait: PortraitStyle,
    pub px_per_mm: f32,
    /// Document discriminator printed on licences (`5 DD`).
    pub discriminator: &'a str,
}

/// Renders one side of a document.
pub(crate) fn render_side(
    inputs: &SideInputs<'_>,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbaImage, SpecimenError> {
    let img = match (inputs.kind, inputs.drawn.country, inputs.drawn.state) {
        (Kind::Passport, Some(country), _) => passport(inputs, country, fonts, rng)?,
        (Kind::IdCard, Some(country), _) => match inputs.side {
            Side::Front => id_front(inputs, country, fonts, rng)?,
            Side::Back => id_back(inputs, country, fonts, rng)?,
        },
        (Kind::DrivingLicence, _, Some(state)) => match inputs.side {
            Side::Front => licence_front(inputs, state, fonts, rng)?,
            Side::Back => licence_back(inputs, state, fonts, rng)?,
        },
        _ => return Err(SpecimenError::Internal("document kind and issuer disagree")),
    };
    Ok(cut_out(
        img,
        corner_radius_mm(inputs.kind) * inputs.px_per_mm,
        0.25 * inputs.px_per_mm,
    ))
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

fn name_line(native: &str, latin: Option<&str>) -> String {
    match latin {
        Some(l) => format!("{} / {}", upper(native), upper(l)),
        None => upper(native),
    }
}

fn passport(
    inputs: &SideInputs<'_>,
    country: &Country,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbImage, SpecimenError> {
    let id = &inputs.drawn.identity;
    let lang = country.lang;
    let tint = country.tint;
    let tint_b = [tint[2], tint[0], tint[1]];
    let mut sheet = Sheet::new(Kind::Passport, inputs.px_per_mm, [247, 244, 236], fonts);
    guilloche(&mut sheet, tint, tint_b, rng, 1.0);
    emblem(
        &mut sheet,
        [72.0, 40.0],
        44.0,
        dark(tint, 0.1),
        0.1,
        rng.next_u64(),
    );
    // MRZ clear zone: plain paper.
    raster::fill_rect(
        &mut sheet.img,
        0.0,
        69.5 * sheet.s,
        125.0 * sheet.s,
        88.0 * sheet.s,
        [246, 244, 238],
        0.85,
    );
    // Header.
    emblem(
        &mut sheet,
        [11.0, 7.0],
        11.0,
        dark(tint, 0.35),
        0.8,
        rng.next_u64(),
    );
    let header = if country.name_native.is_empty() {
        country.name_en.to_string()
    } else {
        country.name_native.to_string()
    };
    sheet.text(
        Face::Bold,
        2.6,
        66.0,
        6.2,
        Align::Centre,
        dark(tint, 0.45),
        Some(96.0),
        &header,
    );
    let sub = if country.name_native.is_empty() {
        String::new()
    } else {
        country.name_en.to_string()
    };
    if !sub.is_empty() {
        sheet.text(
            Face::Sans,
            1.6,
            66.0,
            9.4,
            Align::Centre,
            dark(tint, 0.4),
            Some(96.0),
            &sub,
        );
    }
    sheet.text(
        Face::Bold,
        2.0,
        121.0,
        12.4,
        Align::Right,
        dark(tint, 0.45),
        Some(60.0),
        &labels::title(Field::PassportTitle, lang),
    );
    microtext(
        &mut sheet,
        4.0,
        14.2,
        117.0,
        &format!("{} {} ", country.code, country.name_en),
        dark(tint, 0.2),
    );
    // Portrait and ghost.
    place_portrait(&mut sheet, &inputs.portrait, [6.0, 17.0, 31.0, 40.0])?;
    ghost_portrait(
        &mut sheet,
        &inputs.portrait,
        [101.0, 38.0, 18.0, 23.0],
        tint,
    )?;
    // Fields.
    let (lc, vc) = (1.15, 2.05);
    let x0 = 41.0;
    sheet.field(
        x0,
        18.0,
        &caption(Field::Type, lang),
        "P",
        lc,
        vc,
        16.0,
        INK,
    );
    sheet.field(
        x0 + 18.0,
        18.0,
        &caption(Field::Code, lang),
        &id.issuing_country,
        lc,
        vc,
        24.0,
        INK,
    );
    sheet.field(
        x0 + 46.0,
        18.0,
        &caption(Field::PassportNumber, lang),
        &id.document_number,
        lc,
        vc,
        34.0,
        RED,
    );
    sheet.field(
        x0,
        25.0,
        &caption(Field::Surname, lang),
        &name_line(&id.surname, id.surname_latin.as_deref()),
        lc,
        vc,
        78.0,
        INK,
    );
    sheet.field(
        x0,
        32.0,
        &caption(Field::GivenNames, lang),
        &name_line(&id.given_names, id.given_names_latin.as_deref()),
        lc,
        vc,
        78.0,
        INK,
    );
    sheet.field(
        x0,
        39.0,
        &caption(Field::Nationality, lang),
        labels::nationality(&id.nationality),
        lc,
        vc,
        58.0,
        INK,
    );
    sheet.field(
        x0,
        46.0,
        &caption(Field::BirthDate, lang),
        &labels::passport_date(id.birth_date, lang),
        lc,
        vc,
        30.0,
        INK,
    );
    sheet.field(
        x0 + 32.0,
        46.0,
        &caption(Field::Sex, lang),
        &id.sex.letter().to_string(),
        lc,
        vc,
        12.0,
        INK,
    );
    sheet.field(
        x0 + 45.0,
        46.0,
        &caption(Field::PlaceOfBirth, lang),
        &upper(&id.place_of_birth),
        lc,
        vc,
        36.0,
        INK,
    );
    sheet.field(
        x0,
        53.0,
        &caption(Field::IssueDate, lang),
        &labels::passport_date(id.issue_date, lang),
        lc,
        vc,
        30.0,
        INK,
    );
    sheet.field(
        x0 + 32.0,
        53.0,
        &caption(Field::Authority, lang),
        &upper(&id.authority),
        lc,
        vc,
        49.0,
        INK,
    );
    sheet.field(
        x0,
        60.0,
        &caption(Field::ExpiryDate, lang),
        &labels::passport_date(id.expiry_date, lang),
        lc,
        vc,
        30.0,
        INK,
    );
    sheet.text(
        Face::Sans,
        lc,
        x0 + 32.0,
        60.0,
        Align::Left,
        CAPTION,
        Some(30.0),
        &caption(Field::Signature, lang),
    );
    signature(
        &mut sheet,
        x0 + 33.0,
        60.6,
        26.0,
        6.5,
        rng,
        &inputs.drawn.signature,
    );
    specimen_mark(&mut sheet, [64.0, 40.0], 8.5, -16.0, 0.42);
    mrz(&mut sheet, inputs.mrz_lines, 6.6, 78.4, 5.2);
    grain(&mut sheet.img, rng, 2.5);
    Ok(sheet.img)
}

fn card_background(sheet: &mut Sheet<'_>, tint: Colour, rng: &mut Rng) {
    let tint_b = [tint[1], tint[2], tint[0]];
    guilloche(sheet, tint, tint_b, rng, 1.15);
}

fn id_front(
    inputs: &SideInputs<'_>,
    country: &Country,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbImage, SpecimenError> {
    let id = &inputs.drawn.identity;
    let lang = country.lang;
    let tint = country.tint;
    let mut sheet = Sheet::new(Kind::IdCard, inputs.px_per_mm, [240, 242, 238], fonts);
    card_background(&mut sheet, tint, rng);
    emblem(
        &mut sheet,
        [58.0, 30.0],
        30.0,
        dark(tint, 0.1),
        0.1,
        rng.next_u64(),
    );
    emblem(
        &mut sheet,
        [7.0, 5.8],
        8.0,
        dark(tint, 0.35),
        0.8,
        rng.next_u64(),
    );
    let header = if country.name_native.is_empty() {
        country.name_en
    } else {
        country.name_native
    };
    sheet.text(
        Face::Bold,
        1.9,
        13.0,
        4.6,
        Align::Left,
        dark(tint, 0.45),
        Some(45.0),
        header,
    );
    sheet.text(
        Face::Sans,
        1.35,
        13.0,
        7.8,
        Align::Left,
        dark(tint, 0.4),
        Some(52.0),
        &labels::title(Field::IdCardTitle, lang),
    );
    sheet.text(
        Face::Bold,
        2.2,
        82.0,
        5.0,
        Align::Right,
        RED,
        Some(20.0),
        &id.document_number,
    );
    place_portrait(&mut sheet, &inputs.portrait, [4.0, 11.5, 23.0, 29.5])?;
    ghost_portrait(&mut sheet, &inputs.portrait, [69.0, 33.0, 13.0, 16.5], tint)?;
    let (lc, vc) = (0.95, 1.7);
    let x0 = 30.0;
    sheet.field(
        x0,
        12.0,
        &caption(Field::Surname, lang),
        &upper(&id.surname),
        lc,
        vc,
        50.0,
        INK,
    );
    sheet.field(
        x0,
        18.0,
        &caption(Field::GivenNames, lang),
        &upper(&id.given_names),
        lc,
        vc,
        50.0,
        INK,
    );
    sheet.field(
        x0,
        24.0,
        &caption(Field::BirthDate, lang),
        &labels::card_date(id.birth_date, lang),
        lc,
        vc,
        22.0,
        INK,
    );
    sheet.field(
        x0 + 24.0,
        24.0,
        &caption(Field::Sex, lang),
        &id.sex.letter().to_string(),
        lc,
        vc,
        10.0,
        INK,
    );
    sheet.field(
        x0 + 36.0,
        24.0,
        &caption(Field::Nationality, lang),
        &id.nationality,
        lc,
        vc,
        16.0,
        INK,
    );
    sheet.field(
        x0,
        30.0,
        &caption(Field::PlaceOfBirth, lang),
        &upper(&id.place_of_birth),
        lc,
        vc,
        36.0,
        INK,
    );
    sheet.field(
        x0,
        36.0,
        &caption(Field::ExpiryDate, lang),
        &labels::card_date(id.expiry_date, lang),
        lc,
        vc,
        22.0,
        INK,
    );
    sheet.field(
        x0 + 24.0,
        36.0,
        &caption(Field::CardNumber, lang),
        &id.document_number,
        lc,
        vc,
        20.0,
        INK,
    );
    sheet.text(
        Face::Sans,
        lc,
        4.0,
        44.5,
        Align::Left,
        CAPTION,
        Some(30.0),
        &caption(Field::Signature, lang),
    );
    signature(
        &mut sheet,
        5.0,
        45.0,
        24.0,
        6.0,
        rng,
        &inputs.drawn.signature,
    );
    microtext(
        &mut sheet,
        3.0,
        51.8,
        79.0,
        &format!("{} ", country.name_en),
        dark(tint, 0.2),
    );
    specimen_mark(&mut sheet, [45.0, 31.0], 6.0, -14.0, 0.42);
    grain(&mut sheet.img, rng, 2.0);
    Ok(sheet.img)
}

fn id_back(
    inputs: &SideInputs<'_>,
    country: &Country,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbImage, SpecimenError> {
    let id = &inputs.drawn.identity;
    let lang = country.lang;
    let tint = country.tint;
    let mut sheet = Sheet::new(Kind::IdCard, inputs.px_per_mm, [240, 242, 238], fonts);
    card_background(&mut sheet, [tint[2], tint[1], tint[0]], rng);
    raster::fill_rect(
        &mut sheet.img,
        0.0,
        35.5 * sheet.s,
        85.6 * sheet.s,
        54.0 * sheet.s,
        [244, 244, 240],
        0.85,
    );
    let (lc, vc) = (0.95, 1.6);
    if let Some(address) = &id.address {
        sheet.text(
            Face::Sans,
            lc,
            4.0,
            5.0,
            Align::Left,
            CAPTION,
            Some(50.0),
            &caption(Field::Address, lang),
        );
        sheet.text(
            Face::Bold,
            vc,
            4.0,
            8.0,
            Align::Left,
            INK,
            Some(55.0),
            &upper(&address.street),
        );
        let city = format!("{} {}", address.postal_code, upper(&address.city));
        sheet.text(
            Face::Bold,
            vc,
            4.0,
            11.0,
            Align::Left,
            INK,
            Some(55.0),
            &city,
        );
    }
    sheet.field(
        4.0,
        15.0,
        &caption(Field::IssueDate, lang),
        &labels::card_date(id.issue_date, lang),
        lc,
        vc,
        28.0,
        INK,
    );
    sheet.field(
        34.0,
        15.0,
        &caption(Field::Authority, lang),
        &upper(&id.authority),
        lc,
        vc,
        47.0,
        INK,
    );
    sheet.field(
        4.0,
        22.0,
        &caption(Field::Height, lang),
        &format!("{} cm", id.height_cm),
        lc,
        vc,
        28.0,
        INK,
    );
    let eyes = match id.eye_colour.as_str() {
        "BLU" => "BLUE",
        "GRN" => "GREEN",
        "HAZ" => "HAZEL",
        "GRY" => "GREY",
        _ => "BROWN",
    };
    sheet.field(
        34.0,
        22.0,
        &caption(Field::Eyes, lang),
        eyes,
        lc,
        vc,
        28.0,
        INK,
    );
    emblem(
        &mut sheet,
        [73.0, 9.0],
        12.0,
        dark(tint, 0.3),
        0.35,
        rng.next_u64(),
    );
    microtext(
        &mut sheet,
        3.0,
        31.0,
        79.0,
        &format!("{} ", country.name_en),
        dark(tint, 0.2),
    );
    specimen_mark(&mut sheet, [55.0, 25.0], 5.0, -10.0, 0.4);
    mrz(&mut sheet, inputs.mrz_lines, 4.7, 41.6, 4.35);
    grain(&mut sheet.img, rng, 2.0);
    Ok(sheet.img)
}

#[allow(clippy::too_many_arguments)]
fn aamva_field(
    sheet: &mut Sheet<'_>,
    x: f32,
    y: f32,
    number: &str,
    label: &str,
    value: &str,
    value_cap: f32,
    colour: Colour,
    max_w: f32,
) -> f32 {
    let a = sheet.text(Face::Bold, 0.95, x, y, Align::Left, CAPTION, None, number);
    let b = if label.is_empty() {
        0.0
    } else {
        sheet.text(
            Face::Sans,
            0.95,
            x + a + 0.5,
            y,
            Align::Left,
            CAPTION,
            None,
            label,
        )
    };
    let start = x + a + b + 1.2;
    let w = sheet.text(
        Face::Bold,
        value_cap,
        start,
        y,
        Align::Left,
        colour,
        Some(max_w),
        value,
    );
    start + w
}

fn licence_front(
    inputs: &SideInputs<'_>,
    state: &UsState,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbImage, SpecimenError> {
    let id = &inputs.drawn.identity;
    let tint = state.tint;
    let mut sheet = Sheet::new(
        Kind::DrivingLicence,
        inputs.px_per_mm,
        [238, 241, 244],
        fonts,
    );
    card_background(&mut sheet, tint, rng);
    // Header band.
    let s = sheet.s;
    for y in 0..(9.0 * s) as u32 {
        let t = y as f32 / (9.0 * s);
        let c = light(tint, 0.1 + t * 0.25);
        raster::fill_rect(
            &mut sheet.img,
            0.0,
            y as f32,
            85.6 * s,
            y as f32 + 1.0,
            c,
            0.92,
        );
    }
    sheet.text(
        Face::Bold,
        3.6,
        4.0,
        6.8,
        Align::Left,
        [255, 255, 255],
        Some(52.0),
        state.name,
    );
    sheet.text(
        Face::Bold,
        1.5,
        83.0,
        4.0,
        Align::Right,
        [255, 255, 255],
        None,
        "DRIVER LICENSE",
    );
    sheet.text(
        Face::Bold,
        1.5,
        83.0,
        7.2,
        Align::Right,
        [255, 255, 255],
        None,
        "USA",
    );
    emblem(
        &mut sheet,
        [58.0, 32.0],
        28.0,
        dark(tint, 0.2),
        0.1,
        rng.next_u64(),
    );
    place_portrait(&mut sheet, &inputs.portrait, [3.0, 11.0, 24.0, 31.0])?;
    ghost_portrait(&mut sheet, &inputs.portrait, [70.5, 37.0, 12.0, 15.0], tint)?;
    let x0 = 29.5;
    let class = id.licence_class.clone().unwrap_or_else(|| "C".into());
    aamva_field(
        &mut sheet,
        x0,
        13.2,
        "4d",
        "DLN",
        &id.document_number,
        2.0,
        RED,
        34.0,
    );
    aamva_field(
        &mut sheet,
        x0,
        17.0,
        "4b",
        "EXP",
        &labels::us_date(id.expiry_date),
        1.6,
        INK,
        20.0,
    );
    aamva_field(
        &mut sheet,
        x0 + 26.0,
        17.0,
        "4a",
        "ISS",
        &labels::us_date(id.issue_date),
        1.4,
        INK,
        20.0,
    );
    aamva_field(
        &mut sheet,
        x0,
        21.2,
        "3",
        "DOB",
        &labels::us_date(id.birth_date),
        1.9,
        RED,
        24.0,
    );
    aamva_field(&mut sheet, x0, 25.3, "1", "", &id.surname, 1.8, INK, 50.0);
    aamva_field(
        &mut sheet,
        x0,
        28.8,
        "2",
        "",
        &id.given_names,
        1.6,
        INK,
        50.0,
    );
    if let Some(a) = &id.address {
        aamva_field(&mut sheet, x0, 32.3, "8", "", &a.street, 1.4, INK, 50.0);
        let line = format!(
            "{}, {} {}",
            a.city,
            a.state.clone().unwrap_or_default(),
            a.postal_code
        );
        sheet.text(
            Face::Bold,
            1.4,
            x0 + 3.0,
            35.2,
            Align::Left,
            INK,
            Some(45.0),
            &line,
        );
    }
    aamva_field(&mut sheet, x0, 39.5, "9", "CLASS", &class, 1.4, INK, 10.0);
    aamva_field(
        &mut sheet,
        x0 + 15.0,
        39.5,
        "9a",
        "END",
        "NONE",
        1.3,
        INK,
        10.0,
    );
    aamva_field(&mut sheet, x0, 43.0, "12", "RESTR", "NONE", 1.3, INK, 10.0);
    aamva_field(
        &mut sheet,
        x0,
        46.5,
        "15",
        "SEX",
        &id.sex.letter().to_string(),
        1.4,
        INK,
        5.0,
    );
    aamva_field(
        &mut sheet,
        x0 + 12.5,
        46.5,
        "16",
        "HGT",
        &labels::us_height(id.height_cm),
        1.4,
        INK,
        10.0,
    );
    aamva_field(
        &mut sheet,
        x0 + 29.0,
        46.5,
        "18",
        "EYES",
        &id.eye_colour,
        1.4,
        INK,
        8.0,
    );
    aamva_field(
        &mut sheet,
        x0,
        50.5,
        "5",
        "DD",
        inputs.discriminator,
        1.0,
        INK,
        30.0,
    );
    signature(
        &mut sheet,
        4.0,
        44.0,
        22.0,
        6.0,
        rng,
        &inputs.drawn.signature,
    );
    sheet.text(
        Face::Bold,
        4.0,
        64.0,
        44.0,
        Align::Left,
        dark(tint, 0.1),
        None,
        &class,
    );
    specimen_mark(&mut sheet, [46.0, 30.0], 6.0, -15.0, 0.42);
    grain(&mut sheet.img, rng, 2.0);
    Ok(sheet.img)
}

fn licence_back(
    inputs: &SideInputs<'_>,
    state: &UsState,
    fonts: &Fonts,
    rng: &mut Rng,
) -> Result<RgbImage, SpecimenError> {
    let tint = state.tint;
    let mut sheet = Sheet::new(
        Kind::DrivingLicence,
        inputs.px_per_mm,
        [238, 241, 244],
        fonts,
    );
    card_background(&mut sheet, [tint[1], tint[0], tint[2]], rng);
    sheet.text(
        Face::Bold,
        1.2,
        4.0,
        4.5,
        Align::Left,
        INK,
        None,
        "9a END: NONE",
    );
    sheet.text(
        Face::Bold,
        1.2,
        30.0,
        4.5,
        Align::Left,
        INK,
        None,
        "12 RESTR: NONE",
    );
    sheet.text(
        Face::Sans,
        0.9,
        4.0,
        7.6,
        Align::Left,
        CAPTION,
        Some(78.0),
        &format!(
            "THIS CARD IS THE PROPERTY OF THE STATE OF {}. IF FOUND, RETURN TO ANY DMV OFFICE.",
            state.name
        ),
    );
    emblem(
        &mut sheet,
        [76.0, 6.5],
        9.0,
        dark(tint, 0.3),
        0.5,
        rng.next_u64(),
    );
    // The barcode: white quiet zone, then modules.
    let (bx, by, bw, bh) = (5.0, 12.0, 75.6, 24.0);
    if let Some(rows) = inputs.barcode {
        let cols = rows.first().map(Vec::len).unwrap_or(0).max(1);
        let module_w = bw / cols as f32;
        let row_h = (bh / rows.len().max(1) as f32).min(module_w * 4.0);
        let real_h = row_h * rows.len() as f32;
        let top = by + (bh - real_h) * 0.5;
        raster::fill_rect(
            &mut sheet.img,
            (bx - 2.0) * sheet.s,
            (top - 2.0) * sheet.s,
            (bx + bw + 2.0) * sheet.s,
            (top + real_h + 2.0) * sheet.s,
            [252, 252, 250],
            1.0,
        );
        for (r, row) in rows.iter().enumerate() {
            // Whole pixel rows, so neighbouring module rows leave no seam.
            let y0 = ((top + r as f32 * row_h) * sheet.s).round();
            let y1 = ((top + (r + 1) as f32 * row_h) * sheet.s).round();
            let mut c = 0;
            while c < row.len() {
                if row[c] {
                    let start = c;
                    while c < row.len() && row[c] {
                        c += 1;
                    }
                    let x0 = (bx + start as f32 * module_w) * sheet.s;
                    let x1 = (bx + c as f32 * module_w) * sheet.s;
                    raster::fill_rect(&mut sheet.img, x0, y0, x1, y1, [15, 15, 20], 1.0);
                } else {
                    c += 1;
                }
            }
        }
    }
    sheet.text(
        Face::Sans,
        0.9,
        4.0,
        41.0,
        Align::Left,
        CAPTION,
        Some(78.0),
        inputs.discriminator,
    );
    microtext(
        &mut sheet,
        3.0,
        44.0,
        79.0,
        &format!("{} DRIVER LICENSE ", state.name),
        dark(tint, 0.2),
    );
    specimen_mark(&mut sheet, [60.0, 47.5], 3.5, 0.0, 0.6);
    grain(&mut sheet.img, rng, 2.0);
    Ok(sheet.img)
}

/// An open passport booklet around the data page: the cover's edge, the facing page (a visa
/// page, sometimes stamped) above the data page, the page block and the shading of the fold.
/// Returns the booklet and the data page's corners in it.
pub(crate) fn booklet(
    page: &RgbaImage,
    drawn: &Drawn,
    px_per_mm: f32,
    fonts: &Fonts,
    rng: &mut Rng,
) -> (RgbaImage, [[f32; 2]; 4]) {
    let tint = drawn.country.map(|c| c.tint).unwrap_or([120, 120, 150]);
    let s = px_per_mm;
    let margin = (rng.range(1.8, 3.2) * s).round();
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let (bw, bh) = (
        (pw + 2.0 * margin).round() as u32,
        (2.0 * ph + 2.0 * margin).round() as u32,
    );
    let covers: [[u8; 3]; 4] = [[96, 24, 36], [24, 34, 72], [24, 58, 44], [32, 30, 32]];
    let cover = covers[rng.index(covers.len())];
    // The facing page.
    let mut facing = Sheet::new(Kind::Passport, s, [246, 243, 234], fonts);
    guilloche(&mut facing, [tint[1], tint[2], tint[0]], tint, rng, 0.8);
    emblem(
        &mut facing,
        [62.5, 44.0],
        50.0,
        dark(tint, 0.1),
        0.08,
        rng.next_u64(),
    );
    facing.text(
        Face::Sans,
        1.4,
        62.5,
        8.0,
        Align::Centre,
        dark(tint, 0.4),
        Some(100.0),
        "OBSERVATIONS  ·  REMARKS",
    );
    facing.text(
        Face::Bold,
        1.6,
        118.0,
        83.0,
        Align::Right,
        dark(tint, 0.4),
        None,
        &rng.int(2, 5).to_string(),
    );
    if rng.chance(0.4) {
        // An entry stamp.
        let c = [rng.range(30.0, 95.0) * s, rng.range(25.0, 65.0) * s];
        let r = rng.range(11.0, 15.0) * s;
        let ink = [[40u8, 60, 140], [150, 40, 60], [40, 110, 70]][rng.index(3)];
        let ring: Vec<[f32; 2]> = (0..=72)
            .map(|i| {
                let a = i as f32 / 72.0 * std::f32::consts::TAU;
                [c[0] + r * a.cos(), c[1] + r * a.sin()]
            })
            .collect();
        raster::stroke_polyline(&mut facing.img, &ring, 0.5 * s, ink, 0.55);
        let inner: Vec<[f32; 2]> = ring
            .iter()
            .map(|p| [c[0] + (p[0] - c[0]) * 0.8, c[1] + (p[1] - c[1]) * 0.8])
            .collect();
        raster::stroke_polyline(&mut facing.img, &inner, 0.3 * s, ink, 0.5);
        let font = fonts.bold.clone();
        let size = raster::size_for_cap_height(&font, 2.2 * s);
        let date = format!(
            "{:02} {:02} {}",
            rng.int(1, 28),
            rng.int(1, 12),
            drawn.identity.issue_date.year()
        );
        let mask = raster::text_mask(&font, size, 0.0, &date);
        raster::draw_mask_rotated(
            &mut facing.img,
            &mask,
            c,
            rng.range(-0.4, 0.4),
            1.0,
            ink,
            0.6,
        );
    }
    grain(&mut facing.img, rng, 2.0);
    let mut out = RgbaImage::new(bw, bh);
    let radius = 3.5 * s;
    let gutter = margin + ph;
    let bend = rng.range(4.0, 9.0) * s;
    for (x, y, p) in out.enumerate_pixels_mut() {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        let d = raster::rounded_rect_distance(fx, fy, 0.0, 0.0, bw as f32, bh as f32, radius);
        let cover_alpha = (0.5 - d).clamp(0.0, 1.0);
        // Cover: dark, slightly lighter at the very edge (the board's bevel).
        let bevel = if d > -0.6 * s { 1.25 } else { 1.0 };
        let mut c = cover.map(|v| f32::from(v) * bevel);
        let (u, v) = (fx - margin, fy - margin);
        let on_pages = u >= 0.0 && u < pw && v >= 0.0 && v < 2.0 * ph;
        if on_pages {
            // Pages sit at whole-pixel offsets: copy, no resampling.
            let (ui, vi) = (u as u32, v as u32);
            let px = if v < ph {
                let q = facing
                    .img
                    .get_pixel(
                        ui.min(facing.img.width() - 1),
                        vi.min(facing.img.height() - 1),
                    )
                    .0;
                [f32::from(q[0]), f32::from(q[1]), f32::from(q[2]), 255.0]
            } else {
                let q = page
                    .get_pixel(
                        ui.min(page.width() - 1),
                        (vi - page.height()).min(page.height() - 1),
                    )
                    .0;
                [
                    f32::from(q[0]),
                    f32::from(q[1]),
                    f32::from(q[2]),
                    f32::from(q[3]),
                ]
            };
            let a = px[3] / 255.0;
            // The page block: a few page edges along the outer sides.
            let edge_dist = u.min(pw - u).min(if v < ph { v } else { 2.0 * ph - v });
            let block = if edge_dist < 0.5 * s {
                0.9 - 0.06 * ((edge_dist / (0.12 * s)).floor() % 2.0)
            } else {
                1.0
            };
            // Shading of the fold: pages curve down into the gutter.
            let g = ((fy - gutter).abs() / bend).min(1.0);
            let fold = 0.72 + 0.28 * (1.0 - (1.0 - g).powi(2));
            for k in 0..3 {
                let pagec = px[k] * block * fold;
                c[k] = c[k] * (1.0 - a) + pagec * a;
            }
        }
        p.0 = [
            c[0].clamp(0.0, 255.0) as u8,
            c[1].clamp(0.0, 255.0) as u8,
            c[2].clamp(0.0, 255.0) as u8,
            (cover_alpha * 255.0) as u8,
        ];
    }
    let quad = [
        [margin, margin + ph],
        [margin + pw, margin + ph],
        [margin + pw, margin + 2.0 * ph],
        [margin, margin + 2.0 * ph],
    ];
    (out, quad)
}
