//! Level 1 data: parsing the API body and the checks of the data alone.

use kyc_core::{DocumentKind, Policy, ReasonCode};
use kyc_engine::{FieldError, age_on, check_level1, parse_level1};
use serde_json::{Value, json};
use time::macros::date;

fn valid() -> Value {
    json!({
        "full_name": "  Anna Maria Müller ",
        "birth_date": "1990-04-25",
        "nationality": "deu",
        "residence_country": "FR",
        "address": "12 Rue de la Paix, 75002 Paris",
        "document_type": "passport",
        "document_number": "c01x-00t 47",
    })
}

fn with(key: &str, value: Value) -> Value {
    let mut body = valid();
    body[key] = value;
    body
}

fn errors(body: &Value) -> Vec<FieldError> {
    parse_level1(body).expect_err("the body should be refused")
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn parses_a_valid_body_into_typed_values() {
    let level1 = parse_level1(&valid()).expect("valid body");
    assert_eq!(level1.full_name.as_str(), "Anna Maria Müller");
    assert_eq!(level1.birth_date, date!(1990 - 04 - 25));
    assert_eq!(level1.nationality.alpha3(), "DEU");
    assert_eq!(level1.residence_country.alpha3(), "FRA");
    assert_eq!(level1.document_type, DocumentKind::Passport);
    assert_eq!(level1.document_number.as_str(), "C01X00T47");
    // Round trip through the API's JSON form.
    let json = level1.to_json();
    assert_eq!(json["document_number"], "C01X00T47");
    assert_eq!(json["nationality"], "DEU");
    assert_eq!(parse_level1(&json), Ok(level1.clone()));
    // Debug shows no personal value.
    let debug = format!("{level1:?}");
    assert!(!debug.contains("Müller") && !debug.contains("C01X") && !debug.contains("1990"));
}

#[test]
fn each_invalid_field_is_named_with_a_plain_message() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("full_name", json!(""), "full_name must not be empty"),
        ("full_name", json!("   "), "full_name must not be empty"),
        (
            "full_name",
            json!("12345"),
            "full_name must contain at least one letter",
        ),
        (
            "full_name",
            json!("Anna\nMüller"),
            "full_name must not contain control characters",
        ),
        ("full_name", json!(42), "full_name must be a string"),
        (
            "birth_date",
            json!("25/04/1990"),
            "birth_date must be a date like 1990-04-25",
        ),
        (
            "birth_date",
            json!("1990-02-30"),
            "birth_date must be a date like 1990-04-25",
        ),
        (
            "birth_date",
            json!("1990-4-25"),
            "birth_date must be a date like 1990-04-25",
        ),
        (
            "birth_date",
            json!("+1990-04-25"),
            "birth_date must be a date like 1990-04-25",
        ),
        (
            "birth_date",
            json!("1850-01-01"),
            "birth_date must be 1900-01-01 or later",
        ),
        (
            "nationality",
            json!("XYZ"),
            "nationality must be an ISO 3166-1 country code",
        ),
        (
            "nationality",
            json!("Germany"),
            "nationality must be an ISO 3166-1 country code",
        ),
        (
            "residence_country",
            json!(""),
            "residence_country must be an ISO 3166-1",
        ),
        ("address", json!(""), "address must not be empty"),
        (
            "address",
            json!("a\u{0}b"),
            "address must not contain control characters",
        ),
        (
            "document_type",
            json!("visa"),
            "document_type must be one of passport, id_card, driving_licence",
        ),
        (
            "document_type",
            json!("Passport"),
            "document_type must be one of",
        ),
        (
            "document_number",
            json!("AB/123"),
            "document_number may contain only letters A-Z, digits, spaces and dashes",
        ),
        (
            "document_number",
            json!("ÅB123"),
            "document_number may contain only",
        ),
        (
            "document_number",
            json!(" - "),
            "document_number must contain at least one letter or digit",
        ),
        (
            "document_number",
            json!("1234567890123456789012345678901"),
            "document_number must be at most 30 characters",
        ),
        (
            "document_number",
            json!(null),
            "document_number is required",
        ),
    ];
    for (field, value, message) in cases {
        let found = errors(&with(field, value.clone()));
        assert_eq!(fields(&found), [field], "{field} = {value}");
        assert!(
            found[0].message.starts_with(message),
            "{field} = {value}: {:?}",
            found[0].message
        );
    }
    let mut missing = valid();
    missing.as_object_mut().unwrap().remove("address");
    assert_eq!(errors(&missing)[0].message, "address is required");
}

#[test]
fn every_problem_is_reported_at_once_in_field_order() {
    let body = json!({
        "full_name": "",
        "birth_date": "yesterday",
        "nationality": "DEU",
        "residence_country": "FRA",
        "document_type": "visa",
        "document_number": "C01X00T47",
        "email": "a@example.com",
    });
    let found = errors(&body);
    assert_eq!(
        fields(&found),
        [
            "full_name",
            "birth_date",
            "address",
            "document_type",
            "email"
        ]
    );
    assert!(
        found[4].message.contains("is not a level 1 field"),
        "{:?}",
        found[4]
    );
    // The errors serialise as the API returns them.
    let json = serde_json::to_value(&found[1]).unwrap();
    assert_eq!(
        json,
        json!({"field": "birth_date", "message": "birth_date must be a date like 1990-04-25"})
    );
}

#[test]
fn unknown_fields_and_non_objects_are_refused() {
    let found = errors(&with("middle_name", json!("Maria")));
    assert_eq!(fields(&found), ["middle_name"]);
    for body in [json!(null), json!([]), json!("Anna"), json!(1)] {
        let found = errors(&body);
        assert_eq!(fields(&found), ["body"], "{body}");
    }
}

#[test]
fn huge_strings_are_refused_without_echoing_them() {
    let huge = "A".repeat(1_000_000);
    for field in [
        "full_name",
        "birth_date",
        "nationality",
        "address",
        "document_type",
        "document_number",
    ] {
        let found = errors(&with(field, json!(huge)));
        assert_eq!(fields(&found), [field]);
        assert!(
            found[0].message.len() < 200,
            "{field}: message echoes the value"
        );
    }
    // A huge unknown key is named shortened.
    let found = errors(&with(&"k".repeat(100_000), json!(1)));
    assert!(found[0].field.len() <= 40);
    // The limits themselves are inclusive.
    let name = "a".repeat(200);
    assert!(parse_level1(&with("full_name", json!(name))).is_ok());
    let name = "a".repeat(201);
    assert!(parse_level1(&with("full_name", json!(name))).is_err());
    assert!(parse_level1(&with("address", json!("x".repeat(500)))).is_ok());
    assert!(parse_level1(&with("address", json!("x".repeat(501)))).is_err());
}

#[test]
fn age_is_counted_in_whole_years() {
    let birth = date!(2008 - 03 - 10);
    assert_eq!(age_on(birth, date!(2026 - 03 - 09)), 17);
    assert_eq!(age_on(birth, date!(2026 - 03 - 10)), 18);
    // 29 February: the birthday falls on 1 March in common years.
    let leap = date!(2008 - 02 - 29);
    assert_eq!(age_on(leap, date!(2026 - 02 - 28)), 17);
    assert_eq!(age_on(leap, date!(2026 - 03 - 01)), 18);
    assert_eq!(age_on(date!(2030 - 01 - 01), date!(2026 - 01 - 01)), -4);
}

#[test]
fn underage_the_day_before_the_18th_birthday_but_not_on_it() {
    let policy = Policy::default();
    let level1 = parse_level1(&with("birth_date", json!("2008-03-10"))).unwrap();
    let before = check_level1(&level1, &policy, date!(2026 - 03 - 09));
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0].code, ReasonCode::Underage);
    assert_eq!(before[0].evidence["age"], 17);
    assert_eq!(before[0].evidence["minimum_age"], 18);
    assert_eq!(before[0].evidence["source"], "declared");
    // Evidence holds the age, never the date.
    assert!(!serde_json::to_string(&before).unwrap().contains("2008"));
    assert!(check_level1(&level1, &policy, date!(2026 - 03 - 10)).is_empty());
}

#[test]
fn a_birth_date_in_the_future_is_underage() {
    let level1 = parse_level1(&with("birth_date", json!("2030-01-01"))).unwrap();
    let found = check_level1(&level1, &Policy::default(), date!(2026 - 01 - 01));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, ReasonCode::Underage);
    assert_eq!(found[0].evidence["birth_date_in_future"], true);
}

#[test]
fn blocked_countries_are_not_served() {
    let policy = Policy::default();
    let today = date!(2026 - 01 - 15);
    let level1 = parse_level1(&with("residence_country", json!("IR"))).unwrap();
    let found = check_level1(&level1, &policy, today);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, ReasonCode::JurisdictionNotSupported);
    assert_eq!(found[0].evidence["field"], "residence_country");
    assert_eq!(found[0].evidence["country"], "IRN");

    let mut body = with("nationality", json!("PRK"));
    body["residence_country"] = json!("SYR");
    let found = check_level1(&parse_level1(&body).unwrap(), &policy, today);
    let codes: Vec<_> = found.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            ReasonCode::JurisdictionNotSupported,
            ReasonCode::JurisdictionNotSupported
        ]
    );
    // The valid body raises nothing.
    assert!(check_level1(&parse_level1(&valid()).unwrap(), &policy, today).is_empty());
}

#[test]
fn a_document_kind_not_accepted_from_the_nationality() {
    let text = kyc_core::DEFAULT_POLICY_TOML.replace(
        "\n[documents.countries]\n",
        "\n[documents.countries]\nDEU = [\"passport\"]\n",
    );
    let policy = Policy::from_toml(&text).unwrap();
    let today = date!(2026 - 01 - 15);
    let id_card = parse_level1(&with("document_type", json!("id_card"))).unwrap();
    let found = check_level1(&id_card, &policy, today);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, ReasonCode::DocumentTypeUnsupported);
    assert_eq!(found[0].evidence["kind"], "id_card");
    assert_eq!(found[0].evidence["issuing_country"], "DEU");
    let passport = parse_level1(&valid()).unwrap();
    assert!(check_level1(&passport, &policy, today).is_empty());
}
