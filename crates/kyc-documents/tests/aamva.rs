//! Examples written from the AAMVA DL/ID standards (versions 01 to 10, US and Canadian), damaged
//! scans, date rules, truncation flags and garbage input.

use kyc_documents::aamva::{
    AamvaError, AamvaPayload, AamvaReport, DateOrder, FileType, Sex, SubfileData, SubfileType,
    Truncation, WarningCode, WriteError, parse, parse_bytes, write,
};
use time::{Date, Month};

fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    Some(Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap())
}

fn codes(report: &AamvaReport) -> Vec<WarningCode> {
    report.warnings.iter().map(|w| w.code).collect()
}

/// Builds a payload by hand (any version, including 01 whose header has no jurisdiction
/// version and whose subfiles may lack their type prefix), computing offsets and lengths.
fn build(
    file_type: &str,
    iin: &str,
    version: &str,
    jurisdiction_version: Option<&str>,
    subfiles: &[(&str, bool, &[&str])],
) -> String {
    let header_length = 4
        + file_type.len()
        + iin.len()
        + version.len()
        + jurisdiction_version.map_or(0, str::len)
        + 2
        + 10 * subfiles.len();
    let bodies: Vec<String> = subfiles
        .iter()
        .map(|(kind, prefixed, elements)| {
            let prefix = if *prefixed { *kind } else { "" };
            format!("{prefix}{}\r", elements.join("\n"))
        })
        .collect();
    let mut out = format!(
        "@\n\x1e\r{file_type}{iin}{version}{}{:02}",
        jurisdiction_version.unwrap_or(""),
        subfiles.len()
    );
    let mut offset = header_length;
    for ((kind, _, _), body) in subfiles.iter().zip(&bodies) {
        out.push_str(&format!("{kind}{offset:04}{:04}", body.len()));
        offset += body.len();
    }
    for body in &bodies {
        out.push_str(body);
    }
    out
}

fn payload(version: u8, iin: &str, subfiles: Vec<(SubfileType, Vec<(&str, &str)>)>) -> String {
    write(&AamvaPayload {
        iin: iin.to_owned(),
        version,
        jurisdiction_version: 1,
        subfiles: subfiles
            .into_iter()
            .map(|(kind, elements)| SubfileData {
                kind,
                elements: elements
                    .into_iter()
                    .map(|(id, value)| (id.to_owned(), value.to_owned()))
                    .collect(),
            })
            .collect(),
    })
    .unwrap()
}

/// The sample of Annex D of the 2020 standard (D.12.x), Virginia, version 10.
const ANNEX_D: &str = "@\n\x1e\rANSI 636000100102DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062018\nDDC06062020\nDDD1\rZVZVA01\r";

fn assert_annex_d_fields(report: &AamvaReport) {
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("SAMPLE"));
    assert_eq!(f.first_name.as_deref(), Some("MICHAEL"));
    assert_eq!(f.middle_names.as_deref(), Some("JOHN"));
    assert_eq!(f.name_suffix.as_deref(), Some("JR"));
    assert_eq!(f.birth_date, date(1986, 6, 6));
    assert_eq!(f.issue_date, date(2019, 6, 6));
    assert_eq!(f.expiry_date, date(2024, 12, 10));
    assert_eq!(f.document_number.as_deref(), Some("T64235789"));
    assert_eq!(f.sex, Some(Sex::Male));
    assert_eq!(f.street.as_deref(), Some("2300 WEST BROAD STREET"));
    assert_eq!(f.city.as_deref(), Some("RICHMOND"));
    assert_eq!(f.state.as_deref(), Some("VA"));
    assert_eq!(f.postal_code.as_deref(), Some("23269"));
    assert_eq!(f.country.as_deref(), Some("USA"));
    assert_eq!(report.element("ZVA"), Some("01"));
}

// ----------------------------------------------------------------------------------------------
// Every version, US and Canadian
// ----------------------------------------------------------------------------------------------

#[test]
fn v10_annex_d_sample() {
    let report = parse(ANNEX_D).unwrap();
    assert_eq!(report.version, 10);
    assert_eq!(report.iin, "636000");
    assert_eq!(report.jurisdiction.as_deref(), Some("VA"));
    assert_eq!(report.jurisdiction_version, Some(1));
    assert_eq!(report.file_type, FileType::Ansi);
    assert_annex_d_fields(&report);
    assert_eq!(
        report.fields.family_name_truncation,
        Some(Truncation::NotTruncated)
    );
    assert_eq!(
        report.fields.document_type,
        Some(SubfileType::DriverLicence)
    );
    assert_eq!(report.fields.date_format, Some(DateOrder::MonthDayYear));
    assert_eq!(report.element("DAK"), Some("232690000  "));
    assert_eq!(report.subfiles.len(), 2);
    assert_eq!(report.subfiles[0].kind, SubfileType::DriverLicence);
    assert_eq!(
        (report.subfiles[0].offset, report.subfiles[0].length),
        (41, 278)
    );
    assert_eq!(report.subfiles[1].kind, SubfileType::Jurisdiction(b'V'));
    assert_eq!(
        (report.subfiles[1].offset, report.subfiles[1].length),
        (319, 8)
    );
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn report_serialises_to_the_documented_json() {
    let json = serde_json::to_value(parse(ANNEX_D).unwrap()).unwrap();
    assert_eq!(json["version"], 10);
    assert_eq!(json["jurisdiction"], "VA");
    assert_eq!(json["iin"], "636000");
    assert_eq!(json["jurisdiction_version"], 1);
    let fields = &json["fields"];
    for key in [
        "family_name",
        "first_name",
        "middle_names",
        "birth_date",
        "issue_date",
        "expiry_date",
        "document_number",
        "sex",
        "street",
        "city",
        "state",
        "postal_code",
        "country",
    ] {
        assert!(fields.get(key).is_some(), "fields.{key} missing");
    }
    assert_eq!(fields["birth_date"], "1986-06-06");
    assert_eq!(fields["expiry_date"], "2024-12-10");
    assert_eq!(fields["sex"], "M");
    assert_eq!(fields["family_name_truncation"], "not_truncated");
    assert_eq!(fields["date_format"], "MMDDCCYY");
    assert_eq!(json["elements"]["DAQ"], "T64235789");
    assert_eq!(json["elements"]["ZVA"], "01");
    assert_eq!(json["subfiles"][0]["type"], "DL");
    assert_eq!(json["subfiles"][1]["type"], "ZV");
    assert_eq!(json["warnings"], serde_json::json!([]));
    let missing =
        serde_json::to_value(parse(&ANNEX_D.replace("DBB06061986", "DBB99999999")).unwrap())
            .unwrap();
    assert_eq!(missing["fields"]["birth_date"], serde_json::Value::Null);
    assert_eq!(missing["warnings"][0]["code"], "invalid_date");
    assert!(
        missing["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("DBB")
    );
}

#[test]
fn v01_connecticut_style_aamva_file_type_without_subfile_prefix() {
    let text = build(
        "AAMVA",
        "636006",
        "01",
        None,
        &[(
            "DL",
            false,
            &[
                "DAAMOTORIST,MICHAEL,G",
                "DAG12 MAIN AVE",
                "DAIWEST HAVEN",
                "DAJCT",
                "DAK06516      ",
                "DAQ025995434",
                "DARD   ",
                "DBA20230204",
                "DBB19610204",
                "DBC1",
                "DBD20161114",
                "DAU504",
            ],
        )],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.version, 1);
    assert_eq!(report.file_type, FileType::Aamva);
    assert_eq!(report.jurisdiction_version, None);
    assert_eq!(report.jurisdiction.as_deref(), Some("CT"));
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("MOTORIST"));
    assert_eq!(f.first_name.as_deref(), Some("MICHAEL"));
    assert_eq!(f.middle_names.as_deref(), Some("G"));
    assert_eq!(f.birth_date, date(1961, 2, 4));
    assert_eq!(f.issue_date, date(2016, 11, 14));
    assert_eq!(f.expiry_date, date(2023, 2, 4));
    assert_eq!(f.postal_code.as_deref(), Some("06516"));
    assert_eq!(f.country.as_deref(), Some("USA"));
    assert_eq!(f.date_format, Some(DateOrder::YearMonthDay));
    // Version 01 has no DCG: the country is inferred, and that is the only note.
    assert_eq!(codes(&report), vec![WarningCode::CountryInferred]);
}

#[test]
fn v01_ansi_with_prefix_dollar_names_and_z_subfile() {
    let text = build(
        "ANSI ",
        "636015",
        "01",
        None,
        &[
            (
                "DL",
                true,
                &[
                    "DAAPUBLIC$JOHN$QUINCY$JR",
                    "DAG1 ELM ST",
                    "DAIAUSTIN",
                    "DAJTX",
                    "DAK787010000",
                    "DAQ12345678",
                    "DBA20300101",
                    "DBB19800229",
                    "DBC2",
                    "DBD20220101",
                ],
            ),
            ("ZT", true, &["ZTAXYZ", "ZTB"]),
        ],
    );
    let report = parse(&text).unwrap();
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("PUBLIC"));
    assert_eq!(f.first_name.as_deref(), Some("JOHN"));
    assert_eq!(f.middle_names.as_deref(), Some("QUINCY"));
    assert_eq!(f.name_suffix.as_deref(), Some("JR"));
    assert_eq!(f.birth_date, date(1980, 2, 29));
    assert_eq!(f.sex, Some(Sex::Female));
    assert_eq!(f.postal_code.as_deref(), Some("78701"));
    assert_eq!(report.element("ZTA"), Some("XYZ"));
    assert_eq!(report.element("ZTB"), Some(""));
    assert_eq!(codes(&report), vec![WarningCode::CountryInferred]);
}

#[test]
fn v01_separate_name_elements_take_precedence() {
    let text = build(
        "ANSI ",
        "636001",
        "01",
        None,
        &[(
            "DL",
            true,
            &[
                "DABDOE",
                "DACJANE",
                "DADANN MARIE",
                "DAQ1",
                "DAG1 A ST",
                "DAIALBANY",
                "DAJNY",
                "DAK12207",
                "DBA20300101",
                "DBB19900101",
                "DBC2",
                "DBD20200101",
            ],
        )],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.fields.family_name.as_deref(), Some("DOE"));
    assert_eq!(report.fields.first_name.as_deref(), Some("JANE"));
    assert_eq!(report.fields.middle_names.as_deref(), Some("ANN MARIE"));
    assert_eq!(codes(&report), vec![WarningCode::CountryInferred]);
}

#[test]
fn v01_full_name_without_separators_is_a_guess() {
    let text = build(
        "ANSI ",
        "636001",
        "01",
        None,
        &[("DL", true, &["DAAJANE ANN DOE", "DAQ1", "DBB19900101"])],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.fields.family_name.as_deref(), Some("DOE"));
    assert_eq!(report.fields.first_name.as_deref(), Some("JANE"));
    assert!(report.has_warning(WarningCode::NameOrderGuessed));
    assert!(report.has_warning(WarningCode::MissingMandatoryElement));
}

#[test]
fn v01_canadian_licence() {
    let text = build(
        "ANSI ",
        "636013",
        "01",
        None,
        &[(
            "DL",
            true,
            &[
                "DAQ123456789",
                "DAAMACDONALD,ISLA,FIONA",
                "DAG1 SPRING GARDEN RD",
                "DAIHALIFAX",
                "DAJNS",
                "DAKB3H 1A1",
                "DBA20290315",
                "DBB19990315",
                "DBC2",
                "DBD20240315",
            ],
        )],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.jurisdiction.as_deref(), Some("NS"));
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("MACDONALD"));
    assert_eq!(f.first_name.as_deref(), Some("ISLA"));
    assert_eq!(f.middle_names.as_deref(), Some("FIONA"));
    assert_eq!(f.birth_date, date(1999, 3, 15));
    assert_eq!(f.postal_code.as_deref(), Some("B3H 1A1"));
    assert_eq!(f.country.as_deref(), Some("CAN"));
    assert_eq!(codes(&report), vec![WarningCode::CountryInferred]);
}

#[test]
fn version_00_is_read_with_version_01_rules() {
    let text = build(
        "ANSI ",
        "636001",
        "00",
        None,
        &[("DL", true, &["DAAROE,RICHARD", "DAQ9", "DBB19700102"])],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.version, 0);
    assert!(report.has_warning(WarningCode::UnsupportedVersion));
    assert_eq!(report.fields.birth_date, date(1970, 1, 2));
}

#[test]
fn two_letter_country_is_written_as_alpha_3() {
    let report = parse(&ANNEX_D.replacen("DCGUSA", "DCGUS ", 1)).unwrap();
    assert_eq!(report.fields.country.as_deref(), Some("USA"));
    assert_eq!(report.element("DCG"), Some("US "));
}

#[test]
fn line_break_after_the_designators() {
    let text = ANNEX_D.replacen("ZV03190008DL", "ZV03190008\nDL", 1);
    let report = assert_repaired(&text, &[WarningCode::SubfileOffsetRepaired]);
    assert_eq!(report.subfiles[0].offset, 42);
}

const V02_US: &[(&str, &str)] = &[
    ("DCA", "C"),
    ("DCB", "NONE"),
    ("DCD", "NONE"),
    ("DBA", "08312027"),
    ("DCS", "NGUYEN"),
    ("DCT", "ANH,THI MAI"),
    ("DBD", "09012019"),
    ("DBB", "08311975"),
    ("DBC", "2"),
    ("DAY", "BRO"),
    ("DAU", "062 in"),
    ("DAG", "500 MAIN ST"),
    ("DAI", "HOUSTON"),
    ("DAJ", "TX"),
    ("DAK", "770020000"),
    ("DAQ", "04123456"),
    ("DCF", "12345678901234567890"),
    ("DCG", "USA"),
];

#[test]
fn v02_us_given_names_in_dct() {
    let text = payload(
        2,
        "636015",
        vec![(SubfileType::DriverLicence, V02_US.to_vec())],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.version, 2);
    assert_eq!(report.jurisdiction.as_deref(), Some("TX"));
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("NGUYEN"));
    assert_eq!(f.first_name.as_deref(), Some("ANH"));
    assert_eq!(f.middle_names.as_deref(), Some("THI MAI"));
    assert_eq!(f.birth_date, date(1975, 8, 31));
    assert_eq!(f.expiry_date, date(2027, 8, 31));
    assert_eq!(f.postal_code.as_deref(), Some("77002"));
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn v03_ontario_fixed_width_padding_and_canadian_dates() {
    let elements = vec![
        ("DCA", "G   "),
        ("DCB", "NONE      "),
        ("DCD", "NONE "),
        ("DBA", "20280603"),
        ("DCS", "TESTER,                    "),
        ("DCT", "MARY,ANN                   "),
        ("DBD", "20230607"),
        ("DBB", "19960603"),
        ("DBC", "2"),
        ("DAY", "NONE"),
        ("DAU", "170 CM"),
        ("DAG", "123 ST GEORGE ST E,        "),
        ("DAI", "FERGUS         "),
        ("DAJ", "ON"),
        ("DAK", "N1M 3J6    "),
        ("DAQ", "S9244-43879-65702"),
        ("DCF", "DV1539283"),
        ("DCG", "CAN"),
    ];
    let text = payload(3, "636012", vec![(SubfileType::DriverLicence, elements)]);
    let report = parse(&text).unwrap();
    assert_eq!(report.jurisdiction.as_deref(), Some("ON"));
    let f = &report.fields;
    assert_eq!(f.family_name.as_deref(), Some("TESTER"));
    assert_eq!(f.first_name.as_deref(), Some("MARY"));
    assert_eq!(f.middle_names.as_deref(), Some("ANN"));
    assert_eq!(f.birth_date, date(1996, 6, 3));
    assert_eq!(f.expiry_date, date(2028, 6, 3));
    assert_eq!(f.postal_code.as_deref(), Some("N1M 3J6"));
    assert_eq!(f.country.as_deref(), Some("CAN"));
    assert_eq!(f.date_format, Some(DateOrder::YearMonthDay));
    assert_eq!(f.city.as_deref(), Some("FERGUS"));
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

fn v04_plus_us(version: u8, iin: &str, state: &str) -> Vec<(&'static str, String)> {
    vec![
        ("DCA", "D".into()),
        ("DCB", "NONE".into()),
        ("DCD", "NONE".into()),
        ("DBA", "07072030".into()),
        ("DCS", "SMITH".into()),
        ("DAC", "ROBERT".into()),
        ("DAD", "LOWNEY,JAMES".into()),
        ("DBD", "06292022".into()),
        ("DBB", "07071977".into()),
        ("DBC", "1".into()),
        ("DAY", "BLU".into()),
        ("DAU", "072 IN".into()),
        ("DAG", "123 MAIN STREET".into()),
        ("DAI", "SPRINGFIELD".into()),
        ("DAJ", state.into()),
        ("DAK", "021080000".into()),
        ("DAQ", format!("S{version:02}{iin}")),
        ("DCF", "06292022REV".into()),
        ("DCG", "USA".into()),
        ("DDE", "N".into()),
        ("DDF", "N".into()),
        ("DDG", "N".into()),
    ]
}

fn v04_plus_canada(version: u8, state: &str) -> Vec<(&'static str, String)> {
    vec![
        ("DCA", "5".into()),
        ("DCB", "NONE".into()),
        ("DCD", "NONE".into()),
        ("DBA", "20310115".into()),
        ("DCS", "TREMBLAY".into()),
        ("DAC", "ÉLODIE".into()),
        ("DAD", "NONE".into()),
        ("DBD", "20230115".into()),
        ("DBB", "19881224".into()),
        ("DBC", "F".into()),
        ("DAY", "GRN".into()),
        ("DAU", "165 cm".into()),
        ("DAG", "1 RUE PRINCIPALE".into()),
        ("DAI", "SHERBROOKE".into()),
        ("DAJ", state.into()),
        ("DAK", "j1h5n4".into()),
        ("DAQ", format!("T{version:02}")),
        ("DCF", "ABC123".into()),
        ("DCG", "CAN".into()),
        ("DDE", "N".into()),
        ("DDF", "N".into()),
        ("DDG", "N".into()),
    ]
}

fn owned<'a>(elements: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    elements
        .iter()
        .map(|(id, value)| (*id, value.as_str()))
        .collect()
}

#[test]
fn v04_to_v10_us_licences_with_z_subfiles() {
    for (version, iin, state) in [
        (4u8, "636002", "MA"),
        (5, "636045", "WA"),
        (6, "636010", "FL"),
        (7, "636035", "IL"),
        (8, "636014", "CA"),
        (9, "636015", "TX"),
        (10, "636001", "NY"),
    ] {
        let elements = v04_plus_us(version, iin, state);
        let z = SubfileType::Jurisdiction(state.as_bytes()[0]);
        let z_id = format!("Z{}A", char::from(state.as_bytes()[0]));
        let text = payload(
            version,
            iin,
            vec![
                (SubfileType::DriverLicence, owned(&elements)),
                (z, vec![(z_id.as_str(), "EXTRA")]),
            ],
        );
        let report = parse(&text).unwrap();
        assert_eq!(report.version, version);
        assert_eq!(report.jurisdiction.as_deref(), Some(state));
        let f = &report.fields;
        assert_eq!(f.family_name.as_deref(), Some("SMITH"));
        assert_eq!(f.first_name.as_deref(), Some("ROBERT"));
        assert_eq!(f.middle_names.as_deref(), Some("LOWNEY JAMES"));
        assert_eq!(f.birth_date, date(1977, 7, 7));
        assert_eq!(f.issue_date, date(2022, 6, 29));
        assert_eq!(f.expiry_date, date(2030, 7, 7));
        assert_eq!(f.sex, Some(Sex::Male));
        assert_eq!(f.postal_code.as_deref(), Some("02108"));
        assert_eq!(f.document_number, Some(format!("S{version:02}{iin}")));
        assert_eq!(report.element(&z_id), Some("EXTRA"));
        assert_eq!(report.subfiles[1].kind, z);
        assert!(
            report.warnings.is_empty(),
            "v{version}: {:#?}",
            report.warnings
        );
    }
}

#[test]
fn v05_to_v10_canadian_id_cards() {
    for (version, iin, state) in [
        (5u8, "636028", "BC"),
        (6, "604432", "AB"),
        (7, "604428", "QC"),
        (8, "636013", "NS"),
        (9, "636044", "SK"),
        (10, "636048", "MB"),
    ] {
        let elements = v04_plus_canada(version, state);
        let elements: Vec<_> = owned(&elements)
            .into_iter()
            .filter(|(id, _)| !matches!(*id, "DCA" | "DCB" | "DCD"))
            .collect();
        let text = payload(version, iin, vec![(SubfileType::IdCard, elements)]);
        let report = parse(&text).unwrap();
        assert_eq!(report.jurisdiction.as_deref(), Some(state));
        let f = &report.fields;
        assert_eq!(f.document_type, Some(SubfileType::IdCard));
        assert_eq!(f.family_name.as_deref(), Some("TREMBLAY"));
        assert_eq!(f.first_name.as_deref(), Some("ÉLODIE"));
        assert_eq!(f.middle_names, None);
        assert_eq!(f.birth_date, date(1988, 12, 24));
        assert_eq!(f.expiry_date, date(2031, 1, 15));
        assert_eq!(f.sex, Some(Sex::Female));
        assert_eq!(f.postal_code.as_deref(), Some("J1H 5N4"));
        assert_eq!(f.country.as_deref(), Some("CAN"));
        assert!(
            report.warnings.is_empty(),
            "v{version}: {:#?}",
            report.warnings
        );
    }
}

#[test]
fn v04_canadian_licence_without_dcg_infers_country_from_iin() {
    let mut elements = v04_plus_canada(4, "NB");
    elements.retain(|(id, _)| *id != "DCG");
    let text = payload(
        4,
        "636017",
        vec![(SubfileType::DriverLicence, owned(&elements))],
    );
    let report = parse(&text).unwrap();
    assert_eq!(report.fields.country.as_deref(), Some("CAN"));
    assert_eq!(report.fields.birth_date, date(1988, 12, 24));
    assert!(report.has_warning(WarningCode::CountryInferred));
    assert!(report.has_warning(WarningCode::MissingMandatoryElement));
}

// ----------------------------------------------------------------------------------------------
// Damaged scans
// ----------------------------------------------------------------------------------------------

fn assert_repaired(text: &str, expected: &[WarningCode]) -> AamvaReport {
    let report = parse(text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
    assert_annex_d_fields(&report);
    for code in expected {
        assert!(
            report.has_warning(*code),
            "{code:?} not in {:#?}",
            report.warnings
        );
    }
    report
}

#[test]
fn leading_whitespace_and_garbage_are_skipped() {
    let report = assert_repaired(
        &format!("  \t{ANNEX_D}"),
        &[WarningCode::LeadingDataSkipped],
    );
    assert!(report.warnings[0].message.contains("whitespace"));
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.subfiles[0].offset, 44);
    let report = assert_repaired(
        &format!("]L0xyz{ANNEX_D}"),
        &[WarningCode::LeadingDataSkipped],
    );
    assert_eq!(report.warnings.len(), 1);
}

#[test]
fn record_separator_turned_into_line_feed() {
    let report = assert_repaired(
        &ANNEX_D.replacen("@\n\x1e\r", "@\n\n\r", 1),
        &[WarningCode::HeaderRepaired],
    );
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.contains("LF LF CR"));
}

#[test]
fn separators_collapsed_to_cr_lf() {
    let report = assert_repaired(
        &ANNEX_D.replacen("@\n\x1e\r", "@\r\n", 1),
        &[WarningCode::HeaderRepaired],
    );
    // The offsets count from where '@' should be, so the shorter header shifts nothing.
    assert!(!report.has_warning(WarningCode::SubfileOffsetRepaired));
}

#[test]
fn separators_dropped_entirely() {
    let report = assert_repaired(
        &ANNEX_D.replacen("@\n\x1e\r", "@", 1),
        &[WarningCode::HeaderRepaired],
    );
    assert!(!report.has_warning(WarningCode::SubfileOffsetRepaired));
}

#[test]
fn compliance_indicator_missing() {
    assert_repaired(
        &ANNEX_D.replacen('@', "", 1),
        &[WarningCode::HeaderRepaired],
    );
}

#[test]
fn separators_turned_into_spaces() {
    assert_repaired(
        &ANNEX_D.replacen("@\n\x1e\r", "@   ", 1),
        &[WarningCode::HeaderRepaired],
    );
}

#[test]
fn every_separator_turned_into_spaces() {
    let text = ANNEX_D.replace(['\n', '\x1e', '\r'], " ");
    let report = assert_repaired(
        &text,
        &[
            WarningCode::HeaderRepaired,
            WarningCode::MissingSegmentTerminator,
        ],
    );
    assert_eq!(report.element("DAG"), Some("2300 WEST BROAD STREET"));
}

#[test]
fn every_separator_turned_into_pipes() {
    let text = ANNEX_D.replace(['\n', '\x1e', '\r'], "|");
    assert_repaired(
        &text,
        &[
            WarningCode::HeaderRepaired,
            WarningCode::MissingSegmentTerminator,
        ],
    );
}

#[test]
fn crlf_line_endings() {
    let text = ANNEX_D.replace('\n', "\r\n");
    let report = assert_repaired(
        &text,
        &[
            WarningCode::LineEndingsNormalised,
            WarningCode::HeaderRepaired,
            WarningCode::SubfileOffsetRepaired,
        ],
    );
    assert_eq!(report.element("DCS"), Some("SAMPLE"));
}

#[test]
fn line_feeds_instead_of_carriage_returns() {
    let text = ANNEX_D.replace('\r', "\n");
    assert_repaired(
        &text,
        &[
            WarningCode::HeaderRepaired,
            WarningCode::MissingSegmentTerminator,
        ],
    );
}

#[test]
fn ansi_without_space() {
    let text = ANNEX_D.replacen("ANSI ", "ANSI", 1);
    let report = assert_repaired(&text, &[WarningCode::HeaderRepaired]);
    assert!(!report.has_warning(WarningCode::SubfileOffsetRepaired));
}

#[test]
fn wrong_offsets_are_found_by_scanning() {
    let text = ANNEX_D.replacen("DL00410278ZV03190008", "DL00000367ZV09990008", 1);
    let report = assert_repaired(&text, &[WarningCode::SubfileOffsetRepaired]);
    assert_eq!(report.subfiles[0].offset, 41);
    assert_eq!(report.subfiles[1].offset, 319);
}

#[test]
fn wrong_lengths_are_reported() {
    let text = ANNEX_D.replacen("DL00410278", "DL00410300", 1);
    assert_repaired(&text, &[WarningCode::SubfileLengthMismatch]);
}

#[test]
fn wrong_entry_count() {
    let text = ANNEX_D.replacen("636000100102", "636000100100", 1);
    assert_repaired(&text, &[WarningCode::DesignatorsRepaired]);
    let text = ANNEX_D.replacen("636000100102", "636000100101", 1);
    let report = assert_repaired(&text, &[WarningCode::DesignatorsRepaired]);
    assert_eq!(report.subfiles.len(), 2);
}

#[test]
fn unreadable_designators() {
    let text = ANNEX_D.replacen("DL00410278ZV03190008", "DL00x10278ZV03190008", 1);
    let report = assert_repaired(&text, &[WarningCode::DesignatorsRepaired]);
    assert_eq!(report.subfiles.len(), 2);
}

#[test]
fn version_01_header_with_jurisdiction_version_and_the_reverse() {
    let text = ANNEX_D.replacen("636000100102", "636000010002", 1);
    let report = parse(&text).unwrap();
    assert_eq!(report.version, 1);
    assert!(report.has_warning(WarningCode::HeaderRepaired));
    assert_eq!(report.fields.family_name.as_deref(), Some("SAMPLE"));
    let text = ANNEX_D.replacen("636000100102", "6360001002", 1);
    let report = parse(&text).unwrap();
    assert_eq!(report.version, 10);
    assert_eq!(report.jurisdiction_version, None);
    assert!(report.has_warning(WarningCode::HeaderRepaired));
    assert_annex_d_fields(&report);
}

#[test]
fn missing_trailing_terminator() {
    let text = ANNEX_D.strip_suffix('\r').unwrap();
    assert_repaired(
        text,
        &[
            WarningCode::MissingSegmentTerminator,
            WarningCode::PayloadTruncated,
        ],
    );
}

#[test]
fn trailing_newline_from_a_scanner_is_harmless() {
    let report = parse(&format!("{ANNEX_D}\n")).unwrap();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn cut_off_scan() {
    let cut = ANNEX_D.find("DAG").unwrap();
    let report = parse(&ANNEX_D[..cut]).unwrap();
    assert_eq!(report.fields.family_name.as_deref(), Some("SAMPLE"));
    assert_eq!(report.fields.street, None);
    assert!(report.has_warning(WarningCode::PayloadTruncated));
    assert!(report.has_warning(WarningCode::SubfileMissing));
    assert!(report.has_warning(WarningCode::MissingMandatoryElement));
}

#[test]
fn unknown_malformed_and_duplicate_elements() {
    let text = payload(
        10,
        "636000",
        vec![(
            SubfileType::DriverLicence,
            vec![("DAQ", "1"), ("DXY", "odd"), ("DCS", "DOE"), ("DAC", "JO")],
        )],
    )
    .replace("DXYodd", "DXYodd\nbad piece\nDCSROE");
    let report = parse(&text).unwrap();
    assert_eq!(report.element("DXY"), Some("odd"));
    assert_eq!(report.fields.family_name.as_deref(), Some("ROE"));
    assert!(report.has_warning(WarningCode::UnknownElement));
    assert!(report.has_warning(WarningCode::MalformedElement));
    assert!(report.has_warning(WarningCode::DuplicateElement));
}

#[test]
fn latin1_bytes() {
    let mut bytes = ANNEX_D.as_bytes().to_vec();
    let at = ANNEX_D.find("SAMPLE").unwrap();
    bytes[at + 1] = 0xC4; // Ä in Latin-1, same length as 'A'
    let report = parse_bytes(&bytes).unwrap();
    assert_eq!(report.fields.family_name.as_deref(), Some("SÄMPLE"));
    assert!(report.has_warning(WarningCode::Latin1Decoded));
    assert!(!report.has_warning(WarningCode::SubfileLengthMismatch));
}

#[test]
fn unsupported_versions_are_read() {
    let report = parse(&ANNEX_D.replacen("636000100102", "636000110102", 1)).unwrap();
    assert_eq!(report.version, 11);
    assert!(report.has_warning(WarningCode::UnsupportedVersion));
    assert_annex_d_fields(&report);
}

// ----------------------------------------------------------------------------------------------
// Names, truncation, sex, dates, jurisdiction
// ----------------------------------------------------------------------------------------------

#[test]
fn truncation_flags() {
    let text = ANNEX_D
        .replacen("DDEN", "DDET", 1)
        .replacen("DDFN", "DDFU", 1)
        .replacen("DDGN", "DDGQ", 1);
    let report = parse(&text).unwrap();
    assert_eq!(
        report.fields.family_name_truncation,
        Some(Truncation::Truncated)
    );
    assert_eq!(
        report.fields.first_name_truncation,
        Some(Truncation::Unknown)
    );
    assert_eq!(report.fields.middle_names_truncation, None);
    assert_eq!(
        codes(&report),
        vec![WarningCode::NameTruncated, WarningCode::InvalidValue]
    );
}

#[test]
fn sex_codes() {
    for (code, sex) in [
        ("1", Some(Sex::Male)),
        ("M", Some(Sex::Male)),
        ("2", Some(Sex::Female)),
        ("F", Some(Sex::Female)),
        ("9", Some(Sex::Unspecified)),
        ("X", Some(Sex::Unspecified)),
        ("0", None),
    ] {
        let report = parse(&ANNEX_D.replacen("DBC1", &format!("DBC{code}"), 1)).unwrap();
        assert_eq!(report.fields.sex, sex, "DBC{code}");
        assert_eq!(report.has_warning(WarningCode::InvalidValue), sex.is_none());
    }
}

#[test]
fn us_document_with_year_first_date() {
    let report = parse(&ANNEX_D.replacen("DBB06061986", "DBB19860607", 1)).unwrap();
    assert_eq!(report.fields.birth_date, date(1986, 6, 7));
    assert_eq!(codes(&report), vec![WarningCode::DateFormatMismatch]);
}

#[test]
fn canadian_document_with_month_first_date() {
    let elements = v04_plus_canada(10, "ON");
    let text = payload(
        10,
        "636012",
        vec![(SubfileType::DriverLicence, owned(&elements))],
    )
    .replacen("DBB19881224", "DBB12241988", 1);
    let report = parse(&text).unwrap();
    assert_eq!(report.fields.birth_date, date(1988, 12, 24));
    assert_eq!(codes(&report), vec![WarningCode::DateFormatMismatch]);
}

#[test]
fn unknown_country_makes_dates_ambiguous() {
    let text = ANNEX_D
        .replacen("636000", "999999", 1)
        .replacen("DCGUSA\n", "", 1)
        .replacen("DAJVA", "DAJXX", 1)
        .replacen("DL00410278ZV03190008", "DL00410271ZV03120008", 1);
    let report = parse(&text).unwrap();
    assert_eq!(report.jurisdiction.as_deref(), Some("XX"));
    assert_eq!(report.fields.country, None);
    assert_eq!(report.fields.birth_date, date(1986, 6, 6));
    assert_eq!(report.fields.date_format, Some(DateOrder::MonthDayYear));
    let ambiguous = report
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::DateAmbiguous)
        .count();
    assert_eq!(ambiguous, 3);
    assert!(report.has_warning(WarningCode::UnknownIin));
    assert!(report.has_warning(WarningCode::MissingMandatoryElement));
    assert!(
        !report.has_warning(WarningCode::SubfileLengthMismatch),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn dates_with_separators_and_invalid_dates() {
    let text = ANNEX_D
        .replacen("DBB06061986", "DBB06/06/1986", 1)
        .replacen("DBA12102024", "DBA02302024", 1)
        .replacen("DBD06062019", "DBDSOON", 1);
    let report = parse(&text).unwrap();
    assert_eq!(report.fields.birth_date, date(1986, 6, 6));
    assert_eq!(report.fields.expiry_date, None);
    assert_eq!(report.fields.issue_date, None);
    assert_eq!(
        codes(&report)
            .iter()
            .filter(|c| **c == WarningCode::InvalidDate)
            .count(),
        2
    );
}

#[test]
fn jurisdiction_mismatch() {
    let report = parse(&ANNEX_D.replacen("DAJVA", "DAJMD", 1)).unwrap();
    assert_eq!(report.jurisdiction.as_deref(), Some("VA"));
    assert_eq!(report.fields.state.as_deref(), Some("MD"));
    assert_eq!(codes(&report), vec![WarningCode::JurisdictionMismatch]);
}

// ----------------------------------------------------------------------------------------------
// Garbage
// ----------------------------------------------------------------------------------------------

#[test]
fn garbage_is_a_clear_error() {
    for input in [
        "",
        "   ",
        "hello world",
        "@",
        "@\n\x1e\r",
        "@\n\x1e\rANSI ",
        "ANSI 63600",
        "%B6360001234^DOE$JOHN^?",
    ] {
        let error = parse(input).unwrap_err();
        assert!(
            matches!(error, AamvaError::NotAamva { .. }),
            "{input:?}: {error}"
        );
        let message = error.to_string();
        assert!(
            message.contains("expected") && message.contains("found"),
            "{message}"
        );
    }
    let error = parse("@\n\x1e\rANSI 636000").unwrap_err();
    assert!(
        matches!(error, AamvaError::BadHeader { at: 15, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("version"));
    let error = parse("@\n\x1e\rANSI 6360001001").unwrap_err();
    assert!(matches!(error, AamvaError::NoSubfiles { .. }), "{error}");
    let error = parse("@\n\x1e\rANSI 636000100101DL00310010 hello \r").unwrap_err();
    assert!(
        matches!(error, AamvaError::NoSubfiles { declared: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("no subfiles"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic xorshift over bytes biased towards the header's alphabet.
    let alphabet = b"@\n\x1e\r ANSIDLZV0123456789DAQDCSAAMVA|\xff\xc3";
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for length in 0..400 {
        let mut bytes = Vec::with_capacity(length);
        for _ in 0..length {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let _ = parse_bytes(&bytes);
        let mut prefixed = ANNEX_D.as_bytes()[..(length % ANNEX_D.len())].to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = parse_bytes(&prefixed);
        if let Ok(text) = std::str::from_utf8(&prefixed) {
            let _ = parse(text);
        }
    }
    for cut in 0..=ANNEX_D.len() {
        let _ = parse(&ANNEX_D[..cut]);
        let _ = parse(&ANNEX_D[cut..]);
    }
}

// ----------------------------------------------------------------------------------------------
// Writer
// ----------------------------------------------------------------------------------------------

#[test]
fn writer_reproduces_the_annex_d_sample_exactly() {
    let body = ANNEX_D.split_once("DLDAQ").unwrap().1;
    let (dl, _) = body.split_once('\r').unwrap();
    let mut elements: Vec<(String, String)> = Vec::new();
    for (index, piece) in dl.split('\n').enumerate() {
        let piece = if index == 0 {
            format!("DAQ{piece}")
        } else {
            piece.to_owned()
        };
        elements.push((piece[..3].to_owned(), piece[3..].to_owned()));
    }
    let text = write(&AamvaPayload {
        iin: "636000".into(),
        version: 10,
        jurisdiction_version: 1,
        subfiles: vec![
            SubfileData {
                kind: SubfileType::DriverLicence,
                elements,
            },
            SubfileData {
                kind: SubfileType::Jurisdiction(b'V'),
                elements: vec![("ZVA".into(), "01".into())],
            },
        ],
    })
    .unwrap();
    assert_eq!(text, ANNEX_D);
}

#[test]
fn writer_rejects_what_it_cannot_write() {
    let good = SubfileData {
        kind: SubfileType::DriverLicence,
        elements: vec![("DAQ".into(), "1".into())],
    };
    let base = AamvaPayload {
        iin: "636000".into(),
        version: 10,
        jurisdiction_version: 0,
        subfiles: vec![good.clone()],
    };
    assert!(write(&base).is_ok());
    type Expect = fn(&WriteError) -> bool;
    let cases: Vec<(AamvaPayload, Expect)> = vec![
        (
            AamvaPayload {
                version: 1,
                ..base.clone()
            },
            |e| matches!(e, WriteError::UnsupportedVersion(1)),
        ),
        (
            AamvaPayload {
                version: 11,
                ..base.clone()
            },
            |e| matches!(e, WriteError::UnsupportedVersion(11)),
        ),
        (
            AamvaPayload {
                jurisdiction_version: 100,
                ..base.clone()
            },
            |e| matches!(e, WriteError::InvalidJurisdictionVersion(100)),
        ),
        (
            AamvaPayload {
                iin: "63600".into(),
                ..base.clone()
            },
            |e| matches!(e, WriteError::InvalidIin(_)),
        ),
        (
            AamvaPayload {
                subfiles: vec![],
                ..base.clone()
            },
            |e| matches!(e, WriteError::SubfileCount(0)),
        ),
        (
            AamvaPayload {
                subfiles: vec![SubfileData {
                    kind: SubfileType::DriverLicence,
                    elements: vec![("daq".into(), "1".into())],
                }],
                ..base.clone()
            },
            |e| matches!(e, WriteError::InvalidElementId { .. }),
        ),
        (
            AamvaPayload {
                subfiles: vec![SubfileData {
                    kind: SubfileType::DriverLicence,
                    elements: vec![("DAQ".into(), "1".into()), ("DAQ".into(), "2".into())],
                }],
                ..base.clone()
            },
            |e| matches!(e, WriteError::DuplicateElement { .. }),
        ),
        (
            AamvaPayload {
                subfiles: vec![SubfileData {
                    kind: SubfileType::DriverLicence,
                    elements: vec![("DAQ".into(), "1\n2".into())],
                }],
                ..base.clone()
            },
            |e| matches!(e, WriteError::SeparatorInValue { .. }),
        ),
        (
            AamvaPayload {
                subfiles: vec![SubfileData {
                    kind: SubfileType::DriverLicence,
                    elements: vec![],
                }],
                ..base.clone()
            },
            |e| matches!(e, WriteError::EmptySubfile { .. }),
        ),
        (
            AamvaPayload {
                subfiles: vec![SubfileData {
                    kind: SubfileType::DriverLicence,
                    elements: vec![("DAQ".into(), "x".repeat(10_000))],
                }],
                ..base.clone()
            },
            |e| matches!(e, WriteError::TooLong { .. }),
        ),
    ];
    for (payload, expected) in cases {
        let error = write(&payload).unwrap_err();
        assert!(expected(&error), "{error}");
    }
}
