//! `kycd reasons`: the reason catalogue.

use std::process::ExitCode;

use kyc_core::{Lang, catalogue, catalogue::markdown};

#[derive(clap::Args)]
pub struct Args {
    /// Show texts in this language only (en, zh-CN, es, ru, vi, tr, pt, ko, ja, fr).
    #[arg(long, value_name = "L")]
    lang: Option<Lang>,
    /// Print a JSON list of {code, group, outcome, retry, explain_to_applicant, reviewer_note,
    /// messages: {LANG: {message, remedy}}} (every language unless --lang is given).
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print the catalogue as the Markdown of docs/reasons.md.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.markdown {
        print!("{}", markdown());
        return Ok(ExitCode::SUCCESS);
    }
    if args.json {
        let langs: Vec<Lang> = match args.lang {
            Some(lang) => vec![lang],
            None => Lang::ALL.to_vec(),
        };
        let docs: Vec<_> = catalogue().iter().map(|row| row.doc(&langs)).collect();
        super::print_json(&docs)?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = args.lang.unwrap_or(Lang::En);
    for row in catalogue() {
        let text = row.texts.get(lang);
        println!(
            "{:<30} {:<17} {:<8} retry={:<3} explained={}",
            row.code.as_str(),
            row.group.as_str(),
            row.outcome.as_str(),
            if row.retry { "yes" } else { "no" },
            if row.explain_to_applicant {
                "yes"
            } else {
                "no"
            },
        );
        println!("    {}", text.message);
        println!("    → {}", text.remedy);
    }
    Ok(ExitCode::SUCCESS)
}
