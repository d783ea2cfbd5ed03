//! `salesevo score`: read, score and write answer sets one at a time.

use super::find_stage;
use crate::answers::{self, Respondent};
use crate::exit_codes::ExitCode;
use crate::export::batch::{self, ResultWriter, Scored};
use crate::export::{Format, exporter};
use crate::input::{self, Event, InputFormat};
use crate::model::Model;
use crate::scoring::roadmap;
use crate::scoring::{self, Assessment, Scorer, Steps};
use crate::style::Style;
use crate::summary::SummaryBuilder;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How `score` reads and writes.
pub struct ScoreOptions {
    pub format: Format,
    pub input_format: Option<InputFormat>,
    /// `--strict-columns`: unknown CSV columns are an error.
    pub strict_columns: bool,
    /// `--sheet`: the sheet of a workbook to read.
    pub sheet: Option<String>,
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
) -> anyhow::Result<ExitCode> {
    let target = match options.target.as_deref() {
        Some(key) => Some(find_stage(model, key)?),
        None => None,
    };
    let scorer = Scorer::new(model);
    // Single result or batch, decided before reading starts; what was read
    // of standard input to decide goes on to the reader.
    let mut stdin = input::StdinStart::default();
    let one_document = super::layout::one_document(files, options.input_format, &mut stdin);
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
        held: None,
        written: 0,
        wants_summary: options.summary
            || matches!(options.format, Format::Table | Format::Markdown),
        one_document,
        started: false,
        bad: 0,
    };
    let mut assessment = Assessment::default();
    // Rows of a table or CSV show only the first next step; the diagnosis
    // formats list them all.
    let steps = match options.format {
        Format::Json | Format::Jsonl | Format::Yaml => Steps::All,
        Format::Table | Format::Csv | Format::Markdown => Steps::First,
    };
    let read_options = input::ReadOptions {
        format: options.input_format,
        strict_columns: options.strict_columns,
        sheet: options.sheet.clone(),
    };
    let read = input::read_ahead(files, read_options, model, stdin, |event| match event {
        Event::Item(Ok(respondent)) => {
            scorer.assess_with(
                &respondent.answers,
                &respondent.context,
                &mut assessment,
                steps,
            );
            run.add(respondent, &assessment, out)
        }
        Event::Item(Err(err)) => {
            report(&err.to_string());
            run.summary.failed(&err.source, err.row);
            run.bad += 1;
            run.go_on()
        }
        Event::Read(outcome) => {
            run.summary.blank_rows(&outcome.source, &outcome.blank_rows);
            if outcome.is_empty_batch() {
                report(&format!("no answer sets in {}", outcome.name()));
                run.bad += 1;
                return run.go_on();
            }
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
                run.summary.stopped();
                run.finish(false, out)?;
            }
            return Ok(ExitCode::Failure);
        }
        Err(err) => return Err(err),
    }
    let single = run.one_document && run.bad == 0;
    run.finish(single, out)?;
    Ok(if run.bad > 0 {
        ExitCode::Partial
    } else {
        ExitCode::Success
    })
}

/// Prints every problem of a bad answer set (one a line) as its own
/// `error:` line.
fn report(problems: &str) {
    let mut stderr = std::io::stderr().lock();
    // The messages quote input: never let it drive the terminal.
    for line in crate::text::printable(problems).lines() {
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
    /// The result of a single document, kept for the full view (or, should
    /// the input turn out bad, written as a batch).
    held: Option<(Respondent, Assessment)>,
    /// Results written so far.
    written: usize,
    /// Whether a summary may be printed (table, markdown, or --summary).
    wants_summary: bool,
    /// The input is one document (see `layout.rs`).
    one_document: bool,
    started: bool,
    bad: usize,
}

impl Run<'_> {
    /// After a bad answer set or input: on with `--keep-going`, else stop.
    fn go_on(&self) -> anyhow::Result<()> {
        if self.options.keep_going {
            Ok(())
        } else {
            Err(Stopped.into())
        }
    }

    fn add(
        &mut self,
        respondent: &Respondent,
        assessment: &Assessment,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        if self.one_document && !self.started && self.held.is_none() {
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
            self.summary
                .add(self.scorer.model(), assessment, &respondent.answers);
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
                diagnosis.roadmap = roadmap::roadmap(model, &set, &diagnosis, target);
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
        context: d.context,
        answers: d
            .answers
            .iter()
            .map(|(id, v)| {
                let unknown = if d.not_applicable.contains(id) {
                    answers::Answer::NotApplicable
                } else {
                    answers::Answer::Unknown
                };
                (id.clone(), v.map_or(unknown, answers::Answer::Scale))
            })
            .collect(),
    }
}
