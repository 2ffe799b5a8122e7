//! `Engine::verify` end to end on specimens. The engine is loaded once for the whole test
//! binary (global state is fine in a test, not in the library).

mod common;

use std::sync::OnceLock;
use std::time::Instant;

use common::{SELFIE, TODAY, declared, level1, specimen};
use kyc_core::{DecisionStatus, DocumentKind, Finding, Policy, ReasonCode, decide};
use kyc_engine::{Engine, SubmissionInput, Verification};
use kyc_specimen::{Kind, Specimen, SpecimenRequest};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load().expect("models load"))
}

/// A clean passport data page or booklet, 1600×1200.
fn passport() -> &'static Specimen {
    static PASSPORT: OnceLock<Specimen> = OnceLock::new();
    PASSPORT.get_or_init(|| specimen(Kind::Passport, 1, (1600, 1200), &[], false))
}

/// A clean ID card, front and back, 1280×960.
fn id_card() -> &'static Specimen {
    static ID_CARD: OnceLock<Specimen> = OnceLock::new();
    ID_CARD.get_or_init(|| specimen(Kind::IdCard, 1, (1280, 960), &[], false))
}

fn verify(input: &SubmissionInput<'_>) -> Verification {
    engine()
        .verify(input, &Policy::default(), TODAY)
        .expect("no internal failure")
}

fn codes(findings: &[Finding]) -> Vec<ReasonCode> {
    findings.iter().map(|f| f.code).collect()
}

fn find(findings: &[Finding], code: ReasonCode) -> &Finding {
    findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(findings)))
}

/// The evidence holds none of the personal values compared.
fn assert_no_personal_values(
    findings: &[Finding],
    specimen: &Specimen,
    declared: &serde_json::Value,
) {
    let evidence = serde_json::to_string(findings).unwrap().to_uppercase();
    let identity = &specimen.truth.identity;
    let mut values = vec![
        identity.document_number.to_uppercase(),
        kyc_engine::level1::date_text(identity.birth_date),
        kyc_engine::level1::date_text(identity.expiry_date),
    ];
    for name in [
        &identity.surname,
        identity.surname_latin.as_ref().unwrap_or(&identity.surname),
    ] {
        values.push(name.to_uppercase());
    }
    for key in ["full_name", "birth_date", "document_number"] {
        values.push(declared[key].as_str().unwrap().to_uppercase());
    }
    for value in values {
        assert!(
            !evidence.contains(&value),
            "evidence shows {value}: {evidence}"
        );
    }
}

#[test]
fn a_clean_passport_with_matching_data_is_approved() {
    let passport = passport();
    let body = declared(passport);
    let level1 = level1(&body);
    let started = Instant::now();
    let result = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&passport.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    println!("verify: {:?}", started.elapsed());
    let decision = decide(&result.findings, &Policy::default());
    assert_eq!(
        decision.status,
        DecisionStatus::Approved,
        "{:?}",
        result.findings
    );
    let document = result.document.expect("document identity read");
    assert_eq!(document.kind, DocumentKind::Passport);
    assert_eq!(
        document.country.alpha3(),
        passport.truth.identity.issuing_country
    );
    assert_eq!(document.number, level1.document_number.as_str());
    // The summary holds what was read, for reviewers.
    assert_eq!(result.summary["document"]["kind"], "passport");
    assert_eq!(
        result.summary["comparisons"]["name"]["result"]["matched"],
        true
    );
    assert_eq!(
        result.summary["images"]["selfie"]["faces"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert!(result.summary["images"]["front"]["metrics"]["sharpness"].is_number());
    assert!(
        result.summary["face_match"]
            .as_str()
            .unwrap()
            .contains("not performed")
    );
}

#[test]
fn a_wrong_declared_name_is_a_name_mismatch() {
    let passport = passport();
    let mut body = declared(passport);
    body["full_name"] = "Maximilian Otto Bergmann".into();
    let level1 = level1(&body);
    let result = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&passport.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    assert_eq!(codes(&result.findings), [ReasonCode::DataMismatchName]);
    let evidence = &result.findings[0].evidence;
    assert_eq!(evidence["field"], "full_name");
    assert_eq!(evidence["source"], "mrz");
    assert_eq!(evidence["verdict"], "different");
    assert!(evidence["score"].as_f64().unwrap() < 0.8);
    assert_no_personal_values(&result.findings, passport, &body);
}

#[test]
fn each_declared_field_raises_its_own_mismatch() {
    let passport = passport();
    let mut body = declared(passport);
    let identity = &passport.truth.identity;
    body["birth_date"] = kyc_engine::level1::date_text(
        identity
            .birth_date
            .replace_year(identity.birth_date.year() - 1)
            .unwrap(),
    )
    .into();
    body["nationality"] = if identity.nationality == "FRA" {
        "ITA"
    } else {
        "FRA"
    }
    .into();
    body["document_number"] = "ZZ9999999".into();
    body["document_type"] = "id_card".into();
    let level1 = level1(&body);
    let result = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&passport.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    assert_eq!(
        codes(&result.findings),
        [
            ReasonCode::DataMismatchBirthDate,
            ReasonCode::DataMismatchNationality,
            ReasonCode::DataMismatchDocumentNumber,
            ReasonCode::LevelDataMismatch,
        ]
    );
    let birth = find(&result.findings, ReasonCode::DataMismatchBirthDate);
    assert_eq!(birth.evidence["same_year"], false);
    assert_eq!(birth.evidence["same_month"], true);
    let level = find(&result.findings, ReasonCode::LevelDataMismatch);
    assert_eq!(level.evidence["field"], "document_type");
    assert_eq!(level.evidence["declared"], "id_card");
    assert_eq!(level.evidence["read"], "passport");
    assert_no_personal_values(&result.findings, passport, &body);
}

#[test]
fn an_expired_passport() {
    let expired = specimen(Kind::Passport, 1, (1600, 1200), &[], true);
    let body = declared(&expired);
    let result = verify(&SubmissionInput {
        level1: Some(&level1(&body)),
        front: Some(&expired.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    assert_eq!(codes(&result.findings), [ReasonCode::DocumentExpired]);
    let evidence = &result.findings[0].evidence;
    assert!(
        evidence["days_to_expiry"].as_i64().unwrap() < 0,
        "{evidence:?}"
    );
    assert!(!evidence.contains_key("expiry_date"));
    assert_no_personal_values(&result.findings, &expired, &body);
}

#[test]
fn an_id_card_needs_its_back() {
    let card = id_card();
    let level1 = level1(&declared(card));
    let without_back = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&card.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    // The card's MRZ is on its back: without it, its data is incomplete too.
    assert_eq!(
        codes(&without_back.findings),
        [
            ReasonCode::DocumentDataIncomplete,
            ReasonCode::DocumentSideMissing
        ]
    );
    let side = find(&without_back.findings, ReasonCode::DocumentSideMissing);
    assert_eq!(side.evidence["kind"], "id_card");

    let with_back = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&card.images[0].bytes),
        back: Some(&card.images[1].bytes),
        selfie: Some(SELFIE),
        attempt: 1,
    });
    assert_eq!(
        decide(&with_back.findings, &Policy::default()).status,
        DecisionStatus::Approved,
        "{:?}",
        with_back.findings
    );

    // A back that was sent but cannot be read is a FILE_* finding, not a missing side.
    let bytes = &card.images[1].bytes;
    let refused_back = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&card.images[0].bytes),
        back: Some(&bytes[..bytes.len() / 2]),
        selfie: Some(SELFIE),
        attempt: 1,
    });
    // (The front alone has no MRZ, hence incomplete data.)
    assert_eq!(
        codes(&refused_back.findings),
        [
            ReasonCode::FileUnreadable,
            ReasonCode::DocumentDataIncomplete
        ]
    );
    assert_eq!(refused_back.findings[0].evidence["role"], "document_back");
}

#[test]
fn missing_files_and_too_many_attempts() {
    let passport = passport();
    let level1 = level1(&declared(passport));
    let no_selfie = verify(&SubmissionInput {
        level1: Some(&level1),
        front: Some(&passport.images[0].bytes),
        back: None,
        selfie: None,
        attempt: 11,
    });
    assert_eq!(
        codes(&no_selfie.findings),
        [ReasonCode::DocumentMissing, ReasonCode::TooManyAttempts]
    );
    assert_eq!(no_selfie.findings[0].evidence["role"], "selfie");
    assert_eq!(no_selfie.findings[1].evidence["attempt_limit"], 10);

    let nothing = verify(&SubmissionInput::default());
    assert_eq!(
        codes(&nothing.findings),
        [ReasonCode::DocumentMissing, ReasonCode::DocumentMissing]
    );
    assert_eq!(nothing.findings[0].evidence["role"], "document_front");
    assert!(nothing.document.is_none());
}

#[test]
fn a_selfie_without_a_face_is_unusable() {
    let card = id_card();
    let text = "not a selfie ".repeat(200);
    // The card's back stands in for a picture without a face.
    for (selfie, expected) in [
        (&card.images[1].bytes[..], ReasonCode::SelfieUnusable),
        (text.as_bytes(), ReasonCode::FileFormatUnsupported),
    ] {
        let result = verify(&SubmissionInput {
            level1: None,
            front: None,
            back: None,
            selfie: Some(selfie),
            attempt: 1,
        });
        assert_eq!(
            codes(&result.findings),
            [ReasonCode::DocumentMissing, expected]
        );
    }
}

#[test]
fn a_minor_is_underage_by_the_document() {
    let mut request = SpecimenRequest::new(Kind::Passport, 3, TODAY);
    request.frame = kyc_specimen::FrameSize::Fixed {
        width: 1600,
        height: 1200,
    };
    request.minor = true;
    let minor = kyc_specimen::generate(&request).unwrap();
    // Declared without level 1 data: the age comes from the document alone.
    let result = verify(&SubmissionInput {
        level1: None,
        front: Some(&minor.images[0].bytes),
        back: None,
        selfie: Some(SELFIE),
        attempt: 1,
    });
    let underage = find(&result.findings, ReasonCode::Underage);
    assert_eq!(underage.evidence["source"], "document");
    assert!(underage.evidence["age"].as_i64().unwrap() < 18);
    assert_eq!(
        decide(&result.findings, &Policy::default()).status,
        DecisionStatus::Rejected
    );
}

/// Timing of `verify` on 12 MP photos (`cargo test -p kyc-engine --test verify -- --ignored
/// --nocapture`); not run by default.
#[test]
#[ignore]
fn timing_on_12_mp_photos() {
    let started = Instant::now();
    let _ = engine();
    println!("Engine::load: {:?}", started.elapsed());
    for seed in 1..=3 {
        let passport = specimen(Kind::Passport, seed, (4032, 3024), &[], false);
        let level1 = level1(&declared(&passport));
        let started = Instant::now();
        let result = verify(&SubmissionInput {
            level1: Some(&level1),
            front: Some(&passport.images[0].bytes),
            back: None,
            selfie: Some(SELFIE),
            attempt: 1,
        });
        println!(
            "passport seed {seed}: verify {:?}: {:?}",
            started.elapsed(),
            codes(&result.findings)
        );
    }
}
