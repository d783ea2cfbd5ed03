//! Batch output: many results written one at a time, behind the small
//! [`ResultWriter`] trait (begin, one result, end with an optional summary),
//! so that nothing but the result at hand is held.

pub use super::csv::{neutralise, questions as csv_questions};

use super::{Format, csv, json, markdown, table, yaml};
use crate::answers::Respondent;
use crate::model::{Stage, Trait};
use crate::scoring::{Assessment, Diagnosis, Scorer};
use crate::style::Style;
use crate::summary::Summary;
use serde::Serialize;
use std::io::Write;

/// One scored answer set, with what writers need to render it.
pub struct Scored<'a> {
    /// Position in the output, from 1: tells apart organisations of the same name.
    pub index: usize,
    pub respondent: &'a Respondent,
    pub assessment: &'a Assessment,
    pub scorer: &'a Scorer<'a>,
}

impl Scored<'_> {
    pub fn organisation(&self) -> Option<&str> {
        self.respondent.organisation.as_deref()
    }

    /// Where the answer set stands in its input (see [`Respondent::row`]).
    pub fn row(&self) -> usize {
        self.respondent.row
    }

    /// The current stage; None when the answers are too few to place it.
    pub fn stage(&self) -> Option<&Stage> {
        self.assessment
            .current()
            .map(|i| &self.scorer.model().stages()[i])
    }

    pub fn in_transition_to(&self) -> Option<&Stage> {
        self.assessment
            .placement
            .in_transition_to
            .map(|i| &self.scorer.model().stages()[i])
    }

    /// Stages in place above the current one: strengths ahead of the stage.
    pub fn ahead(&self) -> impl Iterator<Item = &Stage> {
        let stages = self.scorer.model().stages();
        self.assessment
            .placement
            .ahead
            .iter()
            .map(move |&i| &stages[i])
    }

    /// The fit of the current stage, if placed.
    pub fn fit(&self) -> Option<f64> {
        self.assessment
            .current()
            .map(|i| self.assessment.fit[i].fit)
    }

    /// The highest-leverage next step, if any is left.
    pub fn first_step(&self) -> Option<&Trait> {
        let step = self.assessment.next_steps.first()?;
        self.scorer
            .model()
            .traits()
            .nth(step.position)
            .map(|(_, t)| t)
    }

    /// What a row shows for the first next step: its action for this
    /// organisation's context, or, for a question to find out, the question.
    pub fn first_action(&self) -> Option<std::borrow::Cow<'_, str>> {
        let t = self.first_step()?;
        let step = self.assessment.next_steps.first()?;
        Some(if step.reason == crate::scoring::StepReason::FindOut {
            format!("Find out whether this is true: \"{}\"", t.question.trim()).into()
        } else {
            let answer = self.respondent.answers.get(step.position).copied();
            t.step_text(
                &self.respondent.context,
                answer.unwrap_or(crate::answers::Answer::Unknown),
            )
        })
    }

    /// The full result, as `score --format json` prints it.
    pub fn diagnosis(&self) -> Diagnosis {
        self.scorer.diagnosis(
            self.respondent.organisation.clone(),
            self.respondent.date.clone(),
            &self.respondent.answers,
            self.assessment,
        )
    }
}

/// One result of a batch as JSON and YAML write it: the full result, with
/// the input row it came from first.
#[derive(Serialize)]
pub struct RowResult<'a> {
    pub row: usize,
    #[serde(flatten)]
    pub diagnosis: &'a Diagnosis,
}

/// Writes results as they come.
pub trait ResultWriter {
    /// Before the first result (a header, an opening bracket).
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()>;
    fn result(&mut self, scored: &Scored, out: &mut dyn Write) -> anyhow::Result<()>;
    /// After the last result; `summary` is given when there is one to print.
    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// The batch writer for `format`. `with_summary`: the JSON and YAML shapes
/// that hold a summary (`{"results": [..], "summary": {..}}`). `terminal`:
/// stdout is a terminal, so table rows are cut to its width.
pub fn result_writer(
    format: Format,
    style: Style,
    scorer: &Scorer,
    with_summary: bool,
    terminal: bool,
) -> Box<dyn ResultWriter> {
    match format {
        Format::Table => Box::new(table::batch::Rows::new(style, scorer.model(), terminal)),
        Format::Markdown => Box::new(markdown::batch::Rows),
        Format::Csv => Box::new(csv::Rows::new(scorer.model())),
        Format::Json => Box::new(json::batch::Array::new(with_summary)),
        Format::Jsonl => Box::new(json::batch::Lines::default()),
        Format::Yaml => Box::new(yaml::batch::Sequence::new(with_summary)),
    }
}

/// "3 SaaS 1.0".
pub(super) fn stage_label(stage: &Stage) -> String {
    format!("{} {}", stage.number, stage.name)
}

/// The legend under the summary's histogram.
pub const MEAN_FIT: &str = "Organisations: how many stand at that stage. Mean fit: the stage's average \
     fit over the organisations that answered any of its questions.";

/// What a batch row shows instead of a stage when nobody is placed.
pub const NOT_PLACED: &str = "not placed";

/// "5 Self-serve, 7 Data-driven": the stages ahead, for one cell.
pub(super) fn ahead_label(s: &Scored) -> String {
    s.ahead().map(stage_label).collect::<Vec<_>>().join(", ")
}
