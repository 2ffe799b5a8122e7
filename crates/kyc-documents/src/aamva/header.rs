//! Finding and reading the header: `@` LF RS CR, the file type, IIN, versions, entry count and
//! the subfile designators, repairing what scanners damage.
//!
//! The parser does not trust the first bytes to be the `@`. It looks for the file type followed
//! by six digits (`ANSI 636000`, `ANSI636000`, `AAMVA636006`) and reads everything relative to
//! that anchor, because the file type is the longest fixed text of the header and the part
//! scanners leave intact. What stands before the anchor is checked against `@` LF RS CR and every
//! difference becomes a warning.

use super::elements::has_id_shape;
use super::report::{AamvaError, FileType, SubfileType, Warning, WarningCode};

pub(crate) const LF: u8 = b'\n';
pub(crate) const RS: u8 = 0x1e;
pub(crate) const CR: u8 = b'\r';

/// What the header says, plus where the parser found it.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub file_type: FileType,
    pub iin: String,
    pub version: u8,
    pub jurisdiction_version: Option<u8>,
    /// The number of entries the header declares (`None` when unreadable).
    pub declared_entries: Option<usize>,
    pub designators: Vec<Designator>,
    /// The byte position the declared offsets count from: where a standard `@` would stand,
    /// four bytes before the file type. Negative when the `@` and separators were dropped.
    pub origin: i64,
    /// The first byte after the last designator read.
    pub end: usize,
    /// A byte the damaged header used instead of LF between elements (`|`, space...), which is
    /// then also accepted as a separator in front of a known element id.
    pub extra_separator: Option<u8>,
}

/// One subfile designator: type, offset and length as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Designator {
    pub kind: SubfileType,
    pub offset: u16,
    pub length: u16,
}

/// Reads `count` ASCII digits at `at` as a number; `None` if any is missing or not a digit.
pub(crate) fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
    let field = bytes.get(at..at.checked_add(count)?)?;
    field.iter().try_fold(0u32, |number, &byte| {
        byte.is_ascii_digit()
            .then(|| number * 10 + u32::from(byte - b'0'))
    })
}

/// A short, safe rendering of some bytes for messages: control characters by name.
pub(crate) fn describe(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing".to_owned();
    }
    let mut out = String::new();
    let mut previous: Option<u8> = None;
    for &byte in bytes.iter().take(24) {
        if previous
            .is_some_and(|previous| !(byte.is_ascii_graphic() && previous.is_ascii_graphic()))
        {
            out.push(' ');
        }
        previous = Some(byte);
        match byte {
            LF => out.push_str("LF"),
            CR => out.push_str("CR"),
            RS => out.push_str("RS"),
            b' ' => out.push_str("SP"),
            0x21..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("0x{byte:02X}")),
        }
    }
    if bytes.len() > 24 {
        out.push_str(" ...");
    }
    format!("\"{out}\"")
}

/// Where the file type starts, which it is, and where the IIN starts.
struct Anchor {
    at: usize,
    file_type: FileType,
    iin_at: usize,
    spaced: bool,
}

/// Finds the first `ANSI`/`AAMVA` followed (after an optional space) by six digits.
fn find_anchor(bytes: &[u8]) -> Option<Anchor> {
    let mut from = 0;
    while let Some(relative) = bytes.get(from..)?.iter().position(|&b| b == b'A') {
        let at = from + relative;
        let rest = bytes.get(at..)?;
        let file_type = if rest.starts_with(b"ANSI") {
            Some((FileType::Ansi, 4))
        } else if rest.starts_with(b"AAMVA") {
            Some((FileType::Aamva, 5))
        } else {
            None
        };
        if let Some((file_type, length)) = file_type {
            let mut iin_at = at + length;
            let spaced = bytes.get(iin_at) == Some(&b' ');
            if spaced {
                iin_at += 1;
            }
            if digits(bytes, iin_at, 6).is_some() {
                return Some(Anchor {
                    at,
                    file_type,
                    iin_at,
                    spaced,
                });
            }
        }
        from = at + 1;
    }
    None
}

fn is_designator(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 2), Some([a, b]) if SubfileType::from_bytes([*a, *b]).is_some())
        && digits(bytes, at + 2, 8).is_some()
}

fn read_designator(bytes: &[u8], at: usize) -> Option<Designator> {
    let kind = match bytes.get(at..at + 2)? {
        [a, b] => SubfileType::from_bytes([*a, *b])?,
        _ => return None,
    };
    Some(Designator {
        kind,
        offset: u16::try_from(digits(bytes, at + 2, 4)?).ok()?,
        length: u16::try_from(digits(bytes, at + 6, 4)?).ok()?,
    })
}

fn warn(warnings: &mut Vec<Warning>, code: WarningCode, message: String) {
    warnings.push(Warning { code, message });
}

/// Reads the header, or explains why there is none.
pub(crate) fn read(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<Header, AamvaError> {
    let Some(anchor) = find_anchor(bytes) else {
        let found = if bytes.iter().all(u8::is_ascii_whitespace) {
            "an empty or blank input".to_owned()
        } else {
            describe(bytes)
        };
        return Err(AamvaError::NotAamva { found });
    };
    let extra_separator = check_prefix(bytes, anchor.at, warnings);
    if anchor.file_type == FileType::Ansi && !anchor.spaced {
        warn(
            warnings,
            WarningCode::HeaderRepaired,
            "the file type \"ANSI\" is not followed by a space; read as \"ANSI \"".to_owned(),
        );
    }
    let iin_at = anchor.iin_at;
    let iin = bytes
        .get(iin_at..iin_at + 6)
        .map(|iin| iin.iter().map(|&b| char::from(b)).collect::<String>())
        .unwrap_or_default();
    let version_at = iin_at + 6;
    let Some(version) = digits(bytes, version_at, 2) else {
        return Err(AamvaError::BadHeader {
            expected: "a 2-digit AAMVA version number after the issuer identification number",
            found: describe(bytes.get(version_at..).unwrap_or_default()),
            at: version_at,
        });
    };
    // Both are two digits, so they fit a u8.
    let version = u8::try_from(version).unwrap_or(u8::MAX);
    if version == 0 || version > 10 {
        let rules = if version == 0 { "01" } else { "10" };
        warn(
            warnings,
            WarningCode::UnsupportedVersion,
            format!(
                "AAMVA version {version:02} is not one of 01 to 10; read with the version {rules} rules"
            ),
        );
    }

    // Version 01 headers have no jurisdiction version; later ones do. Some issuers got this
    // wrong, so take whichever layout leads to a readable first designator.
    let after_version = version_at + 2;
    let layout_with = (Some(after_version), after_version + 2);
    let layout_without = (None, after_version);
    let (expected, alternative) = if version <= 1 {
        (layout_without, layout_with)
    } else {
        (layout_with, layout_without)
    };
    let fits = |(_, entries_at): (Option<usize>, usize)| is_designator(bytes, entries_at + 2);
    let (jurisdiction_version_at, entries_at) = if fits(expected) || !fits(alternative) {
        expected
    } else {
        let message = if version <= 1 {
            format!("the version {version:02} header carries a jurisdiction version number")
        } else {
            format!("the version {version:02} header has no jurisdiction version number")
        };
        warn(warnings, WarningCode::HeaderRepaired, message);
        alternative
    };
    let jurisdiction_version = jurisdiction_version_at
        .and_then(|at| digits(bytes, at, 2))
        .and_then(|number| u8::try_from(number).ok());
    let declared_entries = digits(bytes, entries_at, 2).map(|n| n as usize);

    // Both file types are five bytes, so a standard '@' stands nine bytes before the IIN; counting
    // from there undoes dropped or doubled separators and a missing space after "ANSI".
    let origin = iin_at as i64 - 9;
    let mut designators: Vec<Designator> = Vec::new();
    let mut at = entries_at + 2;
    let declared = declared_entries.unwrap_or(0);
    while designators.len() < declared {
        let Some(designator) = read_designator(bytes, at) else {
            break;
        };
        designators.push(designator);
        at += 10;
    }
    // A wrong entry count: more designators follow (and, when there is a first one, its offset
    // says they belong to the header because the first subfile starts after them).
    let header_limit = designators
        .first()
        .map(|first| origin + i64::from(first.offset))
        .filter(|&limit| limit > at as i64)
        .unwrap_or(i64::MAX);
    while (at as i64) + 10 <= header_limit && designators.len() < 99 {
        let Some(designator) = read_designator(bytes, at) else {
            break;
        };
        if designators
            .iter()
            .any(|known| known.kind == designator.kind)
        {
            break;
        }
        designators.push(designator);
        at += 10;
    }
    if designators.len() != declared {
        let entries = match declared_entries {
            Some(count) => format!("{count}"),
            None => format!(
                "an unreadable number of ({})",
                describe(bytes.get(entries_at..entries_at + 2).unwrap_or_default())
            ),
        };
        warn(
            warnings,
            WarningCode::DesignatorsRepaired,
            format!(
                "the header declares {entries} subfile(s) but {} readable subfile designator(s) follow it",
                designators.len()
            ),
        );
    }
    Ok(Header {
        file_type: anchor.file_type,
        iin,
        version,
        jurisdiction_version,
        declared_entries,
        designators,
        origin,
        end: at.min(bytes.len()),
        extra_separator,
    })
}

/// Checks what precedes the file type against `@` LF RS CR, warns about every difference and
/// returns the byte used in place of LF, when it is a printable stand-in (`|`, space).
fn check_prefix(bytes: &[u8], anchor: usize, warnings: &mut Vec<Warning>) -> Option<u8> {
    let before = bytes.get(..anchor).unwrap_or_default();
    // The '@' should be 4 bytes before the file type; accept it up to 8 bytes before.
    let at_sign = before
        .iter()
        .rposition(|&b| b == b'@')
        .filter(|&position| anchor - position <= 8);
    let (skipped, separators) = match at_sign {
        Some(position) => (
            before.get(..position).unwrap_or_default(),
            before.get(position + 1..).unwrap_or_default(),
        ),
        None => {
            // The '@' was dropped: up to three trailing non-alphanumeric bytes are separators.
            let separators = before
                .iter()
                .rev()
                .take(3)
                .take_while(|b| !b.is_ascii_alphanumeric() && **b != b'@')
                .count();
            let split = before.len() - separators;
            (
                before.get(..split).unwrap_or_default(),
                before.get(split..).unwrap_or_default(),
            )
        }
    };
    if !skipped.is_empty() {
        let what = if skipped.iter().all(u8::is_ascii_whitespace) {
            "whitespace"
        } else {
            "data"
        };
        warn(
            warnings,
            WarningCode::LeadingDataSkipped,
            format!(
                "ignored {} byte(s) of {what} before the header ({})",
                skipped.len(),
                describe(skipped)
            ),
        );
    }
    if at_sign.is_none() {
        warn(
            warnings,
            WarningCode::HeaderRepaired,
            "the compliance indicator '@' is missing before the file type".to_owned(),
        );
    }
    if separators != [LF, RS, CR] {
        warn(
            warnings,
            WarningCode::HeaderRepaired,
            format!(
                "expected the separators LF RS CR after '@', found {}",
                describe(separators)
            ),
        );
    }
    separators
        .first()
        .copied()
        .filter(|&b| b != LF && b != CR && b != RS && b != b'@' && !b.is_ascii_alphanumeric())
}

/// Whether `bytes[at..at + 3]` looks like the id of an element of a subfile of type `kind`:
/// a known DL/ID id for DL and ID, `Z` + the subfile letter for jurisdiction subfiles.
pub(crate) fn plausible_id(bytes: &[u8], at: usize, kind: SubfileType) -> bool {
    let Some(id) = bytes.get(at..at + 3) else {
        return false;
    };
    match kind {
        SubfileType::DriverLicence | SubfileType::IdCard => {
            matches!(id, &[a, b, c] if super::elements::is_known_id([a, b, c]))
        }
        SubfileType::Jurisdiction(letter) => {
            id.first() == Some(&b'Z') && id.get(1) == Some(&letter) && has_id_shape(id)
        }
        SubfileType::Other(_) => has_id_shape(id),
    }
}
