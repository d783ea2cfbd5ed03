//! The command line, as clap derive types.

use crate::export::Format;
use crate::input::InputFormat;
use crate::style::ColorChoice;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for validate: the model is valid)
  1  bad input (answers, stage files) or a runtime error
  2  usage error (unknown option, missing argument; quiz without a terminal)
  3  score --keep-going: some answer sets were bad and left out (reported on stderr)
  130  quiz stopped with Ctrl-C (the answers given so far are saved)";

/// A `--format` that offers only the formats a command can write, so that
/// `--help` and the error for a wrong one list exactly those.
fn formats(offered: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(offered.iter().filter_map(Format::to_possible_value))
        .try_map(|name| Format::from_str(&name, true))
}

const STAGES_FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Yaml, Format::Markdown];
const COMPARE_FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Yaml, Format::Markdown];
const QUESTIONS_FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Yaml,
    Format::Csv,
    Format::Markdown,
];
const SCORE_FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Yaml,
    Format::Markdown,
];

const SCORE_HELP: &str = "\
Input: YAML (one document or many, separated by ---), JSON (one object or an
array), JSON Lines, CSV (a header row of question ids plus optional
`organisation`, `date` and context columns; one row per respondent; a cell
holds the number or the scale label; an empty cell is \"don't know\", `n/a`
a question that does not apply), workbooks
(.xlsx .xls .ods: the first sheet, or --sheet NAME, read by the CSV rules;
from a file, not standard input). The format comes from --input-format, else
the extension (.yaml .yml .json .jsonl .ndjson .csv .xlsx .xls .ods), else
the content when it can only be one.

Context (optional; under `context:` in YAML and JSON, columns in CSV):
offering, deal_size, customers, sellers and up to two worries. It decides
which questions apply and which actions the next steps show; the README's
\"The context\" lists the values.

Output: one result per answer set, in input order. A single answer set from
a single FILE written as one document (a YAML document, a JSON object) gets
the full diagnosis (json: one object). Anything else is a batch: json is an
array (even of one, for a CSV, JSON Lines or JSON array input), table and
markdown show one row per organisation and, with more than one, a summary;
--summary adds the summary to json, jsonl and yaml.

Answer sets are read, scored and written one at a time.

Exit codes: 0 every answer set scored; 1 a bad answer set or file stopped
the run (what was scored before it is written); 2 usage error; 3 with
--keep-going, some answer sets were bad and left out (reported on stderr).

Examples:
  salesevo score examples/stage-3-lead-machine.yaml
  salesevo score answers.yaml --target 6
  salesevo score teams.csv
  salesevo score teams.csv --format csv > results.csv
  salesevo score responses.xlsx --sheet \"Form responses 1\"
  salesevo score a.yaml b.json c.jsonl --format json --summary
  salesevo score survey.csv --keep-going --format jsonl 2> bad.txt
  cat answers.jsonl | salesevo score - --input-format jsonl --format jsonl";

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
  salesevo stages customer-success --format json
  salesevo stages enterprise-sales            # by name: case and dashes do not matter")]
    Stages {
        /// A stage number (1-8), id or name, e.g. `4`, `customer-success`, `\"Enterprise Sales\"`.
        stage: Option<String>,
        #[arg(long, short, value_parser = formats(STAGES_FORMATS), default_value = "table")]
        format: Format,
    },

    /// Print the questionnaire; `--format yaml` prints an answer file to fill
    /// in, `--format csv` the header of a survey form or spreadsheet.
    #[command(after_help = "Examples:
  salesevo questions
  salesevo questions --format yaml > answers.yaml
  salesevo questions --format csv --with-text > survey.csv
  salesevo questions --format json")]
    Questions {
        /// How to print the questionnaire.
        #[arg(long, short, value_parser = formats(QUESTIONS_FORMATS), default_value = "table")]
        format: Format,
        /// With `--format csv`: a second row with the text of each question
        /// (`score` skips it when it reads the file back).
        #[arg(long)]
        with_text: bool,
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
  salesevo quiz --quick                       # about 15 questions, then the verdict
  salesevo quiz --resume acme.yaml --format json > acme.json

Keys: 0-4 answer at once, ? don't know, Up/Down and Enter choose, Esc back,
Ctrl-C stop. Enter alone answers nothing on a new question. Every answer is
saved at once; --resume continues with the questions not answered yet. The
prompts need a terminal (standard input and error); standard output may go to
a file or a pipe and receives only the result.")]
    Quiz {
        /// Save the answers to this file as they are given [default:
        /// salesevo-answers.yaml here, or salesevo-answers-2.yaml... if taken].
        #[arg(long, value_name = "PATH")]
        save: Option<PathBuf>,
        /// Continue a quiz saved earlier at its first unanswered question;
        /// answers go on being saved to it unless --save is given.
        #[arg(long, value_name = "PATH")]
        resume: Option<PathBuf>,
        #[arg(long, short, value_parser = formats(STAGES_FORMATS), default_value = "table")]
        format: Format,
        /// Ask the questions that decide between the stages first, and stop
        /// as soon as the verdict is settled (about 15 questions); `--resume`
        /// on the same file later asks the rest.
        #[arg(long)]
        quick: bool,
    },

    /// Score answer files, one organisation or many, and print the results.
    #[command(after_help = SCORE_HELP)]
    Score {
        /// Answer files (YAML, JSON, JSON Lines, CSV, workbooks); `-` reads
        /// standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the results.
        #[arg(long, short, value_parser = formats(SCORE_FORMATS), default_value = "table")]
        format: Format,
        /// Add a roadmap from the current stage to this one (number, id or name).
        #[arg(long, value_name = "STAGE")]
        target: Option<String>,
        /// The format of every input, instead of guessing it from the
        /// extension (needed for standard input unless the content can only be one).
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<InputFormat>,
        /// In CSV, a column that is not a question id, a question's text,
        /// organisation/organization/name/team or date is an error; without
        /// it such columns (Timestamp, Email) are ignored with a note.
        #[arg(long)]
        strict_columns: bool,
        /// In a workbook (.xlsx, .xls, .ods), the sheet to read instead of
        /// the first one.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Score the good answer sets, report every bad one on stderr and exit
        /// with 3. Without it, the first bad set stops the run (exit 1).
        #[arg(long, short)]
        keep_going: bool,
        /// Add the summary across all answer sets to json, jsonl and yaml
        /// output (table and markdown show it whenever there is more than one).
        #[arg(long)]
        summary: bool,
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
        #[arg(long, short, value_parser = formats(COMPARE_FORMATS), default_value = "table")]
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

    /// Print the man page (roff), e.g. for `man -l`; with --dir, write one
    /// page per subcommand (salesevo-score.1, ...) into a folder.
    #[command(after_help = "Examples:
  salesevo man | man -l -
  salesevo man --dir /usr/local/share/man/man1   # salesevo.1, salesevo-score.1, ...")]
    Man {
        /// Write salesevo.1 and one page per subcommand into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
