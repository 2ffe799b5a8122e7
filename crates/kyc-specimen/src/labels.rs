//! Printed captions ("Surname / Nom"), printed dates and nationality names, per issuer language.

use time::Date;

use crate::identity::{Lang, month_abbrev};

/// A printed field caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Type,
    Code,
    PassportNumber,
    CardNumber,
    Surname,
    GivenNames,
    Nationality,
    BirthDate,
    Sex,
    PlaceOfBirth,
    IssueDate,
    ExpiryDate,
    Authority,
    Signature,
    Address,
    Height,
    Eyes,
    PassportTitle,
    IdCardTitle,
}

fn english(field: Field) -> &'static str {
    match field {
        Field::Type => "Type",
        Field::Code => "Code",
        Field::PassportNumber => "Passport No.",
        Field::CardNumber => "Document No.",
        Field::Surname => "Surname",
        Field::GivenNames => "Given names",
        Field::Nationality => "Nationality",
        Field::BirthDate => "Date of birth",
        Field::Sex => "Sex",
        Field::PlaceOfBirth => "Place of birth",
        Field::IssueDate => "Date of issue",
        Field::ExpiryDate => "Date of expiry",
        Field::Authority => "Authority",
        Field::Signature => "Holder's signature",
        Field::Address => "Address",
        Field::Height => "Height",
        Field::Eyes => "Colour of eyes",
        Field::PassportTitle => "PASSPORT",
        Field::IdCardTitle => "IDENTITY CARD",
    }
}

fn native(field: Field, lang: Lang) -> Option<&'static str> {
    use Field as F;
    let table: [&'static str; 19] = match lang {
        Lang::De => [
            "Typ",
            "Kode",
            "Pass-Nr.",
            "Ausweis-Nr.",
            "Name",
            "Vornamen",
            "Staatsangehörigkeit",
            "Geburtstag",
            "Geschlecht",
            "Geburtsort",
            "Ausstellungsdatum",
            "Gültig bis",
            "Behörde",
            "Unterschrift",
            "Anschrift",
            "Größe",
            "Augenfarbe",
            "REISEPASS",
            "PERSONALAUSWEIS",
        ],
        Lang::Fr => [
            "Type",
            "Code du pays",
            "Passeport n°",
            "N° du document",
            "Nom",
            "Prénoms",
            "Nationalité",
            "Date de naissance",
            "Sexe",
            "Lieu de naissance",
            "Date de délivrance",
            "Date d'expiration",
            "Autorité",
            "Signature du titulaire",
            "Adresse",
            "Taille",
            "Couleur des yeux",
            "PASSEPORT",
            "CARTE NATIONALE D'IDENTITÉ",
        ],
        Lang::Es => [
            "Tipo",
            "Código",
            "Nº pasaporte",
            "Nº soporte",
            "Apellidos",
            "Nombre",
            "Nacionalidad",
            "Fecha de nacimiento",
            "Sexo",
            "Lugar de nacimiento",
            "Fecha de expedición",
            "Fecha de caducidad",
            "Autoridad",
            "Firma del titular",
            "Domicilio",
            "Estatura",
            "Color de ojos",
            "PASAPORTE",
            "DOCUMENTO NACIONAL DE IDENTIDAD",
        ],
        Lang::Ru => [
            "Тип",
            "Код государства",
            "Номер паспорта",
            "Номер",
            "Фамилия",
            "Имя",
            "Гражданство",
            "Дата рождения",
            "Пол",
            "Место рождения",
            "Дата выдачи",
            "Дата окончания срока",
            "Орган, выдавший документ",
            "Подпись владельца",
            "Адрес",
            "Рост",
            "Цвет глаз",
            "ПАСПОРТ",
            "УДОСТОВЕРЕНИЕ ЛИЧНОСТИ",
        ],
        Lang::Tr => [
            "Tipi",
            "Ülke kodu",
            "Pasaport No",
            "Seri No",
            "Soyadı",
            "Adı",
            "Uyruğu",
            "Doğum tarihi",
            "Cinsiyeti",
            "Doğum yeri",
            "Veriliş tarihi",
            "Son geçerlilik",
            "Makam",
            "İmza",
            "Adres",
            "Boy",
            "Göz rengi",
            "PASAPORT",
            "KİMLİK KARTI",
        ],
        Lang::Vi => [
            "Loại",
            "Mã số",
            "Số hộ chiếu",
            "Số",
            "Họ",
            "Chữ đệm và tên",
            "Quốc tịch",
            "Ngày sinh",
            "Giới tính",
            "Nơi sinh",
            "Ngày cấp",
            "Có giá trị đến",
            "Cơ quan cấp",
            "Chữ ký",
            "Địa chỉ",
            "Chiều cao",
            "Màu mắt",
            "HỘ CHIẾU",
            "CĂN CƯỚC",
        ],
        Lang::Pt => [
            "Tipo",
            "Código",
            "Passaporte N.º",
            "Documento N.º",
            "Apelido(s)",
            "Nome(s)",
            "Nacionalidade",
            "Data de nascimento",
            "Sexo",
            "Local de nascimento",
            "Data de emissão",
            "Válido até",
            "Autoridade",
            "Assinatura",
            "Morada",
            "Altura",
            "Cor dos olhos",
            "PASSAPORTE",
            "CARTÃO DE CIDADÃO",
        ],
        Lang::It => [
            "Tipo",
            "Codice",
            "Passaporto N.",
            "Documento N.",
            "Cognome",
            "Nome",
            "Cittadinanza",
            "Data di nascita",
            "Sesso",
            "Luogo di nascita",
            "Data di rilascio",
            "Scadenza",
            "Autorità",
            "Firma del titolare",
            "Indirizzo",
            "Statura",
            "Colore degli occhi",
            "PASSAPORTO",
            "CARTA DI IDENTITÀ",
        ],
        Lang::Pl => [
            "Typ",
            "Kod państwa",
            "Nr paszportu",
            "Nr dowodu",
            "Nazwisko",
            "Imiona",
            "Obywatelstwo",
            "Data urodzenia",
            "Płeć",
            "Miejsce urodzenia",
            "Data wydania",
            "Data ważności",
            "Organ wydający",
            "Podpis posiadacza",
            "Adres",
            "Wzrost",
            "Kolor oczu",
            "PASZPORT",
            "DOWÓD OSOBISTY",
        ],
        Lang::Nl => [
            "Soort",
            "Code",
            "Paspoortnummer",
            "Documentnummer",
            "Naam",
            "Voornamen",
            "Nationaliteit",
            "Geboortedatum",
            "Geslacht",
            "Geboorteplaats",
            "Datum van afgifte",
            "Geldig tot",
            "Instantie",
            "Handtekening",
            "Adres",
            "Lengte",
            "Kleur ogen",
            "PASPOORT",
            "IDENTITEITSKAART",
        ],
        Lang::En => return None,
    };
    let index = match field {
        F::Type => 0,
        F::Code => 1,
        F::PassportNumber => 2,
        F::CardNumber => 3,
        F::Surname => 4,
        F::GivenNames => 5,
        F::Nationality => 6,
        F::BirthDate => 7,
        F::Sex => 8,
        F::PlaceOfBirth => 9,
        F::IssueDate => 10,
        F::ExpiryDate => 11,
        F::Authority => 12,
        F::Signature => 13,
        F::Address => 14,
        F::Height => 15,
        F::Eyes => 16,
        F::PassportTitle => 17,
        F::IdCardTitle => 18,
    };
    table.get(index).copied()
}

/// `Name / Surname`, or `Surname` for English-only issuers.
pub(crate) fn caption(field: Field, lang: Lang) -> String {
    match native(field, lang) {
        Some(n) if n != english(field) => format!("{n} / {}", english(field)),
        _ => english(field).to_string(),
    }
}

/// The document title in the national language and English.
pub(crate) fn title(field: Field, lang: Lang) -> String {
    caption(field, lang).replace(" / ", "  ·  ")
}

/// The printed nationality.
pub(crate) fn nationality(code: &str) -> &'static str {
    match code {
        "DEU" => "DEUTSCH",
        "FRA" => "FRANÇAISE",
        "ESP" => "ESPAÑOLA",
        "RUS" => "РОССИЯ / RUSSIA",
        "TUR" => "T.C. / TUR",
        "VNM" => "VIỆT NAM / VIETNAMESE",
        "CHN" => "CHINESE",
        "KOR" => "REPUBLIC OF KOREA",
        "JPN" => "JAPAN",
        "PRT" => "PORTUGUESA",
        "ITA" => "ITALIANA",
        "POL" => "POLSKIE / POLISH",
        "NLD" => "NEDERLANDSE",
        "USA" => "USA",
        _ => "",
    }
}

/// A passport date: `12 MARS/MAR 1985`.
pub(crate) fn passport_date(date: Date, lang: Lang) -> String {
    let (n, e) = month_abbrev(date.month(), lang);
    let month = if n == e || lang == Lang::En {
        e.to_string()
    } else {
        format!("{n}/{e}")
    };
    format!("{:02} {month} {}", date.day(), date.year())
}

/// An ID card date: `12.03.1985` or `12 03 1985`.
pub(crate) fn card_date(date: Date, lang: Lang) -> String {
    let sep = match lang {
        Lang::De | Lang::Pl | Lang::Tr | Lang::Ru | Lang::It => '.',
        _ => ' ',
    };
    format!(
        "{:02}{sep}{:02}{sep}{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// A US licence date: `03/12/1985`.
pub(crate) fn us_date(date: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        u8::from(date.month()),
        date.day(),
        date.year()
    )
}

/// US height: `5'-09"`.
pub(crate) fn us_height(cm: u16) -> String {
    let inches = (f32::from(cm) / 2.54).round() as u32;
    format!("{}'-{:02}\"", inches / 12, inches % 12)
}
