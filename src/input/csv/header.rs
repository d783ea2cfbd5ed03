//! The header row: what every column holds, every problem at once.

use super::Column;
use super::rows::Record;
use crate::answers::{self, AnswerError, AnswerProblem, Position};
use crate::model::Model;

/// Resolves the header row once: every column to what it holds, with every
/// problem of the header reported together.
pub(super) fn header(
    record: &Record,
    source: &str,
    model: &Model,
    strict_columns: bool,
) -> Result<(Vec<Column>, Vec<String>), AnswerError> {
    // A form tool exports the questions' texts as headers: matched after
    // trimming and case-folding.
    let statements: Vec<(String, usize)> = model
        .traits()
        .enumerate()
        .map(|(p, (_, t))| (t.question.trim().to_lowercase(), p))
        .collect();
    let mut columns = Vec::with_capacity(record.len());
    let mut names = Vec::with_capacity(record.len());
    let mut problems = Vec::new();
    let mut problem = |field: Option<String>, message: String| {
        problems.push(AnswerProblem {
            position: Position::Row(1),
            field,
            message,
        })
    };
    for (i, cell) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        let folded = name.to_lowercase();
        let column = if ["organisation", "organization", "name", "team"].contains(&folded.as_str())
        {
            Some(Column::Organisation)
        } else if folded == "date" || folded == "date (yyyy-mm-dd)" {
            Some(Column::Date)
        } else if let Some(k) = context_key(&folded) {
            Some(Column::Context(k as u8))
        } else {
            model.trait_position(&name).map(Column::Trait).or_else(|| {
                statements
                    .iter()
                    .find(|(text, _)| *text == folded)
                    .map(|&(_, p)| Column::Trait(p))
            })
        };
        // Not a question: kept aside, unless it looks like a mistyped id.
        let typo = answers::did_you_mean(model, &name);
        let column = match column {
            None if !strict_columns && typo.is_empty() => Some(Column::Ignored),
            other => other,
        };
        match column {
            None if name.is_empty() => problem(
                None,
                format!("column {} has no name; expected a question id", i + 1),
            ),
            None => problem(
                Some(name.clone()),
                format!(
                    "unknown question id{typo} (`salesevo questions --format csv` prints the header)"
                ),
            ),
            Some(Column::Ignored) => {}
            Some(column) => {
                if let Some(first) = columns.iter().position(|c| *c == column) {
                    // `Team` beside `Organisation` is no repeat of a word the
                    // user wrote twice: say which column it doubles.
                    let message = if column == Column::Organisation && names[first] != name {
                        format!(
                            "is another name for the organisation column (columns {} and {}: \
                             \"{}\"); keep one of them",
                            first + 1,
                            i + 1,
                            names[first]
                        )
                    } else {
                        format!(
                            "appears twice (columns {} and {}); keep one of them",
                            first + 1,
                            i + 1
                        )
                    };
                    problem(Some(name.clone()), message);
                }
            }
        }
        columns.push(column.unwrap_or(Column::Ignored));
        names.push(name);
    }
    if problems.is_empty() && !columns.iter().any(|c| matches!(c, Column::Trait(_))) {
        problems.push(AnswerProblem {
            position: Position::Row(1),
            field: None,
            message: "no column is a question id or a question's text \
                      (`salesevo questions --format csv` prints the header)"
                .to_string(),
        });
    }
    if problems.is_empty() {
        Ok((columns, names))
    } else {
        Err(AnswerError {
            source: source.to_string(),
            problems,
            row: None,
        })
    }
}

/// The context key (its index in `context_keys`) a case-folded header
/// names: the key itself, or its question as `questions --format csv
/// --with-text` prints it, with or without the allowed values after it.
fn context_key(folded: &str) -> Option<usize> {
    let keys = crate::context::context_keys();
    if let Some(k) = keys.iter().position(|k| *k == folded.replace(' ', "_")) {
        return Some(k);
    }
    let questions = crate::context::Key::ALL
        .iter()
        .map(|k| k.question())
        .chain([crate::context::WORRIES_QUESTION]);
    questions.enumerate().find_map(|(k, question)| {
        let question = question.to_lowercase();
        let rest = folded.strip_prefix(question.as_str())?;
        (rest.is_empty() || rest.starts_with(" (")).then_some(k)
    })
}

/// The column name closest to an ignored header (`worry` for `worries`),
/// for the note that names it: a context or name column mistyped is
/// ignored, not an error, and would be lost without a word.
pub(super) fn near_miss(name: &str) -> Option<&'static str> {
    let candidates = ["organisation", "date"]
        .into_iter()
        .chain(crate::context::context_keys());
    crate::text::closest(name, candidates, 0.85)
}

/// Whether row 2 holds the questions' texts, as `questions --format csv
/// --with-text` prints them: a form built from that header keeps them.
pub(super) fn is_question_text_row(record: &Record, columns: &[Column], model: &Model) -> bool {
    let questions: Vec<&str> = model.traits().map(|(_, t)| t.question.as_str()).collect();
    let mut any = false;
    for (cell, column) in record.iter().zip(columns) {
        if let Column::Trait(position) = column {
            any = true;
            if cell.trim_ascii() != questions[*position].as_bytes() {
                return false;
            }
        }
    }
    any
}
