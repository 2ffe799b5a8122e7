//! `kycd mrz`: parse and check an ICAO 9303 machine-readable zone.

use std::path::PathBuf;
use std::process::ExitCode;

use kyc_documents::mrz::{ParseOptions, parse, parse_lenient};

use crate::input::read_text_or_file;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 valid MRZ (every check digit verifies and every field \
parses), 1 parsed but invalid, 2 unreadable input or usage error.\n\nExample:\n  kycd mrz \
'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10'"
)]
pub struct Args {
    /// The MRZ text, lines separated by newlines (`-` reads standard input).
    #[arg(value_name = "TEXT", conflicts_with = "file")]
    text: Option<String>,
    /// Read the MRZ from a file (`-` for standard input).
    #[arg(long, short, value_name = "F")]
    file: Option<PathBuf>,
    /// Print the result as JSON: {format, checks_ok, valid, fields, checks, corrections, warnings, ...}.
    #[arg(long)]
    json: bool,
    /// Take the text exactly as written: no OCR normalisation or corrections.
    #[arg(long)]
    strict: bool,
    /// The date to interpret two-digit years against (YYYY-MM-DD; default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    today: Option<time::Date>,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let bytes = read_text_or_file(args.text.as_deref(), args.file.as_deref())?;
    let text = String::from_utf8(bytes).map_err(|_| "the MRZ input is not UTF-8 text")?;
    let options = ParseOptions {
        today: args.today.unwrap_or_else(super::today),
    };
    let result = if args.strict {
        parse(&text, &options)
    } else {
        parse_lenient(&text, &options)
    };
    let report = match result {
        Ok(report) => report,
        Err(err) => return Ok(super::unreadable(args.json, &err.to_string())),
    };
    let value = serde_json::to_value(&report)?;
    if args.json {
        super::print_json(&value)?;
    } else {
        print!(
            "{}",
            super::describe(&value, &["format", "valid", "checks_ok"])
        );
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
