//! Issuer identification numbers (IIN) and the jurisdictions they belong to.
//!
//! Every AAMVA header carries the six-digit IIN that AAMVA assigned to the issuing jurisdiction
//! (ISO/IEC 7812 numbering). The table below is AAMVA's published list for the US, Canada and the
//! two Mexican states that issue AAMVA cards. It is a constant: no lookup ever allocates.

use serde::Serialize;

/// The country a jurisdiction belongs to, as the ISO 3166-1 alpha-3 code AAMVA uses in `DCG`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Country {
    #[serde(rename = "USA")]
    Usa,
    #[serde(rename = "CAN")]
    Canada,
    #[serde(rename = "MEX")]
    Mexico,
}

impl Country {
    /// The alpha-3 code (`USA`, `CAN`, `MEX`).
    pub fn code(self) -> &'static str {
        match self {
            Country::Usa => "USA",
            Country::Canada => "CAN",
            Country::Mexico => "MEX",
        }
    }

    /// Reads an alpha-3 code as found in `DCG` (case-insensitive, surrounding spaces ignored).
    pub fn from_code(code: &str) -> Option<Country> {
        match code.trim().to_ascii_uppercase().as_str() {
            "USA" | "US" => Some(Country::Usa),
            "CAN" | "CA" => Some(Country::Canada),
            "MEX" | "MX" => Some(Country::Mexico),
            _ => None,
        }
    }
}

/// One row of the IIN table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issuer {
    /// The six-digit issuer identification number.
    pub iin: u32,
    /// The postal abbreviation of the jurisdiction (`VA`, `ON`, ...); `None` for issuers that
    /// are not a jurisdiction (the US State Department).
    pub jurisdiction: Option<&'static str>,
    pub country: Country,
}

const fn row(iin: u32, code: &'static str, country: Country) -> Issuer {
    Issuer {
        iin,
        jurisdiction: Some(code),
        country,
    }
}

use Country::{Canada as CAN, Mexico as MEX, Usa as USA};

/// AAMVA's IIN list (https://www.aamva.org/identity/issuer-identification-numbers-(iin)).
const ISSUERS: &[Issuer] = &[
    row(604426, "PE", CAN),
    row(604427, "AS", USA),
    row(604428, "QC", CAN),
    row(604429, "YT", CAN),
    row(604430, "MP", USA),
    row(604431, "PR", USA),
    row(604432, "AB", CAN),
    row(604433, "NU", CAN),
    row(636000, "VA", USA),
    row(636001, "NY", USA),
    row(636002, "MA", USA),
    row(636003, "MD", USA),
    row(636004, "NC", USA),
    row(636005, "SC", USA),
    row(636006, "CT", USA),
    row(636007, "LA", USA),
    row(636008, "MT", USA),
    row(636009, "NM", USA),
    row(636010, "FL", USA),
    row(636011, "DE", USA),
    row(636012, "ON", CAN),
    row(636013, "NS", CAN),
    row(636014, "CA", USA),
    row(636015, "TX", USA),
    row(636016, "NL", CAN),
    row(636017, "NB", CAN),
    row(636018, "IA", USA),
    row(636019, "GU", USA),
    row(636020, "CO", USA),
    row(636021, "AR", USA),
    row(636022, "KS", USA),
    row(636023, "OH", USA),
    row(636024, "VT", USA),
    row(636025, "PA", USA),
    row(636026, "AZ", USA),
    Issuer {
        iin: 636027,
        jurisdiction: None,
        country: USA,
    },
    row(636028, "BC", CAN),
    row(636029, "OR", USA),
    row(636030, "MO", USA),
    row(636031, "WI", USA),
    row(636032, "MI", USA),
    row(636033, "AL", USA),
    row(636034, "ND", USA),
    row(636035, "IL", USA),
    row(636036, "NJ", USA),
    row(636037, "IN", USA),
    row(636038, "MN", USA),
    row(636039, "NH", USA),
    row(636040, "UT", USA),
    row(636041, "ME", USA),
    row(636042, "SD", USA),
    row(636043, "DC", USA),
    row(636044, "SK", CAN),
    row(636045, "WA", USA),
    row(636046, "KY", USA),
    row(636047, "HI", USA),
    row(636048, "MB", CAN),
    row(636049, "NV", USA),
    row(636050, "ID", USA),
    row(636051, "MS", USA),
    row(636052, "RI", USA),
    row(636053, "TN", USA),
    row(636054, "NE", USA),
    row(636055, "GA", USA),
    row(636056, "COA", MEX),
    row(636057, "HID", MEX),
    row(636058, "OK", USA),
    row(636059, "AK", USA),
    row(636060, "WY", USA),
    row(636061, "WV", USA),
    row(636062, "VI", USA),
    row(990876, "AB", CAN),
];

/// Looks up an IIN (six ASCII digits).
pub fn issuer(iin: &str) -> Option<Issuer> {
    let number: u32 = iin.parse().ok()?;
    ISSUERS
        .binary_search_by_key(&number, |issuer| issuer.iin)
        .ok()
        .and_then(|index| ISSUERS.get(index).copied())
}

/// The IIN of a jurisdiction code (`"VA"` → 636000); the first match when a jurisdiction has two.
pub fn iin_of(jurisdiction: &str) -> Option<u32> {
    ISSUERS
        .iter()
        .find(|issuer| issuer.jurisdiction == Some(jurisdiction))
        .map(|issuer| issuer.iin)
}

const CANADIAN: &[&str] = &[
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/// The country of a two-letter state or province code as written in `DAJ`.
pub fn country_of_region(code: &str) -> Option<Country> {
    let code = code.trim();
    if CANADIAN.contains(&code) {
        return Some(Country::Canada);
    }
    if code == "COA" || code == "HID" {
        return Some(Country::Mexico);
    }
    const US_OTHER: &[&str] = &["AA", "AE", "AP", "FM", "MH", "PW", "UM"];
    if ISSUERS
        .iter()
        .any(|issuer| issuer.country == Country::Usa && issuer.jurisdiction == Some(code))
        || US_OTHER.contains(&code)
    {
        return Some(Country::Usa);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(ISSUERS.windows(2).all(|pair| pair[0].iin < pair[1].iin));
    }

    #[test]
    fn looks_up_issuers() {
        assert_eq!(issuer("636000").and_then(|i| i.jurisdiction), Some("VA"));
        assert_eq!(issuer("636012").map(|i| i.country), Some(Country::Canada));
        assert_eq!(issuer("999999"), None);
        assert_eq!(issuer("abc"), None);
        assert_eq!(iin_of("ON"), Some(636012));
        assert_eq!(country_of_region("QC"), Some(Country::Canada));
        assert_eq!(country_of_region("TX"), Some(Country::Usa));
        assert_eq!(country_of_region("ZZ"), None);
    }
}
