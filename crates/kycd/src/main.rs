//! # kycd — the command
//!
//! A thin binary over the kycd libraries: each subcommand parses its arguments, reads its input,
//! calls one library function and prints the result (text for people, `--json` for programs).
//! All logic lives in the libraries; nothing here decides anything.
//!
//! Exit codes are shared by every subcommand: 0 success, 1 a well-formed input that fails a
//! check (an MRZ with a wrong check digit, say), 2 a usage error or unreadable input.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod input;

/// kycd: self-hosted KYC verification — document checks, decisions and reasons applicants can act on.
#[derive(Parser)]
#[command(name = "kycd", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the reason catalogue: every code kycd can give, with its outcome and applicant texts.
    Reasons(commands::reasons::Args),
    /// Print or check a policy (thresholds, accepted documents, limits, outcome overrides).
    Policy(commands::policy::Args),
    /// Parse and check an ICAO 9303 machine-readable zone (passport, ID card, visa).
    Mrz(commands::mrz::Args),
    /// Run the upload gate and image checks on photos (format, size, blur, glare, darkness,
    /// resolution, document position).
    Inspect(commands::inspect::Args),
    /// Measure a detector on a labelled set: precision, recall and false alarms.
    Eval(commands::eval::Args),
    /// Read a document from photos: MRZ, PDF417 barcode, printed zone, portrait; kind, issuer
    /// and what the reading shows (expired, incomplete, inconsistent...).
    Read(commands::read::Args),
    /// Parse the text of an AAMVA driver's licence / ID card barcode (PDF417 payload).
    Aamva(commands::aamva::Args),
    /// Write synthetic specimen documents (phone photos, screenshots, defects) with labels.
    Specimen(commands::specimen::Args),
    /// Run the service: REST API, verification workers and notification delivery.
    Serve(commands::service::ServeArgs),
    /// Run verification workers and notification delivery without the API.
    Worker(commands::service::WorkerArgs),
    /// Create or update the database schema.
    Migrate(commands::service::MigrateArgs),
    /// Create or revoke API keys for the exchange's backend.
    ApiKey(commands::service::ApiKeyArgs),
    /// Rotate encryption keys.
    Keys(commands::service::KeysArgs),
    /// Print the default configuration, the settings table, or the configuration in force.
    Config(commands::service::ConfigArgs),
    /// Load a running service over HTTP: submissions and status reads per second, verified
    /// submissions per minute.
    BenchService(commands::bench_service::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(
        cli.command,
        Command::Serve(_) | Command::Worker(_) | Command::BenchService(_)
    ) {
        restore_default_sigpipe();
    }
    let result = match cli.command {
        Command::Reasons(args) => commands::reasons::run(args),
        Command::Policy(args) => commands::policy::run(args),
        Command::Mrz(args) => commands::mrz::run(args),
        Command::Aamva(args) => commands::aamva::run(args),
        Command::Read(args) => commands::read::run(args),
        Command::Inspect(args) => commands::inspect::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Specimen(args) => commands::specimen::run(args),
        Command::Serve(args) => commands::service::serve(args),
        Command::Worker(args) => commands::service::worker(args),
        Command::Migrate(args) => commands::service::migrate(args),
        Command::ApiKey(args) => commands::service::api_key(args),
        Command::Keys(args) => commands::service::keys(args),
        Command::Config(args) => commands::service::config(args),
        Command::BenchService(args) => commands::bench_service::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("kycd: {err}");
            ExitCode::from(2)
        }
    }
}

/// Lets a one-shot command end quietly when its reader goes away (`kycd inspect ... | head`),
/// as Unix tools do, instead of panicking on the failed write: Rust ignores SIGPIPE, so a
/// closed pipe otherwise surfaces as an error inside `println!`. Not for the service
/// commands, whose sockets must report a closed peer as an error instead.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default is async-signal-safe and runs
    // here before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
