//! Writes specimens to a folder for looking at:
//! `cargo run --release -p kyc-specimen --example look -- OUT_DIR SEED [DEFECTS] [KIND]`.
//! Also prints the time each one took.

use std::time::Instant;

use kyc_specimen::{Defect, Kind, SpecimenRequest, generate, render_flat};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .unwrap_or_else(|| "/tmp/specimen-look".to_string());
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let defects: Vec<Defect> = match args.next() {
        Some(list) if list != "clean" => {
            list.split(',').map(str::parse).collect::<Result<_, _>>()?
        }
        _ => Vec::new(),
    };
    let kinds: Vec<Kind> = match args.next() {
        Some(k) => vec![k.parse()?],
        None => Kind::ALL.to_vec(),
    };
    std::fs::create_dir_all(&out)?;
    let today = time::Date::from_calendar_date(2026, time::Month::November, 22)?;
    let tag = if defects.is_empty() {
        "clean".to_string()
    } else {
        defects
            .iter()
            .map(|d| d.name())
            .collect::<Vec<_>>()
            .join("+")
    };
    for kind in kinds {
        let mut request = SpecimenRequest::new(kind, seed, today);
        request.defects = defects.clone();
        if std::env::var_os("LOOK_FLAT").is_some() {
            let flat = render_flat(&request)?;
            for side in &flat.sides {
                side.image.save(format!(
                    "{out}/flat-{}-{}-{seed}.png",
                    kind.name(),
                    side.side.name()
                ))?;
            }
        }
        let started = Instant::now();
        let specimen = generate(&request)?;
        let ms = started.elapsed().as_millis();
        for image in &specimen.images {
            let path = format!(
                "{out}/{}-{tag}-{}-{seed}.{}",
                kind.name(),
                image.side.name(),
                image.format.extension()
            );
            std::fs::write(&path, &image.bytes)?;
            println!(
                "{path} {}x{} {ms} ms corners {:?}",
                image.width, image.height, image.document_corners
            );
        }
    }
    Ok(())
}
