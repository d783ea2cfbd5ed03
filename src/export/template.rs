//! The answer file: a blank one to fill in, or one holding answers (the quiz
//! saves in the same shape), in questionnaire order with each question as a comment.

use crate::answers::{AnswerSet, SCALE_HINT};
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
    let _ = writeln!(out, "answers:");
    let total = model.trait_count();
    for (i, (_, t)) in model.question_order().into_iter().enumerate() {
        let _ = writeln!(out);
        let question = format!("{}/{total}. {}", i + 1, t.question);
        for line in textwrap::wrap(&question, 86) {
            let _ = writeln!(out, "  # {line}");
        }
        let value = answers.map_or("unknown".to_string(), |a| a.get(&t.id).to_value());
        let _ = writeln!(out, "  {}: {value}", t.id);
    }
    out
}
