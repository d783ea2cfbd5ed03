//! `quiz --quick`: which question to ask next, and when the verdict is
//! settled. Pure, like the rest of scoring, so that it can be replayed over
//! saved answer files.
//!
//! - **Next**: first the heaviest question of each stage not asked about yet,
//!   so that no stage goes unseen; then, among the questions left, the one whose answer could
//!   change the verdict (answered "not true" it gives another stage than
//!   answered "fully true"), else the heaviest; nearer to the stage that
//!   currently comes out first, then the questionnaire's own order. While too
//!   few answers are in for a verdict, the stage is judged as if they were
//!   enough, so that the first questions already aim.
//! - **Settled**: a verdict is placed and either its confidence is `high`, or
//!   it is `medium`, every stage above it has at least one answer, and no
//!   single question left could change the stage.

use super::{Answer, Assessment, ConfidenceLevel, Scorer};

impl Scorer<'_> {
    /// The stage (index) the answers point to, with no minimum number of
    /// answers: what the question order aims at.
    fn leaning(&self, answers: &[Answer], a: &mut Assessment) -> Option<usize> {
        self.fits(answers, a);
        self.ladder.place(&a.fit, 1.0, &mut a.placement);
        a.placement.current
    }

    /// The stage `answers` give with question `q` answered `value`.
    fn with_answer(
        &self,
        answers: &mut [Answer],
        q: usize,
        value: u8,
        a: &mut Assessment,
    ) -> Option<usize> {
        let kept = answers[q];
        answers[q] = Answer::Scale(value);
        let stage = self.leaning(answers, a);
        answers[q] = kept;
        stage
    }

    /// The question (trait position) to ask next, or None when every one
    /// has been asked. `asked[p]` is true for the questions already asked.
    pub fn next_question(&self, answers: &[Answer], asked: &[bool]) -> Option<usize> {
        let mut answers = answers.to_vec();
        let mut a = Assessment::default();
        let base = self.leaning(&answers, &mut a);
        let order: Vec<usize> = self
            .model
            .question_order()
            .iter()
            .filter_map(|(_, t)| self.model.trait_position(&t.id))
            .collect();
        // First one question of every stage, so that no stage goes unseen;
        // then the questions that could change the verdict.
        let stage_of = |q: usize| self.ranges.iter().position(|r| r.contains(&q)).unwrap_or(0);
        let seen = |stage: usize| {
            self.ranges[stage]
                .clone()
                .any(|p| asked.get(p).copied().unwrap_or(false))
        };
        let mut best: Option<(bool, bool, u64, i64, usize)> = None;
        let mut choice = None;
        for (rank, &q) in order.iter().enumerate() {
            if asked.get(q).copied().unwrap_or(true) {
                continue;
            }
            let low = self.with_answer(&mut answers, q, 0, &mut a);
            let high = self.with_answer(&mut answers, q, 4, &mut a);
            let decisive = low != high || low != base;
            let stage = stage_of(q);
            let distance = base.map_or(0, |b| b.abs_diff(stage)) as i64;
            // Weights are small positive numbers: tenths are exact enough.
            let key = (
                !seen(stage),
                decisive,
                (self.weights[q] * 10.0) as u64,
                -distance,
                usize::MAX - rank,
            );
            if best.is_none_or(|b| key > b) {
                best = Some(key);
                choice = Some(q);
            }
        }
        choice
    }

    /// Whether the verdict of `answers` is settled (see the module).
    pub fn settled(&self, answers: &[Answer], asked: &[bool]) -> bool {
        let full = self.assess(answers);
        let Some(current) = full.current() else {
            return false;
        };
        match full.confidence {
            ConfidenceLevel::High => return true,
            ConfidenceLevel::Medium => {}
            _ => return asked.iter().all(|&x| x),
        }
        // Every stage above must have been looked at: two unknown answers
        // there could together make one of them the stage.
        if (current + 1..full.fit.len())
            .any(|i| full.fit[i].answered == 0 && !full.fit[i].not_applicable)
        {
            return false;
        }
        let mut answers = answers.to_vec();
        let mut a = Assessment::default();
        (0..answers.len())
            .filter(|&q| !asked.get(q).copied().unwrap_or(true))
            .all(|q| {
                [0, 4].iter().all(|&v| {
                    let kept = answers[q];
                    answers[q] = Answer::Scale(v);
                    self.assess_into(&answers, &Default::default(), &mut a);
                    answers[q] = kept;
                    a.current() == Some(current)
                })
            })
    }
}
