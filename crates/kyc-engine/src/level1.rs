//! Level 1 (primary) data: what the applicant declares about themselves, parsed into typed
//! values at the edge, and the checks that need nothing but those values and the policy.
//!
//! [`parse_level1`] turns the API's JSON body into a [`Level1`] or reports *every* problem at
//! once as [`FieldError`]s, in plain English and without echoing the value (it may be personal
//! data, or megabytes long). Code that holds a [`Level1`] never validates it again.
//!
//! [`check_level1`] raises:
//! * `UNDERAGE` — the age in whole years on `today` is below `applicants.minimum_age`. A birth
//!   date after `today` cannot be refused while parsing (parsing knows no date), so it is
//!   reported here as `UNDERAGE` with `birth_date_in_future: true` in the evidence.
//! * `JURISDICTION_NOT_SUPPORTED` — the nationality or the country of residence is not served
//!   (`applicants.blocked_countries`).
//! * `DOCUMENT_TYPE_UNSUPPORTED` — the declared document kind is not accepted from the declared
//!   nationality, taken as the document's issuing country.

use std::fmt;

use kyc_core::{CountryCode, DocumentKind, Finding, Policy, ReasonCode};
use serde::Serialize;
use serde_json::{Map, Value};
use time::{Date, Month};

/// Longest accepted full name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest accepted address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 500;
/// Longest accepted document number, in characters (before spaces and dashes are removed).
pub const MAX_DOCUMENT_NUMBER_CHARS: usize = 30;
/// Earliest accepted year of birth: anything earlier is a typing mistake.
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// The fields of the level 1 body, in the order they are reported.
pub const FIELDS: [&str; 7] = [
    "full_name",
    "birth_date",
    "nationality",
    "residence_country",
    "address",
    "document_type",
    "document_number",
];

/// A person's full name as declared: trimmed, 1 to [`MAX_NAME_CHARS`] characters, at least one
/// letter, no control characters. Its `Debug` form does not show the name.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    /// Parses a declared name; `Err` is the reason in plain English.
    pub fn parse(text: &str) -> Result<PersonName, String> {
        let trimmed = text.trim();
        let chars = trimmed.chars().count();
        if chars == 0 {
            return Err("must not be empty".into());
        }
        if chars > MAX_NAME_CHARS {
            return Err(format!("must be at most {MAX_NAME_CHARS} characters"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err("must not contain control characters (such as line breaks)".into());
        }
        if !trimmed.chars().any(char::is_alphabetic) {
            return Err("must contain at least one letter".into());
        }
        Ok(PersonName(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A postal address as declared: trimmed, 1 to [`MAX_ADDRESS_CHARS`] characters, no control
/// characters. Its `Debug` form does not show the address.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Address(String);

impl Address {
    pub fn parse(text: &str) -> Result<Address, String> {
        let trimmed = text.trim();
        let chars = trimmed.chars().count();
        if chars == 0 {
            return Err("must not be empty".into());
        }
        if chars > MAX_ADDRESS_CHARS {
            return Err(format!("must be at most {MAX_ADDRESS_CHARS} characters"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err("must not contain control characters (such as line breaks)".into());
        }
        Ok(Address(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A document number as declared: 1 to [`MAX_DOCUMENT_NUMBER_CHARS`] characters of letters
/// A–Z, digits, spaces and dashes, stored upper case without the spaces and dashes (the form
/// [`kyc_reading::reading::comparable_text`] gives a number read from a document). Its `Debug`
/// form does not show the number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DocumentNumber(String);

impl DocumentNumber {
    pub fn parse(text: &str) -> Result<DocumentNumber, String> {
        if text.chars().count() > MAX_DOCUMENT_NUMBER_CHARS {
            return Err(format!(
                "must be at most {MAX_DOCUMENT_NUMBER_CHARS} characters"
            ));
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || *c == '-'))
        {
            let what = if bad.is_control() {
                "control characters".to_string()
            } else {
                format!("{bad:?}")
            };
            return Err(format!(
                "may contain only letters A-Z, digits, spaces and dashes (found {what})"
            ));
        }
        let number: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if number.is_empty() {
            return Err("must contain at least one letter or digit".into());
        }
        Ok(DocumentNumber(number))
    }

    /// Upper case, letters and digits only.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! redacted_debug {
    ($($ty:ident),+) => {
        $(impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($ty), "(<{} characters>)"), self.0.chars().count())
            }
        })+
    };
}
redacted_debug!(PersonName, Address, DocumentNumber);

/// Level 1 (primary) data as declared by the applicant, parsed (typed values; parse, don't
/// validate). Its `Debug` form shows no personal value.
#[derive(Clone, PartialEq, Eq)]
pub struct Level1 {
    pub full_name: PersonName,
    pub birth_date: Date,
    pub nationality: CountryCode,
    pub residence_country: CountryCode,
    pub address: Address,
    pub document_type: DocumentKind,
    pub document_number: DocumentNumber,
}

impl fmt::Debug for Level1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Level1")
            .field("full_name", &self.full_name)
            .field("birth_date", &"<date>")
            .field("nationality", &"<country>")
            .field("residence_country", &"<country>")
            .field("address", &self.address)
            .field("document_type", &self.document_type)
            .field("document_number", &self.document_number)
            .finish()
    }
}

impl Level1 {
    /// The API's JSON form; [`parse_level1`] reads it back to an equal value.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "full_name": self.full_name.as_str(),
            "birth_date": date_text(self.birth_date),
            "nationality": self.nationality.alpha3(),
            "residence_country": self.residence_country.alpha3(),
            "address": self.address.as_str(),
            "document_type": self.document_type.as_str(),
            "document_number": self.document_number.as_str(),
        })
    }
}

/// One problem with one field of a level 1 body, in plain English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name (`birth_date`), or `body` for the body as a whole.
    pub field: String,
    /// What is wrong and what is expected ("birth_date must be a date like 1990-04-25").
    pub message: String,
}

impl FieldError {
    fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses the API's JSON body `{full_name, birth_date, nationality, residence_country, address,
/// document_type, document_number}`. Every problem is reported at once, in [`FIELDS`] order
/// then unknown fields in the body's order; unknown fields are refused.
pub fn parse_level1(value: &Value) -> Result<Level1, Vec<FieldError>> {
    let Some(object) = value.as_object() else {
        return Err(vec![FieldError::new(
            "body",
            format!(
                "the body must be a JSON object with the fields {}",
                FIELDS.join(", ")
            ),
        )]);
    };
    let mut errors = Vec::new();
    let full_name = field(object, "full_name", &mut errors, PersonName::parse);
    let birth_date = field(object, "birth_date", &mut errors, parse_birth_date);
    let nationality = field(object, "nationality", &mut errors, parse_country);
    let residence_country = field(object, "residence_country", &mut errors, parse_country);
    let address = field(object, "address", &mut errors, Address::parse);
    let document_type = field(object, "document_type", &mut errors, parse_document_type);
    let document_number = field(
        object,
        "document_number",
        &mut errors,
        DocumentNumber::parse,
    );
    for key in object.keys().filter(|key| !FIELDS.contains(&key.as_str())) {
        let shown: String = key.chars().take(40).collect();
        errors.push(FieldError {
            field: shown.clone(),
            message: format!(
                "{shown} is not a level 1 field (expected only {})",
                FIELDS.join(", ")
            ),
        });
    }
    match (
        full_name,
        birth_date,
        nationality,
        residence_country,
        address,
        document_type,
        document_number,
    ) {
        (
            Some(full_name),
            Some(birth_date),
            Some(nationality),
            Some(residence_country),
            Some(address),
            Some(document_type),
            Some(document_number),
        ) if errors.is_empty() => Ok(Level1 {
            full_name,
            birth_date,
            nationality,
            residence_country,
            address,
            document_type,
            document_number,
        }),
        _ => Err(errors),
    }
}

/// One string field: missing, not a string, or refused by `parse` becomes a [`FieldError`].
fn field<T>(
    object: &Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let outcome = match object.get(name) {
        None | Some(Value::Null) => Err(format!("{name} is required")),
        Some(Value::String(text)) => parse(text).map_err(|reason| format!("{name} {reason}")),
        Some(_) => Err(format!("{name} must be a string")),
    };
    outcome
        .map_err(|message| errors.push(FieldError::new(name, message)))
        .ok()
}

/// A date written exactly `YYYY-MM-DD`, from [`EARLIEST_BIRTH_YEAR`] on.
fn parse_birth_date(text: &str) -> Result<Date, String> {
    let date = parse_iso_date(text).ok_or("must be a date like 1990-04-25")?;
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(format!("must be {EARLIEST_BIRTH_YEAR}-01-01 or later"));
    }
    Ok(date)
}

/// `YYYY-MM-DD`, four-digit year, nothing else around it.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

fn parse_country(text: &str) -> Result<CountryCode, String> {
    let refused = || "must be an ISO 3166-1 country code such as \"FRA\" or \"FR\"".to_string();
    if !(2..=3).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(refused());
    }
    text.parse::<CountryCode>().map_err(|_| refused())
}

fn parse_document_type(text: &str) -> Result<DocumentKind, String> {
    DocumentKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .ok_or_else(|| "must be one of passport, id_card, driving_licence".into())
}

/// `YYYY-MM-DD`.
pub fn date_text(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Age in whole years on `today` of someone born on `birth` (negative when `birth` is after
/// `today`). A 29 February birthday counts from 1 March in common years.
pub fn age_on(birth: Date, today: Date) -> i32 {
    let years = today.year() - birth.year();
    let before_birthday =
        (u8::from(today.month()), today.day()) < (u8::from(birth.month()), birth.day());
    years - i32::from(before_birthday)
}

/// `UNDERAGE` when someone born on `birth` is younger than the policy's minimum age on
/// `today`; `source` (`declared`, `document`) goes to the evidence with the age and the
/// minimum, never the date itself.
pub(crate) fn underage(birth: Date, policy: &Policy, today: Date, source: &str) -> Option<Finding> {
    let age = age_on(birth, today);
    let minimum = i32::from(policy.applicants.minimum_age);
    (age < minimum).then(|| {
        let finding = Finding::new(ReasonCode::Underage)
            .with("source", source)
            .with("minimum_age", minimum);
        if birth > today {
            finding.with("birth_date_in_future", true)
        } else {
            finding.with("age", age)
        }
    })
}

/// Checks level 1 data alone (see the module documentation for what raises what).
pub fn check_level1(level1: &Level1, policy: &Policy, today: Date) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(underage(level1.birth_date, policy, today, "declared"));
    for (field, country) in [
        ("nationality", level1.nationality),
        ("residence_country", level1.residence_country),
    ] {
        if !policy.serves(country) {
            // The blocked country is the policy's, not a secret of the applicant's: the
            // reviewer needs it to see why.
            findings.push(
                Finding::new(ReasonCode::JurisdictionNotSupported)
                    .with("field", field)
                    .with("country", country.canonical().alpha3()),
            );
        }
    }
    if !policy.accepts(level1.document_type, level1.nationality) {
        findings.push(
            Finding::new(ReasonCode::DocumentTypeUnsupported)
                .with("kind", level1.document_type.as_str())
                .with("issuing_country", level1.nationality.canonical().alpha3())
                .with("source", "declared"),
        );
    }
    findings
}
