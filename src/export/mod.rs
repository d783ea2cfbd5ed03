//! Renderers: one module per output format, behind the small [`Exporter`]
//! trait; batch results stream through [`batch::ResultWriter`].

pub mod batch;
mod compare;
mod json;
mod markdown;
pub(crate) mod table;
mod template;
mod yaml;

pub use compare::render as render_comparison;
pub use template::answer_file;

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

/// The width of the longest stage name: the column the chart bars start after.
pub(crate) fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0)
}
