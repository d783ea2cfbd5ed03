//! What a result says about the organisation's context: the line that names
//! it, and which next step answers each named worry.

use super::result::{Diagnosis, StepReason};
use crate::context::{WORRY_LABELS, worry_index};

impl Diagnosis {
    /// One line per worry the context names: which next step answers it,
    /// or that none here does.
    pub fn worry_lines(&self) -> Vec<String> {
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
                match steps.as_slice() {
                    [] => format!(
                        "Your worry, {w} ({label}): no open step at this stage answers it; \
                         what would is already in place or lies further up."
                    ),
                    [one] => format!("Your worry, {w} ({label}): step {one} answers it."),
                    [many @ .., last] => format!(
                        "Your worry, {w} ({label}): steps {} and {last} answer it.",
                        many.join(", ")
                    ),
                }
            })
            .collect()
    }

    /// "Context: subscription, deals 10k-50k. 4 questions do not apply ...",
    /// or None when nothing about the context is known.
    pub fn context_line(&self) -> Option<String> {
        let mut text = String::new();
        let known = self.context.to_string();
        if !known.is_empty() {
            text.push_str(&format!("Context: {known}."));
        }
        let n = self.not_applicable.len();
        if n > 0 {
            let (s, verb, counts) = if n == 1 {
                ("", "does", "counts")
            } else {
                ("s", "do", "count")
            };
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&format!(
                "{n} question{s} {verb} not apply to this business and {counts} neither way."
            ));
        }
        (!text.is_empty()).then_some(text)
    }
}
