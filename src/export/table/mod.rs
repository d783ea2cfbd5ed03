//! The human view: tables, a fit chart, wrapped text.

pub(super) mod batch;
pub(super) mod compare;

mod diagnosis;

use super::Exporter;
use crate::model::{Model, Stage};
use crate::scoring::{Diagnosis, REACHED};
use crate::style::Style;
use comfy_table::{ContentArrangement, presets};
use std::io::Write;

pub struct Table {
    pub style: Style,
}

/// Columns of the fit chart's bars.
const BAR_WIDTH: usize = 24;

impl Table {
    fn table(&self, header: &[&str]) -> comfy_table::Table {
        let mut t = comfy_table::Table::new();
        // We decide about terminals ourselves (NO_COLOR, --color); comfy-table
        // would otherwise print bold headers whenever stdout is a terminal.
        t.load_style(if self.style.unicode {
            presets::UTF8_FULL_CONDENSED
        } else {
            presets::ASCII_FULL_CONDENSED
        });
        t.force_no_tty()
            .set_width(self.style.width)
            .set_content_arrangement(ContentArrangement::Dynamic)
            // comfy-table styles the cells itself, after measuring them:
            // codes put into the text would count as width.
            .set_header(header.iter().map(|h| {
                let cell = comfy_table::Cell::new(h);
                if self.style.color {
                    cell.add_attribute(comfy_table::Attribute::Bold)
                } else {
                    cell
                }
            }));
        if self.style.color {
            t.enforce_styling();
        }
        t
    }

    pub(super) fn wrap(&self, text: &str, indent: &str) -> String {
        let width = usize::from(self.style.width).saturating_sub(2);
        let options = textwrap::Options::new(width)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .initial_indent(indent)
            .subsequent_indent(indent);
        textwrap::fill(text.trim(), options)
    }

    /// A bullet list item wrapped under its own first character.
    pub(super) fn bullet(&self, text: &str, bullet: &str) -> String {
        let width = usize::from(self.style.width).saturating_sub(2);
        let first = format!("  {bullet} ");
        let rest = " ".repeat(first.chars().count());
        let options = textwrap::Options::new(width)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        textwrap::fill(text.trim(), options)
    }

    pub(super) fn dot(&self) -> &'static str {
        if self.style.unicode { "•" } else { "*" }
    }

    /// A bar of `fit` (0..1) in BAR_WIDTH columns, with a mark where a stage counts as reached.
    pub(super) fn bar(&self, fit: f64) -> String {
        let eighths = (fit.clamp(0.0, 1.0) * (BAR_WIDTH * 8) as f64).round() as usize;
        let (full, part) = (eighths / 8, eighths % 8);
        let mut bar = String::new();
        if self.style.unicode {
            const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
            bar.push_str(&"█".repeat(full));
            bar.push_str(PARTS[part]);
        } else {
            bar.push_str(&"#".repeat(full));
        }
        let used = full + usize::from(self.style.unicode && part > 0);
        let mark = (REACHED * BAR_WIDTH as f64).round() as usize;
        let mut tail = String::new();
        for column in used..BAR_WIDTH {
            tail.push(if column == mark {
                if self.style.unicode { '┆' } else { ':' }
            } else if self.style.unicode {
                '·'
            } else {
                '.'
            });
        }
        format!("{bar}{}", self.style.dim(&tail))
    }
}

pub(crate) use crate::export::percent;

impl Exporter for Table {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut t = self.table(&["#", "Stage", "Motto", "Summary"]);
        for s in model.stages() {
            t.add_row(vec![
                s.number.to_string(),
                s.name.clone(),
                s.motto.clone(),
                s.summary.clone(),
            ]);
        }
        writeln!(out, "{t}")?;
        writeln!(
            out,
            "{}",
            self.style
                .dim("Show one stage in full with: salesevo stages <number|id>")
        )?;
        Ok(())
    }

    fn stage(&self, model: &Model, s: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        let of = model.stages().len();
        let heading = format!("Stage {} of {of}: {} ({})", s.number, s.name, s.motto);
        writeln!(out, "{}", self.style.bold(&heading))?;
        writeln!(out, "{}", self.wrap(&s.summary, ""))?;
        writeln!(out)?;
        writeln!(out, "{}", self.wrap(&s.description, ""))?;
        let section = |out: &mut dyn Write, title: &str| -> std::io::Result<()> {
            writeln!(out)?;
            writeln!(out, "{}", self.style.bold(title))
        };
        section(out, "Focus")?;
        writeln!(out, "{}", self.wrap(&s.focus, "  "))?;
        section(out, "Roles")?;
        for r in &s.roles {
            let text = format!("{}: {}", r.name, r.description);
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }
        section(out, "What gets measured")?;
        for m in &s.metrics {
            writeln!(out, "{}", self.bullet(m, self.dot()))?;
        }
        section(out, "Pitfalls")?;
        for p in &s.pitfalls {
            writeln!(out, "{}", self.bullet(p, self.dot()))?;
        }
        section(out, "Traits (what you can observe at this stage)")?;
        for t in &s.traits {
            // No-break spaces: "[id, weight 3]" is never split over two lines.
            let text = format!("{} [{},\u{a0}weight\u{a0}{}]", t.statement, t.id, t.weight);
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }
        section(out, "Moving on")?;
        writeln!(out, "{}", self.wrap(&s.moving_on, "  "))?;
        section(out, "Builds on")?;
        writeln!(out, "{}", self.wrap(&super::lineage(model, s), "  "))?;
        Ok(())
    }

    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut t = self.table(&["#", "Question", "Id"]);
        for (i, (_, q)) in model.question_order().into_iter().enumerate() {
            t.add_row(vec![(i + 1).to_string(), q.question.clone(), q.id.clone()]);
        }
        writeln!(out, "{t}")?;
        writeln!(
            out,
            "{}",
            self.style.dim(
                "Answer each on 0-4 (not true at all .. fully true), unknown, or n/a. \
                 `salesevo questions --format yaml > answers.yaml` gives a file to fill in."
            )
        )?;
        Ok(())
    }

    fn diagnosis(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        self.result(d, out)
    }
}

/// Stage numbers as a list for text: "3, 4 and 7".
pub(crate) fn numbers(list: &[u32]) -> String {
    let parts: Vec<String> = list.iter().map(u32::to_string).collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
