//! What was read from one document, and the findings it supports. No models and no I/O here:
//! [`crate::document::Reader`] fills a [`DocumentReading`], and [`findings`] judges it against
//! the policy, so every rule below is testable with hand-made readings.
//!
//! A document carries its data up to three times: the MRZ, the PDF417 barcode and the printed
//! (visual) zone. Each field is taken from the most trustworthy source that has it: a
//! complete MRZ whose check digits hold, then the barcode, then the printed zone (read by OCR
//! with no checksum at all). The sources are also compared with each other: two that disagree
//! make the document `DOCUMENT_INCONSISTENT`.
//!
//! Findings:
//! * `DOCUMENT_TYPE_UNSUPPORTED`: the kind (from the MRZ document code or the barcode's
//!   subfile type) is not accepted from the issuing country, or the MRZ is not that of an
//!   identity document (a visa).
//! * `DOCUMENT_DATA_INCOMPLETE`: name, document number, birth date or expiry date could not be
//!   read from any source.
//! * `DOCUMENT_EXPIRED`: the expiry date is before today plus the policy's margin.
//! * `DOCUMENT_INTEGRITY`: an MRZ read completely (every line confirmed by a second reading)
//!   whose check digits fail: tampering, or a misprint a reviewer should look at. A reading
//!   that is itself unsure is not evidence against the document and raises nothing here, nor
//!   is one that swapping at most two characters for their OCR-B look-alikes (`O`/`0`,
//!   `I`/`1`, `B`/`8`...) would make valid: two readings can share one misreading.
//! * `DOCUMENT_INCONSISTENT`: two sources disagree on a field.
//! * `PORTRAIT_NOT_VISIBLE`: no face on the front.
//! * `DOCUMENT_SIDE_MISSING`: the kind needs its back and none was given.

use kyc_core::{CountryCode, DocumentKind, Finding, Policy, ReasonCode};
use kyc_documents::aamva::AamvaReport;
use kyc_documents::mrz::{
    Check, MrzFields, MrzFormat, MrzReport, ParseOptions, parse_lenient, transliterate,
};
use serde::Serialize;
use time::{Date, Duration};

use crate::face::Face;
use crate::mrz::{FoundMrz, MrzReader};
use crate::printed::{PrintedFields, ReadField};

/// Smallest character confidence for a printed-zone value to be compared with another
/// source: below it the OCR may simply have misread, which says nothing about the document.
pub const PRINTED_COMPARE_CONFIDENCE: f32 = 0.9;

/// Everything read from one document (front and, when given, back).
#[derive(Clone, Debug, Default, Serialize)]
pub struct DocumentReading {
    /// `passport`, `id_card`, `driving_licence`, or `null` when unknown.
    pub kind: Option<DocumentKind>,
    pub issuing_country: Option<CountryCode>,
    pub mrz: Option<MrzReading>,
    /// The barcode's AAMVA data, as `kycd aamva` prints it.
    pub barcode: Option<AamvaReport>,
    pub printed: Option<PrintedFields>,
    pub portrait: Option<Portrait>,
    /// Which side each part was read on, and whether a back was given.
    #[serde(skip)]
    pub sides: Sides,
    /// The kind the front's printed title names ([`kind_from_titles`]), looked for only when
    /// the printed zone was read without an MRZ or a barcode to go by.
    #[serde(skip)]
    pub title_kind: Option<DocumentKind>,
    /// The issuing country the front's printed text names ([`issuer_from_titles`]), looked
    /// for likewise.
    #[serde(skip)]
    pub title_issuer: Option<CountryCode>,
}

/// Which images a reading had.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sides {
    pub back_given: bool,
}

/// The MRZ as read: the parse of issue 1's lenient mode, with the reading's confidence.
#[derive(Clone, Debug, Serialize)]
pub struct MrzReading {
    /// Which reader read the zone.
    pub reader: MrzReader,
    pub lines: Vec<String>,
    pub format: MrzFormat,
    /// Every check digit verifies.
    pub checks_ok: bool,
    /// `checks_ok` and every field is well formed.
    pub valid: bool,
    /// Every line was read without a skipped character and confirmed by a second reading.
    pub complete: bool,
    pub fields: MrzFields,
    pub checks: Vec<Check>,
    /// Per line, the recogniser's confidence in each character (0..1).
    pub confidence: Vec<Vec<f32>>,
    /// Why the zone, valid as it is, is not trusted: a part no check digit covers reads
    /// wrong ([`MrzDoubt`]).
    pub doubt: Option<MrzDoubt>,
}

/// What makes a valid zone doubtful. Check digits cover numbers and dates, not names, codes
/// or the zone's shape, so a misread there can still leave every check digit right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MrzDoubt {
    /// The printed zone shows a name a letter or two away from the zone's
    /// ([`names_in_doubt`]): one of the two was misread.
    NamesDisagreeWithPrintedZone,
    /// The issuing state or the nationality is no code ICAO 9303 knows (`NLO` read for
    /// `NLD`).
    UnknownCountryCode,
    /// A passport's zone (document code `P`) read in another format than TD3, the only one
    /// ICAO 9303 part 4 gives passports: a TD3 zone whose trailing fillers were lost reads as
    /// a valid TD2 one.
    PassportNotTd3,
}

impl MrzDoubt {
    /// The doubt a zone's own content raises, if any.
    pub fn of(format: MrzFormat, fields: &MrzFields) -> Option<MrzDoubt> {
        let unknown = |code: Option<&str>| {
            code.is_some_and(|code| kyc_core::CountryCode::from_alpha3(code).is_none())
        };
        if unknown(fields.issuing_state.as_deref()) || unknown(fields.nationality.as_deref()) {
            return Some(MrzDoubt::UnknownCountryCode);
        }
        let passport = fields
            .document_code
            .as_deref()
            .is_some_and(|code| code.starts_with('P'));
        (passport && format != MrzFormat::Td3).then_some(MrzDoubt::PassportNotTd3)
    }
}

impl MrzReading {
    /// `None` when the lines read are not any MRZ shape.
    pub fn from_found(found: &FoundMrz) -> Option<MrzReading> {
        let report: &MrzReport = found.report.as_ref()?;
        Some(MrzReading {
            reader: found.reader,
            lines: report.lines.clone(),
            format: report.format,
            checks_ok: report.checks_ok,
            valid: report.valid,
            complete: found.complete(),
            fields: report.fields.clone(),
            checks: report.checks.clone(),
            confidence: found
                .lines
                .iter()
                .map(|line| {
                    line.confidence
                        .iter()
                        .map(|c| (c * 1000.0).round() / 1000.0)
                        .collect()
                })
                .collect(),
            doubt: MrzDoubt::of(report.format, &report.fields),
        })
    }

    /// Trustworthy enough to be the source of the document's data.
    pub fn trusted(&self) -> bool {
        self.complete && self.valid && self.doubt.is_none()
    }
}

/// Most letters in which a printed name may differ from the MRZ's, for [`names_in_doubt`].
pub const MAX_DOUBTFUL_LETTERS: usize = 2;
/// Smallest character confidence of a printed name for [`names_in_doubt`] to hear it: a
/// letter with a diacritic the recogniser does not know ("PAWEŁ" read "PAWEt", its weakest
/// letter at 0.47) is no evidence against the zone, while a plain letter clearly printed is
/// ("WOJCIK" at 0.87 against a zone read "HOJCIK" in a back 250 pixels wide).
pub const DOUBT_CONFIDENCE: f32 = 0.8;

/// Whether the printed zone shows a surname or given names of the same length as the MRZ's
/// but for one or two letters (at most [`MAX_DOUBTFUL_LETTERS`], compared as
/// [`name_skeleton`]s): the same name, one of the two readings wrong. The MRZ's check digits do
/// not cover the names, and two readings of the zone's own pixels can make the same mistake
/// (`W` read as `H` in a zone a few pixels high), so the printed zone, an independent
/// reading, is heard from [`DOUBT_CONFIDENCE`], below the confidence it needs to be compared
/// as a source ([`PRINTED_COMPARE_CONFIDENCE`]). A printed name of another length, or more
/// letters apart, is more likely another line (or a name in another script) and says nothing.
pub fn names_in_doubt(mrz: &MrzFields, printed: &PrintedFields) -> bool {
    let near_miss = |zone: Option<&str>, printed: Option<&ReadField<String>>| {
        let (Some(zone), Some(printed)) = (zone, printed) else {
            return false;
        };
        if printed.confidence < DOUBT_CONFIDENCE {
            return false;
        }
        let printed = printed.value.as_str();
        let (Some(Value::Text(zone)), Some(Value::Text(printed))) =
            (comparable_name(Some(zone)), comparable_name(Some(printed)))
        else {
            return false;
        };
        let (zone, printed) = (name_skeleton(&zone), name_skeleton(&printed));
        let (zone, printed): (Vec<char>, Vec<char>) =
            (zone.chars().collect(), printed.chars().collect());
        if zone.len() != printed.len() {
            return false;
        }
        let differing = zone.iter().zip(&printed).filter(|(a, b)| a != b).count();
        (1..=MAX_DOUBTFUL_LETTERS).contains(&differing)
    };
    near_miss(mrz.surname.as_deref(), printed.surname.as_ref())
        || near_miss(mrz.given_names.as_deref(), printed.given_names.as_ref())
}

/// The portrait found on the front: its box in the front photo's pixels and the detector's
/// score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Portrait {
    /// `[x0, y0, x1, y1]`.
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    pub score: f32,
}

impl From<&Face> for Portrait {
    fn from(face: &Face) -> Portrait {
        Portrait {
            bounds: face.bounds,
            score: face.score,
        }
    }
}

/// Where a value was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Mrz,
    Barcode,
    Printed,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Mrz => "mrz",
            Source::Barcode => "barcode",
            Source::Printed => "printed",
        }
    }
}

/// One field's value as one source gives it. Names are in MRZ form (transliterated, upper
/// case, `<` between words) so that sources written differently compare equal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Date(Date),
}

impl Value {
    fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(text) => text.clone().into(),
            Value::Date(date) => date_text(*date).into(),
        }
    }
}

/// The fields every identity document must show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Surname,
    GivenNames,
    DocumentNumber,
    BirthDate,
    ExpiryDate,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Surname,
        Field::GivenNames,
        Field::DocumentNumber,
        Field::BirthDate,
        Field::ExpiryDate,
    ];

    /// The fields whose absence makes the document's data incomplete (given names may be
    /// empty: some people have a single name).
    pub const REQUIRED: [Field; 4] = [
        Field::Surname,
        Field::DocumentNumber,
        Field::BirthDate,
        Field::ExpiryDate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Surname => "surname",
            Field::GivenNames => "given_names",
            Field::DocumentNumber => "document_number",
            Field::BirthDate => "birth_date",
            Field::ExpiryDate => "expiry_date",
        }
    }
}

impl DocumentReading {
    /// Every source's value for `field`, most trustworthy first. The MRZ counts only when it
    /// was read completely and validly, the printed zone only when its value was read with
    /// at least [`PRINTED_COMPARE_CONFIDENCE`].
    pub fn values(&self, field: Field) -> Vec<(Source, Value)> {
        let mrz = self
            .mrz
            .as_ref()
            .filter(|m| m.trusted())
            .and_then(|m| mrz_value(&m.fields, field))
            .map(|value| (Source::Mrz, value));
        let barcode = self
            .barcode
            .as_ref()
            .and_then(|b| barcode_value(b, field))
            .map(|value| (Source::Barcode, value));
        let printed = self
            .printed
            .as_ref()
            .and_then(|p| printed_value(p, field))
            .map(|value| (Source::Printed, value));
        [mrz, barcode, printed].into_iter().flatten().collect()
    }

    /// The document's value for `field`: the most trustworthy source's.
    pub fn value(&self, field: Field) -> Option<(Source, Value)> {
        self.values(field).into_iter().next()
    }
}

fn mrz_value(fields: &MrzFields, field: Field) -> Option<Value> {
    match field {
        Field::Surname => comparable_name(fields.surname.as_deref()),
        Field::GivenNames => comparable_name(fields.given_names.as_deref()),
        Field::DocumentNumber => comparable_text(fields.document_number.as_deref()),
        Field::BirthDate => fields.birth_date.map(Value::Date),
        Field::ExpiryDate => fields.expiry_date.map(Value::Date),
    }
}

fn barcode_value(report: &AamvaReport, field: Field) -> Option<Value> {
    let fields = &report.fields;
    match field {
        Field::Surname => comparable_name(fields.family_name.as_deref()),
        Field::GivenNames => {
            let given = [fields.first_name.as_deref(), fields.middle_names.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            comparable_name(Some(&given))
        }
        Field::DocumentNumber => comparable_text(fields.document_number.as_deref()),
        Field::BirthDate => fields.birth_date.map(Value::Date),
        Field::ExpiryDate => fields.expiry_date.map(Value::Date),
    }
}

fn printed_value(printed: &PrintedFields, field: Field) -> Option<Value> {
    let confident = |confidence: f32| confidence >= PRINTED_COMPARE_CONFIDENCE;
    match field {
        Field::Surname => printed
            .surname
            .as_ref()
            .filter(|f| confident(f.confidence))
            .and_then(|f| comparable_name(Some(&f.value))),
        Field::GivenNames => printed
            .given_names
            .as_ref()
            .filter(|f| confident(f.confidence))
            .and_then(|f| comparable_name(Some(&f.value))),
        Field::DocumentNumber => printed
            .document_number
            .as_ref()
            .filter(|f| confident(f.confidence))
            .and_then(|f| comparable_text(Some(&f.value))),
        Field::BirthDate => printed
            .birth_date
            .as_ref()
            .filter(|f| confident(f.confidence))
            .map(|f| Value::Date(f.value)),
        Field::ExpiryDate => printed
            .expiry_date
            .as_ref()
            .filter(|f| confident(f.confidence))
            .map(|f| Value::Date(f.value)),
    }
}

/// A name in MRZ form; `None` when nothing is left.
pub fn comparable_name(name: Option<&str>) -> Option<Value> {
    let form = transliterate(name?.trim());
    (!form.is_empty()).then_some(Value::Text(form))
}

/// A document number: upper case, without spaces, dashes and fillers.
pub fn comparable_text(text: Option<&str>) -> Option<Value> {
    let form: String = text?
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!form.is_empty()).then_some(Value::Text(form))
}

/// Whether two sources' values for a field agree. Names compare by [`name_skeleton`], and MRZ
/// names are cut at the zone's length, so a name that is a prefix of the other (of at least 10
/// characters) agrees.
pub fn agree(field: Field, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) if matches!(field, Field::Surname | Field::GivenNames) => {
            names_agree(a, b)
        }
        _ => a == b,
    }
}

/// Whether two names in MRZ form are the same name: equal skeletons, or one skeleton a prefix
/// (of at least 10 characters in MRZ form, fillers included) of the other, as a name cut at
/// the MRZ's length is.
pub fn names_agree(a: &str, b: &str) -> bool {
    let (skeleton_a, skeleton_b) = (name_skeleton(a), name_skeleton(b));
    // The cut is counted on the name as the MRZ writes it, fillers included.
    let (short, long, short_form) = if skeleton_a.len() <= skeleton_b.len() {
        (skeleton_a, skeleton_b, a)
    } else {
        (skeleton_b, skeleton_a, b)
    };
    short == long || (short_form.chars().count() >= 10 && long.starts_with(short.as_str()))
}

/// A name in MRZ form with the ICAO spellings of umlauts and rings (`AE`, `OE`, `UE`, `AA`)
/// reduced to the bare vowel, and without the fillers between its words: OCR of a printed
/// zone often loses the diacritic (reading `MÜLLER` as `MULLER`) while the MRZ spells it
/// `MUELLER`, and it often loses the space between two names.
pub fn name_skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().filter(|&c| c != '<') {
        let doubled = matches!(
            (out.chars().last(), c),
            (Some('A' | 'O' | 'U'), 'E') | (Some('A'), 'A')
        );
        if !doubled {
            out.push(c);
        }
    }
    out
}

/// The document kind an MRZ's document code names; `Err` with the code for a machine-readable
/// document that is not an identity document (a visa).
pub fn kind_from_mrz(mrz: &MrzReading) -> Result<Option<DocumentKind>, String> {
    let code = mrz.fields.document_code.clone().unwrap_or_default();
    match mrz.format {
        MrzFormat::MrvA | MrzFormat::MrvB => Err(code),
        MrzFormat::FrenchDrivingLicense => Ok(Some(DocumentKind::DrivingLicence)),
        MrzFormat::FrenchNationalId => Ok(Some(DocumentKind::IdCard)),
        MrzFormat::Td1 | MrzFormat::Td2 | MrzFormat::Td3 => Ok(match code.chars().next() {
            Some('P') => Some(DocumentKind::Passport),
            Some('I' | 'A' | 'C') => Some(DocumentKind::IdCard),
            Some('V') => return Err(code),
            Some('D') => Some(DocumentKind::DrivingLicence),
            _ => None,
        }),
    }
}

/// The kind an AAMVA barcode's first subfile names.
pub fn kind_from_barcode(report: &AamvaReport) -> Option<DocumentKind> {
    use kyc_documents::aamva::SubfileType;
    match report.fields.document_type? {
        SubfileType::DriverLicence => Some(DocumentKind::DrivingLicence),
        SubfileType::IdCard => Some(DocumentKind::IdCard),
        _ => None,
    }
}

/// Document titles, as printed across the top of a page or card, in the languages the caption
/// table knows: what a document says it is when neither an MRZ nor a barcode says it. Matched
/// on letters only, accents and case folded; the more specific first ("passport card" is a
/// card).
pub const TITLES: &[(&str, DocumentKind)] = &[
    ("driver license", DocumentKind::DrivingLicence),
    ("drivers license", DocumentKind::DrivingLicence),
    ("driver licence", DocumentKind::DrivingLicence),
    ("driving licence", DocumentKind::DrivingLicence),
    ("driving license", DocumentKind::DrivingLicence),
    ("fuhrerschein", DocumentKind::DrivingLicence),
    ("permis de conduire", DocumentKind::DrivingLicence),
    ("permiso de conduccion", DocumentKind::DrivingLicence),
    ("permiso de conducir", DocumentKind::DrivingLicence),
    ("patente di guida", DocumentKind::DrivingLicence),
    ("rijbewijs", DocumentKind::DrivingLicence),
    ("carta de conducao", DocumentKind::DrivingLicence),
    ("prawo jazdy", DocumentKind::DrivingLicence),
    ("surucu belgesi", DocumentKind::DrivingLicence),
    ("passport card", DocumentKind::IdCard),
    ("identity card", DocumentKind::IdCard),
    ("identification card", DocumentKind::IdCard),
    ("carte nationale d identite", DocumentKind::IdCard),
    ("carte d identite", DocumentKind::IdCard),
    ("personalausweis", DocumentKind::IdCard),
    ("documento nacional de identidad", DocumentKind::IdCard),
    ("carta d identita", DocumentKind::IdCard),
    ("identiteitskaart", DocumentKind::IdCard),
    ("cartao de cidadao", DocumentKind::IdCard),
    ("bilhete de identidade", DocumentKind::IdCard),
    ("dowod osobisty", DocumentKind::IdCard),
    ("kimlik karti", DocumentKind::IdCard),
    ("passport", DocumentKind::Passport),
    ("passeport", DocumentKind::Passport),
    ("reisepass", DocumentKind::Passport),
    ("pasaporte", DocumentKind::Passport),
    ("passaporto", DocumentKind::Passport),
    ("paspoort", DocumentKind::Passport),
    ("passaporte", DocumentKind::Passport),
    ("paszport", DocumentKind::Passport),
    ("pasaport", DocumentKind::Passport),
];

/// A text's letters and digits, accents and case folded, as titles are matched.
fn letters(text: &str) -> String {
    text.chars().filter_map(crate::printed::fold).collect()
}

/// The kind a document's printed text names it by ([`TITLES`]): the first title found in any
/// of the texts, in the table's order. `None` when no text names a kind.
pub fn kind_from_titles<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<DocumentKind> {
    let texts: Vec<String> = texts.into_iter().map(letters).collect();
    TITLES.iter().find_map(|(title, kind)| {
        let title = letters(title);
        texts
            .iter()
            .any(|text| text.contains(&title))
            .then_some(*kind)
    })
}

/// Official names of issuing states as documents print them across their top (national and
/// English forms), with their alpha-3 codes: the issuer of a document read without an MRZ or
/// a barcode. Matched on letters only, accents and case folded, inside a text.
pub const ISSUER_TITLES: &[(&str, &str)] = &[
    ("bundesrepublik deutschland", "DEU"),
    ("federal republic of germany", "DEU"),
    ("republique francaise", "FRA"),
    ("french republic", "FRA"),
    ("reino de espana", "ESP"),
    ("kingdom of spain", "ESP"),
    ("russian federation", "RUS"),
    ("turkiye cumhuriyeti", "TUR"),
    ("republic of turkiye", "TUR"),
    ("republic of turkey", "TUR"),
    ("socialist republic of viet nam", "VNM"),
    ("cong hoa xa hoi chu nghia viet nam", "VNM"),
    ("people s republic of china", "CHN"),
    ("republic of korea", "KOR"),
    ("republica portuguesa", "PRT"),
    ("portuguese republic", "PRT"),
    ("repubblica italiana", "ITA"),
    ("italian republic", "ITA"),
    ("rzeczpospolita polska", "POL"),
    ("republic of poland", "POL"),
    ("koninkrijk der nederlanden", "NLD"),
    ("kingdom of the netherlands", "NLD"),
    (
        "united kingdom of great britain and northern ireland",
        "GBR",
    ),
    ("united states of america", "USA"),
    ("united states", "USA"),
    ("confederation suisse", "CHE"),
    ("schweizerische eidgenossenschaft", "CHE"),
    ("republik osterreich", "AUT"),
    ("royaume de belgique", "BEL"),
    ("koninkrijk belgie", "BEL"),
    ("estados unidos mexicanos", "MEX"),
    ("republica federativa do brasil", "BRA"),
    ("republic of india", "IND"),
    ("commonwealth of australia", "AUS"),
];

/// The issuing country a document's printed text names: an official name of [`ISSUER_TITLES`]
/// inside any text; else a whole text that is an alpha-3 code (`USA` under a US licence's
/// title); else a whole text that is a country's English name. `None` when no text names one.
pub fn issuer_from_titles<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<CountryCode> {
    use kyc_core::country::{COUNTRIES, CodeKind};
    let texts: Vec<String> = texts.into_iter().map(letters).collect();
    let official = ISSUER_TITLES.iter().find_map(|(name, code)| {
        let name = letters(name);
        texts
            .iter()
            .any(|text| text.contains(&name))
            .then(|| CountryCode::from_alpha3(code))
            .flatten()
    });
    let countries = || COUNTRIES.iter().filter(|info| info.kind == CodeKind::Iso);
    let whole = |matches: &dyn Fn(&kyc_core::country::CountryInfo, &str) -> bool| {
        texts.iter().find_map(|text| {
            countries()
                .find(|info| matches(info, text))
                .and_then(|info| CountryCode::from_alpha3(info.alpha3))
        })
    };
    official
        .or_else(|| whole(&|info, text| info.alpha3.eq_ignore_ascii_case(text)))
        .or_else(|| whole(&|info, text| letters(info.name) == text))
}

/// Fills in the kind and issuing country from the MRZ and the barcode, and from the printed
/// titles ([`DocumentReading::title_kind`], [`DocumentReading::title_issuer`]) when neither
/// gives them.
pub fn identify(reading: &mut DocumentReading) {
    let mrz = reading.mrz.as_ref().filter(|m| m.valid);
    reading.kind = mrz
        .and_then(|m| kind_from_mrz(m).ok().flatten())
        .or_else(|| reading.barcode.as_ref().and_then(kind_from_barcode))
        .or(reading.title_kind);
    reading.issuing_country = mrz
        .and_then(|m| m.fields.issuing_state.as_deref())
        .and_then(|code| code.trim_end_matches('<').parse().ok())
        .or_else(|| {
            reading
                .barcode
                .as_ref()
                .and_then(|b| b.fields.country.as_deref())
                .and_then(|code| code.parse().ok())
        })
        .or(reading.title_issuer);
}

/// Characters of OCR-B that a recogniser mistakes for one another.
const LOOK_ALIKES: [(char, char); 8] = [
    ('O', '0'),
    ('D', '0'),
    ('Q', '0'),
    ('I', '1'),
    ('Z', '2'),
    ('S', '5'),
    ('G', '6'),
    ('B', '8'),
];

/// Whether an MRZ that is not valid becomes valid by swapping at most two characters for their
/// look-alikes: then its failing check digits may be the reader's misreading rather than the
/// document's fault. (Only a valid result counts, so a letter swapped into a date or a check
/// digit does not.) `false` for a zone that is valid as read: there is nothing to explain.
pub fn misreading_could_explain(lines: &[String], today: Date) -> bool {
    let options = ParseOptions { today };
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let valid = |chars: &[Vec<char>]| {
        let text: Vec<String> = chars.iter().map(|l| l.iter().collect()).collect();
        parse_lenient(&text.join("\n"), &options).is_ok_and(|r| r.valid)
    };
    if valid(&chars) {
        return false;
    }
    // Every (line, column, look-alike) a single swap can make.
    let swaps: Vec<(usize, usize, char)> = chars
        .iter()
        .enumerate()
        .flat_map(|(line, text)| {
            text.iter().enumerate().flat_map(move |(column, &c)| {
                LOOK_ALIKES.iter().filter_map(move |&(a, b)| match c {
                    _ if c == a => Some((line, column, b)),
                    _ if c == b => Some((line, column, a)),
                    _ => None,
                })
            })
        })
        .collect();
    let valid_after = |picked: &[(usize, usize, char)]| {
        let mut swapped = chars.clone();
        for &(line, column, with) in picked {
            swapped[line][column] = with;
        }
        valid(&swapped)
    };
    swaps.iter().enumerate().any(|(i, &first)| {
        valid_after(&[first])
            || swaps[i + 1..]
                .iter()
                .filter(|second| (second.0, second.1) != (first.0, first.1))
                .any(|&second| valid_after(&[first, second]))
    })
}

/// The findings a reading supports, under `policy`, on `today`.
pub fn findings(reading: &DocumentReading, policy: &Policy, today: Date) -> Vec<Finding> {
    let mut found = Vec::new();
    let visa = reading
        .mrz
        .as_ref()
        .filter(|m| m.valid)
        .and_then(|m| kind_from_mrz(m).err());
    if let Some(code) = visa {
        found.push(
            Finding::new(ReasonCode::DocumentTypeUnsupported).with("document_code", code.as_str()),
        );
    } else if let (Some(kind), Some(country)) = (reading.kind, reading.issuing_country)
        && !policy.accepts(kind, country)
    {
        found.push(
            Finding::new(ReasonCode::DocumentTypeUnsupported)
                .with("kind", kind.as_str())
                .with("issuing_country", country.alpha3()),
        );
    }

    let missing: Vec<&str> = Field::REQUIRED
        .iter()
        .filter(|field| reading.value(**field).is_none())
        .map(|field| field.as_str())
        .collect();
    if !missing.is_empty() {
        found.push(
            Finding::new(ReasonCode::DocumentDataIncomplete)
                .with("missing", missing)
                .with("kind", reading.kind.map_or("unknown", DocumentKind::as_str)),
        );
    }

    if let Some((source, Value::Date(expiry))) = reading.value(Field::ExpiryDate) {
        let margin = Duration::days(i64::from(policy.documents.expiry_margin_days));
        if expiry < today.saturating_add(margin) {
            found.push(
                Finding::new(ReasonCode::DocumentExpired)
                    .with("expiry_date", date_text(expiry))
                    .with("source", source.as_str())
                    .with("margin_days", policy.documents.expiry_margin_days),
            );
        }
    }

    if let Some(mrz) = reading
        .mrz
        .as_ref()
        .filter(|m| m.complete && !m.checks_ok && !misreading_could_explain(&m.lines, today))
    {
        let failed: Vec<serde_json::Value> = mrz
            .checks
            .iter()
            .filter(|c| c.enforced && !c.valid)
            .map(|c| {
                serde_json::json!({
                    "field": c.field,
                    "expected": c.expected.to_string(),
                    "found": c.found.to_string(),
                })
            })
            .collect();
        found.push(Finding::new(ReasonCode::DocumentIntegrity).with("failed_checks", failed));
    }

    let disagreements: Vec<serde_json::Value> = Field::ALL
        .iter()
        .filter_map(|&field| {
            let values = reading.values(field);
            let (first_source, first) = values.first()?;
            let (other_source, other) = values[1..]
                .iter()
                .find(|(_, value)| !agree(field, first, value))?;
            Some(serde_json::json!({
                "field": field.as_str(),
                first_source.as_str(): first.to_json(),
                other_source.as_str(): other.to_json(),
            }))
        })
        .collect();
    if !disagreements.is_empty() {
        found.push(
            Finding::new(ReasonCode::DocumentInconsistent).with("disagreements", disagreements),
        );
    }

    if reading.portrait.is_none() {
        found.push(Finding::new(ReasonCode::PortraitNotVisible).with("side", "front"));
    }

    if let Some(kind) = reading.kind
        && !reading.sides.back_given
        && policy.documents.require_back.contains(&kind)
    {
        found.push(Finding::new(ReasonCode::DocumentSideMissing).with("kind", kind.as_str()));
    }
    found
}

/// `YYYY-MM-DD`.
pub fn date_text(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use kyc_documents::mrz::{MrzInput, ParseOptions, Sex, parse, write};
    use time::macros::date;

    use super::*;

    #[test]
    fn a_printed_name_of_the_issuing_state_names_the_issuer() {
        let issuer =
            |texts: &[&str]| issuer_from_titles(texts.iter().copied()).map(|code| code.alpha3());
        assert_eq!(issuer(&["REINO DE ESPAÑA", "PASAPORTE"]), Some("ESP"));
        assert_eq!(issuer(&["BUNDESREPUBLIK DEUTSCHLAND"]), Some("DEU"));
        assert_eq!(issuer(&["GEORGIA", "DRIVER LICENSE", "USA"]), Some("USA"));
        assert_eq!(issuer(&["Nationality", "Japan"]), Some("JPN"));
        // A country named inside other words (an address, a place of birth) is not the issuer.
        assert_eq!(issuer(&["12 JAPAN STREET", "Sex"]), None);
        assert_eq!(issuer(&[]), None);
    }

    #[test]
    fn a_printed_title_names_the_kind_in_any_listed_language() {
        let kind = |texts: &[&str]| kind_from_titles(texts.iter().copied());
        assert_eq!(
            kind(&["CALIFORNIA", "DRIVER LICENSE", "4d DLN I1234568"]),
            Some(DocumentKind::DrivingLicence)
        );
        assert_eq!(
            kind(&["BUNDESREPUBLIK DEUTSCHLAND", "FÜHRERSCHEIN"]),
            Some(DocumentKind::DrivingLicence)
        );
        assert_eq!(
            kind(&["CARTE NATIONALE D'IDENTITÉ", "Nom", "MARTIN"]),
            Some(DocumentKind::IdCard)
        );
        assert_eq!(
            kind(&["REISEPASS / PASSPORT"]),
            Some(DocumentKind::Passport)
        );
        // The more specific title first: a passport card is a card.
        assert_eq!(
            kind(&["PASSPORT CARD", "UNITED STATES OF AMERICA"]),
            Some(DocumentKind::IdCard)
        );
        assert_eq!(kind(&["Surname", "ROSSI", "26.10.1964"]), None);
        assert_eq!(kind(&[]), None);
    }
    use crate::printed::ReadField;

    const TODAY: Date = date!(2026 - 11 - 22);

    fn mrz_lines(code: &str, format: MrzFormat, expiry: Date) -> Vec<String> {
        let input = MrzInput {
            document_code: code.to_string(),
            issuing_state: "ITA".to_string(),
            surname: "Rossi".to_string(),
            given_names: "Giuseppe".to_string(),
            document_number: "CA1234567".to_string(),
            nationality: "ITA".to_string(),
            birth_date: Some(date!(1964 - 10 - 26)),
            sex: Sex::Male,
            expiry_date: Some(expiry),
            ..MrzInput::default()
        };
        write(&input, format).unwrap()
    }

    /// A reading of `lines`, as complete (confirmed) or not.
    fn mrz_reading(lines: &[String], complete: bool) -> MrzReading {
        let report = parse(&lines.join("\n"), &ParseOptions { today: TODAY }).unwrap();
        MrzReading {
            reader: MrzReader::TextModels,
            lines: report.lines.clone(),
            format: report.format,
            checks_ok: report.checks_ok,
            valid: report.valid,
            complete,
            fields: report.fields.clone(),
            checks: report.checks.clone(),
            confidence: Vec::new(),
            doubt: MrzDoubt::of(report.format, &report.fields),
        }
    }

    fn passport(expiry: Date) -> DocumentReading {
        let lines = mrz_lines("P", MrzFormat::Td3, expiry);
        let mut reading = DocumentReading {
            mrz: Some(mrz_reading(&lines, true)),
            portrait: Some(Portrait {
                bounds: [10.0, 10.0, 50.0, 60.0],
                score: 0.99,
            }),
            ..DocumentReading::default()
        };
        identify(&mut reading);
        reading
    }

    fn codes(reading: &DocumentReading, policy: &Policy) -> Vec<ReasonCode> {
        findings(reading, policy, TODAY)
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    fn field<T>(value: T, confidence: f32) -> Option<ReadField<T>> {
        Some(ReadField {
            value,
            text: String::new(),
            confidence,
        })
    }

    #[test]
    fn a_valid_current_passport_has_no_findings() {
        let reading = passport(date!(2031 - 05 - 01));
        assert_eq!(reading.kind, Some(DocumentKind::Passport));
        assert_eq!(reading.issuing_country.map(|c| c.alpha3()), Some("ITA"));
        assert_eq!(codes(&reading, &Policy::default()), vec![]);
    }

    #[test]
    fn an_expired_document_is_found_with_its_date() {
        let reading = passport(date!(2026 - 11 - 21));
        let found = findings(&reading, &Policy::default(), TODAY);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, ReasonCode::DocumentExpired);
        assert_eq!(found[0].evidence["expiry_date"], "2026-11-21");
        assert_eq!(found[0].evidence["source"], "mrz");
    }

    #[test]
    fn the_expiry_margin_counts_as_expired() {
        let mut policy = Policy::default();
        policy.documents.expiry_margin_days = 30;
        let reading = passport(date!(2026 - 12 - 10));
        assert_eq!(codes(&reading, &policy), vec![ReasonCode::DocumentExpired]);
        policy.documents.expiry_margin_days = 0;
        assert_eq!(codes(&reading, &policy), vec![]);
    }

    #[test]
    fn a_visa_is_not_an_identity_document() {
        let lines = mrz_lines("V", MrzFormat::MrvA, date!(2030 - 01 - 01));
        let mut reading = DocumentReading {
            mrz: Some(mrz_reading(&lines, true)),
            ..passport(date!(2030 - 01 - 01))
        };
        identify(&mut reading);
        let found = findings(&reading, &Policy::default(), TODAY);
        assert_eq!(found[0].code, ReasonCode::DocumentTypeUnsupported);
        assert_eq!(found[0].evidence["document_code"], "V");
    }

    #[test]
    fn a_kind_the_country_policy_refuses_is_unsupported() {
        let mut policy = Policy::default();
        let italy: CountryCode = "ITA".parse().unwrap();
        policy
            .documents
            .countries
            .insert(italy, [DocumentKind::IdCard].into());
        let reading = passport(date!(2031 - 05 - 01));
        let found = findings(&reading, &policy, TODAY);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, ReasonCode::DocumentTypeUnsupported);
        assert_eq!(found[0].evidence["kind"], "passport");
        assert_eq!(found[0].evidence["issuing_country"], "ITA");
    }

    #[test]
    fn a_failure_that_look_alike_swaps_explain_is_not_an_integrity_finding() {
        // A Dutch ID card's MRZ (kycd specimen, seed 52000 set, id-card-56), read twice the
        // same way with `0` read as `O` twice in the document number.
        let printed = [
            "I<NLDKXE0VLZP07<<<<<<<<<<<<<<<",
            "0004271F2911227NLD<<<<<<<<<<<8",
            "VAN<DIJK<<LOTTE<<<<<<<<<<<<<<<",
        ];
        let misread = printed.map(|l| l.replace("KXE0VLZP07", "KXEOVLZPO7"));
        assert!(!misreading_could_explain(&printed.map(String::from), TODAY));
        assert!(misreading_could_explain(&misread, TODAY));
        let reading = DocumentReading {
            mrz: Some(mrz_reading(&misread, true)),
            ..DocumentReading::default()
        };
        assert!(!codes(&reading, &Policy::default()).contains(&ReasonCode::DocumentIntegrity));

        // A date changed by one digit is not explained by any look-alike swap.
        let mut changed = printed.map(String::from);
        changed[1] = changed[1].replacen("000427", "000428", 1);
        assert!(!misreading_could_explain(&changed, TODAY));
    }

    #[test]
    fn failed_check_digits_on_a_confirmed_reading_are_an_integrity_finding() {
        let mut lines = mrz_lines("P", MrzFormat::Td3, date!(2031 - 05 - 01));
        // The document number's check digit (line 2, column 10) made wrong.
        let mut second: Vec<char> = lines[1].chars().collect();
        second[9] = if second[9] == '1' { '2' } else { '1' };
        lines[1] = second.into_iter().collect();
        let confirmed = DocumentReading {
            mrz: Some(mrz_reading(&lines, true)),
            ..passport(date!(2031 - 05 - 01))
        };
        let found = findings(&confirmed, &Policy::default(), TODAY);
        let integrity = found
            .iter()
            .find(|f| f.code == ReasonCode::DocumentIntegrity)
            .expect("integrity finding");
        assert_eq!(
            integrity.evidence["failed_checks"][0]["field"],
            "document_number"
        );
        // The MRZ cannot be trusted, and nothing else was read: the data is incomplete too.
        assert!(
            found
                .iter()
                .any(|f| f.code == ReasonCode::DocumentDataIncomplete)
        );

        // An unsure reading of the same zone is no evidence against the document.
        let unsure = DocumentReading {
            mrz: Some(mrz_reading(&lines, false)),
            ..confirmed
        };
        assert!(!codes(&unsure, &Policy::default()).contains(&ReasonCode::DocumentIntegrity));
    }

    #[test]
    fn nothing_read_is_incomplete_and_lacks_a_portrait() {
        let found = findings(&DocumentReading::default(), &Policy::default(), TODAY);
        let codes: Vec<ReasonCode> = found.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            vec![
                ReasonCode::DocumentDataIncomplete,
                ReasonCode::PortraitNotVisible
            ]
        );
        assert_eq!(
            found[0].evidence["missing"],
            serde_json::json!(["surname", "document_number", "birth_date", "expiry_date"])
        );
        assert_eq!(found[0].evidence["kind"], "unknown");
    }

    #[test]
    fn the_printed_zone_fills_in_when_there_is_no_mrz() {
        let reading = DocumentReading {
            printed: Some(PrintedFields {
                surname: field("Johnson".to_string(), 0.99),
                given_names: field("Jessica Marie".to_string(), 0.99),
                document_number: field("3363584".to_string(), 0.97),
                birth_date: field(date!(1981 - 11 - 18), 0.98),
                expiry_date: field(date!(2031 - 11 - 18), 0.95),
            }),
            ..passport(date!(2031 - 05 - 01))
        };
        let reading = DocumentReading {
            mrz: None,
            ..reading
        };
        assert_eq!(codes(&reading, &Policy::default()), vec![]);
        assert_eq!(
            reading.value(Field::DocumentNumber),
            Some((Source::Printed, Value::Text("3363584".to_string())))
        );
    }

    #[test]
    fn sources_that_disagree_make_the_document_inconsistent() {
        let mut reading = passport(date!(2031 - 05 - 01));
        reading.printed = Some(PrintedFields {
            surname: field("Rossi".to_string(), 0.99),
            given_names: None,
            document_number: field("CA1234568".to_string(), 0.99),
            birth_date: field(date!(1964 - 10 - 26), 0.99),
            expiry_date: None,
        });
        let found = findings(&reading, &Policy::default(), TODAY);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, ReasonCode::DocumentInconsistent);
        let disagreement = &found[0].evidence["disagreements"][0];
        assert_eq!(disagreement["field"], "document_number");
        assert_eq!(disagreement["mrz"], "CA1234567");
        assert_eq!(disagreement["printed"], "CA1234568");

        // A value the recogniser was unsure of is not compared.
        if let Some(printed) = reading.printed.as_mut() {
            printed.document_number = field("CA1234568".to_string(), 0.6);
        }
        assert_eq!(codes(&reading, &Policy::default()), vec![]);
    }

    #[test]
    fn names_compare_in_mrz_form_and_truncated_names_agree() {
        let mut reading = passport(date!(2031 - 05 - 01));
        let with_surname = |surname: &str| PrintedFields {
            surname: field(surname.to_string(), 0.99),
            given_names: field("GIUSEPPE".to_string(), 0.99),
            document_number: None,
            birth_date: None,
            expiry_date: None,
        };
        // Written with an umlaut or without, it is the same name in MRZ form.
        reading.printed = Some(with_surname("Rössi"));
        assert_eq!(codes(&reading, &Policy::default()), vec![]);
        reading.printed = Some(with_surname("Russo"));
        assert_eq!(
            codes(&reading, &Policy::default()),
            vec![ReasonCode::DocumentInconsistent]
        );
        assert!(agree(
            Field::Surname,
            &Value::Text("WOLFESCHLEGELSTEINHAUS".to_string()),
            &Value::Text("WOLFESCHLEGELSTEINHAUSENBERGERDORFF".to_string()),
        ));
        assert!(!agree(
            Field::Surname,
            &Value::Text("WOLF".to_string()),
            &Value::Text("WOLFE".to_string()),
        ));
        // The printed zone's umlaut lost by the OCR still agrees with the MRZ's spelling.
        assert!(names_agree("MUELLER", "MULLER"));
        assert!(names_agree("AASEN", "ASEN"));
        assert!(!names_agree("MUELLER", "MILLER"));
        assert_eq!(name_skeleton("GOETHE<UEBEL"), "GOTHEUBEL");
        // A space the OCR lost between two names.
        assert!(names_agree("ANNA<MARIA", "ANNAMARIA"));
        // A given name cut at the MRZ's length is at least 10 characters long with its fillers.
        assert!(names_agree("ANNA<MARIE", "ANNA<MARIE<LOUISE"));
        assert!(!names_agree("ANNA<MARI", "ANNA<MARIE<LOUISE"));
    }

    #[test]
    fn a_printed_name_a_letter_away_puts_the_zone_s_name_in_doubt() {
        let zone = MrzFields {
            surname: Some("HOJCIK".into()),
            given_names: Some("LUCJA".into()),
            ..MrzFields::default()
        };
        let printed = |surname: &str, given: &str| PrintedFields {
            surname: Some(ReadField {
                value: surname.into(),
                text: surname.into(),
                confidence: 0.85,
            }),
            given_names: Some(ReadField {
                value: given.into(),
                text: given.into(),
                confidence: 0.85,
            }),
            ..PrintedFields::default()
        };
        // The same name but for a letter: one of the two readings is wrong.
        assert!(names_in_doubt(&zone, &printed("WOJCIK", "LUCJA")));
        // Unless the printed name was read unsure (a letter with a diacritic misread).
        let mut unsure = printed("WOJCIK", "LUCJA");
        if let Some(surname) = unsure.surname.as_mut() {
            surname.confidence = DOUBT_CONFIDENCE - 0.1;
        }
        assert!(!names_in_doubt(&zone, &unsure));
        assert!(names_in_doubt(&zone, &printed("HOJCIK", "LUCIA")));
        // The same name, spelled as the MRZ transliterates it, or cut.
        assert!(!names_in_doubt(&zone, &printed("HOJCIK", "LUCJA")));
        assert!(!names_in_doubt(&zone, &printed("Hojcik", "Lucja")));
        // Another line, or a name far apart: no evidence either way.
        assert!(!names_in_doubt(&zone, &printed("POZNAN", "LUCJA")));
        assert!(!names_in_doubt(&zone, &printed("HOJCIKOWA", "LUCJA")));
        assert!(!names_in_doubt(&zone, &PrintedFields::default()));
        // A zone in doubt is not trusted.
        let lines = mrz_lines("P", MrzFormat::Td3, date!(2031 - 05 - 01));
        let mut reading = mrz_reading(&lines, true);
        assert!(reading.trusted());
        reading.doubt = Some(MrzDoubt::NamesDisagreeWithPrintedZone);
        assert!(!reading.trusted());
    }

    #[test]
    fn a_zone_with_an_unknown_country_or_a_passport_not_in_td3_is_in_doubt() {
        let fields = |code: &str, state: &str, nationality: &str| MrzFields {
            document_code: Some(code.into()),
            issuing_state: Some(state.into()),
            nationality: Some(nationality.into()),
            ..MrzFields::default()
        };
        assert_eq!(
            MrzDoubt::of(MrzFormat::Td3, &fields("P", "NLD", "NLD")),
            None
        );
        assert_eq!(MrzDoubt::of(MrzFormat::Td3, &fields("P", "UTO", "D")), None);
        assert_eq!(
            MrzDoubt::of(MrzFormat::Td1, &fields("ID", "POL", "POL")),
            None
        );
        assert_eq!(
            MrzDoubt::of(MrzFormat::Td3, &fields("P", "NLD", "NLO")),
            Some(MrzDoubt::UnknownCountryCode)
        );
        assert_eq!(
            MrzDoubt::of(MrzFormat::Td2, &fields("P", "KOR", "KOR")),
            Some(MrzDoubt::PassportNotTd3)
        );
        assert_eq!(
            MrzDoubt::of(MrzFormat::Td2, &fields("I", "FRA", "FRA")),
            None
        );
    }

    #[test]
    fn a_card_without_its_back_is_missing_a_side() {
        let lines = mrz_lines("I", MrzFormat::Td1, date!(2031 - 05 - 01));
        let mut reading = DocumentReading {
            mrz: Some(mrz_reading(&lines, true)),
            ..passport(date!(2031 - 05 - 01))
        };
        identify(&mut reading);
        assert_eq!(reading.kind, Some(DocumentKind::IdCard));
        assert_eq!(
            codes(&reading, &Policy::default()),
            vec![ReasonCode::DocumentSideMissing]
        );
        reading.sides.back_given = true;
        assert_eq!(codes(&reading, &Policy::default()), vec![]);
    }
}
