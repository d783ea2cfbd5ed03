//! What is only partly in place where an organisation stands: never a next
//! step (rule 10 of the README), listed for the leader to finish.

use super::{Answer, Scorer};
use serde::Serialize;

/// The heading of what is only partly in place, listed when there is
/// nothing to build (see [`PartlyInPlace`]).
pub const PARTLY_IN_PLACE: &str = "In place only in part, yours to finish:";

/// A question answered "partly true" where the organisation stands or in
/// what it builds on: never a step (rule 10), listed for the leader to finish.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartlyInPlace {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub stage: u32,
    pub statement: String,
    pub addresses: Vec<String>,
}

impl Scorer<'_> {
    /// The questions answered "partly true" where the organisation stands
    /// (if that stage carries forward) and in what it builds on: the ones
    /// rule 10 never makes a step of.
    pub(super) fn partly_in_place(&self, current: usize, answers: &[Answer]) -> Vec<PartlyInPlace> {
        let stages = self.model.stages();
        let own = stages[current].carries_forward.then_some(current);
        let mut list = Vec::new();
        for stage in own
            .into_iter()
            .chain(self.foundations[current].iter().copied())
        {
            for (i, t) in self.ranges[stage].clone().zip(&stages[stage].traits) {
                // A moot trait is nothing to finish either.
                if answers.get(i) == Some(&Answer::Scale(2)) && !self.moot(i, answers) {
                    list.push(PartlyInPlace {
                        trait_id: t.id.clone(),
                        stage: stages[stage].number,
                        statement: t.statement.clone(),
                        addresses: t.addresses.clone(),
                    });
                }
            }
        }
        list
    }
}
