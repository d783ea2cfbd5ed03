//! How sure a verdict is. `high` only when the answers clearly single out one
//! stage; every reason it is not is said in words.
//!
//! - **none**: not placed (too few answers, or no stage fits).
//! - **low**: the margin (see [`super::placement`]) is under [`LOW_MARGIN`];
//!   the stage shown is only the closest partly fitting one; it stands on
//!   missing foundations (no stage qualified, rule 4; an entry point the
//!   organisation started at is no doubt, but says so); a foundation it needs
//!   has too few answers to tell; the stage right above it has too few
//!   answers to rule it out; or the answers are straight-lined.
//! - **medium**: the margin is under [`HIGH_MARGIN`]; the current stage has
//!   under [`HIGH_COVERAGE`] of its weight answered; a stage further above
//!   has too few answers to rule it out; the stage it is in transition to
//!   fits within [`LOW_MARGIN`] of [`EMERGING`].
//! - Each conflicting signal lowers the level by one: a superseded stage
//!   (owners selling every deal, a few closers carrying the revenue) that is
//!   in place
//!   while the current stage is two or more stages above it; or two answers
//!   the model declares contradictory (`contradicts`), both "mostly" or more.

use super::assessment::Assessment;
use super::placement::{EMERGING, MIN_COVERAGE, REACHED, Status, WEAK};
use super::result::ConfidenceLevel;
use super::{Answer, Scorer};

/// Under this margin (10 points of fit), the verdict is at most medium.
pub const HIGH_MARGIN: f64 = 0.10;
/// Under this margin (5 points of fit), the verdict is low.
pub const LOW_MARGIN: f64 = 0.05;
/// Fits are sums of fractions: 0.6 - 0.5 comes out a hair under 0.1.
const MARGIN_SLACK: f64 = 1e-9;

/// A margin (0..1) in whole points.
fn points(margin: f64) -> u64 {
    (margin * 100.0).round() as u64
}

/// The points between `fit` and `threshold` as the result prints them
/// (52% is 8 points under 60%): what a close call is measured in, so that
/// the level and the words beside it agree.
fn shown_points(fit: f64, threshold: f64) -> u64 {
    (crate::text::whole_percent(threshold) - crate::text::whole_percent(fit)).unsigned_abs()
}

/// How far `fit` lies from `threshold`, in the whole points the result
/// shows (so that it agrees with the rounded percentages beside it):
/// "3 points under", "1 point over", "just under", "right at".
fn distance(fit: f64, threshold: f64) -> String {
    let points = shown_points(fit, threshold);
    let side = if fit < threshold { "under" } else { "over" };
    match points {
        0 if (fit - threshold).abs() < MARGIN_SLACK => "right at".to_string(),
        0 => format!("just {side}"),
        1 => format!("1 point {side}"),
        n => format!("{n} points {side}"),
    }
}
/// The answered share of the current stage's weight that `high` needs.
pub const HIGH_COVERAGE: f64 = 0.75;
/// Straight-lined: at least this share of the known answers is one value...
pub const STRAIGHT_SHARE: f64 = 0.9;
/// ... with at least this many answers.
pub const STRAIGHT_MIN: usize = 10;

impl Scorer<'_> {
    /// The level, with its reasons pushed to `reasons` when given.
    pub(super) fn confidence(
        &self,
        a: &Assessment,
        answers: &[Answer],
        mut reasons: Option<&mut Vec<String>>,
    ) -> ConfidenceLevel {
        let stages = self.model.stages();
        // Questions that do not apply are not asked: out of the count.
        let total = a.applicable;
        let mut say = |text: &dyn Fn() -> String| {
            if let Some(list) = reasons.as_deref_mut() {
                list.push(text());
            }
        };
        let p = &a.placement;
        let Some(current) = p.current else {
            say(&|| match p.not_placed {
                Some(super::placement::NotPlaced::TooFewAnswers) => format!(
                    "only {} of {total} questions answered; a verdict needs at least a quarter",
                    a.answered
                ),
                _ => format!(
                    "no stage fits {:.0}% or more on at least half of its questions without a missing foundation",
                    WEAK * 100.0
                ),
            });
            if let Some(value) = straight_lined(&a.values) {
                say(&|| straight_warning(value));
            }
            return ConfidenceLevel::None;
        };
        let name = |i: usize| format!("stage {} {}", stages[i].number, stages[i].name);
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let mut level = ConfidenceLevel::High;
        let cap = |to: ConfidenceLevel, level: &mut ConfidenceLevel| *level = (*level).min(to);

        // The skipped foundations with their fits: "stage 4 Customer Success (17%)".
        let skipped = || {
            p.skipped
                .iter()
                .map(|&i| format!("{} ({})", name(i), pct(a.fit[i].fit)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !p.reached {
            cap(ConfidenceLevel::Low, &mut level);
            say(&|| {
                format!(
                    "no stage fits {} or more on enough answers; {} is the closest",
                    pct(REACHED),
                    name(current)
                )
            });
        } else if !p.skipped.is_empty() && !p.started_here {
            cap(ConfidenceLevel::Low, &mut level);
            say(&|| {
                format!(
                    "{} stands on missing foundations: {}",
                    name(current),
                    skipped()
                )
            });
        } else if shown_points(a.fit[p.margin.stage].fit, p.margin.threshold) < points(HIGH_MARGIN)
        {
            let m = p.margin;
            cap(
                if shown_points(a.fit[m.stage].fit, m.threshold) < points(LOW_MARGIN) {
                    ConfidenceLevel::Low
                } else {
                    ConfidenceLevel::Medium
                },
                &mut level,
            );
            say(&|| {
                let fit = a.fit[m.stage].fit;
                format!(
                    "a close call: {} fits {}, {} the {} line",
                    name(m.stage),
                    pct(fit),
                    distance(fit, m.threshold),
                    pct(m.threshold)
                )
            });
        }
        // "In transition" is a claim too: one answer should not decide it
        // unnoticed (a new user found it resting on a fit of exactly 40%).
        if let Some(next) = p.in_transition_to
            && shown_points(a.fit[next].fit, EMERGING) < points(LOW_MARGIN)
        {
            cap(ConfidenceLevel::Medium, &mut level);
            say(&|| {
                let fit = a.fit[next].fit;
                format!(
                    "the move to {} is a close call: it fits {}, {} the {} line",
                    name(next),
                    pct(fit),
                    distance(fit, EMERGING),
                    pct(EMERGING)
                )
            });
        }
        if p.started_here && !p.skipped.is_empty() {
            // Rule 3: no doubt about the stage, but the missing foundation
            // shown beside it needs a word, or the result contradicts itself.
            say(&|| {
                let verb = if p.skipped.len() == 1 { "is" } else { "are" };
                format!(
                    "{} came first, as an entry point may (a company that sells on the web \
                     from the start); {}, which it builds on, {verb} still to build",
                    name(current),
                    skipped()
                )
            });
        }
        let unknown = |i: &usize| Status::of(&a.fit[*i]) == Status::Unknown;
        let names = |list: &mut dyn Iterator<Item = usize>| -> String {
            list.map(&name).collect::<Vec<_>>().join(", ")
        };
        // A lowest foundation stood in for by an entry point is not asked for.
        let needed = |i: &usize| p.stood_in & (1 << *i) == 0 && unknown(i);
        if self.foundations[current].iter().any(needed) {
            cap(ConfidenceLevel::Low, &mut level);
            say(&|| {
                format!(
                    "too few answers to tell whether {} (which it builds on) is in place",
                    names(&mut self.foundations[current].iter().copied().filter(needed))
                )
            });
        }
        if a.fit[current].coverage < HIGH_COVERAGE {
            cap(ConfidenceLevel::Medium, &mut level);
            say(&|| {
                format!(
                    "{} rests on {} of its {} questions",
                    name(current),
                    a.fit[current].answered,
                    stages[current].traits.len()
                )
            });
        }
        let above = || {
            (current + 1..a.fit.len())
                .filter(|&i| !a.fit[i].not_applicable && a.fit[i].coverage < MIN_COVERAGE)
        };
        if let Some(first) = above().next() {
            // The very next stage unknown: the organisation may well be there.
            let next = first == current + 1;
            cap(
                if next {
                    ConfidenceLevel::Low
                } else {
                    ConfidenceLevel::Medium
                },
                &mut level,
            );
            say(&|| format!("too few answers to rule out {}", names(&mut above())));
        }
        if let Some(value) = straight_lined(&a.values) {
            cap(ConfidenceLevel::Low, &mut level);
            say(&|| straight_warning(value));
        }
        for s in (0..current.saturating_sub(1)).filter(|&s| !stages[s].carries_forward) {
            if Status::of(&a.fit[s]) == Status::InPlace {
                level = level.lower();
                say(&|| {
                    format!(
                        "conflicting signals: {} fits {}, a stage that {} has left behind",
                        name(s),
                        pct(a.fit[s].fit),
                        name(current)
                    )
                });
            }
        }
        let mostly = |p: usize| matches!(answers[p], Answer::Scale(n) if n >= super::MOSTLY);
        for &(x, y) in self
            .contradictions
            .iter()
            .filter(|&&(x, y)| mostly(x) && mostly(y))
        {
            level = level.lower();
            say(&|| {
                let q = |p: usize| {
                    self.model
                        .traits()
                        .nth(p)
                        .map_or(String::new(), |(_, t)| t.question.trim().to_string())
                };
                format!(
                    "conflicting signals: \"{}\" and \"{}\" are both answered true, which rarely go together",
                    q(x).trim_end_matches('.'),
                    q(y).trim_end_matches('.')
                )
            });
        }
        // Last: the reasons above decide the level; this one only says how
        // much was left open (a new user read it first as the cause).
        if a.answered < total {
            say(&|| {
                format!(
                    "{} of {total} questions answered \"don't know\" or left out",
                    total - a.answered
                )
            });
        }
        level
    }
}

fn straight_warning(value: u8) -> String {
    format!(
        "warning: nearly every answer is {value}; straight-lined answers do not tell the stages apart"
    )
}

/// The value nearly every known answer has, if the answers are straight-lined.
fn straight_lined(counts: &[usize; 8]) -> Option<u8> {
    let known: usize = counts.iter().sum();
    let (value, most) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    (known >= STRAIGHT_MIN && most * 10 >= known * 9).then_some(value as u8)
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn a_close_call_agrees_with_the_rounded_percentages() {
        assert_eq!(distance(0.525, 0.6), "8 points under");
        assert_eq!(distance(0.59, 0.6), "1 point under");
        assert_eq!(distance(0.5996, 0.6), "just under");
        assert_eq!(distance(0.6, 0.6), "right at");
        assert_eq!(distance(0.63, 0.6), "3 points over");
    }
}
