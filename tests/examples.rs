//! Every example answer file is scored and lands where its profile says.
mod common;
use common::*;

/// (file, stage (0: not placed), in transition to, skipped foundations,
/// stages ahead, confidence)
type Expected = (
    &'static str,
    u64,
    Option<u64>,
    &'static [u64],
    &'static [u64],
    &'static str,
);
const EXPECTED: &[Expected] = &[
    ("stage-1-family-shop.yaml", 1, None, &[], &[], "high"),
    ("stage-2-field-closers.yaml", 2, None, &[], &[], "high"),
    ("stage-3-lead-machine.yaml", 3, None, &[], &[], "high"),
    ("stage-4-churn-fighters.yaml", 4, None, &[], &[], "high"),
    ("stage-5-try-and-buy.yaml", 5, None, &[], &[], "high"),
    ("stage-6-three-tiers.yaml", 6, None, &[], &[], "high"),
    ("stage-7-numbers-first.yaml", 7, None, &[], &[], "high"),
    ("stage-8-customer-outcomes.yaml", 8, None, &[], &[], "high"),
    // A transition is a close call by nature.
    ("transition-3-to-4.yaml", 3, Some(4), &[], &[], "medium"),
    ("transition-5-to-6.yaml", 5, Some(6), &[], &[], "high"),
    (
        "ahead-of-a-missing-foundation.yaml",
        3,
        None,
        &[],
        &[5, 6, 7],
        "high",
    ),
    ("born-self-serve.yaml", 5, None, &[4], &[], "high"),
    ("too-few-answers.yaml", 0, None, &[], &[], "none"),
];

fn numbers(list: &serde_json::Value) -> Vec<u64> {
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["number"].as_u64())
        .collect()
}

#[test]
fn every_example_lands_on_its_intended_stage() {
    for (file, stage, transition, skipped, ahead, confidence) in EXPECTED {
        let json = json_of(
            salesevo()
                .arg("score")
                .arg(repo(&format!("examples/{file}")))
                .args(["--format", "json"]),
        );
        assert_eq!(
            json["stage"]["number"].as_u64().unwrap_or(0),
            *stage,
            "{file}"
        );
        assert_eq!(
            json["in_transition_to"]["number"].as_u64(),
            *transition,
            "{file}"
        );
        assert_eq!(numbers(&json["skipped_foundations"]), *skipped, "{file}");
        assert_eq!(numbers(&json["ahead"]), *ahead, "{file}");
        assert_eq!(json["confidence"]["level"], *confidence, "{file}");
    }
}

#[test]
fn every_example_file_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(repo("examples"))
        .expect("examples/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut expected: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn stages_ahead_name_the_missing_foundation_and_fits_carry_their_coverage() {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo("examples/ahead-of-a-missing-foundation.yaml"))
            .args(["--format", "json"]),
    );
    for a in json["ahead"].as_array().expect("ahead") {
        assert_eq!(a["blocked_by"], serde_json::json!([4]), "{a}");
    }
    let text = stdout_of(
        salesevo()
            .arg("score")
            .arg(repo("examples/ahead-of-a-missing-foundation.yaml")),
    );
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("because stage 4 Customer Success, which they build on, is missing."),
        "{text}"
    );
    // Coverage is the answered share of a stage's weight: Data-Driven left
    // one of its five questions (weight 2 of 11) unanswered.
    let data = &json["fit"][6];
    assert_eq!(data["answered"], 4);
    assert!(
        (data["coverage"].as_f64().unwrap() - 9.0 / 11.0).abs() < 1e-9,
        "{data}"
    );
}

#[test]
fn a_dont_know_answer_is_never_a_step_to_build() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        "examples",
        "tests/validation/answers/r1",
        "tests/validation/answers/r2",
    ] {
        for entry in std::fs::read_dir(repo(dir)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    let mut find_out = 0;
    for file in &files {
        let json = json_of(salesevo().arg("score").arg(file).args(["--format", "json"]));
        for step in json["next_steps"].as_array().expect("steps") {
            if step["answer"].is_null() {
                assert_eq!(step["reason"], "find out", "{}: {step}", file.display());
                find_out += 1;
            } else {
                assert_ne!(step["reason"], "find out", "{}: {step}", file.display());
            }
        }
    }
    // The validation answers hold many "don't know"s: some are worth finding out.
    assert!(find_out > 10, "{find_out}");
}

#[test]
fn a_company_that_started_at_self_serve_is_told_why_its_missing_foundation_leaves_the_verdict_sure()
{
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo("examples/born-self-serve.yaml"))
            .args(["--format", "json"]),
    );
    assert_eq!(numbers(&json["skipped_foundations"]), [4]);
    assert_eq!(json["confidence"]["level"], "high");
    let reasons = json["confidence"]["reasons"].to_string();
    assert!(
        reasons.contains("stage 5 Self-Serve came first")
            && reasons
                .contains("stage 4 Customer Success (17%), which it builds on, is still to build"),
        "{reasons}"
    );
}
