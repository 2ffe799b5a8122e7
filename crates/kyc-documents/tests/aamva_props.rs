//! Property tests: payloads written from generated cardholders read back to the same fields,
//! clean or with random scanner damage, and no input makes the parser panic.

use kyc_documents::aamva::{
    AamvaPayload, DateOrder, Sex, SubfileData, SubfileType, WarningCode, format_date, parse,
    parse_bytes, write,
};
use proptest::prelude::*;
use time::{Date, Month};

#[derive(Clone, Debug)]
struct Cardholder {
    version: u8,
    iin: &'static str,
    state: &'static str,
    canadian: bool,
    family: String,
    first: String,
    middle: Vec<String>,
    birth: Date,
    issue: Date,
    expiry: Date,
    number: String,
    sex: Sex,
    street: String,
    city: String,
    postal: String,
    id_card: bool,
    z_subfile: bool,
}

const ISSUERS: &[(&str, &str, bool)] = &[
    ("636000", "VA", false),
    ("636014", "CA", false),
    ("636015", "TX", false),
    ("636001", "NY", false),
    ("636045", "WA", false),
    ("636012", "ON", true),
    ("636028", "BC", true),
    ("604428", "QC", true),
    ("604432", "AB", true),
];

fn name() -> impl Strategy<Value = String> {
    // Letters, apostrophes, hyphens, inner spaces and accented capitals; never the separators.
    "[A-Z][A-Z'ÉÈÖÑ-]{0,11}( [A-Z]{1,8})?"
}

fn a_date() -> impl Strategy<Value = Date> {
    (1900i32..2100, 1u8..=12, 1u8..=28).prop_map(|(year, month, day)| {
        Date::from_calendar_date(year, Month::try_from(month).unwrap_or(Month::January), day)
            .unwrap_or(Date::MIN)
    })
}

fn cardholder() -> impl Strategy<Value = Cardholder> {
    (
        (
            4u8..=10,
            0..ISSUERS.len(),
            name(),
            name(),
            prop::collection::vec(
                "[A-Z]{1,10}".prop_filter("not a placeholder", |w| {
                    !matches!(w.as_str(), "NONE" | "UNAVL" | "UNAVAIL" | "UNKNOWN")
                }),
                0..3,
            ),
        ),
        (a_date(), a_date(), a_date()),
        (
            "[A-Z0-9]{1,20}",
            prop_oneof![Just(Sex::Male), Just(Sex::Female), Just(Sex::Unspecified)],
        ),
        (
            "[1-9][0-9]{0,4} [A-Z]{1,12}( [A-Z]{2,6})?",
            "[A-Z]{1,12}( [A-Z]{1,8})?",
        ),
        ("[0-9]{5}", "[0-9]{4}", "[A-Z][0-9][A-Z][0-9][A-Z][0-9]"),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (version, issuer, family, first, middle),
                (birth, issue, expiry),
                (number, sex),
                (street, city),
                (zip, plus4, canadian_code),
                (id_card, z_subfile),
            )| {
                let (iin, state, canadian) = ISSUERS[issuer];
                let postal = if canadian {
                    format!("{} {}", &canadian_code[..3], &canadian_code[3..])
                } else if plus4 == "0000" {
                    zip
                } else {
                    format!("{zip}-{plus4}")
                };
                Cardholder {
                    version,
                    iin,
                    state,
                    canadian,
                    family,
                    first,
                    middle,
                    birth,
                    issue,
                    expiry,
                    number,
                    sex,
                    street,
                    city,
                    postal,
                    id_card,
                    z_subfile,
                }
            },
        )
}

/// The elements of a standard-conforming version 04-10 DL or ID subfile.
fn encode(card: &Cardholder) -> String {
    let order = if card.canadian {
        DateOrder::YearMonthDay
    } else {
        DateOrder::MonthDayYear
    };
    let sex = match card.sex {
        Sex::Male => "1",
        Sex::Female => "2",
        Sex::Unspecified => "9",
    };
    let middle = if card.middle.is_empty() {
        "NONE".to_owned()
    } else {
        card.middle.join(",")
    };
    let postal = if card.canadian {
        card.postal.clone()
    } else {
        // The standard's 11-character field: ZIP+4 (0000 when none) padded with spaces.
        format!(
            "{:<11}",
            card.postal.replace('-', "").to_owned()
                + if card.postal.len() == 5 { "0000" } else { "" }
        )
    };
    let mut elements: Vec<(&str, String)> = vec![("DAQ", card.number.clone())];
    if !card.id_card {
        elements.extend([
            ("DCA", "D".into()),
            ("DCB", "NONE".into()),
            ("DCD", "NONE".into()),
        ]);
    }
    elements.extend([
        ("DBA", format_date(card.expiry, order)),
        ("DCS", card.family.clone()),
        ("DAC", card.first.clone()),
        ("DAD", middle),
        ("DBD", format_date(card.issue, order)),
        ("DBB", format_date(card.birth, order)),
        ("DBC", sex.into()),
        ("DAY", "BRO".into()),
        ("DAU", "070 IN".into()),
        ("DAG", card.street.clone()),
        ("DAI", card.city.clone()),
        ("DAJ", card.state.into()),
        ("DAK", postal),
        ("DCF", "0123456789ABC".into()),
        ("DCG", if card.canadian { "CAN" } else { "USA" }.into()),
        ("DDE", "N".into()),
        ("DDF", "N".into()),
        ("DDG", "N".into()),
    ]);
    let kind = if card.id_card {
        SubfileType::IdCard
    } else {
        SubfileType::DriverLicence
    };
    let mut subfiles = vec![SubfileData {
        kind,
        elements: elements
            .into_iter()
            .map(|(id, value)| (id.to_owned(), value))
            .collect(),
    }];
    if card.z_subfile {
        let letter = card.state.as_bytes()[0];
        let id = format!("Z{}A", char::from(letter));
        subfiles.push(SubfileData {
            kind: SubfileType::Jurisdiction(letter),
            elements: vec![(id, "JURISDICTION DATA".into())],
        });
    }
    write(&AamvaPayload {
        iin: card.iin.into(),
        version: card.version,
        jurisdiction_version: 3,
        subfiles,
    })
    .expect("the generated cardholder is writable")
}

fn assert_same_fields(text: &str, card: &Cardholder) -> Result<(), TestCaseError> {
    let report = parse(text).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    let f = &report.fields;
    prop_assert_eq!(report.version, card.version);
    prop_assert_eq!(report.jurisdiction.as_deref(), Some(card.state));
    prop_assert_eq!(f.family_name.as_deref(), Some(card.family.as_str()));
    prop_assert_eq!(f.first_name.as_deref(), Some(card.first.as_str()));
    let middle = (!card.middle.is_empty()).then(|| card.middle.join(" "));
    prop_assert_eq!(&f.middle_names, &middle);
    prop_assert_eq!(f.birth_date, Some(card.birth));
    prop_assert_eq!(f.issue_date, Some(card.issue));
    prop_assert_eq!(f.expiry_date, Some(card.expiry));
    prop_assert_eq!(f.document_number.as_deref(), Some(card.number.as_str()));
    prop_assert_eq!(f.sex, Some(card.sex));
    prop_assert_eq!(f.street.as_deref(), Some(card.street.as_str()));
    prop_assert_eq!(f.city.as_deref(), Some(card.city.as_str()));
    prop_assert_eq!(f.state.as_deref(), Some(card.state));
    prop_assert_eq!(f.postal_code.as_deref(), Some(card.postal.as_str()));
    prop_assert_eq!(
        f.country.as_deref(),
        Some(if card.canadian { "CAN" } else { "USA" })
    );
    if card.z_subfile {
        let id = format!("Z{}A", char::from(card.state.as_bytes()[0]));
        prop_assert_eq!(report.element(&id), Some("JURISDICTION DATA"));
    }
    Ok(())
}

/// Damage a scanner or a careless integration might do to a payload's header and framing.
#[derive(Clone, Debug)]
enum Damage {
    LeadingBytes(String),
    Separators(&'static str),
    CrLf,
    NoFinalTerminator,
    TrailingNewline,
    ZeroOffsets,
    AnsiWithoutSpace,
    EntryCount(&'static str),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        // Leading junk without '@' or 'A' so it cannot contain a header of its own.
        "[ \t\r\nBCX0-9\\]\\[%]{1,12}".prop_map(Damage::LeadingBytes),
        prop::sample::select(vec![
            "@\n\n\r", "@\r\n", "@\n", "@", "@   ", "@|||", "\n\x1e\r", "@\r\r\r", ""
        ])
        .prop_map(Damage::Separators),
        Just(Damage::CrLf),
        Just(Damage::NoFinalTerminator),
        Just(Damage::TrailingNewline),
        Just(Damage::ZeroOffsets),
        Just(Damage::AnsiWithoutSpace),
        prop::sample::select(vec!["00", "01", "09"]).prop_map(Damage::EntryCount),
    ]
}

fn apply(text: &str, damage: &Damage) -> String {
    match damage {
        Damage::LeadingBytes(junk) => format!("{junk}{text}"),
        Damage::Separators(separators) => text.replacen("@\n\x1e\r", separators, 1),
        Damage::CrLf => text.replace('\n', "\r\n"),
        Damage::NoFinalTerminator => text.strip_suffix('\r').unwrap_or(text).to_owned(),
        Damage::TrailingNewline => format!("{text}\r\n"),
        Damage::ZeroOffsets => {
            // Designators start at byte 21; zero every offset.
            let mut bytes = text.as_bytes().to_vec();
            let count = usize::from(bytes[19] - b'0') * 10 + usize::from(bytes[20] - b'0');
            for index in 0..count {
                let at = 21 + index * 10 + 2;
                bytes[at..at + 4].copy_from_slice(b"0000");
            }
            String::from_utf8(bytes).unwrap_or_default()
        }
        Damage::AnsiWithoutSpace => text.replacen("ANSI ", "ANSI", 1),
        Damage::EntryCount(count) => format!("{}{count}{}", &text[..19], &text[21..]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn written_payloads_read_back_without_warnings(card in cardholder()) {
        let text = encode(&card);
        assert_same_fields(&text, &card)?;
        let report = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
        for subfile in &report.subfiles {
            prop_assert_eq!(subfile.declared_offset.map(usize::from), Some(subfile.offset));
            prop_assert_eq!(subfile.declared_length.map(usize::from), Some(subfile.length));
        }
        // Bytes and text agree.
        prop_assert_eq!(parse_bytes(text.as_bytes()), parse(&text));
    }

    #[test]
    fn damaged_payloads_still_read(card in cardholder(), damages in prop::collection::vec(damage(), 1..3)) {
        let mut text = encode(&card);
        // Damage that edits the header at fixed positions goes first.
        let mut damages = damages;
        damages.sort_by_key(|d| match d {
            Damage::ZeroOffsets => 0,
            Damage::EntryCount(_) => 1,
            _ => 2,
        });
        for damage in &damages {
            text = apply(&text, damage);
        }
        assert_same_fields(&text, &card)?;
        let report = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        // Damage other than a harmless trailing newline is always reported.
        if let [single] = damages.as_slice()
            && !matches!(single, Damage::TrailingNewline | Damage::EntryCount("01") | Damage::EntryCount("09"))
        {
            prop_assert!(!report.warnings.is_empty());
        }
        prop_assert!(!report.has_warning(WarningCode::InvalidDate));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse(&text);
    }

    #[test]
    fn mutated_payloads_never_panic(
        card in cardholder(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12),
    ) {
        let mut bytes = encode(&card).into_bytes();
        for (index, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = index.index(bytes.len());
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        let from_bytes = parse_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            prop_assert_eq!(parse(text), from_bytes);
        }
    }
}
