//! YAML: the same shapes as JSON (a sequence of results; with `--summary`,
//! `results:` and `summary:`), written one result at a time.

use crate::export::batch::{ResultWriter, RowResult, Scored};
use crate::summary::Summary;
use crate::yaml;
use std::io::Write;

pub struct Sequence {
    with_summary: bool,
    count: usize,
}

impl Sequence {
    pub fn new(with_summary: bool) -> Sequence {
        Sequence {
            with_summary,
            count: 0,
        }
    }
}

/// A YAML document re-indented as one item of a block sequence.
fn item(document: &str, indent: &str) -> String {
    let mut out = String::with_capacity(document.len() + document.len() / 8);
    for (i, line) in document.lines().enumerate() {
        out.push_str(indent);
        out.push_str(if i == 0 {
            "- "
        } else if line.is_empty() {
            ""
        } else {
            "  "
        });
        out.push_str(line);
        out.push('\n');
    }
    out
}

impl ResultWriter for Sequence {
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.with_summary {
            out.write_all(b"results:\n")?;
        }
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let document = crate::export::yaml::diagnosis_document(s.diagnosis(), |diagnosis| {
            yaml::to_string(&RowResult {
                row: s.row(),
                diagnosis,
            })
        })?;
        let indent = if self.with_summary { "  " } else { "" };
        out.write_all(item(&document, indent).as_bytes())?;
        self.count += 1;
        Ok(())
    }

    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.count == 0 {
            out.write_all(if self.with_summary {
                b"  []\n"
            } else {
                b"[]\n"
            })?;
        }
        if self.with_summary {
            match summary {
                Some(summary) => {
                    out.write_all(b"summary:\n")?;
                    for line in yaml::to_string(summary)?.lines() {
                        writeln!(out, "  {line}")?;
                    }
                }
                None => out.write_all(b"summary: null\n")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_item_is_the_document_indented_under_a_dash() {
        assert_eq!(
            super::item("a: 1\nb:\n- x\n", "  "),
            "  - a: 1\n    b:\n    - x\n"
        );
    }
}
