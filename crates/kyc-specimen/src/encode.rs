//! Encoding pictures: JPEG with a minimal camera EXIF segment (written here, byte by byte), and
//! PNG for screenshots.

use image::{ExtendedColorType, ImageEncoder, RgbImage};

use crate::{CameraInfo, SpecimenError};

/// Encodes `img` as a baseline JPEG at `quality` with 4:2:0 chroma subsampling (as phone
/// cameras write), with an EXIF APP1 segment right after SOI when `camera` is given (the JFIF
/// APP0 segment is then left out, as phone cameras do).
pub(crate) fn jpeg(
    img: &RgbImage,
    quality: u8,
    camera: Option<&CameraInfo>,
) -> Result<Vec<u8>, SpecimenError> {
    let (w, h) = (
        u16::try_from(img.width())
            .map_err(|_| SpecimenError::Encode("image too wide for JPEG".into()))?,
        u16::try_from(img.height())
            .map_err(|_| SpecimenError::Encode("image too tall for JPEG".into()))?,
    );
    let mut out = Vec::with_capacity(img.as_raw().len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder
        .encode(img.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|err| SpecimenError::Encode(err.to_string()))?;
    let Some(camera) = camera else {
        return Ok(out);
    };
    if out.len() < 4 || out[0] != 0xFF || out[1] != 0xD8 {
        return Err(SpecimenError::Encode(
            "the JPEG encoder wrote no SOI marker".into(),
        ));
    }
    // Skip the JFIF APP0 segment if present.
    let mut rest = 2;
    if out.len() > 6 && out[2] == 0xFF && out[3] == 0xE0 {
        let len = usize::from(u16::from_be_bytes([out[4], out[5]]));
        rest = (4 + len).min(out.len());
    }
    let app1 = exif_segment(camera, img.width(), img.height())?;
    let mut file = Vec::with_capacity(out.len() + app1.len());
    file.extend_from_slice(&[0xFF, 0xD8]);
    file.extend_from_slice(&app1);
    file.extend_from_slice(&out[rest..]);
    Ok(file)
}

/// Encodes `img` as PNG (no metadata).
pub(crate) fn png(img: &RgbImage) -> Result<Vec<u8>, SpecimenError> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        ExtendedColorType::Rgb8,
    )
    .map_err(|err| SpecimenError::Encode(err.to_string()))?;
    Ok(out)
}

/// One IFD entry before layout.
enum Value {
    Ascii(Vec<u8>),
    Short(u16),
    Long(u32),
    Rational(u32, u32),
}

/// Builds a big-endian TIFF IFD at `offset` (from the TIFF header); returns its bytes. Values
/// longer than four bytes go right after the IFD.
fn ifd(entries: &[(u16, Value)], offset: u32, next: u32) -> Vec<u8> {
    let count = entries.len() as u32;
    let mut data_offset = offset + 2 + count * 12 + 4;
    let mut head = Vec::new();
    let mut data = Vec::new();
    head.extend_from_slice(&(count as u16).to_be_bytes());
    for (tag, value) in entries {
        head.extend_from_slice(&tag.to_be_bytes());
        match value {
            Value::Ascii(text) => {
                let mut bytes = text.clone();
                bytes.push(0);
                head.extend_from_slice(&2u16.to_be_bytes());
                head.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
                if bytes.len() <= 4 {
                    bytes.resize(4, 0);
                    head.extend_from_slice(&bytes);
                } else {
                    head.extend_from_slice(&data_offset.to_be_bytes());
                    if bytes.len() % 2 == 1 {
                        bytes.push(0);
                    }
                    data_offset += bytes.len() as u32;
                    data.extend_from_slice(&bytes);
                }
            }
            Value::Short(v) => {
                head.extend_from_slice(&3u16.to_be_bytes());
                head.extend_from_slice(&1u32.to_be_bytes());
                head.extend_from_slice(&v.to_be_bytes());
                head.extend_from_slice(&[0, 0]);
            }
            Value::Long(v) => {
                head.extend_from_slice(&4u16.to_be_bytes());
                head.extend_from_slice(&1u32.to_be_bytes());
                head.extend_from_slice(&v.to_be_bytes());
            }
            Value::Rational(n, d) => {
                head.extend_from_slice(&5u16.to_be_bytes());
                head.extend_from_slice(&1u32.to_be_bytes());
                head.extend_from_slice(&data_offset.to_be_bytes());
                data_offset += 8;
                data.extend_from_slice(&n.to_be_bytes());
                data.extend_from_slice(&d.to_be_bytes());
            }
        }
    }
    head.extend_from_slice(&next.to_be_bytes());
    head.extend_from_slice(&data);
    head
}

/// The APP1 segment: `Exif\0\0`, a TIFF header, IFD0 (Make, Model, Orientation, DateTime, a
/// pointer to the Exif IFD) and the Exif IFD (DateTimeOriginal, pixel dimensions).
fn exif_segment(camera: &CameraInfo, width: u32, height: u32) -> Result<Vec<u8>, SpecimenError> {
    let date = camera.date_time_original.as_bytes().to_vec();
    let ifd0_entries = |exif_offset: u32| {
        vec![
            (0x010F, Value::Ascii(camera.make.as_bytes().to_vec())),
            (0x0110, Value::Ascii(camera.model.as_bytes().to_vec())),
            (0x0112, Value::Short(camera.orientation)),
            (0x011A, Value::Rational(72, 1)),
            (0x011B, Value::Rational(72, 1)),
            (0x0128, Value::Short(2)),
            (0x0132, Value::Ascii(date.clone())),
            (0x8769, Value::Long(exif_offset)),
        ]
    };
    // Lay out IFD0 once to learn its size, then the Exif IFD after it.
    let probe = ifd(&ifd0_entries(0), 8, 0);
    let exif_offset = 8 + probe.len() as u32;
    let ifd0 = ifd(&ifd0_entries(exif_offset), 8, 0);
    let exif = ifd(
        &[
            (0x9003, Value::Ascii(date.clone())),
            (0xA002, Value::Long(width)),
            (0xA003, Value::Long(height)),
        ],
        exif_offset,
        0,
    );
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2A");
    tiff.extend_from_slice(&8u32.to_be_bytes());
    tiff.extend_from_slice(&ifd0);
    tiff.extend_from_slice(&exif);
    let length = 2 + 6 + tiff.len();
    let length =
        u16::try_from(length).map_err(|_| SpecimenError::Encode("EXIF segment too long".into()))?;
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    Ok(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_segment_is_well_formed() {
        let camera = CameraInfo {
            make: "Apple".into(),
            model: "iPhone 13".into(),
            date_time_original: "2026:11:22 10:11:12".into(),
            orientation: 1,
        };
        let img = RgbImage::from_pixel(16, 8, image::Rgb([120, 130, 140]));
        let bytes = jpeg(&img, 90, Some(&camera)).expect("encodes");
        assert_eq!(&bytes[0..4], &[0xFF, 0xD8, 0xFF, 0xE1]);
        assert_eq!(&bytes[6..12], b"Exif\0\0");
        let decoded = image::load_from_memory(&bytes).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (16, 8));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("iPhone 13") && text.contains("2026:11:22 10:11:12"));
    }
}
