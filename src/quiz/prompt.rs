//! The prompt for one question: a digit answers at once, `?` answers "don't
//! know", the arrows and Enter still work, and typing never filters. A
//! question not answered before starts with nothing chosen, so Enter alone
//! records nothing. Drawn on standard error, read from the terminal.

use super::screen::rows;
use crate::answers::{Answer, SCALE};
use crate::style::Style;
use crossterm::cursor::{Hide, MoveToColumn, MoveUp, Show};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, read};
use crossterm::terminal::{Clear, ClearType, disable_raw_mode, enable_raw_mode};
use std::io::Write;

/// What the respondent did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Answered(Answer),
    /// Esc.
    Back,
    /// Ctrl-C.
    Stop,
}

/// The keys, as the first screen and `quiz --help` say them.
pub fn keys(style: Style) -> String {
    let arrows = if style.unicode { "↑↓" } else { "Up/Down" };
    format!(
        "Keys: 0-4 answer at once, ? don't know, {arrows} and Enter choose, Esc back, \
         Ctrl-C stop (resume later). Enter alone answers nothing on a new question."
    )
}

/// The options in the order shown: 0-4, then "don't know".
const OPTIONS: [Answer; 6] = [
    Answer::Scale(0),
    Answer::Scale(1),
    Answer::Scale(2),
    Answer::Scale(3),
    Answer::Scale(4),
    Answer::Unknown,
];

fn index_of(answer: Answer) -> usize {
    OPTIONS.iter().position(|&a| a == answer).unwrap_or(0)
}

fn label(answer: Answer) -> String {
    match answer {
        Answer::Scale(n) => format!("{n}  {}", SCALE[usize::from(n)]),
        Answer::Unknown => "?  don't know".to_string(),
        Answer::NotApplicable => "-  does not apply".to_string(),
    }
}

/// Restores the terminal however the prompt ends.
struct Raw;

impl Raw {
    fn on() -> std::io::Result<Raw> {
        enable_raw_mode()?;
        let _ = crossterm::execute!(std::io::stderr(), Hide);
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stderr(), Show);
        let _ = disable_raw_mode();
    }
}

/// One question on screen.
struct Screen<'a> {
    message: &'a str,
    help: &'a str,
    earlier: Option<Answer>,
    cursor: Option<usize>,
    hint: bool,
    /// Rows drawn last time, to erase before drawing again.
    drawn: u16,
    style: Style,
}

impl Screen<'_> {
    fn text(&self) -> String {
        let mut lines = vec![format!("? {}", self.message)];
        for (i, &answer) in OPTIONS.iter().enumerate() {
            let mark = if self.cursor == Some(i) { ">" } else { " " };
            let mut line = format!("{mark} {}", label(answer));
            if self.earlier == Some(answer) {
                line.push_str("   (your earlier answer)");
            }
            if self.cursor == Some(i) {
                line = self.style.bold(&line);
            }
            lines.push(line);
        }
        if self.hint {
            let arrows = if self.style.unicode {
                "↑↓"
            } else {
                "Up/Down"
            };
            lines.push(self.style.yellow(&format!(
                "Type 0-4 or ?, or choose with {arrows} first: Enter alone answers nothing."
            )));
        }
        lines.push(self.style.dim(&format!("[{}]", self.help)));
        lines.join("\n")
    }

    /// Erases what was drawn, leaving the cursor where the prompt began.
    fn erase(&mut self, err: &mut impl Write) -> std::io::Result<()> {
        crossterm::queue!(err, MoveToColumn(0))?;
        if self.drawn > 1 {
            crossterm::queue!(err, MoveUp(self.drawn - 1))?;
        }
        crossterm::queue!(err, Clear(ClearType::FromCursorDown))?;
        self.drawn = 0;
        Ok(())
    }

    fn draw(&mut self, err: &mut impl Write) -> std::io::Result<()> {
        self.erase(err)?;
        let text = self.text();
        let cols = crossterm::terminal::size().map_or(80, |(w, _)| w);
        self.drawn = text.lines().map(|l| rows(&strip(l), cols)).sum();
        // Raw mode: a line feed does not return the carriage.
        write!(err, "{}", text.replace('\n', "\r\n"))?;
        err.flush()
    }
}

/// `line` without the colour codes of [`Style`], to count its width.
fn strip(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Asks one question until it is answered, left with Esc or stopped.
pub fn ask(
    message: &str,
    help: &str,
    earlier: Option<Answer>,
    style: Style,
) -> std::io::Result<Outcome> {
    let mut err = std::io::stderr();
    let _raw = Raw::on()?;
    let mut screen = Screen {
        message,
        help,
        earlier,
        cursor: earlier.map(index_of),
        hint: false,
        drawn: 0,
        style,
    };
    screen.draw(&mut err)?;
    let outcome = loop {
        let key = match read()? {
            Event::Key(KeyEvent {
                code,
                modifiers,
                kind: KeyEventKind::Press | KeyEventKind::Repeat,
                ..
            }) => (code, modifiers),
            Event::Resize(..) => {
                screen.draw(&mut err)?;
                continue;
            }
            _ => continue,
        };
        let last = OPTIONS.len() - 1;
        match key {
            (KeyCode::Char('c' | 'd'), m) if m.contains(KeyModifiers::CONTROL) => {
                break Outcome::Stop;
            }
            (KeyCode::Char(c @ '0'..='4'), _) => {
                break Outcome::Answered(Answer::Scale(c as u8 - b'0'));
            }
            (KeyCode::Char('?'), _) => break Outcome::Answered(Answer::Unknown),
            (KeyCode::Esc, _) => break Outcome::Back,
            (KeyCode::Enter, _) => match screen.cursor {
                Some(i) => break Outcome::Answered(OPTIONS[i]),
                None => screen.hint = true,
            },
            (KeyCode::Up | KeyCode::Char('k'), _) => {
                screen.cursor = Some(screen.cursor.map_or(last, |i| i.saturating_sub(1)));
            }
            (KeyCode::Down | KeyCode::Char('j'), _) => {
                screen.cursor = Some(screen.cursor.map_or(0, |i| (i + 1).min(last)));
            }
            (KeyCode::Home, _) => screen.cursor = Some(0),
            (KeyCode::End, _) => screen.cursor = Some(last),
            // Anything else is ignored: typing never filters the list.
            _ => continue,
        }
        screen.draw(&mut err)?;
    };
    screen.erase(&mut err)?;
    err.flush()?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(earlier: Option<Answer>) -> Screen<'static> {
        Screen {
            message: "1/38  A question.",
            help: "Help.\n1/38 [----] 0% answered",
            earlier,
            cursor: earlier.map(index_of),
            hint: false,
            drawn: 0,
            style: Style::PLAIN,
        }
    }

    #[test]
    fn a_new_question_has_nothing_chosen() {
        let text = screen(None).text();
        assert!(!text.lines().any(|l| l.starts_with('>')), "{text}");
        assert!(text.starts_with("? 1/38  A question.\n  0  not true at all\n"));
        assert!(text.ends_with("0% answered]"));
    }

    #[test]
    fn an_earlier_answer_is_chosen_and_marked() {
        let text = screen(Some(Answer::Unknown)).text();
        assert!(
            text.contains("> ?  don't know   (your earlier answer)"),
            "{text}"
        );
    }

    #[test]
    fn colour_codes_do_not_count_as_width() {
        assert_eq!(strip("\x1b[1mbold\x1b[0m text"), "bold text");
    }
}
