//! Markdown: a report to paste into a document or a wiki page. Plain
//! CommonMark plus GitHub tables; charts as text in code blocks, so they
//! render in any Markdown viewer.

pub(super) mod batch;

use super::Exporter;
use crate::compare::Comparison;
use crate::model::{Model, Stage};
use crate::scoring::{Diagnosis, build_and_find_out};
use std::io::Write;

mod diagnosis;

pub struct Markdown;

/// Columns of a text bar.
const BAR: usize = 20;

/// Text from input or the model, safe inline: Markdown and HTML characters
/// escaped, control characters made visible, line breaks flattened.
pub fn inline(text: &str) -> String {
    let text = crate::text::one_line(text.trim());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A bar of `fit` (0..1) for a code block: full and empty blocks.
pub(super) fn bar(fit: f64) -> String {
    let full = (fit.clamp(0.0, 1.0) * BAR as f64).round() as usize;
    format!("{}{}", "█".repeat(full), "░".repeat(BAR - full))
}

/// A change in points: "+15", "-9", or "0".
fn change(before: f64, after: f64) -> String {
    match crate::export::points_change(before, after) {
        0 => "0".to_string(),
        points => format!("{points:+}"),
    }
}

pub(super) use crate::export::percent;

pub(super) fn stage_name(d: &Diagnosis, number: u32) -> String {
    d.fit
        .iter()
        .find(|f| f.number == number)
        .map_or(String::new(), |f| inline(&f.name))
}

impl Exporter for Markdown {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "| # | Stage | Motto | Summary |")?;
        writeln!(out, "|--:|---|---|---|")?;
        for s in model.stages() {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                s.number,
                inline(&s.name),
                inline(&s.motto),
                inline(&s.summary)
            )?;
        }
        Ok(())
    }

    fn stage(&self, model: &Model, s: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        let of = model.stages().len();
        writeln!(
            out,
            "# Stage {} of {of}: {} ({})\n",
            s.number,
            inline(&s.name),
            inline(&s.motto)
        )?;
        writeln!(
            out,
            "{}\n\n{}\n",
            inline(&s.summary),
            inline(&s.description)
        )?;
        writeln!(out, "**Focus:** {}\n", inline(&s.focus))?;
        writeln!(out, "## Roles\n")?;
        for r in &s.roles {
            writeln!(out, "- **{}**: {}", inline(&r.name), inline(&r.description))?;
        }
        for (title, items) in [
            ("What gets measured", &s.metrics),
            ("Pitfalls", &s.pitfalls),
        ] {
            writeln!(out, "\n## {title}\n")?;
            for item in items.iter() {
                writeln!(out, "- {}", inline(item))?;
            }
        }
        writeln!(out, "\n## Traits\n")?;
        for t in &s.traits {
            writeln!(
                out,
                "- {} (`{}`, weight {})",
                inline(&t.statement),
                t.id,
                t.weight
            )?;
        }
        writeln!(out, "\n## Moving on\n\n{}", inline(&s.moving_on))?;
        writeln!(
            out,
            "\n## Builds on\n\n{}",
            inline(&super::lineage(model, s))
        )?;
        Ok(())
    }

    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "| # | Question | Id |")?;
        writeln!(out, "|--:|---|---|")?;
        for (i, (_, t)) in model.question_order().into_iter().enumerate() {
            writeln!(out, "| {} | {} | `{}` |", i + 1, inline(&t.question), t.id)?;
        }
        Ok(())
    }

    fn diagnosis(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        diagnosis::render(d, out)
    }
}

/// A comparison of two answer sets as a report.
pub fn comparison(c: &Comparison, out: &mut dyn Write) -> anyhow::Result<()> {
    let who = c
        .who()
        .map_or("Your organisation".to_string(), |w| inline(&w));
    let when = |s: &crate::compare::Side| inline(s.date.as_deref().unwrap_or(&s.source));
    writeln!(out, "# {who}: then and now\n")?;
    writeln!(
        out,
        "{} ({}) then, {} ({}) now.\n",
        inline(&crate::text::capitalised(&c.before.label())),
        when(&c.before),
        inline(&c.after.label()),
        when(&c.after)
    )?;
    writeln!(out, "{}\n", c.confidence_line())?;
    if let Some(note) = c.context_note() {
        writeln!(out, "{}\n", inline(&note))?;
    }
    if let Some(note) = c.unknown_note() {
        writeln!(out, "{}\n", inline(&note))?;
    }
    if !c.only_in_before.is_empty() || !c.only_in_after.is_empty() {
        writeln!(
            out,
            "Compared on the {} questions both share (different stage models?).\n",
            c.shared
        )?;
    }
    writeln!(out, "## Fit per stage\n")?;
    writeln!(out, "| # | Stage | Then | Now | Change |")?;
    writeln!(out, "|--:|---|--:|--:|--:|")?;
    for f in &c.fit {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            f.number,
            inline(&f.name),
            percent(f.before),
            percent(f.after),
            change(f.before, f.after)
        )?;
    }
    writeln!(out, "\n```text")?;
    let width = super::name_width(c.fit.iter().map(|f| f.name.as_str()));
    for f in &c.fit {
        let name = crate::text::one_line(&f.name);
        writeln!(
            out,
            "{:>2} {name:<width$}  then {} {:>4}",
            f.number,
            bar(f.before),
            percent(f.before)
        )?;
        writeln!(
            out,
            "   {:<width$}   now {} {:>4}",
            "",
            bar(f.after),
            percent(f.after)
        )?;
    }
    writeln!(out, "```\n")?;
    for (title, list) in [("Improved", &c.improved), ("Regressed", &c.regressed)] {
        writeln!(out, "## {title}\n")?;
        if list.is_empty() {
            writeln!(out, "Nothing.")?;
        }
        for ch in list.iter() {
            writeln!(
                out,
                "- {} ({} → {}, stage {})",
                inline(&ch.about.question),
                ch.before,
                ch.after,
                ch.about.stage
            )?;
        }
        writeln!(out)?;
    }
    let one_side = c.one_side();
    if !one_side.is_empty() {
        writeln!(out, "## Answered on one side only\n")?;
        for ch in one_side {
            writeln!(
                out,
                "- {} ({}, stage {})",
                inline(&ch.about.question),
                ch.arrow("→"),
                ch.about.stage
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Next steps now\n")?;
    let (build, find_out) = build_and_find_out(&c.next_steps);
    if c.next_steps.is_empty() && c.after.stage.is_some() {
        let line = crate::scoring::steps_line(&[], c.held_back).unwrap_or_default();
        writeln!(out, "{line}")?;
    }
    for (i, step) in build.iter().enumerate() {
        writeln!(
            out,
            "{}. {} *(stage {})*",
            i + 1,
            inline(&step.action),
            step.stage
        )?;
    }
    if !find_out.is_empty() {
        writeln!(out, "\n### Find out\n")?;
    }
    for step in find_out {
        writeln!(out, "- {} *(stage {})*", inline(&step.action), step.stage)?;
    }
    Ok(())
}
