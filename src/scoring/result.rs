//! The result types: what scoring gives back, and the JSON contract of `score`.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::model::Stage;

/// A stage as named in a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRef {
    pub number: u32,
    pub id: String,
    pub name: String,
}

impl From<&Stage> for StageRef {
    fn from(s: &Stage) -> Self {
        StageRef {
            number: s.number,
            id: s.id.clone(),
            name: s.name.clone(),
        }
    }
}

/// A stage in place above the current one: a strength ahead of the stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AheadStage {
    pub number: u32,
    pub id: String,
    pub name: String,
    pub fit: f64,
    /// The stages it builds on that are missing: why it is not the stage.
    pub blocked_by: Vec<u32>,
}

/// How well the answers match one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFit {
    pub number: u32,
    pub id: String,
    pub name: String,
    /// 0..1; 0 when no trait of the stage was answered.
    pub fit: f64,
    /// Traits of this stage with a known answer, and how many it has.
    pub answered: usize,
    pub total: usize,
    /// Whether later stages build on it (false for stages they replace).
    pub carries_forward: bool,
    /// The answered share of the stage's weight, 0..1: under 0.5 its fit
    /// decides nothing ("too few answers to tell").
    pub coverage: f64,
    /// Less than half of the stage's weight applies in the organisation's
    /// context: it is not the stage, no missing foundation and no way up,
    /// whatever the fit of what applies.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

impl StageFit {
    /// Too few answers (under half its weight) to tell either way.
    pub fn too_few_answers(&self) -> bool {
        !self.not_applicable && self.coverage < super::MIN_COVERAGE
    }
}

/// Why a next step is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StepReason {
    /// A foundation of the current stage that is missing.
    #[serde(rename = "skipped foundation")]
    SkippedFoundation,
    /// A hole in, or a gap of, the current stage.
    #[serde(rename = "current stage")]
    CurrentStage,
    /// A weak foundation of the stage being moved to (or, at the top stage,
    /// of the current one).
    #[serde(rename = "foundation")]
    Foundation,
    #[serde(rename = "next stage")]
    NextStage,
    /// A step from a stage above the next one, for a named worry that
    /// nothing nearer answers.
    #[serde(rename = "further up")]
    FurtherUp,
    /// A step from a stage below the current one that it does not build on
    /// and that is not in place (enterprise sales for a stage-8 company),
    /// for a named worry that nothing nearer answers.
    #[serde(rename = "beside")]
    Beside,
    /// A roadmap leg between the current stage and the target.
    #[serde(rename = "on the way")]
    OnTheWay,
    /// The roadmap's target stage.
    #[serde(rename = "target")]
    Target,
    /// A trait answered "don't know" that matters here: to find out, not to build.
    #[serde(rename = "find out")]
    FindOut,
}

impl StepReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StepReason::SkippedFoundation => "skipped foundation",
            StepReason::CurrentStage => "current stage",
            StepReason::Foundation => "foundation",
            StepReason::NextStage => "next stage",
            StepReason::FurtherUp => "further up",
            StepReason::Beside => "beside your stage, for your worry",
            StepReason::OnTheWay => "on the way",
            StepReason::Target => "target",
            StepReason::FindOut => "find out",
        }
    }
}

/// One action to take, from an unmet trait.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    #[serde(rename = "trait")]
    pub trait_id: String,
    /// The stage number the trait belongs to.
    pub stage: u32,
    pub action: String,
    pub reason: StepReason,
    pub statement: String,
    /// The worries (context `worries` values) that this step answers.
    pub addresses: Vec<String>,
    /// The answer given, or null for "don't know".
    pub answer: Option<u8>,
    /// weight x gap: the order within its group.
    pub priority: f64,
}

/// A question to answer before a verdict is possible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskFirst {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub question: String,
}

/// Whether an answer points to the current stage or away from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    For,
    Against,
}

/// An answer that weighed on the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    #[serde(rename = "trait")]
    pub trait_id: String,
    pub stage: u32,
    pub statement: String,
    /// The question as the respondent answered it.
    pub question: String,
    pub answer: u8,
    pub weight: f64,
    pub direction: Direction,
    /// weight x how strongly the answer points that way.
    pub impact: f64,
}

/// How sure the result is. `None`: not placed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfidenceLevel {
    None,
    #[default]
    Low,
    Medium,
    High,
}

impl ConfidenceLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfidenceLevel::None => "none",
            ConfidenceLevel::Low => "low",
            ConfidenceLevel::Medium => "medium",
            ConfidenceLevel::High => "high",
        }
    }

    /// One level down, but never from a verdict to no verdict.
    pub fn lower(self) -> ConfidenceLevel {
        match self {
            ConfidenceLevel::High => ConfidenceLevel::Medium,
            ConfidenceLevel::Medium | ConfidenceLevel::Low => ConfidenceLevel::Low,
            ConfidenceLevel::None => ConfidenceLevel::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confidence {
    pub level: ConfidenceLevel,
    /// What lowered it, and remarks that did not (answers left out); empty
    /// when there is nothing to say.
    pub reasons: Vec<String>,
}

/// The full result for one organisation: the JSON contract of `score`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    pub organisation: Option<String>,
    pub date: Option<String>,
    /// What the organisation sells, its size and its leader's worries.
    pub context: crate::context::Context,
    /// The current stage; null when the organisation is not placed (then
    /// `confidence.level` is "none" and `not_placed` says why).
    pub stage: Option<StageRef>,
    /// Why there is no stage: "too few answers" or "no stage fits"; null when placed.
    pub not_placed: Option<super::placement::NotPlaced>,
    /// False when the stage shown is only the closest partly fitting one.
    pub reached: bool,
    pub in_transition_to: Option<StageRef>,
    /// Stages in place above the current one, whose foundations are not: strengths ahead of the stage.
    pub ahead: Vec<AheadStage>,
    pub fit: Vec<StageFit>,
    /// The stage numbers the current stage builds on.
    pub builds_on: Vec<u32>,
    pub skipped_foundations: Vec<StageFit>,
    pub next_steps: Vec<NextStep>,
    /// What is only partly in place where it stands (see [`PartlyInPlace`]).
    pub partly_in_place: Vec<super::partly::PartlyInPlace>,
    /// With worries named: how many steps to build that the same answers
    /// give without the worries are left out, answering none of them.
    pub held_back: usize,
    /// The named worries (a mask over `WORRIES`) that some question about
    /// them, one that applies, is answered 0-1: a gap somewhere, so that a
    /// worry line tells "no gap in your answers" from "no step here".
    #[serde(skip)]
    pub worries_with_gaps: u16,
    /// When not placed: the questions that would decide between the stages still possible.
    pub ask_first: Vec<AskFirst>,
    /// What it takes to move on from the current stage, from the model.
    pub moving_on: Option<String>,
    pub evidence: Vec<Evidence>,
    pub answered: usize,
    pub total: usize,
    pub confidence: Confidence,
    /// Every question id of the model with its answer (0-4, null for don't
    /// know), so that a saved result can be compared later.
    pub answers: BTreeMap<String, Option<u8>>,
    /// The questions that do not apply to this organisation (by its context,
    /// or answered "n/a"): they count neither for nor against any stage.
    pub not_applicable: Vec<String>,
    /// The way to a target stage, when one was asked for (`score --target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<crate::scoring::roadmap::Roadmap>,
}

impl Diagnosis {
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

    /// The number of the current stage, if placed.
    pub fn stage_number(&self) -> Option<u32> {
        self.stage.as_ref().map(|s| s.number)
    }

    /// The fit of the current stage (0 when not placed).
    pub fn current_fit(&self) -> f64 {
        self.stage_number().map_or(0.0, |n| self.fit_of(n))
    }

    /// Why there is no stage, as a headline says it.
    pub fn not_placed_because(&self) -> &'static str {
        match self.not_placed {
            Some(super::placement::NotPlaced::NoStageFits) => {
                "the answers fit no stage on its foundations"
            }
            _ => "too few answers to tell the stage",
        }
    }

    /// Whether `f` is an early stage that later ones replace, still in
    /// place below the current stage: "also fits (a stage left behind)".
    pub fn left_behind(&self, f: &StageFit) -> bool {
        !f.carries_forward
            && f.fit >= super::REACHED
            && !f.too_few_answers()
            && self.stage_number().is_some_and(|c| f.number < c)
    }

    /// Why the stages ahead are not the stage, in words: "stage 4 Customer
    /// Success, which they build on, is missing".
    pub fn ahead_because(&self) -> String {
        let mut numbers: Vec<u32> = self
            .ahead
            .iter()
            .flat_map(|a| a.blocked_by.clone())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let names: Vec<String> = numbers
            .iter()
            .filter_map(|n| self.fit.iter().find(|f| f.number == *n))
            .map(|f| format!("stage {} {}", f.number, f.name))
            .collect();
        match names.as_slice() {
            [] => "a stage they build on is missing".to_string(),
            [one] => format!("{one}, which they build on, is missing"),
            [rest @ .., last] => format!(
                "{} and {last}, which they build on, are missing",
                rest.join(", ")
            ),
        }
    }

    /// The stages the current one builds on that apply to this business.
    pub fn applicable_foundations(&self) -> Vec<u32> {
        self.fit
            .iter()
            .filter(|f| self.builds_on.contains(&f.number) && !f.not_applicable)
            .map(|f| f.number)
            .collect()
    }

    /// The stages the current one builds on that have too few answers to
    /// tell whether they are in place.
    pub fn unknown_foundations(&self) -> Vec<u32> {
        self.fit
            .iter()
            .filter(|f| self.builds_on.contains(&f.number))
            .filter(|f| f.too_few_answers())
            .map(|f| f.number)
            .collect()
    }

    pub fn fit_of(&self, number: u32) -> f64 {
        self.fit
            .iter()
            .find(|f| f.number == number)
            .map_or(0.0, |f| f.fit)
    }
}

/// `steps` split into those to build and those to find out (a check, which
/// every report lists apart, after the steps to build).
pub fn build_and_find_out(steps: &[NextStep]) -> (Vec<&NextStep>, Vec<&NextStep>) {
    steps.iter().partition(|s| s.reason != StepReason::FindOut)
}
