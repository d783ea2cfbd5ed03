use super::*;
use crate::answers::{Position, RawAnswer};
use crate::model::load_embedded;

/// Every trait of the model, stages in `full` answered 4, others 0,
/// with `overrides` applied.
fn set(model: &Model, full: &[u32], overrides: &[(&str, &str)]) -> RawAnswerSet {
    RawAnswerSet {
        organisation: Some("Acme".into()),
        date: None,
        context: Vec::new(),
        answers: model
            .traits()
            .map(|(s, t)| {
                let value = overrides.iter().find(|(id, _)| *id == t.id).map_or(
                    if full.contains(&s.number) { "4" } else { "0" },
                    |(_, v)| *v,
                );
                RawAnswer {
                    id: t.id.clone(),
                    value: value.to_string(),
                    position: Position::Unknown,
                }
            })
            .collect(),
    }
}

#[test]
fn improvements_and_regressions_largest_first() {
    let model = load_embedded().unwrap();
    let csm = "csm-onboards-every-customer";
    let churn = "logo-churn-reviewed";
    let leads = "lead-counts-by-region-reviewed";
    let before = set(&model, &[3], &[(csm, "0"), (churn, "1")]);
    let after = set(&model, &[3, 4], &[(leads, "2")]);
    let c = compare(&model, ("q2.yaml", before), ("q3.yaml", after)).unwrap();
    let number = |s: &Side| s.stage.as_ref().map(|s| s.number);
    assert_eq!((number(&c.before), number(&c.after)), (Some(3), Some(4)));
    let improved: Vec<(&str, i8)> = c
        .improved
        .iter()
        .map(|t| (t.about.trait_id.as_str(), t.change))
        .collect();
    // csm 0 -> 4 (+4) before churn 1 -> 4 (+3); the rest of stage 4 moved 0 -> 4.
    assert_eq!(improved[0], (csm, 4));
    assert_eq!(improved.last(), Some(&(churn, 3)));
    let regressed: Vec<(&str, i8)> = c
        .regressed
        .iter()
        .map(|t| (t.about.trait_id.as_str(), t.change))
        .collect();
    assert_eq!(regressed, vec![(leads, -2)]);
    let stage4 = &c.fit[3];
    assert!(
        stage4.after > stage4.before
            && (stage4.change - (stage4.after - stage4.before)).abs() < 1e-12
    );
    assert!(c.only_in_before.is_empty() && c.only_in_after.is_empty());
}

#[test]
fn different_models_compare_on_the_shared_ids_and_say_which_differ() {
    let model = load_embedded().unwrap();
    let mut before = set(&model, &[3], &[]);
    before.answers.retain(|a| a.id != "account-health-scores");
    before.answers.push(RawAnswer {
        id: "old-question".into(),
        value: "2".into(),
        position: Position::Unknown,
    });
    let after = set(&model, &[3, 4], &[]);
    let c = compare(&model, ("old.yaml", before), ("new.yaml", after)).unwrap();
    assert_eq!(c.only_in_before, vec!["old-question".to_string()]);
    assert_eq!(c.only_in_after, vec!["account-health-scores".to_string()]);
    assert_eq!(c.shared, model.trait_count() - 1);
    assert!(
        c.improved
            .iter()
            .all(|t| t.about.trait_id != "account-health-scores")
    );
}

#[test]
fn a_file_that_leaves_questions_out_is_scored_as_score_scores_it() {
    let model = load_embedded().unwrap();
    let full = set(&model, &[3, 4], &[]);
    let mut partial = set(&model, &[3, 4], &[]);
    partial.answers.retain(|a| a.id != "account-health-scores");
    let c = compare(
        &model,
        ("full.yaml", full),
        ("partial.yaml", partial.clone()),
    )
    .unwrap();
    // No other model: nothing is left out of the comparison.
    assert!(c.only_in_before.is_empty() && c.only_in_after.is_empty());
    assert_eq!(c.shared, model.trait_count());
    let scored = diagnose(&model, &partial.resolve(&model, "partial.yaml").unwrap());
    assert_eq!(c.after.stage, scored.stage);
    assert_eq!(c.after.answered, scored.answered);
}

#[test]
fn nothing_shared_is_an_error() {
    let model = load_embedded().unwrap();
    let mut other = set(&model, &[3], &[]);
    other
        .answers
        .iter_mut()
        .for_each(|a| a.id = format!("x-{}", a.id));
    let err = compare(
        &model,
        ("a.yaml", set(&model, &[3], &[])),
        ("b.yaml", other),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "b.yaml: has no question id in common with a.yaml; nothing to compare"
    );
}

#[test]
fn less_of_a_superseded_stage_is_an_improvement() {
    let model = load_embedded().unwrap();
    let owners = "owners-sell-personally";
    let before = set(&model, &[3], &[(owners, "3")]);
    let after = set(&model, &[3], &[(owners, "1")]);
    let c = compare(&model, ("q2.yaml", before), ("q3.yaml", after)).unwrap();
    let ids = |list: &[TraitChange]| -> Vec<(String, i8)> {
        list.iter()
            .map(|t| (t.about.trait_id.clone(), t.change))
            .collect()
    };
    // The raw change stays after - before; only the heading follows the stage.
    assert_eq!(ids(&c.improved), [(owners.to_string(), -2)]);
    assert!(c.regressed.is_empty(), "{:?}", ids(&c.regressed));
    // The other way round, back towards the owners, is a regression.
    let back = compare(
        &model,
        ("q3.yaml", set(&model, &[3], &[(owners, "1")])),
        ("q4.yaml", set(&model, &[3], &[(owners, "3")])),
    )
    .unwrap();
    assert_eq!(ids(&back.regressed), [(owners.to_string(), 2)]);
}
