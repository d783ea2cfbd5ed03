//! Property tests for every reader: any input gives a result or an error,
//! never a panic; valid input survives a write and a read unchanged.
use proptest::prelude::*;
use salesevo::answers::{self, Answer, AnswerSet};
use salesevo::export::{Format, answer_file, exporter};
use salesevo::model::{Model, load_embedded, load_texts};
use salesevo::style::Style;

fn model() -> Model {
    load_embedded().expect("built-in model")
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![(0u8..=4).prop_map(Answer::Scale), Just(Answer::Unknown)]
}

/// An answer set over the built-in model's ids, with any text as names.
fn answer_set() -> impl Strategy<Value = AnswerSet> {
    let ids: Vec<String> = model().traits().map(|(_, t)| t.id.clone()).collect();
    let n = ids.len();
    (
        proptest::option::of(any::<String>()),
        proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        proptest::collection::vec(answer(), n),
    )
        .prop_map(move |(organisation, date, values)| AnswerSet {
            // Blank names read back as none, by design.
            organisation: organisation.filter(|o| !o.trim().is_empty()),
            date,
            answers: ids.iter().cloned().zip(values).collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_an_answer_set_or_an_error(text in ".{0,400}") {
        let model = model();
        if let Ok(raw) = answers::from_yaml(&text, "fuzz.yaml") {
            let _ = raw.resolve(&model, "fuzz.yaml");
        }
    }

    #[test]
    fn yaml_shaped_text_is_an_answer_set_or_an_error(
        lines in proptest::collection::vec("(  )?[a-z -]{0,12}:? ?[0-9a-z'\"\\[\\]{}&*!|>-]{0,10}", 0..20)
    ) {
        let text = format!("answers:\n{}", lines.join("\n"));
        let model = model();
        if let Ok(raw) = answers::from_yaml(&text, "fuzz.yaml") {
            let _ = raw.resolve(&model, "fuzz.yaml");
        }
    }

    #[test]
    fn an_answer_file_reads_back_as_written(set in answer_set()) {
        let model = model();
        let text = answer_file(&model, Some(&set));
        let back = answers::from_yaml(&text, "a.yaml")
            .and_then(|raw| raw.resolve(&model, "a.yaml"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, set);
    }

    #[test]
    fn any_text_is_a_stage_file_or_an_error(text in ".{0,400}") {
        let _ = load_texts(&[("fuzz.yaml".to_string(), text)]);
    }

    #[test]
    fn a_broken_stage_file_is_reported_not_panicked(cut in 0usize..4000, junk in ".{0,8}") {
        // Every prefix of a real stage file, with junk appended.
        let real = include_str!("../stages/04-customer-success.yaml");
        let mut at = cut.min(real.len());
        while !real.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{junk}", &real[..at]);
        let _ = load_texts(&[("04.yaml".to_string(), text)]);
    }
}

#[test]
fn every_stage_reads_back_as_written() {
    let model = model();
    let yaml = exporter(Format::Yaml, Style::PLAIN).expect("YAML has an exporter");
    let files: Vec<(String, String)> = model
        .stages()
        .iter()
        .map(|stage| {
            let mut out = Vec::new();
            yaml.stage(&model, stage, &mut out).expect("render");
            (
                format!("{}.yaml", stage.id),
                String::from_utf8(out).expect("UTF-8"),
            )
        })
        .collect();
    let back = load_texts(&files).expect("reads back");
    assert_eq!(back, model);
}
