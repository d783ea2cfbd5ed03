//! An .xlsx sheet streamed cell by cell (calamine's cell reader), so that a
//! large workbook is never held in memory whole: the rows are rebuilt from
//! the cells as the sheet's XML lists them, row after row.

use super::{Record, RowSource, cell_text};
use calamine::{Cell, Data, DataRef, XlsxCellReader};
use std::io::{Read, Seek};

/// The rows of one sheet, from the row of its first non-empty cell (the
/// header) on. Rows without cells come out as blank rows, columns without
/// cells as empty cells, as in the whole sheet read at once.
pub(super) struct Streamed<'a, RS: Read + Seek> {
    cells: XlsxCellReader<'a, RS>,
    /// The first cell of the row not yet handed on.
    pending: Option<Cell<DataRef<'a>>>,
    /// The sheet row (from 0) the next record stands for.
    row: u32,
    /// The header's first column: column 0 of every record.
    first_column: u32,
    /// The header's cells, once read: shorter rows are padded to it, as a
    /// sheet read whole pads them.
    width: Option<usize>,
    date_column: Option<usize>,
    text: String,
}

impl<'a, RS: Read + Seek> Streamed<'a, RS> {
    /// None when the sheet holds no value at all.
    pub(super) fn new(mut cells: XlsxCellReader<'a, RS>) -> std::io::Result<Option<Self>> {
        let Some(first) = next_value(&mut cells)? else {
            return Ok(None);
        };
        let (row, first_column) = first.get_position();
        Ok(Some(Streamed {
            cells,
            pending: Some(first),
            row,
            first_column,
            width: None,
            date_column: None,
            text: String::new(),
        }))
    }

    /// The header's row, as the spreadsheet numbers it (from 1).
    pub(super) fn header_row(&self) -> usize {
        self.row as usize + 1
    }
}

/// The next cell that holds a value (styled empty cells count for nothing,
/// as in a sheet read whole).
fn next_value<'a, RS: Read + Seek>(
    cells: &mut XlsxCellReader<'a, RS>,
) -> std::io::Result<Option<Cell<DataRef<'a>>>> {
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) if *cell.get_value() == DataRef::Empty => {}
            Ok(cell) => return Ok(cell),
            Err(e) => return Err(std::io::Error::other(e.to_string())),
        }
    }
}

impl<RS: Read + Seek> RowSource for Streamed<'_, RS> {
    fn next_row(&mut self, record: &mut Record) -> std::io::Result<bool> {
        let Some(cell) = self.pending.take() else {
            return Ok(false);
        };
        record.clear();
        let this = self.row;
        self.row += 1;
        if cell.get_position().0 < this {
            return Err(out_of_order(cell.get_position().0, this));
        }
        if cell.get_position().0 > this {
            // A row with no cells: blank, like an empty line in a CSV.
            self.pending = Some(cell);
            return Ok(true);
        }
        let strays = self.read_cells(cell, this, record)?;
        let width = *self.width.get_or_insert(record.len());
        while record.len() < width + strays {
            record.push_cell(b"");
        }
        Ok(true)
    }

    fn date_column(&mut self, column: Option<usize>) {
        self.date_column = column;
    }
}

impl<'a, RS: Read + Seek> Streamed<'a, RS> {
    /// The cells of sheet row `this`, from `cell` (its first) on, into
    /// `record`; the first cell of a later row is kept for the next call.
    /// Returns how many cells lay left of the header's first column.
    fn read_cells(
        &mut self,
        cell: Cell<DataRef<'a>>,
        this: u32,
        record: &mut Record,
    ) -> std::io::Result<usize> {
        let mut next = Some(cell);
        let (mut column, mut size, mut strays) = (self.first_column, 0, 0);
        while let Some(cell) = next.take_if(|c| c.get_position().0 == this) {
            let at = cell.get_position().1;
            if at < self.first_column {
                // Outside the header, as a cell right of it: the row comes
                // out longer than the header, an error of this row alone.
                strays += 1;
                next = next_value(&mut self.cells)?;
                continue;
            }
            if at < column {
                return Err(out_of_order(this, this));
            }
            while column < at {
                record.push_cell(b"");
                column += 1;
            }
            self.text.clear();
            let index = (at - self.first_column) as usize;
            let value = Data::from(cell.get_value().clone());
            cell_text(&mut self.text, &value, Some(index) == self.date_column);
            // The per-set limit of every format: one row is one answer set.
            size += self.text.len() as u64;
            if size > crate::input::MAX_SET_BYTES {
                return Err(crate::input::set_too_large());
            }
            record.push_cell(self.text.as_bytes());
            column += 1;
            next = next_value(&mut self.cells)?;
        }
        if let Some(c) = &next
            && c.get_position().0 < this
        {
            return Err(out_of_order(c.get_position().0, this));
        }
        self.pending = next;
        Ok(strays)
    }
}

/// The error for a sheet whose cells are not listed row after row, left to
/// right (a file no spreadsheet program writes, but a generator might).
fn out_of_order(row: u32, after: u32) -> std::io::Error {
    std::io::Error::other(format!(
        "the sheet lists row {} after row {}; open it in a spreadsheet program and save it again",
        row + 1,
        after + 1
    ))
}
