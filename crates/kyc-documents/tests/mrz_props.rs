//! Property tests for the MRZ parser and writer.
//!
//! * write → parse round trips, every format (strict and lenient agree);
//! * a single substituted character in a checked field is caught by a check digit exactly when
//!   it is not a check-digit blind spot (same value modulo 10);
//! * `parse` / `parse_lenient` never panic, on arbitrary text and on MRZ-like text;
//! * after plausible OCR noise, lenient mode never returns a `valid` MRZ that differs from the
//!   one written.

use kyc_documents::mrz::{
    CheckField, MrzFormat, MrzInput, MrzReport, ParseOptions, Sex, WarningCode, check_digit, parse,
    parse_lenient, write,
};
use proptest::prelude::*;
use proptest::sample::select;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 22);

fn options() -> ParseOptions {
    ParseOptions { today: TODAY }
}

fn regex(pattern: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(pattern)
        .expect("valid regex")
        .boxed()
}

fn words(max_words: usize, max_len: usize, min_words: usize) -> BoxedStrategy<Vec<String>> {
    prop::collection::vec(
        regex(&format!("[A-Z]{{1,{max_len}}}")),
        min_words..=max_words,
    )
    .boxed()
}

fn a_date(back_days: i64, ahead_days: i64) -> BoxedStrategy<Date> {
    (-back_days..=ahead_days)
        .prop_map(|d| TODAY.saturating_add(Duration::days(d)))
        .boxed()
}

/// Names as generated (components), kept to compute the expected parse.
#[derive(Debug, Clone)]
struct Case {
    format: MrzFormat,
    input: MrzInput,
    surname: Vec<String>,
    given: Vec<String>,
}

fn codes(format: MrzFormat) -> Vec<&'static str> {
    match format {
        MrzFormat::Td1 => vec!["I", "ID", "A", "AC", "C", "IR"],
        MrzFormat::Td2 => vec!["I", "A", "AC", "C", "IR"],
        MrzFormat::Td3 => vec!["P", "PO", "PT", "PD"],
        MrzFormat::MrvA | MrzFormat::MrvB => vec!["V", "VA", "VB"],
        MrzFormat::FrenchNationalId => vec!["ID"],
        MrzFormat::FrenchDrivingLicense => vec!["D1"],
    }
}

fn case(format: MrzFormat, long_numbers: bool) -> BoxedStrategy<Case> {
    let french = matches!(
        format,
        MrzFormat::FrenchNationalId | MrzFormat::FrenchDrivingLicense
    );
    let states: Vec<&'static str> = if french {
        vec!["FRA"]
    } else {
        vec!["UTO", "DEU", "CHN", "BEL", "NLD", "XXA", "GBR", "FRA"]
    };
    let number = match format {
        MrzFormat::FrenchNationalId => regex("[A-Z0-9]{12}"),
        MrzFormat::FrenchDrivingLicense => regex("[A-Z0-9]{9}"),
        MrzFormat::Td1 | MrzFormat::Td2 if long_numbers => regex("[A-Z0-9]{10,12}"),
        _ => regex("[A-Z0-9]{1,9}"),
    };
    let optional = match format {
        MrzFormat::Td1 if long_numbers => regex("[A-Z0-9]{0,7}"),
        MrzFormat::Td1 => regex("[A-Z0-9]{0,15}"),
        MrzFormat::Td2 if long_numbers => Just(String::new()).boxed(),
        MrzFormat::Td2 => regex("[A-Z0-9]{0,7}"),
        MrzFormat::MrvA => regex("[A-Z0-9]{0,16}"),
        MrzFormat::MrvB => regex("[A-Z0-9]{0,8}"),
        MrzFormat::FrenchNationalId => regex("[A-Z0-9]{0,6}"),
        _ => Just(String::new()).boxed(),
    };
    let optional_2 = if format == MrzFormat::Td1 {
        regex("[A-Z0-9]{0,11}")
    } else {
        Just(String::new()).boxed()
    };
    let personal = if format == MrzFormat::Td3 {
        regex("[A-Z0-9]{0,14}")
    } else {
        Just(String::new()).boxed()
    };
    let given_max = if format == MrzFormat::FrenchDrivingLicense {
        0
    } else {
        3
    };
    (
        (
            select(codes(format)),
            select(states.clone()),
            select(states),
            words(3, 10, 1),
            words(given_max, 8, 0),
            number,
        ),
        (
            a_date(36_000, 0),
            select(vec![Sex::Male, Sex::Female, Sex::Unspecified]),
            a_date(3_650, 3_650),
            personal,
            optional,
            optional_2,
        ),
    )
        .prop_map(
            move |(
                (code, state, nationality, surname, given, number),
                (birth, sex, expiry, personal, optional, optional_2),
            )| {
                let licence = format == MrzFormat::FrenchDrivingLicense;
                let input = MrzInput {
                    document_code: code.to_string(),
                    issuing_state: state.to_string(),
                    surname: surname.join(" "),
                    given_names: given.join(" "),
                    document_number: number,
                    nationality: if french {
                        String::new()
                    } else {
                        nationality.into()
                    },
                    birth_date: if licence { None } else { Some(birth) },
                    sex: if licence { Sex::Unspecified } else { sex },
                    expiry_date: if format == MrzFormat::FrenchNationalId {
                        None
                    } else {
                        Some(expiry)
                    },
                    personal_number: personal,
                    optional_data: optional,
                    optional_data_2: optional_2,
                };
                Case {
                    format,
                    input,
                    surname,
                    given,
                }
            },
        )
        .boxed()
}

fn any_case() -> BoxedStrategy<Case> {
    prop_oneof![
        case(MrzFormat::Td1, false),
        case(MrzFormat::Td1, true),
        case(MrzFormat::Td2, false),
        case(MrzFormat::Td2, true),
        case(MrzFormat::Td3, false),
        case(MrzFormat::MrvA, false),
        case(MrzFormat::MrvB, false),
        case(MrzFormat::FrenchNationalId, false),
        case(MrzFormat::FrenchDrivingLicense, false),
    ]
    .boxed()
}

fn short_number_case() -> BoxedStrategy<Case> {
    prop_oneof![
        case(MrzFormat::Td1, false),
        case(MrzFormat::Td2, false),
        case(MrzFormat::Td3, false),
        case(MrzFormat::MrvA, false),
        case(MrzFormat::MrvB, false),
        case(MrzFormat::FrenchNationalId, false),
        case(MrzFormat::FrenchDrivingLicense, false),
    ]
    .boxed()
}

fn lines_of(case: &Case) -> Vec<String> {
    match write(&case.input, case.format) {
        Ok(lines) => lines,
        Err(e) => panic!("writer refused a generated input: {e}\n{case:?}"),
    }
}

fn some(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// Whether the name was written whole (so it must read back exactly).
fn name_fits(case: &Case) -> bool {
    let surname = case.surname.join("<");
    let given = case.given.join("<");
    match case.format {
        MrzFormat::FrenchNationalId => surname.len() <= 25 && case.given.join("<<").len() <= 14,
        MrzFormat::FrenchDrivingLicense => surname.len() <= 8,
        _ => {
            let width = match case.format {
                MrzFormat::Td1 => 30,
                MrzFormat::Td2 | MrzFormat::MrvB => 31,
                _ => 39,
            };
            let needed = if given.is_empty() {
                surname.len()
            } else {
                surname.len() + 2 + given.len()
            };
            needed <= width
        }
    }
}

fn assert_round_trip(case: &Case, report: &MrzReport) {
    let i = &case.input;
    let f = &report.fields;
    assert_eq!(report.format, case.format);
    assert!(report.checks_ok, "{:#?}", report.checks);
    assert!(report.valid, "{:#?}", report.warnings);
    assert_eq!(f.document_code, some(&i.document_code));
    assert_eq!(f.issuing_state, some(&i.issuing_state));
    assert_eq!(f.document_number, some(&i.document_number));
    let french_id = case.format == MrzFormat::FrenchNationalId;
    let licence = case.format == MrzFormat::FrenchDrivingLicense;
    let nationality = if french_id {
        Some("FRA".to_string())
    } else if licence {
        None
    } else {
        some(&i.nationality)
    };
    assert_eq!(f.nationality, nationality);
    assert_eq!(f.birth_date, i.birth_date);
    assert_eq!(f.expiry_date, i.expiry_date);
    if !licence {
        assert_eq!(f.sex, Some(i.sex));
    }
    assert_eq!(f.personal_number, some(&i.personal_number));
    assert_eq!(f.optional_data, some(&i.optional_data));
    assert_eq!(f.optional_data_2, some(&i.optional_data_2));
    if name_fits(case) {
        assert_eq!(f.surname, some(&case.surname.join(" ")));
        assert_eq!(f.given_names, some(&case.given.join(" ")));
    } else {
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::NamePossiblyTruncated)
        );
        // Truncation keeps the start of the surname.
        let read = f.surname.clone().unwrap_or_default().replace(' ', "");
        let full = case.surname.concat();
        assert!(
            full.starts_with(read.get(..1).unwrap_or("")),
            "{read} / {full}"
        );
    }
}

/// The data positions protected by a check digit, per format: `(line, start, end)`.
/// Check-digit positions themselves are tested in `tests/mrz.rs`; the first five characters of
/// the French formats are excluded because they also select the format.
fn checked_ranges(format: MrzFormat) -> Vec<(usize, usize, usize)> {
    match format {
        MrzFormat::Td1 => vec![(0, 5, 14), (0, 15, 30), (1, 0, 6), (1, 8, 14), (1, 18, 29)],
        MrzFormat::Td2 => vec![(1, 0, 9), (1, 13, 19), (1, 21, 27), (1, 28, 35)],
        MrzFormat::Td3 => vec![(1, 0, 9), (1, 13, 19), (1, 21, 27), (1, 28, 42)],
        MrzFormat::MrvA | MrzFormat::MrvB => vec![(1, 0, 9), (1, 13, 19), (1, 21, 27)],
        MrzFormat::FrenchNationalId => {
            vec![
                (0, 5, 36),
                (1, 0, 12),
                (1, 13, 27),
                (1, 27, 33),
                (1, 34, 35),
            ]
        }
        MrzFormat::FrenchDrivingLicense => vec![(0, 5, 14), (0, 15, 29)],
    }
}

fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

fn blind(a: u8, b: u8) -> bool {
    value(a) % 10 == value(b) % 10
}

const MRZ_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

fn set(lines: &mut [Vec<u8>], line: usize, column: usize, c: u8) {
    if let Some(slot) = lines.get_mut(line).and_then(|l| l.get_mut(column)) {
        *slot = c;
    }
}

fn join(lines: &[Vec<u8>]) -> String {
    lines
        .iter()
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Grammar of a position for the OCR noise model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Letters-only (names, country codes).
    Alpha,
    /// Dates and check digits.
    Digit,
    /// Alphanumeric protected by a check digit. A check digit can only prove a correction if
    /// there is one misread in what it guards, so the noise model makes at most one swap per
    /// region (see the module documentation of `kyc_documents::mrz`).
    Checked(usize),
    /// Anything else (document codes, sex, unprotected optional data, fillers): left alone.
    Other,
}

fn classify(format: MrzFormat, line: usize, column: usize, chinese: bool) -> Class {
    let within = |l: usize, a: usize, b: usize| line == l && column >= a && column < b;
    let digits: &[(usize, usize, usize)] = match format {
        MrzFormat::Td1 => &[(0, 14, 15), (1, 0, 7), (1, 8, 15), (1, 29, 30)],
        MrzFormat::Td2 => &[(1, 9, 10), (1, 13, 20), (1, 21, 28), (1, 35, 36)],
        MrzFormat::Td3 => &[(1, 9, 10), (1, 13, 20), (1, 21, 28), (1, 42, 44)],
        MrzFormat::MrvA | MrzFormat::MrvB => &[(1, 9, 10), (1, 13, 20), (1, 21, 28)],
        MrzFormat::FrenchNationalId => &[(1, 12, 13), (1, 27, 34), (1, 35, 36)],
        MrzFormat::FrenchDrivingLicense => &[(0, 14, 21), (0, 29, 30)],
    };
    let alpha: &[(usize, usize, usize)] = match format {
        MrzFormat::Td1 => &[(0, 2, 5), (1, 15, 18), (2, 0, 30)],
        MrzFormat::Td2 | MrzFormat::MrvB => &[(0, 2, 36), (1, 10, 13)],
        MrzFormat::Td3 | MrzFormat::MrvA => &[(0, 2, 44), (1, 10, 13)],
        MrzFormat::FrenchNationalId => &[(0, 5, 30), (1, 13, 27)],
        MrzFormat::FrenchDrivingLicense => &[(0, 21, 29)],
    };
    let checked: &[(usize, usize, usize)] = match format {
        MrzFormat::Td1 => &[(0, 5, 14), (0, 15, 30), (1, 18, 29)],
        MrzFormat::Td2 => &[(1, 0, 9), (1, 28, 35)],
        MrzFormat::Td3 => &[(1, 0, 9), (1, 28, 42)],
        MrzFormat::MrvA | MrzFormat::MrvB => &[(1, 0, 9)],
        MrzFormat::FrenchNationalId => &[(0, 30, 36), (1, 0, 12)],
        MrzFormat::FrenchDrivingLicense => &[(0, 5, 14)],
    };
    if chinese && within(1, 42, 43) {
        return Class::Other;
    }
    if digits.iter().any(|&(l, a, b)| within(l, a, b)) {
        return Class::Digit;
    }
    if alpha.iter().any(|&(l, a, b)| within(l, a, b)) {
        return Class::Alpha;
    }
    if let Some(index) = checked.iter().position(|&(l, a, b)| within(l, a, b)) {
        // One region per check digit that guards it: TD1's two optional data fields are only
        // guarded by the composite, so together they are one region.
        let region = if format == MrzFormat::Td1 {
            index.min(1)
        } else {
            index
        };
        return Class::Checked(region);
    }
    Class::Other
}

/// One OCR misreading of `c` in a position of class `class`, chosen by `pick`.
fn misread(class: Class, c: u8, pick: u8) -> Option<u8> {
    let options: &[u8] = match (class, c) {
        (Class::Alpha, b'O') => b"0",
        (Class::Alpha, b'I') => b"1",
        (Class::Alpha, b'Z') => b"2",
        (Class::Alpha, b'S') => b"5",
        (Class::Alpha, b'G') => b"6",
        (Class::Alpha, b'B') => b"8",
        (Class::Digit, b'0') => b"ODQ",
        (Class::Digit, b'1') => b"IL",
        (Class::Digit, b'2') => b"Z",
        (Class::Digit, b'5') => b"S",
        (Class::Digit, b'6') => b"G",
        (Class::Digit, b'8') => b"B",
        // Checked alphanumeric fields: only swaps a check digit can see.
        (Class::Checked(_), b'0') => b"ODQ",
        (Class::Checked(_), b'1') => b"I",
        (Class::Checked(_), b'2') => b"Z",
        (Class::Checked(_), b'5') => b"S",
        (Class::Checked(_), b'8') => b"B",
        (Class::Checked(_), b'O' | b'D' | b'Q') => b"0",
        (Class::Checked(_), b'I') => b"1",
        (Class::Checked(_), b'Z') => b"2",
        (Class::Checked(_), b'S') => b"5",
        (Class::Checked(_), b'B') => b"8",
        _ => b"",
    };
    if options.is_empty() {
        None
    } else {
        options.get(usize::from(pick) % options.len()).copied()
    }
}

#[derive(Debug, Clone)]
struct Noise {
    lowercase: bool,
    join_lines: bool,
    /// `(position seed, choice)` pairs for substitutions.
    swaps: Vec<(u16, u8)>,
    /// Positions where `<` is replaced by `«`.
    guillemets: Vec<u16>,
    /// Positions where a space is inserted.
    spaces: Vec<u16>,
}

fn noise() -> impl Strategy<Value = Noise> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((any::<u16>(), any::<u8>()), 0..8),
        prop::collection::vec(any::<u16>(), 0..4),
        prop::collection::vec(any::<u16>(), 0..3),
    )
        .prop_map(|(lowercase, join_lines, swaps, guillemets, spaces)| Noise {
            lowercase,
            join_lines,
            swaps,
            guillemets,
            spaces,
        })
}

/// Where a long TD1/TD2 document number's overflow and check digit sit: `(line, from, to)`.
fn long_overflow(format: MrzFormat, clean: &[String]) -> Option<(usize, usize, usize)> {
    let (line, check, start, end) = match format {
        MrzFormat::Td1 => (0, 14, 15, 30),
        MrzFormat::Td2 => (1, 9, 28, 35),
        _ => return None,
    };
    let text = clean.get(line)?.as_bytes();
    if text.get(check) != Some(&b'<') {
        return None;
    }
    let len = text
        .get(start..end)?
        .iter()
        .take_while(|&&c| c != b'<')
        .count();
    (len >= 2).then_some((line, start, start + len))
}

/// Applies the noise; returns the noisy text.
fn apply_noise(format: MrzFormat, clean: &[String], noise: &Noise) -> String {
    let mut lines: Vec<Vec<u8>> = clean.iter().map(|l| l.as_bytes().to_vec()).collect();
    let chinese = format == MrzFormat::Td3
        && lines.first().and_then(|l| l.get(2..5)) == Some(b"CHN".as_slice());
    let width = lines.first().map_or(1, Vec::len).max(1);
    let total = lines.iter().map(Vec::len).sum::<usize>().max(1);
    let mut swapped_fields: Vec<usize> = Vec::new();
    for &(seed, pick) in &noise.swaps {
        let index = usize::from(seed) % total;
        let (line, column) = (index / width, index % width);
        let c = lines
            .get(line)
            .and_then(|l| l.get(column))
            .copied()
            .unwrap_or(0);
        let mut class = classify(format, line, column, chinese);
        // A long document number's overflow (and its check digit) is guarded by the document
        // number's check digit: same region as the principal part.
        if let Some((overflow_line, from, to)) = long_overflow(format, clean)
            && line == overflow_line
            && (from..to).contains(&column)
        {
            class = if column + 1 == to {
                Class::Digit
            } else {
                Class::Checked(0)
            };
        }
        if let Class::Checked(field) = class {
            if swapped_fields.contains(&field) {
                continue;
            }
            if let Some(to) = misread(class, c, pick) {
                swapped_fields.push(field);
                set(&mut lines, line, column, to);
            }
        } else if let Some(to) = misread(class, c, pick) {
            set(&mut lines, line, column, to);
        }
    }
    let mut chars: Vec<Vec<char>> = lines
        .iter()
        .map(|l| l.iter().map(|&b| char::from(b)).collect())
        .collect();
    for &seed in &noise.guillemets {
        let index = usize::from(seed) % total;
        if let Some(c) = chars
            .get_mut(index / width)
            .and_then(|l| l.get_mut(index % width))
            && *c == '<'
        {
            *c = '«';
        }
    }
    let mut text_lines: Vec<String> = chars
        .into_iter()
        .map(|l| {
            let s: String = l.into_iter().collect();
            if noise.lowercase { s.to_lowercase() } else { s }
        })
        .collect();
    for &seed in &noise.spaces {
        let index = usize::from(seed) % total;
        if let Some(line) = text_lines.get_mut(index / width) {
            let at = line
                .char_indices()
                .nth(index % width)
                .map_or(line.len(), |(i, _)| i);
            line.insert(at, ' ');
        }
    }
    let separator = if noise.join_lines { "" } else { "\n" };
    text_lines.join(separator)
}

/// 512 cases by default; `PROPTEST_CASES` overrides. No regression files are written.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 512;
    }
    config.failure_persistence = None;
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn write_then_parse_round_trips(case in any_case()) {
        let lines = lines_of(&case);
        let text = lines.join("\n");
        let report = parse(&text, &options()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_round_trip(&case, &report);
        prop_assert!(report.corrections.is_empty());
        // Lenient mode reads clean text the same way, without changing anything.
        let relaxed = parse_lenient(&text, &options())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&relaxed.fields, &report.fields);
        prop_assert!(relaxed.corrections.is_empty());
        prop_assert_eq!(relaxed.valid, report.valid);
    }

    #[test]
    fn a_single_substitution_is_caught_unless_it_is_a_blind_spot(
        case in short_number_case(),
        which in any::<prop::sample::Index>(),
        offset in any::<prop::sample::Index>(),
        replacement in any::<prop::sample::Index>(),
    ) {
        let clean = lines_of(&case);
        let mut lines: Vec<Vec<u8>> = clean.iter().map(|l| l.as_bytes().to_vec()).collect();
        let ranges = checked_ranges(case.format);
        let (line, start, end) = *which.get(&ranges);
        let column = start + offset.index(end - start);
        let original = lines.get(line).and_then(|l| l.get(column)).copied().unwrap_or(0);
        let others: Vec<u8> = MRZ_CHARS.iter().copied().filter(|&c| c != original).collect();
        let replacement = *replacement.get(&others);
        set(&mut lines, line, column, replacement);
        let report = parse(&join(&lines), &options())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let is_blind = blind(original, replacement);
        if is_blind {
            // The one documented exception the other way round: an empty TD3 personal number
            // whose check digit is `<` stops being empty, so `<` is no longer accepted.
            let empty_personal_with_filler_check = case.format == MrzFormat::Td3
                && line == 1
                && (28..42).contains(&column)
                && report
                    .check(CheckField::PersonalNumber)
                    .is_some_and(|c| c.found == '<');
            prop_assert!(
                report.checks_ok || empty_personal_with_filler_check,
                "blind-spot swap {}->{} at {line}:{column} was caught",
                original as char, replacement as char
            );
        } else {
            prop_assert!(
                !report.checks_ok,
                "swap {}->{} at {line}:{column} was not caught:\n{}",
                original as char, replacement as char, join(&lines)
            );
            prop_assert!(!report.valid);
        }
    }

    #[test]
    fn lenient_never_returns_a_different_valid_mrz_after_ocr_noise(
        case in any_case(),
        noise in noise(),
    ) {
        let clean = lines_of(&case);
        let expected = parse(&clean.join("\n"), &options())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let noisy = apply_noise(case.format, &clean, &noise);
        let report = parse_lenient(&noisy, &options())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{noisy}")))?;
        if report.valid {
            prop_assert_eq!(&report.fields, &expected.fields, "\n{}\n{:#?}", noisy, report.corrections);
            prop_assert_eq!(&report.lines, &expected.lines);
        }
    }

    #[test]
    fn blind_spot_swaps_are_reported_not_fixed(
        case in short_number_case(),
        at in any::<prop::sample::Index>(),
        planted in select(b"6G1L".to_vec()),
    ) {
        // Plant a `6`, `G`, `1` or `L` in the document number, write, then swap it with its
        // look-alike: the check digits cannot see the swap.
        let mut case = case;
        let mut number: Vec<u8> = case.input.document_number.bytes().collect();
        let index = at.index(number.len());
        if let Some(slot) = number.get_mut(index) {
            *slot = planted;
        }
        case.input.document_number = String::from_utf8_lossy(&number).into_owned();
        let clean = lines_of(&case);
        let (line, start) = match case.format {
            MrzFormat::Td1 | MrzFormat::FrenchDrivingLicense => (0, 5),
            _ => (1, 0),
        };
        let column = start + index;
        let swapped = match planted {
            b'6' => b'G',
            b'G' => b'6',
            b'1' => b'L',
            _ => b'1',
        };
        let mut lines: Vec<Vec<u8>> = clean.iter().map(|l| l.as_bytes().to_vec()).collect();
        set(&mut lines, line, column, swapped);
        let report = parse_lenient(&join(&lines), &options())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(report.checks_ok);
        prop_assert!(report.corrections.is_empty());
        prop_assert!(report.warnings.iter().any(|w| w.code == WarningCode::CheckDigitBlindSpot
            && w.line == Some(line + 1)
            && w.column == Some(column)));
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = parse(&text, &options());
        let _ = parse_lenient(&text, &options());
    }

    #[test]
    fn parsers_never_panic_on_mrz_like_text(
        text in regex("[A-Z0-9<\n «lo]{0,100}"),
    ) {
        for r in [parse(&text, &options()), parse_lenient(&text, &options())].into_iter().flatten() {
            prop_assert!(!r.valid || r.checks_ok);
        }
    }

    #[test]
    fn parsers_never_panic_on_mutated_mrzs(
        case in any_case(),
        edits in prop::collection::vec((any::<u16>(), any::<char>()), 0..6),
    ) {
        let mut chars: Vec<char> = lines_of(&case).join("\n").chars().collect();
        for (seed, c) in edits {
            let len = chars.len().max(1);
            let at = usize::from(seed) % len;
            match seed % 3 {
                0 => { if let Some(slot) = chars.get_mut(at) { *slot = c; } }
                1 => chars.insert(at.min(chars.len()), c),
                _ => { if at < chars.len() { chars.remove(at); } }
            }
        }
        let text: String = chars.into_iter().collect();
        for r in [parse(&text, &options()), parse_lenient(&text, &options())].into_iter().flatten() {
            prop_assert!(!r.valid || r.checks_ok);
            prop_assert_eq!(r.lines.len(), r.format.shape().0);
        }
    }

    #[test]
    fn check_digit_matches_the_definition(text in regex("[A-Z0-9<]{0,40}")) {
        let expected = text
            .bytes()
            .enumerate()
            .map(|(i, c)| value(c) * [7, 3, 1][i % 3])
            .sum::<u32>() % 10;
        prop_assert_eq!(check_digit(&text).map(u32::from), Some(expected));
    }
}
