//! Markdown: a report to paste into a document or a wiki page. Plain
//! CommonMark plus GitHub tables; charts as text in code blocks, so they
//! render in any Markdown viewer.

use super::Exporter;
use crate::compare::Comparison;
use crate::model::{Model, Stage};
use crate::roadmap::Roadmap;
use crate::scoring::{Diagnosis, Direction, REACHED};
use std::io::Write;

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
fn bar(fit: f64) -> String {
    let full = (fit.clamp(0.0, 1.0) * BAR as f64).round() as usize;
    format!("{}{}", "█".repeat(full), "░".repeat(BAR - full))
}

/// A change in points: "+15", "-9", or "0".
fn change(x: f64) -> String {
    let points = (x * 100.0).round();
    if points == 0.0 {
        "0".to_string()
    } else {
        format!("{points:+.0}")
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn stage_name(d: &Diagnosis, number: u32) -> String {
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
        let who = d
            .organisation
            .as_deref()
            .map_or("Your organisation".to_string(), inline);
        let of = d.fit.len();
        let name = inline(&d.stage.name);
        if d.reached {
            writeln!(out, "# {who}: stage {} of {of}, {name}\n", d.stage.number)?;
        } else {
            writeln!(
                out,
                "# {who}: no stage clearly reached; closest is stage {} of {of}, {name}\n",
                d.stage.number
            )?;
        }
        if let Some(date) = &d.date {
            writeln!(out, "Answers of {}.\n", inline(date))?;
        }
        let mut lines = vec![format!(
            "Current stage: **{} {name}**, fit {}.",
            d.stage.number,
            percent(d.current_fit())
        )];
        if let Some(next) = &d.in_transition_to {
            lines.push(format!(
                "In transition to **stage {} {}** ({}).",
                next.number,
                inline(&next.name),
                percent(d.fit_of(next.number))
            ));
        }
        let why = if d.confidence.reasons.is_empty() {
            format!("all {} questions answered, no conflicting signals", d.total)
        } else {
            d.confidence
                .reasons
                .iter()
                .map(|r| inline(r))
                .collect::<Vec<_>>()
                .join("; ")
        };
        lines.push(format!(
            "Confidence: **{}**: {why}.",
            d.confidence.level.as_str()
        ));
        // Two spaces end a line without starting a paragraph.
        writeln!(out, "{}\n", lines.join("  \n"))?;

        writeln!(out, "## Fit per stage\n")?;
        writeln!(out, "| # | Stage | Fit | Answered | |")?;
        writeln!(out, "|--:|---|--:|--:|---|")?;
        for f in &d.fit {
            writeln!(
                out,
                "| {} | {} | {} | {}/{} | {} |",
                f.number,
                inline(&f.name),
                percent(f.fit),
                f.answered,
                f.total,
                note(d, f.number, f.fit)
            )?;
        }
        writeln!(out, "\n```text")?;
        let width = super::name_width(d.fit.iter().map(|f| f.name.as_str()));
        for f in &d.fit {
            writeln!(
                out,
                "{:>2} {:<width$}  {} {:>4}",
                f.number,
                crate::text::one_line(&f.name),
                bar(f.fit),
                percent(f.fit)
            )?;
        }
        writeln!(out, "```\n")?;
        writeln!(
            out,
            "A stage counts as reached from {}.\n",
            percent(REACHED)
        )?;

        writeln!(out, "## Next steps\n")?;
        if d.next_steps.is_empty() {
            writeln!(
                out,
                "Nothing left unmet: keep every stage's practices alive.\n"
            )?;
        }
        for (i, step) in d.next_steps.iter().enumerate() {
            writeln!(
                out,
                "{}. {} *(stage {} {}, {})*",
                i + 1,
                inline(&step.action),
                step.stage,
                stage_name(d, step.stage),
                step.reason
            )?;
        }
        writeln!(
            out,
            "\n## Moving on from {name}\n\n{}\n",
            inline(&d.moving_on)
        )?;

        if let Some(r) = &d.roadmap {
            roadmap(d, r, out)?;
        }

        writeln!(out, "## Evidence\n")?;
        if d.evidence.is_empty() {
            writeln!(out, "Too few answers to weigh.")?;
        }
        for e in &d.evidence {
            let why = match e.direction {
                Direction::For => "for: in place".to_string(),
                Direction::Against if e.stage == d.stage.number => "against: missing".to_string(),
                Direction::Against => format!("against: already in place, from stage {}", e.stage),
            };
            writeln!(
                out,
                "- {} (answered {}/4; {why})",
                inline(&e.statement),
                e.answer
            )?;
        }
        writeln!(out, "\n## Skipped foundations\n")?;
        if d.skipped_foundations.is_empty() {
            if d.builds_on.is_empty() {
                writeln!(
                    out,
                    "None: stage {} builds on no earlier stage.",
                    d.stage.number
                )?;
            } else {
                writeln!(
                    out,
                    "None: the stages this one builds on ({}) fit 50% or more.",
                    super::table::numbers(&d.builds_on)
                )?;
            }
        }
        for f in &d.skipped_foundations {
            writeln!(
                out,
                "- Stage {} {} fits only {}; later stages build on it.",
                f.number,
                inline(&f.name),
                percent(f.fit)
            )?;
        }
        Ok(())
    }
}

/// The label beside a stage in the fit table.
fn note(d: &Diagnosis, number: u32, fit: f64) -> &'static str {
    if number == d.stage.number {
        "**current**"
    } else if d
        .in_transition_to
        .as_ref()
        .is_some_and(|s| s.number == number)
    {
        "emerging"
    } else if d.skipped_foundations.iter().any(|f| f.number == number) {
        "skipped foundation"
    } else if fit >= REACHED && number > d.stage.number {
        "reached, but what it builds on is missing"
    } else if fit >= REACHED && !d.builds_on.contains(&number) {
        "also fits"
    } else if fit >= REACHED {
        "reached"
    } else {
        ""
    }
}

fn roadmap(d: &Diagnosis, r: &Roadmap, out: &mut dyn Write) -> anyhow::Result<()> {
    if r.ahead {
        writeln!(
            out,
            "## Roadmap to stage {} {}\n",
            r.target.number,
            inline(&r.target.name)
        )?;
    } else {
        writeln!(
            out,
            "## Roadmap: strengthen stage {} {}\n\nStage {} {} is already at or below where you are.\n",
            d.stage.number,
            inline(&d.stage.name),
            r.target.number,
            inline(&r.target.name)
        )?;
    }
    for (i, leg) in r.legs.iter().enumerate() {
        writeln!(
            out,
            "### {}. Stage {} {} ({}, fits {})\n",
            i + 1,
            leg.stage.number,
            inline(&leg.stage.name),
            leg.role,
            percent(leg.fit)
        )?;
        if leg.steps.is_empty() {
            writeln!(out, "Nothing unmet: keep it up.")?;
        }
        for step in &leg.steps {
            writeln!(out, "- {}", inline(&step.action))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A comparison of two answer sets as a report.
pub fn comparison(c: &Comparison, out: &mut dyn Write) -> anyhow::Result<()> {
    let who = c
        .after
        .organisation
        .as_deref()
        .or(c.before.organisation.as_deref())
        .map_or("Your organisation".to_string(), inline);
    let when = |s: &crate::compare::Side| inline(s.date.as_deref().unwrap_or(&s.source));
    writeln!(out, "# {who}: then and now\n")?;
    writeln!(
        out,
        "Stage {} {} ({}) then, stage {} {} ({}) now.\n",
        c.before.stage.number,
        inline(&c.before.stage.name),
        when(&c.before),
        c.after.stage.number,
        inline(&c.after.stage.name),
        when(&c.after)
    )?;
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
            change(f.change)
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
                inline(&ch.statement),
                ch.before,
                ch.after,
                ch.stage
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Next steps now\n")?;
    for (i, step) in c.next_steps.iter().enumerate() {
        writeln!(
            out,
            "{}. {} *(stage {})*",
            i + 1,
            inline(&step.action),
            step.stage
        )?;
    }
    Ok(())
}
