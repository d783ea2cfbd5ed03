//! One run of the quiz: where it saves, how far it is, the prompts in
//! turn, and the result at the end.

use super::about;
use super::command::{program, shell_quote};
use super::layout::{
    ANSWER_ROOM, answered_prefix, fill, minutes, progress, render_config, style_header,
    wrap_leaving_room,
};
use super::prompt::{self, Outcome};
use super::screen::Transcript;
use super::state::{QuizState, Step};
use super::{Flow, QuizOptions, Reply, file, quick, reply_of, save};
use crate::exit_codes::ExitCode;
use crate::export::{Format, exporter};
use crate::model::Model;
use crate::scoring;
use crate::style::Style;
use crate::text::one_line;
use anyhow::Context;
use clap::ValueEnum;
use inquire::Text;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One run of the quiz: where it saves, and how far it is.
pub(super) struct Session {
    state: QuizState,
    save: PathBuf,
    /// The file that holds the last complete save, and how many answers it
    /// holds: what Ctrl-C or an error reports, and where a resume starts.
    kept: Option<(PathBuf, usize)>,
    /// What the first screen says about the answers file.
    intro: String,
    transcript: Transcript,
}

impl Session {
    pub(super) fn open(model: &Model, opts: &QuizOptions) -> anyhow::Result<Session> {
        let total = model.trait_count();
        let (state, save, kept, intro) = match &opts.resume {
            Some(resume) => {
                let state = file::load(model, resume)?;
                let mut save = opts.save.clone().unwrap_or_else(|| resume.clone());
                let same = file::same_file(&save, resume);
                if same {
                    // One spelling of the path, so that it compares equal later.
                    save = resume.clone();
                } else {
                    file::refuse_existing(&save)?;
                }
                let who = state
                    .organisation()
                    .map_or(String::new(), |o| format!(" for {}", one_line(o)));
                let mut intro = format!(
                    "Resuming the quiz{who} from {}: {} of {total} answered.",
                    resume.display(),
                    state.answered_count()
                );
                if state.step() == Step::Done {
                    intro = format!(
                        "All {total} questions in {} are answered already; this is the result.",
                        resume.display()
                    );
                } else if same {
                    intro.push_str("\nNew answers are saved to it as you go.");
                } else {
                    intro.push_str(&format!(
                        "\nAnswers are saved as you go to {}.",
                        save.display()
                    ));
                }
                let kept = Some((resume.clone(), state.answered_count()));
                (state, save, kept, intro)
            }
            None => {
                let (save, note) = match &opts.save {
                    Some(path) => {
                        file::refuse_existing(path)?;
                        (path.clone(), String::new())
                    }
                    None => {
                        let (path, taken) = file::default_save_path(Path::new("."));
                        let note = if taken {
                            format!(
                                " ({} already exists and is left alone; resume it with --resume)",
                                file::DEFAULT_NAME
                            )
                        } else {
                            String::new()
                        };
                        (path, note)
                    }
                };
                let (count, length) = if opts.quick {
                    (
                        "Statements".to_string(),
                        format!(
                            "Quick mode: the statements that decide come first, and the quiz stops as \
                             soon as the verdict is settled, often after about 15 of the {total}."
                        ),
                    )
                } else {
                    (
                        format!("{total} statements"),
                        format!("It takes about {} minutes.", minutes(total)),
                    )
                };
                let intro = format!(
                    "{count} about your sales organisation: rate how true each one is today.\n\
                     {length} Answers are saved as you go to {}{note}.",
                    save.display()
                );
                (QuizState::new(total), save, None, intro)
            }
        };
        save::check_writable(&save)
            .with_context(|| format!("cannot save answers to {}", save.display()))?;
        Ok(Session {
            state,
            save,
            kept,
            intro,
            transcript: Transcript::default(),
        })
    }

    /// `style` draws the prompts (on stderr), `output` the result (on stdout).
    pub(super) fn ask(
        mut self,
        model: &Model,
        opts: &QuizOptions,
        style: Style,
        output: Style,
        out: &mut dyn Write,
    ) -> anyhow::Result<ExitCode> {
        eprintln!("{}", style_header(&self.intro, style));
        if self.state.step() != Step::Done {
            let keys = fill(&prompt::keys(style), usize::from(style.width) - 1);
            eprintln!("{}\n", style.dim(&keys));
        }
        let mut quick = opts.quick.then(|| quick::Quick::new(model));
        // A resumed quick run picks its next question too (or is settled).
        if let Some(quick) = quick.as_mut()
            && self.state.step() != Step::Organisation
        {
            quick.advance(&mut self.state, None);
        }
        loop {
            let step = self.state.step();
            let asked = match step {
                Step::Organisation => self.ask_organisation(model, style),
                Step::Question(i) => self.ask_question(model, i, quick.as_mut(), style),
                Step::Done => break,
            };
            // The quick mode picks its first question once the name is in.
            if let Some(quick) = quick.as_mut()
                && step == Step::Organisation
                && self.state.step() != Step::Organisation
            {
                quick.advance(&mut self.state, None);
            }
            match asked {
                Ok(Flow::Go) => {}
                Ok(Flow::Stop) => {
                    eprintln!("\nStopped. {}", self.saved_note(opts));
                    return Ok(ExitCode::Interrupted);
                }
                Err(err) => {
                    // Say what is kept before giving up: no answer is lost.
                    eprintln!("error: {err:#}\n{}", self.saved_note(opts));
                    return Ok(ExitCode::Failure);
                }
            }
        }
        let asked = quick.as_ref().map(|q| q.asked(&self.state));
        self.finish(model, opts, output, asked, out)
    }

    fn ask_organisation(&mut self, model: &Model, style: Style) -> anyhow::Result<Flow> {
        const ASK: &str = "Organisation's name (optional):";
        let initial = one_line(self.state.organisation().unwrap_or(""));
        let reply = Text::new(ASK)
            .with_initial_value(&initial)
            .with_help_message("Enter to go on, even when blank")
            .with_render_config(render_config(style, "(skipped)"))
            .prompt();
        match reply_of(reply)? {
            Reply::Given(name) => {
                let before = self.state.organisation().map(str::to_string);
                self.state.set_organisation(&name);
                if self.state.organisation() != before.as_deref() {
                    self.write(model)?;
                }
                let done = answered_prefix(style);
                self.transcript.push(&format!("{done} {ASK} {name}"));
            }
            // Esc on the name quits nothing: it keeps the name and goes on.
            Reply::Back => {
                self.state.skip_organisation();
                self.transcript.push(&format!("? {ASK} (skipped)"));
            }
            Reply::Stop => return Ok(Flow::Stop),
        }
        self.ask_context(model, style)
    }

    /// The context page; then the questions that do not apply are passed over.
    fn ask_context(&mut self, model: &Model, style: Style) -> anyhow::Result<Flow> {
        let (context, lines, stopped) = about::ask(self.state.context(), style)?;
        for line in &lines {
            self.transcript.push(line);
        }
        let applies = file::applies_in_order(model, &context);
        let changed = context != *self.state.context();
        self.state.set_context(context, applies);
        if changed {
            self.write(model)?;
        }
        // Ctrl-C part way: what was chosen is saved, and a resume asks again.
        if stopped {
            return Ok(Flow::Stop);
        }
        let skipped = self.state.skipped_count();
        if skipped > 0 {
            let (s, verb) = if skipped == 1 {
                ("", "does")
            } else {
                ("s", "do")
            };
            let line = format!(
                "{skipped} question{s} {verb} not apply to an organisation like yours: skipped."
            );
            eprintln!("{}", style.dim(&line));
            self.transcript.push(&line);
        }
        Ok(Flow::Go)
    }

    fn ask_question(
        &mut self,
        model: &Model,
        index: usize,
        mut quick: Option<&mut quick::Quick>,
        style: Style,
    ) -> anyhow::Result<Flow> {
        let order = model.question_order();
        // Questions that do not apply are neither asked nor counted.
        let total = self.state.len() - self.state.skipped_count();
        let Some((_, t)) = order.get(index) else {
            return Ok(Flow::Go);
        };
        let width = usize::from(style.width).saturating_sub(4).max(30);
        let arrow = if style.unicode { "→" } else { "->" };
        let earlier = self.state.answer_at(index);
        // In quick mode the questions come in their own order: count them.
        let number = if quick.is_some() {
            self.state.answered_count() + usize::from(earlier.is_none())
        } else {
            (0..=index).filter(|&i| self.state.applies(i)).count()
        };
        let message = wrap_leaving_room(
            &format!("{number}/{total}  {}", t.question.trim()),
            width,
            ANSWER_ROOM,
        );
        let help = format!(
            "{}\n{}",
            fill(t.help.trim(), width),
            progress(number - 1, self.state.answered_count(), total, style)
        );
        match prompt::ask(&message, &help, earlier, style).context("cannot ask on this terminal")? {
            Outcome::Answered(answer) => {
                self.state.answer(answer);
                if let Some(quick) = quick.as_mut() {
                    quick.advance(&mut self.state, Some(index));
                }
                self.write(model)?;
                let done = answered_prefix(style);
                let line = format!("{done} {message} {arrow} {}", answer.label());
                eprintln!("{}", style.green_prefix(&line, done));
                self.transcript.push(&line);
            }
            Outcome::Back => {
                match quick.as_mut() {
                    Some(quick) => quick.back(&mut self.state),
                    None => self.state.back(),
                }
                self.transcript.erase_last();
            }
            Outcome::Stop => return Ok(Flow::Stop),
        }
        Ok(Flow::Go)
    }

    /// Every question answered: score the saved file, so that the result
    /// shown is exactly what `salesevo score` gives for it.
    fn finish(
        mut self,
        model: &Model,
        opts: &QuizOptions,
        style: Style,
        quick: Option<usize>,
        out: &mut dyn Write,
    ) -> anyhow::Result<ExitCode> {
        if !matches!(&self.kept, Some((path, _)) if *path == self.save) {
            self.write(model)?;
        }
        let name = self.save.display().to_string();
        let text =
            std::fs::read_to_string(&self.save).with_context(|| format!("cannot read {name}"))?;
        let set = crate::input::from_yaml(&text, &name)?.resolve(model, &name)?;
        let diagnosis = scoring::diagnose(model, &set);
        eprintln!();
        exporter(opts.format, style)?.diagnosis(&diagnosis, out)?;
        out.flush()?;
        let total = self.state.len() - self.state.skipped_count();
        if let Some(asked) = quick.filter(|&n| n < total) {
            eprintln!(
                "\nQuick mode: the verdict settled after {asked} of {total} questions (confidence {}); \
                 the other {} are saved as not asked yet.\nTo answer them too: {} quiz --resume {}",
                diagnosis.confidence.level.as_str(),
                total - asked,
                program(),
                shell_quote(&self.save)
            );
        }
        eprintln!(
            "\nAnswers saved in {name}; score them again with: {} score {}",
            program(),
            shell_quote(&self.save)
        );
        Ok(ExitCode::Success)
    }

    /// Saves the current state, atomically.
    fn write(&mut self, model: &Model) -> anyhow::Result<()> {
        let text = file::render(model, &self.state, &file::today());
        save::write_atomic(&self.save, text.as_bytes())
            .with_context(|| format!("cannot save answers to {}", self.save.display()))?;
        self.kept = Some((self.save.clone(), self.state.answered_count()));
        Ok(())
    }

    /// How many answers are saved where, and the command that resumes.
    fn saved_note(&self, opts: &QuizOptions) -> String {
        let Some((kept, count)) = &self.kept else {
            return "No answer was given, so nothing is saved.".to_string();
        };
        let mut command = format!("{} quiz --resume {}", program(), shell_quote(kept));
        if *kept != self.save {
            command.push_str(&format!(" --save {}", shell_quote(&self.save)));
        }
        if let Some(stages) = &opts.stages {
            command.push_str(&format!(" --stages {}", shell_quote(stages)));
        }
        if let Some(v) = opts.format.to_possible_value()
            && opts.format != Format::Table
        {
            command.push_str(&format!(" --format {}", v.get_name()));
        }
        format!(
            "{count} of {} answers are saved in {}.\nTo go on where you left off: {command}",
            // The questions that apply, as the quiz counted them.
            self.state.len() - self.state.skipped_count(),
            kept.display()
        )
    }
}
