//! `salesevo quiz`: the interactive questionnaire, and the only code that
//! prompts. The state lives in [`state`], the answers file in [`file`](mod@file), the
//! atomic write in [`save`]; this module draws the prompts (on stderr, as
//! inquire does) and prints the diagnosis on stdout.

mod about;
mod command;
pub mod file;
mod layout;
mod prompt;
mod quick;
pub mod save;
mod screen;
mod session;
pub mod state;

use crate::exit_codes::ExitCode;
use crate::export::Format;
use crate::model::Model;
use crate::style::Style;
use inquire::error::InquireError;
use session::Session;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// What `salesevo quiz` was asked to do.
#[derive(Debug, Clone)]
pub struct QuizOptions {
    pub save: Option<PathBuf>,
    pub resume: Option<PathBuf>,
    pub format: Format,
    /// The `--stages` folder, repeated in the command that resumes.
    pub stages: Option<PathBuf>,
    /// The `--color` choice: the prompts' colours follow standard error.
    pub color: crate::style::ColorChoice,
    /// Ask the questions that decide first, and stop once the verdict is settled.
    pub quick: bool,
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
) -> anyhow::Result<ExitCode> {
    // The prompts read keys from the terminal and draw on stderr: without a
    // terminal on both, refuse at once. Standard output only gets the result,
    // so it may be a file or a pipe.
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        eprintln!("error: {NO_TERMINAL}");
        return Ok(ExitCode::Usage);
    }
    let session = Session::open(model, opts)?;
    let prompts = Style::detect_on(opts.color, true);
    session.ask(model, opts, prompts, style, out)
}

/// Whether the quiz goes on after a prompt.
pub(super) enum Flow {
    Go,
    Stop,
}

/// What a prompt came back with.
pub(super) enum Reply<T> {
    Given(T),
    /// Esc.
    Back,
    /// Ctrl-C.
    Stop,
}

pub(super) fn reply_of<T>(result: Result<T, InquireError>) -> anyhow::Result<Reply<T>> {
    match result {
        Ok(value) => Ok(Reply::Given(value)),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        Err(InquireError::OperationInterrupted) => Ok(Reply::Stop),
        Err(err) => Err(anyhow::Error::new(err).context("cannot ask on this terminal")),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::one_line;

    #[test]
    fn names_from_files_cannot_drive_the_terminal() {
        assert_eq!(one_line("Acme\x1b[2J\nLtd"), "Acme\\u{1b}[2J\\nLtd");
        assert_eq!(one_line("Müller & Söhne"), "Müller & Söhne");
    }
}
