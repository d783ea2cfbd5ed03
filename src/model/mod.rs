//! The stage model: eight stages, each with the traits that reveal it.
//!
//! The types mirror the YAML files in `stages/` (documented field by field in
//! `stages/README.md`); [`load_dir`] and [`load_embedded`] read them, and loading checks them (`validate.rs`).

mod load;
mod texts;
mod validate;
mod variants;

pub use load::{EMBEDDED_FILES, ModelError, ModelProblem, load_dir, load_embedded, load_texts};
pub use texts::step_index;

use crate::context::{Condition, Context};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One stage of the evolution, as written in one file of `stages/`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub number: u32,
    pub name: String,
    pub motto: String,
    pub summary: String,
    pub description: String,
    pub focus: String,
    /// Later stages build on this one (stages 3-7); superseded stages (1, 2) do not.
    pub carries_forward: bool,
    /// The stages (ids) this one builds on. When absent: every carry-forward
    /// stage below it. Data-driven selling, for one, needs lead management and
    /// churn control, not an enterprise team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builds_on: Option<Vec<String>>,
    /// An organisation may start here without the stages this one builds on:
    /// small vendors that never had a sales team sell through the web from
    /// the start. See [`crate::scoring::placement`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entry_point: bool,
    pub roles: Vec<Role>,
    pub metrics: Vec<String>,
    pub pitfalls: Vec<String>,
    pub moving_on: String,
    /// The "moving on" text for particular contexts; the first that fits
    /// the organisation's context is shown instead of `moving_on`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moving_on_for: Vec<ForContext>,
    pub traits: Vec<Trait>,
}

/// A text for the organisations whose context fits `when` (an `applies_when` map).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForContext {
    #[serde(deserialize_with = "condition_map")]
    pub when: BTreeMap<String, Vec<String>>,
    pub text: String,
    /// A trait variant's own `partly` text, shown in place of the trait's
    /// when the variant answers another need than the trait's question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partly: Option<String>,
    /// `when` compiled when the model is built.
    #[serde(skip)]
    pub condition: Condition,
}

/// An `applies_when` map; values may be written as numbers (`sellers: [0]`).
fn condition_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let raw = BTreeMap::<String, Vec<crate::answers::Scalar>>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                v.into_iter()
                    .map(crate::answers::Scalar::into_text)
                    .collect(),
            )
        })
        .collect())
}

/// A role typical of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub name: String,
    pub description: String,
}

/// One observable fact about an organisation at a stage, asked as one question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trait {
    pub id: String,
    pub statement: String,
    pub question: String,
    pub help: String,
    pub weight: f64,
    pub action: String,
    /// The action for particular contexts; the first that fits the
    /// organisation's context is shown instead of `action`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions_for: Vec<ForContext>,
    /// When the trait applies: context key to the values for which it does.
    /// Absent keys, and unknown context values, apply.
    #[serde(
        default,
        deserialize_with = "condition_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub applies_when: BTreeMap<String, Vec<String>>,
    /// The worries (`crate::context::WORRIES`) that building this trait answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    /// `applies_when` compiled when the model is built.
    #[serde(skip)]
    pub condition: Condition,
    /// How to find out whether the trait is true, for whoever answered
    /// "don't know": whom to ask and what to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub find_out: Option<String>,
    /// Shown before the action when the question was answered "partly
    /// true" (2): what usually exists in part, and where to start from it,
    /// so that the step does not tell an organisation to build what it half has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partly: Option<String>,
    /// Traits (ids) that can hardly both be true of one organisation: both
    /// answered "mostly" or more is a conflicting signal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<String>,
    /// What building the trait means: a practice, a report, a pay change.
    #[serde(default, skip_serializing_if = "Kind::is_practice")]
    pub kind: Kind,
    /// Traits (ids) it builds on: with every one answered "not true at
    /// all" or not applying to the business, there is nothing to build it
    /// on, and it is no next step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// Traits (ids) that do its job another way: with one answered
    /// "mostly" or more, it is no next step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covered_by: Vec<String>,
}

/// What building a trait means. With worries named, a report or a pay
/// change is a next step only for a worry it answers (see
/// `Scorer::off_worry`, which says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A way of working (the default).
    #[default]
    Practice,
    /// A number or view for leadership to review, or a role whose job is
    /// to produce them (the sales analyst).
    Report,
    /// A change to how sellers are paid.
    Pay,
}

impl Kind {
    fn is_practice(&self) -> bool {
        *self == Kind::Practice
    }
}

impl Trait {
    /// Whether the trait applies to an organisation in this context.
    pub fn applies(&self, context: &Context) -> bool {
        context.satisfies(&self.condition)
    }
}

/// A validated model: stages sorted by number 1..N, ids unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    stages: Vec<Stage>,
    /// Trait id to its position in [`Model::traits`] order, built once:
    /// batch scoring looks every answer up here.
    trait_index: HashMap<String, usize>,
}

impl Model {
    /// Checks `stages` and builds a model, or returns every problem found.
    pub fn new(stages: Vec<Stage>) -> Result<Model, Vec<ModelProblem>> {
        let count = stages.len();
        let named = stages
            .into_iter()
            .map(|s| (format!("stage {}", s.number), s))
            .collect();
        validate::validate(named, count)
    }

    pub(crate) fn from_validated(mut stages: Vec<Stage>) -> Model {
        stages.sort_by_key(|s| s.number);
        // Validation has checked every condition: compile them once.
        let compile =
            |map: &BTreeMap<String, Vec<String>>| Condition::compile(map).unwrap_or_default();
        for s in &mut stages {
            for v in &mut s.moving_on_for {
                v.condition = compile(&v.when);
            }
            for t in &mut s.traits {
                t.condition = compile(&t.applies_when);
                for v in &mut t.actions_for {
                    v.condition = compile(&v.when);
                }
            }
        }
        let trait_index = stages
            .iter()
            .flat_map(|s| &s.traits)
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Model {
            stages,
            trait_index,
        }
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The stage with this number (1-based).
    pub fn stage(&self, number: u32) -> Option<&Stage> {
        self.stages.iter().find(|s| s.number == number)
    }

    /// Looks a stage up by number, id or name, as a user types it: case,
    /// spaces, dashes and other punctuation do not matter
    /// (`enterprise-sales`, `"Enterprise Sales"`, `saas 1.0`).
    pub fn find_stage(&self, key: &str) -> Option<&Stage> {
        let key = key.trim();
        if let Ok(n) = key.parse::<u32>() {
            return self.stage(n);
        }
        let wanted = slug(key);
        self.stages
            .iter()
            .find(|s| slug(&s.id) == wanted || slug(&s.name) == wanted)
    }

    /// The stage whose id or name is closest to `key`, for "did you mean".
    pub fn closest_stage(&self, key: &str) -> Option<&Stage> {
        let wanted = slug(key);
        self.stages
            .iter()
            .map(|s| {
                let score = strsim::jaro_winkler(&slug(&s.id), &wanted)
                    .max(strsim::jaro_winkler(&slug(&s.name), &wanted));
                (s, score)
            })
            .filter(|(_, score)| *score >= 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s)
    }

    /// Every trait with the stage it belongs to, in stage order.
    pub fn traits(&self) -> impl Iterator<Item = (&Stage, &Trait)> {
        self.stages
            .iter()
            .flat_map(|s| s.traits.iter().map(move |t| (s, t)))
    }

    pub fn trait_count(&self) -> usize {
        self.stages.iter().map(|s| s.traits.len()).sum()
    }

    /// The trait with this id and its stage.
    pub fn find_trait(&self, id: &str) -> Option<(&Stage, &Trait)> {
        self.traits().nth(self.trait_position(id)?)
    }

    /// The position of a trait in [`Model::traits`] order: the index that
    /// answer vectors and the scorer use.
    pub fn trait_position(&self, id: &str) -> Option<usize> {
        self.trait_index.get(id).copied()
    }

    /// The questionnaire order: one trait of every stage per round, the
    /// stages shuffled differently in each round (by a fixed seed, so the
    /// order is the same for everyone), and never two neighbours from the
    /// same stage: the order must not give the stage away.
    pub fn question_order(&self) -> Vec<(&Stage, &Trait)> {
        let longest = self
            .stages
            .iter()
            .map(|s| s.traits.len())
            .max()
            .unwrap_or(0);
        let mut seed: u64 = 0x5eed_5a1e_5e70_0001;
        let mut order: Vec<(&Stage, &Trait)> = Vec::with_capacity(self.trait_count());
        for round in 0..longest {
            let mut this: Vec<(&Stage, &Trait)> = self
                .stages
                .iter()
                .filter_map(|s| s.traits.get(round).map(|t| (s, t)))
                .collect();
            // Fisher-Yates with xorshift64: no dependency for a fixed shuffle.
            for i in (1..this.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                this.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            order.extend(this);
        }
        // Repair: move a different stage's trait forward wherever two meet.
        for i in 1..order.len() {
            if order[i].0.number == order[i - 1].0.number {
                let prev = order[i - 1].0.number;
                if let Some(j) = (i + 1..order.len()).find(|&j| order[j].0.number != prev) {
                    order.swap(i, j);
                }
            }
        }
        order
    }

    /// The stages that build on stage `number`, in order.
    pub fn built_on_by(&self, number: u32) -> impl Iterator<Item = &Stage> {
        self.stages
            .iter()
            .filter(move |s| self.foundations(s.number).any(|f| f.number == number))
    }

    /// The stages that stage `number` builds on, in order: its `builds_on`
    /// list, or else every carry-forward stage below it.
    pub fn foundations(&self, number: u32) -> impl Iterator<Item = &Stage> {
        let explicit = self.stage(number).and_then(|s| s.builds_on.as_ref());
        self.stages.iter().filter(move |s| match explicit {
            Some(ids) => ids.contains(&s.id),
            None => s.number < number && s.carries_forward,
        })
    }
}

/// Lower-case letters and digits only: how stage keys are compared.
fn slug(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests;
