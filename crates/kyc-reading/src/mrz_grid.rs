//! Finding the MRZ as a grid of glyphs and reading it glyph by glyph, without the text models.
//!
//! An MRZ is two or three lines of 30, 36 or 44 OCR-B characters at one fixed pitch, every
//! position inked (unused positions hold the filler `<`). On a straightened document that is
//! a grid of dark blobs no other print has, so it can be found and read by image analysis alone,
//! in a few milliseconds:
//!
//! 1. **Ink.** A pixel is ink when it is darker than the mean of its neighbourhood (a window of
//!    [`INK_WINDOW_SHARE`](crate::ink::INK_WINDOW_SHARE) of the picture's width) by [`INK_CONTRAST`](crate::ink::INK_CONTRAST).
//! 2. **Blobs.** Ink pixels are grouped into 8-connected blobs; a blob the size and shape of
//!    an MRZ glyph (a height between [`GLYPH_HEIGHT_SHARE`]'s bounds of the picture's width,
//!    no wider than high) is a glyph candidate.
//! 3. **Lines.** Candidates are chained left to right: each joins the line whose last glyph
//!    lies within a few glyph heights before it, on the line's course and of the line's size.
//!    A chain of at least [`MIN_LINE_GLYPHS`] glyphs whose centres fall on a regular grid
//!    (fitted by least squares: a position and a pitch) is a grid line.
//! 4. **Zone.** Two or three grid lines of one pitch, stacked, with aligned ends and the cell
//!    count of an MRZ format (2 × 44, 2 × 36 or 3 × 30) form the zone.
//! 5. **Reading.** Each cell is cut out around its grid position, scaled to the line's glyph
//!    height, and classified by [`GlyphClassifier`]; once the glyphs are known, the line's
//!    glyph height and course are refined from how tall and where each blob should stand
//!    (digits stand taller than capitals) and the cells are classified again. When the
//!    picture's way up is not known, the zone is also read turned a half turn, and the way
//!    whose glyphs look more like glyphs wins.
//! 6. **Judging** ([`settle`]). The reading goes through `kyc_documents::mrz::parse_lenient`.
//!    A position is doubtful when a rival character (within [`MIN_MARGIN`] nats of the kept
//!    one, or at least as alike as it) would also make a valid MRZ, alone or with one other
//!    position's rival, or when the kept glyph's likeness is under [`MIN_LIKENESS`]. A line
//!    with no doubtful position is confirmed (see [`ReadLine::confirmed`]): the grammar and
//!    the check digits alone settled every look-alike.
//!
//! Anything less (no grid found, no format matched, one doubtful glyph) is left to the text
//! models. The caller also has the zone's name, which no check digit protects, read by the
//! text recogniser ([`name_cut`] says where it is) and keeps the grid's reading only when the
//! two agree.

use kyc_documents::mrz::{self, MrzReport, ParseOptions};
use kyc_vision::plane::Plane;

use crate::ink::{Blob, Ink};
use crate::mrz::{Directions, FoundMrz, MrzReader, ReadLine};
use crate::ocrb::{
    CENTRE_ABOVE_BASELINE as TEMPLATE_CENTRE, Classified, GlyphClassifier, GlyphShape,
    PATCH_HEIGHT, PATCH_SPAN_X, PATCH_SPAN_Y, PATCH_WIDTH, SAMPLED_HEIGHT, SAMPLED_WIDTH,
};
use crate::text::TextBox;

/// Smallest and largest height of a glyph, as shares of the picture's width (a TD3 glyph on a
/// page 1,280 pixels wide is about 24 pixels, a TD1 glyph about 35).
pub const GLYPH_HEIGHT_SHARE: (f32, f32) = (0.010, 0.06);
/// Fewest glyphs a chain needs to be a grid line.
pub const MIN_LINE_GLYPHS: usize = 20;
/// Smallest margin, in nats of discriminant evidence, by which every glyph of a confirmed
/// line beats any rival that would also make a valid MRZ.
pub const MIN_MARGIN: f32 = 4.0;
/// Smallest likeness (correlation with the character's mean glyph) every glyph of a
/// confirmed line reaches.
pub const MIN_LIKENESS: f32 = 0.6;
/// Characters whose likeness comes within this of the kept character's are rivals too.
pub const LIKENESS_MARGIN: f32 = 0.0;

/// A line of glyphs on a regular grid, in picture pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct GridLine {
    /// Centre of the first cell (the leftmost in the picture).
    pub origin: [f32; 2],
    /// From one cell's centre to the next.
    pub step: [f32; 2],
    /// Median glyph height: the glyph unit of `ocrb`.
    pub unit: f32,
    /// Number of cells from the first glyph to the last.
    pub cells: usize,
    /// The glyph blobs on the grid: cell index (from `origin`), centre and height.
    pub glyphs: Vec<PlacedGlyph>,
}

/// A glyph blob on a grid line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub cell: f32,
    pub centre: [f32; 2],
    pub height: f32,
}

impl GridLine {
    fn pitch(&self) -> f32 {
        self.step[0].hypot(self.step[1])
    }

    fn cell(&self, k: f32) -> [f32; 2] {
        [
            self.origin[0] + k * self.step[0],
            self.origin[1] + k * self.step[1],
        ]
    }
}

/// Finds and reads the MRZ on a straightened document (luma 0..1, `NaN` outside the photo).
/// `None` when no grid of an MRZ format is found.
pub fn read_mrz_grid(
    plane: &Plane,
    ink: &Ink,
    classifier: &GlyphClassifier,
    options: &ParseOptions,
    directions: Directions,
) -> Option<FoundMrz> {
    let lines = grid_lines(ink);
    let (zone, length) = zone(&lines)?;
    let ways: &[bool] = match directions {
        Directions::AsGiven => &[false],
        Directions::BothWays => &[false, true],
    };
    let read = ways
        .iter()
        .filter_map(|&reversed| read_zone(plane, &zone, length, classifier, reversed))
        .max_by(|a, b| mean_score(a).total_cmp(&mean_score(b)))?;
    let text: Vec<String> = read
        .iter()
        .map(|l| l.verdicts.iter().map(|v| v.character).collect())
        .collect();
    let report = mrz::parse_lenient(&text.join("\n"), options).ok();
    let settled = settle(&read, report.as_ref(), options);
    let lines = read
        .into_iter()
        .zip(text)
        .zip(settled)
        .map(|((line, text), (confirmed, confidence))| ReadLine {
            text,
            positions: line.positions,
            confidence,
            row: line.row,
            skipped: 0,
            confirmed,
        })
        .collect();
    Some(FoundMrz {
        reader: MrzReader::GlyphGrid,
        lines,
        report,
    })
}

/// Where a zone's name lies, the one part no check digit protects: a cut (a text box along
/// its line) from the cell before the name's first letter to the cell after its last, and
/// the text of those cells as the grid read them. `None` when the name is all fillers.
pub fn name_cut(found: &FoundMrz) -> Option<(TextBox, String)> {
    let (line, first) = match found.lines.len() {
        3 => (2, 0),
        _ => (0, 5),
    };
    let read = found.lines.get(line)?;
    let chars: Vec<char> = read.text.chars().collect();
    let start = (first..chars.len()).find(|&i| chars[i] != '<')?;
    let end = (start..chars.len()).rev().find(|&i| chars[i] != '<')?;
    let (start, end) = (start.saturating_sub(1), (end + 1).min(chars.len() - 1));
    let pitch = read.row.length / chars.len().max(1) as f32;
    let (from, to) = (*read.positions.get(start)?, *read.positions.get(end)?);
    let [ux, uy] = read.row.direction;
    let row_start = [
        read.row.centre[0] - ux * read.row.length / 2.0,
        read.row.centre[1] - uy * read.row.length / 2.0,
    ];
    let middle = (from + to) / 2.0;
    let cut = TextBox {
        centre: [row_start[0] + ux * middle, row_start[1] + uy * middle],
        length: to - from + pitch,
        ..read.row.clone()
    };
    Some((cut, chars[start..=end].iter().collect()))
}

/// One line of the zone as classified, before it is judged.
struct ClassifiedLine {
    row: TextBox,
    positions: Vec<f32>,
    verdicts: Vec<Classified>,
}

fn mean_score(lines: &[ClassifiedLine]) -> f32 {
    let (sum, n) = lines
        .iter()
        .flat_map(|l| &l.verdicts)
        .fold((0.0, 0usize), |(s, n), v| (s + v.likeness(), n + 1));
    sum / n.max(1) as f32
}

/// Judges each line of a classified zone: whether it is confirmed, and each character's
/// confidence.
///
/// A position is *doubtful* when a rival character (one scoring within [`MIN_MARGIN`] of the
/// character kept, or above it) would also make a valid MRZ, alone or together with one other
/// doubtful position's rival, or when the kept character scored below [`MIN_LIKENESS`]. Rivals
/// the grammar or a check digit rules out (an `O` among the digits of a date, a swap that
/// breaks a check digit) leave no doubt: the parse of the reading is the only valid MRZ the
/// glyphs allow. A line with no doubtful position is confirmed. Without a valid parse, a line
/// is confirmed only when every glyph won by [`MIN_MARGIN`] outright.
fn settle(
    read: &[ClassifiedLine],
    report: Option<&MrzReport>,
    options: &ParseOptions,
) -> Vec<(bool, Vec<f32>)> {
    let outright = |line: &ClassifiedLine| {
        let confirmed = line
            .verdicts
            .iter()
            .all(|v| v.margin() >= MIN_MARGIN && v.likeness() >= MIN_LIKENESS);
        let confidence = line
            .verdicts
            .iter()
            .map(|v| glyph_confidence(v.likeness(), v.margin()))
            .collect();
        (confirmed, confidence)
    };
    let kept: Vec<Vec<char>> = match report {
        Some(report) if report.valid => report.lines.iter().map(|l| l.chars().collect()).collect(),
        _ => return read.iter().map(outright).collect(),
    };
    let same_shape = kept.len() == read.len()
        && kept
            .iter()
            .zip(read)
            .all(|(k, l)| k.len() == l.verdicts.len());
    if !same_shape {
        return read.iter().map(outright).collect();
    }
    let valid_with = |changes: &[(usize, usize, char)]| {
        let mut lines = kept.clone();
        for &(l, i, c) in changes {
            lines[l][i] = c;
        }
        let text: Vec<String> = lines.iter().map(|l| l.iter().collect()).collect();
        mrz::parse(&text.join("\n"), options).is_ok_and(|r| r.valid)
    };
    // Per position: the best score of a rival that also makes a valid MRZ, if any.
    let mut doubt: Vec<Vec<Option<f32>>> =
        read.iter().map(|l| vec![None; l.verdicts.len()]).collect();
    let mut ruled_out: Vec<(usize, usize, char)> = Vec::new();
    for (l, line) in read.iter().enumerate() {
        for (i, verdict) in line.verdicts.iter().enumerate() {
            let character = kept[l][i];
            if verdict.likeness_of(character) < MIN_LIKENESS {
                doubt[l][i] = Some(f32::INFINITY);
            }
            for rival in verdict.rivals(character, MIN_MARGIN, LIKENESS_MARGIN) {
                if valid_with(&[(l, i, rival)]) {
                    let score = verdict.score_of(rival);
                    doubt[l][i] = Some(doubt[l][i].map_or(score, |d| d.max(score)));
                } else {
                    ruled_out.push((l, i, rival));
                }
            }
        }
    }
    // Two rivals a check digit rules out one by one can still cancel out together.
    if ruled_out.len() <= MAX_PAIRED_RIVALS {
        for (a, first) in ruled_out.iter().enumerate() {
            for second in &ruled_out[a + 1..] {
                if (first.0, first.1) != (second.0, second.1) && valid_with(&[*first, *second]) {
                    for &(l, i, rival) in [first, second] {
                        let score = read[l].verdicts[i].score_of(rival);
                        doubt[l][i] = Some(doubt[l][i].map_or(score, |d| d.max(score)));
                    }
                }
            }
        }
    } else {
        return read.iter().map(|line| (false, outright(line).1)).collect();
    }
    read.iter()
        .zip(&doubt)
        .enumerate()
        .map(|(l, (line, doubts))| {
            let confidence = line
                .verdicts
                .iter()
                .zip(doubts)
                .enumerate()
                .map(|(i, (verdict, doubt))| {
                    let character = kept[l][i];
                    let score = verdict.score_of(character);
                    let margin = doubt.map_or(2.0 * MIN_MARGIN, |rival| score - rival);
                    glyph_confidence(verdict.likeness_of(character), margin)
                })
                .collect();
            (doubts.iter().all(Option::is_none), confidence)
        })
        .collect()
}

/// Most rivals ruled out one by one that are also tried two at a time; a zone with more is
/// not confirmed.
const MAX_PAIRED_RIVALS: usize = 24;

/// The grid lines of a picture's ink (see the module documentation, steps 1–3).
pub fn grid_lines(ink: &Ink) -> Vec<GridLine> {
    let width = ink.width as f32;
    let (lo, hi) = (GLYPH_HEIGHT_SHARE.0 * width, GLYPH_HEIGHT_SHARE.1 * width);
    let mut glyphs: Vec<Blob> = ink
        .blobs
        .iter()
        .copied()
        .filter(|b| {
            let (w, h) = (b.width(), b.height());
            (lo..=hi).contains(&h)
                && w <= 1.3 * h
                && w >= 0.15 * h
                && b.pixels as f32 >= 0.06 * w * h
        })
        .collect();
    glyphs.sort_by(|a, b| a.centre()[0].total_cmp(&b.centre()[0]));
    chains(&glyphs)
        .into_iter()
        .filter(|chain| chain.len() >= MIN_LINE_GLYPHS)
        .filter_map(|chain| fit_line(&glyphs, &chain))
        .collect()
}

/// Chains glyph candidates (sorted left to right) into lines; each chain lists indices into
/// `glyphs`, left to right.
fn chains(glyphs: &[Blob]) -> Vec<Vec<usize>> {
    struct Chain {
        members: Vec<usize>,
        height_sum: f32,
    }
    let mut chains: Vec<Chain> = Vec::new();
    for (i, glyph) in glyphs.iter().enumerate() {
        let [cx, cy] = glyph.centre();
        let mut best: Option<(usize, f32)> = None;
        for (c, chain) in chains.iter().enumerate() {
            let unit = chain.height_sum / chain.members.len() as f32;
            let last = glyphs[chain.members[chain.members.len() - 1]].centre();
            let first = glyphs[chain.members[0]].centre();
            let dx = cx - last[0];
            if !(0.45 * unit..=3.6 * unit).contains(&dx) {
                continue;
            }
            let slope = if last[0] - first[0] > unit {
                (last[1] - first[1]) / (last[0] - first[0])
            } else {
                0.0
            };
            let off_course = (cy - last[1] - slope * dx).abs();
            let ratio = glyph.height() / unit;
            if off_course > 0.25 * unit || !(0.7..=1.4).contains(&ratio) {
                continue;
            }
            let cost = off_course / unit + 0.05 * dx / unit;
            if best.is_none_or(|(_, b)| cost < b) {
                best = Some((c, cost));
            }
        }
        match best {
            Some((c, _)) => {
                chains[c].members.push(i);
                chains[c].height_sum += glyph.height();
            }
            None => chains.push(Chain {
                members: vec![i],
                height_sum: glyph.height(),
            }),
        }
    }
    chains.into_iter().map(|c| c.members).collect()
}

/// Fits a regular grid to a chain of glyphs: cell indices from the gaps, then position and
/// pitch by least squares, glyphs off the grid dropped. `None` when the chain is not regular.
fn fit_line(glyphs: &[Blob], chain: &[usize]) -> Option<GridLine> {
    let centres: Vec<[f32; 2]> = chain.iter().map(|&i| glyphs[i].centre()).collect();
    let mut heights: Vec<f32> = chain.iter().map(|&i| glyphs[i].height()).collect();
    heights.sort_by(f32::total_cmp);
    let unit = heights[heights.len() / 2];
    let mut gaps: Vec<f32> = centres.windows(2).map(|w| w[1][0] - w[0][0]).collect();
    gaps.sort_by(f32::total_cmp);
    let first_pitch = gaps[gaps.len() / 2];
    if !(0.8 * unit..=1.8 * unit).contains(&first_pitch) {
        return None;
    }
    let mut cells = vec![0.0f32];
    for w in centres.windows(2) {
        let step = ((w[1][0] - w[0][0]) / first_pitch).round().max(1.0);
        cells.push(cells[cells.len() - 1] + step);
    }
    let mut kept: Vec<usize> = (0..centres.len()).collect();
    let mut fit = (0.0, first_pitch);
    for _ in 0..2 {
        fit = least_squares(kept.iter().map(|&i| (cells[i], centres[i][0])))?;
        let (start, pitch) = fit;
        kept.retain(|&i| (centres[i][0] - start - pitch * cells[i]).abs() <= 0.3 * pitch);
        if kept.len() < MIN_LINE_GLYPHS {
            return None;
        }
    }
    let (start, pitch) = fit;
    let residual = (kept
        .iter()
        .map(|&i| (centres[i][0] - start - pitch * cells[i]).powi(2))
        .sum::<f32>()
        / kept.len() as f32)
        .sqrt();
    if residual > 0.12 * pitch {
        return None;
    }
    // The line's course: y against x.
    let (y_at_zero, slope) = least_squares(kept.iter().map(|&i| (centres[i][0], centres[i][1])))?;
    let first_cell = cells[kept[0]];
    let last_cell = cells[kept[kept.len() - 1]];
    let count = (last_cell - first_cell) as usize + 1;
    if (kept.len() as f32) < 0.6 * count as f32 {
        return None;
    }
    let origin_x = start + pitch * first_cell;
    let placed = kept
        .iter()
        .map(|&i| PlacedGlyph {
            cell: cells[i] - first_cell,
            centre: centres[i],
            height: glyphs[chain[i]].height(),
        })
        .collect();
    Some(GridLine {
        origin: [origin_x, y_at_zero + slope * origin_x],
        step: [pitch, slope * pitch],
        unit,
        cells: count,
        glyphs: placed,
    })
}

/// `(intercept, slope)` of the least-squares line through `(x, y)` points.
fn least_squares(points: impl Iterator<Item = (f32, f32)>) -> Option<(f32, f32)> {
    let (mut n, mut sx, mut sy, mut sxx, mut sxy) = (0.0f64, 0.0f64, 0.0, 0.0, 0.0);
    for (x, y) in points {
        let (x, y) = (f64::from(x), f64::from(y));
        n += 1.0;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    let denominator = n * sxx - sx * sx;
    if n < 2.0 || denominator.abs() < 1e-9 {
        return None;
    }
    let slope = (n * sxy - sx * sy) / denominator;
    Some((((sy - slope * sx) / n) as f32, slope as f32))
}

/// The zone: grid lines of one pitch, stacked and aligned, in an MRZ format; the lines top to
/// bottom (re-anchored on the zone's first cell) and the format's line length.
fn zone(lines: &[GridLine]) -> Option<(Vec<GridLine>, usize)> {
    let mut order: Vec<&GridLine> = lines.iter().collect();
    order.sort_by(|a, b| a.origin[1].total_cmp(&b.origin[1]));
    let mut best: Option<(Vec<GridLine>, usize)> = None;
    for (i, first) in order.iter().enumerate() {
        let mut group = vec![(*first).clone()];
        for line in &order[i + 1..] {
            let last = &group[group.len() - 1];
            let pitch = last.pitch();
            let same_pitch = (line.pitch() / pitch - 1.0).abs() <= 0.06;
            let start_aligned = (line.origin[0] - last.origin[0]).abs() <= 0.7 * pitch;
            let end = |l: &GridLine| l.origin[0] + (l.cells as f32 - 1.0) * l.step[0];
            let end_aligned = (end(line) - end(last)).abs() <= 0.7 * pitch;
            let below = line.origin[1] - last.origin[1];
            let stacked = (1.2 * last.unit..=3.2 * last.unit).contains(&below);
            if same_pitch && (start_aligned || end_aligned) && stacked {
                group.push((*line).clone());
                if group.len() == 3 {
                    break;
                }
            }
        }
        let Some(fitted) = fit_format(&group) else {
            continue;
        };
        // The lowest zone wins: on a data page the MRZ is the last thing printed.
        best = Some(fitted);
    }
    best
}

/// Re-anchors a group of lines on a common first cell and checks that it spans exactly one
/// MRZ format's line length.
fn fit_format(group: &[GridLine]) -> Option<(Vec<GridLine>, usize)> {
    let longest = group.iter().map(|l| l.cells).max()?;
    let length = match (group.len(), longest) {
        (3, 27..=33) => 30,
        (2, 40..=47) => 44,
        (2, 33..=39) => 36,
        _ => return None,
    };
    let pitch = group.iter().map(|l| l.step[0]).sum::<f32>() / group.len() as f32;
    let start = group
        .iter()
        .map(|l| l.origin[0])
        .fold(f32::INFINITY, f32::min);
    let end = group
        .iter()
        .map(|l| l.origin[0] + (l.cells as f32 - 1.0) * l.step[0])
        .fold(f32::NEG_INFINITY, f32::max);
    if ((end - start) / pitch).round() as usize + 1 != length {
        return None;
    }
    let lines = group
        .iter()
        .map(|l| {
            let back = ((l.origin[0] - start) / l.step[0]).round();
            GridLine {
                origin: l.cell(-back),
                cells: length,
                glyphs: l
                    .glyphs
                    .iter()
                    .map(|g| PlacedGlyph {
                        cell: g.cell + back,
                        ..*g
                    })
                    .collect(),
                ..l.clone()
            }
        })
        .collect();
    Some((lines, length))
}

/// Reads the zone's cells, the right way up or turned a half turn. `None` when a cell cannot
/// be classified at all.
fn read_zone(
    plane: &Plane,
    zone: &[GridLine],
    length: usize,
    classifier: &GlyphClassifier,
    reversed: bool,
) -> Option<Vec<ClassifiedLine>> {
    let ordered: Vec<&GridLine> = if reversed {
        zone.iter().rev().collect()
    } else {
        zone.iter().collect()
    };
    ordered
        .into_iter()
        .map(|line| {
            // A first reading at the line's median blob height, then a second once the
            // glyphs read say how tall each blob should stand (digits stand taller than
            // capitals).
            let first = read_cells(plane, line, length, line.unit, 0.0, classifier, reversed)?;
            let (unit, offset) = refined_frame(line, length, &first, classifier, reversed);
            let verdicts = read_cells(plane, line, length, unit, offset, classifier, reversed)?;
            let pitch = line.pitch();
            let direction = [line.step[0] / pitch, line.step[1] / pitch];
            let row = TextBox {
                centre: line.cell((length as f32 - 1.0) / 2.0),
                direction,
                length: length as f32 * pitch,
                height: PATCH_SPAN_Y * unit,
                score: 1.0,
            };
            Some(ClassifiedLine {
                row: if reversed { row.reversed() } else { row },
                positions: (0..length).map(|i| (i as f32 + 0.5) * pitch).collect(),
                verdicts,
            })
        })
        .collect()
}

/// Classifies the cells of a line in reading order, patches scaled to `unit` and moved
/// `offset` pixels down (in the reading direction's frame) from the line's course.
fn read_cells(
    plane: &Plane,
    line: &GridLine,
    length: usize,
    unit: f32,
    offset: f32,
    classifier: &GlyphClassifier,
    reversed: bool,
) -> Option<Vec<Classified>> {
    let down = reading_down(line, reversed);
    (0..length)
        .map(|i| {
            let k = if reversed { length - 1 - i } else { i };
            let [x, y] = line.cell(k as f32);
            let centre = [x + offset * down[0], y + offset * down[1]];
            classifier.classify(&sample_cell(plane, line, centre, unit, reversed))
        })
        .collect()
}

/// The unit vector pointing down in the reading direction's frame.
fn reading_down(line: &GridLine, reversed: bool) -> [f32; 2] {
    let pitch = line.pitch();
    let sign = if reversed { -1.0 } else { 1.0 };
    let along = [sign * line.step[0] / pitch, sign * line.step[1] / pitch];
    [-along[1], along[0]]
}

/// The glyph unit and the patches' offset from the line's course that make the line's blobs
/// stand as the characters first read say they should: the median, over blobs, of height ÷
/// the character's glyph height, and of the offset that puts the character's centre where
/// the templates have it.
fn refined_frame(
    line: &GridLine,
    length: usize,
    first: &[Classified],
    classifier: &GlyphClassifier,
    reversed: bool,
) -> (f32, f32) {
    let shapes: Vec<(PlacedGlyph, GlyphShape)> = line
        .glyphs
        .iter()
        .filter_map(|g| {
            let k = g.cell.round() as usize;
            let i = if reversed {
                length.checked_sub(k + 1)?
            } else {
                k
            };
            let verdict = first.get(i)?;
            Some((*g, classifier.shape(verdict.character)?))
        })
        .collect();
    let mut units: Vec<f32> = shapes.iter().map(|(g, s)| g.height / s.height).collect();
    let Some(unit) = median(&mut units) else {
        return (line.unit, 0.0);
    };
    let down = reading_down(line, reversed);
    let mut offsets: Vec<f32> = shapes
        .iter()
        .map(|(g, s)| {
            let [x, y] = line.cell(g.cell);
            let below = (g.centre[0] - x) * down[0] + (g.centre[1] - y) * down[1];
            below + (s.centre - TEMPLATE_CENTRE) * unit
        })
        .collect();
    (unit, median(&mut offsets).unwrap_or(0.0))
}

fn median(values: &mut [f32]) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    Some(values[values.len() / 2])
}

/// A confidence in 0..1 from a glyph's score and margin: full when the margin is twice
/// [`MIN_MARGIN`] or more and the likeness high.
fn glyph_confidence(likeness: f32, margin: f32) -> f32 {
    (likeness.clamp(0.0, 1.0) * (margin / (2.0 * MIN_MARGIN)).clamp(0.0, 1.0) * 1000.0).round()
        / 1000.0
}

/// Samples the patch around one cell (see `ocrb`): ink values (1 − luma, nothing outside the
/// photo), each patch pixel the mean of four bilinear samples, turned a half turn when the
/// line is read upside down.
fn sample_cell(
    plane: &Plane,
    line: &GridLine,
    centre: [f32; 2],
    unit: f32,
    reversed: bool,
) -> Vec<f32> {
    let across = reading_down(line, reversed);
    let along = [across[1], -across[0]];
    let sx = PATCH_SPAN_X * unit / PATCH_WIDTH as f32;
    let sy = PATCH_SPAN_Y * unit / PATCH_HEIGHT as f32;
    let (max_x, max_y) = ((plane.width - 1) as f32, (plane.height - 1) as f32);
    let mut out = Vec::with_capacity(SAMPLED_WIDTH * SAMPLED_HEIGHT);
    for j in 0..SAMPLED_HEIGHT {
        for i in 0..SAMPLED_WIDTH {
            let mut sum = 0.0;
            for (di, dj) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                let u = (i as f32 + di - SAMPLED_WIDTH as f32 / 2.0) * sx;
                let v = (j as f32 + dj - SAMPLED_HEIGHT as f32 / 2.0) * sy;
                let x = centre[0] + u * along[0] + v * across[0];
                let y = centre[1] + u * along[1] + v * across[1];
                if (0.0..=max_x).contains(&x) && (0.0..=max_y).contains(&y) {
                    let luma = plane.sample_inside(x, y);
                    if luma.is_finite() {
                        sum += 1.0 - luma;
                    }
                }
            }
            out.push(sum / 4.0);
        }
    }
    out
}
