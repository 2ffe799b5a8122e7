//! `kycd inspect` through the real binary: the JSON contract and exit codes.

mod common;

use common::{json, kycd, stderr};

fn specimen_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kycd-inspect-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = kycd(
        &[
            "specimen",
            "--kind",
            "id-card",
            "--count",
            "1",
            "--seed",
            "31",
            "--today",
            "2026-11-22",
            "--out",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn a_photo_is_assessed_with_the_documented_shape() {
    let dir = specimen_dir("one");
    let front = dir.join("id-card-1-front.jpg");
    let out = kycd(&["inspect", "--json", front.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    for key in ["format", "bytes", "width", "height", "exif"] {
        assert!(
            report["file"].get(key).is_some(),
            "file.{key} missing: {report}"
        );
    }
    assert_eq!(report["file"]["format"], "jpeg");
    for key in [
        "sharpness",
        "glare_fraction",
        "brightness",
        "dark_fraction",
        "document_width_px",
    ] {
        assert!(
            report["metrics"][key].is_number(),
            "metrics.{key}: {report}"
        );
    }
    assert_eq!(report["document"]["found"], true, "{report}");
    assert_eq!(report["document"]["corners"].as_array().unwrap().len(), 4);
    assert!(report["findings"].is_array());

    // A directory gives a list, one report per image.
    let out = kycd(&["inspect", "--json", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out).as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_refused_file_exits_1_with_its_finding() {
    let path = std::env::temp_dir().join(format!("kycd-inspect-{}.jpg", std::process::id()));
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n").unwrap();
    let out = kycd(&["inspect", "--json", path.to_str().unwrap()], None);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["findings"][0]["code"], "FILE_FORMAT_UNSUPPORTED");
    assert_eq!(report["findings"][0]["evidence"]["detected"], "pdf");
    assert!(report["file"].is_null());
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let out = kycd(&["inspect", "/nonexistent/photo.jpg"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kycd(&["inspect"], None);
    assert_eq!(out.status.code(), Some(2));
}
