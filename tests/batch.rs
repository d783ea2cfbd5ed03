//! Batch scoring through the real binary: every input format, mixed files,
//! stdin, the error messages (exact text), --keep-going, CSV injection and
//! the summary numbers.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

const SCALE_HINT: &str =
    "use 0-4 (0 not true at all, 1 slightly, 2 partly, 3 mostly, 4 fully true), unknown, or n/a";

fn salesevo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salesevo"));
    // Plain, Unicode output whatever the environment: snapshots compare text.
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("RUST_BACKTRACE");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// Every question id with its stage and weight, in questionnaire order.
fn questions() -> Vec<(String, u64, f64)> {
    let v = json_of(salesevo().args(["questions", "--format", "json"]));
    v.as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["stage"].as_u64().unwrap(),
                q["weight"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn id_of_stage(stage: u64) -> String {
    questions()
        .into_iter()
        .find(|q| q.1 == stage)
        .map(|q| q.0)
        .unwrap()
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn organisations(results: &Value) -> Vec<String> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["organisation"].as_str().unwrap_or("").to_string())
        .collect()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// ---- input formats ----

#[test]
fn a_csv_survey_export_is_scored_row_by_row() {
    let v = json_of(salesevo().args(["score", "examples/batch/survey-export.csv", "-f", "json"]));
    let names = organisations(&v);
    assert_eq!(names.len(), 9);
    assert_eq!(names[0], "Hofmann Praxisplan");
    // Two respondents of one organisation stay two results, in input order.
    assert_eq!(names[2], "Brightdesk");
    assert_eq!(names[3], "Brightdesk");
    assert_eq!(v[2]["date"], "2026-11-02");
    assert_eq!(v[3]["date"], "2026-11-04");
    let stages: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stage"]["number"].as_u64().unwrap())
        .collect();
    assert_eq!(stages, [1, 2, 3, 3, 3, 4, 5, 6, 7]);
}

#[test]
fn csv_cells_take_labels_numbers_and_blanks_alike() {
    let ids: Vec<String> = questions().into_iter().map(|q| q.0).collect();
    let header = format!("organisation,{},{},{}", ids[0], ids[1], ids[2]);
    let dir = Dir::new();
    let by_label = dir.file("a.csv", &format!("{header}\nA,mostly,Fully True,\n"));
    let by_number = dir.file("b.csv", &format!("{header}\nA,3,4.0,unknown\n"));
    let a = json_of(salesevo().args(["score", "-f", "json"]).arg(&by_label));
    let b = json_of(salesevo().args(["score", "-f", "json"]).arg(&by_number));
    assert_eq!(a, b);
    assert_eq!(a[0]["answered"], 2);
}

#[test]
fn json_lines_are_scored_line_by_line() {
    let out = stdout_of(salesevo().args(["score", "examples/batch/teams.jsonl", "-f", "jsonl"]));
    let lines = jsonl(&out);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l["organisation"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Verdant HR", "Tallybook", "Metricly"]);
}

#[test]
fn a_json_array_and_a_yaml_stream_are_read_whole() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    let json = dir.file(
        "teams.json",
        &format!(
            "[\n  {{\"organisation\": \"A\", \"answers\": {{\"{id}\": 4}}}},\n  {{\"organisation\": \"B\", \"answers\": {{\"{id}\": \"partly\"}}}}\n]\n"
        ),
    );
    let yaml = dir.file(
        "teams.yaml",
        &format!(
            "organisation: C\nanswers:\n  {id}: 1\n---\norganisation: D\nanswers:\n  {id}: ~\n"
        ),
    );
    let v = json_of(
        salesevo()
            .args(["score", "-f", "json"])
            .arg(&json)
            .arg(&yaml),
    );
    assert_eq!(organisations(&v), ["A", "B", "C", "D"]);
    assert_eq!(v[3]["answered"], 0);
}

#[test]
fn mixed_files_keep_input_order() {
    let v = json_of(salesevo().args([
        "score",
        "examples/batch/teams.jsonl",
        "examples/stage-2-field-closers.yaml",
        "examples/batch/survey-export.csv",
        "-f",
        "json",
    ]));
    let names = organisations(&v);
    assert_eq!(names.len(), 3 + 1 + 9);
    assert_eq!(
        names[..5],
        [
            "Verdant HR",
            "Tallybook",
            "Metricly",
            "Kestrel Fleet Systems",
            "Hofmann Praxisplan"
        ]
    );
}

#[test]
fn stdin_takes_the_input_format_or_recognises_the_content() {
    let csv = std::fs::read_to_string("examples/batch/survey-export.csv").unwrap();
    let out = stdout_of(
        salesevo()
            .args(["score", "-", "--input-format", "csv", "-f", "jsonl"])
            .write_stdin(csv.clone()),
    );
    assert_eq!(out.lines().count(), 9);
    // A header row of ids can only be CSV; lines of JSON objects only JSON Lines.
    let out = stdout_of(
        salesevo()
            .args(["score", "-", "-f", "jsonl"])
            .write_stdin(csv),
    );
    assert_eq!(out.lines().count(), 9);
    let lines = std::fs::read_to_string("examples/batch/teams.jsonl").unwrap();
    let out = stdout_of(
        salesevo()
            .args(["score", "-", "-f", "jsonl"])
            .write_stdin(lines),
    );
    assert_eq!(out.lines().count(), 3);
    let yaml = std::fs::read_to_string("examples/stage-4-churn-fighters.yaml").unwrap();
    let v = json_of(
        salesevo()
            .args(["score", "-", "-f", "json"])
            .write_stdin(yaml),
    );
    assert_eq!(v["stage"]["number"], 4);
}

#[test]
fn stdin_that_could_be_anything_needs_the_input_format() {
    salesevo()
        .args(["score", "-"])
        .write_stdin("hello\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: <stdin>: cannot tell the format of standard input; \
             use --input-format yaml, json, jsonl or csv\n",
        );
}

// ---- the shape of the output ----

#[test]
fn one_document_gets_one_object_and_anything_else_an_array() {
    let single =
        json_of(salesevo().args(["score", "examples/stage-3-lead-machine.yaml", "-f", "json"]));
    assert!(single.is_object());
    let two = json_of(salesevo().args([
        "score",
        "examples/stage-3-lead-machine.yaml",
        "examples/stage-4-churn-fighters.yaml",
        "-f",
        "json",
    ]));
    assert_eq!(two.as_array().unwrap().len(), 2);
    // A list in, a list out, even of one.
    let id = id_of_stage(3);
    let dir = Dir::new();
    let csv = dir.file("one.csv", &format!("organisation,{id}\nA,3\n"));
    let array = dir.file("one.json", &format!("[{{\"answers\": {{\"{id}\": 3}}}}]"));
    let object = dir.file("obj.json", &format!("{{\"answers\": {{\"{id}\": 3}}}}"));
    for (path, is_array) in [(&csv, true), (&array, true), (&object, false)] {
        let v = json_of(salesevo().args(["score", "-f", "json"]).arg(path));
        assert_eq!(v.is_array(), is_array, "{}", path.display());
    }
}

#[test]
fn one_answer_set_keeps_the_full_table_view() {
    let out = stdout_of(salesevo().args(["score", "examples/stage-3-lead-machine.yaml"]));
    assert!(
        out.starts_with("Brightdesk: stage 3 of 8, SaaS 1.0"),
        "{out}"
    );
    assert!(out.contains("Next steps"));
}

#[test]
fn the_batch_table_has_a_row_per_organisation_and_a_summary() {
    let out = stdout_of(salesevo().args(["score", "examples/batch/survey-export.csv"]));
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    for column in [
        "#",
        "Organisation",
        "Stage",
        "In transition to",
        "Fit",
        "Confidence",
        "First next step",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert!(out.contains("   4  Brightdesk "), "{out}");
    assert!(
        out.contains("Summary: 9 organisations, 2 in transition"),
        "{out}"
    );
    assert!(out.contains("Most common first next steps"));
}

#[test]
fn summary_goes_with_json_jsonl_and_yaml_on_request() {
    let v = json_of(salesevo().args([
        "score",
        "examples/batch/teams.jsonl",
        "-f",
        "json",
        "--summary",
    ]));
    assert_eq!(v["results"].as_array().unwrap().len(), 3);
    assert_eq!(v["summary"]["organisations"], 3);
    let out = stdout_of(salesevo().args([
        "score",
        "examples/batch/teams.jsonl",
        "-f",
        "jsonl",
        "--summary",
    ]));
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[3]["summary"]["organisations"], 3);
    let out = stdout_of(salesevo().args([
        "score",
        "examples/batch/teams.jsonl",
        "-f",
        "yaml",
        "--summary",
    ]));
    assert!(
        out.starts_with("results:\n  - row: 1\n    organisation: \"Verdant HR\"\n"),
        "{out}"
    );
    assert!(out.contains("\nsummary:\n  organisations: 3\n"), "{out}");
    salesevo()
        .args([
            "score",
            "examples/batch/teams.jsonl",
            "-f",
            "csv",
            "--summary",
        ])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn markdown_is_a_table_and_the_summary() {
    let out = stdout_of(salesevo().args(["score", "examples/batch/teams.jsonl", "-f", "markdown"]));
    assert!(out.starts_with(
        "| # | Row | Organisation | Stage | In transition to | Ahead | Fit | Confidence | First next step |\n|--:|"
    ));
    assert!(
        out.contains("| 2 | 2 | Tallybook | 5 Self-Serve | 6 Enterprise Sales |  | 95% | high |"),
        "{out}"
    );
    assert!(
        out.contains("| 3 | 3 | Metricly | 3 SaaS 1.0 |  | 5 Self-Serve, 6 Enterprise Sales, 7 Data-Driven | 93% | high |"),
        "{out}"
    );
    assert!(out.contains("\n## Summary\n"));
}

// ---- the summary, on a small hand-checked set ----

/// Three organisations whose fits are whole values, whatever the weights:
/// A answers stage 3 with 4 and everything else 0 (stage 3);
/// B answers stages 3 and 4 with 4 and everything else 0 (stage 4);
/// C answers stage 3 with 2 and nothing else: 5 of 38, too few to place.
#[test]
fn summary_numbers_add_up_by_hand() {
    let qs = questions();
    let ids: Vec<&str> = qs.iter().map(|q| q.0.as_str()).collect();
    let row = |name: &str, value: &dyn Fn(u64) -> &'static str| {
        let cells: Vec<&str> = qs.iter().map(|q| value(q.1)).collect();
        format!("{name},{}\n", cells.join(","))
    };
    let mut csv = format!("organisation,{}\n", ids.join(","));
    csv += &row("A", &|s| if s == 3 { "4" } else { "0" });
    csv += &row("B", &|s| if s == 3 || s == 4 { "4" } else { "0" });
    csv += &row("C", &|s| if s == 3 { "2" } else { "" });
    let dir = Dir::new();
    let file = dir.file("three.csv", &csv);
    let v = json_of(
        salesevo()
            .args(["score", "-f", "json", "--summary"])
            .arg(&file),
    );
    let stages: Vec<Option<u64>> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stage"]["number"].as_u64())
        .collect();
    assert_eq!(stages, [Some(3), Some(4), None]);
    assert_eq!(v["results"][2]["reached"], false);
    assert_eq!(v["results"][2]["confidence"]["level"], "none");

    let s = &v["summary"];
    assert_eq!(s["organisations"], 3);
    assert_eq!(s["in_transition"], 0);
    assert_eq!(s["not_placed"], 1);
    let per_stage: Vec<u64> = s["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["organisations"].as_u64().unwrap())
        .collect();
    assert_eq!(per_stage, [0, 0, 1, 1, 0, 0, 0, 0]);
    // Stage 3: (1 + 1 + 0.5) / 3. Stage 4: (0 + 1) / 2, C left it unanswered.
    let mean = |n: usize| s["stages"][n - 1]["mean_fit"].as_f64().unwrap();
    assert!((mean(3) - 2.5 / 3.0).abs() < 1e-9, "{}", mean(3));
    assert!((mean(4) - 0.5).abs() < 1e-9);
    assert_eq!(s["stages"][3]["answered_by"], 2);
    assert_eq!(mean(1), 0.0);
    // First next steps: A moves to stage 4, B to stage 5, C (not placed)
    // has none; each starts
    // with the heaviest trait of that stage (the first one on a tie).
    // On a tie of weights, the model's order decides.
    let heaviest = |stage: u64| {
        let v = json_of(salesevo().args(["stages", &stage.to_string(), "-f", "json"]));
        let traits = v["traits"].as_array().unwrap().clone();
        let max = traits
            .iter()
            .map(|t| t["weight"].as_f64().unwrap())
            .fold(0.0, f64::max);
        traits
            .iter()
            .find(|t| t["weight"].as_f64().unwrap() == max)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let steps: Vec<(String, u64)> = s["top_next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["trait"].as_str().unwrap().to_string(),
                t["organisations"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(steps, [(heaviest(4), 1), (heaviest(5), 1)]);
}

// ---- errors, with their exact text ----

#[test]
fn a_bad_csv_cell_stops_the_run_after_what_was_good() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    let file = dir.file(
        "answers.csv",
        &format!("organisation,{id}\nGood,3\nBad,7\nLater,1\n"),
    );
    let out = salesevo()
        .args(["score", "-f", "jsonl"])
        .arg(&file)
        .current_dir(dir.0.path())
        .arg("--input-format=csv")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(jsonl(&stdout).len(), 1, "{stdout}");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: {} row 3, column \"{id}\": \"7\" is not on the scale: {SCALE_HINT}\n",
            file.display()
        )
    );
}

#[test]
fn the_csv_error_reads_like_the_style_guide() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file(
        "answers.csv",
        &format!("organisation,{id}\nA,3\nB,2\nC,7\n"),
    );
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "answers.csv", "-f", "csv"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: answers.csv row 4, column \"{id}\": \"7\" is not on the scale: {SCALE_HINT}\n"
        ));
}

#[test]
fn json_stops_as_valid_json_at_a_bad_set() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file(
        "a.jsonl",
        &format!("{{\"answers\": {{\"{id}\": 3}}}}\n{{\"answers\": {{\"{id}\": 9}}}}\n"),
    );
    let out = salesevo()
        .current_dir(dir.0.path())
        .args(["score", "a.jsonl", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: a.jsonl line 2, answer \"{id}\": \"9\" is not on the scale: {SCALE_HINT}\n"
        )
    );
}

#[test]
fn an_unknown_csv_column_names_the_closest_id() {
    let id = id_of_stage(3);
    let typo = &id[..id.len() - 2];
    let dir = Dir::new();
    dir.file("answers.csv", &format!("{typo},organisation\n3,A\n"));
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "answers.csv"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: answers.csv row 1, column \"{typo}\": unknown question id; did you mean \"{id}\"? \
             (`salesevo questions --format csv` prints the header)\n"
        ));
}

#[test]
fn a_short_csv_row_says_how_many_cells() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file(
        "answers.csv",
        &format!("organisation,date,{id}\nA,2026-01-01\n"),
    );
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "answers.csv"])
        .assert()
        .code(1)
        .stderr("error: answers.csv row 2: has 2 cells, the header has 3\n");
}

#[test]
fn yaml_documents_name_their_line_in_the_whole_file() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file(
        "teams.yaml",
        &format!(
            "organisation: A\nanswers:\n  {id}: 3\n---\norganisation: B\nanswers:\n  {id}: often\n"
        ),
    );
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "teams.yaml", "-f", "jsonl"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: teams.yaml line 7, answer \"{id}\": \"often\" is not on the scale: {SCALE_HINT}\n"
        ));
}

#[test]
fn a_json_array_names_the_line_of_an_unknown_id() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file(
        "teams.json",
        &format!("[\n  {{\"answers\": {{\"{id}\": 3}}}},\n  {{\"answers\": {{\n    \"{id}x\": 3\n  }}}}\n]\n"),
    );
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "teams.json", "-f", "jsonl"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: teams.json line 4: unknown question id \"{id}x\"; did you mean \"{id}\"? \
             (`salesevo questions` lists every id)\n"
        ));
}

#[test]
fn a_broken_json_line_names_its_line() {
    let dir = Dir::new();
    dir.file("a.jsonl", "{\"answers\": {}}\n{\"answers\": \n");
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "a.jsonl", "-f", "jsonl"])
        .assert()
        .code(1)
        .stderr("error: a.jsonl line 2: EOF while parsing a value\n");
}

#[test]
fn a_missing_file_and_an_unknown_format_are_named() {
    let dir = Dir::new();
    dir.file("notes.txt", "just some notes\n");
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "missing.csv"])
        .assert()
        .code(1)
        .stderr("error: missing.csv: cannot read: No such file or directory (os error 2)\n");
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "notes.txt"])
        .assert()
        .code(1)
        .stderr(
            "error: notes.txt: cannot tell the format from the file name or content; \
             use --input-format yaml, json, jsonl or csv\n",
        );
}

// ---- --keep-going ----

#[test]
fn keep_going_scores_the_rest_reports_every_bad_set_and_exits_3() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file("a.csv", &format!("organisation,{id}\nA,3\nB,7\nC,1\nD,x\n"));
    dir.file(
        "b.jsonl",
        &format!("{{\"organisation\": \"E\", \"answers\": {{\"{id}\": 2}}}}\noops\n"),
    );
    let out = salesevo()
        .current_dir(dir.0.path())
        .args([
            "score",
            "a.csv",
            "missing.yaml",
            "b.jsonl",
            "--keep-going",
            "-f",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let names: Vec<String> = jsonl(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .map(|v| v["organisation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["A", "C", "E"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: a.csv row 3, column \"{id}\": \"7\" is not on the scale: {SCALE_HINT}\n\
             error: a.csv row 5, column \"{id}\": \"x\" is not on the scale: {SCALE_HINT}\n\
             error: missing.yaml: cannot read: No such file or directory (os error 2)\n\
             error: b.jsonl line 2: expected value\n"
        )
    );
}

#[test]
fn keep_going_without_bad_sets_exits_0() {
    salesevo()
        .args([
            "score",
            "examples/batch/survey-export.csv",
            "--keep-going",
            "-f",
            "csv",
        ])
        .assert()
        .code(0)
        .stderr("");
}

// ---- CSV output ----

#[test]
fn csv_output_neutralises_formula_cells() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    let names = [
        "=HYPERLINK(\"http://x\")",
        "+49 30 1234",
        "-2",
        "@SUM(A1)",
        "\tTab",
        "Plain, Ltd",
    ];
    let mut csv = format!("organisation,date,{id}\n");
    for name in names {
        csv += &format!("\"{}\",=1+1,3\n", name.replace('"', "\"\""));
    }
    csv += "\"\rCR\",,3\n";
    let file = dir.file("names.csv", &csv);
    let out = stdout_of(salesevo().args(["score", "-f", "csv"]).arg(&file));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (&r[2], &r[3])).collect();
    assert_eq!(
        got,
        [
            ("'=HYPERLINK(\"http://x\")", "'=1+1"),
            ("'+49 30 1234", "'=1+1"),
            ("'-2", "'=1+1"),
            ("'@SUM(A1)", "'=1+1"),
            // Trimmed on the way in: a leading tab or CR is gone before output.
            ("Tab", "'=1+1"),
            ("Plain, Ltd", "'=1+1"),
            ("CR", ""),
        ]
    );
    // Numbers we write ourselves stay numbers.
    let fits: Vec<f64> = rows.iter().map(|r| r[11].parse().unwrap()).collect();
    assert_eq!(fits.len(), names.len() + 1);
}

#[test]
fn csv_output_has_a_fit_column_per_stage() {
    let out =
        stdout_of(salesevo().args(["score", "examples/batch/survey-export.csv", "-f", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..5],
        ["index", "row", "organisation", "date", "stage"]
    );
    assert_eq!(header.iter().filter(|h| h.starts_with("fit_")).count(), 8);
    assert_eq!(header.last().unwrap(), "next_step");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 9);
    assert_eq!((&rows[3][0], &rows[3][2]), ("4", "Brightdesk"));
}

// ---- the questions header, and a form built from it ----

#[test]
fn questions_print_a_csv_header_that_score_reads_back() {
    let header = stdout_of(salesevo().args(["questions", "--format", "csv"]));
    let ids: Vec<String> = questions().into_iter().map(|q| q.0).collect();
    assert_eq!(
        header,
        format!(
            "organisation,date,offering,deal_size,customers,sellers,worries,{}\n",
            ids.join(",")
        )
    );
    let with_text = stdout_of(salesevo().args(["questions", "--format", "csv", "--with-text"]));
    assert!(with_text.starts_with(&header));
    assert_eq!(with_text.lines().count(), 2);
    // A form built from it keeps the text row; score skips it.
    let answers = vec!["3"; ids.len()].join(",");
    let dir = Dir::new();
    let file = dir.file(
        "form.csv",
        &format!("{with_text}Acme,2026-12-01,licence,over-250k,,21-100,forecast,{answers}\n"),
    );
    let v = json_of(salesevo().args(["score", "-f", "json"]).arg(&file));
    assert_eq!(organisations(&v), ["Acme"]);
    assert_eq!(v[0]["context"]["deal_size"], "over-250k");
    assert_eq!(v[0]["context"]["worries"], serde_json::json!(["forecast"]));
    salesevo()
        .args(["questions", "--with-text"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: --with-text goes with --format csv\n");
}

// ---- pipes ----

#[test]
fn a_reader_that_leaves_early_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command as Std, Stdio};
    let ids: Vec<String> = questions().into_iter().map(|q| q.0).collect();
    let dir = Dir::new();
    let path = dir.0.path().join("big.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, "organisation,{}", ids.join(",")).unwrap();
    let row = vec!["2"; ids.len()].join(",");
    for i in 0..50_000 {
        writeln!(file, "Team {i},{row}").unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let mut child = Std::new(env!("CARGO_BIN_EXE_salesevo"))
        .args(["score", "-f", "csv"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("index,row,organisation"));
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn every_batch_example_scores() {
    for entry in std::fs::read_dir("examples/batch").unwrap() {
        let path = entry.unwrap().path();
        salesevo()
            .args(["score", "-f", "jsonl"])
            .arg(&path)
            .assert()
            .success();
    }
}

#[test]
fn a_script_feeding_json_lines_gets_each_result_before_sending_the_next() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command as Std, Stdio};
    use std::time::Duration;
    let mut child = Std::new(env!("CARGO_BIN_EXE_salesevo"))
        .args(["score", "-", "--input-format", "jsonl", "-f", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let line = std::fs::read_to_string("examples/batch/teams.jsonl").unwrap();
    let line = line.lines().next().unwrap().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..2 {
            let mut out = String::new();
            stdout.read_line(&mut out).unwrap();
            tx.send(out).unwrap();
        }
    });
    for _ in 0..2 {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let got = rx.recv_timeout(Duration::from_secs(20));
        if got.is_err() {
            let _ = child.kill();
        }
        let got: Value =
            serde_json::from_str(&got.expect("a result while stdin is still open")).unwrap();
        assert_eq!(got["organisation"], "Verdant HR");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn an_empty_answer_file_is_an_error_not_an_empty_result() {
    let dir = Dir::new();
    dir.file("empty.yaml", "# nothing yet\n");
    dir.file("empty.csv", "");
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "empty.yaml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: empty.yaml: the file is empty; expected an answer set \
             (`salesevo questions --format yaml` prints one to fill in)\n",
        );
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "empty.csv"])
        .assert()
        .code(1)
        .stderr(
            "error: empty.csv: the file is empty; expected a header row of question ids \
             (`salesevo questions --format csv` prints one)\n",
        );
}

#[test]
fn text_that_is_not_utf8_is_named_in_every_format() {
    let dir = Dir::new();
    let id = id_of_stage(1);
    let bad = b"\xc3\x28";
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "a.yaml",
            [format!("answers:\n  {id}: ").as_bytes(), bad, b"\n"].concat(),
            "error: a.yaml: not valid UTF-8 text\n",
        ),
        (
            "b.csv",
            [format!("organisation,{id}\n").as_bytes(), bad, b",1\n"].concat(),
            "error: b.csv row 2, column \"organisation\": is not valid UTF-8 text\n",
        ),
        (
            "c.jsonl",
            [
                b"{\"organisation\": \"".as_slice(),
                bad,
                b"\", \"answers\": {}}\n",
            ]
            .concat(),
            "error: c.jsonl line 1: not valid UTF-8 text (bad byte at column 19)\n",
        ),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.0.path().join(name), bytes).unwrap();
        salesevo()
            .current_dir(dir.0.path())
            .args(["score", name])
            .assert()
            .code(1)
            .stderr(expected);
    }
}

// ---- rendered output, reviewed as snapshots ----

#[test]
fn snapshot_of_the_batch_table() {
    let out = stdout_of(salesevo().args(["score", "examples/batch/survey-export.csv"]));
    insta::assert_snapshot!(out);
}

#[test]
fn snapshot_of_the_batch_markdown() {
    let out = stdout_of(salesevo().args([
        "score",
        "examples/batch/survey-export.csv",
        "-f",
        "markdown",
    ]));
    insta::assert_snapshot!(out);
}

#[test]
fn snapshot_of_the_batch_csv() {
    let out =
        stdout_of(salesevo().args(["score", "examples/batch/survey-export.csv", "-f", "csv"]));
    insta::assert_snapshot!(out);
}

#[test]
fn csv_output_names_the_skipped_foundations_and_the_stages_ahead() {
    let out = salesevo()
        .args(["score", "examples/batch/teams.jsonl", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (skipped, ahead) = (column("skipped_foundations"), column("ahead"));
    let cells: Vec<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[skipped].to_string(), r[ahead].to_string())
        })
        .collect();
    // Metricly has self-serve, enterprise and data on top of a lead machine,
    // without customer success: stage 3, with those three ahead.
    let none = || (String::new(), String::new());
    assert_eq!(cells, vec![none(), none(), (String::new(), "5;6;7".into())]);
}

#[test]
fn csv_cells_take_the_labels_as_the_quiz_prints_them() {
    let dir = Dir::new();
    let file = dir.file(
        "labels.csv",
        "organisation,owners-sell-personally,new-customers-come-through-owners,owners-fix-problems-personally\nA,3 mostly,2 - partly,4 fully true\n",
    );
    let v = json_of(salesevo().args(["score", "-f", "json"]).arg(&file));
    let answers = &v[0]["answers"];
    assert_eq!(answers["owners-sell-personally"], 3);
    assert_eq!(answers["new-customers-come-through-owners"], 2);
    assert_eq!(answers["owners-fix-problems-personally"], 4);
}

#[test]
fn a_survey_export_is_taken_as_it_comes_and_strict_columns_refuses_the_extras() {
    let qs = questions();
    let first_text = json_of(salesevo().args(["questions", "--format", "json"]))[0]["question"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = Dir::new();
    let csv = format!(
        "Timestamp,Email,Organization,\"  {}  \",{},date\n2026-11-01 10:00,a@b.c,Acme,3 mostly,1,2026-11-01\n",
        first_text.to_uppercase(),
        qs[1].0
    );
    let file = dir.file("export.csv", &csv);
    let out = salesevo()
        .args(["score", "-f", "json"])
        .arg(&file)
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("note: ")
            && stderr.contains("columns ignored, not questions: Timestamp, Email"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let first_id = json_of(salesevo().args(["questions", "--format", "json"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(v[0]["organisation"], "Acme");
    assert_eq!(v[0]["date"], "2026-11-01");
    assert_eq!(v[0]["answers"][first_id.as_str()], 3);
    assert_eq!(v[0]["answers"][qs[1].0.as_str()], 1);

    let out = salesevo()
        .args(["score", "--strict-columns"])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("column \"Timestamp\": unknown question id"),
        "{stderr}"
    );
}

#[test]
fn many_ignored_columns_are_named_in_one_short_note() {
    let qs = questions();
    let extra: Vec<String> = (0..20).map(|i| format!("extra{i}")).collect();
    let dir = Dir::new();
    let file = dir.file(
        "wide.csv",
        &format!(
            "organisation,{},{}\nA,{}3\n",
            extra.join(","),
            qs[0].0,
            ",".repeat(20)
        ),
    );
    let out = salesevo().arg("score").arg(&file).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr
            .contains("extra0, extra1, extra2, extra3, extra4, extra5, extra6, extra7 and 12 more"),
        "{stderr}"
    );
}

#[test]
fn blank_rows_are_skipped_and_counted_by_row_number() {
    let qs = questions();
    let dir = Dir::new();
    let file = dir.file(
        "blank.csv",
        &format!("organisation,{}\nA,3\n,\n  ,  \nB,2\n,\n", qs[0].0),
    );
    let out = salesevo()
        .args(["score", "-f", "jsonl"])
        .arg(&file)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("blank.csv: 3 blank rows skipped (rows 3, 4, 6)"),
        "{stderr}"
    );
}

// ---- where each result came from ----

#[test]
fn every_result_keeps_its_input_row_and_the_summary_names_the_rows_left_out() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    // Row 1 the header; 3 and 6 blank; 4 and 7 bad.
    dir.file(
        "rows.csv",
        &format!("organisation,{id}\nA,3\n,\nB,7\nC,1\n  ,  \nD,x\nE,2\n"),
    );
    let run = |format: &str| {
        let out = salesevo()
            .current_dir(dir.0.path())
            .args(["score", "rows.csv", "-k", "-f", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let rows_of = |v: &Value| -> Vec<(String, u64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let name = r["organisation"].as_str().unwrap().to_string();
                (name, r["row"].as_u64().unwrap())
            })
            .collect()
    };
    let expected: Vec<(String, u64)> = [("A", 2), ("C", 5), ("E", 8)]
        .iter()
        .map(|(n, r)| (n.to_string(), *r))
        .collect();
    assert_eq!(
        rows_of(&serde_json::from_str(&run("json")).unwrap()),
        expected
    );
    let lines = Value::Array(jsonl(&run("jsonl")));
    assert_eq!(rows_of(&lines), expected);
    let yaml = run("yaml");
    assert!(yaml.contains("- row: 5\n  organisation: \"C\"\n"), "{yaml}");
    let csv = run("csv");
    assert!(csv.starts_with("index,row,organisation,"), "{csv}");
    assert!(csv.contains("\n2,5,C,"), "{csv}");

    let table = run("table");
    assert!(table.starts_with("   #    Row  Organisation"), "{table}");
    assert!(table.contains("\n   2      5  C "), "{table}");
    assert!(
        table.contains(
            "\n2 blank rows skipped: rows.csv rows 3, 6\n\
             2 answer sets failed and were left out: rows.csv rows 4, 7\n"
        ),
        "{table}"
    );
    let markdown = run("markdown");
    assert!(markdown.contains("\n| 2 | 5 | C | "), "{markdown}");
    assert!(
        markdown.contains("\n2 answer sets failed and were left out: rows.csv rows 4, 7.\n"),
        "{markdown}"
    );
    let v: Value = serde_json::from_str(&{
        let out = salesevo()
            .current_dir(dir.0.path())
            .args([
                "score",
                "rows.csv",
                "missing.csv",
                "-k",
                "-f",
                "json",
                "--summary",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    })
    .unwrap();
    assert_eq!(v["summary"]["blank_rows"]["count"], 2);
    assert_eq!(v["summary"]["failed"]["count"], 3);
    assert_eq!(
        v["summary"]["failed"]["rows"],
        serde_json::json!([
            {"file": "rows.csv", "row": 4},
            {"file": "rows.csv", "row": 7},
            {"file": "missing.csv", "row": null}
        ])
    );
}

#[test]
fn json_lines_json_arrays_and_yaml_streams_number_their_answer_sets() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    let set = |name: &str, v: &str| {
        format!("{{\"organisation\": \"{name}\", \"answers\": {{\"{id}\": {v}}}}}")
    };
    dir.file(
        "a.jsonl",
        &format!(
            "{}\n\n{}\n{}\n",
            set("A", "3"),
            set("B", "9"),
            set("C", "1")
        ),
    );
    dir.file(
        "b.json",
        &format!(
            "[\n{},\n{},\n{}\n]\n",
            set("A", "3"),
            set("B", "9"),
            set("C", "1")
        ),
    );
    dir.file(
        "c.yaml",
        &format!(
            "organisation: A\nanswers:\n  {id}: 3\n---\norganisation: B\nanswers:\n  {id}: 9\n---\norganisation: C\nanswers:\n  {id}: 1\n"
        ),
    );
    for (file, rows) in [("a.jsonl", [1, 4]), ("b.json", [1, 3]), ("c.yaml", [1, 3])] {
        let out = salesevo()
            .current_dir(dir.0.path())
            .args(["score", file, "-k", "-f", "jsonl"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{file}");
        let got: Vec<u64> = jsonl(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .map(|v| v["row"].as_u64().unwrap())
            .collect();
        assert_eq!(got, rows, "{file}");
    }
}

#[test]
fn an_empty_batch_says_there_is_nothing_to_score() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    dir.file("header.csv", &format!("organisation,{id}\n"));
    dir.file("blank.csv", &format!("organisation,{id}\n,\n"));
    dir.file("empty.jsonl", "");
    dir.file("empty.json", "[]\n");
    for file in ["header.csv", "empty.jsonl", "empty.json"] {
        salesevo()
            .current_dir(dir.0.path())
            .args(["score", file])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("error: no answer sets in {file}\n"));
    }
    salesevo()
        .current_dir(dir.0.path())
        .args(["score", "blank.csv", "-f", "json"])
        .assert()
        .code(1)
        .stderr(
            "note: blank.csv: 1 blank row skipped (row 2)\nerror: no answer sets in blank.csv\n",
        );
    salesevo()
        .args(["score", "-", "--input-format", "jsonl"])
        .write_stdin("\n")
        .assert()
        .code(1)
        .stderr("error: no answer sets in standard input\n");
}

#[test]
fn a_summary_after_a_stop_says_the_rest_was_not_read() {
    let id = id_of_stage(3);
    let dir = Dir::new();
    let file = dir.file(
        "answers.csv",
        &format!("organisation,{id}\nGood,3\nAlso good,2\nBad,7\nLater,1\n"),
    );
    let out = salesevo()
        .args(["score", "-f", "table"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Stopped at the first bad answer set: the input after it was not read"),
        "{stdout}"
    );
    let json = salesevo()
        .args(["score", "-f", "json", "--summary"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["stopped"], true, "{v}");
}

#[test]
fn an_ignored_column_close_to_a_context_key_is_named_with_the_key_it_may_mean() {
    let qs = questions();
    let dir = Dir::new();
    let file = dir.file(
        "form.csv",
        &format!("organisation,worry,Email,{}\nAcme,churn,a@b.c,3\n", qs[0].0),
    );
    let out = salesevo().arg("score").arg(&file).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr
            .contains("columns ignored, not questions: worry (did you mean \"worries\"?), Email ("),
        "{stderr}"
    );
}

#[test]
fn two_names_for_the_organisation_column_are_called_that_not_a_repeat() {
    let qs = questions();
    let dir = Dir::new();
    let file = dir.file(
        "two.csv",
        &format!("Organisation;Team;{}\nAcme;EMEA;3\n", qs[0].0),
    );
    let out = salesevo().arg("score").arg(&file).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "column \"Team\": is another name for the organisation column (columns 1 and 2: \"Organisation\")"
        ),
        "{stderr}"
    );
}
