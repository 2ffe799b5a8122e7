//! `kycd inspect`: the upload gate and image checks on photos, as an applicant's upload would
//! meet them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyc_core::{Finding, Policy};
use kyc_vision::{FileFacts, assess, intake};
use serde::Serialize;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 every image was assessed (with or without findings), 1 at \
least one was refused at intake (its FILE_* finding is in the output), 2 usage error or a file \
that cannot be read.\n\nWith --json, one image prints one object, several print a list."
)]
pub struct Args {
    /// Image files, or directories whose .jpg/.jpeg/.png files are inspected.
    #[arg(value_name = "IMAGE", required = true)]
    images: Vec<PathBuf>,
    /// Print JSON: {path, file: {format, bytes, width, height, exif}, metrics, document: {found,
    /// corners, ...}, findings: [{code, evidence}]}.
    #[arg(long)]
    json: bool,
    /// A policy file (default: the built-in policy, see `kycd policy --print-default`).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

/// The report of one image.
#[derive(Serialize)]
struct Report {
    path: String,
    file: Option<FileFacts>,
    metrics: Option<kyc_vision::Metrics>,
    document: Option<kyc_vision::DocumentRegion>,
    findings: Vec<Finding>,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let files = collect_images(&args.images)?;
    let progress = super::progress_bar(files.len(), "inspecting");
    let mut reports = Vec::with_capacity(files.len());
    let mut refused = false;
    for path in &files {
        let report = inspect_one(path, &policy)?;
        refused |= report.file.is_none();
        reports.push(report);
        progress.inc(1);
    }
    progress.finish_and_clear();
    if args.json {
        match reports.as_slice() {
            [one] => super::print_json(one)?,
            many => super::print_json(&many)?,
        }
    } else {
        for report in &reports {
            print_text(report);
        }
    }
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn inspect_one(path: &Path, policy: &Policy) -> Result<Report, Box<dyn std::error::Error>> {
    let bytes = crate::input::read_file_capped(path, policy.upload.max_file_bytes)?;
    let path_text = path.display().to_string();
    let accepted = match intake(&bytes, &policy.upload) {
        Ok(accepted) => accepted,
        Err(finding) => {
            return Ok(Report {
                path: path_text,
                file: None,
                metrics: None,
                document: None,
                findings: vec![finding],
            });
        }
    };
    let assessment = assess(&accepted, &policy.image);
    Ok(Report {
        path: path_text,
        file: Some(accepted.facts),
        metrics: Some(assessment.metrics),
        document: Some(assessment.document),
        findings: assessment.findings,
    })
}

fn print_text(report: &Report) {
    println!("{}", report.path);
    if let Some(file) = &report.file {
        println!(
            "  file: {} {}x{} {} bytes",
            file.format.as_str(),
            file.width,
            file.height,
            file.bytes
        );
    }
    if let Some(metrics) = &report.metrics {
        println!(
            "  metrics: sharpness {:.3}, glare {:.4}, brightness {:.3}, dark {:.3}, document width {} px",
            metrics.sharpness,
            metrics.glare_fraction,
            metrics.brightness,
            metrics.dark_fraction,
            metrics.document_width_px
        );
    }
    if let Some(document) = &report.document {
        match document.corners {
            Some(corners) => println!(
                "  document: found{}, corners {:?}",
                if document.cut_off { ", cut off" } else { "" },
                corners.map(|[x, y]| [x.round() as i64, y.round() as i64])
            ),
            None => println!("  document: not found"),
        }
    }
    if report.findings.is_empty() {
        println!("  findings: none");
    }
    for finding in &report.findings {
        let evidence = serde_json::to_string(&finding.evidence).unwrap_or_default();
        println!("  finding: {} {evidence}", finding.code);
    }
}

/// The image files named, with directories expanded (sorted, not recursive).
fn collect_images(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|err| format!("cannot read directory {}: {err}", path.display()))?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png")
                    })
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        return Err("no images to inspect".into());
    }
    Ok(files)
}
