//! What a parse returns: the report, its typed values, its warnings, and the error for payloads
//! that cannot be read at all.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};
use time::Date;

/// The result of reading one AAMVA payload.
///
/// Serialises to `{version, jurisdiction, iin, jurisdiction_version, file_type, subfiles, fields,
/// elements, warnings}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AamvaReport {
    /// The AAMVA version number from the header: 1 (DL/ID-2000) to 10 (2020 standard); 0 means a
    /// pre-standard payload, and numbers above 10 are reported as read (with a warning).
    pub version: u8,
    /// The issuing jurisdiction's code (`VA`, `ON`, ...): from the IIN table, else from `DAJ`.
    pub jurisdiction: Option<String>,
    /// The six-digit issuer identification number from the header.
    pub iin: String,
    /// The jurisdiction's own version number (absent in version 01 headers).
    pub jurisdiction_version: Option<u8>,
    /// The file type the header named: `ANSI` (versions 01 to 10) or `AAMVA` (some version 01).
    pub file_type: FileType,
    /// The subfiles found, in payload order, with where they were actually found.
    pub subfiles: Vec<SubfileInfo>,
    /// The cardholder data, typed and normalised.
    pub fields: Fields,
    /// Every element of every subfile, id → raw value (separators removed, padding kept).
    /// Jurisdiction subfile ids are already prefixed by their subfile (`ZVA` is in `ZV`).
    pub elements: BTreeMap<String, String>,
    /// Everything that was repaired, guessed or missing, in the order it was noticed.
    pub warnings: Vec<Warning>,
}

impl AamvaReport {
    /// The raw value of one element, if present.
    pub fn element(&self, id: &str) -> Option<&str> {
        self.elements.get(id).map(String::as_str)
    }

    /// Whether a warning with this code was raised.
    pub fn has_warning(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|warning| warning.code == code)
    }
}

/// The file type written after the header's separators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum FileType {
    #[serde(rename = "ANSI")]
    Ansi,
    #[serde(rename = "AAMVA")]
    Aamva,
}

/// The kind of a subfile, from its two-character type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubfileType {
    /// `DL`: driver's licence.
    DriverLicence,
    /// `ID`: identification card.
    IdCard,
    /// `Z` + a letter: data defined by the issuing jurisdiction (`ZV` for Virginia...).
    Jurisdiction(u8),
    /// Any other two uppercase letters, kept as found.
    Other([u8; 2]),
}

impl SubfileType {
    /// Reads a two-byte subfile type; `None` unless both bytes are uppercase ASCII letters.
    pub fn from_bytes(bytes: [u8; 2]) -> Option<SubfileType> {
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        Some(match bytes {
            [b'D', b'L'] => SubfileType::DriverLicence,
            [b'I', b'D'] => SubfileType::IdCard,
            [b'Z', letter] => SubfileType::Jurisdiction(letter),
            other => SubfileType::Other(other),
        })
    }

    /// The two-byte code (`DL`, `ID`, `ZV`).
    pub fn code(self) -> [u8; 2] {
        match self {
            SubfileType::DriverLicence => *b"DL",
            SubfileType::IdCard => *b"ID",
            SubfileType::Jurisdiction(letter) => [b'Z', letter],
            SubfileType::Other(code) => code,
        }
    }

    /// Whether this is a DL or ID subfile (the ones the standard defines the elements of).
    pub fn is_standard(self) -> bool {
        matches!(self, SubfileType::DriverLicence | SubfileType::IdCard)
    }
}

impl fmt::Display for SubfileType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b] = self.code();
        write!(f, "{}{}", char::from(a), char::from(b))
    }
}

impl Serialize for SubfileType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One subfile: its type, where the header said it was, and where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubfileInfo {
    #[serde(rename = "type")]
    pub kind: SubfileType,
    /// Byte offset of the subfile (its type code) in the payload as given to the parser.
    pub offset: usize,
    /// Length in bytes from `offset` up to and including its terminator.
    pub length: usize,
    /// The offset the header's designator declared (relative to the `@`), if it had one.
    pub declared_offset: Option<u16>,
    /// The length the header's designator declared, if it had one.
    pub declared_length: Option<u16>,
    /// How many elements were read from this subfile.
    pub element_count: usize,
}

/// The cardholder data every consumer needs, typed; absent values are `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Fields {
    /// `DCS` (versions 02+), `DAB` or the first part of `DAA` (version 01).
    pub family_name: Option<String>,
    /// `DAC`, else the first given name of `DCT` (versions 02-03), else from `DAA`.
    pub first_name: Option<String>,
    /// `DAD` (commas turned into spaces), else the rest of `DCT` or `DAA`.
    pub middle_names: Option<String>,
    /// `DBB`.
    #[serde(serialize_with = "iso_date")]
    pub birth_date: Option<Date>,
    /// `DBD`.
    #[serde(serialize_with = "iso_date")]
    pub issue_date: Option<Date>,
    /// `DBA`.
    #[serde(serialize_with = "iso_date")]
    pub expiry_date: Option<Date>,
    /// `DAQ`, trimmed.
    pub document_number: Option<String>,
    /// `DBC`: `1`/`M` male, `2`/`F` female, `9`/`X` not specified.
    pub sex: Option<Sex>,
    /// `DAG`.
    pub street: Option<String>,
    /// `DAI`.
    pub city: Option<String>,
    /// `DAJ`: the state or province of the address.
    pub state: Option<String>,
    /// `DAK`, normalised: US ZIP `90223` or ZIP+4 `90223-1234`, Canadian `A1A 1A1`.
    pub postal_code: Option<String>,
    /// `DCG`, else inferred from the issuer (with a `country_inferred` warning).
    pub country: Option<String>,
    /// `DAH`: the second address line.
    pub street_2: Option<String>,
    /// `DCU` (versions 02+), `DAE` or the suffix part of `DAA` (version 01).
    pub name_suffix: Option<String>,
    /// `DDE`: whether the family name was truncated to fit.
    pub family_name_truncation: Option<Truncation>,
    /// `DDF`: whether the first name was truncated to fit.
    pub first_name_truncation: Option<Truncation>,
    /// `DDG`: whether the middle names were truncated to fit.
    pub middle_names_truncation: Option<Truncation>,
    /// `DL` or `ID`: the first standard subfile found.
    pub document_type: Option<SubfileType>,
    /// How the dates were read: `MMDDCCYY` or `CCYYMMDD`.
    pub date_format: Option<DateOrder>,
}

/// `DBC`, the cardholder's sex as the standard codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
    /// `9` / `X`: not specified.
    #[serde(rename = "X")]
    Unspecified,
}

/// A name truncation flag (`DDE`, `DDF`, `DDG`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truncation {
    /// `T`: the name was cut to fit the card.
    Truncated,
    /// `N`: the name is complete.
    NotTruncated,
    /// `U`: the issuer does not know.
    Unknown,
}

/// The order of the eight digits of an AAMVA date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum DateOrder {
    /// `MMDDCCYY`: US documents, versions 02 to 10.
    #[serde(rename = "MMDDCCYY")]
    MonthDayYear,
    /// `CCYYMMDD`: Canadian documents, and every version 01 document.
    #[serde(rename = "CCYYMMDD")]
    YearMonthDay,
}

impl DateOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::MonthDayYear => "MMDDCCYY",
            DateOrder::YearMonthDay => "CCYYMMDD",
        }
    }
}

/// One thing the parser repaired, guessed or found missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    /// A sentence for a person: what was expected, what was found, what was done.
    pub message: String,
}

/// The kinds of [`Warning`]; serialised in snake_case (`header_repaired`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Bytes before the `@` compliance indicator (or before the file type) were ignored.
    LeadingDataSkipped,
    /// The header was damaged and read anyway: separators after `@` not LF RS CR, `@` missing,
    /// no space after `ANSI`, a version 01 header with a jurisdiction version (or the reverse).
    HeaderRepaired,
    /// The payload uses CR LF line endings (a keyboard-wedge scanner); read as single separators.
    LineEndingsNormalised,
    /// The non-UTF-8 bytes of the payload were read as Latin-1.
    Latin1Decoded,
    /// The version number is 00 (pre-standard) or above 10; read with the nearest known rules.
    UnsupportedVersion,
    /// The IIN is not in AAMVA's table.
    UnknownIin,
    /// The subfile designators could not all be read, so subfiles were found by scanning.
    DesignatorsRepaired,
    /// A subfile was not at its declared offset and was found by scanning for its type.
    SubfileOffsetRepaired,
    /// A subfile's actual length differs from its declared length.
    SubfileLengthMismatch,
    /// A declared subfile could not be found at all.
    SubfileMissing,
    /// The payload ends before a subfile's declared end (a partial scan).
    PayloadTruncated,
    /// A subfile does not end with the CR segment terminator.
    MissingSegmentTerminator,
    /// Non-blank data after the last subfile was ignored.
    TrailingDataIgnored,
    /// A piece of a subfile does not start with a three-character element id; it was ignored.
    MalformedElement,
    /// A DL/ID element id that no version of the standard defines (kept in `elements`).
    UnknownElement,
    /// The same element id appeared twice; the first value was kept.
    DuplicateElement,
    /// An element the version requires is absent.
    MissingMandatoryElement,
    /// A name truncation flag (`DDE`, `DDF`, `DDG`) says `T`.
    NameTruncated,
    /// `DAA` had no `,` or `$` separators, so the name parts were guessed from spaces.
    NameOrderGuessed,
    /// A date element is not a real date in either digit order; the field is null.
    InvalidDate,
    /// A date was not valid in the order the country implies but was in the other order.
    DateFormatMismatch,
    /// The country is unknown, so a date's digit order was chosen by which reading is valid.
    DateAmbiguous,
    /// An element's value is not one the standard allows (sex code, truncation flag).
    InvalidValue,
    /// `DCG` is absent; the country was inferred from the issuer or the address.
    CountryInferred,
    /// The IIN's jurisdiction differs from the address state `DAJ`.
    JurisdictionMismatch,
}

/// Why a payload could not be read at all. Anything less serious is a [`Warning`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AamvaError {
    /// No AAMVA header anywhere in the input.
    #[error(
        "not an AAMVA DL/ID payload: expected '@', LF, RS, CR, then the file type \"ANSI \" (or \"AAMVA\") and a 6-digit issuer identification number, but found {found}"
    )]
    NotAamva { found: String },
    /// A header was found but a part that cannot be guessed is damaged.
    #[error("unrecoverable AAMVA header: expected {expected} at byte {at}, but found {found}")]
    BadHeader {
        expected: &'static str,
        found: String,
        at: usize,
    },
    /// The header was read but no subfile with data elements could be found.
    #[error(
        "no subfiles: the header declares {declared} subfile(s) but no DL, ID or jurisdiction (Z) subfile with data elements was found after byte {searched_from}"
    )]
    NoSubfiles {
        declared: usize,
        searched_from: usize,
    },
}

/// Serialises an optional date as ISO 8601 `YYYY-MM-DD` (or `null`).
fn iso_date<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )),
        None => serializer.serialize_none(),
    }
}
