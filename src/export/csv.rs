//! CSV: the header a survey form is built from, and one row per result with
//! a fit column per stage. Text cells are neutralised against formula
//! injection (see [`neutralise`]).

use super::batch::{ResultWriter, Scored};
use crate::answers::Answer;
use crate::model::{Model, step_index};
use crate::summary::Summary;
use std::io::Write;

/// Text cells that a spreadsheet would run as a formula start with one of
/// these (OWASP, "CSV Injection").
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe to open in a spreadsheet: one that starts like a
/// formula gets a leading `'`, which spreadsheets show as text. Numbers we
/// write ourselves are not text and are left alone.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Writes one CSV field, quoted when it must be (RFC 4180), by the csv
/// crate's own writer (`csv-core`, which it is built on).
fn field(out: &mut Vec<u8>, text: &str) {
    // A lone empty field would be written `""`; an empty cell is nothing.
    if text.is_empty() {
        return;
    }
    let mut writer = csv_core::Writer::new();
    let start = out.len();
    // The most a field can take: every byte a doubled quote, plus two quotes.
    out.resize(start + 2 * text.len() + 2, 0);
    let (_, _, written) = writer.field(text.as_bytes(), &mut out[start..]);
    let (_, closing) = writer.finish(&mut out[start + written..]);
    out.truncate(start + written + closing);
}

/// The bytes a text cell may hold and still be written as it is: printable
/// ASCII but the comma and the quote (which need quoting) and `<` (see
/// [`tag_safe`]).
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        plain[b] = !matches!(b as u8, b',' | b'"' | b'<');
        b += 1;
    }
    plain
};

/// A text field from outside: neutralised, then quoted as needed.
fn text_field(out: &mut Vec<u8>, text: &str) {
    // Printable ASCII with nothing to quote, show or neutralise (most names
    // and every date) comes out as it is: written straight, on every row.
    if text.bytes().all(|b| PLAIN[usize::from(b)]) && !text.starts_with(FORMULA_STARTS) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    // Control characters shown, never written: a CSV is often `cat` to a terminal.
    field(out, &neutralise(&tag_safe(&crate::text::printable(text))));
}

/// `text` with every `<` that would open an HTML tag (`<script>`, `</b>`,
/// `<!--`) shown as `\u{3c}`, in the style of [`crate::text::printable`]:
/// CSV files end up pasted into web tools. A `<` before anything else
/// ("A < B") is left alone.
fn tag_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let opens = |rest: &str| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    };
    if !text.contains('<') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if c == '<' && opens(&text[i + 1..]) {
            out.push_str("\\u{3c}");
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// `x` (0..1) with three decimals, without going through float formatting.
/// `x` (0..1) as the five bytes of `0.000`..`1.000`.
fn fixed3_bytes(x: f64) -> [u8; 5] {
    // Non-negative, so adding a half and truncating rounds (and needs no libm).
    let m = (x.clamp(0.0, 1.0) * 1000.0 + 0.5) as u32;
    let frac = m % 1000;
    [
        b'0' + (m / 1000) as u8,
        b'.',
        b'0' + (frac / 100) as u8,
        b'0' + (frac / 10 % 10) as u8,
        b'0' + (frac % 10) as u8,
    ]
}

fn number(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    // Two digits a division: a row has several numbers, some of six digits or more.
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
    } else {
        i -= 1;
        digits[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&digits[i..]);
}

/// `questions --format csv`: `organisation,date,` and every question id in
/// questionnaire order; with `with_text`, a second row of the questions.
pub fn questions(model: &Model, with_text: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let order = model.question_order();
    let mut line = Vec::new();
    line.extend_from_slice(b"organisation,date");
    for key in crate::context::context_keys() {
        line.push(b',');
        text_field(&mut line, key);
    }
    for (_, t) in &order {
        line.push(b',');
        text_field(&mut line, &t.id);
    }
    line.push(b'\n');
    if with_text {
        line.extend_from_slice(b"Organisation,Date (YYYY-MM-DD)");
        for key in crate::context::Key::ALL {
            line.push(b',');
            let text = format!("{} ({})", key.question(), key.values().join(" | "));
            text_field(&mut line, &text);
        }
        line.push(b',');
        let worries = format!(
            "{} ({}; separate with ;)",
            crate::context::WORRIES_QUESTION,
            crate::context::WORRIES.join(" | ")
        );
        text_field(&mut line, &worries);
        for (_, t) in &order {
            line.push(b',');
            text_field(&mut line, &t.question);
        }
        line.push(b'\n');
    }
    out.write_all(&line)?;
    Ok(())
}

/// One row per result.
pub struct Rows {
    line: Vec<u8>,
    /// Per stage index: its name as a CSV field, encoded once.
    stage_names: Vec<Vec<u8>>,
    /// Per trait position: every text its step can show, by
    /// `Trait::step_variant`, as a CSV field encoded once (the longest text
    /// of a row, and always the same few).
    actions: Vec<Vec<Vec<u8>>>,
    /// Per trait: when each variant applies.
    variants: Vec<Vec<crate::context::Condition>>,
}

impl Rows {
    pub fn new(model: &Model) -> Rows {
        let encode = |text: &str| {
            let mut out = Vec::new();
            text_field(&mut out, text);
            out
        };
        Rows {
            line: Vec::with_capacity(512),
            stage_names: model.stages().iter().map(|s| encode(&s.name)).collect(),
            actions: model
                .traits()
                .map(|(_, t)| t.step_texts().map(|text| encode(&text)).collect())
                .collect(),
            variants: model
                .traits()
                .map(|(_, t)| t.actions_for.iter().map(|v| v.condition).collect())
                .collect(),
        }
    }
}

impl ResultWriter for Rows {
    fn begin(&mut self, _: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let line = &mut self.line;
        line.clear();
        if s.index == 1 {
            line.extend_from_slice(
                b"index,row,organisation,date,stage,stage_name,reached,in_transition_to,skipped_foundations,ahead,confidence,answered",
            );
            for stage in s.scorer.model().stages() {
                line.extend_from_slice(b",fit_");
                field(line, &stage.id);
            }
            line.extend_from_slice(b",next_step\n");
        }
        let a = s.assessment;
        number(line, s.index);
        line.push(b',');
        number(line, s.row());
        line.push(b',');
        text_field(line, s.organisation().unwrap_or(""));
        line.push(b',');
        text_field(line, s.respondent.date.as_deref().unwrap_or(""));
        line.push(b',');
        if let Some(stage) = s.stage() {
            number(line, stage.number as usize);
        }
        line.push(b',');
        match a.current() {
            Some(current) => line.extend_from_slice(&self.stage_names[current]),
            None => line.extend_from_slice(super::batch::NOT_PLACED.as_bytes()),
        }
        line.push(b',');
        line.extend_from_slice(if a.placement.reached {
            b"true"
        } else {
            b"false"
        });
        line.push(b',');
        if let Some(next) = s.in_transition_to() {
            number(line, next.number as usize);
        }
        line.push(b',');
        // Stage numbers, `;`-separated: one cell however many.
        for list in [&a.placement.skipped, &a.placement.ahead] {
            for (i, &stage) in list.iter().enumerate() {
                if i > 0 {
                    line.push(b';');
                }
                number(line, s.scorer.model().stages()[stage].number as usize);
            }
            line.push(b',');
        }
        line.extend_from_slice(a.confidence.as_str().as_bytes());
        line.push(b',');
        number(line, a.answered);
        // The fits, the bulk of a row: six bytes each, built on the stack.
        for chunk in a.fit.chunks(8) {
            let mut fits = [0u8; 6 * 8];
            let mut len = 0;
            for f in chunk {
                fits[len] = b',';
                len += 1;
                // A stage that does not apply has no fit: an empty cell, not 0.000.
                if !f.not_applicable {
                    fits[len..len + 5].copy_from_slice(&fixed3_bytes(f.fit));
                    len += 5;
                }
            }
            line.extend_from_slice(&fits[..len]);
        }
        line.push(b',');
        if let Some(step) = a.next_steps.first() {
            if step.reason == crate::scoring::StepReason::FindOut {
                text_field(line, &s.first_action().unwrap_or_default());
            } else {
                // As `Trait::step_variant`, without walking the model.
                let context = &s.respondent.context;
                let variant = crate::context::variant(&self.variants[step.position], context);
                let texts = &self.actions[step.position];
                let answer = s.respondent.answers.get(step.position);
                let index = step_index(
                    variant,
                    texts.len() / 2,
                    *answer.unwrap_or(&Answer::Unknown),
                );
                line.extend_from_slice(&texts[index]);
            }
        }
        line.push(b'\n');
        out.write_all(line)?;
        Ok(())
    }

    fn end(&mut self, _: Option<&Summary>, _: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote_and_nothing_else_does() {
        for bad in ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for good in ["Acme", "", "1=1", " =x", "'quoted"] {
            assert_eq!(neutralise(good), good, "{good:?}");
        }
    }

    #[test]
    fn only_a_tag_opening_angle_bracket_is_shown_escaped() {
        assert_eq!(
            tag_safe("EVIL <script>x</script> <!-- a < b"),
            "EVIL \\u{3c}script>x\\u{3c}/script> \\u{3c}!-- a < b"
        );
        assert_eq!(tag_safe("A < B"), "A < B");
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let mut out = Vec::new();
        field(&mut out, "a,b \"c\"");
        field(&mut out, "plain");
        assert_eq!(String::from_utf8(out).unwrap(), "\"a,b \"\"c\"\"\"plain");
    }

    #[test]
    fn fits_have_three_decimals() {
        let mut out = Vec::new();
        for x in [0.0, 0.6254, 0.9999, 1.0, 0.05] {
            out.extend_from_slice(&fixed3_bytes(x));
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0.000 0.625 1.000 1.000 0.050 "
        );
        for n in [0, 7, 10, 99, 100, 305, 1_000_207, usize::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }
}
