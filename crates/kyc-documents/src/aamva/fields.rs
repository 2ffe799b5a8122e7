//! From raw elements to typed [`Fields`]: names per version, dates in the right digit order,
//! sex, postal code, country and jurisdiction.

use time::{Date, Month};

use super::elements::{ElementList, mandatory};
use super::jurisdiction::{Country, country_of_region, issuer};
use super::report::{DateOrder, Fields, Sex, SubfileType, Truncation, Warning, WarningCode};

/// Everything `fields` needs besides the elements.
pub(crate) struct Context<'a> {
    pub version: u8,
    pub iin: &'a str,
    pub document_type: Option<SubfileType>,
}

/// The typed fields and the jurisdiction.
pub(crate) struct Extracted {
    pub fields: Fields,
    pub jurisdiction: Option<String>,
}

fn warn(warnings: &mut Vec<Warning>, code: WarningCode, message: String) {
    warnings.push(Warning { code, message });
}

/// The trimmed value of an element, `None` when absent or blank.
fn get<'a>(elements: &'a ElementList, id: &str) -> Option<&'a str> {
    elements
        .raw(id)
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// Values jurisdictions write for "no such name part".
fn is_placeholder(value: &str) -> bool {
    ["NONE", "UNAVL", "UNAVAIL", "UNKNOWN", "N/A"]
        .iter()
        .any(|placeholder| value.eq_ignore_ascii_case(placeholder))
}

/// Trims spaces and the `,`/`$` name separators some issuers leave at the ends.
fn clean_name(value: &str) -> Option<String> {
    let value = value.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '$');
    (!value.is_empty()).then(|| value.to_owned())
}

/// Joins name parts with single spaces, dropping blanks and placeholders.
fn join_names<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .flat_map(|part| part.split([',', '$']))
        .flat_map(str::split_whitespace)
        .filter(|part| !is_placeholder(part))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

const SUFFIXES: &[&str] = &[
    "JR", "SR", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "1ST", "2ND", "3RD", "4TH",
    "5TH", "JR.", "SR.",
];

/// The parts of a full name: family, first, middle names, suffix.
#[derive(Default)]
struct NameParts {
    family: Option<String>,
    first: Option<String>,
    middle: Option<String>,
    suffix: Option<String>,
}

/// Splits version 01's `DAA` full name: `FAMILY,FIRST,MIDDLE[,SUFFIX]` (`,` or `$`). Without
/// separators the order is a guess: `FIRST [MIDDLE...] FAMILY`.
fn split_full_name(full: &str, warnings: &mut Vec<Warning>) -> NameParts {
    if full.contains([',', '$']) {
        let mut parts: Vec<&str> = full.split([',', '$']).map(str::trim).collect();
        let mut names = NameParts::default();
        if parts.len() >= 4
            && let Some(last) = parts.last()
            && SUFFIXES.iter().any(|s| last.eq_ignore_ascii_case(s))
        {
            names.suffix = clean_name(last);
            parts.pop();
        }
        let mut parts = parts.into_iter();
        names.family = parts.next().and_then(clean_name);
        names.first = parts.next().and_then(clean_name);
        names.middle = join_names(parts);
        return names;
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    let mut names = NameParts::default();
    match words.as_slice() {
        [] => {}
        [only] => names.family = clean_name(only),
        [first, middle @ .., family] => {
            names.first = clean_name(first);
            names.middle = join_names(middle.iter().copied());
            names.family = clean_name(family);
            warn(
                warnings,
                WarningCode::NameOrderGuessed,
                "DAA has no ',' or '$' between the name parts; read as first, middle, family name"
                    .to_owned(),
            );
        }
    }
    names
}

/// Splits versions 02-03's `DCT` given names: the first one, and the rest as middle names.
fn split_given_names(given: &str) -> (Option<String>, Option<String>) {
    let (first, rest) = if given.contains([',', '$']) {
        match given.split_once([',', '$']) {
            Some((first, rest)) => (first, rest),
            None => (given, ""),
        }
    } else {
        match given.trim().split_once(char::is_whitespace) {
            Some((first, rest)) => (first, rest),
            None => (given, ""),
        }
    };
    (clean_name(first), join_names([rest]))
}

fn names(elements: &ElementList, warnings: &mut Vec<Warning>) -> NameParts {
    let full = get(elements, "DAA").map(|full| split_full_name(full, warnings));
    let given = get(elements, "DCT").map(split_given_names);
    let full = full.unwrap_or_default();
    let (given_first, given_middle) = given.unwrap_or_default();
    NameParts {
        family: get(elements, "DCS")
            .or_else(|| get(elements, "DAB"))
            .and_then(clean_name)
            .or(full.family),
        first: get(elements, "DAC")
            .and_then(clean_name)
            .or(given_first)
            .or(full.first),
        middle: get(elements, "DAD")
            .map(|middle| join_names([middle]))
            .unwrap_or(given_middle.or(full.middle)),
        suffix: get(elements, "DCU")
            .or_else(|| get(elements, "DAE"))
            .and_then(|suffix| join_names([suffix]))
            .or(full.suffix),
    }
}

fn truncation(
    elements: &ElementList,
    id: &str,
    part: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Truncation> {
    let value = get(elements, id)?;
    let flag = match value {
        "T" | "t" => Truncation::Truncated,
        "N" | "n" => Truncation::NotTruncated,
        "U" | "u" => Truncation::Unknown,
        _ => {
            warn(
                warnings,
                WarningCode::InvalidValue,
                format!("{id} ({part} truncation) should be T, N or U, found {value:?}"),
            );
            return None;
        }
    };
    if flag == Truncation::Truncated {
        warn(
            warnings,
            WarningCode::NameTruncated,
            format!("the {part} was truncated to fit the card ({id}=T)"),
        );
    }
    Some(flag)
}

fn sex(elements: &ElementList, warnings: &mut Vec<Warning>) -> Option<Sex> {
    let value = get(elements, "DBC")?;
    match value.to_ascii_uppercase().as_str() {
        "1" | "M" => Some(Sex::Male),
        "2" | "F" => Some(Sex::Female),
        "9" | "X" => Some(Sex::Unspecified),
        _ => {
            warn(
                warnings,
                WarningCode::InvalidValue,
                format!("DBC (sex) should be 1, 2, 9, M, F or X, found {value:?}"),
            );
            None
        }
    }
}

/// Normalises `DAK`. US: `902230000` → `90223`, `902231234` → `90223-1234` (a `0000` extension
/// means "no extension"; longer zero padding is dropped). Canada: `n1m3j6` → `N1M 3J6`.
/// Anything else is kept trimmed.
pub(crate) fn postal_code(raw: &str) -> Option<String> {
    let value = raw.trim();
    if value.is_empty() {
        return None;
    }
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = compact.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        if let (Some(zip), Some(extension), Some(padding)) =
            (compact.get(..5), compact.get(5..9), compact.get(9..))
            && padding.bytes().all(|b| b == b'0')
        {
            return Some(if extension == "0000" {
                zip.to_owned()
            } else {
                format!("{zip}-{extension}")
            });
        }
        if bytes.len() == 5 {
            return Some(compact);
        }
    }
    if let [a, b, c, d, e, f] = bytes
        && a.is_ascii_uppercase()
        && b.is_ascii_digit()
        && c.is_ascii_uppercase()
        && d.is_ascii_digit()
        && e.is_ascii_uppercase()
        && f.is_ascii_digit()
    {
        let [a, b, c, d, e, f] = [a, b, c, d, e, f].map(|&byte| char::from(byte));
        return Some(format!("{a}{b}{c} {d}{e}{f}"));
    }
    Some(value.to_owned())
}

/// A calendar date with a plausible year for an identity document.
fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1800..=2999).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, &d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// Reads eight digits in one order.
fn reading(digits: &[u8; 8], order: DateOrder) -> Option<Date> {
    let (year, month, day) = match order {
        DateOrder::MonthDayYear => (&digits[4..8], &digits[0..2], &digits[2..4]),
        DateOrder::YearMonthDay => (&digits[0..4], &digits[4..6], &digits[6..8]),
    };
    date(number(year), number(month), number(day))
}

fn other(order: DateOrder) -> DateOrder {
    match order {
        DateOrder::MonthDayYear => DateOrder::YearMonthDay,
        DateOrder::YearMonthDay => DateOrder::MonthDayYear,
    }
}

/// Reads a date element. `expected` is the order the country implies (`None`: unknown). Returns
/// the date and the order it was read in.
fn read_date(
    elements: &ElementList,
    id: &str,
    what: &str,
    expected: Option<DateOrder>,
    warnings: &mut Vec<Warning>,
) -> Option<(Date, DateOrder)> {
    let raw = get(elements, id)?;
    let invalid = |warnings: &mut Vec<Warning>| {
        warn(
            warnings,
            WarningCode::InvalidDate,
            format!(
                "{id} ({what}) is {raw:?}, not a date as MMDDCCYY or CCYYMMDD; the field is null"
            ),
        );
        None
    };
    // Accept the digits with the separators some issuers add (06/06/1986, 1986-06-06).
    let mut digits = [0u8; 8];
    let mut count = 0usize;
    for byte in raw.bytes() {
        match byte {
            b'0'..=b'9' => {
                match digits.get_mut(count) {
                    Some(slot) => *slot = byte,
                    None => return invalid(warnings),
                }
                count += 1;
            }
            b'/' | b'-' | b'.' | b' ' => {}
            _ => return invalid(warnings),
        }
    }
    if count != 8 {
        return invalid(warnings);
    }
    match expected {
        Some(order) => {
            if let Some(date) = reading(&digits, order) {
                return Some((date, order));
            }
            let fallback = other(order);
            match reading(&digits, fallback) {
                Some(date) => {
                    warn(
                        warnings,
                        WarningCode::DateFormatMismatch,
                        format!(
                            "{id} ({what}) {raw:?} is not a valid {} date, the format expected here; read as {}",
                            order.as_str(),
                            fallback.as_str()
                        ),
                    );
                    Some((date, fallback))
                }
                None => invalid(warnings),
            }
        }
        None => {
            let month_first = reading(&digits, DateOrder::MonthDayYear);
            let year_first = reading(&digits, DateOrder::YearMonthDay);
            let (date, order, why) = match (month_first, year_first) {
                (Some(date), None) => (date, DateOrder::MonthDayYear, "the only valid reading"),
                (None, Some(date)) => (date, DateOrder::YearMonthDay, "the only valid reading"),
                (Some(date), Some(_)) => (
                    date,
                    DateOrder::MonthDayYear,
                    "both readings are valid, the US order was chosen",
                ),
                (None, None) => return invalid(warnings),
            };
            warn(
                warnings,
                WarningCode::DateAmbiguous,
                format!(
                    "the issuing country is unknown, so {id} ({what}) {raw:?} was read as {} ({why})",
                    order.as_str()
                ),
            );
            Some((date, order))
        }
    }
}

/// Extracts the typed fields and checks mandatory elements.
pub(crate) fn extract(
    context: &Context<'_>,
    elements: &ElementList,
    warnings: &mut Vec<Warning>,
) -> Extracted {
    let version = context.version;
    let issuer = issuer(context.iin);
    let state = get(elements, "DAJ").map(str::to_owned);

    // Jurisdiction: the IIN's, else the address state.
    let jurisdiction = match issuer {
        Some(issuer) => {
            if let (Some(code), Some(state)) = (issuer.jurisdiction, state.as_deref())
                && code != state
            {
                warn(
                    warnings,
                    WarningCode::JurisdictionMismatch,
                    format!(
                        "the IIN {} belongs to {code} but the address state DAJ is {state}",
                        context.iin
                    ),
                );
            }
            issuer.jurisdiction.map(str::to_owned).or(state.clone())
        }
        None => {
            warn(
                warnings,
                WarningCode::UnknownIin,
                format!(
                    "the IIN {} is not in AAMVA's issuer table; the jurisdiction is taken from DAJ",
                    context.iin
                ),
            );
            state.clone()
        }
    };

    // Country: DCG, else inferred.
    let declared_country = get(elements, "DCG").map(str::to_ascii_uppercase);
    let (country_text, country) = match declared_country {
        Some(code) => {
            // A recognised country is written as its alpha-3 code (`US` → `USA`).
            let country = Country::from_code(&code);
            (Some(country.map_or(code, |c| c.code().to_owned())), country)
        }
        None => {
            let inferred = issuer
                .map(|issuer| (issuer.country, format!("the IIN {}", context.iin)))
                .or_else(|| {
                    let state = state.as_deref()?;
                    Some((
                        country_of_region(state)?,
                        format!("the address state {state}"),
                    ))
                });
            match inferred {
                Some((country, source)) => {
                    if version >= 2 {
                        warn(
                            warnings,
                            WarningCode::CountryInferred,
                            format!(
                                "DCG (country) is absent; {} inferred from {source}",
                                country.code()
                            ),
                        );
                    } else {
                        warn(
                            warnings,
                            WarningCode::CountryInferred,
                            format!(
                                "version 01 has no DCG (country); {} inferred from {source}",
                                country.code()
                            ),
                        );
                    }
                    (Some(country.code().to_owned()), Some(country))
                }
                None => (None, None),
            }
        }
    };

    // Dates: version 01 (DL/ID-2000) writes CCYYMMDD; later versions MMDDCCYY in the US and
    // CCYYMMDD in Canada.
    let expected = if version <= 1 {
        Some(DateOrder::YearMonthDay)
    } else {
        match country {
            Some(Country::Usa) => Some(DateOrder::MonthDayYear),
            Some(Country::Canada) => Some(DateOrder::YearMonthDay),
            Some(Country::Mexico) | None => None,
        }
    };
    let birth = read_date(elements, "DBB", "date of birth", expected, warnings);
    let issue = read_date(elements, "DBD", "issue date", expected, warnings);
    let expiry = read_date(elements, "DBA", "expiry date", expected, warnings);
    let date_format = expected.or_else(|| {
        [birth, issue, expiry]
            .into_iter()
            .flatten()
            .map(|(_, order)| order)
            .next()
    });

    let names = names(elements, warnings);
    let fields = Fields {
        family_name: names.family,
        first_name: names.first,
        middle_names: names.middle,
        birth_date: birth.map(|(date, _)| date),
        issue_date: issue.map(|(date, _)| date),
        expiry_date: expiry.map(|(date, _)| date),
        document_number: get(elements, "DAQ").map(str::to_owned),
        sex: sex(elements, warnings),
        street: get(elements, "DAG").map(str::to_owned),
        city: get(elements, "DAI").map(str::to_owned),
        state,
        postal_code: get(elements, "DAK").and_then(postal_code),
        country: country_text,
        street_2: get(elements, "DAH").map(str::to_owned),
        name_suffix: names.suffix,
        family_name_truncation: truncation(elements, "DDE", "family name", warnings),
        first_name_truncation: truncation(elements, "DDF", "first name", warnings),
        middle_names_truncation: truncation(elements, "DDG", "middle names", warnings),
        document_type: context.document_type,
        date_format,
    };
    if let Some(kind) = context.document_type {
        check_mandatory(version, kind, elements, warnings);
    }
    Extracted {
        fields,
        jurisdiction,
    }
}

fn check_mandatory(
    version: u8,
    kind: SubfileType,
    elements: &ElementList,
    warnings: &mut Vec<Warning>,
) {
    let has = |id: &str| elements.contains(id);
    let mut missing: Vec<&str> = mandatory(version, kind == SubfileType::DriverLicence)
        .iter()
        .copied()
        .filter(|id| !has(id))
        .collect();
    match version {
        0..=1 => {
            if !has("DAA") && !has("DAB") && !has("DCS") {
                missing.push("DAA");
            }
        }
        2..=3 => {
            if !has("DCS") {
                missing.push("DCS");
            }
            if !has("DCT") && !has("DAC") {
                missing.push("DCT");
            }
        }
        _ => missing.extend(["DCS", "DAC", "DAD"].into_iter().filter(|id| !has(id))),
    }
    for id in missing {
        warn(
            warnings,
            WarningCode::MissingMandatoryElement,
            format!(
                "element {id} is mandatory in version {version:02} {kind} subfiles but is absent"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert_eq!(postal_code("902230000").as_deref(), Some("90223"));
        assert_eq!(postal_code("232690000  ").as_deref(), Some("23269"));
        assert_eq!(postal_code("902231234").as_deref(), Some("90223-1234"));
        assert_eq!(postal_code("90223-1234").as_deref(), Some("90223-1234"));
        assert_eq!(postal_code("0210800000  ").as_deref(), Some("02108"));
        assert_eq!(postal_code("90223").as_deref(), Some("90223"));
        assert_eq!(postal_code("n1m3j6").as_deref(), Some("N1M 3J6"));
        assert_eq!(postal_code("N1M 3J6    ").as_deref(), Some("N1M 3J6"));
        assert_eq!(postal_code("  ").as_deref(), None);
        assert_eq!(postal_code("1234").as_deref(), Some("1234"));
        assert_eq!(postal_code("9022312345").as_deref(), Some("9022312345"));
    }

    #[test]
    fn full_names() {
        let mut warnings = Vec::new();
        let names = split_full_name("PUBLIC,JOHN,QUINCY,JR", &mut warnings);
        assert_eq!(names.family.as_deref(), Some("PUBLIC"));
        assert_eq!(names.first.as_deref(), Some("JOHN"));
        assert_eq!(names.middle.as_deref(), Some("QUINCY"));
        assert_eq!(names.suffix.as_deref(), Some("JR"));
        let names = split_full_name("PUBLIC$JOHN$", &mut warnings);
        assert_eq!(names.family.as_deref(), Some("PUBLIC"));
        assert_eq!(names.first.as_deref(), Some("JOHN"));
        assert_eq!(names.middle, None);
        assert!(warnings.is_empty());
        let names = split_full_name("JOHN QUINCY PUBLIC", &mut warnings);
        assert_eq!(names.family.as_deref(), Some("PUBLIC"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn given_names() {
        assert_eq!(
            split_given_names("MARY,ANN"),
            (Some("MARY".into()), Some("ANN".into()))
        );
        assert_eq!(
            split_given_names("MARY ANN LOU"),
            (Some("MARY".into()), Some("ANN LOU".into()))
        );
        assert_eq!(split_given_names("MARY"), (Some("MARY".into()), None));
    }
}
