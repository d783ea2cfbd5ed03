use super::*;
use crate::model::load_embedded;
use crate::scoring::placement::Placement;
use crate::scoring::{Fit, Step, StepReason};

fn assessment(current: usize, fits: &[(f64, usize)], first_step: Option<usize>) -> Assessment {
    Assessment {
        fit: fits
            .iter()
            .map(|&(fit, answered)| Fit {
                fit,
                answered,
                coverage: 1.0,
                not_applicable: false,
            })
            .collect(),
        placement: Placement {
            current: Some(current),
            in_transition_to: (current == 2).then_some(3),
            ..Placement::default()
        },
        next_steps: first_step
            .map(|position| Step {
                position,
                stage: 0,
                reason: StepReason::NextStage,
                priority: 1.0,
            })
            .into_iter()
            .collect(),
        ..Assessment::default()
    }
}

#[test]
fn counts_means_and_first_steps_add_up() {
    let model = load_embedded().unwrap();
    let mut fits = vec![(0.5, 3); 8];
    let mut b = SummaryBuilder::new(&model);
    b.add(&model, &assessment(2, &fits, Some(7)), &[]);
    fits[0] = (0.0, 0); // stage 1 not answered: left out of its mean
    fits[1] = (1.0, 4);
    b.add(&model, &assessment(2, &fits, Some(7)), &[]);
    b.add(&model, &assessment(5, &fits, Some(3)), &[]);
    let s = b.finish(&model);
    assert_eq!(s.organisations, 3);
    assert_eq!(s.in_transition, 2);
    let at: Vec<usize> = s.stages.iter().map(|s| s.organisations).collect();
    assert_eq!(at, [0, 0, 2, 0, 0, 1, 0, 0]);
    assert_eq!(
        (s.stages[0].mean_fit, s.stages[0].answered_by),
        (Some(0.5), 1)
    );
    let two = s.stages[1].mean_fit.unwrap();
    assert!((two - (0.5 + 1.0 + 1.0) / 3.0).abs() < 1e-12);
    let steps: Vec<(usize, usize)> = s
        .top_next_steps
        .iter()
        .map(|c| {
            let position = model.trait_position(&c.trait_id).unwrap();
            (position, c.organisations)
        })
        .collect();
    assert_eq!(steps, [(7, 2), (3, 1)]);
}

#[test]
fn a_step_shown_in_the_same_words_is_counted_once() {
    // A trait without a `partly` text shows the same action whether it
    // was answered 0 or 2: one entry, counted twice.
    let model = load_embedded().unwrap();
    let (position, _) = model
        .traits()
        .enumerate()
        .find(|(_, (_, t))| t.partly.is_none())
        .expect("a trait without a partly text");
    let fits = vec![(0.5, 3); 8];
    let mut b = SummaryBuilder::new(&model);
    for answer in [0, 2] {
        let mut answers = vec![Answer::Unknown; model.trait_count()];
        answers[position] = Answer::Scale(answer);
        b.add(&model, &assessment(2, &fits, Some(position)), &answers);
    }
    let s = b.finish(&model);
    assert_eq!(s.top_next_steps.len(), 1, "{:?}", s.top_next_steps);
    assert_eq!(s.top_next_steps[0].organisations, 2);
}

#[test]
fn rows_left_out_are_named_by_input_then_counted() {
    let model = load_embedded().unwrap();
    let mut b = SummaryBuilder::new(&model);
    b.failed("a.csv", Some(3));
    b.failed("a.csv", Some(5));
    b.failed("missing.yaml", None);
    b.failed("b.jsonl", Some(2));
    let blank = RowList {
        count: 14,
        first: (1..=10).collect(),
    };
    b.blank_rows("c.csv", &blank);
    let s = b.finish(&model);
    assert_eq!(
        s.left_out(),
        [
            "14 blank rows skipped: c.csv rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 4 more",
            "4 answer sets failed and were left out: a.csv rows 3, 5; missing.yaml; b.jsonl row 2"
        ]
    );
    assert!(
        SummaryBuilder::new(&model)
            .finish(&model)
            .left_out()
            .is_empty()
    );
}

#[test]
fn a_stage_that_does_not_apply_is_left_out_of_its_mean() {
    let model = load_embedded().unwrap();
    let mut b = SummaryBuilder::new(&model);
    b.add(&model, &assessment(3, &[(0.8, 4); 8], None), &[]);
    let mut n_a = assessment(3, &[(0.2, 2); 8], None);
    n_a.fit[2].not_applicable = true;
    b.add(&model, &n_a, &[]);
    let s = b.finish(&model);
    assert_eq!(
        (s.stages[2].mean_fit, s.stages[2].answered_by),
        (Some(0.8), 1)
    );
    assert_eq!(s.stages[1].answered_by, 2);
}

#[test]
fn a_stage_nobody_answered_has_no_mean() {
    let model = load_embedded().unwrap();
    let mut b = SummaryBuilder::new(&model);
    b.add(&model, &assessment(0, &[(0.0, 0); 8], None), &[]);
    let s = b.finish(&model);
    assert!(s.stages.iter().all(|s| s.mean_fit.is_none()));
    assert!(s.top_next_steps.is_empty());
}
