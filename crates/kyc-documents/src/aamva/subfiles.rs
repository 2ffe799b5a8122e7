//! Finding the subfiles and splitting them into elements.
//!
//! A subfile is trusted where its designator puts it (counted from where the `@` should be) only
//! if a subfile really starts there: its type (`DL`) then an element id, or, as version 01 allows,
//! the element id straight away, at the start of a line. Otherwise the parser scans for the type
//! at the start of a line after the header. A subfile ends where its declared length ends when
//! that lands on the CR terminator, else where the next subfile starts (or the payload ends).
//!
//! Elements are split on LF, CR and RS alike, so CR LF line endings and separators swapped by
//! keyboard-wedge scanners still split correctly, and on a damaged header's stand-in separator
//! (`|`, space) where it is followed by a known element id.

use super::elements::{ElementList, has_id_shape, is_known_id};
use super::header::{CR, Designator, Header, LF, RS, describe, plausible_id};
use super::report::{AamvaError, SubfileInfo, SubfileType, Warning, WarningCode};

/// A subfile located in the payload.
#[derive(Clone, Copy, Debug)]
struct Located {
    kind: SubfileType,
    start: usize,
    /// Whether the subfile starts with its two-byte type (versions 02+ always, 01 sometimes).
    prefixed: bool,
    designator: Option<Designator>,
}

/// The subfiles and all their elements.
pub(crate) struct Contents {
    pub subfiles: Vec<SubfileInfo>,
    pub elements: ElementList,
    pub latin1: bool,
}

fn warn(warnings: &mut Vec<Warning>, code: WarningCode, message: String) {
    warnings.push(Warning { code, message });
}

fn is_separator(byte: u8, header: &Header) -> bool {
    byte == LF || byte == CR || byte == RS || Some(byte) == header.extra_separator
}

/// Whether `at` is the start of a line: right after the header or after a separator.
fn at_line_start(bytes: &[u8], at: usize, header: &Header) -> bool {
    at == header.end
        || at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(|&byte| is_separator(byte, header))
}

/// Whether a subfile of type `kind` starts at `at`; `Some(prefixed)` if it does.
fn starts_subfile(bytes: &[u8], at: usize, kind: SubfileType, header: &Header) -> Option<bool> {
    if at < header.end || !at_line_start(bytes, at, header) {
        return None;
    }
    let code = kind.code();
    if bytes.get(at..at + 2) == Some(&code[..]) && plausible_id(bytes, at + 2, kind) {
        return Some(true);
    }
    plausible_id(bytes, at, kind).then_some(false)
}

/// Scans for a line starting with the type `kind` followed by an element id. Jurisdiction
/// subfiles are also accepted without their type prefix (`ZVA...`), as version 01 allows. When
/// no line starts with it (the separator before it was lost), the type followed by an element id
/// is accepted anywhere.
fn scan(bytes: &[u8], kind: SubfileType, header: &Header) -> Option<(usize, bool)> {
    scan_lines(bytes, kind, header).or_else(|| {
        let code = kind.code();
        let from = header.end;
        bytes
            .get(from..)?
            .windows(2)
            .enumerate()
            .map(|(relative, pair)| (from + relative, pair))
            .find(|(at, pair)| *pair == code && plausible_id(bytes, at + 2, kind))
            .map(|(at, _)| (at, true))
    })
}

fn scan_lines(bytes: &[u8], kind: SubfileType, header: &Header) -> Option<(usize, bool)> {
    let code = kind.code();
    let mut from = header.end;
    while let Some(relative) = bytes.get(from..)?.iter().position(|&b| b == code[0]) {
        let at = from + relative;
        if at_line_start(bytes, at, header) {
            if bytes.get(at + 1) == Some(&code[1]) && plausible_id(bytes, at + 2, kind) {
                return Some((at, true));
            }
            if matches!(kind, SubfileType::Jurisdiction(_)) && plausible_id(bytes, at, kind) {
                return Some((at, false));
            }
        }
        from = at + 1;
    }
    None
}

/// Finds every declared subfile (or, with no usable designator, every subfile there is).
fn locate(bytes: &[u8], header: &Header, warnings: &mut Vec<Warning>) -> Vec<Located> {
    let mut found: Vec<Located> = Vec::new();
    for (index, designator) in header.designators.iter().enumerate() {
        let kind = designator.kind;
        let declared = header.origin + i64::from(designator.offset);
        let at_declared = usize::try_from(declared)
            .ok()
            .and_then(|at| Some((at, starts_subfile(bytes, at, kind, header)?)));
        let location = if let Some(location) = at_declared {
            Some(location)
        } else if let Some(location) = scan(bytes, kind, header) {
            warn(
                warnings,
                WarningCode::SubfileOffsetRepaired,
                format!(
                    "subfile {kind} is not at its declared offset {} but was found at byte {}",
                    designator.offset, location.0
                ),
            );
            Some(location)
        } else if index == 0 && plausible_id(bytes, header.end, kind) {
            // Version 01 style: the first subfile's elements start right after the header.
            warn(
                warnings,
                WarningCode::SubfileOffsetRepaired,
                format!(
                    "subfile {kind} is not at its declared offset {}; its elements start right after the header at byte {}",
                    designator.offset, header.end
                ),
            );
            Some((header.end, false))
        } else {
            warn(
                warnings,
                WarningCode::SubfileMissing,
                format!("the header declares a subfile {kind} but it was not found"),
            );
            None
        };
        if let Some((start, prefixed)) = location {
            if found.iter().any(|other| other.start == start) {
                warn(
                    warnings,
                    WarningCode::SubfileMissing,
                    format!("the header declares subfile {kind} where another subfile already is"),
                );
                continue;
            }
            found.push(Located {
                kind,
                start,
                prefixed,
                designator: Some(*designator),
            });
        }
    }
    if !found.is_empty() {
        // Jurisdiction subfiles the designators left out: a line starting with `Zx` + `Zx`
        // cannot be a DL/ID element, so it is a subfile.
        let declared = found.len();
        discover_jurisdiction_subfiles(bytes, header, &mut found);
        for extra in found.iter().skip(declared) {
            warn(
                warnings,
                WarningCode::DesignatorsRepaired,
                format!(
                    "subfile {} at byte {} has no designator in the header",
                    extra.kind, extra.start
                ),
            );
        }
    } else {
        discover(bytes, header, &mut found);
        if !found.is_empty() {
            let kinds: Vec<String> = found.iter().map(|l| l.kind.to_string()).collect();
            warn(
                warnings,
                WarningCode::DesignatorsRepaired,
                format!(
                    "no subfile was where the header said; found {} by scanning the payload",
                    kinds.join(", ")
                ),
            );
        }
    }
    found.sort_by_key(|located| located.start);
    found
}

/// Finds subfiles without designators: a DL or ID subfile (or bare DL elements right after the
/// header), then every line starting with a jurisdiction subfile `Zx` followed by `Zx`.
fn discover(bytes: &[u8], header: &Header, found: &mut Vec<Located>) {
    let standard = [SubfileType::DriverLicence, SubfileType::IdCard]
        .into_iter()
        .filter_map(|kind| {
            scan(bytes, kind, header).map(|(start, prefixed)| (kind, start, prefixed))
        })
        .min_by_key(|(_, start, _)| *start);
    match standard {
        Some((kind, start, prefixed)) => found.push(Located {
            kind,
            start,
            prefixed,
            designator: None,
        }),
        None if plausible_id(bytes, header.end, SubfileType::DriverLicence) => {
            found.push(Located {
                kind: SubfileType::DriverLicence,
                start: header.end,
                prefixed: false,
                designator: None,
            });
        }
        None => {}
    }
    discover_jurisdiction_subfiles(bytes, header, found);
}

/// Adds every line starting with `Zx` + `Zx` whose subfile type is not found yet.
fn discover_jurisdiction_subfiles(bytes: &[u8], header: &Header, found: &mut Vec<Located>) {
    let mut at = header.end;
    while let Some(relative) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'Z'))
    {
        at += relative;
        if let Some(&[b'Z', letter, b'Z', again]) = bytes.get(at..at + 4)
            && letter == again
            && letter.is_ascii_uppercase()
            && at_line_start(bytes, at, header)
            && !found
                .iter()
                .any(|l| l.kind == SubfileType::Jurisdiction(letter))
        {
            found.push(Located {
                kind: SubfileType::Jurisdiction(letter),
                start: at,
                prefixed: true,
                designator: None,
            });
        }
        at += 1;
    }
}

/// Locates the subfiles and reads their elements.
pub(crate) fn read(
    bytes: &[u8],
    header: &Header,
    warnings: &mut Vec<Warning>,
) -> Result<Contents, AamvaError> {
    let located = locate(bytes, header, warnings);
    let mut contents = Contents {
        subfiles: Vec::with_capacity(located.len()),
        elements: ElementList::with_capacity(40),
        latin1: false,
    };
    for (index, subfile) in located.iter().enumerate() {
        let next = located
            .get(index + 1)
            .map_or(bytes.len(), |next| next.start);
        let end = subfile_end(bytes, subfile, next, index + 1 == located.len(), warnings);
        let region = bytes.get(subfile.start..end).unwrap_or_default();
        let mut trimmed = region;
        while let [rest @ .., last] = trimmed
            && (*last == LF || *last == b' ')
        {
            trimmed = rest;
        }
        if trimmed.last() != Some(&CR) {
            warn(
                warnings,
                WarningCode::MissingSegmentTerminator,
                format!(
                    "subfile {} does not end with the CR segment terminator (ends with {})",
                    subfile.kind,
                    describe(
                        region
                            .get(region.len().saturating_sub(1)..)
                            .unwrap_or_default()
                    )
                ),
            );
        }
        let body = if subfile.prefixed {
            region.get(2..).unwrap_or_default()
        } else {
            region
        };
        let count = read_elements(body, subfile.kind, header, &mut contents, warnings);
        contents.subfiles.push(SubfileInfo {
            kind: subfile.kind,
            offset: subfile.start,
            length: end - subfile.start,
            declared_offset: subfile.designator.map(|d| d.offset),
            declared_length: subfile.designator.map(|d| d.length),
            element_count: count,
        });
    }
    if contents
        .subfiles
        .iter()
        .all(|subfile| subfile.element_count == 0)
    {
        return Err(AamvaError::NoSubfiles {
            declared: header.declared_entries.unwrap_or(0),
            searched_from: header.end,
        });
    }
    Ok(contents)
}

/// Where a subfile ends: at its declared length if that lands on its CR terminator before the
/// next subfile, else at the next subfile (or the end of the payload).
fn subfile_end(
    bytes: &[u8],
    subfile: &Located,
    next: usize,
    is_last: bool,
    warnings: &mut Vec<Warning>,
) -> usize {
    let Some(designator) = subfile.designator else {
        return next;
    };
    let declared_end = subfile.start + usize::from(designator.length);
    let kind = subfile.kind;
    if declared_end > subfile.start
        && declared_end <= next
        && (declared_end == next || bytes.get(declared_end - 1) == Some(&CR))
    {
        let leftover = bytes.get(declared_end..next).unwrap_or_default();
        if is_last && !leftover.iter().all(u8::is_ascii_whitespace) {
            warn(
                warnings,
                WarningCode::TrailingDataIgnored,
                format!(
                    "ignored {} byte(s) after the end of the last subfile {kind}",
                    leftover.len()
                ),
            );
        }
        return declared_end;
    }
    if declared_end > bytes.len() && next == bytes.len() {
        warn(
            warnings,
            WarningCode::PayloadTruncated,
            format!(
                "subfile {kind} should be {} bytes long but the payload ends after {} (a partial scan?)",
                designator.length,
                bytes.len() - subfile.start
            ),
        );
    } else {
        warn(
            warnings,
            WarningCode::SubfileLengthMismatch,
            format!(
                "subfile {kind} declares a length of {} bytes but is {} bytes long",
                designator.length,
                next - subfile.start
            ),
        );
    }
    next
}

/// Splits a subfile body into elements and adds them to `contents`; returns how many it read.
fn read_elements(
    body: &[u8],
    kind: SubfileType,
    header: &Header,
    contents: &mut Contents,
    warnings: &mut Vec<Warning>,
) -> usize {
    // The damaged header's stand-in separator only separates elements in a subfile that has no
    // real separator before its end: then the scanner replaced them all.
    let inner = body.get(..body.len().saturating_sub(1)).unwrap_or_default();
    let extra = header
        .extra_separator
        .filter(|_| !inner.iter().any(|&b| b == LF || b == CR || b == RS));
    let mut count = 0;
    let mut piece_start = 0;
    for (index, &byte) in body.iter().enumerate() {
        let splits = byte == LF
            || byte == CR
            || byte == RS
            || (Some(byte) == extra
                && (index + 1 == body.len() || plausible_id(body, index + 1, kind)));
        if splits {
            let piece = body.get(piece_start..index).unwrap_or_default();
            count += usize::from(read_element(piece, kind, contents, warnings));
            piece_start = index + 1;
        }
    }
    let piece = body.get(piece_start..).unwrap_or_default();
    count += usize::from(read_element(piece, kind, contents, warnings));
    count
}

/// Reads one `IDvalue` piece; returns whether it was an element.
fn read_element(
    piece: &[u8],
    kind: SubfileType,
    contents: &mut Contents,
    warnings: &mut Vec<Warning>,
) -> bool {
    let start = piece
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(piece.len());
    let piece = piece.get(start..).unwrap_or_default();
    if piece.is_empty() {
        return false;
    }
    let (Some(id), Some(value)) = (piece.get(..3), piece.get(3..)) else {
        warn(
            warnings,
            WarningCode::MalformedElement,
            format!(
                "ignored {} byte(s) in subfile {kind} too short to be an element",
                piece.len()
            ),
        );
        return false;
    };
    let id = match id {
        &[a, b, c] if has_id_shape(id) => [a, b, c],
        _ => {
            warn(
                warnings,
                WarningCode::MalformedElement,
                format!(
                    "ignored {} byte(s) in subfile {kind} that do not start with an element id (found {})",
                    piece.len(),
                    describe(id)
                ),
            );
            return false;
        }
    };
    let name = || id.iter().map(|&b| char::from(b)).collect::<String>();
    if kind.is_standard() && !is_known_id(id) {
        warn(
            warnings,
            WarningCode::UnknownElement,
            format!(
                "subfile {kind} has element {}, which no version of the standard defines",
                name()
            ),
        );
    }
    let value = match std::str::from_utf8(value) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            contents.latin1 = true;
            value.iter().map(|&b| char::from(b)).collect()
        }
    };
    if !contents.elements.insert(id, value) {
        warn(
            warnings,
            WarningCode::DuplicateElement,
            format!(
                "element {} appears again in subfile {kind}; the first value was kept",
                name()
            ),
        );
    }
    true
}
