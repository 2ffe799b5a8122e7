//! [`MrzError`]: the text is not recognisable as an MRZ, or the writer's input cannot be written.

use super::report::MrzFormat;

/// The shapes the parser knows, for error messages.
pub(crate) const EXPECTED_SHAPES: &str = "3 lines of 30 characters (TD1), 2 lines of 36 (TD2, \
     MRV-B, French national ID), 2 lines of 44 (TD3 passport, MRV-A) or 1 line of 30 (French \
     driving licence)";

/// Why text could not be read as an MRZ, or fields could not be written as one.
///
/// A report with failing check digits or unparseable fields is *not* an error: it is an
/// [`super::MrzReport`] with `valid: false`. An error means there is no MRZ to report on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    /// Nothing but whitespace.
    #[error("no MRZ: the text is empty; expected {EXPECTED_SHAPES}")]
    Empty,
    /// The line count or lengths match no MRZ layout.
    #[error("not an MRZ: found {found}; expected {EXPECTED_SHAPES}")]
    UnrecognisedShape {
        /// What was found, e.g. `"2 lines of 44 and 43 characters"`.
        found: String,
    },
    /// A character outside `A`–`Z`, `0`–`9`, `<`.
    #[error(
        "line {line}, column {column}: {found:?} is not an MRZ character; only A-Z, 0-9 and < \
         may appear{hint}"
    )]
    InvalidCharacter {
        /// 1-based line.
        line: usize,
        /// 0-based column (in characters).
        column: usize,
        /// The offending character.
        found: char,
        /// Advice, e.g. to use the lenient parser for OCR output.
        hint: String,
    },
    /// One line of 30 that is not the French driving licence.
    #[error(
        "a single line of 30 characters is only read as a French driving licence, which starts \
         with 'D', a configuration digit and 'FRA' (e.g. D1FRA...); found {found:?}"
    )]
    NotAFrenchDrivingLicence {
        /// The line.
        found: String,
    },
    /// The writer was given something the format cannot hold.
    #[error("cannot write a {format} MRZ: {field}: {message}")]
    InvalidInput {
        /// The format asked for.
        format: MrzFormat,
        /// The input field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

/// `"2 lines of 44 and 43 characters"`.
pub(crate) fn describe_lengths(lengths: &[usize]) -> String {
    match lengths {
        [] => "no lines".to_string(),
        [one] => format!("1 line of {one} characters"),
        _ => {
            let (last, rest) = match lengths.split_last() {
                Some((last, rest)) => (last, rest),
                None => return "no lines".to_string(),
            };
            let rest: Vec<String> = rest.iter().map(ToString::to_string).collect();
            format!(
                "{} lines of {} and {} characters",
                lengths.len(),
                rest.join(", "),
                last
            )
        }
    }
}
