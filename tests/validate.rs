mod common;
use common::*;
use predicates::prelude::*;

#[test]
fn the_built_in_model_is_valid() {
    salesevo()
        .arg("validate")
        .assert()
        .success()
        .stdout("the built-in model: valid, 8 stages, 38 traits\n");
    salesevo()
        .arg("validate")
        .arg(repo("stages"))
        .assert()
        .success();
}

#[test]
fn every_problem_is_reported_with_file_position_and_field() {
    let dir = stage_copy();
    let p = |name: &str| dir.path().join(name);
    // A YAML syntax error, an unknown field, and semantic problems in two more files.
    std::fs::write(p("01-mom-and-pop.yaml"), "id: [mom\n").unwrap();
    let two = std::fs::read_to_string(p("02-hunter-farmer.yaml")).unwrap();
    std::fs::write(
        p("02-hunter-farmer.yaml"),
        two.replacen("motto:", "slogan: x\nmotto:", 1),
    )
    .unwrap();
    let three = std::fs::read_to_string(p("03-saas-1-0.yaml")).unwrap();
    std::fs::write(
        p("03-saas-1-0.yaml"),
        three.replacen("    weight: 3", "    weight: 0", 1),
    )
    .unwrap();
    let four = std::fs::read_to_string(p("04-customer-success.yaml")).unwrap();
    std::fs::write(
        p("04-customer-success.yaml"),
        four.replacen("id: customer-success", "id: Customer_Success", 1),
    )
    .unwrap();

    let out = salesevo().arg("validate").arg(dir.path()).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let d = dir.path().display();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[0],
        format!("error: {d}/01-mom-and-pop.yaml:1:5: expected string scalar"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "error: {d}/02-hunter-farmer.yaml:4:1: unknown field `slogan`"
        )),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "error: {d}/03-saas-1-0.yaml: traits[0].weight: must be a number greater than 0, got 0"
        )),
        "{stderr}"
    );
    assert_eq!(
        lines[3],
        format!(
            "error: {d}/04-customer-success.yaml: id: \"Customer_Success\" is not a kebab-case id (lowercase letters, digits and single dashes, e.g. \"saas-1-0\")"
        )
    );
    assert_eq!(lines[4], format!("{d}: 4 problems found"));
}

#[test]
fn other_commands_refuse_a_broken_model() {
    let dir = stage_copy();
    std::fs::write(dir.path().join("05-self-serve.yaml"), "").unwrap();
    salesevo()
        .arg("--stages")
        .arg(dir.path())
        .arg("stages")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "error: cannot use the stage folder {d}: the stage model has 1 problem\n  {d}/05-self-serve.yaml: the file is empty",
            d = dir.path().display()
        )));
}

#[test]
fn a_folder_without_stage_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), "no stage files (*.yaml) found");
}

#[test]
fn missing_numbers_are_caught() {
    let dir = stage_copy();
    std::fs::remove_file(dir.path().join("04-customer-success.yaml")).unwrap();
    refused(
        dir.path(),
        "number: is 8 but there are 7 stages; numbers must run 1..7 without gaps",
    );
}

#[test]
fn worries_may_pick_a_text_variant_but_never_decide_what_applies() {
    let dir = stage_copy();
    let path = dir.path().join("05-self-serve.yaml");
    let five = std::fs::read_to_string(&path).unwrap();
    let edit = |from: &str, to: &str| {
        let text = five.replacen(from, to, 1);
        assert_ne!(text, five, "{from} not found");
        std::fs::write(&path, text).unwrap();
    };
    // In a variant's `when`: valid.
    let licence = "      - when: {offering: [\"licence\"]}";
    edit(
        licence,
        &format!(
            "      - when: {{worries: [\"cost-of-sale\"]}}\n        text: Cut the cost of a sale.\n{licence}"
        ),
    );
    salesevo()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .success();
    // For a worry the trait does not answer: an error.
    edit(
        licence,
        &format!("      - when: {{worries: [\"churn\"]}}\n        text: Keep them.\n{licence}"),
    );
    refused(
        dir.path(),
        ".actions_for[0].when: worry \"churn\" is not among the trait's addresses",
    );
    // In `applies_when`: an error naming the field.
    let sizes = "      deal_size: [\"under-1k\", \"1k-10k\", \"10k-50k\"]\n";
    edit(sizes, &format!("{sizes}      worries: [churn]\n"));
    refused(
        dir.path(),
        "traits[0].applies_when: worries cannot decide whether a question applies",
    );
}

/// `validate DIR` fails with a message containing `expected`.
fn refused(dir: &std::path::Path, expected: &str) {
    salesevo()
        .arg("validate")
        .arg(dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(expected));
}
