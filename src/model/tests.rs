//! The model: question order, stage lookup, foundations, text variants.

use super::*;

#[test]
fn question_order_never_puts_two_traits_of_one_stage_side_by_side() {
    let model = load_embedded().unwrap();
    let order = model.question_order();
    assert_eq!(order.len(), model.trait_count());
    for pair in order.windows(2) {
        assert_ne!(pair[0].0.number, pair[1].0.number, "{}", pair[1].1.id);
    }
}

#[test]
fn stages_are_found_by_number_or_id() {
    let model = load_embedded().unwrap();
    let by_number = model.find_stage("3").unwrap();
    assert_eq!(model.find_stage(&by_number.id).unwrap().number, 3);
    assert!(model.find_stage("99").is_none());
    assert!(model.find_stage("no-such-stage").is_none());
    // By name, however it is typed.
    for key in [
        "enterprise-sales",
        "Enterprise Sales",
        "ENTERPRISE",
        "enterprise_sales",
    ] {
        assert_eq!(model.find_stage(key).map(|s| s.number), Some(6), "{key}");
    }
    assert_eq!(model.find_stage("saas 1.0").map(|s| s.number), Some(3));
    assert_eq!(model.closest_stage("enterprize").map(|s| s.number), Some(6));
    assert!(model.closest_stage("zzz").is_none());
}

#[test]
fn a_variant_with_its_own_partly_text_shows_it_instead_of_the_traits() {
    use crate::answers::Answer;
    let model = load_embedded().unwrap();
    let t = model
        .traits()
        .map(|(_, t)| t)
        .find(|t| t.actions_for.iter().any(|v| v.partly.is_some()))
        .expect("a variant with its own partly text");
    let v = t.actions_for.iter().find(|v| v.partly.is_some()).unwrap();
    let mut context = Context::default();
    for (key, values) in &v.when {
        context.set_named(key, &values[0]).unwrap();
    }
    let partly = Answer::Scale(2);
    let text = t.step_text(&context, partly);
    assert!(
        text.starts_with(v.partly.as_ref().unwrap().trim()),
        "{text}"
    );
    assert!(text.ends_with(v.text.trim()), "{text}");
    assert!(!text.contains(t.partly.as_ref().unwrap().trim()), "{text}");
    // Not partly: the variant's action alone; other contexts: the trait's text.
    assert_eq!(t.step_text(&context, Answer::Scale(0)), v.text.trim());
    let other = t.step_text(&Context::default(), partly);
    assert!(
        other.starts_with(t.partly.as_ref().unwrap().trim()),
        "{other}"
    );
    // The batch's index into every text agrees.
    let texts: Vec<_> = t.step_texts().collect();
    assert_eq!(texts[t.step_variant(&context, partly)], text);
}

#[test]
fn foundations_follow_builds_on_or_the_carry_forward_stages_below() {
    let mut model = load_embedded().unwrap();
    let numbers = |m: &Model, n| m.foundations(n).map(|s| s.number).collect::<Vec<u32>>();
    assert_eq!(numbers(&model, 7), vec![3, 4]);
    assert_eq!(numbers(&model, 8), vec![3, 4, 7]);
    assert_eq!(numbers(&model, 6), vec![3, 4, 5]);
    assert!(numbers(&model, 2).is_empty());
    // Without builds_on: every carry-forward stage below.
    model.stages[6].builds_on = None;
    assert_eq!(numbers(&model, 7), vec![3, 4, 5, 6]);
}

#[test]
fn needs_and_covered_by_name_other_traits() {
    let mut stages = load_embedded().unwrap().stages().to_vec();
    let own = stages[0].traits[0].id.clone();
    stages[0].traits[0].needs = vec!["no-such-trait".into()];
    stages[0].traits[1].covered_by = vec![stages[0].traits[1].id.clone()];
    stages[0].traits[2].covered_by = vec![own];
    let problems = Model::new(stages).unwrap_err();
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "traits[0].needs[0]",
                "no trait has the id \"no-such-trait\""
            ),
            (
                "traits[1].covered_by[0]",
                "must name another trait, not itself"
            ),
        ]
    );
}
