//! `kycd policy`: print the default policy, or check a policy file.

use std::path::PathBuf;
use std::process::ExitCode;

use kyc_core::{DEFAULT_POLICY_TOML, Policy};

#[derive(clap::Args)]
#[command(arg_required_else_help = true)]
pub struct Args {
    /// Print the default policy, with a comment on every key.
    #[arg(long, conflicts_with = "check")]
    print_default: bool,
    /// Check a policy file: exit 0 when it is valid, 1 with the reason when it is not.
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.print_default {
        print!("{DEFAULT_POLICY_TOML}");
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = args.check {
        let bytes = crate::input::read_bytes(&path)?;
        let text = String::from_utf8(bytes).map_err(|_| "the policy file is not UTF-8 text")?;
        return Ok(match Policy::from_toml(&text) {
            Ok(_) => {
                println!("{}: valid policy", path.display());
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{}: {err}", path.display());
                ExitCode::from(1)
            }
        });
    }
    Err("nothing to do: use --print-default or --check FILE".into())
}
