//! Ink on a straightened document: the dark marks printing leaves, grouped into blobs, and
//! blobs into lines of text, by image analysis alone (a few milliseconds on a page).
//!
//! 1. **Ink.** A pixel is ink when it is darker than the mean of its neighbourhood (a window of
//!    [`INK_WINDOW_SHARE`] of the picture's width) by [`INK_CONTRAST`].
//! 2. **Blobs.** Ink pixels are grouped into 8-connected blobs ([`Ink`]).
//! 3. **Lines of text** ([`text_lines`]). Blobs of a character's size (a height between
//!    [`TEXT_HEIGHT_SHARE`]'s bounds of the picture's width) are chained left to right: a blob
//!    joins the line whose right end lies at most [`MAX_GAP_HEIGHTS`] line heights before it,
//!    whose baseline it sits on and whose height it has. Characters printed in capitals and
//!    digits (what a document's values are printed in) stand on one baseline at one height,
//!    so each value becomes one line; small letters (captions) break into pieces, which do
//!    not matter here.
//!
//! The MRZ's glyph grid (`mrz_grid`) and the printed zone's fast reading (`printed`) share
//! one [`Ink`] per page.

use kyc_vision::plane::Plane;

use crate::text::TextBox;

/// Side of the window a pixel's darkness is compared with, as a share of the picture's width.
pub const INK_WINDOW_SHARE: f32 = 1.0 / 40.0;
/// How much darker than its neighbourhood's mean (luma 0..1) a pixel must be to be ink.
pub const INK_CONTRAST: f32 = 0.08;
/// Smallest and largest height of a character of printed text, as shares of the picture's
/// width (values on a data page 1,280 pixels wide are about 20 pixels high).
pub const TEXT_HEIGHT_SHARE: (f32, f32) = (0.008, 0.05);
/// Largest gap between neighbouring blobs of one line, in line heights (a word space in
/// capitals is about a third of one; columns stand further apart).
pub const MAX_GAP_HEIGHTS: f32 = 1.0;
/// Height of a line's box, in heights of its characters, and the margin added at each end, in
/// the same unit. The taller the box, the smaller the text in the recogniser's 48-pixel strip
/// and the fewer columns it reads: on the clean reference set 2.0 reads printed fields as well
/// as 1.6 (99.1 %) with the per-document median 0.50 s → 0.36 s; 2.4 made ID cards slower (more
/// fell back to the text detector).
pub const LINE_BOX_HEIGHTS: f32 = 2.0;
pub const LINE_BOX_MARGIN: f32 = 0.4;
/// Width of a character in capitals, in character heights, for counting the characters a
/// blob holds when its letters touch.
pub const CAPITAL_WIDTH_HEIGHTS: f32 = 0.75;

/// The ink of a picture, as blobs.
#[derive(Clone, Debug)]
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub blobs: Vec<Blob>,
}

impl Ink {
    /// Finds the ink of a luma plane (0..1; `NaN` outside the photo counts as white paper).
    pub fn of(plane: &Plane) -> Ink {
        let mask = ink_mask(plane);
        Ink {
            width: plane.width,
            height: plane.height,
            blobs: blobs(&mask, plane.width, plane.height),
        }
    }
}

/// A dark blob: its bounding box (`x1`, `y1` exclusive) and its ink pixel count.
#[derive(Clone, Copy, Debug)]
pub struct Blob {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    pub pixels: usize,
}

impl Blob {
    pub fn centre(&self) -> [f32; 2] {
        [
            (self.x0 + self.x1) as f32 / 2.0,
            (self.y0 + self.y1) as f32 / 2.0,
        ]
    }
    pub fn width(&self) -> f32 {
        (self.x1 - self.x0) as f32
    }
    pub fn height(&self) -> f32 {
        (self.y1 - self.y0) as f32
    }
}

/// Ink pixels: darker than their neighbourhood's mean by [`INK_CONTRAST`].
pub fn ink_mask(plane: &Plane) -> Vec<bool> {
    let (w, h) = (plane.width, plane.height);
    // Integral image of the luma, with what lies outside the photo counted as white.
    let mut integral = vec![0.0f64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0.0f64;
        for x in 0..w {
            let v = plane.data[y * w + x];
            row += if v.is_finite() { f64::from(v) } else { 1.0 };
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let radius = ((w as f32 * INK_WINDOW_SHARE / 2.0).round() as usize).max(4);
    let mut mask = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            let v = plane.data[y * w + x];
            if !v.is_finite() {
                continue;
            }
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let sum = integral[y1 * (w + 1) + x1]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0]
                + integral[y0 * (w + 1) + x0];
            let mean = sum / ((x1 - x0) * (y1 - y0)) as f64;
            mask[y * w + x] = f64::from(v) < mean - f64::from(INK_CONTRAST);
        }
    }
    mask
}

/// 8-connected blobs of a mask.
fn blobs(mask: &[bool], width: usize, height: usize) -> Vec<Blob> {
    let mut seen = vec![false; mask.len()];
    let mut found = Vec::new();
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (sx, sy) = (start % width, start / width);
        let mut blob = Blob {
            x0: sx,
            y0: sy,
            x1: sx + 1,
            y1: sy + 1,
            pixels: 0,
        };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % width, i / width);
            blob.pixels += 1;
            blob.x0 = blob.x0.min(x);
            blob.x1 = blob.x1.max(x + 1);
            blob.y0 = blob.y0.min(y);
            blob.y1 = blob.y1.max(y + 1);
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    let j = ny * width + nx;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        found.push(blob);
    }
    found
}

/// A line of text found in the ink: a box around it, shaped like the text detector's, and how
/// many characters it holds by the count of its blobs.
#[derive(Clone, Debug, PartialEq)]
pub struct InkLine {
    pub text_box: TextBox,
    pub characters: usize,
    /// The height of its characters, in pixels (the mean of its blobs').
    pub character_height: f32,
    /// The share of its blobs within [`EVEN_HEIGHT`] of their median height: near 1 for a
    /// line in capitals and digits, lower for one in small letters.
    pub evenness: f32,
    /// Characters per word, left to right: blobs stand in one word while the gaps between
    /// them are at most [`WORD_GAP_HEIGHTS`] character heights ("05 DEC 1972" is `[2, 3, 4]`;
    /// the dots of "26.10.1964", too small to be blobs, leave gaps as wide as spaces).
    pub words: Vec<usize>,
}

/// Widest gap between two characters of one word, in character heights: letters of capitals
/// stand about a tenth of one apart, words a third or more.
pub const WORD_GAP_HEIGHTS: f32 = 0.3;

/// How far, as a share, a blob's height may be from its line's median to count as even.
pub const EVEN_HEIGHT: f32 = 0.12;

/// The lines of text in a picture's ink (see the module documentation, step 3), top to bottom.
pub fn text_lines(ink: &Ink) -> Vec<InkLine> {
    let width = ink.width as f32;
    let (lo, hi) = (TEXT_HEIGHT_SHARE.0 * width, TEXT_HEIGHT_SHARE.1 * width);
    let mut candidates: Vec<&Blob> = ink
        .blobs
        .iter()
        .filter(|b| {
            let (w, h) = (b.width(), b.height());
            (lo..=hi).contains(&h)
                && w <= 8.0 * h
                && w >= 0.08 * h
                && b.pixels as f32 >= 0.06 * w * h
        })
        .collect();
    candidates.sort_by_key(|b| b.x0);
    struct Line<'a> {
        members: Vec<&'a Blob>,
        /// Members standing on the baseline (not descenders), and their sums.
        on_baseline: usize,
        height_sum: f32,
        bottom_sum: f32,
        top_sum: f32,
        right: usize,
    }
    let mut lines: Vec<Line> = Vec::new();
    for blob in candidates {
        // (line, cost, whether the blob stands on the line's baseline)
        let mut best: Option<(usize, f32, bool)> = None;
        for (index, line) in lines.iter().enumerate() {
            let count = line.on_baseline as f32;
            let unit = line.height_sum / count;
            let gap = blob.x0 as f32 - line.right as f32;
            if gap < -0.3 * unit || gap > MAX_GAP_HEIGHTS * unit {
                continue;
            }
            let off_baseline = (blob.y1 as f32 - line.bottom_sum / count).abs();
            let ratio = blob.height() / unit;
            let on_baseline = off_baseline <= 0.25 * unit && (0.7..=1.4).contains(&ratio);
            // A capital that descends below the baseline ("J" in many faces, "Q") lines up
            // with the others at the top instead.
            let off_top = (blob.y0 as f32 - line.top_sum / count).abs();
            let descends = off_top <= 0.15 * unit
                && blob.y1 as f32 > line.bottom_sum / count
                && (1.0..=1.6).contains(&ratio);
            if !on_baseline && !descends {
                continue;
            }
            let cost = off_baseline.min(off_top) / unit + 0.1 * gap.max(0.0) / unit;
            if best.is_none_or(|(_, b, _)| cost < b) {
                best = Some((index, cost, on_baseline));
            }
        }
        match best {
            Some((index, _, on_baseline)) => {
                let line = &mut lines[index];
                line.members.push(blob);
                if on_baseline {
                    line.on_baseline += 1;
                    line.height_sum += blob.height();
                    line.bottom_sum += blob.y1 as f32;
                    line.top_sum += blob.y0 as f32;
                }
                line.right = line.right.max(blob.x1);
            }
            None => lines.push(Line {
                members: vec![blob],
                on_baseline: 1,
                height_sum: blob.height(),
                bottom_sum: blob.y1 as f32,
                top_sum: blob.y0 as f32,
                right: blob.x1,
            }),
        }
    }
    let mut found: Vec<InkLine> = lines
        .into_iter()
        .filter_map(|line| {
            let count = line.on_baseline as f32;
            let unit = line.height_sum / count;
            let held = |b: &Blob| {
                ((b.width() / (CAPITAL_WIDTH_HEIGHTS * b.height())).round() as usize).max(1)
            };
            let mut words: Vec<usize> = Vec::new();
            let mut right = None;
            for blob in &line.members {
                match right {
                    Some(r) if (blob.x0 as f32 - r as f32) <= WORD_GAP_HEIGHTS * unit => {
                        if let Some(last) = words.last_mut() {
                            *last += held(blob);
                        }
                    }
                    _ => words.push(held(blob)),
                }
                right = Some(right.map_or(blob.x1, |r: usize| r.max(blob.x1)));
            }
            let characters: usize = words.iter().sum();
            if characters < 2 {
                return None;
            }
            let left = line.members.iter().map(|b| b.x0).min()? as f32;
            let right = line.right as f32;
            let bottom = line.bottom_sum / count;
            let mut heights: Vec<f32> = line.members.iter().map(|b| b.height()).collect();
            heights.sort_by(f32::total_cmp);
            let median = heights[heights.len() / 2];
            let even = heights
                .iter()
                .filter(|&&h| (h - median).abs() <= EVEN_HEIGHT * median)
                .count();
            Some(InkLine {
                character_height: unit,
                evenness: even as f32 / count,
                text_box: TextBox {
                    centre: [(left + right) / 2.0, bottom - unit / 2.0],
                    direction: [1.0, 0.0],
                    length: right - left + 2.0 * LINE_BOX_MARGIN * unit,
                    height: LINE_BOX_HEIGHTS * unit,
                    score: 1.0,
                },
                characters,
                words,
            })
        })
        .collect();
    found.sort_by(|a, b| a.text_box.centre[1].total_cmp(&b.text_box.centre[1]));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page 1,000 pixels wide with dark rectangles `(x, y, width, height)`.
    fn page(marks: &[(usize, usize, usize, usize)]) -> Ink {
        let mut plane = Plane::new(1000, 400);
        plane.data.fill(0.9);
        for &(x, y, w, h) in marks {
            for yy in y..y + h {
                for xx in x..x + w {
                    plane.data[yy * plane.width + xx] = 0.1;
                }
            }
        }
        Ink::of(&plane)
    }

    /// `count` capitals 14 × 20 pixels, 4 apart, from `x` on the baseline `bottom`.
    fn word(x: usize, bottom: usize, count: usize) -> Vec<(usize, usize, usize, usize)> {
        (0..count)
            .map(|i| (x + i * 18, bottom - 20, 14, 20))
            .collect()
    }

    #[test]
    fn a_capital_descending_below_the_baseline_stays_in_its_line() {
        // "01 JUL": two digits, a word space, a "J" reaching 6 pixels below the baseline
        // (aligned with the others at the top), two more capitals.
        let mut marks = word(100, 100, 2);
        marks.push((100 + 2 * 18 + 8, 80, 14, 26));
        marks.extend(word(100 + 3 * 18 + 8, 100, 2));
        let lines = text_lines(&page(&marks));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].characters, 5);
        // The line's box stands on the baseline of the others, not the descender.
        assert!((lines[0].character_height - 20.0).abs() < 2.0);
        // A mark as tall but off the cap line is not taken for such a capital.
        let mut marks = word(100, 100, 2);
        marks.push((100 + 2 * 18 + 8, 88, 14, 26));
        assert_eq!(text_lines(&page(&marks))[0].characters, 2);
    }

    #[test]
    fn a_row_of_capitals_is_one_line_and_a_far_column_another() {
        let mut marks = word(100, 100, 5);
        // A word space (8 pixels) keeps the line; a column gap (60 pixels) starts another.
        marks.extend(word(100 + 5 * 18 + 4, 100, 3));
        marks.extend(word(100 + 8 * 18 + 60, 100, 4));
        marks.extend(word(100, 200, 3));
        let lines = text_lines(&page(&marks));
        let found: Vec<(usize, f32)> = lines
            .iter()
            .map(|l| (l.characters, l.text_box.centre[1]))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[2], (3, 190.0));
        let mut top: Vec<usize> = found[..2].iter().map(|f| f.0).collect();
        top.sort();
        assert_eq!(top, [4, 8]);
        // The word space parts the first line's words.
        let first = lines
            .iter()
            .find(|l| l.characters == 8)
            .expect("the first line");
        assert_eq!(first.words, [5, 3]);
        let line = &lines[0];
        assert_eq!(line.character_height, 20.0);
        assert_eq!(line.text_box.height, LINE_BOX_HEIGHTS * 20.0);
        assert_eq!(line.evenness, 1.0);
    }

    #[test]
    fn a_date_with_dots_too_small_to_be_ink_has_three_words() {
        // "26.10.1964": the dots are too small to be characters and leave gaps of 12 pixels
        // (0.6 character heights) between the numbers; digits stand 4 apart.
        let mut marks = word(100, 100, 2);
        marks.extend(word(100 + 2 * 18 + 12, 100, 2));
        marks.extend(word(100 + 4 * 18 + 24, 100, 4));
        marks.push((100 + 2 * 18, 97, 3, 3));
        let lines = text_lines(&page(&marks));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].words, [2, 2, 4]);
        assert_eq!(lines[0].characters, 8);
    }

    #[test]
    fn touching_letters_count_as_several_characters() {
        let lines = text_lines(&page(&[(100, 80, 60, 20)]));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].characters, 4);
        assert!((lines[0].text_box.length - (60.0 + 2.0 * LINE_BOX_MARGIN * 20.0)).abs() < 1e-3);
    }

    #[test]
    fn specks_and_lone_marks_are_not_lines() {
        let lines = text_lines(&page(&[
            (100, 80, 3, 3),
            (140, 80, 3, 3),
            (300, 60, 14, 20),
        ]));
        assert!(lines.is_empty(), "{lines:?}");
    }

    #[test]
    fn small_letters_make_an_uneven_line() {
        // "Ab" "cD": capitals 20 high, small letters 14, on one baseline.
        let marks = [
            (100, 80, 14, 20),
            (118, 86, 12, 14),
            (134, 86, 12, 14),
            (150, 80, 14, 20),
        ];
        let lines = text_lines(&page(&marks));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].evenness, 0.5);
    }
}
