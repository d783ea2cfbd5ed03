//! Shared harness: the real binary with a predictable environment.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The salesevo binary, with colour off and a UTF-8 locale.
pub fn salesevo() -> Command {
    let mut cmd = Command::cargo_bin("salesevo").expect("binary is built");
    cmd.env_remove("NO_COLOR")
        .env_remove("LANG")
        .env_remove("LC_CTYPE")
        .env("LC_ALL", "C.UTF-8")
        .env("RUST_BACKTRACE", "1");
    cmd
}

/// A file under the repository's root.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A copy of the built-in stage folder in a temporary directory, to break.
pub fn stage_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(repo("stages")).expect("stages/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

/// Writes `text` to `name` in a new temporary directory.
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON")
}
