//! The answer file: a blank one to fill in, or one holding answers (the quiz
//! saves in the same shape), in questionnaire order with each question as a
//! comment, and in a blank one its help text too.

use crate::answers::{AnswerSet, SCALE_HINT};
use crate::context::{Key, MAX_WORRIES, WORRIES};
use crate::model::Model;
use std::fmt::Write;

/// Renders an answer file that `salesevo score` reads unchanged.
pub fn answer_file(model: &Model, answers: Option<&AnswerSet>) -> String {
    let mut out = String::new();
    let quoted = |v: Option<&String>| {
        serde_json::to_string(v.map_or("", |s| s.as_str())).unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "# salesevo answer file. Rate how true each statement is of your organisation today:"
    );
    let _ = writeln!(out, "# {SCALE_HINT}.");
    let _ = writeln!(out, "# Score it with: salesevo score FILE");
    let _ = writeln!(
        out,
        "organisation: {}",
        quoted(answers.and_then(|a| a.organisation.as_ref()))
    );
    let _ = writeln!(
        out,
        "date: {}",
        quoted(answers.and_then(|a| a.date.as_ref()))
    );
    let context = answers.map(|a| a.context).unwrap_or_default();
    let _ = writeln!(
        out,
        "# About the organisation (each optional; `unknown` if you do not know): it decides"
    );
    let _ = writeln!(out, "# which questions apply, and which next steps fit.");
    let _ = writeln!(out, "context:");
    for key in Key::ALL {
        let _ = writeln!(out, "  # {}", key.question());
        let _ = writeln!(out, "  # {}", key.values().join(" | "));
        let value = context.get(key).unwrap_or("unknown");
        let _ = writeln!(out, "  {}: {}", key.name(), quote_context(value));
    }
    let _ = writeln!(out, "  # What worries you most? Up to {MAX_WORRIES} of:");
    for line in textwrap::wrap(&WORRIES.join(", "), 84) {
        let _ = writeln!(out, "  # {line}");
    }
    let worries: Vec<&str> = context.worries().collect();
    let _ = writeln!(out, "  worries: [{}]", worries.join(", "));
    let _ = writeln!(out, "answers:");
    let total = model.trait_count();
    for (i, (_, t)) in model.question_order().into_iter().enumerate() {
        let _ = writeln!(out);
        let question = format!("{}/{total}. {}", i + 1, t.question);
        for line in textwrap::wrap(&question, 86) {
            let _ = writeln!(out, "  # {line}");
        }
        // A blank file is filled in away from the quiz: it needs what the
        // quiz shows beside each question, what counts as fully or partly true.
        if answers.is_none() {
            for line in textwrap::wrap(t.help.trim(), 84) {
                let _ = writeln!(out, "  #   {line}");
            }
        }
        let value = answers.map_or("unknown".to_string(), |a| a.get(&t.id).to_value());
        let _ = writeln!(out, "  {}: {value}", t.id);
    }
    out
}

/// Values such as `0` and `1-5` stay text when read back.
fn quote_context(value: &str) -> String {
    if value.starts_with(|c: char| c.is_ascii_digit()) {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}
