//! How output looks on this terminal: colour, Unicode or ASCII, width.
//! Decided once at the edge (see [`Style::detect`]) and passed down, so that
//! renderers stay pure and testable.

use std::io::IsTerminal;

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Output settings for renderers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Unicode block characters for charts; ASCII when the locale cannot show them.
    pub unicode: bool,
    /// Columns to wrap text and tables to.
    pub width: u16,
}

impl Style {
    /// Plain output: no colour, Unicode, 100 columns. What tests and files get.
    pub const PLAIN: Style = Style {
        color: false,
        unicode: true,
        width: 100,
    };

    /// Looks at the environment and stdout.
    pub fn detect(choice: ColorChoice) -> Style {
        Style::detect_on(choice, std::io::stdout().is_terminal())
    }

    /// Looks at the environment, for a stream that is a terminal or not
    /// (the quiz draws on stderr while its result may go to a file).
    pub fn detect_on(choice: ColorChoice, tty: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let width = if tty {
            crossterm::terminal::size().map_or(100, |(w, _)| w.clamp(40, 120))
        } else {
            100
        };
        Style {
            color,
            unicode: locale_is_utf8(),
            width,
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `line` with its leading `prefix` in green, the rest as it is.
    pub fn green_prefix(&self, line: &str, prefix: &str) -> String {
        match line.strip_prefix(prefix) {
            Some(rest) => format!("{}{rest}", self.green(prefix)),
            None => line.to_string(),
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    pub fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }
    pub fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }
    pub fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }
}

/// The first of LC_ALL, LC_CTYPE, LANG that is set decides; unset means UTF-8,
/// as on most terminals today.
fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_none_or(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}
