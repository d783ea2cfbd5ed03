//! The context page, asked after the name and before the questions: what the
//! organisation sells, its deal size, customers and sellers, and the
//! leader's worries. Each is optional; Esc keeps the value and goes on.

use super::layout::{answered_prefix, render_config};
use super::{Reply, reply_of};
use crate::context::{Context, Key, MAX_WORRIES, WORRIES, WORRIES_QUESTION, WORRY_LABELS};
use crate::style::Style;
use inquire::list_option::ListOption;
use inquire::validator::Validation;
use inquire::{MultiSelect, Select};

/// The option that leaves a value unknown.
const DONT_KNOW: &str = "don't know / skip";

/// Asks every context question, starting from `current`; returns the new
/// context, one transcript line per question, and whether Ctrl-C stopped
/// it part way (what was chosen before is kept).
pub(super) fn ask(current: &Context, style: Style) -> anyhow::Result<(Context, Vec<String>, bool)> {
    let mut context = *current;
    let mut lines = Vec::new();
    let done = answered_prefix(style);
    for key in Key::ALL {
        let mut options: Vec<String> = key
            .values()
            .iter()
            .zip(key.labels())
            .map(|(value, label)| option(value, label, width(key.values())))
            .collect();
        options.push(DONT_KNOW.to_string());
        let start = context.index(key).map_or(options.len() - 1, usize::from);
        // The answer line shows the value a file holds, not the padded option.
        let shown = move |o: ListOption<&String>| {
            key.values()
                .get(o.index)
                .map_or("don't know".to_string(), |v| v.to_string())
        };
        let reply = Select::new(key.question(), options.clone())
            .with_formatter(&shown)
            .with_starting_cursor(start)
            .without_filtering()
            .with_help_message("↑↓ choose, Enter confirm, Esc keep and go on")
            .with_render_config(render_config(style, "(kept)"))
            .raw_prompt();
        match reply_of(reply)? {
            Reply::Given(chosen) => {
                let index = (chosen.index < key.values().len()).then_some(chosen.index as u8);
                context.set_index(key, index);
                let shown = context.get(key).unwrap_or("don't know");
                lines.push(format!("{done} {} {shown}", key.question()));
            }
            Reply::Back => lines.push(format!("? {} (kept)", key.question())),
            Reply::Stop => return Ok((context, lines, true)),
        }
    }
    let options: Vec<String> = WORRIES
        .iter()
        .zip(WORRY_LABELS)
        .map(|(value, label)| option(value, label, width(&WORRIES)))
        .collect();
    let chosen: Vec<usize> = context
        .worries()
        .filter_map(|w| WORRIES.iter().position(|x| *x == w))
        .collect();
    let most = move |picked: &[ListOption<&String>]| {
        Ok(if picked.len() > MAX_WORRIES {
            Validation::Invalid(format!("choose at most {MAX_WORRIES}").into())
        } else {
            Validation::Valid
        })
    };
    let shown = |picked: &[ListOption<&String>]| {
        let names: Vec<&str> = picked.iter().map(|o| WORRIES[o.index]).collect();
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    let reply = MultiSelect::new(WORRIES_QUESTION, options)
        .with_formatter(&shown)
        .with_default(&chosen)
        .without_filtering()
        .with_validator(most)
        .with_help_message("↑↓ move, Space pick (up to two), Enter confirm (none is fine)")
        .with_render_config(render_config(style, "(kept)"))
        .raw_prompt();
    match reply_of(reply)? {
        Reply::Given(picked) => {
            let names: Vec<&str> = picked.iter().map(|o| WORRIES[o.index]).collect();
            // The validator allows at most two, so this cannot fail.
            context.set_worries(names.iter().copied())?;
            let shown = if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            };
            lines.push(format!("{done} {WORRIES_QUESTION} {shown}"));
        }
        Reply::Back => lines.push(format!("? {WORRIES_QUESTION} (kept)")),
        Reply::Stop => return Ok((context, lines, true)),
    }
    Ok((context, lines, false))
}

/// `10k-50k    10,000 to 50,000`: the value a file holds, and what it
/// means, in columns `width` wide.
fn option(value: &str, label: &str, width: usize) -> String {
    format!("{value:<width$}  {label}")
}

/// The widest of `values`, for the options' first column.
fn width(values: &[&str]) -> usize {
    values.iter().map(|v| v.len()).max().unwrap_or(0)
}
