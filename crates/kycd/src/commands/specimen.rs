//! `kycd specimen`: write synthetic specimen documents (images + labels.json) for tests,
//! evaluations and benchmarks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kyc_specimen::{Defect, FrameSize, Kind, SpecimenRequest, random_defects};
use serde::Serialize;

#[derive(clap::Args)]
#[command(
    after_help = "Every image is clearly marked SPECIMEN. Files are written as \
DIR/<kind>-<n>-<side>.jpg (phone photos, with camera EXIF) or .png (screenshots), plus \
DIR/labels.json: one entry per image with the file, kind, side, seed, defects with their \
parameters, the document's corners in image pixels, the identity, the MRZ lines and the \
barcode payload. The same seed always gives the same bytes.\n\nDefects: blur, motion, glare, \
dark, shadow, low_resolution, cut_off, photocopy, screenshot, screen, damage.\n\nExit status: \
0 written, 2 usage error or unwritable output.\n\nExample:\n  kycd specimen --kind passport \
--count 20 --defects blur,glare --seed 7 --out /tmp/specimens"
)]
pub struct Args {
    /// Document kind: passport, id-card, driving-licence, or all (cycles through the three).
    #[arg(long, value_name = "KIND", default_value = "passport")]
    kind: String,
    /// How many specimens to make (each ID card or licence gives two images, front and back).
    #[arg(long, value_name = "N", default_value_t = 1)]
    count: u32,
    /// Comma-separated defects (`blur,glare`), `clean` for none, or `random` for a realistic
    /// mix drawn per specimen.
    #[arg(long, value_name = "LIST", default_value = "clean")]
    defects: String,
    /// Seed of the first specimen; specimen n uses seed + n - 1.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The date the documents are issued around (YYYY-MM-DD; default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    today: Option<time::Date>,
    /// Make every document expired.
    #[arg(long)]
    expired: bool,
    /// Make every holder a minor.
    #[arg(long)]
    minor: bool,
    /// Picture size WIDTHxHEIGHT (default: a common phone camera size drawn per specimen).
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    size: Option<(u32, u32)>,
}

/// What `--defects` asked for.
enum DefectChoice {
    Fixed(Vec<Defect>),
    Random,
}

fn parse_defects(text: &str) -> Result<DefectChoice, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("random") {
        return Ok(DefectChoice::Random);
    }
    if text.is_empty() || text.eq_ignore_ascii_case("clean") || text.eq_ignore_ascii_case("none") {
        return Ok(DefectChoice::Fixed(Vec::new()));
    }
    let mut defects = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        if part.trim().eq_ignore_ascii_case("clean") {
            return Err("`clean` cannot be combined with defects".to_string());
        }
        defects.push(part.parse::<Defect>().map_err(|err| err.to_string())?);
    }
    Ok(DefectChoice::Fixed(defects))
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let err = || format!("{text:?} is not a size like 1920x1080");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(err)?;
    let w: u32 = w.trim().parse().map_err(|_| err())?;
    let h: u32 = h.trim().parse().map_err(|_| err())?;
    if !(64..=10_000).contains(&w) || !(64..=10_000).contains(&h) {
        return Err(format!("{text:?}: each side must be 64 to 10000 pixels"));
    }
    Ok((w, h))
}

/// One entry of labels.json.
#[derive(Serialize)]
struct Label {
    file: String,
    kind: Kind,
    side: kyc_specimen::Side,
    seed: u64,
    format: kyc_specimen::ImageFormat,
    width: u32,
    height: u32,
    defects: Vec<kyc_specimen::AppliedDefect>,
    document_corners: [[f32; 2]; 4],
    identity: kyc_specimen::Identity,
    mrz_lines: Vec<String>,
    barcode_payload: Option<String>,
    camera: Option<kyc_specimen::CameraInfo>,
    capture: std::collections::BTreeMap<&'static str, kyc_specimen::Param>,
    expired: bool,
    minor: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let kinds: Vec<Kind> = if args.kind.trim().eq_ignore_ascii_case("all") {
        Kind::ALL.to_vec()
    } else {
        vec![args.kind.parse::<Kind>()?]
    };
    let choice = parse_defects(&args.defects)?;
    if args.count == 0 {
        return Err("--count must be at least 1".into());
    }
    let today = args.today.unwrap_or_else(super::today);
    std::fs::create_dir_all(&args.out)
        .map_err(|err| format!("cannot create {}: {err}", args.out.display()))?;
    let started = Instant::now();
    let bar = super::progress_bar(args.count as usize, "specimens");
    let mut labels = Vec::new();
    let mut images = 0usize;
    for n in 1..=args.count {
        let kind = kinds[(n as usize - 1) % kinds.len()];
        let seed = args.seed.wrapping_add(u64::from(n) - 1);
        let defects = match &choice {
            DefectChoice::Fixed(list) => list.clone(),
            DefectChoice::Random => random_defects(seed),
        };
        let mut request = SpecimenRequest::new(kind, seed, today);
        request.defects = defects;
        request.expired = args.expired;
        request.minor = args.minor;
        if let Some((width, height)) = args.size {
            request.frame = FrameSize::Fixed { width, height };
        }
        let specimen = kyc_specimen::generate(&request)?;
        for image in specimen.images {
            let file = format!(
                "{}-{n}-{}.{}",
                kind.name(),
                image.side.name(),
                image.format.extension()
            );
            write_file(&args.out.join(&file), &image.bytes)?;
            labels.push(Label {
                file,
                kind,
                side: image.side,
                seed,
                format: image.format,
                width: image.width,
                height: image.height,
                defects: image.defects,
                document_corners: image
                    .document_corners
                    .map(|p| p.map(|v| (v * 100.0).round() / 100.0)),
                identity: specimen.truth.identity.clone(),
                mrz_lines: specimen.truth.mrz_lines.clone(),
                barcode_payload: specimen.truth.barcode_payload.clone(),
                camera: image.camera,
                capture: image.capture,
                expired: args.expired,
                minor: args.minor,
            });
            images += 1;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let text = serde_json::to_string_pretty(&labels)?;
    write_file(&args.out.join("labels.json"), text.as_bytes())?;
    println!(
        "wrote {images} images of {} specimens and labels.json to {} in {:.1} s",
        args.count,
        args.out.display(),
        started.elapsed().as_secs_f32()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_defect_lists_and_sizes() {
        assert!(matches!(parse_defects("clean"), Ok(DefectChoice::Fixed(v)) if v.is_empty()));
        assert!(matches!(parse_defects("random"), Ok(DefectChoice::Random)));
        assert!(
            matches!(parse_defects("blur, glare"), Ok(DefectChoice::Fixed(v)) if v == [Defect::Blur, Defect::Glare])
        );
        assert!(parse_defects("blur,clean").is_err());
        assert!(parse_defects("fuzzy").is_err());
        assert_eq!(parse_size("640x480"), Ok((640, 480)));
        assert!(parse_size("640").is_err());
        assert!(parse_size("10x10").is_err());
    }

    #[test]
    fn writes_images_and_labels() {
        let out = std::env::temp_dir().join(format!("kycd-specimen-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let args = Args {
            kind: "id-card".into(),
            count: 1,
            defects: "glare".into(),
            seed: 5,
            out: out.clone(),
            today: super::super::parse_date("2026-11-22").ok(),
            expired: true,
            minor: false,
            size: Some((320, 240)),
        };
        assert_eq!(run(args).ok(), Some(ExitCode::SUCCESS));
        let labels: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join("labels.json")).expect("labels written"),
        )
        .expect("labels are JSON");
        let entries = labels.as_array().expect("a list");
        assert_eq!(entries.len(), 2);
        for entry in entries {
            let file = entry["file"].as_str().expect("a file name");
            assert!(out.join(file).exists(), "{file}");
            assert_eq!(entry["kind"], "id-card");
            let names: Vec<&str> = entry["defects"]
                .as_array()
                .expect("defects")
                .iter()
                .filter_map(|d| d["name"].as_str())
                .collect();
            // A 320 × 240 frame leaves the document well under 600 px: low resolution too.
            assert!(names.contains(&"glare"), "{names:?}");
            assert!(names.contains(&"low_resolution"), "{names:?}");
            assert_eq!(entry["mrz_lines"].as_array().map(Vec::len), Some(3));
            assert!(entry["identity"]["expiry_date"].as_str() < Some("2026-11-22"));
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}
