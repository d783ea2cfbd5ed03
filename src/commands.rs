//! One function per subcommand: load what it needs, call the library, render.

use crate::answers;
use crate::cli::{Cli, Command};
use crate::compare;
use crate::export::{exporter, render_comparison};
use crate::model::{self, Model};
use crate::quiz;
use crate::roadmap;
use crate::scoring;
use crate::style::Style;
use anyhow::{Context, bail};
use clap::CommandFactory;
use std::io::{Read, Write};
use std::path::Path;

/// Exit codes, documented in `--help`.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    /// The quiz was stopped with Ctrl-C (its answers are saved), as shells
    /// report a command ended by SIGINT.
    pub const INTERRUPTED: u8 = 130;
}

/// Runs the parsed command, writing results to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<u8> {
    let style = Style::detect(cli.color);
    match cli.command {
        Command::Stages { stage, format } => {
            let model = load_model(cli.stages.as_deref())?;
            let exporter = exporter(format, style);
            match stage {
                None => exporter.stages(&model, out)?,
                Some(key) => exporter.stage(&model, find_stage(&model, &key)?, out)?,
            }
        }
        Command::Questions { format } => {
            let model = load_model(cli.stages.as_deref())?;
            exporter(format, style).questions(&model, out)?;
        }
        Command::Validate { dir } => {
            return validate(dir.as_deref().or(cli.stages.as_deref()), out);
        }
        Command::Score {
            file,
            format,
            target,
        } => {
            let model = load_model(cli.stages.as_deref())?;
            let target = match target {
                Some(key) => Some(find_stage(&model, &key)?),
                None => None,
            };
            let (name, text) = read_input(&file)?;
            let set = answers::from_yaml(&text, &name)?.resolve(&model, &name)?;
            let mut diagnosis = scoring::diagnose(&model, &set);
            if let Some(target) = target {
                diagnosis.roadmap = Some(roadmap::roadmap(&model, &set, &diagnosis, target));
            }
            exporter(format, style).diagnosis(&diagnosis, out)?;
        }
        Command::Compare {
            before,
            after,
            format,
        } => {
            let model = load_model(cli.stages.as_deref())?;
            let (before_name, before_text) = read_input(&before)?;
            let (after_name, after_text) = read_input(&after)?;
            let before_set = compare::read(&before_text, &before_name)?;
            let after_set = compare::read(&after_text, &after_name)?;
            let comparison =
                compare::compare(&model, (&before_name, before_set), (&after_name, after_set))?;
            for warning in comparison.warnings() {
                eprintln!("warning: {warning}");
            }
            render_comparison(&comparison, format, style, out)?;
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "salesevo", out);
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(out)?,
        Command::Quiz {
            save,
            resume,
            format,
        } => {
            let model = load_model(cli.stages.as_deref())?;
            let opts = quiz::QuizOptions {
                save,
                resume,
                format,
                stages: cli.stages,
            };
            return quiz::run(&model, &opts, style, out);
        }
    }
    out.flush()?;
    Ok(exit::SUCCESS)
}

/// A stage by number or id, or an error listing the valid ones.
fn find_stage<'m>(model: &'m Model, key: &str) -> anyhow::Result<&'m crate::model::Stage> {
    model.find_stage(key).ok_or_else(|| {
        let ids: Vec<String> = model
            .stages()
            .iter()
            .map(|s| format!("{} {}", s.number, s.id))
            .collect();
        anyhow::anyhow!("no stage \"{key}\"; use a number or id: {}", ids.join(", "))
    })
}

/// The built-in model, or the folder given.
pub fn load_model(dir: Option<&Path>) -> anyhow::Result<Model> {
    match dir {
        None => Ok(model::load_embedded()?),
        Some(dir) => model::load_dir(dir)
            .with_context(|| format!("cannot use the stage folder {}", dir.display())),
    }
}

fn validate(dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<u8> {
    let (name, result) = match dir {
        Some(dir) => (dir.display().to_string(), model::load_dir(dir)),
        None => ("the built-in model".to_string(), model::load_embedded()),
    };
    match result {
        Ok(model) => {
            writeln!(
                out,
                "{name}: valid, {} stages, {} traits",
                model.stages().len(),
                model.trait_count()
            )?;
            Ok(exit::SUCCESS)
        }
        Err(err) => {
            let n = err.problems.len();
            for p in &err.problems {
                eprintln!("error: {p}");
            }
            eprintln!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
            Ok(exit::FAILURE)
        }
    }
}

/// The text of a file or of stdin, with the name to use in messages.
pub fn read_input(path: &Path) -> anyhow::Result<(String, String)> {
    let mut bytes = Vec::new();
    let name = if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        "<stdin>".to_string()
    } else {
        let name = path.display().to_string();
        if path.is_dir() {
            bail!("{name}: is a folder, not an answer file");
        }
        bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        name
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not valid UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}
