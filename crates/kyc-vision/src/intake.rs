//! Intake: the first look at an uploaded file, before any check runs.
//!
//! In order, cheapest first, and each step refuses with a finding the applicant can act on:
//!
//! 1. size: more than `max_file_bytes` → `FILE_TOO_LARGE`; fewer than `min_file_bytes` →
//!    `FILE_UNREADABLE` (nothing that small holds a readable document photo);
//! 2. format, judged by the file's first bytes, never by its name: JPEG and PNG are accepted;
//!    anything else → `FILE_FORMAT_UNSUPPORTED`, with the format recognised when it is a common
//!    one (PDF, HEIC, WebP, GIF, BMP, TIFF) so support staff can say what was sent;
//! 3. dimensions, read from the header *before* decoding: more than `max_pixels` or a side longer
//!    than `max_side_px` → `FILE_UNREADABLE` (a decompression bomb never costs memory);
//! 4. decode with the same caps enforced by the decoder; a corrupt or truncated file →
//!    `FILE_UNREADABLE` (a JPEG must end its last scan with an end-of-image marker: decoders
//!    happily fill a cut-off photo with grey);
//! 5. EXIF: orientation is applied, and camera make, model, editing software and capture time
//!    are kept as evidence. GPS and serial numbers are never read.
//!
//! [`intake`] decodes to RGB, which the image checks need. [`intake_luma`] makes the same
//! checks and refusals but decodes luma only, which is all reading a document needs: a JPEG's
//! Y channel without its colour (no chroma transform, upsampling or colour conversion), a 12
//! MP photo in about 40 ms instead of 90.

use std::io::Cursor;

use image::{
    DynamicImage, GrayImage, ImageDecoder, ImageFormat as CodecFormat, ImageReader, Limits, Luma,
    RgbImage,
};
use kyc_core::policy::UploadRules;
use kyc_core::{Finding, ReasonCode};
use serde::Serialize;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

/// The formats kycd accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Jpeg,
    Png,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Png => "png",
        }
    }
}

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Accepted(ImageFormat),
    /// A recognised format that kycd does not accept (`"pdf"`, `"heic"`, ...).
    Other(&'static str),
    Unknown,
}

/// Recognises a file by its signature.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Accepted(ImageFormat::Jpeg);
    }
    if bytes.starts_with(PNG) {
        return Sniffed::Accepted(ImageFormat::Png);
    }
    let other = if bytes.starts_with(b"%PDF") {
        "pdf"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "gif"
    } else if bytes.starts_with(b"BM") {
        "bmp"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "tiff"
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        "webp"
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        match &bytes[8..12] {
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => "heic",
            b"avif" | b"avis" => "avif",
            _ => "iso-media",
        }
    } else if bytes.starts_with(&[0x00, 0x00, 0x00, 0x0C, b'j', b'P']) {
        "jpeg2000"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "zip"
    } else {
        return Sniffed::Unknown;
    };
    Sniffed::Other(other)
}

/// Facts read from EXIF that may help a reviewer: never GPS, never serial numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExifSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<String>,
    /// EXIF orientation (1–8) as found; 1 or absent means upright.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orientation: Option<u16>,
}

impl ExifSummary {
    /// Whether the file carried any of the fields above.
    pub fn is_empty(&self) -> bool {
        *self == ExifSummary::default()
    }
}

/// The file facts `kycd inspect` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileFacts {
    pub format: ImageFormat,
    pub bytes: u64,
    /// Width and height after EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    pub exif: ExifSummary,
}

/// An accepted, decoded, upright image, as 8-bit RGB (converted once, here, whatever the
/// file held: every check works on RGB).
#[derive(Clone, Debug)]
pub struct Accepted {
    pub facts: FileFacts,
    pub image: RgbImage,
}

/// An accepted, decoded, upright image, as 8-bit luma only: what reading a document needs.
/// A JPEG's luma is its Y channel, decoded without its colour (about half the time of a full
/// decode: no chroma transform, no upsampling, no colour conversion).
#[derive(Clone, Debug)]
pub struct AcceptedLuma {
    pub facts: FileFacts,
    pub image: GrayImage,
}

/// Checks, decodes and orients an upload. `Err` is the one finding that refuses it.
pub fn intake(bytes: &[u8], rules: &UploadRules) -> Result<Accepted, Finding> {
    let admitted = admit(bytes, rules)?;
    let mut image = DynamicImage::from_decoder(admitted.decoder)
        .map_err(|err| unreadable(decode_cause(&err)))?;
    image.apply_orientation(admitted.orientation);
    let image = match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        other => other.to_rgb8(),
    };
    let facts = admitted
        .facts
        .with_size(image.width(), image.height(), bytes);
    Ok(Accepted { facts, image })
}

/// [`intake`] for a reader that needs only luma: the same checks and refusals, the image
/// decoded as luma (Rec. 601, as the checks compute it from RGB) and oriented.
pub fn intake_luma(bytes: &[u8], rules: &UploadRules) -> Result<AcceptedLuma, Finding> {
    let admitted = admit(bytes, rules)?;
    let image = match admitted.facts.format {
        ImageFormat::Jpeg if admitted.colour_is_ycbcr_or_grey => {
            drop(admitted.decoder);
            let options = DecoderOptions::default()
                .jpeg_set_out_colorspace(ColorSpace::Luma)
                .set_max_width(rules.max_side_px as usize)
                .set_max_height(rules.max_side_px as usize);
            let mut decoder = JpegDecoder::new_with_options(Cursor::new(bytes), options);
            let pixels = decoder.decode().map_err(|_| unreadable("corrupt"))?;
            GrayImage::from_raw(admitted.width, admitted.height, pixels)
                .map(DynamicImage::ImageLuma8)
                .ok_or_else(|| unreadable("corrupt"))?
        }
        _ => DynamicImage::from_decoder(admitted.decoder)
            .map_err(|err| unreadable(decode_cause(&err)))?,
    };
    let mut image = match image {
        DynamicImage::ImageLuma8(_) => image,
        other => DynamicImage::ImageLuma8(rec601_luma(&other.to_rgb8())),
    };
    image.apply_orientation(admitted.orientation);
    let image = image.into_luma8();
    let facts = admitted
        .facts
        .with_size(image.width(), image.height(), bytes);
    Ok(AcceptedLuma { facts, image })
}

/// A file that passed every check before decoding, with its decoder ready.
struct Admitted<'a> {
    facts: FileFacts,
    decoder: Box<dyn ImageDecoder + 'a>,
    /// Stored size, before orientation.
    width: u32,
    height: u32,
    orientation: image::metadata::Orientation,
    /// A JPEG whose components are YCbCr or a single grey one (not CMYK or YCCK).
    colour_is_ycbcr_or_grey: bool,
}

impl FileFacts {
    fn with_size(mut self, width: u32, height: u32, bytes: &[u8]) -> FileFacts {
        self.width = width;
        self.height = height;
        self.exif = read_exif(bytes);
        self
    }
}

/// Steps 1 to 3: size, format, completeness and dimensions, refused with their finding.
fn admit<'a>(bytes: &'a [u8], rules: &UploadRules) -> Result<Admitted<'a>, Finding> {
    let size = bytes.len() as u64;
    if size > rules.max_file_bytes {
        return Err(Finding::new(ReasonCode::FileTooLarge)
            .with("bytes", size)
            .with("max_bytes", rules.max_file_bytes));
    }
    if size == 0 {
        return Err(unreadable("empty_file"));
    }
    let format = match sniff(bytes) {
        Sniffed::Accepted(format) => format,
        Sniffed::Other(name) => {
            return Err(Finding::new(ReasonCode::FileFormatUnsupported)
                .with("detected", name)
                .with("accepted", "jpeg, png"));
        }
        Sniffed::Unknown => {
            return Err(Finding::new(ReasonCode::FileFormatUnsupported)
                .with("detected", "unknown")
                .with("accepted", "jpeg, png"));
        }
    };
    if size < rules.min_file_bytes {
        return Err(unreadable("too_small")
            .with("bytes", size)
            .with("min_bytes", rules.min_file_bytes));
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(unreadable("truncated"));
    }

    let codec = match format {
        ImageFormat::Jpeg => CodecFormat::Jpeg,
        ImageFormat::Png => CodecFormat::Png,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), codec);
    let mut limits = Limits::default();
    limits.max_image_width = Some(rules.max_side_px);
    limits.max_image_height = Some(rules.max_side_px);
    // Decoded RGBA at 8 bits, plus the decoder's own working memory.
    limits.max_alloc = Some(rules.max_pixels.saturating_mul(4).saturating_add(64 << 20));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|err| unreadable(decode_cause(&err)))?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > rules.max_pixels || width > rules.max_side_px || height > rules.max_side_px {
        return Err(unreadable("dimensions_too_large")
            .with("width", width)
            .with("height", height)
            .with("max_pixels", rules.max_pixels));
    }
    if width == 0 || height == 0 {
        return Err(unreadable("empty_image"));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    // Three components are YCbCr (JFIF) or, rarely, RGB (Adobe transform 0): the luma
    // path's decoder converts either; four are CMYK or YCCK, left to the full decoder.
    let colour_is_ycbcr_or_grey = matches!(
        decoder.original_color_type(),
        image::ExtendedColorType::L8 | image::ExtendedColorType::Rgb8
    );
    Ok(Admitted {
        facts: FileFacts {
            format,
            bytes: size,
            width,
            height,
            exif: ExifSummary::default(),
        },
        decoder: Box::new(decoder),
        width,
        height,
        orientation,
        colour_is_ycbcr_or_grey,
    })
}

/// Rec. 601 luma of an RGB image, rounded (the weights the checks use).
fn rec601_luma(rgb: &RgbImage) -> GrayImage {
    GrayImage::from_fn(rgb.width(), rgb.height(), |x, y| {
        let [r, g, b] = rgb.get_pixel(x, y).0;
        let luma = (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b) + 128) >> 8;
        Luma([luma as u8])
    })
}

fn unreadable(cause: &str) -> Finding {
    Finding::new(ReasonCode::FileUnreadable).with("cause", cause)
}

fn decode_cause(err: &image::ImageError) -> &'static str {
    match err {
        image::ImageError::Limits(_) => "dimensions_too_large",
        image::ImageError::Unsupported(_) => "unsupported_variant",
        _ => "corrupt",
    }
}

/// A JPEG is complete when an end-of-image marker follows its last start-of-scan marker.
/// (Entropy-coded data escapes 0xFF as 0xFF 0x00, so a marker pair cannot occur inside it; an
/// embedded EXIF thumbnail ends before the main image's scans begin.)
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|pair| pair == [0xFF, 0xDA]);
    match last_scan {
        Some(start) => bytes
            .get(start..)
            .is_some_and(|rest| rest.windows(2).any(|pair| pair == [0xFF, 0xD9])),
        None => false,
    }
}

fn read_exif(bytes: &[u8]) -> ExifSummary {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return ExifSummary::default();
    };
    let text = |tag: exif::Tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .and_then(|field| match &field.value {
                exif::Value::Ascii(parts) => parts.first().map(|part| {
                    String::from_utf8_lossy(part)
                        .trim_matches(|c: char| c == '\0' || c.is_whitespace())
                        .chars()
                        .take(64)
                        .collect::<String>()
                }),
                _ => None,
            })
    };
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .and_then(|value| u16::try_from(value).ok());
    ExifSummary {
        make: text(exif::Tag::Make).filter(|s| !s.is_empty()),
        model: text(exif::Tag::Model).filter(|s| !s.is_empty()),
        software: text(exif::Tag::Software).filter(|s| !s.is_empty()),
        captured_at: text(exif::Tag::DateTimeOriginal).filter(|s| !s.is_empty()),
        orientation,
    }
}

#[cfg(test)]
mod tests;
