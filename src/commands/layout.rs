//! Whether `score` prints one full diagnosis or a batch, decided before the
//! reader starts: one input that holds one answer set as one document (a
//! YAML document, a JSON object) gets the full view; anything else is a
//! batch, streamed from its first result. A file is looked at on its own;
//! standard input is read only as far as the decision needs, and what was
//! read goes on to the reader (see [`StdinStart`]).

use crate::input::{InputFormat, MAX_SET_BYTES, SNIFF_BYTES, StdinStart, without_bom};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether `files` are one input holding one document. A file that cannot
/// be read is no document: the reader reports it.
pub(super) fn one_document(
    files: &[PathBuf],
    format: Option<InputFormat>,
    stdin: &mut StdinStart,
) -> bool {
    let [path] = files else {
        return false;
    };
    if path == Path::new("-") {
        return stdin_is_one_document(format, stdin);
    }
    // Only a regular file can be looked at and then read again: a pipe or
    // /dev/stdin named as a file would be drained, so it is a batch.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|file| file.take(MAX_SET_BYTES + 1).read_to_end(&mut head));
    let format = format.or_else(|| InputFormat::from_extension(path));
    read.is_ok() && is_one_document(format, &head)
}

/// [`one_document`] for standard input: as much is read as tells.
fn stdin_is_one_document(format: Option<InputFormat>, stdin: &mut StdinStart) -> bool {
    let format = match format {
        Some(format) => format,
        // As the reader tells it: from the start, up to SNIFF_BYTES.
        None => match InputFormat::sniff(without_bom(stdin.fill(SNIFF_BYTES, |_| false))) {
            Some(format) => format,
            None => return false,
        },
    };
    let head = match format {
        // Its first character tells an object from an array.
        InputFormat::Json => stdin.fill(MAX_SET_BYTES + 1, |head| {
            !without_bom(head).trim_ascii_start().is_empty()
        }),
        // One document or more: the whole of it, unless it is too large to
        // be one answer set.
        InputFormat::Yaml => stdin.fill(MAX_SET_BYTES + 1, |_| false),
        _ => return false,
    };
    is_one_document(Some(format), head)
}

/// Whether `head`, the start of an input in `format` (sniffed from `head`
/// when None) and all of it when it is up to [`MAX_SET_BYTES`], is one
/// document.
fn is_one_document(format: Option<InputFormat>, head: &[u8]) -> bool {
    let text = without_bom(head);
    let sniffed = || InputFormat::sniff(&text[..text.len().min(SNIFF_BYTES as usize)]);
    match format.or_else(sniffed) {
        Some(InputFormat::Json) => text.trim_ascii_start().first() == Some(&b'{'),
        // One answer set is at most MAX_SET_BYTES: more is a batch or an
        // error, which the reader reports either way.
        Some(InputFormat::Yaml) if head.len() as u64 <= MAX_SET_BYTES => {
            let documents = crate::yaml::read_documents::<_, serde::de::IgnoredAny>(&mut &*head)
                .take(2)
                .count();
            documents == 1
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(name: &str, text: &str) -> bool {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        one_document(&[path], None, &mut StdinStart::default())
    }

    #[test]
    fn one_document_in_one_file_is_a_single_result_and_the_rest_a_batch() {
        assert!(decide("a.yaml", "answers:\n  x: 1\n"));
        assert!(!decide("a.yaml", "---\nanswers: {}\n---\nanswers: {}\n"));
        assert!(decide("a.json", " {\"answers\": {}}"));
        assert!(decide("a.json", "\u{feff}{\"answers\": {}}"));
        assert!(!decide("a.json", "[{\"answers\": {}}]"));
        assert!(!decide("a.csv", "x\n1\n"));
        assert!(!decide("a.jsonl", "{\"answers\": {}}\n"));
        // No extension: the content tells.
        assert!(decide("answers", "answers:\n  x: 1\n"));
        let missing = PathBuf::from("/no such folder/a.yaml");
        assert!(!one_document(&[missing], None, &mut StdinStart::default()));
        let two = [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")];
        assert!(!one_document(&two, None, &mut StdinStart::default()));
    }
}
