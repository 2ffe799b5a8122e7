//! Writing standard-conforming payloads (for synthetic specimens and tests).
//!
//! The writer produces exactly what Annex D of the 2020 standard describes: `@` LF RS CR,
//! `ANSI `, IIN, AAMVA version, jurisdiction version, number of entries, one designator per
//! subfile (type, offset, length: offsets count from the `@`, lengths include the type and the
//! CR terminator), then each subfile: its type, its elements separated by LF, and CR.

use time::Date;

use super::elements::has_id_shape;
use super::header::{CR, LF, RS};
use super::report::{DateOrder, SubfileType};

/// A payload to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AamvaPayload {
    /// Six digits (`636000` for Virginia); see [`super::iin_of`].
    pub iin: String,
    /// The AAMVA version, 02 to 10 (versions 08, 09 and 10 are the ones in use for new cards).
    pub version: u8,
    /// The jurisdiction's own version number, 00 to 99.
    pub jurisdiction_version: u8,
    /// The subfiles in order, usually `DL` or `ID` then a `Z` subfile.
    pub subfiles: Vec<SubfileData>,
}

/// One subfile to write: its type and its elements (id, value) in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubfileData {
    pub kind: SubfileType,
    pub elements: Vec<(String, String)>,
}

/// Why a payload cannot be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write AAMVA version {0:02}: the writer supports versions 02 to 10")]
    UnsupportedVersion(u8),
    #[error("the jurisdiction version must be 00 to 99, not {0}")]
    InvalidJurisdictionVersion(u8),
    #[error("the IIN must be 6 digits, not {0:?}")]
    InvalidIin(String),
    #[error("a payload needs 1 to 99 subfiles, not {0}")]
    SubfileCount(usize),
    #[error(
        "subfile {subfile}: {id:?} is not an element id (an uppercase letter then two uppercase letters or digits)"
    )]
    InvalidElementId { subfile: SubfileType, id: String },
    #[error("subfile {subfile}: element {id} appears twice")]
    DuplicateElement { subfile: SubfileType, id: String },
    #[error("subfile {subfile}: the value of {id} contains a LF, CR or RS separator")]
    SeparatorInValue { subfile: SubfileType, id: String },
    #[error("subfile {subfile} has no elements")]
    EmptySubfile { subfile: SubfileType },
    #[error("the payload is too long: subfile {subfile} would end past byte 9999")]
    TooLong { subfile: SubfileType },
}

/// Formats a date the way AAMVA writes it: `MMDDCCYY` (US) or `CCYYMMDD` (Canada).
pub fn format_date(date: Date, order: DateOrder) -> String {
    let (year, month, day) = (date.year(), u8::from(date.month()), date.day());
    match order {
        DateOrder::MonthDayYear => format!("{month:02}{day:02}{year:04}"),
        DateOrder::YearMonthDay => format!("{year:04}{month:02}{day:02}"),
    }
}

/// Writes a payload; every offset and length is computed.
pub fn write(payload: &AamvaPayload) -> Result<String, WriteError> {
    if !(2..=10).contains(&payload.version) {
        return Err(WriteError::UnsupportedVersion(payload.version));
    }
    if payload.jurisdiction_version > 99 {
        return Err(WriteError::InvalidJurisdictionVersion(
            payload.jurisdiction_version,
        ));
    }
    if payload.iin.len() != 6 || !payload.iin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WriteError::InvalidIin(payload.iin.clone()));
    }
    let count = payload.subfiles.len();
    if !(1..=99).contains(&count) {
        return Err(WriteError::SubfileCount(count));
    }
    let mut bodies = Vec::with_capacity(count);
    for subfile in &payload.subfiles {
        bodies.push(write_subfile(subfile)?);
    }
    let header_length = 21 + 10 * count;
    let mut out =
        String::with_capacity(header_length + bodies.iter().map(String::len).sum::<usize>());
    out.push_str("@\n\u{1e}\rANSI ");
    out.push_str(&payload.iin);
    out.push_str(&format!(
        "{:02}{:02}{count:02}",
        payload.version, payload.jurisdiction_version
    ));
    let mut offset = header_length;
    for (subfile, body) in payload.subfiles.iter().zip(&bodies) {
        if offset + body.len() > 9999 {
            return Err(WriteError::TooLong {
                subfile: subfile.kind,
            });
        }
        out.push_str(&format!("{}{offset:04}{:04}", subfile.kind, body.len()));
        offset += body.len();
    }
    for body in &bodies {
        out.push_str(body);
    }
    Ok(out)
}

fn write_subfile(subfile: &SubfileData) -> Result<String, WriteError> {
    let kind = subfile.kind;
    if subfile.elements.is_empty() {
        return Err(WriteError::EmptySubfile { subfile: kind });
    }
    let mut out = kind.to_string();
    for (index, (id, value)) in subfile.elements.iter().enumerate() {
        if !has_id_shape(id.as_bytes()) {
            return Err(WriteError::InvalidElementId {
                subfile: kind,
                id: id.clone(),
            });
        }
        if subfile
            .elements
            .iter()
            .take(index)
            .any(|(other, _)| other == id)
        {
            return Err(WriteError::DuplicateElement {
                subfile: kind,
                id: id.clone(),
            });
        }
        if value.bytes().any(|b| b == LF || b == CR || b == RS) {
            return Err(WriteError::SeparatorInValue {
                subfile: kind,
                id: id.clone(),
            });
        }
        if index > 0 {
            out.push(char::from(LF));
        }
        out.push_str(id);
        out.push_str(value);
        if out.len() > 9999 {
            return Err(WriteError::TooLong { subfile: kind });
        }
    }
    out.push(char::from(CR));
    Ok(out)
}
