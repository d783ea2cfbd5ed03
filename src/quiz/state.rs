//! Where a quiz stands: the step on screen and the answers so far. Pure, so
//! that going back, going forward and resuming are tested without a terminal.

use crate::answers::Answer;
use crate::context::Context;

/// What the quiz asks next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The organisation's name and context (each optional).
    Organisation,
    /// The question at this index of the questionnaire order.
    Question(usize),
    /// Every question is answered.
    Done,
}

/// The quiz's progress. Invariant: every question before the current step is
/// answered, so the answers given always form a prefix of the questionnaire
/// (plus any later ones kept from going back or from a resumed file).
#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    organisation: Option<String>,
    context: Context,
    /// In questionnaire order: whether the question applies in the context;
    /// the quiz passes over those that do not.
    applies: Vec<bool>,
    /// In questionnaire order; `None` is "not answered yet", which is not the
    /// same as an answered "don't know" (`Some(Answer::Unknown)`).
    answers: Vec<Option<Answer>>,
    step: Step,
    /// Going forward passes over questions already answered: a resumed
    /// quiz (after `--quick`, say) asks only what is left.
    skip_answered: bool,
}

impl QuizState {
    /// A fresh quiz of `count` questions, starting with the organisation's name.
    pub fn new(count: usize) -> QuizState {
        QuizState {
            organisation: None,
            context: Context::default(),
            applies: vec![true; count],
            answers: vec![None; count],
            step: Step::Organisation,
            skip_answered: false,
        }
    }

    /// A quiz taken up again: it continues at the first unanswered question.
    pub fn resume(organisation: Option<String>, answers: Vec<Option<Answer>>) -> QuizState {
        let mut state = QuizState {
            organisation,
            context: Context::default(),
            applies: vec![true; answers.len()],
            answers,
            step: Step::Done,
            skip_answered: true,
        };
        state.step = state.first_unanswered().map_or(Step::Done, Step::Question);
        // Nothing answered yet (stopped on the first page): the name and the
        // context are asked again.
        if state.answered_count() == 0 && !state.is_empty() {
            state.step = Step::Organisation;
        }
        state
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn organisation(&self) -> Option<&str> {
        self.organisation.as_deref()
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Records the context and, per question in questionnaire order,
    /// whether it applies there; a resumed quiz continues at the first
    /// unanswered question that applies.
    pub fn set_context(&mut self, context: Context, applies: Vec<bool>) {
        self.context = context;
        self.applies = applies;
        self.applies.resize(self.answers.len(), true);
        if let Step::Question(i) = self.step
            && !self.applies[i]
        {
            self.step = self.after(Some(i));
        }
    }

    /// Whether question `index` applies in the context.
    pub fn applies(&self, index: usize) -> bool {
        self.applies.get(index).copied().unwrap_or(true)
    }

    /// How many questions do not apply in the context.
    pub fn skipped_count(&self) -> usize {
        self.applies.iter().filter(|a| !**a).count()
    }

    /// The answers in questionnaire order, `None` where not answered yet.
    pub fn answers(&self) -> &[Option<Answer>] {
        &self.answers
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// The answer given earlier to question `index`, to preselect it.
    pub fn answer_at(&self, index: usize) -> Option<Answer> {
        self.answers.get(index).copied().flatten()
    }

    pub fn answered_count(&self) -> usize {
        // Of the questions that apply: the quiz counts against those.
        (0..self.answers.len())
            .filter(|&i| self.answers[i].is_some() && self.applies(i))
            .count()
    }

    /// Where a resumed quiz continues; `None` when every question is answered.
    pub fn first_unanswered(&self) -> Option<usize> {
        (0..self.answers.len()).find(|&i| self.answers[i].is_none() && self.applies(i))
    }

    /// Records the organisation's name (blank means none) and moves on.
    pub fn set_organisation(&mut self, name: &str) {
        let name = name.trim();
        self.organisation = (!name.is_empty()).then(|| name.to_string());
        if self.step == Step::Organisation {
            self.step = self.after(None);
        }
    }

    /// Leaves the organisation's name as it is and moves on.
    pub fn skip_organisation(&mut self) {
        if self.step == Step::Organisation {
            self.step = self.after(None);
        }
    }

    /// Records the answer to the current question and moves to the next one.
    /// Later answers are kept: going forward shows them preselected.
    pub fn answer(&mut self, answer: Answer) {
        if let Step::Question(i) = self.step {
            self.answers[i] = Some(answer);
            self.step = self.after(Some(i));
        }
    }

    /// Goes back one step: to the previous question, or from the first
    /// question to the organisation's name. Nothing is forgotten.
    pub fn back(&mut self) {
        let before = |end: usize| {
            (0..end)
                .rev()
                .find(|&i| self.applies(i))
                .map_or(Step::Organisation, Step::Question)
        };
        self.step = match self.step {
            Step::Organisation => Step::Organisation,
            Step::Question(i) => before(i),
            Step::Done => before(self.answers.len()),
        };
    }

    /// Shows question `index` next (the quick mode picks its own order).
    pub fn go_to(&mut self, step: Step) {
        self.step = step;
    }

    /// The step after the organisation (`None`) or after question `i`.
    fn after(&self, current: Option<usize>) -> Step {
        let next = current.map_or(0, |i| i + 1);
        let next = (next..self.answers.len())
            .find(|&i| self.applies(i) && !(self.skip_answered && self.answers[i].is_some()))
            .unwrap_or(self.answers.len());
        if next < self.answers.len() {
            Step::Question(next)
        } else {
            Step::Done
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::{Scale, Unknown};

    #[test]
    fn a_fresh_quiz_asks_the_name_then_every_question_in_turn() {
        let mut q = QuizState::new(3);
        assert_eq!(q.step(), Step::Organisation);
        q.set_organisation("  Acme  ");
        assert_eq!(q.organisation(), Some("Acme"));
        assert_eq!(q.step(), Step::Question(0));
        q.answer(Scale(1));
        q.answer(Unknown);
        assert_eq!(q.step(), Step::Question(2));
        assert_eq!(q.answered_count(), 2);
        q.answer(Scale(4));
        assert_eq!(q.step(), Step::Done);
        assert_eq!(
            q.answers(),
            &[Some(Scale(1)), Some(Unknown), Some(Scale(4))]
        );
    }

    #[test]
    fn a_blank_name_is_no_name() {
        let mut q = QuizState::new(1);
        q.set_organisation("   ");
        assert_eq!(q.organisation(), None);
    }

    #[test]
    fn going_back_keeps_later_answers_and_offers_them_again() {
        let mut q = QuizState::new(5);
        q.skip_organisation();
        for v in 0..4 {
            q.answer(Scale(v));
        }
        assert_eq!(q.step(), Step::Question(4));
        q.back();
        q.back();
        assert_eq!(q.step(), Step::Question(2));
        assert_eq!(q.answer_at(2), Some(Scale(2)));
        q.answer(Scale(4));
        // Forward again: the next question still has its earlier answer.
        assert_eq!(q.step(), Step::Question(3));
        assert_eq!(q.answer_at(3), Some(Scale(3)));
        assert_eq!(q.answered_count(), 4);
        assert_eq!(q.first_unanswered(), Some(4));
        q.answer(Scale(3));
        q.answer(Unknown);
        assert_eq!(q.step(), Step::Done);
        assert_eq!(
            q.answers(),
            &[
                Some(Scale(0)),
                Some(Scale(1)),
                Some(Scale(4)),
                Some(Scale(3)),
                Some(Unknown)
            ]
        );
    }

    #[test]
    fn back_from_the_first_question_returns_to_the_name_and_stops_there() {
        let mut q = QuizState::new(2);
        q.set_organisation("Acme");
        q.back();
        assert_eq!(q.step(), Step::Organisation);
        q.back();
        assert_eq!(q.step(), Step::Organisation);
        // Keeping the name as it is moves on to the first question again.
        q.skip_organisation();
        assert_eq!(q.organisation(), Some("Acme"));
        assert_eq!(q.step(), Step::Question(0));
    }

    #[test]
    fn resume_continues_at_the_first_unanswered_question() {
        let q = QuizState::resume(
            Some("Acme".into()),
            vec![Some(Scale(2)), Some(Unknown), None, None],
        );
        assert_eq!(q.step(), Step::Question(2));
        assert_eq!(q.answered_count(), 2);
        let done = QuizState::resume(None, vec![Some(Unknown), Some(Scale(0))]);
        assert_eq!(done.step(), Step::Done);
        assert_eq!(done.first_unanswered(), None);
    }

    #[test]
    fn answering_when_done_or_on_the_name_changes_nothing() {
        let mut q = QuizState::resume(None, vec![Some(Scale(1))]);
        q.answer(Scale(4));
        assert_eq!(q.answers(), &[Some(Scale(1))]);
        let mut fresh = QuizState::new(1);
        fresh.answer(Scale(4));
        assert_eq!(fresh.answers(), &[None]);
        assert_eq!(fresh.step(), Step::Organisation);
    }

    #[test]
    fn an_empty_questionnaire_is_done_after_the_name() {
        let mut q = QuizState::new(0);
        q.skip_organisation();
        assert_eq!(q.step(), Step::Done);
        q.back();
        assert_eq!(q.step(), Step::Organisation);
    }

    #[test]
    fn questions_that_do_not_apply_are_passed_over_both_ways() {
        let mut q = QuizState::new(4);
        q.set_context(Context::default(), vec![true, false, true, false]);
        assert_eq!(q.skipped_count(), 2);
        q.skip_organisation();
        q.answer(Scale(1));
        assert_eq!(q.step(), Step::Question(2));
        q.back();
        assert_eq!(q.step(), Step::Question(0));
        q.answer(Scale(1));
        q.answer(Scale(2));
        assert_eq!(q.step(), Step::Done);
        assert_eq!(q.first_unanswered(), None);
        q.back();
        assert_eq!(q.step(), Step::Question(2));
    }

    #[test]
    fn a_resume_with_nothing_answered_asks_the_name_and_context_again() {
        let q = QuizState::resume(Some("Acme".into()), vec![None, None]);
        assert_eq!(q.step(), Step::Organisation);
    }

    #[test]
    fn a_resumed_quiz_asks_only_what_is_left() {
        // As a quick run leaves it: questions 1 and 3 answered, 2 and 4 not.
        let mut q = QuizState::resume(None, vec![Some(Scale(2)), None, Some(Unknown), None]);
        assert_eq!(q.step(), Step::Question(1));
        q.answer(Scale(3));
        assert_eq!(q.step(), Step::Question(3));
        q.answer(Scale(1));
        assert_eq!(q.step(), Step::Done);
    }

    #[test]
    fn answers_to_questions_that_do_not_apply_are_not_counted() {
        // A file answered before its context ruled question 1 out: the quiz
        // counts against the questions that apply, so never "3 of 2".
        let mut q = QuizState::resume(None, vec![Some(Scale(2)), Some(Scale(3)), None]);
        q.set_context(Context::default(), vec![true, false, true]);
        assert_eq!(q.answered_count(), 1);
        assert_eq!(q.len() - q.skipped_count(), 2);
    }
}
