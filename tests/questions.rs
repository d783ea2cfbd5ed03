mod common;
use common::*;

#[test]
fn the_table_lists_every_question_without_naming_stages() {
    let out = stdout_of(salesevo().arg("questions"));
    let json = json_of(salesevo().args(["questions", "--format", "json"]));
    for q in json.as_array().expect("array") {
        let id = q["id"].as_str().expect("id");
        assert!(out.contains(id), "{id} missing");
    }
    for stage_name in [
        "Mom and Pop",
        "Hunter/Farmer",
        "SaaS 1.0",
        "Customer Happiness",
    ] {
        assert!(
            !out.contains(stage_name),
            "the questionnaire names {stage_name}"
        );
    }
}

#[test]
fn json_has_the_documented_fields() {
    let json = json_of(salesevo().args(["questions", "--format", "json"]));
    let list = json.as_array().expect("array");
    assert!((30..=40).contains(&list.len()));
    for field in ["id", "stage", "question", "help", "weight"] {
        assert!(list[0].get(field).is_some(), "missing {field}");
    }
    // Neighbouring questions come from different stages.
    for pair in list.windows(2) {
        assert_ne!(pair[0]["stage"], pair[1]["stage"]);
    }
}

#[test]
fn the_yaml_template_is_accepted_by_score_unchanged() {
    let template = stdout_of(salesevo().args(["questions", "--format", "yaml"]));
    let (_dir, path) = temp_file("answers.yaml", &template);
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "json"]),
    );
    assert_eq!(json["answered"], 0);
    // Nothing answered: no verdict.
    assert_eq!(json["confidence"]["level"], "none");
    assert!(json["stage"].is_null());
}

#[test]
fn a_filled_template_scores_the_answers_given() {
    let template = stdout_of(salesevo().args(["questions", "--format", "yaml"]));
    // Answer every question "fully true": every stage fits 100%, so stage 8.
    // The context block comes first and stays unknown (every question applies).
    let answers_start = template.find("\nanswers:").expect("an answers block");
    let (context, answers) = template.split_at(answers_start);
    assert!(context.contains("context:\n") && context.contains("  deal_size: unknown"));
    let filled: String = context
        .lines()
        .map(str::to_string)
        .chain(answers.lines().map(|l| l.replace(": unknown", ": 4")))
        .collect::<Vec<_>>()
        .join("\n");
    let (_dir, path) = temp_file("answers.yaml", &filled);
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "json"]),
    );
    assert_eq!(json["answered"], json["total"]);
    assert_eq!(json["stage"]["number"], 8);
}

#[test]
fn the_yaml_template_carries_each_questions_help_text() {
    // Filled in away from the quiz, the file needs what the quiz shows
    // beside each question: what counts as fully or partly true.
    let template = stdout_of(salesevo().args(["questions", "--format", "yaml"]));
    // Wrapped lines may break after a hyphen: compare without white space.
    let words = |text: &str| text.split_whitespace().collect::<String>();
    let comments = words(
        &template
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('#'))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let json = json_of(salesevo().args(["questions", "--format", "json"]));
    for q in json.as_array().expect("array") {
        let help = words(q["help"].as_str().expect("help"));
        assert!(comments.contains(&help), "no help for {}", q["id"]);
    }
}
