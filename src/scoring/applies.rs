//! Which traits apply in the organisation's context (the model's
//! `applies_when`): those that do not count neither way, as an "n/a" answer.

use super::{Answer, Scorer};
use crate::context::{Condition, Context, Key};
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
        // A trait is out when any known value is one its condition does not
        // allow: an OR of masks per 64 traits, not a check per trait.
        let out = |word: &[[u64; 8]; 4]| {
            Key::ALL.iter().zip(word).fold(0, |m, (&key, by_value)| {
                m | context.index(key).map_or(0, |v| by_value[usize::from(v)])
            })
        };
        if self.excluded.iter().all(|word| out(word) == 0) {
            return false;
        }
        buffer.clear();
        buffer.extend_from_slice(answers);
        for (w, word) in self.excluded.iter().enumerate() {
            let mut mask = out(word);
            while mask != 0 {
                if let Some(a) = buffer.get_mut(w * 64 + mask.trailing_zeros() as usize) {
                    *a = Answer::NotApplicable;
                }
                mask &= mask - 1;
            }
        }
        true
    }

    /// Whether the trait at `position` applies in `context`.
    pub fn applies(&self, position: usize, context: &Context) -> bool {
        self.conditions
            .get(position)
            .is_none_or(|c| context.satisfies(c))
    }
}

/// Per 64 trait positions, per key, per value number: the traits that do
/// not apply when the key has that value, as a bit mask.
pub(super) fn excluded(conditions: &[Condition]) -> Vec<[[u64; 8]; 4]> {
    let mut words = vec![[[0u64; 8]; 4]; conditions.len().div_ceil(64)];
    for (i, c) in conditions.iter().enumerate() {
        for (k, key) in Key::ALL.into_iter().enumerate() {
            for v in 0..8 {
                if !c.allows(key, v) {
                    words[i / 64][k][usize::from(v)] |= 1 << (i % 64);
                }
            }
        }
    }
    words
}
