//! The README's examples are the tool's real output: every command of a
//! `console` block is run (in a scratch folder holding `examples/` and
//! `stages/`) and its output compared with the block; the blocks introduced
//! as "(lines cut at N characters here)" are compared line by line up to the
//! cut. In a block, a line holding only `...` stands for any number of
//! lines, and a line ending in `...` for any line that starts with the rest.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

const README: &str = include_str!("../README.md");

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch folder as a reader of the README has it: the examples, the
/// stage files, and the broken copy of them that `validate my-stages`
/// shows (a list where the id goes, an unknown field, a weight of 0).
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("examples"), &dir.path().join("examples"));
    copy_dir(&repo.join("stages"), &dir.path().join("stages"));
    let mine = dir.path().join("my-stages");
    copy_dir(&repo.join("stages"), &mine);
    let edit = |file: &str, change: &dyn Fn(String) -> String| {
        let path = mine.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, change(text)).unwrap();
    };
    edit("01-mom-and-pop.yaml", &|t| {
        t.replacen("id: mom-and-pop", "id: [mom-and-pop]", 1)
    });
    edit("02-hunter-farmer.yaml", &|t| {
        t.replacen(
            "name: Hunter/Farmer\n",
            "name: Hunter/Farmer\nslogan: Leads first\n",
            1,
        )
    });
    edit("03-saas-1-0.yaml", &|t| {
        t.replacen("weight: 3", "weight: 0", 1)
    });
    dir
}

/// Runs `command` with `sh` in `dir`, the built binary first on the PATH.
fn run(dir: &Path, command: &str) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_salesevo")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .env("PATH", path)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text.trim_end().to_string()
}

/// Whether `got` is what `expected` shows (see the module comment).
fn matches(expected: &[&str], got: &[&str]) -> bool {
    match expected.split_first() {
        None => got.is_empty(),
        Some((line, rest)) if line.trim() == "..." => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((line, rest)) => got.split_first().is_some_and(|(first, more)| {
            let same = match line.strip_suffix("...") {
                Some(start) => first.starts_with(start),
                None => first == line,
            };
            same && matches(rest, more)
        }),
    }
}

/// The `console` blocks: each command with the lines shown after it.
fn console_commands() -> Vec<(String, Vec<&'static str>)> {
    let mut commands = Vec::new();
    let mut blocks = Vec::new();
    // A block that shows Markdown with fences of its own is fenced with four.
    for (open, close) in [
        ("\n```console\n", "\n```\n"),
        ("\n````console\n", "\n````\n"),
    ] {
        for block in README.split(open).skip(1) {
            blocks.push(&block[..block.find(close).unwrap() + 1]);
        }
    }
    for block in blocks {
        for line in block.lines() {
            if let Some(command) = line.strip_prefix("$ ") {
                commands.push((command.to_string(), Vec::new()));
            } else if let Some((_, shown)) = commands.last_mut() {
                shown.push(line);
            }
        }
    }
    commands
}

#[test]
fn every_console_block_of_the_readme_shows_what_its_commands_print() {
    let dir = scratch();
    let commands = console_commands();
    assert!(commands.len() > 10, "{} commands", commands.len());
    let mut wrong = Vec::new();
    for (command, shown) in &commands {
        // A command shown without output (one that writes a file) is run
        // for what the next ones need.
        let got = run(dir.path(), command);
        let shown_text = shown.join("\n");
        if shown_text.trim().is_empty() {
            continue;
        }
        let shown: Vec<&str> = shown_text.trim_end().lines().collect();
        if !matches(&shown, &got.lines().collect::<Vec<_>>()) {
            wrong.push(format!(
                "$ {command}\n--- README\n{shown_text}\n--- got\n{got}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn every_cut_example_of_the_readme_starts_as_the_real_output() {
    let dir = scratch();
    let mut checked = 0;
    for (i, _) in README.match_indices("(lines cut at ") {
        // "`salesevo ...` (lines cut at N characters here):", then a block.
        let line_start = README[..i].rfind('\n').map_or(0, |n| n + 1);
        let command = README[line_start..i]
            .trim()
            .trim_matches('`')
            .trim_end_matches('`');
        let after = &README[i..];
        let open = after.find("```").unwrap();
        let body = &after[open..];
        let body = &body[body.find('\n').unwrap() + 1..];
        let body = &body[..body.find("```").unwrap()];
        let got = run(dir.path(), command);
        let got: Vec<&str> = got.lines().collect();
        let shown: Vec<&str> = body.lines().collect();
        assert_eq!(shown.len(), got.len(), "{command}: lines\n{body}");
        for (shown, got) in shown.iter().zip(&got) {
            let start = shown.strip_suffix("...").unwrap_or(shown);
            assert!(got.starts_with(start), "{command}:\n{shown}\n{got}");
        }
        checked += 1;
    }
    assert!(checked >= 2, "{checked} cut examples");
}
