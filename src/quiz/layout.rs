//! How the quiz lays out its text: progress, wrapping, the first screen.

use crate::style::Style;
use inquire::ui::{Color, RenderConfig, Styled};

/// "12/38 ▕██████░░░░░░▏ 29%": the question's place and the share answered.
pub(super) fn progress(index: usize, answered: usize, total: usize, style: Style) -> String {
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

/// The first screen's text, wrapped, with its first line in bold.
pub(super) fn style_header(intro: &str, style: Style) -> String {
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
pub(super) fn wrapping(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

pub(super) fn fill(text: &str, width: usize) -> String {
    textwrap::fill(text, wrapping(width))
}

/// Columns kept free after a question for the answer shown there once
/// given (" → 0 not true at all").
pub(super) const ANSWER_ROOM: usize = 21;

/// `text` wrapped to `width`, with `room` columns left free on its last line.
pub(super) fn wrap_leaving_room(text: &str, width: usize, room: usize) -> String {
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

pub(super) fn render_config(style: Style, canceled: &'static str) -> RenderConfig<'static> {
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
pub(super) fn minutes(questions: usize) -> usize {
    (questions * 15).div_ceil(60).max(1)
}

/// What stands before a question once it is answered.
pub(super) fn answered_prefix(style: Style) -> &'static str {
    if style.unicode { "✔" } else { ">" }
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
}
