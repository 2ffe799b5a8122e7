//! The document as the block of print inside a larger outline cut off by the frame.
//!
//! A photocopied card's own outline is a faint, broken line of toner that often never becomes
//! a candidate, so the outline found is the copy sheet's; when the frame cuts the sheet, the
//! document looked cut off although the card on it is whole. Print (text, portrait, barcode)
//! is dense in steep edges and the sheet around a card is nearly free of them (toner specks
//! are isolated), so the card shows as a compact block of dense print with a plain margin
//! round it. When that block lies well inside the frame, has a document's proportions and is
//! not close to every real side of the outline, it is the document, and the document is whole.
//!
//! A card truly cut off by the frame has its print running to the frame's edge (an ID-1
//! card's print starts 3–4 mm from its edge), so its block reaches the frame; and when the
//! outline is the card's own, its print lies close to every real side. Blurred print loses
//! its steep edges, so a blurred card's block can stop short of the frame: the frame gap
//! below is wide for that reason, and still not wide enough for the most blurred photos.

use super::{EdgeMap, Point, distance_to_line, polygon_area, short_side};

/// Cells of this share of the outline's shorter side are counted for print (at least
/// [`MIN_CELL`] pixels).
const CELL_SHARE: f32 = 1.0 / 48.0;
const MIN_CELL: usize = 3;

/// Least share of a cell's pixels that are strong step edges (`STRONG_EDGE`) for it to hold
/// print. Counting every edge pixel instead made a copy sheet's paper grain and fibres read
/// as print all over the sheet on the tuning set; they are not that steep.
const PRINT_CELL_DENSITY: f32 = 0.15;

/// Cells whose centre lies nearer than this many cells to a side of the outline are not
/// counted: the side's own step would read as print.
const SIDE_CLEARANCE: f32 = 1.5;

/// Least number of print cells for a block to be measured.
const MIN_PRINT_CELLS: usize = 30;

/// Share of the print cells left out at each end of each axis of the block (stray marks).
const TRIM: f32 = 0.005;

/// Most share of the print cells that may lie outside the block grown by a cell and a half:
/// the outline's margin round the block is plain.
const MAX_STRAY: f32 = 0.03;

/// Orientations tried around the outline's, in degrees either way (a card lies skewed on the
/// copier's glass by a few degrees).
const MAX_SKEW_DEGREES: i32 = 6;

/// A real side of the outline nearer than this to the block (as a share of the block's long
/// side) is close to the print; an outline whose real sides are all close is the document's
/// own. A copy sheet's margin round a card is at least 8 mm (10 % of an ID-1 card's print,
/// 7 % of a passport page's), a card's own margin round its print 3–4 mm (4 %).
const MIN_RING_SHARE: f32 = 0.065;

/// Least distance of the block from the frame's border, as a share of its long side: print
/// stopping just short of the frame may run on beyond it in a blank margin, or in print too
/// faint or blurred to count; a plain stretch of a tenth of the document's length between
/// its print and the frame shows that it ends inside. (The cut-off card on the tuning sets
/// closest to passing had its blurred print stop 6 % of its length from the frame.)
const FRAME_GAP_SHARE: f32 = 0.11;

/// Proportions a document's print block may have (an ID-1 card's is about 1.67, a passport
/// page's about 1.45; a little either way for perspective).
const BLOCK_RATIO: std::ops::RangeInclusive<f32> = 1.25..=1.95;

/// How far the document's edge lies outside its print, as a share of the block's long side.
const PRINT_MARGIN: f32 = 0.03;

/// Largest share of the outline's area the block may cover.
const MAX_BLOCK_SHARE: f32 = 0.8;

/// The whole document inside `outline` (corners in order, side k from corner k to k + 1,
/// `real[k]` when side k is an edge found in the picture rather than the frame's border), as
/// the block of print with a plain margin round it; `None` when the print does not form such
/// a block fully inside the frame.
pub(super) fn whole_print_block(
    outline: &[Point; 4],
    real: [bool; 4],
    edges: &EdgeMap,
) -> Option<[Point; 4]> {
    let (width, height) = (edges.width as f32, edges.height as f32);
    let cell = ((short_side(outline) * CELL_SHARE) as usize).max(MIN_CELL);
    let cells = print_cells(outline, real, edges, cell);
    if cells.len() < MIN_PRINT_CELLS {
        return None;
    }
    // The outline's orientation: its first side's direction.
    let base = {
        let (a, b) = (outline[0], outline[1]);
        (b[1] - a[1]).atan2(b[0] - a[0])
    };
    let block = (-MAX_SKEW_DEGREES..=MAX_SKEW_DEGREES)
        .map(|step| trimmed_box(&cells, base + (step as f32).to_radians()))
        .min_by(|a, b| a.area().total_cmp(&b.area()))?;
    let (long, short) = (block.long(), block.short());
    if short <= 0.0 || !BLOCK_RATIO.contains(&(long / short)) {
        return None;
    }
    let grown = block.grown(1.5 * cell as f32);
    let stray = cells.iter().filter(|p| !grown.contains(**p)).count();
    if stray as f32 > MAX_STRAY * cells.len() as f32 {
        return None;
    }
    let document = block.grown(PRINT_MARGIN * long).corners();
    if polygon_area(&document) > MAX_BLOCK_SHARE * polygon_area(outline) {
        return None;
    }
    let block_corners = block.corners();
    let gap = FRAME_GAP_SHARE * long;
    let inside_frame = block_corners.iter().all(|p| {
        p[0] >= gap && p[1] >= gap && p[0] <= width - 1.0 - gap && p[1] <= height - 1.0 - gap
    });
    if !inside_frame {
        return None;
    }
    // The outline is a surround, not the document's own edge, unless the print runs close
    // along every one of its real sides (a card's margin round its print is narrow; an
    // outline mixing the card's sides with the sheet's has some of them far).
    let ring = MIN_RING_SHARE * long;
    let near_sides = (0..4)
        .filter(|&k| real[k])
        .filter(|&k| {
            let (a, b) = (outline[k], outline[(k + 1) % 4]);
            block_corners
                .iter()
                .any(|p| distance_to_line(*p, a, b) < ring)
        })
        .count();
    if near_sides == real.iter().filter(|&&r| r).count() {
        return None;
    }
    Some(document)
}

/// Centres of the cells inside the outline whose edge density marks print.
fn print_cells(outline: &[Point; 4], real: [bool; 4], edges: &EdgeMap, cell: usize) -> Vec<Point> {
    let (x0, x1, y0, y1) = super::pixel_bounds(outline, edges);
    let mut cells = Vec::new();
    let mut y = y0;
    while y + cell <= y1 + 1 {
        let mut x = x0;
        while x + cell <= x1 + 1 {
            let centre = [x as f32 + cell as f32 / 2.0, y as f32 + cell as f32 / 2.0];
            // Away from the outline's own edges, which are steps too.
            let clear = (0..4).filter(|&k| real[k]).all(|k| {
                distance_to_line(centre, outline[k], outline[(k + 1) % 4])
                    >= SIDE_CLEARANCE * cell as f32
            });
            if clear && super::contains(outline, centre) {
                let hits = (y..y + cell)
                    .map(|row| {
                        edges.strong[row * edges.width + x..row * edges.width + x + cell]
                            .iter()
                            .filter(|&&strong| strong)
                            .count()
                    })
                    .sum::<usize>();
                if hits as f32 >= PRINT_CELL_DENSITY * (cell * cell) as f32 {
                    cells.push(centre);
                }
            }
            x += cell;
        }
        y += cell;
    }
    cells
}

/// A rectangle at an angle: centre offsets along its two axes.
#[derive(Clone, Copy, Debug)]
struct RotatedBox {
    angle: f32,
    /// Extents along the axis at `angle` and the one perpendicular to it.
    u: (f32, f32),
    v: (f32, f32),
}

impl RotatedBox {
    fn axes(&self) -> (Point, Point) {
        let (sin, cos) = self.angle.sin_cos();
        ([cos, sin], [-sin, cos])
    }

    fn area(&self) -> f32 {
        (self.u.1 - self.u.0) * (self.v.1 - self.v.0)
    }

    fn long(&self) -> f32 {
        (self.u.1 - self.u.0).max(self.v.1 - self.v.0)
    }

    fn short(&self) -> f32 {
        (self.u.1 - self.u.0).min(self.v.1 - self.v.0)
    }

    fn grown(&self, by: f32) -> RotatedBox {
        RotatedBox {
            angle: self.angle,
            u: (self.u.0 - by, self.u.1 + by),
            v: (self.v.0 - by, self.v.1 + by),
        }
    }

    fn contains(&self, p: Point) -> bool {
        let (u, v) = self.axes();
        let (pu, pv) = (dot(p, u), dot(p, v));
        (self.u.0..=self.u.1).contains(&pu) && (self.v.0..=self.v.1).contains(&pv)
    }

    /// Corners clockwise (image coordinates, y down).
    fn corners(&self) -> [Point; 4] {
        let (u, v) = self.axes();
        let at = |a: f32, b: f32| [a * u[0] + b * v[0], a * u[1] + b * v[1]];
        [
            at(self.u.0, self.v.0),
            at(self.u.1, self.v.0),
            at(self.u.1, self.v.1),
            at(self.u.0, self.v.1),
        ]
    }
}

/// The box along `angle` holding the points less [`TRIM`] of them at each end of each axis.
fn trimmed_box(points: &[Point], angle: f32) -> RotatedBox {
    let probe = RotatedBox {
        angle,
        u: (0.0, 0.0),
        v: (0.0, 0.0),
    };
    let (u, v) = probe.axes();
    let extent = |axis: Point| {
        let mut values: Vec<f32> = points.iter().map(|p| dot(*p, axis)).collect();
        values.sort_by(f32::total_cmp);
        let cut = (TRIM * values.len() as f32) as usize;
        let last = values.len().saturating_sub(1 + cut);
        (values[cut.min(last)], values[last])
    };
    RotatedBox {
        angle,
        u: extent(u),
        v: extent(v),
    }
}

fn dot(a: Point, b: Point) -> f32 {
    a[0] * b[0] + a[1] * b[1]
}
