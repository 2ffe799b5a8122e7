//! `kycd eval locate`: how well the document is found on a labelled set — found rate, corner
//! error against the labelled corners, cut-off precision and recall, and the time it takes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use kyc_vision::assess::WorkingLuma;
use kyc_vision::assess::find_document;
use kyc_vision::intake;
use kyc_vision::locate::locate;
use serde::{Deserialize, Serialize};

#[derive(clap::Args)]
pub struct LocateArgs {
    /// Directory holding labels.json and the images it names.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Print the result as JSON (with every image's outcome).
    #[arg(long)]
    json: bool,
    /// Print the images whose corner error exceeds this fraction of the width, or whose
    /// found / cut-off verdict is wrong.
    #[arg(long, value_name = "E")]
    show_worse_than: Option<f64>,
    /// A policy file (default: the built-in policy); only its upload limits are used.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Deserialize)]
struct LabelEntry {
    file: String,
    #[serde(default)]
    defects: Vec<LabelDefect>,
    document_corners: Option<[[f32; 2]; 4]>,
    #[serde(default)]
    capture: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct LabelDefect {
    name: String,
}

/// What happened to one image.
#[derive(Serialize, Clone)]
struct Outcome {
    file: String,
    /// The groups the image counts in: `all`, `clean`, `booklet`, `card`, each defect name.
    groups: Vec<String>,
    expect_document: bool,
    expect_cut_off: bool,
    found: bool,
    cut_off: bool,
    /// Largest corner distance / document width, when both are known and the document is
    /// wholly in the frame.
    error: Option<f64>,
    millis: f64,
    /// Time of `locate` alone on the 800-pixel luma plane.
    locate_millis: f64,
    /// The corners found, in image pixels.
    corners: Option<[[f32; 2]; 4]>,
}

#[derive(Serialize, Default)]
struct GroupStats {
    images: usize,
    found_rate: Option<f64>,
    measured: usize,
    error_median: Option<f64>,
    error_p90: Option<f64>,
    within_3_percent: Option<f64>,
    cut_off_positives: usize,
    cut_off_true_positives: usize,
    cut_off_false_positives: usize,
    not_found_false_positives: usize,
}

#[derive(Serialize)]
struct Report {
    images: usize,
    refused_at_intake: usize,
    cut_off_precision: Option<f64>,
    cut_off_recall: Option<f64>,
    not_found_precision: Option<f64>,
    not_found_recall: Option<f64>,
    millis_median: Option<f64>,
    millis_max: Option<f64>,
    locate_millis_median: Option<f64>,
    locate_millis_p90: Option<f64>,
    locate_millis_max: Option<f64>,
    groups: BTreeMap<String, GroupStats>,
    outcomes: Vec<Outcome>,
}

pub fn run(args: LocateArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let entries: Vec<LabelEntry> = super::read_labels(&args.dir)?;
    let results: Vec<Result<Option<Outcome>, String>> =
        super::parallel_map(&entries, args.jobs, "locating", |entry| {
            one(&args.dir, entry, &policy)
        });

    let mut outcomes = Vec::new();
    let mut refused = 0;
    for result in results {
        match result? {
            Some(outcome) => outcomes.push(outcome),
            None => refused += 1,
        }
    }
    let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for outcome in &outcomes {
        for group in &outcome.groups {
            groups.entry(group.clone()).or_default().push(outcome);
        }
    }
    let stats: BTreeMap<String, GroupStats> = groups
        .iter()
        .map(|(name, members)| (name.clone(), group_stats(members)))
        .collect();
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
    let cut_tp = count(&|o| o.found && o.cut_off && o.expect_cut_off);
    let cut_pred = count(&|o| o.found && o.cut_off);
    let cut_pos = count(&|o| o.expect_cut_off);
    let nf_tp = count(&|o| !o.found && !o.expect_document);
    let nf_pred = count(&|o| !o.found);
    let nf_pos = count(&|o| !o.expect_document);
    let mut millis: Vec<f64> = outcomes.iter().map(|o| o.millis).collect();
    let mut locate_millis: Vec<f64> = outcomes.iter().map(|o| o.locate_millis).collect();
    let report = Report {
        images: entries.len(),
        refused_at_intake: refused,
        cut_off_precision: ratio(cut_tp, cut_pred),
        cut_off_recall: ratio(cut_tp, cut_pos),
        not_found_precision: ratio(nf_tp, nf_pred),
        not_found_recall: ratio(nf_tp, nf_pos),
        millis_median: quantile(&mut millis, 0.5),
        millis_max: quantile(&mut millis, 1.0),
        locate_millis_median: quantile(&mut locate_millis, 0.5),
        locate_millis_p90: quantile(&mut locate_millis, 0.9),
        locate_millis_max: quantile(&mut locate_millis, 1.0),
        groups: stats,
        outcomes,
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        print_report(&report, args.show_worse_than);
    }
    Ok(ExitCode::SUCCESS)
}

fn one(
    dir: &std::path::Path,
    entry: &LabelEntry,
    policy: &kyc_core::Policy,
) -> Result<Option<Outcome>, String> {
    let path = dir.join(&entry.file);
    let bytes = crate::input::read_file_capped(&path, policy.upload.max_file_bytes)
        .map_err(|err| err.to_string())?;
    let Ok(accepted) = intake(&bytes, &policy.upload) else {
        return Ok(None);
    };
    let started = Instant::now();
    let region = find_document(&accepted.image);
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    // The search alone, on the plane find_document searches.
    let (search, _) = WorkingLuma::of(&accepted.image).search_plane();
    let started = Instant::now();
    let _ = locate(&search);
    let locate_millis = started.elapsed().as_secs_f64() * 1000.0;
    let names: Vec<&str> = entry.defects.iter().map(|d| d.name.as_str()).collect();
    let expect_document = !names.contains(&"no_document");
    let expect_cut_off = names.contains(&"cut_off");
    let mut groups = vec!["all".to_string()];
    if names.is_empty() {
        groups.push("clean".to_string());
    }
    let booklet = entry
        .capture
        .get("booklet")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v == "yes");
    groups.push(if booklet { "booklet" } else { "card" }.to_string());
    for name in &names {
        groups.push(format!("defect:{name}"));
    }
    let error = match (&region.corners, &entry.document_corners) {
        (Some(found), Some(truth)) if region.found && expect_document && !expect_cut_off => {
            Some(corner_error(found, truth))
        }
        _ => None,
    };
    Ok(Some(Outcome {
        file: entry.file.clone(),
        groups,
        expect_document,
        expect_cut_off,
        found: region.found,
        cut_off: region.cut_off,
        error,
        millis,
        locate_millis,
        corners: region.corners,
    }))
}

/// The largest distance between matched corners over the document's width (the longer mean
/// side of the true quadrilateral), for the best cyclic matching in either direction.
fn corner_error(found: &[[f32; 2]; 4], truth: &[[f32; 2]; 4]) -> f64 {
    let distance = |a: [f32; 2], b: [f32; 2]| {
        f64::from(((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt())
    };
    let side = |k: usize| distance(truth[k], truth[(k + 1) % 4]);
    let width = ((side(0) + side(2)) / 2.0)
        .max((side(1) + side(3)) / 2.0)
        .max(1.0);
    let mut best = f64::INFINITY;
    for shift in 0..4 {
        for reverse in [false, true] {
            let worst = (0..4)
                .map(|k| {
                    let j = if reverse {
                        (shift + 4 - k) % 4
                    } else {
                        (shift + k) % 4
                    };
                    distance(found[j], truth[k])
                })
                .fold(0.0, f64::max);
            best = best.min(worst);
        }
    }
    best / width
}

fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let index = ((values.len() - 1) as f64 * q).round() as usize;
    values.get(index).copied()
}

fn group_stats(members: &[&Outcome]) -> GroupStats {
    let with_document: Vec<&&Outcome> = members.iter().filter(|o| o.expect_document).collect();
    let mut errors: Vec<f64> = members.iter().filter_map(|o| o.error).collect();
    // A missed document counts as an unbounded error among the measurable ones.
    let missed = members
        .iter()
        .filter(|o| o.expect_document && !o.expect_cut_off && !o.found)
        .count();
    errors.extend(std::iter::repeat_n(f64::INFINITY, missed));
    let measured = errors.len();
    let within = errors.iter().filter(|e| **e <= 0.03).count();
    GroupStats {
        images: members.len(),
        found_rate: (!with_document.is_empty()).then(|| {
            with_document.iter().filter(|o| o.found).count() as f64 / with_document.len() as f64
        }),
        measured,
        error_median: quantile(&mut errors, 0.5),
        error_p90: quantile(&mut errors, 0.9),
        within_3_percent: (measured > 0).then(|| within as f64 / measured as f64),
        cut_off_positives: members.iter().filter(|o| o.expect_cut_off).count(),
        cut_off_true_positives: members
            .iter()
            .filter(|o| o.expect_cut_off && o.found && o.cut_off)
            .count(),
        cut_off_false_positives: members
            .iter()
            .filter(|o| !o.expect_cut_off && o.found && o.cut_off)
            .count(),
        not_found_false_positives: members
            .iter()
            .filter(|o| o.expect_document && !o.found)
            .count(),
    }
}

fn print_report(report: &Report, show_worse_than: Option<f64>) {
    let show = |value: Option<f64>| match value {
        Some(v) if v.is_finite() => format!("{v:.3}"),
        Some(_) => "inf".to_string(),
        None => "-".to_string(),
    };
    println!(
        "{:<22} {:>6} {:>6} {:>8} {:>7} {:>7} {:>6} {:>7} {:>6} {:>6}",
        "group",
        "images",
        "found",
        "measured",
        "median",
        "p90",
        "<=3%",
        "cut TP",
        "cut FP",
        "NF FP"
    );
    for (name, g) in &report.groups {
        println!(
            "{:<22} {:>6} {:>6} {:>8} {:>7} {:>7} {:>6} {:>3}/{:<3} {:>6} {:>6}",
            name,
            g.images,
            show(g.found_rate),
            g.measured,
            show(g.error_median),
            show(g.error_p90),
            show(g.within_3_percent),
            g.cut_off_true_positives,
            g.cut_off_positives,
            g.cut_off_false_positives,
            g.not_found_false_positives
        );
    }
    println!(
        "images {}, refused {}; cut-off precision {} recall {}; not-found precision {} recall {}; \
         find_document ms median {} max {}; locate ms median {} p90 {} max {}",
        report.images,
        report.refused_at_intake,
        show(report.cut_off_precision),
        show(report.cut_off_recall),
        show(report.not_found_precision),
        show(report.not_found_recall),
        show(report.millis_median),
        show(report.millis_max),
        show(report.locate_millis_median),
        show(report.locate_millis_p90),
        show(report.locate_millis_max)
    );
    if let Some(limit) = show_worse_than {
        for o in &report.outcomes {
            let wrong_verdict =
                o.found != o.expect_document || (o.found && o.cut_off != o.expect_cut_off);
            if wrong_verdict || o.error.is_some_and(|e| e > limit) {
                println!(
                    "  {:<36} error {:>7} found {} cut {} (expected cut {}) {}",
                    o.file,
                    show(o.error),
                    o.found,
                    o.cut_off,
                    o.expect_cut_off,
                    o.groups[1..].join(",")
                );
            }
        }
    }
}
