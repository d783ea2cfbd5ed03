//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods), read with calamine: one
//! sheet, each of its rows turned into the CSV reader's record, so that the
//! CSV rules apply unchanged (header, labels, `n/a`, blank rows, limits).
//!
//! An .xlsx sheet is streamed cell by cell (`cells.rs`); calamine reads the
//! other formats' sheets whole, and their rows are handed on one at a time.

mod cells;

use super::csv::{Record, RowSource, read_rows};
use super::{ReadOptions, RowList, Sink, set_too_large};
use crate::answers::{AnswerError, Position};
use crate::model::Model;
use calamine::{Data, Reader};
use std::fmt::Write as _;
use std::path::Path;

/// Why a workbook cannot come from standard input: calamine needs to seek.
pub(super) const FROM_STDIN: &str = "a workbook (.xlsx, .xls, .ods) is read from a file, \
     not from standard input; save it and name the file";

/// Hands every row of the sheet to `each` as the CSV reader does; returns the
/// blank rows skipped. Rows are numbered as the spreadsheet numbers them, the
/// header being the sheet's first row that holds anything (row 1, usually).
pub(super) fn read(
    path: &Path,
    source: &str,
    model: &Model,
    options: &ReadOptions,
    each: &mut dyn Sink,
) -> anyhow::Result<RowList> {
    let fail = |each: &mut dyn Sink, message: String| {
        each.push(Err(AnswerError::single(source, Position::Unknown, message)))
            .map(|()| RowList::default())
    };
    // calamine's own message for a missing file names no cause.
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return fail(each, "is a folder, not an answer file".into()),
        Ok(_) => {}
        Err(e) => return fail(each, format!("cannot read: {e}")),
    }
    let mut workbook = match calamine::open_workbook_auto(path) {
        Ok(workbook) => workbook,
        Err(e) => {
            return fail(
                each,
                format!("cannot read as a workbook (.xlsx, .xls, .ods): {e}"),
            );
        }
    };
    let names = workbook.sheet_names();
    let sheet = match pick_sheet(&names, options.sheet.as_deref()) {
        Ok(sheet) => sheet,
        Err(message) => return fail(each, message),
    };
    if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
        let cells = xlsx
            .worksheet_cells_reader(&sheet)
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(cells::Streamed::new);
        return match cells {
            Ok(Some(rows)) => {
                let header_row = rows.header_row();
                read_rows(
                    rows,
                    header_row,
                    source,
                    model,
                    options.strict_columns,
                    each,
                )
            }
            Ok(None) => fail(each, empty_sheet(&sheet)),
            Err(e) => fail(each, format!("cannot read sheet \"{sheet}\": {e}")),
        };
    }
    let range = match workbook.worksheet_range(&sheet) {
        Ok(range) => range,
        Err(e) => return fail(each, format!("cannot read sheet \"{sheet}\": {e}")),
    };
    let Some((first, _)) = range.start().filter(|_| !range.is_empty()) else {
        return fail(each, empty_sheet(&sheet));
    };
    let rows = Sheet {
        rows: range.rows(),
        date_column: None,
        text: String::new(),
    };
    read_rows(
        rows,
        first as usize + 1,
        source,
        model,
        options.strict_columns,
        each,
    )
}

fn empty_sheet(sheet: &str) -> String {
    format!(
        "sheet \"{sheet}\" is empty; expected a header row of question ids \
         (`salesevo questions --format csv` prints one)"
    )
}

/// The sheet asked for (exactly, else in any case), or the first one.
fn pick_sheet(names: &[String], wanted: Option<&str>) -> Result<String, String> {
    let listed = || {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_string()),
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.to_lowercase() == wanted.to_lowercase())
            })
            .cloned()
            .ok_or_else(|| format!("no sheet \"{wanted}\"; the sheets are {}", listed())),
    }
}

/// A sheet's rows, as CSV records.
struct Sheet<'a> {
    rows: calamine::Rows<'a, Data>,
    date_column: Option<usize>,
    /// One cell's text, reused.
    text: String,
}

impl RowSource for Sheet<'_> {
    fn next_row(&mut self, record: &mut Record) -> std::io::Result<bool> {
        let Some(cells) = self.rows.next() else {
            return Ok(false);
        };
        record.clear();
        let mut size = 0;
        for (i, cell) in cells.iter().enumerate() {
            self.text.clear();
            cell_text(&mut self.text, cell, Some(i) == self.date_column);
            // The per-set limit of every format: one row is one answer set.
            size += self.text.len() as u64;
            if size > super::MAX_SET_BYTES {
                return Err(set_too_large());
            }
            record.push_cell(self.text.as_bytes());
        }
        Ok(true)
    }

    fn date_column(&mut self, column: Option<usize>) {
        self.date_column = column;
    }
}

/// A cell as the CSV text a spreadsheet would export: whole numbers without
/// a fraction (3.0 is `3`, 3.5 stays `3.5` and is off the scale), dates as
/// ISO dates (`YYYY-MM-DD`, with the time when there is one, except in the
/// `date` column), booleans and errors as the spreadsheet shows them.
fn cell_text(out: &mut String, cell: &Data, date_column: bool) {
    // Writing to a String cannot fail.
    let _ = match cell {
        Data::Empty => Ok(()),
        Data::String(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::Int(n) => write!(out, "{n}"),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => write!(out, "{}", *x as i64),
        Data::Float(x) => write!(out, "{x}"),
        Data::Bool(b) => write!(out, "{}", if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if date_column || (h, mi, s) == (0, 0, 0) {
                write!(out, "{y:04}-{mo:02}-{d:02}")
            } else {
                write!(out, "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(duration) => write!(out, "{}", duration.as_f64()),
        Data::DateTimeIso(iso) if date_column => {
            out.push_str(iso.split('T').next().unwrap_or(iso));
            Ok(())
        }
        Data::DateTimeIso(iso) | Data::DurationIso(iso) => {
            out.push_str(iso);
            Ok(())
        }
        Data::Error(e) => write!(out, "{e}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn text(cell: Data, date_column: bool) -> String {
        let mut out = String::new();
        cell_text(&mut out, &cell, date_column);
        out
    }

    #[test]
    fn cells_read_as_a_csv_export_writes_them() {
        assert_eq!(text(Data::Float(3.0), false), "3");
        assert_eq!(text(Data::Float(3.5), false), "3.5");
        assert_eq!(text(Data::Int(4), false), "4");
        assert_eq!(text(Data::String("3 mostly".into()), false), "3 mostly");
        assert_eq!(text(Data::Bool(true), false), "TRUE");
        assert_eq!(text(Data::Empty, false), "");
        // 2026-11-02, then 10:30 on that day.
        let day = |serial| {
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            ))
        };
        assert_eq!(text(day(46328.0), false), "2026-11-02");
        assert_eq!(text(day(46328.4375), false), "2026-11-02 10:30:00");
        assert_eq!(text(day(46328.4375), true), "2026-11-02");
        let iso = Data::DateTimeIso("2026-11-02T10:30:00".into());
        assert_eq!(text(iso.clone(), true), "2026-11-02");
        assert_eq!(text(iso, false), "2026-11-02T10:30:00");
    }

    #[test]
    fn a_sheet_is_found_by_name_and_an_unknown_one_lists_them() {
        let names = vec!["Responses".to_string(), "Notes".to_string()];
        assert_eq!(pick_sheet(&names, None).unwrap(), "Responses");
        assert_eq!(pick_sheet(&names, Some("notes")).unwrap(), "Notes");
        assert_eq!(
            pick_sheet(&names, Some("Sheet1")).unwrap_err(),
            "no sheet \"Sheet1\"; the sheets are \"Responses\", \"Notes\""
        );
    }
}
