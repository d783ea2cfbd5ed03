//! Standard input is decided up front as a file is: one JSON object or one
//! YAML document is a single result, anything else a batch, and a long
//! input still reads to its end.

mod common;

use common::{repo, salesevo};
use serde_json::Value;

/// `score -` with `args`, fed `input`, as JSON.
fn score_stdin(args: &[&str], input: String) -> Value {
    let out = salesevo()
        .args(["score", "-", "-f", "json"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn example(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap()
}

/// The first line of the JSON Lines example: one answer set.
fn one_line() -> String {
    example("examples/batch/teams.jsonl")
        .lines()
        .next()
        .unwrap()
        .to_string()
}

/// A single result is the diagnosis itself; a batch is an array of rows.
fn is_single(v: &Value) -> bool {
    v.is_object() && v["stage"].is_object() && v.get("row").is_none()
}

#[test]
fn one_json_object_is_a_single_result_even_over_several_lines() {
    let object: Value = serde_json::from_str(&one_line()).unwrap();
    let pretty = serde_json::to_string_pretty(&object).unwrap();
    for input in [
        one_line(),
        pretty.clone(),
        format!("\u{feff}\n  {pretty}\n"),
    ] {
        let v = score_stdin(&[], input);
        assert!(is_single(&v), "{v}");
        assert_eq!(v["organisation"], "Verdant HR");
    }
    let v = score_stdin(&["--input-format", "json"], pretty);
    assert!(is_single(&v), "{v}");
}

#[test]
fn json_lines_and_a_json_array_are_a_batch() {
    let two = format!("{}\n{}\n", one_line(), one_line());
    let v = score_stdin(&[], two);
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
    let v = score_stdin(&[], format!("[{}]", one_line()));
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    // Named JSON Lines is a batch even of one line.
    let v = score_stdin(&["--input-format", "jsonl"], one_line());
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
}

#[test]
fn a_csv_is_a_batch() {
    let csv = example("examples/batch/survey-export.csv");
    let v = score_stdin(&[], csv.clone());
    assert_eq!(v.as_array().map(Vec::len), Some(9), "{v}");
    // A header and one row: still a batch.
    let two_lines: Vec<&str> = csv.lines().take(2).collect();
    let v = score_stdin(&[], two_lines.join("\n"));
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
}

#[test]
fn one_yaml_document_is_a_single_result_and_two_a_batch() {
    let one = example("examples/stage-4-churn-fighters.yaml");
    let v = score_stdin(&[], one.clone());
    assert!(is_single(&v), "{v}");
    assert_eq!(v["stage"]["number"], 4);
    let two = example("examples/stage-1-family-shop.yaml");
    let v = score_stdin(&[], format!("{one}\n---\n{two}"));
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
}

#[test]
fn a_long_input_reads_to_its_end_whatever_was_read_to_decide() {
    // Over the 1 MiB a YAML decision reads, and the 64 KiB of a format's
    // sniffing: what was read first is not lost nor read twice.
    let doc = example("examples/stage-1-family-shop.yaml");
    let n = (2 << 20) / doc.len() + 1;
    let out = salesevo()
        .args(["score", "-", "-f", "jsonl"])
        .write_stdin(vec![doc; n].join("\n---\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), n);
    assert_eq!(rows[n - 1]["row"], n);

    let line = one_line();
    let lines = vec![line.as_str(); 2000].join("\n");
    assert!(lines.len() > 1 << 20);
    let v = score_stdin(&[], lines);
    assert_eq!(v.as_array().map(Vec::len), Some(2000));
}

#[test]
fn empty_standard_input_says_it_is_empty() {
    for input in ["", "\n  \n"] {
        salesevo()
            .args(["score", "-"])
            .write_stdin(input)
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                "error: <stdin>: standard input is empty; expected answers as YAML, JSON, \
                 JSON Lines or CSV\n",
            );
    }
}

#[test]
fn standard_input_named_as_a_file_is_read_once_not_drained() {
    // /dev/stdin is a pipe here: looking at it first would drain it, so it
    // is read as a batch from the start.
    let out = salesevo()
        .args(["score", "/dev/stdin", "-f", "jsonl"])
        .write_stdin(example("examples/transition-3-to-4.yaml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["organisation"], "Pipewell");
}
