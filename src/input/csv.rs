//! CSV input, as a survey form or a spreadsheet exports it: a header row of
//! question ids (plus optional `organisation` and `date` columns, anywhere),
//! then one row per respondent. Cells hold the number or the scale label; an
//! empty cell is "don't know". Rows count the header as row 1.
//!
//! This is the hot path of batch scoring: plain lines (no quotes) are split
//! here, eight bytes at a time; any other row is parsed with `csv-core` (the
//! parser under the `csv` crate). Rows land in buffers owned here and
//! reused, the header is resolved once, and a row costs no allocation.

use super::Sink;
use crate::answers::{self, Answer, AnswerError, AnswerProblem, Position, Respondent};
use crate::model::Model;
use std::io::BufRead;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Organisation,
    Date,
    /// The answer to the trait at this position.
    Trait(usize),
    /// Something else a survey export carries (Timestamp, Email): left alone.
    Ignored,
}

/// Hands every row's answer set to `each`. A bad header is one error for the
/// whole file; a bad row is an error for that row, and reading goes on.
pub(super) fn read(
    mut reader: impl BufRead,
    source: &str,
    model: &Model,
    strict_columns: bool,
    each: &mut dyn Sink,
) -> anyhow::Result<()> {
    let delimiter = match reader.fill_buf() {
        Ok(head) => sniff_delimiter(head),
        Err(_) => b',',
    };
    let mut csv = Rows::new(reader, delimiter);
    let mut record = Record::default();
    let cannot_read = |row: usize, e: std::io::Error| {
        AnswerError::single(source, Position::Row(row), format!("cannot read: {e}"))
    };

    match csv.read(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return each.push(Err(AnswerError::single(
                source,
                Position::Unknown,
                "the file is empty; expected a header row of question ids \
                 (`salesevo questions --format csv` prints one)",
            )));
        }
        Err(e) => return each.push(Err(cannot_read(1, e))),
    }
    let (columns, names) = match header(&record, source, model, strict_columns) {
        Ok(header) => header,
        Err(err) => return each.push(Err(err)),
    };
    let ignored: Vec<&str> = columns
        .iter()
        .zip(&names)
        .filter(|(c, _)| **c == Column::Ignored)
        .map(|(_, n)| n.as_str())
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
    let mut row = 1;
    let mut blank_rows = Vec::new();
    loop {
        match csv.read(&mut record) {
            Ok(true) => row += 1,
            Ok(false) => break,
            Err(e) => return each.push(Err(cannot_read(row + 1, e))),
        }
        if row == 2 && is_question_text_row(&record, &columns, model) {
            continue;
        }
        // Only separators or white space (a spreadsheet's trailing rows): no respondent.
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            blank_rows.push(row);
            continue;
        }
        let blank = each.blank();
        each.push(
            respondent(blank, &record, &columns, &codes, &names, traits, &missing).map_err(
                |problems| AnswerError {
                    source: source.to_string(),
                    problems: problems
                        .into_iter()
                        .map(|(field, message)| AnswerProblem {
                            position: Position::Row(row),
                            field,
                            message,
                        })
                        .collect(),
                },
            ),
        )?;
    }
    if !blank_rows.is_empty() {
        each.note(&blank_note(source, &blank_rows));
    }
    Ok(())
}

/// "3 blank rows skipped (rows 5, 9, 12)", at most eight row numbers.
fn blank_note(source: &str, rows: &[usize]) -> String {
    const SHOWN: usize = 8;
    let list: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    let more = if rows.len() > SHOWN { ", ..." } else { "" };
    let (n, s) = (rows.len(), if rows.len() == 1 { "" } else { "s" });
    format!(
        "{source}: {n} blank row{s} skipped (row{s} {}{more})",
        list.join(", ")
    )
}

/// One row's cells: the bytes of every cell one after the other, and where
/// each ends. Reused from row to row.
struct Record {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
    /// Bytes between one cell's end and the next one's start: 0 when the
    /// parser wrote the cells, 1 when `bytes` holds the line as it was, with
    /// its delimiters.
    gap: usize,
}

impl Default for Record {
    fn default() -> Record {
        Record {
            bytes: vec![0; 1024],
            ends: vec![0; 64],
            len: 0,
            gap: 0,
        }
    }
}

impl Record {
    fn len(&self) -> usize {
        self.len
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let ends = &self.ends[..self.len];
        let bytes = &self.bytes[..];
        let gap = self.gap;
        ends.iter().scan(0, move |start, &end| {
            let cell = bytes.get(*start..end).unwrap_or_default();
            *start = end + gap;
            Some(cell)
        })
    }
}

/// Rows of a CSV stream.
struct Rows<R> {
    reader: R,
    parser: csv_core::Reader,
    /// Every byte's class for the plain-line fast path (see [`Rows::plain_line`]).
    classes: [Class; 256],
    delimiter: u8,
}

/// What a byte means on a plain line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Cell,
    Delimiter,
    LineEnd,
    /// A quote or a carriage return: the line is left to the parser.
    Special,
}

impl<R: BufRead> Rows<R> {
    fn new(reader: R, delimiter: u8) -> Rows<R> {
        let mut classes = [Class::Cell; 256];
        classes[usize::from(delimiter)] = Class::Delimiter;
        classes[usize::from(b'\n')] = Class::LineEnd;
        classes[usize::from(b'"')] = Class::Special;
        classes[usize::from(b'\r')] = Class::Special;
        Rows {
            reader,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            classes,
            delimiter,
        }
    }

    /// Reads the next row into `record`; false at the end of the input.
    fn read(&mut self, record: &mut Record) -> std::io::Result<bool> {
        if self.plain_line(record)? {
            return Ok(true);
        }
        self.parse(record)
    }

    /// The common case, a quarter of the parser's cost: a whole line in the
    /// buffer with no quote and no carriage return (but a last one before the
    /// line feed). Its cells are what lies between the delimiters, which is
    /// exactly what the parser makes of it; empty lines are skipped, as the
    /// parser skips them. Anything else is left to the parser (false), which
    /// always starts on a row's first byte here.
    fn plain_line(&mut self, record: &mut Record) -> std::io::Result<bool> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if record.ends.len() < buffer.len() + 1 {
                record.ends.resize(buffer.len() + 1, 0);
            }
            let Some(line) =
                split_plain_line(buffer, &self.classes, self.delimiter, &mut record.ends)
            else {
                return Ok(false);
            };
            let PlainLine {
                cells,
                length,
                next,
            } = line;
            if record.bytes.len() < length {
                record.bytes.resize(length, 0);
            }
            record.bytes[..length].copy_from_slice(&buffer[..length]);
            self.reader.consume(next);
            if length == 0 {
                continue;
            }
            record.ends[cells] = length;
            record.len = cells + 1;
            record.gap = 1;
            return Ok(true);
        }
    }

    /// Any row, with csv-core.
    fn parse(&mut self, record: &mut Record) -> std::io::Result<bool> {
        use csv_core::ReadRecordResult as Read;
        let (mut bytes, mut ends) = (0, 0);
        loop {
            let input = self.reader.fill_buf()?;
            let (result, read, written, ended) = self.parser.read_record(
                input,
                &mut record.bytes[bytes..],
                &mut record.ends[ends..],
            );
            self.reader.consume(read);
            bytes += written;
            ends += ended;
            match result {
                Read::InputEmpty => {}
                Read::OutputFull => {
                    let grown = record.bytes.len() * 2;
                    record.bytes.resize(grown, 0);
                }
                Read::OutputEndsFull => {
                    let grown = record.ends.len() * 2;
                    record.ends.resize(grown, 0);
                }
                Read::Record => {
                    record.len = ends;
                    record.gap = 0;
                    return Ok(true);
                }
                Read::End => {
                    record.len = 0;
                    return Ok(false);
                }
            }
        }
    }
}

/// A plain line found in a buffer: where its delimiters are (in the `ends`
/// given), how long it is without its line end, and where the next one starts.
struct PlainLine {
    cells: usize,
    length: usize,
    next: usize,
}

/// Finds the first line of `buffer` if it is plain (see [`Rows::plain_line`]),
/// writing the position of each delimiter to `ends` (which has room for one
/// per byte). Eight bytes at a time: a word's delimiters, line feeds, quotes
/// and carriage returns are found with bit arithmetic, so a line costs a few
/// operations per word and per cell rather than per byte.
fn split_plain_line(
    buffer: &[u8],
    classes: &[Class; 256],
    delimiter: u8,
    ends: &mut [usize],
) -> Option<PlainLine> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    /// The high bit of every byte of `x` that is zero, and nothing else.
    fn zero_bytes(x: u64) -> u64 {
        !(((x & LOW7) + LOW7) | x | LOW7)
    }
    let [delimiters, line_feeds, quotes, returns] =
        [delimiter, b'\n', b'"', b'\r'].map(|b| ONES * u64::from(b));
    let mut cells = 0;
    let mut i = 0;
    while let Some(chunk) = buffer.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let mut found = zero_bytes(word ^ delimiters);
        let special =
            zero_bytes(word ^ line_feeds) | zero_bytes(word ^ quotes) | zero_bytes(word ^ returns);
        let stop = (special != 0).then(|| special.trailing_zeros() / 8);
        if let Some(stop) = stop {
            // Only the delimiters before the first special byte count.
            found &= (1u64 << (stop * 8)) - 1;
        }
        while found != 0 {
            *ends.get_mut(cells)? = i + (found.trailing_zeros() / 8) as usize;
            cells += 1;
            found &= found - 1;
        }
        if let Some(stop) = stop {
            return line_end(buffer, i + stop as usize, cells);
        }
        i += 8;
    }
    // The last few bytes, one at a time.
    for (at, &byte) in buffer.iter().enumerate().skip(i) {
        match classes[usize::from(byte)] {
            Class::Cell => {}
            Class::Delimiter => {
                *ends.get_mut(cells)? = at;
                cells += 1;
            }
            Class::LineEnd | Class::Special => return line_end(buffer, at, cells),
        }
    }
    None
}

/// The line that a line feed (or a carriage return and line feed) at `at`
/// ends; None for a quote or a lone carriage return, left to the parser.
fn line_end(buffer: &[u8], at: usize, cells: usize) -> Option<PlainLine> {
    match buffer.get(at..)? {
        [b'\n', ..] => Some(PlainLine {
            cells,
            length: at,
            next: at + 1,
        }),
        [b'\r', b'\n', ..] => Some(PlainLine {
            cells,
            length: at,
            next: at + 2,
        }),
        _ => None,
    }
}

/// `;` when the first line has semicolons and no commas (spreadsheets in
/// locales with a decimal comma export that way), else `,`.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    if !first.contains(&b',') && first.contains(&b';') {
        b';'
    } else {
        b','
    }
}

/// Resolves the header row once: every column to what it holds, with every
/// problem of the header reported together.
fn header(
    record: &Record,
    source: &str,
    model: &Model,
    strict_columns: bool,
) -> Result<(Vec<Column>, Vec<String>), AnswerError> {
    // A form tool exports the questions' texts as headers: matched after
    // trimming and case-folding.
    let statements: Vec<(String, usize)> = model
        .traits()
        .enumerate()
        .map(|(p, (_, t))| (t.question.trim().to_lowercase(), p))
        .collect();
    let mut columns = Vec::with_capacity(record.len());
    let mut names = Vec::with_capacity(record.len());
    let mut problems = Vec::new();
    let mut problem = |field: Option<String>, message: String| {
        problems.push(AnswerProblem {
            position: Position::Row(1),
            field,
            message,
        })
    };
    for (i, cell) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        let folded = name.to_lowercase();
        let column = if ["organisation", "organization", "name", "team"].contains(&folded.as_str())
        {
            Some(Column::Organisation)
        } else if folded == "date" {
            Some(Column::Date)
        } else {
            model.trait_position(&name).map(Column::Trait).or_else(|| {
                statements
                    .iter()
                    .find(|(text, _)| *text == folded)
                    .map(|&(_, p)| Column::Trait(p))
            })
        };
        // Not a question: kept aside, unless it looks like a mistyped id.
        let typo = answers::did_you_mean(model, &name);
        let column = match column {
            None if !strict_columns && typo.is_empty() => Some(Column::Ignored),
            other => other,
        };
        match column {
            None if name.is_empty() => problem(
                None,
                format!("column {} has no name; expected a question id", i + 1),
            ),
            None => problem(
                Some(name.clone()),
                format!(
                    "unknown question id{typo} (`salesevo questions --format csv` prints the header)"
                ),
            ),
            Some(Column::Ignored) => {}
            Some(column) => {
                if let Some(first) = columns.iter().position(|c| *c == column) {
                    problem(
                        Some(name.clone()),
                        format!(
                            "appears twice (columns {} and {}); keep one of them",
                            first + 1,
                            i + 1
                        ),
                    );
                }
            }
        }
        columns.push(column.unwrap_or(Column::Ignored));
        names.push(name);
    }
    if problems.is_empty() && !columns.iter().any(|c| matches!(c, Column::Trait(_))) {
        problems.push(AnswerProblem {
            position: Position::Row(1),
            field: None,
            message: "no column is a question id or a question's text \
                      (`salesevo questions --format csv` prints the header)"
                .to_string(),
        });
    }
    if problems.is_empty() {
        Ok((columns, names))
    } else {
        Err(AnswerError {
            source: source.to_string(),
            problems,
        })
    }
}

/// Whether row 2 holds the questions' texts, as `questions --format csv
/// --with-text` prints them: a form built from that header keeps them.
fn is_question_text_row(record: &Record, columns: &[Column], model: &Model) -> bool {
    let questions: Vec<&str> = model.traits().map(|(_, t)| t.question.as_str()).collect();
    let mut any = false;
    for (cell, column) in record.iter().zip(columns) {
        if let Column::Trait(position) = column {
            any = true;
            if cell.trim_ascii() != questions[*position].as_bytes() {
                return false;
            }
        }
    }
    any
}

/// One row as answers in trait position order, or its problems as
/// (column, message). `set` is a used respondent whose buffers are reused;
/// `missing` are the trait positions no column answers.
fn respondent(
    mut set: Respondent,
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
    // Every answered position is written below; only the others need resetting.
    if set.answers.len() == traits {
        for &position in missing {
            set.answers[position] = Answer::Unknown;
        }
    } else {
        set.answers.clear();
        set.answers.resize(traits, Answer::Unknown);
    }
    let Some((organisation, date)) = fill(&mut set.answers, record, codes) else {
        return Err(problems(record, columns, names));
    };
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

fn codes(columns: &[Column]) -> Vec<u32> {
    columns
        .iter()
        .map(|c| match c {
            Column::Organisation => ORGANISATION_CODE,
            Column::Date => DATE_CODE,
            Column::Ignored => IGNORED_CODE,
            Column::Trait(p) => u32::try_from(*p).unwrap_or(IGNORED_CODE - 1),
        })
        .collect()
}

/// The hot loop, which every cell of every row passes: the answers into
/// `answers`; the organisation and date cells back, or None when a cell is
/// not an answer (the caller then finds out why, the slow way). A lone digit
/// 0-4, by far the most common cell, is read without slicing the cell.
fn fill<'r>(
    answers: &mut [Answer],
    record: &'r Record,
    codes: &[u32],
) -> Option<(&'r [u8], &'r [u8])> {
    let (mut organisation, mut date): (&[u8], &[u8]) = (b"", b"");
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
            ORGANISATION_CODE => organisation = cell,
            DATE_CODE => date = cell,
            IGNORED_CODE => {}
            _ => *answers.get_mut(position)? = parse_cell_slowly(cell)?,
        }
    }
    Some((organisation, date))
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
            Column::Ignored => {}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn read_all(text: &str) -> Vec<Result<Respondent, String>> {
        let model = load_embedded().unwrap();
        let mut got = Vec::new();
        read(
            text.as_bytes(),
            "a.csv",
            &model,
            false,
            &mut |item: crate::input::Item| {
                got.push(item.map_err(|e| e.to_string()));
                Ok(())
            },
        )
        .unwrap();
        got
    }

    #[test]
    fn cells_take_numbers_labels_and_blanks() {
        let model = load_embedded().unwrap();
        let ids: Vec<&str> = model.traits().take(3).map(|(_, t)| t.id.as_str()).collect();
        let text = format!(
            "{},Organisation,{},{}\n4,\" Acme \",mostly,\n",
            ids[0], ids[1], ids[2]
        );
        let got = read_all(&text);
        let set = got[0].as_ref().unwrap();
        assert_eq!(set.organisation.as_deref(), Some("Acme"));
        assert_eq!(
            set.answers[..3],
            [Answer::Scale(4), Answer::Scale(3), Answer::Unknown]
        );
    }

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "\u{a0}Acme",
            "Acme\u{2003}",
            "a b",
            "\tx\r",
            "é",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn the_fast_labels_are_the_scale() {
        for (i, label) in answers::SCALE.iter().enumerate() {
            assert_eq!(
                parse_cell_slowly(label.as_bytes()),
                Some(Answer::Scale(i as u8))
            );
            assert_eq!(parse_cell_slowly(label.as_bytes()), Answer::parse(label));
        }
        assert_eq!(parse_cell_slowly(b"Mostly "), Some(Answer::Scale(3)));
        assert_eq!(parse_cell_slowly(b"7"), None);
    }

    #[test]
    fn a_bad_cell_names_row_column_and_value() {
        let model = load_embedded().unwrap();
        let id = &model.stages()[2].traits[1].id;
        let got = read_all(&format!("organisation,{id}\nA,3\nB,7\nC,1\n"));
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            &format!("a.csv row 3, column \"{id}\": {}", answers::off_scale("7"))
        );
        assert!(got[2].is_ok());
    }

    #[test]
    fn an_unknown_column_is_one_error_with_a_suggestion() {
        let model = load_embedded().unwrap();
        let id = &model.stages()[2].traits[1].id;
        let typo = &id[..id.len() - 1];
        let got = read_all(&format!("organisation,{typo}\nA,3\n"));
        assert_eq!(
            got,
            [Err(format!(
                "a.csv row 1, column \"{typo}\": unknown question id; did you mean \"{id}\"? \
                 (`salesevo questions --format csv` prints the header)"
            ))]
        );
    }

    #[test]
    fn rows_grow_their_buffers_and_keep_quoted_line_breaks() {
        let long = "x".repeat(5000);
        let cells = vec!["a"; 150].join(",");
        let text = format!("h1,h2\r\n\"two\r\nlines, and a comma\",2\r\n{long},{cells}\n\nlast,1");
        let mut rows = Rows::new(text.as_bytes(), b',');
        let mut record = Record::default();
        let mut got = Vec::new();
        while rows.read(&mut record).unwrap() {
            let cells: Vec<String> = record
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            got.push(cells);
        }
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], ["two\r\nlines, and a comma", "2"]);
        assert_eq!(got[2].len(), 151);
        assert_eq!(got[2][0], long);
        assert_eq!(got[3], ["last", "1"]);
    }

    /// Every row of `text`, read by `Rows` (plain lines by the fast path)
    /// or by the parser alone.
    fn rows_of(text: &[u8], delimiter: u8, parser_only: bool) -> Vec<Vec<Vec<u8>>> {
        // A small buffer, so that lines also straddle refills.
        let reader = std::io::BufReader::with_capacity(16, text);
        let mut rows = Rows::new(reader, delimiter);
        let mut record = Record::default();
        let mut got = Vec::new();
        loop {
            let more = if parser_only {
                rows.parse(&mut record)
            } else {
                rows.read(&mut record)
            };
            if !more.unwrap() {
                return got;
            }
            got.push(record.iter().map(<[u8]>::to_vec).collect());
        }
    }

    #[test]
    fn the_fast_path_reads_every_line_as_the_parser_does() {
        const BYTES: &[u8] = b"ab1,;,\"\r\n \n,,";
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for case in 0..3000 {
            let len = (next() % 200) as usize;
            let text: Vec<u8> = (0..len)
                .map(|_| BYTES[(next() % BYTES.len() as u64) as usize])
                .collect();
            let delimiter = if case % 3 == 0 { b';' } else { b',' };
            assert_eq!(
                rows_of(&text, delimiter, false),
                rows_of(&text, delimiter, true),
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    #[test]
    fn a_quoted_line_break_is_still_one_row() {
        let model = load_embedded().unwrap();
        let id = &model.stages()[2].traits[1].id;
        let got = read_all(&format!("organisation,{id}\n\"A\nB\",3\nC,9\n"));
        assert_eq!(
            got[0].as_ref().unwrap().organisation.as_deref(),
            Some("A\nB")
        );
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            &format!("a.csv row 3, column \"{id}\": {}", answers::off_scale("9"))
        );
    }

    #[test]
    fn semicolons_are_taken_when_the_header_has_no_commas() {
        let model = load_embedded().unwrap();
        let id = &model.stages()[0].traits[0].id;
        let got = read_all(&format!("organisation;{id}\nA;2\n"));
        assert_eq!(got[0].as_ref().unwrap().answers[0], Answer::Scale(2));
    }

    #[test]
    fn short_rows_and_question_text_rows() {
        let model = load_embedded().unwrap();
        let (_, t) = model.traits().next().unwrap();
        let text = format!(
            "organisation,{}\nOrganisation,\"{}\"\nA\n",
            t.id,
            t.question.replace('"', "\"\"")
        );
        let got = read_all(&text);
        assert_eq!(
            got,
            [Err("a.csv row 3: has 1 cell, the header has 2".to_string())]
        );
    }
}
