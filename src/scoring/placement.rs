//! Placement: which stage an organisation stands at, from the fit of every
//! stage. Pure and deterministic; the README works an example.
//!
//! 1. Each stage gets a status from its fit and from how much of it was
//!    answered (its *coverage*: the answered share of its weight):
//!    *does not apply* when under [`MIN_APPLICABLE`] of its weight applies
//!    in the context (no missing foundation then),
//!    *unknown* under [`MIN_COVERAGE`] (too few answers to tell either way),
//!    else *in place* at [`REACHED`] or more, *missing* under [`WEAK`],
//!    *partly* in between.
//! 2. A stage *qualifies* when it is in place and none of the stages it
//!    needs is missing. It needs the stages it builds on, except where the
//!    organisation started at an entry point (rule 3).
//! 3. An entry-point stage (self-serve) that is in place while the lowest
//!    stage it builds on (the sales-led lead machine) is answered and not in
//!    place (missing or partly, or not applying) means the organisation started there: it needs none of its foundations, and for
//!    the stages above it stands in for that lowest stage. (Some nurture
//!    mail and sign-up counts do not make a lead machine; in place, it would
//!    be the stage, and self-serve a strength ahead of it.)
//! 4. The current stage is the highest qualifying stage. If none qualifies,
//!    the best partly fitting stage that needs nothing missing (where the
//!    foundations are, even if only partly; the lower on a tie); else the highest stage in place
//!    (its missing foundations are reported as skipped, with low
//!    confidence); else the organisation is not placed.
//! 5. Not placed either when fewer than [`MIN_ANSWERED`] of the questions
//!    are answered: a verdict needs answers.
//! 6. Ahead: the stages above the current one that are in place. They are
//!    strengths to keep, not the stage.
//! 7. In transition: the first of the next two stages above the current one
//!    that is not in place but fits [`EMERGING`] or more on enough answers,
//!    and needs no missing stage (an entry point may come first).
//! 8. Skipped foundations: the stages the current one builds on that are
//!    missing (a lowest foundation stood in for by an entry point is not).
//! 9. Margin: how far the fits that decided the verdict lie from the
//!    thresholds they were compared with (the closest one counts). A small
//!    margin means a slightly different answer could change the stage.

use super::assessment::Fit;

/// Fit at which a stage counts as in place (reached).
pub const REACHED: f64 = 0.6;
/// Fit at which the next stage counts as emerging (in transition).
pub const EMERGING: f64 = 0.4;
/// Fit under which a stage counts as missing: its answers average under
/// 1.6 of 4, closer to "slightly" than to "partly".
pub const WEAK: f64 = 0.4;
/// The share of a stage's weight that must apply in the organisation's
/// context for the stage to count at all; under it, the stage does not apply.
pub const MIN_APPLICABLE: f64 = 0.5;
/// The answered share of a stage's weight under which its fit decides nothing.
pub const MIN_COVERAGE: f64 = 0.5;
/// The answered share of all questions under which nobody is placed (10 of 38).
pub const MIN_ANSWERED: f64 = 0.25;

/// What one stage's answers say, by the thresholds above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Less than [`MIN_APPLICABLE`] of the stage's weight applies in the
    /// organisation's context.
    NotApplicable,
    Unknown,
    Missing,
    Partly,
    InPlace,
}

impl Status {
    pub fn of(f: &Fit) -> Status {
        if f.not_applicable {
            Status::NotApplicable
        } else if f.coverage < MIN_COVERAGE {
            Status::Unknown
        } else if f.fit >= REACHED {
            Status::InPlace
        } else if f.fit < WEAK {
            Status::Missing
        } else {
            Status::Partly
        }
    }
}

/// The shape of the model that placement needs, by stage index.
#[derive(Debug, Clone, Default)]
pub struct Ladder {
    /// The stages each stage builds on, as a bit mask of stage indices.
    pub foundations: Vec<u64>,
    /// Stages an organisation may start at (see rule 3).
    pub entry_point: Vec<bool>,
}

/// Why an organisation is not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum NotPlaced {
    /// Fewer than [`MIN_ANSWERED`] of the questions answered.
    #[serde(rename = "too few answers")]
    TooFewAnswers,
    /// No stage fits [`WEAK`] or more on enough answers, on its foundations.
    #[serde(rename = "no stage fits")]
    NoStageFits,
}

/// The fit that decided the verdict most narrowly (rule 9).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Margin {
    /// How far it is from its threshold, 0..1.
    pub points: f64,
    /// The stage (index) whose fit it is.
    pub stage: usize,
    /// The threshold it was compared with.
    pub threshold: f64,
}

/// The verdict, by stage index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    pub current: Option<usize>,
    pub not_placed: Option<NotPlaced>,
    /// The current stage is in place (not only the closest partly fitting one).
    pub reached: bool,
    /// Placed at an entry point without its foundations (rule 3).
    pub started_here: bool,
    /// Foundations an entry point stands in for (rule 3), as a mask: no gap.
    pub stood_in: u64,
    pub in_transition_to: Option<usize>,
    pub skipped: Vec<usize>,
    pub ahead: Vec<usize>,
    /// Rule 9 (0 points when not placed or not in place).
    pub margin: Margin,
}

/// The set of stage indices `stages` as a mask: the inverse of [`bits`].
pub(super) fn mask(stages: impl IntoIterator<Item = usize>) -> u64 {
    stages.into_iter().fold(0, |m, i| m | 1 << i)
}

/// The set bits of `mask`, lowest first, visiting only those.
pub(super) fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let i = lowest(mask)?;
        mask &= mask - 1;
        Some(i)
    })
}

fn lowest(mask: u64) -> Option<usize> {
    (mask != 0).then(|| mask.trailing_zeros() as usize)
}

impl Ladder {
    /// Rule 3: the entry-point stages the organisation started at, from the
    /// stages in place and those missing or partly (masks).
    fn started(&self, in_place: u64, not_in_place: u64) -> u64 {
        bits(in_place)
            .filter(|&i| {
                self.entry_point[i]
                    && lowest(self.foundations[i]).is_some_and(|l| not_in_place & (1 << l) != 0)
            })
            .fold(0, |m, i| m | 1 << i)
    }

    /// Rules 2-3: the stages stage `i` needs, as a mask.
    fn needs(&self, i: usize, started: u64) -> u64 {
        if started == 0 {
            return self.foundations[i];
        }
        if started & (1 << i) != 0 {
            return 0;
        }
        let mut needs = self.foundations[i];
        for e in bits(started).filter(|&e| e < i) {
            if let Some(l) = lowest(self.foundations[e])
                && needs & (1 << l) != 0
            {
                needs = (needs & !(1 << l)) | 1 << e;
            }
        }
        needs
    }

    /// Places an organisation from the fit of every stage and the share of
    /// all questions answered. `into` is reused, so a batch allocates nothing.
    pub fn place(&self, fit: &[Fit], answered_share: f64, into: &mut Placement) {
        let n = fit.len();
        // Stages are at most 64 (the model checks): no allocation per answer set.
        let mut statuses = [Status::Unknown; 64];
        // The same as masks, so that finding a stage is a bit scan.
        let (mut in_place, mut partly, mut missing, mut absent) = (0u64, 0u64, 0u64, 0u64);
        for (i, (s, f)) in statuses.iter_mut().zip(fit).enumerate() {
            *s = Status::of(f);
            match *s {
                Status::InPlace => in_place |= 1 << i,
                Status::Partly => partly |= 1 << i,
                Status::Missing => missing |= 1 << i,
                // A stage that does not apply to this business was not
                // built either: an entry point above it started there.
                Status::NotApplicable => absent |= 1 << i,
                Status::Unknown => {}
            }
        }
        let status = &statuses[..n];
        let started = self.started(in_place, missing | partly | absent);
        let missing_in = |mask: u64| bits(mask & missing);
        let grounded = |i: usize| self.needs(i, started) & missing == 0;

        let p = into;
        p.skipped.clear();
        p.ahead.clear();
        p.in_transition_to = None;
        p.margin = Margin::default();
        p.started_here = false;
        p.stood_in = 0;
        // The highest stage in place (grounded, if asked), top down.
        let highest = |grounded_only: bool| {
            let mut left = in_place;
            while left != 0 {
                let i = 63 - left.leading_zeros() as usize;
                if !grounded_only || grounded(i) {
                    return Some(i);
                }
                left &= !(1 << i);
            }
            None
        };
        // Partly only: the best fitting one, the lower on a tie.
        let closest = || {
            bits(partly)
                .filter(|&i| grounded(i))
                .fold(None, |best: Option<usize>, i| match best {
                    Some(b) if fit[b].fit >= fit[i].fit => Some(b),
                    _ => Some(i),
                })
        };
        let chosen = highest(true).or_else(closest).or_else(|| highest(false));
        p.reached = chosen.is_some_and(|i| in_place & (1 << i) != 0);
        p.not_placed = if answered_share < MIN_ANSWERED {
            Some(NotPlaced::TooFewAnswers)
        } else if chosen.is_none() {
            Some(NotPlaced::NoStageFits)
        } else {
            None
        };
        p.current = chosen.filter(|_| p.not_placed.is_none());
        let Some(current) = p.current else {
            p.reached = false;
            return;
        };
        p.started_here = started & (1 << current) != 0;
        let needs = self.needs(current, started);
        // A lowest foundation that an entry point stands in for is no gap.
        p.stood_in = bits(started)
            .filter(|&e| e <= current)
            .filter_map(|e| lowest(self.foundations[e]))
            .fold(0, |m, l| m | 1 << l);
        p.skipped.extend(missing_in(
            (self.foundations[current] | needs) & !p.stood_in & !(1 << current),
        ));
        // Bits above the current stage's (none above stage 64).
        let above = !((1u64 << current) | ((1u64 << current) - 1));
        p.ahead.extend(bits(in_place & above));
        // A stage with a missing foundation is no move under way: the
        // foundation comes first (stage 6 at 45% beside a self-serve stage at
        // 6% is not a transition to 6). An entry point may be started
        // before its foundations, as the source says of self-serve.
        p.in_transition_to = (current + 1..(current + 3).min(n)).find(|&i| {
            !matches!(
                status[i],
                Status::InPlace | Status::Unknown | Status::NotApplicable
            ) && fit[i].fit >= EMERGING
                && (self.entry_point[i] || grounded(i))
        });
        p.margin = self.margin(fit, status, started, current, p.reached);
    }

    /// Rule 9: the deciding fit closest to its threshold.
    fn margin(
        &self,
        fit: &[Fit],
        status: &[Status],
        started: u64,
        current: usize,
        reached: bool,
    ) -> Margin {
        let mut closest = Margin {
            points: 0.0,
            stage: current,
            threshold: REACHED,
        };
        if !reached {
            return closest;
        }
        closest.points = fit[current].fit - REACHED;
        let mut consider = |m: Margin| {
            if m.points < closest.points {
                closest = m;
            }
        };
        let at = |stage: usize, threshold: f64| Margin {
            points: (fit[stage].fit - threshold).abs(),
            stage,
            threshold,
        };
        let known = |i: usize| !matches!(status[i], Status::Unknown | Status::NotApplicable);
        for f in bits(self.needs(current, started)).filter(|&f| known(f)) {
            consider(at(f, WEAK));
        }
        if started & (1 << current) != 0
            && let Some(l) = lowest(self.foundations[current]).filter(|&l| known(l))
        {
            consider(at(l, REACHED));
        }
        for j in (current + 1..fit.len()).filter(|&j| known(j)) {
            if status[j] != Status::InPlace {
                consider(at(j, REACHED));
                continue;
            }
            // Ahead: as close as the most clearly missing foundation that
            // blocks it; an entry point would also qualify if its lowest
            // foundation fell out of place.
            if let Some(f) = bits(self.needs(j, started))
                .filter(|&f| status[f] == Status::Missing)
                .max_by(|&x, &y| fit[y].fit.total_cmp(&fit[x].fit))
            {
                consider(at(f, WEAK));
            }
            if let Some(l) = lowest(self.foundations[j]).filter(|_| self.entry_point[j])
                && status[l] == Status::InPlace
            {
                consider(at(l, REACHED));
            }
        }
        closest
    }
}
