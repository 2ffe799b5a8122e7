//! Specimens and declared data shared by the engine's image tests.
#![allow(dead_code)]

use kyc_engine::Level1;
use kyc_specimen::{Defect, FrameSize, Kind, Specimen, SpecimenRequest};
use time::Date;
use time::macros::date;

/// The day the specimens are made and verified on.
pub const TODAY: Date = date!(2026 - 01 - 15);

/// A public-domain portrait (the one the specimen generator prints on documents), standing in
/// for a selfie: kyc-specimen does not expose its portraits, so the test reads the asset.
pub const SELFIE: &[u8] = include_bytes!("../../../../assets/portraits/grace_hopper.jpg");

/// A specimen photographed at `width`×`height` (small frames keep the tests fast; the
/// document must still be 600 px wide for the default policy).
pub fn specimen(
    kind: Kind,
    seed: u64,
    size: (u32, u32),
    defects: &[Defect],
    expired: bool,
) -> Specimen {
    let mut request = SpecimenRequest::new(kind, seed, TODAY);
    request.frame = FrameSize::Fixed {
        width: size.0,
        height: size.1,
    };
    request.defects = defects.to_vec();
    request.expired = expired;
    kyc_specimen::generate(&request).expect("specimen")
}

/// What the holder would declare: the specimen's identity, Latin names.
pub fn declared(specimen: &Specimen) -> serde_json::Value {
    let identity = &specimen.truth.identity;
    let given = identity
        .given_names_latin
        .as_ref()
        .unwrap_or(&identity.given_names);
    let surname = identity.surname_latin.as_ref().unwrap_or(&identity.surname);
    serde_json::json!({
        "full_name": format!("{given} {surname}"),
        "birth_date": kyc_engine::level1::date_text(identity.birth_date),
        "nationality": identity.nationality,
        "residence_country": identity.nationality,
        "address": "1 Main Street, Springfield",
        "document_type": match specimen.truth.kind {
            Kind::Passport => "passport",
            Kind::IdCard => "id_card",
            Kind::DrivingLicence => "driving_licence",
        },
        "document_number": identity.document_number,
    })
}

pub fn level1(body: &serde_json::Value) -> Level1 {
    kyc_engine::parse_level1(body).expect("declared data parses")
}
