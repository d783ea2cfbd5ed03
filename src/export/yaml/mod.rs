//! YAML: the same shapes as JSON; for the questionnaire, an answer file.

pub(super) mod batch;

use super::Exporter;
use crate::model::{Model, Stage};
use crate::scoring::Diagnosis;
use crate::yaml;
use serde::Serialize;
use std::io::Write;

pub struct Yaml;

fn write_yaml(value: &impl Serialize, out: &mut dyn Write) -> anyhow::Result<()> {
    out.write_all(yaml::to_string(value)?.as_bytes())?;
    Ok(())
}

impl Exporter for Yaml {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_yaml(&model.stages(), out)
    }
    fn stage(&self, _: &Model, stage: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        write_yaml(stage, out)
    }
    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        out.write_all(super::answer_file(model, None).as_bytes())?;
        Ok(())
    }
    fn diagnosis(&self, diagnosis: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        let document = diagnosis_document(diagnosis.clone(), yaml::to_string)?;
        out.write_all(document.as_bytes())?;
        Ok(())
    }
}

/// A result as the YAML document `write` makes of it (which may wrap it),
/// with the text that came from input (organisation, date) written by
/// [`double_quoted`]: never a raw control character or tag.
pub fn diagnosis_document(
    mut diagnosis: Diagnosis,
    write: impl FnOnce(&Diagnosis) -> anyhow::Result<String>,
) -> anyhow::Result<String> {
    let organisation = diagnosis.organisation.take();
    let date = diagnosis.date.take();
    // Serialized as null, then the null replaced: serde-saphyr picks its own
    // quoting, and plain scalars may hold `<` and `>`.
    let mut document = write(&diagnosis)?;
    for (key, value) in [("organisation", organisation), ("date", date)] {
        if let Some(value) = value {
            let null = format!("{key}: null\n");
            // A top-level key starts a line at column 0; nothing else does.
            let at = if document.starts_with(&null) {
                Some(0)
            } else {
                document.find(&format!("\n{null}")).map(|i| i + 1)
            };
            if let Some(at) = at {
                let line = format!("{key}: {}\n", double_quoted(&value));
                document.replace_range(at..at + null.len(), &line);
            }
        }
    }
    Ok(document)
}

/// `text` as a YAML double-quoted scalar that is safe to print and to embed
/// in HTML: `"`, `\\`, `<`, `>`, control characters, bidirectional overrides
/// and line separators escaped (`\u003c`, `\u001b`, ...).
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if crate::text::is_unsafe(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_is_double_quoted_with_escapes_and_reads_back_the_same() {
        let evil = "\u{1b}[2J\u{7}EVIL <script>alert(\"1\")</script> \\ \u{202e}\nline";
        let quoted = double_quoted(evil);
        assert_eq!(
            quoted,
            "\"\\u001b[2J\\u0007EVIL \\u003cscript\\u003ealert(\\\"1\\\")\\u003c/script\\u003e \\\\ \\u202e\\nline\""
        );
        let back: String = yaml::from_str(&quoted).unwrap();
        assert_eq!(back, evil);
    }
}
