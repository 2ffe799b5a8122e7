//! Lenient mode: read OCR output, correct only what is proven, report every change.
//!
//! Three stages, each reported:
//!
//! 1. [`prepare`] — normalisation: upper-case, filler look-alikes (`«`, `‹`...) to `<`, spaces
//!    removed (or read as fillers when that is the only way to get a known shape), lines
//!    re-split by their expected lengths when the line breaks are wrong.
//! 2. Grammar corrections — a digit in a letters-only field or a letter in a date / check-digit
//!    position is wrong by construction; it is replaced by its one OCR-B look-alike
//!    ([`super::charset::letter_for_digit`], [`super::charset::digit_for_letter`]).
//! 3. Check-digit corrections — in alphanumeric fields both `0` and `O` are grammatical, so only
//!    a failing check digit can prove an error. Every single-character swap from the OCR-B
//!    confusion table is tried; a swap is applied only when it is the *only* one that makes that
//!    check digit verify, and (where the format has one) the composite check digit verifies
//!    afterwards. Two or more candidates give an `AMBIGUOUS_CORRECTION` warning and no change.
//!    Swaps the check digits cannot see (`6`/`G`, `1`/`L`: same value modulo 10) are never
//!    made; every such character is reported as a `CHECK_DIGIT_BLIND_SPOT` warning.

use std::collections::BTreeSet;

use super::charset::{
    FILLER, alphanumeric_alternatives, blind_spot_partner, digit_for_letter, indistinguishable,
    is_mrz_character, letter_for_digit,
};
use super::decode::evaluate_check;
use super::error::{MrzError, describe_lengths};
use super::layout::{self, CheckDef, FieldId, Kind, Plan, ShapeError, byte_at};
use super::report::{
    CheckField, Correction, CorrectionReason, FillerConvention, MrzFormat, Warning, WarningCode,
};

/// Lines ready for decoding, with what normalisation did.
pub(crate) struct Prepared {
    pub format: MrzFormat,
    pub lines: Vec<Vec<u8>>,
    pub corrections: Vec<Correction>,
    pub warnings: Vec<Warning>,
}

/// One character of input after mapping.
#[derive(Clone, Copy)]
enum Token {
    /// An MRZ character; `original` is set when it was mapped from a filler look-alike.
    Char { byte: u8, original: Option<char> },
    /// Whitespace inside a line.
    Space,
}

/// Characters OCR engines produce for the filler `<`.
fn filler_look_alike(c: char) -> bool {
    matches!(c, '«' | '‹' | '＜' | '〈' | '⟨' | '≺')
}

/// Totals that can be re-split: `(total, lines, width)`.
const RESPLIT: [(usize, usize, usize); 4] = [(90, 3, 30), (72, 2, 36), (88, 2, 44), (30, 1, 30)];

/// Normalises OCR text into MRZ lines and recognises the format.
pub(crate) fn prepare(text: &str) -> Result<Prepared, MrzError> {
    if text.trim().is_empty() {
        return Err(MrzError::Empty);
    }
    let mut lowercase_seen = false;
    let mut input_lines: Vec<Vec<Token>> = Vec::new();
    for (line_index, line) in text.split(['\n', '\r']).enumerate() {
        let mut tokens = Vec::new();
        for (column, c) in line.chars().enumerate() {
            if c.is_whitespace() {
                tokens.push(Token::Space);
                continue;
            }
            let token = if filler_look_alike(c) {
                Token::Char {
                    byte: FILLER,
                    original: Some(c),
                }
            } else if c.is_ascii_lowercase() {
                lowercase_seen = true;
                Token::Char {
                    byte: c.to_ascii_uppercase() as u8,
                    original: None,
                }
            } else if is_mrz_character(c) {
                Token::Char {
                    byte: c as u8,
                    original: None,
                }
            } else {
                return Err(MrzError::InvalidCharacter {
                    line: line_index + 1,
                    column,
                    found: c,
                    hint: " (even in lenient mode)".to_string(),
                });
            };
            tokens.push(token);
        }
        if tokens.iter().any(|t| matches!(t, Token::Char { .. })) {
            input_lines.push(tokens);
        }
    }

    let mut first_error = None;
    for spaces_as_fillers in [false, true] {
        let lines: Vec<Vec<(u8, Option<char>)>> = input_lines
            .iter()
            .map(|tokens| {
                tokens
                    .iter()
                    .filter_map(|t| match *t {
                        Token::Char { byte, original } => Some((byte, original)),
                        Token::Space if spaces_as_fillers => Some((FILLER, None)),
                        Token::Space => None,
                    })
                    .collect()
            })
            .collect();
        match shape(lines) {
            Ok((lines, resplit)) => {
                let bytes: Vec<Vec<u8>> = lines
                    .iter()
                    .map(|l| l.iter().map(|&(b, _)| b).collect())
                    .collect();
                let format = match layout::detect(&bytes, true) {
                    Ok(format) => format,
                    Err(ShapeError::SingleLineNotLicence) => {
                        return Err(MrzError::NotAFrenchDrivingLicence {
                            found: bytes
                                .first()
                                .map(|l| l.iter().map(|&b| char::from(b)).collect())
                                .unwrap_or_default(),
                        });
                    }
                    Err(ShapeError::UnknownShape) => {
                        let lengths: Vec<usize> = bytes.iter().map(Vec::len).collect();
                        first_error.get_or_insert(MrzError::UnrecognisedShape {
                            found: describe_lengths(&lengths),
                        });
                        continue;
                    }
                };
                let mut corrections = Vec::new();
                for (line_index, line) in lines.iter().enumerate() {
                    for (column, &(byte, original)) in line.iter().enumerate() {
                        if let Some(original) = original {
                            corrections.push(Correction {
                                line: line_index + 1,
                                column,
                                from: original.to_string(),
                                to: char::from(byte).to_string(),
                                reason: CorrectionReason::Normalisation,
                                field: field_name(format, &bytes, line_index, column),
                                message: format!(
                                    "'{original}' is an OCR look-alike of the filler '<'"
                                ),
                            });
                        }
                    }
                }
                let mut warnings = Vec::new();
                let spaces = input_lines
                    .iter()
                    .flatten()
                    .filter(|t| matches!(t, Token::Space))
                    .count();
                if spaces > 0 {
                    if spaces_as_fillers {
                        warnings.push(Warning::new(
                            WarningCode::SpacesReadAsFillers,
                            format!(
                                "{spaces} space(s) inside the lines were read as fillers '<': \
                                 removing them gave no known MRZ shape"
                            ),
                        ));
                    } else {
                        warnings.push(Warning::new(
                            WarningCode::SpacesRemoved,
                            format!("{spaces} space(s) inside the lines were removed"),
                        ));
                    }
                }
                if lowercase_seen {
                    warnings.push(Warning::new(
                        WarningCode::LowercaseUppercased,
                        "lower-case letters were upper-cased",
                    ));
                }
                if resplit {
                    warnings.push(Warning::new(
                        WarningCode::LinesResplit,
                        format!(
                            "the line breaks did not match any MRZ shape; the {} characters \
                             were re-split as {}",
                            bytes.iter().map(Vec::len).sum::<usize>(),
                            describe_lengths(&bytes.iter().map(Vec::len).collect::<Vec<_>>())
                        ),
                    ));
                }
                return Ok(Prepared {
                    format,
                    lines: bytes,
                    corrections,
                    warnings,
                });
            }
            Err(lengths) => {
                first_error.get_or_insert(MrzError::UnrecognisedShape {
                    found: describe_lengths(&lengths),
                });
            }
        }
    }
    Err(first_error.unwrap_or(MrzError::Empty))
}

type Line = Vec<(u8, Option<char>)>;

/// Accepts lines whose lengths already form a known shape, or re-splits their concatenation by
/// the expected lengths. Returns the lines and whether they were re-split, or the lengths found.
fn shape(lines: Vec<Line>) -> Result<(Vec<Line>, bool), Vec<usize>> {
    let lengths: Vec<usize> = lines.iter().map(Vec::len).collect();
    let known = matches!(
        lengths.as_slice(),
        [30, 30, 30] | [36, 36] | [44, 44] | [30]
    );
    if known {
        return Ok((lines, false));
    }
    let total: usize = lengths.iter().sum();
    if let Some(&(_, count, width)) = RESPLIT.iter().find(|(t, _, _)| *t == total) {
        let all: Vec<(u8, Option<char>)> = lines.into_iter().flatten().collect();
        let split: Vec<Line> = all.chunks(width).map(<[_]>::to_vec).collect();
        if split.len() == count {
            return Ok((split, true));
        }
        return Err(lengths);
    }
    Err(lengths)
}

fn field_name(format: MrzFormat, lines: &[Vec<u8>], line: usize, column: usize) -> String {
    let plan = layout::plan(format, lines);
    plan.field_at(line, column)
        .map_or("unknown", |d| d.id.name())
        .to_string()
}

/// Applies grammar and check-digit corrections in place; returns the final plan.
pub(crate) fn correct(
    format: MrzFormat,
    lines: &mut [Vec<u8>],
    corrections: &mut Vec<Correction>,
    warnings: &mut Vec<Warning>,
) -> Plan {
    let plan = layout::plan(format, lines);
    correct_grammar(&plan, lines, corrections, warnings);
    let plan = layout::plan(format, lines);
    correct_by_check_digits(&plan, lines, corrections, warnings);
    let plan = layout::plan(format, lines);
    report_convention_ambiguity(&plan, lines, warnings);
    report_blind_spots(&plan, lines, warnings);
    plan
}

/// A long document number accepts two check-digit conventions, so a misread can turn an ICAO
/// (without filler) number into one that matches the other convention. When the number as read
/// matches *only* the with-filler convention and a single look-alike swap would make it match
/// the ICAO one, the reading is not proven: `AMBIGUOUS_CORRECTION` (which makes a lenient
/// report invalid).
fn report_convention_ambiguity(plan: &Plan, lines: &mut [Vec<u8>], warnings: &mut Vec<Warning>) {
    let Some(def) = plan
        .checks
        .iter()
        .find(|c| c.field == CheckField::DocumentNumber && c.covers_with_filler.is_some())
    else {
        return;
    };
    let check = evaluate_check(def, lines);
    if !check.valid || check.convention != Some(FillerConvention::WithFiller) {
        return;
    }
    let icao_only = CheckDef {
        covers_with_filler: None,
        ..*def
    };
    let positions = alphanumeric_positions(plan, &icao_only);
    let found = candidates(&icao_only, &positions, lines);
    if !found.is_empty() {
        let list: Vec<String> = found.iter().map(|s| s.describe()).collect();
        warnings.push(Warning::at(
            WarningCode::AmbiguousCorrection,
            def.line + 1,
            Some(def.column),
            format!(
                "the long document number's check digit matches only the non-ICAO convention \
                 (with the filler); a single misread would also explain it under the ICAO \
                 convention ({}); not proven",
                list.join("; ")
            ),
        ));
    }
}

fn set(lines: &mut [Vec<u8>], line: usize, column: usize, byte: u8) {
    if let Some(slot) = lines.get_mut(line).and_then(|l| l.get_mut(column)) {
        *slot = byte;
    }
}

fn correct_grammar(
    plan: &Plan,
    lines: &mut [Vec<u8>],
    corrections: &mut Vec<Correction>,
    warnings: &mut Vec<Warning>,
) {
    for def in &plan.fields {
        let chinese_check =
            plan.chinese_personal_number && def.id == FieldId::Check(CheckField::PersonalNumber);
        for column in def.range.start..def.range.end {
            let c = byte_at(lines, def.range.line, column);
            let wants_letter = match def.kind {
                Kind::Alpha => true,
                Kind::LicenceCode => column == def.range.start,
                _ => false,
            };
            let wants_digit = matches!(def.kind, Kind::Digits)
                || (matches!(def.kind, Kind::CheckDigit) && !chinese_check)
                || (def.kind == Kind::LicenceCode && column > def.range.start);
            let (replacement, what) = if wants_letter && c.is_ascii_digit() {
                (letter_for_digit(c), "a digit in a letters-only field")
            } else if wants_digit && c.is_ascii_uppercase() {
                (digit_for_letter(c), "a letter in a digits-only field")
            } else {
                continue;
            };
            let line_no = def.range.line + 1;
            match replacement {
                Some(to) => {
                    set(lines, def.range.line, column, to);
                    corrections.push(Correction {
                        line: line_no,
                        column,
                        from: char::from(c).to_string(),
                        to: char::from(to).to_string(),
                        reason: CorrectionReason::FieldGrammar,
                        field: def.id.name().to_string(),
                        message: format!(
                            "{what} ({}): '{}' read as its OCR-B look-alike '{}'",
                            def.id.name(),
                            char::from(c),
                            char::from(to)
                        ),
                    });
                }
                None => warnings.push(Warning::at(
                    WarningCode::UncorrectableCharacter,
                    line_no,
                    Some(column),
                    format!(
                        "'{}' is {what} ({}) and has no OCR-B look-alike to replace it with",
                        char::from(c),
                        def.id.name()
                    ),
                )),
            }
        }
    }
}

/// One candidate swap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Swap {
    line: usize,
    column: usize,
    from: u8,
    to: u8,
}

impl Swap {
    fn describe(self) -> String {
        format!(
            "line {} column {}: '{}' -> '{}'",
            self.line + 1,
            self.column,
            char::from(self.from),
            char::from(self.to)
        )
    }
}

fn is_valid(def: &CheckDef, lines: &[Vec<u8>]) -> bool {
    evaluate_check(def, lines).valid
}

/// Alphanumeric positions protected by a check.
fn alphanumeric_positions(plan: &Plan, def: &CheckDef) -> Vec<(usize, usize)> {
    let mut positions = Vec::new();
    for range in def.covers.iter() {
        for column in range.start..range.end {
            if plan
                .field_at(range.line, column)
                .is_some_and(|d| d.kind == Kind::AlphaNumeric)
            {
                positions.push((range.line, column));
            }
        }
    }
    positions
}

/// Every single swap at `positions` that makes `def` verify.
fn candidates(def: &CheckDef, positions: &[(usize, usize)], lines: &mut [Vec<u8>]) -> Vec<Swap> {
    let mut found = Vec::new();
    for &(line, column) in positions {
        let from = byte_at(lines, line, column);
        for &to in alphanumeric_alternatives(from) {
            if indistinguishable(from, to) {
                continue;
            }
            set(lines, line, column, to);
            if is_valid(def, lines) {
                found.push(Swap {
                    line,
                    column,
                    from,
                    to,
                });
            }
            set(lines, line, column, from);
        }
    }
    found
}

fn correct_by_check_digits(
    plan: &Plan,
    lines: &mut [Vec<u8>],
    corrections: &mut Vec<Correction>,
    warnings: &mut Vec<Warning>,
) {
    let field_checks: Vec<&CheckDef> = plan
        .checks
        .iter()
        .filter(|c| c.enforced && c.field != CheckField::Composite)
        .collect();
    let composite = plan
        .checks
        .iter()
        .find(|c| c.field == CheckField::Composite);

    let mut chosen: Vec<Swap> = Vec::new();
    let failing: Vec<&CheckDef> = field_checks
        .iter()
        .copied()
        .filter(|d| !is_valid(d, lines))
        .collect();
    for def in failing {
        let positions = alphanumeric_positions(plan, def);
        let found = candidates(def, &positions, lines);
        match found.as_slice() {
            [one] => chosen.push(*one),
            [] => {}
            many => warnings.push(ambiguity(def.field, many)),
        }
    }

    for swap in &chosen {
        set(lines, swap.line, swap.column, swap.to);
    }
    let mut composite_swap = None;
    if let Some(composite) = composite {
        let fields_ok = field_checks.iter().all(|d| is_valid(d, lines));
        if fields_ok && !is_valid(composite, lines) {
            // Positions only the composite protects (TD1/TD2 optional data, a Chinese personal
            // number).
            let protected: BTreeSet<(usize, usize)> = field_checks
                .iter()
                .flat_map(|d| alphanumeric_positions(plan, d))
                .collect();
            let positions: Vec<(usize, usize)> = alphanumeric_positions(plan, composite)
                .into_iter()
                .filter(|p| !protected.contains(p))
                .collect();
            let found = candidates(composite, &positions, lines);
            match found.as_slice() {
                [one] => composite_swap = Some(*one),
                [] => {
                    if !chosen.is_empty() {
                        // The field corrections are not confirmed: undo them.
                        for swap in &chosen {
                            set(lines, swap.line, swap.column, swap.from);
                        }
                        let list: Vec<String> = chosen.iter().map(|s| s.describe()).collect();
                        warnings.push(Warning::new(
                            WarningCode::AmbiguousCorrection,
                            format!(
                                "corrections proposed by the field check digits ({}) are not \
                                 confirmed by the composite check digit; none applied",
                                list.join("; ")
                            ),
                        ));
                        chosen.clear();
                    }
                }
                many => {
                    warnings.push(ambiguity(CheckField::Composite, many));
                    for swap in &chosen {
                        set(lines, swap.line, swap.column, swap.from);
                    }
                    chosen.clear();
                }
            }
        }
    }
    if let Some(swap) = composite_swap {
        set(lines, swap.line, swap.column, swap.to);
        chosen.push(swap);
    }
    for swap in chosen {
        let field = plan
            .field_at(swap.line, swap.column)
            .map_or("unknown", |d| d.id.name());
        corrections.push(Correction {
            line: swap.line + 1,
            column: swap.column,
            from: char::from(swap.from).to_string(),
            to: char::from(swap.to).to_string(),
            reason: CorrectionReason::CheckDigit,
            field: field.to_string(),
            message: format!(
                "the only OCR-B look-alike swap that makes the {field} check digit(s) verify: \
                 '{}' -> '{}'",
                char::from(swap.from),
                char::from(swap.to)
            ),
        });
    }
}

fn ambiguity(field: CheckField, swaps: &[Swap]) -> Warning {
    let list: Vec<String> = swaps.iter().map(|s| s.describe()).collect();
    let first = swaps.first();
    Warning {
        code: WarningCode::AmbiguousCorrection,
        message: format!(
            "the {} check digit fails and {} different corrections would each satisfy it ({}); \
             none applied",
            field.name(),
            swaps.len(),
            list.join("; ")
        ),
        line: first.map(|s| s.line + 1),
        column: None,
    }
}

fn report_blind_spots(plan: &Plan, lines: &[Vec<u8>], warnings: &mut Vec<Warning>) {
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for def in plan.checks.iter().filter(|c| c.enforced) {
        for (line, column) in alphanumeric_positions(plan, def) {
            if !seen.insert((line, column)) {
                continue;
            }
            let c = byte_at(lines, line, column);
            if let Some(partner) = blind_spot_partner(c) {
                warnings.push(Warning::at(
                    WarningCode::CheckDigitBlindSpot,
                    line + 1,
                    Some(column),
                    format!(
                        "'{}' (line {}, column {}) may be an OCR misreading of '{}' or the \
                         reverse; check digits cannot tell them apart, so the value is \
                         unproven",
                        char::from(c),
                        line + 1,
                        column,
                        char::from(partner)
                    ),
                ));
            }
        }
    }
}
