//! One organisation's result as a Markdown report.

use super::{bar, inline, percent, stage_name};
use crate::scoring::roadmap::Roadmap;
use crate::scoring::{Diagnosis, Direction, REACHED, StageFit, StageRef, build_and_find_out};
use std::io::Write;

pub(super) fn render(d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
    let who = d
        .organisation
        .as_deref()
        .map_or("Your organisation".to_string(), inline);
    let of = d.fit.len();
    match &d.stage {
        None => writeln!(out, "# {who}: not placed\n")?,
        Some(s) if d.reached => writeln!(
            out,
            "# {who}: stage {} of {of}, {}\n",
            s.number,
            inline(&s.name)
        )?,
        Some(s) => writeln!(
            out,
            "# {who}: no stage clearly in place; closest is stage {} of {of}, {}\n",
            s.number,
            inline(&s.name)
        )?,
    }
    if let Some(date) = &d.date {
        writeln!(out, "Answers of {}.\n", inline(date))?;
    }
    let mut lines = Vec::new();
    match &d.stage {
        Some(s) => lines.push(format!(
            "Current stage: **{} {}**, fit {}.",
            s.number,
            inline(&s.name),
            percent(d.current_fit())
        )),
        None => lines.push(format!(
            "Not placed: {} ({} of {} questions answered).",
            d.not_placed_because(),
            d.answered,
            d.total
        )),
    }
    if let Some(next) = &d.in_transition_to {
        lines.push(format!(
            "In transition to **stage {} {}** ({}).",
            next.number,
            inline(&next.name),
            percent(d.fit_of(next.number))
        ));
    }
    if !d.ahead.is_empty() {
        let list: Vec<String> = d
            .ahead
            .iter()
            .map(|a| {
                format!(
                    "stage {} {} ({})",
                    a.number,
                    inline(&a.name),
                    percent(a.fit)
                )
            })
            .collect();
        lines.push(format!(
            "Ahead of the stage: {}; strengths to keep, not the stage, because {}.",
            list.join(", "),
            inline(&d.ahead_because())
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
    lines.extend(d.context_line().map(|c| inline(&c)));
    // Two spaces end a line without starting a paragraph.
    writeln!(out, "{}\n", lines.join("  \n"))?;
    fits(d, out)?;
    let Some(stage) = &d.stage else {
        if d.ask_first.is_empty() {
            return Ok(());
        }
        writeln!(out, "## Answer these first\n")?;
        writeln!(
            out,
            "These would decide between the stages still possible; no next steps until then.\n"
        )?;
        for (i, q) in d.ask_first.iter().enumerate() {
            writeln!(out, "{}. {} (`{}`)", i + 1, inline(&q.question), q.trait_id)?;
        }
        return Ok(());
    };
    next_steps(d, stage, out)?;
    if let Some(r) = &d.roadmap {
        roadmap(stage, r, out)?;
    }
    evidence(d, stage, out)?;
    foundations(d, stage, out)
}

fn fits(d: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "## Fit per stage\n")?;
    writeln!(out, "| # | Stage | Fit | Answered | |")?;
    writeln!(out, "|--:|---|--:|--:|---|")?;
    for f in &d.fit {
        writeln!(
            out,
            "| {} | {} | {} | {}/{} | {} |",
            f.number,
            inline(&f.name),
            if f.not_applicable {
                "n/a".to_string()
            } else {
                percent(f.fit)
            },
            f.answered,
            f.total,
            note(d, f)
        )?;
    }
    writeln!(out, "\n```text")?;
    let width = crate::export::name_width(d.fit.iter().map(|f| f.name.as_str()));
    for f in &d.fit {
        writeln!(
            out,
            "{:>2} {:<width$}  {} {:>4}",
            f.number,
            crate::text::one_line(&f.name),
            // A stage that does not apply has no fit to draw.
            bar(if f.not_applicable { 0.0 } else { f.fit }),
            if f.not_applicable {
                "n/a".to_string()
            } else {
                percent(f.fit)
            }
        )?;
    }
    writeln!(out, "```\n")?;
    writeln!(
        out,
        "Fit is the weighted mean of the answers, \"don't know\" left out. A stage counts as \
         in place from {} if at least half of its questions (by weight) are answered.\n",
        percent(REACHED)
    )?;
    Ok(())
}

fn next_steps(d: &Diagnosis, stage: &StageRef, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "## Next steps\n")?;
    // What to find out is a check, not advice: its own section.
    let (build, find_out) = build_and_find_out(&d.next_steps);
    if let Some(line) = crate::scoring::steps_line(&d.next_steps, d.held_back) {
        // A blank line unless the "Find out" section follows at once.
        let gap = if find_out.is_empty() { "\n" } else { "" };
        writeln!(out, "{line}{gap}")?;
    }
    if build.is_empty() && !d.partly_in_place.is_empty() {
        writeln!(out, "{}\n", crate::scoring::PARTLY_IN_PLACE)?;
        for partly in &d.partly_in_place {
            writeln!(
                out,
                "- {} *(stage {})*",
                inline(&partly.statement),
                partly.stage
            )?;
        }
    }
    for (i, step) in build.iter().enumerate() {
        writeln!(
            out,
            "{}. {} *(stage {} {}, {})*",
            i + 1,
            inline(&step.action),
            step.stage,
            stage_name(d, step.stage),
            step.reason.as_str()
        )?;
    }
    for line in d.worry_lines() {
        writeln!(out, "\n{}", inline(&line))?;
    }
    if !find_out.is_empty() {
        writeln!(out, "\n## Find out\n")?;
    }
    for step in &find_out {
        writeln!(
            out,
            "- {} *(stage {} {}, answered \"don't know\")*",
            inline(&step.action),
            step.stage,
            stage_name(d, step.stage),
        )?;
    }
    if let Some(moving_on) = &d.moving_on {
        writeln!(
            out,
            "\n## Moving on from {}\n\n{}\n",
            inline(&stage.name),
            inline(moving_on)
        )?;
    }
    Ok(())
}

fn evidence(d: &Diagnosis, stage: &StageRef, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "## Evidence\n")?;
    if d.evidence.is_empty() {
        writeln!(out, "Too few answers to weigh.")?;
    }
    let current = stage.number;
    for e in &d.evidence {
        let why = match e.direction {
            Direction::For => format!("points to stage {current}"),
            Direction::Against if e.stage == current => format!("points away from stage {current}"),
            Direction::Against => format!("points above stage {current}, to stage {}", e.stage),
        };
        writeln!(
            out,
            "- {} (answered {}/4: {why})",
            inline(&e.question),
            e.answer
        )?;
    }
    Ok(())
}

fn foundations(d: &Diagnosis, stage: &StageRef, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "\n## Skipped foundations\n")?;
    let unknown = d.unknown_foundations();
    let applies = d.applicable_foundations();
    if d.skipped_foundations.is_empty() {
        if applies.is_empty() {
            writeln!(
                out,
                "None: stage {} builds on no earlier stage.",
                stage.number
            )?;
        } else if unknown.is_empty() {
            writeln!(out, "{}", crate::export::none_skipped(&applies))?;
        } else {
            writeln!(out, "None found among the stages answered.")?;
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
    if !unknown.is_empty() {
        writeln!(out, "- {}", crate::export::too_few_answers(&unknown))?;
    }
    Ok(())
}

/// The label beside a stage in the fit table.
fn note(d: &Diagnosis, f: &StageFit) -> &'static str {
    let (number, fit) = (f.number, f.fit);
    let current = d.stage_number();
    if f.not_applicable {
        "does not apply to this business"
    } else if Some(number) == current {
        "**current**"
    } else if d
        .in_transition_to
        .as_ref()
        .is_some_and(|s| s.number == number)
    {
        "emerging"
    } else if d.skipped_foundations.iter().any(|f| f.number == number) {
        "skipped foundation"
    } else if d.ahead.iter().any(|a| a.number == number) {
        "ahead: a strength, not the stage"
    } else if f.answered == 0 {
        "not answered"
    } else if f.too_few_answers() {
        "too few answers to tell"
    } else if d.left_behind(f) {
        "also fits (a stage left behind)"
    } else if fit >= REACHED {
        "in place"
    } else {
        ""
    }
}

fn roadmap(here: &StageRef, r: &Roadmap, out: &mut dyn Write) -> anyhow::Result<()> {
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
            "## Roadmap: strengthen stage {} {}\n\nStage {} {} is already at or below where you are{}.\n",
            here.number,
            inline(&here.name),
            r.target.number,
            inline(&r.target.name),
            if r.strengthens_target() {
                ", but not yet in place"
            } else {
                ""
            }
        )?;
    }
    for (i, leg) in r.legs.iter().enumerate() {
        writeln!(
            out,
            "### {}. Stage {} {} ({}, fits {})\n",
            i + 1,
            leg.stage.number,
            inline(&leg.stage.name),
            leg.role.as_str(),
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
