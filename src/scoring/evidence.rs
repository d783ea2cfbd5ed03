//! What a result shows beside the stage: the answers that weighed most
//! (evidence), and, when nobody is placed, the questions to answer first.

use super::placement::Status;
use super::{
    Answer, AskFirst, Assessment, Direction, EVIDENCE_EACH_WAY, Evidence, MAX_ASK_FIRST, REACHED,
    Scorer,
};
use crate::model::Trait;

impl Scorer<'_> {
    /// When nobody is placed: the heaviest unanswered question of each stage
    /// that could still come out in place if its unknowns were answered,
    /// taken in turns, nearest first to the stage above the highest one in
    /// place (that is where the verdict would be decided).
    pub(super) fn ask_first(&self, a: &Assessment, answers: &[Answer]) -> Vec<AskFirst> {
        let mut open: Vec<Vec<usize>> = self
            .ranges
            .iter()
            .enumerate()
            .map(|(stage, range)| {
                let f = a.fit[stage];
                let known: f64 = range
                    .clone()
                    .filter(|&p| answers[p] != Answer::Unknown)
                    .map(|p| self.weights[p])
                    .sum();
                let all: f64 = self.weights[range.clone()].iter().sum();
                // The fit if every unknown were answered "fully true".
                let best = (f.fit * known + (all - known)) / all.max(f64::MIN_POSITIVE);
                let mut unknown: Vec<usize> = range
                    .clone()
                    .filter(|&p| answers[p] == Answer::Unknown)
                    .collect();
                if best < REACHED {
                    unknown.clear();
                }
                // Heaviest first; the model's order on a tie. Popped from the end.
                unknown
                    .sort_by(|&x, &y| self.weights[x].total_cmp(&self.weights[y]).then(y.cmp(&x)));
                unknown
            })
            .collect();
        let traits: Vec<&Trait> = self.model.traits().map(|(_, t)| t).collect();
        let pivot = (0..a.fit.len())
            .rev()
            .find(|&i| self.status(a, i) == Status::InPlace)
            .map_or(0, |i| i + 1);
        let mut order: Vec<usize> = (0..open.len()).collect();
        order.sort_by_key(|&i| (i.abs_diff(pivot), i));
        let mut list = Vec::new();
        while list.len() < MAX_ASK_FIRST {
            let before = list.len();
            for &i in &order {
                let stage = &mut open[i];
                if list.len() < MAX_ASK_FIRST
                    && let Some(p) = stage.pop()
                {
                    list.push(AskFirst {
                        trait_id: traits[p].id.clone(),
                        question: traits[p].question.clone(),
                    });
                }
            }
            if list.len() == before {
                break;
            }
        }
        list
    }

    /// The answers of the current stage that weighed most for and against it,
    /// and answers that point above it.
    pub(super) fn evidence(&self, current: usize, answers: &[Answer]) -> Vec<Evidence> {
        let mut pro = Vec::new();
        let mut contra = Vec::new();
        for (position, (stage, t)) in self.model.traits().enumerate() {
            let Some(Answer::Scale(n)) = answers.get(position).copied() else {
                continue;
            };
            let index = self
                .ranges
                .iter()
                .position(|r| r.contains(&position))
                .unwrap_or(0);
            let x = f64::from(n) / 4.0;
            let item = |direction, impact| Evidence {
                trait_id: t.id.clone(),
                stage: stage.number,
                statement: t.statement.clone(),
                question: t.question.trim().to_string(),
                answer: n,
                weight: t.weight,
                direction,
                impact,
            };
            if index == current {
                if n >= super::MOSTLY {
                    pro.push(item(Direction::For, t.weight * x));
                } else if n <= 1 {
                    contra.push(item(Direction::Against, t.weight * (1.0 - x)));
                }
            } else if index > current && n >= super::MOSTLY {
                contra.push(item(Direction::Against, t.weight * x));
            }
        }
        for list in [&mut pro, &mut contra] {
            list.sort_by(|a, b| b.impact.total_cmp(&a.impact));
            list.truncate(EVIDENCE_EACH_WAY);
        }
        pro.extend(contra);
        pro
    }
}
