//! Answer sets: one organisation's answers, read from a file and checked
//! against the model.
//!
//! Every reader turns its format into a [`RawAnswerSet`] (text values with
//! their position), and [`RawAnswerSet::resolve`] checks it against the model,
//! so that the rules and the error messages are the same for every format.

mod scalar;

pub(crate) use scalar::{ContextValue, Scalar};

use crate::context::Context;
use crate::model::Model;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The labels of the five-point scale, indexed by value.
pub const SCALE: [&str; 5] = [
    "not true at all",
    "slightly",
    "partly",
    "mostly",
    "fully true",
];

/// What the scale accepts, for error messages.
pub const SCALE_HINT: &str =
    "use 0-4 (0 not true at all, 1 slightly, 2 partly, 3 mostly, 4 fully true), unknown, or n/a";

/// One answer: a point on the 0-4 scale, "don't know", or "does not apply
/// to us" (which counts neither for nor against any stage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Scale(u8),
    Unknown,
    NotApplicable,
}

impl Answer {
    /// Reads a value as people write it: the number, the label, or "don't know".
    pub fn parse(text: &str) -> Option<Answer> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.replace('’', "'");
        match t.as_str() {
            "" | "unknown" | "don't know" | "dont know" | "?" | "~" | "null" => {
                return Some(Answer::Unknown);
            }
            "n/a" | "na" | "n.a." | "not applicable" | "does not apply" => {
                return Some(Answer::NotApplicable);
            }
            "not at all" | "not true" => return Some(Answer::Scale(0)),
            "fully" => return Some(Answer::Scale(4)),
            _ => {}
        }
        if let Some(i) = SCALE.iter().position(|label| *label == t) {
            return Some(Answer::Scale(i as u8));
        }
        // The labels as the quiz and forms print them: "3 mostly", "3 - mostly".
        if let Some((digit, rest)) = t.split_at_checked(1)
            && let Ok(n) = digit.parse::<u8>()
        {
            let label = rest
                .trim_start_matches([' ', '-', '–', ':', '.', ')'])
                .trim();
            if rest.starts_with([' ', '-', '–', ':', ')'])
                && SCALE.get(usize::from(n)).is_some_and(|l| *l == label)
            {
                return Some(Answer::Scale(n));
            }
        }
        // Spreadsheets write whole numbers as "3.0".
        let number = t.strip_suffix(".0").unwrap_or(&t);
        match number.parse::<u8>() {
            Ok(n) if n <= 4 => Some(Answer::Scale(n)),
            _ => None,
        }
    }

    /// The value as 0..1, or None for "don't know".
    pub fn fraction(self) -> Option<f64> {
        match self {
            Answer::Scale(n) => Some(f64::from(n) / 4.0),
            Answer::Unknown | Answer::NotApplicable => None,
        }
    }

    /// The value as written in an answer file: the number, or `unknown`.
    pub fn to_value(self) -> String {
        match self {
            Answer::Scale(n) => n.to_string(),
            Answer::Unknown => "unknown".to_string(),
            Answer::NotApplicable => "n/a".to_string(),
        }
    }

    /// The label shown to people, e.g. "3 mostly".
    pub fn label(self) -> String {
        match self {
            Answer::Scale(n) => format!("{n} {}", SCALE[usize::from(n)]),
            Answer::Unknown => "don't know".to_string(),
            Answer::NotApplicable => "does not apply".to_string(),
        }
    }
}

/// One organisation's checked answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerSet {
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub context: Context,
    /// Trait id to answer; ids the model has but the set lacks count as unknown.
    pub answers: BTreeMap<String, Answer>,
}

impl AnswerSet {
    pub fn get(&self, trait_id: &str) -> Answer {
        self.answers
            .get(trait_id)
            .copied()
            .unwrap_or(Answer::Unknown)
    }
}

/// One respondent's checked answers in trait position order
/// ([`Model::traits`]): what batch readers yield and
/// [`Scorer::assess`](crate::scoring::Scorer::assess) reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Respondent {
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub context: Context,
    pub answers: Vec<Answer>,
    /// Where the set stands in its input, so that a result is traced to its
    /// source whatever was left out around it: the CSV or sheet row (the
    /// header is row 1), the JSON Lines line, the YAML document or the JSON
    /// array element (from 1); 0 when not read from a batch.
    pub row: usize,
}

impl Respondent {
    pub fn from_set(model: &Model, set: AnswerSet) -> Respondent {
        Respondent {
            answers: model.traits().map(|(_, t)| set.get(&t.id)).collect(),
            organisation: set.organisation,
            date: set.date,
            context: set.context,
            row: 0,
        }
    }
}

/// How a problem's field names a context key (`context.deal_size`), so
/// that it reads "context" and not "answer".
const CONTEXT_FIELD: &str = "context.";

/// Where in its source something stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Unknown,
    Line(usize),
    /// A CSV row, counting the header as row 1.
    Row(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Unknown => Ok(()),
            Position::Line(l) => write!(f, " line {l}"),
            Position::Row(r) => write!(f, " row {r}"),
        }
    }
}

/// An answer as read from a file, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAnswer {
    pub id: String,
    pub value: String,
    pub position: Position,
}

/// An answer set as read from a file, before it is checked against the model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawAnswerSet {
    pub organisation: Option<String>,
    pub date: Option<String>,
    /// Context key (or `worries`) to its value, as written.
    pub context: Vec<RawAnswer>,
    pub answers: Vec<RawAnswer>,
}

/// One thing wrong with an answer set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub position: Position,
    /// The question id (or column) at fault, if any.
    pub field: Option<String>,
    pub message: String,
}

/// Every problem found in one answer set, with the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub source: String,
    pub problems: Vec<AnswerProblem>,
    /// The row of the answer set at fault (as [`Respondent::row`]); None
    /// when the whole input is (unreadable, a bad header).
    pub row: Option<usize>,
}

impl AnswerError {
    pub fn single(source: &str, position: Position, message: impl Into<String>) -> AnswerError {
        AnswerError {
            source: source.to_string(),
            problems: vec![AnswerProblem {
                position,
                field: None,
                message: message.into(),
            }],
            row: None,
        }
    }

    /// The error, as the answer set at `row`'s.
    pub fn at_row(mut self, row: usize) -> AnswerError {
        self.row = Some(row);
        self
    }
}

/// Input errors, in every format and command, are this one type: each
/// problem with its file, its line or row, its field and what was expected
/// (every problem of a file at once, not only the first).
impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}{}", self.source, p.position)?;
            if let Some(field) = &p.field {
                let (what, field) = match (p.position, field.strip_prefix(CONTEXT_FIELD)) {
                    (Position::Row(_), _) => ("column", field.as_str()),
                    (_, Some(key)) => ("context", key),
                    (_, None) => ("answer", field.as_str()),
                };
                write!(f, ", {what} \"{field}\"")?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for AnswerError {}

impl RawAnswerSet {
    /// Checks every answer against the model: known id, value on the scale,
    /// no id twice. Reports every problem, not only the first.
    pub fn resolve(self, model: &Model, source: &str) -> Result<AnswerSet, AnswerError> {
        let mut problems = Vec::new();
        let mut answers = BTreeMap::new();
        let mut seen: HashMap<String, Position> = HashMap::new();
        let mut context = Context::default();
        for raw in self.context {
            if let Err(e) = context.set_named(&raw.id, &raw.value) {
                problems.push(AnswerProblem {
                    position: raw.position,
                    field: Some(format!("{CONTEXT_FIELD}{}", raw.id)),
                    message: e.0,
                });
            }
        }
        for raw in self.answers {
            if model.trait_position(&raw.id).is_none() {
                let message = format!(
                    "unknown question id \"{}\"{} (`salesevo questions` lists every id)",
                    raw.id,
                    did_you_mean(model, &raw.id)
                );
                problems.push(AnswerProblem {
                    position: raw.position,
                    field: None,
                    message,
                });
                continue;
            }
            if let Some(first) = seen.get(&raw.id) {
                problems.push(AnswerProblem {
                    position: raw.position,
                    field: Some(raw.id.clone()),
                    message: format!("answered twice (first{first}); keep one of them"),
                });
                continue;
            }
            seen.insert(raw.id.clone(), raw.position);
            match Answer::parse(&raw.value) {
                Some(answer) => {
                    answers.insert(raw.id, answer);
                }
                None => problems.push(AnswerProblem {
                    position: raw.position,
                    field: Some(raw.id),
                    message: off_scale(&raw.value),
                }),
            }
        }
        if problems.is_empty() {
            Ok(AnswerSet {
                // Surrounding spaces are never part of a name, in any format.
                organisation: trimmed(self.organisation),
                date: trimmed(self.date),
                context,
                answers,
            })
        } else {
            Err(AnswerError {
                source: source.to_string(),
                problems,
                row: None,
            })
        }
    }
}

/// The message for a value that is not an answer.
pub fn off_scale(value: &str) -> String {
    format!("\"{value}\" is not on the scale: {SCALE_HINT}")
}

/// `; did you mean "id"?` with the model's id closest to a mistyped one, or
/// nothing when none is close.
pub fn did_you_mean(model: &Model, id: &str) -> String {
    closest_id(model, id).map_or(String::new(), |close| {
        format!("; did you mean \"{close}\"?")
    })
}

/// `text` without surrounding white space; none when nothing is left.
fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The model's trait id closest to a mistyped one, if any is close enough.
fn closest_id<'m>(model: &'m Model, id: &str) -> Option<&'m str> {
    crate::text::closest(id, model.traits().map(|(_, t)| t.id.as_str()), 0.8)
}

#[cfg(test)]
mod tests;
