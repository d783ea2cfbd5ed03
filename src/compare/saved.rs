//! One side of a comparison as read: an answer file, or a saved result of
//! `salesevo score --format json` (which carries every answer).

use crate::answers::{AnswerError, RawAnswerSet};

/// Reads one side: a `salesevo score --format json` result (its `answers`),
/// or an answer file.
pub fn read(text: &str, source: &str) -> Result<RawAnswerSet, AnswerError> {
    #[derive(serde::Deserialize)]
    struct SavedResult {
        organisation: Option<String>,
        date: Option<String>,
        #[serde(default)]
        context: std::collections::BTreeMap<String, serde_json::Value>,
        // Numbers in a saved result; numbers or labels in a JSON answer file.
        answers: std::collections::BTreeMap<String, serde_json::Value>,
        /// A saved result's questions that did not apply.
        #[serde(default)]
        not_applicable: Vec<String>,
    }
    let text_of = |value: serde_json::Value| match value {
        serde_json::Value::Null => "unknown".to_string(),
        serde_json::Value::String(text) => text,
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    };
    if !text.trim_start().starts_with('{') {
        return crate::input::from_yaml(text, source);
    }
    let saved: SavedResult = serde_json::from_str(text).map_err(|e| {
        let mut message = e.to_string();
        // serde_json appends the position; we print it in our own form.
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        AnswerError::single(
            source,
            crate::answers::Position::Line(e.line()),
            format!("not a `salesevo score --format json` result: {message}"),
        )
    })?;
    Ok(RawAnswerSet {
        organisation: saved.organisation,
        date: saved.date,
        context: saved
            .context
            .into_iter()
            .map(|(id, value)| crate::answers::RawAnswer {
                id,
                value: text_of(value),
                position: crate::answers::Position::Unknown,
            })
            .collect(),
        answers: saved
            .answers
            .into_iter()
            .map(|(id, value)| crate::answers::RawAnswer {
                value: if saved.not_applicable.contains(&id) {
                    "n/a".to_string()
                } else {
                    text_of(value)
                },
                id,
                position: crate::answers::Position::Unknown,
            })
            .collect(),
    })
}
