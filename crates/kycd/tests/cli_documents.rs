//! `kycd mrz` and `kycd aamva` through the real binary: the JSON contract and exit codes.

mod common;

use common::{json, kycd, stderr, stdout};

const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

#[test]
fn mrz_json_has_the_documented_shape() {
    let out = kycd(&["mrz", "--json", "--today", "2010-01-01", TD3], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["format"], "TD3");
    assert_eq!(report["checks_ok"], true);
    assert_eq!(report["valid"], true);
    let fields = &report["fields"];
    for key in [
        "document_code",
        "issuing_state",
        "surname",
        "given_names",
        "document_number",
        "nationality",
        "birth_date",
        "sex",
        "expiry_date",
        "personal_number",
        "optional_data",
        "optional_data_2",
    ] {
        assert!(fields.get(key).is_some(), "fields.{key} missing");
    }
    assert_eq!(fields["surname"], "ERIKSSON");
    assert_eq!(fields["given_names"], "ANNA MARIA");
    assert_eq!(fields["birth_date"], "1974-08-12");
    assert_eq!(fields["expiry_date"], "2012-04-15");
    assert_eq!(fields["sex"], "F");
    let checks = report["checks"].as_array().expect("checks list");
    let names: Vec<_> = checks
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "document_number",
            "birth_date",
            "expiry_date",
            "personal_number",
            "composite"
        ]
    );
    for check in checks {
        for key in ["valid", "expected", "found"] {
            assert!(check.get(key).is_some(), "checks[].{key} missing");
        }
    }
    assert!(report["corrections"].is_array());
    assert!(report["warnings"].is_array());
}

#[test]
fn mrz_with_a_wrong_check_digit_exits_1() {
    let bad = TD3.replace("L898902C36", "L898902C35");
    let out = kycd(&["mrz", "--json", "--strict", &bad], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["checks_ok"], false);
    assert_eq!(report["valid"], false);
    let failed: Vec<_> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["valid"] == false)
        .map(|c| {
            (
                c["field"].as_str().unwrap().to_string(),
                c["expected"].clone(),
                c["found"].clone(),
            )
        })
        .collect();
    assert!(
        failed
            .iter()
            .any(|(field, expected, found)| field == "document_number"
                && expected == "6"
                && found == "5")
    );
}

#[test]
fn mrz_reads_files_and_standard_input() {
    let out = kycd(&["mrz", "-", "--today", "2010-01-01"], Some(TD3.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("ERIKSSON"));
    let path = std::env::temp_dir().join(format!("kycd-mrz-{}.txt", std::process::id()));
    std::fs::write(&path, TD3).unwrap();
    let out = kycd(
        &[
            "mrz",
            "--file",
            path.to_str().unwrap(),
            "--json",
            "--today",
            "2010-01-01",
        ],
        None,
    );
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["fields"]["nationality"], "UTO");
}

#[test]
fn mrz_lenient_mode_repairs_ocr_noise_and_reports_it() {
    let noisy =
        "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<< l898902c36ut07408122f1204159ze184226b<<<<<10";
    let out = kycd(&["mrz", "--json", "--today", "2010-01-01", noisy], None);
    let report = json(&out);
    assert_eq!(report["fields"]["nationality"], "UTO", "{report}");
    assert!(!report["corrections"].as_array().unwrap().is_empty());
    // Strict mode refuses the same text.
    let out = kycd(&["mrz", "--strict", noisy], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn mrz_unreadable_input_exits_2_with_a_message() {
    let out = kycd(&["mrz", "hello world"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected"), "{}", stderr(&out));
    let out = kycd(&["mrz", "--json", "hello world"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out)["error"].is_string());
    let out = kycd(&["mrz", "--file", "/nonexistent/mrz.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kycd(&["mrz", "--today", "yesterday", TD3], None);
    assert_eq!(out.status.code(), Some(2));
}

const AAMVA_V10: &str = "@\n\x1e\rANSI 636014100002DL00410278ZC03190024DLDAQD1234562\nDCSPUBLIC\nDDEN\nDACJOHN\nDDFN\nDADQUINCY\nDDGN\nDCAC\nDCBNONE\nDCDNONE\nDBD08312020\nDBB08311977\nDBA08312029\nDBC1\nDAU069 IN\nDAYBRO\nDAG123 MAIN STREET\nDAISACRAMENTO\nDAJCA\nDAK958220000  \nDCF83D9BN217QO983B1\nDCGUSA\nDAW180\nDAZBRO\nDCK12345678900000000000\nDDB08292017\nDDK1\r\nZCZCAY\nZCBCORRECTIVE LENSES\nZCCBRN\nZCDXYZ\r";

#[test]
fn aamva_json_has_the_documented_shape() {
    let out = kycd(&["aamva", "--json", "-"], Some(AAMVA_V10.as_bytes()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let report = json(&out);
    assert_eq!(report["version"], 10);
    assert!(report["jurisdiction"].is_string());
    let fields = &report["fields"];
    for key in [
        "family_name",
        "first_name",
        "middle_names",
        "birth_date",
        "issue_date",
        "expiry_date",
        "document_number",
        "sex",
        "street",
        "city",
        "state",
        "postal_code",
        "country",
    ] {
        assert!(fields.get(key).is_some(), "fields.{key} missing");
    }
    assert_eq!(fields["family_name"], "PUBLIC");
    assert_eq!(fields["first_name"], "JOHN");
    assert_eq!(fields["birth_date"], "1977-08-31");
    assert_eq!(fields["expiry_date"], "2029-08-31");
    assert_eq!(fields["document_number"], "D1234562");
    assert_eq!(fields["sex"], "M");
    assert_eq!(fields["city"], "SACRAMENTO");
    assert_eq!(report["elements"]["DAQ"], "D1234562");
    assert!(report["warnings"].is_array());
}

#[test]
fn aamva_refuses_what_is_not_a_payload() {
    let out = kycd(&["aamva", "--json", "-"], Some(b"definitely not a barcode"));
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out)["error"].as_str().unwrap().contains("AAMVA"));
}

#[test]
fn aamva_without_key_fields_exits_1() {
    let partial = "@\n\x1e\rANSI 636014100001DL00310030DLDAQD1234562\nDCSPUBLIC\r";
    let out = kycd(&["aamva", "--json", "-"], Some(partial.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}
