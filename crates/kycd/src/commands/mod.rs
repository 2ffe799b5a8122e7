//! One module per subcommand.

pub mod aamva;
pub mod mrz;
pub mod policy;
pub mod reasons;

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), serde_json::Error> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}
