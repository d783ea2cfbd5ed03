//! JSON: the serde types as they are, pretty-printed.

pub(super) mod batch;

use super::Exporter;
use crate::model::{Model, Stage};
use crate::scoring::Diagnosis;
use serde::Serialize;
use std::io::Write;

pub struct Json;

/// One question as `questions --format json` lists it.
#[derive(Serialize)]
pub struct QuestionRow<'a> {
    pub id: &'a str,
    /// Position in the questionnaire, from 1.
    pub order: usize,
    pub stage: u32,
    pub question: &'a str,
    pub help: &'a str,
    pub weight: f64,
    /// When the question applies: context key to the values for which it
    /// does (`{}` = always).
    pub applies_when: &'a std::collections::BTreeMap<String, Vec<String>>,
    /// The worries that building this trait answers.
    pub addresses: &'a [String],
}

pub fn question_rows(model: &Model) -> Vec<QuestionRow<'_>> {
    model
        .question_order()
        .into_iter()
        .enumerate()
        .map(|(i, (s, t))| QuestionRow {
            id: &t.id,
            order: i + 1,
            stage: s.number,
            question: &t.question,
            help: &t.help,
            weight: t.weight,
            applies_when: &t.applies_when,
            addresses: &t.addresses,
        })
        .collect()
}

fn write_json(value: &impl Serialize, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut buf = serde_json::to_vec_pretty(value)?;
    html_safe(&mut buf);
    buf.push(b'\n');
    out.write_all(&buf)?;
    Ok(())
}

/// JSON text made safe to embed in HTML: every `<` and `>` written as
/// `\u003c` and `\u003e` (serde_json already escapes control characters).
/// Outside strings JSON has no `<` or `>`, and in UTF-8 their bytes are never
/// part of another character, so the bytes can be replaced wherever they are.
pub fn html_safe(json: &mut Vec<u8>) {
    if !json.iter().any(|&b| b == b'<' || b == b'>') {
        return;
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    for &b in json.iter() {
        match b {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b => out.push(b),
        }
    }
    *json = out;
}

impl Exporter for Json {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(&model.stages(), out)
    }
    fn stage(&self, _: &Model, stage: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(stage, out)
    }
    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(&question_rows(model), out)
    }
    fn diagnosis(&self, diagnosis: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(diagnosis, out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_are_escaped_and_the_json_reads_back_the_same() {
        let text = "EVIL <script>alert(1)</script>\u{1b}";
        let mut json = serde_json::to_vec(&text).unwrap();
        super::html_safe(&mut json);
        assert_eq!(
            String::from_utf8(json.clone()).unwrap(),
            "\"EVIL \\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u001b\""
        );
        assert_eq!(serde_json::from_slice::<String>(&json).unwrap(), text);
    }
}
