//! The human batch view: one line per organisation, written as it comes (so
//! column widths are fixed up front, not measured), then the summary.

use super::{ResultWriter, Scored, percent, stage_label};
use crate::model::Model;
use crate::style::Style;
use crate::summary::Summary;
use std::io::Write;
use textwrap::core::display_width;

const INDEX: usize = 4;
const ORGANISATION: usize = 22;
const FIT: usize = 4;
const CONFIDENCE: usize = 10;
/// Columns of the summary's histogram bars.
const HISTOGRAM: usize = 20;

pub struct Rows {
    style: Style,
    /// Width of the stage columns: the longest "N Name" of the model.
    stage: usize,
    /// Cut the last column at the style's width (on a terminal); in a file
    /// or pipe, lines keep the full next step.
    fit_to_width: bool,
}

impl Rows {
    pub fn new(style: Style, model: &Model, fit_to_width: bool) -> Rows {
        let stage = model
            .stages()
            .iter()
            .map(|s| display_width(&stage_label(s)))
            .max()
            .unwrap_or(0)
            .max("In transition to".len());
        Rows {
            style,
            stage,
            fit_to_width,
        }
    }

    fn step_width(&self) -> usize {
        if !self.fit_to_width {
            return usize::MAX;
        }
        let used = INDEX + ORGANISATION + 2 * self.stage + FIT + CONFIDENCE + 6 * 2;
        usize::from(self.style.width).saturating_sub(used).max(20)
    }

    fn ellipsis(&self) -> &'static str {
        if self.style.unicode { "…" } else { "..." }
    }

    /// `text` cut to `width` columns and padded to them.
    fn cell(&self, text: &str, width: usize) -> String {
        let mut text = text.replace(['\n', '\r', '\t'], " ");
        if display_width(&text) > width {
            let keep = width.saturating_sub(display_width(self.ellipsis()));
            let mut cut = String::new();
            for c in text.chars() {
                if display_width(&cut) + display_width(c.encode_utf8(&mut [0; 4])) > keep {
                    break;
                }
                cut.push(c);
            }
            text = format!("{}{}", cut.trim_end(), self.ellipsis());
        }
        if width == usize::MAX {
            return text;
        }
        let pad = width.saturating_sub(display_width(&text));
        format!("{text}{}", " ".repeat(pad))
    }

    fn line(&self, cells: [String; 7]) -> String {
        cells.join("  ").trim_end().to_string()
    }
}

impl ResultWriter for Rows {
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        let header = self.line([
            format!("{:>INDEX$}", "#"),
            self.cell("Organisation", ORGANISATION),
            self.cell("Stage", self.stage),
            self.cell("In transition to", self.stage),
            format!("{:>FIT$}", "Fit"),
            self.cell("Confidence", CONFIDENCE),
            "First next step".to_string(),
        ]);
        let rule = if self.style.unicode { "─" } else { "-" };
        let width = INDEX + ORGANISATION + 2 * self.stage + FIT + CONFIDENCE + 6 * 2 + 15;
        writeln!(out, "{}", self.style.bold(&header))?;
        writeln!(out, "{}", self.style.dim(&rule.repeat(width)))?;
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let organisation = match s.organisation() {
            Some(name) => self.cell(name, ORGANISATION),
            None => self.style.dim(&self.cell("(not named)", ORGANISATION)),
        };
        let stage = stage_label(s.stage());
        let stage = if s.assessment.reached {
            self.cell(&stage, self.stage)
        } else {
            // Not reached: the closest stage, marked.
            self.cell(&format!("{stage}?"), self.stage)
        };
        let next = s.in_transition_to().map(stage_label).unwrap_or_default();
        let step = s.first_step().map_or("", |t| t.action.as_str());
        let line = self.line([
            format!("{:>INDEX$}", s.index),
            organisation,
            stage,
            self.cell(&next, self.stage),
            format!("{:>FIT$}", percent(s.fit())),
            self.cell(s.assessment.confidence.as_str(), CONFIDENCE),
            self.cell(step, self.step_width()),
        ]);
        writeln!(out, "{line}")?;
        Ok(())
    }

    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()> {
        let Some(summary) = summary else {
            return Ok(());
        };
        let style = &self.style;
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "Summary: {} organisations, {} in transition",
                summary.organisations, summary.in_transition
            ))
        )?;
        writeln!(out)?;
        let name = summary
            .stages
            .iter()
            .map(|s| display_width(&s.name))
            .max()
            .unwrap_or(0);
        let count = summary.organisations.to_string().len().max(2);
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "  {:<w$}  {:<bars$}  Mean fit",
                "Stage",
                "Organisations",
                w = name + 3,
                bars = count + 2 + HISTOGRAM
            ))
        )?;
        let block = if style.unicode { "█" } else { "#" };
        for s in &summary.stages {
            let share = s.organisations as f64 / summary.organisations.max(1) as f64;
            let mut blocks = (share * HISTOGRAM as f64).round() as usize;
            if s.organisations > 0 {
                blocks = blocks.max(1);
            }
            let bar = format!(
                "{}{}",
                block.repeat(blocks),
                " ".repeat(HISTOGRAM.saturating_sub(blocks))
            );
            let mean = s.mean_fit.map_or("-".to_string(), percent);
            let label = format!("{:>2} {}", s.number, s.name);
            writeln!(
                out,
                "  {label:<w$}  {:>count$}  {}  {mean:>8}",
                s.organisations,
                style.green(&bar),
                w = name + 3
            )?;
        }
        if !summary.top_next_steps.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", style.bold("Most common first next steps"))?;
            let width = usize::from(style.width).saturating_sub(2);
            for step in &summary.top_next_steps {
                let first = format!("  {:>count$}  ", step.organisations);
                let rest = " ".repeat(first.len());
                let options = textwrap::Options::new(width)
                    .initial_indent(&first)
                    .subsequent_indent(&rest);
                let text = format!("{} (stage {})", step.action, step.stage);
                writeln!(out, "{}", textwrap::fill(&text, options))?;
            }
        }
        Ok(())
    }
}
