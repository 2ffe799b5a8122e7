//! The MRZ is read from flat specimen documents (rendered by `kyc-specimen`), upright and
//! upside down, exactly as printed.

use image::{Rgb, RgbImage, imageops};
use kyc_documents::mrz::ParseOptions;
use kyc_reading::mrz::{Directions, read_mrz};
use kyc_reading::text::{TextDetector, TextRecognizer};
use kyc_specimen::{Kind, SpecimenRequest, render_flat};
use time::macros::date;

/// The side carrying the MRZ, on white, about 1,200 pixels wide.
fn mrz_side(kind: Kind, seed: u64) -> (RgbImage, Vec<String>) {
    let flat = render_flat(&SpecimenRequest::new(kind, seed, date!(2026 - 11 - 22))).unwrap();
    let side = flat.sides.last().unwrap();
    let on_white = side.on_white();
    let (w, h) = on_white.dimensions();
    let mut rgb = RgbImage::from_pixel(w + 80, h + 80, Rgb([255, 255, 255]));
    imageops::overlay(&mut rgb, &on_white, 40, 40);
    let scale = 1200.0 / rgb.width() as f32;
    let small = imageops::resize(
        &rgb,
        1200,
        (rgb.height() as f32 * scale) as u32,
        imageops::FilterType::Triangle,
    );
    (small, flat.truth.mrz_lines)
}

/// The lines read and whether the zone is a valid MRZ (check digits, dates, country codes)
/// read without skipping a character.
fn read(picture: &RgbImage) -> Option<(Vec<String>, bool)> {
    let detector = TextDetector::load().unwrap();
    let recognizer = TextRecognizer::load().unwrap();
    let options = ParseOptions {
        today: date!(2026 - 11 - 22),
    };
    let boxes = detector.detect(picture).unwrap();
    let found = read_mrz(picture, &boxes, &recognizer, &options, Directions::BothWays).unwrap()?;
    let complete = found.complete();
    let report = found.report?;
    Some((report.lines.clone(), report.valid && complete))
}

#[test]
fn passport_data_pages_are_read_exactly_or_not_called_valid() {
    let mut exact = 0;
    for seed in 1..=4 {
        let (picture, truth) = mrz_side(Kind::Passport, seed);
        match read(&picture) {
            Some((lines, true)) => {
                assert_eq!(lines, truth, "seed {seed}: a wrong MRZ was called valid");
                exact += 1;
            }
            other => eprintln!("seed {seed}: not read as valid: {other:?}"),
        }
    }
    assert!(exact >= 3, "only {exact} of 4 passports read exactly");
}

#[test]
fn an_id_card_back_mrz_is_read_exactly() {
    let (picture, truth) = mrz_side(Kind::IdCard, 5);
    assert_eq!(read(&picture), Some((truth, true)));
}

#[test]
fn an_upside_down_mrz_is_read_exactly() {
    let (picture, truth) = mrz_side(Kind::Passport, 8);
    let turned = imageops::rotate180(&picture);
    assert_eq!(read(&turned), Some((truth, true)));
}

#[test]
fn a_driving_licence_front_has_no_mrz() {
    let (picture, truth) = mrz_side(Kind::DrivingLicence, 4);
    assert!(truth.is_empty());
    assert_eq!(read(&picture), None);
}
