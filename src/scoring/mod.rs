//! Scoring: model x answers -> diagnosis. Pure: no I/O, deterministic.
//!
//! Rule 1, the fit of a stage: the weighted mean of its known answers on
//! 0..1 (sum of weight x answer/4, divided by the sum of the weights of the
//! answered traits); "don't know" is left out of both sides, and shrinks the
//! stage's *coverage* (the answered share of its weight) instead.
//! Rule 1 is computed in `fit.rs`, placement (which stage, what is ahead,
//! what was skipped) in [`placement`], confidence in [`confidence`], next
//! steps in [`steps`].

mod applies;
mod assessment;
pub mod confidence;
mod evidence;
mod fit;
mod lines;
mod moot;
mod partly;
pub mod placement;
mod quick;
mod result;
pub mod roadmap;
mod steps;
mod worries;

pub use assessment::*;
pub use lines::{FIND_OUT_FIRST, NOTHING_MISSING, steps_line};
pub use partly::{PARTLY_IN_PLACE, PartlyInPlace};
pub use placement::{EMERGING, MIN_ANSWERED, MIN_COVERAGE, REACHED, WEAK};
pub use result::*;
pub use steps::{MAX_NEXT_STEPS, MAX_SKIPPED_STEPS, MAX_UNMET, MIN_NEXT_STEPS};

use crate::answers::{Answer, AnswerSet};
use crate::context::{Condition, Context};
use crate::model::{Model, Trait};
use placement::{Ladder, Status};
use std::ops::Range;

/// How many pieces of evidence are listed each way.
pub const EVIDENCE_EACH_WAY: usize = 3;
/// The most questions listed to answer first when nobody is placed.
pub const MAX_ASK_FIRST: usize = 6;
/// An answer of this ("mostly true") or more: the practice is there, for
/// evidence, conflicting signals and what makes a step moot.
const MOSTLY: u8 = 3;

/// Scores one answer set against the model.
pub fn diagnose(model: &Model, answers: &AnswerSet) -> Diagnosis {
    let scorer = Scorer::new(model);
    let vector = scorer.vector(answers);
    let assessment = scorer.assess_in(&vector, &answers.context);
    scorer.diagnosis(
        answers.organisation.clone(),
        answers.date.clone(),
        &vector,
        &assessment,
    )
}

/// The model compiled for scoring: weights and stage boundaries by trait
/// position, so that scoring an answer set does no lookups by id. Build it
/// once and score any number of answer sets with it.
#[derive(Debug, Clone)]
pub struct Scorer<'m> {
    model: &'m Model,
    weights: Vec<f64>,
    /// Per trait position: when it applies (the model's `applies_when`).
    conditions: Vec<Condition>,
    /// The same, as masks of the traits each context value rules out
    /// (see [`applies::excluded`]).
    excluded: Vec<[[u64; 8]; 4]>,
    /// Per trait position: the worries it addresses, as a mask over `WORRIES`.
    addresses: Vec<u16>,
    /// The same, only the first worry it lists: the one it answers most directly.
    primary: Vec<u16>,
    /// Per trait position: a report or a pay change (see [`Scorer::off_worry`]).
    report_or_pay: Vec<bool>,
    /// Per stage index: the positions of its traits.
    ranges: Vec<Range<usize>>,
    /// Per stage index: 1 / the sum of its weights, for its coverage.
    inverse_weight: Vec<f64>,
    /// Per stage index: the indices of the stages it builds on.
    foundations: Vec<Vec<usize>>,
    /// The same as bit masks (stage indices fit in a u64; the model checks).
    foundations_mask: Vec<u64>,
    ladder: Ladder,
    /// Pairs of trait positions that contradict each other (the model's `contradicts`).
    contradictions: Vec<(usize, usize)>,
    /// Per trait position: when the answers make it no next step.
    moot: Vec<moot::Moot>,
}

impl<'m> Scorer<'m> {
    pub fn new(model: &'m Model) -> Scorer<'m> {
        let stages = model.stages();
        let mut ranges = Vec::with_capacity(stages.len());
        let mut start = 0;
        for s in stages {
            ranges.push(start..start + s.traits.len());
            start += s.traits.len();
        }
        let index = |number: u32| stages.iter().position(|s| s.number == number);
        let foundations: Vec<Vec<usize>> = stages
            .iter()
            .map(|s| {
                model
                    .foundations(s.number)
                    .filter_map(|f| index(f.number))
                    .collect()
            })
            .collect();
        let foundations_mask: Vec<u64> = foundations
            .iter()
            .map(|f| placement::mask(f.iter().copied()))
            .collect();
        let ladder = Ladder {
            foundations: foundations_mask.clone(),
            entry_point: stages.iter().map(|s| s.entry_point).collect(),
        };
        let contradictions = model
            .traits()
            .enumerate()
            .flat_map(|(i, (_, t))| {
                t.contradicts
                    .iter()
                    .filter_map(move |id| model.trait_position(id).map(|j| (i.min(j), i.max(j))))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let weights: Vec<f64> = model.traits().map(|(_, t)| t.weight).collect();
        let conditions: Vec<Condition> = model.traits().map(|(_, t)| t.condition).collect();
        let excluded = applies::excluded(&conditions);
        let addresses = model
            .traits()
            .map(|(_, t)| {
                t.addresses
                    .iter()
                    .filter_map(|w| crate::context::worry_index(w))
                    .fold(0u16, |m, i| m | 1 << i)
            })
            .collect();
        let primary = model
            .traits()
            .map(|(_, t)| {
                let first = t
                    .addresses
                    .first()
                    .and_then(|w| crate::context::worry_index(w));
                first.map_or(0u16, |i| 1 << i)
            })
            .collect();
        let report_or_pay = model
            .traits()
            .map(|(_, t)| t.kind != crate::model::Kind::Practice)
            .collect();
        let inverse_weight = ranges
            .iter()
            .map(|r| {
                let sum: f64 = weights[r.clone()].iter().sum();
                if sum > 0.0 { 1.0 / sum } else { 0.0 }
            })
            .collect();
        Scorer {
            model,
            conditions,
            excluded,
            addresses,
            primary,
            report_or_pay,
            contradictions,
            moot: moot::rules(model),
            inverse_weight,
            weights,
            ranges,
            foundations,
            foundations_mask,
            ladder,
        }
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The answers of `set` in trait position order.
    pub fn vector(&self, set: &AnswerSet) -> Vec<Answer> {
        self.model.traits().map(|(_, t)| set.get(&t.id)).collect()
    }

    /// Scores answers in trait position order (missing ones count as "don't
    /// know"), without context.
    pub fn assess(&self, answers: &[Answer]) -> Assessment {
        self.assess_in(answers, &Context::default())
    }

    /// Scores answers in the organisation's context.
    pub fn assess_in(&self, answers: &[Answer], context: &Context) -> Assessment {
        let mut assessment = Assessment::default();
        self.assess_into(answers, context, &mut assessment);
        assessment
    }

    /// [`Scorer::assess_in`] into an assessment whose buffers are reused:
    /// what a batch does for every answer set.
    pub fn assess_into(&self, answers: &[Answer], context: &Context, a: &mut Assessment) {
        self.assess_with(answers, context, a, Steps::All);
    }

    /// [`Scorer::assess_into`], ranking all next steps or only the first.
    pub fn assess_with(
        &self,
        answers: &[Answer],
        context: &Context,
        a: &mut Assessment,
        steps: Steps,
    ) {
        if answers.len() != self.weights.len() {
            // Not in trait position order: pad or cut, then score.
            let mut padded = answers.to_vec();
            padded.resize(self.weights.len(), Answer::Unknown);
            return self.assess_with(&padded, context, a, steps);
        }
        a.context = *context;
        // What does not apply becomes "n/a", in a buffer the assessment
        // keeps, so that a batch row costs no allocation.
        let mut scratch = std::mem::take(&mut a.scratch);
        let restricted = self.restrict_into(answers, context, &mut scratch);
        let answers = if restricted { &scratch[..] } else { answers };
        self.assess_applicable(answers, a, steps);
        a.scratch = scratch;
    }

    /// [`Scorer::assess_with`] on answers where what does not apply is "n/a".
    fn assess_applicable(&self, answers: &[Answer], a: &mut Assessment, steps: Steps) {
        self.fits(answers, a);
        let share = a.answered as f64 / a.applicable.max(1) as f64;
        self.ladder.place(&a.fit, share, &mut a.placement);
        let mut list = std::mem::take(&mut a.next_steps);
        list.clear();
        if let Some(current) = a.placement.current {
            self.rank_steps(current, a, answers, steps, &mut list);
        }
        a.next_steps = list;
        a.steps = steps;
        a.confidence = self.confidence(a, answers, None);
    }

    /// The status of a stage by index (see [`placement`]).
    pub fn status(&self, a: &Assessment, stage: usize) -> Status {
        a.fit.get(stage).map_or(Status::Unknown, Status::of)
    }

    /// Expands an assessment into the full result, with every text.
    pub fn diagnosis(
        &self,
        organisation: Option<String>,
        date: Option<String>,
        answers: &[Answer],
        a: &Assessment,
    ) -> Diagnosis {
        if answers.len() != self.weights.len() {
            // Not in trait position order: pad or cut, as assess does.
            let mut padded = answers.to_vec();
            padded.resize(self.weights.len(), Answer::Unknown);
            return self.diagnosis(organisation, date, &padded, a);
        }
        if a.steps != Steps::All {
            let full = self.assess_in(answers, &a.context);
            return self.diagnosis(organisation, date, answers, &full);
        }
        let context = a.context;
        let answers = &*self.applicable(answers, &context);
        let stages = self.model.stages();
        let traits: Vec<&Trait> = self.model.traits().map(|(_, t)| t).collect();
        let answer = |i: usize| answers.get(i).copied().unwrap_or(Answer::Unknown);
        let fit: Vec<StageFit> = stages
            .iter()
            .zip(&a.fit)
            .zip(&self.ranges)
            .map(|((s, f), range)| StageFit {
                number: s.number,
                id: s.id.clone(),
                name: s.name.clone(),
                fit: f.fit,
                answered: f.answered,
                // What the stage asks of this organisation: what applies.
                total: s.traits.len()
                    - answers[range.clone()]
                        .iter()
                        .filter(|x| **x == Answer::NotApplicable)
                        .count(),
                carries_forward: s.carries_forward,
                coverage: f.coverage,
                not_applicable: f.not_applicable,
            })
            .collect();
        let next_steps = a
            .next_steps
            .iter()
            .map(|step| self.next_step(step, answers, &context))
            .collect();
        let mut reasons = Vec::new();
        let level = self.confidence(a, answers, Some(&mut reasons));
        let p = &a.placement;
        Diagnosis {
            organisation,
            date,
            context,
            stage: p.current.map(|i| (&stages[i]).into()),
            not_placed: p.not_placed,
            reached: p.reached,
            in_transition_to: p.in_transition_to.map(|i| (&stages[i]).into()),
            ahead: p
                .ahead
                .iter()
                .map(|&i| AheadStage {
                    number: stages[i].number,
                    id: stages[i].id.clone(),
                    name: stages[i].name.clone(),
                    fit: a.fit[i].fit,
                    blocked_by: self.foundations[i]
                        .iter()
                        .filter(|&&f| Status::of(&a.fit[f]) == Status::Missing)
                        .map(|&f| stages[f].number)
                        .collect(),
                })
                .collect(),
            builds_on: p.current.map_or_else(Vec::new, |c| {
                self.foundations[c]
                    .iter()
                    .map(|&i| stages[i].number)
                    .collect()
            }),
            moving_on: p
                .current
                .map(|c| stages[c].moving_on_in(&context).to_string()),
            skipped_foundations: p.skipped.iter().map(|&i| fit[i].clone()).collect(),
            fit,
            next_steps,
            partly_in_place: p
                .current
                .map_or_else(Vec::new, |c| self.partly_in_place(c, answers)),
            held_back: self.held_back(answers, a),
            worries_with_gaps: (0..answers.len())
                .filter(|&i| matches!(answers[i], Answer::Scale(0..=1)) && !self.moot(i, answers))
                .fold(0, |m, i| m | self.addresses[i])
                & context.worry_mask(),
            ask_first: match p.current {
                Some(_) => Vec::new(),
                None => self.ask_first(a, answers),
            },
            evidence: p
                .current
                .map_or_else(Vec::new, |c| self.evidence(c, answers)),
            answered: a.answered,
            total: a.applicable,
            confidence: Confidence { level, reasons },
            answers: traits
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let value = match answer(i) {
                        Answer::Scale(n) => Some(n),
                        Answer::Unknown | Answer::NotApplicable => None,
                    };
                    (t.id.clone(), value)
                })
                .collect(),
            not_applicable: traits
                .iter()
                .enumerate()
                .filter(|&(i, _)| answer(i) == Answer::NotApplicable)
                .map(|(_, t)| t.id.clone())
                .collect(),
            roadmap: None,
        }
    }
}

#[cfg(test)]
mod tests;
