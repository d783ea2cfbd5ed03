//! One test per scoring rule, on a small synthetic model whose numbers are
//! easy to check by hand (so the tests do not move when stage texts change).

use super::*;
use crate::model::{Role, Stage, Trait};

/// Eight stages of four traits; trait 0 weighs 3, the others 1.
/// Stages 3 and up carry forward, as in the built-in model.
fn model() -> Model {
    let stages = (1..=8)
        .map(|n| Stage {
            id: format!("stage-{n}"),
            number: n,
            name: format!("Stage {n}"),
            motto: "m".into(),
            summary: "s".into(),
            description: "d".into(),
            focus: "f".into(),
            carries_forward: n >= 3,
            builds_on: None,
            roles: vec![Role {
                name: "r".into(),
                description: "d".into(),
            }],
            metrics: vec!["m".into()],
            pitfalls: vec!["p".into()],
            moving_on: "m".into(),
            traits: (0..4)
                .map(|i| Trait {
                    id: format!("s{n}-t{i}"),
                    statement: format!("statement {n}.{i}"),
                    question: "q".into(),
                    help: "h".into(),
                    weight: if i == 0 { 3.0 } else { 1.0 },
                    action: format!("action {n}.{i}"),
                })
                .collect(),
        })
        .collect();
    Model::new(stages).unwrap()
}

/// Answers given stage by stage: `[(stage, [t0, t1, t2, t3])]`, None = unknown.
fn answers(rows: &[(u32, [Option<u8>; 4])]) -> AnswerSet {
    let mut set = AnswerSet::default();
    for (stage, values) in rows {
        for (i, v) in values.iter().enumerate() {
            let answer = v.map_or(Answer::Unknown, Answer::Scale);
            set.answers.insert(format!("s{stage}-t{i}"), answer);
        }
    }
    set
}

const HIGH: [Option<u8>; 4] = [Some(4), Some(3), Some(3), Some(3)];
const LOW: [Option<u8>; 4] = [Some(0), Some(1), Some(1), Some(0)];
/// Fit (3*2 + 2 + 2 + 1) / 6 / 4 = 0.4583: emerging, not reached, weak.
const MID: [Option<u8>; 4] = [Some(2), Some(2), Some(2), Some(1)];

/// A full answer set: the given stages as given, every other stage LOW.
fn profile(given: &[(u32, [Option<u8>; 4])]) -> AnswerSet {
    let rows: Vec<(u32, [Option<u8>; 4])> = (1..=8)
        .map(|n| {
            given
                .iter()
                .find(|(s, _)| *s == n)
                .copied()
                .unwrap_or((n, LOW))
        })
        .collect();
    answers(&rows)
}

fn fit(d: &Diagnosis, n: u32) -> f64 {
    d.fit_of(n)
}

#[test]
fn fit_is_the_weighted_mean_of_known_answers() {
    // t0 (weight 3) = 4, t1 = 0, t2 unknown, t3 = 2: (3*1 + 0 + 0.5) / 5 = 0.7
    let d = diagnose(
        &model(),
        &answers(&[(3, [Some(4), Some(0), None, Some(2)])]),
    );
    assert!((fit(&d, 3) - 0.7).abs() < 1e-9, "{}", fit(&d, 3));
    let f = &d.fit[2];
    assert_eq!((f.answered, f.total), (3, 4));
    // A stage without any known answer fits 0.
    assert_eq!(fit(&d, 5), 0.0);
}

#[test]
fn the_current_stage_is_the_highest_reached() {
    let d = diagnose(&model(), &profile(&[(3, HIGH), (4, HIGH), (5, HIGH)]));
    assert_eq!(d.stage.number, 5);
    assert!(d.reached);
    assert!(d.skipped_foundations.is_empty());
}

#[test]
fn superseded_stages_are_never_foundations() {
    // A stage-3 organisation that left stages 1 and 2 behind.
    let d = diagnose(&model(), &profile(&[(3, HIGH)]));
    assert_eq!(d.stage.number, 3);
    assert!(d.skipped_foundations.is_empty());
}

#[test]
fn one_weak_foundation_is_a_skipped_foundation() {
    // Stage 7 reached with stage 4 missing: 7, with 4 skipped.
    let d = diagnose(
        &model(),
        &profile(&[(3, HIGH), (5, HIGH), (6, HIGH), (7, HIGH)]),
    );
    assert_eq!(d.stage.number, 7);
    let skipped: Vec<u32> = d.skipped_foundations.iter().map(|f| f.number).collect();
    assert_eq!(skipped, vec![4]);
}

#[test]
fn two_weak_foundations_mean_the_higher_stage_is_not_reached() {
    // Stage 7 fits, but 4, 5 and 6 are weak: stage 3, with a conflict noted.
    let d = diagnose(&model(), &profile(&[(3, HIGH), (7, HIGH)]));
    assert_eq!(d.stage.number, 3);
    assert!(
        d.confidence
            .reasons
            .iter()
            .any(|r| r.starts_with("stage 7 Stage 7 fits")),
        "{:?}",
        d.confidence.reasons
    );
    assert_eq!(d.confidence.level, ConfidenceLevel::Medium);
}

#[test]
fn a_reached_stage_without_its_foundations_beats_no_stage() {
    // A small vendor that sells only through the web: stage 5 with 3 and 4 skipped.
    let d = diagnose(&model(), &profile(&[(5, HIGH)]));
    assert_eq!(d.stage.number, 5);
    assert!(d.reached);
    let skipped: Vec<u32> = d.skipped_foundations.iter().map(|f| f.number).collect();
    assert_eq!(skipped, vec![3, 4]);
    assert_eq!(d.confidence.level, ConfidenceLevel::Medium);
    assert!(
        d.confidence
            .reasons
            .iter()
            .any(|r| r
                == "2 of the stages that stage 5 builds on fit under 50%: 3 Stage 3 (8%), 4 Stage 4 (8%)"),
        "{:?}",
        d.confidence.reasons
    );
}

#[test]
fn an_emerging_next_stage_means_transition() {
    let d = diagnose(&model(), &profile(&[(3, HIGH), (4, MID)]));
    assert_eq!(d.stage.number, 3);
    assert_eq!(d.in_transition_to.as_ref().map(|s| s.number), Some(4));
}

#[test]
fn the_stage_after_next_may_be_the_one_emerging() {
    // The source: self-serve may come before customer success.
    let d = diagnose(&model(), &profile(&[(3, HIGH), (5, MID)]));
    assert_eq!(d.in_transition_to.as_ref().map(|s| s.number), Some(5));
    // Three stages up is too far to call a transition.
    let d = diagnose(&model(), &profile(&[(3, HIGH), (6, MID)]));
    assert_eq!(d.in_transition_to, None);
}

#[test]
fn without_a_reached_stage_the_closest_is_shown_with_low_confidence() {
    let d = diagnose(&model(), &profile(&[(2, MID)]));
    assert_eq!(d.stage.number, 2);
    assert!(!d.reached);
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
}

#[test]
fn next_steps_take_skipped_foundations_first_then_the_next_stage() {
    let d = diagnose(
        &model(),
        &profile(&[(3, HIGH), (5, HIGH), (6, HIGH), (7, HIGH), (8, MID)]),
    );
    let steps: Vec<(&str, &str)> = d
        .next_steps
        .iter()
        .map(|s| (s.trait_id.as_str(), s.reason))
        .collect();
    // Stage 4 (skipped): t0 weighs 3 with gap 1 = 3; t1, t2 gap 0.75; t3 gap 1
    // = 1 -> t0, t3, then t1 (t1 and t2 tie; the model's order decides).
    // Then stage 8: t0 3*0.5 = 1.5, t3 1*0.75 = 0.75.
    assert_eq!(
        steps,
        vec![
            ("s4-t0", "skipped foundation"),
            ("s4-t3", "skipped foundation"),
            ("s4-t1", "skipped foundation"),
            ("s8-t0", "next stage"),
            ("s8-t3", "next stage"),
        ]
    );
}

#[test]
fn met_traits_are_not_next_steps_and_unknowns_are() {
    // Stage 4 all met except one unknown: only that one, then current-stage gaps.
    let d = diagnose(
        &model(),
        &profile(&[
            (3, [Some(4), Some(4), Some(1), Some(4)]),
            (4, [Some(3), Some(3), None, Some(4)]),
        ]),
    );
    assert_eq!(d.stage.number, 4);
    let ids: Vec<&str> = d.next_steps.iter().map(|s| s.trait_id.as_str()).collect();
    // Next stage 5 is all LOW: its four traits come first, up to the limit of five.
    assert_eq!(ids, vec!["s5-t0", "s5-t3", "s5-t1", "s5-t2"]);
    let d = diagnose(
        &model(),
        &answers(&[
            (8, HIGH),
            (3, HIGH),
            (4, HIGH),
            (5, HIGH),
            (6, HIGH),
            (7, [Some(4), Some(4), None, Some(2)]),
        ]),
    );
    assert_eq!(d.stage.number, 8);
    // At the top there is no next stage: the gaps in what it builds on.
    let steps: Vec<(&str, &str)> = d
        .next_steps
        .iter()
        .map(|s| (s.trait_id.as_str(), s.reason))
        .collect();
    assert_eq!(
        steps,
        vec![("s7-t2", "foundation"), ("s7-t3", "foundation")]
    );
}

#[test]
fn evidence_weighs_the_current_stage_and_answers_above_it() {
    let d = diagnose(
        &model(),
        &profile(&[
            (3, [Some(4), Some(3), Some(0), Some(3)]),
            (6, [Some(4), Some(0), Some(0), Some(0)]),
        ]),
    );
    assert_eq!(d.stage.number, 3);
    let pro: Vec<&str> = d
        .evidence
        .iter()
        .filter(|e| e.direction == Direction::For)
        .map(|e| e.trait_id.as_str())
        .collect();
    assert_eq!(pro, vec!["s3-t0", "s3-t1", "s3-t3"]);
    let contra: Vec<&str> = d
        .evidence
        .iter()
        .filter(|e| e.direction == Direction::Against)
        .map(|e| e.trait_id.as_str())
        .collect();
    // s6-t0: weight 3 x 1.0 = 3 outweighs s3-t2: weight 1 x 1.0.
    assert_eq!(contra, vec!["s6-t0", "s3-t2"]);
}

#[test]
fn confidence_follows_unknowns() {
    let full = profile(&[(3, HIGH), (4, HIGH)]);
    assert_eq!(
        diagnose(&model(), &full).confidence.level,
        ConfidenceLevel::High
    );
    // Half the questions unknown: low.
    let half = answers(&[(3, HIGH), (4, HIGH), (1, LOW), (2, LOW)]);
    let d = diagnose(&model(), &half);
    assert_eq!((d.answered, d.total), (16, 32));
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
}

#[test]
fn scoring_is_deterministic() {
    let set = profile(&[(3, HIGH), (4, MID), (5, HIGH)]);
    assert_eq!(diagnose(&model(), &set), diagnose(&model(), &set));
}

#[test]
fn a_hole_in_the_current_stage_comes_before_the_next_stage() {
    // Stage 4 reached (t0 weighs 3) but t3 is not in place at all.
    let d = diagnose(
        &model(),
        &profile(&[(3, HIGH), (4, [Some(4), Some(4), Some(3), Some(0)])]),
    );
    assert_eq!(d.stage.number, 4);
    assert_eq!(d.next_steps[0].trait_id, "s4-t3");
    assert_eq!(d.next_steps[0].reason, "current stage");
    assert!(d.next_steps[1..].iter().all(|s| s.reason == "next stage"));
}

#[test]
fn superseded_stages_are_left_behind_not_repaired() {
    // Stage 2 with a hole: the steps lead to stage 3, not back into stage 2.
    let d = diagnose(
        &model(),
        &profile(&[(2, [Some(4), Some(4), Some(4), Some(0)])]),
    );
    assert_eq!(d.stage.number, 2);
    assert!(
        d.next_steps.iter().all(|s| s.stage == 3),
        "{:?}",
        d.next_steps
    );
}

#[test]
fn a_weak_foundation_of_the_next_stage_comes_before_it() {
    // Stage 3, moving to 5 while 4 (which 5 builds on) is weak.
    let d = diagnose(&model(), &profile(&[(3, HIGH), (5, MID)]));
    assert_eq!(d.in_transition_to.as_ref().map(|s| s.number), Some(5));
    let first = &d.next_steps[0];
    assert_eq!((first.stage, first.reason), (4, "foundation"));
    assert!(d.next_steps.iter().any(|s| s.stage == 5));
}

#[test]
fn the_assessment_carries_the_numbers_of_the_diagnosis() {
    let model = model();
    let set = profile(&[(3, HIGH), (4, MID), (7, HIGH)]);
    let scorer = Scorer::new(&model);
    let a = scorer.assess(&scorer.vector(&set));
    let d = diagnose(&model, &set);
    assert_eq!(model.stages()[a.current].number, d.stage.number);
    assert_eq!(
        a.in_transition_to.map(|i| i as u32 + 1),
        d.in_transition_to.map(|s| s.number)
    );
    assert_eq!(a.confidence, d.confidence.level);
    let steps: Vec<u32> = a.next_steps.iter().map(|s| s.stage as u32 + 1).collect();
    assert_eq!(
        steps,
        d.next_steps.iter().map(|s| s.stage).collect::<Vec<_>>()
    );
    for (f, g) in a.fit.iter().zip(&d.fit) {
        assert_eq!((f.fit, f.answered), (g.fit, g.answered));
    }
}

#[test]
fn the_first_step_alone_is_the_first_of_all_steps() {
    let model = model();
    let scorer = Scorer::new(&model);
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut all, mut first) = (Assessment::default(), Assessment::default());
    for _ in 0..5000 {
        let answers: Vec<Answer> = (0..model.trait_count())
            .map(|_| match next() % 6 {
                5 => Answer::Unknown,
                n => Answer::Scale(n as u8),
            })
            .collect();
        scorer.assess_with(&answers, &mut all, Steps::All);
        scorer.assess_with(&answers, &mut first, Steps::First);
        assert_eq!(
            first.next_steps.first(),
            all.next_steps.first(),
            "{answers:?}"
        );
        assert_eq!(first.next_steps.len(), all.next_steps.len().min(1));
        assert_eq!(
            (first.current, first.confidence),
            (all.current, all.confidence)
        );
        // The full result is the same whichever the assessment ranked.
        assert_eq!(
            scorer.diagnosis(None, None, &answers, &first),
            scorer.diagnosis(None, None, &answers, &all)
        );
    }
}
