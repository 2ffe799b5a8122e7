//! One module per subcommand, plus the little they share: JSON and text output, dates.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::Value;

pub mod aamva;
pub mod bench_service;
pub mod eval;
pub mod eval_locate;
pub mod eval_reading;
pub mod inspect;
pub mod mrz;
pub mod policy;
pub mod read;
pub mod reasons;
pub mod service;
pub mod specimen;

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), serde_json::Error> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}

/// Reports input that could not be read at all: `{"error": ...}` on standard output with
/// `--json` (so programs always get JSON), the message on standard error otherwise; exit 2.
pub fn unreadable(json: bool, message: &str) -> ExitCode {
    if json {
        let _ = print_json(&serde_json::json!({ "error": message }));
    } else {
        eprintln!("kycd: {message}");
    }
    ExitCode::from(2)
}

/// The policy from `path`, or the built-in default.
pub fn load_policy(
    path: Option<&std::path::Path>,
) -> Result<kyc_core::Policy, Box<dyn std::error::Error>> {
    let Some(path) = path else {
        return Ok(kyc_core::Policy::default());
    };
    let bytes = crate::input::read_bytes(path)?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
    kyc_core::Policy::from_toml(&text).map_err(|err| format!("{}: {err}", path.display()).into())
}

/// A progress bar on standard error for `total` items, hidden for a single item or when
/// standard error is not a terminal.
pub fn progress_bar(total: usize, message: &'static str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if total < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} {eta}") {
        bar.set_style(style);
    }
    bar.set_message(message);
    bar
}

/// Reads `DIR/labels.json` (as `kycd specimen` writes it) as a non-empty list.
pub fn read_labels<T: serde::de::DeserializeOwned>(
    dir: &std::path::Path,
) -> Result<Vec<T>, Box<dyn std::error::Error>> {
    let path = dir.join("labels.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let entries: Vec<T> = serde_json::from_str(&text)
        .map_err(|err| format!("{} is not a list of labels: {err}", path.display()))?;
    if entries.is_empty() {
        return Err(format!("{} lists no images", path.display()).into());
    }
    Ok(entries)
}

/// Runs `work` on every item on `jobs` threads (default: one per core), with a progress bar;
/// the results come back in the items' order.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    jobs: Option<usize>,
    message: &'static str,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let progress = progress_bar(items.len(), message);
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            break;
                        };
                        out.push((index, work(item)));
                        progress.inc(1);
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    progress.finish_and_clear();
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Today's date (UTC), read once here so that the libraries never read a clock.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_date(text: &str) -> Result<time::Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).map_err(|_| format!("{text:?} is not a date like 2026-01-31"))
}

/// A plain-text rendering of a parser report for people: the `head` keys first, then the
/// fields, then the remaining lists (checks, corrections, warnings).
pub fn describe(report: &Value, head: &[&str]) -> String {
    let mut out = String::new();
    for key in head {
        if let Some(value) = report.get(*key) {
            let _ = writeln!(out, "{key}: {}", scalar(value));
        }
    }
    if let Some(Value::Object(fields)) = report.get("fields") {
        out.push_str("fields:\n");
        for (name, value) in fields {
            if !value.is_null() {
                let _ = writeln!(out, "  {name}: {}", scalar(value));
            }
        }
    }
    for list in ["checks", "corrections", "warnings"] {
        let Some(Value::Array(items)) = report.get(list) else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{list}:");
        for item in items {
            let _ = writeln!(out, "  - {}", one_line(item));
        }
    }
    out
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    }
}

fn one_line(value: &Value) -> String {
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}={}", scalar(v)))
            .collect::<Vec<_>>()
            .join(" "),
        other => scalar(other),
    }
}
