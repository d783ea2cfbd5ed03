mod common;
use common::*;
use predicates::prelude::*;

const BEFORE: &str = "examples/transition-3-to-4.yaml";

/// The before file with some answers changed: `(id, new value)`.
fn edited(changes: &[(&str, &str)]) -> String {
    let text = std::fs::read_to_string(repo(BEFORE)).unwrap();
    text.lines()
        .map(|line| {
            let id = line.trim_start().split(':').next().unwrap_or("");
            match changes.iter().find(|(c, _)| *c == id) {
                Some((id, value)) => format!("  {id}: {value}"),
                None => line.replace("2026-11-09", "2027-02-09"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const IMPROVED: &[(&str, &str)] = &[
    ("csm-onboards-every-customer", "4"),
    ("poor-fit-deals-turned-away", "3"),
    ("go-live-time-measured", "4"),
    ("account-health-scores", "3"),
    ("automated-nurture-campaigns", "2"),
];

fn compare_json(before: &std::path::Path, after: &std::path::Path) -> serde_json::Value {
    json_of(
        salesevo()
            .arg("compare")
            .arg(before)
            .arg(after)
            .args(["--format", "json"]),
    )
}

#[test]
fn an_improvement_moves_the_stage_up_and_lists_what_moved() {
    let (_dir, after) = temp_file("after.yaml", &edited(IMPROVED));
    let json = compare_json(&repo(BEFORE), &after);
    assert_eq!(json["before"]["stage"]["number"], 3);
    assert_eq!(json["after"]["stage"]["number"], 4);
    let improved: Vec<(&str, i64)> = json["improved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["trait"].as_str().unwrap(), t["change"].as_i64().unwrap()))
        .collect();
    // Largest first: csm 2 -> 4 and poor-fit 1 -> 3 and renewal 2 -> 4 are +2;
    // account-health-scores was "don't know" before, so it has no change to show.
    assert_eq!(
        improved,
        vec![
            ("csm-onboards-every-customer", 2),
            ("go-live-time-measured", 2),
            ("poor-fit-deals-turned-away", 2),
        ]
    );
    assert_eq!(json["regressed"][0]["trait"], "automated-nurture-campaigns");
    assert_eq!(json["regressed"][0]["change"], -2);
    let stage4 = &json["fit"][3];
    assert!(stage4["after"].as_f64() > stage4["before"].as_f64());
    assert!(json["next_steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn the_table_shows_both_bars_and_the_changes() {
    let (_dir, after) = temp_file("after.yaml", &edited(IMPROVED));
    let out = stdout_of(salesevo().arg("compare").arg(repo(BEFORE)).arg(&after));
    assert!(out.starts_with("Pipewell: moved up, from stage 3 SaaS 1.0 (2026-11-09) to stage 4 Customer Success (2027-02-09)"), "{out}");
    let bars = |word: &str| {
        out.lines()
            .filter(|l| {
                l.contains(word) && l.ends_with('%') || l.contains(word) && l.contains("% ")
            })
            .count()
    };
    assert_eq!(bars(" then "), 8, "{out}");
    assert_eq!(bars("   now "), 8, "{out}");
    assert!(
        out.contains("Improved") && out.contains("Regressed") && out.contains("Next steps now")
    );
}

#[test]
fn a_regression_moves_the_stage_down() {
    let (_dir, after) = temp_file("after.yaml", &edited(IMPROVED));
    // Swapped: the improved file first.
    let json = compare_json(&after, &repo(BEFORE));
    assert_eq!(json["before"]["stage"]["number"], 4);
    assert_eq!(json["after"]["stage"]["number"], 3);
    assert_eq!(json["regressed"][0]["change"], -2);
    let out = stdout_of(salesevo().arg("compare").arg(&after).arg(repo(BEFORE)));
    assert!(out.contains(": moved down, from stage 4"), "{out}");
}

#[test]
fn saved_json_results_compare_like_their_answer_files() {
    let (dir, after) = temp_file("after.yaml", &edited(IMPROVED));
    let to_json = |input: &std::path::Path, name: &str| {
        let text = stdout_of(
            salesevo()
                .arg("score")
                .arg(input)
                .args(["--format", "json"]),
        );
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (before_json, after_json) = (
        to_json(&repo(BEFORE), "before.json"),
        to_json(&after, "after.json"),
    );
    let mut from_yaml = compare_json(&repo(BEFORE), &after);
    let mut from_json = compare_json(&before_json, &after_json);
    // Only the file names differ.
    for v in [&mut from_yaml, &mut from_json] {
        v["before"]["source"] = serde_json::Value::Null;
        v["after"]["source"] = serde_json::Value::Null;
    }
    assert_eq!(from_yaml, from_json);
}

#[test]
fn different_models_are_named_and_the_shared_questions_compared() {
    // The later file lacks one question and has one the model does not know.
    let text = edited(IMPROVED).replace("  buying-experience-surveyed: 0", "  retired-question: 2");
    let (_dir, after) = temp_file("after.yaml", &text);
    let out = salesevo()
        .arg("compare")
        .arg(repo(BEFORE))
        .arg(&after)
        .args(["--format", "json"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("warning: "), "{stderr}");
    assert!(
        stderr.contains("only in ") && stderr.contains(": buying-experience-surveyed;"),
        "{stderr}"
    );
    assert!(
        stderr.contains(": retired-question. Comparing the 37 they share."),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["shared"], 37);
    assert_eq!(json["only_in_before"][0], "buying-experience-surveyed");
    assert_eq!(json["only_in_after"][0], "retired-question");
}

#[test]
fn a_file_that_is_not_a_result_is_a_clear_error() {
    let (_dir, bad) = temp_file("bad.json", "{\"stage\": 3}\n");
    salesevo()
        .arg("compare")
        .arg(repo(BEFORE))
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "bad.json line 1: not a `salesevo score --format json` result: missing field `answers`\n",
        ));
}

#[test]
fn files_given_the_wrong_way_round_are_warned_about() {
    // BEFORE is the later file: the comparison runs, with a warning.
    let (_dir, later) = temp_file("later.yaml", &edited(IMPROVED));
    let out = salesevo()
        .arg("compare")
        .arg(&later)
        .arg(repo(BEFORE))
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("is dated 2027-02-09, after ")
            && stderr.contains("BEFORE and AFTER may be the wrong way round"),
        "{stderr}"
    );
}

#[test]
fn two_organisations_are_named_both_in_the_headline() {
    let out = stdout_of(
        salesevo()
            .arg("compare")
            .arg(repo("examples/stage-3-lead-machine.yaml"))
            .arg(repo("examples/compare/pipewell-q1.yaml")),
    );
    assert!(
        out.starts_with("Brightdesk (before) and Pipewell (after): moved up"),
        "{out}"
    );
}

#[test]
fn compare_takes_json_answer_files_with_labels_and_partial_files_as_score_does() {
    // A JSON answer file with scale labels, and a YAML file that leaves a question out.
    let text = std::fs::read_to_string(repo(BEFORE)).unwrap();
    let set: serde_json::Value = serde_json::json!({
        "organisation": "Pipewell",
        "date": "2026-11-09",
        "answers": {
            "development-reps-qualify-leads": "fully true",
            "lead-counts-by-region-reviewed": "4 fully true",
            "automated-nurture-campaigns": 4,
            "inbound-leads-routed-same-day": "mostly",
        }
    });
    let (_d1, json) = temp_file("labels.json", &set.to_string());
    let partial = text
        .lines()
        .filter(|l| !l.contains("account-health-scores"))
        .collect::<Vec<_>>()
        .join("\n");
    let (_d2, yaml) = temp_file("partial.yaml", &partial);
    let c = compare_json(&json, &yaml);
    for (side, file) in [("before", &json), ("after", &yaml)] {
        let scored = json_of(salesevo().arg("score").arg(file).args(["--format", "json"]));
        assert_eq!(c[side]["stage"], scored["stage"], "{side}");
        assert_eq!(c[side]["answered"], scored["answered"], "{side}");
    }
    assert_eq!(c["only_in_before"], serde_json::json!([]));
    assert_eq!(c["only_in_after"], serde_json::json!([]));
}

#[test]
fn a_one_row_csv_is_compared_as_score_reads_it_and_a_many_row_one_is_refused() {
    let text = std::fs::read_to_string(repo(BEFORE)).unwrap();
    // The example's answers as a one-row CSV export.
    let pairs: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split_once(": "))
        .map(|(id, v)| (id.to_string(), v.trim().to_string()))
        .collect();
    let header: Vec<&str> = pairs.iter().map(|(id, _)| id.as_str()).collect();
    let values: Vec<&str> = pairs.iter().map(|(_, v)| v.as_str()).collect();
    let csv = format!(
        "organisation,date,{}\nPipewell,2026-11-09,{}\n",
        header.join(","),
        values.join(",")
    );
    let (_d, file) = temp_file("one.csv", &csv);
    let c = compare_json(&file, &repo(BEFORE));
    assert_eq!(c["before"]["stage"], c["after"]["stage"]);
    assert_eq!(c["improved"], serde_json::json!([]));
    assert_eq!(c["regressed"], serde_json::json!([]));
    salesevo()
        .arg("compare")
        .arg(repo("examples/batch/survey-export.csv"))
        .arg(repo(BEFORE))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "compare takes one answer set per file; this one holds 9",
        ));
}

#[test]
fn a_move_that_comes_only_from_dont_know_answers_says_so_and_lists_them() {
    // Three lead-machine answers turned "don't know": no answer moved, but
    // the stage does. The result says why and lists them.
    let changes = [
        ("development-reps-qualify-leads", "unknown"),
        ("lead-counts-by-region-reviewed", "unknown"),
        ("sales-ready-lead-definition", "unknown"),
    ];
    let (_dir, after) = temp_file("after.yaml", &edited(&changes));
    let json = compare_json(&repo(BEFORE), &after);
    assert_ne!(json["before"]["stage"], json["after"]["stage"], "{json}");
    assert!(json["improved"].as_array().unwrap().is_empty());
    assert!(json["regressed"].as_array().unwrap().is_empty());
    let gone: Vec<(&str, i64)> = json["no_longer_answered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert!(c["after"].is_null(), "{c}");
            (c["trait"].as_str().unwrap(), c["before"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(gone.len(), 3, "{gone:?}");
    assert!(json["newly_answered"].as_array().unwrap().is_empty());
    assert_eq!(json["after"]["confidence"], "low");
    for format in ["table", "markdown"] {
        let out = stdout_of(
            salesevo()
                .arg("compare")
                .arg(repo(BEFORE))
                .arg(&after)
                .args(["--format", format]),
        );
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("No answer changed: the stage moved only because"),
            "{out}"
        );
        assert!(words.contains("Answered on one side only"), "{out}");
        assert!(words.contains("don't know, stage 3)"), "{out}");
        assert!(words.contains("Confidence: medium then, low now."), "{out}");
    }
}

#[test]
fn a_move_that_comes_with_a_new_context_is_not_put_on_dont_know_answers() {
    let before = std::fs::read_to_string(repo("examples/stage-3-lead-machine.yaml")).unwrap();
    let after = format!(
        "{}\ncontext:\n  sellers: \"0\"\n",
        before.replace("account-health-scores: 1", "account-health-scores: unknown")
    );
    let (_d1, b) = temp_file("before.yaml", &before);
    let (_d2, a) = temp_file("after.yaml", &after);
    let out = stdout_of(salesevo().arg("compare").arg(&b).arg(&a));
    assert!(out.contains(": moved down"), "{out}");
    assert!(out.contains("The context differs"), "{out}");
    assert!(!out.contains("No answer changed"), "{out}");
}
