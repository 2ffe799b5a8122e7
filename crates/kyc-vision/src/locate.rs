//! Finding the document: the four corners of the largest well-supported quadrilateral.
//!
//! Identity documents are rectangles with straight, high-contrast borders; under a phone's
//! perspective they become convex quadrilaterals. On a small luma plane (about 800 pixels on the
//! long side):
//!
//! 1. thin edges: Sobel gradients, non-maximum suppression, a magnitude threshold at a share
//!    of the 95th percentile but capped low, so that dense black print (a barcode, an MRZ)
//!    cannot hide the faint step of a light card on a light surface; and the centres of thin
//!    dark lines (a card's outline printed on a photocopy is a line of toner, not a step
//!    between two surfaces: its flanks are weak, but the curvature across it is strong),
//!    which back sides like edges but do not count as print;
//! 2. straight lines: a Hough transform in which each edge pixel votes only for directions near
//!    its own gradient direction (fast, and texture votes spread thin; wide enough for the
//!    tilted gradients of faint edges), then the strongest peaks overall and the strongest of
//!    every 10° of orientation (wood grain gives hundreds of long lines of one orientation),
//!    with a low floor of votes so that a small card's short sides count;
//! 3. for each line, a running count of the edge pixels along it, so the support of any segment
//!    of it is answered in constant time;
//! 4. every pair of roughly parallel lines combined with every other such pair at a clear angle
//!    gives a candidate quadrilateral; the four image borders are candidate lines too, standing
//!    in for a side that lies outside the frame;
//! 5. each candidate must have every real side mostly backed by edges (and, where a side meets
//!    a border side, backed right up to the border) and be convex and large enough (a
//!    document-shaped outline down to 0.5 % of the picture when the surround right round it
//!    is plain: a card shown small in a screenshot's viewer); it scores
//!    its supported perimeter less a share of the unsupported, times a shape prior (aspect
//!    ratio of an ID-1 card, 1.585, or a passport page, 1.42); it notes the ends of its sides
//!    left bare next to a corner;
//! 6. the best wins, except that a whole document-shaped outline beats a cut-off one that is
//!    not clearly stronger (unless it lies inside the cut-off one and the print runs on past
//!    it to the frame: then it is a part of the cut-off document, a panel of fields on a data
//!    page or the blank facing page beside a data page the frame cuts); a cut-off outline
//!    with hardly any print inside (surface lines closed by the frame) gives way to an
//!    outline beside it holding three times its density of print and scoring at least half
//!    as well; and a document-shaped outline inside the winner replaces it when
//!    it is one page of an open booklet (half of it, split at the fold, with three sides on
//!    the booklet's; of the two pages the one with more print: the data page) or lies on a
//!    plain surround (a photocopy's sheet, a screen, a cover, a blank facing page): a ring
//!    nearly free of print, all round or, where the outlines share sides, wide; or at least a
//!    band right round it free of print (a viewer's background on a photographed screen, whose
//!    menu bars and bezel are farther out). A block of
//!    print inside a card (a portrait, a barcode box, the text beside a photo) is neither: its
//!    ring is the card's own printed margin. Before that, a winner with a side bare next to a
//!    corner gives way to a fully backed document-shaped outline sharing three of its sides: it
//!    mixed two outlines (a photocopied card's sides meeting the copy sheet's edge, the side
//!    running on past the card's corner over the plain sheet);
//! 7. an open booklet whose pages gave no outline of their own (the fold too faint or broken
//!    for a Hough line) is split at its fold into the data page: a line across the middle,
//!    parallel to the short sides, backed by edges or lying in a trough of shading (the
//!    crease's shadow, measured relative to the luma so that it shows in a dim picture too),
//!    with one half printed much more densely than the other (a data page beside a blank
//!    facing page; a single page split at its middle has print in both halves);
//! 8. each real side is refitted by least squares to its edge pixels;
//! 9. an outline cut off by the frame gives way to the block of print inside it when that
//!    block is whole inside the frame, document-shaped, ringed by plain paper and well in from
//!    the outline's real sides (`print_block`): a photocopied card whose own printed outline
//!    is too faint to find, on a copy sheet the frame cuts.
//!
//! Lines are kept per orientation, so a textured surface (wood grain) cannot crowd out the
//! document's sides; and the lines with the longest stretch of *strong* edges (a document's
//! border against a contrasting surface, steeper than the surface's own texture) are kept
//! first, even when the texture's lines run longer.
//!
//! When no outline is found at all, a document turned well away from the frame's axes with
//! only one or two of its corners in the picture is found by its corner (`cut_corner`): two
//! lines crossing at nearly a right angle, each side backed from the corner out of the frame
//! (or to a second corner whose other side runs out the same way), neither running on past
//! the corner, with print between them. One side may be a short stub (a card held mostly out
//! of the frame) as long as the other is long. No frame border can stand in for its missing
//! sides, which are not parallel to any.
//!
//! A side on an image border, or a corner outside the frame, means the document is cut off.

use crate::plane::{Plane, nearest};

mod print_block;

/// A point in pixels.
pub type Point = [f32; 2];

/// The document found in a plane, in that plane's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Corners in order around the quadrilateral, starting at the one nearest the top-left.
    pub corners: [Point; 4],
    /// How many sides lie on an image border (the real side is outside the frame).
    pub sides_on_border: u8,
    /// How many corners lie outside the frame.
    pub corners_outside: u8,
    /// Mean fraction of each real side backed by edge pixels (0..1).
    pub support: f32,
}

impl Located {
    /// True when part of the document is outside the frame.
    pub fn is_cut_off(&self) -> bool {
        self.sides_on_border > 0 || self.corners_outside > 0
    }

    /// The longer of the two mean side lengths: the document's width in pixels.
    pub fn width(&self) -> f32 {
        let [a, b] = self.mean_side_lengths();
        a.max(b)
    }

    /// Mean lengths of the two pairs of opposite sides.
    pub fn mean_side_lengths(&self) -> [f32; 2] {
        let side = |i: usize| distance(self.corners[i], self.corners[(i + 1) % 4]);
        [(side(0) + side(2)) / 2.0, (side(1) + side(3)) / 2.0]
    }

    /// Area of the quadrilateral (shoelace formula).
    pub fn area(&self) -> f32 {
        polygon_area(&self.corners)
    }

    /// Whether a point is inside the quadrilateral.
    pub fn contains(&self, point: Point) -> bool {
        contains(&self.corners, point)
    }
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// Angle of the line's normal, in radians, in [0, π).
    theta: f32,
    /// Signed distance from the origin along the normal.
    rho: f32,
    border: bool,
}

impl Line {
    fn normal(&self) -> Point {
        [self.theta.cos(), self.theta.sin()]
    }

    fn direction(&self) -> Point {
        [-self.theta.sin(), self.theta.cos()]
    }

    fn point_at(&self, t: f32) -> Point {
        let n = self.normal();
        let d = self.direction();
        [self.rho * n[0] + t * d[0], self.rho * n[1] + t * d[1]]
    }

    /// The parameter of the point of this line nearest to `point`.
    fn param_of(&self, point: Point) -> f32 {
        let d = self.direction();
        point[0] * d[0] + point[1] * d[1]
    }
}

/// Edge support along one line: prefix counts over integer steps of its parameter.
struct Profile {
    t_start: f32,
    /// edges[i] = number of supported steps among the first i.
    edges: Vec<u32>,
    /// inside[i] = number of steps inside the frame among the first i.
    inside: Vec<u32>,
    /// strong[i] = number of steps backed by a strong step edge among the first i.
    strong: Vec<u32>,
}

impl Profile {
    /// The longest stretch of supported steps, bridging gaps of up to `gap` steps.
    fn longest_run(&self, gap: usize) -> u32 {
        longest_run(&self.edges, gap)
    }

    /// The longest stretch of steps backed by strong step edges, bridging gaps of up to `gap`.
    fn longest_strong_run(&self, gap: usize) -> u32 {
        longest_run(&self.strong, gap)
    }

    /// (supported steps, steps inside the frame, all steps) between two parameters.
    fn between(&self, t0: f32, t1: f32) -> (f32, f32, f32) {
        let (lo, hi) = if t0 <= t1 { (t0, t1) } else { (t1, t0) };
        let last = self.edges.len().saturating_sub(1);
        let index = |t: f32| (nearest(t - self.t_start).max(0) as usize).min(last);
        let (a, b) = (index(lo), index(hi));
        let edges = (self.edges[b] - self.edges[a]) as f32;
        let inside = (self.inside[b] - self.inside[a]) as f32;
        (edges, inside, (hi - lo).max(1.0))
    }
}

/// The longest stretch of counted steps in prefix counts, bridging gaps of up to `gap` steps.
fn longest_run(counts: &[u32], gap: usize) -> u32 {
    let (mut best, mut start, mut last_hit) = (0u32, None::<usize>, 0usize);
    for step in 1..counts.len() {
        if counts[step] > counts[step - 1] {
            match start {
                Some(_) if step - last_hit <= gap + 1 => {}
                _ => start = Some(step),
            }
            last_hit = step;
            if let Some(first) = start {
                best = best.max((last_hit - first + 1) as u32);
            }
        }
    }
    best
}

const ANGLE_BINS: usize = 180;

/// Each edge pixel votes for directions within this many degrees of its own: gradient
/// directions of real edges scatter by several degrees (aliasing, noise, JPEG), and on a faint
/// edge (a light card on a light surface) a slow light gradient across it or print running up
/// to it tilts the measured direction by up to ten degrees.
const VOTE_SPREAD: i32 = 10;

/// A thin line's normal, from the curvature across it, is steadier than a faint step's
/// gradient direction: its centre pixels vote within this many degrees.
const RIDGE_SPREAD: i32 = 4;

/// Orientation windows of this many degrees each get their own share of Hough peaks.
const WINDOW_DEGREES: usize = 10;

/// Hough peaks kept per orientation window besides the strongest overall.
const PEAKS_PER_WINDOW: usize = 8;

/// Lines kept first for their strong stretch, and how many of those may share an orientation.
const STRONG_LINES: usize = 12;
const STRONG_PER_ORIENTATION: usize = 4;

/// Least strong stretch, as a share of the plane's shorter side, for a line to be kept first.
const STRONG_SHARE: f32 = 0.08;

/// How many candidate lines enter the quadrilateral search. Raised from 40 (with
/// [`PER_ORIENTATION`] from 10) when a copied card's faint right side, on a sheet lying across
/// wood grain, lost its place to the grain's lines: on the tuning set t11 false cut-offs went
/// from 23 to 20, and on held-out seeds 9300 and 9700 no rate got worse (one false cut-off,
/// one false low resolution fewer, one more copy found), at the same CPU time.
const KEEP_LINES: usize = 48;

/// How many of the kept lines may share an orientation (within 10°).
const PER_ORIENTATION: usize = 14;

/// Edge threshold as a share of the 95th percentile of gradient magnitude: low enough for a
/// light card on a light surface.
const EDGE_SHARE: f32 = 0.2;

/// The edge threshold never exceeds this gradient (luma per pixel): dense high-contrast print
/// (a barcode, an MRZ) raises the 95th percentile, but must not hide the faint step between a
/// light card and a light surface (about 0.1 in luma, spread over two or three pixels).
const EDGE_CAP: f32 = 0.02;

/// Finds the document in a luma plane (values 0..1). `None` when no plausible document
/// outline is visible.
pub fn locate(luma: &Plane) -> Option<Located> {
    let (width, height) = (luma.width, luma.height);
    if width < 32 || height < 32 {
        return None;
    }
    // An underexposed picture is searched brightened first, then as it is (the gain lifts a
    // dark surface's texture too, which can hide a small document's sides).
    // Only when the picture as it is shows no outline at all is a lone corner taken.
    brightened(luma)
        .and_then(|bright| locate_in(&bright, false))
        .or_else(|| locate_in(luma, true))
}

/// Finds the document's outline in `luma`; when there is none and `corner_fallback` is set,
/// a document corner whose two sides run out of the frame ([`cut_corner`]).
fn locate_in(luma: &Plane, corner_fallback: bool) -> Option<Located> {
    let (width, height) = (luma.width, luma.height);
    let blurred = luma.blur(1.0);
    let edges = EdgeMap::new(&blurred);
    // Many peaks are text lines; a document border is one long unbroken edge, so rank the
    // peaks by their longest run of support and keep the best.
    let mut ranked: Vec<(u32, Line, Profile)> = hough_lines(&edges, 160)
        .into_iter()
        .map(|line| {
            let profile = profile(&line, &edges);
            (profile.longest_run(3), line, profile)
        })
        .collect();
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    // A textured surface (wood grain, fabric, sand) gives many long lines of one orientation;
    // a document's sides come in two perpendicular orientations. Cap the lines kept per
    // orientation so the texture cannot crowd the document's sides out.
    // First the lines with the longest strong stretch: a document's border against a
    // contrasting surface outranks the surface's weaker texture even when shorter.
    let min_strong = (STRONG_SHARE * width.min(height) as f32) as u32;
    let mut by_strength: Vec<(u32, usize)> = ranked
        .iter()
        .enumerate()
        .map(|(index, entry)| (entry.2.longest_strong_run(3), index))
        .filter(|&(run, _)| run >= min_strong)
        .collect();
    by_strength.sort_by_key(|&(run, index)| (std::cmp::Reverse(run), index));
    let mut take = vec![false; ranked.len()];
    let mut taken_lines: Vec<f32> = Vec::with_capacity(KEEP_LINES);
    for &(_, index) in &by_strength {
        if taken_lines.len() >= STRONG_LINES {
            break;
        }
        let theta = ranked[index].1.theta;
        let similar = taken_lines
            .iter()
            .filter(|&&other| angle_between(other, theta) < 10f32.to_radians())
            .count();
        if similar < STRONG_PER_ORIENTATION {
            take[index] = true;
            taken_lines.push(theta);
        }
    }
    for (index, entry) in ranked.iter().enumerate() {
        if taken_lines.len() >= KEEP_LINES {
            break;
        }
        if take[index] {
            continue;
        }
        let similar = taken_lines
            .iter()
            .filter(|&&other| angle_between(other, entry.1.theta) < 10f32.to_radians())
            .count();
        if similar < PER_ORIENTATION {
            take[index] = true;
            taken_lines.push(entry.1.theta);
        }
    }
    let ranked: Vec<(u32, Line, Profile)> = ranked
        .into_iter()
        .zip(take)
        .filter_map(|(entry, keep)| keep.then_some(entry))
        .collect();
    let (w, h) = ((width - 1) as f32, (height - 1) as f32);
    let half_pi = std::f32::consts::FRAC_PI_2;
    let borders = [
        Line {
            theta: 0.0,
            rho: 0.0,
            border: true,
        },
        Line {
            theta: 0.0,
            rho: w,
            border: true,
        },
        Line {
            theta: half_pi,
            rho: 0.0,
            border: true,
        },
        Line {
            theta: half_pi,
            rho: h,
            border: true,
        },
    ];
    let mut lines = Vec::with_capacity(ranked.len() + 4);
    let mut profiles = Vec::with_capacity(ranked.len() + 4);
    for (_, line, profile) in ranked {
        lines.push(line);
        profiles.push(profile);
    }
    for line in borders {
        profiles.push(profile(&line, &edges));
        lines.push(line);
    }

    let min_dim = width.min(height) as f32;
    let centre = [w / 2.0, h / 2.0];
    let mut pairs = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (a, b) = (&lines[i], &lines[j]);
            if a.border && b.border {
                continue;
            }
            if angle_between(a.theta, b.theta) > 20f32.to_radians() {
                continue;
            }
            // Normals near 0° and near 180° point opposite ways: compare like with like.
            let (na, nb) = (a.normal(), b.normal());
            let flip = if na[0] * nb[0] + na[1] * nb[1] < 0.0 {
                -1.0
            } else {
                1.0
            };
            let separation = (signed_distance(a, centre) - flip * signed_distance(b, centre)).abs();
            if separation < MIN_SEPARATION * min_dim {
                continue;
            }
            pairs.push((i, j, mean_angle(a.theta, b.theta)));
        }
    }

    let image_area = (width * height) as f32;
    let frame = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let mut candidates: Vec<Candidate> = Vec::new();
    // Every two lines' crossing, once: the loop below meets each many times.
    let crossings = Crossings::of(&lines);
    for (p, &(a, b, mean_ab)) in pairs.iter().enumerate() {
        for &(c, d, mean_cd) in &pairs[p + 1..] {
            let crossing = angle_between(mean_ab, mean_cd);
            if crossing < 60f32.to_radians() {
                continue;
            }
            let sides = [a, c, b, d];
            let border_sides = sides.iter().filter(|&&i| lines[i].border).count();
            if border_sides > 2 {
                continue;
            }
            let Some(corners) = crossings.quad(sides) else {
                continue;
            };
            let area = polygon_area(&corners);
            let small = area < MIN_AREA * image_area;
            if area < MIN_SMALL_AREA * image_area
                || (small && border_sides > 0)
                || !is_convex(&corners)
            {
                continue;
            }
            let ratio = aspect_ratio(&corners);
            if border_sides == 0 && !(1.15..=2.3).contains(&ratio) {
                continue;
            }
            if ratio > 4.0 {
                continue;
            }
            if small && !document_ratio(ratio) {
                continue;
            }
            if let Some(candidate) = judge(&lines, &profiles, sides, corners, border_sides) {
                // A small outline counts only on a plain surround (a document shown small in
                // a screenshot's empty viewer): elsewhere it is a block of print or texture.
                if small
                    && !near_ring_density(&frame, &corners, &edges)
                        .is_some_and(|near| near < NEAR_PLAIN)
                {
                    continue;
                }
                candidates.push(candidate);
            }
        }
    }
    let Some(chosen) = choose(&candidates, &edges) else {
        return corner_fallback
            .then(|| cut_corner(&lines, &edges))
            .flatten();
    };
    let mut corners = chosen.corners;
    let mut refined = chosen.sides.map(|i| lines[i]);
    // An open booklet whose pages gave no outline of their own (the fold too faint or too
    // broken for a Hough line): split it at its fold, when it shows one, into the data page.
    if chosen.border_sides == 0
        && let Some(page) = page_at_fold(&corners, &edges, &blurred)
    {
        corners = page;
        refined = [0, 1, 2, 3].map(|k| line_through(page[k], page[(k + 1) % 4]));
    }
    // Refine each real side by a least-squares fit of the edge pixels along it (the Hough
    // lines are quantised to a degree and a pixel).
    for k in 0..4 {
        if refined[k].border {
            continue;
        }
        if let Some(line) = refine_line(&refined[k], corners[k], corners[(k + 1) % 4], &edges) {
            refined[k] = line;
        }
    }
    let mut candidate_corners = [[0.0f32; 2]; 4];
    let mut ok = true;
    for k in 0..4 {
        match intersect(&refined[k], &refined[(k + 3) % 4]) {
            Some(point) if distance(point, corners[k]) < 0.05 * min_dim + 4.0 => {
                candidate_corners[k] = point;
            }
            _ => ok = false,
        }
    }
    if ok && is_convex(&candidate_corners) {
        corners = candidate_corners;
    }
    let outside = outside_frame(&corners, w, h);
    // An outline cut off by the frame may be a surround (a copy sheet) of a whole document
    // whose own outline was never found: its print, fully inside the frame with a plain
    // margin round it.
    if chosen.border_sides > 0 || outside > 0 {
        let real = refined.map(|line| !line.border);
        if let Some(document) = print_block::whole_print_block(&corners, real, &edges) {
            return Some(Located {
                corners: order_from_top_left(document),
                sides_on_border: 0,
                corners_outside: 0,
                support: chosen.support,
            });
        }
    }
    Some(Located {
        corners: order_from_top_left(corners),
        sides_on_border: chosen.border_sides as u8,
        corners_outside: outside as u8,
        support: chosen.support,
    })
}

/// Luma the brightest paper of a well-exposed picture reaches at least (its 98th percentile).
/// An underexposed picture scales every step by its exposure, so a document's border falls
/// below the edge thresholds (which are in luma); it is brightened to bring its paper here.
/// Well-exposed photos of light documents reach 0.8 and more; on the tuning set t11 this
/// found 7 of the 9 underexposed documents not found (the 2 left: a dark card edge on dark
/// wood, a small card on dark fabric), without changing any other finding there.
const PAPER_LEVEL: f32 = 0.7;

/// Largest gain applied to an underexposed picture (more only lifts sensor noise; the tuning
/// sets' darkest photos are exposed at about a third).
const MAX_GAIN: f32 = 3.0;

/// The picture brightened so its brightest paper (98th percentile) reaches [`PAPER_LEVEL`],
/// when it is darker than that; `None` when it is not.
fn brightened(luma: &Plane) -> Option<Plane> {
    let mut sample: Vec<f32> = luma.data.iter().step_by(7).copied().collect();
    if sample.is_empty() {
        return None;
    }
    let index = (sample.len() * 98 / 100).min(sample.len() - 1);
    let (_, &mut level, _) = sample.select_nth_unstable_by(index, f32::total_cmp);
    if level >= PAPER_LEVEL || level <= 0.0 {
        return None;
    }
    let gain = (PAPER_LEVEL / level).min(MAX_GAIN);
    let mut out = luma.clone();
    for value in &mut out.data {
        *value = (*value * gain).min(1.0);
    }
    Some(out)
}

/// Least Hough votes for a line, as a share of the plane's shorter side. A side's votes fall
/// well short of its length (rounded corners, and its edge pixels split between neighbouring
/// bins of angle and distance): the 65-px sides of a small card in a 768 × 1024 photo gave
/// 35–43 votes on a 384-px-wide plane, under the 46 that a share of 0.12 asked for, so the
/// card was never found. On the tuning set t11, lowering the share from 0.12 to 0.08 found
/// 4 of the 10 documents not found (three small cards among them), 3 more low-resolution
/// documents and 2 more photocopies; 0.06 and 0.10 did slightly worse than 0.08.
const MIN_VOTES_SHARE: f32 = 0.08;

/// Smallest candidate quadrilateral, as a share of the picture.
const MIN_AREA: f32 = 0.02;

/// Smallest candidate quadrilateral of a document's shape, whole in the frame and on a plain
/// surround, as a share of the picture.
const MIN_SMALL_AREA: f32 = 0.005;

/// Smallest distance between two opposite sides, as a share of the picture's shorter side.
const MIN_SEPARATION: f32 = 0.1;

/// Most edge pixels per pixel on a plain surface around a document (a sheet, a screen).
const PLAIN_DENSITY: f32 = 0.025;

/// Most edge pixels per pixel in the band of surround right next to a document (see
/// [`near_ring_density`]) for the surround to count as plain even when its far parts are not:
/// a viewer's plain background on a photographed screen, whose menu bars, window frame and
/// bezel put the ring as a whole over [`PLAIN_DENSITY`] (0.027–0.035 on the tuning set t11).
/// A block of print inside a card (a portrait, a text block) has the card's print right next
/// to it. On t11 this found the card inside the display on 8 of the 19 screen photos where
/// the display's outline was taken for the document, and 8 more documents on copy sheets,
/// viewers and covers (17 outlines nearer the truth in all, with one more screen), with no
/// outline farther.
const NEAR_PLAIN: f32 = 0.03;

/// The band of surround [`near_ring_density`] measures, as growths of the inner outline about
/// its centre: from 6 % (clear of the document's own border) to 30 %.
const NEAR_GAP: f32 = 0.06;
const NEAR_BAND: f32 = 0.3;

/// What an unsupported step of a side costs in the score, against 1 for a supported one.
const UNSUPPORTED_COST: f32 = 0.7;

/// Least visible share of a real side (the rest runs outside the frame).
const MIN_VISIBLE: f32 = 0.2;

/// Least edge support of an outline found inside another (a card's outline printed on a
/// photocopy is a thin, partly broken line).
const MIN_INNER_SUPPORT: f32 = 0.6;

/// Largest share of the outer outline's area an inner outline sharing a side with it may
/// cover.
const MAX_SHARED_SHARE: f32 = 0.85;

/// Least share of the outer outline's area the ring around an inner outline must have for its
/// print density to be measured.
const MIN_RING: f32 = 0.04;

/// How far a page's corner may lie from where half a booklet puts it, as a share of the
/// booklet's long side (a page is inset from the cover by a few millimetres only).
const HALF_TOLERANCE: f32 = 0.05;

/// Least share of the stretch of a side next to a corner with another real side that must be
/// backed by edges for the corner to count as real. A card's rounded corner leaves about a
/// quarter of it bare, and a textured surface (wood grain) backs bits of any line; a side
/// running on past its own outline's end over a plain sheet is bare all along.
const CORNER_BACKING: f32 = 0.15;

/// Least share of a mixed outline's area the document's own outline inside it covers (the two
/// differ by the strip between the sheet's edge and the card's side).
const MIN_OWN_SHARE: f32 = 0.6;

/// A cut-off outline gives way to an outline beside it (neither having half its area inside
/// the other) that scores at least this share of it and holds [`PRINTED_DENSITY_RATIO`] times
/// its density of strong edges (at least [`MIN_PRINT_DENSITY`]): the document's print against
/// bare surface (an outline of wood-grain lines, or of a card's side run on over the table,
/// closed by the frame). The three values were set before measuring, not tuned: on the tuning
/// sets t11 and t12 this mended one false DOCUMENT_CUT_OFF and changed nothing else; on the
/// large set it mended 4 images (a false DOCUMENT_CUT_OFF, two false IMAGE_TOO_DARK from a dark
/// table taken for the document, a missed IMAGE_GLARE) and changed nothing else.
const PRINTED_SCORE_SHARE: f32 = 0.5;
const PRINTED_DENSITY_RATIO: f32 = 3.0;
const MIN_PRINT_DENSITY: f32 = 0.002;

/// A whole document outline wins over a cut-off one scoring up to this many times more.
const WHOLE_SHARE: f32 = 0.6;

/// One acceptable quadrilateral.
#[derive(Clone, Debug)]
struct Candidate {
    /// Line indices of the sides: side k runs corners[k] → corners[k+1].
    sides: [usize; 4],
    corners: [Point; 4],
    score: f32,
    support: f32,
    border_sides: usize,
    area: f32,
    ratio: f32,
    /// Ends of real sides bare next to a corner with another real side.
    unbacked: u8,
}

/// Ratio of the longer to the shorter mean side length.
fn aspect_ratio(corners: &[Point; 4]) -> f32 {
    let side = |i: usize| distance(corners[i], corners[(i + 1) % 4]);
    let (s0, s1) = ((side(0) + side(2)) / 2.0, (side(1) + side(3)) / 2.0);
    s0.max(s1) / s0.min(s1).max(1.0)
}

/// Checks a quadrilateral's sides against the edges and scores it by its supported perimeter.
fn judge(
    lines: &[Line],
    profiles: &[Profile],
    sides: [usize; 4],
    corners: [Point; 4],
    border_sides: usize,
) -> Option<Candidate> {
    let mut score = 0.0;
    let mut support_sum = 0.0;
    let mut real_sides = 0.0;
    let mut unbacked = 0u8;
    for (k, &line_index) in sides.iter().enumerate() {
        let line = &lines[line_index];
        let (p0, p1) = (corners[k], corners[(k + 1) % 4]);
        let (t0, t1) = (line.param_of(p0), line.param_of(p1));
        let (supported, inside, length) = profiles[line_index].between(t0, t1);
        if line.border {
            // A side on the border: credit its visible length at a low rate.
            score += 0.25 * inside;
            continue;
        }
        if inside < MIN_VISIBLE * length {
            return None;
        }
        let support = supported / inside.max(1.0);
        if support < 0.5 {
            return None;
        }
        // A side that runs into a border side must be backed right up to the border: the
        // document continues out of the frame there. A real corner is within a few pixels.
        // A side meeting a real side must be backed near that corner too: a quadrilateral
        // mixing two outlines (a photocopied card's sides meeting the copy sheet's edge) has
        // a side that runs on, unbacked, past the corner where its own outline ends.
        for (end, neighbour) in [(t0, (k + 3) % 4), (t1, (k + 1) % 4)] {
            let towards = if end == t0 { t1 } else { t0 };
            let stretch = (0.12 * (t1 - t0).abs()).max(10.0);
            let near = end + stretch * (towards - end).signum();
            let (hits, inside_near, _) = profiles[line_index].between(end, near);
            if !lines[sides[neighbour]].border {
                if inside_near >= 0.5 * stretch && hits < CORNER_BACKING * inside_near {
                    unbacked += 1;
                }
                continue;
            }
            if inside_near < 0.5 * stretch || hits < 0.6 * inside_near {
                return None;
            }
        }
        // Supported length, less a share of the unsupported: a side running on past the
        // document's corner (into the surface's texture) costs more than it brings.
        score += supported - UNSUPPORTED_COST * (inside - supported);
        support_sum += support;
        real_sides += 1.0;
    }
    if real_sides < 2.0 {
        return None;
    }
    let ratio = aspect_ratio(&corners);
    // Identity documents come in two shapes: an outline of another shape (a card less its
    // printed header band, a screen) is less likely the document.
    if border_sides == 0 {
        score *= shape_prior(ratio);
    }
    Some(Candidate {
        sides,
        corners,
        score,
        support: support_sum / real_sides,
        border_sides,
        area: polygon_area(&corners),
        ratio,
        unbacked,
    })
}

/// Whether an aspect ratio is that of an ID-1 card (85.6 × 54 mm) or a passport page
/// (125 × 88 mm), allowing for perspective.
fn document_ratio(ratio: f32) -> bool {
    [1.585f32, 1.42]
        .iter()
        .any(|target| (ratio / target - 1.0).abs() <= 0.07)
}

/// 1 for the aspect ratio of an ID-1 card or a passport page (within 7 %, perspective),
/// falling to 0.75 at 20 % away from both.
fn shape_prior(ratio: f32) -> f32 {
    let off = [1.585f32, 1.42]
        .iter()
        .map(|target| (ratio / target - 1.0).abs())
        .fold(f32::INFINITY, f32::min);
    1.0 - 0.25 * ((off - 0.07) / 0.13).clamp(0.0, 1.0)
}

/// The document among the candidates: the best-supported outline, then, while one exists,
/// a well-supported document-shaped outline inside it (a booklet's page inside its cover, a
/// card on a photocopied sheet or on a screen). Of two such outlines side by side (the two
/// pages of an open booklet), the one with more print inside (the data page).
fn choose<'a>(candidates: &'a [Candidate], edges: &EdgeMap) -> Option<&'a Candidate> {
    let mut best = candidates
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score))?;
    // An outline resting on the frame's border explains less than a whole, well-backed
    // document outline: take the latter unless the former is clearly stronger.
    // The cut-off outline's edge counts, measured once for every candidate that asks.
    let best_counts = std::cell::OnceCell::new();
    if best.border_sides > 0
        && let Some(whole) = candidates
            .iter()
            .filter(|c| {
                c.border_sides == 0
                    && c.support >= 0.8
                    && document_ratio(c.ratio)
                    && c.score >= WHOLE_SHARE * best.score
                    && c.sides.iter().filter(|i| best.sides.contains(i)).count() < 2
                    // Not a part of it (a portrait, a text block, a booklet's blank facing page
                    // beside a data page cut by the frame): that is the descent's call.
                    && !part_of(c, best, || *best_counts.get_or_init(|| region_counts(&best.corners, edges)), edges)
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    {
        best = whole;
    }
    // A cut-off outline with hardly any print inside is made of the surface's lines (wood
    // grain, a table's edge, a card's side run on over the table) and the frame: an outline
    // beside it holding the print, nearly as strong, is the document.
    if best.border_sides > 0 {
        let density = |counts: RegionCounts| counts.strong as f32 / counts.total.max(1) as f32;
        // Still the first best (a whole outline would have no border side): its counts may
        // have been taken above already.
        let own = *best_counts.get_or_init(|| region_counts(&best.corners, edges));
        let bare = density(own).max(MIN_PRINT_DENSITY);
        if let Some(printed) = candidates
            .iter()
            .filter(|c| {
                c.score >= PRINTED_SCORE_SHARE * best.score
                    && share_inside(&c.corners, &best.corners) < 0.5
                    && share_inside(&best.corners, &c.corners) < 0.5
                    && density(region_counts(&c.corners, edges)) >= PRINTED_DENSITY_RATIO * bare
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
        {
            best = printed;
        }
    }
    // A quadrilateral mixing two outlines (a photocopied card's sides meeting the copy
    // sheet's edge) has sides running on, bare, past the corners of their own outline: the
    // outline it shares three sides with, backed at every corner and covering most of it, is
    // the document (not a portrait or a print block sharing a side or two with it).
    if best.unbacked > 0
        && let Some(own) = candidates
            .iter()
            .filter(|c| {
                c.unbacked == 0
                    && c.border_sides == 0
                    && c.area < best.area
                    && c.area >= MIN_OWN_SHARE * best.area
                    && c.support >= MIN_INNER_SUPPORT
                    && document_ratio(c.ratio)
                    && c.sides.iter().filter(|i| best.sides.contains(i)).count() >= 3
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    {
        best = own;
    }
    for _ in 0..4 {
        let outer_counts = edge_counts(&best.corners, edges);
        let outer_short = short_side(&best.corners);
        let inner: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                if c.border_sides != 0
                    || c.area >= 0.97 * best.area
                    || c.area <= 0.05 * best.area
                    || c.support < MIN_INNER_SUPPORT
                    || !document_ratio(c.ratio)
                    || !c
                        .corners
                        .iter()
                        .all(|p| inside_with_margin(&best.corners, *p, 2.0))
                {
                    return false;
                }
                let share = c.area / best.area;
                // One page of an open booklet: half the outline, the page's long side
                // across the booklet, three of its sides along the booklet's.
                let long = long_side(&c.corners);
                let short = short_side(&c.corners);
                if best.border_sides == 0
                    && c.support >= 0.7
                    && (0.42..=0.58).contains(&share)
                    && (long / outer_short - 1.0).abs() < 0.12
                    && (2.0 * short / long_side(&best.corners) - 1.0).abs() < 0.15
                    && is_half_of(&best.corners, &c.corners)
                {
                    return true;
                }
                // A document on a plain surround (a photocopy's sheet, a screen, a cover,
                // the blank facing page of a booklet cut by the frame): the ring between the
                // outlines holds little print compared with the document. The outlines may
                // share sides (a card copied into a sheet's corner).
                // An outline sharing sides with the outer one leaves a ring on one to three
                // sides only; a narrow one there is a blank margin of the document itself
                // beside its print, a wide one a blank facing page or a copy's sheet.
                if share > MAX_SHARED_SHARE && shared_sides(&lines_of(c), &lines_of(best)) > 0 {
                    return false;
                }
                let (inner_hits, inner_total) = edge_counts(&c.corners, edges);
                let ring_total = outer_counts.1.saturating_sub(inner_total);
                if (ring_total as f32) < MIN_RING * outer_counts.1 as f32 {
                    return false;
                }
                let ring_hits = outer_counts.0.saturating_sub(inner_hits) as f32;
                let inside = inner_hits as f32 / inner_total.max(1) as f32;
                let ring = ring_hits / ring_total.max(1) as f32;
                ring < 0.35 * inside
                    && (ring < PLAIN_DENSITY
                        || near_ring_density(&best.corners, &c.corners, edges)
                            .is_some_and(|near| near < NEAR_PLAIN))
            })
            .collect();
        // A quadrilateral mixing the document's outline with the surround's (a printed
        // card's sides meeting a sheet's edges) has sides running on past the corners where
        // the other outline's sides meet them, unbacked there; the document's own outline is
        // backed all round. Weigh the score by the support.
        let weight = |c: &Candidate| c.score * c.support * c.support;
        let Some(top) = inner.iter().max_by(|a, b| weight(a).total_cmp(&weight(b))) else {
            break;
        };
        // A neighbour of similar size that does not overlap it: the other page.
        let centre = |c: &Candidate| {
            [
                c.corners.iter().map(|p| p[0]).sum::<f32>() / 4.0,
                c.corners.iter().map(|p| p[1]).sum::<f32>() / 4.0,
            ]
        };
        let mut pick = *top;
        let mut pick_density = print_density(&top.corners, edges);
        for other in &inner {
            if other.area > 0.7 * top.area
                && other.area < 1.4 * top.area
                && !contains(&top.corners, centre(other))
                && !contains(&other.corners, centre(top))
                && other.score > 0.6 * top.score
            {
                let density = print_density(&other.corners, edges);
                if density > 1.3 * pick_density {
                    pick = other;
                    pick_density = density;
                }
            }
        }
        best = pick;
    }
    Some(best)
}

/// Least length of the longer side of a lone document corner ([`cut_corner`]) inside the
/// frame, as a share of the plane's shorter side.
const CORNER_SIDE: f32 = 0.2;

/// Least length of a lone corner's other side inside the frame, as a share of the plane's
/// shorter side: a card held mostly out of the frame shows one long side and a short stub of
/// the next one running out of it.
const CORNER_STUB: f32 = 0.08;

/// Least share of each side of a lone corner backed by edges, from the corner to the frame
/// (or to the next corner).
const CORNER_SUPPORT: f32 = 0.8;

/// Least share of the last stretch of a lone corner's side before the frame backed by edges:
/// a side running out of the frame is backed right up to it (as in [`judge`]).
const CORNER_END_SUPPORT: f32 = 0.6;

/// Most share of a lone corner's side line backed by edges past the corner, the other way: a
/// document's side ends at its corner, where the lines of a grid or a pattern cross on.
const PAST_CORNER: f32 = 0.3;

/// Least print density (edge pixels per pixel) inside a lone corner's document, and least
/// ratio of it to the density of the rest of the picture.
const CORNER_PRINT: (f32, f32) = (0.04, 2.0);

/// Least share of the picture a lone corner's document covers.
const CORNER_AREA: f32 = 0.05;

/// A document turned well away from the frame's axes with one or two of its corners in the
/// frame and the others out of it: no quadrilateral of lines and frame borders outlines it (a
/// border stands in for a side only when roughly parallel to it). Its corner is two lines
/// crossing at nearly a right angle, each side backed by edges from the corner either all the
/// way out of the frame or to a second corner whose other side runs out of the frame the same
/// way, no side running on past its corner, with print between the sides and little beyond.
/// The outline returned is the lower bound of the document those sides span: its far side
/// (and the corners on it) outside the frame.
fn cut_corner(lines: &[Line], edges: &EdgeMap) -> Option<Located> {
    let (w, h) = ((edges.width - 1) as f32, (edges.height - 1) as f32);
    let min_dim = w.min(h) + 1.0;
    let margin = 0.03 * min_dim;
    let frame = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let whole = edge_counts(&frame, edges);
    let in_frame =
        |p: Point| p[0] >= margin && p[1] >= margin && p[0] <= w - margin && p[1] <= h - margin;
    // Whether the line through `corner` along `direction` is backed the other way, past it.
    let runs_on = |corner: Point, direction: Point, length: f32| {
        let back = distance(
            corner,
            frame_exit(corner, [-direction[0], -direction[1]], w, h),
        )
        .min(length);
        let past = [
            corner[0] - direction[0] * back,
            corner[1] - direction[1] * back,
        ];
        back >= margin && segment_support(corner, past, edges) > PAST_CORNER
    };
    // The side running from `corner` along `line` out of the frame: its direction, length and
    // support.
    let side_out = |corner: Point, line: &Line| -> Option<(Point, f32, f32)> {
        let along = line.direction();
        let mut found = None;
        for sign in [1.0f32, -1.0] {
            let direction = [along[0] * sign, along[1] * sign];
            let end = frame_exit(corner, direction, w, h);
            let length = distance(corner, end);
            if length < CORNER_STUB * min_dim {
                continue;
            }
            let support = segment_support(corner, end, edges);
            // Backed right up to the frame, as a side running out of it is (the last 12 %, and
            // long enough for `segment_support` to sample).
            let stretch = (0.12 * length).max(MIN_SAMPLED);
            let near_end = [
                end[0] - direction[0] * stretch,
                end[1] - direction[1] * stretch,
            ];
            if support >= CORNER_SUPPORT
                && segment_support(near_end, end, edges) >= CORNER_END_SUPPORT
                && !runs_on(corner, direction, length)
            {
                found = Some((direction, length, support));
            }
        }
        found
    };
    let density = |(hits, total): (u32, u32)| hits as f32 / total.max(1) as f32;
    let mut best: Option<(f32, Located)> = None;
    let mut consider = |outline: [Point; 4], score: f32, support: f32| {
        if best.as_ref().is_some_and(|(top, _)| *top >= score) {
            return;
        }
        let inside = edge_counts(&outline, edges);
        let rest = (
            whole.0.saturating_sub(inside.0),
            whole.1.saturating_sub(inside.1),
        );
        // Pixels are sampled every other row and column.
        if 4.0 * (inside.1 as f32) < CORNER_AREA * (w + 1.0) * (h + 1.0)
            || density(inside) < CORNER_PRINT.0
            || density(inside) < CORNER_PRINT.1 * density(rest)
        {
            return;
        }
        let outside = outside_frame(&outline, w, h);
        best = Some((
            score,
            Located {
                corners: order_from_top_left(outline),
                sides_on_border: 1,
                corners_outside: outside as u8,
                support,
            },
        ));
    };
    let at = |length: f32, from: Point, direction: Point| {
        [
            from[0] + direction[0] * length,
            from[1] + direction[1] * length,
        ]
    };
    let real: Vec<&Line> = lines.iter().filter(|line| !line.border).collect();
    for (i, &a) in real.iter().enumerate() {
        for (j, &s) in real.iter().enumerate() {
            if i == j || angle_between(a.theta, s.theta) < 70f32.to_radians() {
                continue;
            }
            let Some(corner) = intersect(a, s).filter(|&c| in_frame(c)) else {
                continue;
            };
            let Some((out_a, length_a, support_a)) = side_out(corner, a) else {
                continue;
            };
            // One corner in the frame: both sides run out of it (each pair met twice), one of
            // them a long one.
            if i < j
                && let Some((out_s, length_s, support_s)) = side_out(corner, s)
                && length_a.max(length_s) >= CORNER_SIDE * min_dim
            {
                let end_a = at(length_a, corner, out_a);
                let end_s = at(length_s, corner, out_s);
                let far = [
                    end_a[0] + end_s[0] - corner[0],
                    end_a[1] + end_s[1] - corner[1],
                ];
                consider(
                    [corner, end_a, far, end_s],
                    length_a + length_s,
                    (support_a + support_s) / 2.0,
                );
            }
            // Two corners in the frame: `s` is a whole side, ending at the other corner, whose
            // other side `b` runs out of the frame the way `a` does.
            for &b in &real {
                if std::ptr::eq(a, b) || angle_between(a.theta, b.theta) > 20f32.to_radians() {
                    continue;
                }
                let Some(second) = intersect(s, b).filter(|&c| in_frame(c)) else {
                    continue;
                };
                let length_s = distance(corner, second);
                if length_s < CORNER_SIDE * min_dim {
                    continue;
                }
                let support_s = segment_support(corner, second, edges);
                if support_s < CORNER_SUPPORT {
                    continue;
                }
                let Some((out_b, length_b, support_b)) = side_out(second, b) else {
                    continue;
                };
                if out_a[0] * out_b[0] + out_a[1] * out_b[1] < 0.0 {
                    continue;
                }
                let reach = length_a.max(length_b) + 1.0;
                consider(
                    [
                        corner,
                        second,
                        at(reach, second, out_b),
                        at(reach, corner, out_a),
                    ],
                    length_a + length_s + length_b,
                    (support_a + support_s + support_b) / 3.0,
                );
            }
        }
    }
    best.map(|(_, located)| located)
}

/// How many corners lie outside a frame whose outermost pixels' centres are at 0 and `w`,
/// `h`: its edge is half a pixel beyond them.
fn outside_frame(corners: &[Point; 4], w: f32, h: f32) -> usize {
    corners
        .iter()
        .filter(|c| c[0] < -0.5 || c[1] < -0.5 || c[0] > w + 0.5 || c[1] > h + 0.5)
        .count()
}

/// Where a ray from `start` (inside the frame `[0, w] × [0, h]`) along `direction` leaves it.
fn frame_exit(start: Point, direction: Point, w: f32, h: f32) -> Point {
    let reach = |position: f32, step: f32, size: f32| {
        if step > 1e-6 {
            (size - position) / step
        } else if step < -1e-6 {
            -position / step
        } else {
            f32::INFINITY
        }
    };
    let t = reach(start[0], direction[0], w)
        .min(reach(start[1], direction[1], h))
        .max(0.0);
    [start[0] + direction[0] * t, start[1] + direction[1] * t]
}

/// Edge density of the band of surround right next to an inner outline: inside `outer`,
/// between the inner outline grown about its centre by [`NEAR_GAP`] (clear of its own
/// border's edges, rounded corners and contact shadow) and by [`NEAR_BAND`]. `None` when
/// under a fifth of that band lies inside `outer` (the outlines nearly meet all round): too
/// little surround to judge.
fn near_ring_density(outer: &[Point; 4], inner: &[Point; 4], edges: &EdgeMap) -> Option<f32> {
    let gap = scaled(inner, 1.0 + NEAR_GAP);
    let band = scaled(inner, 1.0 + NEAR_BAND);
    let (min_x, max_x, min_y, max_y) = pixel_bounds(&band, edges);
    let (mut hits, mut inside, mut total) = (0u32, 0u32, 0u32);
    for y in (min_y..=max_y).step_by(2) {
        for x in (min_x..=max_x).step_by(2) {
            let p = [x as f32, y as f32];
            if !contains(&band, p) || contains(&gap, p) {
                continue;
            }
            total += 1;
            if contains(outer, p) {
                inside += 1;
                if edges.angle[y * edges.width + x] != NO_EDGE {
                    hits += 1;
                }
            }
        }
    }
    (5 * inside >= total && inside > 0).then(|| hits as f32 / inside as f32)
}

/// Whether `page` is one half of `booklet`, split across its long sides: two of its corners
/// at corners of the booklet, the other two near the middles of the booklet's long sides
/// (the fold). A block of print inside a single page does not reach the page's edges.
fn is_half_of(booklet: &[Point; 4], page: &[Point; 4]) -> bool {
    let tolerance = HALF_TOLERANCE * long_side(booklet);
    let first = first_long_side(booklet);
    let middle = |i: usize| {
        let (a, b) = (booklet[i], booklet[(i + 1) % 4]);
        [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
    };
    let folds = [middle(first), middle(first + 2)];
    let near = |p: &Point, targets: &[Point]| {
        targets
            .iter()
            .any(|target| distance(*p, *target) <= tolerance)
    };
    let at_corners = page.iter().filter(|p| near(p, booklet)).count();
    let at_fold = page.iter().filter(|p| near(p, &folds)).count();
    at_corners == 2 && at_fold == 2
}

/// The straight line through two points (not a border).
fn line_through(a: Point, b: Point) -> Line {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let theta = dx.atan2(-dy).rem_euclid(std::f32::consts::PI);
    let n = [theta.cos(), theta.sin()];
    Line {
        theta,
        rho: a[0] * n[0] + a[1] * n[1],
        border: false,
    }
}

/// Index of the first of an outline's two long sides (sides k and k + 2 run corners[k] →
/// corners[k + 1]).
fn first_long_side(corners: &[Point; 4]) -> usize {
    let side = |i: usize| distance(corners[i], corners[(i + 1) % 4]);
    if side(0) + side(2) >= side(1) + side(3) {
        0
    } else {
        1
    }
}

/// Least share of the fold's length backed by edges along it.
const FOLD_SUPPORT: f32 = 0.6;

/// Least ratio of print density between the data page and its facing page.
const FOLD_ASYMMETRY: f32 = 2.0;

/// Least share of a fold seen only by its shading that lies in a trough.
const FOLD_SHADING: f32 = 0.7;

/// Least ratio of print density between the pages when the fold is seen only by its shading.
const SHADED_FOLD_ASYMMETRY: f32 = 3.0;

/// Least relative depth of a fold's trough (log luma): about 4 % darker than either flank.
const TROUGH_DEPTH: f32 = 0.04;

/// The data page of an open booklet outlined by `booklet`, from the fold across its middle.
///
/// An open passport is two pages side by side (about 1.41 : 1 together, 1.42 : 1 each, so the
/// shape cannot tell a booklet from a page). What can: the fold, a straight crease or shading
/// step across the middle parallel to the short sides and running their whole length, and the
/// print: the data page is dense (portrait, fields, MRZ) while the facing page is mostly blank
/// or lightly printed (observations, visas). A single page split at its middle has neither a
/// full-length line there (text rows stop at margins, the portrait is short) nor a blank half.
/// The fold is searched near the middle (perspective moves it), and the page returned is the
/// denser half, or `None`.
fn page_at_fold(booklet: &[Point; 4], edges: &EdgeMap, luma: &Plane) -> Option<[Point; 4]> {
    // An open booklet is 176 × 125 mm (1.41), allowing for perspective; an ID-1 card (1.585)
    // is not searched.
    let ratio = aspect_ratio(booklet);
    if !(1.28..=1.52).contains(&ratio) {
        return None;
    }
    let first = first_long_side(booklet);
    let (a0, a1) = (booklet[first], booklet[(first + 1) % 4]);
    let (b0, b1) = (booklet[(first + 3) % 4], booklet[(first + 2) % 4]);
    let lerp = |p: Point, q: Point, f: f32| [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f];
    // The two ends are searched apart: the outline may run along the cover at one end and
    // along the pages at the other, and perspective moves the fold off the middle.
    // Coarse steps of 0.8 % of the long side, then 0.2 % around the best.
    let search = |measure: &dyn Fn(Point, Point) -> f32, spread: i32| {
        let consider = |best: &mut Option<(f32, f32, f32)>, fa: f32, fb: f32| {
            let value = measure(lerp(a0, a1, fa), lerp(b0, b1, fb));
            if best.is_none_or(|(v, _, _)| value > v) {
                *best = Some((value, fa, fb));
            }
        };
        let mut best = None;
        for i in 0..=30 {
            let fa = 0.38 + 0.008 * i as f32;
            for j in -spread..=spread {
                consider(&mut best, fa, fa + 0.008 * j as f32);
            }
        }
        let (_, ca, cb) = best?;
        for i in -4..=4 {
            for j in -4..=4 {
                consider(&mut best, ca + 0.002 * i as f32, cb + 0.002 * j as f32);
            }
        }
        best
    };
    let (support, fa, fb) = search(&|p, q| segment_support(p, q, edges), 10)?;
    // A fold seen as an edge, or else as the shading of its trough: in a dim picture the
    // crease's shadow is a large relative dip but a small step in luma, below the edge
    // threshold.
    let (fa, fb, asymmetry) = if support >= FOLD_SUPPORT {
        (fa, fb, FOLD_ASYMMETRY)
    } else {
        let (shading, fa, fb) = search(&|p, q| trough_share(p, q, luma), 3)?;
        if shading < FOLD_SHADING {
            return None;
        }
        (fa, fb, SHADED_FOLD_ASYMMETRY)
    };
    let (p, q) = (lerp(a0, a1, fa), lerp(b0, b1, fb));
    // Keep the corners in the booklet's order.
    let mut first_half = *booklet;
    first_half[(first + 1) % 4] = p;
    first_half[(first + 2) % 4] = q;
    let mut second_half = *booklet;
    second_half[first] = p;
    second_half[(first + 3) % 4] = q;
    // Leave the fold's own shading out of the print.
    let (d1, d2) = (
        print_density(&scaled(&first_half, 0.9), edges),
        print_density(&scaled(&second_half, 0.9), edges),
    );
    let page = if d1 >= asymmetry * d2.max(0.002) {
        first_half
    } else if d2 >= asymmetry * d1.max(0.002) {
        second_half
    } else {
        return None;
    };
    document_ratio(aspect_ratio(&page)).then_some(page)
}

/// Share of the middle 90 % of a segment lying in a trough of shading: darker, relative to
/// the luma, than both flanks five or six pixels away. Relative, so that the shadow of a crease
/// counts the same in a dim picture as in a bright one.
fn trough_share(p: Point, q: Point, luma: &Plane) -> f32 {
    let line = line_through(p, q);
    let n = line.normal();
    let log = |c: Point, k: f32| luma.sample(c[0] + k * n[0], c[1] + k * n[1]).max(0.01).ln();
    share_along(p, q, 2.0, |c| {
        let centre = (log(c, -1.0) + log(c, 0.0) + log(c, 1.0)) / 3.0;
        let before = (log(c, -5.0) + log(c, -6.0)) / 2.0;
        let after = (log(c, 5.0) + log(c, 6.0)) / 2.0;
        before - centre > TROUGH_DEPTH && after - centre > TROUGH_DEPTH
    })
}

/// Share of points, one every `spacing` pixels over the middle 90 % of segment p–q, for which
/// `test` holds; 0 for a segment too short to judge (fewer than ten points).
fn share_along(p: Point, q: Point, spacing: f32, mut test: impl FnMut(Point) -> bool) -> f32 {
    let steps = (SAMPLED_SHARE * distance(p, q) / spacing) as usize;
    if steps < MIN_STEPS {
        return 0.0;
    }
    let hits = (0..steps)
        .filter(|&i| {
            let f = 0.05 + SAMPLED_SHARE * i as f32 / steps as f32;
            test([p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f])
        })
        .count();
    hits as f32 / steps as f32
}

/// The middle share of a segment [`share_along`] samples (from 5 % to 95 %: its ends are
/// corners).
const SAMPLED_SHARE: f32 = 0.9;

/// Fewest samples [`share_along`] takes: a shorter segment counts as unbacked.
const MIN_STEPS: usize = 10;

/// Shortest segment, in pixels, that [`segment_support`] samples at one-pixel spacing.
const MIN_SAMPLED: f32 = (MIN_STEPS + 2) as f32 / SAMPLED_SHARE;

/// A quadrilateral scaled about its centre (the mean of its corners) by `factor`: under 1
/// shrinks it, over 1 grows it.
pub(crate) fn scaled(corners: &[Point; 4], factor: f32) -> [Point; 4] {
    let cx = corners.iter().map(|c| c[0]).sum::<f32>() / 4.0;
    let cy = corners.iter().map(|c| c[1]).sum::<f32>() / 4.0;
    corners.map(|c| [cx + (c[0] - cx) * factor, cy + (c[1] - cy) * factor])
}

/// Share of the middle 90 % of a segment backed by edges (or thin lines) running along it,
/// within a pixel across.
fn segment_support(p: Point, q: Point, edges: &EdgeMap) -> f32 {
    let line = line_through(p, q);
    let degrees = (line.theta.to_degrees().round() as usize) % ANGLE_BINS;
    let n = line.normal();
    let along = Orientations::near(degrees, 12);
    share_along(p, q, 1.0, |c| {
        any_across(c, n, 1, |x, y| edges.has_edge_near(x, y, &along))
    })
}

/// Whether `test` holds at a pixel within `reach` pixels of `point` along the unit `normal`:
/// a side's edge pixels scatter a pixel or two across its fitted line.
fn any_across(
    point: Point,
    normal: Point,
    reach: i32,
    mut test: impl FnMut(isize, isize) -> bool,
) -> bool {
    (-reach..=reach).any(|k| {
        let x = nearest(point[0] + k as f32 * normal[0]);
        let y = nearest(point[1] + k as f32 * normal[1]);
        test(x, y)
    })
}

fn short_side(corners: &[Point; 4]) -> f32 {
    let side = |i: usize| distance(corners[i], corners[(i + 1) % 4]);
    ((side(0) + side(2)) / 2.0).min((side(1) + side(3)) / 2.0)
}

fn long_side(corners: &[Point; 4]) -> f32 {
    let side = |i: usize| distance(corners[i], corners[(i + 1) % 4]);
    ((side(0) + side(2)) / 2.0).max((side(1) + side(3)) / 2.0)
}

/// The four sides of a candidate as (start, end) corner pairs.
fn lines_of(candidate: &Candidate) -> [[Point; 2]; 4] {
    let c = candidate.corners;
    [0, 1, 2, 3].map(|k| [c[k], c[(k + 1) % 4]])
}

/// How many sides of `a` run along a side of `b` (both ends within a few pixels of its line).
fn shared_sides(a: &[[Point; 2]; 4], b: &[[Point; 2]; 4]) -> usize {
    let off_line = |p: Point, [s, e]: [Point; 2]| distance_to_line(p, s, e);
    a.iter()
        .filter(|side| {
            b.iter()
                .any(|other| off_line(side[0], *other) < 3.0 && off_line(side[1], *other) < 3.0)
        })
        .count()
}

/// Whether a point lies inside a quadrilateral grown by `margin` pixels (approximately: the
/// point moved towards the centre by the margin).
fn inside_with_margin(points: &[Point; 4], p: Point, margin: f32) -> bool {
    let cx = points.iter().map(|c| c[0]).sum::<f32>() / 4.0;
    let cy = points.iter().map(|c| c[1]).sum::<f32>() / 4.0;
    let (dx, dy) = (cx - p[0], cy - p[1]);
    let length = (dx * dx + dy * dy).sqrt().max(1e-3);
    let moved = [p[0] + dx / length * margin, p[1] + dy / length * margin];
    contains(points, moved)
}

/// Least share of its area a whole outline has inside a cut-off one to be a part of it.
const PART_INSIDE: f32 = 0.9;

/// A whole outline inside a cut-off one is a part of the cut-off document, not a document of
/// its own, when the rest of the cut-off outline holds at least this share of its density of
/// strong edges: the print runs on past it to the frame (a data page's portrait and MRZ round
/// a panel of fields, a data page beside its blank facing page). Round a document whose
/// outline ran on to the frame over the surface, that rest is bare: on the tuning set t11 the
/// rest held 0.56–6 times the inner outline's strong-edge density on parts of cut-off pages,
/// and 0.02–0.29 times on whole documents (desks, cloths, copy sheets).
const PART_REST_DENSITY: f32 = 0.4;

/// Whether the whole outline `inner` is a part of the cut-off outline `outer` (see
/// [`PART_REST_DENSITY`]), or lies strictly inside it. `outer_counts` gives `outer`'s
/// [`region_counts`], asked for only when needed.
fn part_of(
    inner: &Candidate,
    outer: &Candidate,
    outer_counts: impl FnOnce() -> RegionCounts,
    edges: &EdgeMap,
) -> bool {
    if inner
        .corners
        .iter()
        .all(|p| inside_with_margin(&outer.corners, *p, -3.0))
    {
        return true;
    }
    if share_inside(&inner.corners, &outer.corners) < PART_INSIDE {
        return false;
    }
    let inside = region_counts(&inner.corners, edges);
    let whole = outer_counts();
    let rest_total = whole.total.saturating_sub(inside.total);
    if rest_total == 0 || inside.total == 0 {
        return false;
    }
    let density = |strong: u32, total: u32| strong as f32 / total as f32;
    density(whole.strong.saturating_sub(inside.strong), rest_total)
        >= PART_REST_DENSITY * density(inside.strong, inside.total)
}

/// Share of `inner`'s area that lies inside `outer`, sampled on a grid of 8 × 8 points.
fn share_inside(inner: &[Point; 4], outer: &[Point; 4]) -> f32 {
    const STEPS: usize = 8;
    let mut hits = 0;
    for i in 0..STEPS {
        for j in 0..STEPS {
            let (u, v) = (
                (i as f32 + 0.5) / STEPS as f32,
                (j as f32 + 0.5) / STEPS as f32,
            );
            let top = lerp(inner[0], inner[1], u);
            let bottom = lerp(inner[3], inner[2], u);
            if contains(outer, lerp(top, bottom, v)) {
                hits += 1;
            }
        }
    }
    hits as f32 / (STEPS * STEPS) as f32
}

fn lerp(a: Point, b: Point, t: f32) -> Point {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// Share of edge pixels inside a quadrilateral (its inner print).
fn print_density(corners: &[Point; 4], edges: &EdgeMap) -> f32 {
    let (hits, total) = edge_counts(corners, edges);
    hits as f32 / total.max(1) as f32
}

/// (edge pixels, pixels) inside a quadrilateral, sampled every other pixel.
fn edge_counts(corners: &[Point; 4], edges: &EdgeMap) -> (u32, u32) {
    let counts = region_counts(corners, edges);
    (counts.edges, counts.total)
}

/// Pixels sampled inside a quadrilateral (every other row and column), and how many of them
/// are edge pixels and strong edge pixels.
#[derive(Clone, Copy, Debug, Default)]
struct RegionCounts {
    edges: u32,
    strong: u32,
    total: u32,
}

fn region_counts(corners: &[Point; 4], edges: &EdgeMap) -> RegionCounts {
    let (min_x, max_x, min_y, max_y) = pixel_bounds(corners, edges);
    let mut counts = RegionCounts::default();
    for y in (min_y..=max_y).step_by(2) {
        for x in (min_x..=max_x).step_by(2) {
            if contains(corners, [x as f32, y as f32]) {
                counts.total += 1;
                let at = y * edges.width + x;
                if edges.angle[at] != NO_EDGE {
                    counts.edges += 1;
                }
                if edges.strong[at] {
                    counts.strong += 1;
                }
            }
        }
    }
    counts
}

/// The pixel columns and rows (first and last, inclusive) a quadrilateral spans within the
/// edge map.
fn pixel_bounds(corners: &[Point; 4], edges: &EdgeMap) -> (usize, usize, usize, usize) {
    let low = |axis: usize| {
        corners
            .iter()
            .map(|c| c[axis])
            .fold(f32::INFINITY, f32::min)
            .max(0.0) as usize
    };
    let high = |axis: usize, size: usize| {
        (corners.iter().map(|c| c[axis]).fold(0.0, f32::max) as usize).min(size.saturating_sub(1))
    };
    (low(0), high(0, edges.width), low(1), high(1, edges.height))
}

/// Fits a line to the edge pixels along the stretch of `line` between two corners (leaving out
/// the ends, where card corners are rounded), by total least squares.
fn refine_line(line: &Line, p0: Point, p1: Point, edges: &EdgeMap) -> Option<Line> {
    let (t0, t1) = (line.param_of(p0), line.param_of(p1));
    let (lo, hi) = if t0 <= t1 { (t0, t1) } else { (t1, t0) };
    let margin = 0.08 * (hi - lo);
    let degrees = (line.theta.to_degrees().round() as usize) % ANGLE_BINS;
    let along = Orientations::near(degrees, 10);
    let n = line.normal();
    let mut points: Vec<Point> = Vec::new();
    let mut t = lo + margin;
    while t <= hi - margin {
        let p = line.point_at(t);
        // The nearest edge pixel across the line, within three pixels.
        for k in [0i32, -1, 1, -2, 2, -3, 3] {
            let x = nearest(p[0] + k as f32 * n[0]);
            let y = nearest(p[1] + k as f32 * n[1]);
            if edges.has_step_near(x, y, &along) {
                points.push([x as f32, y as f32]);
                break;
            }
        }
        t += 1.0;
    }
    if (points.len() as f32) < 0.4 * (hi - lo - 2.0 * margin).max(1.0) || points.len() < 8 {
        return None;
    }
    let count = points.len() as f32;
    let mx = points.iter().map(|p| p[0]).sum::<f32>() / count;
    let my = points.iter().map(|p| p[1]).sum::<f32>() / count;
    let (mut sxx, mut sxy, mut syy) = (0.0f32, 0.0f32, 0.0f32);
    for p in &points {
        let (dx, dy) = (p[0] - mx, p[1] - my);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    // Direction of largest spread; the normal is perpendicular to it.
    let direction = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let theta = (direction + std::f32::consts::FRAC_PI_2).rem_euclid(std::f32::consts::PI);
    if angle_between(theta, line.theta) > 3f32.to_radians() {
        return None;
    }
    let rho = mx * theta.cos() + my * theta.sin();
    Some(Line {
        theta,
        rho,
        border: false,
    })
}

/// Thin edges with their normal direction.
struct EdgeMap {
    width: usize,
    height: usize,
    /// Normal direction in whole degrees [0, 180) for edge pixels; `NO_EDGE` elsewhere.
    angle: Vec<u8>,
    /// Normal direction of thin dark lines (printed outlines) at their centre pixels;
    /// `NO_EDGE` elsewhere. Evidence for a side, but not print: not counted in densities.
    ridge: Vec<u8>,
    /// Edge pixels whose gradient is at least [`STRONG_EDGE`].
    strong: Vec<bool>,
}

/// A step edge at least this steep (luma per pixel) is strong: the border between a document
/// and a contrasting surface, where the surface's own texture (wood grain, fabric weave, paper
/// fibres) is weaker.
const STRONG_EDGE: f32 = 0.06;

/// Least second derivative across a thin dark line (luma per pixel², on the blurred plane):
/// a one-pixel printed line about a tenth darker than the paper. Fainter ones are left to the
/// step edges: wood grain and paper fibres are faint dark lines too.
const RIDGE_MIN: f32 = 0.03;

/// Centre pixels of thin dark lines with their normal direction. A card's outline printed on
/// a photocopy or a page's ruled border is a line of toner or ink a pixel or two wide, not a
/// step between two surfaces: its two flanks are weak opposite gradients, often below the edge
/// threshold, but the curvature across it is strong. The Hessian's larger eigenvalue measures
/// that curvature and its eigenvector the line's normal; a line (unlike a toner speck or a
/// dot of print) curves in one direction only.
fn ridges(luma: &Plane) -> Vec<u8> {
    let (width, height) = (luma.width, luma.height);
    let mut out = vec![NO_EDGE; width * height];
    if width < 5 || height < 5 {
        return out;
    }
    let mut strength = vec![0.0f32; width * height];
    let mut normal = vec![0.0f32; width * height];
    let d = &luma.data;
    for y in 1..height - 1 {
        for x in 1..width - 1 {
            let i = y * width + x;
            let xx = d[i + 1] - 2.0 * d[i] + d[i - 1];
            let yy = d[i + width] - 2.0 * d[i] + d[i - width];
            let xy =
                (d[i + width + 1] - d[i + width - 1] - d[i - width + 1] + d[i - width - 1]) / 4.0;
            let mean = (xx + yy) / 2.0;
            let spread = (((xx - yy) / 2.0).powi(2) + xy * xy).sqrt();
            let (large, small) = (mean + spread, mean - spread);
            if large < RIDGE_MIN || small.abs() * 3.0 > large {
                continue;
            }
            strength[i] = large;
            normal[i] = 0.5 * (2.0 * xy).atan2(xx - yy);
        }
    }
    for y in 2..height - 2 {
        for x in 2..width - 2 {
            let i = y * width + x;
            let m = strength[i];
            if m == 0.0 {
                continue;
            }
            let (c, s) = (normal[i].cos(), normal[i].sin());
            let (ox, oy) = (nearest(c), nearest(s));
            let at = |k: isize| {
                strength[((y as isize + k * oy) * width as isize + x as isize + k * ox) as usize]
            };
            if m < at(1) || m < at(-1) {
                continue;
            }
            // At a line's centre the slope is nil (half a pixel off centre, about half the
            // curvature); where the curvature peaks at the dark foot of a blurred step, it
            // is the curvature times the blur's width, more than a pixel after the
            // smoothing here.
            let gx = (d[i + 1] - d[i - 1]) / 2.0;
            let gy = (d[i + width] - d[i - width]) / 2.0;
            if gx * gx + gy * gy > m * m {
                continue;
            }
            let degrees = normal[i].to_degrees().rem_euclid(180.0);
            out[i] = (nearest(degrees) as usize % ANGLE_BINS) as u8;
        }
    }
    out
}

const NO_EDGE: u8 = 255;

impl EdgeMap {
    fn new(luma: &Plane) -> EdgeMap {
        let (gx, gy) = luma.sobel();
        let (width, height) = (luma.width, luma.height);
        let magnitude: Vec<f32> = gx
            .data
            .iter()
            .zip(&gy.data)
            .map(|(x, y)| (x * x + y * y).sqrt())
            .collect();
        let threshold = {
            let mut sample: Vec<f32> = magnitude.iter().step_by(7).copied().collect();
            let index = (sample.len() as f32 * 0.95) as usize;
            let high = if sample.is_empty() {
                0.0
            } else {
                let index = index.min(sample.len() - 1);
                *sample.select_nth_unstable_by(index, f32::total_cmp).1
            };
            (high * EDGE_SHARE).clamp(0.008, EDGE_CAP)
        };
        let mut angle = vec![NO_EDGE; width * height];
        let mut strong = vec![false; width * height];
        for y in 1..height.saturating_sub(1) {
            for x in 1..width.saturating_sub(1) {
                let i = y * width + x;
                let m = magnitude[i];
                if m < threshold {
                    continue;
                }
                let (dx, dy) = (gx.data[i], gy.data[i]);
                // Neighbours along the gradient direction, quantised to 45°.
                let (ox, oy): (isize, isize) = {
                    let ax = dx.abs();
                    let ay = dy.abs();
                    if ay <= ax * 0.4142 {
                        (1, 0)
                    } else if ax <= ay * 0.4142 {
                        (0, 1)
                    } else if (dx > 0.0) == (dy > 0.0) {
                        (1, 1)
                    } else {
                        (1, -1)
                    }
                };
                let at = |sx: isize, sy: isize| {
                    magnitude[((y as isize + sy) as usize) * width + (x as isize + sx) as usize]
                };
                if m < at(ox, oy) || m < at(-ox, -oy) {
                    continue;
                }
                let mut degrees = dy.atan2(dx).to_degrees();
                if degrees < 0.0 {
                    degrees += 180.0;
                }
                angle[i] = (nearest(degrees) as usize % ANGLE_BINS) as u8;
                strong[i] = m >= STRONG_EDGE;
            }
        }
        let ridge = ridges(luma);
        EdgeMap {
            width,
            height,
            angle,
            ridge,
            strong,
        }
    }

    /// Whether a step edge (not a thin line's centre) with its normal among `orientations`
    /// lies at (x, y): where the refit of a side looks.
    fn has_step_near(&self, x: isize, y: isize, orientations: &Orientations) -> bool {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return false;
        }
        orientations.contains(self.angle[y as usize * self.width + x as usize])
    }

    /// Whether a strong step edge with its normal among `orientations` lies at (x, y).
    fn has_strong_step_near(&self, x: isize, y: isize, orientations: &Orientations) -> bool {
        self.has_step_near(x, y, orientations) && self.strong[y as usize * self.width + x as usize]
    }

    /// Whether an edge (a step or a thin line) with its normal among `orientations` lies at
    /// (x, y).
    fn has_edge_near(&self, x: isize, y: isize, orientations: &Orientations) -> bool {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return false;
        }
        let i = y as usize * self.width + x as usize;
        orientations.contains(self.angle[i]) || orientations.contains(self.ridge[i])
    }
}

/// The edge normals (whole degrees, 0..180, as the edge map stores them) within a tolerance of
/// one orientation: a table over the map's byte values, so that a test along a line is one
/// load. [`NO_EDGE`] is never among them.
struct Orientations([bool; 256]);

impl Orientations {
    fn near(degrees: usize, tolerance: usize) -> Orientations {
        let mut table = [false; 256];
        for (a, near) in table.iter_mut().enumerate().take(ANGLE_BINS) {
            let diff = (a + ANGLE_BINS - degrees % ANGLE_BINS) % ANGLE_BINS;
            *near = diff.min(ANGLE_BINS - diff) <= tolerance;
        }
        Orientations(table)
    }

    fn contains(&self, a: u8) -> bool {
        self.0[usize::from(a)]
    }
}

/// The strongest straight lines, by an orientation-restricted Hough transform.
fn hough_lines(edges: &EdgeMap, keep: usize) -> Vec<Line> {
    let diagonal = ((edges.width.pow(2) + edges.height.pow(2)) as f32)
        .sqrt()
        .ceil() as usize;
    let rho_bins = 2 * diagonal + 1;
    // u16: half the memory of u32 (a smaller row per angle bin to keep in cache); a cell gets
    // at most two votes per pixel along a one-pixel band, far below 65 535 (saturating beyond).
    let mut votes = vec![0u16; ANGLE_BINS * rho_bins];
    let table: Vec<(f32, f32)> = (0..ANGLE_BINS)
        .map(|a| {
            let r = (a as f32).to_radians();
            (r.cos(), r.sin())
        })
        .collect();
    // The pixels sorted by their normal's angle, then the votes cast one angle bin at a time:
    // each bin's row of the table stays in cache while every pixel within the spread of that
    // angle votes in it. The counts are the same as casting each pixel's votes in turn.
    let steps = PixelsByAngle::of(&edges.angle, edges.width);
    let thin_lines = PixelsByAngle::of(&edges.ridge, edges.width);
    for (bin, row) in votes.chunks_exact_mut(rho_bins).enumerate() {
        let (cos, sin) = table[bin];
        for (pixels, spread) in [(&steps, VOTE_SPREAD), (&thin_lines, RIDGE_SPREAD)] {
            for offset in -spread..=spread {
                let angle = (bin as i32 + offset).rem_euclid(ANGLE_BINS as i32) as usize;
                for &(x, y) in pixels.at(angle) {
                    let rho = x * cos + y * sin;
                    let index = (nearest(rho) + diagonal as isize) as usize;
                    if let Some(cell) = row.get_mut(index) {
                        *cell = cell.saturating_add(1);
                    }
                }
            }
        }
    }
    let min_votes = (MIN_VOTES_SHARE * edges.width.min(edges.height) as f32) as u32;
    let mut peaks: Vec<(u32, usize, usize)> = Vec::new();
    for a in 0..ANGLE_BINS {
        for r in 0..rho_bins {
            let v = u32::from(votes[a * rho_bins + r]);
            if v < min_votes.max(8) {
                continue;
            }
            let mut is_peak = true;
            'window: for da in -3i32..=3 {
                // Wrapping the angle flips the sign of rho.
                let raw = a as i32 + da;
                let (na, flip) = if raw < 0 {
                    ((raw + ANGLE_BINS as i32) as usize, true)
                } else if raw >= ANGLE_BINS as i32 {
                    ((raw - ANGLE_BINS as i32) as usize, true)
                } else {
                    (raw as usize, false)
                };
                for dr in -6i32..=6 {
                    if da == 0 && dr == 0 {
                        continue;
                    }
                    let base = if flip {
                        2 * diagonal as i32 - r as i32
                    } else {
                        r as i32
                    };
                    let nr = base + dr;
                    if nr < 0 || nr >= rho_bins as i32 {
                        continue;
                    }
                    let other = u32::from(votes[na * rho_bins + nr as usize]);
                    if other > v || (other == v && (na, nr as usize) < (a, r)) {
                        is_peak = false;
                        break 'window;
                    }
                }
            }
            if is_peak {
                peaks.push((v, a, r));
            }
        }
    }
    peaks.sort_by_key(|peak| std::cmp::Reverse(peak.0));
    // The strongest peaks overall, and the strongest of every orientation: a surface's texture
    // (wood grain, fabric) gives hundreds of long lines of one orientation that outvote a
    // small document's sides, whose orientation must still be represented.
    let mut per_window = [0usize; ANGLE_BINS / WINDOW_DEGREES];
    let mut chosen = Vec::with_capacity(keep + PEAKS_PER_WINDOW * per_window.len());
    for (rank, &(_, a, r)) in peaks.iter().enumerate() {
        let window = &mut per_window[a / WINDOW_DEGREES];
        if rank < keep || *window < PEAKS_PER_WINDOW {
            *window += 1;
            chosen.push((a, r));
        }
    }
    chosen
        .into_iter()
        .map(|(a, r)| Line {
            theta: (a as f32).to_radians(),
            rho: r as f32 - diagonal as f32,
            border: false,
        })
        .collect()
}

/// The positions of an edge map's pixels grouped by their angle bin (a counting sort).
struct PixelsByAngle {
    /// `starts[a]..starts[a + 1]` are the pixels of bin `a` in `positions`.
    starts: Vec<usize>,
    positions: Vec<(f32, f32)>,
}

impl PixelsByAngle {
    fn of(angles: &[u8], width: usize) -> PixelsByAngle {
        let mut starts = vec![0usize; ANGLE_BINS + 1];
        for &a in angles {
            if a != NO_EDGE {
                starts[usize::from(a) + 1] += 1;
            }
        }
        for a in 0..ANGLE_BINS {
            starts[a + 1] += starts[a];
        }
        let mut next = starts.clone();
        let mut positions = vec![(0.0, 0.0); starts[ANGLE_BINS]];
        for (y, row) in angles.chunks_exact(width.max(1)).enumerate() {
            for (x, &a) in row.iter().enumerate() {
                if a != NO_EDGE {
                    let slot = &mut next[usize::from(a)];
                    positions[*slot] = (x as f32, y as f32);
                    *slot += 1;
                }
            }
        }
        PixelsByAngle { starts, positions }
    }

    fn at(&self, angle: usize) -> &[(f32, f32)] {
        &self.positions[self.starts[angle]..self.starts[angle + 1]]
    }
}

fn profile(line: &Line, edges: &EdgeMap) -> Profile {
    let diagonal = ((edges.width.pow(2) + edges.height.pow(2)) as f32).sqrt();
    let t_start = -diagonal;
    let steps = (2.0 * diagonal) as usize + 2;
    let mut edge_counts = Vec::with_capacity(steps + 1);
    let mut inside_counts = Vec::with_capacity(steps + 1);
    edge_counts.push(0);
    inside_counts.push(0);
    let degrees = (line.theta.to_degrees().round() as usize) % ANGLE_BINS;
    let along = Orientations::near(degrees, 12);
    let n = line.normal();
    let (w, h) = (edges.width as f32, edges.height as f32);
    let mut strong_counts = Vec::with_capacity(steps + 1);
    strong_counts.push(0);
    let (mut e, mut i, mut strong) = (0u32, 0u32, 0u32);
    // `Line::point_at` unrolled: its sine and cosine once per line, not once per step.
    let d = line.direction();
    let origin = [line.rho * n[0], line.rho * n[1]];
    for step in 0..steps {
        let t = t_start + step as f32;
        let p = [origin[0] + t * d[0], origin[1] + t * d[1]];
        let inside = p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w - 1.0 && p[1] <= h - 1.0;
        if inside {
            i += 1;
            if !line.border {
                let hit = any_across(p, n, 2, |x, y| edges.has_edge_near(x, y, &along));
                if hit {
                    e += 1;
                    let strong_hit =
                        any_across(p, n, 2, |x, y| edges.has_strong_step_near(x, y, &along));
                    if strong_hit {
                        strong += 1;
                    }
                }
            }
        }
        edge_counts.push(e);
        inside_counts.push(i);
        strong_counts.push(strong);
    }
    Profile {
        t_start,
        edges: edge_counts,
        inside: inside_counts,
        strong: strong_counts,
    }
}

/// Where each two of a set of lines cross (`None` for parallel ones), computed once: the
/// quadrilateral search meets every crossing many times.
struct Crossings {
    count: usize,
    points: Vec<Option<Point>>,
}

impl Crossings {
    fn of(lines: &[Line]) -> Crossings {
        let count = lines.len();
        let points = (0..count * count)
            .map(|k| intersect(&lines[k / count], &lines[k % count]))
            .collect();
        Crossings { count, points }
    }

    /// The corners of the quadrilateral whose sides are the lines `order`, in order:
    /// corners[k] = side k ∩ side k-1, so side k runs corners[k] → corners[k+1].
    fn quad(&self, order: [usize; 4]) -> Option<[Point; 4]> {
        let mut corners = [[0.0f32; 2]; 4];
        for k in 0..4 {
            corners[k] = self.points[order[k] * self.count + order[(k + 3) % 4]]?;
        }
        Some(corners)
    }
}

fn intersect(a: &Line, b: &Line) -> Option<Point> {
    let (c1, s1) = (a.theta.cos(), a.theta.sin());
    let (c2, s2) = (b.theta.cos(), b.theta.sin());
    let det = c1 * s2 - s1 * c2;
    if det.abs() < 1e-4 {
        return None;
    }
    Some([
        (a.rho * s2 - b.rho * s1) / det,
        (c1 * b.rho - c2 * a.rho) / det,
    ])
}

fn signed_distance(line: &Line, point: Point) -> f32 {
    let n = line.normal();
    point[0] * n[0] + point[1] * n[1] - line.rho
}

/// Smallest angle between two undirected line normals, in [0, π/2].
fn angle_between(a: f32, b: f32) -> f32 {
    let pi = std::f32::consts::PI;
    let diff = (a - b).rem_euclid(pi);
    diff.min(pi - diff)
}

fn mean_angle(a: f32, b: f32) -> f32 {
    let pi = std::f32::consts::PI;
    let (x, y) = (
        (2.0 * a).cos() + (2.0 * b).cos(),
        (2.0 * a).sin() + (2.0 * b).sin(),
    );
    (y.atan2(x) / 2.0).rem_euclid(pi)
}

/// Distance from `p` to the line through `a` and `b`.
fn distance_to_line(p: Point, a: Point, b: Point) -> f32 {
    let length = distance(a, b).max(1e-3);
    ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])).abs() / length
}

/// The distance between two points.
pub(crate) fn distance(a: Point, b: Point) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn polygon_area(points: &[Point; 4]) -> f32 {
    let mut sum = 0.0;
    for k in 0..4 {
        let (p, q) = (points[k], points[(k + 1) % 4]);
        sum += p[0] * q[1] - q[0] * p[1];
    }
    sum.abs() / 2.0
}

fn is_convex(points: &[Point; 4]) -> bool {
    let mut sign = 0.0f32;
    for k in 0..4 {
        let (a, b, c) = (points[k], points[(k + 1) % 4], points[(k + 2) % 4]);
        let cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
        if cross.abs() < 1e-3 {
            return false;
        }
        if sign == 0.0 {
            sign = cross.signum();
        } else if cross.signum() != sign {
            return false;
        }
    }
    true
}

fn contains(points: &[Point; 4], p: Point) -> bool {
    let mut sign = 0.0f32;
    for k in 0..4 {
        let (a, b) = (points[k], points[(k + 1) % 4]);
        let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        if cross == 0.0 {
            continue;
        }
        if sign == 0.0 {
            sign = cross.signum();
        } else if cross.signum() != sign {
            return false;
        }
    }
    true
}

/// Orders corners clockwise (in image coordinates, y down) starting nearest the top-left.
fn order_from_top_left(mut corners: [Point; 4]) -> [Point; 4] {
    let cx = corners.iter().map(|c| c[0]).sum::<f32>() / 4.0;
    let cy = corners.iter().map(|c| c[1]).sum::<f32>() / 4.0;
    corners.sort_by(|a, b| {
        let angle = |p: &Point| (p[1] - cy).atan2(p[0] - cx);
        angle(a).total_cmp(&angle(b))
    });
    let start = (0..4)
        .min_by(|&i, &j| {
            (corners[i][0] + corners[i][1]).total_cmp(&(corners[j][0] + corners[j][1]))
        })
        .unwrap_or(0);
    corners.rotate_left(start);
    corners
}

#[cfg(test)]
mod tests;
