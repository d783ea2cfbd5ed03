//! The answers that moved between the two sides of a comparison: changed
//! (improved or regressed) and answered on one side only.

use crate::model::Model;
use crate::scoring::Diagnosis;
use serde::Serialize;
use std::collections::BTreeSet;

/// The question a change is about, as every change names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct About {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub stage: u32,
    pub statement: String,
    /// The question as the respondent answered it.
    pub question: String,
}

impl About {
    pub(super) fn of(stage: &crate::model::Stage, t: &crate::model::Trait) -> About {
        About {
            trait_id: t.id.clone(),
            stage: stage.number,
            statement: t.statement.clone(),
            question: t.question.trim().to_string(),
        }
    }
}

/// A trait whose answer moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraitChange {
    #[serde(flatten)]
    pub about: About,
    pub before: u8,
    pub after: u8,
    /// after - before, in points of the 0-4 scale.
    pub change: i8,
}

/// A question answered on one side and "don't know" (or left out) on the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerChange {
    #[serde(flatten)]
    pub about: About,
    /// Null for "don't know".
    pub before: Option<u8>,
    pub after: Option<u8>,
}

impl AnswerChange {
    /// "don't know -> 3".
    pub fn arrow(&self, arrow: &str) -> String {
        let value = |v: Option<u8>| v.map_or("don't know".to_string(), |v| v.to_string());
        format!("{} {arrow} {}", value(self.before), value(self.after))
    }
}

/// The answers given on both sides that changed, improved and regressed,
/// largest first (ties keep the model's order). In a stage later stages
/// supersede (the owners in every sale) less is the improvement: it is one
/// to move on from.
pub(super) fn moved(
    model: &Model,
    b: &Diagnosis,
    a: &Diagnosis,
) -> (Vec<TraitChange>, Vec<TraitChange>) {
    let mut changes: Vec<(bool, TraitChange)> = model
        .traits()
        .filter_map(|(s, t)| {
            let before = b.answers.get(&t.id).copied().flatten()?;
            let after = a.answers.get(&t.id).copied().flatten()?;
            let change = after as i8 - before as i8;
            let about = About::of(s, t);
            let moved = TraitChange {
                about,
                before,
                after,
                change,
            };
            (change != 0).then_some(((change > 0) == s.carries_forward, moved))
        })
        .collect();
    changes.sort_by_key(|(_, c)| std::cmp::Reverse(c.change.abs()));
    let (improved, regressed): (Vec<_>, Vec<_>) = changes.into_iter().partition(|(b, _)| *b);
    let strip = |list: Vec<(bool, TraitChange)>| list.into_iter().map(|(_, c)| c).collect();
    (strip(improved), strip(regressed))
}

/// The questions answered on one side and "don't know" on the other:
/// newly answered, then no longer answered. "n/a" on either side is
/// neither: the context decides it.
pub(super) fn answered_on_one_side(
    model: &Model,
    b: &Diagnosis,
    a: &Diagnosis,
    shared: &BTreeSet<&String>,
) -> (Vec<AnswerChange>, Vec<AnswerChange>) {
    model
        .traits()
        .filter(|(_, t)| shared.contains(&t.id))
        .filter_map(|(s, t)| {
            let before = b.answers.get(&t.id).copied().flatten();
            let after = a.answers.get(&t.id).copied().flatten();
            let na = |d: &Diagnosis| d.not_applicable.contains(&t.id);
            (before.is_some() != after.is_some() && !na(b) && !na(a)).then(|| AnswerChange {
                about: About::of(s, t),
                before,
                after,
            })
        })
        .partition(|c| c.after.is_some())
}
