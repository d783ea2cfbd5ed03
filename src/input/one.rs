//! One answer file read whole (`compare`, the quiz's `--resume`): the same
//! size limit and messages as a batch's answer sets.

use super::MAX_SET_BYTES;
use crate::answers::{AnswerError, Position};
use std::io::Read;
use std::path::Path;

/// Reads one answer file (or saved result) whole, as `compare` and the
/// quiz's `--resume` take it: at most [`MAX_SET_BYTES`](super::MAX_SET_BYTES),
/// UTF-8, with the same messages everywhere. Returns its name and text.
pub fn read_one(path: &Path) -> Result<(String, String), AnswerError> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let fail = |message: String| AnswerError::single(&name, Position::Unknown, message);
    if path.is_dir() {
        return Err(fail("is a folder, not an answer file".into()));
    }
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| fail(format!("cannot read: {e}")))?)
    };
    // One answer set or result: a few kilobytes. More is not read into memory.
    let mut bytes = Vec::new();
    reader
        .take(MAX_SET_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_SET_BYTES {
        return Err(fail(format!(
            "larger than {} MiB; one answer set or result is a few kilobytes",
            MAX_SET_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not valid UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((name, text))
}
