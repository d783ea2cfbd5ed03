//! JSON: an array of the full results, written one element at a time; with
//! `--summary`, `{"results": [..], "summary": {..}}`. JSON Lines: one result
//! per line, and with a summary a last `{"summary": ..}` line.

use crate::export::batch::{ResultWriter, RowResult, Scored};
use crate::summary::Summary;
use serde::Serialize;
use std::io::Write;

/// Writes `value` pretty-printed with every line indented by `indent`
/// spaces. Safe for JSON: strings never hold a raw newline.
fn indented(value: &impl Serialize, indent: usize, buf: &mut Vec<u8>) -> anyhow::Result<Vec<u8>> {
    buf.clear();
    serde_json::to_writer_pretty(&mut *buf, value)?;
    crate::export::json::html_safe(buf);
    let pad = " ".repeat(indent);
    let mut out = Vec::with_capacity(buf.len() + buf.len() / 8);
    for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(pad.as_bytes());
        }
        out.extend_from_slice(line);
    }
    Ok(out)
}

pub struct Array {
    with_summary: bool,
    count: usize,
    buf: Vec<u8>,
}

impl Array {
    pub fn new(with_summary: bool) -> Array {
        Array {
            with_summary,
            count: 0,
            buf: Vec::new(),
        }
    }

    fn indent(&self) -> usize {
        if self.with_summary { 4 } else { 2 }
    }
}

impl ResultWriter for Array {
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.with_summary {
            out.write_all(b"{\n  \"results\": [")?;
        } else {
            out.write_all(b"[")?;
        }
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let indent = self.indent();
        let diagnosis = s.diagnosis();
        let result = RowResult {
            row: s.row(),
            diagnosis: &diagnosis,
        };
        let text = indented(&result, indent, &mut self.buf)?;
        out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        out.write_all(" ".repeat(indent).as_bytes())?;
        out.write_all(&text)?;
        self.count += 1;
        Ok(())
    }

    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()> {
        let close = if self.count == 0 { "]" } else { "\n]" };
        if self.with_summary {
            let close = if self.count == 0 { "]" } else { "\n  ]" };
            write!(out, "{close},\n  \"summary\": ")?;
            match summary {
                Some(summary) => out.write_all(&indented(summary, 2, &mut self.buf)?)?,
                None => out.write_all(b"null")?,
            }
            out.write_all(b"\n}\n")?;
        } else {
            writeln!(out, "{close}")?;
        }
        Ok(())
    }
}

#[derive(Default)]
pub struct Lines {
    buf: Vec<u8>,
}

impl ResultWriter for Lines {
    fn begin(&mut self, _: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        self.buf.clear();
        let diagnosis = s.diagnosis();
        let result = RowResult {
            row: s.row(),
            diagnosis: &diagnosis,
        };
        serde_json::to_writer(&mut self.buf, &result)?;
        crate::export::json::html_safe(&mut self.buf);
        self.buf.push(b'\n');
        out.write_all(&self.buf)?;
        Ok(())
    }

    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()> {
        if let Some(summary) = summary {
            #[derive(Serialize)]
            struct Line<'a> {
                summary: &'a Summary,
            }
            serde_json::to_writer(&mut *out, &Line { summary })?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
