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
mod tests {
    use super::*;
    use crate::model::load_embedded;
    use crate::scoring::placement::Placement;
    use crate::scoring::{Fit, Step, StepReason};

    fn assessment(current: usize, fits: &[(f64, usize)], first_step: Option<usize>) -> Assessment {
        Assessment {
            fit: fits
                .iter()
                .map(|&(fit, answered)| Fit {
                    fit,
                    answered,
                    coverage: 1.0,
                    not_applicable: false,
                })
                .collect(),
            placement: Placement {
                current: Some(current),
                in_transition_to: (current == 2).then_some(3),
                ..Placement::default()
            },
            next_steps: first_step
                .map(|position| Step {
                    position,
                    stage: 0,
                    reason: StepReason::NextStage,
                    priority: 1.0,
                })
                .into_iter()
                .collect(),
            ..Assessment::default()
        }
    }

    #[test]
    fn counts_means_and_first_steps_add_up() {
        let model = load_embedded().unwrap();
        let mut fits = vec![(0.5, 3); 8];
        let mut b = SummaryBuilder::new(&model);
        b.add(&model, &assessment(2, &fits, Some(7)), &[]);
        fits[0] = (0.0, 0); // stage 1 not answered: left out of its mean
        fits[1] = (1.0, 4);
        b.add(&model, &assessment(2, &fits, Some(7)), &[]);
        b.add(&model, &assessment(5, &fits, Some(3)), &[]);
        let s = b.finish(&model);
        assert_eq!(s.organisations, 3);
        assert_eq!(s.in_transition, 2);
        let at: Vec<usize> = s.stages.iter().map(|s| s.organisations).collect();
        assert_eq!(at, [0, 0, 2, 0, 0, 1, 0, 0]);
        assert_eq!(
            (s.stages[0].mean_fit, s.stages[0].answered_by),
            (Some(0.5), 1)
        );
        let two = s.stages[1].mean_fit.unwrap();
        assert!((two - (0.5 + 1.0 + 1.0) / 3.0).abs() < 1e-12);
        let steps: Vec<(usize, usize)> = s
            .top_next_steps
            .iter()
            .map(|c| {
                let position = model.trait_position(&c.trait_id).unwrap();
                (position, c.organisations)
            })
            .collect();
        assert_eq!(steps, [(7, 2), (3, 1)]);
    }

    #[test]
    fn a_step_shown_in_the_same_words_is_counted_once() {
        // A trait without a `partly` text shows the same action whether it
        // was answered 0 or 2: one entry, counted twice.
        let model = load_embedded().unwrap();
        let (position, _) = model
            .traits()
            .enumerate()
            .find(|(_, (_, t))| t.partly.is_none())
            .expect("a trait without a partly text");
        let fits = vec![(0.5, 3); 8];
        let mut b = SummaryBuilder::new(&model);
        for answer in [0, 2] {
            let mut answers = vec![Answer::Unknown; model.trait_count()];
            answers[position] = Answer::Scale(answer);
            b.add(&model, &assessment(2, &fits, Some(position)), &answers);
        }
        let s = b.finish(&model);
        assert_eq!(s.top_next_steps.len(), 1, "{:?}", s.top_next_steps);
        assert_eq!(s.top_next_steps[0].organisations, 2);
    }

    #[test]
    fn rows_left_out_are_named_by_input_then_counted() {
        let model = load_embedded().unwrap();
        let mut b = SummaryBuilder::new(&model);
        b.failed("a.csv", Some(3));
        b.failed("a.csv", Some(5));
        b.failed("missing.yaml", None);
        b.failed("b.jsonl", Some(2));
        let blank = RowList {
            count: 14,
            first: (1..=10).collect(),
        };
        b.blank_rows("c.csv", &blank);
        let s = b.finish(&model);
        assert_eq!(
            s.left_out(),
            [
                "14 blank rows skipped: c.csv rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 4 more",
                "4 answer sets failed and were left out: a.csv rows 3, 5; missing.yaml; b.jsonl row 2"
            ]
        );
        assert!(
            SummaryBuilder::new(&model)
                .finish(&model)
                .left_out()
                .is_empty()
        );
    }

    #[test]
    fn a_stage_that_does_not_apply_is_left_out_of_its_mean() {
        let model = load_embedded().unwrap();
        let mut b = SummaryBuilder::new(&model);
        b.add(&model, &assessment(3, &[(0.8, 4); 8], None), &[]);
        let mut n_a = assessment(3, &[(0.2, 2); 8], None);
        n_a.fit[2].not_applicable = true;
        b.add(&model, &n_a, &[]);
        let s = b.finish(&model);
        assert_eq!(
            (s.stages[2].mean_fit, s.stages[2].answered_by),
            (Some(0.8), 1)
        );
        assert_eq!(s.stages[1].answered_by, 2);
    }

    #[test]
    fn a_stage_nobody_answered_has_no_mean() {
        let model = load_embedded().unwrap();
        let mut b = SummaryBuilder::new(&model);
        b.add(&model, &assessment(0, &[(0.0, 0); 8], None), &[]);
        let s = b.finish(&model);
        assert!(s.stages.iter().all(|s| s.mean_fit.is_none()));
        assert!(s.top_next_steps.is_empty());
    }
}
