//! The MRZ writer ([`write()`]) and ICAO 9303 Part 3 name transliteration ([`transliterate`]).
//!
//! Used to produce synthetic specimen documents, so it writes what real issuers write:
//! transliterated names truncated by the ICAO rules, `D<<` for Germany, `<` as the TD3
//! personal-number check digit when that field is empty, long TD1/TD2 document numbers spilled
//! into the optional data with the check digit computed over the number alone (ICAO 9303 Part 5
//! and 11, and Belgian practice).

use time::Date;

use super::charset::{FILLER, check_digit_of};
use super::error::MrzError;
use super::report::{MrzFormat, Sex};

/// The data to write. Free-text names are transliterated; codes and numbers must already be
/// MRZ text (letters and digits; spaces become fillers; case is ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzInput {
    /// `P`, `PO`, `I`, `ID`, `AC`, `V`... (French ID: `ID`; French licence: `D1`).
    pub document_code: String,
    /// Three-letter code; `DEU` is written as Germany's `D<<`.
    pub issuing_state: String,
    /// Primary identifier, free text (`"Eriksson"`, `"van der Müllen"`).
    pub surname: String,
    /// Secondary identifier, free text (`"Anna María"`); may be empty.
    pub given_names: String,
    /// Document number. TD1/TD2 accept more than nine characters (spilled into optional data).
    pub document_number: String,
    /// Three-letter nationality; `DEU` is written as `D<<`. Ignored for the French formats.
    pub nationality: String,
    /// Date of birth; `None` writes fillers (unknown). Not used by the French licence.
    pub birth_date: Option<Date>,
    /// Sex. Not used by the French licence.
    pub sex: Sex,
    /// Date of expiry; `None` writes fillers. Must be `None` for the French national ID.
    pub expiry_date: Option<Date>,
    /// TD3 personal number (14 characters at most). Must be empty for other formats.
    pub personal_number: String,
    /// Optional data: TD1 line 1, TD2, MRV-A, MRV-B, French ID administrative code.
    pub optional_data: String,
    /// TD1 line 2 optional data.
    pub optional_data_2: String,
}

impl Default for MrzInput {
    fn default() -> Self {
        MrzInput {
            document_code: String::new(),
            issuing_state: String::new(),
            surname: String::new(),
            given_names: String::new(),
            document_number: String::new(),
            nationality: String::new(),
            birth_date: None,
            sex: Sex::Unspecified,
            expiry_date: None,
            personal_number: String::new(),
            optional_data: String::new(),
            optional_data_2: String::new(),
        }
    }
}

/// ICAO 9303 Part 3 transliteration of a name into MRZ characters.
///
/// * Latin letters with diacritics per the ICAO table: `Ä`→`AE`, `Å`→`AA`, `Æ`→`AE`, `Ö`→`OE`,
///   `Ø`→`OE`, `Ü`→`UE`, `ß`→`SS`, `Þ`→`TH`, `Ĳ`→`IJ`, `Œ`→`OE`, other accented letters to their
///   base letter (`É`→`E`, `Ñ`→`N`, `Ł`→`L`...).
/// * Cyrillic per the ICAO table (`Ж`→`ZH`, `Х`→`KH`, `Ц`→`TS`, `Щ`→`SHCH`, `Ъ`→`IE`,
///   `Ю`→`IU`, `Я`→`IA`, `Ь` omitted...), using the language-independent column (the
///   Ukrainian/Serbian/Macedonian/Belarusian exceptions need the language, which a name alone
///   does not give).
/// * Spaces and hyphens become the filler `<`; apostrophes are omitted (ICAO 9303 Part 3:
///   `D'ARTAGNAN` → `DARTAGNAN`); anything else (digits, punctuation, other scripts) is dropped.
/// * Runs of fillers collapse to one and fillers at either end are removed, because `<<` means
///   "end of the primary identifier".
///
/// ```
/// use kyc_documents::mrz::transliterate;
/// assert_eq!(transliterate("Müller-Lüdenscheidt"), "MUELLER<LUEDENSCHEIDT");
/// assert_eq!(transliterate("Ærøskøbing"), "AEROESKOEBING");
/// assert_eq!(transliterate("Щукина"), "SHCHUKINA");
/// assert_eq!(transliterate("D'Artagnan"), "DARTAGNAN");
/// ```
pub fn transliterate(name: &str) -> String {
    let mut raw = String::new();
    for c in name.chars() {
        for upper in c.to_uppercase() {
            push_transliterated(upper, &mut raw);
        }
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '<' && (out.is_empty() || out.ends_with('<')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('<') {
        out.pop();
    }
    out
}

fn push_transliterated(c: char, out: &mut String) {
    if c.is_ascii_uppercase() {
        out.push(c);
    } else if c.is_whitespace() || c == '<' || is_hyphen(c) {
        out.push('<');
    } else if let Some(latin) = latin(c) {
        out.push_str(latin);
    } else if let Some(cyrillic) = cyrillic(c) {
        out.push_str(cyrillic);
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// ICAO 9303 Part 3, transliteration of multinational Latin-based characters (upper case).
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' => "A",
        'Ä' => "AE",
        'Å' => "AA",
        'Æ' => "AE",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'Ð' | 'Ď' | 'Đ' => "D",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'Ĥ' | 'Ħ' => "H",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'Ĳ' => "IJ",
        'Ĵ' => "J",
        'Ķ' => "K",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'Ö' | 'Ø' | 'Œ' => "OE",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ẞ' => "SS",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'Þ' => "TH",
        'Ù' | 'Ú' | 'Û' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'Ü' => "UE",
        'Ŵ' => "W",
        'Ý' | 'Ŷ' | 'Ÿ' => "Y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// ICAO 9303 Part 3, transliteration of Cyrillic characters (upper case; default column).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' | 'Ґ' | 'Ғ' => "G",
        'Д' | 'Ђ' => "D",
        'Е' | 'Ё' | 'Э' => "E",
        'Є' => "IE",
        'Ж' => "ZH",
        'З' => "Z",
        'Ѕ' | 'Џ' => "DZ",
        'И' | 'Й' | 'І' | 'Ї' => "I",
        'Ј' => "J",
        'К' | 'Ќ' => "K",
        'Л' => "L",
        'Љ' => "LJ",
        'М' => "M",
        'Н' => "N",
        'Њ' => "NJ",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' | 'Ў' | 'Ѫ' => "U",
        'Ф' => "F",
        'Х' => "KH",
        'Ц' => "TS",
        'Ч' => "CH",
        'Ш' => "SH",
        'Щ' => "SHCH",
        'Ъ' => "IE",
        'Ы' | 'Ѵ' => "Y",
        'Ь' => "",
        'Ю' => "IU",
        'Я' => "IA",
        'Һ' => "C",
        _ => return None,
    })
}

/// Name components: the transliterated name split on fillers.
fn components(name: &str) -> Vec<String> {
    transliterate(name)
        .split('<')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Joins `components` with `separator` into exactly `budget` characters when they do not fit,
/// truncating components (never to nothing) so that the result ends with a letter — the ICAO
/// signal that truncation may have occurred. When they fit, they are returned whole (shorter
/// than `budget`).
fn fill_exactly(components: &[String], budget: usize, separator: &'static str) -> String {
    let parts: Vec<(&'static str, String)> =
        components.iter().map(|c| (separator, c.clone())).collect();
    fill_parts(&parts, budget)
}

/// [`fill_exactly`] with a separator per component (`(separator before, component)`; the first
/// separator is not written). Components are taken whole while they fit; the first one that
/// does not fit is cut to the room left; when there is no room for its separator and one
/// letter, earlier components (latest first) give up letters to make some.
fn fill_parts(parts: &[(&'static str, String)], budget: usize) -> String {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut used = 0usize;
    for (separator, component) in parts {
        let sep_len = if out.is_empty() { 0 } else { separator.len() };
        if used + sep_len + component.len() <= budget {
            out.push((separator, component.clone()));
            used += sep_len + component.len();
            continue;
        }
        let room = budget.saturating_sub(used);
        if room > sep_len {
            out.push((separator, prefix(component, room - sep_len)));
            break;
        }
        let need = sep_len + 1 - room;
        let mut freed = 0usize;
        for (_, previous) in out.iter_mut().rev() {
            while freed < need && previous.len() > 1 {
                previous.pop();
                freed += 1;
            }
            if freed == need {
                break;
            }
        }
        if freed == need {
            out.push((separator, prefix(component, 1)));
        }
        break;
    }
    let mut text = String::new();
    for (i, (separator, component)) in out.iter().enumerate() {
        if i > 0 {
            text.push_str(separator);
        }
        text.push_str(component);
    }
    text
}

fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn pad(mut s: String, width: usize) -> String {
    while s.len() < width {
        s.push(char::from(FILLER));
    }
    s
}

/// The name field: `PRIMARY<<SECONDARY<NAMES` padded to `width`, truncated per ICAO 9303
/// Part 3 §4.6 / Part 6 §4.2.3 when too long (secondary identifier first; the primary
/// identifier only when it alone does not leave room for `<<` and one letter).
fn name_field(
    surname: &str,
    given_names: &str,
    width: usize,
    format: MrzFormat,
) -> Result<String, MrzError> {
    let primary = components(surname);
    let secondary = components(given_names);
    if primary.is_empty() && secondary.is_empty() {
        return Err(MrzError::InvalidInput {
            format,
            field: "surname",
            message: "the name is empty after transliteration".to_string(),
        });
    }
    let primary_text = primary.join("<");
    let secondary_text = secondary.join("<");
    let field = if secondary.is_empty() {
        if primary_text.len() <= width {
            primary_text
        } else {
            fill_exactly(&primary, width, "<")
        }
    } else if primary_text.len() + 2 + secondary_text.len() <= width {
        format!("{primary_text}<<{secondary_text}")
    } else if primary.is_empty() {
        format!(
            "<<{}",
            fill_exactly(&secondary, width.saturating_sub(2), "<")
        )
    } else if primary_text.len() + 3 <= width {
        // The secondary identifier is truncated first; the primary only gives up letters when
        // a component boundary leaves one position that a filler cannot use.
        let mut parts: Vec<(&'static str, String)> =
            primary.iter().map(|c| ("<", c.clone())).collect();
        for (i, c) in secondary.iter().enumerate() {
            parts.push((if i == 0 { "<<" } else { "<" }, c.clone()));
        }
        fill_parts(&parts, width)
    } else {
        let first_initial = secondary.first().map(|s| prefix(s, 1)).unwrap_or_default();
        format!(
            "{}<<{first_initial}",
            fill_exactly(&primary, width.saturating_sub(3), "<")
        )
    };
    Ok(pad(field, width))
}

/// Letters/digits: upper-cased, spaces to fillers; anything else refused.
fn mrz_text(
    value: &str,
    field: &'static str,
    max: usize,
    format: MrzFormat,
) -> Result<String, MrzError> {
    let mut out = String::new();
    for c in value.trim().chars() {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<' {
            out.push(c);
        } else if c == ' ' {
            out.push('<');
        } else {
            return Err(MrzError::InvalidInput {
                format,
                field,
                message: format!("{c:?} cannot be written in an MRZ (only A-Z, 0-9)"),
            });
        }
    }
    if out.len() > max {
        return Err(MrzError::InvalidInput {
            format,
            field,
            message: format!("{} characters, at most {max} fit", out.len()),
        });
    }
    Ok(out)
}

fn code3(value: &str, field: &'static str, format: MrzFormat) -> Result<String, MrzError> {
    let upper = value.trim().to_ascii_uppercase();
    if upper == "DEU" || upper == "D" {
        return Ok("D<<".to_string());
    }
    if upper.is_empty() || upper.len() > 3 || !upper.bytes().all(|c| c.is_ascii_uppercase()) {
        return Err(MrzError::InvalidInput {
            format,
            field,
            message: format!("{value:?} is not a code of one to three letters"),
        });
    }
    Ok(pad(upper, 3))
}

fn date_text(date: Option<Date>) -> String {
    match date {
        Some(d) => format!(
            "{:02}{:02}{:02}",
            d.year().rem_euclid(100),
            u8::from(d.month()),
            d.day()
        ),
        None => "<<<<<<".to_string(),
    }
}

fn digit(parts: &[&str]) -> char {
    char::from(b'0' + check_digit_of(parts.iter().map(|p| p.as_bytes())))
}

fn refuse_unused(value: &str, field: &'static str, format: MrzFormat) -> Result<(), MrzError> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        Err(MrzError::InvalidInput {
            format,
            field,
            message: format!("this format has no {field} field"),
        })
    }
}

fn document_code(input: &MrzInput, format: MrzFormat) -> Result<String, MrzError> {
    let code = input.document_code.trim().to_ascii_uppercase();
    let bytes = code.as_bytes();
    let first_ok = bytes.first().is_some_and(u8::is_ascii_uppercase);
    let second_ok = match bytes.get(1) {
        None | Some(b'<') => true,
        Some(c) if format == MrzFormat::FrenchDrivingLicense => c.is_ascii_digit(),
        Some(c) => c.is_ascii_uppercase(),
    };
    let rule_ok = match format {
        MrzFormat::MrvA | MrzFormat::MrvB => bytes.first() == Some(&b'V'),
        // `IDFRA` on 2x36 is the French national ID card layout.
        MrzFormat::Td2 => {
            bytes.first() != Some(&b'V')
                && !(code == "ID" && input.issuing_state.trim().eq_ignore_ascii_case("FRA"))
        }
        MrzFormat::Td3 | MrzFormat::Td1 => bytes.first() != Some(&b'V'),
        MrzFormat::FrenchNationalId => code == "ID",
        MrzFormat::FrenchDrivingLicense => {
            bytes.first() == Some(&b'D') && bytes.get(1).is_some_and(u8::is_ascii_digit)
        }
    };
    if !first_ok || !second_ok || bytes.len() > 2 || !rule_ok {
        let expected = match format {
            MrzFormat::MrvA | MrzFormat::MrvB => "V or V + one letter",
            MrzFormat::FrenchNationalId => "ID",
            MrzFormat::FrenchDrivingLicense => "D + configuration digit (D1)",
            MrzFormat::Td2 => "one or two letters, not starting with V (and not ID for FRA)",
            _ => "one or two letters, not starting with V",
        };
        return Err(MrzError::InvalidInput {
            format,
            field: "document_code",
            message: format!("{:?}: expected {expected}", input.document_code),
        });
    }
    Ok(pad(code, 2))
}

/// Writes `fields` as the lines of a `format` MRZ, with every check digit computed.
///
/// Errors when a value cannot be represented (too long, characters outside the MRZ set, a
/// document code that would make the MRZ read as another format, a field the format lacks).
pub fn write(fields: &MrzInput, format: MrzFormat) -> Result<Vec<String>, MrzError> {
    let code = document_code(fields, format)?;
    match format {
        MrzFormat::Td1 => write_td1(fields, &code),
        MrzFormat::Td2 | MrzFormat::MrvB => write_36(fields, &code, format),
        MrzFormat::Td3 | MrzFormat::MrvA => write_44(fields, &code, format),
        MrzFormat::FrenchNationalId => write_french_id(fields, &code),
        MrzFormat::FrenchDrivingLicense => write_french_licence(fields, &code),
    }
}

/// The document number field, its check digit and what spills into optional data.
struct Number {
    field: String,
    check: char,
    overflow: String,
}

fn number(input: &MrzInput, format: MrzFormat, allow_long: bool) -> Result<Number, MrzError> {
    let text = mrz_text(&input.document_number, "document_number", 64, format)?;
    if text.trim_matches('<').is_empty() {
        return Err(MrzError::InvalidInput {
            format,
            field: "document_number",
            message: "empty".to_string(),
        });
    }
    if text.len() <= 9 {
        let field = pad(text, 9);
        let check = digit(&[&field]);
        return Ok(Number {
            field,
            check,
            overflow: String::new(),
        });
    }
    if !allow_long {
        return Err(MrzError::InvalidInput {
            format,
            field: "document_number",
            message: format!("{} characters, at most 9 fit", text.len()),
        });
    }
    // ICAO 9303 Part 5 / Part 6 note j: nine principal characters, `<` instead of the check
    // digit, the rest opening the optional data followed by the check digit over the whole
    // number (without the filler).
    let check = digit(&[&text]);
    let field = prefix(&text, 9);
    let rest: String = text.chars().skip(9).collect();
    Ok(Number {
        field,
        check: '<',
        overflow: format!("{rest}{check}"),
    })
}

fn optional_after_overflow(
    overflow: &str,
    optional: &str,
    width: usize,
    format: MrzFormat,
) -> Result<String, MrzError> {
    let optional = mrz_text(optional, "optional_data", width, format)?;
    let text = if overflow.is_empty() {
        optional
    } else if optional.is_empty() {
        overflow.to_string()
    } else {
        format!("{overflow}<{optional}")
    };
    if text.len() > width {
        return Err(MrzError::InvalidInput {
            format,
            field: "optional_data",
            message: format!(
                "the document number overflow and the optional data need {} characters, {width} \
                 fit",
                text.len()
            ),
        });
    }
    Ok(pad(text, width))
}

fn write_td1(input: &MrzInput, code: &str) -> Result<Vec<String>, MrzError> {
    let format = MrzFormat::Td1;
    refuse_unused(&input.personal_number, "personal_number", format)?;
    let state = code3(&input.issuing_state, "issuing_state", format)?;
    let nationality = code3(&input.nationality, "nationality", format)?;
    let number = number(input, format, true)?;
    let optional = optional_after_overflow(&number.overflow, &input.optional_data, 15, format)?;
    let optional_2 = pad(
        mrz_text(&input.optional_data_2, "optional_data_2", 11, format)?,
        11,
    );
    let line1 = format!("{code}{state}{}{}{optional}", number.field, number.check);
    let birth = date_text(input.birth_date);
    let expiry = date_text(input.expiry_date);
    let birth_check = digit(&[&birth]);
    let expiry_check = digit(&[&expiry]);
    let sex = input.sex.mrz_char();
    let line2_head =
        format!("{birth}{birth_check}{sex}{expiry}{expiry_check}{nationality}{optional_2}");
    let composite = digit(&[
        line1.get(5..30).unwrap_or(""),
        line2_head.get(0..7).unwrap_or(""),
        line2_head.get(8..15).unwrap_or(""),
        line2_head.get(18..29).unwrap_or(""),
    ]);
    let line2 = format!("{line2_head}{composite}");
    let line3 = name_field(&input.surname, &input.given_names, 30, format)?;
    Ok(vec![line1, line2, line3])
}

fn write_36(input: &MrzInput, code: &str, format: MrzFormat) -> Result<Vec<String>, MrzError> {
    refuse_unused(&input.personal_number, "personal_number", format)?;
    refuse_unused(&input.optional_data_2, "optional_data_2", format)?;
    let state = code3(&input.issuing_state, "issuing_state", format)?;
    let nationality = code3(&input.nationality, "nationality", format)?;
    let name = name_field(&input.surname, &input.given_names, 31, format)?;
    let line1 = format!("{code}{state}{name}");
    let td2 = format == MrzFormat::Td2;
    let number = number(input, format, td2)?;
    let optional_width = if td2 { 7 } else { 8 };
    let optional = optional_after_overflow(
        &number.overflow,
        &input.optional_data,
        optional_width,
        format,
    )?;
    let birth = date_text(input.birth_date);
    let expiry = date_text(input.expiry_date);
    let head = format!(
        "{}{}{nationality}{birth}{}{}{expiry}{}{optional}",
        number.field,
        number.check,
        digit(&[&birth]),
        input.sex.mrz_char(),
        digit(&[&expiry]),
    );
    let line2 = if td2 {
        let composite = digit(&[
            head.get(0..10).unwrap_or(""),
            head.get(13..20).unwrap_or(""),
            head.get(21..35).unwrap_or(""),
        ]);
        format!("{head}{composite}")
    } else {
        head
    };
    Ok(vec![line1, line2])
}

fn write_44(input: &MrzInput, code: &str, format: MrzFormat) -> Result<Vec<String>, MrzError> {
    refuse_unused(&input.optional_data_2, "optional_data_2", format)?;
    let td3 = format == MrzFormat::Td3;
    if td3 {
        refuse_unused(&input.optional_data, "optional_data", format)?;
    } else {
        refuse_unused(&input.personal_number, "personal_number", format)?;
    }
    let state = code3(&input.issuing_state, "issuing_state", format)?;
    let nationality = code3(&input.nationality, "nationality", format)?;
    let name = name_field(&input.surname, &input.given_names, 39, format)?;
    let line1 = format!("{code}{state}{name}");
    let number = number(input, format, false)?;
    let birth = date_text(input.birth_date);
    let expiry = date_text(input.expiry_date);
    let head = format!(
        "{}{}{nationality}{birth}{}{}{expiry}{}",
        number.field,
        number.check,
        digit(&[&birth]),
        input.sex.mrz_char(),
        digit(&[&expiry]),
    );
    let line2 = if td3 {
        let personal = pad(
            mrz_text(&input.personal_number, "personal_number", 14, format)?,
            14,
        );
        // ICAO 9303 Part 4: `<` when the personal number is not used (as German passports do).
        let personal_check = if personal.bytes().all(|c| c == FILLER) {
            '<'
        } else {
            digit(&[&personal])
        };
        let body = format!("{head}{personal}{personal_check}");
        let composite = digit(&[
            body.get(0..10).unwrap_or(""),
            body.get(13..20).unwrap_or(""),
            body.get(21..43).unwrap_or(""),
        ]);
        format!("{body}{composite}")
    } else {
        let optional = pad(
            mrz_text(&input.optional_data, "optional_data", 16, format)?,
            16,
        );
        format!("{head}{optional}")
    };
    Ok(vec![line1, line2])
}

fn write_french_id(input: &MrzInput, code: &str) -> Result<Vec<String>, MrzError> {
    let format = MrzFormat::FrenchNationalId;
    refuse_unused(&input.personal_number, "personal_number", format)?;
    refuse_unused(&input.optional_data_2, "optional_data_2", format)?;
    if input.expiry_date.is_some() {
        return Err(MrzError::InvalidInput {
            format,
            field: "expiry_date",
            message: "the French national ID MRZ has no expiry date".to_string(),
        });
    }
    let state = code3(&input.issuing_state, "issuing_state", format)?;
    if state != "FRA" {
        return Err(MrzError::InvalidInput {
            format,
            field: "issuing_state",
            message: "must be FRA".to_string(),
        });
    }
    let surname = components(&input.surname);
    if surname.is_empty() {
        return Err(MrzError::InvalidInput {
            format,
            field: "surname",
            message: "the surname is empty after transliteration".to_string(),
        });
    }
    let surname_text = surname.join("<");
    let surname_field = if surname_text.len() <= 25 {
        surname_text
    } else {
        fill_exactly(&surname, 25, "<")
    };
    let admin = pad(
        mrz_text(&input.optional_data, "optional_data", 6, format)?,
        6,
    );
    let line1 = format!("{code}{state}{}{admin}", pad(surname_field, 25));
    let number = mrz_text(&input.document_number, "document_number", 12, format)?;
    if number.trim_matches('<').is_empty() {
        return Err(MrzError::InvalidInput {
            format,
            field: "document_number",
            message: "empty".to_string(),
        });
    }
    let number = pad(number, 12);
    let given = components(&input.given_names);
    // Given names are separated by `<<` on this card.
    let given_text = given.join("<<");
    let given_field = if given_text.len() <= 14 {
        given_text
    } else {
        fill_exactly(&given, 14, "<<")
    };
    let birth = date_text(input.birth_date);
    let head = format!(
        "{number}{}{}{birth}{}{}",
        digit(&[&number]),
        pad(given_field, 14),
        digit(&[&birth]),
        input.sex.mrz_char()
    );
    let composite = digit(&[&line1, &head]);
    Ok(vec![line1, format!("{head}{composite}")])
}

fn write_french_licence(input: &MrzInput, code: &str) -> Result<Vec<String>, MrzError> {
    let format = MrzFormat::FrenchDrivingLicense;
    refuse_unused(&input.personal_number, "personal_number", format)?;
    refuse_unused(&input.optional_data, "optional_data", format)?;
    refuse_unused(&input.optional_data_2, "optional_data_2", format)?;
    let state = code3(&input.issuing_state, "issuing_state", format)?;
    if state != "FRA" {
        return Err(MrzError::InvalidInput {
            format,
            field: "issuing_state",
            message: "must be FRA".to_string(),
        });
    }
    let number = number(input, format, false)?;
    let head = format!("{code}{state}{}", number.field);
    let number_check = digit(&[&head]);
    let surname = components(&input.surname);
    if surname.is_empty() {
        return Err(MrzError::InvalidInput {
            format,
            field: "surname",
            message: "the surname is empty after transliteration".to_string(),
        });
    }
    let surname_text = surname.join("<");
    let surname_field = if surname_text.len() <= 8 {
        surname_text
    } else {
        fill_exactly(&surname, 8, "<")
    };
    let body = format!(
        "{head}{number_check}{}{}",
        date_text(input.expiry_date),
        pad(surname_field, 8)
    );
    let composite = digit(&[&body]);
    Ok(vec![format!("{body}{composite}")])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn fill_exactly_ends_with_a_letter() {
        let primary = parts(&["BENNELONG", "WOOLOOMOOLOO", "WARRANDYTE", "WARNAMBOOL"]);
        assert_eq!(
            fill_exactly(&primary, 28, "<"),
            "BENNELONG<WOOLOOMOOLOO<WARRA"
        );
        // One spare position: an earlier component gives up a letter.
        let p = parts(&["ABC", "DEFG"]);
        assert_eq!(fill_exactly(&p, 5, "<"), "ABC<D");
        assert_eq!(fill_exactly(&p, 4, "<"), "AB<D");
        assert_eq!(fill_exactly(&parts(&["ABCDEFGH"]), 4, "<"), "ABCD");
    }

    #[test]
    fn the_icao_td2_truncation_examples_are_valid_truncations() {
        let f = name_field(
            "Bennelong Wooloomooloo Warrandyte Warnambool",
            "Dingo Potoroo",
            31,
            MrzFormat::Td2,
        )
        .unwrap_or_default();
        assert_eq!(f, "BENNELONG<WOOLOOMOOLOO<WARRA<<D");
        let f = name_field(
            "Nilavadhanananda",
            "Chayapa Dejthamrong Krasuang",
            31,
            MrzFormat::Td2,
        )
        .unwrap_or_default();
        assert_eq!(f, "NILAVADHANANANDA<<CHAYAPA<DEJTH");
        let f =
            name_field("Papandropoulous", "Jonathoon Alec", 31, MrzFormat::Td2).unwrap_or_default();
        assert_eq!(f, "PAPANDROPOULOUS<<JONATHOON<ALEC");
        let f =
            name_field("Al-Basri", "Huda Muhammad Jawad", 31, MrzFormat::Td2).unwrap_or_default();
        assert_eq!(f, "AL<BASRI<<HUDA<MUHAMMAD<JAWAD<<");
    }

    #[test]
    fn transliteration_table_samples() {
        assert_eq!(transliterate("Åsa Ödegård"), "AASA<OEDEGAARD");
        assert_eq!(transliterate("Þórður Guðmundsson"), "THORDUR<GUDMUNDSSON");
        assert_eq!(transliterate("Straße"), "STRASSE");
        assert_eq!(transliterate("José Ñúñez"), "JOSE<NUNEZ");
        assert_eq!(transliterate("Łukasz Żółć"), "LUKASZ<ZOLC");
        assert_eq!(transliterate("Юлия Щеглова"), "IULIIA<SHCHEGLOVA");
        assert_eq!(transliterate("Игорь Ильин"), "IGOR<ILIN");
        assert_eq!(transliterate("  -- O'Neil  "), "ONEIL");
        assert_eq!(transliterate("李 Wei 3rd"), "WEI<RD");
        assert_eq!(transliterate(""), "");
    }
}
