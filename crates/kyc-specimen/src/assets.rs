//! The fonts and portrait photographs compiled into the library (see `assets/NOTICE.md` at the
//! repository root for their sources, licences and checksums).

use ab_glyph::FontRef;
use image::RgbImage;

use crate::SpecimenError;

const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const OCR_B: &[u8] = include_bytes!("../../../assets/fonts/OCRB.otf");

/// Public-domain head-and-shoulders photographs (300×400 JPEG).
const PORTRAITS: &[&[u8]] = &[
    include_bytes!("../../../assets/portraits/astronaut.jpg"),
    include_bytes!("../../../assets/portraits/grace_hopper.jpg"),
];

/// The three typefaces documents are printed with.
pub(crate) struct Fonts {
    /// DejaVu Sans: captions and most values.
    pub sans: FontRef<'static>,
    /// DejaVu Sans Bold: headers and names.
    pub bold: FontRef<'static>,
    /// OCR-B: machine-readable zones.
    pub ocrb: FontRef<'static>,
}

impl Fonts {
    pub(crate) fn load() -> Result<Fonts, SpecimenError> {
        let parse = |bytes: &'static [u8], name: &'static str| {
            FontRef::try_from_slice(bytes).map_err(|_| SpecimenError::Asset(name))
        };
        Ok(Fonts {
            sans: parse(DEJAVU_SANS, "DejaVuSans.ttf")?,
            bold: parse(DEJAVU_SANS_BOLD, "DejaVuSans-Bold.ttf")?,
            ocrb: parse(OCR_B, "OCRB.otf")?,
        })
    }
}

/// How many portraits there are to choose from.
pub(crate) fn portrait_count() -> usize {
    PORTRAITS.len()
}

/// Decodes portrait `index` (modulo the number of portraits).
pub(crate) fn portrait(index: usize) -> Result<RgbImage, SpecimenError> {
    let bytes = PORTRAITS
        .get(index % PORTRAITS.len().max(1))
        .ok_or(SpecimenError::Asset("portrait"))?;
    image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
        .map(|img| img.to_rgb8())
        .map_err(|_| SpecimenError::Asset("portrait"))
}
