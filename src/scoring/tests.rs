//! One test per scoring rule, on a small synthetic model whose numbers are
//! easy to check by hand (so the tests do not move when stage texts change).

use super::*;
use crate::model::{Role, Stage, Trait};

/// Eight stages of four traits; trait 0 weighs 3, the others 1.
/// Stages 3 and up carry forward and stage 5 is an entry point, as in the
/// built-in model.
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
            entry_point: n == 5,
            roles: vec![Role {
                name: "r".into(),
                description: "d".into(),
            }],
            metrics: vec!["m".into()],
            pitfalls: vec!["p".into()],
            moving_on: "m".into(),
            moving_on_for: Vec::new(),
            traits: (0..4)
                .map(|i| Trait {
                    id: format!("s{n}-t{i}"),
                    statement: format!("statement {n}.{i}"),
                    question: format!("question {n}.{i}"),
                    help: "h".into(),
                    weight: if i == 0 { 3.0 } else { 1.0 },
                    action: format!("action {n}.{i}"),
                    ..Default::default()
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

fn stage(d: &Diagnosis) -> Option<u32> {
    d.stage_number()
}

fn numbers<'a>(list: impl IntoIterator<Item = &'a StageFit>) -> Vec<u32> {
    list.into_iter().map(|f| f.number).collect()
}

fn ahead(d: &Diagnosis) -> Vec<u32> {
    d.ahead.iter().map(|a| a.number).collect()
}

fn steps(d: &Diagnosis) -> Vec<(&str, StepReason)> {
    d.next_steps
        .iter()
        .map(|s| (s.trait_id.as_str(), s.reason))
        .collect()
}

#[test]
fn the_current_stage_is_the_highest_with_its_foundations_in_place() {
    let d = diagnose(&model(), &profile(&[(3, HIGH), (4, HIGH), (5, HIGH)]));
    assert_eq!(stage(&d), Some(5));
    assert!(d.reached);
    assert!(d.skipped_foundations.is_empty());
    assert!(d.ahead.is_empty());
    assert_eq!(d.confidence.level, ConfidenceLevel::High);
}

#[test]
fn superseded_stages_are_never_foundations() {
    // A stage-3 organisation that left stages 1 and 2 behind.
    let d = diagnose(&model(), &profile(&[(3, HIGH)]));
    assert_eq!(stage(&d), Some(3));
    assert!(d.skipped_foundations.is_empty());
}

/// Pattern 1: a lead machine with a trial (or with dashboards) but nothing
/// after the signature stands at 3; the later stages are strengths ahead.
#[test]
fn later_capabilities_above_a_missing_foundation_are_ahead_not_the_stage() {
    let d = diagnose(&model(), &profile(&[(3, HIGH), (5, HIGH)]));
    assert_eq!(stage(&d), Some(3));
    assert_eq!(ahead(&d), vec![5]);
    assert!(d.skipped_foundations.is_empty());
    assert!((d.ahead[0].fit - 0.875).abs() < 1e-9);
    let d = diagnose(
        &model(),
        &profile(&[(3, HIGH), (5, HIGH), (6, HIGH), (7, HIGH)]),
    );
    assert_eq!(stage(&d), Some(3));
    assert_eq!(ahead(&d), vec![5, 6, 7]);
    // Stage 4, the missing foundation, is what to build next.
    assert!(
        steps(&d).iter().all(|(id, _)| id.starts_with("s4-")),
        "{:?}",
        steps(&d)
    );
}

/// Pattern 1, the exception: a vendor that sells only through the web and
/// never had a lead machine starts at self-serve.
#[test]
fn an_organisation_born_self_serve_stands_at_self_serve() {
    let d = diagnose(&model(), &profile(&[(5, HIGH)]));
    assert_eq!(stage(&d), Some(5));
    assert!(d.reached);
    // The lead machine is not a gap for it; customer success is.
    assert_eq!(numbers(&d.skipped_foundations), vec![4]);
    assert_eq!(d.next_steps[0].reason, StepReason::SkippedFoundation);
    // For the stages above, self-serve stands in for the lead machine.
    let d = diagnose(&model(), &profile(&[(4, HIGH), (5, HIGH), (6, HIGH)]));
    assert_eq!(stage(&d), Some(6));
    assert!(d.skipped_foundations.is_empty());
}

/// Pattern 2, on the built-in model: account managers who farm accounts and
/// own renewals are the farmers of stage 2, not customer success.
#[test]
fn account_managers_without_onboarding_or_churn_review_are_stage_two() {
    let model = crate::model::load_embedded().unwrap();
    let mut set = AnswerSet::default();
    for (s, t) in model.traits() {
        let value = match (s.number, t.id.as_str()) {
            (2, _) => 4,
            (6, "sales-engineers-on-deals" | "security-procurement-reviews-handled") => 3,
            (6, "stakeholder-mapping-on-large-deals") => 3,
            (4, "poor-fit-deals-turned-away" | "account-health-scores") => 1,
            (8, "outcome-reviews-owned-by-sales") => 2,
            _ => 0,
        };
        set.answers.insert(t.id.clone(), Answer::Scale(value));
    }
    let d = diagnose(&model, &set);
    assert_eq!(stage(&d), Some(2), "{:?}", d.fit);
}

/// Pattern 3: nothing known, no verdict.
#[test]
fn too_few_answers_give_no_stage_and_no_build_steps() {
    let six = answers(&[(3, HIGH), (4, [Some(4), Some(4), None, None])]);
    for set in [AnswerSet::default(), six] {
        let d = diagnose(&model(), &set);
        assert_eq!(d.stage, None);
        assert!(!d.reached);
        assert_eq!(d.confidence.level, ConfidenceLevel::None);
        assert!(d.next_steps.is_empty() && d.moving_on.is_none() && d.evidence.is_empty());
        assert!(!d.ask_first.is_empty() && d.ask_first.len() <= MAX_ASK_FIRST);
        assert!(
            d.confidence.reasons[0].contains("questions answered"),
            "{:?}",
            d.confidence.reasons
        );
    }
    // The questions to answer first are unanswered ones, heaviest first,
    // starting above the highest stage in place.
    let d = diagnose(&model(), &answers(&[(3, HIGH)]));
    assert_eq!(d.ask_first[0].trait_id, "s4-t0");
    assert_eq!(d.ask_first[1].trait_id, "s5-t0");
    assert!(d.ask_first.iter().all(|q| !q.trait_id.starts_with("s3-")));
}

/// Pattern 4: one answer is not a stage.
#[test]
fn a_stage_resting_on_one_light_answer_decides_nothing() {
    let mut set = profile(&[(3, HIGH), (4, HIGH)]);
    for t in ["s8-t0", "s8-t2", "s8-t3"] {
        set.answers.insert(t.into(), Answer::Unknown);
    }
    set.answers.insert("s8-t1".into(), Answer::Scale(4));
    let d = diagnose(&model(), &set);
    assert_eq!(stage(&d), Some(4));
    assert!(d.ahead.is_empty());
    assert!(
        d.confidence
            .reasons
            .iter()
            .any(|r| r.contains("rule out stage 8")),
        "{:?}",
        d.confidence.reasons
    );
    assert_ne!(d.confidence.level, ConfidenceLevel::High);
}

/// Pattern 5: straight-lined answers are flagged and never high.
#[test]
fn straight_lined_answers_get_a_warning_and_low_confidence() {
    let mut set = AnswerSet::default();
    for (_, t) in model().traits() {
        set.answers.insert(t.id.clone(), Answer::Scale(3));
    }
    let d = diagnose(&model(), &set);
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
    let reasons = d.confidence.reasons.join("; ");
    assert!(
        reasons.contains("warning: nearly every answer is 3"),
        "{reasons}"
    );
    // Owners doing it all, beside everything else, is a conflicting signal.
    assert!(
        reasons.contains("conflicting signals: stage 1 Stage 1 fits 75%"),
        "{reasons}"
    );
}

#[test]
fn answers_the_model_declares_contradictory_lower_confidence() {
    let model = crate::model::load_embedded().unwrap();
    let set = |owners: u8| {
        let mut set = AnswerSet::default();
        for (s, t) in model.traits() {
            let v = if matches!(s.number, 3 | 4) { 4 } else { 0 };
            set.answers.insert(t.id.clone(), Answer::Scale(v));
        }
        set.answers
            .insert("owners-sell-personally".into(), Answer::Scale(owners));
        set
    };
    let clean = diagnose(&model, &set(0));
    let mixed = diagnose(&model, &set(4));
    assert_eq!((stage(&clean), stage(&mixed)), (Some(4), Some(4)));
    assert_eq!(clean.confidence.level, ConfidenceLevel::High);
    assert_eq!(mixed.confidence.level, ConfidenceLevel::Medium);
    assert!(
        mixed.confidence.reasons.iter().any(|r| r.starts_with(
            "conflicting signals: \"A founder or owner takes part in almost every sale"
        )),
        "{:?}",
        mixed.confidence.reasons
    );
}

#[test]
fn a_close_call_is_not_high() {
    // Stage 4 fits 62.5%: just over the line.
    let d = diagnose(
        &model(),
        &profile(&[(3, HIGH), (4, [Some(3), Some(2), Some(2), Some(2)])]),
    );
    assert_eq!(stage(&d), Some(4));
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
    assert!(
        d.confidence
            .reasons
            .iter()
            .any(|r| r.starts_with("a close call"))
    );
}

#[test]
fn an_emerging_next_stage_means_transition() {
    let d = diagnose(&model(), &profile(&[(3, HIGH), (4, MID)]));
    assert_eq!(stage(&d), Some(3));
    assert_eq!(d.in_transition_to.as_ref().map(|s| s.number), Some(4));
}

#[test]
fn a_transition_that_one_answer_could_undo_lowers_the_confidence() {
    // (3*2 + 2 + 1 + 1) / 24 = 42%: two points over the line.
    let close = diagnose(
        &model(),
        &profile(&[(3, HIGH), (4, [Some(2), Some(2), Some(1), Some(1)])]),
    );
    assert_eq!(close.in_transition_to.as_ref().map(|s| s.number), Some(4));
    assert_ne!(close.confidence.level, ConfidenceLevel::High);
    let said = |d: &Diagnosis| {
        d.confidence
            .reasons
            .iter()
            .any(|r| r.starts_with("the move to stage 4"))
    };
    assert!(said(&close), "{:?}", close.confidence.reasons);
    // 50%: clear of it.
    let clear = diagnose(&model(), &profile(&[(3, HIGH), (4, [Some(2); 4])]));
    assert_eq!(clear.in_transition_to.as_ref().map(|s| s.number), Some(4));
    assert!(!said(&clear), "{:?}", clear.confidence.reasons);
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
fn a_stage_whose_foundation_is_missing_is_no_transition() {
    // Stages 1-5 in place, 7 emerging (it builds on 3-6); stage 6 as given.
    let with_six = |six: [Option<u8>; 4]| {
        let mut given: Vec<(u32, [Option<u8>; 4])> = (1..=5).map(|n| (n, HIGH)).collect();
        given.extend([(6, six), (7, MID)]);
        diagnose(&model(), &profile(&given))
    };
    let transition = |d: &Diagnosis| d.in_transition_to.as_ref().map(|s| s.number);
    // Stage 6 missing: 7 is not under way.
    let d = with_six(LOW);
    assert_eq!(stage(&d), Some(5));
    assert_eq!(transition(&d), None);
    // Stage 6 partly there: 6 is the move under way.
    assert_eq!(transition(&with_six(MID)), Some(6));
    // Not answered is not missing.
    assert_eq!(transition(&with_six([None; 4])), Some(7));
}

#[test]
fn without_a_stage_in_place_the_closest_grounded_one_is_shown_with_low_confidence() {
    let d = diagnose(&model(), &profile(&[(2, MID)]));
    assert_eq!(stage(&d), Some(2));
    assert!(!d.reached);
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
    // Partly there on missing foundations is not where it stands.
    let d = diagnose(
        &model(),
        &profile(&[(2, MID), (6, [Some(3), Some(2), Some(2), Some(2)])]),
    );
    assert_eq!(stage(&d), Some(2));
}

#[test]
fn next_steps_take_skipped_foundations_first_then_the_next_stage() {
    let d = diagnose(&model(), &profile(&[(5, HIGH), (6, MID)]));
    assert_eq!(stage(&d), Some(5));
    // Stage 4 (skipped): t0 weighs 3 with gap 1 = 3; t1, t2 gap 0.75; t3 gap 1
    // = 1 -> t0, t3 (at most two, to leave room for the way up). Then
    // stage 6, the next stage: t0 3*0.5 = 1.5; three in all.
    assert_eq!(
        steps(&d),
        vec![
            ("s4-t0", StepReason::SkippedFoundation),
            ("s4-t3", StepReason::SkippedFoundation),
            ("s6-t0", StepReason::NextStage),
        ]
    );
}

#[test]
fn met_traits_are_not_next_steps_and_unknowns_are_to_find_out() {
    // An unknown whose answer cannot move the stage is not worth a step.
    let settled = diagnose(
        &model(),
        &profile(&[
            (3, [Some(4), Some(4), Some(1), Some(4)]),
            (4, [Some(3), Some(3), None, Some(4)]),
        ]),
    );
    assert_eq!(stage(&settled), Some(4));
    assert!(
        settled
            .next_steps
            .iter()
            .all(|s| s.reason != StepReason::FindOut)
    );
    // Stage 4 met (no hole) except one unknown that decides whether it is
    // in place: nothing to build there; the unknown is a "find out" step
    // after the build steps.
    let d = diagnose(
        &model(),
        &profile(&[
            (3, [Some(4), Some(4), Some(1), Some(4)]),
            (4, [Some(3), Some(2), None, Some(2)]),
        ]),
    );
    assert_eq!(stage(&d), Some(4));
    // Next stage 5 is all LOW: its three heaviest traits are the build steps.
    assert_eq!(
        steps(&d),
        vec![
            ("s5-t0", StepReason::NextStage),
            ("s5-t3", StepReason::NextStage),
            ("s5-t1", StepReason::NextStage),
            ("s4-t2", StepReason::FindOut),
        ]
    );
    assert!(
        d.next_steps[3]
            .action
            .starts_with("Find out whether this is true")
    );
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
    assert_eq!(stage(&d), Some(8));
    // At the top there is no next stage: the gaps in what it builds on.
    // Nothing there is answered 0-1, and what is only partly in place
    // (s7-t3) is never a step there. "Don't know" (s7-t2) is never
    // something to build, and its answer cannot move the stage: nothing
    // to build, and the unknown is what to find out.
    assert_eq!(steps(&d), vec![("s7-t2", StepReason::FindOut)]);
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
    assert_eq!(stage(&d), Some(3));
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
    // Nothing known above stage 4: it may well be at 5, so low.
    let half = answers(&[(3, HIGH), (4, HIGH), (1, LOW), (2, LOW)]);
    let d = diagnose(&model(), &half);
    assert_eq!((d.answered, d.total), (16, 32));
    assert_eq!(stage(&d), Some(4));
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
    assert_eq!(stage(&d), Some(4));
    assert_eq!(d.next_steps[0].trait_id, "s4-t3");
    assert_eq!(d.next_steps[0].reason, StepReason::CurrentStage);
    assert!(
        d.next_steps[1..]
            .iter()
            .all(|s| s.reason == StepReason::NextStage)
    );
}

#[test]
fn superseded_stages_are_left_behind_not_repaired() {
    // Stage 2 with a hole: the steps lead to stage 3, not back into stage 2.
    let d = diagnose(
        &model(),
        &profile(&[(2, [Some(4), Some(4), Some(4), Some(0)])]),
    );
    assert_eq!(stage(&d), Some(2));
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
    assert_eq!((first.stage, first.reason), (4, StepReason::Foundation));
    assert!(d.next_steps.iter().any(|s| s.stage == 5));
}

#[test]
fn an_unanswered_lead_machine_is_no_start_at_self_serve() {
    // Stage 3 not answered at all: self-serve needs it, and it cannot be told.
    let mut set = profile(&[(4, HIGH), (5, HIGH)]);
    for t in 0..4 {
        set.answers.insert(format!("s3-t{t}"), Answer::Unknown);
    }
    let d = diagnose(&model(), &set);
    assert_eq!(stage(&d), Some(5));
    assert_eq!(d.confidence.level, ConfidenceLevel::Low);
    assert!(
        d.confidence
            .reasons
            .iter()
            .any(|r| r.contains("stage 3 Stage 3 (which it builds on)")),
        "{:?}",
        d.confidence.reasons
    );
}

#[test]
fn the_closest_partly_fitting_stage_is_the_best_fitting_one() {
    // Stage 3 fits 54%, stage 8 only 46%: both partly, 3 is the closer.
    let d = diagnose(
        &model(),
        &profile(&[
            (3, [Some(2), Some(2), Some(2), Some(3)]),
            (4, MID),
            (7, MID),
            (8, MID),
        ]),
    );
    assert_eq!(stage(&d), Some(3));
    assert!(!d.reached);
}

#[test]
fn a_contradiction_declared_on_both_sides_counts_once() {
    let mut model = model();
    let mut stages = model.stages().to_vec();
    stages[0].traits[0].contradicts = vec!["s3-t0".into()];
    stages[2].traits[0].contradicts = vec!["s1-t0".into()];
    model = Model::new(stages).unwrap();
    let mut set = profile(&[(3, HIGH), (4, HIGH)]);
    set.answers.insert("s1-t0".into(), Answer::Scale(4));
    let d = diagnose(&model, &set);
    let conflicts = d
        .confidence
        .reasons
        .iter()
        .filter(|r| r.starts_with("conflicting signals: \"question 1.0\""))
        .count();
    assert_eq!(conflicts, 1, "{:?}", d.confidence.reasons);
    assert_eq!(d.confidence.level, ConfidenceLevel::Medium);
}

#[test]
fn no_stage_fitting_is_said_as_such_and_a_short_answer_vector_is_padded() {
    let zeros = answers(&(1..=8).map(|n| (n, [Some(0); 4])).collect::<Vec<_>>());
    let d = diagnose(&model(), &zeros);
    assert_eq!(d.stage, None);
    assert_eq!(d.not_placed, Some(placement::NotPlaced::NoStageFits));
    assert_eq!(
        d.not_placed_because(),
        "the answers fit no stage on its foundations"
    );
    // The library's diagnosis pads answers given short, as assess does.
    let model = model();
    let scorer = Scorer::new(&model);
    let short = [Answer::Scale(4); 5];
    let a = scorer.assess(&short);
    let d = scorer.diagnosis(None, None, &short, &a);
    assert_eq!(d.answers.len(), model.trait_count());
}

#[test]
fn the_assessment_carries_the_numbers_of_the_diagnosis() {
    let model = model();
    let set = profile(&[(3, HIGH), (4, MID), (7, HIGH)]);
    let scorer = Scorer::new(&model);
    let a = scorer.assess(&scorer.vector(&set));
    let d = diagnose(&model, &set);
    assert_eq!(
        a.current().map(|i| model.stages()[i].number),
        d.stage_number()
    );
    assert_eq!(
        a.placement.in_transition_to.map(|i| i as u32 + 1),
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

/// A small deterministic random source for tests over many answer sets.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// `n` answers drawn from `sides` values: 0-4 on the scale, the rest
/// "don't know".
fn random_answers(next: &mut impl FnMut() -> u64, n: usize, sides: u64) -> Vec<Answer> {
    (0..n)
        .map(|_| match next() % sides {
            v @ 0..=4 => Answer::Scale(v as u8),
            _ => Answer::Unknown,
        })
        .collect()
}

#[test]
fn the_first_step_alone_is_the_first_of_all_steps() {
    let model = model();
    let scorer = Scorer::new(&model);
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let (mut all, mut first) = (Assessment::default(), Assessment::default());
    for _ in 0..5000 {
        let answers = random_answers(&mut next, model.trait_count(), 6);
        let context = Default::default();
        scorer.assess_with(&answers, &context, &mut all, Steps::All);
        scorer.assess_with(&answers, &context, &mut first, Steps::First);
        assert_eq!(
            first.next_steps.first(),
            all.next_steps.first(),
            "{answers:?}"
        );
        assert_eq!(first.next_steps.len(), all.next_steps.len().min(1));
        assert_eq!(
            (first.current(), first.confidence),
            (all.current(), all.confidence)
        );
        // The full result is the same whichever the assessment ranked.
        assert_eq!(
            scorer.diagnosis(None, None, &answers, &first),
            scorer.diagnosis(None, None, &answers, &all)
        );
    }
}

#[test]
fn what_is_partly_in_place_where_it_stands_is_never_a_step() {
    // Stage 5 in place with t3 only partly there; the way up (6) has one
    // trait missing and the rest unknown. The missing one is the step, not
    // the partly present one where it stands (consultants: "already done"),
    // though fewer than three steps were found.
    let d = diagnose(
        &model(),
        &profile(&[
            (3, HIGH),
            (4, HIGH),
            (5, [Some(4), Some(4), Some(3), Some(2)]),
            (6, [None, None, None, Some(0)]),
            (7, [None; 4]),
            (8, [None; 4]),
        ]),
    );
    assert_eq!(stage(&d), Some(5));
    let build: Vec<_> = steps(&d)
        .into_iter()
        .filter(|(_, r)| *r != StepReason::FindOut)
        .collect();
    assert_eq!(build, vec![("s6-t3", StepReason::NextStage)]);

    // Nothing missing anywhere it counts: still not the partly present
    // one (none of 16 such steps fit over eleven held-out sets); nothing
    // to build.
    let d = diagnose(
        &model(),
        &profile(&[
            (3, HIGH),
            (4, HIGH),
            (5, HIGH),
            (6, HIGH),
            (7, HIGH),
            (8, [Some(4), Some(4), Some(3), Some(2)]),
        ]),
    );
    assert_eq!(stage(&d), Some(8));
    assert_eq!(steps(&d), vec![], "{:?}", d.next_steps);
}

#[test]
fn with_context_and_worries_the_first_step_alone_is_the_first_of_all_steps() {
    // The built-in model, whose traits answer worries and apply by context:
    // a batch row's first step must be the full list's first, whichever
    // fallback (to what was left unanswered, to a stage beside) the list took.
    use crate::context::{Context, Key, WORRIES};
    let model = crate::model::load_embedded().unwrap();
    let scorer = Scorer::new(&model);
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let (mut all, mut first) = (Assessment::default(), Assessment::default());
    for _ in 0..5000 {
        let answers = random_answers(&mut next, model.trait_count(), 7);
        let mut context = Context::default();
        for (k, key) in Key::ALL.iter().enumerate() {
            let values = key.values();
            let pick = next() as usize % (values.len() + 1);
            if let Some(value) = values.get(pick) {
                context.set_cell(k, value.as_bytes()).unwrap();
            }
        }
        let worries: Vec<&str> = (0..next() % 3)
            .map(|_| WORRIES[next() as usize % WORRIES.len()])
            .collect();
        if !worries.is_empty() {
            context.set_cell(4, worries.join(";").as_bytes()).unwrap();
        }
        scorer.assess_with(&answers, &context, &mut all, Steps::All);
        scorer.assess_with(&answers, &context, &mut first, Steps::First);
        assert_eq!(
            first.next_steps.first(),
            all.next_steps.first(),
            "{answers:?} {context:?}"
        );
    }
}

#[test]
fn a_step_with_nothing_to_build_on_or_done_another_way_is_no_next_step() {
    let mut stages = model().stages().to_vec();
    // Stage 4's t1 builds on its t2; its t3's job is done by stage 3's t1.
    stages[3].traits[1].needs = vec!["s4-t2".into()];
    stages[3].traits[3].covered_by = vec!["s3-t1".into()];
    let model = Model::new(stages).unwrap();
    let steps = |set: &AnswerSet| -> Vec<String> {
        diagnose(&model, set)
            .next_steps
            .iter()
            .map(|s| s.trait_id.clone())
            .collect()
    };
    // t2 "not true at all", s3-t1 "mostly": both steps are moot.
    let moot = profile(&[(3, HIGH), (4, [Some(0), Some(1), Some(0), Some(0)])]);
    assert_eq!(steps(&moot), ["s4-t0", "s4-t2"]);
    // A roadmap still lists them: once t2 is built, t1 is to build too.
    let d = diagnose(&model, &moot);
    let target = model.stage(4).unwrap();
    let legs = roadmap::roadmap(&model, &moot, &d, target).unwrap().legs;
    let listed: Vec<&str> = legs[0].steps.iter().map(|s| s.trait_id.as_str()).collect();
    assert!(
        listed.contains(&"s4-t1") && listed.contains(&"s4-t3"),
        "{listed:?}"
    );
    // t2 "slightly" and s3-t1 "partly": both are steps again.
    let open = profile(&[
        (3, [Some(4), Some(2), Some(3), Some(3)]),
        (4, [Some(0), Some(1), Some(1), Some(0)]),
    ]);
    assert_eq!(steps(&open), ["s4-t0", "s4-t3", "s4-t1"]);
}

#[test]
fn needs_waits_for_every_listed_trait_and_moot_is_nothing_to_finish() {
    let mut stages = model().stages().to_vec();
    // Stage 4's t1 builds on its t2 or t3; t3 applies only with sellers.
    stages[3].traits[1].needs = vec!["s4-t2".into(), "s4-t3".into()];
    stages[3].traits[3].applies_when = [("sellers".to_string(), vec!["1-5".to_string()])].into();
    // Stage 3's t2 is done another way when its t1 is in place.
    stages[2].traits[2].covered_by = vec!["s3-t1".into()];
    let model = Model::new(stages).unwrap();
    let steps = |set: &AnswerSet| -> Vec<String> {
        let d = diagnose(&model, set);
        d.next_steps.iter().map(|s| s.trait_id.clone()).collect()
    };
    let with = |stage4: [Option<u8>; 4], sellers: Option<&str>| {
        let mut set = profile(&[(3, HIGH), (4, stage4)]);
        if let Some(v) = sellers {
            set.context.set_named("sellers", v).unwrap();
        }
        set
    };
    let t1 = "s4-t1".to_string();
    // One of the two answered "slightly": something to build on.
    assert!(steps(&with([Some(0), Some(1), Some(0), Some(1)], None)).contains(&t1));
    // One "don't know": it may be there.
    assert!(steps(&with([Some(0), Some(1), Some(0), None], None)).contains(&t1));
    // 0 and 0, or 0 and "does not apply to this business": nothing.
    assert!(!steps(&with([Some(0), Some(1), Some(0), Some(0)], None)).contains(&t1));
    assert!(!steps(&with([Some(0), Some(1), Some(0), Some(3)], Some("0"))).contains(&t1));
    // What is partly there but done another way is not listed to finish.
    let partly = |stage3: [Option<u8>; 4]| -> Vec<String> {
        let d = diagnose(&model, &profile(&[(3, stage3), (4, HIGH)]));
        d.partly_in_place
            .iter()
            .map(|p| p.trait_id.clone())
            .collect()
    };
    assert_eq!(
        partly([Some(4), Some(2), Some(2), Some(3)]),
        ["s3-t1", "s3-t2"]
    );
    assert_eq!(
        partly([Some(4), Some(3), Some(2), Some(3)]),
        Vec::<String>::new()
    );
}
