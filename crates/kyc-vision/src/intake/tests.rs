use super::*;
use image::{ImageEncoder, Rgb, RgbImage};
use kyc_core::Policy;

fn rules() -> UploadRules {
    Policy::default().upload
}

/// A textured test picture (so JPEG files are of a realistic size).
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let v = ((x * 7 + y * 13) % 251) as u8;
        Rgb([v, v.wrapping_mul(3), 255 - v])
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// Inserts an EXIF APP1 segment (Make, Orientation) right after the JPEG's SOI marker.
fn with_exif(jpeg: &[u8], orientation: u16, make: &str) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entries = 2u16;
    tiff.extend_from_slice(&entries.to_le_bytes());
    let make_offset = 8 + 2 + 12 * u32::from(entries) + 4;
    let make_bytes = [make.as_bytes(), b"\0"].concat();
    // Make (0x010F), ASCII, stored at make_offset.
    tiff.extend_from_slice(&0x010Fu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(make_bytes.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&make_offset.to_le_bytes());
    // Orientation (0x0112), SHORT, inline.
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&make_bytes);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn accepts_jpeg_and_png_by_content() {
    let image = picture(320, 200);
    for (bytes, format) in [
        (jpeg(&image), ImageFormat::Jpeg),
        (png(&image), ImageFormat::Png),
    ] {
        let accepted = intake(&bytes, &rules()).expect("accepted");
        assert_eq!(accepted.facts.format, format);
        assert_eq!((accepted.facts.width, accepted.facts.height), (320, 200));
        assert_eq!(accepted.facts.bytes, bytes.len() as u64);
    }
}

#[test]
fn refuses_other_formats_and_names_them() {
    let cases: [(&[u8], &str); 5] = [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "heic"),
        (b"RIFF\x10\0\0\0WEBPVP8 ", "webp"),
        (b"GIF89a\x01\0\x01\0", "gif"),
        (b"just some text that is not an image at all", "unknown"),
    ];
    for (bytes, detected) in cases {
        let finding = intake(bytes, &rules()).unwrap_err();
        assert_eq!(
            finding.code,
            ReasonCode::FileFormatUnsupported,
            "{detected}"
        );
        assert_eq!(finding.evidence["detected"], detected);
    }
}

#[test]
fn refuses_files_over_the_limit_before_looking_inside() {
    let mut rules = rules();
    rules.max_file_bytes = 10_000;
    let bytes = vec![0u8; 10_001];
    let finding = intake(&bytes, &rules).unwrap_err();
    assert_eq!(finding.code, ReasonCode::FileTooLarge);
    assert_eq!(finding.evidence["bytes"], 10_001);
    assert_eq!(finding.evidence["max_bytes"], 10_000);
}

#[test]
fn refuses_empty_tiny_and_truncated_files() {
    assert_eq!(
        intake(&[], &rules()).unwrap_err().code,
        ReasonCode::FileUnreadable
    );
    let full = jpeg(&picture(640, 480));
    let tiny = &full[..200];
    assert_eq!(
        intake(tiny, &rules()).unwrap_err().evidence["cause"],
        "too_small"
    );
    let truncated = &full[..full.len() * 2 / 3];
    let finding = intake(truncated, &rules()).unwrap_err();
    assert_eq!(finding.code, ReasonCode::FileUnreadable);
    assert_eq!(finding.evidence["cause"], "truncated");
    let png = png(&picture(640, 480));
    let finding = intake(&png[..png.len() / 2], &rules()).unwrap_err();
    assert_eq!(finding.code, ReasonCode::FileUnreadable);
}

#[test]
fn refuses_corrupt_data_behind_a_valid_signature() {
    let mut bytes = jpeg(&picture(300, 300));
    for byte in bytes.iter_mut().skip(20).take(600) {
        *byte = 0x5A;
    }
    let finding = intake(&bytes, &rules()).unwrap_err();
    assert_eq!(finding.code, ReasonCode::FileUnreadable);
}

#[test]
fn refuses_decompression_bombs_from_the_header() {
    // A PNG whose header claims 60000 x 60000 pixels: refused before any pixel is decoded.
    let mut bytes = png(&picture(16, 16));
    bytes[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    // Fix the IHDR CRC so the header itself is well-formed.
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    let mut padded = bytes.clone();
    padded.resize(4096, 0);
    let finding = intake(&padded, &rules()).unwrap_err();
    assert_eq!(finding.code, ReasonCode::FileUnreadable);
    assert_eq!(finding.evidence["cause"], "dimensions_too_large");

    let mut rules = rules();
    rules.max_pixels = 100 * 100;
    let finding = intake(&jpeg(&picture(200, 200)), &rules).unwrap_err();
    assert_eq!(finding.evidence["cause"], "dimensions_too_large");
}

#[test]
fn applies_exif_orientation_and_keeps_camera_facts() {
    let bytes = with_exif(&jpeg(&picture(400, 240)), 6, "Canon");
    let accepted = intake(&bytes, &rules()).expect("accepted");
    assert_eq!(accepted.facts.exif.orientation, Some(6));
    assert_eq!(accepted.facts.exif.make.as_deref(), Some("Canon"));
    // Orientation 6 = rotate 90° clockwise: width and height swap.
    assert_eq!((accepted.facts.width, accepted.facts.height), (240, 400));
}

#[test]
fn luma_intake_refuses_what_intake_refuses() {
    let bytes = jpeg(&picture(320, 200));
    let truncated = &bytes[..bytes.len() / 2];
    for bad in [
        &[][..],
        truncated,
        b"%PDF-1.7 not an image at all, padded to pass the minimum size",
    ] {
        let full = intake(bad, &rules()).unwrap_err();
        let luma = intake_luma(bad, &rules()).unwrap_err();
        assert_eq!((full.code, &full.evidence), (luma.code, &luma.evidence));
    }
}

#[test]
fn luma_intake_is_the_luma_of_the_full_decode_turned_the_same_way() {
    let image = picture(400, 240);
    for bytes in [
        with_exif(&jpeg(&image), 6, "Canon"),
        jpeg(&image),
        png(&image),
    ] {
        let full = intake(&bytes, &rules()).expect("accepted");
        let luma = intake_luma(&bytes, &rules()).expect("accepted");
        assert_eq!(luma.facts, full.facts);
        assert_eq!(luma.image.dimensions(), full.image.dimensions());
        // The JPEG's Y channel and the luma of its decoded RGB differ by rounding, and where
        // the RGB was clipped (saturated colours, chroma upsampled across an edge).
        let differences: Vec<f32> = luma
            .image
            .pixels()
            .zip(full.image.pixels())
            .map(|(l, rgb)| {
                let [r, g, b] = rgb.0.map(f32::from);
                (f32::from(l.0[0]) - (0.299 * r + 0.587 * g + 0.114 * b)).abs()
            })
            .collect();
        let mean = differences.iter().sum::<f32>() / differences.len() as f32;
        let worst = differences.iter().copied().fold(0.0, f32::max);
        assert!(
            mean <= 1.0 && worst <= 16.0,
            "luma differs by {mean} on average, {worst} at most"
        );
    }
}

#[test]
fn missing_exif_is_empty() {
    let accepted = intake(&png(&picture(100, 100)), &rules()).unwrap();
    assert!(accepted.facts.exif.is_empty());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = intake(&bytes, &rules());
            let _ = intake_luma(&bytes, &rules());
        }

        #[test]
        fn never_panics_on_mutated_images(seed in any::<u64>(), flips in 1usize..40) {
            let mut bytes = jpeg(&picture(64, 48));
            let mut state = seed | 1;
            for _ in 0..flips {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                let index = (state as usize) % bytes.len();
                bytes[index] = (state >> 32) as u8;
            }
            if let Ok(accepted) = intake(&bytes, &rules()) {
                prop_assert!(accepted.facts.width > 0 && accepted.facts.height > 0);
            }
            if let Ok(accepted) = intake_luma(&bytes, &rules()) {
                prop_assert_eq!(accepted.image.dimensions(), (accepted.facts.width, accepted.facts.height));
            }
        }
    }
}
