//! Answer sets in YAML: one document, or a stream of them, each value with
//! its line. Parsed through `crate::yaml`.

use super::*;
use crate::yaml;
use serde::Deserialize;

/// A scalar as YAML may type it; kept as text so every format is checked alike.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
}

impl Scalar {
    pub(crate) fn into_text(self) -> String {
        match self {
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Text(s) => s,
        }
    }
}

/// A context value: one word, or a list (`worries: [churn, forecast]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum ContextValue {
    List(Vec<Scalar>),
    One(Scalar),
}

impl ContextValue {
    /// As one text; a list is joined with commas, as a CSV cell holds it.
    pub(crate) fn into_text(self) -> String {
        match self {
            ContextValue::One(s) => s.into_text(),
            ContextValue::List(items) => items
                .into_iter()
                .map(Scalar::into_text)
                .collect::<Vec<_>>()
                .join(","),
        }
    }
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
