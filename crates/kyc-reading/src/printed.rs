//! Reading the printed (visual inspection) zone of an identity document: surname, given
//! names, birth date, document number and expiry date, each labelled by the caption printed
//! beside it.
//!
//! The input is an upright, rectified document picture and its detected text boxes. Boxes
//! that cannot be a caption or a value (too small to read, slanted like a "SPECIMEN" stamp,
//! as long as an MRZ line) are skipped, at most [`MAX_READ_BOXES`] are read, and then the
//! labelling is pure: [`label_fields`] over [`ReadBox`]es (geometry and text), so it can be
//! tested without the models.
//!
//! Labelling works in three steps:
//!
//! 1. **Captions.** Each box's text is searched for captions. ICAO 9303 visual zones print
//!    captions in words, often in two languages ("Cognome / Surname", "Date of birth / Date de
//!    naissance"): [`CAPTION_WORDS`] lists them (English, French, German, Spanish, Italian,
//!    Dutch, Portuguese and a few more), matched accent- and case-blind with spaces ignored,
//!    longest first, so "Given names" is not "Name" and "Nome" is not "Nom"; exact matches
//!    first, then, in text that is not all capitals, with one edit per [`FUZZY_LENGTH`]
//!    letters ("Suname", "Datefbirth"). Words before a slash or in small letters belong to the
//!    caption (a language not listed), and so does a piece in small letters just left of it
//!    (a caption the detector cut in two): values line up with the caption's start. US driving
//!    licences follow the AAMVA card design: numbered fields ("1" family name, "2" given
//!    names, "3 DOB", "4b EXP", "4d DLN"), see [`AAMVA_CODES`]; a bare number is a caption only
//!    on a licence (when at least [`MIN_AAMVA_CODES`] code words were seen) and only at the
//!    start of a box. Captions of fields not read here (sex, place of birth...) are found too:
//!    they must not be taken for values, and they bound the columns.
//! 2. **Values.** Text after a caption in the same box ("4d DLN 3363584", "Surname ROSSI") is
//!    that caption's value. Otherwise an ICAO caption's value is the nearest box below whose
//!    left edge lines up with the caption's (within [`ALIGN_HEIGHTS`] box heights), else the
//!    nearest box to its right on the same line; an AAMVA caption's value is to its right. A
//!    value box spanning several columns is cut where the next caption of the row begins.
//! 3. **Conversion.** Names keep letters, spaces, hyphens and apostrophes; document numbers
//!    are 4 to 20 letters and digits with at least one digit; dates are read as "26.10.1964",
//!    "26 OCT 1964", "26 OCT/OCT 64", "1964-10-26", "26/10/1964" or "10/26/1964". A numeric date
//!    whose day and month could be swapped is read month first on an AAMVA licence and day
//!    first elsewhere; a two-digit year is put in the latest century that keeps the birth date
//!    before the expiry date. When a candidate does not convert (a birth-date caption above a
//!    line that is not a date), the next candidate is tried.
//! 4. **Licence fallbacks.** The small field numbers "1" and "2" are often not read: the
//!    names are then the two lines under the birth-date line (or the line above the given
//!    names); a misread "3 DOB" leaves the earliest date printed, when it is at least
//!    [`MIN_LICENCE_AGE_YEARS`] before the expiry.
//!
//! Each field keeps the text it was read from and a confidence: the lowest character
//! confidence of that text.
//!
//! **Reading against expected values.** When a trusted MRZ or a licence's barcode already says
//! what the printed zone should show ([`Expected`]), the zone need only be confirmed:
//! [`confirm_printed`] reads lines of text found in the page's ink (no text detector), for
//! each value not yet found the line whose shape fits it best (its characters per word:
//! "AYSE GULSEN" is `[4, 6]`, "05 DEC 1972" `[2, 3, 4]`; [`value_shapes`]), preferring even
//! (capitals) and tall lines and, on a document with an MRZ, the values looked for in ICAO
//! 9303's order ([`icao_rank`]) and each line costed by where it stands ([`ORDER_COST`],
//! [`SKIPPED_LINE_COST`]: on the side of the values found already that the order puts it, the
//! names right under the number and the surname, the birth date the first written date and the
//! expiry the last, not the page's top line); lines in the portrait are not read. Lines are
//! read until every value has been found printed ([`confirm_expected`]:
//! the whole line or the text after a caption in it, converted as above and compared as
//! `reading` compares sources). Most documents are confirmed in five or six reads instead of
//! twenty to thirty. When a value is missing or disagrees, [`read_printed`] reads the
//! detector's boxes, those that fit an expected value first, stopping as soon as all agree,
//! else labelling every field by its caption as above.

use image::RgbImage;
use serde::{Serialize, Serializer};
use time::{Date, Month};

use crate::ink::InkLine;
use crate::models::ModelError;
use crate::reading::{Field, Value, agree, comparable_name, comparable_text};
use crate::text::{TextBox, TextRecognizer};

/// Boxes lower than this (in pixels of a 1280-pixel-wide document) are microprint or noise.
pub const MIN_BOX_HEIGHT: f32 = 12.0;
/// Boxes tilted more than this, in degrees, are stamps or guilloches, not fields (lines of a
/// rectified document run straight).
pub const MAX_BOX_ANGLE_DEG: f32 = 6.0;
/// Boxes taller than this many times the median box height are stamps or titles.
pub const MAX_HEIGHT_TO_MEDIAN: f32 = 2.5;
/// Boxes longer than this many heights are MRZ lines or microprint bands.
pub const MAX_BOX_ASPECT: f32 = 30.0;
/// Most boxes read on one document (the highest-scoring ones are kept).
pub const MAX_READ_BOXES: usize = 60;
/// How far, in box heights, a value's left edge may be from its caption's.
pub const ALIGN_HEIGHTS: f32 = 1.2;
/// Largest gap, in caption heights, between a caption and the value below it.
pub const MAX_BELOW_GAP_HEIGHTS: f32 = 2.5;
/// Largest gap, in value heights, between a caption and the value to its right.
pub const MAX_RIGHT_GAP_HEIGHTS: f32 = 4.0;
/// Code words ("DOB", "DLN"...) that make a document an AAMVA licence.
pub const MIN_AAMVA_CODES: usize = 2;

/// One field as read: its value, the text it came from and how sure the recogniser was.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(bound(serialize = "T: FieldValue"))]
pub struct ReadField<T> {
    #[serde(serialize_with = "FieldValue::serialize_value")]
    pub value: T,
    /// The text the value was taken from, as read.
    pub text: String,
    /// The lowest character confidence of that text.
    pub confidence: f32,
}

/// How a field's value is written out: dates as `YYYY-MM-DD`.
pub trait FieldValue {
    fn serialize_value<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl FieldValue for String {
    fn serialize_value<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl FieldValue for Date {
    fn serialize_value<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            self.year(),
            u8::from(self.month()),
            self.day()
        ))
    }
}

/// The fields read from the printed zone; `None` where no caption with a readable value
/// was found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PrintedFields {
    pub surname: Option<ReadField<String>>,
    pub given_names: Option<ReadField<String>>,
    pub document_number: Option<ReadField<String>>,
    pub birth_date: Option<ReadField<Date>>,
    pub expiry_date: Option<ReadField<Date>>,
}

impl PrintedFields {
    /// Whether any field was read.
    pub fn any(&self) -> bool {
        self.surname.is_some()
            || self.given_names.is_some()
            || self.document_number.is_some()
            || self.birth_date.is_some()
            || self.expiry_date.is_some()
    }
}

/// A detected box and what was read in it: the input of [`label_fields`].
#[derive(Clone, Debug, PartialEq)]
pub struct ReadBox {
    pub text_box: TextBox,
    pub text: String,
    /// Confidence per character of `text`.
    pub confidence: Vec<f32>,
    /// Where each character was read, as a fraction of the box's length (0 = start).
    pub positions: Vec<f32>,
}

impl ReadBox {
    /// A box read with full confidence and evenly spaced characters (for tests and callers
    /// that have text without per-character detail).
    pub fn uniform(text_box: TextBox, text: &str) -> ReadBox {
        let n = text.chars().count();
        ReadBox {
            text_box,
            text: text.to_string(),
            confidence: vec![1.0; n],
            positions: (0..n).map(|i| (i as f32 + 0.5) / n.max(1) as f32).collect(),
        }
    }
}

/// Reads the printed zone of an upright rectified document.
///
/// With `expected` values (from a trusted MRZ or a licence's barcode), the boxes whose size
/// fits an expected value are read first, and reading stops as soon as every expected value
/// has been found printed ([`confirm_expected`]): the printed zone then agrees with the
/// machine-readable data and reading the rest would change nothing. Otherwise every box worth
/// reading is read and the fields are labelled by their captions ([`label_fields`]). The
/// boxes read are returned too (their text says what the document calls itself).
pub fn read_printed(
    picture: &RgbImage,
    boxes: &[TextBox],
    recognizer: &TextRecognizer,
    expected: &Expected,
) -> Result<(PrintedFields, Vec<ReadBox>), ModelError> {
    let mut read = Vec::new();
    let mut pieces = Vec::new();
    for text_box in reading_order(boxes, expected) {
        let one = read_box(picture, text_box, recognizer)?;
        pieces.push(candidate_pieces(&one));
        read.push(one);
        if let Some(fields) = confirmed(&pieces, expected) {
            return Ok((fields, read));
        }
    }
    Ok((label_fields(&read), read))
}

/// Most lines [`confirm_printed`] reads before it gives up.
pub const MAX_CONFIRM_READS: usize = 12;
/// Characters (blobs of ink) a printed date shows: "26.10.1964" (the dots are too small to
/// count), "28 JAN 2035".
pub const DATE_BLOBS: f32 = 8.5;
/// Height of the tallest values, in heights of the page's tall lines (its upper quartile):
/// a line taller than this is more likely a title or a graphic, and is read later.
pub const MAX_VALUE_HEIGHT: f32 = 1.3;
/// Blobs a month adds when printed in a national script too ("ИЮЛ/" before "JUL").
pub const TWO_SCRIPT_MONTH_BLOBS: f32 = 4.0;
/// What a line's fit to a value printed in two scripts costs beyond its fit: as much as a
/// line 1.65 times too long or short for the Latin value alone.
pub const TWO_SCRIPTS_COST: f32 = 0.5;

/// Confirms the printed zone against `expected` values from lines found in the page's ink
/// (`ink::text_lines`): for each value not found yet, the unread line whose shape fits it best
/// ([`shape_cost`], within [`FIT_RATIO`] of its length; [`ORDER_COST`] for each value found
/// already it stands on the wrong side of) is read, round after round, until every value has been
/// found ([`confirm_expected`]) or [`MAX_CONFIRM_READS`] lines have been read. When a value is
/// not found ([`Confirmation::complete`] is `None`), the caller reads the detector's boxes.
pub fn confirm_printed(
    picture: &RgbImage,
    lines: &[InkLine],
    recognizer: &TextRecognizer,
    expected: &Expected,
) -> Result<Confirmation, ModelError> {
    let mut heights: Vec<f32> = lines.iter().map(|l| l.character_height).collect();
    heights.sort_by(f32::total_cmp);
    let tall = heights
        .get(heights.len() * 3 / 4)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    // How unlikely a line is to hold a value: unlike every shape the value can take
    // ([`value_shapes`], [`shape_cost`]), uneven (small letters), shorter than the page's tall
    // lines (values stand taller than their captions), or much taller (titles, emblems, the
    // portrait's edges).
    let cost = |line: &InkLine, field: Field, value: &Value| {
        let fit = value_shapes(field, value)
            .into_iter()
            .filter_map(|shape| shape_cost(line, &shape))
            .min_by(f32::total_cmp)?;
        let height = line.character_height.max(1.0);
        Some(
            fit + (1.0 - line.evenness)
                + (tall / height).ln().max(0.0)
                + (height / (MAX_VALUE_HEIGHT * tall)).ln().max(0.0),
        )
    };
    let mut unread: Vec<usize> = (0..lines.len()).collect();
    let mut read: Vec<ReadBox> = Vec::new();
    // Each read box's pieces, cut once: matching runs after every read.
    let mut pieces: Vec<Vec<Piece>> = Vec::new();
    let mut confirmation = Confirmation {
        fields: PrintedFields::default(),
        found: vec![false; expected.fields.len()],
    };
    // Where each value was found: the middle of the line whose reading found it.
    let mut found_at: Vec<Option<f32>> = vec![None; expected.fields.len()];
    let layout = IcaoLayout::of(lines, tall);
    // On a document in ICAO 9303's order, what a line costs for where it stands.
    let misplaced = |field: Field, at: usize, found_at: &[Option<f32>]| -> f32 {
        if !expected.icao_order {
            return 0.0;
        }
        let found: Vec<(Field, f32)> = expected
            .fields
            .iter()
            .zip(found_at)
            .filter_map(|((other, _), y)| Some((*other, (*y)?)))
            .collect();
        layout.cost(field, at, &found)
    };
    // Values are looked for in ICAO 9303's order on a document that follows it: each found
    // tells where the next stands.
    let mut order: Vec<usize> = (0..expected.fields.len()).collect();
    if expected.icao_order {
        order.sort_by_key(|&index| icao_rank(expected.fields[index].0));
    }
    while read.len() < MAX_CONFIRM_READS && !expected.fields.is_empty() {
        let mut progressed = false;
        for &index in &order {
            let (field, value) = &expected.fields[index];
            if confirmation.found[index] || read.len() >= MAX_CONFIRM_READS {
                continue;
            }
            let best = unread
                .iter()
                .enumerate()
                .filter_map(|(at, &line)| {
                    let cost =
                        cost(&lines[line], *field, value)? + misplaced(*field, line, &found_at);
                    Some((at, cost))
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let Some((at, _)) = best else {
                continue;
            };
            let line = &lines[unread.remove(at)];
            let one = read_box(picture, &line.text_box, recognizer)?;
            pieces.push(candidate_pieces(&one));
            read.push(one);
            progressed = true;
            let (fields, found) = match_pieces(&pieces, expected);
            for (at, &now) in found_at.iter_mut().zip(&found) {
                if now && at.is_none() {
                    *at = Some(line.text_box.centre[1]);
                }
            }
            confirmation = Confirmation { fields, found };
            if confirmation.found.iter().all(|&f| f) {
                return Ok(confirmation);
            }
        }
        if !progressed {
            break;
        }
    }
    Ok(confirmation)
}

/// A shape a value can take on the page: its characters per word when known (`None` for a
/// value partly in a national script, whose words cannot be told), its length in characters,
/// and what the shape costs beyond its fit (unlikely shapes cost more).
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub words: Option<Vec<usize>>,
    pub length: f32,
    pub extra: f32,
}

/// The shapes a printed date takes, by characters per word (the dots and slashes between
/// numbers are counted as the ink finds them: dots are too small to be characters and leave
/// word gaps; slashes are characters): "05 DEC 1972", "26.10.1964" or "26 10 1964",
/// "05/12/2029", "26101964", "1964.10.26"; with what each costs beyond its fit: digits run
/// together are rare on documents (and an eight-letter word, a title or a nationality, has
/// the same shape).
pub const DATE_WORDS: [(&[usize], f32); 5] = [
    (&[2, 3, 4], 0.0),
    (&[2, 2, 4], 0.0),
    (&[10], 0.0),
    (&[8], UNDIVIDED_DATE_COST),
    (&[4, 2, 2], 0.0),
];
/// What a date printed as eight digits in a row costs beyond its fit.
pub const UNDIVIDED_DATE_COST: f32 = 0.3;

/// What a line whose words differ in number from a shape's costs per word of difference, in
/// the units of the length fit (natural logarithm of the length ratio).
pub const WORD_COUNT_COST: f32 = 0.7;

/// The shapes `value` can have: written in Latin letters (a name's words as the MRZ separates
/// them, a date in any of [`DATE_WORDS`]); or after the same value in a national script and a
/// slash ("СОКОЛОВА / SOKOLOVA", "05 ИЮЛ/JUL 1980"), which is less likely
/// ([`TWO_SCRIPTS_COST`]). A document number is printed in Latin letters and digits only.
pub fn value_shapes(field: Field, value: &Value) -> Vec<Shape> {
    match value {
        Value::Text(text) => {
            let words: Vec<usize> = text
                .split(|c: char| !c.is_alphanumeric())
                .map(|word| word.chars().count())
                .filter(|&count| count > 0)
                .collect();
            let length = words.iter().sum::<usize>() as f32;
            let latin = Shape {
                words: Some(words),
                length,
                extra: 0.0,
            };
            match field {
                Field::DocumentNumber => vec![latin],
                _ => vec![
                    latin,
                    Shape {
                        words: None,
                        length: 2.0 * length + 1.0,
                        extra: TWO_SCRIPTS_COST,
                    },
                ],
            }
        }
        Value::Date(_) => {
            let mut shapes: Vec<Shape> = DATE_WORDS
                .iter()
                .map(|(words, extra)| Shape {
                    words: Some(words.to_vec()),
                    length: words.iter().sum::<usize>() as f32,
                    extra: *extra,
                })
                .collect();
            shapes.push(Shape {
                words: None,
                length: DATE_BLOBS + TWO_SCRIPT_MONTH_BLOBS,
                extra: TWO_SCRIPTS_COST,
            });
            shapes
        }
    }
}

/// How unlike `shape` a line of ink is, or `None` when its length is not within
/// [`FIT_RATIO`] of the shape's: the logarithm of the length ratio, plus, when the shape's
/// words are known, [`WORD_COUNT_COST`] per word of difference in number, or else, word for
/// word, the mean logarithm of their length ratios.
pub fn shape_cost(line: &InkLine, shape: &Shape) -> Option<f32> {
    let characters = line.characters as f32;
    let fit = characters.max(shape.length) / characters.min(shape.length).max(0.5);
    if fit > FIT_RATIO {
        return None;
    }
    let words = match &shape.words {
        None => 0.0,
        Some(words) if words.len() == line.words.len() => {
            let ratios: f32 = words
                .iter()
                .zip(&line.words)
                .map(|(&a, &b)| (a.max(b) as f32 / a.min(b).max(1) as f32).ln())
                .sum();
            ratios / words.len().max(1) as f32
        }
        Some(words) => WORD_COUNT_COST * words.len().abs_diff(line.words.len()) as f32,
    };
    Some(fit.ln() + words + shape.extra)
}

/// What [`confirm_printed`] found: the printed fields that agree with an expected value, and
/// whether each expected value (in [`Expected::fields`]' order) was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    pub fields: PrintedFields,
    pub found: Vec<bool>,
}

impl Confirmation {
    /// The printed fields when every expected value was found (and one at least was
    /// expected); `None` otherwise.
    pub fn complete(self) -> Option<PrintedFields> {
        (!self.found.is_empty() && self.found.iter().all(|&f| f)).then_some(self.fields)
    }

    /// Whether every expected value of these fields was found (true when none was expected).
    pub fn confirms(&self, expected: &Expected, fields: &[Field]) -> bool {
        expected
            .fields
            .iter()
            .zip(&self.found)
            .all(|((field, _), &found)| found || !fields.contains(field))
    }
}

/// Reads one box.
fn read_box(
    picture: &RgbImage,
    text_box: &TextBox,
    recognizer: &TextRecognizer,
) -> Result<ReadBox, ModelError> {
    let recognised = recognizer.read(picture, text_box)?;
    Ok(ReadBox {
        text_box: text_box.clone(),
        text: recognised.text(),
        confidence: recognised.chars.iter().map(|c| c.confidence).collect(),
        positions: recognised.chars.iter().map(|c| c.position).collect(),
    })
}

/// The boxes that can hold a caption or a value, at most [`MAX_READ_BOXES`] of them, the
/// best-scoring first.
pub fn boxes_worth_reading(boxes: &[TextBox]) -> Vec<&TextBox> {
    let mut heights: Vec<f32> = boxes.iter().map(|b| b.height).collect();
    heights.sort_by(f32::total_cmp);
    let median_height = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let mut kept: Vec<&TextBox> = boxes
        .iter()
        .filter(|b| {
            b.height >= MIN_BOX_HEIGHT
                && b.height <= MAX_HEIGHT_TO_MEDIAN * median_height
                && b.angle_deg().abs() <= MAX_BOX_ANGLE_DEG
                && b.length <= MAX_BOX_ASPECT * b.height
        })
        .collect();
    kept.sort_by(|a, b| b.score.total_cmp(&a.score));
    kept.truncate(MAX_READ_BOXES);
    kept
}

/// Width of a printed character, in heights of its detected box: how many characters a box
/// holds is guessed from its length (measured on specimen data pages and licences: 0.54 to
/// 0.72 for values in capitals).
pub const CHARACTER_WIDTH_HEIGHTS: f32 = 0.65;
/// How far apart, as a ratio, a box's guessed character count and an expected value's length
/// may be for the box to be read early.
pub const FIT_RATIO: f32 = 1.6;
/// Characters a printed date takes, for the fit ("26.10.1964", "26 OCT 1964").
pub const DATE_CHARACTERS: usize = 10;

/// The order boxes are read in: [`boxes_worth_reading`], those whose size fits an expected
/// value first (values stand in capitals, usually taller than their captions, so each group
/// goes tallest first).
pub fn reading_order<'a>(boxes: &'a [TextBox], expected: &Expected) -> Vec<&'a TextBox> {
    let lengths: Vec<f32> = expected
        .fields
        .iter()
        .map(|(_, value)| match value {
            Value::Text(text) => text.chars().count().max(1) as f32,
            Value::Date(_) => DATE_CHARACTERS as f32,
        })
        .collect();
    let fits = |b: &TextBox| {
        let characters = b.length / (CHARACTER_WIDTH_HEIGHTS * b.height.max(1.0));
        lengths.iter().any(|&length| {
            let ratio = characters.max(length) / characters.min(length).max(0.1);
            ratio <= FIT_RATIO
        })
    };
    let mut order = boxes_worth_reading(boxes);
    order.sort_by(|a, b| fits(b).cmp(&fits(a)).then(b.height.total_cmp(&a.height)));
    order
}

/// What the machine-readable data says the printed zone shows, in comparable form (see
/// `reading::DocumentReading::values`), which way round it writes numeric dates, and whether
/// the values stand in ICAO 9303's order ([`icao_rank`]: a document with an MRZ).
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    pub fields: Vec<(Field, Value)>,
    pub order: DateOrder,
    pub icao_order: bool,
}

impl Expected {
    /// Nothing expected: every box is read and labelled by its captions.
    pub fn nothing() -> Expected {
        Expected {
            fields: Vec::new(),
            order: DateOrder::DayFirst,
            icao_order: false,
        }
    }
}

/// Where ICAO 9303 (parts 4 and 5) prints a field among the others, top to bottom: the
/// document number (in the page's header, beside the document code and issuing state), surname,
/// given names, date of birth, date of expiry (the date of issue, when printed, stands between
/// the last two).
pub fn icao_rank(field: Field) -> u8 {
    match field {
        Field::DocumentNumber => 0,
        Field::Surname => 1,
        Field::GivenNames => 2,
        Field::BirthDate => 3,
        Field::ExpiryDate => 4,
    }
}

/// What a line costs [`confirm_printed`] on a document in ICAO 9303's order, for each of these:
/// a value found already that it would not stand on the right side of (a given name above or
/// beside the surname: a title, the nationality or the portrait's edge is more likely there); another written date on the wrong
/// side of a date (the date of birth is the page's first date, the date of expiry its last: the
/// date of issue stands between them); being the page's top line (its title or issuing state).
pub const ORDER_COST: f32 = 1.0;
/// What a line costs as the surname for each line of value height between it and the
/// document number, and as the given names between it and the surname, once those are found:
/// ICAO 9303 prints the names right under the page's header and the given names right under
/// the surname (further down, a place of birth has a name's shape too).
pub const SKIPPED_LINE_COST: f32 = 0.3;
/// Height of a value's line, in heights of the page's tall lines, at least: lower lines are
/// captions, not values, and are not counted as skipped.
pub const MIN_VALUE_HEIGHT: f32 = 0.8;

/// Where the lines of a page stand, for [`ORDER_COST`] and [`SKIPPED_LINE_COST`].
struct IcaoLayout {
    /// Each line's middle, top to bottom in pixels, and half its characters' height.
    middles: Vec<(f32, f32)>,
    /// Whether each line is written like a date: day, month and year as three words.
    written_dates: Vec<bool>,
    /// Whether each line is of value height.
    value_height: Vec<bool>,
    /// The top line.
    top: Option<usize>,
}

impl IcaoLayout {
    fn of(lines: &[InkLine], tall: f32) -> IcaoLayout {
        let middles: Vec<(f32, f32)> = lines
            .iter()
            .map(|l| (l.text_box.centre[1], 0.5 * l.character_height))
            .collect();
        let top = middles
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
            .map(|(at, _)| at);
        IcaoLayout {
            written_dates: lines.iter().map(written_like_a_date).collect(),
            value_height: lines
                .iter()
                .map(|l| l.character_height >= MIN_VALUE_HEIGHT * tall)
                .collect(),
            middles,
            top,
        }
    }

    /// What line `at` costs as `field`, with the values `found` so far where they stand.
    fn cost(&self, field: Field, at: usize, found: &[(Field, f32)]) -> f32 {
        let (y, half) = self.middles[at];
        let above = |other: f32| other < y - half;
        let below = |other: f32| other > y + half;
        let rank = icao_rank(field);
        let wrong_side = found
            .iter()
            .filter(|(other, at)| {
                let other_rank = icao_rank(*other);
                (other_rank < rank && !above(*at)) || (other_rank > rank && !below(*at))
            })
            .count();
        let other_dates = |wrong: &dyn Fn(f32) -> bool| {
            self.middles
                .iter()
                .zip(&self.written_dates)
                .enumerate()
                .filter(|(other, ((m, _), date))| *other != at && **date && wrong(*m))
                .count()
        };
        let dates_wrong_side = match field {
            Field::BirthDate => other_dates(&above),
            Field::ExpiryDate => other_dates(&below),
            _ => 0,
        };
        let title = usize::from(self.top == Some(at));
        // Lines between this one and the value printed right above it, once found.
        let right_above = match field {
            Field::Surname => Some(Field::DocumentNumber),
            Field::GivenNames => Some(Field::Surname),
            _ => None,
        };
        let skipped = found
            .iter()
            .find(|(other, _)| Some(*other) == right_above)
            .filter(|(_, before)| *before < y)
            .map(|(_, before)| {
                self.middles
                    .iter()
                    .zip(&self.value_height)
                    .enumerate()
                    .filter(|(other, ((m, _), value))| {
                        *other != at && **value && *m > before + half && *m < y - half
                    })
                    .count()
            })
            .unwrap_or(0);
        ORDER_COST * (wrong_side + dates_wrong_side + title) as f32
            + SKIPPED_LINE_COST * skipped as f32
    }
}

/// Whether a line's words are those of a written date: a day of one or two digits, a month
/// of any length (a number, a name, a name in two scripts), a year of four digits (five when
/// two of its digits touch); or the year first.
fn written_like_a_date(line: &InkLine) -> bool {
    let day = 1..=2;
    let year = 4..=5;
    match line.words[..] {
        [first, _, last] => {
            (day.contains(&first) && year.contains(&last))
                || (year.contains(&first) && day.contains(&last))
        }
        _ => false,
    }
}

/// The printed fields, when every expected value has been found among the read boxes (each
/// in a box of its own, as a whole box or as the text after a caption in it); `None` while one
/// is missing, and when nothing is expected.
pub fn confirm_expected(read: &[ReadBox], expected: &Expected) -> Option<PrintedFields> {
    let pieces: Vec<Vec<Piece>> = read.iter().map(candidate_pieces).collect();
    confirmed(&pieces, expected)
}

/// [`confirm_expected`] on the read boxes' [`candidate_pieces`].
fn confirmed(pieces: &[Vec<Piece>], expected: &Expected) -> Option<PrintedFields> {
    if expected.fields.is_empty() {
        return None;
    }
    let (fields, found) = match_pieces(pieces, expected);
    found.iter().all(|&f| f).then_some(fields)
}

/// The expected values found among the read boxes, given by their [`candidate_pieces`] (see
/// [`confirm_expected`]): the printed fields they make, and whether each expected value was
/// found.
fn match_pieces(pieces: &[Vec<Piece>], expected: &Expected) -> (PrintedFields, Vec<bool>) {
    let expiry_year = expected
        .fields
        .iter()
        .find_map(|(field, value)| match value {
            Value::Date(date) if *field == Field::ExpiryDate => Some(date.year()),
            _ => None,
        });
    let mut used = vec![false; pieces.len()];
    let name = |text: &str| {
        let name = name_value(text)?;
        let comparable = comparable_name(Some(&name))?;
        Some((name, comparable))
    };
    let number = |text: &str| {
        let number = number_value(text)?;
        let comparable = comparable_text(Some(&number))?;
        Some((number, comparable))
    };
    let date = |text: &str| {
        let date = parse_date(text, expected.order, expiry_year)?;
        Some((date, Value::Date(date)))
    };
    let mut fields = PrintedFields::default();
    let mut found = Vec::with_capacity(expected.fields.len());
    for (field, value) in &expected.fields {
        let mut text = |convert: &dyn Fn(&str) -> Option<(String, Value)>| {
            find_agreeing(pieces, &mut used, *field, value, convert)
        };
        let was_found = match field {
            Field::Surname => {
                fields.surname = text(&name);
                fields.surname.is_some()
            }
            Field::GivenNames => {
                fields.given_names = text(&name);
                fields.given_names.is_some()
            }
            Field::DocumentNumber => {
                fields.document_number = text(&number);
                fields.document_number.is_some()
            }
            Field::BirthDate => {
                fields.birth_date = find_agreeing(pieces, &mut used, *field, value, date);
                fields.birth_date.is_some()
            }
            Field::ExpiryDate => {
                fields.expiry_date = find_agreeing(pieces, &mut used, *field, value, date);
                fields.expiry_date.is_some()
            }
        };
        found.push(was_found);
    }
    (fields, found)
}

/// The first piece, in a box not `used` yet, whose converted text agrees with `expected`; its
/// box is then used.
fn find_agreeing<T>(
    pieces: &[Vec<Piece>],
    used: &mut [bool],
    field: Field,
    expected: &Value,
    convert: impl Fn(&str) -> Option<(T, Value)>,
) -> Option<ReadField<T>> {
    for (index, box_pieces) in pieces.iter().enumerate() {
        if used[index] {
            continue;
        }
        for piece in box_pieces {
            let text = piece.text();
            if let Some((value, comparable)) = convert(&text)
                && agree(field, &comparable, expected)
            {
                used[index] = true;
                return Some(ReadField {
                    value,
                    text,
                    confidence: lowest_confidence(piece),
                });
            }
        }
    }
    None
}

/// The pieces of a read box that can be a value: the whole box, and the text after each
/// caption in it, as an ICAO zone and as an AAMVA licence splits it ("4d DLN 3363584",
/// "2ASHLEY LYNN").
fn candidate_pieces(read: &ReadBox) -> Vec<Piece> {
    let piece = box_piece(read);
    let mut pieces = vec![piece.clone()];
    for aamva in [false, true] {
        let (mut captions, mut values) = (Vec::new(), Vec::new());
        split_captions(&piece, aamva, &mut captions, &mut values);
        pieces.extend(values);
        pieces.extend(captions.into_iter().filter_map(|c| c.merged_value));
    }
    // A value printed in two scripts ("COKOJOBA / SOKOLOVA": the national one, then Latin)
    // is compared part by part as well.
    let parts: Vec<Piece> = pieces.iter().flat_map(slash_parts).collect();
    pieces.extend(parts);
    pieces
}

/// The parts of a piece between slashes, trimmed of spaces and punctuation; none when it has
/// no slash.
fn slash_parts(piece: &Piece) -> Vec<Piece> {
    let chars: Vec<char> = piece.glyphs.iter().map(|g| g.character).collect();
    let slashes: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '/').collect();
    if slashes.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for end in slashes.into_iter().chain([chars.len()]) {
        let (from, to) = trim_separators(&chars, start, end);
        if from < to {
            parts.push(piece.part(from, to));
        }
        start = end + 1;
    }
    parts
}

/// What a caption announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Surname,
    GivenNames,
    BirthDate,
    ExpiryDate,
    DocumentNumber,
    /// A field not read here (sex, place of birth, issue date...).
    Other,
}

/// Caption words, accent- and case-blind, spaces ignored when matching. Words of four letters
/// or fewer must stand alone (not inside a longer word).
pub const CAPTION_WORDS: &[(&str, Role)] = &[
    // Surname.
    ("surname", Role::Surname),
    ("family name", Role::Surname),
    ("last name", Role::Surname),
    ("nom de famille", Role::Surname),
    ("nom", Role::Surname),
    ("name", Role::Surname),
    ("nachname", Role::Surname),
    ("familienname", Role::Surname),
    ("apellidos", Role::Surname),
    ("apellido", Role::Surname),
    ("cognome", Role::Surname),
    ("naam", Role::Surname),
    ("achternaam", Role::Surname),
    ("geslachtsnaam", Role::Surname),
    ("apelidos", Role::Surname),
    ("apelido", Role::Surname),
    ("sobrenome", Role::Surname),
    ("nazwisko", Role::Surname),
    ("soyadi", Role::Surname),
    // Given names.
    ("given names", Role::GivenNames),
    ("given name", Role::GivenNames),
    ("first name", Role::GivenNames),
    ("forenames", Role::GivenNames),
    ("prenoms", Role::GivenNames),
    ("prenom", Role::GivenNames),
    ("vornamen", Role::GivenNames),
    ("vorname", Role::GivenNames),
    ("nombres", Role::GivenNames),
    ("nombre", Role::GivenNames),
    ("nome", Role::GivenNames),
    ("nomes", Role::GivenNames),
    ("nomi", Role::GivenNames),
    ("voornamen", Role::GivenNames),
    ("voornaam", Role::GivenNames),
    ("imiona", Role::GivenNames),
    // Birth date.
    ("date of birth", Role::BirthDate),
    ("birth date", Role::BirthDate),
    ("date de naissance", Role::BirthDate),
    ("geburtsdatum", Role::BirthDate),
    ("geburtstag", Role::BirthDate),
    ("fecha de nacimiento", Role::BirthDate),
    ("fecha nacimiento", Role::BirthDate),
    ("data di nascita", Role::BirthDate),
    ("geboortedatum", Role::BirthDate),
    ("data de nascimento", Role::BirthDate),
    ("data urodzenia", Role::BirthDate),
    ("dogum tarihi", Role::BirthDate),
    // Expiry date.
    ("date of expiry", Role::ExpiryDate),
    ("expiry date", Role::ExpiryDate),
    ("date of expiration", Role::ExpiryDate),
    ("expiration date", Role::ExpiryDate),
    ("expiry", Role::ExpiryDate),
    ("expires", Role::ExpiryDate),
    ("valid until", Role::ExpiryDate),
    ("date d'expiration", Role::ExpiryDate),
    ("date d expiration", Role::ExpiryDate),
    ("expiration", Role::ExpiryDate),
    ("gultig bis", Role::ExpiryDate),
    ("ablaufdatum", Role::ExpiryDate),
    ("fecha de caducidad", Role::ExpiryDate),
    ("caducidad", Role::ExpiryDate),
    ("valido hasta", Role::ExpiryDate),
    ("data di scadenza", Role::ExpiryDate),
    ("scadenza", Role::ExpiryDate),
    ("geldig tot", Role::ExpiryDate),
    ("vervaldatum", Role::ExpiryDate),
    ("valido ate", Role::ExpiryDate),
    ("data de validade", Role::ExpiryDate),
    ("validade", Role::ExpiryDate),
    ("data waznosci", Role::ExpiryDate),
    ("son gecerlilik", Role::ExpiryDate),
    // Document number.
    ("passport no", Role::DocumentNumber),
    ("passport number", Role::DocumentNumber),
    ("document no", Role::DocumentNumber),
    ("document number", Role::DocumentNumber),
    ("card no", Role::DocumentNumber),
    ("card number", Role::DocumentNumber),
    ("no du passeport", Role::DocumentNumber),
    ("n du passeport", Role::DocumentNumber),
    ("numero du passeport", Role::DocumentNumber),
    ("passeport n", Role::DocumentNumber),
    ("no du document", Role::DocumentNumber),
    ("n du document", Role::DocumentNumber),
    ("numero du document", Role::DocumentNumber),
    ("pass nr", Role::DocumentNumber),
    ("passnummer", Role::DocumentNumber),
    ("ausweis nr", Role::DocumentNumber),
    ("ausweisnummer", Role::DocumentNumber),
    ("dokumentennummer", Role::DocumentNumber),
    ("no pasaporte", Role::DocumentNumber),
    ("n pasaporte", Role::DocumentNumber),
    ("numero de pasaporte", Role::DocumentNumber),
    ("pasaporte n", Role::DocumentNumber),
    ("n soporte", Role::DocumentNumber),
    ("no soporte", Role::DocumentNumber),
    ("numero de soporte", Role::DocumentNumber),
    ("numero de documento", Role::DocumentNumber),
    ("documento n", Role::DocumentNumber),
    ("passaporto n", Role::DocumentNumber),
    ("numero passaporto", Role::DocumentNumber),
    ("numero documento", Role::DocumentNumber),
    ("paspoortnummer", Role::DocumentNumber),
    ("paspoort nr", Role::DocumentNumber),
    ("documentnummer", Role::DocumentNumber),
    ("document nr", Role::DocumentNumber),
    ("passaporte n", Role::DocumentNumber),
    ("numero do passaporte", Role::DocumentNumber),
    ("numero do documento", Role::DocumentNumber),
    ("nr paszportu", Role::DocumentNumber),
    ("nr dowodu", Role::DocumentNumber),
    ("pasaport no", Role::DocumentNumber),
    ("seri no", Role::DocumentNumber),
    // Fields not read here: captions all the same, so they are not taken for values.
    ("type", Role::Other),
    ("typ", Role::Other),
    ("tipo", Role::Other),
    ("soort", Role::Other),
    ("code", Role::Other),
    ("country code", Role::Other),
    ("code du pays", Role::Other),
    ("codigo", Role::Other),
    ("codice", Role::Other),
    ("kode", Role::Other),
    ("nationality", Role::Other),
    ("nationalite", Role::Other),
    ("staatsangehorigkeit", Role::Other),
    ("nacionalidad", Role::Other),
    ("nacionalidade", Role::Other),
    ("cittadinanza", Role::Other),
    ("nazionalita", Role::Other),
    ("nationaliteit", Role::Other),
    ("sex", Role::Other),
    ("sexe", Role::Other),
    ("sexo", Role::Other),
    ("sesso", Role::Other),
    ("geschlecht", Role::Other),
    ("geslacht", Role::Other),
    ("place of birth", Role::Other),
    ("lieu de naissance", Role::Other),
    ("geburtsort", Role::Other),
    ("lugar de nacimiento", Role::Other),
    ("luogo di nascita", Role::Other),
    ("geboorteplaats", Role::Other),
    ("local de nascimento", Role::Other),
    ("date of issue", Role::Other),
    ("issue date", Role::Other),
    ("date de delivrance", Role::Other),
    ("ausstellungsdatum", Role::Other),
    ("fecha de expedicion", Role::Other),
    ("data di rilascio", Role::Other),
    ("datum van afgifte", Role::Other),
    ("data de emissao", Role::Other),
    ("authority", Role::Other),
    ("autorite", Role::Other),
    ("behorde", Role::Other),
    ("autoridad", Role::Other),
    ("autorita", Role::Other),
    ("autoridade", Role::Other),
    ("instantie", Role::Other),
    ("signature", Role::Other),
    ("holder's signature", Role::Other),
    ("unterschrift", Role::Other),
    ("firma", Role::Other),
    ("assinatura", Role::Other),
    ("handtekening", Role::Other),
    ("address", Role::Other),
    ("adresse", Role::Other),
    ("anschrift", Role::Other),
    ("domicilio", Role::Other),
    ("indirizzo", Role::Other),
    ("morada", Role::Other),
    ("adres", Role::Other),
    ("height", Role::Other),
    ("taille", Role::Other),
    ("grosse", Role::Other),
    ("estatura", Role::Other),
    ("statura", Role::Other),
    ("altura", Role::Other),
    ("lengte", Role::Other),
    ("colour of eyes", Role::Other),
    ("eye colour", Role::Other),
    ("couleur des yeux", Role::Other),
    ("augenfarbe", Role::Other),
    ("color de ojos", Role::Other),
    ("colore degli occhi", Role::Other),
    ("cor dos olhos", Role::Other),
    ("kleur ogen", Role::Other),
];

/// AAMVA field numbers and code words. A field number alone is a caption (on a licence);
/// a code word is one when it stands alone or follows a field number.
pub const AAMVA_CODES: &[(&str, Role)] = &[
    ("DOB", Role::BirthDate),
    ("EXP", Role::ExpiryDate),
    ("EXPIRES", Role::ExpiryDate),
    ("DLN", Role::DocumentNumber),
    ("DL", Role::DocumentNumber),
    ("LIC#", Role::DocumentNumber),
    ("LIC", Role::DocumentNumber),
    ("ID#", Role::DocumentNumber),
    ("NO.", Role::DocumentNumber),
    ("LN", Role::Surname),
    ("FN", Role::GivenNames),
    ("ISS", Role::Other),
    ("DD", Role::Other),
    ("CLASS", Role::Other),
    ("END", Role::Other),
    ("RESTR", Role::Other),
    ("SEX", Role::Other),
    ("HGT", Role::Other),
    ("WGT", Role::Other),
    ("EYES", Role::Other),
    ("HAIR", Role::Other),
];

/// AAMVA code words that no ICAO caption uses, counted (in capitals) to tell a licence.
pub const AAMVA_MARKERS: &[&str] = &["DOB", "DLN", "EXP", "ISS", "DD"];

/// The role of an AAMVA field number ("1", "4d"...).
fn aamva_number_role(number: &str) -> Role {
    match number {
        "1" => Role::Surname,
        "2" => Role::GivenNames,
        "3" => Role::BirthDate,
        "4b" => Role::ExpiryDate,
        "4d" => Role::DocumentNumber,
        _ => Role::Other,
    }
}

/// Which convention a caption follows: where its value is looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// ICAO visual zone: value below, else to the right.
    Icao,
    /// AAMVA licence: value to the right.
    Aamva,
}

/// A character of a box, with where it sits.
#[derive(Clone, Copy, Debug)]
struct Glyph {
    character: char,
    confidence: f32,
    /// Horizontal position in picture pixels.
    x: f32,
}

/// An axis-aligned extent in picture pixels.
#[derive(Clone, Copy, Debug)]
struct Extent {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Extent {
    fn centre_y(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// A run of glyphs of one box: a caption, or text that can be a value.
#[derive(Clone, Debug)]
struct Piece {
    glyphs: Vec<Glyph>,
    extent: Extent,
    /// Height of the box's line of text (the extent is taller when the box is tilted).
    line_height: f32,
}

impl Piece {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.character).collect()
    }

    /// The glyphs from index `start` to `end`, with an extent narrowed to them.
    fn part(&self, start: usize, end: usize) -> Piece {
        let end = end.min(self.glyphs.len());
        let start = start.min(end);
        let glyphs = self.glyphs[start..end].to_vec();
        let mut extent = self.extent;
        if let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) {
            // Half a character's width either side of the glyph centres.
            let half = self.line_height * 0.3;
            if start > 0 {
                extent.left = first.x - half;
            }
            if end < self.glyphs.len() {
                extent.right = last.x + half;
            }
        }
        Piece {
            glyphs,
            extent,
            line_height: self.line_height,
        }
    }
}

/// A caption found, and the value printed after it in the same box, if any.
#[derive(Clone, Debug)]
struct Caption {
    role: Role,
    style: Style,
    piece: Piece,
    merged_value: Option<Piece>,
}

/// Labels the fields of a document from its read boxes.
pub fn label_fields(boxes: &[ReadBox]) -> PrintedFields {
    let pieces: Vec<Piece> = boxes.iter().map(box_piece).collect();
    let aamva = pieces
        .iter()
        .map(|p| count_aamva_codes(&p.text()))
        .sum::<usize>()
        >= MIN_AAMVA_CODES;
    let mut captions = Vec::new();
    let mut values = Vec::new();
    for piece in &pieces {
        split_captions(piece, aamva, &mut captions, &mut values);
    }
    join_caption_starts(&mut captions, &mut values);
    let order = if aamva {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    };
    let mut fields = PrintedFields::default();
    let candidates = |role: Role| -> Vec<Piece> {
        captions
            .iter()
            .filter(|c| c.role == role)
            .flat_map(|c| value_candidates(c, &captions, &values))
            .collect()
    };
    fields.surname = first_converted(&candidates(Role::Surname), name_value);
    fields.given_names = first_converted(&candidates(Role::GivenNames), name_value);
    fields.document_number = first_converted(&candidates(Role::DocumentNumber), number_value);
    fields.expiry_date = first_converted(&candidates(Role::ExpiryDate), |t| {
        parse_date(t, order, None)
    });
    let expiry_year = fields.expiry_date.as_ref().map(|f| f.value.year());
    fields.birth_date = first_converted(&candidates(Role::BirthDate), |t| {
        parse_date(t, order, expiry_year)
    });
    if aamva && fields.birth_date.is_none() {
        fields.birth_date = earliest_date(&captions, &values, order, expiry_year);
    }
    if aamva && (fields.surname.is_none() || fields.given_names.is_none()) {
        // The small field numbers "1" and "2" are often lost: the names are then the two
        // lines under the birth date, in that order.
        let mut lines = lines_below_birth_date(&captions, &values);
        if lines.is_empty()
            && let Some(given) = captions
                .iter()
                .find(|c| c.role == Role::GivenNames && c.style == Style::Aamva)
            && let Some(above) = line_above(&given.piece, &values)
        {
            lines.push(above);
        }
        if fields.surname.is_none() {
            fields.surname = first_converted(&lines[..lines.len().min(1)], name_value);
        }
        if fields.given_names.is_none() {
            fields.given_names = first_converted(lines.get(1..).unwrap_or(&[]), name_value);
        }
    }
    fields
}

/// On a licence whose birth-date caption was misread ("3 D08"), the birth date is the
/// earliest date printed, when it is at least [`MIN_LICENCE_AGE_YEARS`] before the expiry.
fn earliest_date(
    captions: &[Caption],
    values: &[Piece],
    order: DateOrder,
    expiry_year: Option<i32>,
) -> Option<ReadField<Date>> {
    let pieces: Vec<Piece> = values
        .iter()
        .chain(captions.iter().filter_map(|c| c.merged_value.as_ref()))
        .cloned()
        .collect();
    let earliest = pieces
        .iter()
        .filter_map(|p| {
            first_converted(std::slice::from_ref(p), |t| {
                parse_date(t, order, expiry_year)
            })
        })
        .min_by_key(|f| f.value)?;
    let old_enough =
        expiry_year.is_some_and(|y| earliest.value.year() <= y - MIN_LICENCE_AGE_YEARS);
    old_enough.then_some(earliest)
}

/// Years a licence holder is at least older than the licence's expiry.
pub const MIN_LICENCE_AGE_YEARS: i32 = 14;

/// The value line right above a piece, its left edge lined up with the piece's.
fn line_above(piece: &Piece, values: &[Piece]) -> Option<Piece> {
    let p = piece.extent;
    values
        .iter()
        .filter(|v| {
            let e = v.extent;
            let height = piece.line_height.max(v.line_height);
            e.centre_y() < p.top
                && p.top - e.bottom < height
                && (e.left - p.left).abs() < 2.0 * ALIGN_HEIGHTS * height
        })
        .max_by(|a, b| a.extent.bottom.total_cmp(&b.extent.bottom))
        .cloned()
}

/// On an AAMVA licence, the two lines under the birth-date caption whose left edges line up
/// with it (one under the other, each within a line's height of the previous).
fn lines_below_birth_date(captions: &[Caption], values: &[Piece]) -> Vec<Piece> {
    let Some(anchor) = captions
        .iter()
        .find(|c| c.role == Role::BirthDate && c.style == Style::Aamva)
    else {
        return Vec::new();
    };
    // Name lines whose field number was read are captions with their value merged.
    let candidates: Vec<&Piece> = values
        .iter()
        .chain(
            captions
                .iter()
                .filter(|c| matches!(c.role, Role::Surname | Role::GivenNames))
                .filter_map(|c| c.merged_value.as_ref()),
        )
        .collect();
    let mut lines: Vec<Piece> = Vec::new();
    let mut above = anchor.piece.extent;
    let mut height = anchor.piece.line_height;
    let left = anchor.piece.extent.left;
    while lines.len() < 2 {
        let next = candidates
            .iter()
            .filter(|v| {
                let e = v.extent;
                e.centre_y() > above.bottom
                    && e.top - above.bottom < height.max(v.line_height)
                    && (e.left - left).abs() < 2.0 * ALIGN_HEIGHTS * height.max(v.line_height)
            })
            .min_by(|a, b| a.extent.top.total_cmp(&b.extent.top));
        let Some(next) = next else {
            break;
        };
        above = next.extent;
        height = next.line_height;
        lines.push((*next).clone());
    }
    lines
}

/// A caption cut in two by the detector ("Data de n" + "ascimento / Date of birth"): a piece
/// with small letters just left of a caption, on its line, is the caption's start.
fn join_caption_starts(captions: &mut [Caption], values: &mut Vec<Piece>) {
    for caption in captions.iter_mut() {
        let c = caption.piece.extent;
        let height = caption.piece.line_height;
        let start = values.iter().position(|v| {
            let e = v.extent;
            (e.centre_y() - c.centre_y()).abs() < 0.4 * height
                && e.right < c.left + 0.5 * height
                && e.right > c.left - height
                && v.glyphs.iter().any(|g| g.character.is_lowercase())
        });
        if let Some(index) = start {
            let start = values.remove(index);
            caption.piece.extent.left = caption.piece.extent.left.min(start.extent.left);
        }
    }
}

/// The first candidate whose text converts, as a field.
fn first_converted<T>(
    candidates: &[Piece],
    convert: impl Fn(&str) -> Option<T>,
) -> Option<ReadField<T>> {
    candidates.iter().find_map(|piece| {
        let text = piece.text();
        let value = convert(&text)?;
        Some(ReadField {
            value,
            text,
            confidence: lowest_confidence(piece),
        })
    })
}

/// The lowest confidence of a piece's characters.
fn lowest_confidence(piece: &Piece) -> f32 {
    piece
        .glyphs
        .iter()
        .map(|g| g.confidence)
        .fold(1.0, f32::min)
}

/// A read box as a piece: its axis-aligned extent and its glyphs placed along it.
fn box_piece(read: &ReadBox) -> Piece {
    let corners = read.text_box.corners();
    let xs = corners.map(|c| c[0]);
    let ys = corners.map(|c| c[1]);
    let extent = Extent {
        left: xs.iter().copied().fold(f32::MAX, f32::min),
        right: xs.iter().copied().fold(f32::MIN, f32::max),
        top: ys.iter().copied().fold(f32::MAX, f32::min),
        bottom: ys.iter().copied().fold(f32::MIN, f32::max),
    };
    let start = corners[0][0].min(corners[3][0]);
    let along = read.text_box.length * read.text_box.direction[0];
    let glyphs = read
        .text
        .chars()
        .enumerate()
        .map(|(i, character)| Glyph {
            character,
            confidence: read.confidence.get(i).copied().unwrap_or(0.0),
            x: start + read.positions.get(i).copied().unwrap_or(0.5) * along,
        })
        .collect();
    Piece {
        glyphs,
        extent,
        line_height: read.text_box.height,
    }
}

/// A caption found in a box: its role and the glyph range it covers.
#[derive(Clone, Copy, Debug)]
struct Match {
    start: usize,
    end: usize,
    role: Role,
    style: Style,
}

/// Splits a box into captions (each with the value merged after it) and free values.
fn split_captions(
    piece: &Piece,
    aamva: bool,
    captions: &mut Vec<Caption>,
    values: &mut Vec<Piece>,
) {
    let chars: Vec<char> = piece.glyphs.iter().map(|g| g.character).collect();
    let mut matches = word_captions(&chars);
    if aamva {
        matches.extend(aamva_captions(&chars, &matches));
    }
    matches.sort_by_key(|m| m.start);
    // Neighbouring matches separated only by separators ("Cognome / Surname") are one caption.
    let mut groups: Vec<Match> = Vec::new();
    for m in matches {
        match groups.last_mut() {
            Some(last) if same_caption(&chars[last.end..m.start], last.role, m.role) => {
                last.end = m.end;
                if last.role == Role::Other {
                    last.role = m.role;
                }
            }
            _ => groups.push(m),
        }
    }
    let Some(first) = groups.first_mut() else {
        values.push(piece.clone());
        return;
    };
    // Text before the first caption is a value, unless a slash or small letters tie it to
    // the caption (a caption in a language not listed: "Họ / Surname", "Ngày sinh Date of
    // birth"), which then starts there: values line up with the start of the whole caption.
    let before = first.start;
    let lead = trim_separators(&chars, 0, before);
    if lead.0 < lead.1 {
        if chars[lead.1..before].contains(&'/') || has_small_letters(&chars[lead.0..lead.1]) {
            first.start = lead.0;
        } else {
            values.push(piece.part(lead.0, lead.1));
        }
    }
    for (i, group) in groups.iter().enumerate() {
        let next = groups.get(i + 1).map_or(chars.len(), |g| g.start);
        let mut from = group.end;
        // "Surname / Nom" with "Nom" unknown: skip words after a slash that are not capitals.
        while let Some(slash) = (from..next).find(|&k| !chars[k].is_whitespace()) {
            if chars[slash] != '/' {
                break;
            }
            let word_start = (slash + 1..next)
                .find(|&k| !chars[k].is_whitespace())
                .unwrap_or(next);
            let word_end = (word_start..next)
                .find(|&k| chars[k].is_whitespace() || chars[k] == '/')
                .unwrap_or(next);
            from = word_end;
        }
        let (start, end) = trim_separators(&chars, from, next);
        let alphanumeric = chars[start..end]
            .iter()
            .filter(|c| c.is_alphanumeric())
            .count();
        let merged_value = (alphanumeric >= 1).then(|| piece.part(start, end));
        captions.push(Caption {
            role: group.role,
            style: group.style,
            piece: piece.part(group.start, group.end),
            merged_value,
        });
    }
}

/// Whether a text has small letters (captions do; values are printed in capitals).
fn has_small_letters(chars: &[char]) -> bool {
    chars.iter().any(|c| c.is_lowercase())
}

/// Whether the text between two caption words joins them into one caption: only
/// separators, and a slash among them or the same role on both sides ("Date of birth Date de
/// naissance"). "Date of birth  Sex" are two captions.
fn same_caption(between: &[char], left: Role, right: Role) -> bool {
    between.iter().all(|c| !c.is_alphanumeric()) && (between.contains(&'/') || left == right)
}

/// The range left of `start..end` once separators (spaces, punctuation but `'` and `-`
/// inside) are trimmed from both ends.
fn trim_separators(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let is_separator = |c: char| !c.is_alphanumeric();
    let mut s = start;
    while s < end && is_separator(chars[s]) {
        s += 1;
    }
    let mut e = end;
    while e > s && is_separator(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Lower-case ASCII letters and digits of a character, accents dropped (`None` for spaces and
/// punctuation).
pub(crate) fn fold(c: char) -> Option<char> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let base = match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ơ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ư' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        'ł' => 'l',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ğ' => 'g',
        'đ' => 'd',
        other => other,
    };
    base.is_ascii_alphanumeric().then_some(base)
}

/// Caption words found in a box's characters, longest first, never overlapping.
///
/// Matching is on letters and digits only, accents folded, "rn" read as "m" on both sides (the
/// recogniser often reads one for the other), and words of [`FUZZY_LENGTH`] letters or more
/// may differ by one edit (two from twice that length): "Suname", "Datefbirth".
fn word_captions(chars: &[char]) -> Vec<Match> {
    let (compact, spans) = compact_letters(chars);
    // Each word with the edits it allows (from its length as written).
    let mut words: Vec<(Vec<char>, Role, usize)> = CAPTION_WORDS
        .iter()
        .map(|(w, role)| {
            let chars: Vec<char> = w.chars().collect();
            let letters = chars.iter().filter(|c| fold(**c).is_some()).count();
            let edits = letters / FUZZY_LENGTH;
            (compact_letters(&chars).0, *role, edits.min(2))
        })
        .collect();
    words.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
    // Text in capitals is a title or a value more often than a caption: exact words only.
    let capitals = chars
        .iter()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    let mut taken = vec![false; compact.len()];
    let mut found = Vec::new();
    // Exact matches first, so an OCR-tolerant match never takes the place of an exact one.
    let passes: &[bool] = if capitals { &[false] } else { &[false, true] };
    for &fuzzy in passes {
        for (word, role, edits) in &words {
            let edits = if fuzzy { *edits } else { 0 };
            if fuzzy && edits == 0 {
                continue;
            }
            add_matches(
                chars, &compact, &spans, word, *role, edits, &mut taken, &mut found,
            );
        }
    }
    found
}

/// Adds the matches of one caption word that do not overlap earlier ones.
#[allow(clippy::too_many_arguments)]
fn add_matches(
    chars: &[char],
    compact: &[char],
    spans: &[(usize, usize)],
    word: &[char],
    role: Role,
    edits: usize,
    taken: &mut [bool],
    found: &mut Vec<Match>,
) {
    {
        for (at, end_at) in approximate_matches(compact, word, edits) {
            if taken[at..end_at].iter().any(|&t| t) {
                continue;
            }
            let start = spans[at].0;
            let end = spans[end_at - 1].1;
            if word.len() <= 4 && !stands_alone(chars, start, end) {
                continue;
            }
            taken[at..end_at].iter_mut().for_each(|t| *t = true);
            found.push(Match {
                start,
                end,
                role,
                style: Style::Icao,
            });
        }
    }
}

/// Letters per edit a caption word may be matched with (one edit from 7 letters, two from
/// 14).
pub const FUZZY_LENGTH: usize = 7;

/// The folded letters and digits of a text ("rn" as "m"), each with the range of characters
/// it came from.
fn compact_letters(chars: &[char]) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut compact: Vec<char> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let Some(f) = fold(c) else {
            continue;
        };
        if f == 'n'
            && compact.last() == Some(&'r')
            && let (Some(last), Some(span)) = (compact.last_mut(), spans.last_mut())
            && span.1 == i
        {
            *last = 'm';
            span.1 = i + 1;
            continue;
        }
        compact.push(f);
        spans.push((i, i + 1));
    }
    (compact, spans)
}

/// Where `word` occurs in `text` with at most `edits` substitutions, insertions or deletions,
/// as `(start, end)` ranges, left to right and not overlapping; exact occurrences only when
/// `edits` is 0.
fn approximate_matches(text: &[char], word: &[char], edits: usize) -> Vec<(usize, usize)> {
    let (n, m) = (text.len(), word.len());
    if m == 0 || n + edits < m {
        return Vec::new();
    }
    // Cost of matching all of `word` ending at each text position, and where that match began
    // (the matching may start anywhere in the text for free).
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut begin: Vec<usize> = vec![0; m + 1];
    let mut ends = Vec::new();
    for j in 1..=n {
        let (mut diagonal_cost, mut diagonal_begin) = (cost[0], begin[0]);
        cost[0] = 0;
        begin[0] = j;
        for i in 1..=m {
            let substitute = diagonal_cost + usize::from(word[i - 1] != text[j - 1]);
            let delete = cost[i] + 1; // a text character more
            let insert = cost[i - 1] + 1; // a word character missing
            let (up_cost, up_begin) = (cost[i], begin[i]);
            let (best, from) = if substitute <= delete && substitute <= insert {
                (substitute, diagonal_begin)
            } else if delete <= insert {
                (delete, up_begin)
            } else {
                (insert, begin[i - 1])
            };
            diagonal_cost = up_cost;
            diagonal_begin = up_begin;
            cost[i] = best;
            begin[i] = from;
        }
        if cost[m] <= edits {
            ends.push((begin[m], j, cost[m]));
        }
    }
    // Keep the best match of each run of overlapping ends.
    let mut matches: Vec<(usize, usize)> = Vec::new();
    let mut best_cost = usize::MAX;
    for (start, end, c) in ends {
        match matches.last_mut() {
            Some(last) if start < last.1 => {
                if c < best_cost {
                    *last = (start, end);
                    best_cost = c;
                }
            }
            _ => {
                matches.push((start, end));
                best_cost = c;
            }
        }
    }
    matches.retain(|(s, e)| s < e);
    matches
}

/// Whether `start..end` is a word of its own: no letter right before or after it, and not
/// all capitals (captions in words are printed in mixed case; "NOM" in capitals is more likely
/// a value such as a name).
fn stands_alone(chars: &[char], start: usize, end: usize) -> bool {
    let letter_before = start > 0 && chars[start - 1].is_alphabetic();
    let letter_after = chars.get(end).is_some_and(|c| c.is_alphabetic());
    let word = &chars[start..end];
    let all_capitals = word.iter().all(|c| c.is_uppercase());
    !letter_before && !letter_after && !all_capitals
}

/// How many AAMVA captions a text holds that only a licence prints: a field number with a
/// code word ("4d DLN"), or one of [`AAMVA_MARKERS`] in capitals.
fn count_aamva_codes(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    aamva_captions(&chars, &[])
        .iter()
        .filter(|m| {
            let caption = &chars[m.start..m.end];
            let code: String = caption.iter().filter(|c| c.is_alphabetic()).collect();
            let numbered = caption.first().is_some_and(|c| c.is_ascii_digit());
            (numbered && code.chars().count() >= 2) || AAMVA_MARKERS.contains(&code.as_str())
        })
        .count()
}

/// AAMVA captions in a box: a field number ("4d", "1") and/or a code word ("DLN"), at the
/// start of a word. A field number alone counts only at the start of the box. Matches
/// overlapping `taken` are skipped.
fn aamva_captions(chars: &[char], taken: &[Match]) -> Vec<Match> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if !word_start || taken.iter().any(|m| m.start <= i && i < m.end) {
            i += 1;
            continue;
        }
        let (number, after_number) = field_number(chars, i);
        let mut j = after_number;
        if number.is_some() {
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
        }
        let code = AAMVA_CODES
            .iter()
            .filter(|(code, _)| {
                let code: Vec<char> = code.chars().collect();
                let end = j + code.len();
                end <= chars.len()
                    && chars[j..end].iter().zip(&code).all(|(a, b)| {
                        // After a field number the OCR may lower-case a code ("4a Iss").
                        a == b || (number.is_some() && a.to_ascii_uppercase() == *b)
                    })
                    && (number.is_some() || !chars.get(end).is_some_and(|c| c.is_alphanumeric()))
            })
            .max_by_key(|(code, _)| code.len());
        let role = match (&number, code) {
            (Some(n), _) if aamva_number_role(n) != Role::Other => Some(aamva_number_role(n)),
            (_, Some((_, role))) => Some(*role),
            (Some(_), None) if i == 0 => Some(Role::Other),
            (Some(n), None) => (aamva_number_role(n) != Role::Other).then_some(Role::Other),
            (None, None) => None,
        };
        // A bare number inside a box ("MILLER 2") is not a caption.
        let role = if number.is_some() && code.is_none() && i != 0 {
            None
        } else {
            role
        };
        match role {
            Some(role) => {
                let end = code.map_or(after_number, |(c, _)| j + c.chars().count());
                found.push(Match {
                    start: i,
                    end,
                    role,
                    style: Style::Aamva,
                });
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

/// An AAMVA field number at `at` ("1", "12", "4d", "9a") and where it ends: one or two
/// digits, a letter `a`–`d` only after 4 or 9, not followed by a digit or a date separator.
fn field_number(chars: &[char], at: usize) -> (Option<String>, usize) {
    let mut j = at;
    while j < chars.len() && j - at < 2 && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j == at || chars[at] == '0' {
        return (None, at);
    }
    let mut number: String = chars[at..j].iter().collect();
    if (number == "4" || number == "9")
        && let Some(&letter) = chars.get(j)
        && matches!(letter.to_ascii_lowercase(), 'a'..='d')
    {
        number.push(letter.to_ascii_lowercase());
        j += 1;
    }
    match chars.get(j) {
        None => (Some(number), j),
        Some(c) if c.is_whitespace() || c.is_alphabetic() => (Some(number), j),
        Some(_) => (None, at),
    }
}

/// Where a caption's value may be, most likely first.
fn value_candidates(caption: &Caption, captions: &[Caption], values: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::new();
    if let Some(merged) = &caption.merged_value {
        out.push(merged.clone());
    }
    let below = || nearest_below(caption, captions, values);
    let right = || nearest_right(caption, values);
    match caption.style {
        Style::Icao => out.extend(below().into_iter().chain(right())),
        Style::Aamva => out.extend(right()),
    }
    out
}

/// The value below a caption: the nearest piece under it whose left edge lines up with the
/// caption's, cut where the next caption of another field on the caption's row begins.
fn nearest_below(caption: &Caption, captions: &[Caption], values: &[Piece]) -> Option<Piece> {
    let c = caption.piece.extent;
    let best = values
        .iter()
        .filter(|v| {
            let e = v.extent;
            let tolerance = ALIGN_HEIGHTS * v.line_height.max(caption.piece.line_height);
            e.centre_y() > c.bottom
                && e.top - c.bottom < MAX_BELOW_GAP_HEIGHTS * caption.piece.line_height
                && (e.left - c.left).abs() < tolerance
        })
        .min_by(|a, b| a.extent.top.total_cmp(&b.extent.top))?;
    // The next caption to the right on the caption's row bounds the column.
    let column_end = captions
        .iter()
        .filter(|other| other.role != caption.role)
        .map(|other| other.piece.extent)
        .filter(|o| {
            o.left > c.right
                && (o.centre_y() - c.centre_y()).abs() < caption.piece.line_height * 0.6
        })
        .map(|o| o.left)
        .fold(f32::MAX, f32::min);
    let keep = best
        .glyphs
        .iter()
        .position(|g| g.x >= column_end)
        .unwrap_or(best.glyphs.len());
    let (start, end) = {
        let chars: Vec<char> = best.glyphs.iter().map(|g| g.character).collect();
        trim_separators(&chars, 0, keep)
    };
    (start < end).then(|| best.part(start, end))
}

/// The nearest piece to the right of a caption on the same line.
fn nearest_right(caption: &Caption, values: &[Piece]) -> Option<Piece> {
    let c = caption.piece.extent;
    values
        .iter()
        .filter(|v| {
            let e = v.extent;
            let height = v.line_height.max(caption.piece.line_height);
            // Detected boxes are grown, so neighbours on a line may overlap a little.
            (e.centre_y() - c.centre_y()).abs() < 0.5 * height
                && e.left > c.right - caption.piece.line_height
                && (e.left + e.right) / 2.0 > c.right
                && e.left - c.right < MAX_RIGHT_GAP_HEIGHTS * height
        })
        .min_by(|a, b| a.extent.left.total_cmp(&b.extent.left))
        .cloned()
}

/// A name as printed: letters, spaces, hyphens and apostrophes, upper-cased (the part after
/// the last slash when the name is printed twice, in its script and in Latin letters); `None`
/// when the text holds digits or no letters.
pub fn name_value(text: &str) -> Option<String> {
    // "ПОПОВ / POPOV": the transliteration, last.
    let last = text.rsplit('/').next().unwrap_or(text);
    let trimmed = last.trim_matches(|c: char| !c.is_alphabetic());
    if trimmed.is_empty() || trimmed.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let cleaned: String = trimmed
        .chars()
        .filter(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’'))
        .flat_map(char::to_uppercase)
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A document number: the letters and digits of the text (spaces dropped), 4 to 20 of them
/// with at least one digit.
pub fn number_value(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let valid = (4..=20).contains(&compact.chars().count())
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.chars().any(|c| c.is_ascii_digit());
    valid.then_some(compact)
}

/// Which of two numbers a numeric date with ambiguous day and month puts first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// 26.10.1964, 26/10/1964 (Europe, ICAO).
    DayFirst,
    /// 10/26/1964 (United States).
    MonthFirst,
}

/// Month abbreviations (and full names' starts) in the languages of [`CAPTION_WORDS`],
/// accent-folded and upper-case.
const MONTHS: &[(&str, Month)] = &[
    ("JAN", Month::January),
    ("JANV", Month::January),
    ("ENE", Month::January),
    ("GEN", Month::January),
    ("JANE", Month::January),
    ("FEB", Month::February),
    ("FEV", Month::February),
    ("FEVR", Month::February),
    ("FEBR", Month::February),
    ("MAR", Month::March),
    ("MARS", Month::March),
    ("MRZ", Month::March),
    ("MAERZ", Month::March),
    ("MRT", Month::March),
    ("MARC", Month::March),
    ("APR", Month::April),
    ("AVR", Month::April),
    ("ABR", Month::April),
    ("MAY", Month::May),
    ("MAI", Month::May),
    ("MAG", Month::May),
    ("MEI", Month::May),
    ("MAYO", Month::May),
    ("MAIO", Month::May),
    ("JUN", Month::June),
    ("JUIN", Month::June),
    ("GIU", Month::June),
    ("JUNI", Month::June),
    ("JUL", Month::July),
    ("JUIL", Month::July),
    ("LUG", Month::July),
    ("JULI", Month::July),
    ("AUG", Month::August),
    ("AOU", Month::August),
    ("AGO", Month::August),
    ("AGOS", Month::August),
    ("SEP", Month::September),
    ("SEPT", Month::September),
    ("SET", Month::September),
    ("OCT", Month::October),
    ("OKT", Month::October),
    ("OTT", Month::October),
    ("OUT", Month::October),
    ("NOV", Month::November),
    ("DEC", Month::December),
    ("DEZ", Month::December),
    ("DIC", Month::December),
    ("DES", Month::December),
];

/// A token of a date: a run of digits or of letters.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(String),
    Word(String),
}

fn date_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut digits = false;
    let flush = |current: &mut String, digits: bool, tokens: &mut Vec<Token>| {
        if !current.is_empty() {
            let s = std::mem::take(current);
            tokens.push(if digits {
                Token::Number(s)
            } else {
                Token::Word(s)
            });
        }
    };
    for c in text.chars() {
        let folded = fold(c).map(|f| f.to_ascii_uppercase());
        match folded {
            Some(f) => {
                let is_digit = f.is_ascii_digit();
                if is_digit != digits {
                    flush(&mut current, digits, &mut tokens);
                    digits = is_digit;
                }
                current.push(f);
            }
            None => flush(&mut current, digits, &mut tokens),
        }
    }
    flush(&mut current, digits, &mut tokens);
    // "020CT1978": the O of a month read as a zero.
    let mut repaired = Vec::with_capacity(tokens.len());
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        if let (Token::Number(n), Some(Token::Word(w))) = (&token, iter.peek())
            && n.len() > 1
            && n.ends_with('0')
            && month_named(w).is_none()
            && month_named(&format!("O{w}")).is_some()
        {
            let word = format!("O{w}");
            repaired.push(Token::Number(n[..n.len() - 1].to_string()));
            repaired.push(Token::Word(word));
            iter.next();
            continue;
        }
        // "09 AG0/AUG 1970": the O ending a month read as a zero.
        if let (Token::Word(w), Some(Token::Number(n))) = (&token, iter.peek())
            && n.starts_with('0')
            && month_named(w).is_none()
            && month_named(&format!("{w}O")).is_some()
        {
            let rest = n[1..].to_string();
            repaired.push(Token::Word(format!("{w}O")));
            iter.next();
            if !rest.is_empty() {
                repaired.push(Token::Number(rest));
            }
            continue;
        }
        repaired.push(token);
    }
    repaired
}

fn month_named(word: &str) -> Option<Month> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .or_else(|| {
            // A full month name ("OCTOBER", "DEZEMBER"): its first three letters.
            (word.len() > 4)
                .then(|| {
                    MONTHS
                        .iter()
                        .find(|(name, _)| name.len() == 3 && word.starts_with(name))
                })
                .flatten()
        })
        .map(|(_, m)| *m)
}

/// Reads a date in any of the printed forms (see the module documentation). `order` settles
/// numeric dates whose day and month could be swapped; a two-digit year goes to the latest
/// century that puts it before `before_year` (the expiry, for a birth date), else to 19xx when
/// over 30 and 20xx otherwise.
pub fn parse_date(text: &str, order: DateOrder, before_year: Option<i32>) -> Option<Date> {
    let tokens = date_tokens(text);
    let number = |i: usize| match tokens.get(i) {
        Some(Token::Number(n)) => Some(n.as_str()),
        _ => None,
    };
    let word = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    for i in 0..tokens.len() {
        // 26 OCT 1964, 26 OCT/OCT 64.
        if let (Some(day), Some(month)) = (number(i), word(i + 1).and_then(month_named)) {
            let year_at = if word(i + 2).and_then(month_named).is_some() {
                i + 3
            } else {
                i + 2
            };
            if let Some(year) = number(year_at)
                && let Some(date) = make_date(year, month, day, before_year)
            {
                return Some(date);
            }
        }
        // 26101964 (spaces lost): split as the order says, else as a year first.
        if let Some(n) = number(i).filter(|n| n.len() == 8) {
            let (x, y, year) = (&n[0..2], &n[2..4], &n[4..8]);
            let split = match order {
                DateOrder::DayFirst => make_date_numbers(year, y, x, before_year),
                DateOrder::MonthFirst => make_date_numbers(year, x, y, before_year),
            };
            if let Some(date) =
                split.or_else(|| make_date_numbers(&n[0..4], &n[4..6], &n[6..8], before_year))
            {
                return Some(date);
            }
        }
        let (Some(a), Some(b), Some(c)) = (number(i), number(i + 1), number(i + 2)) else {
            continue;
        };
        // 1964-10-26.
        if a.len() == 4
            && let Some(month) = month_number(b)
            && let Some(date) = make_date(a, month, c, before_year)
        {
            return Some(date);
        }
        // "3D0812/30/1952": a caption's characters glued to the first number.
        let a = if a.len() > 2 { &a[a.len() - 2..] } else { a };
        if b.len() > 2 || !(c.len() == 4 || c.len() == 2) {
            continue;
        }
        let day_first = make_date_numbers(c, b, a, before_year);
        let month_first = make_date_numbers(c, a, b, before_year);
        let found = match (order, day_first, month_first) {
            (DateOrder::DayFirst, Some(d), _) | (DateOrder::MonthFirst, _, Some(d)) => Some(d),
            (_, Some(d), None) | (_, None, Some(d)) => Some(d),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn month_number(text: &str) -> Option<Month> {
    let n: u8 = text.parse().ok()?;
    Month::try_from(n).ok()
}

fn make_date_numbers(year: &str, month: &str, day: &str, before_year: Option<i32>) -> Option<Date> {
    make_date(year, month_number(month)?, day, before_year)
}

fn make_date(year: &str, month: Month, day: &str, before_year: Option<i32>) -> Option<Date> {
    if day.len() > 2 {
        return None;
    }
    let day: u8 = day.parse().ok()?;
    let year = match year.len() {
        4 => year.parse().ok()?,
        2 => {
            let yy: i32 = year.parse().ok()?;
            match before_year {
                Some(limit) => {
                    let century = limit.div_euclid(100) * 100;
                    if century + yy < limit {
                        century + yy
                    } else {
                        century - 100 + yy
                    }
                }
                None if yy > 30 => 1900 + yy,
                None => 2000 + yy,
            }
        }
        _ => return None,
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of ink with these characters per word, 20 pixels high, even.
    fn ink_line(words: &[usize]) -> InkLine {
        InkLine {
            text_box: TextBox {
                centre: [300.0, 100.0],
                direction: [1.0, 0.0],
                length: 200.0,
                height: 40.0,
                score: 1.0,
            },
            characters: words.iter().sum(),
            character_height: 20.0,
            evenness: 1.0,
            words: words.to_vec(),
        }
    }

    /// The best cost of a line for a value, over the value's shapes.
    fn best_cost(line: &InkLine, field: Field, value: &Value) -> Option<f32> {
        value_shapes(field, value)
            .iter()
            .filter_map(|shape| shape_cost(line, shape))
            .min_by(f32::total_cmp)
    }

    #[test]
    fn a_line_of_the_value_s_word_shape_fits_it_best() {
        let birth = Value::Date(Date::from_calendar_date(1972, Month::December, 5).unwrap());
        let names = Value::Text("AYSE<GULSEN".into());
        let date_line = ink_line(&[2, 3, 4]);
        let name_line = ink_line(&[4, 6]);
        let title = ink_line(&[8]);
        let cost = |line: &InkLine, field, value: &Value| best_cost(line, field, value).unwrap();
        assert_eq!(cost(&date_line, Field::BirthDate, &birth), 0.0);
        assert_eq!(cost(&name_line, Field::GivenNames, &names), 0.0);
        // A date line for the names, a name line for a date: the count of words differs.
        assert!(cost(&date_line, Field::GivenNames, &names) >= WORD_COUNT_COST);
        assert!(
            cost(&name_line, Field::BirthDate, &birth) > cost(&date_line, Field::BirthDate, &birth)
        );
        // A word of eight letters can be a date with its digits run together, which is rare.
        assert_eq!(cost(&title, Field::BirthDate, &birth), UNDIVIDED_DATE_COST);
        // Far too long or short: no fit at all.
        assert_eq!(best_cost(&ink_line(&[25]), Field::BirthDate, &birth), None);
        assert_eq!(
            best_cost(
                &ink_line(&[3]),
                Field::DocumentNumber,
                &Value::Text("L898902C3".into())
            ),
            None
        );
    }

    /// An ink line at height `y` with these characters per word, 20 pixels high.
    fn line_at(y: f32, words: &[usize]) -> InkLine {
        let mut line = ink_line(words);
        line.text_box.centre[1] = y;
        line
    }

    /// A passport page's lines, top to bottom, with the index of each.
    fn passport_lines() -> Vec<InkLine> {
        vec![
            line_at(110.0, &[9]),       // 0: PASSEPORT
            line_at(200.0, &[9]),       // 1: the number
            line_at(270.0, &[6]),       // 2: the surname
            line_at(340.0, &[3, 6]),    // 3: the given names
            line_at(410.0, &[9]),       // 4: the nationality
            line_at(480.0, &[2, 3, 4]), // 5: the date of birth
            line_at(550.0, &[7]),       // 6: the place of birth
            line_at(620.0, &[2, 3, 4]), // 7: the date of issue
            line_at(690.0, &[2, 3, 4]), // 8: the date of expiry
        ]
    }

    #[test]
    fn the_first_date_is_the_birth_date_and_the_last_the_expiry() {
        let lines = passport_lines();
        let layout = IcaoLayout::of(&lines, 20.0);
        let birth = |at| layout.cost(Field::BirthDate, at, &[]);
        let expiry = |at| layout.cost(Field::ExpiryDate, at, &[]);
        assert_eq!(birth(5), 0.0);
        assert_eq!(birth(7), ORDER_COST);
        assert_eq!(birth(8), 2.0 * ORDER_COST);
        assert_eq!(expiry(8), 0.0);
        assert_eq!(expiry(7), ORDER_COST);
        assert_eq!(expiry(5), 2.0 * ORDER_COST);
        // Lines not written like dates count for nothing.
        assert_eq!(birth(4), 0.0);
        assert!(!written_like_a_date(&lines[4]));
        assert!(written_like_a_date(&line_at(0.0, &[2, 2, 4])));
        assert!(written_like_a_date(&line_at(0.0, &[2, 7, 4])));
        assert!(written_like_a_date(&line_at(0.0, &[4, 2, 2])));
        assert!(!written_like_a_date(&line_at(0.0, &[6, 1, 6])));
    }

    #[test]
    fn the_top_line_is_the_title_and_values_keep_icao_order() {
        let lines = passport_lines();
        let layout = IcaoLayout::of(&lines, 20.0);
        // The title costs as much as a value on the wrong side of it.
        assert_eq!(layout.cost(Field::DocumentNumber, 0, &[]), ORDER_COST);
        assert_eq!(layout.cost(Field::DocumentNumber, 1, &[]), 0.0);
        // Once the number is found, a surname above it or beside it is out of place.
        let number = [(Field::DocumentNumber, 200.0)];
        assert_eq!(layout.cost(Field::Surname, 2, &number), 0.0);
        assert_eq!(layout.cost(Field::Surname, 1, &number), ORDER_COST);
        // Once the surname is found, given names above it are out of place, and those far below
        // it skip the lines between.
        let found = [(Field::DocumentNumber, 200.0), (Field::Surname, 270.0)];
        assert_eq!(layout.cost(Field::GivenNames, 3, &found), 0.0);
        assert_eq!(
            layout.cost(Field::GivenNames, 6, &found),
            3.0 * SKIPPED_LINE_COST
        );
        assert_eq!(layout.cost(Field::GivenNames, 0, &found), 3.0 * ORDER_COST);
        // A surname far under the number skips the lines between.
        assert_eq!(
            layout.cost(Field::Surname, 6, &number),
            4.0 * SKIPPED_LINE_COST
        );
    }

    #[test]
    fn captions_are_not_skipped_lines() {
        let mut lines = passport_lines();
        // A caption, half a value's height, between the surname and the given names.
        let mut caption = line_at(305.0, &[5, 1, 7]);
        caption.character_height = 10.0;
        lines.push(caption);
        let layout = IcaoLayout::of(&lines, 20.0);
        let found = [(Field::Surname, 270.0)];
        assert_eq!(layout.cost(Field::GivenNames, 3, &found), 0.0);
    }

    #[test]
    fn a_value_in_two_scripts_fits_by_its_length_alone() {
        // "СОКОЛОВА / SOKOLOVA": 17 characters in three words.
        let surname = Value::Text("SOKOLOVA".into());
        let line = ink_line(&[8, 1, 8]);
        let cost = best_cost(&line, Field::Surname, &surname).unwrap();
        assert!((cost - TWO_SCRIPTS_COST).abs() < 1e-6, "{cost}");
        // A document number is not printed in two scripts.
        assert_eq!(
            best_cost(
                &ink_line(&[9, 1, 9]),
                Field::DocumentNumber,
                &Value::Text("L898902C3".into())
            ),
            None
        );
    }

    fn rossi() -> Expected {
        Expected {
            fields: vec![
                (Field::Surname, Value::Text("ROSSI".into())),
                (Field::GivenNames, Value::Text("ANNA<MARIA".into())),
                (Field::DocumentNumber, Value::Text("CA00000AA".into())),
                (
                    Field::BirthDate,
                    Value::Date(time::macros::date!(1964 - 10 - 26)),
                ),
                (
                    Field::ExpiryDate,
                    Value::Date(time::macros::date!(2035 - 08 - 22)),
                ),
            ],
            order: DateOrder::DayFirst,
            icao_order: false,
        }
    }

    fn rossi_boxes(number: &str) -> Vec<ReadBox> {
        vec![
            read_box("Cognome/Surname ROSSI", 300.0, 100.0, 300.0, 30.0),
            // The recogniser lost the space between the two given names.
            read_box("ANNAMARIA", 300.0, 150.0, 200.0, 30.0),
            read_box(number, 600.0, 100.0, 200.0, 30.0),
            read_box("26.10.1964", 300.0, 200.0, 200.0, 30.0),
            read_box("22 AUG 2035", 300.0, 250.0, 200.0, 30.0),
        ]
    }

    #[test]
    fn values_that_agree_with_the_machine_readable_data_confirm_the_printed_zone() {
        let fields = confirm_expected(&rossi_boxes("CA00000AA"), &rossi()).expect("confirmed");
        assert_eq!(fields.surname.map(|f| f.value).as_deref(), Some("ROSSI"));
        assert_eq!(
            fields.given_names.map(|f| f.value).as_deref(),
            Some("ANNAMARIA")
        );
        assert_eq!(
            fields.document_number.map(|f| f.value).as_deref(),
            Some("CA00000AA")
        );
        assert_eq!(
            fields.birth_date.map(|f| f.value),
            Some(time::macros::date!(1964 - 10 - 26))
        );
        assert_eq!(
            fields.expiry_date.map(|f| f.value),
            Some(time::macros::date!(2035 - 08 - 22))
        );
    }

    #[test]
    fn a_missing_or_disagreeing_value_leaves_the_printed_zone_unconfirmed() {
        let boxes = rossi_boxes("CA00000AA");
        assert_eq!(confirm_expected(&boxes[..4], &rossi()), None);
        assert_eq!(confirm_expected(&rossi_boxes("CA00000AB"), &rossi()), None);
        assert_eq!(confirm_expected(&boxes, &Expected::nothing()), None);
    }

    #[test]
    fn one_box_confirms_one_value() {
        let expected = Expected {
            fields: vec![
                (Field::Surname, Value::Text("JOHN".into())),
                (Field::GivenNames, Value::Text("JOHN".into())),
            ],
            order: DateOrder::DayFirst,
            icao_order: false,
        };
        let one = [read_box("JOHN", 300.0, 100.0, 100.0, 30.0)];
        assert_eq!(confirm_expected(&one, &expected), None);
        let two = [one[0].clone(), read_box("JOHN", 300.0, 150.0, 100.0, 30.0)];
        assert!(confirm_expected(&two, &expected).is_some());
    }

    #[test]
    fn a_value_printed_in_two_scripts_is_confirmed_by_its_latin_part() {
        let expected = Expected {
            fields: vec![
                (Field::Surname, Value::Text("SOKOLOVA".into())),
                (Field::GivenNames, Value::Text("TATIANA<KSENIIA".into())),
            ],
            order: DateOrder::DayFirst,
            icao_order: false,
        };
        let boxes = [
            read_box("СОКОЛОВА / SOKOLOVA", 400.0, 100.0, 400.0, 30.0),
            read_box("ТАТЬЯНА КСЕНИЯ/TATIANA KSENIIA", 400.0, 150.0, 600.0, 30.0),
        ];
        let fields = confirm_expected(&boxes, &expected).expect("confirmed");
        assert_eq!(fields.surname.map(|f| f.value).as_deref(), Some("SOKOLOVA"));
        // A part that is another name does not confirm.
        let other = [
            boxes[0].clone(),
            read_box("ТАТЬЯНА / TATIANA", 400.0, 150.0, 300.0, 30.0),
        ];
        assert_eq!(confirm_expected(&other, &expected), None);
    }

    #[test]
    fn licence_values_after_their_field_numbers_confirm_month_first() {
        let expected = Expected {
            fields: vec![
                (Field::GivenNames, Value::Text("ASHLEY<LYNN".into())),
                (Field::DocumentNumber, Value::Text("L70146330".into())),
                (
                    Field::BirthDate,
                    Value::Date(time::macros::date!(1965 - 12 - 02)),
                ),
            ],
            order: DateOrder::MonthFirst,
            icao_order: false,
        };
        let boxes = [
            read_box("4d DLN L70146330", 600.0, 180.0, 350.0, 45.0),
            read_box("3 DOB12/02/1965", 600.0, 300.0, 330.0, 45.0),
            read_box("2ASHLEY LYNN", 600.0, 420.0, 280.0, 40.0),
        ];
        assert!(confirm_expected(&boxes, &expected).is_some());
        let day_first = Expected {
            order: DateOrder::DayFirst,
            icao_order: false,
            ..expected
        };
        assert_eq!(confirm_expected(&boxes, &day_first), None);
    }

    /// A horizontal box read as `text`, centred at (`x`, `y`).
    fn read_box(text: &str, x: f32, y: f32, length: f32, height: f32) -> ReadBox {
        ReadBox::uniform(
            TextBox {
                centre: [x, y],
                direction: [1.0, 0.0],
                length,
                height,
                score: 0.9,
            },
            text,
        )
    }

    use time::macros::date;

    fn value<T: Clone>(field: &Option<ReadField<T>>) -> Option<T> {
        field.as_ref().map(|f| f.value.clone())
    }

    #[test]
    fn passport_values_are_below_their_captions() {
        let boxes = [
            read_box("PEOPLE'S REPUBLIC OF CHINA", 675.0, 47.0, 616.0, 35.0),
            read_box("Type", 439.0, 173.0, 41.0, 24.0),
            read_box("Code", 626.0, 171.0, 52.0, 27.0),
            read_box("Passport No.", 940.0, 171.0, 106.0, 28.0),
            read_box("P", 425.0, 200.0, 30.0, 34.0),
            read_box("CHN", 639.0, 200.0, 78.0, 34.0),
            read_box("E15117419", 981.0, 199.0, 185.0, 33.0),
            read_box("Surname", 456.0, 241.0, 80.0, 25.0),
            read_box("LI", 435.0, 269.0, 40.0, 32.0),
            read_box("Given names", 473.0, 309.0, 113.0, 26.0),
            read_box("FANG", 463.0, 338.0, 92.0, 33.0),
            read_box("Date of birth", 470.0, 444.0, 123.0, 32.0),
            read_box("Sex", 762.0, 447.0, 37.0, 25.0),
            read_box("Place of birth", 934.0, 447.0, 116.0, 24.0),
            read_box("09 SEP 2005", 519.0, 474.0, 206.0, 35.0),
            read_box("GUANGDONG", 986.0, 475.0, 216.0, 31.0),
            read_box("Date of issue", 472.0, 516.0, 114.0, 24.0),
            read_box("29 JAN 2025", 517.0, 544.0, 202.0, 34.0),
            read_box("Date of expiry", 476.0, 585.0, 121.0, 27.0),
            read_box("28 JAN 2035", 518.0, 614.0, 201.0, 34.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.surname).as_deref(), Some("LI"));
        assert_eq!(value(&fields.given_names).as_deref(), Some("FANG"));
        assert_eq!(value(&fields.document_number).as_deref(), Some("E15117419"));
        assert_eq!(value(&fields.birth_date), Some(date!(2005 - 09 - 09)));
        assert_eq!(value(&fields.expiry_date), Some(date!(2035 - 01 - 28)));
    }

    #[test]
    fn a_licence_is_read_by_its_field_numbers_with_values_right_or_merged() {
        let boxes = [
            read_box("DRIVER LICENSE", 1101.0, 49.0, 284.0, 34.0),
            // "4d DLN" and its value detected apart, overlapping a little.
            read_box("4d DLN", 487.0, 185.0, 97.0, 29.0),
            read_box("Z58380463", 649.0, 179.0, 264.0, 38.0),
            read_box("4b EXP 12/08/2034", 584.0, 243.0, 296.0, 38.0),
            read_box("4a ISS 06/19/2026", 957.0, 245.0, 262.0, 34.0),
            read_box("3 DOB 11/18/1981", 598.0, 304.0, 328.0, 44.0),
            read_box("1", 492.0, 365.0, 20.0, 30.0),
            read_box("JOHNSON", 556.0, 365.0, 150.0, 43.0),
            read_box("2JESSICA MARIE", 593.0, 420.0, 305.0, 39.0),
            read_box("8 1762 LAKEVIEW RD", 628.0, 473.0, 314.0, 32.0),
            read_box("5 DD 66757453243110350517", 613.0, 748.0, 347.0, 24.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.surname).as_deref(), Some("JOHNSON"));
        assert_eq!(value(&fields.given_names).as_deref(), Some("JESSICA MARIE"));
        assert_eq!(value(&fields.document_number).as_deref(), Some("Z58380463"));
        // Month first on a licence: 11/18 and 12/08 (not 12 August).
        assert_eq!(value(&fields.birth_date), Some(date!(1981 - 11 - 18)));
        assert_eq!(value(&fields.expiry_date), Some(date!(2034 - 12 - 08)));
    }

    #[test]
    fn licence_names_without_their_field_numbers_are_the_lines_under_the_birth_date() {
        let boxes = [
            read_box("4d DLN 978108325", 609.0, 181.0, 350.0, 45.0),
            read_box("4b EXP 01/07/2029", 583.0, 241.0, 295.0, 37.0),
            read_box("3 DOB 01/07/1982", 599.0, 300.0, 328.0, 42.0),
            read_box("BROWN", 538.0, 360.0, 194.0, 40.0),
            read_box("MARY ELIZABETH", 614.0, 413.0, 355.0, 41.0),
            read_box("2517 ELM ST", 577.0, 467.0, 211.0, 34.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.surname).as_deref(), Some("BROWN"));
        assert_eq!(
            value(&fields.given_names).as_deref(),
            Some("MARY ELIZABETH")
        );
    }

    #[test]
    fn a_caption_and_its_value_in_one_box_are_split() {
        let boxes = [
            read_box("Surname / Nom MARTIN", 300.0, 100.0, 300.0, 30.0),
            read_box(
                "Given names / Prénoms: CLAIRE ANNE",
                340.0,
                150.0,
                380.0,
                30.0,
            ),
            read_box("Date of birth 26.10.1964 Sex F", 330.0, 200.0, 360.0, 30.0),
            read_box("Document No. 18AB12345", 330.0, 250.0, 360.0, 30.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.surname).as_deref(), Some("MARTIN"));
        assert_eq!(value(&fields.given_names).as_deref(), Some("CLAIRE ANNE"));
        assert_eq!(value(&fields.birth_date), Some(date!(1964 - 10 - 26)));
        assert_eq!(value(&fields.document_number).as_deref(), Some("18AB12345"));
        let surname = fields.surname.as_ref().map(|f| f.text.as_str());
        assert_eq!(surname, Some("MARTIN"));
    }

    #[test]
    fn captions_in_other_languages_and_misread_ones_are_found() {
        let boxes = [
            // German only; a caption in an unknown language before a slash; OCR-damaged words.
            read_box("Name", 120.0, 100.0, 60.0, 24.0),
            read_box("MÜLLER", 130.0, 130.0, 100.0, 32.0),
            read_box("Chữ đệm và tên / Givennames", 220.0, 180.0, 250.0, 24.0),
            read_box("ANNA MARIA", 180.0, 210.0, 170.0, 32.0),
            read_box("Fecha de nacimlento", 180.0, 260.0, 180.0, 24.0),
            read_box("03 ENE/JAN 89", 160.0, 290.0, 140.0, 32.0),
            read_box("Gültig bis", 140.0, 340.0, 100.0, 24.0),
            read_box("020CT 2031", 150.0, 370.0, 120.0, 32.0),
            read_box("Passeport n°", 600.0, 100.0, 120.0, 24.0),
            read_box("C01X00T47", 610.0, 130.0, 140.0, 32.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.surname).as_deref(), Some("MÜLLER"));
        assert_eq!(value(&fields.given_names).as_deref(), Some("ANNA MARIA"));
        // Two-digit year: the century that keeps the birth before the expiry.
        assert_eq!(value(&fields.birth_date), Some(date!(1989 - 01 - 03)));
        assert_eq!(value(&fields.expiry_date), Some(date!(2031 - 10 - 02)));
        assert_eq!(value(&fields.document_number).as_deref(), Some("C01X00T47"));
    }

    #[test]
    fn a_value_spanning_columns_is_cut_at_the_next_caption() {
        let boxes = [
            read_box(
                "Date of birth / Date de naissance",
                200.0,
                100.0,
                300.0,
                24.0,
            ),
            read_box("Sex / Sexe", 420.0, 100.0, 90.0, 24.0),
            // Glyphs spread evenly: "F" falls under "Sex", the year under the birth date.
            read_box("12 03 1990 F", 250.0, 130.0, 400.0, 32.0),
        ];
        let fields = label_fields(&boxes);
        assert_eq!(value(&fields.birth_date), Some(date!(1990 - 03 - 12)));
        assert_eq!(
            fields.birth_date.map(|f| f.text).as_deref(),
            Some("12 03 1990")
        );
    }

    #[test]
    fn dates_are_read_in_every_printed_form() {
        use DateOrder::{DayFirst, MonthFirst};
        let cases = [
            ("26.10.1964", DayFirst, date!(1964 - 10 - 26)),
            ("26 OCT 1964", DayFirst, date!(1964 - 10 - 26)),
            ("26 OKT/OCT 1964", DayFirst, date!(1964 - 10 - 26)),
            ("1964-10-26", MonthFirst, date!(1964 - 10 - 26)),
            ("26/10/1964", DayFirst, date!(1964 - 10 - 26)),
            // The order only decides when both readings are dates.
            ("26/10/1964", MonthFirst, date!(1964 - 10 - 26)),
            ("10/26/1964", DayFirst, date!(1964 - 10 - 26)),
            ("05/04/2021", DayFirst, date!(2021 - 04 - 05)),
            ("05/04/2021", MonthFirst, date!(2021 - 05 - 04)),
            ("26101964", DayFirst, date!(1964 - 10 - 26)),
            ("3 DOB12/20/1965", MonthFirst, date!(1965 - 12 - 20)),
            ("09AG0/AUG1970", DayFirst, date!(1970 - 08 - 09)),
        ];
        for (text, order, expected) in cases {
            assert_eq!(parse_date(text, order, None), Some(expected), "{text}");
        }
        assert_eq!(parse_date("31.02.1990", DayFirst, None), None);
        assert_eq!(parse_date("NONE", DayFirst, None), None);
        // Two-digit years: before the expiry when it is known.
        assert_eq!(
            parse_date("26 OCT/OCT 64", DayFirst, Some(2030)),
            Some(date!(1964 - 10 - 26))
        );
        assert_eq!(
            parse_date("01 JAN 05", DayFirst, Some(2030)),
            Some(date!(2005 - 01 - 01))
        );
    }

    #[test]
    fn names_and_numbers_are_cleaned() {
        assert_eq!(name_value(" O'BRIEN ").as_deref(), Some("O'BRIEN"));
        assert_eq!(name_value("ПОПОВ / POPOV").as_deref(), Some("POPOV"));
        assert_eq!(name_value("12/20/1965"), None);
        assert_eq!(number_value("L 701 46330").as_deref(), Some("L70146330"));
        assert_eq!(number_value("PASSPORT"), None);
        assert_eq!(number_value("A1"), None);
    }

    #[test]
    fn stamps_microprint_and_mrz_lines_are_not_read() {
        let line = |length: f32, height: f32, angle_deg: f32| {
            let a = angle_deg.to_radians();
            TextBox {
                centre: [500.0, 300.0],
                direction: [a.cos(), a.sin()],
                length,
                height,
                score: 0.9,
            }
        };
        let boxes = [
            line(200.0, 30.0, 0.0),
            line(210.0, 32.0, 1.0),
            line(220.0, 28.0, 0.0),
            line(400.0, 110.0, 4.0),  // a stamp: too tall
            line(300.0, 30.0, -25.0), // tilted
            line(300.0, 8.0, 0.0),    // microprint
            line(1150.0, 35.0, 0.0),  // an MRZ line
        ];
        assert_eq!(boxes_worth_reading(&boxes).len(), 3);
    }
}
