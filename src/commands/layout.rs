//! Whether `score` prints one full diagnosis or a batch, decided before the
//! reader starts: one FILE that holds one answer set as one document (a
//! YAML document, a JSON object) gets the full view; anything else is a
//! batch, streamed from its first result.

use crate::input::{InputFormat, MAX_SET_BYTES};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Some(true): one document; Some(false): a batch; None: cannot be told
/// before reading (standard input, or a file that cannot be opened, whose
/// error the reader reports).
pub(super) fn one_document(files: &[PathBuf], format: Option<InputFormat>) -> Option<bool> {
    let [path] = files else {
        return Some(false);
    };
    if path == Path::new("-") {
        return None;
    }
    // One answer set is at most MAX_SET_BYTES: a larger file is a batch or
    // an error, which the reader reports either way.
    let size = std::fs::metadata(path).ok()?.len();
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_SET_BYTES + 1)
        .read_to_end(&mut head)
        .ok()?;
    let format = format
        .or_else(|| InputFormat::from_extension(path))
        .or_else(|| InputFormat::sniff(&head))?;
    match format {
        InputFormat::Json => Some(head.trim_ascii_start().first() == Some(&b'{')),
        InputFormat::Yaml if size <= MAX_SET_BYTES => {
            let documents =
                crate::yaml::read_documents::<_, serde::de::IgnoredAny>(&mut head.as_slice())
                    .take(2)
                    .count();
            Some(documents == 1)
        }
        _ => Some(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(name: &str, text: &str) -> Option<bool> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        one_document(&[path], None)
    }

    #[test]
    fn one_document_in_one_file_is_a_single_result_and_the_rest_a_batch() {
        assert_eq!(decide("a.yaml", "answers:\n  x: 1\n"), Some(true));
        assert_eq!(
            decide("a.yaml", "---\nanswers: {}\n---\nanswers: {}\n"),
            Some(false)
        );
        assert_eq!(decide("a.json", " {\"answers\": {}}"), Some(true));
        assert_eq!(decide("a.json", "[{\"answers\": {}}]"), Some(false));
        assert_eq!(decide("a.csv", "x\n1\n"), Some(false));
        assert_eq!(decide("a.jsonl", "{\"answers\": {}}\n"), Some(false));
        // No extension: the content tells.
        assert_eq!(decide("answers", "answers:\n  x: 1\n"), Some(true));
        assert_eq!(one_document(&[PathBuf::from("-")], None), None);
        let two = [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")];
        assert_eq!(one_document(&two, None), Some(false));
    }
}
