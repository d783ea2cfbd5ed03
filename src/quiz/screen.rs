//! The lines the quiz leaves on screen: one per question answered. Going
//! back erases the last of them, so that the screen never shows an answer
//! that no longer counts.

use crossterm::cursor::MoveToPreviousLine;
use crossterm::terminal::{Clear, ClearType};
use std::io::Write;

/// Rows drawn by each finished prompt of this run, oldest first.
#[derive(Debug, Default)]
pub struct Transcript {
    rows: Vec<u16>,
}

impl Transcript {
    /// A prompt finished and left `line` on screen.
    pub fn push(&mut self, line: &str) {
        self.rows.push(rows(line, columns()));
    }

    /// Going back from a prompt that erased itself: erases the line of the
    /// step before it, if this run drew it.
    pub fn erase_last(&mut self) {
        let n = self.rows.pop().unwrap_or(0);
        if n > 0 {
            let mut err = std::io::stderr();
            let _ = crossterm::queue!(err, MoveToPreviousLine(n), Clear(ClearType::FromCursorDown));
            let _ = err.flush();
        }
    }
}

fn columns() -> u16 {
    crossterm::terminal::size().map_or(80, |(w, _)| w)
}

/// How many rows `text` takes when drawn `cols` wide, wrapped the way
/// inquire wraps: a new row at a newline or where the next character does
/// not fit.
pub fn rows(text: &str, cols: u16) -> u16 {
    let cols = usize::from(cols.max(1));
    let mut rows: u16 = 1;
    let mut used = 0;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c == '\n' {
            rows = rows.saturating_add(1);
            used = 0;
            continue;
        }
        let width = textwrap::core::display_width(c.encode_utf8(&mut buf));
        if width > cols - used {
            rows = rows.saturating_add(1);
            used = 0;
        }
        used += width;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn rows_count_newlines_and_wrapping() {
        assert_eq!(rows("", 10), 1);
        assert_eq!(rows("0123456789", 10), 1);
        assert_eq!(rows("0123456789x", 10), 2);
        assert_eq!(rows("ab\ncd", 10), 2);
        assert_eq!(rows("✔ 1/38  ab → 4 fully true", 100), 1);
        assert_eq!(rows("0123456789\n0123456789x", 10), 3);
    }
}
