//! # kyc-specimen — synthetic identity documents with known truth
//!
//! Tests, evaluations and benchmarks of kycd's image checks and document reading need document
//! photos whose every fact is known: who the holder is, what the MRZ and the barcode say, where
//! the document's corners are in the picture, and which defects (blur, glare, a photocopy...) the
//! picture has and how strong they are. Real documents cannot be shared; this crate draws them.
//!
//! ## Pipeline
//!
//! ```text
//! SpecimenRequest (kind, seed, today, defects, frame size)
//!   │
//!   ├─ identity   a holder from the issuer's name pool (German umlauts, Cyrillic, Turkish,
//!   │             Vietnamese, pinyin, romaji...), dates consistent with `today`, a document
//!   │             number in the issuer's format
//!   ├─ machine-readable data   MRZ lines via kyc_documents::mrz::write (ICAO transliteration);
//!   │             AAMVA payload via kyc_documents::aamva::write, encoded as PDF417 with rxing
//!   ├─ document   each side drawn flat at 300 dpi (physical sizes: TD3 page 125×88 mm, ID-1
//!   │             card 85.6×54 mm): guilloche, emblem, portrait, captions, MRZ in OCR-B,
//!   │             barcode, SPECIMEN overprint                       → render_flat()
//!   ├─ subject    passports: usually the open booklet (cover, facing page, fold shading)
//!   ├─ document defects   damage (crease, tear), photocopy (the copy on a sheet of paper)
//!   ├─ capture    a phone photo (textured table, perspective, rotation, contact shadow,
//!   │             light, vignetting, noise, defocus, JPEG + EXIF), or a screenshot (device UI,
//!   │             PNG), or a photo of a screen (pixel grid, moiré, bezel)
//!   └─ photo defects   blur, motion, glare, dark, shadow, low_resolution, cut_off
//!         → Specimen { images (encoded bytes + corners + defect parameters), truth }
//! ```
//!
//! ## Rules
//!
//! * **Deterministic.** Every random choice comes from one seeded generator (`Rng` in
//!   `rng.rs`), split into independent streams per stage, so a seed gives byte-identical images
//!   on every machine.
//! * **No I/O, no global state.** Fonts and portraits are compiled in (`include_bytes!`, see
//!   `assets/NOTICE.md`); "today" is a parameter; the caller writes the files.
//! * **No panics.** Every argument is checked; impossible requests are a [`SpecimenError`].
//! * **Labels say what was done.** Every defect applied is listed with its parameters, and the
//!   document's corners are given in image pixels (outside the frame when cut off).

mod assets;
mod background;
mod barcode;
mod capture;
mod document;
mod encode;
mod geometry;
mod identity;
mod labels;
mod raster;
mod rng;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use image::{Rgb, RgbImage, RgbaImage};
use kyc_documents::mrz::{self, MrzFormat, MrzInput};
use serde::Serialize;
use time::Date;

pub use identity::{Address, Identity, Sex};
use rng::Rng;

/// The kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    /// A TD3 passport data page (one side, two-line MRZ).
    #[serde(rename = "passport")]
    Passport,
    /// An ID-1 identity card: front with portrait, back with address and a TD1 MRZ.
    #[serde(rename = "id-card")]
    IdCard,
    /// A US driving licence: front with AAMVA-style fields, back with a PDF417 barcode.
    #[serde(rename = "driving-licence")]
    DrivingLicence,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Passport, Kind::IdCard, Kind::DrivingLicence];

    /// `passport`, `id-card` or `driving-licence`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Passport => "passport",
            Kind::IdCard => "id-card",
            Kind::DrivingLicence => "driving-licence",
        }
    }

    /// The sides this kind has (a passport data page has one).
    pub fn sides(self) -> &'static [Side] {
        match self {
            Kind::Passport => &[Side::Front],
            Kind::IdCard | Kind::DrivingLicence => &[Side::Front, Side::Back],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = SpecimenError;

    fn from_str(s: &str) -> Result<Kind, SpecimenError> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "passport" => Ok(Kind::Passport),
            "id-card" | "id" | "idcard" => Ok(Kind::IdCard),
            "driving-licence" | "driving-license" | "drivers-license" | "dl" => {
                Ok(Kind::DrivingLicence)
            }
            _ => Err(SpecimenError::InvalidRequest(format!(
                "unknown document kind {s:?}: expected passport, id-card or driving-licence"
            ))),
        }
    }
}

/// A side of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Front,
    Back,
}

impl Side {
    /// `front` or `back`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Front => "front",
            Side::Back => "back",
        }
    }
}

/// A defect that can be asked for. Several combine; none means a clean capture. Each applied
/// defect is reported in [`SpecimenImage::defects`] with the parameters drawn for it (listed
/// below; lengths in image pixels unless the name says otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Defect {
    /// Out of focus: half the time a disc (bokeh) kernel of radius 2σ, else a Gaussian (three
    /// box passes), over the document and the surface. `kernel` (`disc` or `gaussian`),
    /// `sigma_px` (2–6 px on a view of the document at most 1,000 px wide, scaled to the
    /// photo), `radius_px` (discs).
    Blur,
    /// Camera shake: a linear motion blur. `length_px` (8–24 px on a view of the document at
    /// most 1,000 px wide, scaled to the photo), `angle_deg`.
    Motion,
    /// Specular reflections: 1–3 saturated elliptical blobs with Gaussian falloff, on the
    /// document only. `count`, `centres_x`, `centres_y`, `radii_major_px`, `radii_minor_px`,
    /// `peak` (1.6–3: the core clips to white).
    Glare,
    /// Underexposure: exposure 0.2–0.4 and 3–7× the sensor noise. `exposure`, `noise_sigma`.
    Dark,
    /// A shadow edge across the document (half-plane, smoothstep edge). `darkness` (0.35–0.65),
    /// `softness_px`, `edge` (`hard`/`soft`), `covered_fraction` (of the document),
    /// `edge_point`, `edge_normal_deg`.
    Shadow,
    /// The document only 200–500 pixels wide, in a small frame (640×480 to 1280×720) or a
    /// small image in a screenshot. `document_width_px`, `frame`.
    LowResolution,
    /// The camera panned so one corner or one edge leaves the frame by 4–20 % of the
    /// document's width. `corners_outside`, `corner_indices` (0 = top-left, clockwise),
    /// `overshoot_px`.
    CutOff,
    /// A photocopy on a sheet of copier paper: greyscale (60 %) or washed-out colour, crushed
    /// tones, toner specks, paper fibres, maybe a halftone screen, drum streaks or an open lid,
    /// skewed. `saturation`, `black_point`, `white_point`, `gamma`, `skew_deg`,
    /// `toner_speck_density`, `halftone`, `lid`, `streaks`.
    Photocopy,
    /// A screenshot: the flat document in a phone photo viewer or a desktop window (status
    /// bar, toolbars, taskbar or menu bar) at an exact device resolution, PNG, no EXIF.
    /// `device`, `width`, `height`, `theme`, `zoom`.
    Screenshot,
    /// A photo of a screen showing the document: RGB sub-pixel stripes and row gaps
    /// integrated over each camera pixel (moiré), bezel, glass reflection, colour cast, glow,
    /// dim room. `device`, `display_px`, `bezel_px`, `colour_cast`, `subpixels`, `reflection`.
    Screen,
    /// A fold crease (highlight, groove, cracked ink) and a jagged tear into one edge.
    /// `crease_angle_deg`, `crease_position`, `crease_width_mm`, `tear_edge`, `tear_position`,
    /// `tear_depth_mm`, `tear_width_mm`.
    Damage,
}

impl Defect {
    /// Every defect.
    pub const ALL: [Defect; 11] = [
        Defect::Blur,
        Defect::Motion,
        Defect::Glare,
        Defect::Dark,
        Defect::Shadow,
        Defect::LowResolution,
        Defect::CutOff,
        Defect::Photocopy,
        Defect::Screenshot,
        Defect::Screen,
        Defect::Damage,
    ];

    /// The name used in labels and on the command line (`low_resolution`).
    pub fn name(self) -> &'static str {
        match self {
            Defect::Blur => "blur",
            Defect::Motion => "motion",
            Defect::Glare => "glare",
            Defect::Dark => "dark",
            Defect::Shadow => "shadow",
            Defect::LowResolution => "low_resolution",
            Defect::CutOff => "cut_off",
            Defect::Photocopy => "photocopy",
            Defect::Screenshot => "screenshot",
            Defect::Screen => "screen",
            Defect::Damage => "damage",
        }
    }

    /// Whether the defect belongs to a camera photo (and so cannot apply to a screenshot).
    pub fn needs_camera(self) -> bool {
        matches!(
            self,
            Defect::Blur
                | Defect::Motion
                | Defect::Glare
                | Defect::Dark
                | Defect::Shadow
                | Defect::CutOff
                | Defect::Screen
        )
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Defect {
    type Err = SpecimenError;

    fn from_str(s: &str) -> Result<Defect, SpecimenError> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        let key = match key.as_str() {
            "motion_blur" => "motion",
            "lowres" | "low_res" => "low_resolution",
            "cutoff" | "cut" => "cut_off",
            other => other,
        }
        .to_string();
        Defect::ALL
            .into_iter()
            .find(|d| d.name() == key)
            .ok_or_else(|| {
                let names: Vec<&str> = Defect::ALL.iter().map(|d| d.name()).collect();
                SpecimenError::InvalidRequest(format!(
                    "unknown defect {s:?}: expected clean, random or one of {}",
                    names.join(", ")
                ))
            })
    }
}

/// The size of the captured picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameSize {
    /// A common phone camera size drawn from the seed (4032×3024, 3264×2448, 4000×3000,
    /// 1920×1080...), landscape or portrait.
    Camera,
    /// Exactly this size (small sizes keep tests fast). Ignored by `screenshot`, which always
    /// uses an exact device resolution.
    Fixed { width: u32, height: u32 },
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecimenRequest {
    /// The kind of document.
    pub kind: Kind,
    /// The seed: the same request gives byte-identical images.
    pub seed: u64,
    /// The date the documents are made on: issue and expiry dates are drawn around it.
    pub today: Date,
    /// Defects to apply; empty for a clean capture. Duplicates are ignored.
    pub defects: Vec<Defect>,
    /// Make the document expired (expiry between a day and three years before `today`).
    pub expired: bool,
    /// Make the holder a minor (16–17 for a licence, 4–17 otherwise).
    pub minor: bool,
    /// Size of the captured picture.
    pub frame: FrameSize,
    /// Resolution of the flat document in pixels per millimetre (300 dpi ≈ 11.81).
    pub px_per_mm: f32,
}

impl SpecimenRequest {
    /// A clean, valid, adult specimen of `kind` at a phone camera size.
    pub fn new(kind: Kind, seed: u64, today: Date) -> SpecimenRequest {
        SpecimenRequest {
            kind,
            seed,
            today,
            defects: Vec::new(),
            expired: false,
            minor: false,
            frame: FrameSize::Camera,
            px_per_mm: DPI_300,
        }
    }
}

/// 300 dots per inch in pixels per millimetre.
pub const DPI_300: f32 = 300.0 / 25.4;

/// How an image is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Jpeg,
    Png,
}

impl ImageFormat {
    /// `jpg` or `png`.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
        }
    }
}

/// A defect parameter value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Int(i64),
    Number(f64),
    Numbers(Vec<f64>),
    Text(String),
}

impl From<f32> for Param {
    fn from(v: f32) -> Param {
        // Round through a decimal string so labels read 0.35, not 0.3499999940395355.
        Param::Number(format!("{v:.4}").parse().unwrap_or(f64::from(v)))
    }
}

impl From<Vec<f32>> for Param {
    fn from(v: Vec<f32>) -> Param {
        Param::Numbers(
            v.into_iter()
                .map(|x| format!("{x:.2}").parse().unwrap_or(f64::from(x)))
                .collect(),
        )
    }
}

impl From<u32> for Param {
    fn from(v: u32) -> Param {
        Param::Int(i64::from(v))
    }
}

impl From<&str> for Param {
    fn from(v: &str) -> Param {
        Param::Text(v.to_string())
    }
}

/// A defect as applied to one image, with the parameters drawn for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedDefect {
    pub name: Defect,
    pub params: BTreeMap<&'static str, Param>,
}

impl AppliedDefect {
    pub(crate) fn new(name: Defect) -> AppliedDefect {
        AppliedDefect {
            name,
            params: BTreeMap::new(),
        }
    }

    pub(crate) fn with(mut self, key: &'static str, value: impl Into<Param>) -> AppliedDefect {
        self.params.insert(key, value.into());
        self
    }
}

/// Camera facts written into the JPEG's EXIF (none for screenshots).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CameraInfo {
    pub make: String,
    pub model: String,
    /// `YYYY:MM:DD HH:MM:SS`, as EXIF writes it.
    pub date_time_original: String,
    /// EXIF orientation (always 1: the pixels are stored upright).
    pub orientation: u16,
}

/// One encoded picture of one side.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecimenImage {
    pub side: Side,
    pub format: ImageFormat,
    /// The encoded file (JPEG or PNG).
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The document's corners in image pixels, clockwise from the document's own top-left
    /// (top-left, top-right, bottom-right, bottom-left as printed). May lie outside the frame
    /// when the document is cut off.
    pub document_corners: [[f32; 2]; 4],
    /// The defects applied to this picture with their parameters.
    pub defects: Vec<AppliedDefect>,
    /// EXIF camera facts, when written.
    pub camera: Option<CameraInfo>,
    /// How the picture was taken: `mode` (`photo`, `screenshot`, `screen`), `surface`,
    /// `roll_deg`, `pitch_deg`, `yaw_deg`, `jpeg_quality`, `booklet`...
    pub capture: BTreeMap<&'static str, Param>,
}

/// What the specimen says, for comparing with what a reader finds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Truth {
    pub kind: Kind,
    pub seed: u64,
    pub identity: Identity,
    /// The MRZ lines printed (empty for driving licences).
    pub mrz_lines: Vec<String>,
    /// The AAMVA text in the PDF417 barcode (driving licences only).
    pub barcode_payload: Option<String>,
    /// The defects asked for.
    pub requested_defects: Vec<Defect>,
}

/// A generated specimen: one picture per side, and the truth.
#[derive(Clone, Debug, PartialEq)]
pub struct Specimen {
    pub images: Vec<SpecimenImage>,
    pub truth: Truth,
}

/// One flat side, before any capture: RGBA (alpha = the document's outline).
#[derive(Clone, Debug, PartialEq)]
pub struct FlatSide {
    pub side: Side,
    pub image: RgbaImage,
}

impl FlatSide {
    /// The side laid on white paper: RGB, what lies outside the outline white.
    pub fn on_white(&self) -> RgbImage {
        let (w, h) = self.image.dimensions();
        let mut rgb = RgbImage::from_pixel(w, h, Rgb([255, 255, 255]));
        for (x, y, p) in self.image.enumerate_pixels() {
            let a = f32::from(p[3]) / 255.0;
            let mix = |c: u8| (f32::from(c) * a + 255.0 * (1.0 - a)).round() as u8;
            rgb.put_pixel(x, y, Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
        }
        rgb
    }
}

/// The flat renderings of a specimen and its truth.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatSpecimen {
    pub sides: Vec<FlatSide>,
    pub truth: Truth,
}

/// Why a specimen could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpecimenError {
    #[error("{0}")]
    InvalidRequest(String),
    #[error("defects {0} and {1} cannot be combined")]
    Incompatible(Defect, Defect),
    #[error("embedded asset {0} could not be read")]
    Asset(&'static str),
    #[error("the MRZ could not be written: {0}")]
    Mrz(String),
    #[error("the barcode could not be made: {0}")]
    Barcode(String),
    #[error("the image could not be encoded: {0}")]
    Encode(String),
    #[error("internal error: {0}")]
    Internal(&'static str),
}

/// A realistic mix of defects for `seed`, as uploads show them: about a third clean, most of
/// the rest one defect, some two. The mix never combines incompatible defects.
pub fn random_defects(seed: u64) -> Vec<Defect> {
    let mut rng = Rng::new(seed).fork("random-defects");
    const WEIGHTS: [(Defect, u32); 11] = [
        (Defect::Blur, 14),
        (Defect::Motion, 7),
        (Defect::Glare, 14),
        (Defect::Dark, 8),
        (Defect::Shadow, 10),
        (Defect::LowResolution, 8),
        (Defect::CutOff, 10),
        (Defect::Photocopy, 6),
        (Defect::Screenshot, 6),
        (Defect::Screen, 6),
        (Defect::Damage, 6),
    ];
    let draw_one = |rng: &mut Rng| {
        let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
        let mut ticket = rng.int(0, i64::from(total) - 1) as u32;
        for (defect, weight) in WEIGHTS {
            if ticket < weight {
                return defect;
            }
            ticket -= weight;
        }
        Defect::Blur
    };
    let count = match rng.unit() {
        u if u < 0.35 => 0,
        u if u < 0.8 => 1,
        _ => 2,
    };
    let mut defects: Vec<Defect> = Vec::new();
    for _ in 0..count * 4 {
        if defects.len() == count {
            break;
        }
        let d = draw_one(&mut rng);
        let mut candidate = defects.clone();
        candidate.push(d);
        if !defects.contains(&d) && check_combination(&candidate).is_ok() {
            defects = candidate;
        }
    }
    defects.sort();
    defects
}

/// Checks a request: the resolution, the frame size and the defect combination.
fn validate(request: &SpecimenRequest) -> Result<Vec<Defect>, SpecimenError> {
    if !(request.px_per_mm.is_finite() && (2.0..=40.0).contains(&request.px_per_mm)) {
        return Err(SpecimenError::InvalidRequest(format!(
            "px_per_mm must be between 2 and 40 (300 dpi = {DPI_300:.2}), not {}",
            request.px_per_mm
        )));
    }
    if !(1950..=2200).contains(&request.today.year()) {
        return Err(SpecimenError::InvalidRequest(format!(
            "today must be a date between 1950 and 2200, not {}",
            request.today
        )));
    }
    if let FrameSize::Fixed { width, height } = request.frame
        && (!(64..=10_000).contains(&width) || !(64..=10_000).contains(&height))
    {
        return Err(SpecimenError::InvalidRequest(format!(
            "frame size must be 64 to 10000 pixels per side, not {width}×{height}"
        )));
    }
    check_combination(&request.defects)
}

/// Sorts and deduplicates `defects` and checks that they can be combined: a screenshot has no
/// camera defects, and a photo of a screen shows no photocopy.
pub fn check_combination(defects: &[Defect]) -> Result<Vec<Defect>, SpecimenError> {
    let mut defects = defects.to_vec();
    defects.sort();
    defects.dedup();
    if defects.contains(&Defect::Screenshot)
        && let Some(d) = defects.iter().find(|d| d.needs_camera())
    {
        return Err(SpecimenError::Incompatible(Defect::Screenshot, *d));
    }
    if defects.contains(&Defect::Screen) && defects.contains(&Defect::Photocopy) {
        return Err(SpecimenError::Incompatible(
            Defect::Screen,
            Defect::Photocopy,
        ));
    }
    Ok(defects)
}

/// Everything drawn before rendering: identity, MRZ, barcode, portrait style.
struct Prepared {
    drawn: identity::Drawn,
    truth: Truth,
    barcode_rows: Option<Vec<Vec<bool>>>,
    portrait: document::PortraitStyle,
    discriminator: String,
}

fn prepare(
    request: &SpecimenRequest,
    defects: &[Defect],
    root: &Rng,
) -> Result<Prepared, SpecimenError> {
    let mut rng = root.fork("identity");
    let drawn = identity::draw(
        &mut rng,
        identity::IdentityOptions {
            kind: request.kind,
            today: request.today,
            expired: request.expired,
            minor: request.minor,
        },
    );
    let id = &drawn.identity;
    let mrz_lines = match request.kind {
        Kind::DrivingLicence => Vec::new(),
        kind => {
            let country = id.issuing_country.as_str();
            let (format, code) = match kind {
                Kind::Passport => (MrzFormat::Td3, "P"),
                _ => (
                    MrzFormat::Td1,
                    match country {
                        "PRT" | "NLD" | "TUR" => "I",
                        "ITA" => "CI",
                        _ => "ID",
                    },
                ),
            };
            let input = MrzInput {
                document_code: code.to_string(),
                issuing_state: country.to_string(),
                surname: identity::fold_for_mrz(&id.surname, country),
                given_names: identity::fold_for_mrz(&id.given_names, country),
                document_number: id.document_number.clone(),
                nationality: id.nationality.clone(),
                birth_date: Some(id.birth_date),
                sex: match id.sex {
                    Sex::Male => mrz::Sex::Male,
                    Sex::Female => mrz::Sex::Female,
                },
                expiry_date: Some(id.expiry_date),
                ..MrzInput::default()
            };
            mrz::write(&input, format).map_err(|err| SpecimenError::Mrz(err.to_string()))?
        }
    };
    let discriminator = identity::fill_pattern(&mut rng, "99999999999999999999");
    let (barcode_payload, barcode_rows) = match request.kind {
        Kind::DrivingLicence => {
            let payload = barcode::aamva_payload(&drawn, &discriminator)?;
            let rows = barcode::pdf417_modules(&payload)?;
            (Some(payload), Some(rows))
        }
        _ => (None, None),
    };
    let portrait = document::PortraitStyle::draw(&mut root.fork("portrait"), request.kind);
    let truth = Truth {
        kind: request.kind,
        seed: request.seed,
        identity: drawn.identity.clone(),
        mrz_lines,
        barcode_payload,
        requested_defects: defects.to_vec(),
    };
    Ok(Prepared {
        drawn,
        truth,
        barcode_rows,
        portrait,
        discriminator,
    })
}

fn render_sides(
    request: &SpecimenRequest,
    prepared: &Prepared,
    root: &Rng,
) -> Result<Vec<FlatSide>, SpecimenError> {
    let fonts = assets::Fonts::load()?;
    let mut sides = Vec::new();
    for &side in request.kind.sides() {
        let inputs = document::SideInputs {
            kind: request.kind,
            side,
            drawn: &prepared.drawn,
            mrz_lines: &prepared.truth.mrz_lines,
            barcode: prepared.barcode_rows.as_deref(),
            portrait: prepared.portrait,
            px_per_mm: request.px_per_mm,
            discriminator: &prepared.discriminator,
        };
        let mut rng = root.fork(side.name()).fork("document");
        let image = document::render_side(&inputs, &fonts, &mut rng)?;
        sides.push(FlatSide { side, image });
    }
    Ok(sides)
}

/// Draws the identity, the MRZ and the barcode payload only (no images): what [`generate`] would
/// put in [`Specimen::truth`] for the same request.
pub fn truth(request: &SpecimenRequest) -> Result<Truth, SpecimenError> {
    let defects = validate(request)?;
    let root = Rng::new(request.seed);
    Ok(prepare(request, &defects, &root)?.truth)
}

/// Draws the identity and renders every side flat (no capture, no defects): the document as
/// printed, RGBA with the outline in alpha.
pub fn render_flat(request: &SpecimenRequest) -> Result<FlatSpecimen, SpecimenError> {
    let defects = validate(request)?;
    let root = Rng::new(request.seed);
    let prepared = prepare(request, &defects, &root)?;
    let sides = render_sides(request, &prepared, &root)?;
    Ok(FlatSpecimen {
        sides,
        truth: prepared.truth,
    })
}

/// Generates a specimen: every side captured as asked, encoded, with its labels.
pub fn generate(request: &SpecimenRequest) -> Result<Specimen, SpecimenError> {
    let defects = validate(request)?;
    let root = Rng::new(request.seed);
    let prepared = prepare(request, &defects, &root)?;
    let sides = render_sides(request, &prepared, &root)?;
    let mut images = Vec::new();
    let fonts = assets::Fonts::load()?;
    for flat in sides {
        let side_rng = root.fork(flat.side.name());
        let full = geometry::rect_corners(flat.image.width() as f32, flat.image.height() as f32);
        // Most passport photos show the open booklet; some only the data page.
        let (subject, quad) =
            if request.kind == Kind::Passport && side_rng.fork("booklet").chance(0.8) {
                document::booklet(
                    &flat.image,
                    &prepared.drawn,
                    request.px_per_mm,
                    &fonts,
                    &mut side_rng.fork("booklet-pages"),
                )
            } else {
                (flat.image, full)
            };
        let mut rng = side_rng.fork("capture");
        let shot = capture::capture(&subject, quad, request, &defects, &fonts, &mut rng)?;
        images.push(SpecimenImage {
            side: flat.side,
            format: shot.format,
            bytes: shot.bytes,
            width: shot.width,
            height: shot.height,
            document_corners: shot.corners,
            defects: shot.defects,
            camera: shot.camera,
            capture: shot.info,
        });
    }
    Ok(Specimen {
        images,
        truth: prepared.truth,
    })
}
