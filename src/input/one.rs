//! One answer file read whole (`compare`, the quiz's `--resume`): the same
//! size limit and messages as a batch's answer sets.

use anyhow::{Context, bail};
use std::io::Read;
use std::path::Path;

/// Reads one answer file (or saved result) whole, as `compare` and the
/// quiz's `--resume` take it: at most [`MAX_SET_BYTES`](super::MAX_SET_BYTES),
/// UTF-8, with the same messages everywhere. Returns its name and text.
pub fn read_one(path: &Path) -> anyhow::Result<(String, String)> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    if path.is_dir() {
        bail!("{name}: is a folder, not an answer file");
    }
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?)
    };
    // One answer set or result: a few kilobytes. More is not read into memory.
    let mut bytes = Vec::new();
    reader
        .take(super::MAX_SET_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > super::MAX_SET_BYTES {
        bail!(
            "{name}: larger than {} MiB; one answer set or result is a few kilobytes",
            super::MAX_SET_BYTES >> 20
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not valid UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}
