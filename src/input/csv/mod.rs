//! CSV input, as a survey form or a spreadsheet exports it: a header row of
//! question ids (plus optional `organisation` and `date` columns, anywhere),
//! then one row per respondent. Cells hold the number or the scale label; an
//! empty cell is "don't know". Rows count the header as row 1.
//!
//! This is the hot path of batch scoring: plain lines (no quotes) are split
//! here, eight bytes at a time; any other row is parsed with `csv-core` (the
//! parser under the `csv` crate). Rows land in buffers owned here and
//! reused, the header is resolved once, and a row costs no allocation.

mod header;
mod rows;
#[cfg(test)]
mod tests;

use super::{RowList, Sink};
use crate::answers::{self, Answer, AnswerError, AnswerProblem, Position, Respondent};
use crate::context::Context;
use crate::model::Model;
use header::{header, is_question_text_row};
pub(super) use rows::Record;
use rows::{Rows, sniff_delimiter};
use std::io::BufRead;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Organisation,
    Date,
    /// The answer to the trait at this position.
    Trait(usize),
    /// A context value: the index of its key in `Key::ALL`, or 4 for `worries`.
    Context(u8),
    /// Something else a survey export carries (Timestamp, Email): left alone.
    Ignored,
}

/// Where the rows come from: a CSV stream, or a workbook's sheet.
pub(super) trait RowSource {
    /// Reads the next row into `record`; false at the end.
    fn next_row(&mut self, record: &mut Record) -> std::io::Result<bool>;
    /// Which column (from 0) is `date`, once the header is read.
    fn date_column(&mut self, _column: Option<usize>) {}
}

impl<R: BufRead> RowSource for Rows<R> {
    fn next_row(&mut self, record: &mut Record) -> std::io::Result<bool> {
        self.read(record)
    }
}

/// Hands every row's answer set to `each`; returns the blank rows skipped.
pub(super) fn read(
    mut reader: impl BufRead,
    source: &str,
    model: &Model,
    strict_columns: bool,
    each: &mut dyn Sink,
) -> anyhow::Result<RowList> {
    let delimiter = match reader.fill_buf() {
        Ok(head) => sniff_delimiter(head),
        Err(_) => b',',
    };
    let rows = Rows::new(reader, delimiter);
    read_rows(rows, 1, source, model, strict_columns, each)
}

/// The CSV rules over rows from anywhere: the header (row `header_row`, 1 in
/// a CSV), then one answer set per row; returns the blank rows skipped. A bad
/// header is one error for the whole input; a bad row is an error for that
/// row, and reading goes on.
pub(super) fn read_rows(
    mut csv: impl RowSource,
    header_row: usize,
    source: &str,
    model: &Model,
    strict_columns: bool,
    each: &mut dyn Sink,
) -> anyhow::Result<RowList> {
    let mut record = Record::default();
    let cannot_read = |row: usize, e: std::io::Error| {
        AnswerError::single(source, Position::Row(row), format!("cannot read: {e}"))
    };

    let none = |()| RowList::default();
    match csv.next_row(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return each
                .push(Err(AnswerError::single(
                    source,
                    Position::Unknown,
                    "the file is empty; expected a header row of question ids \
                 (`salesevo questions --format csv` prints one)",
                )))
                .map(none);
        }
        Err(e) => return each.push(Err(cannot_read(header_row, e))).map(none),
    }
    let (columns, names) = match header(&record, source, model, strict_columns) {
        Ok(header) => header,
        Err(mut err) => {
            // The header's problems are found as row 1's.
            for problem in &mut err.problems {
                problem.position = Position::Row(header_row);
            }
            return each.push(Err(err)).map(none);
        }
    };
    csv.date_column(columns.iter().position(|c| *c == Column::Date));
    let ignored: Vec<String> = columns
        .iter()
        .zip(&names)
        .filter(|(c, _)| **c == Column::Ignored)
        .map(|(_, n)| match header::near_miss(n) {
            Some(close) => format!("{n} (did you mean \"{close}\"?)"),
            None => n.clone(),
        })
        .collect();
    if !ignored.is_empty() {
        const SHOWN: usize = 8;
        let more = match ignored.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        each.note(&format!(
            "{source}: columns ignored, not questions: {}{more} (--strict-columns makes them an error)",
            ignored[..ignored.len().min(SHOWN)].join(", ")
        ));
    }

    let traits = model.trait_count();
    let codes = codes(&columns);
    let missing: Vec<usize> = (0..traits)
        .filter(|p| !columns.contains(&Column::Trait(*p)))
        .collect();
    let mut row = header_row;
    let mut blank_rows = RowList::default();
    loop {
        match csv.next_row(&mut record) {
            Ok(true) => row += 1,
            Ok(false) => break,
            Err(e) => {
                let err = cannot_read(row + 1, e).at_row(row + 1);
                return each.push(Err(err)).map(|()| blank_rows);
            }
        }
        if row == header_row + 1 && is_question_text_row(&record, &columns, model) {
            continue;
        }
        // Only separators or white space (a spreadsheet's trailing rows): no respondent.
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            blank_rows.push(row);
            continue;
        }
        let blank = each.blank();
        each.push(
            respondent(
                blank, row, &record, &columns, &codes, &names, traits, &missing,
            )
            .map_err(|problems| AnswerError {
                row: Some(row),
                source: source.to_string(),
                problems: problems
                    .into_iter()
                    .map(|(field, message)| AnswerProblem {
                        position: Position::Row(row),
                        field,
                        message,
                    })
                    .collect(),
            }),
        )?;
    }
    if blank_rows.count > 0 {
        each.note(&blank_note(source, &blank_rows));
    }
    Ok(blank_rows)
}

/// "3 blank rows skipped (rows 5, 9, 12)", the first ten row numbers.
fn blank_note(source: &str, rows: &RowList) -> String {
    let list: Vec<String> = rows.first.iter().map(usize::to_string).collect();
    let more = if rows.count > rows.first.len() {
        ", ..."
    } else {
        ""
    };
    let (n, s) = (rows.count, if rows.count == 1 { "" } else { "s" });
    format!(
        "{source}: {n} blank row{s} skipped (row{s} {}{more})",
        list.join(", ")
    )
}

/// One row as answers in trait position order, or its problems as
/// (column, message). `set` is a used respondent whose buffers are reused;
/// `missing` are the trait positions no column answers.
#[allow(clippy::too_many_arguments)]
fn respondent(
    mut set: Respondent,
    row: usize,
    record: &Record,
    columns: &[Column],
    codes: &[u32],
    names: &[String],
    traits: usize,
    missing: &[usize],
) -> Result<Respondent, Vec<(Option<String>, String)>> {
    if record.len() != columns.len() {
        return Err(vec![(
            None,
            format!(
                "has {} cell{}, the header has {}",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                columns.len()
            ),
        )]);
    }
    set.row = row;
    // Every answered position is written below; only the others need resetting.
    if set.answers.len() == traits {
        for &position in missing {
            set.answers[position] = Answer::Unknown;
        }
    } else {
        set.answers.clear();
        set.answers.resize(traits, Answer::Unknown);
    }
    let Some(Cells {
        organisation,
        date,
        context,
    }) = fill(&mut set.answers, record, codes)
    else {
        return Err(problems(record, columns, names));
    };
    set.context = Context::default();
    if context.iter().any(|c| !c.is_empty()) {
        let mut errors = Vec::new();
        for (k, cell) in context.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            if let Err(e) = set.context.set_cell(k, cell) {
                let column = columns.iter().position(|c| *c == Column::Context(k as u8));
                errors.push((column.map(|i| names[i].clone()), e.0));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    let text = |cell: &[u8], buffer: Option<String>| match std::str::from_utf8(cell) {
        Ok(text) => {
            let text = trim(text);
            if text.is_empty() {
                return Ok(None);
            }
            let mut buffer = buffer.unwrap_or_default();
            buffer.clear();
            buffer.push_str(text);
            Ok(Some(buffer))
        }
        Err(_) => Err(()),
    };
    match (
        text(organisation, set.organisation.take()),
        text(date, set.date.take()),
    ) {
        (Ok(organisation), Ok(date)) => {
            set.organisation = organisation;
            set.date = date;
            Ok(set)
        }
        _ => Err(problems(record, columns, names)),
    }
}

/// A column as the hot loop reads it: the trait position, or one of these.
const ORGANISATION_CODE: u32 = u32::MAX;
const DATE_CODE: u32 = u32::MAX - 1;
const IGNORED_CODE: u32 = u32::MAX - 2;
/// `CONTEXT_CODE - k` for context column `k` (0-4).
const CONTEXT_CODE: u32 = u32::MAX - 3;

fn codes(columns: &[Column]) -> Vec<u32> {
    columns
        .iter()
        .map(|c| match c {
            Column::Organisation => ORGANISATION_CODE,
            Column::Date => DATE_CODE,
            Column::Ignored => IGNORED_CODE,
            Column::Context(k) => CONTEXT_CODE - u32::from(*k),
            Column::Trait(p) => u32::try_from(*p).unwrap_or(IGNORED_CODE - 16),
        })
        .collect()
}

/// The hot loop, which every cell of every row passes: the answers into
/// `answers`; the organisation and date cells back, or None when a cell is
/// not an answer (the caller then finds out why, the slow way). A lone digit
/// 0-4, by far the most common cell, is read without slicing the cell.
fn fill<'r>(answers: &mut [Answer], record: &'r Record, codes: &[u32]) -> Option<Cells<'r>> {
    let mut cells = Cells::default();
    let bytes = record.bytes.as_slice();
    let gap = record.gap;
    let mut start = 0;
    for (&end, &code) in record.ends[..record.len].iter().zip(codes) {
        let position = code as usize;
        if end == start + 1
            && let (Some(slot), Some(byte)) = (answers.get_mut(position), bytes.get(start))
        {
            let digit = byte.wrapping_sub(b'0');
            if digit <= 4 {
                *slot = Answer::Scale(digit);
                start = end + gap;
                continue;
            }
        }
        let cell = bytes.get(start..end)?;
        start = end + gap;
        match code {
            ORGANISATION_CODE => cells.organisation = cell,
            DATE_CODE => cells.date = cell,
            IGNORED_CODE => {}
            c if c <= CONTEXT_CODE && c > CONTEXT_CODE - 5 => {
                cells.context[(CONTEXT_CODE - c) as usize] = cell;
            }
            _ => *answers.get_mut(position)? = parse_cell_slowly(cell)?,
        }
    }
    Some(cells)
}

/// The cells of a row that are not answers.
#[derive(Default)]
struct Cells<'r> {
    organisation: &'r [u8],
    date: &'r [u8],
    /// Per context column (the keys, then `worries`).
    context: [&'r [u8]; 5],
}

/// `text` without leading and trailing white space (Unicode's, as
/// [`str::trim`]), looking no further when both ends are plain ASCII.
fn trim(text: &str) -> &str {
    let plain = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace();
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => text,
        _ => text.trim(),
    }
}

/// Every problem of a row, with its column: the slow path, for bad rows only.
fn problems(
    record: &Record,
    columns: &[Column],
    names: &[String],
) -> Vec<(Option<String>, String)> {
    let mut problems = Vec::new();
    for ((cell, column), name) in record.iter().zip(columns).zip(names) {
        match column {
            Column::Trait(_) => {
                let ok = matches!(cell, [b'0'..=b'4']) || parse_cell_slowly(cell).is_some();
                if !ok {
                    problems.push((
                        Some(name.clone()),
                        answers::off_scale(&String::from_utf8_lossy(cell)),
                    ));
                }
            }
            Column::Ignored | Column::Context(_) => {}
            Column::Organisation | Column::Date => {
                if std::str::from_utf8(cell).is_err() {
                    problems.push((Some(name.clone()), "is not valid UTF-8 text".into()));
                }
            }
        }
    }
    problems
}

/// A cell that is not a lone digit 0-4 (those are read in the hot loop):
/// empty cells, labels as the scale writes them (without allocating), then
/// whatever [`Answer::parse`] accepts.
#[cold]
fn parse_cell_slowly(cell: &[u8]) -> Option<Answer> {
    match cell {
        b"" => Some(Answer::Unknown),
        b"not true at all" => Some(Answer::Scale(0)),
        b"slightly" => Some(Answer::Scale(1)),
        b"partly" => Some(Answer::Scale(2)),
        b"mostly" => Some(Answer::Scale(3)),
        b"fully true" => Some(Answer::Scale(4)),
        _ => std::str::from_utf8(cell).ok().and_then(Answer::parse),
    }
}
