//! The glyph grid reader finds and reads the MRZ of flat specimen documents (rendered by
//! `kyc-specimen`) without the text models, upright and upside down, and never confirms a
//! reading the glyphs do not settle.

use std::sync::OnceLock;

use image::{Rgb, RgbImage, imageops};
use kyc_documents::mrz::ParseOptions;
use kyc_reading::ink::Ink;
use kyc_reading::mrz::{Directions, FoundMrz};
use kyc_reading::mrz_grid::read_mrz_grid;
use kyc_reading::ocrb::GlyphClassifier;
use kyc_specimen::{Kind, SpecimenRequest, render_flat};
use kyc_vision::plane::luma_plane;
use time::macros::date;

/// The side carrying the MRZ, on white, 1,280 pixels wide (as the reader straightens it).
fn mrz_side(kind: Kind, seed: u64) -> (RgbImage, Vec<String>) {
    let flat = render_flat(&SpecimenRequest::new(kind, seed, date!(2026 - 11 - 22))).unwrap();
    let side = flat.sides.last().unwrap();
    let (w, h) = side.image.dimensions();
    let rgb = side.on_white();
    let height = (h as f32 * 1280.0 / w as f32) as u32;
    let small = imageops::resize(&rgb, 1280, height, imageops::FilterType::Triangle);
    (small, flat.truth.mrz_lines)
}

/// The classifier, trained once for all tests.
fn classifier() -> &'static GlyphClassifier {
    static CLASSIFIER: OnceLock<GlyphClassifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| GlyphClassifier::new().unwrap())
}

fn read(picture: &RgbImage, directions: Directions) -> Option<FoundMrz> {
    let classifier = classifier();
    let options = ParseOptions {
        today: date!(2026 - 11 - 22),
    };
    let plane = luma_plane(picture, 1);
    read_mrz_grid(&plane, &Ink::of(&plane), classifier, &options, directions)
}

/// The lines of a confirmed, valid reading.
fn confirmed(found: &Option<FoundMrz>) -> Option<Vec<String>> {
    let found = found.as_ref()?;
    let report = found.report.as_ref()?;
    (found.complete() && report.valid).then(|| report.lines.clone())
}

#[test]
fn id_card_backs_are_read_exactly_and_confirmed() {
    for seed in 5..=8 {
        let (picture, truth) = mrz_side(Kind::IdCard, seed);
        let found = read(&picture, Directions::BothWays);
        assert_eq!(confirmed(&found), Some(truth), "seed {seed}");
    }
}

#[test]
fn passport_zones_are_read_exactly_or_left_unconfirmed() {
    let mut exact = 0;
    for seed in 1..=6 {
        let (picture, truth) = mrz_side(Kind::Passport, seed);
        let found = read(&picture, Directions::AsGiven);
        assert!(found.is_some(), "seed {seed}: no zone found");
        if let Some(lines) = confirmed(&found) {
            assert_eq!(lines, truth, "seed {seed}: a wrong MRZ was confirmed");
            exact += 1;
        }
    }
    assert!(exact >= 5, "only {exact} of 6 passports confirmed");
}

#[test]
fn an_upside_down_zone_is_read_the_right_way_round() {
    let (picture, truth) = mrz_side(Kind::IdCard, 6);
    let turned = imageops::rotate180(&picture);
    let found = read(&turned, Directions::BothWays);
    assert_eq!(confirmed(&found), Some(truth));
}

#[test]
fn a_blotted_glyph_is_never_confirmed() {
    let (mut picture, truth) = mrz_side(Kind::IdCard, 7);
    let found = read(&picture, Directions::AsGiven).expect("zone found");
    // Blot out the fourth character of the name line with a grey smear.
    let line = found.lines.last().unwrap();
    let [ux, uy] = line.row.direction;
    let start = [
        line.row.centre[0] - ux * line.row.length / 2.0,
        line.row.centre[1] - uy * line.row.length / 2.0,
    ];
    let at = line.positions[3];
    let (cx, cy) = (start[0] + ux * at, start[1] + uy * at);
    let half = line.row.height / 2.0;
    for y in (cy - half) as u32..(cy + half) as u32 {
        for x in (cx - half * 0.6) as u32..(cx + half * 0.6) as u32 {
            let v = if (x + y) % 3 == 0 { 40 } else { 150 };
            picture.put_pixel(x, y, Rgb([v, v, v]));
        }
    }
    let blotted = read(&picture, Directions::AsGiven);
    if let Some(lines) = confirmed(&blotted) {
        assert_ne!(
            lines[2], truth[2],
            "the blot was read as the letter under it"
        );
        panic!("a blotted name was confirmed: {lines:?}");
    }
}

#[test]
fn a_driving_licence_front_has_no_zone() {
    let (picture, truth) = mrz_side(Kind::DrivingLicence, 4);
    assert!(truth.is_empty());
    assert!(read(&picture, Directions::BothWays).is_none());
}
