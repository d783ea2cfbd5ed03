//! A model's `applies_when` (or a variant's `when`) compiled to bit masks,
//! checked against a context for every trait of every row.

use super::{Context, Key};
use std::collections::BTreeMap;

/// An `applies_when` condition compiled to bit masks, one per key: bit `v`
/// set when value `v` is listed (every bit when the key is not named).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    pub(super) masks: [u8; 4],
    /// A text variant's `worries` (a mask over `WORRIES`, 0 = not named):
    /// shown only when one of them is named. Never in `applies_when`: a
    /// worry changes what comes first, not what applies.
    pub(super) worries: u16,
}

impl Default for Condition {
    fn default() -> Self {
        Condition {
            masks: [u8::MAX; 4],
            worries: 0,
        }
    }
}

/// Which text variant to show in `context`: `i + 1` for the first of
/// `conditions` that picks it, 0 for the default text.
pub fn variant<'a>(
    conditions: impl IntoIterator<Item = &'a Condition>,
    context: &Context,
) -> usize {
    conditions
        .into_iter()
        .position(|c| c.picks(context))
        .map_or(0, |i| i + 1)
}

impl Condition {
    /// Whether a text variant written for this condition is the one to show
    /// in `context`: every key it names is known there, with a listed value.
    pub fn picks(&self, context: &Context) -> bool {
        self.names_known(context)
            && context.satisfies(self)
            && (self.worries == 0 || self.worries & context.worry_mask() != 0)
    }

    /// Whether the condition names worries (only a text variant's may).
    pub fn names_worries(&self) -> bool {
        self.worries != 0
    }

    /// Whether the condition lets `key` have its value number `value`.
    pub fn allows(&self, key: Key, value: u8) -> bool {
        self.masks[key.index()] & (1 << value) != 0
    }

    /// Whether the context knows a value for every key the condition names:
    /// a variant written for large deals is not shown when the deal size is unknown.
    pub fn names_known(&self, context: &Context) -> bool {
        Key::ALL
            .iter()
            .all(|&k| self.masks[k.index()] == u8::MAX || context.values[k.index()].is_some())
    }

    /// Compiles a model's `applies_when` map; returns the problems (unknown
    /// keys or values) instead when there are any.
    pub fn compile(map: &BTreeMap<String, Vec<String>>) -> Result<Condition, Vec<String>> {
        let mut condition = Condition::default();
        let mut problems = Vec::new();
        for (name, values) in map {
            let known = name == "worries" || Key::from_name(name).is_some();
            if known && values.is_empty() {
                problems.push(format!("{name}: list at least one value"));
            }
            if name == "worries" {
                for value in values {
                    match super::worry_index(value) {
                        Some(i) => condition.worries |= 1 << i,
                        None => problems.push(format!(
                            "worries: \"{value}\" is not a worry; use {}",
                            super::WORRIES.join(", ")
                        )),
                    }
                }
                continue;
            }
            let Some(key) = Key::from_name(name) else {
                problems.push(format!(
                    "unknown context key \"{name}\": use {}, or worries in a variant's when",
                    Key::ALL.map(Key::name).join(", ")
                ));
                continue;
            };
            let mut mask = 0u8;
            for value in values {
                match key.parse(value) {
                    Some(i) => mask |= 1 << i,
                    None => problems.push(format!(
                        "{name}: \"{value}\" is not a value; use {}",
                        key.values().join(", ")
                    )),
                }
            }
            condition.masks[key.index()] = mask;
        }
        if problems.is_empty() {
            Ok(condition)
        } else {
            Err(problems)
        }
    }
}
