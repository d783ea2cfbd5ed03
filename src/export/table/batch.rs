//! The human batch view: one line per organisation, written as it comes (so
//! column widths are fixed up front, not measured), then the summary.

use crate::export::batch::{MEAN_FIT, NOT_PLACED, ResultWriter, Scored, stage_label};
use crate::export::percent;
use crate::model::Model;
use crate::style::Style;
use crate::summary::Summary;
use std::io::Write;
use textwrap::core::display_width;

const INDEX: usize = 4;
/// The input row: a CSV's or a sheet's row, a JSON Lines line.
const ROW: usize = 5;
const ORGANISATION: usize = 22;
const FIT: usize = 4;
/// The stages ahead of the current one, by number ("5,7").
const AHEAD: usize = 5;
/// The confidence column: "Confidence" in a file, "Conf." on a terminal.
const CONFIDENCE: usize = 10;
const CONFIDENCE_NARROW: usize = 6;
/// The fewest columns the first next step gets on a terminal.
const MIN_STEP: usize = 20;
/// Columns between cells.
const GAPS: usize = 8 * 2;
/// Columns of the summary's histogram bars.
const HISTOGRAM: usize = 20;

pub struct Rows {
    style: Style,
    /// Width of the organisation column.
    organisation: usize,
    /// Width of the two stage columns.
    stage: usize,
    confidence: usize,
    /// Width of the first next step; unlimited in a file or pipe.
    step: usize,
}

impl Rows {
    /// `fit_to_width`: on a terminal, rows are cut to the style's width
    /// (names and stages shrink before the next step goes under
    /// [`MIN_STEP`]); in a file or pipe, nothing is cut.
    pub fn new(style: Style, model: &Model, fit_to_width: bool) -> Rows {
        // The longest "N Name" of the model.
        let stage = model
            .stages()
            .iter()
            .map(|s| display_width(&stage_label(s)))
            .max()
            .unwrap_or(0)
            .max("In transition to".len());
        let mut rows = Rows {
            style,
            organisation: ORGANISATION,
            stage,
            confidence: CONFIDENCE,
            step: usize::MAX,
        };
        if fit_to_width {
            rows.confidence = CONFIDENCE_NARROW;
            let flexible = usize::from(style.width)
                .saturating_sub(INDEX + ROW + FIT + AHEAD + CONFIDENCE_NARROW + GAPS);
            if ORGANISATION + 2 * stage + MIN_STEP <= flexible {
                rows.step = flexible - ORGANISATION - 2 * stage;
            } else {
                let rest = flexible.saturating_sub(MIN_STEP);
                rows.organisation = (rest * ORGANISATION / (ORGANISATION + 2 * stage)).max(8);
                rows.stage = (rest.saturating_sub(rows.organisation) / 2).max(6);
                rows.step = MIN_STEP;
            }
        }
        rows
    }

    /// The width of a full row, for the rule under the header.
    fn width(&self) -> usize {
        let step = if self.step == usize::MAX {
            "First next step".len()
        } else {
            self.step
        };
        INDEX
            + ROW
            + self.organisation
            + 2 * self.stage
            + AHEAD
            + FIT
            + self.confidence
            + GAPS
            + step
    }

    fn ellipsis(&self) -> &'static str {
        if self.style.unicode { "…" } else { "..." }
    }

    /// `text` cut to `width` columns and padded to them.
    fn cell(&self, text: &str, width: usize) -> String {
        // Escape sequences from input are shown, never obeyed.
        let mut text = crate::text::printable(&text.replace(['\n', '\r', '\t'], " ")).into_owned();
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

    fn line(&self, cells: [String; 9]) -> String {
        cells.join("  ").trim_end().to_string()
    }
}

impl ResultWriter for Rows {
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        let header = self.line([
            format!("{:>INDEX$}", "#"),
            format!("{:>ROW$}", "Row"),
            self.cell("Organisation", self.organisation),
            self.cell("Stage", self.stage),
            self.cell("In transition to", self.stage),
            self.cell("Ahead", AHEAD),
            format!("{:>FIT$}", "Fit"),
            if self.confidence == CONFIDENCE {
                self.cell("Confidence", CONFIDENCE)
            } else {
                self.cell("Conf.", self.confidence)
            },
            "First next step".to_string(),
        ]);
        let rule = if self.style.unicode { "─" } else { "-" };
        writeln!(out, "{}", self.style.bold(&header))?;
        writeln!(out, "{}", self.style.dim(&rule.repeat(self.width())))?;
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let organisation = match s.organisation() {
            Some(name) => self.cell(name, self.organisation),
            None => self.style.dim(&self.cell("(not named)", self.organisation)),
        };
        let stage = match s.stage() {
            None => self.style.dim(&self.cell(NOT_PLACED, self.stage)),
            Some(stage) if s.assessment.placement.reached => {
                self.cell(&stage_label(stage), self.stage)
            }
            // Not reached: the closest stage, marked.
            Some(stage) => self.cell(&format!("{}?", stage_label(stage)), self.stage),
        };
        let next = s.in_transition_to().map(stage_label).unwrap_or_default();
        let ahead: Vec<String> = s.ahead().map(|a| a.number.to_string()).collect();
        let action = s.first_action();
        let step = action.as_deref().unwrap_or("");
        let line = self.line([
            format!("{:>INDEX$}", s.index),
            format!("{:>ROW$}", s.row()),
            organisation,
            stage,
            self.cell(&next, self.stage),
            self.cell(&ahead.join(","), AHEAD),
            format!("{:>FIT$}", s.fit().map_or_else(|| "-".to_string(), percent)),
            self.cell(s.assessment.confidence.as_str(), self.confidence),
            self.cell(step, self.step),
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
                "Summary: {} organisations, {} in transition, {} not placed",
                summary.organisations, summary.in_transition, summary.not_placed
            ))
        )?;
        for line in summary.left_out() {
            // File names come from the command line: shown, never obeyed.
            writeln!(out, "{}", crate::text::one_line(&line))?;
        }
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
        // Wrapped to the terminal, as every other line of prose.
        let options = textwrap::Options::new(usize::from(style.width).saturating_sub(2))
            .initial_indent("  ")
            .subsequent_indent("  ");
        writeln!(out, "{}", style.dim(&textwrap::fill(MEAN_FIT, options)))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answer, Respondent};
    use crate::model::load_embedded;
    use crate::scoring::Scorer;

    #[test]
    fn on_a_terminal_rows_fit_its_width() {
        let model = load_embedded().unwrap();
        let scorer = Scorer::new(&model);
        let respondent = Respondent {
            organisation: Some("A very long organisation name, Incorporated".into()),
            date: None,
            context: Default::default(),
            answers: vec![Answer::Scale(2); model.trait_count()],
            row: 2,
        };
        let assessment = scorer.assess(&respondent.answers);
        let scored = Scored {
            index: 1,
            respondent: &respondent,
            assessment: &assessment,
            scorer: &scorer,
        };
        for width in [40, 60, 80, 100, 120] {
            let style = Style {
                width,
                ..Style::PLAIN
            };
            let mut rows = Rows::new(style, &model, true);
            let mut out = Vec::new();
            rows.begin(&mut out).unwrap();
            rows.result(&scored, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            // Under 80 columns, every column is at its narrowest.
            for line in text.lines() {
                assert!(
                    display_width(line) <= usize::from(width).max(80),
                    "{width}: {line}"
                );
            }
        }
    }
}
