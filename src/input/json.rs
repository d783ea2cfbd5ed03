//! JSON input: one answer set object, or an array of them, read element by
//! element so that a large array is never held whole. The same object shape
//! serves JSON Lines (see `jsonl.rs`).
//!
//! serde_json reports no positions for values, so the reader counts the lines
//! it has consumed: when an answer's key has been read, the count is the line
//! of that answer.

use super::RawSink;
use crate::answers::{AnswerError, ContextValue, Position, RawAnswer, RawAnswerSet, Scalar};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::io::Read;

/// Reads a JSON document of one answer set or an array of them and hands each
/// to `each`. Returns whether the document was an array. A syntax or shape
/// error ends the file (serde_json cannot resynchronise); it is handed to
/// `each` like any bad answer set.
pub(super) fn read(reader: impl Read, source: &str, each: &mut RawSink) -> anyhow::Result<bool> {
    let newlines = Cell::new(0);
    let counting = Counting {
        inner: reader,
        newlines: &newlines,
    };
    let mut de = serde_json::Deserializer::from_reader(counting);
    let mut stopped = None;
    let mut array = false;
    let mut delivered = 0usize;
    let mut closed = false;
    let top = TopSeed {
        newlines: &newlines,
        each,
        stopped: &mut stopped,
        array: &mut array,
        delivered: &mut delivered,
        closed: &mut closed,
    };
    let result = top.deserialize(&mut de).and_then(|()| de.end());
    if let Some(err) = stopped {
        return Err(err);
    }
    if let Err(e) = result {
        let message = message_of(&e);
        let (row, err) = if delivered == 0 && !array && message == "EOF while parsing a value" {
            let message = "the file is empty; expected an answer set object or an array of them";
            (0, AnswerError::single(source, Position::Unknown, message))
        } else {
            // The element being read when it broke; after the array, none.
            let row = match (array, closed) {
                (true, false) => delivered + 1,
                (true, true) => 0,
                (false, _) => 1,
            };
            let at = Position::Line(e.line().max(1));
            (row, AnswerError::single(source, at, message))
        };
        each(row, Err(err))?;
    }
    Ok(array)
}

/// serde_json's message without the " at line L column C" it appends: the
/// position is printed the same way for every format.
pub(super) fn message_of(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// A reader that counts the newlines it has handed out.
struct Counting<'a, R> {
    inner: R,
    newlines: &'a Cell<usize>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let lines = buf[..n].iter().filter(|&&b| b == b'\n').count();
        self.newlines.set(self.newlines.get() + lines);
        Ok(n)
    }
}

struct TopSeed<'a, 'e> {
    newlines: &'a Cell<usize>,
    each: &'a mut RawSink<'e>,
    stopped: &'a mut Option<anyhow::Error>,
    array: &'a mut bool,
    delivered: &'a mut usize,
    /// The array's closing bracket has been read.
    closed: &'a mut bool,
}

impl TopSeed<'_, '_> {
    fn deliver<E: de::Error>(&mut self, set: RawAnswerSet) -> Result<(), E> {
        *self.delivered += 1;
        (self.each)(*self.delivered, Ok(set)).map_err(|err| {
            *self.stopped = Some(err);
            E::custom("stopped")
        })
    }
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer set object or an array of them")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<(), A::Error> {
        let set = read_set(map, self.newlines)?;
        self.deliver(set)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        *self.array = true;
        while let Some(set) = seq.next_element_seed(SetSeed {
            newlines: self.newlines,
        })? {
            self.deliver(set)?;
        }
        *self.closed = true;
        Ok(())
    }
}

/// One answer set object: `{"organisation": .., "date": .., "answers": {..}}`.
pub(super) struct SetSeed<'a> {
    /// Newlines consumed before the current position.
    pub newlines: &'a Cell<usize>,
}

impl<'de> DeserializeSeed<'de> for SetSeed<'_> {
    type Value = RawAnswerSet;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RawAnswerSet, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SetSeed<'_> {
    type Value = RawAnswerSet;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer set object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAnswerSet, A::Error> {
        read_set(map, self.newlines)
    }
}

const FIELDS: &[&str] = &["organisation", "date", "context", "answers"];

fn read_set<'de, A: MapAccess<'de>>(
    mut map: A,
    newlines: &Cell<usize>,
) -> Result<RawAnswerSet, A::Error> {
    let mut set = RawAnswerSet::default();
    let mut has_answers = false;
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "organisation" => {
                set.organisation = map.next_value::<Option<Scalar>>()?.map(Scalar::into_text)
            }
            "date" => set.date = map.next_value::<Option<Scalar>>()?.map(Scalar::into_text),
            "context" => {
                set.context = map.next_value_seed(EntriesSeed::<ContextValue>::new(newlines))?;
            }
            "answers" => {
                set.answers = map.next_value_seed(EntriesSeed::<Scalar>::new(newlines))?;
                has_answers = true;
            }
            other => return Err(de::Error::unknown_field(other, FIELDS)),
        }
    }
    if !has_answers {
        return Err(de::Error::custom(
            "no \"answers\" object found; expected \"answers\": {\"question-id\": value, ...}",
        ));
    }
    Ok(set)
}

/// A value that an answer set keeps as text (an answer, a context value).
trait ToText {
    fn to_text(self) -> String;
}

impl ToText for Scalar {
    fn to_text(self) -> String {
        self.into_text()
    }
}

impl ToText for ContextValue {
    fn to_text(self) -> String {
        self.into_text()
    }
}

/// The `answers` (or `context`) object in file order, each entry with its
/// line.
struct EntriesSeed<'a, V> {
    newlines: &'a Cell<usize>,
    value: std::marker::PhantomData<V>,
}

impl<'a, V> EntriesSeed<'a, V> {
    fn new(newlines: &'a Cell<usize>) -> Self {
        EntriesSeed {
            newlines,
            value: std::marker::PhantomData,
        }
    }
}

impl<'de, V: serde::Deserialize<'de> + ToText> DeserializeSeed<'de> for EntriesSeed<'_, V> {
    type Value = Vec<RawAnswer>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Vec<RawAnswer>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, V: serde::Deserialize<'de> + ToText> Visitor<'de> for EntriesSeed<'_, V> {
    type Value = Vec<RawAnswer>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of question id (or context key) to value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<RawAnswer>, A::Error> {
        let mut entries = Vec::new();
        while let Some(id) = map.next_key::<String>()? {
            let position = Position::Line(self.newlines.get() + 1);
            let value = map.next_value::<Option<V>>()?;
            entries.push(RawAnswer {
                id,
                value: value.map(ToText::to_text).unwrap_or_default(),
                position,
            });
        }
        Ok(entries)
    }
    fn visit_unit<E>(self) -> Result<Vec<RawAnswer>, E> {
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> (bool, Vec<Result<RawAnswerSet, String>>) {
        let mut sets = Vec::new();
        let array = read(text.as_bytes(), "a.json", &mut |_, set| {
            sets.push(set.map_err(|e| e.to_string()));
            Ok(())
        })
        .unwrap();
        (array, sets)
    }

    #[test]
    fn an_object_is_one_set_and_answers_keep_their_lines() {
        let (array, sets) = read_all(
            "{\n  \"organisation\": \"Acme\",\n  \"answers\": {\n    \"a\": 3,\n    \"b\": \"mostly\",\n    \"c\": null\n  }\n}\n",
        );
        assert!(!array);
        let set = sets[0].as_ref().unwrap();
        assert_eq!(set.organisation.as_deref(), Some("Acme"));
        let got: Vec<(&str, &str, Position)> = set
            .answers
            .iter()
            .map(|a| (a.id.as_str(), a.value.as_str(), a.position))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "3", Position::Line(4)),
                ("b", "mostly", Position::Line(5)),
                ("c", "", Position::Line(6))
            ]
        );
    }

    #[test]
    fn an_array_is_read_element_by_element() {
        let (array, sets) = read_all(
            "[\n {\"organisation\": \"A\", \"answers\": {}},\n {\"organisation\": 7, \"answers\": {\"x\": 1}}\n]",
        );
        assert!(array);
        assert_eq!(sets.len(), 2);
        let second = sets[1].as_ref().unwrap();
        assert_eq!(second.organisation.as_deref(), Some("7"));
        assert_eq!(second.answers[0].position, Position::Line(3));
    }

    #[test]
    fn a_syntax_error_ends_the_file_with_its_line() {
        let (_, sets) = read_all("[\n {\"answers\": {}},\n {\"answers\": {\"x\": 1,}}\n]");
        assert_eq!(sets.len(), 2);
        assert_eq!(
            sets[1].as_ref().unwrap_err(),
            "a.json line 3: trailing comma"
        );
    }

    #[test]
    fn unknown_fields_and_missing_answers_are_named() {
        let (_, sets) = read_all("{\"organization\": \"A\", \"answers\": {}}");
        assert_eq!(
            sets[0].as_ref().unwrap_err(),
            "a.json line 1: unknown field `organization`, expected one of `organisation`, `date`, `context`, `answers`"
        );
        let (_, sets) = read_all("{\"organisation\": \"A\"}");
        assert!(
            sets[0]
                .as_ref()
                .unwrap_err()
                .contains("no \"answers\" object found"),
            "{:?}",
            sets[0]
        );
    }

    #[test]
    fn an_empty_file_says_so() {
        let (_, sets) = read_all("  \n");
        assert_eq!(
            sets[0].as_ref().unwrap_err(),
            "a.json: the file is empty; expected an answer set object or an array of them"
        );
    }
}
