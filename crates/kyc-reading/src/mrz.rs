//! Finding and reading the machine-readable zone in a photo.
//!
//! The text detector often cuts one MRZ line into pieces (a run of `<` fillers is a separate
//! blob), so detected boxes are first joined into rows: boxes that run in the same direction
//! (within [`ROW_ANGLE_DEG`]), sit on the same line (centres within half a box height of it)
//! and follow each other with a gap of at most [`ROW_GAP_HEIGHTS`] heights. Each row long
//! enough to be an MRZ line (at least [`MIN_ROW_ASPECT`] times longer than high) is read, and,
//! unless the caller knows which way up the picture is ([`Directions`]), read again the other
//! way round when its text does not look like an MRZ line. Rows that look like MRZ lines and
//! stack one under the other form the zone, which is parsed by `kyc_documents::mrz::parse_lenient`: corrections only where the
//! grammar or a check digit proves them, failing check digits reported, never guessed away.

use image::RgbImage;
use kyc_documents::mrz::{self, MrzReport, ParseOptions, is_mrz_character};

use crate::models::ModelError;
use crate::text::{Recognised, TextBox, TextRecognizer};

/// Largest angle between two boxes of one row, in degrees.
pub const ROW_ANGLE_DEG: f32 = 6.0;
/// Largest gap between two boxes of one row, in box heights.
pub const ROW_GAP_HEIGHTS: f32 = 2.5;
/// Smallest length / height of a row that can be an MRZ line (a TD1 line is 30 characters).
pub const MIN_ROW_ASPECT: f32 = 8.0;
/// Share of a line's characters that must be MRZ characters (`A`–`Z`, `0`–`9`, `<`).
const MRZ_CHARACTER_SHARE: f32 = 0.9;

/// One line of the MRZ as read.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadLine {
    pub text: String,
    /// Where each character was read along the row, in pixels from its start.
    pub positions: Vec<f32>,
    /// Confidence per character of `text`.
    pub confidence: Vec<f32>,
    pub row: TextBox,
    /// Characters the recogniser seems to have skipped (gaps of two pitches or more between
    /// neighbouring letters or digits). A line with any is not a trustworthy reading.
    pub skipped: usize,
    /// Whether another reading, from a cut of another height, gave the same characters.
    pub confirmed: bool,
}

/// Which reader read an MRZ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MrzReader {
    /// The glyph grid (`mrz_grid`): found by image analysis, each glyph classified as OCR-B.
    GlyphGrid,
    /// The text models: PP-OCRv4 detection and recognition.
    TextModels,
}

/// The MRZ found in a picture.
#[derive(Clone, Debug)]
pub struct FoundMrz {
    pub reader: MrzReader,
    pub lines: Vec<ReadLine>,
    /// The lenient parse of the lines; `None` when they are not any MRZ shape.
    pub report: Option<MrzReport>,
}

impl FoundMrz {
    /// Whether every line was read without skipping a character and confirmed by a second
    /// reading.
    pub fn complete(&self) -> bool {
        self.lines.iter().all(|l| l.skipped == 0 && l.confirmed)
    }

    /// The lowest character confidence over the zone.
    pub fn min_confidence(&self) -> f32 {
        self.lines
            .iter()
            .flat_map(|l| l.confidence.iter().copied())
            .fold(1.0, f32::min)
    }
}

/// Joins detected boxes into rows of text.
pub fn rows(boxes: &[TextBox]) -> Vec<TextBox> {
    let mut rows: Vec<TextBox> = Vec::new();
    let mut order: Vec<&TextBox> = boxes.iter().collect();
    order.sort_by(|a, b| b.length.total_cmp(&a.length));
    for b in order {
        if let Some(row) = rows.iter_mut().find(|r| same_row(r, b)) {
            *row = joined(row, b);
        } else {
            rows.push(b.clone());
        }
    }
    // A join can bring two rows close enough to join each other.
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                if same_row(&rows[i], &rows[j]) {
                    let other = rows.remove(j);
                    rows[i] = joined(&rows[i], &other);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    rows
}

fn same_row(row: &TextBox, b: &TextBox) -> bool {
    let dot = row.direction[0] * b.direction[0] + row.direction[1] * b.direction[1];
    if dot.abs() < ROW_ANGLE_DEG.to_radians().cos() {
        return false;
    }
    let (dx, dy) = (b.centre[0] - row.centre[0], b.centre[1] - row.centre[1]);
    let along = dx * row.direction[0] + dy * row.direction[1];
    let across = -dx * row.direction[1] + dy * row.direction[0];
    let height = row.height.max(b.height);
    if across.abs() > 0.5 * row.height.min(b.height) {
        return false;
    }
    let ratio = row.height.min(b.height) / height.max(1e-3);
    if ratio < 0.6 {
        return false;
    }
    let gap = along.abs() - row.length / 2.0 - b.length / 2.0;
    gap <= ROW_GAP_HEIGHTS * height
}

/// The smallest box along `row`'s direction holding both.
fn joined(row: &TextBox, b: &TextBox) -> TextBox {
    let [ux, uy] = row.direction;
    let project = |p: [f32; 2]| {
        let (dx, dy) = (p[0] - row.centre[0], p[1] - row.centre[1]);
        (dx * ux + dy * uy, -dx * uy + dy * ux)
    };
    let (mut lo_u, mut hi_u, mut lo_v, mut hi_v) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in row.corners().into_iter().chain(b.corners()) {
        let (u, v) = project(p);
        lo_u = lo_u.min(u);
        hi_u = hi_u.max(u);
        lo_v = lo_v.min(v);
        hi_v = hi_v.max(v);
    }
    let (cu, cv) = ((lo_u + hi_u) / 2.0, (lo_v + hi_v) / 2.0);
    let weight = row.length + b.length;
    TextBox {
        centre: [
            row.centre[0] + cu * ux - cv * uy,
            row.centre[1] + cu * uy + cv * ux,
        ],
        direction: row.direction,
        length: hi_u - lo_u,
        // The union across the line would grow with any tilt between the parts: keep the
        // parts' height, weighted by length.
        height: (row.height * row.length + b.height * b.length) / weight.max(1e-3),
        score: (row.score * row.length + b.score * b.length) / weight.max(1e-3),
    }
}

/// An MRZ line's text from a recogniser's reading: upper case, spaces dropped, the look-alikes
/// of `<` that recognisers produce turned into `<`.
pub fn normalise(read: &Recognised) -> (String, Vec<f32>) {
    let mut text = String::new();
    let mut confidence = Vec::new();
    for c in &read.chars {
        let mapped = match c.character {
            c if c.is_whitespace() => continue,
            '«' | '‹' | '〈' | '＜' | '≤' => '<',
            // Look-alikes outside the MRZ alphabet, so no MRZ character is changed.
            '×' => 'X',
            '—' | '–' | '-' | '_' | '.' | ',' | '\'' | '`' => continue,
            other => other.to_ascii_uppercase(),
        };
        text.push(mapped);
        confidence.push(c.confidence);
    }
    (text, confidence)
}

/// [`normalise`] with each character's position along a row `length` pixels long.
fn normalise_placed(read: &Recognised, length: f32) -> (String, Vec<f32>, Vec<f32>) {
    let mut positions = Vec::new();
    for c in &read.chars {
        if !c.character.is_whitespace() {
            positions.push(c.position * length);
        }
    }
    let (text, mut confidence) = normalise(read);
    // The stretched row reaches past the line's end: what was read there outside the MRZ
    // alphabet is not part of the line.
    let mut chars: Vec<char> = text.chars().collect();
    while chars.last().is_some_and(|&c| !is_mrz_character(c)) {
        chars.pop();
    }
    confidence.truncate(chars.len());
    positions.truncate(chars.len());
    (chars.into_iter().collect(), confidence, positions)
}

/// Whether a line of text looks like an MRZ line.
pub fn looks_like_mrz(text: &str) -> bool {
    let n = text.chars().count();
    if n < 25 {
        return false;
    }
    let good = text.chars().filter(|&c| is_mrz_character(c)).count();
    let fillers = text.chars().filter(|&c| c == '<').count();
    good as f32 >= MRZ_CHARACTER_SHARE * n as f32 && fillers >= 1
}

/// Longest MRZ line (TD3), in characters.
const LONGEST_LINE: usize = 44;

/// Which ways round the rows of a picture are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// The picture is known to be upright (the portrait said so): rows are read as given.
    AsGiven,
    /// The picture may be upside down: a row that does not read like an MRZ line is read
    /// the other way round too.
    BothWays,
}

/// Height, relative to the detected row, of the cut a row is first read from.
const SCAN_HEIGHT: f32 = 1.12;
/// Heights, relative to the detected row, of the cuts an MRZ line is read from, in the order
/// tried, until two readings agree and the latest skipped nothing.
const CUT_HEIGHTS: [f32; 6] = [1.0, 1.25, 0.92, 0.85, 1.06, 0.78];

/// Reads the MRZ among detected text boxes of a picture.
///
/// Each row long enough is first read from a cut [`SCAN_HEIGHT`] times its height. The
/// detector stops short inside long runs of `<` (they do not look like text), so a row that
/// reads like an MRZ line, or like the start of one (see [`starts_like_mrz`]), is stretched
/// along its direction to hold a whole TD3 line at the character pitch measured on its letters
/// and digits, and read again from cuts of the heights in [`CUT_HEIGHTS`] until two readings
/// (the first one included) agree: a recogniser that misreads a character under one scaling
/// rarely misreads it the same way under another, and check digits cannot catch every
/// substitution (`C0` read as `0Q` keeps a document number's check digit). A line no two
/// readings agree on is kept unconfirmed, from the reading that skipped fewest characters;
/// the zone's format then fixes each line's length.
pub fn read_mrz(
    picture: &RgbImage,
    boxes: &[TextBox],
    recognizer: &TextRecognizer,
    options: &ParseOptions,
    directions: Directions,
) -> Result<Option<FoundMrz>, ModelError> {
    let mut lines = Vec::new();
    let mut rows = rows(boxes);
    // Longest first: MRZ lines are the longest rows, and once one reads the right way round,
    // the others are read that way only.
    rows.sort_by(|a, b| b.length.total_cmp(&a.length));
    let mut reversed_found: Option<bool> = match directions {
        Directions::AsGiven => Some(false),
        Directions::BothWays => None,
    };
    for row in rows {
        if row.length < MIN_ROW_ASPECT * row.height {
            continue;
        }
        let candidates = match reversed_found {
            Some(false) => vec![(false, row)],
            Some(true) => vec![(true, row.reversed())],
            None => vec![(false, row.clone()), (true, row.reversed())],
        };
        for (reversed, candidate) in candidates {
            let scan = TextBox {
                height: candidate.height * SCAN_HEIGHT,
                ..candidate.clone()
            };
            let read = recognizer.read(picture, &scan)?;
            let (text, _) = normalise(&read);
            if !(looks_like_mrz(&text) || starts_like_mrz(&text)) {
                continue;
            }
            let stretched = pitch(&read, &scan)
                .and_then(|p| stretched(&read, &candidate, p))
                .unwrap_or_else(|| candidate.clone());
            // A row cut short is no reading of the whole line to agree with.
            let scanned = looks_like_mrz(&text).then_some(text.as_str());
            if let Some(line) = read_line(picture, &stretched, scanned, recognizer)?
                && looks_like_mrz(&line.text)
            {
                lines.push(line);
                reversed_found = Some(reversed);
            }
            break;
        }
    }
    let Some(mut zone) = zone(lines) else {
        return Ok(None);
    };
    let length = match zone.len() {
        3 => 30,
        _ if zone.iter().any(|l| l.text.len() >= 40) => 44,
        _ => 36,
    };
    for line in &mut zone {
        place(line, length);
    }
    let text: Vec<&str> = zone.iter().map(|l| l.text.as_str()).collect();
    let report = mrz::parse_lenient(&text.join("\n"), options).ok();
    Ok(Some(FoundMrz {
        reader: MrzReader::TextModels,
        lines: zone,
        report,
    }))
}

/// Reads one MRZ line from cuts of its stretched row at the heights of [`CUT_HEIGHTS`] until
/// a reading agrees with an earlier one (`scanned`, the row's first reading when it covered
/// the whole line, included) and skipped no character. `None` when no cut reads anything.
fn read_line(
    picture: &RgbImage,
    row: &TextBox,
    scanned: Option<&str>,
    recognizer: &TextRecognizer,
) -> Result<Option<ReadLine>, ModelError> {
    let mut readings: Vec<ReadLine> = Vec::new();
    let mut confirmed: Option<ReadLine> = None;
    for height in CUT_HEIGHTS {
        let cut = TextBox {
            height: row.height * height,
            ..row.clone()
        };
        let (text, confidence, positions) =
            normalise_placed(&recognizer.read(picture, &cut)?, cut.length);
        let mut line = ReadLine {
            text,
            positions,
            confidence,
            row: cut,
            skipped: 0,
            confirmed: false,
        };
        line.skipped = skipped_characters(&line);
        let agrees = scanned.is_some_and(|s| same_reading(&line.text, s))
            || readings.iter().any(|r| same_reading(&line.text, &r.text));
        if agrees {
            line.confirmed = true;
            // Of two agreeing readings, the one that skipped fewer characters.
            let better = confirmed.as_ref().is_none_or(|c| line.skipped < c.skipped);
            if better {
                confirmed = Some(line.clone());
            }
            if line.skipped == 0 {
                break;
            }
        }
        readings.push(line);
    }
    if confirmed.is_some() {
        return Ok(confirmed);
    }
    Ok(readings.into_iter().min_by_key(|l| l.skipped))
}

/// Whether a row's text reads like the start of an MRZ line cut short by the detector: at
/// least [`MIN_START_CHARACTERS`] characters, nearly all of the MRZ alphabet, ending in a run
/// of at least three fillers.
fn starts_like_mrz(text: &str) -> bool {
    let n = text.chars().count();
    let good = text.chars().filter(|&c| is_mrz_character(c)).count();
    n >= MIN_START_CHARACTERS
        && good as f32 >= MRZ_CHARACTER_SHARE * n as f32
        && text.ends_with("<<<")
}

/// Fewest characters a row cut short inside a run of fillers must hold to be stretched.
const MIN_START_CHARACTERS: usize = 15;

/// Fixes a line to `length` characters. Characters are kept as read; a line that ends in
/// one or two letters or digits after a run of fillers (the check digits at the end of the
/// last line) keeps them at its end and the run takes the rest, since the recogniser may merge
/// or split fillers in a long run; otherwise the line is cut to `length` or padded with
/// fillers of no confidence.
fn place(line: &mut ReadLine, length: usize) {
    let mut chars: Vec<char> = line.text.chars().collect();
    let mut confidence = line.confidence.clone();
    confidence.resize(chars.len(), 0.0);
    // Fillers read past the line's end (the row was stretched beyond it) go first.
    let core = chars.iter().rposition(|&c| c != '<').map_or(0, |i| i + 1);
    let tail_start = chars[..core]
        .iter()
        .rposition(|&c| c == '<')
        .map_or(0, |i| i + 1);
    let tail = core - tail_start;
    if (1..=2).contains(&tail) && tail_start > 0 && core != length && core > length / 2 {
        let head_end = chars[..tail_start]
            .iter()
            .rposition(|&c| c != '<')
            .map_or(0, |i| i + 1);
        let fillers = length.saturating_sub(head_end + tail);
        if fillers > 0 {
            let tail_chars: Vec<char> = chars[tail_start..core].to_vec();
            let tail_confidence: Vec<f32> = confidence[tail_start..core].to_vec();
            let run_confidence = confidence[head_end..tail_start]
                .iter()
                .copied()
                .fold(1.0, f32::min)
                * 0.5;
            chars.truncate(head_end);
            confidence.truncate(head_end);
            chars.extend(std::iter::repeat_n('<', fillers));
            confidence.extend(std::iter::repeat_n(run_confidence, fillers));
            chars.extend(tail_chars);
            confidence.extend(tail_confidence);
        }
    }
    chars.truncate(length);
    confidence.truncate(length);
    while chars.len() < length {
        chars.push('<');
        confidence.push(0.0);
    }
    line.text = chars.into_iter().collect();
    line.confidence = confidence;
}

/// Whether two readings of a line agree: the same characters in the same order, runs of
/// fillers counted as one (the recogniser merges them differently at different scales).
pub fn same_reading(a: &str, b: &str) -> bool {
    fn collapsed(text: &str) -> String {
        let mut out = String::new();
        for c in text.trim_end_matches('<').chars() {
            if !(c == '<' && out.ends_with('<')) {
                out.push(c);
            }
        }
        out
    }
    collapsed(a) == collapsed(b)
}

/// Gap between neighbouring letters or digits, in pitches, above which a character was
/// skipped.
const SKIP_GAP_PITCHES: f32 = 1.6;

/// How many characters the recogniser skipped between neighbours of which one at least is a
/// letter or digit.
fn skipped_characters(line: &ReadLine) -> usize {
    let chars: Vec<char> = line.text.chars().collect();
    let Some(pitch) = median_pitch(&chars, &line.positions) else {
        return 0;
    };
    // Every neighbouring pair but two fillers (the recogniser merges filler runs): a letter
    // dropped beside a single `<` in a name leaves its gap too.
    chars
        .windows(2)
        .zip(line.positions.windows(2))
        .filter(|(c, _)| c.iter().any(|c| c.is_ascii_alphanumeric()))
        .map(|(_, p)| (p[1] - p[0]) / pitch)
        .filter(|&gap| gap >= SKIP_GAP_PITCHES)
        .map(|gap| (gap.round() as usize).saturating_sub(1).max(1))
        .sum()
}

/// Distances between neighbouring letters or digits; runs of `<` are left out, since the
/// recogniser merges some of them.
fn letter_gaps<'a>(chars: &'a [char], positions: &'a [f32]) -> impl Iterator<Item = f32> + 'a {
    chars
        .windows(2)
        .zip(positions.windows(2))
        .filter(|(c, _)| c.iter().all(|c| c.is_ascii_alphanumeric()))
        .map(|(_, p)| p[1] - p[0])
}

/// The median distance between neighbouring letters and digits of a line.
fn median_pitch(chars: &[char], positions: &[f32]) -> Option<f32> {
    let mut gaps: Vec<f32> = letter_gaps(chars, positions).filter(|g| *g > 0.0).collect();
    if gaps.len() < 4 {
        return None;
    }
    gaps.sort_by(f32::total_cmp);
    Some(gaps[gaps.len() / 2])
}

/// The character pitch of a read row, in pixels: the median distance between neighbouring
/// letters and digits (runs of `<` are not counted: the recogniser merges some of them).
fn pitch(read: &Recognised, row: &TextBox) -> Option<f32> {
    let chars: Vec<char> = read.chars.iter().map(|c| c.character).collect();
    let positions: Vec<f32> = read.chars.iter().map(|c| c.position * row.length).collect();
    median_pitch(&chars, &positions)
}

/// The row stretched to hold a whole TD3 line from its first character.
fn stretched(read: &Recognised, row: &TextBox, pitch: f32) -> Option<TextBox> {
    let first = read.chars.first()?.position * row.length;
    let start = (first - pitch).min(0.0).max(-2.0 * pitch);
    let end = (first + (LONGEST_LINE as f32 + 2.0) * pitch).max(row.length);
    let middle = (start + end) / 2.0 - row.length / 2.0;
    let [ux, uy] = row.direction;
    Some(TextBox {
        centre: [row.centre[0] + middle * ux, row.centre[1] + middle * uy],
        length: end - start,
        ..row.clone()
    })
}

/// The lines that form the zone: the largest group of parallel lines, read the same way,
/// stacked at most two line heights apart, ordered from the top of the reading direction.
fn zone(mut lines: Vec<ReadLine>) -> Option<Vec<ReadLine>> {
    if lines.is_empty() {
        return None;
    }
    // Order across the reading direction of the longest line.
    let reference = lines
        .iter()
        .max_by(|a, b| a.row.length.total_cmp(&b.row.length))?
        .row
        .clone();
    let [ux, uy] = reference.direction;
    let across = |l: &ReadLine| -l.row.centre[0] * uy + l.row.centre[1] * ux;
    lines.retain(|l| l.row.direction[0] * ux + l.row.direction[1] * uy > 0.9);
    lines.sort_by(|a, b| across(a).total_cmp(&across(b)));
    let mut best: Vec<ReadLine> = Vec::new();
    let mut current: Vec<ReadLine> = Vec::new();
    for line in lines {
        let close = current.last().is_some_and(|last| {
            (across(&line) - across(last)).abs() <= 2.2 * last.row.height.max(line.row.height)
        });
        if !close {
            if current.len() > best.len() {
                best = std::mem::take(&mut current);
            }
            current.clear();
        }
        current.push(line);
    }
    if current.len() > best.len() {
        best = current;
    }
    // An MRZ has two or three lines; more means text rows around it were taken in too.
    if best.len() > 3 {
        best.truncate(3);
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn horizontal(x: f32, y: f32, length: f32, height: f32) -> TextBox {
        TextBox {
            centre: [x, y],
            direction: [1.0, 0.0],
            length,
            height,
            score: 0.9,
        }
    }

    #[test]
    fn pieces_of_one_line_join_into_a_row() {
        let boxes = [
            horizontal(100.0, 50.0, 200.0, 20.0),
            horizontal(250.0, 51.0, 60.0, 19.0),
            // The next line down is a separate row.
            horizontal(150.0, 90.0, 300.0, 20.0),
        ];
        let rows = rows(&boxes);
        assert_eq!(rows.len(), 2);
        let first = rows.iter().find(|r| r.centre[1] < 70.0).unwrap();
        assert!((first.length - 280.0).abs() < 1.0, "{}", first.length);
        assert!((first.centre[0] - 140.0).abs() < 1.0);
    }

    #[test]
    fn far_apart_boxes_stay_separate_rows() {
        let boxes = [
            horizontal(50.0, 50.0, 60.0, 20.0),
            horizontal(300.0, 50.0, 60.0, 20.0),
        ];
        assert_eq!(rows(&boxes).len(), 2);
    }

    fn line_at_cells(text: &str, cells: &[usize]) -> ReadLine {
        ReadLine {
            text: text.to_string(),
            positions: cells.iter().map(|&c| c as f32 * 10.0 + 5.0).collect(),
            confidence: vec![0.9; cells.len()],
            row: horizontal(0.0, 0.0, 500.0, 20.0),
            skipped: 0,
            confirmed: true,
        }
    }

    #[test]
    fn a_letter_dropped_beside_a_filler_is_noticed() {
        // "P<VNMLE<<DUC<MINH" read without the C: the `<` after U sits two cells on.
        let text = "P<VNMLE<<DU<MINH";
        let mut cells: Vec<usize> = (0..11).collect();
        cells.extend(12..17);
        assert_eq!(skipped_characters(&line_at_cells(text, &cells)), 1);
        // Read whole, nothing is missing; a merged run of fillers is not a skip.
        let whole: Vec<usize> = (0..17).collect();
        assert_eq!(
            skipped_characters(&line_at_cells("P<VNMLE<<DUC<MINH", &whole)),
            0
        );
        let merged_inside = line_at_cells("ANGELA<<<", &[0, 1, 2, 3, 4, 5, 6, 9, 12]);
        assert_eq!(skipped_characters(&merged_inside), 0);
    }

    #[test]
    fn readings_agree_up_to_filler_runs_only() {
        assert!(same_reading("DE<BOER<<DAAN<<<<", "DE<BOER<DAAN<<"));
        assert!(!same_reading("CXC0742107", "CX0Q742107"));
        assert!(!same_reading("DE<BOER", "DEBOER"));
    }

    #[test]
    fn mrz_lines_are_told_from_other_text() {
        assert!(looks_like_mrz(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
        ));
        assert!(looks_like_mrz(
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
        ));
        assert!(!looks_like_mrz("KINGDOM OF SPAIN PASSPORT"));
        assert!(!looks_like_mrz("Surname/Nom de famille/Apellidos abcdefgh"));
    }
}
