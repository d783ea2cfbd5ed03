mod common;
use common::*;
use predicates::prelude::*;

const EXAMPLE: &str = "examples/stage-3-lead-machine.yaml";

#[test]
fn the_table_has_every_part_of_a_result() {
    let out = stdout_of(salesevo().arg("score").arg(repo(EXAMPLE)));
    for part in [
        "stage 3 of 8, SaaS 1.0",
        "Confidence:",
        "Fit per stage",
        "Next steps",
        "Evidence",
        "Skipped foundations",
    ] {
        assert!(out.contains(part), "missing {part}:\n{out}");
    }
    // One bar per stage, in Unicode blocks.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains('█') || l.contains('·'))
            .count(),
        8,
        "{out}"
    );
    assert!(!out.contains('\x1b'));
}

#[test]
fn the_chart_is_ascii_where_the_terminal_cannot_show_blocks() {
    let out = stdout_of(
        salesevo()
            .env("LC_ALL", "POSIX")
            .arg("score")
            .arg(repo(EXAMPLE)),
    );
    assert!(out.is_ascii());
    assert!(out.contains("#####"));
}

#[test]
fn json_follows_the_documented_contract() {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo(EXAMPLE))
            .args(["--format", "json"]),
    );
    assert_eq!(json["organisation"], "Brightdesk");
    assert_eq!(json["stage"]["number"], 3);
    assert_eq!(json["stage"]["id"], "saas-1-0");
    assert_eq!(json["stage"]["name"], "SaaS 1.0");
    assert!(json["in_transition_to"].is_null());
    let fit = json["fit"].as_array().expect("fit");
    assert_eq!(fit.len(), 8);
    for f in fit {
        let x = f["fit"].as_f64().expect("number");
        assert!((0.0..=1.0).contains(&x));
        for field in ["number", "id", "name"] {
            assert!(f.get(field).is_some());
        }
    }
    let steps = json["next_steps"].as_array().expect("next_steps");
    assert!((3..=5).contains(&steps.len()), "{steps:?}");
    for s in steps {
        for field in ["trait", "stage", "action"] {
            assert!(s.get(field).is_some(), "{field}");
        }
    }
    assert!(json["evidence"].is_array());
    assert!(json["skipped_foundations"].is_array());
    assert!(json["answered"].as_u64().expect("answered") <= json["total"].as_u64().expect("total"));
    assert!(
        ["low", "medium", "high"].contains(&json["confidence"]["level"].as_str().expect("level"))
    );
}

#[test]
fn yaml_output_matches_json() {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo(EXAMPLE))
            .args(["--format", "json"]),
    );
    let yaml = stdout_of(
        salesevo()
            .arg("score")
            .arg(repo(EXAMPLE))
            .args(["--format", "yaml"]),
    );
    assert!(
        yaml.contains("stage:\n  number: 3\n  id: saas-1-0"),
        "{yaml}"
    );
    assert!(yaml.contains(&format!("answered: {}", json["answered"])));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let text = std::fs::read_to_string(repo(EXAMPLE)).unwrap();
    let json = json_of(
        salesevo()
            .args(["score", "-", "--format", "json"])
            .write_stdin(text),
    );
    assert_eq!(json["stage"]["number"], 3);
}

fn score_error(text: &str) -> String {
    let (_dir, path) = temp_file("answers.yaml", text);
    let out = salesevo().arg("score").arg(&path).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(out.get_output().stdout.is_empty());
    stderr.replace(&path.display().to_string(), "answers.yaml")
}

#[test]
fn malformed_yaml_names_the_line() {
    assert_eq!(
        score_error("answers:\n  owners-sell-personally: [3\n"),
        "error: answers.yaml line 2: unclosed bracket '['\n"
    );
    assert_eq!(
        score_error("organisation: x\nanswer:\n  a: 3\n"),
        "error: answers.yaml line 2: unknown field `answer`, expected one of organisation, date, context, answers\n"
    );
}

#[test]
fn an_unknown_id_is_named_with_a_suggestion() {
    assert_eq!(
        score_error("answers:\n  owners-sell-personaly: 3\n"),
        "error: answers.yaml line 2: unknown question id \"owners-sell-personaly\"; did you mean \"owners-sell-personally\"? (`salesevo questions` lists every id)\n"
    );
}

#[test]
fn a_value_off_the_scale_names_id_and_value() {
    assert_eq!(
        score_error("answers:\n  owners-sell-personally: 7\n"),
        "error: answers.yaml line 2, answer \"owners-sell-personally\": \"7\" is not on the scale: use 0-4 (0 not true at all, 1 slightly, 2 partly, 3 mostly, 4 fully true), unknown, or n/a\n"
    );
}

#[test]
fn every_bad_answer_is_reported_at_once() {
    let err = score_error("answers:\n  owners-sell-personally: 9\n  nonsense-id: 2\n");
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn a_duplicated_id_is_an_error() {
    assert_eq!(
        score_error("answers:\n  owners-sell-personally: 1\n  owners-sell-personally: 4\n"),
        "error: answers.yaml line 3: \"owners-sell-personally\" appears twice; keep one of them\n"
    );
}

#[test]
fn an_empty_file_is_an_error() {
    assert_eq!(
        score_error(""),
        "error: answers.yaml: the file is empty; expected an answer set (`salesevo questions --format yaml` prints one to fill in)\n"
    );
}

#[test]
fn labels_are_accepted_and_missing_ids_count_as_unknown() {
    let (_dir, path) = temp_file(
        "answers.yaml",
        "organisation: Tiny\nanswers:\n  owners-sell-personally: fully true\n  new-customers-come-through-owners: mostly\n",
    );
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "json"]),
    );
    assert_eq!(json["answered"], 2);
    assert_eq!(json["answers"]["owners-sell-personally"], 4);
    assert_eq!(json["answers"]["new-customers-come-through-owners"], 3);
    assert!(json["answers"]["owners-fix-problems-personally"].is_null());
    // Two answers are too few for a verdict.
    assert_eq!(json["confidence"]["level"], "none");
    assert!(json["stage"].is_null());
}

#[test]
fn a_missing_file_and_a_folder_are_clear_errors() {
    salesevo()
        .args(["score", "no-such-file.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no-such-file.yaml: cannot read: ",
        ));
    salesevo()
        .arg("score")
        .arg(repo("examples"))
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "examples: is a folder, not an answer file\n",
        ));
}

#[test]
fn usage_errors_exit_2() {
    salesevo().args(["score"]).assert().code(2);
    salesevo()
        .args(["stages", "--format", "pdf"])
        .assert()
        .code(2);
    salesevo()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"));
}

#[test]
fn yes_no_true_and_false_are_errors_that_quote_the_word_typed() {
    for word in ["yes", "no", "on", "y", "true", "false", "True"] {
        let text = format!("answers:\n  owners-sell-personally: {word}\n");
        assert_eq!(
            score_error(&text),
            format!(
                "error: answers.yaml line 2, answer \"owners-sell-personally\": \"{}\" is not on the scale: \
                 use 0-4 (0 not true at all, 1 slightly, 2 partly, 3 mostly, 4 fully true), unknown, or n/a\n",
                if word == "True" { "true" } else { word }
            ),
            "{word}"
        );
    }
}
