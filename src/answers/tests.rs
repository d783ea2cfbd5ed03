use super::*;
use crate::input::from_yaml;
use crate::model::load_embedded;

fn first_id(model: &Model) -> String {
    model.stages()[0].traits[0].id.clone()
}

#[test]
fn the_scale_accepts_numbers_labels_and_dont_know() {
    assert_eq!(Answer::parse("3"), Some(Answer::Scale(3)));
    assert_eq!(Answer::parse("3.0"), Some(Answer::Scale(3)));
    assert_eq!(Answer::parse("Fully True"), Some(Answer::Scale(4)));
    assert_eq!(Answer::parse("not true at all"), Some(Answer::Scale(0)));
    assert_eq!(Answer::parse("partly"), Some(Answer::Scale(2)));
    assert_eq!(Answer::parse("unknown"), Some(Answer::Unknown));
    assert_eq!(Answer::parse("Don’t know"), Some(Answer::Unknown));
    assert_eq!(Answer::parse(""), Some(Answer::Unknown));
    // As the quiz and survey forms print them.
    for form in [
        "3 mostly",
        "3 - mostly",
        "3 – Mostly",
        "3: mostly",
        "3) mostly",
    ] {
        assert_eq!(Answer::parse(form), Some(Answer::Scale(3)), "{form}");
    }
    assert_eq!(Answer::parse("0  not true at all"), Some(Answer::Scale(0)));
    for bad in [
        "5", "-1", "2.5", "very", "44", "3 partly", "3mostly", "yes", "true",
    ] {
        assert_eq!(Answer::parse(bad), None, "{bad}");
    }
}

#[test]
fn yaml_answers_keep_their_lines_and_values() {
    let model = load_embedded().unwrap();
    let id = first_id(&model);
    let text = format!("organisation: Acme\nanswers:\n  {id}: mostly\n");
    let raw = from_yaml(&text, "a.yaml").unwrap();
    assert_eq!(raw.answers[0].position, Position::Line(3));
    let set = raw.resolve(&model, "a.yaml").unwrap();
    assert_eq!(set.organisation.as_deref(), Some("Acme"));
    assert_eq!(set.get(&id), Answer::Scale(3));
}

#[test]
fn unknown_ids_suggest_the_closest_one() {
    let model = load_embedded().unwrap();
    let id = first_id(&model);
    let typo = format!("{}x", &id[..id.len() - 1]);
    let text = format!("answers:\n  {typo}: 3\n");
    let err = from_yaml(&text, "a.yaml")
        .unwrap()
        .resolve(&model, "a.yaml")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "a.yaml line 2: unknown question id \"{typo}\"; did you mean \"{id}\"? (`salesevo questions` lists every id)"
        )
    );
}

#[test]
fn values_off_the_scale_name_the_id_and_value() {
    let model = load_embedded().unwrap();
    let id = first_id(&model);
    let err = from_yaml(&format!("answers:\n  {id}: 7\n"), "a.yaml")
        .unwrap()
        .resolve(&model, "a.yaml")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("a.yaml line 2, answer \"{id}\": \"7\" is not on the scale: {SCALE_HINT}")
    );
}

#[test]
fn a_duplicated_id_is_an_error_not_the_last_value() {
    let model = load_embedded().unwrap();
    let id = first_id(&model);
    let err = from_yaml(&format!("answers:\n  {id}: 1\n  {id}: 4\n"), "a.yaml").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("a.yaml line 3: \"{id}\" appears twice; keep one of them")
    );
}

#[test]
fn missing_ids_count_as_unknown() {
    let model = load_embedded().unwrap();
    let set = from_yaml("answers: {}\n", "a.yaml")
        .unwrap()
        .resolve(&model, "a.yaml")
        .unwrap();
    assert_eq!(set.get(&first_id(&model)), Answer::Unknown);
}
