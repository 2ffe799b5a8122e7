//! The upload gate on real images (specimens photographed by the generator).

mod common;

use std::time::Instant;

use common::{SELFIE, specimen};
use kyc_core::{DecisionStatus, DocumentRole, Policy, ReasonCode, decide};
use kyc_engine::upload_gate;
use kyc_specimen::{Defect, Kind};

fn codes(findings: &[kyc_core::Finding]) -> Vec<ReasonCode> {
    findings.iter().map(|f| f.code).collect()
}

#[test]
fn a_clean_photo_passes_without_blocking_findings() {
    let policy = Policy::default();
    let clean = specimen(Kind::Passport, 1, (1600, 1200), &[], false);
    let findings = upload_gate(DocumentRole::DocumentFront, &clean.images[0].bytes, &policy)
        .expect("accepted");
    assert_eq!(
        decide(&findings, &policy).status,
        DecisionStatus::Approved,
        "{findings:?}"
    );
}

#[test]
fn a_blurred_photo_is_a_retake_hint() {
    let policy = Policy::default();
    let blurred = specimen(Kind::Passport, 1, (1600, 1200), &[Defect::Blur], false);
    let findings = upload_gate(
        DocumentRole::DocumentFront,
        &blurred.images[0].bytes,
        &policy,
    )
    .expect("accepted: blur is a hint, not a refusal");
    let blurry = findings
        .iter()
        .find(|f| f.code == ReasonCode::ImageBlurry)
        .unwrap_or_else(|| panic!("no IMAGE_BLURRY in {:?}", codes(&findings)));
    assert_eq!(blurry.evidence["side"], "front");
    assert!(blurry.evidence["sharpness"].as_f64().unwrap() < 0.75);
    assert_eq!(blurry.evidence["threshold"], 0.75);
}

#[test]
fn files_that_are_not_photos_are_refused() {
    let policy = Policy::default();
    let text = "This is not a photo of my passport.\n".repeat(100);
    let refusal = upload_gate(DocumentRole::DocumentFront, text.as_bytes(), &policy).unwrap_err();
    assert_eq!(refusal.code, ReasonCode::FileFormatUnsupported);
    assert_eq!(refusal.evidence["role"], "document_front");

    let photo = specimen(Kind::IdCard, 1, (1280, 960), &[], false);
    let bytes = &photo.images[1].bytes;
    let truncated = &bytes[..bytes.len() / 2];
    let refusal = upload_gate(DocumentRole::DocumentBack, truncated, &policy).unwrap_err();
    assert_eq!(refusal.code, ReasonCode::FileUnreadable);
    assert_eq!(refusal.evidence["role"], "document_back");

    // Larger than the policy's 5 MiB, whatever it holds: refused before decoding.
    let mut oversized = bytes.clone();
    oversized.resize(6 * 1024 * 1024, 0);
    let refusal = upload_gate(DocumentRole::Selfie, &oversized, &policy).unwrap_err();
    assert_eq!(refusal.code, ReasonCode::FileTooLarge);
    assert_eq!(refusal.evidence["role"], "selfie");
}

#[test]
fn a_selfie_is_only_decoded() {
    let policy = Policy::default();
    assert_eq!(
        upload_gate(DocumentRole::Selfie, SELFIE, &policy),
        Ok(Vec::new())
    );
    let refusal = upload_gate(DocumentRole::Selfie, &SELFIE[..SELFIE.len() - 200], &policy);
    assert_eq!(refusal.unwrap_err().code, ReasonCode::FileUnreadable);
}

/// Timing on a 12 MP phone photo (`cargo test -p kyc-engine --test gate -- --ignored
/// --nocapture`); not run by default.
#[test]
#[ignore]
fn timing_on_a_12_mp_photo() {
    let policy = Policy::default();
    for seed in 1..=3 {
        let photo = specimen(Kind::Passport, seed, (4032, 3024), &[], false);
        let bytes = &photo.images[0].bytes;
        let started = Instant::now();
        let result = upload_gate(DocumentRole::DocumentFront, bytes, &policy);
        println!(
            "seed {seed}: {} bytes, upload_gate {:?}: {:?}",
            bytes.len(),
            started.elapsed(),
            result.map(|f| codes(&f))
        );
    }
}
