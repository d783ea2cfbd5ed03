//! The commands the quiz prints for the respondent to type later: they must
//! work as printed, so the program is named the way this shell can run it.

use std::path::{Path, PathBuf};

/// How to call this program again: `salesevo` when that is what the PATH
/// finds, else the path this run was started with (after `cargo run`,
/// `salesevo` is often not on the PATH at all).
pub fn program() -> String {
    let me = std::env::current_exe().ok();
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("salesevo"))
            .find(|candidate| candidate.is_file())
    });
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match (me, on_path) {
        (Some(me), Some(found)) if same(&me, &found) => "salesevo".to_string(),
        (Some(me), _) => shell_quote(&started_as(&me)),
        (None, _) => "salesevo".to_string(),
    }
}

/// The program as started: relative to the current folder when it lies
/// below it (`./target/release/salesevo`), else absolute.
fn started_as(exe: &Path) -> PathBuf {
    match std::env::current_dir()
        .ok()
        .and_then(|cwd| exe.strip_prefix(cwd).ok().map(Path::to_path_buf))
    {
        Some(relative) => Path::new(".").join(relative),
        None => exe.to_path_buf(),
    }
}

/// A path as typed in a POSIX shell: as it is when safe, else single-quoted.
pub fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if safe {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(
            shell_quote(Path::new("answers/acme-2.yaml")),
            "answers/acme-2.yaml"
        );
        assert_eq!(
            shell_quote(Path::new("my answers.yaml")),
            "'my answers.yaml'"
        );
        assert_eq!(shell_quote(Path::new("it's.yaml")), r"'it'\''s.yaml'");
    }

    #[test]
    fn a_test_binary_is_not_the_salesevo_on_the_path() {
        // The test harness is not `salesevo`: its own path is printed.
        let name = program();
        assert_ne!(name, "salesevo");
        assert!(name.contains('/'), "{name}");
    }
}
