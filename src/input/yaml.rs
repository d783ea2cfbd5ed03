//! YAML input: one answer set per document, documents separated by `---`
//! (what the quiz saves is one such document). Parsed through `crate::yaml`.

use super::RawSink;
use crate::answers::{self, AnswerError, Position};
use std::io::Read;

/// Hands every document's answer set to `each`; returns how many documents
/// there were. A document whose shape is wrong is reported and the next one
/// read; a syntax error ends the file. A file with no document at all (empty,
/// or only comments) is an error: it holds no answer set.
pub(super) fn read(
    mut reader: impl Read,
    source: &str,
    each: &mut RawSink,
) -> anyhow::Result<usize> {
    let mut documents = 0;
    answers::yaml_documents(&mut reader, source, &mut |set| {
        documents += 1;
        // Errors that know no line at least name the document.
        let set = set.map_err(|mut err| {
            for p in &mut err.problems {
                if p.position == Position::Unknown && documents > 1 {
                    p.message = format!("document {documents}: {}", p.message);
                }
            }
            err
        });
        each(documents, set)
    })?;
    if documents == 0 {
        each(
            0,
            Err(AnswerError::single(
                source,
                Position::Unknown,
                "the file is empty; expected an answer set \
             (`salesevo questions --format yaml` prints one to fill in)",
            )),
        )?;
    }
    Ok(documents)
}
