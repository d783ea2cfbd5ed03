//! A comparison of two answer sets (`salesevo compare`) as a table.

use super::Table;
use crate::compare::Comparison;
use crate::export::percent;
use crate::scoring::build_and_find_out;
use std::io::Write;

/// How many improved or regressed traits the table shows.
const SHOWN: usize = 8;

fn when(side: &crate::compare::Side) -> String {
    crate::text::one_line(side.date.as_deref().unwrap_or(&side.source))
}

pub(crate) fn table(c: &Comparison, t: &Table, out: &mut dyn Write) -> anyhow::Result<()> {
    let style = &t.style;
    let who = c
        .who()
        .map_or("Your organisation".into(), |w| crate::text::one_line(&w));
    let (b, a) = (&c.before, &c.after);
    let moved = a.moved_from(b);
    writeln!(
        out,
        "{}",
        style.bold(&crate::text::one_line(&format!(
            "{who}: {moved}, from {} ({}) to {} ({})",
            b.label(),
            when(b),
            a.label(),
            when(a)
        )))
    )?;
    if let Some(next) = &a.in_transition_to {
        writeln!(
            out,
            "Now in transition to stage {}, {}.",
            next.number, next.name
        )?;
    }
    writeln!(out, "{}", c.confidence_line())?;
    if let Some(note) = c.context_note() {
        writeln!(out, "{}", style.yellow(&t.wrap(&note, "")))?;
    }
    if let Some(note) = c.unknown_note() {
        writeln!(out, "{}", style.yellow(&t.wrap(&note, "")))?;
    }
    if !c.only_in_before.is_empty() || !c.only_in_after.is_empty() {
        writeln!(
            out,
            "{}",
            style.yellow(&format!(
                "Compared on the {} questions both files share (different stage models?).",
                c.shared
            ))
        )?;
    }

    writeln!(out)?;
    writeln!(out, "{}", style.bold("Fit per stage, then and now"))?;
    let name_width = crate::export::name_width(c.fit.iter().map(|f| f.name.as_str()));
    for f in &c.fit {
        let change = crate::export::points_change(f.before, f.after);
        let change = match change {
            0 => style.dim("  ="),
            1.. => style.green(&format!("{change:+}")),
            _ => style.red(&format!("{change:+}")),
        };
        writeln!(
            out,
            "  {:>2} {:<name_width$}  then {} {:>4}",
            f.number,
            f.name,
            style.dim(&t.bar(f.before)),
            percent(f.before)
        )?;
        writeln!(
            out,
            "     {:<name_width$}   now {} {:>4}  {change}",
            "",
            t.bar(f.after),
            percent(f.after)
        )?;
    }

    for (title, list) in [("Improved", &c.improved), ("Regressed", &c.regressed)] {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(title))?;
        if list.is_empty() {
            writeln!(out, "  Nothing.")?;
        }
        for ch in list.iter().take(SHOWN) {
            let text = format!(
                "{} ({} -> {}, stage {})",
                ch.about.question, ch.before, ch.after, ch.about.stage
            );
            let mark = if ch.change > 0 { "+" } else { "-" };
            writeln!(out, "{}", t.bullet(&text, mark))?;
        }
        if list.len() > SHOWN {
            let more = format!(
                "  ... and {} more (all of them with --format json)",
                list.len() - SHOWN
            );
            writeln!(out, "{}", style.dim(&more))?;
        }
    }

    let one_side = c.one_side();
    if !one_side.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Answered on one side only"))?;
        for ch in one_side.iter().take(SHOWN) {
            let text = format!(
                "{} ({}, stage {})",
                ch.about.question,
                ch.arrow("->"),
                ch.about.stage
            );
            writeln!(out, "{}", t.bullet(&text, "?"))?;
        }
        if one_side.len() > SHOWN {
            let more = format!(
                "  ... and {} more (all of them with --format json)",
                one_side.len() - SHOWN
            );
            writeln!(out, "{}", style.dim(&more))?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", style.bold("Next steps now"))?;
    let (build, find_out) = build_and_find_out(&c.next_steps);
    if c.next_steps.is_empty() && c.after.stage.is_some() {
        let line = crate::scoring::steps_line(&[], c.held_back).unwrap_or_default();
        writeln!(out, "{}", t.wrap(&line, "  "))?;
    }
    for (i, step) in build.iter().enumerate() {
        let text = format!("{} (stage {})", step.action, step.stage);
        writeln!(out, "{}", t.bullet(&text, &format!("{}.", i + 1)))?;
    }
    if !find_out.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Find out"))?;
    }
    for step in find_out {
        let text = format!("{} (stage {})", step.action, step.stage);
        writeln!(out, "{}", t.bullet(&text, t.dot()))?;
    }
    Ok(())
}
