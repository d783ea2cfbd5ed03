//! Renderers: one module per output format, behind the small [`Exporter`]
//! trait; batch results stream through [`batch::ResultWriter`].

pub mod batch;
mod csv;
mod json;
pub(crate) mod markdown;
pub(crate) mod table;
mod template;
mod yaml;

pub use template::answer_file;

use crate::compare::Comparison;
use crate::model::{Model, Stage};
use crate::scoring::Diagnosis;
use crate::style::Style;
use std::io::Write;

/// Output formats; not every command offers every one (`--help` lists each
/// command's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables and charts.
    Table,
    /// Pretty-printed JSON, a stable contract for scripts (see README).
    Json,
    /// JSON Lines: one compact result per line.
    Jsonl,
    /// CSV: one row per organisation, a fit column per stage; for `questions`, the header of a survey form.
    Csv,
    /// YAML; for `questions`, an answer file to fill in.
    Yaml,
    /// Markdown tables, for reports.
    Markdown,
}

/// What every output format can render.
pub trait Exporter {
    /// All stages, as a list.
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()>;
    /// One stage in full.
    fn stage(&self, model: &Model, stage: &Stage, out: &mut dyn Write) -> anyhow::Result<()>;
    /// The questionnaire, in the order it is asked.
    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()>;
    /// One organisation's result.
    fn diagnosis(&self, diagnosis: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// The renderer for `format`; the batch-only formats have none (the command
/// line does not offer them where they would be needed).
pub fn exporter(format: Format, style: Style) -> anyhow::Result<Box<dyn Exporter>> {
    Ok(match format {
        Format::Table => Box::new(table::Table { style }),
        Format::Json => Box::new(json::Json),
        Format::Yaml => Box::new(yaml::Yaml),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Jsonl | Format::Csv => {
            anyhow::bail!("this command has no {format:?} output; see --help for its formats")
        }
    })
}

/// Where a stage sits among the others, in a few sentences: what it builds
/// on, what builds on it, whether it replaces or can be a start.
pub(crate) fn lineage(model: &Model, s: &Stage) -> String {
    let list = |stages: Vec<&Stage>| {
        let names: Vec<String> = stages
            .iter()
            .map(|t| format!("{} {}", t.number, t.name))
            .collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    };
    let below: Vec<&Stage> = model.foundations(s.number).collect();
    let above: Vec<&Stage> = model.built_on_by(s.number).collect();
    let mut text = Vec::new();
    text.push(match below.len() {
        0 => "It builds on no earlier stage.".to_string(),
        1 => format!("It builds on stage {}.", list(below)),
        _ => format!("It builds on stages {}.", list(below)),
    });
    if s.entry_point {
        text.push(
            "An organisation can also start here without them: one that never had a lead \
             machine and sells through the web from the start."
                .to_string(),
        );
    }
    text.push(if !s.carries_forward {
        "Later stages replace it rather than build on it.".to_string()
    } else if above.is_empty() {
        "No later stage builds on it.".to_string()
    } else if above.len() == 1 {
        format!(
            "Stage {} builds on it: if it is missing there, it shows up as a skipped foundation.",
            list(above)
        )
    } else {
        format!(
            "Stages {} build on it: if it is missing there, it shows up as a skipped foundation.",
            list(above)
        )
    });
    text.join(" ")
}

/// `fit` (0..1) as a whole percentage: the one spelling every format uses.
pub(crate) fn percent(fit: f64) -> String {
    format!("{}%", crate::text::whole_percent(fit))
}

/// The change from `before` to `after` in whole points, as the two printed
/// percentages differ (32% to 67% is +35, whatever the decimals).
pub(crate) fn points_change(before: f64, after: f64) -> i64 {
    crate::text::whole_percent(after) - crate::text::whole_percent(before)
}

/// "Too few answers to tell whether stages 3 and 4 are in place.": the
/// foundations of the current stage that too few answers decide.
pub(crate) fn too_few_answers(stages: &[u32]) -> String {
    let (noun, verb) = if stages.len() == 1 {
        ("stage", "is")
    } else {
        ("stages", "are")
    };
    format!(
        "Too few answers to tell whether {noun} {} {verb} in place.",
        table::numbers(stages)
    )
}

/// "None: the stages this one builds on (3 and 4) are all at least partly
/// in place.", when no foundation of the current stage is missing.
pub(crate) fn none_skipped(foundations: &[u32]) -> String {
    let stages = table::numbers(foundations);
    if foundations.len() == 1 {
        format!("None: the stage this one builds on ({stages}) is at least partly in place.")
    } else {
        format!("None: the stages this one builds on ({stages}) are all at least partly in place.")
    }
}

/// The width of the longest stage name: the column the chart bars start after.
pub(crate) fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0)
}

/// Renders `c` in `format`.
pub fn render_comparison(
    c: &Comparison,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, c)?;
            writeln!(out)?;
        }
        Format::Yaml => out.write_all(crate::yaml::to_string(c)?.as_bytes())?,
        Format::Table => table::compare::table(c, &table::Table { style }, out)?,
        Format::Markdown => markdown::comparison(c, out)?,
        Format::Jsonl | Format::Csv => {
            anyhow::bail!("compare has no {format:?} output; use table, json, yaml or markdown")
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sentence_about_unanswered_foundations_agrees_in_number() {
        assert_eq!(
            super::too_few_answers(&[3]),
            "Too few answers to tell whether stage 3 is in place."
        );
        assert_eq!(
            super::too_few_answers(&[3, 4]),
            "Too few answers to tell whether stages 3 and 4 are in place."
        );
        assert_eq!(super::points_change(0.324, 0.666), 35);
        assert_eq!(super::points_change(0.666, 0.324), -35);
        assert_eq!(
            super::none_skipped(&[3]),
            "None: the stage this one builds on (3) is at least partly in place."
        );
        assert_eq!(
            super::none_skipped(&[3, 4]),
            "None: the stages this one builds on (3 and 4) are all at least partly in place."
        );
    }
}
