//! Steps the answers make moot (the model's `needs` and `covered_by`): a
//! report on trial conversion where there is no trial, a step-conversion
//! review where the forecast is already computed from conversion history.
//! Consultants rated such steps "already done" or "nothing to build on";
//! they still count for the stages, like any answer.

use super::{Answer, Scorer};
use crate::model::Model;

/// One trait's rule, by trait position.
#[derive(Debug, Clone, Default)]
pub(super) struct Moot {
    /// No step when every one of these is answered 0 or does not apply.
    needs: Vec<usize>,
    /// No step when any of these is answered 3 or 4.
    covered_by: Vec<usize>,
}

/// Every trait's rule, in trait position order.
pub(super) fn rules(model: &Model) -> Vec<Moot> {
    let positions = |ids: &[String]| -> Vec<usize> {
        ids.iter()
            .filter_map(|id| model.trait_position(id))
            .collect()
    };
    model
        .traits()
        .map(|(_, t)| Moot {
            needs: positions(&t.needs),
            covered_by: positions(&t.covered_by),
        })
        .collect()
}

impl Scorer<'_> {
    /// Whether the answers make trait `position` no next step.
    pub(super) fn moot(&self, position: usize, answers: &[Answer]) -> bool {
        let Some(rule) = self.moot.get(position) else {
            return false;
        };
        let answer = |p: &usize| answers.get(*p).copied().unwrap_or(Answer::Unknown);
        // What does not apply to the business is not there either; "don't
        // know" may be.
        let absent = |p: &usize| matches!(answer(p), Answer::Scale(0) | Answer::NotApplicable);
        let nothing_to_build_on = !rule.needs.is_empty() && rule.needs.iter().all(absent);
        nothing_to_build_on
            || rule
                .covered_by
                .iter()
                .any(|p| matches!(answer(p), Answer::Scale(n) if n >= super::MOSTLY))
    }
}
