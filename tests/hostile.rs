//! Input written by someone else: whatever is in it, a clear error or a
//! result, never a panic, a hang or a corrupted terminal.
mod common;
use common::*;
use predicates::prelude::*;

#[test]
fn escape_sequences_in_an_organisation_name_are_shown_not_obeyed() {
    let (_dir, path) = temp_file(
        "evil.yaml",
        "organisation: \"Evil\\e[2J\\e[31mCorp\\u202e\"\nanswers:\n  owners-sell-personally: 3\n",
    );
    let out = stdout_of(salesevo().arg("score").arg(&path));
    assert!(
        !out.contains('\x1b') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(
        out.starts_with("Evil\\u{1b}[2J\\u{1b}[31mCorp\\u{202e}: stage 1"),
        "{out}"
    );
    // JSON keeps the name as given, escaped by JSON itself.
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "json"]),
    );
    assert_eq!(json["organisation"], "Evil\x1b[2J\x1b[31mCorp\u{202e}");
}

#[test]
fn escape_sequences_in_error_messages_are_shown_not_obeyed() {
    let (_dir, path) = temp_file("evil.yaml", "answers:\n  \"owners-sell\\e[31m\": 3\n");
    let out = salesevo().arg("score").arg(&path).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains('\x1b'));
    assert!(
        stderr.contains("unknown question id \"owners-sell\\u{1b}[31m\""),
        "{stderr}"
    );
}

#[test]
fn control_characters_in_stage_texts_fail_validation() {
    let dir = stage_copy();
    let file = dir.path().join("06-enterprise.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("motto: ", "motto: \"\\e]0;pwned\\a\" # ", 1),
    )
    .unwrap();
    salesevo()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "06-enterprise.yaml: motto: contains the control character U+001B; stage texts are printed to terminals, so remove it",
        ));
}

#[test]
fn a_full_disk_is_a_clear_error() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salesevo"))
        .arg("stages")
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(&path, b"organisation: M\xfcller\nanswers: {}\n").unwrap();
    salesevo()
        .arg("score")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "latin1.yaml: not valid UTF-8 text\n",
        ));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("windows.yaml");
    std::fs::write(
        &path,
        b"\xef\xbb\xbforganisation: Windows Co\r\nanswers:\r\n  owners-sell-personally: 3\r\n",
    )
    .unwrap();
    let json = json_of(
        salesevo()
            .arg("score")
            .arg(&path)
            .args(["--format", "json"]),
    );
    assert_eq!(json["organisation"], "Windows Co");
    assert_eq!(json["answered"], 1);
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let text = format!("answers: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (_dir, path) = temp_file("deep.yaml", &text);
    salesevo()
        .arg("score")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("deep.yaml line 1"));
}
