//! The line a result's steps section starts with when there is little to
//! say: nothing to build, only checks, or only steps the worries left out.

use super::result::{NextStep, StepReason};

/// What a placed result says when it has no step at all: nothing is
/// answered 0-1 where the organisation stands, or 0-2 on its way up, and
/// nothing unknown there. "Partly" answers there are the leader's to finish,
/// never a step (see rule 10).
pub const NOTHING_MISSING: &str = "Nothing to build from your answers: no question that decides the \
next steps is answered \"not true\" or \"slightly true\", and none is left open. Keep every \
stage's practices alive.";

/// What a placed result says when its steps are only checks.
pub const FIND_OUT_FIRST: &str = "Nothing to build from the answers given: find out first.";

/// The line a placed result's steps section starts with, if any: nothing
/// to build at all, or only checks. `held_back` steps to build were left
/// out because they answer none of the named worries: then the line says
/// so, rather than that nothing is left to build.
/// "`n` open steps, which answer none of them, were left out; name no
/// worries to see them", with `what` ("open step"), what follows it (" to
/// build") and whose worries ("them", "your worries"). Said as left out,
/// so that it never reads as if the steps listed answered a worry.
pub(super) fn left_out(n: usize, what: &str, then: &str, worries: &str) -> String {
    let (s, answer, were, it) = match n {
        1 => ("", "answers", "was", "it"),
        _ => ("s", "answer", "were", "them"),
    };
    format!(
        "{n} {what}{s}{then}, which {answer} none of {worries}, {were} left out; \
         name no worries to see {it}."
    )
}

pub fn steps_line(steps: &[NextStep], held_back: usize) -> Option<String> {
    let checks_only = steps.iter().all(|s| s.reason == StepReason::FindOut);
    if !checks_only {
        return None;
    }
    if held_back > 0 {
        let first = if steps.is_empty() {
            ""
        } else {
            ": find out first"
        };
        return Some(format!(
            "Nothing to build for your worries from the answers given{first}. {}",
            left_out(held_back, "open step", "", "them")
        ));
    }
    Some(match steps.is_empty() {
        true => NOTHING_MISSING.to_string(),
        false => FIND_OUT_FIRST.to_string(),
    })
}
