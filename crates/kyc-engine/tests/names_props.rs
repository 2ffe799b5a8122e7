//! Property tests of the name comparison: total, symmetric where it should be, and identical
//! names always match.

use kyc_engine::NameVerdict;
use kyc_engine::names::{compare, compare_with};
use proptest::prelude::*;

/// A word of letters from several scripts (Latin with diacritics, Cyrillic, Greek).
fn word() -> impl Strategy<Value = String> {
    "[a-zA-ZäöüßéèçñÄÖÜÉåøæłŁşğıİ]{1,10}|[а-яА-ЯёЁ]{1,10}|[α-ωΑ-Ω]{1,8}"
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..=max).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn never_panics_on_anything(a in "\\PC{0,300}", b in ".{0,80}", c in "\\PC{0,80}", cut: bool) {
        let result = compare_with(&a, &b, &c, cut);
        prop_assert!((0.0..=1.0).contains(&result.score));
        let _ = compare(&a, &b, &c);
    }

    #[test]
    fn identical_names_always_match(given in words(3), surname in words(2)) {
        let given_first = compare(&format!("{given} {surname}"), &surname, &given);
        prop_assert!(given_first.matched, "{:?}", given_first);
        prop_assert_eq!(given_first.verdict, NameVerdict::Same);
        prop_assert_eq!(given_first.score, 1.0);
        let surname_first = compare(&format!("{surname} {given}"), &surname, &given);
        prop_assert!(surname_first.matched, "{:?}", surname_first);
        // Case and the MRZ's upper case make no difference.
        let upper = compare(&format!("{given} {surname}"), &surname.to_uppercase(), &given.to_uppercase());
        prop_assert!(upper.matched, "{:?}", upper);
    }

    #[test]
    fn symmetric_without_truncation(a in words(4), b in words(4)) {
        let ab = compare_with(&a, &b, "", false);
        let ba = compare_with(&b, &a, "", false);
        prop_assert_eq!(ab.matched, ba.matched);
        prop_assert_eq!(ab.score, ba.score);
        prop_assert_eq!(ab.verdict, ba.verdict);
    }

    #[test]
    fn word_order_is_ignored(mut parts in prop::collection::vec(word(), 2..5), rotate in 0usize..4) {
        let surname = parts.pop().unwrap_or_default();
        let given = parts.join(" ");
        let mut declared: Vec<String> = parts.clone();
        declared.push(surname.clone());
        let n = declared.len();
        declared.rotate_left(rotate % n);
        let result = compare(&declared.join(" "), &surname, &given);
        prop_assert!(result.matched, "{:?}", result);
    }

    #[test]
    fn an_extra_declared_word_fails_unless_truncated(given in words(2), surname in words(1), extra in "[a-z]{3,8}") {
        let declared = format!("{given} {extra} {surname}");
        let whole = compare_with(&declared, &surname, &given, false);
        prop_assert!(!whole.matched, "{:?}", whole);
        prop_assert!(whole.declared_only >= 1);
        let cut = compare_with(&declared, &surname, &given, true);
        prop_assert!(cut.matched, "{:?}", cut);
        prop_assert_eq!(cut.verdict, NameVerdict::Truncated);
    }
}
