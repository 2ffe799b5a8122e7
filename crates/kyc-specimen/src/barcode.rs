//! The driving licence barcode: an AAMVA version 10 payload (written by
//! `kyc_documents::aamva::write`) encoded as a real PDF417 symbol with rxing.

use kyc_documents::aamva::{self, AamvaPayload, DateOrder, SubfileData, SubfileType};
use rxing::{
    BarcodeFormat, EncodeHints, Writer, pdf417::PDF417Writer, pdf417::encoder::Dimensions,
};

use crate::SpecimenError;
use crate::identity::{Drawn, Sex};

/// Builds the AAMVA payload of a driving licence.
pub(crate) fn aamva_payload(drawn: &Drawn, discriminator: &str) -> Result<String, SpecimenError> {
    let id = &drawn.identity;
    let state = drawn.state.map(|s| s.code).unwrap_or("VA");
    let iin = aamva::iin_of(state).unwrap_or(636000);
    let date = |d| aamva::format_date(d, DateOrder::MonthDayYear);
    let first = id.given_names.split(' ').next().unwrap_or("").to_string();
    let middle = drawn.middle_name.clone().unwrap_or_default();
    let address = id.address.as_ref();
    let zip = address
        .map(|a| format!("{:0<9}", a.postal_code))
        .unwrap_or_else(|| "000000000".to_string());
    let inches = (f32::from(id.height_cm) / 2.54).round() as u32;
    let sex = match id.sex {
        Sex::Male => "1",
        Sex::Female => "2",
    };
    let letter = state.as_bytes().first().copied().unwrap_or(b'V');
    let e = |k: &str, v: String| (k.to_string(), v);
    let elements = vec![
        e("DAQ", id.document_number.clone()),
        e(
            "DCA",
            id.licence_class.clone().unwrap_or_else(|| "C".into()),
        ),
        e("DCB", "NONE".into()),
        e("DCD", "NONE".into()),
        e("DBA", date(id.expiry_date)),
        e("DCS", id.surname.clone()),
        e("DAC", first),
        e("DAD", middle),
        e("DBD", date(id.issue_date)),
        e("DBB", date(id.birth_date)),
        e("DBC", sex.into()),
        e("DAY", id.eye_colour.clone()),
        e("DAU", format!("{inches:03} IN")),
        e("DAG", address.map(|a| a.street.clone()).unwrap_or_default()),
        e("DAI", address.map(|a| a.city.clone()).unwrap_or_default()),
        e("DAJ", state.to_string()),
        e("DAK", zip),
        e("DCF", discriminator.to_string()),
        e("DCG", "USA".into()),
        e("DDE", "N".into()),
        e("DDF", "N".into()),
        e("DDG", "N".into()),
        e("DDA", "F".into()),
        e("DDB", "07162021".into()),
        e("DDK", "1".into()),
    ];
    let payload = AamvaPayload {
        iin: format!("{iin:06}"),
        version: 10,
        jurisdiction_version: 0,
        subfiles: vec![
            SubfileData {
                kind: SubfileType::DriverLicence,
                elements,
            },
            SubfileData {
                kind: SubfileType::Jurisdiction(letter),
                elements: vec![(format!("Z{}A", char::from(letter)), "SPECIMEN".into())],
            },
        ],
    };
    aamva::write(&payload).map_err(|err| SpecimenError::Barcode(err.to_string()))
}

/// Encodes `text` as PDF417 (error correction level 3, 13 data columns, like most licences)
/// and returns the module matrix: `rows` of booleans, true = dark, each module one unit wide
/// and (as rxing lays it out) one row = one module row of aspect 4.
pub(crate) fn pdf417_modules(text: &str) -> Result<Vec<Vec<bool>>, SpecimenError> {
    let hints = EncodeHints {
        ErrorCorrection: Some("3".to_string()),
        Margin: Some("0".to_string()),
        Pdf417Dimensions: Some(Dimensions::new(11, 15, 3, 90)),
        ..EncodeHints::default()
    };
    let matrix = PDF417Writer
        .encode_with_hints(text, &BarcodeFormat::PDF_417, 1, 1, &hints)
        .map_err(|err| SpecimenError::Barcode(err.to_string()))?;
    let (w, h) = (matrix.width(), matrix.height());
    let mut rows = Vec::new();
    let mut y = 0;
    // rxing repeats each module row `aspect` (4) times; keep one of each.
    while y < h {
        let row: Vec<bool> = (0..w).map(|x| matrix.get(x, y)).collect();
        let mut next = y + 1;
        while next < h && (0..w).all(|x| matrix.get(x, next) == row[x as usize]) {
            next += 1;
        }
        rows.push(row);
        y = next;
    }
    Ok(rows)
}
