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

#[test]
fn finds_an_upright_card() {
    let truth = [
        [120.0, 100.0],
        [680.0, 100.0],
        [680.0, 453.0],
        [120.0, 453.0],
    ];
    let plane = scene(800, 600, truth, 1);
    let located = locate(&plane).expect("found");
    assert!(
        close(&located.corners, &truth, 4.0),
        "{:?}",
        located.corners
    );
    assert!(!located.is_cut_off());
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
    let plane = scene(800, 600, truth, 2);
    let located = locate(&plane).expect("found");
    assert!(
        close(&located.corners, &truth, 6.0),
        "{:?}",
        located.corners
    );
    assert!(!located.is_cut_off());
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
