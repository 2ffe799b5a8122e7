//! # ICAO 9303 machine-readable zones: strict parser, lenient OCR reader, writer
//!
//! ## Entry points
//!
//! * [`parse`] — the text is an exact MRZ (from a chip, a trusted scanner, a form): lines
//!   separated by `\n` or `\r\n`, surrounding whitespace trimmed, every character in
//!   `A`–`Z 0`–`9 <`, line lengths exact. No character is ever changed.
//! * [`parse_lenient`] — the text is OCR output. It is normalised and corrected, but only where
//!   the field grammar or a check digit *proves* the correction (see below); every change is
//!   listed in [`MrzReport::corrections`].
//! * [`write()`] — [`MrzInput`] → MRZ lines with every check digit, names transliterated
//!   ([`transliterate`]) and truncated the way issuers do. Used for synthetic specimens.
//! * [`check_digit`] — the 7-3-1 check digit of a string.
//!
//! Both parsers return `Err(`[`MrzError`]`)` only when the text is not recognisable as any MRZ
//! (wrong line count or lengths, characters outside the MRZ set in strict mode); the message
//! says what was expected. Anything else — failing check digits, impossible dates, an unknown
//! sex code — is an [`MrzReport`] with `valid: false` and warnings. The library does no I/O,
//! keeps no state, takes "today" in [`ParseOptions`], and never panics: every position is read
//! through bounds-checked accessors.
//!
//! ## Design
//!
//! Reading is split into small, separately testable steps:
//!
//! 1. **Shape** (`layout::detect`) — the line count and lengths give the size; the document
//!    code separates look-alikes: 2×44 is MRV-A when the code starts with `V`, else TD3; 2×36
//!    is the French national ID when line 1 starts `IDFRA`, MRV-B when the code starts with
//!    `V`, else TD2; 3×30 is TD1; 1×30 is the French driving licence (`D1FRA...`).
//! 2. **Plan** (`layout::plan`) — a table of every field (line, columns, grammar) and every check
//!    digit (position, protected ranges). The table is adjusted to the data for long document
//!    numbers and Chinese passports (below). Positions in the code are 0-based; ICAO's are
//!    1-based.
//! 3. **Corrections** (lenient only, `lenient`) — normalisation, grammar, check digits.
//! 4. **Decode** (`decode`) — check digits verified, fields parsed into typed values, spans and
//!    warnings recorded. The same code serves both modes, so strict and lenient agree on
//!    everything but the corrections.
//!
//! ## The report (JSON)
//!
//! ```text
//! { "format": "TD3", "checks_ok": true, "valid": true, "mode": "strict",
//!   "fields": { "document_code", "issuing_state", "surname", "given_names", "document_number",
//!               "nationality", "birth_date", "sex", "expiry_date", "personal_number",
//!               "optional_data", "optional_data_2" },
//!   "checks": [ { "field", "valid", "expected", "found", "line", "column", "enforced",
//!                 "convention"?, "note"? } ],
//!   "corrections": [ { "line", "column", "from", "to", "reason", "field", "message" } ],
//!   "warnings": [ { "code", "message", "line"?, "column"? } ],
//!   "spans": { "<field>": { "line", "start", "end", "raw" } },
//!   "lines": [ "P<UTO...", "L898902C3..." ] }
//! ```
//!
//! * Field strings have fillers removed (a filler between characters becomes one space); `null`
//!   when empty or absent. Names: the first `<<` separates surname from given names, single `<`
//!   become spaces. Dates are `YYYY-MM-DD` (`null` with a warning when not a real date, or when
//!   filled with `<` = unknown). Sex is `M`, `F` or `X` (`<` → `X`).
//! * `checks[].field` is one of `document_number`, `birth_date`, `expiry_date`,
//!   `personal_number`, `optional_data`, `composite`; `expected` is the computed digit, `found`
//!   the printed character (both one-character strings). `checks_ok` is true when every
//!   *enforced* check verifies (only the Chinese personal-number check can be unenforced).
//!   `valid` is `checks_ok` and every field parsing — and, in lenient mode, no unresolved
//!   `AMBIGUOUS_CORRECTION`. An expired document stays `valid` (warning `DOCUMENT_EXPIRED`).
//! * `corrections[].reason` is `NORMALISATION`, `FIELD_GRAMMAR` or `CHECK_DIGIT`; `field` names
//!   the field (`name`, `issuing_state`, `birth_date_check`...); `from`/`to` are one-character
//!   strings. `warnings[].code` is a [`WarningCode`] in SCREAMING_SNAKE_CASE.
//! * Positions: `line` is 1-based, columns 0-based, `end` exclusive, relative to the report's
//!   `lines` (the normalised text in lenient mode). `spans` lists only fields that have a
//!   position; `raw` is the exact MRZ text of the span (e.g. `D<<` for Germany). A long document
//!   number has two spans: `document_number` (the nine principal characters) and
//!   `document_number_overflow`.
//!
//! ## Dates
//!
//! MRZ years have two digits. A **birth date** goes to the latest century that does not put it
//! after `today`. An **expiry date** goes to the century that puts it in the window
//! (`today` − 80 years, `today` + 20 years]: no document is valid for more than 20 years ahead,
//! and a 100-year window leaves no gap (so an MRZ expired 79 years ago still reads correctly).
//!
//! ## Quirks handled
//!
//! * **Germany** prints `D<<` as issuing state and nationality. Reported as the ISO code
//!   `DEU` (the raw `D<<` stays in `spans`); the writer writes `DEU` as `D<<`.
//! * **Long document numbers** (TD1, TD2; ICAO 9303 Part 5 §4.2.2 and Part 6 note j; Belgian
//!   cards): the check-digit position holds `<`, the optional data opens with the remaining
//!   characters and then the check digit. ICAO computes that digit over the number alone; some
//!   issuers include the `<`. Both are accepted and `checks[].convention` says which matched
//!   (`without_filler`, `with_filler`, or `both`). Belgian cards use `without_filler`.
//! * **Empty TD3 personal number**: `<` in the personal-number check-digit position is valid when
//!   the field is all fillers (ICAO 9303 Part 4; German passports); `0` is valid too.
//! * **Chinese passports** (issuing state `CHN`, TD3) fill all 14 personal-number positions
//!   with an encoded identifier, leaving no filler (`...M2510077LAKCLCLMMBKGG932`). Parsers that
//!   look for fillers or require digits there fail on genuine passports. The field is read as
//!   printed; its check digit is verified and reported but *not enforced* (the check-digit
//!   position may hold a letter on some issues), because the composite check digit — which is
//!   enforced — covers every one of those positions. A mismatch gives the warning
//!   `CHINESE_PERSONAL_NUMBER_CHECK_NOT_ENFORCED`. The `PO`, `PT`... document codes are kept.
//! * **French national ID card** (1988–2021, 2×36): line 1 `ID` `FRA` surname(25) administrative
//!   code(6, reported as `optional_data`); line 2 card number(12) + check, given names(14,
//!   separated by `<<`), birth date + check, sex, composite over both lines. No expiry date in
//!   the MRZ (`expiry_date` is null); nationality is implied `FRA`.
//! * **French driving licence** (2013 EU model, 1×30): `D1` `FRA` document number(9) + check
//!   digit computed over positions 1–14 (including `D1FRA`), a YYMMDD date read as the expiry
//!   date, the surname's first 8 letters, and a composite over positions 1–29. ICAO does not
//!   publish this layout; it follows the ISO/IEC 18013 style line as implemented and tested by
//!   cheminfo/mrz (`D1FRA13AA000026181231MARTIN<<9`). The surname is often truncated (warning
//!   `NAME_POSSIBLY_TRUNCATED`).
//!
//! ## Lenient mode: what may be corrected
//!
//! A wrong-but-valid result is worse than an invalid one, so lenient mode corrects a character
//! only when:
//!
//! * **the field grammar proves it** — a digit in a letters-only field (names, codes) or a letter
//!   in a date or check-digit position is replaced by its one OCR-B look-alike: `0`→`O`,
//!   `1`→`I`, `2`→`Z`, `5`→`S`, `6`→`G`, `8`→`B` towards letters; `O`/`D`/`Q`→`0`, `I`/`L`→`1`,
//!   `Z`→`2`, `S`→`5`, `G`→`6`, `B`→`8` towards digits. A digit without a look-alike (`3`, `4`,
//!   `7`, `9`) is left and reported (`UNCORRECTABLE_CHARACTER`, report invalid). Names carry no
//!   check digit, so name corrections rest on the confusion table alone and are listed for
//!   review;
//! * **a check digit proves it uniquely** — in alphanumeric fields (document number, personal
//!   number, optional data) a failing check digit is repaired only if exactly one look-alike
//!   swap satisfies it, and every check — the composite included — verifies afterwards.
//!   Positions only the composite protects (TD1/TD2 optional data) are repaired the same way
//!   once every field check verifies. Otherwise an `AMBIGUOUS_CORRECTION` warning lists the
//!   candidates, nothing changes, and the report is invalid.
//!
//! A check digit can prove a repair only if there is **one misread in what it protects**: with
//! two, a single wrong swap can satisfy it as well as the right one (and the composite cannot
//! arbitrate, since each field enters it with the same weights as in its own check). Lenient
//! mode therefore assumes at most one misread per check-digit-protected field, which is what
//! its property tests exercise; a field with several misreads may be repaired wrongly. Long
//! document numbers accept two check-digit conventions, which weakens their check: when the
//! number as read matches only the non-ICAO (with-filler) convention and one look-alike swap
//! would make it match the ICAO one, lenient mode reports `AMBIGUOUS_CORRECTION` rather than
//! trust it.
//!
//! A check digit cannot see a swap between characters whose values are congruent modulo 10
//! (`<`=`0`=`A`=`K`=`U`, `1`=`B`=`L`=`V`, `6`=`G`=`Q`, `8`=`I`=`S`...). Among OCR look-alikes
//! this concerns `6`/`G` and `1`/`L`: lenient mode never swaps them and reports each such
//! character of a checked alphanumeric field as a `CHECK_DIGIT_BLIND_SPOT` warning (the report
//! stays valid: the value is as printed unless the OCR confused exactly these glyphs). Strict
//! mode makes no corrections and gives no blind-spot warnings.
//!
//! ## Writer
//!
//! [`write()`] produces what issuers print: names transliterated by [`transliterate`] (ICAO 9303
//! Part 3 tables; apostrophes omitted as ICAO prescribes, `D'ARTAGNAN` → `DARTAGNAN`; spaces
//! and hyphens to `<`), truncated per ICAO (secondary identifier first, the field ending with a
//! letter), `DEU` written `D<<`, an empty TD3 personal number with `<` as its check digit, and
//! long TD1/TD2 document numbers spilled into the optional data with the ICAO (without-filler)
//! check digit. It refuses values a format cannot hold (see [`MrzError::InvalidInput`]).

mod charset;
mod decode;
mod error;
mod layout;
mod lenient;
mod report;
mod write;

use time::Date;

pub use charset::{check_digit, is_mrz_character};
pub use error::MrzError;
pub use report::{
    Check, CheckField, Correction, CorrectionReason, FillerConvention, MrzFields, MrzFormat,
    MrzReport, ParseMode, RawText, Sex, Span, Spans, Warning, WarningCode,
};
pub use write::{MrzInput, transliterate, write};

use decode::{DecodeInput, decode};
use error::describe_lengths;
use layout::ShapeError;

/// What the parsers need to know about the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The date to interpret two-digit years against and to test expiry with.
    pub today: Date,
}

/// Reads an exact MRZ. See the [module documentation](self).
///
/// # Errors
///
/// [`MrzError`] when the text is not recognisable as an MRZ: no text, a line count or line
/// lengths that match no format, a character outside `A`–`Z 0`–`9 <`, or a single 30-character
/// line that is not a French driving licence.
pub fn parse(text: &str, options: &ParseOptions) -> Result<MrzReport, MrzError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(MrzError::Empty);
    }
    let raw_lines: Vec<&str> = trimmed
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let lengths: Vec<usize> = raw_lines.iter().map(|l| l.chars().count()).collect();
    let known_shape = matches!(
        lengths.as_slice(),
        [30, 30, 30] | [36, 36] | [44, 44] | [30]
    );
    if !known_shape {
        return Err(MrzError::UnrecognisedShape {
            found: describe_lengths(&lengths),
        });
    }
    for (line_index, line) in raw_lines.iter().enumerate() {
        for (column, c) in line.chars().enumerate() {
            if !is_mrz_character(c) {
                let hint = if c.is_ascii_lowercase() || c.is_whitespace() || c == '«' {
                    " (strict mode changes nothing; use parse_lenient for OCR output)"
                } else {
                    ""
                };
                return Err(MrzError::InvalidCharacter {
                    line: line_index + 1,
                    column,
                    found: c,
                    hint: hint.to_string(),
                });
            }
        }
    }
    let lines: Vec<Vec<u8>> = raw_lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    let format = match layout::detect(&lines, false) {
        Ok(format) => format,
        Err(ShapeError::SingleLineNotLicence) => {
            return Err(MrzError::NotAFrenchDrivingLicence {
                found: trimmed.to_string(),
            });
        }
        Err(ShapeError::UnknownShape) => {
            return Err(MrzError::UnrecognisedShape {
                found: describe_lengths(&lengths),
            });
        }
    };
    let plan = layout::plan(format, &lines);
    Ok(decode(DecodeInput {
        plan: &plan,
        lines: &lines,
        today: options.today,
        mode: ParseMode::Strict,
        corrections: Vec::new(),
        warnings: Vec::new(),
    }))
}

/// Reads OCR output, correcting only what is proven. See the [module documentation](self).
///
/// # Errors
///
/// [`MrzError`] when, even after normalisation (case, spaces, filler look-alikes, line breaks),
/// the text does not have the shape of an MRZ or holds characters that cannot be MRZ text.
pub fn parse_lenient(text: &str, options: &ParseOptions) -> Result<MrzReport, MrzError> {
    let lenient::Prepared {
        format,
        mut lines,
        mut corrections,
        mut warnings,
    } = lenient::prepare(text)?;
    let plan = lenient::correct(format, &mut lines, &mut corrections, &mut warnings);
    Ok(decode(DecodeInput {
        plan: &plan,
        lines: &lines,
        today: options.today,
        mode: ParseMode::Lenient,
        corrections,
        warnings,
    }))
}
