//! One organisation's result as text: the verdict, the fit chart, next
//! steps, evidence and foundations; or, when not placed, what to answer first.

use super::{Table, percent};
use crate::scoring::roadmap::Roadmap;
use crate::scoring::{
    ConfidenceLevel, Diagnosis, Direction, NextStep, REACHED, StepReason, build_and_find_out,
};
use std::io::Write;

impl Table {
    pub(super) fn result(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        self.verdict(d, out)?;
        self.fits(d, out)?;
        let Some(stage) = &d.stage else {
            return self.ask_first(d, out);
        };
        self.next_steps(d, stage.number, out)?;
        if let Some(moving_on) = &d.moving_on {
            writeln!(out)?;
            let title = format!("Moving on from {}", stage.name);
            writeln!(out, "{}", self.style.bold(&title))?;
            writeln!(out, "{}", self.wrap(moving_on, "  "))?;
        }
        if let Some(roadmap) = &d.roadmap {
            self.roadmap(d, roadmap, out)?;
        }
        self.evidence(d, stage.number, out)?;
        self.foundations(d, stage.number, out)
    }

    fn verdict(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        let style = &self.style;
        let who = d
            .organisation
            .as_deref()
            .map_or("Your organisation".into(), crate::text::one_line);
        let of = d.fit.len();
        let headline = match &d.stage {
            None => format!("{who}: not placed: {}", d.not_placed_because()),
            Some(s) if d.reached => format!(
                "{who}: stage {} of {of}, {} ({})",
                s.number,
                s.name,
                percent(d.current_fit())
            ),
            Some(s) => format!(
                "{who}: no stage clearly in place; closest is stage {} of {of}, {} ({})",
                s.number,
                s.name,
                percent(d.current_fit())
            ),
        };
        writeln!(out, "{}", style.bold(&crate::text::one_line(&headline)))?;
        if let Some(next) = &d.in_transition_to {
            writeln!(
                out,
                "In transition to stage {}, {} ({}).",
                next.number,
                next.name,
                percent(d.fit_of(next.number))
            )?;
        }
        if !d.ahead.is_empty() {
            let list: Vec<String> = d
                .ahead
                .iter()
                .map(|a| format!("stage {} {} ({})", a.number, a.name, percent(a.fit)))
                .collect();
            let text = format!(
                "Ahead of the stage: {}. Strengths to keep; they are not the stage, \
                 because {}.",
                list.join(", "),
                d.ahead_because()
            );
            writeln!(out, "{}", self.wrap(&text, ""))?;
        }
        let level = d.confidence.level.as_str();
        let level = match d.confidence.level {
            ConfidenceLevel::High => style.green(level),
            ConfidenceLevel::Medium => style.yellow(level),
            ConfidenceLevel::Low | ConfidenceLevel::None => style.red(level),
        };
        let why = if d.confidence.reasons.is_empty() {
            format!("all {} questions answered, no conflicting signals", d.total)
        } else {
            d.confidence.reasons.join("; ")
        };
        let line = format!("Confidence: {level}: {why}.");
        writeln!(out, "{}", self.wrap(&line, ""))?;
        if let Some(context) = d.context_line() {
            writeln!(out, "{}", self.wrap(&context, ""))?;
        }
        Ok(())
    }

    fn fits(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        let style = &self.style;
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Fit per stage"))?;
        let name_width = crate::export::name_width(d.fit.iter().map(|f| f.name.as_str()));
        let current = d.stage_number();
        let skipped = |n: u32| d.skipped_foundations.iter().any(|f| f.number == n);
        let ahead = |n: u32| d.ahead.iter().any(|a| a.number == n);
        for f in &d.fit {
            let thin = f.too_few_answers();
            let note = if f.not_applicable {
                style.dim("does not apply to this business")
            } else if Some(f.number) == current {
                style.green("current")
            } else if d
                .in_transition_to
                .as_ref()
                .is_some_and(|s| s.number == f.number)
            {
                style.yellow("emerging")
            } else if skipped(f.number) {
                style.red("skipped foundation")
            } else if ahead(f.number) {
                style.dim("ahead: a strength, not the stage")
            } else if f.answered == 0 {
                style.dim("not answered")
            } else if thin {
                style.dim(&format!(
                    "{} of {} answered: too few to tell",
                    f.answered, f.total
                ))
            } else if d.left_behind(f) {
                style.dim("also fits (a stage left behind)")
            } else if f.fit >= REACHED {
                style.dim("in place")
            } else {
                String::new()
            };
            let line = format!(
                "  {:>2} {:<name_width$}  {} {:>4}  {note}",
                f.number,
                crate::text::one_line(&f.name),
                // A stage that does not apply has no fit to draw.
                self.bar(if f.not_applicable { 0.0 } else { f.fit }),
                if f.not_applicable {
                    "n/a".to_string()
                } else {
                    percent(f.fit)
                },
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        let mark = if style.unicode { "┆" } else { ":" };
        let legend = format!(
            "{mark} marks {}: from there a stage counts as in place, if at least half of its \
             questions (by weight) are answered. Fit is the weighted mean of the answers, \"don't know\" left out.",
            percent(REACHED)
        );
        writeln!(out, "{}", style.dim(&self.wrap(&legend, "  ")))?;
        Ok(())
    }

    fn ask_first(&self, d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        if d.ask_first.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(out, "{}", self.style.bold("Answer these first"))?;
        let text = format!(
            "{} of {} questions are answered. These would decide between the stages still possible; \
             no next steps until then.",
            d.answered, d.total
        );
        writeln!(out, "{}", self.wrap(&text, "  "))?;
        for (i, q) in d.ask_first.iter().enumerate() {
            let text = format!("{} [{}]", q.question, q.trait_id);
            writeln!(out, "{}", self.bullet(&text, &format!("{}.", i + 1)))?;
        }
        Ok(())
    }

    fn next_steps(&self, d: &Diagnosis, current: u32, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out)?;
        writeln!(out, "{}", self.style.bold("Next steps"))?;
        // What to find out is a check, not advice: under its own heading
        // after the steps to build (consultants read a numbered "find out"
        // as a step that took a real one's place).
        let (build, find_out) = build_and_find_out(&d.next_steps);
        if let Some(line) = crate::scoring::steps_line(&d.next_steps, d.held_back) {
            writeln!(out, "{}", self.wrap(&line, "  "))?;
        }
        if build.is_empty() && !d.partly_in_place.is_empty() {
            writeln!(out, "  {}", crate::scoring::PARTLY_IN_PLACE)?;
            for partly in &d.partly_in_place {
                let text = format!("{} (stage {})", partly.statement, partly.stage);
                writeln!(out, "{}", self.bullet(&text, self.dot()))?;
            }
        }
        // Why each step is there, after its text.
        let text = |step: &NextStep| {
            let name = d
                .fit
                .iter()
                .find(|f| f.number == step.stage)
                .map_or("", |f| f.name.as_str());
            let why = match step.reason {
                StepReason::SkippedFoundation => {
                    format!("stage {} {name}, skipped foundation", step.stage)
                }
                StepReason::Foundation if step.stage < current => {
                    format!(
                        "stage {} {name}, which stage {current} builds on",
                        step.stage
                    )
                }
                StepReason::Foundation => {
                    format!("stage {} {name}, needed for the next stage", step.stage)
                }
                StepReason::FindOut => {
                    format!("stage {} {name}, answered \"don't know\"", step.stage)
                }
                _ => format!("stage {} {name}", step.stage),
            };
            format!("{} ({why})", step.action)
        };
        for (i, step) in build.iter().enumerate() {
            writeln!(out, "{}", self.bullet(&text(step), &format!("{}.", i + 1)))?;
        }
        for line in d.worry_lines() {
            writeln!(out, "{}", self.wrap(&line, "  "))?;
        }
        if !find_out.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", self.style.bold("Find out"))?;
        }
        for step in find_out {
            writeln!(out, "{}", self.bullet(&text(step), self.dot()))?;
        }
        Ok(())
    }

    fn evidence(&self, d: &Diagnosis, current: u32, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out)?;
        writeln!(out, "{}", self.style.bold("Evidence"))?;
        if d.evidence.is_empty() {
            writeln!(out, "  Too few answers to weigh.")?;
        }
        for e in &d.evidence {
            let why = match e.direction {
                Direction::For => format!("points to stage {current}"),
                Direction::Against if e.stage == current => {
                    format!("points away from stage {current}")
                }
                Direction::Against => {
                    format!("points above stage {current}, to stage {}", e.stage)
                }
            };
            let text = format!("{} (answered {}/4: {why})", e.question, e.answer);
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }
        Ok(())
    }

    fn foundations(&self, d: &Diagnosis, current: u32, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out)?;
        writeln!(out, "{}", self.style.bold("Skipped foundations"))?;
        let unknown = d.unknown_foundations();
        let applies = d.applicable_foundations();
        if d.skipped_foundations.is_empty() {
            let text = if applies.is_empty() {
                format!("  None: stage {current} builds on no earlier stage.")
            } else if unknown.is_empty() {
                format!("  {}", crate::export::none_skipped(&applies))
            } else {
                String::from("  None found among the stages answered.")
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
        if !unknown.is_empty() {
            let text = crate::export::too_few_answers(&unknown);
            writeln!(out, "{}", self.bullet(&text, self.dot()))?;
        }
        Ok(())
    }

    fn roadmap(&self, d: &Diagnosis, r: &Roadmap, out: &mut dyn Write) -> anyhow::Result<()> {
        let style = &self.style;
        let Some(here) = &d.stage else {
            return Ok(());
        };
        writeln!(out)?;
        let title = if r.ahead {
            format!(
                "Roadmap from stage {} {} to stage {} {}",
                here.number, here.name, r.target.number, r.target.name
            )
        } else {
            let what = if r.strengthens_target() {
                "not yet in place: to strengthen it and the current stage"
            } else {
                "to strengthen the current stage"
            };
            format!(
                "Roadmap: stage {} {} is already at or below where you are (stage {} {}); \
                 {what}:",
                r.target.number, r.target.name, here.number, here.name
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
                leg.role.as_str(),
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
