//! Reading a command's input: an argument, a file, or standard input.

use std::io::Read;
use std::path::Path;

/// Input larger than this is refused rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("{what} is larger than {MAX_INPUT_BYTES} bytes")]
    TooLarge { what: String },
    #[error("no input: give the text as an argument, with --file F, or on standard input (-)")]
    Missing,
}

/// Reads bytes from `path` (`-` for standard input), at most [`MAX_INPUT_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let what = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let mut buffer = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buffer)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut buffer))
    };
    result.map_err(|source| InputError::Io {
        what: what.clone(),
        source,
    })?;
    if buffer.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { what });
    }
    Ok(buffer)
}

/// Reads a whole file, refusing (with a clear error) one larger than `cap` bytes plus one, so
/// that a too-large upload can still be reported as such by intake.
pub fn read_file_capped(path: &Path, cap: u64) -> Result<Vec<u8>, InputError> {
    let what = path.display().to_string();
    let mut buffer = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(cap.saturating_add(1)).read_to_end(&mut buffer))
        .map_err(|source| InputError::Io { what, source })?;
    Ok(buffer)
}

/// Chooses the input of a text command: the positional text (`-` meaning standard input), or
/// `--file`; standard input when neither is given and it is not a terminal.
pub fn read_text_or_file(text: Option<&str>, file: Option<&Path>) -> Result<Vec<u8>, InputError> {
    match (text, file) {
        (Some("-"), _) => read_bytes(Path::new("-")),
        (Some(text), _) => Ok(text.as_bytes().to_vec()),
        (None, Some(path)) => read_bytes(path),
        (None, None) => {
            use std::io::IsTerminal;
            if std::io::stdin().is_terminal() {
                Err(InputError::Missing)
            } else {
                read_bytes(Path::new("-"))
            }
        }
    }
}
