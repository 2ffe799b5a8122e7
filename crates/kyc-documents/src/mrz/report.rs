//! The typed result of reading an MRZ: [`MrzReport`] and everything it contains.
//!
//! Every type here derives `serde::Serialize`; the JSON shape is described on each type and in
//! the module documentation of [`crate::mrz`].

use serde::{Serialize, Serializer};
use time::Date;

/// The MRZ layouts this parser recognises.
///
/// Serialises as `"TD1"`, `"TD2"`, `"TD3"`, `"MRV_A"`, `"MRV_B"`, `"FRENCH_NATIONAL_ID"` or
/// `"FRENCH_DRIVING_LICENSE"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MrzFormat {
    /// ID-1 size card (credit-card size): 3 lines of 30 characters. ICAO 9303 Part 5.
    Td1,
    /// ID-2 size document: 2 lines of 36 characters. ICAO 9303 Part 6.
    Td2,
    /// Passport booklet: 2 lines of 44 characters. ICAO 9303 Part 4.
    Td3,
    /// Full-page visa sticker, type A: 2 lines of 44, document code `V`. ICAO 9303 Part 7.
    MrvA,
    /// Smaller visa sticker, type B: 2 lines of 36, document code `V`. ICAO 9303 Part 7.
    MrvB,
    /// French national identity card issued 1988–2021: 2 lines of 36 starting `IDFRA`.
    FrenchNationalId,
    /// French driving licence (2013 EU model): 1 line of 30 starting `D1FRA`.
    FrenchDrivingLicense,
}

impl MrzFormat {
    /// Every format, in a stable order.
    pub const ALL: [MrzFormat; 7] = [
        MrzFormat::Td1,
        MrzFormat::Td2,
        MrzFormat::Td3,
        MrzFormat::MrvA,
        MrzFormat::MrvB,
        MrzFormat::FrenchNationalId,
        MrzFormat::FrenchDrivingLicense,
    ];

    /// The name used in JSON and messages (`"TD1"`, `"MRV_A"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
            MrzFormat::MrvA => "MRV_A",
            MrzFormat::MrvB => "MRV_B",
            MrzFormat::FrenchNationalId => "FRENCH_NATIONAL_ID",
            MrzFormat::FrenchDrivingLicense => "FRENCH_DRIVING_LICENSE",
        }
    }

    /// Number of lines and characters per line.
    pub fn shape(self) -> (usize, usize) {
        match self {
            MrzFormat::Td1 => (3, 30),
            MrzFormat::Td2 | MrzFormat::MrvB | MrzFormat::FrenchNationalId => (2, 36),
            MrzFormat::Td3 | MrzFormat::MrvA => (2, 44),
            MrzFormat::FrenchDrivingLicense => (1, 30),
        }
    }
}

impl std::fmt::Display for MrzFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Sex of the holder as printed in the MRZ. Serialises as `"M"`, `"F"` or `"X"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Sex {
    /// `M`
    #[serde(rename = "M")]
    Male,
    /// `F`
    #[serde(rename = "F")]
    Female,
    /// `<` (or `X`) in the MRZ: unspecified.
    #[serde(rename = "X")]
    Unspecified,
}

impl Sex {
    /// The MRZ character for this value (`M`, `F` or `<`).
    pub fn mrz_char(self) -> char {
        match self {
            Sex::Male => 'M',
            Sex::Female => 'F',
            Sex::Unspecified => '<',
        }
    }
}

/// The holder and document data, with fillers removed.
///
/// Strings are `None` (JSON `null`) when the field is empty or absent from the format. Dates are
/// `None` when the MRZ does not hold a real calendar date (a warning says why).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MrzFields {
    /// `P`, `I`, `ID`, `V`, `AC`, `PO`, `D1`... (trailing filler removed).
    pub document_code: Option<String>,
    /// Issuing state or organisation. Germany's one-letter code `D` (`D<<`) is reported as `DEU`.
    pub issuing_state: Option<String>,
    /// Primary identifier; name components separated by single spaces.
    pub surname: Option<String>,
    /// Secondary identifier; name components separated by single spaces.
    pub given_names: Option<String>,
    /// Document number, including the overflow of a long (> 9 characters) TD1/TD2 number.
    pub document_number: Option<String>,
    /// Nationality. `D` is reported as `DEU`; the French national ID card implies `FRA`.
    pub nationality: Option<String>,
    /// Date of birth, `YYYY-MM-DD`.
    #[serde(serialize_with = "serialize_date")]
    pub birth_date: Option<Date>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Date of expiry, `YYYY-MM-DD`.
    #[serde(serialize_with = "serialize_date")]
    pub expiry_date: Option<Date>,
    /// TD3 personal number (positions 29–42 of line 2).
    pub personal_number: Option<String>,
    /// Optional data: TD1 line 1, TD2 / MRV line 2, French ID administrative code.
    pub optional_data: Option<String>,
    /// TD1 line 2 optional data.
    pub optional_data_2: Option<String>,
}

/// Where a field sits: `line` is 1-based, `start`/`end` are 0-based columns, end exclusive.
/// `raw` is the exact text of those columns (after lenient normalisation, if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// 1-based line number.
    pub line: usize,
    /// 0-based first column.
    pub start: usize,
    /// 0-based column after the last one.
    pub end: usize,
    /// The characters in that range.
    pub raw: RawText,
}

/// Up to 44 MRZ characters stored inline (a span never crosses a line). Serialises as a string.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RawText {
    bytes: [u8; 44],
    len: usize,
}

impl RawText {
    /// Copies at most 44 bytes; MRZ text is ASCII.
    pub(crate) fn new(text: &[u8]) -> Self {
        let mut bytes = [0u8; 44];
        let mut len = 0;
        for (slot, &b) in bytes.iter_mut().zip(text) {
            *slot = b;
            len += 1;
        }
        RawText { bytes, len }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl std::fmt::Debug for RawText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for RawText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for RawText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for RawText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Where each field of [`MrzFields`] was read. Serialises as a map keyed by the field's JSON
/// name, omitting fields without a position; a long document number adds
/// `document_number_overflow`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Spans {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `document_code`
    pub document_code: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `issuing_state`
    pub issuing_state: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `surname`
    pub surname: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `given_names`
    pub given_names: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `document_number` (the nine principal characters of a long number)
    pub document_number: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The rest of a long TD1/TD2 document number, printed in the optional data field.
    pub document_number_overflow: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `nationality`
    pub nationality: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `birth_date`
    pub birth_date: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `sex`
    pub sex: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `expiry_date`
    pub expiry_date: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `personal_number`
    pub personal_number: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `optional_data`
    pub optional_data: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `optional_data_2`
    pub optional_data_2: Option<Span>,
}

impl Spans {
    fn slot(&mut self, name: &str) -> Option<&mut Option<Span>> {
        Some(match name {
            "document_code" => &mut self.document_code,
            "issuing_state" => &mut self.issuing_state,
            "surname" => &mut self.surname,
            "given_names" => &mut self.given_names,
            "document_number" => &mut self.document_number,
            "document_number_overflow" => &mut self.document_number_overflow,
            "nationality" => &mut self.nationality,
            "birth_date" => &mut self.birth_date,
            "sex" => &mut self.sex,
            "expiry_date" => &mut self.expiry_date,
            "personal_number" => &mut self.personal_number,
            "optional_data" => &mut self.optional_data,
            "optional_data_2" => &mut self.optional_data_2,
            _ => return None,
        })
    }

    /// The span of a field by its JSON name.
    pub fn get(&self, name: &str) -> Option<&Span> {
        match name {
            "document_code" => self.document_code.as_ref(),
            "issuing_state" => self.issuing_state.as_ref(),
            "surname" => self.surname.as_ref(),
            "given_names" => self.given_names.as_ref(),
            "document_number" => self.document_number.as_ref(),
            "document_number_overflow" => self.document_number_overflow.as_ref(),
            "nationality" => self.nationality.as_ref(),
            "birth_date" => self.birth_date.as_ref(),
            "sex" => self.sex.as_ref(),
            "expiry_date" => self.expiry_date.as_ref(),
            "personal_number" => self.personal_number.as_ref(),
            "optional_data" => self.optional_data.as_ref(),
            "optional_data_2" => self.optional_data_2.as_ref(),
            _ => None,
        }
    }

    pub(crate) fn insert(&mut self, name: &str, span: Span) {
        if let Some(slot) = self.slot(name) {
            *slot = Some(span);
        }
    }
}

/// The data a check digit protects. Serialises in snake case (`"document_number"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckField {
    /// Document number check digit.
    DocumentNumber,
    /// Date of birth check digit.
    BirthDate,
    /// Date of expiry check digit.
    ExpiryDate,
    /// TD3 personal number check digit.
    PersonalNumber,
    /// Optional data check digit (reserved; no format here uses it today).
    OptionalData,
    /// Composite (overall) check digit.
    Composite,
}

impl CheckField {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            CheckField::DocumentNumber => "document_number",
            CheckField::BirthDate => "birth_date",
            CheckField::ExpiryDate => "expiry_date",
            CheckField::PersonalNumber => "personal_number",
            CheckField::OptionalData => "optional_data",
            CheckField::Composite => "composite",
        }
    }
}

/// How a long (more than nine characters) document number's check digit was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FillerConvention {
    /// Over the number's characters only (ICAO 9303 Part 5 and 11; Belgium).
    WithoutFiller,
    /// Over the printed characters including the `<` that replaces the check digit.
    WithFiller,
    /// Both computations give the same digit.
    Both,
}

/// One verified check digit.
///
/// JSON: `{field, valid, expected, found, line, column, enforced, convention?, note?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What the check digit protects.
    pub field: CheckField,
    /// Whether the printed character matches.
    pub valid: bool,
    /// The digit computed from the protected characters (a one-character JSON string).
    pub expected: char,
    /// The character printed in the check-digit position (a one-character JSON string).
    pub found: char,
    /// 1-based line of the check digit.
    pub line: usize,
    /// 0-based column of the check digit.
    pub column: usize,
    /// Whether this check counts towards `checks_ok`. Only `false` for the Chinese passport
    /// personal-number check (see the module documentation).
    pub enforced: bool,
    /// For a long TD1/TD2 document number: which issuer convention matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub convention: Option<FillerConvention>,
    /// Extra explanation, e.g. why `<` was accepted as a check digit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a character was changed (lenient mode only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CorrectionReason {
    /// An OCR look-alike of the filler (`«`, `‹`...) mapped to `<`.
    Normalisation,
    /// The field's grammar proves the character wrong (a digit in a letters-only field, a letter
    /// in a date or check digit) and the OCR-B confusion table gives exactly one replacement.
    FieldGrammar,
    /// Exactly one replacement from the OCR-B confusion table makes the failing check digit(s)
    /// verify, and every other check still verifies afterwards.
    CheckDigit,
}

/// One character changed by [`crate::mrz::parse_lenient`].
///
/// JSON: `{line, column, from, to, reason, field, message}`; `line` is 1-based, `column` 0-based,
/// both refer to the normalised `lines` of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// 1-based line.
    pub line: usize,
    /// 0-based column.
    pub column: usize,
    /// The character that was read.
    pub from: String,
    /// The character used instead.
    pub to: String,
    /// Why.
    pub reason: CorrectionReason,
    /// The field the character belongs to (`"surname"`, `"birth_date"`, `"birth_date_check"`...).
    pub field: String,
    /// A sentence for humans.
    pub message: String,
}

/// Machine-readable warning codes. Serialise in SCREAMING_SNAKE_CASE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WarningCode {
    /// A check digit does not match (one warning per failing check).
    CheckDigitMismatch,
    /// Several corrections would each satisfy a failing check digit; none was applied.
    AmbiguousCorrection,
    /// A character could be an OCR confusion the check digits cannot detect (e.g. `6`/`G`,
    /// `1`/`L`): the value is reported as read, but it is not proven.
    CheckDigitBlindSpot,
    /// A character that the grammar says is wrong and that no rule could fix.
    UncorrectableCharacter,
    /// The date of birth is not a real calendar date.
    BirthDateInvalid,
    /// The date of birth is (partly) filled with `<`: unknown.
    BirthDateUnknown,
    /// The date of expiry is not a real calendar date.
    ExpiryDateInvalid,
    /// The date of expiry is filled with `<`: no expiry date.
    ExpiryDateUnknown,
    /// The date of expiry is before `today`.
    DocumentExpired,
    /// The sex field is not `M`, `F`, `X` or `<`.
    SexInvalid,
    /// A code field (document code, issuing state, nationality) holds characters other than
    /// letters.
    CodeInvalid,
    /// A name holds characters other than letters and fillers, or is empty.
    NameInvalid,
    /// The name field ends with a letter: ICAO says to assume the name was truncated.
    NamePossiblyTruncated,
    /// A TD3 document code that is not `P...`.
    UnusualDocumentCode,
    /// Chinese passport: the fully used personal-number field's check digit did not verify
    /// and is not enforced (the composite check digit still covers those positions).
    ChinesePersonalNumberCheckNotEnforced,
    /// Lenient: the lines were re-split by their expected lengths.
    LinesResplit,
    /// Lenient: spaces or tabs inside lines were removed.
    SpacesRemoved,
    /// Lenient: spaces inside lines were read as fillers `<`.
    SpacesReadAsFillers,
    /// Lenient: lower-case letters were upper-cased.
    LowercaseUppercased,
}

/// A warning: `{code, message, line?, column?}` (`line` 1-based, `column` 0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable machine-readable code.
    pub code: WarningCode,
    /// A sentence for humans.
    pub message: String,
    /// 1-based line, when the warning is about one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 0-based column, when the warning is about one character.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Warning {
    pub(crate) fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    pub(crate) fn at(
        code: WarningCode,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            code,
            message: message.into(),
            line: Some(line),
            column,
        }
    }
}

/// Which entry point produced a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParseMode {
    /// [`crate::mrz::parse`]: exact text, no corrections.
    Strict,
    /// [`crate::mrz::parse_lenient`]: OCR output, proven corrections only.
    Lenient,
}

/// Everything read from one MRZ.
///
/// JSON: `{format, checks_ok, valid, fields, checks, corrections, warnings, spans, lines, mode}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzReport {
    /// The layout recognised.
    pub format: MrzFormat,
    /// Every enforced check digit verifies.
    pub checks_ok: bool,
    /// `checks_ok` and every field parses (real dates, known sex code, letters-only codes and
    /// names...). Expiry in the past does *not* make a report invalid (see `DOCUMENT_EXPIRED`).
    pub valid: bool,
    /// The data.
    pub fields: MrzFields,
    /// Every check digit of the format, in MRZ order.
    pub checks: Vec<Check>,
    /// Characters changed by lenient mode (always empty in strict mode).
    pub corrections: Vec<Correction>,
    /// Everything worth a human's attention.
    pub warnings: Vec<Warning>,
    /// Where each field of `fields` was read, keyed by the field's JSON name.
    pub spans: Spans,
    /// The MRZ lines as read (after lenient normalisation and corrections).
    pub lines: Vec<String>,
    /// `strict` or `lenient`.
    pub mode: ParseMode,
}

impl MrzReport {
    /// The first warning with this code, if any.
    pub fn warning(&self, code: WarningCode) -> Option<&Warning> {
        self.warnings.iter().find(|w| w.code == code)
    }

    /// The check for this field, if the format has one.
    pub fn check(&self, field: CheckField) -> Option<&Check> {
        self.checks.iter().find(|c| c.field == field)
    }
}

/// `YYYY-MM-DD`, or `null`.
fn serialize_date<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&format_date(*d)),
        None => serializer.serialize_none(),
    }
}

/// `YYYY-MM-DD` for a date.
pub(crate) fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
