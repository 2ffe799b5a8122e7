//! `kycd aamva`: parse the text of an AAMVA DL/ID barcode (a decoded PDF417 payload).

use std::path::PathBuf;
use std::process::ExitCode;

use kyc_documents::aamva::parse_bytes;

use crate::input::read_text_or_file;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 parsed with family name, first name, birth date, \
expiry date and document number all present and valid; 1 parsed but some of them missing or \
invalid; 2 not an AAMVA payload, unreadable input or usage error."
)]
pub struct Args {
    /// The payload (`-` reads standard input). Payloads hold control characters, so a file or
    /// standard input is usually easier.
    #[arg(value_name = "TEXT", conflicts_with = "file")]
    text: Option<String>,
    /// Read the payload from a file (`-` for standard input).
    #[arg(long, short, value_name = "F")]
    file: Option<PathBuf>,
    /// Print the result as JSON: {version, jurisdiction, fields, elements, warnings, ...}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let bytes = read_text_or_file(args.text.as_deref(), args.file.as_deref())?;
    let report = match parse_bytes(&bytes) {
        Ok(report) => report,
        Err(err) => return Ok(super::unreadable(args.json, &err.to_string())),
    };
    let fields = &report.fields;
    let complete = fields.family_name.is_some()
        && fields.first_name.is_some()
        && fields.birth_date.is_some()
        && fields.expiry_date.is_some()
        && fields.document_number.is_some();
    let value = serde_json::to_value(&report)?;
    if args.json {
        super::print_json(&value)?;
    } else {
        print!(
            "{}",
            super::describe(&value, &["version", "jurisdiction", "iin"])
        );
    }
    Ok(if complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
