//! JSON Lines input: one answer set object per line, read line by line, so a
//! bad line is reported and the next one read.

use super::RawSink;
use super::json::{SetSeed, message_of};
use crate::answers::{AnswerError, Position};
use serde::de::DeserializeSeed;
use std::cell::Cell;
use std::io::BufRead;

/// Hands every line's answer set to `each`; blank lines are skipped.
pub(super) fn read(
    mut reader: impl BufRead,
    source: &str,
    each: &mut RawSink,
) -> anyhow::Result<()> {
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(()),
            Ok(_) => number += 1,
            Err(e) => {
                let at = Position::Line(number + 1);
                return each(
                    number + 1,
                    Err(AnswerError::single(source, at, format!("cannot read: {e}"))),
                );
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(
            number,
            parse_line(&line, number)
                .map_err(|message| AnswerError::single(source, Position::Line(number), message)),
        )?;
    }
}

fn parse_line(line: &[u8], number: usize) -> Result<crate::answers::RawAnswerSet, String> {
    let text = std::str::from_utf8(line).map_err(|e| {
        format!(
            "not valid UTF-8 text (bad byte at column {})",
            e.valid_up_to() + 1
        )
    })?;
    let newlines = Cell::new(number - 1);
    let mut de = serde_json::Deserializer::from_str(text);
    SetSeed {
        newlines: &newlines,
    }
    .deserialize(&mut de)
    .and_then(|set| de.end().map(|()| set))
    .map_err(|e| message_of(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_one_set_and_bad_lines_do_not_stop_the_rest() {
        let text = "{\"organisation\": \"A\", \"answers\": {\"x\": 1}}\n\n{\"answers\": {\"x\": }}\n{\"answers\": {\"y\": 2}}\n";
        let mut got = Vec::new();
        read(text.as_bytes(), "a.jsonl", &mut |_, set| {
            got.push(match set {
                Ok(s) => format!("{}@{:?}", s.answers[0].id, s.answers[0].position),
                Err(e) => e.to_string(),
            });
            Ok(())
        })
        .unwrap();
        assert_eq!(
            got,
            ["x@Line(1)", "a.jsonl line 3: expected value", "y@Line(4)"]
        );
    }
}
