//! Shell conventions: completions and the man page.
mod common;
use common::*;

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(salesevo().args(["completions", shell]));
        for sub in ["stages", "questions", "validate", "score"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
    }
}

#[test]
fn the_bash_completion_is_valid_bash() {
    let script = stdout_of(salesevo().args(["completions", "bash"]));
    let (_dir, path) = temp_file("salesevo.bash", &script);
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success());
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    salesevo().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_is_roff_with_every_subcommand_and_the_exit_codes() {
    let page = stdout_of(salesevo().arg("man"));
    assert!(page.contains(".TH salesevo 1"), "{page}");
    for sub in ["stages", "questions", "validate", "score", "completions"] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
    assert!(page.contains("Exit codes"));
}

#[test]
fn man_dir_writes_a_page_for_every_subcommand_the_main_page_refers_to() {
    // The folder is made if it does not exist, as ~/.local/share/man/man1 often does not.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("share/man/man1");
    salesevo()
        .arg("man")
        .arg("--dir")
        .arg(&dir)
        .assert()
        .success();
    let main = std::fs::read_to_string(dir.join("salesevo.1")).expect("salesevo.1");
    for sub in [
        "stages",
        "questions",
        "validate",
        "quiz",
        "score",
        "compare",
        "completions",
        "man",
    ] {
        // The main page refers to salesevo\-SUB(1): that page exists.
        assert!(main.contains(&format!("salesevo\\-{sub}(1)")), "{sub}");
        let page = dir.join(format!("salesevo-{sub}.1"));
        let text = std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("{}", page.display()));
        assert!(text.contains(".TH salesevo-"), "{sub}");
    }
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    for sub in [
        "stages",
        "questions",
        "validate",
        "score",
        "completions",
        "man",
    ] {
        let help = stdout_of(salesevo().args([sub, "--help"]));
        let examples = help
            .rfind("Examples:")
            .unwrap_or_else(|| panic!("{sub} has no examples"));
        let lines = help[examples..]
            .lines()
            .skip(1)
            .filter(|l| l.trim_start().starts_with("salesevo"))
            .count();
        assert!(lines >= 2, "{sub}: {lines} examples");
    }
}
