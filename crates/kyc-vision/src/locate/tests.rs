use super::*;

/// A plane with a textured background and a light "document" quadrilateral holding dark text
/// lines and a portrait block.
fn scene(width: usize, height: usize, corners: [Point; 4], seed: u32) -> Plane {
    let mut plane = Plane::new(width, height);
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 1000) as f32 / 1000.0
    };
    // Map the document's own (u, v) in 0..1 to decide what is printed there.
    let [a, b, _, d] = corners;
    let (ux, uy) = (b[0] - a[0], b[1] - a[1]);
    let (vx, vy) = (d[0] - a[0], d[1] - a[1]);
    let det = ux * vy - uy * vx;
    for y in 0..height {
        for x in 0..width {
            let p = [x as f32, y as f32];
            let background =
                0.3 + 0.08 * ((x as f32 * 0.05).sin() + (y as f32 * 0.11).cos()) + 0.05 * noise();
            let value = if contains(&corners, p) {
                let (px, py) = (p[0] - a[0], p[1] - a[1]);
                let u = (px * vy - py * vx) / det;
                let v = (ux * py - uy * px) / det;
                let text =
                    (0.45..0.95).contains(&u) && ((v * 14.0).fract() < 0.35) && v > 0.15 && v < 0.9;
                let portrait = (0.06..0.38).contains(&u) && (0.2..0.8).contains(&v);
                if text && (u * 60.0).fract() < 0.7 {
                    0.15
                } else if portrait {
                    0.45
                } else {
                    0.85 + 0.03 * noise()
                }
            } else {
                background
            };
            plane.set(x, y, value);
        }
    }
    plane.blur(0.8)
}

fn close(found: &[Point; 4], truth: &[Point; 4], tolerance: f32) -> bool {
    truth
        .iter()
        .all(|t| found.iter().any(|f| distance(*f, *t) <= tolerance))
}

/// Locates the document in `plane` and checks that it is whole and within `tolerance` pixels
/// of `truth` at every corner.
fn whole_document_found(plane: Plane, truth: &[Point; 4], tolerance: f32) -> Located {
    let located = locate(&plane).expect("found");
    assert!(
        close(&located.corners, truth, tolerance),
        "{:?}",
        located.corners
    );
    assert!(!located.is_cut_off(), "{located:?}");
    located
}

#[test]
fn finds_an_upright_card() {
    let truth = [
        [120.0, 100.0],
        [680.0, 100.0],
        [680.0, 453.0],
        [120.0, 453.0],
    ];
    let located = whole_document_found(scene(800, 600, truth, 1), &truth, 4.0);
    assert!((located.width() - 560.0).abs() < 8.0);
}

#[test]
fn finds_a_rotated_card_in_perspective() {
    let truth = [
        [180.0, 90.0],
        [690.0, 160.0],
        [640.0, 500.0],
        [110.0, 420.0],
    ];
    whole_document_found(scene(800, 600, truth, 2), &truth, 6.0);
}

#[test]
fn a_card_past_the_right_edge_is_cut_off() {
    let truth = [
        [300.0, 150.0],
        [900.0, 150.0],
        [900.0, 530.0],
        [300.0, 530.0],
    ];
    let plane = scene(800, 600, truth, 3);
    let located = locate(&plane).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
}

#[test]
fn a_corner_just_past_the_frames_edge_is_cut_off() {
    // The right-hand corner lies 0.75 px beyond the last column's centre, a quarter of a
    // pixel beyond the frame's edge: the frame cuts the card's corner off.
    let truth = [
        [150.0, 100.0],
        [760.0, 60.0],
        [799.75, 420.0],
        [190.0, 460.0],
    ];
    let plane = scene(800, 600, truth, 5);
    let located = locate(&plane).expect("found");
    assert!(close(&located.corners, &truth, 3.0), "{located:?}");
    assert_eq!(located.corners_outside, 1, "{located:?}");
}

/// The corners of a card `size` px large, turned by `degrees`, whose third corner (bottom
/// right before turning) is at `corner`.
fn turned_card(corner: Point, size: [f32; 2], degrees: f32) -> [Point; 4] {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (across, down) = ([cos, sin], [-sin, cos]);
    let a = [
        corner[0] - size[0] * across[0] - size[1] * down[0],
        corner[1] - size[0] * across[1] - size[1] * down[1],
    ];
    let b = [a[0] + size[0] * across[0], a[1] + size[0] * across[1]];
    let d = [a[0] + size[1] * down[0], a[1] + size[1] * down[1]];
    [a, b, corner, d]
}

#[test]
fn a_turned_card_with_one_corner_in_the_frame_is_cut_off() {
    // Turned by 30°, no frame border runs along any of its sides: only its corner (and the
    // two sides running from it out of the frame) is in the picture.
    let truth = turned_card([500.0, 420.0], [900.0, 570.0], 30.0);
    assert_eq!(
        truth
            .iter()
            .filter(|c| contains(
                &[[0.0, 0.0], [799.0, 0.0], [799.0, 599.0], [0.0, 599.0]],
                **c
            ))
            .count(),
        1
    );
    let located = locate(&scene(800, 600, truth, 6)).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
    assert!(
        located.corners.iter().any(|c| distance(*c, truth[2]) < 4.0),
        "{located:?}"
    );
    // The outline found lies within the card: a lower bound of it.
    for corner in located.corners {
        let centre = [
            (truth[0][0] + truth[2][0]) / 2.0,
            (truth[0][1] + truth[2][1]) / 2.0,
        ];
        let inward = [
            corner[0] + (centre[0] - corner[0]) * 0.02,
            corner[1] + (centre[1] - corner[1]) * 0.02,
        ];
        assert!(contains(&truth, inward), "{located:?}");
    }
}

#[test]
fn a_card_held_mostly_out_of_the_frame_is_cut_off() {
    // Turned by 30°, its one corner in the picture near the left edge: its bottom side runs
    // 90 px to the frame (under a fifth of the picture's height), its right side 460 px. The
    // card is printed with lines of text right up to its corner, on a plain surface.
    let corner = [78.0f32, 400.0];
    let (sin, cos) = 30f32.to_radians().sin_cos();
    // From the corner: along the bottom side and up the right side.
    let (bottom, right) = ([-cos, -sin], [sin, -cos]);
    let mut plane = Plane::new(800, 600);
    for y in 0..600 {
        for x in 0..800 {
            let (dx, dy) = (x as f32 - corner[0], y as f32 - corner[1]);
            let s = dx * bottom[0] + dy * bottom[1];
            let t = dx * right[0] + dy * right[1];
            let value = if s < 0.0 || t < 0.0 {
                0.3 + 0.01 * ((x * 7 + y * 13) % 5) as f32
            } else if s > 10.0 && t > 10.0 && (t / 14.0).fract() < 0.35 && (s / 9.0).fract() < 0.6 {
                0.15
            } else {
                0.85
            };
            plane.set(x, y, value);
        }
    }
    let located = locate(&plane.blur(0.8)).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
    assert!(
        located.corners.iter().any(|c| distance(*c, corner) < 4.0),
        "{located:?}"
    );
}

#[test]
fn a_turned_card_with_one_side_in_the_frame_is_cut_off() {
    // Turned by 25°: its lower side and both its corners are in the picture, the other two
    // sides run out of the frame.
    let truth = turned_card([600.0, 470.0], [500.0, 600.0], 25.0);
    let located = locate(&scene(800, 600, truth, 7)).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
    for k in [2, 3] {
        assert!(
            located.corners.iter().any(|c| distance(*c, truth[k]) < 4.0),
            "{located:?}"
        );
    }
}

#[test]
fn a_turned_grid_has_no_lone_corner() {
    // A tablecloth's check, turned by 30°: its lines cross at right angles everywhere, but
    // every line runs on past every crossing, and the print is the same everywhere. (Asked
    // directly: on the whole picture the outline search takes a block of cells first.)
    let (sin, cos) = 30f32.to_radians().sin_cos();
    let mut plane = Plane::new(800, 600);
    for y in 0..600 {
        for x in 0..800 {
            let (fx, fy) = (x as f32, y as f32);
            let (u, v) = (fx * cos + fy * sin, -fx * sin + fy * cos);
            let line = u.rem_euclid(90.0) < 4.0 || v.rem_euclid(90.0) < 4.0;
            plane.set(x, y, if line { 0.25 } else { 0.7 });
        }
    }
    let lone_corner = |plane: &Plane| {
        let edges = EdgeMap::new(&plane.blur(1.0));
        cut_corner(&hough_lines(&edges, 160), &edges)
    };
    let found = lone_corner(&plane.blur(0.8));
    assert!(found.is_none(), "{found:?}");
    // A card's corner is one.
    let card = scene(
        800,
        600,
        turned_card([500.0, 420.0], [900.0, 570.0], 30.0),
        6,
    );
    assert!(lone_corner(&card).is_some());
}

#[test]
fn a_corner_outside_the_frame_is_cut_off() {
    let truth = [
        [200.0, -60.0],
        [760.0, 20.0],
        [700.0, 380.0],
        [150.0, 300.0],
    ];
    let plane = scene(800, 600, truth, 4);
    let located = locate(&plane).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
}

#[test]
fn no_document_in_plain_texture() {
    let mut plane = Plane::new(640, 480);
    for y in 0..480 {
        for x in 0..640 {
            let v = 0.5 + 0.1 * ((x as f32 * 0.07).sin() * (y as f32 * 0.05).cos());
            plane.set(x, y, v);
        }
    }
    assert_eq!(locate(&plane), None);
}

#[test]
fn tiny_planes_are_not_searched() {
    assert_eq!(locate(&Plane::new(10, 10)), None);
}

#[test]
fn corner_order_starts_top_left_and_goes_clockwise() {
    let ordered = order_from_top_left([[10.0, 90.0], [100.0, 10.0], [0.0, 0.0], [110.0, 100.0]]);
    assert_eq!(
        ordered,
        [[0.0, 0.0], [100.0, 10.0], [110.0, 100.0], [10.0, 90.0]]
    );
}

#[test]
fn a_page_is_half_of_its_booklet_but_a_print_block_is_not() {
    // An open booklet 400 × 564 (two pages of 400 × 282, the fold across the middle).
    let booklet = [[100.0, 20.0], [500.0, 20.0], [500.0, 584.0], [100.0, 584.0]];
    let lower_page = [
        [104.0, 302.0],
        [496.0, 302.0],
        [496.0, 580.0],
        [104.0, 580.0],
    ];
    assert!(is_half_of(&booklet, &lower_page));
    // A block of print of about the same size, but well inside the booklet's edges.
    let block = [
        [140.0, 270.0],
        [470.0, 270.0],
        [470.0, 520.0],
        [140.0, 520.0],
    ];
    assert!(!is_half_of(&booklet, &block));
}

/// A light sheet (a photocopy) on a dark surface, with a card printed on it: its outline a
/// thin grey line, its inside full of print.
fn photocopy_scene() -> (Plane, [Point; 4]) {
    let card = [
        [200.0, 150.0],
        [580.0, 150.0],
        [580.0, 390.0],
        [200.0, 390.0],
    ];
    let mut plane = scene(800, 600, card, 5);
    for y in 0..600 {
        for x in 0..800 {
            let (fx, fy) = (x as f32, y as f32);
            let on_sheet = (90.0..700.0).contains(&fx) && (60.0..560.0).contains(&fy);
            let in_card = (fx - 200.0) * (fx - 580.0) < 0.0 && (fy - 150.0) * (fy - 390.0) < 0.0;
            let on_outline = (((fx - 200.0).abs() < 1.0 || (fx - 580.0).abs() < 1.0)
                && (150.0..=390.0).contains(&fy))
                || (((fy - 150.0).abs() < 1.0 || (fy - 390.0).abs() < 1.0)
                    && (200.0..=580.0).contains(&fx));
            let value = if on_outline {
                0.55
            } else if in_card {
                // Keep the card's print, on the sheet's paper.
                plane.get(x, y).min(0.9)
            } else if on_sheet {
                0.9
            } else {
                0.15
            };
            plane.set(x, y, value);
        }
    }
    (plane.blur(0.7), card)
}

#[test]
fn on_a_photocopy_the_card_printed_on_the_sheet_is_the_document() {
    let (plane, card) = photocopy_scene();
    whole_document_found(plane, &card, 6.0);
}

/// A photographed screen: a display with a black bezel on a textured table; a light menu bar,
/// title bar and tool bar along the top of its glass and a status bar along the bottom, with
/// small text and icons; and in the window's dark grey viewer background between them, a card.
/// The bars, the window's frame and the bezel put the edge density of the ring between the
/// glass's outline and the card's over [`PLAIN_DENSITY`], but the background right round the
/// card is plain.
fn screen_scene() -> (Plane, [Point; 4]) {
    let card = [
        [272.0, 214.0],
        [572.0, 214.0],
        [572.0, 404.0],
        [272.0, 404.0],
    ];
    let mut plane = scene(800, 600, card, 9);
    for y in 0..600usize {
        for x in 0..800usize {
            let (fx, fy) = (x as f32, y as f32);
            let on_display = (96.0..724.0).contains(&fx) && (70.0..500.0).contains(&fy);
            let on_glass = (110.0..710.0).contains(&fx) && (84.0..486.0).contains(&fy);
            let in_card = contains(&card, [fx, fy]);
            let text = (x / 3) % 4 != 0 && (x / 40) % 3 != 2;
            if in_card || !on_display {
                continue;
            }
            let value = if !on_glass {
                0.05
            } else if fy < 100.0 {
                // Menu bar: a line of dark text on light grey.
                if (89..95).contains(&y) && text {
                    0.2
                } else {
                    0.85
                }
            } else if fy < 124.0 {
                // Title bar with the file's name in the middle and window buttons at the left.
                let name = (380..440).contains(&x) && (108..116).contains(&y) && text;
                let button = (118..150).contains(&x) && (108..116).contains(&y) && (x / 8) % 2 == 0;
                if name || button { 0.3 } else { 0.7 }
            } else if fy < 148.0 {
                // Tool bar: a row of icons.
                if (132..142).contains(&y) && (x / 10) % 3 == 0 {
                    0.3
                } else {
                    0.75
                }
            } else if fy > 464.0 {
                // Status bar: a line of text.
                if (470..478).contains(&y) && text {
                    0.3
                } else {
                    0.7
                }
            } else if (fx - 110.0).abs() < 2.0 || (fx - 708.0).abs() < 2.0 {
                // The window's frame.
                0.6
            } else {
                0.22
            };
            plane.set(x, y, value);
        }
    }
    (plane.blur(0.7), card)
}

#[test]
fn on_a_photographed_screen_the_card_in_the_viewer_is_the_document() {
    let (plane, card) = screen_scene();
    whole_document_found(plane, &card, 6.0);
}

/// A photocopy whose sheet runs out of the frame on three sides, its top edge a step against a
/// dark desk just above the printed card; the card's top outline is a broken toner line. The
/// sheet's top with the card's other three sides makes a quadrilateral with sides running on,
/// unbacked, past the card's top corners: not the document.
fn sheet_edge_scene() -> (Plane, [Point; 4]) {
    let card = [
        [200.0, 170.0],
        [580.0, 170.0],
        [580.0, 410.0],
        [200.0, 410.0],
    ];
    let mut plane = scene(800, 600, card, 7);
    for y in 0..600 {
        for x in 0..800 {
            let (fx, fy) = (x as f32, y as f32);
            let in_card = (fx - 200.0) * (fx - 580.0) < 0.0 && (fy - 170.0) * (fy - 410.0) < 0.0;
            let on_side = ((fx - 200.0).abs() < 1.0 || (fx - 580.0).abs() < 1.0)
                && (170.0..=410.0).contains(&fy);
            let on_bottom = (fy - 410.0).abs() < 1.0 && (200.0..=580.0).contains(&fx);
            let on_top = (fy - 170.0).abs() < 1.0
                && (200.0..=580.0).contains(&fx)
                && (fx / 20.0).fract() < 0.6;
            let value = if on_side || on_bottom || on_top {
                0.55
            } else if in_card {
                plane.get(x, y).min(0.9)
            } else if fy >= 110.0 {
                0.9
            } else {
                0.15
            };
            plane.set(x, y, value);
        }
    }
    (plane.blur(0.7), card)
}

#[test]
fn a_quadrilateral_mixing_a_sheet_edge_with_a_cards_sides_has_bare_corners() {
    let (plane, _) = sheet_edge_scene();
    let edges = EdgeMap::new(&plane.blur(1.0));
    let half_pi = std::f32::consts::FRAC_PI_2;
    let line = |theta: f32, rho: f32| Line {
        theta,
        rho,
        border: false,
    };
    // Card top, right, bottom, left; then the sheet's top edge.
    let lines = [
        line(half_pi, 170.0),
        line(0.0, 580.0),
        line(half_pi, 410.0),
        line(0.0, 200.0),
        line(half_pi, 110.0),
    ];
    let profiles: Vec<Profile> = lines.iter().map(|l| profile(l, &edges)).collect();
    let crossings = Crossings::of(&lines);
    let candidate = |sides: [usize; 4]| {
        let corners = crossings.quad(sides).expect("corners");
        judge(&lines, &profiles, sides, corners, 0).expect("acceptable")
    };
    let card = candidate([0, 1, 2, 3]);
    let mixed = candidate([4, 1, 2, 3]);
    assert_eq!(card.unbacked, 0);
    assert_eq!(mixed.unbacked, 2);
}

#[test]
fn a_sheet_edge_does_not_stand_in_for_a_printed_cards_side() {
    let (plane, card) = sheet_edge_scene();
    let located = locate(&plane).expect("found");
    assert!(close(&located.corners, &card, 6.0), "{:?}", located.corners);
    assert!(!located.is_cut_off(), "{located:?}");
}

#[test]
fn a_data_page_is_not_replaced_by_a_block_of_its_print() {
    // A passport data page (1.42) whose right half holds a dense text block that has a
    // document's proportions itself; the page edge is the document.
    let page = [
        [150.0, 120.0],
        [650.0, 120.0],
        [650.0, 472.0],
        [150.0, 472.0],
    ];
    let mut plane = scene(800, 600, page, 6);
    // A title line along the top and a machine-readable zone along the bottom.
    for y in (135..150).chain(440..460) {
        for x in 180..620 {
            if (x / 5) % 3 != 0 {
                plane.set(x, y, 0.2);
            }
        }
    }
    for y in 190..400 {
        for x in 330..630 {
            let border = !(333..=626).contains(&x) || !(193..=396).contains(&y);
            let text = (y / 6) % 2 == 0 && (x / 4) % 3 != 0;
            let value = if border || text { 0.2 } else { 0.85 };
            plane.set(x, y, value);
        }
    }
    let located = locate(&plane).expect("found");
    assert!(close(&located.corners, &page, 6.0), "{:?}", located.corners);
}

#[test]
fn a_light_card_on_a_light_surface_beside_dense_print_is_found() {
    // A card only 0.08 brighter than the surface, holding a barcode-like block whose strong
    // gradients dominate the picture.
    let card = [
        [120.0, 120.0],
        [660.0, 120.0],
        [660.0, 460.0],
        [120.0, 460.0],
    ];
    let mut plane = Plane::new(800, 600);
    for y in 0..600 {
        for x in 0..800 {
            let (fx, fy) = (x as f32, y as f32);
            let inside = contains(&card, [fx, fy]);
            let barcode = (170.0..610.0).contains(&fx) && (200.0..330.0).contains(&fy);
            let value = if barcode {
                if (x * 7 / 5 + y / 40) % 3 == 0 {
                    0.1
                } else {
                    0.9
                }
            } else if inside {
                0.88
            } else {
                0.80 + 0.004 * ((x * 31 + y * 17) % 7) as f32
            };
            plane.set(x, y, value);
        }
    }
    let plane = plane.blur(1.2);
    let located = locate(&plane).expect("found");
    assert!(close(&located.corners, &card, 6.0), "{:?}", located.corners);
}

#[test]
fn a_thin_dark_line_is_a_ridge_but_a_step_is_not() {
    // A vertical two-pixel line a quarter darker than the paper at x = 20, and a step from
    // paper to a dark surface at x = 45.
    let mut plane = Plane::new(64, 40);
    for y in 0..40 {
        for x in 0..64 {
            let value = if x == 20 || x == 21 {
                0.65
            } else if x >= 45 {
                0.3
            } else {
                0.9
            };
            plane.set(x, y, value);
        }
    }
    // A camera's blur spreads the step over a few pixels (the line too, but it stays a line).
    let ridge = ridges(&plane.blur(1.0).blur(1.0));
    let at = |x: usize| ridge[20 * 64 + x];
    // The line's centre, with a horizontal normal (0°).
    let centre = (19..23).find(|&x| at(x) != NO_EDGE).expect("line found");
    assert!(at(centre) <= 1 || at(centre) >= 179, "{}", at(centre));
    let count = |range: std::ops::Range<usize>| range.filter(|&x| at(x) != NO_EDGE).count();
    assert_eq!(count(16..25), 1, "one centre pixel across the line");
    // Nothing at the dark foot or the light shoulder of the step.
    assert_eq!(
        count(38..52),
        0,
        "{:?}",
        (38..52).map(at).collect::<Vec<_>>()
    );
}

/// A dim picture of an open booklet 400 × 564 on a dark surface: the data page (lower half)
/// printed, the facing page blank unless `both_printed`, the fold across the middle only a
/// soft shadow (its trough a quarter darker, a few pixels wide).
fn booklet_scene(both_printed: bool) -> (Plane, [Point; 4], [Point; 4]) {
    let booklet = [[200.0, 60.0], [600.0, 60.0], [600.0, 624.0], [200.0, 624.0]];
    let lower = [
        [200.0, 342.0],
        [600.0, 342.0],
        [600.0, 624.0],
        [200.0, 624.0],
    ];
    let upper = [[200.0, 60.0], [600.0, 60.0], [600.0, 342.0], [200.0, 342.0]];
    let mut plane = scene(800, 700, lower, 7);
    let facing = scene(800, 700, upper, 8);
    for y in 0..700 {
        for x in 0..800 {
            let p = [x as f32, y as f32];
            let mut value = plane.get(x, y);
            if contains(&upper, p) && !contains(&lower, p) {
                value = if both_printed { facing.get(x, y) } else { 0.85 };
            }
            if contains(&booklet, p) {
                let d = y as f32 - 342.0;
                value *= 1.0 - 0.25 * (-d * d / 18.0).exp();
            }
            plane.set(x, y, 0.3 * value);
        }
    }
    (plane.blur(0.8), booklet, lower)
}

#[test]
fn a_shaded_fold_is_a_trough_but_a_page_middle_is_not() {
    let (plane, _, _) = booklet_scene(false);
    assert!(trough_share([200.0, 342.0], [600.0, 342.0], &plane) > 0.9);
    assert!(trough_share([200.0, 200.0], [600.0, 200.0], &plane) < 0.1);
    assert!(trough_share([200.0, 480.0], [600.0, 480.0], &plane) < 0.3);
}

#[test]
fn an_open_booklet_is_split_at_its_fold_into_the_data_page() {
    let (plane, booklet, lower) = booklet_scene(false);
    let blurred = plane.blur(1.0);
    let edges = EdgeMap::new(&blurred);
    let page = page_at_fold(&booklet, &edges, &blurred).expect("split");
    assert!(close(&page, &lower, 6.0), "{page:?}");
    let located = locate(&plane).expect("found");
    assert!(
        close(&located.corners, &lower, 8.0),
        "{:?}",
        located.corners
    );
}

#[test]
fn a_booklet_printed_on_both_pages_is_not_split_by_print_alone() {
    // Without a blank facing page the fold's side cannot be told: the split needs both.
    let (plane, booklet, _) = booklet_scene(true);
    let blurred = plane.blur(1.0);
    let edges = EdgeMap::new(&blurred);
    assert!(page_at_fold(&booklet, &edges, &blurred).is_none());
}

/// Wood grain: long faint dark streaks, all of one direction, across the whole picture, and a
/// small light card lying with its short sides along the grain. The grain's lines are longer
/// than the card's short sides and outvote them; the card's strong border must still win.
#[test]
fn a_small_card_with_its_sides_along_wood_grain_is_found() {
    let (width, height) = (512usize, 680usize);
    // The card's long side rises 25° from the horizontal; its short sides lie along the grain.
    let angle = -25f32.to_radians();
    let (long, short) = (260.0f32, 164.0f32);
    let u = [angle.cos(), angle.sin()];
    let v = [-u[1], u[0]];
    let origin = [140.0f32, 330.0];
    let truth = [
        origin,
        [origin[0] + long * u[0], origin[1] + long * u[1]],
        [
            origin[0] + long * u[0] + short * v[0],
            origin[1] + long * u[1] + short * v[1],
        ],
        [origin[0] + short * v[0], origin[1] + short * v[1]],
    ];
    let mut plane = scene(width, height, truth, 11);
    for y in 0..height {
        for x in 0..width {
            let p = [x as f32, y as f32];
            if contains(&truth, p) {
                continue;
            }
            // Distance across the grain (along the card's long side).
            let across = p[0] * u[0] + p[1] * u[1];
            let streak = (across / 31.0).fract() < 0.2;
            let value = if streak { 0.22 } else { 0.34 };
            plane.set(x, y, value);
        }
    }
    let plane = plane.blur(0.8);
    let found = locate(&plane).expect("the card is found");
    assert!(close(&found.corners, &truth, 8.0), "{found:?}");
    assert!(!found.is_cut_off());
}

#[test]
fn an_underexposed_picture_is_brightened_and_a_well_exposed_one_is_not() {
    let truth = [
        [120.0, 100.0],
        [680.0, 100.0],
        [680.0, 453.0],
        [120.0, 453.0],
    ];
    let plane = scene(800, 600, truth, 3);
    assert!(brightened(&plane).is_none());
    let mut dark = plane.clone();
    for value in &mut dark.data {
        *value *= 0.25;
    }
    let bright = brightened(&dark).expect("brightened");
    // The paper (0.85 × 0.25) is brought up by the largest gain, the steps with it.
    let gain = bright.data[300 * 800 + 600] / dark.data[300 * 800 + 600];
    assert!((gain - MAX_GAIN).abs() < 0.01, "gain {gain}");
    let located = locate(&dark).expect("found");
    assert!(
        close(&located.corners, &truth, 4.0),
        "{:?}",
        located.corners
    );
}

/// A card's print (lines of dense strokes, a portrait's frame) on light paper, `inset` of its
/// size in from its edges (and ending at `print_to` of its width), with no outline of its
/// own; `surround` gives each other pixel.
fn print_scene(
    card: [Point; 2],
    inset: f32,
    print_to: f32,
    surround: impl Fn(f32, f32) -> f32,
) -> Plane {
    let mut plane = Plane::new(800, 600);
    let ([x0, y0], [x1, y1]) = (card[0], card[1]);
    for y in 0..600 {
        for x in 0..800 {
            let (fx, fy) = (x as f32, y as f32);
            let (u, v) = ((fx - x0) / (x1 - x0), (fy - y0) / (y1 - y0));
            let within = |t: f32| (inset..1.0 - inset).contains(&t);
            let in_card = (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v);
            let printed = within(u) && within(v) && u < print_to;
            let text = printed && u > 0.35 && (v * 12.0).fract() < 0.4;
            let portrait = printed && u < 0.3;
            let value = if in_card && (text || portrait) && (u * 120.0).fract() < 0.5 {
                0.2
            } else if in_card {
                0.9
            } else {
                surround(fx, fy)
            };
            plane.set(x, y, value);
        }
    }
    plane.blur(0.7)
}

#[test]
fn a_whole_card_copied_on_a_sheet_cut_by_the_frame_is_not_cut_off() {
    // The sheet runs out of the frame at the right and the bottom; the card's outline did not
    // print, so the outline found is the sheet's, cut off: the card's print, whole inside the
    // frame with plain paper round it, is the document.
    let (a, b) = ([300.0, 220.0], [620.0, 422.0]);
    let plane = print_scene([a, b], 0.04, 1.0, |x, y| {
        if x >= 150.0 && y >= 120.0 { 0.9 } else { 0.15 }
    });
    let located = locate(&plane).expect("found");
    assert!(!located.is_cut_off(), "{located:?}");
    let card = [a, [b[0], a[1]], b, [a[0], b[1]]];
    assert!(
        close(&located.corners, &card, 20.0),
        "{:?}",
        located.corners
    );
}

#[test]
fn print_close_to_every_real_side_is_the_outlines_own() {
    // A card running out of the frame at the right, where its cut-off part is blank: its
    // print ends well inside the frame, but runs close along each of its three real sides.
    let (a, b) = ([150.0, 150.0], [810.0, 566.0]);
    let plane = print_scene([a, b], 0.03, 0.86, |_, _| 0.3);
    let edges = EdgeMap::new(&plane.blur(1.0));
    let own = [a, [799.0, a[1]], [799.0, b[1]], [a[0], b[1]]];
    assert_eq!(
        print_block::whole_print_block(&own, [true, false, true, true], &edges),
        None
    );
}

#[test]
fn print_far_inside_a_surround_cut_by_the_frame_is_the_document() {
    let (a, b) = ([200.0, 150.0], [600.0, 402.0]);
    let plane = print_scene([a, b], 0.03, 1.0, |_, _| 0.9);
    let edges = EdgeMap::new(&plane.blur(1.0));
    let card = [a, [b[0], a[1]], b, [a[0], b[1]]];
    let surround = [[60.0, 40.0], [799.0, 40.0], [799.0, 599.0], [60.0, 599.0]];
    let document = print_block::whole_print_block(&surround, [true, false, false, true], &edges)
        .expect("a whole print block");
    assert!(close(&document, &card, 25.0), "{document:?}");
}

#[test]
fn print_running_to_the_frame_is_no_whole_document() {
    // The card's print stops 5 % of its length short of the frame: it may run on beyond.
    let (a, b) = ([300.0, 200.0], [830.0, 535.0]);
    let plane = print_scene([a, b], 0.0, 1.0, |_, _| 0.9);
    let edges = EdgeMap::new(&plane.blur(1.0));
    let surround = [[100.0, 80.0], [799.0, 80.0], [799.0, 599.0], [100.0, 599.0]];
    assert_eq!(
        print_block::whole_print_block(&surround, [true, false, false, true], &edges),
        None
    );
}

#[test]
fn a_data_page_cut_by_the_frame_beside_its_whole_blank_facing_page_is_cut_off() {
    // An open booklet in its dark cover, whose data page (the lower page) runs out of the
    // bottom of the frame: the blank facing page above it is a whole, document-shaped outline
    // inside the cover's cut-off outline, but the print running on past it to the frame makes
    // it a part of it, not a document of its own.
    let cover = [[186.0, 46.0], [614.0, 46.0], [614.0, 640.0], [186.0, 640.0]];
    let facing = [[200.0, 60.0], [600.0, 60.0], [600.0, 342.0], [200.0, 342.0]];
    let data_page = [
        [200.0, 342.0],
        [600.0, 342.0],
        [600.0, 624.0],
        [200.0, 624.0],
    ];
    let printed = scene(800, 700, data_page, 7);
    let mut plane = Plane::new(800, 560);
    for y in 0..560 {
        for x in 0..800 {
            let p = [x as f32, y as f32];
            let mut value = if contains(&facing, p) {
                0.85
            } else if contains(&cover, p) && !contains(&data_page, p) {
                0.1
            } else {
                printed.get(x, y)
            };
            // The fold's shadow between the pages.
            if (200.0..600.0).contains(&p[0]) {
                let d = p[1] - 342.0;
                value *= 1.0 - 0.4 * (-d * d / 18.0).exp();
            }
            plane.set(x, y, value);
        }
    }
    let located = locate(&plane.blur(0.8)).expect("found");
    assert!(located.is_cut_off(), "{located:?}");
}

#[test]
fn a_small_card_in_a_small_picture_is_found() {
    // A card 106 × 67 pixels in a 384 × 512 plane (a 768 × 1024 photo searched at half size):
    // its short sides gather fewer Hough votes than their length.
    let truth = [
        [120.0, 248.0],
        [224.0, 245.0],
        [226.0, 310.0],
        [122.0, 314.0],
    ];
    whole_document_found(scene(384, 512, truth, 9), &truth, 4.0);
}

/// A card shown small in a screenshot's viewer: 1 % of a 360 × 800 plane, on a plain dark
/// background, with the viewer's bars at the top and bottom. Or (`in_print`) the same
/// rectangle as a framed box in a page of text lines: a block of print, not a document.
fn small_card_in_viewer(in_print: bool) -> (Plane, [Point; 4]) {
    let card = [
        [140.0, 380.0],
        [220.0, 380.0],
        [220.0, 430.0],
        [140.0, 430.0],
    ];
    let mut plane = scene(360, 800, card, 4);
    for y in 0..800usize {
        for x in 0..360usize {
            let (fx, fy) = (x as f32, y as f32);
            let frame = (137.0..223.0).contains(&fx)
                && (377.0..433.0).contains(&fy)
                && !contains(&card, [fx, fy]);
            if contains(&card, [fx, fy]) {
                continue;
            }
            let value = if in_print {
                let text = y % 12 < 5 && (x / 3) % 4 != 0 && (20..340).contains(&x);
                if frame || text { 0.2 } else { 0.88 }
            } else {
                let bar = !(60..740).contains(&y);
                let text = bar && (y % 40) < 8 && (x / 3) % 4 != 0 && (20..340).contains(&x);
                match (bar, text) {
                    (_, true) => 0.3,
                    (true, false) => 0.8,
                    _ => 0.12,
                }
            };
            plane.set(x, y, value);
        }
    }
    (plane.blur(0.6), card)
}

#[test]
fn a_card_shown_small_on_a_plain_viewer_is_found() {
    let (plane, card) = small_card_in_viewer(false);
    whole_document_found(plane, &card, 4.0);
}

#[test]
fn a_small_box_of_print_in_a_page_of_text_is_no_document() {
    let (plane, card) = small_card_in_viewer(true);
    let found = locate(&plane);
    assert!(
        found
            .as_ref()
            .is_none_or(|found| !close(&found.corners, &card, 6.0)),
        "{found:?}"
    );
}

#[test]
fn a_bare_cut_off_outline_gives_way_to_the_printed_one_beside_it() {
    // A card running out of the frame at the left, and beside it an outline of the bare
    // table (lines of its surface, closed by the frame's right border) that scores higher:
    // the card's print makes it the document.
    let card = [[0.0, 100.0], [300.0, 100.0], [300.0, 290.0], [0.0, 290.0]];
    let table = [[350.0, 50.0], [799.0, 50.0], [799.0, 550.0], [350.0, 550.0]];
    let edges = EdgeMap::new(&scene(800, 600, card, 12).blur(1.0));
    let candidate = |sides: [usize; 4], corners: [Point; 4], score: f32| Candidate {
        sides,
        corners,
        score,
        support: 0.9,
        border_sides: 1,
        area: polygon_area(&corners),
        ratio: aspect_ratio(&corners),
        unbacked: 0,
    };
    let candidates = [
        candidate([0, 1, 2, 3], table, 1000.0),
        candidate([4, 5, 6, 7], card, 600.0),
    ];
    let chosen = choose(&candidates, &edges).expect("an outline");
    assert_eq!(chosen.corners, card);
    // A printed outline scoring under half the bare one does not displace it.
    let candidates = [
        candidate([0, 1, 2, 3], table, 1000.0),
        candidate([4, 5, 6, 7], card, 400.0),
    ];
    let chosen = choose(&candidates, &edges).expect("an outline");
    assert_eq!(chosen.corners, table);
}
