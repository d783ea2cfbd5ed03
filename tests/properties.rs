//! Property tests for every reader: any input gives a result or an error,
//! never a panic; valid input survives a write and a read unchanged.
use proptest::prelude::*;
use salesevo::answers::{Answer, AnswerSet};
use salesevo::context::{Context, Key, WORRIES};
use salesevo::export::{Format, answer_file, exporter};
use salesevo::input;
use salesevo::model::{Model, load_embedded, load_texts};
use salesevo::style::Style;

fn model() -> Model {
    load_embedded().expect("built-in model")
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (0u8..=4).prop_map(Answer::Scale),
        Just(Answer::Unknown),
        Just(Answer::NotApplicable)
    ]
}

/// Any context: each key unknown or one of its values, up to two worries.
fn context() -> impl Strategy<Value = Context> {
    (
        proptest::collection::vec(proptest::option::of(0u8..5), 4),
        proptest::sample::subsequence(WORRIES.to_vec(), 0..=2),
    )
        .prop_map(|(values, worries)| {
            let mut c = Context::default();
            for (key, v) in Key::ALL.into_iter().zip(values) {
                c.set_index(key, v);
            }
            c.set_worries(worries).unwrap();
            c
        })
}

/// An answer set over the built-in model's ids, with any text as names.
fn answer_set() -> impl Strategy<Value = AnswerSet> {
    let ids: Vec<String> = model().traits().map(|(_, t)| t.id.clone()).collect();
    let n = ids.len();
    (
        proptest::option::of(any::<String>()),
        proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        proptest::collection::vec(answer(), n),
        context(),
    )
        .prop_map(move |(organisation, date, values, context)| AnswerSet {
            context,
            // Names are read trimmed, and blank ones as none, by design.
            organisation: organisation
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
            date,
            answers: ids.iter().cloned().zip(values).collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_an_answer_set_or_an_error(text in ".{0,400}") {
        let model = model();
        if let Ok(raw) = input::from_yaml(&text, "fuzz.yaml") {
            let _ = raw.resolve(&model, "fuzz.yaml");
        }
    }

    #[test]
    fn yaml_shaped_text_is_an_answer_set_or_an_error(
        lines in proptest::collection::vec("(  )?[a-z -]{0,12}:? ?[0-9a-z'\"\\[\\]{}&*!|>-]{0,10}", 0..20)
    ) {
        let text = format!("answers:\n{}", lines.join("\n"));
        let model = model();
        if let Ok(raw) = input::from_yaml(&text, "fuzz.yaml") {
            let _ = raw.resolve(&model, "fuzz.yaml");
        }
    }

    #[test]
    fn an_answer_file_reads_back_as_written(set in answer_set()) {
        let model = model();
        let text = answer_file(&model, Some(&set));
        let back = input::from_yaml(&text, "a.yaml")
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

mod batch_readers {
    //! The batch readers (CSV, JSON, JSON Lines, YAML streams) through
    //! `input::read`, on files in a temporary folder.
    use super::*;
    use salesevo::answers::Respondent;
    use salesevo::input::{self, InputFormat};

    /// Reads `bytes` as `format`; every answer set, or the error text of a bad one.
    fn read(bytes: &[u8], format: InputFormat) -> Vec<Result<Respondent, String>> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("input");
        std::fs::write(&path, bytes).expect("write");
        let model = model();
        let mut items = Vec::new();
        let mut sink = |item: input::Item| -> anyhow::Result<()> {
            items.push(item.map_err(|e| e.to_string()));
            Ok(())
        };
        input::read(
            &path,
            &input::ReadOptions {
                format: Some(format),
                ..Default::default()
            },
            &model,
            &mut sink,
        )
        .expect("the sink never fails");
        items
    }

    /// The sets as read back, the first at row `first` (a CSV's header is row
    /// 1; JSON elements, JSON Lines and YAML documents count from 1).
    fn respondents(sets: &[AnswerSet], first: usize) -> Vec<Result<Respondent, String>> {
        sets.iter()
            .enumerate()
            .map(|(i, set)| {
                Ok(Respondent {
                    row: first + i,
                    ..Respondent::from_set(&model(), set.clone())
                })
            })
            .collect()
    }

    /// The set as a JSON object, values as numbers or "unknown".
    fn json_object(set: &AnswerSet) -> serde_json::Value {
        let answers: serde_json::Map<String, serde_json::Value> = set
            .answers
            .iter()
            .map(|(id, a)| {
                let v = match a {
                    Answer::Scale(n) => serde_json::json!(n),
                    Answer::Unknown => serde_json::json!("unknown"),
                    Answer::NotApplicable => serde_json::json!("n/a"),
                };
                (id.clone(), v)
            })
            .collect();
        serde_json::json!({"organisation": set.organisation, "date": set.date,
            "context": set.context, "answers": answers})
    }

    fn formats() -> impl Strategy<Value = InputFormat> {
        prop_oneof![
            Just(InputFormat::Csv),
            Just(InputFormat::Json),
            Just(InputFormat::Jsonl),
            Just(InputFormat::Yaml)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_are_answer_sets_or_errors(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
            format in formats(),
        ) {
            let _ = read(&bytes, format);
        }

        #[test]
        fn csv_written_by_the_csv_crate_reads_back(sets in proptest::collection::vec(answer_set(), 1..4)) {
            let model = model();
            let ids: Vec<String> = model.traits().map(|(_, t)| t.id.clone()).collect();
            let mut w = csv::Writer::from_writer(Vec::new());
            let mut header = vec!["organisation".to_string(), "date".to_string()];
            header.extend(salesevo::context::context_keys().iter().map(|k| k.to_string()));
            header.extend(ids.iter().cloned());
            w.write_record(&header).unwrap();
            for set in &sets {
                let mut row = vec![
                    set.organisation.clone().unwrap_or_default(),
                    set.date.clone().unwrap_or_default(),
                ];
                row.extend(Key::ALL.iter().map(|&k| set.context.get(k).unwrap_or("").to_string()));
                row.push(set.context.worries().collect::<Vec<_>>().join(";"));
                // Don't know as an empty cell, as survey forms export it.
                row.extend(ids.iter().map(|id| match set.get(id) {
                    Answer::Scale(n) => n.to_string(),
                    Answer::Unknown => String::new(),
                    Answer::NotApplicable => "N/A".to_string(),
                }));
                w.write_record(&row).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let back = read(&bytes, InputFormat::Csv);
            prop_assert_eq!(back, respondents(&sets, 2), "{}", String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn json_and_json_lines_read_back(sets in proptest::collection::vec(answer_set(), 1..4)) {
            let objects: Vec<serde_json::Value> = sets.iter().map(json_object).collect();
            let expected = respondents(&sets, 1);
            let array = serde_json::to_vec(&objects).unwrap();
            prop_assert_eq!(read(&array, InputFormat::Json), expected.clone());
            let lines: String = objects.iter().map(|o| format!("{o}\n")).collect();
            prop_assert_eq!(read(lines.as_bytes(), InputFormat::Jsonl), expected);
        }

        #[test]
        fn yaml_streams_of_answer_files_read_back(sets in proptest::collection::vec(answer_set(), 1..4)) {
            let model = model();
            let stream: String = sets
                .iter()
                .map(|s| format!("---\n{}", answer_file(&model, Some(s))))
                .collect();
            prop_assert_eq!(read(stream.as_bytes(), InputFormat::Yaml), respondents(&sets, 1));
        }
    }
}
