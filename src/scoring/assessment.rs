//! What scoring computes before any text is looked up: fits, placement and
//! next steps by index, cheap enough for a batch row.

use super::result::{ConfidenceLevel, StepReason};

/// The fit of one stage, by stage index.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fit {
    /// 0..1; 0 when no trait of the stage was answered.
    pub fit: f64,
    /// Traits of the stage with a known answer.
    pub answered: usize,
    /// The answered share of the stage's weight, 0..1.
    pub coverage: f64,
    /// Less than half of the stage's weight applies (see [`Fit::not_applicable`]).
    pub not_applicable: bool,
}

/// A next step by trait position, before its texts are looked up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The trait's position in [`crate::model::Model::traits`] order.
    pub position: usize,
    /// The index of the stage the trait belongs to.
    pub stage: usize,
    pub reason: StepReason,
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
/// a row of a batch table or CSV. [`super::Scorer::diagnosis`] expands it
/// into the full [`super::Diagnosis`]. Stages are given by index into the model's stages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assessment {
    /// Which next steps `next_steps` holds.
    pub steps: Steps,
    pub fit: Vec<Fit>,
    pub placement: super::placement::Placement,
    pub next_steps: Vec<Step>,
    pub answered: usize,
    /// How many answers gave each value 0-4 (to notice straight-lining);
    /// eight slots so that counting needs no bounds check.
    pub values: [usize; 8],
    /// Questions that apply in the context (all but the not-applicable ones).
    pub applicable: usize,
    pub confidence: ConfidenceLevel,
    /// The context the answers were scored in.
    pub context: crate::context::Context,
    /// Reused for the answers with what does not apply as "n/a".
    pub scratch: Vec<super::Answer>,
}

impl Assessment {
    /// The current stage's index; None when not placed.
    pub fn current(&self) -> Option<usize> {
        self.placement.current
    }
}
