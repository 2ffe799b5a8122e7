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

/// An element id packed into a number (`DAQ` → 0x444151), so that comparing ids is comparing
/// integers. The order of keys is the alphabetical order of ids.
pub(crate) const fn key(id: [u8; 3]) -> u32 {
    ((id[0] as u32) << 16) | ((id[1] as u32) << 8) | id[2] as u32
}

/// The id of a key (every key comes from three ASCII bytes).
pub(crate) fn id_of(key: u32) -> String {
    let [_, a, b, c] = key.to_be_bytes();
    [a, b, c].iter().map(|&byte| char::from(byte)).collect()
}

/// The known ids as bits: `D` + second letter `A`..`D` (rows 0-3) and `P` + `A` (row 4), one
/// bit per third letter. Built at compile time from [`KNOWN`].
const KNOWN_BITS: [u32; 5] = {
    let mut rows = [0u32; 5];
    let mut index = 0;
    while index < KNOWN.len() {
        let id = KNOWN[index].as_bytes();
        let row = if id[0] == b'P' {
            4
        } else {
            (id[1] - b'A') as usize
        };
        rows[row] |= 1 << (id[2] - b'A');
        index += 1;
    }
    rows
};

/// Whether `id` is a DL/ID element identifier of any version of the standard.
#[cfg(test)]
pub fn is_known(id: &str) -> bool {
    match id.as_bytes() {
        &[a, b, c] => is_known_id([a, b, c]),
        _ => false,
    }
}

/// [`is_known`] for three bytes.
pub(crate) fn is_known_id(id: [u8; 3]) -> bool {
    let (row, third) = match id {
        [b'D', second @ b'A'..=b'D', third @ b'A'..=b'Z'] => (usize::from(second - b'A'), third),
        [b'P', b'A', third @ b'A'..=b'Z'] => (4, third),
        _ => return false,
    };
    KNOWN_BITS
        .get(row)
        .is_some_and(|bits| bits & (1 << (third - b'A')) != 0)
}

/// The elements read so far, in payload order, keyed by packed id. A payload has a few dozen
/// elements, so a linear scan of integers beats any map; past [`ElementList::SCAN_LIMIT`]
/// elements (only hostile input has that many) an index keeps inserts and lookups logarithmic.
#[derive(Debug, Default)]
pub(crate) struct ElementList {
    entries: Vec<(u32, String)>,
    index: Option<std::collections::BTreeMap<u32, usize>>,
}

impl ElementList {
    const SCAN_LIMIT: usize = 64;

    pub fn with_capacity(capacity: usize) -> Self {
        ElementList {
            entries: Vec::with_capacity(capacity),
            index: None,
        }
    }

    fn position(&self, key: u32) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self
                .entries
                .iter()
                .position(|(existing, _)| *existing == key),
        }
    }

    /// Adds an element; returns `false` (and keeps the first value) if the id is already there.
    pub fn insert(&mut self, id: [u8; 3], value: String) -> bool {
        let key = key(id);
        if self.position(key).is_some() {
            return false;
        }
        self.entries.push((key, value));
        let position = self.entries.len() - 1;
        match &mut self.index {
            Some(index) => {
                index.insert(key, position);
            }
            None if self.entries.len() > Self::SCAN_LIMIT => {
                self.index = Some(
                    self.entries
                        .iter()
                        .enumerate()
                        .map(|(position, (key, _))| (*key, position))
                        .collect(),
                );
            }
            None => {}
        }
        true
    }

    /// The raw value of an element.
    pub fn raw(&self, id: &str) -> Option<&str> {
        let key = match id.as_bytes() {
            &[a, b, c] => key([a, b, c]),
            _ => return None,
        };
        let position = self.position(key)?;
        self.entries.get(position).map(|(_, value)| value.as_str())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.raw(id).is_some()
    }

    pub fn into_map(self) -> std::collections::BTreeMap<String, String> {
        self.entries
            .into_iter()
            .map(|(key, value)| (id_of(key), value))
            .collect()
    }
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
    fn element_list_keeps_the_first_value_at_any_size() {
        let mut list = ElementList::default();
        for round in 0..2 {
            for a in b'A'..=b'Z' {
                for b in b'A'..=b'E' {
                    let inserted = list.insert([b'Z', a, b], format!("{round}"));
                    assert_eq!(inserted, round == 0);
                }
            }
        }
        assert_eq!(list.raw("ZQC"), Some("0"));
        assert_eq!(list.raw("ZQF"), None);
        assert_eq!(list.raw("ZQ"), None);
        assert_eq!(list.into_map().len(), 26 * 5);
    }

    #[test]
    fn keys_and_bits() {
        assert_eq!(id_of(key(*b"DAQ")), "DAQ");
        assert!(key(*b"DAQ") < key(*b"DAR"));
        let count: u32 = KNOWN_BITS.iter().map(|bits| bits.count_ones()).sum();
        assert_eq!(count as usize, KNOWN.len());
        for id in KNOWN {
            assert!(is_known(id), "{id}");
        }
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
