//! Rule 1, the fit of every stage: the weighted mean of its known answers,
//! with the coverage that "don't know" shrinks and "n/a" leaves alone.

use super::assessment::{Assessment, Fit};
use super::placement::MIN_APPLICABLE;
use super::{Answer, Scorer};

impl Scorer<'_> {
    /// Rule 1 for every stage.
    pub(super) fn fits(&self, answers: &[Answer], a: &mut Assessment) {
        a.fit.clear();
        a.answered = 0;
        a.applicable = 0;
        a.values = [0; 8];
        for (range, inverse) in self.ranges.iter().zip(&self.inverse_weight) {
            let (mut sum, mut weights, mut answered) = (0.0, 0.0, 0);
            let (mut excluded, mut out) = (0.0, 0);
            // Scaling by 1/4 once at the end is exact, so the result is the
            // same as summing weight x answer/4.
            for (weight, answer) in self.weights[range.clone()]
                .iter()
                .zip(&answers[range.clone()])
            {
                match *answer {
                    Answer::Scale(n) => {
                        a.values[usize::from(n) & 7] += 1;
                        sum += weight * f64::from(n);
                        weights += weight;
                        answered += 1;
                    }
                    // "Don't know" adds nothing to either side.
                    Answer::Unknown => {}
                    Answer::NotApplicable => {
                        excluded += weight;
                        out += 1;
                    }
                }
            }
            a.answered += answered;
            a.applicable += range.len() - out;
            // Coverage counts only what applies: "n/a" shrinks neither side.
            let (coverage, not_applicable) = if out > 0 {
                let total = 1.0 / inverse;
                let applicable = total - excluded;
                let share = if applicable > 1e-9 {
                    weights / applicable
                } else {
                    0.0
                };
                // A stage most of whose weight does not apply to this
                // business (development reps and lead routing for a company
                // with no salespeople) is not its stage either way, and its
                // absence is no missing foundation.
                (share, applicable < MIN_APPLICABLE * total - 1e-9)
            } else {
                (weights * inverse, false)
            };
            a.fit.push(Fit {
                fit: if weights > 0.0 {
                    sum * 0.25 / weights
                } else {
                    0.0
                },
                answered,
                coverage,
                not_applicable,
            });
        }
    }
}
