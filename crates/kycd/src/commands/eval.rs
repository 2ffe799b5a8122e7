//! `kycd eval`: labelled evaluations of the detectors, printing precision and recall.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyc_core::{Policy, ReasonCode};
use kyc_vision::{assess, intake};
use serde::{Deserialize, Serialize};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Run the image checks on a labelled set (a directory with images and labels.json, as
    /// written by `kycd specimen`) and print per reason precision, recall, F1 and the
    /// false-alarm rate on clean photos.
    #[command(
        after_help = "Exit status: 0 when every floor given holds, 1 when one does not, \
2 on usage error or unreadable labels."
    )]
    ImageChecks(ImageChecksArgs),
    /// Find the document in every image of a labelled set and print the found rate, the
    /// corner error (largest corner distance / document width: median, 90th percentile, share
    /// within 3 %), cut-off precision and recall, per group (clean, booklet, card, defect).
    Locate(super::eval_locate::LocateArgs),
    /// Read every document of a labelled set (front and back paired by seed) and print the MRZ
    /// found and fully-correct rates, wrong-but-valid MRZ readings, MRZ field accuracy, barcode
    /// decode rate, printed-zone field accuracy, portrait found rate and kind accuracy, for
    /// clean and degraded documents and per kind.
    Reading(super::eval_reading::ReadingArgs),
}

#[derive(clap::Args)]
struct ImageChecksArgs {
    /// Directory holding labels.json and the images it names.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// A policy file (default: the built-in policy).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Fail (exit 1) when a reason with positives has a precision below this.
    #[arg(long, value_name = "P")]
    min_precision: Option<f64>,
    /// Fail (exit 1) when a reason with positives has a recall below this.
    #[arg(long, value_name = "R")]
    min_recall: Option<f64>,
    /// Fail (exit 1) when more than this fraction of clean photos get any finding.
    #[arg(long, value_name = "F")]
    max_false_alarms: Option<f64>,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
}

/// The part of a `labels.json` entry the evaluation reads.
#[derive(Deserialize)]
struct LabelEntry {
    file: String,
    #[serde(default)]
    defects: Vec<LabelDefect>,
}

#[derive(Deserialize)]
struct LabelDefect {
    name: String,
}

/// The reasons the image checks can raise, and so the ones scored.
const SCORED: [ReasonCode; 9] = [
    ReasonCode::ImageBlurry,
    ReasonCode::ImageGlare,
    ReasonCode::ImageTooDark,
    ReasonCode::ImageLowResolution,
    ReasonCode::DocumentCutOff,
    ReasonCode::DocumentNotFound,
    ReasonCode::Screenshot,
    ReasonCode::Photocopy,
    ReasonCode::ScreenRecapture,
];

/// What the checks made of one image: the reasons found, `None` when intake refused it, or
/// why the image could not be read.
type ImageResult = Result<Option<BTreeSet<ReasonCode>>, String>;

/// The reason a labelled defect should raise (`None`: not one the image checks judge).
fn expected_reason(defect: &str) -> Option<ReasonCode> {
    Some(match defect {
        "blur" | "motion" => ReasonCode::ImageBlurry,
        "glare" => ReasonCode::ImageGlare,
        "dark" | "shadow" => ReasonCode::ImageTooDark,
        "low_resolution" => ReasonCode::ImageLowResolution,
        "cut_off" => ReasonCode::DocumentCutOff,
        "no_document" => ReasonCode::DocumentNotFound,
        "screenshot" => ReasonCode::Screenshot,
        "photocopy" => ReasonCode::Photocopy,
        "screen" => ReasonCode::ScreenRecapture,
        _ => return None,
    })
}

#[derive(Default, Serialize, Clone)]
struct Counts {
    positives: usize,
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

#[derive(Serialize)]
struct Summary {
    images: usize,
    refused_at_intake: usize,
    clean_images: usize,
    clean_with_findings: usize,
    false_alarm_rate: Option<f64>,
    reasons: BTreeMap<ReasonCode, Counts>,
    /// Clean or labelled images with a wrong or missing finding, for a look.
    mistakes: Vec<Mistake>,
}

#[derive(Serialize)]
struct Mistake {
    file: String,
    expected: Vec<ReasonCode>,
    found: Vec<ReasonCode>,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match args.what {
        What::ImageChecks(args) => image_checks(args),
        What::Locate(args) => super::eval_locate::run(args),
        What::Reading(args) => super::eval_reading::run(args),
    }
}

fn image_checks(args: ImageChecksArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let entries: Vec<LabelEntry> = super::read_labels(&args.dir)?;
    let found_by_index: Vec<ImageResult> =
        super::parallel_map(&entries, args.jobs, "evaluating", |entry| {
            found_reasons(&args.dir.join(&entry.file), &policy)
        });
    let mut summary = Summary {
        images: entries.len(),
        refused_at_intake: 0,
        clean_images: 0,
        clean_with_findings: 0,
        false_alarm_rate: None,
        reasons: SCORED
            .iter()
            .map(|code| (*code, Counts::default()))
            .collect(),
        mistakes: Vec::new(),
    };
    for (entry, found) in entries.iter().zip(found_by_index) {
        let Some(found) = found? else {
            summary.refused_at_intake += 1;
            continue;
        };
        let expected: BTreeSet<ReasonCode> = entry
            .defects
            .iter()
            .filter_map(|defect| expected_reason(&defect.name))
            .collect();
        let found: BTreeSet<ReasonCode> = found
            .into_iter()
            .filter(|code| SCORED.contains(code))
            .collect();
        if entry.defects.is_empty() {
            summary.clean_images += 1;
            if !found.is_empty() {
                summary.clean_with_findings += 1;
            }
        }
        for code in SCORED {
            let counts = summary.reasons.entry(code).or_default();
            match (expected.contains(&code), found.contains(&code)) {
                (true, true) => {
                    counts.positives += 1;
                    counts.true_positives += 1;
                }
                (true, false) => {
                    counts.positives += 1;
                    counts.false_negatives += 1;
                }
                (false, true) => counts.false_positives += 1,
                (false, false) => {}
            }
        }
        if expected != found && summary.mistakes.len() < 200 {
            summary.mistakes.push(Mistake {
                file: entry.file.clone(),
                expected: expected.into_iter().collect(),
                found: found.into_iter().collect(),
            });
        }
    }
    for counts in summary.reasons.values_mut() {
        let tp = counts.true_positives as f64;
        let predicted = (counts.true_positives + counts.false_positives) as f64;
        counts.precision = (predicted > 0.0).then(|| tp / predicted);
        counts.recall = (counts.positives > 0).then(|| tp / counts.positives as f64);
        counts.f1 = match (counts.precision, counts.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
    }
    summary.false_alarm_rate = (summary.clean_images > 0)
        .then(|| summary.clean_with_findings as f64 / summary.clean_images as f64);

    if args.json {
        super::print_json(&summary)?;
    } else {
        print_table(&summary);
    }
    let mut failures = Vec::new();
    for (code, counts) in &summary.reasons {
        if counts.positives == 0 {
            continue;
        }
        let precision = counts.precision.unwrap_or(0.0);
        if let Some(floor) = args.min_precision.filter(|floor| precision < *floor) {
            failures.push(format!("{code}: precision {precision:.3} < {floor}"));
        }
        if let (Some(floor), Some(recall)) = (args.min_recall, counts.recall)
            && recall < floor
        {
            failures.push(format!("{code}: recall {recall:.3} < {floor}"));
        }
    }
    if let (Some(ceiling), Some(rate)) = (args.max_false_alarms, summary.false_alarm_rate)
        && rate > ceiling
    {
        failures.push(format!(
            "false alarms on clean photos {rate:.3} > {ceiling}"
        ));
    }
    Ok(floors_verdict(&failures))
}

/// Prints each floor an evaluation missed; exit status 0 when none, 1 otherwise.
pub fn floors_verdict(failures: &[String]) -> ExitCode {
    for failure in failures {
        eprintln!("floor not met: {failure}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The reasons the checks find in one image; `None` when intake refused it.
fn found_reasons(path: &Path, policy: &Policy) -> ImageResult {
    let bytes = crate::input::read_file_capped(path, policy.upload.max_file_bytes)
        .map_err(|err| err.to_string())?;
    let Ok(accepted) = intake(&bytes, &policy.upload) else {
        return Ok(None);
    };
    let assessment = assess(&accepted, &policy.image);
    Ok(Some(assessment.findings.iter().map(|f| f.code).collect()))
}

fn print_table(summary: &Summary) {
    let show = |value: Option<f64>| value.map_or("-".to_string(), |v| format!("{v:.3}"));
    println!(
        "{:<22} {:>9} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "reason", "positives", "TP", "FP", "FN", "precision", "recall", "F1"
    );
    for (code, counts) in &summary.reasons {
        println!(
            "{:<22} {:>9} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
            code.as_str(),
            counts.positives,
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives,
            show(counts.precision),
            show(counts.recall),
            show(counts.f1)
        );
    }
    println!(
        "images {}, refused at intake {}, clean {}, clean with a finding {} (false-alarm rate {})",
        summary.images,
        summary.refused_at_intake,
        summary.clean_images,
        summary.clean_with_findings,
        show(summary.false_alarm_rate)
    );
}
