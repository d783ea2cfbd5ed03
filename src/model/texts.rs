//! Which text the model shows: the variant written for the organisation's
//! context, and for a step, what its answer says already exists.

use super::{ForContext, Stage, Trait};
use crate::answers::Answer;
use crate::context::Context;
use std::borrow::Cow;

impl Stage {
    /// The "moving on" text for this context: the first variant that fits, else the default.
    pub fn moving_on_in(&self, context: &Context) -> &str {
        ForContext::pick(&self.moving_on_for, context).unwrap_or(&self.moving_on)
    }
}

impl ForContext {
    /// The text of the first variant whose condition the context meets on
    /// a known value: an unknown context never picks a variant.
    pub fn pick<'a>(variants: &'a [ForContext], context: &Context) -> Option<&'a str> {
        variants
            .iter()
            .find(|v| v.condition.picks(context))
            .map(|v| v.text.as_str())
    }
}

impl Trait {
    /// Which action fits this context: 0 for the default, `i + 1` for
    /// `actions_for[i]`, the first variant that fits.
    pub fn action_variant(&self, context: &Context) -> usize {
        crate::context::variant(self.actions_for.iter().map(|v| &v.condition), context)
    }

    /// The text of a next step built from this trait: the action for the
    /// context, after the `partly` text when the question was answered
    /// "partly true" (so that the step starts from what exists).
    pub fn step_text(&self, context: &Context, answer: Answer) -> Cow<'_, str> {
        self.step_text_of(self.step_variant(context, answer))
    }

    /// Which text [`Trait::step_text`] shows, as an index into
    /// [`Trait::step_texts`] (a batch encodes each once): the
    /// [`Trait::action_variant`], plus the number of actions when the
    /// `partly` text comes first.
    pub fn step_variant(&self, context: &Context, answer: Answer) -> usize {
        let variant = self.action_variant(context);
        // Without a `partly` text, "partly true" shows the action alone:
        // the same text, so the same index.
        let own = variant.checked_sub(1).map(|i| &self.actions_for[i].partly);
        if self.partly.is_none() && own.is_none_or(Option::is_none) {
            return variant;
        }
        step_index(variant, self.actions_for.len() + 1, answer)
    }

    /// Every text [`Trait::step_text`] can show, by [`Trait::step_variant`]:
    /// the actions, then each after the `partly` text (or again alone).
    pub fn step_texts(&self) -> impl Iterator<Item = Cow<'_, str>> {
        (0..2 * (self.actions_for.len() + 1)).map(|i| self.step_text_of(i))
    }

    /// The text of a "find out" step about this trait: what to check and
    /// how, and why it is worth the leader's time (the answer can change
    /// where the organisation stands, or which step comes first).
    pub fn find_out_step(&self) -> String {
        let how = self.find_out.as_deref().map_or_else(
            || "Ask whoever would own it.".to_string(),
            |f| f.trim().to_string(),
        );
        format!(
            "Find out whether this is true: \"{}\" {how} The answer can change where your \
             organisation stands or what comes next, so score again once you know.",
            self.question.trim()
        )
    }

    fn step_text_of(&self, index: usize) -> Cow<'_, str> {
        let actions = self.actions_for.len() + 1;
        let (action, partly) = match index % actions {
            0 => (self.action.trim(), self.partly.as_deref()),
            i => {
                let v = &self.actions_for[i - 1];
                (
                    v.text.trim(),
                    v.partly.as_deref().or(self.partly.as_deref()),
                )
            }
        };
        match partly {
            Some(partly) if index >= actions => format!("{} {action}", partly.trim()).into(),
            _ => action.into(),
        }
    }
}

/// The index into [`Trait::step_texts`] of action `variant` (of `actions`)
/// for a question answered `answer`: "partly true" shows the `partly` text first.
pub fn step_index(variant: usize, actions: usize, answer: Answer) -> usize {
    if answer == Answer::Scale(2) {
        variant + actions
    } else {
        variant
    }
}
