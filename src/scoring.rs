//! Scoring: model x answers -> diagnosis. Pure: no I/O, deterministic.
//!
//! The rules, in the order they are applied (the README works an example):
//! 1. Fit of a stage = weighted mean of its known answers on 0..1
//!    (sum of weight x answer/4, divided by the sum of the weights of the
//!    answered traits); "don't know" is left out of both sides.
//! 2. A stage is *reached* at a fit of [`REACHED`] or more.
//! 3. The current stage is the highest reached stage whose foundations (the
//!    carry-forward stages below it) include at most [`MAX_SKIPPED`] that fit
//!    under [`WEAK`]: stages may come out of order, but not wholesale. If no
//!    reached stage qualifies, the highest reached stage (a small vendor can
//!    go straight to self-serve); if none is reached, the best-fitting stage,
//!    with low confidence.
//! 4. In transition: the first of the next two stages above the current one
//!    that fits [`EMERGING`] or more.
//! 5. Skipped foundations: foundations of the current stage that fit under [`WEAK`].
//! 6. Next steps: unmet traits (answered 0-2 or "don't know") of the skipped
//!    foundations first (at most three); then the current stage's worst hole
//!    (a trait answered 0-1), unless the current stage is superseded; then the
//!    weak foundations of the stage being moved to (the transition target,
//!    else the next stage) that lie above the current one, and that stage
//!    itself (at the top stage: its foundations); then, if fewer than three,
//!    the current stage's other gaps. Each group is ordered by weight x gap
//!    (gap = 1 - answer/4, "don't know" counts 0.5); at most five in all.

use crate::answers::{Answer, AnswerSet};
use crate::model::{Model, Stage, Trait};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Fit at which a stage counts as reached.
pub const REACHED: f64 = 0.6;
/// Fit at which the next stage counts as emerging (in transition).
pub const EMERGING: f64 = 0.4;
/// Fit under which a foundation counts as skipped.
pub const WEAK: f64 = 0.5;
/// How many weak foundations a stage may have and still be the current one.
pub const MAX_SKIPPED: usize = 1;
/// The most next steps a diagnosis lists, and the fewest it tries to find.
pub const MAX_NEXT_STEPS: usize = 5;
pub const MIN_NEXT_STEPS: usize = 3;
/// The most next steps taken from skipped foundations, to leave room for the way up.
pub const MAX_SKIPPED_STEPS: usize = 3;
/// Answers up to this are unmet: "partly" is not yet in place.
pub const MAX_UNMET: u8 = 2;
/// How many pieces of evidence are listed each way.
pub const EVIDENCE_EACH_WAY: usize = 3;

/// A stage as named in a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRef {
    pub number: u32,
    pub id: String,
    pub name: String,
}

impl From<&Stage> for StageRef {
    fn from(s: &Stage) -> Self {
        StageRef {
            number: s.number,
            id: s.id.clone(),
            name: s.name.clone(),
        }
    }
}

/// How well the answers match one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFit {
    pub number: u32,
    pub id: String,
    pub name: String,
    /// 0..1; 0 when no trait of the stage was answered.
    pub fit: f64,
    /// Traits of this stage with a known answer, and how many it has.
    pub answered: usize,
    pub total: usize,
}

/// One action to take, from an unmet trait.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    #[serde(rename = "trait")]
    pub trait_id: String,
    /// The stage number the trait belongs to.
    pub stage: u32,
    pub action: String,
    /// Why it is listed: "skipped foundation", "current stage", "foundation"
    /// (of the stage being moved to, or at the top stage of the current one)
    /// or "next stage".
    pub reason: &'static str,
    pub statement: String,
    /// The answer given, or null for "don't know".
    pub answer: Option<u8>,
    /// weight x gap: the order within its group.
    pub priority: f64,
}

/// Whether an answer supports the result or speaks against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    For,
    Against,
}

/// An answer that weighed on the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub stage: u32,
    pub statement: String,
    pub answer: u8,
    pub weight: f64,
    pub direction: Direction,
    /// weight x how strongly the answer points that way.
    pub impact: f64,
}

/// How sure the result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfidenceLevel {
    #[default]
    Low,
    Medium,
    High,
}

impl ConfidenceLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfidenceLevel::Low => "low",
            ConfidenceLevel::Medium => "medium",
            ConfidenceLevel::High => "high",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confidence {
    pub level: ConfidenceLevel,
    /// Why it is not high; empty when it is.
    pub reasons: Vec<String>,
}

/// The full result for one organisation: the JSON contract of `score`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub stage: StageRef,
    /// False when no stage reached 60% and the closest one is shown.
    pub reached: bool,
    pub in_transition_to: Option<StageRef>,
    pub fit: Vec<StageFit>,
    /// The stage numbers the current stage builds on.
    pub builds_on: Vec<u32>,
    pub skipped_foundations: Vec<StageFit>,
    pub next_steps: Vec<NextStep>,
    /// What it takes to move on from the current stage, from the model.
    pub moving_on: String,
    pub evidence: Vec<Evidence>,
    pub answered: usize,
    pub total: usize,
    pub confidence: Confidence,
    /// Every question id of the model with its answer (0-4, null for don't
    /// know), so that a saved result can be compared later.
    pub answers: BTreeMap<String, Option<u8>>,
    /// The way to a target stage, when one was asked for (`score --target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<crate::roadmap::Roadmap>,
}

impl Diagnosis {
    /// The fit of the current stage.
    pub fn current_fit(&self) -> f64 {
        self.fit_of(self.stage.number)
    }

    pub fn fit_of(&self, number: u32) -> f64 {
        self.fit
            .iter()
            .find(|f| f.number == number)
            .map_or(0.0, |f| f.fit)
    }
}

/// Scores one answer set against the model.
pub fn diagnose(model: &Model, answers: &AnswerSet) -> Diagnosis {
    let scorer = Scorer::new(model);
    let vector = scorer.vector(answers);
    let assessment = scorer.assess(&vector);
    scorer.diagnosis(
        answers.organisation.clone(),
        answers.date.clone(),
        &vector,
        &assessment,
    )
}

/// The fit of one stage, by stage index.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fit {
    /// 0..1; 0 when no trait of the stage was answered.
    pub fit: f64,
    /// Traits of the stage with a known answer.
    pub answered: usize,
}

/// A next step by trait position, before its texts are looked up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The trait's position in [`Model::traits`] order.
    pub position: usize,
    /// The index of the stage the trait belongs to.
    pub stage: usize,
    pub reason: &'static str,
    pub priority: f64,
}

/// How many next steps an assessment ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Steps {
    /// All of them, as the diagnosis lists them.
    #[default]
    All,
    /// Only the first: all that a row of a batch table or CSV shows, found
    /// without ranking the rest.
    First,
}

/// The numbers of a diagnosis without its texts: cheap to compute, enough for
/// a row of a batch table or CSV. [`Scorer::diagnosis`] expands it into the
/// full [`Diagnosis`]. Stages are given by index into [`Model::stages`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assessment {
    /// Which next steps `next_steps` holds.
    pub steps: Steps,
    pub fit: Vec<Fit>,
    pub current: usize,
    pub reached: bool,
    pub in_transition_to: Option<usize>,
    pub skipped: Vec<usize>,
    pub next_steps: Vec<Step>,
    pub answered: usize,
    pub confidence: ConfidenceLevel,
}

/// One group of rule 6: the unmet traits of some stages, for one reason.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Bit `i` set: stage index `i` belongs to the group.
    stages: u64,
    reason: &'static str,
    max_unmet: u8,
    /// Leave "don't know" out (a hole is an answer, not a gap in knowledge).
    known_only: bool,
    /// The most steps the group gives.
    most: usize,
    /// Only when the groups before gave fewer than [`MIN_NEXT_STEPS`].
    fallback: bool,
}

/// The model compiled for scoring: weights and stage boundaries by trait
/// position, so that scoring an answer set does no lookups by id. Build it
/// once and score any number of answer sets with it.
#[derive(Debug, Clone)]
pub struct Scorer<'m> {
    model: &'m Model,
    weights: Vec<f64>,
    /// Per stage index: the positions of its traits.
    ranges: Vec<Range<usize>>,
    /// Per stage index: the indices of the stages it builds on.
    foundations: Vec<Vec<usize>>,
    /// The same as bit masks (stage indices fit in a u64; the model checks).
    foundations_mask: Vec<u64>,
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
        let foundations_mask = foundations
            .iter()
            .map(|f| f.iter().fold(0u64, |m, &i| m | 1 << i))
            .collect();
        Scorer {
            model,
            weights: model.traits().map(|(_, t)| t.weight).collect(),
            ranges,
            foundations,
            foundations_mask,
        }
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The answers of `set` in trait position order.
    pub fn vector(&self, set: &AnswerSet) -> Vec<Answer> {
        self.model.traits().map(|(_, t)| set.get(&t.id)).collect()
    }

    /// Applies rules 1-6 to answers in trait position order (missing ones
    /// count as "don't know").
    pub fn assess(&self, answers: &[Answer]) -> Assessment {
        let mut assessment = Assessment::default();
        self.assess_into(answers, &mut assessment);
        assessment
    }

    /// [`Scorer::assess`] into an assessment whose buffers are reused: what
    /// a batch does for every answer set.
    pub fn assess_into(&self, answers: &[Answer], a: &mut Assessment) {
        self.assess_with(answers, a, Steps::All);
    }

    /// [`Scorer::assess_into`], ranking all next steps or only the first.
    pub fn assess_with(&self, answers: &[Answer], a: &mut Assessment, steps: Steps) {
        if answers.len() != self.weights.len() {
            // Not in trait position order: pad or cut, then score.
            let mut padded = answers.to_vec();
            padded.resize(self.weights.len(), Answer::Unknown);
            return self.assess_with(&padded, a, steps);
        }
        // Rule 1.
        a.fit.clear();
        a.answered = 0;
        for range in &self.ranges {
            let (mut sum, mut weights, mut answered) = (0.0, 0.0, 0);
            // Without branches: "don't know" adds zero to both sides. Scaling
            // by 1/4 once at the end is exact, so the result is the same as
            // summing weight x answer/4.
            for (weight, answer) in self.weights[range.clone()]
                .iter()
                .zip(&answers[range.clone()])
            {
                let (known, value) = match *answer {
                    Answer::Scale(n) => (1.0, f64::from(n)),
                    Answer::Unknown => (0.0, 0.0),
                };
                sum += weight * value;
                weights += weight * known;
                answered += usize::from(matches!(answer, Answer::Scale(_)));
            }
            a.answered += answered;
            a.fit.push(Fit {
                fit: if weights > 0.0 {
                    sum * 0.25 / weights
                } else {
                    0.0
                },
                answered,
            });
        }
        let fit = &a.fit;
        let n = fit.len();
        let weak = |i: usize| fit[i].answered > 0 && fit[i].fit < WEAK;
        let is_reached = |i: usize| fit[i].answered > 0 && fit[i].fit >= REACHED;

        // Rule 3: the highest reached stage without wholesale skipped foundations.
        let qualifies = |i: usize| {
            is_reached(i) && self.foundations[i].iter().filter(|&&f| weak(f)).count() <= MAX_SKIPPED
        };
        // Else the highest reached stage (a small vendor may go straight to
        // self-serve); else the closest one.
        let chosen = (0..n)
            .rev()
            .find(|&i| qualifies(i))
            .or_else(|| (0..n).rev().find(|&i| is_reached(i)));
        let reached = chosen.is_some();
        // Ties go to the lower stage: claim no more than the answers show.
        let current = chosen.unwrap_or_else(|| {
            (0..n).fold(
                0,
                |best, i| {
                    if fit[best].fit >= fit[i].fit { best } else { i }
                },
            )
        });

        // Rule 4.
        let in_transition_to = (current + 1..=current + 2)
            .filter(|&i| i < n)
            .find(|&i| fit[i].answered > 0 && fit[i].fit >= EMERGING);
        // Rule 5.
        a.skipped.clear();
        if let Some(foundations) = self.foundations.get(current) {
            a.skipped
                .extend(foundations.iter().copied().filter(|&i| weak(i)));
        }
        // Rule 6.
        let next_stage = in_transition_to.or(Some(current + 1).filter(|&i| i < n));
        let mut list = std::mem::take(&mut a.next_steps);
        let groups = self.groups(&a.skipped, next_stage, current, &a.fit);
        match steps {
            Steps::All => self.next_steps(&groups, answers, &mut list),
            Steps::First => self.first_step(&groups, answers, &mut list),
        }
        a.next_steps = list;
        a.steps = steps;

        a.current = current;
        a.reached = reached;
        a.in_transition_to = in_transition_to;
        a.confidence = self.confidence(a, None);
    }

    /// The groups of rule 6, in order. Stage sets are bit masks of stage
    /// indices, so that finding them allocates nothing.
    fn groups(
        &self,
        skipped: &[usize],
        next_stage: Option<usize>,
        current: usize,
        fit: &[Fit],
    ) -> [Group; 5] {
        let weak = |i: usize| fit[i].answered > 0 && fit[i].fit < WEAK;
        let mask = |stages: &mut dyn Iterator<Item = usize>| stages.fold(0u64, |m, i| m | 1 << i);
        let skipped_mask = mask(&mut skipped.iter().copied());
        let group = |stages, reason, max_unmet, most| Group {
            stages,
            reason,
            max_unmet,
            known_only: false,
            most,
            fallback: false,
        };
        // What the next stage builds on above where you stand, if weak; at
        // the top, what the current stage rests on (skipped ones have had
        // their share).
        let (foundation, next) = match next_stage {
            Some(next) => (
                mask(
                    &mut self.foundations[next]
                        .iter()
                        .copied()
                        .filter(|&i| i > current && weak(i)),
                ),
                1 << next,
            ),
            None => (self.foundations_mask[current] & !skipped_mask, 0),
        };
        let foundation_most = if next_stage.is_some() {
            MAX_SKIPPED_STEPS
        } else {
            MAX_NEXT_STEPS
        };
        // A hole in the stage you stand on (a trait answered 0 or 1) comes
        // before climbing further; superseded stages are left behind.
        let carries = self.model.stages()[current].carries_forward;
        [
            group(
                skipped_mask,
                "skipped foundation",
                MAX_UNMET,
                MAX_SKIPPED_STEPS,
            ),
            Group {
                known_only: true,
                ..group(
                    if carries { 1 << current } else { 0 },
                    "current stage",
                    1,
                    1,
                )
            },
            group(foundation, "foundation", MAX_UNMET, foundation_most),
            group(next, "next stage", MAX_UNMET, MAX_NEXT_STEPS),
            Group {
                fallback: true,
                ..group(1 << current, "current stage", MAX_UNMET, MAX_NEXT_STEPS)
            },
        ]
    }

    /// Calls `each` with every unmet trait of `g`, in the model's order, with its priority.
    fn unmet(&self, g: &Group, answers: &[Answer], mut each: impl FnMut(Step)) {
        for (stage, range) in self.ranges.iter().enumerate() {
            if g.stages & (1 << stage) == 0 {
                continue;
            }
            for position in range.clone() {
                let answer = answers.get(position).copied().unwrap_or(Answer::Unknown);
                if g.known_only && answer == Answer::Unknown {
                    continue;
                }
                if let Some(priority) = unmet_priority(self.weights[position], answer, g.max_unmet)
                {
                    each(Step {
                        position,
                        stage,
                        reason: g.reason,
                        priority,
                    });
                }
            }
        }
    }

    /// A step with its texts.
    fn next_step(&self, step: &Step, answers: &[Answer]) -> NextStep {
        let t =
            &self.model.stages()[step.stage].traits[step.position - self.ranges[step.stage].start];
        NextStep {
            trait_id: t.id.clone(),
            stage: self.model.stages()[step.stage].number,
            action: t.action.clone(),
            reason: step.reason,
            statement: t.statement.clone(),
            answer: match answers.get(step.position) {
                Some(Answer::Scale(n)) => Some(*n),
                _ => None,
            },
            priority: step.priority,
        }
    }

    /// The traits of one stage (by index) answered `max_unmet` or lower, most
    /// leverage first, with their texts: a leg of the roadmap.
    pub(crate) fn stage_steps(
        &self,
        stage: usize,
        answers: &[Answer],
        reason: &'static str,
        max_unmet: u8,
    ) -> Vec<NextStep> {
        let group = Group {
            stages: 1 << stage,
            reason,
            max_unmet,
            known_only: false,
            most: usize::MAX,
            fallback: false,
        };
        let mut steps = Vec::new();
        self.unmet(&group, answers, |step| steps.push(step));
        steps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
        steps
            .iter()
            .map(|step| self.next_step(step, answers))
            .collect()
    }

    /// Rule 6, by position.
    fn next_steps(&self, groups: &[Group; 5], answers: &[Answer], steps: &mut Vec<Step>) {
        steps.clear();
        for g in groups {
            if g.fallback && steps.len() >= MIN_NEXT_STEPS {
                continue;
            }
            let from = steps.len();
            self.unmet(g, answers, |step| steps.push(step));
            // Stable sort: equal priorities keep the model's order.
            steps[from..].sort_by(|a, b| b.priority.total_cmp(&a.priority));
            steps.truncate(from + g.most);
        }
        let mut seen = Vec::with_capacity(steps.len());
        steps.retain(|s| {
            let new = !seen.contains(&s.position);
            seen.push(s.position);
            new
        });
        steps.truncate(MAX_NEXT_STEPS);
    }

    /// The first of [`Scorer::next_steps`] without ranking the rest: the best
    /// step of the first group that has any, found without allocating (what
    /// every row of a batch table or CSV needs).
    fn first_step(&self, groups: &[Group; 5], answers: &[Answer], steps: &mut Vec<Step>) {
        steps.clear();
        let first = groups.iter().find_map(|g| {
            let mut best: Option<Step> = None;
            self.unmet(g, answers, |step| {
                // The first in the model's order on a tie, as the stable sort.
                if best.is_none_or(|b| step.priority > b.priority) {
                    best = Some(step);
                }
            });
            best
        });
        steps.extend(first);
    }

    /// Low: under 60% of the questions answered, no stage reached, the current
    /// stage or a foundation not answered at all, or two or more conflicting
    /// signals. Medium: under 90% answered, or one conflicting signal (a higher
    /// stage that fits but lacks its foundations, or a stage only just reached).
    /// Says why in `reasons` when given.
    fn confidence(&self, a: &Assessment, mut reasons: Option<&mut Vec<String>>) -> ConfidenceLevel {
        let stages = self.model.stages();
        let total = self.weights.len();
        let share = a.answered as f64 / total.max(1) as f64;
        let mut reason = |text: &dyn Fn() -> String| {
            if let Some(list) = reasons.as_deref_mut() {
                list.push(text());
            }
        };
        let mut low = share < 0.6 || !a.reached;
        let mut conflicts = 0;
        if a.answered < total {
            reason(&|| {
                format!(
                    "{} of {total} questions answered \"don't know\" or left out",
                    total - a.answered
                )
            });
        }
        let current = a.fit.get(a.current).copied().unwrap_or_default();
        if !a.reached {
            reason(&|| {
                format!(
                    "no stage fits {:.0}% or more; the closest one is shown",
                    REACHED * 100.0
                )
            });
        } else if current.fit < REACHED + 0.05 {
            conflicts += 1;
            reason(&|| {
                format!(
                    "stage {} is only just reached ({:.0}%)",
                    stages[a.current].number,
                    current.fit * 100.0
                )
            });
        }
        let weak = |i: usize| a.fit[i].answered > 0 && a.fit[i].fit < WEAK;
        let weak_list = |stage: usize| -> String {
            self.foundations[stage]
                .iter()
                .filter(|&&i| weak(i))
                .map(|&i| {
                    let s = &stages[i];
                    format!("{} {} ({:.0}%)", s.number, s.name, a.fit[i].fit * 100.0)
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let weak_foundations = self.foundations[a.current]
            .iter()
            .filter(|&&i| weak(i))
            .count();
        if a.reached && weak_foundations > MAX_SKIPPED {
            conflicts += 1;
            reason(&|| {
                format!(
                    "{weak_foundations} of the stages that stage {} builds on fit under {:.0}%: {}",
                    stages[a.current].number,
                    WEAK * 100.0,
                    weak_list(a.current)
                )
            });
        }
        for (i, f) in a.fit.iter().enumerate() {
            if i > a.current && f.answered > 0 && f.fit >= REACHED {
                conflicts += 1;
                reason(&|| {
                    format!(
                        "stage {} {} fits {:.0}%, but it builds on stages that fit under {:.0}%: {}",
                        stages[i].number,
                        stages[i].name,
                        f.fit * 100.0,
                        WEAK * 100.0,
                        weak_list(i)
                    )
                });
            }
        }
        let foundations = self.foundations.get(a.current).map_or(&[][..], |f| f);
        let unanswered =
            |i: &usize| a.fit[*i].answered == 0 && (*i == a.current || foundations.contains(i));
        if (0..a.fit.len()).any(|i| unanswered(&i)) {
            low = true;
            reason(&|| {
                let names: Vec<String> = (0..a.fit.len())
                    .filter(unanswered)
                    .map(|i| format!("stage {} {}", stages[i].number, stages[i].name))
                    .collect();
                format!("no answers at all for {}", names.join(", "))
            });
        }
        if low || conflicts >= 2 {
            ConfidenceLevel::Low
        } else if share < 0.9 || conflicts == 1 {
            ConfidenceLevel::Medium
        } else {
            ConfidenceLevel::High
        }
    }

    /// Expands an assessment into the full result, with every text.
    pub fn diagnosis(
        &self,
        organisation: Option<String>,
        date: Option<String>,
        answers: &[Answer],
        a: &Assessment,
    ) -> Diagnosis {
        if a.steps != Steps::All {
            let full = self.assess(answers);
            return self.diagnosis(organisation, date, answers, &full);
        }
        let stages = self.model.stages();
        let traits: Vec<&Trait> = self.model.traits().map(|(_, t)| t).collect();
        let answer = |i: usize| answers.get(i).copied().unwrap_or(Answer::Unknown);
        let fit: Vec<StageFit> = stages
            .iter()
            .zip(&a.fit)
            .map(|(s, f)| StageFit {
                number: s.number,
                id: s.id.clone(),
                name: s.name.clone(),
                fit: f.fit,
                answered: f.answered,
                total: s.traits.len(),
            })
            .collect();
        let next_steps = a
            .next_steps
            .iter()
            .map(|step| self.next_step(step, answers))
            .collect();
        let mut reasons = Vec::new();
        let level = self.confidence(a, Some(&mut reasons));
        Diagnosis {
            organisation,
            date,
            stage: (&stages[a.current]).into(),
            reached: a.reached,
            in_transition_to: a.in_transition_to.map(|i| (&stages[i]).into()),
            builds_on: self.foundations[a.current]
                .iter()
                .map(|&i| stages[i].number)
                .collect(),
            moving_on: stages[a.current].moving_on.clone(),
            skipped_foundations: a.skipped.iter().map(|&i| fit[i].clone()).collect(),
            fit,
            next_steps,
            evidence: self.evidence(a.current, answers),
            answered: a.answered,
            total: self.weights.len(),
            confidence: Confidence { level, reasons },
            answers: traits
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let value = match answer(i) {
                        Answer::Scale(n) => Some(n),
                        Answer::Unknown => None,
                    };
                    (t.id.clone(), value)
                })
                .collect(),
            roadmap: None,
        }
    }

    /// The answers of the current stage that weighed most for and against it,
    /// and answers that point above it.
    fn evidence(&self, current: usize, answers: &[Answer]) -> Vec<Evidence> {
        let mut pro = Vec::new();
        let mut contra = Vec::new();
        for (position, (stage, t)) in self.model.traits().enumerate() {
            let Some(Answer::Scale(n)) = answers.get(position).copied() else {
                continue;
            };
            let index = self
                .ranges
                .iter()
                .position(|r| r.contains(&position))
                .unwrap_or(0);
            let x = f64::from(n) / 4.0;
            let item = |direction, impact| Evidence {
                trait_id: t.id.clone(),
                stage: stage.number,
                statement: t.statement.clone(),
                answer: n,
                weight: t.weight,
                direction,
                impact,
            };
            if index == current {
                if n >= 3 {
                    pro.push(item(Direction::For, t.weight * x));
                } else if n <= 1 {
                    contra.push(item(Direction::Against, t.weight * (1.0 - x)));
                }
            } else if index > current && n >= 3 {
                contra.push(item(Direction::Against, t.weight * x));
            }
        }
        for list in [&mut pro, &mut contra] {
            list.sort_by(|a, b| b.impact.total_cmp(&a.impact));
            list.truncate(EVIDENCE_EACH_WAY);
        }
        pro.extend(contra);
        pro
    }
}

/// weight x gap for a trait answered `max_unmet` or lower (or don't know), else None.
fn unmet_priority(weight: f64, answer: Answer, max_unmet: u8) -> Option<f64> {
    let gap = match answer {
        Answer::Scale(n) if n <= max_unmet => 1.0 - f64::from(n) / 4.0,
        Answer::Scale(_) => return None,
        Answer::Unknown => 0.5,
    };
    Some(weight * gap)
}

#[cfg(test)]
mod tests;
