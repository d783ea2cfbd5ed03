//! Values as a file types them (number, boolean, text, list), kept as text
//! so that every format is checked by the same rules.

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
