//! Property tests: parsing untrusted level 1 bodies never panics, and what parses round-trips.

use kyc_core::Policy;
use kyc_engine::{check_level1, parse_level1};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Arbitrary JSON, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A body with the level 1 keys (some missing, some extra), values near the valid ones.
fn near_level1() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        "[A-Za-z0-9 \\-]{0,35}",
        "\\PC{0,210}",
        ".{0,20}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        Just("passport".to_string()),
        Just("id_card".to_string()),
        Just("FRA".to_string()),
        Just("de".to_string()),
    ];
    let value = prop_oneof![
        6 => text.prop_map(Value::String),
        1 => any_json(),
    ];
    let keys = prop::sample::subsequence(
        vec![
            "full_name",
            "birth_date",
            "nationality",
            "residence_country",
            "address",
            "document_type",
            "document_number",
            "extra",
        ],
        0..=8,
    );
    (keys, prop::collection::vec(value, 8)).prop_map(|(keys, values)| {
        Value::Object(
            keys.into_iter()
                .zip(values)
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_json_never_panics(body in any_json()) {
        if let Err(errors) = parse_level1(&body) {
            prop_assert!(!errors.is_empty());
        }
    }

    #[test]
    fn near_valid_bodies_never_panic_and_round_trip(body in near_level1()) {
        match parse_level1(&body) {
            Ok(level1) => {
                prop_assert_eq!(parse_level1(&level1.to_json()), Ok(level1.clone()));
                let today = time::macros::date!(2026 - 01 - 15);
                let _ = check_level1(&level1, &Policy::default(), today);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    prop_assert!(!error.message.is_empty());
                    prop_assert!(error.message.chars().count() < 300);
                }
            }
        }
    }
}
