use kyc_reading::document::Reader;
fn main() {
    let today = time::macros::date!(2026 - 11 - 22);
    let reader = Reader::load().unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for _ in 0..rounds {
        for f in &args {
            let t = std::time::Instant::now();
            let bytes = std::fs::read(f).unwrap();
            let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
            let d = t.elapsed().as_secs_f64() * 1000.0;
            let back = f.replace("-front", "-back");
            let back = (back != *f && std::path::Path::new(&back).exists())
                .then(|| image::open(&back).unwrap().to_rgb8());
            let t2 = std::time::Instant::now();
            let r = reader.read_document(&img, back.as_ref(), today).unwrap();
            let d2 = t2.elapsed().as_secs_f64() * 1000.0;
            eprintln!(
                "FILE {f} decode {d:.1} read {d2:.1} mrz {} printed {:?}",
                r.mrz.is_some(),
                r.printed.as_ref().map(|p| (
                    p.surname.as_ref().map(|s| s.value.clone()),
                    p.document_number.as_ref().map(|s| s.value.clone()),
                    p.birth_date.as_ref().map(|d| d.value),
                    p.expiry_date.as_ref().map(|d| d.value)
                ))
            );
        }
    }
}
