//! `quiz --quick` on the quiz's side: which question of the questionnaire
//! order to show next (the choice itself is [`crate::scoring::Scorer::next_question`]),
//! and the way back through the questions asked in this run.

use super::state::{QuizState, Step};
use crate::answers::Answer;
use crate::model::Model;
use crate::scoring::Scorer;

pub struct Quick<'m> {
    scorer: Scorer<'m>,
    /// Questionnaire order index -> trait position, and back.
    position: Vec<usize>,
    index: Vec<usize>,
    /// Questions answered in this run, in the order asked: Esc walks back.
    history: Vec<usize>,
}

impl<'m> Quick<'m> {
    pub fn new(model: &'m Model) -> Quick<'m> {
        let position: Vec<usize> = model
            .question_order()
            .iter()
            .filter_map(|(_, t)| model.trait_position(&t.id))
            .collect();
        let mut index = vec![0; position.len()];
        for (i, &p) in position.iter().enumerate() {
            index[p] = i;
        }
        Quick {
            scorer: Scorer::new(model),
            position,
            index,
            history: Vec::new(),
        }
    }

    /// The answers so far in trait position order, and which were asked.
    fn vectors(&self, state: &QuizState) -> (Vec<Answer>, Vec<bool>) {
        let mut answers = vec![Answer::Unknown; self.position.len()];
        let mut asked = vec![false; self.position.len()];
        for (i, a) in state.answers().iter().enumerate() {
            let Some(&p) = self.position.get(i) else {
                continue;
            };
            if !state.applies(i) {
                // Does not apply: counts neither way, and is never asked.
                answers[p] = Answer::NotApplicable;
                asked[p] = true;
            } else if let Some(a) = a {
                answers[p] = *a;
                asked[p] = true;
            }
        }
        (answers, asked)
    }

    /// After an answer (or at the start): the next question to show, or
    /// `Done` once the verdict is settled.
    pub fn advance(&mut self, state: &mut QuizState, answered: Option<usize>) {
        self.history.extend(answered);
        let (answers, asked) = self.vectors(state);
        let next = if self.scorer.settled(&answers, &asked) {
            None
        } else {
            self.scorer.next_question(&answers, &asked)
        };
        state.go_to(next.map_or(Step::Done, |p| Step::Question(self.index[p])));
    }

    /// Esc: back to the question asked before, or to the name.
    pub fn back(&mut self, state: &mut QuizState) {
        match self.history.pop() {
            Some(i) => state.go_to(Step::Question(i)),
            None => state.go_to(Step::Organisation),
        }
    }

    /// How many questions this run's answers rest on.
    pub fn asked(&self, state: &QuizState) -> usize {
        state.answered_count()
    }
}
