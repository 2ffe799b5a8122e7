//! The data element identifiers the standard defines, and which of them each version requires.
//!
//! An element identifier is three characters (`DAQ`, `DCS`, ...). The DL and ID subfiles use the
//! identifiers below; jurisdiction-specific subfiles (`ZV`, `ZC`, ...) use `Z` + the subfile's
//! letter + one character (`ZVA`) and are never "unknown".

/// Every DL/ID element identifier defined by AAMVA DL/ID-2000 (version 01) through the 2020
/// standard (version 10), sorted for binary search.
const KNOWN: &[&str] = &[
    // Version 01 (2000): names, addresses, physical description, aliases.
    "DAA", "DAB", "DAC", "DAD", "DAE", "DAF", "DAG", "DAH", "DAI", "DAJ", "DAK", "DAL", "DAM",
    "DAN", "DAO", "DAP", "DAQ", "DAR", "DAS", "DAT", "DAU", "DAV", "DAW", "DAX", "DAY", "DAZ",
    "DBA", "DBB", "DBC", "DBD", "DBE", "DBF", "DBG", "DBH", "DBI", "DBJ", "DBK", "DBL", "DBM",
    "DBN", "DBO", "DBP", "DBQ", "DBR", "DBS",
    // Versions 02-10: classes, country, document discriminator, names, flags, dates.
    "DCA", "DCB", "DCD", "DCE", "DCF", "DCG", "DCH", "DCI", "DCJ", "DCK", "DCL", "DCM", "DCN",
    "DCO", "DCP", "DCQ", "DCR", "DCS", "DCT", "DCU", "DDA", "DDB", "DDC", "DDD", "DDE", "DDF",
    "DDG", "DDH", "DDI", "DDJ", "DDK", "DDL", "DDM", // Version 01 permit elements.
    "PAA", "PAB", "PAC", "PAD", "PAE", "PAF",
];

/// Whether `id` is a DL/ID element identifier of any version of the standard.
pub fn is_known(id: &str) -> bool {
    KNOWN.binary_search(&id).is_ok()
}

/// Whether three bytes have the shape of an element identifier: an uppercase letter followed by
/// two uppercase letters or digits.
pub fn has_id_shape(id: &[u8]) -> bool {
    matches!(id, [a, b, c] if a.is_ascii_uppercase()
        && (b.is_ascii_uppercase() || b.is_ascii_digit())
        && (c.is_ascii_uppercase() || c.is_ascii_digit()))
}

/// The elements a DL or ID subfile of `version` must carry. Names are checked separately (see
/// `fields`) because each version spells them differently.
pub fn mandatory(version: u8, is_driver_licence: bool) -> &'static [&'static str] {
    const V01: &[&str] = &[
        "DAG", "DAI", "DAJ", "DAK", "DAQ", "DBA", "DBB", "DBC", "DBD",
    ];
    const V02_DL: &[&str] = &[
        "DAG", "DAI", "DAJ", "DAK", "DAQ", "DAU", "DAY", "DBA", "DBB", "DBC", "DBD", "DCA", "DCB",
        "DCD", "DCF", "DCG",
    ];
    const V02_ID: &[&str] = &[
        "DAG", "DAI", "DAJ", "DAK", "DAQ", "DAU", "DAY", "DBA", "DBB", "DBC", "DBD", "DCF", "DCG",
    ];
    const V04_DL: &[&str] = &[
        "DAG", "DAI", "DAJ", "DAK", "DAQ", "DAU", "DAY", "DBA", "DBB", "DBC", "DBD", "DCA", "DCB",
        "DCD", "DCF", "DCG", "DDE", "DDF", "DDG",
    ];
    const V04_ID: &[&str] = &[
        "DAG", "DAI", "DAJ", "DAK", "DAQ", "DAU", "DAY", "DBA", "DBB", "DBC", "DBD", "DCF", "DCG",
        "DDE", "DDF", "DDG",
    ];
    match (version, is_driver_licence) {
        (0..=1, _) => V01,
        (2..=3, true) => V02_DL,
        (2..=3, false) => V02_ID,
        (_, true) => V04_DL,
        (_, false) => V04_ID,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(KNOWN.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn recognises_ids() {
        assert!(is_known("DAQ"));
        assert!(is_known("DDG"));
        assert!(!is_known("DXX"));
        assert!(has_id_shape(b"ZVA"));
        assert!(has_id_shape(b"DA1"));
        assert!(!has_id_shape(b"1AB"));
        assert!(!has_id_shape(b"da"));
    }
}
