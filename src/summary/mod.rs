//! The summary across many results: how many organisations stand at each
//! stage, the mean fit per stage, the most common first next steps, and the
//! rows left out (blank, or failed under `--keep-going`). Pure, and built one
//! result at a time so that memory stays flat.

use crate::answers::Answer;
use crate::input::RowList;
use crate::model::Model;
use crate::scoring::{Assessment, StepReason};
use serde::Serialize;

/// How many of the most common next steps the summary lists.
pub const TOP_NEXT_STEPS: usize = 5;

/// The summary of a batch, as `--summary` prints it in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Answer sets scored.
    pub organisations: usize,
    /// How many of them are in transition to a higher stage.
    pub in_transition: usize,
    /// How many were not placed (too few answers): counted in no stage.
    pub not_placed: usize,
    pub stages: Vec<StageSummary>,
    /// The first next steps named most often, most common first.
    pub top_next_steps: Vec<StepCount>,
    /// Rows skipped because they hold nothing (a spreadsheet's trailing rows).
    pub blank_rows: LeftOut,
    /// Answer sets left out because they are bad (`--keep-going`), and
    /// inputs that could not be read at all.
    pub failed: LeftOut,
    /// The run stopped at a bad answer set (no `--keep-going`): what came
    /// after it was not read, so these counts are not the whole input.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
}

/// Rows left out of the results: how many, and the first few by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LeftOut {
    pub count: usize,
    /// The first [`LeftOut::NAMED`], in input order.
    pub rows: Vec<InputRow>,
}

/// One row of one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputRow {
    pub file: String,
    /// As a result's `row`; null when the whole input failed (unreadable,
    /// a bad header).
    pub row: Option<usize>,
}

impl LeftOut {
    /// How many rows are named; the rest are counted.
    pub const NAMED: usize = 10;

    fn push(&mut self, file: &str, row: Option<usize>) {
        self.count += 1;
        if self.rows.len() < Self::NAMED {
            self.rows.push(InputRow {
                file: file.to_string(),
                row,
            });
        }
    }

    /// "a.csv rows 3, 5; b.jsonl row 2; missing.yaml, and 4 more".
    pub fn describe(&self) -> String {
        let mut parts: Vec<(&str, Vec<String>)> = Vec::new();
        for r in &self.rows {
            let row = r.row.map(|n| n.to_string());
            match parts.last_mut() {
                Some((file, rows)) if *file == r.file && row.is_some() && !rows.is_empty() => {
                    rows.extend(row)
                }
                _ => parts.push((&r.file, row.into_iter().collect())),
            }
        }
        let mut text = parts
            .iter()
            .map(|(file, rows)| match rows.len() {
                0 => file.to_string(),
                1 => format!("{file} row {}", rows[0]),
                _ => format!("{file} rows {}", rows.join(", ")),
            })
            .collect::<Vec<_>>()
            .join("; ");
        if self.count > self.rows.len() {
            text.push_str(&format!(", and {} more", self.count - self.rows.len()));
        }
        text
    }
}

impl Summary {
    /// A sentence for each kind of row left out, if any: "2 blank rows
    /// skipped: a.csv rows 5, 6".
    pub fn left_out(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let n = self.blank_rows.count;
        if n > 0 {
            let s = if n == 1 { "" } else { "s" };
            let rows = self.blank_rows.describe();
            lines.push(format!("{n} blank row{s} skipped: {rows}"));
        }
        let n = self.failed.count;
        if n > 0 {
            let (s, were) = if n == 1 { ("", "was") } else { ("s", "were") };
            let rows = self.failed.describe();
            lines.push(format!(
                "{n} answer set{s} failed and {were} left out: {rows}"
            ));
        }
        if self.stopped {
            lines.push(
                "Stopped at the first bad answer set: the input after it was not read \
                 (--keep-going reads on)"
                    .to_string(),
            );
        }
        lines
    }
}

/// One stage across the batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSummary {
    pub number: u32,
    pub id: String,
    pub name: String,
    /// Organisations whose current stage this is.
    pub organisations: usize,
    /// Mean fit over the organisations that answered at least one of its
    /// questions; null when none did.
    pub mean_fit: Option<f64>,
    /// How many organisations the mean is taken over.
    pub answered_by: usize,
}

/// A next step and how many organisations have it first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCount {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub stage: u32,
    pub action: String,
    pub organisations: usize,
}

/// Adds results up one at a time.
#[derive(Debug, Clone, Default)]
pub struct SummaryBuilder {
    organisations: usize,
    in_transition: usize,
    not_placed: usize,
    at_stage: Vec<usize>,
    fit_sum: Vec<f64>,
    answered_by: Vec<usize>,
    /// Per trait position, per text it can show ([`Trait::step_texts`],
    /// then its "find out" text): how often it is the first next step.
    first_steps: Vec<Vec<usize>>,
    blank_rows: LeftOut,
    failed: LeftOut,
    stopped: bool,
}

impl SummaryBuilder {
    pub fn new(model: &Model) -> SummaryBuilder {
        let stages = model.stages().len();
        SummaryBuilder {
            at_stage: vec![0; stages],
            fit_sum: vec![0.0; stages],
            answered_by: vec![0; stages],
            first_steps: model
                .traits()
                .map(|(_, t)| vec![0; t.step_texts().count() + 1])
                .collect(),
            ..SummaryBuilder::default()
        }
    }

    /// Adds one result, scored from `answers` (in trait position order).
    pub fn add(&mut self, model: &Model, a: &Assessment, answers: &[Answer]) {
        self.organisations += 1;
        self.in_transition += usize::from(a.placement.in_transition_to.is_some());
        match a.current().and_then(|c| self.at_stage.get_mut(c)) {
            Some(n) => *n += 1,
            None => self.not_placed += 1,
        }
        for (i, f) in a.fit.iter().enumerate().take(self.fit_sum.len()) {
            // A stage that does not apply to this organisation has no fit
            // to average in.
            if f.answered > 0 && !f.not_applicable {
                self.fit_sum[i] += f.fit;
                self.answered_by[i] += 1;
            }
        }
        // Counted by the text the organisation was shown: two contexts
        // may get two texts of one step.
        if let Some(step) = a.next_steps.first()
            && let Some((counts, t)) = self
                .first_steps
                .get_mut(step.position)
                .zip(model.traits().nth(step.position).map(|(_, t)| t))
        {
            let text = if step.reason == StepReason::FindOut {
                counts.len() - 1
            } else {
                let answer = answers.get(step.position).copied();
                t.step_variant(&a.context, answer.unwrap_or(Answer::Unknown))
            };
            if let Some(n) = counts.get_mut(text) {
                *n += 1;
            }
        }
    }

    /// The blank rows one input skipped.
    pub fn blank_rows(&mut self, file: &str, rows: &RowList) {
        for &row in &rows.first {
            self.blank_rows.push(file, Some(row));
        }
        // Only the first few of an input are known by number.
        self.blank_rows.count += rows.count - rows.first.len();
    }

    /// An answer set (at `row`) or a whole input (None) that failed.
    pub fn failed(&mut self, file: &str, row: Option<usize>) {
        self.failed.push(file, row);
    }

    pub fn organisations(&self) -> usize {
        self.organisations
    }

    pub fn finish(&self, model: &Model) -> Summary {
        let stages = model
            .stages()
            .iter()
            .enumerate()
            .map(|(i, s)| StageSummary {
                number: s.number,
                id: s.id.clone(),
                name: s.name.clone(),
                organisations: self.at_stage[i],
                mean_fit: (self.answered_by[i] > 0)
                    .then(|| self.fit_sum[i] / self.answered_by[i] as f64),
                answered_by: self.answered_by[i],
            })
            .collect();
        // One entry per step, quoted in the words most of its organisations
        // were shown (the first on a tie): contexts and "partly" answers
        // word one step differently, and it is still one step.
        let mut steps: Vec<StepCount> = model
            .traits()
            .zip(&self.first_steps)
            .filter_map(|((s, t), counts)| {
                let total: usize = counts.iter().sum();
                let (most, _) = counts.iter().enumerate().rev().max_by_key(|(_, n)| **n)?;
                (total > 0).then(|| StepCount {
                    trait_id: t.id.clone(),
                    stage: s.number,
                    action: if most == counts.len() - 1 {
                        t.find_out_step()
                    } else {
                        t.step_texts().nth(most).unwrap_or_default().into_owned()
                    },
                    organisations: total,
                })
            })
            .collect();
        // Stable: equal counts keep the model's order.
        steps.sort_by_key(|s| std::cmp::Reverse(s.organisations));
        steps.truncate(TOP_NEXT_STEPS);
        Summary {
            organisations: self.organisations,
            in_transition: self.in_transition,
            not_placed: self.not_placed,
            stages,
            top_next_steps: steps,
            blank_rows: self.blank_rows.clone(),
            failed: self.failed.clone(),
            stopped: self.stopped,
        }
    }

    /// The run stopped at a bad answer set: the rest was not read.
    pub fn stopped(&mut self) {
        self.stopped = true;
    }
}

#[cfg(test)]
mod tests;
