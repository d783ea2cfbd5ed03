//! Comparing two answer sets of one organisation, e.g. a quarter apart. Pure.
//!
//! Both sides are restricted to the question ids they share, so that answers
//! made with different versions of a model still compare; the ids found on
//! one side only are reported.

mod changes;
mod saved;

pub use changes::{About, AnswerChange, TraitChange};
pub use saved::read;

use crate::answers::{AnswerError, RawAnswerSet};
use crate::model::Model;
use crate::scoring::{Diagnosis, NextStep, StageRef, diagnose};
use serde::Serialize;
use std::collections::BTreeSet;

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The file it came from.
    pub source: String,
    pub organisation: Option<String>,
    pub date: Option<String>,
    /// Null when that side is not placed.
    pub stage: Option<StageRef>,
    pub in_transition_to: Option<StageRef>,
    /// Fit of its current stage, 0..1.
    pub fit: f64,
    pub answered: usize,
    /// How sure that side's verdict is.
    pub confidence: crate::scoring::ConfidenceLevel,
    /// The context its answers were scored in.
    pub context: crate::context::Context,
}

impl Comparison {
    /// A warning when the two sides were scored in different contexts: the
    /// questions that apply differ, so fits move for that reason too.
    pub fn context_note(&self) -> Option<String> {
        let (b, a) = (&self.before.context, &self.after.context);
        if b == a {
            return None;
        }
        // Worries decide which steps lead, never which questions apply.
        if b.without_worries() == a.without_worries() {
            let say = |c: &crate::context::Context| match c.worries().collect::<Vec<_>>() {
                w if w.is_empty() => "none named".to_string(),
                w => w.join(", "),
            };
            return Some(format!(
                "The worries differ (before: {}; after: {}): they change which next steps \
                 lead, not the stages or the fits.",
                say(b),
                say(a)
            ));
        }
        let say = |c: &crate::context::Context| {
            let text = c.to_string();
            if text.is_empty() {
                "none given".to_string()
            } else {
                text
            }
        };
        Some(format!(
            "The context differs (before: {}; after: {}): the questions that apply and the \
             actions shown may differ, so not every change is a change in the organisation.",
            say(b),
            say(a)
        ))
    }

    /// Whom the headline names: the organisation, or both when the two
    /// files name different ones.
    pub fn who(&self) -> Option<String> {
        match (&self.before.organisation, &self.after.organisation) {
            (Some(b), Some(a)) if a != b => Some(format!("{b} (before) and {a} (after)")),
            (b, a) => a.clone().or_else(|| b.clone()),
        }
    }
}

impl Side {
    /// "stage 3 SaaS 1.0", or "not placed".
    pub fn label(&self) -> String {
        self.stage.as_ref().map_or_else(
            || "not placed".to_string(),
            |s| format!("stage {} {}", s.number, s.name),
        )
    }

    /// "moved up", "moved down", "stayed" from `before` to `self`.
    pub fn moved_from(&self, before: &Side) -> &'static str {
        match (&before.stage, &self.stage) {
            (Some(b), Some(a)) => match a.number.cmp(&b.number) {
                std::cmp::Ordering::Greater => "moved up",
                std::cmp::Ordering::Less => "moved down",
                std::cmp::Ordering::Equal => "stayed",
            },
            (None, None) => "still not placed",
            (None, Some(_)) => "now placed",
            (Some(_), None) => "no longer placed",
        }
    }
}

/// A stage's fit then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitChange {
    pub number: u32,
    pub id: String,
    pub name: String,
    pub before: f64,
    pub after: f64,
    pub change: f64,
}

/// The result of `salesevo compare`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before: Side,
    pub after: Side,
    pub fit: Vec<FitChange>,
    /// Largest improvement first: a higher answer, or a lower one in a
    /// stage later stages supersede (stages 1 and 2 of the built-in model).
    pub improved: Vec<TraitChange>,
    /// Largest regression first: the other way round.
    pub regressed: Vec<TraitChange>,
    /// Answered now, "don't know" then; and the other way round. Fits
    /// leave "don't know" out, so these move fits (and stages) too.
    pub newly_answered: Vec<AnswerChange>,
    pub no_longer_answered: Vec<AnswerChange>,
    pub next_steps: Vec<NextStep>,
    /// Steps to build left out for answering none of the worries named
    /// (see [`crate::scoring::Diagnosis::held_back`]).
    pub held_back: usize,
    /// Question ids compared (answered or not on both sides).
    pub shared: usize,
    pub only_in_before: Vec<String>,
    pub only_in_after: Vec<String>,
}

/// Compares two answer sets against the model.
pub fn compare(
    model: &Model,
    (before_name, before): (&str, RawAnswerSet),
    (after_name, after): (&str, RawAnswerSet),
) -> Result<Comparison, AnswerError> {
    let ids = |set: &RawAnswerSet| -> BTreeSet<String> {
        set.answers.iter().map(|a| a.id.clone()).collect()
    };
    let (mut ids_before, mut ids_after) = (ids(&before), ids(&after));
    // A question left out is "don't know", as in `score`; only ids the model
    // does not know mean a file made with another model, and then both are
    // compared on the questions they share.
    let other_model = ids_before
        .iter()
        .chain(&ids_after)
        .any(|id| model.trait_position(id).is_none());
    if !other_model {
        let all: BTreeSet<String> = model.traits().map(|(_, t)| t.id.clone()).collect();
        ids_before = all.clone();
        ids_after = all;
    }
    let shared: BTreeSet<&String> = ids_before.intersection(&ids_after).collect();
    if shared.is_empty() {
        return Err(AnswerError::single(
            after_name,
            crate::answers::Position::Unknown,
            format!("has no question id in common with {before_name}; nothing to compare"),
        ));
    }
    let restrict = |mut set: RawAnswerSet| {
        set.answers.retain(|a| shared.contains(&a.id));
        set
    };
    let before_set = restrict(before).resolve(model, before_name)?;
    let after_set = restrict(after).resolve(model, after_name)?;
    let (b, a) = (diagnose(model, &before_set), diagnose(model, &after_set));

    let fit = b
        .fit
        .iter()
        .zip(&a.fit)
        .map(|(fb, fa)| FitChange {
            number: fa.number,
            id: fa.id.clone(),
            name: fa.name.clone(),
            before: fb.fit,
            after: fa.fit,
            change: fa.fit - fb.fit,
        })
        .collect();

    let (improved, regressed) = changes::moved(model, &b, &a);
    let (newly_answered, no_longer_answered) =
        changes::answered_on_one_side(model, &b, &a, &shared);

    let only = |mine: &BTreeSet<String>, theirs: &BTreeSet<String>| -> Vec<String> {
        mine.difference(theirs).cloned().collect()
    };
    Ok(Comparison {
        before: side(before_name, &b),
        after: side(after_name, &a),
        fit,
        improved,
        regressed,
        newly_answered,
        no_longer_answered,
        next_steps: a.next_steps.clone(),
        held_back: a.held_back,
        shared: shared.len(),
        only_in_before: only(&ids_before, &ids_after),
        only_in_after: only(&ids_after, &ids_before),
    })
}

impl Comparison {
    /// What the reader should know before trusting the comparison.
    pub fn warnings(&self) -> Vec<String> {
        let (b, a) = (&self.before, &self.after);
        let mut warnings = Vec::new();
        if let (Some(ob), Some(oa)) = (&b.organisation, &a.organisation)
            && ob != oa
        {
            warnings.push(format!(
                "comparing two organisations: \"{ob}\" ({}) and \"{oa}\" ({})",
                b.source, a.source
            ));
        }
        // ISO dates (2026-11-09) compare as text; others are left alone.
        let iso = |d: &str| d.len() == 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-');
        if let (Some(db), Some(da)) = (&b.date, &a.date)
            && iso(db)
            && iso(da)
            && db > da
        {
            warnings.push(format!(
                "{} is dated {db}, after {} ({da}): BEFORE and AFTER may be the wrong way round",
                b.source, a.source
            ));
        }
        if !self.only_in_before.is_empty() || !self.only_in_after.is_empty() {
            let list = |ids: &[String]| match ids {
                [] => "none".to_string(),
                ids => ids.join(", "),
            };
            warnings.push(format!(
                "{} and {} do not ask the same questions (made with different stage models?); \
                 only in {}: {}; only in {}: {}. Comparing the {} they share.",
                b.source,
                a.source,
                b.source,
                list(&self.only_in_before),
                a.source,
                list(&self.only_in_after),
                self.shared
            ));
        }
        warnings
    }

    /// When the stage moved although no answer did: the move comes only
    /// from questions answered on one side.
    pub fn unknown_note(&self) -> Option<String> {
        let moved = self.before.stage.as_ref().map(|s| s.number)
            != self.after.stage.as_ref().map(|s| s.number);
        let only_unknowns = self.improved.is_empty()
            && self.regressed.is_empty()
            && !(self.newly_answered.is_empty() && self.no_longer_answered.is_empty());
        // A different context moves stages too: the context note says so.
        let same_context = self.before.context == self.after.context;
        (moved && only_unknowns && same_context).then(|| {
            "No answer changed: the stage moved only because some questions were answered \
             on one side and \"don't know\" on the other (listed below). Answer them on both \
             sides to compare like with like."
                .to_string()
        })
    }

    /// The questions answered on one side only, newly answered first.
    pub fn one_side(&self) -> Vec<&AnswerChange> {
        self.newly_answered
            .iter()
            .chain(&self.no_longer_answered)
            .collect()
    }

    /// "Confidence: high then, low now."
    pub fn confidence_line(&self) -> String {
        let (b, a) = (self.before.confidence, self.after.confidence);
        if b == a {
            format!("Confidence: {} then and now.", a.as_str())
        } else {
            format!("Confidence: {} then, {} now.", b.as_str(), a.as_str())
        }
    }
}

fn side(source: &str, d: &Diagnosis) -> Side {
    Side {
        source: source.to_string(),
        organisation: d.organisation.clone(),
        date: d.date.clone(),
        stage: d.stage.clone(),
        in_transition_to: d.in_transition_to.clone(),
        fit: d.current_fit(),
        answered: d.answered,
        confidence: d.confidence.level,
        context: d.context,
    }
}

#[cfg(test)]
mod tests;
