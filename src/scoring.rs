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
    /// Why it is listed: "skipped foundation", "next stage" or "current stage".
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfidenceLevel {
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
    let fit: Vec<StageFit> = model
        .stages()
        .iter()
        .map(|s| stage_fit(s, answers))
        .collect();
    let fit_of = |n: u32| fit.iter().find(|f| f.number == n);
    let weak = |s: &Stage| fit_of(s.number).is_some_and(|f| f.answered > 0 && f.fit < WEAK);
    let is_reached = |f: &StageFit| f.answered > 0 && f.fit >= REACHED;

    // Rule 3: the highest reached stage without wholesale skipped foundations;
    // else the highest reached stage; else the closest one.
    let qualifies = |f: &StageFit| {
        is_reached(f) && model.foundations(f.number).filter(|s| weak(s)).count() <= MAX_SKIPPED
    };
    let chosen = fit
        .iter()
        .rev()
        .find(|f| qualifies(f))
        .or_else(|| fit.iter().rev().find(|f| is_reached(f)));
    let reached = chosen.is_some();
    let current = chosen
        .or_else(|| {
            // Ties go to the lower stage: claim no more than the answers show.
            fit.iter()
                .fold(None, |best: Option<&StageFit>, f| match best {
                    Some(b) if b.fit >= f.fit => Some(b),
                    _ => Some(f),
                })
        })
        .map_or(1, |f| f.number);
    let current_stage = model
        .stage(current)
        .expect("current stage is from the model");

    let in_transition_to = (current + 1..=current + 2)
        .filter_map(&fit_of)
        .find(|f| f.answered > 0 && f.fit >= EMERGING)
        .and_then(|f| model.stage(f.number));

    let skipped: Vec<&Stage> = model.foundations(current).filter(|s| weak(s)).collect();

    let next_stage = in_transition_to.or_else(|| model.stage(current + 1));
    let next_steps = next_steps(model, &skipped, &weak, next_stage, current_stage, answers);
    let evidence = evidence(model, current_stage, answers);

    let total = model.trait_count();
    let answered = model
        .traits()
        .filter(|(_, t)| answers.get(&t.id) != Answer::Unknown)
        .count();

    let confidence = confidence(model, &fit, current, reached, answered, total);

    Diagnosis {
        organisation: answers.organisation.clone(),
        date: answers.date.clone(),
        stage: current_stage.into(),
        reached,
        in_transition_to: in_transition_to.map(StageRef::from),
        builds_on: model.foundations(current).map(|s| s.number).collect(),
        moving_on: current_stage.moving_on.clone(),
        skipped_foundations: skipped
            .iter()
            .filter_map(|s| fit_of(s.number).cloned())
            .collect(),
        fit,
        next_steps,
        evidence,
        answered,
        total,
        confidence,
        answers: model
            .traits()
            .map(|(_, t)| {
                let value = match answers.get(&t.id) {
                    Answer::Scale(n) => Some(n),
                    Answer::Unknown => None,
                };
                (t.id.clone(), value)
            })
            .collect(),
        roadmap: None,
    }
}

/// Rule 1: the weighted mean of the known answers.
fn stage_fit(stage: &Stage, answers: &AnswerSet) -> StageFit {
    let (mut sum, mut weights, mut answered) = (0.0, 0.0, 0);
    for t in &stage.traits {
        if let Some(x) = answers.get(&t.id).fraction() {
            sum += t.weight * x;
            weights += t.weight;
            answered += 1;
        }
    }
    StageFit {
        number: stage.number,
        id: stage.id.clone(),
        name: stage.name.clone(),
        fit: if weights > 0.0 { sum / weights } else { 0.0 },
        answered,
        total: stage.traits.len(),
    }
}

/// weight x gap for a trait answered `max_unmet` or lower (or don't know), else None.
fn unmet_priority(t: &Trait, answer: Answer, max_unmet: u8) -> Option<f64> {
    let gap = match answer {
        Answer::Scale(n) if n <= max_unmet => 1.0 - f64::from(n) / 4.0,
        Answer::Scale(_) => return None,
        Answer::Unknown => 0.5,
    };
    Some(t.weight * gap)
}

/// Answers up to this are unmet: "partly" is not yet in place.
pub const MAX_UNMET: u8 = 2;

/// The traits of `stages` answered `max_unmet` or lower, most leverage first
/// (weight x gap).
pub(crate) fn unmet_steps(
    stages: &[&Stage],
    answers: &AnswerSet,
    reason: &'static str,
    max_unmet: u8,
) -> Vec<NextStep> {
    let mut steps: Vec<NextStep> = stages
        .iter()
        .flat_map(|s| s.traits.iter().map(move |t| (s, t)))
        .filter_map(|(s, t)| {
            let answer = answers.get(&t.id);
            unmet_priority(t, answer, max_unmet).map(|priority| NextStep {
                trait_id: t.id.clone(),
                stage: s.number,
                action: t.action.clone(),
                reason,
                statement: t.statement.clone(),
                answer: match answer {
                    Answer::Scale(n) => Some(n),
                    Answer::Unknown => None,
                },
                priority,
            })
        })
        .collect();
    // Stable sort: equal priorities keep the model's order.
    steps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
    steps
}

/// Rule 6.
fn next_steps(
    model: &Model,
    skipped: &[&Stage],
    weak: &dyn Fn(&Stage) -> bool,
    next_stage: Option<&Stage>,
    current: &Stage,
    answers: &AnswerSet,
) -> Vec<NextStep> {
    let mut steps = unmet_steps(skipped, answers, "skipped foundation", MAX_UNMET);
    steps.truncate(MAX_SKIPPED_STEPS);
    // A hole in the stage you stand on (a trait answered 0 or 1) comes before
    // climbing further; superseded stages are left behind, not repaired.
    if current.carries_forward {
        let holes = unmet_steps(&[current], answers, "current stage", 1);
        steps.extend(holes.into_iter().filter(|s| s.answer.is_some()).take(1));
    }
    match next_stage {
        Some(next) => {
            // What the next stage builds on above where you stand, if weak, first.
            let below_next: Vec<&Stage> = model
                .foundations(next.number)
                .filter(|s| s.number > current.number && weak(s))
                .collect();
            let foundation = unmet_steps(&below_next, answers, "foundation", MAX_UNMET);
            steps.extend(foundation.into_iter().take(MAX_SKIPPED_STEPS));
            steps.extend(unmet_steps(&[next], answers, "next stage", MAX_UNMET));
        }
        None => {
            // At the top: keep what it rests on in shape.
            // (Skipped ones have had their share above.)
            let base: Vec<&Stage> = model
                .foundations(current.number)
                .filter(|s| !skipped.iter().any(|k| k.number == s.number))
                .collect();
            steps.extend(unmet_steps(&base, answers, "foundation", MAX_UNMET));
        }
    }
    if steps.len() < MIN_NEXT_STEPS {
        steps.extend(unmet_steps(&[current], answers, "current stage", MAX_UNMET));
    }
    let mut seen = std::collections::HashSet::new();
    steps.retain(|s| seen.insert(s.trait_id.clone()));
    steps.truncate(MAX_NEXT_STEPS);
    steps
}

/// The answers of the current stage that weighed most for and against it,
/// and answers that point above it.
fn evidence(model: &Model, current: &Stage, answers: &AnswerSet) -> Vec<Evidence> {
    let mut pro = Vec::new();
    let mut contra = Vec::new();
    for (stage, t) in model.traits() {
        let Answer::Scale(n) = answers.get(&t.id) else {
            continue;
        };
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
        if stage.number == current.number {
            if n >= 3 {
                pro.push(item(Direction::For, t.weight * x));
            } else if n <= 1 {
                contra.push(item(Direction::Against, t.weight * (1.0 - x)));
            }
        } else if stage.number > current.number && n >= 3 {
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

/// Low: under 60% of the questions answered, no stage reached, the current
/// stage or a foundation not answered at all, or two or more conflicting
/// signals. Medium: under 90% answered, or one conflicting signal (a higher
/// stage that fits but lacks its foundations, or a stage only just reached).
fn confidence(
    model: &Model,
    fit: &[StageFit],
    current: u32,
    reached: bool,
    answered: usize,
    total: usize,
) -> Confidence {
    let share = answered as f64 / total.max(1) as f64;
    let mut reasons = Vec::new();
    let mut low = share < 0.6 || !reached;
    let mut conflicts = 0;
    let weak_list = |number: u32| -> Vec<String> {
        model
            .foundations(number)
            .filter_map(|s| fit.iter().find(|f| f.number == s.number))
            .filter(|f| f.answered > 0 && f.fit < WEAK)
            .map(|f| format!("{} {} ({:.0}%)", f.number, f.name, f.fit * 100.0))
            .collect()
    };
    if answered < total {
        reasons.push(format!(
            "{} of {total} questions answered \"don't know\" or left out",
            total - answered
        ));
    }
    let current_fit = fit.iter().find(|f| f.number == current);
    if !reached {
        reasons.push(format!(
            "no stage fits {:.0}% or more; the closest one is shown",
            REACHED * 100.0
        ));
    } else if let Some(f) = current_fit.filter(|f| f.fit < REACHED + 0.05) {
        conflicts += 1;
        reasons.push(format!(
            "stage {} is only just reached ({:.0}%)",
            f.number,
            f.fit * 100.0
        ));
    }
    let weak_foundations = model
        .foundations(current)
        .filter(|s| {
            fit.iter()
                .any(|f| f.number == s.number && f.answered > 0 && f.fit < WEAK)
        })
        .count();
    if reached && weak_foundations > MAX_SKIPPED {
        conflicts += 1;
        reasons.push(format!(
            "{weak_foundations} of the stages that stage {current} builds on fit under {:.0}%: {}",
            WEAK * 100.0,
            weak_list(current).join(", ")
        ));
    }
    for f in fit
        .iter()
        .filter(|f| f.number > current && f.answered > 0 && f.fit >= REACHED)
    {
        conflicts += 1;
        reasons.push(format!(
            "stage {} {} fits {:.0}%, but it builds on stages that fit under {:.0}%: {}",
            f.number,
            f.name,
            f.fit * 100.0,
            WEAK * 100.0,
            weak_list(f.number).join(", ")
        ));
    }
    let unanswered: Vec<String> = fit
        .iter()
        .filter(|f| f.answered == 0)
        .filter(|f| f.number == current || model.foundations(current).any(|s| s.number == f.number))
        .map(|f| format!("stage {} {}", f.number, f.name))
        .collect();
    if !unanswered.is_empty() {
        low = true;
        reasons.push(format!("no answers at all for {}", unanswered.join(", ")));
    }
    let level = if low || conflicts >= 2 {
        ConfidenceLevel::Low
    } else if share < 0.9 || conflicts == 1 {
        ConfidenceLevel::Medium
    } else {
        ConfidenceLevel::High
    };
    Confidence { level, reasons }
}

#[cfg(test)]
mod tests;
