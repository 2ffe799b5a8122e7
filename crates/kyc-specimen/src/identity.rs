//! Random but consistent holders and documents: names from the issuing country's pool (in its
//! own script and spelling), dates that agree with `today`, numbers in the country's format.

use serde::Serialize;
use time::{Date, Duration, Month};

use crate::Kind;
use crate::rng::Rng;

/// The holder's sex as printed on the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}

impl Sex {
    /// `M` or `F`.
    pub fn letter(self) -> char {
        match self {
            Sex::Male => 'M',
            Sex::Female => 'F',
        }
    }
}

/// A postal address as printed (ID card back, driving licence front).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Address {
    /// House number and street, in the country's order (`Lindenstraße 12`, `1420 OAK ST`).
    pub street: String,
    /// City or town.
    pub city: String,
    /// Postal code (`50667`, `23219`).
    pub postal_code: String,
    /// US state abbreviation for driving licences (`VA`); `None` elsewhere.
    pub state: Option<String>,
}

/// Everything printed on (and encoded in) a specimen about its holder and the document itself.
///
/// Names are stored as the issuer prints them in the visual zone (`Müller`, `Иванова`,
/// `NGUYỄN`); the MRZ carries their ICAO transliteration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// Family name(s), in the issuer's script and spelling.
    pub surname: String,
    /// Given name(s), space separated.
    pub given_names: String,
    /// Latin form printed under a non-Latin name (Russian passports); `None` for Latin names.
    pub surname_latin: Option<String>,
    /// Latin form of the given names when the script is not Latin.
    pub given_names_latin: Option<String>,
    /// Sex.
    pub sex: Sex,
    /// Date of birth.
    #[serde(with = "iso_date")]
    pub birth_date: Date,
    /// City of birth (country name appended for some issuers).
    pub place_of_birth: String,
    /// ICAO three-letter nationality (the issuing state for these specimens, `USA` for licences).
    pub nationality: String,
    /// ICAO three-letter issuing state (`D` is written for Germany only inside the MRZ).
    pub issuing_country: String,
    /// Document number in the issuer's format.
    pub document_number: String,
    /// Date of issue.
    #[serde(with = "iso_date")]
    pub issue_date: Date,
    /// Date of expiry.
    #[serde(with = "iso_date")]
    pub expiry_date: Date,
    /// Issuing authority as printed.
    pub authority: String,
    /// Address (ID cards and driving licences).
    pub address: Option<Address>,
    /// Height in centimetres.
    pub height_cm: u16,
    /// Eye colour as AAMVA codes it (`BRO`, `BLU`, `GRN`, `HAZ`, `GRY`).
    pub eye_colour: String,
    /// Driving licence class (`C`, `D`...); `None` for other documents.
    pub licence_class: Option<String>,
}

pub(crate) mod iso_date {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    }
}

/// Which issuer a document comes from, with what is needed to print its documents.
#[derive(Debug)]
pub(crate) struct Country {
    /// ICAO code (`DEU`).
    pub code: &'static str,
    /// Name in English, upper case, as in passport headers.
    pub name_en: &'static str,
    /// Name in the national language, upper case (Latin or Cyrillic; empty when the national
    /// script cannot be printed with the embedded fonts).
    pub name_native: &'static str,
    /// Label language (see `labels`).
    pub lang: Lang,
    pub surnames: &'static [&'static str],
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    /// Female form of a surname (Russian and Polish surnames change with sex).
    pub female_surname: fn(&str) -> String,
    /// Spanish and Portuguese holders carry two family names.
    pub two_surnames: bool,
    pub cities: &'static [&'static str],
    pub streets: &'static [&'static str],
    /// Pattern of a passport number: `A` letter, `9` digit, `X` letter or digit, `Z` German
    /// alphabet (no vowels, no B, D, Q, S), anything else literal.
    pub passport_number: &'static str,
    /// Pattern of an ID card number; `None` when the country issues no TD1 ID card.
    pub id_number: Option<&'static str>,
    /// Postal code pattern.
    pub postcode: &'static str,
    /// The guilloche / accent colour of this issuer's documents (RGB).
    pub tint: [u8; 3],
}

/// Languages used for the field captions; English is always printed next to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    De,
    Fr,
    Es,
    Ru,
    Tr,
    Vi,
    Pt,
    It,
    Pl,
    Nl,
    En,
}

fn same(s: &str) -> String {
    s.to_string()
}

fn russian_female(s: &str) -> String {
    if s.ends_with("ий") {
        format!("{}ая", s.trim_end_matches("ий"))
    } else {
        format!("{s}а")
    }
}

fn polish_female(s: &str) -> String {
    if let Some(stem) = s.strip_suffix("ski") {
        format!("{stem}ska")
    } else if let Some(stem) = s.strip_suffix("cki") {
        format!("{stem}cka")
    } else {
        s.to_string()
    }
}

pub(crate) const COUNTRIES: &[Country] = &[
    Country {
        code: "DEU",
        name_en: "FEDERAL REPUBLIC OF GERMANY",
        name_native: "BUNDESREPUBLIK DEUTSCHLAND",
        lang: Lang::De,
        surnames: &[
            "Müller",
            "Schröder",
            "Weiß",
            "Schäfer",
            "Köhler",
            "Groß",
            "Jäger",
            "Krüger",
            "Hoffmann",
            "Fuchs",
            "Wöhler",
            "Schmidt",
        ],
        male: &[
            "Jürgen",
            "Lukas",
            "Maximilian",
            "Jörg",
            "Felix",
            "Matthias",
            "Björn",
            "Paul",
        ],
        female: &[
            "Anna", "Lena", "Sophie", "Käthe", "Marie", "Hannah", "Jördis", "Ursula",
        ],
        female_surname: same,
        two_surnames: false,
        cities: &[
            "Köln",
            "München",
            "Berlin",
            "Düsseldorf",
            "Nürnberg",
            "Lübeck",
            "Hamburg",
        ],
        streets: &[
            "Lindenstraße",
            "Am Mühlbach",
            "Goethestraße",
            "Schloßallee",
            "Hauptstraße",
        ],
        passport_number: "CZZZZZZZZ",
        id_number: Some("LZZZZZZZZ"),
        postcode: "99999",
        tint: [176, 120, 150],
    },
    Country {
        code: "FRA",
        name_en: "FRENCH REPUBLIC",
        name_native: "RÉPUBLIQUE FRANÇAISE",
        lang: Lang::Fr,
        surnames: &[
            "Lefèvre",
            "Dubois",
            "Moreau",
            "Girard",
            "Lemaître",
            "Rousseau",
            "Fontaine",
            "Hébert",
            "Bézier",
            "Martin",
        ],
        male: &[
            "François",
            "Jérôme",
            "Léon",
            "Hervé",
            "Noël",
            "Mathieu",
            "Benoît",
            "Jean-Luc",
        ],
        female: &[
            "Élodie",
            "Hélène",
            "Chloé",
            "Léa",
            "Mathilde",
            "Zoé",
            "Anaïs",
            "Marie-Thérèse",
        ],
        female_surname: same,
        two_surnames: false,
        cities: &[
            "Paris",
            "Lyon",
            "Besançon",
            "Orléans",
            "Nîmes",
            "Créteil",
            "Marseille",
        ],
        streets: &[
            "rue de la Paix",
            "avenue Foch",
            "rue des Écoles",
            "boulevard Gambetta",
        ],
        passport_number: "99AA99999",
        id_number: Some("XXXXXXXXX"),
        postcode: "99999",
        tint: [110, 130, 190],
    },
    Country {
        code: "ESP",
        name_en: "KINGDOM OF SPAIN",
        name_native: "REINO DE ESPAÑA",
        lang: Lang::Es,
        surnames: &[
            "García",
            "Rodríguez",
            "Martínez",
            "López",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Muñoz",
            "Jiménez",
            "Núñez",
            "Ibáñez",
        ],
        male: &[
            "José",
            "Alejandro",
            "Andrés",
            "Íñigo",
            "Álvaro",
            "Martín",
            "Sergio",
            "Raúl",
        ],
        female: &[
            "María José",
            "Lucía",
            "Sofía",
            "Inés",
            "Begoña",
            "Mónica",
            "Ángela",
            "Nuria",
        ],
        female_surname: same,
        two_surnames: true,
        cities: &[
            "Madrid", "Sevilla", "Málaga", "Córdoba", "León", "Cádiz", "Valencia",
        ],
        streets: &[
            "Calle Mayor",
            "Avenida de la Constitución",
            "Calle Alcalá",
            "Plaza España",
        ],
        passport_number: "AAA999999",
        id_number: Some("AAA999999"),
        postcode: "99999",
        tint: [190, 120, 110],
    },
    Country {
        code: "RUS",
        name_en: "RUSSIAN FEDERATION",
        name_native: "РОССИЙСКАЯ ФЕДЕРАЦИЯ",
        lang: Lang::Ru,
        surnames: &[
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Соколов",
            "Лебедев",
            "Козлов",
            "Новиков",
            "Морозов",
            "Волков",
            "Жуков",
            "Щукин",
        ],
        male: &[
            "Алексей",
            "Дмитрий",
            "Сергей",
            "Андрей",
            "Юрий",
            "Николай",
            "Михаил",
            "Фёдор",
        ],
        female: &[
            "Анастасия",
            "Екатерина",
            "Ольга",
            "Юлия",
            "Наталья",
            "Татьяна",
            "Ксения",
        ],
        female_surname: russian_female,
        two_surnames: false,
        cities: &[
            "Москва",
            "Санкт-Петербург",
            "Казань",
            "Новосибирск",
            "Екатеринбург",
        ],
        streets: &["ул. Ленина", "ул. Гагарина", "пр. Мира"],
        passport_number: "999999999",
        id_number: None,
        postcode: "999999",
        tint: [150, 110, 160],
    },
    Country {
        code: "TUR",
        name_en: "REPUBLIC OF TÜRKİYE",
        name_native: "TÜRKİYE CUMHURİYETİ",
        lang: Lang::Tr,
        surnames: &[
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir",
            "Doğan",
        ],
        male: &[
            "Mehmet", "Mustafa", "Ahmet", "Çağrı", "Emre", "Oğuz", "İbrahim", "Barış",
        ],
        female: &[
            "Ayşe", "Fatma", "Zeynep", "Elif", "Gül", "Şule", "Özlem", "Gülşen",
        ],
        female_surname: same,
        two_surnames: false,
        cities: &[
            "İstanbul",
            "Ankara",
            "İzmir",
            "Eskişehir",
            "Muğla",
            "Şanlıurfa",
        ],
        streets: &["Atatürk Cad.", "Cumhuriyet Mah.", "İnönü Sok."],
        passport_number: "A99999999",
        id_number: Some("A99A99999"),
        postcode: "99999",
        tint: [190, 100, 100],
    },
    Country {
        code: "VNM",
        name_en: "SOCIALIST REPUBLIC OF VIET NAM",
        name_native: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        lang: Lang::Vi,
        surnames: &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi",
        ],
        male: &[
            "Văn An",
            "Đức Minh",
            "Quốc Huy",
            "Minh Tuấn",
            "Văn Hùng",
            "Thành Long",
        ],
        female: &[
            "Thị Lan",
            "Thị Hoa",
            "Ngọc Ánh",
            "Thu Trang",
            "Thị Mai",
            "Phương Thảo",
        ],
        female_surname: same,
        two_surnames: false,
        cities: &["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Huế", "Hải Phòng"],
        streets: &["Lê Lợi", "Trần Hưng Đạo"],
        passport_number: "A9999999",
        id_number: None,
        postcode: "999999",
        tint: [120, 150, 120],
    },
    Country {
        code: "CHN",
        name_en: "PEOPLE'S REPUBLIC OF CHINA",
        name_native: "",
        lang: Lang::En,
        surnames: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu",
        ],
        male: &["Wei", "Haoran", "Zihao", "Yong", "Jun", "Jianguo", "Yuxuan"],
        female: &["Xiuying", "Fang", "Jing", "Yan", "Meiling", "Xinyi", "Lina"],
        female_surname: same,
        two_surnames: false,
        cities: &[
            "Beijing",
            "Shanghai",
            "Guangdong",
            "Sichuan",
            "Zhejiang",
            "Hubei",
        ],
        streets: &["Zhongshan Lu"],
        passport_number: "E99999999",
        id_number: None,
        postcode: "999999",
        tint: [170, 110, 110],
    },
    Country {
        code: "KOR",
        name_en: "REPUBLIC OF KOREA",
        name_native: "",
        lang: Lang::En,
        surnames: &[
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
        ],
        male: &["Minjun", "Seojun", "Jiho", "Dohyun", "Hyunwoo", "Gildong"],
        female: &["Seoyeon", "Jiwoo", "Haeun", "Minseo", "Soyeon", "Jiyoung"],
        female_surname: same,
        two_surnames: false,
        cities: &["Seoul", "Busan", "Incheon", "Daegu", "Gwangju"],
        streets: &["Sejong-daero"],
        passport_number: "M99999999",
        id_number: None,
        postcode: "99999",
        tint: [100, 120, 170],
    },
    Country {
        code: "JPN",
        name_en: "JAPAN",
        name_native: "",
        lang: Lang::En,
        surnames: &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ],
        male: &[
            "Haruto",
            "Sota",
            "Yuto",
            "Hiroshi",
            "Kenji",
            "Takeshi",
            "Ryunosuke",
        ],
        female: &["Yui", "Hina", "Sakura", "Aoi", "Yuko", "Misaki", "Haruka"],
        female_surname: same,
        two_surnames: false,
        cities: &["Tokyo", "Osaka", "Kyoto", "Hokkaido", "Fukuoka", "Aichi"],
        streets: &["Chiyoda"],
        passport_number: "AA9999999",
        id_number: None,
        postcode: "999-9999",
        tint: [170, 100, 140],
    },
    Country {
        code: "PRT",
        name_en: "PORTUGUESE REPUBLIC",
        name_native: "REPÚBLICA PORTUGUESA",
        lang: Lang::Pt,
        surnames: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Gonçalves",
            "Conceição",
            "Simões",
            "Magalhães",
            "Araújo",
            "Rodrigues",
            "Brandão",
        ],
        male: &[
            "João",
            "António",
            "Gonçalo",
            "Tomás",
            "Rúben",
            "Sebastião",
            "José Maria",
        ],
        female: &[
            "Inês",
            "Beatriz",
            "Mariana",
            "Leonor",
            "Conceição",
            "Margarida",
            "Joana",
        ],
        female_surname: same,
        two_surnames: true,
        cities: &["Lisboa", "Porto", "Coimbra", "Évora", "Setúbal", "Braga"],
        streets: &[
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
        ],
        passport_number: "AA999999",
        id_number: Some("999999999AA9"),
        postcode: "9999-999",
        tint: [100, 150, 130],
    },
    Country {
        code: "ITA",
        name_en: "ITALIAN REPUBLIC",
        name_native: "REPUBBLICA ITALIANA",
        lang: Lang::It,
        surnames: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "D'Angelo", "De Luca",
            "Nicolò",
        ],
        male: &[
            "Niccolò", "Lorenzo", "Giuseppe", "Andrea", "Mattia", "Gianluca",
        ],
        female: &[
            "Giulia",
            "Chiara",
            "Francesca",
            "Aurora",
            "Alessia",
            "Maria Grazia",
        ],
        female_surname: same,
        two_surnames: false,
        cities: &["Roma", "Milano", "Napoli", "Forlì", "Cantù", "Torino"],
        streets: &["Via Roma", "Corso Italia", "Via Garibaldi"],
        passport_number: "AA9999999",
        id_number: Some("CA99999AA"),
        postcode: "99999",
        tint: [120, 140, 110],
    },
    Country {
        code: "POL",
        name_en: "REPUBLIC OF POLAND",
        name_native: "RZECZPOSPOLITA POLSKA",
        lang: Lang::Pl,
        surnames: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Dąbrowski",
            "Zieliński",
            "Łukasiewicz",
        ],
        male: &[
            "Łukasz",
            "Paweł",
            "Krzysztof",
            "Michał",
            "Wojciech",
            "Jędrzej",
        ],
        female: &[
            "Małgorzata",
            "Agnieszka",
            "Joanna",
            "Katarzyna",
            "Zofia",
            "Łucja",
        ],
        female_surname: polish_female,
        two_surnames: false,
        cities: &["Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań"],
        streets: &["ul. Marszałkowska", "ul. Długa", "al. Jerozolimskie"],
        passport_number: "AA9999999",
        id_number: Some("AAA999999"),
        postcode: "99-999",
        tint: [180, 110, 120],
    },
    Country {
        code: "NLD",
        name_en: "KINGDOM OF THE NETHERLANDS",
        name_native: "KONINKRIJK DER NEDERLANDEN",
        lang: Lang::Nl,
        surnames: &[
            "de Vries",
            "Jansen",
            "van der Berg",
            "Bakker",
            "Visser",
            "van Dijk",
            "de Boer",
        ],
        male: &["Daan", "Sem", "Jeroen", "Thijs", "Bram", "Pieter"],
        female: &["Anouk", "Fleur", "Sanne", "Lotte", "Eline", "Femke"],
        female_surname: same,
        two_surnames: false,
        cities: &["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven"],
        streets: &["Keizersgracht", "Dorpsstraat", "Kerkstraat"],
        passport_number: "AAXXXXXX9",
        id_number: Some("AAXXXXXX9"),
        postcode: "9999 AA",
        tint: [190, 140, 90],
    },
];

/// A US jurisdiction that issues the driving licences.
#[derive(Debug)]
pub(crate) struct UsState {
    pub code: &'static str,
    pub name: &'static str,
    pub number: &'static str,
    pub cities: &'static [(&'static str, &'static str)],
    pub tint: [u8; 3],
}

pub(crate) const US_STATES: &[UsState] = &[
    UsState {
        code: "VA",
        name: "VIRGINIA",
        number: "A99999999",
        cities: &[
            ("RICHMOND", "23219"),
            ("ARLINGTON", "22201"),
            ("NORFOLK", "23510"),
        ],
        tint: [70, 110, 170],
    },
    UsState {
        code: "CA",
        name: "CALIFORNIA",
        number: "A9999999",
        cities: &[
            ("SACRAMENTO", "95814"),
            ("FRESNO", "93721"),
            ("OAKLAND", "94612"),
        ],
        tint: [200, 160, 80],
    },
    UsState {
        code: "NY",
        name: "NEW YORK",
        number: "999999999",
        cities: &[
            ("ALBANY", "12207"),
            ("BUFFALO", "14202"),
            ("ITHACA", "14850"),
        ],
        tint: [90, 120, 160],
    },
    UsState {
        code: "TX",
        name: "TEXAS",
        number: "99999999",
        cities: &[
            ("AUSTIN", "78701"),
            ("EL PASO", "79901"),
            ("HOUSTON", "77002"),
        ],
        tint: [150, 80, 80],
    },
    UsState {
        code: "FL",
        name: "FLORIDA",
        number: "A999999999999",
        cities: &[
            ("TALLAHASSEE", "32301"),
            ("ORLANDO", "32801"),
            ("MIAMI", "33130"),
        ],
        tint: [80, 150, 140],
    },
];

const US_SURNAMES: &[&str] = &[
    "SMITH",
    "JOHNSON",
    "WILLIAMS",
    "BROWN",
    "GARCIA",
    "MILLER",
    "DAVIS",
    "RODRIGUEZ",
    "NGUYEN",
    "KIM",
    "O'BRIEN",
    "MARTINEZ-LOPEZ",
    "WASHINGTON",
];
const US_MALE: &[&str] = &[
    "JAMES", "MICHAEL", "ROBERT", "DAVID", "CARLOS", "DANIEL", "MATTHEW", "ANTHONY",
];
const US_FEMALE: &[&str] = &[
    "MARY", "JENNIFER", "ASHLEY", "EMILY", "MARIA", "SARAH", "JESSICA", "LATOYA",
];
const US_MIDDLE_MALE: &[&str] = &["LEE", "JAMES", "RAY", "JOSEPH", "ALAN", "EDWARD"];
const US_MIDDLE_FEMALE: &[&str] = &["ANN", "MARIE", "LYNN", "ELIZABETH", "ROSE", "GRACE"];
const US_STREETS: &[&str] = &[
    "MAIN ST",
    "OAK AVE",
    "MAPLE DR",
    "WASHINGTON BLVD",
    "ELM ST",
    "LAKEVIEW RD",
    "2ND ST",
];

const EYES: &[&str] = &["BRO", "BLU", "GRN", "HAZ", "GRY"];

/// Countries that issue the given kind of document in these specimens.
pub(crate) fn issuers(kind: Kind) -> Vec<&'static Country> {
    match kind {
        Kind::Passport => COUNTRIES.iter().collect(),
        Kind::IdCard => COUNTRIES.iter().filter(|c| c.id_number.is_some()).collect(),
        Kind::DrivingLicence => Vec::new(),
    }
}

/// Fills a number pattern (see [`Country::passport_number`]).
pub(crate) fn fill_pattern(rng: &mut Rng, pattern: &str) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNPRSTUVWXYZ";
    const DIGITS: &[u8] = b"0123456789";
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    const GERMAN: &[u8] = b"CFGHJKLMNPRTVWXYZ0123456789";
    pattern
        .chars()
        .map(|c| {
            let set = match c {
                'A' => LETTERS,
                '9' => DIGITS,
                'X' => ALNUM,
                'Z' => GERMAN,
                other => return other,
            };
            char::from(set[rng.index(set.len())])
        })
        .collect()
}

fn add_years(date: Date, years: i32) -> Date {
    let year = date.year() + years;
    let month = date.month();
    let mut day = date.day();
    loop {
        if let Ok(d) = Date::from_calendar_date(year, month, day) {
            return d;
        }
        if day <= 28 {
            return date;
        }
        day -= 1;
    }
}

fn random_date_between(rng: &mut Rng, from: Date, to: Date) -> Date {
    let span = (to - from).whole_days().max(0);
    from + Duration::days(rng.int(0, span))
}

/// What the caller asks of the identity.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IdentityOptions {
    pub kind: Kind,
    pub today: Date,
    pub expired: bool,
    pub minor: bool,
}

/// Everything drawn for one specimen: the identity and the issuer's look.
#[derive(Debug)]
pub(crate) struct Drawn {
    pub identity: Identity,
    /// The issuing country (passports and ID cards).
    pub country: Option<&'static Country>,
    /// The issuing state (driving licences).
    pub state: Option<&'static UsState>,
    /// Middle name (driving licences print it separately).
    pub middle_name: Option<String>,
    /// A free-text signature (the holder's name written by hand).
    pub signature: String,
}

/// Draws a holder and a document for `options`.
pub(crate) fn draw(rng: &mut Rng, options: IdentityOptions) -> Drawn {
    let today = options.today;
    let sex = if rng.chance(0.5) {
        Sex::Female
    } else {
        Sex::Male
    };
    let (min_age, max_age) = if options.minor {
        match options.kind {
            Kind::DrivingLicence => (16, 17),
            _ => (4, 17),
        }
    } else {
        (18, 82)
    };
    let latest_birth = add_years(today, -min_age) - Duration::days(1);
    let earliest_birth = add_years(today, -(max_age + 1)) + Duration::days(1);
    let birth_date = random_date_between(rng, earliest_birth, latest_birth);
    let validity_years = match options.kind {
        Kind::Passport if options.minor => 5,
        Kind::Passport | Kind::IdCard => 10,
        Kind::DrivingLicence => 8,
    };
    let (issue_date, expiry_date) =
        issue_and_expiry(rng, today, birth_date, validity_years, options);
    let height_cm = match sex {
        Sex::Male => rng.int(165, 195),
        Sex::Female => rng.int(152, 182),
    } as u16;
    let height_cm = if options.minor && min_age < 12 {
        120 + (height_cm - 150) / 2
    } else {
        height_cm
    };
    let eye_colour = rng.pick(EYES).copied().unwrap_or("BRO").to_string();

    if options.kind == Kind::DrivingLicence {
        let state = &US_STATES[rng.index(US_STATES.len())];
        let surname = rng
            .pick(US_SURNAMES)
            .copied()
            .unwrap_or("SMITH")
            .to_string();
        let pool = if sex == Sex::Female {
            US_FEMALE
        } else {
            US_MALE
        };
        let first = rng.pick(pool).copied().unwrap_or("ALEX").to_string();
        let middles = if sex == Sex::Female {
            US_MIDDLE_FEMALE
        } else {
            US_MIDDLE_MALE
        };
        let middle = rng.pick(middles).copied().unwrap_or("LEE").to_string();
        let (city, zip) = state.cities[rng.index(state.cities.len())];
        let street = format!(
            "{} {}",
            rng.int(10, 9899),
            rng.pick(US_STREETS).copied().unwrap_or("MAIN ST")
        );
        let class = if options.minor {
            "D"
        } else if rng.chance(0.1) {
            "A"
        } else {
            "C"
        };
        let signature = format!("{} {}", title_case(&first), title_case(&surname));
        // A US licence expires on the holder's birthday.
        let expiry_date = Date::from_calendar_date(expiry_date.year(), birth_date.month(), 1)
            .ok()
            .and_then(|d| Date::from_calendar_date(d.year(), d.month(), birth_date.day()).ok())
            .unwrap_or(expiry_date);
        let expiry_date = fix_expiry(expiry_date, today, options.expired);
        let identity = Identity {
            surname,
            given_names: format!("{first} {middle}"),
            surname_latin: None,
            given_names_latin: None,
            sex,
            birth_date,
            place_of_birth: String::new(),
            nationality: "USA".to_string(),
            issuing_country: "USA".to_string(),
            document_number: fill_pattern(rng, state.number),
            issue_date,
            expiry_date,
            authority: format!("{} DMV", state.name),
            address: Some(Address {
                street,
                city: city.to_string(),
                postal_code: zip.to_string(),
                state: Some(state.code.to_string()),
            }),
            height_cm,
            eye_colour,
            licence_class: Some(class.to_string()),
        };
        return Drawn {
            identity,
            country: None,
            state: Some(state),
            middle_name: Some(middle),
            signature,
        };
    }

    let countries = issuers(options.kind);
    let country = countries[rng.index(countries.len())];
    let base = rng.pick(country.surnames).copied().unwrap_or("Doe");
    let mut surname = match sex {
        Sex::Female => (country.female_surname)(base),
        Sex::Male => base.to_string(),
    };
    if country.two_surnames {
        let second = rng.pick(country.surnames).copied().unwrap_or("Doe");
        if second != base {
            surname = format!("{surname} {second}");
        }
    }
    let pool = if sex == Sex::Female {
        country.female
    } else {
        country.male
    };
    let mut given_names = rng.pick(pool).copied().unwrap_or("Alex").to_string();
    if rng.chance(0.25)
        && !given_names.contains(' ')
        && !given_names.contains('-')
        && let Some(second) = rng.pick(pool)
        && *second != given_names
        && !second.contains(' ')
    {
        given_names = format!("{given_names} {second}");
    }
    let (surname_latin, given_names_latin) = if country.lang == Lang::Ru {
        (Some(latin_of(&surname)), Some(latin_of(&given_names)))
    } else {
        (None, None)
    };
    let pattern = match options.kind {
        Kind::IdCard => country.id_number.unwrap_or(country.passport_number),
        _ => country.passport_number,
    };
    let city = rng.pick(country.cities).copied().unwrap_or("");
    let address = if options.kind == Kind::IdCard {
        let home = rng.pick(country.cities).copied().unwrap_or("");
        let street = rng.pick(country.streets).copied().unwrap_or("");
        let number = rng.int(1, 180);
        let street = match country.lang {
            Lang::Fr | Lang::En => format!("{number} {street}"),
            _ => format!("{street} {number}"),
        };
        Some(Address {
            street,
            city: home.to_string(),
            postal_code: fill_pattern(rng, country.postcode),
            state: None,
        })
    } else {
        None
    };
    let authority = authority(country, options.kind, rng);
    let signature = {
        let first = given_names.split(' ').next().unwrap_or("");
        let shown_first = given_names_latin
            .as_deref()
            .and_then(|g| g.split(' ').next())
            .unwrap_or(first);
        let shown_last = surname_latin.as_deref().unwrap_or(&surname);
        format!("{} {}", title_case(shown_first), title_case(shown_last))
    };
    let identity = Identity {
        surname,
        given_names,
        surname_latin,
        given_names_latin,
        sex,
        birth_date,
        place_of_birth: city.to_string(),
        nationality: country.code.to_string(),
        issuing_country: country.code.to_string(),
        document_number: fill_pattern(rng, pattern),
        issue_date,
        expiry_date: fix_expiry(expiry_date, today, options.expired),
        authority,
        address,
        height_cm,
        eye_colour,
        licence_class: None,
    };
    Drawn {
        identity,
        country: Some(country),
        state: None,
        middle_name: None,
        signature,
    }
}

/// Keeps the promise made by `expired` after an expiry date was moved (to a birthday, say).
fn fix_expiry(expiry: Date, today: Date, expired: bool) -> Date {
    if expired && expiry >= today {
        today - Duration::days(1)
    } else if !expired && expiry < today {
        today + Duration::days(30)
    } else {
        expiry
    }
}

fn issue_and_expiry(
    rng: &mut Rng,
    today: Date,
    birth: Date,
    validity_years: i32,
    options: IdentityOptions,
) -> (Date, Date) {
    let earliest_issue = if options.minor {
        birth + Duration::days(30)
    } else {
        add_years(birth, 16)
    };
    let issue = if options.expired {
        // Expired between a day and three years ago.
        let expired_for = Duration::days(rng.int(1, 3 * 365));
        let expiry = today - expired_for;
        add_years(expiry, -validity_years) + Duration::days(1)
    } else {
        // Issued between a week and (validity - 1 month) ago.
        let latest = today - Duration::days(7);
        let earliest = add_years(today, -validity_years) + Duration::days(31);
        random_date_between(rng, earliest, latest)
    };
    let issue = if issue < earliest_issue && earliest_issue < today {
        earliest_issue
    } else {
        issue
    };
    let expiry = add_years(issue, validity_years) - Duration::days(1);
    (issue, expiry)
}

fn authority(country: &Country, kind: Kind, rng: &mut Rng) -> String {
    let city = rng.pick(country.cities).copied().unwrap_or("");
    match country.code {
        "DEU" => format!("Stadt {city}"),
        "FRA" => format!("Préfecture de {city}"),
        "ESP" => "DGP".to_string(),
        "RUS" => format!("ФМС {}", rng.int(10, 99)),
        "TUR" => "T.C. İÇİŞLERİ BAKANLIĞI".to_string(),
        "VNM" => "Cục Quản lý xuất nhập cảnh".to_string(),
        "CHN" => "National Immigration Administration".to_string(),
        "KOR" => "Ministry of Foreign Affairs".to_string(),
        "JPN" => "Ministry of Foreign Affairs".to_string(),
        "PRT" => match kind {
            Kind::IdCard => "República Portuguesa".to_string(),
            _ => "SEF-Serviço de Estrangeiros".to_string(),
        },
        "ITA" => format!("Comune di {city}"),
        "POL" => format!("Prezydent m. {city}"),
        "NLD" => format!("Burg. van {city}"),
        _ => city.to_string(),
    }
}

/// The ICAO Latin form of a (Cyrillic) name, in title case.
fn latin_of(name: &str) -> String {
    name.split(' ')
        .map(|part| title_case(&kyc_documents::mrz::transliterate(part).replace('<', "-")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `JOSÉ` → `José`, `o'brien` → `O'brien`.
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Removes Vietnamese tone marks and other diacritics the ICAO table does not list, so that the
/// MRZ writer keeps every letter (`Nguyễn` → `Nguyen`, `Đặng` → `Dang`).
pub(crate) fn fold_for_mrz(name: &str, country: &str) -> String {
    if country != "VNM" {
        return name.to_string();
    }
    name.chars().map(fold_vietnamese).collect()
}

fn fold_vietnamese(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    for (set, base) in GROUPS {
        if set.contains(c) {
            return *base;
        }
    }
    c
}

/// Month abbreviations for printed dates (`12 MAR/MARS 1985`).
pub(crate) fn month_abbrev(month: Month, lang: Lang) -> (&'static str, &'static str) {
    const EN: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    const FR: [&str; 12] = [
        "JANV", "FÉVR", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOÛT", "SEPT", "OCT", "NOV", "DÉC",
    ];
    const DE: [&str; 12] = [
        "JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ",
    ];
    const ES: [&str; 12] = [
        "ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC",
    ];
    let i = usize::from(u8::from(month)).saturating_sub(1).min(11);
    let native = match lang {
        Lang::Fr => FR[i],
        Lang::De => DE[i],
        Lang::Es | Lang::Pt => ES[i],
        _ => EN[i],
    };
    (native, EN[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_calendar_date(2026, Month::November, 22).expect("valid date")
    }

    #[test]
    fn dates_agree_with_today() {
        for seed in 0..300 {
            for kind in [Kind::Passport, Kind::IdCard, Kind::DrivingLicence] {
                for (expired, minor) in [(false, false), (true, false), (false, true)] {
                    let mut rng = Rng::new(seed);
                    let options = IdentityOptions {
                        kind,
                        today: today(),
                        expired,
                        minor,
                    };
                    let d = draw(&mut rng, options).identity;
                    assert!(d.issue_date <= today(), "{d:?}");
                    assert!(d.issue_date > d.birth_date, "{d:?}");
                    assert!(d.expiry_date > d.issue_date, "{d:?}");
                    assert_eq!(d.expiry_date < today(), expired, "{d:?}");
                    let age = (today() - d.birth_date).whole_days() / 365;
                    assert_eq!(age < 18, minor, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold_for_mrz("Nguyễn Đặng", "VNM"), "Nguyen Dang");
        assert_eq!(fold_for_mrz("Müller", "DEU"), "Müller");
    }

    #[test]
    fn female_forms() {
        assert_eq!(russian_female("Иванов"), "Иванова");
        assert_eq!(polish_female("Kowalski"), "Kowalska");
    }
}
