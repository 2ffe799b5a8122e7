//! Countries and country-like issuers, by ICAO 9303 / ISO 3166-1 alpha-3 code.
//!
//! Generated from the ISO 3166-1 list shipped in the `pycountry` package (26.2.16), plus the codes
//! ICAO Doc 9303 Part 3 adds for issuers and nationalities that are not countries (`D` for Germany,
//! `UNO`, `XXA` stateless, `GBD` British Overseas Territories citizen, `UTO` for specimens...).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Whether a code is an ISO 3166-1 country or one of the extra codes ICAO 9303 allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// An ISO 3166-1 alpha-3 country code.
    Iso,
    /// A code ICAO 9303 adds (organisations, special nationalities, `D` for Germany, `UTO`).
    IcaoExtra,
}

/// One entry of the country table: alpha-3 code, alpha-2 code (empty when none), English name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryInfo {
    pub alpha3: &'static str,
    pub alpha2: &'static str,
    pub name: &'static str,
    pub kind: CodeKind,
}

const fn iso(alpha3: &'static str, alpha2: &'static str, name: &'static str) -> CountryInfo {
    CountryInfo {
        alpha3,
        alpha2,
        name,
        kind: CodeKind::Iso,
    }
}

const fn icao(alpha3: &'static str, alpha2: &'static str, name: &'static str) -> CountryInfo {
    CountryInfo {
        alpha3,
        alpha2,
        name,
        kind: CodeKind::IcaoExtra,
    }
}

/// Every known code, sorted by alpha-3 code (a test checks the order: lookups binary-search it).
pub static COUNTRIES: &[CountryInfo] = &[
    iso("ABW", "AW", "Aruba"),
    iso("AFG", "AF", "Afghanistan"),
    iso("AGO", "AO", "Angola"),
    iso("AIA", "AI", "Anguilla"),
    iso("ALA", "AX", "Åland Islands"),
    iso("ALB", "AL", "Albania"),
    iso("AND", "AD", "Andorra"),
    iso("ARE", "AE", "United Arab Emirates"),
    iso("ARG", "AR", "Argentina"),
    iso("ARM", "AM", "Armenia"),
    iso("ASM", "AS", "American Samoa"),
    iso("ATA", "AQ", "Antarctica"),
    iso("ATF", "TF", "French Southern Territories"),
    iso("ATG", "AG", "Antigua and Barbuda"),
    iso("AUS", "AU", "Australia"),
    iso("AUT", "AT", "Austria"),
    iso("AZE", "AZ", "Azerbaijan"),
    iso("BDI", "BI", "Burundi"),
    iso("BEL", "BE", "Belgium"),
    iso("BEN", "BJ", "Benin"),
    iso("BES", "BQ", "Bonaire, Sint Eustatius and Saba"),
    iso("BFA", "BF", "Burkina Faso"),
    iso("BGD", "BD", "Bangladesh"),
    iso("BGR", "BG", "Bulgaria"),
    iso("BHR", "BH", "Bahrain"),
    iso("BHS", "BS", "Bahamas"),
    iso("BIH", "BA", "Bosnia and Herzegovina"),
    iso("BLM", "BL", "Saint Barthélemy"),
    iso("BLR", "BY", "Belarus"),
    iso("BLZ", "BZ", "Belize"),
    iso("BMU", "BM", "Bermuda"),
    iso("BOL", "BO", "Bolivia"),
    iso("BRA", "BR", "Brazil"),
    iso("BRB", "BB", "Barbados"),
    iso("BRN", "BN", "Brunei Darussalam"),
    iso("BTN", "BT", "Bhutan"),
    iso("BVT", "BV", "Bouvet Island"),
    iso("BWA", "BW", "Botswana"),
    iso("CAF", "CF", "Central African Republic"),
    iso("CAN", "CA", "Canada"),
    iso("CCK", "CC", "Cocos (Keeling) Islands"),
    iso("CHE", "CH", "Switzerland"),
    iso("CHL", "CL", "Chile"),
    iso("CHN", "CN", "China"),
    iso("CIV", "CI", "Côte d'Ivoire"),
    iso("CMR", "CM", "Cameroon"),
    iso("COD", "CD", "Congo, The Democratic Republic of the"),
    iso("COG", "CG", "Congo"),
    iso("COK", "CK", "Cook Islands"),
    iso("COL", "CO", "Colombia"),
    iso("COM", "KM", "Comoros"),
    iso("CPV", "CV", "Cabo Verde"),
    iso("CRI", "CR", "Costa Rica"),
    iso("CUB", "CU", "Cuba"),
    iso("CUW", "CW", "Curaçao"),
    iso("CXR", "CX", "Christmas Island"),
    iso("CYM", "KY", "Cayman Islands"),
    iso("CYP", "CY", "Cyprus"),
    iso("CZE", "CZ", "Czechia"),
    icao("D", "DE", "Germany (ICAO code D)"),
    iso("DEU", "DE", "Germany"),
    iso("DJI", "DJ", "Djibouti"),
    iso("DMA", "DM", "Dominica"),
    iso("DNK", "DK", "Denmark"),
    iso("DOM", "DO", "Dominican Republic"),
    iso("DZA", "DZ", "Algeria"),
    iso("ECU", "EC", "Ecuador"),
    iso("EGY", "EG", "Egypt"),
    iso("ERI", "ER", "Eritrea"),
    iso("ESH", "EH", "Western Sahara"),
    iso("ESP", "ES", "Spain"),
    iso("EST", "EE", "Estonia"),
    iso("ETH", "ET", "Ethiopia"),
    icao("EUE", "", "European Union"),
    iso("FIN", "FI", "Finland"),
    iso("FJI", "FJ", "Fiji"),
    iso("FLK", "FK", "Falkland Islands (Malvinas)"),
    iso("FRA", "FR", "France"),
    iso("FRO", "FO", "Faroe Islands"),
    iso("FSM", "FM", "Micronesia, Federated States of"),
    iso("GAB", "GA", "Gabon"),
    icao("GBD", "GB", "British Overseas Territories Citizen"),
    icao("GBN", "GB", "British National (Overseas)"),
    icao("GBO", "GB", "British Overseas Citizen"),
    icao("GBP", "GB", "British Protected Person"),
    iso("GBR", "GB", "United Kingdom"),
    icao("GBS", "GB", "British Subject"),
    iso("GEO", "GE", "Georgia"),
    iso("GGY", "GG", "Guernsey"),
    iso("GHA", "GH", "Ghana"),
    iso("GIB", "GI", "Gibraltar"),
    iso("GIN", "GN", "Guinea"),
    iso("GLP", "GP", "Guadeloupe"),
    iso("GMB", "GM", "Gambia"),
    iso("GNB", "GW", "Guinea-Bissau"),
    iso("GNQ", "GQ", "Equatorial Guinea"),
    iso("GRC", "GR", "Greece"),
    iso("GRD", "GD", "Grenada"),
    iso("GRL", "GL", "Greenland"),
    iso("GTM", "GT", "Guatemala"),
    iso("GUF", "GF", "French Guiana"),
    iso("GUM", "GU", "Guam"),
    iso("GUY", "GY", "Guyana"),
    iso("HKG", "HK", "Hong Kong"),
    iso("HMD", "HM", "Heard Island and McDonald Islands"),
    iso("HND", "HN", "Honduras"),
    iso("HRV", "HR", "Croatia"),
    iso("HTI", "HT", "Haiti"),
    iso("HUN", "HU", "Hungary"),
    iso("IDN", "ID", "Indonesia"),
    iso("IMN", "IM", "Isle of Man"),
    iso("IND", "IN", "India"),
    iso("IOT", "IO", "British Indian Ocean Territory"),
    iso("IRL", "IE", "Ireland"),
    iso("IRN", "IR", "Iran"),
    iso("IRQ", "IQ", "Iraq"),
    iso("ISL", "IS", "Iceland"),
    iso("ISR", "IL", "Israel"),
    iso("ITA", "IT", "Italy"),
    iso("JAM", "JM", "Jamaica"),
    iso("JEY", "JE", "Jersey"),
    iso("JOR", "JO", "Jordan"),
    iso("JPN", "JP", "Japan"),
    iso("KAZ", "KZ", "Kazakhstan"),
    iso("KEN", "KE", "Kenya"),
    iso("KGZ", "KG", "Kyrgyzstan"),
    iso("KHM", "KH", "Cambodia"),
    iso("KIR", "KI", "Kiribati"),
    iso("KNA", "KN", "Saint Kitts and Nevis"),
    iso("KOR", "KR", "South Korea"),
    iso("KWT", "KW", "Kuwait"),
    iso("LAO", "LA", "Laos"),
    iso("LBN", "LB", "Lebanon"),
    iso("LBR", "LR", "Liberia"),
    iso("LBY", "LY", "Libya"),
    iso("LCA", "LC", "Saint Lucia"),
    iso("LIE", "LI", "Liechtenstein"),
    iso("LKA", "LK", "Sri Lanka"),
    iso("LSO", "LS", "Lesotho"),
    iso("LTU", "LT", "Lithuania"),
    iso("LUX", "LU", "Luxembourg"),
    iso("LVA", "LV", "Latvia"),
    iso("MAC", "MO", "Macao"),
    iso("MAF", "MF", "Saint Martin (French part)"),
    iso("MAR", "MA", "Morocco"),
    iso("MCO", "MC", "Monaco"),
    iso("MDA", "MD", "Moldova"),
    iso("MDG", "MG", "Madagascar"),
    iso("MDV", "MV", "Maldives"),
    iso("MEX", "MX", "Mexico"),
    iso("MHL", "MH", "Marshall Islands"),
    iso("MKD", "MK", "North Macedonia"),
    iso("MLI", "ML", "Mali"),
    iso("MLT", "MT", "Malta"),
    iso("MMR", "MM", "Myanmar"),
    iso("MNE", "ME", "Montenegro"),
    iso("MNG", "MN", "Mongolia"),
    iso("MNP", "MP", "Northern Mariana Islands"),
    iso("MOZ", "MZ", "Mozambique"),
    iso("MRT", "MR", "Mauritania"),
    iso("MSR", "MS", "Montserrat"),
    iso("MTQ", "MQ", "Martinique"),
    iso("MUS", "MU", "Mauritius"),
    iso("MWI", "MW", "Malawi"),
    iso("MYS", "MY", "Malaysia"),
    iso("MYT", "YT", "Mayotte"),
    iso("NAM", "NA", "Namibia"),
    iso("NCL", "NC", "New Caledonia"),
    iso("NER", "NE", "Niger"),
    iso("NFK", "NF", "Norfolk Island"),
    iso("NGA", "NG", "Nigeria"),
    iso("NIC", "NI", "Nicaragua"),
    iso("NIU", "NU", "Niue"),
    iso("NLD", "NL", "Netherlands"),
    iso("NOR", "NO", "Norway"),
    iso("NPL", "NP", "Nepal"),
    iso("NRU", "NR", "Nauru"),
    iso("NZL", "NZ", "New Zealand"),
    iso("OMN", "OM", "Oman"),
    iso("PAK", "PK", "Pakistan"),
    iso("PAN", "PA", "Panama"),
    iso("PCN", "PN", "Pitcairn"),
    iso("PER", "PE", "Peru"),
    iso("PHL", "PH", "Philippines"),
    iso("PLW", "PW", "Palau"),
    iso("PNG", "PG", "Papua New Guinea"),
    iso("POL", "PL", "Poland"),
    iso("PRI", "PR", "Puerto Rico"),
    iso("PRK", "KP", "North Korea"),
    iso("PRT", "PT", "Portugal"),
    iso("PRY", "PY", "Paraguay"),
    iso("PSE", "PS", "Palestine, State of"),
    iso("PYF", "PF", "French Polynesia"),
    iso("QAT", "QA", "Qatar"),
    iso("REU", "RE", "Réunion"),
    icao("RKS", "XK", "Kosovo"),
    iso("ROU", "RO", "Romania"),
    iso("RUS", "RU", "Russian Federation"),
    iso("RWA", "RW", "Rwanda"),
    iso("SAU", "SA", "Saudi Arabia"),
    iso("SDN", "SD", "Sudan"),
    iso("SEN", "SN", "Senegal"),
    iso("SGP", "SG", "Singapore"),
    iso("SGS", "GS", "South Georgia and the South Sandwich Islands"),
    iso("SHN", "SH", "Saint Helena, Ascension and Tristan da Cunha"),
    iso("SJM", "SJ", "Svalbard and Jan Mayen"),
    iso("SLB", "SB", "Solomon Islands"),
    iso("SLE", "SL", "Sierra Leone"),
    iso("SLV", "SV", "El Salvador"),
    iso("SMR", "SM", "San Marino"),
    iso("SOM", "SO", "Somalia"),
    iso("SPM", "PM", "Saint Pierre and Miquelon"),
    iso("SRB", "RS", "Serbia"),
    iso("SSD", "SS", "South Sudan"),
    iso("STP", "ST", "Sao Tome and Principe"),
    iso("SUR", "SR", "Suriname"),
    iso("SVK", "SK", "Slovakia"),
    iso("SVN", "SI", "Slovenia"),
    iso("SWE", "SE", "Sweden"),
    iso("SWZ", "SZ", "Eswatini"),
    iso("SXM", "SX", "Sint Maarten (Dutch part)"),
    iso("SYC", "SC", "Seychelles"),
    iso("SYR", "SY", "Syria"),
    iso("TCA", "TC", "Turks and Caicos Islands"),
    iso("TCD", "TD", "Chad"),
    iso("TGO", "TG", "Togo"),
    iso("THA", "TH", "Thailand"),
    iso("TJK", "TJ", "Tajikistan"),
    iso("TKL", "TK", "Tokelau"),
    iso("TKM", "TM", "Turkmenistan"),
    iso("TLS", "TL", "Timor-Leste"),
    iso("TON", "TO", "Tonga"),
    iso("TTO", "TT", "Trinidad and Tobago"),
    iso("TUN", "TN", "Tunisia"),
    iso("TUR", "TR", "Türkiye"),
    iso("TUV", "TV", "Tuvalu"),
    iso("TWN", "TW", "Taiwan"),
    iso("TZA", "TZ", "Tanzania"),
    iso("UGA", "UG", "Uganda"),
    iso("UKR", "UA", "Ukraine"),
    iso("UMI", "UM", "United States Minor Outlying Islands"),
    icao("UNA", "", "United Nations specialized agency"),
    icao(
        "UNK",
        "",
        "United Nations Interim Administration Mission in Kosovo",
    ),
    icao("UNO", "", "United Nations Organization"),
    iso("URY", "UY", "Uruguay"),
    iso("USA", "US", "United States"),
    icao("UTO", "", "Utopia (ICAO specimen)"),
    iso("UZB", "UZ", "Uzbekistan"),
    iso("VAT", "VA", "Holy See (Vatican City State)"),
    iso("VCT", "VC", "Saint Vincent and the Grenadines"),
    iso("VEN", "VE", "Venezuela"),
    iso("VGB", "VG", "Virgin Islands, British"),
    iso("VIR", "VI", "Virgin Islands, U.S."),
    iso("VNM", "VN", "Vietnam"),
    iso("VUT", "VU", "Vanuatu"),
    iso("WLF", "WF", "Wallis and Futuna"),
    iso("WSM", "WS", "Samoa"),
    icao("XBA", "", "African Development Bank"),
    icao("XCC", "", "Caribbean Community"),
    icao("XCE", "", "Council of Europe"),
    icao("XCO", "", "Common Market for Eastern and Southern Africa"),
    icao("XDC", "", "Southern African Development Community"),
    icao("XEC", "", "Economic Community of West African States"),
    icao("XES", "", "Organisation of Eastern Caribbean States"),
    icao("XIM", "", "African Export-Import Bank"),
    icao("XMP", "", "Parliamentary Assembly of the Mediterranean"),
    icao("XOM", "", "Sovereign Military Order of Malta"),
    icao("XPO", "", "Interpol"),
    icao("XXA", "", "Stateless person"),
    icao("XXB", "", "Refugee (1951 Convention)"),
    icao("XXC", "", "Refugee (other)"),
    icao("XXX", "", "Unspecified nationality"),
    iso("YEM", "YE", "Yemen"),
    iso("ZAF", "ZA", "South Africa"),
    iso("ZMB", "ZM", "Zambia"),
    iso("ZWE", "ZW", "Zimbabwe"),
];

/// A country (or ICAO issuer code) that kycd knows, by its alpha-3 code. Parsing accepts alpha-3
/// and alpha-2 codes in any case; the value always prints as alpha-3.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(&'static str);

impl CountryCode {
    /// Looks up an alpha-3 code (exact, upper case).
    pub fn from_alpha3(code: &str) -> Option<CountryCode> {
        COUNTRIES
            .binary_search_by(|info| info.alpha3.cmp(code))
            .ok()
            .and_then(|index| COUNTRIES.get(index))
            .map(|info| CountryCode(info.alpha3))
    }

    /// The alpha-3 code (`DEU`, or ICAO's `D` exactly as printed on German documents).
    pub fn alpha3(self) -> &'static str {
        self.0
    }

    /// The table entry of this code.
    pub fn info(self) -> &'static CountryInfo {
        // Every CountryCode was made from a table entry, so the search always succeeds; the
        // fallback only keeps this function total.
        COUNTRIES
            .binary_search_by(|info| info.alpha3.cmp(self.0))
            .ok()
            .and_then(|index| COUNTRIES.get(index))
            .unwrap_or(&UNSPECIFIED)
    }

    /// The same country with ICAO's one-letter German code mapped to ISO (`D` → `DEU`).
    pub fn canonical(self) -> CountryCode {
        if self.0 == "D" {
            CountryCode("DEU")
        } else {
            self
        }
    }

    /// English name.
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

static UNSPECIFIED: CountryInfo = icao("XXX", "", "Unspecified nationality");

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.0)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The text is not a known country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown country code {0:?}: expected an ISO 3166-1 alpha-3 (or alpha-2) code such as \"FRA\""
)]
pub struct UnknownCountry(pub String);

impl FromStr for CountryCode {
    type Err = UnknownCountry;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let upper = text.trim().trim_end_matches('<').to_ascii_uppercase();
        let found = match upper.len() {
            2 => COUNTRIES
                .iter()
                .find(|info| info.kind == CodeKind::Iso && info.alpha2 == upper)
                .map(|info| CountryCode(info.alpha3)),
            1 | 3 => CountryCode::from_alpha3(&upper),
            _ => None,
        };
        found.ok_or_else(|| UnknownCountry(text.to_string()))
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in COUNTRIES.windows(2) {
            assert!(
                pair[0].alpha3 < pair[1].alpha3,
                "{} / {}",
                pair[0].alpha3,
                pair[1].alpha3
            );
        }
        assert!(COUNTRIES.len() > 270);
    }

    #[test]
    fn parses_alpha3_alpha2_and_icao_codes() {
        assert_eq!("fra".parse::<CountryCode>().unwrap().alpha3(), "FRA");
        assert_eq!("FR".parse::<CountryCode>().unwrap().alpha3(), "FRA");
        assert_eq!(
            "D<<".parse::<CountryCode>().unwrap().canonical().alpha3(),
            "DEU"
        );
        assert_eq!(
            "UTO".parse::<CountryCode>().unwrap().info().kind,
            CodeKind::IcaoExtra
        );
        assert_eq!(
            "XXA".parse::<CountryCode>().unwrap().name(),
            "Stateless person"
        );
        assert!("ZZZ".parse::<CountryCode>().is_err());
        assert!("".parse::<CountryCode>().is_err());
        assert!("FRANCE".parse::<CountryCode>().is_err());
    }

    #[test]
    fn serde_round_trip() {
        let code: CountryCode = serde_json::from_str("\"deu\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"DEU\"");
        assert!(serde_json::from_str::<CountryCode>("\"XYZ\"").is_err());
    }
}
