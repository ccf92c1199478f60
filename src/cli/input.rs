//! Where articles come from: files, folders (searched for .txt and .md) and
//! standard input. Each input is read whole; problems are per input, so one
//! bad file never stops a batch.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One article to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name used in reports: the path, or `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// A problem with one input, said so a user knows what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub name: String,
    pub message: String,
    pub help: &'static str,
}

/// Expands paths into inputs, in order; folders are searched recursively
/// (sorted; hidden entries skipped) for `.txt` and `.md` files. `-` is
/// standard input. Missing paths become errors in their place.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let before = out.len();
            walk(path, &mut out);
            if out.len() == before {
                out.push(Err(InputError {
                    name: path.display().to_string(),
                    message: "the folder holds no .txt or .md files".into(),
                    help: "name the files to score, or a folder that holds articles",
                }));
            }
        } else if path.exists() {
            out.push(Ok(Input::File(path.clone())));
        } else {
            out.push(Err(InputError {
                name: path.display().to_string(),
                message: "no such file or folder".into(),
                help: "check the path",
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, InputError>>) {
    let paths = match slant::rules::visible_entries(dir) {
        Ok(paths) => paths,
        Err(e) => {
            out.push(Err(InputError {
                name: dir.display().to_string(),
                message: e.to_string(),
                help: "check the folder's permissions",
            }));
            return;
        }
    };
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) {
            out.push(Ok(Input::File(path)));
        }
    }
}

/// Reads an input whole, up to `limit` bytes. Binary data (a NUL byte) and
/// larger inputs are refused.
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, InputError> {
    let name = input.name();
    let too_large = |size: String| InputError {
        name: name.clone(),
        message: format!(
            "is {size} bytes, over the --max-article-bytes limit of {limit}, so it was skipped"
        ),
        help: "raise --max-article-bytes, or split the file into articles",
    };
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take((limit as u64).saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| InputError {
                    name: name.clone(),
                    message: format!("cannot read standard input: {e}"),
                    help: "pipe text into slant, or name files to score",
                })?;
            if buf.len() > limit {
                return Err(too_large(format!("more than {limit}")));
            }
            buf
        }
        Input::File(path) => {
            let unreadable = |e: std::io::Error| InputError {
                name: name.clone(),
                message: format!("cannot read: {e}"),
                help: "check that the file exists and is readable",
            };
            let size = std::fs::metadata(path).map_err(unreadable)?.len();
            if size > limit as u64 {
                return Err(too_large(size.to_string()));
            }
            // Devices and pipes report size 0 (think /dev/zero): the read
            // itself is bounded too.
            let mut buf = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| {
                    f.take((limit as u64).saturating_add(1))
                        .read_to_end(&mut buf)
                })
                .map_err(unreadable)?;
            if buf.len() > limit {
                return Err(too_large(format!("more than {limit}")));
            }
            buf
        }
    };
    if bytes.contains(&0) {
        return Err(InputError {
            name,
            message: "looks binary (it contains NUL bytes), so it was not scored".into(),
            help: "slant scores plain text; convert the document to .txt first",
        });
    }
    Ok(bytes)
}
