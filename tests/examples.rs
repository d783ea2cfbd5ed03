//! Every example answer file is scored and lands where its profile says.
mod common;
use common::*;

/// (file, stage, in transition to, skipped foundations)
const EXPECTED: &[(&str, u64, Option<u64>, &[u64])] = &[
    ("stage-1-family-shop.yaml", 1, None, &[]),
    ("stage-2-field-closers.yaml", 2, None, &[]),
    ("stage-3-lead-machine.yaml", 3, None, &[]),
    ("stage-4-churn-fighters.yaml", 4, None, &[]),
    ("stage-5-try-and-buy.yaml", 5, None, &[]),
    ("stage-6-three-tiers.yaml", 6, None, &[]),
    ("stage-7-numbers-first.yaml", 7, None, &[]),
    ("stage-8-customer-outcomes.yaml", 8, None, &[]),
    ("transition-3-to-4.yaml", 3, Some(4), &[]),
    ("transition-5-to-6.yaml", 5, Some(6), &[]),
    ("skipped-foundation-churn.yaml", 7, None, &[4]),
];

#[test]
fn every_example_lands_on_its_intended_stage() {
    for (file, stage, transition, skipped) in EXPECTED {
        let json = json_of(
            salesevo()
                .arg("score")
                .arg(repo(&format!("examples/{file}")))
                .args(["--format", "json"]),
        );
        assert_eq!(json["stage"]["number"].as_u64(), Some(*stage), "{file}");
        assert_eq!(
            json["in_transition_to"]["number"].as_u64(),
            *transition,
            "{file}"
        );
        let found: Vec<u64> = json["skipped_foundations"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|f| f["number"].as_u64())
            .collect();
        assert_eq!(found, *skipped, "{file}");
        assert!(json["confidence"]["level"] != "low", "{file}");
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
