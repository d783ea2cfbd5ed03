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
        out.starts_with("Evil\\u{1b}[2J\\u{1b}[31mCorp\\u{202e}: not placed"),
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

/// Runs `salesevo score FILE --format json` on `bytes` saved as `name`;
/// returns (exit code, stderr).
fn score_bytes(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = salesevo()
        .arg("score")
        .arg(&path)
        .args(["--format", "json"])
        // A guard against hangs, not a speed test.
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&path.display().to_string(), name);
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    // "Billion laughs": nine levels of nine aliases each.
    let mut text = String::from(
        "organisation: x\nanswers:\n  k0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("  k{i}: &a{i} [{refs}]\n"));
    }
    let (code, stderr) = score_bytes("bomb.yaml", text.as_bytes());
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error: bomb.yaml line 3"), "{stderr}");
}

#[test]
fn nesting_100000_deep_is_refused_in_every_format() {
    let open = "[".repeat(100_000);
    let close = "]".repeat(100_000);
    for (name, text) in [
        ("deep.yaml", format!("organisation: {open}{close}\n")),
        (
            "deep.json",
            format!("{{\"organisation\": {open}{close}}}\n"),
        ),
        (
            "deep.jsonl",
            format!("{{\"organisation\": {open}{close}}}\n"),
        ),
    ] {
        let (code, stderr) = score_bytes(name, text.as_bytes());
        assert_eq!(code, 1, "{name}");
        assert_eq!(
            stderr,
            format!("error: {name} line 1: recursion limit exceeded\n"),
            "{name}"
        );
    }
}

#[test]
fn a_50_mb_value_is_refused_in_every_format_with_flat_memory() {
    let limit = "one answer set takes more than 1 MiB of input; an answer set is a few kilobytes";
    for (name, before, after, at) in [
        (
            "big.yaml",
            "organisation: ",
            "\nanswers: {}\n",
            "big.yaml: cannot read",
        ),
        (
            "big.json",
            "{\"organisation\": \"",
            "\"}\n",
            "big.json line 1",
        ),
        (
            "big.jsonl",
            "{\"organisation\": \"",
            "\"}\n",
            "big.jsonl line 1: cannot read",
        ),
        (
            "big.csv",
            "organisation,owners-sell-personally\n",
            ",3\n",
            "big.csv row 2: cannot read",
        ),
    ] {
        // Written in pieces: a 50 MB string in this process would count in
        // the children's peak memory below (a forked child starts as a copy).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        use std::io::Write;
        file.write_all(before.as_bytes()).unwrap();
        let piece = vec![b'A'; 1 << 20];
        for _ in 0..50 {
            file.write_all(&piece).unwrap();
        }
        file.write_all(after.as_bytes()).unwrap();
        drop(file);
        let out = salesevo().arg("score").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr =
            String::from_utf8_lossy(&out.stderr).replace(&path.display().to_string(), name);
        assert_eq!(stderr, format!("error: {at}: {limit}\n"), "{name}");
    }
    // The most memory any child of this test binary has held so far.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_mib = usage.ru_maxrss / 1024;
    assert!(peak_mib < 64, "a child reached {peak_mib} MiB");
}

#[test]
fn a_csv_with_10000_columns_is_a_clear_error() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let text = format!(
        "organisation,{}\nx,{}\n",
        header.join(","),
        vec!["1"; 10_000].join(",")
    );
    let (code, stderr) = score_bytes("wide.csv", text.as_bytes());
    assert_eq!(code, 1);
    // Columns that are not questions are ignored; with none left, it is an error.
    assert!(
        stderr.starts_with("error: wide.csv row 1: no column is a question id"),
        "{}",
        &stderr[..400.min(stderr.len())]
    );
    let row = format!(
        "organisation,owners-sell-personally\nx,3{}\n",
        ",1".repeat(10_000)
    );
    let (code, stderr) = score_bytes("wide-row.csv", row.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: wide-row.csv row 2: has 10002 cells, the header has 2\n"
    );
}

#[test]
fn a_csv_with_a_byte_order_mark_and_crlf_is_read() {
    let (code, stderr) = score_bytes(
        "excel.csv",
        b"\xef\xbb\xbforganisation,owners-sell-personally\r\nAcme,3\r\nBeta,1\r\n",
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn an_empty_file_is_a_clear_error_in_every_format() {
    for (name, message) in [
        (
            "empty.yaml",
            "the file is empty; expected an answer set (`salesevo questions --format yaml` prints one to fill in)",
        ),
        (
            "empty.json",
            "the file is empty; expected an answer set object or an array of them",
        ),
        (
            "empty.csv",
            "the file is empty; expected a header row of question ids (`salesevo questions --format csv` prints one)",
        ),
    ] {
        let (code, stderr) = score_bytes(name, b"");
        assert_eq!(code, 1, "{name}");
        assert_eq!(stderr, format!("error: {name}: {message}\n"));
    }
    // An empty stream of lines holds nothing to score: an input error too,
    // not an empty result that a script would take for a scored batch.
    assert_eq!(
        score_bytes("empty.jsonl", b""),
        (1, "error: no answer sets in empty.jsonl\n".to_string())
    );
}

#[test]
fn a_file_without_read_permission_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.yaml");
    std::fs::write(&path, "answers: {}\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root reads anything: run as nobody there (setpriv is in util-linux).
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_salesevo"),
        ]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_salesevo"))
    };
    let out = cmd.arg("score").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {}: cannot read: Permission denied (os error 13)\n",
            path.display()
        )
    );
}

#[test]
fn a_stage_file_over_1_mib_is_refused() {
    let dir = stage_copy();
    std::fs::write(
        dir.path().join("09-huge.yaml"),
        format!("id: x\n{}", "#".repeat(2_000_000)),
    )
    .unwrap();
    salesevo()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "09-huge.yaml: larger than 1 MiB; a stage file is a few kilobytes",
        ));
}

#[test]
fn escape_sequences_and_html_in_batch_names_are_shown_not_obeyed_in_every_format() {
    let (_dir, path) = temp_file(
        "rows.csv",
        "organisation,development-reps-qualify-leads\n\"\x1b[2J\x1b[31m\x07EVIL <script>alert(1)</script>\",3\nPlain,2\n",
    );
    for format in ["table", "markdown", "csv", "json", "jsonl", "yaml"] {
        for color in ["never", "always"] {
            let out = salesevo()
                .arg("score")
                .arg(&path)
                .args(["--format", format, "--color", color])
                .assert()
                .success();
            let bytes = &out.get_output().stdout;
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains("\x1b[2J") && !text.contains('\x07'),
                "{format}: {text:?}"
            );
            // Shown as escapes (JSON's own \u001b, YAML's own \e), the row kept.
            assert!(
                text.contains("u{1b}") || text.contains("u001b") || text.contains("\\e[2J"),
                "{format}: {text}"
            );
            if format == "markdown" {
                assert!(!text.contains("<script>"), "{format}: {text}");
            }
        }
    }
}

/// The reproduction: escape sequences and a script tag in a CSV
/// organisation, through every batch format, with colour on and off.
#[test]
fn a_hostile_organisation_reaches_no_batch_format_raw() {
    const EVIL: &str = "\x1b[2J\x1b[31mEVIL <script>alert(1)</script>";
    let (dir, _) = temp_file(
        "rows.csv",
        &format!("organisation,owners-sell-personally\n\"{EVIL}\",3\nPlain,2\n"),
    );
    for format in ["table", "markdown", "csv", "json", "jsonl", "yaml"] {
        for color in ["never", "always"] {
            let out = salesevo()
                .current_dir(dir.path())
                .args(["score", "rows.csv", "--format", format, "--color", color])
                .output()
                .unwrap();
            assert!(out.status.success(), "{format} {color}");
            let text = String::from_utf8(out.stdout).unwrap();
            let case = format!("{format} --color {color}: {text:?}");
            assert!(!text.contains('\x07'), "BEL in {case}");
            assert!(!text.contains("<script>"), "<script> in {case}");
            assert!(!text.contains("\x1b[31mEVIL"), "input's SGR in {case}");
            // Colour on: only our own styling (SGR sequences) may remain.
            let ours = strip_sgr(&text);
            assert!(!ours.contains('\x1b'), "ESC in {case}");
            if color == "never" || format != "table" {
                assert_eq!(ours, text, "styling in {case}");
            }
            // The machine formats keep the name as given, escaped by the format.
            let first = match format {
                "json" => serde_json::from_str::<serde_json::Value>(&text).unwrap()[0].clone(),
                "jsonl" => serde_json::from_str(text.lines().next().unwrap()).unwrap(),
                "yaml" => serde_saphyr::from_str::<serde_json::Value>(&text).unwrap()[0].clone(),
                _ => continue,
            };
            assert_eq!(first["organisation"], EVIL, "{case}");
        }
    }
}

/// `text` without SGR sequences (`ESC [ digits ; m`), the only escapes
/// salesevo writes itself.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find(|c: char| !(c.is_ascii_digit() || c == ';'));
        match end {
            Some(e) if after[e..].starts_with('m') => rest = &after[e + 1..],
            _ => {
                out.push_str(&rest[i..i + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
