//! `kycd read` and `kycd eval reading` on generated specimen photos: the JSON shape, the
//! findings a reading supports, refusals at intake, and the reading evaluation with floors
//! (CI's guard against the reader getting worse; the large run is in docs/accuracy.md).

mod common;

use std::path::{Path, PathBuf};

use common::{json, kycd, stderr};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kycd-read-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn generate(dir: &Path, kind: &str, count: &str, seed: &str, extra: &[&str]) {
    let dir_text = dir.to_str().unwrap();
    let mut args = vec![
        "specimen",
        "--kind",
        kind,
        "--count",
        count,
        "--seed",
        seed,
        "--today",
        "2026-11-22",
        "--out",
        dir_text,
    ];
    args.extend_from_slice(extra);
    let out = kycd(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn read(front: &Path, back: Option<&Path>) -> (Option<i32>, serde_json::Value) {
    let mut args = vec![
        "read".to_string(),
        front.display().to_string(),
        "--json".to_string(),
        "--today".to_string(),
        "2026-11-22".to_string(),
    ];
    if let Some(back) = back {
        args.push("--back".to_string());
        args.push(back.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = kycd(&args, None);
    (out.status.code(), json(&out))
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_passport_page_is_read_whole() {
    let dir = temp_dir("passport");
    generate(&dir, "passport", "1", "9301", &[]);
    let labels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let (status, report) = read(&dir.join(labels[0]["file"].as_str().unwrap()), None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(status, Some(0), "{report}");
    let document = &report["document"];
    assert_eq!(document["kind"], "passport");
    assert_eq!(
        document["issuing_country"],
        labels[0]["identity"]["issuing_country"]
    );
    assert_eq!(document["mrz"]["lines"], labels[0]["mrz_lines"]);
    assert_eq!(document["mrz"]["checks_ok"], true);
    assert_eq!(document["mrz"]["format"], "TD3");
    assert_eq!(
        document["mrz"]["fields"]["birth_date"],
        labels[0]["identity"]["birth_date"]
    );
    assert!(document["mrz"]["confidence"][0].as_array().unwrap().len() == 44);
    assert!(document["barcode"].is_null());
    // The printed zone: every field is present (null when not read); this photo is of an
    // open booklet, small in the frame, whose number the printed zone still gives.
    for key in [
        "surname",
        "given_names",
        "document_number",
        "birth_date",
        "expiry_date",
    ] {
        assert!(document["printed"].get(key).is_some(), "{key}");
    }
    assert_eq!(
        document["printed"]["document_number"]["value"],
        labels[0]["identity"]["document_number"]
    );
    assert!(document["portrait"]["score"].as_f64().unwrap() > 0.9);
    assert_eq!(document["portrait"]["box"].as_array().unwrap().len(), 4);
    assert_eq!(codes(&report), Vec::<String>::new());
}

#[test]
fn an_expired_licence_is_read_from_its_barcode() {
    let dir = temp_dir("licence");
    generate(&dir, "driving-licence", "1", "9302", &["--expired"]);
    let (status, report) = read(
        &dir.join("driving-licence-1-front.jpg"),
        Some(&dir.join("driving-licence-1-back.jpg")),
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(status, Some(0), "{report}");
    assert_eq!(report["document"]["kind"], "driving_licence");
    assert_eq!(report["document"]["issuing_country"], "USA");
    assert!(report["document"]["mrz"].is_null());
    assert!(report["document"]["barcode"]["fields"]["family_name"].is_string());
    let found = codes(&report);
    assert!(found.contains(&"DOCUMENT_EXPIRED".to_string()), "{report}");
    let expired = &report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "DOCUMENT_EXPIRED")
        .unwrap()["evidence"];
    assert_eq!(expired["source"], "barcode");
}

#[test]
fn a_card_without_its_back_misses_a_side() {
    let dir = temp_dir("card");
    generate(&dir, "id-card", "1", "9303", &[]);
    // The back carries the MRZ: given alone, it is read, and the side and portrait are missing.
    let (status, report) = read(&dir.join("id-card-1-back.jpg"), None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(status, Some(0), "{report}");
    assert_eq!(report["document"]["kind"], "id_card");
    let found = codes(&report);
    assert!(
        found.contains(&"DOCUMENT_SIDE_MISSING".to_string()),
        "{report}"
    );
    assert!(
        found.contains(&"PORTRAIT_NOT_VISIBLE".to_string()),
        "{report}"
    );
}

#[test]
fn files_that_are_not_photos_are_refused_or_rejected() {
    let dir = temp_dir("refused");
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("passport.jpg");
    std::fs::write(&text, b"this is not an image, whatever its name says").unwrap();
    let (status, report) = read(&text, None);
    assert_eq!(status, Some(1), "{report}");
    assert!(report["document"].is_null());
    assert_eq!(codes(&report), vec!["FILE_FORMAT_UNSUPPORTED".to_string()]);

    let out = kycd(&["read", dir.join("missing.jpg").to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.jpg"), "{}", stderr(&out));
}

/// Floors on 9 clean documents (3 of each kind): a miss moves a rate by a third or a sixth, so
/// the floors only catch a reader that breaks, except the MRZ: every clearly photographed MRZ
/// must be read fully correctly (the 150-document clean run reads all of them), and no
/// wrong-but-valid MRZ is ever tolerated.
#[test]
fn reading_evaluation_holds_its_floors() {
    let dir = temp_dir("eval");
    generate(&dir, "all", "9", "9400", &[]);
    let out = kycd(
        &[
            "eval",
            "reading",
            dir.to_str().unwrap(),
            "--json",
            "--today",
            "2026-11-22",
            "--min-mrz-exact",
            "1",
            "--max-wrong-valid",
            "0",
            "--min-barcode",
            "0.6",
            "--min-printed",
            "0.8",
            "--min-portrait",
            "0.9",
        ],
        None,
    );
    let summary = json(&out);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(0), "{summary}\n{}", stderr(&out));
    let clean = &summary["groups"]["clean"];
    assert_eq!(clean["documents"], 9);
    assert_eq!(clean["mrz_documents"], 6);
    assert_eq!(clean["barcode_documents"], 3);
    assert_eq!(summary["groups"]["all"]["mrz_wrong_valid"], 0);
}
