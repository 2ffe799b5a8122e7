//! # AAMVA DL/ID barcode text
//!
//! US and Canadian driver's licences and ID cards carry a PDF417 barcode whose text follows the
//! AAMVA DL/ID Card Design Standard, Annex D. This module reads that text (what a barcode reader
//! returns) into an [`AamvaReport`]: the header, every raw element, typed cardholder [`Fields`]
//! and a list of [`Warning`]s. It also writes conforming payloads ([`write()`]).
//!
//! ## The format in one paragraph
//!
//! ```text
//! @ LF RS CR  ANSI ␠ 636000 10 01 02  DL 0041 0278  ZV 0319 0008  DL DAQT64235789 LF DCSSAMPLE LF ... CR  ZV ZVA01 CR
//! ^ separators  type  IIN  ver jur n   designators (type, offset, length)  subfiles: type, elements, terminator
//! ```
//!
//! The header names the issuer (IIN: six digits, e.g. 636000 = Virginia), the AAMVA version
//! (01 = DL/ID-2000 ... 10 = 2020 standard), the jurisdiction's own version (absent in version 01)
//! and one designator per subfile: `DL` (licence), `ID` (ID card) or `Z`+letter (jurisdiction
//! data). Each element is a three-character id and a value (`DAQ` document number, `DCS` family
//! name, `DBB` date of birth...).
//!
//! ## Design: find, then read; repair, then say so
//!
//! 1. **Header** (`header.rs`): the parser anchors on the file type followed by six digits (`ANSI
//!    636...`), not on the first byte, so leading garbage, a missing `@` and separators mangled by
//!    keyboard-wedge scanners (`@\n\n\r`, `@\r\n`, `@|||`, spaces) are all readable. Version 01
//!    headers have no jurisdiction version; the parser takes whichever layout yields a readable
//!    designator. Declared offsets are counted from where the `@` *should* be (nine bytes before
//!    the IIN), which undoes dropped or doubled separators and a missing space after `ANSI`.
//!    Designators beyond a wrong entry count are still read.
//! 2. **Subfiles** (`subfiles.rs`): a declared offset is trusted only if a subfile really starts
//!    there; otherwise the subfile type is searched for at the start of a line. A line starting
//!    with `Zx` + `Zx` is a jurisdiction subfile even without a designator. Subfiles end at their
//!    declared length when that lands on the CR terminator, else at the next subfile. Elements
//!    split on LF, CR and RS alike (so CR LF line endings work); when a scanner replaced every
//!    separator by the stand-in seen in the header (`|`, space), on that stand-in before a known
//!    element id.
//! 3. **Fields** (`fields.rs`): names per version (`DAA` full name in 01, `DCS` + `DCT` given
//!    names in 02-03, `DCS`/`DAC`/`DAD` in 04+, whichever is present wins in that order), dates,
//!    sex, postal code, country and jurisdiction, each typed.
//!
//! Every repair and guess is a [`Warning`] with a stable [`WarningCode`]; only a payload with no
//! recognisable header, an unreadable version number, or no subfile at all is an [`AamvaError`].
//!
//! ## Decisions
//!
//! * **Dates** are ISO dates or `None`. Version 01 writes `CCYYMMDD`; versions 02+ write
//!   `MMDDCCYY` for US documents and `CCYYMMDD` for Canadian ones. The country is `DCG`, else the
//!   IIN's country, else the country of the address state `DAJ`. If the expected order gives no
//!   valid date but the other does, the other is used (`date_format_mismatch`). If the country is
//!   unknown, the valid reading is used (`date_ambiguous`). A valid date is a real calendar date
//!   with a year from 1800 to 2999, so at most one reading of eight digits is ever valid.
//! * **Postal code**: US ZIP codes are shortened to five digits when the +4 extension is `0000`
//!   (`902230000` → `90223`) and written `90223-1234` otherwise; Canadian codes become `A1A 1A1`.
//!   The raw value stays in `elements`.
//! * **Jurisdiction**: the IIN's jurisdiction from AAMVA's table, else `DAJ`
//!   (`unknown_iin`); a disagreement between the two is reported (`jurisdiction_mismatch`).
//! * **Country**: `DCG` (uppercased; `US`/`CA`/`MX` become `USA`/`CAN`/`MEX`), else inferred from
//!   the IIN or `DAJ` (`country_inferred`; always so in version 01, which has no `DCG`).
//! * **Names**: `NONE`/`UNAVL` in middle names and suffix mean "none"; `DAD` commas become spaces;
//!   a `DAA` without `,`/`$` is read as first, middle, family (`name_order_guessed`).
//! * **Elements** of all subfiles go in one map: jurisdiction ids are already prefixed by their
//!   subfile's letter (`ZVA`). The first value of a repeated id wins (`duplicate_element`).
//! * **Input**: [`parse_bytes`] accepts any bytes. Values that are not UTF-8 are read as
//!   Latin-1 (`latin1_decoded`). The parser works on bytes throughout, so no input can split a
//!   UTF-8 character. It never panics, keeps no state, does no I/O and runs in time linear in the
//!   input (a typical payload takes a few microseconds).

mod elements;
mod fields;
mod header;
mod jurisdiction;
mod report;
mod subfiles;
mod writer;

pub use jurisdiction::{Country, Issuer, country_of_region, iin_of, issuer};
pub use report::{
    AamvaError, AamvaReport, DateOrder, Fields, FileType, Sex, SubfileInfo, SubfileType,
    Truncation, Warning, WarningCode,
};
pub use writer::{AamvaPayload, SubfileData, WriteError, format_date, write};

/// Reads an AAMVA payload given as text.
pub fn parse(payload: &str) -> Result<AamvaReport, AamvaError> {
    parse_bytes(payload.as_bytes())
}

/// Reads an AAMVA payload given as bytes (UTF-8, or Latin-1 as PDF417 readers often return).
pub fn parse_bytes(payload: &[u8]) -> Result<AamvaReport, AamvaError> {
    let mut warnings = Vec::new();
    let header = header::read(payload, &mut warnings)?;
    // A CR LF inside the payload (a trailing one is just the scanner ending its line).
    let inner = payload.trim_ascii_end();
    if inner.windows(2).any(|pair| pair == b"\r\n") {
        warnings.push(Warning {
            code: WarningCode::LineEndingsNormalised,
            message: "the payload contains CR LF line endings (a keyboard-wedge scanner?); each was read as one separator".to_owned(),
        });
    }
    let contents = subfiles::read(payload, &header, &mut warnings)?;
    if contents.latin1 {
        warnings.push(Warning {
            code: WarningCode::Latin1Decoded,
            message: "some values are not UTF-8 and were read as Latin-1".to_owned(),
        });
    }
    let document_type = contents
        .subfiles
        .iter()
        .map(|subfile| subfile.kind)
        .find(|kind| kind.is_standard());
    let rules_version = header.version.clamp(1, 10);
    let context = fields::Context {
        version: rules_version,
        iin: &header.iin,
        document_type,
    };
    let extracted = fields::extract(&context, &contents.elements, &mut warnings);
    Ok(AamvaReport {
        version: header.version,
        jurisdiction: extracted.jurisdiction,
        iin: header.iin,
        jurisdiction_version: header.jurisdiction_version,
        file_type: header.file_type,
        subfiles: contents.subfiles,
        fields: extracted.fields,
        elements: contents.elements.into_map(),
        warnings,
    })
}
