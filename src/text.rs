//! Text from input (organisation names, ids, values in error messages) made
//! safe to print: a crafted file must not move the cursor, recolour the
//! terminal or reorder what is shown.

use std::borrow::Cow;

/// Characters that must never reach a terminal as they are: C0 and C1
/// controls (ESC starts every escape sequence), DEL, and the bidirectional
/// overrides that can make text read differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as a visible escape, e.g. `\u{1b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the usual case, is checked byte-wise without an early
    // exit, so that the loop vectorises.
    let ascii = text
        .bytes()
        .fold(true, |ok, b| ok & (b.wrapping_sub(0x20) < 0x5f));
    if ascii || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`printable`], for one-line fields: newlines and tabs escaped too.
pub fn one_line(text: &str) -> String {
    printable(text).replace('\n', "\\n").replace('\t', "\\t")
}

/// `text` with its first letter in upper case, for the start of a sentence.
/// `fit` (0..1) in whole points as every result prints it ("52%"): one
/// rounding for the percentages and the distances between them.
pub fn whole_percent(fit: f64) -> i64 {
    // As `{:.0}` prints it (ties to even), without formatting: batch
    // scoring asks for it on every row.
    (fit * 100.0).round_ties_even() as i64
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The candidate closest to a mistyped word, for "did you mean": by
/// Jaro-Winkler similarity over `threshold`, case and `-`/`_` folded.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    threshold: f64,
) -> Option<&'a str> {
    let fold = |w: &str| w.trim().to_lowercase().replace('-', "_");
    let word = fold(word);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&fold(c), &word), c))
        .filter(|(score, _)| *score > threshold)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_percent_rounds_as_the_percentages_are_printed() {
        for i in 0..=10_000 {
            let fit = f64::from(i) / 10_000.0;
            let printed: i64 = format!("{:.0}", fit * 100.0).parse().unwrap();
            assert_eq!(whole_percent(fit), printed, "{fit}");
        }
        for fit in [0.525, 0.125, 0.645_833_333_333_333_4, 31.0 / 48.0] {
            let printed: i64 = format!("{:.0}", fit * 100.0).parse().unwrap();
            assert_eq!(whole_percent(fit), printed, "{fit}");
        }
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_become_visible() {
        assert_eq!(
            printable("Acme\x1b[31mRed\x1b[0m"),
            "Acme\\u{1b}[31mRed\\u{1b}[0m"
        );
        assert_eq!(printable("a\u{202E}b"), "a\\u{202e}b");
        assert_eq!(
            printable("bell\x07 and del\x7f"),
            "bell\\u{7} and del\\u{7f}"
        );
        assert_eq!(printable("c1\u{9b}2J"), "c1\\u{9b}2J");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        assert!(matches!(
            printable("Müller & Söhne\nline two\tand a tab"),
            Cow::Borrowed(_)
        ));
        assert_eq!(one_line("a\nb"), "a\\nb");
    }
}
