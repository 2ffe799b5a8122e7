use kyc_reading::models::{Network, TEXT_DETECTION, TEXT_RECOGNITION};
fn main() {
    let net = Network::load(TEXT_RECOGNITION).unwrap();
    for w in [64usize, 128, 192, 256, 320, 448, 640, 960] {
        for b in [1usize, 4] {
            let data = vec![0.1f32; b * 3 * 48 * w];
            net.run(&[b, 3, 48, w], data.clone()).unwrap();
            let t = std::time::Instant::now();
            for _ in 0..5 {
                net.run(&[b, 3, 48, w], data.clone()).unwrap();
            }
            println!(
                "rec b{b} w{w}: {:.1} ms",
                t.elapsed().as_secs_f64() * 1000.0 / 5.0
            );
        }
    }
    let det = Network::load(TEXT_DETECTION).unwrap();
    for (w, h) in [
        (960usize, 640usize),
        (960, 544),
        (640, 480),
        (640, 384),
        (768, 448),
    ] {
        let data = vec![0.1f32; 3 * h * w];
        det.run(&[1, 3, h, w], data.clone()).unwrap();
        let t = std::time::Instant::now();
        for _ in 0..3 {
            det.run(&[1, 3, h, w], data.clone()).unwrap();
        }
        println!(
            "det {w}x{h}: {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0 / 3.0
        );
    }
}
