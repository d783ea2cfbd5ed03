//! `salesevo quiz`: the interactive questionnaire, and the only code that
//! prompts. The state lives in [`state`], the answers file in [`file`](mod@file), the
//! atomic write in [`save`]; this module draws the prompts (on stderr, as
//! inquire does) and prints the diagnosis on stdout.

pub mod file;
pub mod save;
mod screen;
pub mod state;

use crate::answers::{self, Answer, SCALE};
use crate::commands::exit;
use crate::export::{Format, exporter};
use crate::model::Model;
use crate::scoring;
use crate::style::Style;
use crate::text::one_line;
use anyhow::{Context, bail};
use clap::ValueEnum;
use inquire::error::InquireError;
use inquire::ui::{Color, RenderConfig, Styled};
use inquire::{Select, Text};
use screen::Transcript;
use state::{QuizState, Step};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What `salesevo quiz` was asked to do.
#[derive(Debug, Clone)]
pub struct QuizOptions {
    pub save: Option<PathBuf>,
    pub resume: Option<PathBuf>,
    pub format: Format,
    /// The `--stages` folder, repeated in the command that resumes.
    pub stages: Option<PathBuf>,
}

/// The one line printed when there is no terminal to ask on.
pub const NO_TERMINAL: &str = "the quiz needs a terminal to ask its questions; without one, \
     fill in `salesevo questions --format yaml > answers.yaml` and run `salesevo score answers.yaml`";

/// Runs the quiz and prints the diagnosis to `out`; returns the exit code.
pub fn run(
    model: &Model,
    opts: &QuizOptions,
    style: Style,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    // inquire would read keys from /dev/tty even when stdin is a pipe, and
    // draw on stderr: without a terminal on all three, refuse at once.
    if !(std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal())
    {
        eprintln!("error: {NO_TERMINAL}");
        return Ok(exit::USAGE);
    }
    let session = Session::open(model, opts)?;
    session.ask(model, opts, style, out)
}

/// One run of the quiz: where it saves, and how far it is.
struct Session {
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
    fn open(model: &Model, opts: &QuizOptions) -> anyhow::Result<Session> {
        let total = model.trait_count();
        let (state, save, kept, intro) = match &opts.resume {
            Some(resume) => {
                let state = file::load(model, resume)?;
                let mut save = opts.save.clone().unwrap_or_else(|| resume.clone());
                let same = same_file(&save, resume);
                if same {
                    // One spelling of the path, so that it compares equal later.
                    save = resume.clone();
                } else {
                    refuse_existing(&save)?;
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
                        refuse_existing(path)?;
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
                let intro = format!(
                    "{total} statements about your sales organisation: rate how true each one is today.\n\
                     It takes about {} minutes. Answers are saved as you go to {}{note}.",
                    minutes(total),
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

    fn ask(
        mut self,
        model: &Model,
        opts: &QuizOptions,
        style: Style,
        out: &mut dyn Write,
    ) -> anyhow::Result<u8> {
        eprintln!("{}", style_header(&self.intro, style));
        if self.state.step() != Step::Done {
            eprintln!("{}\n", keys_line(style));
        }
        loop {
            let asked = match self.state.step() {
                Step::Organisation => self.ask_organisation(model, style),
                Step::Question(i) => self.ask_question(model, i, style),
                Step::Done => break,
            };
            match asked {
                Ok(Flow::Go) => {}
                Ok(Flow::Stop) => {
                    eprintln!("\nStopped. {}", self.saved_note(opts));
                    return Ok(exit::INTERRUPTED);
                }
                Err(err) => {
                    // Say what is kept before giving up: no answer is lost.
                    eprintln!("error: {err:#}\n{}", self.saved_note(opts));
                    return Ok(exit::FAILURE);
                }
            }
        }
        self.finish(model, opts, style, out)
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
        Ok(Flow::Go)
    }

    fn ask_question(&mut self, model: &Model, index: usize, style: Style) -> anyhow::Result<Flow> {
        let order = model.question_order();
        let total = order.len();
        let Some((_, t)) = order.get(index) else {
            return Ok(Flow::Go);
        };
        let width = usize::from(style.width).saturating_sub(4).max(30);
        let arrow = if style.unicode { "→" } else { "->" };
        let earlier = self.state.answer_at(index);
        let message = wrap_leaving_room(
            &format!("{}/{total}  {}", index + 1, t.question.trim()),
            width,
            ANSWER_ROOM,
        );
        let help = format!(
            "{}\n{}",
            fill(t.help.trim(), width),
            progress(index, self.state.answered_count(), total, style)
        );
        let reply = Select::new(&message, choices(earlier))
            .with_starting_cursor(earlier.map_or(0, choice_index))
            .with_help_message(&help)
            .with_page_size(SCALE.len() + 1)
            .with_formatter(&|c| format!("{arrow} {}", c.value.answer.label()))
            .with_render_config(render_config(style, "(back)"))
            .prompt();
        match reply_of(reply)? {
            Reply::Given(choice) => {
                self.state.answer(choice.answer);
                self.write(model)?;
                let done = answered_prefix(style);
                let label = choice.answer.label();
                self.transcript
                    .push(&format!("{done} {message} {arrow} {label}"));
            }
            Reply::Back => {
                self.state.back();
                self.transcript.back(&format!("? {message} (back)"));
            }
            Reply::Stop => return Ok(Flow::Stop),
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
        out: &mut dyn Write,
    ) -> anyhow::Result<u8> {
        if !matches!(&self.kept, Some((path, _)) if *path == self.save) {
            self.write(model)?;
        }
        let name = self.save.display().to_string();
        let text =
            std::fs::read_to_string(&self.save).with_context(|| format!("cannot read {name}"))?;
        let set = answers::from_yaml(&text, &name)?.resolve(model, &name)?;
        let diagnosis = scoring::diagnose(model, &set);
        eprintln!();
        exporter(opts.format, style)?.diagnosis(&diagnosis, out)?;
        out.flush()?;
        eprintln!(
            "\nAnswers saved in {name}; score them again with: salesevo score {}",
            shell_quote(&self.save)
        );
        Ok(exit::SUCCESS)
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
        let mut command = format!("salesevo quiz --resume {}", shell_quote(kept));
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
            self.state.len(),
            kept.display()
        )
    }
}

/// Whether the quiz goes on after a prompt.
enum Flow {
    Go,
    Stop,
}

/// What a prompt came back with.
enum Reply<T> {
    Given(T),
    /// Esc.
    Back,
    /// Ctrl-C.
    Stop,
}

fn reply_of<T>(result: Result<T, InquireError>) -> anyhow::Result<Reply<T>> {
    match result {
        Ok(value) => Ok(Reply::Given(value)),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        Err(InquireError::OperationInterrupted) => Ok(Reply::Stop),
        Err(err) => Err(anyhow::Error::new(err).context("cannot ask on this terminal")),
    }
}

/// An option of the scale, as shown in the list.
struct Choice {
    answer: Answer,
    earlier: bool,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.answer {
            Answer::Scale(n) => write!(f, "{n}  {}", SCALE[usize::from(n)])?,
            Answer::Unknown => f.write_str("?  don't know")?,
        }
        if self.earlier {
            f.write_str("   (your earlier answer)")?;
        }
        Ok(())
    }
}

fn choices(earlier: Option<Answer>) -> Vec<Choice> {
    (0..SCALE.len() as u8)
        .map(Answer::Scale)
        .chain([Answer::Unknown])
        .map(|answer| Choice {
            answer,
            earlier: earlier == Some(answer),
        })
        .collect()
}

fn choice_index(answer: Answer) -> usize {
    match answer {
        Answer::Scale(n) => usize::from(n).min(SCALE.len() - 1),
        Answer::Unknown => SCALE.len(),
    }
}

/// "12/38 ▕██████░░░░░░▏ 29%": the question's place and the share answered.
fn progress(index: usize, answered: usize, total: usize, style: Style) -> String {
    const BAR: usize = 20;
    let filled = (answered * BAR).checked_div(total).unwrap_or(0);
    let percent = (answered * 100).checked_div(total).unwrap_or(100);
    let (full, empty, left, right) = if style.unicode {
        ("█", "░", "▕", "▏")
    } else {
        ("#", "-", "[", "]")
    };
    format!(
        "{}/{total} {left}{}{}{right} {percent}% answered",
        index + 1,
        full.repeat(filled),
        empty.repeat(BAR - filled)
    )
}

fn keys_line(style: Style) -> String {
    let arrows = if style.unicode { "↑↓" } else { "Up/Down" };
    let keys = format!(
        "Keys: {arrows} choose, Enter answer, 0-4 or ? jump to a value, Esc back, \
         Ctrl-C stop (resume later)."
    );
    style.dim(&fill(&keys, usize::from(style.width) - 1))
}

/// The first screen's text, wrapped, with its first line in bold.
fn style_header(intro: &str, style: Style) -> String {
    let width = usize::from(style.width) - 1;
    intro
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let line = fill(line, width);
            if i == 0 { style.bold(&line) } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wrapping at spaces only: file names and commands such as
/// `salesevo-answers.yaml` must not break at their hyphens.
fn wrapping(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

fn fill(text: &str, width: usize) -> String {
    textwrap::fill(text, wrapping(width))
}

/// Columns kept free after a question for the answer shown there once
/// given (" → 0 not true at all").
const ANSWER_ROOM: usize = 21;

/// `text` wrapped to `width`, with `room` columns left free on its last line.
fn wrap_leaving_room(text: &str, width: usize, room: usize) -> String {
    let mut lines: Vec<String> = textwrap::wrap(text, wrapping(width))
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if let Some(last) = lines.pop() {
        if textwrap::core::display_width(&last) + room > width {
            let narrow = width.saturating_sub(room).max(8);
            lines.extend(
                textwrap::wrap(&last, wrapping(narrow))
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        } else {
            lines.push(last);
        }
    }
    lines.join("\n")
}

fn render_config(style: Style, canceled: &'static str) -> RenderConfig<'static> {
    let config = if style.color {
        RenderConfig::default_colored()
    } else {
        RenderConfig::empty()
    };
    let (indicator, answered) = if style.color {
        (
            Styled::new(canceled).with_fg(Color::DarkGrey),
            Styled::new(answered_prefix(style)).with_fg(Color::LightGreen),
        )
    } else {
        (Styled::new(canceled), Styled::new(answered_prefix(style)))
    };
    config
        .with_canceled_prompt_indicator(indicator)
        .with_answered_prompt_prefix(answered)
}

/// A fair estimate of the quiz's length: some 15 seconds a question.
fn minutes(questions: usize) -> usize {
    (questions * 15).div_ceil(60).max(1)
}

/// What stands before a question once it is answered.
fn answered_prefix(style: Style) -> &'static str {
    if style.unicode { "✔" } else { ">" }
}

/// Refuses to overwrite someone's answers with a fresh quiz.
fn refuse_existing(path: &Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        bail!(
            "{} already exists; continue it with `salesevo quiz --resume {}`, or choose another --save file",
            path.display(),
            shell_quote(path)
        );
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A path as typed in a POSIX shell: as it is when safe, else single-quoted.
fn shell_quote(path: &Path) -> String {
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
    fn progress_shows_place_bar_and_share() {
        let plain = Style::PLAIN;
        assert_eq!(
            progress(11, 19, 38, plain),
            "12/38 ▕██████████░░░░░░░░░░▏ 50% answered"
        );
        let ascii = Style {
            unicode: false,
            ..plain
        };
        assert_eq!(
            progress(0, 0, 4, ascii),
            "1/4 [--------------------] 0% answered"
        );
    }

    #[test]
    fn choices_mark_and_preselect_the_earlier_answer() {
        let list = choices(Some(Answer::Unknown));
        assert_eq!(list.len(), 6);
        assert_eq!(list[5].to_string(), "?  don't know   (your earlier answer)");
        assert_eq!(list[3].to_string(), "3  mostly");
        assert_eq!(choice_index(Answer::Unknown), 5);
        assert_eq!(choice_index(Answer::Scale(3)), 3);
    }

    #[test]
    fn questions_wrap_full_width_but_leave_room_for_the_answer() {
        let text = "aaaa bbbb cccc dddd eeee ffff";
        assert_eq!(
            wrap_leaving_room(text, 20, 5),
            "aaaa bbbb cccc dddd\neeee ffff"
        );
        assert_eq!(
            wrap_leaving_room(text, 20, 12),
            "aaaa bbbb cccc dddd\neeee\nffff"
        );
        assert_eq!(wrap_leaving_room("short", 20, 5), "short");
    }

    #[test]
    fn names_from_files_cannot_drive_the_terminal() {
        assert_eq!(one_line("Acme\x1b[2J\nLtd"), "Acme\\u{1b}[2J\\nLtd");
        assert_eq!(one_line("Müller & Söhne"), "Müller & Söhne");
    }

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
}
