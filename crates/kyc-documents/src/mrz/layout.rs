//! Where every field and check digit sits in each format, and how the format is recognised.
//!
//! Positions here are 0-based (line index, column range end-exclusive); ICAO's tables are
//! 1-based, so ICAO "positions 6 to 14 of line 1" is `(0, 5, 14)` here.

use super::charset::{FILLER, letter_for_digit};
use super::report::{CheckField, MrzFormat};

/// A range of one line: `(line index, start column, end column)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

const fn r(line: usize, start: usize, end: usize) -> Range {
    Range { line, start, end }
}

/// What a field is, for naming spans and corrections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldId {
    DocumentCode,
    IssuingState,
    /// Surname and given names together (`SURNAME<<GIVEN<NAMES`).
    Name,
    /// Surname alone (French formats).
    Surname,
    /// Given names alone (French national ID).
    GivenNames,
    DocumentNumber,
    /// The overflow of a long TD1/TD2 document number, printed in the optional data field.
    DocumentNumberOverflow,
    Nationality,
    BirthDate,
    Sex,
    ExpiryDate,
    PersonalNumber,
    OptionalData,
    OptionalData2,
    /// The check digit of a field.
    Check(CheckField),
    /// The `<` printed instead of a long document number's check digit.
    LongNumberMarker,
}

impl FieldId {
    pub(crate) fn name(self) -> &'static str {
        match self {
            FieldId::DocumentCode => "document_code",
            FieldId::IssuingState => "issuing_state",
            FieldId::Name => "name",
            FieldId::Surname => "surname",
            FieldId::GivenNames => "given_names",
            FieldId::DocumentNumber => "document_number",
            FieldId::DocumentNumberOverflow => "document_number",
            FieldId::Nationality => "nationality",
            FieldId::BirthDate => "birth_date",
            FieldId::Sex => "sex",
            FieldId::ExpiryDate => "expiry_date",
            FieldId::PersonalNumber => "personal_number",
            FieldId::OptionalData => "optional_data",
            FieldId::OptionalData2 => "optional_data_2",
            FieldId::Check(CheckField::DocumentNumber) => "document_number_check",
            FieldId::Check(CheckField::BirthDate) => "birth_date_check",
            FieldId::Check(CheckField::ExpiryDate) => "expiry_date_check",
            FieldId::Check(CheckField::PersonalNumber) => "personal_number_check",
            FieldId::Check(CheckField::OptionalData) => "optional_data_check",
            FieldId::Check(CheckField::Composite) => "composite_check",
            FieldId::LongNumberMarker => "document_number_check",
        }
    }
}

/// The grammar of a field: which characters it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and fillers (names, country codes, document code).
    Alpha,
    /// Document code of the French driving licence (`D1`): letter then digit.
    LicenceCode,
    /// Digits (dates). Fillers are tolerated (unknown date) but never produced.
    Digits,
    /// A check digit: a digit (or `<` where the format allows it).
    CheckDigit,
    /// Letters, digits and fillers (document number, personal number, optional data).
    AlphaNumeric,
    /// `M`, `F`, `X` or `<`.
    Sex,
    /// A position that must hold `<`.
    Filler,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldDef {
    pub id: FieldId,
    pub range: Range,
    pub kind: Kind,
}

const fn f(id: FieldId, range: Range, kind: Kind) -> FieldDef {
    FieldDef { id, range, kind }
}

/// Up to four ranges, stored inline (a check digit protects at most four ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ranges {
    items: [Range; 4],
    len: usize,
}

impl Ranges {
    pub(crate) fn new(ranges: &[Range]) -> Self {
        let mut items = [r(0, 0, 0); 4];
        let mut len = 0;
        for (slot, range) in items.iter_mut().zip(ranges) {
            *slot = *range;
            len += 1;
        }
        Ranges { items, len }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Range> + '_ {
        self.items.iter().take(self.len).copied()
    }
}

/// One check digit: where it is and which characters it protects.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CheckDef {
    pub field: CheckField,
    pub line: usize,
    pub column: usize,
    /// The protected characters, concatenated in this order.
    pub covers: Ranges,
    /// A second accepted computation (long document numbers: including the `<`).
    pub covers_with_filler: Option<Ranges>,
    /// `<` is accepted as the check digit when every protected character is `<` (TD3 personal
    /// number).
    pub filler_when_empty: bool,
    /// Counts towards `checks_ok`.
    pub enforced: bool,
}

/// The fields and checks of one MRZ, after looking at the data (long document numbers and
/// Chinese passports change the layout slightly).
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub format: MrzFormat,
    pub fields: Vec<FieldDef>,
    pub checks: Vec<CheckDef>,
    /// Set when the Chinese passport rule relaxed the personal-number check.
    pub chinese_personal_number: bool,
}

use CheckField as C;
use FieldId as F;
use Kind as K;

fn base_fields(format: MrzFormat) -> Vec<FieldDef> {
    match format {
        MrzFormat::Td1 => vec![
            f(F::DocumentCode, r(0, 0, 2), K::Alpha),
            f(F::IssuingState, r(0, 2, 5), K::Alpha),
            f(F::DocumentNumber, r(0, 5, 14), K::AlphaNumeric),
            f(F::Check(C::DocumentNumber), r(0, 14, 15), K::CheckDigit),
            f(F::OptionalData, r(0, 15, 30), K::AlphaNumeric),
            f(F::BirthDate, r(1, 0, 6), K::Digits),
            f(F::Check(C::BirthDate), r(1, 6, 7), K::CheckDigit),
            f(F::Sex, r(1, 7, 8), K::Sex),
            f(F::ExpiryDate, r(1, 8, 14), K::Digits),
            f(F::Check(C::ExpiryDate), r(1, 14, 15), K::CheckDigit),
            f(F::Nationality, r(1, 15, 18), K::Alpha),
            f(F::OptionalData2, r(1, 18, 29), K::AlphaNumeric),
            f(F::Check(C::Composite), r(1, 29, 30), K::CheckDigit),
            f(F::Name, r(2, 0, 30), K::Alpha),
        ],
        MrzFormat::Td2 | MrzFormat::MrvB => {
            let mut v = vec![
                f(F::DocumentCode, r(0, 0, 2), K::Alpha),
                f(F::IssuingState, r(0, 2, 5), K::Alpha),
                f(F::Name, r(0, 5, 36), K::Alpha),
                f(F::DocumentNumber, r(1, 0, 9), K::AlphaNumeric),
                f(F::Check(C::DocumentNumber), r(1, 9, 10), K::CheckDigit),
                f(F::Nationality, r(1, 10, 13), K::Alpha),
                f(F::BirthDate, r(1, 13, 19), K::Digits),
                f(F::Check(C::BirthDate), r(1, 19, 20), K::CheckDigit),
                f(F::Sex, r(1, 20, 21), K::Sex),
                f(F::ExpiryDate, r(1, 21, 27), K::Digits),
                f(F::Check(C::ExpiryDate), r(1, 27, 28), K::CheckDigit),
            ];
            if format == MrzFormat::Td2 {
                v.push(f(F::OptionalData, r(1, 28, 35), K::AlphaNumeric));
                v.push(f(F::Check(C::Composite), r(1, 35, 36), K::CheckDigit));
            } else {
                v.push(f(F::OptionalData, r(1, 28, 36), K::AlphaNumeric));
            }
            v
        }
        MrzFormat::Td3 | MrzFormat::MrvA => {
            let mut v = vec![
                f(F::DocumentCode, r(0, 0, 2), K::Alpha),
                f(F::IssuingState, r(0, 2, 5), K::Alpha),
                f(F::Name, r(0, 5, 44), K::Alpha),
                f(F::DocumentNumber, r(1, 0, 9), K::AlphaNumeric),
                f(F::Check(C::DocumentNumber), r(1, 9, 10), K::CheckDigit),
                f(F::Nationality, r(1, 10, 13), K::Alpha),
                f(F::BirthDate, r(1, 13, 19), K::Digits),
                f(F::Check(C::BirthDate), r(1, 19, 20), K::CheckDigit),
                f(F::Sex, r(1, 20, 21), K::Sex),
                f(F::ExpiryDate, r(1, 21, 27), K::Digits),
                f(F::Check(C::ExpiryDate), r(1, 27, 28), K::CheckDigit),
            ];
            if format == MrzFormat::Td3 {
                v.push(f(F::PersonalNumber, r(1, 28, 42), K::AlphaNumeric));
                v.push(f(F::Check(C::PersonalNumber), r(1, 42, 43), K::CheckDigit));
                v.push(f(F::Check(C::Composite), r(1, 43, 44), K::CheckDigit));
            } else {
                v.push(f(F::OptionalData, r(1, 28, 44), K::AlphaNumeric));
            }
            v
        }
        MrzFormat::FrenchNationalId => vec![
            f(F::DocumentCode, r(0, 0, 2), K::Alpha),
            f(F::IssuingState, r(0, 2, 5), K::Alpha),
            f(F::Surname, r(0, 5, 30), K::Alpha),
            f(F::OptionalData, r(0, 30, 36), K::AlphaNumeric),
            f(F::DocumentNumber, r(1, 0, 12), K::AlphaNumeric),
            f(F::Check(C::DocumentNumber), r(1, 12, 13), K::CheckDigit),
            f(F::GivenNames, r(1, 13, 27), K::Alpha),
            f(F::BirthDate, r(1, 27, 33), K::Digits),
            f(F::Check(C::BirthDate), r(1, 33, 34), K::CheckDigit),
            f(F::Sex, r(1, 34, 35), K::Sex),
            f(F::Check(C::Composite), r(1, 35, 36), K::CheckDigit),
        ],
        MrzFormat::FrenchDrivingLicense => vec![
            f(F::DocumentCode, r(0, 0, 2), K::LicenceCode),
            f(F::IssuingState, r(0, 2, 5), K::Alpha),
            f(F::DocumentNumber, r(0, 5, 14), K::AlphaNumeric),
            f(F::Check(C::DocumentNumber), r(0, 14, 15), K::CheckDigit),
            f(F::ExpiryDate, r(0, 15, 21), K::Digits),
            f(F::Surname, r(0, 21, 29), K::Alpha),
            f(F::Check(C::Composite), r(0, 29, 30), K::CheckDigit),
        ],
    }
}

fn check(field: CheckField, line: usize, column: usize, covers: &[Range]) -> CheckDef {
    CheckDef {
        field,
        line,
        column,
        covers: Ranges::new(covers),
        covers_with_filler: None,
        filler_when_empty: false,
        enforced: true,
    }
}

fn base_checks(format: MrzFormat) -> Vec<CheckDef> {
    match format {
        MrzFormat::Td1 => vec![
            check(C::DocumentNumber, 0, 14, &[r(0, 5, 14)]),
            check(C::BirthDate, 1, 6, &[r(1, 0, 6)]),
            check(C::ExpiryDate, 1, 14, &[r(1, 8, 14)]),
            check(
                C::Composite,
                1,
                29,
                &[r(0, 5, 30), r(1, 0, 7), r(1, 8, 15), r(1, 18, 29)],
            ),
        ],
        MrzFormat::Td2 | MrzFormat::MrvB => {
            let mut v = vec![
                check(C::DocumentNumber, 1, 9, &[r(1, 0, 9)]),
                check(C::BirthDate, 1, 19, &[r(1, 13, 19)]),
                check(C::ExpiryDate, 1, 27, &[r(1, 21, 27)]),
            ];
            if format == MrzFormat::Td2 {
                v.push(check(
                    C::Composite,
                    1,
                    35,
                    &[r(1, 0, 10), r(1, 13, 20), r(1, 21, 35)],
                ));
            }
            v
        }
        MrzFormat::Td3 | MrzFormat::MrvA => {
            let mut v = vec![
                check(C::DocumentNumber, 1, 9, &[r(1, 0, 9)]),
                check(C::BirthDate, 1, 19, &[r(1, 13, 19)]),
                check(C::ExpiryDate, 1, 27, &[r(1, 21, 27)]),
            ];
            if format == MrzFormat::Td3 {
                let mut personal = check(C::PersonalNumber, 1, 42, &[r(1, 28, 42)]);
                personal.filler_when_empty = true;
                v.push(personal);
                v.push(check(
                    C::Composite,
                    1,
                    43,
                    &[r(1, 0, 10), r(1, 13, 20), r(1, 21, 43)],
                ));
            }
            v
        }
        MrzFormat::FrenchNationalId => vec![
            check(C::DocumentNumber, 1, 12, &[r(1, 0, 12)]),
            check(C::BirthDate, 1, 33, &[r(1, 27, 33)]),
            check(C::Composite, 1, 35, &[r(0, 0, 36), r(1, 0, 35)]),
        ],
        MrzFormat::FrenchDrivingLicense => vec![
            check(C::DocumentNumber, 0, 14, &[r(0, 0, 14)]),
            check(C::Composite, 0, 29, &[r(0, 0, 29)]),
        ],
    }
}

/// The bytes of a range, or an empty slice if the range is outside the lines.
pub(crate) fn slice(lines: &[Vec<u8>], range: Range) -> &[u8] {
    lines
        .get(range.line)
        .and_then(|l| l.get(range.start..range.end))
        .unwrap_or(&[])
}

/// The byte at a position, or `0` if outside the lines.
pub(crate) fn byte_at(lines: &[Vec<u8>], line: usize, column: usize) -> u8 {
    lines
        .get(line)
        .and_then(|l| l.get(column))
        .copied()
        .unwrap_or(0)
}

/// Builds the plan for `format` given the (normalised) lines.
pub(crate) fn plan(format: MrzFormat, lines: &[Vec<u8>]) -> Plan {
    let mut fields = base_fields(format);
    let mut checks = base_checks(format);
    let mut chinese_personal_number = false;

    // Long document numbers (ICAO 9303 Part 5 §4.2.2 and Part 6 note j): the check-digit
    // position holds `<`, the optional data field opens with the rest of the number followed by
    // its check digit.
    let long = match format {
        MrzFormat::Td1 => Some((r(0, 5, 14), (0usize, 14usize), r(0, 15, 30))),
        MrzFormat::Td2 => Some((r(1, 0, 9), (1, 9), r(1, 28, 35))),
        _ => None,
    };
    if let Some((principal, (check_line, check_col), optional)) = long {
        let optional_bytes = slice(lines, optional);
        let overflow_len = optional_bytes.iter().take_while(|&&c| c != FILLER).count();
        if byte_at(lines, check_line, check_col) == FILLER && overflow_len >= 2 {
            let digit_col = optional.start + overflow_len - 1;
            let overflow = r(optional.line, optional.start, digit_col);
            fields.retain(|d| !matches!(d.id, F::Check(C::DocumentNumber) | F::OptionalData));
            fields.push(f(
                F::LongNumberMarker,
                r(check_line, check_col, check_col + 1),
                K::Filler,
            ));
            fields.push(f(F::DocumentNumberOverflow, overflow, K::AlphaNumeric));
            fields.push(f(
                F::Check(C::DocumentNumber),
                r(optional.line, digit_col, digit_col + 1),
                K::CheckDigit,
            ));
            fields.push(f(
                F::OptionalData,
                r(optional.line, digit_col + 1, optional.end),
                K::AlphaNumeric,
            ));
            if let Some(doc) = checks.iter_mut().find(|c| c.field == C::DocumentNumber) {
                doc.line = optional.line;
                doc.column = digit_col;
                doc.covers = Ranges::new(&[principal, overflow]);
                doc.covers_with_filler = Some(Ranges::new(&[r(
                    principal.line,
                    principal.start,
                    digit_col,
                )]));
            }
        }
    }

    // Chinese passports fill the whole personal-number field (no filler) with an encoded
    // personal identifier; see the module documentation.
    if format == MrzFormat::Td3
        && slice(lines, r(0, 2, 5)) == b"CHN"
        && !slice(lines, r(1, 28, 42)).contains(&FILLER)
    {
        chinese_personal_number = true;
        if let Some(personal) = checks.iter_mut().find(|c| c.field == C::PersonalNumber) {
            personal.enforced = false;
        }
    }

    if fields.len() > 1 {
        fields.sort_unstable_by_key(|d| (d.range.line, d.range.start));
    }
    Plan {
        format,
        fields,
        checks,
        chinese_personal_number,
    }
}

impl Plan {
    /// The field definition covering a position.
    pub(crate) fn field_at(&self, line: usize, column: usize) -> Option<&FieldDef> {
        self.fields
            .iter()
            .find(|d| d.range.line == line && d.range.start <= column && column < d.range.end)
    }
}

/// What went wrong when recognising the format.
pub(crate) enum ShapeError {
    UnknownShape,
    SingleLineNotLicence,
}

/// Recognises the format from the line count, line lengths and document code.
///
/// With `lenient`, digits in the document-code positions are compared as their look-alike
/// letters (`1DFRA` is still the French ID card).
pub(crate) fn detect(lines: &[Vec<u8>], lenient: bool) -> Result<MrzFormat, ShapeError> {
    let lengths: Vec<usize> = lines.iter().map(Vec::len).collect();
    let first = lines.first().map(Vec::as_slice).unwrap_or(&[]);
    let letter = |i: usize| -> u8 {
        let c = first.get(i).copied().unwrap_or(0);
        if lenient {
            letter_for_digit(c).unwrap_or(c)
        } else {
            c
        }
    };
    let prefix_is = |want: &[u8]| want.iter().enumerate().all(|(i, &w)| letter(i) == w);
    match lengths.as_slice() {
        [30, 30, 30] => Ok(MrzFormat::Td1),
        [36, 36] => {
            if prefix_is(b"IDFRA") {
                Ok(MrzFormat::FrenchNationalId)
            } else if letter(0) == b'V' {
                Ok(MrzFormat::MrvB)
            } else {
                Ok(MrzFormat::Td2)
            }
        }
        [44, 44] => {
            if letter(0) == b'V' {
                Ok(MrzFormat::MrvA)
            } else {
                Ok(MrzFormat::Td3)
            }
        }
        [30] => {
            // `D` + configuration digit + `FRA`.
            if letter(0) == b'D' && letter(2) == b'F' && letter(3) == b'R' && letter(4) == b'A' {
                Ok(MrzFormat::FrenchDrivingLicense)
            } else {
                Err(ShapeError::SingleLineNotLicence)
            }
        }
        _ => Err(ShapeError::UnknownShape),
    }
}
