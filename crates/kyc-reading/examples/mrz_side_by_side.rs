//! kycd's side of the PassportEye comparison (`scripts/passporteye-compare.py`, docs/benchmarks.md):
//! the MRZ alone read from each photo of a labelled specimen set that carries one (passport data
//! pages, ID-card backs), timed from the file's bytes (intake, luma decode, reading) on one core
//! after two untimed readings, as a running service's reader is warm.
//!
//! `cargo run --release -p kyc-reading --example mrz_side_by_side -- DIR`

use std::time::Instant;

use kyc_core::policy::Policy;
use kyc_documents::mrz::ParseOptions;
use kyc_reading::document::{Photo, Reader};
use kyc_vision::intake::intake_luma;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: mrz_side_by_side DIR")?;
    let labels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/labels.json"))?)?;
    let photos: Vec<(String, Vec<String>)> = labels
        .as_array()
        .ok_or("labels.json is not a list")?
        .iter()
        .filter(|e| e["kind"] == "passport" || e["side"] == "back")
        .filter_map(|e| {
            let lines: Vec<String> = e["mrz_lines"]
                .as_array()?
                .iter()
                .filter_map(|l| Some(l.as_str()?.to_string()))
                .collect();
            (!lines.is_empty()).then(|| Some((e["file"].as_str()?.to_string(), lines)))?
        })
        .collect();
    if photos.is_empty() {
        return Err("no photo with an MRZ in the set".into());
    }
    let reader = Reader::load()?;
    let rules = Policy::default().upload;
    let options = ParseOptions {
        today: time::OffsetDateTime::now_utc().date(),
    };
    let read = |file: &str| -> Result<Option<Vec<String>>, Box<dyn std::error::Error>> {
        let bytes = std::fs::read(format!("{dir}/{file}"))?;
        let accepted = intake_luma(&bytes, &rules).map_err(|f| format!("{file}: {}", f.code))?;
        let found = reader.read_mrz(&Photo::from_grey(&accepted.image), &options)?;
        Ok(found.map(|f| f.lines.into_iter().map(|l| l.text).collect()))
    };
    for (file, _) in photos.iter().take(2) {
        read(file)?;
    }
    let mut seconds = Vec::new();
    let mut exact = 0;
    for (file, truth) in &photos {
        let started = Instant::now();
        let lines = read(file)?;
        seconds.push(started.elapsed().as_secs_f64());
        exact += usize::from(lines.as_ref() == Some(truth));
    }
    seconds.sort_by(f64::total_cmp);
    println!(
        "photos {}, read exactly {exact}, median {:.3} s, mean {:.3} s",
        photos.len(),
        seconds[seconds.len() / 2],
        seconds.iter().sum::<f64>() / seconds.len() as f64
    );
    Ok(())
}
