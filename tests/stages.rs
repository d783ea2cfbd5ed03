mod common;
use common::*;
use predicates::prelude::*;

#[test]
fn lists_the_eight_stages_in_order() {
    let out = stdout_of(salesevo().arg("stages"));
    let names = [
        "Mom and Pop",
        "Hunter/Farmer",
        "SaaS 1.0",
        "Customer Success",
        "Self-Serve",
        "Enterprise Sales",
        "Data-Driven",
        "Customer Happiness",
    ];
    let mut at = 0;
    for name in names {
        let pos = out[at..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing or out of order"));
        at += pos;
    }
}

#[test]
fn json_lists_every_field() {
    let json = json_of(salesevo().args(["stages", "--format", "json"]));
    let stages = json.as_array().expect("array");
    assert_eq!(stages.len(), 8);
    for field in [
        "id",
        "number",
        "name",
        "motto",
        "summary",
        "description",
        "focus",
        "carries_forward",
        "roles",
        "metrics",
        "pitfalls",
        "moving_on",
        "traits",
    ] {
        assert!(stages[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(
        stages[2]["traits"][0]["weight"].as_f64().map(|w| w > 0.0),
        Some(true)
    );
}

#[test]
fn one_stage_in_full_by_number_or_id() {
    let by_number = stdout_of(salesevo().args(["stages", "4"]));
    let by_id = stdout_of(salesevo().args(["stages", "customer-success"]));
    assert_eq!(by_number, by_id);
    for section in [
        "Stage 4 of 8: Customer Success",
        "Roles",
        "What gets measured",
        "Pitfalls",
        "Traits",
        "Moving on",
    ] {
        assert!(
            by_number.contains(section),
            "missing {section}:\n{by_number}"
        );
    }
}

#[test]
fn an_unknown_stage_lists_the_valid_ones() {
    salesevo()
        .args(["stages", "9"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no stage \"9\"; use a number, id or name: 1 mom-and-pop, 2 hunter-farmer",
        ));
}

#[test]
fn no_colour_when_not_a_terminal_and_colour_when_asked() {
    let plain = stdout_of(salesevo().args(["stages", "3"]));
    assert!(!plain.contains('\x1b'));
    let forced = stdout_of(salesevo().args(["--color", "always", "stages", "3"]));
    assert!(forced.contains("\x1b[1m"));
    let no_color = stdout_of(salesevo().env("NO_COLOR", "1").args(["stages"]));
    assert!(!no_color.contains('\x1b'));
}

#[test]
fn ascii_when_the_locale_is_not_utf8() {
    let out = stdout_of(salesevo().env("LC_ALL", "C").arg("stages"));
    assert!(out.is_ascii(), "{out}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_salesevo"))
        .args(["stages", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Hang up before it writes, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_custom_stage_folder_is_used() {
    let dir = stage_copy();
    let file = dir.path().join("03-saas-1-0.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replacen("name: SaaS 1.0", "name: Lead Machine", 1),
    )
    .expect("write");
    let out = stdout_of(salesevo().arg("--stages").arg(dir.path()).arg("stages"));
    assert!(out.contains("Lead Machine"));
}

#[test]
fn a_stage_is_found_by_its_name_and_a_near_miss_gets_a_suggestion() {
    let by_name = stdout_of(salesevo().args(["stages", "enterprise-sales"]));
    assert!(
        by_name.starts_with("Stage 6 of 8: Enterprise Sales"),
        "{by_name}"
    );
    let quoted = stdout_of(salesevo().args(["stages", "Customer Success"]));
    assert!(
        quoted.starts_with("Stage 4 of 8: Customer Success"),
        "{quoted}"
    );
    salesevo()
        .args(["stages", "enterprize"])
        .assert()
        .code(1)
        .stderr(predicates::str::starts_with(
            "error: no stage \"enterprize\"; did you mean enterprise (6 Enterprise Sales)?",
        ));
}

#[test]
fn a_stage_page_says_what_it_builds_on_and_what_builds_on_it() {
    let page = stdout_of(salesevo().args(["stages", "4"]));
    let lineage = page
        .split("Builds on\n")
        .nth(1)
        .expect("a Builds on section");
    let lineage = lineage.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        lineage.contains("It builds on stage 3 SaaS 1.0."),
        "{lineage}"
    );
    assert!(
        lineage.contains("Stages 5 Self-Serve, 6 Enterprise Sales, 7 Data-Driven and 8 Customer Happiness build on it"),
        "{lineage}"
    );
    let flat = |page: String| page.split_whitespace().collect::<Vec<_>>().join(" ");
    let eight = flat(stdout_of(salesevo().args(["stages", "8"])));
    assert!(eight.contains("No later stage builds on it."), "{eight}");
    let one = flat(stdout_of(salesevo().args(["stages", "1"])));
    assert!(
        one.contains("Later stages replace it rather than build on it."),
        "{one}"
    );
}

#[test]
fn on_a_colour_terminal_headers_are_as_wide_as_the_rows() {
    for command in ["stages", "questions"] {
        let out = stdout_of(salesevo().args([command, "--color", "always"]));
        let plain = |line: &str| {
            let mut text = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    chars.by_ref().find(|&c| c == 'm');
                } else {
                    text.push(c);
                }
            }
            text.chars().count()
        };
        let lines: Vec<&str> = out.lines().take(5).collect();
        assert!(lines[1].contains('\x1b'), "{command}: no colour at all");
        let widths: Vec<usize> = lines.iter().map(|l| plain(l)).collect();
        assert!(
            widths.iter().all(|w| *w == widths[0]),
            "{command}: {widths:?}"
        );
    }
}
