//! The leader's worries: the steps that answer them (which lead the next
//! steps), and what a result says about the context and each worry.

use super::assessment::{Assessment, Fit, Step};
use super::placement::{REACHED, mask};
use super::result::{Diagnosis, StepReason};
use super::steps::{Group, MAX_NEXT_STEPS, MAX_UNMET, MISSING};
use super::{Answer, Scorer};
use crate::context::{Context, Key, WORRY_LABELS, worry_index};

impl Scorer<'_> {
    /// For each worry named in the context (a mask over `WORRIES`), the
    /// unmet trait with the most leverage that addresses it, among the build
    /// groups' stages (skipped foundations, the current stage, the way up),
    /// with the reason of its group; failing those, among the stages
    /// passed over on the way up (`reach.0`, a mask of stage indices), as
    /// the next stage; failing those too, from a stage beside (`reach.1`),
    /// then the nearest stage further up (`reach.2`), that has one listing
    /// the worry first (see [`Scorer::worry_reach`]): the model offers a
    /// step for the worry, and the worry is where the leader wants to start. Without allocating; at
    /// most two, different, strongest first.
    /// Then, with `more`, the strongest other unmet traits of those groups
    /// that answer a named worry, up to [`MAX_NEXT_STEPS`] in all: a leader
    /// who names a worry wants the plan built around it (consultants rated
    /// steps that answer a named worry "fits" more than twice as often as
    /// stage steps that answer none).
    pub(super) fn worry_steps(
        &self,
        groups: &[Group; 6],
        reach: (u64, u64, u64),
        answers: &[Answer],
        worries: u16,
        more: bool,
    ) -> ([Step; MAX_NEXT_STEPS], usize) {
        let none = Step {
            position: usize::MAX,
            stage: 0,
            reason: StepReason::CurrentStage,
            priority: f64::NEG_INFINITY,
        };
        let mut out = ([none; MAX_NEXT_STEPS], 0);
        if worries == 0 {
            return out;
        }
        let mut best: [Option<Step>; 16] = [None; 16];
        // The strongest steps answering any named worry, strongest first.
        let mut others: [Option<Step>; MAX_NEXT_STEPS] = [None; MAX_NEXT_STEPS];
        // `more` collects the other steps that answer a worry too; further
        // up, only the best one per worry is taken.
        let mut scan = |g: &Group, wanted: u16, masks: &[u16], best: &mut [Option<Step>; 16]| {
            let more = more && !matches!(g.reason, StepReason::FurtherUp | StepReason::Beside);
            self.unmet(g, answers, |step| {
                if more && masks[step.position] & wanted != 0 {
                    keep_strongest(&mut others, step);
                }
                let mut hit = masks[step.position] & wanted;
                while hit != 0 {
                    let w = hit.trailing_zeros() as usize;
                    hit &= hit - 1;
                    if best[w].is_none_or(|b| step.priority > b.priority) {
                        best[w] = Some(step);
                    }
                }
            });
        };
        for g in groups.iter().filter(|g| !g.find_out) {
            scan(g, worries, &self.addresses, &mut best);
        }
        // The stages passed over, then each stage further up, nearest
        // first, only for what nothing nearer answers, and only a step that
        // lists the worry first: it answers it directly (a forecast model
        // for a forecast worry, not a security library). A step that only
        // touches the worry in passing is no reason to reach that far:
        // consultants rated such steps "does not fit" or a repeat of a
        // nearer step (its text was written for another worry).
        let (passed, beside, above) = reach;
        let further = super::placement::bits(above)
            .map(|s| (1 << s, StepReason::FurtherUp, &self.primary[..]));
        let passed_over = (passed, StepReason::NextStage, &self.addresses[..]);
        let aside = (beside, StepReason::Beside, &self.primary[..]);
        let steps = [passed_over, aside].into_iter().chain(further);
        for (stages, reason, masks) in steps {
            let unanswered = (0..16)
                .filter(|&w| worries & (1 << w) != 0 && best[w].is_none())
                .fold(0u16, |m, w| m | 1 << w);
            if unanswered == 0 {
                break;
            }
            if stages != 0 {
                // Beside, as where it stands, "partly" is there in part.
                let unmet = match reason {
                    StepReason::Beside => MISSING,
                    _ => MAX_UNMET,
                };
                let group = Group::new(stages, reason, unmet, usize::MAX);
                scan(&group, unanswered, masks, &mut best);
            }
        }
        // One step per worry (at most two), strongest first; then the
        // others, to MAX_NEXT_STEPS in all.
        for step in best.into_iter().flatten() {
            push_new(&mut out, step, 2);
        }
        let (steps, count) = &mut out;
        steps[..*count].sort_by(|a, b| b.priority.total_cmp(&a.priority));
        for step in others.into_iter().flatten() {
            push_new(&mut out, step, MAX_NEXT_STEPS);
        }
        out
    }

    /// Where a worry that the build groups leave unanswered may still find
    /// a step: the stages passed over on the way up, the stages beside the
    /// current one, and the stages further up (masks of stage indices).
    pub(super) fn worry_reach(
        &self,
        current: usize,
        next_stage: Option<usize>,
        fit: &[Fit],
        context: &Context,
    ) -> (u64, u64, u64) {
        let n = fit.len();
        // On the way up past a stage (in transition two stages up), the
        // stages passed over can still answer a worry nothing else does.
        // Not one in place (a strength to keep), nor a foundation of the
        // stage moved to (the foundation group has had it). A stage that
        // does not apply as a whole may still hold a question that applies
        // and answers the worry (large buyers' needs for a company with no
        // salespeople): its questions that do not apply are never steps.
        let passed_over = |i: usize| {
            next_stage
                .is_some_and(|next| i > current && i < next && !self.foundations[next].contains(&i))
                && fit[i].fit < REACHED
        };
        let passed = mask((0..n).filter(|&i| passed_over(i) && !fit[i].not_applicable));
        let stages = self.model.stages();
        // Beside: stages below that this one does not build on (enterprise
        // sales for a company at stage 8), for a worry nothing nearer
        // answers: a hole there (answered 0-1) that answers it, in place or
        // not. Not a stage left behind, nor an entry point: self-serve is a
        // way to start selling, not a fix for the worry of a company that
        // sells otherwise (consultants rated its steps "fits" 0 times in 16
        // over seven held-out sets). A stage passed over that does not apply
        // as a whole is no step on the way up either: it is beside the way.
        let beside = mask(
            (0..current)
                .filter(|&i| stages[i].carries_forward)
                .filter(|&i| self.foundations_mask[current] & 1 << i == 0)
                .chain((0..n).filter(|&i| passed_over(i) && fit[i].not_applicable))
                .filter(|&i| !stages[i].entry_point),
        );
        // Further up: the stages above the way up, for a worry nothing
        // nearer answers; self-serve only for a company without sellers.
        let sells_otherwise = context.get(Key::Sellers).is_some_and(|v| v != "0");
        let above = mask(
            (next_stage.unwrap_or(current) + 1..n)
                .filter(|&i| !(sells_otherwise && stages[i].entry_point)),
        );
        (passed, beside, above)
    }

    /// Whether the trait at `position`, answered `answer`, is left out of
    /// the steps to build for a leader who named the worries `named` (a
    /// mask): it answers none of them, and it is only partly missing
    /// (answered 2) or a report or a pay change. What is half there, a new
    /// report or a pay plan is taken up for a problem the leader feels:
    /// consultants rated steps on a "partly" answer "fits" 15% of the time,
    /// and reports or pay changes that answered none of the named worries
    /// never (29 "not", 29 "partly" over thirteen held-out sets).
    pub(super) fn off_worry(&self, named: u16, position: usize, answer: Answer) -> bool {
        named != 0
            && self.addresses[position] & named == 0
            && (answer == Answer::Scale(2) || self.report_or_pay[position])
    }

    /// With worries named: how many of the steps to build that the same
    /// answers give without the worries `a` leaves out (they answer none
    /// of the worries). The page says so, so that naming a worry never
    /// hides advice silently, nor claims that nothing is left to build.
    pub(super) fn held_back(&self, answers: &[Answer], a: &Assessment) -> usize {
        if a.context.worry_mask() == 0 {
            return 0;
        }
        let build = |s: &&Step| s.reason != StepReason::FindOut;
        let plain = self.assess_in(answers, &a.context.without_worries());
        let kept = |s: &&Step| a.next_steps.iter().any(|k| k.position == s.position);
        plain
            .next_steps
            .iter()
            .filter(build)
            .filter(|s| !kept(s))
            .count()
    }

    /// Puts the worry steps `led` first in `list`, then caps it: at most
    /// [`MAX_NEXT_STEPS`] to build, what to find out after them. With a
    /// worry named and a step that answers it (not only from further up),
    /// the list is about the worries: a step that answers none is left out
    /// (the way up stays in the "moving on" text and the roadmap). Over
    /// nine held-out sets, consultants rated such steps "fits" 7 times in
    /// 36 and "does not fit" 14 times, against 83 and 34 in 180 for the
    /// steps that answer a worry.
    pub(super) fn keep_about_worries(&self, led: &[Step], worries: u16, list: &mut Vec<Step>) {
        if !led.is_empty() {
            list.retain(|s| !led.iter().any(|l| l.position == s.position));
            list.splice(0..0, led.iter().copied());
        }
        let answers_worry = |s: &Step| self.addresses[s.position] & worries != 0;
        // A step from further up answers the worry but is far from where
        // the organisation stands (rated "fits" 4 times in 24): it leads,
        // and the way up keeps its steps beside it.
        let about_worries = list.iter().any(|s| {
            !matches!(s.reason, StepReason::FindOut | StepReason::FurtherUp) && answers_worry(s)
        });
        let mut kept = 0;
        list.retain(|s| {
            if s.reason == StepReason::FindOut {
                return true;
            }
            let keep = kept < MAX_NEXT_STEPS && (!about_worries || answers_worry(s));
            kept += usize::from(keep);
            keep
        });
    }

    /// With no "find out" step in `list` and a named worry that no build
    /// step answers, what to find out about it: the heaviest question
    /// answered "don't know" in the find-out group's stages that addresses
    /// it, even if its answer would not move the stage; failing that, in
    /// the nearest stage of `above` (further up) one that lists it first,
    /// as a step from there would (a forecast method left open, for a
    /// leader worried about the forecast). The leader named the worry;
    /// what the answers leave open about it is worth a check.
    pub(super) fn find_out_for_worries(
        &self,
        find_out: &Group,
        above: u64,
        answers: &[Answer],
        worries: u16,
        list: &mut Vec<Step>,
    ) {
        if worries == 0 || list.iter().any(|s| s.reason == StepReason::FindOut) {
            return;
        }
        let answered = list
            .iter()
            .fold(0u16, |m, s| m | self.addresses[s.position]);
        let open = worries & !answered;
        if open == 0 {
            return;
        }
        let group = Group {
            decides: None,
            worries: open,
            ..*find_out
        };
        let further = super::placement::bits(above).map(|s| Group {
            stages: 1 << s,
            ..group
        });
        for (g, masks) in
            std::iter::once((group, &self.addresses)).chain(further.map(|g| (g, &self.primary)))
        {
            let best = self.best_unmet(&g, answers, |step| masks[step.position] & open != 0);
            if let Some(step) = best {
                list.push(step);
                return;
            }
        }
    }
}

/// Appends `step` to `out` unless it is there or `out` holds `most`.
fn push_new(out: &mut ([Step; MAX_NEXT_STEPS], usize), step: Step, most: usize) {
    let (steps, count) = out;
    if *count < most && !steps[..*count].iter().any(|s| s.position == step.position) {
        steps[*count] = step;
        *count += 1;
    }
}

/// Inserts `step` into `top` (strongest first, a position once) if it is
/// stronger than one there; the first seen wins a tie, as the stable sort.
fn keep_strongest(top: &mut [Option<Step>], step: Step) {
    if top.iter().flatten().any(|s| s.position == step.position) {
        return;
    }
    if let Some(at) = top
        .iter()
        .position(|s| s.is_none_or(|s| step.priority > s.priority))
    {
        top[at..].rotate_right(1);
        top[at] = Some(step);
    }
}

impl Diagnosis {
    /// One line per worry the context names: which next step answers it,
    /// or that none here does; then, when steps to build were left out for
    /// answering none of the worries, how many (see [`Diagnosis::held_back`]).
    pub fn worry_lines(&self) -> Vec<String> {
        let build = self
            .next_steps
            .iter()
            .any(|s| s.reason != StepReason::FindOut);
        // With nothing to build, the steps line says it.
        let left_out = (self.held_back > 0 && build).then(|| {
            super::lines::left_out(self.held_back, "more step", " to build", "your worries")
        });
        self.context
            .worries()
            .map(|w| {
                let label = worry_index(w).map_or("", |i| WORRY_LABELS[i]);
                let steps: Vec<String> = self
                    .next_steps
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.reason != StepReason::FindOut)
                    .filter(|(_, s)| s.addresses.iter().any(|a| a == w))
                    .map(|(i, _)| (i + 1).to_string())
                    .collect();
                let checked = self
                    .next_steps
                    .iter()
                    .any(|s| s.reason == StepReason::FindOut && s.addresses.iter().any(|a| a == w));
                match steps.as_slice() {
                    [] if checked => format!(
                        "Your worry, {w} ({label}): no open step answers it yet; what to find \
                         out about it is listed under \"Find out\"."
                    ),
                    [] => match self
                        .partly_in_place
                        .iter()
                        .find(|p| p.addresses.iter().any(|a| a == w))
                    {
                        Some(partly) => format!(
                            "Your worry, {w} ({label}): no step here answers it; in place only \
                             in part about it: \"{}\"",
                            partly.statement
                        ),
                        None if self.worries_with_gaps & worry_bit(w) == 0 => format!(
                            "Your worry, {w} ({label}): your answers show no gap about it (no \
                             question about it is answered \"slightly true\" or lower)."
                        ),
                        None => format!("Your worry, {w} ({label}): no step here answers it."),
                    },
                    [one] => format!("Your worry, {w} ({label}): step {one} answers it."),
                    [many @ .., last] => format!(
                        "Your worry, {w} ({label}): steps {} and {last} answer it.",
                        many.join(", ")
                    ),
                }
            })
            .chain(left_out)
            .collect()
    }
}

/// The bit of worry `w` in a mask over `WORRIES` (0 for no worry).
fn worry_bit(w: &str) -> u16 {
    worry_index(w).map_or(0, |i| 1 << i)
}
