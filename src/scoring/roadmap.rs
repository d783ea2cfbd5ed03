//! The way from the current stage to a target stage: pure, like scoring.
//!
//! The legs, in the order to tackle them: the skipped foundations, then every
//! stage above the current one that the target builds on (directly or
//! through another), then the target itself. Stages the target does not need
//! are left out: data-driven selling does not need an enterprise team, and
//! superseded stages (1, 2) are replaced, not passed through. Each leg lists its unmet traits, most leverage first.
//! A target at or below the current stage gets the legs that would
//! strengthen where the organisation stands: its skipped foundations, the
//! target if it is below and not in place, and the current stage, counting
//! "mostly true" as not yet done.

use super::steps::Group;
use super::{Diagnosis, MAX_UNMET, NextStep, Scorer, StageRef, StepReason};
use crate::answers::{Answer, AnswerSet};
use crate::context::Context;
use crate::model::{Model, Stage};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roadmap {
    pub target: StageRef,
    /// True when the target is above the current stage.
    pub ahead: bool,
    pub legs: Vec<Leg>,
}

impl Roadmap {
    /// Whether the target is a leg of its own: below the current stage and
    /// not yet in place.
    pub fn strengthens_target(&self) -> bool {
        !self.ahead && self.legs.iter().any(|l| l.role == Role::Target)
    }
}

/// One stage on the way, with what is missing there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leg {
    pub stage: StageRef,
    pub fit: f64,
    pub role: Role,
    pub steps: Vec<NextStep>,
}

/// Why a stage is a leg of the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Role {
    #[serde(rename = "skipped foundation")]
    SkippedFoundation,
    #[serde(rename = "on the way")]
    OnTheWay,
    #[serde(rename = "target")]
    Target,
    /// A target at or below where the organisation stands: strengthen it.
    #[serde(rename = "current stage")]
    CurrentStage,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::SkippedFoundation => "skipped foundation",
            Role::OnTheWay => "on the way",
            Role::Target => "target",
            Role::CurrentStage => "current stage",
        }
    }

    /// The reason the steps of a leg carry.
    fn reason(self) -> StepReason {
        match self {
            Role::SkippedFoundation => StepReason::SkippedFoundation,
            Role::OnTheWay => StepReason::OnTheWay,
            Role::Target => StepReason::Target,
            Role::CurrentStage => StepReason::CurrentStage,
        }
    }
}

/// The roadmap from `diagnosis` (made from `answers`) to `target`; None
/// when the organisation is not placed (no starting point).
pub fn roadmap(
    model: &Model,
    answers: &AnswerSet,
    diagnosis: &Diagnosis,
    target: &Stage,
) -> Option<Roadmap> {
    let current = diagnosis.stage_number()?;
    let ahead = target.number > current;
    let mut legs: Vec<(&Stage, Role)> = diagnosis
        .skipped_foundations
        .iter()
        .filter_map(|f| model.stage(f.number))
        .filter(|s| s.number < target.number || !ahead)
        .map(|s| (s, Role::SkippedFoundation))
        .collect();
    if ahead {
        let needed = needed_for(model, target);
        legs.extend(
            model
                .stages()
                .iter()
                .filter(|s| s.number > current && s.number < target.number)
                .filter(|s| needed.contains(&s.number))
                // A stage that does not apply to this business is no leg.
                .filter(|s| {
                    !diagnosis
                        .fit
                        .iter()
                        .any(|f| f.number == s.number && f.not_applicable)
                })
                .map(|s| (s, Role::OnTheWay)),
        );
        legs.push((target, Role::Target));
    } else if let Some(stage) = model.stage(current) {
        // A target below that carries forward and is not in place (and not
        // a skipped foundation, listed already) is still to strengthen.
        let weak = diagnosis.fit.iter().any(|f| {
            f.number == target.number
                && !f.not_applicable
                && f.coverage >= super::MIN_COVERAGE
                && f.fit < super::REACHED
        });
        let listed = legs.iter().any(|(s, _)| s.number == target.number);
        if target.number < current && target.carries_forward && weak && !listed {
            legs.push((target, Role::Target));
        }
        legs.push((stage, Role::CurrentStage));
    }
    let scorer = Scorer::new(model);
    let vector = scorer
        .applicable(&scorer.vector(answers), &answers.context)
        .into_owned();
    let index = |stage: &Stage| {
        model
            .stages()
            .iter()
            .position(|s| s.number == stage.number)
            .unwrap_or(0)
    };
    Some(Roadmap {
        target: target.into(),
        ahead,
        legs: legs
            .into_iter()
            .map(|(stage, role)| Leg {
                stage: stage.into(),
                fit: diagnosis.fit_of(stage.number),
                role,
                // Strengthening where you stand also takes "mostly" to "fully".
                steps: scorer.stage_steps(
                    index(stage),
                    &vector,
                    &answers.context,
                    role.reason(),
                    if ahead { MAX_UNMET } else { 3 },
                ),
            })
            .collect(),
    })
}

impl Scorer<'_> {
    /// The traits of one stage (by index) answered `max_unmet` or lower, most
    /// leverage first, with their texts: a leg of the roadmap.
    fn stage_steps(
        &self,
        stage: usize,
        answers: &[Answer],
        context: &Context,
        reason: StepReason,
        max_unmet: u8,
    ) -> Vec<NextStep> {
        let group = Group {
            whole: true,
            ..Group::new(1 << stage, reason, max_unmet, usize::MAX)
        };
        let mut steps = Vec::new();
        self.unmet(&group, answers, |step| steps.push(step));
        steps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
        steps
            .iter()
            .map(|step| self.next_step(step, answers, context))
            .collect()
    }
}

/// Every stage `target` builds on, directly or through another.
fn needed_for(model: &Model, target: &Stage) -> Vec<u32> {
    let mut needed: Vec<u32> = Vec::new();
    let mut todo = vec![target.number];
    while let Some(n) = todo.pop() {
        for s in model.foundations(n) {
            if !needed.contains(&s.number) {
                needed.push(s.number);
                todo.push(s.number);
            }
        }
    }
    needed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::model::load_embedded;
    use crate::scoring::diagnose;

    /// Every trait of stages `full` answered 4, every other trait 0.
    fn answers(model: &Model, full: &[u32]) -> AnswerSet {
        let mut set = AnswerSet::default();
        for (s, t) in model.traits() {
            let value = if full.contains(&s.number) { 4 } else { 0 };
            set.answers.insert(t.id.clone(), Answer::Scale(value));
        }
        set
    }

    fn legs(r: &Roadmap) -> Vec<(u32, &'static str)> {
        r.legs
            .iter()
            .map(|l| (l.stage.number, l.role.as_str()))
            .collect()
    }

    #[test]
    fn a_target_above_lists_the_stages_it_needs_foundations_first() {
        let model = load_embedded().unwrap();
        // Born self-serve (no lead machine), stage 4 skipped; aiming for 8,
        // which builds on 7.
        let set = answers(&model, &[5]);
        let d = diagnose(&model, &set);
        assert_eq!(d.stage_number(), Some(5));
        let r = roadmap(&model, &set, &d, model.stage(8).unwrap()).unwrap();
        assert!(r.ahead);
        assert_eq!(
            legs(&r),
            vec![(4, "skipped foundation"), (7, "on the way"), (8, "target")]
        );
        // Everything was answered 0 there, so every trait is a step.
        assert_eq!(r.legs[1].steps.len(), model.stage(7).unwrap().traits.len());
        // Most leverage first.
        let p: Vec<f64> = r.legs[2].steps.iter().map(|s| s.priority).collect();
        assert!(p.windows(2).all(|w| w[0] >= w[1]), "{p:?}");
    }

    #[test]
    fn superseded_stages_are_not_on_the_way() {
        let model = load_embedded().unwrap();
        let set = answers(&model, &[1]);
        let d = diagnose(&model, &set);
        let r = roadmap(&model, &set, &d, model.stage(4).unwrap()).unwrap();
        assert_eq!(legs(&r), vec![(3, "on the way"), (4, "target")]);
    }

    #[test]
    fn a_target_at_or_below_strengthens_the_current_stage() {
        let model = load_embedded().unwrap();
        let mut set = answers(&model, &[3, 4, 5]);
        // One weak spot in stage 5.
        let weak = model.stage(5).unwrap().traits[0].id.clone();
        set.answers.insert(weak.clone(), Answer::Scale(1));
        let d = diagnose(&model, &set);
        assert_eq!(d.stage_number(), Some(5));
        for target in [5, 3] {
            let r = roadmap(&model, &set, &d, model.stage(target).unwrap()).unwrap();
            assert!(!r.ahead);
            assert_eq!(legs(&r), vec![(5, "current stage")]);
            assert_eq!(r.legs[0].steps[0].trait_id, weak);
        }
    }
}
