//! One function per subcommand: load what it needs, call the library, render.

use crate::answers::{self, AnswerError, Respondent};
use crate::cli::{Cli, Command};
use crate::compare;
use crate::export::batch::{self, ResultWriter, Scored};
use crate::export::{Format, exporter, render_comparison};
use crate::input::{self, Event, InputFormat, Layout};
use crate::model::{self, Model};
use crate::quiz;
use crate::roadmap;
use crate::scoring::{self, Assessment, Scorer, Steps};
use crate::style::Style;
use crate::summary::SummaryBuilder;
use anyhow::{Context, bail};
use clap::CommandFactory;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Exit codes, documented in `--help`.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    /// The quiz was stopped with Ctrl-C (its answers are saved), as shells
    /// report a command ended by SIGINT.
    pub const INTERRUPTED: u8 = 130;
    /// `score --keep-going` left out bad answer sets: the output is partial.
    pub const PARTIAL: u8 = 3;
}

/// Runs the parsed command, writing results to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<u8> {
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
                return Ok(exit::USAGE);
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
            keep_going,
            summary,
            target,
        } => {
            if summary && format == Format::Csv {
                eprintln!(
                    "error: --summary does not go with --format csv (a CSV file holds one table); \
                     use table, json, jsonl, yaml or markdown"
                );
                return Ok(exit::USAGE);
            }
            let model = load_model(cli.stages.as_deref())?;
            let options = ScoreOptions {
                format,
                input_format,
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
            let (before_name, before_text) = read_input(&before)?;
            let (after_name, after_text) = read_input(&after)?;
            let before_set = compare::read(&before_text, &before_name)?;
            let after_set = compare::read(&after_text, &after_name)?;
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
                eprintln!("error: {}", crate::text::printable(&p.to_string()));
            }
            eprintln!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
            Ok(exit::FAILURE)
        }
    }
}

/// How `score` reads and writes.
pub struct ScoreOptions {
    pub format: Format,
    pub input_format: Option<InputFormat>,
    pub keep_going: bool,
    pub summary: bool,
    pub style: Style,
    /// `--target`: a roadmap to this stage (number or id) for one organisation.
    pub target: Option<String>,
}

/// The first bad answer set, without --keep-going: reported, and the run ends.
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped at a bad answer set")
    }
}

impl std::error::Error for Stopped {}

/// Reads, scores and writes every answer set of `files` one at a time;
/// returns the exit code. Bad answer sets are reported on stderr as they come.
pub fn score(
    model: &Model,
    files: &[PathBuf],
    options: &ScoreOptions,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let target = match options.target.as_deref() {
        Some(key) => Some(find_stage(model, key)?),
        None => None,
    };
    let scorer = Scorer::new(model);
    let mut run = Run {
        target,
        scorer: &scorer,
        options,
        writer: batch::result_writer(
            options.format,
            options.style,
            &scorer,
            options.summary,
            std::io::stdout().is_terminal(),
        ),
        summary: SummaryBuilder::new(model),
        // One FILE may be one document: keep its result until that is known.
        held: None,
        written: 0,
        wants_summary: options.summary
            || matches!(options.format, Format::Table | Format::Markdown),
        may_be_single: files.len() == 1,
        started: false,
        bad: 0,
    };
    let mut layout = Layout::List;
    let mut assessment = Assessment::default();
    // Rows of a table or CSV show only the first next step; the diagnosis
    // formats list them all.
    let steps = match options.format {
        Format::Json | Format::Jsonl | Format::Yaml => Steps::All,
        Format::Table | Format::Csv | Format::Markdown => Steps::First,
    };
    let read = input::read_ahead(files, options.input_format, model, |event| match event {
        Event::Item(Ok(respondent)) => {
            scorer.assess_with(&respondent.answers, &mut assessment, steps);
            run.add(respondent, &assessment, out)
        }
        Event::Item(Err(err)) => {
            report(err);
            run.bad += 1;
            if options.keep_going {
                Ok(())
            } else {
                Err(Stopped.into())
            }
        }
        Event::Opened(format) => {
            // Only a YAML or JSON file can be one document: for the others,
            // nothing needs holding back (a script feeding JSON Lines one by
            // one gets each result at once).
            if !matches!(format, InputFormat::Yaml | InputFormat::Json) {
                run.may_be_single = false;
            }
            Ok(())
        }
        Event::Read(l) => {
            layout = l;
            Ok(())
        }
        Event::Idle => Ok(out.flush()?),
    });
    match read {
        Ok(()) => {}
        Err(err) if err.is::<Stopped>() => {
            // What was good so far stays written, and the document is
            // closed; when nothing was, nothing is.
            if run.started || run.held.is_some() {
                run.finish(false, out)?;
            }
            return Ok(exit::FAILURE);
        }
        Err(err) => return Err(err),
    }
    let single = run.may_be_single && run.bad == 0 && layout == Layout::Documents(1);
    run.finish(single, out)?;
    Ok(if run.bad > 0 {
        exit::PARTIAL
    } else {
        exit::SUCCESS
    })
}

/// Prints every problem of a bad answer set as its own `error:` line.
fn report(err: &AnswerError) {
    let mut stderr = std::io::stderr().lock();
    // The messages quote input: never let it drive the terminal.
    for line in crate::text::printable(&err.to_string()).lines() {
        let _ = writeln!(stderr, "error: {line}");
    }
}

/// The state of one `score` run.
struct Run<'a> {
    scorer: &'a Scorer<'a>,
    target: Option<&'a crate::model::Stage>,
    options: &'a ScoreOptions,
    writer: Box<dyn ResultWriter>,
    summary: SummaryBuilder,
    held: Option<(Respondent, Assessment)>,
    /// Results written so far.
    written: usize,
    /// Whether a summary may be printed (table, markdown, or --summary).
    wants_summary: bool,
    may_be_single: bool,
    started: bool,
    bad: usize,
}

impl Run<'_> {
    fn add(
        &mut self,
        respondent: &Respondent,
        assessment: &Assessment,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        if self.may_be_single && !self.started && self.held.is_none() {
            self.held = Some((respondent.clone(), assessment.clone()));
            return Ok(());
        }
        self.start(out)?;
        self.write(respondent, assessment, out)
    }

    /// Begins the batch output and writes the held result, once.
    fn start(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        self.writer.begin(out)?;
        if let Some((respondent, assessment)) = self.held.take() {
            self.write(&respondent, &assessment, out)?;
        }
        Ok(())
    }

    fn write(
        &mut self,
        respondent: &Respondent,
        assessment: &Assessment,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        self.written += 1;
        if self.wants_summary {
            self.summary.add(assessment);
        }
        let scored = Scored {
            index: self.written,
            respondent,
            assessment,
            scorer: self.scorer,
        };
        self.writer.result(&scored, out)
    }

    /// Ends the output. `single`: one answer set from one document gets the
    /// full view where the format has one.
    fn finish(&mut self, single: bool, out: &mut dyn Write) -> anyhow::Result<()> {
        let format = self.options.format;
        if single
            && matches!(
                format,
                Format::Table | Format::Json | Format::Yaml | Format::Markdown
            )
            && let Some((respondent, assessment)) = &self.held
        {
            let scored = Scored {
                index: 1,
                respondent,
                assessment,
                scorer: self.scorer,
            };
            let mut diagnosis = scored.diagnosis();
            if let Some(target) = self.target {
                let set = answers_of(&diagnosis);
                let model = self.scorer.model();
                diagnosis.roadmap = Some(roadmap::roadmap(model, &set, &diagnosis, target));
            }
            exporter(format, self.options.style)?.diagnosis(&diagnosis, out)?;
            return Ok(out.flush()?);
        }
        if self.target.is_some() {
            eprintln!(
                "warning: --target gives a roadmap for one organisation (one answer set in one \
                 document); left out of this batch"
            );
        }
        self.start(out)?;
        let shown = match format {
            Format::Table | Format::Markdown => self.written > 1,
            _ => self.options.summary,
        };
        let summary = shown.then(|| self.summary.finish(self.scorer.model()));
        self.writer.end(summary.as_ref(), out)?;
        Ok(out.flush()?)
    }
}

/// The answers a diagnosis was made from, as an answer set.
fn answers_of(d: &scoring::Diagnosis) -> answers::AnswerSet {
    answers::AnswerSet {
        organisation: d.organisation.clone(),
        date: d.date.clone(),
        answers: d
            .answers
            .iter()
            .map(|(id, v)| {
                (
                    id.clone(),
                    v.map_or(answers::Answer::Unknown, answers::Answer::Scale),
                )
            })
            .collect(),
    }
}

/// The text of a file or of stdin, with the name to use in messages.
pub fn read_input(path: &Path) -> anyhow::Result<(String, String)> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    if path.is_dir() {
        bail!("{name}: is a folder, not an answer file");
    }
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?)
    };
    // One answer set or result: a few kilobytes. More is not read into memory.
    let mut bytes = Vec::new();
    reader
        .take(input::MAX_SET_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > input::MAX_SET_BYTES {
        bail!(
            "{name}: larger than {} MiB; one answer set or result is a few kilobytes",
            input::MAX_SET_BYTES >> 20
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not valid UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}
