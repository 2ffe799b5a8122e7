//! The printed zone is read from flat specimen documents (rendered by `kyc-specimen`, put on
//! white and scaled to the 1,280-pixel reading width): a passport data page (captions above
//! values) and a US driving licence front (AAMVA numbered fields) give the identity printed.

use image::{RgbImage, imageops};
use kyc_reading::document::READING_WIDTH;
use kyc_reading::printed::{Expected, PrintedFields, read_printed};
use kyc_reading::text::{TextDetector, TextRecognizer};
use kyc_specimen::{Identity, Kind, Side, SpecimenRequest, render_flat};
use time::macros::date;

/// The front of a specimen, on white, [`READING_WIDTH`] wide, and its identity.
fn front(kind: Kind, seed: u64) -> (RgbImage, Identity) {
    let flat = render_flat(&SpecimenRequest::new(kind, seed, date!(2026 - 11 - 22))).unwrap();
    let side = flat.sides.iter().find(|s| s.side == Side::Front).unwrap();
    let (w, h) = side.image.dimensions();
    let rgb = side.on_white();
    let width = READING_WIDTH as u32;
    let height = (h as f32 * width as f32 / w as f32).round() as u32;
    let picture = imageops::resize(&rgb, width, height, imageops::FilterType::Triangle);
    (picture, flat.truth.identity)
}

/// The first seed from `from` whose names are plain ASCII (the recogniser reads no accents).
fn ascii_seed(kind: Kind, from: u64) -> u64 {
    (from..from + 50)
        .find(|&seed| {
            let id = kyc_specimen::truth(&SpecimenRequest::new(kind, seed, date!(2026 - 11 - 22)))
                .unwrap()
                .identity;
            id.surname_latin.is_none()
                && format!("{}{}", id.surname, id.given_names)
                    .chars()
                    .all(|c| c.is_ascii())
        })
        .unwrap()
}

fn read(picture: &RgbImage) -> PrintedFields {
    let detector = TextDetector::load().unwrap();
    let recognizer = TextRecognizer::load().unwrap();
    let boxes = detector.detect(picture).unwrap();
    read_printed(picture, &boxes, &recognizer, &Expected::nothing())
        .unwrap()
        .0
}

fn assert_identity(fields: &PrintedFields, identity: &Identity, what: &str) {
    let value = |f: &Option<kyc_reading::printed::ReadField<String>>| {
        f.as_ref().map(|f| f.value.replace(' ', ""))
    };
    let plain = |s: &str| Some(s.to_uppercase().replace(' ', ""));
    assert_eq!(
        value(&fields.surname),
        plain(&identity.surname),
        "{what} {fields:?}"
    );
    assert_eq!(
        value(&fields.given_names),
        plain(&identity.given_names),
        "{what} {fields:?}"
    );
    assert_eq!(
        value(&fields.document_number),
        plain(&identity.document_number),
        "{what} {fields:?}"
    );
    assert_eq!(
        fields.birth_date.as_ref().map(|f| f.value),
        Some(identity.birth_date),
        "{what} {fields:?}"
    );
    assert_eq!(
        fields.expiry_date.as_ref().map(|f| f.value),
        Some(identity.expiry_date),
        "{what} {fields:?}"
    );
    for field in [
        &fields.surname,
        &fields.given_names,
        &fields.document_number,
    ] {
        let field = field.as_ref().unwrap();
        assert!(
            field.confidence > 0.0 && field.confidence <= 1.0,
            "{field:?}"
        );
        assert!(!field.text.is_empty());
    }
}

#[test]
fn a_passport_data_page_is_read_by_its_captions() {
    let seed = ascii_seed(Kind::Passport, 1);
    let (picture, identity) = front(Kind::Passport, seed);
    let fields = read(&picture);
    assert_identity(&fields, &identity, &format!("passport seed {seed}"));
}

#[test]
fn a_driving_licence_front_is_read_by_its_field_numbers() {
    let seed = ascii_seed(Kind::DrivingLicence, 3);
    let (picture, identity) = front(Kind::DrivingLicence, seed);
    let fields = read(&picture);
    assert_identity(&fields, &identity, &format!("licence seed {seed}"));
    // Dates are written out as YYYY-MM-DD.
    let json = serde_json::to_value(&fields).unwrap();
    assert_eq!(
        json["birth_date"]["value"],
        serde_json::json!(format!(
            "{:04}-{:02}-{:02}",
            identity.birth_date.year(),
            u8::from(identity.birth_date.month()),
            identity.birth_date.day()
        ))
    );
}
