//! Turning recognised MRZ lines into an [`MrzReport`]: check digits, typed fields, spans,
//! warnings. Shared by the strict and the lenient entry points; applies no corrections itself.

use time::{Date, Month};

use super::charset::{FILLER, check_digit_of};
use super::layout::{CheckDef, FieldDef, FieldId, Kind, Plan, Range, byte_at, slice};
use super::report::{
    Check, Correction, FillerConvention, MrzFields, MrzFormat, MrzReport, ParseMode, RawText, Sex,
    Span, Spans, Warning, WarningCode, format_date,
};

/// Verifies one check digit.
pub(crate) fn evaluate_check(def: &CheckDef, lines: &[Vec<u8>]) -> Check {
    let found = byte_at(lines, def.line, def.column);
    let computed = check_digit_of(def.covers.iter().map(|r| slice(lines, r)));
    let computed_with_filler = def
        .covers_with_filler
        .map(|ranges| check_digit_of(ranges.iter().map(|r| slice(lines, r))));
    let mut expected = computed;
    let mut convention = None;
    let mut note = None;
    let valid = if found.is_ascii_digit() {
        let digit = found - b'0';
        match computed_with_filler {
            Some(alt) => {
                let without = digit == computed;
                let with = digit == alt;
                convention = Some(match (without, with) {
                    (true, true) => FillerConvention::Both,
                    (false, true) => FillerConvention::WithFiller,
                    _ => FillerConvention::WithoutFiller,
                });
                if with && !without {
                    expected = alt;
                }
                if !with && !without {
                    note = Some(format!(
                        "long document number: neither the ICAO computation without the filler \
                         ({computed}) nor the one including it ({alt}) matches"
                    ));
                }
                with || without
            }
            None => digit == computed,
        }
    } else if found == FILLER
        && def.filler_when_empty
        && def
            .covers
            .iter()
            .all(|r| slice(lines, r).iter().all(|&c| c == FILLER))
    {
        note = Some("`<` accepted: the protected field is empty (ICAO 9303 Part 4)".to_string());
        true
    } else {
        false
    };
    Check {
        field: def.field,
        valid,
        expected: char::from(b'0' + expected),
        found: char::from(found),
        line: def.line + 1,
        column: def.column,
        enforced: def.enforced,
        convention,
        note,
    }
}

/// MRZ lines are ASCII by construction (anything else would come out as U+FFFD).
fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Splits on fillers, drops empty parts, joins with single spaces; `None` when nothing is left.
fn words(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    for part in bytes.split(|&c| c == FILLER).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        match std::str::from_utf8(part) {
            Ok(s) => out.push_str(s),
            Err(_) => out.push_str(&String::from_utf8_lossy(part)),
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// A country or organisation code: fillers trimmed, `D` (Germany) mapped to `DEU`.
fn country_code(bytes: &[u8]) -> Result<Option<String>, ()> {
    let trimmed: Vec<u8> = bytes.iter().copied().filter(|&c| c != FILLER).collect();
    let inner_filler = bytes
        .iter()
        .rposition(|&c| c != FILLER)
        .is_some_and(|last| bytes.iter().take(last).any(|&c| c == FILLER));
    if trimmed.is_empty() {
        return Ok(None);
    }
    if inner_filler || !trimmed.iter().all(u8::is_ascii_uppercase) {
        return Err(());
    }
    if trimmed == b"D" {
        return Ok(Some("DEU".to_string()));
    }
    Ok(Some(text(&trimmed)))
}

/// Which century a two-digit year goes to.
#[derive(Clone, Copy)]
enum DateRole {
    /// The latest century that does not put the date after today.
    Birth,
    /// The century that puts the date in (today − 80 years, today + 20 years].
    Expiry,
}

enum ReadDate {
    Real(Date),
    /// Fillers in the date: unknown (ICAO allows this for an unknown date of birth).
    Unknown,
    Invalid,
}

fn read_date(bytes: &[u8], today: Date, role: DateRole) -> ReadDate {
    if bytes.len() != 6 {
        return ReadDate::Invalid;
    }
    if bytes.contains(&FILLER) {
        return if bytes.iter().all(|&c| c == FILLER || c.is_ascii_digit()) {
            ReadDate::Unknown
        } else {
            ReadDate::Invalid
        };
    }
    if !bytes.iter().all(u8::is_ascii_digit) {
        return ReadDate::Invalid;
    }
    let two = |i: usize| -> i32 {
        let tens = bytes.get(i).map_or(0, |&c| i32::from(c - b'0'));
        let units = bytes.get(i + 1).map_or(0, |&c| i32::from(c - b'0'));
        tens * 10 + units
    };
    let (yy, mm, dd) = (two(0), two(2), two(4));
    let year = infer_year(yy, mm, dd, today, role);
    let Ok(month) = Month::try_from(u8::try_from(mm).unwrap_or(0)) else {
        return ReadDate::Invalid;
    };
    match Date::from_calendar_date(year, month, u8::try_from(dd).unwrap_or(0)) {
        Ok(date) => ReadDate::Real(date),
        Err(_) => ReadDate::Invalid,
    }
}

/// Century inference; compares `(year, month, day)` tuples so that it also works for dates that
/// turn out not to exist.
fn infer_year(yy: i32, mm: i32, dd: i32, today: Date, role: DateRole) -> i32 {
    let today_year = today.year();
    let today_key = (i32::from(u8::from(today.month())), i32::from(today.day()));
    let century = today_year - today_year.rem_euclid(100);
    let mut year = century + yy;
    match role {
        DateRole::Birth => {
            if (year, mm, dd) > (today_year, today_key.0, today_key.1) {
                year -= 100;
            }
        }
        DateRole::Expiry => {
            if (year, mm, dd) > (today_year + 20, today_key.0, today_key.1) {
                year -= 100;
            } else if (year, mm, dd) <= (today_year - 80, today_key.0, today_key.1) {
                year += 100;
            }
        }
    }
    year
}

fn span(range: Range, lines: &[Vec<u8>]) -> Span {
    Span {
        line: range.line + 1,
        start: range.start,
        end: range.end,
        raw: RawText::new(slice(lines, range)),
    }
}

/// Everything needed to build a report from recognised lines.
pub(crate) struct DecodeInput<'a> {
    pub plan: &'a Plan,
    pub lines: &'a [Vec<u8>],
    pub today: Date,
    pub mode: ParseMode,
    pub corrections: Vec<Correction>,
    pub warnings: Vec<Warning>,
}

/// Builds the report.
pub(crate) fn decode(input: DecodeInput<'_>) -> MrzReport {
    let DecodeInput {
        plan,
        lines,
        today,
        mode,
        corrections,
        mut warnings,
    } = input;
    let format = plan.format;

    let checks: Vec<Check> = plan
        .checks
        .iter()
        .map(|def| evaluate_check(def, lines))
        .collect();
    for check in checks.iter().filter(|c| !c.valid) {
        if check.enforced {
            warnings.push(Warning::at(
                WarningCode::CheckDigitMismatch,
                check.line,
                Some(check.column),
                format!(
                    "{} check digit: computed {}, found '{}' (line {}, column {})",
                    check.field.name(),
                    check.expected,
                    check.found,
                    check.line,
                    check.column
                ),
            ));
        } else {
            warnings.push(Warning::at(
                WarningCode::ChinesePersonalNumberCheckNotEnforced,
                check.line,
                Some(check.column),
                format!(
                    "Chinese passport: the personal-number field is fully used and its check \
                     digit '{}' does not match the ICAO computation ({}); not enforced, the \
                     composite check digit still covers these positions",
                    check.found, check.expected
                ),
            ));
        }
    }
    let checks_ok = checks.iter().all(|c| c.valid || !c.enforced);

    let mut fields = MrzFields::default();
    let mut spans = Spans::default();
    let mut fields_ok = true;
    let mut principal_number: Option<Vec<u8>> = None;
    let mut overflow_number: Option<Vec<u8>> = None;

    for def in &plan.fields {
        let bytes = slice(lines, def.range);
        let line_no = def.range.line + 1;
        match def.id {
            FieldId::DocumentCode => {
                spans.insert("document_code", span(def.range, lines));
                let ok = match def.kind {
                    Kind::LicenceCode => {
                        bytes.first().is_some_and(u8::is_ascii_uppercase)
                            && bytes.get(1).is_some_and(u8::is_ascii_alphanumeric)
                    }
                    _ => {
                        bytes.first().is_some_and(u8::is_ascii_uppercase)
                            && bytes.iter().all(|&c| c.is_ascii_uppercase() || c == FILLER)
                    }
                };
                if ok {
                    fields.document_code = words(bytes);
                    if format == MrzFormat::Td3 && bytes.first() != Some(&b'P') {
                        warnings.push(Warning::at(
                            WarningCode::UnusualDocumentCode,
                            line_no,
                            Some(def.range.start),
                            format!(
                                "a 2x44 MRZ whose document code '{}' is neither P (passport) \
                                 nor V (visa); read as TD3",
                                text(bytes)
                            ),
                        ));
                    }
                } else {
                    fields_ok = false;
                    warnings.push(Warning::at(
                        WarningCode::CodeInvalid,
                        line_no,
                        Some(def.range.start),
                        format!("document code '{}' is not a letter code", text(bytes)),
                    ));
                }
            }
            FieldId::IssuingState | FieldId::Nationality => {
                let name = def.id.name();
                spans.insert(name, span(def.range, lines));
                match country_code(bytes) {
                    Ok(Some(code)) => {
                        if def.id == FieldId::IssuingState {
                            fields.issuing_state = Some(code);
                        } else {
                            fields.nationality = Some(code);
                        }
                    }
                    Ok(None) | Err(()) => {
                        fields_ok = false;
                        warnings.push(Warning::at(
                            WarningCode::CodeInvalid,
                            line_no,
                            Some(def.range.start),
                            format!(
                                "{name} '{}' is not a code of one to three letters",
                                text(bytes)
                            ),
                        ));
                    }
                }
            }
            FieldId::Name => {
                let ok = read_full_name(def, lines, &mut fields, &mut spans, &mut warnings);
                fields_ok &= ok;
            }
            FieldId::Surname | FieldId::GivenNames => {
                let name = def.id.name();
                let ok = bytes.iter().all(|&c| c.is_ascii_uppercase() || c == FILLER);
                let value = words(bytes);
                if ok && (value.is_some() || def.id == FieldId::GivenNames) {
                    if let Some(end) = bytes.iter().rposition(|&c| c != FILLER) {
                        let first = bytes.iter().position(|&c| c != FILLER).unwrap_or(0);
                        spans.insert(
                            name,
                            span(
                                Range {
                                    line: def.range.line,
                                    start: def.range.start + first,
                                    end: def.range.start + end + 1,
                                },
                                lines,
                            ),
                        );
                    }
                    if def.id == FieldId::Surname {
                        fields.surname = value;
                    } else {
                        fields.given_names = value;
                    }
                    if bytes.last().is_some_and(u8::is_ascii_uppercase) {
                        warnings.push(truncation_warning(def, name));
                    }
                } else {
                    fields_ok = false;
                    warnings.push(Warning::at(
                        WarningCode::NameInvalid,
                        line_no,
                        Some(def.range.start),
                        format!(
                            "{name} '{}' holds characters other than letters and fillers, or \
                             is empty",
                            text(bytes)
                        ),
                    ));
                }
            }
            FieldId::DocumentNumber => {
                spans.insert("document_number", span(def.range, lines));
                principal_number = Some(bytes.to_vec());
            }
            FieldId::DocumentNumberOverflow => {
                spans.insert("document_number_overflow", span(def.range, lines));
                overflow_number = Some(bytes.to_vec());
            }
            FieldId::BirthDate | FieldId::ExpiryDate => {
                let birth = def.id == FieldId::BirthDate;
                let name = def.id.name();
                spans.insert(name, span(def.range, lines));
                let role = if birth {
                    DateRole::Birth
                } else {
                    DateRole::Expiry
                };
                let value = match read_date(bytes, today, role) {
                    ReadDate::Real(date) => {
                        if !birth && date < today {
                            warnings.push(Warning::at(
                                WarningCode::DocumentExpired,
                                line_no,
                                Some(def.range.start),
                                format!(
                                    "the document expired on {} (today is {})",
                                    format_date(date),
                                    format_date(today)
                                ),
                            ));
                        }
                        if birth && date > today {
                            // Cannot happen with the inference rule, kept as a guard.
                            fields_ok = false;
                        }
                        Some(date)
                    }
                    ReadDate::Unknown => {
                        let code = if birth {
                            WarningCode::BirthDateUnknown
                        } else {
                            WarningCode::ExpiryDateUnknown
                        };
                        warnings.push(Warning::at(
                            code,
                            line_no,
                            Some(def.range.start),
                            format!("{name} '{}' holds fillers: date unknown", text(bytes)),
                        ));
                        None
                    }
                    ReadDate::Invalid => {
                        fields_ok = false;
                        let code = if birth {
                            WarningCode::BirthDateInvalid
                        } else {
                            WarningCode::ExpiryDateInvalid
                        };
                        warnings.push(Warning::at(
                            code,
                            line_no,
                            Some(def.range.start),
                            format!("{name} '{}' is not a real YYMMDD date", text(bytes)),
                        ));
                        None
                    }
                };
                if birth {
                    fields.birth_date = value;
                } else {
                    fields.expiry_date = value;
                }
            }
            FieldId::Sex => {
                spans.insert("sex", span(def.range, lines));
                fields.sex = match bytes.first() {
                    Some(b'M') => Some(Sex::Male),
                    Some(b'F') => Some(Sex::Female),
                    Some(b'<') | Some(b'X') => Some(Sex::Unspecified),
                    _ => {
                        fields_ok = false;
                        warnings.push(Warning::at(
                            WarningCode::SexInvalid,
                            line_no,
                            Some(def.range.start),
                            format!("sex '{}' is not M, F, X or <", text(bytes)),
                        ));
                        None
                    }
                };
            }
            FieldId::PersonalNumber | FieldId::OptionalData | FieldId::OptionalData2 => {
                let name = def.id.name();
                spans.insert(name, span(def.range, lines));
                let value = words(bytes);
                match def.id {
                    FieldId::PersonalNumber => fields.personal_number = value,
                    FieldId::OptionalData => fields.optional_data = value,
                    _ => fields.optional_data_2 = value,
                }
            }
            FieldId::Check(_) | FieldId::LongNumberMarker => {}
        }
    }

    let mut number: Vec<u8> = principal_number.unwrap_or_default();
    if let Some(overflow) = overflow_number {
        number.extend_from_slice(&overflow);
    }
    fields.document_number = words(&number);
    if fields.document_number.is_none() {
        fields_ok = false;
        warnings.push(Warning::new(
            WarningCode::CodeInvalid,
            "the document number is empty",
        ));
    }

    if format == MrzFormat::FrenchNationalId {
        // Only issued to French nationals; the MRZ has no nationality field.
        fields.nationality = Some("FRA".to_string());
    }

    // In lenient mode an unresolved ambiguity means the reading is not proven.
    let unresolved = mode == ParseMode::Lenient
        && warnings
            .iter()
            .any(|w| w.code == WarningCode::AmbiguousCorrection);

    MrzReport {
        format,
        checks_ok,
        valid: checks_ok && fields_ok && !unresolved,
        fields,
        checks,
        corrections,
        warnings,
        spans,
        lines: lines.iter().map(|l| text(l)).collect(),
        mode,
    }
}

fn truncation_warning(def: &FieldDef, name: &str) -> Warning {
    Warning::at(
        WarningCode::NamePossiblyTruncated,
        def.range.line + 1,
        Some(def.range.end - 1),
        format!(
            "the {name} field ends with a letter: ICAO 9303 says to assume the name may have \
             been truncated"
        ),
    )
}

/// `SURNAME<<GIVEN<NAMES<<<`: the first `<<` separates the primary from the secondary
/// identifier. Returns whether the name parses.
fn read_full_name(
    def: &FieldDef,
    lines: &[Vec<u8>],
    fields: &mut MrzFields,
    spans: &mut Spans,
    warnings: &mut Vec<Warning>,
) -> bool {
    let bytes = slice(lines, def.range);
    let line_no = def.range.line + 1;
    let letters_only = bytes.iter().all(|&c| c.is_ascii_uppercase() || c == FILLER);
    let used = bytes
        .iter()
        .rposition(|&c| c != FILLER)
        .map_or(0, |p| p + 1);
    let name = bytes.get(..used).unwrap_or(&[]);
    let separator = name.windows(2).position(|w| w == b"<<");
    let (surname, given, given_offset) = match separator {
        Some(i) => (
            name.get(..i).unwrap_or(&[]),
            name.get(i + 2..).unwrap_or(&[]),
            i + 2,
        ),
        None => (name, &[][..], used),
    };
    let surname_value = words(surname);
    let given_value = words(given);
    if !letters_only || (surname_value.is_none() && given_value.is_none()) {
        warnings.push(Warning::at(
            WarningCode::NameInvalid,
            line_no,
            Some(def.range.start),
            format!(
                "name '{}' holds characters other than letters and fillers, or is empty",
                text(bytes)
            ),
        ));
        return false;
    }
    if surname_value.is_some() {
        let first = surname.iter().position(|&c| c != FILLER).unwrap_or(0);
        spans.insert(
            "surname",
            span(
                Range {
                    line: def.range.line,
                    start: def.range.start + first,
                    end: def.range.start + surname.len(),
                },
                lines,
            ),
        );
    }
    if given_value.is_some() {
        let first = given.iter().position(|&c| c != FILLER).unwrap_or(0);
        spans.insert(
            "given_names",
            span(
                Range {
                    line: def.range.line,
                    start: def.range.start + given_offset + first,
                    end: def.range.start + used,
                },
                lines,
            ),
        );
    }
    fields.surname = surname_value;
    fields.given_names = given_value;
    if bytes.last().is_some_and(u8::is_ascii_uppercase) {
        warnings.push(truncation_warning(def, "name"));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn year(yy: i32, mm: i32, dd: i32, today: Date, role: DateRole) -> i32 {
        infer_year(yy, mm, dd, today, role)
    }

    #[test]
    fn birth_century_is_the_latest_not_after_today() {
        let today = date!(2026 - 11 - 22);
        assert_eq!(year(26, 11, 22, today, DateRole::Birth), 2026);
        assert_eq!(year(26, 11, 23, today, DateRole::Birth), 1926);
        assert_eq!(year(0, 1, 1, today, DateRole::Birth), 2000);
        assert_eq!(year(99, 12, 31, today, DateRole::Birth), 1999);
        let new_year = date!(2000 - 01 - 01);
        assert_eq!(year(0, 1, 1, new_year, DateRole::Birth), 2000);
        assert_eq!(year(0, 1, 2, new_year, DateRole::Birth), 1900);
    }

    #[test]
    fn expiry_window_is_80_years_back_to_20_years_ahead() {
        let today = date!(2026 - 11 - 22);
        assert_eq!(year(46, 11, 22, today, DateRole::Expiry), 2046);
        assert_eq!(year(46, 11, 23, today, DateRole::Expiry), 1946);
        assert_eq!(year(46, 11, 21, today, DateRole::Expiry), 2046);
        assert_eq!(year(12, 4, 15, today, DateRole::Expiry), 2012);
        assert_eq!(year(47, 1, 1, today, DateRole::Expiry), 1947);
        // 80 years back exactly is outside the window, one day later is inside.
        let later = date!(2046 - 11 - 22);
        assert_eq!(year(66, 11, 22, later, DateRole::Expiry), 2066);
        assert_eq!(year(66, 11, 23, later, DateRole::Expiry), 1966);
        assert_eq!(
            year(66, 11, 22, date!(2146 - 11 - 22), DateRole::Expiry),
            2166
        );
    }

    #[test]
    fn fillers_mean_unknown_dates() {
        let today = date!(2026 - 11 - 22);
        assert!(matches!(
            read_date(b"<<<<<<", today, DateRole::Birth),
            ReadDate::Unknown
        ));
        assert!(matches!(
            read_date(b"74<<<<", today, DateRole::Birth),
            ReadDate::Unknown
        ));
        assert!(matches!(
            read_date(b"740230", today, DateRole::Birth),
            ReadDate::Invalid
        ));
        assert!(matches!(
            read_date(b"000229", today, DateRole::Birth),
            ReadDate::Real(_)
        ));
        assert!(matches!(
            read_date(b"7A0812", today, DateRole::Birth),
            ReadDate::Invalid
        ));
    }
}
