//! Markdown: the batch table and the summary, for a report or a wiki page.

use crate::export::batch::{MEAN_FIT, NOT_PLACED, ResultWriter, Scored, ahead_label, stage_label};
use crate::export::percent;
use crate::summary::Summary;
use std::io::Write;

/// Columns of the summary's histogram bars.
const HISTOGRAM: usize = 20;

/// A table cell: the one Markdown escaping (pipes, HTML, emphasis, control
/// characters), as in the single-result report.
fn cell(text: &str) -> String {
    crate::export::markdown::inline(text)
}

pub struct Rows;

impl ResultWriter for Rows {
    fn begin(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(
            out,
            "| # | Row | Organisation | Stage | In transition to | Ahead | Fit | Confidence | First next step |"
        )?;
        writeln!(out, "|--:|--:|---|---|---|---|--:|---|---|")?;
        Ok(())
    }

    fn result(&mut self, s: &Scored, out: &mut dyn Write) -> anyhow::Result<()> {
        let stage = match s.stage() {
            None => NOT_PLACED.to_string(),
            Some(stage) if s.assessment.placement.reached => stage_label(stage),
            Some(stage) => format!("{} (not reached)", stage_label(stage)),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.index,
            s.row(),
            cell(s.organisation().unwrap_or("")),
            cell(&stage),
            cell(&s.in_transition_to().map(stage_label).unwrap_or_default()),
            cell(&ahead_label(s)),
            s.fit().map_or_else(|| "-".to_string(), percent),
            s.assessment.confidence.as_str(),
            cell(s.first_action().as_deref().unwrap_or("")),
        )?;
        Ok(())
    }

    fn end(&mut self, summary: Option<&Summary>, out: &mut dyn Write) -> anyhow::Result<()> {
        let Some(summary) = summary else {
            return Ok(());
        };
        writeln!(out)?;
        writeln!(out, "## Summary")?;
        writeln!(out)?;
        writeln!(
            out,
            "{} organisations, {} in transition, {} not placed (counted in no stage).",
            summary.organisations, summary.in_transition, summary.not_placed
        )?;
        writeln!(out)?;
        for line in summary.left_out() {
            writeln!(out, "{}.", cell(&line))?;
            writeln!(out)?;
        }
        writeln!(out, "| Stage | Organisations | | Mean fit |")?;
        writeln!(out, "|---|--:|---|--:|")?;
        for s in &summary.stages {
            let share = s.organisations as f64 / summary.organisations.max(1) as f64;
            let mut blocks = (share * HISTOGRAM as f64).round() as usize;
            if s.organisations > 0 {
                blocks = blocks.max(1);
            }
            writeln!(
                out,
                "| {} {} | {} | {} | {} |",
                s.number,
                cell(&s.name),
                s.organisations,
                "█".repeat(blocks),
                s.mean_fit.map_or("-".to_string(), percent)
            )?;
        }
        writeln!(out, "\n{MEAN_FIT}")?;
        if !summary.top_next_steps.is_empty() {
            writeln!(out)?;
            writeln!(out, "Most common first next steps:")?;
            writeln!(out)?;
            for step in &summary.top_next_steps {
                writeln!(
                    out,
                    "- {} (stage {}): {} organisation{}",
                    step.action,
                    step.stage,
                    step.organisations,
                    if step.organisations == 1 { "" } else { "s" }
                )?;
            }
        }
        Ok(())
    }
}
