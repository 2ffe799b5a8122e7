//! What `assess` says about a picture in which no document outline can be found.

use image::{ImageFormat, Rgb, RgbImage};
use kyc_core::{Policy, ReasonCode};
use kyc_vision::{assess, intake};

/// A dark, slightly noisy surface with a bright round object on it: no straight outline to
/// find, and most of the picture is the dark surface.
fn dark_surface_with_a_bright_disc() -> Vec<u8> {
    let (width, height) = (1200u32, 900u32);
    let mut state = 12345u32;
    let image = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 9) as i32 - 4;
        let (dx, dy) = (x as f32 - 600.0, y as f32 - 450.0);
        let base = if dx * dx + dy * dy < 220.0 * 220.0 {
            225
        } else {
            60
        };
        let v = (base + noise).clamp(0, 255) as u8;
        Rgb([v, v, v])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, ImageFormat::Png)
        .expect("encodes");
    bytes.into_inner()
}

#[test]
fn without_a_document_a_dark_surface_is_not_called_too_dark() {
    let policy = Policy::default();
    let accepted = intake(&dark_surface_with_a_bright_disc(), &policy.upload).expect("accepted");
    let assessment = assess(&accepted, &policy.image);
    let codes: Vec<ReasonCode> = assessment.findings.iter().map(|f| f.code).collect();
    assert!(!assessment.document.found, "{:?}", assessment.document);
    assert!(codes.contains(&ReasonCode::DocumentNotFound), "{codes:?}");
    // The surface is dark, but what would be the document (the brightest thing) is well lit.
    assert!(
        assessment.metrics.brightness > 0.8,
        "{:?}",
        assessment.metrics
    );
    assert_eq!(assessment.metrics.dark_fraction, 0.0);
    assert!(!codes.contains(&ReasonCode::ImageTooDark), "{codes:?}");
}
