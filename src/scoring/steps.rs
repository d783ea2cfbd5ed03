//! Next steps (rule 10 of the README): the unmet traits worth building first.
//!
//! Skipped foundations' traits answered 0-1 (at most two); the current
//! stage's worst hole (0-1) unless superseded; the weak foundations (0-1)
//! of the stage moved to, then that stage (0-2; at the top: its
//! foundations); if fewer than three, the current stage's other gaps; what
//! is answered 2 ("partly") there is never a step. By
//! weight x (1 - answer/4); at most three: a leader acts on a few. "Don't
//! know" is never built: then at most [`MAX_FIND_OUT`] step to find out,
//! the heaviest unknown whose answer could move the stage (and, with
//! worries named, addresses one); failing that, for a named worry no
//! step to build answers, the heaviest unknown that addresses it (there,
//! else from the nearest stage further up that lists it first). Not
//! placed: none.
//!
//! Each named worry's best unmet trait in those stages leads the list; the
//! other unmet traits there that answer a named worry come next; a step
//! that answers none is listed only when no step answers one.
//! Traits that do not apply in the context are never steps.

use super::assessment::{Assessment, Fit, Step, Steps};
use super::placement::{WEAK, mask};
use super::result::{NextStep, StepReason};
use super::{Answer, Scorer};
use crate::context::Context;

/// The most steps to build a diagnosis lists, and the fewest it tries to find.
pub const MAX_NEXT_STEPS: usize = 3;
pub const MIN_NEXT_STEPS: usize = 3;
/// The most next steps taken from skipped foundations, to leave room for the way up.
pub const MAX_SKIPPED_STEPS: usize = 2;
/// The most "find out" steps listed after the build steps.
pub const MAX_FIND_OUT: usize = 1;
/// Answers up to this are unmet: "partly" is not yet in place on the way
/// up (what a roadmap lists, and the stage being moved to).
pub const MAX_UNMET: u8 = 2;
/// Answers up to this are missing. Where the organisation stands, and in
/// a foundation, "partly" is there in part: the steps go to what is
/// missing, never to what is partly there. Consultants rated rebuilding a
/// partly present foundation "already done"; of the steps built on a
/// "partly true" answer at the current stage, none of about 20 on six
/// held-out sets was rated "fits", nor any of 16 more on eleven.
pub const MISSING: u8 = 1;

/// One group of rule 10: the unmet traits of some stages, for one reason.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group {
    /// Bit `i` set: stage index `i` belongs to the group.
    pub(super) stages: u64,
    pub(super) reason: StepReason,
    pub(super) max_unmet: u8,
    /// The traits answered "don't know" instead of the unmet ones: what to
    /// find out. Otherwise "don't know" is never a step: nobody is told to
    /// build what they only did not know about.
    pub(super) find_out: bool,
    /// For the "find out" group: the current stage (index). A question
    /// answered "don't know" is worth finding out only if its answer could
    /// move the organisation off that stage; None: any question (when
    /// nothing else is left to do).
    pub(super) decides: Option<usize>,
    /// The named worries (a mask over `WORRIES`, 0 = none named). With
    /// worries named, a "find out" group gives only a question about one
    /// of them (only that is worth the leader's time), and a group to
    /// build leaves out what answers none of them and is partly there, a
    /// report or a pay change (see [`Scorer::off_worry`]).
    pub(super) worries: u16,
    /// The most steps the group gives.
    pub(super) most: usize,
    /// Only when the groups before gave fewer than [`MIN_NEXT_STEPS`].
    pub(super) fallback: bool,
    /// A roadmap's leg: every unmet trait, those the answers make moot
    /// for now (see [`Scorer::moot`]) included.
    pub(super) whole: bool,
}

impl Group {
    /// A group of steps to build from `stages`.
    pub(super) fn new(stages: u64, reason: StepReason, max_unmet: u8, most: usize) -> Group {
        Group {
            stages,
            reason,
            max_unmet,
            find_out: false,
            decides: None,
            worries: 0,
            most,
            fallback: false,
            whole: false,
        }
    }
}

impl Scorer<'_> {
    /// Rule 6 for a placed organisation, all steps or only the first.
    pub(super) fn rank_steps(
        &self,
        current: usize,
        a: &Assessment,
        answers: &[Answer],
        steps: Steps,
        list: &mut Vec<Step>,
    ) {
        let (p, fit, worries) = (&a.placement, &a.fit, a.context.worry_mask());
        let n = fit.len();
        // The way up: the next stage that applies to this business.
        let next_stage = p
            .in_transition_to
            .or_else(|| (current + 1..n).find(|&i| !fit[i].not_applicable));
        let mut groups = self.groups(&p.skipped, p.stood_in, next_stage, current, fit);
        for g in &mut groups {
            g.worries = worries;
        }
        // The leader's worries lead: for each named worry, the best step
        // that answers it (the stronger first), ahead of the rest.
        let reach = match worries {
            0 => (0, 0, 0),
            _ => self.worry_reach(current, next_stage, fit, &a.context),
        };
        let all = steps == Steps::All;
        let led = self.worry_steps(&groups, reach, answers, worries, all);
        // (Steps::First holds the first step only: a find-out one means
        // there is nothing to build, as in the full list.) What is only
        // partly in place where it stands is no step even when nothing is
        // missing (see [`MISSING`]).
        self.build_steps(&groups, &led, answers, steps, list);
        if list.is_empty() && led.1 == 0 {
            // Nothing to build and no answer that could move the stage: what
            // is open about a named worry first, else what was left
            // unanswered on the way is still what to do next.
            self.find_out_for_worries(&groups[5], reach.2, answers, worries, list);
            let unanswered = Group {
                decides: None,
                worries: 0,
                ..groups[5]
            };
            if list.is_empty() {
                list.extend(self.best_unmet(&unanswered, answers, |_| true));
            }
        }
        if steps == Steps::First {
            return;
        }
        self.keep_about_worries(&led.0[..led.1], worries, list);
        self.find_out_for_worries(&groups[5], reach.2, answers, worries, list);
    }

    /// The steps to build from `groups`, all or only the first: the
    /// strongest worry step leads the first.
    fn build_steps(
        &self,
        groups: &[Group; 6],
        led: &([Step; MAX_NEXT_STEPS], usize),
        answers: &[Answer],
        steps: Steps,
        list: &mut Vec<Step>,
    ) {
        if steps == Steps::First {
            // The first step is the strongest worry step, if any: the rest
            // need not be ranked.
            list.clear();
            match led.0[..led.1].first() {
                Some(&first) => list.push(first),
                None => self.first_step(groups, answers, list),
            }
        } else {
            self.next_steps(groups, answers, list);
        }
    }

    /// The groups of rule 10, in order. Stage sets are bit masks of stage
    /// indices, so that finding them allocates nothing.
    pub(super) fn groups(
        &self,
        skipped: &[usize],
        stood_in: u64,
        next_stage: Option<usize>,
        current: usize,
        fit: &[Fit],
    ) -> [Group; 6] {
        let weak = |i: usize| fit[i].answered > 0 && fit[i].fit < WEAK;
        let skipped_mask = mask(skipped.iter().copied());
        let group = Group::new;
        // What the next stage builds on above where you stand, if weak; at
        // the top, what the current stage rests on (skipped ones have had
        // their share).
        let (foundation, next) = match next_stage {
            Some(next) => (
                mask(
                    self.foundations[next]
                        .iter()
                        .copied()
                        .filter(|&i| i > current && weak(i)),
                ),
                1 << next,
            ),
            None => (
                self.foundations_mask[current] & !skipped_mask & !stood_in,
                0,
            ),
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
                StepReason::SkippedFoundation,
                MISSING,
                MAX_SKIPPED_STEPS,
            ),
            group(
                if carries { 1 << current } else { 0 },
                StepReason::CurrentStage,
                MISSING,
                1,
            ),
            group(foundation, StepReason::Foundation, MISSING, foundation_most),
            group(next, StepReason::NextStage, MAX_UNMET, MAX_NEXT_STEPS),
            Group {
                fallback: true,
                ..group(
                    1 << current,
                    StepReason::CurrentStage,
                    MISSING,
                    MAX_NEXT_STEPS,
                )
            },
            // Last, what the respondent did not know about the stages above
            // (skipped foundations, where it stands, the way up).
            Group {
                find_out: true,
                decides: Some(current),
                ..group(
                    skipped_mask | (1 << current) | foundation | next,
                    StepReason::FindOut,
                    MAX_UNMET,
                    MAX_FIND_OUT,
                )
            },
        ]
    }

    /// Calls `each` with every unmet trait of `g`, in the model's order, with its priority.
    pub(super) fn unmet(&self, g: &Group, answers: &[Answer], mut each: impl FnMut(Step)) {
        // Only the group's stages are visited: most groups have one or two.
        for stage in super::placement::bits(g.stages) {
            let Some(range) = self.ranges.get(stage) else {
                break;
            };
            for position in range.clone() {
                let answer = answers.get(position).copied().unwrap_or(Answer::Unknown);
                // Asked late: most traits are no candidate to begin with;
                // but before the re-scoring of a check.
                let moot = || !g.whole && self.moot(position, answers);
                let priority = match (g.find_out, answer) {
                    (true, Answer::Unknown)
                        if (g.worries == 0 || self.addresses[position] & g.worries != 0)
                            && !moot() =>
                    {
                        match g.decides {
                            Some(c) => self
                                .could_move(answers, position, c)
                                .then(|| self.weights[position]),
                            None => Some(self.weights[position]),
                        }
                    }
                    (true, _) | (false, Answer::Unknown) => None,
                    (false, _) if self.off_worry(g.worries, position, answer) => None,
                    (false, _) => unmet_priority(self.weights[position], answer, g.max_unmet),
                };
                let priority = priority.filter(|_| g.find_out || !moot());
                if let Some(priority) = priority {
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

    /// Whether answering question `position` "not true at all" or "fully
    /// true" gives another stage than `current`: only then does finding
    /// out matter for the result.
    fn could_move(&self, answers: &[Answer], position: usize, current: usize) -> bool {
        let mut scratch = answers.to_vec();
        let mut a = Assessment::default();
        [0u8, 4].into_iter().any(|v| {
            scratch[position] = Answer::Scale(v);
            self.fits(&scratch, &mut a);
            let share = a.answered as f64 / a.applicable.max(1) as f64;
            self.ladder.place(&a.fit, share, &mut a.placement);
            a.placement.current != Some(current)
        })
    }

    /// A step with its texts, in the organisation's context.
    pub(super) fn next_step(&self, step: &Step, answers: &[Answer], context: &Context) -> NextStep {
        let t =
            &self.model.stages()[step.stage].traits[step.position - self.ranges[step.stage].start];
        let action = if step.reason == StepReason::FindOut {
            t.find_out_step()
        } else {
            let answer = answers.get(step.position).copied();
            t.step_text(context, answer.unwrap_or(Answer::Unknown))
                .into_owned()
        };
        NextStep {
            trait_id: t.id.clone(),
            stage: self.model.stages()[step.stage].number,
            action,
            reason: step.reason,
            statement: t.statement.clone(),
            addresses: t.addresses.clone(),
            answer: match answers.get(step.position) {
                Some(Answer::Scale(n)) => Some(*n),
                _ => None,
            },
            priority: step.priority,
        }
    }

    /// Rule 6, by position.
    fn next_steps(&self, groups: &[Group; 6], answers: &[Answer], steps: &mut Vec<Step>) {
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
    }

    /// The first of [`Scorer::next_steps`] without ranking the rest: the best
    /// step of the first group that has any, found without allocating (what
    /// every row of a batch table or CSV needs).
    fn first_step(&self, groups: &[Group; 6], answers: &[Answer], steps: &mut Vec<Step>) {
        steps.clear();
        let first = groups
            .iter()
            .find_map(|g| self.best_unmet(g, answers, |_| true));
        steps.extend(first);
    }

    /// The unmet trait of `g` with the highest priority among those `keep`
    /// accepts: the first in the model's order on a tie, as the stable sort
    /// of [`Scorer::next_steps`] gives. Found without allocating.
    pub(super) fn best_unmet(
        &self,
        g: &Group,
        answers: &[Answer],
        keep: impl Fn(&Step) -> bool,
    ) -> Option<Step> {
        let mut best: Option<Step> = None;
        self.unmet(g, answers, |step| {
            if keep(&step) && best.is_none_or(|b| step.priority > b.priority) {
                best = Some(step);
            }
        });
        best
    }
}

/// weight x gap for a trait answered `max_unmet` or lower, else None.
fn unmet_priority(weight: f64, answer: Answer, max_unmet: u8) -> Option<f64> {
    match answer {
        Answer::Scale(n) if n <= max_unmet => Some(weight * (1.0 - f64::from(n) / 4.0)),
        _ => None,
    }
}
