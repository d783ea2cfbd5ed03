//! One function per subcommand: load what it needs, call the library, render.

mod layout;
mod score;

pub use score::{ScoreOptions, score};

use crate::cli::{Cli, Command};
use crate::compare;
use crate::exit_codes::ExitCode;
use crate::export::batch;
use crate::export::{Format, exporter, render_comparison};
use crate::input;
use crate::model::{self, Model};
use crate::quiz;
use crate::style::Style;
use anyhow::{Context, bail};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// Runs the parsed command, writing results to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let style = Style::detect(cli.color);
    match cli.command {
        Command::Stages { stage, format } => {
            let model = load_model(cli.stages.as_deref())?;
            let exporter = exporter(format, style)?;
            match stage {
                None => exporter.stages(&model, out)?,
                Some(key) => exporter.stage(&model, find_stage(&model, &key)?, out)?,
            }
        }
        Command::Questions { format, with_text } => {
            let model = load_model(cli.stages.as_deref())?;
            if with_text && format != Format::Csv {
                eprintln!("error: --with-text goes with --format csv");
                return Ok(ExitCode::Usage);
            }
            match format {
                Format::Csv => batch::csv_questions(&model, with_text, out)?,
                _ => exporter(format, style)?.questions(&model, out)?,
            }
        }
        Command::Validate { dir } => {
            return validate(dir.as_deref().or(cli.stages.as_deref()), out);
        }
        Command::Score {
            files,
            format,
            input_format,
            strict_columns,
            sheet,
            keep_going,
            summary,
            target,
        } => {
            if summary && format == Format::Csv {
                eprintln!(
                    "error: --summary does not go with --format csv (a CSV file holds one table); \
                     use table, json, jsonl, yaml or markdown"
                );
                return Ok(ExitCode::Usage);
            }
            let model = load_model(cli.stages.as_deref())?;
            let options = ScoreOptions {
                format,
                input_format,
                strict_columns,
                sheet,
                keep_going,
                summary,
                style,
                target,
            };
            let code = score(&model, &files, &options, out)?;
            out.flush()?;
            return Ok(code);
        }
        Command::Compare {
            before,
            after,
            format,
        } => {
            let model = load_model(cli.stages.as_deref())?;
            let (before_name, before_set) = compare_input(&model, &before)?;
            let (after_name, after_set) = compare_input(&model, &after)?;
            let comparison =
                compare::compare(&model, (&before_name, before_set), (&after_name, after_set))?;
            for warning in comparison.warnings() {
                eprintln!("warning: {}", crate::text::printable(&warning));
            }
            render_comparison(&comparison, format, style, out)?;
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "salesevo", out);
        }
        Command::Man { dir: None } => clap_mangen::Man::new(Cli::command()).render(out)?,
        Command::Man { dir: Some(dir) } => {
            // A man folder of one's own (~/.local/share/man/man1) often does
            // not exist yet.
            std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir))
                .with_context(|| format!("cannot write man pages to {}", dir.display()))?;
            writeln!(out, "man pages written to {}", dir.display())?;
        }
        Command::Quiz {
            save,
            resume,
            format,
            quick,
        } => {
            let model = load_model(cli.stages.as_deref())?;
            let opts = quiz::QuizOptions {
                save,
                resume,
                format,
                stages: cli.stages,
                color: cli.color,
                quick,
            };
            return quiz::run(&model, &opts, style, out);
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}

/// A stage by number, id or name, or an error with a suggestion and the valid ones.
fn find_stage<'m>(model: &'m Model, key: &str) -> anyhow::Result<&'m crate::model::Stage> {
    model.find_stage(key).ok_or_else(|| {
        let ids: Vec<String> = model
            .stages()
            .iter()
            .map(|s| format!("{} {}", s.number, s.id))
            .collect();
        let key = crate::text::one_line(key);
        match model.closest_stage(&key) {
            Some(s) => anyhow::anyhow!(
                "no stage \"{key}\"; did you mean {} ({} {})? Use a number, id or name: {}",
                s.id,
                s.number,
                s.name,
                ids.join(", ")
            ),
            None => anyhow::anyhow!(
                "no stage \"{key}\"; use a number, id or name: {}",
                ids.join(", ")
            ),
        }
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

fn validate(dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
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
            Ok(ExitCode::Success)
        }
        Err(err) => {
            let n = err.problems.len();
            for p in &err.problems {
                eprintln!("error: {}", crate::text::printable(&p.to_string()));
            }
            eprintln!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
            Ok(ExitCode::Failure)
        }
    }
}

/// The text of a file or of stdin, with the name to use in messages.
/// One side of `compare`: a YAML or JSON answer set or saved result (read
/// by [`compare::read`]), or a CSV or JSON Lines file holding exactly one
/// answer set, read as `score` reads it.
fn compare_input(
    model: &Model,
    path: &Path,
) -> anyhow::Result<(String, crate::answers::RawAnswerSet)> {
    use crate::answers::{Position, RawAnswer, RawAnswerSet};
    use input::InputFormat::{Csv, Jsonl, Spreadsheet};
    // A workbook is no text: it is read as `score` reads it, unread here.
    let by_name = input::InputFormat::from_extension(path);
    let (name, format) = if by_name == Some(Spreadsheet) {
        (path.display().to_string(), by_name)
    } else {
        let (name, text) = input::read_one(path)?;
        let format = by_name.or_else(|| input::InputFormat::sniff(text.as_bytes()));
        if !matches!(format, Some(Csv | Jsonl)) {
            let set = compare::read(&text, &name)?;
            return Ok((name, set));
        }
        (name, format)
    };
    if path == Path::new("-") {
        bail!(
            "{name}: compare reads CSV, JSON Lines and workbooks from a file, not from standard input"
        );
    }
    let mut sets = Vec::new();
    let options = input::ReadOptions {
        format,
        ..input::ReadOptions::default()
    };
    input::read(path, &options, model, &mut |item: input::Item| {
        sets.push(item);
        Ok(())
    })?;
    match sets.len() {
        1 => {}
        n => bail!("{name}: compare takes one answer set per file; this one holds {n}"),
    }
    let respondent = sets.remove(0)?;
    let set = RawAnswerSet {
        organisation: respondent.organisation,
        date: respondent.date,
        context: respondent
            .context
            .pairs()
            .into_iter()
            .map(|(id, value)| RawAnswer {
                id: id.to_string(),
                value,
                position: Position::Unknown,
            })
            .collect(),
        answers: model
            .traits()
            .zip(respondent.answers)
            .map(|((_, t), answer)| RawAnswer {
                id: t.id.clone(),
                value: answer.to_value(),
                position: Position::Unknown,
            })
            .collect(),
    };
    Ok((name, set))
}
