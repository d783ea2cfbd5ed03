//! YAML input: one answer set per document, documents separated by `---`
//! (what the quiz saves is one such document). Parsed through `crate::yaml`.

use super::RawSink;
use crate::answers::{AnswerError, ContextValue, Position, RawAnswer, RawAnswerSet, Scalar};
use crate::yaml;
use serde::Deserialize;
use std::fmt;
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
    yaml_documents(&mut reader, source, &mut |set| {
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlSet {
    organisation: Option<Scalar>,
    date: Option<Scalar>,
    context: Option<Ordered<ContextValue>>,
    answers: Option<Ordered<Scalar>>,
}

/// A mapping in file order, each value with its line.
#[derive(Debug)]
struct Ordered<V>(Vec<(String, serde_saphyr::Spanned<Option<V>>)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of question id to answer")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// Reads one answer set from YAML text; `source` names it in errors.
pub fn from_yaml(text: &str, source: &str) -> Result<RawAnswerSet, AnswerError> {
    if text.trim().is_empty() {
        return Err(AnswerError::single(
            source,
            Position::Unknown,
            "the file is empty; expected an answer set (`salesevo questions --format yaml` prints one to fill in)",
        ));
    }
    yaml_set(yaml::from_str(text), source)
}

/// Reads every answer set of a stream of `---`-separated YAML documents, one
/// document at a time, and hands each to `each`; stops when `each` fails.
/// Lines count from the start of the stream.
pub fn yaml_documents<R: std::io::Read, E>(
    reader: &mut R,
    source: &str,
    each: &mut dyn FnMut(Result<RawAnswerSet, AnswerError>) -> Result<(), E>,
) -> Result<(), E> {
    for doc in yaml::read_documents(reader) {
        each(yaml_set(doc, source))?;
    }
    Ok(())
}

fn yaml_set(
    parsed: Result<YamlSet, yaml::YamlError>,
    source: &str,
) -> Result<RawAnswerSet, AnswerError> {
    let set = parsed.map_err(|e| {
        let message = match e.message.strip_prefix("duplicate mapping key: ") {
            Some(key) => format!("\"{key}\" appears twice; keep one of them"),
            None => e.message,
        };
        AnswerError::single(
            source,
            e.line.map_or(Position::Unknown, Position::Line),
            message,
        )
    })?;
    let Some(answers) = set.answers else {
        return Err(AnswerError::single(
            source,
            Position::Unknown,
            "no `answers:` mapping found; expected `answers:` with one `question-id: value` per line",
        ));
    };
    Ok(RawAnswerSet {
        organisation: set.organisation.map(Scalar::into_text),
        date: set.date.map(Scalar::into_text),
        context: set
            .context
            .map_or_else(Vec::new, |c| c.0)
            .into_iter()
            .map(|(id, value)| RawAnswer {
                id,
                position: Position::Line(value.referenced.line() as usize),
                value: value.value.map(ContextValue::into_text).unwrap_or_default(),
            })
            .collect(),
        answers: answers
            .0
            .into_iter()
            .map(|(id, value)| RawAnswer {
                id,
                position: Position::Line(value.referenced.line() as usize),
                value: value.value.map(Scalar::into_text).unwrap_or_default(),
            })
            .collect(),
    })
}
