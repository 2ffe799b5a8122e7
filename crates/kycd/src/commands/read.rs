//! `kycd read`: read a document from photos of its front and back (MRZ, PDF417 barcode,
//! printed zone, portrait) and say what the reading shows.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyc_core::{Finding, Policy};
use kyc_reading::document::{Photo, Reader};
use kyc_reading::reading::{DocumentReading, findings};
use kyc_vision::intake::intake_luma;
use serde::Serialize;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 read (with or without findings), 1 an image was \
refused at intake (its FILE_* finding is in the output), 2 usage error, a file that cannot be \
read, or a damaged model.\n\nJSON: {document: {kind, issuing_country, mrz: {lines, format, \
checks_ok, valid, complete, fields, checks, confidence} | null, barcode: {...as kycd aamva...} | \
null, printed: {surname, given_names, birth_date, document_number, expiry_date} | null, \
portrait: {box, score} | null}, findings: [{code, evidence}]}.\n\nExample:\n  kycd read \
id-front.jpg --back id-back.jpg --json"
)]
pub struct Args {
    /// Photo of the document's front (a passport's data page).
    #[arg(value_name = "FRONT")]
    front: PathBuf,
    /// Photo of the back (ID cards and driving licences).
    #[arg(long, value_name = "BACK")]
    back: Option<PathBuf>,
    /// Print JSON (shape below).
    #[arg(long)]
    json: bool,
    /// The date expiry is judged against and two-digit years are read around (YYYY-MM-DD;
    /// default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    today: Option<time::Date>,
    /// A policy file (default: the built-in policy, see `kycd policy --print-default`).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(Serialize)]
struct Report<'a> {
    document: Option<&'a DocumentReading>,
    findings: &'a [Finding],
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let today = args.today.unwrap_or_else(super::today);
    let front = match accept(&args.front, &policy)? {
        Ok(image) => image,
        Err(refusal) => return refused(args.json, &args.front, refusal),
    };
    let back = match &args.back {
        Some(path) => match accept(path, &policy)? {
            Ok(image) => Some(image),
            Err(refusal) => return refused(args.json, path, refusal),
        },
        None => None,
    };
    let reader = Reader::load()?;
    let reading = reader.read_document(&front, back.as_ref(), today)?;
    let found = findings(&reading, &policy, today);
    let report = Report {
        document: Some(&reading),
        findings: &found,
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        print_text(&reading, &found);
    }
    Ok(ExitCode::SUCCESS)
}

/// The photo, decoded (luma only: reading needs no colour) and oriented, or the intake
/// finding that refuses it.
fn accept(
    path: &Path,
    policy: &Policy,
) -> Result<Result<Photo, Finding>, Box<dyn std::error::Error>> {
    let bytes = crate::input::read_file_capped(path, policy.upload.max_file_bytes)?;
    Ok(intake_luma(&bytes, &policy.upload).map(|accepted| Photo::from_grey(&accepted.image)))
}

fn refused(
    json: bool,
    path: &Path,
    finding: Finding,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let findings = [finding.with("file", path.display().to_string())];
    if json {
        super::print_json(&Report {
            document: None,
            findings: &findings,
        })?;
    } else {
        for finding in &findings {
            println!("refused: {} {}", finding.code, path.display());
        }
    }
    Ok(ExitCode::from(1))
}

fn print_text(reading: &DocumentReading, findings: &[Finding]) {
    let value = serde_json::to_value(reading).unwrap_or_default();
    println!(
        "kind: {}",
        value["kind"]
            .as_str()
            .unwrap_or("unknown")
            .replace('_', " ")
    );
    println!(
        "issuing country: {}",
        value["issuing_country"].as_str().unwrap_or("unknown")
    );
    match &reading.mrz {
        Some(mrz) => {
            println!(
                "mrz: {:?}, check digits {}{}",
                mrz.format,
                if mrz.checks_ok { "ok" } else { "FAIL" },
                if mrz.complete {
                    ""
                } else {
                    " (reading unsure)"
                }
            );
            for line in &mrz.lines {
                println!("  {line}");
            }
        }
        None => println!("mrz: none"),
    }
    match &reading.barcode {
        Some(barcode) => println!(
            "barcode: AAMVA version {}, {}",
            barcode.version,
            barcode
                .jurisdiction
                .as_deref()
                .unwrap_or("jurisdiction unknown")
        ),
        None => println!("barcode: none"),
    }
    if let Some(Some(printed)) = value.get("printed").map(|p| p.as_object()) {
        println!("printed:");
        for (key, field) in printed {
            if let Some(text) = field.get("value").and_then(|v| v.as_str()) {
                println!("  {key}: {text}");
            }
        }
    } else {
        println!("printed: none");
    }
    match &reading.portrait {
        Some(portrait) => println!(
            "portrait: found (score {:.2}) at {:?}",
            portrait.score,
            portrait.bounds.map(|v| v.round() as i64)
        ),
        None => println!("portrait: not found"),
    }
    if findings.is_empty() {
        println!("findings: none");
    }
    for finding in findings {
        let evidence = serde_json::to_string(&finding.evidence).unwrap_or_default();
        println!("finding: {} {evidence}", finding.code);
    }
}
