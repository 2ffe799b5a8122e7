//! The MRZ character set, the 7-3-1 check digit, and the OCR-B confusion table lenient mode uses.

/// The filler character.
pub(crate) const FILLER: u8 = b'<';

/// Whether `c` may appear in an MRZ at all: `A`–`Z`, `0`–`9` or `<`.
pub(crate) fn is_mrz_char(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == FILLER
}

/// Whether the character `c` may appear in an MRZ at all: `A`–`Z`, `0`–`9` or `<`.
pub fn is_mrz_character(c: char) -> bool {
    c.is_ascii() && is_mrz_char(c as u8)
}

/// The check-digit value of an MRZ character: `0`–`9` → 0–9, `A`–`Z` → 10–35, `<` → 0.
pub(crate) fn char_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        FILLER => Some(0),
        _ => None,
    }
}

/// The ICAO 9303 Part 3 check digit of the concatenation of `parts`: weights 7, 3, 1 repeating,
/// sum modulo 10. Characters outside the MRZ set count as 0 (callers reject them earlier).
pub(crate) fn check_digit_of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u8 {
    // At most 35 * 7 per character: a u64 cannot overflow on any text that fits in memory.
    let mut sum: u64 = 0;
    let mut index: usize = 0;
    for part in parts {
        for &c in part {
            let weight = match index % 3 {
                0 => 7,
                1 => 3,
                _ => 1,
            };
            sum += u64::from(char_value(c).unwrap_or(0)) * weight;
            index += 1;
        }
    }
    u8::try_from(sum % 10).unwrap_or(0)
}

/// The ICAO 9303 check digit (0–9) of `text`, or `None` if `text` holds a character outside
/// `A`–`Z`, `0`–`9`, `<`.
///
/// ```
/// assert_eq!(kyc_documents::mrz::check_digit("L898902C3"), Some(6));
/// assert_eq!(kyc_documents::mrz::check_digit("l898902c3"), None);
/// ```
pub fn check_digit(text: &str) -> Option<u8> {
    if text.bytes().all(is_mrz_char) {
        Some(check_digit_of([text.as_bytes()]))
    } else {
        None
    }
}

/// In a letters-only field, the letter an OCR-B digit is mistaken for: `0`→`O`, `1`→`I`,
/// `2`→`Z`, `5`→`S`, `6`→`G`, `8`→`B`. Digits without a look-alike letter (3, 4, 7, 9) map to
/// nothing and are left for the report to flag.
pub(crate) fn letter_for_digit(c: u8) -> Option<u8> {
    match c {
        b'0' => Some(b'O'),
        b'1' => Some(b'I'),
        b'2' => Some(b'Z'),
        b'5' => Some(b'S'),
        b'6' => Some(b'G'),
        b'8' => Some(b'B'),
        _ => None,
    }
}

/// In a digits-only field, the digit an OCR-B letter is mistaken for: `O`/`D`/`Q`→`0`,
/// `I`/`L`→`1`, `Z`→`2`, `S`→`5`, `G`→`6`, `B`→`8`.
pub(crate) fn digit_for_letter(c: u8) -> Option<u8> {
    match c {
        b'O' | b'D' | b'Q' => Some(b'0'),
        b'I' | b'L' => Some(b'1'),
        b'Z' => Some(b'2'),
        b'S' => Some(b'5'),
        b'G' => Some(b'6'),
        b'B' => Some(b'8'),
        _ => None,
    }
}

/// In an alphanumeric field (document number, personal number, optional data) both members of a
/// confusion pair are grammatical; these are the alternatives lenient mode tries when a check
/// digit fails. A letter's alternative is its look-alike digit; a digit's alternatives are its
/// look-alike letters.
pub(crate) fn alphanumeric_alternatives(c: u8) -> &'static [u8] {
    match c {
        b'0' => b"ODQ",
        b'1' => b"IL",
        b'2' => b"Z",
        b'5' => b"S",
        b'6' => b"G",
        b'8' => b"B",
        b'O' | b'D' | b'Q' => b"0",
        b'I' | b'L' => b"1",
        b'Z' => b"2",
        b'S' => b"5",
        b'G' => b"6",
        b'B' => b"8",
        _ => b"",
    }
}

/// Two characters a check digit cannot tell apart: their values are congruent modulo 10
/// (`<`=`0`=`A`=`K`=`U`, `1`=`B`=`L`=`V`, `6`=`G`=`Q`, `8`=`I`=`S`...), because the weights
/// 7, 3 and 1 are all invertible modulo 10.
pub(crate) fn indistinguishable(a: u8, b: u8) -> bool {
    match (char_value(a), char_value(b)) {
        (Some(x), Some(y)) => x % 10 == y % 10,
        _ => false,
    }
}

/// The OCR look-alikes in [`alphanumeric_alternatives`] that no check digit can detect.
pub(crate) fn blind_spot_partner(c: u8) -> Option<u8> {
    alphanumeric_alternatives(c)
        .iter()
        .copied()
        .find(|&alt| indistinguishable(c, alt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_the_icao_examples() {
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
        assert_eq!(check_digit("<<<<<<"), Some(0));
        assert_eq!(check_digit("É"), None);
    }

    #[test]
    fn the_blind_spots_are_exactly_the_congruent_look_alikes() {
        assert_eq!(blind_spot_partner(b'6'), Some(b'G'));
        assert_eq!(blind_spot_partner(b'G'), Some(b'6'));
        assert_eq!(blind_spot_partner(b'1'), Some(b'L'));
        assert_eq!(blind_spot_partner(b'L'), Some(b'1'));
        for c in [
            b'0', b'O', b'2', b'Z', b'5', b'S', b'8', b'B', b'I', b'D', b'Q',
        ] {
            assert_eq!(blind_spot_partner(c), None, "{}", c as char);
        }
    }
}
