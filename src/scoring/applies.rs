//! Which traits apply in the organisation's context (the model's
//! `applies_when`): those that do not count neither way, as an "n/a" answer.

use super::{Answer, Scorer};
use crate::context::Context;
use std::borrow::Cow;

impl Scorer<'_> {
    /// The answers with every trait that does not apply in `context` turned
    /// into "n/a": borrowed when the context rules nothing out.
    pub fn applicable<'a>(&self, answers: &'a [Answer], context: &Context) -> Cow<'a, [Answer]> {
        let mut owned = Vec::new();
        if self.restrict_into(answers, context, &mut owned) {
            Cow::Owned(owned)
        } else {
            Cow::Borrowed(answers)
        }
    }

    /// Copies `answers` into `buffer` with what does not apply in `context`
    /// as "n/a", and says true; says false (and leaves `buffer`) when the
    /// context rules nothing out.
    pub(super) fn restrict_into(
        &self,
        answers: &[Answer],
        context: &Context,
        buffer: &mut Vec<Answer>,
    ) -> bool {
        if context.is_empty() || self.conditions.iter().all(|c| context.satisfies(c)) {
            return false;
        }
        buffer.clear();
        buffer.extend(answers.iter().zip(&self.conditions).map(|(&a, c)| {
            if context.satisfies(c) {
                a
            } else {
                Answer::NotApplicable
            }
        }));
        true
    }

    /// Whether the trait at `position` applies in `context`.
    pub fn applies(&self, position: usize, context: &Context) -> bool {
        self.conditions
            .get(position)
            .is_none_or(|c| context.satisfies(c))
    }
}
