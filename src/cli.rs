//! The command line, as clap derive types.

use crate::export::Format;
use crate::style::ColorChoice;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for validate: the model is valid)
  1  bad input (answers, stage files) or a runtime error
  2  usage error (unknown option, missing argument; quiz without a terminal)
  130  quiz stopped with Ctrl-C (the answers given so far are saved)";

/// Diagnose where a SaaS sales organisation stands in its evolution
/// (eight stages, from Mom and Pop to Customer Happiness) and what to do next.
#[derive(Debug, Parser)]
#[command(name = "salesevo", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// Load the stage model from this folder (one YAML file per stage)
    /// instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub stages: Option<PathBuf>,

    /// When to use colour. `auto`: only on a terminal, never when NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the stages, or show one in full.
    #[command(after_help = "Examples:
  salesevo stages
  salesevo stages 4
  salesevo stages customer-success --format json")]
    Stages {
        /// A stage number (1-8) or id, e.g. `4` or `customer-success`.
        stage: Option<String>,
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },

    /// Print the questionnaire; `--format yaml` prints an answer file to fill in.
    #[command(after_help = "Examples:
  salesevo questions
  salesevo questions --format yaml > answers.yaml
  salesevo questions --format json")]
    Questions {
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },

    /// Check a folder of stage files and report every problem found.
    #[command(after_help = "Examples:
  salesevo validate my-stages/
  salesevo validate            # the built-in model, or the one given with --stages")]
    Validate {
        /// The folder to check (default: the --stages folder, else the built-in model).
        dir: Option<PathBuf>,
    },

    /// Ask the questions one at a time, save each answer, and print the diagnosis.
    #[command(after_help = "Examples:
  salesevo quiz                               # saves to salesevo-answers.yaml
  salesevo quiz --save acme.yaml
  salesevo quiz --resume acme.yaml --format json

Keys: Up/Down choose, Enter answer, 0-4 or ? jump to a value, Esc back,
Ctrl-C stop. Every answer is saved at once; --resume continues at the first
unanswered question.")]
    Quiz {
        /// Save the answers to this file as they are given [default:
        /// salesevo-answers.yaml here, or salesevo-answers-2.yaml... if taken].
        #[arg(long, value_name = "PATH")]
        save: Option<PathBuf>,
        /// Continue a quiz saved earlier at its first unanswered question;
        /// answers go on being saved to it unless --save is given.
        #[arg(long, value_name = "PATH")]
        resume: Option<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },

    /// Score an answer file and print the diagnosis.
    #[command(after_help = "Examples:
  salesevo score examples/stage-3-lead-machine.yaml
  salesevo score answers.yaml --format json
  salesevo score answers.yaml --target 6
  cat answers.yaml | salesevo score -")]
    Score {
        /// The answer file (YAML); `-` reads standard input.
        file: PathBuf,
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Add a roadmap from the current stage to this one (number or id).
        #[arg(long, value_name = "STAGE")]
        target: Option<String>,
    },

    /// Compare two answer files (or two `score --format json` results) of one
    /// organisation: what moved, and what to do now.
    #[command(after_help = "Examples:
  salesevo compare answers-2026-q2.yaml answers-2026-q3.yaml
  salesevo compare before.json after.json --format json
  salesevo compare q2.yaml q3.yaml --format yaml")]
    Compare {
        /// The earlier answer file or JSON result.
        before: PathBuf,
        /// The later answer file or JSON result.
        after: PathBuf,
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },

    /// Print a shell completion script.
    #[command(after_help = "Examples:
  salesevo completions bash > ~/.local/share/bash-completion/completions/salesevo
  salesevo completions zsh > ~/.zfunc/_salesevo
  salesevo completions fish > ~/.config/fish/completions/salesevo.fish")]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff), e.g. for `man -l`.
    #[command(after_help = "Examples:
  salesevo man | man -l -
  salesevo man > /usr/local/share/man/man1/salesevo.1")]
    Man,
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
