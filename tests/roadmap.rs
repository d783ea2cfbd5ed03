//! `salesevo score FILE --target STAGE`.
mod common;
use common::*;
use predicates::prelude::*;

const STAGE_5: &str = "examples/stage-5-try-and-buy.yaml";

fn roadmap(target: &str) -> serde_json::Value {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo(STAGE_5))
            .args(["--target", target, "--format", "json"]),
    );
    assert_eq!(json["stage"]["number"], 5);
    json["roadmap"].clone()
}

fn legs(r: &serde_json::Value) -> Vec<(u64, String)> {
    r["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["stage"]["number"].as_u64().unwrap(),
                l["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_target_above_lists_each_stage_it_needs_on_the_way() {
    // Customer happiness builds on data, which this self-serve company lacks;
    // it does not need an enterprise team.
    let r = roadmap("customer-happiness");
    assert_eq!(r["ahead"], true);
    assert_eq!(
        legs(&r),
        vec![(7, "on the way".into()), (8, "target".into())]
    );
    for leg in r["legs"].as_array().unwrap() {
        assert!(!leg["steps"].as_array().unwrap().is_empty());
    }
    let out = stdout_of(
        salesevo()
            .arg("score")
            .arg(repo(STAGE_5))
            .args(["--target", "8"]),
    );
    assert!(
        out.contains("Roadmap from stage 5 Self-Serve to stage 8 Customer Happiness"),
        "{out}"
    );
    assert!(
        out.contains("1. Stage 7 Data-Driven (on the way, fits 32%)"),
        "{out}"
    );
    assert!(
        out.contains("2. Stage 8 Customer Happiness (target, fits 19%)"),
        "{out}"
    );
}

#[test]
fn skipped_foundations_come_first() {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo("examples/born-self-serve.yaml"))
            .args(["--target", "8", "--format", "json"]),
    );
    assert_eq!(
        legs(&json["roadmap"]),
        vec![
            (4, "skipped foundation".into()),
            (7, "on the way".into()),
            (8, "target".into())
        ]
    );
}

#[test]
fn a_target_equal_or_below_strengthens_the_current_stage() {
    for target in ["5", "3"] {
        let r = roadmap(target);
        assert_eq!(r["ahead"], false);
        assert_eq!(legs(&r), vec![(5, "current stage".into())]);
    }
    let out = stdout_of(
        salesevo()
            .arg("score")
            .arg(repo(STAGE_5))
            .args(["--target", "3"]),
    );
    assert!(
        out.contains("stage 3 SaaS 1.0 is already at or below where you are"),
        "{out}"
    );
}

#[test]
fn without_target_there_is_no_roadmap_and_a_bad_target_is_an_error() {
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(repo(STAGE_5))
            .args(["--format", "json"]),
    );
    assert!(json.get("roadmap").is_none());
    salesevo()
        .arg("score")
        .arg(repo(STAGE_5))
        .args(["--target", "12"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no stage \"12\"; use a number, id or name: 1 mom-and-pop",
        ));
}

#[test]
fn a_target_below_that_is_only_partly_in_place_is_a_leg_before_the_current_stage() {
    // The self-serve example with its customer-success practices only
    // partly in place (stage 4 at 50%): asked for stage 4, the roadmap
    // strengthens stage 4, then the current stage.
    let text = std::fs::read_to_string(repo(STAGE_5)).unwrap();
    let text = [
        "csm-onboards-every-customer",
        "logo-churn-reviewed",
        "go-live-time-measured",
    ]
    .iter()
    .fold(text, |t, id| {
        t.replace(&format!("  {id}: 3"), &format!("  {id}: 2"))
    });
    let (_dir, path) = temp_file("partly.yaml", &text);
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--target", "4", "--format", "json"]),
    );
    assert_eq!(json["stage"]["number"], 5);
    let r = &json["roadmap"];
    assert_eq!(r["ahead"], false);
    assert_eq!(
        legs(r),
        vec![(4, "target".into()), (5, "current stage".into())]
    );
    let out = stdout_of(salesevo().arg("score").arg(&path).args(["--target", "4"]));
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("not yet in place: to strengthen it and the current stage:"),
        "{out}"
    );
}
