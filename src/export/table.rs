//! The human view: tables, a fit chart, wrapped text.

use super::Exporter;
use crate::model::{Model, Stage};
use crate::roadmap::Roadmap;
use crate::scoring::{ConfidenceLevel, Diagnosis, Direction, REACHED};
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
            .set_header(header.iter().map(|h| self.style.bold(h)));
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

pub(super) fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl Table {
    fn roadmap(&self, d: &Diagnosis, r: &Roadmap, out: &mut dyn Write) -> anyhow::Result<()> {
        let style = &self.style;
        writeln!(out)?;
        let title = if r.ahead {
            format!(
                "Roadmap from stage {} {} to stage {} {}",
                d.stage.number, d.stage.name, r.target.number, r.target.name
            )
        } else {
            format!(
                "Roadmap: stage {} {} is already at or below where you are (stage {} {}); \
                 to strengthen the current stage:",
                r.target.number, r.target.name, d.stage.number, d.stage.name
            )
        };
        writeln!(out, "{}", style.bold(&self.wrap(&title, "")))?;
        for (i, leg) in r.legs.iter().enumerate() {
            writeln!(
                out,
                "  {}. Stage {} {} ({}, fits {})",
                i + 1,
                leg.stage.number,
                leg.stage.name,
                leg.role,
                percent(leg.fit)
            )?;
            if leg.steps.is_empty() {
                writeln!(out, "       Nothing unmet: keep it up.")?;
            }
            for step in &leg.steps {
                let width = usize::from(style.width).saturating_sub(2);
                let options = textwrap::Options::new(width)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .initial_indent("     - ")
                    .subsequent_indent("       ");
                writeln!(out, "{}", textwrap::fill(step.action.trim(), options))?;
            }
        }
        Ok(())
    }
}

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
            let text = format!("{} [{}, weight {}]", t.statement, t.id, t.weight);
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }
        section(out, "Moving on")?;
        writeln!(out, "{}", self.wrap(&s.moving_on, "  "))?;
        let carries = if s.carries_forward {
            "Later stages build on this one: if it is missing, it shows up as a skipped foundation."
        } else {
            "Later stages replace this one rather than build on it."
        };
        writeln!(out)?;
        writeln!(out, "{}", self.style.dim(&self.wrap(carries, "")))?;
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
                "Answer each on 0-4 (not true at all .. fully true) or unknown. \
                 `salesevo questions --format yaml > answers.yaml` gives a file to fill in."
            )
        )?;
        Ok(())
    }

    fn diagnosis(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        let style = &self.style;
        let who = d
            .organisation
            .as_deref()
            .map_or("Your organisation".into(), crate::text::one_line);
        let of = d.fit.len();
        let mut headline = format!(
            "{who}: stage {} of {of}, {} ({})",
            d.stage.number,
            d.stage.name,
            percent(d.current_fit())
        );
        if !d.reached {
            headline = format!(
                "{who}: no stage clearly reached; closest is stage {} of {of}, {} ({})",
                d.stage.number,
                d.stage.name,
                percent(d.current_fit())
            );
        }
        writeln!(out, "{}", style.bold(&headline))?;
        if let Some(next) = &d.in_transition_to {
            writeln!(
                out,
                "In transition to stage {}, {} ({}).",
                next.number,
                next.name,
                percent(d.fit_of(next.number))
            )?;
        }
        let level = d.confidence.level.as_str();
        let level = match d.confidence.level {
            ConfidenceLevel::High => style.green(level),
            ConfidenceLevel::Medium => style.yellow(level),
            ConfidenceLevel::Low => style.red(level),
        };
        let why = if d.confidence.reasons.is_empty() {
            format!("all {} questions answered, no conflicting signals", d.total)
        } else {
            d.confidence.reasons.join("; ")
        };
        writeln!(
            out,
            "{}",
            self.wrap(&format!("Confidence: {level}: {why}."), "")
        )?;

        writeln!(out)?;
        writeln!(out, "{}", style.bold("Fit per stage"))?;
        let name_width = super::name_width(d.fit.iter().map(|f| f.name.as_str()));
        let skipped = |n: u32| d.skipped_foundations.iter().any(|f| f.number == n);
        for f in &d.fit {
            let note = if f.number == d.stage.number {
                style.green("current")
            } else if d
                .in_transition_to
                .as_ref()
                .is_some_and(|s| s.number == f.number)
            {
                style.yellow(if f.fit >= REACHED { "next" } else { "emerging" })
            } else if skipped(f.number) {
                style.red("skipped foundation")
            } else if f.answered == 0 {
                style.dim("not answered")
            } else if f.fit >= REACHED && f.number > d.stage.number {
                style.dim("reached, but what it builds on is missing")
            } else if f.fit >= REACHED && !d.builds_on.contains(&f.number) {
                // Below the current stage but not built on: left behind.
                style.dim("also fits")
            } else if f.fit >= REACHED {
                style.dim("reached")
            } else {
                String::new()
            };
            let line = format!(
                "  {:>2} {:<name_width$}  {} {:>4}  {note}",
                f.number,
                f.name,
                self.bar(f.fit),
                percent(f.fit),
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        let mark = if style.unicode { "┆" } else { ":" };
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "  {mark} marks {}: a stage counts as reached from there.",
                percent(REACHED)
            ))
        )?;

        writeln!(out)?;
        writeln!(out, "{}", style.bold("Next steps"))?;
        if d.next_steps.is_empty() {
            writeln!(
                out,
                "  Nothing left unmet: keep every stage's practices alive."
            )?;
        }
        for (i, step) in d.next_steps.iter().enumerate() {
            let name = d
                .fit
                .iter()
                .find(|f| f.number == step.stage)
                .map_or("", |f| f.name.as_str());
            let why = match step.reason {
                "skipped foundation" => format!("stage {} {name}, skipped foundation", step.stage),
                "foundation" if step.stage < d.stage.number => {
                    format!(
                        "stage {} {name}, which stage {} builds on",
                        step.stage, d.stage.number
                    )
                }
                "foundation" => format!("stage {} {name}, needed for the next stage", step.stage),
                _ => format!("stage {} {name}", step.stage),
            };
            let text = format!("{} ({why})", step.action);
            writeln!(out, "{}", self.bullet(&text, &format!("{}.", i + 1)))?;
        }

        writeln!(out)?;
        let title = format!("Moving on from {}", d.stage.name);
        writeln!(out, "{}", style.bold(&title))?;
        writeln!(out, "{}", self.wrap(&d.moving_on, "  "))?;

        if let Some(roadmap) = &d.roadmap {
            self.roadmap(d, roadmap, out)?;
        }

        writeln!(out)?;
        writeln!(out, "{}", style.bold("Evidence"))?;
        if d.evidence.is_empty() {
            writeln!(out, "  Too few answers to weigh.")?;
        }
        for e in &d.evidence {
            let (mark, why) = match e.direction {
                Direction::For => ("+", "in place".to_string()),
                Direction::Against if e.stage == d.stage.number => ("-", "missing".to_string()),
                Direction::Against => ("^", format!("already in place, from stage {}", e.stage)),
            };
            let text = format!("{} (answered {}/4: {why})", e.statement, e.answer);
            writeln!(out, "{}", self.bullet(&text, mark))?;
        }

        writeln!(out)?;
        writeln!(out, "{}", style.bold("Skipped foundations"))?;
        if d.skipped_foundations.is_empty() {
            let text = if d.builds_on.is_empty() {
                format!(
                    "  None: stage {} builds on no earlier stage.",
                    d.stage.number
                )
            } else {
                format!(
                    "  None: the stages this one builds on ({}) fit 50% or more.",
                    numbers(&d.builds_on)
                )
            };
            writeln!(out, "{text}")?;
        }
        for f in &d.skipped_foundations {
            let text = format!(
                "Stage {} {} fits only {}; later stages build on it.",
                f.number,
                f.name,
                percent(f.fit)
            );
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }

        Ok(())
    }
}

/// Stage numbers as a list for text: "3, 4 and 7".
pub(super) fn numbers(list: &[u32]) -> String {
    let parts: Vec<String> = list.iter().map(u32::to_string).collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
